//! Native render and hit-test benchmark: `cargo run --release --example bench_render`.
//!
//! Prints figures (median of repeated runs); the browser twin is `www/bench.html`
//! (`node tests/e2e/bench.mjs`), which measures the real canvas path.

use std::time::Instant;

use plotters::drawing::IntoDrawingArea;
use zs_risk_map::layers::{builtin_layers, PaintedLayer};
use zs_risk_map::map::DistrictLayer;
use zs_risk_map::render::{district_at_css, draw_map, MapView};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let layer = DistrictLayer::builtin();
    let painted = PaintedLayer::paint(&builtin_layers()[1], &layer);
    let view = MapView {
        labels: true,
        type_scale: 1.0,
        furniture: true,
        title: "bench".into(),
        ..MapView::default()
    };
    let mut times = Vec::new();
    let mut screen = None;
    for _ in 0..30 {
        let mut out = String::with_capacity(1 << 20);
        let t = Instant::now();
        {
            let root = plotters::backend::SVGBackend::with_string(&mut out, (2400, 1600))
                .into_drawing_area();
            screen = Some(draw_map(&root, &layer, &painted, &view, 2.0).expect("draw"));
        }
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!(
        "native: full map to SVG at 1200×800 CSS px, dpr 2: median {:.3} ms",
        median(times)
    );
    let screen = screen.expect("drawn");
    let mut seed = 42u64;
    let mut rnd = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    let pts: Vec<(f64, f64)> = (0..200_000)
        .map(|_| (rnd() * 1200.0, rnd() * 800.0))
        .collect();
    let t = Instant::now();
    let hits = pts
        .iter()
        .filter(|(x, y)| district_at_css(&layer, &screen, *x, *y).is_some())
        .count();
    let per = t.elapsed().as_secs_f64() * 1e6 / pts.len() as f64;
    println!(
        "native: hit-test {per:.3} µs per pointer position ({hits}/{} inside a town)",
        pts.len()
    );
}
