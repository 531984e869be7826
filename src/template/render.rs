//! The filled contract as HTML: filled values marked, unfilled blanks as underlined gaps with
//! their label, computed numbers and 大写 taken from the same results as the tables, all user
//! text escaped. The UI shows this live and prints it.
//!
//! [`sections`] walks the contract once into plain data (sections, paragraphs of text, filled
//! and computed values and gaps, tables of text cells); the HTML here and the Word document
//! (`export::docx`) are both written from it.

use super::expr::Value;
use super::fill::{Calc, Filled};
use super::model::{Blank, BlankType, Lang, Template};
use super::placeholder::{split, Piece, Placeholder};
use super::wording;
use crate::core::money::round_display;
use crate::core::schedule::ScheduleRow;
use crate::core::words::{amount_in_words, push_number};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::fmt::Write;

#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Append the payment schedule (and fee table) as an annex.
    pub annex: bool,
    /// Every calculator table that is ready (schedule, device fees, late penalty) becomes a
    /// numbered annex (附件一 …) and the body refers to it instead of showing it: always in
    /// the Word and HTML downloads, in the live view and its print when the user chooses it.
    /// Needs `annex`.
    pub annex_tables: bool,
}

impl RenderOptions {
    /// The live view and the print: the annex as chosen, tables where the template puts them.
    pub const fn with_annex(annex: bool) -> Self {
        RenderOptions {
            annex,
            annex_tables: false,
        }
    }
}

/// Characters that change how text reads without being seen: bidi overrides and isolates,
/// direction marks, control characters other than newline and tab, and U+FFFE/U+FFFF (which
/// XML does not allow). Rendering and the exports drop them, and so does reading a template
/// document.
pub fn is_hidden_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{FFFE}' | '\u{FFFF}'
    ) || (c.is_control() && c != '\n' && c != '\t')
}

/// Escape text for HTML and XML, dropping hidden control characters (`is_hidden_control`) so
/// a pasted value cannot reorder or hide the contract text.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

/// [`escape`], appended to `out` (table cells, on every keystroke: no string per cell).
///
/// It scans bytes and copies the text between replacements in runs. Every character it
/// replaces or drops is an ASCII byte or starts with one of four lead bytes: C2 (U+0080 to
/// U+009F), D8 (U+061C), E2 (U+200E to U+2069) and EF (U+FFFE, U+FFFF). Only after those is
/// a character decoded; digits and Chinese text are skipped byte by byte.
fn push_escaped(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        let (replacement, len) = match b {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            b'\t' | b'\n' => {
                i += 1;
                continue;
            }
            0x00..=0x1F | 0x7F => ("", 1),
            // A lead byte is a character boundary, so this is the character at `i`.
            0xC2 | 0xD8 | 0xE2 | 0xEF => match s.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) if is_hidden_control(c) => ("", c.len_utf8()),
                _ => {
                    i += 1;
                    continue;
                }
            },
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(s.get(run..i).unwrap_or_default());
        out.push_str(replacement);
        i += len;
        run = i;
    }
    out.push_str(s.get(run..).unwrap_or_default());
}

/// Money as the contract writes it (`360,000.00`): the core's, re-exported for the renderer's
/// callers.
pub use crate::core::money::fmt_money;

