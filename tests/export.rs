//! The downloads: the .docx is read back with an independent ZIP reader (which checks every
//! entry's CRC-32) and XML parser, and its content checked — parts, styles, page, headings,
//! filled values, the annex tables — and the same for the self-contained .html. Hostile input
//! stays text in both.

use contract_calc::core::calendar::Calendar;
use contract_calc::export::{self, docx::docx, html::html, OPTIONS};
use contract_calc::state::Snapshot;
use contract_calc::template::render::{fmt_money, RenderOptions};
use contract_calc::template::{
    bundled, example_inputs, fill, Filled, Input, Inputs, Lang, Template,
};
use roxmltree::{Document, Node};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const PARTS: [&str; 7] = [
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/core.xml",
    "word/document.xml",
    "word/styles.xml",
    "word/footer1.xml",
    "word/_rels/document.xml.rels",
];

/// Every part of a .docx, by name, as text (and each must be UTF-8 and parse as XML).
fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a ZIP archive");
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().expect("a UTF-8 name").to_string();
        let mut text = String::new();
        // Reading to the end checks the entry's CRC-32.
        entry
            .read_to_string(&mut text)
            .expect("a UTF-8 entry with the right CRC");
        if let Err(e) = Document::parse(&text) {
            panic!("{name} is not well-formed XML: {e}");
        }
        parts.insert(name, text);
    }
    parts
}

fn is(n: &Node, name: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(W) && n.tag_name().name() == name
}

/// Whether `name` is anywhere inside `n`.
fn has(n: &Node, name: &str) -> bool {
    n.descendants().any(|d| is(&d, name))
}

fn attr<'a>(n: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

/// The text of a node's runs (`w:t`), in order.
fn text(n: &Node) -> String {
    n.descendants()
        .filter(|d| is(d, "t"))
        .filter_map(|d| d.text())
        .collect()
}

/// A paragraph's style id (`Normal` when it has none).
fn style<'a>(p: &Node<'a, '_>) -> &'a str {
    p.children()
        .find(|c| is(c, "pPr"))
        .and_then(|ppr| ppr.children().find(|c| is(c, "pStyle")))
        .and_then(|s| attr(&s, "val"))
        .unwrap_or("Normal")
}

/// The body's top-level paragraphs' (style, text), in order.
fn paragraphs(doc: &Document) -> Vec<(String, String)> {
    let body = doc.descendants().find(|n| is(n, "body")).unwrap();
    body.children()
        .filter(|n| is(n, "p"))
        .map(|p| (style(&p).to_string(), text(&p)))
        .collect()
}

/// Each table's rows, each row its cells' text.
fn tables(doc: &Document) -> Vec<Vec<Vec<String>>> {
    doc.descendants()
        .filter(|n| is(n, "tbl"))
        .map(|t| {
            t.children()
                .filter(|r| is(r, "tr"))
                .map(|r| {
                    r.children()
                        .filter(|c| is(c, "tc"))
                        .map(|c| text(&c))
                        .collect()
                })
                .collect()
        })
        .collect()
}

fn filled(id: &str, changes: &[(&str, &str)]) -> (Template, Filled) {
    let t = bundled::get(id).unwrap();
    let mut inputs = example_inputs(&t);
    for (k, v) in changes {
        inputs.insert((*k).into(), Input::Text((*v).into()));
    }
    let f = fill(&t, &inputs, &Calendar::new());
    (t, f)
}

