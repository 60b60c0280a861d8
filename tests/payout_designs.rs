//! The other designs and inputs: CCRIF linear layer (docs/domain.md §1.7), cat-in-a-circle (§1.8),
//! rainstorm scenarios (§1.6 rain tiers, GB/T 28592 grades) and the payout timeline (§1.9).

use rust_decimal::Decimal;
use serde_json::{json, Value};
use zs_risk_map::payout::circle::{haversine_km, TrackPoint};
use zs_risk_map::payout::engine::{pay_event, pay_season, Event, EventIndices, Peril};
use zs_risk_map::payout::explain::explain_event;
use zs_risk_map::payout::policy::{Policy, DEFAULT_POLICY_JSON};
use zs_risk_map::payout::scenario::{wind_indices_from_json, RainScenario};
use zs_risk_map::payout::timeline::{schedule, TimelineSpec};

fn policy_with(edit: impl FnOnce(&mut Value)) -> Policy {
    let mut v: Value = serde_json::from_str(DEFAULT_POLICY_JSON).unwrap();
    edit(&mut v);
    Policy::from_json(&v.to_string()).unwrap()
}

fn yuan(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// CCRIF layer with the IMF TC ceding share (25 %) and the IMF simulation convention (attach at
/// the 1-in-20 loss, exhaust at the 1-in-100 loss). The modelled losses at those return periods
/// (2 亿元, 8 亿元) are illustrative [I]: the IMF excerpt gives return periods, not amounts.
fn ccrif_policy() -> Policy {
    policy_with(|v| {
        v["ccrif_layer"] = json!({
            "basis": "modelled government loss, yuan [I]",
            "attachment": "200000000", "exhaustion": "800000000", "ceding_share": "0.25"
        });
    })
}

#[test]
fn ccrif_layer_is_linear_between_attachment_and_exhaustion() {
    let p = ccrif_policy();
    let layer = p.ccrif_layer.as_ref().unwrap();
    assert_eq!(layer.limit(), yuan("150000000.00")); // (8 − 2) 亿 × 25 % = 1.5 亿
    for (loss, want) in [
        ("199999999.99", "0.00"), // just below attachment: nothing (Belize / Richard 2010)
        ("200000000", "0.00"),
        ("200000000.03", "0.01"),     // 0.0075 元 → 0.01 half-up
        ("500000000", "75000000.00"), // (5 − 2) 亿 × 25 %
        ("800000000", "150000000.00"),
        ("1000000000", "150000000.00"), // flat above exhaustion
    ] {
        let e = pay_event(&p, &EventIndices::ModelledLoss(yuan(loss))).unwrap();
        assert_eq!(e.peril, Peril::CcrifLayer);
        assert_eq!(e.paid.to_string(), want, "L = {loss}");
        let sum: Decimal = e.districts.iter().map(|d| d.payout).sum();
        assert_eq!(sum, e.paid);
    }
    let e = pay_event(&p, &EventIndices::ModelledLoss(yuan("500000000"))).unwrap();
    let x = explain_event(&p, &e);
    assert!(x
        .zh
        .iter()
        .any(|l| l.contains("模型损失") && l.contains("7,500万元")));
}

#[test]
fn ccrif_season_is_capped_by_the_annual_coverage_limit() {
    let p = ccrif_policy(); // annual aggregate = SI = 1.5 亿
    let ev = |l: &str| Event {
        name: l.into(),
        indices: EventIndices::ModelledLoss(yuan(l)),
    };
    let s = pay_season(&p, &[ev("500000000"), ev("700000000")]).unwrap();
    assert_eq!(s.events[0].paid.to_string(), "75000000.00");
    assert_eq!(s.events[1].raw.to_string(), "125000000.00");
    assert_eq!(s.events[1].cut_by_aggregate.to_string(), "50000000.00");
    assert_eq!(s.total_paid.to_string(), "150000000.00");
}

/// Centre: the 石岐 seat. Ningbo-style grid 12–13 / 14–15 / ≥16 级 × 40 / 80 / 120 km; the
/// corner cells 10 % (12级, 120 km) and 100 % (≥16级, 40 km) are the documented ends, the
/// intermediate cells are illustrative [I] (Ningbo's are [U]).
fn ningbo_policy() -> Policy {
    policy_with(|v| {
        v["cat_in_circle"] = json!({"intensity": "level", "circles": [{
        "name": "石岐", "lat": 22.53281, "lon": 113.37606, "rings": [
            {"radius_km": 40, "tiers": [{"min": 12, "ratio": "0.4"}, {"min": 14, "ratio": "0.7"}, {"min": 16, "ratio": "1"}]},
            {"radius_km": 80, "tiers": [{"min": 12, "ratio": "0.2"}, {"min": 14, "ratio": "0.4"}, {"min": 16, "ratio": "0.7"}]},
            {"radius_km": 120, "tiers": [{"min": 12, "ratio": "0.1"}, {"min": 14, "ratio": "0.2"}, {"min": 16, "ratio": "0.4"}]}
        ]}]});
    })
}

/// A point `km` south of the 石岐 seat.
fn south(km: f64, level: Option<u8>, wind_ms: Option<f64>) -> TrackPoint {
    TrackPoint {
        lat: 22.53281 - km / 111.194_926_644_558_73,
        lon: 113.37606,
        level,
        wind_ms,
    }
}

#[test]
fn circle_pays_the_max_over_rings_and_points() {
    let p = ningbo_policy();
    assert!(
        (haversine_km(22.53281, 113.37606, south(60.0, None, None).lat, 113.37606) - 60.0).abs()
            < 1e-6
    );
    let cases: &[(&[TrackPoint], &str)] = &[
        (&[south(130.0, Some(17), None)], "0.00"), // outside every ring
        (&[south(120.0, Some(12), None)], "15000000.00"), // 10 % (edge inclusive)
        (
            &[south(60.0, Some(14), None), south(30.0, Some(12), None)],
            "60000000.00",
        ), // max(40 %, 40 %)
        (
            &[south(100.0, Some(16), None), south(70.0, Some(15), None)],
            "60000000.00",
        ), // 40 % both
        (&[south(10.0, None, Some(52.0))], "150000000.00"), // 52 m/s → 16级 in 40 km → 100 %
        (&[south(10.0, Some(11), None)], "0.00"),  // below trigger
    ];
    for (points, want) in cases {
        let e = pay_event(&p, &EventIndices::Track(points.to_vec())).unwrap();
        assert_eq!(e.paid.to_string(), *want, "{points:?}");
        let sum: Decimal = e.districts.iter().map(|d| d.payout).sum();
        assert_eq!(sum, e.paid);
    }
    let e = pay_event(&p, &EventIndices::Track(vec![south(60.0, Some(14), None)])).unwrap();
    let hit = &e.circle_hits[0];
    assert_eq!((hit.distance_km, hit.radius_km), (Some(60.0), Some(80.0)));
    let x = explain_event(&p, &e);
    assert!(x
        .zh
        .iter()
        .any(|l| l.contains("距中心 60.0 km ≤ 半径 80.0 km")));
}

#[test]
fn circles_are_summed_and_capped_at_one() {
    let p = policy_with(|v| {
        let ring = json!([{"radius_km": 50, "tiers": [{"min": 12, "ratio": "0.6"}]}]);
        v["cat_in_circle"] = json!({"intensity": "level", "circles": [
            {"name": "A", "lat": 22.53281, "lon": 113.37606, "rings": ring},
            {"name": "B", "lat": 22.2, "lon": 113.37606, "rings": ring}]});
    });
    // A point 20 km south of A is ~17 km north of B: both circles pay 60 % → 120 % → 100 %.
    let e = pay_event(&p, &EventIndices::Track(vec![south(20.0, Some(12), None)])).unwrap();
    assert_eq!(e.event_ratio, Decimal::ONE);
    assert_eq!(e.paid.to_string(), "150000000.00");
}

#[test]
fn gptk_textbook_circle_cat_3_4_5_summed_over_the_season() {
    // 50-mile (80.5 km) circle; Saffir–Simpson Cat 3 / 4 / 5 (1-min wind ≥ 96 / 113 / 137 kt =
    // 49.4 / 58.1 / 70.5 m/s) → 20 / 50 / 100 %; payouts summed over the season.
    let p = policy_with(|v| {
        v["cat_in_circle"] = json!({"intensity": "wind_ms", "circles": [{
            "name": "50-mile circle", "lat": 22.53281, "lon": 113.37606, "rings": [
                {"radius_km": "80.5", "tiers": [{"min": "49.4", "ratio": "0.2"},
                    {"min": "58.1", "ratio": "0.5"}, {"min": "70.5", "ratio": "1"}]}]}]});
    });
    let ev = |ms: f64| Event {
        name: format!("{ms} m/s"),
        indices: EventIndices::Track(vec![south(40.0, None, Some(ms))]),
    };
    let s = pay_season(&p, &[ev(49.3), ev(50.0), ev(60.0), ev(75.0)]).unwrap();
    let paid: Vec<String> = s.events.iter().map(|e| e.paid.to_string()).collect();
    assert_eq!(
        paid,
        ["0.00", "30000000.00", "75000000.00", "45000000.00"] // 0, 20 %, 50 %, rest of 100 %
    );
    assert_eq!(s.events[3].cut_by_aggregate.to_string(), "105000000.00");
    // A wind-keyed cover needs the wind.
    let e = pay_event(&p, &EventIndices::Track(vec![south(40.0, Some(16), None)])).unwrap_err();
    assert_eq!(e.code(), "INVALID_INPUT");
}

#[test]
fn rain_scenario_table_pays_by_band_with_grades() {
    let p = Policy::default_zhongshan();
    let sc = RainScenario::from_json(
        r#"{"name": "示例暴雨", "window_h": 24,
            "mm": {"442000107": 180.5, "442000118": "250", "442000114": 99.94}}"#,
    )
    .unwrap();
    let e = pay_event(&p, &sc.indices_for(&p).unwrap()).unwrap();
    assert_eq!(e.peril, Peril::Rain);
    // 1.5e8 × (0.10 × 387157 + 0.35 × 790454) / 4466900 = 10,590,384.83
    assert_eq!(e.paid.to_string(), "10590384.83");
    let line = |c: &str| e.districts.iter().find(|d| d.code == c).unwrap();
    assert_eq!(line("442000107").payout.to_string(), "1300086.19");
    assert_eq!(line("442000118").payout.to_string(), "9290298.64");
    assert_eq!(line("442000107").level, Some(2));
    assert_eq!(line("442000107").rain_grade_zh.as_deref(), Some("大暴雨"));
    assert_eq!(line("442000118").rain_grade_zh.as_deref(), Some("特大暴雨"));
    assert_eq!(line("442000114").index, Some(99.9));
    assert_eq!(line("442000114").ratio, Decimal::ZERO);
    let x = explain_event(&p, &e);
    assert!(x
        .zh
        .iter()
        .any(|l| l.starts_with("坦洲镇 24小时雨量 180.5 mm（大暴雨） → 第2档 → 赔付比例 10%")));
}