fn fmt_number(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A value as it reads in the contract.
pub fn fmt_value(kind: BlankType, v: &Value, blank: Option<&Blank>, lang: Lang) -> String {
    match (kind, v) {
        (BlankType::Money, Value::Number(n)) => fmt_money(*n),
        (BlankType::Words, Value::Number(n)) => amount_in_words(*n).unwrap_or_default(),
        (_, Value::Number(n)) => fmt_number(*n),
        (_, Value::Date(d)) => wording::date(lang, *d),
        (BlankType::Choice, Value::Text(t)) => blank
            .and_then(|b| b.options.iter().find(|o| &o.value == t))
            .map(|o| {
                o.text
                    .clone()
                    .unwrap_or_else(|| o.label.get(lang).to_string())
            })
            .unwrap_or_else(|| t.clone()),
        (_, Value::Text(t)) => t.clone(),
        (_, Value::Rows(r)) => format!("{}{}", r.len(), wording::of(lang).rows),
    }
}

/// A piece of contract text: what the live view, the print and the exports all show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline<'a> {
    Text(Cow<'a, str>),
    /// A value the user typed, with the blank it came from.
    Filled {
        text: String,
        field: String,
    },
    /// A derived value or a calculator result, with where it came from.
    Computed {
        text: String,
        source: String,
    },
    /// An unfilled blank: its label, and the blank to fill (empty when unknown).
    Gap {
        label: String,
        field: String,
    },
    /// A table written in the middle of a paragraph.
    Table(Part),
}

/// A computed table, or the note shown while it cannot be computed yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Table(Table),
    Pending(&'static str),
}

/// A table as plain text cells (unescaped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// `schedule`, `penalty`, `devices`, or `rows` for a table blank.
    pub class: &'static str,
    /// The table blank's id, for `rows`.
    pub field: Option<String>,
    /// The header row (text cells).
    pub head: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
    /// The totals row; its first cell is a header cell. Empty for a table blank.
    pub foot: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    /// A number (right-aligned).
    pub num: bool,
    /// Columns it spans (1 for most).
    pub span: usize,
}

