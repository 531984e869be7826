//! Warnings a careful lawyer would give, computed from the filled values. Each names the
//! blank it is about (shown beside it) and appears in the summary.

use super::expr::Value;
use super::fill::{Calc, Filled};
use super::model::{BlankType, DueBinding, Lang, Obligation, Template};
use super::render::fmt_money;
use crate::core::calendar::date_zh;
use crate::core::interest::{lpr_interest, LprInterestInput, LprTable};
use crate::core::money::{grouped, round_display};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// A stable code: `deposit_over_20`, `rate_over_4x_lpr`, `penalty_over_loss`,
    /// `rest_day`, `due_before_effective`, `change_outside_term`,
    /// `business_tax`, `words_mismatch`, `awaiting_holidays`, `incomplete_row`,
    /// `zero_instalment`.
    pub code: &'static str,
    /// The blank it concerns, if one.
    pub field: Option<String>,
    pub zh: String,
    pub en: String,
}

fn w(code: &'static str, field: Option<String>, zh: String, en: String) -> Warning {
    Warning {
        code,
        field,
        zh,
        en,
    }
}

/// The blank that feeds an instalment's percent, if the binding is a plain reference.
fn instalment_field(t: &Template, i: usize) -> Option<String> {
    let inst = t.calculators.schedule.as_ref()?.instalments.get(i)?;
    let src = inst.percent.as_ref().or(inst.amount.as_ref())?;
    t.blanks.iter().find(|b| &b.id == src).map(|b| b.id.clone())
}

/// The blank of the last share the form has (the one to change when the shares leave nothing).
fn last_share_field(t: &Template) -> Option<String> {
    let n = t.calculators.schedule.as_ref()?.instalments.len();
    (0..n).rev().find_map(|i| instalment_field(t, i))
}

