//! Rule sets (费率规则集): the JSON DTO ([`RuleSetInput`]) and the validated [`RuleSet`].
//!
//! A rule set states the exposure basis (保险费计算基础), a multi-dimensional base-rate table
//! (基准费率表) with explicit band closedness, limits (责任限额) and sublimits, factor groups
//! (浮动因素) with their effects, how factors combine (加法/乘法/档次), the band on the total
//! factor (浮动上下限), rounding steps, the prevention-service share (事故预防服务费用比例),
//! and for every number its status (\[V\]/\[S\]/\[I\]) and source.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::condition::{
    check_tiling, Band, BandInput, Condition, ConditionInput, Field, FieldKind,
};
use crate::money::parse_decimal;
use crate::{Error, Result};

/// Evidence status (证据状态) of a number or table: the crate's one [`crate::status::Status`].
pub use crate::status::Status;

/// A source's evidence tag, including \[U\] (unknown: no public text; used for gaps).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SourceTag {
    /// Verified.
    V,
    /// Secondary.
    S,
    /// Illustrative.
    I,
    /// Unknown — the value is a user parameter, never invented.
    U,
}

/// A cited source (出处).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short id referenced by numbers (`"fuyang"`).
    pub id: String,
    /// Label, e.g. document number and title.
    pub label: String,
    /// Address (URL or repository path), may be empty.
    #[serde(default)]
    pub address: String,
    /// Evidence tag.
    pub tag: SourceTag,
}

/// Regime (制度) a rule set belongs to, for the regime selector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// 安监总办〔2017〕140号 (2018-01-01, repealed 2025).
    Aj2017_140,
    /// 应急〔2025〕27号 (2025-03-29).
    Yj2025_27,
    /// A local plan (city / province / insurer).
    Local,
    /// 工伤保险 人社部发〔2015〕71号 (analog anchor, not 安责险).
    WorkInjury71,
}

/// 保险费计算基础 — what the base rate multiplies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Exposure {
    /// Per head: rate × per-person limit × headcount (or a premium per head × headcount).
    PerHead,
    /// 工程造价: rate × project cost.
    ProjectCost,
    /// 营业收入: rate × revenue.
    Revenue,
    /// 工资总额: rate × payroll.
    Payroll,
    /// A fixed base premium from the table (河南-style 年基准保费).
    Fixed,
}

/// What a base-table cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// A rate of the exposure (1.71‰ stored as `"0.00171"`).
    Rate,
    /// A premium per head, 元.
    PremiumPerHead,
    /// A premium, 元.
    Premium,
}

/// A value of an enumerated dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimValueInput {
    /// The value matched against the field (text, or a number for number fields).
    pub id: String,
    /// Chinese label.
    #[serde(default)]
    pub label_zh: String,
    /// English label.
    #[serde(default)]
    pub label_en: String,
}

/// A base-table dimension: give `values` (enumerated; exact match) or `bands` (numeric ranges
/// that must tile without gap or overlap).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimInput {
    /// Dimension id.
    pub id: String,
    /// Enterprise field read (see [`Field`]).
    pub field: String,
    /// Chinese label.
    #[serde(default)]
    pub label_zh: String,
    /// English label.
    #[serde(default)]
    pub label_en: String,
    /// Enumerated values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<DimValueInput>>,
    /// Bands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bands: Option<Vec<BandInput>>,
}

/// One base-table cell: a key (one value or band id per dimension, in order) and the value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellInput {
    /// Key, one entry per dimension.
    pub key: Vec<String>,
    /// Value as a decimal string.
    pub value: String,
    /// Status, if different from the table's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
}

/// A multiplier on the base after lookup (湖南 地铁工程 × 1.5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostMultiplierInput {
    /// Id.
    pub id: String,
    /// Chinese label.
    pub label_zh: String,
    /// English label.
    pub label_en: String,
    /// When it applies.
    pub when: ConditionInput,
    /// Multiplier (decimal string).
    pub factor: String,
    /// Status.
    pub status: Status,
    /// Source id.
    #[serde(default)]
    pub source: Option<String>,
}

/// 基准费率表 — the base table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaseTableInput {
    /// Dimensions (zero dimensions = one cell with an empty key).
    #[serde(default)]
    pub dims: Vec<DimInput>,
    /// Cells: every combination of the dimensions exactly once.
    pub cells: Vec<CellInput>,
    /// What the cells hold.
    pub value_kind: ValueKind,
    /// Status of the table.
    pub status: Status,
    /// Source id.
    #[serde(default)]
    pub source: Option<String>,
    /// Multipliers after the lookup.
    #[serde(default)]
    pub post_multipliers: Vec<PostMultiplierInput>,
}

/// A sublimit (分项限额) as a ratio of the per-person limit or of the aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SublimitInput {
    /// Id.
    pub id: String,
    /// Chinese label.
    pub label_zh: String,
    /// English label.
    pub label_en: String,
    /// `per_person_limit` or `aggregate`.
    pub basis: SublimitBasis,
    /// Ratio (0.30 = 30 %).
    pub ratio: String,
    /// Status.
    pub status: Status,
    /// Source id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Basis of a sublimit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SublimitBasis {
    /// Ratio of the per-person limit.
    PerPersonLimit,
    /// Ratio of the aggregate (per-person × headcount).
    Aggregate,
}

/// A deductible (免赔额), 元.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeductibleInput {
    /// Id.
    pub id: String,
    /// Chinese label.
    pub label_zh: String,
    /// English label.
    pub label_en: String,
    /// Amount, 元.
    pub amount: String,
    /// Status.
    pub status: Status,
    /// Source id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// 责任限额 — limits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimitsInput {
    /// 每人死亡伤残责任限额 minimum, 元 (30万 140号; 40万 27号).
    pub min_per_person_limit: Option<String>,
    /// Status of the minimum.
    pub min_status: Option<Status>,
    /// Source of the minimum.
    pub min_source: Option<String>,
    /// Per-person limit menu for the UI, 元.
    pub per_person_options: Vec<String>,
    /// Sublimits.
    pub sublimits: Vec<SublimitInput>,
    /// Deductibles.
    pub deductibles: Vec<DeductibleInput>,
}

/// How a factor group picks among its options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Select {
    /// Pick one: the first option whose condition holds (order from most severe).
    FirstMatch,
    /// Sum the effects of all options that hold.
    Sum,
    /// Multiply the factors of all options that hold.
    Product,
}

/// An option's effect (JSON: `{"pct": "-0.10"}`, `{"multiplier": "1.5"}`,
/// `{"discount": "0.05"}`, `{"tier_steps": -1}` or `{"discount_from_input": "risk_management_discount"}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum EffectInput {
    /// Percentage of the base (−0.10 = −10 %).
    Pct(String),
    /// Multiplier (1.2).
    Multiplier(String),
    /// Discount (0.05 = −5 %).
    Discount(String),
    /// Steps on the tier ladder.
    TierSteps(i32),
    /// A discount read from an enterprise number field (a user parameter for \[U\] tables).
    DiscountFromInput(String),
}

