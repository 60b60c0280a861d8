//! The evidence-status badge (证据状态) has one label per value in Rust and in the views'
//! dictionary (www/i18n-views.js `status: { … }`), and a policy and a rule set use the same type.

use zs_risk_map::status::Status;

/// The `status: { verified: '…', secondary: '…', illustrative: '…' }` line the views translate
/// status keys with, built from the Rust labels.
fn dictionary_line(label: fn(Status) -> &'static str) -> String {
    let pairs: Vec<String> = Status::ALL
        .iter()
        .map(|s| format!("{}: '{}'", s.key(), label(*s)))
        .collect();
    format!("status: {{ {} }}", pairs.join(", "))
}

#[test]
fn views_dictionary_holds_exactly_the_rust_labels() {
    let js =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/i18n-views.js")).unwrap();
    for (lang, line) in [
        ("zh", dictionary_line(Status::label_zh)),
        ("en", dictionary_line(Status::label_en)),
    ] {
        assert_eq!(
            js.matches(&line).count(),
            1,
            "{lang}: {line} not in i18n-views.js"
        );
    }
}

#[test]
fn policy_and_rule_set_share_one_status() {
    // The same type, so the same label: a policy can't be 示例 in one place and 示意 in another.
    let p: zs_risk_map::payout::policy::Status = Status::Illustrative;
    let r: zs_risk_map::premium::Status = p;
    assert_eq!(r.label_zh(), "示例");
    let policy = zs_risk_map::payout::policy::Policy::from_json(
        zs_risk_map::payout::policy::DEFAULT_POLICY_JSON,
    )
    .unwrap();
    assert_eq!(policy.status.label_zh(), "示例");
    assert!(policy.label.starts_with(policy.status.label_zh()));
}
