//! Typhoon hazard engine (台风致灾因子): track → parametric wind field → per-district peak
//! wind, wind-force level (风力等级), gust (阵风) and implied warning signal (预警信号).
//!
//! The wind field reproduces **CLIMADA 6.1.0** (`climada/hazard/tc_tracks.py`,
//! `climada/hazard/trop_cyclone/trop_cyclone_windfields.py`; docs/domain.md §3):
//!
//! 1. [`track::Track`]: validated CMA best track or custom JSON; winds carry their averaging
//!    period, CMA 2-min → 1-min by ÷ 0.871.
//! 2. [`windfield::PreparedTrack::new`]: hourly nodes (linear scalars, not-a-knot cubic
//!    lat/lon for n ≥ 4), translation speed (backward difference, ≤ 30 kn, node 0 zeroed),
//!    Δp, dp_c/dt, Coriolis f, RMW (given or CLIMADA `estimate_rmw`, nautical miles!),
//!    p_env default 1005 hPa, shape parameter B (H1980) or b_s (H08/H10).
//! 3. Evaluation: equirect distance (111.12 km/deg, cos of the node latitude), wind only for
//!    1 m < r ≤ 300 km; Holland profile ([`holland`]): H1980 × 0.9, H08 (default) / H10 minus
//!    `|v_t|·min(1, R/r)`; vector sum with `v_t·min(1, R/r)`; peak = max over nodes of |wind|.
//!    Output: CLIMADA's 1-min 10 m wind, the open-terrain reference (开阔地面参考).
//! 4. [`surface`]: surface winds by exposure, averaging period and gust (WMO/TD-No. 1555),
//!    calibrated on station records; [`radii`]: RMW fitted to reported wind radii;
//!    [`district`]: per-district peaks, GB/T 28591 levels of the surface 2-min mean and gust,
//!    implied signals, the one town-index function; [`points`]: any point; [`grid`]:
//!    gridded peak/frame fields and wind radii. See `docs/wind.md`.
//! 5. [`scenarios`]: five built-in storms; [`transform`]: what-if shifts, rotation, Δp, RMW,
//!    speed.
//!
//! API for the widget (all infallible after construction):
//! ```
//! use zs_risk_map::hazard::{scenarios, transform::TrackTransform, windfield::*, district, grid};
//! use zs_risk_map::map::DistrictLayer;
//! let track = TrackTransform { shift_east_km: -20.0, ..Default::default() }
//!     .apply(&scenarios::track("hato").unwrap()).unwrap();
//! let p = PreparedTrack::new(&track, &WindModelOptions::default()).unwrap();
//! let peaks = district::district_peaks(&p, &DistrictLayer::builtin());
//! let field = grid::wind_grid_peak(&p, &grid::GridSpec::zhongshan_001()).unwrap();
//! assert_eq!((peaks.len(), field.values_ms.len()), (23, 61 * 61));
//! ```

// Library code reachable from input: no unchecked integer arithmetic, indexing, unwrap or
// expect (COMMON standards); tests are exempt.
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used
    )
)]

pub mod district;
pub mod grid;
pub mod holland;
pub mod interp;
pub mod points;
pub mod radii;
pub mod scenarios;
pub mod surface;
pub mod time;
pub mod track;
pub mod transform;
pub mod units;
pub mod windfield;

pub use district::{district_peaks, DistrictPeak, WarningSignal};
pub use grid::{wind_grid_peak, wind_grid_step, GridSpec, WindGrid};
pub use track::{Track, TrackPoint, WindAveraging};
pub use transform::TrackTransform;
pub use windfield::{PreparedTrack, WindModel, WindModelOptions};
