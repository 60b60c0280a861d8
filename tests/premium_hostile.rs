//! Issue 9 for the premium engine: hostile and extreme inputs give coded, field-named errors —
//! never a panic, a wrap-around or an allocation sized by the input. First the issue's own
//! examples, then every numeric field of enterprise JSON, CSV rows and rule sets with 0, −0,
//! max, 1e308, NaN and ∞.

use serde_json::{json, Value};
use zs_risk_map::premium::{batch, builtin, builtin_ids, builtin_json, Enterprise, RuleSet};

const CODES: &[&str] = &[
    "OUT_OF_RANGE",
    "TOO_LARGE",
    "INVALID_INPUT",
    "INVALID_RULE_SET",
    "UNKNOWN_DISTRICT",
    "NOT_JSON",
];

fn base_enterprise() -> Value {
    json!({"name": "测试厂", "town_code": "442000105", "sector": "manufacturing",
           "headcount": 100, "per_person_limit": "500000", "quote_year": 2025})
}

#[test]
fn issue_headcount_u32_max_with_limit_1e20_wan_is_out_of_range() {
    // 4294967295 persons × 每人限额 1e20 万元 (= 1e24 元): rejected at parse time, naming the field.
    let mut v = base_enterprise();
    v["headcount"] = json!(4294967295u64);
    v["per_person_limit"] = json!("1e24");
    let e = Enterprise::from_json(&v.to_string()).unwrap_err();
    assert_eq!(e.code(), "OUT_OF_RANGE");
    assert_eq!(e.field_id(), Some("enterprise.headcount"));
    assert!(e.message_zh().contains("从业人员"), "{}", e.message_zh());
    // The limit alone is named too.
    v["headcount"] = json!(100);
    let e = Enterprise::from_json(&v.to_string()).unwrap_err();
    assert_eq!(
        (e.code(), e.field_id()),
        ("OUT_OF_RANGE", Some("enterprise.per_person_limit"))
    );
    assert!(
        e.message_zh().contains("每人死亡伤残限额"),
        "{}",
        e.message_zh()
    );
    // The largest values in range still quote under every built-in rule set without panic.
    v["headcount"] = json!(1_000_000);
    v["per_person_limit"] = json!("100000000");
    v["project_cost"] = json!("1000000000000");
    v["payroll"] = json!("1000000000000");
    v["revenue"] = json!("10000000000000");
    v["risk_class"] = json!("1");
    let e = Enterprise::from_json(&v.to_string()).unwrap();
    for id in builtin_ids() {
        if let Err(err) = builtin(id).unwrap().quote(&e) {
            assert!(CODES.contains(&err.code()), "{id}: {err}");
        }
    }
    let q = builtin("fuyang").unwrap().quote(&e).unwrap();
    assert_eq!(q.base_premium.to_string(), "57000000000.00"); // 1e8 × 0.57‰ × 1e6
}

#[test]
fn issue_the_same_in_a_csv_row_is_a_row_error() {
    let csv = "name,town_code,sector,headcount,per_person_limit\n\
               A,442000105,manufacturing,100,500000\n\
               B,442000105,manufacturing,4294967295,1e24\n\
               C,古镇,制造业,20,400000\n";
    let r = batch::quote_csv(&builtin("fuyang").unwrap(), csv).unwrap();
    assert_eq!(
        r.rows.iter().map(|x| x.line).collect::<Vec<_>>(),
        vec![2, 4]
    );
    assert_eq!(r.errors.len(), 1);
    let e = &r.errors[0];
    assert_eq!(
        (e.line, e.field.as_str(), e.code.as_str()),
        (3, "headcount", "OUT_OF_RANGE")
    );
    assert_eq!(e.column_zh, "从业人员（人）");
    // Row C: town and sector by Chinese name.
    assert_eq!(r.rows[1].town_code, "442000105");
    assert_eq!(r.rows[1].sector, "manufacturing");
}

