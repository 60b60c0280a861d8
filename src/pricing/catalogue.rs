//! Stochastic event catalogue (随机事件集 / 事件损失表): K perturbed typhoons with their
//! per-district wind indices, computed once and then sampled by the year simulation.
//!
//! **Why a catalogue.** Per-district peaks cost ~0.03 ms per track natively (more in wasm);
//! 10,000 years × ~1.2 storms would be ~12,000 wind fields per run. Instead K distinct events
//! (default 2,000) are generated once, each with its 23 district winds, and every simulated
//! year draws a Poisson number of events from the catalogue — the usual event-loss-table
//! (ELT) approach of catastrophe models. Changing the policy or the frequency re-runs only
//! the cheap year loop. K is a parameter; K ≥ a few thousand gives diminishing returns.
//!
//! **Synthetic events** \[I\] perturb one of the five historical tracks (docs/domain.md §4.1: Hato,
//! Mangkhut, Vicente, Higos, Saola, picked with equal probability) with
//! [`crate::hazard::TrackTransform`]; distributions and bounds are in [`PerturbationSpec`]. The
//! cross-track shift spreads tracks over a ±150 km swath so that many storms pass too far
//! away to pay.
//!
//! **User event sets** ([`Catalogue::from_event_set_json`]): events given as a track or as
//! per-district winds, each with its own annual rate (年发生率).
//!
//! Generation is chunked ([`CatalogueBuilder::step`]) and deterministic: event i uses its own
//! random stream ([`Rng::for_item`]), so chunk sizes never change the result.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::hazard::scenarios::{self, SCENARIO_IDS};
use crate::hazard::track::TrackDto;
use crate::hazard::transform::landfall_index;
use crate::hazard::{PreparedTrack, Track, TrackTransform, WindModelOptions};
use crate::map::{towns::town_facts, DistrictLayer};
use crate::payout::limits;
use crate::rng::{exp_det, Rng};
use crate::scales::WindIndex;
use crate::{Error, Result};

/// Number of historical base storms a synthetic catalogue perturbs (the stratification's
/// first dimension).
pub const SYNTHETIC_BASES: usize = SCENARIO_IDS.len();

/// Random-stream family of catalogue events (see [`Rng::for_item`]).
pub(crate) const STREAM_CATALOGUE: u64 = 1;

/// Distributions of the track perturbations (扰动) of synthetic events \[I\].
///
/// Normals are clipped by redrawing (up to 16 times, then clamping). Log-normal factors are
/// `exp(σ·z)` with z standard normal, clipped to their bounds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PerturbationSpec {
    /// Cross-track shift (横向偏移), km, uniform in ±this (positive = right of the motion at
    /// the landfall pivot); default 150, so a share of storms miss Zhongshan.
    pub cross_track_km: f64,
    /// Along-track shift, km, uniform in ±this; default 50.
    pub along_track_km: f64,
    /// Heading change (路径旋转) about the landfall pivot, degrees clockwise: normal with this
    /// σ; default 10.
    pub rotate_sd_deg: f64,
    /// Bound on |heading change|, degrees; default 25.
    pub rotate_max_deg: f64,
    /// Central-pressure change (中心气压变化), hPa: normal with this σ (negative = deeper);
    /// default 10.
    pub dp_sd_hpa: f64,
    /// Bound on |Δp|, hPa; default 20 (further limited so every point stays within
    /// 860…1018 hPa).
    pub dp_max_hpa: f64,
    /// σ of ln(RMW factor) (最大风速半径倍数); default 0.25.
    pub rmw_log_sd: f64,
    /// Bounds of the RMW factor; default \[0.6, 1.6\].
    pub rmw_factor_range: (f64, f64),
    /// σ of ln(speed factor) (移动速度倍数); default 0.2.
    pub speed_log_sd: f64,
    /// Bounds of the speed factor; default \[0.7, 1.4\].
    pub speed_factor_range: (f64, f64),
}

impl Default for PerturbationSpec {
    fn default() -> Self {
        PerturbationSpec {
            cross_track_km: 150.0,
            along_track_km: 50.0,
            rotate_sd_deg: 10.0,
            rotate_max_deg: 25.0,
            dp_sd_hpa: 10.0,
            dp_max_hpa: 20.0,
            rmw_log_sd: 0.25,
            rmw_factor_range: (0.6, 1.6),
            speed_log_sd: 0.2,
            speed_factor_range: (0.7, 1.4),
        }
    }
}

