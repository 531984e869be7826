//! `mount(element, options)`: the widget in a host page, and a handle to read and set its
//! values. The custom element `<contract-calculator>` (npm/element.js) is built on this.

use super::calc::{results, Results};
use super::{
    add_holidays, calendar, from_js, js_message, lang_of, parse_lang, template_of, throw, to_js,
};
use crate::core::Error;
use crate::template::{Inputs, Lang};
use crate::ui::{self, Ctx, Options};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TS_MOUNT: &str = r#"
/** Options of `mount()`; every one may be left out. */
export interface MountOptions {
    /** A bundled template id (see `templates()`) or a template document (object or JSON text). Default: the first bundled template. */
    template?: string | Template;
    /** Initial values, by blank id. */
    values?: Inputs;
    /** Language of the interface and messages (default Chinese). */
    lang?: Language;
    /** More years of holiday data (holiday-cn format), for this widget only. */
    holidays?: HolidayCnYear | string | (HolidayCnYear | string)[];
    /** Called after each change of the values (or template, or language) with plain JSON. */
    onChange?: (change: Change) => void;
}
"#;

/// What `onChange` receives: the values as typed and everything computed from them.
#[derive(Serialize, Tsify)]
pub struct Change<'a> {
    /// The id of the template shown.
    pub template: &'a str,
    pub values: &'a Inputs,
    pub results: Results<'a>,
}

/// What a new `mount()` needs to show a widget as it is now (`getState()`): the custom
/// element keeps it when it is moved.
#[derive(Serialize, Tsify)]
pub struct WidgetState<'a> {
    /// The template shown: its id, or its document when it is not a bundled one (imported).
    #[tsify(type = "string | Template")]
    pub template: serde_json::Value,
    /// The interface language, as picked in the widget.
    pub lang: Lang,
    pub values: &'a Inputs,
}

/// The JSON part of the options (the callback and holiday data are read separately, but
/// named here so that any other key is refused).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Config {
    #[serde(default)]
    #[allow(dead_code)]
    holidays: Option<serde::de::IgnoredAny>,
    #[serde(default, rename = "onChange")]
    #[allow(dead_code)]
    on_change: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    template: Option<serde_json::Value>,
    #[serde(default)]
    values: Option<Inputs>,
    #[serde(default)]
    lang: Option<String>,
}

/// A mounted widget. `unmount()` removes it; after that every method throws.
#[wasm_bindgen]
pub struct WidgetHandle {
    mounted: Option<Mounted>,
}

struct Mounted {
    /// Dropping Leptos's unmount handle removes the widget and disposes its state.
    _view: Box<dyn Any>,
    ctx: Ctx,
}

