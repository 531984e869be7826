//! The templates bundled with the widget, compiled in from `bundled/*.json` (minified by
//! `build.rs`).

use super::model::Template;
use std::sync::OnceLock;

/// (id, title, English name, JSON source) of every bundled template. The title is repeated
/// here so the picker can list templates without parsing them (a test checks it matches the
/// JSON); the English name is for the picker in the English interface (the contract itself
/// stays in its own language).
pub const SOURCES: &[(&str, &str, &str, &str)] = &[
    (
        "after-sales-upgrade",
        "电商平台售后服务体系升级服务合同",
        "After-sales service upgrade (e-commerce platform)",
        include_str!(concat!(env!("OUT_DIR"), "/after-sales-upgrade.json")),
    ),
    (
        "outsourced-operations",
        "外包售后运营服务协议",
        "Outsourced after-sales operations",
        include_str!(concat!(env!("OUT_DIR"), "/outsourced-operations.json")),
    ),
    (
        "website-maintenance",
        "网站设计制作及维护合同",
        "Website design, build and maintenance",
        include_str!(concat!(env!("OUT_DIR"), "/website-maintenance.json")),
    ),
    (
        "pc-maintenance",
        "计算机软件维护服务合同（按台计费）",
        "Software maintenance, billed per device",
        include_str!(concat!(env!("OUT_DIR"), "/pc-maintenance.json")),
    ),
    (
        "hardware-maintenance",
        "硬件设备维护合同",
        "Hardware maintenance",
        include_str!(concat!(env!("OUT_DIR"), "/hardware-maintenance.json")),
    ),
    (
        "customer-service",
        "客户服务与支持外包合同",
        "Customer service and support outsourcing",
        include_str!(concat!(env!("OUT_DIR"), "/customer-service.json")),
    ),
];

/// Every bundled template, parsed once per program. Bundled templates are validated by the
/// tests (`tests/templates.rs`), so this only deserialises them; one that fails to parse is
/// left out, never a panic.
pub fn all() -> &'static [Template] {
    static ALL: OnceLock<Vec<Template>> = OnceLock::new();
    ALL.get_or_init(|| {
        SOURCES
            .iter()
            .filter_map(|(_, _, _, src)| super::read::template(src).ok())
            .collect()
    })
}

/// A bundled template by id, parsed on demand (start-up parses only the one shown).
pub fn get(id: &str) -> Option<Template> {
    SOURCES
        .iter()
        .find(|(i, ..)| *i == id)
        .and_then(|(.., src)| super::read::template(src).ok())
}