#[test]
fn issue_64_two_valued_dimensions_are_too_large_not_accepted() {
    let mut v: Value = serde_json::from_str(builtin_json("fuyang").unwrap()).unwrap();
    let dims: Vec<Value> = (0..64)
        .map(|i| {
            json!({"id": format!("d{i}"), "field": "sector",
                         "values": [{"id": "a"}, {"id": "b"}]})
        })
        .collect();
    v["base"]["dims"] = Value::Array(dims);
    v["base"]["cells"] = json!([]);
    let e = RuleSet::from_json(&v.to_string()).unwrap_err();
    assert_eq!(e.code(), "TOO_LARGE", "{e}");
    // 17 two-valued dimensions (131,072 cells) are over the cell limit too, though the
    // dimension count alone would pass a looser check.
    let mut v: Value = serde_json::from_str(builtin_json("fuyang").unwrap()).unwrap();
    v["base"]["dims"] = Value::Array(
        (0..8)
            .map(|i| json!({"id": format!("d{i}"), "field": "sector",
                            "values": (0..5).map(|j| json!({"id": format!("v{j}")})).collect::<Vec<_>>()}))
            .collect(),
    );
    let e = RuleSet::from_json(&v.to_string()).unwrap_err();
    assert_eq!(
        (e.code(), e.field_id()),
        ("TOO_LARGE", Some("rules.base.dims"))
    );
}

#[test]
fn issue_accident_counts_cannot_wrap() {
    // Two records of 2147483648 accidents: each count is out of range (at most 10,000).
    let mut v = base_enterprise();
    v["accidents"] = json!([{"year": 2024, "grade": "一般", "count": 2147483648u64},
                            {"year": 2024, "grade": "一般", "count": 2147483648u64}]);
    let e = Enterprise::from_json(&v.to_string()).unwrap_err();
    assert_eq!(
        (e.code(), e.field_id()),
        ("OUT_OF_RANGE", Some("enterprise.accidents[0].count"))
    );
    // The most a valid record can hold is counted exactly, not wrapped.
    let lines: Vec<Value> = (0..1000)
        .map(|_| json!({"year": 2024, "grade": "一般", "count": 10000}))
        .collect();
    v["accidents"] = Value::Array(lines);
    let e = Enterprise::from_json(&v.to_string()).unwrap();
    use zs_risk_map::premium::AccidentGrade as G;
    assert_eq!(
        e.accident_count(1, G::General, G::EspeciallyMajor),
        10_000_000
    );
    // And an accident raises the premium rather than pricing as none.
    let r = builtin("fuyang").unwrap();
    let none = r
        .quote(&Enterprise::from_json(&base_enterprise().to_string()).unwrap())
        .unwrap();
    let many = r.quote(&e).unwrap();
    assert!(
        many.premium > none.premium,
        "{} > {}",
        many.premium,
        none.premium
    );
    // 1,001 lines are too many.
    v["accidents"] = Value::Array(
        (0..1001)
            .map(|_| json!({"year": 2024, "grade": "一般"}))
            .collect(),
    );
    let e = Enterprise::from_json(&v.to_string()).unwrap_err();
    assert_eq!(
        (e.code(), e.field_id()),
        ("TOO_LARGE", Some("enterprise.accidents"))
    );
}

/// Extreme values as JSON: numbers and text.
fn extremes() -> Vec<Value> {
    vec![
        json!(0),
        json!("0"),
        json!("-0"),
        json!("−0"),
        json!(-1),
        json!(1),
        json!(0.5),
        json!(4294967295u64),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(1e308),
        json!(-1e308),
        json!(f64::MAX),
        json!(f64::MIN_POSITIVE),
        json!("1e308"),
        json!("79228162514264337593543950335"),
        json!("-79228162514264337593543950335"),
        json!("0.0000000000000000000000000001"),
        json!("NaN"),
        json!("inf"),
        json!("-Infinity"),
        json!("∞"),
        json!("abc"),
        json!(""),
        json!("1".repeat(1000)),
    ]
}

