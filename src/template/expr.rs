//! A small expression language for derived values and calculator bindings.
//!
//! ```text
//! total * deposit_pct / 100          arithmetic on numbers (exact decimals)
//! sum(pages.qty * pages.price)       a table column expression summed over the rows
//! count(pages)  min(a, b)  max(a, b)  round_fen(x)
//! term_end(start, term_years * 12)  the last day of a term of N months from `start`
//! add_months(d, 3)  add_days(d, -1)  a date moved by whole months (month-end clamped) or days
//! 'next_working_day'                 a quoted text literal
//! ```
//! No rounding happens unless `round_fen` says so; money-typed derived values are rounded to
//! the fen with `round_fen` when stored (see `eval`).

use crate::core::calendar;
use crate::core::money::round_fen;
use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    Number(Decimal),
    Text(String),
    /// A blank or derived value.
    Ref(String),
    /// `table.column`, valid inside `sum(...)`.
    Column(String, String),
    Neg(Box<Expr>),
    Binary(Op, Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    Sum,
    Count,
    Min,
    Max,
    RoundFen,
    AddMonths,
    AddDays,
    TermEnd,
}

/// A runtime value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Number(Decimal),
    Date(NaiveDate),
    Text(String),
    Rows(Vec<Vec<(String, Value)>>),
}

impl Value {
    pub fn as_number(&self) -> Option<Decimal> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }
    pub fn as_date(&self) -> Option<NaiveDate> {
        match self {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// Why an expression has no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvalError {
    /// A blank it needs is not filled (or has an error): not a fault of the template.
    Missing(String),
    /// Arithmetic problem: division by zero, overflow, wrong type.
    Invalid(String),
}

/// A parse error with the byte position in the expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub position: usize,
    pub message: String,
}

pub fn parse(src: &str) -> Result<Expr, ParseError> {
    let mut p = Parser { src, pos: 0 };
    let e = p.expr()?;
    p.skip_ws();
    if p.pos < src.len() {
        return Err(p.error("unexpected text after the expression"));
    }
    Ok(e)
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> ParseError {
        ParseError {
            position: self.pos,
            message: message.to_string(),
        }
    }
    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }
    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += self.peek().map_or(1, char::len_utf8);
        }
    }
    fn eat(&mut self, c: char) -> bool {
        self.skip_ws();
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }
    fn expr(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.term()?;
        loop {
            let op = if self.eat('+') {
                Op::Add
            } else if self.eat('-') {
                Op::Sub
            } else {
                return Ok(left);
            };
            left = Expr::Binary(op, Box::new(left), Box::new(self.term()?));
        }
    }
    fn term(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.unary()?;
        loop {
            let op = if self.eat('*') {
                Op::Mul
            } else if self.eat('/') {
                Op::Div
            } else {
                return Ok(left);
            };
            left = Expr::Binary(op, Box::new(left), Box::new(self.unary()?));
        }
    }
    fn unary(&mut self) -> Result<Expr, ParseError> {
        if self.eat('-') {
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        self.primary()
    }
    fn primary(&mut self) -> Result<Expr, ParseError> {
        self.skip_ws();
        let start = self.pos;
        match self.peek() {
            None => Err(self.error("expression ends too early")),
            Some('(') => {
                self.pos += 1;
                let e = self.expr()?;
                if !self.eat(')') {
                    return Err(self.error("missing ')'"));
                }
                Ok(e)
            }
            Some('\'') => {
                self.pos += 1;
                let end = self.src[self.pos..]
                    .find('\'')
                    .ok_or_else(|| self.error("text literal is not closed"))?;
                let text = self.src[self.pos..self.pos + end].to_string();
                self.pos += end + 1;
                Ok(Expr::Text(text))
            }
            Some(c) if c.is_ascii_digit() || c == '.' => {
                while self.peek().is_some_and(|c| c.is_ascii_digit() || c == '.') {
                    self.pos += 1;
                }
                crate::core::money::parse_decimal(&self.src[start..self.pos])
                    .map(Expr::Number)
                    .map_err(|_| ParseError {
                        position: start,
                        message: "not a number".into(),
                    })
            }
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                let name = self.ident();
                if self.eat('(') {
                    let func = match name.as_str() {
                        "sum" => Func::Sum,
                        "count" => Func::Count,
                        "min" => Func::Min,
                        "max" => Func::Max,
                        "round_fen" => Func::RoundFen,
                        "add_months" => Func::AddMonths,
                        "add_days" => Func::AddDays,
                        "term_end" => Func::TermEnd,
                        _ => {
                            return Err(ParseError {
                                position: start,
                                message: format!("unknown function '{name}'"),
                            })
                        }
                    };
                    let mut args = vec![self.expr()?];
                    while self.eat(',') {
                        args.push(self.expr()?);
                    }
                    if !self.eat(')') {
                        return Err(self.error("missing ')' after the arguments"));
                    }
                    let want = match func {
                        Func::Min | Func::Max | Func::AddMonths | Func::AddDays | Func::TermEnd => {
                            2
                        }
                        _ => 1,
                    };
                    if args.len() != want {
                        return Err(ParseError {
                            position: start,
                            message: format!("'{name}' takes {want} argument(s)"),
                        });
                    }
                    return Ok(Expr::Call(func, args));
                }
                if self.peek() == Some('.') {
                    self.pos += 1;
                    let col = self.ident();
                    if col.is_empty() {
                        return Err(self.error("a column name must follow '.'"));
                    }
                    return Ok(Expr::Column(name, col));
                }
                Ok(Expr::Ref(name))
            }
            Some(c) => Err(self.error(&format!("unexpected character '{c}'"))),
        }
    }
    fn ident(&mut self) -> String {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            self.pos += 1;
        }
        self.src[start..self.pos].to_string()
    }
}

