//! Every way a GeoJSON upload can be wrong gives an error that names the feature and the
//! problem, with a stable code.

use zs_risk_map::map::crs::Crs;
use zs_risk_map::map::geojson::{parse_layer, LoadOptions, MAX_FEATURES};

fn feature(code: &str, geometry: &str) -> String {
    format!(
        r#"{{"type":"Feature","properties":{{"code":"{code}","name_zh":"甲","risk":2.5,"label":"x"}},"geometry":{geometry}}}"#
    )
}
const SQUARE: &str = r#"{"type":"Polygon","coordinates":[[[113.3,22.5],[113.4,22.5],[113.4,22.6],[113.3,22.6],[113.3,22.5]]]}"#;

fn fc(features: &[String]) -> String {
    format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    )
}

fn err(text: &str) -> (String, String) {
    let e = parse_layer(text, &LoadOptions::default()).unwrap_err();
    (e.code().to_string(), e.to_string())
}

#[test]
fn valid_collection_keeps_numeric_and_text_properties() {
    let layer = parse_layer(&fc(&[feature("A1", SQUARE)]), &LoadOptions::default()).unwrap();
    let d = &layer.districts()[0];
    assert_eq!(d.attribute("risk"), Some(2.5));
    assert_eq!(d.text.get("label").map(String::as_str), Some("x"));
    assert!(zs_risk_map::map::geometry::contains_point(
        &d.shape, d.seat.0
    ));
}

