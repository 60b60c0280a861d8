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
//! Money crosses as decimal strings (`rust_decimal`'s serde format), never as floats. What is
//! shown (details, waterfall, batch summary, town layers) is decided in
//! [`crate::present::premium`]; this file only converts, and every export is guarded by
//! [`exports!`](crate::exports).

use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::convert::{draw_on_canvas, to_value};
use super::RiskMap;
use crate::layers::PaintedLayer;
use crate::premium::batch::{self, BatchResult, TownAggregate};
use crate::premium::{self, compare, emergency, synth, CombineInput, Enterprise, Quote, RuleSet};
use crate::present::premium::{
    batch_summary, rule_set_details, sectors, step_labels, waterfall, PremiumLayer, StepLabels,
};
use crate::render::charts::{draw_waterfall, Step as ChartStep};
use crate::render::Lang;
use crate::Error;

exports! { fn
    /// The built-in rule sets for the picker: `[{id, name_zh, name_en, regime, status,
    /// combine_zh, combine_en}]` (status: `verified` 已核实 / `secondary` 二手来源 /
    /// `illustrative` 示例).
    #[wasm_bindgen(js_name = premiumRuleSets)]
    pub fn premium_rule_sets() -> Result<JsValue> {
        Ok(to_value(&premium::builtin_catalogue()?)?)
    }

    /// The embedded JSON of a built-in rule set (费率规则), as a template for an uploaded one.
    #[wasm_bindgen(js_name = premiumRuleSetJson)]
    pub fn premium_rule_set_json(id: &str) -> Result<String> {
        let json = premium::builtin_json(id).ok_or_else(|| {
            Error::InvalidInput(format!(
                "rules: unknown built-in rule set '{id}' (known: {})",
                premium::builtin_ids().join(", ")
            ))
        })?;
        Ok(json.to_string())
    }

    /// The sectors (行业) named by the built-in rule sets' base tables, in first-seen order:
    /// `[{id, label_zh, label_en}]`.
    #[wasm_bindgen(js_name = premiumSectors)]
    pub fn premium_sectors() -> Result<JsValue> {
        Ok(to_value(&sectors()?)?)
    }

    /// Synthetic enterprises (合成企业数据, **not real**) as CSV text in the batch format: the
    /// same seed gives the same rows natively and in the browser (`seed = 1, n = 2000` is the
    /// committed `data/enterprises_synthetic.csv` without its comment line).
    #[wasm_bindgen(js_name = premiumSyntheticCsv)]
    pub fn premium_synthetic_csv(seed: u32, n: u32) -> Result<String> {
        let n = synth::check_count(n)?;
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
    ) -> Result<JsValue> {
        let headcount = emergency::parse_headcount(headcount)?;
        let g = match (per_person.as_deref(), total.as_deref()) {
            (Some(p), None) => emergency::total_premium(
                emergency::parse_amount("emergency.per_person", p)?,
                headcount,
            )?,
            (None, Some(t)) => emergency::per_person_from_total(
                emergency::parse_amount("emergency.total", t)?,
                headcount,
            )?,
            _ => {
                return Err(Error::InvalidInput(
                    "group accident: give exactly one of per_person and total".into(),
                )
                .into())
            }
        };
        Ok(to_value(&g)?)
    }

    /// The batch CSV template (批量测算模板) with the form's labels as headers, in `lang`
    /// (`zh-CN` or `en`), and one example row.
    #[wasm_bindgen(js_name = premiumCsvTemplate)]
    pub fn premium_csv_template(lang: &str) -> Result<String> {
        Ok(batch::template(lang))
    }

    /// The largest CSV upload in bytes (the view refuses bigger files before reading them).
    #[wasm_bindgen(js_name = premiumCsvMaxBytes)]
    pub fn premium_csv_max_bytes() -> Result<usize> {
        Ok(batch::MAX_CSV_BYTES)
    }
}

/// A validated premium rule set (费率规则) in wasm memory. Call `free()` when done.
#[wasm_bindgen]
pub struct PremiumRuleSet {
    rules: RuleSet,
}

