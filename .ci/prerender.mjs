// Build-time snapshot of the widget's first view, for `.ci/postbuild.mjs` (release builds).
//
// The app is client-side rendered: before anything shows, the browser must fetch, compile
// and run the wasm (~200 ms on a slow machine). So the build opens the built page once in
// headless Chromium, takes the widget's markup as first rendered (default template, nothing
// filled in) and writes it into index.html, inert: a visitor sees the form and the contract
// as soon as the HTML and CSS arrive. When the wasm starts, src/main.rs removes the snapshot
// and mounts the live widget in the same task (no frame shows both or neither). A visitor
// with saved work or a share link never sees the snapshot (src/js/prerender-gate.js).
//
// Needs playwright-core and Chromium (installed by .ci/install); without them the build
// goes on without a snapshot, and the page is simply empty until the wasm starts.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/// The key under which the app autosaves (src/ui/storage.rs).
export const STORAGE_KEY = 'contract-calc:v1';
export const MARK = 'data-cc-prerender';

/// Our JS sources (src/js/) as shipped: their whole-line `//` comments are for readers of
/// the source, not for every visitor's download.
export const withoutCommentLines = (code) => code.replace(/^[ \t]*\/\/.*\n/gm, '');

/// Writes the snapshot (and the gate script) into `dir`/index.html. Returns a note for the log.
export async function prerender(dir, publicUrl) {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (publicUrl !== '/') return `no snapshot (public URL ${publicUrl}: served from / here)`;
  if (!existsSync(chromiumPath)) return `no snapshot (no Chromium at ${chromiumPath})`;
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    return 'no snapshot (playwright-core is not installed: npm install)';
  }
  const { serveDir } = await import('../tests/browser/server.mjs');
  const { ARGS } = await import('../tests/browser/harness.mjs');

  const indexPath = join(dir, 'index.html');
  let html = readFileSync(indexPath, 'utf8').replace(new RegExp(`<div class="cc-app"[^>]*${MARK}[\\s\\S]*</body>`), '</body>');
  const server = await serveDir(dir);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ARGS });
  let snapshot;
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    await page.goto(`${server.origin}/`);
    await page.locator('.cc-app .cc-contract .contract-title').waitFor({ timeout: 30_000 });
    // Let effects settle (they run after the first mount; autosave a little later), then
    // read the DOM and what the untouched widget saved.
    await page.waitForFunction((key) => localStorage.getItem(key) !== null, STORAGE_KEY);
    snapshot = await page.evaluate(
      ([key, mark]) => {
        const app = document.querySelector('.cc-app');
        // Values live in properties, which markup does not carry: write them as attributes.
        for (const el of app.querySelectorAll('input')) {
          if (el.type === 'checkbox' || el.type === 'radio') el.toggleAttribute('checked', el.checked);
          else if (el.type !== 'file') el.setAttribute('value', el.value);
        }
        for (const el of app.querySelectorAll('textarea')) el.textContent = el.value;
        for (const el of app.querySelectorAll('option')) el.toggleAttribute('selected', el.selected);
        app.setAttribute(mark, '');
        app.setAttribute('inert', '');
        return { markup: app.outerHTML, saved: localStorage.getItem(key), apps: document.querySelectorAll('.cc-app').length };
      },
      [STORAGE_KEY, MARK],
    );
    if (errors.length) throw new Error(`prerender: the page reported errors: ${errors.join('; ')}`);
    if (snapshot.apps !== 1) throw new Error(`prerender: ${snapshot.apps} widgets on the page`);
    if (snapshot.saved === null) throw new Error('prerender: the app saved nothing');
  } finally {
    await browser.close();
    await server.close();
  }

  const gate = withoutCommentLines(readFileSync(new URL('../src/js/prerender-gate.js', import.meta.url), 'utf8'))
    .replace('__KEY__', STORAGE_KEY)
    .replace('__DEFAULT__', () => JSON.stringify(snapshot.saved));
  const gateName = `gate-${createHash('sha256').update(gate).digest('hex').slice(0, 16)}.js`;
  writeFileSync(join(dir, gateName), gate);
  const integrity = `sha384-${createHash('sha384').update(gate).digest('base64')}`;
  html = html
    .replace(/\s*<script src="[^"]*gate-[0-9a-f]{16}\.js"[^>]*><\/script>/, '')
    .replace(/<link rel="stylesheet"[^>]*>/, (link) => `${link}\n    <script src="${publicUrl}${gateName}" integrity="${integrity}"></script>`)
    .replace(/<body>\s*<\/body>/, () => `<body>\n${snapshot.markup}\n</body>`);
  if (!html.includes(MARK) || !html.includes(gateName)) throw new Error('prerender: index.html has no stylesheet link or <body></body> to fill');
  writeFileSync(indexPath, html);
  return `snapshot ${(snapshot.markup.length / 1000).toFixed(0)} kB, ${gateName}`;
}
