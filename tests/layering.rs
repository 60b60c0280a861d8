//! The layering rules of docs/architecture.md §5: which module may use which (by the
//! `crate::…` paths in each module's files), that only `src/web/` names the browser crates, and
//! that no file imports `plotters::prelude::*` (its `Polygon` shadows `geo::Polygon`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The bottom layer: may use only itself.
const BOTTOM: &[&str] = &[
    "error", "money", "csv_lite", "scales", "lang", "status", "rng", "validate", "numfmt",
    "glossary",
];

/// The engines.
const ENGINES: &[&str] = &["hazard", "payout", "premium", "pricing", "forecast"];

/// Every module above the bottom, for the bottom's rule.
const ABOVE_BOTTOM: &[&str] = &[
    "map", "layers", "render", "hazard", "payout", "premium", "pricing", "forecast", "present",
    "web",
];

/// One row of the table of docs/architecture.md §5: `module` may not use any of `forbidden`.
struct Rule {
    module: &'static str,
    forbidden: Vec<&'static str>,
}

fn rules() -> Vec<Rule> {
    let with = |base: &[&'static str], more: &[&'static str]| -> Vec<&'static str> {
        base.iter().chain(more).copied().collect()
    };
    let mut rules: Vec<Rule> = BOTTOM
        .iter()
        .map(|m| Rule {
            module: m,
            forbidden: ABOVE_BOTTOM.to_vec(),
        })
        .collect();
    rules.extend([
        Rule {
            module: "map",
            forbidden: with(ENGINES, &["layers", "render", "present", "web"]),
        },
        Rule {
            module: "layers",
            forbidden: with(ENGINES, &["render", "present", "web"]),
        },
        Rule {
            module: "render",
            forbidden: with(ENGINES, &["present", "web"]),
        },
        Rule {
            module: "hazard",
            forbidden: vec!["payout", "premium", "pricing", "forecast", "present", "web"],
        },
        Rule {
            module: "payout",
            forbidden: vec!["pricing", "forecast", "premium", "present", "web"],
        },
        Rule {
            module: "premium",
            forbidden: vec!["hazard", "payout", "pricing", "forecast", "present", "web"],
        },
        Rule {
            module: "pricing",
            forbidden: vec!["forecast", "premium", "present", "web"],
        },
        Rule {
            module: "forecast",
            forbidden: vec!["premium", "present", "web"],
        },
        Rule {
            module: "present",
            forbidden: vec!["web"],
        },
        Rule {
            module: "web",
            forbidden: vec![],
        },
    ]);
    rules
}

/// Known violations of the table, by (file under `src/`, module it uses). Each is a debt named
/// in docs/architecture.md §5; a new violation anywhere else still fails.
const KNOWN_EXCEPTIONS: &[(&str, &str, &str)] = &[];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// (path relative to `src/`, text) of every Rust file of the crate.
fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    assert!(files.len() > 5);
    files
        .iter()
        .map(|f| {
            let rel = f
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(f).unwrap())
        })
        .collect()
}

/// The module a file belongs to: `hazard/grid.rs` → `hazard`, `money.rs` → `money`; `lib.rs`
/// is the crate root (None).
fn module_of(rel: &str) -> Option<&str> {
    let first = rel.split('/').next()?;
    let m = first.strip_suffix(".rs").unwrap_or(first);
    (m != "lib").then_some(m)
}

