//! Gridded wind fields (格点风场) and wind radii (风圈半径) for maps and animation.

// Grid loops: row/column indices are below the (n_lat, n_lon) of `GridSpec::shape`, whose product is checked ≤ MAX_GRID_POINTS; bearing arrays have N_BEARINGS entries and quadrants N_BEARINGS/4; node indices are checked against the node count before use.
#![allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]

use serde::{Deserialize, Serialize};

use super::surface::{Exposure, Site, SiteFactors, CALIBRATED};
use super::units::ONE_LAT_KM;
use super::windfield::PreparedTrack;
use crate::{Error, Result};

/// A regular lat/lon grid: rows south→north from `lat0` to `lat1`, columns west→east from
/// `lon0` to `lon1`, spacing `step_deg` (both ends included). Values are stored row-major.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GridSpec {
    /// Southern edge latitude, degrees.
    pub lat0: f64,
    /// Northern edge latitude, degrees (≥ lat0).
    pub lat1: f64,
    /// Western edge longitude, degrees.
    pub lon0: f64,
    /// Eastern edge longitude, degrees (≥ lon0).
    pub lon1: f64,
    /// Spacing, degrees (> 0).
    pub step_deg: f64,
}

/// Largest number of grid points accepted (keeps a typo from allocating gigabytes).
pub const MAX_GRID_POINTS: usize = 4_000_000;

impl GridSpec {
    /// The Zhongshan map window of the brief: 22.2–22.8 N × 113.1–113.7 E at 0.01° (61 × 61).
    pub fn zhongshan_001() -> GridSpec {
        GridSpec {
            lat0: 22.2,
            lat1: 22.8,
            lon0: 113.1,
            lon1: 113.7,
            step_deg: 0.01,
        }
    }
    /// (rows, columns).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for non-finite or inverted bounds, step ≤ 0, or more than
    /// [`MAX_GRID_POINTS`].
    pub fn shape(&self) -> Result<(usize, usize)> {
        let ok = [self.lat0, self.lat1, self.lon0, self.lon1, self.step_deg]
            .iter()
            .all(|v| v.is_finite())
            && self.step_deg > 0.0
            && self.lat1 >= self.lat0
            && self.lon1 >= self.lon0;
        if !ok {
            return Err(Error::InvalidInput(format!("bad grid {self:?}")));
        }
        // Round, so 0.6/0.01 = 59.999… still gives 61 points.
        let n_lat = ((self.lat1 - self.lat0) / self.step_deg + 0.5).floor() as usize + 1;
        let n_lon = ((self.lon1 - self.lon0) / self.step_deg + 0.5).floor() as usize + 1;
        if n_lat.saturating_mul(n_lon) > MAX_GRID_POINTS {
            return Err(Error::InvalidInput(format!(
                "grid of {n_lat}×{n_lon} points is too large"
            )));
        }
        Ok((n_lat, n_lon))
    }
    /// Latitude of row `i`.
    pub fn lat(&self, i: usize) -> f64 {
        self.lat0 + i as f64 * self.step_deg
    }
    /// Longitude of column `j`.
    pub fn lon(&self, j: usize) -> f64 {
        self.lon0 + j as f64 * self.step_deg
    }
}

/// A gridded wind field: 1-min sustained 10 m wind in m/s, row-major (`values[i*n_lon + j]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WindGrid {
    /// The grid.
    pub spec: GridSpec,
    /// Rows (latitudes).
    pub n_lat: usize,
    /// Columns (longitudes).
    pub n_lon: usize,
    /// Wind speeds, m/s, as `f32` (ample for display; halves the copy into JS).
    pub values_ms: Vec<f32>,
}

/// Index range of grid rows/cols within `half` degrees of `c`.
fn index_range(c: f64, half: f64, origin: f64, step: f64, n: usize) -> Option<(usize, usize)> {
    let lo = ((c - half - origin) / step).ceil().max(0.0);
    let hi = ((c + half - origin) / step).floor().min(n as f64 - 1.0);
    if hi < lo {
        None
    } else {
        Some((lo as usize, hi as usize))
    }
}

/// Radial bin width of the pruning bounds, km.
const BOUND_BIN_KM: f64 = 1.0;

