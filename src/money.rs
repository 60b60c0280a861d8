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

use rust_decimal::{Decimal, RoundingStrategy};

use crate::lang::Lang;

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

/// Formats a yuan amount (金额格式) in `lang`: the crate's one money formatter, the same rule as
/// `formatCny` in www/i18n.js (shared vectors: `tests/data/money_format_cases.json`,
/// docs/payout-pricing.md §6).
///
/// Chinese (zh-CN) reads money in 亿元 from 1e8, 万元 from 1e4, else 元. 亿元 amounts keep up
/// to four decimals (万元 precision), 万元 amounts up to two, both **cut toward zero** from the
/// exact amount (never rounded up) with trailing zeros trimmed, so an amount below a limit
/// never shows equal to it: `149,995,000` → `1.4999亿元`, not the sum insured's `1.5亿元`.
/// 元 amounts are rounded to the fen ([`round_fen`]) and show two decimals. English shows
/// `CNY 4,961,844.90` (exact fen). Integer parts are grouped by thousands in both languages
/// (`9,999.99元`, `7,500万元`); a negative amount starts with `-` (`-1.4999亿元`,
/// `CNY -1,234.50`).
///
/// ```
/// use rust_decimal::Decimal;
/// use zs_risk_map::{lang::Lang, money::format_cny};
/// assert_eq!(format_cny(Decimal::new(999_999, 2), Lang::Zh), "9,999.99元");
/// assert_eq!(format_cny(Decimal::new(149_995_000, 0), Lang::Zh), "1.4999亿元");
/// assert_eq!(format_cny(Decimal::new(999_999, 2), Lang::En), "CNY 9,999.99");
/// ```
pub fn format_cny(yuan: Decimal, lang: Lang) -> String {
    let (neg, body) = unsigned_cny(yuan, lang, true);
    let sign = if neg { "-" } else { "" };
    match lang {
        Lang::Zh => format!("{sign}{body}"),
        Lang::En => format!("CNY {sign}{body}"),
    }
}

/// Formats a signed difference of money (金额增减) as the widget shows it: `+` before a
/// positive amount, `−` (U+2212, the minus sign) before a negative one, no sign for zero; the
/// rest as [`format_cny`] of the absolute amount (`+3.42万元`, `−CNY 1,234.50`). The same rule
/// as `formatCnySigned` in www/i18n.js.
pub fn format_cny_signed(yuan: Decimal, lang: Lang) -> String {
    signed(yuan, lang, true)
}

/// [`format_yuan`] with the sign rule of [`format_cny_signed`]: exact 元 changes (`+3,420.00元`,
/// `−CNY 1,710.00`) for figures that must add up as the reader checks them, such as the
/// premium waterfall's steps.
pub fn format_yuan_signed(yuan: Decimal, lang: Lang) -> String {
    signed(yuan, lang, false)
}

/// The signed form, scaled to 万/亿 (`scaled`) or in exact 元.
fn signed(yuan: Decimal, lang: Lang, scaled: bool) -> String {
    let (neg, body) = unsigned_cny(yuan, lang, scaled);
    let shown_zero = !body.bytes().any(|b| (b'1'..=b'9').contains(&b));
    let sign = match (shown_zero, neg) {
        (true, _) => "",
        (false, true) => "\u{2212}",
        (false, false) => "+",
    };
    match lang {
        Lang::Zh => format!("{sign}{body}"),
        Lang::En => format!("{sign}CNY {body}"),
    }
}

/// Groups an integer by thousands: the crate's one rule, [`crate::numfmt::group_int`]
/// (kept at this path for callers).
pub use crate::numfmt::group_int;

/// Formats a yuan amount exactly to the fen in 元 (精确到分), never in 万元/亿元: for figures the
/// reader re-computes by hand, such as the premium steps (`500,000.00元`, `CNY 500,000.00`).
/// The 元 branch of [`format_cny`]: rounded with [`round_fen`], grouped by thousands.
pub fn format_yuan(yuan: Decimal, lang: Lang) -> String {
    let (neg, body) = unsigned_cny(yuan, lang, false);
    let sign = if neg { "-" } else { "" };
    match lang {
        Lang::Zh => format!("{sign}{body}"),
        Lang::En => format!("CNY {sign}{body}"),
    }
}

/// Formats a yuan amount for Chinese readers: [`format_cny`] with [`Lang::Zh`].
pub fn format_cny_zh(yuan: Decimal) -> String {
    format_cny(yuan, Lang::Zh)
}

/// Formats a yuan amount for English readers: [`format_cny`] with [`Lang::En`].
pub fn format_cny_en(yuan: Decimal) -> String {
    format_cny(yuan, Lang::En)
}

