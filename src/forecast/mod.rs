//! Forecast mode (预报模式), above the hazard, payout and pricing layers it uses: an official typhoon forecast bulletin (台风预报) → an ensemble of
//! tracks spread by the forecaster's published errors → per-town probabilities of reaching
//! 8, 10 and 12 级 and of each implied warning signal, and the distribution of the
//! index-insurance payout. Method and sources: `docs/briefing.md` §1–§3.
//!
//! 1. [`Bulletin::from_json`]: `{"name_zh", "issued", "points": [{"lead_h", "lat", "lon",
//!    "wind_ms" (CMA 2-min mean), "pressure_hpa"?, "radii_km"?: {"7", "10", "12"}}]}`, every
//!    field validated with a field-named error before anything is allocated for it.
//! 2. Missing central pressure from the wind by the Atkinson–Holliday (1977) relation
//!    ([`pressure_from_wind_hpa`]); the radius of maximum wind fitted to the bulletin's wind
//!    radii when given ([`crate::hazard::radii::size_from_radii`]).
//! 3. Member i perturbs every bulletin point by along-track, cross-track and intensity errors
//!    whose standard deviations follow CMA's verified mean errors at that lead time
//!    ([`ErrorModel::cma`]) and which are correlated in lead time (AR(1), [`ErrorModel`]).
//! 4. Each member runs through the CLIMADA-faithful wind field and the surface-wind layer at
//!    each town's exposure ([`crate::hazard::surface`]); its town indices are paid under the policy
//!    ([`crate::payout::pay_event`]).
//!
//! Deterministic and chunkable: member i draws from its own stream
//! ([`Rng::for_item`]`(seed, STREAM_FORECAST, i)`), so [`ForecastRun::step`] chunk sizes never
//! change the result.
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used
    )
)]

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::hazard::district::index_from_model_peak;
use crate::hazard::district::{implied_signal_guangdong, WarningSignal};
use crate::hazard::radii::{size_from_radii, ObservedRadii, RmwInfo};
use crate::hazard::surface::{Exposure, Site, SiteFactors, CALIBRATED};
use crate::hazard::time::{format_utc, parse_utc};
use crate::hazard::track::{Track, TrackPoint, WindAveraging};
use crate::hazard::units::{CMA_2MIN_PER_1MIN, KN_TO_MS, ONE_LAT_KM};
use crate::hazard::windfield::{PreparedTrack, WindModelOptions};
use crate::map::DistrictLayer;
use crate::money::round_fen;
use crate::payout::engine::{pay_event, EventIndices};
use crate::payout::Policy;
use crate::pricing::catalogue::Progress;
use crate::rng::{exp_det, Rng};
use crate::scales::{wind_force_level, WindIndex};
use crate::{Error, Result};

/// Random-stream family of forecast ensemble members (see [`Rng::for_item`]); distinct from
/// the pricing catalogue's streams.
pub const STREAM_FORECAST: u64 = 11;

/// Largest bulletin accepted, bytes (a 120-h bulletin with radii is ≈ 3 KB).
pub const MAX_BULLETIN_BYTES: usize = 64 * 1024;
/// Most forecast points in a bulletin (CMA issues ≤ 12: 0–120 h).
pub const MAX_POINTS: usize = 40;
/// Longest lead time accepted, hours.
pub const MAX_LEAD_H: f64 = 168.0;
/// Most ensemble members (集合成员数) per run.
pub const MAX_MEMBERS: u32 = 5000;

/// Radii of one wind force (风圈半径) per quadrant NE, SE, SW, NW, km.
pub type QuadrantRadii = [f64; 4];

/// The wind radii of a bulletin point: force 7, 10, 12 (2-min mean 13.9 / 24.5 / 32.7 m/s).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct BulletinRadii {
    /// 7级风圈, km per quadrant.
    pub r7: Option<QuadrantRadii>,
    /// 10级风圈.
    pub r10: Option<QuadrantRadii>,
    /// 12级风圈.
    pub r12: Option<QuadrantRadii>,
}

impl BulletinRadii {
    /// `[r7, r10, r12]`.
    pub fn all(&self) -> [Option<QuadrantRadii>; 3] {
        [self.r7, self.r10, self.r12]
    }
    /// The largest quadrant radius of each force (0 when not given), km.
    pub fn max_km(&self) -> [f64; 3] {
        self.all()
            .map(|r| r.map_or(0.0, |q| q.iter().copied().fold(0.0, f64::max)))
    }
}

/// One forecast point (预报点).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BulletinPoint {
    /// Lead time (预报时效), hours after `issued` (0 = the analysis, 实况).
    pub lead_h: f64,
    /// Time, seconds since the epoch (UTC).
    pub time_s: i64,
    /// Centre latitude, °N.
    pub lat: f64,
    /// Centre longitude, °E.
    pub lon: f64,
    /// Maximum wind near the centre (近中心最大风速), CMA 2-min mean, m/s.
    pub wind_ms: f64,
    /// Central pressure (中心气压), hPa: as given, or from the wind ([`pressure_from_wind_hpa`]).
    pub pressure_hpa: f64,
    /// Whether `pressure_hpa` was derived from the wind (not in the bulletin).
    pub pressure_derived: bool,
    /// Wind radii when given.
    pub radii_km: Option<BulletinRadii>,
}

/// A validated forecast bulletin (台风预报报文).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bulletin {
    /// Chinese name, e.g. `苏拉`.
    pub name_zh: String,
    /// English name (optional in the JSON).
    pub name_en: String,
    /// Issue time (发布时间), seconds since the epoch (UTC).
    pub issued_s: i64,
    /// Points in lead-time order.
    pub points: Vec<BulletinPoint>,
}

/// Central pressure, hPa, from a CMA 2-min maximum wind, m/s, by the **Atkinson–Holliday
/// (1977)** western North Pacific wind–pressure relation `V₁ = 6.7·(1010 − p_c)^0.644` (V₁
/// the 1-min wind in knots; Atkinson & Holliday 1977, Mon. Wea. Rev. 105:421–427), with the
/// CMA 2-min wind turned into 1-min by ÷ 0.871 as everywhere in the crate. Clamped to
/// 870…1005 hPa. docs/briefing.md §1.3.
pub fn pressure_from_wind_hpa(wind_2min_ms: f64) -> f64 {
    let v_kn = (wind_2min_ms.max(0.0) / CMA_2MIN_PER_1MIN) / KN_TO_MS;
    let dp = (v_kn / 6.7).powf(1.0 / 0.644);
    (1010.0 - dp).clamp(870.0, 1005.0)
}

