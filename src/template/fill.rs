//! Evaluate a template against the user's inputs: blanks → typed values → derived values →
//! calculators → results (+ warnings). Data flows one way; nothing here panics on bad input,
//! and each problem is reported against the blank it came from.

use super::expr::{self, EvalError, Scope, Value};
use super::inputs::{parse_blank, Input, Inputs};
use super::model::*;
use super::warnings::{warnings, Warning};
use crate::core::calendar::{date_zh, Calendar, DayKind, Deadline, RestDayRule};
use crate::core::devices::{
    device_fees, CountChange, DeviceFeeInput, DeviceFeeResult, DeviceType, MonthlyDue, Proration,
};
use crate::core::lump_sum::{
    breach_penalty, cap_penalties, discounted_price, maintenance_fee, Amount, CappedPenalties,
    MaintenanceInput, MaintenanceResult,
};
use crate::core::money::round_fen;
use crate::core::penalty::*;
use crate::core::schedule::{
    payment_schedule, DueRule, Instalment, Schedule, ScheduleInput, Share,
};
use crate::core::tax::{Vat, VatMode};
use crate::core::Error;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

/// A calculator's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", content = "value", rename_all = "snake_case")]
pub enum Calc<T> {
    /// The template does not use this calculator.
    Unused,
    /// Waiting for these blanks to be filled.
    Waiting(Vec<String>),
    /// The inputs are filled but wrong; the error names a blank where possible.
    Failed(Error),
    Ready(T),
}

impl<T> Calc<T> {
    pub fn ready(&self) -> Option<&T> {
        match self {
            Calc::Ready(t) => Some(t),
            _ => None,
        }
    }
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LumpResult {
    Amount(Portion),
    Capped(CappedPenalties),
    Maintenance(MaintenanceResult),
}

/// A lump sum that is a share of an amount, `base × percent%` rounded to the fen: a breach
/// penalty of the total, or parts at a discount (the list price × 折, i.e. × 折 × 10%).
/// `base` and `percent` are kept for the note that explains the amount.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Portion {
    pub amount: Decimal,
    pub words: String,
    pub base: Decimal,
    pub percent: Decimal,
}

impl Portion {
    fn of(a: Amount, base: Decimal, percent: Decimal) -> LumpResult {
        LumpResult::Amount(Portion {
            amount: a.amount,
            words: a.words,
            base,
            percent: percent.normalize(),
        })
    }
}

