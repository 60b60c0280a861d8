//! The safety-liability premium explainer (安责险保费测算) at the JS boundary.
//!
//! - [`PremiumRuleSet`] — a validated rule set (费率规则) from a built-in id or uploaded JSON:
//!   quotes one enterprise ([`PremiumQuote`], with its explained steps and a waterfall chart),
//!   compares with another rule set side by side, switches additive ↔ multiplicative, and
//!   prices a batch ([`PremiumBatch`]) from a CSV or from seeded synthetic enterprises.
//! - [`RiskMap::show_premium_layer`] colours the towns by a batch's 覆盖率, mean floating factor
//!   or total premium.
//! - Free functions: the catalogue, the sector list, the synthetic CSV, and the group accident
//!   cover for emergency staff (应急救援人员团体意外险).
//!
//! Money crosses as decimal strings (`rust_decimal`'s serde format), never as floats.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::convert::{draw_on_canvas, to_js, to_value, JsResult};
use super::{panic, RiskMap};
use crate::layers::{Classification, LayerSpec, PaintedLayer};
use crate::money::{format_cny_en, format_cny_zh};
use crate::premium::batch::{self, BatchResult, TownAggregate};
use crate::premium::{
    self, compare, emergency, synth, CombineInput, Enterprise, Quote, RuleSet, StepKind,
};
use crate::render::charts::{draw_waterfall, Step as ChartStep};
use crate::render::Lang;
use crate::Error;

/// The built-in rule sets for the picker: `[{id, name_zh, name_en, regime, status, combine_zh,
/// combine_en}]` (status: `verified` 已核实 / `secondary` 二手来源 / `illustrative` 示例).
#[wasm_bindgen(js_name = premiumRuleSets)]
pub fn premium_rule_sets() -> JsResult<JsValue> {
    panic::check()?;
    let cat = premium::builtin_catalogue().map_err(|e| to_js(&e))?;
    to_value(&cat)
}

/// The embedded JSON of a built-in rule set (费率规则), as a template for an uploaded one.
#[wasm_bindgen(js_name = premiumRuleSetJson)]
pub fn premium_rule_set_json(id: &str) -> JsResult<String> {
    panic::check()?;
    premium::builtin_json(id)
        .map(str::to_string)
        .ok_or_else(|| {
            to_js(&Error::InvalidInput(format!(
                "rules: unknown built-in rule set '{id}' (known: {})",
                premium::builtin_ids().join(", ")
            )))
        })
}

/// One sector (行业) the form offers.
#[derive(Serialize)]
struct SectorInfo {
    id: String,
    label_zh: String,
    label_en: String,
}

