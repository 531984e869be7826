//! Typing and naming a blank from the words around it.
//!
//! Type, first rule that applies (on simplified, half-width text):
//! - a date marker → `date`; a compound `__万__千__元` → `money`; `、 台` gap → `integer`;
//! - `‰` after it, `[x‰]` or `千分之` before it, `‱` or `万分之` → `percent` (labelled
//!   `（‰）`, `（‱）`: the penalty binder reads the unit from the same words);
//! - `%` after it, `[x%]`, `百分之` before it, or `[百分比]`/`[比例]` → `percent`
//!   (`__折` is a `percent` too, from 0 to 10: the number of 折); a sign the bracket holds
//!   (`[x%]`) or leaves out (`[比例]`) is written after the value (`Typed::sign`);
//! - `大写` just before it → `words` (right after its amount, the contract writes it from the
//!   amount, see `mod.rs`; else it is checked against the money blank before it);
//! - `万元` after it → `money` in 万元 (see `Typed::wan`); `元` after it, `人民币` or `rmb`
//!   before it, or `[金额]` → `money`;
//! - `个工作日` after it → `days` (working); `每月` before it → `integer` (day of month);
//! - `[…日期]` → `date`; `日`/`日内`/`天`/`个自然日` after it, or `[天数]` → `days`
//!   (calendar);
//! - `小时`, `个月`, `年`, `台`, `份`, `次`, `套` … after it, or `[份数]` → `integer`;
//! - a party label before it (`甲方：`, `乙方（受托方）：名称：`, `甲方（盖章）：`),
//!   `[甲方全称]`, or an implicit `甲方：` → `party`;
//! - anything else → `text` (`合同编号` is text, bound to the id `contract_no`).
//!
//! Label: a specific bracket's own words (`[甲方全称]` → 甲方全称); the field label before a
//! colon (`法定代表人：`); for percents, days and amounts in a payment or penalty clause the
//! clause's topic (`预付款比例`, `违约金比例`, `预付款支付期限`); otherwise the words just
//! before the blank, trimmed of function words; then the unit (`（%）`, `（工作日）`, `（年）`,
//! `（万元）` …). A field label after a party name gets the party (`乙方法定代表人`).

use super::blanks::{is_field_label, Marker, Occ, ROLES};
use super::text::{is_cjk, Ch};
use crate::core::calendar::DayKind;
use crate::template::model::BlankType;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typed {
    pub kind: BlankType,
    pub label: String,
    /// Occurrences with the same key are one field (a party, a specific bracket, the
    /// contract number); `None`: this occurrence is its own field.
    pub key: Option<String>,
    /// A meaningful id (`party_a`, `contract_no`), if any.
    pub id: Option<String>,
    pub day_kind: Option<DayKind>,
    /// A money amount the contract states in 万元: the blank holds 万元 (the body keeps
    /// `{{x}}万元`), and a derived `x_yuan = x * 10000` feeds the calculators.
    pub wan: bool,
    /// A `折` count (0–10).
    pub zhe: bool,
    /// An integer that is a day of the month (`每月[x]日前`).
    pub day_of_month: bool,
    /// A value the source wrote in (`__30__`).
    pub default: Option<String>,
    /// The sign the contract writes after the value where the source put it inside the
    /// blank (`[x%]`, `［x％］`, `[x‰]`) or left it out (`[比例]`): the blank stands for the
    /// number, so the sign is text.
    pub sign: Option<char>,
    /// The topic the label came from (`预付款`, `违约金` …), for the clause binder.
    pub topic: Option<&'static str>,
}

/// Words that name what a number in a clause is about, most specific first.
pub const TOPICS: &[&str] = &[
    "首付款",
    "预付款",
    "定金",
    "首期",
    "第二期",
    "第三期",
    "第四期",
    "进度款",
    "尾款",
    "余款",
    "违约金",
    "迟延履行金",
    "滞纳金",
    "维护费",
    "运营费用",
    "服务费",
    "发票",
    "保密期限",
    "有效期",
    "延续",
    "暂停",
    "仲裁",
    "责任限额",
    "营业税",
    "增值税",
    "期票",
    "保养",
    "响应",
];
const PAYMENT_TOPICS: &[&str] = &[
    "首付款",
    "预付款",
    "定金",
    "首期",
    "第二期",
    "第三期",
    "第四期",
    "进度款",
    "尾款",
    "余款",
];