impl Cell {
    fn text(text: String) -> Self {
        Cell {
            text,
            num: false,
            span: 1,
        }
    }
    fn num(text: String) -> Self {
        Cell {
            num: true,
            ..Cell::text(text)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block<'a> {
    Para(Vec<Inline<'a>>),
    /// A line laid out in columns by runs of spaces (a signature line: `甲方（盖章）：…
    /// 乙方（盖章）：…`): each column with the spaces before it (empty for the first). Shown
    /// with each column kept whole, so a line break never falls inside a party's name.
    Columns(Vec<(Cow<'a, str>, Vec<Inline<'a>>)>),
    /// A paragraph that is only a table.
    Table(Part),
}

/// A section of the contract: one of the template's (with its index), or an annex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section<'a> {
    /// The template's section index; `None` for an annex.
    pub index: Option<usize>,
    pub heading: Vec<Inline<'a>>,
    pub blocks: Vec<Block<'a>>,
}

/// The filled contract as one HTML document fragment.
pub fn render_html(t: &Template, f: &Filled, opts: RenderOptions) -> String {
    let lang = match t.language {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    format!(
        "<article class=\"contract\" lang=\"{lang}\">{}</article>",
        render_blocks(t, f, opts).concat()
    )
}

/// The contract in blocks (the title, each section, each annex), so a live view can replace
/// only the blocks whose HTML changed.
pub fn render_blocks(t: &Template, f: &Filled, opts: RenderOptions) -> Vec<String> {
    let mut blocks = Vec::with_capacity(t.body.len() + 3);
    blocks.push(format!(
        "<h1 class=\"contract-title\">{}</h1>",
        escape(&t.title)
    ));
    blocks.extend(sections(t, f, opts).iter().map(section_html));
    blocks
}

fn section_html(s: &Section) -> String {
    let mut html = String::with_capacity(1024);
    let _ = match s.index {
        Some(i) => write!(html, "<section class=\"clause\" data-section=\"{i}\"><h2>"),
        None => write!(html, "<section class=\"clause annex\"><h2>"),
    };
    push_inlines(&mut html, &s.heading);
    html.push_str("</h2>");
    for b in &s.blocks {
        match b {
            Block::Columns(columns) => {
                html.push_str("<p class=\"cols\">");
                for (gap, inlines) in columns {
                    html.push_str(gap);
                    html.push_str("<span class=\"col\">");
                    push_inlines(&mut html, inlines);
                    html.push_str("</span>");
                }
                html.push_str("</p>");
            }
            Block::Para(p) => {
                html.push_str("<p>");
                push_inlines(&mut html, p);
                html.push_str("</p>");
            }
            Block::Table(part) => push_part(&mut html, part),
        }
    }
    html.push_str("</section>");
    html
}

/// Where `text` has a run of spaces that lays a line out in columns, as template sites write
/// signature lines (`甲方（盖章）：…　　　　乙方（盖章）：…`): two or more ideographic spaces,
/// or four or more plain ones. Its byte range.
fn column_gap(text: &str) -> Option<(usize, usize)> {
    // A run's weight: 2 for an ideographic space, 1 for a plain one; a column gap weighs 4.
    let (mut start, mut weight) = (0, 0);
    for (i, c) in text.char_indices().chain([(text.len(), '\0')]) {
        match c {
            '\u{3000}' | ' ' => {
                if weight == 0 {
                    start = i;
                }
                weight += if c == ' ' { 1 } else { 2 };
            }
            _ if weight >= 4 => return Some((start, i)),
            _ => weight = 0,
        }
    }
    None
}

/// A paragraph as a block: [`Block::Columns`] when a run of spaces in its text lays it out in
/// columns ([`column_gap`]; spaces typed into a value never do), else [`Block::Para`].
fn para_block(inlines: Vec<Inline<'_>>) -> Block<'_> {
    if !inlines
        .iter()
        .any(|i| matches!(i, Inline::Text(t) if column_gap(t).is_some()))
    {
        return Block::Para(inlines);
    }
    let mut columns = vec![(Cow::Borrowed(""), Vec::new())];
    for inline in inlines {
        let Inline::Text(text) = inline else {
            if let Some((_, column)) = columns.last_mut() {
                column.push(inline);
            }
            continue;
        };
        let mut rest: &str = &text;
        while let Some((a, b)) = column_gap(rest) {
            if let Some((_, column)) = columns.last_mut().filter(|_| a > 0) {
                column.push(Inline::Text(rest[..a].to_string().into()));
            }
            columns.push((rest[a..b].to_string().into(), Vec::new()));
            rest = &rest[b..];
        }
        if let Some((_, column)) = columns.last_mut().filter(|_| !rest.is_empty()) {
            column.push(Inline::Text(rest.to_string().into()));
        }
    }
    Block::Columns(columns)
}

fn push_inlines(html: &mut String, inlines: &[Inline]) {
    for i in inlines {
        let _ = match i {
            Inline::Text(s) => {
                html.push_str(&escape(s));
                Ok(())
            }
            Inline::Table(part) => {
                push_part(html, part);
                Ok(())
            }
            Inline::Filled { text, field } => write!(
                html,
                "<span class=\"v filled\" data-field=\"{}\" tabindex=\"0\">{}</span>",
                escape(field),
                escape(text)
            ),
            Inline::Computed { text, source } => write!(
                html,
                "<span class=\"v computed\" data-source=\"{}\">{}</span>",
                escape(source),
                escape(text)
            ),
            // A gap jumps to the blank to fill; one with none to name is not a link.
            Inline::Gap { label, field } if field.is_empty() => write!(
                html,
                "<span class=\"v gap\" title=\"{}\">＿＿<small>{}</small>＿＿</span>",
                escape(label),
                escape(label)
            ),
            Inline::Gap { label, field } => write!(
                html,
                "<span class=\"v gap\" data-field=\"{}\" title=\"{}\" tabindex=\"0\">＿＿<small>{}</small>＿＿</span>",
                escape(field),
                escape(label),
                escape(label)
            ),
        };
    }
}

fn push_part(html: &mut String, part: &Part) {
    let t = match part {
        Part::Pending(note) => {
            let _ = write!(html, "<p class=\"pending\">{note}</p>");
            return;
        }
        Part::Table(t) => t,
    };
    let _ = write!(html, "<table class=\"calc {}\"", t.class);
    if let Some(field) = &t.field {
        let _ = write!(html, " data-field=\"{}\"", escape(field));
    }
    html.push_str("><thead><tr>");
    push_cells(html, &t.head, "th");
    html.push_str("</tr></thead><tbody>");
    for row in &t.rows {
        html.push_str("<tr>");
        push_cells(html, row, "td");
        html.push_str("</tr>");
    }
    html.push_str("</tbody>");
    if let Some((first, rest)) = t.foot.split_first() {
        html.push_str("<tfoot><tr>");
        push_cells(html, std::slice::from_ref(first), "th");
        push_cells(html, rest, "td");
        html.push_str("</tr></tfoot>");
    }
    html.push_str("</table>");
}

/// Table cells, written with `push_str` rather than `write!` (hundreds per keystroke).
fn push_cells(html: &mut String, cells: &[Cell], tag: &str) {
    for c in cells {
        html.push('<');
        html.push_str(tag);
        if c.num {
            html.push_str(" class=\"num\"");
        }
        if c.span > 1 {
            html.push_str(" colspan=\"");
            push_number(html, c.span as u64);
            html.push('"');
        }
        html.push('>');
        push_escaped(html, &c.text);
        html.push_str("</");
        html.push_str(tag);
        html.push('>');
    }
}

/// The calculator tables that can stand as annexes (their titles: `Wording::annex_titles`).
const ANNEXES: [&str; 3] = ["schedule", "devices", "penalty"];

/// A table shown as an annex: its calculator, its name (附件一) and its title.
type Annex<'w> = (&'w str, &'static str, &'static str);

/// The contract's sections (the title is the template's), then its annexes.
pub fn sections<'a>(t: &'a Template, f: &Filled, opts: RenderOptions) -> Vec<Section<'a>> {
    let in_body = |name: &str| {
        let tag = format!("{{{{table:{name}}}}}");
        t.body
            .iter()
            .any(|s| s.paragraphs.iter().any(|p| p.contains(&tag)))
    };
    let ready = |name: &str| match name {
        "schedule" => f.schedule.ready().is_some(),
        "devices" => f.devices.ready().is_some(),
        _ => f.penalty.ready().is_some(),
    };
    let words = wording::of(t.language);
    // An annex repeats a table only when the body does not already show it; with
    // `annex_tables`, every calculator table that is ready moves to a numbered annex.
    let annexed: Vec<Annex> = ANNEXES
        .iter()
        .zip(words.annex_titles)
        .filter(|(name, _)| {
            opts.annex
                && ready(name)
                && if opts.annex_tables {
                    true
                } else {
                    **name != "penalty" && !in_body(name)
                }
        })
        .enumerate()
        .map(|(i, (name, title))| {
            let label = if opts.annex_tables {
                words.annexes[i]
            } else {
                words.annex
            };
            (*name, label, title)
        })
        .collect();
    let w = Walk {
        t,
        f,
        refs: if opts.annex_tables { &annexed } else { &[] },
    };
    let mut out = Vec::with_capacity(t.body.len() + annexed.len());
    for (si, section) in t.body.iter().enumerate() {
        let mut blocks = Vec::with_capacity(section.paragraphs.len());
        for para in &section.paragraphs {
            if let Ok(pieces) = split(para) {
                if let [Piece::Placeholder(Placeholder::Table(name))] = pieces.as_slice() {
                    match w.table_or_ref(name, true) {
                        Some(Inline::Table(part)) => blocks.push(Block::Table(part)),
                        Some(reference) => blocks.push(Block::Para(vec![reference])),
                        None => {}
                    }
                    continue;
                }
            }
            blocks.push(para_block(w.inlines(para)));
        }
        out.push(Section {
            index: Some(si),
            heading: w.inlines(&section.heading),
            blocks,
        });
    }
    for (name, label, title) in &annexed {
        let mut blocks = Vec::with_capacity(2);
        if *name == "penalty" {
            blocks.push(Block::Para(w.inlines(words.penalty_summary)));
        }
        if let Some(part) = table(t, f, name) {
            blocks.push(Block::Table(part));
        }
        out.push(Section {
            index: None,
            heading: vec![Inline::Text(Cow::Owned(format!(
                "{label}{}{title}",
                wording::marks(t.language).colon
            )))],
            blocks,
        });
    }
    out
}

struct Walk<'a, 'f> {
    t: &'a Template,
    f: &'f Filled,
    /// Tables shown as annexes, to refer to instead of repeating them.
    refs: &'f [Annex<'f>],
}

