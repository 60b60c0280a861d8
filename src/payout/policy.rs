//! Catastrophe-index policies (巨灾指数保单) as data: JSON DTOs and the validated [`Policy`].
//!
//! A policy arrives as JSON ([`PolicyDto`], serde), is validated once by [`Policy::from_json`] /
//! [`Policy::from_dto`], and is then immutable; the engine never fails on a validated policy
//! except for inputs that name unknown districts. Every error names the field or the tier row.
//!
//! Money fields (保险金额, limits, 免赔额, premium) are yuan as decimal **strings**
//! (`"150000000"`); JSON numbers are tolerated. Amounts must be whole fen (at most 2 decimals).
//! Ratios (赔付比例) and weights are decimal strings or numbers in `[0, 1]`.

use std::collections::BTreeMap;

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::limits::{self, ck, too_many, MAX_AMOUNT_YUAN, MAX_POLICY_BYTES, MAX_TIER_ROWS};
use crate::map::towns::town_facts;
use crate::{Error, Result};

/// The default policy shipped with the widget: 示例 / illustrative, **not a Zhongshan contract**.
pub const DEFAULT_POLICY_JSON: &str = include_str!("../../data/policies/default_zhongshan.json");

/// How firm a policy's numbers are (证据状态, shown as a badge): the crate's one
/// [`crate::status::Status`].
pub use crate::status::Status;

// ---------------------------------------------------------------------------------------------
// DTOs (serde). Money and ratios are `serde_json::Value` so strings and numbers are both accepted
// and every parse error can name its field.
// ---------------------------------------------------------------------------------------------

/// JSON form of a policy (the editable document). See `data/policies/default_zhongshan.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyDto {
    /// Display label (Chinese), e.g. `示例：中山市巨灾指数保险`.
    pub label: String,
    /// Display label (English).
    #[serde(default)]
    pub label_en: Option<String>,
    /// `verified` / `secondary` / `illustrative`.
    pub status: Status,
    /// 保险金额 sum insured, yuan.
    pub sum_insured: Value,
    /// Annual premium (保费), yuan; optional. Rate on line = premium / sum insured.
    #[serde(default)]
    pub premium: Option<Value>,
    /// How the sum insured is spread over districts (exposure weights).
    pub allocation: AllocationDto,
    /// How district ratios combine into the event ratio. Default `weighted_sum`.
    #[serde(default)]
    pub formula: Option<FormulaDto>,
    /// 每次事故赔偿限额 per-event cap, yuan. Default: the sum insured.
    #[serde(default)]
    pub per_event_cap: Option<Value>,
    /// 年度累计赔偿限额 annual aggregate limit, yuan. Default: the sum insured.
    #[serde(default)]
    pub annual_aggregate: Option<Value>,
    /// 免赔额 per-event deductible, yuan, subtracted from each event payout (floored at 0).
    #[serde(default)]
    pub deductible: Option<Value>,
    /// 预赔 prepayment fraction of an event payout, in `[0, 1]`. Default 0.7 \[I\].
    #[serde(default)]
    pub prepay_fraction: Option<Value>,
    /// The perils and their tier tables.
    #[serde(default)]
    pub perils: PerilsDto,
    /// CCRIF-style linear layer on a modelled loss or index (docs/domain.md §1.7); optional.
    #[serde(default)]
    pub ccrif_layer: Option<CcrifLayerDto>,
    /// Cat-in-a-circle cover on storm track points (docs/domain.md §1.8); optional.
    #[serde(default)]
    pub cat_in_circle: Option<CircleCoverDto>,
    /// Evidence notes per field, keeping the \[V\]/\[S\]/\[I\]/\[U\] tags (shown in the "why" panel).
    #[serde(default)]
    pub evidence: BTreeMap<String, String>,
}

/// JSON form of the allocation (exposure weights w_u, Σ w_u = 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum AllocationDto {
    /// w_u ∝ population_2021 of `towns.csv` (all 23 towns).
    Population,
    /// w_u = 1/23.
    Equal,
    /// Explicit code → weight table; weights must add up to 1 within 1e-9; unlisted towns get 0.
    Table {
        /// District code → weight.
        weights: BTreeMap<String, Value>,
    },
}

/// JSON form of the event formula (docs/domain.md §1.5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum FormulaDto {
    /// raw = SI × min(1, Σ_u w_u · r(level_u)) (default).
    WeightedSum,
    /// raw = SI × max_u r(level_u) over districts with weight > 0.
    MaxUnit,
    /// raw = SI × r_city(Σ_u w_u · r(level_u)): the weighted district ratio is a city index
    /// looked up in a second tier table.
    CityIndex {
        /// City-index tiers: `{"min_index": "0.05", "ratio": "0.1"}` rows.
        tiers: Vec<CityTierDto>,
    },
}

/// One row of a city-index tier table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CityTierDto {
    /// Inclusive lower edge of the city index (a fraction).
    pub min_index: Value,
    /// 赔付比例 of the sum insured.
    pub ratio: Value,
}

/// JSON form of the perils.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerilsDto {
    /// 台风 typhoon wind peril.
    #[serde(default)]
    pub typhoon: Option<WindPerilDto>,
    /// 暴雨 rainstorm peril.
    #[serde(default)]
    pub rain: Option<RainPerilDto>,
}

