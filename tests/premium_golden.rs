//! Golden tests: every shipped rule set validates, and the worked examples of docs/domain.md §6.7
//! reproduce exactly (decimal strings).

use zs_risk_map::premium::{
    builtin, builtin_catalogue, builtin_ids, compare, CombineInput, Enterprise, RuleSet, Status,
};

fn ent(json: &str) -> Enterprise {
    Enterprise::from_json(json).unwrap()
}

/// Example 3's unit: 100 employees × 50万, manufacturing, no accident last year, 市级先进.
fn example3() -> Enterprise {
    ent(
        r#"{"name": "示例制造厂", "town_code": "442000118", "sector": "manufacturing",
            "headcount": 100, "per_person_limit": "500000", "honours": "city", "quote_year": 2025}"#,
    )
}

#[test]
fn every_builtin_rule_set_validates_and_is_listed() {
    let ids = builtin_ids();
    assert_eq!(ids.len(), 8);
    for id in &ids {
        let r = builtin(id).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(r.id(), *id);
    }
    let cat = builtin_catalogue().unwrap();
    let zs = cat
        .iter()
        .find(|c| c.id == "zhongshan-illustrative")
        .unwrap();
    assert_eq!(zs.status, Status::Illustrative);
    assert!(zs.name_zh.contains("示例"));
}

#[test]
fn example3_per_head_base_is_28500() {
    let q = builtin("fuyang").unwrap().quote(&example3()).unwrap();
    assert_eq!(q.base_premium.to_string(), "28500.00");
    assert_eq!(q.base_value.to_string(), "0.00057");
}

#[test]
fn example4_fuyang_additive_is_24225_and_multiplicative_is_24367_50() {
    let add = builtin("fuyang").unwrap();
    let q = add.quote(&example3()).unwrap();
    assert_eq!(q.factor.to_string(), "0.85");
    assert_eq!(q.premium.to_string(), "24225.00");
    let mul = add.with_combine(CombineInput::Multiplicative).unwrap();
    let q2 = mul.quote(&example3()).unwrap();
    assert_eq!(q2.factor.to_string(), "0.855");
    assert_eq!(q2.premium.to_string(), "24367.50");
    assert_eq!((q2.premium - q.premium).to_string(), "142.50");
    // The prevention fund of 阜阳 is 5 % of premium.
    assert_eq!(q.prevention.unwrap().amount.to_string(), "1211.25");
}

#[test]
fn example4_steps_record_each_factor_with_running_totals() {
    let q = builtin("fuyang").unwrap().quote(&example3()).unwrap();
    let applied: Vec<(&str, String)> = q
        .steps
        .iter()
        .filter(|s| s.kind == zs_risk_map::premium::StepKind::Factor && s.applied)
        .map(|s| (s.rule.as_str(), s.amount.unwrap().normalize().to_string()))
        .collect();
    assert_eq!(
        applied,
        vec![
            ("honours/city", "27075".to_string()),
            ("accidents_last_year/none", "24225".to_string())
        ]
    );
    let texts: Vec<&str> = q.steps.iter().map(|s| s.text_zh.as_str()).collect();
    assert!(
        texts.iter().any(|t| t
            .contains("基准保费 = 每人限额 500,000.00元 × 基准费率 0.57‰ × 100人 = 28,500.00元")),
        "{texts:#?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("市级安全生产优秀/先进单位 — 符合 −5%")),
        "{texts:#?}"
    );
}

#[test]
fn example5_regime_switch_27_vs_140() {
    let e = ent(
        r#"{"name": "u", "town_code": "442000118", "sector": "manufacturing",
                  "headcount": 100, "per_person_limit": "400000"}"#,
    );
    let q25 = builtin("national-2025").unwrap().quote(&e).unwrap();
    assert_eq!(q25.premium.to_string(), "22800.00");
    assert_eq!(q25.prevention.unwrap().amount.to_string(), "4788.00");
    // Under 140号 30万 is allowed; under 27号 it is raised to 40万 with a warning.
    let e30 = ent(
        r#"{"name": "u", "town_code": "442000118", "sector": "manufacturing",
                    "headcount": 100, "per_person_limit": "300000"}"#,
    );
    let q17 = builtin("national-2017").unwrap().quote(&e30).unwrap();
    assert_eq!(q17.premium.to_string(), "17100.00");
    assert!(q17.warnings.is_empty());
    let q25b = builtin("national-2025").unwrap().quote(&e30).unwrap();
    assert_eq!(q25b.premium.to_string(), "22800.00");
    assert_eq!(q25b.warnings.len(), 1);
    let r17 = builtin("national-2017").unwrap();
    let r25 = builtin("national-2025").unwrap();
    let cmp = compare(&[&r17, &r25], &e30);
    assert_eq!(cmp.len(), 2);
    assert_eq!(
        cmp[0].quote.as_ref().unwrap().premium.to_string(),
        "17100.00"
    );
    assert_eq!(
        cmp[1].quote.as_ref().unwrap().premium.to_string(),
        "22800.00"
    );
}

