//! The regional typhoon map (区域台风图): the Pearl River estuary and the Guangdong coast
//! around Zhongshan with the storm's whole track from its first point, forecast points and
//! the uncertainty cone (预报不确定性锥), the 7/10/12 级 wind circles (风圈) and an inset of
//! the city's schematic town layer. Drawn through plotters' `DrawingBackend` like
//! [`super::draw_map`]: canvas in the browser, SVG natively ([`regional_svg`]).
//!
//! The view ([`ViewBox`]) is a centre in lon/lat and a zoom factor; [`ViewBox::zoom_about`]
//! keeps the point under the pointer fixed, [`ViewBox::pan_by_px`] drags, and every result is
//! clamped ([`ViewBox::clamped`]) so the region never leaves the screen. All text is sized by
//! [`RegionalScene::type_scale`] (base sizes 10.45–16 CSS px; [`PROJECTOR_TYPE_SCALE`] makes every
//! label ≥ 18 px for a projector). API for the widget: `docs/briefing.md` §6.
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used
    )
)]

use plotters::backend::DrawingBackend;
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::element::{
    Circle, DashedPathElement, PathElement, Polygon as PlotPolygon, Rectangle,
};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontDesc, FontFamily, FontStyle, RGBColor, ShapeStyle, TextStyle};

use super::labels::{self, text_size, Rect};
use super::typhoon::{grade_color, GradedPoint};
use super::{draw_map_layout, Inks, Lang, MapLayout, MapView, Palette, ScreenMap, FONT_FAMILY};
use crate::layers::{PaintedLayer, Rgb};
use crate::map::coastline::{Coastline, REGION_BBOX};
use crate::map::projection::LocalEquirect;
use crate::map::DistrictLayer;
use crate::{Error, Result};

/// Smallest zoom: the whole region fits the canvas.
pub const MIN_ZOOM: f64 = 1.0;
/// Largest zoom (street-block scale is not the point: the schematic takes over at city scale).
pub const MAX_ZOOM: f64 = 32.0;
/// Zoom of the city view (Zhongshan fills most of the canvas).
pub const CITY_ZOOM: f64 = 6.0;
/// Type scale of the projector mode (投影模式): every text of the map and its inset ≥ 18 CSS px
/// (the smallest base size is the inset's attribution, 11 × 0.95 = 10.45 px).
pub const PROJECTOR_TYPE_SCALE: f64 = 1.75;

/// Projection centre of the regional map (fixed, so panning never reprojects).
fn projection() -> LocalEquirect {
    let [x0, y0, x1, y1] = REGION_BBOX;
    LocalEquirect::new(0.5 * (x0 + x1), 0.5 * (y0 + y1))
}

/// What part of the region is on screen: a centre (lon, lat) and a zoom (1 = the whole
/// region fits; 2 = half the extent; …).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewBox {
    /// Centre longitude, °E.
    pub lon: f64,
    /// Centre latitude, °N.
    pub lat: f64,
    /// Zoom factor, [`MIN_ZOOM`]…[`MAX_ZOOM`].
    pub zoom: f64,
}

impl Default for ViewBox {
    fn default() -> Self {
        ViewBox::region()
    }
}

impl ViewBox {
    /// The whole region (key `0`).
    pub fn region() -> ViewBox {
        let [x0, y0, x1, y1] = REGION_BBOX;
        ViewBox {
            lon: 0.5 * (x0 + x1),
            lat: 0.5 * (y0 + y1),
            zoom: MIN_ZOOM,
        }
    }

    /// Zhongshan at [`CITY_ZOOM`].
    pub fn city() -> ViewBox {
        ViewBox {
            lon: 113.39,
            lat: 22.50,
            zoom: CITY_ZOOM,
        }
    }

    /// Zoom within bounds (non-finite → 1) and the centre inside the region box.
    pub fn clamped(&self) -> ViewBox {
        let [x0, y0, x1, y1] = REGION_BBOX;
        let zoom = if self.zoom.is_finite() {
            self.zoom.clamp(MIN_ZOOM, MAX_ZOOM)
        } else {
            MIN_ZOOM
        };
        let c = ViewBox::region();
        ViewBox {
            lon: if self.lon.is_finite() {
                self.lon.clamp(x0, x1)
            } else {
                c.lon
            },
            lat: if self.lat.is_finite() {
                self.lat.clamp(y0, y1)
            } else {
                c.lat
            },
            zoom,
        }
    }

    /// Device pixels per km for a canvas of `w × h` device pixels.
    fn px_per_km(&self, w: f64, h: f64) -> f64 {
        let proj = projection();
        let [x0, y0, x1, y1] = REGION_BBOX;
        let (ax, ay) = proj.forward(x0, y0);
        let (bx, by) = proj.forward(x1, y1);
        let fit = (w / (bx - ax).max(1e-6)).min(h / (by - ay).max(1e-6));
        fit * self.clamped().zoom
    }

