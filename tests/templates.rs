//! Bundled templates validate, fill with their examples, compute hand-checked numbers and
//! render escaped HTML; malformed templates give specific errors.

use contract_calc::core::calendar::Calendar;
use contract_calc::template::bundled;
use contract_calc::template::render::{render_html, RenderOptions};
use contract_calc::template::validate::{parse_template, validate};
use contract_calc::template::{example_inputs, fill, Calc, Input};

#[test]
fn every_bundled_template_validates_and_renders_its_example() {
    assert!(!bundled::SOURCES.is_empty());
    // Start-up deserialises without validating; every source must still make it in.
    assert_eq!(bundled::all().len(), bundled::SOURCES.len());
    for (id, title, _, src) in bundled::SOURCES {
        let t = parse_template(src).unwrap_or_else(|e| panic!("{id}: {e:#?}"));
        // The app's reader (template::read) reads what serde's derive reads.
        let derived: contract_calc::template::Template = serde_json::from_str(src).unwrap();
        assert_eq!(
            contract_calc::template::read::template(src).unwrap(),
            derived,
            "{id}"
        );
        assert_eq!(derived, t, "{id}");
        assert_eq!(&t.id, id);
        assert_eq!(&t.title, title, "the picker's title matches the template");
        let f = fill(&t, &example_inputs(&t), &Calendar::new());
        assert!(f.errors.is_empty(), "{id}: {:#?}", f.errors);
        assert!(f.missing.is_empty(), "{id}: missing {:?}", f.missing);
        let html = render_html(&t, &f, RenderOptions::with_annex(true));
        assert!(html.contains("<article"), "{id}");
        assert!(!html.contains("{{"), "{id}: unresolved placeholder");
    }
}

#[test]
fn after_sales_upgrade_numbers() {
    let t = bundled::get("after-sales-upgrade").unwrap();
    let f = fill(&t, &example_inputs(&t), &Calendar::new());
    let s = f.schedule.ready().expect("schedule");
    let amounts: Vec<String> = s.rows.iter().map(|r| r.amount.to_string()).collect();
    assert_eq!(amounts, ["108000.00", "144000.00", "108000.00"]);
    // Effective Fri 2025-09-26 + 5 working days = 2025-10-10 (National Day in between).
    assert_eq!(s.rows[0].due_date.unwrap().to_string(), "2025-10-10");
    // The term of 1 year from 2025-09-26 ends 2026-09-25 (computed, in the text); the final
    // payment is due 15 days later, Sat 2026-10-10, a 调休 working day (not moved).
    assert_eq!(s.rows[2].due_date.unwrap().to_string(), "2026-10-10");
    assert_eq!(s.rows[2].unadjusted_due_date, s.rows[2].due_date);
    let html = render_html(&t, &f, RenderOptions::default());
    assert!(html.contains("有效期为<span class=\"v filled\" data-field=\"term_years\" tabindex=\"0\">1</span>年，至<span class=\"v computed\" data-source=\"term_end\">2026年9月25日</span>止"), "{html}");
    assert!(html.contains("付款期限为<span class=\"v computed\" data-source=\"schedule.2.due_date\">2026年10月10日</span>"), "{html}");
    assert!(html.contains("人民币叁拾陆万元整"));
    assert!(html.contains("108,000.00"));
    assert!(
        html.contains("人民币叁万陆仟元整"),
        "10% breach penalty in words"
    );
    assert!(html.contains("2025年10月10日"));
    assert!(
        html.contains(
            "<tfoot><tr><th>合计</th><td class=\"num\">100%</td><td class=\"num\">360,000.00</td>\
             <td colspan=\"3\">人民币叁拾陆万元整</td></tr></tfoot>"
        ),
        "the schedule's total row: {html}"
    );
    assert!(
        html.contains("以其后的第一个工作日为期限的最后一日"),
        "the chosen convention is in the text"
    );
}

