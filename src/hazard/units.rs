//! Unit and averaging-period conversion constants (单位换算), each with its source.

/// Knot → m/s (1852 m / 3600 s), CLIMADA `KN_TO_MS`.
pub const KN_TO_MS: f64 = 1852.0 / 3600.0;
/// Nautical mile → km, CLIMADA `NM_TO_KM`.
pub const NM_TO_KM: f64 = 1.852;
/// km per degree of latitude in the equirectangular metric, CLIMADA `ONE_LAT_KM` = 111.12.
pub const ONE_LAT_KM: f64 = 111.12;
/// Angular velocity of the earth used by CLIMADA for the Coriolis parameter, rad/s.
pub const V_ANG_EARTH: f64 = 7.29e-5;
/// **Input only**: CMA best-track 2-min wind ÷ 1-min sustained, `v_1min = v_CMA / 0.871`
/// (CLIMADA `IBTRACS_AGENCY_1MIN_WIND_FACTOR['cma']`, Knapp & Kruk 2010 Table 1) \[V\]. An
/// inter-agency best-track bias factor, not an averaging-period conversion: model output is
/// never multiplied back by it (output periods come from `super::surface`; docs/wind.md §1).
pub const CMA_2MIN_PER_1MIN: f64 = 0.871;
/// **Input only**: 10-min best-track wind (WMO/JMA convention) ÷ 1-min sustained at sea,
/// 0.93 (Harper et al. 2010, WMO/TD-No. 1555, at-sea recommendation) \[S/I\]: the ratio is sourced, applying it to a CMA track is our reading.
pub const TEN_MIN_PER_1MIN: f64 = 0.93;
/// Optional over-land reduction of the open-terrain wind, × 0.8 (Knaff et al. 2011 as coded
/// in stormwindmodel `src/calc_grid_wind.cpp`) \[V\]. CLIMADA applies none.
pub const LAND_FACTOR: f64 = 0.8;