impl PerturbationSpec {
    /// Checks ranges.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the field: shifts outside 0…1000 km, rotation σ/bound
    /// outside 0…90°, Δp σ/bound outside 0…60 hPa, log σ outside 0…1, factor ranges not
    /// within 0.1…10 or reversed.
    pub fn validate(&self) -> Result<()> {
        let check = |f: &str, v: f64, lo: f64, hi: f64| -> Result<()> {
            limits::f64_in(
                &format!("catalogue.perturbation.{f}"),
                &format!("扰动参数 {f}"),
                &format!("perturbation.{f}"),
                v,
                lo,
                hi,
                &format!("{lo}–{hi}"),
            )
            .map(|_| ())
        };
        check("cross_track_km", self.cross_track_km, 0.0, 1000.0)?;
        check("along_track_km", self.along_track_km, 0.0, 1000.0)?;
        check("rotate_sd_deg", self.rotate_sd_deg, 0.0, 90.0)?;
        check("rotate_max_deg", self.rotate_max_deg, 0.0, 90.0)?;
        check("dp_sd_hpa", self.dp_sd_hpa, 0.0, 60.0)?;
        check("dp_max_hpa", self.dp_max_hpa, 0.0, 60.0)?;
        check("rmw_log_sd", self.rmw_log_sd, 0.0, 1.0)?;
        check("speed_log_sd", self.speed_log_sd, 0.0, 1.0)?;
        for (f, (lo, hi)) in [
            ("rmw_factor_range", self.rmw_factor_range),
            ("speed_factor_range", self.speed_factor_range),
        ] {
            check(f, lo, 0.1, 10.0)?;
            check(f, hi, 0.1, 10.0)?;
            if lo > hi {
                return Err(Error::invalid_field(
                    format!("catalogue.perturbation.{f}"),
                    format!("扰动参数 {f}：下限 {lo} 高于上限 {hi}"),
                    format!("perturbation.{f}: lower bound {lo} is above upper bound {hi}"),
                ));
            }
        }
        Ok(())
    }
}

/// Settings of a synthetic catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CatalogueConfig {
    /// Random seed (随机种子).
    pub seed: u64,
    /// Number of distinct events K; default [`DEFAULT_CATALOGUE_SIZE`] (1…[`MAX_CATALOGUE_SIZE`]).
    pub size: usize,
    /// Annual frequency λ (年均频数) of storms affecting the region, Poisson mean; default
    /// 0.5 \[I\] — see [`DEFAULT_LAMBDA`].
    pub lambda: f64,
    /// Track perturbations.
    pub perturbation: PerturbationSpec,
    /// Wind model (default H08, CLIMADA-compatible, open terrain).
    pub wind: WindModelOptions,
}

/// Default catalogue size K = 4,000 events: with the stratified catalogue the seed-to-seed
/// spread of the expected annual payout of the default policy is about 1.3 % (≤ 2 %, measured
/// over 20 seeds by `cargo run --release --example bench_pricing -- --spread`), and building
/// and pricing it takes about half a second in Chromium (docs/payout-pricing.md §4).
pub const DEFAULT_CATALOGUE_SIZE: usize = 4_000;

/// Largest catalogue K (synthetic or user event set): pricing every event under the policy is
/// one call ([`crate::pricing::Simulation::new`], ~0.04 ms an event in Chromium when idle,
/// ~0.13 ms on a loaded 2-core machine), so 10,000 events stay under the 2 s a call may hold
/// the page even under load.
pub const MAX_CATALOGUE_SIZE: usize = 10_000;

/// Largest user event set JSON, bytes (refused before parsing).
pub const MAX_EVENT_SET_BYTES: usize = 8 * 1024 * 1024;

/// Most events of a user event set given as tracks (each needs a wind field in the call).
pub const MAX_TRACK_EVENTS: usize = 2_000;

/// Most points of one track of a user event set.
pub const MAX_TRACK_POINTS: usize = 500;

/// Longest track of a user event set, days.
pub const MAX_TRACK_DAYS: i64 = 30;

/// Largest total track duration of a user event set, days (≈ 2,000 storms of 5 days), which
/// bounds the wind-field work of one call.
pub const MAX_TOTAL_TRACK_DAYS: i64 = 10_000;

/// Annual storm frequency λ range (storms per year): (0, 50].
pub const MAX_LAMBDA: f64 = 50.0;