impl<'a> Walk<'a, '_> {
    /// Text with its placeholders filled in (a malformed paragraph is shown as plain text).
    fn inlines(&self, text: &'a str) -> Vec<Inline<'a>> {
        let Ok(pieces) = split(text) else {
            return vec![Inline::Text(Cow::Borrowed(text))];
        };
        let mut out = Vec::with_capacity(pieces.len());
        for piece in pieces {
            out.push(match piece {
                Piece::Text(s) => Inline::Text(Cow::Borrowed(s)),
                Piece::Placeholder(Placeholder::Table(name)) => {
                    match self.table_or_ref(name, false) {
                        Some(inline) => inline,
                        None => continue,
                    }
                }
                Piece::Placeholder(p) => resolve(self.t, self.f, &p),
            });
        }
        out
    }

    /// A table, or the words referring to the annex that shows it (`Inline::Text`: a
    /// paragraph of its own if `alone`, else words within a sentence); `None` for a name
    /// that is not a table.
    fn table_or_ref(&self, name: &str, alone: bool) -> Option<Inline<'a>> {
        if let Some((_, label, title)) = self.refs.iter().find(|(n, ..)| *n == name) {
            let w = wording::of(self.t.language);
            let [before, between, after] = if alone { w.see_alone } else { w.see_inline };
            return Some(Inline::Text(Cow::Owned(format!(
                "{before}{label}{between}{title}{after}"
            ))));
        }
        table(self.t, self.f, name).map(Inline::Table)
    }
}

