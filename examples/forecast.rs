//! Forecast mode (预报模式) on the command line: a bulletin → per-town probabilities of
//! 8/10/12 级 and of each implied warning signal, and the index-insurance payout distribution
//! under the default 示例 policy.
//!
//! ```text
//! cargo run --release --example forecast -- --bulletin data/forecasts/example_bulletin.json --members 200 --seed 7 --json
//! ```
//!
//! JSON: `{"members", "seed", "issued", "districts": [{"code", "name_zh", "exposure",
//! "p_level_ge": {"8","10","12"}, "p_signal": {"white","blue","yellow","orange","red"}}],
//! "payout": {"unit": "元", "p_any", "mean", "p10", "p50", "p90", "min", "max", "histogram"}}`.
//! Probabilities are shares of members (0…1); `p_level_ge` is of the peak 2-min mean wind at
//! 10 m at the town's exposure (GB/T 28591 levels); `p_signal` is P(implied Guangdong signal
//! ≥ colour). Money is in 元 as decimal strings with two places (as the payout CLI), paid
//! after deductible and caps. Bad input: `[CODE] message` on stderr, exit status 2.

use std::process::ExitCode;

use serde_json::{json, Value};
use zs_risk_map::forecast::{Bulletin, ForecastConfig, ForecastResult, ForecastRun};
use zs_risk_map::map::DistrictLayer;
use zs_risk_map::payout::Policy;
use zs_risk_map::Error;

struct Args {
    bulletin: String,
    members: u32,
    seed: u64,
    json: bool,
}

fn usage() -> Error {
    Error::InvalidInput(
        "usage: forecast --bulletin FILE [--members N (200)] [--seed S (2023)] [--json]".into(),
    )
}

fn parse_args() -> Result<Args, Error> {
    let mut bulletin = None;
    let mut members = 200u32;
    let mut seed = 2023u64;
    let mut json = false;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--bulletin" => bulletin = Some(it.next().ok_or_else(usage)?),
            "--members" => {
                let v = it.next().ok_or_else(usage)?;
                members = v.parse().map_err(|_| {
                    Error::invalid_field(
                        "members",
                        format!("集合成员数“{v}”不是正整数"),
                        format!("members '{v}' is not a whole number"),
                    )
                })?;
            }
            "--seed" => {
                let v = it.next().ok_or_else(usage)?;
                seed = v.parse().map_err(|_| {
                    Error::invalid_field(
                        "seed",
                        format!("随机种子“{v}”不是非负整数"),
                        format!("seed '{v}' is not a non-negative whole number"),
                    )
                })?;
            }
            "--json" => json = true,
            _ => return Err(usage()),
        }
    }
    Ok(Args {
        bulletin: bulletin.ok_or_else(usage)?,
        members,
        seed,
        json,
    })
}

fn to_json(r: &ForecastResult) -> Value {
    let p = &r.payout;
    json!({
        "name_zh": r.name_zh,
        "issued": r.issued,
        "members": r.members,
        "seed": r.seed,
        "wind": "peak 2-min mean wind, 10 m, town exposure (GB/T 28591 levels)",
        "districts": r.districts.iter().map(|d| json!({
            "code": d.code,
            "name_zh": d.name_zh,
            "exposure": d.exposure,
            "p_level_ge": d.p_level_ge,
            "p_signal": d.p_signal,
            "wind_2min_p50_ms": d.wind_2min_p50_ms,
            "wind_2min_p90_ms": d.wind_2min_p90_ms,
        })).collect::<Vec<_>>(),
        "payout": {
            "unit": "元 (yuan, paid after deductible and caps)",
            "p_any": p.p_any,
            "mean": p.mean_yuan.to_string(),
            "p10": p.p10_yuan.to_string(),
            "p50": p.p50_yuan.to_string(),
            "p90": p.p90_yuan.to_string(),
            "min": p.min_yuan.to_string(),
            "max": p.max_yuan.to_string(),
            "histogram": p.histogram.iter().map(|b| json!({
                "lo": b.lo_yuan.to_string(), "hi": b.hi_yuan.to_string(), "count": b.count,
            })).collect::<Vec<_>>(),
        },
        "citation": r.citation,
    })
}

fn run() -> Result<(), Error> {
    let args = parse_args()?;
    let text = std::fs::read_to_string(&args.bulletin).map_err(|e| {
        Error::invalid_field(
            "bulletin",
            format!("无法读取预报报文 {}：{e}", args.bulletin),
            format!("cannot read bulletin {}: {e}", args.bulletin),
        )
    })?;
    let bulletin = Bulletin::from_json(&text)?;
    let config = ForecastConfig {
        members: args.members,
        seed: args.seed,
        ..Default::default()
    };
    let mut run = ForecastRun::new(
        &bulletin,
        &config,
        &DistrictLayer::builtin(),
        &Policy::default_zhongshan(),
    )?;
    while !run.is_done() {
        run.step(50)?;
    }
    let r = run.result()?;
    if args.json {
        println!("{}", to_json(&r));
        return Ok(());
    }
    println!(
        "{} · issued {} · {} members (seed {})",
        r.name_zh, r.issued, r.members, r.seed
    );
    println!("P(level ≥ 8/10/12) of the peak 2-min mean, 10 m, town exposure; P(signal ≥ yellow/orange/red)");
    for d in &r.districts {
        println!(
            "{:<10} {:<9} {:>5.2} {:>5.2} {:>5.2} | {:>5.2} {:>5.2} {:>5.2}",
            d.code,
            d.name_zh,
            d.p_level_ge.ge8,
            d.p_level_ge.ge10,
            d.p_level_ge.ge12,
            d.p_signal.yellow,
            d.p_signal.orange,
            d.p_signal.red
        );
    }
    let p = &r.payout;
    println!(
        "payout (元, after caps): P(any) {:.2}, mean {}, p10 {}, p50 {}, p90 {}, min {}, max {}",
        p.p_any, p.mean_yuan, p.p10_yuan, p.p50_yuan, p.p90_yuan, p.min_yuan, p.max_yuan
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("[{}] {e}", e.code());
            ExitCode::from(2)
        }
    }
}
