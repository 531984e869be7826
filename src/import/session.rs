//! The review in progress behind a strings-in, strings-out interface: what the documents
//! module (the app's second wasm, `src/main_docs.rs`) and the npm package (`src/api/docs.rs`)
//! export to JavaScript, each as one-line wrappers. One review at a time per module.

use super::review::{kind_id, Edit, Review, RETYPABLE};
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
}