    /// The screen transform for a canvas of `w × h` **device** pixels drawn at `dpr`.
    pub fn screen(&self, w: f64, h: f64, dpr: f64) -> ScreenMap {
        let v = self.clamped();
        let proj = projection();
        let s = v.px_per_km(w, h).max(1e-9);
        let (cx, cy) = proj.forward(v.lon, v.lat);
        ScreenMap {
            projection: proj,
            px_per_km: s,
            origin_x: 0.5 * w - cx * s,
            origin_y: 0.5 * h + cy * s,
            dpr: if dpr.is_finite() && dpr > 0.0 {
                dpr
            } else {
                1.0
            },
        }
    }

    /// Zooms by `factor` (> 1 in, < 1 out: wheel, pinch, `+`/`−`) about the device-pixel
    /// point (`px`, `py`) on a `w × h` canvas, keeping the lon/lat under it fixed (as far as
    /// the clamps allow).
    pub fn zoom_about(&self, px: f64, py: f64, factor: f64, w: f64, h: f64) -> ViewBox {
        let f = if factor.is_finite() && factor > 0.0 {
            factor
        } else {
            1.0
        };
        let before = self.clamped();
        let s0 = before.screen(w, h, 1.0);
        let (lon, lat) = s0.to_lonlat(px, py);
        let zoomed = ViewBox {
            zoom: before.zoom * f,
            ..before
        }
        .clamped();
        // Move the centre so (lon, lat) lands on (px, py) again.
        let s1 = zoomed.screen(w, h, 1.0);
        let (qx, qy) = s1.to_px(lon, lat);
        zoomed.pan_by_px(px - qx, py - qy, w, h)
    }

    /// Pans so the map moves by (`dx`, `dy`) device pixels (drag, arrow keys).
    pub fn pan_by_px(&self, dx: f64, dy: f64, w: f64, h: f64) -> ViewBox {
        let v = self.clamped();
        let s = v.screen(w, h, 1.0);
        let (lon, lat) = s.to_lonlat(0.5 * w - dx, 0.5 * h - dy);
        ViewBox { lon, lat, ..v }.clamped()
    }

    /// The lon/lat box on screen: `[lon_min, lat_min, lon_max, lat_max]`.
    pub fn visible_bbox(&self, w: f64, h: f64) -> [f64; 4] {
        let s = self.screen(w, h, 1.0);
        let (a, b) = s.to_lonlat(0.0, h);
        let (c, d) = s.to_lonlat(w, 0.0);
        [a, b, c, d]
    }
}

/// A wind circle (风圈) to draw: its level and its outline in lon/lat, computed by
/// `present::regional` from the radii per quadrant (`present::regional::WindRadii`).
#[derive(Debug, Clone, PartialEq)]
pub struct WindCircle {
    /// GB/T 28591 level of its edge: 7, 10 or 12 (colour and legend row).
    pub level: u8,
    /// Outline, (lon, lat); drawing closes it (the last point joins the first).
    pub outline: Vec<(f64, f64)>,
}

/// A forecast point (预报点) and its label (e.g. `+24h` or `2日14时`).
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastMark {
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// Label drawn beside the point (empty: none).
    pub label: String,
}

/// What the regional map shows.
#[derive(Debug, Clone)]
pub struct RegionalScene<'a> {
    /// Coastline (land polygons).
    pub coastline: &'a Coastline,
    /// The observed track from its first point (best track or the storm so far), each point
    /// with its grade; empty: none.
    pub history: Vec<GradedPoint>,
    /// The current centre (latest position / animation step).
    pub current: Option<(f64, f64)>,
    /// Forecast points, in lead-time order, starting at the current position.
    pub forecast: Vec<ForecastMark>,
    /// Outline (lon, lat) of the forecast's uncertainty cone, computed by
    /// `present::regional::cone_polygon`; empty: no cone.
    pub cone: Vec<(f64, f64)>,
    /// Wind circles at the current centre.
    pub wind_circles: Vec<WindCircle>,
    /// City inset: the town layer and its colours (e.g. P(≥ 10 级)); `None`: no inset. It sits
    /// bottom-right, or bottom-left when [`RegionalScene::current`] is in the right half.
    pub inset: Option<(&'a DistrictLayer, &'a PaintedLayer)>,
    /// Label language.
    pub lang: Lang,
    /// Type scale (1 = base sizes; ≥ 18/11 for a projector).
    pub type_scale: f64,
    /// Title line (empty: none).
    pub title: String,
    /// Colours of the text, plates, outlines and the inset (配色): [`Palette::HighContrast`]
    /// puts every text in the palette's ink on an opaque plate, strokes the coast and the
    /// frames in its outline colour and gives the inset the high-contrast classes
    /// (docs/briefing.md §8.2).
    pub palette: Palette,
}

/// Base font sizes, CSS px, before the type scale: labels, title, small text.
pub const BASE_LABEL_PX: f64 = 12.0;
/// Title size, CSS px.
pub const BASE_TITLE_PX: f64 = 16.0;
/// Smallest text (legend, attribution, graticule), CSS px.
pub const BASE_SMALL_PX: f64 = 11.0;

