//! Risk pricing (风险定价) at the JS boundary: the chunked catalogue builder
//! ([`PricingCatalogueBuilder`] → [`PricingCatalogue`], 随机事件集), the chunked year simulation
//! ([`PricingRun`], 年度模拟) with its result, EP-curve and basis-risk charts, and
//! [`RiskMap::show_pricing_layer`] (expected annual payout by town, 各镇街期望年赔付).
//!
//! The widget calls `step(n)` between animation frames so the page stays responsive; every
//! number it shows comes from [`crate::pricing`]. Money crosses as decimal strings. The chart
//! specs, defaults and town layer come from [`crate::present::pricing`]; this file validates
//! the form's numbers, converts and draws, every export guarded by [`exports!`](crate::exports).

use rust_decimal::Decimal;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::convert::{draw_on_canvas, to_value, JsResult};
use super::RiskMap;
use crate::layers::PaintedLayer;
use crate::payout::limits;
use crate::payout::Policy;
use crate::present::pricing::{
    defaults, ep_chart, pricing_layer_spec, pricing_layer_values, scatter_chart, short_money,
    XyChart,
};
use crate::pricing::catalogue::DEFAULT_LAMBDA;
use crate::pricing::catalogue::{check_lambda, MAX_CATALOGUE_SIZE};
use crate::pricing::simulation::MAX_YEARS;
use crate::pricing::{
    Catalogue, CatalogueBuilder, CatalogueConfig, PricingResult, Simulation, SimulationConfig,
};
use crate::render::charts::{draw_ep_curves, draw_scatter, Axes};
use crate::render::Lang;
use crate::Error;

/// A whole number within `lo..=hi` from a JS number, naming the field as the form labels it:
/// `INVALID_INPUT` for NaN (not a number) or a fraction, `OUT_OF_RANGE` below `lo` or for
/// ±∞ / huge values beyond `hi` when `hi_is_size` is false, `TOO_LARGE` above `hi` when the
/// field is a size (years, catalogue size).
fn whole(
    field: &str,
    (zh, en): (&str, &str),
    v: f64,
    lo: f64,
    hi: f64,
    hi_is_size: bool,
) -> crate::Result<f64> {
    if v.is_nan() {
        return Err(limits::not_a_number(field, zh, en, "NaN"));
    }
    if v.is_finite() && v.fract() != 0.0 {
        return Err(Error::invalid_field(
            field,
            format!("{zh}须为整数（收到 {v}）"),
            format!("{en} must be a whole number (got {v})"),
        ));
    }
    let range = format!("{lo}–{hi}");
    if v > hi && hi_is_size {
        // show_f64: 1e308 reads "1e308", not 309 digits.
        let shown = crate::validate::show_f64(v);
        return Err(Error::too_large(
            field,
            format!("{zh}过大：{shown}，最多 {hi}"),
            format!("{en} is too large: {shown}, at most {hi}"),
        ));
    }
    limits::f64_in(field, zh, en, v, lo, hi, &range)
}

/// Form labels of the pricing inputs (风险定价 → 模拟设置).
const YEARS: (&str, &str) = ("模拟年数 N", "years N");
const SEED: (&str, &str) = ("随机种子", "seed");
const SIZE: (&str, &str) = ("事件集规模 K", "catalogue size K");
const PREMIUM: (&str, &str) = ("对比保费（元）", "premium to compare (yuan)");

