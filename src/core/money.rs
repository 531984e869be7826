//! Money: yuan as `Decimal`, with fen (2 places).
//!
//! Every rounding in the core goes through one of the named functions here, never an
//! inline `round_dp`. The default is 四舍五入 (half away from zero) to the fen.
//! Parsing accepts what people type: `12,345.6`, full-width digits `１２３４５`, `1.2万`,
//! `￥1,000元`; anything else gets a specific [`Problem`].

use super::error::{Error, Problem, Result};
use rust_decimal::{Decimal, RoundingStrategy};

/// The largest amount the calculator accepts: 999,999,999,999.99 yuan (9999亿…). 大写 and
/// all arithmetic stay far inside `Decimal`'s range with it.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(276_447_231, 23_283, 0, false, 2);

/// `POW10[k]` = 10^k for every scale a `Decimal` can have (0–28).
const POW10: [u128; 29] = {
    let mut t = [1u128; 29];
    let mut k = 1;
    while k < 29 {
        t[k] = t[k - 1] * 10;
        k += 1;
    }
    t
};

/// 四舍五入 to the fen (half away from zero), result always carrying 2 decimal places.
/// This is the default rounding rule of the whole core.
pub fn round_fen(x: Decimal) -> Decimal {
    let scale = x.scale();
    if scale <= 2 {
        // Already exact to the fen: nothing to round.
        let mut r = x;
        r.rescale(2);
        return r;
    }
    // Half away from zero on the integer mantissa: |m| / 10^(s-2), plus one if the
    // remainder is at least half. (Exact; much cheaper than a general Decimal rounding.)
    let m = x.mantissa();
    let f = POW10[(scale - 2) as usize];
    let q = m.unsigned_abs() / f;
    let r = m.unsigned_abs() - q * f;
    let q = q + u128::from(r * 2 >= f);
    let signed = if m < 0 { -(q as i128) } else { q as i128 };
    Decimal::try_from_i128_with_scale(signed, 2).unwrap_or_else(|_| {
        let mut r = x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        r.rescale(2);
        r
    })
}

