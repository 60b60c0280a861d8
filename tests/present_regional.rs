//! The regional map's and forecast mode's presentation (`present::regional`,
//! `present::forecast`), natively: the inset probability choice, the insets of a scenario
//! and of an ensemble, the scenes, the view box and the bulletin table (issue 10).

use std::collections::BTreeMap;

use zs_risk_map::forecast::{cone_published, Bulletin, ErrorModel, ForecastConfig, ForecastRun};
use zs_risk_map::hazard::{scenarios, PreparedTrack, WindModelOptions};
use zs_risk_map::map::coastline::Coastline;
use zs_risk_map::map::DistrictLayer;
use zs_risk_map::payout::policy::Policy;
use zs_risk_map::present::forecast::bulletin_info;
use zs_risk_map::present::regional::*;
use zs_risk_map::render::regional::{ViewBox, MAX_ZOOM};
use zs_risk_map::render::{Lang, Palette};

const BULLETIN: &str = include_str!("../data/forecasts/example_bulletin.json");

fn style(lang: Lang) -> SceneStyle {
    SceneStyle {
        lang,
        type_scale: 1.0,
        title: "标题".into(),
        palette: Palette::Normal,
    }
}

#[test]
fn inset_keys_parse_title_and_pick_their_probability() {
    let ids = ["ge8", "ge10", "ge12", "blue", "yellow", "orange", "red"];
    let keys: Vec<InsetKey> = ids.iter().map(|s| InsetKey::parse(s).unwrap()).collect();
    let mut titles: Vec<&str> = keys.iter().map(|k| k.titles().0).collect();
    titles.dedup();
    assert_eq!(titles.len(), 7, "each key its own title");
    assert_eq!(InsetKey::default(), InsetKey::Ge10);
    assert_eq!(
        InsetKey::Ge10.titles(),
        ("达到 10 级的概率", "P(force ≥ 10)")
    );
    let e = InsetKey::parse("purple").unwrap_err();
    assert_eq!(e.code(), "INVALID_INPUT");
    assert!(e.to_string().contains("purple"));
    assert!(InsetKey::parse("GE10").is_err(), "ids are exact");
}

#[test]
fn a_finished_ensemble_paints_the_chosen_probability_and_the_bulletin_table() {
    let b = Bulletin::from_json(BULLETIN).unwrap();
    let layer = DistrictLayer::builtin();
    let config = ForecastConfig {
        members: 6,
        ..ForecastConfig::default()
    };
    let mut run = ForecastRun::new(&b, &config, &layer, &Policy::default_zhongshan()).unwrap();
    run.step(6).unwrap();
    let r = run.result().unwrap();
    for key in [InsetKey::Ge8, InsetKey::Red] {
        let inset = forecast_inset(&layer, &r, key);
        assert_eq!(inset.painted.spec.title_zh, key.titles().0);
        assert!(inset.painted.is_ramp);
        for d in &r.districts {
            assert_eq!(inset.painted.get(&d.code).unwrap().value, Some(key.of(d)));
        }
    }
    let inset = forecast_inset(&layer, &r, InsetKey::Ge10);
    let coast = Coastline::builtin().unwrap();
    let scene = forecast_scene(&coast, &b, Some(&inset), style(Lang::Zh));
    assert!(scene.history.is_empty() && scene.inset.is_some());
    assert_eq!(scene.forecast.len(), b.points.len());
    // The 70 % cone of every point, handed to the map as its outline.
    let circles = cone_published(&b, &ErrorModel::cma(), CONE_PROBABILITY);
    assert_eq!(circles.len(), b.points.len());
    assert!(!scene.cone.is_empty());
    assert_eq!(scene.cone, cone_polygon(&circles));
    let first = &b.points[0];
    assert_eq!(scene.current, Some((first.lon, first.lat)));
    assert_eq!(scene.title, "标题");
    // Chinese labels are Beijing times (2日14时), English ones lead times (+24h).
    let zh_label = &scene.forecast[1].label;
    let en = forecast_scene(&coast, &b, None, style(Lang::En));
    assert!(en.inset.is_none());
    assert_ne!(zh_label, &en.forecast[1].label);
    assert!(zh_label.contains('时'), "{zh_label}");

    let info = bulletin_info(&b);
    assert_eq!(info.points.len(), b.points.len());
    assert_eq!(info.name_zh, b.name_zh);
    // `scene.cone` is the outline of `circles` (asserted above).
    for (row, c) in info.points.iter().zip(&circles) {
        assert_eq!(row.cone70_km, c.2, "the table shows the cone the map draws");
    }
    assert!(info
        .points
        .windows(2)
        .all(|w| w[0].lead_h < w[1].lead_h && w[0].cone70_km <= w[1].cone70_km));
    let v = serde_json::to_value(&info).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["issued", "name_en", "name_zh", "points"]);
    let keys: Vec<&String> = v["points"][0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "cone70_km",
            "lat",
            "lead_h",
            "lon",
            "pressure_hpa",
            "wind_ms"
        ]
    );
}

#[test]
fn a_typhoon_scene_shows_the_whole_track_the_centre_and_the_towns_now() {
    let t = scenarios::track("hato").unwrap();
    let p = PreparedTrack::new(&t, &WindModelOptions::default()).unwrap();
    let layer = DistrictLayer::builtin();
    let now: BTreeMap<String, f64> = layer
        .districts()
        .iter()
        .enumerate()
        .map(|(i, d)| (d.code.clone(), 5.0 * i as f64))
        .collect();
    let inset = typhoon_inset(&layer, &now);
    assert_eq!(inset.painted.spec.id, "wind_now");
    let code = &layer.districts()[4].code;
    assert_eq!(inset.painted.get(code).unwrap().value, Some(20.0));
    let coast = Coastline::builtin().unwrap();
    let k = p.len() / 2;
    let scene = typhoon_scene(&coast, &t, &p, k, &inset, style(Lang::Zh));
    let n = &p.nodes()[k];
    assert_eq!(scene.current, Some((n.lon, n.lat)));
    assert!(scene.cone.is_empty());
    // The whole track with each point's grade; the model's circles as outlines.
    assert_eq!(scene.history.len(), t.points().len());
    assert!(scene
        .history
        .iter()
        .zip(t.points())
        .all(|(g, q)| (g.lon, g.lat, g.grade) == (q.lon, q.lat, q.grade())));
    let radii = model_wind_circles(&p, k);
    assert!(!radii.is_empty());
    assert_eq!(scene.wind_circles, wind_circles(&radii));
    let last = typhoon_scene(&coast, &t, &p, 10_000, &inset, style(Lang::Zh));
    let n = p.nodes().last().unwrap();
    assert_eq!(last.current, Some((n.lon, n.lat)), "clamped to the track");
}

#[test]
fn the_view_box_is_reported_clamped() {
    let v = view_info(&ViewBox {
        lon: 113.4,
        lat: 22.5,
        zoom: 1000.0,
    });
    assert_eq!(v.zoom, MAX_ZOOM);
    let r = ViewBox::region();
    assert_eq!(
        view_info(&r),
        ViewInfo {
            lon: r.lon,
            lat: r.lat,
            zoom: r.zoom
        }
    );
    let keys: Vec<String> = serde_json::to_value(view_info(&r))
        .unwrap()
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys, ["lat", "lon", "zoom"]);
}
