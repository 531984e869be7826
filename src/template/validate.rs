//! Template validation: every problem at once, each with where it is and what is wrong.
//! Never a crash, whatever the document.

use super::expr::{self, Expr};
use super::inputs::parse_cell;
use super::model::*;
use super::placeholder::{split, Piece, Placeholder};
use super::render::is_hidden_control;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateError {
    /// Where: `blanks[3].min`, `derived[0].expr`, `body[2].paragraphs[1]` …
    pub path: String,
    pub zh: String,
    pub en: String,
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.en)
    }
}

fn err(path: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> TemplateError {
    TemplateError {
        path: path.into(),
        zh: zh.into(),
        en: en.into(),
    }
}

/// Parse a template document (JSON) and validate it.
///
/// Hidden control characters (`render::is_hidden_control`: bidi overrides and the like) are
/// dropped from every text of the document first, so labels and options shown by the form
/// cannot be made to read differently from what they say.
pub fn parse_template(json: &str) -> Result<Template, Vec<TemplateError>> {
    let not_valid = |e: serde_json::Error| {
        let at = match e.line() {
            0 => "document".to_string(),
            line => format!("line {line} column {}", e.column()),
        };
        vec![err(
            at,
            format!("模板不是有效的模板JSON：{e}"),
            format!("Not a valid template document: {e}"),
        )]
    };
    let mut value: serde_json::Value = serde_json::from_str(json).map_err(not_valid)?;
    drop_hidden_controls(&mut value);
    let t: Template = serde_json::from_value(value).map_err(not_valid)?;
    let errors = validate(&t);
    if errors.is_empty() {
        Ok(t)
    } else {
        Err(errors)
    }
}

fn drop_hidden_controls(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::String(s) if s.chars().any(is_hidden_control) => s.retain(|c| !is_hidden_control(c)),
        Value::Array(items) => items.iter_mut().for_each(drop_hidden_controls),
        Value::Object(map) => map.values_mut().for_each(drop_hidden_controls),
        _ => {}
    }
}

