//! Helpers shared by the integration tests (each test file that needs them says `mod common;`).

use contract_calc::template::model::Template;

/// The id of the first blank of `t` whose Chinese label contains `label`; panics with the
/// labels there are when there is none.
pub fn blank_id(t: &Template, label: &str) -> String {
    t.blanks
        .iter()
        .find(|b| b.label.zh.contains(label))
        .unwrap_or_else(|| {
            panic!(
                "no blank labelled {label}: {:?}",
                t.blanks.iter().map(|b| &b.label.zh).collect::<Vec<_>>()
            )
        })
        .id
        .clone()
}