impl LumpResult {
    /// The headline amount: the payable sum, or the annual fee.
    pub fn amount(&self) -> Decimal {
        match self {
            LumpResult::Amount(a) => a.amount,
            LumpResult::Capped(c) => c.payable,
            LumpResult::Maintenance(m) => m.annual_fee.gross,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Filled {
    /// Parsed blank values (tables include computed columns).
    #[serde(skip)]
    pub values: BTreeMap<String, Value>,
    /// Field errors, each naming a blank (or `table.row.column`).
    pub errors: Vec<Error>,
    /// Required blanks still empty.
    pub missing: Vec<String>,
    #[serde(skip)]
    pub derived: BTreeMap<String, Result<Value, EvalError>>,
    pub schedule: Calc<Schedule>,
    pub penalty: Calc<PenaltyResult>,
    /// The penalty's due date after the template's rest-day rule (set when it computes).
    pub penalty_due: Option<Deadline>,
    pub devices: Calc<DeviceFeeResult>,
    pub lump: Vec<(String, Calc<LumpResult>)>,
    pub warnings: Vec<Warning>,
}

impl Filled {
    /// The first error reported for a blank (or one of its table cells).
    pub fn error_for(&self, id: &str) -> Option<&Error> {
        self.errors.iter().find(|e| blank_of(&e.field) == id)
    }
    /// The value of a blank, or of a derived value that computed.
    pub fn value(&self, id: &str) -> Option<&Value> {
        self.values
            .get(id)
            .or_else(|| self.derived.get(id).and_then(|r| r.as_ref().ok()))
    }
    pub fn lump(&self, id: &str) -> Option<&Calc<LumpResult>> {
        self.lump.iter().find(|(i, _)| i == id).map(|(_, c)| c)
    }
}

/// Inputs pre-filled with every blank's example (for "fill with example values").
pub fn example_inputs(t: &Template) -> Inputs {
    let mut out = Inputs::new();
    for b in &t.blanks {
        if b.kind == BlankType::Table {
            if !b.example_rows.is_empty() {
                out.insert(b.id.clone(), Input::Rows(b.example_rows.clone()));
            }
        } else if let Some(e) = b.example.as_ref().or(b.default.as_ref()) {
            out.insert(b.id.clone(), Input::Text(e.clone()));
        }
    }
    out
}

/// Evaluate everything.
pub fn fill(t: &Template, inputs: &Inputs, cal: &Calendar) -> Filled {
    let mut values = BTreeMap::new();
    let mut errors = Vec::new();
    let mut missing = Vec::new();
    // Every value read, then kept unless it is an end before its start (`not_before`).
    let mut read = Vec::new();
    for b in &t.blanks {
        let default = b.default.clone().map(Input::Text);
        let raw = inputs
            .get(&b.id)
            .filter(|i| !is_blank(i))
            .or(default.as_ref());
        match parse_blank(b, raw) {
            Ok(Some(v)) => read.push((b, v)),
            Ok(None) if b.required => missing.push(b.id.clone()),
            Ok(None) => {}
            Err(mut errs) => errors.append(&mut errs),
        }
    }
    // A period's end before its start: an error beside the end, which is then not used.
    let mut before_start = Vec::new();
    for (b, v) in &read {
        let start = read
            .iter()
            .find(|(s, _)| Some(&s.id) == b.not_before.as_ref());
        if let (Value::Date(end), Some((s, Value::Date(start)))) = (v, start) {
            if end < start {
                let (zh, en) = (s.label.get(Lang::Zh), s.label.get(Lang::En));
                errors.push(Error::rule(
                    &b.id,
                    format!("早于“{zh}”（{}）", date_zh(*start)),
                    format!("This is before '{en}' ({start})"),
                ));
                before_start.push(b.id.as_str());
            }
        }
    }
    for (b, v) in read {
        if !before_start.contains(&b.id.as_str()) {
            values.insert(b.id.clone(), v);
        }
    }
    // Computed table columns (line total = qty × price), row by row.
    for b in t.blanks.iter().filter(|b| b.kind == BlankType::Table) {
        let computed: Vec<&Column> = b.columns.iter().filter(|c| c.expr.is_some()).collect();
        if computed.is_empty() {
            continue;
        }
        if let Some(Value::Rows(rows)) = values.get_mut(&b.id) {
            for row in rows.iter_mut() {
                for col in &computed {
                    let Some(Ok(e)) = col.expr.as_deref().map(expr::parse) else {
                        continue;
                    };
                    let scope = RowScope { row };
                    if let Ok(Value::Number(n)) = expr::eval(&e, &scope, None) {
                        let n = if col.kind == BlankType::Money {
                            round_fen(n)
                        } else {
                            n
                        };
                        row.push((col.id.clone(), Value::Number(n)));
                    }
                }
            }
        }
    }

    let scope = FillScope {
        template: t,
        values: &values,
        errors: &errors,
        derived: RefCell::new(BTreeMap::new()),
        visiting: RefCell::new(BTreeSet::new()),
    };
    for d in &t.derived {
        let _ = scope.get(&d.id);
    }

    let c = &t.calculators;
    let schedule = match &c.schedule {
        None => Calc::Unused,
        Some(b) => run(
            &scope,
            |bd| bind_schedule(bd, b),
            |i| payment_schedule(&i, cal),
        ),
    };
    let mut penalty_due = None;
    let penalty = match &c.penalty {
        None => Calc::Unused,
        Some(b) => run(
            &scope,
            |bd| bind_penalty(bd, b),
            |(mut i, rule)| {
                // The rule the schedule applies to its due dates (民法典 第203条).
                let due = cal.adjust(i.due_date, rule).map_err(|e| Error {
                    field: "due_date".into(),
                    ..e
                })?;
                i.due_date = due.date;
                penalty_due = Some(due);
                late_penalty(&i)
            },
        ),
    };
    let devices = match &c.devices {
        None => Calc::Unused,
        Some(b) => run(&scope, |bd| bind_devices(bd, b), |i| device_fees(&i, cal)),
    };
    let mut lump: Vec<(String, Calc<LumpResult>)> = Vec::new();
    for l in &c.lump_sum {
        let done = lump.clone();
        let calc = run(&scope, |bd| bind_lump(bd, l, &done), |i| i);
        lump.push((l.id().to_string(), calc));
    }
    let derived = scope.derived.into_inner();
    for calc_error in [failed(&schedule), failed(&penalty), failed(&devices)]
        .into_iter()
        .chain(lump.iter().map(|(_, c)| failed(c)))
        .flatten()
    {
        if !errors.iter().any(|e| e.field == calc_error.field) {
            errors.push(calc_error.clone());
        }
    }
    let mut filled = Filled {
        values,
        errors,
        missing,
        derived,
        schedule,
        penalty,
        penalty_due,
        devices,
        lump,
        warnings: Vec::new(),
    };
    filled.warnings = warnings(t, &filled);
    filled
}

/// Left empty: blank text, or a table whose every row is blank (rows added, not filled).
fn is_blank(i: &Input) -> bool {
    match i {
        Input::Text(t) => t.trim().is_empty(),
        Input::Rows(rows) => rows.iter().all(|r| r.values().all(|c| c.trim().is_empty())),
    }
}

/// What a calculator waits for, from a missing name: a blank, or a table row filled in part
/// (`pages.5`, which the panels show as 网页设计项目（第6行）); a column name alone
/// (`pages.qty`) is its table.
fn waiting_for(id: &str) -> &str {
    match id.split('.').nth(1) {
        Some(row) if row.parse::<usize>().is_ok() => id,
        _ => blank_of(id),
    }
}

fn failed<T>(c: &Calc<T>) -> Option<&Error> {
    match c {
        Calc::Failed(e) => Some(e),
        _ => None,
    }
}

struct RowScope<'a> {
    row: &'a [(String, Value)],
}

impl Scope for RowScope<'_> {
    fn get(&self, name: &str) -> Result<Value, EvalError> {
        self.row
            .iter()
            .find(|(c, _)| c == name)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| EvalError::Missing(name.to_string()))
    }
}

