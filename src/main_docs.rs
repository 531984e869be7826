//! The documents module: a second wasm that the app loads only when the user imports a
//! contract text (or reopens an imported template), so the first page load does not carry
//! the importer, the review or template validation. Trunk builds it beside the app
//! (index.html: `data-type="worker"` with `data-bindgen-target="web"` gives an ES module
//! that nothing starts until `src/ui/docs.rs` imports it). The functions are
//! `import::session`'s; the npm package exports the same (`src/api/docs.rs`).
use contract_calc::documents as session;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub fn review_start(text: &str) {
    session::review_start(text)
}

#[wasm_bindgen]
pub fn review_edit(id: &str, what: &str, value: &str) -> bool {
    session::review_edit(id, what, value)
}

#[wasm_bindgen]
pub fn review_html(lang: &str) -> String {
    session::review_html(lang)
}

#[wasm_bindgen]
pub fn review_template() -> String {
    session::review_template()
}

#[wasm_bindgen]
pub fn check_template(json: &str) -> String {
    session::check_template(json)
}

/// The filled contract of a state (snapshot JSON) as .docx or .html bytes (`ext`).
#[wasm_bindgen]
pub fn export_file(state: &str, ext: &str) -> Vec<u8> {
    session::export_file(state, ext)
}

fn main() {}
