//! Chinese national scales (国家标准等级) and the index type every tier lookup uses.
//!
//! - GB/T 28591-2012 风力等级 (wind-force level, 10 m wind) — [`wind_force_level`];
//! - GB/T 19201-2006 热带气旋等级 (tropical-cyclone grade, near-centre max 2-min mean) —
//!   [`TyphoonGrade`];
//! - GB/T 28592-2012 降水量等级 (rainfall grade, 12 h / 24 h) — [`RainGrade`].
//!
//! All lookups take a [`WindIndex`] / [`RainIndex`]: the value rounded to 0.1 and stored as
//! integer tenths, because `exp`/`powf` may differ in the last bit between native libm and the
//! wasm build, and a payout must not depend on where it was computed (docs/architecture.md §3.2).
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used
    )
)]

use serde::{Deserialize, Serialize};

/// A wind speed rounded to 0.1 m/s, stored as integer tenths (风速指数).
///
/// ```
/// use zs_risk_map::scales::{WindIndex, wind_force_level};
/// let v = WindIndex::from_ms(41.349);
/// assert_eq!(v.tenths(), 413);
/// assert_eq!(wind_force_level(v), 13);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct WindIndex(i32);

impl WindIndex {
    /// Rounds a speed in m/s to tenths (half away from zero). Non-finite or negative → 0.
    pub fn from_ms(ms: f64) -> Self {
        if !ms.is_finite() || ms <= 0.0 {
            return WindIndex(0);
        }
        WindIndex((ms * 10.0).round().min(i32::MAX as f64) as i32)
    }
    /// From integer tenths of m/s.
    pub fn from_tenths(tenths: i32) -> Self {
        WindIndex(tenths.max(0))
    }
    /// Integer tenths of m/s.
    pub fn tenths(self) -> i32 {
        self.0
    }
    /// The rounded value in m/s.
    pub fn ms(self) -> f64 {
        self.0 as f64 / 10.0
    }
}

/// Lower edges of GB/T 28591-2012 levels 0…17 in tenths of m/s (half-open bands on the lower
/// edge; level 17 is open-ended). [S: restated in public code; docs/domain.md §2.1]
pub const WIND_FORCE_LOWER_TENTHS: [i32; 18] = [
    0, 3, 16, 34, 55, 80, 108, 139, 172, 208, 245, 285, 327, 370, 415, 462, 510, 561,
];

/// GB/T 28591-2012 风力等级 (0…17) of a 10 m wind rounded to 0.1 m/s.
pub fn wind_force_level(v: WindIndex) -> u8 {
    WIND_FORCE_LOWER_TENTHS
        .iter()
        .rposition(|&edge| v.0 >= edge)
        .unwrap_or(0) as u8
}

/// Lower edge of wind-force level `level` in tenths of m/s; levels above 17 are level 17
/// (the open-ended top band).
pub fn wind_force_lower_tenths(level: u8) -> i32 {
    WIND_FORCE_LOWER_TENTHS
        .get(usize::from(level))
        .or(WIND_FORCE_LOWER_TENTHS.last())
        .copied()
        .unwrap_or(0)
}

/// The band of a wind-force level in m/s: `(lower, upper)`, upper `None` for level 17.
/// Levels above 17 are level 17.
pub fn wind_force_band_ms(level: u8) -> (f64, Option<f64>) {
    let l = level.min(17);
    let lower = f64::from(wind_force_lower_tenths(l)) / 10.0;
    // The upper edge is one tenth below the next level's lower edge (half-open bands).
    let upper = WIND_FORCE_LOWER_TENTHS
        .get(usize::from(l).saturating_add(1))
        .map(|t| f64::from(t.saturating_sub(1)) / 10.0);
    (lower, upper)
}

