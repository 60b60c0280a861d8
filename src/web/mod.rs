//! The JavaScript boundary (wasm32 only): the `RiskMap` handle behind `<zs-risk-map>`.
//!
//! The only module that names wasm-bindgen, js-sys or web-sys (checked by
//! `tests/layering.rs`). Every export returns `Result<_, JsValue>` holding a JS `Error` named
//! `RiskMapError` with a stable `code` property; none panics on bad input. A panic anyway
//! poisons the module ([`panic`]): every later call throws `POISONED` and the element shows
//! its fallback.
#![deny(clippy::unwrap_used, clippy::expect_used)]

mod convert;
pub mod panic;
pub mod premium;
pub mod pricing;
pub mod typhoon;

use std::collections::BTreeMap;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::layers::{builtin_layers, HazardLevel, LayerSpec, PaintedLayer};
use crate::map::crs::Crs;
use crate::map::geojson::{parse_layer, LoadOptions};
use crate::map::{DistrictLayer, LayerSource};
use crate::render::{self, district_at_css, Lang, MapView, Overlay, ScreenMap};
use crate::Error;
use convert::{to_js, JsResult};

/// One risk layer the user can pick.
#[derive(Serialize)]
struct LayerInfo {
    id: String,
    title_zh: String,
    title_en: String,
    unit: String,
    kind: &'static str,
    note_zh: String,
    note_en: String,
}

/// One row of the table view / tooltip.
#[derive(Serialize)]
struct DistrictRow {
    code: String,
    name_zh: String,
    name_en: String,
    short_zh: String,
    short_en: String,
    value: Option<f64>,
    display: String,
    level: Option<&'static str>,
    level_zh: Option<&'static str>,
    level_en: Option<&'static str>,
    color: String,
    seat_lon: f64,
    seat_lat: f64,
}

/// Summary returned after loading boundaries.
#[derive(Serialize)]
struct LoadSummary {
    count: usize,
    codes: Vec<String>,
    attributes: Vec<String>,
    schematic: bool,
    attribution: String,
}

/// The map widget's state in wasm memory: districts, the current layer and view, and the
/// last screen transform (for hit-testing). JS holds it as an opaque handle; call `free()`.
#[wasm_bindgen]
pub struct RiskMap {
    canvas: HtmlCanvasElement,
    layer: DistrictLayer,
    layer_id: String,
    view: MapView,
    /// Model values replacing an attribute layer (peak wind, payout…), with their spec.
    model_layer: Option<(LayerSpec, BTreeMap<String, f64>)>,
    painted: PaintedLayer,
    screen: Option<ScreenMap>,
}

