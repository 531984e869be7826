//! The template document: data a site writes by hand (JSON), documented in
//! `docs/template-format.md`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Text in the UI's two languages. The contract text itself is in the template's language.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Label {
    pub zh: String,
    #[serde(default)]
    pub en: String,
}

impl Label {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.en.is_empty() => &self.en,
            _ => &self.zh,
        }
    }
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, Hash)]
pub enum Lang {
    #[default]
    #[serde(rename = "zh-CN")]
    Zh,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Of a text given in both languages, the one in this language.
    pub fn pick<'a, T: ?Sized>(self, zh: &'a T, en: &'a T) -> &'a T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub language: Lang,
    #[serde(default)]
    pub description: Label,
    /// Form sections, in order.
    #[serde(default)]
    pub groups: Vec<Group>,
    pub blanks: Vec<Blank>,
    #[serde(default)]
    pub derived: Vec<Derived>,
    #[serde(default)]
    pub calculators: Calculators,
    pub body: Vec<Section>,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub id: String,
    pub label: Label,
}

/// The kind of value a blank holds.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum BlankType {
    Text,
    Party,
    Money,
    Percent,
    Integer,
    Days,
    Date,
    Choice,
    Table,
    /// A 大写 amount typed by the user, cross-checked against a money value.
    Words,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    pub value: String,
    pub label: Label,
    /// How the choice reads in the contract, if different from the label.
    #[serde(default)]
    pub text: Option<String>,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: BlankType,
    pub label: Label,
    /// A computed column: an expression over the row's other columns (`qty * price`).
    #[serde(default)]
    pub expr: Option<String>,
    #[serde(default)]
    pub min: Option<String>,
    #[serde(default)]
    pub max: Option<String>,
}

/// The blank a field id belongs to. A field id names a blank (`total`) or a cell of a table
/// blank (`paid.1.amount`: row 1, counted from 0, column `amount`); blank ids have no dot.
pub fn blank_of(field: &str) -> &str {
    field.split_once('.').map_or(field, |(blank, _)| blank)
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blank {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: BlankType,
    pub label: Label,
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub required: bool,
    /// Pre-filled value (a default the parties usually keep).
    #[serde(default)]
    pub default: Option<String>,
    /// Realistic example, shown as a placeholder and used by "fill with example".
    #[serde(default)]
    pub example: Option<String>,
    #[serde(default)]
    pub min: Option<String>,
    #[serde(default)]
    pub max: Option<String>,
    #[serde(default)]
    pub help: Option<Label>,
    /// What the form shows after the input, instead of the type's own (`%` for a percent,
    /// `元` for money): `折` for a discount typed as 8.5.
    #[serde(default)]
    pub unit: Option<Label>,
    /// For `choice`.
    #[serde(default)]
    pub options: Vec<ChoiceOption>,
    /// For `table`.
    #[serde(default)]
    pub columns: Vec<Column>,
    #[serde(default)]
    pub example_rows: Vec<BTreeMap<String, String>>,
    /// For `days`: whether the clause counts working days (shown in the label/text).
    #[serde(default)]
    pub day_kind: Option<crate::core::calendar::DayKind>,
    /// For `words`: the money value (blank or derived id) it must match.
    #[serde(default)]
    pub matches: Option<String>,
    /// For `date`: the date blank this one may not precede (a period's end names its start).
    /// An earlier date is an error beside this blank.
    #[serde(default)]
    pub not_before: Option<String>,
    /// Marks a choice that fixes a convention (rounding, day count, proration …): its
    /// chosen text is written into the contract.
    #[serde(default)]
    pub convention: bool,
}

/// A value computed from blanks: `deposit = total * deposit_pct / 100`.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Derived {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: BlankType,
    pub label: Label,
    pub expr: String,
}

/// A section of the contract body.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    /// Paragraphs with `{{placeholders}}`; a paragraph that is exactly `{{table:NAME}}`
    /// renders a computed table.
    pub paragraphs: Vec<String>,
}

/// Expressions (strings) bound to the core's calculators. Every value is an expression over
/// blanks and derived values (see `expr`), except plain names such as `milestone`.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Calculators {
    #[serde(default)]
    pub schedule: Option<ScheduleBinding>,
    #[serde(default)]
    pub penalty: Option<PenaltyBinding>,
    #[serde(default)]
    pub devices: Option<DevicesBinding>,
    #[serde(default)]
    pub lump_sum: Vec<LumpSumBinding>,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleBinding {
    pub total: String,
    pub effective_date: String,
    /// Expression giving `next_working_day` or `keep` (usually a convention choice).
    #[serde(default)]
    pub rest_day_rule: Option<String>,
    pub instalments: Vec<InstalmentBinding>,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstalmentBinding {
    pub name: String,
    #[serde(default)]
    pub kind: crate::core::schedule::InstalmentKind,
    /// Percent of the total (expression), or …
    #[serde(default)]
    pub percent: Option<String>,
    /// … a fixed amount (expression). The last instalment may say `"rest"` in `percent` to
    /// take what is left.
    #[serde(default)]
    pub amount: Option<String>,
    pub due: DueBinding,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "json::Due")]
