//! The JavaScript API of the npm package (feature `npm`): thin wrappers that turn plain JSON
//! into core calls and back. Built by `bash npm/build.sh`; the standalone app does not link it.
//!
//! - [`calc`]: the pure calculations (`amountInWords`, `paymentSchedule`, `renderContract` …).
//! - [`mount`]: the widget mounted into an element, with a handle to read and set values.
//!
//! Conventions, the same for every function:
//! - Objects in and out are plain JSON with the Rust field names (snake_case). Their
//!   TypeScript declarations are generated from the Rust types by tsify. An unknown key is
//!   refused (`code: 'unknown_key'`), never ignored: see `crate::json_input`.
//! - Money, percentages and rates are decimal strings (`"1409.50"`); money leaves with exactly
//!   2 places. A JS number with a fraction is refused wherever it appears in an input, since a
//!   float cannot be trusted to the fen; a whole number is accepted (it is exact).
//! - A problem is thrown as a JS `Error` whose message is specific (Chinese by default, English
//!   with `lang = "en"`) and which carries `field` (a dotted path such as
//!   `instalments.1.share.percent`) and `code`. Nothing panics on any input: a panic would abort
//!   the module.

pub mod calc;
pub mod docs;
pub mod mount;

use crate::core::calendar::Calendar;
use crate::core::{Error, Problem};
pub(crate) use crate::json_input::{from_json_text, input_error, join};
use crate::template::{Lang, Template};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_SCALARS: &str = r#"
/** A decimal number as a string, e.g. `"1409.50"` (money leaves with exactly 2 places). */
export type Decimal = string;
/** A date as `"YYYY-MM-DD"`. */
export type NaiveDate = string;
/** Language of messages: Chinese (the default) or English. */
export type Language = Lang | "zh";
"#;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

thread_local! {
    /// The calendar every call uses: built-in years plus whatever `addHolidayData` added.
    static CALENDAR: RefCell<Calendar> = RefCell::new(Calendar::new());
}

/// A copy of the shared calendar (cheap: a table clone).
pub(crate) fn calendar() -> Calendar {
    CALENDAR.with(|c| c.borrow().clone())
}

pub(crate) fn with_calendar<T>(f: impl FnOnce(&Calendar) -> T) -> T {
    CALENDAR.with(|c| f(&c.borrow()))
}

/// Add holiday-cn JSON years (an object, a JSON string, or an array of either) to `cal`;
/// returns the years added.
pub(crate) fn add_holidays(
    cal: &mut Calendar,
    data: &JsValue,
    lang: Lang,
) -> Result<Vec<i32>, JsValue> {
    let items: Vec<JsValue> = if js_sys::Array::is_array(data) {
        js_sys::Array::from(data).iter().collect()
    } else {
        vec![data.clone()]
    };
    let mut years = Vec::with_capacity(items.len());
    for v in &items {
        let text = match v.as_string() {
            Some(s) => s,
            None => stringify("holidays", v, lang)?,
        };
        years.push(
            cal.add_holiday_cn_json(&text)
                .map_err(|e| throw(&e, lang))?,
        );
    }
    Ok(years)
}

/// A JS `Error` for a core error: message in `lang`, with `field` and `code` properties.
pub(crate) fn throw(e: &Error, lang: Lang) -> JsValue {
    let message = match lang {
        Lang::En => e.problem.en(),
        Lang::Zh => e.problem.zh(),
    };
    let text = if e.field.is_empty() {
        message
    } else {
        format!("{}: {message}", e.field)
    };
    let err = js_sys::Error::new(&text);
    let _ = js_sys::Reflect::set(&err, &"field".into(), &e.field.as_str().into());
    let _ = js_sys::Reflect::set(&err, &"code".into(), &problem_code(&e.problem).into());
    err.into()
}

/// The problem's `code` (`empty`, `too_many_decimals`, …), as its JSON has it.
pub(crate) fn problem_code(p: &Problem) -> String {
    serde_json::to_value(p)
        .ok()
        .and_then(|v| v.get("code").and_then(|c| c.as_str()).map(str::to_string))
        .unwrap_or_default()
}

/// The language argument: `"zh"`, `"zh-CN"` (the default when absent), `"en"`, `"en-US"` …
pub(crate) fn lang_of(v: Option<&JsValue>) -> Result<Lang, JsValue> {
    let Some(v) = v.filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(Lang::Zh);
    };
    parse_lang(&v.as_string().unwrap_or_default()).ok_or_else(|| {
        throw(
            &input_error(
                "lang",
                "语言应为\"zh\"或\"en\"".into(),
                "The language must be \"zh\" or \"en\"".into(),
            ),
            Lang::Zh,
        )
    })
}

