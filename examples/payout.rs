//! Catastrophe-index payout (巨灾指数保险赔付) for given per-district indices.
//!
//! ```text
//! cargo run --release --example payout -- --storm hato --json   # Hato through the hazard engine
//! cargo run --example payout -- --indices winds.json            # {"442000107": 41.3, …} m/s
//! cargo run --example payout -- --rain rain.json --json         # {"mm": {…}} / {"uniform_mm": …}
//! cargo run --example payout -- --policy data/policies/default_zhongshan.json --indices w.json
//! ```
//!
//! `--policy FILE` (default: the built-in 示例 policy), `--indices FILE` (peak wind in m/s per
//! district code, typhoon peril), `--rain FILE` (a rainstorm scenario), `--json` for
//! `{"total":"…","districts":[{"code","index","level","ratio","payout"}]}` (money as decimal
//! strings in yuan). Given both inputs, they are paid as one season (wind first) and the JSON
//! becomes `{"total":"…","events":[{"name","total","districts"}]}`. No storm data is built in:
//! the indices come from [`wind_indices`], one call to swap for the hazard engine.

use std::collections::BTreeMap;
use std::process::ExitCode;

use serde_json::{json, Value};
use zs_risk_map::payout::engine::{pay_season, Event, EventIndices, EventPayout};
use zs_risk_map::payout::explain::explain_event;
use zs_risk_map::payout::policy::Policy;
use zs_risk_map::payout::scenario::{wind_indices_from_json, RainScenario};
use zs_risk_map::payout::timeline::{schedule, TimelineSpec};
use zs_risk_map::scales::WindIndex;
use zs_risk_map::Error;

/// A command-line problem (argument, file) as a coded error naming the flag.
fn arg_error(flag: &str, what: &str) -> Error {
    Error::invalid_field(flag, format!("{flag}：{what}"), what.to_string())
}

struct Args {
    policy: Option<String>,
    storm: Option<String>,
    model: String,
    indices: Option<String>,
    rain: Option<String>,
    json: bool,
}

fn parse_args() -> Result<Args, Error> {
    let mut a = Args {
        policy: None,
        storm: None,
        model: "H08".into(),
        indices: None,
        rain: None,
        json: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| arg_error(name, "needs a value"));
        match arg.as_str() {
            "--policy" => a.policy = Some(value("--policy")?),
            "--indices" => a.indices = Some(value("--indices")?),
            "--storm" => a.storm = Some(value("--storm")?.to_ascii_lowercase()),
            "--model" => a.model = value("--model")?,
            "--rain" => a.rain = Some(value("--rain")?),
            "--json" => a.json = true,
            "-h" | "--help" => return Err(arg_error("--help", "usage below")),
            other => return Err(arg_error(other, "unknown argument")),
        }
    }
    if a.indices.is_none() && a.rain.is_none() && a.storm.is_none() {
        return Err(arg_error(
            "--storm",
            "give --storm NAME, --indices FILE and/or --rain FILE",
        ));
    }
    Ok(a)
}

fn read(path: &str) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|e| arg_error(path, &e.to_string()))
}

/// Per-district peak winds for the typhoon peril. The lead swaps this for the hazard engine
/// (`--storm hato`); everything after it stays the same.
fn wind_indices(path: &str) -> Result<BTreeMap<String, WindIndex>, Error> {
    wind_indices_from_json(&read(path)?)
}

/// Per-district index of a built-in storm from the hazard engine: the wind the policy's index
/// names (`spec`: variable and exposure) at each town seat, as the payout view uses it.
fn storm_indices(
    storm: &str,
    model: &str,
    spec: &zs_risk_map::hazard::district::IndexSpec,
) -> Result<BTreeMap<String, WindIndex>, Error> {
    use zs_risk_map::hazard::{
        district::{town_exposure, town_index},
        scenarios, PreparedTrack, WindModel, WindModelOptions,
    };
    let options = WindModelOptions {
        model: WindModel::parse(model)?,
        ..WindModelOptions::default()
    };
    // The built-in storm sized by CMA's wind radii, as the typhoon view shows it.
    let (track, _) = scenarios::sized_track(storm, &options)?;
    let prepared = PreparedTrack::new(&track, &options)?;
    Ok(zs_risk_map::map::DistrictLayer::builtin()
        .districts()
        .iter()
        .map(|d| {
            let v = town_index(
                &prepared,
                d.seat.y(),
                d.seat.x(),
                town_exposure(&d.code),
                spec,
            );
            (d.code.clone(), v)
        })
        .collect())
}

