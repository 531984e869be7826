// contract-calc: the entry of the npm package. Loads the WebAssembly module once (top-level
// await), in Node from the file next to this one, in a browser by fetching it from beside
// this module, then exports the API. No bundler needed; no dependencies.
import init, {
  initSync,
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

const wasm = new URL('./contract_calc_bg.wasm', import.meta.url);
if (wasm.protocol === 'file:' && typeof process === 'object' && process.versions?.node) {
  const { readFileSync } = await import('node:fs');
  initSync({ module: readFileSync(wasm) });
} else {
  await init({ module_or_path: wasm });
}

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
};
