//! Hand-checked values for each clause system in `../shared/seeds/`.
//! Every expected number below was worked out by hand; the arithmetic is in the comments.

use chrono::NaiveDate;
use contract_calc::core::calendar::{Calendar, DayKind, RestDayRule};
use contract_calc::core::devices::{
    device_fees, CountChange, DeviceFeeInput, DeviceType, Proration,
};
use contract_calc::core::lump_sum::{
    breach_penalty, cap_penalties, discounted_price, maintenance_fee, MaintenanceInput,
};
use contract_calc::core::money::parse_amount;
use contract_calc::core::penalty::*;
use contract_calc::core::schedule::*;
use contract_calc::core::tax::{Vat, VatMode};
use contract_calc::core::words::amount_in_words;
use rust_decimal::Decimal;
use std::str::FromStr;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}
fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
fn pct(name: &str, kind: InstalmentKind, p: &str, due: DueRule) -> Instalment {
    Instalment {
        name: name.into(),
        kind,
        share: Share::Percent { percent: dec(p) },
        due,
    }
}
fn amounts(s: &Schedule) -> Vec<String> {
    s.rows.iter().map(|r| r.amount.to_string()).collect()
}
fn dates(s: &Schedule) -> Vec<Option<NaiveDate>> {
    s.rows.iter().map(|r| r.due_date).collect()
}

/// 售后服务体系升级: 预付款 within N working days, 进度款, 尾款; breach 违约金 as % of total.
#[test]
fn after_sales_upgrade() {
    let input = ScheduleInput {
        total: dec("360000"),
        // Friday before National Day 2025.
        effective_date: Some(d(2025, 9, 26)),
        instalments: vec![
            pct(
                "预付款",
                InstalmentKind::Deposit,
                "30",
                DueRule::AfterEffective {
                    days: 5,
                    day_kind: DayKind::Working,
                },
            ),
            pct(
                "进度款",
                InstalmentKind::Progress,
                "40",
                DueRule::AfterMilestone {
                    milestone: "阶段验收合格".into(),
                    date: Some(d(2026, 1, 15)),
                    days: 10,
                    day_kind: DayKind::Working,
                },
            ),
            pct(
                "尾款",
                InstalmentKind::Final,
                "30",
                DueRule::AfterMilestone {
                    milestone: "服务期限届满".into(),
                    date: Some(d(2026, 9, 25)),
                    days: 15,
                    day_kind: DayKind::Calendar,
                },
            ),
        ],
        rest_day_rule: RestDayRule::NextWorkingDay,
    };
    let s = payment_schedule(&input, &Calendar::new()).unwrap();
    // 360000 × 30% = 108000; × 40% = 144000; × 30% = 108000.
    assert_eq!(amounts(&s), ["108000.00", "144000.00", "108000.00"]);
    assert_eq!(s.rows[0].words, "人民币壹拾万捌仟元整");
    // 5 working days after Fri 2025-09-26: Sun 09-28 (调休), 09-29, 09-30, [10-01…10-08 off], 10-09, 10-10.
    // Thu 2026-01-15 + 10 working days: 16, 19-23, 26-29 → 2026-01-29.
    // 2026-09-25 + 15 calendar days = Sat 2026-10-10, a 调休 working day: not moved.
    assert_eq!(
        dates(&s),
        [
            Some(d(2025, 10, 10)),
            Some(d(2026, 1, 29)),
            Some(d(2026, 10, 10))
        ]
    );
    assert_eq!(s.rows[0].rule_zh, "合同生效后5个工作日内");
    // 7.1 违约金 10% and 7.2 5% of the total.
    assert_eq!(
        breach_penalty(dec("360000"), dec("10")).unwrap().words,
        "人民币叁万陆仟元整"
    );
    assert_eq!(
        breach_penalty(dec("360000"), dec("5"))
            .unwrap()
            .amount
            .to_string(),
        "18000.00"
    );
}

