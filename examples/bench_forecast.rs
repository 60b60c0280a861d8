//! Benchmark of forecast mode: 200 ensemble members of the example bulletin (track
//! perturbation, wind field, surface winds at 23 towns, payout) natively. Prints figures,
//! asserts nothing. Target: 200 members ≤ 1 s in Chromium (docs/briefing.md §4).
//!
//! ```text
//! cargo run --release --example bench_forecast
//! ```

use std::time::Instant;

use zs_risk_map::forecast::{Bulletin, ForecastConfig, ForecastRun};
use zs_risk_map::map::DistrictLayer;
use zs_risk_map::payout::Policy;

fn main() {
    let text = include_str!("../data/forecasts/example_bulletin.json");
    let layer = DistrictLayer::builtin();
    let policy = Policy::default_zhongshan();
    let mut times = Vec::new();
    for rep in 0..5 {
        let t0 = Instant::now();
        let b = Bulletin::from_json(text).expect("example bulletin is valid");
        let cfg = ForecastConfig {
            members: 200,
            seed: rep,
            ..Default::default()
        };
        let mut run = ForecastRun::new(&b, &cfg, &layer, &policy).expect("valid settings");
        let t_setup = t0.elapsed();
        let mut worst_chunk = 0.0f64;
        while !run.is_done() {
            let c = Instant::now();
            run.step(25).expect("members run");
            worst_chunk = worst_chunk.max(c.elapsed().as_secs_f64());
        }
        let r = run.result().expect("done");
        let total = t0.elapsed().as_secs_f64();
        times.push(total);
        println!(
            "rep {rep}: 200 members {:.1} ms (setup incl. RMW fit {:.1} ms, slowest 25-member chunk {:.1} ms), P(any payout) {:.2}",
            total * 1e3,
            t_setup.as_secs_f64() * 1e3,
            worst_chunk * 1e3,
            r.payout.p_any
        );
    }
    times.sort_by(f64::total_cmp);
    println!(
        "median 200 members: {:.1} ms native (target ≤ 1000 ms in Chromium)",
        times[times.len() / 2] * 1e3
    );
}
