//! Extreme values through every numeric field of a policy and of the event inputs (issue 9):
//! nothing panics; every rejection is a coded field error naming the field in Chinese and
//! English; whatever is accepted pays without overflow. Starts with the issue's examples.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use zs_risk_map::payout::engine::{pay_event, pay_season, Event, EventIndices};
use zs_risk_map::payout::policy::{Policy, DEFAULT_POLICY_JSON};
use zs_risk_map::payout::scenario::{wind_indices_from_json, RainScenario};
use zs_risk_map::scales::WindIndex;
use zs_risk_map::Error;

fn base() -> Value {
    serde_json::from_str(DEFAULT_POLICY_JSON).unwrap()
}

/// A policy with a rain peril, a city-index formula, a CCRIF layer and a circle cover, so that
/// every numeric field exists.
fn full() -> Value {
    let mut v = base();
    v["formula"] = json!({"kind": "city_index", "tiers": [
        {"min_index": "0.01", "ratio": "0.1"}, {"min_index": "0.1", "ratio": "0.5"}]});
    v["ccrif_layer"] = json!({"attachment": "100", "exhaustion": "1000", "ceding_share": "0.5",
        "yuan_per_unit": "10000"});
    v["cat_in_circle"] = json!({"intensity": "wind_ms", "circles": [{"name": "c", "lat": 22.5,
        "lon": 113.4, "rings": [{"radius_km": 40, "tiers": [{"min": 30, "ratio": "0.2"}]}]}]});
    v
}

/// JSON pointers of every numeric field of [`full`].
const FIELDS: &[&str] = &[
    "/sum_insured",
    "/premium",
    "/per_event_cap",
    "/annual_aggregate",
    "/deductible",
    "/prepay_fraction",
    "/perils/typhoon/tiers/2/ratio",
    "/perils/typhoon/tiers/2/level",
    "/perils/rain/tiers/1/min_mm",
    "/perils/rain/tiers/1/ratio",
    "/formula/tiers/1/min_index",
    "/formula/tiers/1/ratio",
    "/ccrif_layer/attachment",
    "/ccrif_layer/exhaustion",
    "/ccrif_layer/ceding_share",
    "/ccrif_layer/yuan_per_unit",
    "/cat_in_circle/circles/0/lat",
    "/cat_in_circle/circles/0/rings/0/radius_km",
    "/cat_in_circle/circles/0/rings/0/tiers/0/min",
    "/cat_in_circle/circles/0/rings/0/tiers/0/ratio",
];

/// Extreme values: 0, −0, max, 1e308, NaN, ∞ (as strings, since JSON has no NaN/∞), Decimal's
/// maximum, tiny and negative numbers, and non-numbers.
fn extremes() -> Vec<Value> {
    let mut v: Vec<Value> = [
        "0",
        "-0",
        "1e308",
        "-1e308",
        "NaN",
        "Infinity",
        "-Infinity",
        "79228162514264337593543950335",
        "-79228162514264337593543950335",
        "7e30",
        "1e-30",
        "0.0000000000000000000000000001",
        "-1",
        "",
        "abc",
        "1e999",
    ]
    .iter()
    .map(|s| json!(s))
    .collect();
    v.extend([
        json!(0),
        json!(-0.0),
        json!(f64::MAX),
        json!(1e308),
        json!(-1e308),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(null),
        json!(true),
        json!([1]),
    ]);
    v
}

/// Winds that exercise every tier (0, every level edge, 150 m/s).
fn winds(ms: f64) -> EventIndices {
    let codes = Policy::default_zhongshan()
        .districts
        .iter()
        .map(|d| (d.code.clone(), WindIndex::from_ms(ms)))
        .collect();
    EventIndices::Wind(codes)
}

fn assert_field_error(e: &Error, ctx: &str) {
    assert!(
        matches!(
            e.code(),
            "OUT_OF_RANGE"
                | "TOO_LARGE"
                | "INVALID_INPUT"
                | "INVALID_POLICY"
                | "INVALID_TIERS"
                | "NOT_JSON"
        ),
        "{ctx}: unexpected code {} ({e})",
        e.code()
    );
}

#[test]
fn issue_examples_are_coded_field_errors() {
    // Payout "按表" weights 7e30 in two towns.
    let mut v = base();
    v["allocation"] = json!({"kind": "table", "weights": {"442000107": 7e30, "442000008": "7e30"}});
    let e = Policy::from_json(&v.to_string()).unwrap_err();
    assert_eq!(e.code(), "OUT_OF_RANGE", "{e}");
    assert!(e
        .field_id()
        .unwrap()
        .starts_with("policy.allocation.weights.44200"));
    assert!(e.message_zh().contains("的权重"), "{}", e.message_zh());
    // A rain tier min_mm at Decimal::MAX.
    let mut v = base();
    v["perils"]["rain"]["tiers"][1]["min_mm"] = json!("79228162514264337593543950335");
    let e = Policy::from_json(&v.to_string()).unwrap_err();
    assert_eq!(
        (e.code(), e.field_id()),
        ("OUT_OF_RANGE", Some("policy.perils.rain.tiers[1].min_mm"))
    );
    assert!(e.message_zh().contains("起点雨量"), "{}", e.message_zh());
    // A sum insured of 1 元 with a per-event cap of 1 万亿元 pays without overflow.
    let mut v = base();
    v["sum_insured"] = json!("1");
    v["per_event_cap"] = json!("1000000000000");
    let p = Policy::from_json(&v.to_string()).unwrap();
    let r = pay_event(&p, &winds(60.0)).unwrap();
    assert!(r.paid <= p.sum_insured);
}