/// 外包售后运营: monthly fee with 大写, paid by day D for the previous month, per-day late fee
/// on the unpaid amount, suspension after N days overdue.
#[test]
fn outsourced_after_sales_operations() {
    let fee = dec("18500");
    assert_eq!(
        amount_in_words(dec("18500.00")).unwrap(),
        "人民币壹万捌仟伍佰元整"
    );
    let input = ScheduleInput {
        total: fee * Decimal::from(12),
        effective_date: Some(d(2025, 1, 1)),
        instalments: vec![Instalment {
            name: "月度运营费".into(),
            kind: InstalmentKind::Monthly,
            share: Share::Percent {
                percent: dec("100"),
            },
            due: DueRule::Monthly {
                day: 10,
                inclusive: true,
                months: 12,
                start_offset_months: 1,
            },
        }],
        rest_day_rule: RestDayRule::NextWorkingDay,
    };
    let s = payment_schedule(&input, &Calendar::new()).unwrap();
    assert_eq!(s.rows.len(), 12);
    assert!(s.rows.iter().all(|r| r.amount == dec("18500.00")));
    // 2025-05-10 is a Saturday (not a 调休 day) → Monday 05-12; 2025-08-10 Sunday → 08-11;
    // 2025-10-10 is a Friday working day → stays.
    assert_eq!(s.rows[3].due_date, Some(d(2025, 5, 12)));
    assert_eq!(s.rows[3].unadjusted_due_date, Some(d(2025, 5, 10)));
    assert_eq!(s.rows[6].due_date, Some(d(2025, 8, 11)));
    assert_eq!(s.rows[8].due_date, Some(d(2025, 10, 10)));

    // February's fee due Mon 2025-03-10; 8,000 paid 03-20, 10,500 paid 04-02; 0.05% a day.
    let r = late_penalty(&PenaltyInput {
        due_date: d(2025, 3, 10),
        amount_due: fee,
        contract_total: None,
        rate: PenaltyRate::PerDay {
            rate: dec("0.05"),
            unit: RateUnit::Percent,
            base: PenaltyBase::Unpaid,
        },
        grace_days: 0,
        grace_mode: GraceMode::Deducted,
        cap: None,
        payments: vec![
            Payment {
                date: d(2025, 3, 20),
                amount: dec("8000"),
            },
            Payment {
                date: d(2025, 4, 2),
                amount: dec("10500"),
            },
        ],
        as_of: d(2025, 4, 30),
        day_count: DayCount::ThroughPaymentDay,
    })
    .unwrap();
    // 03-11…03-20: 10 days × 18500 × 0.0005 = 92.50; 03-21…04-02: 13 days × 10500 × 0.0005 = 68.25.
    assert_eq!(r.overdue_days, 23);
    assert_eq!(
        r.segments
            .iter()
            .map(|s| s.amount.to_string())
            .collect::<Vec<_>>(),
        ["92.50", "68.25"]
    );
    assert_eq!(r.total.to_string(), "160.75");
    assert_eq!(r.total_words, "人民币壹佰陆拾元柒角伍分");
    // Suspension right after 15 days overdue: 23 > 15.
    assert!(r.overdue_days > 15);
    // 0.05% a day is 18.25% a year.
    assert_eq!(r.annualized_percent, dec("18.25"));
}