/// Blanks and derived values by id; derived values are computed on first use, in
/// dependency order, and a cycle is an error rather than a hang.
struct FillScope<'a> {
    template: &'a Template,
    values: &'a BTreeMap<String, Value>,
    /// Blanks filled in with an error (not in `values`).
    errors: &'a [Error],
    derived: RefCell<BTreeMap<String, Result<Value, EvalError>>>,
    visiting: RefCell<BTreeSet<String>>,
}

impl Scope for FillScope<'_> {
    fn knows(&self, name: &str) -> bool {
        self.template.blanks.iter().any(|b| b.id == name)
            || self.template.derived.iter().any(|d| d.id == name)
    }

    fn is_invalid(&self, name: &str) -> bool {
        self.errors.iter().any(|e| blank_of(&e.field) == name)
    }

    fn get(&self, name: &str) -> Result<Value, EvalError> {
        if let Some(v) = self.values.get(name) {
            return Ok(v.clone());
        }
        if let Some(r) = self.derived.borrow().get(name) {
            return r.clone();
        }
        let Some(d) = self.template.derived.iter().find(|d| d.id == name) else {
            return Err(EvalError::Missing(name.to_string()));
        };
        if !self.visiting.borrow_mut().insert(name.to_string()) {
            return Err(EvalError::Invalid(format!("{name} depends on itself")));
        }
        let result = expr::parse(&d.expr)
            .map_err(|e| EvalError::Invalid(e.message))
            .and_then(|e| expr::eval(&e, self, None))
            .and_then(|v| match (d.kind, v) {
                // A share or a sum below zero (100 − 30 − 80) is no value a contract can state:
                // the error is the blanks' (a percent sum the schedule reports beside them).
                (BlankType::Money | BlankType::Percent, Value::Number(n))
                    if n.is_sign_negative() && !n.is_zero() =>
                {
                    Err(EvalError::Invalid(format!("{name} < 0")))
                }
                // Money-typed derived values are rounded to the fen (四舍五入) when stored.
                (BlankType::Money, Value::Number(n)) => Ok(Value::Number(round_fen(n))),
                (_, v) => Ok(v),
            });
        self.visiting.borrow_mut().remove(name);
        self.derived
            .borrow_mut()
            .insert(name.to_string(), result.clone());
        result
    }
}