/// Cities drawn for orientation (approximate centres, WGS-84).
const CITIES: [(&str, &str, f64, f64); 8] = [
    ("中山", "Zhongshan", 113.39, 22.52),
    ("广州", "Guangzhou", 113.26, 23.13),
    ("深圳", "Shenzhen", 114.06, 22.55),
    ("珠海", "Zhuhai", 113.58, 22.27),
    ("澳门", "Macao", 113.55, 22.19),
    ("香港", "Hong Kong", 114.17, 22.32),
    ("江门", "Jiangmen", 113.08, 22.58),
    ("阳江", "Yangjiang", 111.98, 21.86),
];

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// The regional map's own colours in the normal palette, or the palette's inks in high
/// contrast (one definition of high contrast: [`Palette::inks`]).
struct Colours {
    /// High contrast: texts sit on opaque plates of `plate`.
    plated: bool,
    /// Land fill.
    land: RGBColor,
    /// Coast stroke and its width (CSS px).
    coast: (RGBColor, f64),
    /// Title text.
    title: RGBColor,
    /// City dots and names, legend text.
    text: RGBColor,
    /// Attribution, graticule labels, leader lines.
    muted: RGBColor,
    /// Forecast labels (red in the normal palette).
    forecast_label: RGBColor,
    /// Plate behind texts (high contrast) and the legend box.
    plate: RGBColor,
    /// Frames (inset, its locator box, legend box in high contrast).
    frame: RGBColor,
}

impl Colours {
    fn of(palette: Palette) -> Colours {
        let Inks {
            background,
            outline,
            outline_px,
            text,
            halo,
            muted,
        } = palette.inks();
        match palette {
            Palette::Normal => Colours {
                plated: false,
                land: RGBColor(0xf3, 0xef, 0xe4),
                coast: (RGBColor(0x6b, 0x8a, 0xa8), 0.8),
                title: RGBColor(0x1a, 0x23, 0x33),
                text: RGBColor(0x44, 0x44, 0x44),
                muted: RGBColor(0x44, 0x44, 0x44),
                forecast_label: FORECAST_RED,
                plate: rgb(halo),
                frame: RGBColor(0x33, 0x33, 0x33),
            },
            Palette::HighContrast => Colours {
                plated: true,
                land: rgb(background),
                coast: (rgb(outline), outline_px),
                title: rgb(text),
                text: rgb(text),
                muted: rgb(muted),
                forecast_label: rgb(text),
                plate: rgb(halo),
                frame: rgb(outline),
            },
        }
    }
}

/// The forecast track's red.
const FORECAST_RED: RGBColor = RGBColor(0xc0, 0x18, 0x18);

/// An opaque plate behind a text box (high contrast), padded by 2 CSS px.
fn draw_plate<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    r: &Rect,
    col: &Colours,
    sz: &Sizes,
) -> Result<()> {
    if !col.plated {
        return Ok(());
    }
    let pad = sz.px(2.0);
    area.draw(&Rectangle::new(
        [
            ((r.x0 - pad) as i32, (r.y0 - pad) as i32),
            ((r.x1 + pad) as i32, (r.y1 + pad) as i32),
        ],
        col.plate.filled(),
    ))
    .map_err(err)
}

fn err<E: std::fmt::Debug>(e: E) -> Error {
    Error::Render(format!("{e:?}"))
}

/// Colour of a wind circle's level (CMA site convention: 7 yellow, 10 orange, 12 red).
pub fn wind_circle_color(level: u8) -> Rgb {
    match level {
        l if l >= 12 => Rgb(0xd0, 0x1c, 0x1c),
        l if l >= 10 => Rgb(0xf0, 0x8c, 0x00),
        _ => Rgb(0xe6, 0xb8, 0x00),
    }
}

struct Sizes {
    dpr: f64,
    scale: f64,
}

impl Sizes {
    fn px(&self, css: f64) -> f64 {
        css * self.dpr
    }
    fn font(&self, css: f64, bold: bool) -> FontDesc<'static> {
        FontDesc::new(
            FontFamily::Name(FONT_FAMILY),
            css * self.scale * self.dpr,
            if bold {
                FontStyle::Bold
            } else {
                FontStyle::Normal
            },
        )
    }
    fn stroke(&self, css: f64) -> u32 {
        self.px(css).round().max(1.0) as u32
    }
}

fn ipt(s: &ScreenMap, lon: f64, lat: f64) -> (i32, i32) {
    let (x, y) = s.to_px(lon, lat);
    (x.round() as i32, y.round() as i32)
}

/// Draws the regional map into `area` (device pixels, `dpr` = devicePixelRatio) and returns
/// the screen transform (for pointer → lon/lat).
///
/// # Errors
/// [`Error::Render`] when the backend fails.
pub fn draw_regional<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &RegionalScene,
    view: &ViewBox,
    dpr: f64,
) -> Result<ScreenMap> {
    draw_regional_layout(area, scene, view, dpr).map(|(s, _)| s)
}

