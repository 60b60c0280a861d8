//! Bad rule sets and bad enterprises give clear errors that name the field or row.

use serde_json::{json, Value};
use zs_risk_map::premium::{builtin, builtin_json, Enterprise, RuleSet};

fn fuyang() -> Value {
    serde_json::from_str(builtin_json("fuyang").unwrap()).unwrap()
}

fn err(v: &Value) -> (String, String) {
    let e = RuleSet::from_json(&v.to_string()).unwrap_err();
    (e.code().to_string(), e.to_string())
}

fn assert_rule_err(v: Value, want: &str) {
    let (code, msg) = err(&v);
    assert_eq!(code, "INVALID_RULE_SET", "{msg}");
    assert!(
        msg.contains(want),
        "message {msg:?} should contain {want:?}"
    );
}

#[test]
fn not_json_and_unknown_fields() {
    let e = RuleSet::from_json("{ nope").unwrap_err();
    assert_eq!(e.code(), "NOT_JSON");
    assert!(e.to_string().contains("line 1"), "{e}");
    let mut v = fuyang();
    v["colour"] = json!("red");
    assert_rule_err(v, "unknown field `colour`");
    let mut v = fuyang();
    v["combine"] = json!({"mode": "sideways"});
    assert_rule_err(v, "unknown variant `sideways`");
}

#[test]
fn rates_are_decimal_strings_with_the_field_named() {
    let mut v = fuyang();
    v["base"]["cells"][0]["value"] = json!("0.57‰");
    assert_rule_err(v, "base.cells[0].value: '0.57‰' is not a decimal number");
    let mut v = fuyang();
    v["factor_groups"][1]["options"][2]["effect"] = json!({"pct": "ten"});
    assert_rule_err(v, "factor_groups[1] ('accidents_last_year').options[2] ('general').effect.pct: 'ten' is not a decimal number");
}

#[test]
fn conditions_are_checked() {
    let mut v = fuyang();
    v["factor_groups"][0]["options"][0]["when"] =
        json!({"op": "eq", "field": "honors", "value": "city"});
    assert_rule_err(v, "unknown enterprise field 'honors'");
    let mut v = fuyang();
    v["factor_groups"][0]["options"][0]["when"] =
        json!({"op": "eq", "field": "honours", "value": "county"});
    assert_rule_err(
        v,
        "'county' is not a value of 'honours' (one of: none, city, province)",
    );
    let mut v = fuyang();
    v["factor_groups"][0]["options"][0]["when"] =
        json!({"op": "band", "field": "honours", "band": {"ge": "1"}});
    assert_rule_err(v, "op 'band' needs a number field, but 'honours' is text");
    let mut v = fuyang();
    v["factor_groups"][1]["options"][0]["when"] =
        json!({"op": "accidents", "within_years": 1, "min_grade": "catastrophic"});
    assert_rule_err(v, "'catastrophic' is not an accident grade");
}

fn cost_table(bands: Value) -> Value {
    let mut v: Value =
        serde_json::from_str(builtin_json("shandong-construction").unwrap()).unwrap();
    let ids: Vec<String> = bands
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap().to_string())
        .collect();
    v["base"]["dims"][0]["bands"] = bands;
    v["base"]["cells"] = Value::Array(
        ids.iter()
            .map(|i| json!({"key": [i], "value": "0.0006"}))
            .collect(),
    );
    v
}

#[test]
fn band_tables_must_tile_with_explicit_closedness() {
    assert_rule_err(
        cost_table(json!([{"id": "a", "le": "100"}, {"id": "b", "ge": "100"}])),
        "bands 'a' and 'b' both include the shared edge 100",
    );
    assert_rule_err(
        cost_table(json!([{"id": "a", "lt": "100"}, {"id": "b", "gt": "100"}])),
        "bands 'a' and 'b' neither includes the shared edge 100",
    );
    assert_rule_err(
        cost_table(json!([{"id": "a", "le": "100"}, {"id": "b", "gt": "200"}])),
        "gap between bands 'a' (−∞, 100] and 'b' (200, +∞)",
    );
    assert_rule_err(
        cost_table(json!([{"id": "a", "le": "300"}, {"id": "b", "gt": "200"}])),
        "overlap between bands 'a' (−∞, 300] and 'b' (200, +∞)",
    );
    assert_rule_err(
        cost_table(json!([{"id": "a", "ge": "1", "gt": "2"}])),
        "give either 'ge' (inclusive) or 'gt' (exclusive)",
    );
    assert_rule_err(
        cost_table(json!([{"id": "a", "gt": "5", "le": "5"}])),
        "band is empty",
    );
}

