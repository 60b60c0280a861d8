//! GeoJSON input (边界数据导入): text → validated [`DistrictLayer`].
//!
//! Accepts a `FeatureCollection` of `Polygon` / `MultiPolygon` features. Properties:
//! `code` (required, unique; string or integer), `name_zh` (or `name`), `name_en`; every other
//! numeric property becomes a numeric attribute, every string property a text attribute.
//! When a code is one of the 23 towns, the facts of `towns.csv` fill the attributes the file
//! does not give, and the town seat becomes the representative point.
//!
//! Limits, so a wrong file cannot freeze a browser tab: [`MAX_BYTES`] of text,
//! [`MAX_FEATURES`] features, [`MAX_VERTICES`] vertices in total.

use std::collections::BTreeMap;

use geo::{Coord, LineString, MultiPolygon, Point, Polygon};
use serde_json::{Map, Value};

use super::crs::{gcj02_to_wgs84, Crs};
use super::{towns, District, DistrictLayer, LayerSource};
use crate::{Error, Result};

/// Largest accepted GeoJSON text: 20 MB.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// Most features accepted in one layer.
pub const MAX_FEATURES: usize = 2_000;
/// Most vertices accepted over all features.
pub const MAX_VERTICES: usize = 1_000_000;

/// Longest accepted district code (编码), in characters.
pub const MAX_CODE_CHARS: usize = 64;

/// Longest accepted attribution (数据来源说明), in characters: it is drawn on the map.
pub const MAX_ATTRIBUTION_CHARS: usize = 500;

/// Options for [`parse_layer`].
#[derive(Debug, Clone, PartialEq)]
pub struct LoadOptions {
    /// Coordinate system of the file; GCJ-02 is converted to WGS-84.
    pub crs: Crs,
    /// Attribution to draw on the map (e.g. "© OpenStreetMap contributors (ODbL)"). When
    /// `None`, the collection's own `attribution` member is used if present.
    pub attribution: Option<String>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            crs: Crs::Wgs84,
            attribution: None,
        }
    }
}

