//! Standalone app entry point (built by Trunk).
use contract_calc::ui::App;

fn main() {
    console_error_panic_hook::set_once();
    // index.html may carry an inert snapshot of the first view, shown while this wasm loaded
    // (.ci/prerender.mjs). Replace it with the live widget in this same task, so no frame
    // shows both or neither.
    if let Some(snapshot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[data-cc-prerender]").ok().flatten())
    {
        snapshot.remove();
    }
    leptos::mount::mount_to_body(App);
}
