//! Presentation of the typhoon scenario (台风情景) and the catastrophe-index payout (巨灾指数
//! 保险赔付模拟) views: the per-town peak table, the track points, the storm at one hour, the
//! wind description line, the payout summary with its explanations, the season summary, the
//! payout bar chart, the payout CSV and the values that colour the map — built from hazard
//! and payout results. `web::typhoon` converts them to JS unchanged (field names are the JSON
//! the views read).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::hazard::district::{
    town_exposure, town_index, DistrictPeak, DistrictWindNow, IndexSpec, WindSettings,
};
use crate::hazard::grid::{fill_grid_peak, fill_grid_step, wind_radii};
use crate::hazard::radii::{RmwFit, RmwSource, RADII_THRESHOLDS_MS};
use crate::hazard::surface::{Exposure, SiteFactors, WindLayer, CALIBRATED};
use crate::hazard::{time, GridSpec, PreparedTrack, Track, TrackTransform, WindModelOptions};
use crate::layers::Rgb;
use crate::map::DistrictLayer;
use crate::money::{format_cny_en, format_cny_zh};
use crate::payout::engine::{EventPayout, SeasonPayout};
use crate::payout::explain::{event_csv, explain_event, explain_season};
use crate::payout::policy::Policy;
use crate::payout::timeline::{schedule, Instalment, TimelineSpec};
use crate::render::charts::Bar;
use crate::render::typhoon::{typhoon_overlays, Centre, GradedPoint, HeatField};
use crate::render::{Lang, Overlay};
use crate::scales::WindIndex;

/// One row of the peak table (各镇街峰值风速): a town's peak wind in every variable the view
/// names, its 风力等级, gust, time and the warning signal it implies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeakRow<'a> {
    /// Town code (镇街编码).
    pub code: &'a str,
    /// Chinese name.
    pub name_zh: &'a str,
    /// English name.
    pub name_en: &'a str,
    /// Exposure class id of the seat (暴露类别).
    pub exposure: &'static str,
    /// Exposure class, Chinese.
    pub exposure_zh: &'static str,
    /// Peak model wind: CLIMADA 1-min mean, open-terrain reference, m/s (0.1).
    pub peak_wind_ms: f64,
    /// Peak 2-min mean at 10 m and the town's exposure (2分钟平均风速), m/s.
    pub wind_2min_ms: f64,
    /// Peak 10-min mean at 10 m (10分钟平均风速), m/s.
    pub wind_10min_ms: f64,
    /// Peak hourly mean at 10 m, m/s.
    pub wind_60min_ms: f64,
    /// Wind-force level (风力等级) of the signal-basis mean.
    pub level: u8,
    /// Peak 3-s gust at 10 m (阵风), m/s.
    pub gust_ms: f64,
    /// Wind-force level of the gust.
    pub gust_level: u8,
    /// Hourly step of the peak; `None` if no wind reached the town.
    pub peak_step: Option<usize>,
    /// Time of the peak, ISO-8601 UTC.
    pub peak_time_utc: Option<&'a str>,
    /// Time of the peak, Beijing time (北京时间) `YYYY-MM-DD HH:MM`.
    pub peak_time_bjt: Option<String>,
    /// Guangdong typhoon warning signal (台风预警信号) implied, code.
    pub signal: &'static str,
    /// The signal's colour, Chinese.
    pub signal_zh: &'static str,
    /// The national (CMA) signal implied, code.
    pub signal_national: &'static str,
}

/// The peak table of a scenario, one row per town in `peaks`' order.
pub fn peak_rows(peaks: &[DistrictPeak]) -> Vec<PeakRow<'_>> {
    peaks
        .iter()
        .map(|p| PeakRow {
            code: &p.code,
            name_zh: &p.name_zh,
            name_en: &p.name_en,
            exposure: p.exposure.id(),
            exposure_zh: p.exposure.name_zh(),
            peak_wind_ms: p.peak_wind_ms,
            wind_2min_ms: p.levels.wind_2min_ms,
            wind_10min_ms: p.levels.wind_10min_ms,
            wind_60min_ms: p.levels.wind_60min_ms,
            level: p.levels.level,
            gust_ms: p.levels.gust_ms,
            gust_level: p.levels.gust_level,
            peak_step: p.peak_step,
            peak_time_utc: p.peak_time.as_deref(),
            peak_time_bjt: p
                .peak_time
                .as_deref()
                .and_then(|t| time::parse_utc(t).ok())
                .map(time::format_bjt),
            signal: p.levels.signal.code(),
            signal_zh: p.levels.signal.colour_zh(),
            signal_national: p.levels.signal_national.code(),
        })
        .collect()
}

