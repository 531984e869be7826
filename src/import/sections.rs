//! Splitting the text into a title, sections (headings) and paragraphs. Works on run-on
//! text (template sites often lose every line break) as well as on text with lines.
//!
//! Numbering markers, with the guards that keep them from firing inside sentences:
//! - headings: `第X部分`, `第X章`/`第X条`/`第X节` (not after a CJK character: `参照第八条`
//!   is a reference), `一、`/`一.` (not after a CJK character), and `1.` items when the text
//!   has none of the former (contracts numbered `1.` / `1.1` only);
//! - paragraphs: `1.1`/`1.1.1` (only when the first number is the current heading's number,
//!   so `3.4级` under 二、 stays text; not before 万/元/%), `1.`/`1、` items (in sequence:
//!   1, or the previous number plus one or two), `（一）`, `(1)`, and `1)`/`a)` at a line
//!   start; before the first heading, party and number lines of the preamble (`合同编号`,
//!   `甲方（…）：`, `鉴于`); signature lines (`甲方（盖章）`, `甲方签字` …).
//!
//! A heading marker starts a heading only when what follows is a title (`一、设计内容：`,
//! `第三章 费用及支付`), or a title and a colon before run-on text; a numbered sentence
//! (`三、甲方逾期付款的，每逾期一日…`, or with blanks in it) is a paragraph, in the section
//! before it, so no heading cuts a sentence in two.
//!
//! A line that repeats the document's title (`…如何写二`, `…外包合同1`) starts a new
//! contract of a collection: it becomes a heading, and `split_documents` splits there.

use super::blanks::Occ;
use super::furniture::starts_with;
use super::text::{cn_number, is_cjk, is_cn_digit, Ch};
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionSpan {
    /// Empty for the preamble.
    pub heading: Range<usize>,
    pub paragraphs: Vec<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub title: Range<usize>,
    pub sections: Vec<SectionSpan>,
    /// Where each repeated title starts (a new contract of a collection).
    pub doc_starts: Vec<usize>,
    /// Where a paragraph starts at a marker or a line (not where a long heading was cut):
    /// a blank's context does not reach back across these.
    pub stops: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Part,
    Chapter,
    CnItem,
    ParenCn,
    NumItem,
    Decimal,
    ParenNum,
    Preamble,
    Signature,
    TitleLine,
}

#[derive(Debug, Clone, Copy)]
struct Cand {
    at: usize,
    class: Class,
    num: u32,
}

/// Characters before `第X条` that make it a reference to a clause, not its heading.
const REFERENCE_BEFORE: &str = "照见按依据在于和及或至、如反即与由从自经述";

fn n(chs: &[Ch], i: usize) -> char {
    chs.get(i).map_or('\0', |c| c.n)
}

fn prev_is_word(chs: &[Ch], i: usize) -> bool {
    i > 0 && (is_cjk(chs[i - 1].n) || chs[i - 1].n.is_ascii_alphanumeric())
}

/// Digits (or Chinese numerals with `cn`) from `i`: (value, length).
fn number_at(chs: &[Ch], i: usize, cn: bool) -> Option<(u32, usize)> {
    let mut k = i;
    while k < chs.len() && k - i < 4 && (chs[k].n.is_ascii_digit() || (cn && is_cn_digit(chs[k].n)))
    {
        k += 1;
    }
    let s: String = chs[i..k].iter().map(|c| c.n).collect();
    cn_number(&s).map(|v| (v, k - i))
}

