//! Property tests with the numbers that break arithmetic — 0, −0, the largest and smallest
//! finite values, ±1e308, NaN, ±∞, subnormals — through map, layers, scales, money, render and
//! the CSV writer: nothing panics or hangs, every legend label and formatted value is finite
//! text, and out-of-range inputs are coded field errors (docs/robustness.md §1).

use std::collections::BTreeMap;
use std::str::FromStr;

use rust_decimal::Decimal;
use zs_risk_map::csv_lite;
use zs_risk_map::layers::{builtin_layers, ramp_color, wind_level_spec, LayerSpec, PaintedLayer};
use zs_risk_map::map::crs::{gcj02_to_wgs84, wgs84_to_gcj02};
use zs_risk_map::map::geojson::{parse_layer, LoadOptions};
use zs_risk_map::map::projection::LocalEquirect;
use zs_risk_map::map::{DistrictLayer, VALUE_LIMIT};
use zs_risk_map::money;
use zs_risk_map::render::charts::{draw_bars, draw_waterfall, Bar, Step};
use zs_risk_map::render::svg::to_svg_string;
use zs_risk_map::render::{check_dpr, district_at_css, MapView};
use zs_risk_map::scales::{
    wind_force_band_ms, wind_force_level, RainGrade, RainIndex, RainWindow, TyphoonGrade, WindIndex,
};

/// The extreme f64 values every property runs over.
const EXTREMES: [f64; 16] = [
    0.0,
    -0.0,
    1.0,
    -1.0,
    f64::MAX,
    f64::MIN,
    1e308,
    -1e308,
    f64::MIN_POSITIVE,
    5e-324,
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    1e15,
    -1e15,
    4294967295.0,
];

fn assert_finite_text(s: &str) {
    let l = s.to_ascii_lowercase();
    assert!(
        !l.contains("nan") && !l.contains("inf") && s.len() < 64,
        "label {s:?}"
    );
}

fn all_specs() -> Vec<LayerSpec> {
    let mut v = builtin_layers();
    v.push(LayerSpec::ramp_for("x"));
    v.push(wind_level_spec("w", "风", "wind"));
    v
}

#[test]
fn layer_legends_and_values_stay_finite_for_every_pair_of_extremes() {
    let layer = DistrictLayer::builtin();
    let codes: Vec<String> = layer.districts().iter().map(|d| d.code.clone()).collect();
    for spec in all_specs() {
        for a in EXTREMES {
            for b in EXTREMES {
                // Half the towns get a, half b, one none.
                let values: BTreeMap<String, f64> = codes
                    .iter()
                    .enumerate()
                    .skip(1)
                    .map(|(i, c)| (c.clone(), if i % 2 == 0 { a } else { b }))
                    .collect();
                let p = PaintedLayer::from_values(&spec, &layer, &values);
                for e in &p.legend {
                    for s in [&e.label_zh, &e.label_en, &e.range, &e.range_en] {
                        assert_finite_text(s);
                    }
                }
                for v in &p.values {
                    if let Some(x) = v.value {
                        assert!(x.is_finite() && x.abs() <= VALUE_LIMIT, "{x} kept");
                    }
                    assert_finite_text(&p.format_value(v.value));
                }
            }
        }
    }
}

#[test]
fn ramp_colour_is_defined_everywhere() {
    for t in EXTREMES {
        let _ = ramp_color(t).hex();
    }
    assert_eq!(ramp_color(f64::NAN), ramp_color(0.0));
    assert_eq!(ramp_color(f64::INFINITY), ramp_color(1.0));
}

#[test]
fn wind_and_rain_scales_clamp_every_extreme() {
    for x in EXTREMES {
        let w = WindIndex::from_ms(x);
        assert!(w.tenths() >= 0, "{x}");
        let level = wind_force_level(w);
        assert!(level <= 17);
        let _ = TyphoonGrade::from_2min_wind(w);
        let r = RainIndex::from_mm(x);
        assert!(r.tenths() >= 0);
        for win in [RainWindow::H12, RainWindow::H24] {
            let _ = RainGrade::from_amount(r, win);
        }
    }
    for t in [i32::MIN, -1, 0, i32::MAX] {
        assert!(wind_force_level(WindIndex::from_tenths(t)) <= 17);
    }
    for level in 0..=u8::MAX {
        let (lo, hi) = wind_force_band_ms(level);
        assert!(lo.is_finite() && hi.is_none_or(f64::is_finite));
    }
}

