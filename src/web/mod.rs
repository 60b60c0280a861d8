//! The JavaScript boundary (wasm32 only): the `RiskMap` handle behind `<zs-risk-map>`.
//!
//! The only module that names wasm-bindgen, js-sys or web-sys (checked by
//! `tests/layering.rs`). Every export returns `Result<_, JsValue>` holding a JS `Error` named
//! `RiskMapError` with a stable `code` property; none panics on bad input. A panic anyway
//! poisons the module ([`panic`]): every later call throws `POISONED` and the element shows
//! its fallback. What the map view shows (layer picker, table rows, legend, table CSV, title,
//! attribution) is built by [`crate::present::map`]; this module converts it and guards.
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used
    )
)]

mod canvas;
#[macro_use]
mod convert;
pub mod panic;
// Owned by the premium and hazard/payout areas, which harden them in their own branches: the
// lints above stay off there until they merge (one indexing and two integer additions left).
#[cfg(feature = "engines")]
#[cfg_attr(not(test), allow(clippy::arithmetic_side_effects))]
pub mod premium;
#[cfg(feature = "engines")]
pub mod pricing;
// Council briefing (issue 11): forecast mode and the regional map (docs/briefing.md §7).
#[cfg(feature = "engines")]
pub mod forecast;
#[cfg(feature = "engines")]
pub mod regional;
#[cfg(feature = "engines")]
pub mod typhoon;

use std::collections::BTreeMap;

use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::layers::{LayerSpec, PaintedLayer};
use crate::map::crs::Crs;
use crate::map::geojson::{parse_layer, LoadOptions};
use crate::map::DistrictLayer;
use crate::present::map as present;
use crate::render::{self, district_at_css, Lang, MapPart, MapView, Overlay, ScreenMap};
use crate::Error;
use convert::ExportResult;

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
    /// The canvas stacked over `canvas` for the top part (outlines, labels, furniture), when
    /// the element gives one: a layer switch then repaints the fills only
    /// (docs/performance.md §5).
    top: Option<HtmlCanvasElement>,
    /// The canvas size and pixel ratio the top canvas was drawn at; `None` when it must be
    /// drawn again. Everything else the top shows changes through [`RiskMap::view_mut`] or
    /// [`RiskMap::replace_layer`], which clear it; the fills' highlighted class and the
    /// title (drawn only with the furniture) are written directly, as they never show there.
    top_drawn: Option<(u32, u32, u64)>,
}