/// 网站建设与维护: page price table, deposit, balance on acceptance, per-day delay penalties.
#[test]
fn website_design_and_maintenance() {
    // 主页 1×3000, 普通页 20×300, 纯文字页 10×100, 其他语种页 5×400, 动态效果 2×1500.
    let lines = [
        (1, "3000"),
        (20, "300"),
        (10, "100"),
        (5, "400"),
        (2, "1500"),
    ];
    let total: Decimal = lines.iter().map(|(q, p)| Decimal::from(*q) * dec(p)).sum();
    assert_eq!(total, dec("15000"));
    let input = ScheduleInput {
        total,
        // Signed Monday 2025-04-28.
        effective_date: Some(d(2025, 4, 28)),
        instalments: vec![
            Instalment {
                name: "首付款".into(),
                kind: InstalmentKind::Deposit,
                share: Share::Fixed {
                    amount: dec("4500"),
                },
                due: DueRule::AfterEffective {
                    days: 3,
                    day_kind: DayKind::Calendar,
                },
            },
            Instalment {
                name: "设计余款".into(),
                kind: InstalmentKind::Final,
                share: Share::Fixed {
                    amount: dec("10500"),
                },
                due: DueRule::AfterMilestone {
                    milestone: "网站验收合格".into(),
                    date: None,
                    days: 5,
                    day_kind: DayKind::Working,
                },
            },
        ],
        rest_day_rule: RestDayRule::NextWorkingDay,
    };
    let s = payment_schedule(&input, &Calendar::new()).unwrap();
    // 04-28 + 3 days = Thu 05-01, 劳动节 (05-01…05-05 off) → Tue 05-06.
    assert_eq!(s.rows[0].due_date, Some(d(2025, 5, 6)));
    assert_eq!(s.rows[0].unadjusted_due_date, Some(d(2025, 5, 1)));
    assert_eq!(s.rows[1].due_date, None);
    assert!(s.rows[1].rule_zh.contains("日期待定"));
    assert_eq!(s.rows[0].percent, dec("30"));

    // Fixed amounts that don't add up are reported with the difference.
    let mut bad = input.clone();
    bad.instalments[1].share = Share::Fixed {
        amount: dec("10000"),
    };
    let err = payment_schedule(&bad, &Calendar::new()).unwrap_err();
    assert_eq!(err.field, "instalments");
    assert!(
        err.problem.zh().contains("少500.00元"),
        "{}",
        err.problem.zh()
    );

    // Design late by 8 days at 0.5% of the design total per day: 15000 × 0.005 × 8 = 600.
    let delay = |rate: PenaltyRate, days: u32| PenaltyInput {
        due_date: d(2025, 6, 30),
        amount_due: total,
        contract_total: Some(total),
        rate,
        grace_days: 0,
        grace_mode: GraceMode::Deducted,
        cap: None,
        payments: vec![],
        as_of: d(2025, 6, 30) + chrono::Days::new(days.into()),
        day_count: DayCount::ThroughPaymentDay,
    };
    let r = late_penalty(&delay(
        PenaltyRate::PerDay {
            rate: dec("0.5"),
            unit: RateUnit::Percent,
            base: PenaltyBase::Total,
        },
        8,
    ))
    .unwrap();
    assert_eq!(r.total.to_string(), "600.00");
    // Maintenance late 3 days at 100 yuan a day = 300.
    let r = late_penalty(&delay(PenaltyRate::FixedPerDay { amount: dec("100") }, 3)).unwrap();
    assert_eq!(r.total.to_string(), "300.00");
}

/// 电脑维护 per device: 台式机 30, 笔记本/服务器 50 a month; prepaid monthly on the 1st–10th.
#[test]
fn per_device_pc_maintenance() {
    let input = DeviceFeeInput {
        start: d(2025, 1, 1),
        months: 12,
        base_monthly_fee: Decimal::ZERO,
        devices: vec![
            DeviceType {
                id: "desktop".into(),
                name: "台式机".into(),
                monthly_fee: dec("30"),
                count: 15,
            },
            DeviceType {
                id: "laptop".into(),
                name: "笔记本".into(),
                monthly_fee: dec("50"),
                count: 3,
            },
            DeviceType {
                id: "server".into(),
                name: "服务器".into(),
                monthly_fee: dec("50"),
                count: 1,
            },
        ],
        changes: vec![
            CountChange {
                date: d(2025, 4, 16),
                device: "desktop".into(),
                delta: 5,
            },
            CountChange {
                date: d(2025, 9, 1),
                device: "server".into(),
                delta: 1,
            },
        ],
        proration: Proration::ByCalendarDays,
        discount_percent: Decimal::ZERO,
        vat: None,
        due: None,
    };
    let r = device_fees(&input, &Calendar::new()).unwrap();
    let gross: Vec<String> = r.months.iter().map(|m| m.split.gross.to_string()).collect();
    // Jan–Mar 15×30+3×50+1×50 = 650. April: desktops 15×15 + 20×15 device-days of 30 → 525, +200 = 725.
    // May–Aug 20×30+150+50 = 800. Sep–Dec +1 server = 850.
    assert_eq!(
        gross,
        [
            "650.00", "650.00", "650.00", "725.00", "800.00", "800.00", "800.00", "800.00",
            "850.00", "850.00", "850.00", "850.00"
        ]
    );
    // 650×3 + 725 + 800×4 + 850×4 = 9275.
    assert_eq!(r.total.gross.to_string(), "9275.00");
    assert_eq!(r.total_words, "人民币玖仟贰佰柒拾伍元整");
    assert_eq!(r.years.len(), 1);
    // Prepaid by the 10th of each month (start offset 0): 2025-02-10 is a Monday.
    let cal = Calendar::new();
    let s = payment_schedule(
        &ScheduleInput {
            total: r.total.gross,
            effective_date: Some(d(2025, 1, 1)),
            instalments: vec![Instalment {
                name: "维护费".into(),
                kind: InstalmentKind::Monthly,
                share: Share::Percent {
                    percent: dec("100"),
                },
                due: DueRule::Monthly {
                    day: 10,
                    inclusive: true,
                    months: 12,
                    start_offset_months: 0,
                },
            }],
            rest_day_rule: RestDayRule::NextWorkingDay,
        },
        &cal,
    )
    .unwrap();
    assert_eq!(s.rows[1].due_date, Some(d(2025, 2, 10)));
    // 9275 / 12 = 772.9166… → 772.92 × 11, last 9275 − 8502.12 = 772.88.
    assert_eq!(s.rows[0].amount.to_string(), "772.92");
    assert_eq!(s.rows[11].amount.to_string(), "772.88");
}

