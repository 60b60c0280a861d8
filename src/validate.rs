//! The validation toolkit (输入校验): reading numbers at the edge, exactly, and checking them
//! against their documented domain range before any arithmetic sees them — for every numeric
//! input of the premium engine (enterprise JSON, a CSV row, a rule set; docs/premium.md §1), and
//! the crate's **one** decimal reader ([`read_decimal`], [`parse_exact`]) behind payout policies,
//! rainfall scenarios and `money::parse_decimal`.
//!
//! A value outside its range is an [`Error::out_of_range`] naming the field by its stable id
//! and by the label the premium form (and the CSV template) uses, in Chinese and English.
//! Text that is no number (`abc`, `NaN`, `inf`) is an [`Error::invalid_field`].

#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used
    )
)]

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::{Error, Result};

/// How a field is named to the user: Chinese and English label, as on the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    /// Chinese label (as the form and the CSV template show it).
    pub zh: &'static str,
    /// English label.
    pub en: &'static str,
}

/// The unit a number is read in, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Money in 元 (messages also give 万元, the unit of the form).
    Yuan,
    /// Persons (人).
    Persons,
    /// A count (起, 项, 人次).
    Count,
    /// A calendar year.
    Year,
    /// A plain ratio or factor.
    Ratio,
}

/// A documented domain range (定义域): `min ≤ x ≤ max`, or `min < x` / `x < max` when the
/// edge is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// Lower edge.
    pub min: i64,
    /// Whether the lower edge itself is allowed.
    pub min_inclusive: bool,
    /// Upper edge.
    pub max: i64,
    /// Whether the upper edge itself is allowed.
    pub max_inclusive: bool,
    /// Unit of the edges.
    pub unit: Unit,
}

impl Range {
    /// Closed range `min ≤ x ≤ max`.
    pub const fn closed(min: i64, max: i64, unit: Unit) -> Range {
        Range {
            min,
            min_inclusive: true,
            max,
            max_inclusive: true,
            unit,
        }
    }

    /// `min < x ≤ max` (e.g. a limit that must be positive).
    pub const fn above(min: i64, max: i64, unit: Unit) -> Range {
        Range {
            min,
            min_inclusive: false,
            max,
            max_inclusive: true,
            unit,
        }
    }

    /// `min ≤ x < max` (e.g. a discount below 1).
    pub const fn below(min: i64, max: i64, unit: Unit) -> Range {
        Range {
            min,
            min_inclusive: true,
            max,
            max_inclusive: false,
            unit,
        }
    }

    /// Whether `x` lies in the range.
    pub fn contains(&self, x: Decimal) -> bool {
        let (lo, hi) = (Decimal::from(self.min), Decimal::from(self.max));
        let lo_ok = if self.min_inclusive { x >= lo } else { x > lo };
        let hi_ok = if self.max_inclusive { x <= hi } else { x < hi };
        lo_ok && hi_ok
    }

    /// The range in words, e.g. `0 至 1,000,000` / `0 … 1,000,000`.
    pub fn text(&self) -> (String, String) {
        let lo_zh = if self.min_inclusive { "" } else { "大于 " };
        let hi_zh = if self.max_inclusive { "" } else { "小于 " };
        let lo_en = if self.min_inclusive { "" } else { "above " };
        let hi_en = if self.max_inclusive { "" } else { "below " };
        let (uz, ue) = match self.unit {
            Unit::Yuan => (" 元", " yuan"),
            Unit::Persons => (" 人", " persons"),
            Unit::Count | Unit::Year | Unit::Ratio => ("", ""),
        };
        let g = |v: i64| {
            if matches!(self.unit, Unit::Year) {
                v.to_string()
            } else {
                group(v)
            }
        };
        let wan = match self.unit {
            Unit::Yuan if self.max >= 10_000 => {
                format!("（{} 万元）", group(self.max / 10_000))
            }
            _ => String::new(),
        };
        (
            format!("{lo_zh}{} 至 {hi_zh}{}{uz}{wan}", g(self.min), g(self.max)),
            format!("{lo_en}{} … {hi_en}{}{ue}", g(self.min), g(self.max)),
        )
    }
}

