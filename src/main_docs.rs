//! The documents module: a second wasm that the app loads only when the user imports a
//! contract text, so the first page load does not carry the importer or the review. Trunk
//! builds it beside the app (index.html: `data-type="worker"` with
//! `data-bindgen-target="web"` gives an ES module that nothing starts until
//! `src/ui/docs.rs` imports it). Strings in, strings out; the review in progress lives here.
use contract_calc::import::review::{kind_id, Edit, Review, RETYPABLE};
use contract_calc::template::validate::TemplateError;
use contract_calc::template::Lang;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// The review in progress, and the last refused edit (blank id, why).
type Session = Option<(Review, Option<(String, TemplateError)>)>;

thread_local! {
    static REVIEW: RefCell<Session> = const { RefCell::new(None) };
}

fn lang(code: &str) -> Lang {
    if code == "en" {
        Lang::En
    } else {
        Lang::Zh
    }
}

/// Import a contract text and start reviewing it.
#[wasm_bindgen]
pub fn review_start(text: &str) {
    REVIEW.with(|r| *r.borrow_mut() = Some((Review::new(text), None)));
}

/// Apply an edit from the review table: `what` is `label`, `type` or `merge` (as in the
/// controls' `data-edit`), `value` the control's value. Returns whether it was applied; a
/// refused edit is shown in its row by the next `review_html`.
#[wasm_bindgen]
pub fn review_edit(id: &str, what: &str, value: &str) -> bool {
    let edit = match what {
        "label" => Edit::Relabel {
            id: id.into(),
            label: value.into(),
        },
        "type" => match RETYPABLE.iter().find(|k| kind_id(**k) == value) {
            Some(k) => Edit::Retype {
                id: id.into(),
                kind: *k,
            },
            None => return false,
        },
        "merge" if !value.is_empty() => Edit::Merge {
            keep: value.into(),
            drop: id.into(),
        },
        _ => return false,
    };
    REVIEW.with(|r| {
        let mut r = r.borrow_mut();
        let Some((review, refused)) = r.as_mut() else {
            return false;
        };
        match review.edit(&edit) {
            Ok(()) => {
                *refused = None;
                true
            }
            Err(why) => {
                *refused = Some((id.to_string(), why));
                false
            }
        }
    })
}

/// The review as HTML (`Review::html`), in `lang` (`zh-CN` or `en`).
#[wasm_bindgen]
pub fn review_html(lang_code: &str) -> String {
    REVIEW.with(|r| {
        r.borrow()
            .as_ref()
            .map(|(review, refused)| review.html(lang(lang_code), refused.as_ref()))
            .unwrap_or_default()
    })
}

/// The reviewed template as a template document (JSON).
#[wasm_bindgen]
pub fn review_template() -> String {
    REVIEW.with(|r| {
        r.borrow()
            .as_ref()
            .and_then(|(review, _)| serde_json::to_string_pretty(&review.template).ok())
            .unwrap_or_default()
    })
}

/// Validate a template document. Returns `{"doc": …}`, the document as read (hidden control
/// characters dropped), or `{"problems": …}`, every problem, one per line.
#[wasm_bindgen]
pub fn check_template(json: &str) -> String {
    let checked = match contract_calc::template::validate::parse_template(json) {
        Ok(t) => serde_json::json!({ "doc": serde_json::to_string(&t).unwrap_or_default() }),
        Err(problems) => serde_json::json!({
            "problems": problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")
        }),
    };
    checked.to_string()
}

fn main() {}
