//! The wasm boundary in headless Chromium (`wasm-pack test --headless --chrome`): errors arrive
//! as JS `Error`s named `RiskMapError` with a stable `code`; the map renders on a real canvas
//! at dpr 1 and 2 and hit-tests town seats; bad input keeps the last good state.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlCanvasElement;
use zs_risk_map::web::RiskMap;

wasm_bindgen_test_configure!(run_in_browser);

fn canvas(w: u32, h: u32) -> HtmlCanvasElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let c: HtmlCanvasElement = doc.create_element("canvas").unwrap().dyn_into().unwrap();
    c.set_width(w);
    c.set_height(h);
    doc.body().unwrap().append_child(&c).unwrap();
    c
}

fn code_of(err: &JsValue) -> String {
    js_sys::Reflect::get(err, &"code".into())
        .unwrap()
        .as_string()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn bad_geojson_throws_a_risk_map_error_with_code_and_keeps_the_map() {
    let mut map = RiskMap::new(canvas(600, 400).into(), JsValue::UNDEFINED).unwrap();
    map.render(1.0).unwrap();
    let err = map
        .load_geojson("{nope".into(), "WGS84".into(), JsValue::NULL)
        .unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>(), "instanceof Error");
    let e: js_sys::Error = err.clone().dyn_into().unwrap();
    assert_eq!(e.name(), "RiskMapError");
    assert_eq!(code_of(&err), "NOT_JSON");
    let err = map
        .load_geojson("{}".into(), "BD09".into(), JsValue::NULL)
        .unwrap_err();
    assert_eq!(code_of(&err), "UNSUPPORTED_CRS");
    // Still the 23 schematic towns.
    let rows = js_sys::Array::from(&map.districts().unwrap());
    assert_eq!(rows.length(), 23);
}

#[wasm_bindgen_test]
fn renders_at_dpr_1_and_2_and_hit_tests_the_seats() {
    for dpr in [1.0, 2.0] {
        let c = canvas((600.0 * dpr) as u32, (400.0 * dpr) as u32);
        let mut map = RiskMap::new(c.clone().into(), JsValue::UNDEFINED).unwrap();
        map.render(dpr).unwrap();
        let rows = js_sys::Array::from(&map.districts().unwrap());
        for row in rows.iter() {
            let code = js_sys::Reflect::get(&row, &"code".into())
                .unwrap()
                .as_string()
                .unwrap();
            let lon = js_sys::Reflect::get(&row, &"seat_lon".into())
                .unwrap()
                .as_f64()
                .unwrap();
            let lat = js_sys::Reflect::get(&row, &"seat_lat".into())
                .unwrap()
                .as_f64()
                .unwrap();
            let p = map.to_css(lon, lat).unwrap();
            assert!(
                p[0] >= 0.0 && p[0] <= 600.0 && p[1] >= 0.0 && p[1] <= 400.0,
                "seat inside the canvas"
            );
            assert_eq!(
                map.district_at(p[0], p[1]).unwrap(),
                Some(code),
                "dpr {dpr}"
            );
        }
        assert_eq!(map.district_at(1.0, 1.0).unwrap(), None);
        // Something was drawn: the centre pixel is not the background.
        let ctx: web_sys::CanvasRenderingContext2d =
            c.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
        let p = map.to_css(113.39, 22.52).unwrap();
        let px = ctx
            .get_image_data(p[0] * dpr, p[1] * dpr, 1.0, 1.0)
            .unwrap()
            .data();
        assert_ne!((px[0], px[1], px[2]), (0xf4, 0xf7, 0xfb));
    }
}

#[wasm_bindgen_test]
fn unknown_layer_and_district_are_clear_errors() {
    let mut map = RiskMap::new(canvas(300, 200).into(), JsValue::UNDEFINED).unwrap();
    let err = map.set_layer("nope".into()).unwrap_err();
    assert_eq!(code_of(&err), "INVALID_INPUT");
    let err = map.set_selected("999".into()).unwrap_err();
    assert_eq!(code_of(&err), "UNKNOWN_DISTRICT");
    map.set_layer("waterlogging".into()).unwrap();
    assert_eq!(map.layer_id().unwrap(), "waterlogging");
}

