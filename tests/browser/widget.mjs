// End-to-end tests of the widget in dist/ (run `trunk build --release` first):
// `node --test tests/browser/widget.mjs`. Screenshots go to tests/browser/out/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { useBrowser, guardedPage, OUT, AFTER_SALES, fillFields, checkAfterSales } from './harness.mjs';

const env = useBrowser();

const open = async (page) => {
  await page.goto(`${env.server.origin}/`, { waitUntil: 'load' });
  await page.locator('.cc-app').waitFor({ timeout: 15_000 });
};
const field = (page, id) => page.locator(`#cc-f-${id}`);
/// A fresh 1280 × 900 page showing a template (after-sales-upgrade unless told) filled with
/// its example values.
const examplePage = async (template = 'after-sales-upgrade') => {
  const page = await guardedPage(env.browser, env.server, { viewport: { width: 1280, height: 900 } });
  await open(page);
  await page.selectOption('#cc-template', template);
  await page.click('#cc-example');
  return page;
};

test('fill a template: schedule rows, 大写, contract text, jump to field', async () => {
  const page = await guardedPage(env.browser, env.server, { viewport: { width: 1280, height: 900 } });
  await open(page);
  await page.selectOption('#cc-template', 'after-sales-upgrade');
  await fillFields(page, AFTER_SALES);
  // The money field shows its 大写 as you type; the schedule and the contract follow.
  const contract = await checkAfterSales(page);

  // An unfilled blank in the text jumps to its field, brought to the middle of the window so
  // that its label above and its help and error below show too.
  await contract.locator('.v.gap[data-field="party_b"]').first().click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'cc-f-party_b');
  await contract.locator('.v.gap[data-field="breach_quality_pct"]').first().click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'cc-f-breach_quality_pct');
  await page.waitForFunction(() => {
    const box = document.activeElement.closest('.cc-field').getBoundingClientRect();
    return box.top >= 0 && box.bottom <= innerHeight && Math.abs((box.top + box.bottom) / 2 - innerHeight / 2) < innerHeight / 4;
  }, null, { timeout: 3000 });

  await page.screenshot({ path: `${OUT}widget-1280.png`, fullPage: true });
  page.assertClean();
  await page.context().close();
});

