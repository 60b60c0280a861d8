//! Extreme values through every numeric input of the pricing engine (issue 9): catalogue size,
//! λ, years, seeds, compare premium, exposure, damage, loadings, event sets. Nothing panics;
//! rejections are coded field errors; limits apply before allocation.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::json;
use zs_risk_map::hazard::WindModelOptions;
use zs_risk_map::payout::policy::Policy;
use zs_risk_map::pricing::catalogue::MAX_CATALOGUE_SIZE;
use zs_risk_map::pricing::damage::{EmanuelParams, ExposureSpec};
use zs_risk_map::pricing::{
    Catalogue, CatalogueBuilder, CatalogueConfig, Loadings, Simulation, SimulationConfig,
};

const F64S: [f64; 10] = [
    0.0,
    -0.0,
    f64::MAX,
    1e308,
    -1e308,
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::MIN_POSITIVE,
    -1.0,
];

fn small_catalogue() -> Catalogue {
    Catalogue::synthetic(&CatalogueConfig {
        size: 10,
        ..Default::default()
    })
    .unwrap()
}

#[test]
fn issue_example_tiny_sum_insured_and_huge_compare_premium() {
    let mut dto = Policy::default_zhongshan().source.clone();
    dto.sum_insured = json!("1");
    dto.per_event_cap = Some(json!("1"));
    dto.annual_aggregate = Some(json!("1"));
    let policy = Policy::from_dto(dto).unwrap();
    let cat = small_catalogue();
    for premium in ["1e28", "79228162514264337593543950335", "1000000000000.01"] {
        let cfg = SimulationConfig {
            years: 50,
            compare_premium: Some(
                Decimal::from_scientific(premium)
                    .or_else(|_| Decimal::from_str(premium))
                    .unwrap(),
            ),
            ..Default::default()
        };
        let e = Simulation::new(&cat, &policy, &cfg).unwrap_err();
        assert_eq!(
            (e.code(), e.field_id()),
            ("OUT_OF_RANGE", Some("pricing.compare_premium")),
            "{premium}"
        );
        assert!(e.message_zh().contains("对比保费"));
    }
    // The largest accepted premium against a 1 元 sum insured prices without overflow.
    let cfg = SimulationConfig {
        years: 50,
        compare_premium: Some(Decimal::from(1_000_000_000_000i64)),
        ..Default::default()
    };
    let mut sim = Simulation::new(&cat, &policy, &cfg).unwrap();
    sim.step(50);
    let r = sim.result().unwrap();
    let c = r.premium.comparison.unwrap();
    assert_eq!(c.rate_on_line.to_string(), "1000000000000.000000");
}

