//! Pricing statistics (issue 13 item 8, docs/payout-pricing.md §4–5): the standard error
//! includes the catalogue's own sampling and predicts the seed-to-seed spread; the expected
//! payout is exact over the catalogue before the aggregate; the OEP curve is per occurrence
//! before the annual aggregate; return periods resting on few exceedances say so.

use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use zs_risk_map::payout::policy::{Policy, PolicyDto};
use zs_risk_map::pricing::report::result_csv;
use zs_risk_map::pricing::simulation::FEW_EXCEEDANCES;
use zs_risk_map::pricing::{
    Catalogue, CatalogueConfig, PricingResult, Simulation, SimulationConfig,
};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn f(x: Decimal) -> f64 {
    x.to_f64().unwrap()
}

fn price(k: usize, years: u32, seed: u64, policy: &Policy) -> PricingResult {
    let cat = Catalogue::synthetic(&CatalogueConfig {
        size: k,
        seed,
        ..Default::default()
    })
    .unwrap();
    let mut sim = Simulation::new(
        &cat,
        policy,
        &SimulationConfig {
            years,
            seed,
            ..Default::default()
        },
    )
    .unwrap();
    sim.step(years);
    sim.result().unwrap()
}

fn policy_with(edit: impl FnOnce(&mut PolicyDto)) -> Policy {
    let mut dto = Policy::default_zhongshan().source.clone();
    edit(&mut dto);
    Policy::from_dto(dto).unwrap()
}

fn mean_sd(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    let m = v.iter().sum::<f64>() / n;
    let var = v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0);
    (m, var.sqrt())
}

#[test]
fn standard_error_predicts_the_seed_to_seed_spread() {
    // A small catalogue, so the catalogue's sampling dominates: a year-only SE would
    // underestimate the spread several times over (what issue 13 measured: 1.84×).
    let policy = Policy::default_zhongshan();
    let runs: Vec<PricingResult> = (1..=12).map(|s| price(250, 2000, s, &policy)).collect();
    let expected: Vec<f64> = runs.iter().map(|r| f(r.expected_annual_payout)).collect();
    let (mean, spread) = mean_sd(&expected);
    let se = mean_sd(&runs.iter().map(|r| f(r.standard_error)).collect::<Vec<_>>()).0;
    let se_years = mean_sd(
        &runs
            .iter()
            .map(|r| f(r.standard_error_years))
            .collect::<Vec<_>>(),
    )
    .0;
    let ratio = spread / se;
    println!("K 250, N 2000, 12 seeds: mean {mean:.0}, seed spread {spread:.0}, mean SE {se:.0} (years {se_years:.0}), spread/SE {ratio:.2}");
    // 12 seeds estimate a standard deviation to about ±21 % (1 σ): a generous band.
    assert!((0.55..=1.7).contains(&ratio), "spread / SE = {ratio:.2}");
    assert!(
        spread > 2.0 * se_years,
        "the year part alone would understate the spread"
    );
    for r in &runs {
        let total = f(r.standard_error);
        let parts = f(r.standard_error_years).hypot(f(r.standard_error_catalogue));
        assert!((total - parts).abs() <= 0.02, "{total} vs {parts}");
        let rel = r.relative_standard_error.unwrap();
        assert!((rel - total / f(r.expected_annual_payout)).abs() < 1e-6);
        assert!(r.catalogue_sampled);
    }
}

#[test]
fn expected_payout_is_exact_over_the_catalogue_when_the_aggregate_never_binds() {
    // Aggregate far above any year: nothing is cut, so the expected payout is λ Σ x_k / K with
    // x_k each event's payout (the scatter lists every paying event), independent of the years.
    let policy = policy_with(|p| p.annual_aggregate = Some(serde_json::json!("1000000000000")));
    let a = price(200, 500, 3, &policy);
    let cat_events: Decimal = a.basis_risk.scatter.iter().map(|p| p.payout).sum();
    let exact = cat_events * Decimal::from_str("0.5").unwrap() / Decimal::from(200);
    assert_eq!(
        a.expected_annual_payout,
        zs_risk_map::money::round_fen(exact)
    );
    assert_eq!(a.mean_cut_by_aggregate, d("0.00"));
    assert_eq!(a.standard_error_years, d("0"));
    // The plain mean of the simulated years is noisy around it.
    assert_ne!(a.mean_simulated_annual_payout, a.expected_annual_payout);
    // Another year seed with the same catalogue gives the same expected payout.
    let cat = Catalogue::synthetic(&CatalogueConfig {
        size: 200,
        seed: 3,
        ..Default::default()
    })
    .unwrap();
    let mut sim = Simulation::new(
        &cat,
        &policy,
        &SimulationConfig {
            years: 700,
            seed: 99,
            ..Default::default()
        },
    )
    .unwrap();
    sim.step(700);
    assert_eq!(
        sim.result().unwrap().expected_annual_payout,
        a.expected_annual_payout
    );
    // District expectations add up to the total within the fen roundings of 23 towns.
    let sum: Decimal = a.districts.iter().map(|x| x.expected_payout).sum();
    assert!((sum - a.expected_annual_payout).abs() <= d("0.23"), "{sum}");
}