#[wasm_bindgen]
impl RiskMap {
    /// Creates a map on `canvas` with the built-in schematic layer and the surge layer.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement) -> JsResult<RiskMap> {
        panic::check()?;
        let layer = DistrictLayer::builtin();
        let spec = builtin_layers()
            .into_iter()
            .next()
            .ok_or_else(|| to_js(&Error::InvalidInput("no layers".into())))?;
        let painted = PaintedLayer::paint(&spec, &layer);
        Ok(RiskMap {
            canvas,
            layer,
            layer_id: spec.id.clone(),
            view: MapView {
                labels: true,
                type_scale: 1.0,
                ..MapView::default()
            },
            model_layer: None,
            painted,
            screen: None,
        })
    }

    /// Loads district boundaries from GeoJSON text. `crs` is `"WGS84"` or `"GCJ02"`.
    /// On error the current map is kept and a `RiskMapError` is thrown.
    #[wasm_bindgen(js_name = loadGeoJson)]
    pub fn load_geojson(
        &mut self,
        text: &str,
        crs: &str,
        attribution: Option<String>,
    ) -> JsResult<JsValue> {
        panic::check()?;
        let crs = Crs::parse(crs).map_err(|e| to_js(&e))?;
        let layer = parse_layer(text, &LoadOptions { crs, attribution }).map_err(|e| to_js(&e))?;
        self.replace_layer(layer)
    }

    /// Goes back to the built-in schematic layer.
    #[wasm_bindgen(js_name = useBuiltin)]
    pub fn use_builtin(&mut self) -> JsResult<JsValue> {
        panic::check()?;
        self.replace_layer(DistrictLayer::builtin())
    }

    /// The layers available for the loaded districts: built-in risk layers whose attribute
    /// every district has, then a ramp for every other numeric attribute.
    pub fn layers(&self) -> JsResult<JsValue> {
        panic::check()?;
        convert::to_value(&self.available_layers())
    }

    /// Switches the coloured layer by id (see `layers()`).
    #[wasm_bindgen(js_name = setLayer)]
    pub fn set_layer(&mut self, id: &str) -> JsResult<()> {
        panic::check()?;
        let spec = self
            .available_layers_specs()
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| {
                to_js(&Error::InvalidInput(format!(
                    "layer '{id}' is not available for these districts"
                )))
            })?;
        self.layer_id = spec.id.clone();
        self.model_layer = None;
        self.painted = PaintedLayer::paint(&spec, &self.layer);
        Ok(())
    }

    /// The current layer id.
    #[wasm_bindgen(js_name = layerId)]
    pub fn layer_id(&self) -> String {
        self.layer_id.clone()
    }

    /// Sets the label language: `"zh-CN"` (default) or `"en"`.
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&mut self, lang: &str) {
        self.view.lang = Lang::parse(lang);
    }

    /// Selects a district (thick outline) or clears the selection with `null`.
    /// Throws `UNKNOWN_DISTRICT` for a code not in the layer.
    #[wasm_bindgen(js_name = setSelected)]
    pub fn set_selected(&mut self, code: Option<String>) -> JsResult<()> {
        panic::check()?;
        self.view.selected = self.checked_code(code)?;
        Ok(())
    }

    /// Sets the keyboard-focused district (focus ring), or clears it with `null`.
    #[wasm_bindgen(js_name = setFocused)]
    pub fn set_focused(&mut self, code: Option<String>) -> JsResult<()> {
        panic::check()?;
        self.view.focused = self.checked_code(code)?;
        Ok(())
    }

    /// Highlights one legend level (`"high"`, `"medium"`, `"low"`, `"very_low"`) by fading the
    /// others, or clears it with `null`.
    #[wasm_bindgen(js_name = setHighlightLevel)]
    pub fn set_highlight_level(&mut self, level: Option<String>) -> JsResult<()> {
        self.view.highlight_level = match level.as_deref() {
            None | Some("") => None,
            Some("high") => Some(HazardLevel::High),
            Some("medium") => Some(HazardLevel::Medium),
            Some("low") => Some(HazardLevel::Low),
            Some("very_low") => Some(HazardLevel::VeryLow),
            Some(other) => {
                return Err(to_js(&Error::InvalidInput(format!(
                    "level '{other}' is not one of high, medium, low, very_low"
                ))))
            }
        };
        Ok(())
    }

    /// Draws the title and legend into the canvas (for views without an HTML legend) and
    /// widens the frame by `pad` of the districts' extent (e.g. 0.3 to see a storm coming).
    #[wasm_bindgen(js_name = setFrame)]
    pub fn set_frame(&mut self, furniture: bool, pad: f64) {
        self.view.furniture = furniture;
        self.view.pad_fraction = pad;
    }

    /// Larger type for council briefings: 1.0 normal, e.g. 1.4 for a projector.
    #[wasm_bindgen(js_name = setTypeScale)]
    pub fn set_type_scale(&mut self, scale: f64) {
        self.view.type_scale = if scale.is_finite() {
            scale.clamp(0.6, 2.5)
        } else {
            1.0
        };
    }

    /// Draws the map on the canvas. The element sizes the canvas backing store to
    /// `cssSize × dpr` first; `dpr` scales fonts and strokes.
    pub fn render(&mut self, dpr: f64) -> JsResult<()> {
        panic::check()?;
        self.view.title = self.title();
        let screen = convert::draw_on_canvas(self.canvas.clone(), |root| {
            render::draw_map(root, &self.layer, &self.painted, &self.view, dpr)
        })?;
        self.screen = Some(screen);
        Ok(())
    }

    /// The code of the district under a pointer position in CSS pixels relative to the
    /// canvas, or `undefined`. Uses the transform of the last `render`.
    #[wasm_bindgen(js_name = districtAt)]
    pub fn district_at(&self, x_css: f64, y_css: f64) -> Option<String> {
        let screen = self.screen.as_ref()?;
        district_at_css(&self.layer, screen, x_css, y_css).map(str::to_string)
    }

    /// Every district with its current layer value, level and colour, sorted by code: the
    /// table view, the tooltip and keyboard navigation read this.
    pub fn districts(&self) -> JsResult<JsValue> {
        panic::check()?;
        let rows: Vec<DistrictRow> = self
            .layer
            .districts()
            .iter()
            .map(|d| {
                let pv = self.painted.get(&d.code);
                let value = pv.and_then(|v| v.value);
                let level = pv.and_then(|v| v.level);
                DistrictRow {
                    code: d.code.clone(),
                    name_zh: d.name_zh.clone(),
                    name_en: d.name_en.clone(),
                    short_zh: render::short_name(d, Lang::Zh),
                    short_en: render::short_name(d, Lang::En),
                    value,
                    display: self.painted.format_value(value),
                    level: level.map(level_id),
                    level_zh: level.map(HazardLevel::name_zh),
                    level_en: level.map(HazardLevel::name_en),
                    color: pv.map(|v| v.color.hex()).unwrap_or_default(),
                    seat_lon: d.seat.x(),
                    seat_lat: d.seat.y(),
                }
            })
            .collect();
        convert::to_value(&rows)
    }

    /// The current legend rows and layer metadata.
    pub fn legend(&self) -> JsResult<JsValue> {
        panic::check()?;
        #[derive(Serialize)]
        struct Row<'a> {
            label_zh: &'a str,
            label_en: &'a str,
            range: &'a str,
            range_en: &'a str,
            color: String,
            level: Option<&'static str>,
        }
        #[derive(Serialize)]
        struct Legend<'a> {
            id: &'a str,
            title_zh: &'a str,
            title_en: &'a str,
            unit: &'a str,
            note_zh: &'a str,
            note_en: &'a str,
            is_ramp: bool,
            rows: Vec<Row<'a>>,
            schematic: bool,
            attribution: String,
        }
        let spec = &self.painted.spec;
        convert::to_value(&Legend {
            id: &spec.id,
            title_zh: &spec.title_zh,
            title_en: &spec.title_en,
            unit: &spec.unit,
            note_zh: &spec.note_zh,
            note_en: &spec.note_en,
            is_ramp: self.painted.is_ramp,
            rows: self
                .painted
                .legend
                .iter()
                .map(|e| Row {
                    label_zh: &e.label_zh,
                    label_en: &e.label_en,
                    range: &e.range,
                    range_en: &e.range_en,
                    color: e.color.hex(),
                    level: e.level.map(level_id),
                })
                .collect(),
            schematic: matches!(self.layer.source(), LayerSource::Schematic),
            attribution: match self.layer.source() {
                LayerSource::Schematic => crate::map::schematic::SCHEMATIC_ATTRIBUTION.to_string(),
                LayerSource::Loaded { attribution } => attribution.clone(),
            },
        })
    }

    /// The same map as an SVG document (`width × height` CSS px), for download.
    #[wasm_bindgen(js_name = toSvg)]
    pub fn to_svg(&mut self, width: u32, height: u32) -> JsResult<String> {
        panic::check()?;
        let view = MapView {
            title: self.title(),
            furniture: true,
            focused: None,
            ..self.view.clone()
        };
        let (svg, _) = render::svg::to_svg_string(
            &self.layer,
            &self.painted,
            &view,
            width.clamp(200, 4000),
            height.clamp(200, 4000),
        )
        .map_err(|e| to_js(&e))?;
        Ok(svg)
    }

    /// Draws the export version of the map (with title and legend) on another canvas, e.g. an
    /// off-screen one for PNG download; the on-screen map and its hit-testing are untouched.
    #[wasm_bindgen(js_name = renderExport)]
    pub fn render_export(&self, canvas: HtmlCanvasElement, dpr: f64) -> JsResult<()> {
        panic::check()?;
        let view = MapView {
            title: self.title(),
            furniture: true,
            focused: None,
            ..self.view.clone()
        };
        convert::draw_on_canvas(canvas, |root| {
            render::draw_map(root, &self.layer, &self.painted, &view, dpr).map(|_| ())
        })
    }

    /// A lon/lat position in CSS pixels of the last render (`[x, y]`), e.g. to place the
    /// keyboard tooltip at a town seat. Empty before the first render.
    #[wasm_bindgen(js_name = toCss)]
    pub fn to_css(&self, lon: f64, lat: f64) -> Vec<f64> {
        match &self.screen {
            Some(s) => {
                let (x, y) = s.to_px(lon, lat);
                vec![x / s.dpr, y / s.dpr]
            }
            None => Vec::new(),
        }
    }
}