const NUMERIC_PATHS: &[&[&str]] = &[
    &["headcount"],
    &["per_person_limit"],
    &["aggregate_limit"],
    &["project_cost"],
    &["revenue"],
    &["payroll"],
    &["claims_ratio"],
    &["work_injuries_last_year"],
    &["risk_management_discount"],
    &["quote_year"],
    &["hidden_dangers", "found"],
    &["hidden_dangers", "rectified"],
    &["hidden_dangers", "major_unrectified"],
    &["accidents", "0", "year"],
    &["accidents", "0", "count"],
];

fn set(v: &mut Value, path: &[&str], x: Value) {
    let mut cur = v;
    for (i, k) in path.iter().enumerate() {
        let last = i + 1 == path.len();
        if let Ok(n) = k.parse::<usize>() {
            cur = &mut cur[n];
        } else if last {
            cur[*k] = x.clone();
            return;
        } else {
            if cur.get(*k).is_none() {
                cur[*k] = json!({});
            }
            cur = &mut cur[*k];
        }
    }
}

#[test]
fn every_numeric_enterprise_field_survives_extremes_in_json_and_csv() {
    let rules: Vec<RuleSet> = builtin_ids()
        .into_iter()
        .map(|i| builtin(i).unwrap())
        .collect();
    let mut checked = 0;
    for path in NUMERIC_PATHS {
        for x in extremes() {
            let mut v = base_enterprise();
            v["accidents"] = json!([{"year": 2024, "grade": "一般", "count": 1}]);
            v["hidden_dangers"] = json!({"found": 0, "rectified": 0, "major_unrectified": 0});
            set(&mut v, path, x.clone());
            match Enterprise::from_json(&v.to_string()) {
                Ok(e) => {
                    for r in &rules {
                        if let Err(err) = r.quote(&e) {
                            assert!(CODES.contains(&err.code()), "{path:?}={x}: {err}");
                        }
                        let _ = r.quote_summary(&e);
                    }
                }
                Err(err) => {
                    assert!(CODES.contains(&err.code()), "{path:?}={x}: {err}");
                    let f = err.field_id().unwrap_or("");
                    assert!(f.starts_with("enterprise"), "{path:?}={x}: field {f:?}");
                    if !matches!(x, Value::String(ref s) if s.is_empty()) {
                        assert!(!err.message_zh().is_empty());
                    }
                }
            }
            checked += 1;
        }
    }
    // The same through a CSV row (text cells).
    let header = batch::COLUMNS.join(",");
    for col in [4usize, 5, 6, 7, 8, 9, 12, 15, 16, 17, 22, 23, 24] {
        for x in extremes() {
            let cell = match &x {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let mut cells = vec![String::new(); batch::COLUMNS.len()];
            cells[0] = "厂".into();
            cells[1] = "442000105".into();
            cells[2] = "manufacturing".into();
            cells[4] = "10".into();
            cells[5] = "500000".into();
            cells[col] = cell;
            let csv = format!("{header}\n{}\n", cells.join(","));
            for r in &rules {
                let res = batch::quote_csv(r, &csv).unwrap();
                assert_eq!(res.rows.len() + res.errors.len(), 1);
                for e in &res.errors {
                    assert!(CODES.contains(&e.code.as_str()), "{e:?}");
                    assert!(!e.message_zh.is_empty() && !e.message.is_empty());
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 500);
}

/// Every string leaf of a JSON value that parses as a number, with its path.
fn numeric_leaves(v: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                path.push(k.clone());
                numeric_leaves(x, path, out);
                path.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                path.push(i.to_string());
                numeric_leaves(x, path, out);
                path.pop();
            }
        }
        Value::String(s) if s.parse::<f64>().is_ok() => out.push(path.clone()),
        Value::Number(_) => out.push(path.clone()),
        _ => {}
    }
}

fn set_path(v: &mut Value, path: &[String], x: Value) {
    let mut cur = v;
    for k in path {
        cur = match k.parse::<usize>() {
            Ok(n) if cur.is_array() => &mut cur[n],
            _ => &mut cur[k.as_str()],
        };
    }
    *cur = x;
}

#[test]
fn every_numeric_rule_set_field_survives_extremes() {
    let e = Enterprise::from_json(
        &json!({"name": "x", "town_code": "442000001", "sector": "construction", "headcount": 50,
                "project_cost": "20000000", "risk_class": "general", "per_person_limit": "400000",
                "aggregate_limit": "4000000", "payroll": "3000000", "claims_ratio": "1.2",
                "accidents": [{"year": 2024, "grade": "较大"}], "blacklisted": true})
        .to_string(),
    )
    .unwrap();
    let mut cases = 0;
    for id in builtin_ids() {
        let orig: Value = serde_json::from_str(builtin_json(id).unwrap()).unwrap();
        let mut leaves = Vec::new();
        numeric_leaves(&orig, &mut Vec::new(), &mut leaves);
        for path in &leaves {
            for x in extremes() {
                let mut v = orig.clone();
                // Strings stay strings (the DTO types them), numbers stay numbers.
                let x = match (&x, path.last().map(String::as_str)) {
                    (
                        Value::Number(n),
                        Some("start" | "within_years" | "min_count" | "dp" | "tier_steps"),
                    ) => Value::Number(n.clone()),
                    (Value::Number(n), _) => Value::String(n.to_string()),
                    _ => x.clone(),
                };
                set_path(&mut v, path, x.clone());
                match RuleSet::from_json(&v.to_string()) {
                    Ok(r) => {
                        if let Err(err) = r.quote(&e) {
                            assert!(CODES.contains(&err.code()), "{id} {path:?}={x}: {err}");
                        }
                    }
                    Err(err) => assert!(CODES.contains(&err.code()), "{id} {path:?}={x}: {err}"),
                }
                cases += 1;
            }
        }
    }
    assert!(cases > 1000, "{cases}");
}

#[test]
fn csv_limits_are_checked_before_parsing() {
    let rules = builtin("fuyang").unwrap();
    let big = "x".repeat(batch::MAX_CSV_BYTES + 1);
    let e = batch::quote_csv(&rules, &big).unwrap_err();
    assert_eq!((e.code(), e.field_id()), ("TOO_LARGE", Some("csv")));
    let mut rows = String::from("name,town_code,sector,headcount\n");
    for _ in 0..=batch::MAX_CSV_ROWS {
        rows.push_str("a,1,m,1\n");
    }
    let e = batch::quote_csv(&rules, &rows).unwrap_err();
    assert_eq!((e.code(), e.field_id()), ("TOO_LARGE", Some("csv")));
    assert!(e.message_zh().contains("分批"), "{}", e.message_zh());
    let wide = format!("{}\n", ",".repeat(batch::MAX_CSV_FIELDS + 1));
    assert_eq!(
        batch::quote_csv(&rules, &wide).unwrap_err().code(),
        "TOO_LARGE"
    );
    // Quoted commas and newlines do not count as fields or rows.
    let quoted = format!(
        "name,town_code,sector,headcount\n\"{}\",442000105,manufacturing,1\n",
        ",\n".repeat(100)
    );
    let r = batch::quote_csv(&rules, &quoted).unwrap();
    assert_eq!(r.errors.len() + r.rows.len(), 1);
}

#[test]
fn chinese_headers_and_values_are_accepted() {
    let csv =
        "\u{feff}企业名称,镇街,行业,从业人数,每人限额（元）,已投保,事故记录,安全生产标准化等级\n\
               灯饰厂,古镇镇,制造业,100,500000,是,2024：一般：2,三级\n\
               五金厂,小榄,制造业,50,500000,否,,一级\n";
    let r = batch::quote_csv(&builtin("zhongshan-illustrative").unwrap(), csv).unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.rows[0].town_code, "442000105");
    assert_eq!(r.rows[1].town_code, "442000118");
    assert!(r.rows[0].insured && !r.rows[1].insured);
}
