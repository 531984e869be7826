// The npm package in Chromium, as installed in the scratch project by tests/npm/run.sh
// (SCRATCH_DIR): the custom element on a host page with hostile CSS (index.html, from
// host.html), and mount() with its handle (mount.html). Pages fail on console errors and
// requests to other origins. Screenshot: tests/browser/out/npm-element-hostile.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, guardedPage, OUT, AFTER_SALES, fillFields, checkAfterSales } from '../browser/harness.mjs';

const SCRATCH = process.env.SCRATCH_DIR;
assert.ok(SCRATCH, 'SCRATCH_DIR: run through tests/npm/run.sh');

let server;
let browser;
before(async () => ({ server, browser } = await start(`${SCRATCH.replace(/\/$/, '')}/`)));
after(async () => {
  await browser?.close();
  await server?.close();
});

const calc = 'contract-calculator';

/// Every computed style property of the host's own elements, to compare with and without the
/// widget; except the sizes of html and body, which grow by the widget's height.
const hostStyles = (page) => page.evaluate(() => {
  const sized = new Set(['height', 'block-size', 'width', 'inline-size', 'perspective-origin', 'transform-origin']);
  const out = {};
  for (const sel of ['html', 'body', '#host-title', '#host-text', '#host-div', '#host-button', '#host-after']) {
    const cs = getComputedStyle(document.querySelector(sel));
    const keep = (p) => !(['html', 'body'].includes(sel) && sized.has(p));
    out[sel] = Object.fromEntries([...cs].filter(keep).map((p) => [p, cs.getPropertyValue(p)]));
  }
  return out;
});

