//! Fuzz targets shared by the stable-toolchain harness (`examples/fuzz.rs`) and the cargo-fuzz
//! crate (`fuzz/fuzz_targets/*.rs`): one function per parser or entry point, taking raw bytes.
//!
//! A target may return any crate `Error` — bad input is expected — but must not panic, abort
//! or run away. Where a target can check a property cheaply it asserts it (CSV round trip,
//! finite legend labels), so a wrong result is a finding too. See docs/robustness.md §4.

#![allow(dead_code)] // each fuzz_targets/*.rs binary uses one target

use std::collections::BTreeMap;

use zs_risk_map::forecast::{cone_published, Bulletin, ErrorModel, ForecastConfig, ForecastRun};
use zs_risk_map::hazard::district::district_peaks;
use zs_risk_map::hazard::track::Track;
use zs_risk_map::hazard::transform::TrackTransform;
use zs_risk_map::hazard::windfield::{PreparedTrack, WindModelOptions};
use zs_risk_map::layers::{LayerSpec, PaintedLayer};
use zs_risk_map::map::crs::Crs;
use zs_risk_map::map::geojson::{parse_layer, LoadOptions};
use zs_risk_map::map::DistrictLayer;
use zs_risk_map::payout::engine::{pay_event, EventIndices};
use zs_risk_map::payout::policy::Policy;
use zs_risk_map::payout::scenario::{wind_indices_from_json, RainScenario};
use zs_risk_map::premium::enterprise::Enterprise;
use zs_risk_map::premium::rules::RuleSet;
use zs_risk_map::present::regional::{bulletin_marks, bulletin_wind_circles};
use zs_risk_map::pricing::catalogue::{Catalogue, CatalogueBuilder, CatalogueConfig};
use zs_risk_map::pricing::simulation::{Simulation, SimulationConfig};
use zs_risk_map::render::svg::to_svg_string;
use zs_risk_map::render::{Lang, MapView};
use zs_risk_map::{csv_lite, money, premium};

/// A fuzz target: name, what it covers, the function.
pub struct Target {
    /// Stable name (`--target NAME`, the cargo-fuzz binary name).
    pub name: &'static str,
    /// What it feeds.
    pub about: &'static str,
    /// Runs one input.
    pub run: fn(&[u8]),
}

/// Every target, in the order the harness runs them.
pub const TARGETS: &[Target] = &[
    Target {
        name: "geojson",
        about: "GeoJSON → DistrictLayer → every layer painted → SVG",
        run: geojson,
    },
    Target {
        name: "track",
        about: "track JSON → Track → transform → wind field → district peaks (scenario)",
        run: track,
    },
    Target {
        name: "event_set",
        about: "event-set JSON → pricing Catalogue",
        run: event_set,
    },
    Target {
        name: "policy",
        about: "policy JSON → Policy → payout on winds and rain (payout)",
        run: policy,
    },
    Target {
        name: "payout_indices",
        about: "wind / rain index JSON → payout under the 示例 policy",
        run: payout_indices,
    },
    Target {
        name: "rule_set",
        about: "rule-set JSON → RuleSet → quote of the example enterprise",
        run: rule_set,
    },
    Target {
        name: "enterprise",
        about: "enterprise JSON → quote under every built-in rule set",
        run: enterprise,
    },
    Target {
        name: "csv_batch",
        about: "enterprise CSV → batch quote",
        run: csv_batch,
    },
    Target {
        name: "pricing",
        about: "pricing numbers JSON → catalogue builder + simulation + result",
        run: pricing,
    },
    Target {
        name: "csv_roundtrip",
        about: "CSV reader; writer round trip on the parsed cells",
        run: csv_roundtrip,
    },
    Target {
        name: "layer_values",
        about: "arbitrary f64 layer values → painted legend (labels finite)",
        run: layer_values,
    },
    Target {
        name: "money",
        about: "decimal text → parse, round to the fen, format in 元 and CNY",
        run: money_text,
    },
    Target {
        name: "bulletin",
        about: "forecast bulletin JSON → Bulletin → cone, marks, circles, 2-member ensemble",
        run: bulletin,
    },
];

