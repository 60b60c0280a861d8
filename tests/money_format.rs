//! Money formatting (金额格式) follows the shared vectors in `tests/data/money_format_cases.json`,
//! which `tests/js/money-format.test.mjs` checks against `formatCny` in www/i18n.js: one rule in
//! Rust and JS.

use std::str::FromStr;

use rust_decimal::Decimal;
use zs_risk_map::lang::Lang;
use zs_risk_map::money::{format_cny, format_cny_signed, format_yuan, format_yuan_signed};

#[test]
fn rust_formatter_matches_the_shared_vectors() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/money_format_cases.json"
    ))
    .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 20);
    for c in cases {
        let amount = Decimal::from_str(c["amount"].as_str().unwrap()).unwrap();
        for (key, got) in [
            ("zh", format_cny(amount, Lang::Zh)),
            ("en", format_cny(amount, Lang::En)),
            ("zh_signed", format_cny_signed(amount, Lang::Zh)),
            ("en_signed", format_cny_signed(amount, Lang::En)),
            ("zh_exact", format_yuan(amount, Lang::Zh)),
            ("zh_exact_signed", format_yuan_signed(amount, Lang::Zh)),
        ] {
            assert_eq!(got, c[key].as_str().unwrap(), "{key} of {amount}");
        }
    }
}

#[test]
fn an_amount_below_a_limit_never_shows_as_the_limit() {
    // Cut, never rounded, for every 万/亿 amount one fen below a round limit.
    for limit in [
        "10000",
        "150000000",
        "50000000",
        "12345600",
        "100000000",
        "1000000000000",
    ] {
        let l = Decimal::from_str(limit).unwrap();
        let below = l - Decimal::new(1, 2);
        assert_ne!(
            format_cny(l, Lang::Zh),
            format_cny(below, Lang::Zh),
            "{limit}"
        );
    }
}
