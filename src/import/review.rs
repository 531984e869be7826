//! The review step: what a user may change in an imported template before using it. A
//! blank can be renamed (its label), retyped, or merged into another blank (two places the
//! import read as different fields are the same one). Each edit returns a new template that
//! passed validation; when it would not, the error says why and nothing changes.

use super::{import_text, ImportResult};
use crate::i18n;
use crate::template::expr;
use crate::template::inputs::{parse_blank, Input};
use crate::template::model::{Blank, BlankType, Label, Template};
use crate::template::placeholder::{self, Piece, Placeholder};
use crate::template::render::escape;
use crate::template::validate::{binding_exprs_mut, validate, TemplateError};
use crate::template::Lang;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

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

/// An import being reviewed: the template so far, where each field is in the text, and
/// what else the import found. Plain data (JSON both ways): the app gets it from the
/// separately loaded import module.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
pub struct Review {
    pub template: Template,
    /// By blank id: the text around its first place (`…前文【____】后文…`) and how many
    /// places it has. Blanks added for the calculators have none.
    pub places: BTreeMap<String, (String, usize)>,
    /// Fee clauses found: (kind, the sentence, a note on what was assumed or why unbound).
    pub clauses: Vec<(String, String, Option<String>)>,
    /// How many pieces of page furniture were removed.
    pub removed: usize,
}

impl Review {
    pub fn new(source: &str) -> Review {
        let ImportResult { template, report } = import_text(source);
        let places = report
            .blanks
            .iter()
            .map(|b| {
                let snippet = b
                    .positions
                    .first()
                    .map_or_else(String::new, |&(s, e)| around(source, s, e));
                (b.id.clone(), (snippet, b.occurrences))
            })
            .collect();
        let clauses = report
            .clauses
            .into_iter()
            .map(|c| (c.kind.to_string(), c.text, c.note))
            .collect();
        Review {
            template,
            places,
            clauses,
            removed: report.removed.len(),
        }
    }

    /// Apply an edit; on `Err` nothing changed.
    pub fn edit(&mut self, edit: &Edit) -> Result<(), TemplateError> {
        self.template = apply(&self.template, edit)?;
        if let Edit::Merge { keep, drop } = edit {
            let (_, count) = self.places.remove(drop).unwrap_or_default();
            self.places.entry(keep.clone()).or_default().1 += count;
        }
        Ok(())
    }