fn num(obj: &Map<String, Value>, key: &str, field: &str, zh: &str) -> Result<Option<f64>> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => match n.as_f64() {
            Some(v) if v.is_finite() => Ok(Some(v)),
            _ => Err(Error::invalid_field(
                field,
                format!("{zh}不是有限数值"),
                format!("{field} is not a finite number"),
            )),
        },
        Some(other) => Err(Error::invalid_field(
            field,
            format!("{zh}应为数值，收到 {}", kind(other)),
            format!("{field} must be a number, got {}", kind(other)),
        )),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn required(v: Option<f64>, field: &str, zh: &str) -> Result<f64> {
    v.ok_or_else(|| Error::invalid_field(field, format!("缺少{zh}"), format!("{field} is missing")))
}

fn in_range(v: f64, lo: f64, hi: f64, field: &str, zh: &str, unit: &str) -> Result<f64> {
    if v < lo || v > hi {
        return Err(Error::out_of_range(
            field,
            format!("{zh} {v} {unit}超出 {lo}–{hi} {unit}"),
            format!("{field} = {v} {unit} is outside {lo}…{hi} {unit}"),
        ));
    }
    Ok(v)
}

fn reject_unknown(obj: &Map<String, Value>, known: &[&str], at: &str) -> Result<()> {
    if let Some(k) = obj.keys().find(|k| !known.contains(&k.as_str())) {
        let field = if at.is_empty() {
            k.clone()
        } else {
            format!("{at}.{k}")
        };
        return Err(Error::invalid_field(
            field.clone(),
            format!("未知字段“{field}”（可用：{}）", known.join("、")),
            format!("unknown field '{field}' (known: {})", known.join(", ")),
        ));
    }
    Ok(())
}

fn text_field(obj: &Map<String, Value>, key: &str, zh: &str, required: bool) -> Result<String> {
    match obj.get(key) {
        None | Some(Value::Null) if !required => Ok(String::new()),
        None | Some(Value::Null) => Err(Error::invalid_field(
            key,
            format!("缺少{zh}"),
            format!("{key} is missing"),
        )),
        Some(Value::String(s)) if s.chars().count() <= 64 => Ok(s.trim().to_string()),
        Some(Value::String(_)) => Err(Error::too_large(
            key,
            format!("{zh}超过 64 个字符"),
            format!("{key} is longer than 64 characters"),
        )),
        Some(other) => Err(Error::invalid_field(
            key,
            format!("{zh}应为文本，收到 {}", kind(other)),
            format!("{key} must be a string, got {}", kind(other)),
        )),
    }
}

fn parse_radii(v: &Value, at: &str) -> Result<BulletinRadii> {
    let Value::Object(obj) = v else {
        return Err(Error::invalid_field(
            at,
            "风圈半径应为对象 {\"7\", \"10\", \"12\"}".to_string(),
            format!("{at} must be an object {{\"7\", \"10\", \"12\"}}"),
        ));
    };
    reject_unknown(obj, &["7", "10", "12"], at)?;
    let mut out = BulletinRadii::default();
    for (key, slot) in [
        ("7", &mut out.r7),
        ("10", &mut out.r10),
        ("12", &mut out.r12),
    ] {
        let field = format!("{at}.{key}");
        let zh = format!("{key}级风圈半径");
        let quads: QuadrantRadii = match obj.get(key) {
            None | Some(Value::Null) => continue,
            Some(Value::Number(_)) => {
                let r = required(num(obj, key, &field, &zh)?, &field, &zh)?;
                [r; 4]
            }
            Some(Value::Array(a)) if a.len() == 4 => {
                let mut q = [0.0; 4];
                for (j, (x, slot)) in a.iter().zip(q.iter_mut()).enumerate() {
                    let f = format!("{field}[{j}]");
                    let Some(r) = x.as_f64().filter(|r| r.is_finite()) else {
                        return Err(Error::invalid_field(
                            f.clone(),
                            format!("{zh}第 {} 象限应为数值", j.saturating_add(1)),
                            format!("{f} must be a number"),
                        ));
                    };
                    *slot = r;
                }
                q
            }
            Some(_) => {
                return Err(Error::invalid_field(
                    field.clone(),
                    format!("{zh}应为数值或 4 个象限数值 [东北, 东南, 西南, 西北]"),
                    format!("{field} must be a number or 4 quadrant numbers [NE, SE, SW, NW]"),
                ))
            }
        };
        for r in quads {
            in_range(r, 0.0, 1500.0, &field, &zh, "km")?;
        }
        *slot = Some(quads);
    }
    // A stronger wind's radius never exceeds a weaker one's, quadrant by quadrant.
    for ((weak, kw), (strong, ks)) in [
        ((out.r7, "7"), (out.r10, "10")),
        ((out.r10, "10"), (out.r12, "12")),
    ] {
        if let (Some(a), Some(b)) = (weak, strong) {
            if a.iter().zip(&b).any(|(x, y)| y > x) {
                return Err(Error::out_of_range(
                    format!("{at}.{ks}"),
                    format!("{ks}级风圈半径大于{kw}级风圈半径"),
                    format!("{at}.{ks} exceeds {at}.{kw} in some quadrant"),
                ));
            }
        }
    }
    Ok(out)
}

