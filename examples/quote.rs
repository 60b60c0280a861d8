//! Quote one enterprise under a 安责险 rule set, with the step-by-step explanation.
//!
//! ```text
//! cargo run --release --example quote -- --rules fuyang --enterprise data/rules/example_enterprise.json
//! cargo run --release --example quote -- --rules national-2017 --compare national-2025 --enterprise FILE
//! cargo run --release --example quote -- --rules my_rules.json --enterprise FILE --json
//! cargo run --release --example quote -- --list
//! ```
//! RULES is a built-in id (see `--list`) or a path to rule-set JSON. `--json` prints the Quote
//! (or the comparison) as JSON with money as decimal strings.

use std::process::ExitCode;

use zs_risk_map::money::format_cny_zh;
use zs_risk_map::premium::{self, Enterprise, Quote, RuleSet};

fn load_rules(arg: &str) -> zs_risk_map::Result<RuleSet> {
    if premium::builtin_json(arg).is_some() {
        return premium::builtin(arg);
    }
    let text = std::fs::read_to_string(arg).map_err(|e| {
        zs_risk_map::Error::InvalidInput(format!(
            "--rules: '{arg}' is neither a built-in id ({}) nor a readable file: {e}",
            premium::builtin_ids().join(", ")
        ))
    })?;
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
    let text = std::fs::read_to_string(&path).map_err(|e| {
        zs_risk_map::Error::InvalidInput(format!("--enterprise: cannot read '{path}': {e}"))
    })?;
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

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error [{}]: {e}", e.code());
            ExitCode::FAILURE
        }
    }
}
