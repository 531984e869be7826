// The npm package from Node, as a user gets it: run inside a scratch project where the packed
// tarball was installed (tests/npm/run.sh copies this file there), importing it by name.
// Every exported function is called with real values and checked; bad input must throw an
// Error with a field, never crash the module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cc from 'contract-calc';

const {
  amountInWords, parseAmountInWords, isWorkingDay, addWorkingDays, addHolidayData,
  paymentSchedule, latePenalty, deviceFees, renderContract, templates, mount, importTemplateText, exportDocx, exportHtml,
} = cc;

/// Call `f`, expect an Error with this field (and code), return it.
function throwsField(f, field, code) {
  let err;
  try {
    f();
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof Error, `expected an Error, got ${err}`);
  assert.equal(err.field, field, `field of: ${err.message}`);
  if (code) assert.equal(err.code, code, `code of: ${err.message}`);
  assert.ok(err.message.length > 4, 'a specific message');
  return err;
}

// Money keys in the outputs, all of which must have exactly 2 decimal places.
const MONEY = new Set([
  'amount', 'total', 'residue', 'balance', 'base', 'uncapped_total', 'cap_amount', 'outstanding',
  'unit_fee', 'base_fee', 'subtotal', 'discount', 'net', 'tax', 'gross', 'claimed', 'cap', 'payable',
]);
function moneyHasTwoPlaces(value, path = '') {
  if (Array.isArray(value)) return value.forEach((v, i) => moneyHasTwoPlaces(v, `${path}.${i}`));
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (MONEY.has(k) && typeof v === 'string') assert.match(v, /^-?\d+\.\d\d$/, `${path}.${k} = ${v}`);
      else moneyHasTwoPlaces(v, `${path}.${k}`);
    }
  }
}
const cents = (s) => BigInt(s.replace('.', ''));

test('exports every function of the API', () => {
  for (const name of ['amountInWords', 'parseAmountInWords', 'isWorkingDay', 'addWorkingDays', 'addHolidayData',
    'paymentSchedule', 'latePenalty', 'deviceFees', 'renderContract', 'templates', 'mount', 'importTemplateText', 'exportDocx', 'exportHtml']) {
    assert.equal(typeof cc[name], 'function', name);
  }
  assert.equal(cc.initSync, undefined, 'the loader stays internal');
});

test('amountInWords: 大写 from decimal strings', () => {
  assert.equal(amountInWords('1409.5'), '人民币壹仟肆佰零玖元伍角整');
  assert.equal(amountInWords('16409.02'), '人民币壹万陆仟肆佰零玖元零贰分');
  assert.equal(amountInWords('0.05'), '人民币伍分');
  assert.equal(amountInWords('10'), '人民币壹拾元整');
  assert.equal(amountInWords('100000000'), '人民币壹亿元整');
  assert.equal(amountInWords('36万'), '人民币叁拾陆万元整');
  assert.equal(amountInWords('999999999999.99'), '人民币玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分');
  // Money never comes as a JS number.
  throwsField(() => amountInWords(1409.5), 'amount');
  throwsField(() => amountInWords('1.234'), 'amount', 'too_many_decimals');
  throwsField(() => amountInWords('12a3'), 'amount', 'unexpected_char');
  const en = throwsField(() => amountInWords('12a3', 'en'), 'amount', 'unexpected_char');
  assert.match(en.message, /cannot be part of a number/);
  const zh = throwsField(() => amountInWords('12a3'), 'amount');
  assert.match(zh.message, /不能出现在数字中/);
  throwsField(() => amountInWords('1000000000000'), 'amount');
  throwsField(() => amountInWords('1', 'fr'), 'lang');
});

test('parseAmountInWords: 大写 back to a decimal string with 2 places, round trip', () => {
  assert.equal(parseAmountInWords('人民币壹仟肆佰零玖元伍角整'), '1409.50');
  assert.equal(parseAmountInWords('人民币壹万陆仟肆佰零玖元零贰分'), '16409.02');
  assert.equal(parseAmountInWords('壹拾元整'), '10.00');
  for (const x of ['0.00', '0.01', '1.10', '10.00', '1680.32', '100001.00', '360000.00', '123456789.12']) {
    assert.equal(parseAmountInWords(amountInWords(x)), x);
  }
  throwsField(() => parseAmountInWords('人民币壹仟X元'), 'words', 'invalid_words');
  // Ambiguous or malformed 大写: 壹佰零伍 (105) or 壹佰伍拾 (150)? A repeated 零.
  assert.match(throwsField(() => parseAmountInWords('壹佰伍'), 'words', 'invalid_words').message, /第3个字“伍”/);
  throwsField(() => parseAmountInWords('人民币壹万零零元'), 'words', 'invalid_words');
  assert.equal(parseAmountInWords('壹佰零伍元'), '105.00');
  assert.equal(parseAmountInWords('壹佰伍拾元'), '150.00');
  throwsField(() => parseAmountInWords(null), 'words');
});