fn candidate(chs: &[Ch], i: usize, line_start: bool) -> Option<Cand> {
    let c = chs[i].n;
    let cand = |class, num| Some(Cand { at: i, class, num });
    if c == '第' {
        let (num, len) = number_at(chs, i + 1, true)?;
        let k = i + 1 + len;
        // A reference, not a heading: `参照第八条`, `依照第…`, `本合同第…`.
        if i > 0 && REFERENCE_BEFORE.contains(chs[i - 1].n) {
            return None;
        }
        let (class, after) = if starts_with(chs, k, "部分") {
            (Class::Part, k + 2)
        } else if "章条节".contains(n(chs, k)) {
            (Class::Chapter, k + 1)
        } else {
            return None;
        };
        // After the marker, a title (`第三章 费用`, `第十一章项目管理`), not the rest of a
        // reference (`第八条的`, `第二条规定`, `第五条项下`).
        let next = n(chs, after);
        let reference =
            "的款规约所之中".contains(next) || (next == '项' && n(chs, after + 1) == '下');
        if is_cjk(next) && !reference || matches!(next, ':' | ' ' | '?' | '\n' | '\0') {
            return cand(class, num);
        }
        return None;
    }
    if is_cn_digit(c) && !prev_is_word(chs, i) {
        let (num, len) = number_at(chs, i, true)?;
        let sep = n(chs, i + len);
        let next = n(chs, i + len + 1);
        if matches!(sep, '、' | '.' | '．') && (is_cjk(next) || next == '?' || next == ' ') {
            return cand(Class::CnItem, num);
        }
        return None;
    }
    if c == '(' {
        if let Some((num, len)) = number_at(chs, i + 1, true) {
            if n(chs, i + 1 + len) == ')' {
                let class = if n(chs, i + 1).is_ascii_digit() {
                    Class::ParenNum
                } else {
                    Class::ParenCn
                };
                return cand(class, num);
            }
        }
        return None;
    }
    if c.is_ascii_digit() && !(i > 0 && (chs[i - 1].n.is_ascii_digit() || chs[i - 1].n == '.')) {
        let (num, len) = number_at(chs, i, false)?;
        let k = i + len;
        match n(chs, k) {
            '.' | '．' if n(chs, k + 1).is_ascii_digit() => {
                // 1.1 or 1.1.1
                let (_, l2) = number_at(chs, k + 1, false)?;
                let mut e = k + 1 + l2;
                if n(chs, e) == '.' && n(chs, e + 1).is_ascii_digit() {
                    let (_, l3) = number_at(chs, e + 1, false)?;
                    e += 1 + l3;
                }
                let next = n(chs, e);
                if (is_cjk(next) || matches!(next, '(' | '?' | ' '))
                    && !"亿万千百元%倍个年级".contains(next)
                {
                    return cand(Class::Decimal, num);
                }
                None
            }
            '.' | '．' | '、' => {
                let next = n(chs, k + 1);
                (is_cjk(next) || next == '?').then_some(Cand {
                    at: i,
                    class: Class::NumItem,
                    num,
                })
            }
            ')' if line_start => cand(Class::ParenNum, num),
            _ => None,
        }
    } else if c.is_ascii_lowercase() && n(chs, i + 1) == ')' && line_start {
        cand(Class::ParenNum, 0)
    } else {
        None
    }
}

const PREAMBLE: &[&str] = &[
    "甲方(",
    "甲方:",
    "乙方(",
    "乙方:",
    "服务方(",
    "服务方:",
    "客户方(",
    "客户方:",
    "鉴于",
    "兹有",
    "现经",
];
const SIGNATURES: &[&str] = &[
    "甲方(盖章)",
    "乙方(盖章)",
    "甲方(签章)",
    "乙方(签章)",
    "甲方签字",
    "乙方签字",
    "甲方代表",
    "甲方(签字",
    "乙方(签字",
];

/// The title key: normalised, without a trailing ordinal (`…如何写一` → `…如何写`).
fn title_key(chs: &[Ch], title: &Range<usize>) -> String {
    let s: String = chs[title.clone()].iter().map(|c| c.n).collect();
    let t = s.trim_end_matches(|c: char| c.is_ascii_digit() || is_cn_digit(c));
    t.trim().to_string()
}

fn find_title(chs: &[Ch], blank_at: &[bool]) -> Range<usize> {
    let mut s = 0;
    while s < chs.len() && matches!(chs[s].n, '\n' | '\r' | ' ' | '?') {
        s += 1;
    }
    let line_end = (s..chs.len())
        .find(|&i| chs[i].n == '\n')
        .unwrap_or(chs.len());
    let mut e = s;
    while e < line_end && e - s < 40 {
        let stop = blank_at[e]
            || chs[e].n == '?'
            || (e > s
                && (starts_with(chs, e, "合同编号")
                    || PREAMBLE.iter().any(|p| starts_with(chs, e, p))))
            || (e > s
                && candidate(chs, e, false)
                    .is_some_and(|c| c.class != Class::Decimal && c.class != Class::NumItem))
            || (e > s && starts_with(chs, e, "第一部分"));
        if stop {
            break;
        }
        e += 1;
    }
    while e > s && matches!(chs[e - 1].n, ' ' | '\r') {
        e -= 1;
    }
    // A field label (`签订日期:`), or words that run into a blank, are not a title.
    if chs[s..e].iter().any(|c| c.n == ':') || blank_at.get(e).copied().unwrap_or(false) {
        return s..s;
    }
    s..e
}

