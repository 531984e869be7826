// Smoke test of the release build in dist/ (run `trunk build --release` first):
// `node --test tests/browser/smoke.mjs`. Drives Debian's Chromium through playwright-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, waitForLiveWidget, OUT } from './harness.mjs';

// The page set-up is the harness's (dist/, or DIST_DIR to check that the test catches a
// broken page); the checks on the page are this test's own, written out in full.
const env = useBrowser();

test('release page mounts the app, with no console errors and no foreign requests', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1024, height: 640 } });
  const errors = [];
  const foreign = [];
  const failed = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => failed.push(`${req.url()} ${req.failure()?.errorText}`));
  page.on('response', (res) => {
    if (res.status() >= 400) failed.push(`${res.url()} HTTP ${res.status()}`);
  });
  // Every network request passes through here; anything not for the local server is
  // recorded and aborted, so the test never reaches out even if the page tries.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === env.server.origin) return route.continue();
    foreign.push(url);
    return route.abort('blockedbyclient');
  });

  await page.goto(`${env.server.origin}/`, { waitUntil: 'load' });
  // The live widget, not the prerendered snapshot of it (prerender.mjs tests that).
  await waitForLiveWidget(page);
  const h1 = page.locator('h1.cc-title');
  await h1.waitFor({ timeout: 15_000 });
  assert.equal((await h1.textContent()).trim(), '合同费用计算器');
  // The widget itself is mounted (its form and results); widget.mjs tests what it does.
  await page.locator('.cc-app .cc-form').waitFor({ timeout: 5_000 });
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await page.waitForLoadState('networkidle');

  await page.screenshot({ path: `${OUT}smoke.png`, fullPage: true });

  assert.deepEqual(foreign, [], 'requests to origins other than the local server');
  assert.deepEqual(failed, [], 'failed requests');
  assert.deepEqual(errors, [], 'console errors');
  assert.ok(env.server.requests.some((u) => u.endsWith('.wasm')), 'the wasm was loaded from the local server');
  await page.close();
});
