#!/usr/bin/env bash
# Builds the npm package into pkg/ (then `cd pkg && npm pack` makes the tarball):
#   cargo (lib, feature `npm`, wasm32) → wasm-bindgen --target web → wasm-opt -Oz (npm
#   binaryen 132 from node_modules/.bin, never Debian's) → npm/assemble.mjs (JS wrapper,
#   inlined widget CSS, index.d.ts, package.json).
# Usage: bash npm/build.sh        (run `bash .ci/install` once first on a fresh machine)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source .ci/env
[ "$(command -v wasm-opt)" = "$PWD/node_modules/.bin/wasm-opt" ] \
  || { echo "npm/build.sh: wasm-opt is not node_modules/.bin/wasm-opt (run bash .ci/install)" >&2; exit 1; }

cargo build --release --target wasm32-unknown-unknown --lib --features npm
rm -rf pkg
mkdir -p pkg
wasm-bindgen --target web --out-dir pkg --out-name contract_calc \
  target/wasm32-unknown-unknown/release/contract_calc.wasm
wasm-opt -Oz pkg/contract_calc_bg.wasm -o pkg/contract_calc_bg.wasm
node npm/assemble.mjs
echo "npm/build.sh: pkg/ ready ($(du -sk pkg | cut -f1) kB)"
