//! The parametric wind field (风场) of CLIMADA 6.1.0 (`trop_cyclone_windfields.py`,
//! `tc_tracks.py`), prepared once per track and evaluated cheaply at any point.
//!
//! [`PreparedTrack::new`] runs the track chain of docs/domain.md §3.3: hourly nodes (linear scalars,
//! not-a-knot cubic lat/lon), translation speed (移动速度) by backward difference capped at
//! 30 kn with node 0 zeroed, Δp, dp_c/dt, Coriolis f, RMW estimate, and the model's shape
//! parameter B. Evaluation ([`PreparedTrack::wind_vector_at`]) is then allocation-free:
//! equirectangular distance (111.12 km/deg, cos of the node latitude), 1 m < r ≤ 300 km,
//! radial profile, translation asymmetry `min(1, R/r)` (Mouton & Nordbeck 2005), vector sum.

// Track preparation: a validated Track has ≥ 2 points and a span ≤ MAX_TRACK_SPAN_S (60 days), so node counts and epoch-second arithmetic stay far from overflow; indices run over those points and nodes.
#![allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]

use serde::{Deserialize, Serialize};

use super::holland::{
    b_holland_1980, bs_holland_2008, coriolis_parameter, estimate_rmw_km,
    rmw_vickery_wadhera_2008_km, stat_holland_1980_ms, stat_holland_2010_ms, v_max_s_holland_2008,
    x_holland_2010, x_n_holland_2010,
};
use super::interp::{linear, PositionInterpolant};
use super::time::SECONDS_PER_HOUR;
use super::track::Track;
use super::units::{KN_TO_MS, LAND_FACTOR, ONE_LAT_KM};
use crate::scales::{TyphoonGrade, WindIndex};
use crate::{Error, Result};

/// Radial wind-profile model (风场模型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum WindModel {
    /// Holland (1980), MWR 108:1212–1218: B fitted to v_max (`_B_holland_1980`), gradient
    /// wind × 0.9 to the surface. Uses v_max.
    H1980,
    /// Holland (2008), MWR 136:3432–3445: surface b_s from Δp, dp_c/dt, latitude and
    /// translation speed (`_bs_holland_2008`). **Ignores v_max**. CLIMADA's default.
    #[default]
    H08,
    /// Holland, Belanger & Fritz (2010), MWR 138:4393–4401: H08's b_s and v_ms from pressure,
    /// outer exponent fitted to 17 m/s at 300 km (`_stat_holland_2010`). Ignores v_max.
    H10,
}

impl WindModel {
    /// Parses `"H1980"`, `"H08"` or `"H10"` (case-insensitive).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] listing the known models.
    pub fn parse(s: &str) -> Result<WindModel> {
        match s.to_ascii_uppercase().as_str() {
            "H1980" => Ok(WindModel::H1980),
            "H08" => Ok(WindModel::H08),
            "H10" => Ok(WindModel::H10),
            _ => Err(Error::InvalidInput(format!(
                "unknown wind model {s:?}; known: H1980, H08, H10"
            ))),
        }
    }
    /// Name as CLIMADA spells it.
    pub fn name(self) -> &'static str {
        match self {
            WindModel::H1980 => "H1980",
            WindModel::H08 => "H08",
            WindModel::H10 => "H10",
        }
    }
}

/// How a missing radius of maximum wind (最大风速半径) is estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum RmwEstimator {
    /// CLIMADA `estimate_rmw` table in p_c (nautical miles → km). The default.
    #[default]
    Climada,
    /// Vickery & Wadhera (2008) in Δp and latitude (not CLIMADA-compatible; say so in the UI).
    VickeryWadhera2008,
}