pub fn layout(chs: &[Ch], occs: &[Occ]) -> Layout {
    let mut blank_at = vec![false; chs.len()];
    for o in occs {
        blank_at[o.start..o.end].iter_mut().for_each(|b| *b = true);
    }
    let blank_end = |i: usize| occs.iter().any(|o| o.end == i && o.end > o.start);
    let title = find_title(chs, &blank_at);
    let key: Vec<char> = title_key(chs, &title).chars().collect();

    // Candidates.
    let mut cands = Vec::new();
    let mut line_start = true;
    for i in 0..chs.len() {
        let c = chs[i].n;
        if c == '\n' {
            line_start = true;
            continue;
        }
        if title.contains(&i) || blank_at[i] {
            line_start = false;
            continue;
        }
        if line_start && i > title.end && key.len() >= 4 {
            let matches_key = key.iter().enumerate().all(|(k, kc)| n(chs, i + k) == *kc);
            if matches_key {
                cands.push(Cand {
                    at: i,
                    class: Class::TitleLine,
                    num: 0,
                });
            }
        }
        if let Some(cand) = candidate(chs, i, line_start) {
            cands.push(cand);
        } else if (starts_with(chs, i, "合同编号")
            || PREAMBLE.iter().any(|p| starts_with(chs, i, p)))
            && (!prev_is_word(chs, i) || starts_with(chs, i, "合同编号"))
        {
            cands.push(Cand {
                at: i,
                class: Class::Preamble,
                num: 0,
            });
        } else if SIGNATURES.iter().any(|p| starts_with(chs, i, p))
            && (i == 0 || !is_cjk(chs[i - 1].n) || blank_end(i))
        {
            cands.push(Cand {
                at: i,
                class: Class::Signature,
                num: 0,
            });
        }
        if !matches!(c, ' ' | '?' | '\r') {
            line_start = false;
        }
    }
    // A title line swallows the markers inside its own title (`…如何写二`).
    let title_lines: Vec<(usize, usize)> = cands
        .iter()
        .filter(|c| c.class == Class::TitleLine)
        .map(|c| {
            let mut e = c.at + key.len();
            while e < chs.len()
                && e - c.at - key.len() < 2
                && (chs[e].n.is_ascii_digit() || is_cn_digit(chs[e].n))
            {
                e += 1;
            }
            (c.at, e)
        })
        .collect();
    cands.retain(|c| {
        c.class == Class::TitleLine || !title_lines.iter().any(|(s, e)| c.at > *s && c.at < *e)
    });

    // Sequence checks.
    let numitem_heading = !cands
        .iter()
        .any(|c| matches!(c.class, Class::Chapter | Class::CnItem));
    let is_heading = |c: Class| {
        matches!(
            c,
            Class::Part | Class::Chapter | Class::CnItem | Class::TitleLine
        ) || (c == Class::NumItem && numitem_heading)
    };
    let mut top: Option<u32> = None;
    let mut last_item = 0;
    let mut accepted: Vec<Cand> = Vec::new();
    for c in cands {
        let ok = match c.class {
            Class::Part | Class::TitleLine => {
                if !numitem_heading || c.class == Class::TitleLine {
                    last_item = 0;
                }
                if c.class == Class::TitleLine {
                    top = None;
                }
                true
            }
            Class::Chapter | Class::CnItem => {
                top = Some(c.num);
                last_item = 0;
                true
            }
            Class::ParenCn => {
                if !numitem_heading {
                    last_item = 0;
                }
                true
            }
            Class::NumItem => {
                let ok = c.num == 1 || c.num == last_item + 1 || c.num == last_item + 2;
                if ok {
                    last_item = c.num;
                    if numitem_heading {
                        top = Some(c.num);
                    }
                }
                ok
            }
            Class::Decimal => top.is_none_or(|t| t == c.num),
            _ => true,
        };
        if ok {
            accepted.push(c);
        }
    }
    let first_heading = accepted
        .iter()
        .find(|c| is_heading(c.class))
        .map_or(chs.len(), |c| c.at);
    accepted.retain(|c| c.class != Class::Preamble || c.at < first_heading);

    // Pieces between boundaries.
    let mut bounds: Vec<(usize, Option<Class>)> =
        accepted.iter().map(|c| (c.at, Some(c.class))).collect();
    for (i, ch) in chs.iter().enumerate() {
        if ch.n == '\n' {
            bounds.push((i, None));
        }
    }
    bounds.push((title.start, None));
    bounds.push((title.end, None));
    bounds.sort_by_key(|b| b.0);
    bounds.dedup_by_key(|b| b.0);
    let mut sections: Vec<SectionSpan> = Vec::new();
    let mut doc_starts = Vec::new();
    for (k, (start, class)) in bounds.iter().enumerate() {
        let end = bounds.get(k + 1).map_or(chs.len(), |b| b.0);
        if *start >= title.start && end <= title.end {
            continue;
        }
        let piece = trim(chs, *start..end);
        if piece.is_empty() {
            continue;
        }
        let heading = match class {
            // A repeated title starts a contract: a heading whatever it says.
            Some(Class::TitleLine) => {
                doc_starts.push(piece.start);
                Some(cut_heading(chs, piece.clone(), &blank_at).unwrap_or((piece.clone(), None)))
            }
            Some(c) if is_heading(*c) => cut_heading(chs, piece.clone(), &blank_at),
            _ => None,
        };
        match heading {
            Some((heading, rest)) => {
                let mut paragraphs = Vec::new();
                if let Some(r) = rest {
                    paragraphs.push(r);
                }
                sections.push(SectionSpan {
                    heading,
                    paragraphs,
                });
            }
            None => {
                if sections.is_empty() {
                    sections.push(SectionSpan {
                        heading: piece.start..piece.start,
                        paragraphs: Vec::new(),
                    });
                }
                if let Some(s) = sections.last_mut() {
                    s.paragraphs.push(piece);
                }
            }
        }
    }
    let stops = bounds
        .iter()
        .map(|(at, _)| trim(chs, *at..chs.len()).start)
        .collect();
    Layout {
        title,
        sections,
        doc_starts,
        stops,
    }
}

