//! Quote one enterprise under a 安责险 rule set, with the step-by-step explanation.
//!
//! ```text
//! cargo run --release --example quote -- --rules fuyang --enterprise data/rules/example_enterprise.json
//! cargo run --release --example quote -- --rules national-2017 --compare national-2025 --enterprise FILE
//! cargo run --release --example quote -- --rules my_rules.json --enterprise FILE --json
//! cargo run --release --example quote -- --list
//! ```
//! RULES is a built-in id (see `--list`) or a path to rule-set JSON. `--json` prints the Quote
//! (or the comparison) as JSON with money as decimal strings. Errors print `[CODE] message` on
//! stderr (and the Chinese message for a field error) and exit with status 2.

use std::process::ExitCode;

use zs_risk_map::money::format_cny_zh;
use zs_risk_map::premium::{self, Enterprise, Quote, RuleSet};

fn load_rules(arg: &str) -> zs_risk_map::Result<RuleSet> {
    if premium::builtin_json(arg).is_some() {
        return premium::builtin(arg);
    }
    if !std::path::Path::new(arg).is_file() {
        return Err(zs_risk_map::Error::InvalidInput(format!(
            "--rules: '{arg}' is neither a built-in id ({}) nor a readable file",
            premium::builtin_ids().join(", ")
        )));
    }
    let text = read_limited(
        "--rules",
        arg,
        premium::rules::limits::MAX_JSON_BYTES as u64,
    )?;
    RuleSet::from_json(&text)
}

fn print_quote(q: &Quote) {
    println!(
        "== {} {} / {}",
        q.rule_set_name_zh,
        q.status.tag(),
        q.rule_set_name_en
    );
    println!(
        "   {} — {} ({}) · {}",
        q.enterprise, q.sector, q.town_code, q.combine_zh
    );
    for s in &q.steps {
        let mark = match (s.condition_met, s.applied) {
            (Some(true), _) => "✓",
            (Some(false), _) => "·",
            (None, true) => "→",
            (None, false) => " ",
        };
        let tag = s.status.map_or("", |t| t.tag());
        println!("   {mark} {} {tag}", s.text_zh);
        println!("       {}", s.text_en);
    }
    for w in &q.warnings {
        println!("   ! {} / {}", w.text_zh, w.text_en);
    }
    println!(
        "   保费 premium: {} ({}) · 浮动系数 factor {}",
        q.premium,
        format_cny_zh(q.premium),
        q.factor
    );
    if let Some(p) = &q.prevention {
        println!(
            "   事故预防服务 prevention: {} (share {}, {:?})",
            p.amount, p.share, p.kind
        );
    }
    for l in &q.limits {
        println!("   限额 {}: {}", l.label_zh, l.amount);
    }
}

fn run() -> zs_risk_map::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut rules = None;
    let mut compare = None;
    let mut enterprise = None;
    let mut json = false;
    let mut i = 0;
    while i < args.len() {
        let val = |i: usize| {
            args.get(i + 1).cloned().ok_or_else(|| {
                zs_risk_map::Error::InvalidInput(format!("{} needs a value", args[i]))
            })
        };
        match args[i].as_str() {
            "--rules" => {
                rules = Some(val(i)?);
                i += 1;
            }
            "--compare" => {
                compare = Some(val(i)?);
                i += 1;
            }
            "--enterprise" => {
                enterprise = Some(val(i)?);
                i += 1;
            }
            "--json" => json = true,
            "--list" => {
                for c in premium::builtin_catalogue()? {
                    println!(
                        "{:<24} {} {} / {} ({})",
                        c.id,
                        c.status.tag(),
                        c.name_zh,
                        c.name_en,
                        c.combine_en
                    );
                }
                return Ok(());
            }
            other => {
                return Err(zs_risk_map::Error::InvalidInput(format!(
                "unknown argument '{other}' (use --rules, --enterprise, --compare, --json, --list)"
            )))
            }
        }
        i += 1;
    }
    let rules = load_rules(&rules.unwrap_or_else(|| "zhongshan-illustrative".into()))?;
    let path = enterprise
        .ok_or_else(|| zs_risk_map::Error::InvalidInput("--enterprise FILE is required".into()))?;
    let text = read_limited(
        "--enterprise",
        &path,
        premium::enterprise::ranges::MAX_JSON_BYTES as u64,
    )?;
    let e = Enterprise::from_json(&text)?;
    match compare {
        None => {
            let q = rules.quote(&e)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&q).expect("quote serialises")
                );
            } else {
                print_quote(&q);
            }
        }
        Some(other) => {
            let other = load_rules(&other)?;
            let cmp = premium::compare(&[&rules, &other], &e);
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&cmp).expect("comparison serialises")
                );
            } else {
                for c in &cmp {
                    match (&c.quote, &c.error) {
                        (Some(q), _) => print_quote(q),
                        (None, Some(err)) => println!("== {}: {err}", c.rule_set_id),
                        _ => {}
                    }
                    println!();
                }
                println!("{:<28} {:>14} {:>8}", "rule set", "premium", "factor");
                for c in &cmp {
                    if let Some(q) = &c.quote {
                        println!("{:<28} {:>14} {:>8}", c.rule_set_id, q.premium, q.factor);
                    }
                }
            }
        }
    }
    Ok(())
}

/// Reads a file after checking its size (input limits before allocation).
fn read_limited(flag: &str, path: &str, max: u64) -> zs_risk_map::Result<String> {
    let len = std::fs::metadata(path)
        .map_err(|e| {
            zs_risk_map::Error::InvalidInput(format!("{flag}: cannot read '{path}': {e}"))
        })?
        .len();
    if len > max {
        return Err(zs_risk_map::Error::too_large(
            flag.trim_start_matches('-'),
            format!("{flag}：文件 {len} 字节，超过上限 {max} 字节"),
            format!("{flag}: the file is {len} bytes, over the limit of {max}"),
        ));
    }
    std::fs::read_to_string(path)
        .map_err(|e| zs_risk_map::Error::InvalidInput(format!("{flag}: cannot read '{path}': {e}")))
}

/// Errors go to stderr as `[CODE] message` (with the Chinese message for field errors) and
/// exit with status 2.
fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("[{}] {e}", e.code());
            if e.field_id().is_some() {
                eprintln!("[{}] {}", e.code(), e.message_zh());
            }
            ExitCode::from(2)
        }
    }
}