    /// The review as HTML (every text escaped): a summary, a table with one row per field
    /// (name, type, place in the text, count, merge), and the fee clauses found. Controls
    /// carry `data-id` (the blank) and `data-edit` (`label`, `type`, `merge`). `refused` is
    /// the last refused edit, shown in the row it came from.
    pub fn html(&self, lang: Lang, refused: Option<&(String, TemplateError)>) -> String {
        let t = |key| i18n::t(lang, key);
        let mut out = format!(
            "<p class=\"cc-import-summary\" role=\"status\"><strong>{}</strong> · {}：{}{}，{}{}，{}{}</p>",
            escape(&self.template.title),
            t("import_found"),
            self.places.len(),
            t("import_blanks"),
            self.clauses.len(),
            t("import_clauses"),
            self.removed,
            t("import_removed"),
        );
        out.push_str("<div class=\"cc-table-wrap\"><table class=\"cc-import-blanks\"><thead><tr>");
        for key in [
            "col_name",
            "col_type",
            "col_source",
            "col_count",
            "col_merge",
        ] {
            out.push_str(&format!("<th scope=\"col\">{}</th>", t(key)));
        }
        out.push_str("</tr></thead><tbody>");
        for b in &self.template.blanks {
            let id = escape(&b.id);
            let label = escape(b.label.get(lang));
            let error = refused
                .filter(|(rid, _)| *rid == b.id)
                .map(|(_, e)| escape(if lang == Lang::En { &e.en } else { &e.zh }));
            let described = if error.is_some() {
                format!(" aria-describedby=\"cc-import-err-{id}\" aria-invalid=\"true\"")
            } else {
                String::new()
            };
            let (snippet, count, class) = match self.places.get(&b.id) {
                Some((snippet, count)) => (escape(snippet), count.to_string(), ""),
                None => (
                    t("added_blank").to_string(),
                    String::new(),
                    " class=\"cc-added\"",
                ),
            };
            out.push_str(&format!(
                "<tr{class}><td><input type=\"text\" class=\"cc-import-label\" data-id=\"{id}\" data-edit=\"label\" aria-label=\"{} {label}\" value=\"{label}\"{described}>",
                t("col_name"),
            ));
            if let Some(e) = error {
                out.push_str(&format!(
                    "<p class=\"cc-error\" id=\"cc-import-err-{id}\" role=\"alert\">{e}</p>"
                ));
            }
            let retypable = RETYPABLE.contains(&b.kind);
            out.push_str(&format!(
                "</td><td><select class=\"cc-import-type\" data-id=\"{id}\" data-edit=\"type\" aria-label=\"{} {label}\"{}>",
                t("col_type"),
                if retypable { "" } else { " disabled" },
            ));
            for k in RETYPABLE.iter().chain((!retypable).then_some(&b.kind)) {
                out.push_str(&format!(
                    "<option value=\"{}\"{}>{}</option>",
                    kind_id(*k),
                    if *k == b.kind { " selected" } else { "" },
                    i18n::kind(lang, *k),
                ));
            }
            out.push_str(&format!(
                "</select></td><td class=\"cc-import-snippet\">{snippet}</td><td class=\"cc-num\">{count}</td><td><select class=\"cc-import-merge\" data-id=\"{id}\" data-edit=\"merge\" aria-label=\"{} {label}\"><option value=\"\" selected>—</option>",
                t("col_merge"),
            ));
            for o in self.template.blanks.iter().filter(|o| o.id != b.id) {
                out.push_str(&format!(
                    "<option value=\"{}\">{}</option>",
                    escape(&o.id),
                    escape(o.label.get(lang))
                ));
            }
            out.push_str("</select></td></tr>");
        }
        out.push_str(&format!(
            "</tbody></table></div><h3>{}</h3><ul class=\"cc-import-clauses\">",
            t("clauses")
        ));
        for (kind, text, note) in &self.clauses {
            out.push_str(&format!(
                "<li><strong>{}</strong>：{}",
                i18n::clause(lang, kind),
                escape(text)
            ));
            if let Some(note) = note {
                out.push_str(&format!(
                    " <small class=\"cc-hint\">（{}）</small>",
                    escape(note)
                ));
            }
            out.push_str("</li>");
        }
        out.push_str("</ul>");
        out
    }
}

/// A blank type as it is written in the template format (`money`, `days` …).
pub fn kind_id(k: BlankType) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The text around bytes `start..end` of `source`, the blank itself in 【】, on one line.
fn around(source: &str, start: usize, end: usize) -> String {
    let (Some(before), Some(blank), Some(after)) = (
        source.get(..start),
        source.get(start..end),
        source.get(end..),
    ) else {
        return String::new();
    };
    let one_line = |s: &str| s.replace(['\n', '\r'], " ");
    let skip = before.chars().count().saturating_sub(14);
    let before: String = before.chars().skip(skip).collect();
    let after: String = after.chars().take(14).collect();
    format!(
        "…{}【{}】{}…",
        one_line(&before),
        one_line(blank),
        one_line(&after)
    )
}

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
    let mut calculators = t.calculators.clone();
    let mut refs = BTreeSet::new();
    let bound = binding_exprs_mut(&mut calculators);
    let derived = t.derived.iter().map(|d| &d.expr);
    for e in bound.iter().map(|(_, e, _)| &**e).chain(derived) {
        if let Ok(e) = expr::parse(e) {
            e.references(&mut refs);
        }
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
        if b.not_before.as_deref() == Some(from) {
            b.not_before = Some(to.to_string());
        }
    }
    for (_, e, _) in binding_exprs_mut(&mut t.calculators) {
        *e = rename_ident(e, from, to);
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
