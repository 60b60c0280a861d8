//! The canvas drawing backend: plotters-canvas's [`CanvasBackend`] for shapes, with text drawn
//! here so the context's `font` is set only when it changes (docs/performance.md §4).
//!
//! Why: plotters-canvas assigns `ctx.font` before every `fillText`, and the browser parses
//! that CSS font string on every assignment — a third of a layer switch's main-thread time
//! in a CPU profile of the map (23 town labels and the furniture in one or two fonts). A new
//! backend is made per drawing (`draw_on_canvas`), so the cache starts empty each time and
//! script elsewhere cannot leave a stale font behind.

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// plotters-canvas's error type (not nameable otherwise): the shapes' errors pass through.
type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;
type Kind = DrawingErrorKind<CanvasError>;

/// [`CanvasBackend`] with text drawn by [`DrawingBackend::draw_text`] below (font cached).
pub struct Canvas {
    inner: CanvasBackend,
    ctx: CanvasRenderingContext2d,
    /// The `font` last assigned to `ctx` by this backend.
    font: Option<String>,
}

impl Canvas {
    /// Wraps `canvas`; `None` when it has no 2D context.
    pub fn new(canvas: HtmlCanvasElement) -> Option<Canvas> {
        let ctx = canvas
            .get_context("2d")
            .ok()??
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        let inner = CanvasBackend::with_canvas_object(canvas)?;
        Some(Canvas {
            inner,
            ctx,
            font: None,
        })
    }

    /// Makes the whole canvas transparent (the top of a two-canvas map draws on nothing).
    pub fn clear(&self) {
        let (w, h) = self.inner.get_size();
        self.ctx.clear_rect(0.0, 0.0, f64::from(w), f64::from(h));
    }
}

/// A failed canvas call in `draw_text` (plotters-canvas's own error cannot be built here).
/// Not formatted, as [`crate::render`]'s errors (size budget).
fn js_err(_: JsValue) -> Kind {
    DrawingErrorKind::FontError("canvas text failed".to_string().into())
}

fn css_color(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    format!("rgba({r},{g},{b},{})", c.alpha)
}

impl DrawingBackend for Canvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), Kind> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), Kind> {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Kind> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Kind> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Kind> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Kind> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Kind> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Kind> {
        self.inner.fill_polygon(vert, style)
    }

    /// As plotters-canvas draws text (anchor, colour, rotation), but assigns `font` only when
    /// it differs from the last one this backend set.
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), Kind> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let font = format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        );
        if self.font.as_deref() != Some(font.as_str()) {
            self.ctx.set_font(&font);
            self.font = Some(font);
        }
        let turn = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 0.5,
            FontTransform::Rotate180 => 1.0,
            FontTransform::Rotate270 => 1.5,
        } * std::f64::consts::PI;
        let (mut x, mut y) = (f64::from(pos.0), f64::from(pos.1));
        if turn != 0.0 {
            self.ctx.save();
            self.ctx.translate(x, y).map_err(js_err)?;
            self.ctx.rotate(turn).map_err(js_err)?;
            (x, y) = (0.0, 0.0);
        }
        self.ctx.set_text_baseline(match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        });
        self.ctx.set_text_align(match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        });
        self.ctx.set_fill_style_str(&css_color(color));
        let drawn = self.ctx.fill_text(text, x, y).map_err(js_err);
        if turn != 0.0 {
            self.ctx.restore();
        }
        drawn
    }
}
