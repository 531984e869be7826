//! Live HTML made of blocks: each block is its own element, updated only when that block's
//! string changed, and then patched in place where possible (see `patch`). Typing in one
//! field then touches a few text nodes, not the whole contract.

use super::patch::set_html;
use leptos::html::Div;
use leptos::prelude::*;

/// Render `blocks` (recomputed as their inputs change), one `div.cc-block` each.
#[component]
pub fn Blocks(blocks: Memo<Vec<String>>) -> impl IntoView {
    view! {
        <For each=move || 0..blocks.with(Vec::len) key=|i| *i let:i>
            {
                // Memo<String> compares: an unchanged block is not touched at all.
                let html = Memo::new(move |_| blocks.with(|b| b.get(i).cloned().unwrap_or_default()));
                let el = NodeRef::<Div>::new();
                Effect::new(move |previous: Option<Option<String>>| {
                    let new = html.get();
                    let div = el.get()?;
                    set_html(&div, previous.flatten().as_deref(), &new);
                    Some(new)
                });
                view! { <div class="cc-block" node_ref=el></div> }
            }
        </For>
    }
}
