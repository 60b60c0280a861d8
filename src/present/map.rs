//! Presentation of the map view (风险地图): which layers a user can pick, the table rows and
//! tooltip of every town (镇街), the legend, the table CSV, the title and the attribution
//! line — everything the map view shows, computed from a [`DistrictLayer`] and its
//! [`PaintedLayer`]. `web` converts these to JS unchanged (the field names are the JSON the
//! element reads).

use serde::Serialize;

use crate::layers::{builtin_layers, Classification, HazardLevel, LayerSpec, PaintedLayer};
use crate::map::{DistrictLayer, LayerSource};
use crate::render::{self, Lang};
use crate::Error;

/// One risk layer (风险图层) the user can pick: `layers()` of the element.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayerInfo {
    /// Stable layer id (the `layer` attribute).
    pub id: String,
    /// Title in Chinese.
    pub title_zh: String,
    /// Title in English.
    pub title_en: String,
    /// Unit of the values (may be empty).
    pub unit: String,
    /// `"levels"` (危险等级 classes) or `"ramp"` (continuous colours).
    pub kind: &'static str,
    /// What the layer means and its source, Chinese.
    pub note_zh: String,
    /// The same in English.
    pub note_en: String,
}

impl From<LayerSpec> for LayerInfo {
    // One caller each in the map bundle: inlined there, as when it lived in web/.
    #[inline]
    fn from(s: LayerSpec) -> LayerInfo {
        LayerInfo {
            kind: if matches!(s.classification, Classification::Levels { .. }) {
                "levels"
            } else {
                "ramp"
            },
            id: s.id,
            title_zh: s.title_zh,
            title_en: s.title_en,
            unit: s.unit,
            note_zh: s.note_zh,
            note_en: s.note_en,
        }
    }
}

/// The layers available for `layer`'s districts: the built-in risk layers whose attribute
/// the districts have, then a ramp for every other numeric attribute (in attribute order).
pub fn available_layer_specs(layer: &DistrictLayer) -> Vec<LayerSpec> {
    let attrs = layer.numeric_attributes();
    let mut specs: Vec<LayerSpec> = builtin_layers()
        .into_iter()
        .filter(|s| attrs.contains(&s.attribute))
        .collect();
    for a in &attrs {
        if !specs.iter().any(|s| &s.attribute == a) {
            specs.push(LayerSpec::ramp_for(a));
        }
    }
    specs
}

/// The layer shown after loading `layer`: the current one (`current_id`) when the new
/// districts support it, else the first available (on the built-in schematic: 人口密度),
/// else an (empty) ramp. A new map starts with `current_id` empty.
// One caller each in the map bundle: inlined there, as when it lived in web/.
#[inline]
pub fn layer_after_load(layer: &DistrictLayer, current_id: &str) -> LayerSpec {
    let specs = available_layer_specs(layer);
    specs
        .iter()
        .find(|s| s.id == current_id)
        .or_else(|| specs.first())
        .cloned()
        .unwrap_or_else(|| LayerSpec::ramp_for("none"))
}

/// [`available_layer_specs`] as the layer picker lists them.
// One caller each in the map bundle: inlined there, as when it lived in web/.
#[inline]
pub fn layer_infos(layer: &DistrictLayer) -> Vec<LayerInfo> {
    available_layer_specs(layer)
        .into_iter()
        .map(LayerInfo::from)
        .collect()
}

/// One row of the table view, the tooltip and keyboard navigation: a town (镇街) with its
/// value on the current layer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DistrictRow {
    /// Town code (镇街编码), e.g. `442000001`.
    pub code: String,
    /// Full Chinese name, e.g. `石岐街道`.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Short Chinese label as the map draws it (`石岐`).
    pub short_zh: String,
    /// Short English label as the map draws it.
    pub short_en: String,
    /// Value in attribute units (before the layer's display scale); `None` = no data.
    pub value: Option<f64>,
    /// The value as shown, with display scale and unit (`"74 %"`, `"—"` for no data).
    pub display: String,
    /// Level id (`high`, `medium`, `low`, `very_low`) on classified layers.
    pub level: Option<&'static str>,
    /// Level name in Chinese (高/中/低/很低).
    pub level_zh: Option<&'static str>,
    /// Level name in English.
    pub level_en: Option<&'static str>,
    /// Fill colour `#rrggbb` (empty when the town is not painted).
    pub color: String,
    /// Longitude of the town seat (WGS-84).
    pub seat_lon: f64,
    /// Latitude of the town seat (WGS-84).
    pub seat_lat: f64,
}

