//! The filled contract as one self-contained HTML file: the same HTML as the live contract,
//! with an inline print stylesheet (A4), no scripts and no external resources (a
//! Content-Security-Policy forbids both, should anything slip in).

use crate::template::fill::Filled;
use crate::template::model::{Lang, Template};
use crate::template::render::{escape, render_html, RenderOptions};

const CSS: &str = "@page{size:A4;margin:25.4mm 31.7mm}\
body{max-width:146.6mm;margin:0 auto;padding:12mm 0;color:#000;background:#fff;\
font:12pt/1.8 SimSun,\"宋体\",\"Songti SC\",\"Noto Serif CJK SC\",\"Source Han Serif SC\",serif}\
@media print{body{max-width:none;padding:0}}\
h1,h2{font-family:SimHei,\"黑体\",\"Heiti SC\",\"Noto Sans CJK SC\",sans-serif}\
h1{text-align:center;font-size:18pt;margin:0 0 1em}\
h2{font-size:12pt;margin:1em 0 .2em;break-after:avoid}\
p{margin:0;text-indent:2em;text-align:justify}\
.v.filled,.v.computed{text-decoration:underline}\
.v.gap{text-decoration:underline;text-decoration-color:#000;color:#808080;font-size:9pt;white-space:nowrap}\
.annex{break-before:page}.annex h2{text-align:center}\
table{border-collapse:collapse;width:100%;margin:.4em 0;font-size:10.5pt;line-height:1.4}\
th,td{border:1px solid #000;padding:2px 5px;text-align:left}thead th{background:#f2f2f2;text-align:center}\
td.num{text-align:right;white-space:nowrap}tr{break-inside:avoid}.pending{color:#666}";

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
