//! Quoting (报价), numbers first: the base premium (基准保费) → floating factors (浮动系数) →
//! band (浮动上下限) → rounding → premium (保费) → prevention-service amount (事故预防服务费用)
//! are computed as typed steps ([`Calc`]) with checked decimal arithmetic; the words come
//! after, from those steps, in [`super::explain`] (docs/premium.md §2).

use rust_decimal::Decimal;
use serde::Serialize;

use super::condition::FieldValue;
use super::enterprise::{ranges, Enterprise};
use super::input::{overflow, Label};
use super::rules::{
    exposure_id, Combine, DimKind, Effect, Exposure, PreventionKind, RoundAt, RuleSet, Select,
    Status, SublimitBasis, ValueKind,
};
use crate::money::{round_fen, round_to};
use crate::{Error, Result};

/// Kind of an explanation step (for the waterfall chart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// Per-person limit raised to the regime minimum, or defaulted to it.
    Limit,
    /// Base premium from the table.
    Base,
    /// A post-multiplier on the base.
    PostMultiplier,
    /// A rounding step.
    Rounding,
    /// Floating switched off (e.g. 首次投保).
    NoFloat,
    /// One factor option (condition met or not).
    Factor,
    /// A group's clamp.
    GroupCap,
    /// Tier-ladder position.
    Tier,
    /// The band on the total factor (浮动上下限).
    Band,
    /// Minimum premium.
    Minimum,
    /// The premium.
    Premium,
    /// Prevention-service amount.
    Prevention,
}

/// One explained step: the numbers of a [`Calc`] step with its text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// Kind.
    pub kind: StepKind,
    /// Rule id (`group/option`, `band`, `rounding.total` …).
    pub rule: String,
    /// For factor options: whether the condition held.
    pub condition_met: Option<bool>,
    /// Whether the step changed the result.
    pub applied: bool,
    /// Factor of this step (option factor 1 + δ, multiplier, band-clamped factor …).
    pub factor: Option<Decimal>,
    /// The step's effect as the rule set states it: `+10%` / `−5%` of the base for additive
    /// rule sets (加法), `×1.1` for multiplicative ones, `+1` tier steps on a ladder.
    pub effect: Option<String>,
    /// Total factor after this step.
    pub running_factor: Option<Decimal>,
    /// Premium after this step, 元 (exact; rounded only at rounding steps).
    pub amount: Option<Decimal>,
    /// Status of the number used.
    pub status: Option<Status>,
    /// Chinese text.
    pub text_zh: String,
    /// English text.
    pub text_en: String,
}

/// A limit line (责任限额 / 分项限额), 元.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LimitLine {
    /// Id (`per_person`, `aggregate`, or a sublimit id).
    pub id: String,
    /// Chinese label.
    pub label_zh: String,
    /// English label.
    pub label_en: String,
    /// Amount, 元.
    pub amount: Decimal,
    /// Status of the ratio behind it (sublimits), if any.
    pub status: Option<Status>,
}

/// The prevention-service line (事故预防服务费用).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PreventionLine {
    /// Share of premium.
    pub share: Decimal,
    /// Cap, floor or exact.
    pub kind: PreventionKind,
    /// premium × share, rounded to the fen, 元.
    pub amount: Decimal,
    /// Status.
    pub status: Status,
}

/// A quote (报价) with its explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// Rule-set id.
    pub rule_set_id: String,
    /// Rule-set name (zh).
    pub rule_set_name_zh: String,
    /// Rule-set name (en).
    pub rule_set_name_en: String,
    /// Rule-set badge.
    pub status: Status,
    /// Combination mode (zh).
    pub combine_zh: String,
    /// Combination mode (en).
    pub combine_en: String,
    /// Whether the factors add up on the base (加法): the UI then shows ± percentages.
    pub additive: bool,
    /// Enterprise name.
    pub enterprise: String,
    /// Town code.
    pub town_code: String,
    /// Sector.
    pub sector: String,
    /// Whether the sector is compulsory under the rule set (强制投保).
    pub compulsory: bool,
    /// Table key used, one id per dimension.
    pub base_key: Vec<String>,
    /// Cell value (rate, premium per head, or premium).
    pub base_value: Decimal,
    /// What the cell value is.
    pub value_kind: ValueKind,
    /// Per-person limit used, 元 (per-head exposure).
    pub per_person_limit: Option<Decimal>,
    /// Headcount.
    pub headcount: u32,
    /// 基准保费 — base premium after post-multipliers and base rounding, 元.
    pub base_premium: Decimal,
    /// Total factor before the band.
    pub factor_raw: Decimal,
    /// 浮动系数 — total factor after the band.
    pub factor: Decimal,
    /// 保费 — premium, 元.
    pub premium: Decimal,
    /// Prevention-service amount.
    pub prevention: Option<PreventionLine>,
    /// Limits.
    pub limits: Vec<LimitLine>,
    /// Steps.
    pub steps: Vec<Step>,
    /// Warnings, e.g. a limit raised to the statutory minimum.
    pub warnings: Vec<Note>,
}

