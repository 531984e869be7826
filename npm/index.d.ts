// contract-calc: the API's declarations. The functions and every type are generated from
// the Rust types (wasm-bindgen and tsify) into contract_calc.d.ts; this file re-exports them.
export {
  amountInWords,
  parseAmountInWords,
  isWorkingDay,
  addWorkingDays,
  addHolidayData,
  paymentSchedule,
  latePenalty,
  deviceFees,
  renderContract,
  templates,
  mount,
  WidgetHandle,
} from './contract_calc.js';
export type {
  /* TYPES: filled in by npm/assemble.mjs from contract_calc.d.ts */
} from './contract_calc.js';
