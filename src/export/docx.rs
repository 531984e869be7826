//! The filled contract as a Word document (WordprocessingML in a ZIP), written from the same
//! walk as the HTML contract (`template::render::sections`): the title, each section's heading
//! (its own numbering, as the template writes it: 第一条, 一、…) as a Heading 1, paragraphs in
//! 宋体 with filled values underlined and unfilled blanks as underlined space with their label
//! in grey, computed tables (and the annexes) as bordered tables, A4 with 2.54/3.17 cm margins
//! and page numbers in the footer.

use super::zip::zip;
use crate::template::fill::Filled;
use crate::template::model::{Lang, Template};
use crate::template::render::{escape, sections, Block, Cell, Inline, Part, RenderOptions, Table};
use crate::template::wording;
use std::borrow::Cow;
use std::fmt::Write;

/// The XML declaration every part starts with (a macro, so constant parts are joined at
/// compile time).
macro_rules! xml {
    () => {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    };
}
macro_rules! w {
    () => {
        "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
    };
}
/// A4 (11906 × 16838 twips) less 1800 twips (3.17 cm) left and right.
const TEXT_WIDTH: usize = 11906 - 2 * 1800;

const CONTENT_TYPES: &str = concat!(
    xml!(),
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>",
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>",
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>",
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>",
    "</Types>"
);

const RELS: &str = concat!(
    xml!(),
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>",
    "</Relationships>"
);

const DOCUMENT_RELS: &str = concat!(
    xml!(),
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>",
    "</Relationships>"
);

/// Body 宋体 小四 (12 pt), 1.5 lines, first line indented two characters; title and headings
/// 黑体; `Filled` and `Gap` character styles, so a user can restyle every value at once.
const STYLES: &str = concat!(
    xml!(),
    "<w:styles ",
    w!(),
    "><w:docDefaults><w:rPrDefault><w:rPr>",
    "<w:rFonts w:ascii=\"SimSun\" w:hAnsi=\"SimSun\" w:eastAsia=\"SimSun\"/>",
    "<w:sz w:val=\"24\"/><w:lang w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault>",
    "<w:pPrDefault><w:pPr><w:spacing w:line=\"360\" w:lineRule=\"auto\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>",
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>",
    "<w:pPr><w:ind w:firstLineChars=\"200\" w:firstLine=\"480\"/></w:pPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Heading1\"/>",
    "<w:pPr><w:spacing w:before=\"240\" w:after=\"360\"/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/></w:pPr>",
    "<w:rPr><w:sz w:val=\"36\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:next w:val=\"Normal\"/>",
    "<w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"60\"/><w:outlineLvl w:val=\"1\"/></w:pPr>",
    "<w:rPr><w:rFonts w:ascii=\"SimHei\" w:hAnsi=\"SimHei\" w:eastAsia=\"SimHei\"/><w:b/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Cell\"><w:name w:val=\"Table Cell\"/>",
    // No automatic space between 汉字 and digits in a cell (2025年7月31日, as the widget and
    // the .html show it): the column widths count none.
    "<w:pPr><w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/><w:spacing w:line=\"280\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/></w:pPr><w:rPr><w:sz w:val=\"21\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/>",
    "<w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/></w:rPr></w:style>",
    "<w:style w:type=\"character\" w:styleId=\"Filled\"><w:name w:val=\"Filled Value\"/><w:rPr><w:u w:val=\"single\"/></w:rPr></w:style>",
    "<w:style w:type=\"character\" w:styleId=\"Gap\"><w:name w:val=\"Blank\"/><w:rPr><w:color w:val=\"808080\"/><w:sz w:val=\"18\"/><w:u w:val=\"single\" w:color=\"000000\"/></w:rPr></w:style>",
    "</w:styles>"
);
/// The page footer: the page number with the words around it in the contract's language
/// (`第 1 页`, `Page 1`).
fn footer(lang: Lang) -> String {
    let (before, after) = wording::of(lang).page;
    format!(
        concat!(
            xml!(),
            "<w:ftr ",
            w!(),
            "><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
            "<w:fldSimple w:instr=\"PAGE\"><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:ftr>"
        ),
        before, after
    )
}

/// Single ½ pt black lines (Word's default colour), around and inside.
const BORDERS: &str = concat!(
    "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/>",
    "<w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/>",
    "<w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/></w:tblBorders>",
);

