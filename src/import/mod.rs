//! Import a contract text (as copied from a template website) into a template: blanks typed
//! and named, repeated blanks bound to one field, fee clauses bound to the calculators, the
//! text split into sections, page furniture removed. Pure Rust, no web dependency; the
//! review step (UI) and the Word export live elsewhere.
//!
//! Pipeline, one concern per file:
//! 1. `text`: characters with their byte positions and a simplified, half-width twin for
//!    matching (the body keeps the source's characters, traditional or simplified);
//! 2. `furniture`: download notices, page numbers, comment boxes, tables of contents, 全文完;
//! 3. `blanks`: where the blanks are (underscores, brackets, `?`, dates, implicit fields);
//! 4. `sections`: title, headings and paragraphs; exact repeats of a section are dropped;
//! 5. `typing`: each blank's type and label; occurrences with the same key are one field
//!    (a party, a specific bracket such as `[甲方全称]`, the contract number);
//! 6. `clauses`: fee clauses → `calculators` (+ the blanks and derived values they need).
//!
//! Choices worth knowing:
//! - 万元: `人民币____万元整` is a money blank that holds 万元 (label `…（万元）`, help text
//!   says so); the body keeps `{{x}}万元整`, so the contract reads as written, and a derived
//!   `x_yuan = x * 10000` feeds the calculators in 元.
//! - `____万____千____元` is one money blank in 元 (the body reads `{{x}}元`).
//! - `人民币____元（大写：____）`: the 大写 right after its amount is no blank of its own; the
//!   body reads `{{words:x}}` (`{{words:x_yuan}}` for 万元), so the user types the amount once.
//!   A 大写 elsewhere stays a `words` blank that `matches` the amount before it.
//! - A `?` that is not a blank and stands between words or punctuation is lost spacing and is
//!   shown as a space; a `?` inside mojibake (`確??蛻`, `?qū`) is left as it is.
//! - `{`/`}` in the source are written full-width so they cannot be read as placeholders.
//! - A text holding several contracts (a repeated title line) is imported as one template,
//!   with each repeated title as a heading; [`split_documents`] / [`import_documents`] import
//!   them one by one.

mod blanks;
mod clauses;
mod furniture;
pub mod review;
mod sections;
mod text;
mod typing;

pub use blanks::Marker;
pub use clauses::ClauseReport;
pub use furniture::Removed;

use crate::template::inputs::parse_cell;
use crate::template::model::*;
use serde::Serialize;
use std::collections::BTreeMap;
use text::Ch;

#[derive(Debug, Clone, Serialize)]
pub struct ImportResult {
    pub template: Template,
    pub report: Report,
}

/// What the import found, for the review step.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub title: String,
    /// One entry per field of the template (blanks found in the text).
    pub blanks: Vec<BlankReport>,
    /// Blanks added because a calculator needs them (not blanks in the text).
    pub added: Vec<String>,
    pub clauses: Vec<ClauseReport>,
    /// Section headings, in order.
    pub sections: Vec<String>,
    pub removed: Vec<Removed>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BlankReport {
    pub id: String,
    pub kind: BlankType,
    pub label: String,
    pub marker: Marker,
    /// The source text of the first occurrence (`____`, `[甲方全称]`, `?`; for an implicit
    /// blank, the label before it).
    pub source: String,
    /// Byte ranges in the input, one per occurrence.
    pub positions: Vec<(usize, usize)>,
    pub occurrences: usize,
    pub note: Option<String>,
}

