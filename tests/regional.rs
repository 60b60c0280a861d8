//! Regional map: the committed coastline covers the box, view maths (zoom about a point,
//! pan, clamp), cone and wind-circle geometry, and SVG snapshots written to
//! `target/regional-*.svg` with their structure checked.

use zs_risk_map::forecast::{cone_published, Bulletin, ErrorModel};
use zs_risk_map::hazard::scenarios;
use zs_risk_map::map::coastline::{Coastline, REGION_BBOX};
use zs_risk_map::present::regional::{cone_polygon, wind_circle_outline, wind_circles, WindRadii};
use zs_risk_map::present::typhoon::graded_points;
use zs_risk_map::render::regional::{
    regional_svg, ForecastMark, RegionalScene, ViewBox, MAX_ZOOM, MIN_ZOOM, PROJECTOR_TYPE_SCALE,
};
use zs_risk_map::render::{Lang, Palette};

mod common;
use common::{current_wind_radii, scene_parts, EXAMPLE};

#[test]
fn committed_coastline_parses_and_covers_the_region() {
    let c = Coastline::builtin().unwrap();
    assert_eq!(c.bbox, REGION_BBOX);
    assert!(c.rings.len() >= 5, "{} rings", c.rings.len());
    assert!(c.source.contains("Natural Earth") && c.licence.contains("public domain"));
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for r in &c.rings {
        for p in r {
            x0 = x0.min(p.0);
            y0 = y0.min(p.1);
            x1 = x1.max(p.0);
            y1 = y1.max(p.1);
            assert!(p.0 >= REGION_BBOX[0] - 1e-9 && p.0 <= REGION_BBOX[2] + 1e-9);
            assert!(p.1 >= REGION_BBOX[1] - 1e-9 && p.1 <= REGION_BBOX[3] + 1e-9);
        }
    }
    // Land reaches the west, north and east edges of the box (the coast runs across it).
    assert!(
        x0 <= REGION_BBOX[0] + 0.01 && x1 >= REGION_BBOX[2] - 0.01 && y1 >= REGION_BBOX[3] - 0.01
    );
    // Known land and water.
    for (name, lon, lat) in [
        ("Shiqi", 113.376, 22.533),
        ("Guangzhou", 113.26, 23.13),
        ("Lantau", 113.95, 22.26),
        ("Yangjiang", 111.98, 21.86),
    ] {
        assert!(c.is_land(lon, lat), "{name} should be land");
    }
    for (name, lon, lat) in [
        ("Lingdingyang", 113.75, 22.40),
        ("South China Sea", 114.0, 21.0),
        ("off Shangchuan", 112.9, 21.3),
    ] {
        assert!(!c.is_land(lon, lat), "{name} should be water");
    }
    // Compact: well under the wasm size budget's margin.
    assert!(zs_risk_map::map::coastline::COASTLINE_JSON.len() < 40_000);
}

#[test]
fn coastline_errors_are_field_errors() {
    assert_eq!(Coastline::from_json("{").unwrap_err().code(), "NOT_JSON");
    let e = Coastline::from_json(
        r#"{"bbox":[0,0,1,1],"unit_deg":0.001,"source":"","licence":"","rings":[[1,2,3]]}"#,
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.field_id()),
        ("INVALID_INPUT", Some("coastline"))
    );
}

#[test]
fn zoom_about_keeps_the_point_under_the_pointer() {
    let (w, h) = (1200.0, 800.0);
    let v = ViewBox::region();
    let (px, py) = (300.0, 500.0);
    let before = v.screen(w, h, 1.0).to_lonlat(px, py);
    let z = v.zoom_about(px, py, 2.0, w, h);
    assert!((z.zoom - 2.0).abs() < 1e-12);
    let after = z.screen(w, h, 1.0).to_lonlat(px, py);
    assert!((before.0 - after.0).abs() < 1e-9 && (before.1 - after.1).abs() < 1e-9);
    // Zooming back out returns to the whole region.
    let back = z.zoom_about(px, py, 0.5, w, h);
    assert!((back.zoom - 1.0).abs() < 1e-12);
    // Clamps: zoom bounds, centre inside the region, NaN ignored.
    assert_eq!(v.zoom_about(0.0, 0.0, 1e6, w, h).zoom, MAX_ZOOM);
    assert_eq!(v.zoom_about(0.0, 0.0, 1e-6, w, h).zoom, MIN_ZOOM);
    let far = v.pan_by_px(1e7, -1e7, w, h);
    assert_eq!((far.lon, far.lat), (REGION_BBOX[0], REGION_BBOX[1]));
    let nan = ViewBox {
        lon: f64::NAN,
        lat: 22.0,
        zoom: f64::NAN,
    }
    .clamped();
    assert_eq!(nan.zoom, MIN_ZOOM);
    assert!(nan.lon.is_finite());
    // Pan moves the map with the pointer: the point that was at the centre is now +dx.
    let c = v.screen(w, h, 1.0).to_lonlat(600.0, 400.0);
    let moved = v.pan_by_px(50.0, 20.0, w, h);
    let (x, y) = moved.screen(w, h, 1.0).to_px(c.0, c.1);
    assert!((x - 650.0).abs() < 1e-6 && (y - 420.0).abs() < 1e-6);
    // The whole region is visible at zoom 1, a small part at city zoom.
    let vb = v.visible_bbox(w, h);
    assert!(vb[0] <= REGION_BBOX[0] + 1e-9 && vb[2] >= REGION_BBOX[2] - 1e-9);
    let cb = ViewBox::city().visible_bbox(w, h);
    assert!(cb[2] - cb[0] < 1.0);
}

