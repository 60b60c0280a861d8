//! # zs_risk_map — Zhongshan (中山市) disaster-insurance explainer, compiled to WebAssembly
//!
//! Layers, bottom to top (docs/architecture.md; the order is checked by `tests/layering.rs`):
//!
//! - **Bottom** — [`error`] (one [`Error`] with stable codes, [`Error::code`]), [`money`]
//!   (`rust_decimal` money, the one rounding rule: half away from zero to the fen),
//!   [`csv_lite`], [`scales`] (GB/T 28591 / 19201 / 28592 and the integer-tenths indices),
//!   [`lang`] (zh/en), [`status`] (证据状态), [`numfmt`], [`rng`] and [`validate`] (field
//!   readers and limits): one definition per shared concept (docs/bottom-layer.md).
//! - **Map** — [`map`]: the 23 town-level units (镇街) as a validated [`map::DistrictLayer`]
//!   (the shipped schematic 示意图 or GeoJSON in WGS-84 / GCJ-02); [`layers`]: an attribute → a
//!   colour class (高/中/低/很低) or a ramp; [`render`]: map, legend, labels, scale bar, charts
//!   and overlays through plotters' `DrawingBackend` (canvas in the browser, SVG natively).
//! - **Engines** (feature `engines`) — `hazard`: CLIMADA-compatible Holland wind field, CMA
//!   storms, surface winds, per-town peaks and implied signals; `payout`: catastrophe-index
//!   policy and payouts (巨灾指数保险); `pricing`: synthetic catalogue, simulated years, EP
//!   curves, technical premium (风险定价); `forecast`: ensembles from a forecast bulletin
//!   (预报模式); `premium`: the safety-liability premium (安责险保费测算), independent of the
//!   others.
//! - **Presentation** — [`present`]: rows, chart and waterfall specs, explanations and zh/en
//!   labels computed natively from engine results.
//! - **Boundary** — `web` (wasm32 only): the `RiskMap` handle behind `<zs-risk-map>` and the
//!   engine handles; the only module that names wasm-bindgen, js-sys or web-sys.
//!
//! Domain formulas, sources and the status of every number: docs/domain.md; terms:
//! [`glossary`].
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