exports! { fn
    /// The engine's defaults and method choices, for the form and the method note (方法说明):
    /// `{years, seed, lambda, catalogue_size, return_periods, loadings_factor, catalogue,
    /// simulation}` where `catalogue` is the full [`CatalogueConfig`] (perturbations, wind
    /// model) and `simulation` the full [`SimulationConfig`] (exposure, damage function,
    /// loadings, material loss).
    #[wasm_bindgen(js_name = pricingDefaults)]
    pub fn pricing_defaults() -> Result<JsValue> {
        Ok(to_value(&defaults())?)
    }

    /// Checks the form before any work starts (输入校验): `years` N (whole, 1…1,000,000),
    /// `seed` (whole, ≥ 0), catalogue `size` K (whole, 1…100,000), `lambda` λ (`null` =
    /// default; else (0, 50] storms per year, the engine's own check) and `compare_premium`
    /// (decimal string ≥ 0, empty = the policy's). Throws `INVALID_INPUT` naming the first bad
    /// field.
    #[wasm_bindgen(js_name = pricingCheck)]
    pub fn pricing_check(
        years: f64,
        seed: f64,
        size: f64,
        lambda: Option<f64>,
        compare_premium: Option<String>,
    ) -> Result<()> {
        read_years(years)?;
        parse_compare(compare_premium.as_deref())?;
        if let Some(l) = lambda {
            check_lambda("catalogue.lambda", l)?;
        }
        // Validates seed, K and λ with the engine's messages.
        catalogue_builder(seed, size, lambda)?;
        Ok(())
    }
}

/// Years N (模拟年数): a whole number within 1…MAX_YEARS; the form check and the run read it
/// the same way.
fn read_years(years: f64) -> crate::Result<f64> {
    whole(
        "simulation.years",
        YEARS,
        years,
        1.0,
        f64::from(MAX_YEARS),
        true,
    )
}

/// The premium to compare with: `None` for empty, else a decimal ≥ 0.
fn parse_compare(text: Option<&str>) -> crate::Result<Option<Decimal>> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => {
            let f = "pricing.compare_premium";
            let d = limits::parse_dec(f, PREMIUM.0, PREMIUM.1, t)?;
            limits::dec_in(
                f,
                PREMIUM.0,
                PREMIUM.1,
                d,
                Decimal::ZERO,
                Decimal::from(limits::MAX_AMOUNT_YUAN),
                "0–1,000,000,000,000 元",
            )?;
            Ok(Some(d))
        }
    }
}

/// Most catalogue events one `PricingCatalogueBuilder.step` call generates (≈ 0.2 s under load).
const MAX_EVENTS_PER_STEP: usize = 1_000;

/// Most years one `PricingRun.step` call simulates.
const MAX_YEARS_PER_STEP: u32 = 20_000;

/// Largest seed: the largest whole number a JS number holds exactly (2^53 − 1).
const MAX_SEED: f64 = 9_007_199_254_740_991.0;

/// Validates seed, K and λ and starts a chunked catalogue build.
fn catalogue_builder(seed: f64, size: f64, lambda: Option<f64>) -> crate::Result<CatalogueBuilder> {
    let seed = whole("catalogue.seed", SEED, seed, 0.0, MAX_SEED, false)?;
    #[allow(clippy::cast_precision_loss)] // 10,000
    let max_k = MAX_CATALOGUE_SIZE as f64;
    let size = whole("catalogue.size", SIZE, size, 1.0, max_k, true)?;
    // `whole` bounds both: the casts are exact.
    let cfg = CatalogueConfig {
        seed: seed as u64,
        size: size as usize,
        lambda: lambda.unwrap_or(DEFAULT_LAMBDA),
        ..CatalogueConfig::default()
    };
    CatalogueBuilder::new(&cfg)
}

/// Chunked generator of the synthetic catalogue (随机事件集生成器): call `step(n)` between
/// frames until `isDone()`, then `finish()`. Call `free()` when done.
#[wasm_bindgen]
pub struct PricingCatalogueBuilder {
    builder: Option<CatalogueBuilder>,
}