#[test]
fn rejects_each_problem_with_a_named_message() {
    let cases: Vec<(String, &str, &str)> = vec![
        ("{not json".into(), "NOT_JSON", "line 1"),
        (r#"{"type":"Feature"}"#.into(), "INVALID_GEOMETRY", "expected 'FeatureCollection'"),
        (fc(&[]), "INVALID_INPUT", "no features"),
        (fc(&[feature("A1", r#"{"type":"Point","coordinates":[113.3,22.5]}"#)]), "INVALID_GEOMETRY", "feature 0 (code A1): geometry type 'Point'"),
        (fc(&[feature("A1", r#"{"type":"Polygon","coordinates":[[[113.3,22.5],[113.4,22.5],[113.4,22.6],[113.3,22.61]]]}"#)]), "INVALID_GEOMETRY", "ring 0: ring is not closed"),
        (fc(&[feature("A1", r#"{"type":"Polygon","coordinates":[[[113.3,22.5],[113.4,22.5],[113.3,22.5]]]}"#)]), "INVALID_GEOMETRY", "has 3 positions; a closed ring needs at least 4"),
        (fc(&[feature("A1", r#"{"type":"Polygon","coordinates":[[[500000,2500000],[500100,2500000],[500100,2500100],[500000,2500000]]]}"#)]), "INVALID_GEOMETRY", "outside the lon/lat range"),
        (fc(&[feature("A1", r#"{"type":"Polygon","coordinates":[[[113.3,22.5],["x",22.5],[113.4,22.6],[113.3,22.5]]]}"#)]), "INVALID_GEOMETRY", "position 1: lon and lat must be numbers"),
        (fc(&[feature("A1", SQUARE), feature("A1", SQUARE)]), "INVALID_INPUT", "feature 1: duplicate code 'A1' (already used by feature 0)"),
        (r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}"#.into(), "INVALID_INPUT", "feature 0: property 'code' is missing"),
        (fc(&[feature("A1", r#"{"type":"MultiPolygon","coordinates":[]}"#)]), "INVALID_GEOMETRY", "MultiPolygon is empty"),
    ];
    for (text, code, needle) in cases {
        let (c, m) = err(&text);
        assert_eq!(c, code, "{m}");
        assert!(m.contains(needle), "expected '{needle}' in '{m}'");
    }
}

#[test]
fn non_finite_coordinates_are_rejected() {
    // JSON has no NaN literal; a huge exponent overflows to infinity in f64 parsing paths, and
    // serde_json rejects it as a number out of range, which must still surface as an error.
    let text = fc(&[feature(
        "A1",
        r#"{"type":"Polygon","coordinates":[[[1e400,22.5],[113.4,22.5],[113.4,22.6],[1e400,22.5]]]}"#,
    )]);
    let e = parse_layer(&text, &LoadOptions::default()).unwrap_err();
    assert!(matches!(e.code(), "NOT_JSON" | "INVALID_GEOMETRY"), "{e}");
}

#[test]
fn too_many_features_is_a_clear_error() {
    let many: Vec<String> = (0..=MAX_FEATURES)
        .map(|i| feature(&format!("F{i}"), SQUARE))
        .collect();
    let (code, msg) = err(&fc(&many));
    assert_eq!(code, "TOO_LARGE");
    assert!(
        msg.contains(&format!("the limit is {MAX_FEATURES}")),
        "{msg}"
    );
}

#[test]
fn gcj02_input_is_converted_to_wgs84() {
    let wgs = parse_layer(&fc(&[feature("A1", SQUARE)]), &LoadOptions::default()).unwrap();
    let gcj = parse_layer(
        &fc(&[feature("A1", SQUARE)]),
        &LoadOptions {
            crs: Crs::Gcj02,
            attribution: None,
        },
    )
    .unwrap();
    let a = wgs.districts()[0].bbox.min();
    let b = gcj.districts()[0].bbox.min();
    // Around Zhongshan GCJ-02 lies ~550 m east-south-east of WGS-84, so converting moves the
    // shape west and slightly north.
    assert!(b.x < a.x && b.y > a.y, "{a:?} vs {b:?}");
    let shift_m = ((a.x - b.x) * 102_700.0).hypot((a.y - b.y) * 110_600.0);
    assert!((300.0..800.0).contains(&shift_m), "shift {shift_m} m");
}

#[test]
fn known_town_codes_get_the_town_facts_and_seat() {
    let text = fc(&[feature("442000107", SQUARE)]);
    let layer = parse_layer(&text, &LoadOptions::default()).unwrap();
    let d = &layer.districts()[0];
    assert_eq!(d.attribute("population"), Some(387157.0));
    assert!((d.seat.x() - 113.46585).abs() < 1e-9);
}

#[test]
fn huge_attribute_values_are_refused_with_the_field_named() {
    for v in ["1e308", "-1e308", "1e16"] {
        let f = format!(
            r#"{{"type":"Feature","properties":{{"code":"A1","pop":{v}}},"geometry":{SQUARE}}}"#
        );
        let e = parse_layer(&fc(&[f]), &LoadOptions::default()).unwrap_err();
        assert_eq!(e.code(), "OUT_OF_RANGE", "{v}: {e}");
        assert_eq!(e.field_id(), Some("geojson.features[0].properties.pop"));
        assert!(e.message_zh().contains("pop"), "{}", e.message_zh());
    }
    // At the limit it is still a value.
    let f = format!(
        r#"{{"type":"Feature","properties":{{"code":"A1","pop":-1e15}},"geometry":{SQUARE}}}"#
    );
    let layer = parse_layer(&fc(&[f]), &LoadOptions::default()).unwrap();
    assert_eq!(layer.districts()[0].attribute("pop"), Some(-1e15));
}

#[test]
fn overlong_code_and_attribution_are_too_large() {
    let long = "9".repeat(65);
    let e = parse_layer(&fc(&[feature(&long, SQUARE)]), &LoadOptions::default()).unwrap_err();
    assert_eq!(
        (e.code(), e.field_id()),
        ("TOO_LARGE", Some("geojson.features[0].properties.code"))
    );
    let opts = LoadOptions {
        attribution: Some("©".repeat(501)),
        ..LoadOptions::default()
    };
    let e = parse_layer(&fc(&[feature("A1", SQUARE)]), &opts).unwrap_err();
    assert_eq!(e.field_id(), Some("geojson.attribution"));
}
