//! Surface wind (地表风) at a point: from the CLIMADA-faithful model wind to the 10 m (or
//! anemometer-height) wind a place actually feels, by **exposure** (暴露/下垫面), **averaging
//! period** (平均时距) and **gust** (阵风). See `docs/wind.md` for the derivation, every source,
//! and the calibration against Hong Kong Observatory station records.
//!
//! The chain, applied once per point (never divided back):
//! 1. The model wind `v_model` (CLIMADA H08/H1980/H10 output) is read as the **1-min mean at
//!    10 m over the sea**: the Holland surface profiles are fitted to over-water winds
//!    (docs/wind.md §2).
//! 2. Hourly mean at sea: `v_model / G(3600, 60; 10 m, z0_sea)`.
//! 3. Roughness and height (log law below a blending height h_b, where the wind no longer
//!    feels the surface; Wieringa 1986): the hourly mean at height z over roughness z0 is
//!    `V60_sea · ln(h_b/z0_sea)/ln(10/z0_sea) · ln(z/z0)/ln(h_b/z0)`.
//! 4. Every other period from the gust factor of the **site**: `V_τ = V60 · G(3600, τ; z, z0)`
//!    with `G = 1 + g_τ · I_u` and `I_u = 1/ln(z/z0)`; g_τ from the WMO In-Land row
//!    (Harper, Kepert & Ginger 2010, WMO/TD-No. 1555, Table 1.1), which then reproduces the
//!    Off-Land, Off-Sea and At-Sea rows within 0.02 (test `gust_formula_reproduces_wmo_rows`).
//!
//! So gust ≥ 1-min ≥ 2-min ≥ 10-min ≥ 60-min holds for every exposure and height by
//! construction (g_τ decreases in τ and I_u > 0), and the sea 1-min at 10 m returns the model
//! wind exactly.

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Exposure class of a site (暴露类别 / 下垫面), each with a roughness length z0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Exposure {
    /// 海面: open water more than a few km offshore.
    Sea,
    /// 海岸: shoreline, beaches, mudflats, small islands, with onshore flow (the sea-to-land
    /// transition: the first few hundred metres inland still carry the marine profile).
    Coast,
    /// 开阔地: farmland, fish ponds, airfields.
    Open,
    /// 郊区: low-rise built-up land with trees and open spaces (towns' outskirts).
    Suburban,
    /// 城区: dense built-up town centres.
    Urban,
}

/// All exposure classes, from smooth to rough.
pub const EXPOSURES: [Exposure; 5] = [
    Exposure::Sea,
    Exposure::Coast,
    Exposure::Open,
    Exposure::Suburban,
    Exposure::Urban,
];

impl Exposure {
    /// Parses `sea|coast|open|suburban|urban`.
    ///
    /// # Errors
    /// [`Error::invalid_field`] naming `field`, listing the classes.
    pub fn parse(field: &str, s: &str) -> Result<Exposure> {
        match s.trim() {
            "sea" => Ok(Exposure::Sea),
            "coast" => Ok(Exposure::Coast),
            "open" => Ok(Exposure::Open),
            "suburban" => Ok(Exposure::Suburban),
            "urban" => Ok(Exposure::Urban),
            other => Err(Error::invalid_field(
                field,
                format!("暴露类别“{other}”无效，应为 sea、coast、open、suburban 或 urban"),
                format!("exposure '{other}' is not one of sea, coast, open, suburban, urban"),
            )),
        }
    }
    /// Identifier as in CSV/JSON (`"urban"`).
    pub fn id(self) -> &'static str {
        match self {
            Exposure::Sea => "sea",
            Exposure::Coast => "coast",
            Exposure::Open => "open",
            Exposure::Suburban => "suburban",
            Exposure::Urban => "urban",
        }
    }
    /// Chinese label (海面/海岸/开阔地/郊区/城区).
    pub fn name_zh(self) -> &'static str {
        match self {
            Exposure::Sea => "海面",
            Exposure::Coast => "海岸",
            Exposure::Open => "开阔地",
            Exposure::Suburban => "郊区",
            Exposure::Urban => "城区",
        }
    }
    /// English label.
    pub fn name_en(self) -> &'static str {
        match self {
            Exposure::Sea => "sea",
            Exposure::Coast => "coast",
            Exposure::Open => "open",
            Exposure::Suburban => "suburban",
            Exposure::Urban => "urban",
        }
    }
    /// Roughness length z0, m: the Davenport classification as revised by Wieringa (1992),
    /// reproduced in the WMO CIMO Guide (WMO-No. 8), terrain classes 1 (sea, 0.0002),
    /// 2 (smooth: mudflats, beaches, 0.005), 3 (open: flat farmland, airfields, 0.03),
    /// 6 (very rough: scattered low-rise buildings and trees, 0.5) and 7 (skimming: densely
    /// built-up, 1.0). docs/wind.md §3.
    pub fn z0_m(self) -> f64 {
        match self {
            Exposure::Sea => 0.0002,
            Exposure::Coast => 0.005,
            Exposure::Open => 0.03,
            Exposure::Suburban => 0.5,
            Exposure::Urban => 1.0,
        }
    }
}

