//! The surface-wind layer against observed station winds (Hong Kong Observatory, Tropical
//! Cyclone Impact Dataset; `../shared/data/hko_station_winds_calibration.csv`, read at test
//! time, never committed). docs/wind.md §6.
//!
//! Each station's exposure and anemometer height above ground come from its siting note
//! (`tests/data/hko_stations_exposure.csv`, with the reasoning per station). Hilltop stations
//! and rows whose note carries a `QC:` flag are excluded. The model: built-in storm, RMW
//! fitted to CMA wind radii, H08, the calibrated surface parameters; peak over the track at
//! the station's coordinates. Printed per storm: bias = median ln(model/observed) and the
//! median |ln(model/observed)|, for the maximum 3-s gust and the maximum 60-min mean.
//! `cargo test --test hazard_calibration -- --nocapture` prints the table.

use std::collections::BTreeMap;
use std::path::PathBuf;

use zs_risk_map::csv_lite;
use zs_risk_map::hazard::radii::{builtin_radii, size_from_radii};
use zs_risk_map::hazard::scenarios;
use zs_risk_map::hazard::surface::{Exposure, Site, SiteFactors, SurfaceParams, CALIBRATED};
use zs_risk_map::hazard::{PreparedTrack, WindModelOptions};

/// Finds `shared/data/NAME` in the manifest directory's ancestors (the repository sits at
/// `/work/main` or in a worktree two levels deeper).
fn shared_data(name: &str) -> PathBuf {
    let mut dir = Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    while let Some(d) = dir {
        let p = d.join("shared/data").join(name);
        if p.exists() {
            return p;
        }
        dir = d.parent().map(PathBuf::from);
    }
    panic!("shared/data/{name} is needed for this test (not found above the crate)");
}

struct Obs {
    storm: String,
    station: String,
    lat: f64,
    lon: f64,
    gust: f64,
    mean60: f64,
    site: Site,
}

fn observations() -> Vec<Obs> {
    let text = std::fs::read_to_string(shared_data("hko_station_winds_calibration.csv")).unwrap();
    let obs = csv_lite::parse(&text).unwrap();
    let meta_text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/hko_stations_exposure.csv"
    ))
    .unwrap();
    let meta = csv_lite::parse(&meta_text).unwrap();
    let mut sites = BTreeMap::new();
    for r in &meta.records {
        let g = |c: &str| meta.get(r, c).unwrap().to_string();
        sites.insert(
            g("station_id"),
            (
                Exposure::parse("exposure", &g("exposure")).unwrap(),
                g("height_m").parse::<f64>().unwrap(),
                g("use"),
            ),
        );
    }
    let mut out = Vec::new();
    for r in &obs.records {
        let g = |c: &str| obs.get(r, c).unwrap_or("").trim().to_string();
        let id = g("station_id");
        let (exposure, height_m, use_) = sites
            .get(&id)
            .unwrap_or_else(|| panic!("station {id} has no exposure row"))
            .clone();
        if use_ != "yes" || g("exposure").contains("QC:") {
            continue;
        }
        let storm = g("storm").split_whitespace().next().unwrap().to_lowercase();
        let (Ok(gust), Ok(mean60)) = (g("max_gust_ms").parse(), g("max_60min_ms").parse()) else {
            continue;
        };
        out.push(Obs {
            storm,
            station: id,
            lat: g("lat").parse().unwrap(),
            lon: g("lon").parse().unwrap(),
            gust,
            mean60,
            site: Site { exposure, height_m },
        });
    }
    out
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    assert!(n > 0);
    if n % 2 == 1 {
        v[n / 2]
    } else {
        0.5 * (v[n / 2 - 1] + v[n / 2])
    }
}

