//! Typhoon scenarios at the JS boundary: the `TyphoonScenario` handle (台风情景) and the
//! catastrophe-index payout run (`PayoutRun`, 赔付模拟) built on it.
//!
//! A scenario holds the base track, the what-if transform, the wind-model options and the
//! prepared (interpolated) track, so the time slider and the play button only evaluate
//! winds: no re-parsing, no allocation per frame beyond the result.

use std::collections::BTreeMap;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::convert::{draw_on_canvas, to_js, to_value, JsResult};
use super::panic;
use crate::hazard::district::{
    district_peaks_with, district_winds_at, town_exposure, town_index, DistrictPeak, WindSettings,
};
use crate::hazard::grid::{fill_grid_peak, fill_grid_step, wind_radii};
use crate::hazard::radii::{RmwInfo, RmwSource};
use crate::hazard::surface::{Exposure, SiteFactors, WindLayer, CALIBRATED};
use crate::hazard::{
    scenarios, time, GridSpec, PreparedTrack, Track, TrackTransform, WindModelOptions,
};
use crate::layers::Rgb;
use crate::map::DistrictLayer;
use crate::money::{format_cny_en, format_cny_zh};
use crate::payout::engine::{pay_event, EventIndices, EventPayout};
use crate::payout::explain::{event_csv, explain_event};
use crate::payout::policy::Policy;
use crate::payout::scenario::RainScenario;
use crate::payout::timeline::{schedule, TimelineSpec};
use crate::render::charts::{draw_bars, Bar};
use crate::render::{Lang, Overlay};
use crate::scales::WindIndex;
use crate::Error;

/// The built-in storms (CMA best track): `[{id, cma_id, name_zh, name_en, landfall, citation…}]`.
#[wasm_bindgen(js_name = typhoonScenarios)]
pub fn typhoon_scenarios() -> JsResult<JsValue> {
    to_value(&scenarios::list())
}

/// A typhoon scenario: base track + what-if transform + wind model, prepared for playback.
#[wasm_bindgen]
pub struct TyphoonScenario {
    base: Track,
    track: Track,
    transform: TrackTransform,
    options: WindModelOptions,
    settings: WindSettings,
    rmw: RmwInfo,
    prepared: PreparedTrack,
    layer: DistrictLayer,
    peaks: Vec<DistrictPeak>,
    grid: GridSpec,
    buf: Vec<f32>,
}

#[derive(Serialize)]
struct PeakRow<'a> {
    code: &'a str,
    name_zh: &'a str,
    name_en: &'a str,
    exposure: &'static str,
    exposure_zh: &'static str,
    peak_wind_ms: f64,
    wind_2min_ms: f64,
    wind_10min_ms: f64,
    wind_60min_ms: f64,
    level: u8,
    gust_ms: f64,
    gust_level: u8,
    peak_step: Option<usize>,
    peak_time_utc: Option<&'a str>,
    peak_time_bjt: Option<String>,
    signal: &'static str,
    signal_zh: &'static str,
    signal_national: &'static str,
}

#[derive(Serialize)]
struct TrackPointRow {
    time_utc: String,
    time_bjt: String,
    lat: f64,
    lon: f64,
    pc_hpa: f64,
    wind_2min_ms: f64,
    grade: &'static str,
    grade_zh: &'static str,
}

#[derive(Serialize)]
struct StepInfo {
    k: usize,
    steps: usize,
    time_utc: String,
    time_bjt: String,
    lat: f64,
    lon: f64,
    pc_hpa: f64,
    wind_1min_ms: f64,
    grade: &'static str,
    grade_zh: &'static str,
    rmw_km: f64,
    rmw_estimated: bool,
    rmw_source: RmwSource,
    r7_km: f64,
    r10_km: f64,
    r12_km: f64,
    districts: Vec<NowRow>,
}

#[derive(Serialize)]
struct NowRow {
    code: String,
    wind_ms: f64,
    wind_2min_ms: f64,
    gust_ms: f64,
    level: u8,
    signal_zh: &'static str,
}

