//! Map rendering (地图绘制) through plotters' `DrawingBackend`: canvas in the browser, SVG
//! natively (examples, snapshot tests, "download SVG").
//!
//! [`draw_map`] draws the districts coloured by a [`PaintedLayer`], the town labels, optional
//! overlays (typhoon track, wind heat map, wind radii), a legend, a scale bar, a north arrow,
//! the title and the attribution, and returns the [`ScreenMap`] it used so that pointer
//! positions map back to districts (plotters has no hover support of its own).
//!
//! All sizes are in device pixels: the caller passes `dpr` (devicePixelRatio) and the
//! [`Theme`] multiplies fonts, strokes and margins by it, so a HiDPI canvas is sharp (the
//! backing store is `cssSize × dpr`; no `ctx.scale()`, which plotters would draw past).
//!
//! Imports are explicit: `plotters::prelude::*` would shadow `geo::Polygon`.
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used
    )
)]

pub mod charts;
pub mod labels;
#[cfg(feature = "engines")]
pub mod regional;
#[cfg(feature = "engines")]
pub mod svg;
#[cfg(feature = "engines")]
pub mod typhoon;

use geo::Coord;

use crate::map::geometry::contains_point;
use plotters::backend::DrawingBackend;
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::element::{Circle, PathElement, Polygon as PlotPolygon, Rectangle};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{
    Color, FontDesc, FontFamily, FontStyle, RGBAColor, RGBColor, ShapeStyle, TextStyle,
};

use crate::layers::{HazardLevel, PaintedLayer, Rgb};
use crate::map::projection::LocalEquirect;
use crate::map::{DistrictLayer, LayerSource};
use crate::{Error, Result};
use labels::{text_size, Rect};

/// UI language of labels drawn into the map: the crate's one [`crate::lang::Lang`], re-exported
/// so `render::Lang` keeps working.
pub use crate::lang::Lang;

/// Accepted devicePixelRatio (设备像素比) for every drawing: 0.25…8. Browsers report 1…4;
/// outside this range fonts and strokes would be invisible or the drawing loops huge.
pub const DPR_RANGE: std::ops::RangeInclusive<f64> = 0.25..=8.0;

/// Checks a devicePixelRatio against [`DPR_RANGE`].
///
/// # Errors
/// `OUT_OF_RANGE` on field `render.dpr` (NaN and ±∞ included).
pub fn check_dpr(dpr: f64) -> Result<f64> {
    if DPR_RANGE.contains(&dpr) {
        Ok(dpr)
    } else {
        Err(Error::out_of_range(
            "render.dpr",
            format!("设备像素比 dpr = {dpr} 超出范围 0.25–8"),
            format!("devicePixelRatio {dpr} is outside 0.25–8"),
        ))
    }
}

/// Font family list: CJK fonts first so Chinese renders on every platform.
pub const FONT_FAMILY: &str =
    "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', 'Source Han Sans SC', sans-serif";

/// Sizes (CSS px, multiplied by dpr) and colours of the map furniture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// devicePixelRatio the sizes are scaled by.
    pub dpr: f64,
    /// Label font size (CSS px).
    pub label_px: f64,
    /// Title font size (CSS px).
    pub title_px: f64,
    /// Small text (legend, attribution) font size (CSS px).
    pub small_px: f64,
    /// Outer margin (CSS px).
    pub margin_px: f64,
    /// Width of the legend panel when it sits on the right (CSS px).
    pub legend_width_px: f64,
    /// Scale for briefing mode (larger type): 1.0 normal.
    pub type_scale: f64,
}

impl Theme {
    /// The default theme at a devicePixelRatio.
    pub fn new(dpr: f64) -> Theme {
        let dpr = if dpr.is_finite() && dpr > 0.0 {
            dpr.min(4.0)
        } else {
            1.0
        };
        Theme {
            dpr,
            label_px: 12.0,
            title_px: 16.0,
            small_px: 11.0,
            margin_px: 10.0,
            legend_width_px: 200.0,
            type_scale: 1.0,
        }
    }
    fn px(&self, css: f64) -> f64 {
        css * self.dpr
    }
    fn font(&self, css: f64, bold: bool) -> FontDesc<'static> {
        let style = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        FontDesc::new(
            FontFamily::Name(FONT_FAMILY),
            css * self.dpr * self.type_scale,
            style,
        )
    }
}

/// The affine map from projected km to device pixels used by the last draw, with its inverse.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreenMap {
    /// Projection lon/lat ↔ km.
    pub projection: LocalEquirect,
    /// Device pixels per km.
    pub px_per_km: f64,
    /// Device-pixel x of km x = 0.
    pub origin_x: f64,
    /// Device-pixel y of km y = 0 (y grows downwards on screen).
    pub origin_y: f64,
    /// devicePixelRatio the map was drawn at.
    pub dpr: f64,
}

impl ScreenMap {
    /// lon/lat → device pixels.
    pub fn to_px(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = self.projection.forward(lon, lat);
        (
            self.origin_x + x * self.px_per_km,
            self.origin_y - y * self.px_per_km,
        )
    }
    /// Device pixels → lon/lat.
    pub fn to_lonlat(&self, px: f64, py: f64) -> (f64, f64) {
        let x = (px - self.origin_x) / self.px_per_km;
        let y = (self.origin_y - py) / self.px_per_km;
        self.projection.inverse(x, y)
    }
    /// CSS pixels (as pointer events report them) → lon/lat.
    pub fn css_to_lonlat(&self, x_css: f64, y_css: f64) -> (f64, f64) {
        self.to_lonlat(x_css * self.dpr, y_css * self.dpr)
    }
}