/// A bilingual note (warning) on a quote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    /// Chinese text.
    pub text_zh: String,
    /// English text.
    pub text_en: String,
}

/// A summary without explanation, for batches and benchmarks.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct QuoteSummary {
    /// Base premium, 元.
    pub base_premium: Decimal,
    /// Total factor after the band.
    pub factor: Decimal,
    /// Premium, 元.
    pub premium: Decimal,
    /// Prevention amount, 元 (0 when the rule set sets no share).
    pub prevention: Decimal,
    /// Whether the sector is compulsory (强制投保) under the rule set.
    pub compulsory: bool,
}

/// How the base premium was found (基准保费).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum BaseCalc {
    /// Per-person limit × rate × headcount.
    PerHeadRate {
        /// Per-person limit used, 元.
        limit: Decimal,
        /// Rate.
        rate: Decimal,
        /// Premium per head (after per-head rounding), 元.
        per_head: Decimal,
        /// Headcount.
        headcount: u32,
        /// Base premium, 元.
        amount: Decimal,
    },
    /// Premium per head × headcount.
    PerHeadPremium {
        /// Premium per head (after per-head rounding), 元.
        per_head: Decimal,
        /// Headcount.
        headcount: u32,
        /// Base premium, 元.
        amount: Decimal,
    },
    /// A rate of an exposure amount (project cost, revenue, payroll).
    OnExposure {
        /// Which exposure.
        exposure: Exposure,
        /// Exposure amount, 元.
        exposed: Decimal,
        /// Rate.
        rate: Decimal,
        /// Base premium, 元.
        amount: Decimal,
    },
    /// A fixed annual base premium (年基准保费).
    Fixed {
        /// Base premium, 元.
        amount: Decimal,
    },
}

impl BaseCalc {
    /// The base premium of this step, 元.
    pub fn amount(&self) -> Decimal {
        match self {
            BaseCalc::PerHeadRate { amount, .. }
            | BaseCalc::PerHeadPremium { amount, .. }
            | BaseCalc::OnExposure { amount, .. }
            | BaseCalc::Fixed { amount } => *amount,
        }
    }
}

/// What happened to one factor option (浮动因素选项).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum OptionOutcome {
    /// Not evaluated: an earlier option of a first-match group was picked.
    Skipped,
    /// Evaluated.
    Evaluated {
        /// Whether its condition held.
        met: bool,
        /// Its factor 1 + δ (None for tier steps).
        factor: Option<Decimal>,
        /// Its tier steps (tier ladder only).
        tier_steps: Option<i32>,
        /// Total factor as if the group ended here (None on a tier ladder).
        running: Option<Decimal>,
        /// Premium at that running factor, 元.
        amount: Option<Decimal>,
    },
}

