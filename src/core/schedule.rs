//! Payment schedules: 预付款/首付款, 进度款, 尾款, 质保金 as a percentage of the total or a
//! fixed amount, each with a due rule.
//!
//! Rounding (各期金额按四舍五入计至分，尾差计入最后一期): each row is 四舍五入 to the fen
//! ([`round_fen`]); the residue goes to the last instalment so the rows always sum to the
//! total exactly. A monthly instalment is split into equal monthly rows, its own residue going
//! to its last month ([`equal_row`]); when 四舍五入 would give its months more than the
//! instalment (1,000 over 600 months: 1.67 × 599 = 1,000.33), they are rounded down to the
//! fen instead ([`round_fen_down`]: 1.66 × 599, last month 5.66), so no month is negative.
//! A schedule whose last row would still be negative (shares of less than a fen each: 0.10
//! in 16 rows, each 0.0065 rounded up to 0.01) is refused rather than given a negative payment.

use super::calendar::{
    add_months, date_zh, monthly_due_date, settle, Calendar, DayKind, Deadline, Due, RestDayRule,
    UNKNOWN,
};
use super::error::{Error, Problem, Result};
use super::money::{
    check_amount, check_percent, div, percent_of, round_display, round_fen, round_fen_down,
};
use super::words::{amount_in_words, push_number};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What the instalment is for; used for labels and warnings.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum InstalmentKind {
    /// 预付款 / 首付款
    Deposit,
    /// 进度款
    Progress,
    /// 尾款
    Final,
    /// 质保金
    Retention,
    /// 月付
    Monthly,
    #[default]
    Other,
}

/// The instalment's share of the total.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, tag = "type", rename_all = "snake_case")]
pub enum Share {
    /// Percent of the contract total (30 = 30%).
    Percent { percent: Decimal },
    /// A fixed amount in yuan.
    Fixed { amount: Decimal },
}

/// When the instalment is due.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, tag = "type", rename_all = "snake_case")]
pub enum DueRule {
    /// N calendar or working days after the effective date (start day not counted).
    AfterEffective {
        days: u32,
        #[serde(default)]
        day_kind: DayKind,
    },
    /// N days after a milestone (验收合格, 服务期满 …) whose date may not be known yet.
    AfterMilestone {
        milestone: String,
        #[serde(default)]
        date: Option<NaiveDate>,
        days: u32,
        #[serde(default)]
        day_kind: DayKind,
    },
    /// A fixed date.
    FixedDate { date: NaiveDate },
    /// "每月D日前" for `months` months, starting `start_offset_months` after the effective
    /// month (1 = the month after the contract takes effect).
    Monthly {
        day: u32,
        #[serde(default = "yes")]
        inclusive: bool,
        months: u32,
        #[serde(default = "one")]
        start_offset_months: u32,
    },
}

