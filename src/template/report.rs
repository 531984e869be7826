//! The result panels as HTML: payment schedule, late penalty, device fees, lump sums, and the
//! summary of errors, warnings and missing blanks. Every number reveals how it was computed
//! when focused, tapped or hovered. Plain escaped HTML, so the same panels serve the widget, the npm
//! `renderContract` and tests; links carry `data-field` for the widget's jump-to-field.

use super::fill::{Calc, Filled, LumpResult};
use super::model::{blank_of, Blank, Lang, Obligation, Template};
use super::render::{escape, fee_columns_shown, fee_months_dated, fmt_money, percent_shown};
use super::wording::marks;
use crate::core::money::{percent_of, round_display};
use crate::core::schedule::{equal_row, RowRounding, ScheduleRow, Share};
use crate::i18n::t;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt::Write;

fn label(tpl: &Template, lang: Lang, id: &str) -> String {
    let base = blank_of(id);
    tpl.blanks
        .iter()
        .find(|b| b.id == base)
        .map(|b| b.label.get(lang).to_string())
        .unwrap_or_else(|| id.to_string())
}

/// Where in its table blank a cell's field id (`paid.0.device`, rows counted from 0) points,
/// in words: `第1行“设备类型”`, `Row 1, Device type`. `None` for the id of a whole blank; a
/// part after the blank's id that names no row is returned as it is.
pub fn cell_place(blank: Option<&Blank>, lang: Lang, field: &str) -> Option<String> {
    let (_, rest) = field.split_once('.')?;
    let (row, column) = rest.split_once('.').unwrap_or((rest, ""));
    let Ok(row) = row.parse::<usize>() else {
        return Some(rest.to_string());
    };
    let row = row + 1;
    let label = blank
        .and_then(|b| b.columns.iter().find(|c| c.id == column))
        .map(|c| c.label.get(lang));
    Some(match (lang, label) {
        (Lang::Zh, Some(l)) => format!("第{row}行“{l}”"),
        (Lang::Zh, None) => format!("第{row}行"),
        (Lang::En, Some(l)) => format!("Row {row}, {l}"),
        (Lang::En, None) => format!("Row {row}"),
    })
}

/// A due date as the results show it: the date, with the date it was moved from under it
/// ([`moved_note`]); 待定 while unknown.
fn due_shown(lang: Lang, date: Option<NaiveDate>, unadjusted: Option<NaiveDate>) -> String {
    match (date, unadjusted) {
        (Some(d), Some(u)) if d != u => format!("{d}{}", moved_note(lang, u)),
        (Some(d), _) => d.to_string(),
        (None, _) => t(lang, "pending_date").to_string(),
    }
}

/// Under a due date moved off a rest day, the date it was moved from:
/// `（原 2025-05-10，遇休息日顺延）`, `(moved from 2025-05-10, a rest day)`. The date is a
/// span of its own, kept on one line (widget.css): the note wraps in a narrow column.
fn moved_note(lang: Lang, from: NaiveDate) -> String {
    let (open, close) = marks(lang).aside;
    let (before, after) = match lang {
        Lang::Zh => ("原 ", "，遇休息日顺延"),
        Lang::En => ("moved from ", ", a rest day"),
    };
    format!("<small class=\"cc-moved\">{open}{before}<span>{from}</span>{after}{close}</small>")
}

/// A link to a blank: the widget focuses the field when it is clicked. `ids`: the prefix of
/// the widget's element ids (`cc`, `cc2` … see `ui::ctx::Ctx::id`), whose field for blank
/// `x` is `{ids}-f-x`.
fn link(tpl: &Template, lang: Lang, ids: &str, id: &str) -> String {
    let base = blank_of(id);
    let mut text = label(tpl, lang, id);
    let blank = tpl.blanks.iter().find(|b| b.id == base);
    if let Some(place) = cell_place(blank, lang, id) {
        let (open, close) = marks(lang).aside;
        text.push_str(&format!("{open}{place}{close}"));
    }
    format!(
        "<a href=\"#{ids}-f-{0}\" data-field=\"{0}\">{1}</a>",
        escape(base),
        escape(&text)
    )
}