/// The code of the district under a lon/lat point, if any: bounding-box prefilter, then an
/// exact point-in-polygon test (`geo::Contains`).
pub fn district_at(layer: &DistrictLayer, lon: f64, lat: f64) -> Option<&str> {
    let p = Coord { x: lon, y: lat };
    layer
        .districts()
        .iter()
        .find(|d| {
            let b = d.bbox;
            lon >= b.min().x
                && lon <= b.max().x
                && lat >= b.min().y
                && lat <= b.max().y
                && contains_point(&d.shape, p)
        })
        .map(|d| d.code.as_str())
}

/// The map's colours (配色): the normal palette, or the high-contrast one (高对比度) for
/// projectors and low vision — black text on white plates (21:1, WCAG AAA), black outlines,
/// and the classes on a colour-blind-safe sequential scale from yellow to dark violet
/// (viridis: lightness alone tells the classes apart). docs/briefing.md §8.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Palette {
    /// The normal colours.
    #[default]
    Normal,
    /// High contrast (高对比度).
    HighContrast,
}

/// The fixed colours of a [`Palette`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Inks {
    /// Canvas background.
    pub background: Rgb,
    /// District outlines.
    pub outline: Rgb,
    /// Outline width, CSS px.
    pub outline_px: f64,
    /// Label and legend text.
    pub text: Rgb,
    /// The plate behind labels (translucent in the normal palette, opaque in high contrast).
    pub halo: Rgb,
    /// Secondary text: attribution, scale bar, north arrow, leader lines.
    pub muted: Rgb,
}

/// Viridis at 0, ¼, ½, ¾, 1 (yellow → violet), the high-contrast class scale.
const VIRIDIS: [Rgb; 5] = [
    Rgb(0xfd, 0xe7, 0x25),
    Rgb(0x5e, 0xc9, 0x62),
    Rgb(0x21, 0x91, 0x8c),
    Rgb(0x3b, 0x52, 0x8b),
    Rgb(0x44, 0x01, 0x54),
];

impl Palette {
    /// The palette's fixed colours.
    pub fn inks(self) -> Inks {
        match self {
            Palette::Normal => Inks {
                background: Rgb(0xf4, 0xf7, 0xfb),
                outline: Rgb(0x55, 0x5f, 0x6d),
                outline_px: 0.8,
                text: Rgb(0x1a, 0x1a, 0x1a),
                halo: Rgb(255, 255, 255),
                muted: Rgb(0x44, 0x44, 0x44),
            },
            Palette::HighContrast => Inks {
                background: Rgb(255, 255, 255),
                outline: Rgb(0, 0, 0),
                outline_px: 1.6,
                text: Rgb(0, 0, 0),
                halo: Rgb(255, 255, 255),
                muted: Rgb(0, 0, 0),
            },
        }
    }

    /// The fill of a district painted `c`. High contrast: the legend's colours ranked from
    /// light to dark (every built-in scale darkens with the value) and spread over
    /// [`VIRIDIS`]; a colour not in the legend (no data) is kept.
    pub fn fill(self, painted: &PaintedLayer, c: Rgb) -> Rgb {
        if self == Palette::Normal {
            return c;
        }
        let luma = |c: &Rgb| {
            -(0.2126 * f64::from(c.0) + 0.7152 * f64::from(c.1) + 0.0722 * f64::from(c.2))
        };
        let keys: Vec<f64> = painted.legend.iter().map(|e| luma(&e.color)).collect();
        let order = labels::order_by(&keys);
        let Some(rank) = order
            .iter()
            .position(|i| painted.legend.get(*i).is_some_and(|e| e.color == c))
        else {
            return c;
        };
        let t = rank as f64 / (order.len().max(2) as f64 - 1.0) * 4.0;
        let k = (t.floor() as usize).min(3);
        let f = t - k as f64;
        let (Some(a), Some(b)) = (VIRIDIS.get(k), VIRIDIS.get(k.saturating_add(1))) else {
            return c;
        };
        let mix = |x: u8, y: u8| (f64::from(x) + f * (f64::from(y) - f64::from(x))).round() as u8;
        Rgb(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }
}

/// Something drawn over the districts.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// A line through lon/lat points (e.g. a typhoon track).
    Polyline {
        /// (lon, lat) vertices.
        points: Vec<(f64, f64)>,
        /// Stroke colour.
        color: Rgb,
        /// Width in CSS px.
        width_px: f64,
    },
    /// Filled dots (e.g. track points coloured by grade).
    Markers {
        /// (lon, lat, colour) per dot.
        points: Vec<(f64, f64, Rgb)>,
        /// Radius in CSS px.
        radius_px: f64,
    },
    /// A circle of a radius in km (e.g. force-7/10/12 wind radii).
    RingKm {
        /// Centre (lon, lat).
        centre: (f64, f64),
        /// Radius in km.
        radius_km: f64,
        /// Stroke colour.
        color: Rgb,
        /// Label drawn at the top of the ring.
        label: String,
    },
    /// A regular lon/lat grid of colours (e.g. a wind heat map). `None` cells are not drawn.
    Raster {
        /// Longitude of the first column's centre.
        lon0: f64,
        /// Latitude of the first row's centre (rows go south → north).
        lat0: f64,
        /// Cell size in degrees.
        step_deg: f64,
        /// Columns.
        nx: usize,
        /// Rows.
        ny: usize,
        /// Row-major colours, `nx × ny`.
        cells: Vec<Option<Rgb>>,
        /// Opacity 0…1.
        alpha: f64,
    },
}

