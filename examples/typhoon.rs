//! Typhoon wind at Zhongshan's 23 town seats (镇街台风风力), CLIMADA 6.1.0-compatible.
//!
//! ```text
//! cargo run --release --example typhoon -- --storm hato --model H08 --json
//! cargo run --release --example typhoon -- --storm saola --model H1980 --shift-east-km -30
//! ```
//!
//! Flags: `--storm hato|mangkhut|vicente|higos|saola` (default hato), `--model H1980|H08|H10`
//! (default H08), `--json`, `--land-reduction`, what-if: `--shift-east-km X`,
//! `--shift-north-km X`, `--rotate-deg X`, `--dp-hpa X`, `--rmw-km X`, `--speed X`.
//!
//! `peak_wind_ms` is the 1-min sustained 10 m wind at the seat (open terrain, CLIMADA WP
//! defaults: p_env 1005 hPa, RMW from `estimate_rmw`, CMA 2-min ÷ 0.871, no land reduction);
//! `level` is the GB/T 28591 level of its CMA 2-min equivalent (× 0.871); `signal` is the
//! implied Guangdong typhoon signal (模拟推断, not an official warning).

use serde::Serialize;
use zs_risk_map::hazard::district::district_peaks;
use zs_risk_map::hazard::grid::wind_radii;
use zs_risk_map::hazard::time::{format_bjt, parse_utc};
use zs_risk_map::hazard::{scenarios, PreparedTrack, TrackTransform, WindModel, WindModelOptions};
use zs_risk_map::map::DistrictLayer;

#[derive(Serialize)]
struct Row {
    code: String,
    peak_wind_ms: f64,
    level: u8,
    peak_time: Option<String>,
    name_zh: String,
    wind_2min_ms: f64,
    gust_ms: f64,
    gust_level: u8,
    signal: String,
}

#[derive(Serialize)]
struct Out {
    districts: Vec<Row>,
}

struct Args {
    storm: String,
    model: WindModel,
    json: bool,
    land: bool,
    tf: TrackTransform,
}

const USAGE: &str = "usage: typhoon [--storm hato|mangkhut|vicente|higos|saola] [--model H1980|H08|H10] [--json] [--land-reduction] [--shift-east-km X] [--shift-north-km X] [--rotate-deg X] [--dp-hpa X] [--rmw-km X] [--speed X]";

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        storm: "hato".into(),
        model: WindModel::H08,
        json: false,
        land: false,
        tf: TrackTransform::default(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = |f: &str| {
            it.next()
                .ok_or_else(|| format!("{f} needs a value\n{USAGE}"))
        };
        let mut num = |f: &str| -> Result<f64, String> {
            let v = value(f)?;
            v.parse::<f64>()
                .map_err(|_| format!("{f}: {v:?} is not a number"))
        };
        match flag.as_str() {
            "--storm" => a.storm = value("--storm")?.to_ascii_lowercase(),
            "--model" => {
                a.model = WindModel::parse(&value("--model")?).map_err(|e| e.to_string())?
            }
            "--json" => a.json = true,
            "--land-reduction" => a.land = true,
            "--shift-east-km" => a.tf.shift_east_km = num(&flag)?,
            "--shift-north-km" => a.tf.shift_north_km = num(&flag)?,
            "--rotate-deg" => a.tf.rotate_deg = num(&flag)?,
            "--dp-hpa" => a.tf.dp_hpa = num(&flag)?,
            "--rmw-km" => a.tf.rmw_km = Some(num(&flag)?),
            "--speed" => a.tf.speed_factor = num(&flag)?,
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown flag {other:?}\n{USAGE}")),
        }
    }
    Ok(a)
}

