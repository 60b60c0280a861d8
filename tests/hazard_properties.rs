//! Property tests of the wind field with a seeded loop (splitmix64; no extra dependencies):
//! non-negative, zero beyond the cut-off, symmetric without translation, monotone decay
//! beyond the RMW; and consistency of grids, frames, radii and transforms with the kernel.

use zs_risk_map::hazard::grid::{
    fill_grid_peak, fill_grid_step, wind_grid_peak, wind_grid_step, wind_radii, GridSpec,
};
use zs_risk_map::hazard::units::ONE_LAT_KM;
use zs_risk_map::hazard::{
    scenarios, PreparedTrack, Track, TrackPoint, TrackTransform, WindAveraging, WindModel,
    WindModelOptions,
};

/// The crate's one seeded generator (src/rng.rs).
type SplitMix = zs_risk_map::rng::Rng;

const MODELS: [WindModel; 3] = [WindModel::H1980, WindModel::H08, WindModel::H10];

fn point(t_h: i64, lat: f64, lon: f64, pc: f64, v: f64, rmw: Option<f64>) -> TrackPoint {
    TrackPoint {
        time_s: 1_700_000_000 / 3600 * 3600 + t_h * 3600,
        lat,
        lon,
        pc_hpa: pc,
        vmax_ms: v,
        wind_averaging: WindAveraging::OneMin,
        penv_hpa: Some(1010.0),
        rmw_km: rmw,
    }
}

/// A random moving storm of 2…8 points (so linear, quadratic and cubic paths all occur).
fn random_track(rng: &mut SplitMix) -> Track {
    let n = 2 + (rng.next_u64() % 7) as usize;
    let (mut lat, mut lon) = (rng.uniform_in(15.0, 25.0), rng.uniform_in(110.0, 120.0));
    let pts = (0..n)
        .map(|i| {
            lat += rng.uniform_in(-0.3, 0.6);
            lon += rng.uniform_in(-1.2, 0.2);
            let pc = rng.uniform_in(900.0, 1000.0);
            let rmw = if rng.next_u64() % 2 == 0 {
                Some(rng.uniform_in(10.0, 80.0))
            } else {
                None
            };
            point(3 * i as i64, lat, lon, pc, rng.uniform_in(15.0, 70.0), rmw)
        })
        .collect();
    Track::new("rand", "", "", "", pts).unwrap()
}

/// A stationary storm (no translation at any node).
fn stationary(rng: &mut SplitMix) -> (Track, f64, f64) {
    let (lat, lon) = (rng.uniform_in(10.0, 30.0), rng.uniform_in(100.0, 130.0));
    let pc = rng.uniform_in(900.0, 995.0);
    let rmw = Some(rng.uniform_in(15.0, 60.0));
    let v = rng.uniform_in(20.0, 70.0);
    let t = Track::new(
        "still",
        "",
        "",
        "",
        vec![
            point(0, lat, lon, pc, v, rmw),
            point(6, lat, lon, pc, v, rmw),
        ],
    )
    .unwrap();
    (t, lat, lon)
}

/// A point at distance `r_km` and compass bearing `deg` from (lat, lon) in the equirect metric
/// the model uses (so r is exact).
fn offset(lat: f64, lon: f64, r_km: f64, deg: f64) -> (f64, f64) {
    let (s, c) = deg.to_radians().sin_cos();
    (
        lat + r_km * c / ONE_LAT_KM,
        lon + r_km * s / (ONE_LAT_KM * lat.to_radians().cos()),
    )
}

#[test]
fn wind_is_finite_non_negative_and_zero_beyond_cutoff() {
    let mut rng = SplitMix::new(42);
    for _ in 0..60 {
        let track = random_track(&mut rng);
        for model in MODELS {
            let p = PreparedTrack::new(
                &track,
                &WindModelOptions {
                    model,
                    ..Default::default()
                },
            )
            .unwrap();
            for _ in 0..40 {
                let k = (rng.next_u64() as usize) % p.len();
                let n = p.nodes()[k];
                let r = rng.uniform_in(0.0, 600.0);
                let (lat, lon) = offset(n.lat, n.lon, r, rng.uniform_in(0.0, 360.0));
                let v = p.wind_at(k, lat, lon);
                assert!(v.is_finite() && v >= 0.0, "{model:?} v = {v}");
                if r > 300.0 + 1e-6 || k == 0 {
                    assert_eq!(v, 0.0, "{model:?} node {k} r {r}");
                }
                let (pk, _) = p.peak_at(lat, lon);
                assert!(pk >= v - 1e-12);
            }
        }
    }
}

