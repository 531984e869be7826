//! Page furniture of template websites, removed before anything else:
//! - download notices and site watermarks (本文档下载…, 原创力文档…, 下载后可编辑…),
//!   as whole lines, or to the end of the sentence inside run-on text;
//! - page numbers: lines that are only 第N页 / 共N页 / 第N页共M页 / - N -, and 第N页共M页
//!   anywhere;
//! - comment boxes: lines starting with 评论 / 批注 (or [评论 / [批注);
//! - a table of contents (本合同目录一览 … up to 第一部分), which only repeats the headings;
//! - the end marker 全文完.
//!
//! Repeated site titles (维护客户关系规划书范文如何写一/二/三) are *kept*: they mark where
//! one contract of a collection ends and the next begins, so they become section headings
//! (see `sections`) and `split_documents` splits on them.

use super::text::Ch;
use serde::Serialize;

/// Something removed, for the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    /// `notice`, `page_number`, `comment`, `contents` or `end_marker`.
    pub kind: &'static str,
    /// The removed text (shortened to 40 characters).
    pub text: String,
    /// Byte range in the input.
    pub start: usize,
    pub end: usize,
}

const NOTICES: &[&str] = &[
    "本文档下载",
    "原创力文档",
    "文档下载",
    "下载后可编辑",
    "免费下载",
    "可编辑版",
];

/// Find `pat` (normalised) in `chs[from..]`; returns the start index.
pub fn find(chs: &[Ch], from: usize, pat: &str) -> Option<usize> {
    let p: Vec<char> = pat.chars().collect();
    if p.is_empty() || chs.len() < p.len() {
        return None;
    }
    (from..=chs.len() - p.len()).find(|&i| p.iter().enumerate().all(|(k, c)| chs[i + k].n == *c))
}

pub fn starts_with(chs: &[Ch], at: usize, pat: &str) -> bool {
    pat.chars()
        .enumerate()
        .all(|(k, c)| chs.get(at + k).map(|x| x.n) == Some(c))
}

fn is_page_line(line: &str) -> bool {
    let s: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let page = |s: &str| {
        s.strip_prefix('第')
            .and_then(|r| r.strip_suffix('页'))
            .is_some_and(digits)
    };
    let total = |s: &str| {
        s.strip_prefix('共')
            .and_then(|r| r.strip_suffix('页'))
            .is_some_and(digits)
    };
    if page(&s) || total(&s) {
        return true;
    }
    if let Some(i) = s.find("页共") {
        return page(&s[..i + '页'.len_utf8()]) && total(&s[i + '页'.len_utf8()..]);
    }
    s.strip_prefix('-')
        .and_then(|r| r.strip_suffix('-'))
        .is_some_and(digits)
}

/// Remove furniture; returns the kept characters (positions unchanged) and what went.
pub fn remove(chs: &[Ch]) -> (Vec<Ch>, Vec<Removed>) {
    let mut drop = vec![false; chs.len()];
    let mut removed = Vec::new();
    let mut mark = |drop: &mut [bool], kind: &'static str, a: usize, b: usize| {
        if a >= b {
            return;
        }
        drop[a..b].iter_mut().for_each(|d| *d = true);
        removed.push(Removed {
            kind,
            text: chs[a..b].iter().map(|c| c.c).take(40).collect(),
            start: chs[a].pos,
            end: chs[b - 1].pos + chs[b - 1].c.len_utf8(),
        });
    };

    // Whole lines.
    let mut start = 0;
    while start < chs.len() {
        let end = (start..chs.len())
            .find(|&i| chs[i].n == '\n')
            .unwrap_or(chs.len());
        let line: String = chs[start..end].iter().map(|c| c.n).collect();
        let trimmed = line.trim();
        let short = trimmed.chars().count() <= 60;
        let kind = if trimmed.is_empty() {
            None
        } else if is_page_line(trimmed) {
            Some("page_number")
        } else if ["评论", "批注", "[评论", "[批注"]
            .iter()
            .any(|p| trimmed.starts_with(p))
        {
            Some("comment")
        } else if short && NOTICES.iter().any(|n| trimmed.contains(n)) {
            Some("notice")
        } else {
            None
        };
        if let Some(kind) = kind {
            mark(&mut drop, kind, start, end);
        }
        start = end + 1;
    }

    // Inside run-on text: notices to the end of their sentence, 第N页共M页, 全文完.
    for n in NOTICES {
        let mut from = 0;
        while let Some(i) = find(chs, from, n) {
            let end = (i..chs.len())
                .find(|&k| matches!(chs[k].n, '。' | '\n'))
                .map_or(chs.len(), |k| k + 1);
            if !drop[i] {
                mark(&mut drop, "notice", i, end.min(i + 80));
            }
            from = i + 1;
        }
    }
    let mut from = 0;
    while let Some(i) = find(chs, from, "第") {
        from = i + 1;
        let mut k = i + 1;
        while chs.get(k).is_some_and(|c| c.n.is_ascii_digit()) {
            k += 1;
        }
        if k > i + 1 && starts_with(chs, k, "页共") {
            let mut e = k + 2;
            while chs.get(e).is_some_and(|c| c.n.is_ascii_digit()) {
                e += 1;
            }
            if e > k + 2 && starts_with(chs, e, "页") && !drop[i] {
                mark(&mut drop, "page_number", i, e + 1);
            }
        }
    }
    let mut from = 0;
    while let Some(i) = find(chs, from, "全文完") {
        let end = if starts_with(chs, i + 3, "。") {
            i + 4
        } else {
            i + 3
        };
        mark(&mut drop, "end_marker", i, end);
        from = end;
    }

    // Tables of contents.
    let mut from = 0;
    while let Some(i) = find(chs, from, "目录") {
        from = i + 1;
        let Some(body) = find(chs, i, "第一部分") else {
            break;
        };
        // A contents list is a run of short numbered headings: no sentence ends in it.
        let toc_start = if i >= 3 && starts_with(chs, i - 3, "本合同") {
            i - 3
        } else {
            i
        };
        if body - i < 3000 && !chs[i..body].iter().any(|c| c.n == '。') {
            mark(&mut drop, "contents", toc_start, body);
            from = body;
        }
    }

    let kept = chs
        .iter()
        .zip(&drop)
        .filter(|(_, d)| !**d)
        .map(|(c, _)| *c)
        .collect();
    removed.sort_by_key(|r| r.start);
    (kept, removed)
}

#[cfg(test)]
mod tests {
    use super::super::text::{chars, orig};
    use super::*;

    #[test]
    fn removes_page_lines_notices_and_contents() {
        let src = "服务合同\n第1页共3页\n本文档下载自原创力文档\n一、内容\n- 2 -\n批注 [A1]: 看看\n本合同目录一览1.总则2.费用第一部分:合同如下:1.总则。全文完。";
        let (kept, removed) = remove(&chars(src));
        let text = orig(&kept);
        assert!(!text.contains("第1页"), "{text}");
        assert!(!text.contains("下载"), "{text}");
        assert!(!text.contains("- 2 -"), "{text}");
        assert!(!text.contains("批注"), "{text}");
        assert!(!text.contains("目录"), "{text}");
        assert!(!text.contains("全文完"), "{text}");
        assert!(text.contains("第一部分:合同如下:1.总则。"), "{text}");
        let kinds: Vec<&str> = removed.iter().map(|r| r.kind).collect();
        for k in ["page_number", "notice", "comment", "contents", "end_marker"] {
            assert!(kinds.contains(&k), "{kinds:?}");
        }
    }
}