/// What to draw besides the districts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MapView {
    /// Label language.
    pub lang: Lang,
    /// Title line (e.g. the layer title); the renderer appends the 示意图 mark for schematics.
    pub title: String,
    /// Selected district (thick outline).
    pub selected: Option<String>,
    /// Keyboard-focused district (focus ring).
    pub focused: Option<String>,
    /// When set, districts at other levels are faded (legend-bin highlight).
    pub highlight_level: Option<HazardLevel>,
    /// Overlays, drawn in order over the districts and under the labels.
    pub overlays: Vec<Overlay>,
    /// Draw town labels.
    pub labels: bool,
    /// Larger type for council briefings (1.0 normal).
    pub type_scale: f64,
    /// Draw the title and the legend into the map (exports); on screen the widget shows
    /// them as HTML (interactive, accessible) and leaves the whole canvas to the map.
    pub furniture: bool,
    /// Extra margin around the districts, as a fraction of their extent (0 = tight): the
    /// typhoon view widens the frame so the storm centre is visible before landfall.
    pub pad_fraction: f64,
    /// Colours: normal or high contrast.
    pub palette: Palette,
}

/// A ring of screen points closed back to its first point, for outlines.
fn closed_path(pts: &[(i32, i32)]) -> Vec<(i32, i32)> {
    pts.iter().chain(pts.first()).copied().collect()
}

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// A drawing-backend failure (`RENDER_FAILED`). The backend's error is not formatted: its
/// `Debug` text would bring the formatting of plotters' and wasm-bindgen's error types into
/// the map bundle (≈ 0.3 KiB gz, README "Size budget") for a failure no canvas or SVG call
/// produces in practice; the code and this message say what happened.
pub(crate) fn err<E>(_: E) -> Error {
    Error::Render("the drawing backend failed".into())
}

/// A short Chinese label for a town: 石岐街道 → 石岐, 坦洲镇 → 坦洲, 古镇镇 → 古镇 (one suffix
/// only, and never below two characters).
pub fn short_name_zh(name: &str) -> String {
    let s = name
        .strip_suffix("街道")
        .or_else(|| name.strip_suffix('镇'))
        .unwrap_or(name);
    if s.chars().count() >= 2 {
        s.to_string()
    } else {
        name.to_string()
    }
}

/// A short label for a town: 石岐街道 → 石岐, 坦洲镇 → 坦洲, 古镇镇 → 古镇; English: pinyin.
pub fn short_name(d: &crate::map::District, lang: Lang) -> String {
    match lang {
        Lang::Zh => short_name_zh(&d.name_zh),
        Lang::En => d
            .text
            .get("name_pinyin")
            .filter(|s| !s.is_empty())
            .cloned()
            .unwrap_or_else(|| {
                d.name_en
                    .split(' ')
                    .next()
                    .unwrap_or(&d.name_en)
                    .to_string()
            }),
    }
}

/// Draws the map into `area` and returns the screen transform used.
///
/// # Errors
/// [`Error::Render`] when the backend fails.
pub fn draw_map<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layer: &DistrictLayer,
    painted: &PaintedLayer,
    view: &MapView,
    dpr: f64,
) -> Result<ScreenMap> {
    draw_map_layout(area, layer, painted, view, dpr).map(|(s, _)| s)
}

/// A town label as placed by the last draw (device px).
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLabel {
    /// District code.
    pub code: String,
    /// The text.
    pub text: String,
    /// Its box ([`labels::text_size`] around the drawn text).
    pub rect: Rect,
    /// Drawn away from the town seat, with a leader line (引线) to it.
    pub leader: bool,
}

/// The boxes of the last draw (device px), for tests and hit areas: the town labels, the
/// towns left unlabelled (no free position), and the furniture the labels avoid, named
/// `title`, `legend`, `scale`, `north`, `attribution`, `ring`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MapLayout {
    /// Placed town labels.
    pub labels: Vec<PlacedLabel>,
    /// Codes of towns whose label found no free position.
    pub omitted: Vec<String>,
    /// Furniture boxes.
    pub furniture: Vec<(&'static str, Rect)>,
}

impl MapLayout {
    /// The same layout moved by (`dx`, `dy`) device px (an inset drawn into a sub-area).
    pub fn offset(mut self, dx: f64, dy: f64) -> MapLayout {
        let mv = |r: &mut Rect| {
            r.x0 += dx;
            r.x1 += dx;
            r.y0 += dy;
            r.y1 += dy;
        };
        self.labels.iter_mut().for_each(|l| mv(&mut l.rect));
        self.furniture.iter_mut().for_each(|f| mv(&mut f.1));
        self
    }
}

/// [`draw_map`], also returning where every label and piece of furniture went.
///
/// # Errors
/// [`Error::Render`] when the backend fails.
pub fn draw_map_layout<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layer: &DistrictLayer,
    painted: &PaintedLayer,
    view: &MapView,
    dpr: f64,
) -> Result<(ScreenMap, MapLayout)> {
    draw_map_part(area, layer, painted, view, dpr, MapPart::Whole)
}

