//! The wasm boundary's panic guard is there by construction: every export of a hardened
//! `src/web` file is declared inside `exports! { … }` (which wraps it in `convert::guard`), so
//! no export can forget the poison check or hand-convert its errors (docs/robustness.md §3).

/// `#[wasm_bindgen…]` attributes outside `exports!` blocks that are not on a `pub struct`
/// (exported structs carry the attribute themselves), as `line: text`.
fn unguarded_exports(src: &str) -> Vec<String> {
    // Blank out every `exports! { … }` block (brace matched).
    let mut masked: Vec<char> = src.chars().collect();
    let chars: Vec<char> = src.chars().collect();
    let text: String = chars.iter().collect();
    let mut search = 0;
    while let Some(pos) = text[search..].find("exports! {") {
        let start = search + pos;
        let open = start + "exports! ".len();
        let mut depth = 0i32;
        let mut end = open;
        for (i, c) in text[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        let (a, b) = (text[..start].chars().count(), text[..=end].chars().count());
        for c in &mut masked[a..b] {
            if *c != '\n' {
                *c = ' ';
            }
        }
        search = end + 1;
    }
    let masked: String = masked.into_iter().collect();
    let lines: Vec<&str> = masked.lines().collect();
    let mut bad = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.trim_start().starts_with("#[wasm_bindgen") {
            // The item the attribute is on: the next line that is not an attribute or doc.
            let item = lines[i + 1..]
                .iter()
                .map(|x| x.trim_start())
                .find(|x| !x.starts_with("#[") && !x.starts_with("///") && !x.is_empty())
                .unwrap_or("");
            if !item.starts_with("pub struct") {
                bad.push(format!("{}: {} → {}", i + 1, l.trim(), item));
            }
        }
    }
    bad
}

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn every_map_export_is_guarded_by_construction() {
    let src = read("src/web/mod.rs");
    assert_eq!(unguarded_exports(&src), Vec::<String>::new());
    assert!(
        !src.contains("panic::check()"),
        "no hand-written poison checks"
    );
    assert!(
        !src.contains("map_err(|e| to_js"),
        "no hand-written error conversion"
    );
}

#[test]
fn the_check_finds_an_unguarded_export() {
    let src = "#[wasm_bindgen]\npub struct A;\n#[wasm_bindgen]\nimpl A {\n pub fn f() {}\n}\nexports! {\n impl A {\n #[wasm_bindgen(js_name = g)]\n pub fn g() -> Result<()> { Ok(()) }\n }\n}\n";
    let bad = unguarded_exports(src);
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(bad[0].starts_with("3:"));
}

#[test]
fn the_panic_module_exports_only_what_must_run_when_poisoned() {
    let bad: Vec<String> = unguarded_exports(&read("src/web/panic.rs"))
        .into_iter()
        // start/isPoisoned/lastPanic/testPanic must run when poisoned: the only exceptions.
        .filter(|b| {
            !(b.contains("start")
                || b.contains("is_poisoned")
                || b.contains("last_panic")
                || b.contains("test_panic"))
        })
        .collect();
    assert_eq!(bad, Vec::<String>::new());
}

#[test]
fn every_export_is_guarded_and_converts_errors_through_fault() {
    // Issue 10: every binding file declares each export inside `exports!` and reaches JS errors
    // only through `Fault` (`?`), never by hand; view structs live in present/, not here.
    let files: Vec<String> = std::fs::read_dir(format!("{}/src/web", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .map(|p| format!("src/web/{}", p.file_name().unwrap().to_string_lossy()))
        .filter(|f| !f.ends_with("panic.rs") && !f.ends_with("convert.rs"))
        .collect();
    assert!(files.len() >= 6, "{files:?}");
    for f in &files {
        let src = read(f);
        assert_eq!(unguarded_exports(&src), Vec::<String>::new(), "{f}");
        assert!(
            !src.contains("panic::check()"),
            "{f}: hand-written poison check"
        );
        assert!(
            !src.contains("to_js(&e")
                && !src.contains("map_err(to_js")
                && !src.contains("convert::to_js"),
            "{f}: hand-written error conversion"
        );
        assert!(
            !src.contains("#[derive(Serialize)]"),
            "{f}: a view struct outside present/"
        );
    }
}
