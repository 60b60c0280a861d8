//! The map view's presentation (`present::map`), natively: the layer picker, the table rows,
//! the legend, the table CSV in both languages, the attribution line and the JSON shapes the
//! element reads (issue 10: presentation tested outside the browser).

use zs_risk_map::layers::{builtin_layers, HazardLevel, PaintedLayer};
use zs_risk_map::map::geojson::{parse_layer, LoadOptions};
use zs_risk_map::map::schematic::SCHEMATIC_ATTRIBUTION;
use zs_risk_map::map::DistrictLayer;
use zs_risk_map::present::map::*;
use zs_risk_map::render::Lang;

fn surge(layer: &DistrictLayer) -> PaintedLayer {
    let spec = builtin_layers()
        .into_iter()
        .find(|s| s.id == "surge")
        .unwrap();
    PaintedLayer::paint(&spec, layer)
}

/// Two loaded towns with a custom numeric attribute, a formula-like name and an attribution.
fn loaded() -> DistrictLayer {
    let sq = |x: f64| {
        format!(
            r#"{{"type":"Polygon","coordinates":[[[{x},22.5],[{x1},22.5],[{x1},22.6],[{x},22.6],[{x},22.5]]]}}"#,
            x1 = x + 0.1
        )
    };
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[
        {{"type":"Feature","properties":{{"code":"B2","name_zh":"=乙镇","name_en":"Yi","risk":4}},"geometry":{}}},
        {{"type":"Feature","properties":{{"code":"A1","name_zh":"甲镇","name_en":"Jia Town","risk":2.5}},"geometry":{}}}]}}"#,
        sq(113.5),
        sq(113.3)
    );
    parse_layer(
        &text,
        &LoadOptions {
            attribution: Some("审图号 粤S(2024)001号".into()),
            ..LoadOptions::default()
        },
    )
    .unwrap()
}

fn keys(v: &serde_json::Value) -> Vec<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

#[test]
fn builtin_layers_are_offered_with_their_kind_and_a_loaded_attribute_gets_a_ramp() {
    let infos = layer_infos(&DistrictLayer::builtin());
    let surge = infos
        .iter()
        .find(|i| i.id == "surge")
        .expect("surge offered");
    assert_eq!(surge.kind, "levels");
    assert_eq!(surge.title_zh, "风暴潮暴露");
    assert!(infos.iter().all(|i| i.kind == "levels" || i.kind == "ramp"));
    let custom = layer_infos(&loaded());
    assert_eq!(custom.len(), 1, "{custom:?}");
    assert_eq!((custom[0].id.as_str(), custom[0].kind), ("risk", "ramp"));
    // A new map (no current layer) starts on the first built-in layer.
    assert_eq!(
        layer_after_load(&DistrictLayer::builtin(), "").id,
        builtin_layers()[0].id
    );
    assert_eq!(builtin_layers()[0].id, "population_density");
    // After loading, the current layer is kept when the districts have it, else the first.
    assert_eq!(layer_after_load(&loaded(), "surge").id, "risk");
    assert_eq!(
        layer_after_load(&DistrictLayer::builtin(), "waterlogging").id,
        "waterlogging"
    );
}

#[test]
fn rows_carry_value_level_colour_and_seat_of_every_town() {
    let layer = DistrictLayer::builtin();
    let painted = surge(&layer);
    let rows = district_rows(&layer, &painted);
    assert_eq!(rows.len(), 23);
    assert!(rows.windows(2).all(|w| w[0].code < w[1].code), "sorted");
    let tanzhou = rows.iter().find(|r| r.code == "442000107").unwrap();
    assert_eq!(tanzhou.name_zh, "坦洲镇");
    assert_eq!(tanzhou.short_zh, "坦洲");
    assert_eq!(tanzhou.level, Some("high"));
    assert_eq!(tanzhou.level_zh, Some("高"));
    assert_eq!(tanzhou.level_en, Some("High"));
    assert_eq!(tanzhou.color, HazardLevel::High.color().hex());
    assert_eq!(tanzhou.display, painted.format_value(tanzhou.value));
    let d = layer.get("442000107").unwrap();
    assert_eq!(
        (tanzhou.seat_lon, tanzhou.seat_lat),
        (d.seat.x(), d.seat.y())
    );
    let shiqi = rows.iter().find(|r| r.code == "442000001").unwrap();
    assert_eq!(shiqi.level, Some("very_low"));
}

#[test]
fn table_csv_has_the_header_rows_and_source_line_in_each_language() {
    let layer = DistrictLayer::builtin();
    let painted = surge(&layer);
    let zh = table_csv(&layer, &painted, Lang::Zh);
    assert!(zh.starts_with('\u{feff}'), "BOM for spreadsheets");
    let lines: Vec<&str> = zh.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines[0], "代码,镇街,name_en,风暴潮暴露,等级");
    let tanzhou = lines.iter().find(|l| l.starts_with("442000107,")).unwrap();
    assert!(tanzhou.starts_with("442000107,坦洲镇,"), "{tanzhou}");
    assert!(tanzhou.ends_with(",高"), "{tanzhou}");
    // 23 towns between the header and the source line.
    let last = lines.iter().rev().find(|l| !l.is_empty()).unwrap();
    assert_eq!(
        *last,
        format!("# 示意图 schematic; {SCHEMATIC_ATTRIBUTION}")
    );
    assert_eq!(lines.iter().filter(|l| l.starts_with("4420")).count(), 23);

    let en = table_csv(&layer, &painted, Lang::En);
    let first = en
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .next()
        .unwrap();
    assert_eq!(first, "Code,Town,name_en,Storm-surge exposure,Level");
    assert!(en.contains("\r\n442000107,坦洲镇,"));
    assert!(en
        .split("\r\n")
        .any(|l| l.starts_with("442000107,") && l.ends_with(",High")));
    assert!(!en.contains(",高\r\n"), "levels follow the language");
}

