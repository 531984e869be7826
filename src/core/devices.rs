//! Per-device monthly fees: device types with monthly unit fees (台式机 30, 笔记本/服务器 50
//! in the seed), a base monthly fee, counts that change on given dates, mid-month proration,
//! discount and VAT, and when each month's fee is due.
//!
//! Billing months run from the start date: month k is `[start + k months, start + k+1
//! months)`, with month-end clamping. Rounding: each device line is 四舍五入 to the fen
//! ([`round_fen`]) once, from its exact amount (unit fee × device-days ÷ days in the month),
//! the discount of each month likewise; VAT is split per month ([`split_vat`]).

use super::calendar::{add_days, add_months, date_order, settle, Calendar, RestDayRule, UNKNOWN};
use super::error::{Error, Problem, Result};
use super::money::{check_amount, check_percent, div, mul, percent_of, round_display, round_fen};
use super::tax::{split_vat, TaxSplit, Vat};
use super::words::result_in_words;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceType {
    pub id: String,
    pub name: String,
    pub monthly_fee: Decimal,
    /// Count at the start of the term.
    pub count: u32,
}

/// A change in the number of devices of one type, effective on `date`.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountChange {
    pub date: NaiveDate,
    pub device: String,
    /// +2 for two more, -1 for one fewer.
    pub delta: i64,
}

/// How a change in the middle of a billing month is charged.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Proration {
    /// By calendar days: each device pays for the days it was covered (default).
    #[default]
    ByCalendarDays,
    /// A device covered on any day of the month pays the whole month.
    FullMonth,
    /// Changes are charged from the next billing month.
    FromNextMonth,
}

