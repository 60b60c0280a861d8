//! Risk pricing (风险定价): stochastic typhoon seasons, exceedance curves, technical premium
//! and basis risk for the catastrophe-index policy.
//!
//! Method (an event-loss-table Monte Carlo, as catastrophe models do it):
//! 1. [`catalogue`]: K synthetic typhoons (default 4,000, stratified by base storm and
//!    cross-track shift, docs/payout-pricing.md §3) perturbing the five historical
//!    tracks (shift, heading, Δp, RMW, speed; distributions in
//!    [`catalogue::PerturbationSpec`], \[I\]), or a user event set with annual rates; each event
//!    gets its 23 district winds once (CLIMADA-compatible H08 by default).
//! 2. [`simulation`]: N years (default 10,000). Year y draws a Poisson(λ) number of storms
//!    (default λ = 0.5/yr \[I\], [`catalogue::DEFAULT_LAMBDA`]) and picks them from the
//!    catalogue in proportion to their rates; payouts follow the payout engine exactly
//!    (tiers, per-event cap, annual aggregate; fast path tested against `pay_season`).
//! 3. Analysis: annual aggregate (AEP) and occurrence (OEP) exceedance curves (超越概率),
//!    return-period table (重现期 5…200 yr) with the exceedances each figure rests on,
//!    expected annual payout (期望赔付: exact over the catalogue, minus the simulated cut of
//!    the annual aggregate) ± its standard error including the catalogue's own sampling
//!    (docs/payout-pricing.md §4), P(any payout), attachment and exhaustion return periods.
//! 4. [`premium`]: technical premium (技术保费) = expected payout + loadings (附加费用,
//!    docs/domain.md §1.3 gross-up by default), rate on line, comparison with an entered premium.
//! 5. [`damage`]: modelled loss = exposure × Emanuel (2011) damage ratio (WP3 China
//!    calibration), beside the index payout per event and per year: basis risk (基差风险).
//!
//! Determinism: all randomness comes from [`rng`] (integer xoshiro256\*\*, basic float ops),
//! with one stream per catalogue event and per year, so chunked and one-shot runs agree and
//! the same seed gives the same result natively and in wasm. No threads, no clock.
//!
//! ```
//! use zs_risk_map::pricing::{catalogue::*, simulation::*};
//! use zs_risk_map::payout::Policy;
//! let mut b = CatalogueBuilder::new(&CatalogueConfig { size: 40, ..Default::default() }).unwrap();
//! while !b.is_done() { b.step(10).unwrap(); }          // chunked, one frame each
//! let cat = b.finish().unwrap();
//! let cfg = SimulationConfig { years: 1000, ..Default::default() };
//! let mut sim = Simulation::new(&cat, &Policy::default_zhongshan(), &cfg).unwrap();
//! while !sim.is_done() { let p = sim.step(250); assert!(p.fraction() <= 1.0); }
//! let r = sim.result().unwrap();
//! assert!(r.premium.gross >= r.expected_annual_payout);
//! ```

// Input reaches every line of this module: no unchecked arithmetic, indexing, unwrap or expect
// outside tests (docs/payout-pricing.md §1).
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used
    )
)]

pub mod catalogue;
pub mod damage;
pub mod premium;
pub mod report;
/// The crate's one random generator, [`crate::rng`] (kept at this path for callers).
pub use crate::rng;
pub mod simulation;

pub use catalogue::{Catalogue, CatalogueBuilder, CatalogueConfig, PerturbationSpec, Progress};
pub use premium::{technical_premium, Loadings, TechnicalPremium};
pub use simulation::{PricingResult, Simulation, SimulationConfig};
