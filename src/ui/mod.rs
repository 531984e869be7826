//! Leptos components: the widget a visitor of a template website fills, checks and prints.
//!
//! One concern per file: `ctx` (reactive state), `form`, `results` (tables and panels),
//! `contract` (the live contract), `toolbar` (picker and actions), `storage` (localStorage,
//! share links, downloads). UI strings are in `crate::i18n`.

mod blocks;
mod contract;
mod ctx;
mod docs;
mod form;
mod import;
pub mod patch;
mod results;
mod storage;
mod toolbar;

pub use ctx::Ctx;

use crate::core::calendar::Calendar;
use crate::state::{Loaded, Snapshot};
use crate::template::{bundled, Inputs, Lang, Template};
use leptos::prelude::*;

/// How the widget starts.
#[derive(Clone, Default)]
pub struct Options {
    /// A template to show (overrides any autosave of another template).
    pub template: Option<Template>,
    /// Its JSON document when it is not bundled.
    pub doc: Option<String>,
    pub inputs: Option<Inputs>,
    pub lang: Option<Lang>,
    /// Restore from and save to localStorage, and read share links (the standalone app).
    pub persist: bool,
    pub calendar: Option<Calendar>,
}

/// The standalone app: persistent, reads share links.
#[component]
pub fn App() -> impl IntoView {
    view! { <Widget options=Options { persist: true, ..Options::default() } /> }
}

/// The widget, configurable for embedding.
#[component]
pub fn Widget(options: Options) -> impl IntoView {
    match init(options) {
        Some(ctx) => layout(ctx).into_any(),
        None => view! { <p class="cc-error">"No template"</p> }.into_any(),
    }
}

/// How many widgets this page has started (their element ids differ: `Ctx::id`).
static WIDGETS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// The widget's state from its options (restoring an autosave or a share link when
/// persistent), provided as context for the components. `None` when there is no template.
pub fn init(options: Options) -> Option<Ctx> {
    let first = || {
        bundled::SOURCES
            .first()
            .and_then(|(id, ..)| bundled::get(id))
    };
    // The given template's id: a saved state of that template (or of any, when none is
    // given) is restored. (Taken by value: no copy of the template is made.)
    let given = options.template.as_ref().map(|t| t.id.clone());
    let (mut template, mut doc) = match options.template {
        Some(t) => (Some(t), options.doc),
        None => (first(), None),
    };
    let mut inputs = options.inputs.unwrap_or_default();
    let mut lang = options.lang.unwrap_or_default();
    let mut annex = false;

    // A share link wins over the autosave, which is kept aside for the toolbar to bring back.
    // A link that cannot be opened (damaged, or naming a template this page lacks) is
    // reported, and the autosave is restored as if there were no link: it is never lost.
    let mut notice = None;
    let mut replaced = None;
    let loaded = if options.persist {
        let saved = storage::load();
        match storage::from_location() {
            None => {
                notice = restore_notice(&saved, "restore_problem", "restored");
                saved
            }
            Some(link) => {
                storage::clear_location_fragment();
                match link.snapshot().filter(|s| opens(s)) {
                    Some(opened) => {
                        replaced = saved
                            .as_ref()
                            .and_then(Loaded::snapshot)
                            .filter(|old| !old.inputs.is_empty() && *old != opened)
                            .cloned();
                        let done = if replaced.is_some() {
                            "link_kept_saved"
                        } else {
                            "link_opened"
                        };
                        notice = restore_notice(&Some(link.clone()), "link_problem", done);
                        Some(link)
                    }
                    None => {
                        notice = Some(("link_unusable", String::new()));
                        saved
                    }
                }
            }
        }
    } else {
        None
    };
    // A snapshot whose template is an embedded document: checked after start (`apply_snapshot`).
    let mut pending = None;
    match loaded {
        Some(Loaded::Ok(s))
        | Some(Loaded::Recovered {
            snapshot: Some(s), ..
        }) if given.as_ref().is_none_or(|id| *id == s.template) => {
            if s.doc.is_some() {
                pending = Some(s);
            } else if let Some(t) = bundled::get(&s.template) {
                template = Some(t);
                doc = None;
                inputs = s.inputs.clone();
                lang = s.lang;
                annex = s.annex;
            }
        }
        _ => {}
    }
    let mut ctx = Ctx::new(
        template?,
        doc,
        inputs,
        lang,
        options.calendar.unwrap_or_default(),
    );
    ctx.annex.set(annex);
    ctx.embedded = !options.persist;
    ctx.instance = WIDGETS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    if let Some((key, detail)) = notice {
        ctx.notify(key, &detail);
    }
    ctx.before_link.set(replaced);
    provide_context(ctx);
    if let Some(s) = pending {
        ctx::apply_snapshot(ctx, s, "restore_problem");
    }

    if options.persist {
        storage::save_on_leave();
        // A share link pasted into the address bar of a page already open: only the fragment
        // changes, so the page does not reload; open it here, as on a load.
        let _ = window_event_listener_untyped("hashchange", move |_| {
            let Some(link) = storage::from_location() else {
                return;
            };
            storage::clear_location_fragment();
            if !link.snapshot().is_some_and(opens) {
                ctx.notify("link_unusable", "");
                return;
            }
            let current = ctx.snapshot();
            let done = if current.inputs.is_empty() {
                "link_opened"
            } else {
                "link_kept_saved"
            };
            ctx.before_link
                .set((!current.inputs.is_empty()).then_some(current));
            let notice = restore_notice(&Some(link.clone()), "link_problem", done);
            toolbar::apply_loaded(ctx, Some(link), "link_problem");
            if let Some((key, detail)) = notice {
                ctx.notify(key, &detail);
            }
        });
        Effect::new(move |_| {
            ctx.track_snapshot();
            if !ctx.restoring.get() {
                storage::save_soon(ctx);
            }
        });
    }
    Some(ctx)
}

/// Whether a snapshot from a share link can be opened here: its template is bundled, or
/// it carries its own (checked when applied).
fn opens(s: &Snapshot) -> bool {
    s.doc.is_some() || bundled::SOURCES.iter().any(|(id, ..)| *id == s.template)
}

/// The notice for a loaded snapshot: its problem after `problem_key`'s text, or `done_key`'s
/// text when it held values.
fn restore_notice(
    loaded: &Option<Loaded>,
    problem_key: &'static str,
    done_key: &'static str,
) -> Option<(&'static str, String)> {
    match loaded {
        Some(Loaded::Recovered { problem, .. }) => Some((problem_key, problem.clone())),
        Some(Loaded::Ok(s)) if !s.inputs.is_empty() => Some((done_key, String::new())),
        _ => None,
    }
}

/// The widget's view of `ctx` (call [`init`] first, in the same reactive owner).
pub fn layout(ctx: Ctx) -> impl IntoView {
    view! {
        <div class="cc-app" lang=move || if ctx.lang.get() == Lang::En { "en" } else { "zh-CN" }>
            <toolbar::Toolbar />
            <Show when=move || ctx.importing.get()>
                <import::ImportPanel />
            </Show>
            <div class="cc-layout" class:cc-hidden=move || ctx.importing.get()>
                <div class="cc-side">
                    <p class="cc-offline">{move || ctx.tr("offline_note")}</p>
                    <form class="cc-form" on:submit=|ev| ev.prevent_default()>
                        <form::Form />
                    </form>
                </div>
                <div class="cc-main">
                    <results::Summary />
                    <results::Results />
                    <contract::Contract />
                </div>
            </div>
        </div>
    }
}
