//! Fee clauses → calculator bindings. Works sentence by sentence (split at 。 and ；) on the
//! simplified text, where every blank reads `□` and is known by its field.
//!
//! - instalments (→ `calculators.schedule`): a sentence with a payment verb and no penalty
//!   words, cut at its commas into one part per instalment (…作为预付款,验收合格后支付
//!   剩余70%); a part naming 首付款/预付款/定金/首期/第N期/进度款/尾款/余款/质保金 (剩余 is
//!   余款); its percent blank, or a written percent (30%), or its amount blank, or `rest`
//!   for a final payment with neither (剩余款项); its day blank or a written number of days
//!   (三日内), counted from the effective date (合同生效后, 签订后) or from the milestone
//!   before 后 (服务期限届满后). In a payment section, a part paying `人民币□元` or a
//!   percent within some days or after a milestone is an instalment too (第1期 …).
//!   `每月人民币□元`, `每月□前`, `每月1号至10号`, `按月支付` make a monthly instalment
//!   (months = the term in years × 12 when the contract has one, else a months blank; paid
//!   from the effective month when it says 当月/预付, else from the month after);
//! - per-day penalties (→ `calculators.penalty`): 每逾期一日 / 每延迟一日 / 逾期每日 … with
//!   a percent (or 千分之/万分之/‰) blank or a written rate (0.05%, 0.5‰, 千分之五), or else
//!   an amount per day (`fixed`); base `total`
//!   when the rate is of the 总价款/总额, else `unpaid`; `obligation` a performance when
//!   the clause is late on one (乙方逾期交付的, 每延迟一日完成), else a payment (甲方逾期
//!   付款的); `逾期超过□日…暂停` → suspension;
//!   a cap in the same paragraph (最高不超过…的20%) → cap_percent_of_total;
//! - 违约金为…总金额的□% → `lump_sum` breach_percent (of the 未履行部分 when it says so);
//!   最高不超过/累计不超过 …% → lump_sum cap over those; 原购买百分之□…维护费 → maintenance
//!   (instalments per year from 每半年/每季/每月); 定价□折 → parts_discount;
//! - 每增加一台X…增加□元 → `calculators.devices`, counted by the `□台X` blanks.
//!
//! Values a calculator needs that the text does not leave blank (the contract total, the
//! effective date, the due date and as-of date of a late payment …) are added as blanks in
//! the group `calc`, and listed in the report.

use crate::core::calendar::DayKind;
use crate::core::schedule::InstalmentKind;
use crate::template::model::*;
use serde::Serialize;

/// What the binder needs to know about a field.
#[derive(Debug, Clone)]
pub struct FieldInfo {
    pub id: String,
    pub kind: BlankType,
    pub label: String,
    pub day_kind: Option<DayKind>,
    pub wan: bool,
    pub zhe: bool,
    pub day_of_month: bool,
}

/// A paragraph (or heading) of the body, simplified, with `□` for each blank.
#[derive(Debug, Clone)]
pub struct Para {
    pub section: usize,
    /// `None` for the heading.
    pub paragraph: Option<usize>,
    pub heading: String,
    pub text: String,
    /// The field of each `□`, in order.
    pub slots: Vec<usize>,
}

/// A fee clause found, for the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClauseReport {
    /// `instalment`, `monthly`, `penalty`, `breach_percent`, `cap`, `maintenance`,
    /// `parts_discount`, `devices`.
    pub kind: &'static str,
    /// The sentence, simplified, blanks as □.
    pub text: String,
    /// Calculator field → expression.
    pub bound: Vec<(String, String)>,
    /// Why it was not bound, or what was assumed.
    pub note: Option<String>,
}