/// Default annual frequency λ = 0.5 storms per year \[I\] (示意), for storms of the
/// catalogue's intensity class (typhoon strength or above near Zhongshan).
///
/// Reasoning (two rough estimates that agree; neither is a fitted climatology):
/// - Guangdong receives about 3.5–4 tropical-cyclone landfalls a year, roughly 40 % of them of
///   typhoon strength (≥ 32.7 m/s 2-min) near landfall, i.e. ~1.5 a year along ~800 km of
///   coast; the catalogue's ±150 km cross-track swath covers ~300 km of it → ~0.55 a year;
/// - the five library storms (Vicente 2012, Hato 2017, Mangkhut 2018, Higos 2020, Saola 2023;
///   docs/domain.md §4.1) passed 47–114 km from Shiqi in 12 seasons: 0.42 a year over a ~230 km swath
///   → ~0.54 a year over 300 km.
///
/// Counting *all* storms within ~300 km (weaker ones included) gives of order 1–1.5 a year;
/// the catalogue is built from typhoon-strength tracks only (Δp σ 10 hPa), so using that
/// larger count with it would double the frequency of intense storms. λ is a user setting.
pub const DEFAULT_LAMBDA: f64 = 0.5;

impl Default for CatalogueConfig {
    fn default() -> Self {
        CatalogueConfig {
            seed: 1,
            size: DEFAULT_CATALOGUE_SIZE,
            lambda: DEFAULT_LAMBDA,
            perturbation: PerturbationSpec::default(),
            wind: WindModelOptions::default(),
        }
    }
}

/// How an event of the catalogue was made.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventOrigin {
    /// A perturbed historical track.
    Synthetic {
        /// Base storm id (`hato`, `mangkhut`, `vicente`, `higos`, `saola`).
        base: String,
        /// The perturbation applied.
        transform: TrackTransform,
    },
    /// A user-supplied track.
    UserTrack,
    /// User-supplied per-district winds.
    UserWinds,
}

/// One event of the catalogue: its rate and per-district winds (layer order = code order).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CatalogueEvent {
    /// Name for tables, e.g. `hato #17`.
    pub name: String,
    /// How it was made.
    pub origin: EventOrigin,
    /// Annual rate (年发生率), events per year.
    pub annual_rate: f64,
    /// The payout index (风速指数) per district, rounded to 0.1 m/s: the default policy index
    /// (max 2-min mean at the town's exposure, 10 m) by the one index rule, as the payout view
    /// computes it.
    pub wind_2min: Vec<WindIndex>,
    /// Peak 1-min open-terrain wind per district, rounded to 0.1 m/s: the damage-function input.
    pub wind_1min: Vec<WindIndex>,
}

/// Where a catalogue came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CatalogueSource {
    /// Perturbed historical tracks.
    Synthetic(CatalogueConfig),
    /// A user event set.
    UserSet {
        /// Its label.
        label: String,
    },
}

/// A finished catalogue (事件集): events, district codes and populations in code order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Catalogue {
    /// District codes, sorted (the order of every per-district vector).
    pub codes: Vec<String>,
    /// Population 2021 per district (towns.csv), same order.
    pub population: Vec<f64>,
    /// The events.
    pub events: Vec<CatalogueEvent>,
    /// Provenance.
    pub source: CatalogueSource,
}

impl Catalogue {
    /// Builds a synthetic catalogue in one go (natively; in the browser use
    /// [`CatalogueBuilder`] in chunks).
    ///
    /// # Errors
    /// As [`CatalogueBuilder::new`].
    pub fn synthetic(config: &CatalogueConfig) -> Result<Catalogue> {
        let mut b = CatalogueBuilder::new(config)?;
        while !b.is_done() {
            b.step(256)?;
        }
        b.finish()
    }

    /// The Poisson mean of events per year: λ of a synthetic catalogue (exactly as configured),
    /// else Σ of the events' annual rates.
    pub fn total_rate(&self) -> f64 {
        match &self.source {
            CatalogueSource::Synthetic(c) => c.lambda,
            CatalogueSource::UserSet { .. } => self.events.iter().map(|e| e.annual_rate).sum(),
        }
    }

