//! Amounts in Chinese uppercase (大写) and back.
//!
//! Rules (支付结算办法 附件一《正确填写票据和结算凭证的基本规定》, 会计基础工作规范 第52条):
//! - 人民币 prefix; 整 after 元 when there is no 角/分, and after 角 when 分 is 0; never after 分.
//! - A run of zeros inside the number is written as one 零; an all-zero 万 group becomes one 零.
//! - 零 after 元 is written when 角 is 0 and 分 is not (`16409.02` → `…元零贰分`). Where the
//!   rules make the 零 optional (元位 0 but 角 not 0, e.g. `1680.32`), we omit it.
//! - 壹拾 is kept at the start (`10` → `壹拾元整`).
//! - An amount under one yuan has no 元 (`0.05` → `人民币伍分`); zero is `人民币零元整`.
//! - Negative amounts are written 人民币负… .

use super::error::{Error, Problem, Result};
use super::money::MAX_AMOUNT;
use rust_decimal::Decimal;

/// The 大写 digit `d` (0–9). Every arm is 3 bytes of UTF-8, so `push_str` copies a known 3
/// bytes instead of calling `memcpy` with a length read from a table.
fn digit(d: u64) -> &'static str {
    match d {
        0 => "零",
        1 => "壹",
        2 => "贰",
        3 => "叁",
        4 => "肆",
        5 => "伍",
        6 => "陆",
        7 => "柒",
        8 => "捌",
        _ => "玖",
    }
}

/// `1409.5` → `人民币壹仟肆佰零玖元伍角整`. The amount must be exact to the fen and within
/// ±[`MAX_AMOUNT`]; round it first with [`super::money::round_fen`] if needed.
pub fn amount_in_words(amount: Decimal) -> Result<String> {
    let mut out = String::with_capacity(128);
    out.push_str("人民币");
    write_words(amount, &mut out)?;
    Ok(out)
}

/// The 大写 of a computed result. A result too large to write (beyond ±[`MAX_AMOUNT`]) is an
/// error on `field`, the input that drove it, saying so, rather than on an "amount" the user
/// never typed.
pub fn result_in_words(field: &str, amount: Decimal) -> Result<String> {
    amount_in_words(amount).map_err(|_| {
        Error::rule(
            field,
            format!("计算结果{amount}元超出可计算的范围（最多999,999,999,999.99元），请检查此项"),
            format!("The result ({amount}) exceeds the largest amount (999,999,999,999.99); check this value"),
        )
    })
}

/// Whole fen of `|amount|`, from the decimal's integer mantissa and scale (no rounding).
fn whole_fen(amount: Decimal) -> Result<u64> {
    let mantissa = amount.mantissa().unsigned_abs();
    let scale = amount.scale();
    let fen = if scale <= 2 {
        mantissa.checked_mul(10u128.pow(2 - scale))
    } else {
        let divisor = 10u128.checked_pow(scale - 2).unwrap_or(u128::MAX);
        if !mantissa.is_multiple_of(divisor) {
            return Err(Error::new("amount", Problem::TooManyDecimals { max: 2 }));
        }
        Some(mantissa / divisor)
    };
    let max_fen = MAX_AMOUNT.mantissa().unsigned_abs();
    match fen {
        Some(f) if f <= max_fen => Ok(f as u64),
        _ => Err(Error::new(
            "amount",
            Problem::OutOfRange {
                min: "-999,999,999,999.99".into(),
                max: "999,999,999,999.99".into(),
            },
        )),
    }
}

// `push_str` of 3-byte literals measured cheaper here than `push(char)` (callgrind: ~20%).
#[allow(clippy::single_char_add_str)]
fn write_words(amount: Decimal, out: &mut String) -> Result<()> {
    let fen_total = whole_fen(amount)?;
    let yuan = fen_total / 100;
    let jiao = fen_total / 10 % 10;
    let fen = fen_total % 10;

    if amount.is_sign_negative() && fen_total > 0 {
        out.push_str("负");
    }
    if yuan > 0 {
        integer_words(yuan, out);
        out.push_str("元");
    } else if jiao == 0 && fen == 0 {
        out.push_str("零元");
    }
    match (jiao, fen) {
        (0, 0) => out.push_str("整"),
        (j, 0) => {
            out.push_str(digit(j));
            out.push_str("角整");
        }
        (0, f) => {
            if yuan > 0 {
                out.push_str("零");
            }
            out.push_str(digit(f));
            out.push_str("分");
        }
        (j, f) => {
            out.push_str(digit(j));
            out.push_str("角");
            out.push_str(digit(f));
            out.push_str("分");
        }
    }
    Ok(())
}

