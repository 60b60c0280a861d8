//! Domain ranges (取值范围) of every numeric input of the payout and pricing engines, and the
//! helpers that enforce them at parse time with field-named errors in Chinese and English.
//!
//! The ranges are documented in docs/payout-pricing.md §1; each constant here is one row of
//! that table. They are wide enough for any real programme and narrow enough that every
//! product the engines form stays far inside `Decimal`'s 28 digits, so the checked arithmetic
//! after validation can only fail on a bug, never on input.

use rust_decimal::Decimal;

use crate::{Error, Result};

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

/// `OUT_OF_RANGE` naming a field: `{label_zh}须在 {range_zh} 之间（收到 {got}）`.
pub fn out_of_range(
    field: &str,
    label_zh: &str,
    label_en: &str,
    range: &str,
    got: impl std::fmt::Display,
) -> Error {
    Error::out_of_range(
        field,
        format!("{label_zh}须在 {} 之间（收到 {got}）", range_zh(range)),
        format!("{label_en} must be within {range} (got {got})"),
    )
}

/// The Chinese form of a range text: ranges are written once, in numbers and a few English
/// words (units, "greater than 0"); a Chinese message must not show those words.
fn range_zh(range: &str) -> String {
    const WORDS: [(&str, &str); 9] = [
        ("events per year", "次/年"),
        ("storms per year", "个/年"),
        ("(greater than 0)", "（须大于 0）"),
        ("(whole)", "（整数）"),
        ("GB/T 28591 levels", "GB/T 28591 风力等级"),
        ("(inclusive)", "（含）"),
        ("(exclusive)", "（不含）"),
        ("lat ", "纬度 "),
        ("lon ", "经度 "),
    ];
    WORDS
        .iter()
        .fold(range.to_string(), |s, (en, zh)| s.replace(en, zh))
}

/// `INVALID_INPUT` naming a field: not a number of the expected kind.
pub fn not_a_number(field: &str, label_zh: &str, label_en: &str, got: &str) -> Error {
    let got: String = got.chars().take(40).collect();
    Error::invalid_field(
        field,
        format!("{label_zh}不是有效数字（收到 “{got}”）"),
        format!("{label_en} is not a valid number (got “{got}”)"),
    )
}

/// A decimal number from text, naming the field when it is not one: the crate's one decimal
/// reader, [`crate::validate::read_decimal`] (plain or scientific, a Unicode minus accepted).
///
/// # Errors
/// `INVALID_INPUT` naming `field`; `OUT_OF_RANGE` for a number beyond `Decimal` (e.g. 1e308).
pub fn parse_dec(field: &str, label_zh: &str, label_en: &str, text: &str) -> Result<Decimal> {
    crate::validate::read_decimal(field, label_zh, label_en, text)
}

/// Checks `lo ≤ d ≤ hi` (`range` is the text shown, e.g. `0–1`).
///
/// # Errors
/// `OUT_OF_RANGE` naming the field.
pub fn dec_in(
    field: &str,
    label_zh: &str,
    label_en: &str,
    d: Decimal,
    lo: Decimal,
    hi: Decimal,
    range: &str,
) -> Result<Decimal> {
    if d < lo || d > hi {
        return Err(out_of_range(field, label_zh, label_en, range, show_dec(d)));
    }
    Ok(d)
}

/// A decimal for a message: scientific notation from 1e15 up (7e28, not 29 digits).
pub fn show_dec(d: Decimal) -> String {
    if d.abs() >= Decimal::from(1_000_000_000_000_000i64) {
        format!("{:e}", d.normalize())
    } else {
        d.to_string()
    }
}

/// Checks a finite `lo ≤ x ≤ hi` (NaN and ±∞ refused).
///
/// # Errors
/// `OUT_OF_RANGE` naming the field.
pub fn f64_in(
    field: &str,
    label_zh: &str,
    label_en: &str,
    x: f64,
    lo: f64,
    hi: f64,
    range: &str,
) -> Result<f64> {
    if !x.is_finite() || x < lo || x > hi {
        return Err(out_of_range(field, label_zh, label_en, range, show_f64(x)));
    }
    Ok(x)
}

/// A number for a message: scientific notation when very large or very small (1e308 would
/// otherwise print 309 digits).
pub fn show_f64(x: f64) -> String {
    if x != 0.0 && x.is_finite() && (x.abs() >= 1e15 || x.abs() < 1e-6) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// `TOO_LARGE` naming a field: `what` has `n` items, at most `max`.
pub fn too_many(field: &str, what_zh: &str, what_en: &str, n: usize, max: usize) -> Error {
    Error::too_large(
        field,
        format!("{what_zh}过多：{n} 项，最多 {max} 项"),
        format!("too many {what_en}: {n}, at most {max}"),
    )
}

/// The error of an arithmetic step that would overflow (unreachable after validation; kept so
/// a bug reports a coded error instead of a panic).
pub fn overflow(field: &str) -> Error {
    Error::out_of_range(
        field,
        "计算溢出：输入的数值过大",
        "arithmetic overflow: the numbers entered are too large",
    )
}

/// Checked `a × b`, `a / b`, `a + b`, `a − b` on `Decimal`, naming `field` on overflow.
pub mod ck {
    use super::overflow;
    use crate::Result;
    use rust_decimal::Decimal;

    /// `a × b`.
    ///
    /// # Errors
    /// `OUT_OF_RANGE` on overflow.
    pub fn mul(field: &str, a: Decimal, b: Decimal) -> Result<Decimal> {
        a.checked_mul(b).ok_or_else(|| overflow(field))
    }
    /// `a / b` (division by zero is an error too).
    ///
    /// # Errors
    /// `OUT_OF_RANGE` on overflow or a zero divisor.
    pub fn div(field: &str, a: Decimal, b: Decimal) -> Result<Decimal> {
        a.checked_div(b).ok_or_else(|| overflow(field))
    }
    /// `a + b`.
    ///
    /// # Errors
    /// `OUT_OF_RANGE` on overflow.
    pub fn add(field: &str, a: Decimal, b: Decimal) -> Result<Decimal> {
        a.checked_add(b).ok_or_else(|| overflow(field))
    }
    /// `a − b`.
    ///
    /// # Errors
    /// `OUT_OF_RANGE` on overflow.
    pub fn sub(field: &str, a: Decimal, b: Decimal) -> Result<Decimal> {
        a.checked_sub(b).ok_or_else(|| overflow(field))
    }
    /// Σ of values, checked.
    ///
    /// # Errors
    /// `OUT_OF_RANGE` on overflow.
    pub fn sum(field: &str, values: impl IntoIterator<Item = Decimal>) -> Result<Decimal> {
        values
            .into_iter()
            .try_fold(Decimal::ZERO, |acc, v| add(field, acc, v))
    }
}

#[cfg(test)]
mod range_text_tests {
    #[test]
    fn chinese_range_text_has_no_english_words() {
        let e = super::out_of_range(
            "x",
            "年发生率",
            "annual rate",
            "(0, 50] events per year",
            -1,
        );
        assert_eq!(e.message_zh(), "年发生率须在 (0, 50] 次/年 之间（收到 -1）");
        let e = super::out_of_range(
            "x",
            "保额",
            "sum insured",
            "0.01–1,000,000,000,000 元 (greater than 0)",
            0,
        );
        assert!(!e.message_zh().contains("greater"), "{}", e.message_zh());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