    /// Parses and validates a user event set (用户事件集). Shape:
    ///
    /// ```json
    /// { "label": "my set",
    ///   "events": [
    ///     { "name": "A", "annual_rate": 0.05, "track": { "points": [ … ] } },
    ///     { "name": "B", "annual_rate": 0.02, "winds_ms": { "442000107": 41.3 },
    ///       "averaging": "two_min" } ] }
    /// ```
    /// `track` is the hazard module's track JSON ([`TrackDto`]); `winds_ms` gives peak winds per
    /// district code (absent districts: 0) as surface winds at the town's seat (10 m, the town's
    /// exposure), `averaging` `two_min` (CMA convention, the default payout index; default) or
    /// `one_min` (converted by the exposure's gust factors, see `user_wind`).
    ///
    /// # Errors
    /// [`Error::NotJson`] for bad JSON or shape (with line/column and the field); for event i:
    /// [`Error::InvalidInput`] naming `events[i].annual_rate` (not in (0, 50]), `events[i]`
    /// (neither or both of `track` and `winds_ms`), `events[i].winds_ms.CODE` (not within
    /// 0…120 m/s) or `events` (empty, more than 100,000, or Σ rates above 50);
    /// [`Error::UnknownDistrict`] naming `events[i].winds_ms`; [`Error::InvalidTrack`] naming
    /// `events[i].track`.
    pub fn from_event_set_json(text: &str, wind: &WindModelOptions) -> Result<Catalogue> {
        crate::validate::text_bytes(
            "event_set",
            "事件集 JSON",
            "the event set JSON",
            text.len(),
            MAX_EVENT_SET_BYTES,
        )?;
        let dto: EventSetDto =
            serde_json::from_str(text).map_err(|e| Error::NotJson(format!("event set: {e}")))?;
        wind.validate()?;
        let layer = DistrictLayer::builtin();
        let (codes, population, seats) = districts(&layer);
        check_event_set_size(&dto)?;
        let mut events = Vec::with_capacity(dto.events.len());
        let mut track_secs: i64 = 0;
        for (i, e) in dto.events.iter().enumerate() {
            let f = format!("event_set.events[{i}]");
            limits::f64_in(
                &format!("{f}.annual_rate"),
                &format!("事件 {i} 的年发生率"),
                &format!("events[{i}].annual_rate"),
                e.annual_rate,
                f64::MIN_POSITIVE,
                MAX_LAMBDA,
                "(0, 50] events per year",
            )?;
            let name = e.name.clone().unwrap_or_else(|| format!("event {i}"));
            let (origin, w2, w1) = match (&e.track, &e.winds_ms) {
                (Some(t), None) => {
                    let track = Track::from_dto(t)
                        .map_err(|err| Error::InvalidTrack(format!("{f}.track: {err}")))?;
                    let secs = check_track_days(&format!("{f}.track"), &track, MAX_TRACK_DAYS)?;
                    // The wind-field work of the call grows with the total track time.
                    track_secs = track_secs.saturating_add(secs);
                    if track_secs > MAX_TOTAL_TRACK_DAYS.saturating_mul(86_400) {
                        return Err(Error::too_large(
                            "event_set.events",
                            format!("事件集路径总时长超过 {MAX_TOTAL_TRACK_DAYS} 天"),
                            format!(
                                "the tracks of the event set span more than {MAX_TOTAL_TRACK_DAYS} days in total"
                            ),
                        ));
                    }
                    let (w2, w1) = track_winds(&track, wind, &seats)?;
                    (EventOrigin::UserTrack, w2, w1)
                }
                (None, Some(w)) => {
                    let averaging = e.averaging.unwrap_or_default();
                    let (mut w2, mut w1) = (
                        vec![WindIndex::from_tenths(0); codes.len()],
                        vec![WindIndex::from_tenths(0); codes.len()],
                    );
                    for (code, v) in w {
                        let Ok(k) = codes.binary_search(code) else {
                            return Err(Error::UnknownDistrict(format!(
                                "{f}.winds_ms: '{code}' is not one of the 23 Zhongshan codes"
                            )));
                        };
                        limits::f64_in(
                            &format!("{f}.winds_ms.{code}"),
                            &format!("事件 {i} 中 {code} 的风速"),
                            &format!("events[{i}].winds_ms.{code}"),
                            *v,
                            0.0,
                            120.0,
                            "0–120 m/s",
                        )?;
                        let (index, reference) = user_wind(code, *v, averaging);
                        if let (Some(a), Some(b)) = (w1.get_mut(k), w2.get_mut(k)) {
                            *a = reference;
                            *b = index;
                        }
                    }
                    (EventOrigin::UserWinds, w2, w1)
                }
                _ => {
                    return Err(Error::InvalidInput(format!(
                        "{f}: give exactly one of 'track' and 'winds_ms'"
                    )))
                }
            };
            events.push(CatalogueEvent {
                name,
                origin,
                annual_rate: e.annual_rate,
                wind_2min: w2,
                wind_1min: w1,
            });
        }
        let total: f64 = events.iter().map(|e| e.annual_rate).sum();
        limits::f64_in(
            "event_set.events",
            "事件集年发生率之和",
            "the sum of the annual rates",
            total,
            0.0,
            MAX_LAMBDA,
            "(0, 50] events per year",
        )?;
        Ok(Catalogue {
            codes,
            population,
            events,
            source: CatalogueSource::UserSet {
                label: dto.label.unwrap_or_default(),
            },
        })
    }
}