#[derive(Debug, Default)]
pub struct Bound {
    pub calculators: Calculators,
    pub added: Vec<Blank>,
    pub derived: Vec<Derived>,
    pub report: Vec<ClauseReport>,
    /// Tables to show after a paragraph: (index into the `Para`s, table name).
    pub tables: Vec<(usize, &'static str)>,
}

struct Sentence {
    para: usize,
    text: Vec<char>,
    /// (char index of □, field index).
    slots: Vec<(usize, usize)>,
}

impl Sentence {
    fn s(&self) -> String {
        self.text.iter().collect()
    }
    fn has(&self, words: &[&str]) -> bool {
        let s = self.s();
        words.iter().any(|w| s.contains(w))
    }
    fn find(&self, w: &str) -> Option<usize> {
        let s = self.s();
        s.find(w).map(|b| s[..b].chars().count())
    }
    fn before(&self, at: usize) -> String {
        self.text[..at.min(self.text.len())].iter().collect()
    }
    /// The characters `from..to` as a sentence of their own.
    fn part(&self, from: usize, to: usize) -> Sentence {
        Sentence {
            para: self.para,
            text: self.text[from..to].to_vec(),
            slots: self
                .slots
                .iter()
                .filter(|(at, _)| (from..to).contains(at))
                .map(|(at, f)| (at - from, *f))
                .collect(),
        }
    }
}

fn sentences(paras: &[Para]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (pi, p) in paras.iter().enumerate() {
        let mut cur = Sentence {
            para: pi,
            text: Vec::new(),
            slots: Vec::new(),
        };
        let mut slot = 0;
        for c in p.text.chars() {
            if c == '□' {
                if let Some(f) = p.slots.get(slot) {
                    cur.slots.push((cur.text.len(), *f));
                }
                slot += 1;
            }
            cur.text.push(c);
            if matches!(c, '。' | ';') {
                out.push(std::mem::replace(
                    &mut cur,
                    Sentence {
                        para: pi,
                        text: Vec::new(),
                        slots: Vec::new(),
                    },
                ));
            }
        }
        if !cur.text.is_empty() {
            out.push(cur);
        }
    }
    out
}

const INSTALMENTS: &[(&str, InstalmentKind)] = &[
    ("首付款", InstalmentKind::Deposit),
    ("预付款", InstalmentKind::Deposit),
    ("定金", InstalmentKind::Deposit),
    ("首期", InstalmentKind::Deposit),
    ("第一期", InstalmentKind::Deposit),
    ("第二期", InstalmentKind::Progress),
    ("第三期", InstalmentKind::Progress),
    ("第四期", InstalmentKind::Progress),
    ("进度款", InstalmentKind::Progress),
    ("尾款", InstalmentKind::Final),
    ("余款", InstalmentKind::Final),
    ("质保金", InstalmentKind::Retention),
    ("质量保证金", InstalmentKind::Retention),
];
/// What is left of the total: a balance (支付剩余70%, 其余款项).
const REST: &[&str] = &["剩余", "其余", "余下"];
const PAY: &[&str] = &["支付", "付清", "付给", "付款", "交付"];
const PENALTY_WORDS: &[&str] = &["违约", "逾期", "延迟", "迟延"];
const PER_DAY: &[&str] = &[
    "每逾期一日",
    "每逾期一天",
    "每延迟一日",
    "每延迟一天",
    "每迟延一日",
    "每迟延一天",
    "每延期一日",
    "逾期每日",
    "每日按",
    "按日",
];
/// What a late party failed to do: pay money …
const LATE_PAYMENT: &[&str] = &[
    "付款",
    "支付",
    "付清",
    "缴纳",
    "交纳",
    "费用",
    "服务费",
    "价款",
    "款项",
];
/// … or perform (deliver, finish, serve).
const LATE_PERFORMANCE: &[&str] = &[
    "交付", "交货", "完成", "履行", "提供", "提交", "上线", "竣工", "维护", "更新", "服务",
];
const AFTER_EFFECTIVE: &[&str] = &[
    "合同签订后",
    "签订后",
    "合同生效后",
    "生效后",
    "签订之日",
    "签字盖章之日",
    "生效之日",
];
const TOTAL_WORDS: &[&str] = &["总额", "总金额", "总价", "合同金额", "总费用"];

struct Binder<'a> {
    fields: &'a [FieldInfo],
    out: Bound,
    total: Option<String>,
    effective: Option<String>,
}

impl Binder<'_> {
    fn field(&self, f: usize) -> &FieldInfo {
        &self.fields[f]
    }

    /// The expression for a money field in 元.
    fn money(&self, f: usize) -> String {
        let fi = self.field(f);
        if fi.wan {
            format!("{}_yuan", fi.id)
        } else {
            fi.id.clone()
        }
    }

    fn taken(&self, id: &str) -> bool {
        self.fields.iter().any(|f| f.id == id)
            || self.out.added.iter().any(|b| b.id == id)
            || self.out.derived.iter().any(|d| d.id == id)
            || self.out.calculators.lump_sum.iter().any(|l| l.id() == id)
    }

    fn unique(&self, base: &str) -> String {
        let mut id = base.to_string();
        let mut k = 2;
        while self.taken(&id) {
            id = format!("{base}_{k}");
            k += 1;
        }
        id
    }

    /// Add a blank the calculators need.
    fn add(&mut self, base: &str, kind: BlankType, zh: &str, en: &str) -> String {
        let id = self.unique(base);
        self.out.added.push(Blank {
            id: id.clone(),
            kind,
            label: Label {
                zh: zh.into(),
                en: en.into(),
            },
            group: Some("calc".into()),
            required: false,
            default: None,
            example: None,
            min: None,
            max: None,
            help: Some(Label {
                zh: "计算用：原文未留空白，由导入补充".into(),
                en: "For the calculators: not a blank in the source, added on import".into(),
            }),
            unit: None,
            options: Vec::new(),
            columns: Vec::new(),
            example_rows: Vec::new(),
            day_kind: None,
            matches: None,
            not_before: None,
            convention: false,
        });
        id
    }

    fn derive(&mut self, base: &str, zh: &str, expr: String) -> String {
        let id = self.unique(base);
        self.out.derived.push(Derived {
            id: id.clone(),
            kind: BlankType::Money,
            label: Label {
                zh: zh.into(),
                en: String::new(),
            },
            expr,
        });
        id
    }

    /// The contract total in 元: a money blank labelled as a total, else an added blank
    /// (`contract_total`: an id `total` would shadow the penalty's base word `total`).
    fn total(&mut self) -> String {
        if let Some(t) = &self.total {
            return t.clone();
        }
        let found = self.fields.iter().position(|f| {
            f.kind == BlankType::Money && TOTAL_WORDS.iter().any(|w| f.label.contains(w))
        });
        let t = match found {
            Some(f) => self.money(f),
            None => self.add(
                "contract_total",
                BlankType::Money,
                "合同总额（元）",
                "Contract total (yuan)",
            ),
        };
        self.total = Some(t.clone());
        t
    }

    fn effective_date(&mut self) -> String {
        if let Some(e) = &self.effective {
            return e.clone();
        }
        let found = self.fields.iter().find(|f| {
            f.kind == BlankType::Date
                && ["生效", "签订日期", "起始", "签署日期"]
                    .iter()
                    .any(|w| f.label.contains(w))
        });
        let e = match found {
            Some(f) => f.id.clone(),
            None => self.add(
                "effective_date",
                BlankType::Date,
                "合同生效日期",
                "Effective date",
            ),
        };
        self.effective = Some(e.clone());
        e
    }

    fn report(
        &mut self,
        kind: &'static str,
        s: &Sentence,
        bound: Vec<(&str, String)>,
        note: Option<String>,
    ) {
        self.out.report.push(ClauseReport {
            kind,
            text: s.s(),
            bound: bound.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            note,
        });
    }
}

