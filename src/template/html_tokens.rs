//! A tokenizer for the HTML our renderers write (tags with `name="value"` attributes,
//! escaped text), used by the widget to patch live HTML in place.

/// A piece of HTML: a tag (`<td class="num">`, `</td>`) or a non-empty text between tags.
#[derive(Debug, PartialEq, Eq)]
pub enum Token<'a> {
    Open(&'a str),
    Close,
    Text(&'a str),
}

/// The tokens of `html` in order, one at a time (a `<` with no closing `>` reads as text).
/// The delimiters are ASCII, so plain byte searches find them (a keystroke tokenizes whole
/// tables: `str::find` with its general searchers cost several times more in wasm).
pub fn tokens(html: &str) -> impl Iterator<Item = Token<'_>> {
    let mut rest = html;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let bytes = rest.as_bytes();
        let close = || find_byte(&bytes[1..], b'>').map(|end| end + 2);
        let (token, len) = match (bytes[0] == b'<').then(close).flatten() {
            Some(len) if bytes.get(1) == Some(&b'/') => (Token::Close, len),
            Some(len) => (Token::Open(&rest[..len]), len),
            None => {
                // Text runs to the next `<` (after a leading unclosed `<`, one byte).
                let skip = usize::from(bytes[0] == b'<');
                let end = find_byte(&bytes[skip..], b'<').map_or(rest.len(), |e| e + skip);
                (Token::Text(&rest[..end]), end)
            }
        };
        rest = &rest[len..];
        Some(token)
    })
}

/// Position of the first `byte` (ASCII) in `bytes`.
pub fn find_byte(bytes: &[u8], byte: u8) -> Option<usize> {
    bytes.iter().position(|&b| b == byte)
}

/// The element name of an opening tag: `td` for `<td class="num">`.
pub fn tag_name(tag: &str) -> &str {
    let inner = tag.trim_start_matches('<');
    let end = inner
        .bytes()
        .position(|b| matches!(b, b' ' | b'/' | b'>'))
        .unwrap_or(inner.len());
    &inner[..end]
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
        let t: Vec<_> = tokens("<td class=\"num\" data-how=\"a &amp; b\">1&lt;2</td>x").collect();
        assert_eq!(
            t,
            [
                Token::Open("<td class=\"num\" data-how=\"a &amp; b\">"),
                Token::Text("1&lt;2"),
                Token::Close,
                Token::Text("x")
            ]
        );
        let odd: Vec<_> = tokens("一<b 二").collect();
        assert_eq!(odd, [Token::Text("一"), Token::Text("<b 二")]);
        assert_eq!(tag_name("<td class=\"num\">"), "td");
        assert_eq!(tag_name("<td>"), "td");
        assert_eq!(tag_name("<br/>"), "br");
        assert_eq!(tag_name("</td>"), "");
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
