//! Properties over seeded random events (tiny splitmix64 PRNG, no dependencies):
//! monotone in every district index; event ≤ per-event cap ≤ …; event ≤ sum insured;
//! season ≤ annual aggregate; district lines add up exactly to the total; cuts reconcile.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde_json::{json, Value};
use zs_risk_map::payout::engine::{pay_event, pay_season, Event, EventIndices};
use zs_risk_map::payout::policy::{Policy, DEFAULT_POLICY_JSON};
use zs_risk_map::scales::{RainIndex, WindIndex};

/// The crate's one seeded generator (src/rng.rs).
type SplitMix = zs_risk_map::rng::Rng;

/// A random but valid policy: formula, allocation, deductible and limits vary.
fn random_policy(rng: &mut SplitMix) -> Policy {
    let mut v: Value = serde_json::from_str(DEFAULT_POLICY_JSON).unwrap();
    let si = 10_000_000 + rng.below(190_000_000);
    v["sum_insured"] = json!(si.to_string());
    v["per_event_cap"] = json!((si / (1 + rng.below(4))).to_string());
    v["annual_aggregate"] = json!((si / (1 + rng.below(3))).to_string());
    v["deductible"] = json!(format!("{}.{:02}", rng.below(2_000_000), rng.below(100)));
    v["formula"] = match rng.below(3) {
        0 => json!({"kind": "weighted_sum"}),
        1 => json!({"kind": "max_unit"}),
        _ => json!({"kind": "city_index", "tiers": [
            {"min_index": "0.005", "ratio": "0.03"}, {"min_index": "0.05", "ratio": "0.2"},
            {"min_index": "0.2", "ratio": "0.6"}]}),
    };
    if rng.below(2) == 0 {
        v["allocation"] = json!({"kind": "equal"});
    }
    Policy::from_json(&v.to_string()).unwrap()
}

fn random_winds(rng: &mut SplitMix, p: &Policy) -> BTreeMap<String, WindIndex> {
    p.districts
        .iter()
        .map(|d| {
            (
                d.code.clone(),
                WindIndex::from_tenths(rng.below(650) as i32),
            )
        })
        .collect()
}

fn lines_sum(e: &zs_risk_map::payout::EventPayout) -> Decimal {
    e.districts.iter().map(|l| l.payout).sum()
}

#[test]
fn payout_never_decreases_when_an_index_rises() {
    let mut rng = SplitMix::new(0x5EED_0001);
    for _ in 0..300 {
        let p = random_policy(&mut rng);
        let mut winds = random_winds(&mut rng, &p);
        let before = pay_event(&p, &EventIndices::Wind(winds.clone())).unwrap();
        let code = p.districts[rng.below(23) as usize].code.clone();
        let up = rng.below(200) as i32;
        let w = winds.get_mut(&code).unwrap();
        *w = WindIndex::from_tenths(w.tenths() + up);
        let after = pay_event(&p, &EventIndices::Wind(winds)).unwrap();
        assert!(
            after.raw >= before.raw && after.paid >= before.paid,
            "{code} +{up}: {} → {}",
            before.paid,
            after.paid
        );
    }
}

#[test]
fn rain_payout_never_decreases_when_rain_rises() {
    let mut rng = SplitMix::new(0x5EED_0002);
    let p = Policy::default_zhongshan();
    for _ in 0..200 {
        let mut rain: BTreeMap<String, RainIndex> = p
            .districts
            .iter()
            .map(|d| {
                (
                    d.code.clone(),
                    RainIndex::from_mm(rng.below(4000) as f64 / 10.0),
                )
            })
            .collect();
        let before = pay_event(&p, &EventIndices::Rain(rain.clone())).unwrap();
        let code = p.districts[rng.below(23) as usize].code.clone();
        let r = rain.get_mut(&code).unwrap();
        *r = RainIndex::from_mm(r.mm() + rng.below(1000) as f64 / 10.0);
        let after = pay_event(&p, &EventIndices::Rain(rain)).unwrap();
        assert!(after.paid >= before.paid);
    }
}

#[test]
fn event_is_bounded_and_lines_add_up() {
    let mut rng = SplitMix::new(0x5EED_0003);
    for _ in 0..400 {
        let p = random_policy(&mut rng);
        let e = pay_event(&p, &EventIndices::Wind(random_winds(&mut rng, &p))).unwrap();
        assert!(e.paid >= Decimal::ZERO);
        assert!(
            e.paid <= p.per_event_cap,
            "{} > cap {}",
            e.paid,
            p.per_event_cap
        );
        assert!(e.paid <= p.sum_insured);
        assert!(e.raw <= p.sum_insured);
        assert_eq!(lines_sum(&e), e.paid);
        assert_eq!(
            e.raw,
            e.paid + e.cut_by_deductible + e.cut_by_event_cap + e.cut_by_aggregate
        );
        for l in &e.districts {
            assert!(l.payout >= Decimal::ZERO);
            assert_eq!(l.payout.scale(), 2, "whole fen");
            if l.ratio.is_zero() && !e.paid.is_zero() {
                assert!(
                    l.payout.is_zero(),
                    "non-triggered {} got {}",
                    l.code,
                    l.payout
                );
            }
        }
    }
}

#[test]
fn season_is_bounded_by_the_annual_aggregate() {
    let mut rng = SplitMix::new(0x5EED_0004);
    for _ in 0..60 {
        let p = random_policy(&mut rng);
        let n = 1 + rng.below(8) as usize;
        let events: Vec<Event> = (0..n)
            .map(|i| Event {
                name: format!("e{i}"),
                indices: EventIndices::Wind(random_winds(&mut rng, &p)),
            })
            .collect();
        let s = pay_season(&p, &events).unwrap();
        assert!(s.total_paid <= p.annual_aggregate);
        assert_eq!(s.total_paid + s.aggregate_remaining, p.annual_aggregate);
        let paid: Decimal = s.events.iter().map(|e| e.paid).sum();
        assert_eq!(paid, s.total_paid);
        assert_eq!(
            s.total_raw,
            s.total_paid + s.cut_by_deductible + s.cut_by_event_cap + s.cut_by_aggregate
        );
        for e in &s.events {
            assert_eq!(lines_sum(e), e.paid);
            assert!(e.paid <= p.per_event_cap);
        }
        // Each event alone would pay at least what it got in the season (order only cuts).
        for (ev, got) in events.iter().zip(&s.events) {
            let alone = pay_event(&p, &ev.indices).unwrap();
            assert!(alone.paid >= got.paid);
        }
    }
}

#[test]
fn unknown_codes_in_indices_are_named() {
    let p = Policy::default_zhongshan();
    let mut m = BTreeMap::new();
    m.insert("442000999".to_string(), WindIndex::from_ms(40.0));
    let e = pay_event(&p, &EventIndices::Wind(m.clone())).unwrap_err();
    assert_eq!(e.code(), "UNKNOWN_DISTRICT");
    assert!(e.to_string().contains("442000999"));
    let e = pay_season(
        &p,
        &[Event {
            name: "Hato".into(),
            indices: EventIndices::Wind(m),
        }],
    )
    .unwrap_err();
    assert!(e.to_string().contains("Hato") && e.to_string().contains("442000999"));
}
