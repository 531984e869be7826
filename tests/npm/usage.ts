// Type-checked (never run) by tests/npm/run.sh with `tsc --noEmit` in the scratch project:
// the package's declarations, generated from the Rust types, must describe real usage, and
// must reject misuse (each @ts-expect-error fails the check if the line type-checks).
import {
  addHolidayData, addWorkingDays, amountInWords, deviceFees, isWorkingDay, latePenalty, mount,
  parseAmountInWords, paymentSchedule, renderContract, templates, importTemplateText, exportDocx, exportHtml,
} from 'contract-calc';
import type {
  Change, DeviceFeeInput, FieldError, Inputs, MountOptions, PenaltyInput, Schedule, ScheduleInput,
  ScheduleRow, Template, WidgetHandle, WidgetState, Review,
} from 'contract-calc';
import { ContractCalculator } from 'contract-calc/element';

const words: string = amountInWords('1409.5');
const back: string = parseAmountInWords(words, 'en');
const working: boolean = isWorkingDay('2025-10-01');
const due: string = addWorkingDays('2025-09-26', 5);
const years: number[] = addHolidayData({ year: 2027, days: [{ date: '2027-01-01', isOffDay: true }] });

const input: ScheduleInput = {
  total: '360000',
  effective_date: '2025-09-26',
  instalments: [
    { name: '预付款', kind: 'deposit', share: { type: 'percent', percent: '30' }, due: { type: 'after_effective', days: 5, day_kind: 'working' } },
    { name: '尾款', share: { type: 'fixed', amount: '252000' }, due: { type: 'fixed_date', date: '2025-12-31' } },
  ],
};
const schedule: Schedule = paymentSchedule(input, 'zh');
const first: ScheduleRow | undefined = schedule.rows[0];
const dueDate: string | null | undefined = first?.due_date;

const penalty: PenaltyInput = {
  due_date: '2025-01-31', amount_due: '100000', rate: { type: 'per_day', rate: '0.5', unit: 'per_mille' }, as_of: '2025-03-15',
};
const penaltyTotal: string = latePenalty(penalty).total;
const fees: DeviceFeeInput = { start: '2025-01-01', months: 12, devices: [{ id: 'pc', name: '台式机', monthly_fee: '30', count: 10 }] };
const gross: string = deviceFees(fees).gross;
const firstDue: string | null | undefined = deviceFees({ ...fees, due: { day: 10, rest_day_rule: 'keep' } }).months[0].due_date;

const doc: Template = { id: 'mini', title: '小合同', blanks: [], body: [{ heading: '一', paragraphs: ['…'] }] };
const out = renderContract({ template: doc, values: { total: '36万' } });
const html: string = out.html;
const errors: FieldError[] = out.results.errors;
if (out.results.schedule.state === 'ready') {
  const total: string = out.results.schedule.value.total;
}
const ids: string[] = templates().map((t) => t.id);

const options: MountOptions = {
  template: 'after-sales-upgrade',
  values: { total: '36万' },
  lang: 'en',
  onChange: (change: Change) => {
    const values: Inputs = change.values;
    const rows = change.results.schedule.state === 'ready' ? change.results.schedule.value.rows.length : 0;
  },
};
const handle: WidgetHandle = mount(document.createElement('div'), options);
handle.setValues({ ...handle.getValues(), total: '1000' });
handle.setLang('zh');
const state: WidgetState = handle.getState();
const again: WidgetHandle = mount(document.createElement('div'), { template: state.template, lang: state.lang, values: state.values });
again.unmount();
handle.unmount();

const el: ContractCalculator = document.createElement('contract-calculator');
el.values = { total: '1' };
el.addEventListener('contract-change', (e) => {
  const change: Change = e.detail;
});

// Misuse the declarations must reject.
// @ts-expect-error money is a decimal string, never a JS number
amountInWords(1409.5);
// @ts-expect-error a share needs its type
const badShare: ScheduleInput = { total: '1', effective_date: '2025-01-01', instalments: [{ name: 'x', share: { percent: '1' }, due: { type: 'fixed_date', date: '2025-01-01' } }] };
// @ts-expect-error unknown language
amountInWords('1', 'fr');
// @ts-expect-error the handle has no such method
handle.destroy();

const imported: Review = importTemplateText('合同\n甲方：____\n');
const importedTemplate: Template = imported.template;
const firstPlace: [string, number] | undefined = imported.places['party_a'];
// @ts-expect-error the text is a string
importTemplateText(42);
const docxBytes: Uint8Array = exportDocx({ template: 'after-sales-upgrade', values: {} });
const exportedHtml: string = exportHtml({ template: importedTemplate, values: { party_a: '甲' } }, 'en');

export { back, working, due, years, dueDate, penaltyTotal, gross, html, errors, ids, badShare, importedTemplate, firstPlace, docxBytes, exportedHtml };