/// An option of a factor group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorOptionInput {
    /// Id.
    pub id: String,
    /// Chinese label.
    pub label_zh: String,
    /// English label.
    pub label_en: String,
    /// When the option holds.
    pub when: ConditionInput,
    /// Its effect.
    pub effect: EffectInput,
    /// Status.
    pub status: Status,
    /// Source id.
    #[serde(default)]
    pub source: Option<String>,
}

/// A factor group (浮动因素组).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorGroupInput {
    /// Id.
    pub id: String,
    /// Chinese label (上年度事故, 安全生产标准化等级 …).
    pub label_zh: String,
    /// English label.
    pub label_en: String,
    /// How options combine within the group.
    pub select: Select,
    /// Options.
    pub options: Vec<FactorOptionInput>,
    /// Clamp on the group's factor (`min`/`max` as factors, e.g. "0.8", "1.3").
    #[serde(default)]
    pub cap: Option<FactorBandInput>,
}

/// How groups combine (组合方式).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case", deny_unknown_fields)]
pub enum CombineInput {
    /// base × (1 + Σ (gᵢ − 1)) — "在基准费率的基础上降低/提高 X%".
    AdditiveOnBase,
    /// base × Π gᵢ.
    Multiplicative,
    /// base × ladder[start + Σ steps] (工伤 71号 档次).
    TierLadder {
        /// Ladder factors, ascending.
        ladder: Vec<String>,
        /// Index of the starting tier.
        start: usize,
        /// Status of the ladder.
        status: Status,
        /// Source id.
        #[serde(default)]
        source: Option<String>,
    },
}

/// A floor/cap on a factor (浮动上下限).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorBandInput {
    /// Floor factor (e.g. "0.8").
    #[serde(default)]
    pub min: Option<String>,
    /// Cap factor (e.g. "1.3").
    #[serde(default)]
    pub max: Option<String>,
    /// Status.
    #[serde(default)]
    pub status: Option<Status>,
    /// Source id.
    #[serde(default)]
    pub source: Option<String>,
}

/// Where a rounding step happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundAt {
    /// The premium per head (before × headcount); per-head exposure only.
    PerHead,
    /// The base premium (before floating).
    Base,
    /// The final premium.
    Total,
}

/// A rounding step: where and to how many decimals (2 = fen, 1 = jiao, 0 = yuan), always
/// half away from zero via [`crate::money::round_to`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundStepInput {
    /// Where.
    pub at: RoundAt,
    /// Decimal places, 0…2.
    pub dp: u32,
}

/// Prevention-service share kind: the share is a cap (2025 ≤ 21 %), a floor (无锡 ≥ 20 %) or
/// exact (阜阳 5 %).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PreventionKind {
    /// At most the share.
    Cap,
    /// At least the share.
    Floor,
    /// Exactly the share.
    Exact,
}

/// 事故预防服务费用 — share of the collected premium spent on prevention services.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreventionInput {
    /// Share (0.21 = 21 %).
    pub share: String,
    /// Cap, floor or exact.
    pub kind: PreventionKind,
    /// Status.
    pub status: Status,
    /// Source id.
    #[serde(default)]
    pub source: Option<String>,
}

/// The rule-set JSON document (see `data/rules/*.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSetInput {
    /// Stable id (`fuyang`, `zhongshan-illustrative` …).
    pub id: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Jurisdiction (`national`, `Fuyang`, `Zhongshan` …).
    pub jurisdiction: String,
    /// Regime.
    pub regime: Regime,
    /// Effective from (YYYY-MM-DD), if known.
    #[serde(default)]
    pub effective_from: Option<String>,
    /// Effective to, if repealed.
    #[serde(default)]
    pub effective_to: Option<String>,
    /// Badge: must not be stronger than any number it contains.
    pub status: Status,
    /// Sources cited by id.
    pub sources: Vec<Source>,
    /// Notes (zh).
    #[serde(default)]
    pub notes_zh: String,
    /// Notes (en).
    #[serde(default)]
    pub notes_en: String,
    /// Exposure basis.
    pub exposure: Exposure,
    /// Base table.
    pub base: BaseTableInput,
    /// Limits.
    #[serde(default)]
    pub limits: LimitsInput,
    /// Compulsory sectors (强制投保行业) by sector id.
    #[serde(default)]
    pub compulsory_sectors: Vec<String>,
    /// Factor groups in evaluation order.
    #[serde(default)]
    pub factor_groups: Vec<FactorGroupInput>,
    /// Combination mode.
    pub combine: CombineInput,
    /// Band on the total factor.
    #[serde(default)]
    pub band: Option<FactorBandInput>,
    /// When true, no floating applies (e.g. 首次投保).
    #[serde(default)]
    pub no_float_when: Option<ConditionInput>,
    /// Rounding steps; empty means the default: total to the fen \[I\].
    #[serde(default)]
    pub rounding: Vec<RoundStepInput>,
    /// Minimum premium, 元.
    #[serde(default)]
    pub min_premium: Option<String>,
    /// Prevention-service share.
    #[serde(default)]
    pub prevention: Option<PreventionInput>,
    /// Commission cap (手续费上限), ratio.
    #[serde(default)]
    pub commission_cap: Option<String>,
}

// ---------------------------------------------------------------- validated model

/// A validated base-table dimension.
#[derive(Debug, Clone, PartialEq)]
pub enum DimKind {
    /// Exact text values.
    Text(Vec<String>),
    /// Exact numeric values.
    Number(Vec<Decimal>),
    /// Numeric bands.
    Bands(Vec<Band>),
}

/// A validated dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct Dim {
    /// Id.
    pub id: String,
    /// Field read.
    pub field: Field,
    /// Values or bands; keys are their ids.
    pub kind: DimKind,
    /// Key ids in order.
    pub ids: Vec<String>,
}

/// A validated post-multiplier.
#[derive(Debug, Clone, PartialEq)]
pub struct PostMultiplier {
    /// Source DTO (labels, status).
    pub input: PostMultiplierInput,
    /// Condition.
    pub when: Condition,
    /// Multiplier.
    pub factor: Decimal,
}

/// A validated effect.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Delta on the base: factor 1 + d (pct, multiplier − 1, −discount).
    Factor(Decimal),
    /// Discount read from an enterprise field: factor 1 − value.
    DiscountFrom(Field),
    /// Tier-ladder steps.
    TierSteps(i32),
}

/// A validated option.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorOption {
    /// Source DTO (labels, status, source).
    pub input: FactorOptionInput,
    /// Condition.
    pub when: Condition,
    /// Effect.
    pub effect: Effect,
}