/// Every town of `layer` with its value, level and colour on `painted`, in the layer's order
/// (sorted by code).
pub fn district_rows(layer: &DistrictLayer, painted: &PaintedLayer) -> Vec<DistrictRow> {
    layer
        .districts()
        .iter()
        .map(|d| {
            let pv = painted.get(&d.code);
            let value = pv.and_then(|v| v.value);
            let level = pv.and_then(|v| v.level);
            DistrictRow {
                code: d.code.clone(),
                name_zh: d.name_zh.clone(),
                name_en: d.name_en.clone(),
                short_zh: render::short_name(d, Lang::Zh),
                short_en: render::short_name(d, Lang::En),
                value,
                display: painted.format_value(value),
                level: level.map(level_id),
                level_zh: level.map(HazardLevel::name_zh),
                level_en: level.map(HazardLevel::name_en),
                color: pv.map(|v| v.color.hex()).unwrap_or_default(),
                seat_lon: d.seat.x(),
                seat_lat: d.seat.y(),
            }
        })
        .collect()
}

/// What loading boundaries (边界数据) gave: shown in the load message and the source line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoadSummary {
    /// Number of towns.
    pub count: usize,
    /// Their codes, sorted.
    pub codes: Vec<String>,
    /// Numeric attributes every layer can be built from.
    pub attributes: Vec<String>,
    /// Whether this is the built-in schematic (示意图), not surveyed boundaries.
    pub schematic: bool,
    /// The attribution line ([`attribution_of`]).
    pub attribution: String,
}

/// The summary of a freshly loaded district layer.
// One caller each in the map bundle: inlined there, as when it lived in web/.
#[inline]
pub fn load_summary(layer: &DistrictLayer) -> LoadSummary {
    LoadSummary {
        count: layer.districts().len(),
        codes: layer.districts().iter().map(|d| d.code.clone()).collect(),
        attributes: layer.numeric_attributes(),
        schematic: is_schematic(layer),
        attribution: attribution_of(layer),
    }
}

/// One legend row (图例) as the HTML legend draws it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegendRow<'a> {
    /// Row label in Chinese (level name or ramp value).
    pub label_zh: &'a str,
    /// Row label in English.
    pub label_en: &'a str,
    /// Value range with unit, Chinese.
    pub range: &'a str,
    /// Value range, English.
    pub range_en: &'a str,
    /// Swatch colour `#rrggbb`.
    pub color: String,
    /// Level id the row stands for ([`level_id`]); `None` on ramps.
    pub level: Option<&'static str>,
    /// How many towns are at this row's level (0 on ramps): the legend's "(n)".
    pub count: usize,
}

/// The legend and layer metadata of the current map (`legend()` of the element).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Legend<'a> {
    /// Layer id.
    pub id: &'a str,
    /// Layer title, Chinese.
    pub title_zh: &'a str,
    /// Layer title, English.
    pub title_en: &'a str,
    /// Unit (may be empty).
    pub unit: &'a str,
    /// What the layer means, Chinese.
    pub note_zh: &'a str,
    /// What the layer means, English.
    pub note_en: &'a str,
    /// Whether the legend is a gradient (ramp) rather than classes.
    pub is_ramp: bool,
    /// Rows, highest first.
    pub rows: Vec<LegendRow<'a>>,
    /// Whether the districts are the built-in schematic (示意图).
    pub schematic: bool,
    /// The attribution line ([`attribution_of`]).
    pub attribution: String,
}

/// The legend of `painted` on `layer`.
// One caller each in the map bundle: inlined there, as when it lived in web/.
#[inline]
pub fn legend<'a>(layer: &DistrictLayer, painted: &'a PaintedLayer) -> Legend<'a> {
    let spec = &painted.spec;
    Legend {
        id: &spec.id,
        title_zh: &spec.title_zh,
        title_en: &spec.title_en,
        unit: &spec.unit,
        note_zh: &spec.note_zh,
        note_en: &spec.note_en,
        is_ramp: painted.is_ramp,
        rows: painted
            .legend
            .iter()
            .map(|e| LegendRow {
                label_zh: &e.label_zh,
                label_en: &e.label_en,
                range: &e.range,
                range_en: &e.range_en,
                color: e.color.hex(),
                level: e.level.map(level_id),
                count: e.level.map_or(0, |l| {
                    painted.values.iter().filter(|v| v.level == Some(l)).count()
                }),
            })
            .collect(),
        schematic: is_schematic(layer),
        attribution: attribution_of(layer),
    }
}

