//! The review step: what a user may change in an imported template before using it. A
//! blank can be renamed (its label), retyped, or merged into another blank (two places the
//! import read as different fields are the same one). Each edit returns a new template that
//! passed validation; when it would not, the error says why and nothing changes.

use crate::template::expr;
use crate::template::inputs::{parse_blank, Input};
use crate::template::model::{Blank, BlankType, Label, Template};
use crate::template::placeholder::{self, Piece, Placeholder};
use crate::template::validate::{validate, TemplateError};
use std::collections::BTreeSet;

/// One change the user makes in the review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Relabel {
        id: String,
        label: String,
    },
    Retype {
        id: String,
        kind: BlankType,
    },
    /// `drop`'s places in the text become `keep`'s; `drop` disappears.
    Merge {
        keep: String,
        drop: String,
    },
}

/// The types a blank can be given in the review (tables, choices and 大写 cross-checks
/// need more than a type).
pub const RETYPABLE: &[BlankType] = &[
    BlankType::Text,
    BlankType::Party,
    BlankType::Money,
    BlankType::Percent,
    BlankType::Integer,
    BlankType::Days,
    BlankType::Date,
];

/// Apply one edit; `Err` (in Chinese and English) leaves the caller's template as it was.
pub fn apply(t: &Template, edit: &Edit) -> Result<Template, TemplateError> {
    let mut t = t.clone();
    match edit {
        Edit::Relabel { id, label } => {
            let label = label.trim();
            if label.is_empty() {
                return Err(problem(id, "名称不能为空", "The name cannot be empty"));
            }
            blank_mut(&mut t, id)?.label = Label {
                zh: label.to_string(),
                en: String::new(),
            };
        }
        Edit::Retype { id, kind } => {
            if !RETYPABLE.contains(kind) {
                return Err(problem(id, "不能改为此类型", "Cannot change to this type"));
            }
            if computed_from(&t).contains(id) {
                return Err(problem(
                    id,
                    "计算条款或计算值使用此空白，不能改类型",
                    "A fee calculation uses this blank, so its type is fixed",
                ));
            }
            let b = blank_mut(&mut t, id)?;
            if !RETYPABLE.contains(&b.kind) {
                return Err(problem(
                    id,
                    "表格、选项和大写核对项不能改类型",
                    "Tables, choices and 大写 checks keep their type",
                ));
            }
            if b.kind != *kind {
                b.kind = *kind;
                // Bounds, defaults and examples of the old type mean nothing in the new one.
                b.min = None;
                b.max = None;
                b.default = None;
                b.day_kind = None;
                if let Some(example) = b.example.clone() {
                    if parse_blank(b, Some(&Input::Text(example))).is_err() {
                        b.example = None;
                    }
                }
            }
        }
        Edit::Merge { keep, drop } => {
            if keep == drop {
                return Err(problem(
                    drop,
                    "不能与自身合并",
                    "A blank cannot be merged with itself",
                ));
            }
            blank_mut(&mut t, keep)?;
            blank_mut(&mut t, drop)?;
            t.blanks.retain(|b| &b.id != drop);
            rename(&mut t, drop, keep);
        }
    }
    match validate(&t).into_iter().next() {
        None => Ok(t),
        Some(e) => Err(e),
    }
}

fn problem(id: &str, zh: &str, en: &str) -> TemplateError {
    TemplateError {
        path: id.to_string(),
        zh: zh.to_string(),
        en: en.to_string(),
    }
}

fn blank_mut<'a>(t: &'a mut Template, id: &str) -> Result<&'a mut Blank, TemplateError> {
    t.blanks
        .iter_mut()
        .find(|b| b.id == id)
        .ok_or_else(|| problem(id, "没有此空白", "No such blank"))
}

/// The values the calculators and derived values read.
fn computed_from(t: &Template) -> BTreeSet<String> {
    fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
            serde_json::Value::Object(map) => map.values().for_each(|i| strings(i, out)),
            _ => {}
        }
    }
    let mut exprs: Vec<String> = t.derived.iter().map(|d| d.expr.clone()).collect();
    if let Ok(json) = serde_json::to_value(&t.calculators) {
        strings(&json, &mut exprs);
    }
    let mut refs = BTreeSet::new();
    for e in exprs.iter().filter_map(|e| expr::parse(e).ok()) {
        e.references(&mut refs);
    }
    refs
}