impl Bulletin {
    /// Parses and validates a bulletin.
    ///
    /// # Errors
    /// `TOO_LARGE` for text over [`MAX_BULLETIN_BYTES`] or more than [`MAX_POINTS`] points;
    /// [`Error::NotJson`] for malformed JSON; `INVALID_INPUT` naming the field for a wrong
    /// type, a missing or unknown field, a bad `issued` time, lead times not strictly
    /// increasing or spanning less than 2 h; `OUT_OF_RANGE` for `lead_h` outside 0…168 h, `lat` outside 0…50 °N, `lon`
    /// outside 90…180 °E, `wind_ms` outside 5…90 m/s, `pressure_hpa` outside 870…1010 hPa,
    /// radii outside 0…1500 km or a stronger force's radius above a weaker one's.
    ///
    /// ```
    /// use zs_risk_map::forecast::Bulletin;
    /// let b = Bulletin::from_json(r#"{"name_zh":"示例","issued":"2023-09-01T06:00Z","points":[
    ///   {"lead_h":0,"lat":21.0,"lon":116.0,"wind_ms":50},
    ///   {"lead_h":24,"lat":22.0,"lon":113.5,"wind_ms":40,"pressure_hpa":960}]}"#).unwrap();
    /// assert!(b.points[0].pressure_derived && !b.points[1].pressure_derived);
    /// let e = Bulletin::from_json(r#"{"name_zh":"x","issued":"2023-09-01T06:00Z","points":[
    ///   {"lead_h":0,"lat":95,"lon":116,"wind_ms":50},{"lead_h":6,"lat":21,"lon":116,"wind_ms":50}]}"#).unwrap_err();
    /// assert_eq!((e.code(), e.field_id()), ("OUT_OF_RANGE", Some("points[0].lat")));
    /// ```
    pub fn from_json(text: &str) -> Result<Bulletin> {
        crate::validate::text_bytes(
            "bulletin",
            "预报报文",
            "the bulletin",
            text.len(),
            MAX_BULLETIN_BYTES,
        )?;
        let v: Value = serde_json::from_str(text).map_err(|e| Error::NotJson(e.to_string()))?;
        Bulletin::from_value(&v)
    }

    /// Validates an already parsed JSON value (see [`Bulletin::from_json`]).
    ///
    /// # Errors
    /// As [`Bulletin::from_json`], without the size and syntax errors.
    pub fn from_value(v: &Value) -> Result<Bulletin> {
        let Value::Object(obj) = v else {
            return Err(Error::invalid_field(
                "bulletin",
                "预报报文应为 JSON 对象".to_string(),
                "the bulletin must be a JSON object".to_string(),
            ));
        };
        reject_unknown(
            obj,
            &["name_zh", "name_en", "issued", "points", "source", "note"],
            "",
        )?;
        let name_zh = text_field(obj, "name_zh", "台风名称", true)?;
        let name_en = text_field(obj, "name_en", "英文名称", false)?;
        let issued_text = match obj.get("issued") {
            Some(Value::String(s)) => s.clone(),
            _ => {
                return Err(Error::invalid_field(
                    "issued",
                    "发布时间应为 UTC 时间文本，如 2023-09-01T06:00Z".to_string(),
                    "issued must be a UTC time text such as 2023-09-01T06:00Z".to_string(),
                ))
            }
        };
        let issued_s = parse_utc(&issued_text).map_err(|e| {
            Error::invalid_field(
                "issued",
                format!("发布时间“{issued_text}”无效（应为 UTC，如 2023-09-01T06:00Z）"),
                format!("issued '{issued_text}' is not a valid UTC time: {e}"),
            )
        })?;
        let Some(Value::Array(raw)) = obj.get("points") else {
            return Err(Error::invalid_field(
                "points",
                "预报点应为数组".to_string(),
                "points must be an array".to_string(),
            ));
        };
        if raw.len() > MAX_POINTS {
            return Err(crate::validate::too_many(
                "points",
                "预报点",
                "bulletin points",
                raw.len(),
                MAX_POINTS,
            ));
        }
        if raw.len() < 2 {
            return Err(Error::invalid_field(
                "points",
                "至少需要 2 个预报点".to_string(),
                format!("at least 2 points are needed, got {}", raw.len()),
            ));
        }
        let mut points: Vec<BulletinPoint> = Vec::with_capacity(raw.len());
        for (i, p) in raw.iter().enumerate() {
            let at = format!("points[{i}]");
            let Value::Object(o) = p else {
                return Err(Error::invalid_field(
                    at.clone(),
                    format!("第 {} 个预报点应为对象", i.saturating_add(1)),
                    format!("{at} must be an object"),
                ));
            };
            reject_unknown(
                o,
                &[
                    "lead_h",
                    "lat",
                    "lon",
                    "wind_ms",
                    "pressure_hpa",
                    "radii_km",
                ],
                &at,
            )?;
            let f = |k: &str| format!("{at}.{k}");
            let lead_h = required(
                num(o, "lead_h", &f("lead_h"), "预报时效")?,
                &f("lead_h"),
                "预报时效",
            )?;
            let lead_h = in_range(lead_h, 0.0, MAX_LEAD_H, &f("lead_h"), "预报时效", "h")?;
            if let Some(prev) = points.last() {
                if lead_h <= prev.lead_h {
                    return Err(Error::invalid_field(
                        f("lead_h"),
                        format!("预报时效 {lead_h} h 应大于上一点的 {} h", prev.lead_h),
                        format!(
                            "{} = {lead_h} h must exceed the previous point's {} h",
                            f("lead_h"),
                            prev.lead_h
                        ),
                    ));
                }
            }
            let lat = required(num(o, "lat", &f("lat"), "纬度")?, &f("lat"), "纬度")?;
            let lat = in_range(lat, 0.0, 50.0, &f("lat"), "纬度", "°N")?;
            let lon = required(num(o, "lon", &f("lon"), "经度")?, &f("lon"), "经度")?;
            let lon = in_range(lon, 90.0, 180.0, &f("lon"), "经度", "°E")?;
            let zh_w = "近中心最大风速（2分钟平均）";
            let wind = required(num(o, "wind_ms", &f("wind_ms"), zh_w)?, &f("wind_ms"), zh_w)?;
            let wind_ms = in_range(wind, 5.0, 90.0, &f("wind_ms"), zh_w, "m/s")?;
            let given_p = num(o, "pressure_hpa", &f("pressure_hpa"), "中心气压")?
                .map(|p| in_range(p, 870.0, 1010.0, &f("pressure_hpa"), "中心气压", "hPa"))
                .transpose()?;
            let radii_km = match o.get("radii_km") {
                None | Some(Value::Null) => None,
                Some(r) => Some(parse_radii(r, &f("radii_km"))?),
            };
            // Whole seconds: lead_h ≤ 168 h, so the product is ≤ 604,800 s.
            let time_s = issued_s.saturating_add((lead_h * 3600.0).round() as i64);
            points.push(BulletinPoint {
                lead_h,
                time_s,
                lat,
                lon,
                wind_ms,
                pressure_hpa: given_p.unwrap_or_else(|| pressure_from_wind_hpa(wind_ms)),
                pressure_derived: given_p.is_none(),
                radii_km,
            });
        }
        // The wind model samples the track hourly: it must span at least two whole hours.
        let span = match (points.first(), points.last()) {
            (Some(a), Some(b)) => b.lead_h - a.lead_h,
            _ => 0.0,
        };
        if span < 2.0 {
            return Err(Error::invalid_field(
                "points",
                format!("预报点仅覆盖 {span} 小时，至少需要 2 小时"),
                format!("the points cover {span} h; at least 2 h are needed"),
            ));
        }
        Ok(Bulletin {
            name_zh,
            name_en,
            issued_s,
            points,
        })
    }