/// The table view as CSV text (UTF-8 with BOM, CRLF) in `lang`: a header (code, town,
/// `name_en`, the layer title with its unit, level), one row per town with the value in
/// attribute units, then a `#` line with the source (示意图 marked). Written by the crate's
/// one CSV writer, so town names cannot run as spreadsheet formulas.
// One caller each in the map bundle: inlined there, as when it lived in web/.
#[inline]
pub fn table_csv(layer: &DistrictLayer, painted: &PaintedLayer, lang: Lang) -> String {
    let spec = &painted.spec;
    let en = matches!(lang, Lang::En);
    let title = if en { &spec.title_en } else { &spec.title_zh };
    let value_head = if spec.unit.is_empty() {
        title.clone()
    } else {
        format!("{title} ({})", spec.unit)
    };
    let head = if en {
        ["Code", "Town", "name_en", &value_head, "Level"]
    } else {
        ["代码", "镇街", "name_en", &value_head, "等级"]
    };
    let mut w = crate::csv_lite::Writer::with_bom();
    w.row(head);
    for r in district_rows(layer, painted) {
        let value = r.value.map(|v| v.to_string()).unwrap_or_default();
        let level = if en { r.level_en } else { r.level_zh }.unwrap_or_default();
        w.row([r.code.as_str(), &r.name_zh, &r.name_en, &value, level]);
    }
    let schematic = if is_schematic(layer) {
        "示意图 schematic; "
    } else {
        ""
    };
    w.row([format!("# {schematic}{}", attribution_of(layer))]);
    w.finish()
}

/// The map title in `lang`: `中山市镇街 · <layer>` / `Zhongshan towns · <layer>`.
// One caller each in the map bundle: inlined there, as when it lived in web/.
#[inline]
pub fn map_title(spec: &LayerSpec, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("中山市镇街 · {}", spec.title_zh),
        Lang::En => format!("Zhongshan towns · {}", spec.title_en),
    }
}

/// The attribution line (数据来源) of a layer: the schematic's own, or the one loaded with the
/// file.
pub fn attribution_of(layer: &DistrictLayer) -> String {
    match layer.source() {
        LayerSource::Schematic => crate::map::schematic::SCHEMATIC_ATTRIBUTION.to_string(),
        LayerSource::Loaded { attribution } => attribution.clone(),
    }
}

/// Whether `layer` is the built-in schematic (示意图).
fn is_schematic(layer: &DistrictLayer) -> bool {
    matches!(layer.source(), LayerSource::Schematic)
}

/// The stable id of a hazard level (危险等级) in JSON and the legend highlight:
/// `high`, `medium`, `low`, `very_low`.
pub fn level_id(l: HazardLevel) -> &'static str {
    match l {
        HazardLevel::High => "high",
        HazardLevel::Medium => "medium",
        HazardLevel::Low => "low",
        HazardLevel::VeryLow => "very_low",
    }
}

/// The level a legend highlight names ([`level_id`]'s inverse); `None` and `""` clear the
/// highlight; any other text is `INVALID_INPUT` on `field`.
// One caller each in the map bundle: inlined there, as when it lived in web/.
#[inline]
pub fn level_from_id(field: &str, id: Option<&str>) -> crate::Result<Option<HazardLevel>> {
    Ok(match id {
        None | Some("") => None,
        Some("high") => Some(HazardLevel::High),
        Some("medium") => Some(HazardLevel::Medium),
        Some("low") => Some(HazardLevel::Low),
        Some("very_low") => Some(HazardLevel::VeryLow),
        Some(other) => {
            return Err(Error::invalid_field(
                field,
                format!("等级“{other}”不是 high、medium、low、very_low 之一"),
                format!("level '{other}' is not one of high, medium, low, very_low"),
            ))
        }
    })
}

/// Layers that draw engine results on the map (engines bundle only).
#[cfg(feature = "engines")]
mod engine_layers {
    use crate::layers::{wind_level_spec, Classification, LayerSpec};

    /// The typhoon layer (台风风速图层): towns coloured by the wind-force level (风力等级) of
    /// their peak 2-min mean wind, or of the wind at the current step when `current`.
    pub fn wind_layer_spec(current: bool) -> LayerSpec {
        if current {
            wind_level_spec(
                "wind_now",
                "当前风速（2分钟平均）",
                "Current wind (2-min mean)",
            )
        } else {
            wind_level_spec(
                "wind_peak",
                "峰值风速（2分钟平均）",
                "Peak wind (2-min mean)",
            )
        }
    }

    /// The payout layer (赔付金额): towns on a continuous ramp from 0, values in 元 shown in
    /// 万元 (after deductible and caps).
    pub fn payout_layer_spec() -> LayerSpec {
        LayerSpec {
            id: "payout".into(),
            attribute: "payout".into(),
            title_zh: "赔付金额".into(),
            title_en: "Payout".into(),
            unit: "万元".into(),
            display_scale: 0.0001,
            classification: Classification::Ramp {
                min: Some(0.0),
                max: None,
            },
            range_labels: None,
            note_zh: "巨灾指数保险各镇街分摊赔款（示例条款）".into(),
            note_en: "Catastrophe-index payout allocated to each town (illustrative terms)".into(),
        }
    }
}
#[cfg(feature = "engines")]
pub use engine_layers::{payout_layer_spec, wind_layer_spec};
