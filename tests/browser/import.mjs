// The import step in the built app (dist/): paste a contract text, review what was detected
// (rename, retype, merge; a refused edit says why), use it as the template, fill it in,
// reload and find it kept; hostile text stays inert everywhere it shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useBrowser, guardedPage, OUT } from './harness.mjs';

const env = useBrowser();

const TEXT = `技术服务合同
合同编号：________
甲方：____________
乙方：____________
第一条 费用
1.1 合同总额为人民币________元。
1.2 甲方在合同生效后____个工作日内支付合同总额的____%作为预付款，验收合格后____个工作日内支付剩余款项。
第二条 违约责任
2.1 甲方逾期付款的，每逾期一日，按未支付金额的____%支付违约金。
第三条 其他
3.1 乙方联系人：________，电话：________。
3.2 乙方项目负责人：________。
`;

async function openImport(page) {
  await page.goto(`${env.server.origin}/`);
  await page.locator('.cc-app').waitFor({ timeout: 15_000 });
  await page.click('#cc-import-open');
  await page.locator('#cc-import-source').waitFor();
}

async function detect(page, text) {
  await page.fill('#cc-import-source', text);
  await page.click('#cc-import-run');
  await page.locator('.cc-import-blanks tbody tr').first().waitFor({ timeout: 15_000 });
}

const row = (page, label) => page.locator('.cc-import-blanks tbody tr', { has: page.locator(`input[value="${label}"]`) });

