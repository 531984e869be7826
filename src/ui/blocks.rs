//! Live HTML made of blocks: each block is its own element, updated only when that block's
//! string changed, and then patched in place where possible (see `patch`). Typing in one
//! field then touches a few text nodes, not the whole contract.

use super::patch::set_html;
use leptos::html::Div;
use leptos::prelude::*;

/// Render `blocks` (recomputed as their inputs change), one `div.cc-block` each. Each block
/// compares itself, so `blocks` need not compare the whole list first (see [`new_blocks`]).
#[component]
pub fn Blocks(blocks: Memo<Vec<String>>) -> impl IntoView {
    view! {
        <For each=move || 0..blocks.with(Vec::len) key=|i| *i let:i>
            {
                // A block keeps its string until it differs (compared, not copied): an
                // unchanged block is not touched at all.
                let html = Memo::new_owning(move |old: Option<String>| {
                    blocks.with(|b| {
                        let now = b.get(i).map_or("", String::as_str);
                        match old {
                            Some(old) if old == now => (old, false),
                            _ => (now.to_string(), true),
                        }
                    })
                });
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

/// The blocks of a view, recomputed by `render` on every change of what it reads. Not
/// compared as a whole: [`Blocks`] compares each block.
pub fn new_blocks(render: impl Fn() -> Vec<String> + Send + Sync + 'static) -> Memo<Vec<String>> {
    Memo::new_with_compare(move |_| render(), |_, _| true)
}