/// Accumulates max |wind| of the nodes `ks` into `out` (node-outer loop: each node visits
/// only the rows and columns inside its cut-off box). Nodes are visited nearest-first to
/// the grid centre so that maxima rise early, and a node is skipped at a cell when its upper
/// bound there ([`PreparedTrack::bound_table`]) is below the cell's current maximum: the
/// result equals the unpruned maximum exactly (f32 rounding is monotone).
fn accumulate(
    p: &PreparedTrack,
    spec: &GridSpec,
    n_lat: usize,
    n_lon: usize,
    ks: std::ops::Range<usize>,
    out: &mut [f32],
) {
    let max_km = p.options().max_dist_eye_km;
    let (clat, clon) = (0.5 * (spec.lat0 + spec.lat1), 0.5 * (spec.lon0 + spec.lon1));
    let mut order: Vec<usize> = ks
        .filter(|&k| p.nodes().get(k).is_some_and(|n| n.active))
        .collect();
    let d2 = |k: usize| {
        let n = &p.nodes()[k];
        let de = (n.lon - clon) * n.lat.to_radians().cos();
        (n.lat - clat).powi(2) + de * de
    };
    order.sort_by(|&a, &b| d2(a).total_cmp(&d2(b)));
    for k in order {
        let n = &p.nodes()[k];
        let km_per_deg_lon = n.lat.to_radians().cos() * ONE_LAT_KM;
        let dlat = max_km / ONE_LAT_KM * (1.0 + 1e-9);
        let dlon = max_km / km_per_deg_lon * (1.0 + 1e-9);
        let Some((i0, i1)) = index_range(n.lat, dlat, spec.lat0, spec.step_deg, n_lat) else {
            continue;
        };
        let Some((j0, j1)) = index_range(n.lon, dlon, spec.lon0, spec.step_deg, n_lon) else {
            continue;
        };
        let bounds = p.bound_table(n, BOUND_BIN_KM);
        for i in i0..=i1 {
            let lat = spec.lat(i);
            let dn = (lat - n.lat) * ONE_LAT_KM;
            let row = &mut out[i * n_lon..(i + 1) * n_lon];
            for (j, cell) in row.iter_mut().enumerate().take(j1 + 1).skip(j0) {
                let lon = spec.lon(j);
                if let Some((b0, tab)) = &bounds {
                    let de = (lon - n.lon) * km_per_deg_lon;
                    let bin = ((dn * dn + de * de).sqrt() / BOUND_BIN_KM) as usize;
                    if bin >= *b0 && bin < tab.len() && tab[bin] < *cell as f64 {
                        continue;
                    }
                }
                if let Some((wn, we)) = p.node_vector(n, lat, lon) {
                    let s = (wn * wn + we * we).sqrt() as f32;
                    if s > *cell {
                        *cell = s;
                    }
                }
            }
        }
    }
}

fn fill_for(
    p: &PreparedTrack,
    spec: &GridSpec,
    ks: std::ops::Range<usize>,
    out: &mut Vec<f32>,
) -> Result<(usize, usize)> {
    let (n_lat, n_lon) = spec.shape()?;
    out.clear();
    out.resize(n_lat * n_lon, 0.0);
    accumulate(p, spec, n_lat, n_lon, ks, out);
    if p.options().land_reduction {
        let f = super::units::LAND_FACTOR as f32;
        out.iter_mut().for_each(|v| *v *= f);
    }
    Ok((n_lat, n_lon))
}

fn grid_for(p: &PreparedTrack, spec: &GridSpec, ks: std::ops::Range<usize>) -> Result<WindGrid> {
    let mut values_ms = Vec::new();
    let (n_lat, n_lon) = fill_for(p, spec, ks, &mut values_ms)?;
    Ok(WindGrid {
        spec: *spec,
        n_lat,
        n_lon,
        values_ms,
    })
}

/// [`wind_grid_peak`] into a caller-owned buffer (reused between calls, no allocation once
/// it is large enough); returns (rows, columns).
///
/// # Errors
/// As [`wind_grid_peak`].
pub fn fill_grid_peak(
    p: &PreparedTrack,
    spec: &GridSpec,
    out: &mut Vec<f32>,
) -> Result<(usize, usize)> {
    fill_for(p, spec, 0..p.len(), out)
}

/// [`wind_grid_step`] into a caller-owned buffer (for animation frames); returns (rows,
/// columns).
///
/// # Errors
/// As [`wind_grid_step`].
pub fn fill_grid_step(
    p: &PreparedTrack,
    spec: &GridSpec,
    k: usize,
    out: &mut Vec<f32>,
) -> Result<(usize, usize)> {
    if k >= p.len() {
        return Err(Error::InvalidInput(format!(
            "time step {k} ≥ {} nodes",
            p.len()
        )));
    }
    fill_for(p, spec, k..k + 1, out)
}