#[test]
fn stationary_storm_is_symmetric_and_decays_outward_beyond_rmw() {
    let mut rng = SplitMix::new(7);
    for _ in 0..40 {
        let (track, lat, lon) = stationary(&mut rng);
        for model in MODELS {
            let p = PreparedTrack::new(
                &track,
                &WindModelOptions {
                    model,
                    ..Default::default()
                },
            )
            .unwrap();
            let k = 3;
            assert_eq!(p.nodes()[k].vt_ms, 0.0);
            let rmw = p.nodes()[k].rmw_km;
            let r = rng.uniform_in(2.0, 299.0);
            let v0 = p.wind_at(k, offset(lat, lon, r, 0.0).0, offset(lat, lon, r, 0.0).1);
            // Deep inside the RMW the profile underflows to 0, which is fine.
            assert!(v0 > 0.0 || r < rmw, "{model:?} r {r} v0 {v0}");
            for b in 1..12 {
                let (la, lo) = offset(lat, lon, r, b as f64 * 30.0 + 7.0);
                let v = p.wind_at(k, la, lo);
                assert!(
                    (v - v0).abs() <= 1e-9 * v0.max(1.0),
                    "{model:?} asymmetric: {v} vs {v0}"
                );
            }
            let bearing = rng.uniform_in(0.0, 360.0);
            let mut prev = f64::INFINITY;
            let mut rr = rmw * 1.01;
            while rr <= 300.0 {
                let (la, lo) = offset(lat, lon, rr, bearing);
                let v = p.wind_at(k, la, lo);
                assert!(
                    v <= prev + 1e-9,
                    "{model:?} not decaying at {rr} km: {v} > {prev}"
                );
                prev = v;
                rr += 2.5;
            }
            // The wind peaks near the RMW: higher there than at 3 RMW.
            let at = |r: f64| {
                let (la, lo) = offset(lat, lon, r, bearing);
                p.wind_at(k, la, lo)
            };
            if 3.0 * rmw < 300.0 {
                assert!(at(rmw) > at(3.0 * rmw));
            }
        }
    }
}

#[test]
fn translation_makes_right_side_stronger_in_northern_hemisphere() {
    // Westward storm: the right-hand side (north) is stronger than the left (south).
    let pts = vec![
        point(0, 21.0, 116.0, 950.0, 50.0, Some(30.0)),
        point(6, 21.0, 114.8, 950.0, 50.0, Some(30.0)),
        point(12, 21.0, 113.6, 950.0, 50.0, Some(30.0)),
    ];
    let track = Track::new("w", "", "", "", pts).unwrap();
    for model in MODELS {
        let p = PreparedTrack::new(
            &track,
            &WindModelOptions {
                model,
                ..Default::default()
            },
        )
        .unwrap();
        let n = p.nodes()[6];
        assert!(n.vt_ms > 5.0);
        let (ln, on) = offset(n.lat, n.lon, 40.0, 0.0);
        let (ls, os) = offset(n.lat, n.lon, 40.0, 180.0);
        assert!(p.wind_at(6, ln, on) > p.wind_at(6, ls, os), "{model:?}");
    }
}