#[wasm_bindgen]
impl RiskMap {
    /// Shows a typhoon scenario: towns coloured by the wind-force level of their peak wind
    /// (or of the wind at hourly step `step`), the track with grade-coloured points, the
    /// centre with its force-7/10/12 radii at `step`, and optionally the wind heat map.
    #[wasm_bindgen(js_name = showTyphoon)]
    pub fn show_typhoon(
        &mut self,
        scenario: &mut typhoon::TyphoonScenario,
        step: Option<usize>,
        heat: bool,
        colour_by_current: bool,
    ) -> JsResult<()> {
        panic::check()?;
        let k_colour = if colour_by_current { step } else { None };
        let values = scenario.district_values(k_colour);
        let spec = if colour_by_current {
            crate::layers::wind_level_spec(
                "wind_now",
                "当前风速（2分钟平均）",
                "Current wind (2-min mean)",
            )
        } else {
            crate::layers::wind_level_spec(
                "wind_peak",
                "峰值风速（2分钟平均）",
                "Peak wind (2-min mean)",
            )
        };
        self.painted = PaintedLayer::from_values(&spec, &self.layer, &values);
        self.model_layer = Some((spec, values));
        self.view.overlays = scenario.overlays(step, heat, self.view.lang);
        Ok(())
    }

