//! Benchmark: quote 100,000 generated enterprises natively, and parse + quote the same set as
//! CSV. Target in the browser ≤ 1 s; natively we aim for ≤ 0.2 s.
//!
//! ```text
//! cargo run --release --example bench_premium [-- --n 100000 --rules zhongshan-illustrative]
//! ```

use std::time::Instant;

use zs_risk_map::premium::{self, batch, synth, Enterprise};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut n = 100_000usize;
    let mut rules_id = "zhongshan-illustrative".to_string();
    let mut i = 0;
    while i + 1 < args.len() {
        match args[i].as_str() {
            "--n" => n = args[i + 1].parse().expect("--n N"),
            "--rules" => rules_id = args[i + 1].clone(),
            _ => {}
        }
        i += 2;
    }
    let rules = premium::builtin(&rules_id).expect("rule set");

    let t = Instant::now();
    let inputs = synth::generate(7, n);
    let gen_s = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let ents: Vec<Enterprise> = inputs
        .iter()
        .map(|e| Enterprise::from_input(e).expect("valid"))
        .collect();
    let validate_s = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let mut total = rust_decimal::Decimal::ZERO;
    for e in &ents {
        total += rules.quote_summary(e).expect("quote").premium;
    }
    let quote_s = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let mut steps = 0usize;
    for e in ents.iter().take(10_000) {
        steps += rules.quote(e).expect("quote").steps.len();
    }
    let full_s = t.elapsed().as_secs_f64();

    // One upload holds at most MAX_CSV_ROWS rows (one call must stay under 2 s in the browser).
    let csv_rows = n.min(batch::MAX_CSV_ROWS);
    let csv = batch::to_csv(inputs.get(..csv_rows).unwrap_or(&inputs));
    let t = Instant::now();
    let table = zs_risk_map::csv_lite::parse(&csv).expect("csv");
    let csv_parse_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let (parsed, _) = batch::parse_enterprises(&csv).expect("csv");
    let csv_ents_s = t.elapsed().as_secs_f64();
    drop((table, parsed));
    let t = Instant::now();
    let result = batch::quote_csv(&rules, &csv).expect("csv");
    let aggs = batch::town_aggregates(&result);
    let csv_s = t.elapsed().as_secs_f64();

    println!("rule set: {rules_id}; enterprises: {n}");
    println!("generate            {:>8.1} ms", gen_s * 1e3);
    println!("validate            {:>8.1} ms", validate_s * 1e3);
    println!(
        "quote (summary)     {:>8.1} ms  ({:.2} µs each; total premium {total})",
        quote_s * 1e3,
        quote_s * 1e6 / n as f64
    );
    println!(
        "quote (full, 10k)   {:>8.1} ms  ({:.2} µs each, {steps} steps)",
        full_s * 1e3,
        full_s * 1e6 / 10_000f64
    );
    println!(
        "CSV tokenise (csv_lite) {:>8.1} ms; CSV → enterprises {:>8.1} ms",
        csv_parse_s * 1e3,
        csv_ents_s * 1e3
    );
    println!(
        "CSV {:>6.1} MB parse+validate+quote+aggregate {:>8.1} ms  ({} rows, {} errors, {} towns)",
        csv.len() as f64 / 1e6,
        csv_s * 1e3,
        result.rows.len(),
        result.errors.len(),
        aggs.len()
    );
}
