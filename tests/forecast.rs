//! Forecast mode: bulletin validation, determinism, probability invariants, near/far storms,
//! payout distribution, chunking.

use zs_risk_map::forecast::{
    cone_from_members, cone_published, Bulletin, ErrorModel, ForecastConfig, ForecastResult,
    ForecastRun, PayoutDistribution,
};
use zs_risk_map::map::DistrictLayer;
use zs_risk_map::payout::Policy;

const EXAMPLE: &str = include_str!("../data/forecasts/example_bulletin.json");

fn run(b: &Bulletin, members: u32, seed: u64, chunk: usize) -> ForecastResult {
    let cfg = ForecastConfig {
        members,
        seed,
        ..Default::default()
    };
    let mut r = ForecastRun::new(
        b,
        &cfg,
        &DistrictLayer::builtin(),
        &Policy::default_zhongshan(),
    )
    .unwrap();
    while !r.is_done() {
        r.step(chunk).unwrap();
    }
    r.result().unwrap()
}

/// A straight-line bulletin from (lat0, lon0) to (lat1, lon1) over 24 h at `wind` m/s.
fn straight(lat0: f64, lon0: f64, lat1: f64, lon1: f64, wind: f64) -> Bulletin {
    let pts: Vec<String> = (0..=4)
        .map(|k| {
            let x = k as f64 / 4.0;
            format!(
                r#"{{"lead_h":{},"lat":{},"lon":{},"wind_ms":{}}}"#,
                6 * k,
                lat0 + x * (lat1 - lat0),
                lon0 + x * (lon1 - lon0),
                wind
            )
        })
        .collect();
    Bulletin::from_json(&format!(
        r#"{{"name_zh":"测试","issued":"2024-09-01T00:00Z","points":[{}]}}"#,
        pts.join(",")
    ))
    .unwrap()
}

#[test]
fn example_bulletin_parses_with_radii_and_derived_pressure() {
    let b = Bulletin::from_json(EXAMPLE).unwrap();
    assert_eq!(b.points.len(), 8);
    assert!(b.points.iter().filter(|p| p.radii_km.is_some()).count() == 2);
    assert!(b.points.iter().any(|p| p.pressure_derived));
    assert_eq!(b.issued_utc(), "2023-09-01T06:00Z");
    // The radii fit the RMW of the central track.
    let cfg = ForecastConfig {
        members: 1,
        ..Default::default()
    };
    let r = ForecastRun::new(
        &b,
        &cfg,
        &DistrictLayer::builtin(),
        &Policy::default_zhongshan(),
    )
    .unwrap();
    assert_eq!(r.rmw_info().fits.len(), 2);
}

#[test]
fn same_seed_same_result_any_chunking_other_seed_differs() {
    let b = Bulletin::from_json(EXAMPLE).unwrap();
    let a = run(&b, 60, 7, 60);
    let c = run(&b, 60, 7, 7);
    assert_eq!(a, c);
    let d = run(&b, 60, 8, 60);
    assert_ne!(a.payout, d.payout);
}

#[test]
fn probabilities_are_monotone_in_level_and_signal() {
    let b = Bulletin::from_json(EXAMPLE).unwrap();
    let r = run(&b, 80, 3, 25);
    assert_eq!(r.districts.len(), 23);
    for d in &r.districts {
        let l = d.p_level_ge;
        assert!(l.ge8 >= l.ge10 && l.ge10 >= l.ge12, "{}: {l:?}", d.code);
        let s = d.p_signal;
        assert!(
            s.white >= s.blue && s.blue >= s.yellow && s.yellow >= s.orange && s.orange >= s.red,
            "{}: {s:?}",
            d.code
        );
        // Red needs 12 级 mean (gust alone never makes red): the same members.
        assert_eq!(s.red, l.ge12);
        assert!(s.orange >= l.ge10 && s.yellow >= l.ge8);
        for p in [l.ge8, l.ge10, l.ge12, s.white, s.red] {
            assert!((0.0..=1.0).contains(&p));
        }
    }
}

