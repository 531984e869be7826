//! Results and summary panels. Their HTML comes from `template::report` (escaped, display
//! only); clicking a linked label focuses its field.

use super::contract::jump_from;
use super::ctx::use_ctx;
use crate::template::report::{results_html, summary_html};
use leptos::prelude::*;

#[component]
pub fn Results() -> impl IntoView {
    let ctx = use_ctx();
    let html = move || {
        let lang = ctx.lang.get();
        ctx.template
            .with(|t| ctx.filled.with(|f| results_html(t, f, lang)))
    };
    view! {
        <section
            class="cc-results"
            aria-label=move || ctx.tr("results")
            inner_html=html
            on:click=move |ev| jump_from(ev)
        ></section>
    }
}

#[component]
pub fn Summary() -> impl IntoView {
    let ctx = use_ctx();
    let html = move || {
        let lang = ctx.lang.get();
        ctx.template
            .with(|t| ctx.filled.with(|f| summary_html(t, f, lang)))
    };
    view! { <div class="cc-summary-wrap" aria-live="polite" inner_html=html on:click=move |ev| jump_from(ev)></div> }
}
