//! UI strings in Simplified Chinese and English (the contract text stays in its own language).
//! Shared by the result panels (`template::report`) and the Leptos UI.

use crate::template::Lang;

/// A UI string by key ("" for an unknown key).
pub fn t(lang: Lang, key: &str) -> &'static str {
    // A table searched in order rather than a `match`: the same strings, a fraction of the
    // wasm (a match on strings compiles to a chain of comparisons).
    STRINGS
        .iter()
        .find(|(k, ..)| *k == key)
        .map_or("", |(_, zh, en)| match lang {
            Lang::Zh => zh,
            Lang::En => en,
        })
}

/// (key, zh-CN, English).
const STRINGS: &[(&str, &str, &str)] = &[
    ("app_title", "合同费用计算器", "Contract & fee calculator"),
    ("template", "合同模板", "Template"),
    ("language", "界面语言", "Language"),
    ("fill_example", "填入示例", "Fill with example"),
    ("clear", "清空", "Clear"),
    (
        "cleared",
        "已清空所有填写内容；可按“撤销清空”恢复。",
        "Every value was cleared; “Undo clear” brings them back.",
    ),
    ("undo_clear", "撤销清空", "Undo clear"),
    ("export", "导出 JSON", "Export JSON"),
    ("import", "导入 JSON", "Import JSON"),
    ("share", "复制分享链接", "Copy share link"),
    (
        "share_done",
        "分享链接已复制（数据只在链接中，不会上传）",
        "Link copied (the data lives in the link only; nothing is uploaded)",
    ),
    ("print", "打印合同", "Print contract"),
    ("download_docx", "下载 Word", "Download Word"),
    ("download_html", "下载 HTML", "Download HTML"),
    ("annex", "表格作为合同附件", "Tables as annexes"),
    ("form", "填写", "Fill in"),
    ("results", "计算结果", "Results"),
    ("contract", "合同预览", "Contract"),
    ("schedule", "付款计划", "Payment schedule"),
    ("penalty", "逾期违约金", "Late penalty"),
    ("penalty_performance", "逾期履行违约金", "Late performance penalty"),
    ("agreed_date", "约定期限", "Agreed date"),
    ("per_day", "每日金额（元）", "Per day (yuan)"),
    ("devices", "设备服务费", "Device fees"),
    ("lump", "一次性条款", "Lump-sum terms"),
    ("warnings", "提示", "Warnings"),
    ("errors", "待修正", "To fix"),
    ("missing", "尚未填写", "Not filled yet"),
    ("waiting", "填写以下各项后计算：", "Fill these to calculate: "),
    ("waiting_fix", "修正以下各项后计算：", "Correct these to calculate: "),
    ("add_row", "添加一行", "Add row"),
    ("remove_row", "删除", "Remove"),
        // A remove button's accessible name, {} its row number.
    ("remove_row_n", "删除第{}行", "Remove row {}"),
    ("instalment", "款项", "Instalment"),
    ("percent", "比例", "Share"),
    ("amount", "金额（元）", "Amount (yuan)"),
    ("words", "大写", "In words"),
    ("due_date", "付款期限", "Due date"),
    ("rule", "付款条件", "Rule"),
    ("total", "合计", "Total"),
    ("how", "计算过程", "How it was computed"),
    ("pending_date", "待定", "not yet known"),
    ("overdue_days", "逾期天数", "Days overdue"),
    ("penalty_days", "计违约金天数", "Penalty days"),
    ("segment", "区间", "Period"),
    ("days", "天数", "Days"),
    ("base", "计算基数（元）", "Base (yuan)"),
    ("cap", "上限", "Cap"),
    ("capped", "已达上限", "cap reached"),
    ("not_capped", "未达上限", "under the cap"),
    ("claimed", "累计", "Sum"),
    ("paid_in", "分期支付：", "paid as "),
    ("smaller", "取两者中较小者", "the smaller is payable"),
    ("annualized", "折合年化", "Per year"),
    ("month", "月份", "Month"),
    ("subtotal", "小计", "Subtotal"),
    ("discount", "折扣", "Discount"),
    ("tax", "税额", "VAT"),
    ("gross", "合计（元）", "Total (yuan)"),
    ("show_months", "显示逐月明细", "Show each month"),
    ("hide_months", "收起逐月明细", "Hide the months"),
    (
        "jump",
        "点击合同中的空白可跳到对应栏目",
        "Click a blank in the contract to jump to its field",
    ),
    ("restored", "已恢复上次填写的内容", "Restored what you filled last time"),
    ("link_opened", "已打开分享链接中的内容", "Opened the shared link"),
    (
        "link_kept_saved",
        "已打开分享链接中的内容；您此前保存的内容已另存，可点“恢复此前内容”找回",
        "Opened the shared link; what you had saved is kept aside: “Restore previous” brings it back",
    ),
    (
        "link_problem",
        "分享链接有问题，已忽略无法读取的部分：",
        "The shared link had problems; unreadable parts were ignored: ",
    ),
    (
        "link_unusable",
        "分享链接已损坏或不完整，无法打开；已保留您此前保存的内容",
        "The shared link is damaged or incomplete and could not be opened; what you had saved is kept",
    ),
    ("restore_previous", "恢复此前内容", "Restore previous"),
    ("previous_restored", "已恢复打开分享链接前的内容", "Restored what you had before opening the link"),
    (
        "restore_problem",
        "保存的数据有问题，已忽略无法读取的部分：",
        "The saved data had problems; unreadable parts were ignored: ",
    ),
    ("import_problem", "导入的文件有问题：", "The imported file has problems: "),
    (
        "offline_note",
        "所有计算都在本机浏览器中完成，不会上传任何数据。",
        "Everything is computed in your browser; nothing is uploaded.",
    ),
    ("required", "必填", "required"),
    (
        "bad_date",
        "日期不完整或不存在（如2月30日），请填写完整的年、月、日",
        "This date is incomplete or does not exist (such as 30 February): enter a full year, month and day",
    ),
    ("example", "例：", "e.g. "),
    ("rounding", "四舍五入到分", "rounded half away from zero to the fen"),
    (
        "rounding_down",
        "向下舍入到分，以免最后一期为负",
        "rounded down to the fen, so that the last month is not negative",
    ),
    ("residue", "尾差", "rounding residue"),
    ("fixed_sum", "约定金额", "Fixed sum as agreed"),
    ("import_text", "导入合同文本", "Import contract text"),
    (
        "import_hint",
        "粘贴合同全文或选择 .txt 文件：识别其中的空白（____、[甲方全称]、[x%]、？、____年__月__日）和费用条款。核对名称与类型，必要时合并同一项的空白，再使用。文本只在本机处理。",
        "Paste a contract's full text or pick a .txt file: its blanks (____, [甲方全称], [x%], ？, ____年__月__日) and fee clauses are detected. Check names and types, merge blanks that are the same item, then use it. The text never leaves this browser.",
    ),
    ("import_paste", "合同文本", "Contract text"),
    ("import_file", "选择 .txt 文件", "Choose a .txt file"),
    ("import_run", "识别", "Detect"),
    ("import_busy", "识别中…", "Detecting…"),
    ("import_failed", "无法识别：", "Could not import: "),
    ("export_failed", "无法生成文件：", "Could not make the file: "),
    ("import_empty", "请先粘贴或选择合同文本", "Paste or choose a contract text first"),
    ("cancel", "关闭", "Close"),
    ("import_found", "识别结果", "Detected"),
    ("import_blanks", "个空白", " blanks"),
    ("import_clauses", "个费用条款已接入计算", " fee clauses bound to the calculators"),
    ("import_removed", "处网页杂项已移除", " pieces of page furniture removed"),
    ("col_name", "名称", "Name"),
    ("col_type", "类型", "Type"),
    ("col_source", "原文位置", "In the text"),
    ("col_count", "次数", "Times"),
    ("col_merge", "与…合并", "Merge into"),
    ("added_blank", "计算用（原文无此空白）", "for the calculators (not in the text)"),
    ("clauses", "费用条款", "Fee clauses"),
    ("use_template", "使用此模板", "Use this template"),
    ("save_template", "下载模板 JSON", "Download template JSON"),
    ("imported", "已导入，可以填写了", "Imported: ready to fill in"),
    ("imported_json", "已导入 JSON 文件中的内容", "Imported the values from the JSON file"),
];