fn label_of(t: &Template, id: &str) -> String {
    t.blanks
        .iter()
        .find(|b| b.id == id)
        .map(|b| &b.label)
        .or_else(|| t.derived.iter().find(|d| d.id == id).map(|d| &d.label))
        .map_or_else(|| id.to_string(), |l| l.get(t.language).to_string())
}

/// The blank a derived or calculated value waits for (to jump to), if any.
fn first_waiting<T>(c: &Calc<T>) -> Option<String> {
    match c {
        Calc::Waiting(ids) => ids.first().cloned(),
        Calc::Failed(e) => Some(e.field.clone()),
        _ => None,
    }
}

fn resolve<'a>(t: &Template, f: &Filled, p: &Placeholder) -> Inline<'a> {
    match p {
        Placeholder::Value(id) | Placeholder::Words(id) => {
            let words = matches!(p, Placeholder::Words(_));
            let blank = t.blanks.iter().find(|b| b.id == *id);
            let kind = blank
                .map(|b| b.kind)
                .or_else(|| t.derived.iter().find(|d| d.id == *id).map(|d| d.kind));
            let value = f.value(id).cloned();
            match (value, kind) {
                (Some(v), Some(kind)) => {
                    let text = match (&v, words) {
                        (Value::Number(n), true) => amount_in_words(*n).unwrap_or_default(),
                        _ => fmt_value(kind, &v, blank, t.language),
                    };
                    if blank.is_some() {
                        Inline::Filled {
                            text,
                            field: id.to_string(),
                        }
                    } else {
                        Inline::Computed {
                            text,
                            source: id.to_string(),
                        }
                    }
                }
                _ => Inline::Gap {
                    label: label_of(t, id),
                    field: blank.map_or_else(|| waiting_blank(t, f, id), |b| b.id.clone()),
                },
            }
        }
        Placeholder::Calc(path) => match calc_text(f, path, t.language) {
            Some(text) => Inline::Computed {
                text,
                source: path.join("."),
            },
            None => Inline::Gap {
                label: wording::of(t.language).to_compute.into(),
                field: match path[0] {
                    "schedule" => first_waiting(&f.schedule),
                    "penalty" => first_waiting(&f.penalty),
                    "devices" => first_waiting(&f.devices),
                    _ => path
                        .get(1)
                        .and_then(|id| f.lump(id))
                        .and_then(first_waiting),
                }
                .map_or_else(String::new, |id| blank_to_fill(t, f, &id)),
            },
        },
        Placeholder::Table(_) => Inline::Text(Cow::Borrowed("")),
    }
}