#[test]
fn a_binding_aggregate_is_subtracted_and_agrees_with_the_plain_mean() {
    let policy = policy_with(|p| p.annual_aggregate = Some(serde_json::json!("20000000")));
    let r = price(300, 20_000, 5, &policy);
    assert!(r.mean_cut_by_aggregate > d("0"));
    // The two parts are reported rounded to the fen each, the total is rounded once from the
    // exact difference: they agree within one fen.
    let parts =
        zs_risk_map::money::round_fen(r.expected_before_aggregate - r.mean_cut_by_aggregate);
    assert!(
        (r.expected_annual_payout - parts).abs() <= d("0.01"),
        "{} vs {parts}",
        r.expected_annual_payout
    );
    // Same catalogue, same years: the two estimators differ by the year-sampling noise of the
    // simulated S only (expected − plain = λ x̄ − mean S_y): bound it by sd(S) ≤ √(λ E[x²]).
    let k = 300.0;
    let ex2: f64 = r
        .basis_risk
        .scatter
        .iter()
        .map(|p| f(p.payout).powi(2))
        .sum::<f64>()
        / k;
    let se_s = (r.lambda * ex2).sqrt() / (20_000f64).sqrt();
    let diff = f(r.expected_annual_payout - r.mean_simulated_annual_payout).abs();
    assert!(diff < 4.0 * se_s, "{diff} vs SE of S {se_s:.0}");
}

#[test]
fn oep_is_per_occurrence_before_the_annual_aggregate() {
    // Aggregate 2,000 万元 below the per-event cap (the sum insured): the largest event of a
    // bad year exceeds the aggregate before it is applied, while no annual total can.
    let policy = policy_with(|p| p.annual_aggregate = Some(serde_json::json!("20000000")));
    let r = price(300, 5000, 2, &policy);
    let max_oep = r.oep_curve.iter().map(|p| p.amount).max().unwrap();
    let max_aep = r.aep_curve.iter().map(|p| p.amount).max().unwrap();
    assert!(max_aep <= r.annual_aggregate);
    assert!(
        max_oep > r.annual_aggregate,
        "OEP {max_oep} is taken after the aggregate"
    );
    for row in &r.return_periods {
        if let Some(o) = row.occurrence_payout {
            assert!(o <= policy.per_event_cap);
        }
    }
}

#[test]
fn return_periods_say_how_many_exceedances_they_rest_on() {
    let r = price(200, 1000, 1, &Policy::default_zhongshan());
    for row in &r.return_periods {
        let k = (1000.0 / row.return_period_years).floor() as u64;
        assert_eq!(row.exceedances, k);
        assert_eq!(row.few_exceedances, (k as usize) < FEW_EXCEEDANCES);
    }
    // 200-yr with 1,000 years: 5 exceedances, flagged; 5-yr: 200, not flagged.
    assert!(r.return_periods.last().unwrap().few_exceedances);
    assert!(!r.return_periods[0].few_exceedances);
    assert_eq!(r.few_exceedances_below, FEW_EXCEEDANCES as u64);
    assert_eq!(
        r.years_paying as f64,
        (r.prob_any_payout * 1000.0).round(),
        "attachment exceedances"
    );
}

#[test]
fn csv_and_json_carry_both_standard_error_figures() {
    let r = price(100, 300, 4, &Policy::default_zhongshan());
    let csv = result_csv(&r);
    for key in [
        "expected_annual_payout_yuan,",
        "standard_error_yuan,",
        "standard_error_years_yuan,",
        "standard_error_catalogue_yuan,",
        "relative_standard_error,",
        "exceedances,few_exceedances",
        "oep_occurrence_payout_before_aggregate_yuan",
    ] {
        assert!(csv.contains(key), "CSV lacks {key}");
    }
    assert!(csv.contains(&format!(
        "standard_error_catalogue_yuan,{},",
        r.standard_error_catalogue
    )));
    let json = serde_json::to_value(&r).unwrap();
    for key in [
        "standard_error",
        "standard_error_years",
        "standard_error_catalogue",
        "relative_standard_error",
        "expected_before_aggregate",
        "mean_cut_by_aggregate",
    ] {
        assert!(!json[key].is_null(), "--json lacks {key}");
    }
    assert_eq!(json["return_periods"][0]["exceedances"], 60);
}