pub enum DueBinding {
    AfterEffective {
        days: String,
        #[serde(default)]
        day_kind: Option<String>,
    },
    AfterMilestone {
        milestone: String,
        #[serde(default)]
        date: Option<String>,
        days: String,
        #[serde(default)]
        day_kind: Option<String>,
    },
    FixedDate {
        date: String,
    },
    Monthly {
        day: String,
        months: String,
        #[serde(default)]
        inclusive: Option<String>,
        #[serde(default)]
        start_offset_months: Option<String>,
    },
}

/// What a late penalty is for: a payment of money (the default), or a performance such as a
/// delivery or a service.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Obligation {
    #[default]
    Payment,
    Performance,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PenaltyBinding {
    /// What is late. Only a late payment is compared with interest on money (the LPR).
    #[serde(default)]
    pub obligation: Obligation,
    /// Scenario inputs (the due date, payments made …) are blanks like any other.
    pub due_date: String,
    /// `next_working_day` (a due date on a rest day moves to the next working day, 民法典
    /// 第203条) or `keep`. Absent: the due date stands as entered.
    #[serde(default)]
    pub rest_day_rule: Option<String>,
    pub amount_due: String,
    #[serde(default)]
    pub contract_total: Option<String>,
    /// `percent`, `per_mille`, `per_ten_thousand` or `fixed` (expression or literal name).
    pub rate_unit: String,
    pub rate: String,
    /// `unpaid` or `total`.
    #[serde(default)]
    pub base: Option<String>,
    #[serde(default)]
    pub grace_days: Option<String>,
    #[serde(default)]
    pub cap_percent_of_total: Option<String>,
    #[serde(default)]
    pub cap_amount: Option<String>,
    /// A table blank with `date` and `amount` columns.
    #[serde(default)]
    pub payments: Option<String>,
    pub as_of: String,
    /// `through_payment_day` or `before_payment_day`.
    #[serde(default)]
    pub day_count: Option<String>,
    /// Days overdue after which the creditor may suspend service, for the summary.
    #[serde(default)]
    pub suspend_after_days: Option<String>,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevicesBinding {
    pub start: String,
    pub months: String,
    #[serde(default)]
    pub base_monthly_fee: Option<String>,
    pub devices: Vec<DeviceBinding>,
    /// A table blank with `date`, `device` and `delta` columns.
    #[serde(default)]
    pub changes: Option<String>,
    #[serde(default)]
    pub proration: Option<String>,
    #[serde(default)]
    pub discount_percent: Option<String>,
    #[serde(default)]
    pub vat_percent: Option<String>,
    /// `exclusive` or `inclusive`.
    #[serde(default)]
    pub vat_mode: Option<String>,
    /// The day of each billing month (1 = its first day) by which its fee is due
    /// (每个计费月的第1日至第N日). While the value is empty the fees compute and the months show
    /// no due date.
    #[serde(default)]
    pub due_day: Option<String>,
    /// `next_working_day` (the default) or `keep`: a due date on a rest day.
    #[serde(default)]
    pub rest_day_rule: Option<String>,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceBinding {
    pub id: String,
    pub name: String,
    pub monthly_fee: String,
    pub count: String,
}

/// A lump-sum term, available to the text as `{{lump.ID.amount}}` / `{{lump.ID.words}}`.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "json::LumpSum")]
pub enum LumpSumBinding {
    BreachPercent {
        id: String,
        label: Label,
        total: String,
        percent: String,
    },
    /// All penalties together capped at a percent of the total.
    Cap {
        id: String,
        label: Label,
        total: String,
        percent: String,
        /// Lump-sum ids whose amounts count towards the cap.
        penalties: Vec<String>,
    },
    Maintenance {
        id: String,
        label: Label,
        purchase_price: String,
        annual_percent: String,
        instalments_per_year: String,
        #[serde(default)]
        vat_percent: Option<String>,
    },
    PartsDiscount {
        id: String,
        label: Label,
        list_price: String,
        zhe: String,
    },
}

impl LumpSumBinding {
    pub fn id(&self) -> &str {
        match self {
            LumpSumBinding::BreachPercent { id, .. }
            | LumpSumBinding::Cap { id, .. }
            | LumpSumBinding::Maintenance { id, .. }
            | LumpSumBinding::PartsDiscount { id, .. } => id,
        }
    }
    pub fn label(&self) -> &Label {
        match self {
            LumpSumBinding::BreachPercent { label, .. }
            | LumpSumBinding::Cap { label, .. }
            | LumpSumBinding::Maintenance { label, .. }
            | LumpSumBinding::PartsDiscount { label, .. } => label,
        }
    }
}

/// How the two tagged enums above read from JSON: one flat struct with every variant's
/// fields and the `type`, converted by variant. It reads the same documents into the same
/// values, and errors name the missing field as serde does (`missing field \`days\``); but
/// serde's derive for an internally tagged enum writes a full deserializer per variant,
/// ~29 kB of the first load's wasm for these two enums, and this is a fraction of that.
/// (`default` on every optional field: `template::read` gives a struct its fields in order,
/// and reads a missing one as absent only where serde has a default.)
mod json {
    use super::{DueBinding, Label, LumpSumBinding};
    use serde::Deserialize;

    fn need<T>(value: Option<T>, field: &str) -> Result<T, String> {
        value.ok_or_else(|| format!("missing field `{field}`"))
    }

    fn unknown(kind: &str, expected: &str) -> String {
        format!("unknown variant `{kind}`, expected one of {expected}")
    }

    #[derive(Deserialize)]
    pub struct Due {
        #[serde(rename = "type")]
        kind: String,
        #[serde(default)]
        days: Option<String>,
        #[serde(default)]
        day_kind: Option<String>,
        #[serde(default)]
        milestone: Option<String>,
        #[serde(default)]
        date: Option<String>,
        #[serde(default)]
        day: Option<String>,
        #[serde(default)]
        months: Option<String>,
        #[serde(default)]
        inclusive: Option<String>,
        #[serde(default)]
        start_offset_months: Option<String>,
    }

    impl TryFrom<Due> for DueBinding {
        type Error = String;
        fn try_from(j: Due) -> Result<Self, String> {
            Ok(match j.kind.as_str() {
                "after_effective" => DueBinding::AfterEffective {
                    days: need(j.days, "days")?,
                    day_kind: j.day_kind,
                },
                "after_milestone" => DueBinding::AfterMilestone {
                    milestone: need(j.milestone, "milestone")?,
                    date: j.date,
                    days: need(j.days, "days")?,
                    day_kind: j.day_kind,
                },
                "fixed_date" => DueBinding::FixedDate {
                    date: need(j.date, "date")?,
                },
                "monthly" => DueBinding::Monthly {
                    day: need(j.day, "day")?,
                    months: need(j.months, "months")?,
                    inclusive: j.inclusive,
                    start_offset_months: j.start_offset_months,
                },
                other => {
                    return Err(unknown(
                        other,
                        "`after_effective`, `after_milestone`, `fixed_date`, `monthly`",
                    ))
                }
            })
        }
    }

    #[derive(Deserialize)]
    pub struct LumpSum {
        #[serde(rename = "type")]
        kind: String,
        #[serde(default)]
        id: Option<String>,
        #[serde(default)]
        label: Option<Label>,
        #[serde(default)]
        total: Option<String>,
        #[serde(default)]
        percent: Option<String>,
        #[serde(default)]
        penalties: Option<Vec<String>>,
        #[serde(default)]
        purchase_price: Option<String>,
        #[serde(default)]
        annual_percent: Option<String>,
        #[serde(default)]
        instalments_per_year: Option<String>,
        #[serde(default)]
        vat_percent: Option<String>,
        #[serde(default)]
        list_price: Option<String>,
        #[serde(default)]
        zhe: Option<String>,
    }

    impl TryFrom<LumpSum> for LumpSumBinding {
        type Error = String;
        fn try_from(j: LumpSum) -> Result<Self, String> {
            const KINDS: [&str; 4] = ["breach_percent", "cap", "maintenance", "parts_discount"];
            if !KINDS.contains(&j.kind.as_str()) {
                return Err(unknown(
                    &j.kind,
                    "`breach_percent`, `cap`, `maintenance`, `parts_discount`",
                ));
            }
            let id = need(j.id, "id")?;
            let label = need(j.label, "label")?;
            Ok(match j.kind.as_str() {
                "breach_percent" => LumpSumBinding::BreachPercent {
                    id,
                    label,
                    total: need(j.total, "total")?,
                    percent: need(j.percent, "percent")?,
                },
                "cap" => LumpSumBinding::Cap {
                    id,
                    label,
                    total: need(j.total, "total")?,
                    percent: need(j.percent, "percent")?,
                    penalties: need(j.penalties, "penalties")?,
                },
                "maintenance" => LumpSumBinding::Maintenance {
                    id,
                    label,
                    purchase_price: need(j.purchase_price, "purchase_price")?,
                    annual_percent: need(j.annual_percent, "annual_percent")?,
                    instalments_per_year: need(j.instalments_per_year, "instalments_per_year")?,
                    vat_percent: j.vat_percent,
                },
                // "parts_discount", the last of KINDS (checked above).
                _ => LumpSumBinding::PartsDiscount {
                    id,
                    label,
                    list_price: need(j.list_price, "list_price")?,
                    zhe: need(j.zhe, "zhe")?,
                },
            })
        }
    }
}