test('custom element on a hostile host page: renders, isolated both ways, themable, works', async () => {
  // The same page without the script: the host's own styles as they are without the widget.
  const control = await guardedPage(browser, server, { viewport: { width: 1280, height: 900 } });
  await control.goto(`${server.origin}/control.html`, { waitUntil: 'load' });
  const before = await hostStyles(control);
  await control.context().close();

  const page = await guardedPage(browser, server, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.origin}/`, { waitUntil: 'load' });
  await page.locator(`${calc} .cc-app`).waitFor({ timeout: 15_000 });
  await page.evaluate(() => {
    window.changes = [];
    document.querySelector('contract-calculator').addEventListener('contract-change', (e) => window.changes.push(e.detail));
  });

  // Rendered, visible, with the widget's own sizes (the host sets 40px text, hides divs).
  const box = await page.locator(`${calc} .cc-app`).boundingBox();
  assert.ok(box.width > 900 && box.height > 400, `widget box ${JSON.stringify(box)}`);
  const inner = await page.evaluate(() => {
    const root = document.querySelector('contract-calculator').shadowRoot;
    const cs = (sel) => getComputedStyle(root.querySelector(sel));
    return {
      host: getComputedStyle(document.querySelector('contract-calculator')).display,
      app: { fontSize: cs('.cc-app').fontSize, letterSpacing: cs('.cc-app').letterSpacing, textTransform: cs('.cc-app').textTransform, color: cs('.cc-app').color, lineHeight: cs('.cc-app').lineHeight },
      layout: cs('.cc-layout').display,
      field: cs('.cc-field').display,
      print: { bg: cs('#cc-print').backgroundColor, fontSize: cs('#cc-print').fontSize, border: cs('#cc-print').borderTopStyle },
      input: cs('#cc-f-total').fontSize,
    };
  });
  assert.equal(inner.host, 'block');
  assert.deepEqual(inner.app, { fontSize: '15px', letterSpacing: 'normal', textTransform: 'none', color: 'rgb(31, 35, 40)', lineHeight: '24px' });
  assert.equal(inner.layout, 'grid');
  assert.equal(inner.field, 'block');
  // --cc-accent from the host themes the print button; the host's button CSS does not reach it.
  assert.deepEqual(inner.print, { bg: 'rgb(123, 31, 162)', fontSize: '14px', border: 'solid' });
  assert.equal(inner.input, '15px');

  // The widget's CSS changed nothing of the host's.
  assert.deepEqual(await hostStyles(page), before);

  // Typing (input events inside the shadow root) updates the 大写, the schedule and the contract.
  await page.selectOption(`${calc} #cc-template`, 'after-sales-upgrade');
  await fillFields(page, AFTER_SALES, calc);
  const contract = await checkAfterSales(page, calc);

  // Clicking a blank in the contract text (click events) focuses its field inside the shadow root.
  await contract.locator('.v.gap[data-field="party_b"]').first().click();
  assert.equal(await page.evaluate(() => document.querySelector('contract-calculator').shadowRoot.activeElement?.id), 'cc-f-party_b');
  // … and Enter on a focused blank (keydown events).
  await contract.locator('.v.gap[data-field="contract_no"]').first().focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.querySelector('contract-calculator').shadowRoot.activeElement?.id), 'cc-f-contract_no');

  // The element reports changes as plain JSON.
  await page.waitForFunction(() => window.changes.some((c) => c.results.schedule.state === 'ready'));
  const last = await page.evaluate(() => window.changes.at(-1));
  assert.equal(last.template, 'after-sales-upgrade');
  assert.equal(last.values.total, '36万');
  assert.deepEqual(last.results.schedule.value.rows.map((r) => r.amount), ['108000.00', '144000.00', '108000.00']);
  assert.deepEqual(await page.evaluate(() => document.querySelector('contract-calculator').values.advance_pct), '30');

  await page.screenshot({ path: `${OUT}npm-element-hostile.png`, fullPage: true });

  // Attributes: lang switches the interface; template switches the form (change events).
  await page.evaluate(() => document.querySelector('contract-calculator').setAttribute('lang', 'en'));
  await page.locator(`${calc} .cc-title`, { hasText: 'Contract' }).waitFor();
  await page.evaluate(() => document.querySelector('contract-calculator').setAttribute('template', 'pc-maintenance'));
  await page.locator(`${calc} .contract-title`, { hasText: '按台计费' }).waitFor();
  await page.selectOption(`${calc} #cc-lang`, 'zh-CN');
  await page.locator(`${calc} .cc-title`, { hasText: '合同' }).waitFor();
  await page.click(`${calc} #cc-example`);
  await page.locator(`${calc} .cc-devices, ${calc} .cc-panel`).first().waitFor();

  // Moving the element keeps its values and the template and language picked in it (here:
  // English and hardware-maintenance, picked in the widget, not by attribute); removing it
  // unmounts cleanly.
  await page.selectOption(`${calc} #cc-lang`, 'en');
  await page.selectOption(`${calc} #cc-template`, 'hardware-maintenance');
  await page.click(`${calc} #cc-example`);
  const moved = await page.evaluate(async () => {
    const el = document.querySelector('contract-calculator');
    const values = JSON.stringify(el.values);
    document.body.append(el);
    await new Promise((r) => setTimeout(r, 50));
    const app = el.shadowRoot.querySelector('.cc-app');
    const kept = JSON.stringify(el.values) === values && el.shadowRoot.querySelectorAll('.cc-app').length === 1
      && app.getAttribute('lang') === 'en' && el.results.template === 'hardware-maintenance'
      && app.querySelector('select').value === 'hardware-maintenance';
    el.remove();
    await new Promise((r) => setTimeout(r, 50));
    return { kept, empty: el.shadowRoot.querySelector('.cc-app') === null };
  });
  assert.deepEqual(moved, { kept: true, empty: true });
  page.assertClean();
  await page.context().close();
});

test('custom element: an unknown template shows the problem instead of breaking the page', async () => {
  const page = await guardedPage(browser, server, { viewport: { width: 800, height: 600 } });
  await page.goto(`${server.origin}/`, { waitUntil: 'load' });
  await page.locator(`${calc} .cc-app`).waitFor({ timeout: 15_000 });
  const text = await page.evaluate(async () => {
    const el = document.createElement('contract-calculator');
    el.setAttribute('template', 'no-such-template');
    document.body.append(el);
    return el.shadowRoot.querySelector('[role=alert]')?.textContent;
  });
  assert.match(text, /no-such-template/);
  // The failure was reported on the console (expected here), and nothing else went wrong.
  assert.equal(page.problems.errors.length, 1);
  assert.match(page.problems.errors[0], /no-such-template/);
  page.problems.errors.length = 0;
  page.assertClean();
  await page.context().close();
});

