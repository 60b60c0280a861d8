//! Panic handling: a panic poisons the module.
//!
//! With `panic = "abort"` a panic runs the hook and then traps (`unreachable`); Rust state may
//! be half-updated, so every export calls [`check`] first and throws `POISONED` afterwards.
//! The hook logs to the console (console_error_panic_hook) and keeps the message for
//! `lastPanic()`, which the element shows in its crash panel.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use wasm_bindgen::prelude::*;

use super::convert::{to_js, JsResult};

static POISONED: AtomicBool = AtomicBool::new(false);
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Installs the hook; runs once when the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        POISONED.store(true, Ordering::SeqCst);
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(info.to_string());
        }
        console_error_panic_hook::hook(info);
    }));
}

/// Throws `POISONED` when an earlier call panicked.
pub fn check() -> JsResult<()> {
    if POISONED.load(Ordering::SeqCst) {
        Err(to_js(&crate::Error::Poisoned))
    } else {
        Ok(())
    }
}

/// Whether a panic has poisoned the module.
#[wasm_bindgen(js_name = isPoisoned)]
pub fn is_poisoned() -> bool {
    POISONED.load(Ordering::SeqCst)
}

/// The message of the last panic, if any.
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.lock().ok().and_then(|l| l.clone())
}

/// Deliberately panics: lets the tests check that a panic poisons the module and that the
/// element shows its crash panel. Harmless in production (nothing calls it).
#[wasm_bindgen(js_name = __testPanic)]
pub fn test_panic() {
    panic!("deliberate test panic");
}
