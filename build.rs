//! Build script: the bundled templates (`src/template/bundled/*.json`, kept readable in the
//! repository) are compiled in without the whitespace between JSON tokens, ~10% smaller in
//! the wasm. `src/template/bundled.rs` includes them from `OUT_DIR`.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new("src/template/bundled");
    println!("cargo:rerun-if-changed={}", dir.display());
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for entry in fs::read_dir(dir).expect("src/template/bundled") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let json = fs::read_to_string(&path).expect("a UTF-8 template");
            let name = path.file_name().expect("a file name");
            fs::write(Path::new(&out).join(name), minify(&json)).expect("OUT_DIR is writable");
        }
    }
}

/// `json` without whitespace outside strings (strings, escapes included, are kept as they are).
fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if !c.is_whitespace() {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}