/// GB/T 19201-2006 tropical-cyclone grade (热带气旋等级), from the near-centre 2-min mean wind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TyphoonGrade {
    /// Below tropical depression (< 10.8 m/s).
    BelowTd,
    /// 热带低压 TD, 10.8–17.1 m/s (levels 6–7).
    Td,
    /// 热带风暴 TS, 17.2–24.4 m/s (8–9).
    Ts,
    /// 强热带风暴 STS, 24.5–32.6 m/s (10–11).
    Sts,
    /// 台风 TY, 32.7–41.4 m/s (12–13).
    Ty,
    /// 强台风 STY, 41.5–50.9 m/s (14–15).
    Sty,
    /// 超强台风 SuperTY, ≥ 51.0 m/s (≥ 16).
    SuperTy,
}

impl TyphoonGrade {
    /// Grade from the 2-min mean maximum wind. [V: 气发〔2006〕154号]
    pub fn from_2min_wind(v: WindIndex) -> Self {
        match v.0 {
            t if t >= 510 => TyphoonGrade::SuperTy,
            t if t >= 415 => TyphoonGrade::Sty,
            t if t >= 327 => TyphoonGrade::Ty,
            t if t >= 245 => TyphoonGrade::Sts,
            t if t >= 172 => TyphoonGrade::Ts,
            t if t >= 108 => TyphoonGrade::Td,
            _ => TyphoonGrade::BelowTd,
        }
    }
    /// Chinese name, e.g. 强台风.
    pub fn name_zh(self) -> &'static str {
        match self {
            TyphoonGrade::BelowTd => "低于热带低压",
            TyphoonGrade::Td => "热带低压",
            TyphoonGrade::Ts => "热带风暴",
            TyphoonGrade::Sts => "强热带风暴",
            TyphoonGrade::Ty => "台风",
            TyphoonGrade::Sty => "强台风",
            TyphoonGrade::SuperTy => "超强台风",
        }
    }
    /// English abbreviation, e.g. `STY`.
    pub fn code(self) -> &'static str {
        match self {
            TyphoonGrade::BelowTd => "LO",
            TyphoonGrade::Td => "TD",
            TyphoonGrade::Ts => "TS",
            TyphoonGrade::Sts => "STS",
            TyphoonGrade::Ty => "TY",
            TyphoonGrade::Sty => "STY",
            TyphoonGrade::SuperTy => "SuperTY",
        }
    }
}

/// A rainfall amount rounded to 0.1 mm, as integer tenths (降雨指数).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RainIndex(i32);

impl RainIndex {
    /// Rounds an amount in mm to tenths. Non-finite or negative → 0.
    pub fn from_mm(mm: f64) -> Self {
        if !mm.is_finite() || mm <= 0.0 {
            return RainIndex(0);
        }
        RainIndex((mm * 10.0).round().min(i32::MAX as f64) as i32)
    }
    /// Integer tenths of mm.
    pub fn tenths(self) -> i32 {
        self.0
    }
    /// The rounded value in mm.
    pub fn mm(self) -> f64 {
        self.0 as f64 / 10.0
    }
}

/// GB/T 28592-2012 rainfall grade (降水量等级).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RainGrade {
    /// No rain (< 0.1 mm).
    None,
    /// 小雨 light.
    Light,
    /// 中雨 moderate.
    Moderate,
    /// 大雨 heavy.
    Heavy,
    /// 暴雨 rainstorm.
    Rainstorm,
    /// 大暴雨 heavy rainstorm.
    HeavyRainstorm,
    /// 特大暴雨 torrential rainstorm.
    Torrential,
}

/// Accumulation window of a rainfall amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RainWindow {
    /// 12-hour total.
    H12,
    /// 24-hour total.
    H24,
}

