//! The payout engine (赔付计算): one event, or a season of events in order.
//!
//! For one event (docs/domain.md §1.5), in this order:
//! 1. per district u: index → level → 赔付比例 r_u (tier table of the peril);
//! 2. event ratio by the policy's formula (WeightedSum `min(1, Σ w_u r_u)`, MaxUnit `max r_u`,
//!    CityIndex `r_city(Σ w_u r_u)`), or the CCRIF layer / cat-in-a-circle share;
//! 3. `raw = 保险金额 × ratio`, computed exactly in `Decimal` and rounded **once** to the fen
//!    (half-up, [`crate::money::round_fen`]); every later step subtracts or takes minima of
//!    whole-fen amounts, so no further rounding happens;
//! 4. 免赔额 deductible: `max(raw − D, 0)` (per event);
//! 5. 每次事故赔偿限额 per-event cap: `min(·, C_event)`;
//! 6. 年度累计赔偿限额 annual aggregate: `min(·, A − paid so far)`;
//! 7. the paid amount is allocated to districts in proportion to `w_u · r_u` (Guangzhou
//!    practice; by `w_u` for the CCRIF and circle designs) by the largest-remainder method in
//!    whole fen, so district lines add up exactly to the total (ties: lower code first).
//!
//! Outputs are plain serde structs, districts sorted by code, money as decimal strings.

use std::collections::BTreeMap;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::circle::{circle_share, CircleHit, TrackPoint};
use super::limits::{ck, too_many, MAX_SEASON_EVENTS};
use super::policy::{Formula, Policy, RainWindowH};
use crate::money::round_fen;
use crate::scales::{wind_force_level, RainGrade, RainIndex, RainWindow, WindIndex};
use crate::{Error, Result};

/// The measured indices of one event, per design.
#[derive(Debug, Clone, PartialEq)]
pub enum EventIndices {
    /// 台风: peak wind per district code (风速指数, m/s rounded to 0.1). Districts absent from
    /// the map have index 0 (no wind recorded).
    Wind(BTreeMap<String, WindIndex>),
    /// 暴雨: rainfall per district code over the policy's window (24 h / 48 h), mm rounded to
    /// 0.1. Absent districts have 0 mm.
    Rain(BTreeMap<String, RainIndex>),
    /// Modelled loss (or index value) L for the CCRIF layer, in the layer's units.
    ModelledLoss(Decimal),
    /// Storm track points for the cat-in-a-circle cover (interpolate hourly beforehand: only
    /// the points are tested against the rings).
    Track(Vec<TrackPoint>),
}

/// One event of a season.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Name shown in tables, e.g. "2518 桦加沙 Ragasa".
    pub name: String,
    /// Its indices.
    pub indices: EventIndices,
}

/// Which design paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Peril {
    /// 台风 wind tiers.
    Typhoon,
    /// 暴雨 rainfall tiers.
    Rain,
    /// CCRIF-style linear layer.
    CcrifLayer,
    /// Cat-in-a-circle.
    CatInCircle,
}

/// One district's line of an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DistrictLine {
    /// 9-digit code.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Index value (m/s for wind, mm for rain), already rounded to 0.1; `None` for the CCRIF
    /// and circle designs (no district index).
    pub index: Option<f64>,
    /// Wind: GB/T 28591 风力等级. Rain: the tier band (0 = below the trigger, 1 = first row…).
    pub level: Option<u8>,
    /// Rain only: GB/T 28592 grade name (24 h window only), e.g. `大暴雨`.
    pub rain_grade_zh: Option<String>,
    /// Rain only: English grade name.
    pub rain_grade_en: Option<String>,
    /// 分配权重 normalised weight w_u.
    pub weight: Decimal,
    /// 赔付比例 r_u of this district (0 for the CCRIF and circle designs).
    pub ratio: Decimal,
    /// 保险金额 × w_u × r_u, yuan rounded to the fen: the district's term before the formula,
    /// deductible and caps.
    pub contribution: Decimal,
    /// The district's allocated share of the paid amount, yuan (lines add up to `paid`).
    pub payout: Decimal,
}