/// A written number of days in a sentence (`三日内`, `10个工作日`): (days, working).
fn literal_days(s: &str) -> Option<(u32, bool)> {
    let chars: Vec<char> = s.chars().collect();
    for (i, _) in chars.iter().enumerate() {
        let mut k = i;
        while k < chars.len() && (chars[k].is_ascii_digit() || super::text::is_cn_digit(chars[k])) {
            k += 1;
        }
        if k == i
            || k - i > 3
            || (i > 0 && (chars[i - 1].is_ascii_digit() || super::text::is_cn_digit(chars[i - 1])))
        {
            continue;
        }
        let rest: String = chars[k..].iter().collect();
        let num: String = chars[i..k].iter().collect();
        let Some(n) = super::text::cn_number(&num) else {
            continue;
        };
        if rest.starts_with("个工作日") || rest.starts_with("工作日") {
            return Some((n, true));
        }
        if ["日内", "天内", "日前", "天"]
            .iter()
            .any(|u| rest.starts_with(u))
        {
            return Some((n, false));
        }
    }
    None
}

/// The milestone a payment waits for: the words before the last 后 before `at`, from after
/// the last 于/在/待/经 (余款于验收合格后), without an instalment's name, a party or 元 first.
fn milestone(s: &Sentence, at: usize) -> Option<String> {
    let before = s.before(at);
    let hou = before.rfind('后')?;
    let head = &before[..hou];
    let start = head
        .rfind([',', ':', '(', ')', '□', ';', '于', '在', '待', '经'])
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    let mut m = head[start..].trim();
    let names = INSTALMENTS.iter().map(|(w, _)| *w);
    for w in names.chain(["甲方", "乙方", "元", "当"]) {
        m = m.strip_prefix(w).unwrap_or(m);
    }
    let m: String = m.chars().filter(|c| super::text::is_cjk(*c)).collect();
    (m.chars().count() >= 2).then_some(m)
}

pub fn bind(fields: &[FieldInfo], paras: &[Para]) -> Bound {
    let ss = sentences(paras);
    let mut b = Binder {
        fields,
        out: Bound::default(),
        total: None,
        effective: None,
    };
    let penalty_paras = penalty(&mut b, &ss);
    schedule(&mut b, &ss, paras);
    lump_sums(&mut b, &ss, &penalty_paras);
    devices(&mut b, &ss);
    // A rate of the total needs the total: resolved after the schedule, so that both use
    // the same expression (a sum of instalments, a monthly fee × months …).
    let of_total = b
        .out
        .calculators
        .penalty
        .as_ref()
        .and_then(|p| p.base.as_deref())
        == Some("total");
    if of_total {
        let t = b.total();
        if let Some(p) = &mut b.out.calculators.penalty {
            p.contract_total = Some(t);
        }
    }
    b.out
}

fn slot_of(b: &Binder, s: &Sentence, pred: impl Fn(&FieldInfo) -> bool) -> Option<(usize, usize)> {
    s.slots.iter().copied().find(|(_, f)| pred(b.field(*f)))
}

/// The instalment a sentence names, the first named if several; a balance (剩余) is 余款.
fn named(s: &Sentence) -> Option<(&'static str, InstalmentKind)> {
    INSTALMENTS
        .iter()
        .filter_map(|(w, k)| s.find(w).map(|p| (p, *w, *k)))
        .min_by_key(|(p, _, _)| *p)
        .map(|(_, w, k)| (w, k))
        .or_else(|| s.has(REST).then_some(("余款", InstalmentKind::Final)))
}

/// A percent in a sentence (an instalment's share, a cap): a percent blank or a written `20%`.
fn percent_share(b: &Binder, s: &Sentence) -> Option<String> {
    slot_of(b, s, |f| f.kind == BlankType::Percent && !f.zhe)
        .map(|(_, f)| b.field(f).id.clone())
        .or_else(|| {
            written_rate(&s.s())
                .filter(|r| r.1 == "percent")
                .map(|r| r.0)
        })
}