/// A validated factor group.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorGroup {
    /// Id.
    pub id: String,
    /// Chinese label.
    pub label_zh: String,
    /// English label.
    pub label_en: String,
    /// Selection.
    pub select: Select,
    /// Options.
    pub options: Vec<FactorOption>,
    /// Clamp on the group factor.
    pub cap: Option<(Option<Decimal>, Option<Decimal>)>,
}

/// Validated combination mode.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Combine {
    /// Additive on the base.
    AdditiveOnBase,
    /// Multiplicative.
    Multiplicative,
    /// Tier ladder.
    TierLadder {
        /// Ladder factors.
        ladder: Vec<Decimal>,
        /// Start index.
        start: usize,
    },
}

impl Combine {
    /// Chinese name of the mode.
    pub fn name_zh(&self) -> &'static str {
        match self {
            Combine::AdditiveOnBase => "基准加减（加法）",
            Combine::Multiplicative => "系数连乘（乘法）",
            Combine::TierLadder { .. } => "费率档次",
        }
    }

    /// English name of the mode.
    pub fn name_en(&self) -> &'static str {
        match self {
            Combine::AdditiveOnBase => "additive on base",
            Combine::Multiplicative => "multiplicative",
            Combine::TierLadder { .. } => "tier ladder",
        }
    }
}

/// A validated rule set. Build with [`RuleSet::from_input`], [`RuleSet::from_json`] or
/// [`super::builtin`]; quoting is then free of rule-set errors.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    pub(crate) input: RuleSetInput,
    pub(crate) dims: Vec<Dim>,
    pub(crate) cells: Vec<(Decimal, Status)>,
    pub(crate) post: Vec<PostMultiplier>,
    pub(crate) groups: Vec<FactorGroup>,
    pub(crate) combine: Combine,
    pub(crate) band: (Option<Decimal>, Option<Decimal>),
    pub(crate) band_status: Status,
    pub(crate) ladder_status: Status,
    pub(crate) no_float_when: Option<Condition>,
    pub(crate) rounding: Vec<(RoundAt, u32)>,
    pub(crate) default_rounding: bool,
    pub(crate) min_premium: Option<Decimal>,
    pub(crate) min_per_person_limit: Option<(Decimal, Status)>,
    pub(crate) sublimits: Vec<(SublimitInput, Decimal)>,
    pub(crate) prevention: Option<(Decimal, PreventionKind, Status)>,
    pub(crate) commission_cap: Option<Decimal>,
}

/// Size limits of a rule set, checked before its tables are built (docs/premium.md §1).
pub mod limits {
    /// Rule-set JSON: at most 1 MiB.
    pub const MAX_JSON_BYTES: usize = 1 << 20;
    /// Base-table dimensions.
    pub const MAX_DIMS: usize = 8;
    /// Values or bands per dimension.
    pub const MAX_VALUES_PER_DIM: usize = 1_000;
    /// Cells of the base table (the product of the dimension sizes, checked without overflow).
    pub const MAX_CELLS: usize = 100_000;
    /// Factor groups.
    pub const MAX_GROUPS: usize = 64;
    /// Options per factor group.
    pub const MAX_OPTIONS_PER_GROUP: usize = 256;
    /// Options over all groups.
    pub const MAX_OPTIONS: usize = 4_096;
    /// Condition nodes over the whole rule set.
    pub const MAX_CONDITION_NODES: usize = 20_000;
    /// Sources, post-multipliers, sublimits, deductibles, per-person options, ladder tiers.
    pub const MAX_LIST: usize = 256;
    /// Compulsory sectors.
    pub const MAX_SECTORS: usize = 1_000;
    /// Largest factor, multiplier or band edge on a factor (×100).
    pub const MAX_FACTOR: i64 = 100;
    /// Largest money amount in a rule set (fixed premium, minimum premium), 元: 100亿.
    pub const MAX_AMOUNT: i64 = 10_000_000_000;
    /// Largest premium per head, 元.
    pub const MAX_PER_HEAD: i64 = 1_000_000;
    /// Largest per-person limit (minimum or menu entry) or deductible, 元: 1亿.
    pub const MAX_LIMIT: i64 = 100_000_000;
    /// Largest |number| in a dimension value or condition band (the enterprise ranges stop
    /// far below).
    pub const MAX_ABS_EDGE: i64 = 1_000_000_000_000_000;
    /// Largest |tier steps| of one option.
    pub const MAX_TIER_STEPS: i32 = 100;
    /// Longest accident window, years.
    pub const MAX_WITHIN_YEARS: u32 = 100;
}

fn rs_err(e: Error) -> Error {
    match e {
        Error::InvalidInput(m) => Error::InvalidRuleSet(m),
        o => o,
    }
}

/// A decimal from rule-set text; a finite number too large for a decimal is `OUT_OF_RANGE`.
pub(crate) fn dec(at: &str, s: &str) -> Result<Decimal> {
    parse_decimal(at, s).map_err(|e| {
        let t = s.trim();
        if t.len() <= 400 && super::input::numeric_syntax(t) {
            Error::out_of_range(
                format!("rules.{at}"),
                format!("费率规则 {at}：{} 超出可计算范围", super::input::shown(t)),
                format!(
                    "rule set {at}: {} is beyond the computable range",
                    super::input::shown(t)
                ),
            )
        } else {
            rs_err(e)
        }
    })
}

fn non_neg(at: &str, s: &str) -> Result<Decimal> {
    let d = dec(at, s)?;
    if d.is_sign_negative() && !d.is_zero() {
        return Err(Error::InvalidRuleSet(format!(
            "{at}: '{s}' must not be negative"
        )));
    }
    Ok(d)
}

/// A non-negative decimal at most `max` (`OUT_OF_RANGE` naming the rule-set path).
fn at_most(at: &str, s: &str, max: i64) -> Result<Decimal> {
    let d = non_neg(at, s)?;
    if d > Decimal::from(max) {
        return Err(Error::out_of_range(
            format!("rules.{at}"),
            format!(
                "费率规则 {at}：{} 超过上限 {}",
                d.normalize(),
                super::input::group(max)
            ),
            format!(
                "rule set {at}: {} is above the limit {}",
                d.normalize(),
                super::input::group(max)
            ),
        ));
    }
    Ok(d)
}

/// A collection size at most `max` (`TOO_LARGE` naming the rule-set path).
fn count_at_most(at: &str, n: usize, max: usize) -> Result<()> {
    if n > max {
        let what_zh = format!("费率规则 {at}");
        let what_en = format!("rule set {at}");
        return Err(crate::validate::too_many(
            &format!("rules.{at}"),
            &what_zh,
            &what_en,
            n,
            max,
        ));
    }
    Ok(())
}

/// Tracks the weakest status seen, with the place where it was seen.
struct Weakest(Status, String);