/// Which part of the map a drawing paints (分层绘制). The widget stacks two canvases: the
/// base under the top. A layer switch changes only the fills, so it repaints the base alone
/// and keeps the top (docs/performance.md §5); every other drawing paints the whole map on one
/// surface. Base then top over it is the same picture as the whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapPart {
    /// Background and district fills: everything a risk layer (or its highlighted class)
    /// changes when the title and legend are not drawn into the map.
    Base,
    /// Outlines, overlays, selection and focus, town labels, furniture, on a transparent
    /// surface.
    Top,
    /// Both, on one surface.
    Whole,
}

impl MapPart {
    fn base(self) -> bool {
        self != MapPart::Top
    }
    fn top(self) -> bool {
        self != MapPart::Base
    }
}

/// One [`MapPart`] of the map; the screen transform is the same for every part. The layout
/// of a base-only drawing is empty (no labels or furniture drawn).
///
/// # Errors
/// [`Error::Render`] when the backend fails.
pub fn draw_map_part<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layer: &DistrictLayer,
    painted: &PaintedLayer,
    view: &MapView,
    dpr: f64,
    part: MapPart,
) -> Result<(ScreenMap, MapLayout)> {
    let mut theme = Theme::new(check_dpr(dpr)?);
    if view.type_scale > 0.0 {
        theme.type_scale = view.type_scale;
    }
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as f64, h as f64);
    let inks = view.palette.inks();
    let muted = rgb(inks.muted);
    if part.base() {
        area.fill(&rgb(inks.background)).map_err(err)?;
    }

    // Layout: legend on the right when there is room, else in the lower-left corner.
    let m = theme.px(theme.margin_px);
    let legend_w = theme.px(theme.legend_width_px) * theme.type_scale;
    let legend_right = view.furniture && w >= legend_w * 2.8;
    let title_h = if view.furniture {
        theme.px(theme.title_px * theme.type_scale * 1.9)
    } else {
        m
    };
    // Attribution lines, wrapped to the canvas width (a phone is narrower than one line).
    let attribution = match (layer.source(), view.lang) {
        (LayerSource::Schematic, Lang::Zh) => "示意图，非行政区划界线 · 轮廓 © Clarmy/cnmetlab (MIT) · 驻地 © OpenStreetMap".to_string(),
        (LayerSource::Schematic, Lang::En) => "Schematic, not administrative boundaries · outline © Clarmy/cnmetlab (MIT) · seats © OpenStreetMap".to_string(),
        (LayerSource::Loaded { attribution }, _) => attribution.clone(),
    };
    let small_font = theme.font(theme.small_px * 0.95, false);
    let small_px = small_font.get_size();
    let lines = labels::wrap(&attribution, w - 2.0 * m, small_px);
    let line_h = small_px * 1.3;
    let foot_h = theme
        .px(theme.small_px * theme.type_scale * 2.2)
        .max(line_h * lines.len() as f64 + 0.9 * small_px);
    let map_x0 = m;
    let map_x1 = if legend_right {
        w - legend_w - m
    } else {
        w - m
    };
    let map_y0 = title_h;
    let map_y1 = h - foot_h;

    // Fit the layer's projected bounding box into the map box, aspect kept.
    let bb = {
        let b = layer.bbox();
        let p = if view.pad_fraction.is_finite() {
            view.pad_fraction.clamp(0.0, 2.0)
        } else {
            0.0
        };
        let (dx, dy) = ((b.max().x - b.min().x) * p, (b.max().y - b.min().y) * p);
        geo::Rect::new(
            (b.min().x - dx, b.min().y - dy),
            (b.max().x + dx, b.max().y + dy),
        )
    };
    let proj = LocalEquirect::new(
        (bb.min().x + bb.max().x) / 2.0,
        (bb.min().y + bb.max().y) / 2.0,
    );
    let (ax, ay) = proj.forward(bb.min().x, bb.min().y);
    let (bx, by) = proj.forward(bb.max().x, bb.max().y);
    let (kw, kh) = ((bx - ax).max(1e-6), (by - ay).max(1e-6));
    let s = ((map_x1 - map_x0) / kw)
        .min((map_y1 - map_y0) / kh)
        .max(1e-6);
    let origin_x = (map_x0 + map_x1) / 2.0 - (ax + bx) / 2.0 * s;
    let origin_y = (map_y0 + map_y1) / 2.0 + (ay + by) / 2.0 * s;
    let screen = ScreenMap {
        projection: proj,
        px_per_km: s,
        origin_x,
        origin_y,
        dpr: theme.dpr,
    };

    // Districts: fill, then outlines. Vertices closer than ¾ px are skipped (OSM layers
    // carry thousands of vertices that land on the same pixel).
    let outline = ShapeStyle {
        color: rgb(inks.outline).to_rgba(),
        filled: false,
        stroke_width: theme.px(inks.outline_px).round().max(1.0) as u32,
    };
    let min_step = theme.px(0.75);
    let mut rings_px: Vec<(usize, Vec<(i32, i32)>)> = Vec::new();
    for (i, d) in layer.districts().iter().enumerate() {
        for poly in &d.shape.0 {
            let mut pts: Vec<(i32, i32)> = Vec::with_capacity(poly.exterior().0.len());
            let mut last = (f64::NAN, f64::NAN);
            for c in &poly.exterior().0 {
                let (x, y) = screen.to_px(c.x, c.y);
                if (x - last.0).abs() + (y - last.1).abs() >= min_step || last.0.is_nan() {
                    pts.push((x.round() as i32, y.round() as i32));
                    last = (x, y);
                }
            }
            if pts.len() >= 3 {
                rings_px.push((i, pts));
            }
        }
    }
    // The fills belong to the base (the top is drawn on a transparent surface over it).
    for (i, pts) in rings_px.iter().filter(|_| part.base()) {
        let Some(d) = layer.districts().get(*i) else {
            continue;
        };
        let pv = painted.get(&d.code);
        let color = view.palette.fill(
            painted,
            pv.map(|v| v.color).unwrap_or(crate::layers::NO_DATA),
        );
        let faded = match (view.highlight_level, pv.and_then(|v| v.level)) {
            (Some(h), Some(l)) => h != l,
            (Some(_), None) => true,
            _ => false,
        };
        let fill: RGBAColor = if faded {
            rgb(color).mix(0.25)
        } else {
            rgb(color).to_rgba()
        };
        area.draw(&PlotPolygon::new(pts.clone(), fill.filled()))
            .map_err(err)?;
    }
    let mut layout = MapLayout::default();
    if !part.top() {
        return Ok((screen, layout));
    }
    for (_, pts) in &rings_px {
        area.draw(&PathElement::new(closed_path(pts), outline))
            .map_err(err)?;
    }

    // Overlays come only from the scenario views (engines bundle): the map bundle leaves the
    // overlay drawing out (README "Size budget").
    // High contrast leaves out the translucent heat map: it would tint the class colours.
    #[cfg(feature = "engines")]
    for ov in view
        .overlays
        .iter()
        .filter(|o| view.palette == Palette::Normal || !matches!(o, Overlay::Raster { .. }))
    {
        if let Some(r) = draw_overlay(area, &screen, &theme, ov)? {
            layout.furniture.push(("ring", r));
        }
    }

    // Selection and focus on top of everything but labels.
    let emphasis = [
        (view.selected.as_deref(), RGBColor(0x10, 0x10, 0x10), 3.0),
        (view.focused.as_deref(), RGBColor(0x15, 0x65, 0xc0), 2.5),
    ];
    for (code, color, width) in emphasis {
        let Some(code) = code else { continue };
        let st = ShapeStyle {
            color: color.to_rgba(),
            filled: false,
            stroke_width: theme.px(width).round() as u32,
        };
        for (_, pts) in rings_px
            .iter()
            .filter(|(i, _)| layer.districts().get(*i).is_some_and(|d| d.code == code))
        {
            area.draw(&PathElement::new(closed_path(pts), st))
                .map_err(err)?;
        }
    }

    // Furniture boxes first: the labels avoid them.
    let (km, bar_len) = scale_bar_km(&screen, map_x1 - map_x0);
    let bar_text = format!("{km} km");
    let small = theme.font(theme.small_px, false);
    let (btw, bth) = text_size(&bar_text, small.get_size());
    let tick = theme.px(5.0);
    let bar_box = |x: f64, y: f64| Rect {
        x0: x.min(x + 0.5 * (bar_len - btw)),
        y0: y - tick * 1.2 - bth,
        x1: (x + bar_len).max(x + 0.5 * (bar_len + btw)),
        y1: y + theme.px(2.0),
    };
    let legend = view.furniture.then(|| {
        legend_box(
            &theme,
            painted,
            view.lang,
            m,
            title_h,
            legend_right,
            legend_w,
            w,
            map_y1,
        )
    });
    if view.furniture {
        layout.furniture.push((
            "title",
            Rect {
                x0: 0.0,
                y0: 0.0,
                x1: w,
                y1: title_h,
            },
        ));
    }
    // Scale bar bottom-left; bottom-right, or above the legend, when the legend is there.
    let bar_y = map_y1 - theme.px(8.0);
    let bar_at = [
        (map_x0 + m, bar_y),
        (map_x1 - m - bar_len.max(btw), bar_y),
        (map_x0 + m, legend.map_or(bar_y, |l| l.1.y0 - theme.px(6.0))),
    ]
    .into_iter()
    .find(|(x, y)| legend.is_none_or(|l| !bar_box(*x, *y).intersects(&l.1)))
    .unwrap_or((map_x0 + m, bar_y));
    layout
        .furniture
        .push(("scale", bar_box(bar_at.0, bar_at.1)));
    let (nx, ny) = (map_x1 - theme.px(16.0), map_y0 + theme.px(14.0));
    let nh = theme.px(theme.small_px * 1.2 * theme.type_scale);
    layout.furniture.push((
        "north",
        Rect::centred(nx, ny + theme.px(5.0), nh, nh + theme.px(14.0)),
    ));
    if let Some(l) = &legend {
        layout.furniture.push(("legend", l.1));
    }
    let n_lines = lines.len() as f64;
    let line_y = |j: usize| h - foot_h / 2.0 + (j as f64 - (n_lines - 1.0) / 2.0) * line_h;
    for (j, line) in lines.iter().enumerate() {
        let (tw, th) = text_size(line, small_px);
        layout.furniture.push((
            "attribution",
            Rect {
                x0: w - m - tw,
                y0: line_y(j) - th / 2.0,
                x1: w - m,
                y1: line_y(j) + th / 2.0,
            },
        ));
    }

    if view.labels {
        draw_labels(
            area,
            layer,
            view,
            &theme,
            &screen,
            &mut layout,
            w,
            map_y1,
            if view.furniture { title_h } else { 0.0 },
        )?;
    }

    if view.furniture {
        draw_title_and_legend(area, &theme, layer, painted, view, m, title_h, legend)?;
    }

    // Scale bar and north arrow (top-right of the map box).
    draw_scale_bar(area, &theme, bar_at.0, bar_at.1, bar_len, &bar_text, muted)?;
    let arrow_style = TextStyle::from(theme.font(theme.small_px * 1.2, true))
        .color(&muted)
        .pos(Pos::new(HPos::Center, VPos::Center));
    let (nx, ny) = (nx as i32, ny as i32);
    area.draw_text("N", &arrow_style, (nx, ny)).map_err(err)?;
    area.draw(&PathElement::new(
        vec![
            (nx, ny.saturating_add(theme.px(22.0) as i32)),
            (nx, ny.saturating_add(theme.px(9.0) as i32)),
        ],
        ShapeStyle {
            color: rgb(inks.muted).to_rgba(),
            filled: false,
            stroke_width: theme.px(1.5).round() as u32,
        },
    ))
    .map_err(err)?;

    // Attribution, bottom-right, one or more lines.
    let small = TextStyle::from(small_font)
        .color(&muted)
        .pos(Pos::new(HPos::Right, VPos::Center));
    for (j, line) in lines.iter().enumerate() {
        area.draw_text(line, &small, ((w - m) as i32, line_y(j) as i32))
            .map_err(err)?;
    }
    Ok((screen, layout))
}