pub fn warnings(t: &Template, f: &Filled) -> Vec<Warning> {
    let mut out = Vec::new();
    let lpr = LprTable::default();

    if let Calc::Ready(s) = &f.schedule {
        for row in &s.rows {
            // 民法典 第586条: 定金 may not exceed 20% of the contract amount.
            if row.name.contains("定金") && row.percent > Decimal::from(20) {
                out.push(w(
                    "deposit_over_20",
                    instalment_field(t, row.instalment),
                    format!(
                        "“{}”占合同金额的{}%，超过20%。依《民法典》第586条，定金超过20%的部分不产生定金效力；若本意是预付款，请改称“预付款”。",
                        row.name,
                        round_display(row.percent, 2)
                    ),
                    format!(
                        "'{}' is {}% of the contract amount. Under Civil Code art. 586 a 定金 (earnest money) above 20% has no earnest-money effect for the excess; if this is an advance payment, call it 预付款.",
                        row.name,
                        round_display(row.percent, 2)
                    ),
                ));
            }
            // A payment of nothing (30% + 70% leave the 尾款 0%): printed, but likely unmeant.
            if row.amount.is_zero() && !s.total.is_zero() {
                out.push(w(
                    "zero_instalment",
                    instalment_field(t, row.instalment).or_else(|| last_share_field(t)),
                    format!(
                        "“{}”为0.00元：其余各期已付清合同总额。若不设此期，请调整比例或在合同中删去该条款。",
                        row.name
                    ),
                    format!(
                        "'{}' is 0.00: the other payments already make up the total. If there is no such payment, change the shares or strike the clause.",
                        row.name
                    ),
                ));
            }
            if let (Some(date), Some(orig)) = (row.due_date, row.unadjusted_due_date) {
                if date != orig {
                    out.push(w(
                        "rest_day",
                        instalment_field(t, row.instalment),
                        format!(
                            "“{}”的付款期限{}是休息日，依《民法典》第203条顺延至{}。",
                            row.name,
                            date_zh(orig),
                            date_zh(date)
                        ),
                        format!(
                            "The due date of '{}' ({orig}) is a rest day; under Civil Code art. 203 it moves to {date}.",
                            row.name
                        ),
                    ));
                }
            }
        }
    }
    // A payment due before the contract takes effect: a milestone date typed wrong, most
    // likely. Beside the milestone's date (or the effective date), once per instalment.
    if let (Calc::Ready(s), Some(b)) = (&f.schedule, &t.calculators.schedule) {
        if let Some(effective) = f.value(&b.effective_date).and_then(Value::as_date) {
            let mut warned = None;
            for row in &s.rows {
                let Some(due) = row.due_date.filter(|d| *d < effective) else {
                    continue;
                };
                if warned.replace(row.instalment) == Some(row.instalment) {
                    continue;
                }
                let milestone = match b.instalments.get(row.instalment).map(|i| &i.due) {
                    Some(DueBinding::AfterMilestone { date: Some(d), .. }) => Some(d),
                    _ => None,
                };
                let field = [milestone, Some(&b.effective_date)]
                    .into_iter()
                    .flatten()
                    .find(|id| t.blanks.iter().any(|x| &x.id == *id))
                    .cloned();
                out.push(w(
                    "due_before_effective",
                    field,
                    format!(
                        "“{}”的付款期限{}早于合同生效日{}：合同生效前不产生付款义务，请核对有关日期。",
                        row.name,
                        date_zh(due),
                        date_zh(effective)
                    ),
                    format!(
                        "'{}' falls due on {due}, before the contract takes effect on {effective}: please check the dates.",
                        row.name
                    ),
                ));
            }
        }
    }
    // Due dates in a year whose holiday arrangement is not built in: shown as 待定, said once,
    // beside the date they count from (a schedule's effective date, the fees' start).
    let awaiting = [
        f.schedule.ready().and_then(|s| {
            let year = s.rows.iter().filter_map(|r| r.awaiting_holidays).min()?;
            Some((year, &t.calculators.schedule.as_ref()?.effective_date))
        }),
        f.devices.ready().and_then(|d| {
            let year = d.months.iter().filter_map(|m| m.awaiting_holidays).min()?;
            Some((year, &t.calculators.devices.as_ref()?.start))
        }),
    ];
    // The first year missing is named; the later ones follow from it (起 / on).
    for (year, from) in awaiting.into_iter().flatten() {
        out.push(w(
            "awaiting_holidays",
            t.blanks.iter().find(|x| x.id == *from).map(|x| x.id.clone()),
            format!(
                "部分付款期限要按{year}年起的法定节假日及调休安排计算，尚未内置该年安排：这些日期暂列为“待定”，加入后即可算出。金额不受影响。"
            ),
            format!(
                "Some due dates depend on the holiday arrangement (statutory holidays and make-up working days) of {year} on, which is not built in yet: they show as pending until it is added. The amounts are not affected."
            ),
        ));
    }

    if let (Some(due), Some(b)) = (f.penalty_due, &t.calculators.penalty) {
        if due.moved() {
            out.push(w(
                "rest_day",
                t.blanks.iter().find(|x| x.id == b.due_date).map(|x| x.id.clone()),
                format!(
                    "逾期违约金的付款期限{}是休息日，依《民法典》第203条顺延至{}，逾期天数自其次日起算。",
                    date_zh(due.unadjusted),
                    date_zh(due.date)
                ),
                format!(
                    "The late penalty's due date ({}) is a rest day; under Civil Code art. 203 it moves to {}, and the overdue days count from the day after.",
                    due.unadjusted, due.date
                ),
            ));
        }
    }
    // Interest on money (the LPR) measures only a late payment's loss, not a late delivery's.
    let late_payment = t
        .calculators
        .penalty
        .as_ref()
        .is_some_and(|b| b.obligation == Obligation::Payment);
    if let (Calc::Ready(p), true) = (&f.penalty, late_payment) {
        let field = t.calculators.penalty.as_ref().map(|b| b.rate.clone());
        // The LPR in force when the delay began (the loss below uses the same rates); the
        // latest one if nothing is overdue or the delay began before the first LPR.
        let since = p.segments.first().map_or(NaiveDate::MAX, |s| s.from);
        let lpr_then = lpr
            .rate_on(since)
            .or_else(|| lpr.rate_on(NaiveDate::MAX))
            .unwrap_or_default();
        let limit = lpr_then * Decimal::from(4);
        if !p.daily_rate.is_zero() && p.annualized_percent > limit {
            out.push(w(
                "rate_over_4x_lpr",
                field.clone(),
                format!(
                    "日违约金率折合年利率约{}%，超过一年期LPR（{}%）的4倍（{}%），可能被认定为过高而予以调减。",
                    grouped(&p.annualized_percent.to_string()),
                    lpr_then.normalize(),
                    limit.normalize()
                ),
                format!(
                    "The daily rate is about {}% a year, over 4× the 1-year LPR ({}% × 4 = {}%); a court may reduce it.",
                    grouped(&p.annualized_percent.to_string()),
                    lpr_then.normalize(),
                    limit.normalize()
                ),
            ));
        }
        // 合同编通则解释 第65条: a penalty above the loss by more than 30% is generally excessive.
        // Assumption: the loss from late payment is the cost of funds, interest at the 1-year LPR
        // on the unpaid balance for the overdue days.
        if !p.segments.is_empty() {
            let mut loss = Decimal::ZERO;
            for s in &p.segments {
                if let Ok(r) = lpr_interest(
                    &LprInterestInput {
                        principal: s.balance,
                        from: s.from,
                        to: s.to,
                        multiplier: Decimal::ONE,
                        day_basis: 365,
                    },
                    &lpr,
                ) {
                    loss += r.total;
                }
            }
            if loss > Decimal::ZERO && p.total > loss * Decimal::new(13, 1) {
                out.push(w(
                    "penalty_over_loss",
                    field,
                    format!(
                        "违约金{}元，超过按一年期LPR计算的资金占用损失（约{}元）的130%。依《合同编通则解释》第65条，超过损失30%的违约金一般可认定为过分高于损失（此处假设损失仅为逾期付款的利息损失）。",
                        fmt_money(p.total),
                        fmt_money(loss)
                    ),
                    format!(
                        "The penalty ({}) exceeds the loss by more than 30% (loss assumed to be interest at the 1-year LPR on the unpaid amount: about {}). Under the Contract Interpretation art. 65 such a penalty is generally excessive.",
                        fmt_money(p.total),
                        fmt_money(loss)
                    ),
                ));
            }
        }
    }

    // A count change outside the term: the fees count one before the start from the start
    // and ignore one after the end, while the contract lists both.
    if let (Calc::Ready(d), Some(src)) = (
        &f.devices,
        t.calculators
            .devices
            .as_ref()
            .and_then(|b| b.changes.as_ref()),
    ) {
        if let (Some(first), Some(last), Some(Value::Rows(rows))) =
            (d.months.first(), d.months.last(), f.values.get(src))
        {
            let (start, end) = (first.from, last.to);
            for (i, row) in rows.iter().enumerate() {
                let n = i + 1;
                let date = row.iter().find(|(c, _)| c == "date");
                let Some(date) = date.and_then(|(_, v)| v.as_date()) else {
                    continue;
                };
                let (zh, en) = if date < start {
                    (
                        format!("第{n}行的变更日期{}早于服务起始日{}，计费时视为起始日已有该变更。", date_zh(date), date_zh(start)),
                        format!("Row {n}: the change on {date} is before the term starts ({start}); the fees count it from the start."),
                    )
                } else if date > end {
                    (
                        format!("第{n}行的变更日期{}晚于服务期末日{}，不影响本合同期内的费用。", date_zh(date), date_zh(end)),
                        format!("Row {n}: the change on {date} is after the term ends ({end}); it does not change the fees."),
                    )
                } else {
                    continue;
                };
                out.push(w("change_outside_term", Some(src.clone()), zh, en));
            }
        }
    }

    // A table row filled in part: which of its figures are still empty (the calculators wait
    // for that row; this says, beside the table, what it lacks). Text columns may stay empty.
    for b in t.blanks.iter().filter(|b| b.kind == BlankType::Table) {
        let Some(Value::Rows(rows)) = f.values.get(&b.id) else {
            continue;
        };
        let needed = || {
            b.columns.iter().filter(|c| {
                c.expr.is_none() && !matches!(c.kind, BlankType::Text | BlankType::Party)
            })
        };
        for (i, row) in rows.iter().enumerate().filter(|(_, r)| !r.is_empty()) {
            let empty = |lang| {
                needed()
                    .filter(|c| !row.iter().any(|(id, _)| *id == c.id))
                    .map(|c| c.label.get(lang))
                    .collect::<Vec<_>>()
            };
            let (zh, en) = (empty(Lang::Zh), empty(Lang::En));
            if zh.is_empty() {
                continue;
            }
            let n = i + 1;
            out.push(w(
                "incomplete_row",
                Some(b.id.clone()),
                format!("第{n}行还需填写：{}。", zh.join("、")),
                format!("Row {n} still needs: {}.", en.join(", ")),
            ));
        }
    }

    // 营业税 was replaced by VAT on 2016-05-01.
    let mentions_business_tax =
        t.body.iter().any(|s| {
            s.heading.contains("营业税") || s.paragraphs.iter().any(|p| p.contains("营业税"))
        }) || t.blanks.iter().any(|b| b.label.zh.contains("营业税"));
    if mentions_business_tax {
        out.push(w(
            "business_tax",
            t.blanks.iter().find(|b| b.label.zh.contains("税")).map(|b| b.id.clone()),
            "模板中出现“营业税”：自2016年5月1日起营业税已全面改征增值税，请改用增值税税率（如现代服务6%、有形动产租赁及修理修配13%、小规模纳税人3%或1%）。".into(),
            "The template mentions 营业税 (business tax), replaced by VAT since 2016-05-01; use a VAT rate instead (6% services, 13% goods and repairs, 3% or 1% for small-scale taxpayers).".into(),
        ));
    }

    // A typed 大写 that differs from the figure.
    for b in t.blanks.iter().filter(|b| b.kind == BlankType::Words) {
        let (Some(Value::Number(typed)), Some(target)) = (f.values.get(&b.id), b.matches.as_ref())
        else {
            continue;
        };
        let figure = f.value(target).and_then(Value::as_number);
        if let Some(figure) = figure {
            if figure != *typed {
                out.push(w(
                    "words_mismatch",
                    Some(b.id.clone()),
                    format!(
                        "大写金额为{}元，与小写金额{}元不一致。",
                        fmt_money(*typed),
                        fmt_money(figure)
                    ),
                    format!(
                        "The amount in words reads {}, but the figure is {}.",
                        fmt_money(*typed),
                        fmt_money(figure)
                    ),
                ));
            }
        }
    }
    out
}
