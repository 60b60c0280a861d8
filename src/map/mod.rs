//! Districts (镇街): Zhongshan's 23 town-level units as polygons with attributes.
//!
//! Not named `geo` on purpose: a local `geo` module would collide with the `geo` crate in paths.
//!
//! - [`DistrictLayer`] is the validated, immutable layer every other part reads.
//! - [`geojson`] turns GeoJSON text into a layer (validation with named errors).
//! - [`crs`] converts GCJ-02 (Amap / most Chinese web maps) to WGS-84.
//! - [`projection`] maps lon/lat to a local equal-scale plane in km (no east–west stretch).
//! - [`schematic`] builds the shipped 示意图 layer: Voronoi cells of the town seats clipped to
//!   the city outline.
//! - [`towns`] holds the town facts of `data/towns.csv` (population, area, surge class…).
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used
    )
)]

#[cfg(feature = "engines")]
pub mod coastline;
pub mod crs;
pub mod geojson;
pub mod geometry;
pub mod projection;
pub mod schematic;
pub mod towns;

use std::collections::BTreeMap;

use geo::{BoundingRect, MultiPolygon, Point, Rect};

/// Largest magnitude of a layer value (图层数值): ±1e15, a quadrillion of any unit, far above
/// every real attribute (population, 元, m/s). GeoJSON attributes beyond it are refused at
/// load (`OUT_OF_RANGE`); model values beyond it, and non-finite ones, are shown as no data by
/// `layers`. Keeping values inside it keeps ramp spans and legend labels finite
/// (docs/robustness.md §1). It lives here, below `layers`, because both the GeoJSON reader and
/// the layer painter apply it.
pub const VALUE_LIMIT: f64 = 1e15;

/// Whether `v` is a usable layer value (district attribute or model value): finite and within
/// ±[`VALUE_LIMIT`].
pub fn is_layer_value(v: f64) -> bool {
    v.is_finite() && v.abs() <= VALUE_LIMIT
}

/// One town-level unit (镇街: 街道 or 镇).
#[derive(Debug, Clone, PartialEq)]
pub struct District {
    /// 9-digit statistical code (统计用区划代码), e.g. `"442000001"`; the identity of a district.
    pub code: String,
    /// Chinese name, e.g. `"石岐街道"`.
    pub name_zh: String,
    /// English name, e.g. `"Shiqi Subdistrict"`; the code when the source has none.
    pub name_en: String,
    /// Boundary in WGS-84 lon/lat degrees (x = lon, y = lat).
    pub shape: MultiPolygon<f64>,
    /// Representative point (代表点) in WGS-84: the town seat for the built-in layer, else the
    /// seat from the town facts when the code is known, else a point inside the polygon.
    /// Hazard indices (peak wind…) are evaluated here.
    pub seat: Point<f64>,
    /// Numeric attributes by name (population, area, any numeric GeoJSON property…).
    pub attributes: BTreeMap<String, f64>,
    /// Text attributes by name (kind, surge class…), for tooltips and tables.
    pub text: BTreeMap<String, String>,
    /// Bounding box of `shape`, cached for hit-testing.
    pub bbox: Rect<f64>,
}

impl District {
    /// Builds a district, computing its bounding box. `shape` must be non-empty.
    pub fn new(
        code: String,
        name_zh: String,
        name_en: String,
        shape: MultiPolygon<f64>,
        seat: Point<f64>,
    ) -> Self {
        let bbox = shape
            .bounding_rect()
            .unwrap_or_else(|| Rect::new(seat.0, seat.0));
        District {
            code,
            name_zh,
            name_en,
            shape,
            seat,
            attributes: BTreeMap::new(),
            text: BTreeMap::new(),
            bbox,
        }
    }

    /// A numeric attribute, if present.
    pub fn attribute(&self, name: &str) -> Option<f64> {
        self.attributes.get(name).copied()
    }
}

/// Where a layer's boundaries come from; decides the attribution shown on the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayerSource {
    /// The shipped schematic (示意图): Voronoi cells, not administrative boundaries.
    Schematic,
    /// Boundaries loaded by the host page; `attribution` is shown on the map (e.g.
    /// "© OpenStreetMap contributors (ODbL)"), empty when the source gave none.
    Loaded {
        /// Attribution text to draw on the map.
        attribution: String,
    },
}

/// A validated set of districts, sorted by code (deterministic order everywhere).
#[derive(Debug, Clone, PartialEq)]
pub struct DistrictLayer {
    districts: Vec<District>,
    source: LayerSource,
}

impl DistrictLayer {
    /// Builds a layer from districts; sorts them by code. Callers validate first
    /// ([`geojson::parse_layer`] does).
    pub fn new(mut districts: Vec<District>, source: LayerSource) -> Self {
        districts.sort_by(|a, b| a.code.cmp(&b.code));
        DistrictLayer { districts, source }
    }

    /// The built-in schematic layer (示意图) of the 23 towns, with the facts of `towns.csv`
    /// as attributes. Built once from the committed `data/zhongshan_schematic.geojson`.
    pub fn builtin() -> DistrictLayer {
        schematic::builtin_layer()
    }

    /// The districts, sorted by code.
    pub fn districts(&self) -> &[District] {
        &self.districts
    }

    /// Where the boundaries come from.
    pub fn source(&self) -> &LayerSource {
        &self.source
    }

    /// The district with `code`, if any.
    pub fn get(&self, code: &str) -> Option<&District> {
        self.districts
            .binary_search_by(|d| d.code.as_str().cmp(code))
            .ok()
            .and_then(|i| self.districts.get(i))
    }

    /// Bounding box of the whole layer in lon/lat.
    pub fn bbox(&self) -> Rect<f64> {
        let mut it = self.districts.iter().map(|d| d.bbox);
        let first = it
            .next()
            .unwrap_or_else(|| Rect::new((0.0, 0.0), (0.0, 0.0)));
        it.fold(first, |acc, r| {
            Rect::new(
                (acc.min().x.min(r.min().x), acc.min().y.min(r.min().y)),
                (acc.max().x.max(r.max().x), acc.max().y.max(r.max().y)),
            )
        })
    }

    /// Names of the numeric attributes every district has (what a layer can colour by).
    pub fn numeric_attributes(&self) -> Vec<String> {
        let Some(first) = self.districts.first() else {
            return Vec::new();
        };
        first
            .attributes
            .keys()
            .filter(|k| self.districts.iter().all(|d| d.attributes.contains_key(*k)))
            .cloned()
            .collect()
    }
}
