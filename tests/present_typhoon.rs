//! The typhoon and payout views' presentation (`present::typhoon`), natively, on Hato (天鸽
//! 2017): the peak table, track points, the storm at one hour, names and the wind line in
//! both languages, the payout index rule, the payout summary, bars and CSV, the season, the
//! map overlays and the JSON shapes the views read (issue 10).

use rust_decimal::Decimal;
use zs_risk_map::hazard::district::{
    district_peaks, district_winds_at, index_from_model_peak, town_exposure, WindSettings,
};
use zs_risk_map::hazard::radii::{RmwSource, RADII_THRESHOLDS_MS};
use zs_risk_map::hazard::surface::WindLayer;
use zs_risk_map::hazard::{scenarios, time, GridSpec, PreparedTrack, Track, WindModelOptions};
use zs_risk_map::map::DistrictLayer;
use zs_risk_map::money::{format_cny_en, format_cny_zh};
use zs_risk_map::payout::engine::{pay_event, pay_season, Event, EventIndices, EventPayout};
use zs_risk_map::payout::policy::Policy;
use zs_risk_map::present::typhoon::*;
use zs_risk_map::render::{Lang, Overlay};

fn hato() -> (Track, PreparedTrack) {
    let t = scenarios::track("hato").unwrap();
    let p = PreparedTrack::new(&t, &WindModelOptions::default()).unwrap();
    (t, p)
}

fn paid_hato() -> (Policy, EventPayout) {
    let (_, p) = hato();
    let policy = Policy::default_zhongshan();
    let winds = town_indices(&p, &DistrictLayer::builtin(), &policy.wind_index());
    let event = pay_event(&policy, &EventIndices::Wind(winds)).unwrap();
    (policy, event)
}

#[test]
fn peak_rows_show_each_towns_peak_in_every_named_variable() {
    let (_, p) = hato();
    let peaks = district_peaks(&p, &DistrictLayer::builtin());
    let rows = peak_rows(&peaks);
    assert_eq!(rows.len(), 23);
    for (r, pk) in rows.iter().zip(&peaks) {
        assert_eq!(r.code, pk.code);
        assert_eq!(r.wind_2min_ms, pk.levels.wind_2min_ms);
        assert_eq!(r.gust_ms, pk.levels.gust_ms);
        assert_eq!(r.level, pk.levels.level);
        assert_eq!(r.exposure, pk.exposure.id());
        assert_eq!(r.signal, pk.levels.signal.code());
        // Beijing time is UTC + 8 h of the same instant.
        if let (Some(utc), Some(bjt)) = (r.peak_time_utc, &r.peak_time_bjt) {
            let s = time::parse_utc(utc).unwrap();
            assert_eq!(*bjt, time::format_bjt(s));
            assert_ne!(*bjt, utc.replace('T', " ")[..16]);
        }
    }
    // Hato brought force ≥ 8 (2-min mean) to some town, and a gust above its mean.
    assert!(rows.iter().any(|r| r.level >= 8), "{rows:?}");
    assert!(rows.iter().all(|r| r.gust_ms >= r.wind_2min_ms));
}

#[test]
fn track_rows_and_the_storm_at_one_hour() {
    let (t, p) = hato();
    let rows = track_point_rows(&t);
    assert_eq!(rows.len(), t.points().len());
    let strongest = rows
        .iter()
        .max_by(|a, b| a.wind_2min_ms.total_cmp(&b.wind_2min_ms))
        .unwrap();
    // GB/T 19201: ≥ 51.0 m/s (2-min) is 超强台风, as CMA's best track has Hato's peak.
    assert!(strongest.wind_2min_ms >= 51.0, "{strongest:?}");
    assert_eq!(
        (strongest.grade, strongest.grade_zh),
        ("SuperTY", "超强台风")
    );
    let weakest = rows
        .iter()
        .min_by(|a, b| a.wind_2min_ms.total_cmp(&b.wind_2min_ms))
        .unwrap();
    assert_ne!(weakest.grade_zh, strongest.grade_zh);

    let layer = DistrictLayer::builtin();
    let settings = WindSettings::default();
    // The hour closest to Zhongshan: the one with the strongest wind in any town.
    let k = (0..p.len())
        .max_by(|a, b| {
            let m = |k| {
                district_winds_at(&p, &layer, k, &settings)
                    .unwrap()
                    .iter()
                    .map(|d| d.levels.wind_2min_ms)
                    .fold(0.0, f64::max)
            };
            m(*a).total_cmp(&m(*b))
        })
        .unwrap();
    let now = district_winds_at(&p, &layer, k, &settings).unwrap();
    let info = step_info(&p, k, RmwSource::User, now.clone()).unwrap();
    assert_eq!((info.k, info.steps), (k, p.len()));
    assert_eq!(info.districts.len(), 23);
    assert_eq!(info.districts[0].wind_2min_ms, now[0].levels.wind_2min_ms);
    assert_eq!([info.r7_km, info.r10_km, info.r12_km], max_radii_km(&p, k));
    assert!(info.r7_km > info.r10_km && info.r10_km > 0.0, "{info:?}");
    assert!(info.r10_km >= info.r12_km);
    assert_eq!(RADII_THRESHOLDS_MS, [13.9, 24.5, 32.7]);
    // A step past the end shows the last hour.
    let last = step_info(&p, 10_000, RmwSource::User, Vec::new()).unwrap();
    assert_eq!(last.k, p.len() - 1);
    assert_eq!(max_radii_km(&p, 10_000), [0.0; 3]);
}

