//! The regional map at the JS boundary (区域图): the `RegionalMap` handle draws
//! `crate::render::regional` for a typhoon scenario or a forecast ensemble, and keeps the
//! view box (zoom and pan) so that wheel, drag, pinch and the + / − / 0 keys only change plain
//! numbers. docs/briefing.md §6–§7.

use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::convert::{draw_on_canvas, to_value, JsResult};
use super::forecast::ForecastEnsemble;
use super::typhoon::TyphoonScenario;
use crate::map::coastline::Coastline;
use crate::present::regional::{self as present, InsetKey, SceneStyle};
use crate::render::regional::{
    draw_regional, regional_svg, RegionalScene, ViewBox, PROJECTOR_TYPE_SCALE,
};
use crate::render::{Lang, Palette, ScreenMap};
use crate::Error;

/// Largest SVG export side, px (the same bound as a canvas backing store).
const MAX_SVG_SIDE: u32 = 8192;

/// The regional map (区域图) widget state: coastline, view box, type scale, language and
/// palette.
#[wasm_bindgen]
pub struct RegionalMap {
    coast: Coastline,
    view: ViewBox,
    type_scale: f64,
    lang: Lang,
    palette: Palette,
    screen: Option<ScreenMap>,
    /// Which forecast probability the inset shows.
    inset_key: InsetKey,
}

