//! The importer against the seed texts in /work/shared/seeds (or $SEEDS_DIR): recall and
//! precision of the blanks it finds against lists made by reading the texts, every expected
//! fee clause bound, and every import a valid template that fills and renders.
//!
//! Expected blanks are (label keyword, type); a keyword may list alternatives (`a|b`), and ""
//! accepts any label (used where the text gives nothing to name the blank by). A detected
//! blank counts as found when its type is right and its label contains the keyword; blanks
//! and expectations are paired one to one (maximum matching). Recall = expected blanks found
//! / expected; precision = detected blanks paired / detected. Blanks the importer adds for
//! the calculators are not in the text and are not counted.
//!
//! The two collections (three contracts each) are measured contract by contract, as
//! `split_documents` cuts them; each whole file is imported too and must validate.

mod common;

use common::blank_id;
use contract_calc::core::calendar::Calendar;
use contract_calc::import::{import_text, split_documents, ImportResult};
use contract_calc::template::model::{BlankType, DueBinding, LumpSumBinding, Template};
use contract_calc::template::render::{render_html, sections, Block, Inline, RenderOptions};
use contract_calc::template::validate::validate;
use contract_calc::template::{fill, Calc, Input, Inputs};
use std::path::PathBuf;
use BlankType::*;

fn seed(name: &str) -> Option<String> {
    let dir = std::env::var("SEEDS_DIR").unwrap_or_else(|_| "/work/shared/seeds".into());
    std::fs::read_to_string(PathBuf::from(dir).join(name)).ok()
}