test('isWorkingDay and addWorkingDays: 法定节假日 and 调休', () => {
  assert.equal(isWorkingDay('2025-10-01'), false); // 国庆
  assert.equal(isWorkingDay('2025-09-28'), true); // a Sunday made a working day (调休)
  assert.equal(isWorkingDay('2025-10-09'), true);
  assert.equal(isWorkingDay('2025-10-11'), true); // a Saturday made a working day (调休)
  assert.equal(isWorkingDay('2025-10-12'), false);
  assert.equal(addWorkingDays('2025-09-26', 5), '2025-10-10');
  assert.equal(addWorkingDays('2025-09-26', 0), '2025-09-26');
  assert.equal(addWorkingDays('2026-02-13', 1), '2026-02-14'); // 春节 调休 Saturday
  throwsField(() => addWorkingDays('2025-09-26', -1), 'n');
  throwsField(() => addWorkingDays('2025-09-26', 1.5), 'n');
  throwsField(() => addWorkingDays('2025-09-26', '5'), 'n');
  throwsField(() => addWorkingDays('2025-02-30', 1), 'date', 'invalid_date');
  throwsField(() => isWorkingDay('2031-01-06'), 'date', 'date_not_covered');
  throwsField(() => isWorkingDay(20250101), 'date');
});

const instalment = (name, percent, days) => ({
  name, share: { type: 'percent', percent }, due: { type: 'after_effective', days, day_kind: 'working' },
});

test('paymentSchedule: 30/40/30 of 360,000 on working days', () => {
  const s = paymentSchedule({
    total: '360000',
    effective_date: '2025-09-26',
    instalments: [instalment('预付款', '30', 5), instalment('进度款', '40', 10), instalment('尾款', '30', 15)],
  });
  assert.equal(s.total, '360000.00');
  assert.equal(s.total_words, '人民币叁拾陆万元整');
  assert.deepEqual(s.rows.map((r) => r.amount), ['108000.00', '144000.00', '108000.00']);
  assert.deepEqual(s.rows.map((r) => r.due_date), ['2025-10-10', '2025-10-16', '2025-10-23']);
  assert.equal(s.rows[0].words, '人民币壹拾万捌仟元整');
  moneyHasTwoPlaces(s);
});

test('paymentSchedule: 12 percent rows sum to the total exactly, residue on the last row', () => {
  const shares = ['8.33', '8.33', '8.33', '8.33', '8.33', '8.33', '8.33', '8.33', '8.33', '8.33', '8.33', '8.37'];
  const s = paymentSchedule({
    total: '100000.01',
    effective_date: '2025-03-03',
    instalments: shares.map((p, i) => instalment(`第${i + 1}期`, p, 5 * (i + 1))),
  });
  assert.equal(s.rows.length, 12);
  const sum = s.rows.reduce((a, r) => a + cents(r.amount), 0n);
  assert.equal(sum, cents(s.total));
  assert.equal(s.rows[0].amount, '8330.00');
  assert.equal(s.rows[11].amount, '8370.01');
  assert.equal(s.rows[11].residue, '0.01');
  moneyHasTwoPlaces(s);
  // The row that took the residue: its share of the total, and the percentage the contract states.
  const tiny = paymentSchedule({
    total: '0.05',
    effective_date: '2025-03-03',
    instalments: ['33', '33', '34'].map((p, i) => instalment(`第${i + 1}期`, p, 5)),
  });
  assert.deepEqual(tiny.rows.map((r) => [r.amount, r.percent, r.stated_percent]), [
    ['0.02', '33', '33'], ['0.02', '33', '33'], ['0.01', '20', '34'],
  ]);
});