/// The blank to jump to for a value that waits for `id`: `id` itself if it is a blank
/// (`paid.1.amount` included), else what the derived value or lump sum named `id` waits for
/// (a cap waits for the penalties it caps, which wait for their blanks). "" if none.
fn blank_to_fill(t: &Template, f: &Filled, id: &str) -> String {
    let mut id = id.to_string();
    // Lump sums refer to each other at most a few levels deep; the bound stops a cycle.
    for _ in 0..8 {
        if t.blanks.iter().any(|b| b.id == super::model::blank_of(&id)) {
            return id;
        }
        if t.derived.iter().any(|d| d.id == id) {
            return waiting_blank(t, f, &id);
        }
        match f.lump(&id).and_then(first_waiting) {
            Some(next) => id = next,
            None => break,
        }
    }
    String::new()
}

/// For a derived value without a value: the first blank it needs that is empty.
fn waiting_blank(t: &Template, f: &Filled, id: &str) -> String {
    let Some(d) = t.derived.iter().find(|d| d.id == id) else {
        return String::new();
    };
    let mut refs = std::collections::BTreeSet::new();
    if let Ok(e) = super::expr::parse(&d.expr) {
        e.references(&mut refs);
    }
    refs.into_iter()
        .find(|r| t.blanks.iter().any(|b| &b.id == r) && !f.values.contains_key(r))
        .unwrap_or_default()
}

/// Whether the months of a fee table have due dates (the template binds a due day, and it is
/// filled in): the tables then have a due-date column.
pub fn fee_months_dated(d: &crate::core::devices::DeviceFeeResult) -> bool {
    d.months
        .iter()
        .any(|m| m.due_date.is_some() || m.awaiting_holidays.is_some())
}

/// Which of a device fee table's last columns show (subtotal, discount, tax, total): a
/// discount or tax that is zero in every month (none agreed, so zero in the total too) is
/// left out, not a column of 0.00s, and without either the subtotal is the total, shown once.
pub fn fee_columns_shown(d: &crate::core::devices::DeviceFeeResult) -> [bool; 4] {
    let discount = d.months.iter().any(|m| !m.discount.is_zero());
    let tax = d.months.iter().any(|m| !m.split.tax.is_zero());
    [discount || tax, discount, tax, true]
}

/// A schedule row's percentage as the tables and the text show it: the contract's own figure
/// as stated (33.333), else the computed share rounded to 2 places for display (8.33 for a
/// month of 12).
pub fn percent_shown(row: &ScheduleRow) -> Decimal {
    row.stated_percent
        .unwrap_or_else(|| round_display(row.percent, 2))
}

/// After a deadline moved off a rest day, the date it was moved from:
/// `（2025年5月10日遇休息日顺延）`; nothing when it did not move.
fn moved_from(lang: Lang, date: chrono::NaiveDate, unadjusted: chrono::NaiveDate) -> String {
    if date == unadjusted {
        return String::new();
    }
    let w = wording::of(lang);
    format!(
        "{}{}{}",
        w.moved.0,
        wording::date(lang, unadjusted),
        w.moved.1
    )
}

/// A due date as the contract writes it, or "to be set" (待定).
fn due_text(date: Option<chrono::NaiveDate>, lang: Lang) -> String {
    date.map_or_else(
        || wording::of(lang).to_be_set.to_string(),
        |d| wording::date(lang, d),
    )
}

/// A due date in a table of the contract: [`due_text`], then the date it moved from.
fn due_cell(
    date: Option<chrono::NaiveDate>,
    unadjusted: Option<chrono::NaiveDate>,
    lang: Lang,
) -> Cell {
    let moved = match (date, unadjusted) {
        (Some(d), Some(u)) => moved_from(lang, d, u),
        _ => String::new(),
    };
    Cell::text(due_text(date, lang) + &moved)
}

