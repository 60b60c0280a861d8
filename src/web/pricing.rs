//! Risk pricing (风险定价) at the JS boundary: the chunked catalogue builder
//! ([`PricingCatalogueBuilder`] → [`PricingCatalogue`], 随机事件集), the chunked year simulation
//! ([`PricingRun`], 年度模拟) with its result, EP-curve and basis-risk charts, and
//! [`RiskMap::show_pricing_layer`] (expected annual payout by town, 各镇街期望年赔付).
//!
//! The widget calls `step(n)` between animation frames so the page stays responsive; every
//! number it shows comes from [`crate::pricing`]. Money crosses as decimal strings.

use std::collections::BTreeMap;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::convert::{draw_on_canvas, to_js, to_value, JsResult};
use super::{panic, RiskMap};
use crate::layers::{Classification, LayerSpec, PaintedLayer, Rgb};
use crate::money::{format_cny_en, format_cny_zh};
use crate::payout::limits;
use crate::payout::Policy;
use crate::pricing::catalogue::DEFAULT_LAMBDA;
use crate::pricing::catalogue::{check_lambda, MAX_CATALOGUE_SIZE};
use crate::pricing::simulation::MAX_YEARS;
use crate::pricing::simulation::RETURN_PERIODS;
use crate::pricing::{
    Catalogue, CatalogueBuilder, CatalogueConfig, Loadings, PricingResult, Simulation,
    SimulationConfig,
};
use crate::render::charts::{draw_ep_curves, draw_scatter, Axes, Curve, RefLine, ScatterDot};
use crate::render::Lang;
use crate::Error;

/// The engine's defaults and method choices, for the form and the method note (方法说明):
/// `{years, seed, lambda, catalogue_size, return_periods, catalogue, simulation}` where
/// `catalogue` is the full [`CatalogueConfig`] (perturbations, wind model) and `simulation`
/// the full [`SimulationConfig`] (exposure, damage function, loadings, material loss).
#[wasm_bindgen(js_name = pricingDefaults)]
pub fn pricing_defaults() -> JsResult<JsValue> {
    panic::check()?;
    #[derive(Serialize)]
    struct Defaults {
        years: u32,
        seed: u64,
        lambda: f64,
        catalogue_size: usize,
        return_periods: [f64; 6],
        loadings_factor: Decimal,
        catalogue: CatalogueConfig,
        simulation: SimulationConfig,
    }
    let sim = SimulationConfig::default();
    let cat = CatalogueConfig::default();
    to_value(&Defaults {
        years: sim.years,
        seed: sim.seed,
        lambda: DEFAULT_LAMBDA,
        catalogue_size: cat.size,
        return_periods: RETURN_PERIODS,
        loadings_factor: Loadings::default().factor(),
        catalogue: cat,
        simulation: sim,
    })
}

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
        return Err(Error::too_large(
            field,
            format!("{zh}过大：{v}，最多 {hi}"),
            format!("{en} is too large: {v}, at most {hi}"),
        ));
    }
    limits::f64_in(field, zh, en, v, lo, hi, &range)
}

/// Form labels of the pricing inputs (风险定价 → 模拟设置).
const YEARS: (&str, &str) = ("模拟年数 N", "years N");
const SEED: (&str, &str) = ("随机种子", "seed");
const SIZE: (&str, &str) = ("事件集规模 K", "catalogue size K");
const PREMIUM: (&str, &str) = ("对比保费（元）", "premium to compare (yuan)");

/// Checks the form before any work starts (输入校验): `years` N (whole, 1…1,000,000), `seed`
/// (whole, ≥ 0), catalogue `size` K (whole, 1…100,000), `lambda` λ (`null` = default; else
/// (0, 50] storms per year, the engine's own check) and `compare_premium` (decimal string ≥ 0,
/// empty = the policy's). Throws `INVALID_INPUT` naming the first bad field.
#[wasm_bindgen(js_name = pricingCheck)]
pub fn pricing_check(
    years: f64,
    seed: f64,
    size: f64,
    lambda: Option<f64>,
    compare_premium: Option<String>,
) -> JsResult<()> {
    panic::check()?;
    whole(
        "simulation.years",
        YEARS,
        years,
        1.0,
        f64::from(MAX_YEARS),
        true,
    )
    .map_err(|e| to_js(&e))?;
    parse_compare(compare_premium.as_deref())?;
    if let Some(l) = lambda {
        check_lambda("catalogue.lambda", l).map_err(|e| to_js(&e))?;
    }
    // Validates seed, K and λ with the engine's messages.
    PricingCatalogueBuilder::new(seed, size, lambda)?;
    Ok(())
}

