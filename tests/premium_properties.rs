//! Seeded property checks: factors stay within the band, an added accident never lowers the
//! premium, rounding happens exactly at the declared steps, band edges honour their closedness.

use rust_decimal::Decimal;
use serde_json::{json, Value};
use zs_risk_map::money::{round_fen, round_to};
use zs_risk_map::premium::synth::generate;
use zs_risk_map::premium::{builtin, AccidentInput, Enterprise, RuleSet};
use zs_risk_map::rng::Rng;

const PER_HEAD: &[&str] = &[
    "zhongshan-illustrative",
    "fuyang",
    "national-2025",
    "national-2017",
    "tianjin-blacklist",
];

#[test]
fn total_factor_stays_within_the_band() {
    let ents: Vec<Enterprise> = generate(11, 3000)
        .iter()
        .map(|e| Enterprise::from_input(e).unwrap())
        .collect();
    for id in PER_HEAD {
        let r = builtin(id).unwrap();
        let (lo, hi) = r.band();
        for e in &ents {
            let q = r.quote_summary(e).unwrap();
            if let Some(lo) = lo {
                assert!(q.factor >= lo, "{id} {}: {} < {lo}", e.name, q.factor);
            }
            if let Some(hi) = hi {
                assert!(q.factor <= hi, "{id} {}: {} > {hi}", e.name, q.factor);
            }
            // The premium is the base × factor, rounded once (default or declared: the fen).
            assert_eq!(
                q.premium,
                round_fen(q.base_premium * q.factor),
                "{id} {}",
                e.name
            );
        }
    }
}

#[test]
fn band_clamp_is_applied_and_recorded() {
    let r = builtin("zhongshan-illustrative").unwrap();
    let e = Enterprise::from_json(r#"{"name": "worst", "town_code": "442000001", "sector": "manufacturing", "headcount": 10,
        "per_person_limit": "400000", "accidents": [{"year": 2024, "grade": "重大"}], "blacklisted": true,
        "hidden_dangers": {"found": 2, "rectified": 0, "major_unrectified": 2}}"#).unwrap();
    let q = r.quote(&e).unwrap();
    assert_eq!(q.factor_raw.to_string(), "1.6"); // 1 + 0.30 + 0 + 0.20 + 0.10
    assert_eq!(q.factor.to_string(), "1.5");
    assert_eq!(q.premium.to_string(), "3420.00"); // 2,280 × 1.5
    let band = q.steps.iter().find(|s| s.rule == "band").unwrap();
    assert!(band.applied);
    assert!(
        band.text_zh.contains("系数 1.6（+60%） 限定为 1.5（+50%）"),
        "{}",
        band.text_zh
    );
}

#[test]
fn an_added_accident_never_lowers_the_premium() {
    let mut rng = Rng::new(99);
    let grades = ["一般", "较大", "重大", "特别重大"];
    let inputs = generate(5, 2000);
    for id in PER_HEAD {
        let r = builtin(id).unwrap();
        let mut raised = 0;
        for input in &inputs {
            let before = r
                .quote_summary(&Enterprise::from_input(input).unwrap())
                .unwrap()
                .premium;
            let mut more = input.clone();
            more.accidents.push(AccidentInput {
                year: (2025 - 1 - rng.below(3) as i32).into(),
                grade: grades[rng.below(4) as usize].to_string(),
                count: Some((1 + rng.below(2) as u32).into()),
            });
            let after = r
                .quote_summary(&Enterprise::from_input(&more).unwrap())
                .unwrap()
                .premium;
            assert!(after >= before, "{id} {}: {before} → {after}", input.name);
            if after > before {
                raised += 1;
            }
        }
        if matches!(*id, "zhongshan-illustrative" | "fuyang") {
            assert!(
                raised > 100,
                "{id}: accidents should raise some premiums ({raised})"
            );
        }
    }
}