fn yes() -> bool {
    true
}
fn one() -> u32 {
    1
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instalment {
    pub name: String,
    #[serde(default)]
    pub kind: InstalmentKind,
    pub share: Share,
    pub due: DueRule,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleInput {
    pub total: Decimal,
    /// `None` while not known: the amounts compute, and the due dates that count from it
    /// (after the effective date, monthly) are `None` (待定).
    #[serde(default)]
    pub effective_date: Option<NaiveDate>,
    pub instalments: Vec<Instalment>,
    #[serde(default)]
    pub rest_day_rule: RestDayRule,
}

/// One payment row.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScheduleRow {
    /// Index of the instalment this row comes from.
    pub instalment: usize,
    pub name: String,
    pub kind: InstalmentKind,
    /// The percentage of the total this row represents: the stated percentage, as given, for
    /// a row of a percent share that took no residue; otherwise computed from the amount and
    /// rounded to 4 places, half away from zero (`"8.3333"` for a month of 12; `"0"` when the
    /// total is 0). The amount is the exact figure.
    pub percent: Decimal,
    /// The percentage the contract states for this row (a percent share paid in one row),
    /// even when the row took the rounding residue and `percent` differs: what the contract's
    /// table shows beside the text (0.05 split 33/33/34: the last row is 0.01, 20% of the
    /// total, but the contract says 34%). `None` for fixed sums and monthly rows.
    pub stated_percent: Option<Decimal>,
    /// The instalment's share as the contract states it (a percentage of the total, or a
    /// fixed sum to the fen) and the number of equal rows it is paid in (the months of a
    /// monthly instalment, otherwise 1): what the note explaining the amount is made of.
    pub share: Share,
    pub split: u32,
    pub amount: Decimal,
    pub words: String,
    /// `None` while a milestone date is unknown, or while the holiday arrangement it needs
    /// is missing (`awaiting_holidays`).
    pub due_date: Option<NaiveDate>,
    /// The date before a rest-day move (equal to `due_date` if not moved).
    pub unadjusted_due_date: Option<NaiveDate>,
    pub rule_zh: String,
    pub rule_en: String,
    /// The year whose official holiday arrangement (法定节假日 and 调休) the due date needs and
    /// the calendar lacks: the date is then `None` (待定), never a weekend-only guess, and the
    /// rest of the schedule still computes. The host adds the year with
    /// `Calendar::add_holiday_cn_json`; `None` when nothing is missing.
    pub awaiting_holidays: Option<i32>,
    /// Rounding residue added to this row so the rows sum to the total (usually `"0.00"`).
    pub residue: Decimal,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Schedule {
    pub total: Decimal,
    pub total_words: String,
    pub rows: Vec<ScheduleRow>,
}

const MAX_DAYS: u32 = 3650;
/// Decimal places of a row's `percent` when it is computed rather than stated.
pub const PERCENT_PLACES: u32 = 4;
const MAX_MONTHS: u32 = 600;

/// Build the schedule. Errors name the field, e.g. `instalments.1.share.percent`.
pub fn payment_schedule(input: &ScheduleInput, cal: &Calendar) -> Result<Schedule> {
    let total = check_amount("total", input.total)?;
    if input.instalments.is_empty() {
        return Err(Error::rule(
            "instalments",
            "至少需要一期付款",
            "At least one instalment is required",
        ));
    }
    // 1. Each instalment's exact (unrounded) amount, and the share check.
    let mut exact = Vec::with_capacity(input.instalments.len());
    let mut percent_sum = Decimal::ZERO;
    let mut all_percent = true;
    for (i, inst) in input.instalments.iter().enumerate() {
        let at = |e: Error| e.within(&format!("instalments.{i}"));
        let amount = match &inst.share {
            Share::Percent { percent } => {
                let p =
                    check_percent("share.percent", *percent, Decimal::ONE_HUNDRED).map_err(at)?;
                percent_sum += p;
                percent_of("share.percent", total, p).map_err(at)?
            }
            Share::Fixed { amount } => {
                all_percent = false;
                check_amount("share.amount", *amount).map_err(at)?
            }
        };
        exact.push(amount);
    }
    if all_percent {
        if percent_sum != Decimal::ONE_HUNDRED {
            return Err(Error::new(
                "instalments",
                Problem::PercentSum {
                    total: percent_sum.normalize(),
                    difference: (percent_sum - Decimal::ONE_HUNDRED).normalize(),
                },
            ));
        }
    } else {
        // Fixed sums with percentages: a percentage's exact amount need not be exact to the
        // fen (5% of 100,000.01 is 5,000.0005), so the exact sum is compared to the fen, as
        // the rows will be: 95,000.01 + 5,000.0005 rounds to 100,000.01 and is accepted, the
        // residue going to the last row. Anything else is off by at least a fen, and the
        // difference shown is that nonzero one, never 多0.00元.
        let sum = round_fen(exact.iter().sum());
        if sum != total {
            return Err(Error::new(
                "instalments",
                Problem::AmountSum {
                    total: sum,
                    difference: sum - total,
                },
            ));
        }
    }

    // 2. Rows: round each, expand monthly instalments, then give the residue to the last row.
    let mut rows = Vec::with_capacity(input.instalments.len());
    for (i, (inst, amount)) in input.instalments.iter().zip(&exact).enumerate() {
        let at = |e: Error| e.within(&format!("instalments.{i}"));
        let due_dates =
            due_dates(&inst.due, input.effective_date, input.rest_day_rule, cal).map_err(at)?;
        let due = due_dates.as_slice();
        let instalment_rounded = round_fen(*amount);
        let per_row = if due.len() == 1 {
            instalment_rounded
        } else {
            equal_row(*amount, due.len()).map_err(at)?.0
        };
        for (k, due_k) in due.iter().enumerate() {
            let is_last_of_instalment = k + 1 == due.len();
            let amount = if is_last_of_instalment {
                instalment_rounded - per_row * Decimal::from(k as u64)
            } else {
                per_row
            };
            let (mut rule_zh, mut rule_en) = describe(&inst.due, k);
            // A date not known yet says why, whatever it counts from.
            match (due_k.date, due_k.awaiting_holidays) {
                (Some(_), _) => {}
                (None, Some(year)) => {
                    rule_zh.push_str("（待");
                    push_number(&mut rule_zh, u64::try_from(year).unwrap_or(0));
                    rule_zh.push_str("年节假日安排确定日期）");
                    rule_en.push_str(" (date set once the ");
                    push_number(&mut rule_en, u64::try_from(year).unwrap_or(0));
                    rule_en.push_str(" holiday arrangement is known)");
                }
                (None, None) => {
                    rule_zh.push_str("（日期待定）");
                    rule_en.push_str(" (date not yet known)");
                }
            }
            rows.push(ScheduleRow {
                instalment: i,
                name: if due.len() > 1 {
                    format!("{}（第{}期）", inst.name, k + 1)
                } else {
                    inst.name.clone()
                },
                kind: inst.kind,
                percent: Decimal::ZERO,
                stated_percent: match inst.share {
                    Share::Percent { percent } if due.len() == 1 => Some(percent.normalize()),
                    _ => None,
                },
                share: match inst.share {
                    Share::Percent { percent } => Share::Percent {
                        percent: percent.normalize(),
                    },
                    // Checked to be exact to the fen above: nothing is rounded.
                    Share::Fixed { .. } => Share::Fixed {
                        amount: instalment_rounded,
                    },
                },
                split: due.len() as u32,
                amount,
                words: String::new(),
                due_date: due_k.date,
                unadjusted_due_date: due_k.unadjusted,
                rule_zh,
                rule_en,
                awaiting_holidays: due_k.awaiting_holidays,
                residue: if is_last_of_instalment {
                    amount - per_row
                } else {
                    Decimal::ZERO
                },
            });
        }
    }
    let others: Decimal = rows.iter().take(rows.len() - 1).map(|r| r.amount).sum();
    if others > total {
        // The rows before the last, each rounded to the fen, come to more than the total
        // (shares of less than a fen each, rounded up): the last would have to be negative.
        // No payment is negative, so refuse, on the shares.
        let (before, last) = (rows.len() - 1, round_fen(total - others));
        return Err(Error::rule(
            "instalments",
            format!("各期金额四舍五入到分后，前{before}期合计{}元，已超过合同总额{total}元，最后一期将为负数（{last}元）：请减少期数，或调整各期比例", round_fen(others)),
            format!("With each row rounded to the fen, the first {before} rows add up to {}, more than the total {total}: the last row would be negative ({last}). Use fewer rows or change the shares", round_fen(others)),
        ));
    }
    if let Some(last) = rows.last_mut() {
        let adjusted = total - others;
        last.residue += adjusted - last.amount;
        last.amount = adjusted;
    }
    for k in 0..rows.len() {
        let row = &rows[k];
        let inst = &input.instalments[row.instalment];
        let percent = match &inst.share {
            // A single row that took no residue is exactly the stated percentage.
            Share::Percent { percent }
                if row.residue.is_zero() && !matches!(inst.due, DueRule::Monthly { .. }) =>
            {
                percent.normalize()
            }
            _ if total.is_zero() => Decimal::ZERO,
            // A computed share (a month of a monthly instalment, a row that took the residue):
            // rounded to 4 places (8.3333 for a month of 12), enough to tell rows apart; the
            // amount is the exact figure.
            _ => round_display(row.amount * Decimal::ONE_HUNDRED / total, PERCENT_PLACES),
        };
        // Equal rows (equal instalments, the months of a monthly one) share the 大写, which
        // depends on the amount alone: copy it rather than write it again. (Compared bit for
        // bit, so same value, scale and sign.)
        let words = match k.checked_sub(1).map(|p| &rows[p]) {
            Some(previous) if previous.amount.serialize() == row.amount.serialize() => {
                previous.words.clone()
            }
            _ => amount_in_words(row.amount)?,
        };
        rows[k].percent = percent;
        rows[k].words = words;
        // Money always carries 2 places ("0.00", never "0"): sums and zeros may not.
        rows[k].amount = round_fen(rows[k].amount);
        rows[k].residue = round_fen(rows[k].residue);
    }
    Ok(Schedule {
        total,
        total_words: amount_in_words(total)?,
        rows,
    })
}

/// How the equal rows of an instalment paid in several rows were rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowRounding {
    /// 四舍五入 to the fen: the contract convention.
    HalfAwayFromZero,
    /// Rounded down to the fen: 四舍五入 would give the rows before the last more than the
    /// instalment, and the last row a negative amount.
    Down,
}

/// Each of the equal rows of an instalment of `amount` (exact) paid in `rows` rows (the
/// months of a monthly instalment), and how it was rounded; the last row takes the rest of
/// the instalment rounded to the fen. 四舍五入 (1,000 in 3: 333.33, last 333.34) unless the
/// other rows would then add up to more than the instalment (1,000 in 600: 1.67 × 599 =
/// 1,000.33): then rounded down (1.66, last 5.66), so the last row is never negative.
pub fn equal_row(amount: Decimal, rows: usize) -> Result<(Decimal, RowRounding)> {
    let exact = div("due.months", amount, Decimal::from(rows as u64))?;
    let half_up = round_fen(exact);
    if half_up * Decimal::from(rows.saturating_sub(1) as u64) > round_fen(amount) {
        Ok((round_fen_down(exact), RowRounding::Down))
    } else {
        Ok((half_up, RowRounding::HalfAwayFromZero))
    }
}

/// One due date for most rules, several for a monthly rule: no allocation for the common case
/// (this runs for every instalment on every keystroke).
enum DueDates {
    One([Due; 1]),
    Many(Vec<Due>),
}

impl DueDates {
    fn as_slice(&self) -> &[Due] {
        match self {
            DueDates::One(one) => one,
            DueDates::Many(many) => many,
        }
    }
}

fn due_dates(
    rule: &DueRule,
    effective: Option<NaiveDate>,
    rest: RestDayRule,
    cal: &Calendar,
) -> Result<DueDates> {
    let days_ok = |days: u32| -> Result<u32> {
        if days > MAX_DAYS {
            return Err(Error::new(
                "due.days",
                Problem::OutOfRange {
                    min: "0".into(),
                    max: MAX_DAYS.to_string(),
                },
            ));
        }
        Ok(days)
    };
    let one = |d: Result<Deadline>| -> Result<DueDates> {
        Ok(DueDates::One([settle(d).map_err(|e| e.within("due"))?]))
    };
    Ok(match rule {
        DueRule::AfterEffective { days, day_kind } => match effective {
            Some(effective) => {
                one(cal.deadline_after(effective, days_ok(*days)?, *day_kind, rest))?
            }
            None => {
                days_ok(*days)?;
                DueDates::One([UNKNOWN])
            }
        },
        DueRule::AfterMilestone {
            date: None, days, ..
        } => {
            days_ok(*days)?;
            DueDates::One([UNKNOWN])
        }
        DueRule::AfterMilestone {
            date: Some(date),
            days,
            day_kind,
            ..
        } => one(cal.deadline_after(*date, days_ok(*days)?, *day_kind, rest))?,
        DueRule::FixedDate { date } => one(cal.adjust(*date, rest))?,
        DueRule::Monthly {
            day,
            inclusive,
            months,
            start_offset_months,
        } => {
            if *months == 0 || *months > MAX_MONTHS {
                return Err(Error::new(
                    "due.months",
                    Problem::OutOfRange {
                        min: "1".into(),
                        max: MAX_MONTHS.to_string(),
                    },
                ));
            }
            let Some(effective) = effective else {
                return Ok(DueDates::Many(vec![UNKNOWN; *months as usize]));
            };
            let first_of_month = effective.with_day(1).unwrap_or(effective);
            let mut out = Vec::with_capacity(*months as usize);
            for k in 0..*months {
                let month = add_months(first_of_month, start_offset_months + k)
                    .map_err(|e| e.within("due"))?;
                let unadjusted = monthly_due_date(month.year(), month.month(), *day, *inclusive)
                    .map_err(|e| e.within("due"))?;
                out.push(settle(cal.adjust(unadjusted, rest)).map_err(|e| e.within("due"))?);
            }
            DueDates::Many(out)
        }
    })
}

/// The due rule in words, Chinese and English. Built with plain pushes: it runs for every
/// row of every schedule as the user types.
pub fn describe(rule: &DueRule, month_index: usize) -> (String, String) {
    let mut zh = String::with_capacity(64);
    let mut en = String::with_capacity(96);
    let unit = |k: &DayKind| match k {
        DayKind::Calendar => ("日内", " calendar days"),
        DayKind::Working => ("个工作日内", " working days"),
    };
    match rule {
        DueRule::AfterEffective { days, day_kind } => {
            let (u_zh, u_en) = unit(day_kind);
            zh.push_str("合同生效后");
            en.push_str("within ");
            push_number_to_both(&mut zh, &mut en, u64::from(*days));
            zh.push_str(u_zh);
            en.push_str(u_en);
            en.push_str(" after the contract takes effect");
        }
        DueRule::AfterMilestone {
            milestone,
            days,
            day_kind,
            ..
        } => {
            let (u_zh, u_en) = unit(day_kind);
            zh.push_str(milestone);
            zh.push('后');
            en.push_str("within ");
            push_number_to_both(&mut zh, &mut en, u64::from(*days));
            zh.push_str(u_zh);
            en.push_str(u_en);
            en.push_str(" after ");
            en.push_str(milestone);
        }
        DueRule::FixedDate { date } => {
            zh = format!("{}前", date_zh(*date));
            en = format!("by {date}");
        }
        DueRule::Monthly { day, inclusive, .. } => {
            zh.push_str("每月");
            en.push_str("by day ");
            push_number_to_both(&mut zh, &mut en, u64::from(*day));
            if *inclusive {
                zh.push_str("日前（含当日），第");
                en.push_str(" of each month (inclusive), month ");
            } else {
                zh.push_str("日前（不含当日），第");
                en.push_str(" of each month (exclusive), month ");
            }
            push_number_to_both(&mut zh, &mut en, month_index as u64 + 1);
            zh.push_str("个月");
        }
    }
    (zh, en)
}

/// Append `n` to both texts: written once, copied.
fn push_number_to_both(zh: &mut String, en: &mut String, n: u64) {
    let start = zh.len();
    push_number(zh, n);
    en.push_str(&zh[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::{d, dec};

    fn pct(name: &str, p: &str, due: DueRule) -> Instalment {
        Instalment {
            name: name.into(),
            kind: InstalmentKind::Other,
            share: Share::Percent { percent: dec(p) },
            due,
        }
    }
    fn after(days: u32) -> DueRule {
        DueRule::AfterEffective {
            days,
            day_kind: DayKind::Working,
        }
    }

    #[test]
    fn thirds_sum_exactly_with_residue_on_last() {
        let input = ScheduleInput {
            total: dec("100"),
            effective_date: Some(d(2025, 3, 3)),
            instalments: vec![
                pct("一", "33.33", after(5)),
                pct("二", "33.33", after(10)),
                pct("三", "33.34", after(15)),
            ],
            rest_day_rule: RestDayRule::NextWorkingDay,
        };
        let s = payment_schedule(&input, &Calendar::new()).unwrap();
        let sum: Decimal = s.rows.iter().map(|r| r.amount).sum();
        assert_eq!(sum, dec("100"));
        assert_eq!(s.rows[2].amount.to_string(), "33.34");
    }

    #[test]
    fn percent_sum_error_says_by_how_much() {
        let input = ScheduleInput {
            total: dec("1000"),
            effective_date: Some(d(2025, 3, 3)),
            instalments: vec![pct("一", "30", after(5)), pct("二", "69.99", after(10))],
            rest_day_rule: RestDayRule::NextWorkingDay,
        };
        let err = payment_schedule(&input, &Calendar::new()).unwrap_err();
        assert_eq!(err.field, "instalments");
        assert_eq!(
            err.problem,
            Problem::PercentSum {
                total: dec("99.99"),
                difference: dec("-0.01")
            }
        );
        assert!(err.problem.zh().contains("还差0.01%"));
    }

    #[test]
    fn fixed_sums_and_percentages_add_up_to_the_fen() {
        let fixed = |name: &str, amount: &str, due: DueRule| Instalment {
            name: name.into(),
            kind: InstalmentKind::Other,
            share: Share::Fixed {
                amount: dec(amount),
            },
            due,
        };
        let mixed = |total: &str, fixed_amount: &str| {
            let input = ScheduleInput {
                total: dec(total),
                effective_date: Some(d(2025, 3, 3)),
                instalments: vec![
                    fixed("预付款", fixed_amount, after(5)),
                    pct("质保金", "5", after(10)),
                ],
                rest_day_rule: RestDayRule::NextWorkingDay,
            };
            payment_schedule(&input, &Calendar::new())
        };
        // 5% of 100,000.01 is 5,000.0005, 5,000.00 to the fen: with 95,000.01 fixed the
        // rows add up to the total. (Was refused: 各期金额合计100000.01元，比合同总额多0.00元.)
        let s = mixed("100000.01", "95000.01").unwrap();
        let amounts: Vec<String> = s.rows.iter().map(|r| r.amount.to_string()).collect();
        assert_eq!(amounts, ["95000.01", "5000.00"]);
        // 5% of 333,333.33 is 16,666.6665, 16,666.67 to the fen (was refused: 多0.00元, though
        // exactly 0.0035 short).
        let s = mixed("333333.33", "316666.66").unwrap();
        assert_eq!(s.rows[1].amount.to_string(), "16666.67");
        assert_eq!(s.rows[1].residue.to_string(), "0.00");
        // A fen off either way is refused, saying by how much, to the fen.
        for (fixed_amount, sum, difference, zh) in [
            (
                "95000.00",
                "100000.00",
                "-0.01",
                "各期金额合计100000.00元，比合同总额少0.01元",
            ),
            (
                "95000.02",
                "100000.02",
                "0.01",
                "各期金额合计100000.02元，比合同总额多0.01元",
            ),
        ] {
            let e = mixed("100000.01", fixed_amount).unwrap_err();
            assert_eq!(e.field, "instalments");
            assert_eq!(
                e.problem,
                Problem::AmountSum {
                    total: dec(sum),
                    difference: dec(difference)
                }
            );
            assert_eq!(e.problem.zh(), zh);
        }
    }

    #[test]
    fn monthly_instalment_expands_and_clamps() {
        let input = ScheduleInput {
            total: dec("1000"),
            effective_date: Some(d(2025, 1, 15)),
            instalments: vec![Instalment {
                name: "服务费".into(),
                kind: InstalmentKind::Monthly,
                share: Share::Percent {
                    percent: dec("100"),
                },
                due: DueRule::Monthly {
                    day: 31,
                    inclusive: true,
                    months: 3,
                    start_offset_months: 1,
                },
            }],
            rest_day_rule: RestDayRule::Keep,
        };
        let s = payment_schedule(&input, &Calendar::new()).unwrap();
        let amounts: Vec<String> = s.rows.iter().map(|r| r.amount.to_string()).collect();
        assert_eq!(amounts, ["333.33", "333.33", "333.34"]);
        assert_eq!(s.rows[0].due_date, Some(d(2025, 2, 28)));
        assert_eq!(s.rows[1].due_date, Some(d(2025, 3, 31)));
    }

    fn monthly(months: u32) -> DueRule {
        DueRule::Monthly {
            day: 10,
            inclusive: true,
            months,
            start_offset_months: 1,
        }
    }

    #[test]
    fn months_round_down_when_rounding_up_would_leave_the_last_negative() {
        for (total, months, each, last) in [
            // 1000 / 600 = 1.666…: 1.67 × 599 = 1,000.33 would leave −0.33 for the last month.
            ("1000", 600, "1.66", "5.66"),
            // 2 / 36 = 0.0555…: 0.06 × 35 = 2.10 would leave −0.10.
            ("2.00", 36, "0.05", "0.25"),
            // Rounding up fits: 四舍五入 as the contract says (1000 / 3 = 333.33, last 333.34).
            ("1000", 3, "333.33", "333.34"),
            ("1000", 6, "166.67", "166.65"),
        ] {
            let input = ScheduleInput {
                total: dec(total),
                effective_date: Some(d(2025, 3, 3)),
                instalments: vec![pct("服务费", "100", monthly(months))],
                rest_day_rule: RestDayRule::Keep,
            };
            let s = payment_schedule(&input, &Calendar::new()).unwrap();
            let (first, end) = (&s.rows[0], s.rows.last().unwrap());
            assert_eq!(s.rows.len(), months as usize);
            assert_eq!(
                (first.amount.to_string(), end.amount.to_string()),
                (each.to_string(), last.to_string()),
                "{total} / {months}"
            );
            assert!(s.rows.iter().all(|r| !r.amount.is_sign_negative()));
            assert_eq!(s.rows.iter().map(|r| r.amount).sum::<Decimal>(), dec(total));
        }
    }

    #[test]
    fn a_schedule_whose_last_row_would_be_negative_is_refused() {
        // 0.10 in 15 shares of 6.5% (0.0065 each, 0.01 rounded) and 2.5%: the 15 rows are
        // 0.15, more than the total, and the last would be −0.05.
        let mut instalments: Vec<Instalment> = (1..=15)
            .map(|k| pct(&format!("第{k}期"), "6.5", after(1)))
            .collect();
        instalments.push(pct("质保金", "2.5", after(2)));
        let input = ScheduleInput {
            total: dec("0.10"),
            effective_date: Some(d(2025, 3, 3)),
            instalments,
            rest_day_rule: RestDayRule::NextWorkingDay,
        };
        let e = payment_schedule(&input, &Calendar::new()).unwrap_err();
        assert_eq!(e.field, "instalments");
        assert_eq!(
            e.problem.zh(),
            "各期金额四舍五入到分后，前15期合计0.15元，已超过合同总额0.10元，最后一期将为负数（-0.05元）：请减少期数，或调整各期比例"
        );
        assert_eq!(
            e.problem.en(),
            "With each row rounded to the fen, the first 15 rows add up to 0.15, more than the total 0.10: the last row would be negative (-0.05). Use fewer rows or change the shares"
        );
    }

    #[test]
    fn bad_instalment_names_its_field() {
        let input = ScheduleInput {
            total: dec("1000"),
            effective_date: Some(d(2025, 3, 3)),
            instalments: vec![pct("一", "30", after(5)), pct("二", "-70", after(10))],
            rest_day_rule: RestDayRule::NextWorkingDay,
        };
        let err = payment_schedule(&input, &Calendar::new()).unwrap_err();
        assert_eq!(err.field, "instalments.1.share.percent");
    }
}
