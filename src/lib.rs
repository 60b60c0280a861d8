//! # zs_risk_map — Zhongshan (中山市) disaster-insurance explainer, compiled to WebAssembly
//!
//! The pipeline in five lines:
//! 1. [`map`]: the 23 town-level units (镇街) as a validated [`map::DistrictLayer`] — the
//!    shipped schematic (示意图) or GeoJSON the host page loads (WGS-84 or GCJ-02).
//! 2. [`layers`]: a risk layer maps an attribute to a colour class (高/中/低/很低) or a ramp.
//! 3. [`render`]: draws map, legend, labels and scale bar through plotters' `DrawingBackend`
//!    (canvas in the browser, SVG natively) and returns the screen transform for hit-testing.
//! 4. `web` (wasm32 only): the `RiskMap` handle behind the `<zs-risk-map>` custom element.
//!
//! Money: [`money`] holds the one rounding rule (half away from zero to the fen).
//! Errors: one [`Error`] with stable codes ([`Error::code`]).
//!
//! Layering: `error, lang, status, numfmt, money, csv_lite, rng, validate ← map ← layers ← render ←
//! web` (the bottom layer: one definition per shared concept, docs/bottom-layer.md). Only `web` names
//! wasm-bindgen, js-sys or web-sys (checked by `tests/layering.rs`).
#![warn(missing_docs)]

pub mod csv_lite;
pub mod error;
#[cfg(feature = "engines")]
pub mod forecast;
#[doc = include_str!("glossary.md")]
pub mod glossary {}
#[cfg(feature = "engines")]
pub mod hazard;
pub mod lang;
pub mod layers;
pub mod map;
pub mod money;
pub mod numfmt;
#[cfg(feature = "engines")]
pub mod payout;
#[cfg(feature = "engines")]
pub mod premium;
pub mod present;
#[cfg(feature = "engines")]
pub mod pricing;
pub mod render;
pub mod rng;
pub mod scales;
pub mod status;
pub mod validate;

pub use error::{Error, FieldError, FieldProblem, Result};

#[cfg(target_arch = "wasm32")]
pub mod web;
