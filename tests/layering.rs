//! The core and the exports must stay free of web dependencies so they build and test
//! natively (and the npm package and the widget share them).

use std::fs;
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn core_and_export_have_no_web_dependency() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/core"), &mut files);
    assert!(files.len() > 5, "expected the core's modules");
    let core = files.len();
    rust_files(&root.join("src/export"), &mut files);
    assert!(files.len() >= core + 4, "expected the export's modules");
    for f in files {
        let text = fs::read_to_string(&f).unwrap();
        for banned in ["leptos", "web_sys", "wasm_bindgen", "js_sys"] {
            assert!(!text.contains(banned), "{} mentions {banned}", f.display());
        }
    }
}