/// Wrong-typed arguments from JS (what `el.selectDistrict(442000001)` or
/// `loadDistricts('x', {crs: 42})` used to pass straight into a `&str` and trap on) are coded,
/// field-named errors, and the map keeps working afterwards.
#[wasm_bindgen_test]
fn wrong_typed_arguments_are_field_errors_not_traps() {
    let field_of = |err: &JsValue| {
        js_sys::Reflect::get(err, &"field".into())
            .unwrap()
            .as_string()
            .unwrap_or_default()
    };
    let mut map = RiskMap::new(canvas(300, 200).into(), JsValue::UNDEFINED).unwrap();
    // A numeric town code is read as its digits.
    map.set_selected(JsValue::from_f64(442000001.0)).unwrap();
    let err = map.set_selected(JsValue::from_f64(1.5)).unwrap_err();
    assert_eq!(
        (code_of(&err), field_of(&err)),
        ("INVALID_INPUT".into(), "map.selected".into())
    );
    let err = map.set_layer(JsValue::from_f64(42.0)).unwrap_err();
    assert_eq!(code_of(&err), "INVALID_INPUT");
    let err = map.set_layer(js_sys::Object::new().into()).unwrap_err();
    assert_eq!(field_of(&err), "map.layer");
    let err = map
        .load_geojson("x".into(), JsValue::from_f64(42.0), JsValue::NULL)
        .unwrap_err();
    assert_eq!(field_of(&err), "geojson.crs");
    let err = map
        .load_geojson("x".into(), "WGS84".into(), JsValue::from_f64(123.0))
        .unwrap_err();
    assert_eq!(field_of(&err), "geojson.attribution");
    let err = map
        .load_geojson(
            JsValue::from_f64(1.0),
            JsValue::UNDEFINED,
            JsValue::UNDEFINED,
        )
        .unwrap_err();
    assert_eq!(field_of(&err), "geojson");
    let err = map.set_lang(JsValue::TRUE).unwrap_err();
    assert_eq!(field_of(&err), "map.lang");
    let err = map.render(f64::NAN).unwrap_err();
    assert_eq!(
        (code_of(&err), field_of(&err)),
        ("OUT_OF_RANGE".into(), "render.dpr".into())
    );
    let err = map.to_svg(1e308, 600.0).unwrap_err();
    assert_eq!(field_of(&err), "svg.width");
    let err = map.set_frame(true, f64::INFINITY).unwrap_err();
    assert_eq!(field_of(&err), "map.pad");
    let err = RiskMap::new(JsValue::from_str("canvas"), JsValue::UNDEFINED)
        .err()
        .unwrap();
    assert_eq!(field_of(&err), "map.canvas");
    let err = RiskMap::new(canvas(300, 200).into(), JsValue::from_f64(1.0))
        .err()
        .unwrap();
    assert_eq!(field_of(&err), "map.top");
    let c = canvas(300, 200);
    let err = RiskMap::new(c.clone().into(), c.into()).err().unwrap();
    assert_eq!(field_of(&err), "map.top");
    // Still usable: the good calls work and the selection is kept.
    map.set_layer("waterlogging".into()).unwrap();
    map.render(1.0).unwrap();
    assert!(!zs_risk_map::web::panic::is_poisoned());
}

/// The table CSV comes from the crate's one writer: a formula-like name is neutralised and a
/// CR in a name stays inside its quoted cell.
#[wasm_bindgen_test]
fn table_csv_is_injection_safe() {
    let mut map = RiskMap::new(canvas(300, 200).into(), JsValue::UNDEFINED).unwrap();
    let gj = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"X1","name_zh":"=cmd|' /C calc'!A0","name_en":"a\rb","v":-2},"geometry":{"type":"Polygon","coordinates":[[[113.3,22.5],[113.4,22.5],[113.4,22.6],[113.3,22.5]]]}}]}"#;
    map.load_geojson(gj.into(), "WGS84".into(), JsValue::NULL)
        .unwrap();
    let csv = map.table_csv("zh-CN".into()).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains("'=cmd|"), "{csv}");
    assert!(csv.contains("\"a\rb\""), "{csv}");
    let t = zs_risk_map::csv_lite::parse(&csv).unwrap();
    assert_eq!(t.records.len(), 2, "one district row and the source line");
}