/// 硬件设备维护: annual fee as % of the purchase price, paid half-yearly, parts at a discount,
/// VAT (the seed's 5% 营业税 is obsolete; 6% VAT on services).
#[test]
fn hardware_maintenance() {
    let r = maintenance_fee(&MaintenanceInput {
        purchase_price: dec("480000"),
        annual_percent: dec("8"),
        instalments_per_year: 2,
        vat: Some(Vat {
            rate_percent: dec("6"),
            mode: VatMode::Exclusive,
        }),
    })
    .unwrap();
    // 480000 × 8% = 38400; halves 19200; VAT 6% = 1152; gross 20352.
    assert_eq!(r.instalments[0].net.to_string(), "19200.00");
    assert_eq!(r.instalments[0].tax.to_string(), "1152.00");
    assert_eq!(r.instalment_words[0], "人民币贰万零叁佰伍拾贰元整");
    assert_eq!(r.annual_fee.gross.to_string(), "40704.00");
    // Parts at 8折 of list price 1250 = 1000.
    assert_eq!(
        discounted_price(dec("1250"), dec("8"))
            .unwrap()
            .amount
            .to_string(),
        "1000.00"
    );
}

/// 客户服务外包: total in 万元, 首付款 30% / 第二期 50% / 质保金 20%, penalties 10% and 5%
/// with all penalties capped at 20% of the total.
#[test]
fn customer_service_outsourcing() {
    let total = parse_amount("50万").unwrap();
    assert_eq!(total.to_string(), "500000.00");
    let input = ScheduleInput {
        total,
        effective_date: Some(d(2023, 12, 25)),
        instalments: vec![
            pct(
                "首付款",
                InstalmentKind::Deposit,
                "30",
                DueRule::AfterEffective {
                    days: 5,
                    day_kind: DayKind::Working,
                },
            ),
            pct(
                "第二期付款",
                InstalmentKind::Progress,
                "50",
                DueRule::AfterMilestone {
                    milestone: "服务内容完成".into(),
                    date: Some(d(2024, 6, 28)),
                    days: 10,
                    day_kind: DayKind::Working,
                },
            ),
            pct(
                "质保金",
                InstalmentKind::Retention,
                "20",
                DueRule::AfterMilestone {
                    milestone: "服务期满".into(),
                    date: Some(d(2024, 12, 31)),
                    days: 10,
                    day_kind: DayKind::Working,
                },
            ),
        ],
        rest_day_rule: RestDayRule::NextWorkingDay,
    };
    let s = payment_schedule(&input, &Calendar::new()).unwrap();
    assert_eq!(amounts(&s), ["150000.00", "250000.00", "100000.00"]);
    // Mon 2023-12-25 + 5 working days: 26, 27, 28, 29, [01-01 off], 01-02.
    // Fri 2024-06-28 + 10: 07-01…05, 07-08…12 → 07-12.
    // Tue 2024-12-31 + 10: [01-01 off], 01-02, 03, 06–10, 13, 14, 15 → 2025-01-15.
    assert_eq!(
        dates(&s),
        [
            Some(d(2024, 1, 2)),
            Some(d(2024, 7, 12)),
            Some(d(2025, 1, 15))
        ]
    );
    let ten = breach_penalty(total, dec("10")).unwrap().amount;
    let five = breach_penalty(total, dec("5")).unwrap().amount;
    assert_eq!(
        (ten.to_string(), five.to_string()),
        ("50000.00".into(), "25000.00".into())
    );
    let c = cap_penalties(total, dec("20"), &[ten, five, dec("40000")]).unwrap();
    assert!(c.capped);
    assert_eq!(
        (c.claimed.to_string(), c.payable.to_string()),
        ("115000.00".into(), "100000.00".into())
    );
}