/// [`draw_regional`], also returning the boxes it used (device px): the city and forecast
/// labels (`labels`, code = the label's own text), the inset's town labels and furniture
/// (moved to the outer canvas), and the regional furniture `title`, `legend`, `inset`,
/// `attribution` (docs/briefing.md §8).
///
/// # Errors
/// [`Error::Render`] when the backend fails.
pub fn draw_regional_layout<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &RegionalScene,
    view: &ViewBox,
    dpr: f64,
) -> Result<(ScreenMap, MapLayout)> {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (f64::from(w), f64::from(h));
    let sz = Sizes {
        dpr: if dpr.is_finite() && dpr > 0.0 {
            dpr.min(4.0)
        } else {
            1.0
        },
        scale: if scene.type_scale.is_finite() && scene.type_scale > 0.0 {
            scene.type_scale.min(4.0)
        } else {
            1.0
        },
    };
    let screen = view.screen(w, h, sz.dpr);
    let col = Colours::of(scene.palette);
    area.fill(&RGBColor(0xd6, 0xe8, 0xf5)).map_err(err)?;
    let (layout, placed) = regional_layout(scene, &screen, &sz, w, h);

    // Land, then the coast (clip-box edges are not coast and are not stroked).
    let land = col.land;
    for ring in &scene.coastline.rings {
        let pts: Vec<(i32, i32)> = ring.iter().map(|p| ipt(&screen, p.0, p.1)).collect();
        area.draw(&PlotPolygon::new(pts, land.filled()))
            .map_err(err)?;
    }
    let coast = ShapeStyle {
        color: col.coast.0.to_rgba(),
        filled: false,
        stroke_width: sz.stroke(col.coast.1),
    };
    for ring in &scene.coastline.rings {
        let mut run: Vec<(i32, i32)> = Vec::new();
        for (a, b) in ring.iter().zip(ring.iter().cycle().skip(1)) {
            if scene.coastline.is_border_edge(*a, *b) {
                if run.len() >= 2 {
                    area.draw(&PathElement::new(std::mem::take(&mut run), coast))
                        .map_err(err)?;
                }
                run.clear();
                continue;
            }
            if run.is_empty() {
                run.push(ipt(&screen, a.0, a.1));
            }
            run.push(ipt(&screen, b.0, b.1));
        }
        if run.len() >= 2 {
            area.draw(&PathElement::new(run, coast)).map_err(err)?;
        }
    }

    // Outside the coastline's box there is no data: grey, so it never reads as sea.
    let [bx0, by0, bx1, by1] = scene.coastline.bbox;
    let (l, t) = screen.to_px(bx0, by1);
    let (r, b) = screen.to_px(bx1, by0);
    let grey = RGBColor(0xe4, 0xe4, 0xe4).filled();
    let (wi, hi) = (w.ceil() as i32, h.ceil() as i32);
    let (l, t, r, b) = (
        l.round() as i32,
        t.round() as i32,
        r.round() as i32,
        b.round() as i32,
    );
    for rect in [
        [(0, 0), (wi, t)],
        [(0, b), (wi, hi)],
        [(0, t), (l, b)],
        [(r, t), (wi, b)],
    ] {
        if rect[0].0 < rect[1].0 && rect[0].1 < rect[1].1 {
            area.draw(&Rectangle::new(rect, grey)).map_err(err)?;
        }
    }

    draw_graticule(area, &screen, &sz, &col, w, h)?;

    // Cities for orientation (labels where `regional_layout` put them).
    let city_style = TextStyle::from(sz.font(BASE_SMALL_PX, false))
        .color(&col.text)
        .pos(Pos::new(HPos::Center, VPos::Center));
    for ((_, _, lon, lat), at) in CITIES.iter().zip(&placed) {
        let p = ipt(&screen, *lon, *lat);
        area.draw(&Circle::new(p, sz.px(2.5) as i32, col.text.filled()))
            .map_err(err)?;
        if let Some((name, r)) = at {
            draw_point_label(area, p, name, r, &city_style, None, &col, &sz)?;
        }
    }

    // Cone (under everything storm-related), then the wind circles.
    if !scene.cone.is_empty() {
        let poly: Vec<(i32, i32)> = scene.cone.iter().map(|p| ipt(&screen, p.0, p.1)).collect();
        area.draw(&PlotPolygon::new(
            poly.clone(),
            RGBColor(0x7a, 0x5c, 0xc0).mix(0.22).filled(),
        ))
        .map_err(err)?;
        let mut closed = poly;
        if let Some(f) = closed.first().copied() {
            closed.push(f);
        }
        area.draw(&PathElement::new(
            closed,
            ShapeStyle {
                color: RGBColor(0x7a, 0x5c, 0xc0).to_rgba(),
                filled: false,
                stroke_width: sz.stroke(1.0),
            },
        ))
        .map_err(err)?;
    }
    for c in &scene.wind_circles {
        let circle = rgb(wind_circle_color(c.level));
        let pts: Vec<(i32, i32)> = c.outline.iter().map(|p| ipt(&screen, p.0, p.1)).collect();
        area.draw(&PlotPolygon::new(pts.clone(), circle.mix(0.10).filled()))
            .map_err(err)?;
        let mut closed = pts;
        if let Some(f) = closed.first().copied() {
            closed.push(f);
        }
        if col.plated {
            // High contrast: the coloured ring runs inside a frame-coloured one, so a yellow
            // force-7 circle still stands out on white land.
            area.draw(&PathElement::new(
                closed.clone(),
                ShapeStyle {
                    color: col.frame.to_rgba(),
                    filled: false,
                    stroke_width: sz.stroke(3.5),
                },
            ))
            .map_err(err)?;
        }
        area.draw(&PathElement::new(
            closed,
            ShapeStyle {
                color: circle.to_rgba(),
                filled: false,
                stroke_width: sz.stroke(1.5),
            },
        ))
        .map_err(err)?;
    }

    // The observed track from its first point, coloured dots by grade.
    if !scene.history.is_empty() {
        let line: Vec<(i32, i32)> = scene
            .history
            .iter()
            .map(|p| ipt(&screen, p.lon, p.lat))
            .collect();
        area.draw(&PathElement::new(
            line,
            ShapeStyle {
                color: RGBColor(0x22, 0x22, 0x22).to_rgba(),
                filled: false,
                stroke_width: sz.stroke(2.0),
            },
        ))
        .map_err(err)?;
        let r = sz.px(4.0) as i32;
        for p in &scene.history {
            let c = ipt(&screen, p.lon, p.lat);
            area.draw(&Circle::new(c, r, rgb(grade_color(p.grade)).filled()))
                .map_err(err)?;
            area.draw(&Circle::new(
                c,
                r,
                RGBColor(0x33, 0x33, 0x33).stroke_width(1),
            ))
            .map_err(err)?;
        }
    }

    // Forecast: dashed line, hollow points, labels.
    if !scene.forecast.is_empty() {
        let red = FORECAST_RED;
        let line: Vec<(i32, i32)> = scene
            .forecast
            .iter()
            .map(|m| ipt(&screen, m.lon, m.lat))
            .collect();
        area.draw(&DashedPathElement::new(
            line,
            sz.px(7.0) as i32,
            sz.px(5.0) as i32,
            ShapeStyle {
                color: red.to_rgba(),
                filled: false,
                stroke_width: sz.stroke(2.0),
            },
        ))
        .map_err(err)?;
        let label_style = TextStyle::from(sz.font(BASE_LABEL_PX, true))
            .color(&col.forecast_label)
            .pos(Pos::new(HPos::Center, VPos::Center));
        let halo_style = TextStyle::from(sz.font(BASE_LABEL_PX, true))
            .color(&col.plate)
            .pos(Pos::new(HPos::Center, VPos::Center));
        // The plate replaces the four-offset halo in high contrast.
        let halo = (!col.plated).then_some(&halo_style);
        let r = sz.px(4.5) as i32;
        for (m, at) in scene.forecast.iter().zip(placed.iter().skip(CITIES.len())) {
            let c = ipt(&screen, m.lon, m.lat);
            area.draw(&Circle::new(c, r, RGBColor(255, 255, 255).filled()))
                .map_err(err)?;
            area.draw(&Circle::new(c, r, red.stroke_width(sz.stroke(1.5))))
                .map_err(err)?;
            if let Some((text, rect)) = at {
                draw_point_label(area, c, text, rect, &label_style, halo, &col, &sz)?;
            }
        }
    }
    if let Some((lon, lat)) = scene.current {
        let c = ipt(&screen, lon, lat);
        let r = sz.px(8.0) as i32;
        area.draw(&Circle::new(c, r, RGBColor(0xc0, 0x18, 0x18).filled()))
            .map_err(err)?;
        area.draw(&Circle::new(
            c,
            r,
            RGBColor(255, 255, 255).stroke_width(sz.stroke(2.0)),
        ))
        .map_err(err)?;
    }

    // Title (top-left) and legend under it.
    let m = sz.px(10.0);
    let mut y = m;
    if !scene.title.is_empty() {
        if let Some((_, r)) = layout.furniture.iter().find(|f| f.0 == "title") {
            draw_plate(area, r, &col, &sz)?;
        }
        let st = TextStyle::from(sz.font(BASE_TITLE_PX, true))
            .color(&col.title)
            .pos(Pos::new(HPos::Left, VPos::Top));
        area.draw_text(&scene.title, &st, (m as i32, y as i32))
            .map_err(err)?;
        y += sz.px(BASE_TITLE_PX * sz.scale * 1.5);
    }
    draw_legend(area, scene, &sz, &col, m, y)?;

    // City inset (bottom-right): the schematic town layer with its own frame.
    let mut inset_layout = MapLayout::default();
    if let (Some((layer, painted)), Some([ix, iy, iw, ih])) =
        (scene.inset, inset_frame(scene, &screen, &sz, w, h))
    {
        let inset = area
            .clone()
            .shrink((ix as i32, iy as i32), (iw as u32, ih as u32));
        let v = MapView {
            lang: scene.lang,
            labels: true,
            type_scale: sz.scale,
            furniture: false,
            palette: scene.palette,
            ..Default::default()
        };
        let (_, inner) = draw_map_layout(&inset, layer, painted, &v, sz.dpr)?;
        inset_layout = inner.offset(f64::from(ix as i32), f64::from(iy as i32));
        area.draw(&Rectangle::new(
            [(ix as i32, iy as i32), ((ix + iw) as i32, (iy + ih) as i32)],
            col.frame.stroke_width(sz.stroke(1.5)),
        ))
        .map_err(err)?;
        // Where the inset is on the regional map.
        let b = layer.bbox();
        let (p0, p1) = (
            ipt(&screen, b.min().x, b.max().y),
            ipt(&screen, b.max().x, b.min().y),
        );
        area.draw(&Rectangle::new(
            [p0, p1],
            col.frame.stroke_width(sz.stroke(1.0)),
        ))
        .map_err(err)?;
    }

    // Attribution, bottom-left.
    let attr = attribution(scene.lang);
    if let Some((_, r)) = layout.furniture.iter().find(|f| f.0 == "attribution") {
        draw_plate(area, r, &col, &sz)?;
    }
    let st = TextStyle::from(sz.font(BASE_SMALL_PX, false))
        .color(&col.muted)
        .pos(Pos::new(HPos::Left, VPos::Bottom));
    area.draw_text(attr, &st, (m as i32, (h - sz.px(4.0)) as i32))
        .map_err(err)?;
    let mut layout = layout;
    layout.labels.extend(inset_layout.labels);
    layout.omitted.extend(inset_layout.omitted);
    layout.furniture.extend(inset_layout.furniture);
    Ok((screen, layout))
}