/// Collects values for one calculator: what is missing, the first invalid value, and which
/// blank fed which calculator field (to put core errors beside the right blank).
pub(crate) struct Binder<'a> {
    scope: &'a dyn Scope,
    missing: BTreeSet<String>,
    invalid: Option<Error>,
    sources: Vec<(String, String)>,
    row_sources: Vec<(String, String)>,
}

impl<'a> Binder<'a> {
    fn new(scope: &'a dyn Scope) -> Self {
        Binder {
            scope,
            missing: BTreeSet::new(),
            invalid: None,
            sources: Vec::new(),
            row_sources: Vec::new(),
        }
    }

    fn value(&mut self, field: &str, src: &str) -> Option<Value> {
        let e = match expr::parse(src) {
            Ok(e) => e,
            Err(p) => {
                self.fail(field, &p.message);
                return None;
            }
        };
        if let expr::Expr::Ref(id) = &e {
            self.sources.push((field.to_string(), id.clone()));
        }
        match expr::eval(&e, self.scope, None) {
            Ok(v) => Some(v),
            Err(EvalError::Missing(id)) => {
                self.missing.insert(waiting_for(&id).to_string());
                None
            }
            Err(EvalError::Invalid(m)) => {
                self.fail(field, &m);
                None
            }
        }
    }

    fn fail(&mut self, field: &str, message: &str) {
        if self.invalid.is_none() {
            self.invalid = Some(Error::rule(self.blank_for(field), message, message));
        }
    }

    fn num(&mut self, field: &str, src: &str) -> Option<Decimal> {
        match self.value(field, src)? {
            Value::Number(n) => Some(n),
            _ => {
                self.fail(field, "应为数字 / a number was expected");
                None
            }
        }
    }

    fn opt_num(&mut self, field: &str, src: &Option<String>) -> Option<Option<Decimal>> {
        match src {
            None => Some(None),
            Some(s) => self.num(field, s).map(Some),
        }
    }

    fn count(&mut self, field: &str, src: &str) -> Option<u32> {
        let n = self.num(field, src)?;
        match u32::try_from(n.trunc().mantissa() / 10i128.pow(n.trunc().scale())) {
            Ok(v) if n.fract().is_zero() && n >= Decimal::ZERO => Some(v),
            _ => {
                self.fail(field, "应为非负整数 / a whole number ≥ 0 was expected");
                None
            }
        }
    }

    fn date(&mut self, field: &str, src: &str) -> Option<NaiveDate> {
        match self.value(field, src)? {
            Value::Date(d) => Some(d),
            _ => {
                self.fail(field, "应为日期 / a date was expected");
                None
            }
        }
    }