    /// The issue time as ISO-8601 UTC.
    pub fn issued_utc(&self) -> String {
        format_utc(self.issued_s)
    }

    /// The bulletin's own track (the forecast centre line, 中心路径).
    ///
    /// # Errors
    /// [`Error::InvalidTrack`] (cannot happen for a validated bulletin; reported, not hidden).
    pub fn central_track(&self) -> Result<Track> {
        let pts = self
            .points
            .iter()
            .map(|p| TrackPoint {
                time_s: p.time_s,
                lat: p.lat,
                lon: p.lon,
                pc_hpa: p.pressure_hpa,
                vmax_ms: p.wind_ms,
                wind_averaging: WindAveraging::Cma2Min,
                penv_hpa: None,
                rmw_km: None,
            })
            .collect();
        Track::new(
            "forecast",
            &self.name_zh,
            &self.name_en,
            "forecast bulletin",
            pts,
        )
    }

    /// The bulletin's wind radii as reports for the RMW fit.
    pub fn observed_radii(&self) -> Vec<ObservedRadii> {
        self.points
            .iter()
            .filter_map(|p| {
                p.radii_km.map(|r| ObservedRadii {
                    time_s: p.time_s,
                    radii_km: r.all().map(|q| match q {
                        Some(q) => q.map(Some),
                        None => [None; 4],
                    }),
                })
            })
            .collect()
    }
}

/// The forecast-error model (预报误差模型): standard deviations by lead time and the
/// correlation of errors between lead times. docs/briefing.md §1.2.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorModel {
    /// Lead times of the table, h (increasing, first 0).
    pub leads_h: Vec<f64>,
    /// Mean track (distance) error at each lead, km (平均路径误差).
    pub track_mean_km: Vec<f64>,
    /// Mean absolute error of the maximum wind at each lead, m/s (强度平均绝对误差).
    pub wind_mae_ms: Vec<f64>,
    /// e-folding time of the lead-time correlation of the errors, h (AR(1)).
    pub correlation_h: f64,
    /// Citation shown with the results.
    pub citation: String,
}

/// Mean distance error → σ of each (along, cross) component of an isotropic 2-D normal:
/// the distance is then Rayleigh with mean σ·√(π/2).
const MEAN_DISTANCE_TO_SIGMA: f64 = 0.797_884_560_802_865_4;
/// Mean absolute error → σ of a normal: MAE = σ·√(2/π).
const MAE_TO_SIGMA: f64 = 1.253_314_137_315_500_3;

impl ErrorModel {
    /// CMA's published verification (docs/briefing.md §1.2):
    /// - track: CMA subjective forecasts 2015, mean errors 66.2 / 119.5 / 176.3 / 244.3 /
    ///   328.5 km at 24 / 48 / 72 / 96 / 120 h, analysis position error 14.1 km (Chen Guomin
    ///   et al. 2017, 2015年西北太平洋热带气旋预报精度评定, 气象 43(4));
    /// - intensity: CMA maximum-wind mean absolute errors 4.5 / 6.0 / 6.6 m/s at 24 / 48 /
    ///   72 h (2012 season, 河海大学学报(自然科学版) 2013(6):531–535), held beyond 72 h;
    ///   analysis intensity error 1.3 m/s (杨梦琪 et al. 2024, 2022年西北太平洋和南海台风预报
    ///   精度评定, 气象 50(5):630–641).
    ///
    /// Correlation time 48 h \[I\]: with errors growing like a random walk, the correlation
    /// of the 24-h and 48-h errors is ≈ σ24/σ48 = 0.55; exp(−24/48) = 0.61.
    pub fn cma() -> ErrorModel {
        ErrorModel {
            leads_h: vec![0.0, 24.0, 48.0, 72.0, 96.0, 120.0],
            track_mean_km: vec![14.1, 66.2, 119.5, 176.3, 244.3, 328.5],
            wind_mae_ms: vec![1.3, 4.5, 6.0, 6.6, 6.6, 6.6],
            correlation_h: 48.0,
            citation: "CMA verification: track 2015 (气象 2017, 43(4)), intensity 2012 (河海大学学报 2013(6)), analysis intensity 2022 (气象 2024, 50(5))".into(),
        }
    }

    /// Piecewise-linear in lead time; beyond the table the track error continues along its
    /// last slope and the wind error is held.
    fn interp(&self, values: &[f64], lead_h: f64, extrapolate: bool) -> f64 {
        let pairs: Vec<(f64, f64)> = self
            .leads_h
            .iter()
            .copied()
            .zip(values.iter().copied())
            .collect();
        let (Some(first), Some(last)) = (pairs.first(), pairs.last()) else {
            return 0.0;
        };
        if lead_h <= first.0 {
            return first.1;
        }
        for w in pairs.windows(2) {
            if let [a, b] = w {
                if lead_h <= b.0 {
                    let x = (lead_h - a.0) / (b.0 - a.0).max(1e-9);
                    return a.1 + x * (b.1 - a.1);
                }
            }
        }
        if extrapolate && pairs.len() >= 2 {
            if let Some(prev) = pairs.len().checked_sub(2).and_then(|i| pairs.get(i)) {
                let slope = (last.1 - prev.1) / (last.0 - prev.0).max(1e-9);
                return last.1 + slope * (lead_h - last.0);
            }
        }
        last.1
    }

    /// σ of each of the along- and cross-track position errors at a lead time, km.
    pub fn track_sigma_km(&self, lead_h: f64) -> f64 {
        self.interp(&self.track_mean_km, lead_h, true) * MEAN_DISTANCE_TO_SIGMA
    }

