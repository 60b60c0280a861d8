//! Presentation of forecast mode (预报模式, docs/briefing.md §1 and §7): the bulletin as the
//! bulletin table shows it, with the published 70 % cone radius (预报圆锥) at each point.
//! The ensemble's result (town probabilities, payout distribution) is the engine's own
//! serialisable [`crate::forecast::ForecastResult`]; `web::forecast` converts both unchanged.

use serde::Serialize;

use crate::forecast::{cone_published, Bulletin, ErrorModel};
use crate::present::regional::CONE_PROBABILITY;

/// One bulletin point (预报点) as the table lists it. Fields in the JSON order the view has
/// always received (alphabetical).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BulletinPointRow {
    /// Radius of the published 70 % cone at this lead time, km.
    pub cone70_km: f64,
    /// Latitude, °N.
    pub lat: f64,
    /// Lead time (预报时效), hours.
    pub lead_h: f64,
    /// Longitude, °E.
    pub lon: f64,
    /// Central pressure (中心气压), hPa (given, or derived from the wind).
    pub pressure_hpa: f64,
    /// Maximum wind, CMA 2-min mean, m/s.
    pub wind_ms: f64,
}

/// The bulletin as parsed (`bulletinInfo()`): names, issue time (ISO-8601 UTC) and points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BulletinInfo<'a> {
    /// Issue time (发布时间), ISO-8601 UTC.
    pub issued: String,
    /// English name.
    pub name_en: &'a str,
    /// Chinese name.
    pub name_zh: &'a str,
    /// Points in lead-time order.
    pub points: Vec<BulletinPointRow>,
}

/// The bulletin table of `b`, each point with its published 70 % cone radius.
pub fn bulletin_info(b: &Bulletin) -> BulletinInfo<'_> {
    let cone = cone_published(b, &ErrorModel::cma(), CONE_PROBABILITY);
    let points = b
        .points
        .iter()
        .zip(cone.iter().map(|c| c.2).chain(std::iter::repeat(0.0)))
        .map(|(p, r)| BulletinPointRow {
            cone70_km: r,
            lat: p.lat,
            lead_h: p.lead_h,
            lon: p.lon,
            pressure_hpa: p.pressure_hpa,
            wind_ms: p.wind_ms,
        })
        .collect();
    BulletinInfo {
        issued: b.issued_utc(),
        name_en: &b.name_en,
        name_zh: &b.name_zh,
        points,
    }
}
