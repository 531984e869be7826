//! What the user typed, and its parsing into typed values, blank by blank.
//!
//! One bad field never blocks the rest: each blank parses on its own and reports its own
//! error (a core [`Error`] whose field is the blank id, or `id.row.column` in a table).

use super::expr::Value;
use super::model::{Blank, BlankType, Column};
use crate::core::calendar::parse_date;
use crate::core::money::{parse_amount, parse_decimal, parse_percent};
use crate::core::words::parse_amount_in_words;
use crate::core::{Error, Problem};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A raw input: text for ordinary blanks, rows of text cells for tables.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Input {
    Text(String),
    Rows(Vec<BTreeMap<String, String>>),
}

/// All raw inputs by blank id. This is what autosave, export and share links carry.
#[cfg_attr(feature = "npm", tsify::declare)]
pub type Inputs = BTreeMap<String, Input>;

const MAX_TEXT: usize = 2000;
const MAX_ROWS: usize = 10_000;

/// Parse one blank. `Ok(None)` means left empty.
pub fn parse_blank(blank: &Blank, raw: Option<&Input>) -> Result<Option<Value>, Vec<Error>> {
    match (blank.kind, raw) {
        (_, None) => Ok(None),
        (BlankType::Table, Some(Input::Rows(rows))) => {
            parse_rows(&blank.id, &blank.columns, rows).map(Some)
        }
        (BlankType::Table, Some(Input::Text(t))) if t.trim().is_empty() => Ok(None),
        (BlankType::Table, Some(Input::Text(_))) => Err(vec![Error::rule(
            &blank.id,
            "此项应为表格",
            "This field expects table rows",
        )]),
        (_, Some(Input::Rows(_))) => Err(vec![Error::rule(
            &blank.id,
            "此项不是表格",
            "This field is not a table",
        )]),
        (kind, Some(Input::Text(text))) => {
            if text.trim().is_empty() {
                return Ok(None);
            }
            parse_cell(
                kind,
                text,
                &blank.options,
                blank.min.as_deref(),
                blank.max.as_deref(),
            )
            .map(Some)
            .map_err(|p| vec![Error::new(&blank.id, p)])
        }
    }
}

fn parse_rows(
    id: &str,
    columns: &[Column],
    rows: &[BTreeMap<String, String>],
) -> Result<Value, Vec<Error>> {
    if rows.len() > MAX_ROWS {
        return Err(vec![Error::new(
            id,
            Problem::OutOfRange {
                min: "0".into(),
                max: format!("{MAX_ROWS} rows"),
            },
        )]);
    }
    let mut errors = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let mut cells = Vec::with_capacity(columns.len());
        for col in columns.iter().filter(|c| c.expr.is_none()) {
            let text = row.get(&col.id).map(String::as_str).unwrap_or("");
            if text.trim().is_empty() {
                continue;
            }
            match parse_cell(col.kind, text, &[], col.min.as_deref(), col.max.as_deref()) {
                Ok(v) => cells.push((col.id.clone(), v)),
                Err(p) => errors.push(Error::new(format!("{id}.{i}.{}", col.id), p)),
            }
        }
        out.push(cells);
    }
    if errors.is_empty() {
        Ok(Value::Rows(out))
    } else {
        Err(errors)
    }
}

/// Parse one text value of a given type, with optional bounds.
pub fn parse_cell(
    kind: BlankType,
    text: &str,
    options: &[super::model::ChoiceOption],
    min: Option<&str>,
    max: Option<&str>,
) -> Result<Value, Problem> {
    let trimmed = text.trim();
    let number = match kind {
        BlankType::Text | BlankType::Party => {
            if trimmed.chars().count() > MAX_TEXT {
                return Err(Problem::OutOfRange {
                    min: "0".into(),
                    max: format!("{MAX_TEXT} characters"),
                });
            }
            return Ok(Value::Text(trimmed.to_string()));
        }
        BlankType::Date => return parse_date(trimmed).map(Value::Date),
        BlankType::Choice => {
            return options
                .iter()
                .find(|o| o.value == trimmed)
                .map(|o| Value::Text(o.value.clone()))
                .ok_or_else(|| Problem::Rule {
                    zh: format!("“{trimmed}”不是可选项"),
                    en: format!("'{trimmed}' is not one of the options"),
                })
        }
        BlankType::Table => {
            return Err(Problem::NotANumber {
                text: trimmed.into(),
            })
        }
        BlankType::Words => parse_amount_in_words(trimmed).map_err(|e| e.problem)?,
        BlankType::Money => parse_amount(trimmed)?,
        BlankType::Percent => parse_percent(trimmed)?,
        BlankType::Integer | BlankType::Days => {
            let n = parse_decimal(trimmed)?;
            if !n.fract().is_zero() {
                return Err(Problem::Rule {
                    zh: "应为整数".into(),
                    en: "Must be a whole number".into(),
                });
            }
            n.trunc()
        }
    };
    let default_range = match kind {
        BlankType::Percent => (Some(Decimal::ZERO), Some(Decimal::ONE_HUNDRED)),
        BlankType::Days => (Some(Decimal::ZERO), Some(Decimal::from(3650))),
        BlankType::Integer => (
            Some(Decimal::from(-1_000_000_000)),
            Some(Decimal::from(1_000_000_000)),
        ),
        _ => (Some(Decimal::ZERO), None),
    };
    let lo = min.and_then(|m| parse_decimal(m).ok()).or(default_range.0);
    let hi = max.and_then(|m| parse_decimal(m).ok()).or(default_range.1);
    if lo.is_some_and(|l| number < l) || hi.is_some_and(|h| number > h) {
        if lo == Some(Decimal::ZERO) && number < Decimal::ZERO {
            return Err(Problem::Negative);
        }
        return Err(Problem::OutOfRange {
            min: lo.map_or("—".into(), |l| l.normalize().to_string()),
            max: hi.map_or("—".into(), |h| h.normalize().to_string()),
        });
    }
    Ok(Value::Number(number))
}
