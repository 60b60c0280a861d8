//! Quoting (报价): base premium (基准保费) → floating factors (浮动系数) → band (浮动上下限) →
//! rounding → premium (保费) → prevention-service amount (事故预防服务费用), every step
//! recorded with zh and en text.

use rust_decimal::Decimal;
use serde::Serialize;

use super::condition::FieldValue;
use super::enterprise::Enterprise;
use super::rules::{
    exposure_id, Combine, Effect, Exposure, PreventionKind, RoundAt, RuleSet, Select, Status,
    SublimitBasis, ValueKind,
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

/// One explanation step.
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
}

/// The prevention-service line (事故预防服务费用).
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// Steps (empty from [`RuleSet::quote_summary`]).
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

fn pct(d: Decimal) -> String {
    let p = (d * Decimal::ONE_HUNDRED).normalize();
    if p.is_sign_negative() && !p.is_zero() {
        format!("−{}%", -p)
    } else {
        format!("+{p}%")
    }
}

fn num(d: Decimal) -> String {
    d.normalize().to_string()
}

fn rate_text(d: Decimal) -> String {
    format!("{}‰", (d * Decimal::ONE_THOUSAND).normalize())
}

fn yuan(d: Decimal) -> String {
    crate::money::format_cny_en(d)
        .trim_start_matches("CNY ")
        .to_string()
}

struct Rec {
    on: bool,
    steps: Vec<Step>,
}

impl Rec {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kind: StepKind,
        rule: impl FnOnce() -> String,
        condition_met: Option<bool>,
        applied: bool,
        factor: Option<Decimal>,
        running_factor: Option<Decimal>,
        amount: Option<Decimal>,
        status: Option<Status>,
        text: impl FnOnce() -> (String, String),
    ) {
        if self.on {
            let (text_zh, text_en) = text();
            self.steps.push(Step {
                amount: amount.map(tidy),
                kind,
                rule: rule(),
                condition_met,
                applied,
                factor,
                running_factor,
                status,
                text_zh,
                text_en,
            });
        }
    }
}

