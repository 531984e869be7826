//! The pure calculations for JavaScript callers: strings and plain JSON in, the same out.
//! Each is a few lines: check the arguments, call the core, convert the result.

use super::{
    add_holidays, calendar, from_js, lang_of, problem_code, string_arg, template_of, throw, to_js,
    with_calendar,
};
use crate::core::calendar::parse_date;
use crate::core::devices::{device_fees, DeviceFeeResult};
use crate::core::money::{fen_exact, parse_amount};
use crate::core::penalty::{late_penalty, PenaltyResult};
use crate::core::schedule::{payment_schedule, Schedule};
use crate::core::words;
use crate::core::Error;
use crate::template::fill::{Calc, LumpResult};
use crate::template::render::{render_html, RenderOptions};
use crate::template::warnings::Warning;
use crate::template::{fill, Filled, Inputs, Lang};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use tsify::Tsify;
use wasm_bindgen::prelude::*;

type JsResult<T> = Result<T, JsValue>;

/// `"1409.5"` → `"人民币壹仟肆佰零玖元伍角整"`. Accepts what the form accepts (`36万`,
/// `12,345.6`, full-width digits); at most 2 decimal places.
#[wasm_bindgen(js_name = amountInWords)]
pub fn amount_in_words(
    #[wasm_bindgen(unchecked_param_type = "string")] amount: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Language")] lang: Option<JsValue>,
) -> JsResult<String> {
    let lang = lang_of(lang.as_ref())?;
    let text = string_arg("amount", &amount, lang)?;
    let amount = parse_amount(&text).map_err(|p| throw(&Error::new("amount", p), lang))?;
    words::amount_in_words(amount).map_err(|e| throw(&at("amount", e), lang))
}

/// `"人民币壹万陆仟肆佰零玖元零贰分"` → `"16409.02"` (always 2 decimal places). Malformed or
/// ambiguous 大写 throws (`invalid_words`, naming the character): `"壹佰伍"` (壹佰零伍 = 105
/// or 壹佰伍拾 = 150?), a repeated 零 (`"壹万零零元"`).
#[wasm_bindgen(js_name = parseAmountInWords)]
pub fn parse_amount_in_words(
    #[wasm_bindgen(unchecked_param_type = "string")] words: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Language")] lang: Option<JsValue>,
) -> JsResult<String> {
    let lang = lang_of(lang.as_ref())?;
    let text = string_arg("words", &words, lang)?;
    words::parse_amount_in_words(&text)
        .and_then(|d| fen_exact("words", d))
        .map(|d| d.to_string())
        .map_err(|e| throw(&e, lang))
}

/// Is the date (`"YYYY-MM-DD"`) a working day in mainland China? Weekends are rest days
/// unless a 调休 makes them working days. Throws outside the covered years (built in:
/// 2004-01-01 … 2026-12-25; add more with `addHolidayData`, adding 2027 covers 2026-12-26 … 31).
#[wasm_bindgen(js_name = isWorkingDay)]
pub fn is_working_day(
    #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Language")] lang: Option<JsValue>,
) -> JsResult<bool> {
    let lang = lang_of(lang.as_ref())?;
    let d = date_arg("date", &date, lang)?;
    with_calendar(|c| c.is_working_day(d)).map_err(|e| throw(&at("date", e), lang))
}

/// The `n`th working day after `date` ("n个工作日内": the start day is not counted), as
/// `"YYYY-MM-DD"`. `addWorkingDays("2025-09-26", 5)` is `"2025-10-10"` (国庆 in between).
#[wasm_bindgen(js_name = addWorkingDays)]
pub fn add_working_days(
    #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Language")] lang: Option<JsValue>,
) -> JsResult<String> {
    let lang = lang_of(lang.as_ref())?;
    let d = date_arg("date", &date, lang)?;
    let n = match n.as_f64() {
        Some(x) if x.fract() == 0.0 && (0.0..=3650.0).contains(&x) => x as u32,
        _ => {
            let p = crate::core::Problem::OutOfRange {
                min: "0".into(),
                max: "3650".into(),
            };
            return Err(throw(&Error::new("n", p), lang));
        }
    };
    with_calendar(|c| c.add_working_days(d, n))
        .map(|d| d.to_string())
        .map_err(|e| throw(&at("date", e), lang))
}

