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
use crate::state::Loaded;
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

    // A share link wins over the autosave; a damaged one is reported and ignored.
    let loaded = if options.persist {
        let from_link = storage::from_location();
        if from_link.is_some() {
            storage::clear_location_fragment();
        }
        from_link.or_else(storage::load)
    } else {
        None
    };
    let notice = match &loaded {
        Some(Loaded::Recovered { problem, .. }) => Some(format!(
            "{}{problem}",
            crate::i18n::t(lang, "restore_problem")
        )),
        Some(Loaded::Ok(s)) if !s.inputs.is_empty() => {
            Some(crate::i18n::t(s.lang, "restored").to_string())
        }
        _ => None,
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
    ctx.embedded = !options.persist;
    ctx.instance = WIDGETS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    ctx.notice.set(notice);
    provide_context(ctx);
    if let Some(s) = pending {
        ctx::apply_snapshot(ctx, s, "restore_problem");
    }

    if options.persist {
        storage::save_on_leave();
        Effect::new(move |_| {
            ctx.track_snapshot();
            if !ctx.restoring.get() {
                storage::save_soon(ctx);
            }
        });
    }
    Some(ctx)
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