#[test]
fn names_and_the_wind_line_follow_the_language_and_the_layer() {
    let (t, _) = hato();
    assert_eq!(storm_name(&t, Lang::Zh), "天鸽 (Hato)");
    assert_eq!(storm_name(&t, Lang::En), "Hato (天鸽)");
    let o = WindModelOptions::default();
    let zh = wind_label(&o, WindLayer::Surface, RmwSource::User, Lang::Zh);
    assert!(
        zh.starts_with("2分钟平均风 / 阵风 · 地表10米 · 城镇暴露 · 模型 H08"),
        "{zh}"
    );
    assert!(zh.ends_with(RmwSource::User.label_zh()));
    let en = wind_label(&o, WindLayer::Surface, RmwSource::User, Lang::En);
    assert!(
        en.starts_with("2-min mean wind / gust · surface 10 m"),
        "{en}"
    );
    let reference = wind_label(&o, WindLayer::Reference, RmwSource::User, Lang::Zh);
    assert!(
        reference.starts_with("CLIMADA 1分钟风 · 开阔地面参考"),
        "{reference}"
    );
    let rmw = serde_json::to_value(rmw_view(RmwSource::User, &[])).unwrap();
    let keys: Vec<&String> = rmw.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["fits", "label_en", "label_zh", "source"]);
    assert_eq!(rmw["label_zh"], RmwSource::User.label_zh());
}

#[test]
fn payout_indices_are_the_one_index_rule() {
    let (_, p) = hato();
    let layer = DistrictLayer::builtin();
    let spec = Policy::default_zhongshan().wind_index();
    let idx = town_indices(&p, &layer, &spec);
    assert_eq!(idx.len(), 23);
    for d in layer.districts() {
        let (v, _) = p.peak_at(d.seat.y(), d.seat.x());
        assert_eq!(
            idx[&d.code],
            index_from_model_peak(v, town_exposure(&d.code), &spec),
            "{}",
            d.code
        );
    }
}

#[test]
fn payout_summary_bars_and_csv_say_the_same_money() {
    let (policy, event) = paid_hato();
    assert!(
        event.paid > Decimal::ZERO,
        "Hato pays under the 示例 policy"
    );
    let s = payout_summary("天鸽 (Hato)", &policy, &event);
    assert_eq!(s.paid_zh, format_cny_zh(event.paid));
    assert_eq!(s.paid_en, format_cny_en(event.paid));
    assert_eq!(s.sum_insured, policy.sum_insured.to_string());
    assert_eq!(s.index_zh, policy.wind_index().label_zh());
    assert!(!s.explain_zh.is_empty() && s.explain_zh.len() == s.explain_en.len());
    assert_ne!(s.explain_zh, s.explain_en);
    let total: Decimal = s.timeline.iter().map(|i| i.amount).sum();
    assert_eq!(total, event.paid, "instalments add up to the payout");
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["event"]["paid"], event.paid.to_string());
    for k in [
        "index_wind",
        "rate_on_line",
        "status_zh",
        "timeline",
        "scenario",
    ] {
        assert!(json.get(k).is_some(), "{k}");
    }

    let (title, bars) = payout_bars(&event, Lang::Zh);
    assert_eq!(
        title,
        format!("各镇街赔付 · 合计 {}", format_cny_zh(event.paid))
    );
    assert_eq!(bars.len(), event.districts.len());
    assert!(
        bars.windows(2).all(|w| w[0].value >= w[1].value),
        "largest first"
    );
    let top = event.districts.iter().max_by_key(|d| d.payout).unwrap();
    assert_eq!(bars[0].value_text, format_cny_zh(top.payout));
    assert!(!bars[0].label.ends_with('镇') && !bars[0].label.ends_with("街道"));
    let (title_en, bars_en) = payout_bars(&event, Lang::En);
    assert!(title_en.starts_with("Payout by town · total "));
    assert!(bars_en[0].label.is_ascii(), "{}", bars_en[0].label);

    let csv = payout_csv(&event);
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains(&top.code));
    let values = payout_values(&event);
    assert_eq!(
        values[&top.code],
        top.payout.to_string().parse::<f64>().unwrap()
    );
}

