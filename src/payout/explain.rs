//! Explanation lines (赔付说明), one per district and one per event-level step, in Chinese and
//! English, for the widget's "why" panel and the CLI table.
//!
//! District line (wind): `坦洲镇 峰值风速 41.3 m/s → 13级 → 赔付比例 35% × 分配权重 8.67% ×
//! 保险金额 1.5亿元 = 455.03万元`. The right-hand side is the district's term before the
//! formula and caps; when the allocated payout differs (caps, deductible, MaxUnit…), the line
//! says so. Percentages are display only (rounded to 0.01 %); money comes from the engine.

use rust_decimal::Decimal;
use serde::Serialize;

use super::engine::{DistrictLine, EventPayout, Peril, SeasonPayout};
use super::policy::{Formula, Policy};
use crate::csv_lite::Writer;
use crate::money::{format_cny_en, format_cny_zh, round_to};

/// Lines in both languages.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Explanation {
    /// Chinese lines.
    pub zh: Vec<String>,
    /// English lines.
    pub en: Vec<String>,
}

impl Explanation {
    fn push(&mut self, zh: String, en: String) {
        self.zh.push(zh);
        self.en.push(en);
    }
    fn extend(&mut self, other: Explanation) {
        self.zh.extend(other.zh);
        self.en.extend(other.en);
    }
}

/// What was left of the annual aggregate before the event: paid + left after (both ≤ 1 万亿元).
fn left_before(e: &EventPayout) -> Decimal {
    e.paid
        .checked_add(e.aggregate_remaining)
        .unwrap_or(e.aggregate_remaining)
}

/// A fraction as a percentage for display (0.35 → `35%`, 0.0866719 → `8.67%`): the crate's
/// one rule, [`crate::numfmt::format_pct`].
pub use crate::numfmt::format_pct as pct;

/// The line of one district.
pub fn district_line(policy: &Policy, peril: Peril, d: &DistrictLine) -> (String, String) {
    let si_zh = format_cny_zh(policy.sum_insured);
    let si_en = format_cny_en(policy.sum_insured);
    let (head_zh, head_en) = match (peril, d.index, d.level) {
        (Peril::Typhoon, Some(v), Some(l)) => (
            format!("{} 峰值风速 {v:.1} m/s → {l}级", d.name_zh),
            format!("{} peak wind {v:.1} m/s → level {l}", d.name_en),
        ),
        (Peril::Rain, Some(v), Some(b)) => {
            let w = policy.rain.as_ref().map(|r| r.window.hours()).unwrap_or(24);
            let g_zh = d
                .rain_grade_zh
                .as_ref()
                .map(|g| format!("（{g}）"))
                .unwrap_or_default();
            let g_en = d
                .rain_grade_en
                .as_ref()
                .map(|g| format!(" ({g})"))
                .unwrap_or_default();
            (
                format!("{} {w}小时雨量 {v:.1} mm{g_zh} → 第{b}档", d.name_zh),
                format!("{} {w} h rain {v:.1} mm{g_en} → band {b}", d.name_en),
            )
        }
        _ => (d.name_zh.clone(), d.name_en.clone()),
    };
    let (mut zh, mut en) = if matches!(peril, Peril::Typhoon | Peril::Rain) {
        (
            format!(
                "{head_zh} → 赔付比例 {} × 分配权重 {} × 保险金额 {si_zh} = {}",
                pct(d.ratio),
                pct(d.weight),
                format_cny_zh(d.contribution)
            ),
            format!(
                "{head_en} → payout ratio {} × weight {} × sum insured {si_en} = {}",
                pct(d.ratio),
                pct(d.weight),
                format_cny_en(d.contribution)
            ),
        )
    } else {
        (
            format!("{head_zh} 分配权重 {}", pct(d.weight)),
            format!("{head_en} weight {}", pct(d.weight)),
        )
    };
    if d.payout != d.contribution {
        zh.push_str(&format!("；分摊赔款 {}", format_cny_zh(d.payout)));
        en.push_str(&format!("; allocated {}", format_cny_en(d.payout)));
    }
    (zh, en)
}

