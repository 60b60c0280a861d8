//! Regression files for the five built-in storms: per-district peak 1-min wind (integer
//! tenths of m/s), GB/T 28591 level of the 2-min equivalent, gust level, implied Guangdong
//! signal and peak time, for H08 (default) and H1980, in `tests/scenarios/hazard/<storm>.json`.
//! Compared exactly (indices are integers). `UPDATE_EXPECT=1 cargo test --test
//! hazard_scenarios` rewrites them; review the diff like code.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use zs_risk_map::hazard::district::district_peaks;
use zs_risk_map::hazard::scenarios::{self, SCENARIO_IDS};
use zs_risk_map::hazard::{PreparedTrack, WindModel, WindModelOptions};
use zs_risk_map::map::DistrictLayer;

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Row {
    code: String,
    name_zh: String,
    peak_tenths: i32,
    level: u8,
    gust_level: u8,
    signal: String,
    peak_time: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Expect {
    storm: String,
    note: String,
    #[serde(rename = "H08")]
    h08: Vec<Row>,
    #[serde(rename = "H1980")]
    h1980: Vec<Row>,
}

fn rows(storm: &str, model: WindModel) -> Vec<Row> {
    let track = scenarios::track(storm).unwrap();
    let p = PreparedTrack::new(
        &track,
        &WindModelOptions {
            model,
            ..Default::default()
        },
    )
    .unwrap();
    district_peaks(&p, &DistrictLayer::builtin())
        .into_iter()
        .map(|d| Row {
            code: d.code,
            name_zh: d.name_zh,
            peak_tenths: d.peak_tenths,
            level: d.levels.level,
            gust_level: d.levels.gust_level,
            signal: format!("{:?}", d.levels.signal).to_lowercase(),
            peak_time: d.peak_time,
        })
        .collect()
}

#[test]
fn five_storms_match_their_regression_files() {
    let update = std::env::var("UPDATE_EXPECT").is_ok_and(|v| v == "1");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/hazard");
    let mut failures = Vec::new();
    for storm in SCENARIO_IDS {
        let got = Expect {
            storm: storm.to_string(),
            note: "peak 1-min 10 m wind at the seat, tenths of m/s, open terrain, CLIMADA 6.1.0 WP defaults; level = GB/T 28591 of ×0.871".into(),
            h08: rows(storm, WindModel::H08),
            h1980: rows(storm, WindModel::H1980),
        };
        // Plausibility before anything is written: every seat is inside 300 km of these
        // storms, and open-terrain 1-min peaks are between a gale and a super typhoon.
        for r in got.h08.iter().chain(&got.h1980) {
            assert!(
                (150..=700).contains(&r.peak_tenths),
                "{storm} {}: {}",
                r.code,
                r.peak_tenths
            );
            assert!(r.peak_time.is_some());
        }
        let path = dir.join(format!("{storm}.json"));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("{} missing; run with UPDATE_EXPECT=1", path.display()));
        let want: Expect = serde_json::from_str(&text).unwrap();
        if want != got {
            failures.push(storm);
        }
    }
    assert!(
        failures.is_empty(),
        "regression mismatch for {failures:?}; review and UPDATE_EXPECT=1"
    );
}

#[test]
fn hato_is_stronger_in_the_south_east_than_the_north() {
    // 坦洲/神湾 (south, next to the landfall) vs 黄圃/南头 (north).
    let r = rows("hato", WindModel::H08);
    let get = |c: &str| r.iter().find(|x| x.code == c).unwrap().peak_tenths;
    assert!(get("442000107") > get("442000101"));
    assert!(get("442000117") > get("442000111"));
}

/// docs/domain.md §3.11 cross-check scenario S1 (synthetic WNW track, constant 950 hPa, RMW 20 nmi).
fn s1_track() -> zs_risk_map::hazard::Track {
    use zs_risk_map::hazard::{time::parse_utc, TrackPoint, WindAveraging};
    let t0 = parse_utc("2024-09-01T00:00Z").unwrap();
    let pts = (0..=36)
        .map(|t| TrackPoint {
            time_s: t0 + t * 3600,
            lat: 21.0 + 2.5 * t as f64 / 36.0,
            lon: 115.5 - 4.0 * t as f64 / 36.0,
            pc_hpa: 950.0,
            vmax_ms: 90.0 * zs_risk_map::hazard::units::KN_TO_MS,
            wind_averaging: WindAveraging::OneMin,
            penv_hpa: Some(1010.0),
            rmw_km: Some(20.0 * 1.852),
        })
        .collect();
    zs_risk_map::hazard::Track::new("s1", "", "S1", "docs/domain.md §3.11 synthetic", pts).unwrap()
}

/// Our S1 fields on the 13×13 grid (0.05°), tenths of m/s, row-major south→north, west→east,
/// for the maintainers' comparison with CLIMADA 6.1.0 (`intensity_thres=0`). A regression
/// file, not a golden reference: CLIMADA's numbers are not available here.
#[test]
fn s1_grids_match_their_regression_file() {
    use zs_risk_map::hazard::grid::{wind_grid_peak, GridSpec};
    let spec = GridSpec {
        lat0: 22.2,
        lat1: 22.8,
        lon0: 113.1,
        lon1: 113.7,
        step_deg: 0.05,
    };
    let track = s1_track();
    let mut got = serde_json::Map::new();
    got.insert("note".into(), "S1 (docs/domain.md §3.11), 13×13 grid 22.2–22.8 N × 113.1–113.7 E at 0.05°, row-major south→north then west→east; peak 1-min wind in tenths of m/s".into());
    for model in [WindModel::H08, WindModel::H1980, WindModel::H10] {
        let p = PreparedTrack::new(
            &track,
            &WindModelOptions {
                model,
                ..Default::default()
            },
        )
        .unwrap();
        let g = wind_grid_peak(&p, &spec).unwrap();
        let tenths: Vec<i64> = g
            .values_ms
            .iter()
            .map(|&v| (v as f64 * 10.0).round() as i64)
            .collect();
        assert!(tenths.iter().all(|&t| t > 0 && t < 700));
        got.insert(model.name().into(), serde_json::json!(tenths));
    }
    let got = serde_json::Value::Object(got);
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/hazard/s1_grid_0.05.json");
    if std::env::var("UPDATE_EXPECT").is_ok_and(|v| v == "1") {
        std::fs::write(&path, serde_json::to_string(&got).unwrap() + "\n").unwrap();
        return;
    }
    let want: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("run with UPDATE_EXPECT=1"))
            .unwrap();
    assert_eq!(
        want, got,
        "S1 regression changed; review and UPDATE_EXPECT=1"
    );
}