fn message(lang: Lang, zh: String, en: String) -> String {
    if lang == Lang::En {
        en
    } else {
        zh
    }
}

/// "Waiting for …" or the error of a calculator that is not ready.
fn not_ready<T>(out: &mut String, tpl: &Template, f: &Filled, lang: Lang, ids: &str, c: &Calc<T>) {
    match c {
        Calc::Waiting(needed) => {
            // What is filled in but cannot be read is to be corrected, not filled in.
            let (bad, empty): (Vec<&String>, Vec<&String>) = needed
                .iter()
                .partition(|i| f.error_for(blank_of(i)).is_some());
            for (ids_of, key) in [(empty, "waiting"), (bad, "waiting_fix")] {
                if ids_of.is_empty() {
                    continue;
                }
                let links: Vec<String> = ids_of.iter().map(|i| link(tpl, lang, ids, i)).collect();
                let _ = write!(
                    out,
                    "<p class=\"cc-waiting\">{}{}</p>",
                    t(lang, key),
                    links.join(marks(lang).list)
                );
            }
        }
        Calc::Failed(e) => {
            let _ = write!(
                out,
                "<p class=\"cc-error\">{}{}{}</p>",
                link(tpl, lang, ids, &e.field),
                marks(lang).colon,
                escape(&message(lang, e.problem.zh(), e.problem.en()))
            );
        }
        Calc::Ready(_) | Calc::Unused => {}
    }
}

/// A number that reveals how it was computed when focused, tapped or hovered: a focusable
/// span, not `<details>`, whose shadow tree makes a long table several times slower to
/// update on every keystroke. The how is the span's `aria-description`, which a screen
/// reader announces on focus and the stylesheet shows (`attr(aria-description)`): one copy.
fn explained(summary: &str, how: &str) -> String {
    format!(
        "<span class=\"cc-x\" tabindex=\"0\" aria-description=\"{}\">{summary}</span>",
        escape(how)
    )
}

/// How `amount` is `base × percent%`: `360,000.00 × 30% = 108,000.00，四舍五入到分`.
fn share_how(lang: Lang, base: Decimal, percent: Decimal, amount: Decimal) -> String {
    format!(
        "{} × {}% = {}{}{}",
        fmt_money(base),
        round_display(percent, 4),
        fmt_money(amount),
        marks(lang).comma,
        t(lang, "rounding")
    )
}

/// How a schedule row's amount was computed, from the share the contract states:
/// `360,000.00 × 30% = 108,000.00`, `321,600.00 × 100% ÷ 12 = 26,800.00` (a month of a
/// monthly instalment), `约定金额 50,000.00`, each with the rounding residue it took.
fn row_how(lang: Lang, total: Decimal, r: &ScheduleRow) -> String {
    let punct = marks(lang);
    // The row's own amount, before the residue that makes the rows sum to the total.
    let own = r.amount - r.residue;
    // The months of an instalment of `instalment` (exact) are 四舍五入, or rounded down where
    // that would leave its last month negative: the rule of `equal_row`, asked again.
    let rounded = |base: String, instalment: Option<Decimal>| {
        let down = instalment
            .and_then(|a| equal_row(a, r.split as usize).ok())
            .is_some_and(|(_, rounding)| rounding == RowRounding::Down);
        format!(
            "{base} = {}{}{}",
            fmt_money(own),
            punct.comma,
            t(lang, if down { "rounding_down" } else { "rounding" })
        )
    };
    let mut how = match (&r.share, r.split) {
        (Share::Percent { percent }, 1) => share_how(lang, total, *percent, own),
        (Share::Percent { percent }, n) => rounded(
            format!(
                "{} × {}% ÷ {n}",
                fmt_money(total),
                round_display(*percent, 4)
            ),
            percent_of("", total, *percent).ok(),
        ),
        (Share::Fixed { amount }, 1) => format!("{} {}", t(lang, "fixed_sum"), fmt_money(*amount)),
        (Share::Fixed { amount }, n) => {
            rounded(format!("{} ÷ {n}", fmt_money(*amount)), Some(*amount))
        }
    };
    if !r.residue.is_zero() {
        let _ = write!(
            how,
            "{}{} {}",
            punct.semicolon,
            t(lang, "residue"),
            r.residue
        );
    }
    how
}

