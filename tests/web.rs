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

/// `ui::patch::set_html`: a same-shape update changes text nodes in place (keeping the nodes),
/// and a block whose nodes something else replaced (a translation tool, say) still ends up
/// with exactly the new content.
#[wasm_bindgen_test]
fn block_patch_updates_in_place_and_survives_foreign_changes() {
    use contract_calc::ui::patch::set_html;
    let document = web_sys::window().unwrap().document().unwrap();
    let block = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&block).unwrap();
    let table = |a: &str, b: &str| {
        format!("<table><tbody><tr><td>{a}</td><td class=\"num\">{b}</td></tr></tbody></table>")
    };
    // The text node in the i-th cell (1-based).
    let cell = |i: u32| {
        block
            .query_selector(&format!("td:nth-child({i})"))
            .unwrap()
            .unwrap()
            .first_child()
            .unwrap()
    };

    let (v1, v2, v3, v4) = (
        table("一", "1.00"),
        table("一", "2.00"),
        table("二", "3.00"),
        table("三", "4.00"),
    );
    set_html(&block, None, &v1);
    let text = cell(2);
    set_html(&block, Some(&v1), &v2);
    assert!(cell(2).is_same_node(Some(&text)), "patched in place");
    assert_eq!(block.inner_html(), v2);
    set_html(&block, Some(&v2), &v3); // the walk is reused
    assert!(cell(2).is_same_node(Some(&text)));
    assert_eq!(block.inner_html(), v3);

    // Something else replaces a text node we are about to change.
    let first = cell(1);
    let td = first.parent_node().unwrap();
    td.replace_child(&document.create_text_node("Two"), &first)
        .unwrap();
    set_html(&block, Some(&v3), &v4);
    assert_eq!(block.inner_html(), v4);
    block.remove();
}
