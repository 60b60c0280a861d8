//! Timings of the payout engine (native only; the library itself never reads a clock).
//!
//! ```text
//! cargo run --release --example bench_payout
//! ```
//!
//! One event over the 23 districts (default policy), and a 10,000-event season batch with
//! indices from a seeded splitmix64 generator (synthetic numbers to time the engine, not a
//! hazard model). Feeds the later stochastic-pricing issue.

use std::collections::BTreeMap;
use std::time::Instant;

use zs_risk_map::payout::engine::{pay_event, pay_season, Event, EventIndices};
use zs_risk_map::payout::explain::explain_event;
use zs_risk_map::payout::policy::Policy;
use zs_risk_map::scales::WindIndex;

/// The crate's one seeded generator (src/rng.rs).
type SplitMix = zs_risk_map::rng::Rng;

fn main() {
    let policy = Policy::default_zhongshan();
    let mut rng = SplitMix::new(2025);
    let mut winds = || -> BTreeMap<String, WindIndex> {
        policy
            .districts
            .iter()
            .map(|d| {
                (
                    d.code.clone(),
                    WindIndex::from_tenths((rng.next_u64() % 550) as i32),
                )
            })
            .collect()
    };

    let one = EventIndices::Wind(winds());
    let reps = 2_000;
    let t = Instant::now();
    let mut paid = rust_decimal::Decimal::ZERO;
    for _ in 0..reps {
        paid += pay_event(&policy, &one).expect("valid").paid;
    }
    let per_event = t.elapsed() / reps;
    println!("one event, 23 districts: {per_event:?} per event (mean of {reps}; Σ {paid})");

    let r = pay_event(&policy, &one).expect("valid");
    let t = Instant::now();
    let x = explain_event(&policy, &r);
    println!(
        "explanation lines (zh + en, {} each): {:?}",
        x.zh.len(),
        t.elapsed()
    );

    let events: Vec<Event> = (0..10_000)
        .map(|i| Event {
            name: format!("e{i}"),
            indices: EventIndices::Wind(winds()),
        })
        .collect();
    let t = Instant::now();
    let s = pay_season(&policy, &events).expect("valid");
    let dt = t.elapsed();
    println!(
        "10,000-event season: {dt:?} ({:?} per event); paid {} of raw {} (aggregate cut {})",
        dt / 10_000,
        s.total_paid,
        s.total_raw,
        s.cut_by_aggregate
    );
}
