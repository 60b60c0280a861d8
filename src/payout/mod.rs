//! Catastrophe-index payouts (巨灾指数保险赔付).
//!
//! **Parametric (index) insurance** pays a pre-agreed share of the sum insured (保险金额) when a
//! measured index — here the peak wind at a town (风速指数) or its rainfall — crosses a trigger
//! (触发值). There is no loss adjustment (免去定损): the payout follows from the index and the
//! policy's tier table (赔付档次) alone, so it can be paid within a day (预赔 prepayment). In
//! Guangdong the policyholder is the **city government** (its relief and recovery cost), not
//! households \[V\]. The price is basis risk: the index may miss a real loss or pay without one.
//!
//! This module is the pure-Rust core, independent of the hazard model (it takes per-district
//! indices as input) and of the browser:
//! - [`policy`]: the policy as JSON data → validated [`policy::Policy`] (tiers, weights, limits);
//!   the shipped default [`policy::Policy::default_zhongshan`] is **示例 / illustrative**.
//! - [`engine`]: one event ([`engine::pay_event`]) or a season ([`engine::pay_season`]) with
//!   免赔额, 每次事故赔偿限额 and 年度累计赔偿限额, allocation to districts to the fen.
//! - [`explain`]: one line per district and per step, Chinese and English.
//! - [`circle`]: cat-in-a-circle shares on track points; the CCRIF layer is
//!   [`policy::CcrifLayer`].
//! - [`scenario`]: wind-index and rainstorm-scenario JSON.
//! - [`timeline`]: prepayment and settlement schedule.
//! - [`limits`]: the domain range of every numeric input (docs/payout-pricing.md §1).
//!
//! Units: money in yuan as `Decimal` (strings in JSON), rounded only by
//! [`crate::money::round_fen`]; wind in m/s and rain in mm, both rounded to 0.1 before any tier
//! lookup ([`crate::scales::WindIndex`], [`crate::scales::RainIndex`]).

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

pub mod circle;
pub mod engine;
pub mod explain;
pub mod limits;
pub mod policy;
pub mod scenario;
pub mod timeline;

pub use engine::{pay_event, pay_season, EventIndices, EventPayout, SeasonPayout};
pub use policy::Policy;
