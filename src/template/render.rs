//! The filled contract as HTML: filled values marked, unfilled blanks as underlined gaps with
//! their label, computed numbers and 大写 taken from the same results as the tables, all user
//! text escaped. The UI shows this live and prints it.

use super::expr::Value;
use super::fill::{Calc, Filled};
use super::model::{Blank, BlankType, Lang, Template};
use super::placeholder::{split, Piece, Placeholder};
use crate::core::calendar::date_zh;
use crate::core::words::amount_in_words;
use rust_decimal::Decimal;
use std::fmt::Write;

#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Append the payment schedule (and fee table) as an annex.
    pub annex: bool,
}

/// Escape text for HTML, and drop bidi controls and other invisible control characters so a
/// pasted value cannot reorder or hide the contract text.
/// Characters that change how text reads without being seen: bidi overrides and isolates,
/// direction marks, and control characters other than newline and tab. Rendering drops
/// them, and so does reading a template document.
pub fn is_hidden_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        || (c.is_control() && c != '\n' && c != '\t')
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_hidden_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Money with thousands separators and fen: `360000` → `360,000.00`.
pub fn fmt_money(d: Decimal) -> String {
    let mut r = crate::core::money::round_fen(d);
    r.rescale(2);
    let s = r.abs().to_string();
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!(
        "{}{grouped}.{frac}",
        if r.is_sign_negative() && !r.is_zero() {
            "-"
        } else {
            ""
        }
    )
}

