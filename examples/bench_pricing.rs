//! Native timings of the pricing engine (风险定价), and the ratio to CLIMADA.
//!
//! ```text
//! cargo run --release --example bench_pricing
//! cargo run --release --example bench_pricing -- --spread [SEEDS]   # seed-to-seed spread vs SE
//! ```
//!
//! `--spread` prices the default policy with seeds 1…SEEDS (default 20; each seed changes the
//! catalogue and the years) for K = 1,000 … 8,000 and N = 10,000 years, and prints the
//! seed-to-seed standard deviation of the expected annual payout beside the mean reported
//! standard error (and the year-only SE of the plain mean, what earlier versions reported):
//! the figures behind the default K (docs/payout-pricing.md §4).
//!
//! Prints the median of several runs, in ms, for: generating the synthetic catalogue of K
//! events (K wind fields + district peaks); pricing the K events under the default policy
//! (`Simulation::new`); simulating 10,000 years (sampling + payouts + tallies) and the analysis
//! (`result()`). The CLIMADA ratio is (tracks × 0.15 s) / our time, where "tracks" is the
//! number of wind fields a direct simulation would need (K for the catalogue; the ~λ × N storm
//! occurrences for the years) and 0.15 s per track is CLIMADA 6.1.0's wind-field time on this
//! machine (brief).

use std::hint::black_box;
use std::time::Instant;

use zs_risk_map::payout::Policy;
use zs_risk_map::pricing::{Catalogue, CatalogueConfig, Simulation, SimulationConfig};

/// CLIMADA 6.1.0 wind-field time per track on this machine, seconds (brief).
const CLIMADA_S_PER_TRACK: f64 = 0.15;

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut v: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    v.sort_by(f64::total_cmp);
    v[runs / 2]
}

/// Mean and sample standard deviation.
fn mean_sd(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    let m = v.iter().sum::<f64>() / n;
    let var = v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0).max(1.0);
    (m, var.sqrt())
}

/// Seed-to-seed spread of the expected annual payout against the reported standard errors.
fn spread(seeds: u64) {
    use rust_decimal::prelude::ToPrimitive;
    let policy = Policy::default_zhongshan();
    let years = 10_000;
    println!("seed-to-seed spread of the expected annual payout, default policy, N = {years}, {seeds} seeds");
    println!(
        "{:>6} {:>14} {:>12} {:>8} {:>12} {:>8} {:>10} {:>14} {:>10}",
        "K",
        "mean (yuan)",
        "seed sd",
        "sd %",
        "mean SE",
        "SE %",
        "sd / SE",
        "plain-mean sd%",
        "sd/SE(yr)"
    );
    for k in [1000usize, 2000, 4000, 8000] {
        let (mut e, mut se, mut plain, mut se_plain) = (vec![], vec![], vec![], vec![]);
        for seed in 1..=seeds {
            let cat = Catalogue::synthetic(&CatalogueConfig {
                size: k,
                seed,
                ..Default::default()
            })
            .unwrap();
            let mut sim = Simulation::new(
                &cat,
                &policy,
                &SimulationConfig {
                    years,
                    seed,
                    ..Default::default()
                },
            )
            .unwrap();
            sim.step(years);
            let r = sim.result().unwrap();
            let f = |d: rust_decimal::Decimal| d.to_f64().unwrap_or(0.0);
            e.push(f(r.expected_annual_payout));
            se.push(f(r.standard_error));
            plain.push(f(r.mean_simulated_annual_payout));
            se_plain.push(f(r.standard_error_plain_mean));
        }
        let ((m, sd), (mse, _)) = (mean_sd(&e), mean_sd(&se));
        let ((pm, psd), (pse, _)) = (mean_sd(&plain), mean_sd(&se_plain));
        println!(
            "{k:>6} {m:>14.0} {sd:>12.0} {:>7.2}% {mse:>12.0} {:>7.2}% {:>10.2} {:>13.2}% {:>10.2}",
            100.0 * sd / m,
            100.0 * mse / m,
            sd / mse,
            100.0 * psd / pm,
            psd / pse
        );
    }
    println!(
        "sd / SE ≈ 1 when the SE is honest (12–20 seeds estimate sd to ±16–21 %); the last two"
    );
    println!(
        "columns are the plain mean of the simulated years with its year-only SE (the old report)."
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--spread") {
        let seeds = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(20);
        spread(seeds);
        return;
    }
    let policy = Policy::default_zhongshan();
    let years = 10_000;
    println!("median ms over runs; catalogue K, N = {years} years, default policy, λ = 0.5");
    println!(
        "{:>6} {:>12} {:>10} {:>12} {:>9} {:>10} {:>14} {:>14}",
        "K",
        "catalogue",
        "price K",
        "10k years",
        "result",
        "storms",
        "CLIMADA×(K)",
        "CLIMADA×(all)"
    );
    for k in [500usize, 2000, 4000, 8000] {
        let cfg = CatalogueConfig {
            size: k,
            ..Default::default()
        };
        let cat_ms = median_ms(5, || {
            black_box(Catalogue::synthetic(&cfg).unwrap());
        });
        let cat = Catalogue::synthetic(&cfg).unwrap();
        let scfg = SimulationConfig {
            years,
            ..Default::default()
        };
        let price_ms = median_ms(5, || {
            black_box(Simulation::new(&cat, &policy, &scfg).unwrap());
        });
        let base = Simulation::new(&cat, &policy, &scfg).unwrap();
        let mut storms = 0.0;
        let years_ms = median_ms(5, || {
            let mut s = base.clone();
            s.step(years);
            storms = s.result().unwrap().mean_events_per_year * years as f64;
            black_box(&s);
        });
        let mut done = base.clone();
        done.step(years);
        let result_ms = median_ms(5, || {
            black_box(done.result().unwrap());
        });
        let ours_k = cat_ms / 1e3;
        let ours_all = (cat_ms + price_ms + years_ms + result_ms) / 1e3;
        println!(
            "{:>6} {:>12.1} {:>10.1} {:>12.1} {:>9.1} {:>10.0} {:>14.0} {:>14.0}",
            k,
            cat_ms,
            price_ms,
            years_ms,
            result_ms,
            storms,
            k as f64 * CLIMADA_S_PER_TRACK / ours_k,
            storms * CLIMADA_S_PER_TRACK / ours_all
        );
    }
    println!(
        "CLIMADA×(K): K tracks × {CLIMADA_S_PER_TRACK} s / our catalogue time; CLIMADA×(all): the \
         storm occurrences of 10k years, each a CLIMADA wind field, / our whole pipeline"
    );
}
