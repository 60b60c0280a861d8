//! Label placement on the schematic town map (docs/briefing.md §8): at projector scale
//! (1920 × 1080, type × 1.75) and phone scale (360 CSS px at dpr 2), in both languages, with
//! and without the export furniture, no two town-label boxes intersect, none touches the
//! legend, scale bar, north arrow, attribution or title, everything stays on the canvas, and
//! the legend never covers the scale bar. Also the regional map's city inset.

use zs_risk_map::layers::{builtin_layers, PaintedLayer};
use zs_risk_map::map::DistrictLayer;
use zs_risk_map::render::labels::Rect;
use zs_risk_map::render::{draw_map_layout, Lang, MapLayout, MapView, Overlay};

fn render(
    w_css: f64,
    h_css: f64,
    dpr: f64,
    ts: f64,
    lang: Lang,
    furniture: bool,
    rings: bool,
) -> (MapLayout, Rect) {
    let layer = DistrictLayer::builtin();
    let painted = PaintedLayer::paint(&builtin_layers()[0], &layer);
    let view = MapView {
        lang,
        title: "中山市镇街 · 风暴潮暴露".into(),
        labels: true,
        type_scale: ts,
        furniture,
        pad_fraction: if rings { 0.15 } else { 0.0 },
        overlays: if rings {
            vec![
                Overlay::RingKm {
                    centre: (113.3, 22.2),
                    radius_km: 40.0,
                    color: zs_risk_map::layers::Rgb(200, 0, 0),
                    label: "12级风圈".into(),
                },
                Overlay::RingKm {
                    centre: (113.3, 22.2),
                    radius_km: 90.0,
                    color: zs_risk_map::layers::Rgb(240, 140, 0),
                    label: "10级风圈".into(),
                },
            ]
        } else {
            Vec::new()
        },
        ..MapView::default()
    };
    let (w, h) = ((w_css * dpr) as u32, (h_css * dpr) as u32);
    let (_, (_, layout)) = zs_risk_map::render::svg::svg_document(w, h, |root| {
        draw_map_layout(root, &layer, &painted, &view, dpr)
    })
    .unwrap();
    (
        layout,
        Rect {
            x0: 0.0,
            y0: 0.0,
            x1: f64::from(w),
            y1: f64::from(h),
        },
    )
}

fn check(name: &str, (l, canvas): (MapLayout, Rect), min_label_px: f64) {
    let leaders = l.labels.iter().filter(|x| x.leader).count();
    println!(
        "{name}: {} labels ({leaders} on leaders), omitted {:?}",
        l.labels.len(),
        l.omitted
    );
    assert_eq!(l.labels.len() + l.omitted.len(), 23, "{name}");
    assert!(
        l.omitted.len() <= 2,
        "{name}: too many labels left out: {:?}",
        l.omitted
    );
    for (i, a) in l.labels.iter().enumerate() {
        assert!(
            a.rect.inside(&canvas),
            "{name}: {} off the canvas {:?}",
            a.text,
            a.rect
        );
        assert!(
            a.rect.y1 - a.rect.y0 >= min_label_px,
            "{name}: {} too small",
            a.text
        );
        for b in l.labels.iter().skip(i + 1) {
            assert!(
                !a.rect.intersects(&b.rect),
                "{name}: {} overlaps {}",
                a.text,
                b.text
            );
        }
        for (what, f) in &l.furniture {
            assert!(
                !a.rect.intersects(f),
                "{name}: {} overlaps the {what}",
                a.text
            );
        }
    }
    for (what, f) in &l.furniture {
        if *what != "ring" {
            assert!(
                f.inside(&canvas),
                "{name}: the {what} is clipped: {f:?} in {canvas:?}"
            );
        }
    }
    let get = |k: &str| {
        l.furniture
            .iter()
            .filter(|f| f.0 == k)
            .map(|f| f.1)
            .collect::<Vec<_>>()
    };
    for lg in get("legend") {
        for other in get("scale")
            .into_iter()
            .chain(get("attribution"))
            .chain(get("north"))
        {
            assert!(
                !lg.intersects(&other),
                "{name}: the legend overlaps {other:?}"
            );
        }
    }
}

#[test]
fn projector_labels_do_not_overlap() {
    // The presenting typhoon map (≈ 1460 × 760 CSS px of a 1920 × 1080 screen) and a full
    // 1920 × 1080 export; town labels 12 × 1.75 = 21 px (box 1.2 em).
    for lang in [Lang::Zh, Lang::En] {
        check(
            &format!("present {lang:?}"),
            render(1460.0, 760.0, 1.0, 1.75, lang, false, true),
            21.0,
        );
        check(
            &format!("present export {lang:?}"),
            render(1920.0, 1080.0, 1.0, 1.75, lang, true, false),
            21.0,
        );
        check(
            &format!("normal {lang:?}"),
            render(900.0, 640.0, 1.0, 1.0, lang, false, false),
            12.0,
        );
    }
}

#[test]
fn phone_labels_do_not_overlap_and_the_attribution_fits() {
    for lang in [Lang::Zh, Lang::En] {
        for furniture in [false, true] {
            let r = render(340.0, 560.0, 2.0, 1.0, lang, furniture, false);
            let lines =
                r.0.furniture
                    .iter()
                    .filter(|f| f.0 == "attribution")
                    .count();
            assert!(
                lines >= 2,
                "the attribution wraps on a phone ({lines} line)"
            );
            check(&format!("phone {lang:?} furniture {furniture}"), r, 24.0);
        }
    }
}