#[wasm_bindgen]
impl TyphoonScenario {
    /// Creates a scenario from a built-in storm id (`hato`, `mangkhut`, `vicente`, `higos`,
    /// `saola`) or, when `track_json` is given, from a custom track (JSON). `options_json`
    /// holds wind-model options (`{}` = CLIMADA defaults, model H08).
    #[wasm_bindgen(constructor)]
    pub fn new(
        storm: &str,
        track_json: Option<String>,
        options_json: Option<String>,
    ) -> JsResult<TyphoonScenario> {
        panic::check()?;
        let (options, settings) = parse_options(options_json.as_deref())?;
        let (base, rmw) = match track_json {
            // A custom track's own `radii_km` size it as CMA's radii size the built-ins.
            Some(text) => Track::from_json(&text)
                .and_then(|t| crate::hazard::radii::size_from_radii(&t, t.radii(), &options)),
            None => scenarios::sized_track(storm, &options),
        }
        .map_err(|e| to_js(&e))?;
        let layer = DistrictLayer::builtin();
        let transform = TrackTransform::default();
        let track = transform.apply(&base).map_err(|e| to_js(&e))?;
        let prepared = PreparedTrack::new(&track, &options).map_err(|e| to_js(&e))?;
        let peaks = district_peaks_with(&prepared, &layer, &settings);
        Ok(TyphoonScenario {
            base,
            track,
            transform,
            options,
            settings,
            rmw,
            prepared,
            layer,
            peaks,
            grid: GridSpec::zhongshan_001(),
            buf: Vec::new(),
        })
    }

    /// Applies a what-if transform (`{shift_east_km, shift_north_km, rotate_deg, dp_hpa,
    /// rmw_factor, speed_factor}`) and/or new model options, and recomputes. On error the
    /// previous scenario is kept.
    pub fn update(
        &mut self,
        transform_json: Option<String>,
        options_json: Option<String>,
    ) -> JsResult<()> {
        panic::check()?;
        let transform = match transform_json {
            Some(t) => serde_json::from_str::<TrackTransform>(&t)
                .map_err(|e| to_js(&Error::InvalidInput(format!("what-if transform: {e}"))))?,
            None => self.transform,
        };
        let (options, settings) = match options_json {
            Some(o) => parse_options(Some(&o))?,
            None => (self.options, self.settings),
        };
        let track = transform.apply(&self.base).map_err(|e| to_js(&e))?;
        let prepared = PreparedTrack::new(&track, &options).map_err(|e| to_js(&e))?;
        self.peaks = district_peaks_with(&prepared, &self.layer, &settings);
        self.track = track;
        self.transform = transform;
        self.options = options;
        self.settings = settings;
        self.prepared = prepared;
        Ok(())
    }

    /// Uses the districts of a map (e.g. loaded OSM boundaries) for the per-town results.
    #[wasm_bindgen(js_name = useDistrictsOf)]
    pub fn use_districts_of(&mut self, map: &super::RiskMap) {
        self.layer = map.district_layer().clone();
        self.peaks = district_peaks_with(&self.prepared, &self.layer, &self.settings);
    }

    /// Recomputes the per-district peaks from the prepared track (what a what-if change
    /// costs beyond re-preparing the track); returns the number of districts.
    #[wasm_bindgen(js_name = recomputePeaks)]
    pub fn recompute_peaks(&mut self) -> usize {
        self.peaks = district_peaks_with(&self.prepared, &self.layer, &self.settings);
        self.peaks.len()
    }

    /// Total paid under the built-in policy (decimal string), for boundary tests.
    #[doc(hidden)]
    #[wasm_bindgen(js_name = paidForTests)]
    pub fn paid_for_tests(&self) -> String {
        self.payout(None).map(|r| r.paid()).unwrap_or_default()
    }

    /// Number of hourly time steps.
    pub fn steps(&self) -> usize {
        self.prepared.len()
    }

    /// Storm name, e.g. "天鸽 Hato".
    pub fn name(&self, lang: &str) -> String {
        match Lang::parse(lang) {
            Lang::Zh => format!("{} ({})", self.track.name_zh(), self.track.name_en()),
            Lang::En => format!("{} ({})", self.track.name_en(), self.track.name_zh()),
        }
    }

    /// The model and options in use, as shown to the user.
    pub fn options(&self) -> JsResult<JsValue> {
        to_value(&self.options)
    }

