//! The widget's reactive state, shared through context. Data flows one way:
//! inputs (what the user typed) → `filled` (core results) → views.

use crate::core::calendar::Calendar;
use crate::state::Snapshot;
use crate::template::{fill, Filled, Inputs, Lang, Template};
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone, Copy)]
pub struct Ctx {
    pub template: RwSignal<Template>,
    /// The template document as JSON when it is not a bundled one.
    pub doc: RwSignal<Option<String>>,
    pub inputs: RwSignal<Inputs>,
    pub lang: RwSignal<Lang>,
    pub annex: RwSignal<bool>,
    /// A message for the user (restored data, import problems, share link copied).
    pub notice: RwSignal<Option<String>>,
    pub calendar: StoredValue<Arc<Calendar>>,
    pub filled: Memo<Filled>,
}

impl Ctx {
    pub fn new(
        template: Template,
        doc: Option<String>,
        inputs: Inputs,
        lang: Lang,
        calendar: Calendar,
    ) -> Self {
        let template = RwSignal::new(template);
        let inputs = RwSignal::new(inputs);
        let calendar = StoredValue::new(Arc::new(calendar));
        // Recomputed once per change; every view reads the same results.
        let filled = Memo::new_with_compare(
            move |_| template.with(|t| inputs.with(|i| calendar.with_value(|c| fill(t, i, c)))),
            |_, _| true,
        );
        Ctx {
            template,
            doc: RwSignal::new(doc),
            inputs,
            lang: RwSignal::new(lang),
            annex: RwSignal::new(true),
            notice: RwSignal::new(None),
            calendar,
            filled,
        }
    }

    pub fn snapshot(&self) -> Snapshot {
        let mut s = Snapshot::new(
            &self.template.with(|t| t.id.clone()),
            self.lang.get(),
            self.inputs.get(),
        );
        s.doc = self.doc.get();
        s
    }

    /// Switch template (bundled id or an already parsed document), keeping nothing typed.
    pub fn set_template(&self, t: Template, doc: Option<String>) {
        self.inputs.set(Inputs::new());
        self.doc.set(doc);
        self.template.set(t);
    }

    pub fn set_input(&self, id: &str, input: crate::template::Input) {
        self.inputs.update(|m| {
            m.insert(id.to_string(), input);
        });
    }

    pub fn tr(&self, key: &str) -> &'static str {
        crate::i18n::t(self.lang.get(), key)
    }
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}
