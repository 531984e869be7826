//! Browser storage: autosave to localStorage, share links in the URL fragment, file
//! downloads (JSON, Word, HTML). Nothing is ever sent over the network.

use super::Ctx;
use crate::state::{Loaded, Snapshot};
use leptos::prelude::{untrack, Get};
use std::cell::Cell;
use std::time::Duration;
use wasm_bindgen::JsCast;

const KEY: &str = "contract-calc:v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Save the snapshot (ignored if storage is unavailable, e.g. in a private window).
pub fn save(s: &Snapshot) {
    if let Some(st) = storage() {
        let _ = st.set_item(KEY, &s.to_json());
    }
}

/// How long a change waits to be saved. A storage write takes a millisecond or more, so
/// autosave runs after the keystroke's results are on screen, at most once per this delay;
/// leaving the page or hiding the tab saves at once (see [`save_on_leave`]).
const SAVE_DELAY: Duration = Duration::from_millis(300);

thread_local! {
    /// The widget whose state changed since it was last written.
    static PENDING: Cell<Option<Ctx>> = const { Cell::new(None) };
}

/// Save `ctx`'s state within [`SAVE_DELAY`]. The snapshot is taken when it is written, so a
/// keystroke costs no copy of the values.
pub fn save_soon(ctx: Ctx) {
    if PENDING.replace(Some(ctx)).is_none() {
        leptos::prelude::set_timeout(save_pending, SAVE_DELAY);
    }
}

/// Write the pending state now, if there is one (not while a saved template is being
/// checked: autosave runs again when that ends).
pub fn save_pending() {
    if let Some(ctx) = PENDING.take() {
        untrack(|| {
            if ctx.restoring.try_get() == Some(false) {
                save(&ctx.snapshot());
            }
        });
    }
}

/// Save at once when the page goes away or its tab is hidden (call once).
pub fn save_on_leave() {
    for event in ["pagehide", "visibilitychange"] {
        let _ = leptos::prelude::window_event_listener_untyped(event, |_| save_pending());
    }
}

pub fn load() -> Option<Loaded> {
    let text = storage()?.get_item(KEY).ok().flatten()?;
    Some(Snapshot::from_json(&text))
}

/// The snapshot in the current URL fragment, if the page was opened from a share link.
pub fn from_location() -> Option<Loaded> {
    let hash = web_sys::window()?.location().hash().ok()?;
    Snapshot::from_fragment(&hash)
}

/// Remove the share fragment from the address bar once it has been read, so a reload
/// restores the autosave (the user's latest edits) rather than the original link.
pub fn clear_location_fragment() {
    if let Some(w) = web_sys::window() {
        if let Ok(history) = w.history() {
            let path = w.location().pathname().unwrap_or_default()
                + &w.location().search().unwrap_or_default();
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
    }
}

/// The full share link for a snapshot (this page's address + `#s=…`).
pub fn share_link(s: &Snapshot) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default();
    format!("{base}{}", s.to_fragment())
}

/// The file just chosen in a file input (whose value is then cleared, so choosing the same
/// file again fires `change` again).
pub fn picked_file(ev: &web_sys::Event) -> Option<web_sys::File> {
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files()?.get(0);
    input.set_value("");
    file
}

/// A text file's content: UTF-8, or else GB18030 (what Chinese Windows editors save as
/// "ANSI"), so a .txt from a template site reads right either way.
pub async fn read_text_file(file: &web_sys::File) -> Option<String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    let bytes = js_sys::Uint8Array::new(&buffer);
    let strict = web_sys::TextDecoderOptions::new();
    strict.set_fatal(true);
    let utf8 = web_sys::TextDecoder::new_with_label_and_options("utf-8", &strict).ok()?;
    if let Ok(text) = utf8.decode_with_js_u8_array(&bytes) {
        return Some(text);
    }
    web_sys::TextDecoder::new_with_label("gb18030")
        .ok()?
        .decode_with_js_u8_array(&bytes)
        .ok()
}

/// Offer `bytes` as a file download (a Blob of them, through a temporary link).
pub fn download(filename: &str, mime: &str, bytes: &[u8]) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document.create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(filename);
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Print an HTML document on its own: a hidden frame holding it prints, then goes away.
pub fn print_html(html: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(frame) = document
        .create_element("iframe")
        .ok()
        .and_then(|f| f.dyn_into::<web_sys::HtmlIFrameElement>().ok())
    else {
        return;
    };
    let _ = frame.set_attribute("class", "cc-print-frame");
    let _ = frame.set_attribute("aria-hidden", "true");
    // Through the CSSOM, which a host's strict style-src allows (a style attribute it may not).
    let style = frame.style();
    for (name, value) in [
        ("position", "fixed"),
        ("width", "0"),
        ("height", "0"),
        ("border", "0"),
        ("right", "0"),
        ("bottom", "0"),
    ] {
        let _ = style.set_property(name, value);
    }
    frame.set_srcdoc(html);
    let loaded = frame.clone();
    let on_load = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(w) = loaded.content_window() {
            let _ = w.print();
        }
        // print() returns when the dialog closes (or at once, headless); keep the frame a
        // moment for browsers that print asynchronously.
        let gone = wasm_bindgen::closure::Closure::once_into_js(move || loaded.remove());
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                gone.unchecked_ref(),
                60_000,
            );
        }
    });
    frame.set_onload(Some(on_load.unchecked_ref()));
    if let Some(body) = document.body() {
        let _ = body.append_child(&frame);
    }
}