/// One computed step (numbers only; [`super::explain`] writes the words). Indices refer to
/// the rule set's groups, options and post-multipliers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Calc {
    /// The per-person limit given was below the regime minimum and was raised to it.
    LimitRaised {
        /// Limit given, 元.
        given: Decimal,
        /// Minimum used, 元.
        min: Decimal,
        /// Status of the minimum.
        status: Status,
    },
    /// No per-person limit was given; the minimum is used.
    LimitDefaulted {
        /// Minimum used, 元.
        min: Decimal,
        /// Status of the minimum.
        status: Status,
    },
    /// Premium per head rounded (declared step).
    PerHeadRounding {
        /// Before, 元.
        before: Decimal,
        /// After, 元.
        after: Decimal,
        /// Decimal places.
        dp: u32,
    },
    /// The base premium.
    Base {
        /// How.
        calc: BaseCalc,
        /// Status of the cell.
        status: Status,
    },
    /// A post-multiplier (e.g. 湖南 地铁 × 1.5).
    PostMultiplier {
        /// Index in the rule set.
        index: usize,
        /// Whether it applies.
        met: bool,
        /// Multiplier.
        factor: Decimal,
        /// Base premium after it, 元.
        base: Decimal,
    },
    /// Base premium rounded (declared step).
    BaseRounding {
        /// Before, 元.
        before: Decimal,
        /// After, 元.
        after: Decimal,
        /// Decimal places.
        dp: u32,
    },
    /// Floating switched off (e.g. 首次投保).
    NoFloat {
        /// Base premium, 元.
        base: Decimal,
    },
    /// One factor option.
    FactorOption {
        /// Group index.
        group: usize,
        /// Option index.
        option: usize,
        /// What happened.
        outcome: OptionOutcome,
    },
    /// A group's factor clamped to its cap.
    GroupCap {
        /// Group index.
        group: usize,
        /// Group factor before.
        before: Decimal,
        /// After.
        after: Decimal,
    },
    /// Position on the tier ladder (档次).
    Tier {
        /// Starting tier (0-based).
        start: usize,
        /// Sum of the tier steps.
        steps: i64,
        /// Tier reached (0-based, clamped to the ladder).
        index: usize,
        /// Whether the clamp to the ladder's end was needed.
        at_end: bool,
        /// Factor of the tier.
        factor: Decimal,
        /// Premium at that factor, 元.
        amount: Decimal,
    },
    /// The band on the total factor (浮动上下限).
    Band {
        /// Floor.
        lo: Option<Decimal>,
        /// Cap.
        hi: Option<Decimal>,
        /// Factor before.
        before: Decimal,
        /// Factor after.
        after: Decimal,
        /// Premium at the factor after, 元.
        amount: Decimal,
        /// Status of the band.
        status: Status,
    },
    /// Base × factor, rounded.
    TotalRounding {
        /// Base premium, 元.
        base: Decimal,
        /// Factor.
        factor: Decimal,
        /// Exact product, 元.
        unrounded: Decimal,
        /// Rounded, 元.
        premium: Decimal,
        /// Decimal places.
        dp: u32,
        /// Whether this is the default rounding (no source states one) \[I\].
        default: bool,
    },
    /// The minimum premium applied.
    Minimum {
        /// Minimum, 元.
        min: Decimal,
    },
    /// The premium.
    Premium {
        /// Premium, 元.
        premium: Decimal,
        /// Factor.
        factor: Decimal,
        /// Status of the rule set.
        status: Status,
    },
    /// The prevention-service amount.
    Prevention(PreventionLine),
}

/// The numbers of a quote: the result and, when traced, every step.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    /// Table key positions, one per dimension.
    pub key: Vec<usize>,
    /// Cell value.
    pub base_value: Decimal,
    /// Per-person limit used, 元.
    pub per_person_limit: Option<Decimal>,
    /// Base premium, 元.
    pub base_premium: Decimal,
    /// Factor before the band.
    pub factor_raw: Decimal,
    /// Factor after the band.
    pub factor: Decimal,
    /// Premium, 元.
    pub premium: Decimal,
    /// Prevention line.
    pub prevention: Option<PreventionLine>,
    /// Steps, in order (empty unless traced).
    pub steps: Vec<Calc>,
}

/// The step a checked operation belongs to (计算步骤): an overflow error names it, so the
/// arithmetic below reads as arithmetic (`at.mul(base, factor)?`) with the words kept here.
#[derive(Debug, Clone, Copy)]
enum At {
    BaseTable,
    Base,
    PostMultiplier,
    Floating,
    TierLadder,
    Band,
    Premium,
    Prevention,
    AggregateLimit,
    Sublimit,
}

impl At {
    /// The step's name as the steps table shows it (zh, en).
    fn names(self) -> (&'static str, &'static str) {
        match self {
            At::BaseTable => ("基准费率表", "base table"),
            At::Base => ("基准保费", "base premium"),
            At::PostMultiplier => ("基准保费调整系数", "post-multiplier"),
            At::Floating => ("浮动系数", "floating factor"),
            At::TierLadder => ("费率档次", "tier ladder"),
            At::Band => ("浮动上下限", "band"),
            At::Premium => ("保费", "premium"),
            At::Prevention => ("事故预防服务费用", "prevention"),
            At::AggregateLimit => ("累计限额", "aggregate limit"),
            At::Sublimit => ("分项限额", "sublimit"),
        }
    }
    /// `OUT_OF_RANGE` naming this step.
    fn overflow(self) -> Error {
        let (zh, en) = self.names();
        overflow(zh, en)
    }
    /// a × b, checked.
    fn mul(self, a: Decimal, b: Decimal) -> Result<Decimal> {
        a.checked_mul(b).ok_or_else(|| self.overflow())
    }
    /// a + b, checked.
    fn add(self, a: Decimal, b: Decimal) -> Result<Decimal> {
        a.checked_add(b).ok_or_else(|| self.overflow())
    }
    /// a − b, checked.
    fn sub(self, a: Decimal, b: Decimal) -> Result<Decimal> {
        a.checked_sub(b).ok_or_else(|| self.overflow())
    }
}

