//! What the widget remembers: a versioned snapshot of the chosen template and what the user
//! typed. Used by autosave (localStorage), JSON export/import and share links (URL fragment).
//! Pure logic, tested natively; the browser storage calls live in `ui::storage`.
//!
//! A corrupt or old-version snapshot is detected and reported; whatever can be recovered
//! (the inputs that are well-formed) is kept, and the rest is ignored, so the user always
//! keeps a working widget.

mod base64url;

pub use base64url::{decode as base64url_decode, encode as base64url_encode};

use crate::template::{Input, Inputs, Lang, Template};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

/// Bump when the snapshot format changes incompatibly.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Format version, [`VERSION`].
    pub v: u32,
    /// Bundled template id, or the id of `doc`.
    pub template: String,
    /// A template document not bundled (imported or supplied by the host), as JSON text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    #[serde(default)]
    pub lang: Lang,
    #[serde(default)]
    pub inputs: Inputs,
    /// The contract's tables as numbered annexes (“表格作为合同附件”). Written only when
    /// chosen; a snapshot without it (older ones too) has it unchosen.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub annex: bool,
}

/// What loading a snapshot found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    Ok(Snapshot),
    /// Something was wrong; `snapshot` holds what could be recovered (if anything).
    Recovered {
        snapshot: Option<Snapshot>,
        problem: String,
    },
}

impl Loaded {
    /// The snapshot that was read, whole or in part.
    pub fn snapshot(&self) -> Option<&Snapshot> {
        match self {
            Loaded::Ok(s) => Some(s),
            Loaded::Recovered { snapshot, .. } => snapshot.as_ref(),
        }
    }
}

impl Snapshot {
    pub fn new(template: &str, lang: Lang, inputs: Inputs) -> Self {
        Snapshot {
            v: VERSION,
            template: template.to_string(),
            doc: None,
            lang,
            inputs,
            annex: false,
        }
    }

    /// The snapshot's template: the document it carries if that is valid, else the bundled
    /// template of that id (with the document, when there is one, as JSON text).
    pub fn template(&self) -> Option<(Template, Option<String>)> {
        if let Some(doc) = &self.doc {
            if let Ok(t) = crate::template::validate::parse_template(doc) {
                return Some((t, Some(doc.clone())));
            }
        }
        crate::template::bundled::get(&self.template).map(|t| (t, None))
    }

    /// Compact JSON (autosave, export). Not pretty-printed: that would link a second copy of
    /// every serializer into the first load for a file people rarely read.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Parse a snapshot from JSON, recovering what it can from damaged or old data.
    pub fn from_json(text: &str) -> Loaded {
        let value: Json = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                return Loaded::Recovered {
                    snapshot: None,
                    problem: format!("not JSON: {e}"),
                }
            }
        };
        let Some(obj) = value.as_object() else {
            return Loaded::Recovered {
                snapshot: None,
                problem: "not a JSON object".into(),
            };
        };
        let version = obj.get("v").and_then(Json::as_u64);
        let template = obj
            .get("template")
            .and_then(Json::as_str)
            .map(str::to_string);
        let Some(template) = template else {
            return Loaded::Recovered {
                snapshot: None,
                problem: "no template id".into(),
            };
        };
        let lang = obj.get("lang").and_then(lang_of).unwrap_or_default();
        let doc = obj.get("doc").and_then(Json::as_str).map(str::to_string);
        let annex = obj.get("annex").and_then(Json::as_bool).unwrap_or_default();
        let mut inputs = Inputs::new();
        let mut dropped = Vec::new();
        if let Some(map) = obj.get("inputs").and_then(Json::as_object) {
            for (k, v) in map {
                match input_of(v) {
                    Some(i) if k.len() <= 100 => {
                        inputs.insert(k.clone(), i);
                    }
                    _ => dropped.push(k.clone()),
                }
            }
        } else if obj.contains_key("inputs") {
            dropped.push("inputs".into());
        }
        let snapshot = Snapshot {
            v: VERSION,
            template,
            doc,
            lang,
            inputs,
            annex,
        };
        let problem = match version {
            Some(v) if v == u64::from(VERSION) && dropped.is_empty() => {
                return Loaded::Ok(snapshot)
            }
            Some(v) if v != u64::from(VERSION) => format!("version {v}, expected {VERSION}"),
            None => "no version".to_string(),
            _ => String::new(),
        };
        let problem = match (problem.is_empty(), dropped.is_empty()) {
            (_, true) => problem,
            (true, false) => format!("unreadable values dropped: {}", dropped.join(", ")),
            (false, false) => format!(
                "{problem}; unreadable values dropped: {}",
                dropped.join(", ")
            ),
        };
        Loaded::Recovered {
            snapshot: Some(snapshot),
            problem,
        }
    }

    /// The share-link fragment: `#s=` + base64url(JSON). Nothing is sent to any server: the
    /// fragment never leaves the browser.
    pub fn to_fragment(&self) -> String {
        let compact = serde_json::to_string(self).unwrap_or_default();
        format!("#s={}", base64url_encode(compact.as_bytes()))
    }

    /// Read a share-link fragment (with or without the leading `#`).
    pub fn from_fragment(fragment: &str) -> Option<Loaded> {
        let payload = fragment.trim_start_matches('#').strip_prefix("s=")?;
        Some(
            match base64url_decode(payload).and_then(|b| String::from_utf8(b).ok()) {
                Some(json) => Snapshot::from_json(&json),
                None => Loaded::Recovered {
                    snapshot: None,
                    problem: "the link is damaged".into(),
                },
            },
        )
    }
}