/// Integer yuan in 大写 without 元, e.g. `100010000` → `壹亿零壹万`. At most 12 digits
/// ([`MAX_AMOUNT`]), so the group units stop at 亿.
#[allow(clippy::single_char_add_str)]
fn integer_words(n: u64, out: &mut String) {
    let mut digits = [0u64; 20];
    let mut len = 0;
    let mut rest = n;
    while rest > 0 {
        digits[len] = rest % 10;
        rest /= 10;
        len += 1;
    }
    let mut wrote_any = false;
    let mut pending_zero = false;
    let mut group_has_digit = false;
    for pos in (0..len).rev() {
        let d = digits[pos]; // digit at power of ten `pos`
        if d == 0 {
            pending_zero = wrote_any;
        } else {
            if pending_zero {
                out.push_str("零");
                pending_zero = false;
            }
            out.push_str(digit(d));
            match pos % 4 {
                1 => out.push_str("拾"),
                2 => out.push_str("佰"),
                3 => out.push_str("仟"),
                _ => {}
            }
            group_has_digit = true;
            wrote_any = true;
        }
        if pos % 4 == 0 {
            if group_has_digit {
                match pos / 4 {
                    1 => out.push_str("万"),
                    2 => out.push_str("亿"),
                    _ => {}
                }
                // Zeros closing a group are silent when the next group starts with its 仟
                // digit (107000 → 壹拾万柒仟); a zero inside the next group still speaks.
                pending_zero = false;
            }
            group_has_digit = false;
        }
    }
}

