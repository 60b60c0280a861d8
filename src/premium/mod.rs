//! Safety-production liability insurance (安全生产责任保险, 安责险) premium engine.
//!
//! **安责险** is the liability cover a production unit buys for deaths and injuries of its
//! employees (and optionally third parties) in production-safety accidents (生产安全事故).
//! 《安全生产法》第五十一条 makes it compulsory in high-risk sectors (矿山、危险化学品、烟花爆竹、
//! 交通运输、建筑施工、民用爆炸物品、金属冶炼、渔业生产 …) and encourages it elsewhere. The
//! national rules — 安监总办〔2017〕140号, repealed by 应急〔2025〕27号 — set minimum limits
//! (每人死亡伤残责任限额 ≥ 30万元 / 40万元), say that rates combine a base rate (基准费率) with
//! differential and floating rates (差别费率、浮动费率), and that insurers spend part of the
//! premium on accident-prevention services (事故预防服务, ≤ 21 % in 2025). **Neither national
//! text sets numbers for the floating**: they live in local tables, so every rule here is data.
//!
//! The engine:
//! 1. [`RuleSet`] — a validated rule set from JSON ([`RuleSetInput`]): exposure basis, a
//!    multi-dimensional base-rate table with explicit band closedness, limits and sublimits,
//!    factor groups (浮动因素), combination mode (加法/乘法/档次), band on the total factor
//!    (浮动上下限), rounding steps, prevention share, and a status (\[V\]/\[S\]/\[I\]) per number.
//! 2. [`Enterprise`] — a validated insured unit (投保单位) from JSON or a CSV row.
//! 3. [`RuleSet::quote`] → [`Quote`]: numbers first — [`RuleSet::compute`] records typed steps
//!    ([`Calc`]: base → each factor → band → rounding → premium → prevention amount) with
//!    checked arithmetic — then words: [`explain::explain`] writes each step in zh and en
//!    (additive rule sets as ± percentages of the base); [`compare`] prices one unit under
//!    several rule sets side by side.
//! 4. [`batch`] — a CSV of enterprises → quotes, row errors with line and field, and town
//!    aggregates (覆盖率, mean factor, total premium) for map layers.
//! 5. [`synth`] — a seeded generator of synthetic enterprises; [`emergency`] — the group
//!    accident cover for emergency staff (docs/premium.md §1).
//!
//! Built-in rule sets ([`builtin_ids`]): the 2017 and 2025 national baselines, 阜阳's floating
//! table, 天津's blacklist rule, 湖南 and 山东 construction tables, the 工伤 71号 tier ladder,
//! and an **illustrative (示例)** Zhongshan rule set. Guangdong/Zhongshan floating numbers are
//! unknown \[U\]: the Zhongshan set is a placeholder to be replaced by the real tariff.
//!
//! # Choices the UI must state
//! - **Combination mode** (加法 vs 乘法): the same inputs give 24,225.00 元 additive and
//!   24,367.50 元 multiplicative (阜阳-style, docs/premium.md §2); [`Quote::combine_zh`] names it.
//! - **Status badges**: [`Quote::status`] and each [`Step::status`] — \[V\] 已核实, \[S\] 二手来源,
//!   \[I\] 示例. The Zhongshan set and every per-head base rate (0.57‰, an employer-liability
//!   analog) are illustrative.
//! - **Rounding**: no source states one; unless a rule set declares steps, the premium is rounded
//!   once, half away from zero to the fen, and the step is marked \[I\].
//! - **Per-person limit** below a regime minimum is priced at the minimum, with a warning.
//! - **Accident window**: `within_years = 1` means the calendar year before
//!   [`Enterprise::quote_year`] (default 2025 — the library reads no clock; pass the year).
//! - **Prevention share** is a cap (2025 ≤ 21 %), floor (无锡 ≥ 20 %) or exact (阜阳 5 %): the
//!   amount shown is premium × share in every case, labelled with the kind.
//! - **Coverage layers**: [`batch::TownAggregate::coverage`] is insured ÷ all quoted enterprises;
//!   `compulsory_coverage` is insured ÷ enterprises in compulsory sectors. Rows with errors are
//!   not counted (they are listed in [`batch::BatchResult::errors`]).
//!
//! Money is [`rust_decimal::Decimal`] yuan; rates are decimals (1.71‰ = `"0.00171"`); all
//! rounding goes through [`crate::money::round_to`] (half away from zero).
//!
//! Every numeric input has a documented domain range checked when it is read
//! ([`enterprise::ranges`], [`rules::limits`], docs/premium.md §1); arithmetic on input is
//! checked (`checked_*`), so no input can panic, wrap or allocate without bound.
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used
    )
)]