/// The filled contract as a .docx file.
pub fn docx(t: &Template, f: &Filled, opts: RenderOptions) -> Vec<u8> {
    let mut body = String::with_capacity(64 * 1024);
    body.push_str(concat!(
        xml!(),
        "<w:document ",
        w!(),
        " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>"
    ));
    para(
        &mut body,
        "<w:pStyle w:val=\"Title\"/>",
        &[Inline::Text(t.title.as_str().into())],
    );
    for s in sections(t, f, opts) {
        let style = if s.index.is_some() {
            "<w:pStyle w:val=\"Heading1\"/>"
        } else {
            "<w:pStyle w:val=\"Heading1\"/><w:pageBreakBefore/><w:jc w:val=\"center\"/>"
        };
        para(&mut body, style, &s.heading);
        for b in &s.blocks {
            match b {
                Block::Para(p) => para(&mut body, "", p),
                Block::Columns(columns) => columns_table(&mut body, columns),
                Block::Table(part) => table(&mut body, part),
            }
        }
    }
    // A4, 2.54 cm top and bottom, 3.17 cm left and right (Word's defaults for Chinese).
    body.push_str(
        "<w:p/><w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId2\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
         <w:pgMar w:top=\"1440\" w:right=\"1800\" w:bottom=\"1440\" w:left=\"1800\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>",
    );
    let core = format!(
        concat!(xml!(), "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title></cp:coreProperties>"),
        escape(&t.title)
    );
    zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("docProps/core.xml", core.as_bytes()),
        ("word/document.xml", body.as_bytes()),
        ("word/styles.xml", STYLES.as_bytes()),
        ("word/footer1.xml", footer(t.language).as_bytes()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
    ])
}

/// A paragraph; a table inside it closes the paragraph and opens another after the table.
fn para(out: &mut String, ppr: &str, inlines: &[Inline]) {
    let open = |out: &mut String| {
        out.push_str("<w:p>");
        if !ppr.is_empty() {
            let _ = write!(out, "<w:pPr>{ppr}</w:pPr>");
        }
    };
    open(out);
    for i in inlines {
        match i {
            Inline::Text(s) => run(out, "", s),
            Inline::Filled { text, .. } | Inline::Computed { text, .. } => {
                run(out, "<w:rStyle w:val=\"Filled\"/>", text)
            }
            Inline::Gap { label, .. } => run(
                out,
                "<w:rStyle w:val=\"Gap\"/>",
                &format!("\u{3000}\u{3000}{label}\u{3000}\u{3000}"),
            ),
            Inline::Table(part) => {
                out.push_str("</w:p>");
                table(out, part);
                open(out);
            }
        }
    }
    out.push_str("</w:p>");
}

/// A run of text: escaped, control and bidi characters dropped (by `escape`), line breaks
/// and tabs as Word's own elements.
fn run(out: &mut String, rpr: &str, text: &str) {
    if text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    if !rpr.is_empty() {
        let _ = write!(out, "<w:rPr>{rpr}</w:rPr>");
    }
    let text = escape(text)
        .replace('\n', "</w:t><w:br/><w:t xml:space=\"preserve\">")
        .replace('\t', "</w:t><w:tab/><w:t xml:space=\"preserve\">");
    let _ = write!(out, "<w:t xml:space=\"preserve\">{text}</w:t></w:r>");
}

/// A line laid out in columns (a signature line) as a borderless table of one row, a cell per
/// column of equal width: Word then breaks a long name inside its cell, never across the two.
fn columns_table(out: &mut String, columns: &[(Cow<str>, Vec<Inline>)]) {
    let width = TEXT_WIDTH / columns.len().max(1);
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
    );
    for _ in columns {
        let _ = write!(out, "<w:gridCol w:w=\"{width}\"/>");
    }
    out.push_str("</w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>");
    for (_, inlines) in columns {
        let _ = write!(
            out,
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>"
        );
        para(
            out,
            "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>",
            inlines,
        );
        out.push_str("</w:tc>");
    }
    out.push_str("</w:tr></w:tbl>");
}