#[test]
fn bad_field_is_reported_beside_it_and_the_rest_still_computes() {
    let t = bundled::get("after-sales-upgrade").unwrap();
    let mut inputs = example_inputs(&t);
    inputs.insert("breach_secret_pct".into(), Input::Text("5元".into()));
    let f = fill(&t, &inputs, &Calendar::new());
    assert_eq!(
        f.error_for("breach_secret_pct").map(|e| e.field.as_str()),
        Some("breach_secret_pct")
    );
    assert!(
        f.schedule.ready().is_some(),
        "the schedule does not depend on the bad field"
    );
    assert!(matches!(f.lump("breach_secret"), Some(Calc::Waiting(_))));
    assert!(matches!(f.lump("breach_quality"), Some(Calc::Ready(_))));
    // The panels ask to correct it, not to fill it in; an empty field is still to be filled.
    let panel =
        contract_calc::template::report::results_html(&t, &f, contract_calc::template::Lang::Zh);
    assert!(
        panel.contains("修正以下各项后计算：<a href=\"#cc-f-breach_secret_pct\""),
        "{panel}"
    );
    inputs.remove("breach_secret_pct");
    let f = fill(&t, &inputs, &Calendar::new());
    let panel =
        contract_calc::template::report::results_html(&t, &f, contract_calc::template::Lang::En);
    assert!(
        panel.contains("Fill these to calculate: <a href=\"#cc-f-breach_secret_pct\""),
        "{panel}"
    );
}

#[test]
fn percent_sum_error_lands_on_a_percent_blank() {
    let t = bundled::get("after-sales-upgrade").unwrap();
    let mut inputs = example_inputs(&t);
    inputs.insert("progress_pct".into(), Input::Text("80".into()));
    let f = fill(&t, &inputs, &Calendar::new());
    // 30 + 80 > 100: the rest is clamped to 0 and the sum is 110%.
    let e = f
        .errors
        .iter()
        .find(|e| e.problem.zh().contains("超出100%"))
        .expect("sum error");
    assert_eq!(
        e.field, "progress_pct",
        "beside the last share typed into the form"
    );
    // Said once: the error, not again as a warning.
    assert!(f.warnings.is_empty(), "{:?}", f.warnings);
}

#[test]
fn user_text_is_escaped() {
    let t = bundled::get("after-sales-upgrade").unwrap();
    let mut inputs = example_inputs(&t);
    inputs.insert(
        "party_a".into(),
        Input::Text("<img src=x onerror=alert(1)>\u{202E}甲".into()),
    );
    let f = fill(&t, &inputs, &Calendar::new());
    let html = render_html(&t, &f, RenderOptions::default());
    assert!(!html.contains("<img"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;甲"));
    assert!(!html.contains('\u{202E}'));
}

#[test]
fn a_line_laid_out_in_columns_keeps_each_column_whole() {
    let doc = r#"{"id":"cols","title":"T","blanks":[
        {"id":"a","type":"text","label":{"zh":"甲方","en":"A"}},
        {"id":"b","type":"text","label":{"zh":"乙方","en":"B"}}],
      "body":[{"heading":"H","paragraphs":[
        "甲方（盖章）：{{a}}　　　　乙方（盖章）：{{b}}",
        "日期：    年  月  日    日期：",
        "一个　全角空格、两个  半角空格，不分栏。"]}]}"#;
    let t = parse_template(doc).unwrap();
    let mut inputs = contract_calc::template::Inputs::new();
    // Spaces typed into a value never split it.
    inputs.insert("a".into(), Input::Text("甲　　公司".into()));
    let html = render_html(
        &t,
        &fill(&t, &inputs, &Calendar::new()),
        RenderOptions::default(),
    );
    assert!(
        html.contains(concat!(
            "<p class=\"cols\"><span class=\"col\">甲方（盖章）：<span class=\"v filled\" data-field=\"a\" tabindex=\"0\">甲　　公司</span></span>",
            "　　　　<span class=\"col\">乙方（盖章）：<span class=\"v gap\""
        )),
        "{html}"
    );
    assert!(
        html.contains("<p class=\"cols\"><span class=\"col\">日期：</span>    <span class=\"col\">年  月  日</span>    <span class=\"col\">日期：</span></p>"),
        "{html}"
    );
    assert!(
        html.contains("<p>一个　全角空格、两个  半角空格，不分栏。</p>"),
        "{html}"
    );
}