/// The result of one event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventPayout {
    /// Event name.
    pub name: String,
    /// Which design paid.
    pub peril: Peril,
    /// Σ_u w_u · r_u (tiered perils), exact to 28 digits; 0 otherwise.
    pub weighted_ratio: Decimal,
    /// The share of the sum insured before deductible and caps (≤ 1).
    pub event_ratio: Decimal,
    /// CCRIF: the modelled loss L.
    pub modelled_loss: Option<Decimal>,
    /// 原始赔款 raw payout = 保险金额 × event ratio (CCRIF: the layer formula), yuan, fen.
    pub raw: Decimal,
    /// Cut by the 免赔额 deductible.
    pub cut_by_deductible: Decimal,
    /// Cut by the 每次事故赔偿限额 per-event cap.
    pub cut_by_event_cap: Decimal,
    /// Cut by the 年度累计赔偿限额 annual aggregate (what was left of it before this event).
    pub cut_by_aggregate: Decimal,
    /// Paid amount, yuan.
    pub paid: Decimal,
    /// What is left of the annual aggregate after this event.
    pub aggregate_remaining: Decimal,
    /// All 23 districts, sorted by code.
    pub districts: Vec<DistrictLine>,
    /// Cat-in-a-circle: the winning ring per circle (empty otherwise).
    pub circle_hits: Vec<CircleHit>,
}

/// A season (保险年度): events paid in order under the annual aggregate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeasonPayout {
    /// Events in the order given.
    pub events: Vec<EventPayout>,
    /// Σ raw.
    pub total_raw: Decimal,
    /// Σ cut by deductibles.
    pub cut_by_deductible: Decimal,
    /// Σ cut by per-event caps.
    pub cut_by_event_cap: Decimal,
    /// Σ cut by the annual aggregate.
    pub cut_by_aggregate: Decimal,
    /// Σ paid (≤ annual aggregate).
    pub total_paid: Decimal,
    /// Annual aggregate left at the end.
    pub aggregate_remaining: Decimal,
}

/// Pays one event under `policy` (a fresh year: the whole annual aggregate is available).
///
/// # Errors
/// [`Error::UnknownDistrict`] when the indices name a code that is not one of the 23 towns;
/// [`Error::InvalidInput`] when the policy has no cover for this kind of event (e.g. rain
/// indices for a wind-only policy).
///
/// ```
/// use std::collections::BTreeMap;
/// use zs_risk_map::payout::{engine::{pay_event, EventIndices}, policy::Policy};
/// use zs_risk_map::scales::WindIndex;
///
/// let policy = Policy::default_zhongshan(); // 示例: SI 1.5 亿元, population weights
/// let mut winds = BTreeMap::new();
/// winds.insert("442000107".to_string(), WindIndex::from_ms(41.3)); // 坦洲 → 13级 → 35 %
/// winds.insert("442000008".to_string(), WindIndex::from_ms(33.0)); // 南朗 → 12级 → 20 %
/// let r = pay_event(&policy, &EventIndices::Wind(winds)).unwrap();
/// // 1.5e8 × (0.35 × 387157 + 0.20 × 114049) / 4466900, half-up to the fen:
/// assert_eq!(r.paid.to_string(), "5316262.40");
/// let lines: rust_decimal::Decimal = r.districts.iter().map(|d| d.payout).sum();
/// assert_eq!(lines, r.paid);
/// ```
pub fn pay_event(policy: &Policy, indices: &EventIndices) -> Result<EventPayout> {
    compute(policy, "", indices, policy.annual_aggregate)
}

/// [`pay_event`] with a name for the tables and explanation lines.
///
/// # Errors
/// As [`pay_event`].
pub fn pay_named_event(policy: &Policy, event: &Event) -> Result<EventPayout> {
    compute(policy, &event.name, &event.indices, policy.annual_aggregate)
}