#[test]
fn cone_and_wind_circles_have_the_right_size() {
    let circles = [
        (115.0, 22.0, 20.0),
        (114.0, 22.0, 60.0),
        (113.0, 22.0, 100.0),
    ];
    let poly = cone_polygon(&circles);
    assert!(poly.len() > 40);
    // The cone's north–south extent at the end is ±100 km (≈ 0.9°), at the start ±20 km.
    let lat_span_near = |lon: f64| {
        let near: Vec<f64> = poly
            .iter()
            .filter(|p| (p.0 - lon).abs() < 0.06)
            .map(|p| p.1)
            .collect();
        near.iter().cloned().fold(f64::MIN, f64::max)
            - near.iter().cloned().fold(f64::MAX, f64::min)
    };
    assert!(
        (lat_span_near(113.0) - 200.0 / 111.12).abs() < 0.1,
        "{}",
        lat_span_near(113.0)
    );
    assert!(lat_span_near(115.0) < 0.5);
    // Fewer than two circles make no cone.
    assert!(cone_polygon(&circles[..1]).is_empty());
    let c = WindRadii {
        centre: (114.0, 22.0),
        level: 7,
        radii_km: [280.0, 250.0, 250.0, 280.0],
    };
    let o = wind_circle_outline(&c);
    let north = o.iter().map(|p| p.1).fold(f64::MIN, f64::max);
    assert!((north - (22.0 + 280.0 / 111.12)).abs() < 0.01, "{north}");
}

fn write(name: &str, svg: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), svg).unwrap();
}

/// Requested font sizes, px: plotters' SVG backend writes `font-size` = size ÷ 1.24.
fn font_sizes(svg: &str) -> Vec<f64> {
    svg.split("font-size=\"")
        .skip(1)
        .filter_map(|s| {
            s.split('"')
                .next()?
                .trim_end_matches("px")
                .parse::<f64>()
                .ok()
        })
        .map(|s| s * 1.24)
        .collect()
}

#[test]
fn regional_svg_snapshots_have_track_cone_circles_inset_and_scaled_type() {
    let (coast, saola, b, layer, painted) = scene_parts();
    let forecast: Vec<ForecastMark> = b
        .points
        .iter()
        .map(|p| ForecastMark {
            lon: p.lon,
            lat: p.lat,
            label: format!("+{}h", p.lead_h),
        })
        .collect();
    let first = b.points.first().unwrap();
    let circles = current_wind_radii(&b);
    let mut scene = RegionalScene {
        coastline: &coast,
        history: graded_points(&saola),
        current: Some((first.lon, first.lat)),
        forecast,
        cone: cone_polygon(&cone_published(&b, &ErrorModel::cma(), 0.7)),
        wind_circles: wind_circles(&circles),
        inset: Some((&layer, &painted)),
        lang: Lang::Zh,
        type_scale: 1.0,
        title: "苏拉（示例预报）· 2023-09-01 14:00 北京时".into(),
        palette: Palette::Normal,
    };
    let (svg, screen) = regional_svg(&scene, &ViewBox::region(), 1200, 800).unwrap();
    write("regional-zh.svg", &svg);
    for needle in [
        "预报路径",
        "实况路径",
        "7级风圈",
        "12级风圈",
        "预报不确定性",
        "+24h",
        "中山",
        "香港",
        "Natural Earth",
        "石岐",
    ] {
        assert!(svg.contains(needle), "missing {needle}");
    }
    // The first track point is on screen (the whole track from its first point).
    let p0 = saola.points().first().unwrap();
    let (x, y) = screen.to_px(p0.lon, p0.lat);
    assert!((0.0..1200.0).contains(&x) && (0.0..800.0).contains(&y));
    // Base sizes ≥ 11 px; projector scale makes every text ≥ 18 px.
    assert!(font_sizes(&svg).iter().all(|s| *s >= 10.0));
    scene.type_scale = PROJECTOR_TYPE_SCALE;
    scene.lang = Lang::En;
    let (big, _) = regional_svg(&scene, &ViewBox::region(), 1920, 1080).unwrap();
    write("regional-projector-en.svg", &big);
    let sizes = font_sizes(&big);
    assert!(!sizes.is_empty());
    let small: Vec<f64> = sizes.iter().copied().filter(|s| *s < 18.0 - 1e-6).collect();
    assert!(
        small.is_empty(),
        "text under 18 px in projector mode: {small:?}"
    );
    assert!(big.contains("forecast track") && big.contains("Hong Kong"));
    // Zoomed on the city: the coast is drawn larger; the SVG differs.
    let (city, _) = regional_svg(&scene, &ViewBox::city(), 1200, 800).unwrap();
    write("regional-city.svg", &city);
    assert_ne!(city, big);
}

