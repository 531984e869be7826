//! JSON input of the npm API (`src/api`): JSON text → a core input type, with errors that name
//! the path of the bad value and say what is wrong in the API's words, never serde's (no
//! `expected u32`, no `untagged enum Input`). Unknown keys are refused: the input types are
//! `deny_unknown_fields`, and a misspelt optional key (`units` for `unit`) must not silently
//! fall back to the default.
//!
//! Compiled with feature `npm`, and natively for its tests.

use crate::core::{Error, Problem};
use serde::de::DeserializeOwned;

pub(crate) fn input_error(field: &str, zh: String, en: String) -> Error {
    Error::new(field, Problem::Rule { zh, en })
}

/// JSON text → `T`, refusing JS numbers with a fraction. Errors name the path of the bad value.
pub(crate) fn from_json_text<T: DeserializeOwned>(field: &str, text: &str) -> Result<T, Error> {
    // A quick scan first; only text that may hold a float is parsed to find where it is.
    if may_hold_float(text) {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            input_error(
                field,
                format!("不是有效的JSON：{e}"),
                format!("Not valid JSON: {e}"),
            )
        })?;
        refuse_floats(&value, field)?;
    }
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner_path = dotted(e.path());
        let inner = e.into_inner().to_string();
        // The position in text the caller never wrote means nothing to them: the path says where.
        let inner = match inner.rfind(" at line ") {
            Some(i) => &inner[..i],
            None => &inner,
        };
        explain(field, &inner_path, inner, text)
    })
}

/// serde's message → a core error at the path of the bad value.
fn explain(field: &str, inner_path: &str, inner: &str, text: &str) -> Error {
    let path = join(field, inner_path);
    // serde names a missing field in its message, at the path of the object holding it.
    if let Some(missing) = between(inner, "missing field `", "`") {
        return Error::new(join(&path, missing), Problem::Empty);
    }
    if let Some(rest) = inner.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or_default().to_string();
        // The path of a plain object's unknown key ends with the key; that of a tagged
        // object's (read from a buffer) at the object. The error is the object's.
        let at_container = object_at(text, inner_path).is_some_and(|o| o.contains_key(&key));
        let inner_path = match inner_path.rsplit_once('.') {
            _ if at_container => inner_path,
            Some((parent, last)) if last == key => parent,
            None if inner_path == key => "",
            _ => inner_path,
        };
        let path = join(field, inner_path);
        let mut expected = backticked(rest.split_once(", expected").map_or("", |x| x.1));
        // An internally tagged object (`{ type: 'per_day', … }`): serde lists the fields of
        // the variant, not its tag, which the object has (or it would not have got this far).
        // No plain input object has a key `type`.
        let tagged = object_at(text, inner_path)
            .is_some_and(|o| o.get("type").is_some_and(|t| t.is_string()));
        if tagged && key != "type" && !expected.iter().any(|k| k == "type") {
            expected.insert(0, "type".into());
        }
        return Error::new(path, Problem::UnknownKey { key, expected });
    }
    if let Some(rest) = inner.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or_default();
        let expected = backticked(rest.split_once(", expected").map_or("", |x| x.1)).join(", ");
        return input_error(
            &path,
            format!("\"{value}\"不是可用的值（可用：{expected}）"),
            format!("\"{value}\" is not one of: {expected}"),
        );
    }
    if let Some(key) = between(inner, "duplicate field `", "`") {
        return input_error(
            &path,
            format!("键\"{key}\"出现了两次"),
            format!("The key \"{key}\" appears twice"),
        );
    }
    if inner.starts_with("data did not match any variant of untagged enum Input") {
        return input_error(
            &path,
            "应为文字，或表格的各行（每行一个对象，每格为文字）".into(),
            "Expected text, or the rows of a table (an object per row, text in each cell)".into(),
        );
    }
    // `invalid type: integer `5`, expected a string`, `invalid value: integer `-1`, expected
    // u32`, or a message of the type itself (rust_decimal, chrono).
    let (got, expecting) = match inner
        .strip_prefix("invalid type: ")
        .or_else(|| inner.strip_prefix("invalid value: "))
        .and_then(|r| r.split_once(", expected "))
    {
        Some((got, exp)) => (Some(got), exp),
        None => (None, inner),
    };
    let (zh_got, en_got) = got.map(describe).unwrap_or_default();
    let what = match expecting {
        e if e.contains("Decimal") || e.starts_with("Invalid decimal") => Some((
            "应为数字字符串，例如\"1409.50\"".to_string(),
            "Expected a number as a string, such as \"1409.50\"".to_string(),
        )),
        "u8" | "u16" | "u32" | "u64" | "usize" => Some((
            "应为不小于0的整数".to_string(),
            "Expected a whole number, 0 or more".to_string(),
        )),
        "i8" | "i16" | "i32" | "i64" | "isize" => Some((
            "应为整数".to_string(),
            "Expected a whole number".to_string(),
        )),
        "a string" => Some(("应为字符串".to_string(), "Expected a string".to_string())),
        "a boolean" => Some((
            "应为true或false".to_string(),
            "Expected true or false".to_string(),
        )),
        e if e.starts_with("a sequence") => {
            Some(("应为数组".to_string(), "Expected an array".to_string()))
        }
        e if e.starts_with("struct ")
            || e.starts_with("internally tagged enum")
            || e.starts_with("a map") =>
        {
            Some(("应为对象".to_string(), "Expected an object".to_string()))
        }
        e if e.contains("date")
            || matches!(
                e,
                "input contains invalid characters"
                    | "premature end of input"
                    | "input is out of range"
                    | "input is not enough for unique date and time"
                    | "trailing input"
                    | "bad or unsupported format string"
                    | "no possible date and time matching input"
                    | "impossible"
            ) =>
        {
            let bad = value_at(text, inner_path)
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_else(|| en_got.clone());
            return Error::new(path, Problem::InvalidDate { text: bad });
        }
        _ => None,
    };
    match what {
        Some((zh, en)) if got.is_some() => input_error(
            &path,
            format!("{zh}，而不是{zh_got}"),
            format!("{en}, not {en_got}"),
        ),
        Some((zh, en)) => input_error(&path, zh, en),
        None => input_error(
            &path,
            format!("输入格式错误：{inner}"),
            format!("Invalid input: {inner}"),
        ),
    }
}