test("a table cell's error names its row and column, in either language", async () => {
  const page = await guardedPage(env.browser, env.server, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${env.server.origin}/`, { waitUntil: 'load' });
  await page.selectOption('#cc-template', 'pc-maintenance');
  await page.click('#cc-example');
  await page.getByLabel('设备类型 1', { exact: true }).fill('abc');
  const err = page.locator('#cc-e-changes');
  await assert.doesNotReject(err.filter({ hasText: '第1行“设备类型”：没有设备类型“abc”' }).waitFor());
  // The bad cell, and only it, is invalid and described by the error line.
  const cell = page.getByLabel('设备类型 1', { exact: true });
  assert.deepEqual([await cell.getAttribute('aria-invalid'), await cell.getAttribute('aria-describedby')], ['true', 'cc-e-changes']);
  assert.equal(await page.getByLabel('设备类型 2', { exact: true }).getAttribute('aria-invalid'), null);
  assert.equal(await page.locator('.cc-rows table').first().getAttribute('aria-label'), '服务期内台数变化');
  await page.selectOption('#cc-lang', 'en');
  await assert.doesNotReject(err.filter({ hasText: "Row 1, Device type: There is no device type 'abc'" }).waitFor());
  page.assertClean();
  await page.context().close();
});

test('bad input shows its error beside the field; the rest keeps working; no panic', async () => {
  const page = await examplePage();
  await field(page, 'total').fill('12a3');
  const err = page.locator('#cc-e-total');
  await assert.doesNotReject(err.filter({ hasText: '第3个字符“a”不能出现在数字中' }).waitFor());
  assert.equal(await field(page, 'total').getAttribute('aria-invalid'), 'true');
  // It is red, as its error is; a field that reads fine is not.
  const look = (id) => field(page, id).evaluate((el) => [getComputedStyle(el).borderTopColor, getComputedStyle(el).backgroundColor]);
  const [bad, good] = [await look('total'), await look('advance_pct')];
  assert.notDeepEqual(bad, good, 'an invalid field looks like any other');
  assert.notEqual(bad[1], 'rgb(255, 255, 255)');
  // Other fields still render their values; the breach panel waits for the total.
  assert.equal(await field(page, 'party_a').inputValue(), '杭州云集优选电子商务有限公司');
  await field(page, 'total').fill('😀'.repeat(50));
  await field(page, 'advance_pct').fill('-5');
  await assert.doesNotReject(page.locator('#cc-e-advance_pct', { hasText: '不能为负数' }).waitFor());
  // English UI: the same error in English.
  await page.selectOption('#cc-lang', 'en');
  await assert.doesNotReject(page.locator('#cc-e-advance_pct', { hasText: 'Must not be negative' }).waitFor());
  page.assertClean();
  await page.context().close();
});

test('a value typed just before the tab is closed is kept (autosave flushes on leaving)', async () => {
  const page = await examplePage();
  await field(page, 'party_b').fill('最后一刻输入');
  const context = page.context();
  await page.close(); // at once: autosave's delay (src/ui/storage.rs) has not run out
  const again = await guardedPage(env.browser, env.server, { viewport: { width: 1280, height: 900 } }, context);
  await open(again);
  assert.equal(await field(again, 'party_b').inputValue(), '最后一刻输入');
  again.assertClean();
  await context.close();
});

test('reload keeps the values; export then import restores the same state', async () => {
  const page = await examplePage();
  await field(page, 'party_b').fill('乙方 <b>粗体</b> & "引号"');
  await page.reload({ waitUntil: 'load' });
  await page.locator('.cc-app').waitFor();
  assert.equal(await field(page, 'party_b').inputValue(), '乙方 <b>粗体</b> & "引号"');
  assert.equal(await field(page, 'total').inputValue(), '360000');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cc-export')]);
  const exported = readFileSync(await download.path(), 'utf8');
  const state = JSON.parse(exported);
  assert.equal(state.v, 1);
  assert.equal(state.template, 'after-sales-upgrade');

  await page.click('#cc-clear');
  assert.equal(await field(page, 'party_b').inputValue(), '');
  await page.setInputFiles('#cc-import', { name: 'state.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await assert.doesNotReject(page.waitForFunction(() => document.querySelector('#cc-f-party_b')?.value === '乙方 <b>粗体</b> & "引号"'));
  const [again] = await Promise.all([page.waitForEvent('download'), page.click('#cc-export')]);
  assert.equal(readFileSync(await again.path(), 'utf8'), exported, 'lossless round trip');

  // A damaged file is reported, and the widget keeps working.
  await page.setInputFiles('#cc-import', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"v":1,') });
  await assert.doesNotReject(page.locator('.cc-notice', { hasText: '导入的文件有问题' }).waitFor());
  assert.equal(await field(page, 'total').inputValue(), '360000');
  page.assertClean();
  await page.context().close();
});

test('the annex choice is kept like every value: on reload, in the exported JSON, in a share link', async () => {
  const page = await examplePage();
  const box = page.locator('#cc-annex');
  const annexes = (p) => p.locator('.cc-contract section.annex', { hasText: '附件一' });
  await box.check();
  await annexes(page).waitFor({ timeout: 3000 });
  await page.reload({ waitUntil: 'load' });
  assert.equal(await box.isChecked(), true, 'after a reload');
  await annexes(page).waitFor({ timeout: 3000 });

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cc-export')]);
  const exported = readFileSync(await download.path(), 'utf8');
  assert.equal(JSON.parse(exported).annex, true, 'in the exported JSON');
  await box.uncheck();
  await page.setInputFiles('#cc-import', { name: 'state.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await page.waitForFunction(() => document.querySelector('#cc-annex').checked, null, { timeout: 3000 });

  await page.click('#cc-share');
  const link = await page.locator('.cc-share-link').inputValue();
  const other = await guardedPage(env.browser, env.server, { viewport: { width: 1280, height: 900 } });
  await other.goto(link, { waitUntil: 'load' });
  assert.equal(await other.locator('#cc-annex').isChecked(), true, 'from a share link');
  await annexes(other).waitFor({ timeout: 3000 });
  other.assertClean();
  await other.context().close();

  // Unchecked is kept too (a saved state without the choice reads unchecked).
  await box.uncheck();
  await page.reload({ waitUntil: 'load' });
  assert.equal(await box.isChecked(), false);
  assert.ok(!(await page.evaluate(() => localStorage.getItem('contract-calc:v1'))).includes('annex'));
  page.assertClean();
  await page.context().close();
});

test('status messages follow the interface language, also when an imported file switches it', async () => {
  const page = await examplePage();
  const notice = page.locator('.cc-notice');
  const says = (text) => notice.filter({ hasText: text }).waitFor({ timeout: 3000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cc-export')]);
  const state = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(state.lang, 'zh-CN');
  // A file saved in the English interface, imported into the Chinese one: the interface
  // switches to English, and so does the message (it stayed 已导入 JSON 文件中的内容).
  state.lang = 'en';
  await page.setInputFiles('#cc-import', { name: 'state.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(state)) });
  await page.locator('.cc-app[lang="en"]').waitFor({ timeout: 3000 });
  await says('Imported the values from the JSON file');
  // Switching the language translates the message shown, whichever it is.
  await page.selectOption('#cc-lang', 'zh-CN');
  await says('已导入 JSON 文件中的内容');
  await page.click('#cc-clear');
  await says('已清空所有填写内容');
  await page.selectOption('#cc-lang', 'en');
  await says('Every value was cleared');
  await page.setInputFiles('#cc-import', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"v":1,') });
  await says('The imported file has problems: not JSON');
  await page.selectOption('#cc-lang', 'zh-CN');
  await says('导入的文件有问题：not JSON');
  page.assertClean();
  await page.context().close();
});

test('a status message goes when the values change or another action is taken', async () => {
  const page = await examplePage();
  const notice = page.locator('.cc-notice');
  const says = (text) => notice.filter({ hasText: text }).waitFor({ timeout: 3000 });
  const gone = (after) => page.waitForFunction(() => document.querySelector('.cc-notice').textContent === '', null, { timeout: 3000 })
    .catch(async () => assert.fail(`after ${after}: still '${await notice.textContent()}'`));
  const share = async () => {
    await page.click('#cc-share');
    await says('分享链接已复制');
  };
  // The link copied is of the values then on screen: a change makes the message wrong.
  await share();
  await page.click('#cc-example');
  await gone('filling in the example');
  await share();
  await field(page, 'party_b').fill('新乙方');
  await gone('typing into a field');
  await share();
  await page.check('#cc-annex');
  await gone('choosing annexes');
  await share();
  await Promise.all([page.waitForEvent('download'), page.click('#cc-docx')]);
  await gone('downloading the Word file');
  await share();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cc-export')]);
  await gone('exporting JSON');
  await page.selectOption('#cc-template', 'website-maintenance');
  await page.click('#cc-example');
  await share();
  await page.getByLabel('备注 2', { exact: true }).fill('含后台');
  await gone('typing into a table row');
  await share();
  await page.locator('.cc-rows > button').first().click();
  await gone('adding a table row');
  // A message that comes with its change stays.
  await page.click('#cc-clear');
  await says('已清空所有填写内容');
  await page.setInputFiles('#cc-import', { name: 'state.json', mimeType: 'application/json', buffer: readFileSync(await download.path()) });
  await says('已导入 JSON 文件中的内容');
  assert.equal(await field(page, 'party_b').inputValue(), '新乙方');
  await page.screenshot({ path: `${OUT}notice-after-import.png` });
  page.assertClean();
  await page.context().close();
});

test('clear, the example and a template switch replace what was just typed', async () => {
  // The fields re-read their values only when the values are replaced (Ctx::replaced), not
  // on each keystroke: a replacement must show even when it equals the last one.
  const page = await guardedPage(env.browser, env.server, { viewport: { width: 1280, height: 900 } });
  await open(page);
  await page.selectOption('#cc-template', 'after-sales-upgrade');
  await field(page, 'total').fill('12万');
  await page.click('#cc-clear');
  assert.equal(await field(page, 'total').inputValue(), '');
  await page.click('#cc-example');
  assert.equal(await field(page, 'total').inputValue(), '360000');
  await field(page, 'total').fill('1');
  await page.click('#cc-example');
  assert.equal(await field(page, 'total').inputValue(), '360000');
  assert.match(await page.locator('.cc-schedule tbody tr').first().innerText(), /108,000\.00/);
  // A template switch keeps what was typed: back in the first template, it is there again.
  await field(page, 'total').fill('7');
  await page.selectOption('#cc-template', 'website-maintenance');
  await page.selectOption('#cc-template', 'after-sales-upgrade');
  assert.equal(await field(page, 'total').inputValue(), '7');
  assert.equal(await field(page, 'party_a').inputValue(), '杭州云集优选电子商务有限公司');
  page.assertClean();
  await page.context().close();
});

test('the tables move to numbered annexes when chosen, and back', async () => {
  const page = await examplePage();
  const contract = page.locator('.cc-contract');
  const annex = contract.locator('section.annex');
  assert.equal(await annex.count(), 0, 'the schedule where the template puts it');
  assert.equal(await page.locator('#cc-annex').isChecked(), false);
  await page.check('#cc-annex');
  await assert.doesNotReject(annex.first().filter({ hasText: '附件一' }).waitFor({ timeout: 3000 }));
  assert.match(await annex.first().innerText(), /108,000\.00/);
  assert.match(await contract.locator('section.clause:not(.annex)').allInnerTexts().then((t) => t.join('\n')), /附件一/);
  await page.uncheck('#cc-annex');
  await annex.first().waitFor({ state: 'detached', timeout: 3000 });
  page.assertClean();
  await page.context().close();
});

test('clear can be undone until the next typing', async () => {
  const page = await examplePage();
  const button = page.locator('#cc-clear');
  await button.click();
  assert.equal(await field(page, 'total').inputValue(), '');
  assert.match(await page.locator('.cc-notice').innerText(), /已清空所有填写内容/);
  assert.equal(await button.innerText(), '撤销清空');
  await button.click();
  assert.equal(await field(page, 'total').inputValue(), '360000');
  assert.match(await page.locator('.cc-schedule tbody tr').first().innerText(), /108,000\.00/);
  assert.equal(await button.innerText(), '清空');
  // Typing after a clear ends the offer (an undo would throw the new typing away).
  await button.click();
  await field(page, 'party_a').fill('新公司');
  assert.equal(await button.innerText(), '清空');
  // So does filling in the example.
  await button.click();
  assert.equal(await button.innerText(), '撤销清空');
  await page.click('#cc-example');
  assert.equal(await button.innerText(), '清空');
  assert.equal(await page.locator('.cc-notice').innerText(), '');
  page.assertClean();
  await page.context().close();
});

test('a table row edited after a clear ends the offer to undo it', async () => {
  const page = await examplePage('website-maintenance');
  const button = page.locator('#cc-clear');
  await button.click();
  assert.equal(await button.innerText(), '撤销清空');
  await page.locator('.cc-rows > button').first().click();
  assert.equal(await button.innerText(), '清空');
  assert.equal(await page.locator('.cc-notice').innerText(), '');
  page.assertClean();
  await page.context().close();
});

test('share link carries the state in the fragment', async () => {
  const page = await examplePage();
  await field(page, 'party_a').fill('分享测试公司');
  await page.click('#cc-share');
  const link = await page.locator('.cc-share-link').inputValue();
  assert.match(link, /#s=[A-Za-z0-9_-]+$/);
  const other = await guardedPage(env.browser, env.server, { viewport: { width: 1280, height: 900 } });
  await other.goto(link, { waitUntil: 'load' });
  await other.locator('.cc-app').waitFor();
  assert.equal(await field(other, 'party_a').inputValue(), '分享测试公司');
  other.assertClean();
  page.assertClean();
  await other.context().close();
  await page.context().close();
});

test('a share link never costs the saved work: a damaged one is refused, a good one keeps it aside', async () => {
  const page = await examplePage();
  await field(page, 'party_a').fill('链接公司');
  await page.click('#cc-share');
  const link = await page.locator('.cc-share-link').inputValue();
  await field(page, 'party_a').fill('我的存档');
  assert.equal(await page.locator('.cc-share-link').count(), 0, 'a link of an older state is not left on screen');
  const saved = () => page.evaluate(() => localStorage.getItem('contract-calc:v1') ?? '');
  await page.waitForFunction(() => (localStorage.getItem('contract-calc:v1') ?? '').includes('我的存档'));

  // Damaged links (cut short, garbled, empty, an unknown template) open nothing and keep it.
  const unknown = Buffer.from('{"v":1,"template":"nope","lang":"zh-CN","inputs":{"party_a":"x"}}').toString('base64url');
  for (const fragment of [link.split('#')[1].slice(0, 30), 's=%%%%', 's=', `s=${unknown}`]) {
    const other = await guardedPage(env.browser, env.server, {}, page.context());
    await other.goto(`${env.server.origin}/#${fragment}`, { waitUntil: 'load' });
    await other.locator('.cc-notice', { hasText: '分享链接已损坏或不完整' }).waitFor();
    assert.equal(await field(other, 'party_a').inputValue(), '我的存档', fragment);
    await other.waitForTimeout(400); // past the autosave delay
    assert.match(await saved(), /我的存档/, fragment);
    other.assertClean();
    await other.close();
  }

  // A good link opens; what was saved comes back with one click.
  const other = await guardedPage(env.browser, env.server, {}, page.context());
  await other.goto(link, { waitUntil: 'load' });
  assert.equal(await field(other, 'party_a').inputValue(), '链接公司');
  await other.locator('.cc-notice', { hasText: '此前保存的内容已另存' }).waitFor();
  await other.click('#cc-restore-previous');
  assert.equal(await field(other, 'party_a').inputValue(), '我的存档');
  assert.equal(await other.locator('#cc-restore-previous').count(), 0);

  // A link pasted into the address bar of the open page opens without a reload.
  await other.evaluate((hash) => { location.hash = hash; }, link.split('#')[1]);
  await other.locator('#cc-restore-previous').waitFor();
  assert.equal(await field(other, 'party_a').inputValue(), '链接公司');
  assert.equal(await other.evaluate(() => location.hash), '', 'the fragment is cleared once read');
  other.assertClean();
  page.assertClean();
  await page.context().close();
});

