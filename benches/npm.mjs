// The npm package against plain JavaScript, side by side in one Node run, on the same inputs:
//   1. amountInWords vs nzh's toMoney, 100,000 amounts;
//   2. paymentSchedule vs a straightforward decimal.js implementation (12 rows, percent
//      shares, rounding to the fen, residue to the last row), 10,000 schedules;
// and the installed package's size. Prints markdown tables (numbers go into README.md).
// Usage: node benches/npm.mjs [scratch-dir]   (default: pack pkg/ and install it afresh;
// build pkg/ first with `bash npm/build.sh`). A benchmark, never a test: nothing fails on time.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync, constants as z } from 'node:zlib';
import Nzh from 'nzh';
import Decimal from 'decimal.js';

const root = new URL('../', import.meta.url);
const given = process.argv[2];
const scratch = given ?? execFileSync('bash', [new URL('tests/npm/scratch.sh', root).pathname], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
const installed = join(scratch, 'node_modules', 'contract-calc');
const cc = await import(pathToFileURL(join(installed, 'index.js')).href);

// Deterministic inputs (a small LCG), the same for both sides.
let seed = 20251122;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const fen = (max) => (Math.floor(rand() * max * 100) / 100).toFixed(2);

/// Best of `runs` timings of `f` (after one warm-up run), in ms.
function best(f, runs = 5) {
  f();
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}
const ms = (x) => `${x.toFixed(1)} ms`;

// 1. 大写: 100,000 amounts up to 10 million yuan, as decimal strings.
const amounts = Array.from({ length: 100_000 }, () => fen(10_000_000));
const nzh = Nzh.cn;
let sink = 0;
const tWasm = best(() => { for (const a of amounts) sink += cc.amountInWords(a).length; });
const tNzh = best(() => { for (const a of amounts) sink += nzh.toMoney(a).length; });
const same = amounts.filter((a) => cc.amountInWords(a) === nzh.toMoney(a)).length;
const differ = amounts.find((a) => cc.amountInWords(a) !== nzh.toMoney(a));

// 2. Schedules: 10,000 totals, 12 percent shares (11 × 8.33% + 8.37%), due 30·k calendar days
//    after the effective date (no rest-day move), so both sides do the same work.
const SHARES = [...Array(11).fill('8.33'), '8.37'];
const totals = Array.from({ length: 10_000 }, () => fen(5_000_000));
const inputOf = (total) => ({
  total,
  effective_date: '2025-03-03',
  rest_day_rule: 'keep',
  instalments: SHARES.map((percent, k) => ({
    name: `第${k + 1}期`,
    share: { type: 'percent', percent },
    due: { type: 'after_effective', days: 30 * (k + 1), day_kind: 'calendar' },
  })),
});
const inputs = totals.map(inputOf);

Decimal.set({ precision: 40, rounding: Decimal.ROUND_HALF_UP }); // 四舍五入 (half away from zero for positives)
const DAY = 86_400_000;
/// The same schedule in JavaScript: rows rounded to the fen, residue to the last row, 大写 by
/// nzh, due dates by calendar-day arithmetic.
function scheduleJs(input) {
  const total = new Decimal(input.total);
  const start = Date.parse(`${input.effective_date}T00:00:00Z`);
  const rows = input.instalments.map((inst) => {
    const amount = total.times(inst.share.percent).dividedBy(100).toDecimalPlaces(2);
    return { name: inst.name, percent: inst.share.percent, amount, due_date: new Date(start + inst.due.days * DAY).toISOString().slice(0, 10) };
  });
  const others = rows.slice(0, -1).reduce((s, r) => s.plus(r.amount), new Decimal(0));
  const last = rows[rows.length - 1];
  const adjusted = total.minus(others);
  last.residue = adjusted.minus(last.amount).toFixed(2);
  last.amount = adjusted;
  for (const r of rows) {
    r.amount = r.amount.toFixed(2);
    r.words = nzh.toMoney(r.amount);
  }
  return { total: total.toFixed(2), total_words: nzh.toMoney(total.toFixed(2)), rows };
}

// Same amounts and dates on every input (the 大写 conventions differ, see above).
for (const input of inputs) {
  const a = cc.paymentSchedule(input);
  const b = scheduleJs(input);
  const key = (s) => s.rows.map((r) => `${r.amount}@${r.due_date}`).join();
  if (key(a) !== key(b)) throw new Error(`schedules differ for total ${input.total}: ${key(a)} vs ${key(b)}`);
}
const tSched = best(() => { for (const i of inputs) sink += cc.paymentSchedule(i).rows.length; });
const tSchedJs = best(() => { for (const i of inputs) sink += scheduleJs(i).rows.length; });

console.log(`| benchmark (Node ${process.versions.node}, best of 5) | contract-calc (wasm) | JavaScript | ratio |`);
console.log('|---|---|---|---|');
console.log(`| 100,000 大写 conversions: \`amountInWords\` vs nzh \`toMoney\` | ${ms(tWasm)} | ${ms(tNzh)} | ${(tWasm / tNzh).toFixed(2)}× |`);
console.log(`| 10,000 twelve-row schedules: \`paymentSchedule\` vs decimal.js + nzh | ${ms(tSched)} | ${ms(tSchedJs)} | ${(tSched / tSchedJs).toFixed(2)}× |`);
console.log();
console.log(`大写 identical for ${same.toLocaleString('en')} of ${amounts.length.toLocaleString('en')} amounts; e.g. ${differ}: ${cc.amountInWords(differ)} vs nzh ${nzh.toMoney(differ)}`);
console.log(`schedules: identical amounts and due dates on all ${inputs.length.toLocaleString('en')} inputs`);

// Size of the package as installed.
const files = readdirSync(installed, { recursive: true }).filter((f) => statSync(join(installed, f)).isFile());
const bytes = files.reduce((s, f) => s + statSync(join(installed, f)).size, 0);
const du = execFileSync('du', ['-sk', installed], { encoding: 'utf8' }).split('\t')[0];
const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'));
const compressed = (name) => {
  const buf = readFileSync(join(installed, name));
  const br = brotliCompressSync(buf, { params: { [z.BROTLI_PARAM_QUALITY]: 11, [z.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length;
  return `${(buf.length / 1000).toFixed(0)} kB raw / ${(gzipSync(buf, { level: 9 }).length / 1000).toFixed(0)} kB gzip / ${(br / 1000).toFixed(0)} kB brotli`;
};
console.log();
console.log('| package size | measured |');
console.log('|---|---|');
console.log(`| installed (node_modules/contract-calc, ${files.length} files) | ${(bytes / 1000).toFixed(0)} kB (du: ${du} kB) |`);
console.log(`| tarball (npm pack) | ${tarball ? (statSync(join(scratch, tarball)).size / 1000).toFixed(0) : '?'} kB |`);
console.log(`| contract_calc_bg.wasm | ${compressed('contract_calc_bg.wasm')} |`);
console.log(`| JS (contract_calc.js glue) | ${compressed('contract_calc.js')} |`);
if (!given) rmSync(scratch, { recursive: true, force: true });
if (sink === 0) console.log('(unreachable)');
