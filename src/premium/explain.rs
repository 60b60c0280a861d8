//! Words after numbers (说明): turns the typed steps of a quote ([`Calc`]) into [`Step`]s
//! with Chinese and English text, and the warnings. Nothing here computes the premium; the
//! only arithmetic is formatting (docs/premium.md §2).
//!
//! Additive rule sets (加法, "在基准费率的基础上降低/提高 X%") show every factor as ± a
//! percentage of the base and the running total as the sum of those percentages, so the reader
//! can add them up; multiplicative ones show × factors.

use rust_decimal::Decimal;

use super::quote::{tidy, BaseCalc, Calc, Note, OptionOutcome, Step, StepKind};
use super::rules::{Combine, Effect, Exposure, PreventionKind, RuleSet, Status};
use crate::lang::Lang;
use crate::money::format_yuan;

/// −0.05 → `−5%`, 0.1 → `+10%`: the crate's one signed percentage,
/// [`crate::numfmt::format_pct_signed`].
pub use crate::numfmt::format_pct_signed as pct;

/// f − 1 (a factor as a change on the base); factors are bounded by the rule-set ranges, so
/// the subtraction cannot overflow (the fallback only keeps this total).
fn delta(f: Decimal) -> Decimal {
    f.checked_sub(Decimal::ONE).unwrap_or(f)
}

/// d × 100 for a percentage (bounded ratios; total as above).
fn hundred(d: Decimal) -> Decimal {
    d.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(d)
}

fn num(d: Decimal) -> String {
    d.normalize().to_string()
}

fn rate_text(d: Decimal) -> String {
    let per_mille = d.checked_mul(Decimal::ONE_THOUSAND).unwrap_or(d);
    format!("{}‰", per_mille.normalize())
}

/// A factor as the rule set states it: `+10%` (additive) or `× 1.1`.
fn effect(additive: bool, f: Decimal) -> String {
    if additive {
        pct(delta(f))
    } else {
        format!("× {}", num(f))
    }
}

/// The running total factor in words: `累计浮动 −15%（系数 0.85）` or `累计系数 0.855`.
fn running(additive: bool, r: Decimal) -> (String, String) {
    if additive {
        (
            format!("累计浮动 {}（系数 {}）", pct(delta(r)), num(r)),
            format!("running change {} (factor {})", pct(delta(r)), num(r)),
        )
    } else {
        (
            format!("累计系数 {}", num(r)),
            format!("running factor {}", num(r)),
        )
    }
}

/// One step with its words.
#[allow(clippy::too_many_arguments)]
fn step(
    kind: StepKind,
    rule: String,
    condition_met: Option<bool>,
    applied: bool,
    factor: Option<Decimal>,
    running_factor: Option<Decimal>,
    amount: Option<Decimal>,
    status: Option<Status>,
    (text_zh, text_en): (String, String),
) -> Step {
    Step {
        kind,
        rule,
        condition_met,
        applied,
        factor,
        effect: None,
        running_factor,
        amount: amount.map(tidy),
        status,
        text_zh,
        text_en,
    }
}