/// The sectors (行业) named by the built-in rule sets' base tables, in first-seen order:
/// `[{id, label_zh, label_en}]`.
#[wasm_bindgen(js_name = premiumSectors)]
pub fn premium_sectors() -> JsResult<JsValue> {
    panic::check()?;
    let mut out: Vec<SectorInfo> = Vec::new();
    for id in premium::builtin_ids() {
        let r = premium::builtin(id).map_err(|e| to_js(&e))?;
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
    to_value(&out)
}

/// Synthetic enterprises (合成企业数据, **not real**) as CSV text in the batch format: the same
/// seed gives the same rows natively and in the browser (`seed = 1, n = 2000` is the committed
/// `data/enterprises_synthetic.csv` without its comment line).
#[wasm_bindgen(js_name = premiumSyntheticCsv)]
pub fn premium_synthetic_csv(seed: u32, n: u32) -> JsResult<String> {
    panic::check()?;
    let n = synth::check_count(n).map_err(|e| to_js(&e))?;
    Ok(batch::to_csv(&synth::generate(u64::from(seed), n)))
}

/// Group accident cover for emergency staff (应急救援人员团体意外险): give `per_person`
/// (人均保费 × 人数 → total) or `total` (总保费 ÷ 人数 → per person), as decimal strings.
/// Returns `{headcount, per_person_exact, per_person, total, total_from_rounded}`, money as
/// strings. The 2020 example: 25,480 元 for 92 people → 276.96 元 per person.
#[wasm_bindgen(js_name = premiumGroupAccident)]
pub fn premium_group_accident(
    per_person: Option<String>,
    total: Option<String>,
    headcount: &str,
) -> JsResult<JsValue> {
    panic::check()?;
    let headcount = emergency::parse_headcount(headcount).map_err(|e| to_js(&e))?;
    let g = match (per_person.as_deref(), total.as_deref()) {
        (Some(p), None) => {
            let p = emergency::parse_amount("emergency.per_person", p).map_err(|e| to_js(&e))?;
            emergency::total_premium(p, headcount)
        }
        (None, Some(t)) => {
            let t = emergency::parse_amount("emergency.total", t).map_err(|e| to_js(&e))?;
            emergency::per_person_from_total(t, headcount)
        }
        _ => Err(Error::InvalidInput(
            "group accident: give exactly one of per_person and total".into(),
        )),
    }
    .map_err(|e| to_js(&e))?;
    to_value(&g)
}

/// The batch CSV template (批量测算模板) with the form's labels as headers, in `lang`
/// (`zh-CN` or `en`), and one example row.
#[wasm_bindgen(js_name = premiumCsvTemplate)]
pub fn premium_csv_template(lang: &str) -> JsResult<String> {
    panic::check()?;
    Ok(batch::template(lang))
}

/// The largest CSV upload in bytes (the view refuses bigger files before reading them).
#[wasm_bindgen(js_name = premiumCsvMaxBytes)]
pub fn premium_csv_max_bytes() -> usize {
    batch::MAX_CSV_BYTES
}

/// Rule-set details for the explainer panel.
#[derive(Serialize)]
struct RuleSetDetails<'a> {
    id: &'a str,
    name_zh: &'a str,
    name_en: &'a str,
    status: premium::Status,
    combine: &'static str,
    combine_zh: &'static str,
    combine_en: &'static str,
    /// Whether additive ↔ multiplicative can be toggled (not for tier ladders).
    combine_toggle: bool,
    band_min: Option<Decimal>,
    band_max: Option<Decimal>,
    min_per_person_limit: Option<Decimal>,
    prevention_share: Option<Decimal>,
    prevention_kind: Option<premium::PreventionKind>,
    notes_zh: &'a str,
    notes_en: &'a str,
}

/// A validated premium rule set (费率规则) in wasm memory. Call `free()` when done.
#[wasm_bindgen]
pub struct PremiumRuleSet {
    rules: RuleSet,
}

#[wasm_bindgen]
impl PremiumRuleSet {
    /// Loads a built-in rule set by id, or else parses `id_or_json` as rule-set JSON.
    /// Throws `NOT_JSON` / `INVALID_RULE_SET` with the path of the bad field.
    #[wasm_bindgen(constructor)]
    pub fn new(id_or_json: &str) -> JsResult<PremiumRuleSet> {
        panic::check()?;
        let rules = premium::load(id_or_json).map_err(|e| to_js(&e))?;
        Ok(PremiumRuleSet { rules })
    }

    /// The rule-set id (with a `+additive` / `+multiplicative` suffix after a mode switch).
    pub fn id(&self) -> String {
        self.rules.id().to_string()
    }

    /// Details for the panel: names, status badge, combination mode (组合方式) and whether it
    /// can be toggled, band (浮动上下限), minimum per-person limit, prevention share, notes.
    pub fn details(&self) -> JsResult<JsValue> {
        panic::check()?;
        let r = &self.rules;
        let (band_min, band_max) = r.band();
        let prevention = r.prevention();
        let combine = match r.combine() {
            premium::Combine::AdditiveOnBase => "additive_on_base",
            premium::Combine::Multiplicative => "multiplicative",
            premium::Combine::TierLadder { .. } => "tier_ladder",
        };
        to_value(&RuleSetDetails {
            id: r.id(),
            name_zh: r.name_zh(),
            name_en: r.name_en(),
            status: r.status(),
            combine,
            combine_zh: r.combine().name_zh(),
            combine_en: r.combine().name_en(),
            combine_toggle: combine != "tier_ladder",
            band_min,
            band_max,
            min_per_person_limit: r.min_per_person_limit(),
            prevention_share: prevention.map(|p| p.0),
            prevention_kind: prevention.map(|p| p.1),
            notes_zh: &r.input().notes_zh,
            notes_en: &r.input().notes_en,
        })
    }