/// JSON form of the typhoon peril: GB/T 28591 wind-force level → ratio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindPerilDto {
    /// What the index measures (text for the UI), e.g. "peak 2-min mean 10 m wind at the seat".
    #[serde(default)]
    pub index_note: Option<String>,
    /// Which wind the index reads (指数风速): `{"wind": "mean_2min" | "mean_10min" | "gust" |
    /// "reference_1min", "exposure": "town" | "sea" | "coast" | "open" | "suburban" |
    /// "urban"}`; default max 2-min mean at the town's own exposure (docs/wind.md §7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<crate::hazard::district::IndexSpec>,
    /// Rows `{"level": 10, "ratio": "0.05"}`: from this level (inclusive) upward.
    pub tiers: Vec<LevelTierDto>,
}

/// One typhoon tier row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelTierDto {
    /// GB/T 28591 风力等级 (0–17), inclusive lower edge (以上, 含).
    pub level: i64,
    /// 赔付比例 in \[0, 1\].
    pub ratio: Value,
}

/// JSON form of the rain peril: 24 h or 48 h rainfall at the district → mm band → ratio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RainPerilDto {
    /// Accumulation window in hours: 24 or 48.
    pub window_h: u32,
    /// What the index measures (text for the UI).
    #[serde(default)]
    pub index_note: Option<String>,
    /// Rows `{"min_mm": "100", "ratio": "0.05"}`: from this amount (inclusive) upward.
    pub tiers: Vec<MmTierDto>,
}

/// One rain tier row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MmTierDto {
    /// Inclusive lower edge in mm, a multiple of 0.1.
    pub min_mm: Value,
    /// 赔付比例 in \[0, 1\].
    pub ratio: Value,
}

/// JSON form of a CCRIF-style linear layer (docs/domain.md §1.7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CcrifLayerDto {
    /// What L is (text): e.g. "modelled government loss, yuan".
    #[serde(default)]
    pub basis: Option<String>,
    /// Attachment point AP (起赔点), in the units of L.
    pub attachment: Value,
    /// Exhaustion point EP (> AP), in the units of L.
    pub exhaustion: Value,
    /// Ceding share CP (分出比例) in (0, 1].
    pub ceding_share: Value,
    /// Yuan per unit of L (1 when L is a loss in yuan). Default 1.
    #[serde(default)]
    pub yuan_per_unit: Option<Value>,
}

/// JSON form of a cat-in-a-circle cover (docs/domain.md §1.8).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CircleCoverDto {
    /// `level` (GB/T 28591 级 of the point's 2-min wind, or the given level) or `wind_ms`
    /// (thresholds in m/s on the point's wind).
    pub intensity: Intensity,
    /// The circles; their shares are summed (capped at 100 %).
    pub circles: Vec<CircleDto>,
}

/// Intensity measure keyed by circle tier tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intensity {
    /// GB/T 28591 wind-force level (级) of the storm at the track point.
    Level,
    /// Wind speed at the track point in m/s (rounded to 0.1); averaging period as the track's.
    WindMs,
}

/// One circle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CircleDto {
    /// Name, e.g. "中山市政府".
    pub name: String,
    /// Centre latitude, degrees (WGS-84).
    pub lat: f64,
    /// Centre longitude, degrees (WGS-84).
    pub lon: f64,
    /// Rings by radius: the best-paying ring that contains a point wins (max over rings).
    pub rings: Vec<RingDto>,
}

/// One ring (radius and its intensity tiers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RingDto {
    /// Radius in km (inclusive: a point at exactly this distance is inside).
    pub radius_km: Value,
    /// Rows `{"min": 12, "ratio": "0.3"}` — `min` is a level or m/s per `intensity`.
    pub tiers: Vec<RingTierDto>,
}

/// One ring tier row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RingTierDto {
    /// Inclusive lower edge: a level (integer) or a wind in m/s (multiple of 0.1).
    pub min: Value,
    /// Share of the sum insured in \[0, 1\].
    pub ratio: Value,
}

// ---------------------------------------------------------------------------------------------
// Validated types.
// ---------------------------------------------------------------------------------------------

/// One validated tier row: from `threshold` (inclusive, 以上含) upward the ratio is `ratio`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Tier<T> {
    /// Inclusive lower edge (units depend on the table: level, tenths of mm, index fraction…).
    pub threshold: T,
    /// 赔付比例: share of the sum insured, in \[0, 1\].
    pub ratio: Decimal,
}

/// A validated tier table (赔付档次): thresholds strictly increasing, ratios non-decreasing and
/// in \[0, 1\]. Below the first threshold the ratio is 0 (below the 触发值 trigger).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TierTable<T> {
    tiers: Vec<Tier<T>>,
}

impl<T: Copy + Ord + std::fmt::Display> TierTable<T> {
    /// Validates rows; `field` names the table in errors (e.g. `perils.typhoon.tiers`).
    ///
    /// # Errors
    /// [`Error::InvalidTiers`] naming the row when the table is empty, a threshold does not
    /// rise, a ratio falls, or a ratio is outside \[0, 1\].
    pub fn new(field: &str, tiers: Vec<Tier<T>>) -> Result<Self> {
        Self::new_shown(field, tiers, |t| t.to_string())
    }

