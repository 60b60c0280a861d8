//! Domain ranges (取值范围) of every numeric input of the payout and pricing engines, and the
//! helpers that enforce them at parse time with field-named errors in Chinese and English.
//!
//! The ranges are documented in docs/payout-pricing.md §1; each constant here is one row of
//! that table. They are wide enough for any real programme and narrow enough that every
//! product the engines form stays far inside `Decimal`'s 28 digits, so the checked arithmetic
//! after validation can only fail on a bug, never on input.

/// Largest money amount of any field (保险金额, limits, 免赔额, premiums): 1 万亿元, yuan.
pub const MAX_AMOUNT_YUAN: i64 = 1_000_000_000_000;
/// Largest policy JSON document accepted, bytes (refused before parsing).
pub const MAX_POLICY_BYTES: usize = 256 * 1024;
/// Most rows of any tier table (levels 0–17 need at most 18).
pub const MAX_TIER_ROWS: usize = 64;
/// Largest rainfall of a tier edge or a scenario, mm (the world 24 h record is ≈ 1,825 mm).
pub const MAX_RAIN_MM: i64 = 3_000;
/// Largest wind of an index or a ring tier, m/s (far above any observed tropical cyclone).
pub const MAX_WIND_MS: f64 = 150.0;
/// Largest rain-pattern factor.
pub const MAX_RAIN_FACTOR: i64 = 100;
/// Most circles of a cat-in-a-circle cover, and most rings per circle.
pub const MAX_CIRCLES: usize = 16;
/// Largest ring radius, km.
pub const MAX_RADIUS_KM: i64 = 2_000;
/// Largest CCRIF attachment / exhaustion point, in the layer's units.
pub const MAX_LAYER_POINT: i64 = 1_000_000_000_000_000;
/// Largest yuan per unit of a CCRIF layer's L.
pub const MAX_YUAN_PER_UNIT: i64 = 1_000_000;
/// Most track points of a cat-in-a-circle event.
pub const MAX_TRACK_POINTS: usize = 10_000;
/// Most events of a season (本年度事件).
pub const MAX_SEASON_EVENTS: usize = 1_000;

// The field readers and error helpers below live in the crate's validation toolkit
// (src/validate.rs), shared with premium rule sets, enterprises, tracks and event sets.
pub use crate::validate::{
    ck, dec_in, f64_in, not_a_number, out_of_range, overflow, read_decimal as parse_dec, show_dec,
    show_f64, too_many,
};

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn parse_dec_tells_typos_from_huge_numbers() {
        assert_eq!(
            parse_dec("f", "字段", "field", " 1.5 ").unwrap(),
            Decimal::new(15, 1)
        );
        assert_eq!(
            parse_dec("f", "字段", "field", "1e308").unwrap_err().code(),
            "OUT_OF_RANGE"
        );
        assert_eq!(
            parse_dec("f", "字段", "field", "1e999").unwrap_err().code(),
            "OUT_OF_RANGE"
        );
        // ∞ is not a finite number (the one reader's rule, as for premium inputs).
        for bad in ["abc", "NaN", "", "-", "1,5", "-inf", "Infinity"] {
            let e = parse_dec("f", "字段", "field", bad).unwrap_err();
            assert_eq!(
                (e.code(), e.field_id()),
                ("INVALID_INPUT", Some("f")),
                "{bad}"
            );
            assert!(e.message_zh().contains("字段"));
        }
    }
}
