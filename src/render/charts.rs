//! Small charts drawn through plotters' `DrawingBackend` (canvas in the browser, SVG natively):
//! horizontal bar charts (payout by town, 赔付分布) and waterfall charts (premium from base
//! rate to final, 保费瀑布图).
//!
//! Drawn with primitives rather than `ChartBuilder`: the charts are simple, and the mesh and
//! axis machinery would add size to the wasm for no visible gain.

use plotters::backend::DrawingBackend;
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::element::{PathElement, Rectangle};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontDesc, FontFamily, FontStyle, RGBColor, ShapeStyle, TextStyle};

use super::FONT_FAMILY;
use crate::layers::Rgb;
use crate::{Error, Result};

/// One bar: label, value (any unit), the value's display text and a colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Category label (e.g. a town name).
    pub label: String,
    /// Value; bars are scaled to the largest value.
    pub value: f64,
    /// Text shown at the end of the bar (e.g. "456.75万元").
    pub value_text: String,
    /// Fill colour.
    pub color: Rgb,
}

/// One waterfall step: a signed change, or a total bar drawn from zero.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Step label (e.g. "上年度事故 +15%").
    pub label: String,
    /// Change (positive up, negative down) or, for totals, the level.
    pub value: f64,
    /// Text drawn beside the bar.
    pub value_text: String,
    /// A total bar (base, final) rather than a change.
    pub total: bool,
}

fn err<E: std::fmt::Debug>(e: E) -> Error {
    Error::Render(format!("{e:?}"))
}

fn font(dpr: f64, css: f64, bold: bool) -> FontDesc<'static> {
    FontDesc::new(
        FontFamily::Name(FONT_FAMILY),
        css * dpr,
        if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        },
    )
}

/// Draws a horizontal bar chart with a title; rows top to bottom in the given order.
///
/// # Errors
/// [`Error::Render`] when the backend fails.
pub fn draw_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    bars: &[Bar],
    dpr: f64,
) -> Result<()> {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as f64, h as f64);
    area.fill(&RGBColor(255, 255, 255)).map_err(err)?;
    let m = 8.0 * dpr;
    let title_h = 26.0 * dpr;
    let head = TextStyle::from(font(dpr, 14.0, true))
        .color(&RGBColor(0x1a, 0x23, 0x33))
        .pos(Pos::new(HPos::Left, VPos::Center));
    area.draw_text(title, &head, (m as i32, (title_h / 2.0) as i32))
        .map_err(err)?;
    if bars.is_empty() {
        return Ok(());
    }
    let label_w = 72.0 * dpr;
    let value_w = 84.0 * dpr;
    let x0 = m + label_w;
    let x1 = (w - m - value_w).max(x0 + 10.0);
    let row = ((h - title_h - m) / bars.len() as f64).max(1.0);
    let max = bars
        .iter()
        .map(|b| b.value)
        .fold(0.0_f64, f64::max)
        .max(f64::MIN_POSITIVE);
    let text = TextStyle::from(font(dpr, 11.0, false)).color(&RGBColor(0x22, 0x22, 0x22));
    let label_style = text.clone().pos(Pos::new(HPos::Right, VPos::Center));
    let value_style = text.pos(Pos::new(HPos::Left, VPos::Center));
    for (i, b) in bars.iter().enumerate() {
        let y = title_h + row * i as f64;
        let cy = (y + row / 2.0) as i32;
        area.draw_text(&b.label, &label_style, ((x0 - 6.0 * dpr) as i32, cy))
            .map_err(err)?;
        let len = (b.value.max(0.0) / max) * (x1 - x0);
        if len >= 0.5 {
            let c = RGBColor(b.color.0, b.color.1, b.color.2);
            area.draw(&Rectangle::new(
                [
                    (x0 as i32, (y + row * 0.18) as i32),
                    ((x0 + len) as i32, (y + row * 0.82) as i32),
                ],
                c.filled(),
            ))
            .map_err(err)?;
        }
        area.draw_text(
            &b.value_text,
            &value_style,
            ((x0 + len + 4.0 * dpr) as i32, cy),
        )
        .map_err(err)?;
    }
    let axis = ShapeStyle {
        color: RGBColor(0x88, 0x88, 0x88).to_rgba(),
        filled: false,
        stroke_width: dpr.round().max(1.0) as u32,
    };
    area.draw(&PathElement::new(
        vec![(x0 as i32, title_h as i32), (x0 as i32, (h - m) as i32)],
        axis,
    ))
    .map_err(err)?;
    Ok(())
}

