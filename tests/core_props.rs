//! Property tests of the core's invariants.

use chrono::{Days, NaiveDate};
use contract_calc::core::calendar::{Calendar, DayKind, RestDayRule};
use contract_calc::core::penalty::*;
use contract_calc::core::schedule::*;
use contract_calc::core::words::{amount_in_words, parse_amount_in_words};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn date(offset: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Days::new(u64::from(offset))
}

/// Percentages in basis points that sum to exactly 100%.
fn shares() -> impl Strategy<Value = Vec<Decimal>> {
    prop::collection::vec(1u32..10_000, 1..12).prop_map(|weights| {
        let sum: u32 = weights.iter().sum();
        let mut bps: Vec<u32> = weights.iter().map(|w| w * 10_000 / sum).collect();
        let assigned: u32 = bps.iter().sum();
        *bps.last_mut().unwrap() += 10_000 - assigned;
        bps.into_iter()
            .map(|b| Decimal::new(i64::from(b), 2))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn words_round_trip(fen in 0i64..=99_999_999_999_999) {
        let amount = Decimal::new(fen, 2);
        let words = amount_in_words(amount).unwrap();
        prop_assert_eq!(parse_amount_in_words(&words).unwrap(), amount, "{}", words);
    }

    #[test]
    fn schedule_rows_sum_to_total(fen in 0i64..=99_999_999_999_999, percents in shares(), start in 0u32..2000) {
        let total = Decimal::new(fen, 2);
        let instalments = percents
            .iter()
            .enumerate()
            .map(|(i, p)| Instalment {
                name: format!("第{}期", i + 1),
                kind: InstalmentKind::Other,
                share: Share::Percent { percent: *p },
                due: DueRule::AfterEffective { days: 10 * i as u32, day_kind: DayKind::Calendar },
            })
            .collect();
        let input = ScheduleInput { total, effective_date: date(start), instalments, rest_day_rule: RestDayRule::NextWorkingDay };
        let s = payment_schedule(&input, &Calendar::new()).unwrap();
        let sum: Decimal = s.rows.iter().map(|r| r.amount).sum();
        prop_assert_eq!(sum, total);
        prop_assert!(s.rows.iter().all(|r| r.residue.abs() <= Decimal::new(1, 2) * Decimal::from(s.rows.len() as u64)));
    }

    #[test]
    fn penalty_never_exceeds_cap(
        due_fen in 1i64..1_000_000_000,
        rate_bp in 0i64..1000,
        cap_pct in 0i64..100,
        days in 0u32..2000,
        pay_days in prop::collection::vec(0u32..2000, 0..5),
    ) {
        let amount_due = Decimal::new(due_fen, 2);
        let due_date = date(0);
        let as_of = date(days);
        let mut payments = Vec::new();
        let mut left = amount_due;
        for pd in pay_days.into_iter().filter(|pd| *pd <= days) {
            let part = (left / Decimal::from(2)).round_dp(2);
            if part.is_zero() { break; }
            left -= part;
            payments.push(Payment { date: date(pd), amount: part });
        }
        let input = PenaltyInput {
            due_date,
            amount_due,
            contract_total: Some(amount_due),
            rate: PenaltyRate::PerDay { rate: Decimal::new(rate_bp, 2), unit: RateUnit::Percent, base: PenaltyBase::Unpaid },
            grace_days: 0,
            grace_mode: GraceMode::Deducted,
            cap: Some(Cap::PercentOf { percent: Decimal::from(cap_pct), base: CapBase::Total }),
            payments,
            as_of,
            day_count: DayCount::ThroughPaymentDay,
        };
        let r = late_penalty(&input).unwrap();
        prop_assert!(r.total <= r.cap_amount.unwrap());
        prop_assert!(r.total <= r.uncapped_total);
        let seg_days: u32 = r.segments.iter().map(|s| s.days).sum();
        prop_assert_eq!(seg_days, r.penalty_days);
    }

    #[test]
    fn add_then_count_working_days(start in 0u32..2500, n in 0u32..250) {
        let cal = Calendar::new();
        let s = date(start);
        if let Ok(end) = cal.add_working_days(s, n) {
            prop_assert_eq!(cal.count_working_days(s, end).unwrap(), n);
            if n > 0 { prop_assert!(cal.is_working_day(end).unwrap()); }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// The fast integer `round_fen` is exactly Decimal's half-away-from-zero rounding.
    #[test]
    fn round_fen_matches_decimal_rounding(m in any::<i64>(), scale in 0u32..=12) {
        let x = Decimal::new(m, scale);
        let mut expected = x.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        expected.rescale(2);
        let got = contract_calc::core::money::round_fen(x);
        prop_assert_eq!(got, expected);
        prop_assert_eq!(got.scale(), 2);
    }
}