    /// A value that may not be known yet, read by `read` (the effective date, a milestone's
    /// date, a due day): `Some(None)` while what it needs is empty, so the rest computes and
    /// the value shows as 待定; `None` when it is wrong (the error names its blank).
    fn optional<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        let waiting = std::mem::take(&mut self.missing);
        let value = read(self);
        // What this value waits for is not waited for: the others' needs are kept.
        self.missing = waiting;
        match value {
            Some(v) => Some(Some(v)),
            None if self.invalid.is_none() => Some(None),
            None => None,
        }
    }

    fn optional_date(&mut self, field: &str, src: &str) -> Option<Option<NaiveDate>> {
        self.optional(|b| b.date(field, src))
    }

    /// An enum-like word: an id whose value is text, a quoted literal, or the word itself.
    fn word(&mut self, field: &str, src: &str) -> Option<String> {
        let is_ident = src.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if is_ident && !self.scope.knows(src) {
            return Some(src.to_string());
        }
        match self.value(field, src)? {
            Value::Text(t) => Some(t),
            _ => {
                self.fail(field, "应为选项 / a choice was expected");
                None
            }
        }
    }

    fn rows(&mut self, field: &str, src: &str) -> Option<Vec<Vec<(String, Value)>>> {
        // Row errors (`payments.1.amount`) go to the table's cell (`<src>.1.amount`).
        self.row_sources.push((field.to_string(), src.to_string()));
        match self.scope.get(src) {
            Ok(Value::Rows(r)) => Some(r),
            Ok(_) => {
                self.fail(field, "应为表格 / a table was expected");
                None
            }
            // A table with a bad cell waits for it (the cell's error is shown beside it):
            // computing without its rows would give a plausible wrong number.
            Err(EvalError::Missing(_)) if self.scope.is_invalid(src) => {
                self.missing.insert(src.to_string());
                None
            }
            // An empty table is simply no rows.
            Err(EvalError::Missing(_)) => Some(Vec::new()),
            Err(EvalError::Invalid(m)) => {
                self.fail(field, &m);
                None
            }
        }
    }

    /// The blank that fed a calculator field (longest matching prefix), or the field itself.
    fn blank_for(&self, field: &str) -> String {
        if let Some((f, table)) = self
            .row_sources
            .iter()
            .find(|(f, _)| field.starts_with(&format!("{f}.")))
        {
            return format!("{table}{}", &field[f.len()..]);
        }
        let source = |f: &str| {
            self.sources
                .iter()
                .filter(|(s, _)| f == s || f.starts_with(&format!("{s}.")))
                .max_by_key(|(s, _)| s.len())
                .map(|(_, id)| id.clone())
        };
        source(field)
            .or_else(|| {
                // A computed due date (a day the holiday data does not cover): it counts from
                // the effective date, which is where the user can change it.
                if field.starts_with("instalments.") && field.ends_with(".due.date") {
                    source("effective_date")
                // The shares together (a percent sum that is not 100%): beside the last share.
                } else if field == "instalments" {
                    self.sources
                        .iter()
                        .rev()
                        .find(|(s, _)| {
                            s.ends_with(".share.percent") || s.ends_with(".share.amount")
                        })
                        .map(|(_, id)| id.clone())
                } else {
                    None
                }
            })
            .unwrap_or_else(|| field.to_string())
    }
}

/// Bind, then compute; missing inputs wait, bad ones fail with the blank named.
fn run<I, T>(
    scope: &dyn Scope,
    bind: impl FnOnce(&mut Binder) -> Option<I>,
    compute: impl FnOnce(I) -> Result<T, Error>,
) -> Calc<T> {
    let mut b = Binder::new(scope);
    let input = bind(&mut b);
    if !b.missing.is_empty() {
        return Calc::Waiting(b.missing.into_iter().collect());
    }
    if let Some(e) = b.invalid {
        return Calc::Failed(e);
    }
    let Some(input) = input else {
        return Calc::Waiting(Vec::new());
    };
    match compute(input) {
        Ok(t) => Calc::Ready(t),
        Err(e) => {
            let field = b.blank_for(&e.field);
            Calc::Failed(Error { field, ..e })
        }
    }
}

fn day_kind(b: &mut Binder, field: &str, src: &Option<String>) -> Option<DayKind> {
    match src {
        None => Some(DayKind::Calendar),
        Some(s) => match b.word(field, s)?.as_str() {
            "working" => Some(DayKind::Working),
            "calendar" => Some(DayKind::Calendar),
            other => {
                b.fail(
                    field,
                    &format!("未知的天数类型 / unknown day kind '{other}'"),
                );
                None
            }
        },
    }
}

/// `keep` or `next_working_day` (any other word); `absent` when the template binds none.
fn rest_day_rule(b: &mut Binder, src: &Option<String>, absent: RestDayRule) -> Option<RestDayRule> {
    match src {
        None => Some(absent),
        Some(r) => match b.word("rest_day_rule", r)?.as_str() {
            "keep" => Some(RestDayRule::Keep),
            _ => Some(RestDayRule::NextWorkingDay),
        },
    }
}