/// A payment sentence cut at its commas into one part per instalment: a part starts a new
/// instalment when it names another one (…作为预付款,验收合格后支付剩余70%) or pays another
/// percent (…支付30%,验收后支付70%); any other part belongs to the instalment before it
/// (首付款为30%,于合同签订后5日内支付).
fn instalment_parts(b: &Binder, s: &Sentence) -> Vec<Sentence> {
    let mut parts = Vec::new();
    let (mut start, mut name, mut percent) = (0, None, false);
    let commas = s.text.iter().enumerate().filter(|(_, c)| **c == ',');
    let ends = commas.map(|(i, _)| i).chain([s.text.len()]);
    let mut from = 0;
    for end in ends {
        let piece = s.part(from, end);
        let here = named(&piece).map(|n| n.0);
        let pays = percent_share(b, &piece).is_some();
        let another = here.is_some() && here != name && (name.is_some() || percent);
        if from > start && (another || (here.is_none() && pays && percent && piece.has(PAY))) {
            parts.push(s.part(start, from - 1));
            (start, name, percent) = (from, None, false);
        }
        name = name.or(here);
        percent |= pays;
        from = end + 1;
    }
    parts.push(s.part(start, s.text.len()));
    parts
}

fn schedule(b: &mut Binder, ss: &[Sentence], paras: &[Para]) {
    let mut insts: Vec<InstalmentBinding> = Vec::new();
    let mut last_para = None;
    let mut fixed_amounts = Vec::new();
    let mut any_percent = false;
    let payments = ss
        .iter()
        .filter(|s| s.has(PAY) && !s.has(PENALTY_WORDS) && !s.has(&["每月", "按月", "每增加"]));
    for s in &payments
        .flat_map(|s| instalment_parts(b, s))
        .collect::<Vec<_>>()
    {
        let text = s.s();
        let heading = &paras[s.para].heading;
        let in_payment = ["付款", "支付", "费用"].iter().any(|w| heading.contains(w));
        let money = slot_of(b, s, |f| {
            f.kind == BlankType::Money && !f.wan && !TOTAL_WORDS.iter().any(|w| f.label.contains(w))
        });
        let days = slot_of(b, s, |f| f.kind == BlankType::Days);
        let lit = literal_days(&text);
        let share = money.is_some() || percent_share(b, s).is_some();
        let due = days.is_some() || lit.is_some() || s.has(&["后"]);
        let (name, kind) = match named(s) {
            Some((w, k)) => (w.to_string(), k),
            None if in_payment && share && due => {
                (format!("第{}期", insts.len() + 1), InstalmentKind::Other)
            }
            None => continue,
        };
        if insts.iter().any(|i| i.name == name) {
            continue;
        }
        let percent_slot = slot_of(b, s, |f| f.kind == BlankType::Percent && !f.zhe);
        let written = written_before(s, money).filter(|r| r.1 == "percent");
        let mut bound = Vec::new();
        let (percent, amount) = if let Some((_, f)) = percent_slot {
            any_percent = true;
            (Some(b.field(f).id.clone()), None)
        } else if let Some((p, _, _)) = written {
            any_percent = true;
            (Some(p), None)
        } else if let Some((_, f)) = money {
            let m = b.money(f);
            fixed_amounts.push(m.clone());
            (None, Some(m))
        } else if kind == InstalmentKind::Final || s.has(REST) {
            (Some("rest".to_string()), None)
        } else {
            any_percent = true;
            let id = b.add(
                &format!("{}_pct", kind_id(kind)),
                BlankType::Percent,
                &format!("{name}比例（%）"),
                "Instalment (% of total)",
            );
            (Some(id), None)
        };
        if let Some(p) = &percent {
            bound.push(("percent", p.clone()));
        }
        if let Some(a) = &amount {
            bound.push(("amount", a.clone()));
        }
        let (days_expr, day_kind) = match (days, lit) {
            (Some((_, f)), _) => {
                let fi = b.field(f);
                let k = if fi.day_kind == Some(DayKind::Working) {
                    "working"
                } else {
                    "calendar"
                };
                (fi.id.clone(), k)
            }
            (None, Some((n, w))) => (n.to_string(), if w { "working" } else { "calendar" }),
            (None, None) => ("0".to_string(), "calendar"),
        };
        bound.push(("days", days_expr.clone()));
        let at = days.map_or(text.chars().count(), |(p, _)| p);
        let after_effective = AFTER_EFFECTIVE.iter().any(|w| s.before(at).contains(w));
        let due = if after_effective {
            DueBinding::AfterEffective {
                days: days_expr,
                day_kind: Some(day_kind.into()),
            }
        } else {
            let pay_at = PAY.iter().filter_map(|w| s.find(w)).min().unwrap_or(at);
            let m = milestone(s, at.min(pay_at).max(at.min(text.chars().count())))
                .or_else(|| milestone(s, pay_at))
                .unwrap_or_else(|| format!("{name}付款条件"));
            let date = b.add(
                &format!("{}_milestone_date", kind_id(kind)),
                BlankType::Date,
                &format!("{m}日期（未定可留空）"),
                "Milestone date (may stay empty)",
            );
            bound.push(("milestone", m.clone()));
            DueBinding::AfterMilestone {
                milestone: m,
                date: Some(date),
                days: days_expr,
                day_kind: Some(day_kind.into()),
            }
        };
        b.report("instalment", s, bound, None);
        insts.push(InstalmentBinding {
            name,
            kind,
            percent,
            amount,
            due,
        });
        last_para = Some(s.para);
    }

    // Monthly payments.
    let mut fee = None;
    let mut day = None;
    let mut lit_day = None;
    let mut monthly_at = None;
    let mut current_month = false;
    for s in ss {
        let text = s.s();
        if s.has(PENALTY_WORDS) {
            continue;
        }
        if let Some(m) = s.find("每月") {
            if fee.is_none() {
                fee = s
                    .slots
                    .iter()
                    .find(|(p, f)| *p > m && b.field(*f).kind == BlankType::Money)
                    .map(|(_, f)| *f);
                if fee.is_some() {
                    monthly_at.get_or_insert(s.para);
                }
            }
            if day.is_none() {
                day = s
                    .slots
                    .iter()
                    .find(|(_, f)| b.field(*f).day_of_month)
                    .map(|(_, f)| *f);
                if day.is_some() {
                    monthly_at = Some(s.para);
                }
            }
            if lit_day.is_none() && day.is_none() && s.has(&["付款", "支付"]) {
                // 每月1号至10号 → 10; 每月5日前 → 5.
                let tail: String = text.chars().skip(m + 2).take(12).collect();
                let nums: Vec<u32> = tail
                    .split(|c: char| !c.is_ascii_digit())
                    .filter_map(|d| d.parse().ok())
                    .filter(|d| (1..=31).contains(d))
                    .collect();
                if let Some(d) = nums.last() {
                    lit_day = Some(d.to_string());
                    monthly_at = Some(s.para);
                }
            }
        }
        if s.has(&["按月支付"]) {
            monthly_at.get_or_insert(s.para);
        }
        // `当月服务费用`, `每月预付`: the month's fee is due in that month, not the next.
        if s.has(&["每月", "按月"]) && s.has(&["当月", "预付"]) {
            current_month = true;
        }
    }
    let has_devices = ss.iter().any(|s| s.has(&["每增加一台"]));
    if (fee.is_some() || day.is_some() || monthly_at.is_some()) && !(has_devices && fee.is_none()) {
        let months = months_expr(b);
        let day_expr = match (day, lit_day) {
            (Some(f), _) => b.field(f).id.clone(),
            (None, Some(d)) => d,
            (None, None) => b.add(
                "pay_day",
                BlankType::Integer,
                "每月付款日（每月几日）",
                "Day of the month payments are due",
            ),
        };
        let mut bound = vec![("day", day_expr.clone()), ("months", months.clone())];
        if let Some(f) = fee {
            let fe = b.money(f);
            bound.push(("monthly_fee", fe.clone()));
            if insts.is_empty() && b.total.is_none() {
                let t = b.derive(
                    "contract_total",
                    "合同总额（元，按月费×月数）",
                    format!("{fe} * {months}"),
                );
                b.total = Some(t);
            }
        }
        let para = monthly_at.unwrap_or(0);
        let sentence = ss
            .iter()
            .find(|s| s.para == para)
            .map(|s| s.s())
            .unwrap_or_default();
        b.out.report.push(ClauseReport {
            kind: "monthly",
            text: sentence,
            bound: bound.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            note: None,
        });
        any_percent = true;
        insts.push(InstalmentBinding {
            name: "月付费用".into(),
            kind: InstalmentKind::Monthly,
            percent: Some("rest".into()),
            amount: None,
            due: DueBinding::Monthly {
                day: day_expr,
                months,
                inclusive: None,
                start_offset_months: current_month.then(|| "0".to_string()),
            },
        });
        last_para = Some(last_para.map_or(para, |l: usize| l.max(para)));
    }
    if insts.is_empty() {
        return;
    }
    // All fixed amounts: the total is their sum.
    let total = if !any_percent && insts.iter().all(|i| i.amount.is_some()) && b.total.is_none() {
        let t = b.derive(
            "contract_total",
            "合同总额（元，各期之和）",
            fixed_amounts.join(" + "),
        );
        b.total = Some(t.clone());
        t
    } else {
        if !any_percent {
            // Fixed amounts and a rest: not computable by the schedule (it needs percents).
            for i in insts
                .iter_mut()
                .filter(|i| i.percent.as_deref() == Some("rest"))
            {
                i.percent = None;
                i.amount = Some("0".into());
            }
        }
        b.total()
    };
    let effective_date = b.effective_date();
    b.out.calculators.schedule = Some(ScheduleBinding {
        total,
        effective_date,
        rest_day_rule: None,
        instalments: insts,
    });
    if let Some(p) = last_para {
        b.out.tables.push((p, "schedule"));
    }
}