    /// As [`TierTable::new`], with `show` formatting thresholds in messages (e.g. tenths of mm
    /// as `99.0 mm`).
    ///
    /// # Errors
    /// As [`TierTable::new`].
    pub fn new_shown(field: &str, tiers: Vec<Tier<T>>, show: impl Fn(T) -> String) -> Result<Self> {
        if tiers.is_empty() {
            return Err(Error::InvalidTiers(format!("{field}: no tier rows")));
        }
        if tiers.len() > MAX_TIER_ROWS {
            return Err(too_many(
                field,
                "赔付档次行数",
                "tier rows",
                tiers.len(),
                MAX_TIER_ROWS,
            ));
        }
        let mut prev: Option<Tier<T>> = None;
        for (i, t) in tiers.iter().enumerate() {
            let row = i.saturating_add(1);
            if t.ratio < Decimal::ZERO || t.ratio > Decimal::ONE {
                return Err(limits::out_of_range(
                    &format!("{field}[{i}].ratio"),
                    &format!("赔付档次第 {row} 行的赔付比例"),
                    &format!("the payout ratio of tier row {row} ({field}[{i}])"),
                    "0–1 (0–100 %)",
                    t.ratio,
                ));
            }
            if let Some(prev) = prev {
                if t.threshold <= prev.threshold {
                    let (a, b) = (show(t.threshold), show(prev.threshold));
                    return Err(Error::invalid_field(
                        format!("{field}[{i}].threshold"),
                        format!(
                            "赔付档次第 {row} 行的起点 {a} 不高于上一行的 {b}（起点须严格递增）"
                        ),
                        format!(
                            "{field}[{i}]: threshold {a} is not above the previous row's {b} \
                             (thresholds must strictly increase)"
                        ),
                    ));
                }
                if t.ratio < prev.ratio {
                    return Err(Error::invalid_field(
                        format!("{field}[{i}].ratio"),
                        format!(
                            "赔付档次第 {row} 行的赔付比例 {} 低于上一行的 {}（赔付比例不得递减）",
                            t.ratio, prev.ratio
                        ),
                        format!(
                            "{field}[{i}]: ratio {} is below the previous row's {} \
                             (ratios must not decrease)",
                            t.ratio, prev.ratio
                        ),
                    ));
                }
            }
            prev = Some(*t);
        }
        Ok(TierTable { tiers })
    }

    /// The rows, thresholds ascending.
    pub fn tiers(&self) -> &[Tier<T>] {
        &self.tiers
    }

    /// 赔付比例 for a value: the ratio of the last row whose threshold ≤ `x`, else 0.
    pub fn ratio(&self, x: T) -> Decimal {
        self.band(x)
            .checked_sub(1)
            .and_then(|b| self.tiers.get(b))
            .map_or(Decimal::ZERO, |t| t.ratio)
    }

    /// Band number: 0 below the first threshold, k when the k-th row (1-based) applies.
    pub fn band(&self, x: T) -> usize {
        self.tiers.partition_point(|t| t.threshold <= x)
    }
}

/// How district weights were set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AllocationKind {
    /// Population share (population_2021, `towns.csv`).
    Population,
    /// Equal weights.
    Equal,
    /// Explicit table.
    Table,
}

/// Event formula (docs/domain.md §1.5).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Formula {
    /// SI × min(1, Σ w·r).
    WeightedSum,
    /// SI × max r over districts with weight > 0.
    MaxUnit,
    /// SI × r_city(Σ w·r); thresholds are city-index fractions.
    CityIndex(TierTable<Decimal>),
}

/// Rainfall accumulation window of the rain index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RainWindowH {
    /// 24-hour total (GB/T 28592 grades apply).
    H24,
    /// 48-hour total (Shaoguan-style two-day amount; GB/T 28592 has no 48 h grades).
    H48,
}

impl RainWindowH {
    /// Hours in the window.
    pub fn hours(self) -> u32 {
        match self {
            RainWindowH::H24 => 24,
            RainWindowH::H48 => 48,
        }
    }
}

/// Typhoon (台风) wind peril: district peak wind → GB/T 28591 level → 赔付比例.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WindPeril {
    /// Level (0–17) tiers.
    pub tiers: TierTable<u8>,
    /// What the index measures, for the UI.
    pub index_note: Option<String>,
    /// Which wind the index reads (variable and exposure; default max 2-min mean at the
    /// town's exposure).
    pub index: crate::hazard::district::IndexSpec,
}

/// Rainstorm (暴雨) peril: district rainfall over the window → mm band → 赔付比例.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RainPeril {
    /// Accumulation window.
    pub window: RainWindowH,
    /// Tiers with thresholds in tenths of mm.
    pub tiers: TierTable<i32>,
    /// What the index measures, for the UI.
    pub index_note: Option<String>,
}

/// A validated CCRIF-style linear layer: `payout = min(max(L − AP, 0) × CP, (EP − AP) × CP)`,
/// times `yuan_per_unit`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CcrifLayer {
    /// What L is.
    pub basis: Option<String>,
    /// Attachment point AP (起赔点).
    pub attachment: Decimal,
    /// Exhaustion point EP (> AP).
    pub exhaustion: Decimal,
    /// Ceding share CP in (0, 1].
    pub ceding_share: Decimal,
    /// Yuan per unit of L.
    pub yuan_per_unit: Decimal,
}

impl CcrifLayer {
    /// Layer limit `(EP − AP) × CP × yuan_per_unit`, yuan (unrounded).
    pub fn limit(&self) -> Decimal {
        self.checked_limit().unwrap_or(Decimal::MAX)
    }

    /// [`CcrifLayer::limit`], checked.
    ///
    /// # Errors
    /// `OUT_OF_RANGE` on overflow (impossible for a validated layer).
    pub fn checked_limit(&self) -> Result<Decimal> {
        let f = "policy.ccrif_layer";
        let span = ck::sub(f, self.exhaustion, self.attachment)?;
        ck::mul(f, ck::mul(f, span, self.ceding_share)?, self.yuan_per_unit)
    }