/// What to draw besides the coastline: assembled per call from a scenario or an ensemble.
enum Source<'a> {
    Typhoon(&'a TyphoonScenario, usize),
    Forecast(&'a ForecastEnsemble),
}

impl RegionalMap {
    /// Builds the scene of `src` ([`present::typhoon_scene`] / [`present::forecast_scene`])
    /// and hands it to `draw`.
    fn with_scene<T>(
        &self,
        src: &Source,
        title: &str,
        draw: impl FnOnce(&RegionalScene) -> crate::Result<T>,
    ) -> crate::Result<T> {
        let style = SceneStyle {
            lang: self.lang,
            type_scale: self.type_scale,
            title: title.to_string(),
            palette: self.palette,
        };
        match src {
            Source::Typhoon(sc, k) => {
                let prepared = sc.prepared();
                let k = (*k).min(prepared.len().saturating_sub(1));
                let inset = present::typhoon_inset(sc.layer(), &sc.district_values(Some(k)));
                draw(&present::typhoon_scene(
                    &self.coast,
                    sc.track(),
                    prepared,
                    k,
                    &inset,
                    style,
                ))
            }
            Source::Forecast(f) => {
                // The inset appears once every member has run.
                let inset = f
                    .run()
                    .result()
                    .ok()
                    .map(|r| present::forecast_inset(f.layer(), &r, self.inset_key));
                draw(&present::forecast_scene(
                    &self.coast,
                    f.parsed(),
                    inset.as_ref(),
                    style,
                ))
            }
        }
    }

    fn draw(
        &mut self,
        canvas: HtmlCanvasElement,
        src: &Source,
        dpr: f64,
        title: &str,
    ) -> JsResult<()> {
        let view = self.view;
        let screen = draw_on_canvas(canvas, false, |area| {
            self.with_scene(src, title, |scene| draw_regional(area, scene, &view, dpr))
        })?;
        self.screen = Some(screen);
        Ok(())
    }

    fn svg(&self, src: &Source, width: u32, height: u32, title: &str) -> crate::Result<String> {
        if !(1..=MAX_SVG_SIDE).contains(&width) || !(1..=MAX_SVG_SIDE).contains(&height) {
            return Err(Error::out_of_range(
                "size",
                format!("导出尺寸须为 1–{MAX_SVG_SIDE} 像素"),
                format!("export size must be 1–{MAX_SVG_SIDE} px"),
            ));
        }
        self.with_scene(src, title, |scene| {
            regional_svg(scene, &self.view, width, height).map(|(s, _)| s)
        })
    }
}

exports! {
impl RegionalMap {
    /// A regional map showing the whole region (zoom 1), base type scale, Chinese labels.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<RegionalMap> {
        Ok(RegionalMap {
            coast: Coastline::builtin()?,
            view: ViewBox::region(),
            type_scale: 1.0,
            lang: Lang::Zh,
            palette: Palette::Normal,
            screen: None,
            inset_key: InsetKey::default(),
        })
    }

    /// Which forecast probability the inset paints: `ge8 | ge10 | ge12 | blue | yellow |
    /// orange | red` (P(≥ level) or P(signal ≥ colour)); anything else is `INVALID_INPUT`.
    #[wasm_bindgen(js_name = setForecastInset)]
    pub fn set_forecast_inset(&mut self, key: &str) -> Result<()> {
        self.inset_key = InsetKey::parse(key)?;
        Ok(())
    }

    /// Label language (`zh-CN` | `en`).
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&mut self, lang: &str) -> Result<()> {
        self.lang = Lang::parse(lang);
        Ok(())
    }

    /// Type scale of every text on the map (1 = base; [`PROJECTOR_TYPE_SCALE`] for a
    /// projector); clamped to 0.5…3, non-finite → 1.
    #[wasm_bindgen(js_name = setTypeScale)]
    pub fn set_type_scale(&mut self, s: f64) -> Result<()> {
        self.type_scale = if s.is_finite() {
            s.clamp(0.5, 3.0)
        } else {
            1.0
        };
        Ok(())
    }

    /// The high-contrast palette (高对比度, docs/briefing.md §8.2) on or off, as
    /// `RiskMap.setHighContrast` for the town map; takes effect at the next draw or SVG.
    #[wasm_bindgen(js_name = setHighContrast)]
    pub fn set_high_contrast(&mut self, on: bool) -> Result<()> {
        self.palette = if on {
            Palette::HighContrast
        } else {
            Palette::Normal
        };
        Ok(())
    }

    /// The projector type scale (every map text ≥ 18 CSS px).
    #[wasm_bindgen(js_name = projectorTypeScale)]
    pub fn projector_type_scale() -> Result<f64> {
        Ok(PROJECTOR_TYPE_SCALE)
    }

    /// The view box `{lon, lat, zoom}`.
    pub fn view(&self) -> Result<JsValue> {
        Ok(to_value(&present::view_info(&self.view))?)
    }

    /// Sets the view box (clamped: zoom 1…32, centre inside the region; non-finite → the
    /// whole region's value).
    #[wasm_bindgen(js_name = setView)]
    pub fn set_view(&mut self, lon: f64, lat: f64, zoom: f64) -> Result<()> {
        self.view = ViewBox { lon, lat, zoom }.clamped();
        Ok(())
    }

    /// Back to the whole region (key `0`).
    pub fn reset(&mut self) -> Result<()> {
        self.view = ViewBox::region();
        Ok(())
    }

    /// Zooms by `factor` about the device-pixel point (`px`, `py`) of a `w × h` device-pixel
    /// canvas (wheel, pinch, + / −).
    #[wasm_bindgen(js_name = zoomAbout)]
    pub fn zoom_about(&mut self, px: f64, py: f64, factor: f64, w: f64, h: f64) -> Result<()> {
        self.view = self.view.zoom_about(px, py, factor, w.max(1.0), h.max(1.0));
        Ok(())
    }

    /// Pans by (`dx`, `dy`) device pixels (drag, arrow keys).
    #[wasm_bindgen(js_name = panBy)]
    pub fn pan_by(&mut self, dx: f64, dy: f64, w: f64, h: f64) -> Result<()> {
        let (dx, dy) = (
            if dx.is_finite() { dx } else { 0.0 },
            if dy.is_finite() { dy } else { 0.0 },
        );
        self.view = self.view.pan_by_px(dx, dy, w.max(1.0), h.max(1.0));
        Ok(())
    }

    /// `[lon, lat]` under a CSS-pixel point of the last drawing (`[]` before one).
    #[wasm_bindgen(js_name = cssToLonLat)]
    pub fn css_to_lonlat(&self, x: f64, y: f64) -> Result<Vec<f64>> {
        Ok(self.screen.as_ref().map_or_else(Vec::new, |s| {
            let (lon, lat) = s.css_to_lonlat(x, y);
            vec![lon, lat]
        }))
    }

    /// Draws a typhoon scenario at hourly step `k`: the whole track from its first point,
    /// the centre, the model's 7/10/12 级 circles and the towns' current wind in the inset.
    #[wasm_bindgen(js_name = drawTyphoon)]
    pub fn draw_typhoon(
        &mut self,
        canvas: HtmlCanvasElement,
        scenario: &TyphoonScenario,
        k: usize,
        dpr: f64,
        title: &str,
    ) -> Result<()> {
        Ok(self.draw(canvas, &Source::Typhoon(scenario, k), dpr, title)?)
    }

    /// Draws a forecast: the bulletin's points and labels, the 70 % cone, the reported wind
    /// circles and, once the ensemble is done, the chosen probability per town in the inset
    /// ([`RegionalMap::set_forecast_inset`], default P(≥ 10 级)).
    #[wasm_bindgen(js_name = drawForecast)]
    pub fn draw_forecast(
        &mut self,
        canvas: HtmlCanvasElement,
        ensemble: &ForecastEnsemble,
        dpr: f64,
        title: &str,
    ) -> Result<()> {
        Ok(self.draw(canvas, &Source::Forecast(ensemble), dpr, title)?)
    }

    /// The typhoon drawing as an SVG document of `width × height` px.
    #[wasm_bindgen(js_name = svgTyphoon)]
    pub fn svg_typhoon(
        &self,
        scenario: &TyphoonScenario,
        k: usize,
        width: u32,
        height: u32,
        title: &str,
    ) -> Result<String> {
        Ok(self.svg(&Source::Typhoon(scenario, k), width, height, title)?)
    }

    /// The forecast drawing as an SVG document of `width × height` px.
    #[wasm_bindgen(js_name = svgForecast)]
    pub fn svg_forecast(
        &self,
        ensemble: &ForecastEnsemble,
        width: u32,
        height: u32,
        title: &str,
    ) -> Result<String> {
        Ok(self.svg(&Source::Forecast(ensemble), width, height, title)?)
    }
}
}
