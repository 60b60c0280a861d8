//! Hand-computed payout tables, exact to the fen (docs/domain.md §1.5 worked fixture and variants).
//! Expected values were computed by hand / with exact rationals outside the crate:
//! raw = SI × Σ pop_u · r_u / 4,466,900, half-up to the fen.

use std::collections::BTreeMap;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::{json, Value};
use zs_risk_map::payout::engine::{pay_event, pay_season, Event, EventIndices};
use zs_risk_map::payout::explain::explain_event;
use zs_risk_map::payout::policy::{Policy, DEFAULT_POLICY_JSON};
use zs_risk_map::scales::WindIndex;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The default policy JSON with some fields replaced.
fn policy_with(edit: impl FnOnce(&mut Value)) -> Policy {
    let mut v: Value = serde_json::from_str(DEFAULT_POLICY_JSON).unwrap();
    edit(&mut v);
    Policy::from_json(&v.to_string()).unwrap()
}

const TANZHOU: &str = "442000107";
const NANLANG: &str = "442000008";

/// 坦洲 41.3 m/s (13级), 南朗 33.0 m/s (12级), every other town 24.4 m/s (9级).
fn fixture_winds() -> BTreeMap<String, WindIndex> {
    let policy = Policy::default_zhongshan();
    let mut m: BTreeMap<String, WindIndex> = policy
        .districts
        .iter()
        .map(|d| (d.code.clone(), WindIndex::from_ms(24.4)))
        .collect();
    m.insert(TANZHOU.into(), WindIndex::from_ms(41.3));
    m.insert(NANLANG.into(), WindIndex::from_ms(33.0));
    m
}

fn fixture_policy() -> Policy {
    policy_with(|v| {
        v["sum_insured"] = json!("140000000");
        v["per_event_cap"] = json!("140000000");
        v["annual_aggregate"] = json!("140000000");
    })
}

#[test]
fn domain_worked_fixture_pays_4961844_90() {
    let p = fixture_policy();
    let r = pay_event(&p, &EventIndices::Wind(fixture_winds())).unwrap();
    assert_eq!(r.raw.to_string(), "4961844.90");
    assert_eq!(r.paid.to_string(), "4961844.90");
    assert_eq!(r.weighted_ratio.round_dp(10).to_string(), "0.0354417493");
    let line = |code: &str| r.districts.iter().find(|l| l.code == code).unwrap().clone();
    let t = line(TANZHOU);
    assert_eq!((t.level, t.ratio), (Some(13), d("0.35")));
    assert_eq!(t.contribution.to_string(), "4246948.22");
    assert_eq!(t.payout.to_string(), "4246948.22");
    let n = line(NANLANG);
    assert_eq!((n.level, n.ratio), (Some(12), d("0.20")));
    assert_eq!(n.payout.to_string(), "714896.68");
    // Every other town is at level 9 and gets nothing.
    for l in &r.districts {
        if l.code != TANZHOU && l.code != NANLANG {
            assert_eq!(l.level, Some(9), "{}", l.code);
            assert!(l.payout.is_zero());
        }
    }
    let sum: Decimal = r.districts.iter().map(|l| l.payout).sum();
    assert_eq!(sum, r.paid);
    assert_eq!(r.districts.len(), 23);
    let codes: Vec<&str> = r.districts.iter().map(|l| l.code.as_str()).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(codes, sorted, "districts sorted by code");
}

#[test]
fn default_policy_pays_the_fixture_at_1_5_yi() {
    let r = pay_event(
        &Policy::default_zhongshan(),
        &EventIndices::Wind(fixture_winds()),
    )
    .unwrap();
    assert_eq!(r.paid.to_string(), "5316262.40");
}

