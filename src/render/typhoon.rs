//! Typhoon overlays (台风路径与风场叠加): the heat map of the wind field, the track with
//! grade-coloured best-track points, the centre and its force-7/10/12 wind radii.
//! Shared by the widget's 台风情景 view and the `typhoon` example's SVG briefing map.

use super::{Lang, Overlay};
use crate::hazard::grid::{fill_grid_peak, fill_grid_step, wind_radii};
use crate::hazard::{GridSpec, PreparedTrack, Track};
use crate::layers::{wind_level_color, Rgb};
use crate::scales::{wind_force_level, TyphoonGrade, WindIndex};

/// Colour of a GB/T 19201 grade for track points (TD/TS pale → SuperTY deep purple), on the
/// same scale as the wind-force colours.
pub fn grade_color(g: TyphoonGrade) -> Rgb {
    match g {
        TyphoonGrade::BelowTd | TyphoonGrade::Td => Rgb(0x9e, 0xca, 0xe1),
        TyphoonGrade::Ts => Rgb(0xfe, 0xc4, 0x4f),
        TyphoonGrade::Sts => Rgb(0xfe, 0x99, 0x29),
        TyphoonGrade::Ty => Rgb(0xd7, 0x30, 0x1f),
        TyphoonGrade::Sty => Rgb(0x99, 0x00, 0x66),
        TyphoonGrade::SuperTy => Rgb(0x49, 0x00, 0x6a),
    }
}

/// Overlays for a prepared track: heat map (peak over the track, or at hourly step `k`) on
/// `grid` when `heat_2min_factor` is given, coloured by the wind-force level of the surface
/// 2-min mean `model wind × heat_2min_factor` (the factor of the heat map's exposure, from
/// `hazard::surface::SiteFactors`; force ≥ 6 only); the interpolated track line; best-track points by grade; at step `k` the centre and
/// the force-7/10/12 radii (largest quadrant radius). `buf` is reused between frames.
pub fn typhoon_overlays(
    p: &PreparedTrack,
    track: &Track,
    grid: &GridSpec,
    k: Option<usize>,
    heat_2min_factor: Option<f64>,
    lang: Lang,
    buf: &mut Vec<f32>,
) -> Vec<Overlay> {
    let mut out = Vec::new();
    if let Some(heat_2min_factor) = heat_2min_factor {
        let ok = match k {
            Some(k) => fill_grid_step(p, grid, k, buf).is_ok(),
            None => fill_grid_peak(p, grid, buf).is_ok(),
        };
        if ok {
            let (ny, nx) = grid.shape().unwrap_or((0, 0));
            let cells = buf
                .iter()
                .map(|v| {
                    let level = wind_force_level(WindIndex::from_ms(*v as f64 * heat_2min_factor));
                    (level >= 6).then(|| wind_level_color(level))
                })
                .collect();
            out.push(Overlay::Raster {
                lon0: grid.lon0,
                lat0: grid.lat0,
                step_deg: grid.step_deg,
                nx,
                ny,
                cells,
                alpha: 0.55,
            });
        }
    }
    out.push(Overlay::Polyline {
        points: p.nodes().iter().map(|n| (n.lon, n.lat)).collect(),
        color: Rgb(0x33, 0x33, 0x33),
        width_px: 1.5,
    });
    out.push(Overlay::Markers {
        points: track
            .points()
            .iter()
            .map(|q| (q.lon, q.lat, grade_color(q.grade())))
            .collect(),
        radius_px: 4.5,
    });
    if let Some(n) = k.and_then(|k| p.nodes().get(k).map(|n| (k, n))) {
        let (k, n) = n;
        let labels = match lang {
            Lang::Zh => ["7级风圈", "10级风圈", "12级风圈"],
            Lang::En => ["force 7", "force 10", "force 12"],
        };
        let rings = [
            (13.9, Rgb(0x1f, 0x77, 0xb4)),
            (24.5, Rgb(0xe6, 0x7e, 0x22)),
            (32.7, Rgb(0xc0, 0x18, 0x18)),
        ];
        for ((t, c), label) in rings.into_iter().zip(labels) {
            if let Ok(r) = wind_radii(p, k, t) {
                let km = r.quadrant_max_km.iter().copied().fold(0.0, f64::max);
                if km > 0.0 {
                    out.push(Overlay::RingKm {
                        centre: (n.lon, n.lat),
                        radius_km: km,
                        color: c,
                        label: label.into(),
                    });
                }
            }
        }
        out.push(Overlay::Markers {
            points: vec![(n.lon, n.lat, grade_color(n.grade()))],
            radius_px: 8.0,
        });
    }
    out
}