fn event_json(e: &EventPayout) -> Value {
    json!({
        "total": e.paid.to_string(),
        "districts": e.districts.iter().map(|d| json!({
            "code": d.code,
            "index": d.index,
            "level": d.level,
            "ratio": d.ratio.to_string(),
            "payout": d.payout.to_string(),
        })).collect::<Vec<_>>(),
    })
}

fn run() -> Result<(), Error> {
    let args = parse_args()?;
    let policy = match &args.policy {
        None => Policy::default_zhongshan(),
        Some(p) => Policy::from_json(&read(p)?)?,
    };
    let mut events = Vec::new();
    if let Some(storm) = &args.storm {
        events.push(Event {
            name: format!("{storm} ({}, CMA best track)", args.model),
            indices: EventIndices::Wind(storm_indices(storm, &args.model, &policy.wind_index())?),
        });
    }
    if let Some(path) = &args.indices {
        let indices: BTreeMap<String, WindIndex> = wind_indices(path)?;
        events.push(Event {
            name: format!("typhoon winds from {path}"),
            indices: EventIndices::Wind(indices),
        });
    }
    if let Some(path) = &args.rain {
        let sc = RainScenario::from_json(&read(path)?)?;
        let indices = sc.indices_for(&policy)?;
        events.push(Event {
            name: sc.name.clone(),
            indices,
        });
    }
    let season = pay_season(&policy, &events)?;

    if args.json {
        let mut out = if season.events.len() == 1 {
            event_json(&season.events[0])
        } else {
            json!({
                "total": season.total_paid.to_string(),
                "events": season.events.iter().map(|e| {
                    let mut v = event_json(e);
                    v["name"] = json!(e.name);
                    v
                }).collect::<Vec<_>>(),
            })
        };
        // Which wind the typhoon index reads (policy `perils.typhoon.index`, docs/wind.md §7).
        out["index_wind"] = json!(policy.wind_index());
        out["index_wind_zh"] = json!(policy.wind_index().label_zh());
        out["index_wind_en"] = json!(policy.wind_index().label_en());
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        return Ok(());
    }

    println!("Policy: {} [{}]", policy.label, policy.status.name_en());
    println!("Typhoon index wind: {}", policy.wind_index().label_en());
    println!(
        "Sum insured {} yuan; per-event cap {}; annual aggregate {}; deductible {}",
        policy.sum_insured, policy.per_event_cap, policy.annual_aggregate, policy.deductible
    );
    for e in &season.events {
        println!("\nEvent: {}", e.name);
        println!(
            "{:<10} {:<12} {:>7} {:>5} {:>6} {:>8} {:>14}",
            "code", "town", "index", "level", "ratio", "weight", "payout_yuan"
        );
        for d in &e.districts {
            println!(
                "{:<10} {:<12} {:>7} {:>5} {:>6} {:>8} {:>14}",
                d.code,
                d.name_zh,
                d.index.map(|v| format!("{v:.1}")).unwrap_or_default(),
                d.level.map(|l| l.to_string()).unwrap_or_default(),
                zs_risk_map::payout::explain::pct(d.ratio),
                zs_risk_map::payout::explain::pct(d.weight),
                d.payout
            );
        }
        let paying = e.districts.iter().filter(|d| !d.payout.is_zero()).count();
        println!(
            "Total: {} yuan; towns paying {paying} / {}",
            e.paid,
            e.districts.len()
        );
        println!("\n说明 / explanation:");
        let x = explain_event(&policy, e);
        for (zh, en) in x.zh.iter().zip(&x.en) {
            println!("  {zh}\n  {en}");
        }
        for i in schedule(e.paid, policy.prepay_fraction, &TimelineSpec::default()) {
            println!(
                "  {} / {}: {} yuan, {}–{} h after landfall",
                i.label_zh, i.label_en, i.amount, i.from_h, i.to_h
            );
        }
    }
    if season.events.len() > 1 {
        println!(
            "\nSeason: paid {} yuan (cut by deductible {}, per-event cap {}, aggregate {})",
            season.total_paid,
            season.cut_by_deductible,
            season.cut_by_event_cap,
            season.cut_by_aggregate
        );
    }
    println!("\n示意 / illustrative tiers — not a Zhongshan contract unless the policy says so.");
    Ok(())
}

/// Errors print `[CODE] message` on stderr and exit with status 2 (never a panic).
fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("[{}] {e}", e.code());
            eprintln!("usage: payout [--storm hato|mangkhut|vicente|higos|saola] [--model H08|H1980|H10] [--policy FILE] [--indices FILE] [--rain FILE] [--json]");
            ExitCode::from(2)
        }
    }
}