/// Where the steps go: nowhere on the fast path.
struct Trace {
    on: bool,
    steps: Vec<Calc>,
}

impl Trace {
    fn push(&mut self, c: Calc) {
        if self.on {
            self.steps.push(c);
        }
    }
}

/// The running state of the floating factors.
struct Floating {
    sum_delta: Decimal,
    product: Decimal,
    tier_steps: i64,
}

impl RuleSet {
    /// Quotes an enterprise with a full explanation.
    ///
    /// Exact decimal arithmetic throughout (checked: an overflow is `OUT_OF_RANGE`, never a
    /// panic); money is rounded only at the rule set's declared rounding steps (default: the
    /// final premium to the fen, half away from zero).
    ///
    /// # Errors
    /// For enterprise input the rule set needs and the enterprise lacks (`INVALID_INPUT`
    /// naming the field): e.g. a sector with no base rate, a missing `project_cost` under a
    /// project-cost exposure, a value outside every band; `OUT_OF_RANGE` if a rule set chains
    /// factors beyond the representable range.
    ///
    /// ```
    /// use zs_risk_map::premium::{builtin, Enterprise};
    /// let rules = builtin("fuyang").unwrap();
    /// let e = Enterprise::from_json(r#"{"name": "示例制造厂", "town_code": "442000107",
    ///     "sector": "manufacturing", "headcount": 100, "per_person_limit": "500000",
    ///     "honours": "city", "quote_year": 2025}"#).unwrap();
    /// let q = rules.quote(&e).unwrap();
    /// assert_eq!(q.base_premium.to_string(), "28500.00");
    /// assert_eq!(q.premium.to_string(), "24225.00"); // 28,500 × (1 − 10 % − 5 %)
    /// ```
    pub fn quote(&self, e: &Enterprise) -> Result<Quote> {
        let c = self.compute(e, true)?;
        let limits = self.limit_lines(e, c.per_person_limit)?;
        let (steps, warnings) = super::explain::explain(self, &c.steps);
        Ok(Quote {
            rule_set_id: self.input.id.clone(),
            rule_set_name_zh: self.input.name_zh.clone(),
            rule_set_name_en: self.input.name_en.clone(),
            status: self.input.status,
            combine_zh: self.combine.name_zh().into(),
            combine_en: self.combine.name_en().into(),
            additive: matches!(self.combine, Combine::AdditiveOnBase),
            enterprise: e.name.clone(),
            town_code: e.town_code.clone(),
            sector: e.sector.clone(),
            compulsory: self.is_compulsory(&e.sector),
            base_key: self
                .dims
                .iter()
                .zip(&c.key)
                .filter_map(|(d, p)| d.ids.get(*p).cloned())
                .collect(),
            base_value: c.base_value,
            value_kind: self.input.base.value_kind,
            per_person_limit: c.per_person_limit,
            headcount: e.headcount,
            base_premium: tidy(c.base_premium),
            factor_raw: c.factor_raw.normalize(),
            factor: c.factor.normalize(),
            premium: c.premium,
            prevention: c.prevention,
            limits,
            steps,
            warnings,
        })
    }

    /// Quotes without recording steps or building text (fast path for batches).
    ///
    /// # Errors
    /// As [`RuleSet::quote`].
    pub fn quote_summary(&self, e: &Enterprise) -> Result<QuoteSummary> {
        let c = self.compute(e, false)?;
        Ok(QuoteSummary {
            base_premium: tidy(c.base_premium),
            factor: c.factor.normalize(),
            premium: c.premium,
            prevention: c.prevention.map_or(Decimal::ZERO, |p| p.amount),
            compulsory: self.is_compulsory(&e.sector),
        })
    }

