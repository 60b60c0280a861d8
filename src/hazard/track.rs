//! Typhoon tracks (台风路径 / 最佳路径): timed centre positions with central pressure
//! (中心气压), maximum sustained wind (最大风速) and its averaging period, and optionally the
//! environmental pressure (环境气压) and the radius of maximum wind (最大风速半径, RMW).
//!
//! A [`Track`] is validated once at construction ([`Track::new`], [`Track::from_json`]);
//! everything downstream is then infallible.

use serde::{Deserialize, Serialize};

use super::time::{format_utc, parse_utc};
use super::units::{CMA_2MIN_PER_1MIN, TEN_MIN_PER_1MIN};
use crate::scales::{TyphoonGrade, WindIndex};
use crate::{Error, Result};

/// Averaging period of a maximum-sustained-wind value (平均时距).
///
/// Conversion to the model's 1-min input (docs/domain.md §3.9): CMA 2-min ÷ 0.871 (CLIMADA
/// `IBTRACS_AGENCY_1MIN_WIND_FACTOR['cma']`, Knapp & Kruk 2010) \[V\]; 10-min ÷ 0.93 [S/I].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum WindAveraging {
    /// CMA best-track convention: 2-minute mean 10 m wind (2分钟平均风速). The default,
    /// because the built-in tracks are CMA.
    #[default]
    Cma2Min,
    /// 1-minute sustained wind (JTWC / CLIMADA convention).
    OneMin,
    /// 10-minute mean wind (WMO / JMA convention).
    TenMin,
}

impl WindAveraging {
    /// Factor turning a wind with this averaging into a 1-min sustained wind.
    pub fn to_1min_factor(self) -> f64 {
        match self {
            WindAveraging::Cma2Min => 1.0 / CMA_2MIN_PER_1MIN,
            WindAveraging::OneMin => 1.0,
            WindAveraging::TenMin => 1.0 / TEN_MIN_PER_1MIN,
        }
    }
}

/// One track point (路径点).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrackPoint {
    /// Time, seconds since 1970-01-01T00:00Z (UTC); see [`super::time`].
    pub time_s: i64,
    /// Centre latitude, degrees north (WGS-84), −60…60.
    pub lat: f64,
    /// Centre longitude, degrees east (WGS-84), −180…180.
    pub lon: f64,
    /// Central pressure (中心气压), hPa, 850…1020.
    pub pc_hpa: f64,
    /// Maximum sustained wind (近中心最大风速), m/s, 0…100, averaged over `wind_averaging`.
    pub vmax_ms: f64,
    /// Averaging period of `vmax_ms`.
    pub wind_averaging: WindAveraging,
    /// Environmental pressure (环境气压), hPa, greater than `pc_hpa`; `None` → model default
    /// (1005 hPa, CLIMADA's WP basin value).
    pub penv_hpa: Option<f64>,
    /// Radius of maximum wind (最大风速半径, RMW), km, 1…500; `None` → estimated
    /// (CLIMADA `estimate_rmw`, see [`super::holland::estimate_rmw_km`]).
    pub rmw_km: Option<f64>,
}

impl TrackPoint {
    /// The maximum wind converted to a 1-min sustained wind, m/s.
    pub fn vmax_1min_ms(&self) -> f64 {
        self.vmax_ms * self.wind_averaging.to_1min_factor()
    }
    /// The maximum wind as a CMA-convention 2-min mean, m/s (1-min × 0.871).
    pub fn vmax_2min_ms(&self) -> f64 {
        match self.wind_averaging {
            WindAveraging::Cma2Min => self.vmax_ms,
            _ => self.vmax_1min_ms() * CMA_2MIN_PER_1MIN,
        }
    }
    /// The GB/T 19201-2006 grade (热带气旋等级) of this point, from its 2-min mean wind.
    pub fn grade(&self) -> TyphoonGrade {
        TyphoonGrade::from_2min_wind(WindIndex::from_ms(self.vmax_2min_ms()))
    }
    /// The time as ISO-8601 UTC text.
    pub fn time_utc(&self) -> String {
        format_utc(self.time_s)
    }
}

