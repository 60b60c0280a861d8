//! Per-district (镇街) typhoon results: peak wind at each seat, wind-force level (风力等级),
//! gust (阵风) and the **implied** typhoon warning signal (台风预警信号, 模拟推断).
//!
//! Which value feeds which scale (docs/wind.md §7):
//! - `peak_wind_ms` is the model output: CLIMADA's 1-min 10 m wind, open-terrain reference;
//! - the surface winds come from [`super::surface`] at the town's exposure
//!   (`data/towns.csv` `wind_exposure`), 10 m: 2-min, 10-min, 60-min means and the 3-s gust;
//! - `level` (风力等级, GB/T 28591-2012, defined on the 2-min mean 10 m wind) is the level of
//!   the surface 2-min mean, rounded to 0.1 m/s first ([`WindIndex`]); `gust_level` the
//!   level of the surface 3-s gust (GB/T 28591 阵风);
//! - the implied signal uses the mean level (2-min basis by default; the 10-min mean is a
//!   setting because the signals' averaging is unknown \[U\]) and the gust level.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::surface::{Exposure, Site, SiteFactors, WindLayer, CALIBRATED};
use super::time::format_utc;
use super::windfield::PreparedTrack;
use crate::map::towns::{parse_towns, TOWNS_CSV};
use crate::map::DistrictLayer;
use crate::scales::{wind_force_level, WindIndex};
use crate::{Error, Result};

/// A typhoon warning-signal colour (台风预警信号). Guangdong feed codes A1…A5 (docs/domain.md §2.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningSignal {
    /// No signal.
    None,
    /// 白色 (Guangdong only): a TC may affect the area within 48 h.
    White,
    /// 蓝色.
    Blue,
    /// 黄色.
    Yellow,
    /// 橙色.
    Orange,
    /// 红色.
    Red,
}

impl WarningSignal {
    /// Chinese name, e.g. `台风橙色预警信号`; empty for `None`.
    pub fn name_zh(self) -> &'static str {
        match self {
            WarningSignal::None => "",
            WarningSignal::White => "台风白色预警信号",
            WarningSignal::Blue => "台风蓝色预警信号",
            WarningSignal::Yellow => "台风黄色预警信号",
            WarningSignal::Orange => "台风橙色预警信号",
            WarningSignal::Red => "台风红色预警信号",
        }
    }
    /// Short colour word: 白/蓝/黄/橙/红 (`-` for none).
    pub fn colour_zh(self) -> &'static str {
        match self {
            WarningSignal::None => "-",
            WarningSignal::White => "白",
            WarningSignal::Blue => "蓝",
            WarningSignal::Yellow => "黄",
            WarningSignal::Orange => "橙",
            WarningSignal::Red => "红",
        }
    }
    /// Guangdong public-feed code A0…A5 (A0 = cancel/none) \[S\].
    pub fn code(self) -> &'static str {
        match self {
            WarningSignal::None => "A0",
            WarningSignal::White => "A1",
            WarningSignal::Blue => "A2",
            WarningSignal::Yellow => "A3",
            WarningSignal::Orange => "A4",
            WarningSignal::Red => "A5",
        }
    }
}

/// Implied Guangdong provincial signal (广东省, 模拟推断) [I rule over S thresholds;
/// docs/domain.md §2.4]: red if L_m ≥ 12; orange if L_m ≥ 10 or L_g ≥ 11; yellow if L_m ≥ 8
/// or L_g ≥ 9; blue if L_m ≥ 6 or L_g ≥ 7; white if the storm affects the area at all
/// (`affected`).
/// All Guangdong rows are \[S\]; none is \[V\].
pub fn implied_signal_guangdong(mean_level: u8, gust_level: u8, affected: bool) -> WarningSignal {
    match (mean_level, gust_level) {
        (m, _) if m >= 12 => WarningSignal::Red,
        (m, g) if m >= 10 || g >= 11 => WarningSignal::Orange,
        (m, g) if m >= 8 || g >= 9 => WarningSignal::Yellow,
        (m, g) if m >= 6 || g >= 7 => WarningSignal::Blue,
        _ if affected => WarningSignal::White,
        _ => WarningSignal::None,
    }
}