    /// Payout for a modelled loss / index `l`, yuan, rounded to the fen (half-up).
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use zs_risk_map::payout::policy::CcrifLayer;
    /// let layer = CcrifLayer { basis: None, attachment: Decimal::from(20), exhaustion:
    ///     Decimal::from(100), ceding_share: Decimal::new(25, 2), yuan_per_unit: Decimal::ONE };
    /// assert_eq!(layer.payout(Decimal::from(60)).to_string(), "10.00");
    /// assert_eq!(layer.payout(Decimal::from(500)).to_string(), "20.00");
    /// assert_eq!(layer.payout(Decimal::from(19)).to_string(), "0.00");
    /// ```
    pub fn payout(&self, l: Decimal) -> Decimal {
        self.checked_payout(l).unwrap_or_else(|_| self.limit())
    }

    /// [`CcrifLayer::payout`], checked: `OUT_OF_RANGE` naming the modelled loss when L is so
    /// large that the linear part overflows (then the layer is exhausted anyway).
    ///
    /// # Errors
    /// `OUT_OF_RANGE` on overflow.
    pub fn checked_payout(&self, l: Decimal) -> Result<Decimal> {
        let f = "modelled_loss";
        let limit = self.checked_limit()?;
        let excess = ck::sub(f, l, self.attachment)?.max(Decimal::ZERO);
        let linear = ck::mul(
            f,
            ck::mul(f, excess, self.ceding_share)?,
            self.yuan_per_unit,
        )
        .unwrap_or(limit);
        Ok(crate::money::round_fen(linear.min(limit)))
    }
}

/// A validated ring: radius in tenths of km and its intensity tiers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ring {
    /// Radius, tenths of km, inclusive.
    pub radius_tenths_km: i32,
    /// Tiers keyed by level (as integer) or wind in tenths of m/s, per [`CircleCover::intensity`].
    pub tiers: TierTable<i32>,
}

/// A validated circle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Circle {
    /// Name.
    pub name: String,
    /// Centre latitude, degrees.
    pub lat: f64,
    /// Centre longitude, degrees.
    pub lon: f64,
    /// Rings (any order; max over rings applies).
    pub rings: Vec<Ring>,
}

/// A validated cat-in-a-circle cover: share = Σ over circles of (max over rings and track
/// points inside the ring of the ring's tier ratio), capped at 1.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CircleCover {
    /// What the ring tiers are keyed by.
    pub intensity: Intensity,
    /// Circles.
    pub circles: Vec<Circle>,
}

/// One district of the policy: every one of the 23 towns is present, in code order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicyDistrict {
    /// 9-digit code.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Raw (unnormalised) weight: population, 1, or the table value. w_u = raw / Σ raw.
    pub raw_weight: Decimal,
}

/// A validated catastrophe-index policy (巨灾指数保单). Build with [`Policy::from_json`],
/// [`Policy::from_dto`] or [`Policy::default_zhongshan`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Policy {
    /// Label (Chinese).
    pub label: String,
    /// Label (English), the Chinese label when absent.
    pub label_en: String,
    /// Evidence status badge.
    pub status: Status,
    /// 保险金额 sum insured, yuan.
    pub sum_insured: Decimal,
    /// 保费 annual premium, yuan, when stated.
    pub premium: Option<Decimal>,
    /// Allocation kind.
    pub allocation: AllocationKind,
    /// All 23 towns with their raw weights, sorted by code.
    pub districts: Vec<PolicyDistrict>,
    /// Σ raw weights (> 0).
    pub weight_total: Decimal,
    /// Event formula.
    pub formula: Formula,
    /// 每次事故赔偿限额 per-event cap, yuan.
    pub per_event_cap: Decimal,
    /// 年度累计赔偿限额 annual aggregate, yuan.
    pub annual_aggregate: Decimal,
    /// 免赔额 per-event deductible, yuan: subtracted from each event's payout, floored at 0.
    pub deductible: Decimal,
    /// 预赔 prepayment fraction in \[0, 1\].
    pub prepay_fraction: Decimal,
    /// Typhoon peril, if covered.
    pub typhoon: Option<WindPeril>,
    /// Rain peril, if covered.
    pub rain: Option<RainPeril>,
    /// CCRIF layer, if offered.
    pub ccrif_layer: Option<CcrifLayer>,
    /// Cat-in-a-circle cover, if offered.
    pub cat_in_circle: Option<CircleCover>,
    /// Evidence notes (\[V\]/\[S\]/\[I\]/\[U\]).
    pub evidence: BTreeMap<String, String>,
    /// The document it was built from (for the policy editor).
    #[serde(skip)]
    pub source: PolicyDto,
}

/// `TOO_LARGE` when a tier table has more than [`MAX_TIER_ROWS`] rows (checked before the
/// rows are parsed).
fn check_rows(field: &str, n: usize) -> Result<()> {
    if n > MAX_TIER_ROWS {
        return Err(too_many(
            field,
            "赔付档次行数",
            "tier rows",
            n,
            MAX_TIER_ROWS,
        ));
    }
    Ok(())
}