    /// Shows a payout run: towns coloured by their payout (元, continuous ramp from 0).
    #[wasm_bindgen(js_name = showPayout)]
    pub fn show_payout(&mut self, run: &typhoon::PayoutRun) -> JsResult<()> {
        panic::check()?;
        let values = run.district_values();
        let spec = LayerSpec {
            id: "payout".into(),
            attribute: "payout".into(),
            title_zh: "赔付金额".into(),
            title_en: "Payout".into(),
            unit: "万元".into(),
            display_scale: 0.0001,
            classification: crate::layers::Classification::Ramp {
                min: Some(0.0),
                max: None,
            },
            range_labels: None,
            note_zh: "巨灾指数保险各镇街分摊赔款（示例条款）".into(),
            note_en: "Catastrophe-index payout allocated to each town (illustrative terms)".into(),
        };
        self.painted = PaintedLayer::from_values(&spec, &self.layer, &values);
        self.model_layer = Some((spec, values));
        Ok(())
    }

    /// Uses the same districts as another map (e.g. boundaries loaded in the main view).
    #[wasm_bindgen(js_name = copyDistrictsFrom)]
    pub fn copy_districts_from(&mut self, other: &RiskMap) -> JsResult<JsValue> {
        panic::check()?;
        self.replace_layer(other.layer.clone())
    }
}

/// Rust-only helpers (not exported), as the wasm-bindgen book recommends.
impl RiskMap {
    /// The districts shown.
    pub fn district_layer(&self) -> &DistrictLayer {
        &self.layer
    }

    fn replace_layer(&mut self, layer: DistrictLayer) -> JsResult<JsValue> {
        let summary = LoadSummary {
            count: layer.districts().len(),
            codes: layer.districts().iter().map(|d| d.code.clone()).collect(),
            attributes: layer.numeric_attributes(),
            schematic: matches!(layer.source(), LayerSource::Schematic),
            attribution: match layer.source() {
                LayerSource::Schematic => crate::map::schematic::SCHEMATIC_ATTRIBUTION.to_string(),
                LayerSource::Loaded { attribution } => attribution.clone(),
            },
        };
        self.layer = layer;
        self.view.selected = None;
        self.view.focused = None;
        // Keep the current layer when the new districts support it, else the first one.
        let specs = self.available_layers_specs();
        let spec = specs
            .iter()
            .find(|s| s.id == self.layer_id)
            .or_else(|| specs.first())
            .cloned()
            .unwrap_or_else(|| LayerSpec::ramp_for("none"));
        self.layer_id = spec.id.clone();
        self.model_layer = None;
        self.painted = PaintedLayer::paint(&spec, &self.layer);
        convert::to_value(&summary)
    }

    fn available_layers_specs(&self) -> Vec<LayerSpec> {
        let attrs = self.layer.numeric_attributes();
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

    fn available_layers(&self) -> Vec<LayerInfo> {
        self.available_layers_specs()
            .into_iter()
            .map(|s| LayerInfo {
                kind: if matches!(
                    s.classification,
                    crate::layers::Classification::Levels { .. }
                ) {
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
            })
            .collect()
    }

    fn checked_code(&self, code: Option<String>) -> JsResult<Option<String>> {
        match code {
            None => Ok(None),
            Some(c) if self.layer.get(&c).is_some() => Ok(Some(c)),
            Some(c) => Err(to_js(&Error::UnknownDistrict(format!(
                "'{c}' is not in the loaded layer"
            )))),
        }
    }

    fn title(&self) -> String {
        let spec = &self.painted.spec;
        match self.view.lang {
            Lang::Zh => format!("中山市镇街 · {}", spec.title_zh),
            Lang::En => format!("Zhongshan towns · {}", spec.title_en),
        }
    }

    /// Replaces the overlays drawn over the districts (used by the scenario views).
    pub fn set_overlays(&mut self, overlays: Vec<Overlay>) {
        self.view.overlays = overlays;
    }
}

fn level_id(l: HazardLevel) -> &'static str {
    match l {
        HazardLevel::High => "high",
        HazardLevel::Medium => "medium",
        HazardLevel::Low => "low",
        HazardLevel::VeryLow => "very_low",
    }
}

/// Returns the crate version, for the element's "about" line and cache busting.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