/// Every reference to the value `from` becomes a reference to `to`: placeholders in the body,
/// derived expressions, 大写 cross-checks, and the calculators' expressions.
fn rename(t: &mut Template, from: &str, to: &str) {
    for s in &mut t.body {
        s.heading = rename_placeholders(&s.heading, from, to);
        for p in &mut s.paragraphs {
            *p = rename_placeholders(p, from, to);
        }
    }
    for d in &mut t.derived {
        d.expr = rename_ident(&d.expr, from, to);
    }
    for b in &mut t.blanks {
        if b.matches.as_deref() == Some(from) {
            b.matches = Some(to.to_string());
        }
    }
    // The calculators' fields are expressions, except display names, ids and lists of
    // lump-sum ids; walking their JSON keeps this in step with the model.
    if let Ok(mut json) = serde_json::to_value(&t.calculators) {
        rename_json(&mut json, from, to);
        if let Ok(c) = serde_json::from_value(json) {
            t.calculators = c;
        }
    }
}

fn rename_json(v: &mut serde_json::Value, from: &str, to: &str) {
    use serde_json::Value;
    match v {
        Value::String(s) => *s = rename_ident(s, from, to),
        Value::Array(items) => items.iter_mut().for_each(|i| rename_json(i, from, to)),
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if !matches!(key.as_str(), "name" | "label" | "id" | "type" | "penalties") {
                    rename_json(value, from, to);
                }
            }
        }
        _ => {}
    }
}

/// Rename identifier `from` in an expression, leaving 'text literals' and `table.column`
/// column names alone.
pub fn rename_ident(expr: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(expr.len());
    let mut chars = expr.char_indices().peekable();
    let mut prev = None;
    while let Some((i, c)) = chars.next() {
        if c == '\'' {
            let end = expr[i + 1..]
                .find('\'')
                .map_or(expr.len(), |e| i + 1 + e + 1);
            out.push_str(&expr[i..end]);
            while chars.peek().is_some_and(|&(j, _)| j < end) {
                chars.next();
            }
            prev = Some('\'');
        } else if c.is_ascii_alphabetic() || c == '_' {
            let mut end = i + 1;
            while let Some(&(j, d)) = chars.peek() {
                if !(d.is_ascii_alphanumeric() || d == '_') {
                    break;
                }
                end = j + 1;
                chars.next();
            }
            let word = &expr[i..end];
            out.push_str(if word == from && prev != Some('.') {
                to
            } else {
                word
            });
            prev = Some('a');
        } else {
            out.push(c);
            prev = Some(c);
        }
    }
    out
}

fn rename_placeholders(text: &str, from: &str, to: &str) -> String {
    let Ok(pieces) = placeholder::split(text) else {
        return text.to_string();
    };
    let name = |id: &str| {
        if id == from {
            to.to_string()
        } else {
            id.to_string()
        }
    };
    pieces
        .into_iter()
        .map(|p| match p {
            Piece::Text(s) => s.to_string(),
            Piece::Placeholder(Placeholder::Value(id)) => format!("{{{{{}}}}}", name(id)),
            Piece::Placeholder(Placeholder::Words(id)) => format!("{{{{words:{}}}}}", name(id)),
            Piece::Placeholder(Placeholder::Table(id)) => format!("{{{{table:{}}}}}", name(id)),
            Piece::Placeholder(Placeholder::Calc(parts)) => format!("{{{{{}}}}}", parts.join(".")),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_identifiers_only() {
        assert_eq!(
            rename_ident("a + ab * a_b - a", "a", "x"),
            "x + ab * a_b - x"
        );
        assert_eq!(
            rename_ident("sum(a.amount) + 'a'", "a", "x"),
            "sum(x.amount) + 'a'"
        );
        assert_eq!(rename_ident("t.a", "a", "x"), "t.a");
        assert_eq!(rename_ident("'unclosed a", "a", "x"), "'unclosed a");
        assert_eq!(rename_ident("总额a", "a", "x"), "总额x");
    }

    #[test]
    fn renames_placeholders() {
        assert_eq!(
            rename_placeholders(
                "甲{{a}}乙{{words:a}}{{table:a}}{{ab}}{{schedule.0.amount}}",
                "a",
                "x"
            ),
            "甲{{x}}乙{{words:x}}{{table:x}}{{ab}}{{schedule.0.amount}}"
        );
        assert_eq!(rename_placeholders("{{broken", "a", "x"), "{{broken");
    }
}