#[test]
fn tables_must_be_complete_and_keys_known() {
    let mut v: Value = serde_json::from_str(builtin_json("hunan-construction").unwrap()).unwrap();
    v["base"]["cells"].as_array_mut().unwrap().remove(5);
    assert_rule_err(
        v,
        "base.cells: no cell for key [>8000, 300000, high, 6000000]",
    );
    let mut v: Value = serde_json::from_str(builtin_json("hunan-construction").unwrap()).unwrap();
    v["base"]["cells"][3]["key"][2] = json!("medium");
    assert_rule_err(
        v,
        "base.cells[3].key: 'medium' is not a key of dimension 'risk' (general, high)",
    );
    let mut v: Value = serde_json::from_str(builtin_json("hunan-construction").unwrap()).unwrap();
    let dup = v["base"]["cells"][0].clone();
    v["base"]["cells"].as_array_mut().unwrap().push(dup);
    assert_rule_err(
        v,
        "base.cells[96]: duplicate cell for key [>8000, 300000, general, 2000000]",
    );
}

#[test]
fn status_sources_modes_and_caps_are_checked() {
    let mut v = fuyang();
    v["status"] = json!("secondary");
    assert_rule_err(
        v,
        "status: 'secondary' is stronger than base which is 'illustrative'",
    );
    let mut v = fuyang();
    v["factor_groups"][0]["options"][0]["source"] = json!("nowhere");
    assert_rule_err(v, "source: 'nowhere' is not listed in sources");
    let mut v = fuyang();
    v["factor_groups"][0]["options"][0]["effect"] = json!({"tier_steps": 1});
    assert_rule_err(v, "'tier_steps' needs combine mode 'tier_ladder'");
    let mut v = fuyang();
    v["band"]["min"] = json!("1.4");
    assert_rule_err(v, "band: floor 1.4 is above the cap 1.30");
    let mut v = fuyang();
    v["rounding"] = json!([{"at": "total", "dp": 3}]);
    assert_rule_err(v, "rounding[0].dp: 3 — money rounds to at most 2 decimals");
    let mut v = fuyang();
    v["rounding"] = json!([{"at": "base", "dp": 0}]);
    assert_rule_err(v, "rounding: declare a 'total' step");
    let mut v = fuyang();
    v["prevention"]["share"] = json!("21");
    assert_rule_err(v, "prevention.share: 21 exceeds 1");
    let mut v = fuyang();
    v["exposure"] = json!("project_cost");
    v["base"]["value_kind"] = json!("premium_per_head");
    assert_rule_err(
        v,
        "base.value_kind: 'premium_per_head' does not fit exposure 'project_cost'",
    );
    let mut v: Value = serde_json::from_str(builtin_json("work-injury-71").unwrap()).unwrap();
    v["combine"]["ladder"] = json!(["0.5", "0.8", "0.8"]);
    assert_rule_err(v, "combine.ladder: factors must be strictly ascending");
}

#[test]
fn unknown_builtin_lists_the_known_ones() {
    let e = builtin("shenzhen").unwrap_err();
    assert_eq!(e.code(), "INVALID_INPUT");
    assert!(
        e.to_string()
            .contains("unknown built-in rule set 'shenzhen' (known: national-2025, national-2017"),
        "{e}"
    );
}

fn ent_err(json: &str) -> (String, String) {
    let e = Enterprise::from_json(json).unwrap_err();
    (e.code().to_string(), e.to_string())
}

/// (code, field id, zh, en) of an enterprise JSON error.
fn ent_field_err(json: &str) -> (String, String, String, String) {
    let e = Enterprise::from_json(json).unwrap_err();
    let en = e.to_string();
    (
        e.code().to_string(),
        e.field_id().unwrap_or("").to_string(),
        e.message_zh(),
        en,
    )
}