/// Validates a CCRIF layer (docs/domain.md §1.7): AP ≥ 0, EP > AP, CP in (0, 1], yuan per unit > 0,
/// limit ≤ 1 万亿元.
fn ccrif_layer(c: &CcrifLayerDto) -> Result<CcrifLayer> {
    let point = |field: &str, l: Label, v: &Value| -> Result<Decimal> {
        let d = dec(field, l, v)?;
        limits::dec_in(
            field,
            l.0,
            l.1,
            d,
            Decimal::ZERO,
            Decimal::from(limits::MAX_LAYER_POINT),
            "0–1e15",
        )
    };
    let attachment = point(
        "policy.ccrif_layer.attachment",
        ("起赔点", "attachment point"),
        &c.attachment,
    )?;
    let exhaustion = point(
        "policy.ccrif_layer.exhaustion",
        ("耗尽点", "exhaustion point"),
        &c.exhaustion,
    )?;
    let ceding_share = fraction(
        "policy.ccrif_layer.ceding_share",
        ("分出比例", "ceding share"),
        &c.ceding_share,
    )?;
    let yuan_per_unit = match &c.yuan_per_unit {
        None => Decimal::ONE,
        Some(v) => {
            let l = ("每单位金额（元）", "yuan per unit");
            let d = dec("policy.ccrif_layer.yuan_per_unit", l, v)?;
            if d <= Decimal::ZERO || d > Decimal::from(limits::MAX_YUAN_PER_UNIT) {
                return Err(limits::out_of_range(
                    "policy.ccrif_layer.yuan_per_unit",
                    l.0,
                    l.1,
                    "0–1,000,000 (greater than 0)",
                    d,
                ));
            }
            d
        }
    };
    if exhaustion <= attachment {
        return Err(Error::invalid_field(
            "policy.ccrif_layer.exhaustion",
            format!("耗尽点 {exhaustion} 须高于起赔点 {attachment}"),
            format!(
                "ccrif_layer.exhaustion: {exhaustion} must be above the attachment {attachment}"
            ),
        ));
    }
    if ceding_share.is_zero() {
        return Err(limits::out_of_range(
            "policy.ccrif_layer.ceding_share",
            "分出比例",
            "ceding share",
            "0–1 (greater than 0)",
            ceding_share,
        ));
    }
    let layer = CcrifLayer {
        basis: c.basis.clone(),
        attachment,
        exhaustion,
        ceding_share,
        yuan_per_unit,
    };
    let limit = layer.checked_limit()?;
    if limit > Decimal::from(MAX_AMOUNT_YUAN) {
        return Err(limits::out_of_range(
            "policy.ccrif_layer",
            "分层限额 (EP − AP) × CP",
            "the layer limit (EP − AP) × CP",
            "0–1,000,000,000,000 元",
            limit,
        ));
    }
    Ok(layer)
}

