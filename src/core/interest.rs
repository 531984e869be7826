//! Statutory late interest:
//! - LPR-based 逾期付款利息 on the 1-year Loan Prime Rate (from the 2019-08-20 reform),
//!   with a multiplier (×1.3, ×1.5 …), split wherever the LPR changed (floating rate).
//! - 迟延履行期间的债务利息 (judgment-delay interest): 日万分之一点七五 (0.0175% per day).
//!
//! Days run from `from` through `to`, both included. Interest per segment is
//! `principal × LPR × multiplier × days / day_basis`, 四舍五入 to the fen per segment.

use super::calendar::{add_days, date_zh};
use super::error::{Error, Problem, Result};
use super::money::{check_amount, check_percent, div, mul, round_fen};
use super::words::result_in_words;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// 1-year LPR change points (date the new value took effect, percent). Only changes are
/// listed; the rate holds until the next entry. Checked against published monthly fixings
/// through the 2026-05-20 fixing (3.00%).
pub const LPR_1Y: &[((i32, u32, u32), i64, u32)] = &[
    ((2019, 8, 20), 425, 2),
    ((2019, 9, 20), 420, 2),
    ((2019, 11, 20), 415, 2),
    ((2020, 2, 20), 405, 2),
    ((2020, 4, 20), 385, 2),
    ((2021, 12, 20), 380, 2),
    ((2022, 1, 20), 370, 2),
    ((2022, 8, 22), 365, 2),
    ((2023, 6, 20), 355, 2),
    ((2023, 8, 21), 345, 2),
    ((2024, 7, 22), 335, 2),
    ((2024, 10, 21), 310, 2),
    ((2025, 5, 20), 300, 2),
];

/// The last date for which the built-in LPR data is known to be current (the day before the
/// first fixing not checked).
pub const LPR_VERIFIED_THROUGH: (i32, u32, u32) = (2026, 6, 19);

/// The LPR table: built-in change points plus any the host adds.
#[derive(Debug, Clone)]
pub struct LprTable {
    points: Vec<(NaiveDate, Decimal)>,
    verified_through: NaiveDate,
}

impl Default for LprTable {
    fn default() -> Self {
        let points = LPR_1Y
            .iter()
            .filter_map(|&((y, m, d), v, s)| {
                NaiveDate::from_ymd_opt(y, m, d).map(|date| (date, Decimal::new(v, s)))
            })
            .collect();
        let (y, m, d) = LPR_VERIFIED_THROUGH;
        LprTable {
            points,
            verified_through: NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN),
        }
    }
}

impl LprTable {
    /// Add a newer fixing (the value in force from `date`). Extends the verified range to
    /// the day before the next monthly fixing would be due (about a month).
    pub fn add_fixing(&mut self, date: NaiveDate, percent: Decimal) -> Result<()> {
        check_percent("percent", percent, Decimal::from(20))?;
        self.points.retain(|(d, _)| *d != date);
        self.points.push((date, percent));
        self.points.sort_by_key(|(d, _)| *d);
        let next = add_days(date, 31)?;
        if next > self.verified_through {
            self.verified_through = next;
        }
        Ok(())
    }

    fn first(&self) -> NaiveDate {
        self.points.first().map(|p| p.0).unwrap_or(NaiveDate::MIN)
    }