exports! {
impl RiskMap {
    /// Creates a map on `canvas` (an `HTMLCanvasElement`) with the built-in schematic layer
    /// and its first risk layer (population density; the element then applies its `layer`
    /// attribute). `top`, optional: a second canvas of the same size stacked over the first
    /// (transparent, not hit-tested) that takes the outlines, labels and furniture, so that
    /// a change of layer or highlighted class repaints only the fills below.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: JsValue, top: JsValue) -> Result<RiskMap> {
        let canvas = convert::canvas_arg("map.canvas", canvas)?;
        let top = if top.is_undefined() || top.is_null() {
            None
        } else {
            Some(convert::canvas_arg("map.top", top)?)
        };
        // The top is cleared before it is drawn: the same canvas twice would lose the fills.
        if top.as_ref() == Some(&canvas) {
            return Err(Error::invalid_field(
                "map.top",
                "上层画布须是另一个 <canvas> 元素，不能与地图画布相同",
                "map.top must be another canvas than map.canvas",
            )
            .into());
        }
        let layer = DistrictLayer::builtin();
        let spec = present::layer_after_load(&layer, "");
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
            top,
            top_drawn: None,
        })
    }

    /// Loads district boundaries from GeoJSON text. `crs` is `"WGS84"` or `"GCJ02"`;
    /// `attribution` a string or `null`. Wrong types are `INVALID_INPUT` on `geojson`,
    /// `geojson.crs` or `geojson.attribution`. On error the current map is kept.
    #[wasm_bindgen(js_name = loadGeoJson)]
    pub fn load_geojson(&mut self, text: JsValue, crs: JsValue, attribution: JsValue) -> Result<JsValue> {
        let text = convert::string_arg("geojson", "边界数据", &text, crate::map::geojson::MAX_BYTES)?;
        let crs = convert::opt_string_arg("geojson.crs", "坐标系", &crs, convert::MAX_ARG_BYTES)?;
        let crs = Crs::parse(crs.as_deref().unwrap_or("WGS84"))?;
        let attribution = convert::opt_string_arg(
            "geojson.attribution",
            "数据来源说明",
            &attribution,
            convert::MAX_ARG_BYTES,
        )?;
        let layer = parse_layer(&text, &LoadOptions { crs, attribution })?;
        self.replace_layer(layer)
    }

    /// Goes back to the built-in schematic layer.
    #[wasm_bindgen(js_name = useBuiltin)]
    pub fn use_builtin(&mut self) -> Result<JsValue> {
        self.replace_layer(DistrictLayer::builtin())
    }

    /// The layers available for the loaded districts: built-in risk layers whose attribute
    /// every district has, then a ramp for every other numeric attribute.
    pub fn layers(&self) -> Result<JsValue> {
        Ok(convert::to_value(&present::layer_infos(&self.layer))?)
    }

    /// Switches the coloured layer by id (see `layers()`); a non-string id is `INVALID_INPUT`
    /// on `map.layer`.
    #[wasm_bindgen(js_name = setLayer)]
    pub fn set_layer(&mut self, id: JsValue) -> Result<()> {
        let id = convert::string_arg("map.layer", "图层", &id, convert::MAX_ARG_BYTES)?;
        let spec = present::available_layer_specs(&self.layer)
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| {
                Error::invalid_field(
                    "map.layer",
                    format!("图层“{id}”不适用于当前边界数据"),
                    format!("layer '{id}' is not available for these districts"),
                )
            })?;
        self.layer_id = spec.id.clone();
        self.model_layer = None;
        self.painted = PaintedLayer::paint(&spec, &self.layer);
        Ok(())
    }

    /// The current layer id.
    #[wasm_bindgen(js_name = layerId)]
    pub fn layer_id(&self) -> Result<String> {
        Ok(self.layer_id.clone())
    }

    /// Sets the label language: `"zh-CN"` (default) or `"en"`; a non-string is
    /// `INVALID_INPUT` on `map.lang`.
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&mut self, lang: JsValue) -> Result<()> {
        let lang = convert::string_arg("map.lang", "语言", &lang, convert::MAX_ARG_BYTES)?;
        self.view_mut().lang = Lang::parse(&lang);
        Ok(())
    }

    /// Selects a district (thick outline) or clears the selection with `null`. A numeric
    /// code (`442000001`) is read as its digits. Throws `UNKNOWN_DISTRICT` for a code not in
    /// the layer and `INVALID_INPUT` for another type.
    #[wasm_bindgen(js_name = setSelected)]
    pub fn set_selected(&mut self, code: JsValue) -> Result<()> {
        let code = self.checked_code("map.selected", &code)?;
        self.view_mut().selected = code;
        Ok(())
    }

    /// Sets the keyboard-focused district (focus ring), or clears it with `null`.
    #[wasm_bindgen(js_name = setFocused)]
    pub fn set_focused(&mut self, code: JsValue) -> Result<()> {
        let code = self.checked_code("map.focused", &code)?;
        self.view_mut().focused = code;
        Ok(())
    }

    /// Highlights one legend level (`"high"`, `"medium"`, `"low"`, `"very_low"`) by fading the
    /// others, or clears it with `null` or `""`.
    #[wasm_bindgen(js_name = setHighlightLevel)]
    pub fn set_highlight_level(&mut self, level: JsValue) -> Result<()> {
        let level = convert::opt_string_arg("map.level", "等级", &level, convert::MAX_ARG_BYTES)?;
        self.view.highlight_level = present::level_from_id("map.level", level.as_deref())?;
        Ok(())
    }

    /// Draws the title and legend into the canvas (for views without an HTML legend) and
    /// widens the frame by `pad` of the districts' extent (0…2, e.g. 0.3 to see a storm
    /// coming); `OUT_OF_RANGE` on `map.pad` otherwise.
    #[wasm_bindgen(js_name = setFrame)]
    pub fn set_frame(&mut self, furniture: bool, pad: f64) -> Result<()> {
        if !(0.0..=2.0).contains(&pad) {
            return Err(Error::out_of_range(
                "map.pad",
                format!("地图外扩比例 {pad} 超出范围 0–2"),
                format!("frame padding {pad} is outside 0–2"),
            )
            .into());
        }
        let view = self.view_mut();
        view.furniture = furniture;
        view.pad_fraction = pad;
        Ok(())
    }

    /// Larger type for council briefings: 1.0 normal, e.g. 1.4 for a projector; clamped to
    /// 0.6…2.5, and a non-finite value means 1.0.
    #[wasm_bindgen(js_name = setTypeScale)]
    pub fn set_type_scale(&mut self, scale: f64) -> Result<()> {
        self.view_mut().type_scale = if scale.is_finite() {
            scale.clamp(0.6, 2.5)
        } else {
            1.0
        };
        Ok(())
    }

    /// The high-contrast palette (高对比度, docs/briefing.md §8.2) on or off; takes effect at
    /// the next `render`.
    #[wasm_bindgen(js_name = setHighContrast)]
    pub fn set_high_contrast(&mut self, on: bool) -> Result<()> {
        self.view_mut().palette = if on {
            render::Palette::HighContrast
        } else {
            render::Palette::Normal
        };
        Ok(())
    }

    /// Draws the map on the canvas. The element sizes the canvas backing store to
    /// `cssSize × dpr` first; `dpr` (0.25…8, else `OUT_OF_RANGE` on `render.dpr`) scales
    /// fonts and strokes.
    pub fn render(&mut self, dpr: f64) -> Result<()> {
        self.view.title = self.title();
        let (layer, painted, view) = (&self.layer, &self.painted, &self.view);
        let canvas = self.canvas.clone();
        let part = |p| map_part(layer, painted, view, dpr, p);
        let Some(top) = self.top.clone() else {
            let (screen, _) = convert::draw_on_canvas(canvas, false, part(MapPart::Whole))?;
            self.screen = Some(screen);
            return Ok(());
        };
        let (screen, _) = convert::draw_on_canvas(canvas, false, part(MapPart::Base))?;
        // With the legend drawn in (never on screen) the top changes with the layer.
        let key = (!view.furniture).then(|| (top.width(), top.height(), dpr.to_bits()));
        if key.is_none() || key != self.top_drawn {
            self.top_drawn = None;
            convert::draw_on_canvas(top, true, part(MapPart::Top))?;
            self.top_drawn = key;
        }
        self.screen = Some(screen);
        Ok(())
    }

    /// The code of the district under a pointer position in CSS pixels relative to the
    /// canvas, or `undefined`. Uses the transform of the last `render`.
    #[wasm_bindgen(js_name = districtAt)]
    pub fn district_at(&self, x_css: f64, y_css: f64) -> Result<Option<String>> {
        let Some(screen) = self.screen.as_ref() else {
            return Ok(None);
        };
        Ok(district_at_css(&self.layer, screen, x_css, y_css).map(str::to_string))
    }

    /// Every district with its current layer value, level and colour, sorted by code: the
    /// table view, the tooltip and keyboard navigation read this.
    pub fn districts(&self) -> Result<JsValue> {
        Ok(convert::to_value(&present::district_rows(&self.layer, &self.painted))?)
    }

    /// The table as CSV text (UTF-8 with BOM, CRLF) in `lang` (`"zh-CN"` or `"en"`): code,
    /// name, English name, value with unit, level, then a `#` line with the source. Written
    /// by the crate's one CSV writer, so names cannot run as spreadsheet formulas.
    #[wasm_bindgen(js_name = tableCsv)]
    pub fn table_csv(&self, lang: JsValue) -> Result<String> {
        let lang = convert::opt_string_arg("map.lang", "语言", &lang, convert::MAX_ARG_BYTES)?;
        let lang = Lang::parse(lang.as_deref().unwrap_or("zh-CN"));
        Ok(present::table_csv(&self.layer, &self.painted, lang))
    }

    /// The current legend rows and layer metadata.
    pub fn legend(&self) -> Result<JsValue> {
        Ok(convert::to_value(&present::legend(&self.layer, &self.painted))?)
    }

    /// Draws the export version of the map (with title and legend) on another canvas, e.g. an
    /// off-screen one for PNG download; the on-screen map and its hit-testing are untouched.
    #[wasm_bindgen(js_name = renderExport)]
    pub fn render_export(&self, canvas: JsValue, dpr: f64) -> Result<()> {
        let canvas = convert::canvas_arg("export.canvas", canvas)?;
        let view = self.export_view();
        let whole = map_part(&self.layer, &self.painted, &view, dpr, MapPart::Whole);
        convert::draw_on_canvas(canvas, false, whole)?;
        Ok(())
    }

    /// A lon/lat position in CSS pixels of the last render (`[x, y]`), e.g. to place the
    /// keyboard tooltip at a town seat. Empty before the first render.
    #[wasm_bindgen(js_name = toCss)]
    pub fn to_css(&self, lon: f64, lat: f64) -> Result<Vec<f64>> {
        Ok(match &self.screen {
            Some(s) => {
                let (x, y) = s.to_px(lon, lat);
                vec![x / s.dpr, y / s.dpr]
            }
            None => Vec::new(),
        })
    }

    /// Uses the same districts as another map (e.g. boundaries loaded in the main view).
    #[wasm_bindgen(js_name = copyDistrictsFrom)]
    pub fn copy_districts_from(&mut self, other: &RiskMap) -> Result<JsValue> {
        self.replace_layer(other.layer.clone())
    }
}
}