/// Import one contract text.
pub fn import_text(input: &str) -> ImportResult {
    let all = text::chars(input);
    let (chs, mut removed) = furniture::remove(&all);
    let mut occs = blanks::detect(&chs);
    let lay = sections::layout(&chs, &occs);
    let byte = |i: usize| chs.get(i).map_or(input.len(), |c| c.pos);

    // Sections, without exact repeats.
    let mut kept: Vec<&sections::SectionSpan> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for s in &lay.sections {
        let key: String = std::iter::once(&s.heading)
            .chain(&s.paragraphs)
            .map(|r| text::orig(&chs[r.clone()]) + "\n")
            .collect();
        if !s.paragraphs.is_empty() && seen.contains(&key) {
            let end = s.paragraphs.last().map_or(s.heading.end, |p| p.end);
            removed.push(Removed {
                kind: "duplicate_section",
                text: text::orig(&chs[s.heading.start..end])
                    .chars()
                    .take(40)
                    .collect(),
                start: byte(s.heading.start),
                end: byte(end),
            });
            continue;
        }
        seen.push(key);
        kept.push(s);
    }
    removed.sort_by_key(|r| r.start);
    let mut ranges: Vec<(usize, Option<usize>, std::ops::Range<usize>)> = Vec::new();
    for (si, s) in kept.iter().enumerate() {
        ranges.push((si, None, s.heading.clone()));
        for (pi, p) in s.paragraphs.iter().enumerate() {
            ranges.push((si, Some(pi), p.clone()));
        }
    }

    // Blanks in the kept text, typed, grouped into fields.
    let mut mask = vec![false; chs.len()];
    for o in &occs {
        mask[o.start..o.end].iter_mut().for_each(|m| *m = true);
    }
    let range_of = |o: &blanks::Occ| {
        let nonempty = |r: &&(usize, Option<usize>, std::ops::Range<usize>)| !r.2.is_empty();
        if o.start == o.end {
            ranges
                .iter()
                .position(|r| nonempty(&r) && r.2.end == o.start)
                .or_else(|| {
                    ranges
                        .iter()
                        .position(|r| r.2.start <= o.start && o.start < r.2.end)
                })
        } else {
            ranges
                .iter()
                .position(|r| r.2.start <= o.start && o.end <= r.2.end)
        }
    };
    let mut stops = vec![false; chs.len() + 1];
    for &s in &lay.stops {
        stops[s] = true;
    }
    let mut fields: Vec<Field> = Vec::new();
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    let mut placed: Vec<(usize, usize, usize)> = Vec::new(); // (occ, range, field)
    for (oi, o) in occs.iter().enumerate() {
        let Some(ri) = range_of(o) else { continue };
        // `人民币元?(rmb?)`: the amount again, in the same blank.
        let rmb =
            o.start >= 4 && text::norm(&chs[o.start - 4..o.start]).eq_ignore_ascii_case("(rmb");
        if let Some(&(prev, _, fi)) = placed.last().filter(|(p, r, f)| {
            rmb && *r == ri
                && occs[*p].end + 6 >= o.start
                && fields[*f].typed.kind == BlankType::Money
        }) {
            let _ = prev;
            fields[fi].occs.push(oi);
            placed.push((oi, ri, fi));
            continue;
        }
        let t = typing::classify(&chs, o, &mask, &stops);
        if let Some(fi) = t.key.as_ref().and_then(|k| by_key.get(k)) {
            fields[*fi].occs.push(oi);
            placed.push((oi, ri, *fi));
            continue;
        }
        let fi = fields.len();
        if let Some(k) = &t.key {
            by_key.insert(k.clone(), fi);
        }
        let id = field_id(&fields, &t);
        fields.push(Field {
            id,
            typed: t,
            occs: vec![oi],
            section: ranges[ri].0,
            matches: None,
            words_of: None,
        });
        placed.push((oi, ri, fi));
    }
    // 大写 blanks check against the money blank before them. One right after its amount, in
    // the same clause (`人民币____元（大写：____）`), is that amount's 大写: the contract writes
    // it from the amount (`{{words:x}}`, in 元 for an amount in 万元) rather than asking for it
    // again.
    for fi in 0..fields.len() {
        if fields[fi].typed.kind != BlankType::Words {
            continue;
        }
        // The blank before it, if that is an amount in the same paragraph with a few
        // characters and no sentence punctuation between (`元（大写：`).
        let o = fields[fi].occs[0];
        let before = match placed.iter().position(|(p, _, _)| *p == o) {
            Some(k) if k > 0 => Some((placed[k - 1], placed[k].1)),
            _ => None,
        };
        if let Some(((p, r, m), ri)) = before {
            let between = &chs[occs[p].end..occs[o].start];
            if r == ri
                && fields[m].typed.kind == BlankType::Money
                && between.len() <= 10
                && !between
                    .iter()
                    .any(|c| matches!(c.n, ',' | '。' | ';' | '\n'))
            {
                let m = &fields[m];
                let id = if m.typed.wan {
                    format!("{}_yuan", m.id)
                } else {
                    m.id.clone()
                };
                fields[fi].words_of = Some(id);
                // `（大写：____元整）`: the 大写 written from the amount has its own 元…整.
                if let Some(w) = ["元整", "元正", "圆整", "元", "圆"]
                    .iter()
                    .find(|w| furniture::starts_with(&chs, occs[o].end, w))
                {
                    occs[o].end += w.chars().count();
                }
                continue;
            }
        }
        match fields[..fi]
            .iter()
            .rev()
            .find(|f| f.typed.kind == BlankType::Money)
        {
            Some(m) if !m.typed.wan => fields[fi].matches = Some(m.id.clone()),
            _ => fields[fi].typed.kind = BlankType::Text,
        }
    }

    // Body text with placeholders, and the simplified text for the clause binder.
    let mut body: Vec<Section> = kept
        .iter()
        .map(|_| Section {
            heading: String::new(),
            paragraphs: Vec::new(),
        })
        .collect();
    let mut paras = Vec::new();
    for (ri, (si, pi, r)) in ranges.iter().enumerate() {
        let here: Vec<(usize, usize)> = placed
            .iter()
            .filter(|(_, r2, _)| *r2 == ri)
            .map(|(o, _, f)| (*o, *f))
            .collect();
        let (shown, simple, slots) = render(&chs, r.clone(), &occs, &here, &fields);
        match pi {
            None => body[*si].heading = shown,
            Some(_) => body[*si].paragraphs.push(shown),
        }
        paras.push(clauses::Para {
            section: *si,
            paragraph: *pi,
            heading: String::new(),
            text: simple,
            slots,
        });
    }
    for p in paras.iter_mut() {
        p.heading = text::norm_str(&body[p.section].heading);
    }

    // Fee clauses.
    let infos: Vec<clauses::FieldInfo> = fields
        .iter()
        .map(|f| clauses::FieldInfo {
            id: f.id.clone(),
            kind: f.typed.kind,
            label: f.typed.label.clone(),
            day_kind: f.typed.day_kind,
            wan: f.typed.wan,
            zhe: f.typed.zhe,
            day_of_month: f.typed.day_of_month,
        })
        .collect();
    let bound = clauses::bind(&infos, &paras);
    let mut tables: Vec<(usize, Option<usize>, &str)> = bound
        .tables
        .iter()
        .map(|(p, name)| (paras[*p].section, paras[*p].paragraph, *name))
        .collect();
    tables.sort_by_key(|t| std::cmp::Reverse((t.0, t.1.map_or(0, |p| p + 1))));
    for (si, pi, name) in tables {
        let at = pi.map_or(0, |p| p + 1).min(body[si].paragraphs.len());
        body[si]
            .paragraphs
            .insert(at, format!("{{{{table:{name}}}}}"));
    }

    // The template.
    let mut notes = Vec::new();
    let mut blanks_out = Vec::new();
    let mut derived = Vec::new();
    let mut reports = Vec::new();
    for f in &fields {
        if f.words_of.is_some() {
            continue;
        }
        let (blank, note) = make_blank(f, &kept, &chs);
        if let Some(n) = &note {
            notes.push(format!("{}: {n}", f.id));
        }
        if f.typed.wan {
            derived.push(Derived {
                id: format!("{}_yuan", f.id),
                kind: BlankType::Money,
                label: Label {
                    zh: format!("{}折合（元）", f.typed.label.trim_end_matches("（万元）")),
                    en: "In yuan".into(),
                },
                expr: format!("{} * 10000", f.id),
            });
        }
        let first = &occs[f.occs[0]];
        reports.push(BlankReport {
            id: f.id.clone(),
            kind: blank.kind,
            label: f.typed.label.clone(),
            marker: first.marker,
            source: if first.start == first.end {
                implicit_source(&chs, first.start)
            } else {
                text::orig(&chs[first.start..first.end])
            },
            positions: f
                .occs
                .iter()
                .map(|&o| (byte(occs[o].start), byte(occs[o].end)))
                .collect(),
            occurrences: f.occs.len(),
            note,
        });
        blanks_out.push(blank);
    }
    if fields.iter().any(|f| f.words_of.is_some()) {
        notes.push("金额后的大写空白由金额自动生成，不另填写 / the 大写 blank after an amount is written from the amount, not typed again".into());
    }
    if fields.iter().any(|f| f.typed.wan) {
        notes.push("金额以万元填写的空白：正文保留“万元”，计算用折合元的派生值（…_yuan） / amounts in 万元 stay in 万元 in the text; calculators use the derived …_yuan".into());
    }
    if !lay.doc_starts.is_empty() {
        notes.push(format!(
            "文本含{}份合同（标题重复），已作为一个模板导入；可用 split_documents 分开导入 / the text holds {} contracts (repeated title), imported as one template",
            lay.doc_starts.len() + 1,
            lay.doc_starts.len() + 1
        ));
    }
    let added: Vec<String> = bound.added.iter().map(|b| b.id.clone()).collect();
    blanks_out.extend(bound.added);
    derived.extend(bound.derived);
    let used: Vec<&str> = blanks_out
        .iter()
        .filter_map(|b| b.group.as_deref())
        .collect();
    let groups = GROUPS
        .iter()
        .filter(|(id, _, _)| used.contains(id))
        .map(|(id, zh, en)| Group {
            id: id.to_string(),
            label: Label {
                zh: zh.to_string(),
                en: en.to_string(),
            },
        })
        .collect();
    let title = text::orig(&chs[lay.title.clone()])
        .trim_matches(|c: char| c.is_whitespace() || c == '?' || c == '？')
        .to_string();
    let title = if title.is_empty() {
        "导入的合同".to_string()
    } else {
        title
    };
    if body.is_empty() {
        body.push(Section {
            heading: String::new(),
            paragraphs: vec![escape(input.trim())],
        });
    }
    let template = Template {
        id: format!("imported-{:08x}", fnv(input)),
        title: title.clone(),
        language: Lang::Zh,
        description: Label {
            zh: format!(
                "由文本导入：{}个空白，{}个计算条款",
                reports.len(),
                bound.report.iter().filter(|c| !c.bound.is_empty()).count()
            ),
            en: format!(
                "Imported from text: {} blanks, {} fee clauses bound",
                reports.len(),
                bound.report.iter().filter(|c| !c.bound.is_empty()).count()
            ),
        },
        groups,
        blanks: blanks_out,
        derived,
        calculators: bound.calculators,
        body,
    };
    ImportResult {
        report: Report {
            title,
            blanks: reports,
            added,
            clauses: bound.report,
            sections: template.body.iter().map(|s| s.heading.clone()).collect(),
            removed,
            notes,
        },
        template,
    }
}

