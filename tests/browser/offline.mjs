// Offline use and the strict Content-Security-Policy, against the release build in dist/
// (`trunk build --release` runs .ci/postbuild.mjs, which writes sw.js and the single-file build):
//   - served with a CSP stricter than the page's own, the app works with no violation;
//   - after the first visit the service worker serves everything with the network off;
//   - a new deployment replaces the cached version and the page offers a reload;
//   - dist/contract-calculator.html works from file:// with the network off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { useBrowser, guardedPage, DIST, OUT } from './harness.mjs';

// Stricter than the <meta> in index.html (both apply): nothing but our own scripts, styles,
// wasm and fetches to our own origin.
const HEADER_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src data:; " +
  "connect-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const env = useBrowser(DIST, { headers: { 'content-security-policy': HEADER_CSP } });

/// Import a short contract text (the documents module, loaded on demand) and check the review.
async function importAndCheck(page) {
  await page.click('#cc-import-open');
  await page.fill('#cc-import-source', '服务合同\n甲方：________\n1.1 合同总额为人民币________元。\n');
  await page.click('#cc-import-run');
  await page.locator('.cc-import-blanks tbody tr').first().waitFor({ timeout: 15_000 });
  assert.match(await page.locator('.cc-import-summary').innerText(), /2个空白/);
  await page.click('#cc-import-close');
}

/// Fill the after-sales template and check the computed first instalment, in the page.
async function fillAndCheck(page) {
  await page.locator('.cc-app').waitFor({ timeout: 15_000 });
  await page.selectOption('#cc-template', 'after-sales-upgrade');
  await page.locator('#cc-f-total').fill('36万');
  await page.locator('#cc-f-effective_date').fill('2025-09-26');
  await page.locator('#cc-f-advance_days').fill('5');
  await page.locator('#cc-f-advance_pct').fill('30');
  await page.locator('#cc-f-progress_pct').fill('40');
  await page.locator('#cc-f-progress_days').fill('10');
  await page.locator('#cc-f-final_days').fill('15');
  const first = page.locator('.cc-schedule tbody tr').first();
  await first.waitFor();
  assert.match(await first.innerText(), /108,000\.00[\s\S]*人民币壹拾万捌仟元整[\s\S]*2025-10-10/);
}

const swVersion = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve) => {
        navigator.serviceWorker.addEventListener('message', (e) => resolve(e.data.version), { once: true });
        navigator.serviceWorker.controller.postMessage('version');
      }),
  );

test('under a strict CSP header the app computes, with no violation', { timeout: 60_000 }, async () => {
  const page = await guardedPage(env.browser, env.server, { serviceWorkers: 'block' });
  const violations = [];
  await page.exposeFunction('ccViolation', (v) => violations.push(v));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => window.ccViolation(`${e.violatedDirective} ${e.blockedURI}`)),
  );
  await page.goto(`${env.server.origin}/`);
  await fillAndCheck(page);
  await importAndCheck(page);
  assert.ok(!(await page.content()).match(/<script(?![^>]*\ssrc=)[^>]*>\s*\S/), 'no inline script in the page');
  assert.deepEqual(violations, []);
  page.assertClean();
  await page.context().close();
});

test('after the first visit the service worker serves the app with the network off; a new deployment takes over', { timeout: 90_000 }, async () => {
  // Requests are watched, not routed: Playwright routing bypasses the service worker.
  const page = await guardedPage(env.browser, env.server, {}, null, { intercept: false });
  const context = page.context();
  await page.goto(`${env.server.origin}/`);
  await page.locator('.cc-app').waitFor({ timeout: 15_000 });
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
  });
  const v1 = await swVersion(page);
  assert.match(v1, /^[0-9a-f]{16}$/);

  // Network off: the reload and every asset come from the cache.
  await context.setOffline(true);
  const seen = env.server.requests.length;
  await page.reload();
  await fillAndCheck(page);
  await importAndCheck(page);
  assert.equal(env.server.requests.length, seen, `requests reached the server while offline: ${env.server.requests.slice(seen)}`);
  await page.screenshot({ path: `${OUT}offline.png` });

  // A new deployment (same files, another build id → another version) at the same origin.
  await context.setOffline(false);
  const next = mkdtempSync(join(tmpdir(), 'cc-dist-'));
  try {
    cpSync(DIST, next, { recursive: true });
    execFileSync('node', ['.ci/postbuild.mjs', next], {
      env: { ...process.env, TRUNK_PROFILE: 'release', CC_BUILD_ID: 'next' },
      stdio: 'pipe',
    });
    env.server.setRoot(next);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const banner = page.locator('.cc-update');
    await banner.waitFor({ timeout: 15_000 });
    await page.screenshot({ path: `${OUT}update-banner.png` });
    const v2 = await swVersion(page);
    assert.notEqual(v2, v1);
    // The new worker deletes the old cache while activating (the banner may come first).
    await page.waitForFunction(async (want) => (await caches.keys()).join() === want, `contract-calc-${v2}`);
    await banner.locator('button').click();
    await page.locator('.cc-app').waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('.cc-update').count(), 0);
  } finally {
    env.server.setRoot(DIST);
    rmSync(next, { recursive: true, force: true });
  }
  page.assertClean();
  await context.close();
});

test('the single-file build works from file:// with the network off', { timeout: 60_000 }, async () => {
  const file = join(DIST, 'contract-calculator.html');
  const html = readFileSync(file, 'utf8');
  assert.ok(!/\s(src|href)="(?!data:)/.test(html), 'no reference to another file');
  assert.match(html, /script-src 'sha256-/, 'its own CSP allows only its inline script');

  const context = await env.browser.newContext({ offline: true });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    if (!/^(file|data|blob):/.test(r.url())) problems.push(`request: ${r.url()}`);
  });
  await page.goto(pathToFileURL(file).href);
  await fillAndCheck(page);
  await importAndCheck(page);
  await page.screenshot({ path: `${OUT}single-file.png` });
  assert.deepEqual(problems, []);
  await context.close();
});