#[test]
fn loaded_boundaries_show_their_own_attribution_and_names_cannot_run_as_formulas() {
    let layer = loaded();
    assert_eq!(attribution_of(&layer), "审图号 粤S(2024)001号");
    assert_eq!(
        attribution_of(&DistrictLayer::builtin()),
        SCHEMATIC_ATTRIBUTION
    );
    let s = load_summary(&layer);
    assert_eq!(s.count, 2);
    assert_eq!(s.codes, ["A1", "B2"]);
    assert_eq!(s.attributes, ["risk"]);
    assert!(!s.schematic);
    assert_eq!(s.attribution, "审图号 粤S(2024)001号");
    assert!(load_summary(&DistrictLayer::builtin()).schematic);

    let painted = PaintedLayer::paint(&layer_after_load(&layer, ""), &layer);
    let csv = table_csv(&layer, &painted, Lang::Zh);
    assert!(csv.contains("\r\n# 审图号 粤S(2024)001号\r\n"), "{csv}");
    assert!(
        !csv.contains("示意图"),
        "loaded boundaries are not the schematic"
    );
    assert!(csv.contains("\r\nA1,甲镇,Jia Town,2.5,\r\n"), "{csv}");
    assert!(
        !csv.contains(",=乙镇,"),
        "formula-like name neutralised: {csv}"
    );
    let legend = legend(&layer, &painted);
    assert!(legend.is_ramp);
    assert!(!legend.schematic);
    assert_eq!(legend.attribution, "审图号 粤S(2024)001号");
}

#[test]
fn level_ids_round_trip_and_a_wrong_one_names_the_field() {
    for l in HazardLevel::ALL_DESC {
        assert_eq!(
            level_from_id("map.level", Some(level_id(l))).unwrap(),
            Some(l)
        );
    }
    assert_eq!(level_from_id("map.level", None).unwrap(), None);
    assert_eq!(level_from_id("map.level", Some("")).unwrap(), None);
    let e = level_from_id("map.level", Some("extreme")).unwrap_err();
    assert_eq!(e.code(), "INVALID_INPUT");
    match e {
        zs_risk_map::Error::Field(f) => {
            assert_eq!(f.field, "map.level");
            assert!(f.zh.contains("extreme") && f.en.contains("very_low"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn title_and_legend_follow_the_layer_and_language() {
    let layer = DistrictLayer::builtin();
    let painted = surge(&layer);
    assert_eq!(
        map_title(&painted.spec, Lang::Zh),
        "中山市镇街 · 风暴潮暴露"
    );
    assert_eq!(
        map_title(&painted.spec, Lang::En),
        "Zhongshan towns · Storm-surge exposure"
    );
    let l = legend(&layer, &painted);
    assert_eq!(l.id, "surge");
    assert!(!l.is_ramp && l.schematic);
    assert_eq!(l.rows.len(), 4);
    assert_eq!(
        (l.rows[0].level, l.rows[0].label_zh, l.rows[0].range),
        (Some("high"), "高", "专家分级：高")
    );
    assert_eq!(l.rows[0].color, HazardLevel::High.color().hex());
}

#[test]
fn json_shapes_are_the_ones_the_element_reads() {
    let layer = DistrictLayer::builtin();
    let painted = surge(&layer);
    let row = serde_json::to_value(&district_rows(&layer, &painted)[0]).unwrap();
    let mut k = keys(&row);
    k.sort();
    assert_eq!(
        k,
        [
            "code", "color", "display", "level", "level_en", "level_zh", "name_en", "name_zh",
            "seat_lat", "seat_lon", "short_en", "short_zh", "value"
        ]
    );
    let info = serde_json::to_value(&layer_infos(&layer)[0]).unwrap();
    let mut k = keys(&info);
    k.sort();
    assert_eq!(
        k,
        ["id", "kind", "note_en", "note_zh", "title_en", "title_zh", "unit"]
    );
    let l = serde_json::to_value(legend(&layer, &painted)).unwrap();
    let mut k = keys(&l);
    k.sort();
    assert_eq!(
        k,
        [
            "attribution",
            "id",
            "is_ramp",
            "note_en",
            "note_zh",
            "rows",
            "schematic",
            "title_en",
            "title_zh",
            "unit"
        ]
    );
    let mut k = keys(&l["rows"][0]);
    k.sort();
    assert_eq!(
        k,
        ["color", "count", "label_en", "label_zh", "level", "range", "range_en"]
    );
    // The legend's "(n)": every town in exactly one class row of a class layer.
    let counts: Vec<u64> = l["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["count"].as_u64().unwrap())
        .collect();
    if l["is_ramp"] == false {
        assert_eq!(counts.iter().sum::<u64>(), layer.districts().len() as u64);
    } else {
        assert!(counts.iter().all(|&n| n == 0));
    }
    let s = serde_json::to_value(load_summary(&layer)).unwrap();
    let mut k = keys(&s);
    k.sort();
    assert_eq!(
        k,
        ["attributes", "attribution", "codes", "count", "schematic"]
    );
}

#[test]
fn engine_layers_name_their_variable_and_money() {
    let w = wind_layer_spec(false);
    assert_eq!(
        (w.id.as_str(), w.title_zh.as_str()),
        ("wind_peak", "峰值风速（2分钟平均）")
    );
    assert_eq!(wind_layer_spec(true).id, "wind_now");
    let p = payout_layer_spec();
    assert_eq!((p.unit.as_str(), p.display_scale), ("万元", 0.0001));
}
