// Shared set-up for the browser tests: serve dist/ on 127.0.0.1, launch Debian's Chromium
// through playwright-core, and open pages that fail the test on console errors, page errors
// or any request to another origin (every request is routed; foreign ones are aborted).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDir } from './server.mjs';

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
  page.problems = problems;
  page.assertClean = () => {
    assert.deepEqual(problems.foreign, [], 'requests to other origins');
    assert.deepEqual(problems.failed, [], 'failed requests');
    assert.deepEqual(problems.errors, [], 'console errors or panics');
  };
  return page;
}