/// Pays a season: each event in order, the annual aggregate shrinking as events are paid.
///
/// # Errors
/// As [`pay_event`], naming the event.
pub fn pay_season(policy: &Policy, events: &[Event]) -> Result<SeasonPayout> {
    if events.len() > MAX_SEASON_EVENTS {
        return Err(too_many(
            "season.events",
            "本年度事件",
            "events in the season",
            events.len(),
            MAX_SEASON_EVENTS,
        ));
    }
    let mut remaining = policy.annual_aggregate;
    let mut out = Vec::with_capacity(events.len());
    let (mut raw, mut ded, mut cap, mut agg, mut paid) = (
        Decimal::ZERO,
        Decimal::ZERO,
        Decimal::ZERO,
        Decimal::ZERO,
        Decimal::ZERO,
    );
    for (i, e) in events.iter().enumerate() {
        let r = compute(policy, &e.name, &e.indices, remaining).map_err(|err| match err {
            Error::UnknownDistrict(m) => {
                Error::UnknownDistrict(format!("event {i} ('{}'): {m}", e.name))
            }
            Error::InvalidInput(m) => Error::InvalidInput(format!("event {i} ('{}'): {m}", e.name)),
            o => o,
        })?;
        remaining = r.aggregate_remaining;
        // Each term is at most 1 万亿元 and there are at most 1,000 events: no overflow.
        let f = "season";
        raw = ck::add(f, raw, r.raw)?;
        ded = ck::add(f, ded, r.cut_by_deductible)?;
        cap = ck::add(f, cap, r.cut_by_event_cap)?;
        agg = ck::add(f, agg, r.cut_by_aggregate)?;
        paid = ck::add(f, paid, r.paid)?;
        out.push(r);
    }
    Ok(SeasonPayout {
        events: out,
        total_raw: fen_scale(raw),
        cut_by_deductible: fen_scale(ded),
        cut_by_event_cap: fen_scale(cap),
        cut_by_aggregate: fen_scale(agg),
        total_paid: fen_scale(paid),
        aggregate_remaining: fen_scale(remaining),
    })
}

/// Peak winds in m/s (e.g. parsed from `{"442000107": 41.3}`) to rounded indices.
pub fn wind_indices_from_ms(ms: &BTreeMap<String, f64>) -> BTreeMap<String, WindIndex> {
    ms.iter()
        .map(|(k, v)| (k.clone(), WindIndex::from_ms(*v)))
        .collect()
}

fn check_codes<'a>(policy: &Policy, codes: impl Iterator<Item = &'a String>) -> Result<()> {
    for c in codes {
        if policy.district(c).is_none() {
            return Err(Error::UnknownDistrict(format!(
                "'{c}' is not one of the 23 Zhongshan district codes"
            )));
        }
    }
    Ok(())
}

/// Per-district (index, level, grade, ratio) before the formula.
struct Measured {
    index: Option<f64>,
    level: Option<u8>,
    grade: Option<RainGrade>,
    ratio: Decimal,
}