    /// The same rule set with another combination mode: `"additive_on_base"` (加法) or
    /// `"multiplicative"` (乘法). Throws `INVALID_INPUT` for another mode, `INVALID_RULE_SET`
    /// when the options do not fit it.
    #[wasm_bindgen(js_name = withCombine)]
    pub fn with_combine(&self, mode: &str) -> JsResult<PremiumRuleSet> {
        panic::check()?;
        let c = match mode {
            "additive_on_base" => CombineInput::AdditiveOnBase,
            "multiplicative" => CombineInput::Multiplicative,
            other => {
                return Err(to_js(&Error::InvalidInput(format!(
                    "combine: '{other}' is not additive_on_base or multiplicative"
                ))))
            }
        };
        let rules = self.rules.with_combine(c).map_err(|e| to_js(&e))?;
        Ok(PremiumRuleSet { rules })
    }

    /// Quotes one enterprise (投保单位, JSON as `EnterpriseInput`) with every step explained.
    /// Throws `NOT_JSON` or `INVALID_INPUT` naming the field.
    pub fn quote(&self, enterprise_json: &str) -> JsResult<PremiumQuote> {
        panic::check()?;
        let e = Enterprise::from_json(enterprise_json).map_err(|e| to_js(&e))?;
        let quote = self.rules.quote(&e).map_err(|e| to_js(&e))?;
        let labels = step_labels(&self.rules);
        Ok(PremiumQuote { quote, labels })
    }

    /// Quotes one enterprise under this rule set and `other`, side by side:
    /// `[{rule_set_id, name_zh, name_en, quote | null, error_code | null, error | null}, …]`.
    /// A rule set that cannot price the enterprise gives an error column, not an exception.
    #[wasm_bindgen(js_name = compareWith)]
    pub fn compare_with(&self, other: &PremiumRuleSet, enterprise_json: &str) -> JsResult<JsValue> {
        panic::check()?;
        let e = Enterprise::from_json(enterprise_json).map_err(|e| to_js(&e))?;
        to_value(&compare(&[&self.rules, &other.rules], &e))
    }

    /// Prices a CSV of enterprises (批量测算). Bad rows are listed with line and field, never
    /// dropped silently; a CSV with a bad header throws `INVALID_INPUT`.
    #[wasm_bindgen(js_name = quoteCsv)]
    pub fn quote_csv(&self, csv: &str) -> JsResult<PremiumBatch> {
        panic::check()?;
        let result = batch::quote_csv(&self.rules, csv).map_err(|e| to_js(&e))?;
        Ok(PremiumBatch::new(result))
    }

    /// Prices a set of enterprises already in wasm memory (the benchmark's path).
    #[wasm_bindgen(js_name = quoteEnterprises)]
    pub fn quote_enterprises(&self, set: &PremiumEnterprises) -> PremiumBatch {
        PremiumBatch::new(batch::quote_enterprises(&self.rules, &set.items))
    }
}

/// A set of validated enterprises in wasm memory (e.g. 100,000 synthetic ones for the
/// benchmark), so that quoting can be timed apart from generating.
#[wasm_bindgen]
pub struct PremiumEnterprises {
    items: Vec<(usize, Enterprise)>,
}

#[wasm_bindgen]
impl PremiumEnterprises {
    /// `n` seeded synthetic enterprises (合成企业, not real), numbered from line 1.
    pub fn synthetic(seed: u32, n: u32) -> JsResult<PremiumEnterprises> {
        panic::check()?;
        let n = synth::check_count(n).map_err(|e| to_js(&e))?;
        let items = synth::generate(u64::from(seed), n)
            .iter()
            .enumerate()
            .map(|(i, input)| Enterprise::from_input(input).map(|e| (i.saturating_add(1), e)))
            .collect::<crate::Result<Vec<_>>>()
            .map_err(|e| to_js(&e))?;
        Ok(PremiumEnterprises { items })
    }