test('paymentSchedule: errors name the field; garbage throws; the module keeps working', () => {
  const input = (over) => ({ total: '1000', effective_date: '2025-03-03', instalments: [instalment('一', '30', 5), instalment('二', '69.99', 10)], ...over });
  const e = throwsField(() => paymentSchedule(input()), 'instalments', 'percent_sum');
  assert.match(e.message, /还差0\.01%/);
  assert.match(throwsField(() => paymentSchedule(input(), 'en'), 'instalments').message, /0\.01% short of 100%/);
  throwsField(() => paymentSchedule(input({ instalments: [instalment('一', '-100', 5)] })), 'instalments.0.share.percent', 'negative');
  throwsField(() => paymentSchedule(input({ total: 1000.5 })), 'total'); // a float
  throwsField(() => paymentSchedule(input({ total: '1000.005' })), 'total', 'too_many_decimals');
  throwsField(() => paymentSchedule(input({ effective_date: '2025-13-01' })), 'effective_date');
  throwsField(() => paymentSchedule(input({ instalments: [{ name: 'x', share: { type: 'bogus' }, due: { type: 'fixed_date', date: '2025-05-05' } }] })), 'instalments.0.share.type');
  throwsField(() => paymentSchedule(input({ instalments: [instalment('一', '100', 99999)] })), 'instalments.0.due.days');
  const cyclic = {};
  cyclic.self = cyclic;
  for (const garbage of [undefined, null, 42, 'x', [], {}, cyclic, 10n, () => 1, Symbol('s'), { total: {} }, { total: '1e400' }]) {
    assert.throws(() => paymentSchedule(garbage), (err) => err instanceof Error && typeof err.field === 'string', String(garbage?.toString?.()));
  }
  // Still alive after all that.
  assert.equal(paymentSchedule(input({ instalments: [instalment('全款', '100', 5)] })).rows[0].amount, '1000.00');
});

test('latePenalty: 0.5‰ a day on the unpaid balance, a partial payment', () => {
  const r = latePenalty({
    due_date: '2025-01-31',
    amount_due: '100000',
    contract_total: '300000',
    rate: { type: 'per_day', rate: '0.5', unit: 'per_mille' },
    cap: { type: 'percent_of', percent: '20' },
    payments: [{ date: '2025-02-15', amount: '40000' }],
    as_of: '2025-03-15',
  });
  // 15 days × 100,000 × 0.0005 = 750.00; 28 days × 60,000 × 0.0005 = 840.00
  assert.deepEqual(r.segments.map((s) => [s.days, s.amount]), [[15, '750.00'], [28, '840.00']]);
  assert.equal(r.total, '1590.00');
  assert.equal(r.total_words, '人民币壹仟伍佰玖拾元整');
  assert.equal(r.outstanding, '60000.00');
  assert.equal(r.cap_amount, '60000.00');
  assert.equal(r.daily_rate, '0.0005');
  moneyHasTwoPlaces(r);
  throwsField(() => latePenalty({ due_date: '2025-01-31', amount_due: '100', rate: { type: 'per_day', rate: '1' }, as_of: '2025-03-01', payments: [{ date: '2025-04-01', amount: '10' }] }), 'payments.0.date', 'date_order');
  throwsField(() => latePenalty({ due_date: '2025-01-31' }), 'amount_due');
  // A misspelt optional key is refused, not ignored (it meant percent: 21500.00).
  const typo = throwsField(() => latePenalty({ due_date: '2025-01-31', amount_due: '100000', as_of: '2025-03-15',
    rate: { type: 'per_day', rate: '0.5', units: 'per_mille' } }, 'en'), 'rate', 'unknown_key');
  assert.equal(typo.message, 'rate: Unknown key "units" (expected one of: type, rate, unit, base)');
  throwsField(() => latePenalty({ due_date: '2025-01-31', amount_due: '100000', as_of: '2025-03-15', grace: 3,
    rate: { type: 'per_day', rate: '0.5' } }), '', 'unknown_key');
});