/// Tab out of the element with id `id` (a date input takes a Tab for its calendar button first).
const leave = async (page, id) => {
  for (let i = 0; i < 3 && (await page.evaluate(() => document.activeElement?.id)) === id; i++) await page.keyboard.press('Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement?.id), id);
};

test('an incomplete or impossible date says so beside its field', async () => {
  const page = await examplePage();
  const date = field(page, 'effective_date');
  const err = page.locator('#cc-e-effective_date');
  // Typed into the date input's parts: 02 / 30 / 2025, a day February does not have. The
  // input's value is then "", as for an empty field.
  await date.fill('');
  await date.click();
  await page.keyboard.type('02302025');
  await leave(page, 'cc-f-effective_date');
  assert.equal(await date.inputValue(), '');
  await assert.doesNotReject(err.filter({ hasText: '日期不完整或不存在' }).waitFor({ timeout: 3000 }));
  assert.equal(await date.getAttribute('aria-invalid'), 'true');
  // A real date clears it; so does the example (values replaced from outside the field).
  await date.fill('2025-09-26');
  await page.waitForFunction(() => document.querySelector('#cc-e-effective_date').textContent === '', null, { timeout: 3000 });
  await date.fill('');
  await date.click();
  await page.keyboard.type('0230');
  await leave(page, 'cc-f-effective_date');
  await assert.doesNotReject(err.filter({ hasText: '日期不完整或不存在' }).waitFor({ timeout: 3000 }));
  await page.click('#cc-example');
  await page.waitForFunction(() => document.querySelector('#cc-e-effective_date').textContent === '', null, { timeout: 3000 });
  page.assertClean();
  await page.context().close();
});

test('a due date in a year without holiday data is pending and says why; the term end is computed', async () => {
  const page = await examplePage();
  const rows = page.locator('.cc-schedule tbody tr');
  // The examples: a one-year term from 2025-09-26 ends 2026-09-25; the 尾款 15 days later.
  await assert.doesNotReject(rows.nth(2).filter({ hasText: '2026-10-10' }).waitFor({ timeout: 3000 }));
  const contract = page.locator('article.contract');
  assert.match(await contract.innerText(), /有效期为1年，至2026年9月25日止/);
  // Effective 2026-12-20: the term ends 2027-12-19 and the 尾款 needs 2028's arrangement.
  await field(page, 'effective_date').fill('2026-12-20');
  await assert.doesNotReject(rows.nth(2).filter({ hasText: '待2028年节假日安排确定日期' }).waitFor({ timeout: 3000 }));
  assert.match(await rows.nth(2).innerText(), /108,000\.00/);
  assert.match(await rows.nth(0).innerText(), /2026-12-25/);
  assert.match(await contract.innerText(), /至2027年12月19日止/);
  const note = page.locator('.cc-field:has(#cc-f-effective_date) .cc-warning');
  await assert.doesNotReject(note.filter({ hasText: '2028年起的法定节假日及调休安排' }).waitFor({ timeout: 3000 }));
  assert.equal(await page.locator('#cc-e-effective_date').textContent(), '');
  await page.screenshot({ path: `${OUT}awaiting-holidays.png`, fullPage: true });
  page.assertClean();
  await page.context().close();
});

test('a narrow widget stacks and shows result rows as cards, at any window width', async () => {
  // A phone: no template, filled or not, widens the page; the schedule is one card per row.
  const phone = await guardedPage(env.browser, env.server, { viewport: { width: 360, height: 800 } });
  await open(phone);
  const widest = [];
  for (const tpl of await phone.$$eval('#cc-template option', (o) => o.map((x) => x.value).filter(Boolean))) {
    await phone.selectOption('#cc-template', tpl);
    widest.push([tpl, 'empty', await phone.evaluate(() => document.documentElement.scrollWidth)]);
    await phone.click('#cc-example');
    await phone.locator('.cc-contract .v.gap').first().waitFor({ state: 'detached', timeout: 3000 }).catch(() => {});
    widest.push([tpl, 'example', await phone.evaluate(() => document.documentElement.scrollWidth)]);
  }
  assert.deepEqual(widest.filter(([, , w]) => w > 360), [], 'pages wider than the phone');
  await phone.selectOption('#cc-template', 'outsourced-operations');
  await phone.click('#cc-example');
  const schedule = phone.locator('.cc-schedule');
  assert.equal(await schedule.locator('thead').isVisible(), false, 'no header row on a card list');
  const card = schedule.locator('tbody tr').first();
  const before = (sel) => card.locator(sel).evaluate((td) => getComputedStyle(td, '::before').content);
  assert.equal(await before('td:nth-child(5)'), '"付款期限"');
  assert.ok((await card.boundingBox()).width <= 360);
  await phone.screenshot({ path: `${OUT}widget-360-cards.png`, fullPage: false });
  phone.assertClean();
  await phone.context().close();

  // Embedded in a 620px column of a wide window: stacked as well, by the widget's own width.
  const page = await guardedPage(env.browser, env.server, { viewport: { width: 1400, height: 900 } });
  await open(page);
  const side = async () => (await page.locator('.cc-side').boundingBox());
  const main = async () => (await page.locator('.cc-main').boundingBox());
  assert.ok((await main()).x > (await side()).x, 'side by side in a wide widget');
  await page.evaluate(() => { document.querySelector('.cc-app').style.maxWidth = '620px'; });
  await page.waitForFunction(() => {
    const s = document.querySelector('.cc-side').getBoundingClientRect();
    const m = document.querySelector('.cc-main').getBoundingClientRect();
    return m.top >= s.bottom && m.left === s.left;
  }, null, { timeout: 3000 });
  page.assertClean();
  await page.context().close();
});

test('on a phone nothing is cut off: rows editors as cards, every device-fee column, a wide contract table scrolls visibly', async () => {
  const page = await guardedPage(env.browser, env.server, { viewport: { width: 390, height: 844 } });
  await open(page);
  // What of `sel` (shown) lies outside `within` (its box, or its scrolled-away part): a line each.
  const cut = (sel, within) => page.$$eval(sel, (els, within) => els.filter((el) => el.getClientRects().length).flatMap((el) => {
    const box = el.closest(within).getBoundingClientRect();
    const r = el.getBoundingClientRect();
    const inside = r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && el.scrollWidth <= el.clientWidth + 1;
    return inside ? [] : [`${el.tagName} ${el.textContent || el.getAttribute('aria-label')}: ${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(box.left)}–${Math.round(box.right)}`];
  }), within);

  // Rows editors: one card per row, each cell beside its column's name, the remove button
  // whole, nothing scrolled out of view (in both languages: "Remove" was cut to "Rem").
  for (const tpl of ['website-maintenance', 'pc-maintenance']) {
    await page.selectOption('#cc-template', tpl);
    await page.click('#cc-example');
    for (const lang of ['zh-CN', 'en']) {
      await page.selectOption('#cc-lang', lang);
      const rows = page.locator('.cc-rows').first();
      const over = await rows.evaluate((r) => r.scrollWidth - r.clientWidth);
      assert.ok(over <= 0, `${tpl} ${lang}: the rows editor scrolls ${over}px sideways`);
      assert.deepEqual(await cut('.cc-rows td :is(input, textarea), .cc-rows td button, .cc-rows td.num', '.cc-group'), [], `${tpl} ${lang}`);
      const heads = await rows.locator('thead th').evaluateAll((ths) => ths.map((th) => th.textContent).filter(Boolean));
      const labels = await rows.locator('tbody tr').first().locator('td[data-label]')
        .evaluateAll((tds) => tds.map((td) => getComputedStyle(td, '::before').content.replace(/^"|"$/g, '')));
      assert.deepEqual(labels, heads, `${tpl} ${lang}: each cell shows its column's name`);
      await rows.screenshot({ path: `${OUT}phone-rows-${tpl}-${lang}.png` });
    }
    await page.selectOption('#cc-lang', 'zh-CN');
  }

  // The device fees panel (pc-maintenance): every column, VAT and total included, in the panel.
  const devices = page.locator('.cc-devices');
  assert.deepEqual(await cut('.cc-devices th, .cc-devices td', '.cc-panel'), []);
  assert.equal(await devices.locator('thead').isVisible(), true);
  // Each month's due date is a line of its own under the month, named, the moved-from date
  // under it (August: 2025-08-10 is a Sunday).
  const due = devices.locator('tbody tr').nth(1).locator('td.cc-due');
  assert.match(await due.innerText(), /^2025-08-11\s*（原 2025-08-10，遇休息日顺延）$/);
  assert.equal(await due.evaluate((td) => getComputedStyle(td, '::before').content), '"付款期限 "');
  const [dueBox, rowBox] = [await due.boundingBox(), await due.locator('xpath=..').boundingBox()];
  assert.ok(dueBox.width > rowBox.width - 4, `the due date spans its row: ${dueBox.width} of ${rowBox.width}`);
  // (The window, not the panel alone: the header sticks to the window's top as months scroll.)
  await page.locator('.cc-panel', { has: devices }).evaluate((p) => p.scrollIntoView());
  await page.screenshot({ path: `${OUT}phone-device-fees.png` });

  // The contract's monthly fee table: wider than the phone, it scrolls on its own (not the
  // contract's card), shows a shadow where there is more, takes the focus (to scroll it by
  // keyboard), and a period stays on one line.
  const table = page.locator('.cc-contract table.devices');
  const wrap = await page.locator('.cc-contract-wrap').evaluate((w) => w.scrollWidth - w.clientWidth);
  assert.ok(wrap <= 0, `the contract card scrolls ${wrap}px sideways, not the table`);
  const t = await table.evaluate((el) => ({
    overflow: getComputedStyle(el).overflowX, scrolls: el.scrollWidth > el.clientWidth,
    cue: getComputedStyle(el).backgroundImage.includes('radial-gradient'),
    lines: [...el.querySelectorAll('tbody td:first-child')].map((td) => { const r = document.createRange(); r.selectNodeContents(td); return r.getClientRects().length; }),
  }));
  assert.deepEqual([t.overflow, t.scrolls, t.cue], ['auto', true, true], JSON.stringify(t));
  assert.equal(await table.getAttribute('tabindex'), '0', 'a keyboard can focus it to scroll it');
  assert.deepEqual(t.lines, t.lines.map(() => 1), 'each period on one line');
  await table.screenshot({ path: `${OUT}phone-contract-fees.png` });
  await table.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
  const total = await table.locator('tfoot td').last().evaluate((td) => {
    const [c, b] = [td.getBoundingClientRect(), td.closest('table').getBoundingClientRect()];
    return { text: td.textContent, inside: c.left >= b.left && c.right <= b.right + 1 };
  });
  assert.deepEqual(total, { text: '14,209.03', inside: true });
  await table.screenshot({ path: `${OUT}phone-contract-fees-scrolled.png` });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 390);

  // No column of a contract table is squeezed to a character or two a line (the schedule's
  // 大写 was one character a line), in any template.
  const narrow = [];
  for (const tpl of await page.$$eval('#cc-template option', (o) => o.map((x) => x.value))) {
    await page.selectOption('#cc-template', tpl);
    await page.click('#cc-example');
    narrow.push(...await page.$$eval('.cc-contract table.calc :is(td, th)', (cells, tpl) => cells
      .filter((c) => c.getBoundingClientRect().width < 4 * parseFloat(getComputedStyle(c).fontSize))
      .map((c) => `${tpl}: ${c.textContent}`), tpl));
  }
  assert.deepEqual(narrow, []);
  page.assertClean();
  await page.context().close();
});