    /// Number of enterprises.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the set is empty.
    #[wasm_bindgen(js_name = isEmpty)]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// Short chart labels of a rule set's steps, by rule id (`group/option` → option label).
#[derive(Clone, Default)]
struct StepLabels {
    by_rule: BTreeMap<String, (String, String)>,
}

fn step_labels(r: &RuleSet) -> StepLabels {
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

/// A quote (报价) with its explanation, in wasm memory. Call `free()` when done.
#[wasm_bindgen]
pub struct PremiumQuote {
    quote: Quote,
    labels: StepLabels,
}

#[wasm_bindgen]
impl PremiumQuote {
    /// The premium (保费), 元, as a decimal string (e.g. `"24225.00"`).
    pub fn premium(&self) -> String {
        self.quote.premium.to_string()
    }

    /// The whole quote as a plain object: base premium, factors, premium, prevention line,
    /// limits, warnings and every step (`kind, rule, condition_met, applied, factor,
    /// running_factor, amount, status, text_zh, text_en`); money as decimal strings.
    #[wasm_bindgen(js_name = toJs)]
    pub fn to_js(&self) -> JsResult<JsValue> {
        panic::check()?;
        to_value(&self.quote)
    }

    /// The waterfall (瀑布图) from the base premium through each applied step (factor,
    /// group clamp, band, rounding, minimum) to the premium; amounts in 元.
    #[wasm_bindgen(js_name = waterfallSteps)]
    pub fn waterfall_steps(&self, lang: &str) -> JsResult<JsValue> {
        panic::check()?;
        #[derive(Serialize)]
        struct Row {
            label: String,
            value: f64,
            value_text: String,
            total: bool,
        }
        let rows: Vec<Row> = self
            .chart_steps(Lang::parse(lang))
            .into_iter()
            .map(|s| Row {
                label: s.label,
                value: s.value,
                value_text: s.value_text,
                total: s.total,
            })
            .collect();
        to_value(&rows)
    }

    /// Draws the waterfall on `canvas` (backing store sized `cssSize × dpr` by the caller).
    #[wasm_bindgen(js_name = drawWaterfall)]
    pub fn draw_waterfall(&self, canvas: HtmlCanvasElement, dpr: f64, lang: &str) -> JsResult<()> {
        panic::check()?;
        let lang = Lang::parse(lang);
        let steps = self.chart_steps(lang);
        let title = match lang {
            Lang::Zh => format!(
                "保费瀑布图 · {} · 保费 {}",
                self.quote.rule_set_name_zh,
                format_cny_zh(self.quote.premium)
            ),
            Lang::En => format!(
                "Premium waterfall · {} · premium {}",
                self.quote.rule_set_name_en,
                format_cny_en(self.quote.premium)
            ),
        };
        draw_on_canvas(canvas, |root| draw_waterfall(root, &title, &steps, dpr))
    }
}

fn f64_of(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(0.0)
}

fn signed_cny(d: Decimal, lang: Lang) -> String {
    let body = match lang {
        Lang::Zh => format_cny_zh(d.abs()),
        Lang::En => format_cny_en(d.abs()),
    };
    if d.is_sign_negative() && !d.is_zero() {
        format!("−{body}")
    } else {
        format!("+{body}")
    }
}

impl PremiumQuote {
    /// The chart bars: base (total), one bar per step that moved the premium, premium (total).
    /// Steps before the base (limits, per-head rounding) and the prevention amount (a share
    /// of the premium, not a change) are listed in the steps, not drawn as bars.
    fn chart_steps(&self, lang: Lang) -> Vec<ChartStep> {
        let money = |d: Decimal| match lang {
            Lang::Zh => format_cny_zh(d),
            Lang::En => format_cny_en(d),
        };
        let mut out = Vec::new();
        let mut running: Option<Decimal> = None;
        for s in &self.quote.steps {
            match s.kind {
                StepKind::Limit | StepKind::Prevention => continue,
                StepKind::Base => {
                    if let Some(a) = s.amount {
                        // A later base step (per-head → total) replaces the earlier level.
                        if running.is_some() {
                            out.pop();
                        }
                        out.push(ChartStep {
                            label: match lang {
                                Lang::Zh => "基准保费".into(),
                                Lang::En => "Base".into(),
                            },
                            value: f64_of(a),
                            value_text: money(a),
                            total: true,
                        });
                        running = Some(a);
                    }
                }
                StepKind::Premium => {
                    let p = self.quote.premium;
                    out.push(ChartStep {
                        label: match lang {
                            Lang::Zh => "保费".into(),
                            Lang::En => "Premium".into(),
                        },
                        value: f64_of(p),
                        value_text: money(p),
                        total: true,
                    });
                    running = Some(p);
                }
                _ => {
                    let (Some(prev), Some(a)) = (running, s.amount) else {
                        continue;
                    };
                    let delta = a - prev;
                    if delta.is_zero() {
                        continue;
                    }
                    let (zh, en) = self
                        .labels
                        .by_rule
                        .get(&s.rule)
                        .cloned()
                        .unwrap_or_else(|| match s.kind {
                            StepKind::Band => ("浮动上下限".into(), "Band".into()),
                            StepKind::Rounding => ("舍入".into(), "Rounding".into()),
                            StepKind::GroupCap => ("组内封顶".into(), "Group cap".into()),
                            StepKind::Minimum => ("最低保费".into(), "Minimum".into()),
                            StepKind::Tier => ("费率档次".into(), "Tier".into()),
                            StepKind::NoFloat => ("不浮动".into(), "No floating".into()),
                            _ => (s.rule.clone(), s.rule.clone()),
                        });
                    // Additive rule sets show ± percentages of the base, others × factors.
                    let factor = match s.kind {
                        StepKind::Factor | StepKind::GroupCap => s
                            .effect
                            .as_ref()
                            .map(|x| format!(" {x}"))
                            .unwrap_or_default(),
                        StepKind::PostMultiplier => s
                            .factor
                            .map(|f| format!(" ×{}", f.normalize()))
                            .unwrap_or_default(),
                        _ => String::new(),
                    };
                    out.push(ChartStep {
                        label: match lang {
                            Lang::Zh => format!("{zh}{factor}"),
                            Lang::En => format!("{en}{factor}"),
                        },
                        value: f64_of(delta),
                        value_text: signed_cny(delta, lang),
                        total: false,
                    });
                    running = Some(a);
                }
            }
        }
        out
    }
}

/// One town of a batch for the panel and the map (money as decimal strings).
#[derive(Serialize)]
struct BatchSummary<'a> {
    rule_set_id: &'a str,
    quoted: usize,
    errors: usize,
    insured: usize,
    compulsory: usize,
    total_premium: Decimal,
    insured_premium: Decimal,
    towns: &'a [TownAggregate],
}

/// A priced batch (批量测算) with its town aggregates (覆盖率, mean factor, total premium).
#[wasm_bindgen]
pub struct PremiumBatch {
    result: BatchResult,
    towns: Vec<TownAggregate>,
}

impl PremiumBatch {
    fn new(result: BatchResult) -> Self {
        let towns = batch::town_aggregates(&result);
        PremiumBatch { result, towns }
    }