/// One best-track point (最佳路径点) with its GB/T 19201 grade.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackPointRow {
    /// Time, ISO-8601 UTC.
    pub time_utc: String,
    /// Time, Beijing time (北京时间).
    pub time_bjt: String,
    /// Latitude, °N.
    pub lat: f64,
    /// Longitude, °E.
    pub lon: f64,
    /// Central pressure (中心气压), hPa.
    pub pc_hpa: f64,
    /// Maximum sustained wind, 2-min mean (CMA), m/s.
    pub wind_2min_ms: f64,
    /// Grade code (强度等级).
    pub grade: &'static str,
    /// Grade, Chinese (e.g. 强台风).
    pub grade_zh: &'static str,
}

/// The (transformed) track's points as the track table lists them.
pub fn track_point_rows(track: &Track) -> Vec<TrackPointRow> {
    track
        .points()
        .iter()
        .map(|p| {
            let g = p.grade();
            TrackPointRow {
                time_utc: p.time_utc(),
                time_bjt: time::format_bjt(p.time_s),
                lat: p.lat,
                lon: p.lon,
                pc_hpa: p.pc_hpa,
                wind_2min_ms: p.vmax_2min_ms(),
                grade: g.code(),
                grade_zh: g.name_zh(),
            }
        })
        .collect()
}

/// One town's wind at the hour shown (the time slider's table).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NowRow {
    /// Town code.
    pub code: String,
    /// Model wind (CLIMADA 1-min, open-terrain reference), m/s, unrounded.
    pub wind_ms: f64,
    /// 2-min mean at 10 m and the town's exposure, m/s.
    pub wind_2min_ms: f64,
    /// 3-s gust at 10 m, m/s.
    pub gust_ms: f64,
    /// Wind-force level (风力等级).
    pub level: u8,
    /// Implied Guangdong signal colour, Chinese.
    pub signal_zh: &'static str,
}

/// The storm at one hourly step (`step(k)`): centre, intensity, grade, RMW, the largest
/// force-7/10/12 radii (风圈半径) and every town's wind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepInfo {
    /// The step shown (clamped to the track).
    pub k: usize,
    /// Number of hourly steps.
    pub steps: usize,
    /// Time, ISO-8601 UTC.
    pub time_utc: String,
    /// Time, Beijing time.
    pub time_bjt: String,
    /// Centre latitude, °N.
    pub lat: f64,
    /// Centre longitude, °E.
    pub lon: f64,
    /// Central pressure, hPa.
    pub pc_hpa: f64,
    /// Maximum sustained wind (1-min), m/s.
    pub wind_1min_ms: f64,
    /// Grade code.
    pub grade: &'static str,
    /// Grade, Chinese.
    pub grade_zh: &'static str,
    /// Radius of maximum wind (最大风速半径), km.
    pub rmw_km: f64,
    /// Whether the RMW was estimated (no reported value at this time).
    pub rmw_estimated: bool,
    /// Where the RMW comes from.
    pub rmw_source: RmwSource,
    /// Largest quadrant radius of force 7 (7级风圈), km; 0 when not reached.
    pub r7_km: f64,
    /// Largest quadrant radius of force 10 (10级风圈), km.
    pub r10_km: f64,
    /// Largest quadrant radius of force 12 (12级风圈), km.
    pub r12_km: f64,
    /// Every town's wind at this step.
    pub districts: Vec<NowRow>,
}

/// The largest quadrant radius (km) of each of the force-7/10/12 thresholds
/// ([`RADII_THRESHOLDS_MS`]) at step `k`; 0 where the threshold is not reached or `k` is
/// beyond the track. The one place the views turn wind radii into circles.
pub fn max_radii_km(p: &PreparedTrack, k: usize) -> [f64; 3] {
    RADII_THRESHOLDS_MS.map(|t| {
        wind_radii(p, k, t)
            .map(|r| r.quadrant_max_km.iter().copied().fold(0.0, f64::max))
            .unwrap_or(0.0)
    })
}