fn run() -> Result<(), String> {
    let a = parse_args()?;
    let base = scenarios::track(&a.storm).map_err(|e| e.to_string())?;
    let track = a.tf.apply(&base).map_err(|e| e.to_string())?;
    let opts = WindModelOptions {
        model: a.model,
        land_reduction: a.land,
        ..Default::default()
    };
    let prepared = PreparedTrack::new(&track, &opts).map_err(|e| e.to_string())?;
    let layer = DistrictLayer::builtin();
    let peaks = district_peaks(&prepared, &layer);
    if a.json {
        let out = Out {
            districts: peaks
                .iter()
                .map(|p| Row {
                    code: p.code.clone(),
                    peak_wind_ms: p.peak_wind_ms,
                    level: p.levels.level,
                    peak_time: p.peak_time.clone(),
                    name_zh: p.name_zh.clone(),
                    wind_2min_ms: p.levels.wind_2min_ms,
                    gust_ms: p.levels.gust_ms,
                    gust_level: p.levels.gust_level,
                    signal: format!("{:?}", p.levels.signal).to_lowercase(),
                })
                .collect(),
        };
        println!(
            "{}",
            serde_json::to_string(&out).map_err(|e| e.to_string())?
        );
        return Ok(());
    }
    println!(
        "Storm: {} {} — {}",
        track.name_zh(),
        track.name_en(),
        track.source()
    );
    println!(
        "Model: {} (CLIMADA 6.1.0 chain), step {} h, p_env {} hPa, RMW {}, ρ {}, cut-off {} km, {}",
        a.model.name(),
        opts.time_step_h,
        opts.penv_default_hpa,
        match a.tf.rmw_km {
            Some(r) => format!("{r} km (what-if)"),
            None => "CLIMADA estimate_rmw".into(),
        },
        opts.rho_air,
        opts.max_dist_eye_km,
        if a.land {
            "land-reduced ×0.8"
        } else {
            "open terrain (no land reduction)"
        }
    );
    if !a.tf.is_identity() {
        println!("What-if: {:?}", a.tf);
    }
    println!("Wind: 1-min sustained 10 m; 2-min = ×0.871 (feeds 级 GB/T 28591); gust = ×1.49; signal = implied Guangdong (模拟推断)");
    println!(
        "{:<10} {:<8} {:>7} {:>7} {:>4} {:>7} {:>4}  {:<20} signal",
        "code", "town", "peak", "2-min", "级", "gust", "级", "time (BJT)"
    );
    for p in &peaks {
        let t = p
            .peak_time
            .as_deref()
            .and_then(|s| parse_utc(s).ok())
            .map(format_bjt)
            .unwrap_or_else(|| "-".into());
        println!(
            "{:<10} {:<8} {:>7.1} {:>7.1} {:>4} {:>7.1} {:>4}  {:<20} {}",
            p.code,
            p.name_zh,
            p.peak_wind_ms,
            p.levels.wind_2min_ms,
            p.levels.level,
            p.levels.gust_ms,
            p.levels.gust_level,
            t,
            p.levels.signal.colour_zh()
        );
    }
    // Wind radii (风圈) at the hourly node nearest Shiqi, for comparison with CMA's R7/R10/R12.
    let (rlat, rlon) = zs_risk_map::hazard::transform::ZHONGSHAN_REF;
    let k = (1..prepared.len())
        .min_by(|&a, &b| {
            let d = |k: usize| {
                let n = &prepared.nodes()[k];
                (n.lat - rlat).powi(2) + ((n.lon - rlon) * rlat.to_radians().cos()).powi(2)
            };
            d(a).total_cmp(&d(b))
        })
        .unwrap_or(0);
    let n = &prepared.nodes()[k];
    let t = parse_utc(&zs_risk_map::hazard::time::format_utc(n.time_s))
        .map(format_bjt)
        .unwrap_or_default();
    print!(
        "Centre at {t}: {:.2} N {:.2} E, {:.0} hPa, RMW {:.1} km{}; radii NE/SE/SW/NW (km, 2-min ≥ threshold):",
        n.lat,
        n.lon,
        n.pc_hpa,
        n.rmw_km,
        if n.rmw_estimated { " (estimated)" } else { "" }
    );
    for (name, thr) in [("R7", 13.9), ("R10", 24.5), ("R12", 32.7)] {
        let r = wind_radii(&prepared, k, thr).map_err(|e| e.to_string())?;
        let q = r.quadrant_max_km;
        print!(" {name} {:.0}/{:.0}/{:.0}/{:.0}", q[0], q[1], q[2], q[3]);
    }
    println!();
    let (lo, hi) = peaks.iter().fold((f64::MAX, 0.0f64), |(l, h), p| {
        (l.min(p.peak_wind_ms), h.max(p.peak_wind_ms))
    });
    println!("Peak 1-min wind over the 23 seats: {lo:.1}–{hi:.1} m/s");
    write_briefing_svg(&a.storm, &track, &prepared, &layer, &peaks)?;
    Ok(())
}

/// The native twin of the widget's 台风情景 view: towns coloured by the wind-force level of
/// their peak wind, the heat map of the peak field, the track; written to
/// `target/briefing-<storm>.svg`.
fn write_briefing_svg(
    storm: &str,
    track: &zs_risk_map::hazard::Track,
    prepared: &PreparedTrack,
    layer: &DistrictLayer,
    peaks: &[zs_risk_map::hazard::DistrictPeak],
) -> Result<(), String> {
    use zs_risk_map::layers::{wind_level_spec, PaintedLayer};
    use zs_risk_map::render::{svg::to_svg_string, typhoon::typhoon_overlays, Lang, MapView};
    let values = peaks
        .iter()
        .map(|p| (p.code.clone(), p.levels.wind_2min_ms))
        .collect();
    let spec = wind_level_spec(
        "wind_peak",
        "峰值风速（2分钟平均）",
        "Peak wind (2-min mean)",
    );
    let painted = PaintedLayer::from_values(&spec, layer, &values);
    let mut buf = Vec::new();
    let view = MapView {
        lang: Lang::Zh,
        title: format!("{} {} · 峰值风力等级", track.name_zh(), track.name_en()),
        labels: true,
        type_scale: 1.0,
        furniture: true,
        pad_fraction: 0.3,
        overlays: typhoon_overlays(
            prepared,
            track,
            &zs_risk_map::hazard::GridSpec::zhongshan_001(),
            None,
            true,
            Lang::Zh,
            &mut buf,
        ),
        ..MapView::default()
    };
    let (svg, _) = to_svg_string(layer, &painted, &view, 1200, 900).map_err(|e| e.to_string())?;
    let path = format!("{}/target/briefing-{storm}.svg", env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(format!("{}/target", env!("CARGO_MANIFEST_DIR")))
        .map_err(|e| e.to_string())?;
    std::fs::write(&path, svg).map_err(|e| format!("{path}: {e}"))?;
    let mut per_level = std::collections::BTreeMap::new();
    for p in peaks {
        *per_level.entry(p.levels.level).or_insert(0) += 1;
    }
    let counts: Vec<String> = per_level
        .iter()
        .map(|(l, n)| format!("{l}级×{n}"))
        .collect();
    println!(
        "Briefing map: {path} (towns per level: {})",
        counts.join(", ")
    );
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}
