//! Shorthands for the core's unit tests: a `Decimal` and a date from literals.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

/// `dec("0.05")`: a decimal literal (test data, so an unreadable one panics).
pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// `d(2025, 9, 26)`: a date literal (test data, so an impossible one panics).
pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
