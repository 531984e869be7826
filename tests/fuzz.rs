//! Fuzzing with proptest (cargo-fuzz needs a nightly toolchain, which this project does not
//! use). Each target feeds arbitrary or mutated input and checks nothing panics, overflows or
//! hangs, plus a cheap invariant. CI runs a few thousand cases per target; a long run:
//!
//! ```sh
//! FUZZ_CASES=1000000 cargo test --release --no-default-features --test fuzz
//! (whole-template targets run a tenth of FUZZ_CASES)
//! ```
//! Any failure proptest finds is saved in `tests/fuzz.proptest-regressions` and re-run first
//! on every later run, so a finding becomes a regression test.

use contract_calc::core::calendar::{parse_date, Calendar};
use contract_calc::core::devices::{device_fees, DeviceFeeInput};
use contract_calc::core::money::{parse_amount, parse_percent, MAX_AMOUNT};
use contract_calc::core::penalty::{late_penalty, PenaltyInput};
use contract_calc::core::schedule::{payment_schedule, ScheduleInput};
use contract_calc::core::words::{amount_in_words, parse_amount_in_words};
use contract_calc::import::review::{Edit, Review, RETYPABLE};
use contract_calc::state::Snapshot;
use contract_calc::template::render::{render_html, RenderOptions};
use contract_calc::template::validate::parse_template;
use contract_calc::template::{bundled, example_inputs, fill, read, Input, Template};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000)
}

/// Characters people (and attackers) type into amount fields.
fn amount_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::char::range('0', '9'),
            Just('.'),
            Just(','),
            Just('-'),
            Just('万'),
            Just('元'),
            Just('整'),
            Just('￥'),
            Just('０'),
            Just('９'),
            Just('．'),
            Just('，'),
            Just(' '),
            Just('\u{3000}'),
            any::<char>(),
        ],
        0..40,
    )
    .prop_map(|v| v.into_iter().collect())
}

/// Characters of 大写 amounts, mixed with anything.
fn words_text() -> impl Strategy<Value = String> {
    let chars: Vec<char> = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整人民币负圆貳萬億"
        .chars()
        .collect();
    prop::collection::vec(
        prop_oneof![9 => prop::sample::select(chars), 1 => any::<char>()],
        0..40,
    )
    .prop_map(|v| v.into_iter().collect())
}