/// Where the town labels go (not generic over the backend, so the engines bundle has one
/// copy for canvas and SVG): names, (seat, box size) and placements, in district order.
#[allow(clippy::type_complexity)]
fn place_town_labels(
    layer: &DistrictLayer,
    lang: Lang,
    screen: &ScreenMap,
    layout: &MapLayout,
    fpx: f64,
    gap: f64,
    bounds: Rect,
) -> (
    Vec<String>,
    Vec<labels::Label>,
    Vec<Option<labels::Placement>>,
) {
    let ds = layer.districts();
    let names: Vec<String> = ds.iter().map(|d| short_name(d, lang)).collect();
    let items: Vec<_> = ds
        .iter()
        .zip(&names)
        .map(|(d, n)| (screen.to_px(d.seat.x(), d.seat.y()), text_size(n, fpx)))
        .collect();
    let areas: Vec<f64> = ds
        .iter()
        .map(|d| (d.bbox.max().x - d.bbox.min().x) * (d.bbox.max().y - d.bbox.min().y))
        .collect();
    let order = labels::order_by(&areas);
    let obstacles: Vec<Rect> = layout.furniture.iter().map(|f| f.1).collect();
    let placed = labels::place(&items, &order, &obstacles, bounds, gap, |i, (x, y)| {
        let (lon, lat) = screen.to_lonlat(x, y);
        ds.get(i)
            .is_some_and(|d| contains_point(&d.shape, Coord { x: lon, y: lat }))
    });
    (names, items, placed)
}