    /// Town values for one map layer (`coverage`, `mean_factor`, `total_premium`), as f64
    /// for colouring only; towns without a value are left out (shown as 无数据).
    pub(crate) fn district_values(&self, kind: &str) -> crate::Result<BTreeMap<String, f64>> {
        let pick: fn(&TownAggregate) -> Option<Decimal> = match kind {
            "coverage" => |t| t.coverage,
            "mean_factor" => |t| t.mean_factor,
            "total_premium" => |t| Some(t.total_premium),
            other => {
                return Err(Error::InvalidInput(format!(
                    "premium layer: '{other}' is not coverage, mean_factor or total_premium"
                )))
            }
        };
        Ok(self
            .towns
            .iter()
            .filter_map(|t| pick(t).map(|v| (t.code.clone(), f64_of(v))))
            .collect())
    }
}

#[wasm_bindgen]
impl PremiumBatch {
    /// Counts and totals: `{rule_set_id, quoted, errors, insured, compulsory, total_premium,
    /// insured_premium, towns: [{code, name_zh, name_en, enterprises, insured, coverage,
    /// mean_factor, compulsory, compulsory_insured, compulsory_coverage, total_premium,
    /// insured_premium}]}`; money and ratios as decimal strings.
    pub fn summary(&self) -> JsResult<JsValue> {
        panic::check()?;
        let rows = &self.result.rows;
        to_value(&BatchSummary {
            rule_set_id: &self.result.rule_set_id,
            quoted: rows.len(),
            errors: self.result.errors.len(),
            insured: rows.iter().filter(|r| r.insured).count(),
            compulsory: rows.iter().filter(|r| r.summary.compulsory).count(),
            total_premium: rows.iter().map(|r| r.summary.premium).sum(),
            insured_premium: rows
                .iter()
                .filter(|r| r.insured)
                .map(|r| r.summary.premium)
                .sum(),
            towns: &self.towns,
        })
    }