/// Implied national CMA signal (CMA Decree No. 16): red L_m ≥ 12 or L_g ≥ 14 \[V\]; orange
/// ≥ 10 / ≥ 12, yellow ≥ 8 / ≥ 10, blue ≥ 6 / ≥ 8 \[S\]. No white.
pub fn implied_signal_national(mean_level: u8, gust_level: u8) -> WarningSignal {
    match (mean_level, gust_level) {
        (m, g) if m >= 12 || g >= 14 => WarningSignal::Red,
        (m, g) if m >= 10 || g >= 12 => WarningSignal::Orange,
        (m, g) if m >= 8 || g >= 10 => WarningSignal::Yellow,
        (m, g) if m >= 6 || g >= 8 => WarningSignal::Blue,
        _ => WarningSignal::None,
    }
}

/// Which mean wind the signals' "平均风力" is taken to be (unknown \[U\]; a setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MeanBasis {
    /// 2-min mean (the CMA observing convention; default).
    #[default]
    TwoMin,
    /// 10-min mean (the WMO convention).
    TenMin,
}

/// Which wind feeds the levels, signals and the payout index (docs/wind.md §7).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WindSettings {
    /// Surface wind by exposure (default) or CLIMADA's open-terrain reference.
    pub layer: WindLayer,
    /// Mean basis of the implied signals.
    pub mean_basis: MeanBasis,
}

impl Default for WindSettings {
    fn default() -> Self {
        WindSettings {
            layer: WindLayer::Surface,
            mean_basis: MeanBasis::TwoMin,
        }
    }
}

impl WindSettings {
    /// The site used for a town of `exposure`: its own class and 10 m for the surface layer;
    /// for the reference layer the model wind as is (1-min, 10 m: the sea-class factors
    /// return it unchanged).
    pub fn site(&self, exposure: Exposure) -> Site {
        match self.layer {
            WindLayer::Surface => Site::at_10m(exposure),
            WindLayer::Reference => Site::at_10m(Exposure::Sea),
        }
    }
}

/// Surface winds rounded to 0.1 m/s, their GB/T 28591 levels and the implied signals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WindLevels {
    /// Model wind (CLIMADA 1-min, open-terrain reference), rounded to 0.1 m/s.
    pub wind_1min_ms: f64,
    /// 2-min mean at the site (2分钟平均风), rounded to 0.1 m/s.
    pub wind_2min_ms: f64,
    /// 10-min mean at the site, rounded to 0.1 m/s.
    pub wind_10min_ms: f64,
    /// 60-min mean at the site, rounded to 0.1 m/s (peak hourly mean for peaks).
    pub wind_60min_ms: f64,
    /// GB/T 28591 level (风力等级) of the 2-min mean.
    pub level: u8,
    /// Mean level used for the signals (2-min or 10-min basis).
    pub mean_level: u8,
    /// 3-s gust (阵风) at the site, rounded to 0.1 m/s.
    pub gust_ms: f64,
    /// GB/T 28591 level of the gust.
    pub gust_level: u8,
    /// Implied Guangdong signal (模拟推断).
    pub signal: WarningSignal,
    /// Implied national CMA signal (模拟推断).
    pub signal_national: WarningSignal,
}