fn compute(
    policy: &Policy,
    name: &str,
    indices: &EventIndices,
    remaining: Decimal,
) -> Result<EventPayout> {
    let si = policy.sum_insured;
    let n = policy.districts.len();
    let mut measured: Vec<Measured> = Vec::with_capacity(n);
    let mut circle_hits = Vec::new();
    let mut modelled_loss = None;

    // Weighted numerator Σ raw_w·r; event ratio; exact raw (unrounded).
    let (peril, tiered) = match indices {
        EventIndices::Wind(map) => {
            let p = policy.typhoon.as_ref().ok_or_else(|| {
                Error::InvalidInput("the policy has no typhoon (wind) peril".into())
            })?;
            check_codes(policy, map.keys())?;
            for d in &policy.districts {
                let v = map
                    .get(&d.code)
                    .copied()
                    .unwrap_or(WindIndex::from_tenths(0));
                // Integer lookup on the rounded index: native and wasm agree at tier edges.
                let level = wind_force_level(v);
                measured.push(Measured {
                    index: Some(v.ms()),
                    level: Some(level),
                    grade: None,
                    ratio: p.tiers.ratio(level),
                });
            }
            (Peril::Typhoon, true)
        }
        EventIndices::Rain(map) => {
            let p = policy.rain_peril()?;
            check_codes(policy, map.keys())?;
            for d in &policy.districts {
                let v = map.get(&d.code).copied().unwrap_or(RainIndex::from_mm(0.0));
                let band = p.tiers.band(v.tenths());
                let grade = match p.window {
                    RainWindowH::H24 => Some(RainGrade::from_amount(v, RainWindow::H24)),
                    RainWindowH::H48 => None,
                };
                measured.push(Measured {
                    index: Some(v.mm()),
                    level: Some(band.min(255) as u8),
                    grade,
                    ratio: p.tiers.ratio(v.tenths()),
                });
            }
            (Peril::Rain, true)
        }
        EventIndices::ModelledLoss(l) => {
            if policy.ccrif_layer.is_none() {
                return Err(Error::InvalidInput(
                    "the policy has no ccrif_layer for a modelled loss".into(),
                ));
            }
            modelled_loss = Some(*l);
            (Peril::CcrifLayer, false)
        }
        EventIndices::Track(points) => {
            let cover = policy.cat_in_circle.as_ref().ok_or_else(|| {
                Error::InvalidInput("the policy has no cat_in_circle cover for a track".into())
            })?;
            circle_hits = circle_share(cover, points)?;
            (Peril::CatInCircle, false)
        }
    };

    // Validated policies bound every factor (保险金额 ≤ 1e12, raw weights ≤ 1e7, ratios ≤ 1),
    // so these checked steps cannot fail; they report OUT_OF_RANGE instead of panicking.
    let f = "policy";
    let wt = policy.weight_total;
    let mut weighted_num = Decimal::ZERO;
    let (event_ratio, raw_exact) = if tiered {
        let mut max_r = Decimal::ZERO;
        for (d, m) in policy.districts.iter().zip(&measured) {
            weighted_num = ck::add(f, weighted_num, ck::mul(f, d.raw_weight, m.ratio)?)?;
            if d.raw_weight > Decimal::ZERO {
                max_r = max_r.max(m.ratio);
            }
        }
        let ratio = match &policy.formula {
            Formula::WeightedSum => ck::div(f, weighted_num, wt)?.min(Decimal::ONE),
            Formula::MaxUnit => max_r,
            Formula::CityIndex(t) => t.ratio(ck::div(f, weighted_num, wt)?),
        };
        let raw = match &policy.formula {
            // Multiply before dividing: one division, 28 significant digits.
            Formula::WeightedSum if weighted_num < wt => {
                ck::div(f, ck::mul(f, si, weighted_num)?, wt)?
            }
            _ => ck::mul(f, si, ratio)?,
        };
        (ratio, raw)
    } else if let (Some(l), Some(layer)) = (modelled_loss, policy.ccrif_layer.as_ref()) {
        let raw = layer.checked_payout(l)?;
        (ck::div(f, raw, si)?, raw)
    } else {
        let share = ck::sum(f, circle_hits.iter().map(|h| h.ratio))?;
        let ratio = share.min(Decimal::ONE);
        (ratio, ck::mul(f, si, ratio)?)
    };
    let weighted_ratio = if tiered {
        ck::div(f, weighted_num, wt)?
    } else {
        Decimal::ZERO
    };

    // One rounding; everything after works on whole fen.
    let raw = round_fen(raw_exact);
    let after_ded = ck::sub(f, raw, policy.deductible)?.max(Decimal::ZERO);
    let cut_by_deductible = ck::sub(f, raw, after_ded)?;
    let capped = after_ded.min(policy.per_event_cap);
    let cut_by_event_cap = ck::sub(f, after_ded, capped)?;
    let remaining = remaining.max(Decimal::ZERO);
    let paid = capped.min(remaining);
    let cut_by_aggregate = ck::sub(f, capped, paid)?;
    // Whole-fen amounts keep two decimals in their strings ("4000000.00"), never rounded here.
    let [raw, cut_by_deductible, cut_by_event_cap, paid, cut_by_aggregate] = [
        raw,
        cut_by_deductible,
        cut_by_event_cap,
        paid,
        cut_by_aggregate,
    ]
    .map(fen_scale);

    // Allocation keys: w·r (tiered) or w (layer, circle); fall back to w if all w·r are 0.
    let mut keys: Vec<Decimal> = if tiered {
        policy
            .districts
            .iter()
            .zip(&measured)
            .map(|(d, m)| ck::mul(f, d.raw_weight, m.ratio))
            .collect::<Result<_>>()?
    } else {
        Vec::new()
    };
    if keys.iter().all(|k| k.is_zero()) {
        keys = policy.districts.iter().map(|d| d.raw_weight).collect();
    }
    let alloc = largest_remainder(paid, &keys);

    let districts = policy
        .districts
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let m = measured.get(i);
            let ratio = m.map(|m| m.ratio).unwrap_or(Decimal::ZERO);
            let contribution = ck::mul(f, si, d.raw_weight)
                .and_then(|x| ck::mul(f, x, ratio))
                .and_then(|x| ck::div(f, x, wt))?;
            Ok(DistrictLine {
                code: d.code.clone(),
                name_zh: d.name_zh.clone(),
                name_en: d.name_en.clone(),
                index: m.and_then(|m| m.index),
                level: m.and_then(|m| m.level),
                rain_grade_zh: m.and_then(|m| m.grade).map(|g| g.name_zh().to_string()),
                rain_grade_en: m.and_then(|m| m.grade).map(|g| g.name_en().to_string()),
                weight: ck::div(f, d.raw_weight, wt)?,
                ratio,
                contribution: round_fen(contribution),
                payout: alloc.get(i).copied().unwrap_or(Decimal::ZERO),
            })
        })
        .collect::<Result<Vec<_>>>()?;

    Ok(EventPayout {
        name: name.to_string(),
        peril,
        weighted_ratio,
        event_ratio,
        modelled_loss,
        raw,
        cut_by_deductible,
        cut_by_event_cap,
        cut_by_aggregate,
        paid,
        aggregate_remaining: fen_scale(ck::sub(f, remaining, paid)?),
        districts,
        circle_hits,
    })
}