test('unknown keys and wrong types: clear messages naming the field, no serde internals', () => {
  const due = throwsField(() => paymentSchedule({ total: '1000', effective_date: '2025-03-03', instalments: [
    { name: '一', share: { type: 'percent', percent: '100' }, due: { type: 'after_effective', days: 5, day_knd: 'working' } }] }),
  'instalments.0.due', 'unknown_key');
  assert.match(due.message, /"day_knd"/);
  throwsField(() => deviceFees({ start: '2025-01-01', months: 1, devices: [], vat: { rate_percent: '6', inclusive: true } }), 'vat', 'unknown_key');
  throwsField(() => renderContract({ template: 'after-sales-upgrade', value: {} }), '', 'unknown_key');
  throwsField(() => addHolidayData({ year: 2027, days: [{ date: '2027-01-01', isOffday: true }] }), 'holidays', 'rule');
  for (const [f, field] of [
    [() => deviceFees({ start: '2025-01-01', months: -1, devices: [] }, 'en'), 'months'],
    [() => latePenalty({ due_date: '2025-01-31', amount_due: {}, as_of: '2025-03-15', rate: { type: 'per_day', rate: '1' } }, 'en'), 'amount_due'],
    [() => renderContract({ template: 'after-sales-upgrade', values: { total: 5 } }, 'en'), 'values.total'],
  ]) {
    const e = throwsField(f, field);
    assert.doesNotMatch(e.message, /expected u32|untagged|Decimal type|invalid type|invalid value/, e.message);
  }
  assert.equal(throwsField(() => deviceFees({ start: '2025-01-01', months: -1, devices: [] }, 'en'), 'months').message,
    'months: Expected a whole number, 0 or more, not -1');
});

test('deviceFees: per-device months, a mid-month change, discount and VAT', () => {
  const r = deviceFees({
    start: '2025-01-01',
    months: 3,
    base_monthly_fee: '100',
    devices: [{ id: 'pc', name: '台式机', monthly_fee: '30', count: 10 }, { id: 'nb', name: '笔记本', monthly_fee: '50', count: 2 }],
    changes: [{ date: '2025-02-15', device: 'pc', delta: 2 }],
    discount_percent: '10',
    vat: { rate_percent: '6' },
  });
  assert.equal(r.months.length, 3);
  // February: 10 PCs for 14 days + 12 for 14 days = 308 device-days of 28 → 330.00
  assert.deepEqual(r.months[1].lines.map((l) => [l.device_days, l.amount]), [[308, '330.00'], [56, '100.00']]);
  assert.equal(r.months[1].gross, '505.62');
  assert.deepEqual(r.device_totals, [['pc', '990.00'], ['nb', '300.00']]);
  assert.equal(r.gross, '1516.86');
  assert.equal(r.total_words, '人民币壹仟伍佰壹拾陆元捌角陆分');
  moneyHasTwoPlaces(r);
  // Money has 2 places even when nothing is billed; computed row percentages have 4.
  const none = deviceFees({ start: '2025-01-01', months: 1, devices: [] });
  assert.equal(none.months[0].subtotal, '0.00');
  moneyHasTwoPlaces(none);
  const monthly = paymentSchedule({ total: '0', effective_date: '2025-01-01', instalments: [
    { name: '月付', share: { type: 'percent', percent: '100' }, due: { type: 'monthly', day: 5, months: 12 } }] });
  assert.equal(monthly.rows[0].amount, '0.00');
  assert.equal(monthly.rows[0].residue, '0.00');
  moneyHasTwoPlaces(monthly);
  const twelfth = paymentSchedule({ total: '100000', effective_date: '2025-01-01', instalments: [
    { name: '月付', share: { type: 'percent', percent: '100' }, due: { type: 'monthly', day: 5, months: 12 } }] });
  assert.equal(twelfth.rows[0].percent, '8.3333');
  // With a due day, each month's fee is due by that day of the billing month, on working days:
  // 2025-05-10 is a Saturday (→ 05-12), kept there with rest_day_rule "keep".
  const pcs = { start: '2025-01-01', months: 6, devices: [{ id: 'pc', name: 'PC', monthly_fee: '30', count: 1 }] };
  const due = deviceFees({ ...pcs, due: { day: 10 } });
  assert.deepEqual(due.months.map((m) => m.due_date), ['2025-01-10', '2025-02-10', '2025-03-10', '2025-04-10', '2025-05-12', '2025-06-10']);
  assert.equal(due.months[4].unadjusted_due_date, '2025-05-10');
  assert.equal(deviceFees({ ...pcs, due: { day: 10, rest_day_rule: 'keep' } }).months[4].due_date, '2025-05-10');
  assert.equal(deviceFees(pcs).months[0].due_date, null);
  throwsField(() => deviceFees({ ...pcs, due: { day: 31 } }), 'due.day', 'out_of_range');
  const noVat = deviceFees({ start: '2025-01-01', months: 1, devices: [{ id: 'pc', name: 'PC', monthly_fee: '30', count: 1 }] });
  assert.equal(noVat.tax, '0.00');
  assert.equal(noVat.months[0].lines[0].unit_fee, '30.00');
  throwsField(() => deviceFees({ start: '2025-01-01', months: 0, devices: [] }), 'months', 'out_of_range');
  throwsField(() => deviceFees({ start: '2025-01-01', months: 2, devices: [{ id: 'pc', name: 'PC', monthly_fee: '30', count: 1 }], changes: [{ date: '2025-01-10', device: 'pc', delta: -2 }] }), 'changes.0.delta');
});