impl Weakest {
    fn see(&mut self, s: Status, at: impl FnOnce() -> String) {
        if s > self.0 {
            self.0 = s;
            self.1 = at();
        }
    }
}

/// The source ids a rule set lists, for checking references in O(log n).
struct Sources(std::collections::BTreeSet<String>);

impl Sources {
    fn check(&self, at: &str, s: &Option<String>) -> Result<()> {
        if let Some(id) = s {
            if !self.0.contains(id) {
                return Err(Error::InvalidRuleSet(format!(
                    "{at}.source: '{id}' is not listed in sources ({})",
                    self.0.iter().cloned().collect::<Vec<_>>().join(", ")
                )));
            }
        }
        Ok(())
    }
}

fn inv(m: String) -> Error {
    Error::InvalidRuleSet(m)
}

/// Counts condition nodes (iteratively; serde already bounds the nesting depth).
fn condition_nodes(c: &ConditionInput) -> usize {
    let mut n = 0usize;
    let mut stack = vec![c];
    while let Some(c) = stack.pop() {
        n = n.saturating_add(1);
        match c {
            ConditionInput::All { of } | ConditionInput::Any { of } => stack.extend(of.iter()),
            ConditionInput::Not { of } => stack.push(of),
            ConditionInput::In { values, .. } => n = n.saturating_add(values.len()),
            _ => {}
        }
    }
    n
}

/// Every size limit of a rule set, before any table is built.
fn check_sizes(input: &RuleSetInput) -> Result<()> {
    use limits::*;
    let base = &input.base;
    count_at_most("base.dims", base.dims.len(), MAX_DIMS)?;
    let mut cells = 1usize;
    for (i, d) in base.dims.iter().enumerate() {
        let n = d
            .values
            .as_ref()
            .map_or(0, Vec::len)
            .max(d.bands.as_ref().map_or(0, Vec::len));
        count_at_most(&format!("base.dims[{i}]"), n, MAX_VALUES_PER_DIM)?;
        cells = cells.saturating_mul(n);
    }
    if cells > MAX_CELLS {
        return Err(Error::too_large(
            "rules.base.dims",
            format!("费率规则 base.dims：各维度取值个数之积为 {cells}，超过上限 {MAX_CELLS} 个单元格"),
            format!("rule set base.dims: the dimensions span {cells} cells, over the limit of {MAX_CELLS}"),
        ));
    }
    count_at_most("base.cells", base.cells.len(), MAX_CELLS)?;
    count_at_most(
        "base.post_multipliers",
        base.post_multipliers.len(),
        MAX_LIST,
    )?;
    count_at_most("sources", input.sources.len(), MAX_LIST)?;
    count_at_most("factor_groups", input.factor_groups.len(), MAX_GROUPS)?;
    let mut options = 0usize;
    let mut nodes = 0usize;
    for (i, g) in input.factor_groups.iter().enumerate() {
        count_at_most(
            &format!("factor_groups[{i}].options"),
            g.options.len(),
            MAX_OPTIONS_PER_GROUP,
        )?;
        options = options.saturating_add(g.options.len());
        for o in &g.options {
            nodes = nodes.saturating_add(condition_nodes(&o.when));
        }
    }
    count_at_most("factor_groups (options)", options, MAX_OPTIONS)?;
    for p in &base.post_multipliers {
        nodes = nodes.saturating_add(condition_nodes(&p.when));
    }
    if let Some(c) = &input.no_float_when {
        nodes = nodes.saturating_add(condition_nodes(c));
    }
    count_at_most("conditions", nodes, MAX_CONDITION_NODES)?;
    let l = &input.limits;
    count_at_most(
        "limits.per_person_options",
        l.per_person_options.len(),
        MAX_LIST,
    )?;
    count_at_most("limits.sublimits", l.sublimits.len(), MAX_LIST)?;
    count_at_most("limits.deductibles", l.deductibles.len(), MAX_LIST)?;
    count_at_most(
        "compulsory_sectors",
        input.compulsory_sectors.len(),
        MAX_SECTORS,
    )?;
    if let CombineInput::TierLadder { ladder, .. } = &input.combine {
        count_at_most("combine.ladder", ladder.len(), MAX_LIST)?;
    }
    Ok(())
}

/// Id, names, dates and sources.
fn check_header(input: &RuleSetInput) -> Result<Sources> {
    if input.id.trim().is_empty() {
        return Err(inv("id: must not be empty".into()));
    }
    if input.name_zh.trim().is_empty() || input.name_en.trim().is_empty() {
        return Err(inv("name_zh/name_en: both names are required".into()));
    }
    for (k, v) in [
        ("effective_from", &input.effective_from),
        ("effective_to", &input.effective_to),
    ] {
        if let Some(d) = v {
            let ok = d.len() == 10
                && d.char_indices().all(|(i, c)| {
                    if i == 4 || i == 7 {
                        c == '-'
                    } else {
                        c.is_ascii_digit()
                    }
                });
            if !ok {
                return Err(inv(format!("{k}: '{d}' is not a date YYYY-MM-DD")));
            }
        }
    }
    if let (Some(a), Some(b)) = (&input.effective_from, &input.effective_to) {
        if b < a {
            return Err(inv(format!(
                "effective_to: {b} is before effective_from {a}"
            )));
        }
    }
    if input.sources.is_empty() {
        return Err(inv("sources: at least one source is required".into()));
    }
    Ok(Sources(
        input.sources.iter().map(|s| s.id.clone()).collect(),
    ))
}

/// The cell value kind must fit the exposure.
fn check_value_kind(exposure: Exposure, kind: ValueKind) -> Result<()> {
    match (exposure, kind) {
        (Exposure::Fixed, ValueKind::Premium) => Ok(()),
        (Exposure::Fixed, k) => Err(inv(format!(
            "base.value_kind: exposure 'fixed' needs 'premium', not '{}'",
            value_kind_id(k)
        ))),
        (Exposure::PerHead, ValueKind::Rate | ValueKind::PremiumPerHead) => Ok(()),
        (e, ValueKind::Rate) if e != Exposure::PerHead => Ok(()),
        (e, k) => Err(inv(format!(
            "base.value_kind: '{}' does not fit exposure '{}'",
            value_kind_id(k),
            exposure_id(e)
        ))),
    }
}

/// A bounded number for a dimension value or a band edge.
fn edge(at: &str, s: &str) -> Result<Decimal> {
    let d = dec(at, s)?;
    if d.abs() > Decimal::from(limits::MAX_ABS_EDGE) {
        return Err(Error::out_of_range(
            format!("rules.{at}"),
            format!(
                "费率规则 {at}：{} 超出范围（绝对值不超过 10^15）",
                d.normalize()
            ),
            format!(
                "rule set {at}: {} is out of range (|x| ≤ 10^15)",
                d.normalize()
            ),
        ));
    }
    Ok(d)
}