fn fmt_number(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A value as it reads in the contract.
pub fn fmt_value(kind: BlankType, v: &Value, blank: Option<&Blank>) -> String {
    match (kind, v) {
        (BlankType::Money, Value::Number(n)) => fmt_money(*n),
        (BlankType::Words, Value::Number(n)) => amount_in_words(*n).unwrap_or_default(),
        (_, Value::Number(n)) => fmt_number(*n),
        (_, Value::Date(d)) => date_zh(*d),
        (BlankType::Choice, Value::Text(t)) => blank
            .and_then(|b| b.options.iter().find(|o| &o.value == t))
            .map(|o| o.text.clone().unwrap_or_else(|| o.label.zh.clone()))
            .unwrap_or_else(|| t.clone()),
        (_, Value::Text(t)) => t.clone(),
        (_, Value::Rows(r)) => format!("{}行", r.len()),
    }
}

enum Shown {
    Filled { text: String, field: String },
    Computed { text: String, source: String },
    Gap { label: String, field: String },
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
    for (si, section) in t.body.iter().enumerate() {
        let mut html = String::with_capacity(1024);
        let _ = write!(html, "<section class=\"clause\" data-section=\"{si}\"><h2>");
        push_inline(&mut html, t, f, &section.heading);
        html.push_str("</h2>");
        for para in &section.paragraphs {
            if let Ok(pieces) = split(para) {
                if let [Piece::Placeholder(Placeholder::Table(name))] = pieces.as_slice() {
                    render_table(&mut html, t, f, name);
                    continue;
                }
            }
            html.push_str("<p>");
            push_inline(&mut html, t, f, para);
            html.push_str("</p>");
        }
        html.push_str("</section>");
        blocks.push(html);
    }
    // An annex repeats a table only when the body does not already show it.
    let in_body = |name: &str| {
        let tag = format!("{{{{table:{name}}}}}");
        t.body
            .iter()
            .any(|s| s.paragraphs.iter().any(|p| p.contains(&tag)))
    };
    for (name, title, ready) in [
        ("schedule", "附件：付款计划表", f.schedule.ready().is_some()),
        (
            "devices",
            "附件：设备服务费明细",
            f.devices.ready().is_some(),
        ),
    ] {
        if opts.annex && ready && !in_body(name) {
            let mut html = format!("<section class=\"clause annex\"><h2>{title}</h2>");
            render_table(&mut html, t, f, name);
            html.push_str("</section>");
            blocks.push(html);
        }
    }
    blocks
}

/// Text with its placeholders filled in (a malformed paragraph is shown as plain text).
fn push_inline(html: &mut String, t: &Template, f: &Filled, text: &str) {
    let Ok(pieces) = split(text) else {
        html.push_str(&escape(text));
        return;
    };
    for piece in pieces {
        match piece {
            Piece::Text(s) => html.push_str(&escape(s)),
            Piece::Placeholder(Placeholder::Table(name)) => render_table(html, t, f, name),
            Piece::Placeholder(p) => push_shown(html, resolve(t, f, &p)),
        }
    }
}

fn push_shown(html: &mut String, shown: Shown) {
    let _ = match shown {
        Shown::Filled { text, field } => write!(
            html,
            "<span class=\"v filled\" data-field=\"{}\" tabindex=\"0\">{}</span>",
            escape(&field),
            escape(&text)
        ),
        Shown::Computed { text, source } => write!(
            html,
            "<span class=\"v computed\" data-source=\"{}\">{}</span>",
            escape(&source),
            escape(&text)
        ),
        Shown::Gap { label, field } => write!(
            html,
            "<span class=\"v gap\" data-field=\"{}\" title=\"{}\" tabindex=\"0\">＿＿<small>{}</small>＿＿</span>",
            escape(&field),
            escape(&label),
            escape(&label)
        ),
    };
}

fn label_of(t: &Template, id: &str) -> String {
    t.blanks
        .iter()
        .find(|b| b.id == id)
        .map(|b| b.label.zh.clone())
        .or_else(|| {
            t.derived
                .iter()
                .find(|d| d.id == id)
                .map(|d| d.label.zh.clone())
        })
        .unwrap_or_else(|| id.to_string())
}

/// The blank a derived or calculated value waits for (to jump to), if any.
fn first_waiting<T>(c: &Calc<T>) -> Option<String> {
    match c {
        Calc::Waiting(ids) => ids.first().cloned(),
        Calc::Failed(e) => Some(e.field.clone()),
        _ => None,
    }
}

fn resolve(t: &Template, f: &Filled, p: &Placeholder) -> Shown {
    match p {
        Placeholder::Value(id) | Placeholder::Words(id) => {
            let words = matches!(p, Placeholder::Words(_));
            let blank = t.blanks.iter().find(|b| b.id == *id);
            let kind = blank
                .map(|b| b.kind)
                .or_else(|| t.derived.iter().find(|d| d.id == *id).map(|d| d.kind));
            let value = f
                .values
                .get(*id)
                .cloned()
                .or_else(|| f.derived.get(*id).and_then(|r| r.as_ref().ok().cloned()));
            match (value, kind) {
                (Some(v), Some(kind)) => {
                    let text = match (&v, words) {
                        (Value::Number(n), true) => amount_in_words(*n).unwrap_or_default(),
                        _ => fmt_value(kind, &v, blank),
                    };
                    if blank.is_some() {
                        Shown::Filled {
                            text,
                            field: id.to_string(),
                        }
                    } else {
                        Shown::Computed {
                            text,
                            source: id.to_string(),
                        }
                    }
                }
                _ => Shown::Gap {
                    label: label_of(t, id),
                    field: blank.map_or_else(|| waiting_blank(t, f, id), |b| b.id.clone()),
                },
            }
        }
        Placeholder::Calc(path) => match calc_text(f, path) {
            Some(text) => Shown::Computed {
                text,
                source: path.join("."),
            },
            None => Shown::Gap {
                label: "待计算".into(),
                field: match path[0] {
                    "schedule" => first_waiting(&f.schedule),
                    "penalty" => first_waiting(&f.penalty),
                    "devices" => first_waiting(&f.devices),
                    _ => path
                        .get(1)
                        .and_then(|id| f.lump(id))
                        .and_then(first_waiting),
                }
                .unwrap_or_default(),
            },
        },
        Placeholder::Table(_) => Shown::Gap {
            label: String::new(),
            field: String::new(),
        },
    }
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

/// The text of a calculator result, or None while it is not ready.
pub fn calc_text(f: &Filled, path: &[&str]) -> Option<String> {
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
                        "percent" => {
                            Some(crate::core::money::round_display(row.percent, 2).to_string())
                        }
                        "due_date" => {
                            Some(row.due_date.map_or_else(|| "待定".to_string(), date_zh))
                        }
                        "rule" => Some(row.rule_zh.clone()),
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

fn render_table(html: &mut String, t: &Template, f: &Filled, name: &str) {
    match name {
        "schedule" => {
            let Some(s) = f.schedule.ready() else {
                html.push_str("<p class=\"pending\">（付款计划待填写完整后生成）</p>");
                return;
            };
            html.push_str("<table class=\"calc schedule\"><thead><tr><th>款项</th><th>比例</th><th>金额（元）</th><th>大写</th><th>付款期限</th><th>付款条件</th></tr></thead><tbody>");
            for r in &s.rows {
                let due = r.due_date.map_or_else(|| "待定".to_string(), date_zh);
                let moved = match (r.due_date, r.unadjusted_due_date) {
                    (Some(d), Some(u)) if d != u => format!("（{}遇休息日顺延）", date_zh(u)),
                    _ => String::new(),
                };
                let _ = write!(
                    html,
                    "<tr><td>{}</td><td class=\"num\">{}%</td><td class=\"num\">{}</td><td>{}</td><td>{}{}</td><td>{}</td></tr>",
                    escape(&r.name),
                    crate::core::money::round_display(r.percent, 2),
                    fmt_money(r.amount),
                    escape(&r.words),
                    due,
                    moved,
                    escape(&r.rule_zh)
                );
            }
            let _ = write!(
                html,
                "</tbody><tfoot><tr><th>合计</th><td class=\"num\">100%</td><td class=\"num\">{}</td><td colspan=\"3\">{}</td></tr></tfoot></table>",
                fmt_money(s.total),
                escape(&s.total_words)
            );
        }
        "penalty" => {
            let Some(p) = f.penalty.ready() else {
                html.push_str("<p class=\"pending\">（违约金待填写完整后计算）</p>");
                return;
            };
            html.push_str("<table class=\"calc penalty\"><thead><tr><th>起止日期</th><th>天数</th><th>计算基数（元）</th><th>违约金（元）</th></tr></thead><tbody>");
            for s in &p.segments {
                let _ = write!(
                    html,
                    "<tr><td>{}至{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                    date_zh(s.from),
                    date_zh(s.to),
                    s.days,
                    fmt_money(s.base),
                    fmt_money(s.amount)
                );
            }
            let capped = if p.capped { "（已达上限）" } else { "" };
            let _ = write!(
                html,
                "</tbody><tfoot><tr><th>合计</th><td class=\"num\">{}</td><td></td><td class=\"num\">{}{}</td></tr></tfoot></table>",
                p.penalty_days,
                fmt_money(p.total),
                capped
            );
        }
        "devices" => {
            let Some(d) = f.devices.ready() else {
                html.push_str("<p class=\"pending\">（设备服务费待填写完整后计算）</p>");
                return;
            };
            html.push_str("<table class=\"calc devices\"><thead><tr><th>期间</th>");
            if let Some(m) = d.months.first() {
                for l in &m.lines {
                    let _ = write!(html, "<th>{}（元）</th>", escape(&l.name));
                }
            }
            html.push_str(
                "<th>小计</th><th>折扣</th><th>税额</th><th>合计（元）</th></tr></thead><tbody>",
            );
            for m in &d.months {
                let _ = write!(html, "<tr><td>{}至{}</td>", date_zh(m.from), date_zh(m.to));
                for l in &m.lines {
                    let _ = write!(html, "<td class=\"num\">{}</td>", fmt_money(l.amount));
                }
                let _ = write!(
                    html,
                    "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                    fmt_money(m.subtotal),
                    fmt_money(m.discount),
                    fmt_money(m.split.tax),
                    fmt_money(m.split.gross)
                );
            }
            let cols = d.months.first().map_or(0, |m| m.lines.len()) + 3;
            let _ = write!(
                html,
                "</tbody><tfoot><tr><th colspan=\"{cols}\">合计 {}</th><td class=\"num\">{}</td></tr></tfoot></table>",
                escape(&d.total_words),
                fmt_money(d.total.gross)
            );
        }
        id => {
            let Some(blank) = t
                .blanks
                .iter()
                .find(|b| b.id == id && b.kind == BlankType::Table)
            else {
                return;
            };
            let _ = write!(
                html,
                "<table class=\"calc rows\" data-field=\"{}\"><thead><tr>",
                escape(id)
            );
            for c in &blank.columns {
                let _ = write!(html, "<th>{}</th>", escape(&c.label.zh));
            }
            html.push_str("</tr></thead><tbody>");
            if let Some(Value::Rows(rows)) = f.values.get(id) {
                for row in rows {
                    html.push_str("<tr>");
                    for c in &blank.columns {
                        let cell = row
                            .iter()
                            .find(|(k, _)| *k == c.id)
                            .map(|(_, v)| fmt_value(c.kind, v, None));
                        let class = if matches!(
                            c.kind,
                            BlankType::Money | BlankType::Integer | BlankType::Percent
                        ) {
                            " class=\"num\""
                        } else {
                            ""
                        };
                        let _ = write!(
                            html,
                            "<td{class}>{}</td>",
                            escape(&cell.unwrap_or_default())
                        );
                    }
                    html.push_str("</tr>");
                }
            }
            html.push_str("</tbody></table>");
        }
    }
}
