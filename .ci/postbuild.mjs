#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml): turns Trunk's output into the shipped app.
//
//   1. Inline <script>s move into files (boot-HASH.js), so the page runs under a strict
//      Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'.
//   1b. Release builds: the page's two stylesheets become one file (one request fewer).
//   2. Release builds: the CSP goes into index.html as a <meta>, the boot script registers
//      the service worker, and sw.js lists every asset with a content hash as its version
//      (offline after the first visit; a new deployment is a new version).
//   2b. Release builds: a snapshot of the widget's first view goes into index.html, so the
//      page shows it before the wasm has started (.ci/prerender.mjs).
//   3. contract-calculator.html: the single-file build. CSS, JS and the gzip'd wasm (base64)
//      inlined in one HTML file that works from file:// with no server and no network. Its
//      one inline script and one inline style are allowed by their sha256 in its own CSP.
//
// Trunk runs it with TRUNK_STAGING_DIR, TRUNK_PROFILE and TRUNK_PUBLIC_URL set. By hand:
//   TRUNK_PROFILE=release node .ci/postbuild.mjs dist/
// CC_BUILD_ID, if set, is mixed into the service worker's version (tests use it to deploy a
// "new version" of the same files).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { prerender, withoutCommentLines } from './prerender.mjs';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) {
  console.error('usage: node .ci/postbuild.mjs DIST_DIR (or run as a Trunk post_build hook)');
  process.exit(2);
}
const release = (process.env.TRUNK_PROFILE ?? 'release') === 'release';
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? '/';
const src = new URL('../src/js/', import.meta.url);
const SINGLE = 'contract-calculator.html';

/// The CSP of the served app. No origin but our own, for anything.
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const hash = (alg, data, enc = 'base64') => createHash(alg).update(data).digest(enc);
const files = (d) =>
  readdirSync(d, { recursive: true })
    .map((f) => String(f))
    .filter((f) => statSync(join(d, f)).isFile())
    .sort();
const escapeAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

// Trunk's index.html, possibly already processed by an earlier run of this script.
const indexPath = join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');

// 1. Inline scripts → files. Trunk writes one (the module that loads the wasm; in `trunk
// serve`, also the auto-reload client). Release builds append the service-worker registration.
let registration = release
  ? withoutCommentLines(readFileSync(new URL('register-sw.js', src), 'utf8')).replaceAll('__PUBLIC_URL__', publicUrl)
  : '';
html = html.replace(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g, (whole, attrs = '', body) => {
  if (/\ssrc=/.test(attrs) || !body.trim()) return whole;
  const code = `${body.trim()}\n${registration}`;
  registration = '';
  const name = `boot-${hash('sha256', code, 'hex').slice(0, 16)}.js`;
  writeFileSync(join(dir, name), code);
  const integrity = `sha384-${hash('sha384', code)}`;
  return `<script${attrs} src="${publicUrl}${name}" integrity="${integrity}"></script>`;
});

// 1b. Release builds: the page's stylesheets (page.css, widget.css) → one file, one request
// fewer before the first paint. With HTTP/1.1's six connections per host, every request ahead
// of the gate script (below) delays the first paint; two files measured ~25 ms slower.
if (release) {
  const links = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"[^>]*\/?>/g)];
  if (links.length > 1) {
    const names = links.map((m) => m[1].slice(publicUrl.length));
    const merged = names.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    const name = `style-${hash('sha256', merged, 'hex').slice(0, 16)}.css`;
    writeFileSync(join(dir, name), merged);
    for (const f of names) unlinkSync(join(dir, f));
    const link = `<link rel="stylesheet" href="${publicUrl}${name}" integrity="sha384-${hash('sha384', merged)}"/>`;
    for (const [i, m] of links.entries()) html = html.replace(m[0], () => (i === 0 ? link : ''));
  }
}

