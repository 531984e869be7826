//! Contract templates with typed blanks, on top of the core.
//!
//! A template is data (JSON, see `docs/template-format.md`): blanks, derived values,
//! bindings to the core's calculators, and the contract body with `{{placeholders}}`.
//! [`fill`] evaluates it against what the user typed; [`render`] turns the result into the
//! contract's HTML; [`validate`] checks a template document and reports every problem.

pub mod bundled;
pub mod expr;
pub mod fill;
pub mod html_tokens;
pub mod inputs;
pub mod model;
pub mod placeholder;
pub mod read;
pub mod render;
pub mod report;
pub mod validate;
pub mod warnings;
pub mod wording;

pub use fill::{example_inputs, fill, Calc, Filled};
pub use inputs::{Input, Inputs};
pub use model::{Lang, Template};
