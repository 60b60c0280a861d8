//! JsValue ↔ Rust conversions, the one way errors reach JS, and the export guard.
//!
//! Every export is declared through [`exports!`](crate::exports) (or [`guard`] by hand): it
//! refuses to run once a panic has poisoned the module and turns every error into a
//! `RiskMapError` — by construction, not by remembering to call a check
//! (docs/robustness.md §3). Arguments that JS may pass with a wrong type are taken as
//! [`JsValue`] and read with [`string_arg`] / [`opt_string_arg`], which answer a wrong type
//! with a field-named `INVALID_INPUT` instead of trapping.

use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, IntoDrawingArea};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlCanvasElement;

use super::canvas::Canvas;
use crate::Error;

/// Declares wasm exports that are guarded by construction. Write each export as returning
/// `Result<T>` (`?` works on crate errors and on `JsResult`s); the macro adds
/// `#[wasm_bindgen]`, makes it return `JsResult<T>` and wraps the body in [`guard`].
///
/// ```ignore
/// exports! {
///     impl RiskMap {
///         /// Doc comment.
///         #[wasm_bindgen(js_name = setLayer)]
///         pub fn set_layer(&mut self, id: JsValue) -> Result<()> { … }
///     }
/// }
/// exports! { fn
///     /// Doc.
///     #[wasm_bindgen(js_name = typhoonScenarios)]
///     pub fn typhoon_scenarios() -> Result<JsValue> { … }
/// }
/// ```
///
/// A free function takes doc comments and at most one `#[wasm_bindgen(…)]` attribute, in
/// that order: the macro merges it into the one `#[wasm_bindgen]` it emits (two
/// `#[wasm_bindgen]` attributes on a free function would export it twice).
#[macro_export]
#[doc(hidden)]
macro_rules! exports {
    (
        $(#[$impl_meta:meta])*
        impl $ty:ident {
            $(
                $(#[$meta:meta])*
                pub fn $name:ident ( $($args:tt)* ) -> Result<$ret:ty> $body:block
            )*
        }
    ) => {
        #[wasm_bindgen]
        $(#[$impl_meta])*
        impl $ty {
            $(
                $(#[$meta])*
                pub fn $name($($args)*) -> $crate::web::convert::JsResult<$ret> {
                    $crate::web::convert::guard(|| -> $crate::web::convert::ExportResult<$ret> { $body })
                }
            )*
        }
    };
    (
        fn
        $(
            $(#[doc = $doc:expr])*
            $(#[wasm_bindgen $wb:tt])?
            pub fn $name:ident ( $($args:tt)* ) -> Result<$ret:ty> $body:block
        )*
    ) => {
        $(
            $(#[doc = $doc])*
            #[wasm_bindgen $($wb)?]
            pub fn $name($($args)*) -> $crate::web::convert::JsResult<$ret> {
                $crate::web::convert::guard(|| -> $crate::web::convert::ExportResult<$ret> { $body })
            }
        )*
    };
}

/// Why an export failed before the error reaches JS: a crate [`Error`] (converted by
/// [`to_js`]) or an already-built JS value (from a helper that returns [`JsResult`]).
pub enum Fault {
    /// A crate error.
    Crate(Error),
    /// A JS error value, passed through unchanged.
    Js(JsValue),
}

impl From<Error> for Fault {
    fn from(e: Error) -> Fault {
        Fault::Crate(e)
    }
}

impl From<JsValue> for Fault {
    fn from(v: JsValue) -> Fault {
        Fault::Js(v)
    }
}

/// What an export body returns inside [`guard`].
pub type ExportResult<T> = Result<T, Fault>;

/// Runs an export body: throws `POISONED` when an earlier call panicked (Rust state may be
/// half-updated), else runs `body` and converts its error for JS. The one place exports
/// check the poison flag and map errors.
pub fn guard<T>(body: impl FnOnce() -> ExportResult<T>) -> JsResult<T> {
    super::panic::check()?;
    body().map_err(|f| match f {
        Fault::Crate(e) => to_js(&e),
        Fault::Js(v) => v,
    })
}

/// Longest string argument accepted from JS, in bytes, unless a caller sets its own limit
/// (GeoJSON has [`crate::map::geojson::MAX_BYTES`]): 4 KB, far above any code, id or name.
pub const MAX_ARG_BYTES: usize = 4096;

/// A required string argument: any other type is `INVALID_INPUT` on `field`, and a string
/// over `max_bytes` is `TOO_LARGE`.
pub fn string_arg(
    field: &str,
    label_zh: &str,
    v: &JsValue,
    max_bytes: usize,
) -> crate::Result<String> {
    text_arg(field, label_zh, v, max_bytes, false)
}

/// An optional code argument (镇街编码): `undefined`/`null` are `None`; a whole
/// non-negative safe-integer number is read as its digits (town codes look numeric:
/// `442000001`); otherwise as [`string_arg`].
pub fn opt_code_arg(field: &str, label_zh: &str, v: &JsValue) -> crate::Result<Option<String>> {
    if v.is_null() || v.is_undefined() {
        Ok(None)
    } else {
        text_arg(field, label_zh, v, MAX_ARG_BYTES, true).map(Some)
    }
}

/// A string argument, or (with `numbers`) a whole safe-integer number as its digits.
fn text_arg(
    field: &str,
    label_zh: &str,
    v: &JsValue,
    max_bytes: usize,
    numbers: bool,
) -> crate::Result<String> {
    let s = if let Some(s) = v.as_string() {
        s
    } else if let Some(n) = v
        .as_f64()
        .filter(|n| numbers && n.fract() == 0.0 && (0.0..=9_007_199_254_740_991.0).contains(n))
    {
        format!("{n:.0}")
    } else {
        let got = js_type_name(v);
        return Err(Error::invalid_field(
            field,
            format!("{label_zh}须为文本，收到的是 {got}"),
            format!("{field} must be a string; got {got}"),
        ));
    };
    if s.len() > max_bytes {
        return Err(Error::too_large(
            field,
            format!("{label_zh}超过 {max_bytes} 字节"),
            format!("{field} is longer than {max_bytes} bytes"),
        ));
    }
    Ok(s)
}

/// An optional string argument: `undefined` and `null` are `None`, else as [`string_arg`].
pub fn opt_string_arg(
    field: &str,
    label_zh: &str,
    v: &JsValue,
    max_bytes: usize,
) -> crate::Result<Option<String>> {
    if v.is_null() || v.is_undefined() {
        Ok(None)
    } else {
        string_arg(field, label_zh, v, max_bytes).map(Some)
    }
}

/// A canvas argument: an `HTMLCanvasElement`, else `INVALID_INPUT` on `field`.
pub fn canvas_arg(field: &str, v: JsValue) -> crate::Result<HtmlCanvasElement> {
    let got = js_type_name(&v);
    v.dyn_into::<HtmlCanvasElement>().map_err(|_| {
        Error::invalid_field(
            field,
            format!("画布参数须为 <canvas> 元素，收到的是 {got}"),
            format!("{field} must be an HTMLCanvasElement; got {got}"),
        )
    })
}

/// A short description of a JS value's type for error messages (`number`, `object`…).
fn js_type_name(v: &JsValue) -> String {
    v.js_typeof()
        .as_string()
        .unwrap_or_else(|| "unknown".into())
}

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

/// The drawing area of a canvas ([`draw_on_canvas`]).
pub type CanvasArea = DrawingArea<Canvas, Shift>;

/// Draws on a canvas through plotters: wraps the canvas in a drawing area, runs `draw`, then
/// presents it; every failure (no 2D context, a drawing error) becomes a `RENDER_FAILED` /
/// crate error at the JS edge. The one place the exports turn a canvas into a chart or map.
pub fn draw_on_canvas<T>(
    canvas: HtmlCanvasElement,
    clear: bool,
    draw: impl FnOnce(&CanvasArea) -> crate::Result<T>,
) -> JsResult<T> {
    let backend = Canvas::new(canvas)
        .ok_or_else(|| to_js(&Error::Render("canvas has no 2D context".into())))?;
    if clear {
        backend.clear();
    }
    let root = backend.into_drawing_area();
    let out = draw(&root).map_err(|e| to_js(&e))?;
    root.present().map_err(|e| to_js(&crate::render::err(e)))?;
    Ok(out)
}
