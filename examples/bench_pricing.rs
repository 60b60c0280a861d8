//! Native timings of the pricing engine (风险定价), and the ratio to CLIMADA.
//!
//! ```text
//! cargo run --release --example bench_pricing
//! ```
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

fn main() {
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
    for k in [500usize, 2000, 5000] {
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
