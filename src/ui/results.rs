//! Results as you type: payment schedule, late penalty, device fees, lump sums. Each number
//! expands (a `<details>`) to show how it was computed.

use super::ctx::use_ctx;
use crate::core::money::round_display;
use crate::template::fill::{Calc, LumpResult};
use crate::template::model::Lang;
use crate::template::render::fmt_money;
use leptos::prelude::*;

/// "Waiting for …" / the error, for a calculator that is not ready.
fn not_ready<T>(c: &Calc<T>, lang: Lang, label_of: impl Fn(&str) -> String) -> Option<AnyView> {
    match c {
        Calc::Ready(_) | Calc::Unused => None,
        Calc::Waiting(ids) => {
            let names: Vec<String> = ids.iter().map(|i| label_of(i)).collect();
            let head = super::i18n::t(lang, "waiting");
            Some(view! { <p class="cc-waiting">{head}{names.join("、")}</p> }.into_any())
        }
        Calc::Failed(e) => {
            let msg = if lang == Lang::En { e.problem.en() } else { e.problem.zh() };
            Some(view! { <p class="cc-error">{format!("{}：{msg}", label_of(&e.field))}</p> }.into_any())
        }
    }
}

#[component]
pub fn Results() -> impl IntoView {
    let ctx = use_ctx();
    let label_of = move |id: &str| {
        let lang = ctx.lang.get_untracked();
        ctx.template.with_untracked(|t| {
            t.blanks
                .iter()
                .find(|b| b.id == id)
                .map(|b| b.label.get(lang).to_string())
                .unwrap_or_else(|| id.to_string())
        })
    };
    view! {
        <section class="cc-results" aria-label=move || ctx.tr("results")>
            {move || {
                let lang = ctx.lang.get();
                let tr = move |k| super::i18n::t(lang, k);
                ctx.filled.with(|f| {
                    let mut parts: Vec<AnyView> = Vec::new();
                    if !matches!(f.schedule, Calc::Unused) {
                        let body = match &f.schedule {
                            Calc::Ready(s) => {
                                let rows = s.rows.iter().map(|r| {
                                    let due = r.due_date.map_or_else(|| tr("pending_date").to_string(), |d| d.to_string());
                                    let moved = match (r.due_date, r.unadjusted_due_date) {
                                        (Some(d), Some(u)) if d != u => Some(format!("{u} → {d}（{}）", tr("moved"))),
                                        _ => None,
                                    };
                                    let rule = if lang == Lang::En { r.rule_en.clone() } else { r.rule_zh.clone() };
                                    let how = format!(
                                        "{} × {}% = {}，{}{}",
                                        fmt_money(s.total),
                                        round_display(r.percent, 4),
                                        fmt_money(r.amount - r.residue),
                                        tr("rounding"),
                                        if r.residue.is_zero() { String::new() } else { format!("；{} {}", tr("residue"), r.residue) }
                                    );
                                    view! {
                                        <tr>
                                            <th scope="row">{r.name.clone()}</th>
                                            <td class="num">{format!("{}%", round_display(r.percent, 2))}</td>
                                            <td class="num">
                                                <details><summary>{fmt_money(r.amount)}</summary><p class="cc-how">{how}</p></details>
                                            </td>
                                            <td class="cc-words-cell">{r.words.clone()}</td>
                                            <td>{due}{moved.map(|m| view! { <small class="cc-moved">{m}</small> })}</td>
                                            <td>{rule}</td>
                                        </tr>
                                    }
                                }).collect_view();
                                view! {
                                    <div class="cc-scroll">
                                        <table class="cc-table cc-schedule">
                                            <thead><tr>
                                                <th scope="col">{tr("instalment")}</th><th scope="col">{tr("percent")}</th>
                                                <th scope="col">{tr("amount")}</th><th scope="col">{tr("words")}</th>
                                                <th scope="col">{tr("due_date")}</th><th scope="col">{tr("rule")}</th>
                                            </tr></thead>
                                            <tbody>{rows}</tbody>
                                            <tfoot><tr><th scope="row">{tr("total")}</th><td class="num">"100%"</td>
                                                <td class="num">{fmt_money(s.total)}</td><td colspan="3">{s.total_words.clone()}</td></tr></tfoot>
                                        </table>
                                    </div>
                                }.into_any()
                            }
                            other => not_ready(other, lang, label_of).unwrap_or_else(|| ().into_any()),
                        };
                        parts.push(view! { <div class="cc-panel" id="cc-schedule"><h3>{tr("schedule")}</h3>{body}</div> }.into_any());
                    }
                    if !matches!(f.penalty, Calc::Unused) {
                        let body = match &f.penalty {
                            Calc::Ready(p) => {
                                let segs = p.segments.iter().map(|s| {
                                    let how = if p.daily_rate.is_zero() {
                                        format!("{} × {}", fmt_money(s.base), s.days)
                                    } else {
                                        format!("{} × {} × {} = {}（{}）", fmt_money(s.base), p.daily_rate, s.days, fmt_money(s.amount), tr("rounding"))
                                    };
                                    view! {
                                        <tr>
                                            <td>{format!("{} – {}", s.from, s.to)}</td>
                                            <td class="num">{s.days}</td>
                                            <td class="num">{fmt_money(s.base)}</td>
                                            <td class="num"><details><summary>{fmt_money(s.amount)}</summary><p class="cc-how">{how}</p></details></td>
                                        </tr>
                                    }
                                }).collect_view();
                                let cap = match p.cap_amount {
                                    Some(c) => format!("{} {}（{}）", tr("cap"), fmt_money(c), if p.capped { tr("capped") } else { tr("not_capped") }),
                                    None => String::new(),
                                };
                                view! {
                                    <dl class="cc-facts">
                                        <dt>{tr("overdue_days")}</dt><dd>{p.overdue_days}</dd>
                                        <dt>{tr("penalty_days")}</dt><dd>{p.penalty_days}</dd>
                                        <dt>{tr("annualized")}</dt><dd>{format!("{}%", p.annualized_percent)}</dd>
                                    </dl>
                                    <div class="cc-scroll">
                                        <table class="cc-table">
                                            <thead><tr><th scope="col">{tr("segment")}</th><th scope="col">{tr("days")}</th><th scope="col">{tr("base")}</th><th scope="col">{tr("amount")}</th></tr></thead>
                                            <tbody>{segs}</tbody>
                                            <tfoot><tr><th scope="row" colspan="3">{tr("total")}{" "}{cap}</th><td class="num">{fmt_money(p.total)}</td></tr></tfoot>
                                        </table>
                                    </div>
                                    <p class="cc-words">{p.total_words.clone()}</p>
                                }.into_any()
                            }
                            other => not_ready(other, lang, label_of).unwrap_or_else(|| ().into_any()),
                        };
                        parts.push(view! { <div class="cc-panel" id="cc-penalty"><h3>{tr("penalty")}</h3>{body}</div> }.into_any());
                    }
                    if !matches!(f.devices, Calc::Unused) {
                        let body = match &f.devices {
                            Calc::Ready(d) => {
                                let names: Vec<String> = d.months.first().map(|m| m.lines.iter().map(|l| l.name.clone()).collect()).unwrap_or_default();
                                let head = names.iter().map(|n| view! { <th scope="col">{n.clone()}</th> }).collect_view();
                                let rows = d.months.iter().map(|m| {
                                    let cells = m.lines.iter().map(|l| {
                                        let how = format!("{} × {} ÷ {} = {}", l.unit_fee, l.device_days, m.days, fmt_money(l.amount));
                                        view! { <td class="num"><details><summary>{fmt_money(l.amount)}</summary><p class="cc-how">{how}</p></details></td> }
                                    }).collect_view();
                                    view! {
                                        <tr>
                                            <td>{format!("{} – {}", m.from, m.to)}</td>
                                            {cells}
                                            <td class="num">{fmt_money(m.subtotal)}</td>
                                            <td class="num">{fmt_money(m.discount)}</td>
                                            <td class="num">{fmt_money(m.split.tax)}</td>
                                            <td class="num">{fmt_money(m.split.gross)}</td>
                                        </tr>
                                    }
                                }).collect_view();
                                let years = d.years.iter().map(|y| view! {
                                    <li>{format!("{} {}：{}（{} {}）", tr("year"), y.index, fmt_money(y.split.gross), tr("tax"), fmt_money(y.split.tax))}</li>
                                }).collect_view();
                                view! {
                                    <div class="cc-scroll">
                                        <table class="cc-table cc-devices">
                                            <thead><tr><th scope="col">{tr("month")}</th>{head}<th scope="col">{tr("subtotal")}</th><th scope="col">{tr("discount")}</th><th scope="col">{tr("tax")}</th><th scope="col">{tr("gross")}</th></tr></thead>
                                            <tbody>{rows}</tbody>
                                        </table>
                                    </div>
                                    <ul class="cc-years">{years}</ul>
                                    <p class="cc-total">{tr("total")}{"："}{fmt_money(d.total.gross)}{" "}<span class="cc-words">{d.total_words.clone()}</span></p>
                                }.into_any()
                            }
                            other => not_ready(other, lang, label_of).unwrap_or_else(|| ().into_any()),
                        };
                        parts.push(view! { <div class="cc-panel" id="cc-devices"><h3>{tr("devices")}</h3>{body}</div> }.into_any());
                    }
                    if !f.lump.is_empty() {
                        let items = ctx.template.with(|t| {
                            t.calculators.lump_sum.iter().map(|l| {
                                let label = l.label().get(lang).to_string();
                                let value = match f.lump(l.id()) {
                                    Some(Calc::Ready(r)) => {
                                        let extra = match r {
                                            LumpResult::Capped(c) => format!("（{} {}，{}）", tr("cap"), fmt_money(c.cap), if c.capped { tr("capped") } else { tr("not_capped") }),
                                            LumpResult::Maintenance(m) => m.instalments.iter().map(|i| fmt_money(i.gross)).collect::<Vec<_>>().join(" + "),
                                            LumpResult::Amount(_) => String::new(),
                                        };
                                        let words = crate::core::words::amount_in_words(r.amount()).unwrap_or_default();
                                        view! { <span class="num">{fmt_money(r.amount())}</span>" "<span class="cc-words">{words}</span>" "<small>{extra}</small> }.into_any()
                                    }
                                    Some(other) => not_ready(other, lang, label_of).unwrap_or_else(|| ().into_any()),
                                    None => ().into_any(),
                                };
                                view! { <li><strong>{label}</strong>{"："}{value}</li> }
                            }).collect_view()
                        });
                        parts.push(view! { <div class="cc-panel" id="cc-lump"><h3>{tr("lump")}</h3><ul class="cc-lump">{items}</ul></div> }.into_any());
                    }
                    parts
                })
            }}
        </section>
    }
}

