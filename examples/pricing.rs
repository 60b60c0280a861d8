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

use rust_decimal::Decimal;
use zs_risk_map::hazard::WindModelOptions;
use zs_risk_map::money::format_cny_zh;
use zs_risk_map::payout::limits;
use zs_risk_map::payout::Policy;
use zs_risk_map::pricing::premium::Combination;
use zs_risk_map::pricing::report::result_csv;
use zs_risk_map::pricing::{Catalogue, CatalogueConfig, Simulation, SimulationConfig};
use zs_risk_map::Error;

/// Errors print `[CODE] message` on stderr and exit with status 2 (never a panic).
fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("[{}] {e}", e.code());
            eprintln!(
                "usage: pricing [--years N] [--seed S] [--lambda L] [--catalogue K] \
                 [--premium YUAN] [--events FILE] [--additive] [--json | --csv]"
            );
            ExitCode::from(2)
        }
    }
}

/// A command-line argument error naming the flag.
fn arg_error(flag: &str, what: &str) -> Error {
    Error::invalid_field(flag, format!("{flag}：{what}"), what.to_string())
}

/// Parses a whole number for `flag` (u64 range; the engine checks the domain).
fn whole(flag: &str, text: &str) -> Result<u64, Error> {
    text.trim()
        .parse::<u64>()
        .map_err(|_| arg_error(flag, &format!("'{text}' is not a whole number ≥ 0")))
}

fn run() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut cat_cfg = CatalogueConfig::default();
    let mut sim_cfg = SimulationConfig::default();
    let (mut json, mut csv, mut events) = (false, false, None);
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut val = || {
            it.next()
                .cloned()
                .ok_or_else(|| arg_error(flag, "needs a value"))
        };
        match flag.as_str() {
            "--years" => {
                let y = whole(flag, &val()?)?;
                sim_cfg.years = u32::try_from(y).unwrap_or(u32::MAX);
            }
            "--seed" => {
                let s = whole(flag, &val()?)?;
                sim_cfg.seed = s;
                cat_cfg.seed = s;
            }
            "--lambda" => {
                let text = val()?;
                let l: f64 = text
                    .trim()
                    .parse()
                    .map_err(|_| arg_error(flag, &format!("'{text}' is not a number")))?;
                cat_cfg.lambda = l;
                sim_cfg.lambda = Some(l);
            }
            "--catalogue" => {
                let k = whole(flag, &val()?)?;
                cat_cfg.size = usize::try_from(k).unwrap_or(usize::MAX);
            }
            "--premium" => {
                let text = val()?;
                sim_cfg.compare_premium = Some(limits::parse_dec(
                    "pricing.compare_premium",
                    "对比保费（元）",
                    "premium to compare (yuan)",
                    &text,
                )?);
            }
            "--events" => events = Some(val()?),
            "--additive" => sim_cfg.loadings.combination = Combination::Additive,
            "--json" => json = true,
            "--csv" => csv = true,
            other => return Err(arg_error(other, "unknown argument")),
        }
    }
    let catalogue = match &events {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| arg_error("--events", &format!("{path}: {e}")))?;
            if !args.iter().any(|a| a == "--lambda") {
                sim_cfg.lambda = None;
            }
            Catalogue::from_event_set_json(&text, &WindModelOptions::default())?
        }
        None => Catalogue::synthetic(&cat_cfg)?,
    };
    let policy = Policy::default_zhongshan();
    let mut sim = Simulation::new(&catalogue, &policy, &sim_cfg)?;
    while !sim.is_done() {
        sim.step(1000);
    }
    let r = sim.result()?;
    if json {
        let text = serde_json::to_string_pretty(&r)
            .map_err(|e| Error::InvalidInput(format!("JSON output: {e}")))?;
        println!("{text}");
        return Ok(());
    }
    if csv {
        print!("{}", result_csv(&r));
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
        "{:>8} {:>10} {:>18} {:>18} {:>12}",
        "RP (yr)", "EP", "AEP yuan", "OEP yuan", "exceedances"
    );
    for row in &r.return_periods {
        println!(
            "{:>8} {:>10.4} {:>18} {:>18} {:>12}{}",
            row.return_period_years,
            row.exceedance_probability,
            opt(row.annual_payout),
            opt(row.occurrence_payout),
            row.exceedances,
            if row.few_exceedances {
                "  (few: 仅少数超越)"
            } else {
                ""
            }
        );
    }
    println!("OEP = largest single event payout of the year, before the annual aggregate.");
    println!();
    println!(
        "期望年赔付 Expected annual payout: {} ± {} (1 SE = year sampling {} ⊕ catalogue sampling {}; relative SE {})",
        m(r.expected_annual_payout),
        r.standard_error,
        r.standard_error_years,
        r.standard_error_catalogue,
        r.relative_standard_error
            .map(|x| format!("{:.2} %", x * 100.0))
            .unwrap_or("-".into())
    );
    println!(
        "  = E[payout before the aggregate] {} − mean cut by the aggregate {} (plain mean of the years {})",
        r.expected_before_aggregate, r.mean_cut_by_aggregate, r.mean_simulated_annual_payout
    );
    println!("P(any payout in a year): {:.4}", r.prob_any_payout);
    let rp = |x: Option<f64>, k: u64| {
        x.map(|v| {
            let few = if k < r.few_exceedances_below {
                format!(", only {k} exceedances")
            } else {
                format!(", {k} exceedances")
            };
            format!("{v:.1} yr{few}")
        })
        .unwrap_or(format!("> {} yr (never in N)", r.years))
    };
    println!(
        "Attachment return period (first non-zero payout): {}",
        rp(r.attachment_return_period_years, r.years_paying)
    );
    println!(
        "Exhaustion return period (annual payout ≥ aggregate): {}",
        rp(r.exhaustion_return_period_years, r.years_exhausted)
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