/// Mount the widget into `element` (its contents are left alone; the widget is appended).
/// Throws for a bad option, e.g. an unknown template id or invalid holiday data.
#[wasm_bindgen]
pub fn mount(
    #[wasm_bindgen(unchecked_param_type = "HTMLElement")] element: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "MountOptions")] options: Option<JsValue>,
) -> Result<WidgetHandle, JsValue> {
    let options = options.filter(|o| !o.is_undefined() && !o.is_null());
    let get = |key: &str| {
        options
            .as_ref()
            .and_then(|o| js_sys::Reflect::get(o, &key.into()).ok())
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    let lang = lang_of(get("lang").as_ref())?;
    let config: Config = match &options {
        Some(o) => from_js("options", o, lang)?,
        None => Config::default(),
    };
    let parent = element.dyn_into::<web_sys::HtmlElement>().map_err(|_| {
        throw(
            &Error::rule(
                "element",
                "应为页面中的元素（HTMLElement）",
                "Expected an element of the page (HTMLElement)",
            ),
            lang,
        )
    })?;
    let template = config
        .template
        .as_ref()
        .map(|t| template_of(t, lang))
        .transpose()?;
    let mut cal = calendar();
    if let Some(h) = get("holidays") {
        add_holidays(&mut cal, &h, lang)?;
    }
    let on_change = match get("onChange") {
        None => None,
        Some(f) => Some(f.dyn_into::<js_sys::Function>().map_err(|_| {
            throw(
                &Error::rule("onChange", "应为函数", "Expected a function"),
                lang,
            )
        })?),
    };
    let (template, doc) = template.unzip();
    let options = Options {
        template,
        doc: doc.flatten(),
        inputs: config.values,
        lang: config.lang.as_deref().and_then(parse_lang),
        persist: false,
        calendar: Some(cal),
    };
    let slot = Rc::new(Cell::new(None));
    let out = slot.clone();
    let view = leptos::mount::mount_to(parent, move || {
        let ctx = ui::init(options);
        out.set(ctx);
        if let (Some(ctx), Some(f)) = (ctx, on_change) {
            notify_changes(ctx, f);
        }
        ctx.map(ui::layout)
    });
    let ctx = slot.get().ok_or_else(|| {
        throw(
            &Error::rule("template", "没有可用的模板", "No template available"),
            lang,
        )
    })?;
    Ok(WidgetHandle {
        mounted: Some(Mounted {
            _view: Box::new(view),
            ctx,
        }),
    })
}

/// Call `f` with the values and results after each change (not for the initial state).
/// Only mounted widgets with a callback have this effect; the app has none.
fn notify_changes(ctx: Ctx, f: js_sys::Function) {
    Effect::new(move |first: Option<()>| {
        ctx.inputs.track();
        ctx.lang.track();
        ctx.filled.track();
        if first.is_none() {
            return;
        }
        match change_json(&ctx) {
            Ok(change) => {
                if let Err(e) = f.call1(&JsValue::NULL, &change) {
                    leptos::logging::error!("contract-calc: onChange threw: {}", js_message(&e));
                }
            }
            Err(_) => leptos::logging::error!("contract-calc: results not serializable"),
        }
    });
}

fn change_json(ctx: &Ctx) -> Result<JsValue, JsValue> {
    let lang = ctx.lang.get_untracked();
    ctx.template.with_untracked(|t| {
        ctx.inputs.with_untracked(|values| {
            ctx.filled.with_untracked(|f| {
                to_js(&Change {
                    template: &t.id,
                    values,
                    results: results(f, lang),
                })
            })
        })
    })
}

#[wasm_bindgen]
impl WidgetHandle {
    fn ctx(&self) -> Result<Ctx, JsValue> {
        self.mounted.as_ref().map(|m| m.ctx).ok_or_else(|| {
            throw(
                &Error::rule("", "组件已卸载", "The widget has been unmounted"),
                Lang::Zh,
            )
        })
    }

    /// Remove the widget from the page. Calling it again does nothing.
    pub fn unmount(&mut self) {
        self.mounted = None;
    }

    /// The values as typed, by blank id.
    #[wasm_bindgen(js_name = getValues, unchecked_return_type = "Inputs")]
    pub fn get_values(&self) -> Result<JsValue, JsValue> {
        let ctx = self.ctx()?;
        ctx.inputs.with_untracked(to_js)
    }

    /// Replace the values (blanks left out become empty). `onChange` follows if they differ.
    #[wasm_bindgen(js_name = setValues)]
    pub fn set_values(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Inputs")] values: JsValue,
    ) -> Result<(), JsValue> {
        let ctx = self.ctx()?;
        let lang = ctx.lang.get_untracked();
        let values: Inputs = from_js("values", &values, lang)?;
        if ctx.inputs.with_untracked(|v| *v != values) {
            ctx.values_edited();
            ctx.replace_inputs(values);
        }
        Ok(())
    }

    /// The template, values and results now (the same JSON as `onChange` receives).
    #[wasm_bindgen(js_name = getResults, unchecked_return_type = "Change")]
    pub fn get_results(&self) -> Result<JsValue, JsValue> {
        change_json(&self.ctx()?)
    }

    /// The template, language and values shown now, as `mount()` options: mounting them
    /// again shows the widget as it is, with what was picked in it.
    #[wasm_bindgen(js_name = getState, unchecked_return_type = "WidgetState")]
    pub fn get_state(&self) -> Result<JsValue, JsValue> {
        let ctx = self.ctx()?;
        let template = ctx
            .doc
            .with_untracked(|d| d.as_deref().and_then(|d| serde_json::from_str(d).ok()))
            .unwrap_or_else(|| ctx.template.with_untracked(|t| t.id.clone().into()));
        ctx.inputs.with_untracked(|values| {
            to_js(&WidgetState {
                template,
                lang: ctx.lang.get_untracked(),
                values,
            })
        })
    }

    /// Switch the interface language.
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Language")] lang: JsValue,
    ) -> Result<(), JsValue> {
        let ctx = self.ctx()?;
        let lang = lang_of(Some(&lang))?;
        if ctx.lang.get_untracked() != lang {
            ctx.lang.set(lang);
        }
        Ok(())
    }

    /// Show another template (a bundled id or a template document); the values are cleared.
    #[wasm_bindgen(js_name = setTemplate)]
    pub fn set_template(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Template")] template: JsValue,
    ) -> Result<(), JsValue> {
        let ctx = self.ctx()?;
        let lang = ctx.lang.get_untracked();
        let value: serde_json::Value = match template.as_string() {
            Some(s) => serde_json::Value::String(s),
            None => from_js("template", &template, lang)?,
        };
        let (t, doc) = template_of(&value, lang)?;
        if ctx.template.with_untracked(|cur| cur.id != t.id) || doc.is_some() {
            ctx.set_template(t, doc);
        }
        Ok(())
    }
}
