//! Property tests of the core's invariants.

use chrono::{Datelike, Days, Months, NaiveDate};
use contract_calc::core::calendar::{Calendar, DayKind, RestDayRule, BUILTIN_FIRST, BUILTIN_LAST};
use contract_calc::core::devices::*;
use contract_calc::core::money::{parse_amount, MAX_AMOUNT};
use contract_calc::core::penalty::*;
use contract_calc::core::schedule::*;
use contract_calc::core::words::{amount_in_words, parse_amount_in_words};
use contract_calc::core::Problem;
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

    /// A money field reads an amount back whichever way it is written: plain, in 大写, or
    /// with 亿/万 units (each part written out in full: 1亿0200万0030, or with 零).
    #[test]
    fn money_field_reads_units_and_words(fen in 0i64..=99_999_999_999_999, with_zero in any::<bool>()) {
        let amount = Decimal::new(fen, 2);
        prop_assert_eq!(parse_amount(&amount.to_string()).unwrap(), amount);
        prop_assert_eq!(parse_amount(&amount_in_words(amount).unwrap()).unwrap(), amount);
        let (yi, wan, rest) = (fen / 10_000_000_000, fen / 1_000_000 % 10_000, Decimal::new(fen % 1_000_000, 2));
        let mut text = String::new();
        if yi > 0 {
            text += &format!("{yi}亿");
        }
        if wan > 0 {
            text += &if yi > 0 && !with_zero { format!("{wan:04}万") } else { format!("{wan}万") };
        }
        if !rest.is_zero() || text.is_empty() {
            text += &match (text.is_empty(), with_zero) {
                (true, _) => rest.to_string(),
                (false, false) => format!("{rest:07.2}"),
                (false, true) => format!("零{rest}"),
            };
        }
        prop_assert_eq!(parse_amount(&text).unwrap(), amount, "{}", text);
    }

    /// A money field reads whole yuan written as Chinese numbers are, with digits: groups
    /// of 千/百/十 (or plain digits) closed by 亿 and 万, a 零 for a gap (1亿零5千, 3千零5,
    /// 12万零500, 3千5百万, 5十万).
    #[test]
    fn money_field_reads_groups_of_units(yuan in 0u64..=999_999_999_999, digits in any::<[bool; 3]>()) {
        let text = in_units(yuan, digits);
        prop_assert_eq!(parse_amount(&text), Ok(Decimal::from(yuan)), "{}", text);
    }

    /// A number with decimals before a unit, compound units too (1.2千万, 3.5百亿): the
    /// number times the unit, or an error when that is not a whole fen or too large.
    #[test]
    fn money_field_reads_compound_units(m in 1i64..100_000, places in 0u32..=5, unit in 0usize..11) {
        let (name, size) = [
            ("十", 10i64), ("百", 100), ("千", 1_000), ("万", 10_000), ("十万", 100_000),
            ("百万", 1_000_000), ("千万", 10_000_000), ("亿", 100_000_000),
            ("十亿", 1_000_000_000), ("百亿", 10_000_000_000), ("千亿", 100_000_000_000),
        ][unit];
        let number = Decimal::new(m, places);
        let text = format!("{number}{name}");
        let value = number * Decimal::from(size);
        match parse_amount(&text) {
            Ok(v) => prop_assert_eq!(v, value, "{}", text),
            Err(e) => prop_assert!(value.normalize().scale() > 2 || value > MAX_AMOUNT, "{}: {:?}", text, e),
        }
    }

    /// A money field reads every 大写 amount_in_words writes, zero included, and its
    /// traditional forms as parse_amount_in_words reads them (貳 參/叄 陸 萬 億 圓, 零 as 〇).
    #[test]
    fn money_field_reads_words_in_every_form(
        fen in prop_oneof![Just(0i64), 0i64..=99_999_999_999_999],
        traditional in any::<bool>(),
        three in prop_oneof![Just('參'), Just('叄')],
        ling in prop_oneof![Just('零'), Just('〇')],
    ) {
        let amount = Decimal::new(fen, 2);
        let words: String = amount_in_words(amount)
            .unwrap()
            .chars()
            .map(|c| match (c, traditional) {
                ('零', _) => ling,
                ('叁', true) => three,
                ('贰', true) => '貳',
                ('陆', true) => '陸',
                ('万', true) => '萬',
                ('亿', true) => '億',
                ('元', true) => '圓',
                (c, _) => c,
            })
            .collect();
        prop_assert_eq!(parse_amount_in_words(&words).unwrap(), amount, "{}", words);
        prop_assert_eq!(parse_amount(&words).unwrap(), amount, "{}", words);
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
        let input = ScheduleInput { total, effective_date: Some(date(start)), instalments, rest_day_rule: RestDayRule::NextWorkingDay };
        let s = match payment_schedule(&input, &Calendar::new()) {
            Ok(s) => s,
            Err(e) => return refused_only_for_a_last_row_under_a_fen_a_row(&input, &e),
        };
        let sum: Decimal = s.rows.iter().map(|r| r.amount).sum();
        prop_assert_eq!(sum, total);
        // Equal rows share their 大写: it must still be each row's own.
        for r in &s.rows {
            prop_assert_eq!(&r.words, &amount_in_words(r.amount).unwrap());
        }
        prop_assert!(s.rows.iter().all(|r| r.residue.abs() <= Decimal::new(1, 2) * Decimal::from(s.rows.len() as u64)));
    }

    /// A fixed sum beside a percentage adds up when the exact sum, to the fen, is the total:
    /// then the rows sum to it; a fen or two off either way is refused, saying by how much.
    #[test]
    fn fixed_and_percent_shares_add_up_to_the_fen(
        fen in 0i64..=99_999_999_999_999,
        bp in 1u32..10_000,
        off in -2i64..=2,
    ) {
        let total = Decimal::new(fen, 2);
        let percent = Decimal::new(i64::from(bp), 2);
        let share = contract_calc::core::money::round_fen(total * percent / Decimal::ONE_HUNDRED);
        let fixed = total - share + Decimal::new(off, 2);
        prop_assume!(!fixed.is_sign_negative());
        let instalment = |share| Instalment {
            name: "款".into(),
            kind: InstalmentKind::Other,
            share,
            due: DueRule::AfterEffective { days: 5, day_kind: DayKind::Calendar },
        };
        let input = ScheduleInput {
            total,
            effective_date: Some(date(0)),
            instalments: vec![instalment(Share::Fixed { amount: fixed }), instalment(Share::Percent { percent })],
            rest_day_rule: RestDayRule::Keep,
        };
        match payment_schedule(&input, &Calendar::new()) {
            Ok(s) => {
                prop_assert_eq!(off, 0);
                prop_assert_eq!(s.rows[0].amount, fixed);
                prop_assert_eq!(s.rows[1].amount, share);
            }
            Err(e) => {
                prop_assert_ne!(off, 0, "{}", e.problem.zh());
                prop_assert_eq!(e.problem, Problem::AmountSum { total: total + Decimal::new(off, 2), difference: Decimal::new(off, 2) });
            }
        }
    }

    /// Shares of small totals too, some paid monthly (up to 600 months): no row is negative,
    /// the rows sum to the total, and a monthly instalment's months are equal but the last.
    #[test]
    fn schedule_rows_are_never_negative(
        fen in prop_oneof![0i64..2_000, 0i64..=99_999_999_999_999],
        percents in shares(),
        months in prop::collection::vec(prop_oneof![Just(1u32), 2u32..40, Just(600)], 12),
    ) {
        let total = Decimal::new(fen, 2);
        let instalments = percents
            .iter()
            .zip(&months)
            .map(|(p, &months)| Instalment {
                name: "款".into(),
                kind: InstalmentKind::Other,
                share: Share::Percent { percent: *p },
                due: if months == 1 {
                    DueRule::AfterEffective { days: 5, day_kind: DayKind::Calendar }
                } else {
                    DueRule::Monthly { day: 10, inclusive: true, months, start_offset_months: 1 }
                },
            })
            .collect();
        let input = ScheduleInput { total, effective_date: Some(date(0)), instalments, rest_day_rule: RestDayRule::Keep };
        let s = match payment_schedule(&input, &Calendar::new()) {
            Ok(s) => s,
            Err(e) => return refused_only_for_a_last_row_under_a_fen_a_row(&input, &e),
        };
        prop_assert!(s.rows.iter().all(|r| !r.amount.is_sign_negative()), "{:?}", s.rows.iter().map(|r| r.amount).collect::<Vec<_>>());
        prop_assert_eq!(s.rows.iter().map(|r| r.amount).sum::<Decimal>(), total);
        for (i, &months) in months.iter().take(percents.len()).enumerate() {
            let rows: Vec<Decimal> = s.rows.iter().filter(|r| r.instalment == i).map(|r| r.amount).collect();
            prop_assert_eq!(rows.len(), months as usize);
            prop_assert!(rows[..rows.len() - 1].iter().all(|a| *a == rows[0]));
        }
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

    /// A prorated device line is its exact amount, fee × device-days ÷ days, rounded half up
    /// to the fen once: here computed in whole fen with integers. Half the cases move the fee
    /// to one whose exact amount ends in half a fen, where rounding goes wrong if it can.
    #[test]
    fn device_line_is_the_exact_proration_rounded_once(
        fee_fen in 0i64..=1_000_000_000,
        half_fen in any::<bool>(),
        count in 0u32..50,
        added in 1i64..20,
        month in 0u32..24,
        day in 2u32..=28,
    ) {
        let start = NaiveDate::from_ymd_opt(2024 + month as i32 / 12, month % 12 + 1, 1).unwrap();
        let days = i128::from((start + Months::new(1) - start).num_days() as u32);
        let device_days = i128::from(count) * days + i128::from(added) * (days - i128::from(day) + 1);
        let mut fee = i128::from(fee_fen);
        if half_fen {
            // 2 × fee × device-days ≡ days (mod 2 × days), if any fee in the next 2 × days does.
            fee = (fee..fee + 2 * days).find(|f| 2 * f * device_days % (2 * days) == days).unwrap_or(fee);
        }
        let input = DeviceFeeInput {
            start,
            months: 1,
            base_monthly_fee: Decimal::ZERO,
            devices: vec![DeviceType { id: "pc".into(), name: "台式机".into(), monthly_fee: Decimal::from_i128_with_scale(fee, 2), count }],
            changes: vec![CountChange { date: start.with_day(day).unwrap(), device: "pc".into(), delta: added }],
            proration: Proration::ByCalendarDays,
            discount_percent: Decimal::ZERO,
            vat: None,
            due: None,
        };
        let r = device_fees(&input, &Calendar::new()).unwrap();
        let fen = (2 * fee * device_days + days) / (2 * days);
        prop_assert_eq!(r.months[0].lines[0].device_days, device_days as u64);
        prop_assert_eq!(r.months[0].lines[0].amount, Decimal::from_i128_with_scale(fen, 2));
    }

    /// Device fees do not depend on the order count changes are listed in: those of one day
    /// are applied together, and the same changes listed otherwise give the same fees or
    /// are refused alike.
    #[test]
    fn device_fees_do_not_depend_on_the_order_of_changes(
        changes in prop::collection::vec((0u64..5, any::<bool>(), -2i64..=2), 0..8),
        counts in (0u32..3, 0u32..3),
        proration in prop_oneof![Just(Proration::ByCalendarDays), Just(Proration::FullMonth), Just(Proration::FromNextMonth)],
        rotate in 0usize..8,
    ) {
        let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let device = |id: &str, name: &str, fee: &str, count| DeviceType { id: id.into(), name: name.into(), monthly_fee: fee.parse().unwrap(), count };
        let input = |changes: Vec<CountChange>| DeviceFeeInput {
            start,
            months: 2,
            base_monthly_fee: Decimal::ZERO,
            devices: vec![device("pc", "台式机", "31", counts.0), device("laptop", "笔记本", "50", counts.1)],
            changes,
            proration,
            discount_percent: Decimal::ZERO,
            vat: None,
            due: None,
        };
        let listed: Vec<CountChange> = changes
            .iter()
            .map(|&(day, laptop, delta)| CountChange {
                date: start + Days::new(20 + day * 7),
                device: if laptop { "laptop" } else { "pc" }.into(),
                delta,
            })
            .collect();
        let mut other = listed.clone();
        other.reverse();
        if !other.is_empty() {
            let k = rotate % other.len();
            other.rotate_left(k);
        }
        let (a, b) = (device_fees(&input(listed), &Calendar::new()), device_fees(&input(other), &Calendar::new()));
        prop_assert_eq!(a.is_ok(), b.is_ok(), "{:?} / {:?}", a.as_ref().err(), b.as_ref().err());
        prop_assert_eq!(a.ok(), b.ok());
    }

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

/// `yuan` as Chinese numbers are written, with digits: each group of 亿, 万 and units in
/// 千/百/十 (or in plain digits where `digits` says), a 零 for each gap.
fn in_units(yuan: u64, digits: [bool; 3]) -> String {
    // A group under 10,000 in 千/百/十: 3千零5, 5十, 1千零1十.
    let small = |g: u64| {
        let mut out = String::new();
        let mut gap = false;
        for (size, unit) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")] {
            let d = g / size % 10;
            if d == 0 {
                gap = !out.is_empty();
            } else {
                if gap {
                    out.push('零');
                }
                out += &format!("{d}{unit}");
                gap = false;
            }
        }
        out
    };
    let mut out = String::new();
    let mut gap = false;
    let groups = [
        (yuan / 100_000_000, "亿"),
        (yuan / 10_000 % 10_000, "万"),
        (yuan % 10_000, ""),
    ];
    for ((g, unit), digits) in groups.into_iter().zip(digits) {
        if g == 0 {
            gap = !out.is_empty();
            continue;
        }
        if !out.is_empty() && (gap || g < 1000) {
            out.push('零');
        }
        out += &if digits { g.to_string() } else { small(g) };
        out += unit;
        gap = false;
    }
    if out.is_empty() {
        out.push('0');
    }
    out
}