/// Opacity of the plate behind a town label ([`Inks::halo`]). High contrast: opaque, so the
/// text is black on white whatever the fill. Normal: 0.75 white over the darkest class fill
/// still leaves the label ink ≥ 4.5:1 (WCAG AA; `tests/palette.rs` checks it on every scale)
/// while the class colour shows through.
pub fn label_plate_alpha(palette: Palette) -> f64 {
    match palette {
        Palette::Normal => 0.75,
        Palette::HighContrast => 1.0,
    }
}

/// Places and draws the town labels (docs/briefing.md §8): smallest towns first (they have
/// the least room), each at its seat or beside it inside its own district, else out on a
/// leader line; boxes go into `layout`.
#[allow(clippy::too_many_arguments)]
fn draw_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layer: &DistrictLayer,
    view: &MapView,
    theme: &Theme,
    screen: &ScreenMap,
    layout: &mut MapLayout,
    w: f64,
    y1: f64,
    y0: f64,
) -> Result<()> {
    let font = theme.font(theme.label_px, false);
    let fpx = font.get_size();
    let ds = layer.districts();
    let o = theme.px(1.0).round().max(1.0);
    let bounds = Rect {
        x0: o,
        y0: y0 + o,
        x1: w - o,
        y1: y1 - o,
    };
    let (names, items, placed) =
        place_town_labels(layer, view.lang, screen, layout, fpx, o * 2.0, bounds);
    let inks = view.palette.inks();
    // Every label sits on a plate of the halo colour (one rectangle and one text per town,
    // docs/performance.md §4): opaque in high contrast, translucent otherwise so the class
    // colour still shows around the text.
    let plate = rgb(inks.halo).mix(label_plate_alpha(view.palette)).filled();
    let text_c = rgb(inks.text);
    let ink = TextStyle::from(font)
        .color(&text_c)
        .pos(Pos::new(HPos::Center, VPos::Center));
    let lead = ShapeStyle {
        color: rgb(inks.muted).to_rgba(),
        filled: false,
        stroke_width: o as u32,
    };
    let oi = o as i32;
    for (((d, name), p), (anchor, _)) in ds.iter().zip(names).zip(placed).zip(&items) {
        let Some(p) = p else {
            layout.omitted.push(d.code.clone());
            continue;
        };
        let (cx, cy) = p.rect.centre();
        let (x, y) = (cx.round() as i32, cy.round() as i32);
        if p.leader {
            let a = (anchor.0.round() as i32, anchor.1.round() as i32);
            let e = p.rect.nearest(*anchor);
            area.draw(&PathElement::new(vec![a, (e.0 as i32, e.1 as i32)], lead))
                .map_err(err)?;
            area.draw(&Circle::new(a, oi.saturating_mul(2), lead.filled()))
                .map_err(err)?;
        }
        let r = &p.rect;
        area.draw(&Rectangle::new(
            [(r.x0 as i32, r.y0 as i32), (r.x1 as i32, r.y1 as i32)],
            plate,
        ))
        .map_err(err)?;
        area.draw_text(&name, &ink, (x, y)).map_err(err)?;
        layout.labels.push(PlacedLabel {
            code: d.code.clone(),
            text: name,
            rect: p.rect,
            leader: p.leader,
        });
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn draw_title_and_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    layer: &DistrictLayer,
    painted: &PaintedLayer,
    view: &MapView,
    m: f64,
    title_h: f64,
    legend: Option<LegendAt>,
) -> Result<()> {
    let theme = *theme;
    // Title.
    let schematic = matches!(layer.source(), LayerSource::Schematic);
    let mark = match (schematic, view.lang) {
        (true, Lang::Zh) => "（示意图）",
        (true, Lang::En) => " (schematic)",
        _ => "",
    };
    let ink = rgb(view.palette.inks().text);
    let title_style = TextStyle::from(theme.font(theme.title_px, true))
        .color(&ink)
        .pos(Pos::new(HPos::Left, VPos::Center));
    area.draw_text(
        &format!("{}{}", view.title, mark),
        &title_style,
        (m as i32, (title_h / 2.0) as i32),
    )
    .map_err(err)?;

    let Some(((lx, ly0, row_h), _)) = legend else {
        return Ok(());
    };
    draw_legend(area, &theme, painted, view, lx, ly0, row_h)?;
    Ok(())
}

/// Where the legend goes: (x, top, row height) and its box.
type LegendAt = ((f64, f64, f64), Rect);

/// The legend's place: on the right when there is room, else in the lower-left corner of
/// the map box; its box is measured from its texts.
#[allow(clippy::too_many_arguments)]
fn legend_box(
    theme: &Theme,
    painted: &PaintedLayer,
    lang: Lang,
    m: f64,
    title_h: f64,
    legend_right: bool,
    legend_w: f64,
    w: f64,
    map_y1: f64,
) -> LegendAt {
    let lx = if legend_right { w - legend_w } else { m };
    let row_h = theme.px(theme.small_px * 2.0) * theme.type_scale;
    let rows = painted.legend.len() as f64;
    let ly0 = if legend_right {
        title_h + m
    } else {
        map_y1 - row_h * (rows + 1.6)
    };
    let fpx = theme.font(theme.small_px, false).get_size();
    let sw = theme.px(24.0) * theme.type_scale;
    let tw = painted
        .legend
        .iter()
        .map(|e| sw + text_size(&legend_label(painted, e, lang), fpx).0)
        .fold(
            text_size(legend_title(painted, lang), fpx * 1.1).0,
            f64::max,
        );
    (
        (lx, ly0, row_h),
        Rect {
            x0: lx,
            y0: ly0,
            x1: lx + tw,
            y1: ly0 + row_h * (rows + 1.3),
        },
    )
}

fn legend_title(painted: &PaintedLayer, lang: Lang) -> &str {
    match lang {
        Lang::Zh => &painted.spec.title_zh,
        Lang::En => &painted.spec.title_en,
    }
}

fn legend_label(painted: &PaintedLayer, e: &crate::layers::LegendEntry, lang: Lang) -> String {
    if painted.is_ramp {
        e.range.clone()
    } else {
        match lang {
            Lang::Zh => format!("{}  {}", e.label_zh, e.range),
            Lang::En => format!("{}  {}", e.label_en, e.range_en),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    painted: &PaintedLayer,
    view: &MapView,
    x: f64,
    y0: f64,
    row_h: f64,
) -> Result<()> {
    let (lang, highlight) = (view.lang, view.highlight_level);
    let ink = rgb(view.palette.inks().text);
    let head = TextStyle::from(theme.font(theme.small_px * 1.1, true))
        .color(&ink)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let text = TextStyle::from(theme.font(theme.small_px, false))
        .color(&ink)
        .pos(Pos::new(HPos::Left, VPos::Center));
    area.draw_text(
        legend_title(painted, lang),
        &head,
        (x as i32, (y0 + row_h * 0.5) as i32),
    )
    .map_err(err)?;
    let sw = theme.px(18.0) * theme.type_scale;
    let sh = row_h * 0.7;
    for (i, e) in painted.legend.iter().enumerate() {
        let ry = y0 + row_h * (i as f64 + 1.3);
        let faded = matches!((highlight, e.level), (Some(h), Some(l)) if h != l);
        let c = if faded {
            rgb(e.color).mix(0.3)
        } else {
            rgb(e.color).to_rgba()
        };
        area.draw(&Rectangle::new(
            [(x as i32, ry as i32), ((x + sw) as i32, (ry + sh) as i32)],
            c.filled(),
        ))
        .map_err(err)?;
        area.draw(&Rectangle::new(
            [(x as i32, ry as i32), ((x + sw) as i32, (ry + sh) as i32)],
            ShapeStyle {
                color: RGBColor(0x77, 0x77, 0x77).to_rgba(),
                filled: false,
                stroke_width: 1,
            },
        ))
        .map_err(err)?;
        let label = legend_label(painted, e, lang);
        area.draw_text(
            &label,
            &text,
            ((x + sw + theme.px(6.0)) as i32, (ry + sh / 2.0) as i32),
        )
        .map_err(err)?;
    }
    Ok(())
}

/// A round scale-bar length near a fifth of the map width: (km, device px).
fn scale_bar_km(screen: &ScreenMap, map_w: f64) -> (f64, f64) {
    let target_km = map_w / screen.px_per_km / 5.0;
    let km = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0]
        .into_iter()
        .rev()
        .find(|k| *k <= target_km)
        .unwrap_or(1.0);
    (km, km * screen.px_per_km)
}

fn draw_scale_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    x: f64,
    y: f64,
    len: f64,
    label: &str,
    ink: RGBColor,
) -> Result<()> {
    let st = ShapeStyle {
        color: ink.to_rgba(),
        filled: false,
        stroke_width: theme.px(2.0).round() as u32,
    };
    let tick = theme.px(5.0);
    area.draw(&PathElement::new(
        vec![
            (x as i32, (y - tick) as i32),
            (x as i32, y as i32),
            ((x + len) as i32, y as i32),
            ((x + len) as i32, (y - tick) as i32),
        ],
        st,
    ))
    .map_err(err)?;
    let text = TextStyle::from(theme.font(theme.small_px, false))
        .color(&ink)
        .pos(Pos::new(HPos::Center, VPos::Bottom));
    area.draw_text(
        label,
        &text,
        ((x + len / 2.0) as i32, (y - tick * 1.2) as i32),
    )
    .map_err(err)?;
    Ok(())
}

#[cfg(feature = "engines")]
fn draw_overlay<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    screen: &ScreenMap,
    theme: &Theme,
    ov: &Overlay,
) -> Result<Option<Rect>> {
    let mut label_box = None;
    match ov {
        Overlay::Polyline {
            points,
            color,
            width_px,
        } => {
            let pts: Vec<(i32, i32)> = points
                .iter()
                .map(|(lon, lat)| {
                    let (x, y) = screen.to_px(*lon, *lat);
                    (x.round() as i32, y.round() as i32)
                })
                .collect();
            let st = ShapeStyle {
                color: rgb(*color).to_rgba(),
                filled: false,
                stroke_width: theme.px(*width_px).round().max(1.0) as u32,
            };
            area.draw(&PathElement::new(pts, st)).map_err(err)?;
        }
        Overlay::Markers { points, radius_px } => {
            let r = theme.px(*radius_px).round().max(1.0) as i32;
            for (lon, lat, c) in points {
                let (x, y) = screen.to_px(*lon, *lat);
                let p = (x.round() as i32, y.round() as i32);
                area.draw(&Circle::new(p, r, rgb(*c).filled()))
                    .map_err(err)?;
                area.draw(&Circle::new(
                    p,
                    r,
                    ShapeStyle {
                        color: RGBColor(0x33, 0x33, 0x33).to_rgba(),
                        filled: false,
                        stroke_width: 1,
                    },
                ))
                .map_err(err)?;
            }
        }
        Overlay::RingKm {
            centre,
            radius_km,
            color,
            label,
        } => {
            let (cx, cy) = screen.to_px(centre.0, centre.1);
            let r = (radius_km * screen.px_per_km).round() as i32;
            let st = ShapeStyle {
                color: rgb(*color).to_rgba(),
                filled: false,
                stroke_width: theme.px(1.5).round().max(1.0) as u32,
            };
            area.draw(&Circle::new((cx.round() as i32, cy.round() as i32), r, st))
                .map_err(err)?;
            if !label.is_empty() {
                let ink = rgb(*color);
                let font = theme.font(theme.small_px, true);
                let (tw, th) = text_size(label, font.get_size());
                let ty = cy - r as f64 - theme.px(2.0);
                label_box = Some(Rect::centred(cx, ty - th / 2.0, tw, th));
                let text = TextStyle::from(font)
                    .color(&ink)
                    .pos(Pos::new(HPos::Center, VPos::Bottom));
                area.draw_text(label, &text, (cx.round() as i32, ty as i32))
                    .map_err(err)?;
            }
        }
        Overlay::Raster {
            lon0,
            lat0,
            step_deg,
            nx,
            ny,
            cells,
            alpha,
        } => {
            let half = step_deg / 2.0;
            for j in 0..*ny {
                for i in 0..*nx {
                    let k = j.checked_mul(*nx).and_then(|r| r.checked_add(i));
                    let Some(c) = k.and_then(|k| cells.get(k)).copied().flatten() else {
                        continue;
                    };
                    let lon = lon0 + *step_deg * i as f64;
                    let lat = lat0 + *step_deg * j as f64;
                    // Neighbours round their shared edge the same way: no seams and no
                    // overlaps (overlapping translucent cells would show as a darker grid).
                    let (x0, y0) = screen.to_px(lon - half, lat + half);
                    let (x1, y1) = screen.to_px(lon + half, lat - half);
                    area.draw(&Rectangle::new(
                        [
                            (x0.round() as i32, y0.round() as i32),
                            (x1.round() as i32, y1.round() as i32),
                        ],
                        rgb(c).mix(*alpha).filled(),
                    ))
                    .map_err(err)?;
                }
            }
        }
    }
    Ok(label_box)
}

/// Checks that a point in CSS pixels is inside a district (convenience for hit-tests).
pub fn district_at_css<'a>(
    layer: &'a DistrictLayer,
    screen: &ScreenMap,
    x_css: f64,
    y_css: f64,
) -> Option<&'a str> {
    let (lon, lat) = screen.css_to_lonlat(x_css, y_css);
    district_at(layer, lon, lat)
}