/// Options of the wind model. [`Default`] = CLIMADA 6.1.0 defaults for the WP basin
/// (docs/domain.md §3.7), except that no `intensity_thres` (17.5 m/s storage cut) is applied:
/// that zeroing belongs to CLIMADA's storage, not to indices (docs/domain.md §3.12).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WindModelOptions {
    /// Profile model; default H08.
    pub model: WindModel,
    /// Estimator used where a track point has no RMW; default CLIMADA's table.
    pub rmw_estimator: RmwEstimator,
    /// Environmental pressure (环境气压) where a point gives none, hPa; default 1005 (WP).
    pub penv_default_hpa: f64,
    /// Air density ρ, kg m⁻³; default 1.15 (`rho_air_const`).
    pub rho_air: f64,
    /// Gradient-to-surface wind factor; default 0.9 (Franklin et al. 2003). Scales H1980's
    /// output and sets the b_s clip interval [1, 2.5]·g² of H08/H10.
    pub gradient_to_surface: f64,
    /// Cut-off distance from the eye, km (inclusive); default 300 (`max_dist_eye_km`).
    pub max_dist_eye_km: f64,
    /// Interpolation time step, hours; default 1. Nodes sit on multiples of the step from
    /// 1970-01-01T00:00Z (= CLIMADA's midnight-aligned resampling for steps dividing 24 h).
    pub time_step_h: f64,
    /// Translation-speed cap, knots; default 30.
    pub vtrans_cap_kn: f64,
    /// Multiply all output winds by 0.8 (land reduction, Knaff et al. 2011) — **not**
    /// CLIMADA-compatible, label "land-reduced (×0.8)"; default off ("open terrain").
    pub land_reduction: bool,
    /// H10 only: wind at the outer radius, m/s; default 17.
    pub h10_v_n_ms: f64,
    /// H10 only: outer radius, km; default 300.
    pub h10_r_n_km: f64,
}

impl Default for WindModelOptions {
    fn default() -> Self {
        WindModelOptions {
            model: WindModel::H08,
            rmw_estimator: RmwEstimator::Climada,
            penv_default_hpa: 1005.0,
            rho_air: 1.15,
            gradient_to_surface: 0.9,
            max_dist_eye_km: 300.0,
            time_step_h: 1.0,
            vtrans_cap_kn: 30.0,
            land_reduction: false,
            h10_v_n_ms: 17.0,
            h10_r_n_km: 300.0,
        }
    }
}

impl WindModelOptions {
    /// Checks ranges.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the field.
    pub fn validate(&self) -> Result<()> {
        let checks: [(&str, f64, f64, f64); 8] = [
            ("penv_default_hpa", self.penv_default_hpa, 900.0, 1100.0),
            ("rho_air", self.rho_air, 0.5, 2.0),
            ("gradient_to_surface", self.gradient_to_surface, 0.1, 1.0),
            ("max_dist_eye_km", self.max_dist_eye_km, 1.0, 5000.0),
            ("time_step_h", self.time_step_h, 1.0 / 60.0, 24.0),
            ("vtrans_cap_kn", self.vtrans_cap_kn, 0.0, 200.0),
            ("h10_v_n_ms", self.h10_v_n_ms, 0.1, 100.0),
            ("h10_r_n_km", self.h10_r_n_km, 1.0, 5000.0),
        ];
        for (name, v, lo, hi) in checks {
            if !v.is_finite() || v < lo || v > hi {
                return Err(Error::InvalidInput(format!(
                    "wind model option {name} = {v} is outside {lo}…{hi}"
                )));
            }
        }
        Ok(())
    }
}

