//! Text as the importer sees it: every character keeps its byte position in the input (for
//! the report) and gets a normalised twin used for matching only: simplified characters,
//! half-width punctuation and digits. Normalisation is one character for one character, so
//! indices into the original and the normalised text are the same.

/// One character of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ch {
    /// As written (this is what goes into the contract body).
    pub c: char,
    /// Normalised, for matching.
    pub n: char,
    /// Byte offset in the input.
    pub pos: usize,
}

pub fn chars(text: &str) -> Vec<Ch> {
    text.char_indices()
        .map(|(pos, c)| Ch {
            c,
            n: norm_char(c),
            pos,
        })
        .collect()
}

/// Original text of a slice.
pub fn orig(chs: &[Ch]) -> String {
    chs.iter().map(|c| c.c).collect()
}

/// Normalised text of a slice.
pub fn norm(chs: &[Ch]) -> String {
    chs.iter().map(|c| c.n).collect()
}

/// Normalise a whole string (for keywords and bracket contents).
pub fn norm_str(s: &str) -> String {
    s.chars().map(norm_char).collect()
}

/// Traditional → simplified pairs for the characters contract templates use. Matching only;
/// the body keeps the source's characters.
const TRAD: &str = "來個備傳僅價償優內兩冊別則劃協動務匯參單員問嚴國圍團執報場實審寫將專對導屆屬幣應從復徑慮戶換損擁擔據數斷時書會條業極構標機檔檢權歸毀決沖況準溝滿濟為無營爭獨獲現環產畢異當發盡監確碼種稱積穩節簽約級細終組結絕絡給統經綜維綱網緊線編總織繼續聯聲職聽與臺華萬蓋處號術補見規視覽訂計訊訓記訟訪設訴評詢話該詳認誤說課調請證識議護譽變負財責費資賠質賬蹤轄轉辦進運過達違遞適還郵釋銀銷錄鍵鑒長門開間關陸隊際險隱雙雜電響項預題額類風饋驗體點於後並裏週貨購腦範圖稅頁廣區衛讓壓歲雖幾鐘錢帳託階畫盤筆樣裝廠測試製據幹傢噸聯絡購買歷壞兌這適讀暫茲啟獎勵帶氣東態須頭親戰災廢盜竊誠謹譯貸賣貿較輸農選遺醫鋪閱隨離難順顧養館麼齊億";
const SIMP: &str = "来个备传仅价偿优内两册别则划协动务汇参单员问严国围团执报场实审写将专对导届属币应从复径虑户换损拥担据数断时书会条业极构标机档检权归毁决冲况准沟满济为无营争独获现环产毕异当发尽监确码种称积稳节签约级细终组结绝络给统经综维纲网紧线编总织继续联声职听与台华万盖处号术补见规视览订计讯训记讼访设诉评询话该详认误说课调请证识议护誉变负财责费资赔质账踪辖转办进运过达违递适还邮释银销录键鉴长门开间关陆队际险隐双杂电响项预题额类风馈验体点于后并里周货购脑范图税页广区卫让压岁虽几钟钱账托阶画盘笔样装厂测试制据干家吨联络购买历坏兑这适读暂兹启奖励带气东态须头亲战灾废盗窃诚谨译贷卖贸较输农选遗医铺阅随离难顺顾养馆么齐亿";

fn simplified(c: char) -> char {
    static TABLE: std::sync::OnceLock<Vec<(char, char)>> = std::sync::OnceLock::new();
    if !is_cjk(c) {
        return c;
    }
    let table = TABLE.get_or_init(|| {
        let mut t: Vec<(char, char)> = TRAD.chars().zip(SIMP.chars()).collect();
        t.sort_unstable();
        t.dedup_by_key(|p| p.0);
        t
    });
    table
        .binary_search_by_key(&c, |p| p.0)
        .map_or(c, |i| table[i].1)
}

pub fn norm_char(c: char) -> char {
    match c {
        '＿' => '_',
        '（' => '(',
        '）' => ')',
        '：' => ':',
        '％' => '%',
        '？' => '?',
        '［' | '【' => '[',
        '］' | '】' => ']',
        '，' => ',',
        '；' => ';',
        '！' => '!',
        '～' => '~',
        // Ideographic space, tabs, and private-use characters some sites use as spacing.
        '\u{3000}' | '\t' | '\u{E000}'..='\u{F8FF}' => ' ',
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        'Ａ'..='Ｚ' => char::from_u32(c as u32 - 'Ａ' as u32 + 'A' as u32).unwrap_or(c),
        'ａ'..='ｚ' => char::from_u32(c as u32 - 'ａ' as u32 + 'a' as u32).unwrap_or(c),
        _ => simplified(c),
    }
}

/// A CJK ideograph (a "word" character in Chinese text).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// Punctuation that ends a sentence or clause (after normalisation).
pub fn is_hard_stop(c: char) -> bool {
    matches!(c, '。' | ';' | '!' | '\n' | '\r')
}

/// Chinese numerals up to 99 (一 … 九十九), or ASCII digits.
pub fn cn_number(s: &str) -> Option<u32> {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let cs: Vec<char> = s
        .chars()
        .map(|c| if c == '〇' { '零' } else { c })
        .collect();
    match cs.as_slice() {
        ['十'] => Some(10),
        ['两'] => Some(2),
        [d] => digit(*d).map(|d| d as u32),
        ['十', d] => digit(*d).map(|d| 10 + d as u32),
        [t, '十'] => digit(*t).map(|t| 10 * t as u32),
        [t, '十', d] => Some(10 * digit(*t)? as u32 + digit(*d)? as u32),
        _ => None,
    }
}

/// Whether a character can be part of a Chinese numeral.
pub fn is_cn_digit(c: char) -> bool {
    "零〇一二三四五六七八九十两".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_one_for_one() {
        let chs = chars("合同編號：＿＿％");
        assert_eq!(norm(&chs), "合同编号:__%");
        assert_eq!(chs.len(), 8);
        assert_eq!(TRAD.chars().count(), SIMP.chars().count());
    }

    #[test]
    fn reads_chinese_numbers() {
        assert_eq!(cn_number("三"), Some(3));
        assert_eq!(cn_number("十"), Some(10));
        assert_eq!(cn_number("十五"), Some(15));
        assert_eq!(cn_number("二十"), Some(20));
        assert_eq!(cn_number("二十三"), Some(23));
        assert_eq!(cn_number("12"), Some(12));
        assert_eq!(cn_number("第"), None);
    }
}
