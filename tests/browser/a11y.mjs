// Accessibility of the release build in dist/, checked by axe-core (the engine behind
// Lighthouse's and the browsers' accessibility audits) against WCAG 2.1 A and AA: labels bound
// to their inputs, names for every control, contrast, ARIA used correctly, landmarks and
// headings. At desktop and phone width, in both interface languages, filled and with errors
// showing, and the import review. Keyboard use and visible focus, which axe does not check,
// have their own test: Tab through the page and look at what has the focus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { useBrowser, guardedPage } from './harness.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const env = useBrowser();

/// axe's violations within the widget, as `rule: what (first element)` lines.
async function violations(page) {
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(
    (tags) => window.axe.run('.cc-app', { runOnly: { type: 'tag', values: tags } }),
    TAGS,
  );
  return found.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length}× e.g. ${v.nodes[0].target}`);
}

for (const [width, height] of [
  [1280, 900],
  [390, 844],
]) {
  test(`no WCAG 2.1 AA violations at ${width} px: filled, with an error, and in English`, async () => {
    // The page's CSP forbids inline scripts; axe is injected as one, for the test only.
    const page = await guardedPage(env.browser, env.server, { viewport: { width, height }, bypassCSP: true });
    await page.goto(`${env.server.origin}/`, { waitUntil: 'load' });
    await page.selectOption('#cc-template', 'after-sales-upgrade');
    await page.click('#cc-example');
    assert.deepEqual(await violations(page), [], 'filled with the example');

    await page.fill('#cc-f-advance_pct', '130');
    await page.locator('.cc-field.cc-invalid .cc-error').first().waitFor();
    assert.deepEqual(await violations(page), [], 'with an error beside a field');

    await page.selectOption('#cc-lang', 'en');
    await page.locator('.cc-app[lang="en"]').waitFor();
    assert.deepEqual(await violations(page), [], 'in English');

    await page.selectOption('#cc-template', 'pc-maintenance');
    await page.click('#cc-example');
    assert.deepEqual(await violations(page), [], 'a template with a rows editor');

    // The import step: a contract text read into blanks, under review.
    await page.click('#cc-import-open');
    await page.fill('#cc-import-source', '服务合同\n甲方：________\n1.1 合同总额为人民币________元。\n');
    await page.click('#cc-import-run');
    await page.locator('.cc-import-blanks tbody tr').first().waitFor({ timeout: 15_000 });
    assert.deepEqual(await violations(page), [], 'the import review');
    page.assertClean();
    await page.context().close();
  });
}

test('keyboard alone: Tab reaches every kind of control with a visible focus ring; Enter on a blank in the contract jumps to its field', async () => {
  const page = await guardedPage(env.browser, env.server, { viewport: { width: 1280, height: 900 } });
  // A first visit: the first template, nothing filled in, focus at the start of the page.
  await page.goto(`${env.server.origin}/`, { waitUntil: 'load' });
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return {
        what: el.id || `${el.tagName.toLowerCase()}.${String(el.className).replace(/ /g, '.')}`,
        field: el.getAttribute('data-field'),
        ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      };
    });
  const seen = [];
  for (let i = 0; i < 70; i++) {
    await page.keyboard.press('Tab');
    seen.push(await focused());
  }
  assert.deepEqual(seen.filter((f) => !f.ring), [], 'every focused element shows a focus ring');
  const names = seen.map((f) => f.what);
  for (const id of ['cc-template', 'cc-lang', 'cc-example', 'cc-print', 'cc-annex', 'cc-f-party_a', 'cc-f-total', 'cc-f-effective_date']) {
    assert.ok(names.includes(id), `${id} is reachable by Tab (${names.join(' ')})`);
  }
  const gap = seen.find((f) => f.field);
  assert.ok(gap, `a blank in the contract is reachable by Tab (${names.join(' ')})`);

  // Shift+Tab back to that blank, Enter: its field has the focus; typing fills it.
  for (let i = 0; i < 60 && (await focused()).field !== gap.field; i++) await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  assert.equal((await focused()).what, `cc-f-${gap.field}`);
  page.assertClean();
  await page.context().close();
});

test('rows editor: each remove button names its row; removing the last row leaves the focus on "add row"', async () => {
  const page = await guardedPage(env.browser, env.server, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${env.server.origin}/`, { waitUntil: 'load' });
  await page.selectOption('#cc-template', 'pc-maintenance');
  await page.click('#cc-example');
  const rows = page.locator('#cc-f-changes');
  const add = rows.locator(':scope > button');
  await add.click();
  await add.click();
  const names = () => rows.locator('tbody button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
  const before = await names();
  assert.ok(before.length >= 2, `rows to remove (${before})`);
  assert.deepEqual(before, before.map((_, i) => `删除第${i + 1}行`));
  await page.selectOption('#cc-lang', 'en');
  assert.deepEqual(await names(), before.map((_, i) => `Remove row ${i + 1}`));

  // Keyboard: Enter on the last row's remove button; the focus stays in the editor.
  await rows.getByRole('button', { name: `Remove row ${before.length}` }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('#cc-f-changes tbody tr').length === n, before.length - 1);
  assert.equal(await page.evaluate(() => document.activeElement?.closest('#cc-f-changes') && document.activeElement.textContent), 'Add row');
  page.assertClean();
  await page.context().close();
});

test('rows editor by keyboard: a new row takes the focus in its first cell; removing a row leaves it in that place', async () => {
  const page = await guardedPage(env.browser, env.server, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${env.server.origin}/`, { waitUntil: 'load' });
  await page.selectOption('#cc-template', 'website-maintenance');
  await page.click('#cc-example');
  const editor = page.locator('#cc-f-pages');
  const rows = editor.locator('tbody tr');
  const count = await rows.count();
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    return el.getAttribute('aria-label') ?? el.textContent;
  });
  const item = (n) => page.getByLabel(`项目 ${n}`, { exact: true });

  // Enter on "add row": the new (last) row's first cell has the focus, and typing fills it.
  await editor.locator(':scope > button').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('#cc-f-pages tbody tr').length === n, count + 1);
  await page.waitForFunction(() => document.activeElement?.tagName === 'INPUT', null, { timeout: 3000 }).catch(() => {});
  assert.equal(await focused(), `项目 ${count + 1}`);
  await page.keyboard.type('关于我们');
  assert.equal(await item(count + 1).inputValue(), '关于我们');

  // Enter on row 2's remove button: row 3 moves up into its place, and the focus stays on the
  // button in that place, which now removes it (Enter again would remove the next row: a
  // keyboard user stays where they were, as in a list whose item was deleted).
  const third = await item(3).inputValue();
  await page.getByRole('button', { name: '删除第2行' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('#cc-f-pages tbody tr').length === n, count);
  assert.equal(await item(2).inputValue(), third);
  assert.equal(await focused(), '删除第2行');

  // The last row's remove button goes with its row: the focus moves to "add row".
  await page.getByRole('button', { name: `删除第${count}行` }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('#cc-f-pages tbody tr').length === n, count - 1);
  assert.equal(await focused(), '添加一行');
  page.assertClean();
  await page.context().close();
});