/// One interpolated track node (插值节点) with everything the profile needs, precomputed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Node {
    /// Time, seconds since the epoch (UTC).
    pub time_s: i64,
    /// Centre latitude, degrees.
    pub lat: f64,
    /// Centre longitude, degrees.
    pub lon: f64,
    /// Central pressure (中心气压), hPa, clipped to ≤ p_env.
    pub pc_hpa: f64,
    /// Environmental pressure (环境气压), hPa.
    pub penv_hpa: f64,
    /// Pressure deficit Δp = p_env − p_c, Pa.
    pub dp_pa: f64,
    /// Central-pressure tendency dp_c/dt, hPa/h (backward difference; 0 at node 0).
    pub dpc_dt_hpa_h: f64,
    /// Maximum sustained wind, 1-min, m/s (interpolated input; used by H1980 only).
    pub vmax_1min_ms: f64,
    /// Radius of maximum wind (最大风速半径), km (given or estimated).
    pub rmw_km: f64,
    /// Whether `rmw_km` was estimated rather than given.
    pub rmw_estimated: bool,
    /// Translation velocity (移动速度), northward component, m/s.
    pub vt_north_ms: f64,
    /// Translation velocity, eastward component, m/s.
    pub vt_east_ms: f64,
    /// Translation speed |v_t|, m/s (≤ the cap; 0 at node 0).
    pub vt_ms: f64,
    /// Coriolis parameter f, s⁻¹.
    pub f: f64,
    /// Shape parameter: H1980's B or H08/H10's b_s.
    pub b: f64,
    /// H10: surface maximum wind from pressure v_ms, m/s (also informative for H08).
    pub v_max_s_ms: f64,
    /// H10: peripheral exponent x_n.
    pub x_n: f64,
    /// Whether this node contributes wind (node 0 does not, as in CLIMADA).
    pub active: bool,
    // Precomputed for the inner loop.
    #[serde(skip)]
    rmax_m: f64,
    #[serde(skip)]
    km_per_deg_lon: f64,
    #[serde(skip)]
    dlat_max_deg: f64,
    #[serde(skip)]
    dlon_max_deg: f64,
}

impl Node {
    /// GB/T 19201 grade of the interpolated node, from its 1-min wind × 0.871.
    pub fn grade(&self) -> TyphoonGrade {
        TyphoonGrade::from_2min_wind(WindIndex::from_ms(
            self.vmax_1min_ms * super::units::CMA_2MIN_PER_1MIN,
        ))
    }
}

/// A track prepared for fast wind evaluation: interpolated nodes plus options.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedTrack {
    nodes: Vec<Node>,
    options: WindModelOptions,
    latsign: f64,
    max_dist_m: f64,
    out_factor: f64,
}