#[test]
fn words_mismatch_is_warned() {
    let t = bundled::get("after-sales-upgrade").unwrap();
    let mut inputs = example_inputs(&t);
    inputs.insert(
        "total_words".into(),
        Input::Text("人民币叁拾伍万元整".into()),
    );
    let f = fill(&t, &inputs, &Calendar::new());
    let w = f
        .warnings
        .iter()
        .find(|w| w.code == "words_mismatch")
        .expect("warning");
    assert_eq!(w.field.as_deref(), Some("total_words"));
    // Amounts written as everywhere else, with separators and two places.
    assert_eq!(
        w.zh,
        "大写金额为350,000.00元，与小写金额360,000.00元不一致。"
    );
    assert_eq!(
        w.en,
        "The amount in words reads 350,000.00, but the figure is 360,000.00."
    );
}

#[test]
fn malformed_templates_get_specific_errors_all_at_once() {
    let src = r#"{
      "id": "bad", "title": "坏模板",
      "blanks": [
        { "id": "a", "type": "money", "label": { "zh": "甲" }, "example": "abc" },
        { "id": "a", "type": "percent", "label": { "zh": "乙" } },
        { "id": "c", "type": "choice", "label": { "zh": "丙" } },
        { "id": "w", "type": "words", "label": { "zh": "大写" }, "matches": "c" },
        { "id": "d", "type": "date", "label": { "zh": "止" }, "not_before": "a" },
        { "id": "e", "type": "text", "label": { "zh": "文" }, "not_before": "d" }
      ],
      "derived": [
        { "id": "x", "type": "money", "label": { "zh": "x" }, "expr": "y + 1" },
        { "id": "y", "type": "money", "label": { "zh": "y" }, "expr": "x * 2" },
        { "id": "z", "type": "money", "label": { "zh": "z" }, "expr": "nope * (2" }
      ],
      "body": [ { "heading": "一", "paragraphs": ["{{a}} {{missing}} {{schedule.0.amount}}", "{{oops"] } ]
    }"#;
    let errors = parse_template(src).unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    let text = format!("{errors:#?}");
    assert!(paths.contains(&"blanks[0].example"), "{text}");
    assert!(paths.contains(&"blanks[1].id"), "duplicate id: {text}");
    assert!(paths.contains(&"blanks[2].options"), "{text}");
    assert!(paths.contains(&"blanks[3].matches"), "{text}");
    assert!(
        paths.contains(&"blanks[4].not_before"),
        "not a date: {text}"
    );
    assert!(paths.contains(&"blanks[5].not_before"), "on a text: {text}");
    assert!(text.contains("cycle"), "{text}");
    assert!(
        paths.iter().any(|p| p.starts_with("derived[2].expr")),
        "{text}"
    );
    assert!(text.contains("Unknown placeholder 'missing'"), "{text}");
    assert!(
        text.contains("Unknown placeholder 'schedule.0.amount'"),
        "{text}"
    );
    assert!(text.contains("not closed"), "{text}");
    // Not JSON at all: one error with the line and column.
    let e = parse_template("{ not json").unwrap_err();
    assert!(e[0].path.starts_with("line 1"));
}

