//! Storm peaks at arbitrary points (任意地点的风): a CSV of points with their exposure and
//! anemometer height → peak surface winds over the track (docs/wind.md §8).
//!
//! Header `id,lat,lon,exposure,height_m`; `exposure` ∈ sea|coast|open|suburban|urban;
//! `height_m` = anemometer height above ground, m (empty → 10). Checked before anything is
//! allocated per row: at most [`MAX_POINTS_BYTES`] of text and [`MAX_POINTS`] rows.

use serde::Serialize;

use super::surface::{Exposure, Site, SiteFactors, CALIBRATED};
use super::windfield::PreparedTrack;
use crate::scales::WindIndex;
use crate::{csv_lite, Error, Result};

/// Largest accepted points file, bytes.
pub const MAX_POINTS_BYTES: usize = 1_000_000;
/// Largest number of points.
pub const MAX_POINTS: usize = 10_000;

/// One point to evaluate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointSpec {
    /// Identifier (1–64 characters).
    pub id: String,
    /// Latitude, degrees (−60…60).
    pub lat: f64,
    /// Longitude, degrees (−180…180).
    pub lon: f64,
    /// Site: exposure and height above ground.
    pub site: Site,
}

/// The storm's peaks at one point, m/s rounded to 0.1.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointPeak {
    /// Identifier.
    pub id: String,
    /// Exposure class.
    pub exposure: Exposure,
    /// Height above ground, m.
    pub height_m: f64,
    /// Peak 2-min mean.
    pub mean_2min_ms: f64,
    /// Peak 10-min mean.
    pub mean_10min_ms: f64,
    /// Peak hourly (60-min) mean.
    pub mean_60min_ms: f64,
    /// Peak 3-s gust.
    pub gust_ms: f64,
    /// Peak model wind (CLIMADA 1-min, open-terrain reference).
    pub model_1min_ms: f64,
}

/// Parses and validates a points CSV.
///
/// # Errors
/// [`Error::too_large`] (`points`) over the size or row limits; [`Error::invalid_field`] /
/// [`Error::out_of_range`] naming `points[row].field` for a missing column, a bad number, an
/// unknown exposure or a value out of range.
pub fn parse_points_csv(text: &str) -> Result<Vec<PointSpec>> {
    crate::validate::text_bytes(
        "points",
        "地点文件",
        "the points file",
        text.len(),
        MAX_POINTS_BYTES,
    )?;
    let rows = text.lines().filter(|l| !l.trim().is_empty()).count();
    if rows > MAX_POINTS.saturating_add(1) {
        return Err(Error::too_large(
            "points",
            format!(
                "地点文件有 {} 行，上限 {MAX_POINTS} 个地点",
                rows.saturating_sub(1)
            ),
            format!(
                "points file has {} rows; at most {MAX_POINTS} points",
                rows.saturating_sub(1)
            ),
        ));
    }
    let table = csv_lite::parse(text)?;
    for col in ["id", "lat", "lon", "exposure"] {
        if !table.header.iter().any(|h| h == col) {
            return Err(Error::invalid_field(
                format!("points.{col}"),
                format!("地点文件缺少列 {col}（表头应为 id,lat,lon,exposure,height_m）"),
                format!("points file lacks column {col} (header id,lat,lon,exposure,height_m)"),
            ));
        }
    }
    let mut out = Vec::with_capacity(table.records.len());
    for (i, rec) in table.records.iter().enumerate() {
        let get = |c: &str| table.get(rec, c).unwrap_or("").trim();
        let field = |c: &str| format!("points[{i}].{c}");
        let num = |c: &str, lo: f64, hi: f64| -> Result<f64> {
            let raw = get(c);
            let v: f64 = raw.parse().map_err(|_| {
                Error::invalid_field(
                    field(c),
                    format!("第 {} 行 {c}：“{raw}”不是数字", rec.line),
                    format!("line {}, {c}: '{raw}' is not a number", rec.line),
                )
            })?;
            if !v.is_finite() || v < lo || v > hi {
                return Err(Error::out_of_range(
                    field(c),
                    format!("第 {} 行 {c} = {v} 超出 {lo}…{hi}", rec.line),
                    format!("line {}, {c} = {v} is outside {lo}…{hi}", rec.line),
                ));
            }
            Ok(v)
        };
        let id = get("id");
        if id.is_empty() || id.chars().count() > 64 {
            return Err(Error::invalid_field(
                field("id"),
                format!("第 {} 行 id 应为 1–64 个字符", rec.line),
                format!("line {}, id must have 1–64 characters", rec.line),
            ));
        }
        let exposure = Exposure::parse(&field("exposure"), get("exposure"))?;
        let height_m = if get("height_m").is_empty() {
            10.0
        } else {
            num("height_m", 2.0, 150.0)?
        };
        out.push(PointSpec {
            id: id.to_string(),
            lat: num("lat", -60.0, 60.0)?,
            lon: num("lon", -180.0, 180.0)?,
            site: Site { exposure, height_m },
        });
    }
    Ok(out)
}

/// The storm's peak surface winds at each point (calibrated parameters).
pub fn point_peaks(p: &PreparedTrack, points: &[PointSpec]) -> Vec<PointPeak> {
    points
        .iter()
        .map(|pt| {
            let v = p.peak_at(pt.lat, pt.lon).0;
            let vh = p.peak_hourly_mean_at(pt.lat, pt.lon);
            let f = SiteFactors::new(&pt.site, &CALIBRATED);
            let r = |x: f64| WindIndex::from_ms(x).ms();
            PointPeak {
                id: pt.id.clone(),
                exposure: pt.site.exposure,
                height_m: pt.site.height_m,
                mean_2min_ms: r(v * f.mean_2min),
                mean_10min_ms: r(v * f.mean_10min),
                mean_60min_ms: r(vh * f.mean_60min),
                gust_ms: r(v * f.gust),
                model_1min_ms: r(v),
            }
        })
        .collect()
}