impl RuleSet {
    /// Quotes an enterprise with a full explanation.
    ///
    /// Exact decimal arithmetic throughout; money is rounded only at the rule set's declared
    /// rounding steps (default: the final premium to the fen, half away from zero).
    ///
    /// # Errors
    /// Only for enterprise input the rule set needs and the enterprise lacks
    /// ([`Error::InvalidInput`] naming the field): e.g. a sector with no base rate, a missing
    /// `project_cost` under a project-cost exposure, a value outside every band.
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
        self.compute(e, true)
    }

    /// Quotes without building explanation text (fast path for batches).
    ///
    /// # Errors
    /// As [`RuleSet::quote`].
    pub fn quote_summary(&self, e: &Enterprise) -> Result<QuoteSummary> {
        let q = self.compute(e, false)?;
        Ok(QuoteSummary {
            base_premium: q.base_premium,
            factor: q.factor,
            premium: q.premium,
            prevention: q.prevention.map_or(Decimal::ZERO, |p| p.amount),
            compulsory: q.compulsory,
        })
    }

    fn lookup(&self, e: &Enterprise, keep_pos: bool) -> Result<(usize, Vec<usize>)> {
        let mut idx = 0usize;
        let mut pos = Vec::with_capacity(if keep_pos { self.dims.len() } else { 0 });
        for d in &self.dims {
            let v = d.field.value(e);
            let p = match (&d.kind, &v) {
                (super::rules::DimKind::Text(vals), FieldValue::Text(t)) => {
                    vals.iter().position(|x| x == t)
                }
                (super::rules::DimKind::Number(vals), FieldValue::Number(x)) => {
                    vals.iter().position(|y| y == x)
                }
                (super::rules::DimKind::Bands(bs), FieldValue::Number(x)) => {
                    bs.iter().position(|b| b.contains(*x))
                }
                (_, FieldValue::Missing) => {
                    return Err(Error::InvalidInput(format!(
                        "{}: required by rule set '{}' (table dimension '{}')",
                        d.field.name(),
                        self.id(),
                        d.id
                    )))
                }
                _ => None,
            };
            let p = p.ok_or_else(|| {
                let shown = match v {
                    FieldValue::Text(t) => t.to_string(),
                    FieldValue::Number(x) => x.to_string(),
                    FieldValue::Bool(b) => b.to_string(),
                    FieldValue::Missing => String::new(),
                };
                Error::InvalidInput(format!(
                    "{}: '{shown}' has no base rate in rule set '{}' (dimension '{}' has {})",
                    d.field.name(),
                    self.id(),
                    d.id,
                    d.ids.join(", ")
                ))
            })?;
            idx = idx * d.ids.len() + p;
            if keep_pos {
                pos.push(p);
            }
        }
        Ok((idx, pos))
    }

    fn compute(&self, e: &Enterprise, explain: bool) -> Result<Quote> {
        let mut rec = Rec {
            on: explain,
            steps: Vec::new(),
        };
        let mut warnings = Vec::new();
        let (idx, pos) = self.lookup(e, explain)?;
        let (value, cell_status) = self.cells[idx];
        let kind = self.input.base.value_kind;
        let declared_dp = |at: RoundAt| {
            self.rounding
                .iter()
                .find(|(a, _)| *a == at)
                .map(|(_, dp)| *dp)
        };

        // Exposure and base premium.
        let mut per_person_limit = None;
        let mut base = match self.input.exposure {
            Exposure::PerHead => {
                let per_head = match kind {
                    ValueKind::PremiumPerHead => value,
                    _ => {
                        let limit = match (e.per_person_limit, self.min_per_person_limit) {
                            (Some(l), Some((min, st))) if l < min => {
                                warnings.push(Note {
                                    text_zh: format!("每人限额 {}元 低于本规则最低 {}元，已按最低限额计算", yuan(l), yuan(min)),
                                    text_en: format!("per-person limit {} is below this rule set's minimum {}; priced at the minimum", yuan(l), yuan(min)),
                                });
                                rec.push(
                                    StepKind::Limit,
                                    || "limits.min_per_person_limit".into(),
                                    None,
                                    true,
                                    None,
                                    None,
                                    Some(min),
                                    Some(st),
                                    || {
                                        (
                                            format!(
                                                "每人死亡伤残限额由 {}元 提高到最低 {}元",
                                                yuan(l),
                                                yuan(min)
                                            ),
                                            format!(
                                                "per-person limit raised from {} to the minimum {}",
                                                yuan(l),
                                                yuan(min)
                                            ),
                                        )
                                    },
                                );
                                min
                            }
                            (Some(l), _) => l,
                            (None, Some((min, st))) => {
                                rec.push(
                                    StepKind::Limit,
                                    || "limits.min_per_person_limit".into(),
                                    None,
                                    true,
                                    None,
                                    None,
                                    Some(min),
                                    Some(st),
                                    || {
                                        (
                                            format!("未填每人限额，按最低 {}元 计算", yuan(min)),
                                            format!(
                                                "no per-person limit given; using the minimum {}",
                                                yuan(min)
                                            ),
                                        )
                                    },
                                );
                                min
                            }
                            (None, None) => {
                                return Err(Error::InvalidInput(format!(
                                "per_person_limit: required by rule set '{}' (per-head exposure)",
                                self.id()
                            )))
                            }
                        };
                        per_person_limit = Some(limit);
                        value * limit
                    }
                };
                let per_head_r = match declared_dp(RoundAt::PerHead) {
                    Some(dp) => {
                        let r = round_to(per_head, dp);
                        rec.push(
                            StepKind::Rounding,
                            || "rounding.per_head".into(),
                            None,
                            r != per_head,
                            None,
                            None,
                            Some(r),
                            None,
                            || {
                                (
                                    format!(
                                        "每人保费 {} 四舍五入到 {dp} 位小数 = {}元",
                                        num(per_head),
                                        r
                                    ),
                                    format!(
                                        "premium per head {} rounded half-up to {dp} dp = {r}",
                                        num(per_head)
                                    ),
                                )
                            },
                        );
                        r
                    }
                    None => per_head,
                };
                let b = per_head_r * Decimal::from(e.headcount);
                rec.push(StepKind::Base, || "base".into(), None, true, None, None, Some(b), Some(cell_status), || match (kind, per_person_limit) {
                    (ValueKind::Rate, Some(l)) => (
                        format!("基准保费 = 每人限额 {}元 × 基准费率 {} × {}人 = {}元", yuan(l), rate_text(value), e.headcount, yuan(b)),
                        format!("base premium = per-person limit {} × base rate {} × {} persons = {}", yuan(l), rate_text(value), e.headcount, yuan(b)),
                    ),
                    _ => (
                        format!("基准保费 = 每人 {}元 × {}人 = {}元", num(per_head_r), e.headcount, yuan(b)),
                        format!("base premium = {} per head × {} persons = {}", num(per_head_r), e.headcount, yuan(b)),
                    ),
                });
                b
            }
            Exposure::Fixed => {
                rec.push(
                    StepKind::Base,
                    || "base".into(),
                    None,
                    true,
                    None,
                    None,
                    Some(value),
                    Some(cell_status),
                    || {
                        (
                            format!("年基准保费 {}元", yuan(value)),
                            format!("annual base premium {}", yuan(value)),
                        )
                    },
                );
                value
            }
            ex => {
                let (field, amount, zh, en) = match ex {
                    Exposure::ProjectCost => {
                        ("project_cost", e.project_cost, "工程造价", "project cost")
                    }
                    Exposure::Revenue => ("revenue", e.revenue, "营业收入", "revenue"),
                    _ => ("payroll", e.payroll, "工资总额", "payroll"),
                };
                let amount = amount.ok_or_else(|| {
                    Error::InvalidInput(format!(
                        "{field}: required by rule set '{}' (exposure '{}')",
                        self.id(),
                        exposure_id(ex)
                    ))
                })?;
                let b = value * amount;
                rec.push(
                    StepKind::Base,
                    || "base".into(),
                    None,
                    true,
                    None,
                    None,
                    Some(b),
                    Some(cell_status),
                    || {
                        (
                            format!(
                                "基准保费 = {zh} {}元 × 基准费率 {} = {}元",
                                yuan(amount),
                                rate_text(value),
                                yuan(b)
                            ),
                            format!(
                                "base premium = {en} {} × base rate {} = {}",
                                yuan(amount),
                                rate_text(value),
                                yuan(b)
                            ),
                        )
                    },
                );
                b
            }
        };
        for p in &self.post {
            let met = p.when.eval(e);
            if met {
                base *= p.factor;
            }
            rec.push(
                StepKind::PostMultiplier,
                || format!("post.{}", p.input.id),
                Some(met),
                met,
                Some(p.factor),
                None,
                Some(base),
                Some(p.input.status),
                || {
                    (
                        format!(
                            "{}：{} × {}，基准保费 {}元",
                            p.input.label_zh,
                            if met { "适用" } else { "不适用" },
                            num(p.factor),
                            yuan(base)
                        ),
                        format!(
                            "{}: {} × {}, base premium {}",
                            p.input.label_en,
                            if met { "applies" } else { "does not apply" },
                            num(p.factor),
                            yuan(base)
                        ),
                    )
                },
            );
        }
        if let Some(dp) = declared_dp(RoundAt::Base) {
            let r = round_to(base, dp);
            rec.push(
                StepKind::Rounding,
                || "rounding.base".into(),
                None,
                r != base,
                None,
                None,
                Some(r),
                None,
                || {
                    (
                        format!("基准保费四舍五入到 {dp} 位小数 = {}元", yuan(r)),
                        format!("base premium rounded half-up to {dp} dp = {}", yuan(r)),
                    )
                },
            );
            base = r;
        }

        // Floating.
        let one = Decimal::ONE;
        let no_float = self.no_float_when.as_ref().is_some_and(|c| c.eval(e));
        let mut factor = one;
        if no_float {
            rec.push(
                StepKind::NoFloat,
                || "no_float_when".into(),
                Some(true),
                true,
                Some(one),
                Some(one),
                Some(base),
                None,
                || {
                    (
                        "不浮动条件成立（如首次投保），浮动系数 = 1".into(),
                        "no-float condition holds (e.g. first policy); factor = 1".into(),
                    )
                },
            );
        } else {
            let mut steps_sum: i32 = 0;
            let mut sum_delta = Decimal::ZERO;
            let mut prod = one;
            let additive = matches!(self.combine, Combine::AdditiveOnBase);
            let tier = matches!(self.combine, Combine::TierLadder { .. });
            for g in &self.groups {
                let mut g_delta = Decimal::ZERO; // for sum / first-match
                let mut g_prod = one; // for product
                let mut g_steps = 0i32;
                let mut matched = false;
                for o in &g.options {
                    if g.select == Select::FirstMatch && matched {
                        if rec.on {
                            rec.push(
                                StepKind::Factor,
                                || format!("{}/{}", g.id, o.input.id),
                                None,
                                false,
                                None,
                                None,
                                None,
                                Some(o.input.status),
                                || {
                                    (
                                        format!(
                                            "{}：{}（已选前一项，不再判断）",
                                            g.label_zh, o.input.label_zh
                                        ),
                                        format!(
                                            "{}: {} (an earlier option was picked)",
                                            g.label_en, o.input.label_en
                                        ),
                                    )
                                },
                            );
                        }
                        continue;
                    }
                    let met = o.when.eval(e);
                    let f_opt = match &o.effect {
                        Effect::Factor(d) => Some(one + *d),
                        Effect::DiscountFrom(field) => match field.value(e) {
                            FieldValue::Number(x) => Some(one - x),
                            _ => Some(one),
                        },
                        Effect::TierSteps(_) => None,
                    };
                    if met {
                        matched = true;
                        match (&o.effect, f_opt) {
                            (Effect::TierSteps(n), _) => g_steps += n,
                            (_, Some(f)) => {
                                g_delta += f - one;
                                g_prod *= f;
                            }
                            _ => {}
                        }
                    }
                    // Running figures as if the group ended here (exact, for the waterfall).
                    let (running, amount) = if tier || !rec.on {
                        (None, None)
                    } else {
                        let g_now = if g.select == Select::Product {
                            g_prod
                        } else {
                            one + g_delta
                        };
                        let r = if additive {
                            one + sum_delta + (g_now - one)
                        } else {
                            prod * g_now
                        };
                        (Some(r), Some(base * r))
                    };
                    rec.push(
                        StepKind::Factor,
                        || format!("{}/{}", g.id, o.input.id),
                        Some(met),
                        met,
                        f_opt,
                        running,
                        amount,
                        Some(o.input.status),
                        || {
                            let eff_zh = match (&o.effect, f_opt) {
                                (Effect::TierSteps(n), _) => format!("档次 {n:+}"),
                                (_, Some(f)) => {
                                    if additive {
                                        pct(f - one)
                                    } else {
                                        format!("× {}", num(f))
                                    }
                                }
                                _ => String::new(),
                            };
                            let eff_en = match &o.effect {
                                Effect::TierSteps(n) => format!("tier {n:+}"),
                                _ => eff_zh.clone(),
                            };
                            let tail_zh = amount.map_or(String::new(), |a| {
                                format!(
                                    "，累计系数 {}，保费 {}元",
                                    num(running.unwrap_or(one)),
                                    yuan(a)
                                )
                            });
                            let tail_en = amount.map_or(String::new(), |a| {
                                format!(
                                    ", running factor {}, premium {}",
                                    num(running.unwrap_or(one)),
                                    yuan(a)
                                )
                            });
                            (
                                format!(
                                    "{}：{} — {}{}{}",
                                    g.label_zh,
                                    o.input.label_zh,
                                    if met { "符合" } else { "不符合" },
                                    if met {
                                        format!(" {eff_zh}")
                                    } else {
                                        String::new()
                                    },
                                    if met { tail_zh } else { String::new() }
                                ),
                                format!(
                                    "{}: {} — {}{}{}",
                                    g.label_en,
                                    o.input.label_en,
                                    if met { "met" } else { "not met" },
                                    if met {
                                        format!(" {eff_en}")
                                    } else {
                                        String::new()
                                    },
                                    if met { tail_en } else { String::new() }
                                ),
                            )
                        },
                    );
                }
                if tier {
                    steps_sum += g_steps;
                    continue;
                }
                let mut g_factor = if g.select == Select::Product {
                    g_prod
                } else {
                    one + g_delta
                };
                if let Some((lo, hi)) = g.cap {
                    let clamped = clamp(g_factor, lo, hi);
                    if clamped != g_factor {
                        let before = g_factor;
                        g_factor = clamped;
                        rec.push(
                            StepKind::GroupCap,
                            || format!("{}/cap", g.id),
                            None,
                            true,
                            Some(clamped),
                            None,
                            None,
                            None,
                            || {
                                (
                                    format!(
                                        "{}：组内系数 {} 限定为 {}",
                                        g.label_zh,
                                        num(before),
                                        num(clamped)
                                    ),
                                    format!(
                                        "{}: group factor {} clamped to {}",
                                        g.label_en,
                                        num(before),
                                        num(clamped)
                                    ),
                                )
                            },
                        );
                    }
                }
                sum_delta += g_factor - one;
                prod *= g_factor;
            }
            factor = match &self.combine {
                Combine::AdditiveOnBase => one + sum_delta,
                Combine::Multiplicative => prod,
                Combine::TierLadder { ladder, start } => {
                    let want = *start as i64 + steps_sum as i64;
                    let i = want.clamp(0, ladder.len() as i64 - 1) as usize;
                    let f = ladder[i];
                    rec.push(
                        StepKind::Tier,
                        || "combine.ladder".into(),
                        None,
                        true,
                        Some(f),
                        Some(f),
                        Some(base * f),
                        Some(self.ladder_status),
                        || {
                            (
                                format!(
                                    "费率档次：起始第 {} 档 {:+} 档 → 第 {} 档（{}%）{}",
                                    start + 1,
                                    steps_sum,
                                    i + 1,
                                    num(f * Decimal::ONE_HUNDRED),
                                    if want != i as i64 {
                                        "，已到档次端点"
                                    } else {
                                        ""
                                    }
                                ),
                                format!(
                                    "tier ladder: start tier {} {:+} → tier {} ({}%){}",
                                    start + 1,
                                    steps_sum,
                                    i + 1,
                                    num(f * Decimal::ONE_HUNDRED),
                                    if want != i as i64 {
                                        ", at the end of the ladder"
                                    } else {
                                        ""
                                    }
                                ),
                            )
                        },
                    );
                    f
                }
            };
        }
        let factor_raw = factor;
        let (lo, hi) = self.band;
        if lo.is_some() || hi.is_some() {
            let clamped = clamp(factor, lo, hi);
            let band_txt = format!(
                "[{}, {}]",
                lo.map_or("—".into(), num),
                hi.map_or("—".into(), num)
            );
            rec.push(
                StepKind::Band,
                || "band".into(),
                None,
                clamped != factor,
                Some(clamped),
                Some(clamped),
                Some(base * clamped),
                Some(self.band_status),
                || {
                    if clamped != factor {
                        (
                            format!(
                                "浮动上下限 {band_txt}：系数 {} 限定为 {}",
                                num(factor),
                                num(clamped)
                            ),
                            format!(
                                "band {band_txt}: factor {} clamped to {}",
                                num(factor),
                                num(clamped)
                            ),
                        )
                    } else {
                        (
                            format!("浮动上下限 {band_txt}：系数 {} 在范围内", num(factor)),
                            format!("band {band_txt}: factor {} within the band", num(factor)),
                        )
                    }
                },
            );
            factor = clamped;
        }
        let unrounded = base * factor;
        let dp = declared_dp(RoundAt::Total).unwrap_or(2);
        let mut premium = round_to(unrounded, dp);
        let default_rounding = self.default_rounding;
        rec.push(
            StepKind::Rounding,
            || "rounding.total".into(),
            None,
            premium != unrounded,
            None,
            Some(factor),
            Some(premium),
            if default_rounding {
                Some(Status::Illustrative)
            } else {
                None
            },
            || {
                (
                    format!(
                        "{} × {} = {}，四舍五入到 {dp} 位小数{}",
                        yuan(base),
                        num(factor),
                        num(unrounded),
                        if default_rounding {
                            "（默认规则，来源未规定舍入）"
                        } else {
                            ""
                        }
                    ),
                    format!(
                        "{} × {} = {}, rounded half-up to {dp} dp{}",
                        yuan(base),
                        num(factor),
                        num(unrounded),
                        if default_rounding {
                            " (default; no source states a rounding rule)"
                        } else {
                            ""
                        }
                    ),
                )
            },
        );
        if let Some(m) = self.min_premium {
            if premium < m {
                rec.push(
                    StepKind::Minimum,
                    || "min_premium".into(),
                    None,
                    true,
                    None,
                    None,
                    Some(m),
                    None,
                    || {
                        (
                            format!("低于最低保费，按 {}元", yuan(m)),
                            format!("below the minimum premium; {}", yuan(m)),
                        )
                    },
                );
                premium = round_fen(m);
            }
        }
        rec.push(
            StepKind::Premium,
            || "premium".into(),
            None,
            true,
            Some(factor),
            Some(factor),
            Some(premium),
            Some(self.input.status),
            || {
                (
                    format!(
                        "保费 {}元（浮动系数 {}，{}）",
                        yuan(premium),
                        num(factor),
                        self.combine.name_zh()
                    ),
                    format!(
                        "premium {} (factor {}, {})",
                        yuan(premium),
                        num(factor),
                        self.combine.name_en()
                    ),
                )
            },
        );
        let prevention = self.prevention.map(|(share, kind, status)| {
            let amount = round_fen(premium * share);
            let (kz, ke) = match kind {
                PreventionKind::Cap => ("不高于", "at most"),
                PreventionKind::Floor => ("不低于", "at least"),
                PreventionKind::Exact => ("按", "exactly"),
            };
            rec.push(
                StepKind::Prevention,
                || "prevention".into(),
                None,
                true,
                Some(share),
                None,
                Some(amount),
                Some(status),
                || {
                    (
                        format!(
                            "事故预防服务费用：{kz}保费的 {}% = {}元",
                            num(share * Decimal::ONE_HUNDRED),
                            yuan(amount)
                        ),
                        format!(
                            "accident-prevention services: {ke} {}% of premium = {}",
                            num(share * Decimal::ONE_HUNDRED),
                            yuan(amount)
                        ),
                    )
                },
            );
            PreventionLine {
                share,
                kind,
                amount,
                status,
            }
        });

        let mut limits = Vec::new();
        if explain {
            if let Some(l) = per_person_limit {
                let agg = l * Decimal::from(e.headcount);
                limits.push(LimitLine {
                    id: "per_person".into(),
                    label_zh: "每人死亡伤残责任限额".into(),
                    label_en: "death/disability limit per person".into(),
                    amount: tidy(l),
                });
                limits.push(LimitLine {
                    id: "aggregate".into(),
                    label_zh: "每次事故及累计限额（每人限额 × 人数）".into(),
                    label_en: "per-accident and annual limit (per person × headcount)".into(),
                    amount: tidy(agg),
                });
                for (s, ratio) in &self.sublimits {
                    let basis = match s.basis {
                        SublimitBasis::PerPersonLimit => l,
                        SublimitBasis::Aggregate => agg,
                    };
                    limits.push(LimitLine {
                        id: s.id.clone(),
                        label_zh: s.label_zh.clone(),
                        label_en: s.label_en.clone(),
                        amount: round_fen(basis * ratio),
                    });
                }
            }
        }
        let base_key = if explain {
            self.dims
                .iter()
                .zip(&pos)
                .map(|(d, p)| d.ids[*p].clone())
                .collect()
        } else {
            Vec::new()
        };
        Ok(Quote {
            rule_set_id: if explain {
                self.input.id.clone()
            } else {
                String::new()
            },
            rule_set_name_zh: if explain {
                self.input.name_zh.clone()
            } else {
                String::new()
            },
            rule_set_name_en: if explain {
                self.input.name_en.clone()
            } else {
                String::new()
            },
            status: self.input.status,
            combine_zh: if explain {
                self.combine.name_zh().into()
            } else {
                String::new()
            },
            combine_en: if explain {
                self.combine.name_en().into()
            } else {
                String::new()
            },
            enterprise: if explain {
                e.name.clone()
            } else {
                String::new()
            },
            town_code: if explain {
                e.town_code.clone()
            } else {
                String::new()
            },
            sector: if explain {
                e.sector.clone()
            } else {
                String::new()
            },
            compulsory: self.is_compulsory(&e.sector),
            base_key,
            base_value: value,
            value_kind: kind,
            per_person_limit,
            headcount: e.headcount,
            base_premium: tidy(base),
            factor_raw: factor_raw.normalize(),
            factor: factor.normalize(),
            premium,
            prevention,
            limits,
            steps: rec.steps,
            warnings,
        })
    }
}

/// Shows an exact amount at the fen scale when that loses nothing ("28500.00", not
/// "28500.00000"); otherwise keeps every digit. This changes the scale only, never the value.
fn tidy(d: Decimal) -> Decimal {
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
    /// Error message otherwise.
    pub error: Option<String>,
}

/// Quotes the same enterprise under several rule sets, side by side (e.g. 140号 vs 27号, or
/// additive vs multiplicative). A rule set that cannot price the enterprise gives an error
/// column instead of failing the whole comparison.
pub fn compare(rule_sets: &[&RuleSet], e: &Enterprise) -> Vec<Comparison> {
    rule_sets
        .iter()
        .map(|r| {
            let (quote, error_code, error) = match r.quote(e) {
                Ok(q) => (Some(q), None, None),
                Err(err) => (None, Some(err.code().to_string()), Some(err.to_string())),
            };
            Comparison {
                rule_set_id: r.id().to_string(),
                name_zh: r.name_zh().to_string(),
                name_en: r.name_en().to_string(),
                quote,
                error_code,
                error,
            }
        })
        .collect()
}