/// Add years of holiday data in the holiday-cn JSON format (an object, its JSON text, or an
/// array of them), for every later call and every widget mounted after. Returns the years.
///
/// Each year is that year's complete official arrangement: the listed days are holidays
/// (`isOffDay: true`) or 调休 working days (`false`), every other day follows the weekday
/// rule. It replaces what the calendar had for that year (the built-in data, or data added
/// before). Days of the December before may be listed (元旦 调休); adding 2027 also covers
/// 2026-12-26 … 31, after the built-in data. All or nothing: a bad year adds none.
#[wasm_bindgen(js_name = addHolidayData, unchecked_return_type = "number[]")]
pub fn add_holiday_data(
    #[wasm_bindgen(unchecked_param_type = "HolidayCnYear | string | (HolidayCnYear | string)[]")]
    data: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Language")] lang: Option<JsValue>,
) -> JsResult<JsValue> {
    let lang = lang_of(lang.as_ref())?;
    // All or nothing: a bad year leaves the calendar as it was.
    let mut cal = calendar();
    let years = add_holidays(&mut cal, &data, lang)?;
    super::CALENDAR.with(|c| *c.borrow_mut() = cal);
    to_js(&years)
}

/// The payment schedule: rows rounded to the fen, the residue on the last row, due dates on
/// working days, 大写 for each amount.
#[wasm_bindgen(js_name = paymentSchedule, unchecked_return_type = "Schedule")]
pub fn payment_schedule_js(
    #[wasm_bindgen(unchecked_param_type = "ScheduleInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Language")] lang: Option<JsValue>,
) -> JsResult<JsValue> {
    json_call(&input, lang, |i| with_calendar(|c| payment_schedule(i, c)))
}

/// The late penalty (违约金/滞纳金) per day: segments between partial payments, grace, cap.
#[wasm_bindgen(js_name = latePenalty, unchecked_return_type = "PenaltyResult")]
pub fn late_penalty_js(
    #[wasm_bindgen(unchecked_param_type = "PenaltyInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Language")] lang: Option<JsValue>,
) -> JsResult<JsValue> {
    json_call(&input, lang, late_penalty)
}

/// Per-device monthly fees: months, device lines, discount, VAT, yearly and term totals, and
/// with `due` each month's due date on working days.
#[wasm_bindgen(js_name = deviceFees, unchecked_return_type = "DeviceFeeResult")]
pub fn device_fees_js(
    #[wasm_bindgen(unchecked_param_type = "DeviceFeeInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Language")] lang: Option<JsValue>,
) -> JsResult<JsValue> {
    json_call(&input, lang, |i| with_calendar(|c| device_fees(i, c)))
}

/// A core calculation on a JSON input: read the input, compute, return the result as JSON;
/// every error thrown in `lang`.
fn json_call<I: DeserializeOwned, O: Serialize>(
    input: &JsValue,
    lang: Option<JsValue>,
    f: impl FnOnce(&I) -> Result<O, Error>,
) -> JsResult<JsValue> {
    let lang = lang_of(lang.as_ref())?;
    let input = from_js("", input, lang)?;
    to_js(&f(&input).map_err(|e| throw(&e, lang))?)
}

/// What `renderContract` takes.
#[derive(Deserialize, Tsify)]
#[serde(deny_unknown_fields)]
pub struct RenderInput {
    /// A bundled template id (see `templates()`) or a template document (object or JSON text).
    #[tsify(type = "string | Template")]
    pub template: serde_json::Value,
    /// What was typed into the blanks, by blank id: text, or rows of text cells for tables.
    #[serde(default)]
    pub values: Inputs,
    /// Append the payment schedule (and fee table) as an annex.
    #[serde(default)]
    pub annex: bool,
}

/// What `renderContract` returns.
#[derive(Serialize, Tsify)]
pub struct RenderOutput<'a> {
    /// The filled contract: `<article class="contract">…</article>`, all user text escaped.
    pub html: String,
    pub results: Results<'a>,
}

/// Fill a template with values and render the contract as HTML, with every computed result.
/// One bad value never blocks the rest: it is reported in `results.errors`, not thrown.
#[wasm_bindgen(js_name = renderContract, unchecked_return_type = "RenderOutput")]
pub fn render_contract(
    #[wasm_bindgen(unchecked_param_type = "RenderInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Language")] lang: Option<JsValue>,
) -> JsResult<JsValue> {
    let lang = lang_of(lang.as_ref())?;
    let input: RenderInput = from_js("", &input, lang)?;
    let (t, _) = template_of(&input.template, lang)?;
    let f = with_calendar(|c| fill(&t, &input.values, c));
    let html = render_html(&t, &f, RenderOptions::with_annex(input.annex));
    to_js(&RenderOutput {
        html,
        results: results(&f, lang),
    })
}

/// A bundled template.
#[derive(Serialize, Tsify)]
pub struct TemplateInfo {
    pub id: &'static str,
    pub title: &'static str,
    /// Its name in English (the contract text stays Chinese).
    pub title_en: &'static str,
}

/// The bundled templates, by id and title.
#[wasm_bindgen(unchecked_return_type = "TemplateInfo[]")]
pub fn templates() -> JsResult<JsValue> {
    let list: Vec<TemplateInfo> = crate::template::bundled::SOURCES
        .iter()
        .map(|(id, title, title_en, _)| TemplateInfo {
            id,
            title,
            title_en,
        })
        .collect();
    to_js(&list)
}