pub mod aliases;
pub mod batch;
pub mod condition;
pub mod emergency;
pub mod enterprise;
pub mod explain;
pub mod input;
pub mod quote;
pub mod rules;
pub mod synth;

pub use condition::{Band, BandInput, Condition, ConditionInput, Field};
pub use enterprise::{
    AccidentGrade, AccidentInput, Enterprise, EnterpriseInput, HiddenDangersInput, Honours,
    NumText, StandardisationGrade,
};
pub use quote::{
    compare, BaseCalc, Calc, Comparison, Computed, LimitLine, Note, OptionOutcome, PreventionLine,
    Quote, QuoteSummary, Step, StepKind,
};
pub use rules::{
    Combine, CombineInput, Exposure, PreventionKind, Regime, RuleSet, RuleSetInput, Select, Status,
    ValueKind,
};

use serde::Serialize;

use crate::{Error, Result};

/// The built-in rule sets: (id, embedded JSON).
const BUILTIN: &[(&str, &str)] = &[
    (
        "national-2025",
        include_str!("../../data/rules/national-2025.json"),
    ),
    (
        "national-2017",
        include_str!("../../data/rules/national-2017.json"),
    ),
    (
        "zhongshan-illustrative",
        include_str!("../../data/rules/zhongshan-illustrative.json"),
    ),
    ("fuyang", include_str!("../../data/rules/fuyang.json")),
    (
        "tianjin-blacklist",
        include_str!("../../data/rules/tianjin-blacklist.json"),
    ),
    (
        "hunan-construction",
        include_str!("../../data/rules/hunan-construction.json"),
    ),
    (
        "shandong-construction",
        include_str!("../../data/rules/shandong-construction.json"),
    ),
    (
        "work-injury-71",
        include_str!("../../data/rules/work-injury-71.json"),
    ),
];

/// Ids of the built-in rule sets, in display order.
pub fn builtin_ids() -> Vec<&'static str> {
    BUILTIN.iter().map(|(id, _)| *id).collect()
}

/// The embedded JSON of a built-in rule set (for display or as a template).
pub fn builtin_json(id: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(i, _)| *i == id).map(|(_, j)| *j)
}

/// Loads and validates a built-in rule set.
///
/// # Errors
/// [`Error::InvalidInput`] for an unknown id (listing the known ones). The embedded sets are
/// validated by the tests, so they do not fail otherwise.
pub fn builtin(id: &str) -> Result<RuleSet> {
    let json = builtin_json(id).ok_or_else(|| {
        Error::InvalidInput(format!(
            "rules: unknown built-in rule set '{id}' (known: {})",
            builtin_ids().join(", ")
        ))
    })?;
    RuleSet::from_json(json)
}

/// Catalogue entry of a built-in rule set (for the rule-set picker).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleSetInfo {
    /// Id.
    pub id: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Regime.
    pub regime: Regime,
    /// Status badge.
    pub status: Status,
    /// Combination mode (zh).
    pub combine_zh: String,
    /// Combination mode (en).
    pub combine_en: String,
}

/// The catalogue of built-in rule sets, in display order.
///
/// # Errors
/// Only if an embedded rule set is invalid (the tests rule this out).
pub fn builtin_catalogue() -> Result<Vec<RuleSetInfo>> {
    builtin_ids()
        .into_iter()
        .map(|id| {
            let r = builtin(id)?;
            Ok(RuleSetInfo {
                id: r.id().to_string(),
                name_zh: r.name_zh().to_string(),
                name_en: r.name_en().to_string(),
                regime: r.input().regime,
                status: r.status(),
                combine_zh: r.combine().name_zh().to_string(),
                combine_en: r.combine().name_en().to_string(),
            })
        })
        .collect()
}

/// Loads a rule set by built-in id, or else parses `text` as rule-set JSON. Convenience for
/// the CLI and the widget (a picker value or an uploaded file).
///
/// # Errors
/// As [`RuleSet::from_json`].
pub fn load(id_or_json: &str) -> Result<RuleSet> {
    match builtin_json(id_or_json.trim()) {
        Some(_) => builtin(id_or_json.trim()),
        None => RuleSet::from_json(id_or_json),
    }
}
