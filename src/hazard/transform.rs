//! What-if track transforms (情景推演): shift, rotate about landfall, deepen/fill, resize the
//! RMW, speed up/slow down. All defaults are the identity.
//!
//! **Landfall pivot** (documented choice): the track point (a best-track fix, not an
//! interpolated node) nearest to the Zhongshan reference point, Shiqi 石岐 22.52 N
//! 113.38 E (docs/domain.md §4.1), in the equirect metric. For the five built-in storms this is the
//! fix nearest the Pearl River estuary landfall. Rotation and time stretch pivot there.

use serde::{Deserialize, Serialize};

use super::holland::estimate_rmw_km;
use super::track::{Track, TrackPoint};
use super::units::ONE_LAT_KM;
use crate::{Error, Result};

/// Zhongshan reference point (石岐 Shiqi, the city seat): (lat, lon) degrees.
pub const ZHONGSHAN_REF: (f64, f64) = (22.52, 113.38);

/// Environmental pressure assumed when rescaling wind for a Δp change if a point has none, hPa
/// (the CLIMADA WP default).
const PENV_FOR_SCALING_HPA: f64 = 1005.0;

/// Index of the landfall pivot: the track point nearest [`ZHONGSHAN_REF`].
pub fn landfall_index(track: &Track) -> usize {
    let (rlat, rlon) = ZHONGSHAN_REF;
    let kx = rlat.to_radians().cos();
    let d2 = |p: &TrackPoint| {
        let dn = p.lat - rlat;
        let de = (p.lon - rlon) * kx;
        dn * dn + de * de
    };
    let pts = track.points();
    (0..pts.len())
        .min_by(|&a, &b| match (pts.get(a), pts.get(b)) {
            (Some(pa), Some(pb)) => d2(pa).total_cmp(&d2(pb)),
            _ => std::cmp::Ordering::Equal,
        })
        .unwrap_or(0)
}

/// A what-if transform of a track. Serde with defaults, so `{}` is the identity.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrackTransform {
    /// Shift east, km (negative = west), applied after the rotation.
    pub shift_east_km: f64,
    /// Shift north, km (negative = south).
    pub shift_north_km: f64,
    /// Rotate the whole track about the landfall pivot, degrees **clockwise** (compass
    /// sense): each point's bearing from the pivot grows by θ, so the heading of a
    /// westward-moving storm turns by +θ towards the north (270° → 270°+θ).
    pub rotate_deg: f64,
    /// Change of central pressure (中心气压), hPa (negative = deeper, stronger). The max wind is
    /// rescaled as `v' = v·sqrt(Δp'/Δp)` (Holland's v² ∝ Δp) so H1980, which uses v_max,
    /// stays consistent; H08/H10 use only pressure anyway.
    pub dp_hpa: f64,
    /// Set the radius of maximum wind (最大风速半径) at every point, km (`None` = keep).
    pub rmw_km: Option<f64>,
    /// Multiply the RMW by this factor (1 = keep). Where a point has no RMW the CLIMADA
    /// estimate at the (new) point pressure is scaled and written into the point.
    pub rmw_factor: f64,
    /// Translation-speed factor (移动速度倍数): times are stretched about the pivot as
    /// `t' = t_p + (t − t_p)/factor` (2 = twice as fast).
    pub speed_factor: f64,
}

impl Default for TrackTransform {
    fn default() -> Self {
        TrackTransform {
            shift_east_km: 0.0,
            shift_north_km: 0.0,
            rotate_deg: 0.0,
            dp_hpa: 0.0,
            rmw_km: None,
            rmw_factor: 1.0,
            speed_factor: 1.0,
        }
    }
}

impl TrackTransform {
    /// Whether this is the identity.
    pub fn is_identity(&self) -> bool {
        *self == TrackTransform::default()
    }

