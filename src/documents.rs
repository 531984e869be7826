//! Documents in and out behind a strings-in, strings/bytes-out interface: the import review
//! in progress (one at a time), template checks, and the exports (.docx, .html). This is what
//! the app's documents module (its second wasm, `src/main_docs.rs`, loaded on first use) and
//! the npm package (`src/api/docs.rs`) export to JavaScript, each as one-line wrappers.

use crate::core::calendar::Calendar;
use crate::import::review::{kind_id, Edit, Review, RETYPABLE};
use crate::state::{Loaded, Snapshot};
use crate::template::validate::{parse_template, TemplateError};
use crate::template::Lang;
use std::cell::RefCell;

/// The review, and the last refused edit (blank id, why).
type Session = Option<(Review, Option<(String, TemplateError)>)>;

thread_local! {
    static REVIEW: RefCell<Session> = const { RefCell::new(None) };
}

/// Import a contract text and start reviewing it.
pub fn review_start(text: &str) {
    REVIEW.with(|r| *r.borrow_mut() = Some((Review::new(text), None)));
}

/// Apply an edit from the review table: `what` is `label`, `type` or `merge` (the controls'
/// `data-edit`), `value` the control's value. Returns whether it was applied; a refused
/// edit is shown in its row by the next [`review_html`].
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

/// The review as HTML (`Review::html`), in `lang_code` (`zh-CN` or `en`).
pub fn review_html(lang_code: &str) -> String {
    let lang = if lang_code == "en" {
        Lang::En
    } else {
        Lang::Zh
    };
    REVIEW.with(|r| {
        r.borrow()
            .as_ref()
            .map(|(review, refused)| review.html(lang, refused.as_ref()))
            .unwrap_or_default()
    })
}

/// The reviewed template as a template document (JSON); "" when no review is open.
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
pub fn check_template(json: &str) -> String {
    let checked = match parse_template(json) {
        Ok(t) => serde_json::json!({ "doc": serde_json::to_string(&t).unwrap_or_default() }),
        Err(problems) => serde_json::json!({
            "problems": problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")
        }),
    };
    checked.to_string()
}

/// The filled contract of a state (a snapshot: template id or document, values, language)
/// as a .docx (`ext` = `docx`) or a self-contained .html (`html`). Empty when the state is
/// unreadable or names no known template.
pub fn export_file(state_json: &str, ext: &str) -> Vec<u8> {
    let s = match Snapshot::from_json(state_json) {
        Loaded::Ok(s)
        | Loaded::Recovered {
            snapshot: Some(s), ..
        } => s,
        Loaded::Recovered { snapshot: None, .. } => return Vec::new(),
    };
    let cal = Calendar::default();
    let file = match ext {
        "docx" => crate::export::docx_from_snapshot(&s, &cal),
        _ => crate::export::html_from_snapshot(&s, &cal).map(String::into_bytes),
    };
    file.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_review_session_end_to_end() {
        assert_eq!(review_template(), "");
        review_start(
            "服务合同\n甲方：________\n乙方：________\n1.1 合同总额为人民币________元。\n",
        );
        assert!(review_html("zh-CN").contains("3个空白"));
        assert!(!review_edit("party_a", "label", " "));
        assert!(review_html("en").contains("The name cannot be empty"));
        assert!(review_edit("party_b", "merge", "party_a"));
        assert!(!review_html("zh-CN").contains("cc-error"));
        assert!(!review_edit("party_a", "colour", "red"));
        let doc = review_template();
        let checked: serde_json::Value = serde_json::from_str(&check_template(&doc)).unwrap();
        let t: crate::template::Template =
            serde_json::from_str(checked["doc"].as_str().unwrap()).unwrap();
        assert!(!t.blanks.iter().any(|b| b.id == "party_b"));
        let bad: serde_json::Value = serde_json::from_str(&check_template("{\"id\":1}")).unwrap();
        assert!(bad["problems"].as_str().unwrap().contains("template"));
    }

    #[test]
    fn exports_from_a_state() {
        let state =
            r#"{"v":1,"template":"after-sales-upgrade","lang":"zh-CN","inputs":{"total":"36万"}}"#;
        let docx = export_file(state, "docx");
        assert!(docx.starts_with(b"PK\x03\x04"));
        let html = String::from_utf8(export_file(state, "html")).unwrap();
        assert!(html.contains("360,000.00"));
        assert!(export_file("{", "docx").is_empty());
        assert!(export_file(r#"{"v":1,"template":"nope","inputs":{}}"#, "docx").is_empty());
    }
}
