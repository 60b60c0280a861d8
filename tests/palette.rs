//! The high-contrast palette (docs/briefing.md §8.2): its own colours passed to the renderer,
//! not a filter — text ≥ 7:1 (WCAG AAA) against its plate and the background, classes on a
//! colour-blind-safe scale that darkens with the class, and the drawn map differs.

use zs_risk_map::layers::{builtin_layers, PaintedLayer, Rgb};
use zs_risk_map::map::DistrictLayer;
use zs_risk_map::render::{svg::to_svg_string, MapView, Palette};

mod common;

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
        // Every text in high contrast — title, legend, labels, scale bar, attribution — is
        // the palette's black (docs/briefing.md §8.2), none a fixed dark grey.
        for text in b.split("<text").skip(1) {
            let fill = text
                .split("fill=\"")
                .nth(1)
                .and_then(|f| f.split('"').next());
            assert_eq!(
                fill,
                Some("#000000"),
                "{}: a text drawn in {fill:?}",
                spec.id
            );
        }
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

/// The regional map (区域图, docs/briefing.md §8.2) takes the same palette: in high contrast
/// every text is the palette's ink on an opaque plate of its halo colour (≥ 7:1), the coast
/// and the frames are the outline colour, the inset gets the high-contrast classes, and the
/// drawing differs from the normal one.
#[test]
fn regional_map_in_high_contrast_uses_the_palette_inks() {
    use zs_risk_map::forecast::{cone_published, ErrorModel};
    use zs_risk_map::present::regional::{bulletin_marks, cone_polygon, wind_circles};
    use zs_risk_map::present::typhoon::graded_points;
    use zs_risk_map::render::regional::{regional_svg, RegionalScene, ViewBox};
    use zs_risk_map::render::Lang;

    let (coast, saola, b, layer, painted) = common::scene_parts();
    let first = b.points.first().unwrap();
    let circles = common::current_wind_radii(&b);
    let scene = |lang: Lang, palette: Palette| RegionalScene {
        coastline: &coast,
        history: graded_points(&saola),
        current: Some((first.lon, first.lat)),
        forecast: bulletin_marks(&b, lang == Lang::Zh),
        cone: cone_polygon(&cone_published(&b, &ErrorModel::cma(), 0.7)),
        wind_circles: wind_circles(&circles),
        inset: Some((&layer, &painted)),
        lang,
        type_scale: 1.0,
        title: "苏拉（示例预报）".into(),
        palette,
    };
    let hex = |c: Rgb| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2);
    let parse = |s: &str| {
        let v = u32::from_str_radix(s.trim_start_matches('#'), 16).unwrap();
        Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
    };
    /// `name="…"` of an SVG element's start tag.
    fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
        let k = format!(" {name}=\"");
        let i = tag.find(&k)? + k.len();
        tag[i..].split('"').next()
    }
    let inks = Palette::HighContrast.inks();
    for lang in [Lang::Zh, Lang::En] {
        for view in [ViewBox::region(), ViewBox::city()] {
            let (normal, _) =
                regional_svg(&scene(lang, Palette::Normal), &view, 1200, 800).unwrap();
            let (hc, _) =
                regional_svg(&scene(lang, Palette::HighContrast), &view, 1200, 800).unwrap();
            assert_ne!(
                normal, hc,
                "{lang:?}: high contrast draws the same regional map"
            );
            let tags: Vec<&str> = hc.split('<').skip(1).collect();
            // Opaque plates of the halo colour: (x0, y0, x1, y1).
            let plates: Vec<(f64, f64, f64, f64)> = tags
                .iter()
                .filter(|t| t.starts_with("rect "))
                .filter(|t| {
                    attr(t, "fill") == Some(&hex(inks.halo)) && attr(t, "opacity") == Some("1")
                })
                .map(|t| {
                    let n = |k| attr(t, k).unwrap().parse::<f64>().unwrap();
                    let (x, y) = (n("x"), n("y"));
                    (x, y, x + n("width"), y + n("height"))
                })
                .collect();
            let texts: Vec<&&str> = tags.iter().filter(|t| t.starts_with("text ")).collect();
            assert!(texts.len() > 20, "{lang:?}: {} texts", texts.len());
            for t in texts {
                let fill = parse(attr(t, "fill").unwrap());
                let r = contrast(fill, inks.halo);
                assert!(
                    r >= 7.0,
                    "{lang:?}: text ink {fill:?} on its plate {r:.2}:1 < 7:1"
                );
                // The text's anchor lies on an opaque plate (the rendered text box's corner or
                // centre, depending on its anchor).
                let (x, y) = (
                    attr(t, "x").unwrap().parse::<f64>().unwrap(),
                    attr(t, "y").unwrap().parse::<f64>().unwrap(),
                );
                assert!(
                    plates
                        .iter()
                        .any(|p| p.0 <= x && x <= p.2 && p.1 <= y && y <= p.3),
                    "{lang:?} zoom {}: text at ({x}, {y}) not on a plate: {t}",
                    view.zoom
                );
            }
            // The coast is stroked in the outline ink, not the normal blue-grey.
            let coast_normal = "#6B8AA8";
            assert!(normal.contains(coast_normal));
            assert!(
                !hc.contains(coast_normal),
                "{lang:?}: normal coast colour in high contrast"
            );
            assert!(
                tags.iter()
                    .any(|t| t.starts_with("polyline ")
                        && attr(t, "stroke") == Some(&hex(inks.outline))),
                "{lang:?}: no outline-coloured stroke"
            );
            // The inset's towns are on the viridis classes.
            assert!(hc.contains("#FDE725") || hc.contains("#440154"), "{lang:?}");
        }
    }
}
