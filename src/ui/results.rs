//! Results and summary panels. Their HTML comes from `template::report` (escaped, display
//! only); clicking a linked label focuses its field.

use super::blocks::{new_blocks, Blocks};
use super::contract::jump_from;
use super::ctx::use_ctx;
use crate::template::report::{results_panels, summary_html};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn Results() -> impl IntoView {
    let ctx = use_ctx();
    let show_months = RwSignal::new(None::<bool>);
    let ids = ctx.id_prefix();
    let panels = new_blocks(move || {
        let lang = ctx.lang.get();
        let show = show_months.get();
        ctx.template
            .with(|t| ctx.filled.with(|f| results_panels(t, f, lang, &ids, show)))
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let toggle = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("[data-action=months]").ok().flatten());
        match toggle {
            Some(button) => {
                let open = button.get_attribute("aria-expanded").as_deref() == Some("true");
                show_months.set(Some(!open));
            }
            None => jump_from(ctx, ev),
        }
    };
    view! {
        <section class="cc-results" aria-label=move || ctx.tr("results") on:click=on_click>
            <Blocks blocks=panels />
        </section>
    }
}

#[component]
pub fn Summary() -> impl IntoView {
    let ctx = use_ctx();
    let ids = ctx.id_prefix();
    let html = move || {
        let lang = ctx.lang.get();
        ctx.template
            .with(|t| ctx.filled.with(|f| summary_html(t, f, lang, &ids)))
    };
    view! { <div class="cc-summary-wrap" aria-live="polite" inner_html=html on:click=move |ev| jump_from(ctx, ev)></div> }
}
