//! JsValue ↔ Rust conversions and the one way errors reach JS.

use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

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
    err.unchecked_into()
}

/// Serialises to plain JS objects (not ES `Map`s), `null` for `None`.
pub fn to_value<T: Serialize>(v: &T) -> JsResult<JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| to_js(&Error::InvalidInput(format!("serialisation failed: {e}"))))
}