    /// The numbers of a quote; with `trace`, every step as a [`Calc`].
    ///
    /// # Errors
    /// As [`RuleSet::quote`].
    pub fn compute(&self, e: &Enterprise, trace: bool) -> Result<Computed> {
        let mut t = Trace {
            on: trace,
            steps: Vec::new(),
        };
        let key = self.lookup(e)?;
        let (value, cell_status) = self.cell(&key)?;
        let (base, per_person_limit) = self.base_premium(e, value, cell_status, &mut t)?;
        let base = self.post_multipliers(e, base, &mut t)?;
        let base = match self.declared_dp(RoundAt::Base) {
            Some(dp) => {
                let r = round_to(base, dp);
                t.push(Calc::BaseRounding {
                    before: base,
                    after: r,
                    dp,
                });
                r
            }
            None => base,
        };
        let factor_raw = self.floating(e, base, &mut t)?;
        let factor = self.band_factor(base, factor_raw, &mut t)?;
        let premium = self.premium(base, factor, &mut t)?;
        let prevention = match self.prevention {
            Some((share, kind, status)) => {
                let line = PreventionLine {
                    share,
                    kind,
                    amount: round_fen(At::Prevention.mul(premium, share)?),
                    status,
                };
                t.push(Calc::Prevention(line));
                Some(line)
            }
            None => None,
        };
        Ok(Computed {
            key,
            base_value: value,
            per_person_limit,
            base_premium: base,
            factor_raw,
            factor,
            premium,
            prevention,
            steps: t.steps,
        })
    }

    fn declared_dp(&self, at: RoundAt) -> Option<u32> {
        self.rounding
            .iter()
            .find(|(a, _)| *a == at)
            .map(|(_, dp)| *dp)
    }

    /// The table key: one position per dimension.
    fn lookup(&self, e: &Enterprise) -> Result<Vec<usize>> {
        let mut pos = Vec::with_capacity(self.dims.len());
        for d in &self.dims {
            let v = d.field.value(e);
            let p = match (&d.kind, &v) {
                (DimKind::Text(vals), FieldValue::Text(t)) => vals.iter().position(|x| x == t),
                (DimKind::Number(vals), FieldValue::Number(x)) => vals.iter().position(|y| y == x),
                (DimKind::Bands(bs), FieldValue::Number(x)) => {
                    bs.iter().position(|b| b.contains(*x))
                }
                (_, FieldValue::Missing) => {
                    let l = d.field.label();
                    return Err(Error::invalid_field(
                        d.field.path(),
                        format!(
                            "{}：费率规则“{}”需要此项（基准费率表维度 {}）",
                            l.zh,
                            self.name_zh(),
                            d.id
                        ),
                        format!(
                            "{}: required by rule set '{}' (table dimension '{}')",
                            l.en,
                            self.id(),
                            d.id
                        ),
                    ));
                }
                _ => None,
            };
            let p = p.ok_or_else(|| self.no_rate(d, &v))?;
            pos.push(p);
        }
        Ok(pos)
    }

    fn no_rate(&self, d: &super::rules::Dim, v: &FieldValue<'_>) -> Error {
        let shown = match v {
            FieldValue::Text(t) => (*t).to_string(),
            FieldValue::Number(x) => x.normalize().to_string(),
            FieldValue::Bool(b) => b.to_string(),
            FieldValue::Missing => String::new(),
        };
        let l: Label = d.field.label();
        Error::invalid_field(
            d.field.path(),
            format!(
                "{}：“{shown}”在费率规则“{}”中没有基准费率（维度 {} 可取 {}）",
                l.zh,
                self.name_zh(),
                d.id,
                d.ids.join("、")
            ),
            format!(
                "{}: '{shown}' has no base rate in rule set '{}' (dimension '{}' has {})",
                l.en,
                self.id(),
                d.id,
                d.ids.join(", ")
            ),
        )
    }

    /// The cell at a key (row-major over the dimensions).
    fn cell(&self, key: &[usize]) -> Result<(Decimal, Status)> {
        let mut idx = 0usize;
        for (d, p) in self.dims.iter().zip(key) {
            idx = idx
                .checked_mul(d.ids.len())
                .and_then(|i| i.checked_add(*p))
                .ok_or_else(|| At::BaseTable.overflow())?;
        }
        self.cells
            .get(idx)
            .copied()
            .ok_or_else(|| At::BaseTable.overflow())
    }