    /// σ of the maximum-wind error at a lead time, m/s (2-min mean).
    pub fn wind_sigma_ms(&self, lead_h: f64) -> f64 {
        self.interp(&self.wind_mae_ms, lead_h, false) * MAE_TO_SIGMA
    }

    /// Radius of the circle that holds the true centre with probability `p` (0 < p < 1)
    /// under the isotropic normal error, km: `σ·√(−2 ln(1−p))` (the cone, 概率圆).
    pub fn probability_radius_km(&self, lead_h: f64, p: f64) -> f64 {
        let p = p.clamp(1e-6, 1.0 - 1e-6);
        self.track_sigma_km(lead_h) * (-2.0 * (1.0 - p).ln()).sqrt()
    }

    fn validate(&self) -> Result<()> {
        let n = self.leads_h.len();
        let ok = n >= 1
            && self.track_mean_km.len() == n
            && self.wind_mae_ms.len() == n
            && self
                .leads_h
                .windows(2)
                .all(|w| matches!(w, [a, b] if b > a))
            && self
                .track_mean_km
                .iter()
                .chain(&self.wind_mae_ms)
                .chain(&self.leads_h)
                .all(|v| v.is_finite() && *v >= 0.0 && *v <= 5000.0)
            && self.correlation_h.is_finite()
            && self.correlation_h > 0.0;
        if !ok {
            return Err(Error::invalid_field(
                "errors",
                "误差模型表无效（时效须递增，误差须为 0–5000 的有限数）".to_string(),
                "error model table is invalid (leads increasing, errors finite in 0…5000)"
                    .to_string(),
            ));
        }
        Ok(())
    }
}

/// Settings of a forecast run.
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastConfig {
    /// Number of ensemble members (集合成员数), 1…[`MAX_MEMBERS`].
    pub members: u32,
    /// Random seed; same seed, same result.
    pub seed: u64,
    /// Wind-model options (CLIMADA defaults).
    pub wind: WindModelOptions,
    /// The forecast-error model.
    pub errors: ErrorModel,
}

impl Default for ForecastConfig {
    fn default() -> Self {
        ForecastConfig {
            members: 200,
            seed: 2023,
            wind: WindModelOptions::default(),
            errors: ErrorModel::cma(),
        }
    }
}

/// One town of the run.
#[derive(Debug, Clone)]
struct Town {
    code: String,
    name_zh: String,
    name_en: String,
    lat: f64,
    lon: f64,
    exposure: Exposure,
    factors: SiteFactors,
}

/// One member's outcome at one town.
#[derive(Debug, Clone, Copy, PartialEq)]
struct TownOutcome {
    /// Surface 2-min mean at the town's exposure, 10 m, rounded (the payout index).
    wind_2min: WindIndex,
    /// GB/T 28591 level of it.
    level: u8,
    /// Implied Guangdong signal.
    signal: WarningSignal,
}

/// One ensemble member's summary (for drawing the spread and for the result).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberSummary {
    /// Member index.
    pub index: u32,
    /// Paid amount under the policy, 元 (after deductible and caps).
    pub paid_yuan: Decimal,
}

/// A resumable forecast-ensemble run: [`ForecastRun::step`] until [`ForecastRun::is_done`],
/// then [`ForecastRun::result`].
///
/// ```
/// use zs_risk_map::forecast::*;
/// use zs_risk_map::map::DistrictLayer;
/// use zs_risk_map::payout::Policy;
/// let b = Bulletin::from_json(r#"{"name_zh":"示例","issued":"2023-09-01T06:00Z","points":[
///   {"lead_h":0,"lat":21.6,"lon":115.0,"wind_ms":45},
///   {"lead_h":12,"lat":22.3,"lon":113.8,"wind_ms":40},
///   {"lead_h":24,"lat":23.0,"lon":112.5,"wind_ms":25}]}"#).unwrap();
/// let cfg = ForecastConfig { members: 10, ..Default::default() };
/// let mut run = ForecastRun::new(&b, &cfg, &DistrictLayer::builtin(), &Policy::default_zhongshan()).unwrap();
/// while !run.is_done() { run.step(4).unwrap(); }
/// let r = run.result().unwrap();
/// assert_eq!((r.members, r.districts.len()), (10, 23));
/// ```
#[derive(Debug, Clone)]
pub struct ForecastRun {
    bulletin: Bulletin,
    config: ForecastConfig,
    central: Track,
    rmw: RmwInfo,
    towns: Vec<Town>,
    policy: Policy,
    outcomes: Vec<Vec<TownOutcome>>,
    paid: Vec<Decimal>,
}

impl ForecastRun {
    /// Validates the settings, builds the central track and fits its RMW to the bulletin's
    /// radii (once; members keep the fitted size).
    ///
    /// # Errors
    /// `members` outside 1…[`MAX_MEMBERS`] (`OUT_OF_RANGE` / `TOO_LARGE`), a bad error model,
    /// bad wind options, a policy without typhoon cover (`INVALID_INPUT`, field `policy`).
    pub fn new(
        bulletin: &Bulletin,
        config: &ForecastConfig,
        layer: &DistrictLayer,
        policy: &Policy,
    ) -> Result<ForecastRun> {
        if config.members == 0 {
            return Err(Error::out_of_range(
                "members",
                "集合成员数须至少为 1".to_string(),
                "members must be at least 1".to_string(),
            ));
        }
        if config.members > MAX_MEMBERS {
            return Err(Error::too_large(
                "members",
                format!("集合成员数 {} 超过上限 {MAX_MEMBERS}", config.members),
                format!(
                    "members = {} is over the limit of {MAX_MEMBERS}",
                    config.members
                ),
            ));
        }
        config.errors.validate()?;
        config.wind.validate()?;
        if policy.typhoon.is_none() {
            return Err(Error::invalid_field(
                "policy",
                "保单没有台风风速指数责任，无法计算赔付分布".to_string(),
                "the policy has no typhoon wind cover: no payout distribution".to_string(),
            ));
        }
        let (central, rmw) = size_from_radii(
            &bulletin.central_track()?,
            &bulletin.observed_radii(),
            &config.wind,
        )?;
        let towns = layer
            .districts()
            .iter()
            .map(|d| {
                let exposure = crate::hazard::district::town_exposure(&d.code);
                Town {
                    code: d.code.clone(),
                    name_zh: d.name_zh.clone(),
                    name_en: d.name_en.clone(),
                    lat: d.seat.y(),
                    lon: d.seat.x(),
                    exposure,
                    factors: SiteFactors::new(&Site::at_10m(exposure), &CALIBRATED),
                }
            })
            .collect();
        let n = usize::try_from(config.members).unwrap_or(0);
        Ok(ForecastRun {
            bulletin: bulletin.clone(),
            config: config.clone(),
            central,
            rmw,
            towns,
            policy: policy.clone(),
            outcomes: Vec::with_capacity(n),
            paid: Vec::with_capacity(n),
        })
    }

