//! Presentation of the risk-pricing view (风险定价): the engine defaults for the form, the
//! exceedance-curve chart (超越概率曲线), the basis-risk scatter (基差风险散点图) and the town
//! layer (各镇街期望年赔付), from the engine's [`PricingResult`]. Plain Rust, tested natively;
//! `web::pricing` only converts and draws (issue 10).
//!
//! Amounts in titles and reference lines go through the one money formatter
//! (`money::format_cny`); axis ticks use [`short_money`], a compact scale label
//! (docs/payout-pricing.md §6).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::premium::f64_of;
use crate::layers::{Classification, LayerSpec, Rgb};
use crate::money::format_cny;
use crate::pricing::catalogue::DEFAULT_LAMBDA;
use crate::pricing::simulation::{EpPoint, RETURN_PERIODS};
use crate::pricing::{CatalogueConfig, Loadings, PricingResult, SimulationConfig};
use crate::render::charts::{Curve, RefLine, ScatterDot};
use crate::render::Lang;

/// The engine's defaults and method choices, for the form and the method note (方法说明).
#[derive(Debug, Clone, Serialize)]
pub struct PricingDefaults {
    /// Simulated years N.
    pub years: u32,
    /// Seed of the year draws.
    pub seed: u64,
    /// Storms per year λ (Poisson mean) \[I\].
    pub lambda: f64,
    /// Catalogue size K.
    pub catalogue_size: usize,
    /// Return periods of the table, years.
    pub return_periods: [f64; 6],
    /// Gross-up factor of the loadings (technical premium ÷ pure premium).
    pub loadings_factor: Decimal,
    /// The full catalogue configuration (perturbations, wind model).
    pub catalogue: CatalogueConfig,
    /// The full simulation configuration (exposure, damage function, loadings, material loss).
    pub simulation: SimulationConfig,
}

/// The defaults of [`CatalogueConfig`], [`SimulationConfig`] and [`Loadings`].
pub fn defaults() -> PricingDefaults {
    let sim = SimulationConfig::default();
    let cat = CatalogueConfig::default();
    PricingDefaults {
        years: sim.years,
        seed: sim.seed,
        lambda: DEFAULT_LAMBDA,
        catalogue_size: cat.size,
        return_periods: RETURN_PERIODS,
        loadings_factor: Loadings::default().factor(),
        catalogue: cat,
        simulation: sim,
    }
}