/// `RiskMap` methods only in the engines bundle (`engines` feature): drawing engine results
/// (the map-only bundle links no hazard or payout code) and the SVG export (plotters' SVG
/// backend; the element exports the map view's SVG through the engines bundle).
#[cfg(feature = "engines")]
mod engine_layers {
    use super::*;

    exports! {
    impl RiskMap {
    /// The same map as an SVG document of `width × height` CSS px (each 200…4000, else
    /// `OUT_OF_RANGE` on `svg.width` / `svg.height`), for download.
    #[wasm_bindgen(js_name = toSvg)]
    pub fn to_svg(&mut self, width: f64, height: f64) -> Result<String> {
        let width = export_side("svg.width", "宽度", width)?;
        let height = export_side("svg.height", "高度", height)?;
        let view = self.export_view();
        let (svg, _) = render::svg::to_svg_string(&self.layer, &self.painted, &view, width, height)?;
        Ok(svg)
    }

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
    ) -> Result<()> {
        let k_colour = if colour_by_current { step } else { None };
        let values = scenario.district_values(k_colour);
        let spec = crate::present::map::wind_layer_spec(colour_by_current);
        self.painted = PaintedLayer::from_values(&spec, &self.layer, &values);
        self.model_layer = Some((spec, values));
        let overlays = scenario.overlays(step, heat, self.view.lang);
        self.view_mut().overlays = overlays;
        Ok(())
    }

    /// Shows a payout run: towns coloured by their payout (元, continuous ramp from 0).
    #[wasm_bindgen(js_name = showPayout)]
    pub fn show_payout(&mut self, run: &typhoon::PayoutRun) -> Result<()> {
        let values = run.district_values();
        let spec = crate::present::map::payout_layer_spec();
        self.painted = PaintedLayer::from_values(&spec, &self.layer, &values);
        self.model_layer = Some((spec, values));
        Ok(())
    }
    }
    }
}

