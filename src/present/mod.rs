//! The presentation layer (展示层): what a screen, a CSV or `--json` shows, computed natively.
//!
//! Between the engines (`hazard`, `payout`, `premium`, `pricing`, `forecast`) and the JS
//! boundary (`web`): table rows, chart and waterfall specs, layer descriptions and the zh/en
//! labels that go with them. Everything here is plain Rust with `serde::Serialize` and is
//! tested natively; `web` only converts these values to JS and guards the call
//! (docs/architecture.md).
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used
    )
)]

#[cfg(feature = "engines")]
pub mod forecast;
pub mod map;
#[cfg(feature = "engines")]
pub mod premium;
#[cfg(feature = "engines")]
pub mod pricing;
#[cfg(feature = "engines")]
pub mod regional;
#[cfg(feature = "engines")]
pub mod typhoon;