impl Expr {
    /// Names of the blanks and derived values this expression reads (tables for columns).
    pub fn references(&self, out: &mut BTreeSet<String>) {
        match self {
            Expr::Ref(n) | Expr::Column(n, _) => {
                out.insert(n.clone());
            }
            Expr::Neg(e) => e.references(out),
            Expr::Binary(_, a, b) => {
                a.references(out);
                b.references(out);
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.references(out)),
            Expr::Number(_) | Expr::Text(_) => {}
        }
    }

    /// `(table, column)` pairs used.
    pub fn columns(&self, out: &mut Vec<(String, String)>) {
        match self {
            Expr::Column(t, c) => out.push((t.clone(), c.clone())),
            Expr::Neg(e) => e.columns(out),
            Expr::Binary(_, a, b) => {
                a.columns(out);
                b.columns(out);
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.columns(out)),
            Expr::Number(_) | Expr::Text(_) | Expr::Ref(_) => {}
        }
    }
}

/// Where the evaluator looks names up.
pub trait Scope {
    fn get(&self, name: &str) -> Result<Value, EvalError>;
    /// Whether `name` is a blank or derived value at all (filled or not).
    fn knows(&self, _name: &str) -> bool {
        false
    }
    /// Whether `name` is a blank that was filled in but could not be read (its error is
    /// reported beside it), as opposed to left empty: both are `Missing` to `get`.
    fn is_invalid(&self, _name: &str) -> bool {
        false
    }
}