#[test]
fn rain_scenario_uniform_and_scaled_pattern() {
    let p = Policy::default_zhongshan();
    let uni = RainScenario::from_json(r#"{"uniform_mm": 300}"#).unwrap();
    let e = pay_event(&p, &uni.indices_for(&p).unwrap()).unwrap();
    assert_eq!(e.paid.to_string(), "75000000.00"); // 50 % everywhere
                                                   // 120 mm × 1.5 = 180 mm → 10 % at 坦洲 only.
    let pat =
        RainScenario::from_json(r#"{"pattern": {"442000107": 120}, "factor": "1.5"}"#).unwrap();
    let e = pay_event(&p, &pat.indices_for(&p).unwrap()).unwrap();
    assert_eq!(e.paid.to_string(), "1300086.19");
    // 99.95 mm rounds half-up to 100.0 mm: the first band.
    let edge =
        RainScenario::from_json(r#"{"pattern": {"442000107": "199.9"}, "factor": "0.5"}"#).unwrap();
    assert_eq!(edge.amounts["442000107"].tenths(), 1000);
    // Errors.
    let e = RainScenario::from_json(r#"{"uniform_mm": 100, "mm": {}}"#).unwrap_err();
    assert!(e.to_string().contains("exactly one"));
    let e = RainScenario::from_json(r#"{"mm": {"442000000": 10}}"#).unwrap_err();
    assert_eq!(e.code(), "UNKNOWN_DISTRICT");
    let e = RainScenario::from_json(r#"{"mm": {"442000107": -1}}"#).unwrap_err();
    assert_eq!(
        (e.code(), e.field_id()),
        ("OUT_OF_RANGE", Some("rain.mm.442000107"))
    );
    assert!(e.message_zh().contains("雨量"), "{}", e.message_zh());
    let w48 = RainScenario::from_json(r#"{"window_h": 48, "uniform_mm": 300}"#).unwrap();
    let e = w48.indices_for(&p).unwrap_err();
    assert!(e.to_string().contains("48 h"));
    // Named for the form: the rain-window field, in both languages.
    assert_eq!(
        (e.code(), e.field_id()),
        ("INVALID_INPUT", Some("rain.window_h"))
    );
    assert!(e.message_zh().contains("48 小时"), "{}", e.message_zh());
    let e = RainScenario::from_json("{\"mm\": ").unwrap_err();
    assert_eq!(e.code(), "NOT_JSON");
}

#[test]
fn a_48h_rain_peril_has_no_gbt_grade() {
    let p = policy_with(|v| {
        v["perils"]["rain"]["window_h"] = json!(48);
    });
    let sc = RainScenario::from_json(r#"{"window_h": 48, "mm": {"442000107": 210}}"#).unwrap();
    let e = pay_event(&p, &sc.indices_for(&p).unwrap()).unwrap();
    let t = e.districts.iter().find(|d| d.code == "442000107").unwrap();
    assert_eq!((t.level, t.rain_grade_zh.as_deref()), (Some(3), None));
    assert_eq!(t.ratio, yuan("0.20"));
}

#[test]
fn wind_indices_json_parses_and_rounds() {
    let m = wind_indices_from_json(r#"{"442000107": 41.349, "442000008": 33}"#).unwrap();
    assert_eq!(m["442000107"].tenths(), 413);
    assert_eq!(m["442000008"].tenths(), 330);
    assert_eq!(
        wind_indices_from_json(r#"{"x": 1}"#).unwrap_err().code(),
        "UNKNOWN_DISTRICT"
    );
    assert_eq!(
        wind_indices_from_json(r#"{"442000107": "fast"}"#)
            .unwrap_err()
            .code(),
        "INVALID_INPUT"
    );
}

#[test]
fn timeline_prepays_70_percent_then_settles() {
    // The docs/domain.md §1.5 fixture payout.
    let s = schedule(yuan("4961844.90"), yuan("0.7"), &TimelineSpec::default());
    assert_eq!(s.len(), 2);
    assert_eq!(
        (s[0].kind, s[0].amount.to_string()),
        ("prepayment", "3473291.43".to_string())
    );
    assert_eq!(
        (s[1].kind, s[1].amount.to_string()),
        ("settlement", "1488553.47".to_string())
    );
    assert_eq!(s[1].cumulative.to_string(), "4961844.90");
    assert_eq!((s[0].from_h, s[0].to_h), (20, 24));
    assert_eq!((s[1].from_h, s[1].to_h), (72, 120));
    // Half-up on the prepayment: 0.05 × 0.7 = 0.035 → 0.04, the rest 0.01.
    let s = schedule(yuan("0.05"), yuan("0.7"), &TimelineSpec::default());
    assert_eq!(s[0].amount.to_string(), "0.04");
    assert_eq!(s[1].amount.to_string(), "0.01");
    assert!(schedule(Decimal::ZERO, yuan("0.7"), &TimelineSpec::default()).is_empty());
    assert_eq!(
        schedule(yuan("100"), Decimal::ONE, &TimelineSpec::default()).len(),
        1
    );
}
