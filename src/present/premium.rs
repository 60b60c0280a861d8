//! Presentation of the premium view (安责险保费测算): what the panel, the waterfall (瀑布图),
//! the batch summary and the town layers show, from the engine's [`Quote`], [`RuleSet`] and
//! [`BatchResult`]. Plain Rust, tested natively; `web::premium` only converts (issue 10).
//!
//! Every amount shown goes through the one money formatter (`crate::money`): summaries as
//! `format_cny` (元/万元/亿元), the waterfall's bars in exact 元 (`format_yuan`, changes signed by
//! `format_yuan_signed`) so that they add up as the reader checks them (docs/premium.md §6).

use std::collections::BTreeMap;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::layers::{Classification, LayerSpec};
use crate::money::{format_cny, format_yuan, format_yuan_signed};
use crate::premium::batch::{BatchResult, TownAggregate};
use crate::premium::{self, Combine, PreventionKind, Quote, RuleSet, Status, StepKind};
use crate::render::charts::Step as ChartStep;
use crate::render::Lang;
use crate::{Error, Result};

/// A decimal as f64 for drawing only (bar lengths, colour ramps); text never comes from it.
pub fn f64_of(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// One sector (行业) the enterprise form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectorInfo {
    /// Sector id as the rule sets' base tables name it (`manufacturing` …).
    pub id: String,
    /// Chinese label.
    pub label_zh: String,
    /// English label.
    pub label_en: String,
}

/// The sectors (行业) named by the built-in rule sets' base tables, in first-seen order.
///
/// # Errors
/// Only if a built-in rule set fails to load (a build defect).
pub fn sectors() -> Result<Vec<SectorInfo>> {
    let mut out: Vec<SectorInfo> = Vec::new();
    for id in premium::builtin_ids() {
        let r = premium::builtin(id)?;
        for d in r.input().base.dims.iter().filter(|d| d.field == "sector") {
            for v in d.values.iter().flatten() {
                if !out.iter().any(|s| s.id == v.id) {
                    out.push(SectorInfo {
                        id: v.id.clone(),
                        label_zh: v.label_zh.clone(),
                        label_en: v.label_en.clone(),
                    });
                }
            }
        }
    }
    Ok(out)
}

/// Rule-set details (费率规则说明) for the explainer panel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleSetDetails<'a> {
    /// Rule-set id (with a `+additive` / `+multiplicative` suffix after a mode switch).
    pub id: &'a str,
    /// Chinese name.
    pub name_zh: &'a str,
    /// English name.
    pub name_en: &'a str,
    /// Evidence badge: verified 已核实 / secondary 二手来源 / illustrative 示例.
    pub status: Status,
    /// Combination mode (组合方式): `additive_on_base`, `multiplicative` or `tier_ladder`.
    pub combine: &'static str,
    /// Combination mode, Chinese.
    pub combine_zh: &'static str,
    /// Combination mode, English.
    pub combine_en: &'static str,
    /// Whether additive ↔ multiplicative can be toggled (not for tier ladders).
    pub combine_toggle: bool,
    /// Lower bound of the total factor (浮动下限), if any.
    pub band_min: Option<Decimal>,
    /// Upper bound of the total factor (浮动上限), if any.
    pub band_max: Option<Decimal>,
    /// Minimum per-person limit (每人责任限额下限), 元.
    pub min_per_person_limit: Option<Decimal>,
    /// Share of the premium for prevention services (事故预防服务费用比例).
    pub prevention_share: Option<Decimal>,
    /// Whether that share is a cap, a floor or exact.
    pub prevention_kind: Option<PreventionKind>,
    /// Notes, Chinese.
    pub notes_zh: &'a str,
    /// Notes, English.
    pub notes_en: &'a str,
}

/// The details of a rule set for the panel.
pub fn rule_set_details(r: &RuleSet) -> RuleSetDetails<'_> {
    let (band_min, band_max) = r.band();
    let prevention = r.prevention();
    let combine = match r.combine() {
        Combine::AdditiveOnBase => "additive_on_base",
        Combine::Multiplicative => "multiplicative",
        Combine::TierLadder { .. } => "tier_ladder",
    };
    RuleSetDetails {
        id: r.id(),
        name_zh: r.name_zh(),
        name_en: r.name_en(),
        status: r.status(),
        combine,
        combine_zh: r.combine().name_zh(),
        combine_en: r.combine().name_en(),
        combine_toggle: !matches!(r.combine(), Combine::TierLadder { .. }),
        band_min,
        band_max,
        min_per_person_limit: r.min_per_person_limit(),
        prevention_share: prevention.map(|p| p.0),
        prevention_kind: prevention.map(|p| p.1),
        notes_zh: &r.input().notes_zh,
        notes_en: &r.input().notes_en,
    }
}