/// Writes the steps and warnings of a quote from its computed steps.
pub fn explain(rules: &RuleSet, calc: &[Calc]) -> (Vec<Step>, Vec<Note>) {
    let additive = matches!(rules.combine, Combine::AdditiveOnBase);
    let mut steps = Vec::with_capacity(calc.len());
    let mut warnings = Vec::new();
    for c in calc {
        let s = match *c {
            Calc::LimitRaised { given, min, status } => {
                warnings.push(Note {
                    text_zh: format!(
                        "每人限额 {} 低于本规则最低 {}，已按最低限额计算",
                        format_yuan(given, Lang::Zh),
                        format_yuan(min, Lang::Zh)
                    ),
                    text_en: format!(
                        "per-person limit {} is below this rule set's minimum {}; priced at the minimum",
                        format_yuan(given, Lang::En),
                        format_yuan(min, Lang::En)
                    ),
                });
                step(
                    StepKind::Limit,
                    "limits.min_per_person_limit".into(),
                    None,
                    true,
                    None,
                    None,
                    Some(min),
                    Some(status),
                    (
                        format!(
                            "每人死亡伤残限额由 {} 提高到最低 {}",
                            format_yuan(given, Lang::Zh),
                            format_yuan(min, Lang::Zh)
                        ),
                        format!(
                            "per-person limit raised from {} to the minimum {}",
                            format_yuan(given, Lang::En),
                            format_yuan(min, Lang::En)
                        ),
                    ),
                )
            }
            Calc::LimitDefaulted { min, status } => step(
                StepKind::Limit,
                "limits.min_per_person_limit".into(),
                None,
                true,
                None,
                None,
                Some(min),
                Some(status),
                (
                    format!("未填每人限额，按最低 {} 计算", format_yuan(min, Lang::Zh)),
                    format!(
                        "no per-person limit given; using the minimum {}",
                        format_yuan(min, Lang::En)
                    ),
                ),
            ),
            Calc::PerHeadRounding { before, after, dp } => step(
                StepKind::Rounding,
                "rounding.per_head".into(),
                None,
                after != before,
                None,
                None,
                Some(after),
                None,
                (
                    format!(
                        "每人保费 {} 四舍五入到 {dp} 位小数 = {after}元",
                        num(before)
                    ),
                    format!(
                        "premium per head {} rounded half-up to {dp} dp = {after}",
                        num(before)
                    ),
                ),
            ),
            Calc::Base { calc, status } => step(
                StepKind::Base,
                "base".into(),
                None,
                true,
                None,
                None,
                Some(calc.amount()),
                Some(status),
                base_text(&calc),
            ),
            Calc::PostMultiplier {
                index,
                met,
                factor,
                base,
            } => {
                let Some(p) = rules.post.get(index) else {
                    continue;
                };
                step(
                    StepKind::PostMultiplier,
                    format!("post.{}", p.input.id),
                    Some(met),
                    met,
                    Some(factor),
                    None,
                    Some(base),
                    Some(p.input.status),
                    (
                        format!(
                            "{}：{} × {}，基准保费 {}",
                            p.input.label_zh,
                            if met { "适用" } else { "不适用" },
                            num(factor),
                            format_yuan(base, Lang::Zh)
                        ),
                        format!(
                            "{}: {} × {}, base premium {}",
                            p.input.label_en,
                            if met { "applies" } else { "does not apply" },
                            num(factor),
                            format_yuan(base, Lang::En)
                        ),
                    ),
                )
            }
            Calc::BaseRounding { before, after, dp } => step(
                StepKind::Rounding,
                "rounding.base".into(),
                None,
                after != before,
                None,
                None,
                Some(after),
                None,
                (
                    format!(
                        "基准保费四舍五入到 {dp} 位小数 = {}",
                        format_yuan(after, Lang::Zh)
                    ),
                    format!(
                        "base premium rounded half-up to {dp} dp = {}",
                        format_yuan(after, Lang::En)
                    ),
                ),
            ),
            Calc::NoFloat { base } => step(
                StepKind::NoFloat,
                "no_float_when".into(),
                Some(true),
                true,
                Some(Decimal::ONE),
                Some(Decimal::ONE),
                Some(base),
                None,
                (
                    "不浮动条件成立（如首次投保），浮动系数 = 1".into(),
                    "no-float condition holds (e.g. first policy); factor = 1".into(),
                ),
            ),
            Calc::FactorOption {
                group,
                option,
                outcome,
            } => {
                let Some(s) = option_step(rules, additive, group, option, outcome) else {
                    continue;
                };
                s
            }
            Calc::GroupCap {
                group,
                before,
                after,
            } => {
                let Some(g) = rules.groups.get(group) else {
                    continue;
                };
                let mut s = step(
                    StepKind::GroupCap,
                    format!("{}/cap", g.id),
                    None,
                    true,
                    Some(after),
                    None,
                    None,
                    None,
                    if additive {
                        (
                            format!(
                                "{}：组内浮动 {} 限定为 {}",
                                g.label_zh,
                                pct(delta(before)),
                                pct(delta(after))
                            ),
                            format!(
                                "{}: group change {} clamped to {}",
                                g.label_en,
                                pct(delta(before)),
                                pct(delta(after))
                            ),
                        )
                    } else {
                        (
                            format!(
                                "{}：组内系数 {} 限定为 {}",
                                g.label_zh,
                                num(before),
                                num(after)
                            ),
                            format!(
                                "{}: group factor {} clamped to {}",
                                g.label_en,
                                num(before),
                                num(after)
                            ),
                        )
                    },
                );
                s.effect = Some(effect(additive, after));
                s
            }
            Calc::Tier {
                start,
                steps: n,
                index,
                at_end,
                factor,
                amount,
            } => step(
                StepKind::Tier,
                "combine.ladder".into(),
                None,
                true,
                Some(factor),
                Some(factor),
                Some(amount),
                Some(rules.ladder_status),
                (
                    format!(
                        "费率档次：起始第 {} 档 {n:+} 档 → 第 {} 档（{}%）{}",
                        start.saturating_add(1),
                        index.saturating_add(1),
                        num(hundred(factor)),
                        if at_end { "，已到档次端点" } else { "" }
                    ),
                    format!(
                        "tier ladder: start tier {} {n:+} → tier {} ({}%){}",
                        start.saturating_add(1),
                        index.saturating_add(1),
                        num(hundred(factor)),
                        if at_end {
                            ", at the end of the ladder"
                        } else {
                            ""
                        }
                    ),
                ),
            ),
            Calc::Band {
                lo,
                hi,
                before,
                after,
                amount,
                status,
            } => step(
                StepKind::Band,
                "band".into(),
                None,
                after != before,
                Some(after),
                Some(after),
                Some(amount),
                Some(status),
                band_text(additive, lo, hi, before, after),
            ),
            Calc::TotalRounding {
                base,
                factor,
                unrounded,
                premium,
                dp,
                default,
            } => {
                let f_zh = if additive {
                    format!("{}（{}）", num(factor), pct(delta(factor)))
                } else {
                    num(factor)
                };
                step(
                    StepKind::Rounding,
                    "rounding.total".into(),
                    None,
                    premium != unrounded,
                    None,
                    Some(factor),
                    Some(premium),
                    default.then_some(Status::Illustrative),
                    (
                        format!(
                            "{} × {f_zh} = {}，四舍五入到 {dp} 位小数{}",
                            format_yuan(base, Lang::Zh),
                            num(unrounded),
                            if default {
                                "（默认规则，来源未规定舍入）"
                            } else {
                                ""
                            }
                        ),
                        format!(
                            "{} × {f_zh} = {}, rounded half-up to {dp} dp{}",
                            format_yuan(base, Lang::En),
                            num(unrounded),
                            if default {
                                " (default; no source states a rounding rule)"
                            } else {
                                ""
                            }
                        ),
                    ),
                )
            }
            Calc::Minimum { min } => step(
                StepKind::Minimum,
                "min_premium".into(),
                None,
                true,
                None,
                None,
                Some(min),
                None,
                (
                    format!("低于最低保费，按 {}", format_yuan(min, Lang::Zh)),
                    format!("below the minimum premium; {}", format_yuan(min, Lang::En)),
                ),
            ),
            Calc::Premium {
                premium,
                factor,
                status,
            } => {
                let (fz, fe) = if additive {
                    (
                        format!("浮动 {}，系数 {}", pct(delta(factor)), num(factor)),
                        format!("change {}, factor {}", pct(delta(factor)), num(factor)),
                    )
                } else {
                    (
                        format!("浮动系数 {}", num(factor)),
                        format!("factor {}", num(factor)),
                    )
                };
                step(
                    StepKind::Premium,
                    "premium".into(),
                    None,
                    true,
                    Some(factor),
                    Some(factor),
                    Some(premium),
                    Some(status),
                    (
                        format!(
                            "保费 {}（{fz}，{}）",
                            format_yuan(premium, Lang::Zh),
                            rules.combine.name_zh()
                        ),
                        format!(
                            "premium {} ({fe}, {})",
                            format_yuan(premium, Lang::En),
                            rules.combine.name_en()
                        ),
                    ),
                )
            }
            Calc::Prevention(p) => {
                let (kz, ke) = match p.kind {
                    PreventionKind::Cap => ("不高于", "at most"),
                    PreventionKind::Floor => ("不低于", "at least"),
                    PreventionKind::Exact => ("按", "exactly"),
                };
                step(
                    StepKind::Prevention,
                    "prevention".into(),
                    None,
                    true,
                    Some(p.share),
                    None,
                    Some(p.amount),
                    Some(p.status),
                    (
                        format!(
                            "事故预防服务费用：{kz}保费的 {}% = {}",
                            num(hundred(p.share)),
                            format_yuan(p.amount, Lang::Zh)
                        ),
                        format!(
                            "accident-prevention services: {ke} {}% of premium = {}",
                            num(hundred(p.share)),
                            format_yuan(p.amount, Lang::En)
                        ),
                    ),
                )
            }
        };
        steps.push(s);
    }

    (steps, warnings)
}