/// When each billing month's fee is due: by day `day` of the billing month, its first day
/// being day 1 (每个计费月的第1日至第N日: a month that starts on the 1st is due on the Nth),
/// moved off a rest day by `rest_day_rule`.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthlyDue {
    /// 1 to 28, so that it falls inside every billing month.
    pub day: u32,
    #[serde(default)]
    pub rest_day_rule: RestDayRule,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceFeeInput {
    pub start: NaiveDate,
    pub months: u32,
    #[serde(default)]
    pub base_monthly_fee: Decimal,
    pub devices: Vec<DeviceType>,
    #[serde(default)]
    pub changes: Vec<CountChange>,
    #[serde(default)]
    pub proration: Proration,
    /// Discount in percent off the monthly subtotal (10 = 10% off).
    #[serde(default)]
    pub discount_percent: Decimal,
    #[serde(default)]
    pub vat: Option<Vat>,
    /// When each month's fee is due; without it the months have no due dates.
    #[serde(default)]
    pub due: Option<MonthlyDue>,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceLine {
    pub device: String,
    pub name: String,
    pub unit_fee: Decimal,
    /// Device-days in the month (count × days covered).
    pub device_days: u64,
    /// The count billed: average over the month for calendar-day proration.
    pub billed_count: Decimal,
    pub amount: Decimal,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeeMonth {
    pub index: u32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: u32,
    pub lines: Vec<DeviceLine>,
    pub base_fee: Decimal,
    pub subtotal: Decimal,
    pub discount: Decimal,
    #[serde(flatten)]
    pub split: TaxSplit,
    /// When this month's fee is due ([`DeviceFeeInput::due`]); `None` without a due rule, or
    /// while the holiday arrangement the date needs is missing (`awaiting_holidays`).
    pub due_date: Option<NaiveDate>,
    /// The date before a rest-day move (equal to `due_date` if not moved).
    pub unadjusted_due_date: Option<NaiveDate>,
    /// The year whose official holiday arrangement the due date needs and the calendar lacks
    /// (as in a schedule row: the date is then `None`, never a weekend-only guess).
    pub awaiting_holidays: Option<i32>,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeeYear {
    pub index: u32,
    pub months: u32,
    #[serde(flatten)]
    pub split: TaxSplit,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceFeeResult {
    pub months: Vec<FeeMonth>,
    pub years: Vec<FeeYear>,
    /// Term totals per device type (before discount and VAT).
    pub device_totals: Vec<(String, Decimal)>,
    #[serde(flatten)]
    pub total: TaxSplit,
    pub total_words: String,
}

const MAX_MONTHS: u32 = 600;
const MAX_COUNT: i64 = 1_000_000;

/// Compute the fee table; `cal` gives the working days that due dates move to.
pub fn device_fees(input: &DeviceFeeInput, cal: &Calendar) -> Result<DeviceFeeResult> {
    if input.months == 0 || input.months > MAX_MONTHS {
        return Err(Error::new(
            "months",
            Problem::OutOfRange {
                min: "1".into(),
                max: MAX_MONTHS.to_string(),
            },
        ));
    }
    if input.due.is_some_and(|d| !(1..=28).contains(&d.day)) {
        return Err(Error::new(
            "due.day",
            Problem::OutOfRange {
                min: "1".into(),
                max: "28".into(),
            },
        ));
    }
    let base_fee = check_amount("base_monthly_fee", input.base_monthly_fee)?;
    let discount_pct = check_percent(
        "discount_percent",
        input.discount_percent,
        Decimal::ONE_HUNDRED,
    )?;
    // Unit fees with 2 places (`30` → `30.00`), as they are shown.
    let mut unit_fees = Vec::with_capacity(input.devices.len());
    for (i, dev) in input.devices.iter().enumerate() {
        unit_fees.push(
            check_amount("monthly_fee", dev.monthly_fee)
                .map_err(|e| e.within(&format!("devices.{i}")))?,
        );
        if input.devices[..i].iter().any(|o| o.id == dev.id) {
            return Err(Error::rule(
                format!("devices.{i}.id"),
                format!("设备类型“{}”重复", dev.id),
                format!("Device type '{}' appears twice", dev.id),
            ));
        }
    }
    // Changes per device type in date order, those of one day taken together: a count is
    // what it is after the day's changes, whatever order they are listed in (a device
    // swapped out and back on one day is no change), and must never go negative.
    let mut per_device: Vec<Vec<(NaiveDate, i64)>> = vec![Vec::new(); input.devices.len()];
    let order = date_order(input.changes.iter().map(|c| c.date));
    let mut running: Vec<i64> = input.devices.iter().map(|d| i64::from(d.count)).collect();
    for day in order.chunk_by(|&a, &b| input.changes[a].date == input.changes[b].date) {
        // The day's changes and their device types, in listing order.
        let mut applied = Vec::with_capacity(day.len());
        for &i in day {
            let ch = &input.changes[i];
            let Some(t) = input.devices.iter().position(|d| d.id == ch.device) else {
                return Err(Error::rule(
                    format!("changes.{i}.device"),
                    format!("没有设备类型“{}”", ch.device),
                    format!("There is no device type '{}'", ch.device),
                ));
            };
            // Saturating: a sum past i64 is out of range anyway, and refused below.
            running[t] = running[t].saturating_add(ch.delta);
            match per_device[t].last_mut() {
                Some((date, net)) if *date == ch.date => *net = net.saturating_add(ch.delta),
                _ => per_device[t].push((ch.date, ch.delta)),
            }
            applied.push((i, t));
        }
        // A count out of range after the day: on the day's last change to that type.
        for &(i, t) in applied.iter().rev() {
            if running[t] < 0 || running[t] > MAX_COUNT {
                let (date, name) = (input.changes[i].date, &input.devices[t].name);
                return Err(Error::rule(
                    format!("changes.{i}.delta"),
                    format!("{date}变更后“{name}”的数量为{}，超出范围", running[t]),
                    format!(
                        "After the changes of {date} '{name}' would number {}",
                        running[t]
                    ),
                ));
            }
        }
    }

    let mut months = Vec::with_capacity(input.months as usize);
    let mut device_totals: Vec<Decimal> = vec![Decimal::ZERO; input.devices.len()];
    for k in 0..input.months {
        let from = add_months(input.start, k).map_err(|e| e.within("start"))?;
        let next = add_months(input.start, k + 1).map_err(|e| e.within("start"))?;
        let to = add_days(next, -1)?;
        let days = (next - from).num_days() as u32;
        let mut lines = Vec::with_capacity(input.devices.len());
        for (t, dev) in input.devices.iter().enumerate() {
            let (device_days, billed_count) = billed(
                i64::from(dev.count),
                &per_device[t],
                from,
                next,
                days,
                input.proration,
            );
            // Multiply before dividing: fee × device-days is exact, and so is the quotient
            // whenever it ends (25.05 × 7 / 30 = 5.845 → 5.85). Dividing first would round
            // 7/30 to 28 digits and land just under the half fen (5.8449…→ 5.84).
            let exact = mul("monthly_fee", unit_fees[t], Decimal::from(device_days))
                .and_then(|fee_days| div("monthly_fee", fee_days, Decimal::from(days)))
                .map_err(|e| e.within(&format!("devices.{t}")))?;
            let amount = round_fen(exact);
            device_totals[t] += amount;
            lines.push(DeviceLine {
                device: dev.id.clone(),
                name: dev.name.clone(),
                unit_fee: unit_fees[t],
                device_days,
                billed_count,
                amount,
            });
        }
        // Money carries 2 places even when it sums nothing (no devices: "0.00", not "0").
        let subtotal = round_fen(base_fee + lines.iter().map(|l| l.amount).sum::<Decimal>());
        let discount = round_fen(percent_of("discount_percent", subtotal, discount_pct)?);
        let split = split_vat("vat.rate_percent", subtotal - discount, input.vat.as_ref())?;
        let due = match input.due {
            Some(d) => {
                let unadjusted = add_days(from, i64::from(d.day) - 1)?;
                settle(cal.adjust(unadjusted, d.rest_day_rule)).map_err(|e| e.within("due"))?
            }
            None => UNKNOWN,
        };
        months.push(FeeMonth {
            index: k + 1,
            from,
            to,
            days,
            lines,
            base_fee,
            subtotal,
            discount,
            split,
            due_date: due.date,
            unadjusted_due_date: due.unadjusted,
            awaiting_holidays: due.awaiting_holidays,
        });
    }
    let years = months
        .chunks(12)
        .enumerate()
        .map(|(i, chunk)| {
            let mut split = TaxSplit::default();
            for m in chunk {
                split += m.split;
            }
            FeeYear {
                index: i as u32 + 1,
                months: chunk.len() as u32,
                split: split.fen(),
            }
        })
        .collect::<Vec<_>>();
    let mut total = TaxSplit::default();
    for y in &years {
        total += y.split;
    }
    let total = total.fen();
    Ok(DeviceFeeResult {
        device_totals: input
            .devices
            .iter()
            .map(|d| d.id.clone())
            .zip(device_totals.into_iter().map(round_fen))
            .collect(),
        total_words: result_in_words("months", total.gross)?,
        months,
        years,
        total,
    })
}

/// Device-days billed in `[from, next)` and the billed count shown to the user.
fn billed(
    initial: i64,
    changes: &[(NaiveDate, i64)],
    from: NaiveDate,
    next: NaiveDate,
    days: u32,
    proration: Proration,
) -> (u64, Decimal) {
    let count_on = |d: NaiveDate| {
        initial
            + changes
                .iter()
                .filter(|(c, _)| *c <= d)
                .map(|(_, x)| x)
                .sum::<i64>()
    };
    let at_start = count_on(from);
    let inside: Vec<&(NaiveDate, i64)> = changes
        .iter()
        .filter(|(c, _)| *c > from && *c < next)
        .collect();
    match proration {
        Proration::FromNextMonth => (at_start as u64 * u64::from(days), Decimal::from(at_start)),
        Proration::FullMonth => {
            let mut count = at_start;
            let mut max = at_start;
            for (_, delta) in inside {
                count += delta;
                max = max.max(count);
            }
            (max as u64 * u64::from(days), Decimal::from(max))
        }
        Proration::ByCalendarDays => {
            let mut device_days: i64 = 0;
            let mut count = at_start;
            let mut seg_start = from;
            for (date, delta) in inside {
                device_days += count * (*date - seg_start).num_days();
                count += delta;
                seg_start = *date;
            }
            device_days += count * (next - seg_start).num_days();
            let device_days = device_days.max(0) as u64;
            (
                device_days,
                round_display(Decimal::from(device_days) / Decimal::from(days), 2),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::{d, dec};

    /// The fee table on the built-in calendar.
    fn fees(input: &DeviceFeeInput) -> Result<DeviceFeeResult> {
        device_fees(input, &Calendar::new())
    }

    fn seed() -> DeviceFeeInput {
        DeviceFeeInput {
            start: d(2025, 1, 1),
            months: 12,
            base_monthly_fee: Decimal::ZERO,
            devices: vec![
                DeviceType {
                    id: "desktop".into(),
                    name: "台式机".into(),
                    monthly_fee: dec("30"),
                    count: 20,
                },
                DeviceType {
                    id: "laptop".into(),
                    name: "笔记本".into(),
                    monthly_fee: dec("50"),
                    count: 5,
                },
                DeviceType {
                    id: "server".into(),
                    name: "服务器".into(),
                    monthly_fee: dec("50"),
                    count: 2,
                },
            ],
            changes: vec![],
            proration: Proration::ByCalendarDays,
            discount_percent: Decimal::ZERO,
            vat: None,
            due: None,
        }
    }

    fn due_dates(r: &DeviceFeeResult) -> Vec<(Option<NaiveDate>, Option<NaiveDate>, Option<i32>)> {
        r.months
            .iter()
            .map(|m| (m.due_date, m.unadjusted_due_date, m.awaiting_holidays))
            .collect()
    }

    #[test]
    fn each_month_is_due_by_its_nth_day_moved_off_rest_days() {
        let due = |day, rest_day_rule| DeviceFeeInput {
            due: Some(MonthlyDue { day, rest_day_rule }),
            ..seed()
        };
        // Months from 2025-01-01, due by the 10th: 2025-05-10 is a Saturday (→ Monday 05-12),
        // 2025-08-10 a Sunday (→ 08-11); 2025-10-10 is a working day after the 国庆 holiday.
        let r = fees(&due(10, RestDayRule::NextWorkingDay)).unwrap();
        let dates = due_dates(&r);
        assert_eq!(dates[0], (Some(d(2025, 1, 10)), Some(d(2025, 1, 10)), None));
        assert_eq!(dates[4], (Some(d(2025, 5, 12)), Some(d(2025, 5, 10)), None));
        assert_eq!(dates[7], (Some(d(2025, 8, 11)), Some(d(2025, 8, 10)), None));
        assert_eq!(
            dates[9],
            (Some(d(2025, 10, 10)), Some(d(2025, 10, 10)), None)
        );
        // Kept on the rest day when the contract says so.
        let r = fees(&due(10, RestDayRule::Keep)).unwrap();
        assert_eq!(
            due_dates(&r)[4],
            (Some(d(2025, 5, 10)), Some(d(2025, 5, 10)), None)
        );
        // Counted from the billing month's first day: months from 2025-03-15 due by their
        // first day fall on the 15th (2025-03-15 a Saturday → 03-17).
        let r = fees(&DeviceFeeInput {
            start: d(2025, 3, 15),
            ..due(1, RestDayRule::NextWorkingDay)
        })
        .unwrap();
        assert_eq!(
            due_dates(&r)[0],
            (Some(d(2025, 3, 17)), Some(d(2025, 3, 15)), None)
        );
        assert_eq!(due_dates(&r)[1].1, Some(d(2025, 4, 15)));
        // The amounts are the same with or without due dates, and without them none is given.
        let plain = fees(&seed()).unwrap();
        assert_eq!(plain.total, r.total);
        assert!(due_dates(&plain).iter().all(|x| *x == (None, None, None)));
    }

    #[test]
    fn due_dates_past_the_holiday_data_wait_for_the_year() {
        // Months from 2026-06-01: 2026-12-10 is covered, 2027-01-10 waits for 2027's arrangement
        // (never a weekend-only guess), and the fees still compute.
        let r = fees(&DeviceFeeInput {
            start: d(2026, 6, 1),
            due: Some(MonthlyDue {
                day: 10,
                rest_day_rule: RestDayRule::NextWorkingDay,
            }),
            ..seed()
        })
        .unwrap();
        let dates = due_dates(&r);
        assert_eq!(
            dates[6],
            (Some(d(2026, 12, 10)), Some(d(2026, 12, 10)), None)
        );
        assert_eq!(dates[7], (None, None, Some(2027)));
        assert_eq!(dates[11], (None, None, Some(2027)));
        assert_eq!(r.total, fees(&seed()).unwrap().total);
    }

    #[test]
    fn a_due_day_outside_every_month_is_refused() {
        for day in [0, 29, 31] {
            let e = fees(&DeviceFeeInput {
                due: Some(MonthlyDue {
                    day,
                    rest_day_rule: RestDayRule::Keep,
                }),
                ..seed()
            })
            .unwrap_err();
            assert_eq!(e.field, "due.day", "{day}");
        }
    }

    #[test]
    fn flat_year() {
        let r = fees(&seed()).unwrap();
        // 20×30 + 5×50 + 2×50 = 950 a month, 11,400 a year.
        assert_eq!(r.months[0].split.gross.to_string(), "950.00");
        assert_eq!(r.total.gross.to_string(), "11400.00");
        assert_eq!(r.total_words, "人民币壹万壹仟肆佰元整");
    }

    #[test]
    fn mid_month_addition_prorated_by_days() {
        let mut i = seed();
        // Two desktops added on 2025-01-17: covered 15 of 31 days in January.
        i.changes = vec![CountChange {
            date: d(2025, 1, 17),
            device: "desktop".into(),
            delta: 2,
        }];
        let r = fees(&i).unwrap();
        // 30 × (20×31 + 2×15)/31 = 30 × 650/31 = 629.032… → 629.03
        assert_eq!(r.months[0].lines[0].amount.to_string(), "629.03");
        assert_eq!(r.months[1].lines[0].amount.to_string(), "660.00");
        i.proration = Proration::FullMonth;
        assert_eq!(
            fees(&i).unwrap().months[0].lines[0].amount.to_string(),
            "660.00"
        );
        i.proration = Proration::FromNextMonth;
        assert_eq!(
            fees(&i).unwrap().months[0].lines[0].amount.to_string(),
            "600.00"
        );
    }

    #[test]
    fn a_prorated_half_fen_rounds_up() {
        // One device from the 24th of a 30-day April: 25.05 × 7 / 30 = 5.845 exactly → 5.85;
        // from the 27th of a 28-day February: 35.77 × 2 / 28 = 2.555 exactly → 2.56.
        // (Dividing 7/30 first, to 28 digits, gave 5.8449… → 5.84, and 2.56 → 2.55.)
        for (start, fee, added, amount) in [
            (d(2025, 4, 1), "25.05", d(2025, 4, 24), "5.85"),
            (d(2025, 2, 1), "35.77", d(2025, 2, 27), "2.56"),
        ] {
            let input = DeviceFeeInput {
                start,
                months: 1,
                devices: vec![DeviceType {
                    id: "desktop".into(),
                    name: "台式机".into(),
                    monthly_fee: dec(fee),
                    count: 0,
                }],
                changes: vec![CountChange {
                    date: added,
                    device: "desktop".into(),
                    delta: 1,
                }],
                ..seed()
            };
            let r = fees(&input).unwrap();
            assert_eq!(r.months[0].lines[0].amount.to_string(), amount, "{fee}");
        }
    }

    #[test]
    fn changes_on_one_day_are_applied_together() {
        let on_the_10th = |count: u32, deltas: &[i64], proration: Proration| DeviceFeeInput {
            start: d(2025, 1, 1),
            months: 1,
            devices: vec![DeviceType {
                id: "desktop".into(),
                name: "台式机".into(),
                monthly_fee: dec("31"),
                count,
            }],
            changes: deltas
                .iter()
                .map(|&delta| CountChange {
                    date: d(2025, 1, 10),
                    device: "desktop".into(),
                    delta,
                })
                .collect(),
            proration,
            ..seed()
        };
        // None in stock, one swapped out and back on the 10th: no change, listed either way
        // (−1 first was refused: 变更后“台式机”的数量为-1), and nothing billed, even for a
        // whole month (+1 first billed 31.00: the count of 1 between the two changes).
        for deltas in [[1, -1], [-1, 1]] {
            for proration in [Proration::ByCalendarDays, Proration::FullMonth] {
                let r = fees(&on_the_10th(0, &deltas, proration)).unwrap();
                assert_eq!(
                    r.months[0].lines[0].amount.to_string(),
                    "0.00",
                    "{deltas:?}"
                );
            }
        }
        // Net −1 from 1 is 0; net −1 from 0 is refused, on the day's last change.
        let r = fees(&on_the_10th(1, &[-2, 1], Proration::ByCalendarDays)).unwrap();
        assert_eq!(r.months[0].lines[0].amount.to_string(), "9.00");
        let e = fees(&on_the_10th(0, &[-2, 1], Proration::ByCalendarDays)).unwrap_err();
        assert_eq!(e.field, "changes.1.delta");
        assert_eq!(
            e.problem.zh(),
            "2025-01-10变更后“台式机”的数量为-1，超出范围"
        );
    }

    #[test]
    fn negative_count_is_an_error_on_the_change() {
        let mut i = seed();
        i.changes = vec![CountChange {
            date: d(2025, 3, 1),
            device: "server".into(),
            delta: -3,
        }];
        assert_eq!(fees(&i).unwrap_err().field, "changes.0.delta");
    }
}
