//! JsValue ↔ Rust conversions and the one way errors reach JS.

use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, IntoDrawingArea};
use plotters_canvas::CanvasBackend;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlCanvasElement;

use crate::Error;

/// Result type of every export: the error is a JS `Error` (see [`to_js`]).
pub type JsResult<T> = Result<T, JsValue>;

/// Converts a crate error to a JS `Error` named `RiskMapError` with a stable `code` property:
/// `instanceof Error` holds and it carries a stack, unlike a thrown string.
pub fn to_js(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("RiskMapError");
    // Reflect::set only fails on frozen objects; a fresh Error is not.
    let _ = js_sys::Reflect::set(
        &err,
        &JsValue::from_str("code"),
        &JsValue::from_str(e.code()),
    );
    // Field errors also carry the field id (the UI highlights that control) and the message
    // in both languages (the UI shows the one of its language).
    if let Error::Field(f) = e {
        for (k, v) in [
            ("field", &f.field),
            ("messageZh", &f.zh),
            ("messageEn", &f.en),
        ] {
            let _ = js_sys::Reflect::set(&err, &JsValue::from_str(k), &JsValue::from_str(v));
        }
    }
    err.unchecked_into()
}

/// Serialises to plain JS objects (not ES `Map`s), `null` for `None`.
pub fn to_value<T: Serialize>(v: &T) -> JsResult<JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| to_js(&Error::InvalidInput(format!("serialisation failed: {e}"))))
}

/// Draws on a canvas through plotters: wraps the canvas in a drawing area, runs `draw`, then
/// presents it; every failure (no 2D context, a drawing error) becomes a `RENDER_FAILED` /
/// crate error at the JS edge. The one place the exports turn a canvas into a chart or map.
pub fn draw_on_canvas<T>(
    canvas: HtmlCanvasElement,
    draw: impl FnOnce(&DrawingArea<CanvasBackend, Shift>) -> crate::Result<T>,
) -> JsResult<T> {
    let backend = CanvasBackend::with_canvas_object(canvas)
        .ok_or_else(|| to_js(&Error::Render("canvas has no 2D context".into())))?;
    let root = backend.into_drawing_area();
    let out = draw(&root).map_err(|e| to_js(&e))?;
    root.present()
        .map_err(|e| to_js(&Error::Render(format!("{e:?}"))))?;
    Ok(out)
}