fn base_text(calc: &BaseCalc) -> (String, String) {
    match *calc {
        BaseCalc::PerHeadRate {
            limit,
            rate,
            headcount,
            amount,
            ..
        } => (
            format!(
                "基准保费 = 每人限额 {} × 基准费率 {} × {headcount}人 = {}",
                format_yuan(limit, Lang::Zh),
                rate_text(rate),
                format_yuan(amount, Lang::Zh)
            ),
            format!(
                "base premium = per-person limit {} × base rate {} × {headcount} persons = {}",
                format_yuan(limit, Lang::En),
                rate_text(rate),
                format_yuan(amount, Lang::En)
            ),
        ),
        BaseCalc::PerHeadPremium {
            per_head,
            headcount,
            amount,
        } => (
            format!(
                "基准保费 = 每人 {}元 × {headcount}人 = {}",
                num(per_head),
                format_yuan(amount, Lang::Zh)
            ),
            format!(
                "base premium = {} per head × {headcount} persons = {}",
                num(per_head),
                format_yuan(amount, Lang::En)
            ),
        ),
        BaseCalc::OnExposure {
            exposure,
            exposed,
            rate,
            amount,
        } => {
            let (zh, en) = match exposure {
                Exposure::ProjectCost => ("工程造价", "project cost"),
                Exposure::Revenue => ("营业收入", "revenue"),
                _ => ("工资总额", "payroll"),
            };
            (
                format!(
                    "基准保费 = {zh} {} × 基准费率 {} = {}",
                    format_yuan(exposed, Lang::Zh),
                    rate_text(rate),
                    format_yuan(amount, Lang::Zh)
                ),
                format!(
                    "base premium = {en} {} × base rate {} = {}",
                    format_yuan(exposed, Lang::En),
                    rate_text(rate),
                    format_yuan(amount, Lang::En)
                ),
            )
        }
        BaseCalc::Fixed { amount } => (
            format!("年基准保费 {}", format_yuan(amount, Lang::Zh)),
            format!("annual base premium {}", format_yuan(amount, Lang::En)),
        ),
    }
}