/// The text of a calculator result (in `lang`, the template's language), or None while it
/// is not ready.
pub fn calc_text(f: &Filled, path: &[&str], lang: Lang) -> Option<String> {
    let words = |d: Decimal| amount_in_words(d).ok();
    match path {
        ["schedule", rest @ ..] => {
            let s = f.schedule.ready()?;
            match rest {
                ["total"] => Some(fmt_money(s.total)),
                ["words"] => Some(s.total_words.clone()),
                ["count"] => Some(s.rows.len().to_string()),
                [n, field] => {
                    let row = s.rows.get(n.parse::<usize>().ok()?)?;
                    match *field {
                        "name" => Some(row.name.clone()),
                        "amount" => Some(fmt_money(row.amount)),
                        "words" => Some(row.words.clone()),
                        "percent" => Some(percent_shown(row).to_string()),
                        "due_date" => Some(due_text(row.due_date, lang)),
                        "rule" => Some(lang.pick(&row.rule_zh, &row.rule_en).to_string()),
                        _ => None,
                    }
                }
                _ => None,
            }
        }
        ["penalty", field] => {
            let p = f.penalty.ready()?;
            match *field {
                "total" => Some(fmt_money(p.total)),
                "words" => Some(p.total_words.clone()),
                "days" => Some(p.overdue_days.to_string()),
                "penalty_days" => Some(p.penalty_days.to_string()),
                "annual_percent" => Some(p.annualized_percent.to_string()),
                "cap" => p.cap_amount.map(fmt_money),
                "due_date" => f.penalty_due.map(|due| {
                    wording::date(lang, due.date) + &moved_from(lang, due.date, due.unadjusted)
                }),
                _ => None,
            }
        }
        ["devices", field] => {
            let d = f.devices.ready()?;
            match *field {
                "total" => Some(fmt_money(d.total.gross)),
                "words" => Some(d.total_words.clone()),
                "net" => Some(fmt_money(d.total.net)),
                "tax" => Some(fmt_money(d.total.tax)),
                "monthly" => d.months.first().map(|m| fmt_money(m.split.gross)),
                "monthly_words" => d.months.first().and_then(|m| words(m.split.gross)),
                _ => None,
            }
        }
        ["lump", id, field] => {
            let r = f.lump(id)?.ready()?;
            match *field {
                "amount" => Some(fmt_money(r.amount())),
                "words" => words(r.amount()),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A computed table by name (`schedule`, `penalty`, `devices` or a table blank's id), or the
/// note shown while it waits; `None` for a name that is none of these.
fn table(t: &Template, f: &Filled, name: &str) -> Option<Part> {
    let lang = t.language;
    let w = wording::of(lang);
    let period = |from, to| {
        let mut out = String::with_capacity(40);
        wording::push_date(&mut out, lang, from);
        out.push_str(w.to);
        wording::push_date(&mut out, lang, to);
        out
    };
    let table = |class, head: Vec<Cell>, rows, foot| {
        Some(Part::Table(Table {
            class,
            field: None,
            head,
            rows,
            foot,
        }))
    };
    let heads = |h: &[&str]| {
        h.iter()
            .map(|s| Cell::text(s.to_string()))
            .collect::<Vec<_>>()
    };
    match name {
        "schedule" => {
            let Some(s) = f.schedule.ready() else {
                return Some(Part::Pending(w.schedule_pending));
            };
            let rows = s
                .rows
                .iter()
                .map(|r| {
                    vec![
                        Cell::text(r.name.clone()),
                        Cell::num(format!("{}%", percent_shown(r))),
                        Cell::num(fmt_money(r.amount)),
                        Cell::text(r.words.clone()),
                        due_cell(r.due_date, r.unadjusted_due_date, lang),
                        Cell::text(lang.pick(&r.rule_zh, &r.rule_en).to_string()),
                    ]
                })
                .collect();
            table(
                "schedule",
                heads(&w.schedule_heads),
                rows,
                vec![
                    Cell::text(w.total.into()),
                    Cell::num("100%".into()),
                    Cell::num(fmt_money(s.total)),
                    Cell {
                        span: 3,
                        ..Cell::text(s.total_words.clone())
                    },
                ],
            )
        }
        "penalty" => {
            let Some(p) = f.penalty.ready() else {
                return Some(Part::Pending(w.penalty_pending));
            };
            let rows = p
                .segments
                .iter()
                .map(|s| {
                    vec![
                        Cell::text(period(s.from, s.to)),
                        Cell::num(s.days.to_string()),
                        Cell::num(fmt_money(s.base)),
                        Cell::num(fmt_money(s.amount)),
                    ]
                })
                .collect();
            let capped = if p.capped { w.cap_reached } else { "" };
            let mut head = heads(&w.penalty_heads);
            // A fixed sum per day: the column holds that sum, not a base a rate applies to.
            if p.daily_rate.is_zero() {
                head[2] = Cell::text(w.per_day_head.into());
            }
            table(
                "penalty",
                head,
                rows,
                vec![
                    Cell::text(w.total.into()),
                    Cell::num(p.penalty_days.to_string()),
                    Cell::text(String::new()),
                    Cell::num(fmt_money(p.total) + capped),
                ],
            )
        }
        "devices" => {
            let Some(d) = f.devices.ready() else {
                return Some(Part::Pending(w.devices_pending));
            };
            let dated = fee_months_dated(d);
            let mut head = heads(&[w.devices_period]);
            if dated {
                head.push(Cell::text(w.schedule_heads[4].to_string()));
            }
            if let Some(m) = d.months.first() {
                head.extend(
                    m.lines
                        .iter()
                        .map(|l| Cell::text(format!("{}{}", l.name, w.yuan))),
                );
            }
            let shown = fee_columns_shown(d);
            head.extend(
                w.devices_heads
                    .iter()
                    .zip(shown)
                    .filter(|(_, s)| *s)
                    .map(|(h, _)| Cell::text(h.to_string())),
            );
            let rows = d
                .months
                .iter()
                .map(|m| {
                    let mut row = vec![Cell::text(period(m.from, m.to))];
                    if dated {
                        row.push(due_cell(m.due_date, m.unadjusted_due_date, lang));
                    }
                    row.extend(m.lines.iter().map(|l| Cell::num(fmt_money(l.amount))));
                    row.extend(
                        [m.subtotal, m.discount, m.split.tax, m.split.gross]
                            .into_iter()
                            .zip(shown)
                            .filter(|(_, s)| *s)
                            .map(|(v, _)| Cell::num(fmt_money(v))),
                    );
                    row
                })
                .collect();
            // The total spans every column but the last (合计).
            let cols = d.months.first().map_or(0, |m| m.lines.len())
                + shown.iter().filter(|s| **s).count()
                + usize::from(dated);
            table(
                "devices",
                head,
                rows,
                vec![
                    Cell {
                        span: cols,
                        ..Cell::text(format!("{}{}", w.devices_total, d.total_words))
                    },
                    Cell::num(fmt_money(d.total.gross)),
                ],
            )
        }
        id => {
            let blank = t
                .blanks
                .iter()
                .find(|b| b.id == id && b.kind == BlankType::Table)?;
            // A cell that cannot be read leaves the table unread: say so rather than print an
            // empty table (the error stands beside the cell).
            if f.error_for(id).is_some() {
                return Some(Part::Pending(w.table_pending));
            }
            let rows = match f.values.get(id) {
                // A row added but not filled in is not printed.
                Some(Value::Rows(rows)) => rows
                    .iter()
                    .filter(|row| !row.is_empty())
                    .map(|row| {
                        blank
                            .columns
                            .iter()
                            .map(|c| {
                                let text = row
                                    .iter()
                                    .find(|(k, _)| *k == c.id)
                                    .map(|(_, v)| fmt_value(c.kind, v, None, lang))
                                    .unwrap_or_default();
                                Cell {
                                    num: matches!(
                                        c.kind,
                                        BlankType::Money | BlankType::Integer | BlankType::Percent
                                    ),
                                    ..Cell::text(text)
                                }
                            })
                            .collect()
                    })
                    .collect(),
                _ => Vec::new(),
            };
            Some(Part::Table(Table {
                class: "rows",
                field: Some(id.to_string()),
                head: blank
                    .columns
                    .iter()
                    .map(|c| Cell::text(c.label.get(lang).to_string()))
                    .collect(),
                rows,
                foot: Vec::new(),
            }))
        }
    }
}
