//! Writes every bundled template, filled with its example values, as .docx and .html into a
//! folder (default `tests/docx/out`), for `tests/docx/check.sh` (LibreOffice) and for a look:
//! `cargo run --no-default-features --example export_docx -- OUT_DIR`.
//!
//! Prints a line per template: its id, then strings its first page or annex must show
//! (tab-separated): the title, the page number, and the schedule's total and 大写 when it
//! has one.

use contract_calc::core::calendar::Calendar;
use contract_calc::export::{docx::docx, html::html, OPTIONS};
use contract_calc::template::render::fmt_money;
use contract_calc::template::{bundled, example_inputs, fill};
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "tests/docx/out".into()),
    );
    std::fs::create_dir_all(&out)?;
    let cal = Calendar::default();
    for t in bundled::all() {
        let f = fill(t, &example_inputs(t), &cal);
        std::fs::write(out.join(format!("{}.docx", t.id)), docx(t, &f, OPTIONS))?;
        std::fs::write(out.join(format!("{}.html", t.id)), html(t, &f, OPTIONS))?;
        let mut expect = vec![t.id.clone(), t.title.clone(), "第 1 页".into()];
        if let Some(s) = f.schedule.ready() {
            expect.extend([
                "附件一：付款计划表".into(),
                fmt_money(s.total),
                s.total_words.clone(),
            ]);
        }
        println!("{}", expect.join("\t"));
    }
    Ok(())
}