#[test]
fn every_bundled_template_exports_a_docx_with_its_parts_styles_page_headings_values_and_annex() {
    assert_eq!(bundled::all().len(), bundled::SOURCES.len());
    for t in bundled::all() {
        let f = fill(t, &example_inputs(t), &Calendar::new());
        let bytes = docx(t, &f, OPTIONS);
        assert_eq!(&bytes[..2], b"PK", "{}", t.id);
        let parts = unzip(&bytes);
        for p in PARTS {
            assert!(parts.contains_key(p), "{}: no {p}", t.id);
        }
        let types = &parts["[Content_Types].xml"];
        assert!(
            types.contains("/word/document.xml")
                && types.contains("wordprocessingml.document.main+xml")
        );
        assert!(parts["_rels/.rels"].contains("Target=\"word/document.xml\""));

        // Styles: 宋体 for the body (every script), 黑体 headings, A4 page.
        let styles = Document::parse(&parts["word/styles.xml"]).unwrap();
        let defaults = styles.descendants().find(|n| is(n, "docDefaults")).unwrap();
        let fonts = defaults.descendants().find(|n| is(n, "rFonts")).unwrap();
        for a in ["ascii", "hAnsi", "eastAsia"] {
            assert_eq!(attr(&fonts, a), Some("SimSun"), "{}: body font {a}", t.id);
        }
        // 1.5 lines: `auto` (a multiple of single spacing), not `atLeast` 18 pt.
        let spacing = defaults.descendants().find(|n| is(n, "spacing")).unwrap();
        assert_eq!(
            (attr(&spacing, "line"), attr(&spacing, "lineRule")),
            (Some("360"), Some("auto"))
        );
        for id in ["Title", "Heading1", "Normal", "Cell", "Filled", "Gap"] {
            assert!(
                styles
                    .descendants()
                    .any(|n| is(&n, "style") && attr(&n, "styleId") == Some(id)),
                "{}: style {id}",
                t.id
            );
        }
        let doc = Document::parse(&parts["word/document.xml"]).unwrap();
        let size = doc.descendants().find(|n| is(n, "pgSz")).unwrap();
        assert_eq!(
            (attr(&size, "w"), attr(&size, "h")),
            (Some("11906"), Some("16838"))
        );
        let margins = doc.descendants().find(|n| is(n, "pgMar")).unwrap();
        for side in ["top", "bottom", "left", "right"] {
            let m: u32 = attr(&margins, side).unwrap().parse().unwrap();
            assert!((1000..=2000).contains(&m), "{}: {side} margin {m}", t.id);
        }

        // The title, then every section heading of the template, in order, as Heading 1.
        let paras = paragraphs(&doc);
        assert_eq!(paras[0], ("Title".to_string(), t.title.clone()));
        let headings: Vec<&str> = paras
            .iter()
            .filter(|(s, _)| s == "Heading1")
            .map(|(_, text)| text.as_str())
            .collect();
        for (section, heading) in t.body.iter().zip(&headings) {
            let fixed = section.heading.split("{{").next().unwrap();
            assert!(
                heading.starts_with(fixed),
                "{}: {heading} ≠ {}",
                t.id,
                section.heading
            );
        }
        let whole = text(&doc.root());
        assert!(!whole.contains("{{"), "{}: a placeholder was left", t.id);

        // Every calculator table that is ready is an annex: a heading on a new page, then a
        // bordered table with a repeated header row.
        let tables = tables(&doc);
        let mut annexes = 0;
        if let Some(s) = f.schedule.ready() {
            annexes += 1;
            assert!(
                headings.contains(&"附件一：付款计划表"),
                "{}: {headings:?}",
                t.id
            );
            assert!(whole.contains("详见附件一《付款计划表》"), "{}", t.id);
            let table = tables
                .iter()
                .find(|t| t[0][0] == "款项")
                .unwrap_or_else(|| panic!("{}: no schedule table", t.id));
            assert_eq!(
                table.len(),
                s.rows.len() + 2,
                "{}: header, rows, total",
                t.id
            );
            for (row, r) in table[1..].iter().zip(&s.rows) {
                assert_eq!(row[0], r.name);
                assert_eq!(row[2], fmt_money(r.amount));
                assert_eq!(row[3], r.words);
            }
            let total = table.last().unwrap();
            assert_eq!(total[..2], ["合计", "100%"]);
            assert_eq!(
                (&total[2], &total[3]),
                (&fmt_money(s.total), &s.total_words)
            );
            assert!(whole.contains(&s.total_words));
        }
        if let Some(d) = f.devices.ready() {
            annexes += 1;
            let table = tables.iter().find(|t| t[0][0] == "期间").unwrap();
            assert_eq!(table.len(), d.months.len() + 2);
            assert_eq!(table.last().unwrap()[1], fmt_money(d.total.gross));
        }
        if let Some(p) = f.penalty.ready() {
            annexes += 1;
            let table = tables.iter().find(|t| t[0][0] == "起止日期").unwrap();
            assert_eq!(table.len(), p.segments.len() + 2);
            assert!(whole.contains(&format!(
                "违约金合计人民币{}元（{}）",
                fmt_money(p.total),
                p.total_words
            )));
        }
        assert!(
            annexes > 0,
            "{}: every bundled template has a calculator",
            t.id
        );
        let breaks = doc
            .descendants()
            .filter(|n| is(n, "pageBreakBefore"))
            .count();
        assert_eq!(breaks, annexes, "{}: each annex starts a page", t.id);
        // The signature line is a table of its own, one cell a party, no borders: a long
        // name breaks inside its cell, never across the two.
        let party = |id: &str| match f.values.get(id) {
            Some(contract_calc::template::expr::Value::Text(name)) => name.clone(),
            _ => "＿＿".into(),
        };
        let signatures: Vec<_> = doc
            .descendants()
            .filter(|n| is(n, "tbl") && !has(n, "insideH"))
            .collect();
        assert_eq!(signatures.len(), 1, "{}: one signature line", t.id);
        let at = doc
            .descendants()
            .filter(|n| is(n, "tbl"))
            .position(|n| n == signatures[0]);
        let cells = &tables[at.unwrap()];
        assert_eq!(cells.len(), 1, "{}: one row", t.id);
        assert!(
            cells[0].len() == 2
                && cells[0][0].starts_with("甲方（盖章）：")
                && cells[0][0].contains(&party("party_a"))
                && cells[0][1].starts_with("乙方（盖章）：")
                && cells[0][1].contains(&party("party_b")),
            "{}: {cells:?}",
            t.id
        );
        for tbl in doc
            .descendants()
            .filter(|n| is(n, "tbl") && *n != signatures[0])
        {
            assert!(has(&tbl, "insideH"), "{}: a table without borders", t.id);
            let cols = tbl.descendants().filter(|n| is(n, "gridCol")).count();
            for (i, tr) in tbl.children().filter(|r| is(r, "tr")).enumerate() {
                assert_eq!(
                    has(&tr, "tblHeader"),
                    i == 0,
                    "{}: the header row repeats",
                    t.id
                );
                assert!(has(&tr, "cantSplit"), "{}: a row may split", t.id);
                // Every row spans the whole grid (the device table's total row once fell short).
                let spans: usize = tr
                    .children()
                    .filter(|c| is(c, "tc"))
                    .map(|c| {
                        c.descendants()
                            .find(|n| is(n, "gridSpan"))
                            .map_or(1, |g| attr(&g, "val").unwrap().parse().unwrap())
                    })
                    .sum();
                assert_eq!(
                    spans, cols,
                    "{}: a row of {spans} columns in a grid of {cols}",
                    t.id
                );
            }
        }
        // Nothing in the body is left empty that the template filled.
        assert!(!f.values.is_empty());
    }
}

