//! Technical premium (技术保费 / 风险保费 + 附加费用): expected payout plus loadings.
//!
//! Default loadings are the Guangdong (Shaoguan) pricing memo of docs/domain.md §1.3 \[V\]: 安全费率
//! (safety loading) 5 %, 经营费用 (operating cost) 10 %, 风险资本 (risk capital) 3 %, 增值税及附加
//! (VAT and surcharges) 6.72 %, 保险保障基金 (protection fund) 0.8 %. How they combine is
//! unknown \[U\]; the default \[I\] is the **gross-up**
//! `gross = pure × (1 + 5 %) / (1 − 10 % − 3 % − 6.72 % − 0.8 %) = pure × 1.05 / 0.7948`,
//! the alternative **additive** `gross = pure × (1 + Σ rates) = pure × 1.2552`.
//!
//! Money is `Decimal` yuan; every amount is rounded once with [`crate::money::round_fen`].

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::{round_fen, round_to};
use crate::payout::limits::{ck, out_of_range, MAX_AMOUNT_YUAN};
use crate::Result;

/// How the loadings combine (附加费用计算方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Combination {
    /// `pure × (1 + safety) / (1 − expense rates)`: expenses are shares of the gross premium
    /// (default \[I\]).
    #[default]
    GrossUp,
    /// `pure × (1 + safety + expense rates)`: every loading a share of the pure premium.
    Additive,
}

/// Loadings (附加费用率), fractions as `Decimal` (`0.05` = 5 %).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Loadings {
    /// 安全费率 safety loading, a share of the pure premium; default 0.05.
    pub safety: Decimal,
    /// 经营费用 operating cost; default 0.10.
    pub operating: Decimal,
    /// 风险资本 cost of risk capital; default 0.03.
    pub capital: Decimal,
    /// 增值税及附加 VAT and surcharges; default 0.0672.
    pub tax: Decimal,
    /// 保险保障基金 insurance protection fund; default 0.008.
    pub fund: Decimal,
    /// How they combine.
    pub combination: Combination,
}

impl Default for Loadings {
    fn default() -> Self {
        Loadings {
            safety: Decimal::new(5, 2),
            operating: Decimal::new(10, 2),
            capital: Decimal::new(3, 2),
            tax: Decimal::new(672, 4),
            fund: Decimal::new(8, 3),
            combination: Combination::GrossUp,
        }
    }
}

impl Loadings {
    /// Checks that every rate is in \[0, 1) and the expense rates add up to less than 1.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the field.
    pub fn validate(&self) -> Result<()> {
        for (f, zh, en, v) in self.rates() {
            if v < Decimal::ZERO || v >= Decimal::ONE {
                return Err(out_of_range(
                    &format!("loadings.{f}"),
                    zh,
                    en,
                    "0 (inclusive) – 1 (exclusive)",
                    v,
                ));
            }
        }
        let sum = self.expense_sum()?;
        if sum >= Decimal::ONE {
            return Err(out_of_range(
                "loadings",
                "经营费用 + 风险资本 + 增值税 + 保障基金之和",
                "operating + capital + tax + fund",
                "below 1",
                sum,
            ));
        }
        Ok(())
    }

