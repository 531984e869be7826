//! The filled contract as one self-contained HTML file: the same HTML as the live contract,
//! with an inline print stylesheet (A4), no scripts and no external resources (a
//! Content-Security-Policy forbids both, should anything slip in).

use crate::template::fill::Filled;
use crate::template::model::{Lang, Template};
use crate::template::render::{escape, render_html, RenderOptions};

/// A4 with Word's margins, 宋体 12 pt, 黑体 headings, values underlined as on a printed
/// contract, blanks as grey labels on a line, each annex on a new page; in the tables a period,
/// a date and a payment's name kept on a line as in the live contract (widget.css).
const CSS: &str = "@page{size:A4;margin:25.4mm 31.7mm}\
body{max-width:146.6mm;margin:auto;padding:12mm 0;font:12pt/1.8 SimSun,\"Songti SC\",\"Noto Serif CJK SC\",serif}\
@media print{body{padding:0}}\
h1,h2{font-family:SimHei,\"Heiti SC\",\"Noto Sans CJK SC\",sans-serif}\
h1{text-align:center;font-size:18pt}h2{font-size:12pt;margin:1em 0 0;break-after:avoid}\
p{margin:0;text-indent:2em}.v{text-decoration:underline}.gap{color:gray;font-size:9pt}\
.col{display:inline-block;text-indent:0}tr{break-inside:avoid}\
.annex{break-before:page}.annex h2{text-align:center}\
table{border-collapse:collapse;width:100%;font-size:10.5pt;line-height:1.4;text-align:left}\
th,td{border:1px solid;padding:2px 5px}.num{text-align:right;white-space:nowrap}\
.devices td:first-child,.penalty td:first-child{white-space:nowrap}.devices td:nth-child(2){word-break:keep-all}\
.schedule td:first-child,.schedule td:nth-child(5){word-break:keep-all}.schedule td:nth-child(4){min-width:6em}";

/// The filled contract as a standalone .html document.
pub fn html(t: &Template, f: &Filled, opts: RenderOptions) -> String {
    let lang = if t.language == Lang::En {
        "en"
    } else {
        "zh-CN"
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{CSS}</style></head><body>{}</body></html>\n",
        escape(&t.title),
        render_html(t, f, opts)
    )
}