/// Parses and validates GeoJSON text into a layer.
///
/// # Errors
/// [`Error::NotJson`] (with line and column), [`Error::InvalidGeometry`] naming the feature
/// index and code, and [`Error::InvalidInput`] for size limits, missing or duplicate codes
/// and an empty collection.
///
/// ```
/// use zs_risk_map::map::geojson::{parse_layer, LoadOptions};
/// let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
///   "properties":{"code":"A1","name_zh":"甲","risk":3},
///   "geometry":{"type":"Polygon","coordinates":[[[113,22],[113.1,22],[113.1,22.1],[113,22]]]}}]}"#;
/// let layer = parse_layer(text, &LoadOptions::default()).unwrap();
/// assert_eq!(layer.districts()[0].attribute("risk"), Some(3.0));
/// ```
pub fn parse_layer(text: &str, options: &LoadOptions) -> Result<DistrictLayer> {
    if text.len() > MAX_BYTES {
        let mb = text.len() as f64 / 1_048_576.0;
        return Err(Error::too_large(
            "geojson",
            format!("边界数据文件 {mb:.1} MB，超过上限 20 MB"),
            format!("GeoJSON is {mb:.1} MB; the limit is 20 MB"),
        ));
    }
    let root: Value = serde_json::from_str(text).map_err(|e| Error::NotJson(e.to_string()))?;
    let obj = root
        .as_object()
        .ok_or_else(|| Error::InvalidGeometry("top level must be a GeoJSON object".into()))?;
    match obj.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => {}
        Some(other) => {
            return Err(Error::InvalidGeometry(format!(
                "top-level type is '{other}'; expected 'FeatureCollection'"
            )))
        }
        None => return Err(Error::InvalidGeometry("top-level 'type' is missing".into())),
    }
    let features = obj
        .get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| Error::InvalidGeometry("'features' must be an array".into()))?;
    if features.is_empty() {
        return Err(Error::InvalidInput(
            "the FeatureCollection has no features".into(),
        ));
    }
    if features.len() > MAX_FEATURES {
        let n = features.len();
        return Err(Error::too_large(
            "geojson.features",
            format!("边界数据有 {n} 个要素，上限为 {MAX_FEATURES} 个"),
            format!("{n} features; the limit is {MAX_FEATURES}"),
        ));
    }
    let facts: BTreeMap<String, towns::TownFacts> = towns::town_facts()
        .into_iter()
        .map(|t| (t.code.clone(), t))
        .collect();
    let mut vertices = 0usize;
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut districts = Vec::with_capacity(features.len());
    for (i, f) in features.iter().enumerate() {
        let district = parse_feature(i, f, options.crs, &facts, &mut vertices)?;
        if let Some(first) = seen.insert(district.code.clone(), i) {
            return Err(Error::InvalidInput(format!(
                "feature {i}: duplicate code '{}' (already used by feature {first})",
                district.code
            )));
        }
        districts.push(district);
    }
    let attribution = options
        .attribution
        .clone()
        .or_else(|| {
            obj.get("attribution")
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .unwrap_or_default();
    if attribution.chars().count() > MAX_ATTRIBUTION_CHARS {
        return Err(Error::too_large(
            "geojson.attribution",
            format!("数据来源说明超过 {MAX_ATTRIBUTION_CHARS} 个字符"),
            format!("the attribution is longer than {MAX_ATTRIBUTION_CHARS} characters"),
        ));
    }
    Ok(DistrictLayer::new(
        districts,
        LayerSource::Loaded { attribution },
    ))
}

fn parse_feature(
    i: usize,
    f: &Value,
    crs: Crs,
    facts: &BTreeMap<String, towns::TownFacts>,
    vertices: &mut usize,
) -> Result<District> {
    let f = f
        .as_object()
        .ok_or_else(|| Error::InvalidGeometry(format!("feature {i}: not an object")))?;
    if f.get("type").and_then(Value::as_str) != Some("Feature") {
        return Err(Error::InvalidGeometry(format!(
            "feature {i}: 'type' must be 'Feature'"
        )));
    }
    let empty = Map::new();
    let props = match f.get("properties") {
        Some(Value::Object(m)) => m,
        Some(Value::Null) | None => &empty,
        Some(_) => {
            return Err(Error::InvalidInput(format!(
                "feature {i}: 'properties' must be an object"
            )))
        }
    };
    let code = match props.get("code") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(n)) if n.is_u64() => n.to_string(),
        Some(_) => {
            return Err(Error::InvalidInput(format!(
                "feature {i}: property 'code' must be a non-empty string"
            )))
        }
        None => {
            return Err(Error::InvalidInput(format!(
                "feature {i}: property 'code' is missing"
            )))
        }
    };
    if code.chars().count() > MAX_CODE_CHARS {
        return Err(Error::too_large(
            format!("geojson.features[{i}].properties.code"),
            format!("边界数据第 {i} 个要素的编码超过 {MAX_CODE_CHARS} 个字符"),
            format!("feature {i}: property 'code' is longer than {MAX_CODE_CHARS} characters"),
        ));
    }
    let label = format!("feature {i} (code {code})");
    let geometry = f
        .get("geometry")
        .and_then(Value::as_object)
        .ok_or_else(|| Error::InvalidGeometry(format!("{label}: 'geometry' is missing or null")))?;
    let coords = geometry
        .get("coordinates")
        .ok_or_else(|| Error::InvalidGeometry(format!("{label}: geometry has no 'coordinates'")))?;
    let shape = match geometry.get("type").and_then(Value::as_str) {
        Some("Polygon") => MultiPolygon(vec![parse_polygon(&label, coords, crs, vertices)?]),
        Some("MultiPolygon") => {
            let polys = coords.as_array().ok_or_else(|| {
                Error::InvalidGeometry(format!(
                    "{label}: MultiPolygon coordinates must be an array"
                ))
            })?;
            if polys.is_empty() {
                return Err(Error::InvalidGeometry(format!(
                    "{label}: MultiPolygon is empty"
                )));
            }
            let mut out = Vec::with_capacity(polys.len());
            for (p, poly) in polys.iter().enumerate() {
                out.push(parse_polygon(
                    &format!("{label}, polygon {p}"),
                    poly,
                    crs,
                    vertices,
                )?);
            }
            MultiPolygon(out)
        }
        Some(other) => {
            return Err(Error::InvalidGeometry(format!(
                "{label}: geometry type '{other}' is not supported; use Polygon or MultiPolygon"
            )))
        }
        None => {
            return Err(Error::InvalidGeometry(format!(
                "{label}: geometry 'type' is missing"
            )))
        }
    };
    let fact = facts.get(&code);
    let str_prop = |k: &str| props.get(k).and_then(Value::as_str).map(str::to_string);
    let name_zh = str_prop("name_zh")
        .or_else(|| str_prop("name"))
        .or_else(|| fact.map(|t| t.name_zh.clone()))
        .unwrap_or_else(|| code.clone());
    let name_en = str_prop("name_en")
        .or_else(|| fact.map(|t| t.name_en.clone()))
        .unwrap_or_else(|| code.clone());
    let seat = match fact {
        Some(t) => t.seat,
        None => declared_seat(props, crs)
            .or_else(|| super::geometry::interior_point(&shape))
            .ok_or_else(|| Error::InvalidGeometry(format!("{label}: polygon has no interior")))?,
    };
    let mut d = District::new(code, name_zh, name_en, shape, seat);
    for (k, v) in props {
        match v {
            Value::Number(n) => {
                let Some(x) = n.as_f64().filter(|x| x.is_finite()) else {
                    continue;
                };
                if !super::is_layer_value(x) {
                    return Err(Error::out_of_range(
                        format!("geojson.features[{i}].properties.{k}"),
                        format!(
                            "边界数据第 {i} 个要素（编码 {}）的属性“{k}”= {x:e}，超出图层数值范围 ±1e15",
                            d.code
                        ),
                        format!(
                            "{label}: property '{k}' = {x:e} is outside the layer value range ±1e15"
                        ),
                    ));
                }
                d.attributes.insert(k.clone(), x);
            }
            Value::String(s) if !matches!(k.as_str(), "code" | "name_zh" | "name_en") => {
                d.text.insert(k.clone(), s.clone());
            }
            _ => {}
        }
    }
    if let Some(t) = fact {
        for (k, v) in &t.numbers {
            d.attributes.entry(k.clone()).or_insert(*v);
        }
        for (k, v) in &t.text {
            d.text.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
    Ok(d)
}

fn declared_seat(props: &Map<String, Value>, crs: Crs) -> Option<Point<f64>> {
    for (lon_k, lat_k) in [
        ("seat_lon", "seat_lat"),
        ("admin_centre_lon", "admin_centre_lat"),
    ] {
        if let (Some(lon), Some(lat)) = (
            props.get(lon_k).and_then(Value::as_f64),
            props.get(lat_k).and_then(Value::as_f64),
        ) {
            if lon.is_finite() && lat.is_finite() && lon.abs() <= 180.0 && lat.abs() <= 90.0 {
                let (lon, lat) = to_wgs84(crs, lon, lat);
                return Some(Point::new(lon, lat));
            }
        }
    }
    None
}

fn to_wgs84(crs: Crs, lon: f64, lat: f64) -> (f64, f64) {
    match crs {
        Crs::Wgs84 => (lon, lat),
        Crs::Gcj02 => gcj02_to_wgs84(lon, lat),
    }
}

fn parse_polygon(label: &str, v: &Value, crs: Crs, vertices: &mut usize) -> Result<Polygon<f64>> {
    let rings = v.as_array().ok_or_else(|| {
        Error::InvalidGeometry(format!("{label}: polygon must be an array of rings"))
    })?;
    if rings.is_empty() {
        return Err(Error::InvalidGeometry(format!(
            "{label}: polygon has no rings"
        )));
    }
    let mut parsed = Vec::with_capacity(rings.len());
    for (r, ring) in rings.iter().enumerate() {
        parsed.push(parse_ring(
            &format!("{label}, ring {r}"),
            ring,
            crs,
            vertices,
        )?);
    }
    let exterior = parsed.remove(0);
    Ok(Polygon::new(exterior, parsed))
}

fn parse_ring(label: &str, v: &Value, crs: Crs, vertices: &mut usize) -> Result<LineString<f64>> {
    let pts = v.as_array().ok_or_else(|| {
        Error::InvalidGeometry(format!("{label}: ring must be an array of positions"))
    })?;
    if pts.len() < 4 {
        return Err(Error::InvalidGeometry(format!(
            "{label}: ring has {} positions; a closed ring needs at least 4",
            pts.len()
        )));
    }
    *vertices = vertices.saturating_add(pts.len());
    if *vertices > MAX_VERTICES {
        return Err(Error::too_large(
            "geojson.vertices",
            format!("边界数据顶点总数超过 {MAX_VERTICES} 个，请先简化边界"),
            format!("more than {MAX_VERTICES} vertices in total; simplify the boundaries first"),
        ));
    }
    let mut coords = Vec::with_capacity(pts.len());
    for (k, p) in pts.iter().enumerate() {
        let Some([lon, lat, ..]) = p.as_array().map(Vec::as_slice) else {
            return Err(Error::InvalidGeometry(format!(
                "{label}, position {k}: must be [lon, lat]"
            )));
        };
        let (lon, lat) = (lon.as_f64(), lat.as_f64());
        let (Some(lon), Some(lat)) = (lon, lat) else {
            return Err(Error::InvalidGeometry(format!(
                "{label}, position {k}: lon and lat must be numbers"
            )));
        };
        if !lon.is_finite() || !lat.is_finite() {
            return Err(Error::InvalidGeometry(format!(
                "{label}, position {k}: not finite"
            )));
        }
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            return Err(Error::InvalidGeometry(format!(
                "{label}, position {k}: [{lon}, {lat}] is outside the lon/lat range \
                 (projected coordinates are not supported)"
            )));
        }
        coords.push((lon, lat));
    }
    if coords.first() != coords.last() {
        return Err(Error::InvalidGeometry(format!(
            "{label}: ring is not closed (first and last positions differ)"
        )));
    }
    Ok(LineString::new(
        coords
            .into_iter()
            .map(|(lon, lat)| {
                let (x, y) = to_wgs84(crs, lon, lat);
                Coord { x, y }
            })
            .collect(),
    ))
}