fn kind_id(k: InstalmentKind) -> &'static str {
    match k {
        InstalmentKind::Deposit => "deposit",
        InstalmentKind::Progress => "progress",
        InstalmentKind::Final => "final",
        InstalmentKind::Retention => "retention",
        InstalmentKind::Monthly => "monthly",
        InstalmentKind::Other => "instalment",
    }
}

/// Months of service: the term in years × 12 if the contract leaves the term in years blank.
fn months_expr(b: &mut Binder) -> String {
    let term = b.fields.iter().find(|f| {
        f.kind == BlankType::Integer && f.label.contains("有效期") && f.label.contains("年")
    });
    match term {
        Some(f) => format!("{} * 12", f.id),
        None => b.add(
            "service_months",
            BlankType::Integer,
            "服务期限（月数）",
            "Term (months)",
        ),
    }
}

/// Per-day late penalty; returns the paragraphs it used (caps there belong to it).
fn penalty(b: &mut Binder, ss: &[Sentence]) -> Vec<usize> {
    let per_day: Vec<&Sentence> = ss.iter().filter(|s| s.has(PER_DAY)).collect();
    // The first clause with a rate, else the first with an amount per day.
    let rated = || {
        per_day
            .iter()
            .filter_map(|s| per_day_rate(b, s).map(|r| (*s, r)))
    };
    let chosen = rated()
        .find(|(_, r)| r.1 != "fixed")
        .or_else(|| rated().next());
    let Some((s, (rate, unit, at))) = chosen else {
        return Vec::new();
    };
    let obligation = obligation(s, at);
    let base = if ["总价款", "总额", "总金额", "合同价款", "合同金额", "总价"]
        .iter()
        .any(|w| s.before(at).contains(w))
    {
        "total"
    } else {
        "unpaid"
    };
    let due_date = b.add(
        "late_due_date",
        BlankType::Date,
        "违约计算：应履行（付款）日期",
        "Penalty: due date",
    );
    let as_of = b.add(
        "late_as_of",
        BlankType::Date,
        "违约计算：计算截至日期",
        "Penalty: computed up to",
    );
    let amount_due = b.add(
        "late_amount",
        BlankType::Money,
        "违约计算：逾期未付（未履行）金额（元）",
        "Penalty: amount overdue (yuan)",
    );
    let mut bound = vec![
        ("rate", rate.clone()),
        ("rate_unit", unit.to_string()),
        ("base", base.to_string()),
        (
            "obligation",
            match obligation {
                Obligation::Payment => "payment",
                Obligation::Performance => "performance",
            }
            .to_string(),
        ),
    ];
    // Suspension after N days, a cap: in the same paragraph.
    let para = s.para;
    let mut suspend = None;
    let mut cap = None;
    for o in ss.iter().filter(|o| o.para == para) {
        if o.has(&["暂停", "停止服务", "中止"]) && o.has(&["超过"]) {
            suspend =
                slot_of(b, o, |f| f.kind == BlankType::Days).map(|(_, f)| b.field(f).id.clone());
        }
        if o.has(&["最高不超过", "累计不超过", "总额不超过"]) {
            cap = percent_share(b, o);
        }
    }
    if let Some(d) = &suspend {
        bound.push(("suspend_after_days", d.clone()));
    }
    if let Some(c) = &cap {
        bound.push(("cap_percent_of_total", c.clone()));
    }
    let others = per_day.len() - 1;
    b.report(
        "penalty",
        s,
        bound,
        (others > 0)
            .then(|| format!("另有{others}条按日违约金条款未绑定（模板只有一个逾期违约金计算器）")),
    );
    for o in per_day.iter().filter(|o| !std::ptr::eq(**o, s)) {
        b.report(
            "penalty",
            o,
            Vec::new(),
            Some("未绑定：模板只有一个逾期违约金计算器 / not bound: one penalty calculator per template".into()),
        );
    }
    b.out.calculators.penalty = Some(PenaltyBinding {
        obligation,
        due_date,
        rest_day_rule: None,
        amount_due,
        contract_total: None,
        rate_unit: unit.into(),
        rate,
        base: Some(base.into()),
        grace_days: None,
        cap_percent_of_total: cap,
        cap_amount: None,
        payments: None,
        as_of,
        day_count: None,
        suspend_after_days: suspend,
    });
    b.out.tables.push((para, "penalty"));
    vec![para]
}