/// The inset's frame `[x, y, w, h]` (device px): bottom-right, or bottom-left when the storm
/// centre is in the right half; wider with larger type so the schematic's attribution fits.
fn inset_frame(
    scene: &RegionalScene,
    screen: &ScreenMap,
    sz: &Sizes,
    w: f64,
    h: f64,
) -> Option<[f64; 4]> {
    scene.inset?;
    let m = sz.px(10.0);
    let iw = (0.30 * w * (sz.scale / 1.15).max(1.0))
        .max(sz.px(160.0))
        .min(0.5 * w);
    let ih = (iw * 0.9).min(0.72 * h);
    let storm_right = scene
        .current
        .is_some_and(|(lon, lat)| screen.to_px(lon, lat).0 > 0.5 * w);
    let ix = if storm_right { m } else { w - iw - m };
    let iy = h - ih - m - sz.px(BASE_SMALL_PX * sz.scale * 1.8);
    Some([ix, iy, iw, ih])
}

/// The attribution line of the regional map.
fn attribution(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "海岸线：Natural Earth（公有领域）· 路径：中国气象局 · 非行政区划图",
        Lang::En => {
            "Coastline: Natural Earth (public domain) · track: CMA · not an administrative map"
        }
    }
}

/// Furniture boxes and the places of the city and forecast labels (in that order; `None`:
/// no free place, or an empty label): each label beside its dot, never on the title, the
/// legend, the inset, the attribution, a dot or another label (docs/briefing.md §8).
#[allow(clippy::type_complexity)]
fn regional_layout(
    scene: &RegionalScene,
    screen: &ScreenMap,
    sz: &Sizes,
    w: f64,
    h: f64,
) -> (MapLayout, Vec<Option<(String, Rect)>>) {
    let m = sz.px(10.0);
    let mut layout = MapLayout::default();
    let mut y = m;
    if !scene.title.is_empty() {
        let (tw, th) = text_size(&scene.title, sz.font(BASE_TITLE_PX, true).get_size());
        layout.furniture.push((
            "title",
            Rect {
                x0: m,
                y0: y,
                x1: m + tw,
                y1: y + th,
            },
        ));
        y += sz.px(BASE_TITLE_PX * sz.scale * 1.5);
    }
    if let Some((bw, bh)) = legend_size(scene, sz) {
        layout.furniture.push((
            "legend",
            Rect {
                x0: m,
                y0: y,
                x1: m + bw,
                y1: y + bh,
            },
        ));
    }
    if let Some([ix, iy, iw, ih]) = inset_frame(scene, screen, sz, w, h) {
        layout.furniture.push((
            "inset",
            Rect {
                x0: ix,
                y0: iy,
                x1: ix + iw,
                y1: iy + ih,
            },
        ));
    }
    let (aw, ah) = text_size(
        attribution(scene.lang),
        sz.font(BASE_SMALL_PX, false).get_size(),
    );
    layout.furniture.push((
        "attribution",
        Rect {
            x0: m,
            y0: h - sz.px(4.0) - ah,
            x1: m + aw,
            y1: h - sz.px(4.0),
        },
    ));

    let city_px = sz.font(BASE_SMALL_PX, false).get_size();
    let mark_px = sz.font(BASE_LABEL_PX, true).get_size();
    let mut items: Vec<((f64, f64), (f64, f64), String)> = CITIES
        .iter()
        .map(|(zh, en, lon, lat)| {
            let t = if scene.lang == Lang::En { *en } else { *zh };
            (
                screen.to_px(*lon, *lat),
                text_size(t, city_px),
                t.to_string(),
            )
        })
        .collect();
    items.extend(scene.forecast.iter().map(|f| {
        (
            screen.to_px(f.lon, f.lat),
            text_size(&f.label, mark_px),
            f.label.clone(),
        )
    }));
    // Dots are obstacles; forecast labels (the storm's) are placed before the cities.
    let dot = sz.px(5.0);
    let mut obstacles: Vec<Rect> = layout.furniture.iter().map(|f| f.1).collect();
    obstacles.extend(
        items
            .iter()
            .map(|((x, y), _, _)| Rect::centred(*x, *y, 2.0 * dot, 2.0 * dot)),
    );
    let order: Vec<usize> = (CITIES.len()..items.len())
        .chain(0..CITIES.len())
        .filter(|i| items.get(*i).is_some_and(|t| !t.2.is_empty()))
        .collect();
    let boxes: Vec<_> = items.iter().map(|(a, s, _)| (*a, *s)).collect();
    let bounds = Rect {
        x0: 0.0,
        y0: 0.0,
        x1: w,
        y1: h,
    };
    let placed = labels::place(&boxes, &order, &obstacles, bounds, dot, |_, _| true);
    let out: Vec<Option<(String, Rect)>> = items
        .into_iter()
        .zip(placed)
        .map(|((_, _, t), p)| {
            let p = p?;
            layout.labels.push(super::PlacedLabel {
                code: t.clone(),
                text: t.clone(),
                rect: p.rect,
                leader: p.leader,
            });
            Some((t, p.rect))
        })
        .collect();
    (layout, out)
}

