//! Typhoon scenarios at the JS boundary: the `TyphoonScenario` handle (台风情景) and the
//! catastrophe-index payout run (`PayoutRun`, 赔付模拟) built on it.
//!
//! A scenario holds the base track, the what-if transform, the wind-model options and the
//! prepared (interpolated) track, so the time slider and the play button only evaluate
//! winds: no re-parsing, no allocation per frame beyond the result. What the views show is
//! built by [`crate::present::typhoon`]; this file only converts and guards (every export is
//! inside `exports!`).

use std::collections::BTreeMap;

use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::convert::{draw_on_canvas, to_value};
use crate::hazard::district::{district_peaks_with, district_winds_at, DistrictPeak, WindSettings};
use crate::hazard::grid::{fill_grid_peak, fill_grid_step};
use crate::hazard::radii::{RmwInfo, RmwSource};
use crate::hazard::{scenarios, GridSpec, PreparedTrack, Track, TrackTransform, WindModelOptions};
use crate::map::DistrictLayer;
use crate::payout::engine::{pay_event, EventIndices, EventPayout};
use crate::payout::policy::Policy;
use crate::payout::scenario::RainScenario;
use crate::present::typhoon as present;
use crate::render::charts::draw_bars;
use crate::render::{Lang, Overlay};
use crate::scales::WindIndex;
use crate::Error;