/// Most points a track may have (a best track has 1 point per 3–6 h; 2,000 is a year).
pub const MAX_TRACK_POINTS: usize = 2_000;
/// Longest span of a track, seconds (60 days: the longest-lived typhoons last about 30), so
/// a track from year 0001 to 9999 is refused before any hourly node is allocated.
pub const MAX_TRACK_SPAN_S: i64 = 60 * 86_400;
/// Largest custom-track JSON text, bytes.
pub const MAX_TRACK_JSON_BYTES: usize = 1_000_000;

fn check_count(n: usize) -> Result<()> {
    if n > MAX_TRACK_POINTS {
        return Err(crate::validate::too_many(
            "track.points",
            "台风路径的点",
            "track points",
            n,
            MAX_TRACK_POINTS,
        ));
    }
    Ok(())
}

/// A validated typhoon track: at least 2 points, strictly increasing times, values in range.
#[derive(Debug, Clone, PartialEq)]
pub struct Track {
    id: String,
    name_zh: String,
    name_en: String,
    source: String,
    points: Vec<TrackPoint>,
    /// Reported wind radii (custom tracks' `radii_km`), in time order.
    radii: Vec<super::radii::ObservedRadii>,
}

fn check_range(i: usize, field: &str, v: f64, lo: f64, hi: f64) -> Result<()> {
    if !v.is_finite() {
        return Err(Error::InvalidTrack(format!(
            "point {i}: {field} is not a finite number"
        )));
    }
    if v < lo || v > hi {
        return Err(Error::InvalidTrack(format!(
            "point {i}: {field} = {v} is outside {lo}…{hi}"
        )));
    }
    Ok(())
}

impl Track {
    /// Builds and validates a track.
    ///
    /// # Errors
    /// [`Error::InvalidTrack`] naming the point index and field: fewer than 2 points, times
    /// not strictly increasing, non-finite values, lat outside −60…60, lon outside −180…180,
    /// pressure outside 850…1020 hPa, wind outside 0…100 m/s, RMW outside 1…500 km,
    /// environmental pressure not above the central pressure.
    pub fn new(
        id: impl Into<String>,
        name_zh: impl Into<String>,
        name_en: impl Into<String>,
        source: impl Into<String>,
        points: Vec<TrackPoint>,
    ) -> Result<Track> {
        if points.len() < 2 {
            return Err(Error::InvalidTrack(format!(
                "a track needs at least 2 points, got {}",
                points.len()
            )));
        }
        check_count(points.len())?;
        for (i, p) in points.iter().enumerate() {
            check_range(i, "lat", p.lat, -60.0, 60.0)?;
            check_range(i, "lon", p.lon, -180.0, 180.0)?;
            check_range(i, "pressure_hpa", p.pc_hpa, 850.0, 1020.0)?;
            check_range(i, "wind_ms", p.vmax_ms, 0.0, 100.0)?;
            if let Some(r) = p.rmw_km {
                check_range(i, "rmw_km", r, 1.0, 500.0)?;
            }
            if let Some(pe) = p.penv_hpa {
                check_range(i, "penv_hpa", pe, 850.0, 1100.0)?;
                if pe <= p.pc_hpa {
                    return Err(Error::InvalidTrack(format!(
                        "point {i}: penv_hpa = {pe} must exceed pressure_hpa = {}",
                        p.pc_hpa
                    )));
                }
            }
            if let Some(prev) = i.checked_sub(1).and_then(|j| points.get(j)) {
                if p.time_s <= prev.time_s {
                    return Err(Error::InvalidTrack(format!(
                        "point {i}: time {} is not after point {}'s time {}",
                        format_utc(p.time_s),
                        i.saturating_sub(1),
                        format_utc(prev.time_s)
                    )));
                }
            }
        }
        let span = match (points.first(), points.last()) {
            (Some(a), Some(b)) => b.time_s.saturating_sub(a.time_s),
            _ => 0,
        };
        if span > MAX_TRACK_SPAN_S {
            return Err(Error::too_large(
                "track.time",
                format!(
                    "台风路径历时 {} 天，上限 {} 天",
                    span / 86_400,
                    MAX_TRACK_SPAN_S / 86_400
                ),
                format!(
                    "the track spans {} days; at most {}",
                    span / 86_400,
                    MAX_TRACK_SPAN_S / 86_400
                ),
            ));
        }
        Ok(Track {
            id: id.into(),
            name_zh: name_zh.into(),
            name_en: name_en.into(),
            source: source.into(),
            points,
            radii: Vec::new(),
        })
    }