fn trim(chs: &[Ch], r: Range<usize>) -> Range<usize> {
    let (mut s, mut e) = (r.start, r.end);
    let blank = |c: char| matches!(c, ' ' | '\n' | '\r' | '?');
    while s < e && blank(chs[s].n) && !(chs[s].n == '?' && super::blanks::question_is_blank(chs, s))
    {
        s += 1;
    }
    while e > s && matches!(chs[e - 1].n, ' ' | '\n' | '\r') {
        e -= 1;
    }
    s..e
}

/// A numbered line as a heading: its title, and the run-on text after a title that ends in a
/// colon (`第十条争议解决:本合同…`), which is the section's first paragraph. `None` when the
/// line is a sentence (`三、甲方逾期付款的,每逾期一日…`, `第五条 甲方应于…`): that is a
/// numbered paragraph, and a heading must never cut a sentence in two.
fn cut_heading(
    chs: &[Ch],
    r: Range<usize>,
    blank_at: &[bool],
) -> Option<(Range<usize>, Option<Range<usize>>)> {
    if is_title(chs, r.clone(), blank_at) {
        return Some((r, None));
    }
    let colon = (r.start + 2..r.end).find(|&i| chs[i].n == ':')?;
    let rest = trim(chs, colon + 1..r.end);
    is_title(chs, r.start..colon + 1, blank_at)
        .then(|| (r.start..colon + 1, (!rest.is_empty()).then_some(rest)))
}

