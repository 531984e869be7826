//! The import step: paste a contract's text (or load a .txt file), review what was detected
//! (rename, retype, merge blanks), then fill it in like a bundled template or save it as a
//! template document. The text is processed here, in the browser.
//!
//! The work happens in the documents module (`docs`), loaded on first use: it keeps the
//! review and renders it as HTML (`import::review::Review::html`), which is patched in
//! place as edits come in, so focus stays where it was. One listener reports the table's
//! edits (`data-id`, `data-edit` on each control).

use super::ctx::use_ctx;
use super::docs::{call, call_str, checked_template};
use super::patch::set_html;
use super::storage;
use crate::template::Lang;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn ImportPanel() -> impl IntoView {
    let ctx = use_ctx();
    let text = RwSignal::new(String::new());
    // The review table (HTML from the documents module), and whether the next render must
    // start from scratch (a refused edit: the control shows the kept value again).
    let html = RwSignal::new(String::new());
    let rebuild = StoredValue::new(false);
    let empty = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let lang_code = move || {
        if ctx.lang.get_untracked() == Lang::En {
            "en"
        } else {
            "zh-CN"
        }
    };

    // Run `step` in the documents module, then show the review again.
    let refresh = move |step: Option<(String, String, String)>, start: Option<String>| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = async {
                if let Some(source) = start {
                    call("review_start", &[&source]).await?;
                }
                if let Some((id, what, value)) = step {
                    let ok = call("review_edit", &[&id, &what, &value]).await?;
                    rebuild.set_value(ok.as_bool() != Some(true));
                }
                call_str("review_html", &[lang_code()]).await
            }
            .await;
            match result {
                Ok(h) => {
                    failed.set(None);
                    html.set(h);
                }
                Err(e) => failed.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let run = move |_| {
        let source = text.get_untracked();
        empty.set(source.trim().is_empty());
        if source.trim().is_empty() {
            html.set(String::new());
        } else {
            refresh(None, Some(source));
        }
    };
    // The language changed: the review's names and notes too.
    Effect::new(move |_| {
        ctx.lang.track();
        if !html.get_untracked().is_empty() {
            refresh(None, None);
        }
    });
    let on_change = move |ev: leptos::ev::Event| {
        let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if let (Some(id), Some(what)) = (el.get_attribute("data-id"), el.get_attribute("data-edit"))
        {
            refresh(Some((id, what, event_target_value(&ev))), None);
        }
    };
    let load_file = move |ev: leptos::ev::Event| {
        let Some(file) = storage::picked_file(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Some(t) = storage::read_text_file(&file).await {
                text.set(t);
            }
        });
    };
    // The reviewed template, to use or to save.
    let finish = move |save: bool| {
        leptos::task::spawn_local(async move {
            let json = match call_str("review_template", &[]).await {
                Ok(json) => json,
                Err(e) => return failed.set(Some(e)),
            };
            // The review keeps its template valid; `checked_template` checks it once more.
            match checked_template(&json).await {
                Ok((t, _)) if save => storage::download(
                    &format!("{}.json", t.id),
                    "application/json",
                    json.as_bytes(),
                ),
                Ok((t, doc)) => {
                    ctx.set_template(t, Some(doc));
                    ctx.importing.set(false);
                    ctx.notify("imported", "");
                }
                Err(e) => failed.set(Some(e)),
            }
        });
    };

    let table = NodeRef::<Div>::new();
    Effect::new(move |previous: Option<Option<String>>| {
        let new = html.get();
        let div = table.get()?;
        let old = previous.flatten().filter(|_| !rebuild.get_value());
        set_html(&div, old.as_deref(), &new);
        Some(new)
    });

    view! {
        <section class="cc-import" aria-labelledby=ctx.id("import-title")>
            <h2 id=ctx.id("import-title")>{move || ctx.tr("import_text")}</h2>
            <p class="cc-hint">{move || ctx.tr("import_hint")}</p>
            <label class="cc-label" for=ctx.id("import-source")>{move || ctx.tr("import_paste")}</label>
            <textarea
                id=ctx.id("import-source")
                rows="10"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            <div class="cc-actions">
                <button type="button" id=ctx.id("import-run") class="cc-primary" on:click=run disabled=move || busy.get()>
                    {move || ctx.tr(if busy.get() { "import_busy" } else { "import_run" })}
                </button>
                <label class="cc-button" for=ctx.id("import-file")>{move || ctx.tr("import_file")}</label>
                <input type="file" id=ctx.id("import-file") class="cc-visually-hidden" accept=".txt,text/plain" on:change=load_file />
                <button type="button" id=ctx.id("import-close") on:click=move |_| ctx.importing.set(false)>{move || ctx.tr("cancel")}</button>
            </div>
            <p class="cc-error" role="alert">
                {move || empty.get().then(|| ctx.tr("import_empty"))}
                {move || failed.get().map(|e| format!("{}{e}", ctx.tr("import_failed")))}
            </p>
            <div class="cc-import-review" node_ref=table on:change=on_change></div>
            <div class="cc-actions" class:cc-hidden=move || html.with(String::is_empty)>
                <button type="button" id=ctx.id("import-use") class="cc-primary" on:click=move |_| finish(false)>{move || ctx.tr("use_template")}</button>
                <button type="button" id=ctx.id("import-save") on:click=move |_| finish(true)>{move || ctx.tr("save_template")}</button>
            </div>
        </section>
    }
}