/// Split a text holding several contracts (a title line repeated, with 一/二/三 or 1/2 after
/// it) into one text per contract. A text with one contract comes back whole.
pub fn split_documents(input: &str) -> Vec<&str> {
    let all = text::chars(input);
    let (chs, _) = furniture::remove(&all);
    let occs = blanks::detect(&chs);
    let lay = sections::layout(&chs, &occs);
    let mut out = Vec::new();
    let mut from = 0;
    for &s in &lay.doc_starts {
        let at = chs[s].pos;
        out.push(&input[from..at]);
        from = at;
    }
    out.push(&input[from..]);
    out
}

/// [`import_text`] on each contract of [`split_documents`].
pub fn import_documents(input: &str) -> Vec<ImportResult> {
    split_documents(input)
        .into_iter()
        .map(import_text)
        .collect()
}

struct Field {
    id: String,
    typed: typing::Typed,
    occs: Vec<usize>,
    section: usize,
    matches: Option<String>,
    /// A 大写 right after its amount: the money value (`x`, or `x_yuan` for 万元) whose 大写
    /// the contract writes in its place. Not a blank of its own.
    words_of: Option<String>,
}

const GROUPS: &[(&str, &str, &str)] = &[
    ("parties", "合同双方", "Parties"),
    ("terms", "条款", "Terms"),
    ("payment", "费用及支付", "Fees and payment"),
    ("breach", "违约责任", "Breach"),
    ("calc", "计算用", "For the calculators"),
];