test('on a desktop the rows editor shows all that is typed into it, its column names on one line', async () => {
  const page = await guardedPage(env.browser, env.server, { viewport: { width: 1280, height: 900 } });
  await open(page);
  await page.selectOption('#cc-template', 'website-maintenance');
  await page.click('#cc-example');
  const rows = page.locator('.cc-rows').first();
  // Cells whose text is cut off (wider or taller than the cell shows), column names on more
  // than one line (Chinese), and how far the editor scrolls sideways.
  const cramped = () => rows.evaluate((r) => {
    const lines = (el) => { const range = document.createRange(); range.selectNodeContents(el); return range.getClientRects().length; };
    return {
      cut: [...r.querySelectorAll('td :is(input, textarea)')]
        .filter((x) => x.scrollWidth > x.clientWidth + 1 || x.scrollHeight > x.clientHeight + 1).map((x) => x.value),
      heads: r.closest('.cc-app').lang.startsWith('zh') ? [...r.querySelectorAll('thead th')].filter((th) => lines(th) > 1).map((th) => th.textContent) : [],
      over: r.scrollWidth - r.clientWidth,
    };
  });
  for (const lang of ['zh-CN', 'en']) {
    await page.selectOption('#cc-lang', lang);
    assert.deepEqual(await cramped(), { cut: [], heads: [], over: 0 }, lang);
  }
  await page.selectOption('#cc-lang', 'zh-CN');
  // A longer note wraps onto more lines in its cell, rather than widen the table.
  await page.getByLabel('备注 1', { exact: true }).fill('首页含轮播图三张与二级导航菜单，另做移动端适配');
  assert.deepEqual(await cramped(), { cut: [], heads: [], over: 0 });
  await rows.screenshot({ path: `${OUT}rows-website-maintenance-1280.png` });
  page.assertClean();
  await page.context().close();
});