// 2. CSP meta (release only: `trunk serve`'s auto-reload needs more than the app does).
if (release && !html.includes('Content-Security-Policy')) {
  html = html.replace('<meta charset="utf-8" />', () => `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
}
writeFileSync(indexPath, html);

// 2b. Release builds: a snapshot of the widget's first view in index.html, shown before the
// wasm has started (see .ci/prerender.mjs). CC_PRERENDER=0 builds without it.
const prerendered = release && process.env.CC_PRERENDER !== '0' ? await prerender(dir, publicUrl) : 'no snapshot';
html = readFileSync(indexPath, 'utf8');

// Stale boot and gate files from an earlier run in the same directory.
const bootNow = [...html.matchAll(/(boot|gate)-[0-9a-f]{16}\.js/g)].map((m) => m[0]);
for (const f of files(dir)) {
  if (/^(boot|gate)-[0-9a-f]{16}\.js$/.test(f) && !bootNow.includes(f)) unlinkSync(join(dir, f));
}

// 3. Service worker: every asset but itself and the single-file build; version = their hash.
if (release) {
  const assets = files(dir).filter((f) => f !== 'sw.js' && f !== SINGLE);
  const digest = createHash('sha256');
  for (const f of assets) digest.update(f).update(readFileSync(join(dir, f)));
  digest.update(process.env.CC_BUILD_ID ?? '');
  const version = digest.digest('hex').slice(0, 16);
  const urls = ['./', ...assets.map((f) => `./${f.split('\\').join('/')}`)];
  const sw = withoutCommentLines(readFileSync(new URL('sw.js', src), 'utf8'))
    .replace("'__VERSION__'", `'${version}'`)
    .replace('__ASSETS__', () => JSON.stringify(urls, null, 2));
  writeFileSync(join(dir, 'sw.js'), sw);
}

// 4. The single-file build: the app's module with its snippets inlined, and the documents
// module (loaded on demand by the app, see src/ui/docs.rs) as `globalThis.ccDocsModule`.
const DOCS = 'contract-calc-docs';
const wasmFile = files(dir).find((f) => f.endsWith('_bg.wasm') && !f.startsWith(DOCS));
if (!wasmFile) throw new Error(`postbuild: no *_bg.wasm in ${dir}`);
const glueFile = wasmFile.replace(/_bg\.wasm$/, '.js');
const glue = inlineSnippets(readFileSync(join(dir, glueFile), 'utf8'));
const docsWasm = files(dir).find((f) => f === `${DOCS}_bg.wasm`);
const docs = docsWasm
  ? `globalThis.ccDocsModule = async () => {
  const m = ${asObject(readFileSync(join(dir, `${DOCS}.js`), 'utf8'))};
  await m.default({ module_or_path: await gunzip('${packed(docsWasm)}') });
  return m;
};`
  : '';
const css = files(dir)
  .filter((f) => f.endsWith('.css'))
  .map((f) => readFileSync(join(dir, f), 'utf8'))
  .join('\n');
const script = `${glue}
async function gunzip(base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
}
${docs}
await __wbg_init({ module_or_path: await gunzip('${packed(wasmFile)}') });
`;
if (/<\/script/i.test(script) || /<\/style/i.test(css)) throw new Error('postbuild: a closing tag inside inlined code');
const singleCsp = [
  "default-src 'none'",
  `script-src 'sha256-${hash('sha256', script)}' 'wasm-unsafe-eval'`,
  `style-src 'sha256-${hash('sha256', css)}'`,
  'img-src data: blob:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const title = html.match(/<title>[^<]*<\/title>/)?.[0] ?? '<title></title>';
writeFileSync(
  join(dir, SINGLE),
  `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${escapeAttr(singleCsp)}" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    ${title}
    <link rel="icon" href="data:," />
    <style>${css}</style>
    <script type="module">${script}</script>
  </head>
  <body></body>
</html>
`,
);

/// The wasm file, gzip'd, in base64.
function packed(file) {
  return gzipSync(readFileSync(join(dir, file)), { level: 9 }).toString('base64');
}

/// wasm-bindgen snippets (`inline_js`) are separate modules: put their code in place of the
/// import (`import { a } from './snippets/…'` or `import * as m from "./snippets/…"`).
function inlineSnippets(code) {
  const out = code
    .replace(/^import \{[^}]*\} from '\.\/(snippets\/[^']+)';$/gm, (_, path) => readFileSync(join(dir, path), 'utf8').trim())
    .replace(/^import \* as (\w+) from ["']\.\/(snippets\/[^"']+)["'];?$/gm, (_, name, path) =>
      `const ${name} = ${asObject(readFileSync(join(dir, path), 'utf8'))};`,
    );
  if (/^import /m.test(out)) throw new Error('postbuild: an import this script cannot inline');
  return out;
}

/// An ES module's code as an expression: its exports as the properties of an object.
function asObject(code) {
  const names = [];
  const body = code
    .replace(/^export (async function|function|class|const|let) (\w+)/gm, (_, kind, name) => {
      names.push([name, name]);
      return `${kind} ${name}`;
    })
    .replace(/^export \{([^}]*)\};?[ \t]*$/gm, (_, list) => {
      for (const part of list.split(',')) {
        const [local, exported = local] = part.trim().split(/\s+as\s+/);
        names.push([exported, local]);
      }
      return '';
    });
  if (/^(export|import) /m.test(body)) throw new Error('postbuild: a module this script cannot inline');
  const props = names.map(([exported, local]) => `${JSON.stringify(exported)}: ${local}`).join(', ');
  return `(() => {\n${body}\nreturn { ${props} };\n})()`;
}

// 5. Release builds: smaller served files, each file's integrity in index.html updated. After
// the single-file build above, whose snippet inlining reads the glue's import lines as
// wasm-bindgen writes them.
//   - wasm-bindgen names each import `__wbg_<name>_<16 hex digits>`, and both the wasm and its
//     glue carry every name: ~2 kB brotli of hex digits. Both get the same short names instead.
//   - The JavaScript is minified (the glue is ~45 kB as written). Names that are part of an
//     interface are kept: exports, and the wasm's imports (property names, which terser does
//     not rename).
if (release) {
  const { minify } = await import('terser');
  let page = readFileSync(indexPath, 'utf8');
  const withIntegrity = (f, content) => {
    const url = `${publicUrl}${f.split('\\').join('/')}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const tag = new RegExp(`(<[^>]+(?:src|href)="${url}"[^>]*integrity=")sha384-[^"]+`);
    page = page.replace(tag, (_, head) => `${head}sha384-${hash('sha384', content)}`);
  };
  const IMPORT_NAME = /\b__wbg_\w+_[0-9a-f]{16}\b/g;
  for (const wasmFile of files(dir).filter((f) => f.endsWith('_bg.wasm'))) {
    const jsPath = join(dir, wasmFile.replace(/_bg\.wasm$/, '.js'));
    const js = readFileSync(jsPath, 'utf8');
    const names = [...new Set(js.match(IMPORT_NAME) ?? [])];
    const short = new Map(names.map((n, i) => [n, `__w${i.toString(36)}`]));
    const wasm = renameImports(readFileSync(join(dir, wasmFile)), short);
    writeFileSync(join(dir, wasmFile), wasm);
    withIntegrity(wasmFile, wasm);
    writeFileSync(jsPath, js.replace(IMPORT_NAME, (n) => short.get(n)));
  }
  for (const f of files(dir).filter((f) => f.endsWith('.js'))) {
    const path = join(dir, f);
    const module = f !== 'sw.js'; // the service worker is a classic script
    const { code } = await minify(readFileSync(path, 'utf8'), { module, ecma: 2020, compress: { passes: 2 } });
    writeFileSync(path, code);
    withIntegrity(f, code);
  }
  writeFileSync(indexPath, page);
}

