//! A tokenizer for the HTML our renderers write (tags with `name="value"` attributes,
//! escaped text), used by the widget to patch live HTML in place.

/// A piece of HTML: a tag (`<td class="num">`, `</td>`) or a non-empty text between tags.
#[derive(Debug, PartialEq, Eq)]
pub enum Token<'a> {
    Open(&'a str),
    Close,
    Text(&'a str),
}

pub fn tokens(html: &str) -> Option<Vec<Token<'_>>> {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('<') {
            let end = after.find('>')?;
            let tag = &rest[..end + 2];
            out.push(if tag.starts_with("</") {
                Token::Close
            } else {
                Token::Open(tag)
            });
            rest = &rest[end + 2..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            out.push(Token::Text(&rest[..end]));
            rest = &rest[end..];
        }
    }
    Some(out)
}

pub fn tag_name(tag: &str) -> &str {
    let inner = tag.trim_start_matches('<').trim_end_matches('>');
    inner.split([' ', '/']).next().unwrap_or("")
}

/// `name="value"` pairs of an opening tag (values unescaped).
pub fn attributes(tag: &str) -> Vec<(&str, String)> {
    let mut out = Vec::new();
    let inner = tag.trim_start_matches('<').trim_end_matches('>');
    let mut rest = inner.split_once(' ').map_or("", |(_, r)| r);
    while let Some((name, after)) = rest.split_once("=\"") {
        let Some(end) = after.find('"') else { break };
        out.push((name.trim(), unescape(&after[..end])));
        rest = &after[end + 1..];
    }
    out
}

pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_and_reads_attributes() {
        let t = tokens("<td class=\"num\" data-how=\"a &amp; b\">1&lt;2</td>x").unwrap();
        assert_eq!(t.len(), 4);
        assert_eq!(tag_name("<td class=\"num\">"), "td");
        assert_eq!(
            attributes("<td class=\"num\" data-how=\"a &amp; b\">"),
            [
                ("class", "num".to_string()),
                ("data-how", "a & b".to_string())
            ]
        );
        assert_eq!(unescape("1&lt;2 &amp;lt;"), "1<2 &lt;");
    }
}