/// Topics a percent or an amount is named after before any other.
const PRIMARY: &[&str] = &[
    "首付款",
    "预付款",
    "定金",
    "首期",
    "第二期",
    "第三期",
    "第四期",
    "进度款",
    "尾款",
    "余款",
    "违约金",
    "迟延履行金",
    "滞纳金",
];

/// Bracket words that say only what kind of value goes there: the same words twice are two
/// different values (`[金额]`, `[x]`, `[具体日期]` …).
const GENERIC: &[&str] = &[
    "金额",
    "数额",
    "数字",
    "数量",
    "天数",
    "天",
    "小时",
    "日期",
    "具体日期",
    "具体时间",
    "时间",
    "具体地点",
    "地点",
    "姓名",
    "职务",
    "电话号码",
    "邮箱地址",
    "份数",
    "百分比",
    "比例",
    "大写金额",
    "具体支付日期",
    "名称",
];

pub fn is_generic(inner: &str) -> bool {
    GENERIC.contains(&inner) || inner.chars().all(|c| c.is_ascii() || c == '%')
}

/// The party id for a role word.
pub fn role_id(role: &str) -> &'static str {
    match role {
        "甲方" => "party_a",
        "乙方" => "party_b",
        "服务方" => "party_provider",
        "客户方" => "party_customer",
        "委托方" => "party_principal",
        _ => "party_agent",
    }
}

/// Text around a blank: `pre` from the start of its clause, `post` to the end of it; other
/// blanks show as `□`, lost-spacing `?` and spaces are dropped.
pub struct Context {
    pub pre: String,
    pub post: String,
    /// The wider text before (up to 80 characters across clauses), for the party in force.
    pub wide: String,
}

/// `stops` marks where paragraphs start: the clause context does not cross them.
pub fn context(chs: &[Ch], occ: &Occ, mask: &[bool], stops: &[bool]) -> Context {
    let mut pre: Vec<char> = Vec::new();
    let mut k = occ.start;
    // An implicit blank sits at the end of its paragraph, where the next one starts.
    let implicit = occ.start == occ.end;
    let stop_at = |k: usize| stops.get(k).copied().unwrap_or(false) && (k < occ.start || !implicit);
    while k > 0 && pre.len() < 60 && !stop_at(k) {
        let c = chs[k - 1].n;
        if super::text::is_hard_stop(c) {
            break;
        }
        if mask[k - 1] {
            if pre.last() != Some(&'□') {
                pre.push('□');
            }
        } else if c != '?' && c != ' ' {
            pre.push(c);
        }
        k -= 1;
    }
    pre.reverse();
    let mut post = String::new();
    let mut k = occ.end;
    while k < chs.len()
        && post.chars().count() < 24
        && !super::text::is_hard_stop(chs[k].n)
        && !(stops[k] && k > occ.end)
    {
        if mask[k] {
            if !post.ends_with('□') {
                post.push('□');
            }
        } else if chs[k].n != ' ' && chs[k].n != '?' {
            post.push(chs[k].n);
        }
        k += 1;
    }
    let from = occ.start.saturating_sub(80);
    let wide = chs[from..occ.start]
        .iter()
        .map(|c| c.n)
        .filter(|c| *c != '?' && *c != ' ')
        .collect();
    Context {
        pre: pre.into_iter().collect(),
        post,
        wide,
    }
}

const SOFT: &[char] = &[
    ',', ':', '(', ')', '、', '□', '[', ']', '《', '》', '"', '“', '”', '~', '/',
];

/// Characters that say nothing on their own: a segment made only of them (and party words)
/// is weak (`并在`, `应在`, `提前`), and the words after the blank name it instead.
const FUNCTION_CHARS: &str = "在并应须需将由对以及和与即于从自至到前后内每为的是按则且其该当";
/// Lead-ins that defer to the words before them (`合同总额:人民币□`).
const LEAD_ONLY: &[&str] = &["人民币", "人民币元", "金额", "计", "共计", "每月"];

fn weak(seg: &str) -> bool {
    // `收到通知的一方应□内回复`: a subject and 应 say less than what follows.
    if seg.ends_with(['应', '须', '需']) {
        return true;
    }
    let mut s = seg.to_string();
    for w in [
        "甲方",
        "乙方",
        "双方",
        "对方",
        "一方",
        "服务方",
        "客户方",
        "提前",
        "超过",
    ] {
        s = s.replace(w, "");
    }
    s.chars().filter(|c| !FUNCTION_CHARS.contains(*c)).count() < 2
}