#[wasm_bindgen_test]
fn svg_export_and_money_free_layers_cross_as_plain_objects() {
    let mut map = RiskMap::new(canvas(300, 200).into(), JsValue::UNDEFINED).unwrap();
    let svg = map.to_svg(800.0, 600.0).unwrap();
    assert!(svg.starts_with("<svg"));
    let legend = map.legend().unwrap();
    assert!(
        !legend.is_instance_of::<js_sys::Map>(),
        "plain objects, not ES Maps"
    );
    let schematic = js_sys::Reflect::get(&legend, &"schematic".into()).unwrap();
    assert_eq!(schematic.as_bool(), Some(true));
}

#[wasm_bindgen_test]
fn typhoon_scenario_errors_and_payout_money_cross_as_strings() {
    use zs_risk_map::web::typhoon::TyphoonScenario;
    // A bad custom track is a RiskMapError with a stable code.
    let err = TyphoonScenario::new("custom", Some("{\"points\": []}".into()), None)
        .err()
        .unwrap();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert!(
        matches!(
            code_of(&err).as_str(),
            "INVALID_TRACK" | "NOT_JSON" | "INVALID_INPUT"
        ),
        "{}",
        code_of(&err)
    );
    let err = TyphoonScenario::new("nope", None, None).err().unwrap();
    assert_eq!(code_of(&err), "INVALID_INPUT", "unknown storm id");
    let mut sc = TyphoonScenario::new("hato", None, None).unwrap();
    assert!(sc.steps().unwrap() > 10);
    // A bad what-if keeps the previous scenario.
    let before = sc.paid_for_tests();
    assert!(sc
        .update(Some("{\"speed_factor\": -1}".into()), None)
        .is_err());
    assert_eq!(sc.paid_for_tests(), before);
    // Money arrives as decimal strings with two places.
    let run = sc.payout(None).unwrap();
    let summary = run.summary().unwrap();
    let event = js_sys::Reflect::get(&summary, &"event".into()).unwrap();
    let paid = js_sys::Reflect::get(&event, &"paid".into()).unwrap();
    let paid = paid.as_string().expect("paid is a string");
    assert!(
        paid.contains('.') && paid.split('.').nth(1).unwrap().len() == 2,
        "{paid}"
    );
    // A bad policy is INVALID_POLICY / INVALID_TIERS / NOT_JSON, never a panic.
    let err = sc
        .payout(Some("{\"sum_insured\": \"-1\"}".into()))
        .err()
        .unwrap();
    assert!(
        matches!(
            code_of(&err).as_str(),
            "INVALID_POLICY" | "INVALID_TIERS" | "OUT_OF_RANGE"
        ),
        "{}",
        code_of(&err)
    );
    assert!(!zs_risk_map::web::panic::is_poisoned());
    // The grid is the 61×61 window.
    assert_eq!(sc.grid_peak().unwrap().len(), 61 * 61);
}

// ---- premium explainer (安责险保费测算) bindings ----

use zs_risk_map::web::premium::{
    premium_group_accident, premium_rule_sets, PremiumEnterprises, PremiumRuleSet,
};

const FUYANG_ENTERPRISE: &str = r#"{"name": "示例制造厂", "town_code": "442000107",
    "sector": "manufacturing", "headcount": 100, "per_person_limit": "500000",
    "honours": "city", "quote_year": 2025}"#;

fn get(v: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(v, &k.into()).unwrap()
}

#[wasm_bindgen_test]
fn premium_quote_money_arrives_as_decimal_strings() {
    let rs = PremiumRuleSet::new("fuyang").unwrap();
    let q = rs.quote(FUYANG_ENTERPRISE).unwrap();
    assert_eq!(q.premium().unwrap(), "24225.00");
    let obj = q.to_js().unwrap();
    assert_eq!(
        get(&obj, "premium").as_string().as_deref(),
        Some("24225.00")
    );
    assert_eq!(
        get(&obj, "base_premium").as_string().as_deref(),
        Some("28500.00")
    );
    let steps = js_sys::Array::from(&get(&obj, "steps"));
    assert!(steps.length() >= 4);
    // Multiplicative: 24,367.50 (docs/domain.md §6.7).
    let m = rs.with_combine("multiplicative").unwrap();
    assert_eq!(
        m.quote(FUYANG_ENTERPRISE).unwrap().premium().unwrap(),
        "24367.50"
    );
    // The catalogue is plain objects with a status.
    let cat = js_sys::Array::from(&premium_rule_sets().unwrap());
    assert!(cat.length() >= 8);
    let zs = cat
        .iter()
        .find(|r| get(r, "id").as_string().as_deref() == Some("zhongshan-illustrative"))
        .unwrap();
    assert_eq!(
        get(&zs, "status").as_string().as_deref(),
        Some("illustrative")
    );
}