/// Whether a numbered line reads as a title rather than a sentence: at most 30 characters,
/// no blank, no `,`/`;`/`!`, a `。` only at its end (`二、网页设计项目及价款。`), and its
/// parentheses closed (`（大写：` is inside a sentence).
fn is_title(chs: &[Ch], r: Range<usize>, blank_at: &[bool]) -> bool {
    let last = r.end.saturating_sub(1);
    let depth = chs[r.clone()].iter().fold(0i32, |d, c| match c.n {
        '(' => d + 1,
        ')' => d - 1,
        _ => d,
    });
    r.len() <= 30
        && depth == 0
        && r.clone().all(|i| {
            !blank_at[i] && !matches!(chs[i].n, ',' | ';' | '!') && (chs[i].n != '。' || i == last)
        })
}

#[cfg(test)]
mod tests {
    use super::super::text::{chars, orig};
    use super::*;

    fn show(s: &str) -> (String, Vec<(String, Vec<String>)>) {
        let chs = chars(s);
        let l = layout(&chs, &super::super::blanks::detect(&chs));
        (
            orig(&chs[l.title.clone()]),
            l.sections
                .iter()
                .map(|s| {
                    (
                        orig(&chs[s.heading.clone()]),
                        s.paragraphs.iter().map(|p| orig(&chs[p.clone()])).collect(),
                    )
                })
                .collect(),
        )
    }

    #[test]
    fn a_chapter_titled_with_xiang_is_a_heading() {
        // 第十一章项目管理 is a heading (项 starts its title); 第五条项下 is a reference.
        let (_, s) = show("第十章合同附件10.1附件一:评估报告第十一章項目管理與溝通11.1乙方應指定一名項目經理,按第五条项下的約定執行。第十二章風險控制12.1乙方應制定。");
        let headings: Vec<&str> = s.iter().map(|(h, _)| h.as_str()).collect();
        assert_eq!(
            headings,
            [
                "第十章合同附件",
                "第十一章項目管理與溝通",
                "第十二章風險控制"
            ]
        );
        assert_eq!(
            s[1].1,
            ["11.1乙方應指定一名項目經理,按第五条项下的約定執行。"]
        );
    }

    #[test]
    fn run_on_chapters_and_items() {
        let (title, s) = show("某服務合同合同編號:____甲方(運營方):乙方(服務方):第一章服務內容1.1乙方應評估。1.2乙方提供支持,參照第二章。第二章費用2.1支付方式:(1)預付款:甲方支付。(2)尾款:剩余。3.4級。");
        assert_eq!(title, "某服務合同");
        assert_eq!(s[0].0, "");
        assert_eq!(s[0].1, ["合同編號:____", "甲方(運營方):", "乙方(服務方):"]);
        assert_eq!(s[1].0, "第一章服務內容");
        assert_eq!(s[1].1, ["1.1乙方應評估。", "1.2乙方提供支持,參照第二章。"]);
        assert_eq!(s[2].0, "第二章費用");
        // 3.4 is not under 第二章, so it stays text.
        assert_eq!(
            s[2].1,
            [
                "2.1支付方式:",
                "(1)預付款:甲方支付。",
                "(2)尾款:剩余。3.4級。"
            ]
        );
    }

    #[test]
    fn lines_and_repeated_titles() {
        let (title, s) = show("范文如何写一\n\n乙方:\n\n一、设计内容:\n\n1、甲方负责。\n\n备注:3.4级为主机板\n\n范文如何写二\n\n一.合同有效期:\n\n本合同有效。");
        assert_eq!(title, "范文如何写一");
        let headings: Vec<&str> = s.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            headings,
            ["", "一、设计内容:", "范文如何写二", "一.合同有效期:"]
        );
        assert_eq!(s[1].1, ["1、甲方负责。", "备注:3.4级为主机板"]);
    }

    #[test]
    fn numbered_items_as_headings_when_nothing_else() {
        let (title, s) = show("外包合同第一部分:合同如下:1.合同概述1.1合同期限本合同有效。1.2金额:1.1首付款:付。2.服務內容2.1客戶服務。");
        assert_eq!(title, "外包合同");
        let headings: Vec<&str> = s.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(headings, ["第一部分:合同如下:", "1.合同概述", "2.服務內容"]);
        assert_eq!(s[1].1.len(), 3);
    }
}