/// Limits of a user event set checked before any wind field is computed: 1…K_max events, at
/// most [`MAX_TRACK_EVENTS`] tracks of ≤ [`MAX_TRACK_POINTS`] points each, and at most
/// [`MAX_TOTAL_TRACK_DAYS`] of track in total (first to last point).
fn check_event_set_size(dto: &EventSetDto) -> Result<()> {
    let n = dto.events.len();
    if n == 0 {
        return Err(Error::invalid_field(
            "event_set.events",
            "事件集没有事件",
            "events: the event set has no events",
        ));
    }
    if n > MAX_CATALOGUE_SIZE {
        return Err(limits::too_many(
            "event_set.events",
            "事件集的事件",
            "events",
            n,
            MAX_CATALOGUE_SIZE,
        ));
    }
    let tracks: Vec<(usize, &TrackDto)> = dto
        .events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.track.as_ref().map(|t| (i, t)))
        .collect();
    if tracks.len() > MAX_TRACK_EVENTS {
        return Err(limits::too_many(
            "event_set.events",
            "以路径给出的事件",
            "track events",
            tracks.len(),
            MAX_TRACK_EVENTS,
        ));
    }
    for (i, t) in &tracks {
        if t.points.len() > MAX_TRACK_POINTS {
            return Err(limits::too_many(
                &format!("event_set.events[{i}].track.points"),
                &format!("事件 {i} 的路径点"),
                &format!("points in the track of event {i}"),
                t.points.len(),
                MAX_TRACK_POINTS,
            ));
        }
    }
    Ok(())
}

/// Refuses a track longer than `max_days` (first to last point), naming the field; returns
/// its duration in seconds.
fn check_track_days(field: &str, track: &Track, max_days: i64) -> Result<i64> {
    let pts = track.points();
    let (Some(a), Some(b)) = (pts.first(), pts.last()) else {
        return Ok(0);
    };
    let secs = b.time_s.saturating_sub(a.time_s);
    let max_s = max_days.saturating_mul(86_400);
    if secs > max_s {
        return Err(Error::too_large(
            field,
            format!("路径时长超过 {max_days} 天"),
            format!("the track spans more than {max_days} days"),
        ));
    }
    Ok(secs)
}

/// JSON form of a user event set.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventSetDto {
    #[serde(default)]
    label: Option<String>,
    events: Vec<EventDto>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventDto {
    #[serde(default)]
    name: Option<String>,
    annual_rate: f64,
    #[serde(default)]
    track: Option<TrackDto>,
    #[serde(default)]
    winds_ms: Option<BTreeMap<String, f64>>,
    #[serde(default)]
    averaging: Option<Averaging>,
}

/// Averaging period of user-supplied district winds (surface winds at the town's exposure, 10 m).
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Averaging {
    #[default]
    TwoMin,
    OneMin,
}

/// A user-entered town wind → (payout index, model reference wind).
///
/// The entered wind is the surface wind at the town's seat: 10 m, the town's exposure
/// (towns.csv `wind_exposure`), averaged over `averaging`. It is taken back to the model's
/// 1-min open-terrain reference through the same site factors the wind field uses
/// (docs/wind.md §4), and the index is then made by the one index rule
/// ([`index_from_model_peak`](crate::hazard::district::index_from_model_peak)): so a 2-min
/// wind entered for a town is its index unchanged, and a 1-min wind is converted by the
/// exposure's gust factors — not by the withdrawn ×0.871 (docs/domain.md §3.9, §11).
fn user_wind(code: &str, v_ms: f64, averaging: Averaging) -> (WindIndex, WindIndex) {
    use crate::hazard::district::{index_from_model_peak, town_exposure, IndexSpec};
    use crate::hazard::surface::{Site, SiteFactors, CALIBRATED};
    let exposure = town_exposure(code);
    let f = SiteFactors::new(&Site::at_10m(exposure), &CALIBRATED);
    let per_model = match averaging {
        Averaging::TwoMin => f.mean_2min,
        Averaging::OneMin => f.mean_1min,
    };
    // Factors are positive for every exposure (surface.rs property tests); guard anyway.
    let v_model = if per_model > 0.0 {
        v_ms / per_model
    } else {
        v_ms
    };
    let index = index_from_model_peak(v_model, exposure, &IndexSpec::default());
    (index, WindIndex::from_ms(v_model))
}

