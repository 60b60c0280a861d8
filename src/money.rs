//! Money (金额) in CNY and the crate's **only** rounding rule for money.
//!
//! Amounts are [`rust_decimal::Decimal`] yuan. [`round_fen`] rounds to 0.01 元 half away from
//! zero (四舍五入到分). Nothing else may round money: `Decimal::round_dp` is banker's rounding
//! (6.5 → 6), which would make 0.005 元 vanish at random.
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used
    )
)]

use rust_decimal::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds a yuan amount to the fen (0.01 元), half away from zero (四舍五入).
///
/// ```
/// use rust_decimal::Decimal;
/// use std::str::FromStr;
/// let d = |s| Decimal::from_str(s).unwrap();
/// assert_eq!(zs_risk_map::money::round_fen(d("0.005")), d("0.01"));
/// assert_eq!(zs_risk_map::money::round_fen(d("-0.005")), d("-0.01"));
/// ```
pub fn round_fen(yuan: Decimal) -> Decimal {
    round_to(yuan, 2)
}

/// Rounds to `dp` decimal places half away from zero. For rule sets that declare another
/// rounding step (e.g. to the yuan); money code calls this or [`round_fen`], never `round_dp`.
pub fn round_to(value: Decimal, dp: u32) -> Decimal {
    let mut r = value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    // Keep the scale stable (e.g. "12.00"), so strings shown to users have fixed decimals.
    r.rescale(dp);
    r
}

/// Formats a yuan amount the way Chinese readers read it: 亿元 from 1e8, 万元 from 1e4, else 元.
///
/// 亿元 amounts keep up to four decimals (万元 precision), 万元 amounts up to two, both **cut
/// toward zero** (never rounded up) with trailing zeros trimmed, so an amount below a limit
/// never shows equal to it: `149,995,000` → `1.4999亿元`, not the sum insured's `1.5亿元`.
/// 元 amounts show two decimals (`980.00元`). The widget's `formatCny` (www/i18n.js) follows
/// the same rule (docs/payout-pricing.md §6).
pub fn format_cny_zh(yuan: Decimal) -> String {
    let abs = yuan.abs();
    let yi = Decimal::from(100_000_000u64);
    let wan = Decimal::from(10_000u64);
    let (scaled, dp, unit) = if abs >= yi {
        (yuan.checked_div(yi), 4, "亿元")
    } else if abs >= wan {
        (yuan.checked_div(wan), 2, "万元")
    } else {
        return format!("{}元", round_fen(yuan));
    };
    let Some(scaled) = scaled else {
        return format!("{}元", round_fen(yuan));
    };
    let cut = scaled.round_dp_with_strategy(dp, RoundingStrategy::ToZero);
    format!("{}{unit}", cut.normalize())
}

/// Formats a yuan amount for English readers with thousands separators: `CNY 4,961,844.90`.
pub fn format_cny_en(yuan: Decimal) -> String {
    let r = round_fen(yuan);
    let s = r.abs().to_string();
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut grouped = String::new();
    // The integer part is ASCII digits, so chars and bytes count alike.
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && int.len().saturating_sub(i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if r.is_sign_negative() && !r.is_zero() {
        "-"
    } else {
        ""
    };
    format!("CNY {sign}{grouped}.{frac}")
}

/// Parses a decimal from text, naming the field in the error.
pub fn parse_decimal(field: &str, text: &str) -> crate::Result<Decimal> {
    Decimal::from_str(text.trim())
        .or_else(|_| Decimal::from_scientific(text.trim()))
        .map_err(|_| {
            crate::Error::InvalidInput(format!("{field}: '{text}' is not a decimal number"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn round_fen_is_half_away_from_zero() {
        for (input, want) in [
            ("0.005", "0.01"),
            ("0.015", "0.02"),
            ("0.025", "0.03"),
            ("-0.005", "-0.01"),
            ("1.004", "1.00"),
            ("4961844.895", "4961844.90"),
            ("7", "7.00"),
        ] {
            assert_eq!(round_fen(d(input)).to_string(), want, "round_fen({input})");
        }
    }

    #[test]
    fn round_fen_is_idempotent() {
        for s in ["0.005", "123.456", "-9.995", "0"] {
            let once = round_fen(d(s));
            assert_eq!(round_fen(once), once);
        }
    }

    #[test]
    fn formats_in_chinese_units() {
        assert_eq!(format_cny_zh(d("150000000")), "1.5亿元");
        assert_eq!(format_cny_zh(d("4567500")), "456.75万元");
        assert_eq!(format_cny_zh(d("980")), "980.00元");
        assert_eq!(format_cny_zh(d("25480")), "2.54万元"); // cut, not rounded up
    }

    #[test]
    fn amounts_below_a_limit_never_show_equal_to_it() {
        // Issue 13: 1.49995 亿 must not read as the sum insured 1.5 亿.
        assert_eq!(format_cny_zh(d("149995000")), "1.4999亿元");
        assert_eq!(format_cny_zh(d("149999999.99")), "1.4999亿元");
        assert_eq!(format_cny_zh(d("149999.99")), "14.99万元");
        assert_eq!(format_cny_zh(d("-149995000")), "-1.4999亿元");
        assert_eq!(format_cny_zh(d("123456789012.34")), "1234.5678亿元");
        for limit in ["150000000", "50000000", "12345600", "100000000"] {
            let shown = format_cny_zh(d(limit));
            let below = format_cny_zh(d(limit) - d("0.01"));
            assert_ne!(shown, below, "{limit}");
        }
    }

    #[test]
    fn formats_in_english_with_grouping() {
        assert_eq!(format_cny_en(d("4961844.9")), "CNY 4,961,844.90");
        assert_eq!(format_cny_en(d("980")), "CNY 980.00");
        assert_eq!(format_cny_en(d("-1234.5")), "CNY -1,234.50");
    }
}
