//! The form: the template's blanks grouped by section, each with a fitting input, its
//! example as placeholder, and its error and warnings right beside it.

use super::ctx::{use_ctx, Ctx};
use crate::core::words::amount_in_words;
use crate::template::expr::Value;
use crate::template::inputs::Input;
use crate::template::model::{Blank, BlankType, Column, Label, Lang};
use crate::template::report::cell_place;
use crate::template::wording::marks;
use crate::template::Filled;
use leptos::prelude::*;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;

/// Element id of a blank's input (the contract's blanks jump here).
pub fn field_dom_id(ctx: &Ctx, id: &str) -> String {
    ctx.id(&format!("f-{id}"))
}

#[component]
pub fn Form() -> impl IntoView {
    let ctx = use_ctx();
    // The form's structure depends only on the template; values are read reactively inside.
    move || {
        // Sections and their blanks, read in place (no copy of the whole template); the views
        // are made after the read.
        let sections = ctx.template.with(|t| {
            // Sections follow the order of `groups` (built in that order: no sort to link);
            // blanks of no group, or of one not listed, come last.
            let of = |g: Option<&str>| -> Vec<Blank> {
                let listed = |b: &Blank| {
                    b.group
                        .as_ref()
                        .is_some_and(|id| t.groups.iter().any(|x| &x.id == id))
                };
                t.blanks
                    .iter()
                    .filter(|b| match g {
                        Some(id) => b.group.as_deref() == Some(id),
                        None => !listed(b),
                    })
                    .cloned()
                    .collect()
            };
            let mut sections: Vec<_> = t
                .groups
                .iter()
                .map(|g| (Some(g.label.clone()), of(Some(&g.id))))
                .collect();
            sections.push((None, of(None)));
            sections.retain(|(_, blanks)| !blanks.is_empty());
            sections
        });
        sections
            .into_iter()
            .map(|(label, blanks)| {
                view! {
                    <fieldset class="cc-group">
                        <legend>{move || label.as_ref().map(|l| l.get(ctx.lang.get()).to_string()).unwrap_or_default()}</legend>
                        {blanks.into_iter().map(|b| view! { <Field blank=b /> }).collect_view()}
                    </fieldset>
                }
            })
            .collect_view()
    }
}

/// The value a field shows: what was typed, re-read only when the values were replaced
/// from outside the fields (`Ctx::replaced`). While the user types, the input already
/// shows its own text.
fn text_of(ctx: &Ctx, id: &str) -> String {
    ctx.replaced.track();
    ctx.inputs.with_untracked(|m| match m.get(id) {
        Some(Input::Text(t)) => t.clone(),
        _ => String::new(),
    })
}

/// What a field shows from the results: its error, its warnings and, for money, its 大写.
#[derive(Clone, PartialEq)]
struct Shown {
    error: Option<String>,
    warnings: Vec<String>,
    words: Option<String>,
}

impl Shown {
    fn of(f: &Filled, blank: &Blank, lang: Lang) -> Self {
        let (id, kind) = (blank.id.as_str(), blank.kind);
        let error = f.error_for(id).map(|e| {
            let msg = if lang == Lang::En {
                e.problem.en()
            } else {
                e.problem.zh()
            };
            // A table cell error says which row and column.
            match cell_place(Some(blank), lang, &e.field) {
                Some(place) => format!("{place}{}{msg}", marks(lang).colon),
                None => msg,
            }
        });
        let warnings = f
            .warnings
            .iter()
            .filter(|w| w.field.as_deref() == Some(id))
            .map(|w| lang.pick(&w.zh, &w.en).clone())
            .collect();
        let words = match (kind, f.values.get(id)) {
            (BlankType::Money, Some(Value::Number(n))) => amount_in_words(*n).ok(),
            _ => None,
        };
        Shown {
            error,
            warnings,
            words,
        }
    }
}