/// A schedule is refused only when its rows, each rounded to the fen, leave the last row
/// negative, and that needs a last instalment of less than a fen per row of the schedule
/// (each row before it is at most half a fen over its exact share).
fn refused_only_for_a_last_row_under_a_fen_a_row(
    input: &ScheduleInput,
    e: &contract_calc::core::Error,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(&e.field, "instalments");
    prop_assert!(
        e.problem.zh().contains("最后一期将为负数"),
        "{}",
        e.problem.zh()
    );
    let months = |i: &Instalment| match i.due {
        DueRule::Monthly { months, .. } => months,
        _ => 1,
    };
    let rows: u32 = input.instalments.iter().map(months).sum();
    let last = input.instalments.last().unwrap();
    let Share::Percent { percent } = last.share else {
        return Ok(());
    };
    let per_row = input.total * percent / Decimal::ONE_HUNDRED / Decimal::from(months(last));
    prop_assert!(
        per_row < Decimal::new(1, 2) * Decimal::from(rows),
        "{} a row, {} rows",
        per_row,
        rows
    );
    Ok(())
}

/// The working-day calendar as the plain day-by-day definition, to check the calendar's
/// precomputed table against: built-in data from the `chinese_holiday` crate, host-added years
/// by the weekday rule with their listed exceptions, nothing else covered.
struct DayByDay {
    /// Host-added years and their special days (`true` = a working day).
    years: Vec<(i32, Vec<(NaiveDate, bool)>)>,
}