fn bind_schedule(b: &mut Binder, s: &ScheduleBinding) -> Option<ScheduleInput> {
    let total = b.num("total", &s.total);
    let effective_date = b.optional_date("effective_date", &s.effective_date);
    let rest_day_rule = rest_day_rule(b, &s.rest_day_rule, RestDayRule::NextWorkingDay);
    let mut instalments = Vec::with_capacity(s.instalments.len());
    let mut percent_sum = Decimal::ZERO;
    let mut rest_index = None;
    for (i, inst) in s.instalments.iter().enumerate() {
        let f = format!("instalments.{i}");
        let share = match (&inst.percent, &inst.amount) {
            (Some(p), _) if p == "rest" => {
                rest_index = Some(i);
                Some(Share::Percent {
                    percent: Decimal::ZERO,
                })
            }
            (Some(p), _) => b.num(&format!("{f}.share.percent"), p).map(|percent| {
                percent_sum += percent;
                Share::Percent { percent }
            }),
            (None, Some(a)) => b
                .num(&format!("{f}.share.amount"), a)
                .map(|amount| Share::Fixed { amount }),
            (None, None) => {
                b.fail(
                    &f,
                    "分期需要比例或金额 / an instalment needs a percent or an amount",
                );
                None
            }
        };
        let due = match &inst.due {
            DueBinding::AfterEffective { days, day_kind: k } => {
                let days = b.count(&format!("{f}.due.days"), days);
                let k = day_kind(b, &format!("{f}.due.day_kind"), k);
                Some(DueRule::AfterEffective {
                    days: days?,
                    day_kind: k?,
                })
            }
            DueBinding::AfterMilestone {
                milestone,
                date,
                days,
                day_kind: k,
            } => {
                // A milestone date not known yet is normal: the row shows "待定".
                let date = match date {
                    None => Some(None),
                    Some(src) => b.optional_date(&format!("{f}.due.date"), src),
                };
                let days = b.count(&format!("{f}.due.days"), days);
                let k = day_kind(b, &format!("{f}.due.day_kind"), k);
                Some(DueRule::AfterMilestone {
                    milestone: milestone.clone(),
                    date: date?,
                    days: days?,
                    day_kind: k?,
                })
            }
            DueBinding::FixedDate { date } => b
                .date(&format!("{f}.due.date"), date)
                .map(|date| DueRule::FixedDate { date }),
            DueBinding::Monthly {
                day,
                months,
                inclusive,
                start_offset_months,
            } => {
                let day = b.count(&format!("{f}.due.day"), day);
                let months = b.count(&format!("{f}.due.months"), months);
                let inclusive = match inclusive {
                    None => Some(true),
                    Some(s) => b
                        .word(&format!("{f}.due.inclusive"), s)
                        .map(|w| w != "exclusive" && w != "false"),
                };
                let offset = match start_offset_months {
                    None => Some(1),
                    Some(s) => b.count(&format!("{f}.due.start_offset_months"), s),
                };
                Some(DueRule::Monthly {
                    day: day?,
                    inclusive: inclusive?,
                    months: months?,
                    start_offset_months: offset?,
                })
            }
        };
        instalments.push(Instalment {
            name: inst.name.clone(),
            kind: inst.kind,
            share: share?,
            due: due?,
        });
    }
    if let Some(i) = rest_index {
        instalments[i].share = Share::Percent {
            percent: (Decimal::ONE_HUNDRED - percent_sum).max(Decimal::ZERO),
        };
    }
    Some(ScheduleInput {
        total: total?,
        effective_date: effective_date?,
        instalments,
        rest_day_rule: rest_day_rule?,
    })
}

