//! Presentation of the regional map (区域图, docs/briefing.md §6–§7): which picture a typhoon
//! scenario or a forecast ensemble becomes — the scene (track, centre, wind circles, forecast
//! marks, 70 % cone), the town inset (插图) with its layer and colours, the inset's
//! probability choice, and the view box as JS stores it. `web::regional` only keeps the
//! widget state and draws the scene these functions build. The scene is plain drawing data:
//! wind circles and the cone arrive as lon/lat outlines (km → degrees in the hazard model's
//! metric, `hazard::units::ONE_LAT_KM`), forecast marks with their label text and the track
//! as graded points, so `render::regional` names no engine (docs/architecture.md §5).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::forecast::{
    cone_published, Bulletin, BulletinPoint, DistrictForecast, ErrorModel, ForecastResult,
};
use crate::hazard::grid::wind_radii;
use crate::hazard::time::format_bjt;
use crate::hazard::units::ONE_LAT_KM;
use crate::hazard::{PreparedTrack, Track};
use crate::layers::{wind_level_spec, Classification, LayerSpec, PaintedLayer};
use crate::map::coastline::Coastline;
use crate::map::DistrictLayer;
use crate::render::regional::{ForecastMark, RegionalScene, ViewBox, WindCircle};
use crate::render::{Lang, Palette};

use super::typhoon::graded_points;
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
    /// Normal or high-contrast colours (高对比度, docs/briefing.md §8.2).
    pub palette: Palette,
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
        history: graded_points(track),
        current: prepared.nodes().get(k).map(|n| (n.lon, n.lat)),
        forecast: Vec::new(),
        cone: Vec::new(),
        wind_circles: wind_circles(&model_wind_circles(prepared, k)),
        inset: Some((&inset.layer, &inset.painted)),
        lang: style.lang,
        type_scale: style.type_scale,
        title: style.title,
        palette: style.palette,
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
        history: Vec::new(),
        current: first.map(|p| (p.lon, p.lat)),
        forecast: bulletin_marks(bulletin, style.lang == Lang::Zh),
        cone: cone_polygon(&cone_published(
            bulletin,
            &ErrorModel::cma(),
            CONE_PROBABILITY,
        )),
        wind_circles: wind_circles(&first.map(bulletin_wind_circles).unwrap_or_default()),
        inset: inset.map(|i| (&i.layer, &i.painted)),
        lang: style.lang,
        type_scale: style.type_scale,
        title: style.title,
        palette: style.palette,
    }
}

/// A wind circle (风圈) as reported or modelled: radii per quadrant NE, SE, SW, NW about a
/// centre. [`wind_circles`] turns it into the outline the map draws.
#[derive(Debug, Clone, PartialEq)]
pub struct WindRadii {
    /// Centre (lon, lat).
    pub centre: (f64, f64),
    /// GB/T 28591 level of its edge: 7, 10 or 12.
    pub level: u8,
    /// Radii, km, quadrants NE, SE, SW, NW.
    pub radii_km: [f64; 4],
}

/// The wind circles a bulletin point reports (7/10/12 级 with radii), about its centre.
pub fn bulletin_wind_circles(p: &BulletinPoint) -> Vec<WindRadii> {
    let Some(r) = p.radii_km else {
        return Vec::new();
    };
    [(7u8, r.r7), (10, r.r10), (12, r.r12)]
        .into_iter()
        .filter_map(|(level, q)| {
            q.filter(|q| q.iter().any(|x| *x > 0.0))
                .map(|radii_km| WindRadii {
                    centre: (p.lon, p.lat),
                    level,
                    radii_km,
                })
        })
        .collect()
}

/// The model's wind circles at hourly step `k` of a prepared track (7/10/12 级 on the
/// 2-min equivalent, quadrant maxima as CMA reports them); levels the storm does not reach
/// are left out.
pub fn model_wind_circles(p: &PreparedTrack, k: usize) -> Vec<WindRadii> {
    let Some(n) = p.nodes().get(k) else {
        return Vec::new();
    };
    [(7u8, 13.9), (10, 24.5), (12, 32.7)]
        .into_iter()
        .filter_map(|(level, thr)| {
            let r = wind_radii(p, k, thr).ok()?;
            r.quadrant_max_km
                .iter()
                .any(|x| *x > 0.0)
                .then_some(WindRadii {
                    centre: (n.lon, n.lat),
                    level,
                    radii_km: r.quadrant_max_km,
                })
        })
        .collect()
}

/// The circles as the map draws them: level and lon/lat outline ([`wind_circle_outline`]).
pub fn wind_circles(radii: &[WindRadii]) -> Vec<WindCircle> {
    radii
        .iter()
        .map(|c| WindCircle {
            level: c.level,
            outline: wind_circle_outline(c),
        })
        .collect()
}

