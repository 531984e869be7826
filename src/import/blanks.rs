//! Finding the blanks: where the source leaves something to fill in. Typing and naming them
//! is `typing`'s job; this file only says where they are and what marks them.
//!
//! Markers, tried in this order (a character belongs to one blank at most):
//! 1. brackets: `[甲方全称]`, `[x%]`, `【…】` (not `[12]`), and brackets or parentheses
//!    holding only spaces (`[ ]`, `（　　）`);
//! 2. dates: `____年____月____日`, `__20__年__月__日`, `年?月?日`: one date blank, whichever
//!    of the three slots hold underscores, `?` or nothing;
//! 3. compound amounts: `____万____千____元` is one amount (in 元);
//! 4. underscore runs (`＿` too) of two or more; runs separated only by spaces are one blank
//!    (`__ __`), and a short value wrapped in underscores is a blank with that value written
//!    in (`__30__`, `_三_`); letters between runs (`___er___`, mojibake) are part of the blank;
//! 5. a lone `?`/`？` (see [`question_is_blank`] for the heuristic);
//! 6. a gap of spaces before a counting word after a list comma: `、 台笔记本`;
//! 7. implicit blanks: a field label with a colon and nothing after it (`甲方：` at the end of
//!    a line, `地址:?邮编:?电话:` where `?` stands for lost spacing, `甲方（…）：乙方（…）：`
//!    in run-on text), and `兹有（甲方）`. Labels are from a closed list (parties, names,
//!    addresses, phones …); signature lines (签字/盖章/签章) are not blanks.

use super::furniture::starts_with;
use super::text::{is_cjk, Ch};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Marker {
    Bracket,
    Date,
    Compound,
    Underscores,
    Question,
    Gap,
    Implicit,
}

/// One place the source leaves a blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occ {
    /// Character range in the (furniture-free) text; `start == end` for an implicit blank.
    pub start: usize,
    pub end: usize,
    pub marker: Marker,
    /// Bracket contents, or the value written between underscores (`__30__` → `30`),
    /// normalised.
    pub inner: String,
}

pub fn detect(chs: &[Ch]) -> Vec<Occ> {
    let mut taken = vec![false; chs.len()];
    let mut out = Vec::new();
    brackets(chs, &mut taken, &mut out);
    dates(chs, &mut taken, &mut out);
    compounds(chs, &mut taken, &mut out);
    underscores(chs, &mut taken, &mut out);
    questions(chs, &mut taken, &mut out);
    gaps(chs, &mut taken, &mut out);
    implicit(chs, &taken, &mut out);
    out.sort_by_key(|o| (o.start, o.end));
    out
}

fn push(out: &mut Vec<Occ>, taken: &mut [bool], start: usize, end: usize, m: Marker, inner: &str) {
    taken[start..end].iter_mut().for_each(|t| *t = true);
    out.push(Occ {
        start,
        end,
        marker: m,
        inner: inner.to_string(),
    });
}

fn n(chs: &[Ch], i: usize) -> char {
    chs.get(i).map_or('\0', |c| c.n)
}

