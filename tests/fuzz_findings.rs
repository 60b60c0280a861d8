//! Crashes the fuzzer (examples/fuzz.rs) found in modules owned by other areas, each as a
//! minimal reproducer. Ignored here with the owner named; the lead unignores them after
//! merging the branch that fixes them (docs/robustness.md §6). Each asserts the only
//! acceptable outcome: a value or a coded error, never a panic.

use zs_risk_map::premium::{self, Enterprise, RuleSet};

const EXAMPLE_ENTERPRISE: &str = include_str!("../data/rules/example_enterprise.json");

#[test]
#[ignore = "owned by premium: a factor effect pct of Decimal::MAX overflows a Decimal addition (panic 'Addition overflowed') while quoting; fuzz target rule_set"]
fn rule_set_factor_pct_at_decimal_max_is_an_error_not_a_panic() {
    let mut v: serde_json::Value =
        serde_json::from_str(premium::builtin_json("fuyang").unwrap()).unwrap();
    v["factor_groups"][0]["options"][1]["effect"]["pct"] = "79228162514264337593543950335".into();
    let e = Enterprise::from_json(EXAMPLE_ENTERPRISE).unwrap();
    match RuleSet::from_json(&v.to_string()).and_then(|r| r.quote(&e)) {
        Ok(_) => {}
        Err(err) => assert!(
            matches!(
                err.code(),
                "OUT_OF_RANGE" | "INVALID_RULE_SET" | "INVALID_INPUT"
            ),
            "{err}"
        ),
    }
}