/// The input with the due date as entered, and the rest-day rule to apply to it.
fn bind_penalty(b: &mut Binder, p: &PenaltyBinding) -> Option<(PenaltyInput, RestDayRule)> {
    let due_date = b.date("due_date", &p.due_date);
    let rest_day_rule = rest_day_rule(b, &p.rest_day_rule, RestDayRule::Keep);
    let amount_due = b.num("amount_due", &p.amount_due);
    let contract_total = b.opt_num("contract_total", &p.contract_total);
    let unit = b.word("rate.unit", &p.rate_unit);
    let rate_value = b.num("rate.rate", &p.rate);
    let base = match &p.base {
        None => Some(PenaltyBase::Unpaid),
        Some(s) => b.word("rate.base", s).map(|w| {
            if w == "total" {
                PenaltyBase::Total
            } else {
                PenaltyBase::Unpaid
            }
        }),
    };
    let grace_days = match &p.grace_days {
        None => Some(0),
        Some(s) => b.count("grace_days", s),
    };
    let cap_pct = b.opt_num("cap.percent", &p.cap_percent_of_total);
    let cap_abs = b.opt_num("cap.amount", &p.cap_amount);
    let as_of = b.date("as_of", &p.as_of);
    let day_count = match &p.day_count {
        None => Some(DayCount::ThroughPaymentDay),
        Some(s) => b.word("day_count", s).map(|w| {
            if w == "before_payment_day" {
                DayCount::BeforePaymentDay
            } else {
                DayCount::ThroughPaymentDay
            }
        }),
    };
    let mut payments = Vec::new();
    if let Some(src) = &p.payments {
        for (i, row) in b.rows("payments", src)?.iter().enumerate() {
            // A row added but not filled yet is no payment.
            if row.is_empty() {
                continue;
            }
            let get = |c: &str| row.iter().find(|(k, _)| k == c).map(|(_, v)| v.clone());
            match (
                get("date").and_then(|v| v.as_date()),
                get("amount").and_then(|v| v.as_number()),
            ) {
                (Some(date), Some(amount)) => payments.push(Payment { date, amount }),
                // A half-filled payment row is waiting for its other cell.
                _ => {
                    b.missing.insert(format!("{src}.{i}"));
                }
            }
        }
    }
    let rate = match unit?.as_str() {
        "fixed" => PenaltyRate::FixedPerDay {
            amount: rate_value?,
        },
        u => PenaltyRate::PerDay {
            rate: rate_value?,
            unit: match u {
                "per_mille" => RateUnit::PerMille,
                "per_ten_thousand" => RateUnit::PerTenThousand,
                _ => RateUnit::Percent,
            },
            base: base?,
        },
    };
    let cap = match (cap_pct?, cap_abs?) {
        (Some(percent), _) => Some(Cap::PercentOf {
            percent,
            base: CapBase::Total,
        }),
        (None, Some(amount)) => Some(Cap::Absolute { amount }),
        (None, None) => None,
    };
    let input = PenaltyInput {
        due_date: due_date?,
        amount_due: amount_due?,
        contract_total: contract_total?,
        rate,
        grace_days: grace_days?,
        grace_mode: GraceMode::Deducted,
        cap,
        payments,
        as_of: as_of?,
        day_count: day_count?,
    };
    Some((input, rest_day_rule?))
}