#[test]
fn example1_hunan_2000wan_general_40_4_limit400_is_34200() {
    let e = ent(
        r#"{"name": "p", "town_code": "442000001", "sector": "construction", "headcount": 50,
                  "project_cost": "20000000", "risk_class": "general", "per_person_limit": "400000",
                  "aggregate_limit": "4000000"}"#,
    );
    let r = builtin("hunan-construction").unwrap();
    let q = r.quote(&e).unwrap();
    assert_eq!(q.base_value.to_string(), "0.00171");
    assert_eq!(q.base_key, vec!["500-3000", "400000", "general", "4000000"]);
    assert_eq!(q.premium.to_string(), "34200.00");
    // Metro works: base +50 %.
    let mut input: zs_risk_map::premium::EnterpriseInput = serde_json::from_str(
        r#"{"name": "p", "town_code": "442000001", "sector": "construction", "headcount": 50,
            "project_cost": "20000000", "risk_class": "general", "per_person_limit": "400000",
            "aggregate_limit": "4000000", "tags": ["metro"]}"#,
    )
    .unwrap();
    let q = r.quote(&Enterprise::from_input(&input).unwrap()).unwrap();
    assert_eq!(q.premium.to_string(), "51300.00");
    input.tags.clear();
    input.risk_class = Some("high".into());
    let q = r.quote(&Enterprise::from_input(&input).unwrap()).unwrap();
    assert_eq!(q.premium.to_string(), "37600.00"); // 1.88‰
}

/// The whole 湖南 table as strings: (band, cover, risk, aggregate) → ‰.
#[test]
fn hunan_table_golden_corners() {
    let r = builtin("hunan-construction").unwrap();
    let cases = [
        ("5000000", "300000", "general", "2000000", "1.45"), // ≤500万 (含)
        ("5000001", "300000", "general", "2000000", "1.37"), // just above 500万
        ("80000000", "600000", "high", "6000000", "2.39"),   // 3000–8000万 (含)
        ("80000001", "600000", "high", "6000000", "2.31"),   // > 8000万
        ("100000000", "300000", "general", "2000000", "1.20"),
        ("1", "600000", "high", "6000000", "2.57"),
    ];
    for (cost, cover, risk, agg, permille) in cases {
        let e = ent(&format!(
            r#"{{"name": "p", "town_code": "442000001", "sector": "construction", "headcount": 1,
            "project_cost": "{cost}", "risk_class": "{risk}", "per_person_limit": "{cover}", "aggregate_limit": "{agg}"}}"#
        ));
        let q = r.quote(&e).unwrap();
        assert_eq!(
            (q.base_value * rust_decimal::Decimal::ONE_THOUSAND)
                .normalize()
                .to_string(),
            rust_decimal::Decimal::from_str_exact(permille)
                .unwrap()
                .normalize()
                .to_string(),
            "{cost} {cover} {risk} {agg}"
        );
    }
}