/// `"zh"`, `"zh-CN"` → Chinese; `"en"`, `"en-US"` → English.
pub(crate) fn parse_lang(s: &str) -> Option<Lang> {
    let s = s.to_ascii_lowercase();
    if s.starts_with("en") {
        Some(Lang::En)
    } else if s.starts_with("zh") {
        Some(Lang::Zh)
    } else {
        None
    }
}

/// A string argument, or an error naming `field` (a number is refused: money is a string).
pub(crate) fn string_arg(field: &str, v: &JsValue, lang: Lang) -> Result<String, JsValue> {
    v.as_string().ok_or_else(|| {
        throw(
            &input_error(
                field,
                format!("应为字符串，例如\"1409.50\"，而不是{}", type_of(v)),
                format!("Expected a string such as \"1409.50\", not {}", type_of(v)),
            ),
            lang,
        )
    })
}

/// The message of something thrown (an `Error`, or whatever else JS code threw).
pub(crate) fn js_message(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| type_of(e))
}

fn type_of(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else {
        v.js_typeof().as_string().unwrap_or_default()
    }
}

/// `JSON.stringify(v)`, or an error naming `field` (undefined, a BigInt, a cycle …).
fn stringify(field: &str, v: &JsValue, lang: Lang) -> Result<String, JsValue> {
    let (zh, en) = match js_sys::JSON::stringify(v) {
        Ok(s) => match s.as_string() {
            Some(s) => return Ok(s),
            None => (
                format!("应为JSON对象，而不是{}", type_of(v)),
                format!("Expected a JSON object, not {}", type_of(v)),
            ),
        },
        // A cycle or a BigInt inside.
        Err(e) => {
            let why = js_message(&e);
            (
                format!("无法转换为JSON：{why}"),
                format!("Cannot be converted to JSON: {why}"),
            )
        }
    };
    Err(throw(&input_error(field, zh, en), lang))
}

/// A plain JS object → `T`, through JSON. Errors name the path of the bad value.
pub(crate) fn from_js<T: DeserializeOwned>(
    field: &str,
    v: &JsValue,
    lang: Lang,
) -> Result<T, JsValue> {
    let text = stringify(field, v, lang)?;
    from_json_text(field, &text).map_err(|e| throw(&e, lang))
}

/// `T` → a plain JS object, through JSON.
pub(crate) fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    let text =
        serde_json::to_string(v).map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
    js_sys::JSON::parse(&text)
}

/// A template: a bundled id, or a template document (an object or its JSON text), validated.
/// Returns the template and, for a document, its JSON text.
pub(crate) fn template_of(
    v: &serde_json::Value,
    lang: Lang,
) -> Result<(Template, Option<String>), JsValue> {
    let doc = match v {
        serde_json::Value::String(s) if s.trim_start().starts_with('{') => s.clone(),
        serde_json::Value::String(id) => {
            return crate::template::bundled::get(id)
                .map(|t| (t, None))
                .ok_or_else(|| {
                    let ids: Vec<&str> = crate::template::bundled::SOURCES
                        .iter()
                        .map(|s| s.0)
                        .collect();
                    throw(
                        &input_error(
                            "template",
                            format!("没有名为“{id}”的内置模板（可用：{}）", ids.join("、")),
                            format!("No bundled template '{id}' (bundled: {})", ids.join(", ")),
                        ),
                        lang,
                    )
                })
        }
        serde_json::Value::Object(_) => v.to_string(),
        _ => {
            return Err(throw(
                &input_error(
                    "template",
                    "应为内置模板的id或模板文档".into(),
                    "Expected a bundled template id or a template document".into(),
                ),
                lang,
            ))
        }
    };
    match crate::template::validate::parse_template(&doc) {
        Ok(t) => Ok((t, Some(doc))),
        Err(errors) => {
            let first = errors.first();
            let path = first.map(|e| e.path.clone()).unwrap_or_default();
            let (zh, en) = first
                .map(|e| (e.zh.clone(), e.en.clone()))
                .unwrap_or_default();
            let more = errors.len().saturating_sub(1);
            let (zh, en) = if more > 0 {
                (
                    format!("{zh}（另有{more}处问题）"),
                    format!("{en} (and {more} more)"),
                )
            } else {
                (zh, en)
            };
            Err(throw(&input_error(&join("template", &path), zh, en), lang))
        }
    }
}