fn field_id(fields: &[Field], t: &typing::Typed) -> String {
    if let Some(id) = &t.id {
        if !fields.iter().any(|f| &f.id == id) {
            return id.clone();
        }
    }
    let prefix = match t.kind {
        BlankType::Text => "text",
        BlankType::Party => "party",
        BlankType::Money => "amount",
        BlankType::Percent => "pct",
        BlankType::Integer => "num",
        BlankType::Days => "days",
        BlankType::Date => "date",
        BlankType::Words => "words",
        BlankType::Choice => "choice",
        BlankType::Table => "table",
    };
    let mut k = fields.len() + 1;
    loop {
        let id = format!("{prefix}_{k}");
        if !fields.iter().any(|f| f.id == id) {
            return id;
        }
        k += 1;
    }
}

const CONTACT: &[&str] = &[
    "名称",
    "地址",
    "电话",
    "传真",
    "邮编",
    "联系人",
    "联络人",
    "代表人",
    "联系方式",
    "邮箱",
    "身份证",
    "编号",
];

fn make_blank(f: &Field, kept: &[&sections::SectionSpan], chs: &[Ch]) -> (Blank, Option<String>) {
    let t = &f.typed;
    let heading = kept
        .get(f.section)
        .map(|s| text::norm(&chs[s.heading.clone()]))
        .unwrap_or_default();
    let group = if t.kind == BlankType::Party || CONTACT.iter().any(|w| t.label.contains(w)) {
        "parties"
    } else if heading.contains("违约") {
        "breach"
    } else if ["费用", "付款", "支付", "价款", "金额"]
        .iter()
        .any(|w| heading.contains(w))
        || matches!(t.kind, BlankType::Money | BlankType::Words)
    {
        "payment"
    } else {
        "terms"
    };
    let (min, max) = if t.zhe {
        (Some("0".to_string()), Some("10".to_string()))
    } else if t.day_of_month {
        (Some("1".to_string()), Some("31".to_string()))
    } else {
        (None, None)
    };
    let help = if t.wan {
        Some((
            "单位：万元（填 36 即 36 万元）",
            "In 万元 (ten thousand yuan): 36 means 360,000",
        ))
    } else if t.zhe {
        Some((
            "折数：8.5 即八五折",
            "折 count: 8.5 means 85% of the list price",
        ))
    } else if t.day_of_month {
        Some(("每月的第几日（1–31）", "Day of the month (1–31)"))
    } else {
        None
    };
    let mut note = None;
    let default = t.default.clone().filter(|d| {
        let ok = parse_cell(t.kind, d, &[], min.as_deref(), max.as_deref()).is_ok();
        if !ok {
            note = Some(format!("原文填写的“{d}”不符合类型，未作为默认值"));
        }
        ok
    });
    (
        Blank {
            id: f.id.clone(),
            kind: t.kind,
            label: Label {
                zh: t.label.clone(),
                en: String::new(),
            },
            group: Some(group.into()),
            required: false,
            default,
            example: None,
            min,
            max,
            help: help.map(|(zh, en)| Label {
                zh: zh.into(),
                en: en.into(),
            }),
            unit: None,
            options: Vec::new(),
            columns: Vec::new(),
            example_rows: Vec::new(),
            day_kind: if t.kind == BlankType::Days {
                t.day_kind
            } else {
                None
            },
            matches: f.matches.clone(),
            not_before: None,
            convention: false,
        },
        note,
    )
}

