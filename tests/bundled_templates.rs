//! Hand-checked numbers for every bundled template, filled with its own example values, and
//! the conventions: the chosen option's text is in the contract, and changing the choice
//! changes both the numbers and the text.
//!
//! Every expected value was worked out by hand; the arithmetic is in the comments. Holidays
//! used: 2025-01-01; 2025-05-01…05 (劳动节); 2025-10-01…08 (国庆、中秋) with 2025-09-28 (Sun) and
//! 2025-10-11 (Sat) as 调休 working days; 2026-01-01…03 (元旦) with 2026-01-04 (Sun) working;
//! 2026-04-04…06 (清明).

use chrono::NaiveDate;
use contract_calc::core::calendar::Calendar;
use contract_calc::template::bundled;
use contract_calc::template::expr::Value;
use contract_calc::template::fill::LumpResult;
use contract_calc::template::model::{BlankType, Lang, Template};
use contract_calc::template::render::{render_html, RenderOptions};
use contract_calc::template::report::results_html;
use contract_calc::template::validate::parse_template;
use contract_calc::template::{example_inputs, fill, Calc, Filled, Input, Inputs};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A bundled template filled with its examples, some of them replaced.
fn filled_with(id: &str, changes: &[(&str, &str)]) -> (Template, Filled, String) {
    let t = bundled::get(id).unwrap_or_else(|| panic!("{id} is bundled and valid"));
    let mut inputs = example_inputs(&t);
    for (k, v) in changes {
        inputs.insert((*k).into(), Input::Text((*v).into()));
    }
    fill_and_render(t, &inputs)
}

fn fill_and_render(t: Template, inputs: &Inputs) -> (Template, Filled, String) {
    let f = fill(&t, inputs, &Calendar::new());
    assert!(f.errors.is_empty(), "{}: {:#?}", t.id, f.errors);
    let html = render_html(&t, &f, RenderOptions::with_annex(true));
    (t, f, html)
}

fn rows(cells: &[&[(&str, &str)]]) -> Input {
    Input::Rows(
        cells
            .iter()
            .map(|r| {
                r.iter()
                    .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                    .collect::<BTreeMap<_, _>>()
            })
            .collect(),
    )
}

