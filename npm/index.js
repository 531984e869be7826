// contract-calc: the entry of the npm package. Loads the WebAssembly module once (top-level
// await: importers wait for it), in Node from the file beside this one, in a browser by
// fetching it from beside this module; then the API below is ready. No bundler needed.
import init, { initSync } from './contract_calc.js';
import * as bindings from './contract_calc.js';

const wasm = new URL('./contract_calc_bg.wasm', import.meta.url);
if (wasm.protocol === 'file:' && typeof process === 'object' && process.versions?.node) {
  const { readFileSync } = await import('node:fs');
  initSync({ module: readFileSync(wasm) });
} else {
  await init({ module_or_path: wasm });
}

// The widget's import step calls the "documents module" (a separate wasm in the standalone
// app, src/ui/docs.rs); here everything is in this one module.
globalThis.ccDocsModule ??= async () => bindings;

// The API (npm/assemble.mjs declares these same names in index.d.ts).
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
  importTemplateText,
  exportDocx,
  exportHtml,
  templates,
  mount,
  WidgetHandle,
} from './contract_calc.js';
