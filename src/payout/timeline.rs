//! Payout timeline (赔付时间表): 预赔 prepayment, then the final settlement (docs/domain.md §1.5, §1.9).
//!
//! Documented practice \[V\]: Maoming paid Talim 2023 within 24 h; Zhanjiang prepaid 3,000 of
//! 4,280 万元 for Matmo 2025 within 20 h of landfall (70 %); Guangzhou 2020 prepaid after 1 day
//! and settled after the 广东省气候中心 (provincial climate centre) report at +5 days. Modelled
//! here as a prepayment fraction (default 0.7 \[I\]) paid 20–24 h after landfall plus a true-up
//! after the climate-centre report, ~3–5 days after landfall: \[I\] defaults read from the \[V\] cases of docs/domain.md §1.9.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::money::round_fen;

/// When the payments of an event fall, relative to landfall (登陆) or the end of the rain
/// process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TimelineSpec {
    /// 预赔 prepayment window, hours after landfall: (from, to). Default (20, 24): \[I\] from the \[V\] cases (docs/domain.md §1.9).
    pub prepay_hours: (u32, u32),
    /// Final settlement window, days after landfall: (from, to). Default (3, 5): \[I\] from the \[V\] cases (docs/domain.md §1.9).
    pub settle_days: (u32, u32),
}

impl Default for TimelineSpec {
    fn default() -> Self {
        TimelineSpec {
            prepay_hours: (20, 24),
            settle_days: (3, 5),
        }
    }
}

/// One payment of the schedule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Instalment {
    /// `prepayment` or `settlement`.
    pub kind: &'static str,
    /// Chinese label, e.g. `预赔`.
    pub label_zh: &'static str,
    /// English label.
    pub label_en: &'static str,
    /// Earliest time after landfall, hours.
    pub from_h: u32,
    /// Latest time after landfall, hours.
    pub to_h: u32,
    /// Amount, yuan (whole fen).
    pub amount: Decimal,
    /// Paid so far including this payment, yuan.
    pub cumulative: Decimal,
}

/// Splits an event payout into 预赔 prepayment (`round_fen(paid × fraction)`) and the final
/// settlement (the rest), so the two add up exactly to `paid`. A zero payout gives no
/// instalments; a fraction of 0 gives the settlement only, 1 the prepayment only.
///
/// ```
/// use rust_decimal::Decimal;
/// use zs_risk_map::payout::timeline::{schedule, TimelineSpec};
/// // Matmo 2025 at Zhanjiang: 4,280 万元, 70 % prepaid.
/// let s = schedule(Decimal::from(42_800_000), Decimal::new(7, 1), &TimelineSpec::default());
/// assert_eq!(s[0].amount.to_string(), "29960000.00");
/// assert_eq!(s[1].amount.to_string(), "12840000.00");
/// assert_eq!((s[0].from_h, s[0].to_h, s[1].from_h, s[1].to_h), (20, 24, 72, 120));
/// ```
pub fn schedule(paid: Decimal, prepay_fraction: Decimal, spec: &TimelineSpec) -> Vec<Instalment> {
    let paid = round_fen(paid.max(Decimal::ZERO));
    if paid.is_zero() {
        return Vec::new();
    }
    let f = prepay_fraction.clamp(Decimal::ZERO, Decimal::ONE);
    // paid ≤ 1 万亿元 and f ≤ 1: neither step can overflow; fall back to "all prepaid".
    let pre = round_fen(paid.checked_mul(f).unwrap_or(paid));
    let rest = paid.checked_sub(pre).unwrap_or(Decimal::ZERO);
    let mut out = Vec::new();
    if !pre.is_zero() {
        out.push(Instalment {
            kind: "prepayment",
            label_zh: "预赔",
            label_en: "prepayment",
            from_h: spec.prepay_hours.0,
            to_h: spec.prepay_hours.1,
            amount: pre,
            cumulative: pre,
        });
    }
    if !rest.is_zero() {
        out.push(Instalment {
            kind: "settlement",
            label_zh: "省气候中心报告后最终理赔",
            label_en: "final settlement after the provincial climate centre report",
            from_h: spec.settle_days.0.saturating_mul(24),
            to_h: spec.settle_days.1.saturating_mul(24),
            amount: rest,
            cumulative: paid,
        });
    }
    out
}