/// Codes, populations and seats (lat, lon) of the built-in layer, in code order.
#[allow(clippy::type_complexity)]
fn districts(layer: &DistrictLayer) -> (Vec<String>, Vec<f64>, Vec<(f64, f64)>) {
    let facts = town_facts();
    let mut v: Vec<(String, f64, (f64, f64))> = layer
        .districts()
        .iter()
        .map(|d| {
            let pop = facts
                .iter()
                .find(|f| f.code == d.code)
                .and_then(|f| f.numbers.get("population").copied())
                .unwrap_or(0.0);
            (d.code.clone(), pop, (d.seat.y(), d.seat.x()))
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    (
        v.iter().map(|x| x.0.clone()).collect(),
        v.iter().map(|x| x.1).collect(),
        v.iter().map(|x| x.2).collect(),
    )
}

/// Per-district (index, 1-min model wind) of a track. The index comes from the one town
/// index function the payouts use ([`crate::hazard::district::town_index`], default policy
/// wind: max 2-min mean at the town's exposure; docs/wind.md §7).
fn track_winds(
    track: &Track,
    wind: &WindModelOptions,
    seats: &[(f64, f64)],
) -> Result<(Vec<WindIndex>, Vec<WindIndex>)> {
    let p = PreparedTrack::new(track, wind)?;
    let mut w2 = Vec::with_capacity(seats.len());
    let mut w1 = Vec::with_capacity(seats.len());
    let layer = DistrictLayer::builtin();
    let spec = crate::hazard::district::IndexSpec::default();
    for &(lat, lon) in seats {
        let (v, _) = p.peak_at(lat, lon);
        w1.push(WindIndex::from_ms(v));
        // The town whose seat this is (seats come from the built-in layer).
        let exposure = layer
            .districts()
            .iter()
            .find(|d| d.seat.y() == lat && d.seat.x() == lon)
            .map(|d| crate::hazard::district::town_exposure(&d.code))
            .unwrap_or(crate::hazard::surface::Exposure::Suburban);
        w2.push(crate::hazard::district::town_index(
            &p, lat, lon, exposure, &spec,
        ));
    }
    Ok((w2, w1))
}

/// A base storm ready for perturbation.
#[derive(Debug, Clone)]
struct Base {
    track: Track,
    /// Compass heading at the landfall pivot, degrees clockwise from north.
    heading_deg: f64,
    /// Allowed Δp range for this track (keeps points within 860…1018 hPa).
    dp_range: (f64, f64),
}

/// Progress of a chunked computation (进度).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Progress {
    /// Items done.
    pub done: usize,
    /// Items in total.
    pub total: usize,
}

impl Progress {
    /// Fraction done in \[0, 1\].
    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.done as f64 / self.total as f64
        }
    }
}

/// Resumable generator of a synthetic catalogue: call [`CatalogueBuilder::step`] until
/// [`CatalogueBuilder::is_done`], then [`CatalogueBuilder::finish`].
///
/// ```
/// use zs_risk_map::pricing::catalogue::{CatalogueBuilder, CatalogueConfig};
/// let cfg = CatalogueConfig { size: 20, ..Default::default() };
/// let mut b = CatalogueBuilder::new(&cfg).unwrap();
/// while !b.is_done() { b.step(7).unwrap(); }
/// let cat = b.finish().unwrap();
/// assert_eq!(cat.events.len(), 20);
/// assert_eq!(cat.events[0].wind_2min.len(), 23);
/// ```
#[derive(Debug, Clone)]
pub struct CatalogueBuilder {
    config: CatalogueConfig,
    bases: Vec<Base>,
    codes: Vec<String>,
    population: Vec<f64>,
    seats: Vec<(f64, f64)>,
    events: Vec<CatalogueEvent>,
}

impl CatalogueBuilder {
    /// Validates the settings and prepares the five base tracks.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the field: `size` outside 1…100,000, `lambda` outside
    /// (0, 50], bad perturbation or wind-model settings.
    pub fn new(config: &CatalogueConfig) -> Result<CatalogueBuilder> {
        check_size(config.size)?;
        check_lambda("catalogue.lambda", config.lambda)?;
        config.perturbation.validate()?;
        config.wind.validate()?;
        let mut bases = Vec::new();
        for id in SCENARIO_IDS {
            let track = scenarios::track(id)?;
            let pts = track.points();
            let i = landfall_index(&track);
            let last = pts.len().saturating_sub(1);
            let (Some(a), Some(b)) = (
                pts.get(i.saturating_sub(1)),
                pts.get(i.saturating_add(1).min(last)),
            ) else {
                continue; // built-in tracks have ≥ 2 points (tested)
            };
            let kx = a.lat.to_radians().cos();
            let (de, dn) = ((b.lon - a.lon) * kx, b.lat - a.lat);
            let heading_deg = de.atan2(dn).to_degrees();
            let pmax = pts.iter().map(|p| p.pc_hpa).fold(f64::MIN, f64::max);
            let pmin = pts.iter().map(|p| p.pc_hpa).fold(f64::MAX, f64::min);
            let m = config.perturbation.dp_max_hpa;
            let dp_range = ((860.0 - pmin).max(-m), (1018.0 - pmax).min(m));
            bases.push(Base {
                track,
                heading_deg,
                dp_range,
            });
        }
        let (codes, population, seats) = districts(&DistrictLayer::builtin());
        Ok(CatalogueBuilder {
            config: *config,
            bases,
            codes,
            population,
            seats,
            events: Vec::with_capacity(config.size),
        })
    }

