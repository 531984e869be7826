//! Money: yuan as `Decimal`, with fen (2 places).
//!
//! Every rounding in the core goes through one of the named functions here, never an
//! inline `round_dp`. The default is 四舍五入 (half away from zero) to the fen.
//! Parsing accepts what people type: `12,345.6`, full-width digits `１２３４５`, `1.2万`,
//! `￥1,000元`; anything else gets a specific [`Problem`].

use super::error::{Error, Problem, Result};
use super::words::{is_numeral, is_plain_numeral};
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

/// Rounded down (toward zero) to the fen, result always carrying 2 places: `1.6666…` →
/// `1.66`. Only for the equal rows of an instalment whose 四舍五入 rows would add up to more
/// than the instalment (see [`super::schedule::equal_row`]).
pub fn round_fen_down(x: Decimal) -> Decimal {
    let mut r = x.round_dp_with_strategy(2, RoundingStrategy::ToZero);
    r.rescale(2);
    r
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

/// Parse an amount of money as typed: `12,345.6`, `１２３４５`, `1.2万`, `12万5千`, `1亿2000万`,
/// `￥1000元`, `5万元整`, or in 大写 (`人民币壹拾贰万伍仟元整`, `人民币零元整`, `叄萬圓整`: whatever
/// [`parse_amount_in_words`](super::words::parse_amount_in_words) reads).
/// The result is exact to the fen (2 places); more places, negatives, garbage, ambiguous
/// units (`12万5`: 12万5千 or 12万零5?) and amounts over [`MAX_AMOUNT`] are errors.
pub fn parse_amount(text: &str) -> std::result::Result<Decimal, Problem> {
    let cleaned = normalize(text);
    let no_digits = !cleaned.chars().any(|c| c.is_ascii_digit());
    // An amount in everyday Chinese numerals (三十六万, 十二万五千, 两千) is 大写 written
    // plainly, read by the same rules. (A numeral is needed, or a leading 十: 十万. Units
    // alone, 千万, stay a units error.)
    let plain = no_digits && (cleaned.chars().any(is_plain_numeral) || cleaned.starts_with('十'));
    // 大写 is text with a 大写 numeral as parse_amount_in_words reads them (叄, 什 …), or,
    // with no digit 0–9, a zero (人民币零元整, as amount_in_words writes 0). With digits, a
    // 零 joins parts (12万零500).
    let zero = |c: char| matches!(c, '零' | '〇');
    if plain
        || cleaned
            .chars()
            .any(|c| is_numeral(c) && (!zero(c) || no_digits))
    {
        let mut v = super::words::read_words(&cleaned, plain).map_err(|e| e.problem)?;
        if v.is_sign_negative() && !v.is_zero() {
            return Err(Problem::Negative);
        }
        v.rescale(2);
        return Ok(v);
    }
    let mut s = cleaned.as_str();
    for prefix in ["人民币", "RMB", "rmb", "CNY", "¥", "￥"] {
        s = s.strip_prefix(prefix).unwrap_or(s);
    }
    for suffix in ["整", "正", "元", "圆"] {
        s = s.strip_suffix(suffix).unwrap_or(s);
    }
    let value = parse_with_units(s)?;
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

/// The size of a unit an amount may be typed with: 亿 and 万 close a group (`3千5百万`), 千, 百
/// and 十 write one.
fn unit_size(unit: char) -> Option<u64> {
    Some(match unit {
        '亿' => 100_000_000,
        '万' => 10_000,
        '千' => 1_000,
        '百' => 100,
        '十' => 10,
        _ => return None,
    })
}

/// The unit left out when a number is spoken short after `unit`: 十二万五 is 12万5千, 一亿五
/// is 1亿5千万 (after 十 nothing is left out: 3十5 is 35).
fn spoken_after(unit: char) -> &'static str {
    match unit {
        '亿' => "千万",
        '万' => "千",
        '千' => "百",
        _ => "十",
    }
}

/// A number written with units (`1亿2000万`, `12万5千`, `3千5百`, `3千5百万`, `1.2千万`, `12万零500`,
/// `1.2万`), or none. It is read in groups, as Chinese numbers are: a group is written with
/// 千, 百 and 十 (`3千5百`) or with digits (`2000`), and 万 or 亿 after a group multiplies it
/// (`3千5百万` = 3,500 × 1万, `1千亿`). Units go from large to small, each part smaller than
/// the unit before it, a 零 only between two parts, decimals only in the last number.
///
/// Two ways of writing are refused as ambiguous, each message naming both readings. A single
/// digit after a unit (`12万5`, `3千5万`): spoken, 十二万五 is 125,000; written, 12万 + 5 is
/// 120,005 (after 十 it is simply the units digit: `3十5` = 35). And a group of 千 right
/// after 亿 that no 万 closes (`1亿5千`): spoken, 一亿五千 is 1亿5千万; written, 1亿 + 5千 is
/// 1亿零5千.
fn parse_with_units(s: &str) -> std::result::Result<Decimal, Problem> {
    let malformed = || {
        Problem::Rule {
        zh: format!("看不懂“{s}”的单位：单位从大到小（亿、万、千、百、十，也可连用，如千万），每节小于上一个单位，“零”只写在两节之间，只有最后一节带小数，如“1亿2000万”“3千5百万”“12万零500”“1.2万”"),
        en: format!("Cannot read the units of '{s}': units go from large to small (亿, 万, 千, 百, 十, also together, as in 千万), each part under the unit before it, 零 only between two parts, decimals only in the last part, as in 1亿2000万, 3千5百万, 12万零500, 1.2万"),
    }
    };
    let ambiguous = |one: String, other: String| Problem::Rule {
        zh: format!("“{s}”读法不一：是“{one}”还是“{other}”？请写明其一"),
        en: format!("'{s}' is ambiguous: {one} or {other}? Please write which"),
    };
    // The parts: a number (possibly empty), where it starts (byte, character), and what ends
    // it: a unit, 零, or the end of the text.
    let mut parts = Vec::new();
    let (mut start, mut start_char) = (0, 0);
    for (k, (i, c)) in s.char_indices().enumerate() {
        if c == '零' || unit_size(c).is_some() {
            parts.push((&s[start..i], start, start_char, Some(c)));
            (start, start_char) = (i + c.len_utf8(), k + 1);
        }
    }
    if start < s.len() || parts.is_empty() {
        parts.push((&s[start..], start, start_char, None));
    }

    let mut total = Decimal::ZERO;
    // The group being read: its value so far, its last 千/百/十, and where it starts.
    let (mut group, mut small, mut group_start) = (Decimal::ZERO, None::<char>, 0);
    // The last 亿 or 万; whether a 零 came just before; whether a number had decimals (it
    // must be the last); whether the group is one of 千 right after 亿.
    let (mut big, mut zero, mut decimals, mut qian_after_yi) = (None::<char>, false, false, false);
    let size = |unit: char| Decimal::from(unit_size(unit).unwrap_or(1));
    let times = |n: Decimal, unit: char| mul("", n, size(unit)).map_err(|e| e.problem);
    let plus = |a: Decimal, b: Decimal| add("", a, b).map_err(|e| e.problem);
    for (k, &(number, at, at_char, end)) in parts.iter().enumerate() {
        if end == Some('零') {
            if !number.is_empty() || k == 0 || zero || decimals || k + 1 == parts.len() {
                return Err(malformed());
            }
            zero = true;
            continue;
        }
        // A part's own errors point into the whole text; a sign only leads the first part.
        let n = if number.is_empty() && end.is_some() {
            None
        } else if decimals {
            return Err(malformed());
        } else {
            let n = match parse_plain_decimal(number) {
                Err(Problem::UnexpectedChar { ch, position }) => {
                    return Err(Problem::UnexpectedChar {
                        ch,
                        position: position + at_char,
                    })
                }
                Ok(_) if k > 0 && number.starts_with(['-', '+']) => {
                    return Err(Problem::UnexpectedChar {
                        ch: number.chars().next().unwrap_or('-'),
                        position: at_char,
                    })
                }
                other => other?,
            };
            decimals = !n.fract().is_zero();
            Some(n)
        };
        // A number after a 千/百/十 of its group, with no unit of its own: the units digit.
        let units_digit = |n: Decimal, before: char| {
            if number.len() == 1 && !zero && before != '十' {
                let (head, tail) = (&s[..at], &s[at + 1..]);
                return Err(ambiguous(
                    format!("{head}{number}{}{tail}", spoken_after(before)),
                    format!("{head}零{number}{tail}"),
                ));
            }
            if n >= size(before) {
                return Err(malformed());
            }
            Ok(n)
        };
        match end {
            // 千, 百, 十: a part of the group.
            Some(unit @ ('千' | '百' | '十')) => {
                let Some(n) = n else {
                    return Err(malformed());
                };
                match small {
                    Some(before)
                        if size(unit) >= size(before) || n >= size(before) / size(unit) =>
                    {
                        return Err(malformed())
                    }
                    Some(_) => {}
                    None => {
                        group_start = at;
                        // 1亿5千 (1亿12千 cannot mean 12千万, nor 1亿0千 two things).
                        qian_after_yi = unit == '千'
                            && big == Some('亿')
                            && !zero
                            && n > Decimal::ZERO
                            && n < Decimal::TEN;
                    }
                }
                group = plus(group, times(n, unit)?)?;
                small = Some(unit);
            }
            // 亿, 万: the group is complete, and multiplied.
            Some(unit) => {
                let whole = match (n, small) {
                    (None, Some(_)) if !zero => group,
                    (None, _) => return Err(malformed()),
                    (Some(n), None) => n,
                    (Some(n), Some(before)) => plus(group, units_digit(n, before)?)?,
                };
                if big.is_some_and(|b| size(unit) >= size(b) || whole >= size(b) / size(unit)) {
                    return Err(malformed());
                }
                total = plus(total, times(whole, unit)?)?;
                (group, small, big, qian_after_yi) = (Decimal::ZERO, None, Some(unit), false);
            }
            // The end: the last group's units.
            None => {
                let Some(n) = n else {
                    return Err(malformed());
                };
                match (small, big) {
                    (None, None) => return Ok(n),
                    (Some(before), _) => group = plus(group, units_digit(n, before)?)?,
                    (None, Some(before)) => {
                        if number.len() == 1 && !zero {
                            return Err(ambiguous(
                                format!("{s}{}", spoken_after(before)),
                                format!("{}零{number}", &s[..at]),
                            ));
                        }
                        group = n;
                    }
                }
            }
        }
        zero = false;
    }
    // The last group, closed by no 亿 or 万.
    if qian_after_yi {
        return Err(ambiguous(
            format!("{s}万"),
            format!("{}零{}", &s[..group_start], &s[group_start..]),
        ));
    }
    if big.is_some_and(|b| group >= size(b)) {
        return Err(malformed());
    }
    plus(total, group)
}

/// Parse a percentage as typed: `5`, `5%`, `５％`, `百分之5`, `0.5`; a rate per day also as
/// written in contracts, `0.5‰` / `千分之0.5` / `万分之五` / `5‱` (single Chinese digits and 点
/// read as digits). Returns the number of percent: `万分之五` → `0.05`.
pub fn parse_percent(text: &str) -> std::result::Result<Decimal, Problem> {
    let cleaned = normalize(text);
    let c = cleaned.as_str();
    // The number, and how many of it make one percent.
    let (number, per_percent) = if let Some(n) = c.strip_suffix('‰').or(c.strip_prefix("千分之"))
    {
        (n, 10)
    } else if let Some(n) = c.strip_suffix('‱').or(c.strip_prefix("万分之")) {
        (n, 100)
    } else {
        let n = cleaned
            .strip_suffix('%')
            .or_else(|| cleaned.strip_prefix("百分之"));
        (n.unwrap_or(&cleaned), 1)
    };
    // 三十, 十五: whole numbers in everyday numerals, read as amounts are (三点五 and 0.5 by digit).
    let plain = !number
        .chars()
        .any(|c| c.is_ascii_digit() || c == '.' || c == '点')
        && (number.starts_with('十') || number.chars().any(is_plain_numeral));
    if plain {
        let n = super::words::read_words(number, true).map_err(|e| e.problem)?;
        return Ok(n.normalize() / Decimal::from(per_percent));
    }
    let digits: String = number
        .chars()
        .map(|c| match c {
            '零' | '〇' => '0',
            '一' => '1',
            '二' | '两' => '2',
            '三' => '3',
            '四' => '4',
            '五' => '5',
            '六' => '6',
            '七' => '7',
            '八' => '8',
            '九' => '9',
            '点' => '.',
            other => other,
        })
        .collect();
    // Exact: a power of ten divides any decimal without remainder.
    Ok(parse_plain_decimal(&digits)? / Decimal::from(per_percent))
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
    // At most 27 digits: the mantissa fits (`Decimal::from_str` would also link a parser of
    // scientific notation, which nothing here accepts).
    let mut mantissa: i128 = 0;
    for b in digits.bytes().chain(frac.bytes()) {
        mantissa = mantissa * 10 + i128::from(b - b'0');
    }
    if negative {
        mantissa = -mantissa;
    }
    Decimal::try_from_i128_with_scale(mantissa, frac.len() as u32).map_err(|_| not_a_number())
}

/// A plain number written with thousands separators in its whole part (`18250` → `18,250`,
/// `-1234.5` → `-1,234.5`); any other text (`600 rows`) as it is. For numbers in messages.
pub fn grouped(number: &str) -> String {
    let (sign, rest) = match number.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", number),
    };
    let (whole, fraction) = rest.split_once('.').unwrap_or((rest, ""));
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return number.to_string();
    }
    let mut out = String::from(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// Money with thousands separators and fen: `360000` → `360,000.00`.
/// Works on the amount in fen as an integer (it runs for every cell of every table on each
/// keystroke, and is several times faster than formatting the `Decimal`).
pub fn fmt_money(d: Decimal) -> String {
    let mut r = round_fen(d);
    r.rescale(2);
    // |r| in fen as a u64 (u128 division is a slow library call in wasm). Beyond 10^17 yuan,
    // where no contract goes, plain digits without separators.
    let fen = u64::try_from(r.mantissa().unsigned_abs());
    let (2, Ok(mut fen)) = (r.scale(), fen) else {
        return r.to_string();
    };
    // Written right to left into a buffer on the stack, then copied once: u64::MAX fen has
    // 18 yuan digits, 5 separators, the point, 2 fen digits and a sign, 27 bytes.
    let mut buf = [0u8; 27];
    let mut at = buf.len();
    let mut put = |b: u8| {
        at -= 1;
        buf[at] = b;
    };
    for _ in 0..2 {
        put(b'0' + (fen % 10) as u8);
        fen /= 10;
    }
    put(b'.');
    let mut digits = 0u32;
    loop {
        if digits > 0 && u32::is_multiple_of(digits, 3) {
            put(b',');
        }
        put(b'0' + (fen % 10) as u8);
        digits += 1;
        fen /= 10;
        if fen == 0 {
            break;
        }
    }
    if r.is_sign_negative() && !r.is_zero() {
        put(b'-');
    }
    // ASCII only, so never lossy.
    String::from_utf8_lossy(&buf[at..]).into_owned()
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
    fn round_fen_down_is_toward_zero() {
        assert_eq!(round_fen_down(d("1.6666")).to_string(), "1.66");
        assert_eq!(round_fen_down(d("0.0099")).to_string(), "0.00");
        assert_eq!(round_fen_down(d("2.675")).to_string(), "2.67");
        assert_eq!(round_fen_down(d("15")).to_string(), "15.00");
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
    fn parses_amounts_written_with_units() {
        let ok = |s: &str| parse_amount(s).map(|v| v.to_string());
        assert_eq!(ok("12万5千").unwrap(), "125000.00");
        assert_eq!(ok("12万5000").unwrap(), "125000.00");
        assert_eq!(ok("12万500").unwrap(), "120500.00");
        assert_eq!(ok("12万零500").unwrap(), "120500.00");
        assert_eq!(ok("12万零5").unwrap(), "120005.00");
        assert_eq!(ok("1亿2000万").unwrap(), "120000000.00");
        assert_eq!(ok("1亿零500万").unwrap(), "105000000.00");
        assert_eq!(ok("3千5百").unwrap(), "3500.00");
        assert_eq!(ok("3千5百元整").unwrap(), "3500.00");
        assert_eq!(ok("人民币12万5千元").unwrap(), "125000.00");
        assert_eq!(ok("１２万５千").unwrap(), "125000.00");
        assert_eq!(ok("2万3456.78").unwrap(), "23456.78");
        assert_eq!(ok("1,200万").unwrap(), "12000000.00");
        assert_eq!(ok("12万5.5千").unwrap(), "125500.00");
        assert_eq!(ok("15千").unwrap(), "15000.00");
        assert_eq!(ok("1亿2000").unwrap(), "100002000.00");
        assert_eq!(ok("1亿5百").unwrap(), "100000500.00");
        assert_eq!(ok("1亿5万").unwrap(), "100050000.00");
        assert_eq!(ok("12万5百").unwrap(), "120500.00");
        // A group written with 千, 百, 十, multiplied by 万 or 亿 (were refused: 看不懂…的单位).
        assert_eq!(ok("1千万").unwrap(), "10000000.00");
        assert_eq!(ok("5百万").unwrap(), "5000000.00");
        assert_eq!(ok("5十万").unwrap(), "500000.00");
        assert_eq!(ok("3千5百万").unwrap(), "35000000.00");
        assert_eq!(ok("1.2千万").unwrap(), "12000000.00");
        assert_eq!(ok("3千零5万").unwrap(), "30050000.00");
        assert_eq!(ok("1亿5千万").unwrap(), "150000000.00");
        assert_eq!(ok("1亿零5百万").unwrap(), "105000000.00");
        assert_eq!(ok("2千亿").unwrap(), "200000000000.00");
        assert_eq!(
            ok("9千9百9十9亿9千9百9十9万9千9百9十9.99").unwrap(),
            "999999999999.99"
        );
        assert_eq!(ok("3十5").unwrap(), "35.00");
        assert_eq!(ok("1亿零5千").unwrap(), "100005000.00");
    }

    #[test]
    fn refuses_amounts_whose_units_are_ambiguous_or_malformed() {
        let why = |s: &str| match parse_amount(s) {
            Err(Problem::Rule { zh, en }) => format!("{zh} | {en}"),
            other => format!("{other:?}"),
        };
        assert_eq!(
            why("12万5"),
            "“12万5”读法不一：是“12万5千”还是“12万零5”？请写明其一 | '12万5' is ambiguous: 12万5千 or 12万零5? Please write which"
        );
        assert!(why("3千5").contains("“3千5百”"), "{}", why("3千5"));
        assert!(why("1亿5").contains("“1亿5千万”"), "{}", why("1亿5"));
        assert!(why("5百5").contains("“5百5十”"), "{}", why("5百5"));
        // A single digit after 千 in a group of 万, and a group of 千 right after 亿 (was read
        // as 1亿零5千 = 100,005,000).
        assert_eq!(
            why("3千5万"),
            "“3千5万”读法不一：是“3千5百万”还是“3千零5万”？请写明其一 | '3千5万' is ambiguous: 3千5百万 or 3千零5万? Please write which"
        );
        assert_eq!(
            why("1亿5千"),
            "“1亿5千”读法不一：是“1亿5千万”还是“1亿零5千”？请写明其一 | '1亿5千' is ambiguous: 1亿5千万 or 1亿零5千? Please write which"
        );
        assert!(why("1亿5千3百").contains("是“1亿5千3百万”还是“1亿零5千3百”"));
        assert!(why("5千3万").contains("是“5千3百万”还是“5千零3万”"));
        // Out of order, a part too large, decimals before the last part, 零 misplaced, a
        // unit with no number.
        for bad in [
            "5百3千",
            "1万亿",
            "3千5千",
            "1.2千5百万",
            "3千零万",
            "千万",
            "1亿1亿",
            "12万12千",
            "1亿20000万",
            "12万50000",
            "9999亿10000万",
            "1.5万2千",
            "零5万",
            "12万零零5",
            "12万零",
            "万",
            "12万万",
            "百5",
        ] {
            assert!(
                why(bad).starts_with(&format!("看不懂“{bad}”的单位")),
                "{bad}: {}",
                why(bad)
            );
        }
        // A part's own error points into the whole text.
        assert_eq!(
            parse_amount("12万5a千"),
            Err(Problem::UnexpectedChar {
                ch: 'a',
                position: 4
            })
        );
        assert_eq!(
            parse_amount("1亿20万5x"),
            Err(Problem::UnexpectedChar {
                ch: 'x',
                position: 6
            })
        );
        assert_eq!(
            parse_amount("12万-5千"),
            Err(Problem::UnexpectedChar {
                ch: '-',
                position: 3
            })
        );
        assert_eq!(
            parse_amount("12万5.123千").unwrap().to_string(),
            "125123.00"
        );
        assert_eq!(
            parse_amount("12万5.123456千"),
            Err(Problem::TooManyDecimals { max: 2 })
        );
        assert!(matches!(
            parse_amount("10000亿"),
            Err(Problem::OutOfRange { .. })
        ));
    }

    #[test]
    fn parses_amounts_in_words() {
        let ok = |s: &str| parse_amount(s).map(|v| v.to_string());
        assert_eq!(ok("人民币壹拾贰万伍仟元整").unwrap(), "125000.00");
        assert_eq!(ok("壹仟肆佰零玖元伍角").unwrap(), "1409.50");
        assert_eq!(ok(" 叁拾陆万元整 ").unwrap(), "360000.00");
        // Everyday numerals read as their 大写.
        for (typed, value) in [
            ("三十六万", "360000.00"),
            ("人民币三十六万元整", "360000.00"),
            ("十二万五千", "125000.00"),
            ("两千", "2000.00"),
            ("一百零五元", "105.00"),
            ("十万", "100000.00"),
            ("一千四百零九元五角", "1409.50"),
        ] {
            assert_eq!(ok(typed).unwrap(), value, "{typed}");
        }
        // Refused with the characters as typed, not their 大写.
        let why = |s: &str| match parse_amount(s) {
            Err(Problem::InvalidWords { zh, .. }) => zh,
            other => panic!("{s}: {other:?}"),
        };
        assert!(
            why("一百五").starts_with("第3个字“五”"),
            "{}",
            why("一百五")
        );
        assert!(
            why("三万五").starts_with("第3个字“五”"),
            "{}",
            why("三万五")
        );
        assert_eq!(
            ok("3千5百").unwrap(),
            "3500.00",
            "digits keep the unit reading"
        );
        // Zero as amount_in_words writes it, and the forms parse_amount_in_words reads that
        // have no other 大写 numeral (were refused: 看不懂“零”的单位…, or 第1个字符“叄”…).
        assert_eq!(ok("人民币零元整").unwrap(), "0.00");
        assert_eq!(ok("零元").unwrap(), "0.00");
        assert_eq!(ok("〇元整").unwrap(), "0.00");
        assert_eq!(ok("叄萬圓整").unwrap(), "30000.00");
        assert_eq!(ok("什元").unwrap(), "10.00");
        // With digits, 零 joins parts; 〇 is no digit there.
        assert_eq!(ok("12万零500").unwrap(), "120500.00");
        assert!(matches!(
            parse_amount("12万〇500"),
            Err(Problem::UnexpectedChar { ch: '〇', .. })
        ));
        assert!(matches!(
            parse_amount("壹佰伍"),
            Err(Problem::InvalidWords { .. })
        ));
        assert!(matches!(parse_amount("负壹元"), Err(Problem::Negative)));
    }

    #[test]
    fn parses_percentages() {
        assert_eq!(parse_percent("30%").unwrap(), d("30"));
        assert_eq!(parse_percent("５％").unwrap(), d("5"));
        assert_eq!(parse_percent("百分之20").unwrap(), d("20"));
        assert_eq!(parse_percent("0.05").unwrap(), d("0.05"));
        // Rates per day as contracts write them.
        for (typed, percent) in [
            ("0.5‰", "0.05"),
            ("千分之0.5", "0.05"),
            ("千分之五", "0.5"),
            ("万分之五", "0.05"),
            ("万分之0.5", "0.005"),
            ("5‱", "0.05"),
            ("千分之零点五", "0.05"),
            ("百分之三", "3"),
            ("百分之三十", "30"),
            ("百分之十五", "15"),
            ("千分之十五", "1.5"),
            ("三十%", "30"),
        ] {
            assert_eq!(parse_percent(typed).unwrap(), d(percent), "{typed}");
        }
        for bad in ["万分之", "‰", "5%‰", "千分之5%", "百分之三十点", "三十5"] {
            assert!(parse_percent(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn fen_exact_refuses_to_round() {
        assert_eq!(fen_exact("x", d("15")).unwrap().to_string(), "15.00");
    }

    #[test]
    fn numbers_in_messages_are_grouped() {
        for (n, shown) in [
            ("100000", "100,000"),
            ("18250", "18,250"),
            ("-1234.5", "-1,234.5"),
            ("999", "999"),
            ("0.05", "0.05"),
            ("600 rows", "600 rows"),
            ("∞", "∞"),
            ("", ""),
        ] {
            assert_eq!(grouped(n), shown, "{n}");
        }
        assert!(fen_exact("x", d("1.005")).is_err());
    }
}