#[test]
fn a_word_spelt_like_a_number_blank_is_refused_and_a_quoted_word_computes() {
    let doc = |base: &str| {
        format!(
            r#"{{"id":"p","title":"T",
          "blanks":[
            {{"id":"total","type":"money","label":{{"zh":"总额"}}}},
            {{"id":"due","type":"date","label":{{"zh":"到期"}}}},
            {{"id":"paid","type":"date","label":{{"zh":"付款"}}}},
            {{"id":"rate","type":"percent","label":{{"zh":"日率"}}}}],
          "calculators":{{"penalty":{{"due_date":"due","amount_due":"total","contract_total":"total",
            "rate":"rate","rate_unit":"percent","base":"{base}","as_of":"paid"}}}},
          "body":[{{"heading":"H","paragraphs":["{{{{penalty.total}}}}"]}}]}}"#
        )
    };
    // `base: "total"` names the money blank `total`, not the word: every fill would fail.
    let errors = parse_template(&doc("total")).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].path, "calculators.penalty.base");
    assert!(errors[0].en.contains("quote it ('total')"), "{errors:#?}");
    // A word the fill does not know would silently mean the default (unpaid): refused too,
    // spelt plain or quoted, or as an option of a choice blank that feeds the field.
    for (base, found) in [
        (
            "totl",
            "'totl' is neither one of the words here (unpaid, total)",
        ),
        ("'totl'", "Unknown word 'totl'"),
    ] {
        let errors = parse_template(&doc(base)).unwrap_err();
        assert!(
            errors.len() == 1 && errors[0].en.starts_with(found),
            "{errors:#?}"
        );
    }
    let choice = doc("kind").replace(
        r#"{"id":"rate""#,
        r#"{"id":"kind","type":"choice","label":{"zh":"基数"},"options":[{"value":"unpaid","label":{"zh":"未付"}},{"value":"all","label":{"zh":"全部"}}]},{"id":"rate""#,
    );
    let errors = parse_template(&choice).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(
        errors[0].en,
        "Choice 'kind' has the value 'all', which is not one of unpaid, total"
    );
    // Quoted, it is the word: the penalty is on the total.
    let t = parse_template(&doc("'total'")).unwrap();
    let inputs = [
        ("total", "1000"),
        ("due", "2025-03-03"),
        ("paid", "2025-03-13"),
        ("rate", "1"),
    ]
    .map(|(k, v)| (k.to_string(), Input::Text(v.into())))
    .into_iter()
    .collect();
    let f = fill(&t, &inputs, &Calendar::new());
    assert!(f.errors.is_empty(), "{:?}", f.errors);
    assert!(
        matches!(&f.penalty, Calc::Ready(p) if p.total.to_string() == "100.00"),
        "{:?}",
        f.penalty
    );
}

#[test]
fn validation_never_panics_on_odd_documents() {
    for src in [
        "{}",
        "[]",
        "null",
        r#"{"id":"","title":"","blanks":[],"body":[]}"#,
    ] {
        let _ = parse_template(src);
    }
    let t = bundled::get("after-sales-upgrade").unwrap();
    assert!(validate(&t).is_empty());
}

#[test]
fn calculator_row_errors_land_on_the_table_cell() {
    let src = r#"{
      "id": "rows", "title": "行错误",
      "blanks": [
        { "id": "due", "type": "money", "label": { "zh": "应付" } },
        { "id": "due_date", "type": "date", "label": { "zh": "到期日" } },
        { "id": "as_of", "type": "date", "label": { "zh": "计算日" } },
        { "id": "paid", "type": "table", "label": { "zh": "已付款" }, "columns": [
          { "id": "date", "type": "date", "label": { "zh": "日期" } },
          { "id": "amount", "type": "money", "label": { "zh": "金额" } } ] }
      ],
      "calculators": { "penalty": { "due_date": "due_date", "amount_due": "due", "rate_unit": "percent",
        "rate": "0.05", "payments": "paid", "as_of": "as_of" } },
      "body": [ { "heading": "一", "paragraphs": ["{{penalty.total}}"] } ]
    }"#;
    let t = parse_template(src).unwrap();
    let mut inputs = contract_calc::template::Inputs::new();
    inputs.insert("due".into(), Input::Text("1000".into()));
    inputs.insert("due_date".into(), Input::Text("2025-03-10".into()));
    inputs.insert("as_of".into(), Input::Text("2025-04-10".into()));
    let row = |d: &str, a: &str| {
        [
            ("date".to_string(), d.to_string()),
            ("amount".to_string(), a.to_string()),
        ]
        .into_iter()
        .collect()
    };
    inputs.insert(
        "paid".into(),
        Input::Rows(vec![row("2025-03-20", "600"), row("2025-03-25", "600")]),
    );
    let f = fill(&t, &inputs, &Calendar::new());
    assert!(matches!(f.penalty, Calc::Failed(_)));
    assert_eq!(
        f.error_for("paid").map(|e| e.field.as_str()),
        Some("paid.1.amount")
    );
    // The panels say where, in words: the row counted from 1 and the column's label.
    use contract_calc::template::report::{cell_place, results_html};
    use contract_calc::template::Lang;
    let html = results_html(&t, &f, Lang::Zh);
    assert!(html.contains(">已付款（第2行“金额”）</a>："), "{html}");
    assert!(!html.contains("1.amount"), "{html}");
    let paid = t.blanks.iter().find(|b| b.id == "paid");
    assert_eq!(
        cell_place(paid, Lang::En, "paid.1.amount").as_deref(),
        Some("Row 2, 金额")
    );
    assert_eq!(
        cell_place(paid, Lang::Zh, "paid.0.other").as_deref(),
        Some("第1行")
    );
    assert_eq!(
        cell_place(None, Lang::En, "paid.3").as_deref(),
        Some("Row 4")
    );
    assert_eq!(
        cell_place(paid, Lang::Zh, "paid.count").as_deref(),
        Some("count")
    );
    assert_eq!(cell_place(paid, Lang::Zh, "paid"), None);
}