/// Split at the last soft delimiter: (before, delimiter, after).
fn split_soft(s: &str) -> (&str, Option<char>, &str) {
    match s.char_indices().rev().find(|(_, c)| SOFT.contains(c)) {
        Some((i, c)) => (&s[..i], Some(c), &s[i + c.len_utf8()..]),
        None => ("", None, s),
    }
}

/// The words just before the blank back to a soft delimiter, trimmed of function words. A
/// bare lead-in defers to the words before it; words after a short `label:` keep the label
/// (`验收时间：服务完成后`).
fn segment(pre: &str) -> String {
    let mut s = pre.trim_end_matches([':', ' ']);
    for _ in 0..3 {
        let (before, delim, after) = split_soft(s);
        let seg = trim_words(after);
        if !seg.is_empty() && !LEAD_ONLY.contains(&seg.as_str()) || delim.is_none() {
            if delim == Some(':') && !weak(&seg) {
                let (_, _, label) = split_soft(before);
                let label = trim_words(label);
                if (2..=8).contains(&label.chars().count()) && !seg.contains(&label) {
                    return format!("{label}：{seg}");
                }
            }
            return seg;
        }
        s = before;
    }
    String::new()
}

const LEADING: &[&str] = &[
    "本",
    "甲方",
    "乙方",
    "双方",
    "应",
    "须",
    "需",
    "在",
    "于",
    "即",
    "并",
    "按照",
    "按",
    "若",
    "如",
    "向甲方",
    "向乙方",
    "支付",
    "付给",
    "交付",
    "将",
    "由",
    "给予",
    "经",
    "对",
    "以",
    "则",
];
const TRAILING: &[&str] = &[
    "的",
    "为",
    "是",
    "人民币",
    "每月",
    "约",
    "达",
    "共计",
    "计",
    "按",
    "之",
    "起",
    "第",
    "在",
    "期满前",
    "百分之",
    "前",
    "后",
    "每",
    "至",
    "到",
    "从",
    "不超过",
    "超过",
    "提前",
];

fn trim_words(s: &str) -> String {
    let chars = trimmed(s);
    let from = chars.len().saturating_sub(10);
    chars[from..].iter().collect()
}

/// The words of a segment without function words at either end, CJK and letters only.
fn trimmed(s: &str) -> Vec<char> {
    let mut s = s.trim();
    // `…支付方式本合同总金额` → `本合同总金额`.
    for w in ["本合同", "本协议"] {
        if let Some(i) = s.rfind(w) {
            if i > 0 {
                s = &s[i..];
            }
        }
    }
    loop {
        let before = s;
        for w in LEADING {
            if let Some(r) = s.strip_prefix(w) {
                if r.chars().count() >= 2 {
                    s = r;
                }
            }
        }
        for w in TRAILING {
            if let Some(r) = s.strip_suffix(w) {
                if r.chars().count() >= 2 {
                    s = r;
                }
            }
        }
        if s == before {
            break;
        }
    }
    // `支付的外包售后运营费用` → `外包售后运营费用`.
    if let Some((_, tail)) = s.rsplit_once('的') {
        if tail.chars().filter(|c| is_cjk(*c)).count() >= 2 {
            s = tail;
        }
    }
    s.chars()
        .filter(|c| is_cjk(*c) || c.is_ascii_alphabetic())
        .collect()
}

/// The words after a blank, without its unit (`小时内完成问题解决` → `完成问题解决`).
fn segment_after(post: &str) -> String {
    let mut p = post.trim_start_matches(['□', '、']);
    for w in ["及", "和", "与", "或"] {
        p = p.strip_prefix(w).unwrap_or(p);
    }
    for u in [
        "个工作日内",
        "个工作日",
        "工作日内",
        "日内",
        "天内",
        "小时内",
        "个月内",
        "个月",
        "日",
        "天",
        "小时",
        "年",
        "内",
        "元",
        "%",
        "台",
        "份",
    ] {
        if let Some(r) = p.strip_prefix(u) {
            p = r;
            break;
        }
    }
    let end = p.find(SOFT).unwrap_or(p.len());
    let end = p[..end].find('。').unwrap_or(end);
    trimmed(&p[..end]).into_iter().take(10).collect()
}

