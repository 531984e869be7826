//! The fixed words a filled contract adds to the template's own text (table headings, "to
//! be set", annex titles, dates), in the template's language: an English template gets an
//! English contract, tables and annexes included. The UI's language is a separate matter
//! (`crate::i18n`).

use super::model::Lang;
use chrono::{Datelike, NaiveDate};
use std::fmt::Write;

pub struct Wording {
    /// A due date that cannot be computed yet.
    pub to_be_set: &'static str,
    /// A calculator result that waits for blanks.
    pub to_compute: &'static str,
    /// After the count of a table blank's rows.
    pub rows: &'static str,
    pub total: &'static str,
    /// Between the first and last day of a period.
    pub to: &'static str,
    /// Around the original date of a deadline moved off a rest day.
    pub moved: (&'static str, &'static str),
    /// After a money column's heading.
    pub yuan: &'static str,
    pub schedule_pending: &'static str,
    pub schedule_heads: [&'static str; 6],
    pub penalty_pending: &'static str,
    pub penalty_heads: [&'static str; 4],
    /// The third penalty column for a fixed sum per day.
    pub per_day_head: &'static str,
    pub cap_reached: &'static str,
    pub devices_pending: &'static str,
    /// In place of a table blank whose cells have an error.
    pub table_pending: &'static str,
    pub devices_period: &'static str,
    /// The columns after the device types'.
    pub devices_heads: [&'static str; 4],
    /// Before the 大写 of the device fees' total.
    pub devices_total: &'static str,
    /// What the late-penalty annex says above its table.
    pub penalty_summary: &'static str,
    /// Titles of the calculator tables as annexes: schedule, devices, penalty.
    pub annex_titles: [&'static str; 3],
    /// An annex's name: the only one, or numbered (`[i]`).
    pub annex: &'static str,
    pub annexes: [&'static str; 3],
    /// How the body refers to a table shown as an annex, around its name and title: as a
    /// paragraph of its own, and within a sentence.
    pub see_alone: [&'static str; 3],
    pub see_inline: [&'static str; 3],
    /// Around the page number in a document's footer.
    pub page: (&'static str, &'static str),
}

const ZH: Wording = Wording {
    to_be_set: "待定",
    to_compute: "待计算",
    rows: "行",
    total: "合计",
    to: "至",
    moved: ("（", "遇休息日顺延）"),
    yuan: "（元）",
    schedule_pending: "（付款计划待填写完整后生成）",
    schedule_heads: ["款项", "比例", "金额（元）", "大写", "付款期限", "付款条件"],
    penalty_pending: "（违约金待填写完整后计算）",
    penalty_heads: ["起止日期", "天数", "计算基数（元）", "违约金（元）"],
    per_day_head: "每日金额（元）",
    cap_reached: "（已达上限）",
    devices_pending: "（设备服务费待填写完整后计算）",
    table_pending: "（表格内容待修正后显示）",
    devices_period: "期间",
    devices_heads: ["小计", "折扣", "税额", "合计（元）"],
    devices_total: "合计 ",
    penalty_summary: "逾期{{penalty.days}}日，计违约金{{penalty.penalty_days}}日，违约金合计人民币{{penalty.total}}元（{{penalty.words}}）。",
    annex_titles: ["付款计划表", "设备服务费明细", "逾期违约金测算"],
    annex: "附件",
    annexes: ["附件一", "附件二", "附件三"],
    see_alone: ["详见", "《", "》。"],
    see_inline: ["（详见", "《", "》）"],
    page: ("第 ", " 页"),
};

const EN: Wording = Wording {
    to_be_set: "to be set",
    to_compute: "to be calculated",
    rows: " rows",
    total: "Total",
    to: " to ",
    moved: (" (moved from ", ", a rest day)"),
    yuan: " (yuan)",
    schedule_pending: "(The payment schedule follows once the terms are filled in.)",
    schedule_heads: ["Payment", "Share", "Amount (yuan)", "In words", "Due", "Condition"],
    penalty_pending: "(The late penalty is calculated once the terms are filled in.)",
    penalty_heads: ["Period", "Days", "Base (yuan)", "Penalty (yuan)"],
    per_day_head: "Per day (yuan)",
    cap_reached: " (cap reached)",
    devices_pending: "(The device fees are calculated once the terms are filled in.)",
    table_pending: "(The table shows once its entries are corrected.)",
    devices_period: "Period",
    devices_heads: ["Subtotal", "Discount", "Tax", "Total (yuan)"],
    devices_total: "Total: ",
    penalty_summary: "Overdue {{penalty.days}} days; penalty charged for {{penalty.penalty_days}} days; total penalty RMB {{penalty.total}} yuan ({{penalty.words}}).",
    annex_titles: ["Payment schedule", "Device fees", "Late penalty"],
    annex: "Annex",
    annexes: ["Annex 1", "Annex 2", "Annex 3"],
    see_alone: ["See ", ", ", "."],
    see_inline: [" (see ", ", ", ")"],
    page: ("Page ", ""),
};

/// The contract's fixed words in `lang`.
pub fn of(lang: Lang) -> &'static Wording {
    lang.pick(&ZH, &EN)
}

/// Punctuation in one language: after a label, in a sentence, between list items, around an
/// aside. For the contract (the template's language) and the UI's panels (the UI's).
pub struct Marks {
    pub colon: &'static str,
    pub comma: &'static str,
    pub semicolon: &'static str,
    pub list: &'static str,
    pub aside: (&'static str, &'static str),
}

const ZH_MARKS: Marks = Marks {
    colon: "：",
    comma: "，",
    semicolon: "；",
    list: "、",
    aside: ("（", "）"),
};

const EN_MARKS: Marks = Marks {
    colon: ": ",
    comma: ", ",
    semicolon: "; ",
    list: ", ",
    aside: (" (", ")"),
};

/// Punctuation in `lang`.
pub fn marks(lang: Lang) -> &'static Marks {
    lang.pick(&ZH_MARKS, &EN_MARKS)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as the contract writes it: `2025年10月10日`, or `10 October 2025`.
pub fn date(lang: Lang, d: NaiveDate) -> String {
    let mut out = String::with_capacity(17);
    push_date(&mut out, lang, d);
    out
}

/// [`date`], appended to `out`.
pub fn push_date(out: &mut String, lang: Lang, d: NaiveDate) {
    match lang {
        Lang::Zh => crate::core::calendar::push_date_zh(out, d),
        Lang::En => {
            let _ = write!(
                out,
                "{} {} {}",
                d.day(),
                MONTHS[d.month0() as usize],
                d.year()
            );
        }
    }
}