test('templates and renderContract: bundled template, values, errors in results', () => {
  const list = templates();
  assert.equal(list.length, 6);
  assert.ok(list.some((t) => t.id === 'after-sales-upgrade' && t.title.includes('售后服务')));
  const values = {
    party_a: '杭州云集优选电子商务有限公司', total: '36万', effective_date: '2025-09-26',
    advance_days: '5', advance_pct: '30', progress_pct: '40', progress_days: '10', final_days: '15',
  };
  const out = renderContract({ template: 'after-sales-upgrade', values, annex: true });
  assert.match(out.html, /^<article class="contract"/);
  assert.match(out.html, /杭州云集优选电子商务有限公司/);
  const text = out.html.replace(/<[^>]+>/g, '');
  assert.match(text, /支付合同总额的30%，计人民币108,000\.00元（人民币壹拾万捌仟元整），付款期限为2025年10月10日/);
  assert.equal(out.results.schedule.state, 'ready');
  assert.deepEqual(out.results.schedule.value.rows.map((r) => r.amount), ['108000.00', '144000.00', '108000.00']);
  assert.deepEqual(out.results.errors, []);
  moneyHasTwoPlaces(out.results);

  // A bad value is reported beside its blank, not thrown; the rest still renders.
  const bad = renderContract({ template: 'after-sales-upgrade', values: { ...values, total: '12a3' } }, 'en');
  assert.equal(bad.results.errors[0].field, 'total');
  assert.equal(bad.results.errors[0].code, 'unexpected_char');
  assert.match(bad.results.errors[0].message, /cannot be part of a number/);
  assert.match(bad.html, /杭州云集优选电子商务有限公司/);

  // A template document instead of a bundled id.
  const doc = {
    id: 'mini', title: '小额服务合同',
    blanks: [{ id: 'total', type: 'money', label: { zh: '合同总额' }, required: true }],
    body: [{ heading: '一、价款', paragraphs: ['合同总额为人民币{{total}}元。'] }],
  };
  assert.match(renderContract({ template: doc, values: { total: '1409.5' } }).html.replace(/<[^>]+>/g, ''), /合同总额为人民币1,409\.50元。/);
  assert.match(renderContract({ template: JSON.stringify(doc), values: {} }).html, /合同总额/);
  throwsField(() => renderContract({ template: 'no-such-template' }), 'template');
  const invalid = throwsField(() => renderContract({ template: { ...doc, body: [] } }), 'template.body');
  assert.ok(invalid.message.length > 4);
  throwsField(() => renderContract({ template: 'after-sales-upgrade', values: { total: 360000.5 } }), 'values.total');
});

test('mount needs a DOM element: in Node it throws, it does not crash', () => {
  throwsField(() => mount({}, {}), 'element');
  throwsField(() => mount(undefined), 'element');
  assert.equal(amountInWords('1'), '人民币壹元整');
});