/// One validated dimension; duplicate keys found by sorting (O(n log n)).
fn dim(i: usize, d: &DimInput) -> Result<Dim> {
    let at = format!("base.dims[{i}] ('{}')", d.id);
    let (field, kind) = Field::parse(&format!("{at}.field"), &d.field)?;
    let (dk, ids): (DimKind, Vec<String>) = match (&d.values, &d.bands) {
        (Some(vs), None) => {
            if vs.is_empty() {
                return Err(inv(format!("{at}.values: must not be empty")));
            }
            let ids: Vec<String> = vs.iter().map(|v| v.id.clone()).collect();
            let dk = match kind {
                FieldKind::Text => DimKind::Text(ids.clone()),
                FieldKind::Number => DimKind::Number(
                    vs.iter()
                        .enumerate()
                        .map(|(j, v)| edge(&format!("{at}.values[{j}].id"), &v.id))
                        .collect::<Result<_>>()?,
                ),
                FieldKind::Bool => {
                    return Err(inv(format!(
                    "{at}.field: '{}' is yes/no; a table dimension needs a text or number field",
                    d.field
                )))
                }
            };
            (dk, ids)
        }
        (None, Some(bs)) => {
            if kind != FieldKind::Number {
                return Err(inv(format!(
                    "{at}.bands: field '{}' is not a number field",
                    d.field
                )));
            }
            if bs.is_empty() {
                return Err(inv(format!("{at}.bands: must not be empty")));
            }
            let bands = bs
                .iter()
                .enumerate()
                .map(|(j, b)| {
                    let bat = format!("{at}.bands[{j}] ('{}')", b.id);
                    for v in [&b.ge, &b.gt, &b.le, &b.lt].into_iter().flatten() {
                        edge(&bat, v)?;
                    }
                    Band::from_input(&bat, b)
                })
                .collect::<Result<Vec<_>>>()?;
            check_tiling(&format!("{at}.bands"), &bands)?;
            (
                DimKind::Bands(bands),
                bs.iter().map(|b| b.id.clone()).collect(),
            )
        }
        _ => {
            return Err(inv(format!(
                "{at}: give exactly one of 'values' (enumerated) or 'bands' (ranges)"
            )))
        }
    };
    // Duplicates through an ordered map (O(n log n)); the same map type as the cell lookup.
    let mut seen: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for (j, id) in ids.iter().enumerate() {
        if seen.insert(id.as_str(), j).is_some() {
            return Err(inv(format!("{at}: duplicate key '{id}'")));
        }
    }
    Ok(Dim {
        id: d.id.clone(),
        field,
        kind: dk,
        ids,
    })
}

/// The cell value's range by kind: a rate 0…1, a premium per head ≤ 100万元, a premium ≤ 100亿元.
fn cell_value(at: &str, s: &str, kind: ValueKind) -> Result<Decimal> {
    match kind {
        ValueKind::Rate => at_most(at, s, 1),
        ValueKind::PremiumPerHead => at_most(at, s, limits::MAX_PER_HEAD),
        ValueKind::Premium => at_most(at, s, limits::MAX_AMOUNT),
    }
}

/// The key of every combination, row-major (for a missing cell's message).
fn key_of(dims: &[Dim], mut idx: usize) -> Vec<String> {
    let mut key = vec![String::new(); dims.len()];
    for (slot, d) in key.iter_mut().zip(dims).rev() {
        let n = d.ids.len().max(1);
        *slot = d
            .ids
            .get(idx.checked_rem(n).unwrap_or(0))
            .cloned()
            .unwrap_or_default();
        idx = idx.checked_div(n).unwrap_or(0);
    }
    key
}

/// The full base table: every combination exactly once; keys found through a map per
/// dimension (O(cells × dims × log values)).
fn cells(
    base: &BaseTableInput,
    dims: &[Dim],
    weakest: &mut Weakest,
) -> Result<Vec<(Decimal, Status)>> {
    // The product was bounded by `check_sizes`.
    let size = dims
        .iter()
        .try_fold(1usize, |acc, d| acc.checked_mul(d.ids.len()))
        .filter(|n| *n <= limits::MAX_CELLS)
        .ok_or_else(|| {
            Error::too_large(
                "rules.base.dims",
                "费率规则 base.dims：单元格过多",
                "rule set base.dims: too many cells",
            )
        })?;
    let maps: Vec<std::collections::BTreeMap<&str, usize>> = dims
        .iter()
        .map(|d| {
            d.ids
                .iter()
                .enumerate()
                .map(|(i, s)| (s.as_str(), i))
                .collect()
        })
        .collect();
    let mut table: Vec<Option<(Decimal, Status)>> = vec![None; size];
    for (r, c) in base.cells.iter().enumerate() {
        let at = format!("base.cells[{r}]");
        if c.key.len() != dims.len() {
            return Err(inv(format!(
                "{at}.key: has {} entries, the table has {} dimensions",
                c.key.len(),
                dims.len()
            )));
        }
        let mut idx = 0usize;
        for ((k, d), m) in c.key.iter().zip(dims).zip(&maps) {
            let pos = m.get(k.as_str()).copied().ok_or_else(|| {
                inv(format!(
                    "{at}.key: '{k}' is not a key of dimension '{}' ({})",
                    d.id,
                    d.ids.join(", ")
                ))
            })?;
            // idx < size ≤ MAX_CELLS at every step.
            idx = idx.saturating_mul(d.ids.len()).saturating_add(pos);
        }
        let v = cell_value(&format!("{at}.value"), &c.value, base.value_kind)?;
        let st = c.status.unwrap_or(base.status);
        weakest.see(st, || at.clone());
        let slot = table
            .get_mut(idx)
            .ok_or_else(|| inv(format!("{at}.key: outside the table")))?;
        if slot.is_some() {
            return Err(inv(format!(
                "{at}: duplicate cell for key [{}]",
                c.key.join(", ")
            )));
        }
        *slot = Some((v, st));
    }
    let mut full = Vec::with_capacity(size);
    for (idx, c) in table.into_iter().enumerate() {
        match c {
            Some(c) => full.push(c),
            None => {
                return Err(inv(format!(
                    "base.cells: no cell for key [{}] (every combination needs a value)",
                    key_of(dims, idx).join(", ")
                )))
            }
        }
    }
    Ok(full)
}

fn post_multipliers(
    base: &BaseTableInput,
    sources: &Sources,
    weakest: &mut Weakest,
) -> Result<Vec<PostMultiplier>> {
    let mut post = Vec::with_capacity(base.post_multipliers.len());
    for (i, p) in base.post_multipliers.iter().enumerate() {
        let at = format!("base.post_multipliers[{i}] ('{}')", p.id);
        sources.check(&at, &p.source)?;
        weakest.see(p.status, || at.clone());
        post.push(PostMultiplier {
            when: condition(&format!("{at}.when"), &p.when)?,
            factor: at_most(&format!("{at}.factor"), &p.factor, limits::MAX_FACTOR)?,
            input: p.clone(),
        });
    }
    Ok(post)
}