/// Explains one event: a header, one line per district (all 23, by code), then the event-level
/// steps (formula, 免赔额, 每次事故赔偿限额, 年度累计赔偿限额, paid).
pub fn explain_event(policy: &Policy, e: &EventPayout) -> Explanation {
    let mut x = Explanation::default();
    x.push(
        format!(
            "{}（{}）— {}",
            policy.label,
            policy.status.name_zh(),
            if e.name.is_empty() {
                "本次事件"
            } else {
                &e.name
            }
        ),
        format!(
            "{} ({}) — {}",
            policy.label_en,
            policy.status.name_en(),
            if e.name.is_empty() {
                "this event"
            } else {
                &e.name
            }
        ),
    );
    for d in &e.districts {
        let (zh, en) = district_line(policy, e.peril, d);
        x.push(zh, en);
    }
    let si_zh = format_cny_zh(policy.sum_insured);
    let si_en = format_cny_en(policy.sum_insured);
    match e.peril {
        Peril::Typhoon | Peril::Rain => match &policy.formula {
            Formula::WeightedSum => x.push(
                format!(
                    "加权赔付比例 Σ 权重×比例 = {}（上限100%）；原始赔款 = 保险金额 {si_zh} × {} = {}",
                    pct(e.weighted_ratio),
                    pct(e.event_ratio),
                    format_cny_zh(e.raw)
                ),
                format!(
                    "Weighted ratio Σ weight×ratio = {} (capped at 100%); raw payout = sum insured {si_en} × {} = {}",
                    pct(e.weighted_ratio),
                    pct(e.event_ratio),
                    format_cny_en(e.raw)
                ),
            ),
            Formula::MaxUnit => x.push(
                format!(
                    "最高镇街赔付比例 {}；原始赔款 = 保险金额 {si_zh} × {} = {}",
                    pct(e.event_ratio),
                    pct(e.event_ratio),
                    format_cny_zh(e.raw)
                ),
                format!(
                    "Highest district ratio {}; raw payout = sum insured {si_en} × {} = {}",
                    pct(e.event_ratio),
                    pct(e.event_ratio),
                    format_cny_en(e.raw)
                ),
            ),
            Formula::CityIndex(_) => x.push(
                format!(
                    "城市指数 Σ 权重×比例 = {} → 赔付比例 {}；原始赔款 = 保险金额 {si_zh} × {} = {}",
                    pct(e.weighted_ratio),
                    pct(e.event_ratio),
                    pct(e.event_ratio),
                    format_cny_zh(e.raw)
                ),
                format!(
                    "City index Σ weight×ratio = {} → payout ratio {}; raw payout = sum insured {si_en} × {} = {}",
                    pct(e.weighted_ratio),
                    pct(e.event_ratio),
                    pct(e.event_ratio),
                    format_cny_en(e.raw)
                ),
            ),
        },
        Peril::CcrifLayer => {
            if let (Some(l), Some(c)) = (e.modelled_loss, policy.ccrif_layer.as_ref()) {
                x.push(
                    format!(
                        "模型损失 L = {l}；赔款 = min(max(L − 起赔点 {}, 0) × 分出比例 {}, (耗尽点 {} − {}) × {}) × {} = {}",
                        c.attachment, pct(c.ceding_share), c.exhaustion, c.attachment,
                        pct(c.ceding_share), c.yuan_per_unit, format_cny_zh(e.raw)
                    ),
                    format!(
                        "Modelled loss L = {l}; payout = min(max(L − attachment {}, 0) × ceding {}, (exhaustion {} − {}) × {}) × {} = {}",
                        c.attachment, pct(c.ceding_share), c.exhaustion, c.attachment,
                        pct(c.ceding_share), c.yuan_per_unit, format_cny_en(e.raw)
                    ),
                );
            }
        }
        Peril::CatInCircle => {
            for h in &e.circle_hits {
                match (h.point, h.distance_km, h.radius_km, h.intensity) {
                    (Some(p), Some(d), Some(r), Some(i)) => x.push(
                        format!(
                            "圆 {}：路径点 #{p} 距中心 {d:.1} km ≤ 半径 {r:.1} km，强度 {i} → {}",
                            h.name,
                            pct(h.ratio)
                        ),
                        format!(
                            "Circle {}: track point #{p} at {d:.1} km ≤ radius {r:.1} km, intensity {i} → {}",
                            h.name,
                            pct(h.ratio)
                        ),
                    ),
                    _ => x.push(
                        format!("圆 {}：无路径点达到触发值 → 0%", h.name),
                        format!("Circle {}: no track point reached a trigger → 0%", h.name),
                    ),
                }
            }
            x.push(
                format!(
                    "各圆之和 {}（上限100%）× 保险金额 {si_zh} = {}",
                    pct(e.event_ratio),
                    format_cny_zh(e.raw)
                ),
                format!(
                    "Sum over circles {} (capped at 100%) × sum insured {si_en} = {}",
                    pct(e.event_ratio),
                    format_cny_en(e.raw)
                ),
            );
        }
    }
    if !e.cut_by_deductible.is_zero() {
        x.push(
            format!(
                "扣除免赔额 {}：减少 {}",
                format_cny_zh(policy.deductible),
                format_cny_zh(e.cut_by_deductible)
            ),
            format!(
                "Deductible {}: minus {}",
                format_cny_en(policy.deductible),
                format_cny_en(e.cut_by_deductible)
            ),
        );
    }
    if !e.cut_by_event_cap.is_zero() {
        x.push(
            format!(
                "每次事故赔偿限额 {}：削减 {}",
                format_cny_zh(policy.per_event_cap),
                format_cny_zh(e.cut_by_event_cap)
            ),
            format!(
                "Per-event cap {}: cut {}",
                format_cny_en(policy.per_event_cap),
                format_cny_en(e.cut_by_event_cap)
            ),
        );
    }
    if !e.cut_by_aggregate.is_zero() {
        x.push(
            format!(
                "年度累计赔偿限额 {} 仅余 {}：削减 {}",
                format_cny_zh(policy.annual_aggregate),
                format_cny_zh(left_before(e)),
                format_cny_zh(e.cut_by_aggregate)
            ),
            format!(
                "Annual aggregate {} had {} left: cut {}",
                format_cny_en(policy.annual_aggregate),
                format_cny_en(left_before(e)),
                format_cny_en(e.cut_by_aggregate)
            ),
        );
    }
    x.push(
        format!(
            "本次赔付 {}（{}）；年度累计赔偿限额余额 {}",
            format_cny_zh(e.paid),
            format_cny_en(e.paid),
            format_cny_zh(e.aggregate_remaining)
        ),
        format!(
            "Paid {}; annual aggregate left {}",
            format_cny_en(e.paid),
            format_cny_en(e.aggregate_remaining)
        ),
    );
    x
}

