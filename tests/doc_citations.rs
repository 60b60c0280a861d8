//! Every citation of the project's own docs resolves inside the repository (issue 10, item 6).
//!
//! A citation is `docs/NAME.md §N(.N)*`, optionally followed by more sections of the same page
//! (`docs/domain.md §1.5, §1.9`). It resolves when `docs/NAME.md` exists and has a Markdown
//! heading whose number is exactly `N(.N)*` (`## 9. …` or `### 4.2 …`). Citations of the
//! external domain brief (`DOMAIN §x`, `DOMAIN RS-n`, `ARCHITECTURE §x`, `…/shared/docs/…`) must
//! be gone: the brief is not in the repository; `docs/domain.md` keeps its section numbers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where citations are looked for (relative to the crate root).
const ROOTS: [&str; 9] = [
    "src",
    "examples",
    "tests",
    "www",
    "scripts",
    "fuzz",
    "data",
    "docs",
    "README.md",
];

/// Build output and installed packages are not ours.
const SKIP_DIRS: [&str; 5] = ["pkg", "node_modules", "target", "screenshots", "corpus"];

/// Text files that can carry a citation.
const EXTENSIONS: [&str; 11] = [
    "rs", "js", "mjs", "ts", "html", "css", "md", "json", "csv", "sh", "toml",
];

fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if SKIP_DIRS.contains(&name) {
            return;
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for e in entries {
            collect(&e, out);
        }
    } else if path
        .extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| EXTENSIONS.contains(&x))
    {
        out.push(path.to_path_buf());
    }
}

/// (file relative to the crate root, its text) for every scanned file.
fn scanned_files() -> Vec<(String, String)> {
    let root = crate_root();
    let mut paths = Vec::new();
    for r in ROOTS {
        collect(&root.join(r), &mut paths);
    }
    assert!(paths.len() > 50, "too few files scanned: {}", paths.len());
    paths
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?; // binary or non-UTF-8: no citations
            let rel = p
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            Some((rel, text))
        })
        .collect()
}

/// One citation: the page, the section number and where it was found.
#[derive(Debug, Clone, PartialEq)]
struct Citation {
    page: String,
    section: String,
    file: String,
    line: usize,
}

/// Reads a section number `N(.N)*` at the start of `s` (a trailing '.' is not part of it).
fn section_number(s: &str) -> Option<&str> {
    let bytes = s.as_bytes();
    let mut end = 0;
    let mut last_digit = 0;
    while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b'.') {
        if bytes[end] == b'.' && (end == 0 || bytes[end - 1] == b'.') {
            break;
        }
        if bytes[end].is_ascii_digit() {
            last_digit = end + 1;
        }
        end += 1;
    }
    (last_digit > 0).then(|| &s[..last_digit])
}

/// Skips the characters allowed between a page name and its '§' (quotes of Markdown code and
/// the end of a Markdown link), at most a few of them.
fn skip_to_section(s: &str) -> Option<&str> {
    let t = s
        .trim_start_matches(['`', ')', ']', '*'])
        .trim_start_matches(' ');
    t.strip_prefix('§').map(|t| t.trim_start_matches(' '))
}

/// Every `docs/NAME.md §N` citation (with continuations `, §M`) in `text`.
fn citations_in(file: &str, text: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("docs/") {
            let after = &rest[at + "docs/".len()..];
            rest = after;
            let name_len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(after.len());
            let Some(tail) = after[name_len..].strip_prefix(".md") else {
                continue;
            };
            let page = format!("{}.md", &after[..name_len]);
            let mut cursor = skip_to_section(tail);
            while let Some(s) = cursor {
                let Some(section) = section_number(s) else {
                    break;
                };
                out.push(Citation {
                    page: page.clone(),
                    section: section.to_string(),
                    file: file.to_string(),
                    line: i + 1,
                });
                cursor = s[section.len()..].strip_prefix(", §");
            }
        }
    }
    out
}

/// The section numbers of a Markdown page's headings (`## 4.2 Title` → "4.2", `## 9. T` → "9").
fn heading_numbers(markdown: &str) -> Vec<String> {
    let mut in_code = false;
    let mut out = Vec::new();
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code || !line.starts_with('#') {
            continue;
        }
        let title = line.trim_start_matches('#').trim_start();
        if let Some(n) = section_number(title) {
            let rest = &title[n.len()..];
            if rest.is_empty() || rest.starts_with(' ') || rest.starts_with(". ") {
                out.push(n.to_string());
            }
        }
    }
    out
}