#[test]
fn helpers_build_circles_and_labels_from_bulletin_and_model() {
    use zs_risk_map::hazard::{PreparedTrack, WindModelOptions};
    use zs_risk_map::present::regional::{
        bulletin_marks, bulletin_wind_circles, model_wind_circles,
    };
    let b = Bulletin::from_json(EXAMPLE).unwrap();
    let with_radii = b.points.iter().find(|p| p.radii_km.is_some()).unwrap();
    let c = bulletin_wind_circles(with_radii);
    assert_eq!(
        c.iter().map(|c| c.level).collect::<Vec<_>>(),
        vec![7, 10, 12]
    );
    assert_eq!(c[0].radii_km, [280.0, 250.0, 250.0, 280.0]);
    assert!(bulletin_wind_circles(&b.points[0]).is_empty());
    let labels: Vec<String> = bulletin_marks(&b, true)
        .into_iter()
        .map(|m| m.label)
        .collect();
    assert_eq!(labels.first().unwrap(), "1日14时");
    assert_eq!(labels.last().unwrap(), "2日14时");
    assert_eq!(bulletin_marks(&b, false)[4].label, "+12h");
    // The model's circles for Saola near its peak: nested, 7 ≥ 10 ≥ 12 in every quadrant.
    let p = PreparedTrack::new(
        &scenarios::track("saola").unwrap(),
        &WindModelOptions::default(),
    )
    .unwrap();
    let m = model_wind_circles(&p, 2);
    assert!(m.len() >= 2, "{m:?}");
    for w in m.windows(2) {
        assert!(w[0]
            .radii_km
            .iter()
            .zip(&w[1].radii_km)
            .all(|(a, b)| a >= b));
    }
    assert!(model_wind_circles(&p, 10_000).is_empty());
}

/// Label placement on the regional map (docs/briefing.md §8): city and forecast labels and
/// the inset's town labels never overlap one another, the legend, the title, the attribution
/// or the inset frame (the inset's own labels stay inside it), at projector type on a
/// 1920 × 1080 screen and at a phone's 360 CSS px (dpr 2), both languages, region and city.
#[test]
fn regional_labels_never_overlap_each_other_or_the_furniture() {
    use zs_risk_map::render::regional::draw_regional_layout;
    let (coast, saola, b, layer, painted) = scene_parts();
    for (w, h, dpr, ts) in [
        (1460.0, 760.0, 1.0, PROJECTOR_TYPE_SCALE),
        (360.0, 420.0, 2.0, 1.0),
    ] {
        for lang in [Lang::Zh, Lang::En] {
            for view in [ViewBox::region(), ViewBox::city()] {
                let scene = RegionalScene {
                    coastline: &coast,
                    history: graded_points(&saola),
                    current: b.points.first().map(|p| (p.lon, p.lat)),
                    forecast: zs_risk_map::present::regional::bulletin_marks(&b, lang == Lang::Zh),
                    cone: cone_polygon(&cone_published(&b, &ErrorModel::cma(), 0.7)),
                    wind_circles: Vec::new(),
                    inset: Some((&layer, &painted)),
                    lang,
                    type_scale: ts,
                    title: "苏拉（示例预报）".into(),
                    palette: Palette::Normal,
                };
                let (dw, dh) = ((w * dpr) as u32, (h * dpr) as u32);
                let (_, (_, l)) = zs_risk_map::render::svg::svg_document(dw, dh, |root| {
                    draw_regional_layout(root, &scene, &view, dpr)
                })
                .unwrap();
                let name = format!("{w}×{h} {lang:?} zoom {}", view.zoom);
                println!(
                    "{name}: {} labels ({} on leaders), omitted {}",
                    l.labels.len(),
                    l.labels.iter().filter(|x| x.leader).count(),
                    l.omitted.len()
                );
                // At projector type every town is labelled; the phone's inset (160 CSS px)
                // has room for only some, and the rest are left out, never overlapped.
                let towns = l
                    .labels
                    .iter()
                    .filter(|x| x.code.starts_with("4420"))
                    .count();
                assert!(dpr > 1.0 || towns == 23, "{name}: {towns} town labels");
                let inset = l.furniture.iter().find(|f| f.0 == "inset").unwrap().1;
                for (i, a) in l.labels.iter().enumerate() {
                    for c in l.labels.iter().skip(i + 1) {
                        assert!(
                            !a.rect.intersects(&c.rect),
                            "{name}: {} overlaps {}",
                            a.text,
                            c.text
                        );
                    }
                    let town = a.code.starts_with("4420");
                    assert_eq!(
                        a.rect.inside(&inset),
                        town,
                        "{name}: {} vs the inset",
                        a.text
                    );
                    for (what, f) in &l.furniture {
                        let own = town && (*what == "inset" || !f.inside(&inset));
                        assert!(
                            own || !a.rect.intersects(f),
                            "{name}: {} overlaps the {what}",
                            a.text
                        );
                    }
                }
            }
        }
    }
}