#[test]
fn docx_shows_filled_values_underlined_in_place_and_gaps_with_their_label() {
    let (t, f) = filled("after-sales-upgrade", &[]);
    let parts = unzip(&docx(&t, &f, OPTIONS));
    let doc = Document::parse(&parts["word/document.xml"]).unwrap();
    let paras = paragraphs(&doc);
    // Hand-checked (tests/bundled_templates.rs): 30% of 360,000 = 108,000.00, due 2025-10-10.
    assert!(paras.iter().any(|(_, p)| p
        == "3.2 预付款：甲方在合同生效后5个工作日内，支付合同总额的30%，计人民币108,000.00元（人民币壹拾万捌仟元整），付款期限为2025年10月10日。"));
    assert!(
        paras
            .iter()
            .any(|(s, p)| s == "Normal"
                && p == "甲方（电商平台运营方）：杭州云集优选电子商务有限公司")
    );
    let runs = |style: &str| -> Vec<String> {
        doc.descendants()
            .filter(|r| is(r, "r"))
            .filter(|r| {
                r.descendants()
                    .any(|s| is(&s, "rStyle") && attr(&s, "val") == Some(style))
            })
            .map(|r| text(&r))
            .collect()
    };
    let values = runs("Filled");
    for v in [
        "杭州云集优选电子商务有限公司",
        "108,000.00",
        "人民币壹拾万捌仟元整",
        "2025年10月10日",
        "30",
    ] {
        assert!(
            values.iter().any(|r| r == v),
            "{v} is not a filled value: {values:?}"
        );
    }
    assert!(runs("Gap").is_empty(), "every blank is filled");

    // Empty: the blanks are gaps, underlined space with the label.
    let empty = fill(&t, &Inputs::new(), &Calendar::new());
    let parts = unzip(&docx(&t, &empty, OPTIONS));
    let doc = Document::parse(&parts["word/document.xml"]).unwrap();
    let gaps: Vec<String> = doc
        .descendants()
        .filter(|r| {
            is(r, "r")
                && r.descendants()
                    .any(|s| is(&s, "rStyle") && attr(&s, "val") == Some("Gap"))
        })
        .map(|r| text(&r))
        .collect();
    assert!(
        gaps.contains(&"\u{3000}\u{3000}甲方（电商平台运营方）\u{3000}\u{3000}".to_string()),
        "{gaps:?}"
    );
    // Nothing is computed yet, so no annex and the body's table says it is pending.
    assert!(!text(&doc.root()).contains("附件一"));
    assert!(text(&doc.root()).contains("（付款计划待填写完整后生成）"));
    let styles = &parts["word/styles.xml"];
    let gap_style = &styles[styles.find("w:styleId=\"Gap\"").unwrap()..];
    assert!(gap_style[..gap_style.find("</w:style>").unwrap()].contains("<w:u w:val=\"single\""));
}