/// A bundled template's JSON with a few random byte-level edits.
fn mutated_template() -> impl Strategy<Value = String> {
    (
        0..bundled::SOURCES.len(),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6),
    )
        .prop_map(|(which, edits)| {
            let mut bytes = bundled::SOURCES[which].3.as_bytes().to_vec();
            for (at, byte, op) in edits {
                let i = at.index(bytes.len().max(1));
                match op {
                    0 if i < bytes.len() => bytes[i] = byte,
                    1 => bytes.insert(i.min(bytes.len()), byte),
                    _ if i < bytes.len() => {
                        bytes.remove(i);
                    }
                    _ => {}
                }
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn fuzz_amount_parsing(text in amount_text()) {
        if let Ok(v) = parse_amount(&text) {
            prop_assert!(v >= rust_decimal::Decimal::ZERO && v <= MAX_AMOUNT);
            prop_assert_eq!(v.scale(), 2);
        }
        let _ = parse_percent(&text);
        let _ = parse_date(&text);
    }

    #[test]
    fn fuzz_words_parsing(text in words_text()) {
        if let Ok(v) = parse_amount_in_words(&text) {
            // Whatever was accepted reads back the same once written canonically.
            let canonical = amount_in_words(v).unwrap();
            prop_assert_eq!(parse_amount_in_words(&canonical).unwrap(), v);
        }
    }

    #[test]
    fn fuzz_snapshots_and_share_links(text in ".{0,200}") {
        let _ = Snapshot::from_json(&text);
        let _ = Snapshot::from_fragment(&format!("#s={text}"));
    }
}

proptest! {
    // Whole templates are ~100× slower per case: a tenth of the cases.
    #![proptest_config(ProptestConfig { cases: (cases() / 10).max(1), ..ProptestConfig::default() })]

    #[test]
    fn fuzz_template_documents(doc in mutated_template()) {
        // The app's reader (template::read) reads what serde's derive reads.
        if let Ok(t) = serde_json::from_str::<Template>(&doc) {
            prop_assert_eq!(read::template(&doc).ok(), Some(t));
        }
        if let Ok(t) = parse_template(&doc) {
            // A checked document, as the documents module writes it back for the app.
            let back = serde_json::to_string(&t).unwrap();
            let read_back = read::template(&back).ok();
            prop_assert_eq!(read_back.as_ref(), Some(&t));
            let f = fill(&t, &example_inputs(&t), &Calendar::new());
            let html = render_html(&t, &f, RenderOptions::with_annex(true));
            prop_assert!(html.starts_with("<article"));
        }
    }

    #[test]
    fn fuzz_inputs_to_bundled_templates(which in 0..bundled::SOURCES.len(), values in prop::collection::vec((any::<prop::sample::Index>(), amount_text()), 0..12)) {
        let t = bundled::get(bundled::SOURCES[which].0).unwrap();
        let mut inputs = example_inputs(&t);
        for (index, text) in values {
            let blank = &t.blanks[index.index(t.blanks.len())];
            inputs.insert(blank.id.clone(), Input::Text(text));
        }
        let f = fill(&t, &inputs, &Calendar::new());
        let html = render_html(&t, &f, RenderOptions::with_annex(true));
        prop_assert!(!html.contains("<script"));
        let docx = contract_calc::export::docx::docx(&t, &f, contract_calc::export::OPTIONS);
        prop_assert!(docx.starts_with(b"PK"));
        prop_assert!(!contract_calc::export::html::html(&t, &f, contract_calc::export::OPTIONS).contains("<script"));
    }
}

/// The JSON calculation API's inputs (as `paymentSchedule`, `latePenalty` and `deviceFees`
/// take them, see README), to mutate.
const API_INPUTS: &[&str] = &[
    r#"{"total":"360000","effective_date":"2025-09-26","rest_day_rule":"next_working_day","instalments":[
        {"name":"预付款","kind":"deposit","share":{"type":"percent","percent":"30"},"due":{"type":"after_effective","days":5,"day_kind":"working"}},
        {"name":"进度款","kind":"progress","share":{"type":"percent","percent":"40"},"due":{"type":"monthly","day":15,"months":12,"inclusive":true}},
        {"name":"尾款","kind":"final","share":{"type":"percent","percent":"30"},"due":{"type":"after_milestone","milestone":"验收合格","days":15}}]}"#,
    r#"{"due_date":"2025-01-31","amount_due":"100000","contract_total":"300000","rate":{"type":"per_day","rate":"0.5","unit":"per_mille"},
        "cap":{"type":"percent_of","percent":"20"},"payments":[{"date":"2025-02-15","amount":"40000"}],"as_of":"2025-03-15","grace_days":3}"#,
    r#"{"start":"2025-01-01","months":12,"base_monthly_fee":"100","devices":[{"id":"pc","name":"台式机","monthly_fee":"30","count":10},
        {"id":"srv","name":"服务器","monthly_fee":"50","count":2}],"changes":[{"date":"2025-02-15","device":"pc","delta":2}],
        "proration":"by_calendar_days","discount_percent":"5","vat":{"rate_percent":"6","mode":"exclusive"}}"#,
];

/// Tokens that probe limits, spliced into the JSON.
const EXTREMES: &[&str] = &[
    "99999999999",
    "-1",
    "0",
    "1e400",
    "4294967295",
    "18446744073709551616",
    "\"999999999999.99\"",
    "\"1000000000000\"",
    "\"-0.01\"",
    "\"0.000000001\"",
    "\"2099-12-31\"",
    "\"0000-01-01\"",
    "\"2024-02-29\"",
    "\"9999-12-31\"",
    "\"\"",
    "null",
    "[]",
    "{}",
];

fn mutated_api_input() -> impl Strategy<Value = (usize, String)> {
    (
        0..API_INPUTS.len(),
        prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                any::<u8>(),
                0u8..4,
                0..EXTREMES.len(),
            ),
            1..5,
        ),
    )
        .prop_map(|(which, edits)| {
            let mut text = API_INPUTS[which].to_string();
            for (at, byte, op, extreme) in edits {
                let mut i = at.index(text.len().max(1));
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                match op {
                    // Replace the value after a ':' with an extreme token.
                    0 => {
                        if let Some(colon) = text[i..].find(':').map(|c| c + i + 1) {
                            let end = text[colon..]
                                .find([',', '}', ']'])
                                .map_or(text.len(), |e| e + colon);
                            text.replace_range(colon..end, EXTREMES[extreme]);
                        }
                    }
                    1 => text.insert(i, char::from(byte)),
                    2 if i < text.len() => {
                        text.remove(i);
                    }
                    _ => text.insert_str(i, EXTREMES[extreme]),
                }
            }
            (which, text)
        })
}