/// What a percent is for: `责任限额为…总额的□%` → 责任限额.
fn subject(pre: &str) -> Option<String> {
    let wei = pre.rfind('为')?;
    let (_, _, head) = split_soft(&pre[..wei]);
    let s = trim_words(head);
    (2..=10).contains(&s.chars().count()).then_some(s)
}

/// Words after a text blank that name it (`____仲裁委员会`, `____网站`).
const NAMED_BY_NEXT: &[&str] = &[
    "仲裁委员会",
    "委员会",
    "仲裁",
    "法院",
    "网站",
    "资料",
    "标准",
    "规则",
    "裁决",
];

/// The field label before a colon that ends `pre` (`名称:` → 名称), compact.
fn colon_label(pre: &str) -> Option<String> {
    let s = pre.trim_end_matches(' ');
    let s = s.strip_suffix(':')?;
    // Back over a parenthesis, then over CJK characters.
    let mut depth = 0;
    let mut start = s.len();
    for (i, c) in s.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth > 0 => depth -= 1,
            c if depth > 0 || is_cjk(c) => {}
            _ => break,
        }
        start = i;
    }
    let mut label = &s[start..];
    // Numbering is not part of a label: `(三)付款方式` → 付款方式.
    if label.starts_with('(') {
        if let Some(i) = label.find(')') {
            label = &label[i + 1..];
        }
    }
    (!label.is_empty()).then(|| label.to_string())
}

/// The last party role word in `text`, if any.
fn last_role(text: &str) -> Option<&'static str> {
    // Roles in parentheses describe the one before them: `乙方(受托方)` is 乙方.
    let mut plain = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            // The window began inside a parenthesis.
            ')' => plain.clear(),
            c if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    ROLES
        .iter()
        .filter_map(|r| plain.rfind(r).map(|p| (p, *r)))
        .max_by_key(|(p, _)| *p)
        .map(|(_, r)| r)
}

/// The topic nearest the blank in its clause.
/// The topic nearest the blank in its clause, preferring the `primary` ones.
fn topic(pre: &str, post: &str, primary: &[&str]) -> Option<&'static str> {
    let nearest = |only: &dyn Fn(&str) -> bool| {
        let before = TOPICS
            .iter()
            .filter(|t| only(t))
            .filter_map(|t| pre.rfind(t).map(|p| (pre.len() - p, *t)));
        let after = TOPICS
            .iter()
            .filter(|t| only(t))
            .filter_map(|t| post.find(t).map(|p| (p + 1, *t)));
        before.chain(after).min_by_key(|(d, _)| *d).map(|(_, t)| t)
    };
    nearest(&|t| primary.contains(&t)).or_else(|| nearest(&|_| true))
}

fn starts(post: &str, words: &[&str]) -> bool {
    words.iter().any(|w| post.starts_with(w))
}

