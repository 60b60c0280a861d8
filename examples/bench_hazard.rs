//! Native timings of the typhoon hazard engine (the browser budget is in the comments).
//!
//! ```text
//! cargo run --release --example bench_hazard
//! ```
//!
//! Prints the median of N runs, in ms, for: preparing the Hato track (hourly nodes, H08);
//! the 3,721-point peak grid (22.2–22.8 N × 113.1–113.7 E at 0.01°, budget ≤ 5 ms in wasm);
//! per-district peaks for the 23 seats (≤ 0.5 ms); one animation frame (grid at one time
//! step, ≤ 16 ms). CLIMADA 6.1.0 takes ≈ 0.2 s for that grid on this machine.

use std::hint::black_box;
use std::time::Instant;
use zs_risk_map::hazard::district::{district_peaks, district_winds_at};
use zs_risk_map::hazard::grid::{wind_grid_peak, wind_grid_step, wind_radii, GridSpec};
use zs_risk_map::hazard::{scenarios, PreparedTrack, WindModel, WindModelOptions};
use zs_risk_map::map::DistrictLayer;

/// Reference: CLIMADA 6.1.0 `TropCyclone.from_tracks` on the same grid, seconds (brief).
const CLIMADA_GRID_S: f64 = 0.2;

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    f(); // warm-up
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
    let hato = scenarios::track("hato").expect("built-in track");
    let layer = DistrictLayer::builtin();
    let spec = GridSpec::zhongshan_001();
    println!("Hato (1713), grid 61×61 = 3721 points at 0.01°, 23 district seats; median ms");
    println!(
        "{:<6} {:>9} {:>11} {:>10} {:>10} {:>9} {:>14}",
        "model", "prepare", "grid peak", "districts", "frame", "radii×3", "CLIMADA/grid"
    );
    for model in [WindModel::H08, WindModel::H1980, WindModel::H10] {
        let opts = WindModelOptions {
            model,
            ..Default::default()
        };
        let prep = median_ms(201, || {
            black_box(PreparedTrack::new(black_box(&hato), &opts).unwrap());
        });
        let p = PreparedTrack::new(&hato, &opts).unwrap();
        let grid = median_ms(51, || {
            black_box(wind_grid_peak(&p, &spec).unwrap());
        });
        let dist = median_ms(201, || {
            black_box(district_peaks(&p, &layer));
        });
        let k = 11; // 2017-08-23T05Z, the centre near Zhongshan: the busiest frame
        let frame = median_ms(101, || {
            black_box(wind_grid_step(&p, &spec, k).unwrap());
            black_box(district_winds_at(&p, &layer, k, &Default::default()).unwrap());
        });
        let radii = median_ms(51, || {
            for thr in [13.9, 24.5, 32.7] {
                black_box(wind_radii(&p, k, thr).unwrap());
            }
        });
        println!(
            "{:<6} {:>9.3} {:>11.3} {:>10.3} {:>10.3} {:>9.3} {:>13.0}×",
            model.name(),
            prep,
            grid,
            dist,
            frame,
            radii,
            CLIMADA_GRID_S * 1e3 / grid
        );
    }
    println!("frame = grid at one time step + the 23 districts' current wind; radii = R7/R10/R12 on 16 bearings");
}