/// Whether the shown amount is negative, and its text without sign (and without `CNY `);
/// `scale_units`: Chinese amounts from 1e4 in 万元/亿元 (else always 元).
fn unsigned_cny(yuan: Decimal, lang: Lang, scale_units: bool) -> (bool, String) {
    let abs = yuan.abs();
    let unit_shift = match lang {
        Lang::Zh if scale_units && abs >= Decimal::from(100_000_000u64) => Some((8, 4, "亿元")),
        Lang::Zh if scale_units && abs >= Decimal::from(10_000u64) => Some((4, 2, "万元")),
        _ => None,
    };
    if let Some((shift, dp, unit)) = unit_shift {
        // Non-zero (≥ 1e4), so the sign always shows.
        let exact = abs.to_string();
        return (
            yuan.is_sign_negative(),
            format!("{}{unit}", shift_cut(&exact, shift, dp)),
        );
    }
    let r = round_fen(yuan);
    let fixed = r.abs().to_string();
    let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, "00"));
    let neg = r.is_sign_negative() && !r.is_zero();
    let unit = if lang == Lang::Zh { "元" } else { "" };
    (
        neg,
        format!("{}.{frac}{unit}", crate::numfmt::group_digits(int)),
    )
}

/// `abs / 10^shift` cut toward zero to at most `dp` decimals, trailing zeros dropped, integer
/// part grouped: exact digit arithmetic on the plain decimal text `abs` (which is ≥ 10^shift,
/// so its integer part has more than `shift` digits).
fn shift_cut(abs: &str, shift: usize, dp: usize) -> String {
    let (int, frac) = abs.split_once('.').unwrap_or((abs, ""));
    let point = int.len().saturating_sub(shift);
    let head = match int.get(..point) {
        Some(h) if !h.is_empty() => h,
        _ => "0",
    };
    let moved = format!("{}{frac}", int.get(point..).unwrap_or(""));
    let tail = moved.get(..dp).unwrap_or(&moved).trim_end_matches('0');
    if tail.is_empty() {
        crate::numfmt::group_digits(head)
    } else {
        format!("{}.{tail}", crate::numfmt::group_digits(head))
    }
}

/// Parses a decimal from text (plain or scientific), naming the field in the error: the crate's
/// one decimal reader ([`crate::validate::parse_exact`]) with a plain `INVALID_INPUT` message,
/// for rule-set text whose callers wrap the error in their own kind.
///
/// # Errors
/// `INVALID_INPUT`: `'{text}' is not a decimal number`, prefixed by `field`.
pub fn parse_decimal(field: &str, text: &str) -> crate::Result<Decimal> {
    crate::validate::parse_exact(text).ok_or_else(|| {
        crate::Error::InvalidInput(format!("{field}: '{text}' is not a decimal number"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

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
        assert_eq!(format_cny_zh(d("9999.99")), "9,999.99元");
        assert_eq!(format_cny_zh(d("75000000")), "7,500万元");
        assert_eq!(format_cny_zh(d("25480")), "2.54万元"); // cut, not rounded up
    }

    #[test]
    fn amounts_below_a_limit_never_show_equal_to_it() {
        // Issue 13: 1.49995 亿 must not read as the sum insured 1.5 亿.
        assert_eq!(format_cny_zh(d("149995000")), "1.4999亿元");
        assert_eq!(format_cny_zh(d("149999999.99")), "1.4999亿元");
        assert_eq!(format_cny_zh(d("149999.99")), "14.99万元");
        assert_eq!(format_cny_zh(d("-149995000")), "-1.4999亿元");
        assert_eq!(format_cny_zh(d("123456789012.34")), "1,234.5678亿元");
        for limit in ["150000000", "50000000", "12345600", "100000000"] {
            let shown = format_cny_zh(d(limit));
            let below = format_cny_zh(d(limit) - d("0.01"));
            assert_ne!(shown, below, "{limit}");
        }
    }

    #[test]
    fn exact_yuan_and_grouped_integers() {
        assert_eq!(format_yuan(d("500000"), Lang::Zh), "500,000.00元");
        assert_eq!(format_yuan(d("-28500.005"), Lang::En), "CNY -28,500.01");
    }

    #[test]
    fn formats_in_english_with_grouping() {
        assert_eq!(format_cny_en(d("4961844.9")), "CNY 4,961,844.90");
        assert_eq!(format_cny_en(d("980")), "CNY 980.00");
        assert_eq!(format_cny_en(d("-1234.5")), "CNY -1,234.50");
    }
}