fn bind_devices(b: &mut Binder, d: &DevicesBinding) -> Option<DeviceFeeInput> {
    let start = b.date("start", &d.start);
    let months = b.count("months", &d.months);
    let base = b.opt_num("base_monthly_fee", &d.base_monthly_fee);
    let mut devices = Vec::with_capacity(d.devices.len());
    for (i, dev) in d.devices.iter().enumerate() {
        let fee = b.num(&format!("devices.{i}.monthly_fee"), &dev.monthly_fee);
        let count = b.count(&format!("devices.{i}.count"), &dev.count);
        if let (Some(monthly_fee), Some(count)) = (fee, count) {
            devices.push(DeviceType {
                id: dev.id.clone(),
                name: dev.name.clone(),
                monthly_fee,
                count,
            });
        }
    }
    let mut changes = Vec::new();
    if let Some(src) = &d.changes {
        for (i, row) in b.rows("changes", src)?.iter().enumerate() {
            // A row added but not filled yet is no change.
            if row.is_empty() {
                continue;
            }
            let get = |c: &str| row.iter().find(|(k, _)| k == c).map(|(_, v)| v.clone());
            let delta = get("delta")
                .and_then(|v| v.as_number())
                .and_then(|n| i64::try_from(n.trunc().mantissa()).ok());
            match (get("date").and_then(|v| v.as_date()), get("device"), delta) {
                (Some(date), Some(Value::Text(device)), Some(delta)) => changes.push(CountChange {
                    date,
                    // A user types the device's name (台式机) as readily as its id (desktop).
                    device: match d.devices.iter().find(|x| x.name == device) {
                        Some(x) if !d.devices.iter().any(|y| y.id == device) => x.id.clone(),
                        _ => device,
                    },
                    delta,
                }),
                _ => {
                    b.missing.insert(format!("{src}.{i}"));
                }
            }
        }
    }
    let proration = match &d.proration {
        None => Some(Proration::ByCalendarDays),
        Some(s) => b.word("proration", s).map(|w| match w.as_str() {
            "full_month" => Proration::FullMonth,
            "from_next_month" => Proration::FromNextMonth,
            _ => Proration::ByCalendarDays,
        }),
    };
    let discount = b.opt_num("discount_percent", &d.discount_percent);
    let vat_pct = b.opt_num("vat.rate_percent", &d.vat_percent);
    let vat_mode = match &d.vat_mode {
        None => Some(VatMode::Exclusive),
        Some(s) => b.word("vat.mode", s).map(|w| {
            if w == "inclusive" {
                VatMode::Inclusive
            } else {
                VatMode::Exclusive
            }
        }),
    };
    // The due day may wait: the fees compute meanwhile, without due dates.
    let due_day = match &d.due_day {
        None => Some(None),
        Some(src) => b.optional(|b| b.count("due_day", src)),
    };
    let rest_day_rule = rest_day_rule(b, &d.rest_day_rule, RestDayRule::NextWorkingDay);
    let vat = vat_pct?.filter(|p| !p.is_zero()).map(|rate_percent| Vat {
        rate_percent,
        mode: vat_mode.unwrap_or_default(),
    });
    if devices.len() != d.devices.len() {
        return None;
    }
    Some(DeviceFeeInput {
        start: start?,
        months: months?,
        base_monthly_fee: base?.unwrap_or_default(),
        devices,
        changes,
        proration: proration?,
        discount_percent: discount?.unwrap_or_default(),
        vat,
        due: due_day?.map(|day| MonthlyDue {
            day,
            rest_day_rule: rest_day_rule.unwrap_or_default(),
        }),
    })
}

/// Lump sums compute while binding (they are cheap), so errors carry the blank id.
fn bind_lump(
    b: &mut Binder,
    l: &LumpSumBinding,
    done: &[(String, Calc<LumpResult>)],
) -> Option<Result<LumpResult, Error>> {
    Some(match l {
        LumpSumBinding::BreachPercent { total, percent, .. } => {
            let (t, p) = (b.num("total", total), b.num("percent", percent));
            let (t, p) = (t?, p?);
            breach_penalty(t, p).map(|a| Portion::of(a, t, p))
        }
        LumpSumBinding::Cap {
            total,
            percent,
            penalties,
            ..
        } => {
            let t = b.num("total", total);
            let p = b.num("cap_percent", percent);
            let mut amounts = Vec::new();
            for id in penalties {
                match done.iter().find(|(i, _)| i == id).map(|(_, c)| c) {
                    Some(Calc::Ready(r)) => amounts.push(r.amount()),
                    _ => {
                        b.missing.insert(id.clone());
                    }
                }
            }
            cap_penalties(t?, p?, &amounts).map(LumpResult::Capped)
        }
        LumpSumBinding::Maintenance {
            purchase_price,
            annual_percent,
            instalments_per_year,
            vat_percent,
            ..
        } => {
            let price = b.num("purchase_price", purchase_price);
            let pct = b.num("annual_percent", annual_percent);
            let n = b.count("instalments_per_year", instalments_per_year);
            let vat = b.opt_num("vat.rate_percent", vat_percent);
            maintenance_fee(&MaintenanceInput {
                purchase_price: price?,
                annual_percent: pct?,
                instalments_per_year: n?,
                vat: vat?.filter(|v| !v.is_zero()).map(|rate_percent| Vat {
                    rate_percent,
                    mode: VatMode::Exclusive,
                }),
            })
            .map(LumpResult::Maintenance)
        }
        LumpSumBinding::PartsDiscount {
            list_price, zhe, ..
        } => {
            let (p, z) = (b.num("list_price", list_price), b.num("zhe", zhe));
            let (p, z) = (p?, z?);
            discounted_price(p, z).map(|a| Portion::of(a, p, z * Decimal::TEN))
        }
    })
}