#[test]
fn example2_shandong_3000wan_is_18000_times_one_minus_discount() {
    let r = builtin("shandong-construction").unwrap();
    let base = r#""name": "p", "town_code": "442000001", "sector": "construction", "headcount": 1, "project_cost": "30000000""#;
    let q = r.quote(&ent(&format!("{{{base}}}"))).unwrap();
    assert_eq!(q.premium.to_string(), "18000.00");
    let q = r
        .quote(&ent(&format!(
            r#"{{{base}, "risk_management_discount": "0.1"}}"#
        )))
        .unwrap();
    assert_eq!(q.premium.to_string(), "16200.00");
    // Band edges: 1000万 is in the first band (含), 1000万 + 1 fen in the second.
    let q = r.quote(&ent(r#"{"name": "p", "town_code": "442000001", "sector": "construction", "headcount": 1, "project_cost": "10000000"}"#)).unwrap();
    assert_eq!(q.premium.to_string(), "6500.00");
    let q = r.quote(&ent(r#"{"name": "p", "town_code": "442000001", "sector": "construction", "headcount": 1, "project_cost": "10000000.01"}"#)).unwrap();
    assert_eq!(q.base_value.to_string(), "0.0006");
}

#[test]
fn tianjin_blacklist_adds_ten_percent() {
    let r = builtin("tianjin-blacklist").unwrap();
    let q = r.quote(&ent(r#"{"name": "u", "town_code": "442000118", "sector": "manufacturing", "headcount": 100, "per_person_limit": "500000", "blacklisted": true}"#)).unwrap();
    assert_eq!(q.premium.to_string(), "31350.00");
    let q = r.quote(&ent(r#"{"name": "u", "town_code": "442000118", "sector": "manufacturing", "headcount": 100, "per_person_limit": "500000"}"#)).unwrap();
    assert_eq!(q.premium.to_string(), "28500.00");
}

#[test]
fn work_injury_71_tier_ladder() {
    let r = builtin("work-injury-71").unwrap();
    let q = |extra: &str| {
        r.quote(&ent(&format!(
            r#"{{"name": "u", "town_code": "442000118", "sector": "manufacturing", "headcount": 10,
            "payroll": "1000000", {extra}}}"#
        )))
        .unwrap()
        .premium
        .to_string()
    };
    // Class 三 Zhongshan base 0.6 % of payroll = 6,000.
    assert_eq!(q(r#""risk_class": "3""#), "6000.00");
    assert_eq!(q(r#""risk_class": "3", "claims_ratio": "1.2""#), "4800.00"); // ≤120 % (含) → 80 %
    assert_eq!(q(r#""risk_class": "3", "claims_ratio": "1.21""#), "6000.00");
    assert_eq!(
        q(r#""risk_class": "3", "claims_ratio": "3", "work_injuries_last_year": 1"#),
        "7200.00"
    );
    assert_eq!(
        q(r#""risk_class": "3", "claims_ratio": "3.01", "work_injuries_last_year": 1"#),
        "9000.00"
    );
    assert_eq!(
        q(
            r#""risk_class": "3", "claims_ratio": "3.01", "work_injuries_last_year": 1, "first_policy": true"#
        ),
        "6000.00"
    );
    // Classes 一, 二 do not float.
    assert_eq!(q(r#""risk_class": "2", "claims_ratio": "0.1""#), "4000.00");
    assert_eq!(q(r#""risk_class": "8""#), "14000.00");
}

#[test]
fn zhongshan_illustrative_quote_is_labelled_and_bounded() {
    let r = builtin("zhongshan-illustrative").unwrap();
    let e = ent(
        r#"{"name": "u", "town_code": "442000105", "sector": "manufacturing", "headcount": 100,
        "per_person_limit": "500000", "standardisation_grade": "二级", "prevention_service_received": true,
        "accidents": [{"year": 2024, "grade": "较大"}], "hidden_dangers": {"found": 3, "rectified": 1, "major_unrectified": 1},
        "blacklisted": true}"#,
    );
    let q = r.quote(&e).unwrap();
    // 1 + 0.20 − 0.10 + 0.20 + 0.10 − 0.05 = 1.35
    assert_eq!(q.factor.to_string(), "1.35");
    assert_eq!(q.premium.to_string(), "38475.00");
    assert_eq!(q.status, Status::Illustrative);
    assert_eq!(q.prevention.unwrap().amount.to_string(), "8079.75");
    assert!(!q.compulsory);
}

#[test]
fn rule_set_round_trips_through_json() {
    for id in builtin_ids() {
        let r = builtin(id).unwrap();
        let json = serde_json::to_string(r.input()).unwrap();
        let again = RuleSet::from_json(&json).unwrap();
        assert_eq!(again, r, "{id}");
    }
}

/// Sum and product groups, a group cap, a minimum premium and the no-float rule, on a small
/// hand-checked rule set (all numbers illustrative).
#[test]
fn sum_product_group_cap_minimum_and_no_float() {
    let rules = RuleSet::from_json(&serde_json::json!({
        "id": "t", "name_zh": "测试", "name_en": "test", "jurisdiction": "test", "regime": "local",
        "status": "illustrative", "sources": [{"id": "s", "label": "test", "tag": "I"}],
        "exposure": "revenue",
        "base": {"dims": [], "cells": [{"key": [], "value": "0.001"}], "value_kind": "rate", "status": "illustrative"},
        "factor_groups": [
            {"id": "sum", "label_zh": "加总", "label_en": "sum", "select": "sum",
             "cap": {"min": "0.9", "max": "1.25", "status": "illustrative"}, "options": [
                {"id": "a", "label_zh": "黑名单", "label_en": "blacklisted", "when": {"op": "is_true", "field": "blacklisted"}, "effect": {"pct": "0.2"}, "status": "illustrative"},
                {"id": "b", "label_zh": "重大隐患", "label_en": "major hidden danger", "when": {"op": "band", "field": "hidden_dangers.major_unrectified", "band": {"ge": "1"}}, "effect": {"pct": "0.1"}, "status": "illustrative"}]},
            {"id": "prod", "label_zh": "连乘", "label_en": "product", "select": "product", "options": [
                {"id": "c", "label_zh": "一级", "label_en": "level 1", "when": {"op": "eq", "field": "standardisation_grade", "value": "level1"}, "effect": {"discount": "0.1"}, "status": "illustrative"},
                {"id": "d", "label_zh": "服务", "label_en": "service", "when": {"op": "is_true", "field": "prevention_service_received"}, "effect": {"multiplier": "0.9"}, "status": "illustrative"}]}
        ],
        "combine": {"mode": "multiplicative"},
        "no_float_when": {"op": "is_true", "field": "first_policy"},
        "min_premium": "5000",
        "prevention": {"share": "0.2", "kind": "floor", "status": "illustrative"}
    }).to_string()).unwrap();
    let q = |extra: &str| {
        let e = ent(&format!(
            r#"{{"name": "x", "town_code": "442000001", "sector": "s", "headcount": 1, "revenue": "10000000"{extra}}}"#
        ));
        rules.quote(&e).unwrap()
    };
    // Sum 0.2 + 0.1 = 1.3, capped at 1.25; product 0.9 × 0.9 = 0.81; 10,000 × 1.25 × 0.81.
    let r = q(
        r#", "blacklisted": true, "hidden_dangers": {"found": 1, "major_unrectified": 1}, "standardisation_grade": "一级", "prevention_service_received": true"#,
    );
    assert_eq!(r.base_premium.to_string(), "10000.00");
    assert_eq!(r.factor.to_string(), "1.0125");
    assert_eq!(r.premium.to_string(), "10125.00");
    assert!(r
        .steps
        .iter()
        .any(|s| s.rule == "sum/cap" && s.text_en.contains("group factor 1.3 clamped to 1.25")));
    assert_eq!(r.prevention.unwrap().amount.to_string(), "2025.00");
    // First policy: no floating at all.
    let r = q(r#", "blacklisted": true, "first_policy": true"#);
    assert_eq!(r.factor.to_string(), "1");
    assert_eq!(r.premium.to_string(), "10000.00");
    // Minimum premium 5,000 applies to a small revenue.
    let e = ent(
        r#"{"name": "x", "town_code": "442000001", "sector": "s", "headcount": 1, "revenue": "1000000"}"#,
    );
    let r = rules.quote(&e).unwrap();
    assert_eq!(r.premium.to_string(), "5000.00");
    assert!(r.steps.iter().any(|s| s.rule == "min_premium" && s.applied));
}

#[test]
fn every_rules_file_is_embedded_and_the_example_enterprise_quotes() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/rules");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".json") && f != "example_enterprise.json")
        .collect();
    files.sort();
    let mut ids: Vec<String> = builtin_ids().iter().map(|i| format!("{i}.json")).collect();
    ids.sort();
    assert_eq!(files, ids);
    let e = Enterprise::from_json(
        &std::fs::read_to_string(format!("{dir}/example_enterprise.json")).unwrap(),
    )
    .unwrap();
    let q = builtin("zhongshan-illustrative")
        .unwrap()
        .quote(&e)
        .unwrap();
    // 28,500 × (1 − 10 % no accident last year − 5 % 三级 − 5 % prevention service) = 22,800.
    assert_eq!(q.premium.to_string(), "22800.00");
    assert_eq!(q.prevention.unwrap().amount.to_string(), "4788.00");
}