#[test]
fn tier_edge_is_decided_on_the_rounded_index() {
    let p = fixture_policy();
    for (ms, level, want) in [
        (32.6, 11, "1213413.78"),
        (32.64, 11, "1213413.78"),
        (32.65, 12, "2426827.55"),
        (32.7, 12, "2426827.55"),
        (24.4, 9, "0.00"),
    ] {
        let mut m = BTreeMap::new();
        m.insert(TANZHOU.to_string(), WindIndex::from_ms(ms));
        let r = pay_event(&p, &EventIndices::Wind(m)).unwrap();
        assert_eq!(r.districts[12].code, TANZHOU);
        assert_eq!(r.districts[12].level, Some(level), "{ms} m/s");
        assert_eq!(r.paid.to_string(), want, "{ms} m/s");
    }
}

#[test]
fn equal_weights_and_max_unit_tables() {
    let winds = |p: &Policy| {
        let mut m = BTreeMap::new();
        m.insert(p.districts[0].code.clone(), WindIndex::from_ms(25.0)); // 10级 5 %
        m.insert(p.districts[1].code.clone(), WindIndex::from_ms(45.0)); // 14级 50 %
        m.insert(p.districts[2].code.clone(), WindIndex::from_ms(60.0)); // 17级 100 %
        EventIndices::Wind(m)
    };
    let eq = policy_with(|v| {
        v["sum_insured"] = json!("100000000");
        v["allocation"] = json!({"kind": "equal"});
    });
    // 1e8 × (0.05 + 0.5 + 1) / 23 = 6,739,130.434… → 6,739,130.43
    let r = pay_event(&eq, &winds(&eq)).unwrap();
    assert_eq!(r.paid.to_string(), "6739130.43");
    let sum: Decimal = r.districts.iter().map(|l| l.payout).sum();
    assert_eq!(sum, r.paid);

    let mu = policy_with(|v| {
        v["sum_insured"] = json!("100000000");
        v["allocation"] = json!({"kind": "equal"});
        v["formula"] = json!({"kind": "max_unit"});
        v["per_event_cap"] = json!("60000000");
    });
    let r = pay_event(&mu, &winds(&mu)).unwrap();
    assert_eq!(r.event_ratio, Decimal::ONE);
    assert_eq!(r.raw.to_string(), "100000000.00");
    assert_eq!(r.cut_by_event_cap.to_string(), "40000000.00");
    assert_eq!(r.paid.to_string(), "60000000.00");
    // Allocated by w·r: 0.05 : 0.5 : 1 of 6,000 万 → 1,935,483.87 / 19,354,838.71 / 38,709,677.42
    let parts: Vec<String> = r.districts[..3]
        .iter()
        .map(|l| l.payout.to_string())
        .collect();
    assert_eq!(parts, ["1935483.87", "19354838.71", "38709677.42"]);
}

#[test]
fn city_index_formula_looks_up_the_weighted_ratio() {
    let p = policy_with(|v| {
        v["sum_insured"] = json!("140000000");
        v["formula"] = json!({"kind": "city_index", "tiers": [
            {"min_index": "0.01", "ratio": "0.02"},
            {"min_index": "0.03", "ratio": "0.05"},
            {"min_index": "0.10", "ratio": "0.25"}
        ]});
    });
    // Fixture Σ w·r = 3.544 % → band [3 %, 10 %) → 5 % × 1.4 亿元 = 700 万元.
    let r = pay_event(&p, &EventIndices::Wind(fixture_winds())).unwrap();
    assert_eq!(r.event_ratio, d("0.05"));
    assert_eq!(r.paid.to_string(), "7000000.00");
}

