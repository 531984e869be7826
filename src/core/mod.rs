//! The calculation core: exact money, 大写, the Chinese working-day calendar, payment
//! schedules, late penalties and interest, per-device fees and lump-sum terms.
//!
//! No web dependency lives here (a test checks it). Every function takes typed input and
//! returns a `Result` whose [`Error`] names the field and the problem; nothing panics on
//! user input. Money is `rust_decimal::Decimal` in yuan; every rounding goes through the
//! named functions in [`money`].

pub mod calendar;
pub mod devices;
pub mod error;
pub mod interest;
pub mod lump_sum;
pub mod money;
pub mod penalty;
pub mod schedule;
pub mod tax;
#[cfg(test)]
pub(crate) mod testing;
pub mod words;

pub use error::{Error, Problem};
