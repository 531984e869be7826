//! `{{placeholder}}` syntax in the contract body, shared by validation and rendering.
//!
//! ```text
//! {{party_a}}                 a blank or derived value
//! {{words:total}}             the 大写 of a money value
//! {{schedule.0.amount}}       a calculator result: schedule.N.{name,amount,words,percent,due_date,rule},
//!                             schedule.{total,words,count}, penalty.{total,words,days,penalty_days,annual_percent,cap,due_date},
//!                             devices.{total,words,monthly,net,tax}, lump.ID.{amount,words}
//! {{table:schedule}}          a table: schedule, penalty, devices, or a table blank's id
//! ```

/// A piece of paragraph text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Placeholder(Placeholder<'a>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placeholder<'a> {
    Value(&'a str),
    Words(&'a str),
    Calc(Vec<&'a str>),
    Table(&'a str),
}

/// Split a paragraph into text and placeholders; an error gives the byte position.
pub fn split(text: &str) -> Result<Vec<Piece<'_>>, (usize, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(start) = find_pair(rest, b'{') {
        if start > 0 {
            out.push(Piece::Text(&rest[..start]));
        }
        let after = &rest[start + 2..];
        let end = find_pair(after, b'}').ok_or((
            offset + start,
            "“{{”没有对应的“}}” / '{{' is not closed".to_string(),
        ))?;
        let inner = after[..end].trim();
        out.push(Piece::Placeholder(
            parse(inner).map_err(|m| (offset + start, m))?,
        ));
        let consumed = start + 2 + end + 2;
        offset += consumed;
        rest = &rest[consumed..];
    }
    if let Some(stray) = find_pair(rest, b'}') {
        return Err((offset + stray, "多余的“}}” / stray '}}'".into()));
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    Ok(out)
}

/// Position of the first `{{` (or `}}`) in `text`: a byte search, as every paragraph is
/// split again on each keystroke and `str::find(&str)` sets up a general searcher per call.
fn find_pair(text: &str, brace: u8) -> Option<usize> {
    text.as_bytes()
        .windows(2)
        .position(|w| w[0] == brace && w[1] == brace)
}

fn is_ident(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn parse(inner: &str) -> Result<Placeholder<'_>, String> {
    let bad =
        || format!("占位符“{{{{{inner}}}}}”无法识别 / cannot read placeholder '{{{{{inner}}}}}'");
    if let Some(id) = inner.strip_prefix("words:") {
        return if is_ident(id.trim()) {
            Ok(Placeholder::Words(id.trim()))
        } else {
            Err(bad())
        };
    }
    if let Some(id) = inner.strip_prefix("table:") {
        return if is_ident(id.trim()) {
            Ok(Placeholder::Table(id.trim()))
        } else {
            Err(bad())
        };
    }
    let parts: Vec<&str> = inner.split('.').collect();
    if parts.iter().any(|p| !is_ident(p)) {
        return Err(bad());
    }
    match parts[0] {
        "schedule" | "penalty" | "devices" | "lump" if parts.len() > 1 => {
            Ok(Placeholder::Calc(parts))
        }
        _ if parts.len() == 1 => Ok(Placeholder::Value(parts[0])),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_text_and_placeholders() {
        let p = split("甲方{{party_a}}支付{{words:total}}，见{{schedule.0.amount}}。").unwrap();
        assert_eq!(p.len(), 7);
        assert_eq!(p[1], Piece::Placeholder(Placeholder::Value("party_a")));
        assert_eq!(p[3], Piece::Placeholder(Placeholder::Words("total")));
        assert_eq!(
            p[5],
            Piece::Placeholder(Placeholder::Calc(vec!["schedule", "0", "amount"]))
        );
        assert!(split("{{oops").is_err());
        assert!(split("a }} b").is_err());
        assert!(split("{{a b}}").is_err());
        assert!(split("{{x.y}}").is_err());
    }
}