test("on a phone a rows editor card's labels are all aligned alike, the computed one too", async () => {
  const page = await guardedPage(env.browser, env.server, { viewport: { width: 390, height: 844 } });
  await open(page);
  await page.selectOption('#cc-template', 'website-maintenance');
  await page.click('#cc-example');
  for (const lang of ['zh-CN', 'en']) {
    await page.selectOption('#cc-lang', lang);
    const card = page.locator('.cc-rows tbody tr').first();
    // Each label (its cell's ::before) with its alignment and its box's left edge.
    const labels = await card.locator('td[data-label]').evaluateAll((tds) => tds.map((td) => {
      const before = getComputedStyle(td, '::before');
      return `${td.dataset.label}: ${before.textAlign} ${Math.round(td.getBoundingClientRect().left + parseFloat(getComputedStyle(td).paddingLeft))}`;
    }));
    const first = labels[0].replace(/^[^:]*: /, '');
    assert.deepEqual(labels.filter((l) => !l.endsWith(first) || !/: (left|start) /.test(l)), [], `${lang}: ${labels.join(', ')}`);
    await card.screenshot({ path: `${OUT}phone-rows-card-${lang}.png` });
  }
  page.assertClean();
  await page.context().close();
});

test('on a phone a date in the result panels is never broken over two lines', async () => {
  const page = await guardedPage(env.browser, env.server, { viewport: { width: 390, height: 844 } });
  await open(page);
  // Each date (2025-11-14) in the panels that spans more than one line box, and each panel
  // wider than its box.
  const broken = () => page.$eval('.cc-results', (results) => {
    const out = [];
    const walk = document.createTreeWalker(results, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      for (const m of node.data.matchAll(/\d{4}-\d{2}-\d{2}/g)) {
        const r = document.createRange();
        r.setStart(node, m.index);
        r.setEnd(node, m.index + m[0].length);
        if (r.getClientRects().length > 1) out.push(`${node.parentElement.textContent}`);
      }
    }
    for (const p of results.querySelectorAll('.cc-panel')) if (p.scrollWidth > p.clientWidth) out.push(`a panel ${p.scrollWidth - p.clientWidth}px too wide`);
    return out;
  });
  const found = [];
  for (const tpl of ['website-maintenance', 'outsourced-operations', 'after-sales-upgrade']) {
    await page.selectOption('#cc-template', tpl);
    await page.click('#cc-example');
    for (const lang of ['zh-CN', 'en']) {
      await page.selectOption('#cc-lang', lang);
      found.push(...(await broken()).map((b) => `${tpl} ${lang}: ${b}`));
      const facts = page.locator('.cc-panel', { has: page.locator('.cc-facts') });
      if (await facts.count()) await facts.screenshot({ path: `${OUT}phone-penalty-${tpl}-${lang}.png` });
    }
    await page.selectOption('#cc-lang', 'zh-CN');
  }
  assert.deepEqual(found, []);
  page.assertClean();
  await page.context().close();
});

