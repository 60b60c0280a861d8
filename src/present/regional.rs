//! Presentation of the regional map (区域图, docs/briefing.md §6–§7): which picture a typhoon
//! scenario or a forecast ensemble becomes — the scene (track, centre, wind circles, forecast
//! marks, 70 % cone), the town inset (插图) with its layer and colours, the inset's
//! probability choice, and the view box as JS stores it. `web::regional` only keeps the
//! widget state and draws the scene these functions build.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::forecast::{cone_published, Bulletin, DistrictForecast, ErrorModel, ForecastResult};
use crate::hazard::{PreparedTrack, Track};
use crate::layers::{wind_level_spec, Classification, LayerSpec, PaintedLayer};
use crate::map::coastline::Coastline;
use crate::map::DistrictLayer;
use crate::render::regional::{
    bulletin_marks, bulletin_wind_circles, model_wind_circles, RegionalScene, ViewBox,
};
use crate::render::Lang;
use crate::Error;

/// Probability of the forecast cone drawn (70 %, as CMA publishes it).
pub const CONE_PROBABILITY: f64 = 0.7;

/// The view box as JS sees it and the shareable state stores it (`{lon, lat, zoom}`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ViewInfo {
    /// Centre longitude, °E.
    pub lon: f64,
    /// Centre latitude, °N.
    pub lat: f64,
    /// Zoom, 1 = the whole region.
    pub zoom: f64,
}

/// The view box, clamped to what the map can show.
pub fn view_info(v: &ViewBox) -> ViewInfo {
    let v = v.clamped();
    ViewInfo {
        lon: v.lon,
        lat: v.lat,
        zoom: v.zoom,
    }
}

/// The forecast probability painted in the inset (插图概率): P(≥ 8/10/12 级) or
/// P(signal ≥ colour) (预警信号).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InsetKey {
    /// P(wind force ≥ 8).
    Ge8,
    /// P(wind force ≥ 10), the default.
    #[default]
    Ge10,
    /// P(wind force ≥ 12).
    Ge12,
    /// P(signal ≥ blue 蓝色).
    Blue,
    /// P(signal ≥ yellow 黄色).
    Yellow,
    /// P(signal ≥ orange 橙色).
    Orange,
    /// P(red signal 红色).
    Red,
}

