//! The widget's reactive state, shared through context. Data flows one way:
//! inputs (what the user typed) → `filled` (core results) → views.

use crate::core::calendar::Calendar;
use crate::state::Snapshot;
use crate::template::{bundled, fill, Filled, Inputs, Lang, Template};
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone, Copy)]
pub struct Ctx {
    pub template: RwSignal<Template>,
    /// The template document as JSON when it is not a bundled one.
    pub doc: RwSignal<Option<String>>,
    /// What the user typed. Write it through `set_input` (a field's own typing) or
    /// `replace_inputs` (everything else), never with `.set`: the fields show new values only
    /// when `replaced` says the values came from elsewhere.
    pub inputs: RwSignal<Inputs>,
    /// Bumped when the values are replaced from outside the fields (template switch, example,
    /// clear, restore, import, a host's `setValues`): the fields then show the new values.
    /// Typing does not bump it, so a keystroke does not re-read every field's value.
    pub replaced: RwSignal<u64>,
    pub lang: RwSignal<Lang>,
    /// The contract's calculator tables (schedule, device fees, penalty) as numbered annexes
    /// at its end (附件一 …, the text refers to them), as the Word and HTML downloads have
    /// them; else each where the template puts it.
    pub annex: RwSignal<bool>,
    /// The import step (contract text → template) is open instead of the form.
    pub importing: RwSignal<bool>,
    /// A saved template document is being checked before use (autosave waits).
    pub restoring: RwSignal<bool>,
    /// Mounted in a host's page (not the standalone app): printing must not print the host.
    pub embedded: bool,
    /// This widget's place among the widgets started on the page (0 for the first), so that
    /// two widgets on one page never share an element id (see [`Ctx::id`]).
    pub instance: u32,
    /// A message for the user (restored data, import problems, share link copied): set it
    /// with [`Ctx::notify`], show it with [`Ctx::notice_text`].
    pub notice: RwSignal<Option<String>>,
    /// Values put aside: by a template switch or a clear (see [`Drafts`]).
    pub drafts: StoredValue<Drafts>,
    /// "Undo" is offered for a clear (until the next typing or switch).
    pub undo_clear_offered: RwSignal<bool>,
    /// The autosave a share link replaced when the page opened, which the toolbar offers to
    /// bring back.
    pub before_link: RwSignal<Option<crate::state::Snapshot>>,
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
            replaced: RwSignal::new(0),
            lang: RwSignal::new(lang),
            annex: RwSignal::new(false),
            importing: RwSignal::new(false),
            restoring: RwSignal::new(false),
            embedded: false,
            instance: 0,
            notice: RwSignal::new(None),
            drafts: StoredValue::new(Drafts::default()),
            undo_clear_offered: RwSignal::new(false),
            before_link: RwSignal::new(None),
            calendar,
            filled,
        }
    }

    /// Subscribe to what [`Ctx::snapshot`] reads, without copying it (autosave).
    pub fn track_snapshot(&self) {
        self.template.track();
        self.lang.track();
        self.inputs.track();
        self.doc.track();
        self.annex.track();
    }

    pub fn snapshot(&self) -> Snapshot {
        let mut s = Snapshot::new(
            &self.template.with(|t| t.id.clone()),
            self.lang.get(),
            self.inputs.get(),
        );
        s.doc = self.doc.get();
        s.annex = self.annex.get();
        s
    }

    /// Switch template (bundled id or an already parsed document). The values of a bundled
    /// template are kept as its draft, and a bundled template's draft comes back (else it
    /// starts empty); an imported document's ids may repeat another's, so it keeps none.
    pub fn set_template(&self, t: Template, doc: Option<String>) {
        // Called from event handlers and start-up, outside any effect: plain reads track
        // nothing here (and need no untracked variants in the wasm).
        let old_id = self.template.with(|t| t.id.clone());
        let old_bundled = self.doc.with(Option::is_none);
        let old = self.inputs.get();
        let draft = self.drafts.try_update_value(|d| {
            d.cleared = None;
            // (A linear list: six bundled templates; and no second BTreeMap type in the wasm.)
            d.by_template.retain(|(id, _)| *id != old_id);
            if old_bundled && !old.is_empty() {
                d.by_template.push((old_id, old));
            }
            let i = d.by_template.iter().position(|(id, _)| *id == t.id);
            i.filter(|_| doc.is_none())
                .map(|i| d.by_template.swap_remove(i).1)
        });
        self.undo_clear_offered.set(false);
        self.replace_inputs(draft.flatten().unwrap_or_default());
        self.doc.set(doc);
        self.template.set(t);
    }

    /// Clear every value, offering to undo it.
    pub fn clear(&self) {
        let old = self.inputs.get();
        let undo = !old.is_empty();
        if undo {
            self.notify("cleared", "");
        } else {
            self.notice.set(None);
        }
        self.undo_clear_offered.set(undo);
        self.drafts.update_value(|d| d.cleared = Some(old));
        self.replace_inputs(Inputs::new());
    }

    /// Bring back the values [`Ctx::clear`] removed.
    pub fn undo_clear(&self) {
        self.undo_clear_offered.set(false);
        self.notice.set(None);
        if let Some(Some(old)) = self.drafts.try_update_value(|d| d.cleared.take()) {
            self.replace_inputs(old);
        }
    }

    /// Replace all values (not a field's own typing: see `set_input`).
    pub fn replace_inputs(&self, inputs: Inputs) {
        self.inputs.set(inputs);
        self.replaced.update(|n| *n += 1);
    }

    /// A field's own typing: its input already shows `input`.
    pub fn set_input(&self, id: &str, input: crate::template::Input) {
        self.values_edited();
        self.inputs.update(|m| {
            m.insert(id.to_string(), input);
        });
    }

    /// The values are about to change by an edit (typing, a table row, the example, a host's
    /// `setValues`): the message of an earlier action goes ([`Ctx::end_notice`]), and so does
    /// the offer to undo a clear, which would now throw the edit away.
    pub fn values_edited(&self) {
        if self.undo_clear_offered.get() {
            self.undo_clear_offered.set(false);
        }
        self.end_notice();
    }

    /// The element id `name` of this widget: `cc-name` in the first widget on the page,
    /// `cc2-name`, `cc3-name` … in the next ones, so that a label (`for`) or an error
    /// (`aria-describedby`) in one widget never points into another.
    pub fn id(&self, name: &str) -> String {
        format!("{}-{name}", self.id_prefix())
    }

    /// `cc`, `cc2`, `cc3` …: what this widget's element ids start with.
    pub fn id_prefix(&self) -> String {
        match self.instance {
            0 => "cc".to_string(),
            n => format!("cc{}", n + 1),
        }
    }

    pub fn tr(&self, key: &str) -> &'static str {
        crate::i18n::t(self.lang.get(), key)
    }

    /// Show the message of `key` (an `i18n` key), followed by `detail` (a problem's details,
    /// as they came; often empty). The key is kept and translated when shown, so the message
    /// follows the language: applying a snapshot can switch it (a file saved in English), and
    /// so can the user. (Kept as one string, the key, a newline and the detail: a signal of a
    /// type of its own would cost 0.3 kB of the first load.)
    pub fn notify(&self, key: &str, detail: &str) {
        self.notice.set(Some(format!("{key}\n{detail}")));
    }

    /// Take the message away: it told of an action done before, and the values have changed
    /// since (typing, a table row, the example, the annex choice) or another action was taken
    /// (a download), so it no longer describes what is on screen ("link copied" of a link that
    /// holds other values). An action with a message of its own sets it after its change.
    pub fn end_notice(&self) {
        if self.notice.with(Option::is_some) {
            self.notice.set(None);
        }
    }

    /// The message set by [`Ctx::notify`], in the interface's language.
    pub fn notice_text(&self) -> Option<String> {
        self.notice.with(|n| {
            let (key, detail) = n.as_deref()?.split_once('\n')?;
            Some(format!("{}{detail}", self.tr(key)))
        })
    }
}