exports! {
impl PricingCatalogueBuilder {
    /// Validates the settings: `seed` (whole, ≥ 0), `size` K (1…100,000) and `lambda` λ
    /// (storms per year, (0, 50]; `null` = the engine's default 0.5 \[I\]). Throws
    /// `INVALID_INPUT` naming the field.
    #[wasm_bindgen(constructor)]
    pub fn new(seed: f64, size: f64, lambda: Option<f64>) -> Result<PricingCatalogueBuilder> {
        Ok(PricingCatalogueBuilder {
            builder: Some(catalogue_builder(seed, size, lambda)?),
        })
    }

    /// Generates up to `n` more events (at most 1,000 per call); returns `{done, total}`.
    pub fn step(&mut self, n: u32) -> Result<JsValue> {
        let b = self.builder_mut()?;
        // At most MAX_EVENTS_PER_STEP wind fields per call, whatever `n` asks (issue 9: no
        // call holds the page for long; the caller just calls again).
        let n = usize::try_from(n)
            .unwrap_or(usize::MAX)
            .min(MAX_EVENTS_PER_STEP);
        Ok(to_value(&b.step(n)?)?)
    }

    /// Whether all K events exist.
    #[wasm_bindgen(js_name = isDone)]
    pub fn is_done(&self) -> Result<bool> {
        Ok(self.done())
    }

    /// The finished catalogue; the builder is spent afterwards. Throws `INVALID_INPUT` before
    /// `isDone()` or when called twice.
    pub fn finish(&mut self) -> Result<PricingCatalogue> {
        if !self.done() {
            let p = self.builder_mut()?.progress();
            return Err(Error::InvalidInput(format!(
                "catalogue: finish() called after {} of {} events",
                p.done, p.total
            ))
            .into());
        }
        let b = self.builder.take().ok_or_else(spent)?;
        Ok(PricingCatalogue {
            catalogue: b.finish()?,
        })
    }
}
}

/// The error of a builder used after `finish()`.
fn spent() -> Error {
    Error::InvalidInput("catalogue builder: already finished".into())
}

impl PricingCatalogueBuilder {
    fn builder_mut(&mut self) -> crate::Result<&mut CatalogueBuilder> {
        self.builder.as_mut().ok_or_else(spent)
    }

    fn done(&self) -> bool {
        self.builder.as_ref().is_some_and(CatalogueBuilder::is_done)
    }
}

/// A finished catalogue (事件集) of K synthetic typhoons with their 23 district winds.
#[wasm_bindgen]
pub struct PricingCatalogue {
    catalogue: Catalogue,
}

exports! {
impl PricingCatalogue {
    /// Builds a catalogue in one call (tests and benchmarks; the widget uses the builder).
    ///
    /// One call must not hold the page: sizes above 2,000 events are refused (`TOO_LARGE`,
    /// field `catalogue.size`); use the chunked [`PricingCatalogueBuilder`] for those.
    #[wasm_bindgen(js_name = build)]
    pub fn build(seed: f64, size: f64, lambda: Option<f64>) -> Result<PricingCatalogue> {
        if size > 2_000.0 {
            return Err(Error::too_large(
                "catalogue.size",
                "一次性生成最多 2,000 个事件；更大的事件集请分块生成",
                "one-call builds take at most 2,000 events; build larger catalogues in chunks",
            )
            .into());
        }
        let mut b = catalogue_builder(seed, size, lambda)?;
        while !b.is_done() {
            b.step(256)?;
        }
        Ok(PricingCatalogue {
            catalogue: b.finish()?,
        })
    }

    /// A user-supplied event set (用户事件集, JSON: events with `annual_rate` and either a
    /// `track` or per-town `winds_ms`), wind fields with the default H08 options.
    /// Errors name the event and field, e.g. `events[1].annual_rate`.
    #[wasm_bindgen(js_name = fromEventSet)]
    pub fn from_event_set(json: &str) -> Result<PricingCatalogue> {
        let catalogue =
            Catalogue::from_event_set_json(json, &crate::hazard::WindModelOptions::default())?;
        Ok(PricingCatalogue { catalogue })
    }

    /// Number of events K.
    pub fn len(&self) -> Result<usize> {
        Ok(self.catalogue.events.len())
    }

    /// Whether the catalogue is empty (never, once built).
    #[wasm_bindgen(js_name = isEmpty)]
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.catalogue.events.is_empty())
    }

    /// The catalogue's annual frequency λ (Poisson mean, storms per year).
    #[wasm_bindgen(js_name = totalRate)]
    pub fn total_rate(&self) -> Result<f64> {
        Ok(self.catalogue.total_rate())
    }
}
}

