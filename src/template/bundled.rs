//! The templates bundled with the widget, compiled in from `bundled/*.json`.

use super::model::Template;
use super::validate::parse_template;

/// (id, JSON source) of every bundled template.
pub const SOURCES: &[(&str, &str)] = &[
    (
        "after-sales-upgrade",
        include_str!("bundled/after-sales-upgrade.json"),
    ),
    (
        "outsourced-operations",
        include_str!("bundled/outsourced-operations.json"),
    ),
    (
        "website-maintenance",
        include_str!("bundled/website-maintenance.json"),
    ),
    (
        "pc-maintenance",
        include_str!("bundled/pc-maintenance.json"),
    ),
    (
        "hardware-maintenance",
        include_str!("bundled/hardware-maintenance.json"),
    ),
    (
        "customer-service",
        include_str!("bundled/customer-service.json"),
    ),
];

/// A bundled template by id, parsed. Bundled templates are validated by the tests, so a
/// failure here is reported as `None`, never a panic.
pub fn get(id: &str) -> Option<Template> {
    SOURCES
        .iter()
        .find(|(i, _)| *i == id)
        .and_then(|(_, src)| parse_template(src).ok())
}

/// All bundled templates that parse.
pub fn all() -> Vec<Template> {
    SOURCES
        .iter()
        .filter_map(|(_, src)| parse_template(src).ok())
        .collect()
}