#[test]
fn a_storm_over_the_city_gives_high_probabilities_a_far_one_none() {
    // A strong typhoon crossing Shiqi (22.53 N, 113.38 E) from the south-east.
    let near = run(&straight(21.6, 114.3, 23.4, 112.5, 50.0), 60, 1, 30);
    let shiqi = near
        .districts
        .iter()
        .find(|d| d.code == "442000001")
        .unwrap();
    assert!(shiqi.p_level_ge.ge8 > 0.8, "{:?}", shiqi.p_level_ge);
    assert!(shiqi.p_signal.yellow > 0.9);
    assert!(near.payout.p_any > 0.5, "{:?}", near.payout);
    // The same storm 600 km east, moving north-east: nothing reaches Zhongshan.
    let far = run(&straight(20.0, 119.0, 23.0, 121.0, 50.0), 60, 1, 30);
    for d in &far.districts {
        assert_eq!(d.p_level_ge.ge8, 0.0, "{}", d.code);
        assert_eq!(d.p_signal.white, 0.0, "{}", d.code);
    }
    assert_eq!(far.payout.p_any, 0.0);
    assert_eq!(far.payout.max_yuan.to_string(), "0.00");
}

#[test]
fn stronger_bulletin_means_more_wind_and_no_less_payout() {
    let weak = run(&straight(21.6, 114.3, 23.4, 112.5, 30.0), 60, 5, 60);
    let strong = run(&straight(21.6, 114.3, 23.4, 112.5, 55.0), 60, 5, 60);
    let sum = |r: &ForecastResult| r.districts.iter().map(|d| d.p_level_ge.ge10).sum::<f64>();
    assert!(sum(&strong) > sum(&weak));
    assert!(strong.payout.mean_yuan >= weak.payout.mean_yuan);
}

#[test]
fn payout_distribution_statistics_are_ordered_and_histogram_counts_every_member() {
    let b = Bulletin::from_json(EXAMPLE).unwrap();
    let r = run(&b, 100, 11, 40);
    let p = &r.payout;
    assert!(p.min_yuan <= p.p10_yuan && p.p10_yuan <= p.p50_yuan);
    assert!(p.p50_yuan <= p.p90_yuan && p.p90_yuan <= p.max_yuan);
    assert!(p.mean_yuan >= p.min_yuan && p.mean_yuan <= p.max_yuan);
    let n: u32 = p.histogram.iter().map(|b| b.count).sum();
    assert_eq!(n, 100);
    // The default policy's sum insured caps every payout.
    assert!(p.max_yuan <= Policy::default_zhongshan().sum_insured);
}

#[test]
fn payout_statistics_of_known_amounts() {
    use rust_decimal::Decimal;
    let paid: Vec<Decimal> = [0, 0, 0, 0, 0, 100, 200, 300, 400, 1000]
        .into_iter()
        .map(Decimal::from)
        .collect();
    let d = PayoutDistribution::from_paid(&paid, 4).unwrap();
    assert_eq!(d.p_any, 0.5);
    assert_eq!(d.mean_yuan.to_string(), "200.00");
    assert_eq!(
        (
            d.p10_yuan.to_string(),
            d.p50_yuan.to_string(),
            d.p90_yuan.to_string()
        ),
        ("0.00".into(), "0.00".into(), "400.00".into())
    );
    assert_eq!(d.max_yuan.to_string(), "1000.00");
    let counts: Vec<u32> = d.histogram.iter().map(|b| b.count).collect();
    assert_eq!(counts, vec![5, 2, 2, 0, 1]);
    // Every money string has two decimals (fen), bin edges included.
    let edges: Vec<String> = d.histogram.iter().map(|b| b.hi_yuan.to_string()).collect();
    assert_eq!(edges, vec!["0.00", "250.00", "500.00", "750.00", "1000.00"]);
    assert_eq!(d.histogram[1].lo_yuan.to_string(), "0.00");
}

