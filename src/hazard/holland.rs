//! Parametric radial wind profiles (径向风廓线) of the Holland family, as in CLIMADA 6.1.0
//! `climada/hazard/trop_cyclone/trop_cyclone_windfields.py`, and the RMW estimate of
//! `climada/hazard/tc_tracks.py` (`estimate_rmw`).
//!
//! Units inside the formulas are SI (m, Pa, m/s, s⁻¹) unless a name says otherwise.
//! References: Holland (1980) MWR 108:1212–1218; Holland (2008) MWR 136:3432–3445;
//! Holland, Belanger & Fritz (2010) MWR 138:4393–4401.

use super::units::{NM_TO_KM, V_ANG_EARTH};

/// Coriolis parameter (科氏参数) `f = 2·Ω·sin|φ|`, s⁻¹, with Ω = 7.29e-5 rad/s (CLIMADA
/// `_coriolis_parameter`).
pub fn coriolis_parameter(lat_deg: f64) -> f64 {
    2.0 * V_ANG_EARTH * lat_deg.abs().to_radians().sin()
}

/// Holland (1980) gradient-wind profile, m/s (CLIMADA `_stat_holland_1980`):
///
/// `V(r) = sqrt( (B/ρ)·(R/r)^B·Δp·exp(−(R/r)^B) + (r·f/2)² ) − r·f/2`, with r floored at
/// 1 m; `cyclostrophic` drops the Coriolis terms. `r_m`, `rmax_m` in m; `dp_pa` = p_env − p_c
/// in Pa; `f` in s⁻¹; `rho` air density kg m⁻³. No surface factor is applied here.
///
/// ```
/// use zs_risk_map::hazard::holland::stat_holland_1980_ms;
/// // CLIMADA unit test, node 1 at the RMW: 42.41 m/s
/// let v = stat_holland_1980_ms(40_665.454622610511, 40_665.454622610511,
///     1.486076257880692, 3912.0, 3.54921922e-5, 1.15, false);
/// assert!((v - 42.41).abs() < 1e-2);
/// ```
pub fn stat_holland_1980_ms(
    r_m: f64,
    rmax_m: f64,
    b: f64,
    dp_pa: f64,
    f: f64,
    rho: f64,
    cyclostrophic: bool,
) -> f64 {
    let r_cor = if cyclostrophic { 0.0 } else { 0.5 * r_m * f };
    // (R/r)^B as exp(B·ln(R/r)): one ln + one exp is about twice as fast as powf.
    let rn = (b * (rmax_m / r_m.max(1.0)).ln()).exp();
    let sq = b / rho * rn * dp_pa * (-rn).exp() + r_cor * r_cor;
    sq.max(0.0).sqrt() - r_cor
}

/// Holland (1980) shape parameter B from the gradient-level maximum wind (CLIMADA
/// `_B_holland_1980`): `B = v_grad²·e·ρ / Δp`, clipped to [1.0, 2.5]. `v_grad_ms` is
/// `max(0, v_max − |v_t|) / 0.9` in the CLIMADA chain; `dp_pa` in Pa (floored at f64 ε).
pub fn b_holland_1980(v_grad_ms: f64, dp_pa: f64, rho: f64) -> f64 {
    (v_grad_ms * v_grad_ms * std::f64::consts::E * rho / dp_pa.max(f64::EPSILON)).clamp(1.0, 2.5)
}

/// Holland (2008) surface shape parameter b_s (CLIMADA `_bs_holland_2008`), dimensionless:
///
/// `x = 0.6·(1 − Δp/215)`;
/// `b_s = −4.4e-5·Δp² + 0.01·Δp + 0.03·dp_c/dt − 0.014·|φ| + 0.15·|v_t|^x + 1.0`,
/// clipped to `[1, 2.5]·g²` with g the gradient-to-surface factor (0.9 → [0.81, 2.025]).
/// `dp_hpa` = p_env − p_c in hPa, `dpc_dt_hpa_h` central-pressure tendency hPa/h,
/// `vtrans_ms` translation speed (移动速度) m/s. NaN in, NaN out.
pub fn bs_holland_2008(
    dp_hpa: f64,
    dpc_dt_hpa_h: f64,
    lat_deg: f64,
    vtrans_ms: f64,
    gradient_to_surface: f64,
) -> f64 {
    let x = 0.6 * (1.0 - dp_hpa / 215.0);
    let b = -4.4e-5 * dp_hpa * dp_hpa + 0.01 * dp_hpa + 0.03 * dpc_dt_hpa_h - 0.014 * lat_deg.abs()
        + 0.15 * vtrans_ms.powf(x)
        + 1.0;
    let g2 = gradient_to_surface * gradient_to_surface;
    if b.is_nan() {
        return b;
    }
    // max/min, not f64::clamp, which panics on a NaN bound.
    b.max(g2).min(2.5 * g2)
}