#[test]
fn catalogue_settings_with_extreme_values_are_refused_by_name() {
    for x in F64S {
        let cfg = CatalogueConfig {
            size: 5,
            lambda: x,
            ..Default::default()
        };
        match CatalogueBuilder::new(&cfg) {
            Ok(_) => assert!(x > 0.0 && x <= 50.0, "λ = {x} accepted"),
            Err(e) => assert_eq!(e.field_id(), Some("catalogue.lambda"), "λ = {x}: {e}"),
        }
        let mut p = CatalogueConfig::default().perturbation;
        p.cross_track_km = x;
        let cfg = CatalogueConfig {
            size: 5,
            perturbation: p,
            ..Default::default()
        };
        if let Err(e) = CatalogueBuilder::new(&cfg) {
            assert_eq!(e.code(), "OUT_OF_RANGE", "{x}");
            assert_eq!(e.field_id(), Some("catalogue.perturbation.cross_track_km"));
        }
    }
    let e = CatalogueBuilder::new(&CatalogueConfig {
        size: 0,
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(
        (e.code(), e.field_id()),
        ("OUT_OF_RANGE", Some("catalogue.size"))
    );
    for size in [MAX_CATALOGUE_SIZE + 1, usize::MAX] {
        let e = CatalogueBuilder::new(&CatalogueConfig {
            size,
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(
            (e.code(), e.field_id()),
            ("TOO_LARGE", Some("catalogue.size"))
        );
    }
}

#[test]
fn simulation_settings_with_extreme_values_are_refused_by_name() {
    let cat = small_catalogue();
    let policy = Policy::default_zhongshan();
    let new = |cfg: SimulationConfig| Simulation::new(&cat, &policy, &cfg);
    for (years, code) in [
        (0, "OUT_OF_RANGE"),
        (1_000_001, "TOO_LARGE"),
        (u32::MAX, "TOO_LARGE"),
    ] {
        let e = new(SimulationConfig {
            years,
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!((e.code(), e.field_id()), (code, Some("simulation.years")));
    }
    for x in F64S {
        let ok_lambda = x > 0.0 && x <= 50.0;
        let r = new(SimulationConfig {
            years: 10,
            lambda: Some(x),
            ..Default::default()
        });
        assert_eq!(r.is_ok(), ok_lambda, "λ = {x}");
        if let Err(e) = r {
            assert_eq!(e.field_id(), Some("simulation.lambda"));
        }
        for (cfg, field) in [
            (
                SimulationConfig {
                    material_loss_yuan: x,
                    ..Default::default()
                },
                "simulation.material_loss_yuan",
            ),
            (
                SimulationConfig {
                    exposure: ExposureSpec::Population { yuan_per_person: x },
                    ..Default::default()
                },
                "exposure.yuan_per_person",
            ),
            (
                SimulationConfig {
                    damage: EmanuelParams {
                        v_half_ms: x,
                        ..Default::default()
                    },
                    ..Default::default()
                },
                "damage.v_half_ms",
            ),
        ] {
            match new(SimulationConfig { years: 10, ..cfg }) {
                Ok(mut s) => {
                    s.step(10);
                    s.result().unwrap();
                }
                Err(e) => assert_eq!(
                    (e.code(), e.field_id()),
                    ("OUT_OF_RANGE", Some(field)),
                    "{field} = {x}"
                ),
            }
        }
    }
    // Loadings at the edges of Decimal.
    for x in [
        Decimal::MAX,
        Decimal::MIN,
        Decimal::ONE,
        Decimal::new(-1, 28),
    ] {
        let cfg = SimulationConfig {
            years: 10,
            loadings: Loadings {
                safety: x,
                ..Default::default()
            },
            ..Default::default()
        };
        let e = new(cfg).unwrap_err();
        assert_eq!(
            (e.code(), e.field_id()),
            ("OUT_OF_RANGE", Some("loadings.safety"))
        );
    }
}

#[test]
fn event_sets_are_bounded_before_any_wind_field() {
    let w = WindModelOptions::default();
    // Too many events: refused by count (the JSON is parsed, no wind field computed).
    let events: Vec<_> = (0..=MAX_CATALOGUE_SIZE)
        .map(|_| json!({"annual_rate": 0.001, "winds_ms": {}}))
        .collect();
    let e =
        Catalogue::from_event_set_json(&json!({ "events": events }).to_string(), &w).unwrap_err();
    assert_eq!(
        (e.code(), e.field_id()),
        ("TOO_LARGE", Some("event_set.events"))
    );
    // Too many bytes.
    let big = " ".repeat(9 * 1024 * 1024);
    assert_eq!(
        Catalogue::from_event_set_json(&big, &w).unwrap_err().code(),
        "TOO_LARGE"
    );
    // A track spanning years 0001–9999 (the issue's capacity overflow) is refused by duration.
    let t = json!({"events": [{"annual_rate": 0.1, "track": {"points": [
        {"time": "0001-01-01T00:00Z", "lat": 21.0, "lon": 115.0, "pressure_hpa": 950, "wind_ms": 45},
        {"time": "9999-12-31T00:00Z", "lat": 22.0, "lon": 113.0, "pressure_hpa": 960, "wind_ms": 40}]}}]});
    let e = Catalogue::from_event_set_json(&t.to_string(), &w).unwrap_err();
    assert!(
        matches!(e.code(), "TOO_LARGE" | "INVALID_TRACK"),
        "{}: {e}",
        e.code()
    );
    // Extreme rates and winds.
    for x in ["0", "-0.0", "1e308", "-1", "50.0000001", "1e-300"] {
        let t =
            format!(r#"{{"events": [{{"annual_rate": {x}, "winds_ms": {{"442000107": 40}}}}]}}"#);
        match Catalogue::from_event_set_json(&t, &w) {
            Ok(cat) => {
                let mut sim = Simulation::new(
                    &cat,
                    &Policy::default_zhongshan(),
                    &SimulationConfig {
                        years: 20,
                        ..Default::default()
                    },
                )
                .unwrap();
                sim.step(20);
                sim.result().unwrap();
            }
            Err(e) => assert_eq!(
                (e.code(), e.field_id()),
                ("OUT_OF_RANGE", Some("event_set.events[0].annual_rate")),
                "{x}"
            ),
        }
        let t =
            format!(r#"{{"events": [{{"annual_rate": 0.1, "winds_ms": {{"442000107": {x}}}}}]}}"#);
        if let Err(e) = Catalogue::from_event_set_json(&t, &w) {
            assert_eq!(
                e.field_id(),
                Some("event_set.events[0].winds_ms.442000107"),
                "{x}"
            );
        }
    }
}
