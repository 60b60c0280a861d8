//! Any-point surface winds (`--points FILE.csv`, docs/wind.md §8): parsing limits and
//! field-named errors, the order of the periods, exposure and height effects, and the CLI's
//! JSON and exit code.

use std::process::Command;

use zs_risk_map::hazard::points::{parse_points_csv, point_peaks, MAX_POINTS, MAX_POINTS_BYTES};
use zs_risk_map::hazard::surface::Exposure;
use zs_risk_map::hazard::{scenarios, PreparedTrack, WindModelOptions};

#[test]
fn bad_points_files_name_the_field() {
    let cases = [
        ("id,lat,lon\nx,22,113\n", "INVALID_INPUT", "points.exposure"),
        (
            "id,lat,lon,exposure\nx,95,113,open\n",
            "OUT_OF_RANGE",
            "points[0].lat",
        ),
        (
            "id,lat,lon,exposure\nx,22,abc,open\n",
            "INVALID_INPUT",
            "points[0].lon",
        ),
        (
            "id,lat,lon,exposure\nx,22,113,forest\n",
            "INVALID_INPUT",
            "points[0].exposure",
        ),
        (
            "id,lat,lon,exposure,height_m\nx,22,113,open,500\n",
            "OUT_OF_RANGE",
            "points[0].height_m",
        ),
        (
            "id,lat,lon,exposure\n,22,113,open\n",
            "INVALID_INPUT",
            "points[0].id",
        ),
    ];
    for (text, code, field) in cases {
        let e = parse_points_csv(text).unwrap_err();
        assert_eq!((e.code(), e.field_id()), (code, Some(field)), "{text}");
    }
    let many = format!(
        "id,lat,lon,exposure\n{}",
        "x,22,113,open\n".repeat(MAX_POINTS + 1)
    );
    assert_eq!(parse_points_csv(&many).unwrap_err().code(), "TOO_LARGE");
    let big = "x".repeat(MAX_POINTS_BYTES + 1);
    assert_eq!(parse_points_csv(&big).unwrap_err().code(), "TOO_LARGE");
}

#[test]
fn point_peaks_order_periods_and_follow_exposure_and_height() {
    let text = "id,lat,lon,exposure,height_m\n\
                sea,22.52,113.38,sea,\n\
                coast,22.52,113.38,coast,10\n\
                open,22.52,113.38,open,10\n\
                suburban,22.52,113.38,suburban,10\n\
                urban,22.52,113.38,urban,10\n\
                urban30,22.52,113.38,urban,30\n";
    let pts = parse_points_csv(text).unwrap();
    assert_eq!(pts[0].site.height_m, 10.0);
    assert_eq!(pts[4].site.exposure, Exposure::Urban);
    let options = WindModelOptions::default();
    let (track, _) = scenarios::sized_track("hato", &options).unwrap();
    let p = PreparedTrack::new(&track, &options).unwrap();
    let peaks = point_peaks(&p, &pts);
    for w in &peaks {
        assert!(
            w.gust_ms >= w.mean_2min_ms
                && w.mean_2min_ms >= w.mean_10min_ms
                && w.mean_10min_ms >= w.mean_60min_ms
                && w.mean_60min_ms > 0.0,
            "{w:?}"
        );
    }
    // Same place: rougher ground, lower mean; a higher anemometer, a higher mean.
    let m: Vec<f64> = peaks.iter().take(5).map(|w| w.mean_10min_ms).collect();
    assert!(m.windows(2).all(|w| w[0] > w[1]), "{m:?}");
    assert!(peaks[5].mean_10min_ms > peaks[4].mean_10min_ms);
}

#[test]
fn cli_prints_points_json_and_refuses_bad_files_with_exit_2() {
    let dir = std::env::temp_dir().join(format!("zs_points_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.csv");
    std::fs::write(
        &good,
        "id,lat,lon,exposure,height_m\nshiqi,22.52,113.38,urban,10\n",
    )
    .unwrap();
    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        "id,lat,lon,exposure,height_m\nx,22.52,113.38,jungle,10\n",
    )
    .unwrap();
    let run = |file: &std::path::Path| {
        Command::new(env!("CARGO"))
            .args([
                "run",
                "--quiet",
                "--example",
                "typhoon",
                "--",
                "--storm",
                "hato",
                "--points",
            ])
            .arg(file)
            .arg("--json")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap()
    };
    let ok = run(&good);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
    let p = &v["points"][0];
    assert_eq!(p["id"], "shiqi");
    for key in ["mean_2min_ms", "mean_10min_ms", "mean_60min_ms", "gust_ms"] {
        assert!(p[key].as_f64().unwrap() > 0.0, "{key}");
    }
    let ko = run(&bad);
    assert_eq!(ko.status.code(), Some(2));
    let err = String::from_utf8_lossy(&ko.stderr);
    assert!(
        err.contains("[INVALID_INPUT]") && err.contains("points[0].exposure")
            || err.contains("jungle"),
        "{err}"
    );
}
