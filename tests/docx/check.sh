#!/usr/bin/env bash
# Opens the exported .docx files the way a user would: LibreOffice converts each bundled
# template's .docx (filled with its examples, `examples/export_docx.rs`) to PDF, pdftoppm
# renders page one to PNG (tests/docx/out/ID-page-1.png, to look at), and the check fails when
# a conversion fails, a PDF has no page or is not A4, or its text lacks what the example says
# it must show (title, page number, the schedule's total and 大写).
# Needs Debian's libreoffice-writer-nogui and poppler-utils (.ci/install).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
OUT=tests/docx/out
rm -rf "$OUT"
mkdir -p "$OUT"
cargo run -q --no-default-features --example export_docx -- "$OUT" > "$OUT/expected.tsv"

# A throwaway LibreOffice profile: no first-start dialogs, no lock shared with a desktop one.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
timeout 300 soffice -env:UserInstallation="file://$profile" --headless --norestore \
  --convert-to pdf --outdir "$OUT" "$OUT"/*.docx > "$OUT/soffice.log" 2>&1 \
  || { cat "$OUT/soffice.log"; echo "docx: LibreOffice failed"; exit 1; }

failed=0
checked=0
while IFS=$'\t' read -r id expected; do
  pdf="$OUT/$id.pdf"
  if [ ! -s "$pdf" ]; then echo "docx: $id: LibreOffice wrote no PDF"; failed=1; continue; fi
  pages="$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')"
  size="$(pdfinfo "$pdf" | awk -F': +' '/^Page size:/ { print $2 }')"
  pdftoppm -png -r 60 -f 1 -l 1 "$pdf" "$OUT/$id-page"
  # Text without spaces and line breaks, so a value wrapped in a table cell still matches.
  text="$(pdftotext "$pdf" - | tr -d ' \n')"
  problems=()
  [ "${pages:-0}" -ge 1 ] || problems+=("no page")
  case "$size" in *"(A4)"*) ;; *) problems+=("page size $size, not A4") ;; esac
  IFS=$'\t' read -r -a strings <<< "$expected"
  for s in "${strings[@]}"; do
    [[ "$text" == *"${s// /}"* ]] || problems+=("no “$s”")
  done
  if [ ${#problems[@]} -eq 0 ]; then
    echo "docx: $id: ok ($pages pages, A4, ${#strings[@]} strings found)"
    checked=$((checked + 1))
  else
    echo "docx: $id: ${problems[*]}"
    failed=1
  fi
done < "$OUT/expected.tsv"
[ "$checked" -gt 0 ] || { echo "docx: nothing was checked"; exit 1; }
echo "docx: $checked passed, $failed failed; page one of each as PNG in $OUT/"
exit "$failed"