/// The rate of a per-day penalty clause (expression, unit, char index): a percent blank
/// (千分之□ or □‰ per mille, 万分之□ or □‱ per ten thousand), a rate written before any
/// amount blank (0.5‰, 千分之五), else an amount blank per day (`fixed`).
fn per_day_rate(b: &Binder, s: &Sentence) -> Option<(String, &'static str, usize)> {
    if let Some((at, f)) = slot_of(b, s, |f| f.kind == BlankType::Percent) {
        let before = s.before(at);
        let after = s.text.get(at + 1).copied();
        let unit = if before.ends_with("千分之") || after == Some('‰') {
            "per_mille"
        } else if before.ends_with("万分之") || after == Some('‱') {
            "per_ten_thousand"
        } else {
            "percent"
        };
        return Some((b.field(f).id.clone(), unit, at));
    }
    let money = slot_of(b, s, |f| f.kind == BlankType::Money);
    written_before(s, money).or_else(|| money.map(|(at, f)| (b.money(f), "fixed", at)))
}

/// A rate written in a sentence before its amount blank (30%,即人民币□元); one after the
/// amount is about something else (人民币□元(含6%增值税), 最高不超过…10%).
fn written_before(
    s: &Sentence,
    money: Option<(usize, usize)>,
) -> Option<(String, &'static str, usize)> {
    written_rate(&s.s()).filter(|r| money.is_none_or(|(at, _)| r.2 < at))
}

/// What a per-day penalty before `at` is for: a payment or a performance, by the words of
/// the clause that says what is late (甲方逾期付款的,每逾期一日 · 乙方逾期交付的,每逾期一日
/// · 每延迟一日完成); failing those, by the words up to the rate (按未完成部分); else a
/// payment. The party alone decides nothing (甲方 may be the one who serves).
/// `支付违约金` says how the penalty is paid, not what is late.
fn obligation(s: &Sentence, at: usize) -> Obligation {
    let text = s.before(at).replace("支付违约金", "");
    let per_day = PER_DAY
        .iter()
        .filter_map(|w| text.find(w).map(|p| p + w.len()))
        .min()
        .unwrap_or(0);
    let cause_end = text[per_day..]
        .find([',', '按'])
        .map_or(text.len(), |e| per_day + e);
    let (cause, rest) = text.split_at(cause_end);
    for words in [cause, rest] {
        if LATE_PAYMENT.iter().any(|w| words.contains(w)) {
            return Obligation::Payment;
        }
        if LATE_PERFORMANCE.iter().any(|w| words.contains(w)) {
            return Obligation::Performance;
        }
    }
    Obligation::Payment
}