    /// The central track with the fitted RMW (what member 0 of a zero-error model would be).
    pub fn central_track(&self) -> &Track {
        &self.central
    }
    /// Where the RMW came from.
    pub fn rmw_info(&self) -> &RmwInfo {
        &self.rmw
    }
    /// The bulletin.
    pub fn bulletin(&self) -> &Bulletin {
        &self.bulletin
    }
    /// The settings.
    pub fn config(&self) -> &ForecastConfig {
        &self.config
    }

    /// The track of member `i` (deterministic in (seed, i); any i, also beyond `members`).
    ///
    /// Errors at the bulletin points: along- and cross-track components and the wind error,
    /// each `σ(lead)·z(lead)` with z a unit AR(1) in lead time (correlation
    /// `exp(−Δlead/τ)`). Along/cross are taken relative to the forecast motion at the point.
    /// Pressure moves with the wind through [`pressure_from_wind_hpa`], keeping its offset
    /// from the relation when the bulletin gave one.
    ///
    /// # Errors
    /// [`Error::InvalidTrack`] if a perturbed track fails validation (bounds prevent it).
    pub fn member_track(&self, i: u32) -> Result<Track> {
        let e = &self.config.errors;
        let mut rng = Rng::for_item(self.config.seed, STREAM_FORECAST, u64::from(i));
        let pts = self.central.points();
        let mut z = [rng.normal(), rng.normal(), rng.normal()];
        let mut prev_lead: Option<f64> = None;
        let mut out = Vec::with_capacity(pts.len());
        for (k, (p, b)) in pts.iter().zip(&self.bulletin.points).enumerate() {
            if let Some(l0) = prev_lead {
                let rho = exp_det(-(b.lead_h - l0) / e.correlation_h);
                let s = (1.0 - rho * rho).max(0.0).sqrt();
                for zj in z.iter_mut() {
                    *zj = rho * *zj + s * rng.normal();
                }
            }
            prev_lead = Some(b.lead_h);
            let heading = self.heading_deg(k);
            let (sh, ch) = heading.to_radians().sin_cos();
            let sig = e.track_sigma_km(b.lead_h);
            let [za, zc, zw] = z;
            let (along, cross) = (sig * za, sig * zc);
            let east = along * sh + cross * ch;
            let north = along * ch - cross * sh;
            let lat = (p.lat + north / ONE_LAT_KM).clamp(-59.9, 59.9);
            let kx = lat.to_radians().cos().max(0.05) * ONE_LAT_KM;
            let lon = (p.lon + east / kx).clamp(-180.0, 180.0);
            let wind = (b.wind_ms + e.wind_sigma_ms(b.lead_h) * zw).clamp(5.0, 90.0);
            let offset = b.pressure_hpa - pressure_from_wind_hpa(b.wind_ms);
            let pc = (pressure_from_wind_hpa(wind) + offset).clamp(870.0, 1004.0);
            out.push(TrackPoint {
                lat,
                lon,
                vmax_ms: wind,
                pc_hpa: pc,
                ..*p
            });
        }
        Track::new(
            format!("forecast#{i}"),
            self.central.name_zh(),
            self.central.name_en(),
            "forecast ensemble member",
            out,
        )
    }

    /// Compass heading of the forecast motion at bulletin point `k`, degrees clockwise from
    /// north (centred difference; one-sided at the ends).
    fn heading_deg(&self, k: usize) -> f64 {
        let pts = self.central.points();
        let a = pts.get(k.saturating_sub(1)).or(pts.get(k));
        let b = pts.get(k.saturating_add(1)).or(pts.get(k));
        match (a, b) {
            (Some(a), Some(b)) => {
                let kx = (0.5 * (a.lat + b.lat)).to_radians().cos();
                ((b.lon - a.lon) * kx).atan2(b.lat - a.lat).to_degrees()
            }
            _ => 0.0,
        }
    }

    /// Runs member `i`: its town outcomes and paid amount.
    fn run_member(&self, i: u32) -> Result<(Vec<TownOutcome>, Decimal)> {
        let track = self.member_track(i)?;
        let p = PreparedTrack::new(&track, &self.config.wind)?;
        let mut indices = BTreeMap::new();
        let spec = self.policy.wind_index();
        let outcomes: Vec<TownOutcome> = self
            .towns
            .iter()
            .map(|t| {
                let (v, k) = p.peak_at(t.lat, t.lon);
                let w2 = WindIndex::from_ms(v * t.factors.mean_2min);
                let g = WindIndex::from_ms(v * t.factors.gust);
                let level = wind_force_level(w2);
                let signal = implied_signal_guangdong(level, wind_force_level(g), k.is_some());
                // The index the policy names (variable and exposure), by the one index rule.
                indices.insert(t.code.clone(), index_from_model_peak(v, t.exposure, &spec));
                TownOutcome {
                    wind_2min: w2,
                    level,
                    signal,
                }
            })
            .collect();
        let paid = pay_event(&self.policy, &EventIndices::Wind(indices))?.paid;
        Ok((outcomes, paid))
    }

    /// Runs up to `n` more members and reports progress (members done / total).
    ///
    /// # Errors
    /// As [`ForecastRun::member_track`], [`PreparedTrack::new`] and [`pay_event`]
    /// (`UNKNOWN_DISTRICT` when the layer has towns the policy does not cover).
    pub fn step(&mut self, n: usize) -> Result<Progress> {
        let total = usize::try_from(self.config.members).unwrap_or(0);
        let end = self.outcomes.len().saturating_add(n).min(total);
        while self.outcomes.len() < end {
            let i = u32::try_from(self.outcomes.len()).unwrap_or(u32::MAX);
            let (o, paid) = self.run_member(i)?;
            self.outcomes.push(o);
            self.paid.push(paid);
        }
        Ok(self.progress())
    }

