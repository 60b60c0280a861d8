//! Pricing (风险定价) invariants: fast path = payout engine, determinism, chunking,
//! convergence, monotonicity, exceedance-curve shape, event-set validation.

use std::str::FromStr;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use zs_risk_map::hazard::WindModelOptions;
use zs_risk_map::payout::engine::{pay_season, Event, EventIndices};
use zs_risk_map::payout::policy::{Policy, PolicyDto};
use zs_risk_map::pricing::{
    Catalogue, CatalogueBuilder, CatalogueConfig, PricingResult, Simulation, SimulationConfig,
};

fn catalogue() -> &'static Catalogue {
    static CAT: OnceLock<Catalogue> = OnceLock::new();
    CAT.get_or_init(|| {
        Catalogue::synthetic(&CatalogueConfig {
            size: 300,
            seed: 7,
            ..Default::default()
        })
        .unwrap()
    })
}

fn run(policy: &Policy, cfg: &SimulationConfig) -> PricingResult {
    let mut sim = Simulation::new(catalogue(), policy, cfg).unwrap();
    while !sim.is_done() {
        sim.step(997);
    }
    sim.result().unwrap()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A policy with a small aggregate so that the aggregate cut and re-allocation are exercised.
fn tight_policy() -> Policy {
    let mut dto: PolicyDto = Policy::default_zhongshan().source.clone();
    dto.annual_aggregate = Some(serde_json::json!("30000000"));
    dto.per_event_cap = Some(serde_json::json!("20000000"));
    dto.deductible = Some(serde_json::json!("100000"));
    Policy::from_dto(dto).unwrap()
}

#[test]
fn fast_path_equals_pay_season_on_many_seeded_years() {
    for policy in [Policy::default_zhongshan(), tight_policy()] {
        let cfg = SimulationConfig {
            years: 3000,
            seed: 11,
            lambda: Some(2.0),
            ..Default::default()
        };
        let sim = Simulation::new(catalogue(), &policy, &cfg).unwrap();
        let (mut checked, mut cut) = (0, 0);
        for y in 0..3000 {
            let fast = sim.year_payout(y);
            if fast.events.is_empty() {
                continue;
            }
            let events: Vec<Event> = fast
                .events
                .iter()
                .map(|&i| {
                    let e = &catalogue().events[i];
                    Event {
                        name: e.name.clone(),
                        indices: EventIndices::Wind(
                            catalogue()
                                .codes
                                .iter()
                                .cloned()
                                .zip(e.wind_2min.iter().copied())
                                .collect(),
                        ),
                    }
                })
                .collect();
            let season = pay_season(&policy, &events).unwrap();
            assert_eq!(fast.total, season.total_paid, "year {y}");
            for (k, got) in fast.districts.iter().enumerate() {
                let want: Decimal = season.events.iter().map(|e| e.districts[k].payout).sum();
                assert_eq!(*got, want, "year {y} district {k}");
            }
            if !season.cut_by_aggregate.is_zero() {
                cut += 1;
            }
            checked += 1;
        }
        assert!(checked > 1000, "{checked}");
        if policy.annual_aggregate < d("150000000") {
            assert!(cut > 10, "the aggregate cut was exercised only {cut} times");
        }
    }
}

/// The default policy with a small annual aggregate (5 % of the sum insured), so that the
/// aggregate binds in some simulated years and the year sampling matters (with the surface
/// winds the default aggregate rarely binds, and the estimate is then the exact catalogue
/// expectation, the same for every year seed).
fn binding_policy() -> Policy {
    let mut p = Policy::default_zhongshan();
    p.annual_aggregate = p.sum_insured * Decimal::new(5, 2);
    p
}

#[test]
fn same_seed_same_result_and_chunking_does_not_matter() {
    let policy = binding_policy();
    let cfg = SimulationConfig {
        years: 2000,
        seed: 3,
        ..Default::default()
    };
    let a = run(&policy, &cfg);
    let mut sim = Simulation::new(catalogue(), &policy, &cfg).unwrap();
    let mut chunks = [1u32, 7, 500, 3, 10_000].into_iter().cycle();
    while !sim.is_done() {
        sim.step(chunks.next().unwrap());
    }
    let b = sim.result().unwrap();
    assert_eq!(a, b);
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    let c = run(&policy, &SimulationConfig { seed: 4, ..cfg });
    assert_ne!(a.expected_annual_payout, c.expected_annual_payout);
}

#[test]
fn catalogue_is_deterministic_and_chunk_independent() {
    let cfg = CatalogueConfig {
        size: 30,
        seed: 7,
        ..Default::default()
    };
    let mut b = CatalogueBuilder::new(&cfg).unwrap();
    while !b.is_done() {
        b.step(4).unwrap();
    }
    let chunked = b.finish().unwrap();
    // The same storms and winds as the one-shot build: event i depends on (seed, i, K) alone
    // (K enters through the stratification of the cross-track shift), not on chunk sizes.
    let one_shot = Catalogue::synthetic(&cfg).unwrap();
    assert_eq!(chunked, one_shot);
    // Stratified: each base storm gets K/5 events, one per cross-track stratum.
    let bases: Vec<&str> = chunked
        .events
        .iter()
        .map(|e| match &e.origin {
            zs_risk_map::pricing::catalogue::EventOrigin::Synthetic { base, .. } => base.as_str(),
            _ => "",
        })
        .collect();
    for id in ["hato", "mangkhut", "vicente", "higos", "saola"] {
        assert_eq!(bases.iter().filter(|b| **b == id).count(), 6, "{id}");
    }
    assert!((chunked.total_rate() - 0.5).abs() < 1e-15);
    // Some synthetic storms miss Zhongshan entirely (no district above level 9), some hit hard.
    let pays = |e: &zs_risk_map::pricing::catalogue::CatalogueEvent| {
        e.wind_2min.iter().any(|w| w.tenths() >= 245)
    };
    let n_pay = catalogue().events.iter().filter(|e| pays(e)).count();
    assert!(n_pay > 30 && n_pay < 290, "{n_pay} of 300 paying events");
}

#[test]
fn standard_error_shrinks_with_more_years() {
    let policy = binding_policy();
    let r1 = run(
        &policy,
        &SimulationConfig {
            years: 1000,
            ..Default::default()
        },
    );
    let r10 = run(
        &policy,
        &SimulationConfig {
            years: 10_000,
            ..Default::default()
        },
    );
    // The plain year-mean SE ∝ 1/√N: a factor of √10 ≈ 3.16; allow sampling noise in the sd.
    let ratio = r1.standard_error_plain_mean / r10.standard_error_plain_mean;
    assert!(ratio > d("2.3") && ratio < d("4.3"), "SE ratio {ratio}");
    // The year part of the reported SE (only the aggregate's cut is simulated) shrinks too;
    // the catalogue part does not depend on N (same catalogue).
    assert!(r10.standard_error_years < r1.standard_error_years);
    let cat_ratio = r1.standard_error_catalogue / r10.standard_error_catalogue;
    assert!(cat_ratio > d("0.8") && cat_ratio < d("1.25"), "{cat_ratio}");
    // The two estimates agree within 4 SE.
    let diff = (r1.expected_annual_payout - r10.expected_annual_payout).abs();
    assert!(diff < r1.standard_error * d("4"), "{diff}");
}

#[test]
fn exceedance_curves_are_monotone_and_consistent() {
    let r = run(
        &tight_policy(),
        &SimulationConfig {
            years: 4000,
            lambda: Some(1.5),
            ..Default::default()
        },
    );
    for w in r.aep_curve.windows(2) {
        assert!(w[0].exceedance_probability < w[1].exceedance_probability);
        assert!(w[0].amount >= w[1].amount, "AEP not non-increasing");
    }
    for w in r.return_periods.windows(2) {
        assert!(w[0].annual_payout <= w[1].annual_payout);
        assert!(w[0].occurrence_payout <= w[1].occurrence_payout);
    }
    for row in &r.return_periods {
        // The largest event of a year never exceeds the year's total.
        assert!(row.occurrence_payout <= row.annual_payout);
        assert!(row.annual_payout.unwrap() <= r.annual_aggregate);
    }
    // EP as a function: non-increasing in the amount, P(≥ 0.01) = P(any payout).
    let mut prev = 1.0;
    for k in 0..=60 {
        let x = Decimal::from(k * 500_000);
        let p = r.aep.exceedance_probability(x);
        assert!(p <= prev);
        prev = p;
    }
    assert_eq!(r.aep.exceedance_probability(d("0.01")), r.prob_any_payout);
    assert!(r.years_exhausted > 0, "tight aggregate is reached");
    let rp = r.exhaustion_return_period_years.unwrap();
    assert!((rp - 4000.0 / r.years_exhausted as f64).abs() < 1e-9);
    assert!(r.attachment_return_period_years.unwrap() <= rp);
    // District expected payouts add up to the total within the per-year rounding (fen).
    let sum: Decimal = r.districts.iter().map(|x| x.expected_payout).sum();
    assert!((sum - r.expected_annual_payout).abs() <= d("0.23"), "{sum}");
}

#[test]
fn raising_a_tier_ratio_never_lowers_the_expected_payout() {
    let base = Policy::default_zhongshan();
    let cfg = SimulationConfig {
        years: 3000,
        seed: 5,
        ..Default::default()
    };
    let r0 = run(&base, &cfg);
    let mut dto = base.source.clone();
    let tiers = &mut dto.perils.typhoon.as_mut().unwrap().tiers;
    tiers[0].ratio = serde_json::json!("0.08"); // level 10: 5 % → 8 %
    let r1 = run(&Policy::from_dto(dto).unwrap(), &cfg);
    assert!(r1.expected_annual_payout > r0.expected_annual_payout);
    assert!(r1.prob_any_payout == r0.prob_any_payout);
    for (a, b) in r0.return_periods.iter().zip(&r1.return_periods) {
        assert!(b.annual_payout >= a.annual_payout);
    }
}

#[test]
fn technical_premium_uses_the_gross_up_and_compares_with_the_policy_premium() {
    let r = run(
        &Policy::default_zhongshan(),
        &SimulationConfig {
            years: 1000,
            ..Default::default()
        },
    );
    let p = &r.premium;
    assert_eq!(p.pure, r.expected_annual_payout);
    let want = zs_risk_map::money::round_fen(p.pure * d("1.05") / d("0.7948"));
    assert_eq!(p.gross, want);
    let c = p.comparison.as_ref().unwrap();
    assert_eq!(c.premium, d("11460000.00"));
    assert_eq!(c.difference, c.premium - p.gross);
}

#[test]
fn basis_risk_tallies_are_complete() {
    let r = run(
        &Policy::default_zhongshan(),
        &SimulationConfig {
            years: 3000,
            ..Default::default()
        },
    );
    for c in [&r.basis_risk.per_event, &r.basis_risk.per_year] {
        assert_eq!(
            c.items,
            c.paid_with_loss + c.paid_without_loss + c.loss_without_payout + c.neither
        );
        let corr = c.correlation.unwrap();
        assert!((-1.0..=1.0).contains(&corr));
    }
    assert_eq!(r.basis_risk.per_year.items, 3000);
    assert!(r.basis_risk.expected_annual_modelled_loss > Decimal::ZERO);
    assert!(!r.basis_risk.scatter.is_empty());
}

#[test]
fn user_event_set_is_validated_with_errors_naming_the_field() {
    let w = WindModelOptions::default();
    let err = |t: &str| Catalogue::from_event_set_json(t, &w).unwrap_err();
    let e = err(
        r#"{"events": [{"annual_rate": 0.1, "winds_ms": {"442000107": 40}},
                              {"annual_rate": -1, "winds_ms": {}}]}"#,
    );
    assert_eq!(e.code(), "OUT_OF_RANGE");
    assert_eq!(e.field_id(), Some("event_set.events[1].annual_rate"));
    assert!(e.message_zh().contains("年发生率"), "{}", e.message_zh());
    let e = err(r#"{"events": [{"annual_rate": 0.1, "winds_ms": {"999": 40}}]}"#);
    assert_eq!(e.code(), "UNKNOWN_DISTRICT");
    assert!(e.to_string().contains("events[0].winds_ms"), "{e}");
    let e = err(r#"{"events": [{"annual_rate": 0.1}]}"#);
    assert!(e.to_string().contains("exactly one of"), "{e}");
    let e = err(r#"{"events": [{"annual_rate": 0.1, "winds_ms": {"442000107": 400}}]}"#);
    assert!(
        e.to_string().contains("events[0].winds_ms.442000107"),
        "{e}"
    );
    let e = err(r#"{"events": [{"rate": 0.1}]}"#);
    assert_eq!(e.code(), "NOT_JSON");
    assert!(e.to_string().contains("rate"), "{e}");
    let e = err(r#"{"events": [{"annual_rate": 0.1, "track": {"points": [
        {"time": "2024-09-01T00:00Z", "lat": 21, "lon": 115, "pressure_hpa": 950, "wind_ms": 45}]}}]}"#);
    assert_eq!(e.code(), "INVALID_TRACK");
    assert!(e.to_string().contains("events[0].track"), "{e}");
    assert_eq!(err(r#"{"events": []}"#).code(), "INVALID_INPUT");

    // A valid set: winds at 坦洲 (level 13 → 35 %) and a track, 0.3 events a year in all.
    let cat = Catalogue::from_event_set_json(
        r#"{"label": "test", "events": [
            {"name": "A", "annual_rate": 0.2, "winds_ms": {"442000107": 41.3}},
            {"name": "B", "annual_rate": 0.1,
             "track": {"points": [
               {"time": "2024-09-01T00:00Z", "lat": 21.0, "lon": 115.5, "pressure_hpa": 950, "wind_ms": 45},
               {"time": "2024-09-01T12:00Z", "lat": 22.0, "lon": 113.8, "pressure_hpa": 955, "wind_ms": 42},
               {"time": "2024-09-02T00:00Z", "lat": 22.8, "lon": 112.5, "pressure_hpa": 975, "wind_ms": 30}]}}]}"#,
        &w,
    )
    .unwrap();
    assert_eq!(cat.events.len(), 2);
    assert!((cat.total_rate() - 0.3).abs() < 1e-12);
    let k = cat.codes.iter().position(|c| c == "442000107").unwrap();
    assert_eq!(cat.events[0].wind_2min[k].tenths(), 413);
    assert!(cat.events[1].wind_2min.iter().any(|v| v.tenths() > 0));
    let mut sim = Simulation::new(
        &cat,
        &Policy::default_zhongshan(),
        &SimulationConfig {
            years: 2000,
            ..Default::default()
        },
    )
    .unwrap();
    sim.step(2000);
    let r = sim.result().unwrap();
    assert!((r.lambda - 0.3).abs() < 1e-12);
    assert!(
        r.prob_any_payout > 0.15 && r.prob_any_payout < 0.35,
        "{}",
        r.prob_any_payout
    );
}