#[component]
fn Field(blank: Blank) -> impl IntoView {
    let ctx = use_ctx();
    let id = blank.id.clone();
    let dom_id = field_dom_id(&ctx, &id);
    let err_id = ctx.id(&format!("e-{id}"));
    let label = blank.label.clone();
    let help = blank.help.clone();
    let required = blank.required;
    let kind = blank.kind;

    // What the field shows from the results is one memo: every keystroke recomputes the
    // results, but a field whose error, warnings and 大写 did not change is not touched.
    let blank_shown = blank.clone();
    let shown = Memo::new(move |_| {
        let lang = ctx.lang.get();
        ctx.filled.with(|f| Shown::of(f, &blank_shown, lang))
    });
    // A date input whose text is no date (incomplete, or 2月30日) reports the value "" as if
    // it were empty: the field says so itself, from the input's own validity, on leaving it,
    // until the text becomes a date or the values are replaced (kept: `replaced`'s count then).
    let bad_date = RwSignal::new(None::<u64>);
    let is_bad_date = move || bad_date.get().is_some_and(|n| n == ctx.replaced.get());
    let error = move || {
        if is_bad_date() {
            Some(ctx.tr("bad_date").to_string())
        } else {
            shown.with(|s| s.error.clone())
        }
    };
    let has_error = move || is_bad_date() || shown.with(|s| s.error.is_some());

    let input = match kind {
        BlankType::Table => view! { <RowsEditor blank=blank.clone() /> }.into_any(),
        BlankType::Choice => {
            let id2 = id.clone();
            let options = blank.options.clone();
            let default = blank.default.clone().unwrap_or_default();
            let value = move || {
                let v = text_of(&ctx, &id2);
                if v.is_empty() {
                    default.clone()
                } else {
                    v
                }
            };
            view! {
                <select
                    id=dom_id.clone()
                    aria-describedby=err_id.clone()
                    prop:value=value
                    on:change={ let id = id.clone(); move |ev| ctx.set_input(&id, Input::Text(event_target_value(&ev))) }
                >
                    {options
                        .into_iter()
                        .map(|o| {
                            let l = o.label.clone();
                            view! { <option value=o.value.clone()>{move || l.get(ctx.lang.get()).to_string()}</option> }
                        })
                        .collect_view()}
                </select>
            }
            .into_any()
        }
        _ => {
            let id2 = id.clone();
            let value = move || text_of(&ctx, &id2);
            let (input_type, mode) = match kind {
                BlankType::Date => ("date", "text"),
                BlankType::Money | BlankType::Percent => ("text", "decimal"),
                BlankType::Integer | BlankType::Days => ("text", "numeric"),
                _ => ("text", "text"),
            };
            // Examples read as examples ("例：…"), so they are not mistaken for filled values.
            let example = blank.example.clone();
            let placeholder = move || {
                example
                    .as_ref()
                    .map(|e| format!("{}{e}", ctx.tr("example")))
                    .unwrap_or_default()
            };
            view! {
                <input
                    id=dom_id.clone()
                    type=input_type
                    inputmode=mode
                    autocomplete="off"
                    placeholder=placeholder
                    aria-describedby=err_id.clone()
                    aria-invalid=move || if has_error() { "true" } else { "false" }
                    aria-required=if required { "true" } else { "false" }
                    prop:value=value
                    on:input={ let id = id.clone(); move |ev| {
                        if bad_date.get().is_some() && !bad_input(&ev) {
                            bad_date.set(None);
                        }
                        ctx.set_input(&id, Input::Text(event_target_value(&ev)))
                    } }
                    on:blur=move |ev| {
                        let bad = kind == BlankType::Date && bad_input(&ev);
                        bad_date.set(bad.then(|| ctx.replaced.get()));
                    }
                />
            }
            .into_any()
        }
    };

    let suffix = blank.unit.clone().or_else(|| match kind {
        BlankType::Percent => Some(Label {
            zh: "%".into(),
            en: "%".into(),
        }),
        BlankType::Money => Some(Label {
            zh: "元".into(),
            en: "yuan".into(),
        }),
        _ => None,
    });

    view! {
        <div class="cc-field" class:cc-invalid=has_error class:cc-table-field=kind == BlankType::Table>
            <label for=dom_id.clone()>
                {move || label.get(ctx.lang.get()).to_string()}
                {required.then(|| view! { <span class="cc-req" title=move || ctx.tr("required")>"*"</span> })}
            </label>
            <div class="cc-input-row">{input}{suffix.map(|s| view! { <span class="cc-suffix">{move || s.get(ctx.lang.get()).to_string()}</span> })}</div>
            // Money fields show their 大写 as you type, so a misplaced digit is obvious.
            {move || shown.with(|s| s.words.clone()).map(|w| view! { <p class="cc-words">{w}</p> })}
            {move || help.as_ref().map(|h| { let h = h.get(ctx.lang.get()).to_string(); view! { <p class="cc-help">{h}</p> } })}
            <p class="cc-error" id=err_id.clone() role="alert">{error}</p>
            {move || shown.with(|s| s.warnings.clone()).into_iter().map(|w| view! { <p class="cc-warning">{w}</p> }).collect_view()}
        </div>
    }
}