#[test]
fn bad_enterprises_name_the_field() {
    let base = r#""name": "x", "town_code": "442000001", "sector": "manufacturing""#;
    let (code, field, zh, _) = ent_field_err(&format!("{{{base}, \"headcount\": 0}}"));
    assert_eq!(
        (code.as_str(), field.as_str()),
        ("OUT_OF_RANGE", "enterprise.headcount")
    );
    assert_eq!(zh, "从业人员须在 1 至 1,000,000 人 之间，填写的是 0");
    let (code, msg) =
        ent_err(r#"{"name": "x", "town_code": "442000200", "sector": "m", "headcount": 1}"#);
    assert_eq!(code, "UNKNOWN_DISTRICT");
    assert!(
        msg.contains("town_code: '442000200' is not one of Zhongshan's 23 town codes"),
        "{msg}"
    );
    let (code, field, zh, en) = ent_field_err(&format!(
        r#"{{{base}, "headcount": 5, "accidents": [{{"year": 2024, "grade": "一般"}}, {{"year": 2023, "grade": "minor"}}]}}"#
    ));
    assert_eq!(
        (code.as_str(), field.as_str()),
        ("INVALID_INPUT", "enterprise.accidents[1].grade")
    );
    assert_eq!(
        zh,
        "事故等级：“minor”不是可选值（一般、较大、重大、特别重大）"
    );
    assert!(
        en.contains("Accident grade: 'minor' is not an accident grade"),
        "{en}"
    );
    let (code, field, zh, _) = ent_field_err(&format!(
        r#"{{{base}, "headcount": 5, "accidents": [{{"year": 2026, "grade": "一般"}}], "quote_year": 2025}}"#
    ));
    assert_eq!(
        (code.as_str(), field.as_str()),
        ("OUT_OF_RANGE", "enterprise.accidents[0].year")
    );
    assert!(
        zh.contains("事故年份须在 1949 至 2025 之间，填写的是 2026（保单年度 2025）"),
        "{zh}"
    );
    let (code, field, zh, _) = ent_field_err(&format!(
        r#"{{{base}, "headcount": 5, "hidden_dangers": {{"found": 1, "rectified": 2}}}}"#
    ));
    assert_eq!(
        (code.as_str(), field.as_str()),
        ("OUT_OF_RANGE", "enterprise.hidden_dangers.rectified")
    );
    assert_eq!(zh, "已整改隐患（2 项）不能多于隐患排查发现（1 项）");
    let (code, field, zh, _) = ent_field_err(&format!(
        r#"{{{base}, "headcount": 5, "per_person_limit": "-1"}}"#
    ));
    assert_eq!(
        (code.as_str(), field.as_str()),
        ("OUT_OF_RANGE", "enterprise.per_person_limit")
    );
    assert!(
        zh.starts_with("每人死亡伤残限额须在 大于 0 至 100,000,000 元（10,000 万元） 之间"),
        "{zh}"
    );
    let (_, field, zh, _) = ent_field_err(&format!(
        r#"{{{base}, "headcount": 5, "standardisation_grade": "四级"}}"#
    ));
    assert_eq!(field, "enterprise.standardisation_grade");
    assert_eq!(
        zh,
        "安全生产标准化：“四级”不是可选值（一级、二级、三级、未达标）"
    );
    let (code, field, _, en) = ent_field_err(&format!(r#"{{{base}, "headcount": 5, "staff": 3}}"#));
    assert_eq!(
        (code.as_str(), field.as_str()),
        ("INVALID_INPUT", "enterprise")
    );
    assert!(en.contains("unknown field `staff`"), "{en}");
    // Numbers are tolerated for money and counts, text for both.
    let e = Enterprise::from_json(&format!(
        r#"{{{base}, "headcount": "5", "per_person_limit": 500000}}"#
    ))
    .unwrap();
    assert_eq!(e.per_person_limit.unwrap().to_string(), "500000");
    assert_eq!(e.headcount, 5);
}

#[test]
fn missing_inputs_a_rule_set_needs_are_named_at_quote_time() {
    let e = Enterprise::from_json(
        r#"{"name": "x", "town_code": "442000001", "sector": "construction", "headcount": 5}"#,
    )
    .unwrap();
    let err = builtin("hunan-construction")
        .unwrap()
        .quote(&e)
        .unwrap_err();
    assert_eq!(err.field_id(), Some("enterprise.project_cost"));
    assert_eq!(err.to_string(), "enterprise.project_cost: Project cost: required by rule set 'hunan-construction' (table dimension 'cost_band')");
    assert!(
        err.message_zh().starts_with("工程造价：费率规则“"),
        "{}",
        err.message_zh()
    );
    let msg = builtin("work-injury-71")
        .unwrap()
        .quote(&e)
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("Risk class: required by rule set 'work-injury-71'"),
        "{msg}"
    );
    let err = builtin("fuyang").unwrap().quote(&e).unwrap_err();
    assert_eq!(
        err.to_string(),
        "enterprise.per_person_limit: Per-person limit: required by rule set 'fuyang' (per-head exposure)"
    );
}

#[test]
fn dates_are_checked() {
    let mut v = fuyang();
    v["effective_from"] = json!("2025/03/29");
    assert_rule_err(v, "effective_from: '2025/03/29' is not a date YYYY-MM-DD");
    let mut v = fuyang();
    v["effective_from"] = json!("2025-03-29");
    v["effective_to"] = json!("2018-01-01");
    assert_rule_err(
        v,
        "effective_to: 2018-01-01 is before effective_from 2025-03-29",
    );
}