    /// Where the RMW in use comes from: `{source, label_zh, label_en, fits: [{time_s,
    /// rmw_km, n_radii, rms_log_error}], rmw_km_now}`.
    #[wasm_bindgen(js_name = rmwInfo)]
    pub fn rmw_info(&self) -> JsResult<JsValue> {
        let source = self.rmw_source();
        to_value(&serde_json::json!({
            "source": source,
            "label_zh": source.label_zh(),
            "label_en": source.label_en(),
            "fits": self.rmw.fits,
        }))
    }

    /// The one-line description of the wind shown (variable · layer · exposure · model ·
    /// RMW), e.g. `2分钟平均风 · 地表10米 · 城镇暴露 · H08 · RMW 按实测风圈半径拟合`.
    #[wasm_bindgen(js_name = windLabel)]
    pub fn wind_label(&self, lang: &str) -> String {
        let model = self.options.model.name();
        let src = self.rmw_source();
        match (Lang::parse(lang), self.settings.layer) {
            (Lang::Zh, WindLayer::Surface) => format!(
                "2分钟平均风 / 阵风 · 地表10米 · 城镇暴露 · 模型 {model} · 最大风速半径{}",
                src.label_zh()
            ),
            (Lang::En, WindLayer::Surface) => format!(
                "2-min mean wind / gust · surface 10 m · town exposure · model {model} · RMW {}",
                src.label_en()
            ),
            (Lang::Zh, WindLayer::Reference) => format!(
                "CLIMADA 1分钟风 · 开阔地面参考 · 模型 {model} · 最大风速半径{}",
                src.label_zh()
            ),
            (Lang::En, WindLayer::Reference) => format!(
                "CLIMADA 1-min wind · open-terrain reference · model {model} · RMW {}",
                src.label_en()
            ),
        }
    }

    /// Per-district peaks: wind (1-min), 2-min equivalent, level, gust, time, implied signal.
    pub fn peaks(&self) -> JsResult<JsValue> {
        panic::check()?;
        let rows: Vec<PeakRow> = self
            .peaks
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
            .collect();
        to_value(&rows)
    }

    /// The (transformed) best-track points with their GB/T 19201 grade.
    #[wasm_bindgen(js_name = trackPoints)]
    pub fn track_points(&self) -> JsResult<JsValue> {
        let rows: Vec<TrackPointRow> = self
            .track
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
            .collect();
        to_value(&rows)
    }