#[test]
fn result_panels_explain_each_number_and_escape_it() {
    use contract_calc::template::report::results_html;
    use contract_calc::template::Lang;
    let t = bundled::get("after-sales-upgrade").unwrap();
    let f = fill(&t, &example_inputs(&t), &Calendar::new());
    let html = results_html(&t, &f, Lang::Zh);
    // Each amount carries its computation, e.g. 360,000.00 × 30% = 108,000.00.
    assert!(
        html.contains("aria-description=\"360,000.00 × 30% = 108,000.00，四舍五入到分\""),
        "{html}"
    );
    assert!(html.contains("class=\"cc-x\" tabindex=\"0\""));
    assert!(!html.contains("<details"));
    let en = results_html(&t, &f, Lang::En);
    assert!(en.contains("Payment schedule"));
    // English panels use English punctuation (the template's labels here are English too).
    for mark in ['：', '，', '（', '、', '；'] {
        assert!(!en.contains(mark), "{mark} in {en}");
    }
    let mut bad = example_inputs(&t);
    bad.insert("advance_pct".into(), Input::Text("abc".into()));
    let f = fill(&t, &bad, &Calendar::new());
    let summary = contract_calc::template::report::summary_html(&t, &f, Lang::En, "cc");
    assert!(summary.contains("</a>: "), "{summary}");
    assert!(!summary.contains('：'), "{summary}");
    // A second widget on the page links to its own fields.
    let second = contract_calc::template::report::summary_html(&t, &f, Lang::En, "cc2");
    assert!(
        second.contains("<a href=\"#cc2-f-advance_pct\" data-field=\"advance_pct\">"),
        "{second}"
    );
    assert!(
        summary.contains("<a href=\"#cc-f-advance_pct\""),
        "{summary}"
    );
}