/// Apply a snapshot (autosave, share link, imported JSON): its template, values, language
/// and annex choice. A bundled template applies at once. An embedded template document is
/// first validated by the documents module (`docs`, loaded on demand, so the validator is not
/// in the first load); `ctx.restoring` is true meanwhile, and autosave waits. A document that
/// fails falls back to the bundled template of the same id, else it is reported.
pub fn apply_snapshot(ctx: Ctx, s: Snapshot, problem_key: &'static str) {
    let apply = move |t: Template, doc: Option<String>, s: Snapshot| {
        ctx.set_template(t, doc);
        ctx.replace_inputs(s.inputs);
        ctx.lang.set(s.lang);
        ctx.annex.set(s.annex);
    };
    let Some(doc) = s.doc.clone() else {
        match bundled::get(&s.template) {
            Some(t) => apply(t, None, s),
            None => unknown(ctx, &s, problem_key, None),
        }
        return;
    };
    ctx.restoring.set(true);
    leptos::task::spawn_local(async move {
        match super::docs::checked_template(&doc).await {
            Ok((t, doc)) => apply(t, Some(doc), s),
            Err(why) => match bundled::get(&s.template) {
                Some(t) => apply(t, None, s),
                None => unknown(ctx, &s, problem_key, Some(why)),
            },
        }
        ctx.restoring.set(false);
    });
}

fn unknown(ctx: Ctx, s: &Snapshot, problem_key: &str, why: Option<String>) {
    let why = why.map(|w| format!(": {w}")).unwrap_or_default();
    ctx.notify(
        problem_key,
        &format!("unknown template '{}'{why}", s.template),
    );
}

/// Values put aside during a visit, so that nothing typed is lost.
#[derive(Default)]
pub struct Drafts {
    /// What each bundled template held when the user switched away from it: switching back
    /// brings it back.
    pub by_template: Vec<(String, Inputs)>,
    /// The values a clear removed, for its undo.
    pub cleared: Option<Inputs>,
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}
