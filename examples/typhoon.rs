//! Typhoon wind at Zhongshan's 23 town seats (镇街台风风力), CLIMADA 6.1.0-compatible.
//!
//! ```text
//! cargo run --release --example typhoon -- --storm hato --model H08 --json
//! cargo run --release --example typhoon -- --storm saola --model H1980 --shift-east-km -30
//! cargo run --release --example typhoon -- --storm hato --points FILE.csv --json
//! ```
//!
//! `--points FILE.csv` (header `id,lat,lon,exposure,height_m`) prints the storm's peak
//! surface winds at each point: `{"points":[{"id", "mean_2min_ms", "mean_10min_ms",
//! "mean_60min_ms", "gust_ms", …}]}`; bad input → `[CODE] message` on stderr, exit 2.
//! `--reference` shows CLIMADA's open-terrain reference instead of the surface wind.
//!
//! Flags: `--storm hato|mangkhut|vicente|higos|saola` (default hato), `--model H1980|H08|H10`
//! (default H08), `--json`, `--land-reduction`, what-if: `--shift-east-km X`,
//! `--shift-north-km X`, `--rotate-deg X`, `--dp-hpa X`, `--rmw-km X`, `--speed X`.
//!
//! `peak_wind_ms` is the model wind at the seat (CLIMADA 1-min, open-terrain reference; RMW
//! fitted to CMA wind radii); `wind_2min_ms`, `gust_ms` etc. are surface winds at the town's
//! exposure, 10 m (docs/wind.md); `level` is the GB/T 28591 level of the 2-min mean; `signal`
//! the implied Guangdong typhoon signal (模拟推断, not an official warning).

use serde::Serialize;
use zs_risk_map::hazard::district::{district_peaks_with, WindSettings};
use zs_risk_map::hazard::grid::wind_radii;
use zs_risk_map::hazard::points::{parse_points_csv, point_peaks};
use zs_risk_map::hazard::surface::{Exposure, SiteFactors, WindLayer, CALIBRATED};
use zs_risk_map::hazard::time::{format_bjt, parse_utc};
use zs_risk_map::hazard::{scenarios, PreparedTrack, TrackTransform, WindModel, WindModelOptions};
use zs_risk_map::map::DistrictLayer;

#[derive(Serialize)]
struct Row {
    code: String,
    exposure: &'static str,
    peak_wind_ms: f64,
    level: u8,
    peak_time: Option<String>,
    name_zh: String,
    wind_2min_ms: f64,
    wind_10min_ms: f64,
    wind_60min_ms: f64,
    gust_ms: f64,
    gust_level: u8,
    signal: String,
}

#[derive(Serialize)]
struct Out {
    /// Which wind the values are (variable · layer · exposure · model · RMW).
    wind: String,
    model: &'static str,
    rmw_source: &'static str,
    rmw_fits: Vec<zs_risk_map::hazard::radii::RmwFit>,
    districts: Vec<Row>,
}

struct Args {
    storm: String,
    model: WindModel,
    json: bool,
    land: bool,
    reference: bool,
    points: Option<String>,
    tf: TrackTransform,
}

const USAGE: &str = "usage: typhoon [--storm hato|mangkhut|vicente|higos|saola] [--model H1980|H08|H10] [--json] [--points FILE.csv] [--reference] [--land-reduction] [--shift-east-km X] [--shift-north-km X] [--rotate-deg X] [--dp-hpa X] [--rmw-km X] [--speed X]";

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        storm: "hato".into(),
        model: WindModel::H08,
        json: false,
        land: false,
        reference: false,
        points: None,
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
            "--reference" => a.reference = true,
            "--points" => a.points = Some(value("--points")?),
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

/// `[CODE] message` for library errors.
fn coded(e: zs_risk_map::Error) -> String {
    format!("[{}] {e}", e.code())
}

