#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml): turns Trunk's output into the shipped app.
//
//   1. Inline <script>s move into files (boot-HASH.js), so the page runs under a strict
//      Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'.
//   2. Release builds: the CSP goes into index.html as a <meta>, the boot script registers
//      the service worker, and sw.js lists every asset with a content hash as its version
//      (offline after the first visit; a new deployment is a new version).
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
  ? readFileSync(new URL('register-sw.js', src), 'utf8').replaceAll('__PUBLIC_URL__', publicUrl)
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

// 2. CSP meta (release only: `trunk serve`'s auto-reload needs more than the app does).
if (release && !html.includes('Content-Security-Policy')) {
  html = html.replace('<meta charset="utf-8" />', () => `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
}
writeFileSync(indexPath, html);

// Stale boot files from an earlier run in the same directory.
const bootNow = [...html.matchAll(/boot-[0-9a-f]{16}\.js/g)].map((m) => m[0]);
for (const f of files(dir)) {
  if (/^boot-[0-9a-f]{16}\.js$/.test(f) && !bootNow.includes(f)) unlinkSync(join(dir, f));
}

// 3. Service worker: every asset but itself and the single-file build; version = their hash.
if (release) {
  const assets = files(dir).filter((f) => f !== 'sw.js' && f !== SINGLE);
  const digest = createHash('sha256');
  for (const f of assets) digest.update(f).update(readFileSync(join(dir, f)));
  digest.update(process.env.CC_BUILD_ID ?? '');
  const version = digest.digest('hex').slice(0, 16);
  const urls = ['./', ...assets.map((f) => `./${f.split('\\').join('/')}`)];
  const sw = readFileSync(new URL('sw.js', src), 'utf8')
    .replace("'__VERSION__'", `'${version}'`)
    .replace('__ASSETS__', () => JSON.stringify(urls, null, 2));
  writeFileSync(join(dir, 'sw.js'), sw);
}

// 4. The single-file build.
const wasmFile = files(dir).find((f) => f.endsWith('_bg.wasm'));
if (!wasmFile) throw new Error(`postbuild: no *_bg.wasm in ${dir}`);
const glueFile = wasmFile.replace(/_bg\.wasm$/, '.js');
let glue = readFileSync(join(dir, glueFile), 'utf8');
// wasm-bindgen snippets (`inline_js`) are separate modules: put their code in place of the import.
glue = glue.replace(/^import \{[^}]*\} from '\.\/(snippets\/[^']+)';$/gm, (_, path) =>
  readFileSync(join(dir, path), 'utf8').trim(),
);
if (/^import /m.test(glue)) throw new Error(`postbuild: ${glueFile} has an import this script cannot inline`);
const css = files(dir)
  .filter((f) => f.endsWith('.css'))
  .map((f) => readFileSync(join(dir, f), 'utf8'))
  .join('\n');
const wasm64 = gzipSync(readFileSync(join(dir, wasmFile)), { level: 9 }).toString('base64');
const script = `${glue}
const packed = Uint8Array.from(atob('${wasm64}'), (c) => c.charCodeAt(0));
const wasmBytes = await new Response(new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
await __wbg_init({ module_or_path: wasmBytes });
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

const kB = (f) => `${(statSync(join(dir, f)).size / 1000).toFixed(0)} kB`;
console.log(
  `postbuild (${release ? 'release' : 'debug'}): ${relative(process.cwd(), dir) || '.'}: boot ${bootNow.join(', ') || '-'}` +
    `${release ? ', sw.js' : ''}, ${basename(SINGLE)} ${kB(SINGLE)}`,
);
