//! The pricing result as CSV (定价结果表): the key figures with their standard errors, the
//! return-period table with the exceedances each row rests on, and the towns. The widget's
//! "export CSV" and the CLI's `--csv` print this; the names match the `--json` fields.

use super::simulation::PricingResult;
use crate::csv_lite::Writer;

/// An optional number cell (empty when absent).
fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// The CSV (UTF-8, no BOM; the caller adds one for spreadsheets), three tables separated by a
/// blank line, written through [`crate::csv_lite::Writer`] (CRLF, injection-safe cells). Money in yuan as decimal
/// strings; probabilities and the relative standard error as fractions.
///
/// ```
/// use zs_risk_map::payout::Policy;
/// use zs_risk_map::pricing::{report::result_csv, Catalogue, CatalogueConfig, Simulation, SimulationConfig};
/// let cat = Catalogue::synthetic(&CatalogueConfig { size: 20, ..Default::default() }).unwrap();
/// let mut sim = Simulation::new(&cat, &Policy::default_zhongshan(),
///     &SimulationConfig { years: 200, ..Default::default() }).unwrap();
/// sim.step(200);
/// let csv = result_csv(&sim.result().unwrap());
/// assert!(csv.contains("standard_error_catalogue_yuan,"));
/// assert!(csv.contains("return_period_years,exceedance_probability,"));
/// ```
pub fn result_csv(r: &PricingResult) -> String {
    let mut out = Writer::new();
    out.row(["key", "value", "label_zh", "label_en"]);
    let mut kv = |k: &str, v: String, zh: &str, en: &str| {
        out.row([k, v.as_str(), zh, en]);
    };
    kv("years", r.years.to_string(), "模拟年数", "simulated years");
    kv("seed", r.seed.to_string(), "随机种子", "seed");
    kv(
        "lambda",
        r.lambda.to_string(),
        "年均台风数 λ",
        "storms per year λ",
    );
    kv(
        "catalogue_size",
        r.catalogue_size.to_string(),
        "事件集规模 K",
        "catalogue size K",
    );
    kv(
        "catalogue_sampled",
        r.catalogue_sampled.to_string(),
        "事件集为随机抽样（计入标准误）",
        "catalogue is a random sample (in the standard error)",
    );
    kv(
        "sum_insured_yuan",
        r.sum_insured.to_string(),
        "保险金额（元）",
        "sum insured (yuan)",
    );
    kv(
        "annual_aggregate_yuan",
        r.annual_aggregate.to_string(),
        "年度累计赔偿限额（元）",
        "annual aggregate (yuan)",
    );
    kv(
        "expected_annual_payout_yuan",
        r.expected_annual_payout.to_string(),
        "期望年赔付（元，年度累计限额后）",
        "expected annual payout (yuan, after the annual aggregate)",
    );
    kv(
        "standard_error_yuan",
        r.standard_error.to_string(),
        "标准误（元，年份抽样与事件集抽样合计）",
        "standard error (yuan, year and catalogue sampling)",
    );
    kv(
        "standard_error_years_yuan",
        r.standard_error_years.to_string(),
        "标准误：年份抽样部分（元）",
        "standard error: year sampling (yuan)",
    );
    kv(
        "standard_error_catalogue_yuan",
        r.standard_error_catalogue.to_string(),
        "标准误：事件集抽样部分（元）",
        "standard error: catalogue sampling (yuan)",
    );
    kv(
        "relative_standard_error",
        opt(r.relative_standard_error),
        "相对标准误（换随机种子时的预期离散）",
        "relative standard error (expected seed-to-seed spread)",
    );
    kv(
        "expected_before_aggregate_yuan",
        r.expected_before_aggregate.to_string(),
        "年度累计限额前的期望年赔付（元）",
        "expected annual payout before the annual aggregate (yuan)",
    );
    kv(
        "mean_cut_by_aggregate_yuan",
        r.mean_cut_by_aggregate.to_string(),
        "年度累计限额年均削减（元）",
        "mean annual cut by the annual aggregate (yuan)",
    );
    kv(
        "mean_simulated_annual_payout_yuan",
        r.mean_simulated_annual_payout.to_string(),
        "模拟年份赔付的简单平均（元）",
        "plain mean of the simulated years' payouts (yuan)",
    );
    kv(
        "prob_any_payout",
        r.prob_any_payout.to_string(),
        "年赔付概率",
        "P(any payout in a year)",
    );
    kv(
        "attachment_return_period_years",
        opt(r.attachment_return_period_years),
        "起赔重现期（年）",
        "attachment return period (years)",
    );
    kv(
        "years_paying",
        r.years_paying.to_string(),
        "有赔付的年数",
        "years with a payout",
    );
    kv(
        "exhaustion_return_period_years",
        opt(r.exhaustion_return_period_years),
        "耗尽重现期（年）",
        "exhaustion return period (years)",
    );
    kv(
        "years_exhausted",
        r.years_exhausted.to_string(),
        "年度累计限额耗尽的年数（超越次数）",
        "years the aggregate was exhausted (exceedances)",
    );
    kv(
        "technical_premium_yuan",
        r.premium.gross.to_string(),
        "技术保费（元）",
        "technical premium (yuan)",
    );
    out.blank_line().row([
        "return_period_years",
        "exceedance_probability",
        "aep_annual_payout_yuan",
        "oep_occurrence_payout_before_aggregate_yuan",
        "exceedances",
        "few_exceedances",
    ]);
    for row in &r.return_periods {
        out.row([
            row.return_period_years.to_string(),
            row.exceedance_probability.to_string(),
            opt(row.annual_payout),
            opt(row.occurrence_payout),
            row.exceedances.to_string(),
            row.few_exceedances.to_string(),
        ]);
    }
    out.blank_line().row([
        "code",
        "name_zh",
        "expected_payout_yuan",
        "prob_any_payout",
        "expected_modelled_loss_yuan",
    ]);
    for d in &r.districts {
        out.row([
            d.code.clone(),
            d.name_zh.clone(),
            d.expected_payout.to_string(),
            d.prob_any_payout.to_string(),
            d.expected_modelled_loss.to_string(),
        ]);
    }
    out.finish()
}