impl WindLevels {
    /// Levels for a model wind at a site. `v_hourly_ms` is the model wind averaged over the
    /// hour (for peaks: [`PreparedTrack::peak_hourly_mean_at`]; for a frame: the wind
    /// itself); `affected` = the storm reaches the place at all (white signal).
    pub fn at_site(
        v_model_ms: f64,
        v_hourly_ms: f64,
        f: &SiteFactors,
        basis: MeanBasis,
        affected: bool,
    ) -> WindLevels {
        // Round to tenths before any lookup: libm differs between native and wasm.
        let m2 = WindIndex::from_ms(v_model_ms * f.mean_2min);
        let m10 = WindIndex::from_ms(v_model_ms * f.mean_10min);
        let m60 = WindIndex::from_ms(v_hourly_ms * f.mean_60min);
        let g = WindIndex::from_ms(v_model_ms * f.gust);
        let vmean = match basis {
            MeanBasis::TwoMin => m2,
            MeanBasis::TenMin => m10,
        };
        let (level, mean_level, gust_level) = (
            wind_force_level(m2),
            wind_force_level(vmean),
            wind_force_level(g),
        );
        WindLevels {
            wind_1min_ms: WindIndex::from_ms(v_model_ms).ms(),
            wind_2min_ms: m2.ms(),
            wind_10min_ms: m10.ms(),
            wind_60min_ms: m60.ms(),
            level,
            mean_level,
            gust_ms: g.ms(),
            gust_level,
            signal: implied_signal_guangdong(mean_level, gust_level, affected),
            signal_national: implied_signal_national(mean_level, gust_level),
        }
    }
}

/// The wind exposure class of a town (`data/towns.csv` column `wind_exposure`); towns of a
/// loaded layer that are not among the 23 get [`Exposure::Suburban`], the commonest class.
pub fn town_exposure(code: &str) -> Exposure {
    static CLASSES: OnceLock<BTreeMap<String, Exposure>> = OnceLock::new();
    CLASSES
        .get_or_init(|| {
            parse_towns(TOWNS_CSV)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|f| {
                    let e = f.text.get("wind_exposure")?;
                    Some((f.code.clone(), Exposure::parse("wind_exposure", e).ok()?))
                })
                .collect()
        })
        .get(code)
        .copied()
        .unwrap_or(Exposure::Suburban)
}

/// Which wind a payout index reads (赔付指数风速), stated by the policy (docs/wind.md §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum IndexWind {
    /// Maximum 2-min mean (default: the wind GB/T 28591 levels are defined on).
    #[default]
    Mean2Min,
    /// Maximum 10-min mean.
    Mean10Min,
    /// Maximum 3-s gust.
    Gust,
    /// CLIMADA's open-terrain reference (1-min), as before the surface layer.
    Reference1Min,
}

/// Exposure at which the index wind is read: the town's own class or a fixed class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum IndexExposure {
    /// The town's class from `data/towns.csv` (default).
    #[default]
    Town,
    /// 海面.
    Sea,
    /// 海岸.
    Coast,
    /// 开阔地.
    Open,
    /// 郊区.
    Suburban,
    /// 城区.
    Urban,
}

/// The index definition carried by a policy: variable and exposure, at the town's reference
/// point (the seat), 10 m.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct IndexSpec {
    /// Variable.
    pub wind: IndexWind,
    /// Exposure.
    pub exposure: IndexExposure,
}

impl IndexSpec {
    /// The exposure used for a town of class `town`.
    pub fn exposure_for(&self, town: Exposure) -> Exposure {
        match self.exposure {
            IndexExposure::Town => town,
            IndexExposure::Sea => Exposure::Sea,
            IndexExposure::Coast => Exposure::Coast,
            IndexExposure::Open => Exposure::Open,
            IndexExposure::Suburban => Exposure::Suburban,
            IndexExposure::Urban => Exposure::Urban,
        }
    }
    /// Label, e.g. `最大2分钟平均风 · 地表 · 城镇暴露`.
    pub fn label_zh(&self) -> String {
        let w = match self.wind {
            IndexWind::Mean2Min => "最大2分钟平均风",
            IndexWind::Mean10Min => "最大10分钟平均风",
            IndexWind::Gust => "最大阵风",
            IndexWind::Reference1Min => "CLIMADA 1分钟风（开阔地面参考）",
        };
        if self.wind == IndexWind::Reference1Min {
            return format!("{w} · 镇街驻地");
        }
        let e = match self.exposure {
            IndexExposure::Town => "城镇暴露".to_string(),
            _ => format!("{}暴露", self.exposure_for(Exposure::Open).name_zh()),
        };
        format!("{w} · 地表10米 · {e} · 镇街驻地")
    }
    /// English label.
    pub fn label_en(&self) -> String {
        let w = match self.wind {
            IndexWind::Mean2Min => "max 2-min mean wind",
            IndexWind::Mean10Min => "max 10-min mean wind",
            IndexWind::Gust => "max 3-s gust",
            IndexWind::Reference1Min => "CLIMADA 1-min wind (open-terrain reference)",
        };
        if self.wind == IndexWind::Reference1Min {
            return format!("{w} · town seat");
        }
        let e = match self.exposure {
            IndexExposure::Town => "town exposure".to_string(),
            _ => format!("{} exposure", self.exposure_for(Exposure::Open).name_en()),
        };
        format!("{w} · surface 10 m · {e} · town seat")
    }
}

