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
    // Escape is listened for on the window: a note shown by hovering has no focus inside.
    let section = NodeRef::<leptos::html::Section>::new();
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if let Some(panel) = section.get_untracked() {
            dismiss_how(&ev, &panel);
        }
    });
    on_cleanup(move || escape.remove());
    view! {
        <section
            node_ref=section
            class="cc-results"
            aria-label=move || ctx.tr("results")
            on:click=on_click
            on:focusout=move |ev| undismiss_how(&ev)
            on:mouseout=move |ev| undismiss_how(&ev)
        >
            <Blocks blocks=panels />
        </section>
    }
}

/// Escape hides the how-note of the number focused or hovered (WCAG 1.4.13: dismissible
/// without moving focus or the pointer); it shows again once focus or the pointer leaves.
fn dismiss_how(ev: &web_sys::KeyboardEvent, panel: &web_sys::Element) {
    if ev.key() != "Escape" {
        return;
    }
    for shown in [".cc-x:focus", ".cc-x:hover"] {
        if let Ok(Some(x)) = panel.query_selector(shown) {
            let _ = x.set_attribute("data-dismissed", "");
        }
    }
}

fn undismiss_how(ev: &web_sys::Event) {
    if let Some(x) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    {
        let _ = x.remove_attribute("data-dismissed");
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