/// Warnings and open problems, each linked to its field.
#[component]
pub fn Summary() -> impl IntoView {
    let ctx = use_ctx();
    move || {
        let lang = ctx.lang.get();
        let tr = move |k| super::i18n::t(lang, k);
        ctx.filled.with(|f| {
            let t = ctx.template.get();
            let label = |id: &str| {
                let base = id.split('.').next().unwrap_or(id);
                t.blanks.iter().find(|b| b.id == base).map(|b| b.label.get(lang).to_string()).unwrap_or_else(|| id.to_string())
            };
            let link = |id: &str, text: String| {
                let target = format!("#{}", super::form::field_dom_id(id.split('.').next().unwrap_or(id)));
                view! { <a href=target.clone() on:click=move |ev| { ev.prevent_default(); super::contract::focus_field(&target[1..]); }>{text}</a> }
            };
            let warnings = f.warnings.iter().map(|w| {
                let text = if lang == Lang::En { w.en.clone() } else { w.zh.clone() };
                match &w.field {
                    Some(id) => view! { <li class="cc-warning">{link(id, label(id))}{"："}{text}</li> }.into_any(),
                    None => view! { <li class="cc-warning">{text}</li> }.into_any(),
                }
            }).collect_view();
            let errors = f.errors.iter().map(|e| {
                let text = if lang == Lang::En { e.problem.en() } else { e.problem.zh() };
                view! { <li class="cc-error">{link(&e.field, label(&e.field))}{"："}{text}</li> }
            }).collect_view();
            let missing = f.missing.iter().map(|id| view! { <li>{link(id, label(id))}</li> }).collect_view();
            let any = !(f.warnings.is_empty() && f.errors.is_empty() && f.missing.is_empty());
            any.then(|| view! {
                <section class="cc-summary" aria-live="polite">
                    {(!f.errors.is_empty()).then(|| view! { <h3>{tr("errors")}</h3><ul>{errors}</ul> })}
                    {(!f.warnings.is_empty()).then(|| view! { <h3>{tr("warnings")}</h3><ul>{warnings}</ul> })}
                    {(!f.missing.is_empty()).then(|| view! { <h3>{tr("missing")}</h3><ul class="cc-missing">{missing}</ul> })}
                </section>
            })
        })
    }
}

