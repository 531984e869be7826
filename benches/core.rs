//! Core benchmarks (not timed tests): run with `cargo bench --no-default-features --bench core`.
//! Prints a table; the README records the numbers measured.

use chrono::NaiveDate;
use contract_calc::core::calendar::{Calendar, DayKind, RestDayRule};
use contract_calc::core::devices::{
    device_fees, CountChange, DeviceFeeInput, DeviceType, MonthlyDue, Proration,
};
use contract_calc::core::penalty::*;
use contract_calc::core::schedule::*;
use contract_calc::core::words::amount_in_words;
use rust_decimal::Decimal;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Best of `runs` timings of `f`.
fn best<F: FnMut()>(runs: u32, mut f: F) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

fn main() {
    let cal = Calendar::new();
    let twelve_rows = ScheduleInput {
        total: Decimal::new(123_456_789, 2),
        effective_date: Some(d(2024, 3, 1)),
        instalments: (0..12)
            .map(|i| Instalment {
                name: format!("第{}期", i + 1),
                kind: InstalmentKind::Progress,
                share: Share::Percent {
                    percent: if i < 11 {
                        Decimal::new(833, 2)
                    } else {
                        Decimal::new(837, 2)
                    },
                },
                due: DueRule::AfterEffective {
                    days: 5 + 20 * i,
                    day_kind: DayKind::Working,
                },
            })
            .collect(),
        rest_day_rule: RestDayRule::NextWorkingDay,
    };
    let schedules = best(5, || {
        for _ in 0..10_000 {
            black_box(payment_schedule(black_box(&twelve_rows), &cal).unwrap());
        }
    });

    let devices = DeviceFeeInput {
        start: d(2021, 1, 15),
        months: 60,
        base_monthly_fee: Decimal::new(500, 0),
        devices: vec![
            DeviceType {
                id: "desktop".into(),
                name: "台式机".into(),
                monthly_fee: Decimal::new(30, 0),
                count: 600,
            },
            DeviceType {
                id: "laptop".into(),
                name: "笔记本".into(),
                monthly_fee: Decimal::new(50, 0),
                count: 300,
            },
            DeviceType {
                id: "server".into(),
                name: "服务器".into(),
                monthly_fee: Decimal::new(50, 0),
                count: 100,
            },
        ],
        changes: (0..60)
            .map(|m| CountChange {
                date: d(2021 + m / 12, (m % 12) as u32 + 1, 10),
                device: ["desktop", "laptop", "server"][(m % 3) as usize].into(),
                delta: if m % 2 == 0 { 5 } else { -3 },
            })
            .collect(),
        proration: Proration::ByCalendarDays,
        discount_percent: Decimal::new(5, 0),
        vat: None,
        // Each month due by its 10th day, moved off rest days (as pc-maintenance does).
        due: Some(MonthlyDue {
            day: 10,
            rest_day_rule: RestDayRule::NextWorkingDay,
        }),
    };
    let fees = best(5, || {
        black_box(device_fees(black_box(&devices), &cal).unwrap());
    });

    let payments: Vec<Payment> = (0..100)
        .map(|i| Payment {
            date: d(2015, 1, 1) + chrono::Days::new(36 * i + 30),
            amount: Decimal::new(10_000, 0),
        })
        .collect();
    let penalty = PenaltyInput {
        due_date: d(2015, 1, 1),
        amount_due: Decimal::new(1_000_000, 0),
        contract_total: Some(Decimal::new(1_000_000, 0)),
        rate: PenaltyRate::PerDay {
            rate: Decimal::new(5, 1),
            unit: RateUnit::PerTenThousand,
            base: PenaltyBase::Unpaid,
        },
        grace_days: 5,
        grace_mode: GraceMode::Deducted,
        cap: Some(Cap::PercentOf {
            percent: Decimal::new(30, 0),
            base: CapBase::Total,
        }),
        payments,
        as_of: d(2024, 12, 31),
        day_count: DayCount::ThroughPaymentDay,
    };
    let penalties = best(5, || {
        black_box(late_penalty(black_box(&penalty)).unwrap());
    });

    let words = best(5, || {
        for i in 0..100_000i64 {
            black_box(
                amount_in_words(Decimal::new(i * 7_919_393 % 99_999_999_999_999, 2)).unwrap(),
            );
        }
    });

    println!("| benchmark | time (best of 5) | budget |");
    println!("|---|---|---|");
    for (name, t) in [
        ("10,000 twelve-row schedules", schedules),
        ("1,000-device, 60-month fee table", fees),
        ("10-year penalty, 100 partial payments", penalties),
        ("100,000 大写 conversions", words),
    ] {
        println!("| {name} | {:.2} ms | < 50 ms |", t.as_secs_f64() * 1000.0);
    }
}