    /// Parses and validates a custom track from JSON text ([`TrackDto`]).
    ///
    /// # Errors
    /// [`Error::NotJson`] (with line and column) when the text is not JSON of the DTO's
    /// shape; [`Error::InvalidInput`] for a bad time; [`Error::InvalidTrack`] as in [`Track::new`].
    ///
    /// ```
    /// use zs_risk_map::hazard::track::Track;
    /// let t = Track::from_json(r#"{"name_en":"test","points":[
    ///   {"time":"2024-09-01T00:00Z","lat":21.0,"lon":115.5,"pressure_hpa":950,"wind_ms":45},
    ///   {"time":"2024-09-01T06:00Z","lat":21.5,"lon":114.5,"pressure_hpa":955,"wind_ms":42}]}"#).unwrap();
    /// assert_eq!(t.points().len(), 2);
    /// ```
    pub fn from_json(text: &str) -> Result<Track> {
        crate::validate::text_bytes(
            "track",
            "台风路径 JSON",
            "the track JSON",
            text.len(),
            MAX_TRACK_JSON_BYTES,
        )?;
        let dto: TrackDto =
            serde_json::from_str(text).map_err(|e| Error::NotJson(e.to_string()))?;
        Track::from_dto(&dto)
    }

    /// Validates a [`TrackDto`] into a track.
    ///
    /// # Errors
    /// As [`Track::from_json`], minus the JSON syntax errors.
    pub fn from_dto(dto: &TrackDto) -> Result<Track> {
        check_count(dto.points.len())?;
        let mut points = Vec::with_capacity(dto.points.len());
        let mut radii = Vec::new();
        for (i, p) in dto.points.iter().enumerate() {
            let time_s = parse_utc(&p.time)
                .map_err(|e| Error::InvalidTrack(format!("point {i}: field time: {e}")))?;
            points.push(TrackPoint {
                time_s,
                lat: p.lat,
                lon: p.lon,
                pc_hpa: p.pressure_hpa,
                vmax_ms: p.wind_ms,
                wind_averaging: p.wind_averaging.unwrap_or(dto.wind_averaging),
                penv_hpa: p.penv_hpa,
                rmw_km: p.rmw_km,
            });
            if let Some(r) = &p.radii_km {
                radii.push(r.validate(i, time_s)?);
            }
        }
        let mut t = Track::new(&dto.id, &dto.name_zh, &dto.name_en, &dto.source, points)?;
        t.radii = radii;
        Ok(t)
    }

    /// Reported wind radii carried by a custom track (`radii_km` of its points), in time
    /// order; empty for the built-in tracks (their radii are in
    /// `data/typhoon_wind_radii_cma.csv`).
    pub fn radii(&self) -> &[super::radii::ObservedRadii] {
        &self.radii
    }

    /// The track as its serde DTO (for JSON output).
    pub fn to_dto(&self) -> TrackDto {
        TrackDto {
            id: self.id.clone(),
            name_zh: self.name_zh.clone(),
            name_en: self.name_en.clone(),
            source: self.source.clone(),
            wind_averaging: WindAveraging::Cma2Min,
            points: self
                .points
                .iter()
                .map(|p| TrackPointDto {
                    time: format_utc(p.time_s),
                    lat: p.lat,
                    lon: p.lon,
                    pressure_hpa: p.pc_hpa,
                    wind_ms: p.vmax_ms,
                    wind_averaging: Some(p.wind_averaging),
                    penv_hpa: p.penv_hpa,
                    rmw_km: p.rmw_km,
                    radii_km: None,
                })
                .collect(),
        }
    }

