//! Risk pricing (风险定价) of the default 示例 policy on a synthetic typhoon catalogue.
//!
//! ```text
//! cargo run --release --example pricing -- --years 10000 --seed 1 [--json] [--lambda 1.2]
//!     [--catalogue 2000] [--premium 11460000] [--events FILE.json] [--additive]
//! ```
//!
//! Prints the parameters, the return-period table (AEP/OEP), expected payout ± standard error,
//! P(any payout), attachment/exhaustion return periods, the technical premium breakdown, rate
//! on line, the comparison with the entered (default: the policy's) premium and the basis-risk
//! summary. `--json` prints the same as JSON, money as decimal strings. `--events` prices a
//! user event set instead of the synthetic catalogue.

use std::process::ExitCode;
use std::str::FromStr;

use rust_decimal::Decimal;
use zs_risk_map::hazard::WindModelOptions;
use zs_risk_map::money::format_cny_zh;
use zs_risk_map::payout::Policy;
use zs_risk_map::pricing::premium::Combination;
use zs_risk_map::pricing::{Catalogue, CatalogueConfig, Simulation, SimulationConfig};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut cat_cfg = CatalogueConfig::default();
    let mut sim_cfg = SimulationConfig::default();
    let (mut json, mut events) = (false, None);
    let mut i = 0;
    let val = |i: usize| {
        args.get(i + 1)
            .cloned()
            .ok_or(format!("{} needs a value", args[i]))
    };
    while i < args.len() {
        match args[i].as_str() {
            "--years" => sim_cfg.years = val(i)?.parse().map_err(|e| format!("--years: {e}"))?,
            "--seed" => {
                let s: u64 = val(i)?.parse().map_err(|e| format!("--seed: {e}"))?;
                sim_cfg.seed = s;
                cat_cfg.seed = s;
            }
            "--lambda" => {
                let l: f64 = val(i)?.parse().map_err(|e| format!("--lambda: {e}"))?;
                cat_cfg.lambda = l;
                sim_cfg.lambda = Some(l);
            }
            "--catalogue" => {
                cat_cfg.size = val(i)?.parse().map_err(|e| format!("--catalogue: {e}"))?
            }
            "--premium" => {
                sim_cfg.compare_premium =
                    Some(Decimal::from_str(&val(i)?).map_err(|e| format!("--premium: {e}"))?)
            }
            "--events" => events = Some(val(i)?),
            "--additive" => {
                sim_cfg.loadings.combination = Combination::Additive;
                i -= 1;
            }
            "--json" => {
                json = true;
                i -= 1;
            }
            other => return Err(format!("unknown argument {other}")),
        }
        i += 2;
    }
    let catalogue = match &events {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            if !args.iter().any(|a| a == "--lambda") {
                sim_cfg.lambda = None;
            }
            Catalogue::from_event_set_json(&text, &WindModelOptions::default())
                .map_err(|e| format!("{path}: {e}"))?
        }
        None => Catalogue::synthetic(&cat_cfg).map_err(|e| e.to_string())?,
    };
    let policy = Policy::default_zhongshan();
    let mut sim = Simulation::new(&catalogue, &policy, &sim_cfg).map_err(|e| e.to_string())?;
    while !sim.is_done() {
        sim.step(1000);
    }
    let r = sim.result().map_err(|e| e.to_string())?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&r).map_err(|e| e.to_string())?
        );
        return Ok(());
    }
    let m = |d: Decimal| format!("{:>14} ({})", d.to_string(), format_cny_zh(d));
    let opt = |d: Option<Decimal>| d.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
    println!(
        "风险定价 Risk pricing — {} [示意 illustrative]",
        policy.label_en
    );
    println!(
        "Catalogue: {} events ({}), wind model H08 open terrain; λ = {} storms/yr [I]; N = {} years, seed {}",
        r.catalogue_size,
        if events.is_some() { "user event set" } else { "perturbed Hato/Mangkhut/Vicente/Higos/Saola" },
        r.lambda,
        r.years,
        r.seed
    );
    println!(
        "Sum insured {}  annual aggregate {}  mean storms/yr {:.3}",
        format_cny_zh(r.sum_insured),
        format_cny_zh(r.annual_aggregate),
        r.mean_events_per_year
    );
    println!();
    println!(
        "重现期 Return period table (AEP = annual aggregate payout, OEP = largest event payout)"
    );
    println!(
        "{:>8} {:>10} {:>18} {:>18}",
        "RP (yr)", "EP", "AEP yuan", "OEP yuan"
    );
    for row in &r.return_periods {
        println!(
            "{:>8} {:>10.4} {:>18} {:>18}",
            row.return_period_years,
            row.exceedance_probability,
            opt(row.annual_payout),
            opt(row.occurrence_payout)
        );
    }
    println!();
    println!(
        "期望年赔付 Expected annual payout: {} ± {} (1 SE)",
        m(r.expected_annual_payout),
        r.standard_error
    );
    println!("P(any payout in a year): {:.4}", r.prob_any_payout);
    let rp = |x: Option<f64>| {
        x.map(|v| format!("{v:.1} yr"))
            .unwrap_or(format!("> {} yr (never in N)", r.years))
    };
    println!(
        "Attachment return period (first non-zero payout): {}",
        rp(r.attachment_return_period_years)
    );
    println!(
        "Exhaustion return period (annual payout ≥ aggregate): {} ({} years)",
        rp(r.exhaustion_return_period_years),
        r.years_exhausted
    );
    println!();
    let p = &r.premium;
    println!(
        "技术保费 Technical premium ({:?}, factor {:.5})",
        p.loadings.combination, p.factor
    );
    for l in &p.lines {
        println!(
            "  {:<26} {:>8} × {:<5} {}",
            l.name_zh,
            l.rate.to_string(),
            l.base,
            m(l.amount)
        );
    }
    println!("  {:<26} {:>18} {}", "技术保费 gross", "", m(p.gross));
    println!(
        "  rounding difference {}; rate on line {}",
        p.rounding_difference, p.rate_on_line
    );
    if let Some(c) = &p.comparison {
        println!(
            "Entered premium {}: ratio to technical {}, difference {}, {}× expected payout, rate on line {}",
            m(c.premium),
            opt(c.ratio_to_technical),
            c.difference,
            opt(c.multiple_of_expected_payout),
            c.rate_on_line
        );
    }
    println!();
    let b = &r.basis_risk;
    println!(
        "基差风险 Basis risk: exposure {:?} (total {}) [I]; Emanuel v_half {} m/s; material loss ≥ {}",
        b.exposure,
        format_cny_zh(b.total_exposure),
        b.damage.v_half_ms,
        format_cny_zh(b.material_loss)
    );
    println!(
        "  expected annual modelled loss {}",
        format_cny_zh(b.expected_annual_modelled_loss)
    );
    for (what, c) in [("events", &b.per_event), ("years", &b.per_year)] {
        println!(
            "  {what:<6} n={:<6} paid+loss {:<5} paid/no loss {:<5} ({})  loss/no pay {:<5} (unpaid {})  neither {:<6} corr {}",
            c.items,
            c.paid_with_loss,
            c.paid_without_loss,
            format_cny_zh(c.payout_without_loss),
            c.loss_without_payout,
            format_cny_zh(c.unpaid_loss),
            c.neither,
            c.correlation.map(|x| format!("{x:.3}")).unwrap_or("-".into())
        );
    }
    println!(
        "  scatter points (catalogue events with payout or loss): {}",
        b.scatter.len()
    );
    Ok(())
}