/// The storm at step `k` (clamped to the track) with the towns' winds `now` at that step;
/// `None` for an empty track.
pub fn step_info(
    p: &PreparedTrack,
    k: usize,
    rmw_source: RmwSource,
    now: Vec<DistrictWindNow>,
) -> Option<StepInfo> {
    let k = k.min(p.len().saturating_sub(1));
    let n = p.nodes().get(k)?;
    let [r7_km, r10_km, r12_km] = max_radii_km(p, k);
    let g = n.grade();
    Some(StepInfo {
        k,
        steps: p.len(),
        time_utc: time::format_utc(n.time_s),
        time_bjt: time::format_bjt(n.time_s),
        lat: n.lat,
        lon: n.lon,
        pc_hpa: n.pc_hpa,
        wind_1min_ms: n.vmax_1min_ms,
        grade: g.code(),
        grade_zh: g.name_zh(),
        rmw_km: n.rmw_km,
        rmw_estimated: n.rmw_estimated,
        rmw_source,
        r7_km,
        r10_km,
        r12_km,
        districts: now
            .into_iter()
            .map(|d| NowRow {
                code: d.code,
                wind_ms: d.levels.wind_1min_ms,
                wind_2min_ms: d.levels.wind_2min_ms,
                gust_ms: d.levels.gust_ms,
                level: d.levels.level,
                signal_zh: d.levels.signal.colour_zh(),
            })
            .collect(),
    })
}

/// The storm's name as the view titles it: `天鸽 (Hato)` in Chinese, `Hato (天鸽)` in
/// English.
pub fn storm_name(track: &Track, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{} ({})", track.name_zh(), track.name_en()),
        Lang::En => format!("{} ({})", track.name_en(), track.name_zh()),
    }
}

/// Where the RMW (最大风速半径) comes from, as the model panel shows it. Fields in the JSON
/// order the view has always received (alphabetical).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RmwView<'a> {
    /// Fits of the RMW to the reported radii, one per report time (empty unless fitted).
    pub fits: &'a [RmwFit],
    /// The source, English.
    pub label_en: &'static str,
    /// The source, Chinese.
    pub label_zh: &'static str,
    /// The source id.
    pub source: RmwSource,
}

/// The RMW panel of a scenario whose RMW comes from `source` with `fits`.
pub fn rmw_view(source: RmwSource, fits: &[RmwFit]) -> RmwView<'_> {
    RmwView {
        fits,
        label_en: source.label_en(),
        label_zh: source.label_zh(),
        source,
    }
}

/// Where the RMW shown comes from: the user's (`RmwSource::User`) once a what-if sets or
/// scales it, else the scenario's own (`fitted`: fitted to reported radii, or estimated).
pub fn rmw_source_shown(transform: &TrackTransform, fitted: RmwSource) -> RmwSource {
    if transform.rmw_km.is_some() || transform.rmw_factor != 1.0 {
        RmwSource::User
    } else {
        fitted
    }
}

/// Model → surface 2-min mean factor of the heat map: open exposure at 10 m for the surface
/// layer (the grid has no exposure map; docs/wind.md §7), 1 (the model wind itself) for the
/// reference layer.
pub fn heat_2min_factor(settings: &WindSettings) -> f64 {
    SiteFactors::new(&settings.site(Exposure::Open), &CALIBRATED).mean_2min
}

/// The one-line description of the wind shown (variable · height · exposure · model · RMW),
/// e.g. `2分钟平均风 / 阵风 · 地表10米 · 城镇暴露 · 模型 H08 · 最大风速半径按实测风圈半径拟合`:
/// the same variable names on every screen (docs/wind.md).
pub fn wind_label(
    options: &WindModelOptions,
    layer: WindLayer,
    rmw: RmwSource,
    lang: Lang,
) -> String {
    let model = options.model.name();
    match (lang, layer) {
        (Lang::Zh, WindLayer::Surface) => format!(
            "2分钟平均风 / 阵风 · 地表10米 · 城镇暴露 · 模型 {model} · 最大风速半径{}",
            rmw.label_zh()
        ),
        (Lang::En, WindLayer::Surface) => format!(
            "2-min mean wind / gust · surface 10 m · town exposure · model {model} · RMW {}",
            rmw.label_en()
        ),
        (Lang::Zh, WindLayer::Reference) => format!(
            "CLIMADA 1分钟风 · 开阔地面参考 · 模型 {model} · 最大风速半径{}",
            rmw.label_zh()
        ),
        (Lang::En, WindLayer::Reference) => format!(
            "CLIMADA 1-min wind · open-terrain reference · model {model} · RMW {}",
            rmw.label_en()
        ),
    }
}

