//! The core must stay free of web dependencies so it builds and tests natively.

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
fn core_has_no_web_dependency() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core"),
        &mut files,
    );
    assert!(files.len() > 5, "expected the core's modules");
    for f in files {
        let text = fs::read_to_string(&f).unwrap();
        for banned in ["leptos", "web_sys", "wasm_bindgen", "js_sys"] {
            assert!(!text.contains(banned), "{} mentions {banned}", f.display());
        }
    }
}
