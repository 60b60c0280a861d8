//! Built-in historical typhoons (历史台风情景): five CMA best tracks that hit the Pearl River
//! estuary, embedded from `data/typhoon_tracks_cma.csv` (docs/domain.md §4.1).

use serde::Serialize;

use super::time::parse_utc;
use super::track::{Track, TrackPoint, WindAveraging};
use crate::{csv_lite, Error, Result};

/// Citation for the built-in tracks (must be shown with any scenario).
pub const CMA_CITATION: &str = "CMA Tropical Cyclone Data Center best track (中国气象局热带气旋资料中心最佳路径, tcdata.typhoon.org.cn); Ying et al. 2014, J. Atmos. Oceanic Technol. 31:287–301; Lu et al. 2021, Adv. Atmos. Sci. 38:690–699";

const CSV: &str = include_str!("../../data/typhoon_tracks_cma.csv");

/// Ids of the built-in scenarios, in list order.
pub const SCENARIO_IDS: [&str; 5] = ["hato", "mangkhut", "vicente", "higos", "saola"];

/// Summary of one built-in scenario for the UI's picker.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioInfo {
    /// Id, e.g. `"hato"`.
    pub id: String,
    /// CMA number (编号), e.g. `"1713"`.
    pub cma_id: String,
    /// Chinese name, e.g. `"天鸽"`.
    pub name_zh: String,
    /// English name, e.g. `"Hato"`.
    pub name_en: String,
    /// Number of best-track points.
    pub n_points: usize,
    /// First time, ISO UTC.
    pub start_utc: String,
    /// Last time, ISO UTC.
    pub end_utc: String,
    /// Official landfall note (登陆), docs/domain.md §4.1.
    pub landfall: String,
    /// Data citation ([`CMA_CITATION`]).
    pub citation: String,
}

fn landfall_note(id: &str) -> &'static str {
    match id {
        "hato" => "珠海南部沿海 2017-08-23 12:50 BJT, 14级",
        "mangkhut" => "江门台山海宴 2018-09-16 17:00 BJT, 14级",
        "vicente" => "台山附近 2012-07-24 凌晨 BJT (exact time unknown)",
        "higos" => "珠海金湾 2020-08-19 06:00 BJT, 12级",
        "saola" => "珠海金湾/南部沿海 2023-09-02 03:30 BJT, 强台风",
        _ => "",
    }
}

/// The built-in track `id` (`hato`, `mangkhut`, `vicente`, `higos`, `saola`), CMA 2-min winds.
///
/// # Errors
/// [`Error::InvalidInput`] for an unknown id (the message lists the known ones).
///
/// ```
/// let t = zs_risk_map::hazard::scenarios::track("hato").unwrap();
/// assert_eq!(t.name_zh(), "天鸽");
/// ```
pub fn track(id: &str) -> Result<Track> {
    if !SCENARIO_IDS.contains(&id) {
        return Err(Error::InvalidInput(format!(
            "unknown storm {id:?}; known: {}",
            SCENARIO_IDS.join(", ")
        )));
    }
    let table = csv_lite::parse(CSV)?;
    let mut points = Vec::new();
    let mut names = (String::new(), String::new(), String::new());
    for rec in &table.records {
        let get = |name: &str| table.get(rec, name).unwrap_or("");
        if get("storm") != id {
            continue;
        }
        let num = |name: &str| -> Result<f64> {
            get(name).trim().parse::<f64>().map_err(|_| {
                Error::InvalidInput(format!("tracks CSV line {}: bad {name}", rec.line))
            })
        };
        names = (
            get("cma_id").into(),
            get("name_zh").into(),
            get("name_en").into(),
        );
        points.push(TrackPoint {
            time_s: parse_utc(get("time_utc"))?,
            lat: num("lat")?,
            lon: num("lon")?,
            pc_hpa: num("pressure_hpa")?,
            vmax_ms: num("wind_ms_2min")?,
            wind_averaging: WindAveraging::Cma2Min,
            penv_hpa: None,
            rmw_km: None,
        });
    }
    Track::new(
        id,
        names.1,
        names.2,
        format!("CMA {} — {CMA_CITATION}", names.0),
        points,
    )
}

/// The built-in track `id` sized by CMA's reported wind radii: the RMW at every point is
/// fitted so the model's force-7/10/12 radii match the reports ([`super::radii`]), with
/// where it came from.
///
/// # Errors
/// As [`track`] and [`super::radii::size_from_radii`].
pub fn sized_track(
    id: &str,
    options: &super::windfield::WindModelOptions,
) -> Result<(Track, super::radii::RmwInfo)> {
    let t = track(id)?;
    super::radii::size_from_radii(&t, &super::radii::builtin_radii(id)?, options)
}

/// All built-in scenarios, for the UI list.
pub fn list() -> Vec<ScenarioInfo> {
    SCENARIO_IDS
        .iter()
        .filter_map(|id| track(id).ok())
        .map(|t| {
            let p = t.points();
            ScenarioInfo {
                id: t.id().to_string(),
                cma_id: t.source().split(' ').nth(1).unwrap_or("").to_string(),
                name_zh: t.name_zh().to_string(),
                name_en: t.name_en().to_string(),
                n_points: p.len(),
                start_utc: p.first().map(|q| q.time_utc()).unwrap_or_default(),
                end_utc: p.last().map(|q| q.time_utc()).unwrap_or_default(),
                landfall: landfall_note(t.id()).to_string(),
                citation: CMA_CITATION.to_string(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_storms_load_with_documented_peaks() {
        let l = list();
        assert_eq!(l.len(), 5);
        assert_eq!(l[0].cma_id, "1713");
        let hato = track("hato").unwrap();
        let max_v = hato.points().iter().map(|p| p.vmax_ms).fold(0.0, f64::max);
        let min_p = hato
            .points()
            .iter()
            .map(|p| p.pc_hpa)
            .fold(2000.0, f64::min);
        assert_eq!((max_v, min_p), (52.0, 935.0)); // docs/domain.md §4.1
        let saola = track("saola").unwrap();
        assert_eq!(saola.points()[0].vmax_ms, 58.0);
        assert!(track("haiyan").unwrap_err().to_string().contains("hato"));
    }
}