/// Groups an integer by thousands (千分位): the crate's one rule, [`crate::money::group_int`].
pub use crate::money::group_int as group;

/// Parses decimal text exactly (十进制数读取): plain (`12.5`) or scientific (`1.25e1`) notation,
/// surrounding space ignored. The crate's one call into `rust_decimal`'s text parsers; `None`
/// for anything else (including a number too large for a decimal).
pub fn parse_exact(text: &str) -> Option<Decimal> {
    let t = text.trim();
    Decimal::from_str(t)
        .or_else(|_| Decimal::from_scientific(t))
        .ok()
}

/// Reads a decimal exactly: plain or scientific notation, a Unicode minus (−) accepted,
/// −0 read as 0. Text that is a finite number too large for a decimal (e.g. `1e308`) or longer
/// than 400 characters is `OUT_OF_RANGE`; empty text, `NaN`, `inf` and non-numbers are
/// `INVALID_INPUT`. Messages name the field by its form label (`label_zh` / `label_en`).
///
/// # Errors
/// As above, with `field` as the stable field id.
pub fn read_decimal(field: &str, label_zh: &str, label_en: &str, text: &str) -> Result<Decimal> {
    let t = text.trim();
    let owned;
    let t = if t.contains('\u{2212}') {
        owned = t.replace('\u{2212}', "-");
        owned.as_str()
    } else {
        t
    };
    if t.is_empty() {
        return Err(Error::invalid_field(
            field,
            format!("{label_zh}：不能为空"),
            format!("{label_en}: must not be empty"),
        ));
    }
    // Bound the work on hostile text before parsing (a decimal has at most 29 digits, but
    // scientific notation and leading zeros may be written out).
    if t.len() > 400 {
        return Err(Error::out_of_range(
            field,
            format!("{label_zh}：数字过长（{} 个字符）", t.chars().count()),
            format!("{label_en}: number too long ({} characters)", t.len()),
        ));
    }
    match parse_exact(t) {
        Some(d) if d.is_zero() => Ok(Decimal::ZERO),
        Some(d) => Ok(d),
        None => match numeric_syntax(t) {
            true => Err(Error::out_of_range(
                field,
                format!("{label_zh}：{} 超出可计算范围", shown(t)),
                format!("{label_en}: {} is beyond the computable range", shown(t)),
            )),
            false => Err(Error::invalid_field(
                field,
                format!("{label_zh}：“{}”不是有限的数字", shown(t)),
                format!("{label_en}: '{}' is not a finite number", shown(t)),
            )),
        },
    }
}

/// Reads a decimal exactly ([`read_decimal`]) for a field named by a [`Label`].
///
/// # Errors
/// As [`read_decimal`].
pub fn decimal(field: &str, label: Label, text: &str) -> Result<Decimal> {
    read_decimal(field, label.zh, label.en, text)
}