/// A point label centred in its placed box, with a leader line when it sits away from its
/// dot, an optional halo and, in high contrast, an opaque plate.
#[allow(clippy::too_many_arguments)]
fn draw_point_label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    dot: (i32, i32),
    text: &str,
    r: &Rect,
    style: &TextStyle,
    halo: Option<&TextStyle>,
    col: &Colours,
    sz: &Sizes,
) -> Result<()> {
    let (cx, cy) = r.centre();
    let c = (cx.round() as i32, cy.round() as i32);
    let d = (f64::from(dot.0), f64::from(dot.1));
    if !r.intersects(&Rect::centred(d.0, d.1, sz.px(24.0), sz.px(24.0))) {
        let e = r.nearest(d);
        area.draw(&PathElement::new(
            vec![dot, (e.0 as i32, e.1 as i32)],
            col.muted.stroke_width(sz.stroke(1.0)),
        ))
        .map_err(err)?;
    }
    draw_plate(area, r, col, sz)?;
    if let Some(halo) = halo {
        let o = sz.px(1.0).round().max(1.0) as i32;
        for (dx, dy) in [
            (o.saturating_neg(), 0),
            (o, 0),
            (0, o.saturating_neg()),
            (0, o),
        ] {
            area.draw_text(text, halo, (c.0.saturating_add(dx), c.1.saturating_add(dy)))
                .map_err(err)?;
        }
    }
    area.draw_text(text, style, c).map_err(err)
}