/// `wasm` with the field names of its imports renamed by `names` (old → new; others kept).
/// Only the import section (id 2) is rewritten; every other byte is copied.
function renameImports(wasm, names) {
  let i = 8;
  const leb = () => {
    let result = 0;
    let shift = 0;
    let byte;
    do {
      byte = wasm[i++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  const encode = (n) => {
    const out = [];
    do {
      let byte = n % 128;
      n = Math.floor(n / 128);
      if (n) byte |= 0x80;
      out.push(byte);
    } while (n);
    return Buffer.from(out);
  };
  const str = (s) => Buffer.concat([encode(Buffer.byteLength(s)), Buffer.from(s)]);
  const parts = [wasm.subarray(0, 8)];
  while (i < wasm.length) {
    const start = i;
    const id = wasm[i++];
    const size = leb();
    const end = i + size;
    if (id !== 2) {
      parts.push(wasm.subarray(start, end));
      i = end;
      continue;
    }
    const count = leb();
    const entries = [encode(count)];
    for (let k = 0; k < count; k++) {
      const name = () => {
        const n = leb();
        i += n;
        return wasm.subarray(i - n, i).toString();
      };
      const module = name();
      const field = name();
      const descStart = i;
      const kind = wasm[i++];
      if (kind === 0 || kind === 4) {
        if (kind === 4) i++;
        leb();
      } else if (kind === 1 || kind === 2) {
        if (kind === 1) i++;
        const flags = wasm[i++];
        leb();
        if (flags & 1) leb();
      } else if (kind === 3) {
        i += 2;
      } else {
        throw new Error(`postbuild: unknown import kind ${kind}`);
      }
      entries.push(str(module), str(names.get(field) ?? field), wasm.subarray(descStart, i));
    }
    if (i !== end) throw new Error('postbuild: the import section did not parse');
    const body = Buffer.concat(entries);
    parts.push(Buffer.from([2]), encode(body.length), body);
  }
  return Buffer.concat(parts);
}

const kB = (f) => `${(statSync(join(dir, f)).size / 1000).toFixed(0)} kB`;
console.log(
  `postbuild (${release ? 'release' : 'debug'}): ${relative(process.cwd(), dir) || '.'}: scripts ${bootNow.join(', ') || '-'}` +
    `${release ? ', sw.js' : ''}, ${basename(SINGLE)} ${kB(SINGLE)}; ${prerendered}`,
);