/// The first rate written out in a text: `30%`, `0.5‰`, `千分之五`, `万分之3` →
/// (number, `percent`/`per_mille`/`per_ten_thousand`, char index where it starts).
fn written_rate(s: &str) -> Option<(String, &'static str, usize)> {
    const UNITS: &[(&str, char, &str)] = &[
        ("百分之", '%', "percent"),
        ("千分之", '‰', "per_mille"),
        ("万分之", '‱', "per_ten_thousand"),
    ];
    let chars: Vec<char> = s.chars().collect();
    let number = |from: usize| {
        let n = chars[from..]
            .iter()
            .take_while(|c| c.is_ascii_digit() || **c == '.' || super::text::is_cn_digit(**c))
            .count();
        let digits: String = chars[from..from + n].iter().collect();
        let value = crate::core::money::parse_decimal(&digits)
            .ok()
            .map(|_| digits.clone())
            .or_else(|| super::text::cn_number(&digits).map(|v| v.to_string()));
        (value, n)
    };
    for i in 0..chars.len() {
        let rest: String = chars[i..].iter().take(3).collect();
        if let Some((_, _, unit)) = UNITS.iter().find(|(w, _, _)| rest == *w) {
            if let (Some(v), _) = number(i + 3) {
                return Some((v, unit, i));
            }
        }
        let after_digit = i > 0 && (chars[i - 1].is_ascii_digit() || chars[i - 1] == '.');
        if chars[i].is_ascii_digit() && !after_digit {
            let (value, n) = number(i);
            let sign = chars.get(i + n);
            let unit = UNITS.iter().find(|(_, c, _)| Some(c) == sign);
            if let (Some(v), Some((_, _, unit))) = (value, unit) {
                return Some((v, unit, i));
            }
        }
    }
    None
}

fn lump_sums(b: &mut Binder, ss: &[Sentence], penalty_paras: &[usize]) {
    let mut breaches: Vec<String> = Vec::new();
    let per_year = if ss.iter().any(|s| s.has(&["每半年"])) {
        "2"
    } else if ss.iter().any(|s| s.has(&["每季", "每三个月"])) {
        "4"
    } else if ss.iter().any(|s| s.has(&["每月付款"])) {
        "12"
    } else {
        "1"
    };
    let rate_id = b.out.calculators.penalty.as_ref().map(|p| p.rate.clone());
    for s in ss {
        // Breach penalty as a percent of the total (not the per-day rate).
        if s.has(&["违约金"])
            && !s.has(PER_DAY)
            && !s.has(&["最高不超过", "累计不超过", "总额不超过"])
        {
            if let Some((at, f)) = slot_of(b, s, |f| f.kind == BlankType::Percent && !f.zhe) {
                let pid = b.field(f).id.clone();
                if Some(&pid) != rate_id.as_ref() {
                    let before = s.before(at);
                    let total = if before.contains("未履行") {
                        b.add(
                            "unperformed_fees",
                            BlankType::Money,
                            "未履行部分服务费用（元）",
                            "Fees for the unperformed part (yuan)",
                        )
                    } else {
                        b.total()
                    };
                    let id = b.unique(&format!("breach_{}", breaches.len() + 1));
                    breaches.push(id.clone());
                    b.report(
                        "breach_percent",
                        s,
                        vec![("total", total.clone()), ("percent", pid.clone())],
                        None,
                    );
                    b.out
                        .calculators
                        .lump_sum
                        .push(LumpSumBinding::BreachPercent {
                            id,
                            label: Label {
                                zh: format!("违约金{}", breaches.len()),
                                en: format!("Breach penalty {}", breaches.len()),
                            },
                            total,
                            percent: pid,
                        });
                }
            }
        }
        // Maintenance fee: 原购买(价)百分之□ … 维护费.
        if s.has(&["维护费"]) && s.has(&["购买", "购置", "原价"]) {
            if let Some((_, f)) = slot_of(b, s, |f| f.kind == BlankType::Percent && !f.zhe) {
                let pct = b.field(f).id.clone();
                let price = b.add(
                    "purchase_price",
                    BlankType::Money,
                    "设备原购买价格（元）",
                    "Original purchase price (yuan)",
                );
                let vat = b
                    .fields
                    .iter()
                    .find(|x| {
                        x.kind == BlankType::Percent
                            && (x.label.contains("营业税") || x.label.contains("增值税"))
                    })
                    .map(|x| x.id.clone());
                let id = b.unique("maintenance");
                let mut bound = vec![
                    ("purchase_price", price.clone()),
                    ("annual_percent", pct.clone()),
                    ("instalments_per_year", per_year.to_string()),
                ];
                if let Some(v) = &vat {
                    bound.push(("vat_percent", v.clone()));
                }
                b.report("maintenance", s, bound, None);
                b.out
                    .calculators
                    .lump_sum
                    .push(LumpSumBinding::Maintenance {
                        id,
                        label: Label {
                            zh: "年维护费".into(),
                            en: "Annual maintenance fee".into(),
                        },
                        purchase_price: price,
                        annual_percent: pct,
                        instalments_per_year: per_year.into(),
                        vat_percent: vat,
                    });
            }
        }
        // Parts at X折 of the list price.
        if let Some((_, f)) = slot_of(b, s, |f| f.zhe) {
            let zhe = b.field(f).id.clone();
            let price = b.add(
                "list_price",
                BlankType::Money,
                "零件定价（元）",
                "Parts list price (yuan)",
            );
            let id = b.unique("parts_discount");
            b.report(
                "parts_discount",
                s,
                vec![("list_price", price.clone()), ("zhe", zhe.clone())],
                None,
            );
            b.out
                .calculators
                .lump_sum
                .push(LumpSumBinding::PartsDiscount {
                    id,
                    label: Label {
                        zh: "零件折后价".into(),
                        en: "Discounted parts price".into(),
                    },
                    list_price: price,
                    zhe,
                });
        }
    }
    // Caps outside the per-day clause's paragraph cap the lump-sum penalties.
    for s in ss {
        if s.has(&["最高不超过", "累计不超过", "总额不超过"])
            && s.has(&["违约金", "赔偿"])
            && !penalty_paras.contains(&s.para)
        {
            if let Some(pct) = percent_share(b, s) {
                let total = b.total();
                let id = b.unique("penalty_cap");
                b.report(
                    "cap",
                    s,
                    vec![("total", total.clone()), ("percent", pct.clone())],
                    None,
                );
                b.out.calculators.lump_sum.push(LumpSumBinding::Cap {
                    id,
                    label: Label {
                        zh: "违约金上限".into(),
                        en: "Penalty cap".into(),
                    },
                    total,
                    percent: pct,
                    penalties: breaches.clone(),
                });
            }
        }
    }
}

