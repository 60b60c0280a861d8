//! Storm size from reported wind radii (风圈半径): the radius of maximum wind (最大风速半径,
//! RMW) fitted so that the model's force-7/10/12 radii match the radii CMA reported
//! (docs/wind.md §5).
//!
//! RMW is the dominant uncertainty of the wind at Zhongshan (Hato at 石岐: 31/42/49/56 m/s
//! for RMW 20/30/40/60 km), and CLIMADA's `estimate_rmw` is a global regression in central
//! pressure only. CMA's real-time bulletins give the radii of force 7, 10 and 12 (2-min mean
//! 13.9 / 24.5 / 32.7 m/s over the sea, GB/T 28591 lower edges) per quadrant: facts about
//! the actual storm's size. For each report time the fit picks the RMW (5–150 km) that
//! minimises Σ (ln r_model − ln r_reported)² over every reported quadrant radius, with the
//! model's other parameters (pressure, b_s) unchanged; between reports the RMW is linear in
//! time, before the first and after the last it is held.

use serde::Serialize;

use super::surface::{Exposure, Site, SiteFactors, CALIBRATED};
use super::time::parse_utc;
use super::track::Track;
use super::units::ONE_LAT_KM;
use super::windfield::{Node, PreparedTrack, WindModelOptions};
use crate::{csv_lite, Error, Result};

/// The committed CMA real-time radii of the five built-in storms (docs/domain.md §4.2 table, from
/// lzcapp/TropicalCyclone-Data `ISC/JSON/{201713,201822,201208,202007,202309}.json`,
/// Wenzhou typhoon net / 知灾; times converted from BJT to UTC).
const RADII_CSV: &str = include_str!("../../data/typhoon_wind_radii_cma.csv");

/// Citation of the radii, shown with the RMW.
pub const RADII_CITATION: &str = "CMA real-time wind radii (中央气象台实时风圈半径), via lzcapp/TropicalCyclone-Data ISC/JSON (Wenzhou typhoon net)";

/// 2-min mean thresholds over the sea of the force-7, 10 and 12 radii, m/s (GB/T 28591
/// lower edges of levels 7, 10, 12).
pub const RADII_THRESHOLDS_MS: [f64; 3] = [13.9, 24.5, 32.7];

/// Quadrant bearings (NE, SE, SW, NW centres), degrees clockwise from north.
const QUADRANT_BEARINGS: [f64; 4] = [45.0, 135.0, 225.0, 315.0];

/// Reported wind radii at one time: `[force 7, 10, 12][NE, SE, SW, NW]`, km (`None` = not
/// reported).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ObservedRadii {
    /// Time, seconds since the epoch (UTC).
    pub time_s: i64,
    /// Radii, km.
    pub radii_km: [[Option<f64>; 4]; 3],
}

impl ObservedRadii {
    /// Number of reported radii.
    pub fn count(&self) -> usize {
        self.radii_km
            .iter()
            .flatten()
            .filter(|r| r.is_some())
            .count()
    }
}

/// Where the RMW in use comes from (最大风速半径来源).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RmwSource {
    /// Fitted to reported wind radii (CMA real-time or the custom track's `radii_km`).
    FittedToRadii,
    /// Given in the track.
    Track,
    /// CLIMADA's `estimate_rmw` (central pressure regression): no radii known.
    ClimadaEstimate,
    /// Set by the user (what-if RMW or factor).
    User,
}

impl RmwSource {
    /// Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            RmwSource::FittedToRadii => "按实测风圈半径拟合",
            RmwSource::Track => "路径数据给定",
            RmwSource::ClimadaEstimate => "CLIMADA 气压经验估计",
            RmwSource::User => "用户设定",
        }
    }
    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            RmwSource::FittedToRadii => "fitted to reported wind radii",
            RmwSource::Track => "given in the track",
            RmwSource::ClimadaEstimate => "CLIMADA pressure-based estimate",
            RmwSource::User => "set by the user",
        }
    }
}

/// One fitted RMW.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RmwFit {
    /// Report time, seconds since the epoch (UTC).
    pub time_s: i64,
    /// Fitted RMW, km.
    pub rmw_km: f64,
    /// Number of reported radii used.
    pub n_radii: usize,
    /// Root-mean-square of ln(model/reported) radius at the fit.
    pub rms_log_error: f64,
}

/// The RMW used by a scenario and its provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RmwInfo {
    /// Source.
    pub source: RmwSource,
    /// Fits at each report time (empty unless fitted).
    pub fits: Vec<RmwFit>,
}