/// Input text: invalid UTF-8 is replaced, as the browser's decoder would.
fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// GeoJSON as the map view loads it; the first byte picks the coordinate system.
pub fn geojson(data: &[u8]) {
    let crs = if data.first().is_some_and(|b| b % 2 == 1) {
        Crs::Gcj02
    } else {
        Crs::Wgs84
    };
    let Ok(layer) = parse_layer(
        &text(data),
        &LoadOptions {
            crs,
            attribution: None,
        },
    ) else {
        return;
    };
    for a in layer.numeric_attributes() {
        let painted = PaintedLayer::paint(&LayerSpec::ramp_for(&a), &layer);
        assert_legend_finite(&painted);
    }
    let spec = LayerSpec::ramp_for("none");
    let painted = PaintedLayer::paint(&spec, &layer);
    let view = MapView {
        labels: true,
        furniture: true,
        type_scale: 1.0,
        ..MapView::default()
    };
    let (svg, _) = to_svg_string(&layer, &painted, &view, 300, 200).expect("a valid layer renders");
    assert!(!svg.contains('\0'), "NUL in SVG");
}

/// Legend labels must never read NaN or inf (the ±1e308 bug).
fn assert_legend_finite(p: &PaintedLayer) {
    for e in &p.legend {
        for s in [&e.label_zh, &e.label_en, &e.range, &e.range_en] {
            let l = s.to_ascii_lowercase();
            assert!(
                !l.contains("nan") && !l.contains("inf"),
                "legend label {s:?}"
            );
        }
    }
}

/// A custom track through the typhoon scenario: parse, what-if transform, wind field, peaks.
pub fn track(data: &[u8]) {
    let t = text(data);
    let (track_text, transform) = match t.split_once("\n#transform ") {
        Some((a, b)) => (a, serde_json::from_str::<TrackTransform>(b).ok()),
        None => (t.as_ref(), None),
    };
    let Ok(base) = Track::from_json(track_text) else {
        return;
    };
    let Ok(track) = transform.unwrap_or_default().apply(&base) else {
        return;
    };
    let Ok(prepared) = PreparedTrack::new(&track, &WindModelOptions::default()) else {
        return;
    };
    let peaks = district_peaks(&prepared, &DistrictLayer::builtin());
    assert_eq!(peaks.len(), 23);
}

/// An uploaded event set for the pricing view.
pub fn event_set(data: &[u8]) {
    let _ = Catalogue::from_event_set_json(&text(data), &WindModelOptions::default());
}

/// A policy pays a fixed wind event and a uniform rain event.
pub fn policy(data: &[u8]) {
    let Ok(policy) = Policy::from_json(&text(data)) else {
        return;
    };
    let winds: BTreeMap<String, f64> = DistrictLayer::builtin()
        .districts()
        .iter()
        .enumerate()
        .map(|(i, d)| (d.code.clone(), 20.0 + 2.0 * i as f64))
        .collect();
    let winds = zs_risk_map::payout::engine::wind_indices_from_ms(&winds);
    let _ = pay_event(&policy, &EventIndices::Wind(winds));
    if let Ok(rain) = RainScenario::from_json(r#"{"uniform_mm": 300}"#) {
        if let Ok(ix) = rain.indices_for(&policy) {
            let _ = pay_event(&policy, &ix);
        }
    }
}

/// Index inputs of the payout view: a wind table (`{"code": m/s}`) or a rain scenario.
pub fn payout_indices(data: &[u8]) {
    let t = text(data);
    let policy = Policy::default_zhongshan();
    if let Ok(w) = wind_indices_from_json(&t) {
        let _ = pay_event(&policy, &EventIndices::Wind(w));
    }
    if let Ok(rain) = RainScenario::from_json(&t) {
        if let Ok(ix) = rain.indices_for(&policy) {
            let _ = pay_event(&policy, &ix);
        }
    }
}