impl InsetKey {
    /// Every key with its id, in the order the inset menu lists them.
    const ALL: [(&'static str, InsetKey); 7] = [
        ("ge8", InsetKey::Ge8),
        ("ge10", InsetKey::Ge10),
        ("ge12", InsetKey::Ge12),
        ("blue", InsetKey::Blue),
        ("yellow", InsetKey::Yellow),
        ("orange", InsetKey::Orange),
        ("red", InsetKey::Red),
    ];

    /// Parses `ge8 | ge10 | ge12 | blue | yellow | orange | red`; anything else is
    /// `INVALID_INPUT` on field `inset`.
    pub fn parse(s: &str) -> crate::Result<InsetKey> {
        Self::ALL
            .iter()
            .find(|(id, _)| *id == s)
            .map(|(_, k)| *k)
            .ok_or_else(|| {
                Error::invalid_field(
                    "inset",
                    format!("插图概率须为 ge8/ge10/ge12/blue/yellow/orange/red，收到 {s:.32}"),
                    format!("inset must be ge8/ge10/ge12/blue/yellow/orange/red, got {s:.32}"),
                )
            })
    }

    /// The inset's title, Chinese and English.
    pub fn titles(self) -> (&'static str, &'static str) {
        match self {
            InsetKey::Ge8 => ("达到 8 级的概率", "P(force ≥ 8)"),
            InsetKey::Ge10 => ("达到 10 级的概率", "P(force ≥ 10)"),
            InsetKey::Ge12 => ("达到 12 级的概率", "P(force ≥ 12)"),
            InsetKey::Blue => ("蓝色及以上预警的概率", "P(signal ≥ Blue)"),
            InsetKey::Yellow => ("黄色及以上预警的概率", "P(signal ≥ Yellow)"),
            InsetKey::Orange => ("橙色及以上预警的概率", "P(signal ≥ Orange)"),
            InsetKey::Red => ("红色预警的概率", "P(Red signal)"),
        }
    }

    /// This probability of one town (0…1).
    pub fn of(self, d: &DistrictForecast) -> f64 {
        match self {
            InsetKey::Ge8 => d.p_level_ge.ge8,
            InsetKey::Ge10 => d.p_level_ge.ge10,
            InsetKey::Ge12 => d.p_level_ge.ge12,
            InsetKey::Blue => d.p_signal.blue,
            InsetKey::Yellow => d.p_signal.yellow,
            InsetKey::Orange => d.p_signal.orange,
            InsetKey::Red => d.p_signal.red,
        }
    }
}

/// The town inset (城市插图): the towns and their colours.
#[derive(Debug, Clone, PartialEq)]
pub struct Inset {
    /// The towns drawn.
    pub layer: DistrictLayer,
    /// Their values, colours and legend.
    pub painted: PaintedLayer,
}

/// The inset of a typhoon scenario at one hour: each town's 2-min mean wind `now` (m/s,
/// `present::typhoon::now_values`), coloured by 风力等级.
pub fn typhoon_inset(layer: &DistrictLayer, now: &BTreeMap<String, f64>) -> Inset {
    let spec = wind_level_spec("wind_now", "当前 2 分钟平均风速", "2-min mean wind now");
    Inset {
        painted: PaintedLayer::from_values(&spec, layer, now),
        layer: layer.clone(),
    }
}

/// The inset of a finished ensemble: the probability `key` per town on a 0–1 ramp.
pub fn forecast_inset(layer: &DistrictLayer, result: &ForecastResult, key: InsetKey) -> Inset {
    let values: BTreeMap<String, f64> = result
        .districts
        .iter()
        .map(|d| (d.code.clone(), key.of(d)))
        .collect();
    let (zh, en) = key.titles();
    let spec = LayerSpec {
        title_zh: zh.into(),
        title_en: en.into(),
        unit: String::new(),
        classification: Classification::Ramp {
            min: Some(0.0),
            max: Some(1.0),
        },
        ..LayerSpec::ramp_for("p10")
    };
    Inset {
        painted: PaintedLayer::from_values(&spec, layer, &values),
        layer: layer.clone(),
    }
}

/// Type and text of a regional drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneStyle {
    /// Label language.
    pub lang: Lang,
    /// Type scale (1 = base).
    pub type_scale: f64,
    /// Title line (empty: none).
    pub title: String,
}

/// The regional scene of a typhoon scenario at hourly step `k` (clamped to the track): the
/// whole (what-if) track, the centre, the model's force-7/10/12 circles and `inset`.
pub fn typhoon_scene<'a>(
    coastline: &'a Coastline,
    track: &'a Track,
    prepared: &PreparedTrack,
    k: usize,
    inset: &'a Inset,
    style: SceneStyle,
) -> RegionalScene<'a> {
    let k = k.min(prepared.len().saturating_sub(1));
    RegionalScene {
        coastline,
        history: Some(track),
        current: prepared.nodes().get(k).map(|n| (n.lon, n.lat)),
        forecast: Vec::new(),
        cone: Vec::new(),
        wind_circles: model_wind_circles(prepared, k),
        inset: Some((&inset.layer, &inset.painted)),
        lang: style.lang,
        type_scale: style.type_scale,
        title: style.title,
    }
}

/// The regional scene of a forecast bulletin: its points labelled (Beijing time in Chinese,
/// lead time in English), the 70 % cone, the wind circles the first point reports and,
/// once the ensemble is done, `inset`.
pub fn forecast_scene<'a>(
    coastline: &'a Coastline,
    bulletin: &Bulletin,
    inset: Option<&'a Inset>,
    style: SceneStyle,
) -> RegionalScene<'a> {
    let first = bulletin.points.first();
    RegionalScene {
        coastline,
        history: None,
        current: first.map(|p| (p.lon, p.lat)),
        forecast: bulletin_marks(bulletin, style.lang == Lang::Zh),
        cone: cone_published(bulletin, &ErrorModel::cma(), CONE_PROBABILITY),
        wind_circles: first.map(bulletin_wind_circles).unwrap_or_default(),
        inset: inset.map(|i| (&i.layer, &i.painted)),
        lang: style.lang,
        type_scale: style.type_scale,
        title: style.title,
    }
}