/// A snapshot's `lang`, read as serde reads a [`Lang`] from a JSON value (`"en"`, or a
/// one-key object `{"en": null}`). Written out because `serde_json::from_value` links the
/// value deserializer's enum access into the first load for this one field (a test checks
/// both agree).
fn lang_of(v: &Json) -> Option<Lang> {
    let name = match v {
        Json::String(s) => s,
        Json::Object(m) if m.len() == 1 => match m.iter().next() {
            Some((k, Json::Null)) => k,
            _ => return None,
        },
        _ => return None,
    };
    match name.as_str() {
        "zh-CN" => Some(Lang::Zh),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// A value of `inputs`, read as serde's untagged [`Input`] reads it (a string, or an array of
/// objects of strings). Written out because the untagged derive buffers the value and links
/// serde's content deserializer into the first load (a test checks both agree).
fn input_of(v: &Json) -> Option<Input> {
    match v {
        Json::String(s) => Some(Input::Text(s.clone())),
        Json::Array(rows) => {
            let mut out = Vec::with_capacity(rows.len());
            for row in rows {
                let mut cells = std::collections::BTreeMap::new();
                for (k, cell) in row.as_object()? {
                    cells.insert(k.clone(), cell.as_str()?.to_string());
                }
                out.push(cells);
            }
            Some(Input::Rows(out))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Snapshot {
        let mut inputs = Inputs::new();
        inputs.insert("total".into(), Input::Text("36万".into()));
        inputs.insert("party_a".into(), Input::Text("<b>甲</b> & \"乙\"".into()));
        let mut row = std::collections::BTreeMap::new();
        row.insert("qty".to_string(), "2".to_string());
        inputs.insert("pages".into(), Input::Rows(vec![row]));
        Snapshot::new("after-sales-upgrade", Lang::En, inputs)
    }

    #[test]
    fn inputs_and_lang_read_as_serde_reads_them() {
        let values = [
            r#""36万""#,
            r#""""#,
            "[]",
            r#"[{}]"#,
            r#"[{"qty":"2","price":"1.5"},{"qty":""}]"#,
            r#"[{"qty":2}]"#,
            r#"[{"qty":null}]"#,
            r#"[{"qty":["2"]}]"#,
            r#"["2"]"#,
            r#"[{"a":"1"},3]"#,
            r#"{"qty":"2"}"#,
            "null",
            "true",
            "12",
            "1.5",
            r#""en""#,
            r#""zh-CN""#,
            r#""EN""#,
            r#"{"en":null}"#,
            r#"{"zh-CN":null}"#,
            r#"{"en":1}"#,
            r#"{"en":null,"zh-CN":null}"#,
            r#"{"fr":null}"#,
            "{}",
        ];
        for v in values {
            let v: Json = serde_json::from_str(v).unwrap();
            let serde_input = serde_json::from_value::<Input>(v.clone()).ok();
            assert_eq!(input_of(&v), serde_input, "{v}");
            let serde_lang = serde_json::from_value::<Lang>(v.clone()).ok();
            assert_eq!(lang_of(&v), serde_lang, "{v}");
        }
    }

    #[test]
    fn json_and_fragment_round_trip_losslessly() {
        let s = sample();
        assert_eq!(Snapshot::from_json(&s.to_json()), Loaded::Ok(s.clone()));
        let frag = s.to_fragment();
        assert!(frag.starts_with("#s="));
        assert!(frag[3..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(Snapshot::from_fragment(&frag), Some(Loaded::Ok(s)));
    }

    #[test]
    fn the_annex_choice_round_trips_and_is_unchosen_when_missing() {
        let mut s = sample();
        s.annex = true;
        assert!(s.to_json().contains("\"annex\":true"), "{}", s.to_json());
        assert_eq!(Snapshot::from_json(&s.to_json()), Loaded::Ok(s.clone()));
        assert_eq!(
            Snapshot::from_fragment(&s.to_fragment()),
            Some(Loaded::Ok(s.clone()))
        );
        // Unchosen, it is not written: a snapshot as before this field, which reads unchosen.
        s.annex = false;
        assert!(!s.to_json().contains("annex"), "{}", s.to_json());
        let old =
            r#"{"v":1,"template":"after-sales-upgrade","lang":"zh-CN","inputs":{"total":"36万"}}"#;
        match Snapshot::from_json(old) {
            Loaded::Ok(s) => assert!(!s.annex),
            other => panic!("{other:?}"),
        }
        // Anything but a bool reads unchosen.
        for (json, annex) in [
            ("true", true),
            ("false", false),
            ("1", false),
            ("\"true\"", false),
        ] {
            let text = format!(r#"{{"v":1,"template":"x","annex":{json}}}"#);
            let read = Snapshot::from_json(&text);
            assert_eq!(read.snapshot().map(|s| s.annex), Some(annex), "{json}");
        }
        let serde: Snapshot =
            serde_json::from_str(r#"{"v":1,"template":"x","annex":true}"#).unwrap();
        assert!(serde.annex);
    }

    #[test]
    fn corrupt_and_old_snapshots_are_reported_and_recovered() {
        assert!(matches!(
            Snapshot::from_json("{oops"),
            Loaded::Recovered { snapshot: None, .. }
        ));
        assert!(matches!(
            Snapshot::from_json("[1,2]"),
            Loaded::Recovered { snapshot: None, .. }
        ));
        let old = r#"{"v":0,"template":"x","inputs":{"a":"1","b":{"bad":true},"c":"2"}}"#;
        match Snapshot::from_json(old) {
            Loaded::Recovered {
                snapshot: Some(s),
                problem,
            } => {
                assert!(problem.contains("version 0"), "{problem}");
                assert!(problem.contains('b'), "{problem}");
                assert_eq!(s.inputs.len(), 2);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            Snapshot::from_fragment("#s=!!!"),
            Some(Loaded::Recovered { snapshot: None, .. })
        ));
        assert_eq!(Snapshot::from_fragment("#other"), None);
        // A version that only truncates to 1 is still the wrong version.
        let huge = r#"{"v":4294967297,"template":"x","inputs":{}}"#;
        match Snapshot::from_json(huge) {
            Loaded::Recovered {
                snapshot: Some(_),
                problem,
            } => assert!(problem.contains("4294967297"), "{problem}"),
            other => panic!("{other:?}"),
        }
    }
}
