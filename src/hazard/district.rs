//! Per-district (镇街) typhoon results: peak wind at each seat, wind-force level (风力等级),
//! gust (阵风) and the **implied** typhoon warning signal (台风预警信号, 模拟推断).
//!
//! Which value feeds which scale (DOMAIN §3.9, §2.4):
//! - `peak_wind_ms` is the model output: 1-min sustained 10 m wind, open terrain (CLIMADA);
//! - `level` (GB/T 28591) is the level of the **CMA-convention 2-min equivalent**,
//!   `0.871 × peak_wind_ms`, rounded to 0.1 m/s first ([`WindIndex`]);
//! - `gust_ms = 1.49 × peak_wind_ms`, and `gust_level` its GB/T 28591 level;
//! - the implied signal uses the mean level (2-min basis by default; 10-min = ×0.93 is a
//!   setting because the signals' averaging is unknown \[U\]) and the gust level.

use serde::{Deserialize, Serialize};

use super::time::format_utc;
use super::units::{CMA_2MIN_PER_1MIN, GUST_PER_1MIN, TEN_MIN_PER_1MIN};
use super::windfield::PreparedTrack;
use crate::map::DistrictLayer;
use crate::scales::{wind_force_level, WindIndex};
use crate::{Error, Result};

/// A typhoon warning-signal colour (台风预警信号). Guangdong feed codes A1…A5 (DOMAIN §2.4).
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

/// Implied Guangdong provincial signal (广东省, 模拟推断) [I rule over S thresholds; DOMAIN
/// §2.4]: red if L_m ≥ 12; orange if L_m ≥ 10 or L_g ≥ 11; yellow if L_m ≥ 8 or L_g ≥ 9;
/// blue if L_m ≥ 6 or L_g ≥ 7; white if the storm affects the area at all (`affected`).
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
    /// CMA-convention 2-min mean = 1-min × 0.871 (default).
    #[default]
    TwoMin,
    /// 10-min mean = 1-min × 0.93.
    TenMin,
}

/// Levels and signals derived from one 1-min wind.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WindLevels {
    /// 1-min sustained wind rounded to 0.1 m/s.
    pub wind_1min_ms: f64,
    /// 2-min equivalent (× 0.871), rounded to 0.1 m/s.
    pub wind_2min_ms: f64,
    /// GB/T 28591 level of the 2-min equivalent (风力等级).
    pub level: u8,
    /// Mean level used for the signals (2-min or 10-min basis).
    pub mean_level: u8,
    /// Gust (阵风) = 1.49 × 1-min, rounded to 0.1 m/s.
    pub gust_ms: f64,
    /// GB/T 28591 level of the gust.
    pub gust_level: u8,
    /// Implied Guangdong signal (模拟推断).
    pub signal: WarningSignal,
    /// Implied national CMA signal (模拟推断).
    pub signal_national: WarningSignal,
}

impl WindLevels {
    /// Levels for a 1-min wind; `affected` = the storm reaches the place at all (white signal).
    pub fn from_1min(v1_ms: f64, basis: MeanBasis, affected: bool) -> WindLevels {
        // Round to tenths before any lookup: libm differs between native and wasm.
        let v2 = WindIndex::from_ms(v1_ms * CMA_2MIN_PER_1MIN);
        let vmean = match basis {
            MeanBasis::TwoMin => v2,
            MeanBasis::TenMin => WindIndex::from_ms(v1_ms * TEN_MIN_PER_1MIN),
        };
        let g = WindIndex::from_ms(v1_ms * GUST_PER_1MIN);
        let (level, mean_level, gust_level) = (
            wind_force_level(v2),
            wind_force_level(vmean),
            wind_force_level(g),
        );
        WindLevels {
            wind_1min_ms: WindIndex::from_ms(v1_ms).ms(),
            wind_2min_ms: v2.ms(),
            level,
            mean_level,
            gust_ms: g.ms(),
            gust_level,
            signal: implied_signal_guangdong(mean_level, gust_level, affected),
            signal_national: implied_signal_national(mean_level, gust_level),
        }
    }
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
    /// Peak 1-min sustained 10 m wind at the seat (open terrain unless land-reduced), m/s,
    /// rounded to 0.1 — the index value ([`WindIndex`]).
    pub peak_wind_ms: f64,
    /// The same as integer tenths of m/s.
    pub peak_tenths: i32,
    /// Index of the hourly node of the peak (first one if tied); `None` if never reached.
    pub peak_step: Option<usize>,
    /// Time of the peak, ISO-8601 UTC; `None` if never reached.
    pub peak_time: Option<String>,
    /// Levels, gust and implied signals of the peak.
    pub levels: WindLevels,
}

/// Peak wind, level, gust and implied signal at every district seat, in layer order (sorted by
/// code). Signals use the 2-min mean basis; see [`district_peaks_with`].
///
/// ```
/// use zs_risk_map::hazard::{scenarios, windfield::*, district::district_peaks};
/// use zs_risk_map::map::DistrictLayer;
/// let p = PreparedTrack::new(&scenarios::track("hato").unwrap(), &WindModelOptions::default()).unwrap();
/// let peaks = district_peaks(&p, &DistrictLayer::builtin());
/// assert_eq!(peaks.len(), 23);
/// ```
pub fn district_peaks(p: &PreparedTrack, layer: &DistrictLayer) -> Vec<DistrictPeak> {
    district_peaks_with(p, layer, MeanBasis::TwoMin)
}

/// [`district_peaks`] with a chosen mean basis for the signals.
pub fn district_peaks_with(
    p: &PreparedTrack,
    layer: &DistrictLayer,
    basis: MeanBasis,
) -> Vec<DistrictPeak> {
    layer
        .districts()
        .iter()
        .map(|d| {
            let (v, k) = p.peak_at(d.seat.y(), d.seat.x());
            let idx = WindIndex::from_ms(v);
            DistrictPeak {
                code: d.code.clone(),
                name_zh: d.name_zh.clone(),
                name_en: d.name_en.clone(),
                peak_wind_ms: idx.ms(),
                peak_tenths: idx.tenths(),
                peak_step: k,
                peak_time: k.map(|k| format_utc(p.nodes()[k].time_s)),
                levels: WindLevels::from_1min(v, basis, k.is_some()),
            }
        })
        .collect()
}

/// One district's wind at one time step (animation frame).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DistrictWindNow {
    /// District code.
    pub code: String,
    /// 1-min sustained wind at the seat at this step, m/s (unrounded, for drawing).
    pub wind_ms: f64,
    /// Levels and implied signals of this wind (2-min basis).
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
            DistrictWindNow {
                code: d.code.clone(),
                wind_ms: v,
                levels: WindLevels::from_1min(v, MeanBasis::TwoMin, v > 0.0),
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
    fn levels_use_2min_equivalent_and_gust_factor() {
        // 40 m/s 1-min → 34.84 → 34.8 m/s 2-min → level 12; gust 59.6 → 17.
        let l = WindLevels::from_1min(40.0, MeanBasis::TwoMin, true);
        assert_eq!(
            (l.wind_2min_ms, l.level, l.gust_ms, l.gust_level),
            (34.8, 12, 59.6, 17)
        );
        assert_eq!(l.signal, WarningSignal::Red);
        let l10 = WindLevels::from_1min(40.0, MeanBasis::TenMin, true);
        assert_eq!(l10.mean_level, 13); // 37.2 m/s
    }
}
