//! SVG snapshot tests of the map renderer. `UPDATE_SNAPSHOTS=1 cargo test --test render_svg`
//! rewrites the files under tests/snapshots/; review the diff like code.

use std::collections::BTreeMap;

use zs_risk_map::layers::{builtin_layers, LayerSpec, PaintedLayer};
use zs_risk_map::map::DistrictLayer;
use zs_risk_map::render::{district_at_css, svg::to_svg_string, Lang, MapView};

fn view(lang: Lang, title: &str) -> MapView {
    MapView {
        lang,
        title: title.into(),
        labels: true,
        type_scale: 1.0,
        furniture: true,
        ..MapView::default()
    }
}

fn check_snapshot(name: &str, svg: &str) {
    let path = format!("{}/tests/snapshots/{name}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var("UPDATE_SNAPSHOTS").is_ok() {
        std::fs::create_dir_all(format!("{}/tests/snapshots", env!("CARGO_MANIFEST_DIR"))).unwrap();
        std::fs::write(&path, svg).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing snapshot {path}: run with UPDATE_SNAPSHOTS=1"));
    assert!(
        expected == svg,
        "{name} differs from the snapshot: run with UPDATE_SNAPSHOTS=1 and review the diff"
    );
}

/// Built-in layer `id` painted on `layer`.
fn painted(layer: &DistrictLayer, id: &str) -> PaintedLayer {
    let spec = builtin_layers().into_iter().find(|s| s.id == id).unwrap();
    PaintedLayer::paint(&spec, layer)
}

#[test]
fn surge_map_snapshot_zh() {
    let layer = DistrictLayer::builtin();
    let painted = painted(&layer, "surge");
    let (svg, _) = to_svg_string(
        &layer,
        &painted,
        &view(Lang::Zh, "中山市镇街 · 风暴潮暴露"),
        1200,
        800,
    )
    .unwrap();
    // One filled polygon per district part, the title with the schematic mark, every label.
    assert_eq!(
        svg.matches("<polygon").count(),
        layer
            .districts()
            .iter()
            .map(|d| d.shape.0.len())
            .sum::<usize>()
    );
    assert!(svg.contains("（示意图）"));
    for name in ["坦洲", "石岐", "五桂山", "古镇"] {
        assert!(svg.contains(&format!(">\n{name}\n<")), "label {name}");
    }
    assert!(
        svg.to_lowercase().contains("#e31a1c"),
        "high-level colour present"
    );
    check_snapshot("map-surge-zh.svg", &svg);
}

#[test]
fn waterlogging_map_snapshot_en() {
    let layer = DistrictLayer::builtin();
    let painted = painted(&layer, "waterlogging");
    let (svg, _) = to_svg_string(
        &layer,
        &painted,
        &view(Lang::En, "Zhongshan towns · Waterlogging"),
        1200,
        800,
    )
    .unwrap();
    assert!(svg.contains("(schematic)"));
    assert!(svg.contains(">\nTanzhou\n<"));
    assert!(svg.contains("≥ 90 %"));
    check_snapshot("map-waterlogging-en.svg", &svg);
}

#[test]
fn screen_map_round_trips_and_hit_tests_every_seat() {
    let layer = DistrictLayer::builtin();
    let painted = PaintedLayer::paint(&builtin_layers()[0], &layer);
    for dpr in [1.0, 2.0] {
        let mut out = String::new();
        let screen = {
            use plotters::drawing::IntoDrawingArea;
            let root = plotters::backend::SVGBackend::with_string(
                &mut out,
                ((1200.0 * dpr) as u32, (800.0 * dpr) as u32),
            )
            .into_drawing_area();
            zs_risk_map::render::draw_map(&root, &layer, &painted, &view(Lang::Zh, "t"), dpr)
                .unwrap()
        };
        for d in layer.districts() {
            let (px, py) = screen.to_px(d.seat.x(), d.seat.y());
            let (lon, lat) = screen.to_lonlat(px, py);
            assert!((lon - d.seat.x()).abs() < 1e-9 && (lat - d.seat.y()).abs() < 1e-9);
            assert_eq!(
                district_at_css(&layer, &screen, px / dpr, py / dpr),
                Some(d.code.as_str()),
                "dpr {dpr}"
            );
        }
        assert_eq!(
            district_at_css(&layer, &screen, 2.0, 2.0),
            None,
            "corner is outside the city"
        );
        // Equal scale: 1 km east and 1 km north are the same number of pixels.
        let (x0, y0) = screen.to_px(113.4, 22.5);
        let (x1, _) = screen.to_px(113.4 + 1.0 / (111.195 * 22.5f64.to_radians().cos()), 22.5);
        let (_, y1) = screen.to_px(113.4, 22.5 + 1.0 / 111.195);
        assert!(
            ((x1 - x0) - (y0 - y1)).abs() < 0.01 * (x1 - x0),
            "no east–west stretch"
        );
    }
}

#[test]
fn model_values_render_as_a_ramp_with_no_data_grey() {
    let layer = DistrictLayer::builtin();
    let mut values = BTreeMap::new();
    values.insert("442000107".to_string(), 41.3);
    let painted = PaintedLayer::from_values(&LayerSpec::ramp_for("wind"), &layer, &values);
    let (svg, _) = to_svg_string(&layer, &painted, &view(Lang::Zh, "t"), 800, 600).unwrap();
    assert!(svg.to_lowercase().contains("#dddddd"), "no-data grey used");
}

#[test]
fn short_names_drop_one_suffix_only() {
    use zs_risk_map::render::short_name_zh;
    assert_eq!(short_name_zh("古镇镇"), "古镇");
    assert_eq!(short_name_zh("石岐街道"), "石岐");
    assert_eq!(short_name_zh("坦洲镇"), "坦洲");
}

/// Hostile district names (NUL, escape, C1 control, markup, quotes) still give a well-formed
/// SVG: control characters dropped, markup escaped.
#[test]
fn hostile_names_give_well_formed_svg() {
    use zs_risk_map::map::geojson::{parse_layer, LoadOptions};
    let name = "A\u{0}B\u{1b}[31m\u{85}<script>&\"'\u{7f}\u{ffff}";
    let text = format!(
        r#"{{"type":"FeatureCollection","attribution":"src\u0000\u0007","features":[{{"type":"Feature","properties":{{"code":"X1","name_zh":{n},"name_en":{n},"v":1}},"geometry":{{"type":"Polygon","coordinates":[[[113.3,22.5],[113.4,22.5],[113.4,22.6],[113.3,22.5]]]}}}}]}}"#,
        n = serde_json::to_string(name).unwrap()
    );
    let layer = parse_layer(&text, &LoadOptions::default()).unwrap();
    let spec = LayerSpec::ramp_for("v");
    let painted = PaintedLayer::paint(&spec, &layer);
    for lang in [Lang::Zh, Lang::En] {
        let (svg, _) = to_svg_string(&layer, &painted, &view(lang, name), 600, 400).unwrap();
        assert!(
            !svg.chars()
                .any(|c| (c.is_control() && c != '\n' && c != '\t') || c == '\u{ffff}'),
            "control character left in the SVG"
        );
        assert!(!svg.contains("<script>"), "markup not escaped");
        assert!(svg.contains("AB[31m"), "the rest of the name is kept");
    }
}

/// The map drawn as two stacked parts (the widget's two canvases) is the whole map: the base
/// (background, fills) followed by the top (outlines, labels, furniture) is element for element
/// the single drawing, the base has no text and the top no fill of a district colour.
#[test]
fn base_then_top_is_the_whole_map() {
    use zs_risk_map::render::svg::svg_document;
    use zs_risk_map::render::{draw_map_part, MapPart};
    let layer = DistrictLayer::builtin();
    let painted = painted(&layer, "surge");
    // On screen: no title or legend in the map, a selected town and a highlighted class.
    let v = MapView {
        furniture: false,
        selected: Some(layer.districts()[3].code.clone()),
        highlight_level: painted.values.iter().find_map(|d| d.level),
        ..view(Lang::Zh, "")
    };
    let part = |p| {
        svg_document(900, 640, |root| {
            draw_map_part(root, &layer, &painted, &v, 1.0, p)
        })
        .unwrap()
    };
    let ((whole, _), (base, _), (top, _)) = (
        part(MapPart::Whole),
        part(MapPart::Base),
        part(MapPart::Top),
    );
    let body = |svg: &str| -> Vec<String> {
        svg.lines()
            .filter(|l| !l.starts_with("<svg") && !l.starts_with("</svg"))
            .map(str::to_string)
            .collect()
    };
    let mut stacked = body(&base);
    stacked.extend(body(&top));
    assert_eq!(
        stacked,
        body(&whole),
        "base then top must be the whole drawing"
    );
    assert!(!base.contains("<text"), "the base draws no text");
    assert!(
        top.matches("<text").count() >= 23,
        "every town label is on the top"
    );
    assert!(
        base.contains("<polygon"),
        "the base draws the district fills"
    );
    assert!(!top.contains("<polygon"), "the top draws no district fill");
}