test('phone width and print media screenshots', async () => {
  const page = await guardedPage(env.browser, env.server, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  await open(page);
  await page.selectOption('#cc-template', 'after-sales-upgrade');
  await page.click('#cc-example');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no horizontal scrolling on a phone (page is ${width}px wide)`);
  // Every control one types into at 16px at least: focusing a smaller one zooms a phone's page.
  const small = await page.evaluate(() => [...document.querySelectorAll('.cc-app :is(input:not([type]), input[type="text"], input[type="date"], select, textarea)')]
    .filter((el) => el.offsetParent && parseFloat(getComputedStyle(el).fontSize) < 16)
    .map((el) => `${el.id || el.tagName} ${getComputedStyle(el).fontSize}`));
  assert.deepEqual(small, [], 'controls under 16px on a phone');
  await page.screenshot({ path: `${OUT}widget-390.png`, fullPage: true });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.cc-toolbar').isVisible(), false, 'no UI chrome in print');
  assert.equal(await page.locator('.cc-contract').isVisible(), true);
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: `${OUT}widget-print.png`, fullPage: true });
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 1000);
  page.assertClean();
  await page.context().close();
});

/// A template filled with its example, printed to an A4 PDF (in OUT, as `name`.pdf) as the
/// print button would (print media).
const printed = async (tpl, name) => {
  const page = await guardedPage(env.browser, env.server, { viewport: { width: 1280, height: 900 } });
  await open(page);
  await page.selectOption('#cc-template', tpl);
  await page.click('#cc-example');
  await page.emulateMedia({ media: 'print' });
  const file = `${OUT}${name}.pdf`;
  writeFileSync(file, await page.pdf({ format: 'A4' }));
  page.assertClean();
  await page.context().close();
  return file;
};
/// Each page of a PDF: its words, with their box in points (pdftotext -bbox).
const words = (pdf) => execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' })
  .split('<page ').slice(1)
  .map((p) => [...p.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)]
    .map(([, x0, y0, x1, y1, text]) => ({ x0: +x0, y0: +y0, x1: +x1, y1: +y1, text })));
/// The ink (darkness, summed over 7 pixels) of the first and the last vertical line crossing a
/// PDF page's row at `y` points, at 300 dpi: the left and right borders of a table there.
const borders = (pdf, page, y) => {
  const pgm = execFileSync('pdftoppm', ['-r', '300', '-f', `${page}`, '-l', `${page}`, '-y', `${Math.round(y * 300 / 72)}`, '-H', '1', '-gray', pdf]);
  const width = +pgm.toString('latin1', 0, 40).split(/\s+/)[1];
  const px = pgm.subarray(pgm.length - width);
  const dark = [...px.keys()].filter((x) => px[x] < 230);
  const ink = (x) => px.subarray(x - 3, x + 4).reduce((s, v) => s + 255 - v, 0);
  return [ink(dark[0] + 1), ink(dark[dark.length - 1] - 1)];
};

test('print on A4: no column of zeros, whole periods, whole table borders, an aligned signature line, a heading with its table', async () => {
  // pc-maintenance agrees no discount and no VAT: the fee table has no 折扣 or 税额 column
  // (they were 0.00 throughout, a character wide), and each period is on one line.
  const fees = await printed('pc-maintenance', 'print-pc-maintenance');
  const text = execFileSync('pdftotext', ['-layout', fees, '-'], { encoding: 'utf8' });
  const head = text.split('\n').filter((line) => line.includes('期间') && line.includes('台式机'));
  assert.equal(head.length, 1, text);
  assert.ok(!/[折税]/.test(head[0]), `no discount or tax column: ${head[0]}`);
  for (const period of ['2025年7月1日至2025年7月31日', '2025年10月1日至2025年10月31日', '2026年6月1日至2026年6月30日']) {
    assert.ok(text.includes(period), `${period} on one line`);
  }
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '2', '-l', '2', fees, `${OUT}print-pc-maintenance`]);

  const pdf = await printed('outsourced-operations', 'print-outsourced-operations');
  const pages = words(pdf);
  const find = (text) => {
    const i = pages.findIndex((p) => p.some((w) => w.text.startsWith(text)));
    return { page: i + 1, ...pages[i]?.find((w) => w.text.startsWith(text)) };
  };
  // Tables keep their right border whole (it was cut to two thirds at the page's edge).
  for (const cell of ['10,000.00', '134.40']) {
    const at = find(cell);
    const [left, right] = borders(pdf, at.page, (at.y0 + at.y1) / 2);
    assert.ok(right >= 0.9 * left, `${cell}'s row: right border ink ${right}, left ${left}`);
  }
  // The signature line: 乙方 wraps to a line of its own, indented as 甲方 is.
  const [a, b] = [find('甲方（盖章）'), find('乙方（盖章）')];
  assert.ok(b.y0 > a.y0, 'the parties on two lines');
  assert.ok(Math.abs(b.x0 - a.x0) < 1, `甲方 at ${a.x0} pt, 乙方 at ${b.x0} pt`);
  // The 附 heading is on the page of its first table, not left at the foot of the one before.
  const [heading, table] = [find('附：逾期付款违约金测算'), find('付款日期')];
  assert.equal(heading.page, table.page, `附 on page ${heading.page}, its table on page ${table.page}`);
  execFileSync('pdftoppm', ['-r', '60', '-png', pdf, `${OUT}print-outsourced-operations`]);
});

