//! Browser tests (headless Chromium via wasm-bindgen-test-runner):
//! `cargo test --target wasm32-unknown-unknown --test web`.
//! Native `cargo test` would skip `#[wasm_bindgen_test]`s silently, so this file is wasm-only.
#![cfg(target_arch = "wasm32")]

use rust_decimal::Decimal;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn amount_in_words_in_wasm() {
    let words = contract_calc::core::words::amount_in_words(Decimal::new(140950, 2))
        .expect("amount_in_words(1409.50)");
    assert_eq!(words, "人民币壹仟肆佰零玖元伍角整");
}

#[wasm_bindgen_test]
fn app_mounts_and_renders_title() {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();

    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), contract_calc::ui::App);

    let h1 = host
        .query_selector("h1")
        .unwrap()
        .expect("an <h1> in the mounted app");
    assert_eq!(h1.text_content().as_deref(), Some("合同费用计算器"));

    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
fn bundled_template_fills_in_wasm() {
    use contract_calc::core::calendar::Calendar;
    use contract_calc::template::{bundled, example_inputs, fill};
    let t = bundled::get("after-sales-upgrade").expect("bundled template");
    let f = fill(&t, &example_inputs(&t), &Calendar::new());
    let s = f.schedule.ready().expect("schedule computes in wasm");
    let amounts: Vec<String> = s.rows.iter().map(|r| r.amount.to_string()).collect();
    assert_eq!(amounts, ["108000.00", "144000.00", "108000.00"]);
    assert_eq!(
        s.rows[0].due_date.map(|d| d.to_string()).as_deref(),
        Some("2025-10-10")
    );
}
