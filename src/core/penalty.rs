//! Per-day late penalties (违约金/滞纳金): a rate per day on the unpaid amount or on the
//! contract total, or a fixed sum per day; grace days; a cap; partial payments.
//!
//! Conventions, each explicit in the input:
//! - Day count (default [`DayCount::ThroughPaymentDay`]): overdue days run from the day after
//!   the due date through the payment date; a payment made on day P still counts day P on the
//!   old balance.
//! - Grace (default [`GraceMode::Deducted`]): the first N overdue days carry no penalty.
//! - Rounding: each segment's penalty is 四舍五入 to the fen ([`round_fen`]); the total is the
//!   sum of the rounded segments, then the cap.

use super::calendar::{add_days, date_order, date_zh};
use super::error::{Error, Problem, Result};
use super::money::{
    check_amount, check_percent, fmt_money, mul, percent_of, round_display, round_fen,
};
use super::words::result_in_words;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The unit a per-day rate is written in.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum RateUnit {
    /// 百分之 (%)
    #[default]
    Percent,
    /// 千分之 (‰)
    PerMille,
    /// 万分之
    PerTenThousand,
}

impl RateUnit {
    pub fn divisor(self) -> Decimal {
        match self {
            RateUnit::Percent => Decimal::ONE_HUNDRED,
            RateUnit::PerMille => Decimal::ONE_THOUSAND,
            RateUnit::PerTenThousand => Decimal::from(10_000),
        }
    }
    pub fn zh(self, value: Decimal) -> String {
        let v = value.normalize();
        match self {
            RateUnit::Percent => format!("{v}%"),
            RateUnit::PerMille => format!("千分之{v}"),
            RateUnit::PerTenThousand => format!("万分之{v}"),
        }
    }
}

/// What a per-day rate applies to.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PenaltyBase {
    /// 未支付金额: the outstanding balance, day by day.
    #[default]
    Unpaid,
    /// 合同总额: the contract total, for as long as anything is outstanding.
    Total,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, tag = "type", rename_all = "snake_case")]
/// The penalty per day. Keys other than these are refused (a misspelt `unit` would otherwise
/// mean percent).
pub enum PenaltyRate {
    /// `rate` per day, in `unit`, of `base`: `{ type: 'per_day', rate: '0.5', unit: 'per_mille' }`
    /// is 0.5‰ a day.
    PerDay {
        rate: Decimal,
        /// `'percent'` (the default when left out), `'per_mille'` (‰) or `'per_ten_thousand'`.
        #[serde(default)]
        unit: RateUnit,
        /// `'unpaid'` (the default: the outstanding balance) or `'total'`.
        #[serde(default)]
        base: PenaltyBase,
    },
    /// A fixed amount per day.
    FixedPerDay { amount: Decimal },
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CapBase {
    #[default]
    Total,
    AmountDue,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, tag = "type", rename_all = "snake_case")]