/// A validated condition whose bands and counts are within range.
fn condition(at: &str, c: &ConditionInput) -> Result<Condition> {
    let mut stack = vec![(at.to_string(), c)];
    while let Some((at, c)) = stack.pop() {
        match c {
            ConditionInput::Band { band, .. } => {
                for v in [&band.ge, &band.gt, &band.le, &band.lt]
                    .into_iter()
                    .flatten()
                {
                    edge(&format!("{at}.band"), v)?;
                }
            }
            ConditionInput::Accidents {
                within_years,
                min_count,
                ..
            } => {
                if *within_years > limits::MAX_WITHIN_YEARS {
                    return Err(Error::out_of_range(
                        format!("rules.{at}.within_years"),
                        format!("费率规则 {at}.within_years：{within_years} 年超过上限 {} 年", limits::MAX_WITHIN_YEARS),
                        format!("rule set {at}.within_years: {within_years} years is over the limit of {}", limits::MAX_WITHIN_YEARS),
                    ));
                }
                if min_count.is_some_and(|n| n > 10_000_000) {
                    return Err(Error::out_of_range(
                        format!("rules.{at}.min_count"),
                        format!("费率规则 {at}.min_count 超过上限 10,000,000"),
                        format!("rule set {at}.min_count is over the limit of 10,000,000"),
                    ));
                }
            }
            ConditionInput::All { of } | ConditionInput::Any { of } => {
                stack.extend(
                    of.iter()
                        .enumerate()
                        .map(|(i, s)| (format!("{at}.of[{i}]"), s)),
                );
            }
            ConditionInput::Not { of } => stack.push((format!("{at}.of"), of)),
            _ => {}
        }
    }
    Condition::from_input(at, c)
}

fn combine(
    c: &CombineInput,
    sources: &Sources,
    weakest: &mut Weakest,
) -> Result<(Combine, Status)> {
    Ok(match c {
        CombineInput::AdditiveOnBase => (Combine::AdditiveOnBase, Status::Verified),
        CombineInput::Multiplicative => (Combine::Multiplicative, Status::Verified),
        CombineInput::TierLadder {
            ladder,
            start,
            status,
            source,
        } => {
            sources.check("combine", source)?;
            weakest.see(*status, || "combine.ladder".into());
            let l = ladder
                .iter()
                .enumerate()
                .map(|(i, s)| at_most(&format!("combine.ladder[{i}]"), s, limits::MAX_FACTOR))
                .collect::<Result<Vec<_>>>()?;
            if l.is_empty() {
                return Err(inv("combine.ladder: must not be empty".into()));
            }
            if l.windows(2).any(|w| w.first() >= w.get(1)) {
                return Err(inv(
                    "combine.ladder: factors must be strictly ascending".into()
                ));
            }
            if *start >= l.len() {
                return Err(inv(format!(
                    "combine.start: {start} is outside the ladder (0…{})",
                    l.len().saturating_sub(1)
                )));
            }
            (
                Combine::TierLadder {
                    ladder: l,
                    start: *start,
                },
                *status,
            )
        }
    })
}

/// One option's effect, checked against the combination mode and its range.
fn effect(at: &str, e: &EffectInput, tier: bool) -> Result<Effect> {
    let out_of = |k: &str, v: Decimal, zh: &str, en: &str| {
        Error::out_of_range(
            format!("rules.{at}.effect.{k}"),
            format!("费率规则 {at}.effect.{k}：{} {zh}", v.normalize()),
            format!("rule set {at}.effect.{k}: {} {en}", v.normalize()),
        )
    };
    let eff = match e {
        EffectInput::TierSteps(n) if tier => {
            if n.unsigned_abs() > limits::MAX_TIER_STEPS.unsigned_abs() {
                return Err(out_of(
                    "tier_steps",
                    Decimal::from(*n),
                    "超出 −100…100",
                    "is outside −100…100",
                ));
            }
            Effect::TierSteps(*n)
        }
        EffectInput::TierSteps(_) => {
            return Err(inv(format!(
                "{at}.effect: 'tier_steps' needs combine mode 'tier_ladder'"
            )))
        }
        _ if tier => {
            return Err(inv(format!(
                "{at}.effect: combine mode 'tier_ladder' takes only 'tier_steps'"
            )))
        }
        EffectInput::Pct(s) => {
            let d = dec(&format!("{at}.effect.pct"), s)?;
            if d > Decimal::from(limits::MAX_FACTOR) {
                return Err(out_of(
                    "pct",
                    d,
                    "超过上限 100（即 +10000%）",
                    "is above 100 (+10000 %)",
                ));
            }
            Effect::Factor(d)
        }
        EffectInput::Multiplier(s) => {
            let m = at_most(&format!("{at}.effect.multiplier"), s, limits::MAX_FACTOR)?;
            Effect::Factor(m.checked_sub(Decimal::ONE).unwrap_or(Decimal::ZERO))
        }
        EffectInput::Discount(s) => {
            let d = non_neg(&format!("{at}.effect.discount"), s)?;
            if d > Decimal::ONE {
                return Err(inv(format!("{at}.effect.discount: {d} exceeds 1")));
            }
            Effect::Factor(Decimal::ZERO.checked_sub(d).unwrap_or(Decimal::ZERO))
        }
        EffectInput::DiscountFromInput(f) => {
            let (field, kind) = Field::parse(&format!("{at}.effect.discount_from_input"), f)?;
            if kind != FieldKind::Number {
                return Err(inv(format!(
                    "{at}.effect.discount_from_input: '{f}' is not a number field"
                )));
            }
            Effect::DiscountFrom(field)
        }
    };
    if let Effect::Factor(d) = eff {
        if d < Decimal::NEGATIVE_ONE {
            return Err(inv(format!(
                "{at}.effect: a factor below 0 (delta {d}) is meaningless"
            )));
        }
    }
    Ok(eff)
}