impl DayByDay {
    /// `None` for a date the data does not cover.
    fn working(&self, d: NaiveDate) -> Option<bool> {
        use chrono::{Datelike, Weekday};
        let (f, l) = (BUILTIN_FIRST, BUILTIN_LAST);
        let builtin = NaiveDate::from_ymd_opt(f.0, f.1, f.2).unwrap()
            ..=NaiveDate::from_ymd_opt(l.0, l.1, l.2).unwrap();
        let has_year = |y: i32| self.years.iter().any(|(x, _)| *x == y);
        // A host year covers itself; the next year after the built-in data also covers the
        // built-in data's last days of December. A listed day (of its year or of the December
        // before) overrides the weekday rule and the built-in data.
        let host_covered =
            has_year(d.year()) || (d > *builtin.end() && d.year() == l.0 && has_year(d.year() + 1));
        let listed = self
            .years
            .iter()
            .flat_map(|(_, days)| days)
            .find(|(x, _)| *x == d)
            .map(|(_, w)| *w);
        let covered = host_covered || builtin.contains(&d);
        if let (true, Some(w)) = (covered, listed) {
            return Some(w);
        }
        if host_covered {
            return Some(!matches!(d.weekday(), Weekday::Sat | Weekday::Sun));
        }
        builtin.contains(&d).then(|| {
            let ymd = chinese_holiday::Ymd::new(d.year() as u16, d.month() as u8, d.day() as u8);
            chinese_holiday::chinese_holiday(ymd).is_workday()
        })
    }