/// The premium to compare with: `None` for empty, else a decimal ≥ 0.
fn parse_compare(text: Option<&str>) -> JsResult<Option<Decimal>> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => {
            let f = "pricing.compare_premium";
            let d = limits::parse_dec(f, PREMIUM.0, PREMIUM.1, t).map_err(|e| to_js(&e))?;
            limits::dec_in(
                f,
                PREMIUM.0,
                PREMIUM.1,
                d,
                Decimal::ZERO,
                Decimal::from(limits::MAX_AMOUNT_YUAN),
                "0–1,000,000,000,000 元",
            )
            .map_err(|e| to_js(&e))?;
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

/// Chunked generator of the synthetic catalogue (随机事件集生成器): call `step(n)` between
/// frames until `isDone()`, then `finish()`. Call `free()` when done.
#[wasm_bindgen]
pub struct PricingCatalogueBuilder {
    builder: Option<CatalogueBuilder>,
}

#[wasm_bindgen]
impl PricingCatalogueBuilder {
    /// Validates the settings: `seed` (whole, ≥ 0), `size` K (1…100,000) and `lambda` λ
    /// (storms per year, (0, 50]; `null` = the engine's default 0.5 \[I\]). Throws
    /// `INVALID_INPUT` naming the field.
    #[wasm_bindgen(constructor)]
    pub fn new(seed: f64, size: f64, lambda: Option<f64>) -> JsResult<PricingCatalogueBuilder> {
        panic::check()?;
        let seed =
            whole("catalogue.seed", SEED, seed, 0.0, MAX_SEED, false).map_err(|e| to_js(&e))?;
        #[allow(clippy::cast_precision_loss)] // 10,000
        let max_k = MAX_CATALOGUE_SIZE as f64;
        let size = whole("catalogue.size", SIZE, size, 1.0, max_k, true).map_err(|e| to_js(&e))?;
        let cfg = CatalogueConfig {
            seed: seed as u64,
            size: size as usize,
            lambda: lambda.unwrap_or(DEFAULT_LAMBDA),
            ..CatalogueConfig::default()
        };
        let builder = CatalogueBuilder::new(&cfg).map_err(|e| to_js(&e))?;
        Ok(PricingCatalogueBuilder {
            builder: Some(builder),
        })
    }

    /// Generates up to `n` more events (at most 1,000 per call); returns `{done, total}`.
    pub fn step(&mut self, n: u32) -> JsResult<JsValue> {
        panic::check()?;
        let b = self.builder_mut()?;
        // At most MAX_EVENTS_PER_STEP wind fields per call, whatever `n` asks (issue 9: no call
        // holds the page for long; the caller just calls again).
        let n = usize::try_from(n)
            .unwrap_or(usize::MAX)
            .min(MAX_EVENTS_PER_STEP);
        let p = b.step(n).map_err(|e| to_js(&e))?;
        to_value(&p)
    }

    /// Whether all K events exist.
    #[wasm_bindgen(js_name = isDone)]
    pub fn is_done(&self) -> bool {
        self.builder.as_ref().is_some_and(CatalogueBuilder::is_done)
    }

    /// The finished catalogue; the builder is spent afterwards. Throws `INVALID_INPUT` before
    /// `isDone()` or when called twice.
    pub fn finish(&mut self) -> JsResult<PricingCatalogue> {
        panic::check()?;
        if !self.is_done() {
            let p = self.builder_mut()?.progress();
            return Err(to_js(&Error::InvalidInput(format!(
                "catalogue: finish() called after {} of {} events",
                p.done, p.total
            ))));
        }
        let b = self.builder.take().ok_or_else(spent)?;
        let catalogue = b.finish().map_err(|e| to_js(&e))?;
        Ok(PricingCatalogue { catalogue })
    }
}

fn spent() -> JsValue {
    to_js(&Error::InvalidInput(
        "catalogue builder: already finished".into(),
    ))
}

impl PricingCatalogueBuilder {
    fn builder_mut(&mut self) -> JsResult<&mut CatalogueBuilder> {
        self.builder.as_mut().ok_or_else(spent)
    }
}

/// A finished catalogue (事件集) of K synthetic typhoons with their 23 district winds.
#[wasm_bindgen]
pub struct PricingCatalogue {
    catalogue: Catalogue,
}

#[wasm_bindgen]
impl PricingCatalogue {
    /// Builds a catalogue in one call (tests and benchmarks; the widget uses the builder).
    #[wasm_bindgen(js_name = build)]
    ///
    /// One call must not hold the page: sizes above 2,000 events are refused (`TOO_LARGE`,
    /// field `catalogue.size`); use the chunked [`PricingCatalogueBuilder`] for those.
    pub fn build(seed: f64, size: f64, lambda: Option<f64>) -> JsResult<PricingCatalogue> {
        if size > 2_000.0 {
            return Err(to_js(&Error::too_large(
                "catalogue.size",
                "一次性生成最多 2,000 个事件；更大的事件集请分块生成",
                "one-call builds take at most 2,000 events; build larger catalogues in chunks",
            )));
        }
        let mut b = PricingCatalogueBuilder::new(seed, size, lambda)?;
        while !b.is_done() {
            b.step(256)?;
        }
        b.finish()
    }

    /// A user-supplied event set (用户事件集, JSON: events with `annual_rate` and either a
    /// `track` or per-town `winds_ms`), wind fields with the default H08 options.
    /// Errors name the event and field, e.g. `events[1].annual_rate`.
    #[wasm_bindgen(js_name = fromEventSet)]
    pub fn from_event_set(json: &str) -> JsResult<PricingCatalogue> {
        panic::check()?;
        let catalogue =
            Catalogue::from_event_set_json(json, &crate::hazard::WindModelOptions::default())
                .map_err(|e| to_js(&e))?;
        Ok(PricingCatalogue { catalogue })
    }

    /// Number of events K.
    pub fn len(&self) -> usize {
        self.catalogue.events.len()
    }

    /// Whether the catalogue is empty (never, once built).
    #[wasm_bindgen(js_name = isEmpty)]
    pub fn is_empty(&self) -> bool {
        self.catalogue.events.is_empty()
    }

    /// The catalogue's annual frequency λ (Poisson mean, storms per year).
    #[wasm_bindgen(js_name = totalRate)]
    pub fn total_rate(&self) -> f64 {
        self.catalogue.total_rate()
    }
}

/// A resumable Monte-Carlo pricing run (随机模拟定价) of a policy on a catalogue: `step(n)`
/// between frames, `result()` at any time (partial runs give a preview). Call `free()`.
#[wasm_bindgen]
pub struct PricingRun {
    sim: Simulation,
    cached: Option<PricingResult>,
}

#[wasm_bindgen]
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
    ) -> JsResult<PricingRun> {
        panic::check()?;
        let years = whole(
            "simulation.years",
            YEARS,
            years,
            1.0,
            f64::from(MAX_YEARS),
            true,
        )
        .map_err(|e| to_js(&e))?;
        let seed =
            whole("simulation.seed", SEED, seed, 0.0, MAX_SEED, false).map_err(|e| to_js(&e))?;
        let compare = parse_compare(compare_premium.as_deref())?;
        let policy = match policy_json.as_deref() {
            None | Some("") => Policy::default_zhongshan(),
            Some(t) => Policy::from_json(t).map_err(|e| to_js(&e))?,
        };
        let cfg = SimulationConfig {
            years: years as u32,
            seed: seed as u64,
            lambda,
            compare_premium: compare,
            ..SimulationConfig::default()
        };
        let sim = Simulation::new(&catalogue.catalogue, &policy, &cfg).map_err(|e| to_js(&e))?;
        Ok(PricingRun { sim, cached: None })
    }

    /// Simulates up to `n_years` more years (at most 20,000 per call); returns `{done, total}`.
    pub fn step(&mut self, n_years: u32) -> JsResult<JsValue> {
        panic::check()?;
        // At most MAX_YEARS_PER_STEP years per call (≈ 0.1 s even on a loaded machine).
        let p = self.sim.step(n_years.min(MAX_YEARS_PER_STEP));
        to_value(&p)
    }

    /// Whether all N years are simulated.
    #[wasm_bindgen(js_name = isDone)]
    pub fn is_done(&self) -> bool {
        self.sim.is_done()
    }

    /// Years simulated so far.
    #[wasm_bindgen(js_name = yearsDone)]
    pub fn years_done(&self) -> usize {
        self.sim.progress().done
    }

    /// The Poisson mean λ in use, storms per year.
    pub fn lambda(&self) -> f64 {
        self.sim.lambda()
    }

    /// Everything the view shows for the years simulated so far: EP curves, return-period
    /// table, expected annual payout ± standard error, P(any payout), attachment and
    /// exhaustion return periods, per-town figures, the technical premium with its breakdown
    /// and comparison, basis risk with the scatter; money as decimal strings (yuan), `null`
    /// where undefined. Throws `INVALID_INPUT` before the first `step`.
    pub fn result(&mut self) -> JsResult<JsValue> {
        panic::check()?;
        let r = self.current().map_err(|e| to_js(&e))?;
        to_value(r)
    }

    /// The result as CSV (UTF-8 with BOM for spreadsheets): key figures with both standard
    /// errors and the relative standard error, the return-period table with its exceedance
    /// counts, and the towns ([`crate::pricing::report::result_csv`]).
    pub fn csv(&mut self) -> JsResult<String> {
        panic::check()?;
        let r = self.current().map_err(|e| to_js(&e))?;
        Ok(format!("\u{feff}{}", crate::pricing::report::result_csv(r)))
    }

    /// Expected annual payout (期望年赔付), yuan, as a decimal string.
    #[wasm_bindgen(js_name = expectedAnnualPayout)]
    pub fn expected_annual_payout(&mut self) -> JsResult<String> {
        panic::check()?;
        let r = self.current().map_err(|e| to_js(&e))?;
        Ok(r.expected_annual_payout.to_string())
    }

    /// Draws the AEP and OEP exceedance curves (超越概率曲线) against the return period on a
    /// log axis, with the annual aggregate as a dashed line, on `canvas` (backing store
    /// sized `cssSize × dpr` by the caller).
    #[wasm_bindgen(js_name = drawEpCurve)]
    pub fn draw_ep_curve(
        &mut self,
        canvas: HtmlCanvasElement,
        dpr: f64,
        lang: &str,
    ) -> JsResult<()> {
        panic::check()?;
        let lang = Lang::parse(lang);
        let r = self.current().map_err(|e| to_js(&e))?;
        let pts = |c: &[crate::pricing::simulation::EpPoint]| -> Vec<(f64, f64)> {
            c.iter()
                .map(|p| (p.return_period_years, f64_of(p.amount)))
                .collect()
        };
        let zh = lang == Lang::Zh;
        let curves = [
            Curve {
                label: if zh {
                    "年累计赔付 AEP".into()
                } else {
                    "Annual aggregate (AEP)".into()
                },
                color: Rgb(0xc0, 0x39, 0x2b),
                points: pts(&r.aep_curve),
            },
            Curve {
                label: if zh {
                    "年最大单次赔付 OEP（累计限额前）".into()
                } else {
                    "Largest event of the year, before the aggregate (OEP)".into()
                },
                color: Rgb(0x15, 0x65, 0xc0),
                points: pts(&r.oep_curve),
            },
        ];
        let refs = [RefLine {
            label: if zh {
                format!("年度累计限额 {}", format_cny_zh(r.annual_aggregate))
            } else {
                format!("Annual aggregate {}", format_cny_en(r.annual_aggregate))
            },
            value: f64_of(r.annual_aggregate),
        }];
        let title = if zh {
            format!(
                "超越概率曲线 · {} 年模拟 · 期望年赔付 {}",
                r.years,
                format_cny_zh(r.expected_annual_payout)
            )
        } else {
            format!(
                "Exceedance curves · {} simulated years · expected annual payout {}",
                r.years,
                format_cny_en(r.expected_annual_payout)
            )
        };
        let y_fmt = move |v: f64| short_money(v, lang);
        let x_fmt = |v: f64| format!("{v}");
        let axes = Axes {
            x_label: if zh {
                "重现期（年，对数刻度）"
            } else {
                "Return period (years, log scale)"
            },
            y_label: if zh { "赔付" } else { "Payout" },
            y_fmt: &y_fmt,
            x_fmt: &x_fmt,
        };
        draw_on_canvas(canvas, |root| {
            draw_ep_curves(root, &title, &curves, &refs, &axes, dpr)
        })
    }

    /// Draws the basis-risk scatter (基差风险散点图): each catalogue event's payout (fresh year,
    /// after deductible and per-event cap) against its modelled loss (模型损失, a relative
    /// damage index × exposure), coloured by category, with the material-loss threshold.
    #[wasm_bindgen(js_name = drawScatter)]
    pub fn draw_scatter(
        &mut self,
        canvas: HtmlCanvasElement,
        dpr: f64,
        lang: &str,
    ) -> JsResult<()> {
        panic::check()?;
        let lang = Lang::parse(lang);
        let zh = lang == Lang::Zh;
        let r = self.current().map_err(|e| to_js(&e))?;
        let b = &r.basis_risk;
        let material = f64_of(b.material_loss);
        let (both, pay_only, loss_only, neither) = (
            Rgb(0x15, 0x65, 0xc0),
            Rgb(0xef, 0x8a, 0x00),
            Rgb(0xc6, 0x28, 0x28),
            Rgb(0x9e, 0xa7, 0xb3),
        );
        let dots: Vec<ScatterDot> = b
            .scatter
            .iter()
            .map(|p| {
                let (x, y) = (f64_of(p.modelled_loss), f64_of(p.payout));
                let color = match (y > 0.0, x >= material) {
                    (true, true) => both,
                    (true, false) => pay_only,
                    (false, true) => loss_only,
                    (false, false) => neither,
                };
                ScatterDot { x, y, color }
            })
            .collect();
        let legend = if zh {
            [
                ("有损失、有赔付".to_string(), both),
                ("指数赔付但无实质损失".to_string(), pay_only),
                ("有实质损失但未赔付".to_string(), loss_only),
                ("均无".to_string(), neither),
            ]
        } else {
            [
                ("loss and payout".to_string(), both),
                ("index pays without loss".to_string(), pay_only),
                ("loss goes unpaid".to_string(), loss_only),
                ("neither".to_string(), neither),
            ]
        };
        let vrefs = [RefLine {
            label: if zh {
                format!("实质损失门槛 {}", format_cny_zh(b.material_loss))
            } else {
                format!("material loss {}", format_cny_en(b.material_loss))
            },
            value: material,
        }];
        let title = if zh {
            format!("基差风险 · {} 个事件：赔付 vs 模型损失", b.scatter.len())
        } else {
            format!(
                "Basis risk · {} events: payout vs modelled loss",
                b.scatter.len()
            )
        };
        let fmt = move |v: f64| short_money(v, lang);
        let axes = Axes {
            x_label: if zh {
                "模型损失（相对损失指数 × 暴露，非损失估计；对数刻度，0 画在左端）"
            } else {
                "Modelled loss (relative damage index × exposure, not a loss estimate; log scale, 0 at the left edge)"
            },
            y_label: if zh { "事件赔付" } else { "Event payout" },
            y_fmt: &fmt,
            x_fmt: &fmt,
        };
        draw_on_canvas(canvas, |root| {
            draw_scatter(root, &title, &dots, &vrefs, &legend, &axes, true, dpr)
        })
    }
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

    /// Expected annual payout per town, yuan as f64, for colouring the map only.
    pub(crate) fn district_values(&mut self) -> crate::Result<BTreeMap<String, f64>> {
        Ok(self
            .current()?
            .districts
            .iter()
            .map(|d| (d.code.clone(), f64_of(d.expected_payout)))
            .collect())
    }
}