test('paste, review (rename, retype, merge, refused edit), use, fill, reload', { timeout: 120_000 }, async () => {
  // No service worker here: it would fetch every asset, the documents module included.
  const page = await guardedPage(env.browser, env.server, { viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  await openImport(page);
  // The documents module is not part of the first load.
  assert.ok(!env.server.requests.some((u) => u.includes('contract-calc-docs')), 'docs module loaded before use');
  await detect(page, TEXT);
  assert.ok(env.server.requests.some((u) => u.includes('contract-calc-docs_bg.wasm')), 'docs module loaded on use');
  assert.match(await page.locator('.cc-import-summary').innerText(), /技术服务合同[\s\S]*11个空白[\s\S]*3个费用条款/);
  assert.match(await row(page, '合同总额（元）').locator('.cc-import-snippet').innerText(), /人民币【________】元/);

  // Retype the phone number to a number; rename the second period; merge the project lead
  // into the contact (one field, two places).
  await row(page, '乙方电话').locator('select.cc-import-type').selectOption('integer');
  const second = page.locator('.cc-import-blanks tbody tr').nth(6);
  await second.locator('input.cc-import-label').fill('剩余款项支付期限（工作日）');
  await second.locator('input.cc-import-label').press('Tab');
  await row(page, '剩余款项支付期限（工作日）').waitFor();
  const before = await page.locator('.cc-import-blanks tbody tr').count();
  await row(page, '乙方项目负责人').locator('select.cc-import-merge').selectOption({ label: '乙方联系人' });
  await page.waitForFunction((n) => document.querySelectorAll('.cc-import-blanks tbody tr').length === n - 1, before);
  assert.match(await row(page, '乙方联系人').locator('.cc-num').innerText(), /^2$/);

  // A calculator reads the total: it cannot become a date. The row says why; the type stays.
  const total = row(page, '合同总额（元）');
  await total.locator('select.cc-import-type').selectOption('date');
  await assert.doesNotReject(total.locator('.cc-error', { hasText: '计算条款或计算值使用此空白' }).waitFor());
  assert.equal(await total.locator('select.cc-import-type').inputValue(), 'money');
  await page.screenshot({ path: `${OUT}import-review.png`, fullPage: true });

  // Save as a template document.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cc-import-save')]);
  const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(saved.title, '技术服务合同');
  assert.ok(saved.blanks.some((b) => b.label.zh === '剩余款项支付期限（工作日）'));

  // Use it: the form and the contract follow the reviewed template.
  await page.click('#cc-import-use');
  await page.locator('.cc-import').waitFor({ state: 'detached' });
  const contact = page.locator('.cc-field', { hasText: '乙方联系人' }).locator('input');
  await contact.fill('王五');
  const phone = page.locator('.cc-field', { hasText: '乙方电话' }).locator('input');
  await phone.fill('abc');
  await assert.doesNotReject(page.locator('.cc-field.cc-invalid', { hasText: '乙方电话' }).waitFor());
  const contract = page.locator('.cc-contract');
  await page.waitForFunction(() => (document.querySelector('.cc-contract')?.innerText.match(/王五/g) ?? []).length === 2);
  assert.match(await contract.innerText(), /技术服务合同/);

  // Reload: the imported template and its values come back (checked by the docs module).
  await page.reload();
  await page.locator('.cc-field', { hasText: '乙方联系人' }).locator('input').waitFor({ timeout: 15_000 });
  assert.equal(await page.locator('.cc-field', { hasText: '乙方联系人' }).locator('input').inputValue(), '王五');
  assert.equal((await page.locator('#cc-template option:checked').innerText()).trim(), '技术服务合同');
  await page.screenshot({ path: `${OUT}import-used.png`, fullPage: true });
  page.assertClean();
  await page.context().close();
});

test('hostile contract text renders inertly in the review, the form and the contract', { timeout: 120_000 }, async () => {
  const page = await guardedPage(env.browser, env.server, { viewport: { width: 1280, height: 900 } });
  await openImport(page);
  const hostile = `<img src=x onerror="window.__pwned=1">合同\u202E
甲方<script>window.__pwned=2</script>：________
1.1 合同总额为人民币________元<style>*{display:none}</style>。
1.2 链接 javascript:alert(1) 与 <a href="javascript:window.__pwned=3">点此</a>：________
`;
  await detect(page, hostile);
  await page.click('#cc-import-use');
  await page.locator('.cc-import').waitFor({ state: 'detached' });
  await page.locator('.cc-contract').waitFor();
  for (const el of await page.locator('.cc-contract a, .cc-contract img, .cc-contract script, .cc-contract style, .cc-form img, .cc-form script').all()) {
    assert.fail(`element from the text: ${await el.evaluate((e) => e.outerHTML)}`);
  }
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  const text = await page.locator('.cc-contract').innerText();
  assert.match(text, /<img src=x onerror/);
  assert.ok(!text.includes('\u202E'), 'bidi override dropped');
  assert.ok(await page.locator('.cc-form').isVisible(), 'the injected CSS did not hide the widget');
  page.assertClean();
  await page.context().close();
});

test('a hostile template document (title, labels, help, options, headings) renders inertly', { timeout: 120_000 }, async () => {
  const page = await guardedPage(env.browser, env.server, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${env.server.origin}/`);
  await page.locator('.cc-app').waitFor({ timeout: 15_000 });
  const t = JSON.parse(readFileSync(new URL('../../src/template/bundled/after-sales-upgrade.json', import.meta.url), 'utf8'));
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>\u202E';
  t.id = 'evil';
  t.title = `合同${evil}`;
  t.groups[0].label.zh = `双方${evil}`;
  t.blanks[1].label.zh = `甲方<a href="javascript:window.__pwned=3">点</a>`;
  t.blanks[1].help = { zh: `<style>*{display:none}</style>帮助`, en: '' };
  t.blanks[1].example = `"><img src=x onerror="window.__pwned=4">`;
  const choice = t.blanks.find((b) => b.options?.length);
  choice.options[0].label.zh = `<b onmouseover="window.__pwned=5">顺延</b>`;
  choice.options[0].text = `<iframe src="javascript:window.__pwned=6"></iframe>顺延`;
  t.body[1].heading = `第一章 <svg onload="window.__pwned=7"></svg>`;
  const snapshot = { v: 1, template: 'evil', doc: JSON.stringify(t), lang: 'zh-CN', inputs: {} };
  await page.setInputFiles('#cc-import', { name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(snapshot)) });
  await page.locator('.cc-contract .contract-title', { hasText: '<img src=x' }).waitFor({ timeout: 15_000 });
  await page.click('#cc-example');
  await page.hover('.cc-form');
  const injected = await page.locator('.cc-app img, .cc-app script, .cc-app iframe, .cc-app svg, .cc-app style, .cc-app a[href^="javascript"], .cc-app b[onmouseover]').count();
  assert.equal(injected, 0, 'elements from the template document');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.ok(await page.locator('.cc-form').isVisible());
  assert.ok(!(await page.locator('.cc-app').innerText()).includes('\u202E'), 'bidi override dropped');
  assert.equal((await page.locator('#cc-template option:checked').innerText()).trim(), `合同<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`);
  page.assertClean();
  await page.context().close();
});