fn devices(b: &mut Binder, ss: &[Sentence]) {
    let Some(s) = ss.iter().find(|s| s.has(&["每增加一台"])) else {
        return;
    };
    let text: Vec<char> = s.text.clone();
    let str_text = s.s();
    let mut list = Vec::new();
    let mut bound = Vec::new();
    let mut from = 0;
    while let Some(rel) = str_text[from..].find("每增加一台") {
        let byte = from + rel;
        let at = str_text[..byte].chars().count() + 5;
        let name: String = text[at..]
            .iter()
            .take_while(|c| !matches!(**c, ',' | '。' | ';' | '□'))
            .collect();
        // The fee: the next money blank, or a written number before 元.
        let fee = s
            .slots
            .iter()
            .find(|(p, f)| *p > at && b.field(*f).kind == BlankType::Money)
            .map(|(_, f)| b.money(*f))
            .or_else(|| {
                let rest: String = text[at..].iter().collect();
                let yuan = rest.find('元')?;
                let d: String = rest[..yuan]
                    .chars()
                    .rev()
                    .take_while(|c| c.is_ascii_digit())
                    .collect();
                (!d.is_empty()).then(|| d.chars().rev().collect())
            });
        let Some(fee) = fee else {
            from = byte + "每增加一台".len();
            continue;
        };
        // Counts: `□台台式机` blanks anywhere, one per kind named (笔记本或者服务器 → two).
        let kinds: Vec<String> = name
            .split(['或', '和', '、'])
            .map(|k| k.trim_start_matches('者').to_string())
            .filter(|k| !k.is_empty())
            .collect();
        let mut counts = Vec::new();
        for k in &kinds {
            for o in ss {
                for (p, f) in &o.slots {
                    let after: String =
                        o.text[p + 1..].iter().take(1 + k.chars().count()).collect();
                    if after == format!("台{k}") && b.field(*f).kind == BlankType::Integer {
                        counts.push(b.field(*f).id.clone());
                    }
                }
            }
        }
        let count = if counts.is_empty() {
            b.add(
                &format!("device_count_{}", list.len() + 1),
                BlankType::Integer,
                &format!("{name}数量（台）"),
                "Device count",
            )
        } else {
            counts.join(" + ")
        };
        bound.push(("device", format!("{name}: {fee} × {count}")));
        list.push(DeviceBinding {
            id: format!("dev{}", list.len() + 1),
            name,
            monthly_fee: fee,
            count,
        });
        from = byte + "每增加一台".len();
    }
    if list.is_empty() {
        return;
    }
    let start = b
        .fields
        .iter()
        .find(|f| {
            f.kind == BlankType::Date && (f.label.contains("起始") || f.label.contains("生效"))
        })
        .map(|f| f.id.clone())
        .unwrap_or_else(|| b.effective_date());
    let months = b.add(
        "device_months",
        BlankType::Integer,
        "设备服务月数",
        "Months of service",
    );
    bound.push(("start", start.clone()));
    bound.push(("months", months.clone()));
    b.report("devices", s, bound, None);
    b.out.calculators.devices = Some(DevicesBinding {
        start,
        months,
        base_monthly_fee: None,
        devices: list,
        changes: None,
        proration: None,
        discount_percent: None,
        vat_percent: None,
        vat_mode: None,
        due_day: None,
        rest_day_rule: None,
    });
    b.out.tables.push((s.para, "devices"));
}
