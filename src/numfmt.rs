//! Number text (数字格式): thousands grouping and percentages, the one rule for every message,
//! table and export (money text is [`crate::money::format_cny`], built on these).
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used
    )
)]

use rust_decimal::Decimal;

use crate::money::round_to;

/// Formats an integer grouped by thousands (千分位): `-1234567` → `-1,234,567`. The one
/// grouping rule for counts, persons and whole-yuan range limits in messages.
pub fn group_int(v: i64) -> String {
    let digits = group_digits(&v.unsigned_abs().to_string());
    if v < 0 {
        format!("-{digits}")
    } else {
        digits
    }
}

/// Groups ASCII digits by thousands with `,` (千分位): `1234567` → `1,234,567`.
pub fn group_digits(int: &str) -> String {
    let mut grouped = String::with_capacity(int.len().saturating_add(int.len() / 3));
    // The integer part is ASCII digits, so chars and bytes count alike.
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && int.len().saturating_sub(i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    grouped
}

/// A fraction as a percentage (百分比), at most two decimals, half away from zero, trailing
/// zeros dropped: 0.35 → `35%`, 0.0866719 → `8.67%`.
pub fn format_pct(fraction: Decimal) -> String {
    // Display only: a fraction of any real input is far below Decimal's limit; a huge one
    // shows as itself rather than failing.
    let p = fraction
        .checked_mul(Decimal::ONE_HUNDRED)
        .unwrap_or(fraction);
    format!("{}%", round_to(p, 2).normalize())
}

/// A change as a signed percentage (增减百分比), as the widget's tables show it: `+10%`, `−5%`
/// (U+2212), `±0%` when it shows as zero.
pub fn format_pct_signed(fraction: Decimal) -> String {
    let text = format_pct(fraction.abs());
    if !text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        "±0%".to_string()
    } else if fraction.is_sign_negative() {
        format!("\u{2212}{text}")
    } else {
        format!("+{text}")
    }
}

/// A measured value in a legend or tick label (图例数值), short: three significant figures at
/// most (0 decimals from 100, 1 from 10, else 2), trailing zeros dropped, `—` for a non-finite
/// value, scientific notation from 10¹² (fixed notation would print hundreds of digits).
/// For money use [`crate::money::format_cny`].
pub fn short_number(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    if v == 0.0 {
        return "0".into();
    }
    let a = v.abs();
    let s = if a >= 1e12 {
        // Fixed notation would print up to 300 digits; legends need a short label.
        return format!("{v:.3e}");
    } else if a >= 100.0 {
        format!("{v:.0}")
    } else if a >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    };
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_and_percentages() {
        assert_eq!(group_int(-1234567), "-1,234,567");
        assert_eq!(group_int(i64::MIN), "-9,223,372,036,854,775,808");
        assert_eq!(group_int(999), "999");
        assert_eq!(format_pct(Decimal::new(35, 2)), "35%");
        assert_eq!(format_pct(Decimal::new(866_719, 7)), "8.67%");
        assert_eq!(format_pct_signed(Decimal::new(-5, 2)), "\u{2212}5%");
        assert_eq!(format_pct_signed(Decimal::new(1, 1)), "+10%");
        assert_eq!(format_pct_signed(Decimal::new(-1, 7)), "±0%");
    }

    #[test]
    fn short_numbers_keep_three_figures_and_drop_trailing_zeros() {
        assert_eq!(super::short_number(0.0), "0");
        assert_eq!(super::short_number(1234.4), "1234");
        assert_eq!(super::short_number(43.25), "43.2");
        assert_eq!(super::short_number(2.50), "2.5");
        assert_eq!(super::short_number(f64::NAN), "—");
        assert!(super::short_number(1e300).contains('e'));
    }
}