    /// Applies the transform and validates the result.
    ///
    /// Order: rotate about the pivot, shift (both in the local equirect plane at the pivot's
    /// latitude, 111.12 km/deg), stretch time, change pressure (and wind), set/scale RMW.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for out-of-range parameters (|shift| ≤ 2000 km, |rotate| ≤
    /// 180°, |Δp| ≤ 100 hPa, RMW 1…500 km, factors 0.1…10); [`Error::InvalidTrack`] when the
    /// transformed track is invalid (e.g. pressure below 850 hPa).
    ///
    /// ```
    /// use zs_risk_map::hazard::{scenarios, transform::TrackTransform};
    /// let hato = scenarios::track("hato").unwrap();
    /// let t = TrackTransform { shift_north_km: 30.0, ..Default::default() }.apply(&hato).unwrap();
    /// assert!((t.points()[0].lat - hato.points()[0].lat - 30.0 / 111.12).abs() < 1e-9);
    /// ```
    pub fn apply(&self, track: &Track) -> Result<Track> {
        let check = |name: &str, v: f64, lo: f64, hi: f64| -> Result<()> {
            if !v.is_finite() || v < lo || v > hi {
                return Err(Error::InvalidInput(format!(
                    "transform {name} = {v} is outside {lo}…{hi}"
                )));
            }
            Ok(())
        };
        check("shift_east_km", self.shift_east_km, -2000.0, 2000.0)?;
        check("shift_north_km", self.shift_north_km, -2000.0, 2000.0)?;
        check("rotate_deg", self.rotate_deg, -180.0, 180.0)?;
        check("dp_hpa", self.dp_hpa, -100.0, 100.0)?;
        check("rmw_factor", self.rmw_factor, 0.1, 10.0)?;
        check("speed_factor", self.speed_factor, 0.1, 10.0)?;
        if let Some(r) = self.rmw_km {
            check("rmw_km", r, 1.0, 500.0)?;
        }
        let pts = track.points();
        let Some(&piv) = pts.get(landfall_index(track)) else {
            return Err(Error::InvalidTrack("empty track".into()));
        };
        let kx = piv.lat.to_radians().cos() * ONE_LAT_KM;
        let (s, c) = self.rotate_deg.to_radians().sin_cos();
        let mut out = Vec::with_capacity(pts.len());
        for p in pts {
            let mut q = *p;
            let e = (p.lon - piv.lon) * kx;
            let n = (p.lat - piv.lat) * ONE_LAT_KM;
            // Clockwise rotation in (east, north): bearing from the pivot grows by θ.
            let e2 = e * c + n * s + self.shift_east_km;
            let n2 = -e * s + n * c + self.shift_north_km;
            q.lon = piv.lon + e2 / kx;
            q.lat = piv.lat + n2 / ONE_LAT_KM;
            q.time_s = piv.time_s.saturating_add(
                (p.time_s.saturating_sub(piv.time_s) as f64 / self.speed_factor).round() as i64,
            );
            if self.dp_hpa != 0.0 {
                let penv = p.penv_hpa.unwrap_or(PENV_FOR_SCALING_HPA);
                q.pc_hpa = p.pc_hpa + self.dp_hpa;
                let (old, new) = (penv - p.pc_hpa, penv - q.pc_hpa);
                if old > 0.0 {
                    q.vmax_ms = p.vmax_ms * (new.max(0.0) / old).sqrt();
                }
            }
            if self.rmw_km.is_some() || self.rmw_factor != 1.0 {
                let base = self
                    .rmw_km
                    .or(p.rmw_km)
                    .unwrap_or_else(|| estimate_rmw_km(q.pc_hpa));
                q.rmw_km = Some(base * self.rmw_factor);
            }
            out.push(q);
        }
        let tag = if self.is_identity() {
            String::new()
        } else {
            " (what-if 情景推演)".to_string()
        };
        Track::new(
            track.id(),
            track.name_zh(),
            format!("{}{tag}", track.name_en()),
            track.source(),
            out,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hazard::scenarios;

    #[test]
    fn identity_keeps_track_and_pivot_is_near_zhongshan() {
        let hato = scenarios::track("hato").unwrap();
        let t = TrackTransform::default().apply(&hato).unwrap();
        assert_eq!(t.points(), hato.points());
        let i = landfall_index(&hato);
        // 22.1 N 112.9 E, 70 min after the official 04:50 UTC landfall.
        assert_eq!(hato.points()[i].time_utc(), "2017-08-23T06:00Z");
    }

    #[test]
    fn rotation_keeps_distance_to_pivot_and_speed_stretches_time() {
        let hato = scenarios::track("hato").unwrap();
        let i = landfall_index(&hato);
        let r = TrackTransform {
            rotate_deg: 90.0,
            speed_factor: 2.0,
            ..Default::default()
        }
        .apply(&hato)
        .unwrap();
        let (p0, q0, pv) = (hato.points()[0], r.points()[0], hato.points()[i]);
        let kx = pv.lat.to_radians().cos();
        let d =
            |a: &TrackPoint| ((a.lat - pv.lat).powi(2) + ((a.lon - pv.lon) * kx).powi(2)).sqrt();
        assert!((d(&p0) - d(&q0)).abs() < 1e-9);
        // East of the pivot rotated clockwise by 90° lands south of it.
        assert!(q0.lat < pv.lat);
        assert_eq!(r.points()[i], pv);
        assert_eq!(pv.time_s - q0.time_s, (pv.time_s - p0.time_s) / 2);
        let deep = TrackTransform {
            dp_hpa: -200.0,
            ..Default::default()
        }
        .apply(&hato);
        assert_eq!(deep.unwrap_err().code(), "INVALID_INPUT");
        let deep = TrackTransform {
            dp_hpa: -90.0,
            ..Default::default()
        }
        .apply(&hato);
        assert_eq!(deep.unwrap_err().code(), "INVALID_TRACK");
    }
}
