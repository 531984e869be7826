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
use contract_calc::core::money::{parse_amount, parse_percent, MAX_AMOUNT};
use contract_calc::core::words::{amount_in_words, parse_amount_in_words};
use contract_calc::state::Snapshot;
use contract_calc::template::render::{render_html, RenderOptions};
use contract_calc::template::validate::parse_template;
use contract_calc::template::{bundled, example_inputs, fill, Input};
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
            let mut bytes = bundled::SOURCES[which].2.as_bytes().to_vec();
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
        if let Ok(t) = parse_template(&doc) {
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
    }
}