/// Validates a cat-in-a-circle cover (docs/domain.md §1.8).
fn circle_cover(c: &CircleCoverDto) -> Result<CircleCover> {
    if c.circles.is_empty() {
        return Err(Error::invalid_field(
            "policy.cat_in_circle.circles",
            "圆形触发区：没有圆",
            "cat_in_circle.circles: no circles",
        ));
    }
    if c.circles.len() > limits::MAX_CIRCLES {
        return Err(too_many(
            "policy.cat_in_circle.circles",
            "圆形触发区的圆",
            "circles",
            c.circles.len(),
            limits::MAX_CIRCLES,
        ));
    }
    let mut circles = Vec::with_capacity(c.circles.len());
    for (ci, circle) in c.circles.iter().enumerate() {
        let f = format!("policy.cat_in_circle.circles[{ci}]");
        if !(-90.0..=90.0).contains(&circle.lat) || !(-180.0..=180.0).contains(&circle.lon) {
            return Err(limits::out_of_range(
                &f,
                &format!("圆 {} 的圆心", circle.name),
                &format!("the centre of circle {}", circle.name),
                "lat −90…90°, lon −180…180°",
                format!("({}, {})", circle.lat, circle.lon),
            ));
        }
        if circle.rings.is_empty() {
            return Err(Error::invalid_field(
                format!("{f}.rings"),
                format!("圆 {} 没有环", circle.name),
                format!("{f}.rings: no rings"),
            ));
        }
        if circle.rings.len() > limits::MAX_CIRCLES {
            return Err(too_many(
                &format!("{f}.rings"),
                "环",
                "rings",
                circle.rings.len(),
                limits::MAX_CIRCLES,
            ));
        }
        let mut rings = Vec::with_capacity(circle.rings.len());
        for (ri, ring) in circle.rings.iter().enumerate() {
            let rf = format!("{f}.rings[{ri}]");
            let radius = tenths(
                &format!("{rf}.radius_km"),
                ("半径（km）", "radius (km)"),
                &ring.radius_km,
                limits::MAX_RADIUS_KM,
                "km",
            )?;
            let tf = format!("{rf}.tiers");
            check_rows(&tf, ring.tiers.len())?;
            let rows = ring
                .tiers
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let mf = format!("{tf}[{i}].min");
                    let threshold = match c.intensity {
                        Intensity::Level => {
                            let l = ("环档次的风力等级", "the ring tier's wind-force level");
                            let d = dec(&mf, l, &t.min)?;
                            if d.fract() != Decimal::ZERO
                                || d < Decimal::ZERO
                                || d > Decimal::from(17)
                            {
                                return Err(limits::out_of_range(
                                    &mf,
                                    l.0,
                                    l.1,
                                    "GB/T 28591 levels 0–17 (whole)",
                                    d,
                                ));
                            }
                            d.to_i32().unwrap_or(0)
                        }
                        Intensity::WindMs => tenths(
                            &mf,
                            ("环档次的风速（m/s）", "the ring tier's wind (m/s)"),
                            &t.min,
                            150,
                            "m/s",
                        )?,
                    };
                    Ok(Tier {
                        threshold,
                        ratio: ratio(
                            &format!("{tf}[{i}].ratio"),
                            ("环档次的赔付比例", "the ring tier's payout ratio"),
                            &t.ratio,
                        )?,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            rings.push(Ring {
                radius_tenths_km: radius,
                tiers: TierTable::new(&tf, rows)?,
            });
        }
        circles.push(Circle {
            name: circle.name.clone(),
            lat: circle.lat,
            lon: circle.lon,
            rings,
        });
    }
    Ok(CircleCover {
        intensity: c.intensity,
        circles,
    })
}

/// A field's label as the form and the docs name it: (Chinese, English).
type Label<'a> = (&'a str, &'a str);

/// Parses a decimal from a JSON string or number, naming the field.
fn dec(field: &str, (zh, en): Label, v: &Value) -> Result<Decimal> {
    let text = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => {
            let got = other.to_string();
            return Err(limits::not_a_number(field, zh, en, &got));
        }
    };
    limits::parse_dec(field, zh, en, &text)
}

/// A money amount: 0 … 1 万亿元, whole fen.
fn money(field: &str, label: Label, v: &Value) -> Result<Decimal> {
    let d = dec(field, label, v)?;
    limits::dec_in(
        field,
        label.0,
        label.1,
        d,
        Decimal::ZERO,
        Decimal::from(MAX_AMOUNT_YUAN),
        "0–1,000,000,000,000 元 (1 万亿元)",
    )?;
    if d.normalize().scale() > 2 {
        return Err(Error::invalid_field(
            field,
            format!("{}须精确到分（最多两位小数，收到 {d}）", label.0),
            format!(
                "{} must be a whole number of fen (at most 2 decimals; got {d})",
                label.1
            ),
        ));
    }
    Ok(d)
}

/// A fraction in \[0, 1\].
fn fraction(field: &str, label: Label, v: &Value) -> Result<Decimal> {
    let d = dec(field, label, v)?;
    limits::dec_in(
        field,
        label.0,
        label.1,
        d,
        Decimal::ZERO,
        Decimal::ONE,
        "0–1",
    )
}

/// A value in tenths (mm, km, m/s) within 0…`max` and a multiple of 0.1.
fn tenths(field: &str, label: Label, v: &Value, max: i64, unit: &str) -> Result<i32> {
    let d = dec(field, label, v)?;
    limits::dec_in(
        field,
        label.0,
        label.1,
        d,
        Decimal::ZERO,
        Decimal::from(max),
        &format!("0–{max} {unit}"),
    )?;
    let t = ck::mul(field, d, Decimal::TEN)?;
    if t.fract() != Decimal::ZERO {
        return Err(Error::invalid_field(
            field,
            format!("{}须为 0.1 的整数倍（收到 {d}）", label.0),
            format!("{} must be a multiple of 0.1 (got {d})", label.1),
        ));
    }
    t.to_i32().ok_or_else(|| limits::overflow(field))
}

/// Ratio of a tier row (赔付比例), in \[0, 1\].
fn ratio(field: &str, label: Label, v: &Value) -> Result<Decimal> {
    fraction(field, label, v)
}

/// Splits serde errors: syntax → `NotJson`, structure (missing field, wrong type) → `InvalidPolicy`.
pub(crate) fn json_error(what: &str, e: serde_json::Error) -> Error {
    use serde_json::error::Category;
    match e.classify() {
        Category::Data => Error::InvalidPolicy(format!("{what}: {e}")),
        _ => Error::NotJson(format!("{what}: {e}")),
    }
}

impl Policy {
    /// The rain peril (暴雨责任), for a rainfall event.
    ///
    /// # Errors
    /// `INVALID_INPUT` on `policy.perils.rain` when the policy has none.
    pub fn rain_peril(&self) -> Result<&RainPeril> {
        self.rain.as_ref().ok_or_else(|| {
            Error::invalid_field(
                "policy.perils.rain",
                "该保单不含暴雨责任，不能按雨量计算赔付",
                "the policy has no rain peril: a rainfall event pays nothing under it",
            )
        })
    }

    /// Parses and validates a policy JSON document (the widget's policy editor calls this).
    ///
    /// # Errors
    /// [`Error::NotJson`] for malformed JSON (line and column); [`Error::InvalidPolicy`] for a
    /// missing or bad field (named), a negative amount or weights that do not add up to 1;
    /// [`Error::InvalidTiers`] for a non-monotone tier table (row named);
    /// [`Error::UnknownDistrict`] for a weight on a code that is not one of the 23 towns.
    pub fn from_json(text: &str) -> Result<Policy> {
        crate::validate::text_bytes(
            "policy",
            "保单 JSON",
            "the policy JSON",
            text.len(),
            MAX_POLICY_BYTES,
        )?;
        let dto: PolicyDto = serde_json::from_str(text).map_err(|e| json_error("policy", e))?;
        Policy::from_dto(dto)
    }

    /// The built-in default: 示例 / illustrative, SI 1.5 亿元, population weights, docs/domain.md §1.6
    /// tiers. **Not a Zhongshan contract** (anchor: Zhanjiang 2025).
    #[allow(clippy::expect_used)] // built-in data, validated by a test on every build
    pub fn default_zhongshan() -> Policy {
        Policy::from_json(DEFAULT_POLICY_JSON).expect("default policy is valid (tested)")
    }

    /// Validates a DTO.
    ///
    /// # Errors
    /// As [`Policy::from_json`], without `NotJson`.
    pub fn from_dto(dto: PolicyDto) -> Result<Policy> {
        const SI: Label = ("保险金额", "sum insured");
        let sum_insured = money("policy.sum_insured", SI, &dto.sum_insured)?;
        if sum_insured.is_zero() {
            return Err(limits::out_of_range(
                "policy.sum_insured",
                SI.0,
                SI.1,
                "0.01–1,000,000,000,000 元 (greater than 0)",
                sum_insured,
            ));
        }
        let premium = dto
            .premium
            .as_ref()
            .map(|v| money("policy.premium", ("保费", "premium"), v))
            .transpose()?;
        let opt_money = |field: &str, l: Label, v: &Option<Value>, default: Decimal| {
            v.as_ref()
                .map(|v| money(field, l, v))
                .unwrap_or(Ok(default))
        };
        let per_event_cap = opt_money(
            "policy.per_event_cap",
            ("每次事故赔偿限额", "per-event cap"),
            &dto.per_event_cap,
            sum_insured,
        )?;
        let annual_aggregate = opt_money(
            "policy.annual_aggregate",
            ("年度累计赔偿限额", "annual aggregate"),
            &dto.annual_aggregate,
            sum_insured,
        )?;
        let deductible = opt_money(
            "policy.deductible",
            ("免赔额", "deductible"),
            &dto.deductible,
            Decimal::ZERO,
        )?;
        let prepay_fraction = dto
            .prepay_fraction
            .as_ref()
            .map(|v| {
                fraction(
                    "policy.prepay_fraction",
                    ("预赔比例", "prepayment fraction"),
                    v,
                )
            })
            .transpose()?
            .unwrap_or(Decimal::new(7, 1));

        // Districts and weights.
        let towns = town_facts();
        let mut raw: BTreeMap<String, Decimal> = BTreeMap::new();
        let allocation = match &dto.allocation {
            AllocationDto::Population => {
                for t in &towns {
                    let p = t.numbers.get("population").copied().unwrap_or(0.0);
                    // Populations are integers in towns.csv (built-in data); exact as Decimal.
                    let p = Decimal::from_f64(p.round()).unwrap_or(Decimal::ZERO);
                    raw.insert(t.code.clone(), p);
                }
                AllocationKind::Population
            }
            AllocationDto::Equal => {
                for t in &towns {
                    raw.insert(t.code.clone(), Decimal::ONE);
                }
                AllocationKind::Equal
            }
            AllocationDto::Table { weights } => {
                if weights.len() > towns.len() {
                    return Err(too_many(
                        "policy.allocation.weights",
                        "权重表行数",
                        "weight rows",
                        weights.len(),
                        towns.len(),
                    ));
                }
                for (code, v) in weights {
                    let Some(town) = towns.iter().find(|t| &t.code == code) else {
                        return Err(Error::UnknownDistrict(format!(
                            "allocation.weights: '{code}' is not one of the 23 Zhongshan \
                             district codes"
                        )));
                    };
                    let field = format!("policy.allocation.weights.{code}");
                    let zh = format!("{}的权重", town.name_zh);
                    let en = format!("the weight of {}", town.name_en);
                    // Each weight is a share: 0–1 (the table adds up to 1), so Σ ≤ 23.
                    let w = fraction(&field, (&zh, &en), v)?;
                    raw.insert(code.clone(), w);
                }
                let sum = ck::sum("policy.allocation.weights", raw.values().copied())?;
                let off = ck::sub("policy.allocation.weights", sum, Decimal::ONE)?.abs();
                if off > Decimal::new(1, 9) {
                    return Err(Error::invalid_field(
                        "policy.allocation.weights",
                        format!("各镇街权重合计为 {sum}，须为 1（100%，容差 1e-9）"),
                        format!(
                            "allocation.weights: weights add up to {sum}, not 1 (tolerance 1e-9)"
                        ),
                    ));
                }
                AllocationKind::Table
            }
        };
        let districts: Vec<PolicyDistrict> = {
            let mut v: Vec<PolicyDistrict> = towns
                .iter()
                .map(|t| PolicyDistrict {
                    code: t.code.clone(),
                    name_zh: t.name_zh.clone(),
                    name_en: t.name_en.clone(),
                    raw_weight: raw.get(&t.code).copied().unwrap_or(Decimal::ZERO),
                })
                .collect();
            v.sort_by(|a, b| a.code.cmp(&b.code));
            v
        };
        let weight_total = ck::sum(
            "policy.allocation.weights",
            districts.iter().map(|d| d.raw_weight),
        )?;
        if weight_total <= Decimal::ZERO {
            return Err(Error::InvalidPolicy("allocation: all weights are 0".into()));
        }

        let formula = match &dto.formula {
            None | Some(FormulaDto::WeightedSum) => Formula::WeightedSum,
            Some(FormulaDto::MaxUnit) => Formula::MaxUnit,
            Some(FormulaDto::CityIndex { tiers }) => {
                let field = "policy.formula.tiers";
                check_rows(field, tiers.len())?;
                let rows = tiers
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let row = i.saturating_add(1);
                        Ok(Tier {
                            threshold: ratio(
                                &format!("{field}[{i}].min_index"),
                                (
                                    &format!("城市指数档次第 {row} 行的起点"),
                                    &format!("the lower edge of city-index tier row {row}"),
                                ),
                                &t.min_index,
                            )?,
                            ratio: ratio(
                                &format!("{field}[{i}].ratio"),
                                (
                                    &format!("城市指数档次第 {row} 行的赔付比例"),
                                    &format!("the payout ratio of city-index tier row {row}"),
                                ),
                                &t.ratio,
                            )?,
                        })
                    })
                    .collect::<Result<Vec<_>>>()?;
                Formula::CityIndex(TierTable::new(field, rows)?)
            }
        };

        let typhoon = match &dto.perils.typhoon {
            None => None,
            Some(p) => {
                let field = "policy.perils.typhoon.tiers";
                check_rows(field, p.tiers.len())?;
                let rows =
                    p.tiers
                        .iter()
                        .enumerate()
                        .map(|(i, t)| {
                            let row = i.saturating_add(1);
                            let level = u8::try_from(t.level)
                                .ok()
                                .filter(|l| *l <= 17)
                                .ok_or_else(|| {
                                    limits::out_of_range(
                                        &format!("{field}[{i}].level"),
                                        &format!("台风赔付档次第 {row} 行的风力等级"),
                                        &format!(
                                            "the wind-force level of typhoon tier row {row} \
                                         ({field}[{i}])"
                                        ),
                                        "GB/T 28591 levels 0–17",
                                        t.level,
                                    )
                                })?;
                            Ok(Tier {
                                threshold: level,
                                ratio: ratio(
                                    &format!("{field}[{i}].ratio"),
                                    (
                                        &format!("台风赔付档次第 {row} 行（{level}级）的赔付比例"),
                                        &format!(
                                        "the payout ratio of typhoon tier row {row} (force {level})"
                                    ),
                                    ),
                                    &t.ratio,
                                )?,
                            })
                        })
                        .collect::<Result<Vec<_>>>()?;
                Some(WindPeril {
                    tiers: TierTable::new(field, rows)?,
                    index_note: p.index_note.clone(),
                    index: p.index.unwrap_or_default(),
                })
            }
        };

        let rain = match &dto.perils.rain {
            None => None,
            Some(p) => {
                let window = match p.window_h {
                    24 => RainWindowH::H24,
                    48 => RainWindowH::H48,
                    h => {
                        return Err(Error::invalid_field(
                            "policy.perils.rain.window_h",
                            format!("暴雨指数时段须为 24 或 48 小时（收到 {h} 小时）"),
                            format!("perils.rain.window_h: {h} h is not supported (24 or 48)"),
                        ))
                    }
                };
                let field = "policy.perils.rain.tiers";
                check_rows(field, p.tiers.len())?;
                let rows = p
                    .tiers
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let row = i.saturating_add(1);
                        Ok(Tier {
                            threshold: tenths(
                                &format!("{field}[{i}].min_mm"),
                                (
                                    &format!("暴雨赔付档次第 {row} 行的起点雨量（mm）"),
                                    &format!(
                                        "the lower edge (mm) of rain tier row {row} ({field}[{i}])"
                                    ),
                                ),
                                &t.min_mm,
                                limits::MAX_RAIN_MM,
                                "mm",
                            )?,
                            ratio: ratio(
                                &format!("{field}[{i}].ratio"),
                                (
                                    &format!("暴雨赔付档次第 {row} 行的赔付比例"),
                                    &format!("the payout ratio of rain tier row {row}"),
                                ),
                                &t.ratio,
                            )?,
                        })
                    })
                    .collect::<Result<Vec<_>>>()?;
                Some(RainPeril {
                    window,
                    tiers: TierTable::new_shown(field, rows, |t| {
                        format!("{:.1} mm", f64::from(t) / 10.0)
                    })?,
                    index_note: p.index_note.clone(),
                })
            }
        };

        let ccrif_layer = dto.ccrif_layer.as_ref().map(ccrif_layer).transpose()?;
        let cat_in_circle = dto.cat_in_circle.as_ref().map(circle_cover).transpose()?;

        if typhoon.is_none() && rain.is_none() && ccrif_layer.is_none() && cat_in_circle.is_none() {
            return Err(Error::InvalidPolicy(
                "perils: the policy covers nothing (no typhoon, rain, ccrif_layer or \
                 cat_in_circle)"
                    .into(),
            ));
        }

        Ok(Policy {
            label: dto.label.clone(),
            label_en: dto.label_en.clone().unwrap_or_else(|| dto.label.clone()),
            status: dto.status,
            sum_insured,
            premium,
            allocation,
            districts,
            weight_total,
            formula,
            per_event_cap,
            annual_aggregate,
            deductible,
            prepay_fraction,
            typhoon,
            rain,
            ccrif_layer,
            cat_in_circle,
            evidence: dto.evidence.clone(),
            source: dto,
        })
    }

    /// Normalised weight w_u of a district (0 for codes not in the policy).
    pub fn weight(&self, code: &str) -> Decimal {
        self.district(code)
            .and_then(|d| d.raw_weight.checked_div(self.weight_total))
            .unwrap_or(Decimal::ZERO)
    }

    /// The policy district with this code.
    pub fn district(&self, code: &str) -> Option<&PolicyDistrict> {
        self.districts
            .binary_search_by(|d| d.code.as_str().cmp(code))
            .ok()
            .and_then(|i| self.districts.get(i))
    }

    /// The wind the typhoon index reads (variable and exposure); the default when the policy
    /// has no typhoon peril or states none (docs/wind.md §7).
    pub fn wind_index(&self) -> crate::hazard::district::IndexSpec {
        self.typhoon.as_ref().map(|w| w.index).unwrap_or_default()
    }

    /// Rate on line (费率) = premium / sum insured, when a premium is stated.
    pub fn rate_on_line(&self) -> Option<Decimal> {
        self.premium.and_then(|p| p.checked_div(self.sum_insured))
    }

    /// The editable JSON document (pretty), e.g. to prefill the policy editor.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.source).unwrap_or_default()
    }
}
