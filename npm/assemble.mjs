// Second half of npm/build.sh: after wasm-bindgen and wasm-opt have written pkg/, add the JS
// wrapper (index.js, element.js), the widget CSS inlined as a module for the shadow root
// (and as style.css for mount() into the page), index.d.ts re-exporting every generated
// type, the package README, and package.json.
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const src = (p) => new URL(`npm/${p}`, root);
const pkg = (p) => new URL(`pkg/${p}`, root);

const cargo = readFileSync(new URL('Cargo.toml', root), 'utf8');
const field = (name) => cargo.match(new RegExp(`^${name} = "([^"]*)"`, 'm'))[1];

for (const f of ['index.js', 'element.js', 'element.d.ts', 'README.md']) copyFileSync(src(f), pkg(f));
const css = readFileSync(new URL('style/widget.css', root), 'utf8');
copyFileSync(new URL('style/widget.css', root), pkg('style.css'));
writeFileSync(pkg('widget-css.js'), `// style/widget.css, for the shadow root of <contract-calculator>.\nexport default ${JSON.stringify(css)};\n`);
writeFileSync(pkg('widget-css.d.ts'), 'declare const css: string;\nexport default css;\n');
rmSync(pkg('contract_calc_bg.wasm.d.ts'), { force: true });

// Every type wasm-bindgen and tsify declared, minus the loader's own and web-sys leftovers.
const dts = readFileSync(pkg('contract_calc.d.ts'), 'utf8');
const skip = new Set(['InitInput', 'InitOutput', 'SyncInitInput', 'ReadableStreamType']);
const types = [...dts.matchAll(/^export (?:type|interface) (\w+)/gm)]
  .map((m) => m[1])
  .filter((t) => !skip.has(t));
const index = readFileSync(src('index.d.ts'), 'utf8').replace(
  /\n\s*\/\* TYPES[^*]*\*\/\n/,
  `\n${types.map((t) => `  ${t},`).join('\n')}\n`,
);
writeFileSync(pkg('index.d.ts'), index);

const manifest = {
  name: 'contract-calc',
  version: field('version'),
  description: field('description'),
  license: field('license'),
  type: 'module',
  main: './index.js',
  types: './index.d.ts',
  exports: {
    '.': { types: './index.d.ts', default: './index.js' },
    './element': { types: './element.d.ts', default: './element.js' },
    './style.css': './style.css',
  },
  files: [
    'index.js', 'index.d.ts', 'element.js', 'element.d.ts', 'widget-css.js', 'widget-css.d.ts',
    'style.css', 'contract_calc.js', 'contract_calc.d.ts', 'contract_calc_bg.wasm', 'snippets/',
    'README.md',
  ],
  sideEffects: ['./index.js', './element.js'],
  engines: { node: '>=20' },
  keywords: ['contract', 'payment schedule', '大写', 'working days', 'wasm', 'custom element'],
};
writeFileSync(pkg('package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`assemble: pkg/package.json ${manifest.name}@${manifest.version}, ${types.length} types`);