/// **The** town index (one definition for payouts, the pricing catalogue and forecasts): the
/// storm's peak of the spec's wind at (`lat`, `lon`) for a town of class `town`, rounded to
/// 0.1 m/s.
pub fn town_index(
    p: &PreparedTrack,
    lat: f64,
    lon: f64,
    town: Exposure,
    spec: &IndexSpec,
) -> WindIndex {
    index_from_model_peak(p.peak_at(lat, lon).0, town, spec)
}

/// The index of a town whose peak model wind (CLIMADA 1-min, open-terrain reference) is
/// already known, e.g. computed once for several variables: the spec's wind at the spec's
/// exposure, rounded to 0.1 m/s. [`town_index`] is this after the peak.
pub fn index_from_model_peak(v_model_ms: f64, town: Exposure, spec: &IndexSpec) -> WindIndex {
    if spec.wind == IndexWind::Reference1Min {
        return WindIndex::from_ms(v_model_ms);
    }
    let f = SiteFactors::new(&Site::at_10m(spec.exposure_for(town)), &CALIBRATED);
    WindIndex::from_ms(
        v_model_ms
            * match spec.wind {
                IndexWind::Mean2Min => f.mean_2min,
                IndexWind::Mean10Min => f.mean_10min,
                IndexWind::Gust | IndexWind::Reference1Min => f.gust,
            },
    )
}

/// Peak typhoon wind at one district seat.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DistrictPeak {
    /// District code, e.g. `442000001`.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Exposure class of the seat used for the surface winds.
    pub exposure: Exposure,
    /// Peak model wind at the seat (CLIMADA 1-min, open-terrain reference), m/s, rounded to
    /// 0.1.
    pub peak_wind_ms: f64,
    /// The same as integer tenths of m/s.
    pub peak_tenths: i32,
    /// Index of the hourly node of the peak (first one if tied); `None` if never reached.
    pub peak_step: Option<usize>,
    /// Time of the peak, ISO-8601 UTC; `None` if never reached.
    pub peak_time: Option<String>,
    /// Surface winds, levels, gust and implied signals of the peak.
    pub levels: WindLevels,
}

/// Peak wind, level, gust and implied signal at every district seat, in layer order, with
/// the default settings (surface wind at the town's exposure, 2-min signal basis).
///
/// ```
/// use zs_risk_map::hazard::{scenarios, windfield::*, district::district_peaks};
/// use zs_risk_map::map::DistrictLayer;
/// let p = PreparedTrack::new(&scenarios::track("hato").unwrap(), &WindModelOptions::default()).unwrap();
/// let peaks = district_peaks(&p, &DistrictLayer::builtin());
/// assert_eq!(peaks.len(), 23);
/// ```
pub fn district_peaks(p: &PreparedTrack, layer: &DistrictLayer) -> Vec<DistrictPeak> {
    district_peaks_with(p, layer, &WindSettings::default())
}