    /// The rate in force on `d`.
    pub fn rate_on(&self, d: NaiveDate) -> Option<Decimal> {
        let idx = self.points.partition_point(|(date, _)| *date <= d);
        idx.checked_sub(1).map(|i| self.points[i].1)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LprInterestInput {
    pub principal: Decimal,
    /// First day of interest.
    pub from: NaiveDate,
    /// Last day of interest (included).
    pub to: NaiveDate,
    /// ×1 by default; courts often use ×1.3 or ×1.5 for 逾期付款.
    #[serde(default = "one")]
    pub multiplier: Decimal,
    /// 365 (default) or 360.
    #[serde(default = "days_365")]
    pub day_basis: u32,
}

fn one() -> Decimal {
    Decimal::ONE
}
fn days_365() -> u32 {
    365
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InterestSegment {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: u32,
    /// Annual rate applied, percent (LPR × multiplier).
    pub annual_percent: Decimal,
    pub amount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InterestResult {
    pub days: u32,
    pub segments: Vec<InterestSegment>,
    pub total: Decimal,
    pub total_words: String,
    /// True when some days lie after the last verified LPR fixing: the last known value was
    /// used for them.
    pub beyond_verified_data: bool,
}

fn check_period(from: NaiveDate, to: NaiveDate) -> Result<u32> {
    if to < from {
        return Err(Error::new(
            "to",
            Problem::DateOrder {
                zh: format!("截止日{}早于起算日{}", date_zh(to), date_zh(from)),
                en: format!("the end {to} is before the start {from}"),
            },
        ));
    }
    let days = (to - from).num_days() + 1;
    if days > 36_600 {
        return Err(Error::new(
            "to",
            Problem::OutOfRange {
                min: "1".into(),
                max: "36600 days".into(),
            },
        ));
    }
    Ok(days as u32)
}

/// LPR late interest, split wherever the LPR changed.
pub fn lpr_interest(input: &LprInterestInput, table: &LprTable) -> Result<InterestResult> {
    let principal = check_amount("principal", input.principal)?;
    let multiplier = check_percent("multiplier", input.multiplier, Decimal::from(10))?;
    if input.day_basis != 360 && input.day_basis != 365 {
        return Err(Error::rule(
            "day_basis",
            "计息基数只能是360或365天",
            "Day basis must be 360 or 365",
        ));
    }
    let days = check_period(input.from, input.to)?;
    if input.from < table.first() {
        return Err(Error::rule(
            "from",
            format!("LPR自{}起发布，之前的期间不能按LPR计算", table.first()),
            format!(
                "The LPR exists from {}; earlier periods cannot use it",
                table.first()
            ),
        ));
    }
    let basis = Decimal::from(input.day_basis);
    let mut segments = Vec::new();
    let mut from = input.from;
    while from <= input.to {
        let rate = table.rate_on(from).unwrap_or_default();
        let next_change = table
            .points
            .iter()
            .map(|(d, _)| *d)
            .find(|d| *d > from && *d <= input.to);
        let to = match next_change {
            Some(c) => add_days(c, -1)?,
            None => input.to,
        };
        let seg_days = ((to - from).num_days() + 1) as u32;
        let annual = mul("multiplier", rate, multiplier)?;
        let exact = div(
            "day_basis",
            mul(
                "principal",
                mul("principal", principal, annual)?,
                Decimal::from(seg_days),
            )?,
            basis * Decimal::ONE_HUNDRED,
        )?;
        segments.push(InterestSegment {
            from,
            to,
            days: seg_days,
            annual_percent: annual.normalize(),
            amount: round_fen(exact),
        });
        from = add_days(to, 1)?;
    }
    let total = round_fen(segments.iter().map(|s| s.amount).sum());
    Ok(InterestResult {
        days,
        segments,
        total,
        total_words: result_in_words("principal", total)?,
        beyond_verified_data: input.to > table.verified_through,
    })
}

/// 迟延履行期间的债务利息: principal × 0.0175% × days (from..=to), 四舍五入 to the fen.
pub fn judgment_delay_interest(
    principal: Decimal,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<InterestResult> {
    let principal = check_amount("principal", principal)?;
    let days = check_period(from, to)?;
    let daily = Decimal::new(175, 6); // 0.000175
    let amount = round_fen(mul(
        "principal",
        mul("principal", principal, daily)?,
        Decimal::from(days),
    )?);
    Ok(InterestResult {
        days,
        segments: vec![InterestSegment {
            from,
            to,
            days,
            annual_percent: daily * Decimal::from(36_500),
            amount,
        }],
        total: amount,
        total_words: result_in_words("principal", amount)?,
        beyond_verified_data: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::{d, dec};

    #[test]
    fn splits_at_lpr_change() {
        // 100,000 from 2024-10-01 to 2024-10-31: 20 days at 3.35%, 11 days at 3.10%.
        let r = lpr_interest(
            &LprInterestInput {
                principal: dec("100000"),
                from: d(2024, 10, 1),
                to: d(2024, 10, 31),
                multiplier: dec("1.5"),
                day_basis: 365,
            },
            &LprTable::default(),
        )
        .unwrap();
        assert_eq!(r.segments.len(), 2);
        assert_eq!(r.segments[0].days, 20);
        // 100000 × 3.35% × 1.5 × 20 / 365 = 275.342… → 275.34
        assert_eq!(r.segments[0].amount.to_string(), "275.34");
        // 100000 × 3.10% × 1.5 × 11 / 365 = 140.136… → 140.14
        assert_eq!(r.segments[1].amount.to_string(), "140.14");
        assert_eq!(r.total.to_string(), "415.48");
        assert!(!r.beyond_verified_data);
    }

    #[test]
    fn before_reform_is_an_error_and_stale_data_is_flagged() {
        let t = LprTable::default();
        let mut i = LprInterestInput {
            principal: dec("1000"),
            from: d(2019, 8, 1),
            to: d(2019, 9, 1),
            multiplier: Decimal::ONE,
            day_basis: 365,
        };
        assert_eq!(lpr_interest(&i, &t).unwrap_err().field, "from");
        i.from = d(2026, 6, 1);
        i.to = d(2026, 7, 1);
        assert!(lpr_interest(&i, &t).unwrap().beyond_verified_data);
    }

    #[test]
    fn host_added_fixing_applies_and_extends_verified_range() {
        let mut t = LprTable::default();
        // A hypothetical cut to 2.90% from 2026-07-20.
        t.add_fixing(d(2026, 7, 20), dec("2.90")).unwrap();
        assert_eq!(t.rate_on(d(2026, 7, 19)), Some(dec("3.00")));
        assert_eq!(t.rate_on(d(2026, 7, 20)), Some(dec("2.90")));
        let r = lpr_interest(
            &LprInterestInput {
                principal: dec("100000"),
                from: d(2026, 7, 1),
                to: d(2026, 8, 10),
                multiplier: Decimal::ONE,
                day_basis: 365,
            },
            &t,
        )
        .unwrap();
        assert_eq!(r.segments.len(), 2);
        assert!(
            !r.beyond_verified_data,
            "the new fixing vouches for the following month"
        );
        assert!(
            t.add_fixing(d(2026, 8, 20), dec("25")).is_err(),
            "an implausible rate is refused"
        );
    }

    #[test]
    fn judgment_delay() {
        // 100,000 × 0.0175% × 30 = 525.00
        let r = judgment_delay_interest(dec("100000"), d(2025, 1, 1), d(2025, 1, 30)).unwrap();
        assert_eq!(r.total.to_string(), "525.00");
    }
}