fn factor_groups(
    input: &[FactorGroupInput],
    tier: bool,
    sources: &Sources,
    weakest: &mut Weakest,
) -> Result<Vec<FactorGroup>> {
    let mut groups = Vec::with_capacity(input.len());
    for (gi, g) in input.iter().enumerate() {
        let gat = format!("factor_groups[{gi}] ('{}')", g.id);
        if g.options.is_empty() {
            return Err(inv(format!("{gat}.options: must not be empty")));
        }
        if tier && g.select == Select::Product {
            return Err(inv(format!(
                "{gat}.select: 'product' does not fit the tier ladder (steps add up)"
            )));
        }
        let mut options = Vec::with_capacity(g.options.len());
        for (oi, o) in g.options.iter().enumerate() {
            let at = format!("{gat}.options[{oi}] ('{}')", o.id);
            sources.check(&at, &o.source)?;
            weakest.see(o.status, || at.clone());
            let effect = effect(&at, &o.effect, tier)?;
            options.push(FactorOption {
                when: condition(&format!("{at}.when"), &o.when)?,
                effect,
                input: o.clone(),
            });
        }
        let cap = match &g.cap {
            None => None,
            Some(c) => {
                if tier {
                    return Err(inv(format!("{gat}.cap: not used with the tier ladder")));
                }
                sources.check(&format!("{gat}.cap"), &c.source)?;
                if let Some(s) = c.status {
                    weakest.see(s, || format!("{gat}.cap"));
                }
                Some(factor_band(&format!("{gat}.cap"), c)?)
            }
        };
        groups.push(FactorGroup {
            id: g.id.clone(),
            label_zh: g.label_zh.clone(),
            label_en: g.label_en.clone(),
            select: g.select,
            options,
            cap,
        });
    }
    let mut seen: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for (i, g) in groups.iter().enumerate() {
        if seen.insert(g.id.as_str(), i).is_some() {
            return Err(inv(format!(
                "factor_groups[{i}]: duplicate group id '{}'",
                g.id
            )));
        }
    }
    Ok(groups)
}

type BandPair = (Option<Decimal>, Option<Decimal>);

fn band(
    b: &Option<FactorBandInput>,
    sources: &Sources,
    weakest: &mut Weakest,
) -> Result<(BandPair, Status)> {
    match b {
        None => Ok(((None, None), Status::Verified)),
        Some(b) => {
            sources.check("band", &b.source)?;
            let st = b
                .status
                .ok_or_else(|| inv("band.status: required".into()))?;
            weakest.see(st, || "band".into());
            Ok((factor_band("band", b)?, st))
        }
    }
}

fn rounding(input: &RuleSetInput) -> Result<(Vec<(RoundAt, u32)>, bool)> {
    let mut rounding: Vec<(RoundAt, u32)> = Vec::with_capacity(3);
    count_at_most("rounding", input.rounding.len(), 3)?;
    for (i, r) in input.rounding.iter().enumerate() {
        if r.dp > 2 {
            return Err(inv(format!(
                "rounding[{i}].dp: {} — money rounds to at most 2 decimals (the fen)",
                r.dp
            )));
        }
        if r.at == RoundAt::PerHead && input.exposure != Exposure::PerHead {
            return Err(inv(format!(
                "rounding[{i}].at: 'per_head' needs exposure 'per_head'"
            )));
        }
        if rounding.iter().any(|(a, _)| *a == r.at) {
            return Err(inv(format!("rounding[{i}].at: step declared twice")));
        }
        rounding.push((r.at, r.dp));
    }
    let default_rounding = rounding.is_empty();
    if default_rounding {
        rounding.push((RoundAt::Total, 2));
    } else if !rounding.iter().any(|(a, _)| *a == RoundAt::Total) {
        return Err(inv(
            "rounding: declare a 'total' step (the premium must be money)".into(),
        ));
    }
    rounding.sort_by_key(|(a, _)| match a {
        RoundAt::PerHead => 0,
        RoundAt::Base => 1,
        RoundAt::Total => 2,
    });
    Ok((rounding, default_rounding))
}

/// Validated limits: the minimum per-person limit and the sublimits.
type Limits = (Option<(Decimal, Status)>, Vec<(SublimitInput, Decimal)>);

fn limits_of(lim: &LimitsInput, sources: &Sources, weakest: &mut Weakest) -> Result<Limits> {
    sources.check("limits.min", &lim.min_source)?;
    let min = match &lim.min_per_person_limit {
        None => None,
        Some(s) => {
            let st = lim.min_status.ok_or_else(|| {
                inv("limits.min_status: required with min_per_person_limit".into())
            })?;
            weakest.see(st, || "limits.min_per_person_limit".into());
            Some((
                at_most("limits.min_per_person_limit", s, limits::MAX_LIMIT)?,
                st,
            ))
        }
    };
    for (i, o) in lim.per_person_options.iter().enumerate() {
        at_most(
            &format!("limits.per_person_options[{i}]"),
            o,
            limits::MAX_LIMIT,
        )?;
    }
    let mut sublimits = Vec::with_capacity(lim.sublimits.len());
    for (i, s) in lim.sublimits.iter().enumerate() {
        let at = format!("limits.sublimits[{i}] ('{}')", s.id);
        sources.check(&at, &s.source)?;
        weakest.see(s.status, || at.clone());
        sublimits.push((s.clone(), at_most(&format!("{at}.ratio"), &s.ratio, 1)?));
    }
    for (i, d) in lim.deductibles.iter().enumerate() {
        let at = format!("limits.deductibles[{i}] ('{}')", d.id);
        sources.check(&at, &d.source)?;
        weakest.see(d.status, || at.clone());
        at_most(&format!("{at}.amount"), &d.amount, limits::MAX_LIMIT)?;
    }
    Ok((min, sublimits))
}

fn prevention(
    p: &Option<PreventionInput>,
    sources: &Sources,
    weakest: &mut Weakest,
) -> Result<Option<(Decimal, PreventionKind, Status)>> {
    let Some(p) = p else {
        return Ok(None);
    };
    sources.check("prevention", &p.source)?;
    weakest.see(p.status, || "prevention".into());
    let s = non_neg("prevention.share", &p.share)?;
    if s > Decimal::ONE {
        return Err(inv(format!(
            "prevention.share: {s} exceeds 1 (a ratio, 0.21 = 21 %)"
        )));
    }
    Ok(Some((s, p.kind, p.status)))
}

impl RuleSet {
    /// Parses and validates rule-set JSON (at most [`limits::MAX_JSON_BYTES`]).
    ///
    /// # Errors
    /// `TOO_LARGE` over the size limit; [`Error::NotJson`] for malformed JSON;
    /// [`Error::InvalidRuleSet`] naming the field for a wrong type, an unknown field, or any
    /// failure of [`RuleSet::from_input`].
    pub fn from_json(text: &str) -> Result<RuleSet> {
        crate::validate::text_bytes(
            "rules",
            "费率规则 JSON",
            "the rule-set JSON",
            text.len(),
            limits::MAX_JSON_BYTES,
        )?;
        let input: RuleSetInput = serde_json::from_str(text).map_err(|e| {
            if e.is_data() {
                Error::InvalidRuleSet(format!("rule-set JSON: {e}"))
            } else {
                Error::NotJson(e.to_string())
            }
        })?;
        RuleSet::from_input(input)
    }

