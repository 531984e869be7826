//! Template picker, language switch, and the actions: example values, clear, export,
//! import, share link, print, download the contract as Word or HTML.

use super::ctx::{apply_snapshot, use_ctx, Ctx};
use super::storage;
use crate::export;
use crate::state::{Loaded, Snapshot};
use crate::template::{bundled, example_inputs, Lang};
use leptos::prelude::*;

#[component]
pub fn Toolbar() -> impl IntoView {
    let ctx = use_ctx();
    let options = bundled::SOURCES
        .iter()
        // In English, the English name and the contract's own title (the contract stays Chinese).
        .map(|(id, title, en, _)| {
            let label = move || match ctx.lang.get() {
                Lang::En => format!("{en} · {title}"),
                Lang::Zh => title.to_string(),
            };
            view! { <option value=*id>{label}</option> }
        })
        .collect_view();
    let pick = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        if let Some(t) = bundled::get(&id) {
            ctx.notice.set(None);
            ctx.set_template(t, None);
        }
    };
    let fill_example = move |_| {
        ctx.values_edited();
        ctx.replace_inputs(ctx.template.with(example_inputs));
    };
    // Clearing turns the button into its undo, until the next typing or switch.
    let clear = move |_| {
        if ctx.undo_clear_offered.get() {
            ctx.undo_clear();
        } else {
            ctx.clear();
        }
    };
    let clear_label = move || {
        ctx.tr(if ctx.undo_clear_offered.get() {
            "undo_clear"
        } else {
            "clear"
        })
    };
    let export = move |_| {
        ctx.end_notice();
        let s = ctx.snapshot();
        storage::download(
            &format!("{}.json", s.template),
            "application/json",
            s.to_json().as_bytes(),
        );
    };
    // The filled contract as a file (.docx or .html), made from the current state by the
    // documents module (loaded on first use, so the writers are not in the first load).
    let contract_file = move |ext: &'static str| {
        move |_| {
            ctx.end_notice();
            let state = ctx.snapshot().to_json();
            let name = ctx.template.with(|t| export::file_name(t, ext));
            leptos::task::spawn_local(async move {
                let mime = if ext == "docx" {
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                } else {
                    "text/html;charset=utf-8"
                };
                match super::docs::export_file(&state, ext).await {
                    Ok(bytes) => storage::download(&name, mime, &bytes),
                    Err(e) => ctx.notify("export_failed", &e),
                }
            });
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(file) = storage::picked_file(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            ctx.notify("imported_json", "");
            apply_loaded(ctx, text.map(|t| Snapshot::from_json(&t)), "import_problem");
        });
    };
    let share_link = RwSignal::new(String::new());
    // A link shown is of the state it was made from: any change takes it away (a stale link
    // would share other values than those on screen).
    Effect::new(move |_| {
        ctx.track_snapshot();
        share_link.set(String::new());
    });
    let share = move |_| {
        let link = storage::share_link(&ctx.snapshot());
        share_link.set(link.clone());
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&link);
        }
        ctx.notify("share_done", "");
    };
    let restore_previous = move |_| {
        if let Some(s) = ctx.before_link.try_update(Option::take).flatten() {
            apply_snapshot(ctx, s, "restore_problem");
            ctx.notify("previous_restored", "");
        }
    };
    // The standalone app prints its page (the print stylesheet keeps only the contract). An
    // embedded widget cannot print the host's page: it prints the contract alone, the same
    // document as "下载 HTML", from a hidden frame.
    let print = move |_| {
        ctx.end_notice();
        if !ctx.embedded {
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
            return;
        }
        let state = ctx.snapshot().to_json();
        leptos::task::spawn_local(async move {
            match super::docs::export_file(&state, "html").await {
                Ok(bytes) => storage::print_html(&String::from_utf8_lossy(&bytes)),
                Err(e) => ctx.notify("export_failed", &e),
            }
        });
    };
    let current = move || ctx.template.with(|t| t.id.clone());
    view! {
        <header class="cc-toolbar">
            <h1 class="cc-title">{move || ctx.tr("app_title")}</h1>
            <label class="cc-picker">
                <span>{move || ctx.tr("template")}</span>
                <select id=ctx.id("template") prop:value=current on:change=pick>
                    {options}
                    // An imported (not bundled) template is listed too, so the picker names it.
                    {move || ctx.doc.with(Option::is_some).then(|| ctx.template.with(|t| view! {
                        <option value=t.id.clone()>{t.title.clone()}</option>
                    }))}
                </select>
            </label>
            <label class="cc-lang">
                <span>{move || ctx.tr("language")}</span>
                <select
                    id=ctx.id("lang")
                    prop:value=move || if ctx.lang.get() == Lang::En { "en" } else { "zh-CN" }
                    on:change=move |ev| ctx.lang.set(if event_target_value(&ev) == "en" { Lang::En } else { Lang::Zh })
                >
                    <option value="zh-CN">"中文"</option>
                    <option value="en">"English"</option>
                </select>
            </label>
            <div class="cc-actions" role="toolbar">
                <button type="button" id=ctx.id("example") on:click=fill_example>{move || ctx.tr("fill_example")}</button>
                <button type="button" id=ctx.id("clear") on:click=clear>{clear_label}</button>
                <button type="button" id=ctx.id("export") on:click=export>{move || ctx.tr("export")}</button>
                <button type="button" id=ctx.id("import-open") aria-pressed=move || ctx.importing.get().to_string() on:click=move |_| ctx.importing.update(|o| *o = !*o)>{move || ctx.tr("import_text")}</button>
                <label class="cc-button" for=ctx.id("import")>{move || ctx.tr("import")}</label>
                <input type="file" id=ctx.id("import") class="cc-visually-hidden" accept=".json,application/json" on:change=import />
                // An embedded widget reads no share link (its host owns the page's address), so it
                // offers none.
                <button type="button" id=ctx.id("share") hidden=ctx.embedded on:click=share>{move || ctx.tr("share")}</button>
                {move || ctx.before_link.with(Option::is_some).then(|| view! {
                    <button type="button" id=ctx.id("restore-previous") on:click=restore_previous>{move || ctx.tr("restore_previous")}</button>
                })}
                <button type="button" id=ctx.id("print") class="cc-primary" on:click=print>{move || ctx.tr("print")}</button>
                <button type="button" id=ctx.id("docx") on:click=contract_file("docx")>{move || ctx.tr("download_docx")}</button>
                <button type="button" id=ctx.id("html") on:click=contract_file("html")>{move || ctx.tr("download_html")}</button>
                <label class="cc-check">
                    <input type="checkbox" id=ctx.id("annex") prop:checked=move || ctx.annex.get() on:change=move |ev| { ctx.end_notice(); ctx.annex.set(event_target_checked(&ev)) } />
                    {move || ctx.tr("annex")}
                </label>
            </div>
            {move || (!share_link.get().is_empty()).then(|| view! {
                <input class="cc-share-link" readonly aria-label=move || ctx.tr("share") prop:value=move || share_link.get() />
            })}
            <p class="cc-notice" role="status">
                {move || ctx.notice_text()}

            </p>
        </header>
    }
}

/// Apply a loaded snapshot (import, share link, autosave), reporting any problem.
pub fn apply_loaded(ctx: Ctx, loaded: Option<Loaded>, problem_key: &'static str) {
    let (snapshot, problem) = match loaded {
        None => (None, Some("empty".to_string())),
        Some(Loaded::Ok(s)) => (Some(s), None),
        Some(Loaded::Recovered { snapshot, problem }) => (snapshot, Some(problem)),
    };
    if let Some(s) = snapshot {
        apply_snapshot(ctx, s, problem_key);
    }
    if let Some(p) = problem {
        ctx.notify(problem_key, &p);
    }
}