fn brackets(chs: &[Ch], taken: &mut [bool], out: &mut Vec<Occ>) {
    let mut i = 0;
    while i < chs.len() {
        // `[ ]`, `【　】`, `（　　）`: brackets holding only spaces are a place to write in.
        if matches!(chs[i].n, '[' | '(') && n(chs, i + 1) == ' ' {
            let close = if chs[i].n == '[' { ']' } else { ')' };
            let k = (i + 1..chs.len())
                .find(|&k| chs[k].n != ' ')
                .unwrap_or(chs.len());
            if n(chs, k) == close {
                push(out, taken, i, k + 1, Marker::Bracket, "");
                i = k + 1;
                continue;
            }
        }
        // `（x%）`, `(X)`, `（xx‰）`: parentheses hold running text (`（以下简称甲方）`,
        // `（大写：…）`), so only an x placeholder in them is a blank.
        if chs[i].n == '(' {
            let close = (i + 1..chs.len().min(i + 8)).find(|&k| chs[k].n == ')');
            if let Some(k) = close {
                let inner: String = chs[i + 1..k].iter().map(|c| c.n).collect();
                let inner = inner.trim();
                let xs = inner.trim_end_matches(['%', '‰', '‱']).trim_end();
                if !xs.is_empty() && xs.chars().all(|c| matches!(c, 'x' | 'X')) {
                    push(out, taken, i, k + 1, Marker::Bracket, inner);
                    i = k + 1;
                    continue;
                }
            }
        }
        if chs[i].n == '[' {
            let close = (i + 1..chs.len().min(i + 32))
                .take_while(|&k| !matches!(chs[k].n, '[' | '\n' | '。'))
                .find(|&k| chs[k].n == ']');
            if let Some(k) = close {
                let inner: String = chs[i + 1..k].iter().map(|c| c.n).collect();
                let inner = inner.trim();
                if !inner.is_empty() && !inner.chars().all(|c| c.is_ascii_digit()) {
                    push(out, taken, i, k + 1, Marker::Bracket, inner);
                    i = k + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
}

fn is_slot(c: char) -> bool {
    c == '_' || c == '?' || c == ' ' || c.is_ascii_digit()
}

fn dates(chs: &[Ch], taken: &mut [bool], out: &mut Vec<Occ>) {
    let mut i = 0;
    while i < chs.len() {
        if chs[i].n != '年' || taken[i] {
            i += 1;
            continue;
        }
        let mut ys = i;
        while ys > 0 && i - ys < 12 && is_slot(n(chs, ys - 1)) && !taken[ys - 1] {
            ys -= 1;
        }
        while ys < i && chs[ys].n == ' ' {
            ys += 1;
        }
        let slot_end = |from: usize| {
            let mut k = from;
            while k < chs.len() && k - from < 10 && is_slot(chs[k].n) && !taken[k] {
                k += 1;
            }
            k
        };
        let m = slot_end(i + 1);
        if n(chs, m) != '月' {
            i += 1;
            continue;
        }
        let d = slot_end(m + 1);
        if n(chs, d) != '日' {
            i += 1;
            continue;
        }
        let marked = chs[ys..d].iter().any(|c| c.n == '_' || c.n == '?');
        if marked {
            push(out, taken, ys, d + 1, Marker::Date, "");
            i = d + 1;
        } else {
            i += 1;
        }
    }
}

fn run_end(chs: &[Ch], from: usize) -> usize {
    let mut k = from;
    while n(chs, k) == '_' {
        k += 1;
    }
    k
}

fn compounds(chs: &[Ch], taken: &mut [bool], out: &mut Vec<Occ>) {
    let mut i = 0;
    while i < chs.len() {
        if chs[i].n != '_' || taken[i] || (i > 0 && chs[i - 1].n == '_') {
            i += 1;
            continue;
        }
        let mut k = run_end(chs, i);
        let mut units = 0;
        while "亿万千百".contains(n(chs, k)) && n(chs, k + 1) == '_' {
            units += 1;
            k = run_end(chs, k + 1);
        }
        if units > 0 && n(chs, k) == '元' && !taken[i..k].iter().any(|t| *t) {
            push(out, taken, i, k, Marker::Compound, "");
            i = k;
        } else {
            i += 1;
        }
    }
}

/// A character of a value someone wrote between underscores (`__30__`, `_三_`), or of
/// mojibake letters (`___er___`); a unit ends the blank instead.
fn wrapped_value(c: char) -> bool {
    c.is_ascii_alphanumeric() || (is_cjk(c) && !"元年月日天台份个万千%".contains(c))
}

/// A written-in value is short: up to three digits, letters or Chinese numerals, or one
/// character (`规则进行` between two blanks is text, not a value).
fn short_value(v: &str) -> bool {
    let n = v.chars().count();
    n == 1
        || n <= 3
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || super::text::is_cn_digit(c))
}

fn underscores(chs: &[Ch], taken: &mut [bool], out: &mut Vec<Occ>) {
    let mut i = 0;
    while i < chs.len() {
        if chs[i].n != '_' || taken[i] {
            i += 1;
            continue;
        }
        let mut end = run_end(chs, i);
        let mut count = end - i;
        let mut inner = String::new();
        loop {
            // `__ __`: runs separated by spaces only.
            let mut k = end;
            while n(chs, k) == ' ' {
                k += 1;
            }
            if k > end && n(chs, k) == '_' && !taken[k] {
                let e = run_end(chs, k);
                count += e - k;
                end = e;
                continue;
            }
            // `__30__`: a short value between runs.
            let mut k = end;
            while k < chs.len() && k - end < 4 && wrapped_value(chs[k].n) {
                k += 1;
            }
            let value: String = chs[end..k].iter().map(|c| c.n).collect();
            if k > end && n(chs, k) == '_' && !taken[k] && inner.is_empty() && short_value(&value) {
                // Letters between runs are mojibake, not a value.
                if !value.chars().any(|c| c.is_ascii_alphabetic()) {
                    inner = value;
                }
                let e = run_end(chs, k);
                count += e - k;
                end = e;
                continue;
            }
            break;
        }
        if count >= 2 {
            push(out, taken, i, end, Marker::Underscores, &inner);
        }
        i = end;
    }
}

/// Units that may follow a `?` standing for a number.
const UNITS_AFTER: &[&str] = &[
    "元",
    "%",
    "个工作日",
    "个月",
    "个",
    "日内",
    "日",
    "天",
    "年",
    "台",
    "份",
    "万",
    "小时",
];
/// Words after which a `?` stands for an amount.
const LEAD_INS: &[&str] = &["人民币元", "人民币", "rmb", "RMB", "每日"];

/// The `?` heuristic. Template sites lose spaces, underscores and non-GBK characters as `?`,
/// so a `?` may be a blank (`人民币?元`), lost spacing (`地址:?邮编:`, `公?司?名?称`,
/// `(一)?收取标准`) or mojibake (`確??蛻`, `原因?qū`, `暫?;蚪`). Only the first kind is a
/// blank, and it always sits where a number goes, so a `?` is a blank only when:
/// - it stands alone: no `?` right before or after it, and no Latin letter right after it
///   (`?qū`), nor a non-ASCII letter on either side (mojibake leaves pinyin-like letters);
/// - and either a unit follows (`?元`, `?%`, `?个工作日`, `?日内`, `?年`, `?个月`, `?台` …)
///   or an amount lead-in precedes (`人民币?`, `人民币元?`, `rmb?`, `每日?`).
///
/// Dates (`年?月?日`) are found before this rule. Everything else is left as text (and lone
/// spacing `?` is shown as a space in the body, see `mod.rs`).
pub fn question_is_blank(chs: &[Ch], i: usize) -> bool {
    if n(chs, i) != '?' {
        return false;
    }
    let prev = if i > 0 { chs[i - 1].n } else { '\0' };
    let next = n(chs, i + 1);
    let foreign = |c: char| c.is_alphabetic() && !c.is_ascii() && !is_cjk(c);
    if prev == '?' || next == '?' || next.is_ascii_alphabetic() || foreign(next) || foreign(prev) {
        return false;
    }
    // After a list marker or at a line start it is spacing: `(3)?天然灾害`.
    if matches!(prev, ')' | '\n' | '\0' | ' ') {
        return false;
    }
    if UNITS_AFTER.iter().any(|u| starts_with(chs, i + 1, u)) {
        return true;
    }
    LEAD_INS.iter().any(|l| {
        let len = l.chars().count();
        i >= len && starts_with(chs, i - len, l)
    })
}

fn questions(chs: &[Ch], taken: &mut [bool], out: &mut Vec<Occ>) {
    for i in 0..chs.len() {
        if !taken[i] && question_is_blank(chs, i) {
            push(out, taken, i, i + 1, Marker::Question, "");
        }
    }
}

fn gaps(chs: &[Ch], taken: &mut [bool], out: &mut Vec<Occ>) {
    let mut i = 1;
    while i < chs.len() {
        if chs[i].n == ' ' && matches!(chs[i - 1].n, '、' | ',' | ':' | '(') && !taken[i] {
            let mut k = i;
            while n(chs, k) == ' ' {
                k += 1;
            }
            if "台份套".contains(n(chs, k)) && n(chs, k) != '\0' {
                push(out, taken, i, k, Marker::Gap, "");
            }
            i = k.max(i + 1);
        } else {
            i += 1;
        }
    }
}

/// Field labels that may stand alone with a colon as a blank.
const FIELD_LABELS: &[&str] = &[
    "甲方",
    "乙方",
    "服务方",
    "客户方",
    "委托方",
    "受托方",
    "名称",
    "全称",
    "客户名称",
    "公司名称",
    "单位名称",
    "地址",
    "公司地址",
    "通讯地址",
    "住所",
    "邮编",
    "邮政编码",
    "电话",
    "联系电话",
    "传真",
    "联系人",
    "联络人",
    "身份证号",
    "身份证号码",
    "法定代表人",
    "代表人",
    "联系方式",
    "电子邮箱",
    "电子邮件",
    "邮箱",
    "开户行",
    "开户银行",
    "账号",
    "维护内容",
    "签订地点",
    "签订日期",
    "姓名",
    "职务",
];
pub const ROLES: &[&str] = &["甲方", "乙方", "服务方", "客户方", "委托方", "受托方"];
const SIGNATURE: &[&str] = &["签字", "签章", "盖章", "签名", "印章"];

/// Compact form of a label: without lost-spacing `?` and spaces.
fn compact(chs: &[Ch]) -> String {
    chs.iter()
        .map(|c| c.n)
        .filter(|c| *c != '?' && *c != ' ')
        .collect()
}

/// Whether a (compact) label is a field label: a listed label, a role with a parenthesised
/// description (`甲方(委托方)`), or a role followed by a listed label (`甲方名称`).
pub fn is_field_label(label: &str) -> bool {
    if SIGNATURE.iter().any(|s| label.contains(s)) {
        return false;
    }
    let base = match label.find('(') {
        Some(p) if label.ends_with(')') => &label[..p],
        _ => label,
    };
    FIELD_LABELS.contains(&base)
        || ROLES.iter().any(|r| {
            base.strip_prefix(r)
                .is_some_and(|rest| FIELD_LABELS.contains(&rest))
        })
}

fn is_role_label(label: &str) -> bool {
    let base = label.split('(').next().unwrap_or("");
    ROLES.contains(&base) && !SIGNATURE.iter().any(|s| label.contains(s))
}

/// The label ending just before `colon` (compact), and where it starts.
fn label_before(chs: &[Ch], colon: usize, taken: &[bool]) -> (String, usize) {
    let mut k = colon;
    let mut depth = 0;
    while k > 0 && colon - k < 24 {
        let c = chs[k - 1].n;
        if taken[k - 1] {
            break;
        }
        match c {
            ')' => depth += 1,
            '(' if depth > 0 => depth -= 1,
            '?' | ' ' => {}
            c if is_cjk(c) || (depth > 0 && c != '\n') => {}
            _ => break,
        }
        k -= 1;
    }
    while k < colon && matches!(chs[k].n, '?' | ' ') {
        k += 1;
    }
    (compact(&chs[k..colon]), k)
}

fn implicit(chs: &[Ch], taken: &[bool], out: &mut Vec<Occ>) {
    let mut found = Vec::new();
    // (1) Lines made only of field labels with colons.
    let mut start = 0;
    while start < chs.len() {
        let end = (start..chs.len())
            .find(|&i| chs[i].n == '\n')
            .unwrap_or(chs.len());
        let colons: Vec<usize> = (start..end).filter(|&i| chs[i].n == ':').collect();
        let trailing = colons
            .last()
            .map_or(String::new(), |&c| compact(&chs[c + 1..end]));
        if !colons.is_empty() && trailing.is_empty() && !taken[start..end].iter().any(|t| *t) {
            let mut from = start;
            let mut labels = Vec::new();
            for &c in &colons {
                let label = compact(&chs[from..c]);
                labels.push((label, c));
                from = c + 1;
            }
            if labels
                .iter()
                .all(|(l, _)| is_field_label(l) || is_signature(l))
            {
                for (l, c) in labels {
                    if is_field_label(&l) {
                        found.push(c + 1);
                    }
                }
            }
        }
        start = end + 1;
    }
    // (2) Run-on text: `甲方（…）：` followed by the next party, a heading or the end.
    for i in 0..chs.len() {
        if chs[i].n != ':' || taken.get(i + 1).copied().unwrap_or(false) {
            continue;
        }
        let (label, _) = label_before(chs, i, taken);
        if !is_role_label(&label) || found.contains(&(i + 1)) {
            continue;
        }
        let mut k = i + 1;
        while matches!(n(chs, k), '?' | ' ') {
            k += 1;
        }
        let next_role = ROLES.iter().any(|r| starts_with(chs, k, r))
            && matches!(n(chs, k + 2), '(' | ':')
            || starts_with(chs, k, "服务方(")
            || starts_with(chs, k, "客户方(");
        let heading = n(chs, k) == '第' || k >= chs.len() || n(chs, k) == '\n';
        if next_role || heading {
            found.push(i + 1);
        }
    }
    // (3) `兹有（甲方）` / a line starting with `（乙方）`.
    for i in 0..chs.len() {
        if chs[i].n == '('
            && ROLES.iter().any(|r| starts_with(chs, i + 1, r))
            && n(chs, i + 3) == ')'
        {
            let mut k = i;
            while k > 0 && matches!(chs[k - 1].n, '?' | ' ') {
                k -= 1;
            }
            let line_start = k == 0 || chs[k - 1].n == '\n';
            let after_zy =
                k >= 2 && (starts_with(chs, k - 2, "兹有") || starts_with(chs, k - 2, "茲有"));
            if line_start || after_zy {
                found.push(i);
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    for at in found {
        out.push(Occ {
            start: at,
            end: at,
            marker: Marker::Implicit,
            inner: String::new(),
        });
    }
}

fn is_signature(label: &str) -> bool {
    SIGNATURE.iter().any(|s| label.contains(s))
}

#[cfg(test)]
mod tests {
    use super::super::text::chars;
    use super::*;

    fn found(s: &str) -> Vec<(Marker, String)> {
        let chs = chars(s);
        detect(&chs)
            .into_iter()
            .map(|o| {
                (
                    o.marker,
                    chs[o.start..o.end].iter().map(|c| c.c).collect::<String>(),
                )
            })
            .collect()
    }

    #[test]
    fn mojibake_question_marks_are_not_blanks() {
        assert!(found("原因?qū導致本協議無法履行").is_empty());
        assert!(found("確??蛻魸M意").is_empty());
        assert!(found("暫?;蚪K止服務").is_empty());
        assert!(found("外包售後運營協議書?甲方(委托方)").is_empty());
        assert!(found("(一)?收取标准,由甲方支付").is_empty());
        assert!(found("公?司?名?称?:张三").is_empty());
    }

    #[test]
    fn lone_question_marks_where_numbers_go_are_blanks() {
        assert_eq!(found("付给乙方人民币?元;").len(), 1);
        assert_eq!(found("通知的?日内对整个方案").len(), 1);
        assert_eq!(found("总价款的?%,即人民币?元").len(), 2);
        assert_eq!(found("违约金人民币元?(rmb?);").len(), 2);
        assert_eq!(found("合同的有效期为?年。").len(), 1);
    }

    #[test]
    fn dates_are_one_blank() {
        let f = found("签订日期:______年____月____日乙方");
        assert_eq!(f, vec![(Marker::Date, "______年____月____日".to_string())]);
        assert_eq!(found("本合同从__20_____年___月____日起").len(), 1);
        assert_eq!(found("\n年?月?日\n")[0].0, Marker::Date);
        assert!(found("自2024年1月1日起").is_empty());
    }

    #[test]
    fn underscore_forms() {
        assert_eq!(
            found("人民币__ __元(大写___ ______)"),
            vec![
                (Marker::Underscores, "__ __".to_string()),
                (Marker::Underscores, "___ ______".to_string())
            ]
        );
        let chs = chars("维护费增加__30__元");
        let o = detect(&chs);
        assert_eq!(o.len(), 1);
        assert_eq!(o[0].inner, "30");
        assert_eq!(found("人民币____万____千____元整")[0].0, Marker::Compound);
        assert_eq!(found("就甲方的_____er_____网站建设").len(), 1);
        assert_eq!(found("星期_三_。")[0].1, "_三_");
        assert!(found("a_b").is_empty());
        assert_eq!(
            found("总额的[ ]%及（　　）%"),
            [
                (Marker::Bracket, "[ ]".to_string()),
                (Marker::Bracket, "（　　）".to_string())
            ]
        );
        assert!(found("甲方()及(盖章)[]").is_empty());
        // An x placeholder in parentheses is a blank; other parenthesised text is not.
        assert_eq!(
            found("按未支付金额的（x%）支付，逾期(X)日，（xx‰）"),
            [
                (Marker::Bracket, "（x%）".to_string()),
                (Marker::Bracket, "(X)".to_string()),
                (Marker::Bracket, "（xx‰）".to_string())
            ]
        );
        assert!(found("（以下简称甲方）（x光机）(max)(%)").is_empty());
    }

    #[test]
    fn implicit_fields() {
        let f = found("電商服務合同合同編號:____甲方(電商平臺運營方):乙方(服務提供方):第一章");
        assert_eq!(f.iter().filter(|(m, _)| *m == Marker::Implicit).count(), 2);
        assert_eq!(found("地址:?邮编:?电话:?传真:\n乙方:\n").len(), 5);
        assert!(found("甲方签字:?乙方签字:\n").is_empty());
        assert!(found("代?表?人:?签?章\n").is_empty());
        assert!(found("甲方(委托方):名称:____").len() == 1);
        assert_eq!(found("茲有(甲方)\n(乙方)\n").len(), 2);
        assert!(found("1.3.1服務方聯系方式:電話:[電話號碼]").len() == 1);
    }
}
