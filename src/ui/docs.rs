//! The documents module (`src/main_docs.rs`: the importer and its review), a separate wasm
//! loaded on first use so the first page load stays small. It works offline like the rest:
//! the service worker caches it, and the single-file build inlines it
//! (`globalThis.ccDocsModule`, see .ci/postbuild.mjs).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(inline_js = r#"
let loading;
export function cc_docs() {
  if (!loading) {
    loading = globalThis.ccDocsModule
      ? globalThis.ccDocsModule()
      : import(new URL('../../contract-calc-docs.js', import.meta.url).href).then(async (m) => {
          await m.default();
          return m;
        });
    loading.catch(() => { loading = undefined; });
  }
  return loading;
}
"#)]
extern "C" {
    fn cc_docs() -> js_sys::Promise;
}

/// Call `name(args…)` in the documents module, loading it first if needed. Errors (the
/// module could not load, or threw) come back as their message.
pub async fn call(name: &str, args: &[&str]) -> Result<JsValue, String> {
    let module = wasm_bindgen_futures::JsFuture::from(cc_docs())
        .await
        .map_err(message)?;
    let f = js_sys::Reflect::get(&module, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| format!("documents module has no {name}"))?;
    let args: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
    f.apply(&JsValue::NULL, &args).map_err(message)
}

/// `call` for a function returning a string.
pub async fn call_str(name: &str, args: &[&str]) -> Result<String, String> {
    Ok(call(name, args).await?.as_string().unwrap_or_default())
}

fn message(e: JsValue) -> String {
    js_sys::Reflect::get(&e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

/// A template document (JSON) validated by the documents module: the template and the
/// document as read (hidden control characters dropped), or the problems.
pub async fn checked_template(json: &str) -> Result<(crate::template::Template, String), String> {
    // `{"doc": …}` or `{"problems": …}` (documents::check_template), read as a JSON value
    // (the reader the app has anyway) rather than through a derive of its own.
    let checked: serde_json::Value =
        serde_json::from_str(&call_str("check_template", &[json]).await?)
            .map_err(|e| e.to_string())?;
    let field = |name| checked.get(name).and_then(serde_json::Value::as_str);
    let doc = field("doc").ok_or_else(|| field("problems").unwrap_or_default().to_string())?;
    let t = crate::template::read::template(doc).map_err(|e| e.to_string())?;
    Ok((t, doc.to_string()))
}

/// The filled contract of a state (snapshot JSON) as a .docx or .html file (`ext`).
pub async fn export_file(state: &str, ext: &str) -> Result<Vec<u8>, String> {
    let bytes = js_sys::Uint8Array::new(&call("export_file", &[state, ext]).await?).to_vec();
    if bytes.is_empty() {
        return Err(format!("no {ext}"));
    }
    Ok(bytes)
}