/// serde's description of a value (`integer `-1``, `string "x"`, `map`) in both languages.
fn describe(got: &str) -> (String, String) {
    let quoted = |prefix: &str| {
        got.strip_prefix(prefix)
            .map(|v| v.trim_matches('`').to_string())
    };
    if let Some(v) = quoted("integer ")
        .or_else(|| quoted("floating point "))
        .or_else(|| quoted("boolean "))
    {
        return (v.clone(), v);
    }
    if let Some(v) = got.strip_prefix("string ") {
        return (format!("字符串{v}"), format!("the string {v}"));
    }
    match got {
        "map" => ("对象".into(), "an object".into()),
        "sequence" => ("数组".into(), "an array".into()),
        "null" | "unit value" => ("null".into(), "null".into()),
        other => (other.into(), other.into()),
    }
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    s.strip_prefix(start).and_then(|r| r.split(end).next())
}

/// The names between backticks: "one of `rate`, `unit`" → [rate, unit].
fn backticked(s: &str) -> Vec<String> {
    s.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The JSON value at a dotted path of `text` (only for an error message: parsed again).
fn value_at(text: &str, path: &str) -> Option<serde_json::Value> {
    let mut v: serde_json::Value = serde_json::from_str(text).ok()?;
    for part in path.split('.').filter(|p| !p.is_empty()) {
        v = match v {
            serde_json::Value::Array(mut a) => {
                let i: usize = part.parse().ok()?;
                (i < a.len()).then(|| a.swap_remove(i))?
            }
            serde_json::Value::Object(mut o) => o.remove(part)?,
            _ => return None,
        };
    }
    Some(v)
}

fn object_at(text: &str, path: &str) -> Option<serde_json::Map<String, serde_json::Value>> {
    match value_at(text, path)? {
        serde_json::Value::Object(o) => Some(o),
        _ => None,
    }
}

pub(crate) fn join(prefix: &str, path: &str) -> String {
    match (prefix.is_empty(), path.is_empty() || path == ".") {
        (_, true) => prefix.to_string(),
        (true, false) => path.to_string(),
        (false, false) => format!("{prefix}.{path}"),
    }
}

/// `instalments[1].share` → `instalments.1.share`, the core's field paths.
fn dotted(p: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let parts: Vec<String> = p
        .iter()
        .filter_map(|s| match s {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.clone()),
            Segment::Enum { variant } => Some(variant.clone()),
            Segment::Unknown => None,
        })
        .collect();
    parts.join(".")
}

/// Whether JSON text has, outside its strings, a number with a fraction or an exponent, or with
/// more than 15 digits: the only numbers that can be floats or integers beyond 2^53.
fn may_hold_float(text: &str) -> bool {
    let (mut in_string, mut escaped, mut digits) = (false, false, 0);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                digits = 0;
            }
            b'0'..=b'9' => {
                digits += 1;
                if digits > 15 {
                    return true;
                }
            }
            b'.' | b'e' | b'E' if digits > 0 => return true,
            _ => digits = 0,
        }
    }
    false
}

