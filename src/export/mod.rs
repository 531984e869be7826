//! The filled contract as files to download: Word (.docx, [`docx::docx`]) and a
//! self-contained web page (.html, [`html::html`]), both from the same walk of the contract as
//! the live view (`template::render::sections`), with the calculator tables as numbered annexes.
//! No web dependency (tests/layering.rs checks it): the widget, the npm package and native
//! tests call the same functions.

pub mod docx;
pub mod html;
pub mod zip;

use crate::core::calendar::Calendar;
use crate::state::Snapshot;
use crate::template::fill;
use crate::template::model::Template;
use crate::template::render::RenderOptions;

/// What the exports use: the annexes, every calculator table among them.
pub const OPTIONS: RenderOptions = RenderOptions {
    annex: true,
    annex_tables: true,
};

/// A file name for the contract: its title (its id if the title is empty), without the
/// characters file systems refuse, and the extension.
pub fn file_name(t: &Template, ext: &str) -> String {
    let base: String = t
        .title
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let base = base.trim();
    format!(
        "{}.{ext}",
        if base.is_empty() { t.id.as_str() } else { base }
    )
}

/// For the npm API (`exportDocx(state)`): the snapshot's template (bundled, or the document it
/// carries) filled with its inputs, as a .docx; `None` for an unknown template.
pub fn docx_from_snapshot(s: &Snapshot, cal: &Calendar) -> Option<Vec<u8>> {
    let (t, _) = s.template()?;
    Some(docx::docx(&t, &fill(&t, &s.inputs, cal), OPTIONS))
}

/// The same as a self-contained .html document.
pub fn html_from_snapshot(s: &Snapshot, cal: &Calendar) -> Option<String> {
    let (t, _) = s.template()?;
    Some(html::html(&t, &fill(&t, &s.inputs, cal), OPTIONS))
}