/// Citations of the external brief that the repository cannot resolve.
fn external_citations(file: &str, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        for marker in ["DOMAIN", "ARCHITECTURE"] {
            let mut rest = *line;
            while let Some(at) = rest.find(marker) {
                let after = rest[at + marker.len()..].trim_start_matches(".md");
                rest = &rest[at + marker.len()..];
                // The section may sit on the next line of a wrapped comment.
                let next = lines
                    .get(i + 1)
                    .map(|l| {
                        l.trim_start()
                            .trim_start_matches(['/', '!', '#', '*'])
                            .trim_start()
                    })
                    .unwrap_or("");
                let cited = if after.trim().is_empty() {
                    next.starts_with('§')
                } else {
                    let a = after.trim_start_matches(['`', ' ']);
                    a.starts_with('§') || a.starts_with("RS-")
                };
                if cited {
                    out.push(format!("{file}:{}: {}", i + 1, line.trim()));
                }
            }
        }
        if line.contains("shared/docs/DOMAIN") || line.contains("shared/docs/ARCHITECTURE") {
            out.push(format!("{file}:{}: {}", i + 1, line.trim()));
        }
    }
    out
}

#[test]
fn every_docs_citation_resolves() {
    let root = crate_root();
    let files = scanned_files();
    let mut headings: BTreeMap<String, Option<Vec<String>>> = BTreeMap::new();
    let mut total = 0;
    let mut dangling = Vec::new();
    for (file, text) in &files {
        if file == "tests/doc_citations.rs" {
            continue; // its fixtures cite pages that need not exist
        }
        for c in citations_in(file, text) {
            total += 1;
            let known = headings.entry(c.page.clone()).or_insert_with(|| {
                std::fs::read_to_string(root.join("docs").join(&c.page))
                    .ok()
                    .map(|t| heading_numbers(&t))
            });
            match known {
                None => dangling.push(format!(
                    "{}:{}: docs/{} does not exist",
                    c.file, c.line, c.page
                )),
                Some(numbers) if !numbers.contains(&c.section) => dangling.push(format!(
                    "{}:{}: docs/{} has no heading §{}",
                    c.file, c.line, c.page, c.section
                )),
                Some(_) => {}
            }
        }
    }
    println!("{total} docs citations in {} files", files.len());
    assert!(
        total > 100,
        "only {total} citations found: is the scanner broken?"
    );
    assert!(
        dangling.is_empty(),
        "{} dangling citations:\n{}",
        dangling.len(),
        dangling.join("\n")
    );
}

#[test]
fn no_citation_of_the_external_brief() {
    let mut found = Vec::new();
    for (file, text) in scanned_files() {
        if file == "tests/doc_citations.rs" {
            continue; // this file names the patterns it looks for
        }
        found.extend(external_citations(&file, &text));
    }
    assert!(
        found.is_empty(),
        "{} citations of DOMAIN/ARCHITECTURE (not in the repository; cite docs/domain.md or \
         docs/architecture.md, same section numbers):\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_scanner_reads_the_forms_in_use() {
    let text =
        "see docs/domain.md §1.5, §1.9. And `docs/wind.md` §9; [docs/b.md](docs/b.md) §7.2.\n\
                docs/robustness.md §4. docs/x.md has none; docs/ §1";
    let got: Vec<(String, String)> = citations_in("f", text)
        .into_iter()
        .map(|c| (c.page, c.section))
        .collect();
    let want = [
        ("domain.md", "1.5"),
        ("domain.md", "1.9"),
        ("wind.md", "9"),
        ("b.md", "7.2"),
        ("robustness.md", "4"),
    ];
    assert_eq!(
        got,
        want.iter()
            .map(|(p, s)| (p.to_string(), s.to_string()))
            .collect::<Vec<_>>()
    );
    let md = "# T\n## 1. A\n### 1.2 B\n```\n## 3. in code\n```\n## 4.1\n#### 10.3 C\n## Notes 5\n";
    assert_eq!(heading_numbers(md), ["1", "1.2", "4.1", "10.3"]);
    let ext =
        "a (DOMAIN §3.1)\nb DOMAIN RS-6\nc [I; DOMAIN\n/// §2.4]\nd DOMAIN.md §1\ne DOMAIN brief";
    assert_eq!(external_citations("f", ext).len(), 4);
}