#[test]
fn money_rounds_and_formats_the_decimal_extremes() {
    let cases = [
        Decimal::ZERO,
        Decimal::from_str("-0").unwrap(),
        Decimal::MAX,
        Decimal::MIN,
        Decimal::new(1, 28),
        Decimal::new(-5, 3),
        Decimal::from_str("79228162514264337593543950.335").unwrap(),
    ];
    for d in cases {
        let f = money::round_fen(d);
        assert_eq!(money::round_fen(f), f, "idempotent at {d}");
        assert!(money::format_cny_zh(d).ends_with("元"));
        assert!(money::format_cny_en(d).starts_with("CNY "));
        for dp in [0, 2, 28, 29, 200, u32::MAX] {
            let _ = money::round_to(d, dp);
        }
    }
    for text in [
        "1e308",
        "-1e308",
        "NaN",
        "inf",
        "-0",
        "",
        " ",
        "1e-400",
        "79228162514264337593543950336",
        "9".repeat(10_000).as_str(),
    ] {
        // An error or a value, never a panic.
        let _ = money::parse_decimal("amount", text);
    }
}

#[test]
fn coordinate_transforms_terminate_on_extremes() {
    for x in EXTREMES {
        for y in EXTREMES {
            let _ = wgs84_to_gcj02(x, y);
            let _ = gcj02_to_wgs84(x, y);
            let p = LocalEquirect::new(x, y);
            let _ = p.forward(y, x);
            let _ = p.inverse(x, y);
        }
    }
}

#[test]
fn geojson_numbers_at_the_extremes_are_errors_or_values() {
    for x in [
        "0",
        "-0",
        "1e308",
        "-1e308",
        "1.7976931348623157e308",
        "5e-324",
        "1e400",
    ] {
        for (lon, lat) in [(x, "22.5"), ("113.3", x)] {
            let text = format!(
                r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"code":"A","v":{x},"seat_lon":{x},"seat_lat":{x}}},"geometry":{{"type":"Polygon","coordinates":[[[{lon},{lat}],[113.4,22.5],[113.4,22.6],[{lon},{lat}]]]}}}}]}}"#
            );
            match parse_layer(&text, &LoadOptions::default()) {
                Ok(layer) => {
                    let d = &layer.districts()[0];
                    assert!(d.seat.x().is_finite() && d.seat.y().is_finite());
                    if let Some(v) = d.attribute("v") {
                        assert!(v.abs() <= VALUE_LIMIT);
                    }
                }
                Err(e) => assert!(
                    matches!(
                        e.code(),
                        "NOT_JSON" | "INVALID_GEOMETRY" | "OUT_OF_RANGE" | "INVALID_INPUT"
                    ),
                    "{e}"
                ),
            }
        }
    }
}

#[test]
fn render_refuses_bad_dpr_and_survives_extreme_view_numbers() {
    for x in EXTREMES {
        let ok = (0.25..=8.0).contains(&x);
        let r = check_dpr(x);
        assert_eq!(r.is_ok(), ok, "dpr {x}");
        if let Err(e) = r {
            assert_eq!(
                (e.code(), e.field_id()),
                ("OUT_OF_RANGE", Some("render.dpr"))
            );
        }
    }
    let layer = DistrictLayer::builtin();
    let spec = builtin_layers().remove(0);
    let painted = PaintedLayer::paint(&spec, &layer);
    for x in EXTREMES {
        let view = MapView {
            type_scale: x,
            pad_fraction: x,
            labels: true,
            furniture: true,
            ..MapView::default()
        };
        let (svg, screen) = to_svg_string(&layer, &painted, &view, 300, 200).unwrap();
        assert!(svg.starts_with("<svg"));
        for y in EXTREMES {
            let _ = district_at_css(&layer, &screen, x, y);
            let _ = screen.to_px(x, y);
        }
    }
}

#[test]
fn charts_draw_extreme_values_without_hanging() {
    use plotters::prelude::*;
    for x in EXTREMES {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (400, 300)).into_drawing_area();
            let bars: Vec<Bar> = EXTREMES
                .iter()
                .map(|v| Bar {
                    label: format!("{v}"),
                    value: *v * x,
                    value_text: "v".into(),
                    color: zs_risk_map::layers::NO_DATA,
                })
                .collect();
            draw_bars(&root, "t", &bars, 1.0).unwrap();
            let steps: Vec<Step> = EXTREMES
                .iter()
                .map(|v| Step {
                    label: "s".into(),
                    value: *v + x,
                    value_text: "v".into(),
                    total: false,
                })
                .collect();
            draw_waterfall(&root, "t", &steps, 1.0).unwrap();
            assert!(draw_bars(&root, "t", &bars, x).is_ok() == (0.25..=8.0).contains(&x));
        }
    }
}

#[test]
fn csv_cells_of_extreme_numbers_are_plain_numbers() {
    let mut w = csv_lite::Writer::new();
    w.row(EXTREMES.iter().map(|x| x.to_string()));
    let text = w.finish();
    let t = csv_lite::parse(&format!("h\n{text}")).unwrap();
    let cells = &t.records[0].fields;
    for (x, c) in EXTREMES.iter().zip(cells) {
        let s = x.to_string();
        if x.is_finite() {
            assert_eq!(c, &s, "a finite number keeps its sign");
        } else {
            // "NaN", "inf", "-inf": text; "-inf" starts with '-' and is not a number.
            assert!(c == &s || c == &format!("'{s}"));
        }
    }
}