/// User winds are surface winds at the town: a 2-min wind is the index unchanged, a 1-min wind
/// is converted by the town exposure's gust factors (the withdrawn ×0.871 must not come back).
#[test]
fn user_winds_convert_by_the_town_exposure_not_by_a_fixed_factor() {
    use zs_risk_map::hazard::district::town_exposure;
    use zs_risk_map::hazard::surface::{Site, SiteFactors, CALIBRATED};
    let w = WindModelOptions::default();
    let codes = ["442000107", "442000001"];
    for code in codes {
        let set = |avg: &str| {
            format!(
                r#"{{"events": [{{"annual_rate": 0.1, "averaging": "{avg}", "winds_ms": {{"{code}": 40}}}}]}}"#
            )
        };
        let two = Catalogue::from_event_set_json(&set("two_min"), &w).unwrap();
        let one = Catalogue::from_event_set_json(&set("one_min"), &w).unwrap();
        let k = two.codes.iter().position(|c| c == code).unwrap();
        assert_eq!(two.events[0].wind_2min[k].tenths(), 400, "{code}");
        let f = SiteFactors::new(&Site::at_10m(town_exposure(code)), &CALIBRATED);
        let expect = 40.0 * f.mean_2min / f.mean_1min;
        let got = one.events[0].wind_2min[k].ms();
        assert!((got - expect).abs() <= 0.051, "{code}: {got} vs {expect}");
        assert!(
            got < 40.0,
            "{code}: the 2-min mean is below the 1-min mean: {got}"
        );
        // The damage input is the model reference wind the surface wind came from.
        let reference = one.events[0].wind_1min[k].ms();
        assert!(
            (reference - 40.0 / f.mean_1min).abs() <= 0.051,
            "{code}: {reference}"
        );
    }
}