/// Reported radii of a built-in storm (empty for an unknown id).
///
/// # Errors
/// [`Error::InvalidInput`] if the committed file is broken (caught by the tests).
pub fn builtin_radii(storm: &str) -> Result<Vec<ObservedRadii>> {
    let table = csv_lite::parse(RADII_CSV)?;
    let mut out = Vec::new();
    for rec in &table.records {
        if table.get(rec, "storm") != Some(storm) {
            continue;
        }
        let time_s = parse_utc(table.get(rec, "time_utc").unwrap_or(""))?;
        let mut radii_km = [[None; 4]; 3];
        for (t, name) in ["r7", "r10", "r12"].iter().enumerate() {
            for (q, quad) in ["ne", "se", "sw", "nw"].iter().enumerate() {
                let col = format!("{name}_{quad}");
                let raw = table.get(rec, &col).unwrap_or("").trim();
                if raw.is_empty() {
                    continue;
                }
                let v: f64 = raw.parse().map_err(|_| {
                    Error::InvalidInput(format!("radii CSV line {}: bad {col}", rec.line))
                })?;
                if let Some(slot) = radii_km.get_mut(t).and_then(|row| row.get_mut(q)) {
                    *slot = Some(v);
                }
            }
        }
        out.push(ObservedRadii { time_s, radii_km });
    }
    Ok(out)
}

/// The model threshold (model wind, m/s) equivalent to a 2-min mean over the sea.
fn model_threshold(thr_2min_sea: f64) -> f64 {
    thr_2min_sea / SiteFactors::new(&Site::at_10m(Exposure::Sea), &CALIBRATED).mean_2min
}