    /// Identifier, e.g. `"hato"` (may be empty for custom tracks).
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Chinese name, e.g. `"天鸽"`.
    pub fn name_zh(&self) -> &str {
        &self.name_zh
    }
    /// English name, e.g. `"Hato"`.
    pub fn name_en(&self) -> &str {
        &self.name_en
    }
    /// Data source / citation text.
    pub fn source(&self) -> &str {
        &self.source
    }
    /// The validated points, in time order.
    pub fn points(&self) -> &[TrackPoint] {
        &self.points
    }
    /// GB/T 19201 grade (热带气旋等级) at each track point.
    pub fn grades(&self) -> Vec<TyphoonGrade> {
        self.points.iter().map(TrackPoint::grade).collect()
    }
}

/// JSON form of a track (custom tracks from the page, golden files).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackDto {
    /// Identifier (optional).
    #[serde(default)]
    pub id: String,
    /// Chinese name (optional).
    #[serde(default)]
    pub name_zh: String,
    /// English name (optional).
    #[serde(default)]
    pub name_en: String,
    /// Source / citation (optional).
    #[serde(default)]
    pub source: String,
    /// Default averaging period of the points' `wind_ms` (`"cma2_min"`, `"one_min"`,
    /// `"ten_min"`); default CMA 2-min.
    #[serde(default)]
    pub wind_averaging: WindAveraging,
    /// The points, in time order.
    pub points: Vec<TrackPointDto>,
}

/// JSON form of one track point. Units: degrees, hPa, m/s, km; time ISO-8601 UTC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackPointDto {
    /// `YYYY-MM-DDTHH:MM(:SS)Z`.
    pub time: String,
    /// Latitude, degrees north.
    pub lat: f64,
    /// Longitude, degrees east.
    pub lon: f64,
    /// Central pressure (中心气压), hPa.
    pub pressure_hpa: f64,
    /// Maximum sustained wind, m/s.
    pub wind_ms: f64,
    /// Averaging of `wind_ms`; default: the track's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wind_averaging: Option<WindAveraging>,
    /// Environmental pressure (环境气压), hPa.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub penv_hpa: Option<f64>,
    /// Radius of maximum wind (最大风速半径), km.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rmw_km: Option<f64>,
    /// Reported wind radii (风圈半径), km: `{"r7": 250, "r10": [60, 80, 80, 60], "r12": 40}`
    /// (one value, or NE/SE/SW/NW quadrants); used to fit the RMW (docs/wind.md §5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub radii_km: Option<RadiiDto>,
}

/// One radius or four quadrant radii (NE, SE, SW, NW), km.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RadiusDto {
    /// The same radius in every quadrant.
    One(f64),
    /// NE, SE, SW, NW.
    Quadrants([f64; 4]),
}

/// Reported force-7/10/12 wind radii of a track point, km.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RadiiDto {
    /// Force-7 radius (7级风圈).
    #[serde(default)]
    pub r7: Option<RadiusDto>,
    /// Force-10 radius (10级风圈).
    #[serde(default)]
    pub r10: Option<RadiusDto>,
    /// Force-12 radius (12级风圈).
    #[serde(default)]
    pub r12: Option<RadiusDto>,
}

