#!/usr/bin/env bash
# The npm package's tests, on the package as a user installs it. Build pkg/ first
# (`bash npm/build.sh`; .ci/test's npm-package stage). Then:
#   1. npm pack + npm install <tarball> into a scratch project (tests/npm/scratch.sh);
#   2. Node: api.test.mjs imports 'contract-calc' by name and calls every function;
#   3. TypeScript: tsc --noEmit on usage.ts against the installed declarations;
#   4. Chromium: browser.test.mjs (the custom element on a hostile host page, mount()).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source .ci/env
root="$PWD"
dir="$(bash tests/npm/scratch.sh)"
trap 'rm -rf "$dir"' EXIT
cp tests/npm/api.test.mjs tests/npm/usage.ts tests/npm/tsconfig.json tests/npm/mount.html "$dir/"
cp tests/npm/host.html "$dir/index.html"
grep -v '<script type="module">' tests/npm/host.html > "$dir/control.html"
echo "== installed: node_modules/contract-calc $(du -sk "$dir/node_modules/contract-calc" | cut -f1) kB ($(ls "$dir"/*.tgz | xargs du -k | cut -f1) kB tarball)"

echo "== node: api.test.mjs"
(cd "$dir" && node --test api.test.mjs)
echo "== typescript: tsc --noEmit usage.ts"
(cd "$dir" && "$root/node_modules/.bin/tsc" -p tsconfig.json)
echo "tsc: no errors"
echo "== chromium: browser.test.mjs"
SCRATCH_DIR="$dir" node --test tests/npm/browser.test.mjs
