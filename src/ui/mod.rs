//! Leptos components. The page is minimal until the widget issue lands.
use leptos::prelude::*;

use crate::core::words::amount_in_words;

/// Root component of the standalone app.
#[component]
pub fn App() -> impl IntoView {
    let sample = amount_in_words(rust_decimal::Decimal::new(140950, 2)).unwrap_or_default();
    view! {
        <main class="app">
            <h1>"合同费用计算器"</h1>
            <p class="sample">{sample}</p>
        </main>
    }
}