test('addHolidayData: a year beyond the built-in data (holiday-cn format)', () => {
  throwsField(() => isWorkingDay('2027-01-01'), 'date', 'date_not_covered');
  // A schedule whose due date needs 2027 waits for it (no guess), and its amounts compute.
  const lateInput = {
    total: '1000', effective_date: '2026-12-20',
    instalments: [{ name: '预付款', share: { type: 'percent', percent: '100' }, due: { type: 'after_effective', days: 10, day_kind: 'working' } }],
  };
  const waiting = paymentSchedule(lateInput).rows[0];
  assert.equal(waiting.due_date, null);
  assert.equal(waiting.awaiting_holidays, 2027);
  assert.equal(waiting.amount, '1000.00');
  assert.equal(waiting.rule_zh, '合同生效后10个工作日内（待2027年节假日安排确定日期）');
  throwsField(() => addHolidayData({ year: 2027, days: [{ date: '2028-01-01', isOffDay: true }] }), 'days.0.date');
  throwsField(() => addHolidayData('{"year": 2027'), 'holidays');
  throwsField(() => isWorkingDay('2027-01-01'), 'date', 'date_not_covered'); // a failed add changes nothing
  const years = addHolidayData([
    { year: 2027, days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }, { name: '春节', date: '2027-02-06', isOffDay: false }] },
  ]);
  assert.deepEqual(years, [2027]);
  assert.equal(isWorkingDay('2027-01-01'), false); // a Friday holiday
  assert.equal(isWorkingDay('2027-01-04'), true);
  assert.equal(isWorkingDay('2027-02-06'), true); // a Saturday working day
  assert.equal(addWorkingDays('2027-01-01', 1), '2027-01-04');
  // The built-in data ends 2026-12-25 (2027's 元旦 调休 could fall after it): 2027 covers the rest.
  assert.equal(isWorkingDay('2026-12-28'), true);
  assert.equal(addWorkingDays('2026-12-24', 3), '2026-12-29');
  const dated = paymentSchedule(lateInput).rows[0];
  assert.equal(dated.due_date, '2027-01-04'); // 12-21…25, 12-28…31, (01-01 off), 01-04
  assert.equal(dated.awaiting_holidays, null);
  // Adding a year again replaces it (also the late-December days its data listed).
  addHolidayData({ year: 2027, days: [{ date: '2026-12-28', isOffDay: true }, { date: '2027-01-01', isOffDay: true }] });
  assert.equal(isWorkingDay('2026-12-28'), false);
  addHolidayData({ year: 2027, days: [{ date: '2027-01-01', isOffDay: true }] });
  assert.equal(isWorkingDay('2026-12-28'), true);
  assert.equal(isWorkingDay('2027-02-06'), false); // no longer listed: a Saturday again
});

test('importTemplateText: a contract text becomes a template that renderContract fills', () => {
  const text = '技术服务合同\n甲方：________\n乙方：________\n第一条 费用\n1.1 合同总额为人民币________元。\n' +
    '1.2 甲方在合同生效后____个工作日内支付合同总额的____%作为预付款。\n';
  const imported = importTemplateText(text);
  assert.equal(imported.template.title, '技术服务合同');
  const total = imported.template.blanks.find((b) => b.label.zh === '合同总额（元）');
  assert.equal(total?.type, 'money');
  assert.match(imported.places[total.id][0], /人民币【________】元/);
  assert.ok(imported.clauses.some(([kind]) => kind === 'instalment'), JSON.stringify(imported.clauses));
  const out = renderContract({ template: imported.template, values: { party_a: '甲公司', [total.id]: '12万' } });
  assert.match(out.html, /甲公司/);
  assert.match(out.html, /120,000\.00/);
  // Hostile text stays text.
  const evil = importTemplateText('合同<script>alert(1)</script>\n甲方：____\n');
  assert.ok(!renderContract({ template: evil.template, values: {} }).html.includes('<script'));
  assert.throws(() => importTemplateText(undefined));
});

test('exportDocx and exportHtml: the filled contract as a .docx (bytes) and as HTML', () => {
  const input = { template: 'after-sales-upgrade', values: { party_a: '甲<公司>', total: '36万', effective_date: '2025-09-26',
    advance_days: '5', advance_pct: '30', progress_pct: '40', progress_days: '10', final_days: '15' } };
  const docx = exportDocx(input);
  assert.ok(docx instanceof Uint8Array);
  assert.deepEqual([...docx.slice(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'a ZIP');
  assert.ok(Buffer.from(docx).includes('word/document.xml'));
  assert.ok(Buffer.from(docx).includes('甲&lt;公司&gt;'), 'escaped in the XML');
  const html = exportHtml(input);
  assert.match(html, /人民币壹拾万捌仟元整/);
  assert.ok(!html.includes('<script') && html.includes('甲&lt;公司&gt;'));
  throwsField(() => exportDocx({ template: 'no-such-template', values: {} }), 'template');
});