fn table(out: &mut String, part: &Part) {
    let t = match part {
        Part::Pending(note) => return para(out, "", &[Inline::Text((*note).into())]),
        Part::Table(t) => t,
    };
    let widths = column_widths(t);
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>{BORDERS}</w:tblPr><w:tblGrid>"
    );
    for w in &widths {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid>");
    row(out, &widths, &t.head, true, 0);
    for r in &t.rows {
        row(out, &widths, r, false, 0);
    }
    if !t.foot.is_empty() {
        row(out, &widths, &t.foot, false, 1);
    }
    out.push_str("</w:tbl>");
}

/// A table row, never split across pages; `header` repeats on every page, and its cells (and
/// the first `bold` cells of another row) are bold.
fn row(out: &mut String, widths: &[usize], cells: &[Cell], header: bool, bold: usize) {
    out.push_str(if header {
        "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
    } else {
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
    });
    let mut col = 0;
    for (i, c) in cells.iter().enumerate() {
        let span = c.span.max(1);
        let width: usize = widths.iter().skip(col).take(span).sum();
        col += span;
        let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
        if span > 1 {
            let _ = write!(out, "<w:gridSpan w:val=\"{span}\"/>");
        }
        if header {
            out.push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F2F2\"/>");
        }
        out.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
        let jc = match (header, c.num) {
            (true, _) => "<w:jc w:val=\"center\"/>",
            (_, true) => "<w:jc w:val=\"right\"/>",
            _ => "",
        };
        let _ = write!(out, "<w:p><w:pPr><w:pStyle w:val=\"Cell\"/>{jc}</w:pPr>");
        run(out, if header || i < bold { "<w:b/>" } else { "" }, &c.text);
        out.push_str("</w:p></w:tc>");
    }
    out.push_str("</w:tr>");
}

/// Column widths (twips) for the text width, as a browser lays out an automatic table: each
/// column gets at least what it cannot do without (a number in full, a date in full, six 汉字
/// of text, two of a heading), and the room left goes to the columns that would otherwise
/// wrap, in proportion to how much more they want.
fn column_widths(t: &Table) -> Vec<usize> {
    // Twips at 10.5 pt: a 汉字 (and %) is 210; other ASCII is counted at 0.65 of that, the
    // width of digits in the widest fallback font (DejaVu Serif).
    let char_width = |c: char| if c.is_ascii() && c != '%' { 137 } else { 210 };
    let width = |s: &str| -> usize { s.chars().map(char_width).sum() };
    // The widest date in a text (2025年7月31日): Word breaks between any two 汉字, so a period
    // (2025年7月1日至2025年7月31日) may break at 至 but not inside a date.
    let widest_date = |s: &str| -> usize {
        let (mut widest, mut run) = (0, 0);
        let mut in_date = false;
        for c in s.chars() {
            in_date = c.is_ascii_digit() || (in_date && "年月日".contains(c));
            run = if in_date { run + char_width(c) } else { 0 };
            widest = widest.max(run);
        }
        widest
    };
    const PAD: usize = 200;
    let mut min: Vec<usize> = t
        .head
        .iter()
        .map(|h| width(&h.text).min(420) + PAD)
        .collect();
    let mut want: Vec<usize> = t.head.iter().map(|h| width(&h.text) + PAD).collect();
    for row in t.rows.iter().chain(std::iter::once(&t.foot)) {
        let mut col = 0;
        for c in row {
            if c.span <= 1 && col < min.len() {
                let w = width(&c.text);
                let least = if c.num {
                    w
                } else {
                    w.min(1260).max(widest_date(&c.text))
                };
                min[col] = min[col].max(PAD + least);
                want[col] = want[col].max(PAD + w);
            }
            col += c.span.max(1);
        }
    }
    let (sum_min, sum_want): (usize, usize) = (min.iter().sum(), want.iter().sum());
    if sum_want <= TEXT_WIDTH {
        return want
            .iter()
            .map(|w| w * TEXT_WIDTH / sum_want.max(1))
            .collect();
    }
    if sum_min >= TEXT_WIDTH {
        return min
            .iter()
            .map(|w| w * TEXT_WIDTH / sum_min.max(1))
            .collect();
    }
    let (room, flex) = (TEXT_WIDTH - sum_min, sum_want - sum_min);
    min.iter()
        .zip(&want)
        .map(|(m, w)| m + (w - m) * room / flex)
        .collect()
}