exports! {
impl PremiumRuleSet {
    /// Loads a built-in rule set by id, or else parses `id_or_json` as rule-set JSON.
    /// Throws `NOT_JSON` / `INVALID_RULE_SET` with the path of the bad field.
    #[wasm_bindgen(constructor)]
    pub fn new(id_or_json: &str) -> Result<PremiumRuleSet> {
        Ok(PremiumRuleSet {
            rules: premium::load(id_or_json)?,
        })
    }

    /// The rule-set id (with a `+additive` / `+multiplicative` suffix after a mode switch).
    pub fn id(&self) -> Result<String> {
        Ok(self.rules.id().to_string())
    }

    /// Details for the panel: names, status badge, combination mode (组合方式) and whether it
    /// can be toggled, band (浮动上下限), minimum per-person limit, prevention share, notes.
    pub fn details(&self) -> Result<JsValue> {
        Ok(to_value(&rule_set_details(&self.rules))?)
    }

    /// The same rule set with another combination mode: `"additive_on_base"` (加法) or
    /// `"multiplicative"` (乘法). Throws `INVALID_INPUT` for another mode, `INVALID_RULE_SET`
    /// when the options do not fit it.
    #[wasm_bindgen(js_name = withCombine)]
    pub fn with_combine(&self, mode: &str) -> Result<PremiumRuleSet> {
        let c = match mode {
            "additive_on_base" => CombineInput::AdditiveOnBase,
            "multiplicative" => CombineInput::Multiplicative,
            other => {
                return Err(Error::InvalidInput(format!(
                    "combine: '{other}' is not additive_on_base or multiplicative"
                ))
                .into())
            }
        };
        Ok(PremiumRuleSet {
            rules: self.rules.with_combine(c)?,
        })
    }

    /// Quotes one enterprise (投保单位, JSON as `EnterpriseInput`) with every step explained.
    /// Throws `NOT_JSON` or `INVALID_INPUT` naming the field.
    pub fn quote(&self, enterprise_json: &str) -> Result<PremiumQuote> {
        let e = Enterprise::from_json(enterprise_json)?;
        Ok(PremiumQuote {
            quote: self.rules.quote(&e)?,
            labels: step_labels(&self.rules),
        })
    }

    /// Quotes one enterprise under this rule set and `other`, side by side:
    /// `[{rule_set_id, name_zh, name_en, quote | null, error_code | null, error | null}, …]`.
    /// A rule set that cannot price the enterprise gives an error column, not an exception.
    #[wasm_bindgen(js_name = compareWith)]
    pub fn compare_with(&self, other: &PremiumRuleSet, enterprise_json: &str) -> Result<JsValue> {
        let e = Enterprise::from_json(enterprise_json)?;
        Ok(to_value(&compare(&[&self.rules, &other.rules], &e))?)
    }

    /// Prices a CSV of enterprises (批量测算). Bad rows are listed with line and field, never
    /// dropped silently; a CSV with a bad header throws `INVALID_INPUT`.
    #[wasm_bindgen(js_name = quoteCsv)]
    pub fn quote_csv(&self, csv: &str) -> Result<PremiumBatch> {
        Ok(PremiumBatch::new(batch::quote_csv(&self.rules, csv)?))
    }

    /// Prices a set of enterprises already in wasm memory (the benchmark's path).
    #[wasm_bindgen(js_name = quoteEnterprises)]
    pub fn quote_enterprises(&self, set: &PremiumEnterprises) -> Result<PremiumBatch> {
        Ok(PremiumBatch::new(batch::quote_enterprises(
            &self.rules,
            &set.items,
        )))
    }
}
}

/// A set of validated enterprises in wasm memory (e.g. 100,000 synthetic ones for the
/// benchmark), so that quoting can be timed apart from generating.
#[wasm_bindgen]
pub struct PremiumEnterprises {
    items: Vec<(usize, Enterprise)>,
}

exports! {
impl PremiumEnterprises {
    /// `n` seeded synthetic enterprises (合成企业, not real), numbered from line 1.
    pub fn synthetic(seed: u32, n: u32) -> Result<PremiumEnterprises> {
        let n = synth::check_count(n)?;
        let items = synth::generate(u64::from(seed), n)
            .iter()
            .enumerate()
            .map(|(i, input)| Enterprise::from_input(input).map(|e| (i.saturating_add(1), e)))
            .collect::<crate::Result<Vec<_>>>()?;
        Ok(PremiumEnterprises { items })
    }

    /// Number of enterprises.
    pub fn len(&self) -> Result<usize> {
        Ok(self.items.len())
    }

    /// Whether the set is empty.
    #[wasm_bindgen(js_name = isEmpty)]
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.items.is_empty())
    }
}
}