pub enum Cap {
    /// 最高不超过人民币X元
    Absolute { amount: Decimal },
    /// 最高不超过总额的X%
    PercentOf {
        percent: Decimal,
        #[serde(default)]
        base: CapBase,
    },
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DayCount {
    /// From the day after the due date through the payment date (default).
    #[default]
    ThroughPaymentDay,
    /// From the day after the due date through the day before payment.
    BeforePaymentDay,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum GraceMode {
    /// The first N overdue days are free; the penalty counts from day N+1.
    #[default]
    Deducted,
    /// No penalty if paid within N days; otherwise counted from the first overdue day.
    ThresholdOnly,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payment {
    pub date: NaiveDate,
    pub amount: Decimal,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PenaltyInput {
    /// The last day on which payment was on time.
    pub due_date: NaiveDate,
    /// The amount due on that date.
    pub amount_due: Decimal,
    /// The contract total, needed for a rate or cap on the total.
    #[serde(default)]
    pub contract_total: Option<Decimal>,
    pub rate: PenaltyRate,
    #[serde(default)]
    pub grace_days: u32,
    #[serde(default)]
    pub grace_mode: GraceMode,
    #[serde(default)]
    pub cap: Option<Cap>,
    #[serde(default)]
    pub payments: Vec<Payment>,
    /// Calculate up to this date for whatever is still unpaid.
    pub as_of: NaiveDate,
    #[serde(default)]
    pub day_count: DayCount,
}

/// A run of days with the same balance.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: u32,
    /// Outstanding balance during the segment.
    pub balance: Decimal,
    /// What the rate applies to (balance or total); the fixed daily sum for fixed penalties.
    pub base: Decimal,
    /// Penalty for the segment, rounded to the fen.
    pub amount: Decimal,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PenaltyResult {
    /// Days from the day after the due date to the end of the count.
    pub overdue_days: u32,
    /// Overdue days that carry a penalty (after grace).
    pub penalty_days: u32,
    /// Daily rate as a fraction (0.0005 = 万分之五); zero for a fixed daily sum.
    pub daily_rate: Decimal,
    /// The daily rate as a yearly percentage (×365), for comparison with the LPR.
    pub annualized_percent: Decimal,
    pub segments: Vec<Segment>,
    pub uncapped_total: Decimal,
    pub cap_amount: Option<Decimal>,
    pub capped: bool,
    pub total: Decimal,
    pub total_words: String,
    /// The balance still unpaid at the end of the count.
    pub outstanding: Decimal,
}

const MAX_DAYS: i64 = 36_600;

/// Compute a per-day late penalty.
pub fn late_penalty(input: &PenaltyInput) -> Result<PenaltyResult> {
    let amount_due = check_amount("amount_due", input.amount_due)?;
    let total = match input.contract_total {
        Some(t) => Some(check_amount("contract_total", t)?),
        None => None,
    };
    let need_total = || {
        total.ok_or_else(|| {
            Error::rule(
                "contract_total",
                "按合同总额计算时需要填写合同总额",
                "The contract total is needed for a rate or cap on the total",
            )
        })
    };
    let (daily_rate, fixed) = match &input.rate {
        PenaltyRate::PerDay { rate, unit, .. } => {
            let r = check_percent("rate.rate", *rate, unit.divisor())?;
            (r / unit.divisor(), None)
        }
        PenaltyRate::FixedPerDay { amount } => {
            (Decimal::ZERO, Some(check_amount("rate.amount", *amount)?))
        }
    };
    let rate_base_total = matches!(
        input.rate,
        PenaltyRate::PerDay {
            base: PenaltyBase::Total,
            ..
        }
    );
    let total_for_rate = if rate_base_total {
        Some(need_total()?)
    } else {
        None
    };
    if i64::from(input.grace_days) > MAX_DAYS {
        return Err(Error::new(
            "grace_days",
            Problem::OutOfRange {
                min: "0".into(),
                max: MAX_DAYS.to_string(),
            },
        ));
    }
    if (input.as_of - input.due_date).num_days() > MAX_DAYS {
        return Err(Error::new(
            "as_of",
            Problem::OutOfRange {
                min: input.due_date.to_string(),
                max: format!("+{MAX_DAYS} days"),
            },
        ));
    }

    // Payments, in date order, checked against the balance.
    let payments: Vec<(usize, &Payment)> = date_order(input.payments.iter().map(|p| p.date))
        .into_iter()
        .map(|i| (i, &input.payments[i]))
        .collect();
    let mut paid = Decimal::ZERO;
    for (i, p) in &payments {
        let field = format!("payments.{i}");
        let amount = check_amount("amount", p.amount).map_err(|e| e.within(&field))?;
        if p.date > input.as_of {
            return Err(Error::new(
                format!("{field}.date"),
                Problem::DateOrder {
                    zh: format!(
                        "付款日{}晚于计算截止日{}",
                        date_zh(p.date),
                        date_zh(input.as_of)
                    ),
                    en: format!(
                        "the payment on {} is after the calculation date {}",
                        p.date, input.as_of
                    ),
                },
            ));
        }
        paid += amount;
        if paid > amount_due {
            return Err(Error::rule(
                format!("{field}.amount"),
                format!(
                    "累计付款{}元超过应付金额{}元",
                    fmt_money(paid),
                    fmt_money(amount_due)
                ),
                format!(
                    "Payments so far ({}) exceed the amount due ({})",
                    fmt_money(paid),
                    fmt_money(amount_due)
                ),
            ));
        }
    }

    // Balance on an overdue day `d`.
    let through = input.day_count == DayCount::ThroughPaymentDay;
    let balance_on = |d: NaiveDate| -> Decimal {
        let paid: Decimal = payments
            .iter()
            .filter(|(_, p)| if through { p.date < d } else { p.date <= d })
            .map(|(_, p)| p.amount)
            .sum();
        amount_due - paid
    };

    // The count ends when the balance is cleared, or at the calculation date.
    let cleared_on = {
        let mut running = amount_due;
        let mut cleared = if amount_due.is_zero() {
            Some(input.due_date)
        } else {
            None
        };
        for (_, p) in &payments {
            running -= p.amount;
            if running.is_zero() && cleared.is_none() {
                cleared = Some(p.date);
            }
        }
        cleared
    };
    let end = match cleared_on {
        Some(p) if p <= input.due_date => input.due_date,
        Some(p) if through => p,
        Some(p) => add_days(p, -1)?,
        None => input.as_of,
    };
    let overdue_days = (end - input.due_date).num_days().max(0) as u32;
    let free_days = match input.grace_mode {
        GraceMode::Deducted => input.grace_days,
        GraceMode::ThresholdOnly if overdue_days <= input.grace_days => overdue_days,
        GraceMode::ThresholdOnly => 0,
    }
    .min(overdue_days);
    let penalty_days = overdue_days - free_days;

    let mut segments: Vec<Segment> = Vec::new();
    if penalty_days > 0 {
        let first = add_days(input.due_date, i64::from(free_days) + 1)?;
        // Days where the balance may change: payment days (or the day after).
        let mut cuts: Vec<NaiveDate> = payments
            .iter()
            .map(|(_, p)| {
                if through {
                    add_days(p.date, 1)
                } else {
                    Ok(p.date)
                }
            })
            .collect::<Result<_>>()?;
        cuts.retain(|c| *c > first && *c <= end);
        cuts.dedup();
        let mut from = first;
        for boundary in cuts.into_iter().chain(std::iter::once(add_days(end, 1)?)) {
            if boundary <= from {
                continue;
            }
            let to = add_days(boundary, -1)?;
            let days = (boundary - from).num_days() as u32;
            let balance = balance_on(from);
            let (base, amount) = match fixed {
                Some(per_day) => (per_day, mul("rate.amount", per_day, Decimal::from(days))?),
                None => {
                    let base = total_for_rate.unwrap_or(balance);
                    let exact = mul(
                        "rate.rate",
                        mul("rate.rate", base, daily_rate)?,
                        Decimal::from(days),
                    )?;
                    (base, round_fen(exact))
                }
            };
            segments.push(Segment {
                from,
                to,
                days,
                balance,
                base,
                amount: round_fen(amount),
            });
            from = boundary;
        }
    }

    let uncapped_total: Decimal = segments.iter().map(|s| s.amount).sum();
    let cap_amount = match &input.cap {
        None => None,
        Some(Cap::Absolute { amount }) => Some(check_amount("cap.amount", *amount)?),
        Some(Cap::PercentOf { percent, base }) => {
            let p = check_percent("cap.percent", *percent, Decimal::from(1000))?;
            let base_amount = match base {
                CapBase::Total => need_total()?,
                CapBase::AmountDue => amount_due,
            };
            Some(round_fen(percent_of("cap.percent", base_amount, p)?))
        }
    };
    let capped = cap_amount.is_some_and(|c| uncapped_total > c);
    let total_penalty = match cap_amount {
        Some(c) if capped => c,
        _ => round_fen(uncapped_total),
    };
    Ok(PenaltyResult {
        overdue_days,
        penalty_days,
        daily_rate: daily_rate.normalize(),
        annualized_percent: round_display(daily_rate * Decimal::from(36_500), 4),
        segments,
        uncapped_total: round_fen(uncapped_total),
        cap_amount,
        capped,
        total: total_penalty,
        total_words: result_in_words("rate.rate", total_penalty)?,
        outstanding: round_fen(balance_on(add_days(end, 1)?)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::{d, dec};

    fn base_input() -> PenaltyInput {
        PenaltyInput {
            due_date: d(2025, 3, 10),
            amount_due: dec("10000"),
            contract_total: Some(dec("100000")),
            rate: PenaltyRate::PerDay {
                rate: dec("0.05"),
                unit: RateUnit::Percent,
                base: PenaltyBase::Unpaid,
            },
            grace_days: 0,
            grace_mode: GraceMode::Deducted,
            cap: None,
            payments: vec![],
            as_of: d(2025, 3, 20),
            day_count: DayCount::ThroughPaymentDay,
        }
    }

    #[test]
    fn simple_ten_days() {
        let r = late_penalty(&base_input()).unwrap();
        assert_eq!(r.overdue_days, 10);
        assert_eq!(r.total.to_string(), "50.00"); // 10000 × 0.05% × 10
    }

    #[test]
    fn partial_payment_splits_segments() {
        let mut i = base_input();
        // 6000 paid on 03-15 (day 5 still on 10000), rest on 03-20.
        i.payments = vec![
            Payment {
                date: d(2025, 3, 15),
                amount: dec("6000"),
            },
            Payment {
                date: d(2025, 3, 20),
                amount: dec("4000"),
            },
        ];
        let r = late_penalty(&i).unwrap();
        assert_eq!(r.segments.len(), 2);
        assert_eq!(
            (r.segments[0].days, r.segments[0].balance.to_string()),
            (5, "10000.00".into())
        );
        assert_eq!(
            (r.segments[1].days, r.segments[1].balance.to_string()),
            (5, "4000.00".into())
        );
        assert_eq!(r.total.to_string(), "35.00"); // 25 + 10
        assert!(r.outstanding.is_zero());
    }

    #[test]
    fn grace_and_cap() {
        let mut i = base_input();
        i.grace_days = 3;
        let r = late_penalty(&i).unwrap();
        assert_eq!(r.penalty_days, 7);
        assert_eq!(r.total.to_string(), "35.00");
        i.cap = Some(Cap::Absolute { amount: dec("20") });
        let r = late_penalty(&i).unwrap();
        assert!(r.capped);
        assert_eq!(r.total.to_string(), "20.00");
        assert_eq!(r.uncapped_total.to_string(), "35.00");
    }

    #[test]
    fn threshold_grace() {
        let mut i = base_input();
        i.grace_days = 15;
        i.grace_mode = GraceMode::ThresholdOnly;
        assert!(late_penalty(&i).unwrap().total.is_zero());
        i.grace_days = 5;
        assert_eq!(late_penalty(&i).unwrap().total.to_string(), "50.00");
    }

    #[test]
    fn overpayment_names_the_payment() {
        let mut i = base_input();
        i.payments = vec![Payment {
            date: d(2025, 3, 12),
            amount: dec("10000.01"),
        }];
        assert_eq!(late_penalty(&i).unwrap_err().field, "payments.0.amount");
    }
}