/// Round a percentage or rate for display to `dp` places, half away from zero.
pub fn round_display(x: Decimal, dp: u32) -> Decimal {
    x.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// An amount that is already exact to the fen, shown with exactly 2 places (`15` → `15.00`).
/// Returns an error if it is not exact, so no rounding can hide here.
pub fn fen_exact(field: &str, x: Decimal) -> Result<Decimal> {
    if x.normalize().scale() > 2 {
        return Err(Error::new(field, Problem::TooManyDecimals { max: 2 }));
    }
    let mut r = x;
    r.rescale(2);
    Ok(r)
}

/// `a * b`, or an overflow error on `field`.
#[inline]
pub fn mul(field: &str, a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_mul(b)
        .ok_or_else(|| Error::new(field, Problem::Overflow))
}

/// `a + b`, or an overflow error on `field`.
pub fn add(field: &str, a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_add(b)
        .ok_or_else(|| Error::new(field, Problem::Overflow))
}

/// `a / b`, or an error on `field` for division by zero or overflow.
pub fn div(field: &str, a: Decimal, b: Decimal) -> Result<Decimal> {
    if b.is_zero() {
        return Err(Error::rule(field, "除数不能为零", "Division by zero"));
    }
    a.checked_div(b)
        .ok_or_else(|| Error::new(field, Problem::Overflow))
}

/// `amount × percent / 100`, exact (not rounded).
#[inline]
pub fn percent_of(field: &str, amount: Decimal, percent: Decimal) -> Result<Decimal> {
    let mut product = mul(field, amount, percent)?;
    // Dividing by 100 is exact: move the decimal point two places when the scale allows.
    if product.scale() + 2 <= 28 {
        product
            .set_scale(product.scale() + 2)
            .map_err(|_| Error::new(field, Problem::Overflow))?;
        Ok(product)
    } else {
        div(field, product, Decimal::ONE_HUNDRED)
    }
}

/// Check an amount is a valid contract sum: not negative, at most [`MAX_AMOUNT`], fen-exact.
pub fn check_amount(field: &str, x: Decimal) -> Result<Decimal> {
    if x.is_sign_negative() && !x.is_zero() {
        return Err(Error::new(field, Problem::Negative));
    }
    if x > MAX_AMOUNT {
        return Err(Error::new(field, out_of_range_amount()));
    }
    fen_exact(field, x)
}

fn out_of_range_amount() -> Problem {
    Problem::OutOfRange {
        min: "0".into(),
        max: "999,999,999,999.99".into(),
    }
}

/// Check a percentage lies within `0..=max`.
#[inline]
pub fn check_percent(field: &str, x: Decimal, max: Decimal) -> Result<Decimal> {
    if x.is_sign_negative() && !x.is_zero() {
        return Err(Error::new(field, Problem::Negative));
    }
    if x > max {
        return Err(Error::new(
            field,
            Problem::OutOfRange {
                min: "0".into(),
                max: max.normalize().to_string(),
            },
        ));
    }
    Ok(x)
}

/// Parse an amount of money as typed: `12,345.6`, `１２３４５`, `1.2万`, `￥1000元`, `5万元整`.
/// The result is exact to the fen (2 places); more places, negatives, garbage and
/// amounts over [`MAX_AMOUNT`] are errors.
pub fn parse_amount(text: &str) -> std::result::Result<Decimal, Problem> {
    let cleaned = normalize(text);
    let mut s = cleaned.as_str();
    for prefix in ["人民币", "RMB", "rmb", "CNY", "¥", "￥"] {
        s = s.strip_prefix(prefix).unwrap_or(s);
    }
    for suffix in ["整", "正", "元", "圆"] {
        s = s.strip_suffix(suffix).unwrap_or(s);
    }
    let (s, wan) = match s.strip_suffix('万') {
        Some(rest) => (rest, true),
        None => (s, false),
    };
    let mut value = parse_plain_decimal(s)?;
    if wan {
        value = value
            .checked_mul(Decimal::from(10_000))
            .ok_or(Problem::Overflow)?;
    }
    if value.is_sign_negative() && !value.is_zero() {
        return Err(Problem::Negative);
    }
    if value.normalize().scale() > 2 {
        return Err(Problem::TooManyDecimals { max: 2 });
    }
    if value > MAX_AMOUNT {
        return Err(out_of_range_amount());
    }
    let mut v = value;
    v.rescale(2);
    Ok(v)
}

/// Parse a percentage as typed: `5`, `5%`, `５％`, `0.5`. Returns the number of percent.
pub fn parse_percent(text: &str) -> std::result::Result<Decimal, Problem> {
    let cleaned = normalize(text);
    let s = cleaned
        .strip_suffix('%')
        .or_else(|| cleaned.strip_prefix("百分之"))
        .unwrap_or(&cleaned);
    parse_plain_decimal(s)
}

/// Parse a plain decimal number after [`normalize`]: optional sign, digits with optional
/// thousands separators (groups of three), optional fraction.
pub fn parse_decimal(text: &str) -> std::result::Result<Decimal, Problem> {
    parse_plain_decimal(&normalize(text))
}

/// Map full-width characters to ASCII and drop whitespace, so `１２，３４５．６` reads as
/// `12,345.6`.
pub fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '，' => ',',
            '－' | '−' => '-',
            '＋' => '+',
            '％' => '%',
            other => other,
        })
        .collect()
}

