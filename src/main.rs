//! Standalone app entry point (built by Trunk).
use contract_calc::ui::App;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