/// Draws a vertical waterfall: total bars from zero, change bars floating from the running
/// level (up red, down green, as Chinese readers expect for a price), with connectors.
///
/// # Errors
/// [`Error::Render`] when the backend fails.
pub fn draw_waterfall<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    steps: &[Step],
    dpr: f64,
) -> Result<()> {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as f64, h as f64);
    area.fill(&RGBColor(255, 255, 255)).map_err(err)?;
    let m = 8.0 * dpr;
    let title_h = 26.0 * dpr;
    let label_h = 44.0 * dpr;
    let head = TextStyle::from(font(dpr, 14.0, true))
        .color(&RGBColor(0x1a, 0x23, 0x33))
        .pos(Pos::new(HPos::Left, VPos::Center));
    area.draw_text(title, &head, (m as i32, (title_h / 2.0) as i32))
        .map_err(err)?;
    if steps.is_empty() {
        return Ok(());
    }
    // Running levels to scale the axis.
    let mut level = 0.0;
    let mut spans = Vec::with_capacity(steps.len());
    for s in steps {
        let (a, b) = if s.total {
            (0.0, s.value)
        } else {
            (level, level + s.value)
        };
        level = b;
        spans.push((a, b));
    }
    let top = spans
        .iter()
        .map(|(a, b)| a.max(*b))
        .fold(0.0_f64, f64::max)
        .max(f64::MIN_POSITIVE)
        * 1.12;
    let y_of = |v: f64| (h - label_h) - (v / top) * (h - label_h - title_h - 14.0 * dpr);
    let col = (w - 2.0 * m) / steps.len() as f64;
    let small = TextStyle::from(font(dpr, 10.5, false)).color(&RGBColor(0x22, 0x22, 0x22));
    let above = small.clone().pos(Pos::new(HPos::Center, VPos::Bottom));
    let below = small.pos(Pos::new(HPos::Center, VPos::Top));
    let connector = ShapeStyle {
        color: RGBColor(0x99, 0x99, 0x99).to_rgba(),
        filled: false,
        stroke_width: dpr.round().max(1.0) as u32,
    };
    for (i, (s, (a, b))) in steps.iter().zip(&spans).enumerate() {
        let x = m + col * i as f64;
        let (bx0, bx1) = (x + col * 0.18, x + col * 0.82);
        let color = if s.total {
            RGBColor(0x3b, 0x52, 0x8b)
        } else if b >= a {
            RGBColor(0xd3, 0x2f, 0x2f)
        } else {
            RGBColor(0x2e, 0x7d, 0x32)
        };
        let (ya, yb) = (y_of(*a), y_of(*b));
        area.draw(&Rectangle::new(
            [
                (bx0 as i32, ya.min(yb) as i32),
                (bx1 as i32, (ya.max(yb)).max(ya.min(yb) + 1.0) as i32),
            ],
            color.filled(),
        ))
        .map_err(err)?;
        area.draw_text(
            &s.value_text,
            &above,
            (((bx0 + bx1) / 2.0) as i32, (ya.min(yb) - 3.0 * dpr) as i32),
        )
        .map_err(err)?;
        // Labels may be long: split at the first space onto two lines.
        let (l1, l2) = s.label.split_once(' ').unwrap_or((s.label.as_str(), ""));
        let ly = (h - label_h + 4.0 * dpr) as i32;
        area.draw_text(l1, &below, (((bx0 + bx1) / 2.0) as i32, ly))
            .map_err(err)?;
        if !l2.is_empty() {
            area.draw_text(
                l2,
                &below,
                (((bx0 + bx1) / 2.0) as i32, ly + (14.0 * dpr) as i32),
            )
            .map_err(err)?;
        }
        if i + 1 < steps.len() {
            let yl = y_of(*b) as i32;
            area.draw(&PathElement::new(
                vec![(bx1 as i32, yl), ((bx1 + col * 0.36) as i32, yl)],
                connector,
            ))
            .map_err(err)?;
        }
    }
    let axis = ShapeStyle {
        color: RGBColor(0x66, 0x66, 0x66).to_rgba(),
        filled: false,
        stroke_width: dpr.round().max(1.0) as u32,
    };
    let y0 = y_of(0.0) as i32;
    area.draw(&PathElement::new(
        vec![(m as i32, y0), ((w - m) as i32, y0)],
        axis,
    ))
    .map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::backend::SVGBackend;
    use plotters::drawing::IntoDrawingArea;

    #[test]
    fn bars_draw_one_rect_per_positive_value_and_every_label() {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (600, 300)).into_drawing_area();
            let bars = vec![
                Bar {
                    label: "坦洲".into(),
                    value: 4.0,
                    value_text: "400万元".into(),
                    color: Rgb(200, 0, 0),
                },
                Bar {
                    label: "南朗".into(),
                    value: 1.0,
                    value_text: "100万元".into(),
                    color: Rgb(200, 0, 0),
                },
                Bar {
                    label: "石岐".into(),
                    value: 0.0,
                    value_text: "0元".into(),
                    color: Rgb(200, 0, 0),
                },
            ];
            draw_bars(&root, "赔付", &bars, 1.0).unwrap();
        }
        assert_eq!(out.matches("<rect").count(), 1 + 2, "background + two bars");
        assert!(out.contains("400万元") && out.contains("石岐"));
    }

    #[test]
    fn waterfall_ends_at_the_final_total() {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (600, 300)).into_drawing_area();
            let steps = vec![
                Step {
                    label: "基准 保费".into(),
                    value: 28500.0,
                    value_text: "28500".into(),
                    total: true,
                },
                Step {
                    label: "标准化 一级".into(),
                    value: -4275.0,
                    value_text: "-4275".into(),
                    total: false,
                },
                Step {
                    label: "最终 保费".into(),
                    value: 24225.0,
                    value_text: "24225".into(),
                    total: true,
                },
            ];
            draw_waterfall(&root, "保费", &steps, 1.0).unwrap();
        }
        assert_eq!(out.matches("<rect").count(), 1 + 3);
        assert!(out.contains("24225"));
    }
}