test('mount(): values in and out, onChange with plain JSON, two widgets, unmount', async () => {
  const page = await guardedPage(browser, server, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.origin}/mount.html`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.ready === true);
  await page.evaluate(() => {
    window.changes = [];
    window.h1 = window.cc.mount(document.getElementById('one'), {
      template: 'after-sales-upgrade',
      values: { total: '36万', effective_date: '2025-09-26', advance_days: '5', advance_pct: '30', progress_pct: '40', progress_days: '10', final_days: '15' },
      lang: 'en',
      onChange: (c) => window.changes.push(c),
    });
    window.h2 = window.cc.mount(document.getElementById('two'), { template: 'after-sales-upgrade' });
  });
  const one = page.locator('#one');
  await one.locator('.cc-schedule tbody tr').first().waitFor();
  assert.match(await one.locator('.cc-title').innerText(), /Contract/);
  // An embedded widget reads no share link, so it offers none.
  assert.equal(await one.locator('#cc-share').isVisible(), false);
  assert.equal(await one.locator('#cc-print').isVisible(), true);
  assert.deepEqual(await page.evaluate(() => window.h1.getValues().total), '36万');
  assert.equal(await page.evaluate(() => window.changes.length), 0, 'no onChange for the initial state');
  const initial = await page.evaluate(() => window.h1.getResults());
  assert.deepEqual(initial.results.schedule.value.rows.map((r) => r.amount), ['108000.00', '144000.00', '108000.00']);

  // Typing → onChange with values and results.
  await one.locator('#cc-f-total').fill('400000');
  await page.waitForFunction(() => window.changes.length > 0 && window.changes.at(-1).values.total === '400000');
  const typed = await page.evaluate(() => window.changes.at(-1));
  assert.deepEqual(typed.results.schedule.value.rows.map((r) => r.amount), ['120000.00', '160000.00', '120000.00']);
  // getState(): what a new mount() needs to show the widget as it is.
  assert.deepEqual(
    await page.evaluate(() => { const s = window.h1.getState(); return [s.template, s.lang, s.values.total]; }),
    ['after-sales-upgrade', 'en', '400000'],
  );

  // A host's setValues is an edit like typing: the message of the clear before it goes, and
  // so does the offer to undo that clear (which would throw the new values away).
  await one.locator('#cc-clear').click();
  await one.locator('.cc-notice').filter({ hasText: /cleared/ }).waitFor();
  assert.equal(await one.locator('#cc-clear').innerText(), 'Undo clear');
  await page.evaluate(() => window.h1.setValues({ total: '400000' }));
  await one.locator('.cc-notice').filter({ hasText: /cleared/ }).waitFor({ state: 'detached', timeout: 3000 });
  assert.equal(await one.locator('#cc-clear').innerText(), 'Clear');
  await page.evaluate(() => window.h1.setValues(window.changes.at(-2).values));

  // setValues → the form, the contract and onChange follow; a bad value is an error in the results.
  await page.evaluate(() => window.h1.setValues({ ...window.h1.getValues(), total: '12a3' }));
  await one.locator('.cc-field.cc-invalid #cc-f-total').waitFor();
  assert.equal(await one.locator('#cc-f-total').inputValue(), '12a3');
  await page.waitForFunction(() => window.changes.at(-1).values.total === '12a3');
  const bad = await page.evaluate(() => window.changes.at(-1).results.errors[0]);
  assert.deepEqual([bad.field, bad.code], ['total', 'unexpected_char']);
  assert.match(bad.message, /cannot be part of a number/);
  const thrown = await page.evaluate(() => {
    try { window.h1.setValues({ total: 1.5 }); } catch (e) { return [e instanceof Error, e.field]; }
    return null;
  });
  assert.deepEqual(thrown, [true, 'values.total']);

  const two = page.locator('#two');

  // Two widgets on one page share no element id: a label, or a blank in the contract, of the
  // second widget focuses the second widget's field, not the first's.
  const shared = await page.evaluate(() => {
    const second = new Set([...document.querySelectorAll('#two [id]')].map((e) => e.id));
    return [...document.querySelectorAll('#one [id]')].map((e) => e.id).filter((id) => second.has(id));
  });
  assert.deepEqual(shared, []);
  const focused = () => page.evaluate(() => [document.activeElement.closest('#one, #two')?.id, document.activeElement.id]);
  const label = (widget, text) => widget.locator('.cc-field > label').filter({ hasText: text }).first();
  await label(two, '合同总额（元）').click();
  assert.deepEqual(await focused(), ['two', 'cc2-f-total']);
  await two.locator('.cc-contract .v.gap[data-field="party_b"]').first().click();
  assert.deepEqual(await focused(), ['two', 'cc2-f-party_b']);
  await label(one, 'Contract total (yuan)').click();
  assert.deepEqual(await focused(), ['one', 'cc-f-total']);
  // Its summary's links (the blanks still missing) point at its own fields too.
  const targets = await page.evaluate(() => [...document.querySelectorAll('#two .cc-summary a[href]')].map((a) => {
    const href = a.getAttribute('href');
    return document.getElementById(href.slice(1))?.closest('#one, #two')?.id ?? href;
  }));
  assert.ok(targets.length > 0, 'the second widget lists missing blanks');
  assert.deepEqual([...new Set(targets)], ['two']);

  // Unmount: the DOM goes, later calls throw an Error, the other widget keeps working.
  const after = await page.evaluate(() => {
    window.h1.unmount();
    window.h1.unmount();
    let err = null;
    try { window.h1.getValues(); } catch (e) { err = e instanceof Error && e.message; }
    return { gone: document.querySelector('#one .cc-app') === null, err };
  });
  assert.equal(after.gone, true);
  assert.match(after.err, /unmounted|卸载/);
  await two.locator('#cc2-f-total').fill('1409.5');
  await two.locator('.cc-words', { hasText: '人民币壹仟肆佰零玖元伍角整' }).waitFor();

  // Unmounting from inside onChange is safe.
  await page.evaluate(() => {
    window.h3 = window.cc.mount(document.getElementById('one'), { template: 'pc-maintenance', onChange: () => window.h3.unmount() });
  });
  await one.locator('#cc3-example').click(); // the third widget started on this page
  await page.waitForFunction(() => document.querySelector('#one .cc-app') === null);
  assert.equal(await page.evaluate(() => window.cc.amountInWords('1409.5')), '人民币壹仟肆佰零玖元伍角整');

  // Bad options throw Errors with the field.
  const errors = await page.evaluate(() => {
    const el = document.getElementById('one');
    const field = (f) => { try { f(); } catch (e) { return e instanceof Error ? e.field : 'not an Error'; } return 'no throw'; };
    return [
      field(() => window.cc.mount(el, { template: 'nope' })),
      field(() => window.cc.mount(el, { lang: 'fr' })),
      field(() => window.cc.mount(el, { onChange: 42 })),
      field(() => window.cc.mount(el, { holidays: { year: 1900, days: [] } })),
      field(() => window.cc.mount('not an element')),
    ];
  });
  assert.deepEqual(errors, ['template', 'lang', 'onChange', 'year', 'element']);
  page.assertClean();
  await page.context().close();
});

test('custom element: the import step works inside the shadow root (one wasm, no second module)', async () => {
  const page = await guardedPage(browser, server, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.origin}/`, { waitUntil: 'load' });
  await page.locator(`${calc} .cc-app`).waitFor({ timeout: 15_000 });
  await page.locator(`${calc} #cc-import-open`).click();
  await page.locator(`${calc} #cc-import-source`).fill('服务合同\n甲方：________\n1.1 合同总额为人民币________元。\n');
  await page.locator(`${calc} #cc-import-run`).click();
  await page.locator(`${calc} .cc-import-blanks tbody tr`).first().waitFor({ timeout: 15_000 });
  assert.match(await page.locator(`${calc} .cc-import-summary`).innerText(), /2个空白/);
  await page.locator(`${calc} #cc-import-use`).click();
  await page.locator(`${calc} .cc-contract .contract-title`, { hasText: '服务合同' }).waitFor();
  page.assertClean();
  await page.context().close();
});

test('custom element: print prints the contract alone, not the host page', async () => {
  const page = await guardedPage(browser, server, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.origin}/`, { waitUntil: 'load' });
  await page.locator(`${calc} .cc-app`).waitFor({ timeout: 15_000 });
  await page.evaluate(() => {
    window.print = () => { window.hostPrinted = true; };
  });
  await page.locator(`${calc} #cc-example`).click();
  await page.locator(`${calc} #cc-print`).click();
  const frame = page.locator('iframe.cc-print-frame');
  await frame.waitFor({ state: 'attached', timeout: 15_000 });
  const srcdoc = await frame.getAttribute('srcdoc');
  assert.match(srcdoc, /<article class="contract"/);
  assert.match(srcdoc, /人民币/);
  assert.ok(!srcdoc.includes('<script'));
  assert.equal(await page.evaluate(() => window.hostPrinted), undefined, 'the host page was printed');
  page.assertClean();
  await page.context().close();
});