struct Doc {
    name: &'static str,
    blanks: Vec<(&'static str, BlankType)>,
    /// Calculator facts that must be present (see `facts`).
    bindings: Vec<&'static str>,
}

/// The calculator bindings as facts, each expression shown by the labels of the blanks it
/// uses: `schedule.instalment:预付款:percent=预付款比例（%）`.
fn facts(t: &Template) -> Vec<String> {
    let show = |e: &str| -> String {
        let mut out = e.to_string();
        let mut ids: Vec<(&str, &str)> = t
            .blanks
            .iter()
            .map(|b| (b.id.as_str(), b.label.zh.as_str()))
            .chain(
                t.derived
                    .iter()
                    .map(|d| (d.id.as_str(), d.label.zh.as_str())),
            )
            .collect();
        ids.sort_by_key(|(id, _)| std::cmp::Reverse(id.len()));
        // A derived value shows its expression too: `合同总额[月费 * 有效期 * 12]`.
        let expanded: Vec<(String, String)> = t
            .derived
            .iter()
            .map(|d| (d.id.clone(), d.expr.clone()))
            .collect();
        for (id, expr) in &expanded {
            if out
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .any(|w| w == id)
            {
                out = format!("{out}[{expr}]");
            }
        }
        for (id, label) in ids {
            if out
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .any(|w| w == id)
            {
                out = out
                    .split_inclusive(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .map(|w| {
                        let (word, tail) = w
                            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                            .map_or((w, ""), |i| (&w[..i], &w[i..]));
                        if word == id {
                            format!("{label}{tail}")
                        } else {
                            w.to_string()
                        }
                    })
                    .collect();
            }
        }
        out
    };
    let mut f = Vec::new();
    let c = &t.calculators;
    if let Some(s) = &c.schedule {
        f.push(format!("schedule.total={}", show(&s.total)));
        for i in &s.instalments {
            let p = format!("schedule.instalment:{}", i.name);
            f.push(p.clone());
            if let Some(x) = &i.percent {
                f.push(format!("{p}:percent={}", show(x)));
            }
            if let Some(x) = &i.amount {
                f.push(format!("{p}:amount={}", show(x)));
            }
            match &i.due {
                DueBinding::AfterEffective { days, day_kind } => {
                    f.push(format!("{p}:after_effective:days={}", show(days)));
                    f.push(format!(
                        "{p}:day_kind={}",
                        day_kind.clone().unwrap_or_default()
                    ));
                }
                DueBinding::AfterMilestone { days, day_kind, .. } => {
                    f.push(format!("{p}:after_milestone:days={}", show(days)));
                    f.push(format!(
                        "{p}:day_kind={}",
                        day_kind.clone().unwrap_or_default()
                    ));
                }
                DueBinding::FixedDate { date } => f.push(format!("{p}:date={}", show(date))),
                DueBinding::Monthly { day, months, .. } => {
                    f.push(format!("{p}:monthly:day={}", show(day)));
                    f.push(format!("{p}:monthly:months={}", show(months)));
                }
            }
        }
    }
    if let Some(p) = &c.penalty {
        f.push(format!("penalty.rate={}", show(&p.rate)));
        f.push(format!("penalty.rate_unit={}", p.rate_unit));
        f.push(format!(
            "penalty.base={}",
            p.base.clone().unwrap_or_default()
        ));
        f.push(format!("penalty.obligation={:?}", p.obligation).to_lowercase());
        if let Some(s) = &p.suspend_after_days {
            f.push(format!("penalty.suspend_after_days={}", show(s)));
        }
        if let Some(s) = &p.cap_percent_of_total {
            f.push(format!("penalty.cap={}", show(s)));
        }
    }
    if let Some(d) = &c.devices {
        for dev in &d.devices {
            f.push(format!(
                "devices.device:{}:fee={}",
                dev.name,
                show(&dev.monthly_fee)
            ));
            f.push(format!(
                "devices.device:{}:count={}",
                dev.name,
                show(&dev.count)
            ));
        }
    }
    for l in &c.lump_sum {
        match l {
            LumpSumBinding::BreachPercent { total, percent, .. } => {
                f.push(format!("lump.breach_percent:total={}", show(total)));
                f.push(format!("lump.breach_percent:percent={}", show(percent)));
            }
            LumpSumBinding::Cap { percent, .. } => {
                f.push(format!("lump.cap:percent={}", show(percent)))
            }
            LumpSumBinding::Maintenance {
                annual_percent,
                instalments_per_year,
                vat_percent,
                ..
            } => {
                f.push(format!(
                    "lump.maintenance:annual_percent={}",
                    show(annual_percent)
                ));
                f.push(format!("lump.maintenance:per_year={instalments_per_year}"));
                if let Some(v) = vat_percent {
                    f.push(format!("lump.maintenance:vat={}", show(v)));
                }
            }
            LumpSumBinding::PartsDiscount { zhe, .. } => {
                f.push(format!("lump.parts_discount:zhe={}", show(zhe)))
            }
        }
    }
    f
}

/// An expected fact `KEY=VALUE`: the fact's key (before its first `=`) contains every
/// `&`-separated part of KEY, and its value every `&`-separated part of VALUE, where a part
/// may list alternatives with `|` (an empty VALUE accepts any value).
fn fact_matches(fact: &str, expected: &str) -> bool {
    let (fk, fv) = fact.split_once('=').unwrap_or((fact, ""));
    let (ek, ev) = expected.split_once('=').unwrap_or((expected, ""));
    let all = |text: &str, pattern: &str| {
        pattern.is_empty()
            || pattern
                .split('&')
                .all(|part| part.split('|').any(|alt| text.contains(alt)))
    };
    all(fk, ek) && all(fv, ev)
}

fn label_matches(label: &str, keyword: &str) -> bool {
    keyword.is_empty() || keyword.split('|').any(|k| label.contains(k))
}

/// Maximum one-to-one pairing (augmenting paths); returns the pair count and, per expected
/// item, the detected index it got.
fn pair(
    n_expected: usize,
    n_found: usize,
    ok: impl Fn(usize, usize) -> bool,
) -> (usize, Vec<Option<usize>>) {
    fn augment(
        e: usize,
        ok: &dyn Fn(usize, usize) -> bool,
        n_found: usize,
        seen: &mut [bool],
        owner: &mut [Option<usize>],
    ) -> bool {
        for f in 0..n_found {
            if ok(e, f) && !seen[f] {
                seen[f] = true;
                if owner[f].is_none_or(|o| augment(o, ok, n_found, seen, owner)) {
                    owner[f] = Some(e);
                    return true;
                }
            }
        }
        false
    }
    let mut owner: Vec<Option<usize>> = vec![None; n_found];
    let mut count = 0;
    for e in 0..n_expected {
        let mut seen = vec![false; n_found];
        if augment(e, &ok, n_found, &mut seen, &mut owner) {
            count += 1;
        }
    }
    let mut of_expected = vec![None; n_expected];
    for (f, o) in owner.iter().enumerate() {
        if let Some(e) = o {
            of_expected[*e] = Some(f);
        }
    }
    (count, of_expected)
}

#[derive(Default, Clone, Copy)]
struct Score {
    expected: usize,
    found: usize,
    detected: usize,
    paired: usize,
}

/// Import, check validity, fill with typed values, render; then score.
fn measure(doc: &Doc, text: &str) -> (Score, Vec<String>) {
    let r = import_text(text);
    check_template(doc.name, &r);
    let found = &r.report.blanks;
    let (n, of_expected) = pair(doc.blanks.len(), found.len(), |e, f| {
        let (kw, kind) = doc.blanks[e];
        found[f].kind == kind && label_matches(&found[f].label, kw)
    });
    let mut problems = Vec::new();
    for (e, got) in of_expected.iter().enumerate() {
        if got.is_none() {
            problems.push(format!("  missed: {:?}", doc.blanks[e]));
        }
    }
    let used: Vec<usize> = of_expected.iter().flatten().copied().collect();
    for (f, b) in found.iter().enumerate() {
        if !used.contains(&f) {
            problems.push(format!(
                "  extra:  {} {:?} {:?} from {:?}",
                b.id, b.kind, b.label, b.source
            ));
        }
    }
    let fs = facts(&r.template);
    let (_, bound) = pair(doc.bindings.len(), fs.len(), |e, f| {
        fact_matches(&fs[f], doc.bindings[e])
    });
    for (e, got) in bound.iter().enumerate() {
        if got.is_none() {
            problems.push(format!("  unbound: {}  (facts: {fs:#?})", doc.bindings[e]));
        }
    }
    (
        Score {
            expected: doc.blanks.len(),
            found: n,
            detected: found.len(),
            paired: n,
        },
        problems,
    )
}

fn sample(kind: BlankType) -> &'static str {
    match kind {
        Money => "12000",
        Percent => "10",
        Integer => "1",
        Days => "5",
        Date => "2025-03-03",
        Words => "人民币壹万贰仟元整",
        _ => "某某",
    }
}

/// Valid, and it fills (with a typed value in every blank) and renders without panicking.
fn check_template(name: &str, r: &ImportResult) {
    let errors = validate(&r.template);
    assert!(errors.is_empty(), "{name}: {errors:#?}");
    let cal = Calendar::new();
    let empty = fill(&r.template, &Inputs::new(), &cal);
    let _ = render_html(&r.template, &empty, RenderOptions::with_annex(true));
    let mut inputs = Inputs::new();
    for b in &r.template.blanks {
        let v = match (b.kind, b.min.as_deref(), b.max.as_deref()) {
            (_, _, Some("10")) => "8".to_string(),
            (Integer, Some("1"), Some("31")) => "10".to_string(),
            (Percent, _, _) if b.label.zh.contains("比例") => "20".to_string(),
            // A tax rate must be a real VAT rate (营业税 blanks are bound as VAT).
            (Percent, _, _) if b.label.zh.contains("税") => "6".to_string(),
            (k, _, _) => sample(k).to_string(),
        };
        inputs.insert(b.id.clone(), Input::Text(v));
    }
    let f = fill(&r.template, &inputs, &cal);
    let html = render_html(&r.template, &f, RenderOptions::with_annex(true));
    assert!(html.contains("<article"), "{name}");
    // Every bound calculator computes from typed values: none waits for a blank (all are
    // filled) or fails on a binding (a wrong type, an unknown word). A share that does not
    // add up to 100% is the sample values' fault, not the import's.
    let states = [
        ("schedule", state(&f.schedule)),
        ("penalty", state(&f.penalty)),
        ("devices", state(&f.devices)),
    ]
    .into_iter()
    .chain(f.lump.iter().map(|(id, c)| (id.as_str(), state(c))))
    .collect::<Vec<_>>();
    println!("{name}: {states:?}");
    for (calc, st) in &states {
        assert!(
            // (Shown beside the last share since schedule errors land on a field.)
            st == "unused" || st == "ready" || st.contains("Percentages add up to"),
            "{name}: {calc} is {st}"
        );
    }
}

fn state<T>(c: &Calc<T>) -> String {
    match c {
        Calc::Unused => "unused".into(),
        Calc::Ready(_) => "ready".into(),
        Calc::Waiting(w) => format!("waiting for {w:?}"),
        Calc::Failed(e) => format!("failed at {}: {}", e.field, e.problem.en()),
    }
}

fn run(seed_name: &str, docs: &[Doc], split: bool) -> Option<(Score, Vec<String>)> {
    let text = seed(seed_name)?;
    // The whole file imports to a valid template too.
    check_template(seed_name, &import_text(&text));
    let parts = if split {
        split_documents(&text)
    } else {
        vec![text.as_str()]
    };
    assert_eq!(parts.len(), docs.len(), "{seed_name}: contracts found");
    let mut total = Score::default();
    let mut problems = Vec::new();
    for (doc, part) in docs.iter().zip(parts) {
        let (s, p) = measure(doc, part);
        println!(
            "{:<40} blanks expected {:>3}  detected {:>3}  recall {:>5.1}%  precision {:>5.1}%",
            doc.name,
            s.expected,
            s.detected,
            100.0 * s.found as f64 / s.expected.max(1) as f64,
            100.0 * s.paired as f64 / s.detected.max(1) as f64
        );
        for line in &p {
            println!("{line}");
        }
        problems.extend(p.into_iter().map(|l| format!("{}:{l}", doc.name)));
        total.expected += s.expected;
        total.found += s.found;
        total.detected += s.detected;
        total.paired += s.paired;
    }
    println!(
        "{seed_name}: recall {:.1}% precision {:.1}%",
        100.0 * total.found as f64 / total.expected.max(1) as f64,
        100.0 * total.paired as f64 / total.detected.max(1) as f64
    );
    Some((total, problems))
}

const MIN_RECALL: f64 = 0.95;
/// Measured: 100% recall and 100% precision on every seed. The heuristics were developed on
/// these four texts, so that is optimistic for unseen ones; the assertions keep headroom.
const MIN_PRECISION: f64 = 0.95;

fn assert_targets(seed_name: &str, docs: &[Doc], split: bool) {
    let Some((s, problems)) = run(seed_name, docs, split) else {
        eprintln!("seed {seed_name} not found; skipped");
        return;
    };
    let recall = s.found as f64 / s.expected as f64;
    let precision = s.paired as f64 / s.detected.max(1) as f64;
    assert!(
        recall >= MIN_RECALL,
        "{seed_name}: recall {recall:.3}\n{}",
        problems.join("\n")
    );
    assert!(
        precision >= MIN_PRECISION,
        "{seed_name}: precision {precision:.3}\n{}",
        problems.join("\n")
    );
    let unbound: Vec<&String> = problems.iter().filter(|p| p.contains("unbound")).collect();
    assert!(unbound.is_empty(), "{seed_name}: {unbound:#?}");
}

#[test]
fn after_sales_upgrade_service() {
    let docs = [Doc {
        name: "after-sales-upgrade",
        blanks: vec![
            ("合同编号", Text),
            ("甲方", Party),
            ("乙方", Party),
            ("有效期", Integer),
            ("预付款", Days),
            ("预付款", Percent),
            ("违约金", Percent),
            ("违约金", Percent),
        ],
        bindings: vec![
            "schedule.instalment:预付款:percent=预付款",
            "schedule.instalment:预付款:after_effective:days=预付款",
            "schedule.instalment:预付款:day_kind=working",
            "schedule.instalment:进度款:percent=",
            "schedule.instalment:尾款:percent=rest",
            "lump.breach_percent:percent=违约金",
            "lump.breach_percent:percent=违约金",
        ],
    }];
    assert_targets("after-sales-upgrade-service.txt", &docs, false);
}

#[test]
fn outsourced_after_sales_operations() {
    let docs = [Doc {
        name: "outsourced-after-sales",
        blanks: vec![
            ("甲方", Party),
            ("法定代表人", Text),
            ("地址", Text),
            ("联系方式", Text),
            ("乙方", Party),
            ("法定代表人", Text),
            ("地址", Text),
            ("联系方式", Text),
            ("产品名称|服务内容", Text),
            ("费用", Money),
            // (大寫:[大寫金額]) after the amount is its 大写, written from it: no blank.
            ("每月", Integer),
            ("发票", Days),
            ("保密期限", Integer),
            ("违约金", Percent),
            ("暂停", Days),
            ("违约金", Money),
            ("违约金", Money),
            ("违约金", Percent),
            ("有效期", Integer),
            ("延续", Integer),
            ("法定代表人", Text),
            ("签订日期", Date),
        ],
        bindings: vec![
            "schedule.instalment&:monthly:day=每月",
            "schedule.instalment&:monthly:months=有效期",
            "schedule.total=费用",
            "penalty.rate=违约金",
            "penalty.rate_unit=percent",
            "penalty.base=unpaid",
            "penalty.obligation=payment",
            "penalty.suspend_after_days=暂停",
            "lump.breach_percent:percent=违约金",
        ],
    }];
    assert_targets("outsourced-after-sales-operations.txt", &docs, false);
}

#[test]
fn website_and_maintenance_three_contracts() {
    let docs = [
        Doc {
            name: "website-1 (网站建设与维护)",
            blanks: vec![
                ("地址", Text),
                ("邮编", Text),
                ("电话", Text),
                ("传真", Text),
                ("乙方", Party),
                ("地址", Text),
                ("邮编", Text),
                ("电话", Text),
                ("传真", Text),
                ("网站", Text),
                ("标准", Text),
                ("其它要求", Text),
                ("资料", Text),
                ("退还", Text),
                ("通知|验证", Days),
                ("资料|设计", Days),
                ("资料", Text),
                ("资料", Text),
                ("资料", Text),
                ("付", Money),
                ("余款", Money),
                ("个月", Integer),
                ("总价款|延迟", Percent),
                ("延迟|违约金|总价款", Money),
                ("违约金", Money),
                ("迟延履行金|每日", Text),
                ("委员会|提交", Text),
                ("申请", Text),
                ("规则", Text),
                ("进行", Text),
                ("裁决", Text),
                ("有效期", Integer),
                ("日期", Date),
            ],
            bindings: vec![
                "schedule.instalment&:amount=付",
                "schedule.instalment:余款:amount=余款",
                "penalty.rate=总价款|延迟",
                "penalty.base=total",
                // 乙方 late on the design (没有完成…网页设计工作).
                "penalty.obligation=performance",
            ],
        },
        Doc {
            name: "website-2 (电脑软件维护)",
            blanks: vec![
                ("甲方", Party),
                ("乙方", Party),
                ("起", Date),
                ("止|到", Date),
                ("延续", Date),
                ("台式机", Integer),
                ("笔记本", Integer),
                ("服务器", Integer),
                ("维护费", Money),
                ("维护费", Money),
                ("星期", Text),
                ("合同总额", Money),
                // (大写___ ______) after the amount is its 大写, written from it: no blank.
                ("备注", Text),
                ("身份证号", Text),
                ("地址", Text),
                ("联系人", Text),
                ("联系电话", Text),
            ],
            bindings: vec![
                "devices.device:台式机:fee=维护费",
                "devices.device:台式机:count=台式机",
                "devices.device:笔记本&服务器:fee=维护费",
                "devices.device:笔记本&服务器:count=笔记本&服务器",
            ],
        },
        Doc {
            name: "website-3 (硬体设备维护)",
            blanks: vec![
                ("客户名称", Text),
                ("维护内容", Text),
                ("甲方", Party),
                ("乙方", Party),
                ("维护费|购买", Percent),
                ("定价|折", Percent),
                ("台", Integer),
                ("接收机", Integer),
                ("地址", Text),
                ("电话", Text),
                ("传真", Text),
                ("联络人", Text),
                ("起迄|合约", Date),
                ("起迄|合约", Date),
                ("期票|付款", Days),
                ("维护费", Money),
                ("营业税", Percent),
                ("每半年|付款", Money),
                ("保养", Integer),
                ("", Text),
                ("", Text),
                ("", Text),
                ("", Text),
                ("", Text),
                ("", Text),
                ("", Text),
                ("公司地址", Text),
                ("电话", Text),
                ("传真", Text),
                ("公司地址", Text),
                ("电话", Text),
                ("传真", Text),
                ("日期", Date),
            ],
            bindings: vec![
                "lump.maintenance:annual_percent=维护费|购买",
                "lump.maintenance:per_year=2",
                "lump.maintenance:vat=营业税",
                "lump.parts_discount:zhe=折",
            ],
        },
    ];
    assert_targets("website-and-maintenance-three-contracts.txt", &docs, true);
}

#[test]
fn customer_service_outsourcing_contracts() {
    let docs = [
        Doc {
            name: "customer-service (合同)",
            blanks: vec![
                ("甲方全称", Party),
                ("甲方地址", Text),
                ("甲方联系人", Text),
                ("甲方联系电话", Text),
                ("甲方电子邮箱", Text),
                ("乙方全称", Party),
                ("乙方地址", Text),
                ("乙方联系人", Text),
                ("乙方联系电话", Text),
                ("乙方电子邮箱", Text),
                ("合同编号", Text),
                ("签订日期", Date),
                ("服务期限", Text),
                ("生效日期", Date),
                ("终止日期", Date),
                ("签订地点", Text),
                ("服务地域", Text),
                ("服务时间", Text),
                ("响应时间", Text),
                ("解决问题效率", Text),
                ("服务费用总额", Money),
                ("支付日", Integer),
                ("支付方式", Text),
                ("提前通知时间", Text),
                ("保密期限", Integer),
                ("同意期限", Text),
                ("责任限额|百分比", Percent),
                ("争议解决方式", Text),
                ("争议解决机构", Text),
                ("通知期限", Text),
                ("合同份数", Integer),
                ("份", Integer),
                ("违约金", Money),
                ("违约金", Money),
            ],
            bindings: vec![
                "schedule.total=服务费用总额",
                "schedule.instalment&:monthly:day=支付日",
            ],
        },
        Doc {
            name: "customer-service 1",
            blanks: vec![
                ("总金额", Money),
                ("首付款", Days),
                ("首付款", Percent),
                ("第二期", Days),
                ("第二期", Percent),
                ("第三期", Days),
                ("第三期", Percent),
                ("响应", Integer),
                ("解决", Integer),
                ("改正|措施", Integer),
                ("违约金", Percent),
                ("仲裁", Text),
                ("裁决|仲裁", Days),
                ("地点", Text),
                ("通知", Days),
                ("确认|收到", Days),
                ("仲裁", Text),
                ("通知", Days),
                ("确认", Days),
                ("通知", Days),
                ("仲裁", Text),
                ("损失", Money),
                ("违约金", Money),
                ("损失", Money),
                ("违约金", Money),
            ],
            bindings: vec![
                "schedule.total=总金额",
                "schedule.instalment:首付款:percent=首付款",
                "schedule.instalment:首付款:after_effective:days=首付款",
                "schedule.instalment:第二期:percent=第二期",
                "schedule.instalment:第二期:after_milestone:days=第二期",
                "schedule.instalment:第三期:percent=第三期",
                "lump.breach_percent:total=总金额",
                "lump.breach_percent:percent=违约金",
            ],
        },
        Doc {
            name: "customer-service 2",
            blanks: vec![
                ("服务方全称", Party),
                ("客户方全称", Party),
                ("代表|姓名", Text),
                ("职务", Text),
                ("代表|姓名", Text),
                ("职务", Text),
                ("电话", Text),
                ("邮箱", Text),
                ("电话", Text),
                ("邮箱", Text),
                ("响应", Integer),
                ("解决", Integer),
                ("解决", Days),
                ("总额", Money),
                ("首期", Days),
                ("每月", Integer),
                ("首期", Date),
                ("每月", Integer),
                ("验收时间", Text),
                ("验收地点", Text),
                ("违约金", Percent),
                ("回复", Days),
                ("份", Integer),
                ("份", Integer),
                ("签署日期", Date),
                ("签署地点", Text),
                ("服务方代表", Text),
                ("客户方代表", Text),
                ("损失", Money),
                ("违约金", Money),
                ("赔偿", Money),
            ],
            bindings: vec![
                "schedule.total=总额",
                "schedule.instalment:首期:after_effective:days=首期",
                "schedule.instalment&:monthly:day=每月",
                "lump.breach_percent:total=未履行",
                "lump.breach_percent:percent=违约金",
            ],
        },
    ];
    assert_targets("customer-service-outsourcing-contracts.txt", &docs, true);
}

/// The text of the user review: a lease with a percent in brackets, a numbered clause with a
/// money blank and its 大写, and a numbered penalty clause.
const REVIEW_TEXT: &str = "房屋租赁合同
甲方：________
乙方：________
一、甲方在合同签订后____日内支付总额的[x%]作为首付款。
二、租金总额为人民币________元（大写：________）。甲方应于每月____日前支付当月租金。
三、甲方逾期付款的，每逾期一日，按未支付金额的[x%]支付违约金。
";

/// The contract as a reader sees it, filled with `values` (by blank id): the title, then one
/// line per heading (`# …`) and paragraph, values as they read, a gap as `＿label＿`.
fn contract_text(t: &Template, values: &[(String, String)]) -> String {
    let inputs: Inputs = values
        .iter()
        .map(|(id, v)| (id.clone(), Input::Text(v.clone())))
        .collect();
    let f = fill(t, &inputs, &Calendar::new());
    let line = |inlines: &[Inline]| -> String {
        inlines
            .iter()
            .map(|i| match i {
                Inline::Text(s) => s.to_string(),
                Inline::Filled { text, .. } | Inline::Computed { text, .. } => text.clone(),
                Inline::Gap { label, .. } => format!("＿{label}＿"),
                Inline::Table(_) => "[table]".into(),
            })
            .collect()
    };
    let mut out = format!("{}\n", t.title);
    for s in sections(t, &f, RenderOptions::default()) {
        out.push_str(&format!("# {}\n", line(&s.heading)));
        for b in &s.blocks {
            match b {
                Block::Para(p) => out.push_str(&format!("{}\n", line(p))),
                Block::Columns(cols) => {
                    for (gap, p) in cols {
                        out.push_str(gap);
                        out.push_str(&line(p));
                    }
                    out.push('\n');
                }
                Block::Table(_) => out.push_str("[table]\n"),
            }
        }
    }
    out
}

/// Every blank of `t` filled with a typed sample; percent blanks (not 折) with `pct`.
fn samples(t: &Template, pct: &str) -> Vec<(String, String)> {
    t.blanks
        .iter()
        .map(|b| {
            let v = match (b.kind, b.max.as_deref()) {
                (Percent, Some("10")) => "8",
                (Percent, _) => pct,
                (Integer, _) if b.min.as_deref() == Some("1") => "10",
                (k, _) => sample(k),
            };
            (b.id.clone(), v.to_string())
        })
        .collect()
}

/// Where `value` appears in `text`, each place with its sign: the `%`, `‰` or `‱` after it,
/// or the 百分之/千分之/万分之 before it, and whether a second sign follows the first.
fn signs_after(text: &str, value: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices(value) {
        let before = &text[..at];
        let after: Vec<char> = text[at + value.len()..].chars().take(2).collect();
        let sign = |c: Option<&char>| c.is_some_and(|c| "%％‰‱".contains(*c));
        let word = ["百分之", "千分之", "万分之"]
            .into_iter()
            .find(|w| before.ends_with(w));
        out.push(match (word, sign(after.first()), sign(after.get(1))) {
            (Some(w), false, _) => w.to_string(),
            (None, true, false) => after[0].to_string(),
            _ => format!("{value}{}", after.iter().collect::<String>()),
        });
    }
    out
}

#[test]
fn a_percent_blank_keeps_its_sign_after_the_value() {
    let t = import_text(REVIEW_TEXT).template;
    let values = [(blank_id(&t, "首付款比例"), "30".to_string())];
    let text = contract_text(&t, &values);
    assert!(text.contains("支付总额的30%作为首付款"), "{text}");
    // Every form a percent blank takes: the value, then exactly one sign.
    for (form, reads) in [
        ("[x%]", "30%"),
        ("[ x% ]", "30%"),
        ("［x％］", "30％"),
        ("【x%】", "30%"),
        ("[x%]%", "30%"),
        ("____%", "30%"),
        ("＿＿＿％", "30％"),
        ("?%", "30%"),
        ("[ ]%", "30%"),
        ("【 】%", "30%"),
        ("（  ）%", "30%"),
        ("（　）％", "30％"),
        ("[百分比]%", "30%"),
        ("[比例]", "30%"),
        ("百分之____", "百分之30"),
        ("[x‰]", "30‰"),
        ("____‰", "30‰"),
        ("千分之[x]", "千分之30"),
    ] {
        let t = import_text(&format!("第一条 费用\n甲方支付总额的{form}作为首付款。")).template;
        let pct: Vec<_> = t.blanks.iter().filter(|b| b.kind == Percent).collect();
        assert_eq!(pct.len(), 1, "{form}: {:?}", t.blanks);
        let text = contract_text(&t, &[(pct[0].id.clone(), "30".into())]);
        assert!(
            text.contains(&format!("支付总额的{reads}作为首付款")),
            "{form}: {text}"
        );
    }
    // The sign a bracket holds is the rate's unit for the penalty too.
    let t =
        import_text("第五条 违约责任\n甲方逾期付款的，每逾期一日，按未支付金额的[x‰]支付违约金。")
            .template;
    let p = t.calculators.penalty.as_ref().expect("penalty");
    assert_eq!(p.rate_unit, "per_mille");
}

#[test]
fn percent_blanks_of_the_seeds_keep_one_sign() {
    for name in [
        "after-sales-upgrade-service.txt",
        "outsourced-after-sales-operations.txt",
        "website-and-maintenance-three-contracts.txt",
        "customer-service-outsourcing-contracts.txt",
    ] {
        let Some(text) = seed(name) else {
            eprintln!("seed {name} not found; skipped");
            continue;
        };
        let t = import_text(&text).template;
        let shown = contract_text(&t, &samples(&t, "37.5"));
        let signs = signs_after(&shown, "37.5");
        assert!(!signs.is_empty(), "{name}: no percent shown");
        for s in &signs {
            assert!(
                ["%", "％", "‰", "‱", "百分之", "千分之", "万分之"].contains(&s.as_str()),
                "{name}: a percent reads {s:?}\n{shown}"
            );
        }
    }
}

#[test]
fn a_numbered_sentence_is_a_paragraph_not_a_heading() {
    let r = import_text(REVIEW_TEXT);
    // 一、二、三、 are whole clauses here: no headings, each clause one paragraph.
    assert_eq!(r.report.sections, [""]);
    let text = contract_text(&r.template, &samples(&r.template, "30"));
    let lines: Vec<&str> = text.lines().collect();
    let line = |start: &str| {
        lines
            .iter()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line {start}…:\n{text}"))
            .to_string()
    };
    assert_eq!(
        line("一、"),
        "一、甲方在合同签订后5日内支付总额的30%作为首付款。"
    );
    let second = line("二、");
    assert!(
        second.starts_with("二、租金总额为人民币12,000.00元（大写：")
            && second.ends_with("）。甲方应于每月10日前支付当月租金。"),
        "{text}"
    );
    assert_eq!(
        line("三、"),
        "三、甲方逾期付款的，每逾期一日，按未支付金额的30%支付违约金。"
    );

    // Short numbered lines are still headings; a clause numbered 第五条 or 三、 is not; a
    // label before run-on text is.
    let r = import_text(
        "设计合同
一、设计内容：
甲方委托乙方设计网站。
第三章 费用及支付
一、甲方在合同签订后____日内支付总额的____%作为首付款。
二、付款方式：甲方应于每月____日前向乙方支付当月的服务费用，逾期支付的按本合同约定承担违约责任。
第五条 甲方逾期付款的，每逾期一日，按未支付金额的____%支付违约金。
三、合同一式两份，双方各执一份。
四、网页设计项目及价款。
网页设计费用以报价单为准。
",
    );
    assert_eq!(
        r.report.sections,
        [
            "一、设计内容：",
            "第三章 费用及支付",
            "二、付款方式：",
            "四、网页设计项目及价款。"
        ]
    );
    let paragraphs: Vec<&String> = r.template.body.iter().flat_map(|s| &s.paragraphs).collect();
    for starts in [
        "一、甲方在",
        "甲方应于每月",
        "第五条 甲方逾期付款的，",
        "三、合同一式两份，",
    ] {
        assert!(
            paragraphs.iter().any(|p| p.starts_with(starts)),
            "{starts}: {paragraphs:#?}"
        );
    }
    // A heading never cuts a sentence: no paragraph starts where one was cut.
    assert!(
        !paragraphs
            .iter()
            .any(|p| p.starts_with([',', '，', ';', '；', ')', '）'])),
        "{paragraphs:#?}"
    );
}

#[test]
fn a_words_blank_after_its_amount_is_computed() {
    let t = import_text(REVIEW_TEXT).template;
    // No second field to type: the 大写 is written from the amount.
    assert!(!t.blanks.iter().any(|b| b.kind == Words), "{:?}", t.blanks);
    let rent = blank_id(&t, "租金总额");
    let text = contract_text(&t, &[(rent.clone(), "100000".into())]);
    assert!(
        text.contains("租金总额为人民币100,000.00元（大写：人民币壹拾万元整）。"),
        "{text}"
    );
    // Empty, it is a gap like the amount's.
    assert!(!contract_text(&t, &[]).contains("壹"));
    // The 大写 has its own 元…整.
    let t = import_text("第一条 费用\n总额为人民币________元（大写：________元整）。").template;
    let text = contract_text(&t, &[(blank_id(&t, "总额"), "100000.5".into())]);
    assert!(
        text.contains("总额为人民币100,000.50元（大写：人民币壹拾万元伍角整）。"),
        "{text}"
    );

    // In 万元: the 大写 of the amount in 元.
    let t = import_text("第一条 费用\n合同总金额为人民币____万元（大写：________）。").template;
    assert!(
        !t.blanks.iter().any(|b| b.kind == Words || b.kind == Text),
        "{:?}",
        t.blanks
    );
    let text = contract_text(&t, &[(blank_id(&t, "万元"), "36".into())]);
    assert!(
        text.contains("人民币36.00万元（大写：人民币叁拾陆万元整）"),
        "{text}"
    );
    // A 大写 elsewhere stays a field that checks the figure.
    let t = import_text("第一条 费用\n合同总额为人民币________元。\n第二条 确认\n双方确认的合同总额大写：________。").template;
    let words: Vec<_> = t.blanks.iter().filter(|b| b.kind == Words).collect();
    assert_eq!(words.len(), 1, "{:?}", t.blanks);
    assert_eq!(
        words[0].matches.as_deref(),
        Some(blank_id(&t, "合同总额").as_str())
    );

    // The seeds' 大写 after an amount: 人民幣[x]元(大寫:[大寫金額]), 人民币__ __元(大写___ ______).
    for (name, reads) in [
        (
            "outsourced-after-sales-operations.txt",
            "每月人民幣12,000.00元(大寫:人民币壹万贰仟元整)",
        ),
        (
            "website-and-maintenance-three-contracts.txt",
            "合同总额:人民币12,000.00元(大写人民币壹万贰仟元整)",
        ),
    ] {
        let Some(text) = seed(name) else {
            eprintln!("seed {name} not found; skipped");
            continue;
        };
        let t = import_text(&text).template;
        assert!(!t.blanks.iter().any(|b| b.kind == Words), "{name}");
        let shown = contract_text(&t, &samples(&t, "20"));
        assert!(shown.contains(reads), "{name}: {shown}");
    }
}

/// The real headings of each seed contract (as `split_documents` cuts them), in order: every
/// 第X章/第X条/一、/1. line that is a title, and none of the numbered sentences
/// (`七.合同一式两份,双方各持一份。`, `一、乙方对…进行维护,具体内容如下:`).
#[test]
fn seeds_keep_their_headings() {
    let expected: &[(&str, &[&[&str]])] = &[
        (
            "after-sales-upgrade-service.txt",
            &[&[
                "",
                "第一章合同主體及授權",
                "第二章服務內容",
                "第三章服務期限",
                "第四章費用及支付",
                "第五章保密及知識產權",
                "第六章服務質量保證",
                "第七章違約責任",
                "第八章爭議解決",
                "第九章其他約定",
                "第十章合同附件",
                "第十一章項目管理與溝通",
                "第十二章風險控制與應急預案",
                "第十三章數據保護與隱私",
                "第十四章終止與解除",
                "第十五章一般條款",
            ]],
        ),
        (
            "outsourced-after-sales-operations.txt",
            &[&[
                "",
                "一、標的物或服務具體描述",
                "二、雙方權利義務",
                "三、外包售后運營費用及支付方式",
                "四、保密條款",
                "五、違約責任",
                "六、協議變更與解除",
                "七、爭議解決",
                "八、其他條款",
            ]],
        ),
        (
            "website-and-maintenance-three-contracts.txt",
            &[
                &[
                    "",
                    "一、设计内容:",
                    "二、网页设计项目及价款。",
                    "三、甲方义务:",
                    "四、乙方义务:",
                    "五、期限",
                    "六、乙方向甲方提供其网站服务器及网页的维护工作。",
                    "七、服务费用",
                    "八、甲方的义务:",
                    "九、乙方的义务:",
                    "十、特别约定",
                    "十一、保密",
                    "十二、付款方式:",
                    "十三、违约责任",
                    "十四、争议解决",
                    "十五、合同文本、生效",
                    "十六、合同期限",
                    "十七、附则",
                ],
                &[
                    "",
                    "一.合同有效期:",
                    "二.服务内容:",
                    "三.合同总额",
                    "四.友情链接",
                    "五.双方的权利和义务",
                    "六.违约责任",
                    "八.备注:",
                ],
                &[
                    "",
                    "一、甲方使用乙方所提供之硬体设备维护费用收取标准如下:",
                    "二、其维护标准订定如下:",
                ],
            ],
        ),
        (
            "customer-service-outsourcing-contracts.txt",
            &[
                &[
                    "第一部分:合同如下:",
                    "第一條合同基本信息",
                    "第二條服務范圍",
                    "第三條服務質量要求",
                    "第四條服務費用",
                    "第五條服務期限",
                    "第六條保密條款",
                    "第七條知識產權",
                    "第五條服務期限",
                    "第八條違約責任",
                    "第九條爭議解決",
                    "第十條合同解除",
                    "第十一條合同變更",
                    "第十二條合同終止",
                    "第十三條合同附件",
                    "第十四條其他約定",
                    "第二部分:第三方介入后的修正",
                    "第十五條第三方介入概述",
                    "第十六條第三方介入程序",
                    "第十七條甲乙方額外條款",
                    "第十八條第三方責任限額",
                    "第十九條第三方與其他各方的關系",
                    "第二十條第三方退出機制",
                    "第三部分:其他補充性說明和解釋說明一:附件列表:",
                ],
                &[
                    "第一部分:合同如下:",
                    "1.合同概述",
                    "2.服務內容與標準",
                    "3.服務交付與驗收",
                    "4.保密條款",
                    "5.知識產權",
                    "6.違約責任",
                    "7.爭議解決",
                    "8.合同解除與終止",
                    "9.合同附件",
                    "10.通知與通訊",
                    "11.法律適用與爭議解決",
                    "12.合同變更與補充",
                    "13.合同生效與解除",
                    "14.其他條款",
                    "第二部分:第三方介入后的修正",
                    "15.第三方介入說明",
                    "第三部分:其他補充性說明和解釋說明一:附件列表:",
                    "1.服務說明書詳細要求:",
                    "2.服務質量考核標準詳細要求:",
                    "3.第三方協議詳細要求:",
                    "4.保密協議詳細要求:",
                    "5.知識產權歸屬證明詳細要求:",
                    "6.合同變更協議詳細要求:",
                    "7.合同解除協議詳細要求:",
                    "8.合同終止協議詳細要求:",
                    "9.其他相關文件詳細要求:",
                    "1.違約行為:",
                    "2.責任認定標準:",
                    "3.違約責任示例說明:",
                ],
                &[
                    "第一部分:合同如下:",
                    "1.合同雙方基本信息",
                    "2.合同目的和范圍",
                    "3.服務期限",
                    "4.服務標準與質量要求",
                    "5.服務費用及支付方式",
                    "6.服務交付與驗收",
                    "8.保密條款",
                    "9.違約責任",
                    "10.爭議解決",
                    "11.合同解除與終止",
                    "12.其他約定",
                    "13.合同簽署",
                    "14.合同附件清單",
                    "第二部分:第三方介入后的修正",
                    "15.第三方介入說明",
                    "16.第三方介入程序",
                    "17.第三方責任限額",
                    "18.第三方與其他各方的劃分說明",
                    "19.第三方介入的終止",
                    "第三部分:其他補充性說明和解釋說明一:附件列表:",
                    "1.服務手冊要求:",
                    "2.服務記錄要求:",
                    "3.費用清單要求:",
                    "4.第三方協議要求:",
                    "5.保密協議要求:",
                    "6.爭議解決協議要求:",
                    "7.合同變更協議要求:",
                    "8.合同解除協議要求:",
                    "1.服務方違約行為",
                    "2.客戶方違約行為",
                    "3.違約責任認定標準",
                    "4.違約示例說明",
                ],
            ],
        ),
    ];
    for (name, docs) in expected {
        let Some(text) = seed(name) else {
            eprintln!("seed {name} not found; skipped");
            continue;
        };
        let got: Vec<Vec<String>> = split_documents(&text)
            .into_iter()
            .map(|part| import_text(part).report.sections)
            .collect();
        assert_eq!(got, *docs, "{name}");
    }
}

/// Whatever the text, the import does not panic and gives a valid template that fills and
/// renders.
#[cfg(not(target_arch = "wasm32"))]
mod robustness {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "____",
        "＿＿",
        "_",
        "__30__",
        "?",
        "？",
        "??",
        "?qū",
        "[",
        "]",
        "[x]",
        "[x%]",
        "[甲方全称]",
        "【金额】",
        "{{",
        "}}",
        "{",
        "年",
        "月",
        "日",
        "____年____月____日",
        "年?月?日",
        "元",
        "万元整",
        "人民币",
        "%",
        "百分之",
        "折",
        "第一章",
        "第十条",
        "第一部分:",
        "一、",
        "(一)",
        "（二）",
        "1.",
        "1.1",
        "2、",
        "(1)",
        "a)",
        "甲方:",
        "乙方（受托方）：",
        "名称:",
        "合同编号:",
        "每逾期一日",
        "每月",
        "个工作日",
        "日内",
        "台",
        "每增加一台台式机",
        "违约金为合同总金额的",
        "最高不超过",
        "预付款",
        "尾款",
        "剩余",
        "剩余70%",
        "质保金",
        "0.5‰",
        "‰",
        "千分之",
        "千分之五",
        "乙方逾期交付的",
        "每延迟一日完成",
        "合同签订后",
        "后",
        "支付",
        "\n",
        " ",
        "　",
        "\u{e80b}",
        "。",
        ",",
        ";",
        ":",
        "目录",
        "全文完",
        "第1页共2页",
        "服务",
        "a",
        "7",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn any_text_imports_to_a_valid_template(picks in proptest::collection::vec(0..PIECES.len(), 0..60)) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let r = import_text(&text);
            let errors = validate(&r.template);
            prop_assert!(errors.is_empty(), "{text:?}: {errors:#?}");
            let f = fill(&r.template, &Inputs::new(), &Calendar::new());
            let _ = render_html(&r.template, &f, RenderOptions::with_annex(true));
            for part in split_documents(&text) {
                prop_assert!(validate(&import_text(part).template).is_empty());
            }
        }
    }
}

/// The importer is pure Rust: no browser crate anywhere in `src/import`.
#[test]
fn import_has_no_web_dependency() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/import");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for banned in ["leptos", "web_sys", "wasm_bindgen", "js_sys"] {
            assert!(
                !text.contains(banned),
                "{} mentions {banned}",
                path.display()
            );
        }
        n += 1;
    }
    assert!(n >= 4);
}
