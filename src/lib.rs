//! Contract-and-fee calculator.
//!
//! Layers, each in its own folder, data flowing one way:
//! - [`core`]: exact calculations (money, 大写, calendar, schedules, penalties, device fees).
//!   No web dependency; builds and tests natively.
//! - `ui` (feature `web`): Leptos components.

pub mod core;
pub mod template;
pub mod state;

#[cfg(feature = "web")]
pub mod ui;