#[test]
fn deductible_cap_and_aggregate_cut_in_order() {
    let p = policy_with(|v| {
        v["sum_insured"] = json!("140000000");
        v["deductible"] = json!("500000");
        v["per_event_cap"] = json!("4000000");
        v["annual_aggregate"] = json!("8000000");
    });
    let ev = |name: &str| Event {
        name: name.into(),
        indices: EventIndices::Wind(fixture_winds()),
    };
    let s = pay_season(&p, &[ev("A"), ev("B"), ev("C")]).unwrap();
    // raw 4,961,844.90 − 500,000 = 4,461,844.90 → cap 4,000,000 (cut 461,844.90)
    let e = &s.events;
    assert_eq!(e[0].cut_by_deductible.to_string(), "500000.00");
    assert_eq!(e[0].cut_by_event_cap.to_string(), "461844.90");
    assert_eq!(e[0].paid.to_string(), "4000000.00");
    assert_eq!(e[1].paid.to_string(), "4000000.00");
    assert_eq!(e[2].cut_by_aggregate.to_string(), "4000000.00");
    assert_eq!(e[2].paid.to_string(), "0.00");
    assert_eq!(s.total_paid.to_string(), "8000000.00");
    assert_eq!(s.total_raw.to_string(), "14885534.70");
    assert_eq!(s.cut_by_deductible.to_string(), "1500000.00");
    assert_eq!(s.cut_by_event_cap.to_string(), "1385534.70");
    assert_eq!(s.cut_by_aggregate.to_string(), "4000000.00");
    assert_eq!(s.aggregate_remaining.to_string(), "0.00");
    for ev in e {
        let sum: Decimal = ev.districts.iter().map(|l| l.payout).sum();
        assert_eq!(sum, ev.paid);
    }
}

#[test]
fn season_aggregate_cuts_the_second_event_partially() {
    let p = policy_with(|v| {
        v["sum_insured"] = json!("140000000");
        v["annual_aggregate"] = json!("8000000");
    });
    let ev = Event {
        name: "x".into(),
        indices: EventIndices::Wind(fixture_winds()),
    };
    let s = pay_season(&p, &[ev.clone(), ev.clone(), ev]).unwrap();
    let paid: Vec<String> = s.events.iter().map(|e| e.paid.to_string()).collect();
    assert_eq!(paid, ["4961844.90", "3038155.10", "0.00"]);
    assert_eq!(s.events[1].cut_by_aggregate.to_string(), "1923689.80");
    assert_eq!(s.events[2].cut_by_aggregate.to_string(), "4961844.90");
}

#[test]
fn explanation_lines_read_like_the_spec() {
    let p = Policy::default_zhongshan();
    let mut m = BTreeMap::new();
    m.insert(TANZHOU.to_string(), WindIndex::from_ms(41.3));
    let r = pay_event(&p, &EventIndices::Wind(m)).unwrap();
    let x = explain_event(&p, &r);
    // 1.5e8 × 0.35 × 387157 / 4466900 = 4,550,301.663… → 4,550,301.66
    let zh = x.zh.iter().find(|l| l.starts_with("坦洲镇")).unwrap();
    assert_eq!(
        zh,
        "坦洲镇 峰值风速 41.3 m/s → 13级 → 赔付比例 35% × 分配权重 8.67% × 保险金额 1.5亿元 = 455.03万元"
    );
    let en = x.en.iter().find(|l| l.starts_with("Tanzhou")).unwrap();
    assert_eq!(
        en,
        "Tanzhou Town peak wind 41.3 m/s → level 13 → payout ratio 35% × weight 8.67% × sum insured CNY 150,000,000.00 = CNY 4,550,301.66"
    );
    assert_eq!(x.zh.len(), x.en.len());
    assert!(x.zh.last().unwrap().starts_with("本次赔付 455.03万元"));
}

#[test]
fn csv_export_has_one_row_per_district_and_reparses() {
    let p = fixture_policy();
    let r = pay_event(&p, &EventIndices::Wind(fixture_winds())).unwrap();
    let csv = zs_risk_map::payout::explain::event_csv(&r);
    let t = zs_risk_map::csv_lite::parse(&csv).unwrap();
    assert_eq!(t.records.len(), 23);
    let row = t
        .records
        .iter()
        .find(|rec| t.get(rec, "code") == Some(TANZHOU))
        .unwrap();
    assert_eq!(t.get(row, "name_zh"), Some("坦洲镇"));
    assert_eq!(t.get(row, "level"), Some("13"));
    assert_eq!(t.get(row, "payout_yuan"), Some("4246948.22"));
    let total: Decimal = t
        .records
        .iter()
        .map(|rec| d(t.get(rec, "payout_yuan").unwrap()))
        .sum();
    assert_eq!(total.to_string(), "4961844.90");
}
