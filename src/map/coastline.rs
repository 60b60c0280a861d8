//! Regional coastline (区域海岸线) of the Pearl River estuary and the Guangdong coast around
//! Zhongshan, for the regional typhoon map: Natural Earth 1:10m land (public domain) via npm
//! `world-atlas` 2.0.2, clipped to [`REGION_BBOX`] by `examples/build_coastline.rs`.
//! Provenance and processing: `docs/briefing.md` §5, `data/README.md`.
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used
    )
)]

use serde::Deserialize;

use crate::{Error, Result};

/// The committed clipped land polygons.
pub const COASTLINE_JSON: &str = include_str!("../../data/coastline_prd.json");

/// The region covered: `[lon_min, lat_min, lon_max, lat_max]`, degrees (WGS-84).
pub const REGION_BBOX: [f64; 4] = [111.5, 20.5, 115.5, 23.8];

/// Coordinates are stored as integers in this unit of degrees.
pub const COORD_UNIT_DEG: f64 = 0.001;

/// Largest coastline file accepted, bytes.
const MAX_BYTES: usize = 2 * 1024 * 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dto {
    bbox: [f64; 4],
    unit_deg: f64,
    source: String,
    licence: String,
    /// Each ring: flat `[lon, lat, lon, lat, …]` in `unit_deg`.
    rings: Vec<Vec<i64>>,
}

/// Land polygons clipped to a box: each ring closed implicitly, (lon, lat) degrees. Edges
/// that run along the box border are clipping artefacts, not coast ([`Coastline::is_border_edge`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Coastline {
    /// `[lon_min, lat_min, lon_max, lat_max]`.
    pub bbox: [f64; 4],
    /// Land rings, (lon, lat).
    pub rings: Vec<Vec<(f64, f64)>>,
    /// Data source and version.
    pub source: String,
    /// Licence of the data.
    pub licence: String,
}

impl Coastline {
    /// The committed regional coastline.
    ///
    /// # Errors
    /// As [`Coastline::from_json`] (the committed file is checked by `tests/regional.rs`).
    pub fn builtin() -> Result<Coastline> {
        Coastline::from_json(COASTLINE_JSON)
    }

    /// Parses the compact JSON written by `examples/build_coastline.rs`.
    ///
    /// # Errors
    /// `TOO_LARGE` over 2 MiB; [`Error::NotJson`]; `INVALID_INPUT` (field `coastline`) for an
    /// odd coordinate count, a ring of fewer than 3 points or a bad unit.
    pub fn from_json(text: &str) -> Result<Coastline> {
        if text.len() > MAX_BYTES {
            return Err(Error::too_large(
                "coastline",
                "海岸线文件超过 2 MiB".to_string(),
                "the coastline file is over 2 MiB".to_string(),
            ));
        }
        let dto: Dto = serde_json::from_str(text).map_err(|e| Error::NotJson(e.to_string()))?;
        let bad = |why: &str| {
            Error::invalid_field(
                "coastline",
                format!("海岸线数据无效：{why}"),
                format!("invalid coastline data: {why}"),
            )
        };
        if !(dto.unit_deg.is_finite() && dto.unit_deg > 0.0 && dto.unit_deg <= 1.0) {
            return Err(bad("unit_deg"));
        }
        let mut rings = Vec::with_capacity(dto.rings.len());
        for flat in &dto.rings {
            if flat.len() % 2 != 0 || flat.len() < 6 {
                return Err(bad("a ring needs an even count of at least 6 numbers"));
            }
            rings.push(
                flat.chunks_exact(2)
                    .filter_map(|c| match c {
                        [x, y] => Some((*x as f64 * dto.unit_deg, *y as f64 * dto.unit_deg)),
                        _ => None,
                    })
                    .collect(),
            );
        }
        Ok(Coastline {
            bbox: dto.bbox,
            rings,
            source: dto.source,
            licence: dto.licence,
        })
    }

    /// Whether the edge a→b lies on the clipping box border (not a real coast).
    pub fn is_border_edge(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let eps = COORD_UNIT_DEG * 0.6;
        let [x0, y0, x1, y1] = self.bbox;
        let on = |v: f64, e: f64| (v - e).abs() < eps;
        (on(a.0, x0) && on(b.0, x0))
            || (on(a.0, x1) && on(b.0, x1))
            || (on(a.1, y0) && on(b.1, y0))
            || (on(a.1, y1) && on(b.1, y1))
    }

    /// Whether (lon, lat) is on land (even–odd rule over the rings).
    pub fn is_land(&self, lon: f64, lat: f64) -> bool {
        let mut inside = false;
        for ring in &self.rings {
            for (a, b) in ring.iter().zip(ring.iter().cycle().skip(1)) {
                if (a.1 > lat) != (b.1 > lat) {
                    let x = a.0 + (lat - a.1) / (b.1 - a.1) * (b.0 - a.0);
                    if lon < x {
                        inside = !inside;
                    }
                }
            }
        }
        inside
    }
}