/// [`district_peaks`] with chosen settings.
pub fn district_peaks_with(
    p: &PreparedTrack,
    layer: &DistrictLayer,
    settings: &WindSettings,
) -> Vec<DistrictPeak> {
    layer
        .districts()
        .iter()
        .map(|d| {
            let (v, k) = p.peak_at(d.seat.y(), d.seat.x());
            let vh = p.peak_hourly_mean_at(d.seat.y(), d.seat.x());
            let idx = WindIndex::from_ms(v);
            let exposure = town_exposure(&d.code);
            let f = SiteFactors::new(&settings.site(exposure), &CALIBRATED);
            DistrictPeak {
                code: d.code.clone(),
                name_zh: d.name_zh.clone(),
                name_en: d.name_en.clone(),
                exposure,
                peak_wind_ms: idx.ms(),
                peak_tenths: idx.tenths(),
                peak_step: k,
                peak_time: k
                    .and_then(|k| p.nodes().get(k))
                    .map(|n| format_utc(n.time_s)),
                levels: WindLevels::at_site(v, vh, &f, settings.mean_basis, k.is_some()),
            }
        })
        .collect()
}

/// One district's wind at one time step (animation frame).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DistrictWindNow {
    /// District code.
    pub code: String,
    /// Model wind (1-min, open-terrain reference) at the seat at this step, m/s (unrounded).
    pub wind_ms: f64,
    /// Surface winds, levels and implied signals of this wind.
    pub levels: WindLevels,
}

/// Every district's wind at time step `k` (for animation), in layer order.
///
/// # Errors
/// [`Error::InvalidInput`] when `k` ≥ number of nodes.
pub fn district_winds_at(
    p: &PreparedTrack,
    layer: &DistrictLayer,
    k: usize,
    settings: &WindSettings,
) -> Result<Vec<DistrictWindNow>> {
    if k >= p.len() {
        return Err(Error::InvalidInput(format!(
            "time step {k} ≥ {} nodes",
            p.len()
        )));
    }
    Ok(layer
        .districts()
        .iter()
        .map(|d| {
            let v = p.wind_at(k, d.seat.y(), d.seat.x());
            let f = SiteFactors::new(&settings.site(town_exposure(&d.code)), &CALIBRATED);
            DistrictWindNow {
                code: d.code.clone(),
                wind_ms: v,
                levels: WindLevels::at_site(v, v, &f, settings.mean_basis, v > 0.0),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guangdong_signal_edges() {
        assert_eq!(implied_signal_guangdong(12, 0, true), WarningSignal::Red);
        assert_eq!(
            implied_signal_guangdong(11, 16, true),
            WarningSignal::Orange
        );
        assert_eq!(implied_signal_guangdong(7, 9, true), WarningSignal::Yellow);
        assert_eq!(implied_signal_guangdong(5, 7, true), WarningSignal::Blue);
        assert_eq!(implied_signal_guangdong(5, 6, true), WarningSignal::White);
        assert_eq!(implied_signal_guangdong(5, 6, false), WarningSignal::None);
        assert_eq!(implied_signal_national(9, 12), WarningSignal::Orange);
        assert_eq!(implied_signal_national(5, 7), WarningSignal::None);
    }

    #[test]
    fn ten_minute_basis_never_raises_the_mean_level() {
        // The old output mapping made a "10-min" (×0.93) exceed the "2-min" (×0.871).
        for e in crate::hazard::surface::EXPOSURES {
            let f = SiteFactors::new(&Site::at_10m(e), &CALIBRATED);
            let l2 = WindLevels::at_site(40.0, 40.0, &f, MeanBasis::TwoMin, true);
            let l10 = WindLevels::at_site(40.0, 40.0, &f, MeanBasis::TenMin, true);
            assert!(l10.mean_level <= l2.mean_level, "{e:?}");
            assert!(l2.wind_10min_ms <= l2.wind_2min_ms && l2.wind_2min_ms <= l2.gust_ms);
        }
    }
}
