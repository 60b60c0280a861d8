//! Group accident cover for emergency staff (应急救援人员团体意外险) — DOMAIN §8.
//!
//! The 2020 Zhongshan source letter \[S\]: 60 emergency staff + 32 forest firefighters
//! (森林消防员) = 92 persons, total premium 25,480 元/yr, i.e. ≈ 276.96 元 per person
//! (25,480 ÷ 92 = 276.9565… \[I: computed\]). Premium = per-person premium × headcount.
//!
//! Rounding matters: the per-person figure rounded to the fen times 92 is 25,480.32 元, not
//! 25,480.00 元, so the calculator keeps the exact per-person value and says which one it used.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::money::round_fen;
use crate::{Error, Result};

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
/// [`Error::InvalidInput`] for zero headcount or a negative premium.
pub fn total_premium(per_person: Decimal, headcount: u32) -> Result<GroupAccident> {
    check(headcount, per_person, "per_person")?;
    let total = round_fen(per_person * Decimal::from(headcount));
    Ok(GroupAccident {
        headcount,
        per_person_exact: per_person,
        per_person: round_fen(per_person),
        total,
        total_from_rounded: round_fen(round_fen(per_person) * Decimal::from(headcount)),
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
/// [`Error::InvalidInput`] for zero headcount or a negative total.
pub fn per_person_from_total(total: Decimal, headcount: u32) -> Result<GroupAccident> {
    check(headcount, total, "total")?;
    let exact = total / Decimal::from(headcount);
    Ok(GroupAccident {
        headcount,
        per_person_exact: exact,
        per_person: round_fen(exact),
        total: round_fen(total),
        total_from_rounded: round_fen(round_fen(exact) * Decimal::from(headcount)),
    })
}

fn check(headcount: u32, amount: Decimal, field: &str) -> Result<()> {
    if headcount == 0 {
        return Err(Error::InvalidInput("headcount: must be at least 1".into()));
    }
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(Error::InvalidInput(format!(
            "{field}: must not be negative"
        )));
    }
    Ok(())
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
            e.to_string(),
            "invalid input: headcount: must be at least 1"
        );
        let e = total_premium(Decimal::from(-1), 3).unwrap_err();
        assert!(e.to_string().contains("per_person: must not be negative"));
    }
}