impl PreparedTrack {
    /// Interpolates `track` to `options.time_step_h` and precomputes per-node quantities.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for bad options; [`Error::InvalidTrack`] when the track spans
    /// no node of the time grid.
    ///
    /// ```
    /// use zs_risk_map::hazard::{scenarios, windfield::{PreparedTrack, WindModelOptions}};
    /// let p = PreparedTrack::new(&scenarios::track("hato").unwrap(), &WindModelOptions::default()).unwrap();
    /// assert_eq!(p.nodes().len(), 25); // 2017-08-22T18Z … 08-23T18Z hourly
    /// let v = p.peak_at(22.52, 113.38).0; // Shiqi (石岐), 1-min m/s
    /// assert!(v > 20.0 && v < 60.0);
    /// ```
    pub fn new(track: &Track, options: &WindModelOptions) -> Result<PreparedTrack> {
        options.validate()?;
        let o = *options;
        let pts = track.points();
        let t0 = pts[0].time_s;
        let tn = pts[pts.len() - 1].time_s;
        let step_s = ((o.time_step_h * SECONDS_PER_HOUR as f64).round() as i64).max(1);
        let first = t0.div_euclid(step_s) * step_s
            + if t0.rem_euclid(step_s) == 0 {
                0
            } else {
                step_s
            };
        let last = tn.div_euclid(step_s) * step_s;
        if first > last {
            return Err(Error::InvalidTrack(format!(
                "the track spans no {} h time step",
                o.time_step_h
            )));
        }
        let xs: Vec<f64> = pts
            .iter()
            .map(|p| (p.time_s - t0) as f64 / 3600.0)
            .collect();
        let lat_i = PositionInterpolant::new(&xs, &pts.iter().map(|p| p.lat).collect::<Vec<_>>());
        let lon_i = PositionInterpolant::new(&xs, &pts.iter().map(|p| p.lon).collect::<Vec<_>>());
        let pc: Vec<f64> = pts.iter().map(|p| p.pc_hpa).collect();
        let vm: Vec<f64> = pts.iter().map(|p| p.vmax_1min_ms()).collect();
        let pe: Vec<f64> = pts
            .iter()
            .map(|p| p.penv_hpa.unwrap_or(o.penv_default_hpa))
            .collect();
        let n = ((last - first) / step_s + 1) as usize;
        let dt_s = step_s as f64;
        let mut nodes: Vec<Node> = Vec::with_capacity(n);
        let max_dist_km = o.max_dist_eye_km;
        for k in 0..n {
            let time_s = first + k as i64 * step_s;
            let x = (time_s - t0) as f64 / 3600.0;
            let lat = lat_i.eval(x);
            let lon = lon_i.eval(x);
            let penv_hpa = linear(&xs, &pe, x);
            let pc_hpa = linear(&xs, &pc, x).min(penv_hpa);
            let vmax_1min_ms = linear(&xs, &vm, x);
            let dp_hpa = penv_hpa - pc_hpa;
            let (rmw_given, rmw_estimated) = match rmw_at(track, x, &xs) {
                Some(r) => (r, false),
                None => (
                    match o.rmw_estimator {
                        RmwEstimator::Climada => estimate_rmw_km(pc_hpa),
                        RmwEstimator::VickeryWadhera2008 => {
                            rmw_vickery_wadhera_2008_km(dp_hpa, lat)
                        }
                    },
                    true,
                ),
            };
            // Translation: backward difference, equirect metric with the EARLIER node's
            // latitude (CLIMADA `_vtrans`), capped at 30 kn; node 0 has none.
            let (mut vt_n, mut vt_e, mut dpc_dt) = (0.0, 0.0, 0.0);
            if let Some(prev) = nodes.last() {
                vt_n = (lat - prev.lat) * ONE_LAT_KM * 1000.0 / dt_s;
                vt_e = (lon - prev.lon) * prev.lat.to_radians().cos() * ONE_LAT_KM * 1000.0 / dt_s;
                dpc_dt = (pc_hpa - prev.pc_hpa) / (dt_s / 3600.0);
            }
            let mut vt = (vt_n * vt_n + vt_e * vt_e).sqrt();
            let cap = o.vtrans_cap_kn * KN_TO_MS;
            if vt > cap {
                let fct = cap / vt;
                vt_n *= fct;
                vt_e *= fct;
                vt *= fct;
            }
            // CLIMADA `tctrack_to_si`: pdelta = fmax(spacing(1), env − cen), strictly positive.
            let dp_pa = (dp_hpa * 100.0).max(f64::EPSILON);
            let rmax_m = rmw_given * 1000.0;
            let (b, v_max_s_ms, x_n) = match o.model {
                WindModel::H1980 => {
                    let v_grad = (vmax_1min_ms - vt).max(0.0) / o.gradient_to_surface;
                    let b = b_holland_1980(v_grad, dp_pa, o.rho_air);
                    (b, v_max_s_holland_2008(b, dp_pa, o.rho_air), f64::NAN)
                }
                WindModel::H08 | WindModel::H10 => {
                    let b = bs_holland_2008(dp_hpa, dpc_dt, lat, vt, o.gradient_to_surface);
                    let vms = v_max_s_holland_2008(b, dp_pa, o.rho_air);
                    let xn = x_n_holland_2010(rmax_m, b, vms, o.h10_v_n_ms, o.h10_r_n_km * 1000.0);
                    (b, vms, xn)
                }
            };
            let km_per_deg_lon = lat.to_radians().cos() * ONE_LAT_KM;
            // Degree bounding box of the cut-off circle, with a hair of slack so the exact
            // (inclusive) test in metres decides at the edge.
            let slack = 1.0 + 1e-9;
            nodes.push(Node {
                time_s,
                lat,
                lon,
                pc_hpa,
                penv_hpa,
                dp_pa,
                dpc_dt_hpa_h: dpc_dt,
                vmax_1min_ms,
                rmw_km: rmw_given,
                rmw_estimated,
                vt_north_ms: vt_n,
                vt_east_ms: vt_e,
                vt_ms: vt,
                f: coriolis_parameter(lat),
                b,
                v_max_s_ms,
                x_n,
                active: k > 0 && dp_pa.is_finite() && b.is_finite(),
                rmax_m,
                km_per_deg_lon,
                dlat_max_deg: max_dist_km / ONE_LAT_KM * slack,
                dlon_max_deg: max_dist_km / km_per_deg_lon.max(1e-9) * slack,
            });
        }
        // CLIMADA `latsign`: southern hemisphere only if more nodes lie south than north.
        let south = nodes.iter().filter(|nd| nd.lat < 0.0).count();
        let north = nodes.iter().filter(|nd| nd.lat > 0.0).count();
        Ok(PreparedTrack {
            nodes,
            options: o,
            latsign: if south > north { -1.0 } else { 1.0 },
            max_dist_m: max_dist_km * 1000.0,
            out_factor: if o.land_reduction { LAND_FACTOR } else { 1.0 },
        })
    }