/// A blank type's name, for the import review.
pub fn kind(lang: Lang, k: crate::template::model::BlankType) -> &'static str {
    use crate::template::model::BlankType::*;
    let (zh, en) = match k {
        Text => ("文字", "Text"),
        Party => ("当事人", "Party"),
        Money => ("金额（元）", "Money (yuan)"),
        Percent => ("百分比", "Percent"),
        Integer => ("数量", "Number"),
        Days => ("天数", "Days"),
        Date => ("日期", "Date"),
        Choice => ("选项", "Choice"),
        Table => ("表格", "Table"),
        Words => ("大写金额", "Amount in words"),
    };
    if lang == Lang::En {
        en
    } else {
        zh
    }
}

/// A fee clause kind's name (`import::ClauseReport::kind`), for the import review.
pub fn clause(lang: Lang, kind: &str) -> &'static str {
    let (zh, en) = match kind {
        "instalment" => ("分期付款", "Instalment"),
        "monthly" => ("按月付款", "Monthly payment"),
        "penalty" => ("逾期违约金（按日）", "Late penalty (per day)"),
        "breach_percent" => ("违约金（按总额比例）", "Breach penalty (% of total)"),
        "cap" => ("违约金上限", "Penalty cap"),
        "maintenance" => ("维护费", "Maintenance fee"),
        "parts_discount" => ("配件折扣", "Parts discount"),
        "devices" => ("按设备计费", "Per-device fees"),
        _ => ("费用条款", "Fee clause"),
    };
    if lang == Lang::En {
        en
    } else {
        zh
    }
}
