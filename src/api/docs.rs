//! Documents in and out for JavaScript. `importTemplateText` turns a contract text into a
//! template document (and says what it found). The `review_*` and `check_template`
//! functions are the widget's import step, the same as the app's documents module
//! (`src/main_docs.rs`); `npm/index.js` hands them to the widget as
//! `globalThis.ccDocsModule`, since the package has everything in one wasm.

use crate::documents as session;
use crate::import::review::Review;
use wasm_bindgen::prelude::*;

/// Import a contract text (as copied from a template website): the template document
/// (`template`, usable with `renderContract` and `mount`), and for each blank the text
/// around its first place and how many places it has (`places`), the fee clauses found
/// (`clauses`: kind, sentence, note) and how many pieces of page furniture were removed.
#[wasm_bindgen(js_name = importTemplateText, unchecked_return_type = "Review")]
pub fn import_template_text(text: &str) -> Result<JsValue, JsValue> {
    super::to_js(&Review::new(text))
}

#[wasm_bindgen(skip_typescript)]
pub fn review_start(text: &str) {
    session::review_start(text)
}

#[wasm_bindgen(skip_typescript)]
pub fn review_edit(id: &str, what: &str, value: &str) -> bool {
    session::review_edit(id, what, value)
}

#[wasm_bindgen(skip_typescript)]
pub fn review_html(lang: &str) -> String {
    session::review_html(lang)
}

#[wasm_bindgen(skip_typescript)]
pub fn review_template() -> String {
    session::review_template()
}

#[wasm_bindgen(skip_typescript)]
pub fn check_template(json: &str) -> String {
    session::check_template(json)
}

#[wasm_bindgen(skip_typescript)]
pub fn export_file(state: &str, ext: &str) -> Vec<u8> {
    session::export_file(state, ext)
}