fn band_text(
    additive: bool,
    lo: Option<Decimal>,
    hi: Option<Decimal>,
    before: Decimal,
    after: Decimal,
) -> (String, String) {
    let show = |d: Decimal| {
        if additive {
            format!("{}（{}）", num(d), pct(delta(d)))
        } else {
            num(d)
        }
    };
    let band = format!(
        "[{}, {}]",
        lo.map_or("—".into(), num),
        hi.map_or("—".into(), num)
    );
    if after != before {
        (
            format!(
                "浮动上下限 {band}：系数 {} 限定为 {}",
                show(before),
                show(after)
            ),
            format!(
                "band {band}: factor {} clamped to {}",
                show(before),
                show(after)
            ),
        )
    } else {
        (
            format!("浮动上下限 {band}：系数 {} 在范围内", show(before)),
            format!("band {band}: factor {} within the band", show(before)),
        )
    }
}

/// The step of one factor option.
fn option_step(
    rules: &RuleSet,
    additive: bool,
    group: usize,
    option: usize,
    outcome: OptionOutcome,
) -> Option<Step> {
    let g = rules.groups.get(group)?;
    let o = g.options.get(option)?;
    let rule = format!("{}/{}", g.id, o.input.id);
    let status = Some(o.input.status);
    let OptionOutcome::Evaluated {
        met,
        factor,
        tier_steps,
        running: run,
        amount,
    } = outcome
    else {
        return Some(step(
            StepKind::Factor,
            rule,
            None,
            false,
            None,
            None,
            None,
            status,
            (
                format!(
                    "{}：{}（已选前一项，不再判断）",
                    g.label_zh, o.input.label_zh
                ),
                format!(
                    "{}: {} (an earlier option was picked)",
                    g.label_en, o.input.label_en
                ),
            ),
        ));
    };
    let (eff_zh, eff_en) = match (&o.effect, tier_steps, factor) {
        (Effect::TierSteps(_), Some(n), _) => (format!("档次 {n:+}"), format!("tier {n:+}")),
        (_, _, Some(f)) => (effect(additive, f), effect(additive, f)),
        _ => (String::new(), String::new()),
    };
    let (tail_zh, tail_en) = match (run, amount) {
        (Some(r), Some(a)) => {
            let (rz, re) = running(additive, r);
            (
                format!("，{rz}，保费 {}", format_yuan(a, Lang::Zh)),
                format!(", {re}, premium {}", format_yuan(a, Lang::En)),
            )
        }
        _ => (String::new(), String::new()),
    };
    let mut s = step(
        StepKind::Factor,
        rule,
        Some(met),
        met,
        factor,
        run,
        amount,
        status,
        (
            format!(
                "{}：{} — {}{}",
                g.label_zh,
                o.input.label_zh,
                if met { "符合" } else { "不符合" },
                if met {
                    format!(" {eff_zh}{tail_zh}")
                } else {
                    String::new()
                }
            ),
            format!(
                "{}: {} — {}{}",
                g.label_en,
                o.input.label_en,
                if met { "met" } else { "not met" },
                if met {
                    format!(" {eff_en}{tail_en}")
                } else {
                    String::new()
                }
            ),
        ),
    );
    s.effect = match (tier_steps, factor) {
        (Some(n), _) => Some(format!("{n:+}")),
        (None, Some(f)) => Some(effect(additive, f).replace("× ", "×")),
        _ => None,
    };
    Some(s)
}