#[test]
fn spread_grows_with_lead_time_and_cones_agree() {
    let b = Bulletin::from_json(EXAMPLE).unwrap();
    let cfg = ForecastConfig {
        members: 300,
        ..Default::default()
    };
    let r = ForecastRun::new(
        &b,
        &cfg,
        &DistrictLayer::builtin(),
        &Policy::default_zhongshan(),
    )
    .unwrap();
    let members: Vec<_> = (0..300).map(|i| r.member_track(i).unwrap()).collect();
    let ens = cone_from_members(r.central_track(), &members, 0.7);
    let pubd = cone_published(&b, &ErrorModel::cma(), 0.7);
    let (first, last) = (ens.first().unwrap().2, ens.last().unwrap().2);
    assert!(last > 2.0 * first, "{first} → {last}");
    // The ensemble reproduces the published 70 % circle within 20 % at 24 h.
    let (e24, p24) = (ens.last().unwrap().2, pubd.last().unwrap().2);
    assert!((e24 / p24 - 1.0).abs() < 0.2, "{e24} vs {p24}");
}

fn field_of(text: &str) -> (String, Option<String>) {
    let e = Bulletin::from_json(text).unwrap_err();
    (e.code().to_string(), e.field_id().map(str::to_string))
}

#[test]
fn invalid_bulletins_are_rejected_with_field_errors() {
    let ok_pt = r#"{"lead_h":6,"lat":21,"lon":114,"wind_ms":40}"#;
    let doc = |p0: &str| {
        format!(r#"{{"name_zh":"x","issued":"2024-09-01T00:00Z","points":[{p0},{ok_pt}]}}"#)
    };
    let cases: Vec<(String, &str, &str)> = vec![
        (
            doc(r#"{"lead_h":0,"lat":21,"lon":114,"wind_ms":"40"}"#),
            "INVALID_INPUT",
            "points[0].wind_ms",
        ),
        (
            doc(r#"{"lead_h":0,"lat":21,"lon":114,"wind_ms":140}"#),
            "OUT_OF_RANGE",
            "points[0].wind_ms",
        ),
        (
            doc(r#"{"lead_h":0,"lat":-5,"lon":114,"wind_ms":40}"#),
            "OUT_OF_RANGE",
            "points[0].lat",
        ),
        (
            doc(r#"{"lead_h":0,"lat":21,"lon":200,"wind_ms":40}"#),
            "OUT_OF_RANGE",
            "points[0].lon",
        ),
        (
            doc(r#"{"lead_h":0,"lat":21,"wind_ms":40}"#),
            "INVALID_INPUT",
            "points[0].lon",
        ),
        (
            doc(r#"{"lead_h":9,"lat":21,"lon":114,"wind_ms":40}"#),
            "INVALID_INPUT",
            "points[1].lead_h",
        ),
        (
            doc(r#"{"lead_h":-1,"lat":21,"lon":114,"wind_ms":40}"#),
            "OUT_OF_RANGE",
            "points[0].lead_h",
        ),
        (
            doc(r#"{"lead_h":0,"lat":21,"lon":114,"wind_ms":40,"pressure_hpa":1100}"#),
            "OUT_OF_RANGE",
            "points[0].pressure_hpa",
        ),
        (
            doc(r#"{"lead_h":0,"lat":21,"lon":114,"wind_ms":40,"wind":3}"#),
            "INVALID_INPUT",
            "points[0].wind",
        ),
        (
            doc(r#"{"lead_h":0,"lat":21,"lon":114,"wind_ms":40,"radii_km":{"7":100,"10":150}}"#),
            "OUT_OF_RANGE",
            "points[0].radii_km.10",
        ),
        (
            doc(r#"{"lead_h":0,"lat":21,"lon":114,"wind_ms":40,"radii_km":{"7":[1,2,3]}}"#),
            "INVALID_INPUT",
            "points[0].radii_km.7",
        ),
        (
            doc(r#"{"lead_h":0,"lat":21,"lon":114,"wind_ms":40,"radii_km":{"8":100}}"#),
            "INVALID_INPUT",
            "points[0].radii_km.8",
        ),
        (
            r#"{"name_zh":"x","issued":"yesterday","points":[]}"#.into(),
            "INVALID_INPUT",
            "issued",
        ),
        (
            r#"{"name_zh":"x","issued":"2024-09-01T00:00Z","points":[]}"#.into(),
            "INVALID_INPUT",
            "points",
        ),
        (
            r#"{"issued":"2024-09-01T00:00Z","points":[]}"#.into(),
            "INVALID_INPUT",
            "name_zh",
        ),
        (
            r#"{"name_zh":"x","issued":"2024-09-01T00:00Z","points":{}}"#.into(),
            "INVALID_INPUT",
            "points",
        ),
        (r#"[1,2]"#.into(), "INVALID_INPUT", "bulletin"),
    ];
    for (text, code, field) in cases {
        assert_eq!(
            field_of(&text),
            (code.to_string(), Some(field.to_string())),
            "{text}"
        );
    }
    assert_eq!(Bulletin::from_json("{").unwrap_err().code(), "NOT_JSON");
    // Too short for the hourly wind model.
    let short = r#"{"name_zh":"x","issued":"2024-09-01T00:30Z","points":[
        {"lead_h":0,"lat":21,"lon":114,"wind_ms":40},{"lead_h":1,"lat":21,"lon":114,"wind_ms":40}]}"#;
    assert_eq!(
        field_of(short),
        ("INVALID_INPUT".into(), Some("points".into()))
    );
    // Too many points, and too many bytes, refused before building anything.
    let many: Vec<String> = (0..41)
        .map(|k| format!(r#"{{"lead_h":{k},"lat":21,"lon":114,"wind_ms":40}}"#))
        .collect();
    let text = format!(
        r#"{{"name_zh":"x","issued":"2024-09-01T00:00Z","points":[{}]}}"#,
        many.join(",")
    );
    assert_eq!(field_of(&text), ("TOO_LARGE".into(), Some("points".into())));
    let huge = format!(r#"{{"name_zh":"{}"}}"#, "x".repeat(70_000));
    assert_eq!(
        field_of(&huge),
        ("TOO_LARGE".into(), Some("bulletin".into()))
    );
    // Messages carry both languages.
    let e =
        Bulletin::from_json(&doc(r#"{"lead_h":0,"lat":21,"lon":114,"wind_ms":140}"#)).unwrap_err();
    assert!(e.message_zh().contains("近中心最大风速"));
}

#[test]
fn member_count_is_validated() {
    let b = Bulletin::from_json(EXAMPLE).unwrap();
    let layer = DistrictLayer::builtin();
    let policy = Policy::default_zhongshan();
    for (m, code) in [(0u32, "OUT_OF_RANGE"), (5001, "TOO_LARGE")] {
        let cfg = ForecastConfig {
            members: m,
            ..Default::default()
        };
        let e = ForecastRun::new(&b, &cfg, &layer, &policy).unwrap_err();
        assert_eq!((e.code(), e.field_id()), (code, Some("members")));
    }
    let cfg = ForecastConfig {
        members: 5,
        ..Default::default()
    };
    let r = ForecastRun::new(&b, &cfg, &layer, &policy).unwrap();
    assert_eq!(r.result().unwrap_err().code(), "INVALID_INPUT");
}

#[test]
fn extreme_but_valid_bulletins_run_without_error() {
    for (lat, lon, wind, lead) in [
        (50.0, 180.0, 90.0, 168.0),
        (0.0, 90.0, 5.0, 2.0),
        (22.5, 113.4, 90.0, 120.0),
    ] {
        let text = format!(
            r#"{{"name_zh":"x","issued":"2024-09-01T00:00Z","points":[
            {{"lead_h":0,"lat":{lat},"lon":{lon},"wind_ms":{wind},"pressure_hpa":870}},
            {{"lead_h":{lead},"lat":{lat},"lon":{lon},"wind_ms":{wind},"radii_km":{{"7":1500,"10":0,"12":0}}}}]}}"#
        );
        let b = Bulletin::from_json(&text).unwrap();
        let r = run(&b, 20, 9, 20);
        assert_eq!(r.members, 20);
    }
}