/// What breaks in the payment schedule tables (`table` selects them) where it must not: a
/// date (also one in a note of a moved deadline), a payment's name of up to six characters, a
/// 大写 column squeezed under three characters a line. A line each.
const scheduleBreaks = (page, table) => page.$$eval(`${table} tbody tr`, (rows) => rows.flatMap((tr) => {
  const [name, , , words, due] = tr.cells;
  const lines = (td, from, to) => {
    const r = document.createRange();
    r.setStart(td.firstChild, from);
    r.setEnd(td.firstChild, to);
    return r.getClientRects().length;
  };
  const out = [];
  if (name.textContent.length <= 6 && lines(name, 0, name.textContent.length) > 1) out.push(`name ${name.textContent}`);
  for (const m of due.textContent.matchAll(/\d{4}年\d{1,2}月\d{1,2}日/g)) {
    if (lines(due, m.index, m.index + m[0].length) > 1) out.push(`date ${m[0]} in ${due.textContent}`);
  }
  const em = parseFloat(getComputedStyle(words).fontSize);
  if (words.getBoundingClientRect().width < 3 * em) out.push(`大写 ${Math.round(words.getBoundingClientRect().width)}px wide`);
  return out;
}));

test('a date and a short payment name stay on one line in the contract, its print and the .html download', async () => {
  const broken = [];
  for (const tpl of ['website-maintenance', 'after-sales-upgrade', 'outsourced-operations']) {
    for (const width of [1280, 390]) {
      const page = await guardedPage(env.browser, env.server, { viewport: { width, height: 900 } });
      await open(page);
      await page.selectOption('#cc-template', tpl);
      await page.click('#cc-example');
      broken.push(...(await scheduleBreaks(page, '.cc-contract table.schedule')).map((b) => `${tpl} ${width}px: ${b}`));
      if (width === 390) await page.locator('.cc-contract table.schedule').screenshot({ path: `${OUT}contract-schedule-${tpl}-390.png` });
      page.assertClean();
      await page.context().close();
    }
    // Printed on A4 (what the PDF shows: a cell's text on one line of the table's lines) …
    const page = await guardedPage(env.browser, env.server, { viewport: { width: 1280, height: 900 } });
    await open(page);
    await page.selectOption('#cc-template', tpl);
    await page.click('#cc-example');
    const cells = await page.$$eval('.cc-contract table.schedule tbody tr', (rows) => rows.flatMap((tr) => [
      ...[tr.cells[0].textContent].filter((name) => name.length <= 6),
      ...tr.cells[4].textContent.match(/\d{4}年\d{1,2}月\d{1,2}日/g) ?? [],
    ]));
    await page.emulateMedia({ media: 'print' });
    const pdf = `${OUT}print-schedule-${tpl}.pdf`;
    writeFileSync(pdf, await page.pdf({ format: 'A4' }));
    // The table's lines: from its header (repeated on each page) to its 合计 (also repeated).
    let inside = false;
    const table = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\n').filter((l) => {
      if (l.includes('款项') && l.includes('付款期限')) inside = true;
      else if (l.trim().startsWith('合计')) inside = false;
      return inside;
    });
    broken.push(...cells.filter((c) => !table.some((l) => l.includes(c))).map((c) => `${tpl} print: ${c}`));
    if (tpl === 'website-maintenance') execFileSync('pdftoppm', ['-r', '70', '-png', '-f', '2', '-l', '2', pdf, `${OUT}print-schedule-${tpl}`]);
    // … and the .html download, whose schedule is an annex.
    await page.emulateMedia({ media: 'screen' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cc-html')]);
    const view = await guardedPage(env.browser, env.server, { viewport: { width: 900, height: 1200 } });
    await view.setContent(readFileSync(await download.path(), 'utf8'), { waitUntil: 'load' });
    broken.push(...(await scheduleBreaks(view, 'table.schedule')).map((b) => `${tpl} .html: ${b}`));
    view.assertClean();
    page.assertClean();
    await view.context().close();
    await page.context().close();
  }
  assert.deepEqual(broken, []);
});

test('hostile input renders inertly in the form, contract, print, export and share link', async () => {
  const page = await examplePage();
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>' +
    '<a href="javascript:window.__pwned=3">x</a><style>*{display:none}</style>\u202Eevil';
  await field(page, 'party_a').fill(evil);
  await field(page, 'contract_no').fill('"><svg onload="window.__pwned=4">');
  const contract = page.locator('.cc-contract');
  await assert.doesNotReject(contract.getByText('window.__pwned=2', { exact: false }).first().waitFor());
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script ran');
  assert.equal(await contract.locator('img, script, style, svg, a[href^="javascript"]').count(), 0, 'no element was injected');
  assert.ok(!(await contract.innerText()).includes('\u202E'), 'bidi controls are dropped from the contract');
  assert.equal(await field(page, 'party_a').inputValue(), evil, 'the form keeps exactly what was typed');
  assert.equal(await page.locator('.cc-toolbar').isVisible(), true, 'the injected CSS did not apply');
  // Print media: same inert text.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await contract.locator('img, script, style, svg').count(), 0);
  await page.emulateMedia({ media: 'screen' });
  // Export: the raw value, as JSON text.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cc-export')]);
  const state = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(state.inputs.party_a, evil);
  // Share link: round trip, still inert.
  await page.click('#cc-share');
  const link = await page.locator('.cc-share-link').inputValue();
  const other = await guardedPage(env.browser, env.server, { viewport: { width: 1280, height: 900 } });
  await other.goto(link, { waitUntil: 'load' });
  await other.locator('.cc-app').waitFor();
  assert.equal(await field(other, 'party_a').inputValue(), evil);
  assert.equal(await other.evaluate(() => window.__pwned), undefined);
  assert.equal(await other.locator('.cc-contract').locator('img, script, style, svg').count(), 0);
  other.assertClean();
  page.assertClean();
  await other.context().close();
  await page.context().close();
});

test('download the filled contract as Word (.docx) and as a self-contained .html', async () => {
  const page = await examplePage();
  await field(page, 'party_a').fill('<script>window.__pwned=1</script>甲方&公司\u202E');
  assert.equal(await page.locator('#cc-docx').innerText(), '下载 Word');

  const [docx] = await Promise.all([page.waitForEvent('download'), page.click('#cc-docx')]);
  assert.equal(docx.suggestedFilename(), '电商平台售后服务体系升级服务合同.docx');
  const bytes = readFileSync(await docx.path());
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'a ZIP archive');
  assert.ok(bytes.includes('word/document.xml'), 'with a Word document in it');
  // The entries are stored uncompressed, so the document's text is there as UTF-8.
  const xml = bytes.toString('utf8');
  assert.ok(xml.includes('人民币壹拾万捌仟元整'), 'the computed 大写');
  assert.ok(xml.includes('附件一：付款计划表'), 'the schedule annex');
  assert.ok(xml.includes('&lt;script&gt;window.__pwned=1&lt;/script&gt;甲方&amp;公司</w:t>'), 'typed text escaped');
  assert.ok(!xml.includes('\u202E'), 'bidi control dropped');

  const [html] = await Promise.all([page.waitForEvent('download'), page.click('#cc-html')]);
  assert.equal(html.suggestedFilename(), '电商平台售后服务体系升级服务合同.html');
  const doc = readFileSync(await html.path(), 'utf8');
  assert.match(doc, /^<!DOCTYPE html>/);
  assert.ok(doc.includes('108,000.00') && doc.includes('人民币壹拾万捌仟元整'), 'filled values');
  assert.ok(!/<script/i.test(doc), 'no script element');

  // Opened on its own, the file shows the contract and runs nothing.
  const view = await guardedPage(env.browser, env.server, { viewport: { width: 900, height: 1200 } });
  await view.setContent(doc, { waitUntil: 'load' });
  const article = await view.locator('article.contract').innerText();
  assert.match(article, /计人民币108,000\.00元（人民币壹拾万捌仟元整）/);
  assert.match(article, /附件一：付款计划表/);
  assert.ok(article.includes('<script>window.__pwned=1</script>甲方&公司'), 'hostile text shown as text');
  assert.equal(await view.evaluate(() => window.__pwned), undefined, 'no script ran');
  await view.screenshot({ path: `${OUT}export-html.png`, fullPage: true });
  view.assertClean();

  await page.selectOption('#cc-lang', 'en');
  assert.equal(await page.locator('#cc-docx').innerText(), 'Download Word');
  assert.equal(await page.locator('#cc-html').innerText(), 'Download HTML');
  page.assertClean();
  await view.context().close();
  await page.context().close();
});