/// Whether text is written as a finite number (`[±]digits[.digits][e[±]digits]`): when such
/// text does not fit a decimal it is too large (`1e308`), not malformed. Checked by hand rather
/// than through `f64` parsing, which would add a float parser to the wasm for one question.
pub fn numeric_syntax(t: &str) -> bool {
    let t = t.strip_prefix(['+', '-']).unwrap_or(t);
    let (mantissa, exp) = match t.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (t, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    (!int.is_empty() || !frac.is_empty())
        && digits(int)
        && digits(frac)
        && exp.is_none_or(|e| !e.is_empty() && digits(e))
}

/// Shortens text shown back to the user.
pub fn shown(t: &str) -> String {
    if t.chars().count() > 40 {
        let head: String = t.chars().take(37).collect();
        format!("{head}…")
    } else {
        t.to_string()
    }
}

/// Reads a decimal and checks it against `range`.
///
/// # Errors
/// As [`decimal`], or `OUT_OF_RANGE` naming the field and its range.
pub fn ranged(field: &str, label: Label, text: &str, range: Range) -> Result<Decimal> {
    let d = decimal(field, label, text)?;
    check(field, label, d, range)?;
    Ok(d)
}

/// Checks an already-read decimal against `range`.
///
/// # Errors
/// `OUT_OF_RANGE` naming the field and its range.
pub fn check(field: &str, label: Label, d: Decimal, range: Range) -> Result<()> {
    if range.contains(d) {
        return Ok(());
    }
    let (zh, en) = range.text();
    Err(Error::out_of_range(
        field,
        format!(
            "{}须在 {zh} 之间，填写的是 {}",
            label.zh,
            shown(&d.normalize().to_string())
        ),
        format!(
            "{} must be {en}; got {}",
            label.en,
            shown(&d.normalize().to_string())
        ),
    ))
}

/// Reads a whole number (counts, years) within `range`.
///
/// # Errors
/// As [`ranged`], or `INVALID_INPUT` for a fraction.
pub fn whole(field: &str, label: Label, text: &str, range: Range) -> Result<i64> {
    let d = ranged(field, label, text, range)?;
    if !d.fract().is_zero() {
        return Err(Error::invalid_field(
            field,
            format!("{}须为整数，填写的是 {}", label.zh, d.normalize()),
            format!("{} must be a whole number; got {}", label.en, d.normalize()),
        ));
    }
    // In range, so within i64 (the edges are i64).
    use rust_decimal::prelude::ToPrimitive;
    d.to_i64().ok_or_else(|| {
        Error::out_of_range(
            field,
            format!("{}超出范围", label.zh),
            format!("{} is out of range", label.en),
        )
    })
}

/// A `u32` from a whole number already checked to lie in a `u32` range.
pub fn to_u32(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// Checks a collection's size before it is used (limits before allocation).
///
/// # Errors
/// `TOO_LARGE` naming the field, its size and the limit.
pub fn size(field: &str, label: Label, n: usize, max: usize) -> Result<()> {
    if n <= max {
        return Ok(());
    }
    Err(Error::too_large(
        field,
        format!("{}：{} 项，超过上限 {} 项", label.zh, n, max),
        format!("{}: {n} entries, over the limit of {max}", label.en),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const L: Label = Label {
        zh: "从业人员人数",
        en: "Headcount",
    };

    #[test]
    fn reads_extremes_as_coded_errors() {
        let r = Range::closed(1, 1_000_000, Unit::Persons);
        for (t, code) in [
            ("0", "OUT_OF_RANGE"),
            ("-0", "OUT_OF_RANGE"),
            ("4294967295", "OUT_OF_RANGE"),
            ("1e308", "OUT_OF_RANGE"),
            ("-1e308", "OUT_OF_RANGE"),
            ("NaN", "INVALID_INPUT"),
            ("inf", "INVALID_INPUT"),
            ("-Infinity", "INVALID_INPUT"),
            ("abc", "INVALID_INPUT"),
            ("", "INVALID_INPUT"),
            ("1.5", "INVALID_INPUT"),
        ] {
            let e = whole("enterprise.headcount", L, t, r).unwrap_err();
            assert_eq!(e.code(), code, "{t}");
            assert_eq!(e.field_id(), Some("enterprise.headcount"));
            assert!(
                e.message_zh().contains("从业人员人数"),
                "{t}: {}",
                e.message_zh()
            );
        }
        assert_eq!(whole("h", L, " 120 ", r).unwrap(), 120);
        assert_eq!(whole("h", L, "1e3", r).unwrap(), 1000);
        assert_eq!(decimal("x", L, "−0").unwrap().to_string(), "0");
    }

    #[test]
    fn range_text_names_wan_for_money() {
        let (zh, en) = Range::above(0, 100_000_000, Unit::Yuan).text();
        assert_eq!(zh, "大于 0 至 100,000,000 元（10,000 万元）");
        assert_eq!(en, "above 0 … 100,000,000 yuan");
    }
}