    /// The storm at hourly step `k`: centre, intensity, grade, wind radii (force 7/10/12) and
    /// every district's current wind.
    pub fn step(&self, k: usize) -> JsResult<JsValue> {
        panic::check()?;
        let k = k.min(self.prepared.len().saturating_sub(1));
        let n = &self.prepared.nodes()[k];
        let radius = |t: f64| {
            wind_radii(&self.prepared, k, t)
                .map(|r| r.quadrant_max_km.iter().copied().fold(0.0, f64::max))
                .unwrap_or(0.0)
        };
        let now = district_winds_at(&self.prepared, &self.layer, k, &self.settings)
            .map_err(|e| to_js(&e))?;
        let g = n.grade();
        to_value(&StepInfo {
            k,
            steps: self.prepared.len(),
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
            rmw_source: self.rmw_source(),
            r7_km: radius(13.9),
            r10_km: radius(24.5),
            r12_km: radius(32.7),
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

    /// Peak wind over the track on the 0.01° grid 22.2–22.8N × 113.1–113.7E (61×61), 1-min
    /// m/s, row-major south→north, west→east.
    #[wasm_bindgen(js_name = gridPeak)]
    pub fn grid_peak(&mut self) -> JsResult<Vec<f32>> {
        fill_grid_peak(&self.prepared, &self.grid, &mut self.buf).map_err(|e| to_js(&e))?;
        Ok(self.buf.clone())
    }

    /// Wind at hourly step `k` on the same grid.
    #[wasm_bindgen(js_name = gridAt)]
    pub fn grid_at(&mut self, k: usize) -> JsResult<Vec<f32>> {
        fill_grid_step(&self.prepared, &self.grid, k, &mut self.buf).map_err(|e| to_js(&e))?;
        Ok(self.buf.clone())
    }

    /// Pays the catastrophe-index policy (JSON; empty = the built-in 示例 policy) on this
    /// scenario: each town's index is the wind the policy states (default max 2-min mean at
    /// the town's exposure, 10 m, at the seat; rounded to 0.1 m/s).
    #[wasm_bindgen(js_name = payout)]
    pub fn payout(&self, policy_json: Option<String>) -> JsResult<PayoutRun> {
        panic::check()?;
        let policy = load_policy(policy_json.as_deref())?;
        let winds = self.index_winds(&policy);
        let event = pay_event(&policy, &EventIndices::Wind(winds)).map_err(|e| to_js(&e))?;
        Ok(PayoutRun {
            policy,
            event,
            scenario: self.name("zh"),
        })
    }
}

/// Rust-only helpers for the map overlays.
impl TyphoonScenario {
    /// Where the RMW in use comes from (a what-if RMW makes it the user's).
    fn rmw_source(&self) -> RmwSource {
        if self.transform.rmw_km.is_some() || self.transform.rmw_factor != 1.0 {
            RmwSource::User
        } else {
            self.rmw.source
        }
    }

    /// Per-town index of `policy` on this scenario (the one index function,
    /// [`town_index`]).
    fn index_winds(&self, policy: &Policy) -> BTreeMap<String, WindIndex> {
        let spec = policy.wind_index();
        self.layer
            .districts()
            .iter()
            .map(|d| {
                let v = town_index(
                    &self.prepared,
                    d.seat.y(),
                    d.seat.x(),
                    town_exposure(&d.code),
                    &spec,
                );
                (d.code.clone(), v)
            })
            .collect()
    }

    /// Model → 2-min mean factor of the heat map: open exposure at 10 m for the surface
    /// layer (the grid has no exposure map; docs/wind.md §7), the model wind itself for the
    /// reference layer.
    fn heat_factor(&self) -> f64 {
        SiteFactors::new(&self.settings.site(Exposure::Open), &CALIBRATED).mean_2min
    }

    /// The (what-if) track, for the regional map.
    pub(crate) fn track(&self) -> &Track {
        &self.track
    }
    /// The prepared track, for the regional map.
    pub(crate) fn prepared(&self) -> &PreparedTrack {
        &self.prepared
    }
    /// The towns of the scenario, for the regional map's inset.
    pub(crate) fn layer(&self) -> &DistrictLayer {
        &self.layer
    }

    /// Overlays for the map (see [`crate::render::typhoon::typhoon_overlays`]).
    pub(crate) fn overlays(&mut self, k: Option<usize>, heat: bool, lang: Lang) -> Vec<Overlay> {
        let heat_factor = heat.then(|| self.heat_factor());
        crate::render::typhoon::typhoon_overlays(
            &self.prepared,
            &self.track,
            &self.grid,
            k,
            heat_factor,
            lang,
            &mut self.buf,
        )
    }

    /// District values for colouring the map: peak (or step-`k`) 2-min-equivalent wind.
    pub(crate) fn district_values(&self, k: Option<usize>) -> BTreeMap<String, f64> {
        match k.and_then(|k| district_winds_at(&self.prepared, &self.layer, k, &self.settings).ok())
        {
            Some(now) => now
                .into_iter()
                .map(|d| (d.code, d.levels.wind_2min_ms))
                .collect(),
            None => self
                .peaks
                .iter()
                .map(|p| (p.code.clone(), p.levels.wind_2min_ms))
                .collect(),
        }
    }
}

/// Wind-model options and wind settings from one JSON object (`{model, …, layer,
/// mean_basis}`; unknown keys of the one are the other's).
fn parse_options(json: Option<&str>) -> JsResult<(WindModelOptions, WindSettings)> {
    let (options, settings): (WindModelOptions, WindSettings) = match json {
        None | Some("") => (WindModelOptions::default(), WindSettings::default()),
        Some(t) => {
            let bad = |e: serde_json::Error| {
                to_js(&Error::InvalidInput(format!("wind-model options: {e}")))
            };
            (
                serde_json::from_str(t).map_err(bad)?,
                serde_json::from_str(t).map_err(bad)?,
            )
        }
    };
    options.validate().map_err(|e| to_js(&e))?;
    Ok((options, settings))
}

fn load_policy(json: Option<&str>) -> JsResult<Policy> {
    match json {
        None | Some("") => Ok(Policy::default_zhongshan()),
        Some(t) => Policy::from_json(t).map_err(|e| to_js(&e)),
    }
}

/// The built-in 示例 policy as JSON text (to prefill the policy editor).
#[wasm_bindgen(js_name = defaultPolicyJson)]
pub fn default_policy_json() -> String {
    Policy::default_zhongshan().to_json()
}

/// Pays the policy on a rainstorm scenario (JSON: a table, a uniform value or a scaled
/// pattern of per-district rainfall).
#[wasm_bindgen(js_name = rainPayout)]
pub fn rain_payout(policy_json: Option<String>, rain_json: &str) -> JsResult<PayoutRun> {
    panic::check()?;
    let policy = load_policy(policy_json.as_deref())?;
    let rain = RainScenario::from_json(rain_json).map_err(|e| to_js(&e))?;
    let indices = rain.indices_for(&policy).map_err(|e| to_js(&e))?;
    let event = pay_event(&policy, &indices).map_err(|e| to_js(&e))?;
    Ok(PayoutRun {
        policy,
        event,
        scenario: "暴雨情景".into(),
    })
}

/// One event paid under a policy: totals, caps, per-district lines, explanations.
#[wasm_bindgen]
pub struct PayoutRun {
    policy: Policy,
    event: EventPayout,
    scenario: String,
}

#[derive(Serialize)]
struct PayoutSummary<'a> {
    scenario: &'a str,
    label: &'a str,
    label_en: &'a str,
    status: &'a str,
    status_zh: &'a str,
    sum_insured: String,
    premium: Option<String>,
    rate_on_line: Option<String>,
    /// Which wind the typhoon index reads (policy `perils.typhoon.index`).
    index_wind: crate::hazard::district::IndexSpec,
    index_zh: String,
    index_en: String,
    event: &'a EventPayout,
    paid_zh: String,
    paid_en: String,
    explain_zh: Vec<String>,
    explain_en: Vec<String>,
    timeline: Vec<crate::payout::timeline::Instalment>,
}

#[wasm_bindgen]
impl PayoutRun {
    /// Everything the payout view shows; money as decimal strings (yuan).
    pub fn summary(&self) -> JsResult<JsValue> {
        panic::check()?;
        let ex = explain_event(&self.policy, &self.event);
        to_value(&PayoutSummary {
            scenario: &self.scenario,
            label: &self.policy.label,
            label_en: &self.policy.label_en,
            status: self.policy.status.name_en(),
            status_zh: self.policy.status.name_zh(),
            sum_insured: self.policy.sum_insured.to_string(),
            premium: self.policy.premium.map(|p| p.to_string()),
            rate_on_line: self.policy.rate_on_line().map(|r| r.to_string()),
            index_wind: self.policy.wind_index(),
            index_zh: self.policy.wind_index().label_zh(),
            index_en: self.policy.wind_index().label_en(),
            event: &self.event,
            paid_zh: format_cny_zh(self.event.paid),
            paid_en: format_cny_en(self.event.paid),
            explain_zh: ex.zh,
            explain_en: ex.en,
            timeline: schedule(
                self.event.paid,
                self.policy.prepay_fraction,
                &TimelineSpec::default(),
            ),
        })
    }

    /// The payout table as CSV (UTF-8 with BOM for spreadsheets).
    pub fn csv(&self) -> String {
        format!("\u{feff}{}", event_csv(&self.event))
    }

    /// Total paid, yuan, as a decimal string.
    pub fn paid(&self) -> String {
        self.event.paid.to_string()
    }

    /// Draws the bar chart of payouts by town on `canvas` (largest first).
    #[wasm_bindgen(js_name = drawBars)]
    pub fn draw_bars(&self, canvas: HtmlCanvasElement, dpr: f64, lang: &str) -> JsResult<()> {
        panic::check()?;
        let lang = Lang::parse(lang);
        let mut lines: Vec<_> = self.event.districts.iter().collect();
        lines.sort_by(|a, b| b.payout.cmp(&a.payout).then(a.code.cmp(&b.code)));
        let bars: Vec<Bar> = lines
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
                value: d.payout.to_string().parse().unwrap_or(0.0),
                value_text: match lang {
                    Lang::Zh => format_cny_zh(d.payout),
                    Lang::En => format_cny_en(d.payout),
                },
                color: Rgb(0xc0, 0x39, 0x2b),
            })
            .collect();
        let title = match lang {
            Lang::Zh => format!("各镇街赔付 · 合计 {}", format_cny_zh(self.event.paid)),
            Lang::En => format!("Payout by town · total {}", format_cny_en(self.event.paid)),
        };
        draw_on_canvas(canvas, |root| draw_bars(root, &title, &bars, dpr))
    }
}