impl RadiiDto {
    /// Validates (each radius 1…1500 km) into observed radii at `time_s`.
    ///
    /// # Errors
    /// [`Error::out_of_range`] naming `points[i].radii_km.rN`.
    pub fn validate(&self, i: usize, time_s: i64) -> Result<super::radii::ObservedRadii> {
        let mut radii_km = [[None; 4]; 3];
        for ((name, r), row) in [("r7", &self.r7), ("r10", &self.r10), ("r12", &self.r12)]
            .into_iter()
            .zip(radii_km.iter_mut())
        {
            let Some(r) = r else { continue };
            let quads = match r {
                RadiusDto::One(v) => [*v; 4],
                RadiusDto::Quadrants(q) => *q,
            };
            for (v, slot) in quads.into_iter().zip(row.iter_mut()) {
                if !v.is_finite() || !(1.0..=1500.0).contains(&v) {
                    return Err(Error::out_of_range(
                        format!("points[{i}].radii_km.{name}"),
                        format!("第 {i} 个路径点的风圈半径 {name} = {v} km 超出 1–1500 km"),
                        format!("point {i}: wind radius {name} = {v} km is outside 1–1500 km"),
                    ));
                }
                *slot = Some(v);
            }
        }
        Ok(super::radii::ObservedRadii { time_s, radii_km })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(t: i64, lat: f64) -> TrackPoint {
        TrackPoint {
            time_s: t,
            lat,
            lon: 114.0,
            pc_hpa: 960.0,
            vmax_ms: 40.0,
            wind_averaging: WindAveraging::Cma2Min,
            penv_hpa: None,
            rmw_km: None,
        }
    }

    #[test]
    fn validation_names_point_and_field() {
        let e = Track::new("", "", "", "", vec![pt(0, 21.0)]).unwrap_err();
        assert!(e.to_string().contains("at least 2"));
        let e = Track::new("", "", "", "", vec![pt(0, 21.0), pt(0, 21.5)]).unwrap_err();
        assert!(e.to_string().contains("point 1") && e.to_string().contains("time"));
        let e = Track::new("", "", "", "", vec![pt(0, 21.0), pt(3600, 70.0)]).unwrap_err();
        assert!(e.to_string().contains("point 1: lat"));
        let mut p = pt(3600, 21.0);
        p.penv_hpa = Some(950.0);
        let e = Track::new("", "", "", "", vec![pt(0, 21.0), p]).unwrap_err();
        assert!(e.to_string().contains("penv_hpa"), "{e}");
        let mut p = pt(3600, 21.0);
        p.vmax_ms = f64::NAN;
        let e = Track::new("", "", "", "", vec![pt(0, 21.0), p]).unwrap_err();
        assert_eq!(e.code(), "INVALID_TRACK");
        assert!(e.to_string().contains("wind_ms"));
    }

    #[test]
    fn limits_refuse_before_allocating() {
        let e = Track::new("", "", "", "", vec![pt(0, 21.0), pt(61 * 86_400, 21.5)]).unwrap_err();
        assert_eq!((e.code(), e.field_id()), ("TOO_LARGE", Some("track.time")));
        let far = r#"{"points":[{"time":"0001-01-01T00:00Z","lat":21,"lon":114,"pressure_hpa":950,"wind_ms":40},
            {"time":"9999-01-01T00:00Z","lat":21,"lon":114,"pressure_hpa":950,"wind_ms":40}]}"#;
        assert!(Track::from_json(far).is_err());
        let many = vec![pt(0, 21.0); MAX_TRACK_POINTS + 1];
        assert_eq!(
            Track::new("", "", "", "", many).unwrap_err().code(),
            "TOO_LARGE"
        );
        let big = " ".repeat(MAX_TRACK_JSON_BYTES + 1);
        assert_eq!(Track::from_json(&big).unwrap_err().code(), "TOO_LARGE");
    }

    #[test]
    fn json_errors_have_codes() {
        assert_eq!(Track::from_json("{").unwrap_err().code(), "NOT_JSON");
        let e = Track::from_json(
            r#"{"points":[{"time":"2024-13-01T00:00Z","lat":21,"lon":114,"pressure_hpa":950,"wind_ms":40},
            {"time":"2024-09-01T01:00Z","lat":21,"lon":114,"pressure_hpa":950,"wind_ms":40}]}"#,
        )
        .unwrap_err();
        assert_eq!(e.code(), "INVALID_TRACK");
        assert!(e.to_string().contains("point 0"));
    }

    #[test]
    fn conversions_follow_domain_factors() {
        let p = pt(0, 21.0);
        assert!((p.vmax_1min_ms() - 40.0 / 0.871).abs() < 1e-12);
        assert_eq!(p.vmax_2min_ms(), 40.0);
        assert_eq!(p.grade(), TyphoonGrade::Ty);
    }
}