fn run() -> Result<(), String> {
    let a = parse_args()?;
    let opts = WindModelOptions {
        model: a.model,
        land_reduction: a.land,
        ..Default::default()
    };
    let (base, rmw) = scenarios::sized_track(&a.storm, &opts).map_err(coded)?;
    let track = a.tf.apply(&base).map_err(coded)?;
    let rmw_source = if a.tf.rmw_km.is_some() || a.tf.rmw_factor != 1.0 {
        zs_risk_map::hazard::radii::RmwSource::User
    } else {
        rmw.source
    };
    let prepared = PreparedTrack::new(&track, &opts).map_err(coded)?;
    if let Some(path) = &a.points {
        let meta = std::fs::metadata(path).map_err(|e| format!("[INVALID_INPUT] {path}: {e}"))?;
        if meta.len() > zs_risk_map::hazard::points::MAX_POINTS_BYTES as u64 {
            return Err(format!(
                "[TOO_LARGE] {path}: {} bytes exceeds the {}-byte limit",
                meta.len(),
                zs_risk_map::hazard::points::MAX_POINTS_BYTES
            ));
        }
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("[INVALID_INPUT] {path}: {e}"))?;
        let pts = parse_points_csv(&text).map_err(coded)?;
        let peaks = point_peaks(&prepared, &pts);
        let out = serde_json::json!({
            "wind": "storm peaks of surface winds: 2-, 10-, 60-min means and 3-s gust at each point's exposure and height (docs/wind.md)",
            "model": a.model.name(),
            "rmw_source": rmw_source.label_en(),
            "points": peaks,
        });
        if a.json {
            println!("{out}");
        } else {
            println!(
                "{}",
                serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
            );
        }
        return Ok(());
    }
    let layer = DistrictLayer::builtin();
    let settings = WindSettings {
        layer: if a.reference {
            WindLayer::Reference
        } else {
            WindLayer::Surface
        },
        ..WindSettings::default()
    };
    let peaks = district_peaks_with(&prepared, &layer, &settings);
    let wind = if a.reference {
        format!("CLIMADA 1-min wind, open-terrain reference (levels from its sea-exposure 2-min mean) · model {} · RMW {}", a.model.name(), rmw_source.label_en())
    } else {
        format!("surface winds at 10 m, town exposure (2-min mean → level, 3-s gust → gust level) · model {} · RMW {}", a.model.name(), rmw_source.label_en())
    };
    if a.json {
        let out = Out {
            wind: wind.clone(),
            model: a.model.name(),
            rmw_source: rmw_source.label_en(),
            rmw_fits: rmw.fits.clone(),
            districts: peaks
                .iter()
                .map(|p| Row {
                    code: p.code.clone(),
                    exposure: p.exposure.id(),
                    peak_wind_ms: p.peak_wind_ms,
                    level: p.levels.level,
                    peak_time: p.peak_time.clone(),
                    name_zh: p.name_zh.clone(),
                    wind_2min_ms: p.levels.wind_2min_ms,
                    wind_10min_ms: p.levels.wind_10min_ms,
                    wind_60min_ms: p.levels.wind_60min_ms,
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
            None => rmw_source.label_en().to_string(),
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
    println!("Wind: {wind}; peak = CLIMADA model 1-min; signal = implied Guangdong (模拟推断)");
    for f in &rmw.fits {
        println!(
            "RMW fitted at {}: {:.1} km ({} reported radii, rms ln error {:.2})",
            zs_risk_map::hazard::time::format_utc(f.time_s),
            f.rmw_km,
            f.n_radii,
            f.rms_log_error
        );
    }
    println!(
        "{:<10} {:<8} {:<8} {:>7} {:>7} {:>4} {:>7} {:>4}  {:<20} signal",
        "code", "town", "exposure", "model", "2-min", "级", "gust", "级", "time (BJT)"
    );
    for p in &peaks {
        let t = p
            .peak_time
            .as_deref()
            .and_then(|s| parse_utc(s).ok())
            .map(format_bjt)
            .unwrap_or_else(|| "-".into());
        println!(
            "{:<10} {:<8} {:<8} {:>7.1} {:>7.1} {:>4} {:>7.1} {:>4}  {:<20} {}",
            p.code,
            p.name_zh,
            p.exposure.id(),
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
    let heat = SiteFactors::new(&settings.site(Exposure::Open), &CALIBRATED).mean_2min;
    write_briefing_svg(&a.storm, &track, &prepared, &layer, &peaks, heat)?;
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
    heat_2min_factor: f64,
) -> Result<(), String> {
    use zs_risk_map::layers::{wind_level_spec, PaintedLayer};
    use zs_risk_map::present::typhoon::scenario_overlays;
    use zs_risk_map::render::{svg::to_svg_string, Lang, MapView};
    let values = peaks
        .iter()
        .map(|p| (p.code.clone(), p.levels.wind_2min_ms))
        .collect();
    let spec = wind_level_spec(
        "wind_peak",
        "峰值2分钟平均风 · 地表10米 · 城镇暴露",
        "Peak 2-min mean wind · surface 10 m · town exposure",
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
        overlays: scenario_overlays(
            prepared,
            track,
            &zs_risk_map::hazard::GridSpec::zhongshan_001(),
            None,
            Some(heat_2min_factor),
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