    /// The interpolated nodes (hourly by default), in time order.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }
    /// The options used.
    pub fn options(&self) -> &WindModelOptions {
        &self.options
    }
    /// Number of nodes (time steps).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }
    /// Always false (a prepared track has at least one node).
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The surface wind vector (north, east) in m/s (1-min sustained, 10 m, open terrain
    /// unless `land_reduction`) at (`lat`, `lon`) degrees due to node `k`; zero outside
    /// 1 m < r ≤ cut-off, for node 0, and for `k` out of range.
    #[inline]
    pub fn wind_vector_at(&self, k: usize, lat: f64, lon: f64) -> [f64; 2] {
        match self
            .nodes
            .get(k)
            .and_then(|n| self.node_vector(n, lat, lon))
        {
            Some((wn, we)) => [wn * self.out_factor, we * self.out_factor],
            None => [0.0, 0.0],
        }
    }

    /// Wind speed |wind| in m/s (1-min sustained) at a point due to node `k`.
    #[inline]
    pub fn wind_at(&self, k: usize, lat: f64, lon: f64) -> f64 {
        let [n, e] = self.wind_vector_at(k, lat, lon);
        (n * n + e * e).sqrt()
    }

    /// Peak wind over all nodes at a point: (speed m/s 1-min, index of the first node that
    /// attains it, `None` when no node gives wind there). This is CLIMADA's event intensity.
    pub fn peak_at(&self, lat: f64, lon: f64) -> (f64, Option<usize>) {
        let mut best = 0.0;
        let mut arg = None;
        for (k, n) in self.nodes.iter().enumerate() {
            if let Some((wn, we)) = self.node_vector(n, lat, lon) {
                let s2 = wn * wn + we * we;
                if s2 > best {
                    best = s2;
                    arg = Some(k);
                }
            }
        }
        (best.sqrt() * self.out_factor, arg)
    }

    /// Peak over the track of the **hourly mean** of the model wind at a point, m/s: the
    /// largest mean over one hour of consecutive nodes (trapezoid in time; with the default
    /// 1-h step, clock hours, as stations report them). A moving storm's wind at a fixed
    /// point changes within the hour, so this is below the peak of [`Self::peak_at`];
    /// docs/wind.md §2.
    pub fn peak_hourly_mean_at(&self, lat: f64, lon: f64) -> f64 {
        let per_hour = (1.0 / self.options.time_step_h).round().max(1.0) as usize;
        let speeds: Vec<f64> = (0..self.nodes.len())
            .map(|k| self.wind_at(k, lat, lon))
            .collect();
        let mut best = 0.0f64;
        for w in speeds.windows(per_hour.saturating_add(1)) {
            let (Some(first), Some(last)) = (w.first(), w.last()) else {
                continue;
            };
            let inner: f64 = w.iter().sum::<f64>() - 0.5 * (first + last);
            best = best.max(inner / per_hour as f64);
        }
        best
    }

    /// The raw kernel: wind vector of one node before the output factor, or `None` when the
    /// node does not reach the point. NaN results count as 0 (CLIMADA zeroes NaN).
    #[inline]
    pub(crate) fn node_vector(&self, n: &Node, lat: f64, lon: f64) -> Option<(f64, f64)> {
        if !n.active {
            return None;
        }
        let dlat = lat - n.lat;
        let dlon = lon - n.lon;
        // Cheap rejection in degrees before any sqrt/exp.
        if dlat.abs() > n.dlat_max_deg || dlon.abs() > n.dlon_max_deg {
            return None;
        }
        let dn_km = dlat * ONE_LAT_KM;
        let de_km = dlon * n.km_per_deg_lon;
        let r_km = (dn_km * dn_km + de_km * de_km).sqrt();
        let r_m = r_km * 1000.0;
        if !(r_m > 1.0 && r_m <= self.max_dist_m) {
            return None;
        }
        let o = &self.options;
        let corr = (n.rmax_m / r_m).min(1.0);
        let v = match o.model {
            WindModel::H1980 => {
                stat_holland_1980_ms(r_m, n.rmax_m, n.b, n.dp_pa, n.f, o.rho_air, false)
                    * o.gradient_to_surface
            }
            // H08 and H10 profiles already contain the translation: subtract it first
            // (CLIMADA PR #833) so the vector sum below does not count it twice.
            WindModel::H08 => {
                stat_holland_1980_ms(r_m, n.rmax_m, n.b, n.dp_pa, n.f, o.rho_air, false)
                    - n.vt_ms * corr
            }
            WindModel::H10 => {
                let x = x_holland_2010(r_m, n.rmax_m, n.x_n, o.h10_r_n_km * 1000.0);
                stat_holland_2010_ms(r_m, n.rmax_m, n.b, n.v_max_s_ms, x) - n.vt_ms * corr
            }
        };
        if !v.is_finite() {
            return Some((0.0, 0.0));
        }
        // Tangential unit vector (north, east) = latsign·(Δe/r, −Δn/r): anticlockwise in the
        // northern hemisphere (CLIMADA `_compute_windfields`).
        let wn = self.latsign * (de_km / r_km) * v + n.vt_north_ms * corr;
        let we = -self.latsign * (dn_km / r_km) * v + n.vt_east_ms * corr;
        Some((wn, we))
    }
}

impl Node {
    /// This node with another radius of maximum wind, km (everything that depends on it
    /// recomputed: the metre value and H10's peripheral exponent). Used to fit the RMW to
    /// reported wind radii (`super::radii`).
    pub fn with_rmw_km(&self, rmw_km: f64, o: &WindModelOptions) -> Node {
        let mut n = *self;
        n.rmw_km = rmw_km;
        n.rmax_m = rmw_km * 1000.0;
        if o.model != WindModel::H1980 {
            n.x_n = x_n_holland_2010(
                n.rmax_m,
                n.b,
                n.v_max_s_ms,
                o.h10_v_n_ms,
                o.h10_r_n_km * 1000.0,
            );
        }
        n
    }
}

impl PreparedTrack {
    /// Wind speed (model wind, m/s) at a point due to an arbitrary node `n` evaluated with
    /// this track's options (0 where the node does not reach).
    pub fn node_speed_at(&self, n: &Node, lat: f64, lon: f64) -> f64 {
        match self.node_vector(n, lat, lon) {
            Some((wn, we)) => (wn * wn + we * we).sqrt() * self.out_factor,
            None => 0.0,
        }
    }
}

impl PreparedTrack {
    /// Upper bounds of |wind| of node `n` on radial bins `[j·dr, (j+1)·dr)` km, valid only for
    /// bins starting at or beyond the RMW (returned as the first valid bin index), or `None`
    /// for an inactive node. Used by the grid to skip nodes that cannot raise a cell's
    /// maximum; the result is exactly the same as without pruning. Why the bounds hold:
    /// - H1980/H08: beyond the RMW the Holland gradient profile decreases strictly in r
    ///   (u·e^(−u) grows with u = (R/r)^B < 1, and sqrt(a + c²) − c = a/(sqrt(a + c²) + c)
    ///   with a decreasing, c = rf/2 increasing), so its value at the inner edge bounds the
    ///   bin; `corr = min(1, R/r)` is bounded by R/r_j.
    /// - H10: w = (R/r)^b·e^(1−(R/r)^b) ≤ 1 decreases beyond R and x ≥ x_lo (x is linear in
    ///   r, so its bin minimum is at an edge), hence v_ms·w^x ≤ v_ms·w(r_j)^x_lo.
    /// - Vector sum: H1980 |V·t + v_t·corr| ≤ V + |v_t|·corr; H08/H10 with V' = V − |v_t|·corr:
    ///   |V'·t + v_t·corr| ≤ max(V, 2·|v_t|·corr).
    pub(crate) fn bound_table(&self, n: &Node, dr_km: f64) -> Option<(usize, Vec<f64>)> {
        if !n.active {
            return None;
        }
        let o = &self.options;
        let j0 = (n.rmw_km / dr_km).ceil().max(1.0) as usize;
        let j1 = (o.max_dist_eye_km / dr_km).ceil() as usize + 1;
        let r_n_m = o.h10_r_n_km * 1000.0;
        let mut tab = vec![f64::INFINITY; j1 + 1];
        for (j, slot) in tab.iter_mut().enumerate().skip(j0) {
            let r_m = j as f64 * dr_km * 1000.0;
            let corr = (n.rmax_m / r_m).min(1.0);
            let bound = match o.model {
                WindModel::H1980 => {
                    stat_holland_1980_ms(r_m, n.rmax_m, n.b, n.dp_pa, n.f, o.rho_air, false)
                        * o.gradient_to_surface
                        + n.vt_ms * corr
                }
                WindModel::H08 => {
                    stat_holland_1980_ms(r_m, n.rmax_m, n.b, n.dp_pa, n.f, o.rho_air, false)
                        .max(2.0 * n.vt_ms * corr)
                }
                WindModel::H10 => {
                    let x_lo = x_holland_2010(r_m, n.rmax_m, n.x_n, r_n_m).min(x_holland_2010(
                        r_m + dr_km * 1000.0,
                        n.rmax_m,
                        n.x_n,
                        r_n_m,
                    ));
                    stat_holland_2010_ms(r_m, n.rmax_m, n.b, n.v_max_s_ms, x_lo)
                        .max(2.0 * n.vt_ms * corr)
                }
            };
            // Slack for rounding: the bound must never be below a computed value.
            *slot = if bound.is_finite() {
                bound * (1.0 + 1e-9) + 1e-9
            } else {
                f64::INFINITY
            };
        }
        Some((j0, tab))
    }
}

/// RMW at hour `x` of the track: linear between points that both give one, the point's own
/// value at a point, else `None` (→ estimate), like CLIMADA's NaN-propagating interpolation.
fn rmw_at(track: &Track, x: f64, xs: &[f64]) -> Option<f64> {
    let pts = track.points();
    let i = xs
        .partition_point(|&v| v <= x)
        .saturating_sub(1)
        .min(pts.len() - 2);
    let w = (x - xs[i]) / (xs[i + 1] - xs[i]);
    match (pts[i].rmw_km, pts[i + 1].rmw_km) {
        (Some(a), _) if w == 0.0 => Some(a),
        (_, Some(b)) if w == 1.0 => Some(b),
        (Some(a), Some(b)) => Some(a + w * (b - a)),
        _ => None,
    }
}
