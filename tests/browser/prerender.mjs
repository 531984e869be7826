// The prerendered first view (.ci/prerender.mjs): index.html carries an inert snapshot of
// the widget, shown until the wasm mounts the live widget in its place (src/main.rs).
//   - without the wasm, the snapshot shows the form and the contract, and is inert;
//   - a visitor with saved work or a share link does not see it (src/js/prerender-gate.js),
//     one whose autosave is the untouched default does;
//   - the live widget replaces it, with the same text and field values (no visible jump).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, guardedPage, OUT } from './harness.mjs';
import { MARK, STORAGE_KEY } from '../../.ci/prerender.mjs';

const env = useBrowser();

const SNAPSHOT = `.cc-app[${MARK}]`;

/// A page whose wasm never arrives, so only the snapshot can show; `saved` goes into
/// localStorage before the page's scripts run.
async function withoutWasm(saved, path = '/') {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.route('**/*', (route) =>
    route.request().url().endsWith('.wasm') ? route.abort('blockedbyclient') : route.continue(),
  );
  if (saved !== undefined) {
    await page.addInitScript(([key, s]) => localStorage.setItem(key, s), [STORAGE_KEY, saved]);
  }
  await page.goto(`${env.server.origin}${path}`, { waitUntil: 'domcontentloaded' });
  return page;
}

test('without the wasm, the snapshot shows the form and the contract, inert', async () => {
  const page = await withoutWasm();
  const snapshot = page.locator(SNAPSHOT);
  await snapshot.waitFor();
  assert.equal(await snapshot.getAttribute('inert'), '');
  assert.ok(await page.locator(`${SNAPSHOT} .cc-contract .contract-title`).isVisible());
  assert.ok(await page.locator(`${SNAPSHOT} #cc-f-total`).isVisible());
  assert.ok((await page.locator(`${SNAPSHOT} .cc-form label`).count()) > 5, 'the form is in the snapshot');
  await page.screenshot({ path: `${OUT}prerender.png` });
  await page.context().close();
});

test('what the first paint waits for comes first: one stylesheet, then the gate script, then the wasm and modules', async () => {
  // The parser waits for the gate script before it reads the snapshot, so the gate must not
  // queue behind the wasm and module preloads (HTTP/1.1 allows six connections per host).
  const html = await (await fetch(`${env.server.origin}/`)).text();
  const at = (re) => html.search(re);
  assert.equal(html.match(/<link rel="stylesheet"/g)?.length, 1, 'one stylesheet');
  const gate = at(/<script src="[^"]*gate-[0-9a-f]{16}\.js"/);
  assert.ok(gate > at(/<link rel="stylesheet"/), 'the gate comes after the stylesheet');
  for (const later of [/<script type="module"/, /<link rel="modulepreload"/, /<link rel="preload"/]) {
    assert.ok(at(later) > gate, `${later} comes after the gate`);
  }
});

test('a visitor with saved work or a share link does not see the snapshot', async () => {
  const visible = async (saved, path) => {
    const page = await withoutWasm(saved, path);
    await page.locator(SNAPSHOT).waitFor({ state: 'attached' });
    const shown = await page.locator(SNAPSHOT).isVisible();
    await page.context().close();
    return shown;
  };
  assert.equal(await visible(undefined), true, 'first visit');
  const edited = JSON.stringify({ v: 1, template: 'pc-maintenance', lang: 'en', inputs: { total: '1000' } });
  assert.equal(await visible(edited), false, 'saved work');
  assert.equal(await visible(undefined, '/#s=eyJ2IjoxfQ'), false, 'a share link');

  // The autosave of an untouched widget is what the snapshot shows: it stays.
  const page = await guardedPage(env.browser, env.server);
  await page.goto(`${env.server.origin}/`);
  // Autosave runs shortly after a change (src/ui/storage.rs): wait for it.
  const untouched = await page
    .waitForFunction((key) => localStorage.getItem(key), STORAGE_KEY)
    .then((h) => h.jsonValue());
  await page.context().close();
  assert.ok(untouched, 'the app autosaved');
  assert.equal(await visible(untouched), true, 'untouched autosave');
});

test('the live widget replaces the snapshot, with the same text and values', async () => {
  const page = await guardedPage(env.browser, env.server, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${env.server.origin}/`); // returns once the snapshot is gone (harness.mjs)
  const html = await (await page.request.get(`${env.server.origin}/`)).text();
  const [live, snapshot] = await page.evaluate((source) => {
    const view = (app) => ({
      text: app.textContent.replace(/\s+/g, ' ').trim(),
      values: [...app.querySelectorAll('input:not([type=file]), select')].map((el) => `${el.id}=${el.value}`),
    });
    const parsed = new DOMParser().parseFromString(source, 'text/html');
    return [view(document.querySelector('.cc-app')), view(parsed.querySelector('.cc-app'))];
  }, html);
  assert.equal(await page.locator('.cc-app').count(), 1);
  assert.equal(await page.locator(`[${MARK}]`).count(), 0);
  assert.ok(snapshot.text.length > 500, 'the snapshot has the contract text');
  assert.equal(live.text, snapshot.text);
  assert.deepEqual(live.values, snapshot.values);
  page.assertClean();
  await page.context().close();
});