/// A quote (报价) with its explanation, in wasm memory. Call `free()` when done.
#[wasm_bindgen]
pub struct PremiumQuote {
    quote: Quote,
    labels: StepLabels,
}

exports! {
impl PremiumQuote {
    /// The premium (保费), 元, as a decimal string (e.g. `"24225.00"`).
    pub fn premium(&self) -> Result<String> {
        Ok(self.quote.premium.to_string())
    }

    /// The whole quote as a plain object: base premium, factors, premium, prevention line,
    /// limits, warnings and every step (`kind, rule, condition_met, applied, factor,
    /// running_factor, amount, status, text_zh, text_en`); money as decimal strings.
    #[wasm_bindgen(js_name = toJs)]
    pub fn to_js(&self) -> Result<JsValue> {
        Ok(to_value(&self.quote)?)
    }

    /// The waterfall (瀑布图) bars `[{label, value, value_text, total}]` from the base premium
    /// through each applied step (factor, group clamp, band, rounding, minimum) to the
    /// premium; `value` in 元 (drawing only), `value_text` through the one money formatter.
    #[wasm_bindgen(js_name = waterfallSteps)]
    pub fn waterfall_steps(&self, lang: &str) -> Result<JsValue> {
        let w = waterfall(&self.quote, &self.labels, Lang::parse(lang))?;
        Ok(to_value(&w.bars)?)
    }

    /// Draws the waterfall on `canvas` (backing store sized `cssSize × dpr` by the caller).
    #[wasm_bindgen(js_name = drawWaterfall)]
    pub fn draw_waterfall(&self, canvas: HtmlCanvasElement, dpr: f64, lang: &str) -> Result<()> {
        let w = waterfall(&self.quote, &self.labels, Lang::parse(lang))?;
        let steps: Vec<ChartStep> = w.bars.iter().map(|b| b.chart_step()).collect();
        Ok(draw_on_canvas(canvas, false, |root| {
            draw_waterfall(root, &w.title, &steps, dpr)
        })?)
    }
}
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
}

exports! {
impl PremiumBatch {
    /// Counts and totals: `{rule_set_id, quoted, errors, insured, compulsory, total_premium,
    /// insured_premium, towns: [{code, name_zh, name_en, enterprises, insured, coverage,
    /// mean_factor, compulsory, compulsory_insured, compulsory_coverage, total_premium,
    /// insured_premium}]}`; money and ratios as decimal strings.
    pub fn summary(&self) -> Result<JsValue> {
        Ok(to_value(&batch_summary(&self.result, &self.towns)?)?)
    }

    /// Row errors `[{line, field, code, message}]`, in file order (line 1 = the header).
    pub fn errors(&self) -> Result<JsValue> {
        Ok(to_value(&self.result.errors)?)
    }

    /// Per-row results (逐行结果) as CSV in `lang`: every row in file order with its base
    /// premium, factor, premium and prevention amount (元), or its error (code, column as the
    /// template names it, message).
    #[wasm_bindgen(js_name = rowsCsv)]
    pub fn rows_csv(&self, lang: &str) -> Result<String> {
        Ok(batch::rows_csv(&self.result, lang))
    }

    /// Number of quoted rows.
    pub fn quoted(&self) -> Result<usize> {
        Ok(self.result.rows.len())
    }

    /// The premium of quoted row `i` (0-based), 元, as a decimal string (for spot checks).
    #[wasm_bindgen(js_name = premiumAt)]
    pub fn premium_at(&self, i: usize) -> Result<Option<String>> {
        Ok(self
            .result
            .rows
            .get(i)
            .map(|r| r.summary.premium.to_string()))
    }
}
}

exports! {
impl RiskMap {
    /// Colours the towns by a premium batch: `kind` is `"coverage"` (安责险覆盖率, insured ÷
    /// quoted), `"mean_factor"` (平均浮动系数) or `"total_premium"` (保费合计, 元).
    #[wasm_bindgen(js_name = showPremiumLayer)]
    pub fn show_premium_layer(&mut self, run: &PremiumBatch, kind: &str) -> Result<()> {
        let layer = PremiumLayer::parse(kind)?;
        let spec = layer.spec();
        let values = layer.values(&run.towns);
        self.painted = PaintedLayer::from_values(&spec, &self.layer, &values);
        self.model_layer = Some((spec, values));
        self.view_mut().overlays = Vec::new();
        Ok(())
    }
}
}