impl PayoutRun {
    /// District payouts in yuan as f64, for colouring the map only (never for arithmetic).
    pub(crate) fn district_values(&self) -> BTreeMap<String, f64> {
        self.event
            .districts
            .iter()
            .map(|d| (d.code.clone(), d.payout.to_string().parse().unwrap_or(0.0)))
            .collect()
    }
}

/// A season (保险年度) of events paid in order under one policy: the annual aggregate
/// (年度累计赔偿限额) is applied event by event and what each cap cut is reported.
#[wasm_bindgen]
#[derive(Default)]
pub struct PayoutSeason {
    events: Vec<crate::payout::engine::Event>,
}

#[derive(Serialize)]
struct SeasonSummary<'a> {
    season: &'a crate::payout::engine::SeasonPayout,
    total_zh: String,
    total_en: String,
    explain_zh: Vec<String>,
    explain_en: Vec<String>,
}

impl PayoutSeason {
    /// Refuses another event once the season holds
    /// [`crate::payout::limits::MAX_SEASON_EVENTS`] (issue 9: limits before allocation).
    fn check_room(&self) -> JsResult<()> {
        use crate::payout::limits::{too_many, MAX_SEASON_EVENTS};
        if self.events.len() >= MAX_SEASON_EVENTS {
            let n = self.events.len().saturating_add(1);
            return Err(to_js(&too_many(
                "season.events",
                "本年度事件",
                "events in the season",
                n,
                MAX_SEASON_EVENTS,
            )));
        }
        Ok(())
    }
}