pub fn classify(chs: &[Ch], occ: &Occ, mask: &[bool], stops: &[bool]) -> Typed {
    let ctx = context(chs, occ, mask, stops);
    let (pre, post, inner) = (ctx.pre.as_str(), ctx.post.as_str(), occ.inner.as_str());
    let mut t = Typed {
        kind: BlankType::Text,
        label: String::new(),
        key: None,
        id: None,
        day_kind: None,
        wan: false,
        zhe: false,
        day_of_month: false,
        default: None,
        topic: None,
        sign: None,
    };
    if occ.marker == Marker::Underscores && !inner.is_empty() {
        t.default = Some(inner.to_string());
    }
    let bracket = occ.marker == Marker::Bracket;
    let specific = bracket && !is_generic(inner);
    let colon = colon_label(pre);
    let mut unit = "";
    // The sign a bracket holds (`[x%]`, `［x％］`), as written.
    let held = (bracket && occ.end >= occ.start + 2)
        .then(|| chs[occ.start + 1..occ.end - 1].iter().rfind(|c| c.n != ' '))
        .flatten()
        .filter(|c| matches!(c.n, '%' | '‰' | '‱'))
        .map(|c| c.c);

    // Type.
    let p = post.trim_start_matches('□');
    if occ.marker == Marker::Date {
        t.kind = BlankType::Date;
    } else if occ.marker == Marker::Compound {
        t.kind = BlankType::Money;
        unit = "（元）";
    } else if occ.marker == Marker::Gap {
        t.kind = BlankType::Integer;
        unit = "（台）";
    } else if p.starts_with('‰') || pre.ends_with("千分之") || inner.ends_with('‰') {
        t.kind = BlankType::Percent;
        t.sign = held;
        unit = "（‰）";
    } else if p.starts_with('‱') || pre.ends_with("万分之") || inner.ends_with('‱') {
        t.kind = BlankType::Percent;
        t.sign = held;
        unit = "（‱）";
    } else if inner.ends_with('%')
        || p.starts_with('%')
        || pre.ends_with("百分之")
        || (bracket && (inner.contains("百分比") || inner.contains("比例")))
    {
        t.kind = BlankType::Percent;
        // `[x%]%` keeps the one outside; `百分之[x]` needs none.
        if !p.starts_with('%') && !pre.ends_with("百分之") {
            t.sign = Some(held.unwrap_or('%'));
        }
        unit = "（%）";
    } else if p.starts_with('折') {
        t.kind = BlankType::Percent;
        t.zhe = true;
        unit = "（折）";
    } else if pre.ends_with("大写") || pre.ends_with("大写:") || inner.contains("大写") {
        t.kind = BlankType::Words;
    } else if starts(p, &["万元"]) || (p.starts_with('万') && !p.starts_with("万□")) {
        t.kind = BlankType::Money;
        t.wan = true;
        unit = "（万元）";
    } else if p.starts_with('元')
        || pre.ends_with("人民币")
        || pre.ends_with("人民币元")
        || pre.to_ascii_lowercase().ends_with("rmb")
        || (bracket && (inner.contains("金额") || inner.contains("总额")))
    {
        t.kind = BlankType::Money;
        unit = "（元）";
    } else if starts(p, &["个工作日", "工作日"]) {
        t.kind = BlankType::Days;
        t.day_kind = Some(DayKind::Working);
        unit = "（工作日）";
    } else if (pre.ends_with("每月") || pre.ends_with("每月的"))
        && !starts(p, &["个月", "元"])
        && !inner.contains("金额")
        && !inner.contains("费")
    {
        t.kind = BlankType::Integer;
        t.day_of_month = true;
    } else if bracket && inner.contains("日期") {
        t.kind = BlankType::Date;
    } else if starts(p, &["日内", "天内", "天", "个自然日", "自然日", "日"])
        && !p.starts_with("日期")
        || (bracket && (inner == "天数" || inner == "天"))
    {
        t.kind = BlankType::Days;
        t.day_kind = Some(DayKind::Calendar);
        unit = "（日）";
    } else if let Some(u) = [
        "小时", "个月", "年", "台", "份", "次", "套", "页", "名", "人", "个",
    ]
    .iter()
    .find(|u| p.starts_with(*u))
    .or((bracket && inner == "小时").then_some(&"小时"))
    .or((bracket && inner.contains("份数")).then_some(&"份"))
    {
        t.kind = BlankType::Integer;
        unit = match *u {
            "小时" => "（小时）",
            "个月" => "（个月）",
            "年" => "（年）",
            "台" => "（台）",
            "份" => "（份）",
            "次" => "（次）",
            _ => "",
        };
    }

    // Parties.
    let role_in = |s: &str| {
        ROLES
            .iter()
            .find(|r| {
                s.starts_with(*r)
                    || s.contains(&format!("{r}全称"))
                    || s.contains(&format!("{r}名称"))
            })
            .copied()
    };
    if t.kind == BlankType::Text {
        let party = if bracket && (inner.contains("全称") || inner.contains("名称")) {
            role_in(inner).map(|r| (r, inner.to_string()))
        } else if let Some(c) = &colon {
            let base = c.split('(').next().unwrap_or("");
            let signature = ["签字", "签章", "签名"].iter().any(|s| c.contains(s));
            if ROLES.contains(&base) && !signature {
                Some((
                    ROLES
                        .iter()
                        .find(|r| **r == base)
                        .copied()
                        .unwrap_or("甲方"),
                    party_label(c),
                ))
            } else if ["名称", "全称", "公司名称", "单位名称"].contains(&base)
                || ROLES.iter().any(|r| base == format!("{r}名称"))
            {
                last_role(&ctx.wide).map(|r| (r, format!("{r}名称")))
            } else {
                None
            }
        } else if occ.marker == Marker::Implicit && post.starts_with('(') {
            role_in(&post[1..]).map(|r| (r, r.to_string()))
        } else {
            None
        };
        if let Some((role, label)) = party {
            t.kind = BlankType::Party;
            t.label = label;
            t.key = Some(format!("party:{role}"));
            t.id = Some(role_id(role).to_string());
            return t;
        }
    }

    // Contract number.
    if t.kind == BlankType::Text
        && (inner.contains("编号") || colon.as_deref().is_some_and(|c| c.ends_with("编号")))
    {
        t.label = "合同编号".into();
        t.key = Some("contract_no".into());
        t.id = Some("contract_no".into());
        return t;
    }

    // Label.
    let primary: &[&str] = match t.kind {
        BlankType::Percent | BlankType::Money => PRIMARY,
        BlankType::Days => PAYMENT_TOPICS,
        _ => &[],
    };
    // An amount is named by what comes before it (`违约金人民币□元`), not after
    // (`损失□元,…支付违约金`).
    let after_words = if t.kind == BlankType::Money { "" } else { post };
    t.topic = topic(pre, after_words, primary);
    let seg = segment(pre);
    let base = if specific {
        t.key = Some(format!("bracket:{inner}"));
        inner.to_string()
    } else if let Some(c) = colon.filter(|c| c.chars().count() <= 16) {
        let c = c.trim_end_matches(['为', '是']).to_string();
        let c = match last_role(&ctx.wide) {
            Some(r) if !c.contains(r) && is_field_label(&c) => format!("{r}{c}"),
            _ => c,
        };
        if t.kind == BlankType::Date && !c.contains('日') && !c.contains('期') {
            format!("{c}日期")
        } else {
            c
        }
    } else if t.kind == BlankType::Date {
        date_label(pre, p, &seg)
    } else if let Some(tp) = t.topic.filter(|tp| {
        let payment = PAYMENT_TOPICS.contains(tp);
        match t.kind {
            BlankType::Percent | BlankType::Money => payment || PRIMARY.contains(tp),
            BlankType::Days => payment,
            _ => false,
        }
    }) {
        match t.kind {
            BlankType::Percent => format!("{tp}比例"),
            BlankType::Days => format!("{tp}支付期限"),
            _ => format!("{tp}金额"),
        }
    } else if let Some(tp) = PRIMARY
        .iter()
        .find(|w| p.starts_with(&format!("元的{w}")))
        .filter(|_| t.kind == BlankType::Money)
    {
        // `收取□元的违约金`.
        format!("{tp}金额")
    } else if pre.ends_with('每') && t.kind == BlankType::Integer {
        // `每□个月现场保养一次`, `每□个月到期前…支付`: a period.
        let what = t.topic.map_or_else(|| segment_after(p), str::to_string);
        format!("{what}周期")
    } else if let Some(sj) = subject(pre).filter(|_| t.kind == BlankType::Percent) {
        format!("{sj}比例")
    } else if let Some(name) = p
        .strip_prefix('台')
        .filter(|_| t.kind == BlankType::Integer)
        .map(|r| r.split(SOFT).next().unwrap_or("").to_string())
        .filter(|n| n.chars().count() >= 2)
    {
        unit = "（台）";
        format!("{name}数量")
    } else if let Some(noun) = NAMED_BY_NEXT
        .iter()
        .find(|w| p.starts_with(*w))
        .filter(|_| t.kind == BlankType::Text)
    {
        noun.to_string()
    } else if let Some(after) = Some(segment_after(p))
        .filter(|a| !weak(a) && pre.ends_with('、') && t.kind == BlankType::Text)
    {
        // A list item (`文字、□、及电子文件资料`): named by the list's end.
        after
    } else if !weak(&seg) {
        match t.topic {
            Some(tp) if !seg.contains(tp) && t.kind != BlankType::Text => format!("{tp}：{seg}"),
            _ => seg,
        }
    } else {
        let after = segment_after(p);
        if !weak(&after) {
            after
        } else if let Some(tp) = t.topic {
            tp.to_string()
        } else if t.kind == BlankType::Words {
            "大写金额".into()
        } else {
            kind_name(t.kind).into()
        }
    };
    if t.day_of_month {
        let base = if specific {
            base.as_str()
        } else {
            "每月付款日"
        };
        t.label = format!("{base}（每月几日）");
    } else if t.kind == BlankType::Words && !base.contains("大写") {
        t.label = format!("{base}（大写）");
    } else {
        t.label = format!("{base}{unit}");
    }
    t
}