/// Evaluate `e`; `row` is the current table row inside `sum(...)`.
pub fn eval(
    e: &Expr,
    scope: &dyn Scope,
    row: Option<&[(String, Value)]>,
) -> Result<Value, EvalError> {
    let invalid = |m: &str| EvalError::Invalid(m.to_string());
    let num = |e: &Expr, row| -> Result<Decimal, EvalError> {
        eval(e, scope, row)?
            .as_number()
            .ok_or_else(|| invalid("a number was expected"))
    };
    Ok(match e {
        Expr::Number(n) => Value::Number(*n),
        Expr::Text(t) => Value::Text(t.clone()),
        Expr::Ref(name) => scope.get(name)?,
        Expr::Column(table, col) => {
            let row = row
                .ok_or_else(|| invalid(&format!("{table}.{col} can only be used inside sum()")))?;
            row.iter()
                .find(|(c, _)| c == col)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| EvalError::Missing(format!("{table}.{col}")))?
        }
        Expr::Neg(inner) => Value::Number(-num(inner, row)?),
        Expr::Binary(op, a, b) => {
            let (x, y) = (num(a, row)?, num(b, row)?);
            let r = match op {
                Op::Add => x.checked_add(y),
                Op::Sub => x.checked_sub(y),
                Op::Mul => x.checked_mul(y),
                Op::Div if y.is_zero() => return Err(invalid("division by zero")),
                Op::Div => x.checked_div(y),
            };
            Value::Number(r.ok_or_else(|| invalid("the number is too large"))?)
        }
        Expr::Call(Func::Sum, args) => {
            let mut cols = Vec::new();
            args[0].columns(&mut cols);
            let table = cols
                .first()
                .map(|(t, _)| t.clone())
                .ok_or_else(|| invalid("sum() needs a table column"))?;
            let Value::Rows(rows) = scope.get(&table)? else {
                return Err(invalid("sum() needs a table"));
            };
            let mut total = Decimal::ZERO;
            // A row added but not filled yet adds nothing (rather than waiting for its cells);
            // a row filled in part waits, and names itself (`pages.5`: row 6) to be completed.
            for (i, r) in rows.iter().enumerate().filter(|(_, r)| !r.is_empty()) {
                let n = num(&args[0], Some(r)).map_err(|e| match e {
                    EvalError::Missing(cell) if cell.starts_with(&format!("{table}.")) => {
                        EvalError::Missing(format!("{table}.{i}"))
                    }
                    other => other,
                })?;
                total = total
                    .checked_add(n)
                    .ok_or_else(|| invalid("the number is too large"))?;
            }
            Value::Number(total)
        }
        Expr::Call(Func::Count, args) => match &args[0] {
            Expr::Ref(t) => match scope.get(t)? {
                Value::Rows(rows) => {
                    let filled = rows.iter().filter(|r| !r.is_empty()).count();
                    Value::Number(Decimal::from(filled as u64))
                }
                _ => return Err(invalid("count() needs a table")),
            },
            _ => return Err(invalid("count() needs a table")),
        },
        Expr::Call(Func::Min, args) => Value::Number(num(&args[0], row)?.min(num(&args[1], row)?)),
        Expr::Call(Func::Max, args) => Value::Number(num(&args[0], row)?.max(num(&args[1], row)?)),
        Expr::Call(Func::RoundFen, args) => Value::Number(round_fen(num(&args[0], row)?)),
        Expr::Call(f @ (Func::AddMonths | Func::AddDays | Func::TermEnd), args) => {
            let date = eval(&args[0], scope, row)?
                .as_date()
                .ok_or_else(|| invalid("a date was expected"))?;
            let n = num(&args[1], row)?;
            let n = whole(n).ok_or_else(|| invalid("a whole number was expected"))?;
            let moved = match f {
                Func::AddDays => calendar::add_days(date, n).ok(),
                Func::AddMonths => shift_months(date, n),
                _ => u32::try_from(n)
                    .ok()
                    .and_then(|months| calendar::term_end(date, months).ok()),
            };
            Value::Date(moved.ok_or_else(|| invalid("the date is out of range"))?)
        }
    })
}

/// `n` as a whole number, if it is one (and fits).
fn whole(n: Decimal) -> Option<i64> {
    if !n.fract().is_zero() {
        return None;
    }
    i64::try_from(n.trunc().mantissa()).ok()
}