    /// Validates a rule-set DTO: sizes first (before any table is allocated), then the
    /// header, the base table, post-multipliers, combination, factor groups, band, rounding,
    /// limits and prevention share — each number within its documented range — and finally
    /// the status (an \[I\] number makes the whole set \[I\]). Every check is O(n log n) or
    /// better in the size of the input.
    ///
    /// # Errors
    /// `TOO_LARGE` over a size limit ([`limits`]); `OUT_OF_RANGE` for a number outside its
    /// range; [`Error::InvalidRuleSet`] whose message names the field or row: unknown source
    /// ids, a dimension with both/neither `values` and `bands`, bands with a gap or overlap
    /// or an edge claimed by both sides, a missing or duplicate cell, a value kind that does
    /// not fit the exposure, an effect that does not fit the combination mode, a floor above
    /// the cap, rounding to more than 2 decimals, a prevention share outside 0…1, or a
    /// rule-set status stronger than one of its numbers.
    pub fn from_input(input: RuleSetInput) -> Result<RuleSet> {
        check_sizes(&input)?;
        let sources = check_header(&input)?;
        let mut weakest = Weakest(Status::Verified, String::new());
        let base = &input.base;
        sources.check("base", &base.source)?;
        weakest.see(base.status, || "base".into());
        check_value_kind(input.exposure, base.value_kind)?;
        let dims = base
            .dims
            .iter()
            .enumerate()
            .map(|(i, d)| dim(i, d))
            .collect::<Result<Vec<_>>>()?;
        let cells = cells(base, &dims, &mut weakest)?;
        let post = post_multipliers(base, &sources, &mut weakest)?;
        let (combine, ladder_status) = combine(&input.combine, &sources, &mut weakest)?;
        let tier = matches!(combine, Combine::TierLadder { .. });
        let groups = factor_groups(&input.factor_groups, tier, &sources, &mut weakest)?;
        let (band, band_status) = band(&input.band, &sources, &mut weakest)?;
        let no_float_when = input
            .no_float_when
            .as_ref()
            .map(|c| condition("no_float_when", c))
            .transpose()?;
        let (rounding, default_rounding) = rounding(&input)?;
        let min_premium = input
            .min_premium
            .as_ref()
            .map(|s| at_most("min_premium", s, limits::MAX_AMOUNT))
            .transpose()?;
        let (min_per_person_limit, sublimits) = limits_of(&input.limits, &sources, &mut weakest)?;
        let prevention = prevention(&input.prevention, &sources, &mut weakest)?;
        let commission_cap = input
            .commission_cap
            .as_ref()
            .map(|s| at_most("commission_cap", s, 1))
            .transpose()?;
        if input.status < weakest.0 {
            return Err(inv(format!(
                "status: '{}' is stronger than {} which is '{}'; a rule set is only as firm as its weakest number",
                input.status.label_en(),
                weakest.1,
                weakest.0.label_en()
            )));
        }
        Ok(RuleSet {
            dims,
            cells,
            post,
            groups,
            combine,
            band,
            band_status,
            ladder_status,
            no_float_when,
            rounding,
            default_rounding,
            min_premium,
            min_per_person_limit,
            sublimits,
            prevention,
            commission_cap,
            input,
        })
    }

    /// Stable id.
    pub fn id(&self) -> &str {
        &self.input.id
    }

    /// Chinese name.
    pub fn name_zh(&self) -> &str {
        &self.input.name_zh
    }

    /// English name.
    pub fn name_en(&self) -> &str {
        &self.input.name_en
    }

    /// Status badge.
    pub fn status(&self) -> Status {
        self.input.status
    }

    /// The DTO this rule set was built from (for display or re-serialising).
    pub fn input(&self) -> &RuleSetInput {
        &self.input
    }

    /// Combination mode (the UI states which one a rule set uses: 24,225.00 additive vs
    /// 24,367.50 multiplicative on the same inputs).
    pub fn combine(&self) -> &Combine {
        &self.combine
    }

    /// 浮动上下限 — floor and cap on the total factor, if any.
    pub fn band(&self) -> (Option<Decimal>, Option<Decimal>) {
        self.band
    }

    /// Minimum per-person death/disability limit (元), if the regime sets one.
    pub fn min_per_person_limit(&self) -> Option<Decimal> {
        self.min_per_person_limit.map(|(d, _)| d)
    }

    /// Prevention-service share and its kind, if set.
    pub fn prevention(&self) -> Option<(Decimal, PreventionKind)> {
        self.prevention.map(|(s, k, _)| (s, k))
    }

    /// Commission cap ratio, if set.
    pub fn commission_cap(&self) -> Option<Decimal> {
        self.commission_cap
    }

    /// Whether `sector` is compulsory (强制投保) under this rule set.
    pub fn is_compulsory(&self, sector: &str) -> bool {
        self.input.compulsory_sectors.iter().any(|s| s == sector)
    }

    /// The same rule set with another combination mode (additive ↔ multiplicative), for the
    /// UI's mode toggle. Keeps everything else; the id gets a `+mode` suffix.
    ///
    /// # Errors
    /// [`Error::InvalidRuleSet`] if the options do not fit the new mode (e.g. tier steps).
    pub fn with_combine(&self, combine: CombineInput) -> Result<RuleSet> {
        let mut input = self.input.clone();
        let suffix = match &combine {
            CombineInput::AdditiveOnBase => "additive",
            CombineInput::Multiplicative => "multiplicative",
            CombineInput::TierLadder { .. } => "tier",
        };
        input.id = format!("{}+{suffix}", input.id);
        input.combine = combine;
        RuleSet::from_input(input)
    }
}

fn factor_band(at: &str, b: &FactorBandInput) -> Result<(Option<Decimal>, Option<Decimal>)> {
    let lo = b
        .min
        .as_ref()
        .map(|s| at_most(&format!("{at}.min"), s, limits::MAX_FACTOR))
        .transpose()?;
    let hi = b
        .max
        .as_ref()
        .map(|s| at_most(&format!("{at}.max"), s, limits::MAX_FACTOR))
        .transpose()?;
    if let (Some(l), Some(h)) = (lo, hi) {
        if l > h {
            return Err(Error::InvalidRuleSet(format!(
                "{at}: floor {l} is above the cap {h}"
            )));
        }
    }
    Ok((lo, hi))
}

pub(crate) fn value_kind_id(k: ValueKind) -> &'static str {
    match k {
        ValueKind::Rate => "rate",
        ValueKind::PremiumPerHead => "premium_per_head",
        ValueKind::Premium => "premium",
    }
}

pub(crate) fn exposure_id(e: Exposure) -> &'static str {
    match e {
        Exposure::PerHead => "per_head",
        Exposure::ProjectCost => "project_cost",
        Exposure::Revenue => "revenue",
        Exposure::Payroll => "payroll",
        Exposure::Fixed => "fixed",
    }
}