/// Shows a whole-fen amount with two decimals (`rescale` only adds zeros for such amounts).
fn fen_scale(mut x: Decimal) -> Decimal {
    debug_assert!(x.normalize().scale() <= 2, "{x} is not whole fen");
    x.rescale(2);
    x
}

/// Splits a whole-fen `amount` (yuan) in proportion to `keys` by the largest-remainder method:
/// every part is whole fen, parts add up exactly to `amount`, ties go to the lower index.
/// All-zero keys give all-zero parts (the amount is then 0 by construction in the engine).
///
/// ```
/// use rust_decimal::Decimal;
/// use zs_risk_map::payout::engine::largest_remainder;
/// let parts = largest_remainder(Decimal::new(100, 2), &[Decimal::ONE; 3]); // 1.00 元 / 3
/// assert_eq!(parts.iter().map(|p| p.to_string()).collect::<Vec<_>>(), ["0.34", "0.33", "0.33"]);
/// ```
pub fn largest_remainder(amount: Decimal, keys: &[Decimal]) -> Vec<Decimal> {
    let mut zero = Decimal::ZERO;
    zero.rescale(2);
    // Keys are raw weight × ratio of a validated policy (≤ 1e7 each, 23 of them) and amounts
    // ≤ 1e14 fen: every checked step below succeeds; a failure gives all-zero parts.
    let total_key = keys
        .iter()
        .try_fold(Decimal::ZERO, |acc, k| acc.checked_add(*k));
    let fen_total = amount.checked_mul(Decimal::ONE_HUNDRED).map(|x| x.trunc());
    let (Some(total_key), Some(fen_total)) = (total_key, fen_total) else {
        return vec![zero; keys.len()];
    };
    if total_key <= Decimal::ZERO || amount <= Decimal::ZERO {
        return vec![zero; keys.len()];
    }
    let mut parts: Vec<Decimal> = Vec::with_capacity(keys.len());
    let mut rems: Vec<(Decimal, usize)> = Vec::with_capacity(keys.len());
    let mut given = Decimal::ZERO;
    for (i, k) in keys.iter().enumerate() {
        let quota = fen_total
            .checked_mul(*k)
            .and_then(|x| x.checked_div(total_key))
            .unwrap_or(Decimal::ZERO);
        let floor = quota.floor();
        given = given.checked_add(floor).unwrap_or(given);
        parts.push(floor);
        rems.push((quota.checked_sub(floor).unwrap_or(Decimal::ZERO), i));
    }
    let left = fen_total
        .checked_sub(given)
        .and_then(|x| x.to_usize())
        .unwrap_or(0);
    // Largest remainder first; equal remainders: lower index (lower code) first.
    rems.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in rems.iter().take(left) {
        if let Some(p) = parts.get_mut(i) {
            *p = p.checked_add(Decimal::ONE).unwrap_or(*p);
        }
    }
    parts
        .into_iter()
        .map(|f| {
            let mut y = f.checked_div(Decimal::ONE_HUNDRED).unwrap_or(Decimal::ZERO);
            y.rescale(2);
            y
        })
        .collect()
}