    fn rates(&self) -> [(&'static str, &'static str, &'static str, Decimal); 5] {
        [
            ("safety", "安全费率", "safety loading", self.safety),
            (
                "operating",
                "经营费用率",
                "operating cost rate",
                self.operating,
            ),
            (
                "capital",
                "风险资本成本率",
                "risk capital rate",
                self.capital,
            ),
            ("tax", "增值税及附加率", "VAT and surcharges rate", self.tax),
            ("fund", "保险保障基金率", "protection fund rate", self.fund),
        ]
    }

    /// Σ expense rates (each in \[0, 1) once validated).
    fn expense_sum(&self) -> Result<Decimal> {
        ck::sum(
            "loadings",
            [self.operating, self.capital, self.tax, self.fund],
        )
    }

    /// gross / pure, exact: `(1 + safety)/(1 − Σ expenses)` or `1 + Σ all`; 1 for loadings
    /// that fail [`Loadings::validate`] (which callers run first).
    pub fn factor(&self) -> Decimal {
        self.checked_factor().unwrap_or(Decimal::ONE)
    }

    /// [`Loadings::factor`], checked.
    ///
    /// # Errors
    /// `OUT_OF_RANGE` naming `loadings` when the rates overflow or the expenses reach 1.
    pub fn checked_factor(&self) -> Result<Decimal> {
        let f = "loadings";
        let expenses = self.expense_sum()?;
        let up = ck::add(f, Decimal::ONE, self.safety)?;
        match self.combination {
            Combination::GrossUp => ck::div(f, up, ck::sub(f, Decimal::ONE, expenses)?),
            Combination::Additive => ck::add(f, up, expenses),
        }
    }
}

/// One line of the premium breakdown (保费构成).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PremiumLine {
    /// Stable key: `pure`, `safety`, `operating`, `capital`, `tax`, `fund`.
    pub key: &'static str,
    /// Chinese label, e.g. `安全费率`.
    pub name_zh: &'static str,
    /// English label.
    pub name_en: &'static str,
    /// The rate applied (1 for the pure premium).
    pub rate: Decimal,
    /// What the rate applies to: `pure` or `gross`.
    pub base: &'static str,
    /// Amount, yuan, rounded to the fen.
    pub amount: Decimal,
}

/// A premium the user entered, compared with the technical premium.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PremiumComparison {
    /// The entered premium (e.g. the policy's stated 保费), yuan.
    pub premium: Decimal,
    /// entered / technical, 4 decimals (> 1: priced above the technical premium).
    pub ratio_to_technical: Option<Decimal>,
    /// entered − technical, yuan.
    pub difference: Decimal,
    /// entered / expected payout, 4 decimals: the loading factor the entered premium implies.
    pub multiple_of_expected_payout: Option<Decimal>,
    /// entered / sum insured, 6 decimals (rate on line, 费率).
    pub rate_on_line: Decimal,
}

/// The technical premium (技术保费) with its breakdown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TechnicalPremium {
    /// 纯风险保费 pure premium = expected annual payout (期望赔付), yuan.
    pub pure: Decimal,
    /// Loadings used.
    pub loadings: Loadings,
    /// gross / pure (exact to 28 digits; 1.3210… for the default gross-up).
    pub factor: Decimal,
    /// Breakdown: pure, then each loading.
    pub lines: Vec<PremiumLine>,
    /// Technical (gross) premium, yuan: round_fen(pure × factor).
    pub gross: Decimal,
    /// gross − Σ lines (a few fen at most: each line is rounded on its own).
    pub rounding_difference: Decimal,
    /// Rate on line (费率) = gross / sum insured, 6 decimals.
    pub rate_on_line: Decimal,
    /// Comparison with an entered premium, when one is given.
    pub comparison: Option<PremiumComparison>,
}