/// Each town's payout index (赔付指数) under `spec`: the one rule,
/// [`town_index`] at the town seat and the town's exposure.
pub fn town_indices(
    p: &PreparedTrack,
    layer: &DistrictLayer,
    spec: &IndexSpec,
) -> BTreeMap<String, WindIndex> {
    layer
        .districts()
        .iter()
        .map(|d| {
            let v = town_index(p, d.seat.y(), d.seat.x(), town_exposure(&d.code), spec);
            (d.code.clone(), v)
        })
        .collect()
}

/// The typhoon overlays of the map (台风路径与风场): the heat map of the model wind on `grid`
/// (peak over the track, or at hourly step `k`) when `heat_2min_factor` is given (model →
/// surface 2-min mean at the heat map's exposure), the track, and at step `k` the centre with
/// its force-7/10/12 radii ([`max_radii_km`]). The winds are computed here through
/// `hazard::grid`; `render::typhoon` only draws them. `buf` is reused between frames; a grid
/// that cannot be computed leaves the heat map out.
pub fn scenario_overlays(
    p: &PreparedTrack,
    track: &Track,
    grid: &GridSpec,
    k: Option<usize>,
    heat_2min_factor: Option<f64>,
    lang: Lang,
    buf: &mut Vec<f32>,
) -> Vec<Overlay> {
    let heat_ok = heat_2min_factor.is_some()
        && match k {
            Some(k) => fill_grid_step(p, grid, k, buf).is_ok(),
            None => fill_grid_peak(p, grid, buf).is_ok(),
        };
    let (ny, nx) = grid.shape().unwrap_or((0, 0));
    let heat = heat_2min_factor
        .filter(|_| heat_ok)
        .map(|to_2min| HeatField {
            lon0: grid.lon0,
            lat0: grid.lat0,
            step_deg: grid.step_deg,
            nx,
            ny,
            model_ms: buf.as_slice(),
            to_2min,
        });
    let centre = k.and_then(|k| {
        p.nodes().get(k).map(|n| Centre {
            lon: n.lon,
            lat: n.lat,
            grade: n.grade(),
            radii_km: max_radii_km(p, k),
        })
    });
    let line: Vec<(f64, f64)> = p.nodes().iter().map(|n| (n.lon, n.lat)).collect();
    typhoon_overlays(line, &graded_points(track), heat, centre, lang)
}

/// The best-track points of `track` with their grades, as the map draws them (dots coloured
/// by GB/T 19201 grade).
pub fn graded_points(track: &Track) -> Vec<GradedPoint> {
    track
        .points()
        .iter()
        .map(|q| GradedPoint {
            lon: q.lon,
            lat: q.lat,
            grade: q.grade(),
        })
        .collect()
}

/// Map colours of a scenario's peak: each town's peak 2-min mean wind, m/s.
pub fn peak_values(peaks: &[DistrictPeak]) -> BTreeMap<String, f64> {
    peaks
        .iter()
        .map(|p| (p.code.clone(), p.levels.wind_2min_ms))
        .collect()
}

/// Map colours of one hour: each town's 2-min mean wind at that step, m/s.
pub fn now_values(now: Vec<DistrictWindNow>) -> BTreeMap<String, f64> {
    now.into_iter()
        .map(|d| (d.code, d.levels.wind_2min_ms))
        .collect()
}

/// Everything the payout view (赔付模拟) shows of one event; money as decimal strings in 元
/// (after deductible and caps).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PayoutSummary<'a> {
    /// The scenario paid (e.g. `天鸽 (Hato)`, `暴雨情景`).
    pub scenario: &'a str,
    /// Policy label, Chinese.
    pub label: &'a str,
    /// Policy label, English.
    pub label_en: &'a str,
    /// Policy status (示例 / real), English.
    pub status: &'a str,
    /// Policy status, Chinese.
    pub status_zh: &'a str,
    /// Sum insured (保险金额), 元.
    pub sum_insured: String,
    /// Premium (保费), 元, if the policy states one.
    pub premium: Option<String>,
    /// Rate on line (premium / limit), if a premium is stated.
    pub rate_on_line: Option<String>,
    /// Which wind the typhoon index reads (policy `perils.typhoon.index`).
    pub index_wind: IndexSpec,
    /// The index wind described, Chinese.
    pub index_zh: String,
    /// The index wind described, English.
    pub index_en: String,
    /// The event's payout: totals, caps and per-town lines.
    pub event: &'a EventPayout,
    /// Total paid, Chinese money text (e.g. `456.75万元`).
    pub paid_zh: String,
    /// Total paid, English money text.
    pub paid_en: String,
    /// Every town's payout explained in one line, Chinese.
    pub explain_zh: Vec<String>,
    /// The same, English.
    pub explain_en: Vec<String>,
    /// Prepayment and settlement instalments (预付与结算).
    pub timeline: Vec<Instalment>,
}