fn f64_of(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// Axis tick text: 万元 / 亿元 in Chinese, k / m yuan in English.
fn short_money(v: f64, lang: Lang) -> String {
    let trim = |x: f64| {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    match lang {
        Lang::Zh if v.abs() >= 1e8 => format!("{}亿", trim(v / 1e8)),
        Lang::Zh if v.abs() >= 1e4 => format!("{}万", trim(v / 1e4)),
        Lang::Zh => trim(v),
        Lang::En if v.abs() >= 1e9 => format!("{}bn", trim(v / 1e9)),
        Lang::En if v.abs() >= 1e6 => format!("{}m", trim(v / 1e6)),
        Lang::En if v.abs() >= 1e3 => format!("{}k", trim(v / 1e3)),
        Lang::En => trim(v),
    }
}

#[wasm_bindgen]
impl RiskMap {
    /// Colours the towns by a pricing run's expected annual payout (期望年赔付, 元; continuous
    /// ramp from 0) for the years simulated so far.
    #[wasm_bindgen(js_name = showPricingLayer)]
    pub fn show_pricing_layer(&mut self, run: &mut PricingRun) -> JsResult<()> {
        panic::check()?;
        let values = run.district_values().map_err(|e| to_js(&e))?;
        let spec = LayerSpec {
            id: "pricing_expected_payout".into(),
            attribute: "pricing_expected_payout".into(),
            title_zh: "期望年赔付".into(),
            title_en: "Expected annual payout".into(),
            unit: "万元".into(),
            display_scale: 0.0001,
            classification: Classification::Ramp {
                min: Some(0.0),
                max: None,
            },
            range_labels: None,
            note_zh: "随机模拟：各镇街分摊赔款的年平均值（示例条款）".into(),
            note_en: "Stochastic simulation: mean annual payout allocated to each town (illustrative terms)"
                .into(),
        };
        self.painted = PaintedLayer::from_values(&spec, &self.layer, &values);
        self.model_layer = Some((spec, values));
        self.view.overlays = Vec::new();
        Ok(())
    }
}
