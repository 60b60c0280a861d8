//! The high-contrast palette (docs/briefing.md §8.2): its own colours passed to the renderer,
//! not a filter — text ≥ 7:1 (WCAG AAA) against its plate and the background, classes on a
//! colour-blind-safe scale that darkens with the class, and the drawn map differs.

use zs_risk_map::layers::{builtin_layers, PaintedLayer, Rgb};
use zs_risk_map::map::DistrictLayer;
use zs_risk_map::render::{svg::to_svg_string, MapView, Palette};

/// WCAG 2.1 relative luminance and contrast ratio.
fn luminance(c: Rgb) -> f64 {
    let ch = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * ch(c.0) + 0.7152 * ch(c.1) + 0.0722 * ch(c.2)
}
fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn high_contrast_text_is_aaa_and_the_palette_differs() {
    let hc = Palette::HighContrast.inks();
    let normal = Palette::Normal.inks();
    assert_ne!(hc, normal);
    for (what, fg, bg) in [
        ("label on plate", hc.text, hc.halo),
        ("text on background", hc.text, hc.background),
        ("attribution, scale, north", hc.muted, hc.background),
        ("leader on background", hc.muted, hc.background),
    ] {
        let r = contrast(fg, bg);
        assert!(r >= 7.0, "{what}: {r:.2}:1 < 7:1");
    }
    // High contrast raises the secondary text's contrast too.
    assert!(contrast(normal.muted, normal.background) < contrast(hc.muted, hc.background));
}

#[test]
fn high_contrast_classes_are_distinct_ordered_and_drawn() {
    let layer = DistrictLayer::builtin();
    for spec in builtin_layers() {
        let painted = PaintedLayer::paint(&spec, &layer);
        // Each legend class gets its own colour; lightness falls as the normal colour darkens
        // (so the order reads without hue, for every kind of colour vision).
        let mut rows: Vec<(f64, f64)> = painted
            .legend
            .iter()
            .map(|e| {
                (
                    luminance(e.color),
                    luminance(Palette::HighContrast.fill(&painted, e.color)),
                )
            })
            .collect();
        rows.sort_by(|a, b| b.0.total_cmp(&a.0));
        for w in rows.windows(2) {
            assert!(
                w[1].1 < w[0].1,
                "{}: classes not ordered by lightness: {rows:?}",
                spec.id
            );
        }
        // Neighbouring classes differ clearly in lightness (contrast ≥ 1.2:1 between fills).
        for w in rows.windows(2) {
            let r = (w[0].1 + 0.05) / (w[1].1 + 0.05);
            assert!(
                r >= 1.2,
                "{}: adjacent classes too close ({r:.2}:1)",
                spec.id
            );
        }
        let view = |palette| MapView {
            labels: true,
            furniture: true,
            palette,
            ..MapView::default()
        };
        let (a, _) = to_svg_string(&layer, &painted, &view(Palette::Normal), 900, 640).unwrap();
        let (b, _) =
            to_svg_string(&layer, &painted, &view(Palette::HighContrast), 900, 640).unwrap();
        assert_ne!(a, b, "{}", spec.id);
        assert!(
            b.to_uppercase().contains("#FDE725")
                || b.to_uppercase().contains("#440154")
                || painted.legend.len() < 2,
            "{}",
            spec.id
        );
    }
}

/// The town labels' one-pass halo (docs/performance.md §4): the label ink on its translucent
/// plate stays ≥ 4.5:1 (WCAG AA) over every class colour of every built-in layer, in both
/// palettes (high contrast: the opaque plate, ≥ 7:1).
#[test]
fn label_on_its_plate_is_legible_over_every_fill() {
    use zs_risk_map::render::label_plate_alpha;
    let layer = DistrictLayer::builtin();
    for palette in [Palette::Normal, Palette::HighContrast] {
        let inks = palette.inks();
        let a = label_plate_alpha(palette);
        assert!(a > 0.0 && a <= 1.0, "{palette:?}: plate alpha {a}");
        let min = if palette == Palette::HighContrast {
            7.0
        } else {
            4.5
        };
        for spec in builtin_layers() {
            let painted = PaintedLayer::paint(&spec, &layer);
            let mut fills: Vec<Rgb> = painted
                .legend
                .iter()
                .map(|e| palette.fill(&painted, e.color))
                .collect();
            fills.push(inks.background);
            for fill in fills {
                let mix =
                    |p: u8, f: u8| (a * f64::from(p) + (1.0 - a) * f64::from(f)).round() as u8;
                let under = Rgb(
                    mix(inks.halo.0, fill.0),
                    mix(inks.halo.1, fill.1),
                    mix(inks.halo.2, fill.2),
                );
                let r = contrast(inks.text, under);
                assert!(
                    r >= min,
                    "{palette:?} {}: label on plate over {fill:?}: {r:.2}:1 < {min}:1",
                    spec.id
                );
            }
        }
    }
}