/// Append the decimal digits of `n` without going through `core::fmt` (hot path): the
/// leading digits first, then the last one, one ASCII `push` each.
pub(crate) fn push_number(out: &mut String, n: u64) {
    if n >= 10 {
        push_number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// Read a 大写 amount back: `人民币壹万陆仟肆佰零玖元零贰分` → `16409.02`.
///
/// Accepts simplified and traditional forms (贰/貳, 万/萬, 亿/億, 圆/元, 整/正), with or
/// without 人民币 and with or without the optional 零s. Rejects anything malformed with
/// the character and position that could not be read.
pub fn parse_amount_in_words(words: &str) -> Result<Decimal> {
    read_words(words, false)
}

/// [`parse_amount_in_words`], or with `plain`, an amount in everyday numerals read by the same
/// rules (三十六万 as 叁拾陆万): messages quote the characters as typed.
pub fn read_words(words: &str, plain: bool) -> Result<Decimal> {
    let err = |zh: String, en: String| Error::new("words", Problem::InvalidWords { zh, en });
    let text: String = words.chars().filter(|c| !c.is_whitespace()).collect();
    let mut s = text.as_str();
    for prefix in ["人民币", "人民幣", "RMB", "￥", "¥"] {
        s = s.strip_prefix(prefix).unwrap_or(s);
    }
    let negative = match s.strip_prefix('负').or_else(|| s.strip_prefix('負')) {
        Some(rest) => {
            s = rest;
            true
        }
        None => false,
    };
    // Positions in messages count from the start of what was typed (人民币 included).
    let offset = text.chars().count() - s.chars().count();
    for suffix in ["整", "正"] {
        s = s.strip_suffix(suffix).unwrap_or(s);
    }
    if s.is_empty() {
        return Err(err("没有金额".into(), "no amount".into()));
    }

    let chars: Vec<char> = s.chars().collect();
    let mut yuan: u64 = 0; // completed groups
    let mut section: u64 = 0; // current group below 万
    let mut digit: Option<u64> = None;
    let mut last_small_unit = u64::MAX;
    let mut last_group_unit = u64::MAX;
    let mut seen_yuan = false;
    let mut jiao: Option<u64> = None;
    let mut fen: Option<u64> = None;
    let mut any_value = false;
    // What came just before the current character, and before the current digit: 大写 is
    // only unambiguous if a digit that ends a group (before 万/亿/元 or at the end) follows 拾,
    // 零 or nothing (壹佰零伍 = 105, 壹佰伍拾 = 150; 壹佰伍 could be either).
    let mut prev = Tok::Start;
    let mut before_digit = Tok::Start;

    for (i, &typed) in chars.iter().enumerate() {
        let c = if plain {
            to_daxie(typed).unwrap_or(typed)
        } else {
            typed
        };
        let at = |zh: &str, en: &str| {
            let n = offset + i + 1;
            err(
                format!("第{n}个字“{typed}”{zh}"),
                format!("'{typed}' (character {n}) {en}"),
            )
        };
        if let Some(d) = digit_value(c) {
            if d == 0 && prev == Tok::Zero {
                return Err(at(
                    "重复：连续的零只写一个",
                    "repeats 零: a run of zeros is written as one 零",
                ));
            }
            if digit.is_some_and(|prev| prev != 0) && d != 0 {
                return Err(at(
                    "前面缺少单位",
                    "has no unit between it and the digit before",
                ));
            }
            if d != 0 {
                before_digit = prev;
            }
            digit = Some(d);
            prev = if d == 0 { Tok::Zero } else { Tok::Digit };
            any_value = true;
            continue;
        }
        let ends_group = matches!(c, '万' | '萬' | '亿' | '億' | '元' | '圆' | '圓');
        if ends_group {
            ambiguous_last_digit(prev, before_digit).map_err(|(zh, en)| at(&zh, &en))?;
            if prev == Tok::Zero && (yuan > 0 || section > 0) {
                return Err(at(
                    "前面是零：零只用在两个数字之间",
                    "follows 零: 零 only stands between two digits",
                ));
            }
        }
        match c {
            '拾' | '佰' | '仟' | '什' => {
                if seen_yuan {
                    return Err(at("出现在元之后", "comes after 元"));
                }
                let unit = match c {
                    '仟' => 1000,
                    '佰' => 100,
                    _ => 10,
                };
                if unit >= last_small_unit {
                    return Err(at("单位顺序不对", "is out of order"));
                }
                // 拾 at the very start (拾元, 拾万元) means 壹拾; anywhere else its digit is
                // written (壹万壹拾元, not 壹万拾元: 正确填写票据和结算凭证的基本规定).
                let d = match digit {
                    Some(0) => return Err(at("前面是零", "follows 零")),
                    Some(d) => d,
                    None if unit == 10 && prev == Tok::Start => 1,
                    None => return Err(at("前面缺少数字", "has no digit before it")),
                };
                section += d * unit;
                last_small_unit = unit;
                digit = None;
                any_value = true;
                prev = if unit == 10 { Tok::Ten } else { Tok::Unit };
            }
            '万' | '萬' | '亿' | '億' => {
                if seen_yuan {
                    return Err(at("出现在元之后", "comes after 元"));
                }
                let unit: u64 = if matches!(c, '万' | '萬') {
                    10_000
                } else {
                    100_000_000
                };
                if unit >= last_group_unit {
                    return Err(at("单位顺序不对", "is out of order"));
                }
                section += digit.unwrap_or(0);
                if section == 0 {
                    return Err(at("前面缺少数字", "has no digit before it"));
                }
                yuan += section * unit;
                section = 0;
                digit = None;
                last_small_unit = u64::MAX;
                last_group_unit = unit;
                prev = Tok::Unit;
            }
            '元' | '圆' | '圓' => {
                if seen_yuan {
                    return Err(at("重复", "repeats"));
                }
                yuan += section + digit.unwrap_or(0);
                section = 0;
                digit = None;
                seen_yuan = true;
                prev = Tok::Yuan;
            }
            '角' => {
                match digit {
                    Some(d) if d != 0 && jiao.is_none() && fen.is_none() => jiao = Some(d),
                    _ => {
                        return Err(at(
                            "前面应是一个非零数字",
                            "must follow one digit other than 零",
                        ))
                    }
                }
                digit = None;
                prev = Tok::Yuan;
            }
            '分' => {
                match digit {
                    Some(d) if d != 0 && fen.is_none() => fen = Some(d),
                    _ => {
                        return Err(at(
                            "前面应是一个非零数字",
                            "must follow one digit other than 零",
                        ))
                    }
                }
                digit = None;
                prev = Tok::Yuan;
            }
            _ => return Err(at("不是大写金额用字", "is not used in amounts in words")),
        }
        if yuan > 999_999_999_999 {
            return Err(err("金额过大".into(), "amount too large".into()));
        }
    }
    if let Some(d) = digit {
        if d != 0 {
            if seen_yuan || jiao.is_some() || fen.is_some() {
                return Err(err(
                    "最后一个数字缺少单位（角/分）".into(),
                    "the last digit has no unit (角/分)".into(),
                ));
            }
            // e.g. 壹佰零伍 without 元: read as yuan.
            ambiguous_last_digit(prev, before_digit).map_err(|(zh, en)| {
                let c = chars.last().copied().unwrap_or_default();
                let n = offset + chars.len();
                err(
                    format!("第{n}个字“{c}”{zh}"),
                    format!("'{c}' (character {n}) {en}"),
                )
            })?;
            section += d;
        } else if yuan > 0 || section > 0 {
            return Err(err(
                "最后的零多余：零只用在两个数字之间".into(),
                "零 at the end: 零 only stands between two digits".into(),
            ));
        }
    }
    if !seen_yuan {
        yuan += section;
    }
    if !any_value {
        return Err(err("没有金额".into(), "no amount".into()));
    }
    if yuan > 999_999_999_999 {
        return Err(err("金额过大".into(), "amount too large".into()));
    }
    let total_fen = yuan * 100 + jiao.unwrap_or(0) * 10 + fen.unwrap_or(0);
    let value = Decimal::new(total_fen as i64, 2);
    Ok(if negative { -value } else { value })
}

/// What came before a character of a 大写 amount.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tok {
    Start,
    Digit,
    Zero,
    /// 拾
    Ten,
    /// 佰, 仟, 万, 亿
    Unit,
    /// 元, 角, 分
    Yuan,
}

/// A digit that ends a group (`prev` is that digit) must follow 拾, 零 or nothing: after 佰,
/// 仟, 万 or 亿 it is ambiguous (壹佰伍: 壹佰零伍 = 105 or 壹佰伍拾 = 150?).
fn ambiguous_last_digit(prev: Tok, before_digit: Tok) -> std::result::Result<(), (String, String)> {
    if prev == Tok::Digit && before_digit == Tok::Unit {
        return Err((
            "不明确：紧跟在佰、仟、万或亿之后的个位数字前面应写零（如壹佰零伍元=105），否则应带单位（如壹佰伍拾元=150）".into(),
            "is ambiguous: a units digit right after 佰, 仟, 万 or 亿 needs a 零 before it (壹佰零伍元 = 105), otherwise a unit after it (壹佰伍拾元 = 150)".into(),
        ));
    }
    Ok(())
}

/// The 大写 of an everyday Chinese numeral: 一 → 壹 … 十 → 拾, 百 → 佰, 千 → 仟 (万, 亿 and 零
/// are the same in both).
pub(crate) fn to_daxie(c: char) -> Option<char> {
    Some(match c {
        '一' => '壹',
        '二' | '两' => '贰',
        '三' => '叁',
        '四' => '肆',
        '五' => '伍',
        '六' => '陆',
        '七' => '柒',
        '八' => '捌',
        '九' => '玖',
        '十' => '拾',
        '百' => '佰',
        '千' => '仟',
        _ => return None,
    })
}

/// An everyday digit (一 … 九, 两), not a unit: what makes text an amount in plain numerals.
pub fn is_plain_numeral(c: char) -> bool {
    to_daxie(c).is_some_and(|d| !matches!(d, '拾' | '佰' | '仟'))
}

/// Whether `c` is a 大写 numeral [`parse_amount_in_words`] reads: a digit (零, 〇, 壹 … 玖 and
/// the traditional forms 貳, 參, 叄, 陸) or 拾, 什, 佰, 仟. A money field reads text with one
/// as 大写 (`money::parse_amount`), so the two agree on what 大写 is.
pub fn is_numeral(c: char) -> bool {
    digit_value(c).is_some() || matches!(c, '拾' | '什' | '佰' | '仟')
}

fn digit_value(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '壹' => 1,
        '贰' | '貳' => 2,
        '叁' | '參' | '叄' => 3,
        '肆' => 4,
        '伍' => 5,
        '陆' | '陸' => 6,
        '柒' => 7,
        '捌' => 8,
        '玖' => 9,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn w(s: &str) -> String {
        amount_in_words(Decimal::from_str(s).unwrap()).unwrap()
    }

    #[test]
    fn required_examples() {
        assert_eq!(w("0"), "人民币零元整");
        assert_eq!(w("0.05"), "人民币伍分");
        assert_eq!(w("1409.50"), "人民币壹仟肆佰零玖元伍角整");
        assert_eq!(w("6007.14"), "人民币陆仟零柒元壹角肆分");
        assert_eq!(w("16409.02"), "人民币壹万陆仟肆佰零玖元零贰分");
        assert_eq!(w("100010000"), "人民币壹亿零壹万元整");
    }

    #[test]
    fn more_rules() {
        assert_eq!(w("10"), "人民币壹拾元整");
        assert_eq!(w("15"), "人民币壹拾伍元整");
        assert_eq!(w("0.5"), "人民币伍角整");
        assert_eq!(w("0.55"), "人民币伍角伍分");
        assert_eq!(w("1680.32"), "人民币壹仟陆佰捌拾元叁角贰分");
        assert_eq!(w("107000.53"), "人民币壹拾万柒仟元伍角叁分");
        assert_eq!(w("100000001"), "人民币壹亿零壹元整");
        assert_eq!(w("1000000000"), "人民币壹拾亿元整");
        assert_eq!(w("10001"), "人民币壹万零壹元整");
        assert_eq!(w("110000"), "人民币壹拾壹万元整");
        assert_eq!(w("1001001"), "人民币壹佰万壹仟零壹元整");
        assert_eq!(w("325.04"), "人民币叁佰贰拾伍元零肆分");
        assert_eq!(w("-1409.5"), "人民币负壹仟肆佰零玖元伍角整");
        assert_eq!(
            w("999999999999.99"),
            "人民币玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"
        );
    }

    #[test]
    fn rejects_what_it_cannot_write() {
        assert!(amount_in_words(Decimal::from_str("1.005").unwrap()).is_err());
        assert!(amount_in_words(Decimal::from_str("1000000000000").unwrap()).is_err());
    }

    #[test]
    fn parses_back() {
        let p = |s: &str| parse_amount_in_words(s).unwrap().to_string();
        assert_eq!(p("人民币壹万陆仟肆佰零玖元零贰分"), "16409.02");
        assert_eq!(p("人民币壹亿零壹万元整"), "100010000.00");
        assert_eq!(p("人民币伍分"), "0.05");
        assert_eq!(p("人民币零元整"), "0.00");
        assert_eq!(p("壹仟陆佰捌拾元零叁角贰分"), "1680.32");
        assert_eq!(p("拾元整"), "10.00");
        assert_eq!(p("拾万元整"), "100000.00");
        assert_eq!(p("人民币拾伍元整"), "15.00");
        assert_eq!(p("貳萬圓正"), "20000.00");
        assert_eq!(p("人民币负伍角整"), "-0.50");
        assert_eq!(p("叁万元"), "30000.00");
        assert_eq!(p("壹佰零伍元"), "105.00");
        assert_eq!(p("壹佰零伍"), "105.00");
        assert_eq!(p("壹佰伍拾元"), "150.00");
        assert_eq!(p("壹拾伍"), "15.00");
        assert_eq!(p("伍元"), "5.00");
        assert_eq!(p("壹万零伍元"), "10005.00");
        assert_eq!(p("壹拾万零伍佰元"), "100500.00");
        assert_eq!(p("壹亿零壹元整"), "100000001.00");
        assert_eq!(p("壹佰万壹仟零壹元整"), "1001001.00");
    }

    #[test]
    fn parse_says_why_ambiguous_words_are_refused() {
        let e = parse_amount_in_words("壹佰伍").unwrap_err();
        let detail = e.problem.zh();
        assert!(detail.contains("第3个字“伍”"), "{detail}");
        assert!(detail.contains("壹佰零伍元"), "{detail}");
        let e = parse_amount_in_words("人民币壹万零零元").unwrap_err();
        assert!(e.problem.en().contains("repeats 零"), "{}", e.problem.en());
    }

    #[test]
    fn parse_rejects_malformed() {
        for bad in [
            "",
            "人民币",
            "壹壹元",
            "壹佰仟元",
            "元元",
            "伍角伍角",
            "壹abc元",
            "伍分伍角",
            "壹元伍",
            "壹佰伍",
            "壹佰伍元",
            "壹仟伍元",
            "壹万伍元",
            "壹亿伍元",
            "人民币壹万零零元",
            "壹佰零零伍元",
            "壹万零元",
            "壹拾零元",
            "壹佰零",
            "壹元零零伍分",
            // A bare 拾 after 万 or 亿 (was read as 壹拾: 10,010).
            "壹万拾元",
            "壹亿拾万元",
            "壹万零拾元",
        ] {
            assert!(
                parse_amount_in_words(bad).is_err(),
                "{bad} should be rejected"
            );
        }
    }
}
