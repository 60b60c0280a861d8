//! The shipped schematic layer (示意图): regenerated from its sources it equals the committed
//! file; its cells tile the city outline; and GCJ-02 → WGS-84 conversion brings the outline
//! onto the OSM town union (read from ../shared/data at test time, never committed).

use geo::{Area, BooleanOps, MultiPolygon};
use zs_risk_map::map::geojson::{parse_layer, LoadOptions};
use zs_risk_map::map::projection::LocalEquirect;
use zs_risk_map::map::{schematic, towns, DistrictLayer, LayerSource};

fn km(mp: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    let p = LocalEquirect::new(schematic::CENTRE.0, schematic::CENTRE.1);
    schematic::map_coords(mp, |c| {
        let (x, y) = p.forward(c.x, c.y);
        geo::Coord { x, y }
    })
}

#[test]
fn committed_schematic_equals_generator_output() {
    let towns = towns::town_facts();
    let cells = schematic::build_cells(&towns, &schematic::outline_wgs84());
    let generated = schematic::schematic_geojson(&towns, &cells);
    assert!(
        generated == schematic::SCHEMATIC_GEOJSON,
        "data/zhongshan_schematic.geojson is stale: run `cargo run --release --example build_schematic`"
    );
}

#[test]
fn builtin_layer_has_23_towns_with_facts_and_seats() {
    let layer = DistrictLayer::builtin();
    assert_eq!(layer.districts().len(), 23);
    assert_eq!(layer.source(), &LayerSource::Schematic);
    for (d, t) in layer.districts().iter().zip(towns::town_facts()) {
        assert_eq!(d.code, t.code);
        assert_eq!(
            d.seat, t.seat,
            "{}: representative point is the seat",
            d.code
        );
        assert_eq!(d.attribute("population"), Some(t.numbers["population"]));
        assert!(
            zs_risk_map::map::geometry::contains_point(&d.shape, d.seat.0),
            "{}: seat inside its cell",
            d.code
        );
    }
}

#[test]
fn schematic_cells_tile_the_outline() {
    let layer = DistrictLayer::builtin();
    let outline = km(&schematic::outline_wgs84());
    let cells: Vec<MultiPolygon<f64>> = layer.districts().iter().map(|d| km(&d.shape)).collect();
    let sum: f64 = cells.iter().map(|c| c.unsigned_area()).sum();
    let union = cells
        .iter()
        .skip(1)
        .fold(cells[0].clone(), |acc, c| acc.union(c));
    let union_area = union.unsigned_area();
    let outline_area = outline.unsigned_area();
    let overlap = sum - union_area;
    let diff = (union_area / outline_area - 1.0).abs();
    println!(
        "schematic tiling: Σ cells {sum:.3} km², union {union_area:.3} km², outline {outline_area:.3} km², \
         overlap {overlap:.4} km², union vs outline {:.4} %",
        diff * 100.0
    );
    assert!(overlap.abs() < 0.01 * 1.0, "cells overlap by {overlap} km²");
    assert!(
        diff < 0.005,
        "union differs from the outline by {:.3} %",
        diff * 100.0
    );
}

#[test]
fn gcj02_conversion_brings_the_outline_onto_the_osm_union() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/zhongshan_towns_osm.geojson"
    );
    let text = std::fs::read_to_string(path)
        .expect("../shared/data/zhongshan_towns_osm.geojson is needed for this test");
    let osm = parse_layer(&text, &LoadOptions::default()).expect("OSM layer parses");
    assert_eq!(osm.districts().len(), 23);
    let parts: Vec<MultiPolygon<f64>> = osm.districts().iter().map(|d| km(&d.shape)).collect();
    let osm_union = parts
        .iter()
        .skip(1)
        .fold(parts[0].clone(), |acc, p| acc.union(p));
    let iou = |a: &MultiPolygon<f64>| {
        a.intersection(&osm_union).unsigned_area() / a.union(&osm_union).unsigned_area()
    };
    let before = iou(&km(&schematic::outline_raw_gcj02()));
    let after = iou(&km(&schematic::outline_wgs84()));
    println!(
        "outline vs OSM union IoU: before conversion {before:.4}, after GCJ-02→WGS-84 {after:.4}"
    );
    assert!(
        after > before + 0.02,
        "conversion should improve the fit: {before} → {after}"
    );
    assert!(after > 0.94, "IoU after conversion {after}");
}