/// Repeating rows (a price list, payments made, device changes) with add/remove. Each cell
/// names its column (`data-label`): a narrow editor shows one card per row (widget.css).
#[component]
fn RowsEditor(blank: Blank) -> impl IntoView {
    let ctx = use_ctx();
    let id = blank.id.clone();
    let columns: Vec<Column> = blank
        .columns
        .iter()
        .filter(|c| c.expr.is_none())
        .cloned()
        .collect();
    let computed: Vec<Column> = blank
        .columns
        .iter()
        .filter(|c| c.expr.is_some())
        .cloned()
        .collect();
    // This table's rows, copied only when they changed (a keystroke elsewhere in the form
    // compares them, no more), so none of its cells is touched unless its own rows changed.
    let rows = {
        let id = id.clone();
        Memo::new_owning(move |old: Option<Vec<_>>| {
            ctx.inputs.with(|m| {
                let now = match m.get(&id) {
                    Some(Input::Rows(r)) => r.as_slice(),
                    _ => &[],
                };
                match old {
                    Some(old) if old == now => (old, false),
                    _ => (now.to_vec(), true),
                }
            })
        })
    };
    let count = move || rows.with(Vec::len);
    let set_cell = {
        let id = id.clone();
        move |row: usize, col: String, value: String| {
            ctx.values_edited();
            ctx.inputs.update(|m| {
                let entry = m
                    .entry(id.clone())
                    .or_insert_with(|| Input::Rows(Vec::new()));
                if !matches!(entry, Input::Rows(_)) {
                    *entry = Input::Rows(Vec::new());
                }
                if let Input::Rows(r) = entry {
                    if let Some(cells) = r.get_mut(row) {
                        cells.insert(col, value);
                    }
                }
            })
        }
    };
    let add = {
        let id = id.clone();
        move |ev: leptos::ev::MouseEvent| {
            ctx.values_edited();
            ctx.inputs.update(|m| {
                let entry = m
                    .entry(id.clone())
                    .or_insert_with(|| Input::Rows(Vec::new()));
                if let Input::Rows(r) = entry {
                    r.push(BTreeMap::new());
                } else {
                    *entry = Input::Rows(vec![BTreeMap::new()]);
                }
            });
            // The new row is for typing into: its first cell takes the focus, once it is drawn
            // (after this handler).
            if let Some(editor) = editor_of(&ev) {
                set_timeout(
                    move || focus_in(&editor, "tbody tr:last-child :is(input, textarea)"),
                    std::time::Duration::ZERO,
                );
            }
        }
    };
    let remove = {
        let id = id.clone();
        move |row: usize, ev: leptos::ev::MouseEvent| {
            // The last row's button goes with its row: the focus moves to "add row", not to
            // the page's start. Another row's button stays, as the next row's: the focus stays
            // where it was, on the button that removes the row now in that place.
            let last = row + 1 == rows.with_untracked(Vec::len);
            let editor = editor_of(&ev).filter(|_| last);
            ctx.values_edited();
            ctx.inputs.update(|m| {
                if let Some(Input::Rows(r)) = m.get_mut(&id) {
                    if row < r.len() {
                        r.remove(row);
                    }
                }
            });
            if let Some(editor) = editor {
                focus_in(&editor, ":scope > button");
            }
        }
    };
    let head_cols = columns.clone();
    let head_computed = computed.clone();
    let id_dom = field_dom_id(&ctx, &id);
    // A bad cell is marked invalid and described by the table's error line, beside it.
    let err_id = ctx.id(&format!("e-{id}"));
    let table_label = blank.label.clone();
    view! {
        <div class="cc-rows" id=id_dom tabindex="-1">
            <table aria-label=move || table_label.get(ctx.lang.get()).to_string()>
                <thead>
                    <tr>
                        {head_cols.iter().map(|c| { let l = c.label.clone(); view! { <th scope="col">{move || l.get(ctx.lang.get()).to_string()}</th> } }).collect_view()}
                        {head_computed.iter().map(|c| { let l = c.label.clone(); view! { <th scope="col">{move || l.get(ctx.lang.get()).to_string()}</th> } }).collect_view()}
                        <th></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || 0..count() key=|i| *i let:row>
                        {
                            let set_cell = set_cell.clone();
                            let remove = remove.clone();
                            let id = id.clone();
                            let computed = computed.clone();
                            view! {
                                <tr>
                                    {columns
                                        .iter()
                                        .map(|c| {
                                            let col = c.id.clone();
                                            let col2 = c.id.clone();
                                            let set_cell = set_cell.clone();
                                            let label = c.label.clone();
                                            let input_type = if c.kind == BlankType::Date { "date" } else { "text" };
                                            let wide = c.kind == BlankType::Text;
                                            let cell = format!("{id}.{row}.{}", c.id);
                                            let bad = Memo::new(move |_| ctx.filled.with(|f| f.errors.iter().any(|e| e.field == cell)));
                                            let err_id = err_id.clone();
                                            let name = c.label.clone();
                                            let invalid = move || bad.get().then_some("true");
                                            let described = move || bad.get().then(|| err_id.clone());
                                            let named = move || format!("{} {}", label.get(ctx.lang.get()), row + 1);
                                            let value = move || rows.with(|r| r.get(row).and_then(|r| r.get(&col).cloned()).unwrap_or_default());
                                            let typed = move |ev| set_cell(row, col2.clone(), event_target_value(&ev));
                                            // A text cell wraps onto as many lines as its text needs (widget.css),
                                            // rather than cut it off.
                                            let input = if wide {
                                                view! { <textarea rows="1" aria-invalid=invalid aria-describedby=described aria-label=named prop:value=value on:input=typed></textarea> }.into_any()
                                            } else {
                                                view! { <input type=input_type aria-invalid=invalid aria-describedby=described aria-label=named prop:value=value on:input=typed /> }.into_any()
                                            };
                                            view! {
                                                <td class:cc-wide=wide data-label=move || name.get(ctx.lang.get()).to_string()>
                                                    {input}
                                                </td>
                                            }
                                        })
                                        .collect_view()}
                                    {computed
                                        .iter()
                                        .map(|c| {
                                            let col = c.id.clone();
                                            let kind = c.kind;
                                            let id = id.clone();
                                            let name = c.label.clone();
                                            view! {
                                                <td class="num" data-label=move || name.get(ctx.lang.get()).to_string()>
                                                    {move || ctx.filled.with(|f| match f.values.get(&id) {
                                                        Some(crate::template::expr::Value::Rows(r)) => r
                                                            .get(row)
                                                            .and_then(|cells| cells.iter().find(|(k, _)| *k == col))
                                                            .map(|(_, v)| crate::template::render::fmt_value(kind, v, None, ctx.template.with(|t| t.language)))
                                                            .unwrap_or_default(),
                                                        _ => String::new(),
                                                    })}
                                                </td>
                                            }
                                        })
                                        .collect_view()}
                                    <td class="cc-remove">
                                        <button
                                            type="button"
                                            class="cc-small"
                                            aria-label=move || ctx.tr("remove_row_n").replace("{}", &(row + 1).to_string())
                                            on:click=move |ev| remove(row, ev)
                                        >
                                            {move || ctx.tr("remove_row")}
                                        </button>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            <button type="button" class="cc-small" on:click=add>{move || ctx.tr("add_row")}</button>
        </div>
    }
}

/// The rows editor an event happened in.
fn editor_of(ev: &leptos::ev::MouseEvent) -> Option<web_sys::Element> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    target.closest(".cc-rows").ok().flatten()
}

/// Focus the first element in `within` that matches `selector`, if any.
fn focus_in(within: &web_sys::Element, selector: &str) {
    if let Some(el) = within
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Whether the event's input holds text the browser cannot read as a value (an incomplete or
/// impossible date in a date input, whose value is then "").
fn bad_input(ev: &leptos::ev::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|i| i.validity().bad_input())
}