/// Computes the technical premium from the expected annual payout `pure` (yuan).
///
/// ```
/// use rust_decimal::Decimal;
/// use zs_risk_map::pricing::premium::{technical_premium, Loadings};
/// let t = technical_premium(Decimal::from(1_000_000), Decimal::from(150_000_000),
///     &Loadings::default(), None).unwrap();
/// assert_eq!(t.gross.to_string(), "1321087.07"); // 1e6 × 1.05 / 0.7948
/// ```
///
/// # Errors
/// [`Error::InvalidInput`] for invalid loadings, a negative `pure`, a sum insured ≤ 0 or a
/// negative comparison premium.
pub fn technical_premium(
    pure: Decimal,
    sum_insured: Decimal,
    loadings: &Loadings,
    compare: Option<Decimal>,
) -> Result<TechnicalPremium> {
    loadings.validate()?;
    let max = Decimal::from(MAX_AMOUNT_YUAN);
    if pure < Decimal::ZERO || pure > max {
        return Err(out_of_range(
            "pricing.pure_premium",
            "纯风险保费",
            "pure premium",
            "0–1,000,000,000,000 元",
            pure,
        ));
    }
    if sum_insured <= Decimal::ZERO || sum_insured > max {
        return Err(out_of_range(
            "policy.sum_insured",
            "保险金额",
            "sum insured",
            "0.01–1,000,000,000,000 元",
            sum_insured,
        ));
    }
    let f = "pricing.premium";
    let pure = round_fen(pure);
    let factor = loadings.checked_factor()?;
    let gross_exact = ck::mul(f, pure, factor)?;
    let gross = round_fen(gross_exact);
    let expense_base = match loadings.combination {
        Combination::GrossUp => ("gross", gross_exact),
        Combination::Additive => ("pure", pure),
    };
    let mut lines = vec![
        PremiumLine {
            key: "pure",
            name_zh: "纯风险保费（期望赔付）",
            name_en: "pure premium (expected payout)",
            rate: Decimal::ONE,
            base: "pure",
            amount: pure,
        },
        PremiumLine {
            key: "safety",
            name_zh: "安全费率",
            name_en: "safety loading",
            rate: loadings.safety,
            base: "pure",
            amount: round_fen(ck::mul(f, pure, loadings.safety)?),
        },
    ];
    for (key, zh, en, rate) in [
        (
            "operating",
            "经营费用",
            "operating cost",
            loadings.operating,
        ),
        ("capital", "风险资本成本", "risk capital", loadings.capital),
        ("tax", "增值税及附加", "VAT and surcharges", loadings.tax),
        ("fund", "保险保障基金", "protection fund", loadings.fund),
    ] {
        lines.push(PremiumLine {
            key,
            name_zh: zh,
            name_en: en,
            rate,
            base: expense_base.0,
            amount: round_fen(ck::mul(f, expense_base.1, rate)?),
        });
    }
    let sum = ck::sum(f, lines.iter().map(|l| l.amount))?;
    let comparison = compare
        .map(|p| -> Result<PremiumComparison> {
            if p < Decimal::ZERO || p > max {
                return Err(out_of_range(
                    "pricing.compare_premium",
                    "对比保费（元）",
                    "premium to compare (yuan)",
                    "0–1,000,000,000,000 元",
                    p,
                ));
            }
            let p = round_fen(p);
            // p ≤ 1e12 and gross, pure ≥ 0.01 when non-zero: every quotient ≤ 1e14.
            let ratio = |den: Decimal| -> Result<Option<Decimal>> {
                if den.is_zero() {
                    return Ok(None);
                }
                ck::div("pricing.compare_premium", p, den).map(|q| Some(round_to(q, 4)))
            };
            Ok(PremiumComparison {
                premium: p,
                ratio_to_technical: ratio(gross)?,
                difference: ck::sub(f, p, gross)?,
                multiple_of_expected_payout: ratio(pure)?,
                rate_on_line: round_to(ck::div(f, p, sum_insured)?, 6),
            })
        })
        .transpose()?;
    Ok(TechnicalPremium {
        pure,
        loadings: *loadings,
        factor,
        lines,
        gross,
        rounding_difference: ck::sub(f, gross, sum)?,
        rate_on_line: round_to(ck::div(f, gross, sum_insured)?, 6),
        comparison,
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
    fn default_factors_match_domain() {
        let l = Loadings::default();
        assert_eq!(round_to(l.factor(), 5), d("1.32109"));
        let a = Loadings {
            combination: Combination::Additive,
            ..l
        };
        assert_eq!(a.factor(), d("1.2552"));
    }

    #[test]
    fn lines_add_up_to_gross_within_rounding() {
        let t = technical_premium(
            d("1234567.89"),
            d("150000000"),
            &Loadings::default(),
            Some(d("11460000")),
        )
        .unwrap();
        assert!(t.rounding_difference.abs() <= d("0.05"));
        assert_eq!(
            t.gross,
            round_fen(d("1234567.89") * d("1.05") / d("0.7948"))
        );
        let c = t.comparison.unwrap();
        assert_eq!(c.difference, d("11460000.00") - t.gross);
        assert_eq!(c.rate_on_line, d("0.076400"));
    }

    #[test]
    fn bad_loadings_name_the_field() {
        let l = Loadings {
            operating: d("0.9"),
            ..Default::default()
        };
        let e = technical_premium(d("1"), d("1"), &l, None).unwrap_err();
        assert!(e.to_string().contains("operating"), "{e}");
        let l = Loadings {
            tax: d("-0.1"),
            ..Default::default()
        };
        assert!(l
            .validate()
            .unwrap_err()
            .to_string()
            .contains("loadings.tax"));
    }
}