    fn calendar(&self) -> Calendar {
        let mut cal = Calendar::new();
        for (year, days) in &self.years {
            cal.add_year(*year, days).unwrap();
        }
        cal
    }

    /// "N working days after `start`" walking one day at a time; `Err` names the first
    /// uncovered date the walk meets (a gap, or the day after the data ends).
    fn add_working_days(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, NaiveDate> {
        if n == 0 {
            return Ok(start);
        }
        self.working(start).ok_or(start)?;
        let (mut d, mut counted) = (start, 0);
        while counted < n {
            d = d + Days::new(1);
            counted += u32::from(self.working(d).ok_or(d)?);
        }
        Ok(d)
    }

    fn next_working_day_on_or_after(&self, start: NaiveDate) -> Result<NaiveDate, NaiveDate> {
        let mut d = start;
        while !self.working(d).ok_or(d)? {
            d = d + Days::new(1);
        }
        Ok(d)
    }

    /// Working days in `(start, end]`: both ends must be covered, then every day between.
    fn count_working_days(&self, start: NaiveDate, end: NaiveDate) -> Result<u32, NaiveDate> {
        self.working(start).ok_or(start)?;
        self.working(end).ok_or(end)?;
        let mut count = 0;
        let mut d = start;
        while d < end {
            d = d + Days::new(1);
            count += u32::from(self.working(d).ok_or(d)?);
        }
        Ok(count)
    }
}

/// The calendar's result with just the problem of an error.
fn problem<T>(r: Result<T, contract_calc::core::Error>) -> Result<T, Problem> {
    r.map_err(|e| e.problem)
}

/// `Err(date)` of the day-by-day definition as the calendar's error.
fn not_covered<T>(cal: &Calendar, r: Result<T, NaiveDate>) -> Result<T, Problem> {
    r.map_err(|d| Problem::DateNotCovered {
        date: d,
        covered: cal.coverage(),
    })
}

/// The built-in calendar, and one with host-added years, each with its day-by-day reference
/// (built once: building a calendar walks every day of its data).
fn day_by_day_calendars() -> &'static [(DayByDay, Calendar)] {
    static CALENDARS: std::sync::OnceLock<Vec<(DayByDay, Calendar)>> = std::sync::OnceLock::new();
    CALENDARS.get_or_init(|| {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let host_years = vec![
            (
                2027,
                vec![
                    (d(2026, 12, 26), true),
                    (d(2026, 12, 31), false),
                    (d(2027, 1, 1), false),
                    (d(2027, 2, 8), false),
                    (d(2027, 2, 20), true),
                ],
            ),
            (
                2029,
                vec![
                    (d(2028, 12, 29), false),
                    (d(2029, 1, 1), false),
                    (d(2029, 1, 6), true),
                ],
            ),
        ];
        // With host years, 2026-12-26…31 are covered (by 2027's data) and 2028 stays
        // uncovered (2029's 2028-12-29 does not cover it): a gap inside the data.
        [vec![], host_years]
            .into_iter()
            .map(|years| {
                let reference = DayByDay { years };
                let cal = reference.calendar();
                (reference, cal)
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    /// The calendar's table (running counts, working-day positions) gives what walking day by
    /// day gives, results and errors alike, over 2020–2029 with and without host-added years.
    #[test]
    fn calendar_table_matches_day_by_day(start in 0u32..3653, n in 0u32..400, span in 0u64..400) {
        for (reference, cal) in day_by_day_calendars() {
            let s = date(start);
            prop_assert_eq!(
                problem(cal.is_working_day(s)),
                not_covered(cal, reference.working(s).ok_or(s))
            );
            let added = reference.add_working_days(s, n);
            prop_assert_eq!(problem(cal.add_working_days(s, n)), not_covered(cal, added));
            let next = reference.next_working_day_on_or_after(s);
            prop_assert_eq!(
                problem(cal.next_working_day_on_or_after(s)),
                not_covered(cal, next)
            );
            let end = s + Days::new(span);
            prop_assert_eq!(
                problem(cal.count_working_days(s, end)),
                not_covered(cal, reference.count_working_days(s, end))
            );
            // Deadlines: N working days (a working day itself), or N calendar days then the
            // 第203条 move to the next working day.
            for rule in [RestDayRule::NextWorkingDay, RestDayRule::Keep] {
                let working = match (added, rule) {
                    (Ok(d), _) if n > 0 => Ok((d, d)),
                    (Ok(_), RestDayRule::NextWorkingDay) => {
                        reference.next_working_day_on_or_after(s).map(|d| (d, s))
                    }
                    (Ok(_), RestDayRule::Keep) => Ok((s, s)),
                    (Err(e), _) => Err(e),
                };
                let got = cal.deadline_after(s, n, DayKind::Working, rule);
                prop_assert_eq!(
                    problem(got).map(|dl| (dl.date, dl.unadjusted)),
                    not_covered(cal, working)
                );
                let plain = s + Days::new(u64::from(n));
                let calendar = match rule {
                    RestDayRule::NextWorkingDay => {
                        reference.next_working_day_on_or_after(plain).map(|d| (d, plain))
                    }
                    RestDayRule::Keep => Ok((plain, plain)),
                };
                let got = cal.deadline_after(s, n, DayKind::Calendar, rule);
                prop_assert_eq!(
                    problem(got).map(|dl| (dl.date, dl.unadjusted)),
                    not_covered(cal, calendar)
                );
            }
        }
    }
}