#[test]
fn grids_match_the_point_kernel() {
    let hato = scenarios::track("hato").unwrap();
    let spec = GridSpec {
        lat0: 22.2,
        lat1: 22.8,
        lon0: 113.1,
        lon1: 113.7,
        step_deg: 0.05,
    };
    for model in MODELS {
        let p = PreparedTrack::new(
            &hato,
            &WindModelOptions {
                model,
                ..Default::default()
            },
        )
        .unwrap();
        let g = wind_grid_peak(&p, &spec).unwrap();
        assert_eq!((g.n_lat, g.n_lon), (13, 13));
        let f = wind_grid_step(&p, &spec, 11).unwrap();
        let mut buf = vec![9.0f32; 3];
        assert_eq!(fill_grid_step(&p, &spec, 11, &mut buf).unwrap(), (13, 13));
        assert_eq!(buf, f.values_ms);
        assert_eq!(fill_grid_peak(&p, &spec, &mut buf).unwrap(), (13, 13));
        assert_eq!(buf, g.values_ms);
        for i in 0..13 {
            for j in 0..13 {
                let (lat, lon) = (spec.lat(i), spec.lon(j));
                assert_eq!(g.values_ms[i * 13 + j], p.peak_at(lat, lon).0 as f32);
                assert_eq!(f.values_ms[i * 13 + j], p.wind_at(11, lat, lon) as f32);
            }
        }
    }
    assert_eq!(
        wind_grid_peak(
            &PreparedTrack::new(&hato, &Default::default()).unwrap(),
            &GridSpec::zhongshan_001()
        )
        .unwrap()
        .values_ms
        .len(),
        3721
    );
}

#[test]
#[allow(clippy::needless_range_loop)] // j indexes three parallel arrays
fn wind_radii_bracket_the_threshold() {
    let hato = scenarios::track("hato").unwrap();
    let p = PreparedTrack::new(&hato, &WindModelOptions::default()).unwrap();
    let k = 9; // 2017-08-23T03Z, 935 hPa
    let n = p.nodes()[k];
    let mut prev = [f64::INFINITY; 16];
    let sea_2min = zs_risk_map::hazard::surface::SiteFactors::new(
        &zs_risk_map::hazard::surface::Site::at_10m(zs_risk_map::hazard::surface::Exposure::Sea),
        &zs_risk_map::hazard::surface::CALIBRATED,
    )
    .mean_2min;
    for thr in [13.9, 24.5, 32.7] {
        let r = wind_radii(&p, k, thr).unwrap();
        for j in 0..16 {
            let rk = r.radius_km[j];
            assert!(rk > 0.0 && rk <= prev[j], "thr {thr} bearing {j}: {rk}");
            let at = |d: f64| {
                let (la, lo) = offset(n.lat, n.lon, d, r.bearings_deg[j]);
                // Radii are defined on the 2-min mean over the sea (docs/wind.md §5).
                p.wind_at(k, la, lo) * sea_2min
            };
            assert!(at(rk) >= thr);
            if rk < 300.0 {
                assert!(at(rk + 1.0) < thr);
            }
            prev[j] = rk;
        }
        // The RMW must lie inside R12 (docs/domain.md §3.8 sanity check).
        if thr == 32.7 {
            assert!(r.quadrant_max_km.iter().all(|&q| q > n.rmw_km));
        }
    }
}

#[test]
fn shift_moves_the_field_rigidly() {
    let hato = scenarios::track("hato").unwrap();
    let opts = WindModelOptions::default();
    let p0 = PreparedTrack::new(&hato, &opts).unwrap();
    let shifted = TrackTransform {
        shift_north_km: 25.0,
        ..Default::default()
    }
    .apply(&hato)
    .unwrap();
    let p1 = PreparedTrack::new(&shifted, &opts).unwrap();
    // A pure northward shift keeps longitudes; the field moves north by 25 km (up to the
    // cos(lat) change of the equirect metric, well under 1 %).
    let (lat, lon) = (22.3, 113.4);
    let a = p0.peak_at(lat, lon).0;
    let b = p1.peak_at(lat + 25.0 / ONE_LAT_KM, lon).0;
    assert!((a - b).abs() / a < 0.01, "{a} vs {b}");
    // Deepening raises winds everywhere in Zhongshan; a larger RMW raises winds far out.
    let deeper = TrackTransform {
        dp_hpa: -15.0,
        ..Default::default()
    }
    .apply(&hato)
    .unwrap();
    let pd = PreparedTrack::new(&deeper, &opts).unwrap();
    assert!(pd.peak_at(lat, lon).0 > a);
}