/// Short chart labels of a rule set's steps, by rule id (`group/option` → option label,
/// post-multiplier id → its label), Chinese and English.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StepLabels {
    by_rule: BTreeMap<String, (String, String)>,
}

impl StepLabels {
    /// The label of a rule id in `lang`, if the rule set names it.
    pub fn get(&self, rule: &str, lang: Lang) -> Option<&str> {
        self.by_rule.get(rule).map(|(zh, en)| match lang {
            Lang::Zh => zh.as_str(),
            Lang::En => en.as_str(),
        })
    }
}

/// The short labels of every factor option and post-multiplier of `r`.
pub fn step_labels(r: &RuleSet) -> StepLabels {
    let mut by_rule = BTreeMap::new();
    for g in &r.input().factor_groups {
        for o in &g.options {
            by_rule.insert(
                format!("{}/{}", g.id, o.id),
                (o.label_zh.clone(), o.label_en.clone()),
            );
        }
    }
    for p in &r.input().base.post_multipliers {
        by_rule.insert(p.id.clone(), (p.label_zh.clone(), p.label_en.clone()));
    }
    StepLabels { by_rule }
}

/// One bar of the premium waterfall (保费瀑布图): a total (基准保费, 保费) drawn from zero or a
/// signed change, in 元.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaterfallBar {
    /// Label: `基准保费`, the option's label with its effect (`市级荣誉 −10%`, `×1.2`), `保费`.
    pub label: String,
    /// The level (totals) or the change (steps), 元, for drawing only.
    pub value: f64,
    /// The text beside the bar: exact 元 (`money::format_yuan`), signed for changes.
    pub value_text: String,
    /// A total bar rather than a change.
    pub total: bool,
}

impl WaterfallBar {
    /// The bar as the chart renderer takes it.
    pub fn chart_step(&self) -> ChartStep {
        ChartStep {
            label: self.label.clone(),
            value: self.value,
            value_text: self.value_text.clone(),
            total: self.total,
        }
    }
}

/// The premium waterfall: its title and bars.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Waterfall {
    /// Chart title: rule set and premium.
    pub title: String,
    /// Bars in order: base, each step that moved the premium, premium.
    pub bars: Vec<WaterfallBar>,
}

