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

/// The DOM work runs in JavaScript: one call per block instead of one per node. A block's
/// nodes (elements and texts in document order) are kept from the walk that first checked
/// them against the HTML's shape; a patch keeps the shape, so later patches reuse them (the
/// usual case: one more keystroke in the same field). Only these functions change a block's
/// content, and `cc_replace` forgets the walk. The nodes about to change are checked to still
/// be in the block (a page-translation tool, say, may have moved them): if not, or with no
/// kept walk, `cc_patch` declines and `cc_walk_and_patch` walks again.
#[wasm_bindgen(inline_js = r#"
const walks = new WeakMap();
export function cc_replace(root, html) {
  walks.delete(root);
  root.innerHTML = html;
}
export function cc_patch(root, changes) {
  const nodes = walks.get(root);
  const list = JSON.parse(changes);
  if (!nodes || !list.every(([i]) => root.contains(nodes[i]))) return false;
  apply(nodes, list);
  return true;
}
export function cc_walk_and_patch(root, shape, changes) {
  walks.delete(root);
  const want = shape.split('|');
  const nodes = [];
  const walker = document.createTreeWalker(root, 5 /* elements and text */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
  if (nodes.length !== want.length) return false;
  for (let i = 0; i < nodes.length; i++) {
    if (nodes[i].nodeName.toLowerCase() !== want[i]) return false;
  }
  walks.set(root, nodes);
  apply(nodes, JSON.parse(changes));
  return true;
}
function apply(nodes, list) {
  for (const [i, text, attrs] of list) {
    const n = nodes[i];
    if (attrs === null) { n.nodeValue = text; continue; }
    for (const [k, v] of attrs) if (n.getAttribute(k) !== v) n.setAttribute(k, v);
    for (const k of n.getAttributeNames()) if (!attrs.some(([a]) => a === k)) n.removeAttribute(k);
  }
}
"#)]
extern "C" {
    fn cc_patch(root: &Element, changes: &str) -> bool;
    fn cc_walk_and_patch(root: &Element, shape: &str, changes: &str) -> bool;
    fn cc_replace(root: &Element, html: &str);
}

/// One node to update: its index in the walk, and its new text or its new attributes.
type Change<'a> = (usize, Option<String>, Option<Vec<(&'a str, String)>>);

fn patch(el: &Element, old: &str, new: &str) -> Option<()> {
    let changes = serde_json::to_string(&diff(old, new)?).ok()?;
    (cc_patch(el, &changes) || cc_walk_and_patch(el, &shape(new), &changes)).then_some(())
}

/// What changed from `old` to `new`, if they have the same shape (the same tags, by name,
/// and texts in the same places), in one pass over both.
fn diff<'a>(old: &str, new: &'a str) -> Option<Vec<Change<'a>>> {
    let (mut a, mut b) = (tokens(old), tokens(new));
    let mut changes = Vec::new();
    let mut index = 0;
    loop {
        match (a.next(), b.next()) {
            (None, None) => return Some(changes),
            (Some(Token::Close), Some(Token::Close)) => continue,
            (Some(Token::Open(p)), Some(Token::Open(q))) if p == q => {}
            (Some(Token::Open(p)), Some(Token::Open(q))) if tag_name(p) == tag_name(q) => {
                changes.push((index, None, Some(attributes(q))));
            }
            (Some(Token::Text(p)), Some(Token::Text(q))) => {
                if p != q {
                    changes.push((index, Some(unescape(q)), None));
                }
            }
            _ => return None,
        }
        index += 1;
    }
}

/// The node names of `html` in document order, as the walk sees them: `td|#text|…`.
fn shape(html: &str) -> String {
    let mut shape = String::new();
    for token in tokens(html) {
        match token {
            Token::Close => continue,
            Token::Open(tag) => shape.push_str(&tag_name(tag).to_ascii_lowercase()),
            Token::Text(_) => shape.push_str("#text"),
        }
        shape.push('|');
    }
    shape.pop();
    shape
}
