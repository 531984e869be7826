//! One error type for the whole core: which field, and what is wrong with it.
//!
//! The problem is structured data so the UI can show it in Chinese or English next to the
//! field it came from.

use super::money::grouped;
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt;

/// An input problem, tied to the field (a dotted path such as `instalments.2.percent`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Error {
    pub field: String,
    pub problem: Problem,
}

/// What is wrong. Messages in both languages come from [`Problem::zh`] and [`Problem::en`].
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    /// Nothing was entered where a value is required.
    Empty,
    /// A character that cannot be part of a number.
    UnexpectedChar { ch: char, position: usize },
    /// The text is not a number at all (e.g. two decimal points).
    NotANumber { text: String },
    /// More decimal places than the unit allows (fen = 2).
    TooManyDecimals { max: u32 },
    /// A negative value where only zero or more makes sense.
    Negative,
    /// The value is outside the allowed range.
    OutOfRange { min: String, max: String },
    /// Arithmetic would exceed what can be represented.
    Overflow,
    /// A date that does not exist or cannot be parsed.
    InvalidDate { text: String },
    /// The date is outside the years the holiday calendar covers.
    DateNotCovered {
        date: chrono::NaiveDate,
        covered: String,
    },
    /// Instalment percentages do not add up to 100%.
    PercentSum { total: Decimal, difference: Decimal },
    /// Instalment amounts do not add up to the contract total.
    AmountSum { total: Decimal, difference: Decimal },
    /// An end date before the start date, a payment after the calculation date, etc.
    DateOrder { zh: String, en: String },
    /// A 大写 amount that cannot be read.
    InvalidWords { zh: String, en: String },
    /// A key an input object does not have (a misspelt optional key must not be ignored).
    UnknownKey { key: String, expected: Vec<String> },
    /// Some other specific rule, explained in both languages.
    Rule { zh: String, en: String },
}

impl Error {
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        Error {
            field: field.into(),
            problem,
        }
    }

    /// Prefix the field path, e.g. `percent` inside instalment 2 → `instalments.2.percent`.
    pub fn within(mut self, prefix: &str) -> Self {
        self.field = if self.field.is_empty() {
            prefix.to_string()
        } else {
            format!("{prefix}.{}", self.field)
        };
        self
    }

    pub fn rule(field: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Error::new(
            field,
            Problem::Rule {
                zh: zh.into(),
                en: en.into(),
            },
        )
    }
}

impl Problem {
    /// The message in Simplified Chinese.
    pub fn zh(&self) -> String {
        match self {
            Problem::Empty => "请填写此项".into(),
            Problem::UnexpectedChar { ch, position } => {
                format!("第{}个字符“{}”不能出现在数字中", position + 1, ch)
            }
            Problem::NotANumber { text } => format!("“{text}”不是有效的数字"),
            Problem::TooManyDecimals { max } => format!("最多保留{max}位小数"),
            Problem::Negative => "不能为负数".into(),
            Problem::OutOfRange { min, max } => {
                format!("应在{}到{}之间", grouped(min), grouped(max))
            }
            Problem::Overflow => "数值过大，无法计算".into(),
            Problem::InvalidDate { text } => format!("“{text}”不是有效的日期（格式：2025-01-31）"),
            Problem::DateNotCovered { date, covered } => {
                format!(
                    "{date}所在年份的法定节假日及调休安排尚未内置（现有{covered}），无法判断工作日"
                )
            }
            Problem::PercentSum { total, difference } => {
                if difference.is_sign_negative() {
                    format!("各期比例合计{total}%，还差{}%才到100%", -difference)
                } else {
                    format!("各期比例合计{total}%，超出100%共{difference}%")
                }
            }
            Problem::AmountSum { total, difference } => {
                if difference.is_sign_negative() {
                    format!("各期金额合计{total}元，比合同总额少{}元", -difference)
                } else {
                    format!("各期金额合计{total}元，比合同总额多{difference}元")
                }
            }
            Problem::DateOrder { zh, .. } => format!("日期先后顺序有误：{zh}"),
            Problem::InvalidWords { zh, .. } => format!("大写金额无法识别：{zh}"),
            Problem::UnknownKey { key, expected } if expected.is_empty() => {
                format!("没有名为\"{key}\"的键（此处不接受任何键）")
            }
            Problem::UnknownKey { key, expected } => {
                format!("没有名为\"{key}\"的键（可用的键：{}）", expected.join("、"))
            }
            Problem::Rule { zh, .. } => zh.clone(),
        }
    }

    /// The message in English.
    pub fn en(&self) -> String {
        match self {
            Problem::Empty => "This field is required".into(),
            Problem::UnexpectedChar { ch, position } => {
                format!("Character {} ('{ch}') cannot be part of a number", position + 1)
            }
            Problem::NotANumber { text } => format!("'{text}' is not a valid number"),
            Problem::TooManyDecimals { max } => format!("At most {max} decimal places"),
            Problem::Negative => "Must not be negative".into(),
            Problem::OutOfRange { min, max } => {
                format!("Must be between {} and {}", grouped(min), grouped(max))
            }
            Problem::Overflow => "The number is too large to calculate with".into(),
            Problem::InvalidDate { text } => {
                format!("'{text}' is not a valid date (format: 2025-01-31)")
            }
            Problem::DateNotCovered { date, covered } => format!(
                "The holiday arrangement of {date}'s year is not built in (the data covers {covered}): working days cannot be told there"
            ),
            Problem::PercentSum { total, difference } => {
                if difference.is_sign_negative() {
                    format!("Percentages add up to {total}%, {}% short of 100%", -difference)
                } else {
                    format!("Percentages add up to {total}%, {difference}% over 100%")
                }
            }
            Problem::AmountSum { total, difference } => {
                if difference.is_sign_negative() {
                    format!("Instalments add up to {total}, {} less than the total", -difference)
                } else {
                    format!("Instalments add up to {total}, {difference} more than the total")
                }
            }
            Problem::DateOrder { en, .. } => format!("Dates are out of order: {en}"),
            Problem::InvalidWords { en, .. } => {
                format!("The amount in words cannot be read: {en}")
            }
            Problem::UnknownKey { key, expected } if expected.is_empty() => {
                format!("Unknown key \"{key}\" (no keys are expected here)")
            }
            Problem::UnknownKey { key, expected } => format!(
                "Unknown key \"{key}\" (expected one of: {})",
                expected.join(", ")
            ),
            Problem::Rule { en, .. } => en.clone(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.problem.en())
    }
}

impl std::error::Error for Error {}

/// Shorthand for core results.
pub type Result<T> = std::result::Result<T, Error>;