/// All result panels as one HTML fragment, linked to the fields of the first widget on a page.
pub fn results_html(tpl: &Template, f: &Filled, lang: Lang) -> String {
    results_panels(tpl, f, lang, "cc", Some(true)).concat()
}

/// Each result panel's HTML, so a live view can replace only the panels that changed.
/// `ids`: the widget's element-id prefix (see `link`). `show_months`: the device fees'
/// month-by-month table (`None`: shown up to 12 months).
pub fn results_panels(
    tpl: &Template,
    f: &Filled,
    lang: Lang,
    ids: &str,
    show_months: Option<bool>,
) -> Vec<String> {
    let tr = |k| t(lang, k);
    let punct = marks(lang);
    let mut panels = Vec::with_capacity(4);
    let mut out = String::with_capacity(4 * 1024);

    if !matches!(f.schedule, Calc::Unused) {
        let _ = write!(out, "<div class=\"cc-panel\"><h3>{}</h3>", tr("schedule"));
        match &f.schedule {
            Calc::Ready(s) => {
                // The column names head the table, and each cell carries its own too, for the
                // one-card-per-row layout of a narrow panel (widget.css).
                let (percent_col, amount_col, words_col, due_col, rule_col) = (
                    tr("percent"),
                    tr("amount"),
                    tr("words"),
                    tr("due_date"),
                    tr("rule"),
                );
                let _ = write!(
                    out,
                    "<div class=\"cc-scroll\"><table class=\"cc-table cc-schedule cc-cards\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{percent_col}</th><th scope=\"col\">{amount_col}</th><th scope=\"col\">{words_col}</th><th scope=\"col\">{due_col}</th><th scope=\"col\">{rule_col}</th></tr></thead><tbody>",
                    tr("instalment")
                );
                for r in &s.rows {
                    let due = due_shown(lang, r.due_date, r.unadjusted_due_date);
                    let how = row_how(lang, s.total, r);
                    let rule = lang.pick(&r.rule_zh, &r.rule_en);
                    let _ = write!(
                        out,
                        "<tr><th scope=\"row\">{}</th><td class=\"num\" data-label=\"{percent_col}\">{}%</td><td class=\"num\" data-label=\"{amount_col}\">{}</td><td class=\"cc-words-cell\" data-label=\"{words_col}\">{}</td><td data-label=\"{due_col}\">{due}</td><td data-label=\"{rule_col}\">{}</td></tr>",
                        escape(&r.name),
                        percent_shown(r),
                        explained(&fmt_money(r.amount), &how),
                        escape(&r.words),
                        escape(rule)
                    );
                }
                let _ = write!(
                    out,
                    "</tbody><tfoot><tr><th scope=\"row\">{}</th><td class=\"num\" data-label=\"{percent_col}\">100%</td><td class=\"num\" data-label=\"{amount_col}\">{}</td><td colspan=\"3\" data-label=\"{words_col}\">{}</td></tr></tfoot></table></div>",
                    tr("total"),
                    fmt_money(s.total),
                    escape(&s.total_words)
                );
            }
            other => not_ready(&mut out, tpl, f, lang, ids, other),
        }
        out.push_str("</div>");
        panels.push(std::mem::take(&mut out));
    }

    if !matches!(f.penalty, Calc::Unused) {
        // A late delivery or service is no late payment: its panel says so.
        let performance = tpl
            .calculators
            .penalty
            .as_ref()
            .is_some_and(|b| b.obligation == Obligation::Performance);
        let (title, due_label) = if performance {
            (tr("penalty_performance"), tr("agreed_date"))
        } else {
            (tr("penalty"), tr("due_date"))
        };
        let _ = write!(out, "<div class=\"cc-panel\"><h3>{title}</h3>");
        match &f.penalty {
            Calc::Ready(p) => {
                out.push_str("<dl class=\"cc-facts\">");
                if let Some(due) = f.penalty_due {
                    let _ = write!(out, "<dt>{due_label}</dt><dd>{}", due.date);
                    if due.moved() {
                        out.push_str(&moved_note(lang, due.unadjusted));
                    }
                    out.push_str("</dd>");
                }
                let _ = write!(
                    out,
                    "<dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>",
                    tr("overdue_days"),
                    p.overdue_days,
                    tr("penalty_days"),
                    p.penalty_days,
                );
                // A rate has a yearly equivalent; a fixed sum per day has no rate to show.
                let fixed = p.daily_rate.is_zero();
                if !fixed {
                    let _ = write!(
                        out,
                        "<dt>{}</dt><dd>{}%</dd>",
                        tr("annualized"),
                        p.annualized_percent
                    );
                }
                out.push_str("</dl>");
                let (segment_col, days_col, base_col, amount_col) = (
                    tr("segment"),
                    tr("days"),
                    tr(if fixed { "per_day" } else { "base" }),
                    tr("amount"),
                );
                let _ = write!(
                    out,
                    "<div class=\"cc-scroll\"><table class=\"cc-table cc-cards\"><thead><tr><th scope=\"col\">{segment_col}</th><th scope=\"col\">{days_col}</th><th scope=\"col\">{base_col}</th><th scope=\"col\">{amount_col}</th></tr></thead><tbody>"
                );
                for s in &p.segments {
                    let how = if fixed {
                        format!(
                            "{} × {} = {}",
                            fmt_money(s.base),
                            s.days,
                            fmt_money(s.amount)
                        )
                    } else {
                        format!(
                            "{} × {} × {} = {}{}{}{}",
                            fmt_money(s.base),
                            p.daily_rate,
                            s.days,
                            fmt_money(s.amount),
                            punct.aside.0,
                            tr("rounding"),
                            punct.aside.1
                        )
                    };
                    let _ = write!(
                        out,
                        "<tr><td data-label=\"{segment_col}\">{} – {}</td><td class=\"num\" data-label=\"{days_col}\">{}</td><td class=\"num\" data-label=\"{base_col}\">{}</td><td class=\"num\" data-label=\"{amount_col}\">{}</td></tr>",
                        s.from, s.to, s.days, fmt_money(s.base), explained(&fmt_money(s.amount), &how)
                    );
                }
                let cap = match p.cap_amount {
                    Some(c) => format!(
                        " {} {}{}{}{}",
                        tr("cap"),
                        fmt_money(c),
                        punct.aside.0,
                        if p.capped {
                            tr("capped")
                        } else {
                            tr("not_capped")
                        },
                        punct.aside.1
                    ),
                    None => String::new(),
                };
                let _ = write!(
                    out,
                    "</tbody><tfoot><tr><th scope=\"row\" colspan=\"3\">{}{cap}</th><td class=\"num\" data-label=\"{amount_col}\">{}</td></tr></tfoot></table></div><p class=\"cc-words\">{}</p>",
                    tr("total"),
                    fmt_money(p.total),
                    escape(&p.total_words)
                );
            }
            other => not_ready(&mut out, tpl, f, lang, ids, other),
        }
        out.push_str("</div>");
        panels.push(std::mem::take(&mut out));
    }

    if !matches!(f.devices, Calc::Unused) {
        let _ = write!(out, "<div class=\"cc-panel\"><h3>{}</h3>", tr("devices"));
        match &f.devices {
            Calc::Ready(d) => {
                out.push_str("<ul class=\"cc-years\">");
                for y in &d.years {
                    let (n, m) = (y.index, y.months);
                    let _ = match lang {
                        Lang::Zh => write!(out, "<li>第{n}年（{m}个月）："),
                        Lang::En => write!(out, "<li>Year {n} ({m} months): "),
                    };
                    out.push_str(&fmt_money(y.split.gross));
                    // The tax only where there is one (no VAT configured: no 税额 0.00).
                    if !y.split.tax.is_zero() {
                        let _ = write!(
                            out,
                            "{}{} {}{}",
                            punct.aside.0,
                            tr("tax"),
                            fmt_money(y.split.tax),
                            punct.aside.1
                        );
                    }
                    out.push_str("</li>");
                }
                let _ = write!(
                    out,
                    "</ul><p class=\"cc-total\">{}{}{} <span class=\"cc-words\">{}</span></p>",
                    tr("total"),
                    punct.colon,
                    fmt_money(d.total.gross),
                    escape(&d.total_words)
                );
                // A long term's month-by-month table is behind a toggle (the contract's annex
                // always has it): shown by default up to 12 months.
                let open = show_months.unwrap_or(d.months.len() <= 12);
                let _ = write!(
                    out,
                    "<button type=\"button\" class=\"cc-small\" data-action=\"months\" aria-expanded=\"{open}\">{} ({})</button>",
                    tr(if open { "hide_months" } else { "show_months" }),
                    d.months.len()
                );
                if open {
                    let _ = write!(out, "<div class=\"cc-scroll\"><table class=\"cc-table cc-devices\"><thead><tr><th scope=\"col\">{}</th>", tr("month"));
                    // A due date per month when the template binds a due day (filled in).
                    let dated = fee_months_dated(d);
                    let due_col = tr("due_date");
                    if dated {
                        let _ = write!(out, "<th scope=\"col\" class=\"cc-due\">{due_col}</th>");
                    }
                    if let Some(m) = d.months.first() {
                        for l in &m.lines {
                            let _ = write!(out, "<th scope=\"col\">{}</th>", escape(&l.name));
                        }
                    }
                    let shown = fee_columns_shown(d);
                    for (head, _) in ["subtotal", "discount", "tax", "gross"]
                        .into_iter()
                        .zip(shown)
                        .filter(|(_, s)| *s)
                    {
                        let _ = write!(out, "<th scope=\"col\">{}</th>", tr(head));
                    }
                    out.push_str("</tr></thead><tbody>");
                    for m in &d.months {
                        let _ = write!(out, "<tr><td>{} – {}</td>", m.from, m.to);
                        if dated {
                            let due = due_shown(lang, m.due_date, m.unadjusted_due_date);
                            let _ = write!(
                                out,
                                "<td class=\"cc-due\" data-label=\"{due_col}\">{due}</td>"
                            );
                        }
                        for l in &m.lines {
                            let how = format!(
                                "{} × {} ÷ {} = {}",
                                l.unit_fee,
                                l.device_days,
                                m.days,
                                fmt_money(l.amount)
                            );
                            let _ = write!(
                                out,
                                "<td class=\"num\">{}</td>",
                                explained(&fmt_money(l.amount), &how)
                            );
                        }
                        for (v, _) in [m.subtotal, m.discount, m.split.tax, m.split.gross]
                            .into_iter()
                            .zip(shown)
                            .filter(|(_, s)| *s)
                        {
                            let _ = write!(out, "<td class=\"num\">{}</td>", fmt_money(v));
                        }
                        out.push_str("</tr>");
                    }
                    out.push_str("</tbody></table></div>");
                }
            }
            other => not_ready(&mut out, tpl, f, lang, ids, other),
        }
        out.push_str("</div>");
        panels.push(std::mem::take(&mut out));
    }

    if !f.lump.is_empty() {
        let _ = write!(
            out,
            "<div class=\"cc-panel\"><h3>{}</h3><ul class=\"cc-lump\">",
            tr("lump")
        );
        for l in &tpl.calculators.lump_sum {
            let _ = write!(
                out,
                "<li><strong>{}</strong>{}",
                escape(l.label().get(lang)),
                punct.colon
            );
            match f.lump(l.id()) {
                Some(Calc::Ready(r)) => {
                    let extra = match r {
                        LumpResult::Capped(c) => format!(
                            "{}{} {}{}{}{}",
                            punct.aside.0,
                            tr("cap"),
                            fmt_money(c.cap),
                            punct.comma,
                            if c.capped {
                                tr("capped")
                            } else {
                                tr("not_capped")
                            },
                            punct.aside.1
                        ),
                        LumpResult::Maintenance(m) => format!(
                            "{}{}{}{}",
                            punct.aside.0,
                            tr("paid_in"),
                            m.instalments
                                .iter()
                                .map(|i| fmt_money(i.gross))
                                .collect::<Vec<_>>()
                                .join(" + "),
                            punct.aside.1
                        ),
                        LumpResult::Amount(_) => String::new(),
                    };
                    let how = match r {
                        LumpResult::Amount(a) => share_how(lang, a.base, a.percent, a.amount),
                        LumpResult::Capped(c) => format!(
                            "{} {}{}{} {}{}{}",
                            tr("claimed"),
                            fmt_money(c.claimed),
                            punct.semicolon,
                            tr("cap"),
                            share_how(lang, c.total, c.cap_percent, c.cap),
                            punct.semicolon,
                            tr("smaller")
                        ),
                        LumpResult::Maintenance(m) => {
                            let fee = &m.annual_fee;
                            let mut how =
                                share_how(lang, m.purchase_price, m.annual_percent, fee.net);
                            if !fee.tax.is_zero() {
                                let _ = write!(
                                    how,
                                    "{}{} {}{}{} {}",
                                    punct.semicolon,
                                    tr("tax"),
                                    fmt_money(fee.tax),
                                    punct.comma,
                                    tr("total"),
                                    fmt_money(fee.gross)
                                );
                            }
                            how
                        }
                    };
                    let amount = explained(&fmt_money(r.amount()), &how);
                    let words = crate::core::words::amount_in_words(r.amount()).unwrap_or_default();
                    let _ = write!(
                        out,
                        "<span class=\"num\">{}</span> <span class=\"cc-words\">{}</span> <small>{}</small>",
                        amount,
                        escape(&words),
                        escape(&extra)
                    );
                }
                Some(other) => not_ready(&mut out, tpl, f, lang, ids, other),
                None => {}
            }
            out.push_str("</li>");
        }
        out.push_str("</ul></div>");
        panels.push(out);
    }
    panels
}