#[test]
fn every_numeric_policy_field_survives_extreme_values() {
    let mut accepted = 0;
    for field in FIELDS {
        for x in extremes() {
            let mut v = full();
            *v.pointer_mut(field).unwrap_or_else(|| panic!("{field}")) = x.clone();
            let ctx = format!("{field} = {x}");
            match Policy::from_json(&v.to_string()) {
                Ok(p) => {
                    accepted += 1;
                    for ms in [0.0, 17.2, 32.7, 41.5, 56.1, 150.0] {
                        pay_event(&p, &winds(ms)).unwrap_or_else(|e| panic!("{ctx}: {e}"));
                    }
                    let mm: BTreeMap<_, _> = p
                        .districts
                        .iter()
                        .map(|d| {
                            (
                                d.code.clone(),
                                zs_risk_map::scales::RainIndex::from_mm(3000.0),
                            )
                        })
                        .collect();
                    pay_event(&p, &EventIndices::Rain(mm)).unwrap();
                    pay_event(&p, &EventIndices::ModelledLoss(rust_decimal::Decimal::MAX)).unwrap();
                }
                Err(e) => {
                    assert_field_error(&e, &ctx);
                    if e.code() == "OUT_OF_RANGE" || e.code() == "TOO_LARGE" {
                        let id = e.field_id().unwrap_or_else(|| panic!("{ctx}: no field id"));
                        assert!(id.starts_with("policy"), "{ctx}: {id}");
                        assert!(
                            e.message_zh()
                                .chars()
                                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                            "{ctx}: no Chinese message: {}",
                            e.message_zh()
                        );
                    }
                }
            }
        }
    }
    assert!(
        accepted > 20,
        "some extreme values (0, -0, tiny) are valid: {accepted}"
    );
}

#[test]
fn out_of_range_numbers_name_the_field_they_came_from() {
    for (field, id) in [
        ("/sum_insured", "policy.sum_insured"),
        ("/deductible", "policy.deductible"),
        ("/prepay_fraction", "policy.prepay_fraction"),
        (
            "/perils/typhoon/tiers/2/ratio",
            "policy.perils.typhoon.tiers[2].ratio",
        ),
        (
            "/ccrif_layer/yuan_per_unit",
            "policy.ccrif_layer.yuan_per_unit",
        ),
    ] {
        for x in [
            json!("1e308"),
            json!(-1),
            json!("79228162514264337593543950335"),
        ] {
            let mut v = full();
            *v.pointer_mut(field).unwrap() = x.clone();
            let e = Policy::from_json(&v.to_string()).unwrap_err();
            assert_eq!(
                (e.code(), e.field_id()),
                ("OUT_OF_RANGE", Some(id)),
                "{field} = {x}"
            );
        }
        let mut v = full();
        *v.pointer_mut(field).unwrap() = json!("NaN");
        let e = Policy::from_json(&v.to_string()).unwrap_err();
        assert_eq!(
            (e.code(), e.field_id()),
            ("INVALID_INPUT", Some(id)),
            "{field} = NaN"
        );
    }
}

#[test]
fn oversized_inputs_are_refused_before_parsing() {
    let big = format!("{{\"label\": \"{}\"}}", "x".repeat(300 * 1024));
    assert_eq!(Policy::from_json(&big).unwrap_err().code(), "TOO_LARGE");
    let mut v = base();
    v["perils"]["typhoon"]["tiers"] = json!(vec![json!({"level": 10, "ratio": "0.1"}); 65]);
    let e = Policy::from_json(&v.to_string()).unwrap_err();
    assert_eq!(e.code(), "TOO_LARGE");
    let p = Policy::default_zhongshan();
    let events: Vec<Event> = (0..1001)
        .map(|i| Event {
            name: format!("e{i}"),
            indices: winds(20.0),
        })
        .collect();
    let e = pay_season(&p, &events).unwrap_err();
    assert_eq!(
        (e.code(), e.field_id()),
        ("TOO_LARGE", Some("season.events"))
    );
    assert!(pay_season(&p, &events[..1000]).is_ok());
}

#[test]
fn event_inputs_survive_extreme_values() {
    let p = Policy::default_zhongshan();
    for x in [
        "0",
        "-0",
        "1e308",
        "-1",
        "NaN",
        "1e-30",
        "3000",
        "3000.05",
        "79228162514264337593543950335",
    ] {
        let text = format!("{{\"uniform_mm\": \"{x}\"}}");
        match RainScenario::from_json(&text) {
            Ok(sc) => {
                pay_event(&p, &sc.indices_for(&p).unwrap()).unwrap();
            }
            Err(e) => {
                assert_field_error(&e, &text);
                assert_eq!(e.field_id(), Some("rain.uniform_mm"), "{text}");
            }
        }
        let text = format!("{{\"pattern\": {{\"442000107\": 100}}, \"factor\": \"{x}\"}}");
        if let Err(e) = RainScenario::from_json(&text) {
            assert_eq!(e.field_id(), Some("rain.factor"), "{text}: {e}");
        }
    }
    for x in [
        "0",
        "-0.0",
        "1e308",
        "-1",
        "150",
        "150.1",
        "1.7976931348623157e308",
    ] {
        let text = format!("{{\"442000107\": {x}}}");
        match wind_indices_from_json(&text) {
            Ok(w) => {
                pay_event(&p, &EventIndices::Wind(w)).unwrap();
            }
            Err(e) => assert_eq!(
                (e.code(), e.field_id()),
                ("OUT_OF_RANGE", Some("winds.442000107")),
                "{text}"
            ),
        }
    }
}
