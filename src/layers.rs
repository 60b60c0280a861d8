//! Risk layers (风险图层): a district attribute mapped to a colour.
//!
//! Two ways to colour, as ThinkHazard! and ECharts' `visualMap` do:
//! - [`Classification::Levels`]: four hazard levels 高 / 中 / 低 / 很低 (High / Medium / Low /
//!   Very low) from three ascending breaks, each bin labelled with its range and unit, never
//!   carried by colour alone (the level name is in legend, tooltip and table);
//! - [`Classification::Ramp`]: a continuous colour ramp between a minimum and a maximum, for
//!   raw values (population, payout in 元, any numeric GeoJSON property).
//!
//! A [`LayerSpec`] says what to show; [`PaintedLayer`] is the result for one [`DistrictLayer`]:
//! per district a value, a level and a colour, plus the legend. Values may come from district
//! attributes or from a model (peak wind, payout), through [`PaintedLayer::from_values`].
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

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::map::{is_layer_value, towns, DistrictLayer};

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb` form, for HTML legends and tables.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
    fn lerp(a: Rgb, b: Rgb, t: f64) -> Rgb {
        let m = |x: u8, y: u8| {
            (x as f64 + (y as f64 - x as f64) * t)
                .round()
                .clamp(0.0, 255.0) as u8
        };
        Rgb(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
    }
}

/// ThinkHazard!-style hazard level (危险等级). Ordered from lowest to highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum HazardLevel {
    /// 很低 — very low.
    VeryLow,
    /// 低 — low.
    Low,
    /// 中 — medium.
    Medium,
    /// 高 — high.
    High,
}

impl HazardLevel {
    /// All levels, highest first (legend order).
    pub const ALL_DESC: [HazardLevel; 4] = [
        HazardLevel::High,
        HazardLevel::Medium,
        HazardLevel::Low,
        HazardLevel::VeryLow,
    ];
    /// Chinese name: 高 / 中 / 低 / 很低.
    pub fn name_zh(self) -> &'static str {
        match self {
            HazardLevel::VeryLow => "很低",
            HazardLevel::Low => "低",
            HazardLevel::Medium => "中",
            HazardLevel::High => "高",
        }
    }
    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            HazardLevel::VeryLow => "Very low",
            HazardLevel::Low => "Low",
            HazardLevel::Medium => "Medium",
            HazardLevel::High => "High",
        }
    }
    /// Colour: ColorBrewer YlOrRd-4 (colour-blind safe, prints in greyscale in order).
    pub fn color(self) -> Rgb {
        match self {
            HazardLevel::VeryLow => Rgb(0xff, 0xff, 0xb2),
            HazardLevel::Low => Rgb(0xfe, 0xcc, 0x5c),
            HazardLevel::Medium => Rgb(0xfd, 0x8d, 0x3c),
            HazardLevel::High => Rgb(0xe3, 0x1a, 0x1c),
        }
    }
}

/// How values become colours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Classification {
    /// Four levels from three ascending breaks: `v < b0` 很低, `b0 ≤ v < b1` 低,
    /// `b1 ≤ v < b2` 中, `v ≥ b2` 高 (lower edges inclusive).
    Levels {
        /// Lower edges of 低, 中, 高.
        breaks: [f64; 3],
    },
    /// Stepped scale: `colors[i]` for `edges[i] ≤ v < edges[i+1]` (the last bin is open);
    /// values below `edges[0]` get `below`. For wind-force levels and other published scales.
    Steps {
        /// Ascending lower edges.
        edges: Vec<f64>,
        /// One colour per edge.
        colors: Vec<Rgb>,
        /// One label per bin (zh), e.g. "12级".
        labels_zh: Vec<String>,
        /// One label per bin (en).
        labels_en: Vec<String>,
        /// Colour below the first edge.
        below: Rgb,
    },
    /// Continuous ramp; `None` bounds are taken from the data (min / max).
    Ramp {
        /// Value mapped to the ramp's first colour.
        min: Option<f64>,
        /// Value mapped to the ramp's last colour.
        max: Option<f64>,
    },
}

/// What a layer shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LayerSpec {
    /// Stable id used by the API and the element's `layer` attribute, e.g. `"surge"`.
    pub id: String,
    /// District attribute read by [`PaintedLayer::paint`].
    pub attribute: String,
    /// Title in Chinese.
    pub title_zh: String,
    /// Title in English.
    pub title_en: String,
    /// Unit shown in legend and tooltip (may be empty).
    pub unit: String,
    /// Factor applied to values before display (e.g. 100 for shares shown in %).
    pub display_scale: f64,
    /// Classification scheme.
    pub classification: Classification,
    /// Legend range texts (zh, en), highest level first, replacing the numeric ranges (for
    /// ordinal classes such as the surge class).
    #[serde(default)]
    pub range_labels: Option<Vec<(String, String)>>,
    /// One line on what the layer means and where the data comes from (zh).
    pub note_zh: String,
    /// The same note in English.
    pub note_en: String,
}

impl LayerSpec {
    /// A continuous ramp over an attribute, for any numeric property of a loaded GeoJSON.
    pub fn ramp_for(attribute: &str) -> LayerSpec {
        let (zh, en, unit) =
            towns::attribute_label(attribute).unwrap_or((attribute, attribute, ""));
        LayerSpec {
            id: attribute.to_string(),
            attribute: attribute.to_string(),
            title_zh: zh.to_string(),
            title_en: en.to_string(),
            unit: unit.to_string(),
            display_scale: 1.0,
            classification: Classification::Ramp {
                min: None,
                max: None,
            },
            range_labels: None,
            note_zh: "连续色带：数据最小值至最大值".into(),
            note_en: "Continuous ramp from the data minimum to the maximum".into(),
        }
    }
}

/// The built-in layers: population density, storm-surge exposure, low-lying land
/// (waterlogging proxy) and hilly land (landslide proxy). Breaks are this project's
/// illustrative choices [I] on the relative indicators of `towns.csv`.
pub fn builtin_layers() -> Vec<LayerSpec> {
    vec![
        LayerSpec {
            id: "population_density".into(),
            attribute: "population_density".into(),
            title_zh: "人口密度".into(),
            title_en: "Population density".into(),
            unit: "人/km²".into(),
            display_scale: 1.0,
            classification: Classification::Levels {
                breaks: [1000.0, 2500.0, 5000.0],
            },
            range_labels: None,
            note_zh: "暴露度：2021年末常住人口 ÷ 面积（中山市统计局；OSM 面积）".into(),
            note_en:
                "Exposure: 2021 year-end residents ÷ area (Zhongshan Statistics Bureau; OSM area)"
                    .into(),
        },
        LayerSpec {
            id: "surge".into(),
            attribute: "surge_exposure".into(),
            title_zh: "风暴潮暴露".into(),
            title_en: "Storm-surge exposure".into(),
            unit: "".into(),
            display_scale: 1.0,
            classification: Classification::Levels {
                breaks: [0.5, 1.5, 2.5],
            },
            range_labels: Some(vec![
                ("专家分级：高".into(), "class: high".into()),
                ("专家分级：中高".into(), "class: medium-high".into()),
                (
                    "专家分级：中（潮汐河道）".into(),
                    "class: medium (tidal rivers)".into(),
                ),
                ("专家分级：低".into(), "class: low".into()),
            ]),
            note_zh: "专家判断分级（低/中/中高/高），非模型结果".into(),
            note_en: "Expert judgement classes (low/medium/medium-high/high), not a model".into(),
        },
        LayerSpec {
            id: "waterlogging".into(),
            attribute: "share_le_2m".into(),
            title_zh: "内涝（低洼地占比）".into(),
            title_en: "Waterlogging (low-lying share)".into(),
            unit: "%".into(),
            display_scale: 100.0,
            classification: Classification::Levels {
                breaks: [0.25, 0.5, 0.9],
            },
            range_labels: None,
            note_zh: "代理指标：高程 ≤ 2 m 的土地占比（约 1 km DEM，仅作相对比较）".into(),
            note_en: "Proxy: share of land at ≤ 2 m elevation (~1 km DEM, relative only)".into(),
        },
        LayerSpec {
            id: "landslide".into(),
            attribute: "elev_max_m".into(),
            title_zh: "滑坡（山地）".into(),
            title_en: "Landslide (hilly land)".into(),
            unit: "m".into(),
            display_scale: 1.0,
            classification: Classification::Levels {
                breaks: [50.0, 100.0, 250.0],
            },
            range_labels: None,
            note_zh: "代理指标：镇街最高高程（≥ 100 m 视为山地）".into(),
            note_en: "Proxy: highest elevation in the town (≥ 100 m counts as hilly)".into(),
        },
        LayerSpec {
            id: "population".into(),
            attribute: "population".into(),
            title_zh: "常住人口".into(),
            title_en: "Resident population".into(),
            unit: "人".into(),
            display_scale: 1.0,
            classification: Classification::Ramp {
                min: Some(0.0),
                max: None,
            },
            range_labels: None,
            note_zh: "2021年末常住人口（中山市统计局）".into(),
            note_en: "2021 year-end residents (Zhongshan Statistics Bureau)".into(),
        },
    ]
}

/// Colour of a GB/T 28591 wind-force level (风力等级) on maps and heat maps: pale below
/// force 6, blues for 6–7, yellows–oranges for 8–11 (gale to storm), reds for 12–13
/// (typhoon force), purples above.
pub fn wind_level_color(level: u8) -> Rgb {
    match level {
        0..=5 => Rgb(0xf7, 0xfb, 0xff),
        6 => Rgb(0xc6, 0xdb, 0xef),
        7 => Rgb(0x9e, 0xca, 0xe1),
        8 => Rgb(0xfe, 0xe3, 0x91),
        9 => Rgb(0xfe, 0xc4, 0x4f),
        10 => Rgb(0xfe, 0x99, 0x29),
        11 => Rgb(0xec, 0x70, 0x14),
        12 => Rgb(0xd7, 0x30, 0x1f),
        13 => Rgb(0xb3, 0x00, 0x00),
        14 => Rgb(0x99, 0x00, 0x66),
        15 => Rgb(0x7a, 0x01, 0x77),
        _ => Rgb(0x49, 0x00, 0x6a),
    }
}

/// Legend label of a wind-force level; 16 stands for "16 and above" (the scale's open end here).
fn level_label(level: u8, lang: Lang) -> String {
    match (level, lang) {
        (16, Lang::Zh) => "16级以上".into(),
        (16, Lang::En) => "force 16+".into(),
        (l, Lang::Zh) => format!("{l}级"),
        (l, Lang::En) => format!("force {l}"),
    }
}

/// A layer of district winds coloured by the wind-force level of their **2-min equivalent**
/// (the values are 2-min m/s), levels 6–16+.
pub fn wind_level_spec(id: &str, title_zh: &str, title_en: &str) -> LayerSpec {
    let levels: Vec<u8> = (6..=16).collect();
    LayerSpec {
        id: id.into(),
        attribute: id.into(),
        title_zh: title_zh.into(),
        title_en: title_en.into(),
        unit: "m/s".into(),
        display_scale: 1.0,
        classification: Classification::Steps {
            edges: levels
                .iter()
                .map(|l| f64::from(crate::scales::wind_force_lower_tenths(*l)) / 10.0)
                .collect(),
            colors: levels.iter().map(|l| wind_level_color(*l)).collect(),
            labels_zh: levels.iter().map(|l| level_label(*l, Lang::Zh)).collect(),
            labels_en: levels.iter().map(|l| level_label(*l, Lang::En)).collect(),
            below: wind_level_color(0),
        },
        range_labels: None,
        // The values are the towns' surface winds (present::typhoon::peak_values), not the
        // withdrawn 1-min × 0.871 (docs/domain.md §3.9, §11).
        note_zh: "风力等级（GB/T 28591-2012）按镇街 2 分钟平均风速（10 米高，按镇街下垫面）".into(),
        note_en: "Wind-force level (GB/T 28591-2012) of each town's 2-min mean wind (10 m, at the town's exposure)"
            .into(),
    }
}

/// Viridis stops (perceptually uniform, colour-blind safe) for continuous ramps.
const RAMP: [Rgb; 5] = [
    Rgb(0x44, 0x01, 0x54),
    Rgb(0x3b, 0x52, 0x8b),
    Rgb(0x21, 0x90, 0x8c),
    Rgb(0x5d, 0xc8, 0x63),
    Rgb(0xfd, 0xe7, 0x25),
];

/// Colour of `t` ∈ [0, 1] on the continuous ramp.
pub fn ramp_color(t: f64) -> Rgb {
    // NaN is the start of the ramp; ±∞ clamp to the ends like any other value.
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    // t ∈ [0, 1] after the clamp, so x ∈ [0, 4] and the pair below always exists.
    let x = t * 4.0;
    let i = (x.floor() as usize).min(3);
    match (RAMP.get(i), RAMP.get(i.saturating_add(1))) {
        (Some(a), Some(b)) => Rgb::lerp(*a, *b, x - i as f64),
        _ => RAMP[0],
    }
}

/// Colour for districts with no value.
pub const NO_DATA: Rgb = Rgb(0xdd, 0xdd, 0xdd);

/// One legend row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegendEntry {
    /// Row label in Chinese (level name, or a ramp value).
    pub label_zh: String,
    /// Row label in English.
    pub label_en: String,
    /// The value range with unit, e.g. `"2500–5000 人/km²"`.
    pub range: String,
    /// The range in English (differs only where the spec gives range labels).
    pub range_en: String,
    /// Swatch colour.
    pub color: Rgb,
    /// The level this row stands for (`None` on ramps).
    pub level: Option<HazardLevel>,
}

/// One district's painted value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DistrictValue {
    /// District code.
    pub code: String,
    /// Value in attribute units (before `display_scale`), `None` when missing.
    pub value: Option<f64>,
    /// Level, for classified layers.
    pub level: Option<HazardLevel>,
    /// Fill colour.
    pub color: Rgb,
}

/// A layer evaluated on a district layer: value, level and colour per district, and legend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaintedLayer {
    /// The spec this was painted from.
    pub spec: LayerSpec,
    /// Per district, in the district layer's order (sorted by code).
    pub values: Vec<DistrictValue>,
    /// Legend rows, highest first.
    pub legend: Vec<LegendEntry>,
    /// Whether this layer is a ramp (legend drawn as a gradient).
    pub is_ramp: bool,
}

impl PaintedLayer {
    /// Paints `spec` from the districts' attributes.
    pub fn paint(spec: &LayerSpec, layer: &DistrictLayer) -> PaintedLayer {
        let values = layer
            .districts()
            .iter()
            .map(|d| (d.code.clone(), d.attribute(&spec.attribute)))
            .collect::<Vec<_>>();
        Self::build(spec, values)
    }

    /// Paints `spec` from model values keyed by code (peak wind, payout…). Districts of
    /// `layer` missing from `values` get no data.
    pub fn from_values(
        spec: &LayerSpec,
        layer: &DistrictLayer,
        values: &BTreeMap<String, f64>,
    ) -> PaintedLayer {
        let v = layer
            .districts()
            .iter()
            .map(|d| (d.code.clone(), values.get(&d.code).copied()))
            .collect();
        Self::build(spec, v)
    }

    fn build(spec: &LayerSpec, values: Vec<(String, Option<f64>)>) -> PaintedLayer {
        let values: Vec<(String, Option<f64>)> = values
            .into_iter()
            .map(|(code, v)| (code, v.filter(|x| is_layer_value(*x))))
            .collect();
        let unit = if spec.unit.is_empty() {
            String::new()
        } else {
            format!(" {}", spec.unit)
        };
        let sc = spec.display_scale;
        match &spec.classification {
            Classification::Levels { breaks } => {
                let [b0, b1, b2] = *breaks;
                let level_of = |v: f64| {
                    if v >= b2 {
                        HazardLevel::High
                    } else if v >= b1 {
                        HazardLevel::Medium
                    } else if v >= b0 {
                        HazardLevel::Low
                    } else {
                        HazardLevel::VeryLow
                    }
                };
                let values = values
                    .into_iter()
                    .map(|(code, value)| {
                        let level = value.map(level_of);
                        DistrictValue {
                            code,
                            value,
                            level,
                            color: level.map(HazardLevel::color).unwrap_or(NO_DATA),
                        }
                    })
                    .collect();
                let legend = HazardLevel::ALL_DESC
                    .iter()
                    .map(|&l| {
                        let range = match l {
                            HazardLevel::High => {
                                format!("≥ {}{unit}", crate::numfmt::short_number(b2 * sc))
                            }
                            HazardLevel::Medium => {
                                format!(
                                    "{}–{}{unit}",
                                    crate::numfmt::short_number(b1 * sc),
                                    crate::numfmt::short_number(b2 * sc)
                                )
                            }
                            HazardLevel::Low => {
                                format!(
                                    "{}–{}{unit}",
                                    crate::numfmt::short_number(b0 * sc),
                                    crate::numfmt::short_number(b1 * sc)
                                )
                            }
                            HazardLevel::VeryLow => {
                                format!("< {}{unit}", crate::numfmt::short_number(b0 * sc))
                            }
                        };
                        // Custom labels apply only when there is one per level.
                        let custom = spec
                            .range_labels
                            .as_ref()
                            .filter(|labels| labels.len() == 4)
                            .and_then(|labels| {
                                let k = HazardLevel::ALL_DESC.iter().position(|x| *x == l)?;
                                labels.get(k)
                            });
                        let (range, range_en) = match custom {
                            Some((zh, en)) => (zh.clone(), en.clone()),
                            None => (range.clone(), range),
                        };
                        LegendEntry {
                            label_zh: l.name_zh().into(),
                            label_en: l.name_en().into(),
                            range,
                            range_en,
                            color: l.color(),
                            level: Some(l),
                        }
                    })
                    .collect();
                PaintedLayer {
                    spec: spec.clone(),
                    values,
                    legend,
                    is_ramp: false,
                }
            }
            Classification::Steps {
                edges,
                colors,
                labels_zh,
                labels_en,
                below,
            } => {
                let bin = |v: f64| edges.iter().rposition(|e| v >= *e);
                let values = values
                    .into_iter()
                    .map(|(code, value)| {
                        let color = match value {
                            None => NO_DATA,
                            Some(v) => bin(v)
                                .and_then(|i| colors.get(i))
                                .copied()
                                .unwrap_or(*below),
                        };
                        DistrictValue {
                            code,
                            value,
                            level: None,
                            color,
                        }
                    })
                    .collect();
                let nexts = edges.iter().skip(1).map(Some).chain([None]);
                let mut legend: Vec<LegendEntry> = edges
                    .iter()
                    .zip(nexts)
                    .enumerate()
                    .map(|(i, (edge, next))| {
                        let range = match next {
                            Some(next) => {
                                format!(
                                    "{}–{}{unit}",
                                    crate::numfmt::short_number(edge * sc),
                                    crate::numfmt::short_number(*next * sc)
                                )
                            }
                            None => format!("≥ {}{unit}", crate::numfmt::short_number(edge * sc)),
                        };
                        LegendEntry {
                            label_zh: labels_zh.get(i).cloned().unwrap_or_default(),
                            label_en: labels_en.get(i).cloned().unwrap_or_default(),
                            range_en: range.clone(),
                            range,
                            color: colors.get(i).copied().unwrap_or(*below),
                            level: None,
                        }
                    })
                    .collect();
                // Highest level first, as in every legend.
                legend.reverse();
                PaintedLayer {
                    spec: spec.clone(),
                    values,
                    legend,
                    is_ramp: false,
                }
            }
            Classification::Ramp { min, max } => {
                let present: Vec<f64> = values.iter().filter_map(|(_, v)| *v).collect();
                let lo =
                    min.unwrap_or_else(|| present.iter().copied().fold(f64::INFINITY, f64::min));
                let hi = max
                    .unwrap_or_else(|| present.iter().copied().fold(f64::NEG_INFINITY, f64::max));
                let (lo, hi) = if lo.is_finite() && hi.is_finite() {
                    (lo, hi)
                } else {
                    (0.0, 1.0)
                };
                let span = if hi > lo { hi - lo } else { 1.0 };
                let values = values
                    .into_iter()
                    .map(|(code, value)| DistrictValue {
                        code,
                        value,
                        level: None,
                        color: value
                            .map(|v| ramp_color((v - lo) / span))
                            .unwrap_or(NO_DATA),
                    })
                    .collect();
                let legend = (0..5)
                    .rev()
                    .map(|i| {
                        let v = lo + span * i as f64 / 4.0;
                        LegendEntry {
                            label_zh: crate::numfmt::short_number(v * sc),
                            label_en: crate::numfmt::short_number(v * sc),
                            range: format!("{}{unit}", crate::numfmt::short_number(v * sc)),
                            range_en: format!("{}{unit}", crate::numfmt::short_number(v * sc)),
                            color: ramp_color(i as f64 / 4.0),
                            level: None,
                        }
                    })
                    .collect();
                PaintedLayer {
                    spec: spec.clone(),
                    values,
                    legend,
                    is_ramp: true,
                }
            }
        }
    }

    /// The painted value of one district.
    pub fn get(&self, code: &str) -> Option<&DistrictValue> {
        self.values.iter().find(|v| v.code == code)
    }

    /// A value formatted for display with the layer's scale and unit, e.g. `"74 %"`.
    pub fn format_value(&self, value: Option<f64>) -> String {
        match value {
            None => "—".into(),
            Some(v) if self.spec.unit.is_empty() => {
                crate::numfmt::short_number(v * self.spec.display_scale)
            }
            Some(v) => format!(
                "{} {}",
                crate::numfmt::short_number(v * self.spec.display_scale),
                self.spec.unit
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_use_inclusive_lower_edges() {
        let layer = DistrictLayer::builtin();
        let spec = builtin_layers()
            .into_iter()
            .find(|s| s.id == "surge")
            .unwrap();
        let p = PaintedLayer::paint(&spec, &layer);
        // 坦洲 high, 神湾 medium-high → 中, 黄圃 medium → 低, 石岐 low → 很低.
        assert_eq!(p.get("442000107").unwrap().level, Some(HazardLevel::High));
        assert_eq!(p.get("442000117").unwrap().level, Some(HazardLevel::Medium));
        assert_eq!(p.get("442000101").unwrap().level, Some(HazardLevel::Low));
        assert_eq!(
            p.get("442000001").unwrap().level,
            Some(HazardLevel::VeryLow)
        );
        assert_eq!(p.legend[0].label_zh, "高");
        assert_eq!(p.legend.len(), 4);
    }

    #[test]
    fn waterlogging_legend_shows_percent() {
        let layer = DistrictLayer::builtin();
        let spec = builtin_layers()
            .into_iter()
            .find(|s| s.id == "waterlogging")
            .unwrap();
        let p = PaintedLayer::paint(&spec, &layer);
        assert_eq!(p.legend[0].range, "≥ 90 %");
        assert_eq!(p.format_value(Some(0.74)), "74 %");
        // 民众: 100 % at ≤ 2 m → 高.
        assert_eq!(p.get("442000007").unwrap().level, Some(HazardLevel::High));
    }

    #[test]
    fn ramp_spans_data_and_marks_missing() {
        let layer = DistrictLayer::builtin();
        let spec = LayerSpec::ramp_for("wind");
        let mut vals = BTreeMap::new();
        vals.insert("442000001".to_string(), 10.0);
        vals.insert("442000107".to_string(), 40.0);
        let p = PaintedLayer::from_values(&spec, &layer, &vals);
        assert_eq!(p.get("442000001").unwrap().color, ramp_color(0.0));
        assert_eq!(p.get("442000107").unwrap().color, ramp_color(1.0));
        assert_eq!(p.get("442000002").unwrap().color, NO_DATA);
        assert!(p.is_ramp);
    }

    #[test]
    fn wind_level_legend_runs_from_force_16_plus_down_to_6() {
        let layer = DistrictLayer::builtin();
        let spec = wind_level_spec("w", "风", "wind");
        let p = PaintedLayer::from_values(&spec, &layer, &BTreeMap::new());
        assert_eq!(p.legend.len(), 11);
        assert_eq!(
            (p.legend[0].label_zh.as_str(), p.legend[0].label_en.as_str()),
            ("16级以上", "force 16+")
        );
        assert_eq!(p.legend[0].range, "≥ 51 m/s");
        assert_eq!(
            (p.legend[10].label_zh.as_str(), p.legend[10].range.as_str()),
            ("6级", "10.8–13.9 m/s")
        );
    }

    #[test]
    fn every_builtin_layer_has_values_for_all_23_towns() {
        let layer = DistrictLayer::builtin();
        for spec in builtin_layers() {
            let p = PaintedLayer::paint(&spec, &layer);
            assert_eq!(
                p.values.iter().filter(|v| v.value.is_some()).count(),
                23,
                "{}",
                spec.id
            );
        }
    }
}