/// Contract-like text: clause numbers, blanks of every kind, fee phrases, furniture, noise.
fn contract_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "第一条 ",
        "第二章 ",
        "一、",
        "1.1 ",
        "（一）",
        "\n",
        "\n\n",
        "甲方：",
        "乙方（盖章）：",
        "合同编号：",
        "____",
        "________",
        "[甲方全称]",
        "[x]",
        "[x%]",
        "[百分比]%",
        "？",
        "?",
        "____年____月____日",
        "人民币____元",
        "____万元整",
        "____%",
        "____个工作日内",
        "____日内",
        "每逾期一日，按未支付金额的[x%]支付违约金",
        "违约金为合同总金额的____%",
        "最高不超过合同总额的20%",
        "每增加一台台式机，一月的维护费增加30元",
        "每月____日前支付",
        "预付款",
        "尾款",
        "质保金",
        "本文档下载自",
        "第3页 共5页",
        "{{x}}",
        "}}",
        "<b>",
        "&amp;",
        "\u{202E}",
        "\u{0}",
        "１２３",
        "壹万元",
        "。",
        "，",
        "：",
        "合同",
        "服务",
        "费用",
        "abc",
        " ",
        "\t",
        "【",
        "】",
        "(",
        ")",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// The JSON calculation API: mutated inputs either fail to read or compute without a
    /// panic; a schedule that computes sums to its total.
    #[test]
    fn fuzz_json_calculation_api((which, text) in mutated_api_input()) {
        let cal = Calendar::new();
        match which {
            0 => if let Ok(input) = serde_json::from_str::<ScheduleInput>(&text) {
                if let Ok(s) = payment_schedule(&input, &cal) {
                    let sum: rust_decimal::Decimal = s.rows.iter().map(|r| r.amount).sum();
                    prop_assert_eq!(sum, s.total);
                }
            },
            1 => if let Ok(input) = serde_json::from_str::<PenaltyInput>(&text) {
                let _ = late_penalty(&input);
            },
            _ => if let Ok(input) = serde_json::from_str::<DeviceFeeInput>(&text) {
                let _ = device_fees(&input, &Calendar::new());
            },
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: (cases() / 10).max(1), ..ProptestConfig::default() })]

    /// The importer and its review: any text imports into a valid template that fills and
    /// renders; random review edits keep it valid or are refused.
    #[test]
    fn fuzz_import_and_review(text in contract_text(), edits in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0u8..3), 0..4)) {
        let mut review = Review::new(&text);
        prop_assert!(contract_calc::template::validate::validate(&review.template).is_empty(), "{:?}", text);
        for (a, b, op) in edits {
            let ids: Vec<String> = review.template.blanks.iter().map(|b| b.id.clone()).collect();
            if ids.is_empty() {
                break;
            }
            let (x, y) = (ids[a.index(ids.len())].clone(), ids[b.index(ids.len())].clone());
            let edit = match op {
                0 => Edit::Merge { keep: x, drop: y },
                1 => Edit::Retype { id: x, kind: RETYPABLE[b.index(RETYPABLE.len())] },
                _ => Edit::Relabel { id: x, label: y },
            };
            let _ = review.edit(&edit);
            prop_assert!(contract_calc::template::validate::validate(&review.template).is_empty());
        }
        let t = &review.template;
        let f = fill(t, &example_inputs(t), &Calendar::new());
        let html = render_html(t, &f, RenderOptions::with_annex(true));
        let inert = !html.contains("<b>") && !html.contains('\u{202E}');
        prop_assert!(inert, "markup or a bidi override in the contract");
        let docx = contract_calc::export::docx::docx(t, &f, contract_calc::export::OPTIONS);
        prop_assert!(docx.starts_with(b"PK"));
        let _ = review.html(contract_calc::template::Lang::Zh, None);
    }
}

/// The fuzz seeds are real inputs: each reads and computes (else the target tests nothing).
#[test]
fn api_fuzz_seeds_compute() {
    let cal = Calendar::new();
    let s: ScheduleInput = serde_json::from_str(API_INPUTS[0]).unwrap();
    assert_eq!(payment_schedule(&s, &cal).unwrap().rows.len(), 14);
    let p: PenaltyInput = serde_json::from_str(API_INPUTS[1]).unwrap();
    assert!(late_penalty(&p).unwrap().total > rust_decimal::Decimal::ZERO);
    let d: DeviceFeeInput = serde_json::from_str(API_INPUTS[2]).unwrap();
    assert_eq!(device_fees(&d, &Calendar::new()).unwrap().months.len(), 12);
}