/// The model's radius, km, of winds ≥ `thr_model` along a bearing from node `n` (0 if never).
fn ray_radius_km(p: &PreparedTrack, n: &Node, bearing_deg: f64, thr_model: f64) -> f64 {
    let (s, c) = bearing_deg.to_radians().sin_cos();
    let kx = n.lat.to_radians().cos() * ONE_LAT_KM;
    let speed = |r: f64| p.node_speed_at(n, n.lat + r * c / ONE_LAT_KM, n.lon + r * s / kx);
    let max_km = p.options().max_dist_eye_km;
    let step = 2.0;
    let mut r = max_km;
    while r > 0.5 {
        if speed(r) >= thr_model {
            // Bisect between r (inside) and r + step (outside).
            let (mut lo, mut hi) = (r, (r + step).min(max_km));
            for _ in 0..12 {
                let mid = 0.5 * (lo + hi);
                if speed(mid) >= thr_model {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
        r -= step;
    }
    0.0
}

/// Σ (ln r_model − ln r_reported)² and the number of radii, for node `n` with RMW `rmw_km`.
fn misfit(p: &PreparedTrack, n: &Node, rmw_km: f64, obs: &ObservedRadii) -> (f64, usize) {
    let trial = n.with_rmw_km(rmw_km, p.options());
    let mut sum = 0.0;
    let mut count = 0usize;
    for (row, thr) in obs.radii_km.iter().zip(RADII_THRESHOLDS_MS) {
        let thr_model = model_threshold(thr);
        for (r_obs, bearing) in row.iter().zip(QUADRANT_BEARINGS) {
            if let Some(r_obs) = r_obs {
                let r_mod = ray_radius_km(p, &trial, bearing, thr_model).max(1.0);
                let d = (r_mod / r_obs.max(1.0)).ln();
                sum += d * d;
                count = count.saturating_add(1);
            }
        }
    }
    (sum, count)
}

/// Fits the RMW at one report time: coarse scan 5…150 km, then golden-section refinement.
/// `None` when no node is within 1 h of the report or no radius is reported.
pub fn fit_rmw_at(p: &PreparedTrack, obs: &ObservedRadii) -> Option<RmwFit> {
    let n = p
        .nodes()
        .iter()
        .filter(|n| n.active)
        .min_by_key(|n| n.time_s.saturating_sub(obs.time_s).saturating_abs())?;
    if n.time_s.saturating_sub(obs.time_s).saturating_abs() > 3600 || obs.count() == 0 {
        return None;
    }
    let f = |r: f64| misfit(p, n, r, obs).0;
    let mut best = (5.0, f64::INFINITY);
    let mut r = 5.0;
    while r <= 150.0 {
        let v = f(r);
        if v < best.1 {
            best = (r, v);
        }
        r += 5.0;
    }
    let (mut a, mut b) = ((best.0 - 5.0).max(5.0), (best.0 + 5.0).min(150.0));
    let g = 0.5 * (5f64.sqrt() - 1.0);
    for _ in 0..20 {
        let (c, d) = (b - g * (b - a), a + g * (b - a));
        if f(c) < f(d) {
            b = d;
        } else {
            a = c;
        }
    }
    let rmw = 0.5 * (a + b);
    let (sum, count) = misfit(p, n, rmw, obs);
    Some(RmwFit {
        time_s: obs.time_s,
        rmw_km: rmw,
        n_radii: count,
        rms_log_error: (sum / count.max(1) as f64).sqrt(),
    })
}

/// Writes the RMW fitted to `obs` into every point of `track` (linear in time between
/// fits, held outside), and says where it came from. With no usable report the track is
/// returned unchanged with source [`RmwSource::Track`] or [`RmwSource::ClimadaEstimate`].
///
/// # Errors
/// As [`PreparedTrack::new`] and [`Track::new`].
pub fn size_from_radii(
    track: &Track,
    obs: &[ObservedRadii],
    options: &WindModelOptions,
) -> Result<(Track, RmwInfo)> {
    let given = track.points().iter().any(|p| p.rmw_km.is_some());
    let unchanged = |t: &Track| {
        (
            t.clone(),
            RmwInfo {
                source: if given {
                    RmwSource::Track
                } else {
                    RmwSource::ClimadaEstimate
                },
                fits: Vec::new(),
            },
        )
    };
    if obs.is_empty() {
        return Ok(unchanged(track));
    }
    let p = PreparedTrack::new(track, options)?;
    let fits: Vec<RmwFit> = obs.iter().filter_map(|o| fit_rmw_at(&p, o)).collect();
    let (Some(first), Some(last)) = (fits.first(), fits.last()) else {
        return Ok(unchanged(track));
    };
    let rmw_at = |t: i64| -> f64 {
        if t <= first.time_s {
            return first.rmw_km;
        }
        if t >= last.time_s {
            return last.rmw_km;
        }
        for w in fits.windows(2) {
            if let [a, b] = w {
                if t >= a.time_s && t <= b.time_s {
                    let span = b.time_s.saturating_sub(a.time_s).max(1) as f64;
                    let x = t.saturating_sub(a.time_s) as f64 / span;
                    return a.rmw_km + x * (b.rmw_km - a.rmw_km);
                }
            }
        }
        last.rmw_km
    };
    let points = track
        .points()
        .iter()
        .map(|p| {
            let mut q = *p;
            q.rmw_km = Some(rmw_at(p.time_s));
            q
        })
        .collect();
    let sized = Track::new(
        track.id(),
        track.name_zh(),
        track.name_en(),
        track.source(),
        points,
    )?;
    Ok((
        sized,
        RmwInfo {
            source: RmwSource::FittedToRadii,
            fits,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hazard::scenarios;

    #[test]
    fn builtin_radii_load_and_hato_fits_inside_r12() {
        for id in scenarios::SCENARIO_IDS {
            assert!(!builtin_radii(id).unwrap().is_empty(), "{id}");
        }
        let hato = scenarios::track("hato").unwrap();
        let obs = builtin_radii("hato").unwrap();
        let (sized, info) = size_from_radii(&hato, &obs, &WindModelOptions::default()).unwrap();
        assert_eq!(info.source, RmwSource::FittedToRadii);
        assert_eq!(info.fits.len(), 4);
        for f in &info.fits {
            // docs/domain.md §3.8: the RMW must lie inside R12 (40–50 km for Hato).
            assert!(f.rmw_km > 5.0 && f.rmw_km < 50.0, "{f:?}");
        }
        assert!(sized.points().iter().all(|p| p.rmw_km.is_some()));
    }

    #[test]
    fn custom_track_radii_size_it_and_bad_radii_name_the_field() {
        let json = r#"{"points":[
          {"time":"2024-09-01T00:00Z","lat":21.0,"lon":115.5,"pressure_hpa":950,"wind_ms":45,
           "radii_km":{"r7":250,"r10":[60,80,80,60],"r12":40}},
          {"time":"2024-09-01T06:00Z","lat":21.5,"lon":114.5,"pressure_hpa":955,"wind_ms":42}]}"#;
        let t = Track::from_json(json).unwrap();
        assert_eq!(t.radii().len(), 1);
        let (sized, info) = size_from_radii(&t, t.radii(), &WindModelOptions::default()).unwrap();
        assert_eq!(info.source, RmwSource::FittedToRadii);
        assert!(sized.points().iter().all(|p| p.rmw_km.is_some()));
        let bad = json.replace("\"r12\":40", "\"r12\":-4");
        let e = Track::from_json(&bad).unwrap_err();
        assert_eq!(e.field_id(), Some("points[0].radii_km.r12"));
    }
}