/// A date's label: the words before it, `…起始日期` / `…终止日期` from 起/止 after it, or the
/// `label:` of its clause (`合约起迄日:□至□止` → `合约起迄日（起）`, `合约起迄日（止）`).
fn date_label(pre: &str, post: &str, seg: &str) -> String {
    let start = post.starts_with('起') || post.starts_with("开始");
    let end = post.starts_with('止') || post.starts_with("截止");
    let to = post.starts_with('至');
    if !weak(seg) {
        let seg = seg.trim_end_matches("日期");
        return match (start, end) {
            (true, _) => format!("{seg}起始日期"),
            (_, true) => format!("{seg}终止日期"),
            _ if seg.ends_with('日') => seg.to_string(),
            _ => format!("{seg}日期"),
        };
    }
    let label = pre
        .rfind(':')
        .map(|i| trim_words(split_soft(&pre[..i]).2))
        .filter(|l| l.chars().count() >= 2);
    match (label, start || to, end) {
        (Some(l), true, _) => format!("{l}（起）"),
        (Some(l), _, true) => format!("{l}（止）"),
        (Some(l), _, _) => l,
        (None, true, _) => "起始日期".into(),
        (None, _, true) => "终止日期".into(),
        (None, _, _) => "日期".into(),
    }
}

fn party_label(colon_label: &str) -> String {
    // `甲方(电商平台运营方)` → `甲方（电商平台运营方）`; `甲方(盖章)` → `甲方`.
    match colon_label.split_once('(') {
        Some((role, rest)) if !["盖章", "签章", "签字"].iter().any(|s| rest.contains(s)) => {
            format!("{role}（{}）", rest.trim_end_matches(')'))
        }
        Some((role, _)) => role.to_string(),
        None => colon_label.to_string(),
    }
}

