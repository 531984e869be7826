//! Update an element's HTML in place when only texts and attribute values changed, which is
//! what typing a number does: every amount in a 60-row table changes, its structure does not.
//! Re-parsing the table with `innerHTML` on each keystroke costs milliseconds; touching only
//! the changed text nodes costs microseconds. Anything else falls back to `innerHTML`.
//!
//! It relies on the HTML our renderers produce: explicit `<tbody>`, no whitespace between
//! table tags, attributes as `name="value"`, and only the entities `escape` writes.

use crate::template::html_tokens::{attributes, tag_name, tokens, unescape, Token};
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// Set `el`'s content to `new`, patching in place from `old` when the structure is unchanged.
pub fn set_html(el: &Element, old: Option<&str>, new: &str) {
    if let Some(old) = old {
        if old == new || patch(el, old, new).is_some() {
            return;
        }
    }
    cc_replace(el, new);
}

/// The DOM walk runs in JavaScript: one call per block instead of one per node. The walk's
/// nodes are kept per element with the shape they matched: the next patch of the same shape
/// (the usual case: one more keystroke in the same field) skips the walk. Only these two
/// functions change a block's content, and a patch never changes its shape; the kept nodes
/// to change are checked to still be in the block (a page-translation tool, say, may have
/// moved them): if not, the walk runs again.
#[wasm_bindgen(inline_js = r#"
const walks = new WeakMap();
export function cc_replace(root, html) {
  walks.delete(root);
  root.innerHTML = html;
}
function walk(root, shape) {
  const want = shape.split('|');
  const nodes = [];
  const walker = document.createTreeWalker(root, 5 /* elements and text */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
  if (nodes.length !== want.length) return null;
  for (let i = 0; i < nodes.length; i++) {
    if (nodes[i].nodeName.toLowerCase() !== want[i]) return null;
  }
  walks.set(root, { shape, nodes });
  return nodes;
}
export function cc_patch(root, shape, changes) {
  const list = JSON.parse(changes);
  const kept = walks.get(root);
  let nodes = kept?.shape === shape ? kept.nodes : null;
  if (nodes && !list.every(([i]) => root.contains(nodes[i]))) nodes = null;
  nodes ??= walk(root, shape);
  if (!nodes) return false;
  for (const [i, text, attrs] of list) {
    const n = nodes[i];
    if (attrs === null) { n.nodeValue = text; continue; }
    for (const [k, v] of attrs) if (n.getAttribute(k) !== v) n.setAttribute(k, v);
    for (const k of n.getAttributeNames()) if (!attrs.some(([a]) => a === k)) n.removeAttribute(k);
  }
  return true;
}
"#)]
extern "C" {
    fn cc_patch(root: &Element, shape: &str, changes: &str) -> bool;
    fn cc_replace(root: &Element, html: &str);
}

/// One node to update: its index in the walk, and its new text or its new attributes.
type Change<'a> = (usize, Option<String>, Option<Vec<(&'a str, String)>>);

fn patch(el: &Element, old: &str, new: &str) -> Option<()> {
    let (a, b) = (tokens(old)?, tokens(new)?);
    if a.len() != b.len() {
        return None;
    }
    // Same shape: same tags (by name) and texts in the same places.
    let mut shape = String::with_capacity(b.len() * 4);
    let mut changes: Vec<Change> = Vec::new();
    let mut index = 0;
    for (x, y) in a.iter().zip(&b) {
        match (x, y) {
            (Token::Close, Token::Close) => continue,
            (Token::Open(p), Token::Open(q)) if tag_name(p) == tag_name(q) => {
                shape.push_str(&tag_name(q).to_ascii_lowercase());
                if p != q {
                    changes.push((index, None, Some(attributes(q))));
                }
            }
            (Token::Text(p), Token::Text(q)) => {
                shape.push_str("#text");
                if p != q {
                    changes.push((index, Some(unescape(q)), None));
                }
            }
            _ => return None,
        }
        shape.push('|');
        index += 1;
    }
    shape.pop();
    let changes = serde_json::to_string(&changes).ok()?;
    cc_patch(el, &shape, &changes).then_some(())
}