const HOSTILE: &str = "<w:p><w:r><w:t>注入</w:t></w:r></w:p>]]><![CDATA[x]]>&amp;&lt;<script>alert(1)</script>\u{202E}evil\u{0}\u{1b}\u{7}\u{FFFE}\"'";
/// What is left of it to read: the same text, bidi and control characters dropped.
const HOSTILE_TEXT: &str = "<w:p><w:r><w:t>注入</w:t></w:r></w:p>]]><![CDATA[x]]>&amp;&lt;<script>alert(1)</script>evil\"'";

#[test]
fn hostile_input_stays_text_in_the_docx() {
    let (t, clean) = filled("after-sales-upgrade", &[]);
    let (_, f) = filled(
        "after-sales-upgrade",
        &[("party_a", HOSTILE), ("contract_no", HOSTILE)],
    );
    let parts = unzip(&docx(&t, &f, OPTIONS));
    let xml = &parts["word/document.xml"];
    assert!(!xml.contains('\u{202E}') && !xml.contains('\u{0}') && !xml.contains('\u{1b}'));
    assert!(!xml.contains("]]><![CDATA["), "raw markup in the XML");
    let doc = Document::parse(xml).unwrap();
    let paras = paragraphs(&doc);
    assert!(
        paras.contains(&(
            "Normal".into(),
            format!("甲方（电商平台运营方）：{HOSTILE_TEXT}")
        )),
        "{paras:?}"
    );
    assert_eq!(
        paras[1],
        ("Heading1".into(), format!("合同编号：{HOSTILE_TEXT}"))
    );
    // The same document structure as with a plain name: no paragraph or run was injected.
    let clean_parts = unzip(&docx(&t, &clean, OPTIONS));
    let clean_doc = Document::parse(&clean_parts["word/document.xml"]).unwrap();
    for name in ["p", "r", "tbl", "tr"] {
        let count = |d: &Document| d.descendants().filter(|n| is(n, name)).count();
        assert_eq!(count(&doc), count(&clean_doc), "w:{name} count");
    }
    // A hostile template title reaches docProps/core.xml too, still as text.
    let mut evil = t.clone();
    evil.title = HOSTILE.into();
    let parts = unzip(&docx(&evil, &clean, OPTIONS));
    let core = Document::parse(&parts["docProps/core.xml"]).unwrap();
    let title = core
        .descendants()
        .find(|n| n.tag_name().name() == "title")
        .unwrap();
    assert_eq!(title.text(), Some(HOSTILE_TEXT));
}