/// Peak wind over the whole track at every grid point (CLIMADA's event intensity), m/s 1-min.
///
/// # Errors
/// [`Error::InvalidInput`] for a bad grid ([`GridSpec::shape`]).
pub fn wind_grid_peak(p: &PreparedTrack, spec: &GridSpec) -> Result<WindGrid> {
    grid_for(p, spec, 0..p.len())
}

/// Wind at time step `k` (one animation frame) at every grid point, m/s 1-min.
///
/// # Errors
/// [`Error::InvalidInput`] for a bad grid or `k` ≥ number of nodes.
pub fn wind_grid_step(p: &PreparedTrack, spec: &GridSpec, k: usize) -> Result<WindGrid> {
    if k >= p.len() {
        return Err(Error::InvalidInput(format!(
            "time step {k} ≥ {} nodes",
            p.len()
        )));
    }
    grid_for(p, spec, k..k + 1)
}

/// Number of bearings sampled by [`wind_radii`].
pub const N_BEARINGS: usize = 16;

/// Wind radii (风圈半径) around the centre at one time step.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WindRadii {
    /// Threshold on the CMA-convention **2-min mean** wind at sea exposure, m/s — matching how
    /// CMA reports R7/R10/R12 (the model wind is divided by the calibrated sea-exposure 2-min
    /// factor, docs/wind.md §5).
    pub threshold_2min_ms: f64,
    /// Bearings, degrees clockwise from north: 11.25 + 22.5·j, so each quadrant holds 4.
    pub bearings_deg: [f64; N_BEARINGS],
    /// Outermost radius along each bearing where the wind reaches the threshold, km (1 km
    /// resolution, 0 when nowhere).
    pub radius_km: [f64; N_BEARINGS],
    /// Largest radius per quadrant NE, SE, SW, NW, km (the CMA report's four numbers).
    pub quadrant_max_km: [f64; 4],
}

/// Wind radii at node `k` for a threshold on the 2-min-equivalent wind, by sampling 16
/// bearings every 1 km from the cut-off inwards. For force 7/10/12 (7/10/12级风圈) use
/// 13.9, 24.5 and 32.7 m/s (GB/T 28591 lower edges).
///
/// # Errors
/// [`Error::InvalidInput`] for `k` out of range or a non-positive threshold.
pub fn wind_radii(p: &PreparedTrack, k: usize, threshold_2min_ms: f64) -> Result<WindRadii> {
    let n = p
        .nodes()
        .get(k)
        .ok_or_else(|| Error::InvalidInput(format!("time step {k} ≥ {} nodes", p.len())))?;
    if !(threshold_2min_ms.is_finite() && threshold_2min_ms > 0.0) {
        return Err(Error::InvalidInput(format!(
            "threshold {threshold_2min_ms} must be > 0"
        )));
    }
    // Wind radii are defined on the 2-min mean over the sea (CMA bulletins): the model
    // threshold comes from the sea-exposure conversion (docs/wind.md §5).
    let thr_1min =
        threshold_2min_ms / SiteFactors::new(&Site::at_10m(Exposure::Sea), &CALIBRATED).mean_2min;
    let mut out = WindRadii {
        threshold_2min_ms,
        bearings_deg: [0.0; N_BEARINGS],
        radius_km: [0.0; N_BEARINGS],
        quadrant_max_km: [0.0; 4],
    };
    let max_km = p.options().max_dist_eye_km.floor() as i64;
    let km_per_deg_lon = n.lat.to_radians().cos() * ONE_LAT_KM;
    for j in 0..N_BEARINGS {
        let bearing = 11.25 + 22.5 * j as f64;
        out.bearings_deg[j] = bearing;
        let (s, c) = bearing.to_radians().sin_cos();
        for r in (1..=max_km).rev() {
            let r = r as f64;
            let lat = n.lat + r * c / ONE_LAT_KM;
            let lon = n.lon + r * s / km_per_deg_lon;
            if p.wind_at(k, lat, lon) >= thr_1min {
                out.radius_km[j] = r;
                break;
            }
        }
        let q = j / 4;
        out.quadrant_max_km[q] = out.quadrant_max_km[q].max(out.radius_km[j]);
    }
    Ok(out)
}