/// The payout view of `event` paid under `policy` on `scenario`.
pub fn payout_summary<'a>(
    scenario: &'a str,
    policy: &'a Policy,
    event: &'a EventPayout,
) -> PayoutSummary<'a> {
    let ex = explain_event(policy, event);
    let index = policy.wind_index();
    PayoutSummary {
        scenario,
        label: &policy.label,
        label_en: &policy.label_en,
        status: policy.status.name_en(),
        status_zh: policy.status.name_zh(),
        sum_insured: policy.sum_insured.to_string(),
        premium: policy.premium.map(|p| p.to_string()),
        rate_on_line: policy.rate_on_line().map(|r| r.to_string()),
        index_zh: index.label_zh(),
        index_en: index.label_en(),
        index_wind: index,
        event,
        paid_zh: format_cny_zh(event.paid),
        paid_en: format_cny_en(event.paid),
        explain_zh: ex.zh,
        explain_en: ex.en,
        timeline: schedule(event.paid, policy.prepay_fraction, &TimelineSpec::default()),
    }
}

/// The payout table as CSV text for spreadsheets (UTF-8 with BOM).
pub fn payout_csv(event: &EventPayout) -> String {
    format!("\u{feff}{}", event_csv(event))
}

/// A season (保险年度) of events paid in order: each event's payout and what the deductible,
/// the per-event cap and the annual aggregate (年度累计赔偿限额) cut.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeasonSummary<'a> {
    /// The season as paid.
    pub season: &'a SeasonPayout,
    /// Total paid over the season, Chinese money text.
    pub total_zh: String,
    /// The same, English.
    pub total_en: String,
    /// One line per event, Chinese.
    pub explain_zh: Vec<String>,
    /// The same, English.
    pub explain_en: Vec<String>,
}

/// The season view of `season` paid under `policy`.
pub fn season_summary<'a>(policy: &Policy, season: &'a SeasonPayout) -> SeasonSummary<'a> {
    let ex = explain_season(policy, season);
    SeasonSummary {
        season,
        total_zh: format_cny_zh(season.total_paid),
        total_en: format_cny_en(season.total_paid),
        explain_zh: ex.zh,
        explain_en: ex.en,
    }
}

/// Colour of the payout bars (赔付柱).
pub const PAYOUT_BAR_COLOR: Rgb = Rgb(0xc0, 0x39, 0x2b);

/// The payout bar chart (各镇街赔付): its title with the total, and one bar per town, largest
/// payout first (ties by code), labelled with the short town name in `lang`.
pub fn payout_bars(event: &EventPayout, lang: Lang) -> (String, Vec<Bar>) {
    let mut lines: Vec<_> = event.districts.iter().collect();
    lines.sort_by(|a, b| b.payout.cmp(&a.payout).then(a.code.cmp(&b.code)));
    let bars = lines
        .iter()
        .map(|d| Bar {
            label: match lang {
                Lang::Zh => crate::render::short_name_zh(&d.name_zh),
                Lang::En => d
                    .name_en
                    .split(' ')
                    .next()
                    .unwrap_or(&d.name_en)
                    .to_string(),
            },
            value: yuan_f64(d.payout),
            value_text: match lang {
                Lang::Zh => format_cny_zh(d.payout),
                Lang::En => format_cny_en(d.payout),
            },
            color: PAYOUT_BAR_COLOR,
        })
        .collect();
    let title = match lang {
        Lang::Zh => format!("各镇街赔付 · 合计 {}", format_cny_zh(event.paid)),
        Lang::En => format!("Payout by town · total {}", format_cny_en(event.paid)),
    };
    (title, bars)
}

/// Each town's payout in 元 as f64, for colouring the map only (never for arithmetic).
pub fn payout_values(event: &EventPayout) -> BTreeMap<String, f64> {
    event
        .districts
        .iter()
        .map(|d| (d.code.clone(), yuan_f64(d.payout)))
        .collect()
}

/// A money amount as f64 for drawing (bar length, colour): 0 if it cannot be read.
fn yuan_f64(v: rust_decimal::Decimal) -> f64 {
    v.to_string().parse().unwrap_or(0.0)
}