/// Axis tick text (坐标刻度): 万 / 亿 in Chinese, k / m / bn in English, up to two decimals.
/// A scale label for ticks of a money axis whose title names the unit, never an amount shown
/// on its own (those go through `money::format_cny`).
pub fn short_money(v: f64, lang: Lang) -> String {
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

/// `zh` or `en` by language.
fn text(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

/// An x–y chart of the pricing view: title, series, reference lines and axis titles; money
/// ticks are formatted with [`short_money`] in `lang`.
#[derive(Debug, Clone, PartialEq)]
pub struct XyChart<S> {
    /// Title.
    pub title: String,
    /// The series (curves or dots).
    pub series: Vec<S>,
    /// Reference lines (dashed), with their labels.
    pub refs: Vec<RefLine>,
    /// Legend entries (label, colour) beyond the series' own.
    pub legend: Vec<(String, Rgb)>,
    /// x-axis title.
    pub x_label: String,
    /// y-axis title.
    pub y_label: String,
    /// Whether the x axis is money (ticks by [`short_money`]) rather than plain numbers.
    pub x_is_money: bool,
    /// Language of the tick labels.
    pub lang: Lang,
}

/// The EP chart (超越概率曲线): AEP and OEP against the return period (log axis), the annual
/// aggregate as a dashed line.
pub fn ep_chart(r: &PricingResult, lang: Lang) -> XyChart<Curve> {
    let pts = |c: &[EpPoint]| -> Vec<(f64, f64)> {
        c.iter()
            .map(|p| (p.return_period_years, f64_of(p.amount)))
            .collect()
    };
    let curves = vec![
        Curve {
            label: text(lang, "年累计赔付 AEP", "Annual aggregate (AEP)"),
            color: Rgb(0xc0, 0x39, 0x2b),
            points: pts(&r.aep_curve),
        },
        Curve {
            label: text(
                lang,
                "年最大单次赔付 OEP（累计限额前）",
                "Largest event of the year, before the aggregate (OEP)",
            ),
            color: Rgb(0x15, 0x65, 0xc0),
            points: pts(&r.oep_curve),
        },
    ];
    let agg = format_cny(r.annual_aggregate, lang);
    let refs = vec![RefLine {
        label: match lang {
            Lang::Zh => format!("年度累计限额 {agg}"),
            Lang::En => format!("Annual aggregate {agg}"),
        },
        value: f64_of(r.annual_aggregate),
    }];
    let expected = format_cny(r.expected_annual_payout, lang);
    let title = match lang {
        Lang::Zh => format!("超越概率曲线 · {} 年模拟 · 期望年赔付 {expected}", r.years),
        Lang::En => format!(
            "Exceedance curves · {} simulated years · expected annual payout {expected}",
            r.years
        ),
    };
    XyChart {
        title,
        series: curves,
        refs,
        legend: Vec::new(),
        x_label: text(
            lang,
            "重现期（年，对数刻度）",
            "Return period (years, log scale)",
        ),
        y_label: text(lang, "赔付", "Payout"),
        x_is_money: false,
        lang,
    }
}

/// Colours of the basis-risk categories: loss and payout, payout only, loss only, neither.
const BOTH: Rgb = Rgb(0x15, 0x65, 0xc0);
const PAY_ONLY: Rgb = Rgb(0xef, 0x8a, 0x00);
const LOSS_ONLY: Rgb = Rgb(0xc6, 0x28, 0x28);
const NEITHER: Rgb = Rgb(0x9e, 0xa7, 0xb3);

/// The basis-risk scatter (基差风险散点图): each catalogue event's payout (fresh year, after
/// deductible and per-event cap) against its modelled loss (模型损失, a relative damage index ×
/// exposure), coloured by category, with the material-loss threshold as a vertical line.
pub fn scatter_chart(r: &PricingResult, lang: Lang) -> XyChart<ScatterDot> {
    let b = &r.basis_risk;
    let material = f64_of(b.material_loss);
    let dots = b
        .scatter
        .iter()
        .map(|p| {
            let (x, y) = (f64_of(p.modelled_loss), f64_of(p.payout));
            let color = match (y > 0.0, x >= material) {
                (true, true) => BOTH,
                (true, false) => PAY_ONLY,
                (false, true) => LOSS_ONLY,
                (false, false) => NEITHER,
            };
            ScatterDot { x, y, color }
        })
        .collect();
    let legend = vec![
        (text(lang, "有损失、有赔付", "loss and payout"), BOTH),
        (
            text(lang, "指数赔付但无实质损失", "index pays without loss"),
            PAY_ONLY,
        ),
        (
            text(lang, "有实质损失但未赔付", "loss goes unpaid"),
            LOSS_ONLY,
        ),
        (text(lang, "均无", "neither"), NEITHER),
    ];
    let threshold = format_cny(b.material_loss, lang);
    let refs = vec![RefLine {
        label: match lang {
            Lang::Zh => format!("实质损失门槛 {threshold}"),
            Lang::En => format!("material loss {threshold}"),
        },
        value: material,
    }];
    let n = b.scatter.len();
    let title = match lang {
        Lang::Zh => format!("基差风险 · {n} 个事件：赔付 vs 模型损失"),
        Lang::En => format!("Basis risk · {n} events: payout vs modelled loss"),
    };
    XyChart {
        title,
        series: dots,
        refs,
        legend,
        x_label: text(
            lang,
            "模型损失（相对损失指数 × 暴露，非损失估计；对数刻度，0 画在左端）",
            "Modelled loss (relative damage index × exposure, not a loss estimate; log scale, 0 at the left edge)",
        ),
        y_label: text(lang, "事件赔付", "Event payout"),
        x_is_money: true,
        lang,
    }
}

/// The town layer of a pricing run: expected annual payout (期望年赔付), shown in 万元 on a
/// continuous ramp from 0.
pub fn pricing_layer_spec() -> LayerSpec {
    LayerSpec {
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
        note_en:
            "Stochastic simulation: mean annual payout allocated to each town (illustrative terms)"
                .into(),
    }
}

/// Expected annual payout per town, 元 as f64, for colouring the map only.
pub fn pricing_layer_values(r: &PricingResult) -> BTreeMap<String, f64> {
    r.districts
        .iter()
        .map(|d| (d.code.clone(), f64_of(d.expected_payout)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::{format_cny_en, format_cny_zh};
    use crate::payout::Policy;
    use crate::pricing::{Catalogue, CatalogueConfig, Simulation, SimulationConfig};

    fn result() -> PricingResult {
        let cfg = CatalogueConfig {
            seed: 3,
            size: 60,
            ..CatalogueConfig::default()
        };
        let cat = Catalogue::synthetic(&cfg).unwrap();
        let sim_cfg = SimulationConfig {
            years: 2_000,
            seed: 1,
            ..SimulationConfig::default()
        };
        let mut sim = Simulation::new(&cat, &Policy::default_zhongshan(), &sim_cfg).unwrap();
        while !sim.is_done() {
            sim.step(1_000);
        }
        sim.result().unwrap()
    }

    #[test]
    fn tick_labels_scale_by_language() {
        assert_eq!(short_money(0.0, Lang::Zh), "0");
        assert_eq!(short_money(5_000.0, Lang::Zh), "5000");
        assert_eq!(short_money(2_500_000.0, Lang::Zh), "250万");
        assert_eq!(short_money(150_000_000.0, Lang::Zh), "1.5亿");
        assert_eq!(short_money(2_500.0, Lang::En), "2.5k");
        assert_eq!(short_money(2_500_000.0, Lang::En), "2.5m");
        assert_eq!(short_money(3e9, Lang::En), "3bn");
    }

    #[test]
    fn the_ep_chart_names_its_figures_through_the_one_formatter() {
        let r = result();
        let zh = ep_chart(&r, Lang::Zh);
        let en = ep_chart(&r, Lang::En);
        assert_eq!(zh.series.len(), 2);
        assert_eq!(zh.series[0].points.len(), r.aep_curve.len());
        assert_eq!(zh.series[1].points.len(), r.oep_curve.len());
        assert!(zh.series[0].label.contains("AEP") && zh.series[1].label.contains("OEP"));
        assert_eq!(
            zh.refs[0].label,
            format!("年度累计限额 {}", format_cny_zh(r.annual_aggregate))
        );
        assert_eq!(
            en.refs[0].label,
            format!("Annual aggregate {}", format_cny_en(r.annual_aggregate))
        );
        assert!(zh.title.contains("2000 年模拟"), "{}", zh.title);
        assert!(zh.title.ends_with(&format!(
            "期望年赔付 {}",
            format_cny_zh(r.expected_annual_payout)
        )));
        assert!(en.title.ends_with(&format_cny_en(r.expected_annual_payout)));
        assert_eq!(en.y_label, "Payout");
        // The curves carry the engine's amounts (drawing values), largest return period last.
        let last = r.aep_curve.last().unwrap();
        let p = zh
            .series
            .first()
            .unwrap()
            .points
            .iter()
            .find(|p| p.0 == last.return_period_years)
            .unwrap();
        assert_eq!(p.1, f64_of(last.amount));
    }

    #[test]
    fn the_scatter_colours_each_event_by_its_basis_risk_category() {
        let r = result();
        let c = scatter_chart(&r, Lang::En);
        let b = &r.basis_risk;
        assert_eq!(c.series.len(), b.scatter.len());
        let material = f64_of(b.material_loss);
        for (dot, p) in c.series.iter().zip(&b.scatter) {
            let paid = !p.payout.is_zero();
            let lost = f64_of(p.modelled_loss) >= material;
            let want = match (paid, lost) {
                (true, true) => BOTH,
                (true, false) => PAY_ONLY,
                (false, true) => LOSS_ONLY,
                (false, false) => NEITHER,
            };
            assert_eq!(dot.color, want);
        }
        assert_eq!(c.legend.len(), 4);
        assert_eq!(
            c.refs[0].label,
            format!("material loss {}", format_cny_en(b.material_loss))
        );
        assert!(c.title.contains(&format!("{} events", b.scatter.len())));
        let zh = scatter_chart(&r, Lang::Zh);
        assert_eq!(zh.legend[0].0, "有损失、有赔付");
    }

    #[test]
    fn the_town_layer_is_the_expected_payout_of_each_town() {
        let r = result();
        let v = pricing_layer_values(&r);
        assert_eq!(v.len(), r.districts.len());
        for d in &r.districts {
            assert_eq!(v[&d.code], f64_of(d.expected_payout));
        }
        let spec = pricing_layer_spec();
        assert_eq!(spec.unit, "万元");
        assert!((spec.display_scale - 1e-4).abs() < 1e-12, "元 → 万元");
        let d = defaults();
        assert_eq!(d.return_periods, RETURN_PERIODS);
        assert_eq!(d.catalogue_size, CatalogueConfig::default().size);
    }
}
