//! The filled contract, live: the HTML comes from `template::render`, the same results as
//! the tables. Clicking (or pressing Enter on) a blank in the text jumps to its field.

use super::blocks::{new_blocks, Blocks};
use super::ctx::{use_ctx, Ctx};
use crate::template::model::blank_of;
use crate::template::render::{render_blocks, RenderOptions};
use crate::template::Lang;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Focus the form element with DOM id `dom_id` in the same widget as `from`, and bring it
/// into view. Looked up inside the widget (`.cc-app`), not the document: the widget may live
/// in a shadow root, or share a page with another widget using the same ids.
pub fn focus_field(from: &web_sys::Element, dom_id: &str) {
    let selector = format!(
        "[id=\"{}\"]",
        dom_id.replace('\\', "\\\\").replace('"', "\\\"")
    );
    let Some(el) = from
        .closest(".cc-app")
        .ok()
        .flatten()
        .and_then(|app| app.query_selector(&selector).ok().flatten())
    else {
        return;
    };
    // Lands a third of the way down (the field's scroll-margin in widget.css), so that its
    // label above and its help and error below are in view too.
    el.scroll_into_view_with_bool(true);
    if let Ok(html) = el.dyn_into::<web_sys::HtmlElement>() {
        let _ = html.focus();
    }
}

/// If the event came from an element with `data-field` (a blank in the contract, a link in a
/// panel), focus that field instead of following the link.
pub fn jump_from(ctx: Ctx, ev: impl AsRef<web_sys::Event>) {
    let ev = ev.as_ref();
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(Some(span)) = el.closest("[data-field]") else {
        return;
    };
    if let Some(id) = span.get_attribute("data-field").filter(|id| !id.is_empty()) {
        ev.prevent_default();
        // A table cell's id (`paid.1.amount`) jumps to its table.
        focus_field(&span, &super::form::field_dom_id(&ctx, blank_of(&id)));
    }
}

#[component]
pub fn Contract() -> impl IntoView {
    let ctx = use_ctx();
    let blocks = new_blocks(move || {
        let annex = ctx.annex.get();
        ctx.template.with(|t| {
            ctx.filled.with(|f| {
                let opts = RenderOptions {
                    annex: true,
                    annex_tables: annex,
                };
                // A table too wide for a phone scrolls on its own (widget.css): focusable, so
                // that a keyboard can scroll it too.
                let mut blocks = render_blocks(t, f, opts);
                for b in blocks.iter_mut().filter(|b| b.contains("<table ")) {
                    *b = b.replace("<table ", "<table tabindex=\"0\" ");
                }
                blocks
            })
        })
    });
    let lang = move || {
        ctx.template.with(|t| {
            if t.language == Lang::En {
                "en"
            } else {
                "zh-CN"
            }
        })
    };
    view! {
        <section class="cc-contract-wrap" aria-label=move || ctx.tr("contract")>
            <p class="cc-hint">{move || ctx.tr("jump")}</p>
            <div
                class="cc-contract"
                on:click=move |ev| jump_from(ctx, ev)
                on:keydown=move |ev| {
                    if ev.key() == "Enter" {
                        jump_from(ctx, ev);
                    }
                }
            >
                <article class="contract" lang=lang>
                    <Blocks blocks=blocks />
                </article>
            </div>
        </section>
    }
}