const EXAMPLE_ENTERPRISE: &str = include_str!("../data/rules/example_enterprise.json");

/// An uploaded rule set quotes the example enterprise.
pub fn rule_set(data: &[u8]) {
    let Ok(rules) = RuleSet::from_json(&text(data)) else {
        return;
    };
    if let Ok(e) = Enterprise::from_json(EXAMPLE_ENTERPRISE) {
        let _ = rules.quote(&e);
    }
}

/// One enterprise form (as JSON) under every built-in rule set.
pub fn enterprise(data: &[u8]) {
    let Ok(e) = Enterprise::from_json(&text(data)) else {
        return;
    };
    for id in premium::builtin_ids() {
        if let Ok(rules) = premium::builtin(id) {
            let _ = rules.quote(&e);
        }
    }
}

/// A CSV batch under the Zhongshan illustrative rule set.
pub fn csv_batch(data: &[u8]) {
    let Some(rules) = premium::builtin_ids()
        .into_iter()
        .find_map(|id| premium::builtin(id).ok())
    else {
        return;
    };
    let _ = premium::batch::quote_csv(&rules, &text(data));
}

/// The pricing view's numbers: `{"seed", "size", "lambda", "years", "step", "compare_premium"}`.
/// Sizes are the user's; the target runs the chunked APIs for a bounded number of steps, as
/// the UI does between frames.
pub fn pricing(data: &[u8]) {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(&text(data)) else {
        return;
    };
    let num = |k: &str| v.get(k).and_then(serde_json::Value::as_f64);
    let mut cfg = CatalogueConfig::default();
    if let Some(x) = num("seed") {
        cfg.seed = x as u64;
    }
    if let Some(x) = num("size") {
        cfg.size = x as usize;
    }
    if let Some(x) = num("lambda") {
        cfg.lambda = x;
    }
    let Ok(mut b) = CatalogueBuilder::new(&cfg) else {
        return;
    };
    let step = num("step").map_or(8, |x| x as usize);
    for _ in 0..4 {
        if b.is_done() {
            break;
        }
        if b.step(step.min(64)).is_err() {
            return;
        }
    }
    if !b.is_done() {
        return;
    }
    let Ok(cat) = b.finish() else { return };
    let mut sc = SimulationConfig::default();
    if let Some(x) = num("years") {
        sc.years = x as u32;
    }
    if let Some(x) = num("sim_seed") {
        sc.seed = x as u64;
    }
    sc.lambda = num("sim_lambda");
    sc.compare_premium = v
        .get("compare_premium")
        .and_then(serde_json::Value::as_str)
        .and_then(|s| money::parse_decimal("compare_premium", s).ok());
    let Ok(mut sim) = Simulation::new(&cat, &Policy::default_zhongshan(), &sc) else {
        return;
    };
    for _ in 0..4 {
        if sim.is_done() {
            break;
        }
        sim.step(step.clamp(1, 2000) as u32);
    }
    if sim.is_done() {
        let _ = sim.result();
    }
}

/// CSV reader on arbitrary text; every parsed table written back and read again is the same.
pub fn csv_roundtrip(data: &[u8]) {
    let Ok(t) = csv_lite::parse(&text(data)) else {
        return;
    };
    let mut w = csv_lite::Writer::new();
    w.row(&t.header);
    for r in &t.records {
        w.row(&r.fields);
    }
    let back = csv_lite::parse(&w.finish()).expect("the writer's output parses");
    assert_eq!(back.records.len(), t.records.len(), "rows lost or split");
    for (a, b) in t.records.iter().zip(&back.records) {
        for (x, y) in a.fields.iter().zip(&b.fields) {
            // The writer may only add the formula guard `'`.
            assert!(
                y == x || y.strip_prefix('\'') == Some(x.as_str()),
                "{x:?} → {y:?}"
            );
        }
    }
}