/// `date` moved by `n` months, either way, with month-end clamping (as
/// [`calendar::add_months`], which the device fee months use).
fn shift_months(date: NaiveDate, n: i64) -> Option<NaiveDate> {
    let months = Months::new(u32::try_from(n.unsigned_abs()).ok()?);
    if n >= 0 {
        date.checked_add_months(months)
    } else {
        date.checked_sub_months(months)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::str::FromStr;

    struct Map(BTreeMap<String, Value>);
    impl Scope for Map {
        fn get(&self, name: &str) -> Result<Value, EvalError> {
            self.0
                .get(name)
                .cloned()
                .ok_or_else(|| EvalError::Missing(name.into()))
        }
    }
    fn n(s: &str) -> Value {
        Value::Number(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn arithmetic_and_tables() {
        let mut m = BTreeMap::new();
        m.insert("total".into(), n("360000"));
        m.insert("pct".into(), n("30"));
        m.insert(
            "pages".into(),
            Value::Rows(vec![
                vec![("qty".into(), n("2")), ("price".into(), n("300"))],
                vec![("qty".into(), n("1")), ("price".into(), n("3000"))],
            ]),
        );
        let s = Map(m);
        let ev = |src: &str| eval(&parse(src).unwrap(), &s, None);
        assert_eq!(ev("total * pct / 100").unwrap(), n("108000"));
        assert_eq!(ev("sum(pages.qty * pages.price)").unwrap(), n("3600"));
        assert_eq!(ev("count(pages)").unwrap(), n("2"));
        assert_eq!(ev("round_fen(10 / 3)").unwrap(), n("3.33"));
        assert_eq!(ev("-(1 + 2) * 3").unwrap(), n("-9"));
        assert_eq!(ev("missing + 1"), Err(EvalError::Missing("missing".into())));
        assert!(matches!(ev("1 / 0"), Err(EvalError::Invalid(_))));
        assert_eq!(ev("'keep'").unwrap(), Value::Text("keep".into()));
    }

    #[test]
    fn dates_move_by_months_and_days() {
        let d = |s: &str| Value::Date(NaiveDate::from_str(s).unwrap());
        let mut m = BTreeMap::new();
        m.insert("start".into(), d("2025-09-26"));
        m.insert("leap".into(), d("2024-02-29"));
        m.insert("jan31".into(), d("2025-01-31"));
        m.insert("years".into(), n("1"));
        let s = Map(m);
        let ev = |src: &str| eval(&parse(src).unwrap(), &s, None);
        // A one-year term from 2025-09-26 ends the day before the same date a year later;
        // from 2024-02-29, on the month's end (民法典 第202条).
        assert_eq!(ev("term_end(start, years * 12)").unwrap(), d("2026-09-25"));
        assert_eq!(ev("term_end(leap, 12)").unwrap(), d("2025-02-28"));
        assert!(matches!(
            ev("term_end(start, 0)"),
            Err(EvalError::Invalid(_))
        ));
        assert!(matches!(
            ev("term_end(start, -12)"),
            Err(EvalError::Invalid(_))
        ));
        assert_eq!(
            ev("add_days(add_months(start, years * 12), -1)").unwrap(),
            d("2026-09-25")
        );
        assert_eq!(ev("add_months(jan31, 1)").unwrap(), d("2025-02-28"));
        assert_eq!(ev("add_months(leap, 12)").unwrap(), d("2025-02-28"));
        assert_eq!(ev("add_months(start, -9)").unwrap(), d("2024-12-26"));
        assert_eq!(ev("add_days(start, 0 - 26)").unwrap(), d("2025-08-31"));
        assert_eq!(ev("add_days(start, 1.0)").unwrap(), d("2025-09-27"));
        let invalid = |src: &str| matches!(ev(src), Err(EvalError::Invalid(_)));
        assert!(invalid("add_days(start, 1.5)"), "a fraction of a day");
        assert!(invalid("add_days(years, 1)"), "a number is no date");
        assert!(invalid("add_months(start, 99999999999)"), "out of range");
        assert!(invalid("add_days(start, 999999999999999)"), "out of range");
        assert_eq!(
            ev("add_days(missing, 1)"),
            Err(EvalError::Missing("missing".into()))
        );
    }

    #[test]
    fn parse_errors_have_positions() {
        assert_eq!(parse("1 +").unwrap_err().position, 3);
        assert!(parse("foo(1)")
            .unwrap_err()
            .message
            .contains("unknown function"));
        assert!(parse("(1").is_err());
        assert!(parse("1 2").is_err());
        assert!(parse("min(1)").is_err());
        assert!(parse("add_days(d)").is_err());
        assert!(parse("a # b").is_err());
    }
}
