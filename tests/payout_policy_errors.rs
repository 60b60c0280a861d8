//! Bad policies give clear errors naming the field or row, with the right code.

use serde_json::{json, Value};
use zs_risk_map::payout::policy::{Policy, Status, DEFAULT_POLICY_JSON};
use zs_risk_map::Error;

fn base() -> Value {
    serde_json::from_str(DEFAULT_POLICY_JSON).unwrap()
}

fn err(edit: impl FnOnce(&mut Value)) -> Error {
    let mut v = base();
    edit(&mut v);
    Policy::from_json(&v.to_string()).expect_err("policy should be rejected")
}

fn assert_err(e: Error, code: &str, parts: &[&str]) {
    assert_eq!(e.code(), code, "{e}");
    let msg = e.to_string();
    for p in parts {
        assert!(msg.contains(p), "message {msg:?} lacks {p:?}");
    }
}

#[test]
fn default_policy_is_valid_and_labelled_illustrative() {
    let p = Policy::default_zhongshan();
    assert_eq!(p.status, Status::Illustrative);
    assert!(p.label.contains("示例"));
    assert_eq!(p.sum_insured.to_string(), "150000000");
    assert_eq!(p.per_event_cap, p.sum_insured);
    assert_eq!(p.annual_aggregate, p.sum_insured);
    assert_eq!(p.rate_on_line().unwrap().to_string(), "0.0764");
    assert!(p.evidence["sum_insured"].contains("not a Zhongshan contract"));
    assert!(p.evidence.values().all(|t| t.contains('[')));
    assert_eq!(p.districts.len(), 23);
    let w: rust_decimal::Decimal = p.districts.iter().map(|d| p.weight(&d.code)).sum();
    assert!((w - rust_decimal::Decimal::ONE).abs() < rust_decimal::Decimal::new(1, 20));
    // Round trip through the editor JSON.
    assert_eq!(Policy::from_json(&p.to_json()).unwrap(), p);
}

#[test]
fn non_monotone_typhoon_tiers_name_the_row() {
    let e = err(|v| v["perils"]["typhoon"]["tiers"][3]["level"] = json!(12));
    assert_err(
        e,
        "INVALID_INPUT",
        &[
            "perils.typhoon.tiers[3]",
            "threshold 12",
            "strictly increase",
        ],
    );
    let e = err(|v| v["perils"]["typhoon"]["tiers"][2]["ratio"] = json!("0.05"));
    assert_err(
        e,
        "INVALID_INPUT",
        &["perils.typhoon.tiers[2]", "ratio 0.05", "must not decrease"],
    );
    let e = err(|v| v["perils"]["typhoon"]["tiers"][6]["ratio"] = json!(1.2));
    assert_err(
        e,
        "OUT_OF_RANGE",
        &["perils.typhoon.tiers[6].ratio", "within 0–1", "got 1.2"],
    );
    let e = err(|v| v["perils"]["typhoon"]["tiers"][0]["level"] = json!(18));
    assert_err(
        e,
        "OUT_OF_RANGE",
        &["perils.typhoon.tiers[0].level", "0–17", "got 18"],
    );
    let e = err(|v| v["perils"]["rain"]["tiers"][1]["min_mm"] = json!("99"));
    assert_err(
        e,
        "INVALID_INPUT",
        &[
            "perils.rain.tiers[1]",
            "threshold 99.0 mm",
            "previous row's 100.0 mm",
        ],
    );
    let e = err(|v| v["perils"]["rain"]["tiers"][1]["min_mm"] = json!("150.05"));
    assert_err(
        e,
        "INVALID_INPUT",
        &["perils.rain.tiers[1].min_mm", "multiple of 0.1"],
    );
    let e = err(|v| v["perils"]["typhoon"]["tiers"] = json!([]));
    assert_err(
        e,
        "INVALID_TIERS",
        &["perils.typhoon.tiers", "no tier rows"],
    );
}