/// The text without comments: `//` to the end of the line (outside string literals) and
/// `/* … */` blocks.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let (mut in_str, mut block) = (false, 0usize);
    while let Some(c) = chars.next() {
        if block > 0 {
            if c == '*' && chars.peek() == Some(&'/') {
                chars.next();
                block -= 1;
            } else if c == '/' && chars.peek() == Some(&'*') {
                chars.next();
                block += 1;
            } else if c == '\n' {
                out.push('\n');
            }
            continue;
        }
        if in_str {
            out.push(c);
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else if c == '"' {
                in_str = false;
            }
            continue;
        }
        match (c, chars.peek()) {
            ('/', Some('/')) => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            ('/', Some('*')) => {
                chars.next();
                block = 1;
            }
            ('"', _) => {
                // A char literal '"' is not the start of a string.
                if !out.ends_with('\'') {
                    in_str = true;
                }
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The first path component after `crate::`, for every `crate::` path in `code` (also inside
/// `use crate::{a, b::{c, d}}` groups). Items re-exported at the crate root (`crate::Error`,
/// `crate::Result`, …) count as `error`.
fn crate_uses(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let preceded_by_ident = rest[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        rest = &rest[at + "crate::".len()..];
        if preceded_by_ident {
            continue; // e.g. `zs_risk_map_crate::`, not a crate path
        }
        if let Some(group) = rest.strip_prefix('{') {
            // Split the group at its top-level commas, up to the matching brace.
            let (mut depth, mut pieces, mut piece) = (0usize, Vec::new(), String::new());
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        pieces.push(std::mem::take(&mut piece));
                        continue;
                    }
                    _ => {}
                }
                piece.push(c);
            }
            pieces.push(piece);
            for p in pieces {
                let name: String = p
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(root_item(&name));
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(root_item(&name));
            }
        }
    }
    out
}

/// A name at the crate root: a module, or an item re-exported from `error`.
fn root_item(name: &str) -> String {
    if name.starts_with(|c: char| c.is_ascii_uppercase()) {
        "error".to_string() // pub use error::{Error, FieldError, FieldProblem, Result}
    } else {
        name.to_string()
    }
}

#[test]
fn modules_use_only_the_layers_below_them() {
    let rules = rules();
    let mut offenders = Vec::new();
    let mut unclassified = BTreeSet::new();
    let mut exceptions_seen = BTreeSet::new();
    for (rel, text) in sources() {
        let Some(module) = module_of(&rel) else {
            continue;
        };
        let Some(rule) = rules.iter().find(|r| r.module == module) else {
            unclassified.insert(module.to_string());
            continue;
        };
        for used in crate_uses(&strip_comments(&text)) {
            if used == module || !rule.forbidden.contains(&used.as_str()) {
                continue;
            }
            if let Some(e) = KNOWN_EXCEPTIONS
                .iter()
                .find(|(f, m, _)| *f == rel && *m == used)
            {
                exceptions_seen.insert((e.0, e.1));
                continue;
            }
            offenders.push(format!("src/{rel} ({module}) uses crate::{used}"));
        }
    }
    assert!(
        unclassified.is_empty(),
        "modules missing from the layering table (add them to tests/layering.rs and \
         docs/architecture.md §5): {unclassified:?}"
    );
    assert!(
        offenders.is_empty(),
        "layering violations (docs/architecture.md §5):\n{}",
        offenders.join("\n")
    );
    // A fixed exception must leave the list, so that it cannot come back unnoticed.
    let stale: Vec<_> = KNOWN_EXCEPTIONS
        .iter()
        .filter(|(f, m, _)| !exceptions_seen.contains(&(*f, *m)))
        .map(|(f, m, why)| format!("src/{f} no longer uses crate::{m} ({why})"))
        .collect();
    assert!(
        stale.is_empty(),
        "known exceptions that no longer occur — remove them from KNOWN_EXCEPTIONS and \
         docs/architecture.md §5:\n{}",
        stale.join("\n")
    );
}

#[test]
fn browser_crates_stay_in_src_web() {
    let mut offenders = Vec::new();
    for (rel, text) in sources() {
        let code = strip_comments(&text);
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

#[test]
fn the_path_scanner_reads_the_forms_in_use() {
    let code = strip_comments(
        "use crate::{csv_lite, Error, Result};\n\
         use crate::hazard::grid::{fill, radii}; // crate::web in a comment\n\
         /* crate::present in a block */ let x = crate::money::round_fen(y);\n\
         use crate::{a::{b, c}, d::e,\n    f};\n\
         $crate::web::convert::guard(|| 1);\n\
         let s = \"crate::forecast in a string\"; let q = '\"'; crate::layers::x();",
    );
    let got: Vec<String> = crate_uses(&code).into_iter().collect();
    assert_eq!(
        got,
        ["a", "csv_lite", "d", "error", "f", "forecast", "hazard", "layers", "money", "web"]
    );
    assert_eq!(module_of("hazard/grid.rs"), Some("hazard"));
    assert_eq!(module_of("money.rs"), Some("money"));
    assert_eq!(module_of("lib.rs"), None);
}