/// A problem with one field: where, what (a stable code) and the message in the chosen language.
#[derive(Serialize, Tsify)]
pub struct FieldError {
    /// The blank id, `table.row.column` for a table cell, or a dotted path.
    pub field: String,
    pub code: String,
    pub message: String,
}

impl FieldError {
    fn new(e: &Error, lang: Lang) -> Self {
        FieldError {
            field: e.field.clone(),
            code: problem_code(&e.problem),
            message: match lang {
                Lang::En => e.problem.en(),
                Lang::Zh => e.problem.zh(),
            },
        }
    }
}

/// A calculator's state: not used by the template, waiting for blanks, failed, or ready.
#[derive(Serialize, Tsify)]
#[serde(tag = "state", content = "value", rename_all = "snake_case")]
pub enum Outcome<T> {
    Unused,
    /// The blanks still to fill.
    Waiting(Vec<String>),
    Failed(FieldError),
    Ready(T),
}

impl<'a, T> Outcome<&'a T> {
    fn new(c: &'a Calc<T>, lang: Lang) -> Self {
        match c {
            Calc::Unused => Outcome::Unused,
            Calc::Waiting(w) => Outcome::Waiting(w.clone()),
            Calc::Failed(e) => Outcome::Failed(FieldError::new(e, lang)),
            Calc::Ready(t) => Outcome::Ready(t),
        }
    }
}

/// Everything a filled template computes.
#[derive(Serialize, Tsify)]
pub struct Results<'a> {
    /// Values that could not be read, each naming its blank.
    pub errors: Vec<FieldError>,
    /// Required blanks still empty.
    pub missing: &'a [String],
    /// What a careful lawyer would flag (both languages).
    pub warnings: &'a [Warning],
    pub schedule: Outcome<&'a Schedule>,
    pub penalty: Outcome<&'a PenaltyResult>,
    pub devices: Outcome<&'a DeviceFeeResult>,
    /// Lump sums by id (breach penalty, cap, maintenance fee …).
    pub lump: Vec<(&'a str, Outcome<&'a LumpResult>)>,
}

pub(crate) fn results<'a>(f: &'a Filled, lang: Lang) -> Results<'a> {
    Results {
        errors: f.errors.iter().map(|e| FieldError::new(e, lang)).collect(),
        missing: &f.missing,
        warnings: &f.warnings,
        schedule: Outcome::new(&f.schedule, lang),
        penalty: Outcome::new(&f.penalty, lang),
        devices: Outcome::new(&f.devices, lang),
        lump: f
            .lump
            .iter()
            .map(|(id, c)| (id.as_str(), Outcome::new(c, lang)))
            .collect(),
    }
}

fn date_arg(field: &str, v: &JsValue, lang: Lang) -> JsResult<chrono::NaiveDate> {
    let text = string_arg(field, v, lang)?;
    parse_date(&text).map_err(|p| throw(&Error::new(field, p), lang))
}

/// A core error about the argument `field` (the core may call it by another name).
fn at(field: &str, e: Error) -> Error {
    Error::new(field, e.problem)
}

/// What `exportDocx` and `exportHtml` take: the same as `renderContract` (`annex` is ignored:
/// a downloaded document always carries its tables as numbered annexes).
fn exported(
    input: &JsValue,
    lang: Option<&JsValue>,
) -> JsResult<(crate::template::Template, Filled)> {
    let lang = lang_of(lang)?;
    let input: RenderInput = from_js("", input, lang)?;
    let (t, _) = template_of(&input.template, lang)?;
    let f = with_calendar(|c| fill(&t, &input.values, c));
    Ok((t, f))
}

/// The filled contract as a Word document (.docx bytes): headings, numbered sections, values
/// in place, the schedule and fee tables as annexes, 宋体 body, A4.
#[wasm_bindgen(js_name = exportDocx)]
pub fn export_docx(
    #[wasm_bindgen(unchecked_param_type = "RenderInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Language")] lang: Option<JsValue>,
) -> JsResult<Vec<u8>> {
    let (t, f) = exported(&input, lang.as_ref())?;
    Ok(crate::export::docx::docx(&t, &f, crate::export::OPTIONS))
}

/// The filled contract as one self-contained HTML document (inline print CSS, no script).
#[wasm_bindgen(js_name = exportHtml)]
pub fn export_html(
    #[wasm_bindgen(unchecked_param_type = "RenderInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Language")] lang: Option<JsValue>,
) -> JsResult<String> {
    let (t, f) = exported(&input, lang.as_ref())?;
    Ok(crate::export::html::html(&t, &f, crate::export::OPTIONS))
}