#[test]
fn reading_a_template_document_drops_hidden_controls() {
    // The compiled-in sources are minified (build.rs).
    let src = bundled::SOURCES[0].3.replacen(
        "\"title\":\"",
        "\"title\":\"\u{202E}反转\u{2066}\\u202e",
        1,
    );
    let t = parse_template(&src).unwrap();
    assert!(t.title.starts_with("反转"), "{}", t.title);
    assert!(!serde_json::to_string(&t)
        .unwrap()
        .chars()
        .any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')));
    assert!(!serde_json::to_string(&t).unwrap().contains("\\u202e"));
}

#[test]
fn money_in_tables_reads_with_thousands_separators_and_fen() {
    use contract_calc::template::render::fmt_money;
    let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
    for (amount, shown) in [
        ("0", "0.00"),
        ("0.05", "0.05"),
        ("-0.001", "0.00"),
        ("7", "7.00"),
        ("999.995", "1,000.00"),
        ("1234.5", "1,234.50"),
        ("360000", "360,000.00"),
        ("-1234567.891", "-1,234,567.89"),
        ("123456789012.345", "123,456,789,012.35"),
        ("184467440737095516.15", "184,467,440,737,095,516.15"),
        ("184467440737095516.16", "184467440737095516.16"),
        (
            "79228162514264337593543950335",
            "79228162514264337593543950335",
        ),
    ] {
        assert_eq!(fmt_money(d(amount)), shown, "{amount}");
    }
}

proptest::proptest! {
    /// The live view's tokenizer reads any text without panicking, multibyte included.
    #[test]
    fn html_tokens_read_any_text(s in "[<>/a=\" 一二&;]{0,40}") {
        use contract_calc::template::html_tokens::{tokens, Token};
        let texts: usize = tokens(&s)
            .map(|t| match t { Token::Text(x) | Token::Open(x) => x.len(), Token::Close => 0 })
            .sum();
        proptest::prop_assert!(texts <= s.len());
    }
}

/// The payment-due and lump-sum bindings read through a flat struct (smaller wasm than
/// serde's tagged-enum derive): every variant reads back what it writes, optional fields may
/// be left out, and errors name the missing field or the unknown type.
#[test]
fn due_and_lump_sum_bindings_read_every_variant() {
    use contract_calc::template::model::{DueBinding, LumpSumBinding};
    let dues = [
        r#"{"type":"after_effective","days":"5","day_kind":"working"}"#,
        r#"{"type":"after_milestone","milestone":"验收","date":"acceptance_date","days":"10","day_kind":"working"}"#,
        r#"{"type":"fixed_date","date":"pay_date"}"#,
        r#"{"type":"monthly","day":"5","months":"term","inclusive":"yes","start_offset_months":"1"}"#,
    ];
    for json in dues {
        reads_back::<DueBinding>(json);
    }
    let lumps = [
        r#"{"type":"breach_percent","id":"b","label":{"zh":"违约金","en":"Penalty"},"total":"total","percent":"10"}"#,
        r#"{"type":"cap","id":"c","label":{"zh":"上限","en":""},"total":"total","percent":"20","penalties":["b"]}"#,
        r#"{"type":"maintenance","id":"m","label":{"zh":"维护费","en":""},"purchase_price":"p","annual_percent":"8","instalments_per_year":"4","vat_percent":"6"}"#,
        r#"{"type":"parts_discount","id":"d","label":{"zh":"配件","en":""},"list_price":"lp","zhe":"8.5"}"#,
    ];
    for json in lumps {
        reads_back::<LumpSumBinding>(json);
    }
    // Optional fields left out read as absent.
    let due: DueBinding = serde_json::from_str(r#"{"type":"after_effective","days":"5"}"#).unwrap();
    assert_eq!(
        due,
        DueBinding::AfterEffective {
            days: "5".into(),
            day_kind: None
        }
    );
    // Errors name what is wrong.
    let err = |json: &str| {
        serde_json::from_str::<DueBinding>(json)
            .unwrap_err()
            .to_string()
    };
    assert!(
        err(r#"{"type":"after_milestone","milestone":"验收"}"#).contains("missing field `days`")
    );
    assert!(err(r#"{"type":"weekly","days":"1"}"#).contains("unknown variant `weekly`"));
    assert!(err(r#"{"days":"1"}"#).contains("missing field `type`"));
    let err = |json: &str| {
        serde_json::from_str::<LumpSumBinding>(json)
            .unwrap_err()
            .to_string()
    };
    assert!(
        err(r#"{"type":"cap","id":"c","label":{"zh":"上限"},"total":"t","percent":"1"}"#)
            .contains("missing field `penalties`")
    );
    assert!(err(r#"{"type":"bonus","id":"x"}"#).contains("unknown variant `bonus`"));
}

/// `json` read as a `T` writes back as the same JSON.
fn reads_back<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) {
    let value: T = serde_json::from_str(json).unwrap();
    let written = serde_json::to_value(&value).unwrap();
    assert_eq!(
        written,
        serde_json::from_str::<serde_json::Value>(json).unwrap(),
        "{json}"
    );
}

/// An English template gets an English contract: the tables, dates, annexes and references
/// the calculator adds are in English, and none of their Chinese wording is left.
#[test]
fn an_english_template_gets_english_tables_dates_and_annexes() {
    use contract_calc::template::Lang;
    let mut t = bundled::get("after-sales-upgrade").unwrap();
    t.language = Lang::En;
    // The stage's acceptance date not known yet: its payment's date is to be set.
    let mut inputs = example_inputs(&t);
    inputs.remove("progress_date");
    let f = fill(&t, &inputs, &Calendar::new());
    let html = render_html(&t, &f, contract_calc::export::OPTIONS);
    for english in [
        "Annex 1: Payment schedule",
        "See Annex 1, Payment schedule.",
        "<th>Amount (yuan)</th>",
        "<td>10 October 2025</td>",
        "<th>Total</th>",
        "to be set",
    ] {
        assert!(html.contains(english), "{english} in {html}");
    }
    for chinese in [
        "附件",
        "付款计划表",
        "金额（元）",
        "2025年10月10日",
        "合计",
        "待定",
        "详见",
    ] {
        assert!(!html.contains(chinese), "{chinese} in {html}");
    }
    // The live view (tables in the body, no numbered annexes) reads the same way.
    let live = render_html(&t, &f, RenderOptions::with_annex(true));
    assert!(
        live.contains("<th>Due</th>") && !live.contains("<th>付款期限</th>"),
        "{live}"
    );
    // A Chinese template is unchanged.
    let zh = bundled::get("after-sales-upgrade").unwrap();
    let f = fill(&zh, &example_inputs(&zh), &Calendar::new());
    let html = render_html(&zh, &f, contract_calc::export::OPTIONS);
    assert!(
        html.contains("附件一：付款计划表") && html.contains("详见附件一《付款计划表》。"),
        "{html}"
    );
}

// Escaping and money formatting of the renderer (hot paths, hand-written).
use contract_calc::template::render::{escape, fmt_money, is_hidden_control};

/// What `escape` must do, one character at a time.
fn escape_reference(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_hidden_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

proptest::proptest! {
    #[test]
    fn escape_matches_the_reference(
        s in "[a-z0-9 <>&\"'\n\t\u{0}-\u{1f}\u{7f}-\u{a0}\u{61b}-\u{61d}\u{200b}-\u{2070}\u{fffc}-\u{ffff}\u{4e00}-\u{4e10}，。（）€😀]{0,40}"
    ) {
        proptest::prop_assert_eq!(escape(&s), escape_reference(&s));
    }
}

#[test]
fn escape_replaces_and_drops() {
    assert_eq!(escape("甲<b>&\"'乙"), "甲&lt;b&gt;&amp;&quot;&#39;乙");
    assert_eq!(
        escape("a\u{202E}b\u{200F}c\u{85}d\u{FFFF}e\u{61C}f\u{7}g\nh"),
        "abcdefg\nh"
    );
    assert_eq!(escape("€¢—“”\u{2070}\u{FFFD}"), "€¢—“”\u{2070}\u{FFFD}");
}

#[test]
fn money_reads_with_separators_and_fen() {
    let m = |s: &str| fmt_money(s.parse().unwrap_or_default());
    assert_eq!(m("0"), "0.00");
    assert_eq!(m("-0.001"), "0.00");
    assert_eq!(m("999.995"), "1,000.00");
    assert_eq!(m("-1234567.891"), "-1,234,567.89");
    assert_eq!(m("100000"), "100,000.00");
    assert_eq!(m("184467440737095516.15"), "184,467,440,737,095,516.15");
    assert_eq!(m("184467440737095516.16"), "184467440737095516.16");
}

#[test]
fn every_gap_in_the_contract_jumps_to_a_blank_of_the_form() {
    use contract_calc::template::model::blank_of;
    // Leave out one blank at a time: each gap that names a field names a blank (or a cell of
    // one), never a lump sum or derived value that has no field. The cap in customer-service
    // waits for the penalty breach_ip, which waits for the blank breach_ip_pct.
    for t in bundled::all() {
        let id = &t.id;
        for left_out in &t.blanks {
            let mut inputs = example_inputs(t);
            inputs.remove(&left_out.id);
            let f = fill(t, &inputs, &Calendar::new());
            let html = render_html(t, &f, RenderOptions::with_annex(true));
            for field in html.split("data-field=\"").skip(1) {
                let field = &field[..field.find('"').unwrap()];
                assert!(
                    t.blanks.iter().any(|b| b.id == blank_of(field)),
                    "{id} without {}: a gap jumps to {field:?}",
                    left_out.id
                );
            }
        }
    }
    let t = bundled::get("customer-service").unwrap();
    let mut inputs = example_inputs(&t);
    inputs.remove("breach_ip_pct");
    let html = render_html(
        &t,
        &fill(&t, &inputs, &Calendar::new()),
        RenderOptions::with_annex(true),
    );
    assert!(!html.contains("data-field=\"breach_ip\""), "{html}");
    assert!(html.contains("data-field=\"breach_ip_pct\""), "{html}");
}

/// A row that took the rounding residue shows the percentage the contract states, in the
/// contract's table and the results panel, and its note multiplies by that percentage.
#[test]
fn a_row_with_the_residue_shows_the_stated_percentage() {
    use contract_calc::template::report::results_html;
    use contract_calc::template::Lang;
    let t = bundled::get("after-sales-upgrade").unwrap();
    let mut inputs = example_inputs(&t);
    for (k, v) in [
        ("total", "0.05"),
        ("advance_pct", "33"),
        ("progress_pct", "33"),
    ] {
        inputs.insert(k.into(), Input::Text(v.into()));
    }
    let f = fill(&t, &inputs, &Calendar::new());
    let Calc::Ready(s) = &f.schedule else {
        panic!("{:?}", f.schedule)
    };
    let last = s.rows.last().unwrap();
    // 0.05 × 34% = 0.017 → 0.02, but 0.01 is left: the row is 20% of the total.
    assert_eq!(
        (last.amount.to_string(), last.residue.to_string()),
        ("0.01".into(), "-0.01".into())
    );
    assert_eq!(
        (
            last.percent.to_string(),
            last.stated_percent.map(|p| p.to_string())
        ),
        ("20".into(), Some("34".into()))
    );
    let contract = render_html(&t, &f, RenderOptions::default());
    assert!(
        contract.contains("<td class=\"num\">34%</td><td class=\"num\">0.01</td>"),
        "{contract}"
    );
    assert!(!contract.contains(">20%<"), "{contract}");
    let panel = results_html(&t, &f, Lang::Zh);
    assert!(panel.contains("data-label=\"比例\">34%</td>"), "{panel}");
    assert!(
        panel.contains("aria-description=\"0.05 × 34% = 0.02，四舍五入到分；尾差 -0.01\""),
        "{panel}"
    );
}

/// Every lump sum explains itself like a schedule row: a breach penalty of the total, a part
/// at a discount (× 折 is × 折 × 10%), an annual maintenance fee with its VAT, and penalties
/// under a cap.
#[test]
fn lump_sums_explain_how_they_were_computed() {
    use contract_calc::template::report::results_html;
    use contract_calc::template::Lang;
    let html = |id: &str| {
        let t = bundled::get(id).unwrap();
        let f = fill(&t, &example_inputs(&t), &Calendar::new());
        results_html(&t, &f, Lang::Zh)
    };
    let breach = html("after-sales-upgrade");
    assert!(
        breach.contains(
            "aria-description=\"360,000.00 × 10% = 36,000.00，四舍五入到分\">36,000.00</span>"
        ),
        "{breach}"
    );
    let parts = html("hardware-maintenance");
    assert!(
        parts.contains(
            "aria-description=\"2,400.00 × 85% = 2,040.00，四舍五入到分\">2,040.00</span>"
        ),
        "{parts}"
    );
    // 52万 × 8% = 41,600.00 a year, 6% VAT on top: 2,496.00, 44,096.00 in all.
    assert!(
        parts.contains("aria-description=\"520,000.00 × 8% = 41,600.00，四舍五入到分；税额 2,496.00，合计 44,096.00\">44,096.00</span>"),
        "{parts}"
    );
    // Penalties of 10% + 5% + 8% of 48万 = 110,400.00, capped at 20% = 96,000.00.
    let capped = html("customer-service");
    assert!(
        capped.contains("aria-description=\"累计 110,400.00；上限 480,000.00 × 20% = 96,000.00，四舍五入到分；取两者中较小者\">96,000.00</span>"),
        "{capped}"
    );
}