/// Errors, warnings and missing blanks, each linked to its field (`ids`: see `link`). Empty
/// when all is well.
pub fn summary_html(tpl: &Template, f: &Filled, lang: Lang, ids: &str) -> String {
    let punct = marks(lang);
    if f.warnings.is_empty() && f.errors.is_empty() && f.missing.is_empty() {
        return String::new();
    }
    let mut out = String::from("<section class=\"cc-summary\">");
    if !f.errors.is_empty() {
        let _ = write!(out, "<h3>{}</h3><ul>", t(lang, "errors"));
        for e in &f.errors {
            let _ = write!(
                out,
                "<li class=\"cc-error\">{}{}{}</li>",
                link(tpl, lang, ids, &e.field),
                punct.colon,
                escape(&message(lang, e.problem.zh(), e.problem.en()))
            );
        }
        out.push_str("</ul>");
    }
    if !f.warnings.is_empty() {
        let _ = write!(out, "<h3>{}</h3><ul>", t(lang, "warnings"));
        for w in &f.warnings {
            let text = escape(&message(lang, w.zh.clone(), w.en.clone()));
            match &w.field {
                Some(id) => {
                    let _ = write!(
                        out,
                        "<li class=\"cc-warning\">{}{}{text}</li>",
                        link(tpl, lang, ids, id),
                        punct.colon
                    );
                }
                None => {
                    let _ = write!(out, "<li class=\"cc-warning\">{text}</li>");
                }
            }
        }
        out.push_str("</ul>");
    }
    if !f.missing.is_empty() {
        let _ = write!(
            out,
            "<h3>{}</h3><ul class=\"cc-missing\">",
            t(lang, "missing")
        );
        for id in &f.missing {
            let _ = write!(out, "<li>{}</li>", link(tpl, lang, ids, id));
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::calendar::{Calendar, DayKind, RestDayRule};
    use crate::core::schedule::{payment_schedule, DueRule, Instalment, InstalmentKind};
    use crate::core::testing::{d, dec};

    /// The notes of a schedule of `total` in `instalments` (each a share and a month count).
    fn notes(total: &str, instalments: &[(Share, u32)]) -> Vec<String> {
        let input = crate::core::schedule::ScheduleInput {
            total: dec(total),
            effective_date: Some(d(2025, 3, 3)),
            instalments: instalments
                .iter()
                .map(|(share, months)| Instalment {
                    name: "款".into(),
                    kind: InstalmentKind::Other,
                    share: share.clone(),
                    due: match months {
                        1 => DueRule::AfterEffective {
                            days: 5,
                            day_kind: DayKind::Calendar,
                        },
                        &months => DueRule::Monthly {
                            day: 10,
                            inclusive: true,
                            months,
                            start_offset_months: 1,
                        },
                    },
                })
                .collect(),
            rest_day_rule: RestDayRule::Keep,
        };
        let s = payment_schedule(&input, &Calendar::new()).unwrap();
        s.rows
            .iter()
            .map(|r| row_how(Lang::Zh, s.total, r))
            .collect()
    }

    #[test]
    fn each_row_says_how_its_amount_follows_from_the_stated_share() {
        let percent = |p: &str| Share::Percent { percent: dec(p) };
        let fixed = |a: &str| Share::Fixed { amount: dec(a) };
        // 100% over 3 months of 1000: 333.33 each, the last month takes the residue.
        assert_eq!(
            notes("1000", &[(percent("100"), 3)]),
            [
                "1,000.00 × 100% ÷ 3 = 333.33，四舍五入到分",
                "1,000.00 × 100% ÷ 3 = 333.33，四舍五入到分",
                "1,000.00 × 100% ÷ 3 = 333.33，四舍五入到分；尾差 0.01",
            ]
        );
        // A fixed deposit, then a fixed sum over 3 months.
        assert_eq!(
            notes("1100", &[(fixed("100"), 1), (fixed("1000"), 3)]),
            [
                "约定金额 100.00",
                "1,000.00 ÷ 3 = 333.33，四舍五入到分",
                "1,000.00 ÷ 3 = 333.33，四舍五入到分",
                "1,000.00 ÷ 3 = 333.33，四舍五入到分；尾差 0.01",
            ]
        );
        // 1,000 over 600 months: 1.67 a month would leave the last month negative, so the
        // months are rounded down, and say so.
        let months = notes("1000", &[(percent("100"), 600)]);
        assert_eq!(
            months[0],
            "1,000.00 × 100% ÷ 600 = 1.66，向下舍入到分，以免最后一期为负"
        );
        assert_eq!(
            months[599],
            "1,000.00 × 100% ÷ 600 = 1.66，向下舍入到分，以免最后一期为负；尾差 4.00"
        );
        assert_eq!(
            notes("360000", &[(percent("30"), 1), (percent("70"), 1)]),
            [
                "360,000.00 × 30% = 108,000.00，四舍五入到分",
                "360,000.00 × 70% = 252,000.00，四舍五入到分",
            ]
        );
    }
}