fn parse_plain_decimal(s: &str) -> std::result::Result<Decimal, Problem> {
    if s.is_empty() {
        return Err(Problem::Empty);
    }
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let offset = s.chars().count() - body.chars().count();
    if let Some((position, ch)) = body
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
    {
        return Err(Problem::UnexpectedChar {
            ch,
            position: position + offset,
        });
    }
    let not_a_number = || Problem::NotANumber {
        text: s.to_string(),
    };
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if frac_part.is_some_and(|f| f.contains('.') || f.contains(',')) {
        return Err(not_a_number());
    }
    // Thousands separators: only in the integer part, first group 1-3 digits, then groups of 3.
    let digits: String = if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return Err(not_a_number());
        }
        groups.concat()
    } else {
        int_part.to_string()
    };
    let frac = frac_part.unwrap_or("");
    if digits.is_empty() && frac.is_empty() {
        return Err(not_a_number());
    }
    let significant = digits.trim_start_matches('0').len();
    if significant > 15 || frac.len() > 12 {
        return Err(Problem::Overflow);
    }
    let literal = format!(
        "{}{}.{}",
        if negative { "-" } else { "" },
        if digits.is_empty() { "0" } else { &digits },
        if frac.is_empty() { "0" } else { frac }
    );
    literal.parse::<Decimal>().map_err(|_| not_a_number())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn max_amount_is_the_documented_value() {
        assert_eq!(MAX_AMOUNT, d("999999999999.99"));
    }

    #[test]
    fn round_fen_is_half_away_from_zero() {
        assert_eq!(round_fen(d("0.005")).to_string(), "0.01");
        assert_eq!(round_fen(d("0.0049")).to_string(), "0.00");
        assert_eq!(round_fen(d("-0.005")).to_string(), "-0.01");
        assert_eq!(round_fen(d("2.675")).to_string(), "2.68");
        assert_eq!(round_fen(d("15")).to_string(), "15.00");
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(parse_amount("12,345.6").unwrap().to_string(), "12345.60");
        assert_eq!(parse_amount("１２３４５").unwrap().to_string(), "12345.00");
        assert_eq!(
            parse_amount("１２，３４５．６７").unwrap().to_string(),
            "12345.67"
        );
        assert_eq!(parse_amount("1.2万").unwrap().to_string(), "12000.00");
        assert_eq!(parse_amount("5万元整").unwrap().to_string(), "50000.00");
        assert_eq!(parse_amount("￥ 1 000元").unwrap().to_string(), "1000.00");
        assert_eq!(parse_amount("人民币800元").unwrap().to_string(), "800.00");
        assert_eq!(parse_amount(".5").unwrap().to_string(), "0.50");
        assert_eq!(parse_amount("0").unwrap().to_string(), "0.00");
    }

    #[test]
    fn rejects_garbage_with_specific_problems() {
        assert_eq!(parse_amount(""), Err(Problem::Empty));
        assert_eq!(parse_amount("   "), Err(Problem::Empty));
        assert_eq!(
            parse_amount("12a3"),
            Err(Problem::UnexpectedChar {
                ch: 'a',
                position: 2
            })
        );
        assert!(matches!(
            parse_amount("1.2.3"),
            Err(Problem::NotANumber { .. })
        ));
        assert!(matches!(
            parse_amount("12,5"),
            Err(Problem::NotANumber { .. })
        ));
        assert_eq!(
            parse_amount("1.234"),
            Err(Problem::TooManyDecimals { max: 2 })
        );
        assert_eq!(parse_amount("-5"), Err(Problem::Negative));
        assert!(matches!(
            parse_amount("1000000000000"),
            Err(Problem::OutOfRange { .. })
        ));
        assert_eq!(
            parse_amount("99999999999999999999999999999"),
            Err(Problem::Overflow)
        );
        assert!(matches!(
            parse_amount("😀"),
            Err(Problem::UnexpectedChar { .. })
        ));
        assert_eq!(parse_amount("1.23456万").unwrap().to_string(), "12345.60");
        assert_eq!(parse_amount("1.234567万").unwrap().to_string(), "12345.67");
        assert_eq!(
            parse_amount("1.2345678万"),
            Err(Problem::TooManyDecimals { max: 2 })
        );
    }

    #[test]
    fn parses_percentages() {
        assert_eq!(parse_percent("30%").unwrap(), d("30"));
        assert_eq!(parse_percent("５％").unwrap(), d("5"));
        assert_eq!(parse_percent("百分之20").unwrap(), d("20"));
        assert_eq!(parse_percent("0.05").unwrap(), d("0.05"));
    }

    #[test]
    fn fen_exact_refuses_to_round() {
        assert_eq!(fen_exact("x", d("15")).unwrap().to_string(), "15.00");
        assert!(fen_exact("x", d("1.005")).is_err());
    }
}
