// Widget benchmark (not a test): `node tests/browser/bench.mjs` after `trunk build --release`.
// Prints first render after navigation, keystroke → updated DOM on a 60-month, 1,000-device
// contract, and the release wasm + JS sizes. Numbers go into README.md.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { start, guardedPage, DIST } from './harness.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const { server, browser } = await start();
try {
  // 1. First render: navigation start → the contract title is in the DOM (fresh profile each run).
  const firsts = [];
  for (let i = 0; i < 7; i++) {
    const page = await guardedPage(browser, server, { viewport: { width: 1280, height: 900 } }, null, { intercept: false });
    await page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        if (document.querySelector('.cc-contract .contract-title')) {
          window.__firstRender = performance.now();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${server.origin}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__firstRender !== undefined);
    firsts.push(await page.evaluate(() => window.__firstRender));
    page.assertClean();
    await page.context().close();
  }

  // 2. Keystroke → DOM on a 60-month contract with 1,000 devices and 40 count changes.
  const page = await guardedPage(browser, server, { viewport: { width: 1280, height: 900 } }, null, { intercept: false });
  await page.goto(`${server.origin}/`, { waitUntil: 'load' });
  await page.selectOption('#cc-template', 'pc-maintenance');
  await page.click('#cc-example');
  await page.fill('#cc-f-term_months', '60');
  await page.fill('#cc-f-desktop_count', '600');
  await page.fill('#cc-f-laptop_count', '300');
  await page.fill('#cc-f-server_count', '100');
  await page.locator('.cc-contract table.devices tbody tr').nth(59).waitFor();
  const keystrokes = await page.evaluate(async () => {
    const input = document.querySelector('#cc-f-desktop_fee');
    const target = document.querySelector('.cc-app');
    // Done when the contract's first month shows 600 desktops at the new fee.
    const cell = () => document.querySelector('.cc-contract table.devices tbody tr td.num')?.textContent;
    const times = [];
    for (let i = 0; i < 41; i++) {
      const fee = 31 + (i % 2); // alternate, so every keystroke changes the numbers
      const expected = (600 * fee).toLocaleString('en-US') + '.00';
      const changed = new Promise((resolve, reject) => {
        const obs = new MutationObserver(() => {
          if (cell() !== expected) return;
          obs.disconnect();
          resolve(performance.now());
        });
        obs.observe(target, { childList: true, subtree: true, characterData: true, attributes: true });
        setTimeout(() => reject(new Error(`the contract did not update (${cell()} != ${expected})`)), 2000);
      });
      const t0 = performance.now();
      input.value = String(fee);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      times.push((await changed) - t0);
    }
    return times.slice(1);
  });
  const rows = await page.locator('.cc-contract table.devices tbody tr').count();
  page.assertClean();
  await page.context().close();

  // 3. Sizes, as .ci/size.mjs measures them (first load; the documents module apart).
  const sizes = execFileSync('node', [fileURLToPath(new URL('../../.ci/size.mjs', import.meta.url)), DIST, '250'], {
    encoding: 'utf8',
  });
  const row = (label) => {
    const m = sizes.match(new RegExp(`${label}[^\\n]*?([\\d.]+) kB +([\\d.]+) kB +([\\d.]+) kB`));
    return m ? `${m[1]} kB / ${m[2]} kB / ${m[3]} kB` : 'n/a';
  };
  console.log('| widget benchmark | measured | budget |');
  console.log('|---|---|---|');
  console.log(`| first render after navigation (median of 7, local server) | ${median(firsts).toFixed(0)} ms | ≤ 150 ms |`);
  console.log(`| keystroke → updated DOM, 60 months × 1,000 devices (median of 40; ${rows} month rows) | ${median(keystrokes).toFixed(2)} ms | ≤ 4 ms |`);
  console.log(`| release wasm + JS loaded at start, raw / gzip / brotli | ${row('total loaded at start')} | ≤ 250 kB brotli |`);
  console.log(`| documents module (on first import), raw / gzip / brotli | ${row('documents module, on demand')} | outside the first load |`);
} finally {
  await browser.close();
  await server.close();
}