/// Averaging period of a wind value (平均时距).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// 3-s gust (阵风, WMO peak gust).
    Gust3s,
    /// 1-min mean.
    Min1,
    /// 2-min mean (CMA observing convention, GB/T 28591 levels).
    Min2,
    /// 10-min mean (WMO standard).
    Min10,
    /// 60-min (hourly) mean.
    Min60,
}

impl Period {
    /// Duration in seconds.
    pub fn seconds(self) -> u32 {
        match self {
            Period::Gust3s => 3,
            Period::Min1 => 60,
            Period::Min2 => 120,
            Period::Min10 => 600,
            Period::Min60 => 3600,
        }
    }
    /// Peak factor g_τ of a τ-second mean within an hour, so that
    /// `G(3600, τ) = 1 + g_τ·I_u`. From the WMO/TD-No. 1555 Table 1.1 **In-Land** row
    /// (G = 1.75, 1.28, 1.19, 1.08 for τ = 3, 60, 120, 600 s; Harper, Kepert & Ginger 2010)
    /// with that row's roughness z0 = 0.1 m at 10 m, i.e. I_u = 1/ln(100):
    /// g_τ = (G − 1)·ln(100). docs/wind.md §4.
    pub fn peak_factor(self) -> f64 {
        let ln100 = 100f64.ln();
        match self {
            Period::Gust3s => 0.75 * ln100,
            Period::Min1 => 0.28 * ln100,
            Period::Min2 => 0.19 * ln100,
            Period::Min10 => 0.08 * ln100,
            Period::Min60 => 0.0,
        }
    }
}

/// Longitudinal turbulence intensity I_u = 1/ln(z/z0) of the neutral log-law surface layer
/// (ESDU 85020 leading term; Wieringa 1973), z and z0 in m.
pub fn turbulence_intensity(z_m: f64, z0_m: f64) -> f64 {
    1.0 / (z_m / z0_m).ln()
}

/// Gust factor G(3600, τ) at height z over roughness z0: the ratio of the highest τ-second
/// mean in an hour to the hourly mean (1 for τ = 3600 s), WMO/TD-No. 1555 form.
pub fn gust_factor(period: Period, z_m: f64, z0_m: f64) -> f64 {
    1.0 + period.peak_factor() * turbulence_intensity(z_m, z0_m)
}

/// [`gust_factor`] with the calibrated turbulence factor applied to I_u.
pub fn gust_factor_with(period: Period, z_m: f64, z0_m: f64, params: &SurfaceParams) -> f64 {
    1.0 + period.peak_factor() * params.turbulence_factor * turbulence_intensity(z_m, z0_m)
}