/// Explains a season: every event, then the season totals and what each limit cut.
pub fn explain_season(policy: &Policy, s: &SeasonPayout) -> Explanation {
    let mut x = Explanation::default();
    for e in &s.events {
        x.extend(explain_event(policy, e));
    }
    x.push(
        format!(
            "年度合计：原始赔款 {}，免赔额扣减 {}，每次事故限额削减 {}，年度累计限额削减 {}，实付 {}",
            format_cny_zh(s.total_raw),
            format_cny_zh(s.cut_by_deductible),
            format_cny_zh(s.cut_by_event_cap),
            format_cny_zh(s.cut_by_aggregate),
            format_cny_zh(s.total_paid)
        ),
        format!(
            "Season: raw {}, cut by deductible {}, by per-event cap {}, by annual aggregate {}, paid {}",
            format_cny_en(s.total_raw),
            format_cny_en(s.cut_by_deductible),
            format_cny_en(s.cut_by_event_cap),
            format_cny_en(s.cut_by_aggregate),
            format_cny_en(s.total_paid)
        ),
    );
    x
}

/// The district table of an event as CSV (UTF-8, header row, districts by code; money in
/// yuan with two decimals), for the widget's "download CSV" button, written through
/// [`crate::csv_lite::Writer`] (CRLF, injection-safe cells).
///
/// Columns: `code,name_zh,name_en,index,level,ratio,weight,contribution_yuan,payout_yuan`.
pub fn event_csv(e: &EventPayout) -> String {
    let mut out = Writer::new();
    out.row([
        "code",
        "name_zh",
        "name_en",
        "index",
        "level",
        "ratio",
        "weight",
        "contribution_yuan",
        "payout_yuan",
    ]);
    for d in &e.districts {
        out.row([
            d.code.clone(),
            d.name_zh.clone(),
            d.name_en.clone(),
            d.index.map(|v| format!("{v:.1}")).unwrap_or_default(),
            d.level.map(|l| l.to_string()).unwrap_or_default(),
            d.ratio.to_string(),
            round_to(d.weight, 10).normalize().to_string(),
            d.contribution.to_string(),
            d.payout.to_string(),
        ]);
    }
    out.finish()
}