/// Holland (2008) surface maximum wind from pressure (CLIMADA `_v_max_s_holland_2008`), m/s:
/// `v_ms = sqrt(b_s·Δp / (ρ·e))`, `dp_pa` in Pa.
pub fn v_max_s_holland_2008(b_s: f64, dp_pa: f64, rho: f64) -> f64 {
    (b_s * dp_pa / (rho * std::f64::consts::E)).sqrt()
}

/// Peripheral exponent x_n of Holland et al. (2010) fitted so that the profile passes through
/// `v_n_ms` at `r_n_m` (CLIMADA `_x_holland_2010`, defaults 17 m/s at 300 km):
/// `x_n = ln(v_n/v_ms) / ln[(R/r_n)^b·exp(1 − (R/r_n)^b)]`.
pub fn x_n_holland_2010(rmax_m: f64, b: f64, v_max_s_ms: f64, v_n_ms: f64, r_n_m: f64) -> f64 {
    let rn = (rmax_m / r_n_m).powf(b);
    (v_n_ms / v_max_s_ms).ln() / (rn * (1.0 - rn).exp()).ln()
}

/// Holland et al. (2010) exponent at radius r: 0.5 inside the RMW, then linear in r to x_n at
/// r_n (extrapolated beyond), floored at 0.4 (CLIMADA `_x_holland_2010`).
pub fn x_holland_2010(r_m: f64, rmax_m: f64, x_n: f64, r_n_m: f64) -> f64 {
    let x_max = 0.5;
    (x_max + (r_m - rmax_m).max(0.0) * (x_n - x_max) / (r_n_m - rmax_m)).max(0.4)
}

/// Holland et al. (2010) surface profile, m/s (CLIMADA `_stat_holland_2010`, always
/// cyclostrophic): `V = v_ms·[(R/r)^b·exp(1 − (R/r)^b)]^x`, r floored at 1 m.
pub fn stat_holland_2010_ms(r_m: f64, rmax_m: f64, b: f64, v_max_s_ms: f64, x: f64) -> f64 {
    let rn = (b * (rmax_m / r_m.max(1.0)).ln()).exp();
    // [(R/r)^b·exp(1 − (R/r)^b)]^x = exp(x·(ln rn + 1 − rn)).
    v_max_s_ms * (x * (rn.ln() + 1.0 - rn)).exp()
}

/// Central pressures (hPa) of the CLIMADA `estimate_rmw` table (IBTrACS fit 1980–2019).
const RMW_PC_HPA: [f64; 4] = [872.0, 940.0, 980.0, 1021.0];
/// RMW in **nautical miles** at those pressures (CLIMADA `estimate_rmw`).
const RMW_NMI: [f64; 4] = [14.907318, 15.726927, 25.742142, 56.856522];

/// CLIMADA `estimate_rmw` (最大风速半径估计): piecewise-linear in p_c, constant outside
/// 872…1021 hPa, in nautical miles (the docstring's "km" is wrong: `tctrack_to_si` multiplies
/// by NM_TO_KM).
// i runs over 1..RMW_PC_HPA.len() (= 4, the same length as RMW_NMI): i − 1 and i are in range.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
pub fn estimate_rmw_nmi(pc_hpa: f64) -> f64 {
    if pc_hpa <= RMW_PC_HPA[0] {
        return RMW_NMI[0];
    }
    for i in 1..RMW_PC_HPA.len() {
        if pc_hpa <= RMW_PC_HPA[i] {
            let w = (pc_hpa - RMW_PC_HPA[i - 1]) / (RMW_PC_HPA[i] - RMW_PC_HPA[i - 1]);
            return RMW_NMI[i - 1] + w * (RMW_NMI[i] - RMW_NMI[i - 1]);
        }
    }
    RMW_NMI[3]
}

/// [`estimate_rmw_nmi`] in km (× 1.852). E.g. 935 hPa → 29.0 km, 975 hPa → 45.4 km.
pub fn estimate_rmw_km(pc_hpa: f64) -> f64 {
    estimate_rmw_nmi(pc_hpa) * NM_TO_KM
}

/// Vickery & Wadhera (2008) RMW, km: `exp(3.015 − 6.291e-5·Δp² + 0.0337·|φ|)`, Δp in hPa
/// [V: delft3d_octave `rmax_vickery_and_wadhera_2008.m`]. An alternative to CLIMADA's table.
pub fn rmw_vickery_wadhera_2008_km(dp_hpa: f64, lat_deg: f64) -> f64 {
    (3.015 - 6.291e-5 * dp_hpa * dp_hpa + 0.0337 * lat_deg.abs()).exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rmw_estimate_matches_domain_examples() {
        for (pc, km) in [(935.0, 29.0), (955.0, 36.1), (975.0, 45.4), (995.0, 68.8)] {
            assert!(
                (estimate_rmw_km(pc) - km).abs() < 0.05,
                "{pc}: {}",
                estimate_rmw_km(pc)
            );
        }
        assert_eq!(estimate_rmw_nmi(800.0), 14.907318);
        assert_eq!(estimate_rmw_nmi(1030.0), 56.856522);
    }
}
