//! Contract-and-fee calculator.
//!
//! Layers, each in its own folder, data flowing one way:
//! - [`core`]: exact calculations (money, 大写, calendar, schedules, penalties, device fees).
//!   No web dependency; builds and tests natively.
//! - [`import`]: a contract text (from a template website) → a template. No web dependency.
//! - [`export`]: the filled contract as .docx and self-contained .html. No web dependency.
//! - `ui` (feature `web`): Leptos components.
//! - `api` (feature `npm`): the JavaScript API of the npm package (`npm/build.sh`).

pub mod core;
pub mod documents;
pub mod export;
pub mod i18n;
pub mod import;
pub mod state;
pub mod template;

#[cfg(feature = "web")]
pub mod ui;

#[cfg(feature = "npm")]
pub mod api;

/// The npm API's JSON input: errors naming the path, unknown keys refused. Natively for tests.
#[cfg(any(feature = "npm", test))]
pub(crate) mod json_input;
