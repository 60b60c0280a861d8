//! Cat-in-a-circle (圆形触发区) payouts on storm track points (docs/domain.md §1.8).
//!
//! A circle around a point of interest has concentric rings; each ring has a tier table keyed
//! by the storm's intensity at a track point (GB/T 28591 level, or wind in m/s). A track point
//! inside a ring (great-circle distance ≤ radius) earns that ring's ratio for its intensity.
//! Per circle the **maximum** over rings and points counts; circles are **summed**, and the
//! event share is capped at 100 % of the sum insured. Ningbo 2017 "风来保" used 12–13 / 14–15 /
//! ≥16 级 × 40 / 80 / 120 km \[V\]; the textbook (GPTK) uses Cat 3/4/5 in a 50-mile circle \[V\].
//!
//! Distances are haversine on a 6,371 km sphere and **rounded to 0.1 km** before the integer
//! comparison with the radius (inclusive), so native and wasm agree at a ring edge. Only the
//! given points are tested: interpolate the track (e.g. hourly) before calling.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::limits;
use super::policy::{CircleCover, Intensity};
use crate::scales::{wind_force_level, WindIndex};
use crate::{Error, Result};

/// Mean Earth radius, km (spherical approximation; the hazard model uses its own distances).
pub const EARTH_RADIUS_KM: f64 = 6371.0;

/// One storm track point (台风路径点).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TrackPoint {
    /// Latitude, degrees (WGS-84).
    pub lat: f64,
    /// Longitude, degrees (WGS-84).
    pub lon: f64,
    /// Wind at the point, m/s (CMA best track: near-centre 2-min mean), if known.
    #[serde(default)]
    pub wind_ms: Option<f64>,
    /// GB/T 28591 level (级) at the point, if given directly (takes precedence for `level`).
    #[serde(default)]
    pub level: Option<u8>,
}

/// The winning ring of one circle for an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CircleHit {
    /// Circle name.
    pub name: String,
    /// Index of the winning track point (`None` when nothing entered any ring).
    pub point: Option<usize>,
    /// Distance of that point from the centre, km (rounded to 0.1).
    pub distance_km: Option<f64>,
    /// Radius of the winning ring, km.
    pub radius_km: Option<f64>,
    /// Intensity at that point (level, or wind in m/s, per the cover).
    pub intensity: Option<f64>,
    /// Share of the sum insured earned by this circle.
    pub ratio: Decimal,
}

/// Great-circle distance in km (haversine).
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

/// Per circle, the best ring over all points (one [`CircleHit`] per circle, in policy order).
///
/// # Errors
/// [`Error::InvalidInput`] when a point has a non-finite position, or lacks the intensity the
/// cover needs (`wind_ms` for `wind_ms`; `level` or `wind_ms` for `level`).
pub fn circle_share(cover: &CircleCover, points: &[TrackPoint]) -> Result<Vec<CircleHit>> {
    if points.len() > limits::MAX_TRACK_POINTS {
        return Err(limits::too_many(
            "track.points",
            "路径点",
            "track points",
            points.len(),
            limits::MAX_TRACK_POINTS,
        ));
    }
    // Intensity key per point: level (integer) or wind tenths.
    let mut keys = Vec::with_capacity(points.len());
    for (i, p) in points.iter().enumerate() {
        if !p.lat.is_finite() || !p.lon.is_finite() || p.lat.abs() > 90.0 {
            return Err(Error::InvalidInput(format!(
                "track point {i}: ({}, {}) is not a lat/lon in degrees",
                p.lat, p.lon
            )));
        }
        if let Some(w) = p.wind_ms {
            limits::f64_in(
                &format!("track.points[{i}].wind_ms"),
                "路径点风速（m/s）",
                "the track point's wind (m/s)",
                w,
                0.0,
                limits::MAX_WIND_MS,
                "0–150 m/s",
            )?;
        }
        if let Some(l) = p.level.filter(|l| *l > 17) {
            return Err(limits::out_of_range(
                &format!("track.points[{i}].level"),
                "路径点风力等级",
                "the track point's wind-force level",
                "0–17",
                l,
            ));
        }
        let key = match cover.intensity {
            Intensity::Level => match (p.level, p.wind_ms) {
                (Some(l), _) => l as i32,
                (None, Some(w)) => wind_force_level(WindIndex::from_ms(w)) as i32,
                (None, None) => {
                    return Err(Error::InvalidInput(format!(
                        "track point {i}: needs 'level' or 'wind_ms'"
                    )))
                }
            },
            Intensity::WindMs => match p.wind_ms {
                Some(w) => WindIndex::from_ms(w).tenths(),
                None => {
                    return Err(Error::InvalidInput(format!(
                        "track point {i}: needs 'wind_ms' (the cover is keyed by wind speed)"
                    )))
                }
            },
        };
        keys.push(key);
    }
    let mut hits = Vec::with_capacity(cover.circles.len());
    for c in &cover.circles {
        let mut best = CircleHit {
            name: c.name.clone(),
            point: None,
            distance_km: None,
            radius_km: None,
            intensity: None,
            ratio: Decimal::ZERO,
        };
        for (i, (p, &key)) in points.iter().zip(&keys).enumerate() {
            // Round before comparing: libm differs in the last bit between native and wasm.
            let d_tenths = (haversine_km(c.lat, c.lon, p.lat, p.lon) * 10.0).round() as i64;
            for ring in &c.rings {
                if d_tenths > ring.radius_tenths_km as i64 {
                    continue;
                }
                let r = ring.tiers.ratio(key);
                if r > best.ratio {
                    best = CircleHit {
                        name: c.name.clone(),
                        point: Some(i),
                        distance_km: Some(d_tenths as f64 / 10.0),
                        radius_km: Some(ring.radius_tenths_km as f64 / 10.0),
                        intensity: Some(match cover.intensity {
                            Intensity::Level => f64::from(key),
                            Intensity::WindMs => f64::from(key) / 10.0,
                        }),
                        ratio: r,
                    };
                }
            }
        }
        hits.push(best);
    }
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_degree_of_latitude_is_about_111_km() {
        let d = haversine_km(22.0, 113.0, 23.0, 113.0);
        assert!((d - 111.19).abs() < 0.01, "{d}");
        assert_eq!(haversine_km(22.5, 113.4, 22.5, 113.4), 0.0);
    }
}