impl RainGrade {
    /// Grade of an amount over a window. [V for 暴雨 rows, S for the others; docs/domain.md §2.3]
    pub fn from_amount(v: RainIndex, window: RainWindow) -> Self {
        // Lower edges in tenths of mm: 小雨, 中雨, 大雨, 暴雨, 大暴雨, 特大暴雨.
        let edges: [i32; 6] = match window {
            RainWindow::H12 => [1, 50, 150, 300, 700, 1400],
            RainWindow::H24 => [1, 100, 250, 500, 1000, 2500],
        };
        match edges.iter().rposition(|&e| v.0 >= e) {
            None => RainGrade::None,
            Some(0) => RainGrade::Light,
            Some(1) => RainGrade::Moderate,
            Some(2) => RainGrade::Heavy,
            Some(3) => RainGrade::Rainstorm,
            Some(4) => RainGrade::HeavyRainstorm,
            Some(_) => RainGrade::Torrential,
        }
    }
    /// Chinese name, e.g. 大暴雨.
    pub fn name_zh(self) -> &'static str {
        match self {
            RainGrade::None => "无降水",
            RainGrade::Light => "小雨",
            RainGrade::Moderate => "中雨",
            RainGrade::Heavy => "大雨",
            RainGrade::Rainstorm => "暴雨",
            RainGrade::HeavyRainstorm => "大暴雨",
            RainGrade::Torrential => "特大暴雨",
        }
    }
    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            RainGrade::None => "no rain",
            RainGrade::Light => "light rain",
            RainGrade::Moderate => "moderate rain",
            RainGrade::Heavy => "heavy rain",
            RainGrade::Rainstorm => "rainstorm",
            RainGrade::HeavyRainstorm => "heavy rainstorm",
            RainGrade::Torrential => "torrential rainstorm",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wind_force_band_edges_follow_gbt_28591() {
        for (ms, level) in [
            (0.0, 0),
            (0.2, 0),
            (0.3, 1),
            (17.1, 7),
            (17.2, 8),
            (24.4, 9),
            (24.5, 10),
            (32.6, 11),
            (32.7, 12),
            (36.9, 12),
            (37.0, 13),
            (41.4, 13),
            (41.5, 14),
            (50.9, 15),
            (51.0, 16),
            (56.0, 16),
            (56.1, 17),
            (80.0, 17),
        ] {
            assert_eq!(wind_force_level(WindIndex::from_ms(ms)), level, "{ms} m/s");
        }
        // Rounding happens before the lookup: 32.65 → 32.7 → level 12.
        assert_eq!(wind_force_level(WindIndex::from_ms(32.65)), 12);
        assert_eq!(wind_force_level(WindIndex::from_ms(32.64)), 11);
        assert_eq!(wind_force_band_ms(12), (32.7, Some(36.9)));
        assert_eq!(wind_force_band_ms(17), (56.1, None));
    }

    #[test]
    fn typhoon_grades_follow_gbt_19201() {
        let g = |ms| TyphoonGrade::from_2min_wind(WindIndex::from_ms(ms));
        assert_eq!(g(10.7), TyphoonGrade::BelowTd);
        assert_eq!(g(10.8), TyphoonGrade::Td);
        assert_eq!(g(32.7), TyphoonGrade::Ty);
        assert_eq!(g(52.0), TyphoonGrade::SuperTy);
        assert_eq!(g(45.0).name_zh(), "强台风");
    }

    #[test]
    fn rain_grades_follow_gbt_28592() {
        let g = |mm, w| RainGrade::from_amount(RainIndex::from_mm(mm), w);
        assert_eq!(g(0.0, RainWindow::H24), RainGrade::None);
        assert_eq!(g(49.9, RainWindow::H24), RainGrade::Heavy);
        assert_eq!(g(50.0, RainWindow::H24), RainGrade::Rainstorm);
        assert_eq!(g(100.0, RainWindow::H24), RainGrade::HeavyRainstorm);
        assert_eq!(g(250.0, RainWindow::H24), RainGrade::Torrential);
        assert_eq!(g(30.0, RainWindow::H12), RainGrade::Rainstorm);
        assert_eq!(g(140.0, RainWindow::H12), RainGrade::Torrential);
    }
}