    /// The per-person limit a per-head rate applies to: the one given, raised to the regime
    /// minimum, or the minimum when none is given.
    fn limit_used(&self, e: &Enterprise, t: &mut Trace) -> Result<Decimal> {
        match (e.per_person_limit, self.min_per_person_limit) {
            (Some(given), Some((min, status))) if given < min => {
                t.push(Calc::LimitRaised { given, min, status });
                Ok(min)
            }
            (Some(l), _) => Ok(l),
            (None, Some((min, status))) => {
                t.push(Calc::LimitDefaulted { min, status });
                Ok(min)
            }
            (None, None) => {
                let l = ranges::PER_PERSON_LIMIT;
                Err(Error::invalid_field(
                    "enterprise.per_person_limit",
                    format!("{}：费率规则“{}”按人计费，需要此项", l.zh, self.name_zh()),
                    format!(
                        "{}: required by rule set '{}' (per-head exposure)",
                        l.en,
                        self.id()
                    ),
                ))
            }
        }
    }

    /// 基准保费 from the cell and the exposure.
    fn base_premium(
        &self,
        e: &Enterprise,
        value: Decimal,
        status: Status,
        t: &mut Trace,
    ) -> Result<(Decimal, Option<Decimal>)> {
        let at = At::Base;
        let headcount = e.headcount;
        let (calc, limit) = match self.input.exposure {
            Exposure::PerHead => {
                let (per_head, limit) = match self.input.base.value_kind {
                    ValueKind::PremiumPerHead => (value, None),
                    _ => {
                        let l = self.limit_used(e, t)?;
                        (at.mul(value, l)?, Some(l))
                    }
                };
                let per_head = match self.declared_dp(RoundAt::PerHead) {
                    Some(dp) => {
                        let r = round_to(per_head, dp);
                        t.push(Calc::PerHeadRounding {
                            before: per_head,
                            after: r,
                            dp,
                        });
                        r
                    }
                    None => per_head,
                };
                let amount = at.mul(per_head, Decimal::from(headcount))?;
                let calc = match limit {
                    Some(limit) => BaseCalc::PerHeadRate {
                        limit,
                        rate: value,
                        per_head,
                        headcount,
                        amount,
                    },
                    None => BaseCalc::PerHeadPremium {
                        per_head,
                        headcount,
                        amount,
                    },
                };
                (calc, limit)
            }
            Exposure::Fixed => (BaseCalc::Fixed { amount: value }, None),
            ex => {
                let (field, exposed, label) = match ex {
                    Exposure::ProjectCost => ("project_cost", e.project_cost, ranges::PROJECT_COST),
                    Exposure::Revenue => ("revenue", e.revenue, ranges::REVENUE),
                    _ => ("payroll", e.payroll, ranges::PAYROLL),
                };
                let exposed = exposed.ok_or_else(|| {
                    Error::invalid_field(
                        format!("enterprise.{field}"),
                        format!(
                            "{}：费率规则“{}”按{}计费，需要此项",
                            label.zh,
                            self.name_zh(),
                            label.zh
                        ),
                        format!(
                            "{}: required by rule set '{}' (exposure '{}')",
                            label.en,
                            self.id(),
                            exposure_id(ex)
                        ),
                    )
                })?;
                let amount = at.mul(value, exposed)?;
                (
                    BaseCalc::OnExposure {
                        exposure: ex,
                        exposed,
                        rate: value,
                        amount,
                    },
                    None,
                )
            }
        };
        t.push(Calc::Base { calc, status });
        Ok((calc.amount(), limit))
    }

    fn post_multipliers(
        &self,
        e: &Enterprise,
        mut base: Decimal,
        t: &mut Trace,
    ) -> Result<Decimal> {
        for (index, p) in self.post.iter().enumerate() {
            let met = p.when.eval(e);
            if met {
                base = At::PostMultiplier.mul(base, p.factor)?;
            }
            t.push(Calc::PostMultiplier {
                index,
                met,
                factor: p.factor,
                base,
            });
        }
        Ok(base)
    }