/// Eight bytes per value, as raw f64 bits (NaN, ±∞, ±0, subnormals, ±1e308 all reachable).
pub fn layer_values(data: &[u8]) {
    let layer = DistrictLayer::builtin();
    let values: BTreeMap<String, f64> = layer
        .districts()
        .iter()
        .zip(data.chunks_exact(8))
        .map(|(d, c)| {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            (d.code.clone(), f64::from_le_bytes(b))
        })
        .collect();
    for spec in zs_risk_map::layers::builtin_layers().into_iter().chain([
        LayerSpec::ramp_for("x"),
        zs_risk_map::layers::wind_level_spec("w", "风", "wind"),
    ]) {
        let p = PaintedLayer::from_values(&spec, &layer, &values);
        assert_legend_finite(&p);
        for v in &p.values {
            let s = p.format_value(v.value);
            assert!(!s.to_ascii_lowercase().contains("nan"), "{s}");
        }
    }
    let _ = (Lang::Zh, ());
}

/// Decimal text through the one money path.
pub fn money_text(data: &[u8]) {
    let t = text(data);
    let Ok(d) = money::parse_decimal("amount", &t) else {
        return;
    };
    let f = money::round_fen(d);
    assert_eq!(money::round_fen(f), f, "round_fen is idempotent");
    let _ = money::format_cny_zh(d);
    let _ = money::format_cny_en(d);
}

/// A forecast bulletin (预报报文) as the forecast view checks and runs it: parse, the central
/// track, the published cone, the regional marks and wind circles, then a 2-member ensemble
/// (the run's setup, RMW fit included, is the part a bulletin can steer).
pub fn bulletin(data: &[u8]) {
    let Ok(b) = Bulletin::from_json(&text(data)) else {
        return;
    };
    assert!((2..=40).contains(&b.points.len()), "point count checked");
    let cone = cone_published(&b, &ErrorModel::cma(), 0.7);
    assert!(
        cone.iter().all(|c| c.2.is_finite() && c.2 >= 0.0),
        "cone radii"
    );
    let _ = (b.central_track(), b.observed_radii(), b.issued_utc());
    let _ = bulletin_marks(&b, true);
    for p in &b.points {
        let _ = bulletin_wind_circles(p);
    }
    let cfg = ForecastConfig {
        members: 2,
        ..ForecastConfig::default()
    };
    let Ok(mut run) = ForecastRun::new(
        &b,
        &cfg,
        &DistrictLayer::builtin(),
        &Policy::default_zhongshan(),
    ) else {
        return;
    };
    while !run.is_done() {
        if run.step(2).is_err() {
            return;
        }
    }
    let _ = run.result();
}