/// The label an implicit blank follows (`地址:`, `茲有`), for the report.
fn implicit_source(chs: &[Ch], at: usize) -> String {
    let from = at.saturating_sub(16);
    let before = &chs[from..at];
    // Back to the delimiter before the label (not the label's own colon).
    let body = before.len().saturating_sub(1);
    let start = before[..body]
        .iter()
        .rposition(|c| matches!(c.n, '\n' | '。' | ';' | '_' | ']' | ':' | ' '))
        .map_or(0, |i| i + 1);
    text::orig(&before[start..])
        .trim_matches(|c: char| {
            c == '?' || c.is_whitespace() || ('\u{E000}'..='\u{F8FF}').contains(&c)
        })
        .to_string()
}

fn escape(s: &str) -> String {
    s.replace('{', "｛").replace('}', "｝")
}

/// A `?` that is lost spacing rather than mojibake: nothing but words or punctuation around.
fn spacing_question(chs: &[Ch], i: usize) -> bool {
    let ok = |c: Option<&Ch>| {
        c.is_none_or(|c| {
            c.n != '?'
                && !c.n.is_ascii_alphabetic()
                && !(c.n.is_alphabetic() && !c.n.is_ascii() && !text::is_cjk(c.n))
        })
    };
    ok(i.checked_sub(1).and_then(|k| chs.get(k))) && ok(chs.get(i + 1))
}

/// A paragraph: (body text with placeholders, simplified text with □, field per □).
fn render(
    chs: &[Ch],
    r: std::ops::Range<usize>,
    occs: &[blanks::Occ],
    here: &[(usize, usize)],
    fields: &[Field],
) -> (String, String, Vec<usize>) {
    let mut shown = String::new();
    let mut simple = String::new();
    let mut slots = Vec::new();
    let mut emit = |f: usize, shown: &mut String, simple: &mut String| {
        match &fields[f].words_of {
            Some(m) => shown.push_str(&format!("{{{{words:{m}}}}}")),
            None => shown.push_str(&format!("{{{{{}}}}}", fields[f].id)),
        }
        simple.push('□');
        slots.push(f);
    };
    let mut i = r.start;
    while i < r.end {
        for (o, f) in here {
            let occ = &occs[*o];
            if occ.start == i && occ.end == i {
                emit(*f, &mut shown, &mut simple);
            }
        }
        if let Some((o, f)) = here
            .iter()
            .find(|(o, _)| occs[*o].start == i && occs[*o].end > i)
        {
            emit(*f, &mut shown, &mut simple);
            i = occs[*o].end;
            // `[x%]`: the value, then the sign the bracket held (once, if the text has none).
            if let Some(sign) = fields[*f].typed.sign {
                if chs.get(i).map(|c| c.n) != Some(text::norm_char(sign)) {
                    shown.push(sign);
                    simple.push(text::norm_char(sign));
                }
            }
            continue;
        }
        let c = chs[i];
        match c.c {
            '{' => shown.push('｛'),
            '}' => shown.push('｝'),
            // Lost spacing and private-use spacing characters read as one space.
            '?' | '？' if spacing_question(chs, i) => push_space(&mut shown),
            '\u{E000}'..='\u{F8FF}' => push_space(&mut shown),
            ch => shown.push(ch),
        }
        if c.n != '?' && c.n != ' ' {
            simple.push(c.n);
        }
        i += 1;
    }
    for (o, f) in here {
        if occs[*o].start == r.end && occs[*o].end == r.end {
            emit(*f, &mut shown, &mut simple);
        }
    }
    (shown.trim().to_string(), simple, slots)
}

fn push_space(s: &mut String) {
    if !s.ends_with(' ') {
        s.push(' ');
    }
}

