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
    let sample = host
        .query_selector(".sample")
        .unwrap()
        .expect("a .sample paragraph");
    assert_eq!(
        sample.text_content().as_deref(),
        Some("人民币壹仟肆佰零玖元伍角整")
    );

    drop(handle);
    host.remove();
}