test('print: a signature line breaks between the two parties, never inside a name', async () => {
  const page = await examplePage();
  await field(page, 'party_a').fill('四川省成都市瑞视文旅发展有限责任公司');
  await field(page, 'party_b').fill('四川省成都市简维网络科技股份有限公司');
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 });
  const sign = page.locator('.cc-contract p', { hasText: '乙方（盖章）' }).last();
  const lines = await sign.evaluate((p) => {
    const top = (el) => Math.round(el.getBoundingClientRect().top);
    const names = [...p.querySelectorAll('.v.filled')];
    return { names: names.map((n) => n.getClientRects().length), tops: names.map(top), height: p.getBoundingClientRect().height };
  });
  assert.deepEqual(lines.names, [1, 1], 'each name on one line');
  assert.ok(lines.tops[1] > lines.tops[0], `the second party starts a new line (${JSON.stringify(lines)})`);
  await sign.screenshot({ path: `${OUT}print-signatures.png` });
  page.assertClean();
  await page.context().close();
});

test('how a number was computed shows over the table, without moving it', async () => {
  const page = await examplePage();
  const table = page.locator('.cc-schedule');
  const box = async () => JSON.stringify(await table.evaluate((t) => [...t.querySelectorAll('tr')].map((r) => [r.offsetWidth, r.offsetHeight])));
  const still = await box();
  const amount = table.locator('tbody .cc-x').first();
  await amount.hover();
  const note = await amount.evaluate((x) => {
    const s = getComputedStyle(x, '::after');
    return [s.content, s.position];
  });
  assert.deepEqual(note, ['"360,000.00 × 30% = 108,000.00，四舍五入到分"', 'absolute']);
  assert.equal(await box(), still, 'no row moved or grew');
  // Escape hides it without moving the pointer (WCAG 1.4.13); leaving and coming back shows it.
  const shown = () => amount.evaluate((x) => getComputedStyle(x, '::after').display);
  await page.keyboard.press('Escape');
  assert.equal(await shown(), 'none');
  await page.mouse.move(0, 0);
  await amount.hover();
  assert.notEqual(await shown(), 'none');
  // A screen reader hears the same note: it is the number's accessible description.
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.cc-schedule tbody .cc-x' });
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
  assert.equal(nodes[0].description?.value, '360,000.00 × 30% = 108,000.00，四舍五入到分');
  await page.locator('.cc-results').screenshot({ path: `${OUT}how-note.png` });
  page.assertClean();
  await page.context().close();
});

test('in English, the template picker names each template in English beside its own title', async () => {
  const page = await examplePage();
  const options = () => page.locator('#cc-template option').allInnerTexts();
  assert.equal((await options())[0], '电商平台售后服务体系升级服务合同');
  await page.selectOption('#cc-lang', 'en');
  const en = await options();
  assert.equal(en[0], 'After-sales service upgrade (e-commerce platform) · 电商平台售后服务体系升级服务合同');
  assert.equal(en.length, 6);
  assert.ok(en.every((o) => /^[A-Z][\x20-\x7e]+ · \p{Script=Han}/u.test(o)), en.join('\n'));
  // The contract stays in its own language.
  assert.match(await page.locator('.cc-contract .contract-title').innerText(), /电商平台售后服务体系升级服务合同/);
  page.assertClean();
  await page.context().close();
});

test('a monthly schedule fits its panel, its notes explain each month, and each field shows its unit', async () => {
  const page = await examplePage();
  await page.selectOption('#cc-template', 'outsourced-operations');
  await page.click('#cc-example');
  const table = page.locator('.cc-schedule');
  for (const lang of ['zh-CN', 'en']) {
    await page.selectOption('#cc-lang', lang);
    const fit = await table.evaluate((t) => {
      const rule = t.querySelector('tbody td:nth-child(6)');
      return { over: t.parentElement.scrollWidth - t.parentElement.clientWidth, rule: rule.offsetWidth };
    });
    assert.ok(fit.over <= 0, `${lang}: the table is ${fit.over}px wider than its panel`);
    assert.ok(fit.rule >= 120, `${lang}: the rule column is ${fit.rule}px wide`);
  }
  await page.selectOption('#cc-lang', 'zh-CN');
  // 26,800 a month for 12 months: 321,600 × 100% ÷ 12, not a percentage rounded to 8.3333%.
  assert.equal(await table.locator('tbody .cc-x').first().getAttribute('aria-description'),
    '321,600.00 × 100% ÷ 12 = 26,800.00，四舍五入到分');
  assert.equal(await table.locator('.cc-moved').first().innerText(), '（原 2025-05-10，遇休息日顺延）');
  await table.screenshot({ path: `${OUT}schedule-monthly.png` });
  // The date a due date moved from stays on one line (not 2025- / 05-10 in the narrow column).
  await page.selectOption('#cc-lang', 'en');
  const lines = await table.locator('.cc-moved').first().evaluate((el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.data.indexOf('2025-05-10');
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + 10);
      return new Set([...r.getClientRects()].map((q) => Math.round(q.top))).size;
    }
    return 0;
  });
  assert.equal(lines, 1, 'the date a due date moved from is on one line');
  await page.selectOption('#cc-lang', 'zh-CN');

  await page.selectOption('#cc-template', 'hardware-maintenance');
  await page.click('#cc-example');
  const unit = (id) => page.locator(`.cc-field:has(#cc-f-${id}) .cc-suffix`).innerText();
  assert.equal(await unit('parts_zhe'), '折');
  assert.equal(await unit('purchase_price'), '元');
  await page.selectOption('#cc-lang', 'en');
  assert.equal(await unit('purchase_price'), 'yuan');
  page.assertClean();
  await page.context().close();
});
