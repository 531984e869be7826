#!/usr/bin/env bash
# Packs pkg/ (`npm pack`) and installs the tarball into a fresh scratch project, as a user
# would (`npm install <tarball>`, offline: the package has no dependencies). Prints the
# scratch project's directory on stdout. Usage: dir=$(bash tests/npm/scratch.sh [dir])
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
[ -f pkg/package.json ] || { echo "scratch.sh: no pkg/ (run bash npm/build.sh)" >&2; exit 1; }
dir="${1:-$(mktemp -d /tmp/contract-calc-scratch.XXXXXX)}"
rm -rf "$dir" && mkdir -p "$dir"
tarball="$(cd pkg && npm pack --silent --pack-destination "$dir" 2>/dev/null | tail -n 1)"
cd "$dir"
printf '{ "name": "scratch", "private": true, "type": "module" }\n' > package.json
npm install --offline --no-audit --no-fund --loglevel=error "./$tarball" >&2
echo "$dir"