    /// Generates up to `n` more events and reports progress.
    ///
    /// # Errors
    /// [`Error::InvalidTrack`] if a perturbed track fails validation (the bounds are chosen so
    /// that it cannot; reported rather than hidden).
    pub fn step(&mut self, n: usize) -> Result<Progress> {
        let end = self.events.len().saturating_add(n).min(self.config.size);
        while self.events.len() < end {
            let i = self.events.len();
            let e = self.make_event(i)?;
            self.events.push(e);
        }
        Ok(self.progress())
    }

    /// Events generated so far out of K.
    pub fn progress(&self) -> Progress {
        Progress {
            done: self.events.len(),
            total: self.config.size,
        }
    }

    /// Whether all K events exist.
    pub fn is_done(&self) -> bool {
        self.events.len() >= self.config.size
    }

    /// The finished catalogue (each event's rate = λ / K).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when called before [`CatalogueBuilder::is_done`].
    pub fn finish(self) -> Result<Catalogue> {
        if !self.is_done() {
            return Err(Error::InvalidInput(format!(
                "catalogue: finish() called after {} of {} events",
                self.events.len(),
                self.config.size
            )));
        }
        Ok(Catalogue {
            codes: self.codes,
            population: self.population,
            events: self.events,
            source: CatalogueSource::Synthetic(self.config),
        })
    }

    /// The perturbation of event `i` (deterministic in (seed, i)).
    pub fn transform_for(&self, i: usize) -> (usize, TrackTransform) {
        let p = &self.config.perturbation;
        let mut rng = Rng::for_item(self.config.seed, STREAM_CATALOGUE, i as u64);
        let (b, stratum, strata) = stratum_of(i, self.bases.len(), self.config.size);
        // b < bases.len() by construction; the fallback keeps the lint honest.
        let Some(base) = self.bases.get(b).or(self.bases.first()) else {
            return (0, TrackTransform::default());
        };
        // Stratified cross-track shift (docs/payout-pricing.md §3): the j-th event of a base
        // falls in the j-th of its equal-width strata of ±cross_track_km, at a random place.
        #[allow(clippy::cast_precision_loss)] // stratum, strata ≤ 100,000: exact in f64
        let u = (stratum as f64 + rng.uniform()) / strata as f64;
        let cross = p.cross_track_km * (2.0 * u - 1.0);
        let along = rng.uniform_in(-p.along_track_km, p.along_track_km);
        let rotate = clipped_normal(
            &mut rng,
            p.rotate_sd_deg,
            -p.rotate_max_deg,
            p.rotate_max_deg,
        );
        let dp = clipped_normal(&mut rng, p.dp_sd_hpa, base.dp_range.0, base.dp_range.1);
        let rmw = clipped_lognormal(&mut rng, p.rmw_log_sd, p.rmw_factor_range);
        let speed = clipped_lognormal(&mut rng, p.speed_log_sd, p.speed_factor_range);
        // Shift in the frame of the rotated heading: along = forward, cross = to the right.
        let h = (base.heading_deg + rotate).to_radians();
        let (s, c) = h.sin_cos();
        let east = along * s + cross * c;
        let north = along * c - cross * s;
        (
            b,
            TrackTransform {
                shift_east_km: east,
                shift_north_km: north,
                rotate_deg: rotate,
                dp_hpa: dp,
                rmw_km: None,
                rmw_factor: rmw,
                speed_factor: speed,
            },
        )
    }

    fn make_event(&self, i: usize) -> Result<CatalogueEvent> {
        let (b, t) = self.transform_for(i);
        let base = self
            .bases
            .get(b)
            .ok_or_else(|| Error::InvalidInput("catalogue: no base storms".into()))?;
        let track = t.apply(&base.track)?;
        let (w2, w1) = track_winds(&track, &self.config.wind, &self.seats)?;
        Ok(CatalogueEvent {
            name: format!("{} #{i}", base.track.id()),
            origin: EventOrigin::Synthetic {
                base: base.track.id().to_string(),
                transform: t,
            },
            annual_rate: self.config.lambda / self.config.size as f64,
            wind_2min: w2,
            wind_1min: w1,
        })
    }
}

