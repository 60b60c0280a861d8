//! The layering rule (docs/architecture.md §2): only `src/web/` names wasm-bindgen, js-sys or web-sys,
//! and no file imports `plotters::prelude::*` (its `Polygon` shadows `geo::Polygon`).

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn browser_crates_stay_in_src_web() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(files.len() > 5);
    let mut offenders = Vec::new();
    for f in &files {
        let rel = f
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(f).unwrap();
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        if !rel.starts_with("web/") {
            for name in [
                "wasm_bindgen",
                "js_sys",
                "web_sys",
                "plotters_canvas",
                "serde_wasm_bindgen",
            ] {
                if code.contains(name) {
                    offenders.push(format!("{rel} names {name}"));
                }
            }
        }
        if code.contains("plotters::prelude::*") {
            offenders.push(format!("{rel} imports plotters::prelude::*"));
        }
    }
    assert!(
        offenders.is_empty(),
        "layering violations:\n{}",
        offenders.join("\n")
    );
}