#[test]
fn every_bundled_template_exports_a_self_contained_html() {
    for t in bundled::all() {
        let f = fill(t, &example_inputs(t), &Calendar::new());
        let page = html(t, &f, OPTIONS);
        assert!(
            page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"),
            "{}",
            t.id
        );
        assert!(page.contains("<meta charset=\"utf-8\">") && page.contains("@page{size:A4"));
        assert!(page.contains(&format!("<title>{}</title>", t.title)));
        let lower = page.to_lowercase();
        for banned in [
            "<script", "src=", "href=", "url(", "@import", "<link", "http://", "https://",
        ] {
            assert!(!lower.contains(banned), "{}: {banned}", t.id);
        }
        // The Content-Security-Policy forbids anything external or scripted.
        assert!(page.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
        if let Some(s) = f.schedule.ready() {
            assert!(
                page.contains("<section class=\"clause annex\"><h2>附件一：付款计划表</h2>"),
                "{}",
                t.id
            );
            assert!(page.contains(&format!(
                "<td class=\"num\">{}</td>",
                fmt_money(s.rows[0].amount)
            )));
            assert!(page.contains(&s.total_words));
        }
        assert!(page.ends_with("</article></body></html>\n"));
    }
    let (t, f) = filled("after-sales-upgrade", &[]);
    let page = html(&t, &f, OPTIONS);
    assert!(page.contains("计人民币<span class=\"v computed\" data-source=\"schedule.0.amount\">108,000.00</span>元（<span class=\"v computed\" data-source=\"schedule.0.words\">人民币壹拾万捌仟元整</span>）"));
}

/// The device fee table as the .docx, the .html and the live contract show it: the header
/// row's texts, and each row's and the total's column count (a cell's span included).
fn device_fee_tables(t: &Template, f: &Filled) -> Vec<(Vec<String>, Vec<usize>)> {
    let doc = unzip(&docx(t, f, OPTIONS))["word/document.xml"].clone();
    let doc = Document::parse(&doc).unwrap();
    let table = doc
        .descendants()
        .find(|n| is(n, "tbl") && text(n).starts_with("期间"))
        .unwrap();
    let rows: Vec<Node> = table.children().filter(|r| is(r, "tr")).collect();
    let head = rows[0]
        .children()
        .filter(|c| is(c, "tc"))
        .map(|c| text(&c))
        .collect();
    let spans = rows
        .iter()
        .map(|r| {
            r.children()
                .filter(|c| is(c, "tc"))
                .map(|c| {
                    c.descendants()
                        .find(|n| is(n, "gridSpan"))
                        .map_or(1, |g| attr(&g, "val").unwrap().parse().unwrap())
                })
                .sum()
        })
        .collect();
    let mut out = vec![(head, spans)];
    // The .html download and the live contract (their table is well-formed XML).
    for page in [
        html(t, f, OPTIONS),
        contract_calc::template::render::render_html(t, f, RenderOptions::with_annex(true)),
    ] {
        let at = page.find("<table class=\"calc devices\">").unwrap();
        let end = at + page[at..].find("</table>").unwrap() + "</table>".len();
        let table = Document::parse(&page[at..end]).unwrap();
        let rows: Vec<Node> = table
            .descendants()
            .filter(|n| n.has_tag_name("tr"))
            .collect();
        fn cells<'a, 'i>(row: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
            row.children().filter(|c| c.is_element()).collect()
        }
        let head = cells(rows[0])
            .iter()
            .map(|c| c.text().unwrap_or_default().to_string())
            .collect();
        let spans = rows
            .iter()
            .map(|r| {
                cells(*r)
                    .iter()
                    .map(|c| c.attribute("colspan").map_or(1, |s| s.parse().unwrap()))
                    .sum()
            })
            .collect();
        out.push((head, spans));
    }
    out
}

#[test]
fn device_fees_leave_out_a_discount_or_tax_that_is_zero_in_every_month() {
    // pc-maintenance agrees no discount and no VAT: no column of 0.00s, and no subtotal that
    // repeats the total, everywhere the table is written; every row, the total too, still
    // spans the header's columns.
    let (t, f) = filled("pc-maintenance", &[]);
    let months = f.devices.ready().unwrap().months.len();
    for (head, spans) in device_fee_tables(&t, &f) {
        assert_eq!(
            head,
            [
                "期间",
                "付款期限",
                "台式机（元）",
                "笔记本（元）",
                "服务器（元）",
                "合计（元）"
            ]
        );
        assert_eq!(spans, vec![6; months + 2]);
    }
    // The result panel's month table too.
    let panel =
        contract_calc::template::report::results_html(&t, &f, contract_calc::template::Lang::Zh);
    assert!(
        !panel.contains(">折扣<") && !panel.contains(">税额<") && !panel.contains(">小计<"),
        "{panel}"
    );
    // With a discount and VAT agreed, both are shown; with VAT alone, only the tax.
    let mut agreed = t.clone();
    let devices = agreed.calculators.devices.as_mut().unwrap();
    devices.discount_percent = Some("5".into());
    devices.vat_percent = Some("6".into());
    let f = fill(&agreed, &example_inputs(&agreed), &Calendar::new());
    let d = f.devices.ready().unwrap();
    assert!(!d.months[0].discount.is_zero() && !d.months[0].split.tax.is_zero());
    for (head, spans) in device_fee_tables(&agreed, &f) {
        assert_eq!(head[5..], ["小计", "折扣", "税额", "合计（元）"]);
        assert_eq!(spans, vec![9; months + 2]);
    }
    agreed
        .calculators
        .devices
        .as_mut()
        .unwrap()
        .discount_percent = None;
    let f = fill(&agreed, &example_inputs(&agreed), &Calendar::new());
    for (head, spans) in device_fee_tables(&agreed, &f) {
        assert_eq!(head[5..], ["小计", "税额", "合计（元）"]);
        assert_eq!(spans, vec![8; months + 2]);
    }
}

#[test]
fn hostile_input_stays_text_in_the_html() {
    let (t, f) = filled("after-sales-upgrade", &[("party_a", HOSTILE)]);
    let mut evil = t.clone();
    evil.title = HOSTILE.into();
    let page = html(&evil, &f, OPTIONS);
    assert!(!page.to_lowercase().contains("<script"));
    assert!(!page.contains("<w:") && !page.contains('\u{202E}') && !page.contains('\u{0}'));
    let escaped = "&lt;w:p&gt;&lt;w:r&gt;&lt;w:t&gt;注入&lt;/w:t&gt;&lt;/w:r&gt;&lt;/w:p&gt;]]&gt;&lt;![CDATA[x]]&gt;&amp;amp;&amp;lt;&lt;script&gt;alert(1)&lt;/script&gt;evil&quot;&#39;";
    assert!(page.contains(&format!("<title>{escaped}</title>")));
    assert!(page.contains(&format!(
        "<span class=\"v filled\" data-field=\"party_a\" tabindex=\"0\">{escaped}</span>"
    )));
}

#[test]
fn file_names_come_from_the_title_without_forbidden_characters() {
    let mut t = bundled::get("pc-maintenance").unwrap();
    assert_eq!(
        export::file_name(&t, "docx"),
        "计算机软件维护服务合同（按台计费）.docx"
    );
    t.title = " a/b\\c:d*e?f\"g<h>i|j\u{7} ".into();
    assert_eq!(export::file_name(&t, "html"), "a_b_c_d_e_f_g_h_i_j_.html");
    t.title = "  ".into();
    assert_eq!(export::file_name(&t, "docx"), "pc-maintenance.docx");
}

#[test]
fn a_snapshot_exports_for_the_npm_api_and_the_output_is_deterministic() {
    let t = bundled::get("after-sales-upgrade").unwrap();
    let s = Snapshot::new(&t.id, Lang::Zh, example_inputs(&t));
    let cal = Calendar::new();
    let bytes = export::docx_from_snapshot(&s, &cal).unwrap();
    assert_eq!(
        bytes,
        export::docx_from_snapshot(&s, &cal).unwrap(),
        "same input, same bytes"
    );
    let parts = unzip(&bytes);
    assert!(parts["word/document.xml"].contains("人民币壹拾万捌仟元整"));
    let page = export::html_from_snapshot(&s, &cal).unwrap();
    assert!(page.contains("108,000.00"));
    let unknown = Snapshot::new("no-such-template", Lang::Zh, Inputs::new());
    assert!(export::docx_from_snapshot(&unknown, &cal).is_none());
    assert!(export::html_from_snapshot(&unknown, &cal).is_none());
}

#[test]
fn a_table_inside_a_paragraph_closes_it_and_the_text_goes_on_after_the_table() {
    // Templates may put a table placeholder inside a paragraph; Word has no table in a
    // paragraph, so the docx ends the paragraph, writes the table, and opens another.
    let mut t = bundled::get("website-maintenance").unwrap();
    let para = &mut t.body[1].paragraphs[0];
    *para = "页面如下{{table:pages}}以上为全部页面。".into();
    let f = fill(&t, &example_inputs(&t), &Calendar::new());
    let parts = unzip(&docx(&t, &f, OPTIONS));
    let doc = Document::parse(&parts["word/document.xml"]).unwrap();
    let body = doc.descendants().find(|n| is(n, "body")).unwrap();
    let children: Vec<Node> = body.children().filter(|n| n.is_element()).collect();
    let at = children
        .iter()
        .position(|n| is(n, "tbl") && text(n).starts_with("项目"))
        .expect("the page table, directly in the body");
    assert_eq!(text(&children[at - 1]), "页面如下");
    assert_eq!(text(&children[at + 1]), "以上为全部页面。");
    assert!(!doc
        .descendants()
        .any(|n| is(&n, "p") && n.descendants().any(|d| is(&d, "tbl"))));
}

#[test]
fn an_english_template_exports_english_annexes_dates_and_page_footer() {
    let (mut t, _) = filled("after-sales-upgrade", &[]);
    t.language = Lang::En;
    let f = fill(&t, &example_inputs(&t), &Calendar::new());
    let parts = unzip(&docx(&t, &f, OPTIONS));
    assert!(parts["word/footer1.xml"].contains(">Page </w:t>"));
    assert!(!parts["word/footer1.xml"].contains('页'));
    let doc = Document::parse(&parts["word/document.xml"]).unwrap();
    let paras = paragraphs(&doc);
    assert!(
        paras.iter().any(|(_, p)| p == "Annex 1: Payment schedule"),
        "{paras:?}"
    );
    assert!(paras
        .iter()
        .any(|(_, p)| p == "See Annex 1, Payment schedule."));
    assert!(tables(&doc)
        .iter()
        .flatten()
        .flatten()
        .any(|c| c == "10 October 2025"));
    // The Chinese template's footer is unchanged.
    let (t, f) = filled("after-sales-upgrade", &[]);
    assert!(unzip(&docx(&t, &f, OPTIONS))["word/footer1.xml"].contains(">第 </w:t>"));
}