/// Forecast marks of a bulletin, labelled with the lead time (`+24h`) or, with `bjt`, the
/// Beijing time as the national typhoon site writes it (`2日14时`).
pub fn bulletin_marks(b: &Bulletin, bjt: bool) -> Vec<ForecastMark> {
    b.points
        .iter()
        .map(|p| ForecastMark {
            lon: p.lon,
            lat: p.lat,
            label: if bjt {
                // format_bjt gives "YYYY-MM-DD HH:MM"; keep day and hour.
                let t = format_bjt(p.time_s);
                let day: u32 = t.get(8..10).and_then(|d| d.parse().ok()).unwrap_or(0);
                let hour: u32 = t.get(11..13).and_then(|h| h.parse().ok()).unwrap_or(0);
                format!("{day}日{hour}时")
            } else {
                format!("+{}h", p.lead_h)
            },
        })
        .collect()
}

/// Offsets (lon, lat) by (east, north) km with the equirect metric of the hazard model.
fn offset(lon: f64, lat: f64, east_km: f64, north_km: f64) -> (f64, f64) {
    let kx = lat.to_radians().cos().max(0.05) * ONE_LAT_KM;
    (lon + east_km / kx, lat + north_km / ONE_LAT_KM)
}

/// The outline of a wind circle: four quarter arcs (NE, SE, SW, NW), 12 points each, lon/lat.
pub fn wind_circle_outline(c: &WindRadii) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(52);
    for (q, r) in c.radii_km.iter().enumerate() {
        let start = 90.0 * q as f64;
        for j in 0..=12 {
            let b = (start + 7.5 * f64::from(j)).to_radians();
            out.push(offset(c.centre.0, c.centre.1, r * b.sin(), r * b.cos()));
        }
    }
    out
}

/// The cone polygon (lon/lat) around circles (lon, lat, radius km) along a path: the
/// circles are interpolated every tenth of a segment, the left and right edges offset
/// perpendicular to the local motion, and closed with half circles at both ends. Fewer than
/// two circles make no cone: empty (nothing is drawn).
pub fn cone_polygon(circles: &[(f64, f64, f64)]) -> Vec<(f64, f64)> {
    if circles.len() < 2 {
        return Vec::new();
    }
    let mut dense: Vec<(f64, f64, f64)> = Vec::new();
    for w in circles.windows(2) {
        if let [a, b] = w {
            for j in 0..10 {
                let x = f64::from(j) / 10.0;
                dense.push((
                    a.0 + x * (b.0 - a.0),
                    a.1 + x * (b.1 - a.1),
                    a.2 + x * (b.2 - a.2),
                ));
            }
        }
    }
    if let Some(last) = circles.last() {
        dense.push(*last);
    }
    let heading = |i: usize| -> f64 {
        let a = dense.get(i.saturating_sub(1)).or(dense.get(i));
        let b = dense.get(i.saturating_add(1)).or(dense.get(i));
        match (a, b) {
            (Some(a), Some(b)) => {
                let kx = a.1.to_radians().cos();
                ((b.0 - a.0) * kx).atan2(b.1 - a.1)
            }
            _ => 0.0,
        }
    };
    let mut left = Vec::with_capacity(dense.len());
    let mut right = Vec::with_capacity(dense.len());
    for (i, c) in dense.iter().enumerate() {
        let h = heading(i);
        let (s, co) = h.sin_cos();
        // Right of the motion = heading + 90°.
        right.push(offset(c.0, c.1, c.2 * co, -c.2 * s));
        left.push(offset(c.0, c.1, -c.2 * co, c.2 * s));
    }
    let cap = |c: &(f64, f64, f64), h: f64, forward: bool| -> Vec<(f64, f64)> {
        // Half circle from the right edge round the front (or back) to the left edge.
        (1..12)
            .map(|j| {
                let t = f64::from(j) / 12.0 * std::f64::consts::PI;
                let a = if forward {
                    h + std::f64::consts::FRAC_PI_2 - t
                } else {
                    h - std::f64::consts::FRAC_PI_2 - t
                };
                offset(c.0, c.1, c.2 * a.sin(), c.2 * a.cos())
            })
            .collect()
    };
    let (Some(first), Some(last)) = (dense.first(), dense.last()) else {
        return Vec::new();
    };
    let h_last = heading(dense.len().saturating_sub(1));
    let h_first = heading(0);
    let mut poly = right.clone();
    poly.extend(cap(last, h_last, true));
    poly.extend(left.iter().rev());
    poly.extend(cap(first, h_first, false));
    poly
}