#[wasm_bindgen]
impl PayoutSeason {
    /// An empty season.
    #[wasm_bindgen(constructor)]
    pub fn new() -> PayoutSeason {
        PayoutSeason::default()
    }

    /// Adds a typhoon scenario as the next event (its current what-if and model), indexed by
    /// the default policy wind (max 2-min mean at the town's exposure), as the payout view
    /// pays it. Throws `TOO_LARGE` (field `season.events`) when the season already holds the
    /// most events a season may have.
    #[wasm_bindgen(js_name = addTyphoon)]
    pub fn add_typhoon(&mut self, scenario: &TyphoonScenario, name: &str) -> JsResult<()> {
        panic::check()?;
        self.check_room()?;
        let winds = scenario.index_winds(&Policy::default_zhongshan());
        self.events.push(crate::payout::engine::Event {
            name: name.to_string(),
            indices: EventIndices::Wind(winds),
        });
        Ok(())
    }

    /// Adds a rainstorm (rain-scenario JSON) as the next event; the window comes from the
    /// policy at payment time, so the scenario is validated against `policy_json` now.
    #[wasm_bindgen(js_name = addRain)]
    pub fn add_rain(&mut self, policy_json: Option<String>, rain_json: &str) -> JsResult<()> {
        panic::check()?;
        self.check_room()?;
        let policy = load_policy(policy_json.as_deref())?;
        let rain = RainScenario::from_json(rain_json).map_err(|e| to_js(&e))?;
        let indices = rain.indices_for(&policy).map_err(|e| to_js(&e))?;
        self.events.push(crate::payout::engine::Event {
            name: rain.name.clone(),
            indices,
        });
        Ok(())
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// Whether the season has no events.
    #[wasm_bindgen(js_name = isEmpty)]
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Removes every event.
    pub fn clear(&mut self) {
        self.events.clear();
    }

    /// Pays the season under the policy (JSON; empty = the built-in 示例 policy): per event
    /// paid and cut by deductible / per-event cap / annual aggregate; totals; explanations.
    pub fn pay(&self, policy_json: Option<String>) -> JsResult<JsValue> {
        panic::check()?;
        let policy = load_policy(policy_json.as_deref())?;
        let season =
            crate::payout::engine::pay_season(&policy, &self.events).map_err(|e| to_js(&e))?;
        let ex = crate::payout::explain::explain_season(&policy, &season);
        to_value(&SeasonSummary {
            total_zh: format_cny_zh(season.total_paid),
            total_en: format_cny_en(season.total_paid),
            season: &season,
            explain_zh: ex.zh,
            explain_en: ex.en,
        })
    }
}