    /// Row errors `[{line, field, code, message}]`, in file order (line 1 = the header).
    pub fn errors(&self) -> JsResult<JsValue> {
        panic::check()?;
        to_value(&self.result.errors)
    }

    /// Per-row results (逐行结果) as CSV in `lang`: every row in file order with its base
    /// premium, factor, premium and prevention amount (元), or its error (code, column as the
    /// template names it, message).
    #[wasm_bindgen(js_name = rowsCsv)]
    pub fn rows_csv(&self, lang: &str) -> JsResult<String> {
        panic::check()?;
        Ok(batch::rows_csv(&self.result, lang))
    }

    /// Number of quoted rows.
    pub fn quoted(&self) -> usize {
        self.result.rows.len()
    }

    /// The premium of quoted row `i` (0-based), 元, as a decimal string (for spot checks).
    #[wasm_bindgen(js_name = premiumAt)]
    pub fn premium_at(&self, i: usize) -> Option<String> {
        self.result
            .rows
            .get(i)
            .map(|r| r.summary.premium.to_string())
    }
}

#[wasm_bindgen]
impl RiskMap {
    /// Colours the towns by a premium batch: `kind` is `"coverage"` (安责险覆盖率, insured ÷
    /// quoted), `"mean_factor"` (平均浮动系数) or `"total_premium"` (保费合计, 元).
    #[wasm_bindgen(js_name = showPremiumLayer)]
    pub fn show_premium_layer(&mut self, run: &PremiumBatch, kind: &str) -> JsResult<()> {
        panic::check()?;
        let values = run.district_values(kind).map_err(|e| to_js(&e))?;
        let (title_zh, title_en, unit, scale, min, max, note_zh, note_en) = match kind {
            "coverage" => (
                "安责险覆盖率",
                "Safety-liability coverage",
                "%",
                100.0,
                Some(0.0),
                Some(1.0),
                "已投保企业 ÷ 参与测算企业（错误行不计）",
                "Insured ÷ quoted enterprises (rows with errors not counted)",
            ),
            "mean_factor" => (
                "平均浮动系数",
                "Mean floating factor",
                "×",
                1.0,
                None,
                None,
                "各企业浮动系数（上下限后）的平均值",
                "Mean of the enterprises' factors after the band",
            ),
            _ => (
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
        let spec = LayerSpec {
            id: format!("premium_{kind}"),
            attribute: format!("premium_{kind}"),
            title_zh: title_zh.into(),
            title_en: title_en.into(),
            unit: unit.into(),
            display_scale: scale,
            classification: Classification::Ramp { min, max },
            range_labels: None,
            note_zh: note_zh.into(),
            note_en: note_en.into(),
        };
        self.painted = PaintedLayer::from_values(&spec, &self.layer, &values);
        self.model_layer = Some((spec, values));
        self.view.overlays = Vec::new();
        Ok(())
    }
}
