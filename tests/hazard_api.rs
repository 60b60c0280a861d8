//! API-level tests of the hazard engine: custom-track JSON, options serde, animation frames,
//! per-node grades, and the `typhoon` CLI's JSON contract.

use zs_risk_map::hazard::district::{district_peaks, district_winds_at, WarningSignal};
use zs_risk_map::hazard::{
    scenarios, PreparedTrack, Track, TrackTransform, WindModel, WindModelOptions,
};
use zs_risk_map::map::DistrictLayer;
use zs_risk_map::scales::TyphoonGrade;

#[test]
fn track_json_round_trips_and_errors_name_the_field() {
    let hato = scenarios::track("hato").unwrap();
    let text = serde_json::to_string(&hato.to_dto()).unwrap();
    let back = Track::from_json(&text).unwrap();
    assert_eq!(back.points(), hato.points());
    let bad = text.replacen("\"pressure_hpa\":965.0", "\"pressure_hpa\":1065.0", 1);
    let e = Track::from_json(&bad).unwrap_err();
    assert_eq!(e.code(), "INVALID_TRACK");
    assert!(e.to_string().contains("point 0: pressure_hpa"), "{e}");
    let e = Track::from_json("[1,2]").unwrap_err();
    assert_eq!(e.code(), "NOT_JSON");
}

#[test]
fn options_and_transform_deserialize_with_defaults() {
    let o: WindModelOptions = serde_json::from_str(r#"{"model":"H1980"}"#).unwrap();
    assert_eq!(
        o,
        WindModelOptions {
            model: WindModel::H1980,
            ..Default::default()
        }
    );
    let t: TrackTransform = serde_json::from_str("{}").unwrap();
    assert!(t.is_identity());
    let bad = WindModelOptions {
        time_step_h: 0.0,
        ..Default::default()
    };
    let e = PreparedTrack::new(&scenarios::track("hato").unwrap(), &bad).unwrap_err();
    assert!(e.to_string().contains("time_step_h"));
}

#[test]
fn frames_peak_at_the_reported_time_and_signals_are_consistent() {
    let p = PreparedTrack::new(
        &scenarios::track("hato").unwrap(),
        &WindModelOptions::default(),
    )
    .unwrap();
    let layer = DistrictLayer::builtin();
    let peaks = district_peaks(&p, &layer);
    for (i, d) in peaks.iter().enumerate() {
        let k = d.peak_step.unwrap();
        let now = district_winds_at(&p, &layer, k, &Default::default()).unwrap();
        assert_eq!(now[i].code, d.code);
        assert_eq!(
            zs_risk_map::scales::WindIndex::from_ms(now[i].wind_ms).tenths(),
            d.peak_tenths
        );
        // No frame exceeds the peak.
        for kk in 0..p.len() {
            assert!(
                district_winds_at(&p, &layer, kk, &Default::default()).unwrap()[i].wind_ms
                    <= now[i].wind_ms
            );
        }
        assert!(d.levels.signal >= WarningSignal::Blue);
    }
    assert!(district_winds_at(&p, &layer, p.len(), &Default::default()).is_err());
    // The interpolated nodes keep the CMA grade sequence's peak: 超强台风 at 03Z (52 m/s).
    let n3 = p
        .nodes()
        .iter()
        .find(|n| n.time_s == scenarios::track("hato").unwrap().points()[3].time_s)
        .unwrap();
    assert_eq!(n3.grade(), TyphoonGrade::SuperTy);
}

#[test]
fn land_reduction_scales_everything_by_0_8() {
    let hato = scenarios::track("hato").unwrap();
    let a = PreparedTrack::new(&hato, &WindModelOptions::default()).unwrap();
    let b = PreparedTrack::new(
        &hato,
        &WindModelOptions {
            land_reduction: true,
            ..Default::default()
        },
    )
    .unwrap();
    let (va, vb) = (a.peak_at(22.52, 113.38).0, b.peak_at(22.52, 113.38).0);
    assert!((vb - 0.8 * va).abs() < 1e-12);
}

#[test]
fn typhoon_cli_prints_the_json_contract() {
    // Built by `cargo test` (examples are built for integration tests).
    let exe =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/debug/examples/typhoon");
    if !exe.exists() {
        eprintln!("skipping: {} not built", exe.display());
        return;
    }
    let out = std::process::Command::new(&exe)
        .args(["--storm", "hato", "--model", "H08", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ds = v["districts"].as_array().unwrap();
    assert_eq!(ds.len(), 23);
    let codes: Vec<&str> = ds.iter().map(|d| d["code"].as_str().unwrap()).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(codes, sorted);
    for d in ds {
        assert!(d["peak_wind_ms"].is_f64() && d["level"].is_u64() && d["peak_time"].is_string());
    }
    let bad = std::process::Command::new(&exe)
        .args(["--storm", "haiyan"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown storm"));
    let bad = std::process::Command::new(&exe)
        .args(["--colour", "red"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown flag"));
}