    /// Members done so far.
    pub fn progress(&self) -> Progress {
        Progress {
            done: self.outcomes.len(),
            total: usize::try_from(self.config.members).unwrap_or(0),
        }
    }

    /// Whether every member has run.
    pub fn is_done(&self) -> bool {
        self.outcomes.len() >= usize::try_from(self.config.members).unwrap_or(0)
    }

    /// The probabilities and the payout distribution.
    ///
    /// # Errors
    /// `INVALID_INPUT` when called before [`ForecastRun::is_done`].
    pub fn result(&self) -> Result<ForecastResult> {
        if !self.is_done() {
            return Err(Error::InvalidInput(format!(
                "forecast: result() called after {} of {} members",
                self.outcomes.len(),
                self.config.members
            )));
        }
        let n = self.outcomes.len().max(1) as f64;
        let share = |count: usize| count as f64 / n;
        let districts = self
            .towns
            .iter()
            .enumerate()
            .map(|(j, t)| {
                let col: Vec<TownOutcome> = self
                    .outcomes
                    .iter()
                    .filter_map(|m| m.get(j).copied())
                    .collect();
                let ge = |l: u8| share(col.iter().filter(|o| o.level >= l).count());
                let sig = |s: WarningSignal| share(col.iter().filter(|o| o.signal >= s).count());
                let mut winds: Vec<i32> = col.iter().map(|o| o.wind_2min.tenths()).collect();
                winds.sort_unstable();
                let q = |p: f64| {
                    nearest_rank(winds.len(), p)
                        .and_then(|i| winds.get(i))
                        .map_or(0.0, |t| WindIndex::from_tenths(*t).ms())
                };
                DistrictForecast {
                    code: t.code.clone(),
                    name_zh: t.name_zh.clone(),
                    name_en: t.name_en.clone(),
                    exposure: t.exposure,
                    p_level_ge: LevelProbabilities {
                        ge8: ge(8),
                        ge10: ge(10),
                        ge12: ge(12),
                    },
                    p_signal: SignalProbabilities {
                        white: sig(WarningSignal::White),
                        blue: sig(WarningSignal::Blue),
                        yellow: sig(WarningSignal::Yellow),
                        orange: sig(WarningSignal::Orange),
                        red: sig(WarningSignal::Red),
                    },
                    wind_2min_p50_ms: q(0.5),
                    wind_2min_p90_ms: q(0.9),
                }
            })
            .collect();
        Ok(ForecastResult {
            name_zh: self.bulletin.name_zh.clone(),
            issued: self.bulletin.issued_utc(),
            members: self.config.members,
            seed: self.config.seed,
            districts,
            payout: PayoutDistribution::from_paid(&self.paid, 10)?,
            citation: self.config.errors.citation.clone(),
        })
    }

    /// Paid amount of each member so far, 元.
    pub fn member_payouts(&self) -> &[Decimal] {
        &self.paid
    }
}

/// Index (0-based) of the nearest-rank p-quantile of `n` sorted values: the smallest value
/// with at least a share p of the values at or below it. `None` for n = 0.
fn nearest_rank(n: usize, p: f64) -> Option<usize> {
    if n == 0 {
        return None;
    }
    let r = (p.clamp(0.0, 1.0) * n as f64).ceil() as usize;
    Some(r.clamp(1, n).saturating_sub(1))
}

/// P(level ≥ 8, 10, 12) of the town's 2-min mean at its exposure (GB/T 28591).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LevelProbabilities {
    /// P(≥ 8 级), share of members.
    #[serde(rename = "8")]
    pub ge8: f64,
    /// P(≥ 10 级).
    #[serde(rename = "10")]
    pub ge10: f64,
    /// P(≥ 12 级).
    #[serde(rename = "12")]
    pub ge12: f64,
}

/// P(implied Guangdong signal at least this colour) (至少达到该级预警信号的概率).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SignalProbabilities {
    /// ≥ 白色 (the storm reaches the town at all).
    pub white: f64,
    /// ≥ 蓝色.
    pub blue: f64,
    /// ≥ 黄色.
    pub yellow: f64,
    /// ≥ 橙色.
    pub orange: f64,
    /// 红色.
    pub red: f64,
}

/// One town's forecast probabilities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DistrictForecast {
    /// District code.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Exposure class the surface wind is read at.
    pub exposure: Exposure,
    /// P(风力等级 ≥ 8, 10, 12) of the peak 2-min mean at 10 m, town exposure.
    pub p_level_ge: LevelProbabilities,
    /// P(implied signal ≥ colour).
    pub p_signal: SignalProbabilities,
    /// Median over members of the peak 2-min mean wind, m/s (10 m, town exposure).
    pub wind_2min_p50_ms: f64,
    /// 90th percentile of it, m/s.
    pub wind_2min_p90_ms: f64,
}

/// One histogram bin of the payout: `lo < paid ≤ hi` 元 (the first bin holds paid = 0 only).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PayoutBin {
    /// Lower edge, 元 (exclusive, except the zero bin).
    pub lo_yuan: Decimal,
    /// Upper edge, 元 (inclusive).
    pub hi_yuan: Decimal,
    /// Members in the bin.
    pub count: u32,
}

/// The distribution of the paid amount over the members (赔付分布), 元 after deductible and
/// caps, decimal with two places (fen).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PayoutDistribution {
    /// Share of members with a payout > 0.
    pub p_any: f64,
    /// Mean paid amount, 元, rounded to the fen.
    pub mean_yuan: Decimal,
    /// 10th percentile (nearest rank), 元.
    pub p10_yuan: Decimal,
    /// Median, 元.
    pub p50_yuan: Decimal,
    /// 90th percentile, 元.
    pub p90_yuan: Decimal,
    /// Smallest, 元.
    pub min_yuan: Decimal,
    /// Largest, 元.
    pub max_yuan: Decimal,
    /// Histogram: one bin for 0 元, then equal-width bins over (0, max].
    pub histogram: Vec<PayoutBin>,
}

