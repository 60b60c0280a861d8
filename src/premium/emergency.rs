//! Group accident cover for emergency staff (应急救援人员团体意外险) — docs/premium.md §1.
//!
//! The 2020 Zhongshan source letter \[S\]: 60 emergency staff + 32 forest firefighters
//! (森林消防员) = 92 persons, total premium 25,480 元/yr, i.e. ≈ 276.96 元 per person
//! (25,480 ÷ 92 = 276.9565… \[I: computed\]). Premium = per-person premium × headcount.
//!
//! Rounding matters: the per-person figure rounded to the fen times 92 is 25,480.32 元, not
//! 25,480.00 元, so the calculator keeps the exact per-person value and says which one it used.

use rust_decimal::Decimal;
use serde::Serialize;

use super::input::{self, Label, Range, Unit};
use crate::money::round_fen;
use crate::Result;

/// The 2020 example: headcount.
pub const EXAMPLE_2020_HEADCOUNT: u32 = 92;
/// The 2020 example: 60 emergency staff.
pub const EXAMPLE_2020_STAFF: u32 = 60;
/// The 2020 example: 32 forest firefighters.
pub const EXAMPLE_2020_FIREFIGHTERS: u32 = 32;
/// The 2020 example: total premium, 元/yr.
pub const EXAMPLE_2020_TOTAL_YUAN: i64 = 25_480;

/// A group accident cover computation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupAccident {
    /// Persons covered.
    pub headcount: u32,
    /// Per-person premium, exact, 元.
    pub per_person_exact: Decimal,
    /// Per-person premium rounded to the fen, 元.
    pub per_person: Decimal,
    /// Total premium, 元 (exact per-person × headcount, rounded to the fen).
    pub total: Decimal,
    /// Total if the per-person premium is first rounded to the fen, 元.
    pub total_from_rounded: Decimal,
}

/// Premium for `headcount` persons at `per_person` 元 each (人均保费 × 人数).
///
/// # Errors
/// `OUT_OF_RANGE` (field `emergency.headcount` / `emergency.per_person`) outside the ranges.
pub fn total_premium(per_person: Decimal, headcount: u32) -> Result<GroupAccident> {
    check(headcount, per_person, "per_person")?;
    let n = Decimal::from(headcount);
    let total = round_fen(mul(per_person, n)?);
    Ok(GroupAccident {
        headcount,
        per_person_exact: per_person,
        per_person: round_fen(per_person),
        total,
        total_from_rounded: round_fen(mul(round_fen(per_person), n)?),
    })
}

/// The per-person premium implied by a group total (总保费 ÷ 人数).
///
/// ```
/// use rust_decimal::Decimal;
/// use zs_risk_map::premium::emergency::per_person_from_total;
/// let g = per_person_from_total(Decimal::from(25_480), 92).unwrap();
/// assert_eq!(g.per_person.to_string(), "276.96");
/// assert_eq!(g.total.to_string(), "25480.00");
/// assert_eq!(g.total_from_rounded.to_string(), "25480.32");
/// ```
///
/// # Errors
/// `OUT_OF_RANGE` (field `emergency.headcount` / `emergency.total`) outside the ranges.
pub fn per_person_from_total(total: Decimal, headcount: u32) -> Result<GroupAccident> {
    check(headcount, total, "total")?;
    let n = Decimal::from(headcount);
    let exact = total
        .checked_div(n)
        .ok_or_else(|| input::overflow("人均保费", "per-person premium"))?;
    Ok(GroupAccident {
        headcount,
        per_person_exact: exact,
        per_person: round_fen(exact),
        total: round_fen(total),
        total_from_rounded: round_fen(mul(round_fen(exact), n)?),
    })
}

/// 人数 of the group: 1 … 1,000,000.
pub const HEADCOUNT_RANGE: Range = Range::closed(1, 1_000_000, Unit::Persons);
/// Premium amounts (per person or total): 0 … 100亿元.
pub const AMOUNT_RANGE: Range = Range::closed(0, 10_000_000_000, Unit::Yuan);
const HEADCOUNT: Label = Label {
    zh: "人数",
    en: "Persons",
};
const PER_PERSON: Label = Label {
    zh: "人均保费",
    en: "Per-person premium",
};
const TOTAL: Label = Label {
    zh: "总保费",
    en: "Total premium",
};

/// Reads the group's headcount (`emergency.headcount`) within [`HEADCOUNT_RANGE`].
///
/// # Errors
/// `OUT_OF_RANGE` / `INVALID_INPUT` naming 人数.
pub fn parse_headcount(text: &str) -> Result<u32> {
    input::whole("emergency.headcount", HEADCOUNT, text, HEADCOUNT_RANGE).map(input::to_u32)
}

/// Reads a premium amount (`emergency.per_person` or `emergency.total`) within
/// [`AMOUNT_RANGE`].
///
/// # Errors
/// `OUT_OF_RANGE` / `INVALID_INPUT` naming the field.
pub fn parse_amount(field: &str, text: &str) -> Result<Decimal> {
    let label = if field.ends_with("total") {
        TOTAL
    } else {
        PER_PERSON
    };
    input::ranged(field, label, text, AMOUNT_RANGE)
}

fn mul(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_mul(b)
        .ok_or_else(|| input::overflow("团体意外险保费", "group accident premium"))
}

fn check(headcount: u32, amount: Decimal, field: &str) -> Result<()> {
    input::check(
        "emergency.headcount",
        HEADCOUNT,
        Decimal::from(headcount),
        HEADCOUNT_RANGE,
    )?;
    let label = if field == "total" { TOTAL } else { PER_PERSON };
    input::check(&format!("emergency.{field}"), label, amount, AMOUNT_RANGE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_2020_92_people_25480_is_276_96_per_person() {
        assert_eq!(
            EXAMPLE_2020_STAFF + EXAMPLE_2020_FIREFIGHTERS,
            EXAMPLE_2020_HEADCOUNT
        );
        let g = per_person_from_total(
            Decimal::from(EXAMPLE_2020_TOTAL_YUAN),
            EXAMPLE_2020_HEADCOUNT,
        )
        .unwrap();
        assert_eq!(g.per_person.to_string(), "276.96");
        assert!(g.per_person_exact.to_string().starts_with("276.9565217391"));
        assert_eq!(g.total.to_string(), "25480.00");
        // Back again from the exact per-person value gives the total; from the rounded one it does not.
        let back = total_premium(g.per_person_exact, 92).unwrap();
        assert_eq!(back.total.to_string(), "25480.00");
        assert_eq!(back.total_from_rounded.to_string(), "25480.32");
    }

    #[test]
    fn zero_headcount_is_rejected_with_the_field() {
        let e = per_person_from_total(Decimal::from(1), 0).unwrap_err();
        assert_eq!(
            (e.code(), e.field_id()),
            ("OUT_OF_RANGE", Some("emergency.headcount"))
        );
        let e = total_premium(Decimal::from(-1), 3).unwrap_err();
        assert_eq!(
            (e.code(), e.field_id()),
            ("OUT_OF_RANGE", Some("emergency.per_person"))
        );
        assert!(e.message_zh().contains("人均保费"));
        assert_eq!(
            parse_headcount("4294967296").unwrap_err().code(),
            "OUT_OF_RANGE"
        );
        assert_eq!(
            parse_amount("emergency.total", "1e308").unwrap_err().code(),
            "OUT_OF_RANGE"
        );
        assert_eq!(
            parse_amount("emergency.total", "NaN").unwrap_err().code(),
            "INVALID_INPUT"
        );
    }
}