fn draw_graticule<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    screen: &ScreenMap,
    sz: &Sizes,
    col: &Colours,
    w: f64,
    h: f64,
) -> Result<()> {
    let style = ShapeStyle {
        color: RGBColor(0x9a, 0xae, 0xc2).mix(0.6),
        filled: false,
        stroke_width: 1,
    };
    // Graticule labels sit on the light sea/land, never on a plate: the palette's muted ink
    // in high contrast.
    let tick = if col.plated {
        col.muted
    } else {
        RGBColor(0x55, 0x66, 0x77)
    };
    let text = TextStyle::from(sz.font(BASE_SMALL_PX, false))
        .color(&tick)
        .pos(Pos::new(HPos::Left, VPos::Top));
    let (lon0, lat0) = screen.to_lonlat(0.0, h);
    let (lon1, lat1) = screen.to_lonlat(w, 0.0);
    // One line per degree, or per 0.5° / 0.1° when zoomed in.
    let span = (lon1 - lon0).max(1e-9);
    let step = if span > 3.0 {
        1.0
    } else if span > 0.8 {
        0.5
    } else {
        0.1
    };
    let mut lon = (lon0 / step).ceil() * step;
    let mut guard = 0u32;
    while lon <= lon1 && guard < 200 {
        let (x, _) = screen.to_px(lon, lat0);
        area.draw(&PathElement::new(
            vec![(x as i32, 0), (x as i32, h as i32)],
            style,
        ))
        .map_err(err)?;
        let label = format!("{lon:.1}°E");
        let at = ((x + sz.px(2.0)) as i32, (h - sz.px(40.0) * sz.scale) as i32);
        tick_plate(area, &label, at, sz, col)?;
        area.draw_text(&label, &text, at).map_err(err)?;
        lon += step;
        guard = guard.saturating_add(1);
    }
    let mut lat = (lat0 / step).ceil() * step;
    guard = 0;
    while lat <= lat1 && guard < 200 {
        let (_, y) = screen.to_px(lon0, lat);
        area.draw(&PathElement::new(
            vec![(0, y as i32), (w as i32, y as i32)],
            style,
        ))
        .map_err(err)?;
        let label = format!("{lat:.1}°N");
        let at = ((w - sz.px(60.0) * sz.scale) as i32, (y + sz.px(2.0)) as i32);
        tick_plate(area, &label, at, sz, col)?;
        area.draw_text(&label, &text, at).map_err(err)?;
        lat += step;
        guard = guard.saturating_add(1);
    }
    Ok(())
}