/// The stratum of catalogue event `i` of `size` events over `bases` base storms
/// (docs/payout-pricing.md §3): base `i mod bases`, cross-track stratum `i div bases` of the
/// `strata` events of that base. Stratifying the two perturbations that decide most payouts
/// (which storm, how far off track) removes their between-strata share of the catalogue's
/// sampling variance; [`catalogue_strata`] gives the groups for the variance estimate.
pub fn stratum_of(i: usize, bases: usize, size: usize) -> (usize, usize, usize) {
    let bases = bases.max(1);
    let b = i.checked_rem(bases).unwrap_or(0);
    // Events b, b + bases, b + 2·bases, … < size belong to base b.
    let strata = size.saturating_sub(b).div_ceil(bases).max(1);
    (b, i.checked_div(bases).unwrap_or(0), strata)
}

/// Groups of catalogue indices for the collapsed-strata variance estimate of a stratified
/// synthetic catalogue (docs/payout-pricing.md §3): neighbouring cross-track strata of the same
/// base, in pairs (a triple where a base has an odd count). Each group holds ≥ 2 events when
/// the base has ≥ 2.
pub fn catalogue_strata(size: usize, bases: usize) -> Vec<Vec<usize>> {
    let bases = bases.max(1);
    let mut groups = Vec::new();
    for b in 0..bases.min(size) {
        let members: Vec<usize> = (b..size).step_by(bases).collect();
        let mut chunks: Vec<Vec<usize>> = members.chunks(2).map(<[usize]>::to_vec).collect();
        if chunks.len() > 1 && chunks.last().is_some_and(|c| c.len() == 1) {
            let last = chunks.pop().unwrap_or_default();
            if let Some(prev) = chunks.last_mut() {
                prev.extend(last);
            }
        }
        groups.extend(chunks);
    }
    groups
}

/// Checks a catalogue size K: 1…[`MAX_CATALOGUE_SIZE`].
///
/// # Errors
/// `OUT_OF_RANGE` below 1, `TOO_LARGE` above the maximum, both naming `catalogue.size`.
pub fn check_size(size: usize) -> Result<()> {
    const L: (&str, &str) = ("事件集规模 K", "catalogue size K");
    if size == 0 {
        return Err(limits::out_of_range(
            "catalogue.size",
            L.0,
            L.1,
            "1–10,000",
            size,
        ));
    }
    if size > MAX_CATALOGUE_SIZE {
        return Err(Error::too_large(
            "catalogue.size",
            format!("{}过大：{size}，最多 {MAX_CATALOGUE_SIZE} 个事件", L.0),
            format!(
                "{} is too large: {size}, at most {MAX_CATALOGUE_SIZE} events",
                L.1
            ),
        ));
    }
    Ok(())
}

/// Checks an annual frequency λ: (0, 50] storms per year, finite.
///
/// # Errors
/// `OUT_OF_RANGE` naming `field`.
pub fn check_lambda(field: &str, lambda: f64) -> Result<f64> {
    if lambda.is_nan() {
        return Err(limits::not_a_number(
            field,
            "年均台风数 λ",
            "storms per year λ",
            "NaN",
        ));
    }
    if lambda <= 0.0 {
        return Err(limits::out_of_range(
            field,
            "年均台风数 λ",
            "storms per year λ",
            "(0, 50] storms per year",
            lambda,
        ));
    }
    limits::f64_in(
        field,
        "年均台风数 λ",
        "storms per year λ",
        lambda,
        0.0,
        MAX_LAMBDA,
        "(0, 50] storms per year",
    )
}

/// Normal(0, σ) within \[lo, hi\]: redraw up to 16 times, then clamp.
fn clipped_normal(rng: &mut Rng, sd: f64, lo: f64, hi: f64) -> f64 {
    let mut x = 0.0;
    for _ in 0..16 {
        x = sd * rng.normal();
        if (lo..=hi).contains(&x) {
            return x;
        }
    }
    x.max(lo).min(hi) // not f64::clamp: it panics on a NaN or inverted range
}

/// exp(σ·z) within the range: redraw up to 16 times, then clamp.
fn clipped_lognormal(rng: &mut Rng, log_sd: f64, (lo, hi): (f64, f64)) -> f64 {
    let mut x = 1.0;
    for _ in 0..16 {
        x = exp_det(log_sd * rng.normal());
        if (lo..=hi).contains(&x) {
            return x;
        }
    }
    x.max(lo).min(hi) // not f64::clamp: it panics on a NaN or inverted range
}