    /// The total floating factor before the band: every group's options, combined as the
    /// rule set says (加法 / 乘法 / 档次).
    fn floating(&self, e: &Enterprise, base: Decimal, t: &mut Trace) -> Result<Decimal> {
        let at = At::Floating;
        if self.no_float_when.as_ref().is_some_and(|c| c.eval(e)) {
            t.push(Calc::NoFloat { base });
            return Ok(Decimal::ONE);
        }
        let mut acc = Floating {
            sum_delta: Decimal::ZERO,
            product: Decimal::ONE,
            tier_steps: 0,
        };
        for (gi, g) in self.groups.iter().enumerate() {
            let gf = self.group_factor(e, gi, g, base, &acc, t)?;
            match gf {
                GroupResult::Steps(n) => acc.tier_steps = acc.tier_steps.saturating_add(n),
                GroupResult::Factor(f) => {
                    acc.sum_delta = at.add(acc.sum_delta, at.sub(f, Decimal::ONE)?)?;
                    acc.product = at.mul(acc.product, f)?;
                }
            }
        }
        match &self.combine {
            Combine::AdditiveOnBase => at.add(Decimal::ONE, acc.sum_delta),
            Combine::Multiplicative => Ok(acc.product),
            Combine::TierLadder { ladder, start } => {
                let last = ladder.len().saturating_sub(1);
                let want = i64::try_from(*start)
                    .unwrap_or(i64::MAX)
                    .saturating_add(acc.tier_steps);
                let index = usize::try_from(want.max(0)).unwrap_or(usize::MAX).min(last);
                let factor = ladder
                    .get(index)
                    .copied()
                    .ok_or_else(|| At::TierLadder.overflow())?;
                t.push(Calc::Tier {
                    start: *start,
                    steps: acc.tier_steps,
                    index,
                    at_end: usize::try_from(want).ok() != Some(index),
                    factor,
                    amount: at.mul(base, factor)?,
                });
                Ok(factor)
            }
        }
    }

    /// One group's factor (or tier steps), recording each option.
    fn group_factor(
        &self,
        e: &Enterprise,
        gi: usize,
        g: &super::rules::FactorGroup,
        base: Decimal,
        acc: &Floating,
        t: &mut Trace,
    ) -> Result<GroupResult> {
        let at = At::Floating;
        let one = Decimal::ONE;
        let tier = matches!(self.combine, Combine::TierLadder { .. });
        let additive = matches!(self.combine, Combine::AdditiveOnBase);
        let mut delta = Decimal::ZERO; // sum / first-match
        let mut product = one; // product
        let mut steps = 0i64;
        let mut matched = false;
        for (oi, o) in g.options.iter().enumerate() {
            if g.select == Select::FirstMatch && matched {
                t.push(Calc::FactorOption {
                    group: gi,
                    option: oi,
                    outcome: OptionOutcome::Skipped,
                });
                continue;
            }
            let met = o.when.eval(e);
            let (factor, tier_steps) = match &o.effect {
                Effect::Factor(d) => (Some(at.add(one, *d)?), None),
                Effect::DiscountFrom(field) => match field.value(e) {
                    FieldValue::Number(x) => (Some(at.sub(one, x)?), None),
                    _ => (Some(one), None),
                },
                Effect::TierSteps(n) => (None, Some(*n)),
            };
            if met {
                matched = true;
                if let Some(n) = tier_steps {
                    steps = steps.saturating_add(i64::from(n));
                }
                if let Some(f) = factor {
                    delta = at.add(delta, at.sub(f, one)?)?;
                    product = at.mul(product, f)?;
                }
            }
            // Running figures as if the group ended here (for the waterfall), traced only.
            let (running, amount) = if tier || !t.on {
                (None, None)
            } else {
                let g_now = if g.select == Select::Product {
                    product
                } else {
                    at.add(one, delta)?
                };
                let r = if additive {
                    at.add(at.add(one, acc.sum_delta)?, at.sub(g_now, one)?)?
                } else {
                    at.mul(acc.product, g_now)?
                };
                (Some(r), Some(at.mul(base, r)?))
            };
            t.push(Calc::FactorOption {
                group: gi,
                option: oi,
                outcome: OptionOutcome::Evaluated {
                    met,
                    factor,
                    tier_steps,
                    running,
                    amount,
                },
            });
        }
        if tier {
            return Ok(GroupResult::Steps(steps));
        }
        let raw = if g.select == Select::Product {
            product
        } else {
            at.add(one, delta)?
        };
        let Some((lo, hi)) = g.cap else {
            return Ok(GroupResult::Factor(raw));
        };
        let clamped = clamp(raw, lo, hi);
        if clamped != raw {
            t.push(Calc::GroupCap {
                group: gi,
                before: raw,
                after: clamped,
            });
        }
        Ok(GroupResult::Factor(clamped))
    }

    /// 浮动上下限 on the total factor.
    fn band_factor(&self, base: Decimal, factor: Decimal, t: &mut Trace) -> Result<Decimal> {
        let (lo, hi) = self.band;
        if lo.is_none() && hi.is_none() {
            return Ok(factor);
        }
        let after = clamp(factor, lo, hi);
        t.push(Calc::Band {
            lo,
            hi,
            before: factor,
            after,
            amount: At::Band.mul(base, after)?,
            status: self.band_status,
        });
        Ok(after)
    }

