// Shared set-up for the browser tests: serve dist/ on 127.0.0.1, launch Debian's Chromium
// through playwright-core, and open pages that fail the test on console errors, page errors
// or any request to another origin (every request is routed; foreign ones are aborted).
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDir } from './server.mjs';
import { MARK } from '../../.ci/prerender.mjs';

export const DIST = process.env.DIST_DIR
  ? `${process.env.DIST_DIR.replace(/\/$/, '')}/`
  : fileURLToPath(new URL('../../dist/', import.meta.url));
export const OUT = fileURLToPath(new URL('./out/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

export async function start(dir = DIST, serverOptions = {}) {
  assert.ok(existsSync(`${dir}index.html`), `no ${dir}index.html: run \`trunk build --release\` first`);
  mkdirSync(OUT, { recursive: true });
  const server = await serveDir(dir, serverOptions);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return { server, browser };
}

/// For a test file: starts the server and Chromium before its tests (`start`'s arguments) and
/// stops them after. Returns the object that holds them meanwhile: `env.server`, `env.browser`.
export function useBrowser(dir = DIST, serverOptions = {}) {
  const env = {};
  before(async () => Object.assign(env, await start(dir, serverOptions)));
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/// A page (in `context`, or a fresh one) whose problems are collected in `page.problems`.
/// `intercept: false` watches requests without routing them (routing adds latency, so the
/// benchmark uses this); foreign requests are then reported but not blocked.
export async function guardedPage(browser, server, options = {}, context = null, { intercept = true } = {}) {
  const ctx = context ?? (await browser.newContext({ acceptDownloads: true, ...options }));
  const page = await ctx.newPage();
  const problems = { errors: [], foreign: [], failed: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.errors.push(`pageerror: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.failed.push(`${res.url()} HTTP ${res.status()}`);
  });
  const local = (url) => url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === server.origin;
  if (intercept) {
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (local(url)) return route.continue();
      problems.foreign.push(url);
      return route.abort('blockedbyclient');
    });
  } else {
    page.on('request', (req) => {
      if (!local(req.url())) problems.foreign.push(req.url());
    });
  }
  // The release page carries an inert snapshot of the first view until the wasm mounts the
  // live widget (.ci/prerender.mjs): navigations return once the live widget is there.
  for (const name of ['goto', 'reload']) {
    const navigate = page[name].bind(page);
    page[name] = async (...args) => {
      const response = await navigate(...args);
      await waitForLiveWidget(page);
      return response;
    };
  }
  page.problems = problems;
  page.assertClean = () => {
    assert.deepEqual(problems.foreign, [], 'requests to other origins');
    assert.deepEqual(problems.failed, [], 'failed requests');
    assert.deepEqual(problems.errors, [], 'console errors or panics');
  };
  return page;
}

/// The seed example typed into the after-sales-upgrade template: 36万 from 2025-09-26, 30%
/// within 5 working days, 40% within 10 working days of acceptance, the rest 15 days after.
export const AFTER_SALES = {
  party_a: '杭州云集优选电子商务有限公司', total: '36万', effective_date: '2025-09-26', advance_days: '5',
  advance_pct: '30', progress_pct: '40', progress_days: '10', final_days: '15',
};

/// Type `values` into the widget's fields (`within`: a selector for the widget, e.g. a host element).
export async function fillFields(page, values, within = '') {
  for (const [id, value] of Object.entries(values)) await page.locator(`${within} #cc-f-${id}`.trim()).fill(value);
}

/// What AFTER_SALES must show: the 大写 under the total, three schedule rows, the contract text.
export async function checkAfterSales(page, within = '') {
  const at = (sel) => `${within} ${sel}`.trim();
  await page.locator(at('.cc-words'), { hasText: '人民币叁拾陆万元整' }).first().waitFor();
  const rows = page.locator(at('.cc-schedule tbody tr'));
  assert.equal(await rows.count(), 3);
  assert.match(await rows.nth(0).innerText(), /108,000\.00[\s\S]*人民币壹拾万捌仟元整[\s\S]*2025-10-10/);
  assert.match(await rows.nth(2).innerText(), /30%[\s\S]*108,000\.00/);
  const contract = page.locator(at('.cc-contract'));
  assert.match(await contract.innerText(), /杭州云集优选电子商务有限公司/);
  assert.match(await contract.innerText(), /支付合同总额的30%，计人民币108,000\.00元（人民币壹拾万捌仟元整），付款期限为2025年10月10日/);
  return contract;
}

/// Resolves once no prerendered snapshot is left on the page (at once on a page without one).
export async function waitForLiveWidget(page) {
  await page.waitForFunction((mark) => !document.querySelector(`[${mark}]`), MARK, { timeout: 20_000 });
}
