//! Typhoon overlays (台风路径与风场叠加): the heat map of the wind field, the track with
//! grade-coloured best-track points, the centre and its force-7/10/12 wind radii.
//! Shared by the widget's 台风情景 view and the `typhoon` example's SVG briefing map. It draws
//! what it is handed: the wind grid and radii are computed by `present::typhoon`.

use super::{Lang, Overlay};
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

/// A point of a track (路径点) with its GB/T 19201 grade, which colours its dot
/// ([`grade_color`]). Built from a track by `present` (`present::typhoon::graded_points`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GradedPoint {
    /// Longitude, °E.
    pub lon: f64,
    /// Latitude, °N.
    pub lat: f64,
    /// Grade at this point.
    pub grade: TyphoonGrade,
}

/// A wind field to draw as a heat map: model winds on a regular lon/lat grid and the factor
/// that turns them into the surface 2-min mean the colours stand for. Computed by the caller
/// (`present::typhoon::scenario_overlays` through `hazard::grid`); drawing only colours it.
#[derive(Debug, Clone, Copy)]
pub struct HeatField<'a> {
    /// Longitude of the first (western) column, °E.
    pub lon0: f64,
    /// Latitude of the first (southern) row, °N.
    pub lat0: f64,
    /// Cell size, degrees (both axes).
    pub step_deg: f64,
    /// Cells west → east.
    pub nx: usize,
    /// Cells south → north.
    pub ny: usize,
    /// Model wind (CLIMADA 1-min, open-terrain reference) per cell, m/s, row-major
    /// south → north, west → east.
    pub model_ms: &'a [f32],
    /// Model → surface 2-min mean factor of the heat map's exposure
    /// (`hazard::surface::SiteFactors`).
    pub to_2min: f64,
}

/// The storm centre at the hour shown, with its force-7/10/12 radii (largest quadrant, km;
/// 0 = not reached), as the caller computed them (`hazard::grid::wind_radii`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Centre {
    /// Longitude, °E.
    pub lon: f64,
    /// Latitude, °N.
    pub lat: f64,
    /// Grade at this hour (colours the marker).
    pub grade: TyphoonGrade,
    /// Force 7, 10 and 12 radii, km.
    pub radii_km: [f64; 3],
}

/// Overlays for a typhoon: the heat map of `heat` coloured by the wind-force level of its
/// surface 2-min mean (force ≥ 6 only); the track `line` (lon, lat: the hourly interpolated
/// track); the best-track `points` by grade; and at the hour shown the centre with its
/// force-7/10/12 rings. Draws only what it is handed: every position and wind comes computed.
pub fn typhoon_overlays(
    line: Vec<(f64, f64)>,
    points: &[GradedPoint],
    heat: Option<HeatField>,
    centre: Option<Centre>,
    lang: Lang,
) -> Vec<Overlay> {
    let mut out = Vec::new();
    if let Some(h) = heat {
        let cells = h
            .model_ms
            .iter()
            .map(|v| {
                let level = wind_force_level(WindIndex::from_ms(f64::from(*v) * h.to_2min));
                (level >= 6).then(|| wind_level_color(level))
            })
            .collect();
        out.push(Overlay::Raster {
            lon0: h.lon0,
            lat0: h.lat0,
            step_deg: h.step_deg,
            nx: h.nx,
            ny: h.ny,
            cells,
            alpha: 0.55,
        });
    }
    out.push(Overlay::Polyline {
        points: line,
        color: Rgb(0x33, 0x33, 0x33),
        width_px: 1.5,
    });
    out.push(Overlay::Markers {
        points: points
            .iter()
            .map(|q| (q.lon, q.lat, grade_color(q.grade)))
            .collect(),
        radius_px: 4.5,
    });
    if let Some(c) = centre {
        let labels = match lang {
            Lang::Zh => ["7级风圈", "10级风圈", "12级风圈"],
            Lang::En => ["force 7", "force 10", "force 12"],
        };
        let colors = [
            Rgb(0x1f, 0x77, 0xb4),
            Rgb(0xe6, 0x7e, 0x22),
            Rgb(0xc0, 0x18, 0x18),
        ];
        for ((km, color), label) in c.radii_km.into_iter().zip(colors).zip(labels) {
            if km > 0.0 {
                out.push(Overlay::RingKm {
                    centre: (c.lon, c.lat),
                    radius_km: km,
                    color,
                    label: label.into(),
                });
            }
        }
        out.push(Overlay::Markers {
            points: vec![(c.lon, c.lat, grade_color(c.grade))],
            radius_px: 8.0,
        });
    }
    out
}