#[test]
fn season_summary_totals_the_events_paid_in_order() {
    let (_, p) = hato();
    let policy = Policy::default_zhongshan();
    let winds = town_indices(&p, &DistrictLayer::builtin(), &policy.wind_index());
    let events: Vec<Event> = (0..3)
        .map(|i| Event {
            name: format!("天鸽 #{i}"),
            indices: EventIndices::Wind(winds.clone()),
        })
        .collect();
    let season = pay_season(&policy, &events).unwrap();
    let s = season_summary(&policy, &season);
    assert_eq!(s.total_zh, format_cny_zh(season.total_paid));
    assert_eq!(s.total_en, format_cny_en(season.total_paid));
    assert!(!s.explain_zh.is_empty());
    let paid: Decimal = season.events.iter().map(|e| e.paid).sum();
    assert_eq!(paid, season.total_paid);
}

#[test]
fn overlays_draw_the_heat_map_track_centre_and_radii_they_are_handed() {
    let (t, p) = hato();
    let grid = GridSpec::zhongshan_001();
    let mut buf = Vec::new();
    let plain = scenario_overlays(&p, &t, &grid, None, None, Lang::Zh, &mut buf);
    assert!(!plain.iter().any(|o| matches!(o, Overlay::Raster { .. })));
    assert!(!plain.iter().any(|o| matches!(o, Overlay::RingKm { .. })));

    let k = p.len() / 2;
    let with = scenario_overlays(&p, &t, &grid, Some(k), Some(0.8), Lang::En, &mut buf);
    let Some(Overlay::Raster { nx, ny, cells, .. }) = with.first() else {
        panic!("heat map first: {:?}", with.first());
    };
    assert_eq!((*nx, *ny), (61, 61));
    assert_eq!(cells.len(), 61 * 61);
    let rings: Vec<(f64, &str)> = with
        .iter()
        .filter_map(|o| match o {
            Overlay::RingKm {
                radius_km, label, ..
            } => Some((*radius_km, label.as_str())),
            _ => None,
        })
        .collect();
    let radii = max_radii_km(&p, k);
    let expected: Vec<(f64, &str)> = radii
        .into_iter()
        .zip(["force 7", "force 10", "force 12"])
        .filter(|(r, _)| *r > 0.0)
        .collect();
    assert_eq!(rings, expected);
    assert!(!rings.is_empty());
    let zh = scenario_overlays(&p, &t, &grid, Some(k), None, Lang::Zh, &mut buf);
    assert!(zh
        .iter()
        .any(|o| matches!(o, Overlay::RingKm { label, .. } if label == "7级风圈")));
}

#[test]
fn step_json_is_the_shape_the_view_reads() {
    let (_, p) = hato();
    let info = step_info(&p, 3, RmwSource::User, Vec::new()).unwrap();
    let v = serde_json::to_value(&info).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "districts",
            "grade",
            "grade_zh",
            "k",
            "lat",
            "lon",
            "pc_hpa",
            "r10_km",
            "r12_km",
            "r7_km",
            "rmw_estimated",
            "rmw_km",
            "rmw_source",
            "steps",
            "time_bjt",
            "time_utc",
            "wind_1min_ms"
        ]
    );
}

#[test]
fn a_what_if_rmw_is_shown_as_the_users_and_the_heat_map_names_its_wind() {
    use zs_risk_map::hazard::TrackTransform;
    let other = scenarios::sized_track("hato", &WindModelOptions::default())
        .unwrap()
        .1
        .source;
    assert_ne!(
        other,
        RmwSource::User,
        "Hato's RMW is fitted, not the user's"
    );
    let plain = TrackTransform::default();
    assert_eq!(rmw_source_shown(&plain, other), other);
    let scaled = TrackTransform {
        rmw_factor: 1.2,
        ..plain
    };
    assert_eq!(rmw_source_shown(&scaled, other), RmwSource::User);
    let set = TrackTransform {
        rmw_km: Some(30.0),
        ..plain
    };
    assert_eq!(rmw_source_shown(&set, other), RmwSource::User);

    // Reference layer: the model wind itself; surface layer: open exposure, 10 m, 2-min mean
    // (below the 1-min reference).
    let reference = WindSettings {
        layer: WindLayer::Reference,
        ..WindSettings::default()
    };
    assert!(
        (heat_2min_factor(&reference) - 1.0).abs() < 0.05,
        "{}",
        heat_2min_factor(&reference)
    );
    let surface = heat_2min_factor(&WindSettings::default());
    assert!(surface > 0.5 && surface < 1.0, "{surface}");
}
