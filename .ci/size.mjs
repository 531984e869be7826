#!/usr/bin/env node
// Reports the release build's wasm + JS sizes (raw / gzip -9 / brotli q11) from dist/
// and fails when the brotli total of wasm + JS that a visit loads exceeds the budget
// (default 250 kB). The documents module (contract-calc-docs*, the importer) is loaded only
// when the user imports a text: it is listed and totalled apart, outside the budget.
// Usage: node .ci/size.mjs [dist-dir] [budget-kB]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, gzipSync, constants as z } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const budgetKB = Number(process.argv[3] ?? process.env.SIZE_BUDGET_KB ?? 250);
const budget = budgetKB * 1000;

// Every .wasm and .js under dist/, including wasm-bindgen's snippets/ folder.
const files = readdirSync(dist, { recursive: true })
  .filter((f) => ['.wasm', '.js'].includes(extname(f)) && !f.startsWith('.') && statSync(join(dist, f)).isFile())
  .sort((a, b) => extname(b).localeCompare(extname(a)) || a.localeCompare(b));
if (!files.some((f) => f.endsWith('.wasm'))) {
  console.error(`size: no .wasm in ${dist}/ (run \`trunk build --release\` first)`);
  process.exit(1);
}

const kB = (n) => `${(n / 1000).toFixed(1).padStart(7)} kB`;
const total = { raw: 0, gzip: 0, br: 0 };
const onDemand = { raw: 0, gzip: 0, br: 0 };
console.log(`${'file'.padEnd(44)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)} ${'brotli'.padStart(10)}`);
for (const f of files) {
  const buf = readFileSync(join(dist, f));
  const gz = gzipSync(buf, { level: 9 }).length;
  const br = brotliCompressSync(buf, {
    params: {
      [z.BROTLI_PARAM_QUALITY]: 11,
      [z.BROTLI_PARAM_MODE]: f.endsWith('.js') ? z.BROTLI_MODE_TEXT : z.BROTLI_MODE_GENERIC,
      [z.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  }).length;
  const sum = f.startsWith('contract-calc-docs') ? onDemand : total;
  sum.raw += buf.length;
  sum.gzip += gz;
  sum.br += br;
  console.log(`${f.padEnd(44)} ${kB(buf.length)} ${kB(gz)} ${kB(br)}`);
}
console.log(`${'total loaded at start (wasm + JS)'.padEnd(44)} ${kB(total.raw)} ${kB(total.gzip)} ${kB(total.br)}`);
if (onDemand.raw) {
  console.log(`${'documents module, on demand'.padEnd(44)} ${kB(onDemand.raw)} ${kB(onDemand.gzip)} ${kB(onDemand.br)}`);
}

if (total.br > budget) {
  console.error(`size: FAIL brotli total ${kB(total.br).trim()} > budget ${budgetKB} kB`);
  process.exit(1);
}
console.log(`size: ok, brotli total ${kB(total.br).trim()} <= budget ${budgetKB} kB`);