fn fnv(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ b as u32).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::calendar::Calendar;
    use crate::core::schedule::InstalmentKind;
    use crate::template::validate::validate;
    use crate::template::warnings::warnings;
    use crate::template::{fill, Calc, Filled, Input, Inputs};

    fn field<'a>(r: &'a ImportResult, label: &str) -> &'a BlankReport {
        r.report
            .blanks
            .iter()
            .find(|b| b.label.contains(label))
            .unwrap_or_else(|| panic!("no blank labelled {label}: {:#?}", r.report.blanks))
    }

    #[test]
    fn mojibake_question_mark_is_not_a_blank() {
        let r = import_text(
            "協議書?甲方:[甲方全稱]\n因不可抗力或其他原因?qū導致本協議無法履行的,確??蛻魸M意。",
        );
        assert_eq!(r.report.blanks.len(), 1, "{:#?}", r.report.blanks);
        assert!(validate(&r.template).is_empty());
        let body = serde_json::to_string(&r.template.body).unwrap();
        assert!(body.contains("?qū"), "mojibake kept as is: {body}");
    }

    #[test]
    fn repeated_bracket_is_one_field() {
        let r = import_text("第一条 甲方:[甲方全稱]。第二条 [甲方全稱]應支付。[甲方全稱](蓋章)");
        let f = field(&r, "甲方全称");
        assert_eq!(f.kind, BlankType::Party);
        assert_eq!(f.occurrences, 3);
        assert_eq!(r.report.blanks.len(), 1);
        assert_eq!(r.template.blanks[0].id, "party_a");
        assert!(validate(&r.template).is_empty());
    }

    #[test]
    fn generic_brackets_stay_separate() {
        let r = import_text("一式[份數]份,雙方各執[份數]份。");
        assert_eq!(r.report.blanks.len(), 2);
    }

    #[test]
    fn date_is_one_blank() {
        let r = import_text("签订日期:____年____月____日");
        assert_eq!(r.report.blanks.len(), 1);
        assert_eq!(r.report.blanks[0].kind, BlankType::Date);
        assert_eq!(r.report.blanks[0].label, "签订日期");
    }

    #[test]
    fn money_in_wan() {
        let r = import_text("1.4合同金額本合同總金額為人民幣______萬元整。");
        let f = field(&r, "万元");
        assert_eq!(f.kind, BlankType::Money);
        let id = f.id.clone();
        let para = &r.template.body.last().unwrap().paragraphs;
        assert!(
            para.iter()
                .any(|p| p.contains(&format!("{{{{{id}}}}}萬元整"))),
            "{para:?}"
        );
        assert!(r
            .template
            .derived
            .iter()
            .any(|d| d.id == format!("{id}_yuan") && d.expr == format!("{id} * 10000")));
        assert!(validate(&r.template).is_empty());
    }

    #[test]
    fn money_in_wan_simplified() {
        let r = import_text("本合同总金额为人民币______万元整。");
        let f = &r.report.blanks[0];
        assert_eq!(
            (f.kind, f.label.as_str()),
            (BlankType::Money, "合同总金额（万元）")
        );
        let b = &r.template.blanks[0];
        assert!(b.help.as_ref().is_some_and(|h| h.zh.contains("万元")));
        assert!(r.report.notes.iter().any(|n| n.contains("万元")));
        let body = &r.template.body[0].paragraphs[0];
        assert_eq!(
            body,
            &format!("本合同总金额为人民币{{{{{}}}}}万元整。", b.id)
        );
    }

    #[test]
    fn repeated_titles_split_into_contracts() {
        let text =
            "范文如何写一\n甲方:\n一、费用\n金额____元。\n范文如何写二\n一、期限\n有效期____年。\n";
        let parts = split_documents(text);
        assert_eq!(parts.len(), 2);
        assert!(parts[1].starts_with("范文如何写二"));
        let whole = import_text(text);
        assert!(whole.report.sections.contains(&"范文如何写二".to_string()));
        assert!(whole.report.notes.iter().any(|n| n.contains("2份合同")));
        assert_eq!(import_documents(text).len(), 2);
    }

    #[test]
    fn per_day_penalty_and_monthly_fee() {
        let r = import_text("三、费用\n1.甲方每月支付服务费人民币[x]元,于每月[具体支付日期]前支付。\n五、违约责任\n甲方每逾期一日,应按照未支付金额的[x%]支付违约金,逾期超过[x]日的,乙方有权暂停服务。");
        let c = &r.template.calculators;
        let p = c.penalty.as_ref().expect("penalty");
        assert_eq!(
            (p.rate_unit.as_str(), p.base.as_deref()),
            ("percent", Some("unpaid"))
        );
        assert!(p.suspend_after_days.is_some());
        let s = c.schedule.as_ref().expect("schedule");
        assert!(matches!(s.instalments[0].due, DueBinding::Monthly { .. }));
        assert!(r.report.added.iter().any(|a| a == "late_due_date"));
        assert!(
            validate(&r.template).is_empty(),
            "{:?}",
            validate(&r.template)
        );
    }

    #[test]
    fn parenthesised_placeholder_rate() {
        // The same clause with `（x%）` for the rate: a percent blank, its sign kept.
        let r = import_text("五、违约责任\n甲方每逾期一日,应按照未支付金额的（x%）支付违约金。");
        let p = r.template.calculators.penalty.as_ref().expect("penalty");
        assert_eq!(
            (p.rate_unit.as_str(), p.base.as_deref()),
            ("percent", Some("unpaid"))
        );
        let filled = fill(&r.template, &Inputs::new(), &Calendar::new());
        let html = crate::template::render::render_html(&r.template, &filled, Default::default());
        assert!(!html.contains("（x"), "{html}");
        assert!(html.contains("%支付违约金"), "{html}");
    }

    #[test]
    fn cap_and_lump_sum() {
        let r = import_text("第五条 违约责任\n1.违约金为合同总金额的____%。\n2.各项违约金累计最高不超过合同总金额的20%。");
        let l = &r.template.calculators.lump_sum;
        assert!(
            matches!(l[0], LumpSumBinding::BreachPercent { .. }),
            "{l:?}"
        );
        match &l[1] {
            LumpSumBinding::Cap {
                percent, penalties, ..
            } => {
                assert_eq!(percent, "20");
                assert_eq!(penalties.len(), 1);
            }
            other => panic!("{other:?}"),
        }
        assert!(
            validate(&r.template).is_empty(),
            "{:?}",
            validate(&r.template)
        );
    }

    /// Each instalment of a schedule: (name, kind, percent or amount, due).
    fn instalments(r: &ImportResult) -> Vec<(String, InstalmentKind, String, DueBinding)> {
        let s = r.template.calculators.schedule.as_ref().expect("schedule");
        s.instalments
            .iter()
            .map(|i| {
                let share = i.percent.clone().or(i.amount.clone()).unwrap_or_default();
                (i.name.clone(), i.kind, share, i.due.clone())
            })
            .collect()
    }

    fn after_milestone(milestone: &str, days: &str, day_kind: &str, date: &str) -> DueBinding {
        DueBinding::AfterMilestone {
            milestone: milestone.into(),
            date: Some(date.into()),
            days: days.into(),
            day_kind: Some(day_kind.into()),
        }
    }

    /// The template filled: money 100,000, dates 2025-03-03 (a late penalty computed up to
    /// 2025-04-02), every other blank `other`.
    fn filled(t: &Template, other: &str) -> Filled {
        let inputs: Inputs = t
            .blanks
            .iter()
            .map(|b| {
                let v = match (b.id.as_str(), b.kind) {
                    ("late_as_of", _) => "2025-04-02",
                    (_, BlankType::Money) => "100000",
                    (_, BlankType::Date) => "2025-03-03",
                    _ => other,
                };
                (b.id.clone(), Input::Text(v.into()))
            })
            .collect();
        fill(t, &inputs, &Calendar::new())
    }

    /// The schedule's amounts with a total of 100,000 and every other blank filled.
    fn amounts(r: &ImportResult) -> Vec<String> {
        match filled(&r.template, "5").schedule {
            Calc::Ready(s) => s.rows.iter().map(|row| row.amount.to_string()).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn two_instalments_in_one_sentence() {
        let r = import_text("第一条 费用\n1.1 合同总额为人民币________元。\n1.2 甲方在合同生效后____个工作日内支付合同总额的30%作为预付款，验收合格后15日内支付剩余70%。");
        let days = field(&r, "预付款").id.clone();
        assert_eq!(
            instalments(&r),
            [
                (
                    "预付款".into(),
                    InstalmentKind::Deposit,
                    "30".into(),
                    DueBinding::AfterEffective {
                        days,
                        day_kind: Some("working".into())
                    }
                ),
                (
                    "余款".into(),
                    InstalmentKind::Final,
                    "70".into(),
                    after_milestone("验收合格", "15", "calendar", "final_milestone_date")
                ),
            ]
        );
        assert_eq!(amounts(&r), ["30000.00", "70000.00"]);
        assert!(validate(&r.template).is_empty());
    }

    #[test]
    fn balance_in_the_same_sentence_takes_the_rest() {
        let r = import_text("第一条 费用\n1.1 合同总额为人民币________元。\n1.2 甲方在合同生效后____个工作日内支付合同总额的____%作为首付款，余款在验收合格后____个工作日内付清。");
        let got = instalments(&r);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(
            (&got[0].0, got[0].1, &got[0].2),
            (
                &"首付款".to_string(),
                InstalmentKind::Deposit,
                &field(&r, "首付款比例").id
            )
        );
        let days = field(&r, "余款").id.clone();
        assert_eq!(
            got[1],
            (
                "余款".into(),
                InstalmentKind::Final,
                "rest".into(),
                after_milestone("验收合格", &days, "working", "final_milestone_date")
            )
        );
        assert_eq!(amounts(&r), ["5000.00", "95000.00"]);
    }

    #[test]
    fn written_percents_of_several_instalments() {
        let one =
            import_text("第一条 费用\n首付款为合同总额的30%，第二期为合同总额的40%，尾款30%。");
        let shares = |r: &ImportResult| {
            instalments(r)
                .into_iter()
                .map(|(name, kind, share, _)| (name, kind, share))
                .collect::<Vec<_>>()
        };
        use InstalmentKind::*;
        let s = |n: &str, k, p: &str| (n.to_string(), k, p.to_string());
        assert_eq!(
            shares(&one),
            [
                s("首付款", Deposit, "30"),
                s("第二期", Progress, "40"),
                s("尾款", Final, "30")
            ]
        );
        assert_eq!(amounts(&one), ["30000.00", "40000.00", "30000.00"]);
        let three = import_text("第一条 费用\n首付款为合同总额的30%，于合同签订后5个工作日内支付；第二期为合同总额的40%，于系统上线后10日内支付；尾款30%，于验收合格后15日内支付。");
        assert_eq!(shares(&three), shares(&one));
        let unnamed = import_text(
            "服务合同\n第一条 费用\n合同签订后3日内支付合同总额的40%，系统上线后支付30%，验收合格后支付20%，剩余10%作为质保金于质保期满后支付。",
        );
        assert_eq!(
            shares(&unnamed),
            [
                s("第1期", Other, "40"),
                s("第2期", Other, "30"),
                s("第3期", Other, "20"),
                s("质保金", Retention, "10")
            ]
        );
        assert_eq!(
            instalments(&unnamed)[3].3,
            after_milestone("质保期满", "0", "calendar", "retention_milestone_date")
        );
        for r in [one, three, unnamed] {
            assert!(
                validate(&r.template).is_empty(),
                "{:?}",
                validate(&r.template)
            );
        }
    }

    /// The per-day penalty imported from a breach clause: its obligation, and its rate (□ for
    /// a blank), unit and base.
    fn penalty(clause: &str) -> (Obligation, String) {
        let r = import_text(&format!("第五条 违约责任\n{clause}"));
        assert!(
            validate(&r.template).is_empty(),
            "{:?}",
            validate(&r.template)
        );
        let p = r.template.calculators.penalty.expect("penalty");
        let blank = r.template.blanks.iter().any(|b| b.id == p.rate);
        let rate = if blank { "□".into() } else { p.rate };
        let base = p.base.unwrap_or_default();
        (p.obligation, format!("{rate} {} {base}", p.rate_unit))
    }

    /// Each clause imports to its obligation and `rate unit base`.
    fn assert_penalties(cases: &[(&str, Obligation, &str)]) {
        for (clause, ob, rate) in cases {
            assert_eq!(penalty(clause), (*ob, rate.to_string()), "{clause}");
        }
    }

    /// Whether the imported penalty, at 1 (% a day) for a month, is flagged as over 4× the LPR.
    fn over_lpr(clause: &str) -> bool {
        let t = import_text(&format!("第五条 违约责任\n{clause}")).template;
        let f = filled(&t, "1");
        assert!(matches!(f.penalty, Calc::Ready(_)), "{:?}", f.penalty);
        warnings(&t, &f)
            .iter()
            .any(|w| w.code == "rate_over_4x_lpr")
    }

    const LATE_DELIVERY: &str = "乙方逾期交付的，每逾期一日，按合同总额的____%向甲方支付违约金。";

    #[test]
    fn late_delivery_is_a_late_performance() {
        use Obligation::*;
        assert_penalties(&[
            (LATE_DELIVERY, Performance, "□ percent total"),
            (
                "乙方每延迟一日完成，按未完成部分费用的____%向甲方支付违约金。",
                Performance,
                "□ percent unpaid",
            ),
            (
                "乙方未按约定提供服务的，每逾期一日，应向甲方支付违约金人民币____元。",
                Performance,
                "□ fixed unpaid",
            ),
            (
                "甲方逾期付款的，每逾期一日，按未支付金额的____%支付违约金。",
                Payment,
                "□ percent unpaid",
            ),
            (
                "甲方未按约定履行付款义务的，每逾期一日，应按合同总额的____%向乙方支付违约金。",
                Payment,
                "□ percent total",
            ),
        ]);
        // Only a late payment is measured against interest on money.
        assert!(!over_lpr(LATE_DELIVERY));
        assert!(over_lpr(
            "甲方逾期付款的，每逾期一日，按合同总额的____%向乙方支付违约金。"
        ));
    }

    #[test]
    fn penalty_of_an_added_total_computes() {
        let t = import_text(&format!("第五条 违约责任\n{LATE_DELIVERY}")).template;
        let p = t.calculators.penalty.as_ref().expect("penalty");
        assert_eq!(p.base.as_deref(), Some("total"));
        let f = filled(&t, "0.5");
        assert!(matches!(f.penalty, Calc::Ready(_)), "{:?}", f.penalty);
    }

    #[test]
    fn per_mille_and_written_per_day_rates() {
        use Obligation::*;
        assert_penalties(&[
            (
                "乙方逾期交付的，每逾期一日，按合同总额的0.5‰向甲方支付违约金。",
                Performance,
                "0.5 per_mille total",
            ),
            (
                "甲方逾期付款的，每逾期一日，应按未付金额的千分之五向乙方支付违约金。",
                Payment,
                "5 per_mille unpaid",
            ),
            (
                "甲方逾期付款的，每逾期一日，按未付金额的0.05%支付违约金。",
                Payment,
                "0.05 percent unpaid",
            ),
            (
                "乙方逾期交付的，每逾期一日，按合同总额的____‰向甲方支付违约金。",
                Performance,
                "□ per_mille total",
            ),
            (
                "甲方逾期付款的，每逾期一日，按未付金额的千分之____支付违约金。",
                Payment,
                "□ per_mille unpaid",
            ),
        ]);
    }

    #[test]
    fn braces_in_source_cannot_break_placeholders() {
        let r = import_text("条款{{x}}与}}，金额____元。");
        assert!(
            validate(&r.template).is_empty(),
            "{:?}",
            validate(&r.template)
        );
    }
}