/// Rust-only helpers (not exported), as the wasm-bindgen book recommends.
impl RiskMap {
    /// The districts shown.
    pub fn district_layer(&self) -> &DistrictLayer {
        &self.layer
    }

    fn replace_layer(&mut self, layer: DistrictLayer) -> ExportResult<JsValue> {
        let summary = present::load_summary(&layer);
        self.layer = layer;
        let view = self.view_mut();
        view.selected = None;
        view.focused = None;
        let spec = present::layer_after_load(&self.layer, &self.layer_id);
        self.layer_id = spec.id.clone();
        self.model_layer = None;
        self.painted = PaintedLayer::paint(&spec, &self.layer);
        Ok(convert::to_value(&summary)?)
    }

    /// A district code argument: `null`/`undefined` clear, a code must be in the layer.
    fn checked_code(&self, field: &str, code: &JsValue) -> crate::Result<Option<String>> {
        match convert::opt_code_arg(field, "镇街编码", code)? {
            None => Ok(None),
            Some(c) if self.layer.get(&c).is_some() => Ok(Some(c)),
            Some(c) => Err(Error::UnknownDistrict(format!(
                "'{c}' is not in the loaded layer"
            ))),
        }
    }

    /// The current view with title and legend, without focus ring: for SVG and PNG export.
    fn export_view(&self) -> MapView {
        MapView {
            title: self.title(),
            furniture: true,
            focused: None,
            ..self.view.clone()
        }
    }

    /// The view, for a change the top canvas shows: it is drawn again at the next `render`.
    fn view_mut(&mut self) -> &mut MapView {
        self.top_drawn = None;
        &mut self.view
    }

    fn title(&self) -> String {
        present::map_title(&self.painted.spec, self.view.lang)
    }

    /// Replaces the overlays drawn over the districts (used by the scenario views).
    pub fn set_overlays(&mut self, overlays: Vec<Overlay>) {
        self.view_mut().overlays = overlays;
    }
}

/// Draws one part of the map (one closure type for every map drawing: one copy of the canvas
/// wrapper in the wasm).
fn map_part<'a>(
    layer: &'a DistrictLayer,
    painted: &'a PaintedLayer,
    view: &'a MapView,
    dpr: f64,
    part: MapPart,
) -> impl FnOnce(&convert::CanvasArea) -> crate::Result<(ScreenMap, render::MapLayout)> + 'a {
    move |root| render::draw_map_part(root, layer, painted, view, dpr, part)
}

/// An export side in CSS px: 200…4000 (a whole number of pixels after rounding). Only the SVG
/// export (engines bundle) takes a size.
#[cfg(feature = "engines")]
fn export_side(field: &str, label_zh: &str, v: f64) -> crate::Result<u32> {
    if (200.0..=4000.0).contains(&v) {
        // In range, so the rounded value fits a u32 exactly.
        Ok(v.round() as u32)
    } else {
        Err(Error::out_of_range(
            field,
            format!("导出{label_zh} {v} 超出范围 200–4000 像素"),
            format!("export {field} {v} is outside 200–4000 px"),
        ))
    }
}

exports! { fn
    /// Returns the crate version, for the element's "about" line and cache busting.
    pub fn version() -> Result<String> {
        Ok(env!("CARGO_PKG_VERSION").to_string())
    }
}