/// A resumable Monte-Carlo pricing run (随机模拟定价) of a policy on a catalogue: `step(n)`
/// between frames, `result()` at any time (partial runs give a preview). Call `free()`.
#[wasm_bindgen]
pub struct PricingRun {
    sim: Simulation,
    cached: Option<PricingResult>,
}

exports! {
impl PricingRun {
    /// Prices every catalogue event once under the policy (JSON; empty/`null` = the built-in
    /// 示例 policy) and prepares `years` simulated years with `seed`, `lambda` (`null` = the
    /// catalogue's λ) and a premium to compare (`compare_premium`, decimal string, yuan;
    /// `null`/empty = the policy's premium). Throws `INVALID_INPUT` naming the field (years
    /// not a whole number within 1…1,000,000, λ not within (0, 50], a negative or
    /// non-numeric premium) or the policy's error code.
    #[wasm_bindgen(constructor)]
    pub fn new(
        catalogue: &PricingCatalogue,
        policy_json: Option<String>,
        years: f64,
        seed: f64,
        lambda: Option<f64>,
        compare_premium: Option<String>,
    ) -> Result<PricingRun> {
        let years = read_years(years)?;
        let seed = whole("simulation.seed", SEED, seed, 0.0, MAX_SEED, false)?;
        let compare = parse_compare(compare_premium.as_deref())?;
        let policy = match policy_json.as_deref() {
            None | Some("") => Policy::default_zhongshan(),
            Some(t) => Policy::from_json(t)?,
        };
        // `whole` bounds both: the casts are exact.
        let cfg = SimulationConfig {
            years: years as u32,
            seed: seed as u64,
            lambda,
            compare_premium: compare,
            ..SimulationConfig::default()
        };
        let sim = Simulation::new(&catalogue.catalogue, &policy, &cfg)?;
        Ok(PricingRun { sim, cached: None })
    }

    /// Simulates up to `n_years` more years (at most 20,000 per call); returns `{done, total}`.
    pub fn step(&mut self, n_years: u32) -> Result<JsValue> {
        // At most MAX_YEARS_PER_STEP years per call (≈ 0.1 s even on a loaded machine).
        let p = self.sim.step(n_years.min(MAX_YEARS_PER_STEP));
        Ok(to_value(&p)?)
    }

    /// Whether all N years are simulated.
    #[wasm_bindgen(js_name = isDone)]
    pub fn is_done(&self) -> Result<bool> {
        Ok(self.sim.is_done())
    }

    /// Years simulated so far.
    #[wasm_bindgen(js_name = yearsDone)]
    pub fn years_done(&self) -> Result<usize> {
        Ok(self.sim.progress().done)
    }

    /// The Poisson mean λ in use, storms per year.
    pub fn lambda(&self) -> Result<f64> {
        Ok(self.sim.lambda())
    }

    /// Everything the view shows for the years simulated so far: EP curves, return-period
    /// table, expected annual payout ± standard error, P(any payout), attachment and
    /// exhaustion return periods, per-town figures, the technical premium with its breakdown
    /// and comparison, basis risk with the scatter; money as decimal strings (yuan), `null`
    /// where undefined. Throws `INVALID_INPUT` before the first `step`.
    pub fn result(&mut self) -> Result<JsValue> {
        Ok(to_value(self.current()?)?)
    }

    /// The result as CSV (UTF-8 with BOM for spreadsheets): key figures with both standard
    /// errors and the relative standard error, the return-period table with its exceedance
    /// counts, and the towns ([`crate::pricing::report::result_csv`]).
    pub fn csv(&mut self) -> Result<String> {
        let r = self.current()?;
        Ok(format!("\u{feff}{}", crate::pricing::report::result_csv(r)))
    }

    /// Expected annual payout (期望年赔付), yuan, as a decimal string.
    #[wasm_bindgen(js_name = expectedAnnualPayout)]
    pub fn expected_annual_payout(&mut self) -> Result<String> {
        Ok(self.current()?.expected_annual_payout.to_string())
    }

    /// Draws the AEP and OEP exceedance curves (超越概率曲线) against the return period on a
    /// log axis, with the annual aggregate as a dashed line, on `canvas` (backing store
    /// sized `cssSize × dpr` by the caller).
    #[wasm_bindgen(js_name = drawEpCurve)]
    pub fn draw_ep_curve(&mut self, canvas: HtmlCanvasElement, dpr: f64, lang: &str) -> Result<()> {
        let c = ep_chart(self.current()?, Lang::parse(lang));
        Ok(with_axes(&c, |axes| {
            draw_on_canvas(canvas, false, |root| {
                draw_ep_curves(root, &c.title, &c.series, &c.refs, axes, dpr)
            })
        })?)
    }

    /// Draws the basis-risk scatter (基差风险散点图): each catalogue event's payout (fresh
    /// year, after deductible and per-event cap) against its modelled loss (模型损失, a
    /// relative damage index × exposure), coloured by category, with the material-loss
    /// threshold.
    #[wasm_bindgen(js_name = drawScatter)]
    pub fn draw_scatter(&mut self, canvas: HtmlCanvasElement, dpr: f64, lang: &str) -> Result<()> {
        let c = scatter_chart(self.current()?, Lang::parse(lang));
        Ok(with_axes(&c, |axes| {
            draw_on_canvas(canvas, false, |root| {
                draw_scatter(root, &c.title, &c.series, &c.refs, &c.legend, axes, true, dpr)
            })
        })?)
    }
}
}

