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
