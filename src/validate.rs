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
pub use crate::numfmt::group_int as group;

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
    Err(too_many(field, label.zh, label.en, n, max))
}

/// Checks the length of an input text (JSON, CSV) before it is parsed (超过字节上限): the one
/// size check of policies, rule sets, tracks, event sets, bulletins, enterprises and point files.
///
/// # Errors
/// `TOO_LARGE` naming the field: `{what_zh} {len} 字节，超过上限 {max} 字节`.
pub fn text_bytes(field: &str, what_zh: &str, what_en: &str, len: usize, max: usize) -> Result<()> {
    if len <= max {
        return Ok(());
    }
    Err(Error::too_large(
        field,
        format!("{what_zh} {len} 字节，超过上限 {max} 字节"),
        format!("{what_en} is {len} bytes, over the limit of {max}"),
    ))
}

// ---- Field readers and errors shared with the payout and pricing engines ----------------

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

/// `TOO_LARGE` naming a field (条目过多): `what` has `n` items, more than `max` — the one message
/// of every count limit (tiers, circles, track points, events, rule-set tables).
pub fn too_many(field: &str, what_zh: &str, what_en: &str, n: usize, max: usize) -> Error {
    Error::too_large(
        field,
        format!("{what_zh}：{n} 项，超过上限 {max} 项"),
        format!("{what_en}: {n} entries, over the limit of {max}"),
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