/// (storm, gust ln-ratios, 60-min ln-ratios).
fn log_ratios(params: &SurfaceParams, verbose: bool) -> Vec<(String, Vec<f64>, Vec<f64>)> {
    let obs = observations();
    let options = WindModelOptions::default();
    let mut out = Vec::new();
    for storm in ["vicente", "hato", "higos"] {
        let track = scenarios::track(storm).unwrap();
        let (sized, info) =
            size_from_radii(&track, &builtin_radii(storm).unwrap(), &options).unwrap();
        if verbose {
            for f in &info.fits {
                println!(
                    "{storm}: RMW {:.1} km at {} (rms ln err {:.2}, {} radii)",
                    f.rmw_km, f.time_s, f.rms_log_error, f.n_radii
                );
            }
        }
        let p = PreparedTrack::new(&sized, &options).unwrap();
        let (mut lg, mut lm) = (Vec::new(), Vec::new());
        for o in obs.iter().filter(|o| o.storm == storm) {
            let v = p.peak_at(o.lat, o.lon).0;
            let f = SiteFactors::new(&o.site, params);
            let w = f.winds(v);
            let m60 = f.mean_60min * p.peak_hourly_mean_at(o.lat, o.lon);
            let (a, b) = ((w.gust_ms / o.gust).ln(), (m60 / o.mean60).ln());
            if verbose {
                println!(
                    "{storm:8} {:7} {:8} {:4.0} m  model {v:5.1} → gust {:5.1} (obs {:5.1}, ln {a:+.2})  60-min {:5.1} (obs {:5.1}, ln {b:+.2})",
                    o.station,
                    o.site.exposure.id(),
                    o.site.height_m,
                    w.gust_ms,
                    o.gust,
                    m60,
                    o.mean60
                );
            }
            lg.push(a);
            lm.push(b);
        }
        out.push((storm.to_string(), lg, lm));
    }
    out
}

#[test]
fn calibration_bounds_hold_per_storm_and_pooled() {
    let rows = log_ratios(&CALIBRATED, true);
    println!("\nstorm     n   gust bias  gust med|ln|   60-min bias  60-min med|ln|");
    let (mut all_g, mut all_m) = (Vec::new(), Vec::new());
    for (storm, lg, lm) in &rows {
        let bg = median(lg.clone());
        let bm = median(lm.clone());
        let ag = median(lg.iter().map(|x| x.abs()).collect());
        let am = median(lm.iter().map(|x| x.abs()).collect());
        println!(
            "{storm:8} {:2}   {bg:+.3}      {ag:.3}         {bm:+.3}        {am:.3}",
            lg.len()
        );
        assert!(bg.abs() <= 0.25 && bm.abs() <= 0.25, "{storm}: bias");
        assert!(ag <= 0.30 && am <= 0.30, "{storm}: median |ln|");
        all_g.extend(lg.iter().copied());
        all_m.extend(lm.iter().copied());
    }
    let (pg, pm) = (median(all_g), median(all_m));
    println!("pooled   gust bias {pg:+.3}   60-min bias {pm:+.3}");
    assert!(pg.abs() <= 0.10 && pm.abs() <= 0.10, "pooled bias");
}

/// The one-parameter scan that chose the blending height (docs/wind.md §6); prints only.
#[test]
#[ignore]
fn blending_height_scan() {
    for (h, k) in [300.0, 500.0, 700.0, 1000.0, 1500.0]
        .iter()
        .flat_map(|h| [1.0, 1.1, 1.2, 1.3].map(|k| (*h, k)))
    {
        let rows = log_ratios(
            &SurfaceParams {
                blend_height_m: h,
                turbulence_factor: k,
            },
            false,
        );
        let g: Vec<f64> = rows.iter().flat_map(|r| r.1.clone()).collect();
        let m: Vec<f64> = rows.iter().flat_map(|r| r.2.clone()).collect();
        let per: Vec<String> = rows
            .iter()
            .map(|r| {
                format!(
                    "{} {:+.2}/{:+.2}",
                    r.0,
                    median(r.1.clone()),
                    median(r.2.clone())
                )
            })
            .collect();
        println!(
            "h {h:6.0} m, k {k:.1}: pooled gust {:+.3}, 60-min {:+.3} | {}",
            median(g),
            median(m),
            per.join(" | ")
        );
    }
}