    /// Base × factor, rounded; the minimum premium; the premium.
    fn premium(&self, base: Decimal, factor: Decimal, t: &mut Trace) -> Result<Decimal> {
        let unrounded = At::Premium.mul(base, factor)?;
        let dp = self.declared_dp(RoundAt::Total).unwrap_or(2);
        let mut premium = round_to(unrounded, dp);
        t.push(Calc::TotalRounding {
            base,
            factor,
            unrounded,
            premium,
            dp,
            default: self.default_rounding,
        });
        if let Some(m) = self.min_premium {
            if premium < m {
                t.push(Calc::Minimum { min: m });
                premium = round_fen(m);
            }
        }
        t.push(Calc::Premium {
            premium,
            factor,
            status: self.input.status,
        });
        Ok(premium)
    }

    /// 责任限额: per person, aggregate (per person × headcount) and the sublimits.
    fn limit_lines(&self, e: &Enterprise, limit: Option<Decimal>) -> Result<Vec<LimitLine>> {
        let Some(l) = limit else {
            return Ok(Vec::new());
        };
        let agg = At::AggregateLimit.mul(l, Decimal::from(e.headcount))?;
        let mut out = vec![
            LimitLine {
                id: "per_person".into(),
                label_zh: "每人死亡伤残责任限额".into(),
                label_en: "death/disability limit per person".into(),
                amount: tidy(l),
                status: None,
            },
            LimitLine {
                id: "aggregate".into(),
                label_zh: "每次事故及累计限额（每人限额 × 人数）".into(),
                label_en: "per-accident and annual limit (per person × headcount)".into(),
                amount: tidy(agg),
                status: None,
            },
        ];
        for (s, ratio) in &self.sublimits {
            let basis = match s.basis {
                SublimitBasis::PerPersonLimit => l,
                SublimitBasis::Aggregate => agg,
            };
            out.push(LimitLine {
                id: s.id.clone(),
                label_zh: s.label_zh.clone(),
                label_en: s.label_en.clone(),
                amount: round_fen(At::Sublimit.mul(basis, *ratio)?),
                status: Some(s.status),
            });
        }
        Ok(out)
    }
}

/// A group's contribution.
enum GroupResult {
    /// A factor (加法 / 乘法).
    Factor(Decimal),
    /// Tier steps (档次).
    Steps(i64),
}

/// Shows an exact amount at the fen scale when that loses nothing ("28500.00", not
/// "28500.00000"); otherwise keeps every digit. This changes the scale only, never the value.
pub(crate) fn tidy(d: Decimal) -> Decimal {
    let r = round_fen(d);
    if r == d {
        r
    } else {
        d.normalize()
    }
}

fn clamp(x: Decimal, lo: Option<Decimal>, hi: Option<Decimal>) -> Decimal {
    let x = lo.map_or(x, |l| x.max(l));
    hi.map_or(x, |h| x.min(h))
}

/// One column of a side-by-side comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Rule-set id.
    pub rule_set_id: String,
    /// Rule-set name (zh).
    pub name_zh: String,
    /// Rule-set name (en).
    pub name_en: String,
    /// The quote, if the enterprise could be quoted under this rule set.
    pub quote: Option<Quote>,
    /// Error code (e.g. `INVALID_INPUT`) otherwise.
    pub error_code: Option<String>,
    /// Error message (English) otherwise.
    pub error: Option<String>,
    /// Error message in Chinese otherwise.
    pub error_zh: Option<String>,
}

/// Quotes the same enterprise under several rule sets, side by side (e.g. 140号 vs 27号, or
/// additive vs multiplicative). A rule set that cannot price the enterprise gives an error
/// column instead of failing the whole comparison.
pub fn compare(rule_sets: &[&RuleSet], e: &Enterprise) -> Vec<Comparison> {
    rule_sets
        .iter()
        .map(|r| {
            let (quote, error_code, error, error_zh) = match r.quote(e) {
                Ok(q) => (Some(q), None, None, None),
                Err(err) => (
                    None,
                    Some(err.code().to_string()),
                    Some(err.to_string()),
                    Some(err.message_zh()),
                ),
            };
            Comparison {
                rule_set_id: r.id().to_string(),
                name_zh: r.name_zh().to_string(),
                name_en: r.name_en().to_string(),
                quote,
                error_code,
                error,
                error_zh,
            }
        })
        .collect()
}
