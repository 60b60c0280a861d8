//! Fixtures shared by test files (`mod common;`): the regional-map scene of the example
//! bulletin, used by tests/regional.rs and tests/palette.rs.
#![allow(dead_code)] // each test file uses part of it

use std::collections::BTreeMap;

use zs_risk_map::forecast::Bulletin;
use zs_risk_map::hazard::{scenarios, Track};
use zs_risk_map::layers::{LayerSpec, PaintedLayer};
use zs_risk_map::map::coastline::Coastline;
use zs_risk_map::map::DistrictLayer;
use zs_risk_map::present::regional::WindRadii;

/// The example bulletin (苏拉, data/forecasts/example_bulletin.json).
pub const EXAMPLE: &str = include_str!("../../data/forecasts/example_bulletin.json");

/// The regional scene's parts: coastline, Saola's track, the example bulletin, the built-in
/// districts and a 0…1 ramp over them (the inset).
pub fn scene_parts() -> (Coastline, Track, Bulletin, DistrictLayer, PaintedLayer) {
    let layer = DistrictLayer::builtin();
    let values: BTreeMap<String, f64> = layer
        .districts()
        .iter()
        .enumerate()
        .map(|(i, d)| (d.code.clone(), i as f64 / 22.0))
        .collect();
    let painted = PaintedLayer::from_values(&LayerSpec::ramp_for("p10"), &layer, &values);
    (
        Coastline::builtin().unwrap(),
        scenarios::track("saola").unwrap(),
        Bulletin::from_json(EXAMPLE).unwrap(),
        layer,
        painted,
    )
}

/// The 7/10/12 级 radii of the bulletin's first point that reports any, drawn about its first
/// (current) point.
pub fn current_wind_radii(b: &Bulletin) -> Vec<WindRadii> {
    let first = b.points.first().unwrap();
    let radii = b.points.iter().find_map(|p| p.radii_km).unwrap();
    [(7u8, radii.r7), (10, radii.r10), (12, radii.r12)]
        .into_iter()
        .filter_map(|(level, r)| {
            r.map(|radii_km| WindRadii {
                centre: (first.lon, first.lat),
                level,
                radii_km,
            })
        })
        .collect()
}