#[wasm_bindgen_test]
fn premium_errors_are_risk_map_errors_with_codes() {
    let err = PremiumRuleSet::new("{\"id\": ").err().unwrap();
    let e: js_sys::Error = err.clone().dyn_into().unwrap();
    assert_eq!(e.name(), "RiskMapError");
    assert_eq!(code_of(&err), "NOT_JSON");
    let err = PremiumRuleSet::new("{\"id\": \"x\"}").err().unwrap();
    assert_eq!(code_of(&err), "INVALID_RULE_SET");
    let rs = PremiumRuleSet::new("zhongshan-illustrative").unwrap();
    let err = rs
        .quote(r#"{"name": "x", "town_code": "442000107", "sector": "nope", "headcount": 10}"#)
        .err()
        .unwrap();
    assert_eq!(code_of(&err), "INVALID_INPUT");
    let msg: String = err.dyn_into::<js_sys::Error>().unwrap().message().into();
    assert!(msg.contains("sector"), "{msg}");
    let err = rs.with_combine("sideways").err().unwrap();
    assert_eq!(code_of(&err), "INVALID_INPUT");
    let err = premium_group_accident(None, Some("25480".into()), "0").unwrap_err();
    assert_eq!(code_of(&err), "OUT_OF_RANGE");
}

#[wasm_bindgen_test]
fn premium_batch_rows_errors_and_town_layer_on_the_map() {
    let rs = PremiumRuleSet::new("zhongshan-illustrative").unwrap();
    let csv = zs_risk_map::web::premium::premium_synthetic_csv(3, 50).unwrap();
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let col = header.iter().position(|h| *h == "town_code").unwrap();
    let mut cells: Vec<String> = lines[4].split(',').map(str::to_string).collect();
    cells[col] = "999".into();
    lines[4] = cells.join(",");
    let run = rs.quote_csv(&lines.join("\n")).unwrap();
    assert_eq!(run.quoted().unwrap(), 49);
    let errs = js_sys::Array::from(&run.errors().unwrap());
    assert_eq!(errs.length(), 1);
    assert_eq!(get(&errs.get(0), "line").as_f64(), Some(5.0));
    let summary = run.summary().unwrap();
    assert!(get(&summary, "total_premium").is_string());
    let mut map = RiskMap::new(canvas(400, 300).into(), JsValue::UNDEFINED).unwrap();
    map.show_premium_layer(&run, "coverage").unwrap();
    map.render(1.0).unwrap();
    let legend = map.legend().unwrap();
    assert_eq!(
        get(&legend, "title_zh").as_string().as_deref(),
        Some("安责险覆盖率")
    );
    let err = map.show_premium_layer(&run, "nope").unwrap_err();
    assert_eq!(code_of(&err), "INVALID_INPUT");
    // The same synthetic enterprises in memory quote to the same premiums as via CSV.
    let set = PremiumEnterprises::synthetic(3, 50).unwrap();
    let direct = rs.quote_enterprises(&set).unwrap();
    assert_eq!(direct.quoted().unwrap(), 50);
    assert_eq!(direct.premium_at(0).unwrap(), run.premium_at(0).unwrap());
}

#[wasm_bindgen_test]
fn premium_waterfall_draws_and_group_accident_2020_example() {
    let rs = PremiumRuleSet::new("fuyang").unwrap();
    let q = rs.quote(FUYANG_ENTERPRISE).unwrap();
    let c = canvas(700, 300);
    q.draw_waterfall(c.clone(), 1.0, "zh-CN").unwrap();
    let bars = js_sys::Array::from(&q.waterfall_steps("zh-CN").unwrap());
    // base, 市级荣誉 −10 %, 无事故 −5 %, premium.
    assert_eq!(bars.length(), 4);
    let sum: f64 = bars
        .iter()
        .skip(1)
        .take(2)
        .map(|b| get(&b, "value").as_f64().unwrap())
        .sum();
    assert!((28500.0 + sum - 24225.0).abs() < 1e-6);
    let g = premium_group_accident(None, Some("25480".into()), "92").unwrap();
    assert_eq!(get(&g, "per_person").as_string().as_deref(), Some("276.96"));
    assert_eq!(get(&g, "total").as_string().as_deref(), Some("25480.00"));
}

// ---- 风险定价 (risk pricing) bindings ----

use zs_risk_map::web::pricing::{
    pricing_check, pricing_defaults, PricingCatalogue, PricingCatalogueBuilder, PricingRun,
};

fn message_of(err: &JsValue) -> String {
    err.clone()
        .dyn_into::<js_sys::Error>()
        .unwrap()
        .message()
        .into()
}

fn run_to_end(cat: &PricingCatalogue, years: f64, seed: f64, chunk: u32) -> PricingRun {
    let mut run = PricingRun::new(cat, None, years, seed, None, None).unwrap();
    while !run.is_done().unwrap() {
        run.step(chunk).unwrap();
    }
    run
}

#[wasm_bindgen_test]
fn pricing_errors_are_risk_map_errors_naming_the_field() {
    let err = pricing_check(0.0, 1.0, 300.0, None, None).unwrap_err();
    let e: js_sys::Error = err.clone().dyn_into().unwrap();
    assert_eq!(e.name(), "RiskMapError");
    assert_eq!(code_of(&err), "OUT_OF_RANGE");
    assert!(
        message_of(&err).contains("simulation.years"),
        "{}",
        message_of(&err)
    );
    for (years, seed, size, lambda, prem, field) in [
        (-5.0, 1.0, 300.0, None, None, "simulation.years"),
        (f64::NAN, 1.0, 300.0, None, None, "simulation.years"),
        (100.5, 1.0, 300.0, None, None, "simulation.years"),
        (100.0, -1.0, 300.0, None, None, "seed"),
        (100.0, 1.0, 0.0, None, None, "catalogue.size"),
        (100.0, 1.0, 300.0, Some(-1.0), None, "lambda"),
        (100.0, 1.0, 300.0, Some(f64::NAN), None, "lambda"),
        (
            100.0,
            1.0,
            300.0,
            None,
            Some("abc".to_string()),
            "compare_premium",
        ),
        (
            100.0,
            1.0,
            300.0,
            None,
            Some("-1".to_string()),
            "compare_premium",
        ),
    ] {
        let err = pricing_check(years, seed, size, lambda, prem).unwrap_err();
        assert!(
            matches!(code_of(&err).as_str(), "INVALID_INPUT" | "OUT_OF_RANGE"),
            "{field}: {}",
            code_of(&err)
        );
        assert!(
            message_of(&err).contains(field),
            "{field}: {}",
            message_of(&err)
        );
    }
    assert!(pricing_check(100.0, 1.0, 300.0, Some(0.5), Some("".into())).is_ok());
    // The builder: finish() before done, and twice.
    let mut b = PricingCatalogueBuilder::new(1.0, 20.0, None).unwrap();
    b.step(5).unwrap();
    assert_eq!(code_of(&b.finish().err().unwrap()), "INVALID_INPUT");
    b.step(100).unwrap();
    let cat = b.finish().unwrap();
    assert_eq!(cat.len().unwrap(), 20);
    assert_eq!(code_of(&b.finish().err().unwrap()), "INVALID_INPUT");
    // The run: a bad policy keeps its own code; λ ≤ 0; result before any step.
    let err = PricingRun::new(&cat, Some("{nope".into()), 100.0, 1.0, None, None)
        .err()
        .unwrap();
    assert_eq!(code_of(&err), "NOT_JSON");
    let err = PricingRun::new(&cat, None, 100.0, 1.0, Some(0.0), None)
        .err()
        .unwrap();
    assert!(message_of(&err).contains("lambda"));
    let mut run = PricingRun::new(&cat, None, 100.0, 1.0, None, None).unwrap();
    assert_eq!(code_of(&run.result().unwrap_err()), "INVALID_INPUT");
}

#[wasm_bindgen_test]
fn pricing_money_crosses_as_strings_and_the_same_seed_gives_the_same_result() {
    let d = pricing_defaults().unwrap();
    assert_eq!(get(&d, "years").as_f64(), Some(10_000.0));
    assert_eq!(get(&d, "lambda").as_f64(), Some(0.5));
    assert_eq!(get(&d, "catalogue_size").as_f64(), Some(4000.0));
    let cat = PricingCatalogue::build(1.0, 60.0, None).unwrap();
    assert_eq!(cat.total_rate().unwrap(), 0.5);
    let mut a = run_to_end(&cat, 800.0, 1.0, 800);
    let mut b = run_to_end(&cat, 800.0, 1.0, 7);
    let ra = a.result().unwrap();
    let rb = b.result().unwrap();
    let json = |v: &JsValue| String::from(js_sys::JSON::stringify(v).unwrap());
    assert_eq!(json(&ra), json(&rb), "chunk sizes do not change the result");
    // Money as decimal strings with fen; probabilities as numbers; absent as null.
    let exp = get(&ra, "expected_annual_payout").as_string().unwrap();
    assert_eq!(exp, a.expected_annual_payout().unwrap());
    assert!(exp.parse::<f64>().is_ok());
    assert!(get(&ra, "standard_error").is_string());
    assert!(get(&get(&ra, "premium"), "gross").is_string());
    assert!(get(&ra, "prob_any_payout").as_f64().is_some());
    let rows = js_sys::Array::from(&get(&ra, "return_periods"));
    assert_eq!(rows.length(), 6);
    assert!(
        get(&rows.get(5), "annual_payout").is_string(),
        "800 ≥ 200 years"
    );
    // Fewer simulated years than the return period: null, not a made-up figure.
    let mut short = run_to_end(&cat, 150.0, 1.0, 150);
    let rs = js_sys::Array::from(&get(&short.result().unwrap(), "return_periods"));
    assert!(
        get(&rs.get(5), "annual_payout").is_null(),
        "200 yr > 150 years"
    );
    assert!(
        get(&rs.get(4), "occurrence_payout").is_string(),
        "100 yr ≤ 150 years"
    );
    assert!(get(&rows.get(0), "annual_payout").is_string());
    // The policy's premium is compared by default; an entered one replaces it.
    let cmp = get(&get(&ra, "premium"), "comparison");
    assert!(get(&cmp, "premium").is_string());
    let mut c = PricingRun::new(&cat, None, 800.0, 1.0, None, Some("1000000".into())).unwrap();
    c.step(800).unwrap();
    let rc = c.result().unwrap();
    assert_eq!(
        get(&get(&get(&rc, "premium"), "comparison"), "premium")
            .as_string()
            .as_deref(),
        Some("1000000.00")
    );
    // Another seed, another result; a fresh catalogue with the same seed, the same one.
    let mut other = run_to_end(&cat, 800.0, 2.0, 800);
    assert_ne!(json(&other.result().unwrap()), json(&ra));
    let cat2 = PricingCatalogue::build(1.0, 60.0, None).unwrap();
    let mut again = run_to_end(&cat2, 800.0, 1.0, 100);
    assert_eq!(json(&again.result().unwrap()), json(&ra));
}

#[wasm_bindgen_test]
fn pricing_charts_draw_and_the_town_layer_shows_expected_payout() {
    let cat = PricingCatalogue::build(3.0, 80.0, None).unwrap();
    let mut run = run_to_end(&cat, 1000.0, 3.0, 250);
    let ink = |c: &HtmlCanvasElement| {
        let ctx: web_sys::CanvasRenderingContext2d =
            c.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
        let data = ctx
            .get_image_data(0.0, 0.0, c.width() as f64, c.height() as f64)
            .unwrap()
            .data();
        data.chunks(4).filter(|p| p[0] < 200 || p[1] < 200).count()
    };
    for lang in ["zh-CN", "en"] {
        let ep = canvas(700, 320);
        run.draw_ep_curve(ep.clone(), 1.0, lang).unwrap();
        assert!(ink(&ep) > 1000, "EP chart drawn ({lang})");
        let sc = canvas(700, 320);
        run.draw_scatter(sc.clone(), 1.0, lang).unwrap();
        assert!(ink(&sc) > 1000, "scatter drawn ({lang})");
    }
    let mut map = RiskMap::new(canvas(400, 300).into(), JsValue::UNDEFINED).unwrap();
    map.show_pricing_layer(&mut run).unwrap();
    map.render(1.0).unwrap();
    let legend = map.legend().unwrap();
    assert_eq!(
        get(&legend, "title_zh").as_string().as_deref(),
        Some("期望年赔付")
    );
    let rows = js_sys::Array::from(&map.districts().unwrap());
    let total: f64 = rows
        .iter()
        .map(|r| get(&r, "value").as_f64().unwrap())
        .sum();
    let expected: f64 = run.expected_annual_payout().unwrap().parse().unwrap();
    assert!(
        (total - expected).abs() <= 0.01 * 23.0,
        "towns add up to the expected payout: {total} vs {expected}"
    );
}