/// The surface-wind parameters, calibrated once for all storms (docs/wind.md §6).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SurfaceParams {
    /// Blending height h_b, m: the height at which the hourly mean no longer depends on the
    /// local roughness. Wieringa (1986) uses 60 m for regional roughness; the tropical-
    /// cyclone boundary layer is deeper. The one calibrated parameter.
    pub blend_height_m: f64,
    /// Turbulence factor: the tropical-cyclone turbulence intensity over land relative to
    /// the neutral log-law value `1/ln(z/z0)` (Yu & Chowdhury 2009 measured TC gust factors
    /// 10–15 % above extratropical ones over the same terrain). 1 reproduces the WMO table.
    pub turbulence_factor: f64,
}

/// The calibrated parameters (docs/wind.md §6: one value for all storms).
pub const CALIBRATED: SurfaceParams = SurfaceParams {
    blend_height_m: 1500.0,
    turbulence_factor: 1.1,
};

/// A site: exposure and anemometer height above ground (测风高度).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Site {
    /// Exposure class.
    pub exposure: Exposure,
    /// Height above ground, m (2…150; 10 is the WMO standard).
    pub height_m: f64,
}

impl Site {
    /// A site at the standard 10 m.
    pub fn at_10m(exposure: Exposure) -> Site {
        Site {
            exposure,
            height_m: 10.0,
        }
    }
    /// Checks the height.
    ///
    /// # Errors
    /// [`Error::out_of_range`] for `height_m` outside 2…150 m.
    pub fn validate(&self) -> Result<()> {
        if !self.height_m.is_finite() || !(2.0..=150.0).contains(&self.height_m) {
            return Err(Error::out_of_range(
                "height_m",
                format!("测风高度 {} m 超出 2–150 m", self.height_m),
                format!("anemometer height {} m is outside 2–150 m", self.height_m),
            ));
        }
        Ok(())
    }
}

/// Factors turning the model wind into a site's surface winds; computed once per site, then
/// one multiplication per value (cheap enough for every animation frame).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SiteFactors {
    /// Hourly mean ÷ model wind.
    pub mean_60min: f64,
    /// 10-min mean ÷ model wind.
    pub mean_10min: f64,
    /// 2-min mean ÷ model wind.
    pub mean_2min: f64,
    /// 1-min mean ÷ model wind.
    pub mean_1min: f64,
    /// 3-s gust ÷ model wind.
    pub gust: f64,
}

/// Hourly-mean multiplier from 10 m over the sea to height `z_m` over roughness `z0_m`, with
/// a common wind at the blending height (log law on both sides).
pub fn terrain_height_multiplier(z_m: f64, z0_m: f64, params: &SurfaceParams) -> f64 {
    let zs = Exposure::Sea.z0_m();
    let h = params.blend_height_m;
    ((h / zs).ln() / (10.0 / zs).ln()) * ((z_m / z0_m).ln() / (h / z0_m).ln())
}

impl SiteFactors {
    /// Factors for `site` under `params`.
    pub fn new(site: &Site, params: &SurfaceParams) -> SiteFactors {
        let z0 = site.exposure.z0_m();
        let z = site.height_m;
        let v60 = terrain_height_multiplier(z, z0, params)
            / gust_factor_with(Period::Min1, 10.0, Exposure::Sea.z0_m(), params);
        SiteFactors {
            mean_60min: v60,
            mean_10min: v60 * gust_factor_with(Period::Min10, z, z0, params),
            mean_2min: v60 * gust_factor_with(Period::Min2, z, z0, params),
            mean_1min: v60 * gust_factor_with(Period::Min1, z, z0, params),
            gust: v60 * gust_factor_with(Period::Gust3s, z, z0, params),
        }
    }
    /// The factor for one period.
    pub fn of(&self, period: Period) -> f64 {
        match period {
            Period::Gust3s => self.gust,
            Period::Min1 => self.mean_1min,
            Period::Min2 => self.mean_2min,
            Period::Min10 => self.mean_10min,
            Period::Min60 => self.mean_60min,
        }
    }
    /// All surface winds for one model wind (m/s, unrounded).
    pub fn winds(&self, v_model_ms: f64) -> SurfaceWinds {
        SurfaceWinds {
            mean_60min_ms: v_model_ms * self.mean_60min,
            mean_10min_ms: v_model_ms * self.mean_10min,
            mean_2min_ms: v_model_ms * self.mean_2min,
            mean_1min_ms: v_model_ms * self.mean_1min,
            gust_ms: v_model_ms * self.gust,
        }
    }
}