/// Seed inputs of a target: the repository's own example files and built-in data, which the
/// mutator then breaks.
pub fn seeds(name: &str) -> Vec<Vec<u8>> {
    let s = |t: &str| t.as_bytes().to_vec();
    let tracks = || {
        zs_risk_map::hazard::scenarios::list()
            .iter()
            .filter_map(|i| zs_risk_map::hazard::scenarios::track(&i.id).ok())
            .filter_map(|t| serde_json::to_string(&t.to_dto()).ok())
            .collect::<Vec<String>>()
    };
    match name {
        "geojson" => vec![
            s(include_str!("../data/zhongshan_schematic.geojson")),
            s(
                r#"{"type":"FeatureCollection","attribution":"x","features":[{"type":"Feature","properties":{"code":442000001,"name_zh":"甲","risk":3,"pop":-12.5},"geometry":{"type":"MultiPolygon","coordinates":[[[[113,22],[113.1,22],[113.1,22.1],[113,22]]],[[[113.2,22],[113.3,22],[113.3,22.1],[113.2,22]],[[113.21,22.01],[113.22,22.01],[113.22,22.02],[113.21,22.01]]]]}}]}"#,
            ),
        ],
        "track" => {
            let mut v: Vec<Vec<u8>> = tracks().into_iter().map(|t| t.into_bytes()).collect();
            if let Some(t) = tracks().first() {
                v.push(format!("{t}\n#transform {{\"shift_east_km\": 30, \"rotate_deg\": 15, \"dp_hpa\": -10, \"rmw_km\": 40}}").into_bytes());
            }
            v
        }
        "event_set" => {
            let mut v = vec![s(r#"{"label": "t", "events": [
                {"name": "A", "annual_rate": 0.2, "winds_ms": {"442000107": 41.3, "442000001": 30}},
                {"name": "B", "annual_rate": 0.1, "track": {"points": [
                  {"time": "2024-09-01T00:00Z", "lat": 21.0, "lon": 115.5, "pressure_hpa": 950, "wind_ms": 45},
                  {"time": "2024-09-01T12:00Z", "lat": 22.0, "lon": 113.8, "pressure_hpa": 955, "wind_ms": 42},
                  {"time": "2024-09-02T00:00Z", "lat": 22.8, "lon": 112.5, "pressure_hpa": 975, "wind_ms": 30}]}}]}"#)];
            if let Some(t) = tracks().first() {
                v.push(
                    format!(
                        r#"{{"events": [{{"name": "H", "annual_rate": 0.05, "track": {t}}}]}}"#
                    )
                    .into_bytes(),
                );
            }
            v
        }
        "policy" => vec![s(include_str!("../data/policies/default_zhongshan.json"))],
        "payout_indices" => vec![
            s(r#"{"442000107": 41.3, "442000001": 33.0, "442000002": 0}"#),
            s(r#"{"mm": {"442000107": 280.5, "442000001": "120"}}"#),
            s(r#"{"uniform_mm": 300}"#),
            s(r#"{"pattern": {"442000107": 120, "442000001": 90}, "factor": "1.5"}"#),
        ],
        "rule_set" => premium::builtin_ids()
            .into_iter()
            .filter_map(premium::builtin_json)
            .map(s)
            .collect(),
        "enterprise" => vec![s(EXAMPLE_ENTERPRISE)],
        "csv_batch" => {
            let full = include_str!("../data/enterprises_synthetic.csv");
            let head: String = full.lines().take(40).map(|l| format!("{l}\n")).collect();
            vec![
                s(&head),
                s(&premium::batch::to_csv(&premium::synth::generate(7, 20))),
            ]
        }
        "pricing" => vec![
            s(
                r#"{"seed": 1, "size": 12, "lambda": 0.5, "step": 8, "years": 500, "sim_seed": 3, "sim_lambda": 0.7, "compare_premium": "1200000"}"#,
            ),
            s(r#"{"seed": 9, "size": 3, "years": 2000, "step": 1000}"#),
        ],
        "csv_roundtrip" => vec![
            s("a,b,c\r\n1,\"x, \"\"y\"\"\",3\n\"multi\nline\",=1+1,-2\n"),
            s(include_str!("../data/towns.csv")),
        ],
        "layer_values" => {
            let vals = [
                0.0f64,
                -0.0,
                1.0,
                1e308,
                -1e308,
                f64::MAX,
                f64::MIN,
                f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
                5e-324,
                42.0,
                1e15,
                -1e15,
            ];
            vec![vals
                .iter()
                .cycle()
                .take(23)
                .flat_map(|v| v.to_le_bytes())
                .collect()]
        }
        "bulletin" => vec![
            s(include_str!("../data/forecasts/example_bulletin.json")),
            s(
                r#"{"name_zh":"甲","issued":"2024-09-01T00:00Z","points":[{"lead_h":0,"lat":21.6,"lon":115.0,"wind_ms":45,"radii_km":{"7":[300,250,200,280],"10":120,"12":60}},{"lead_h":12,"lat":22.3,"lon":113.8,"wind_ms":40,"pressure_hpa":960},{"lead_h":168,"lat":23.0,"lon":112.5,"wind_ms":5}]}"#,
            ),
        ],
        "money" => vec![
            s("4961844.895"),
            s("-0.005"),
            s("79228162514264337593543950335"),
            s("1e-28"),
            s("1.5e10"),
        ],
        _ => Vec::new(),
    }
}