#[test]
fn weights_must_add_up_to_one() {
    let e = err(|v| {
        v["allocation"] =
            json!({"kind": "table", "weights": {"442000107": "0.5", "442000008": "0.45"}})
    });
    assert_err(
        e,
        "INVALID_INPUT",
        &["allocation.weights", "add up to 0.95", "not 1"],
    );
    // Within 1e-9 is accepted.
    let mut v = base();
    v["allocation"] =
        json!({"kind": "table", "weights": {"442000107": "0.5", "442000008": "0.4999999999"}});
    assert!(Policy::from_json(&v.to_string()).is_ok());
    let e = err(|v| {
        v["allocation"] =
            json!({"kind": "table", "weights": {"442000107": "1.5", "442000008": "-0.5"}})
    });
    assert_err(
        e,
        "OUT_OF_RANGE",
        &["allocation.weights.442000008", "within 0–1", "got -0.5"],
    );
}

#[test]
fn unknown_district_codes_are_named() {
    let e = err(|v| {
        v["allocation"] =
            json!({"kind": "table", "weights": {"442000107": "0.5", "442000999": "0.5"}})
    });
    assert_err(e, "UNKNOWN_DISTRICT", &["442000999"]);
}

#[test]
fn negative_and_malformed_amounts_are_named() {
    let e = err(|v| v["sum_insured"] = json!("-150000000"));
    assert_err(e, "OUT_OF_RANGE", &["policy.sum_insured", "got -150000000"]);
    let e = err(|v| v["deductible"] = json!(-1));
    assert_err(e, "OUT_OF_RANGE", &["policy.deductible", "got -1"]);
    let e = err(|v| v["per_event_cap"] = json!("1.005"));
    assert_err(
        e,
        "INVALID_INPUT",
        &["per_event_cap", "whole number of fen"],
    );
    let e = err(|v| v["annual_aggregate"] = json!("lots"));
    assert_err(
        e,
        "INVALID_INPUT",
        &["annual_aggregate", "'lots' is not a finite number"],
    );
    let e = err(|v| v["sum_insured"] = json!("0"));
    assert_err(e, "OUT_OF_RANGE", &["sum_insured", "greater than 0"]);
    let e = err(|v| v["prepay_fraction"] = json!(1.5));
    assert_err(e, "OUT_OF_RANGE", &["prepay_fraction", "within 0–1"]);
    // Numbers are tolerated for money.
    let mut v = base();
    v["sum_insured"] = json!(150000000);
    assert_eq!(
        Policy::from_json(&v.to_string())
            .unwrap()
            .sum_insured
            .to_string(),
        "150000000"
    );
}

#[test]
fn not_json_and_structure_errors() {
    let e = Policy::from_json("{\"label\": ").unwrap_err();
    assert_err(e, "NOT_JSON", &["line 1"]);
    let e = err(|v| {
        v.as_object_mut().unwrap().remove("sum_insured");
    });
    assert_err(e, "INVALID_POLICY", &["sum_insured"]);
    let e = err(|v| v["sum_insurd"] = json!("1"));
    assert_err(e, "INVALID_POLICY", &["sum_insurd"]);
    let e = err(|v| v["perils"]["rain"]["window_h"] = json!(12));
    assert_err(e, "INVALID_INPUT", &["perils.rain.window_h", "12 h"]);
    let e = err(|v| v["perils"] = json!({}));
    assert_err(e, "INVALID_POLICY", &["covers nothing"]);
}

#[test]
fn ccrif_and_circle_sections_are_validated() {
    let e = err(|v| {
        v["ccrif_layer"] = json!({"attachment": "100", "exhaustion": "50", "ceding_share": "0.25"})
    });
    assert_err(
        e,
        "INVALID_INPUT",
        &["ccrif_layer.exhaustion", "above the attachment"],
    );
    let e = err(|v| {
        v["cat_in_circle"] = json!({"intensity": "level", "circles": [{"name": "c", "lat": 22.5,
            "lon": 113.4, "rings": [{"radius_km": 40, "tiers": [{"min": 14, "ratio": "0.5"},
            {"min": 12, "ratio": "0.8"}]}]}]})
    });
    assert_err(
        e,
        "INVALID_INPUT",
        &[
            "cat_in_circle.circles[0].rings[0].tiers[1]",
            "strictly increase",
        ],
    );
}