impl PayoutDistribution {
    /// Statistics of paid amounts (元) with `bins` equal-width bins above zero.
    ///
    /// # Errors
    /// `OUT_OF_RANGE` (field `payout`) if a sum overflows `Decimal` (impossible for amounts
    /// capped at 1 万亿元 and ≤ [`MAX_MEMBERS`] members).
    pub fn from_paid(paid: &[Decimal], bins: u32) -> Result<PayoutDistribution> {
        let overflow = || {
            Error::out_of_range(
                "payout",
                "赔付金额合计溢出".to_string(),
                "payout sum overflows".to_string(),
            )
        };
        let mut sorted = paid.to_vec();
        sorted.sort();
        let n = sorted.len();
        let mut sum = Decimal::ZERO;
        for p in &sorted {
            sum = sum.checked_add(*p).ok_or_else(overflow)?;
        }
        let mean = if n == 0 {
            Decimal::ZERO
        } else {
            sum.checked_div(Decimal::from(n)).ok_or_else(overflow)?
        };
        let q = |p: f64| {
            nearest_rank(n, p)
                .and_then(|i| sorted.get(i))
                .copied()
                .unwrap_or(Decimal::ZERO)
        };
        let max = sorted.last().copied().unwrap_or(Decimal::ZERO);
        let zeros = sorted.iter().filter(|p| p.is_zero()).count();
        let mut histogram = vec![PayoutBin {
            lo_yuan: round_fen(Decimal::ZERO),
            hi_yuan: round_fen(Decimal::ZERO),
            count: u32::try_from(zeros).unwrap_or(u32::MAX),
        }];
        if max > Decimal::ZERO && bins > 0 {
            let width = max.checked_div(Decimal::from(bins)).ok_or_else(overflow)?;
            let mut lo = Decimal::ZERO;
            for b in 1..=bins {
                let hi = if b == bins {
                    max
                } else {
                    round_fen(width.checked_mul(Decimal::from(b)).ok_or_else(overflow)?)
                };
                let count = sorted.iter().filter(|p| **p > lo && **p <= hi).count();
                histogram.push(PayoutBin {
                    lo_yuan: round_fen(lo),
                    hi_yuan: round_fen(hi),
                    count: u32::try_from(count).unwrap_or(u32::MAX),
                });
                lo = hi;
            }
        }
        Ok(PayoutDistribution {
            p_any: if n == 0 {
                0.0
            } else {
                n.saturating_sub(zeros) as f64 / n as f64
            },
            mean_yuan: round_fen(mean),
            p10_yuan: round_fen(q(0.1)),
            p50_yuan: round_fen(q(0.5)),
            p90_yuan: round_fen(q(0.9)),
            min_yuan: round_fen(sorted.first().copied().unwrap_or(Decimal::ZERO)),
            max_yuan: round_fen(max),
            histogram,
        })
    }
}

/// The result of a forecast run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastResult {
    /// Storm name (Chinese).
    pub name_zh: String,
    /// Bulletin issue time, ISO-8601 UTC.
    pub issued: String,
    /// Members run.
    pub members: u32,
    /// Seed.
    pub seed: u64,
    /// Per town, in layer order.
    pub districts: Vec<DistrictForecast>,
    /// The payout distribution under the policy.
    pub payout: PayoutDistribution,
    /// Source of the error figures.
    pub citation: String,
}

/// Forecast cone (预报不确定性锥): the circle radius at each bulletin point, km, that holds
/// the true centre with probability `p` under the published errors.
pub fn cone_published(b: &Bulletin, errors: &ErrorModel, p: f64) -> Vec<(f64, f64, f64)> {
    b.points
        .iter()
        .map(|q| (q.lon, q.lat, errors.probability_radius_km(q.lead_h, p)))
        .collect()
}

/// Forecast cone from an ensemble: at each bulletin point, the radius about the central
/// position within which a share `p` of the members' positions lie, km (nearest rank).
pub fn cone_from_members(central: &Track, members: &[Track], p: f64) -> Vec<(f64, f64, f64)> {
    central
        .points()
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let kx = c.lat.to_radians().cos() * ONE_LAT_KM;
            let mut d: Vec<f64> = members
                .iter()
                .filter_map(|m| m.points().get(k))
                .map(|q| {
                    (((q.lon - c.lon) * kx).powi(2) + ((q.lat - c.lat) * ONE_LAT_KM).powi(2)).sqrt()
                })
                .collect();
            d.sort_by(f64::total_cmp);
            let r = nearest_rank(d.len(), p)
                .and_then(|i| d.get(i))
                .copied()
                .unwrap_or(0.0);
            (c.lon, c.lat, r)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wind_pressure_relation_is_monotone_and_plausible() {
        // 52 m/s 2-min (Hato's peak) → ≈ 926 hPa; a tropical storm ≈ 990 hPa.
        let p = pressure_from_wind_hpa(52.0);
        assert!((915.0..940.0).contains(&p), "{p}");
        let ts = pressure_from_wind_hpa(20.0);
        assert!((985.0..1000.0).contains(&ts), "{ts}");
        assert!(pressure_from_wind_hpa(40.0) > pressure_from_wind_hpa(45.0));
    }

    #[test]
    fn error_sigmas_follow_the_table() {
        let e = ErrorModel::cma();
        assert!((e.track_sigma_km(24.0) - 66.2 * MEAN_DISTANCE_TO_SIGMA).abs() < 1e-9);
        assert!((e.wind_sigma_ms(72.0) - 6.6 * MAE_TO_SIGMA).abs() < 1e-9);
        assert!(e.track_sigma_km(144.0) > e.track_sigma_km(120.0));
        assert_eq!(e.wind_sigma_ms(144.0), e.wind_sigma_ms(120.0));
        // Rayleigh: the 50 % circle of the 24 h error is σ·√(2 ln 2).
        let r = e.probability_radius_km(24.0, 0.5);
        assert!((r - e.track_sigma_km(24.0) * (2.0 * 2f64.ln()).sqrt()).abs() < 1e-9);
    }

    #[test]
    fn nearest_rank_quantiles() {
        assert_eq!(nearest_rank(0, 0.5), None);
        assert_eq!(nearest_rank(10, 0.1), Some(0));
        assert_eq!(nearest_rank(10, 0.5), Some(4));
        assert_eq!(nearest_rank(10, 0.9), Some(8));
        assert_eq!(nearest_rank(10, 1.0), Some(9));
    }
}