/// The label of a step the rule set does not name (band, rounding…), by its kind.
fn kind_label(kind: StepKind, rule: &str, lang: Lang) -> String {
    let (zh, en) = match kind {
        StepKind::Band => ("浮动上下限", "Band"),
        StepKind::Rounding => ("舍入", "Rounding"),
        StepKind::GroupCap => ("组内封顶", "Group cap"),
        StepKind::Minimum => ("最低保费", "Minimum"),
        StepKind::Tier => ("费率档次", "Tier"),
        StepKind::NoFloat => ("不浮动", "No floating"),
        _ => (rule, rule),
    };
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

/// The waterfall of a quote: base (total), one bar per step that moved the premium, premium
/// (total). Steps before the base (limits, per-head rounding) and the prevention amount (a
/// share of the premium, not a change) are in the steps table, not drawn as bars; a later
/// base step (per head → total) replaces the earlier level. Additive rule sets label their
/// options with ± percentages of the base, others with × factors (docs/premium.md §2).
///
/// # Errors
/// `OUT_OF_RANGE` if a step's change overflows (amounts beyond any premium).
pub fn waterfall(q: &Quote, labels: &StepLabels, lang: Lang) -> Result<Waterfall> {
    let mut bars = Vec::new();
    let mut running: Option<Decimal> = None;
    let total = |label: &str, amount: Decimal| WaterfallBar {
        label: label.to_string(),
        value: f64_of(amount),
        // Exact 元 on every bar, so the reader can add them up (one unit in one chart).
        value_text: format_yuan(amount, lang),
        total: true,
    };
    for s in &q.steps {
        match s.kind {
            StepKind::Limit | StepKind::Prevention => {}
            StepKind::Base => {
                if let Some(a) = s.amount {
                    if running.is_some() {
                        bars.pop();
                    }
                    bars.push(total(text(lang, "基准保费", "Base"), a));
                    running = Some(a);
                }
            }
            StepKind::Premium => {
                bars.push(total(text(lang, "保费", "Premium"), q.premium));
                running = Some(q.premium);
            }
            _ => {
                let (Some(prev), Some(a)) = (running, s.amount) else {
                    continue;
                };
                let delta = a.checked_sub(prev).ok_or_else(|| {
                    Error::out_of_range(
                        "premium.waterfall",
                        "瀑布图：步骤金额超出可表示范围",
                        "waterfall: a step's change is out of range",
                    )
                })?;
                if delta.is_zero() {
                    continue;
                }
                let name = labels
                    .get(&s.rule, lang)
                    .map_or_else(|| kind_label(s.kind, &s.rule, lang), str::to_string);
                let effect = match s.kind {
                    StepKind::Factor | StepKind::GroupCap => {
                        s.effect.as_ref().map(|x| format!(" {x}"))
                    }
                    StepKind::PostMultiplier => s.factor.map(|f| format!(" ×{}", f.normalize())),
                    _ => None,
                };
                bars.push(WaterfallBar {
                    label: format!("{name}{}", effect.unwrap_or_default()),
                    value: f64_of(delta),
                    value_text: format_yuan_signed(delta, lang),
                    total: false,
                });
                running = Some(a);
            }
        }
    }
    let title = match lang {
        Lang::Zh => format!(
            "保费瀑布图 · {} · 保费 {}",
            q.rule_set_name_zh,
            format_cny(q.premium, lang)
        ),
        Lang::En => format!(
            "Premium waterfall · {} · premium {}",
            q.rule_set_name_en,
            format_cny(q.premium, lang)
        ),
    };
    Ok(Waterfall { title, bars })
}

/// `zh` or `en` by language.
fn text<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Counts and totals of a batch (批量测算) for the panel and the map; money as decimals (元).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchSummary<'a> {
    /// Rule-set id.
    pub rule_set_id: &'a str,
    /// Rows quoted.
    pub quoted: usize,
    /// Rows with errors (listed, never dropped).
    pub errors: usize,
    /// Quoted rows insured now.
    pub insured: usize,
    /// Quoted rows in compulsory sectors (强制投保行业).
    pub compulsory: usize,
    /// 测算保费合计 — total quoted premium, insured or not, 元.
    pub total_premium: Decimal,
    /// Premium of the insured rows, 元.
    pub insured_premium: Decimal,
    /// Per-town aggregates.
    pub towns: &'a [TownAggregate],
}

/// The summary of a priced batch with its town aggregates.
///
/// # Errors
/// `OUT_OF_RANGE` if the premiums' sum overflows.
pub fn batch_summary<'a>(
    result: &'a BatchResult,
    towns: &'a [TownAggregate],
) -> Result<BatchSummary<'a>> {
    let rows = &result.rows;
    let sum = |insured_only: bool| {
        rows.iter()
            .filter(|r| r.insured || !insured_only)
            .try_fold(Decimal::ZERO, |acc, r| acc.checked_add(r.summary.premium))
            .ok_or_else(|| {
                Error::out_of_range(
                    "csv",
                    "保费合计超出可表示范围",
                    "the batch's total premium is out of range",
                )
            })
    };
    Ok(BatchSummary {
        rule_set_id: &result.rule_set_id,
        quoted: rows.len(),
        errors: result.errors.len(),
        insured: rows.iter().filter(|r| r.insured).count(),
        compulsory: rows.iter().filter(|r| r.summary.compulsory).count(),
        total_premium: sum(false)?,
        insured_premium: sum(true)?,
        towns,
    })
}

/// The town layers of a batch (批量测算图层).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PremiumLayer {
    /// 安责险覆盖率: insured ÷ quoted enterprises.
    Coverage,
    /// 平均浮动系数: mean factor after the band.
    MeanFactor,
    /// 测算保费合计: total quoted premium, 元.
    TotalPremium,
}

impl PremiumLayer {
    /// Parses `coverage`, `mean_factor` or `total_premium`.
    ///
    /// # Errors
    /// `INVALID_INPUT` on field `premium.layer` for anything else.
    pub fn parse(kind: &str) -> Result<PremiumLayer> {
        match kind {
            "coverage" => Ok(PremiumLayer::Coverage),
            "mean_factor" => Ok(PremiumLayer::MeanFactor),
            "total_premium" => Ok(PremiumLayer::TotalPremium),
            other => Err(Error::invalid_field(
                "premium.layer",
                format!(
                    "图层须为 coverage、mean_factor 或 total_premium，收到 {:.32}",
                    other
                ),
                format!(
                    "premium layer must be coverage, mean_factor or total_premium; got '{:.32}'",
                    other
                ),
            )),
        }
    }