pub fn kind_name(k: BlankType) -> &'static str {
    match k {
        BlankType::Text => "文字",
        BlankType::Party => "当事人",
        BlankType::Money => "金额",
        BlankType::Percent => "百分比",
        BlankType::Integer => "数量",
        BlankType::Days => "天数",
        BlankType::Date => "日期",
        BlankType::Choice => "选项",
        BlankType::Table => "表格",
        BlankType::Words => "大写金额",
    }
}

#[cfg(test)]
mod tests {
    use super::super::blanks::detect;
    use super::super::text::chars;
    use super::*;

    fn typed(s: &str) -> Vec<(BlankType, String)> {
        let chs = chars(s);
        let occs = detect(&chs);
        let mut mask = vec![false; chs.len()];
        for o in &occs {
            mask[o.start..o.end].iter_mut().for_each(|m| *m = true);
        }
        occs.iter()
            .map(|o| {
                let t = classify(&chs, o, &mask, &vec![false; chs.len()]);
                (t.kind, t.label)
            })
            .collect()
    }

    #[test]
    fn types_from_context() {
        use BlankType::*;
        let t = typed("(1)預付款:甲方在合同生效後____個工作日內支付合同總額的____%作為預付款;");
        assert_eq!(t[0], (Days, "预付款支付期限（工作日）".into()));
        assert_eq!(t[1], (Percent, "预付款比例（%）".into()));
        let t = typed("本合同總金額為人民幣______萬元整。");
        assert_eq!(t[0], (Money, "合同总金额（万元）".into()));
        assert_eq!(
            typed("有效期為____年。")[0],
            (Integer, "有效期（年）".into())
        );
        assert_eq!(typed("合同編號:__________")[0], (Text, "合同编号".into()));
        assert_eq!(typed("甲方:[甲方全稱]地址")[0], (Party, "甲方全称".into()));
        assert_eq!(
            typed("乙方(受托方):名稱:______法定代表人:______地址")[1],
            (Text, "乙方法定代表人".into())
        );
        assert_eq!(typed("乙方(受托方):名稱:______")[0].0, Party);
        assert_eq!(typed("每月[具體支付日期]前")[0].0, Integer);
        assert_eq!(
            typed("違約金為合同總金額的____%")[0],
            (Percent, "违约金比例（%）".into())
        );
        assert_eq!(typed("由甲方支付原购买百分之____为")[0].0, Percent);
        assert_eq!(typed("在____小時內響應")[0].0, Integer);
        assert_eq!(typed("逾期超過[x]日的")[0].0, Days);
        assert_eq!(typed("(大寫:[大寫金額])")[0].0, Words);
    }
}