/// Surface winds at a site, m/s (unrounded).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SurfaceWinds {
    /// Hourly mean (60分钟平均风).
    pub mean_60min_ms: f64,
    /// 10-min mean (10分钟平均风).
    pub mean_10min_ms: f64,
    /// 2-min mean (2分钟平均风).
    pub mean_2min_ms: f64,
    /// 1-min mean (1分钟平均风).
    pub mean_1min_ms: f64,
    /// 3-s gust (阵风).
    pub gust_ms: f64,
}

/// Which wind a value is (the label every screen, CSV and JSON carries).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum WindLayer {
    /// Surface wind by exposure (地表风, the default).
    #[default]
    Surface,
    /// CLIMADA's output as is: 1-min wind, 10 m, open-terrain reference (开阔地面参考).
    Reference,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gust_formula_reproduces_wmo_rows() {
        // WMO/TD-No. 1555 Table 1.1, G(3600, τ) for τ = 3, 60, 120, 600 s at 10 m, with the
        // rows' nominal roughness: At-Sea 0.0002, Off-Sea 0.005, Off-Land 0.03, In-Land 0.1.
        let rows = [
            (0.0002, [1.30, 1.11, 1.07, 1.03]),
            (0.005, [1.45, 1.17, 1.11, 1.05]),
            (0.03, [1.60, 1.22, 1.15, 1.06]),
            (0.1, [1.75, 1.28, 1.19, 1.08]),
        ];
        let periods = [Period::Gust3s, Period::Min1, Period::Min2, Period::Min10];
        for (z0, g) in rows {
            for (p, want) in periods.iter().zip(g) {
                let got = gust_factor(*p, 10.0, z0);
                assert!(
                    (got - want).abs() <= 0.021,
                    "z0 {z0} {p:?}: {got} vs {want}"
                );
            }
        }
    }

    #[test]
    fn conversion_order_holds_for_every_exposure_and_height() {
        for e in EXPOSURES {
            for z in [2.0, 5.0, 10.0, 19.0, 35.0, 80.0, 150.0] {
                for p in [
                    CALIBRATED,
                    SurfaceParams {
                        blend_height_m: 60.0,
                        turbulence_factor: 1.0,
                    },
                ] {
                    let f = SiteFactors::new(
                        &Site {
                            exposure: e,
                            height_m: z,
                        },
                        &p,
                    );
                    assert!(
                        f.gust >= f.mean_1min
                            && f.mean_1min >= f.mean_2min
                            && f.mean_2min >= f.mean_10min
                            && f.mean_10min >= f.mean_60min
                            && f.mean_60min > 0.0,
                        "{e:?} at {z} m: {f:?}"
                    );
                }
            }
        }
        // Rougher ground, lower mean at 10 m.
        let m: Vec<f64> = EXPOSURES
            .iter()
            .map(|e| SiteFactors::new(&Site::at_10m(*e), &CALIBRATED).mean_10min)
            .collect();
        assert!(m.windows(2).all(|w| w[0] > w[1]), "{m:?}");
    }

    #[test]
    fn sea_one_minute_at_10m_is_the_model_wind() {
        let f = SiteFactors::new(&Site::at_10m(Exposure::Sea), &CALIBRATED);
        assert!((f.mean_1min - 1.0).abs() < 1e-12);
    }
}