    /// The id used in the API (`coverage` …).
    pub fn id(self) -> &'static str {
        match self {
            PremiumLayer::Coverage => "coverage",
            PremiumLayer::MeanFactor => "mean_factor",
            PremiumLayer::TotalPremium => "total_premium",
        }
    }

    /// What the layer shows: title, unit, scale, ramp and note.
    pub fn spec(self) -> LayerSpec {
        let (title_zh, title_en, unit, scale, min, max, note_zh, note_en) = match self {
            PremiumLayer::Coverage => (
                "安责险覆盖率",
                "Safety-liability coverage",
                "%",
                100.0,
                Some(0.0),
                Some(1.0),
                "已投保企业 ÷ 参与测算企业（错误行不计）",
                "Insured ÷ quoted enterprises (rows with errors not counted)",
            ),
            PremiumLayer::MeanFactor => (
                "平均浮动系数",
                "Mean floating factor",
                "×",
                1.0,
                None,
                None,
                "各企业浮动系数（上下限后）的平均值",
                "Mean of the enterprises' factors after the band",
            ),
            PremiumLayer::TotalPremium => (
                "测算保费合计",
                "Total premium quoted",
                "元",
                1.0,
                Some(0.0),
                None,
                "按所选费率规则测算的保费之和（含未投保企业）",
                "Sum of quoted premiums under the chosen rule set (insured or not)",
            ),
        };
        LayerSpec {
            id: format!("premium_{}", self.id()),
            attribute: format!("premium_{}", self.id()),
            title_zh: title_zh.into(),
            title_en: title_en.into(),
            unit: unit.into(),
            display_scale: scale,
            classification: Classification::Ramp { min, max },
            range_labels: None,
            note_zh: note_zh.into(),
            note_en: note_en.into(),
        }
    }

    /// Town values for colouring (f64, drawing only); towns without a value are left out
    /// (shown as 无数据).
    pub fn values(self, towns: &[TownAggregate]) -> BTreeMap<String, f64> {
        towns
            .iter()
            .filter_map(|t| {
                let v = match self {
                    PremiumLayer::Coverage => t.coverage,
                    PremiumLayer::MeanFactor => t.mean_factor,
                    PremiumLayer::TotalPremium => Some(t.total_premium),
                };
                v.map(|v| (t.code.clone(), f64_of(v)))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::premium::{builtin, Enterprise};

    /// The documented Fuyang example: 28,500 × (1 − 10 % − 5 %) = 24,225 (docs/premium.md).
    const FUYANG: &str = r#"{"name": "示例制造厂", "town_code": "442000107",
        "sector": "manufacturing", "headcount": 100, "per_person_limit": "500000",
        "honours": "city", "quote_year": 2025}"#;

    fn fuyang_quote() -> (RuleSet, Quote) {
        let r = builtin("fuyang").unwrap();
        let q = r.quote(&Enterprise::from_json(FUYANG).unwrap()).unwrap();
        (r, q)
    }

    #[test]
    fn the_fuyang_waterfall_reads_as_arithmetic_in_both_languages() {
        let (r, q) = fuyang_quote();
        let labels = step_labels(&r);
        let zh = waterfall(&q, &labels, Lang::Zh).unwrap();
        let en = waterfall(&q, &labels, Lang::En).unwrap();
        // base, 市级荣誉 −10 %, 无事故 −5 %, premium.
        assert_eq!(zh.bars.len(), 4, "{zh:?}");
        assert_eq!(en.bars.len(), 4);
        let totals: Vec<bool> = zh.bars.iter().map(|b| b.total).collect();
        assert_eq!(totals, [true, false, false, true]);
        assert_eq!(zh.bars[0].label, "基准保费");
        assert_eq!(en.bars[0].label, "Base");
        assert_eq!(zh.bars[3].label, "保费");
        assert_eq!(en.bars[3].label, "Premium");
        // Every bar in exact 元 (one unit, so they add up): totals plain, changes signed.
        assert_eq!(zh.bars[0].value_text, "28,500.00元");
        assert_eq!(en.bars[0].value_text, "CNY 28,500.00");
        assert_eq!(zh.bars[3].value_text, "24,225.00元");
        assert_eq!(en.bars[3].value_text, "CNY 24,225.00");
        let mut changes: Vec<&str> = en.bars[1..3]
            .iter()
            .map(|b| b.value_text.as_str())
            .collect();
        changes.sort_unstable();
        assert_eq!(changes, ["−CNY 1,425.00", "−CNY 2,850.00"]);
        let mut zh_changes: Vec<String> =
            zh.bars[1..3].iter().map(|b| b.value_text.clone()).collect();
        zh_changes.sort_unstable();
        assert_eq!(zh_changes, ["−1,425.00元", "−2,850.00元"]);
        // The changes add up: base + steps = premium.
        let sum: f64 = zh.bars[1..3].iter().map(|b| b.value).sum();
        assert!((zh.bars[0].value + sum - zh.bars[3].value).abs() < 1e-9);
        assert!(zh.bars[1..3].iter().all(|b| b.value < 0.0));
        // Additive rule set: options labelled with ± percentages of the base.
        assert!(
            zh.bars[1..3].iter().any(|b| b.label.ends_with(" −10%")),
            "{zh:?}"
        );
        assert!(zh.bars[1..3].iter().any(|b| b.label.ends_with(" −5%")));
        assert!(
            zh.title.starts_with("保费瀑布图 · ")
                && zh.title.ends_with(&format_cny(q.premium, Lang::Zh))
        );
        assert!(en.title.ends_with("premium CNY 24,225.00"), "{}", en.title);
    }

    #[test]
    fn a_multiplicative_waterfall_labels_factors_and_still_adds_up() {
        let r = builtin("fuyang")
            .unwrap()
            .with_combine(crate::premium::CombineInput::Multiplicative)
            .unwrap();
        let q = r.quote(&Enterprise::from_json(FUYANG).unwrap()).unwrap();
        let w = waterfall(&q, &step_labels(&r), Lang::En).unwrap();
        let last = w.bars.last().unwrap();
        assert!(last.total);
        assert_eq!(last.value_text, format_yuan(q.premium, Lang::En));
        let sum: f64 = w.bars[1..w.bars.len() - 1].iter().map(|b| b.value).sum();
        // Rounding to the fen may leave a sub-fen rest between the exact steps and the premium.
        assert!((w.bars[0].value + sum - last.value).abs() < 0.01, "{w:?}");
        assert!(
            w.bars.iter().any(|b| b.label.contains('×')),
            "multiplicative steps show × factors: {w:?}"
        );
    }

    #[test]
    fn details_and_sectors_describe_the_rule_sets() {
        let (r, _) = fuyang_quote();
        let det = rule_set_details(&r);
        assert_eq!(det.id, "fuyang");
        assert_eq!(det.combine, "additive_on_base");
        assert!(det.combine_toggle);
        let ladder = builtin("work-injury-71").unwrap();
        let dl = rule_set_details(&ladder);
        assert_eq!(dl.combine, "tier_ladder");
        assert!(!dl.combine_toggle);
        let s = sectors().unwrap();
        assert!(s.iter().any(|x| x.id == "manufacturing"));
        let mut ids: Vec<&str> = s.iter().map(|x| x.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), s.len(), "each sector once");
    }

    #[test]
    fn the_batch_summary_counts_and_sums_exactly() {
        let r = builtin("zhongshan-illustrative").unwrap();
        let csv = crate::premium::batch::to_csv(&crate::premium::synth::generate(3, 60));
        let res = crate::premium::batch::quote_csv(&r, &csv).unwrap();
        let towns = crate::premium::batch::town_aggregates(&res);
        let s = batch_summary(&res, &towns).unwrap();
        assert_eq!(s.quoted, res.rows.len());
        assert_eq!(s.quoted + s.errors, 60);
        let total: Decimal = res.rows.iter().map(|r| r.summary.premium).sum();
        let insured: Decimal = res
            .rows
            .iter()
            .filter(|r| r.insured)
            .map(|r| r.summary.premium)
            .sum();
        assert_eq!(s.total_premium, total);
        assert_eq!(s.insured_premium, insured);
        assert!(s.insured_premium <= s.total_premium);
        let town_total: Decimal = towns.iter().map(|t| t.total_premium).sum();
        assert_eq!(town_total, total, "the towns add up to the batch");
        // Layers: coverage in 0…1, premium values equal the towns' totals.
        let cov = PremiumLayer::parse("coverage").unwrap().values(&towns);
        assert!(cov.values().all(|v| (0.0..=1.0).contains(v)));
        let tp = PremiumLayer::TotalPremium.values(&towns);
        assert_eq!(tp.len(), towns.len());
        assert_eq!(PremiumLayer::TotalPremium.spec().unit, "元");
        assert_eq!(PremiumLayer::Coverage.spec().id, "premium_coverage");
        let e = PremiumLayer::parse("nope").unwrap_err();
        assert_eq!(e.code(), "INVALID_INPUT");
    }
}
