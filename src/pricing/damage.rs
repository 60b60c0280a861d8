//! Modelled loss (模型损失) for basis risk (基差风险): exposure × damage ratio.
//!
//! **Damage ratio** — the Emanuel (2011) impact function (损失函数) as CLIMADA implements it
//! (`ImpfTropCyclone.from_emanuel_usa`, docs/domain.md §5.1) \[V\]:
//! `v_n = max(0, V − v_thresh)/(v_half − v_thresh)`, `MDD = scale·v_n³/(1 + v_n³)`, PAA = 1;
//! tabulated at V = 0, 5, …, 120 m/s and interpolated linearly, as CLIMADA does. V is the 1-min
//! open-terrain wind. Default v_half = **80.2 m/s**, the WP3 (China mainland) RMSF calibration
//! of Eberenz et al. (2021) \[V\] (choosing it as the default is ours \[I\]), v_thresh = 25.7 m/s, scale 1.
//!
//! **Exposure** (暴露) — \[I\], a parameter: either population (towns.csv, 2021) × a value per
//! person, or the policy's allocation of the sum insured (w_u × 保险金额). The loss is a
//! *relative damage index scaled to an exposure*, not a loss estimate for Zhongshan.

use serde::{Deserialize, Serialize};

use crate::payout::limits;
use crate::Result;

/// Parameters of the Emanuel (2011) impact function (损失函数).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EmanuelParams {
    /// Wind below which there is no damage, m/s (1-min); default 25.7.
    pub v_thresh_ms: f64,
    /// Wind of 50 % damage (scale 1), m/s; default 80.2 (WP3 China mainland, RMSF).
    pub v_half_ms: f64,
    /// Maximum damage ratio; default 1.
    pub scale: f64,
}

impl Default for EmanuelParams {
    fn default() -> Self {
        EmanuelParams {
            v_thresh_ms: 25.7,
            v_half_ms: 80.2,
            scale: 1.0,
        }
    }
}

impl EmanuelParams {
    /// Checks ranges.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the field: v_thresh outside 0…100 m/s, v_half not above
    /// v_thresh (or above 300 m/s), scale outside (0, 1].
    pub fn validate(&self) -> Result<()> {
        let bad = |f: &str, v: f64, why: &str| {
            Err(limits::out_of_range(
                &format!("damage.{f}"),
                &format!("损失函数参数 {f}"),
                &format!("damage.{f} (Emanuel 2011 impact function)"),
                why,
                v,
            ))
        };
        if !self.v_thresh_ms.is_finite() || !(0.0..=100.0).contains(&self.v_thresh_ms) {
            return bad("v_thresh_ms", self.v_thresh_ms, "must be within 0…100 m/s");
        }
        if !self.v_half_ms.is_finite()
            || self.v_half_ms <= self.v_thresh_ms
            || self.v_half_ms > 300.0
        {
            return bad(
                "v_half_ms",
                self.v_half_ms,
                "must be above v_thresh_ms and at most 300 m/s",
            );
        }
        if !self.scale.is_finite() || self.scale <= 0.0 || self.scale > 1.0 {
            return bad("scale", self.scale, "must be within (0, 1]");
        }
        Ok(())
    }

    /// The closed-form mean damage ratio (平均损失率) at a 1-min wind, in \[0, scale\].
    pub fn mdd_exact(&self, v_ms: f64) -> f64 {
        let vn = (v_ms - self.v_thresh_ms).max(0.0) / (self.v_half_ms - self.v_thresh_ms);
        let c = vn * vn * vn;
        self.scale * c / (1.0 + c)
    }

    /// Mean damage ratio as CLIMADA evaluates it: the closed form tabulated at 0, 5, …, 120 m/s,
    /// linear in between, flat beyond 120 m/s. Non-decreasing in `v_ms`.
    ///
    /// ```
    /// use zs_risk_map::pricing::damage::EmanuelParams;
    /// let f = EmanuelParams::default();
    /// assert_eq!(f.mdd(20.0), 0.0);
    /// assert!((f.mdd(50.0) - f.mdd_exact(50.0)).abs() < 1e-12); // on a table node
    /// assert!(f.mdd(45.0) < f.mdd(47.5) && f.mdd(47.5) < f.mdd(50.0));
    /// ```
    pub fn mdd(&self, v_ms: f64) -> f64 {
        if !v_ms.is_finite() || v_ms <= 0.0 {
            return 0.0;
        }
        if v_ms >= 120.0 {
            return self.mdd_exact(120.0);
        }
        let k = (v_ms / 5.0).floor();
        let v0 = k * 5.0;
        let (y0, y1) = (self.mdd_exact(v0), self.mdd_exact(v0 + 5.0));
        y0 + (y1 - y0) * (v_ms - v0) / 5.0
    }
}

/// What the modelled loss is applied to (暴露口径) — \[I\], shown in the UI.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ExposureSpec {
    /// Population (towns.csv, 2021 year-end residents) × a value per person, yuan.
    Population {
        /// Exposed value per resident, yuan. Default 250,000 \[I\]: about three times
        /// Zhongshan's GDP per head (≈ 84,000 元), the usual produced-capital-to-GDP ratio
        /// behind asset-exposure layers such as CLIMADA LitPop.
        yuan_per_person: f64,
    },
    /// The policy's allocation of the sum insured: exposure_u = w_u × 保险金额.
    SumInsured,
}

impl Default for ExposureSpec {
    fn default() -> Self {
        ExposureSpec::Population {
            yuan_per_person: 250_000.0,
        }
    }
}

impl ExposureSpec {
    /// Checks ranges.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when `yuan_per_person` is not within (0, 1e8].
    pub fn validate(&self) -> Result<()> {
        if let ExposureSpec::Population { yuan_per_person } = *self {
            if !yuan_per_person.is_finite() || yuan_per_person <= 0.0 || yuan_per_person > 1e8 {
                return Err(limits::out_of_range(
                    "exposure.yuan_per_person",
                    "人均暴露价值（元）",
                    "exposure.yuan_per_person (yuan)",
                    "(0, 1e8] 元",
                    yuan_per_person,
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loss_function_is_monotone_in_wind_and_bounded() {
        let f = EmanuelParams::default();
        let mut prev = 0.0;
        for i in 0..=1500 {
            let v = i as f64 * 0.1;
            let m = f.mdd(v);
            assert!(m >= prev, "mdd({v}) = {m} < {prev}");
            assert!((0.0..=1.0).contains(&m));
            prev = m;
        }
        assert_eq!(f.mdd(25.0), 0.0);
        assert!(f.mdd(30.0) > 0.0);
        // 50 % at v_half in the closed form.
        assert!((f.mdd_exact(80.2) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn bad_parameters_name_the_field() {
        let e = EmanuelParams {
            v_half_ms: 20.0,
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        assert!(e.to_string().contains("v_half_ms"));
        let e = ExposureSpec::Population {
            yuan_per_person: -1.0,
        }
        .validate()
        .unwrap_err();
        assert!(e.to_string().contains("yuan_per_person"));
    }
}