/// The plate of a graticule label whose top-left corner is `at` (high contrast only).
fn tick_plate<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    label: &str,
    at: (i32, i32),
    sz: &Sizes,
    col: &Colours,
) -> Result<()> {
    if !col.plated {
        return Ok(());
    }
    let (tw, th) = text_size(label, sz.font(BASE_SMALL_PX, false).get_size());
    let (x, y) = (f64::from(at.0), f64::from(at.1));
    draw_plate(
        area,
        &Rect {
            x0: x,
            y0: y,
            x1: x + tw,
            y1: y + th,
        },
        col,
        sz,
    )
}

/// The legend's rows: label, colour, drawn as a filled band.
fn legend_rows<'a>(scene: &RegionalScene<'a>) -> Vec<(&'static str, Rgb, bool)> {
    let zh = scene.lang == Lang::Zh;
    let mut rows: Vec<(&str, Rgb, bool)> = Vec::new();
    if !scene.history.is_empty() {
        rows.push((
            if zh { "实况路径" } else { "observed track" },
            Rgb(0x22, 0x22, 0x22),
            false,
        ));
    }
    if !scene.forecast.is_empty() {
        rows.push((
            if zh { "预报路径" } else { "forecast track" },
            Rgb(0xc0, 0x18, 0x18),
            false,
        ));
    }
    if !scene.cone.is_empty() {
        rows.push((
            if zh {
                "预报不确定性（70%）"
            } else {
                "forecast uncertainty (70 %)"
            },
            Rgb(0x7a, 0x5c, 0xc0),
            true,
        ));
    }
    for c in &scene.wind_circles {
        let label = match (c.level, zh) {
            (7, true) => "7级风圈",
            (10, true) => "10级风圈",
            (12, true) => "12级风圈",
            (7, false) => "force-7 radius",
            (10, false) => "force-10 radius",
            _ if zh => "12级风圈",
            _ => "force-12 radius",
        };
        if !rows.iter().any(|r| r.0 == label) {
            rows.push((label, wind_circle_color(c.level), true));
        }
    }
    rows
}

/// The legend box's size (device px), measured from its labels; `None`: no rows.
fn legend_size(scene: &RegionalScene, sz: &Sizes) -> Option<(f64, f64)> {
    let rows = legend_rows(scene);
    let fpx = sz.font(BASE_SMALL_PX, false).get_size();
    let tw = rows
        .iter()
        .map(|r| text_size(r.0, fpx).0)
        .fold(0.0, f64::max);
    let row_h = sz.px(BASE_SMALL_PX * sz.scale * 1.7);
    (!rows.is_empty()).then(|| {
        (
            sz.px(22.0) * sz.scale + sz.px(18.0) + tw,
            row_h * rows.len() as f64 + sz.px(8.0),
        )
    })
}

fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &RegionalScene,
    sz: &Sizes,
    col: &Colours,
    x: f64,
    y0: f64,
) -> Result<()> {
    let rows = legend_rows(scene);
    let Some((box_w, box_h)) = legend_size(scene, sz) else {
        return Ok(());
    };
    let row_h = sz.px(BASE_SMALL_PX * sz.scale * 1.7);
    let sw = sz.px(22.0) * sz.scale;
    let corners = [
        (x as i32, y0 as i32),
        ((x + box_w) as i32, (y0 + box_h) as i32),
    ];
    // Opaque and framed in high contrast; translucent otherwise.
    let box_alpha = if col.plated { 1.0 } else { 0.85 };
    area.draw(&Rectangle::new(corners, col.plate.mix(box_alpha).filled()))
        .map_err(err)?;
    if col.plated {
        area.draw(&Rectangle::new(
            corners,
            col.frame.stroke_width(sz.stroke(1.0)),
        ))
        .map_err(err)?;
    }
    let legend_text = if col.plated {
        col.text
    } else {
        RGBColor(0x22, 0x22, 0x22)
    };
    let text = TextStyle::from(sz.font(BASE_SMALL_PX, false))
        .color(&legend_text)
        .pos(Pos::new(HPos::Left, VPos::Center));
    for (i, (label, c, filled)) in rows.iter().enumerate() {
        let cy = y0 + sz.px(4.0) + row_h * (i as f64 + 0.5);
        let (x0, x1) = (x + sz.px(6.0), x + sz.px(6.0) + sw);
        if *filled {
            area.draw(&Rectangle::new(
                [
                    (x0 as i32, (cy - row_h * 0.3) as i32),
                    (x1 as i32, (cy + row_h * 0.3) as i32),
                ],
                rgb(*c).mix(0.35).filled(),
            ))
            .map_err(err)?;
        }
        area.draw(&PathElement::new(
            vec![(x0 as i32, cy as i32), (x1 as i32, cy as i32)],
            rgb(*c).stroke_width(sz.stroke(2.0)),
        ))
        .map_err(err)?;
        area.draw_text(label, &text, ((x1 + sz.px(6.0)) as i32, cy as i32))
            .map_err(err)?;
    }
    Ok(())
}

/// Renders the regional map to an SVG document of `width × height` px (dpr 1).
///
/// # Errors
/// [`Error::Render`] when drawing fails.
pub fn regional_svg(
    scene: &RegionalScene,
    view: &ViewBox,
    width: u32,
    height: u32,
) -> Result<(String, ScreenMap)> {
    super::svg::svg_document(width, height, |root| draw_regional(root, scene, view, 1.0))
}