exports! { fn
    /// The built-in storms (CMA best track): `[{id, cma_id, name_zh, name_en, landfall, citation…}]`.
    #[wasm_bindgen(js_name = typhoonScenarios)]
    pub fn typhoon_scenarios() -> Result<JsValue> {
        Ok(to_value(&scenarios::list())?)
    }

    /// The built-in 示例 policy as JSON text (to prefill the policy editor).
    #[wasm_bindgen(js_name = defaultPolicyJson)]
    pub fn default_policy_json() -> Result<String> {
        Ok(Policy::default_zhongshan().to_json())
    }

    /// Pays the policy on a rainstorm scenario (JSON: a table, a uniform value or a scaled
    /// pattern of per-district rainfall).
    #[wasm_bindgen(js_name = rainPayout)]
    pub fn rain_payout(policy_json: Option<String>, rain_json: &str) -> Result<PayoutRun> {
        let policy = load_policy(policy_json.as_deref())?;
        let rain = RainScenario::from_json(rain_json)?;
        let indices = rain.indices_for(&policy)?;
        let event = pay_event(&policy, &indices)?;
        Ok(PayoutRun {
            policy,
            event,
            scenario: "暴雨情景".into(),
        })
    }
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

exports! {
impl TyphoonScenario {
    /// Creates a scenario from a built-in storm id (`hato`, `mangkhut`, `vicente`, `higos`,
    /// `saola`) or, when `track_json` is given, from a custom track (JSON). `options_json`
    /// holds wind-model options (`{}` = CLIMADA defaults, model H08).
    #[wasm_bindgen(constructor)]
    pub fn new(
        storm: &str,
        track_json: Option<String>,
        options_json: Option<String>,
    ) -> Result<TyphoonScenario> {
        let (options, settings) = parse_options(options_json.as_deref())?;
        let (base, rmw) = match track_json {
            // A custom track's own `radii_km` size it as CMA's radii size the built-ins.
            Some(text) => Track::from_json(&text)
                .and_then(|t| crate::hazard::radii::size_from_radii(&t, t.radii(), &options)),
            None => scenarios::sized_track(storm, &options),
        }?;
        let layer = DistrictLayer::builtin();
        let transform = TrackTransform::default();
        let track = transform.apply(&base)?;
        let prepared = PreparedTrack::new(&track, &options)?;
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
    ) -> Result<()> {
        let transform = match transform_json {
            Some(t) => serde_json::from_str::<TrackTransform>(&t)
                .map_err(|e| Error::InvalidInput(format!("what-if transform: {e}")))?,
            None => self.transform,
        };
        let (options, settings) = match options_json {
            Some(o) => parse_options(Some(&o))?,
            None => (self.options, self.settings),
        };
        let track = transform.apply(&self.base)?;
        let prepared = PreparedTrack::new(&track, &options)?;
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
    pub fn use_districts_of(&mut self, map: &super::RiskMap) -> Result<()> {
        self.layer = map.district_layer().clone();
        self.peaks = district_peaks_with(&self.prepared, &self.layer, &self.settings);
        Ok(())
    }

    /// Recomputes the per-district peaks from the prepared track (what a what-if change
    /// costs beyond re-preparing the track); returns the number of districts.
    #[wasm_bindgen(js_name = recomputePeaks)]
    pub fn recompute_peaks(&mut self) -> Result<usize> {
        self.peaks = district_peaks_with(&self.prepared, &self.layer, &self.settings);
        Ok(self.peaks.len())
    }

    /// Total paid under the built-in policy (decimal string), for boundary tests.
    #[doc(hidden)]
    #[wasm_bindgen(js_name = paidForTests)]
    pub fn paid_for_tests(&self) -> Result<String> {
        Ok(self
            .pay(None)
            .map(|r| r.event.paid.to_string())
            .unwrap_or_default())
    }

    /// Number of hourly time steps.
    pub fn steps(&self) -> Result<usize> {
        Ok(self.prepared.len())
    }

    /// Storm name, e.g. "天鸽 (Hato)".
    pub fn name(&self, lang: &str) -> Result<String> {
        Ok(present::storm_name(&self.track, Lang::parse(lang)))
    }

    /// The model and options in use, as shown to the user.
    pub fn options(&self) -> Result<JsValue> {
        Ok(to_value(&self.options)?)
    }

    /// Where the RMW in use comes from: `{fits: [{time_s, rmw_km, n_radii,
    /// rms_log_error}], label_en, label_zh, source}`.
    #[wasm_bindgen(js_name = rmwInfo)]
    pub fn rmw_info(&self) -> Result<JsValue> {
        Ok(to_value(&present::rmw_view(self.rmw_source(), &self.rmw.fits))?)
    }

    /// The one-line description of the wind shown (variable · layer · exposure · model ·
    /// RMW), e.g. `2分钟平均风 · 地表10米 · 城镇暴露 · H08 · RMW 按实测风圈半径拟合`.
    #[wasm_bindgen(js_name = windLabel)]
    pub fn wind_label(&self, lang: &str) -> Result<String> {
        Ok(present::wind_label(
            &self.options,
            self.settings.layer,
            self.rmw_source(),
            Lang::parse(lang),
        ))
    }

    /// Per-district peaks: wind (1-min), 2-min equivalent, level, gust, time, implied signal.
    pub fn peaks(&self) -> Result<JsValue> {
        Ok(to_value(&present::peak_rows(&self.peaks))?)
    }

    /// The (transformed) best-track points with their GB/T 19201 grade.
    #[wasm_bindgen(js_name = trackPoints)]
    pub fn track_points(&self) -> Result<JsValue> {
        Ok(to_value(&present::track_point_rows(&self.track))?)
    }

    /// The storm at hourly step `k` (clamped to the track): centre, intensity, grade, wind
    /// radii (force 7/10/12) and every district's current wind.
    pub fn step(&self, k: usize) -> Result<JsValue> {
        let k = k.min(self.prepared.len().saturating_sub(1));
        let now = district_winds_at(&self.prepared, &self.layer, k, &self.settings)?;
        let info = present::step_info(&self.prepared, k, self.rmw_source(), now)
            .ok_or_else(|| Error::InvalidInput("the track has no time steps".into()))?;
        Ok(to_value(&info)?)
    }

    /// Peak wind over the track on the 0.01° grid 22.2–22.8N × 113.1–113.7E (61×61), 1-min
    /// m/s, row-major south→north, west→east.
    #[wasm_bindgen(js_name = gridPeak)]
    pub fn grid_peak(&mut self) -> Result<Vec<f32>> {
        fill_grid_peak(&self.prepared, &self.grid, &mut self.buf)?;
        Ok(self.buf.clone())
    }

    /// Wind at hourly step `k` on the same grid.
    #[wasm_bindgen(js_name = gridAt)]
    pub fn grid_at(&mut self, k: usize) -> Result<Vec<f32>> {
        fill_grid_step(&self.prepared, &self.grid, k, &mut self.buf)?;
        Ok(self.buf.clone())
    }

    /// Pays the catastrophe-index policy (JSON; empty = the built-in 示例 policy) on this
    /// scenario: each town's index is the wind the policy states (default max 2-min mean at
    /// the town's exposure, 10 m, at the seat; rounded to 0.1 m/s).
    #[wasm_bindgen(js_name = payout)]
    pub fn payout(&self, policy_json: Option<String>) -> Result<PayoutRun> {
        Ok(self.pay(policy_json.as_deref())?)
    }
}
}

/// Rust-only helpers: the payout, and the map overlays.
impl TyphoonScenario {
    /// Where the RMW in use comes from (a what-if RMW makes it the user's).
    fn rmw_source(&self) -> RmwSource {
        present::rmw_source_shown(&self.transform, self.rmw.source)
    }

    /// This scenario paid under `policy_json` (empty = the built-in 示例 policy).
    fn pay(&self, policy_json: Option<&str>) -> crate::Result<PayoutRun> {
        let policy = load_policy(policy_json)?;
        let winds = self.index_winds(&policy);
        let event = pay_event(&policy, &EventIndices::Wind(winds))?;
        Ok(PayoutRun {
            policy,
            event,
            scenario: present::storm_name(&self.track, Lang::Zh),
        })
    }

    /// Per-town index of `policy` on this scenario (the one index rule,
    /// [`crate::hazard::district::town_index`]).
    fn index_winds(&self, policy: &Policy) -> BTreeMap<String, WindIndex> {
        present::town_indices(&self.prepared, &self.layer, &policy.wind_index())
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

    /// Overlays for the map (see [`present::scenario_overlays`]).
    pub(crate) fn overlays(&mut self, k: Option<usize>, heat: bool, lang: Lang) -> Vec<Overlay> {
        let heat_factor = heat.then(|| present::heat_2min_factor(&self.settings));
        present::scenario_overlays(
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
            Some(now) => present::now_values(now),
            None => present::peak_values(&self.peaks),
        }
    }
}

/// Wind-model options and wind settings from one JSON object (`{model, …, layer,
/// mean_basis}`; unknown keys of the one are the other's).
fn parse_options(json: Option<&str>) -> crate::Result<(WindModelOptions, WindSettings)> {
    let (options, settings): (WindModelOptions, WindSettings) = match json {
        None | Some("") => (WindModelOptions::default(), WindSettings::default()),
        Some(t) => {
            let bad =
                |e: serde_json::Error| Error::InvalidInput(format!("wind-model options: {e}"));
            (
                serde_json::from_str(t).map_err(bad)?,
                serde_json::from_str(t).map_err(bad)?,
            )
        }
    };
    options.validate()?;
    Ok((options, settings))
}

/// The policy of `json`, or the built-in 示例 policy when it is empty.
fn load_policy(json: Option<&str>) -> crate::Result<Policy> {
    match json {
        None | Some("") => Ok(Policy::default_zhongshan()),
        Some(t) => Policy::from_json(t),
    }
}

/// One event paid under a policy: totals, caps, per-district lines, explanations.
#[wasm_bindgen]
pub struct PayoutRun {
    policy: Policy,
    event: EventPayout,
    scenario: String,
}

exports! {
impl PayoutRun {
    /// Everything the payout view shows; money as decimal strings (yuan).
    pub fn summary(&self) -> Result<JsValue> {
        Ok(to_value(&present::payout_summary(
            &self.scenario,
            &self.policy,
            &self.event,
        ))?)
    }

    /// The payout table as CSV (UTF-8 with BOM for spreadsheets).
    pub fn csv(&self) -> Result<String> {
        Ok(present::payout_csv(&self.event))
    }

    /// Total paid, yuan, as a decimal string.
    pub fn paid(&self) -> Result<String> {
        Ok(self.event.paid.to_string())
    }

    /// Draws the bar chart of payouts by town on `canvas` (largest first).
    #[wasm_bindgen(js_name = drawBars)]
    pub fn draw_bars(&self, canvas: HtmlCanvasElement, dpr: f64, lang: &str) -> Result<()> {
        let (title, bars) = present::payout_bars(&self.event, Lang::parse(lang));
        Ok(draw_on_canvas(canvas, false, |root| draw_bars(root, &title, &bars, dpr))?)
    }
}
}

impl PayoutRun {
    /// District payouts in yuan as f64, for colouring the map only (never for arithmetic).
    pub(crate) fn district_values(&self) -> BTreeMap<String, f64> {
        present::payout_values(&self.event)
    }
}

/// A season (保险年度) of events paid in order under one policy: the annual aggregate
/// (年度累计赔偿限额) is applied event by event and what each cap cut is reported.
#[wasm_bindgen]
#[derive(Default)]
pub struct PayoutSeason {
    events: Vec<crate::payout::engine::Event>,
}

impl PayoutSeason {
    /// Refuses another event once the season holds
    /// [`crate::payout::limits::MAX_SEASON_EVENTS`] (issue 9: limits before allocation).
    fn check_room(&self) -> crate::Result<()> {
        use crate::payout::limits::{too_many, MAX_SEASON_EVENTS};
        if self.events.len() >= MAX_SEASON_EVENTS {
            let n = self.events.len().saturating_add(1);
            return Err(too_many(
                "season.events",
                "本年度事件",
                "events in the season",
                n,
                MAX_SEASON_EVENTS,
            ));
        }
        Ok(())
    }
}

exports! {
impl PayoutSeason {
    /// An empty season.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<PayoutSeason> {
        Ok(PayoutSeason::default())
    }

    /// Adds a typhoon scenario as the next event (its current what-if and model), indexed by
    /// the default policy wind (max 2-min mean at the town's exposure), as the payout view
    /// pays it. Throws `TOO_LARGE` (field `season.events`) when the season already holds the
    /// most events a season may have.
    #[wasm_bindgen(js_name = addTyphoon)]
    pub fn add_typhoon(&mut self, scenario: &TyphoonScenario, name: &str) -> Result<()> {
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
    pub fn add_rain(&mut self, policy_json: Option<String>, rain_json: &str) -> Result<()> {
        self.check_room()?;
        let policy = load_policy(policy_json.as_deref())?;
        let rain = RainScenario::from_json(rain_json)?;
        let indices = rain.indices_for(&policy)?;
        self.events.push(crate::payout::engine::Event {
            name: rain.name.clone(),
            indices,
        });
        Ok(())
    }

    /// Number of events.
    pub fn len(&self) -> Result<usize> {
        Ok(self.events.len())
    }

    /// Whether the season has no events.
    #[wasm_bindgen(js_name = isEmpty)]
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.events.is_empty())
    }

    /// Removes every event.
    pub fn clear(&mut self) -> Result<()> {
        self.events.clear();
        Ok(())
    }

    /// Pays the season under the policy (JSON; empty = the built-in 示例 policy): per event
    /// paid and cut by deductible / per-event cap / annual aggregate; totals; explanations.
    pub fn pay(&self, policy_json: Option<String>) -> Result<JsValue> {
        let policy = load_policy(policy_json.as_deref())?;
        let season = crate::payout::engine::pay_season(&policy, &self.events)?;
        Ok(to_value(&present::season_summary(&policy, &season))?)
    }
}
}