const SCHEDULE_ROW_FIELDS: &[&str] = &["name", "amount", "words", "percent", "due_date", "rule"];
const SCHEDULE_FIELDS: &[&str] = &["total", "words", "count"];
const PENALTY_FIELDS: &[&str] = &[
    "total",
    "words",
    "days",
    "penalty_days",
    "annual_percent",
    "cap",
    "due_date",
];
const DEVICE_FIELDS: &[&str] = &["total", "words", "net", "tax", "monthly", "monthly_words"];

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Check a template; an empty list means it is valid.
pub fn validate(t: &Template) -> Vec<TemplateError> {
    let mut out = Vec::new();
    if t.id.trim().is_empty() {
        out.push(err("id", "模板缺少id", "The template has no id"));
    }
    if t.title.trim().is_empty() {
        out.push(err("title", "模板缺少标题", "The template has no title"));
    }

    // Ids: unique, well-formed, across blanks, derived values and lump sums.
    let mut kinds: BTreeMap<String, BlankType> = BTreeMap::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut claim = |out: &mut Vec<TemplateError>, id: &str, path: String| {
        if !is_ident(id) {
            out.push(err(
                format!("{path}.id"),
                format!("id“{id}”只能包含字母、数字和下划线"),
                format!("id '{id}' may only contain letters, digits and _"),
            ));
        }
        if let Some(first) = seen.get(id) {
            out.push(err(
                format!("{path}.id"),
                format!("id“{id}”与{first}重复"),
                format!("id '{id}' is already used by {first}"),
            ));
        } else {
            seen.insert(id.to_string(), path);
        }
    };
    let groups: BTreeSet<&str> = t.groups.iter().map(|g| g.id.as_str()).collect();
    for (i, b) in t.blanks.iter().enumerate() {
        let path = format!("blanks[{i}]");
        claim(&mut out, &b.id, path.clone());
        kinds.insert(b.id.clone(), b.kind);
        check_blank(&mut out, &path, b, &groups);
    }
    for (i, d) in t.derived.iter().enumerate() {
        claim(&mut out, &d.id, format!("derived[{i}]"));
        kinds.insert(d.id.clone(), d.kind);
    }
    for (i, l) in t.calculators.lump_sum.iter().enumerate() {
        claim(&mut out, l.id(), format!("calculators.lump_sum[{i}]"));
    }
    let tables: BTreeMap<&str, &Blank> = t
        .blanks
        .iter()
        .filter(|b| b.kind == BlankType::Table)
        .map(|b| (b.id.as_str(), b))
        .collect();

    // Words blanks must match a money value.
    for (i, b) in t
        .blanks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == BlankType::Words)
    {
        match b.matches.as_deref() {
            None => out.push(err(
                format!("blanks[{i}].matches"),
                "大写金额需要指明对应的小写金额（matches）",
                "A words blank needs 'matches': the money value it must equal",
            )),
            Some(m) if kinds.get(m) != Some(&BlankType::Money) => out.push(err(
                format!("blanks[{i}].matches"),
                format!("“{m}”不是金额项"),
                format!("'{m}' is not a money blank or derived value"),
            )),
            _ => {}
        }
    }

    // A date that may not precede another: both dates.
    for (i, b) in t.blanks.iter().enumerate() {
        match b.not_before.as_deref() {
            Some(_) if b.kind != BlankType::Date => out.push(err(
                format!("blanks[{i}].not_before"),
                "只有日期项可以指定不早于的日期（not_before）",
                "Only a date blank can have 'not_before'",
            )),
            Some(s)
                if !t
                    .blanks
                    .iter()
                    .any(|x| x.id == s && x.kind == BlankType::Date) =>
            {
                out.push(err(
                    format!("blanks[{i}].not_before"),
                    format!("“{s}”不是日期项"),
                    format!("'{s}' is not a date blank"),
                ))
            }
            _ => {}
        }
    }

    // Derived expressions: parse, references, then cycles.
    let mut deps: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (i, d) in t.derived.iter().enumerate() {
        if let Some(e) = check_expr(
            &mut out,
            &format!("derived[{i}].expr"),
            &d.expr,
            &kinds,
            &tables,
        ) {
            let mut refs = BTreeSet::new();
            e.references(&mut refs);
            deps.insert(&d.id, refs);
        }
    }
    for id in deps.keys() {
        if let Some(cycle) = find_cycle(id, &deps) {
            let i = t.derived.iter().position(|d| d.id == *id).unwrap_or(0);
            out.push(err(
                format!("derived[{i}].expr"),
                format!("计算项循环引用：{}", cycle.join(" → ")),
                format!(
                    "Derived values depend on each other in a cycle: {}",
                    cycle.join(" → ")
                ),
            ));
        }
    }

    // Calculator bindings.
    for (path, src, word) in binding_exprs(&t.calculators) {
        let allowed = words_of(&path);
        let unknown = |w: &str| allowed.is_some_and(|a| !a.contains(&w));
        let words = || allowed.unwrap_or_default().join(", ");
        if let Some(w) = src
            .strip_prefix('\'')
            .and_then(|w| w.strip_suffix('\''))
            .filter(|w| unknown(w))
        {
            out.push(err(
                path.clone(),
                format!("未知的取值“{w}”，可用：{}", words()),
                format!("Unknown word '{w}': one of {}", words()),
            ));
            continue;
        }
        // A choice blank feeding a word field: each of its options must be one of the words.
        if let Some(b) = t
            .blanks
            .iter()
            .find(|b| b.id == src && b.kind == BlankType::Choice)
        {
            for o in b.options.iter().filter(|o| unknown(&o.value)) {
                out.push(err(
                    path.clone(),
                    format!(
                        "选项“{}”的值“{}”不是这里可用的取值：{}",
                        b.id,
                        o.value,
                        words()
                    ),
                    format!(
                        "Choice '{}' has the value '{}', which is not one of {}",
                        b.id,
                        o.value,
                        words()
                    ),
                ));
            }
        }
        if word && is_ident(&src) {
            match kinds.get(&src) {
                // A literal word such as `working` or `percent`.
                None if unknown(&src) => out.push(err(
                    path.clone(),
                    format!("“{src}”既不是可用的取值（{}），也不是空白或计算项的编号", words()),
                    format!("'{src}' is neither one of the words here ({}) nor the id of a blank or derived value", words()),
                )),
                None => {}
                // An id wins over the word it spells (a money blank named `total` for
                // `base: "total"`), and a number is no word: every fill would fail.
                Some(k) if !matches!(k, BlankType::Text | BlankType::Choice) => {
                    out.push(err(
                        path.clone(),
                        format!("“{src}”是一个空白或计算项的编号（不是文字或选项），这里要的是一个取值：要写取值本身请加引号（'{src}'），或给该空白换个编号"),
                        format!("'{src}' is the id of a blank or derived value that is no text or choice, where a word is expected: quote it ('{src}') for the word itself, or rename the blank"),
                    ));
                }
                Some(_) => {
                    check_expr(&mut out, &path, &src, &kinds, &tables);
                }
            }
            continue;
        }
        check_expr(&mut out, &path, &src, &kinds, &tables);
    }
    let lump_ids: BTreeSet<&str> = t.calculators.lump_sum.iter().map(|l| l.id()).collect();
    for (i, l) in t.calculators.lump_sum.iter().enumerate() {
        if let LumpSumBinding::Cap { penalties, .. } = l {
            for p in penalties.iter().filter(|p| !lump_ids.contains(p.as_str())) {
                out.push(err(
                    format!("calculators.lump_sum[{i}].penalties"),
                    format!("没有一次性条款“{p}”"),
                    format!("There is no lump-sum term '{p}'"),
                ));
            }
        }
    }

    // Body placeholders.
    if t.body.is_empty() {
        out.push(err("body", "合同正文为空", "The contract body is empty"));
    }
    for (si, s) in t.body.iter().enumerate() {
        for (pi, para) in std::iter::once(&s.heading).chain(&s.paragraphs).enumerate() {
            let path = if pi == 0 {
                format!("body[{si}].heading")
            } else {
                format!("body[{si}].paragraphs[{}]", pi - 1)
            };
            match split(para) {
                Err((pos, msg)) => out.push(err(format!("{path}@{pos}"), msg.clone(), msg)),
                Ok(pieces) => {
                    for piece in pieces {
                        if let Piece::Placeholder(p) = piece {
                            if let Some((zh, en)) =
                                check_placeholder(&p, t, &kinds, &tables, &lump_ids)
                            {
                                out.push(err(path.clone(), zh, en));
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

fn check_blank(out: &mut Vec<TemplateError>, path: &str, b: &Blank, groups: &BTreeSet<&str>) {
    if b.label.zh.trim().is_empty() {
        out.push(err(
            format!("{path}.label"),
            "缺少中文标签",
            "The label has no Chinese text",
        ));
    }
    if let Some(g) = &b.group {
        if !groups.contains(g.as_str()) {
            out.push(err(
                format!("{path}.group"),
                format!("没有分组“{g}”"),
                format!("There is no group '{g}'"),
            ));
        }
    }
    match b.kind {
        BlankType::Choice if b.options.is_empty() => out.push(err(
            format!("{path}.options"),
            "选择项没有选项",
            "A choice blank needs options",
        )),
        BlankType::Table if b.columns.is_empty() => out.push(err(
            format!("{path}.columns"),
            "表格没有列",
            "A table blank needs columns",
        )),
        _ => {}
    }
    for (name, bound) in [("min", &b.min), ("max", &b.max)] {
        if let Some(v) = bound {
            if crate::core::money::parse_decimal(v).is_err() {
                out.push(err(
                    format!("{path}.{name}"),
                    format!("“{v}”不是数字"),
                    format!("'{v}' is not a number"),
                ));
            }
        }
    }
    if b.kind != BlankType::Table {
        for (name, value) in [("default", &b.default), ("example", &b.example)] {
            if let Some(v) = value {
                if let Err(p) =
                    parse_cell(b.kind, v, &b.options, b.min.as_deref(), b.max.as_deref())
                {
                    out.push(err(
                        format!("{path}.{name}"),
                        format!("“{v}”不符合类型：{}", p.zh()),
                        format!("'{v}' does not fit the type: {}", p.en()),
                    ));
                }
            }
        }
    }
    let columns: BTreeMap<&str, BlankType> =
        b.columns.iter().map(|c| (c.id.as_str(), c.kind)).collect();
    for (ci, c) in b.columns.iter().enumerate() {
        if let Some(src) = &c.expr {
            match expr::parse(src) {
                Err(e) => out.push(err(
                    format!("{path}.columns[{ci}].expr@{}", e.position),
                    e.message.clone(),
                    e.message,
                )),
                Ok(e) => {
                    let mut refs = BTreeSet::new();
                    e.references(&mut refs);
                    for r in refs.iter().filter(|r| !columns.contains_key(r.as_str())) {
                        out.push(err(
                            format!("{path}.columns[{ci}].expr"),
                            format!("没有列“{r}”"),
                            format!("There is no column '{r}'"),
                        ));
                    }
                }
            }
        }
    }
    for (ri, row) in b.example_rows.iter().enumerate() {
        for (k, v) in row {
            match b.columns.iter().find(|c| &c.id == k) {
                None => out.push(err(
                    format!("{path}.example_rows[{ri}].{k}"),
                    format!("没有列“{k}”"),
                    format!("There is no column '{k}'"),
                )),
                Some(c) => {
                    if let Err(p) = parse_cell(c.kind, v, &[], c.min.as_deref(), c.max.as_deref()) {
                        out.push(err(
                            format!("{path}.example_rows[{ri}].{k}"),
                            p.zh(),
                            p.en(),
                        ));
                    }
                }
            }
        }
    }
}

fn check_expr(
    out: &mut Vec<TemplateError>,
    path: &str,
    src: &str,
    kinds: &BTreeMap<String, BlankType>,
    tables: &BTreeMap<&str, &Blank>,
) -> Option<Expr> {
    let e = match expr::parse(src) {
        Ok(e) => e,
        Err(p) => {
            out.push(err(
                format!("{path}@{}", p.position),
                format!("表达式错误：{}", p.message),
                format!("Expression error: {}", p.message),
            ));
            return None;
        }
    };
    let mut refs = BTreeSet::new();
    e.references(&mut refs);
    for r in &refs {
        if !kinds.contains_key(r) {
            out.push(err(
                path,
                format!("表达式引用了不存在的“{r}”"),
                format!("The expression uses '{r}', which does not exist"),
            ));
        }
    }
    let mut cols = Vec::new();
    e.columns(&mut cols);
    for (table, col) in cols {
        match tables.get(table.as_str()) {
            None => out.push(err(
                path,
                format!("“{table}”不是表格"),
                format!("'{table}' is not a table"),
            )),
            Some(b) if !b.columns.iter().any(|c| c.id == col) => out.push(err(
                path,
                format!("表格“{table}”没有列“{col}”"),
                format!("Table '{table}' has no column '{col}'"),
            )),
            _ => {}
        }
    }
    Some(e)
}

fn find_cycle(start: &str, deps: &BTreeMap<&str, BTreeSet<String>>) -> Option<Vec<String>> {
    fn walk(
        node: &str,
        start: &str,
        deps: &BTreeMap<&str, BTreeSet<String>>,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in deps.get(node).into_iter().flatten() {
            if next == start {
                path.push(next.clone());
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(next, start, deps, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.to_string()];
    let mut seen = BTreeSet::new();
    walk(start, start, deps, &mut path, &mut seen).then_some(path)
}

/// The words a word field of the calculator bindings takes (by its path's last part); the
/// fill reads any other word as the field's default, so the check refuses it.
fn words_of(path: &str) -> Option<&'static [&'static str]> {
    Some(match path.rsplit('.').next()? {
        "rest_day_rule" => &["next_working_day", "keep"],
        "day_kind" => &["calendar", "working"],
        "inclusive" => &["inclusive", "exclusive", "true", "false"],
        "rate_unit" => &["percent", "per_mille", "per_ten_thousand", "fixed"],
        "base" => &["unpaid", "total"],
        "day_count" => &["through_payment_day", "before_payment_day"],
        "proration" => &["by_calendar_days", "full_month", "from_next_month"],
        "vat_mode" => &["exclusive", "inclusive"],
        _ => return None,
    })
}

/// Every expression in the calculator bindings: (path, source, may be a literal word). A last
/// instalment's `"rest"` percent is not an expression.
fn binding_exprs(c: &Calculators) -> Vec<(String, String, bool)> {
    let mut c = c.clone();
    binding_exprs_mut(&mut c)
        .into_iter()
        .filter(|(p, s, _)| {
            !(p.contains(".instalments[") && p.ends_with(".percent") && *s == "rest")
        })
        .map(|(p, s, w)| (p, s.clone(), w))
        .collect()
}

/// Every expression in the calculator bindings, to read or rewrite: (path, source, may be a
/// literal word such as `working` or `unpaid`). Display names, ids, milestone names and lists
/// of lump-sum ids are not expressions. Validation reads these; the import review renames
/// through them.
pub fn binding_exprs_mut(c: &mut Calculators) -> Vec<(String, &mut String, bool)> {
    let mut v: Vec<(String, &mut String, bool)> = Vec::new();
    if let Some(s) = &mut c.schedule {
        let b = "calculators.schedule";
        v.push((format!("{b}.total"), &mut s.total, false));
        v.push((format!("{b}.effective_date"), &mut s.effective_date, false));
        if let Some(r) = &mut s.rest_day_rule {
            v.push((format!("{b}.rest_day_rule"), r, true));
        }
        for (i, inst) in s.instalments.iter_mut().enumerate() {
            let p = format!("{b}.instalments[{i}]");
            let mut fields: Vec<(&str, Option<&mut String>, bool)> = vec![
                ("percent", inst.percent.as_mut(), false),
                ("amount", inst.amount.as_mut(), false),
            ];
            match &mut inst.due {
                DueBinding::AfterEffective { days, day_kind } => {
                    fields.push(("due.days", Some(days), false));
                    fields.push(("due.day_kind", day_kind.as_mut(), true));
                }
                DueBinding::AfterMilestone {
                    date,
                    days,
                    day_kind,
                    ..
                } => {
                    fields.push(("due.date", date.as_mut(), false));
                    fields.push(("due.days", Some(days), false));
                    fields.push(("due.day_kind", day_kind.as_mut(), true));
                }
                DueBinding::FixedDate { date } => fields.push(("due.date", Some(date), false)),
                DueBinding::Monthly {
                    day,
                    months,
                    inclusive,
                    start_offset_months,
                } => {
                    fields.push(("due.day", Some(day), false));
                    fields.push(("due.months", Some(months), false));
                    fields.push(("due.inclusive", inclusive.as_mut(), true));
                    fields.push((
                        "due.start_offset_months",
                        start_offset_months.as_mut(),
                        false,
                    ));
                }
            }
            for (k, s, w) in fields {
                if let Some(s) = s {
                    v.push((format!("{p}.{k}"), s, w));
                }
            }
        }
    }
    if let Some(p) = &mut c.penalty {
        let b = "calculators.penalty";
        for (k, s, w) in [
            ("due_date", Some(&mut p.due_date), false),
            ("rest_day_rule", p.rest_day_rule.as_mut(), true),
            ("amount_due", Some(&mut p.amount_due), false),
            ("contract_total", p.contract_total.as_mut(), false),
            ("rate_unit", Some(&mut p.rate_unit), true),
            ("rate", Some(&mut p.rate), false),
            ("base", p.base.as_mut(), true),
            ("grace_days", p.grace_days.as_mut(), false),
            (
                "cap_percent_of_total",
                p.cap_percent_of_total.as_mut(),
                false,
            ),
            ("cap_amount", p.cap_amount.as_mut(), false),
            ("payments", p.payments.as_mut(), false),
            ("as_of", Some(&mut p.as_of), false),
            ("day_count", p.day_count.as_mut(), true),
            ("suspend_after_days", p.suspend_after_days.as_mut(), false),
        ] {
            if let Some(s) = s {
                v.push((format!("{b}.{k}"), s, w));
            }
        }
    }
    if let Some(d) = &mut c.devices {
        let b = "calculators.devices";
        for (k, s, w) in [
            ("start", Some(&mut d.start), false),
            ("months", Some(&mut d.months), false),
            ("base_monthly_fee", d.base_monthly_fee.as_mut(), false),
            ("changes", d.changes.as_mut(), false),
            ("proration", d.proration.as_mut(), true),
            ("discount_percent", d.discount_percent.as_mut(), false),
            ("vat_percent", d.vat_percent.as_mut(), false),
            ("vat_mode", d.vat_mode.as_mut(), true),
            ("due_day", d.due_day.as_mut(), false),
            ("rest_day_rule", d.rest_day_rule.as_mut(), true),
        ] {
            if let Some(s) = s {
                v.push((format!("{b}.{k}"), s, w));
            }
        }
        for (i, dev) in d.devices.iter_mut().enumerate() {
            v.push((
                format!("{b}.devices[{i}].monthly_fee"),
                &mut dev.monthly_fee,
                false,
            ));
            v.push((format!("{b}.devices[{i}].count"), &mut dev.count, false));
        }
    }
    for (i, l) in c.lump_sum.iter_mut().enumerate() {
        let b = format!("calculators.lump_sum[{i}]");
        let fields: Vec<(&str, Option<&mut String>)> = match l {
            LumpSumBinding::BreachPercent { total, percent, .. }
            | LumpSumBinding::Cap { total, percent, .. } => {
                vec![("total", Some(total)), ("percent", Some(percent))]
            }
            LumpSumBinding::Maintenance {
                purchase_price,
                annual_percent,
                instalments_per_year,
                vat_percent,
                ..
            } => vec![
                ("purchase_price", Some(purchase_price)),
                ("annual_percent", Some(annual_percent)),
                ("instalments_per_year", Some(instalments_per_year)),
                ("vat_percent", vat_percent.as_mut()),
            ],
            LumpSumBinding::PartsDiscount {
                list_price, zhe, ..
            } => vec![("list_price", Some(list_price)), ("zhe", Some(zhe))],
        };
        for (k, s) in fields {
            if let Some(s) = s {
                v.push((format!("{b}.{k}"), s, false));
            }
        }
    }
    v
}

fn check_placeholder(
    p: &Placeholder,
    t: &Template,
    kinds: &BTreeMap<String, BlankType>,
    tables: &BTreeMap<&str, &Blank>,
    lump_ids: &BTreeSet<&str>,
) -> Option<(String, String)> {
    let unknown = |what: &str| {
        Some((
            format!("未知的占位符“{what}”"),
            format!("Unknown placeholder '{what}'"),
        ))
    };
    let c = &t.calculators;
    match p {
        Placeholder::Value(id) => (!kinds.contains_key(*id)).then(|| unknown(id)).flatten(),
        Placeholder::Words(id) => match kinds.get(*id) {
            None => unknown(id),
            Some(BlankType::Money) => None,
            Some(_) => Some((
                format!("“{id}”不是金额，不能写大写"),
                format!("'{id}' is not money; it has no 大写"),
            )),
        },
        Placeholder::Table(name) => match *name {
            "schedule" if c.schedule.is_some() => None,
            "penalty" if c.penalty.is_some() => None,
            "devices" if c.devices.is_some() => None,
            n if tables.contains_key(n) => None,
            n => unknown(&format!("table:{n}")),
        },
        Placeholder::Calc(path) => {
            let ok = match path.as_slice() {
                ["schedule", f] => c.schedule.is_some() && SCHEDULE_FIELDS.contains(f),
                ["schedule", n, f] => {
                    c.schedule.is_some()
                        && n.parse::<usize>().is_ok()
                        && SCHEDULE_ROW_FIELDS.contains(f)
                }
                ["penalty", f] => c.penalty.is_some() && PENALTY_FIELDS.contains(f),
                ["devices", f] => c.devices.is_some() && DEVICE_FIELDS.contains(f),
                ["lump", id, f] => lump_ids.contains(id) && (*f == "amount" || *f == "words"),
                _ => false,
            };
            (!ok).then(|| unknown(&path.join("."))).flatten()
        }
    }
}