/// Money must not come as a float: refuse any number with a fraction or beyond 2^53.
fn refuse_floats(v: &serde_json::Value, path: &str) -> Result<(), Error> {
    const SAFE: u64 = (1 << 53) - 1;
    match v {
        serde_json::Value::Number(n) => {
            let exact = n.as_u64().is_some_and(|x| x <= SAFE)
                || n.as_i64().is_some_and(|x| x.unsigned_abs() <= SAFE);
            if exact {
                Ok(())
            } else {
                Err(input_error(
                    path,
                    format!("{n}是JS数值：金额、比例请以字符串传入，例如\"1409.50\""),
                    format!(
                        "{n} is a JS number: pass money and rates as strings such as \"1409.50\""
                    ),
                ))
            }
        }
        serde_json::Value::Array(a) => a
            .iter()
            .enumerate()
            .try_for_each(|(i, x)| refuse_floats(x, &join(path, &i.to_string()))),
        serde_json::Value::Object(o) => o
            .iter()
            .try_for_each(|(k, x)| refuse_floats(x, &join(path, k))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::calendar::HolidayCnYear;
    use crate::core::devices::DeviceFeeInput;
    use crate::core::penalty::PenaltyInput;
    use crate::core::schedule::ScheduleInput;
    use crate::template::Inputs;
    use serde_json::json;

    fn err<T: DeserializeOwned + std::fmt::Debug>(v: serde_json::Value) -> Error {
        from_json_text::<T>("", &v.to_string()).unwrap_err()
    }

    fn penalty(over: serde_json::Value) -> serde_json::Value {
        let mut v = json!({
            "due_date": "2025-01-31", "amount_due": "100000",
            "rate": { "type": "per_day", "rate": "0.5", "unit": "per_mille" },
            "as_of": "2025-03-15"
        });
        for (k, x) in over.as_object().unwrap() {
            v[k] = x.clone();
        }
        v
    }

    fn schedule(instalment: serde_json::Value) -> serde_json::Value {
        json!({ "total": "1000", "effective_date": "2025-03-03", "instalments": [instalment] })
    }

    fn unknown(e: &Error) -> (String, String, Vec<String>) {
        match &e.problem {
            Problem::UnknownKey { key, expected } => {
                (e.field.clone(), key.clone(), expected.clone())
            }
            p => panic!("{}: {p:?}", e.field),
        }
    }

    #[test]
    fn a_misspelt_key_is_refused_with_its_path_and_the_keys_expected() {
        // The reported case: `units` for `unit` silently meant percent.
        let e = err::<PenaltyInput>(penalty(json!({
            "rate": { "type": "per_day", "rate": "0.5", "units": "per_mille" }
        })));
        assert_eq!(
            unknown(&e),
            (
                "rate".into(),
                "units".into(),
                vec!["type".into(), "rate".into(), "unit".into(), "base".into()]
            )
        );
        assert_eq!(
            format!("{e}"),
            "rate: Unknown key \"units\" (expected one of: type, rate, unit, base)"
        );
        assert!(e.problem.zh().contains("\"units\""));
        // And `day_knd` for `day_kind` silently meant calendar days.
        let e = err::<ScheduleInput>(schedule(json!({
            "name": "一", "share": { "type": "percent", "percent": "100" },
            "due": { "type": "after_effective", "days": 5, "day_knd": "working" }
        })));
        let (field, key, expected) = unknown(&e);
        assert_eq!(
            (field.as_str(), key.as_str()),
            ("instalments.0.due", "day_knd")
        );
        assert_eq!(expected, ["type", "days", "day_kind"]);
    }

    #[test]
    fn every_input_object_refuses_unknown_keys() {
        let cases: Vec<(Error, &str, &str)> = vec![
            (
                err::<PenaltyInput>(penalty(json!({ "grace": 3 }))),
                "",
                "grace",
            ),
            (
                err::<PenaltyInput>(penalty(
                    json!({ "cap": { "type": "absolute", "amount": "1", "cap": "2" } }),
                )),
                "cap",
                "cap",
            ),
            (
                err::<PenaltyInput>(penalty(
                    json!({ "cap": { "type": "absolute", "amount": "1", "base": "total" } }),
                )),
                "cap",
                "base",
            ),
            (
                err::<PenaltyInput>(penalty(
                    json!({ "cap": { "type": "percent_of", "percent": "20", "of": "total" } }),
                )),
                "cap",
                "of",
            ),
            (
                err::<PenaltyInput>(penalty(
                    json!({ "rate": { "type": "fixed_per_day", "amount": "1", "unit": "percent" } }),
                )),
                "rate",
                "unit",
            ),
            (
                err::<PenaltyInput>(penalty(
                    json!({ "payments": [{ "date": "2025-02-01", "amount": "1", "note": "x" }] }),
                )),
                "payments.0",
                "note",
            ),
            (
                err::<ScheduleInput>(
                    json!({ "total": "1", "effective_date": "2025-03-03", "instalments": [], "rest_day": "keep" }),
                ),
                "",
                "rest_day",
            ),
            (
                err::<ScheduleInput>(schedule(json!({ "name": "一", "kinds": "deposit",
                    "share": { "type": "percent", "percent": "100" }, "due": { "type": "fixed_date", "date": "2025-05-05" } }))),
                "instalments.0",
                "kinds",
            ),
            (
                err::<ScheduleInput>(schedule(json!({ "name": "一",
                    "share": { "type": "percent", "percent": "100", "amount": "1" }, "due": { "type": "fixed_date", "date": "2025-05-05" } }))),
                "instalments.0.share",
                "amount",
            ),
            (
                err::<ScheduleInput>(schedule(
                    json!({ "name": "一", "share": { "type": "percent", "percent": "100" },
                    "due": { "type": "monthly", "day": 5, "months": 12, "inclusiv": false } }),
                )),
                "instalments.0.due",
                "inclusiv",
            ),
            (
                err::<ScheduleInput>(schedule(
                    json!({ "name": "一", "share": { "type": "percent", "percent": "100" },
                    "due": { "type": "after_milestone", "milestone": "验收", "days": 5, "dates": "2025-05-05" } }),
                )),
                "instalments.0.due",
                "dates",
            ),
            (
                err::<DeviceFeeInput>(
                    json!({ "start": "2025-01-01", "months": 1, "devices": [], "discount": "10" }),
                ),
                "",
                "discount",
            ),
            (
                err::<DeviceFeeInput>(json!({ "start": "2025-01-01", "months": 1,
                    "devices": [{ "id": "pc", "name": "PC", "monthly_fee": "30", "count": 1, "fee": "1" }] })),
                "devices.0",
                "fee",
            ),
            (
                err::<DeviceFeeInput>(json!({ "start": "2025-01-01", "months": 1, "devices": [],
                    "changes": [{ "date": "2025-01-05", "device": "pc", "change": 1 }] })),
                "changes.0",
                "change",
            ),
            (
                err::<DeviceFeeInput>(json!({ "start": "2025-01-01", "months": 1, "devices": [],
                    "vat": { "rate_percent": "6", "inclusive": true } })),
                "vat",
                "inclusive",
            ),
            (
                err::<HolidayCnYear>(
                    json!({ "year": 2027, "days": [{ "date": "2027-01-01", "isOffday": true }] }),
                ),
                "days.0",
                "isOffday",
            ),
            (
                err::<HolidayCnYear>(json!({ "year": 2027, "day": [] })),
                "",
                "day",
            ),
        ];
        for (e, field, key) in cases {
            let (f, k, expected) = unknown(&e);
            assert_eq!((f.as_str(), k.as_str()), (field, key), "{e}");
            assert!(!expected.is_empty() && !expected.contains(&k), "{e}");
        }
    }

    #[test]
    fn what_the_inputs_may_leave_out_or_add_still_reads() {
        let p: PenaltyInput = from_json_text(
            "",
            &penalty(json!({
                "cap": { "type": "percent_of", "percent": "20" },
                "payments": [{ "date": "2025-02-01", "amount": "1" }],
                "grace_days": 3, "grace_mode": "threshold_only", "day_count": "before_payment_day"
            }))
            .to_string(),
        )
        .unwrap();
        assert_eq!(p.grace_days, 3);
        let s: ScheduleInput = from_json_text("", &schedule(json!({
            "name": "一", "kind": "final", "share": { "type": "fixed", "amount": "1000" },
            "due": { "type": "monthly", "day": 5, "months": 2, "inclusive": true, "start_offset_months": 1 }
        })).to_string())
        .unwrap();
        assert_eq!(s.instalments.len(), 1);
        // A holiday-cn file as published: $schema, $id, papers and each day's name.
        let y: HolidayCnYear = from_json_text("", &json!({
            "$schema": "https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json",
            "$id": "https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/2027.json",
            "year": 2027, "papers": ["https://www.gov.cn/"],
            "days": [{ "name": "元旦", "date": "2027-01-01", "isOffDay": true }]
        }).to_string())
        .unwrap();
        assert_eq!(y.days.len(), 1);
        let values: Inputs = from_json_text("", r#"{"a":"1","t":[{"x":"1","y":"2"}]}"#).unwrap();
        assert_eq!(values.len(), 2);
    }

    #[test]
    fn serde_internals_become_messages_naming_the_field() {
        let msg = |e: &Error| format!("{} | {}", e.problem.en(), e.problem.zh());
        let e =
            err::<DeviceFeeInput>(json!({ "start": "2025-01-01", "months": -1, "devices": [] }));
        assert_eq!(e.field, "months");
        assert_eq!(e.problem.en(), "Expected a whole number, 0 or more, not -1");
        let e = err::<PenaltyInput>(penalty(json!({ "amount_due": {} })));
        assert_eq!(e.field, "amount_due");
        assert!(
            e.problem.en().starts_with("Expected a number as a string"),
            "{}",
            msg(&e)
        );
        let e = err::<PenaltyInput>(penalty(json!({ "amount_due": "abc" })));
        assert_eq!(e.field, "amount_due");
        assert!(
            e.problem.en().starts_with("Expected a number as a string"),
            "{}",
            msg(&e)
        );
        let e = err::<PenaltyInput>(penalty(json!({ "amount_due": true })));
        assert_eq!(
            e.problem.en(),
            "Expected a number as a string, such as \"1409.50\", not true"
        );
        let e = err::<Inputs>(json!({ "total": 5 }));
        assert_eq!(e.field, "total");
        assert!(
            e.problem
                .en()
                .starts_with("Expected text, or the rows of a table"),
            "{}",
            msg(&e)
        );
        let e = err::<ScheduleInput>(
            json!({ "total": "1", "effective_date": "2025-13-01", "instalments": [] }),
        );
        assert_eq!(e.field, "effective_date");
        assert_eq!(
            e.problem,
            Problem::InvalidDate {
                text: "2025-13-01".into()
            }
        );
        let e = err::<ScheduleInput>(
            json!({ "total": "1", "effective_date": 20250101, "instalments": [] }),
        );
        assert_eq!(e.field, "effective_date");
        assert!(!msg(&e).contains("expected"), "{}", msg(&e));
        let e = err::<ScheduleInput>(schedule(json!({ "name": "一",
            "share": { "type": "bogus" }, "due": { "type": "fixed_date", "date": "2025-05-05" } })));
        assert!(e.field.starts_with("instalments.0.share"), "{}", e.field);
        assert_eq!(e.problem.en(), "\"bogus\" is not one of: percent, fixed");
        let e = err::<ScheduleInput>(
            json!({ "total": "1", "effective_date": "2025-01-01", "instalments": {} }),
        );
        assert_eq!(
            (e.field.as_str(), e.problem.en().as_str()),
            ("instalments", "Expected an array, not an object")
        );
        let e = err::<ScheduleInput>(json!({ "total": "1", "effective_date": "2025-01-01" }));
        assert_eq!(
            (e.field.as_str(), &e.problem),
            ("instalments", &Problem::Empty)
        );
        let e = err::<PenaltyInput>(penalty(
            json!({ "rate": { "type": "per_day", "rate": "1", "unit": "percent" }, "grace_days": "3" }),
        ));
        assert_eq!(e.field, "grace_days");
        assert_eq!(
            e.problem.en(),
            "Expected a whole number, 0 or more, not the string \"3\""
        );
        // No message shows serde's vocabulary.
        for e in [
            err::<DeviceFeeInput>(json!({ "start": "2025-01-01", "months": "x", "devices": [] })),
            err::<DeviceFeeInput>(
                json!({ "start": "2025-01-01", "months": 1, "devices": [{ "id": 1 }] }),
            ),
            err::<DeviceFeeInput>(
                json!({ "start": "2025-01-01", "months": 1, "devices": [], "changes": [{ "date": "2025-01-05", "device": "pc", "delta": "1" }] }),
            ),
            err::<PenaltyInput>(penalty(json!({ "payments": [1] }))),
            err::<PenaltyInput>(penalty(json!({ "rate": "0.5" }))),
            err::<HolidayCnYear>(
                json!({ "year": 2027, "days": [{ "date": "2027-01-01", "isOffDay": "yes" }] }),
            ),
        ] {
            let m = msg(&e);
            for word in [
                "expected u",
                "expected i",
                "untagged",
                "Decimal type",
                "struct ",
                "invalid type",
                "invalid value",
            ] {
                assert!(!m.contains(word), "{}: {m}", e.field);
            }
        }
    }
}