fn custom(rounding: Value, dims: Value, cells: Value) -> RuleSet {
    RuleSet::from_json(&json!({
        "id": "t", "name_zh": "测试", "name_en": "test", "jurisdiction": "test", "regime": "local",
        "status": "illustrative", "sources": [{"id": "s", "label": "test", "tag": "I"}],
        "exposure": "per_head",
        "base": {"dims": dims, "cells": cells, "value_kind": "rate", "status": "illustrative"},
        "combine": {"mode": "multiplicative"},
        "factor_groups": [{"id": "g", "label_zh": "g", "label_en": "g", "select": "first_match", "options": [
            {"id": "b", "label_zh": "黑名单", "label_en": "blacklist", "when": {"op": "is_true", "field": "blacklisted"},
             "effect": {"multiplier": "1.1"}, "status": "illustrative"}]}],
        "rounding": rounding
    }).to_string()).unwrap()
}

#[test]
fn rounding_happens_at_the_declared_steps_only() {
    let per_head_yuan = custom(
        json!([{"at": "per_head", "dp": 0}, {"at": "total", "dp": 2}]),
        json!([]),
        json!([{"key": [], "value": "0.0005713"}]),
    );
    let total_yuan = custom(
        json!([{"at": "total", "dp": 0}]),
        json!([]),
        json!([{"key": [], "value": "0.0005713"}]),
    );
    let mut rng = Rng::new(3);
    for _ in 0..2000 {
        let limit =
            Decimal::from(300_000 + rng.below(700_001)) + Decimal::new(rng.below(100) as i64, 2);
        let heads = 1 + rng.below(500) as u32;
        let black = rng.chance(500);
        let e = Enterprise::from_json(&format!(
            r#"{{"name": "x", "town_code": "442000001", "sector": "s", "headcount": {heads},
            "per_person_limit": "{limit}", "blacklisted": {black}}}"#
        ))
        .unwrap();
        let f = if black {
            Decimal::new(11, 1)
        } else {
            Decimal::ONE
        };
        let rate = Decimal::new(5713, 7);
        let q = per_head_yuan.quote(&e).unwrap();
        let per_head = round_to(rate * limit, 0);
        assert_eq!(q.base_premium, per_head * Decimal::from(heads));
        assert_eq!(q.premium, round_to(per_head * Decimal::from(heads) * f, 2));
        let q = total_yuan.quote(&e).unwrap();
        assert_eq!(
            q.premium,
            round_to(rate * limit * Decimal::from(heads) * f, 0)
        );
        assert_eq!(q.premium.scale(), 0);
    }
}

#[test]
fn band_edges_behave_as_declared() {
    // headcount bands: [1, 10) and [10, 50] and (50, +∞) — exercise both closedness styles.
    let dims = json!([{"id": "size", "field": "headcount", "bands": [
        {"id": "small", "ge": "1", "lt": "10"}, {"id": "mid", "ge": "10", "le": "50"}, {"id": "large", "gt": "50"}]}]);
    let cells = json!([{"key": ["small"], "value": "0.001"}, {"key": ["mid"], "value": "0.002"}, {"key": ["large"], "value": "0.003"}]);
    let r = custom(json!([]), dims, cells);
    let rate = |h: u32| {
        let e = Enterprise::from_json(&format!(r#"{{"name": "x", "town_code": "442000001", "sector": "s", "headcount": {h}, "per_person_limit": "1000"}}"#)).unwrap();
        r.quote(&e).unwrap().base_value.to_string()
    };
    assert_eq!(rate(9), "0.001");
    assert_eq!(rate(10), "0.002"); // lower edge included (ge)
    assert_eq!(rate(50), "0.002"); // upper edge included (le)
    assert_eq!(rate(51), "0.003"); // gt 50
                                   // The 493号令 grades: "以上" includes the figure, "以下" excludes it.
    use zs_risk_map::premium::AccidentGrade as G;
    assert_eq!(G::classify(2, 0, Decimal::ZERO), G::General);
    assert_eq!(G::classify(3, 0, Decimal::ZERO), G::Larger);
    assert_eq!(G::classify(9, 49, Decimal::from(49_999_999)), G::Larger);
    assert_eq!(G::classify(10, 0, Decimal::ZERO), G::Major);
    assert_eq!(G::classify(0, 50, Decimal::ZERO), G::Major);
    assert_eq!(G::classify(0, 0, Decimal::from(50_000_000)), G::Major);
    assert_eq!(G::classify(29, 99, Decimal::from(99_999_999)), G::Major);
    assert_eq!(G::classify(30, 0, Decimal::ZERO), G::EspeciallyMajor);
    assert_eq!(G::classify(0, 100, Decimal::ZERO), G::EspeciallyMajor);
}