fn amounts(f: &Filled) -> Vec<String> {
    let s = f.schedule.ready().expect("schedule ready");
    s.rows.iter().map(|r| r.amount.to_string()).collect()
}
fn due_dates(f: &Filled) -> Vec<Option<NaiveDate>> {
    let s = f.schedule.ready().expect("schedule ready");
    s.rows.iter().map(|r| r.due_date).collect()
}
fn words(f: &Filled) -> Vec<String> {
    let s = f.schedule.ready().expect("schedule ready");
    s.rows.iter().map(|r| r.words.clone()).collect()
}
fn derived(f: &Filled, id: &str) -> Decimal {
    match f.derived.get(id) {
        Some(Ok(Value::Number(n))) => *n,
        other => panic!("{id}: {other:?}"),
    }
}
/// How the renderer marks a computed value.
fn computed(source: &str, text: &str) -> String {
    format!("<span class=\"v computed\" data-source=\"{source}\">{text}</span>")
}
/// How the renderer marks a filled blank.
fn filled(field: &str, text: &str) -> String {
    format!("<span class=\"v filled\" data-field=\"{field}\" tabindex=\"0\">{text}</span>")
}
fn lump_amount(f: &Filled, id: &str) -> (String, String) {
    match f.lump(id) {
        Some(Calc::Ready(LumpResult::Amount(a))) => (a.amount.to_string(), a.words.clone()),
        other => panic!("{id}: {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// Every template, every convention.

#[test]
fn all_six_clause_systems_are_bundled_in_chinese() {
    let ids: Vec<&str> = bundled::SOURCES.iter().map(|(id, ..)| *id).collect();
    assert_eq!(
        ids,
        [
            "after-sales-upgrade",
            "outsourced-operations",
            "website-maintenance",
            "pc-maintenance",
            "hardware-maintenance",
            "customer-service"
        ]
    );
    assert_eq!(bundled::all().len(), 6, "all parse");
    for t in bundled::all() {
        assert_eq!(t.language, contract_calc::template::Lang::Zh, "{}", t.id);
        assert!(!t.description.zh.is_empty() && !t.description.en.is_empty());
        // Every required blank has an example (or a default), so "fill with example" is complete.
        for b in t.blanks.iter().filter(|b| b.required) {
            assert!(
                b.example.is_some() || b.default.is_some() || !b.example_rows.is_empty(),
                "{}: {} has no example",
                t.id,
                b.id
            );
        }
    }
}

/// For every convention blank of every template: it has a default, it is written into the
/// body, and whichever option is chosen, that option's text is in the rendered contract (and
/// the other options' texts are not).
#[test]
fn every_convention_option_writes_its_text_into_the_contract() {
    for t in bundled::all() {
        let conventions: Vec<_> = t.blanks.iter().filter(|b| b.convention).collect();
        assert!(!conventions.is_empty(), "{} has conventions", t.id);
        for b in conventions {
            assert_eq!(b.kind, BlankType::Choice, "{}.{}", t.id, b.id);
            let default = b.default.as_deref().expect("a convention has a default");
            assert!(b.options.iter().any(|o| o.value == default));
            let placeholder = format!("{{{{{}}}}}", b.id);
            assert!(
                t.body
                    .iter()
                    .flat_map(|s| &s.paragraphs)
                    .any(|p| p.contains(&placeholder)),
                "{}.{} is written into the body",
                t.id,
                b.id
            );
            for o in &b.options {
                let text = o.text.as_deref().expect("convention options have a text");
                let (_, _, html) = filled_with(&t.id, &[(&b.id, &o.value)]);
                assert!(html.contains(text), "{}.{}={}", t.id, b.id, o.value);
                for other in b.options.iter().filter(|x| x.value != o.value) {
                    let other_text = other.text.as_deref().unwrap_or_default();
                    // Short fragments (日 / 个工作日) may appear elsewhere; full sentences may not.
                    if other_text.chars().count() > 8 {
                        assert!(
                            !html.contains(other_text),
                            "{}.{}={} also shows {}",
                            t.id,
                            b.id,
                            o.value,
                            other.value
                        );
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// 外包售后运营

#[test]
fn outsourced_operations_schedule() {
    let (_, f, html) = filled_with("outsourced-operations", &[]);
    // 26,800 a month × 12 months (term 1 year) = 321,600.
    assert_eq!(derived(&f, "term_months"), dec("12"));
    assert_eq!(derived(&f, "contract_total"), dec("321600.00"));
    let s = f.schedule.ready().unwrap();
    assert_eq!(s.total_words, "人民币叁拾贰万壹仟陆佰元整");
    // 321,600 / 12 = 26,800.00 exactly: every row the same, no residue.
    assert_eq!(amounts(&f), vec!["26800.00"; 12]);
    assert_eq!(words(&f)[0], "人民币贰万陆仟捌佰元整");
    // Each month's fee by the 10th (inclusive) of the next month, from February 2025:
    // 02-10 Mon; 03-10 Mon; 04-10 Thu; 05-10 Sat → Mon 05-12; 06-10 Tue; 07-10 Thu;
    // 08-10 Sun → Mon 08-11; 09-10 Wed; 10-10 Fri (after the National Day break, a working
    // day); 11-10 Mon; 12-10 Wed; 2026-01-10 Sat → Mon 01-12.
    assert_eq!(
        due_dates(&f),
        [
            d(2025, 2, 10),
            d(2025, 3, 10),
            d(2025, 4, 10),
            d(2025, 5, 12),
            d(2025, 6, 10),
            d(2025, 7, 10),
            d(2025, 8, 11),
            d(2025, 9, 10),
            d(2025, 10, 10),
            d(2025, 11, 10),
            d(2025, 12, 10),
            d(2026, 1, 12)
        ]
        .map(Some)
    );
    assert_eq!(s.rows[3].unadjusted_due_date, Some(d(2025, 5, 10)));
    assert_eq!(s.rows[0].rule_zh, "每月10日前（含当日），第1个月");
    assert!(
        html.contains("人民币贰万陆仟捌佰元整"),
        "the monthly fee in words"
    );
    assert!(html.contains("321,600.00"));
    assert!(html.contains(&format!(
        "首期付款期限为{}",
        computed("schedule.0.due_date", "2025年2月10日"),
    )));
    assert!(html.contains("本协议所称“每月某日前”包括该日当日"));
    assert!(html.contains("顺延至其后的第一个工作日"));
    // 5.5: unauthorised subcontracting, 20% of 321,600 = 64,320.
    assert_eq!(
        lump_amount(&f, "subcontract_penalty"),
        ("64320.00".into(), "人民币陆万肆仟叁佰贰拾元整".into())
    );
}

#[test]
fn outsourced_operations_due_day_convention_changes_dates_and_text() {
    let (_, f, html) = filled_with(
        "outsourced-operations",
        &[("pay_day_inclusive", "exclusive")],
    );
    // "10日前" not counting the 10th: the 9th. 02-09 Sun → Mon 02-10; 03-09 Sun → Mon 03-10;
    // 04-09 Wed stays; 05-09 Fri stays; 08-09 Sat → Mon 08-11; 10-09 Thu (working) stays.
    let dates = due_dates(&f);
    assert_eq!(dates[0], Some(d(2025, 2, 10)));
    assert_eq!(dates[1], Some(d(2025, 3, 10)));
    assert_eq!(dates[2], Some(d(2025, 4, 9)));
    assert_eq!(dates[3], Some(d(2025, 5, 9)));
    assert_eq!(dates[6], Some(d(2025, 8, 11)));
    assert_eq!(dates[8], Some(d(2025, 10, 9)));
    assert!(html.contains("不包括该日当日，即最迟应于该日的前一日付清"));
    assert!(html.contains("每月10日前（不含当日）"));
    assert!(!html.contains("本协议所称“每月某日前”包括该日当日"));
    // Rest days kept: 05-10 (Sat) stays in the default inclusive reading.
    let (_, f, _) = filled_with("outsourced-operations", &[("rest_day_rule", "keep")]);
    assert_eq!(due_dates(&f)[3], Some(d(2025, 5, 10)));
    assert_eq!(due_dates(&f)[11], Some(d(2026, 1, 10)));
}

#[test]
fn outsourced_operations_late_fee_with_partial_payments() {
    let (t, f, html) = filled_with("outsourced-operations", &[]);
    let p = f.penalty.ready().expect("penalty");
    // February's fee, 26,800, due Mon 2025-03-10; 10,000 paid 03-18, 16,800 paid 04-03;
    // 0.05% a day on the unpaid amount, counted through the payment day:
    //   03-11…03-18:  8 days × 26,800 × 0.0005 =  8 × 13.40 = 107.20
    //   03-19…04-03: 16 days (13 in March + 3 in April) × 16,800 × 0.0005 = 16 × 8.40 = 134.40
    let segs: Vec<(NaiveDate, NaiveDate, u32, String, String)> = p
        .segments
        .iter()
        .map(|s| {
            (
                s.from,
                s.to,
                s.days,
                s.balance.to_string(),
                s.amount.to_string(),
            )
        })
        .collect();
    assert_eq!(
        segs,
        [
            (
                d(2025, 3, 11),
                d(2025, 3, 18),
                8,
                "26800.00".into(),
                "107.20".into()
            ),
            (
                d(2025, 3, 19),
                d(2025, 4, 3),
                16,
                "16800.00".into(),
                "134.40".into()
            ),
        ]
    );
    // 107.20 + 134.40 = 241.60; overdue 03-11…04-03 = 24 days; all paid.
    assert_eq!(p.total.to_string(), "241.60");
    assert_eq!(p.total_words, "人民币贰佰肆拾壹元陆角整");
    assert_eq!(p.overdue_days, 24);
    assert!(p.outstanding.is_zero());
    assert!(html.contains(&format!("逾期{}日", computed("penalty.days", "24"),)));
    assert!(html.contains("人民币贰佰肆拾壹元陆角整"));
    assert!(html.contains("计至实际付款之日（含付款当日）"));
    // 0.05% a day × 365 = 18.25% a year, over 4 × the LPR in force when the delay began
    // (3.1% from 2024-10-21 to 2025-05-19, the rate the loss estimate uses too): warned
    // beside the rate.
    let w = f
        .warnings
        .iter()
        .find(|w| w.code == "rate_over_4x_lpr")
        .expect("rate warning");
    assert_eq!(w.field.as_deref(), Some("late_rate_pct"));
    assert!(w.zh.contains("一年期LPR（3.1%）的4倍（12.4%）"), "{}", w.zh);
    assert!(w.en.contains("(3.1% × 4 = 12.4%)"), "{}", w.en);
    // The loss at 3.1%: 26,800 × 3.1% × 8/365 + 16,800 × 3.1% × 16/365, about 41; the
    // penalty 241.60 is over 130% of it.
    assert!(f.warnings.iter().any(|w| w.code == "penalty_over_loss"));

    // Only the first 10,000 paid; the rest counted to the calculation date 04-30:
    //   03-11…03-18:  8 days on 26,800 = 107.20
    //   03-19…04-30: 43 days (13 + 30) on 16,800 = 43 × 8.40 = 361.20
    // total 468.40; 51 days overdue (21 in March + 30 in April), more than the 15 after
    // which service may be suspended; 16,800 still owed.
    let mut inputs = example_inputs(&t);
    inputs.insert(
        "payments".into(),
        rows(&[&[("date", "2025-03-18"), ("amount", "10,000")]]),
    );
    let (_, f, _) = fill_and_render(t, &inputs);
    let p = f.penalty.ready().unwrap();
    assert_eq!(
        p.segments
            .iter()
            .map(|s| (s.days, s.amount.to_string()))
            .collect::<Vec<_>>(),
        [(8, "107.20".to_string()), (43, "361.20".to_string())]
    );
    assert_eq!(p.total.to_string(), "468.40");
    assert_eq!(p.overdue_days, 51);
    assert_eq!(p.outstanding.to_string(), "16800.00");
}

#[test]
fn outsourced_operations_day_count_convention_changes_total_and_text() {
    let (_, f, html) = filled_with(
        "outsourced-operations",
        &[("day_count", "before_payment_day")],
    );
    let p = f.penalty.ready().unwrap();
    // The payment day itself is not overdue: the count ends 04-02.
    //   03-11…03-17:  7 days × 13.40 =  93.80
    //   03-18…04-02: 16 days (14 + 2) × 8.40 = 134.40
    // total 228.20 (13.40 less than 241.60: day 03-18 on the full 26,800 drops out); 23 days.
    assert_eq!(
        p.segments
            .iter()
            .map(|s| (s.from, s.to, s.days, s.amount.to_string()))
            .collect::<Vec<_>>(),
        [
            (d(2025, 3, 11), d(2025, 3, 17), 7, "93.80".to_string()),
            (d(2025, 3, 18), d(2025, 4, 2), 16, "134.40".to_string())
        ]
    );
    assert_eq!(p.total.to_string(), "228.20");
    assert_eq!(p.total_words, "人民币贰佰贰拾捌元贰角整");
    assert_eq!(p.overdue_days, 23);
    assert!(html.contains("计至实际付款之日的前一日（付款当日不计）"));
    assert!(!html.contains("含付款当日"));
}

// ---------------------------------------------------------------------------------------
// 网站建设与维护

#[test]
fn website_maintenance_price_table_and_payments() {
    let (_, f, html) = filled_with("website-maintenance", &[]);
    // 首页 1 × 3,500 = 3,500; 普通栏目页 16 × 380 = 6,080; 纯文字页 12 × 120 = 1,440;
    // 英文版页面 6 × 450 = 2,700; 动态交互效果 3 × 800 = 2,400.
    // Total 3,500 + 6,080 + 1,440 + 2,700 + 2,400 = 16,120 for 1 + 16 + 12 + 6 + 3 = 38 pages.
    for line in ["3,500.00", "6,080.00", "1,440.00", "2,700.00", "2,400.00"] {
        assert!(
            html.contains(&format!("<td class=\"num\">{line}</td>")),
            "{line}"
        );
    }
    assert_eq!(derived(&f, "design_total"), dec("16120.00"));
    assert_eq!(derived(&f, "page_count"), dec("38"));
    assert!(html.contains("人民币壹万陆仟壹佰贰拾元整"));
    // 首付款 30% = 4,836; 余款 70% = 11,284.
    assert_eq!(amounts(&f), ["4836.00", "11284.00"]);
    assert_eq!(
        words(&f),
        ["人民币肆仟捌佰叁拾陆元整", "人民币壹万壹仟贰佰捌拾肆元整"]
    );
    // Signed Thu 2025-09-25 + 3 calendar days = Sun 09-28, a 调休 working day: not moved.
    // Accepted Wed 11-26 + 5 working days: 11-27, 11-28, 12-01, 12-02, 12-03.
    assert_eq!(due_dates(&f), [Some(d(2025, 9, 28)), Some(d(2025, 12, 3))]);
    let s = f.schedule.ready().unwrap();
    assert_eq!(s.rows[0].unadjusted_due_date, Some(d(2025, 9, 28)));
    assert!(html.contains(&format!(
        "合同签订后{}{}内",
        filled("deposit_days", "3"),
        filled("deposit_day_kind", "日（自然日）"),
    )));
    assert!(html.contains("2025年9月28日"));
    // 7.1: 0.5% of 16,120 a day = 80.60. 4.4: 1,800 every 3 months = 7,200 a year.
    assert_eq!(derived(&f, "design_delay_per_day"), dec("80.60"));
    assert!(html.contains(&format!(
        "即人民币{}元",
        computed("design_delay_per_day", "80.60"),
    )));
    assert_eq!(derived(&f, "maint_annual"), dec("7200.00"));
    assert!(html.contains("人民币壹仟捌佰元整"));

    // No acceptance date yet: the balance shows 待定, the rest still computes.
    let (_, f, html) = filled_with("website-maintenance", &[("acceptance_date", "")]);
    assert_eq!(due_dates(&f), [Some(d(2025, 9, 28)), None]);
    assert!(html.contains(&format!(
        "付款期限为{}",
        computed("schedule.1.due_date", "待定"),
    )));
}

#[test]
fn website_maintenance_table_edit_recomputes() {
    let t = bundled::get("website-maintenance").unwrap();
    let mut inputs = example_inputs(&t);
    // Four more 普通栏目页: 16,120 + 4 × 380 = 17,640; 30% = 5,292; 70% = 12,348.
    inputs.insert(
        "pages".into(),
        rows(&[
            &[("item", "首页"), ("qty", "1"), ("price", "3500")],
            &[("item", "普通栏目页"), ("qty", "２０"), ("price", "380")],
            &[("item", "纯文字页"), ("qty", "12"), ("price", "120")],
            &[("item", "英文版页面"), ("qty", "6"), ("price", "450")],
            &[("item", "动态交互效果"), ("qty", "3"), ("price", "800")],
        ]),
    );
    let (_, f, _) = fill_and_render(t, &inputs);
    assert_eq!(derived(&f, "design_total"), dec("17640.00"));
    assert_eq!(amounts(&f), ["5292.00", "12348.00"]);
}

#[test]
fn website_maintenance_day_kind_convention_changes_date_and_text() {
    let (_, f, html) = filled_with("website-maintenance", &[("deposit_day_kind", "working")]);
    // 3 working days after Thu 09-25: Fri 09-26, Sun 09-28 (调休), Mon 09-29.
    assert_eq!(due_dates(&f)[0], Some(d(2025, 9, 29)));
    assert_eq!(
        f.schedule.ready().unwrap().rows[0].rule_zh,
        "合同生效后3个工作日内"
    );
    assert!(html.contains(&format!("{}内", filled("deposit_day_kind", "个工作日"),)));
    assert!(!html.contains("日（自然日）"));
}

#[test]
fn website_maintenance_design_delay_penalty() {
    let (_, f, html) = filled_with("website-maintenance", &[]);
    let p = f.penalty.ready().expect("penalty");
    // Due Fri 2025-11-14, delivered Thu 11-20: 11-15…11-20 = 6 days at the sum per day that
    // 7.1 states, 16,120 × 0.5% = 80.60: 6 × 80.60 = 483.60.
    assert_eq!(p.overdue_days, 6);
    assert_eq!(p.segments.len(), 1);
    assert_eq!(p.segments[0].base.to_string(), "80.60");
    assert_eq!(
        (p.segments[0].from, p.segments[0].to),
        (d(2025, 11, 15), d(2025, 11, 20))
    );
    assert_eq!(p.total.to_string(), "483.60");
    assert_eq!(p.total_words, "人民币肆佰捌拾叁元陆角整");
    assert!(html.contains("人民币肆佰捌拾叁元陆角整"));
    // The provider's late design is not late payment: no comparison with interest on money.
    let codes: Vec<&str> = f.warnings.iter().map(|w| w.code).collect();
    assert!(!codes.contains(&"penalty_over_loss"), "{codes:?}");
    assert!(!codes.contains(&"rate_over_4x_lpr"), "{codes:?}");
}

/// The contract states the penalty per day in yuan (7.1: 0.5% of the design price, 即人民币X元),
/// so the sum it computes is that stated figure times the days: with a design price of
/// 17,354.56 the day is 86.77 (86.7728 rounded) and 6 days are 520.62, as a reader of the
/// contract computes (not 520.64 from the unrounded rate). The panel calls it a late
/// performance penalty counted from the agreed date, with no yearly rate for a sum per day.
#[test]
fn website_design_delay_is_the_stated_sum_per_day() {
    let t = bundled::get("website-maintenance").unwrap();
    let mut inputs = example_inputs(&t);
    let Some(Input::Rows(pages)) = inputs.get_mut("pages") else {
        panic!("pages example rows");
    };
    pages.push(BTreeMap::from([
        ("item".to_string(), "SEO优化".to_string()),
        ("qty".to_string(), "1".to_string()),
        ("price".to_string(), "1234.56".to_string()),
    ]));
    let (t, f, html) = fill_and_render(t, &inputs);
    assert_eq!(derived(&f, "design_delay_per_day"), dec("86.77"));
    assert!(html.contains(">86.77</span>元。"), "{html}");
    let p = f.penalty.ready().expect("penalty");
    assert_eq!(p.total, dec("520.62"));
    assert!(html.contains(">520.62</span>元"), "{html}");
    let panel = results_html(&t, &f, Lang::Zh);
    assert!(panel.contains("<h3>逾期履行违约金</h3>"), "{panel}");
    assert!(panel.contains("<dt>约定期限</dt><dd>2025-11-14"), "{panel}");
    assert!(
        panel.contains("每日金额（元）") && !panel.contains("折合年化"),
        "{panel}"
    );
    assert!(
        html.contains("<th>每日金额（元）</th>") && !html.contains("计算基数"),
        "{html}"
    );
    let panel = results_html(&t, &f, Lang::En);
    assert!(panel.contains("Late performance penalty") && panel.contains("Agreed date"));
}

// ---------------------------------------------------------------------------------------
// 电脑维护（按台计费）

/// Gross fee of each billing month.
fn device_months(f: &Filled) -> Vec<String> {
    let r = f.devices.ready().expect("devices ready");
    r.months.iter().map(|m| m.split.gross.to_string()).collect()
}

#[test]
fn pc_maintenance_fees_by_calendar_days() {
    let (t, f, html) = filled_with("pc-maintenance", &[]);
    // The panel's year line says which year and how long; no VAT configured, no tax shown.
    let panel = results_html(&t, &f, Lang::Zh);
    assert!(
        panel.contains("<li>第1年（12个月）：14,209.03</li>"),
        "{panel}"
    );
    assert!(results_html(&t, &f, Lang::En).contains("<li>Year 1 (12 months): 14,209.03</li>"));
    // Start: 24 desktops × 30 + 6 laptops × 50 + 2 servers × 50 = 720 + 300 + 100 = 1,120.
    assert_eq!(derived(&f, "initial_monthly"), dec("1120.00"));
    assert!(html.contains("人民币壹仟壹佰贰拾元整"));
    let r = f.devices.ready().unwrap();
    // Billing months 2025-07 … 2026-06.
    // Sep (30 days): 4 more desktops from 09-16: 24 × 15 + 28 × 15 = 780 device-days,
    //   30 × 780 / 30 = 780.00; month 780 + 300 + 100 = 1,180.
    // Oct–Dec: 28 × 30 = 840; 840 + 300 + 100 = 1,240.
    // Jan (31 days): 2 fewer laptops from 01-10: 6 × 9 + 4 × 22 = 142 device-days,
    //   50 × 142 / 31 = 229.032… → 229.03; month 840 + 229.03 + 100 = 1,169.03.
    // Feb: 4 laptops = 200; 840 + 200 + 100 = 1,140.
    // Mar–Jun: a third server from 03-01, the first day of the billing month (no proration):
    //   840 + 200 + 150 = 1,190.
    assert_eq!(r.months[2].lines[0].amount.to_string(), "780.00");
    assert_eq!(r.months[6].lines[1].amount.to_string(), "229.03");
    assert_eq!(
        device_months(&f),
        [
            "1120.00", "1120.00", "1180.00", "1240.00", "1240.00", "1240.00", "1169.03", "1140.00",
            "1190.00", "1190.00", "1190.00", "1190.00"
        ]
    );
    // 1,120 × 2 + 1,180 + 1,240 × 3 + 1,169.03 + 1,140 + 1,190 × 4
    // = 2,240 + 1,180 + 3,720 + 1,169.03 + 1,140 + 4,760 = 14,209.03.
    assert_eq!(r.total.gross.to_string(), "14209.03");
    assert_eq!(r.total_words, "人民币壹万肆仟贰佰零玖元零叁分");
    assert_eq!(
        (r.months[0].from, r.months[0].to),
        (d(2025, 7, 1), d(2025, 7, 31))
    );
    assert_eq!(r.months[11].to, d(2026, 6, 30));
    assert!(html.contains(&format!(
        "维护费合计人民币{}元（{}）",
        computed("devices.total", "14,209.03"),
        computed("devices.words", "人民币壹万肆仟贰佰零玖元零叁分")
    )));
    assert!(html.contains(&format!(
        "首月维护费人民币{}元",
        computed("devices.monthly", "1,120.00"),
    )));
    assert!(html.contains("按其实际在保天数占当月天数的比例折算"));
    assert!(html.contains("<table class=\"calc devices\">"));
}

fn device_due_dates(f: &Filled) -> Vec<Option<NaiveDate>> {
    let r = f.devices.ready().expect("devices ready");
    r.months.iter().map(|m| m.due_date).collect()
}

#[test]
fn pc_maintenance_each_month_is_due_by_the_prepay_day() {
    // Billing months from 2025-07-01, prepaid by day 10 of each: the 10th, moved to the next
    // working day when it is a rest day (2025-08-10 and 2026-05-10 are Sundays, 2026-01-10 a
    // Saturday); 2025-10-10 is a working day after the 国庆 holiday.
    let (t, f, html) = filled_with("pc-maintenance", &[]);
    let due = device_due_dates(&f);
    assert_eq!(
        due,
        [
            d(2025, 7, 10),
            d(2025, 8, 11),
            d(2025, 9, 10),
            d(2025, 10, 10),
            d(2025, 11, 10),
            d(2025, 12, 10),
            d(2026, 1, 12),
            d(2026, 2, 10),
            d(2026, 3, 10),
            d(2026, 4, 10),
            d(2026, 5, 11),
            d(2026, 6, 10)
        ]
        .map(Some)
    );
    // The contract's table and the results panel show them, with the date each moved from.
    assert!(html.contains("<th>期间</th><th>付款期限</th>"), "{html}");
    assert!(
        html.contains("<td>2025年8月11日（2025年8月10日遇休息日顺延）</td>"),
        "{html}"
    );
    assert!(html.contains("各月付款期限见下表"));
    let panel = results_html(&t, &f, Lang::En);
    assert!(
        panel.contains(
            "<td class=\"cc-due\" data-label=\"Due date\">2025-08-11<small class=\"cc-moved\"> (moved from <span>2025-08-10</span>, a rest day)</small></td>"
        ),
        "{panel}"
    );

    // Not moved when the contract says so; the amounts stay.
    let (_, kept, html) = filled_with("pc-maintenance", &[("rest_day_rule", "keep")]);
    assert_eq!(device_due_dates(&kept)[1], Some(d(2025, 8, 10)));
    assert!(html.contains("<td>2025年8月10日</td>"));
    assert_eq!(device_months(&kept), device_months(&f));
    // Another day, another date: by the 5th, 2025-10-05 falls in the 国庆 holiday (→ 10-09).
    let (_, fifth, _) = filled_with("pc-maintenance", &[("prepay_day", "5")]);
    assert_eq!(device_due_dates(&fifth)[3], Some(d(2025, 10, 9)));

    // While the day is empty the fees compute and no month has a due date (no column).
    let (_, open, html) = filled_with("pc-maintenance", &[("prepay_day", "")]);
    assert_eq!(device_months(&open), device_months(&f));
    assert!(device_due_dates(&open).iter().all(Option::is_none));
    assert!(!html.contains("<th>付款期限</th>"));
    // A day no month has is an error beside its field; the fees still compute, undated.
    let mut inputs = example_inputs(&t);
    inputs.insert("prepay_day".into(), Input::Text("35".into()));
    let bad = fill(&t, &inputs, &Calendar::new());
    assert_eq!(bad.errors.len(), 1);
    assert_eq!(bad.errors[0].field, "prepay_day");
    assert_eq!(device_months(&bad), device_months(&f));
    assert!(device_due_dates(&bad).iter().all(Option::is_none));
}

#[test]
fn pc_maintenance_due_dates_wait_for_a_year_without_holiday_data() {
    // From 2026-07-01: the months of 2027 wait for that year's arrangement (待定), said once
    // beside the start date; the fees compute.
    let (t, f, html) = filled_with("pc-maintenance", &[("start_date", "2026-07-01")]);
    let due = device_due_dates(&f);
    assert_eq!(due[5], Some(d(2026, 12, 10)));
    assert!(due[6..].iter().all(Option::is_none));
    assert!(
        html.contains("<td>2027年1月1日至2027年1月31日</td><td>待定</td>"),
        "{html}"
    );
    let w: Vec<_> = f
        .warnings
        .iter()
        .filter(|w| w.code == "awaiting_holidays")
        .collect();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].field.as_deref(), Some("start_date"));
    assert!(w[0].zh.contains("2027年"), "{}", w[0].zh);
    assert!(results_html(&t, &f, Lang::Zh).contains(">待定</td>"));
}

#[test]
fn pc_maintenance_proration_convention_changes_totals_and_text() {
    // Full month: the most devices covered in the month pay the whole month.
    //   Sep: 28 desktops = 840 → 1,240.   Jan: 6 laptops = 300 → 1,240.
    //   Total 1,120 × 2 + 1,240 × 5 + 1,140 + 1,190 × 4 = 2,240 + 6,200 + 1,140 + 4,760 = 14,340.
    let (_, f, html) = filled_with("pc-maintenance", &[("proration", "full_month")]);
    let m = device_months(&f);
    assert_eq!((m[2].as_str(), m[6].as_str()), ("1240.00", "1240.00"));
    let r = f.devices.ready().unwrap();
    assert_eq!(r.total.gross.to_string(), "14340.00");
    assert_eq!(r.total_words, "人民币壹万肆仟叁佰肆拾元整");
    assert!(html.contains("按当月在保台数最多时的台数整月计收"));
    assert!(!html.contains("实际在保天数"));

    // From the next month: Sep still 24 desktops → 1,120; Jan still 6 laptops → 1,240.
    //   Total 1,120 × 3 + 1,240 × 4 + 1,140 + 1,190 × 4 = 3,360 + 4,960 + 1,140 + 4,760 = 14,220.
    let (_, f, html) = filled_with("pc-maintenance", &[("proration", "from_next_month")]);
    let m = device_months(&f);
    assert_eq!((m[2].as_str(), m[6].as_str()), ("1120.00", "1240.00"));
    assert_eq!(
        f.devices.ready().unwrap().total.gross.to_string(),
        "14220.00"
    );
    assert!(html.contains("下一个计费月起调整维护费"));
}

/// Engine fix: the changes table accepts the device's name (台式机) as well as its id.
#[test]
fn pc_maintenance_changes_accept_device_name_or_id() {
    let t = bundled::get("pc-maintenance").unwrap();
    let mut inputs = example_inputs(&t);
    inputs.insert(
        "changes".into(),
        rows(&[
            &[
                ("date", "2025年9月16日"),
                ("device", "desktop"),
                ("delta", "+4"),
            ],
            &[
                ("date", "2026-01-10"),
                ("device", "笔记本"),
                ("delta", "－2"),
            ],
            &[("date", "2026-03-01"), ("device", "server"), ("delta", "1")],
        ]),
    );
    let (_, f, _) = fill_and_render(t.clone(), &inputs);
    assert_eq!(
        f.devices.ready().unwrap().total.gross.to_string(),
        "14209.03"
    );
    // An unknown device type is reported on the changes table.
    inputs.insert(
        "changes".into(),
        rows(&[&[("date", "2025-09-16"), ("device", "打印机"), ("delta", "1")]]),
    );
    let f = fill(&t, &inputs, &Calendar::new());
    assert!(matches!(f.devices, Calc::Failed(_)));
    assert!(f.error_for("changes").is_some(), "{:?}", f.errors);
}

// ---------------------------------------------------------------------------------------
// 硬件设备维护

#[test]
fn hardware_maintenance_fees_and_parts() {
    let (t, f, html) = filled_with("hardware-maintenance", &[]);
    // The lump-sum panel says what the two figures after the annual fee are.
    let panel = results_html(&t, &f, Lang::Zh);
    assert!(
        panel.contains("（分期支付：22,048.00 + 22,048.00）"),
        "{panel}"
    );
    // 520,000 (typed 52万) × 8% = 41,600 a year before VAT; two halves of 20,800.
    assert_eq!(derived(&f, "annual_net"), dec("41600.00"));
    assert!(html.contains("人民币肆万壹仟陆佰元整"));
    assert_eq!(amounts(&f), ["20800.00", "20800.00"]);
    assert_eq!(words(&f)[0], "人民币贰万零捌佰元整");
    // Signed Mon 2025-09-08 + 30 days = Wed 10-08, still National Day → Thu 10-09.
    // Second half from Sun 2026-03-08 + 30 days = Tue 04-07 (after 清明 04-04…06): stays.
    assert_eq!(due_dates(&f), [Some(d(2025, 10, 9)), Some(d(2026, 4, 7))]);
    let s = f.schedule.ready().unwrap();
    assert_eq!(s.rows[0].unadjusted_due_date, Some(d(2025, 10, 8)));
    assert!(html.contains("2025年10月8日遇休息日顺延"));
    assert!(f.warnings.iter().any(|w| w.code == "rest_day"));
    // VAT 6% on each half: 20,800 × 6% = 1,248; 22,048 a half; 44,096 a year.
    match f.lump("maint") {
        Some(Calc::Ready(LumpResult::Maintenance(m))) => {
            assert_eq!(m.instalments.len(), 2);
            assert_eq!(m.instalments[0].net.to_string(), "20800.00");
            assert_eq!(m.instalments[0].tax.to_string(), "1248.00");
            assert_eq!(m.instalments[1].gross.to_string(), "22048.00");
            assert_eq!(m.annual_fee.tax.to_string(), "2496.00");
            assert_eq!(m.annual_fee.gross.to_string(), "44096.00");
            assert_eq!(m.annual_words, "人民币肆万肆仟零玖拾陆元整");
        }
        other => panic!("{other:?}"),
    }
    assert!(html.contains(&format!(
        "全年含税维护费合计人民币{}元（{}）",
        computed("lump.maint.amount", "44,096.00"),
        computed("lump.maint.words", "人民币肆万肆仟零玖拾陆元整")
    )));
    // Parts at 8.5折: 2,400 × 0.85 = 2,040.
    assert_eq!(
        lump_amount(&f, "parts"),
        ("2040.00".into(), "人民币贰仟零肆拾元整".into())
    );
    assert!(html.contains("8.5</span>折"));
    // VAT, not the obsolete 营业税: no business-tax warning for this template.
    assert!(!html.contains("营业税"));
    assert!(!f.warnings.iter().any(|w| w.code == "business_tax"));

    // 13% instead: 20,800 × 13% = 2,704 a half; (20,800 + 2,704) × 2 = 47,008 a year.
    let (_, f, _) = filled_with("hardware-maintenance", &[("vat_percent", "13")]);
    assert_eq!(
        f.lump("maint").unwrap().ready().unwrap().amount(),
        dec("47008.00")
    );
    // A rate that is not a VAT rate (0, 1, 3, 5, 6, 9, 13) is reported beside the VAT blank.
    let t = bundled::get("hardware-maintenance").unwrap();
    let mut inputs = example_inputs(&t);
    inputs.insert("vat_percent".into(), Input::Text("7".into()));
    let f = fill(&t, &inputs, &Calendar::new());
    assert!(f.error_for("vat_percent").is_some(), "{:?}", f.errors);
}

/// The second half-year starts six months after the term does (a computed date, not a blank
/// the user could leave empty or set before the start), and the text states both due dates
/// without breaking when one is not known: “付款期限为待定”, never “即待定前”.
#[test]
fn hardware_second_half_starts_six_months_in() {
    let (_, f, html) = filled_with("hardware-maintenance", &[("effective_date", "2025-12-01")]);
    // 2026-06-01 + 30 days = Wed 07-01.
    assert_eq!(due_dates(&f)[1], Some(d(2026, 7, 1)));
    assert!(html.contains("于下半年度开始之日（<span class=\"v computed\" data-source=\"second_half_start\">2026年6月1日</span>）起"), "{html}");
    // Signed 2026-11-20: the first due date (12-20) is known, the second (2027-06-19) waits.
    let (_, f, html) = filled_with("hardware-maintenance", &[("effective_date", "2026-11-20")]);
    assert_eq!(due_dates(&f), [Some(d(2026, 12, 21)), None]);
    assert!(html.contains("付款期限为<span class=\"v computed\" data-source=\"schedule.1.due_date\">待定</span>。"), "{html}");
    for t in bundled::all() {
        for s in &t.body {
            for p in &s.paragraphs {
                assert!(
                    !p.contains("即{{schedule."),
                    "{}: “即…前” reads “即待定前” while pending: {p}",
                    t.id
                );
            }
        }
    }
}

/// Shares that leave the rest nothing (60% + 40%): the 尾款 of 0.00 is flagged beside the last
/// share the form has, not printed silently.
#[test]
fn a_payment_of_nothing_is_flagged() {
    let (_, f, _) = filled_with("after-sales-upgrade", &[("advance_pct", "60")]);
    assert_eq!(amounts(&f)[2], "0.00");
    let w = warning(&f, "zero_instalment").expect("warning");
    assert_eq!(w.field.as_deref(), Some("progress_pct"));
    assert!(w.zh.starts_with("“尾款”为0.00元"), "{}", w.zh);
    let (_, f, _) = filled_with("after-sales-upgrade", &[]);
    assert!(warning(&f, "zero_instalment").is_none());
}

/// A share typed with more places is shown as typed wherever the contract states it, and a
/// remainder below zero (30% + 80%) is a gap, not “剩余的-10%”.
#[test]
fn stated_percentages_show_as_typed_and_a_negative_rest_is_a_gap() {
    let (t, f, html) = filled_with("after-sales-upgrade", &[("progress_pct", "33.333")]);
    assert!(html.contains("<td class=\"num\">33.333%</td>"), "{html}");
    assert!(html.contains("<td class=\"num\">36.667%</td>"), "{html}");
    assert!(html.contains(">36.667</span>%"), "{html}");
    let panel = results_html(&t, &f, Lang::Zh);
    assert!(panel.contains(">33.333%</td>"), "{panel}");
    let t = bundled::get("after-sales-upgrade").unwrap();
    let mut inputs = example_inputs(&t);
    inputs.insert("progress_pct".into(), Input::Text("80".into()));
    let f = fill(&t, &inputs, &Calendar::new());
    assert!(f.error_for("progress_pct").is_some());
    let html = render_html(&t, &f, RenderOptions::default());
    assert!(!html.contains("-10"), "{html}");
    assert!(html.contains("剩余的<span class=\"v gap\""), "{html}");
}

#[test]
fn hardware_maintenance_rest_day_convention_changes_date_and_text() {
    let (_, f, html) = filled_with("hardware-maintenance", &[("rest_day_rule", "keep")]);
    // Kept on the holiday: Wed 2025-10-08.
    assert_eq!(due_dates(&f)[0], Some(d(2025, 10, 8)));
    assert!(!f
        .warnings
        .iter()
        .any(|w| w.field.as_deref() == Some("overdue_due_date")));
    assert!(html.contains("为法定节假日或休息日的，不予顺延"));
    assert!(!html.contains("以其后的第一个工作日为届满之日"));
}

/// The hardware seed's 营业税 (replaced by VAT on 2016-05-01) is flagged wherever a template
/// still mentions it, beside the tax blank.
#[test]
fn business_tax_in_a_template_is_warned() {
    let src = r#"{
      "id": "old-hw", "title": "硬体设备维护合约（旧式）",
      "blanks": [
        { "id": "fee", "type": "money", "label": { "zh": "维护费用（元）" }, "example": "40000" },
        { "id": "tax_pct", "type": "percent", "label": { "zh": "营业税税率（%）" }, "example": "5" }
      ],
      "body": [ { "heading": "一", "paragraphs": ["维护费用人民币{{fee}}元（不含{{tax_pct}}%营业税）。"] } ]
    }"#;
    let t = parse_template(src).expect("valid");
    let f = fill(&t, &example_inputs(&t), &Calendar::new());
    let w = f
        .warnings
        .iter()
        .find(|w| w.code == "business_tax")
        .expect("business_tax warning");
    assert_eq!(w.field.as_deref(), Some("tax_pct"));
    assert!(w.zh.contains("增值税"));
}

// ---------------------------------------------------------------------------------------
// 客户服务外包

#[test]
fn customer_service_schedule_with_retention() {
    let (_, f, html) = filled_with("customer-service", &[]);
    // 48万 = 480,000: 首付款 30% = 144,000; 第二期 50% = 240,000; 质保金 20% = 96,000.
    assert_eq!(amounts(&f), ["144000.00", "240000.00", "96000.00"]);
    assert_eq!(
        words(&f),
        [
            "人民币壹拾肆万肆仟元整",
            "人民币贰拾肆万元整",
            "人民币玖万陆仟元整"
        ]
    );
    let s = f.schedule.ready().unwrap();
    assert_eq!(s.total_words, "人民币肆拾捌万元整");
    assert_eq!(
        s.rows.iter().map(|r| r.percent).collect::<Vec<_>>(),
        [dec("30"), dec("50"), dec("20")]
    );
    assert_eq!(derived(&f, "retention_pct"), dec("20"));
    // Working days (the default):
    // Fri 2024-12-27 + 5: 12-30, 12-31, [01-01 off], 01-02, 01-03, [weekend], 01-06.
    // Mon 2025-06-30 + 10: 07-01…04, 07-07…11, 07-14.
    // Wed 2025-12-31 + 10: [01-01…03 off], 01-04 (Sun, 调休), 01-05…09, 01-12…15 → 2026-01-15.
    assert_eq!(
        due_dates(&f),
        [
            Some(d(2025, 1, 6)),
            Some(d(2025, 7, 14)),
            Some(d(2026, 1, 15))
        ]
    );
    assert!(html.contains(&format!(
        "合同生效后{}{}内",
        filled("first_days", "5"),
        filled("pay_day_kind", "个工作日"),
    )));
    assert!(html.contains("2026年1月15日"));
    assert!(html.contains("人民币肆拾捌万元整"));
    assert!(!f.warnings.iter().any(|w| w.code == "deposit_over_20"));
}

#[test]
fn customer_service_penalties_capped_at_20_percent() {
    let (t, f, html) = filled_with("customer-service", &[]);
    // 10% of 480,000 = 48,000; 5% = 24,000; 8% = 38,400.
    assert_eq!(
        lump_amount(&f, "breach_service"),
        ("48000.00".into(), "人民币肆万捌仟元整".into())
    );
    assert_eq!(
        lump_amount(&f, "breach_secret"),
        ("24000.00".into(), "人民币贰万肆仟元整".into())
    );
    assert_eq!(
        lump_amount(&f, "breach_ip"),
        ("38400.00".into(), "人民币叁万捌仟肆佰元整".into())
    );
    // Together 48,000 + 24,000 + 38,400 = 110,400 > cap 20% × 480,000 = 96,000: capped.
    assert_eq!(derived(&f, "cap_amount"), dec("96000.00"));
    match f.lump("penalty_cap") {
        Some(Calc::Ready(LumpResult::Capped(c))) => {
            assert_eq!(c.claimed.to_string(), "110400.00");
            assert_eq!(c.cap.to_string(), "96000.00");
            assert!(c.capped);
            assert_eq!(c.payable.to_string(), "96000.00");
            assert_eq!(c.words, "人民币玖万陆仟元整");
        }
        other => panic!("{other:?}"),
    }
    assert!(html.contains(&format!(
        "违约金合计为人民币{}元（{}）",
        computed("lump.penalty_cap.amount", "96,000.00"),
        computed("lump.penalty_cap.words", "人民币玖万陆仟元整")
    )));

    // 3% for the IP breach: 14,400; together 86,400 < 96,000, not capped.
    let mut inputs = example_inputs(&t);
    inputs.insert("breach_ip_pct".into(), Input::Text("3".into()));
    let (_, f, _) = fill_and_render(t, &inputs);
    match f.lump("penalty_cap") {
        Some(Calc::Ready(LumpResult::Capped(c))) => {
            assert!(!c.capped);
            assert_eq!(c.payable.to_string(), "86400.00");
            assert_eq!(c.words, "人民币捌万陆仟肆佰元整");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn customer_service_day_kind_convention_changes_dates_and_text() {
    let (_, f, html) = filled_with("customer-service", &[("pay_day_kind", "calendar")]);
    // Calendar days: 12-27 + 5 = 2025-01-01 (holiday) → Thu 01-02; 06-30 + 10 = Thu 07-10;
    // 12-31 + 10 = Sat 2026-01-10 → Mon 01-12.
    assert_eq!(
        due_dates(&f),
        [
            Some(d(2025, 1, 2)),
            Some(d(2025, 7, 10)),
            Some(d(2026, 1, 12))
        ]
    );
    assert!(html.contains(&format!("{}内", filled("pay_day_kind", "日（自然日）"),)));
    assert!(!html.contains("个工作日</span>内"));
    // Amounts do not depend on the day count.
    assert_eq!(amounts(&f), ["144000.00", "240000.00", "96000.00"]);
}

// ---------------------------------------------------------------------------------------
// The documentation's complete example.

#[test]
fn the_documented_example_validates_and_computes_what_the_doc_says() {
    let doc = include_str!("../docs/template-format.md");
    let section = &doc[doc.find("## A complete example").expect("section")..];
    let start = section.find("```json\n").expect("json block") + "```json\n".len();
    let end = start + section[start..].find("\n```").expect("end of block");
    let t = parse_template(&section[start..end]).unwrap_or_else(|e| panic!("{e:#?}"));
    let inputs = example_inputs(&t);
    let (t, f, html) = fill_and_render(t, &inputs);
    assert!(f.missing.is_empty());
    assert!(!html.contains("{{"));
    // 1.5万 = 15,000; 30% = 4,500 due 04-28 + 3 = 05-01 (holiday) → 05-06; balance 待定.
    assert_eq!(amounts(&f), ["4500.00", "10500.00"]);
    assert_eq!(due_dates(&f), [Some(d(2025, 5, 6)), None]);
    assert!(html.contains("人民币壹万伍仟元整"));
    assert_eq!(
        lump_amount(&f, "penalty"),
        ("1500.00".into(), "人民币壹仟伍佰元整".into())
    );
    // Working days: 04-29, 04-30, [05-01…05 off], 05-06.
    let mut inputs = example_inputs(&t);
    inputs.insert("first_day_kind".into(), Input::Text("working".into()));
    let (_, f, html) = fill_and_render(t, &inputs);
    assert_eq!(due_dates(&f)[0], Some(d(2025, 5, 6)));
    assert!(html.contains(&filled("first_day_kind", "个工作日")));
}

// ---------------------------------------------------------------------------------------
// A table blank with a bad cell holds back every calculator that reads it.

#[test]
fn a_bad_table_cell_holds_back_the_calculator_that_reads_the_table() {
    let opts = RenderOptions::with_annex(true);
    // pc-maintenance: 1.5 devices in the first count change. Without the changes the fees
    // would be 1,120 × 12 = 13,440.00, a plausible wrong number.
    let t = bundled::get("pc-maintenance").unwrap();
    let mut inputs = example_inputs(&t);
    inputs.insert(
        "changes".into(),
        rows(&[
            &[
                ("date", "2025-09-16"),
                ("device", "台式机"),
                ("delta", "1.5"),
            ],
            &[
                ("date", "2026-01-10"),
                ("device", "笔记本"),
                ("delta", "-2"),
            ],
        ]),
    );
    let f = fill(&t, &inputs, &Calendar::new());
    assert_eq!(
        f.error_for("changes").map(|e| e.field.as_str()),
        Some("changes.0.delta")
    );
    assert_eq!(f.devices, Calc::Waiting(vec!["changes".into()]));
    let html = render_html(&t, &f, opts);
    assert!(
        !html.contains("13,440.00"),
        "fees computed without the changes"
    );

    // outsourced-operations: a payment of 1O000 (letter O) or -100. Without the payments
    // the penalty would run on 26,800 to the calculation date.
    let t = bundled::get("outsourced-operations").unwrap();
    for bad in ["1O000", "-100"] {
        let mut inputs = example_inputs(&t);
        inputs.insert(
            "payments".into(),
            rows(&[
                &[("date", "2025-03-18"), ("amount", bad)],
                &[("date", "2025-04-03"), ("amount", "16800")],
            ]),
        );
        let f = fill(&t, &inputs, &Calendar::new());
        assert_eq!(
            f.error_for("payments").map(|e| e.field.as_str()),
            Some("payments.0.amount"),
            "{bad}"
        );
        assert_eq!(f.penalty, Calc::Waiting(vec!["payments".into()]), "{bad}");
        let html = render_html(&t, &f, opts);
        assert!(html.contains("（违约金待填写完整后计算）"), "{bad}");
    }
}

// ---------------------------------------------------------------------------------------
// The late penalty's due date follows the template's rest-day rule, as the schedule does.

#[test]
fn late_penalty_due_date_moves_off_a_rest_day_when_the_template_says_so() {
    let t = bundled::get("outsourced-operations").unwrap();
    let case = |due: &str, paid: &str, rule: &str| {
        let mut inputs = example_inputs(&t);
        inputs.insert("overdue_due_date".into(), Input::Text(due.into()));
        inputs.insert("rest_day_rule".into(), Input::Text(rule.into()));
        inputs.insert("as_of".into(), Input::Text("2025-12-31".into()));
        inputs.insert(
            "payments".into(),
            rows(&[&[("date", paid), ("amount", "26800")]]),
        );
        fill_and_render(t.clone(), &inputs)
    };
    // Due Sat 2025-05-10, moved to Mon 05-12 (the schedule moves the same date): paid on
    // time. Not moved: 05-11 and 05-12 overdue, 2 × 26,800 × 0.05% = 2 × 13.40 = 26.80.
    let (_, f, _) = case("2025-05-10", "2025-05-12", "next_working_day");
    let p = f.penalty.ready().expect("penalty");
    assert_eq!((p.overdue_days, p.total.to_string()), (0, "0.00".into()));
    let due = f.penalty_due.expect("due date");
    assert_eq!((due.unadjusted, due.date), (d(2025, 5, 10), d(2025, 5, 12)));
    let panel = results_html(&t, &f, Lang::Zh);
    assert!(
        panel.contains(
            "2025-05-12<small class=\"cc-moved\">（原 <span>2025-05-10</span>，遇休息日顺延）</small>"
        ),
        "{panel}"
    );
    let panel = results_html(&t, &f, Lang::En);
    assert!(
        panel.contains(
            "2025-05-12<small class=\"cc-moved\"> (moved from <span>2025-05-10</span>, a rest day)</small>"
        ),
        "{panel}"
    );
    let w = f
        .warnings
        .iter()
        .find(|w| w.code == "rest_day" && w.field.as_deref() == Some("overdue_due_date"))
        .expect("rest-day warning beside the due date");
    assert!(w.zh.contains("2025年5月12日"), "{}", w.zh);

    let (_, f, _) = case("2025-05-10", "2025-05-12", "keep");
    let p = f.penalty.ready().expect("penalty");
    assert_eq!((p.overdue_days, p.total.to_string()), (2, "26.80".into()));
    assert!(!f.penalty_due.expect("due date").moved());

    // Due Wed 2025-10-01 (国庆), 10-01…10-08 off: moved to Thu 10-09, paid that day.
    // Not moved: 10-02…10-09 = 8 days × 13.40 = 107.20.
    let (_, f, _) = case("2025-10-01", "2025-10-09", "next_working_day");
    let p = f.penalty.ready().expect("penalty");
    assert_eq!((p.overdue_days, p.total.to_string()), (0, "0.00".into()));
    let (_, f, _) = case("2025-10-01", "2025-10-09", "keep");
    let p = f.penalty.ready().expect("penalty");
    assert_eq!((p.overdue_days, p.total.to_string()), (8, "107.20".into()));

    // A working-day due date is not moved: Mon 2025-03-10, paid 03-12, 2 days overdue.
    let (_, f, _) = case("2025-03-10", "2025-03-12", "next_working_day");
    assert_eq!(f.penalty.ready().unwrap().overdue_days, 2);
    assert!(!f.penalty_due.unwrap().moved());
    assert!(!f
        .warnings
        .iter()
        .any(|w| w.field.as_deref() == Some("overdue_due_date")));
}

// ---------------------------------------------------------------------------------------
// The order of dates: a period ending before it starts is an error on its end; a payment due
// before the contract takes effect, or a count change outside the term, is a warning.

fn warning<'a>(
    f: &'a Filled,
    code: &str,
) -> Option<&'a contract_calc::template::warnings::Warning> {
    f.warnings.iter().find(|w| w.code == code)
}

#[test]
fn a_period_that_ends_before_it_starts_is_an_error_on_its_end() {
    // hardware-maintenance: the one-year term's end is computed from its start (2025-09-08 →
    // 2026-09-07), so it cannot end before the second half-year starts or before it begins.
    let (_, f, html) = filled_with("hardware-maintenance", &[]);
    assert_eq!(f.value("end_date"), Some(&Value::Date(d(2026, 9, 7))));
    assert!(html.contains("2026年9月7日</span>止"), "{html}");

    // customer-service: the service ends 2024-06-30, before it starts 2025-01-01. The
    // retention, due after the end, waits (待定) instead of falling due in 2024.
    let t = bundled::get("customer-service").unwrap();
    let mut inputs = example_inputs(&t);
    inputs.insert("service_end".into(), Input::Text("2024-06-30".into()));
    let f = fill(&t, &inputs, &Calendar::new());
    let e = f.error_for("service_end").expect("error beside the end");
    assert_eq!(e.field, "service_end");
    assert!(
        e.problem.zh().contains("2025年1月1日"),
        "{}",
        e.problem.zh()
    );
    assert!(e.problem.en().contains("2025-01-01"), "{}", e.problem.en());
    assert_eq!(due_dates(&f)[2], None);
    let html = render_html(&t, &f, RenderOptions::with_annex(true));
    assert!(
        !html.contains("2024年6月30日"),
        "the impossible term is printed"
    );
    // Ending on the day it starts is a one-day term, not an error.
    inputs.insert("service_end".into(), Input::Text("2025-01-01".into()));
    let (_, f, _) = fill_and_render(t, &inputs);
    assert!(f.error_for("service_end").is_none());
}

#[test]
fn a_payment_due_before_the_contract_takes_effect_is_warned_beside_its_milestone() {
    // after-sales-upgrade: effective 2026-12-20, stage accepted 2026-01-15, progress payment
    // due 10 working days later, 2026-01-29: before the contract exists.
    let (_, f, _) = filled_with("after-sales-upgrade", &[("effective_date", "2026-12-20")]);
    assert_eq!(due_dates(&f)[1], Some(d(2026, 1, 29)));
    let w = warning(&f, "due_before_effective").expect("warning");
    assert_eq!(w.field.as_deref(), Some("progress_date"));
    assert!(
        w.zh.contains("进度款") && w.zh.contains("2026年12月20日"),
        "{}",
        w.zh
    );
    assert!(
        w.en.contains("2026-01-29") && w.en.contains("2026-12-20"),
        "{}",
        w.en
    );
    // The examples (effective 2025-09-26) are in order.
    let (_, f, _) = filled_with("after-sales-upgrade", &[]);
    assert!(warning(&f, "due_before_effective").is_none());

    // customer-service: a service period of June 2024, signed 2024-12-27: the retention is
    // due 10 days after 2024-06-30.
    let (_, f, _) = filled_with(
        "customer-service",
        &[
            ("service_start", "2024-06-01"),
            ("service_end", "2024-06-30"),
        ],
    );
    let w = warning(&f, "due_before_effective").expect("warning");
    assert_eq!(w.field.as_deref(), Some("service_end"));
    let (_, f, _) = filled_with("customer-service", &[]);
    assert!(warning(&f, "due_before_effective").is_none());
}

/// A contract signed now (effective 2026-12-20, one year): its term ends 2027-12-19, and the
/// final payment 15 days later needs the 2028 holiday arrangement, which is not built in. That
/// row's date is 待定, its rule says why, a warning beside the effective date says so once,
/// and every amount and the other dates still compute. A monthly schedule starting in
/// December 2026 waits for 2027 row by row.
#[test]
fn a_due_date_in_a_year_without_holiday_data_is_pending_and_said_so() {
    let (t, f, html) = filled_with("after-sales-upgrade", &[("effective_date", "2026-12-20")]);
    assert_eq!(
        due_dates(&f),
        [Some(d(2026, 12, 25)), Some(d(2026, 1, 29)), None]
    );
    let s = f.schedule.ready().unwrap();
    assert_eq!(s.rows[2].awaiting_holidays, Some(2028));
    assert_eq!(s.rows[2].amount, dec("108000.00"));
    assert!(html.contains("2027年12月19日</span>止"), "{html}");
    assert!(
        html.contains("服务期限届满后15日内（待2028年节假日安排确定日期）"),
        "{html}"
    );
    let w = warning(&f, "awaiting_holidays").expect("warning");
    assert_eq!(w.field.as_deref(), Some("effective_date"));
    assert!(w.zh.contains("2028年") && w.en.contains("2028"), "{w:?}");
    let panel = results_html(&t, &f, Lang::Zh);
    assert!(
        panel.contains("待定") && panel.contains("待2028年节假日安排"),
        "{panel}"
    );
    // Within the data: nothing waits, no warning.
    let (_, f, _) = filled_with("after-sales-upgrade", &[]);
    assert!(warning(&f, "awaiting_holidays").is_none());

    let (_, f, _) = filled_with("outsourced-operations", &[("effective_date", "2026-11-01")]);
    let s = f.schedule.ready().unwrap();
    // 每月10日前: December 2026 is covered; January 2027 on waits for 2027.
    assert_eq!(s.rows[0].due_date, Some(d(2026, 12, 10)));
    assert!(s.rows[1..]
        .iter()
        .all(|r| r.due_date.is_none() && r.awaiting_holidays == Some(2027)));
    let w = warning(&f, "awaiting_holidays").expect("warning");
    assert!(
        w.zh.contains("2027年") && !w.zh.contains("2028"),
        "{}",
        w.zh
    );
}

/// The amounts do not wait for the dates: with the effective date still empty, every amount
/// and 大写 computes, the stage payment (which counts from its acceptance date) has its date,
/// and the dates that count from the effective date or the term's end are 待定.
#[test]
fn amounts_compute_before_the_effective_date_is_known() {
    let t = bundled::get("after-sales-upgrade").unwrap();
    let mut inputs = example_inputs(&t);
    inputs.remove("effective_date");
    let f = fill(&t, &inputs, &Calendar::new());
    assert!(f.missing.contains(&"effective_date".to_string()));
    assert_eq!(amounts(&f), ["108000.00", "144000.00", "108000.00"]);
    assert_eq!(due_dates(&f), [None, Some(d(2026, 1, 29)), None]);
    // Every row without a date says so in its rule, whatever it counts from.
    let s = f.schedule.ready().unwrap();
    assert_eq!(s.rows[0].rule_zh, "合同生效后5个工作日内（日期待定）");
    assert_eq!(s.rows[1].rule_zh, "阶段验收合格后10个工作日内");
    assert_eq!(s.rows[2].rule_zh, "服务期限届满后15日内（日期待定）");
    let html = render_html(&t, &f, RenderOptions::default());
    assert!(html.contains(">108,000.00</span>元（<span class=\"v computed\" data-source=\"schedule.0.words\">人民币壹拾万捌仟元整</span>），付款期限为<span class=\"v computed\" data-source=\"schedule.0.due_date\">待定</span>"), "{html}");
    // A monthly schedule: twelve equal months, every date 待定.
    let t = bundled::get("outsourced-operations").unwrap();
    let mut inputs = example_inputs(&t);
    inputs.remove("effective_date");
    let f = fill(&t, &inputs, &Calendar::new());
    assert_eq!(amounts(&f), vec!["26800.00"; 12]);
    assert!(due_dates(&f).iter().all(Option::is_none));
}

/// Rows of a table, as a user edits them: a row filled in part makes the calculators wait for
/// that row (named: 网页设计项目（第6行）), a row added and left empty is not printed, and a
/// cell that cannot be read puts a note in place of the table instead of an empty one.
#[test]
fn table_rows_being_edited_say_what_they_need() {
    let t = bundled::get("website-maintenance").unwrap();
    let with_row = |row: &[(&str, &str)]| {
        let mut inputs = example_inputs(&t);
        let Some(Input::Rows(pages)) = inputs.get_mut("pages") else {
            panic!("pages example rows");
        };
        pages.push(
            row.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        );
        let f = fill(&t, &inputs, &Calendar::new());
        let html = render_html(&t, &f, RenderOptions::default());
        (f, html)
    };
    let (f, html) = with_row(&[("item", "SEO优化")]);
    assert_eq!(f.schedule, Calc::Waiting(vec!["pages.5".into()]));
    // Beside the table, what the row lacks.
    let w = warning(&f, "incomplete_row").expect("warning");
    assert_eq!(w.field.as_deref(), Some("pages"));
    assert_eq!(w.zh, "第6行还需填写：数量（页）、单价（元）。");
    assert_eq!(
        w.en,
        "Row 6 still needs: Quantity (pages), Unit price (yuan)."
    );
    let panel = results_html(&t, &f, Lang::Zh);
    assert!(panel.contains("网页设计项目（第6行）"), "{panel}");
    assert!(
        panel.contains("data-field=\"pages\">网页设计项目（第6行）"),
        "{panel}"
    );
    assert!(
        html.contains("<td>SEO优化</td>"),
        "the row as far as it is filled: {html}"
    );

    let (f, html) = with_row(&[]);
    assert!(f.schedule.ready().is_some());
    assert_eq!(
        html.matches("<tr><td").count(),
        5 + 2 + 1,
        "5 pages, 2 schedule rows, 1 penalty segment: {html}"
    );

    let (f, html) = with_row(&[("item", "x"), ("qty", "1"), ("price", "380.555")]);
    assert!(f.error_for("pages").is_some());
    assert!(
        html.contains("<p class=\"pending\">（表格内容待修正后显示）</p>"),
        "{html}"
    );
    assert!(!html.contains("<table class=\"calc rows\""), "{html}");
}

/// The penalty annex names the due date the days count from: a due date on a Saturday
/// (2025-03-08) moved to Monday 03-10, as the panel says, not the date typed.
#[test]
fn the_penalty_annex_names_the_moved_due_date() {
    let (_, f, html) = filled_with(
        "outsourced-operations",
        &[("overdue_due_date", "2025-03-08")],
    );
    let p = f.penalty.ready().expect("penalty");
    assert_eq!(p.segments[0].from, d(2025, 3, 11));
    assert!(
        html.contains("以付款期限为<span class=\"v computed\" data-source=\"penalty.due_date\">2025年3月10日（2025年3月8日遇休息日顺延）</span>的一期"),
        "{html}"
    );
}

#[test]
fn a_count_change_outside_the_term_is_warned_beside_the_changes() {
    // pc-maintenance: the term runs 2025-07-01 … 2026-06-30.
    let t = bundled::get("pc-maintenance").unwrap();
    let mut inputs = example_inputs(&t);
    inputs.insert(
        "changes".into(),
        rows(&[
            &[("date", "2025-06-16"), ("device", "台式机"), ("delta", "4")],
            &[("date", "2025-07-01"), ("device", "笔记本"), ("delta", "1")],
            &[
                ("date", "2026-06-30"),
                ("device", "笔记本"),
                ("delta", "-1"),
            ],
            &[("date", "2026-07-01"), ("device", "服务器"), ("delta", "1")],
        ]),
    );
    let (_, f, _) = fill_and_render(t, &inputs);
    let ws: Vec<_> = f
        .warnings
        .iter()
        .filter(|w| w.code == "change_outside_term")
        .collect();
    assert_eq!(ws.len(), 2, "{ws:#?}");
    assert!(ws.iter().all(|w| w.field.as_deref() == Some("changes")));
    assert!(
        ws[0].zh.contains("第1行") && ws[0].zh.contains("2025年7月1日"),
        "{}",
        ws[0].zh
    );
    assert!(
        ws[0].en.contains("Row 1") && ws[0].en.contains("2025-06-16"),
        "{}",
        ws[0].en
    );
    assert!(
        ws[1].zh.contains("第4行") && ws[1].zh.contains("2026年6月30日"),
        "{}",
        ws[1].zh
    );
    assert!(
        ws[1].en.contains("Row 4") && ws[1].en.contains("2026-07-01"),
        "{}",
        ws[1].en
    );
    let (_, f, _) = filled_with("pc-maintenance", &[]);
    assert!(warning(&f, "change_outside_term").is_none());
}

/// A row added but not filled yet (添加一行, then nothing typed) changes no result: it is no
/// page, payment or device change. A required table with only such rows is missing.
#[test]
fn a_blank_table_row_is_ignored_and_a_table_of_blank_rows_is_missing() {
    let blank_row = || BTreeMap::from([("item".to_string(), " ".to_string())]);
    for (id, table) in [
        ("website-maintenance", "pages"),
        ("pc-maintenance", "changes"),
        ("outsourced-operations", "payments"),
    ] {
        let t = bundled::get(id).unwrap();
        let cal = Calendar::new();
        let example = example_inputs(&t);
        let before = fill(&t, &example, &cal);
        let mut with_blank = example.clone();
        let Some(Input::Rows(rows)) = with_blank.get_mut(table) else {
            panic!("{id}: {table} has example rows");
        };
        rows.insert(1, BTreeMap::new());
        rows.push(blank_row());
        let after = fill(&t, &with_blank, &cal);
        assert!(
            after.errors.is_empty() && after.missing.is_empty(),
            "{id}: {:?} {:?}",
            after.errors,
            after.missing
        );
        assert!(
            before.schedule.ready().is_some() || before.devices.ready().is_some(),
            "{id}"
        );
        assert_eq!(
            format!(
                "{:?}{:?}{:?}",
                before.schedule, before.penalty, before.devices
            ),
            format!("{:?}{:?}{:?}", after.schedule, after.penalty, after.devices),
            "{id}: a blank row changed a result"
        );
    }
    let t = bundled::get("website-maintenance").unwrap();
    let mut inputs = example_inputs(&t);
    inputs.insert(
        "pages".into(),
        Input::Rows(vec![BTreeMap::new(), blank_row()]),
    );
    let f = fill(&t, &inputs, &Calendar::new());
    assert!(f.missing.contains(&"pages".to_string()), "{:?}", f.missing);
}

/// A schedule error the user can fix in one field is shown beside that field, never under an
/// internal name: a due date the holiday data does not cover beside the effective date, shares
/// that do not add up beside the last share.
#[test]
fn schedule_errors_land_on_the_field_to_change() {
    let filled_with = |changes: &[(&str, &str)]| {
        let t = bundled::get("after-sales-upgrade").unwrap();
        let mut inputs = example_inputs(&t);
        for (k, v) in changes {
            inputs.insert((*k).into(), Input::Text((*v).into()));
        }
        fill(&t, &inputs, &Calendar::new())
    };
    let f = filled_with(&[("effective_date", "1900-01-01")]);
    let e = f.errors.iter().find(|e| e.field == "effective_date");
    assert!(
        e.is_some_and(|e| e.problem.zh().contains("1900")),
        "{:?}",
        f.errors
    );
    assert!(
        f.errors.iter().all(|e| !e.field.starts_with("instalments")),
        "{:?}",
        f.errors
    );

    let f = filled_with(&[("advance_pct", "70"), ("progress_pct", "40")]);
    assert!(
        f.errors.iter().all(|e| !e.field.starts_with("instalments")),
        "{:?}",
        f.errors
    );
    assert!(
        f.errors
            .iter()
            .any(|e| e.field == "progress_pct" || e.field == "advance_pct"),
        "{:?}",
        f.errors
    );
}