/// Runs `f` with the chart's axes: titles from the spec, money ticks ([`short_money`]) on y
/// and, where the spec says the x axis is money (the scatter), on x; plain numbers otherwise
/// (return periods).
fn with_axes<S, T>(c: &XyChart<S>, f: impl FnOnce(&Axes) -> JsResult<T>) -> JsResult<T> {
    let lang = c.lang;
    let money = move |v: f64| short_money(v, lang);
    let plain = |v: f64| format!("{v}");
    let axes = Axes {
        x_label: &c.x_label,
        y_label: &c.y_label,
        y_fmt: &money,
        x_fmt: if c.x_is_money { &money } else { &plain },
    };
    f(&axes)
}

impl PricingRun {
    /// The result for the years simulated so far, recomputed only when more years exist.
    fn current(&mut self) -> crate::Result<&PricingResult> {
        let done = self.sim.progress().done;
        if self.cached.as_ref().map(|r| r.years as usize) != Some(done) {
            self.cached = Some(self.sim.result()?);
        }
        self.cached
            .as_ref()
            .ok_or_else(|| Error::InvalidInput("simulation: no result".into()))
    }
}

exports! {
impl RiskMap {
    /// Colours the towns by a pricing run's expected annual payout (期望年赔付, 元; continuous
    /// ramp from 0) for the years simulated so far.
    #[wasm_bindgen(js_name = showPricingLayer)]
    pub fn show_pricing_layer(&mut self, run: &mut PricingRun) -> Result<()> {
        let values = pricing_layer_values(run.current()?);
        let spec = pricing_layer_spec();
        self.painted = PaintedLayer::from_values(&spec, &self.layer, &values);
        self.model_layer = Some((spec, values));
        self.view_mut().overlays = Vec::new();
        Ok(())
    }
}
}
