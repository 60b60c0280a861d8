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

use super::{err, FONT_FAMILY};
use crate::layers::Rgb;
use crate::Result;

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

/// The frame every chart shares: white background, margin, title row.
struct ChartFrame {
    w: f64,
    h: f64,
    m: f64,
    title_h: f64,
}

/// Clears the area, draws the title and returns the frame's sizes in device pixels.
fn begin_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    dpr: f64,
) -> Result<ChartFrame> {
    let dpr = super::check_dpr(dpr)?;
    let (w, h) = area.dim_in_pixel();
    area.fill(&RGBColor(255, 255, 255)).map_err(err)?;
    let (m, title_h) = (8.0 * dpr, 26.0 * dpr);
    let head = TextStyle::from(font(dpr, 14.0, true))
        .color(&RGBColor(0x1a, 0x23, 0x33))
        .pos(Pos::new(HPos::Left, VPos::Center));
    area.draw_text(title, &head, (m as i32, (title_h / 2.0) as i32))
        .map_err(err)?;
    Ok(ChartFrame {
        w: w as f64,
        h: h as f64,
        m,
        title_h,
    })
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
    let ChartFrame { w, h, m, title_h } = begin_chart(area, title, dpr)?;
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
    let ChartFrame { w, h, m, title_h } = begin_chart(area, title, dpr)?;
    let label_h = 44.0 * dpr;
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
                (
                    ((bx0 + bx1) / 2.0) as i32,
                    ly.saturating_add((14.0 * dpr) as i32),
                ),
            )
            .map_err(err)?;
        }
        if i.saturating_add(1) < steps.len() {
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

/// One exceedance curve (超越概率曲线) of an EP chart: (return period in years, amount) points.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// Legend label (e.g. "年累计 AEP").
    pub label: String,
    /// Line colour.
    pub color: Rgb,
    /// (return period 重现期 in years, amount) pairs, any order of return period.
    pub points: Vec<(f64, f64)>,
}

/// A dashed horizontal (or, in a scatter, vertical) reference line with a label, e.g. the
/// annual aggregate limit (年度累计限额) or the material-loss threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct RefLine {
    /// Label drawn at the line's end.
    pub label: String,
    /// Position in data units.
    pub value: f64,
}

/// One point of a scatter chart (散点图).
#[derive(Debug, Clone, PartialEq)]
pub struct ScatterDot {
    /// x in data units.
    pub x: f64,
    /// y in data units.
    pub y: f64,
    /// Fill colour (e.g. by basis-risk category).
    pub color: Rgb,
}

/// Axis labels and tick formatting of an x–y chart (坐标轴).
pub struct Axes<'a> {
    /// x-axis title.
    pub x_label: &'a str,
    /// y-axis title.
    pub y_label: &'a str,
    /// Formats a y tick value (e.g. 万元 / 亿元).
    pub y_fmt: &'a dyn Fn(f64) -> String,
    /// Formats an x tick value (linear x axes only).
    pub x_fmt: &'a dyn Fn(f64) -> String,
}

/// Plot rectangle in pixels: (x0, y0, x1, y1), y growing downwards.
type Frame = (f64, f64, f64, f64);

fn grid_style(dpr: f64) -> ShapeStyle {
    ShapeStyle {
        color: RGBColor(0xe3, 0xe7, 0xec).to_rgba(),
        filled: false,
        stroke_width: dpr.round().max(1.0) as u32,
    }
}

fn line_style(c: Rgb, dpr: f64, width_css: f64) -> ShapeStyle {
    ShapeStyle {
        color: RGBColor(c.0, c.1, c.2).to_rgba(),
        filled: false,
        stroke_width: (width_css * dpr).round().max(1.0) as u32,
    }
}

/// "Nice" linear ticks from 0 to at least `max` (about five).
fn nice_ticks(max: f64) -> Vec<f64> {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let n = (max / step).ceil() as usize;
    (0..=n.max(1)).map(|i| i as f64 * step).collect()
}

/// Log-axis ticks 1, 2, 5, 10, 20, 50, … within `[lo, hi]`.
fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let mut out = Vec::new();
    let mut decade = 10f64.powf(lo.max(1e-9).log10().floor());
    // At most 40 decades (1e-9 … 1e31): an infinite or absurd `hi` cannot loop for ever.
    for _ in 0..40 {
        let within = decade <= hi * 1.0001;
        if !within {
            break;
        }
        for m in [1.0, 2.0, 5.0] {
            let t = decade * m;
            if t >= lo * 0.9999 && t <= hi * 1.0001 {
                out.push(t);
            }
        }
        decade *= 10.0;
    }
    out
}

/// Draws title, frame, y grid and y tick labels; returns the plot frame and the y scale top.
fn xy_frame<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    axes: &Axes,
    y_max: f64,
    dpr: f64,
) -> Result<(Frame, f64)> {
    let ChartFrame { w, h, m, title_h } = begin_chart(area, title, dpr)?;
    let frame = (
        m + 78.0 * dpr,
        title_h + 18.0 * dpr,
        (w - m - 12.0 * dpr).max(m + 100.0 * dpr),
        (h - 40.0 * dpr).max(title_h + 40.0 * dpr),
    );
    let (x0, y0, x1, y1) = frame;
    let ticks = nice_ticks(y_max);
    let top = *ticks.last().unwrap_or(&1.0);
    let small = TextStyle::from(font(dpr, 10.5, false)).color(&RGBColor(0x44, 0x4c, 0x58));
    let right = small.clone().pos(Pos::new(HPos::Right, VPos::Center));
    for t in &ticks {
        let y = y1 - t / top * (y1 - y0);
        area.draw(&PathElement::new(
            vec![(x0 as i32, y as i32), (x1 as i32, y as i32)],
            grid_style(dpr),
        ))
        .map_err(err)?;
        area.draw_text(
            &(axes.y_fmt)(*t),
            &right,
            ((x0 - 5.0 * dpr) as i32, y as i32),
        )
        .map_err(err)?;
    }
    let ylab = small.clone().pos(Pos::new(HPos::Left, VPos::Bottom));
    area.draw_text(axes.y_label, &ylab, (m as i32, (y0 - 6.0 * dpr) as i32))
        .map_err(err)?;
    let xlab = small.pos(Pos::new(HPos::Center, VPos::Bottom));
    area.draw_text(
        axes.x_label,
        &xlab,
        (((x0 + x1) / 2.0) as i32, (h - 3.0 * dpr) as i32),
    )
    .map_err(err)?;
    let axis = line_style(Rgb(0x66, 0x66, 0x66), dpr, 1.0);
    area.draw(&PathElement::new(
        vec![
            (x0 as i32, y0 as i32),
            (x0 as i32, y1 as i32),
            (x1 as i32, y1 as i32),
        ],
        axis,
    ))
    .map_err(err)?;
    Ok((frame, top))
}

/// Draws a dashed segment from `a` to `b`.
fn dashed<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    a: (f64, f64),
    b: (f64, f64),
    style: ShapeStyle,
    dpr: f64,
) -> Result<()> {
    let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
    let dash = 6.0 * dpr;
    // At most 10,000 dashes: a line longer than any canvas cannot stall the tab.
    let n = ((len / dash).ceil() as usize).min(10_000);
    for i in (0..n).step_by(2) {
        let t0 = i as f64 / n as f64;
        let t1 = ((i as f64 + 1.0) / n as f64).min(1.0);
        let p = |t: f64| {
            (
                (a.0 + (b.0 - a.0) * t) as i32,
                (a.1 + (b.1 - a.1) * t) as i32,
            )
        };
        area.draw(&PathElement::new(vec![p(t0), p(t1)], style))
            .map_err(err)?;
    }
    Ok(())
}

/// Draws exceedance curves (EP 曲线): amount against return period (重现期) on a **log** x
/// axis (1 … the largest return period), linear y from 0, with dashed horizontal reference
/// lines (e.g. the annual aggregate) and a legend. Points with a return period ≤ 0 are skipped.
///
/// # Errors
/// [`Error::Render`] when the backend fails.
pub fn draw_ep_curves<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    curves: &[Curve],
    refs: &[RefLine],
    axes: &Axes,
    dpr: f64,
) -> Result<()> {
    let pts = || {
        curves
            .iter()
            .flat_map(|c| c.points.iter())
            .filter(|p| p.0 > 0.0)
    };
    let rp_max = pts().map(|p| p.0).fold(10.0_f64, f64::max);
    let y_max = pts()
        .map(|p| p.1)
        .chain(refs.iter().map(|r| r.value))
        .fold(0.0_f64, f64::max)
        * 1.05;
    let ((x0, y0, x1, y1), top) = xy_frame(area, title, axes, y_max, dpr)?;
    let lmax = rp_max.log10().max(1e-9);
    let x_of = |rp: f64| x0 + (rp.max(1.0).log10() / lmax) * (x1 - x0);
    let y_of = |v: f64| y1 - (v / top) * (y1 - y0);
    let small = TextStyle::from(font(dpr, 10.5, false)).color(&RGBColor(0x44, 0x4c, 0x58));
    let below = small.clone().pos(Pos::new(HPos::Center, VPos::Top));
    for t in log_ticks(1.0, rp_max) {
        let x = x_of(t);
        area.draw(&PathElement::new(
            vec![(x as i32, y0 as i32), (x as i32, y1 as i32)],
            grid_style(dpr),
        ))
        .map_err(err)?;
        let label = if t >= 1000.0 {
            format!("{}k", t / 1000.0)
        } else {
            format!("{t}")
        };
        area.draw_text(&label, &below, (x as i32, (y1 + 4.0 * dpr) as i32))
            .map_err(err)?;
    }
    for r in refs {
        let y = y_of(r.value);
        dashed(
            area,
            (x0, y),
            (x1, y),
            line_style(Rgb(0x8a, 0x5a, 0x00), dpr, 1.0),
            dpr,
        )?;
        let lab = small
            .clone()
            .color(&RGBColor(0x8a, 0x5a, 0x00))
            .pos(Pos::new(HPos::Right, VPos::Bottom));
        area.draw_text(
            &r.label,
            &lab,
            ((x1 - 4.0 * dpr) as i32, (y - 2.0 * dpr) as i32),
        )
        .map_err(err)?;
    }
    for (k, c) in curves.iter().enumerate() {
        let mut p: Vec<(f64, f64)> = c.points.iter().copied().filter(|p| p.0 > 0.0).collect();
        p.sort_by(|a, b| a.0.total_cmp(&b.0));
        let path: Vec<(i32, i32)> = p
            .iter()
            .map(|&(rp, v)| (x_of(rp) as i32, y_of(v) as i32))
            .collect();
        if path.len() >= 2 {
            area.draw(&PathElement::new(path, line_style(c.color, dpr, 2.0)))
                .map_err(err)?;
        }
        // Legend, top left inside the frame.
        let ly = y0 + (8.0 + 16.0 * k as f64) * dpr;
        let lx = x0 + 10.0 * dpr;
        area.draw(&PathElement::new(
            vec![
                (lx as i32, ly as i32),
                ((lx + 18.0 * dpr) as i32, ly as i32),
            ],
            line_style(c.color, dpr, 2.5),
        ))
        .map_err(err)?;
        let lt = small.clone().pos(Pos::new(HPos::Left, VPos::Center));
        area.draw_text(&c.label, &lt, ((lx + 24.0 * dpr) as i32, ly as i32))
            .map_err(err)?;
    }
    Ok(())
}

/// Draws a scatter chart (散点图): linear y from 0; x linear from 0 or, with `log_x`, on a
/// log axis spanning the positive x values and reference lines (values at or below its left
/// end, zeros included, sit on the left edge); dashed vertical reference lines (e.g. the
/// material-loss threshold) and a legend of (label, colour) rows, top left.
///
/// # Errors
/// [`Error::Render`] when the backend fails.
#[allow(clippy::too_many_arguments)]
pub fn draw_scatter<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    dots: &[ScatterDot],
    vrefs: &[RefLine],
    legend: &[(String, Rgb)],
    axes: &Axes,
    log_x: bool,
    dpr: f64,
) -> Result<()> {
    let y_max = dots.iter().map(|d| d.y).fold(0.0_f64, f64::max) * 1.05;
    let ((x0, y0, x1, y1), top) = xy_frame(area, title, axes, y_max, dpr)?;
    let xs = || {
        dots.iter()
            .map(|d| d.x)
            .chain(vrefs.iter().map(|r| r.value))
    };
    let x_max = xs().fold(0.0_f64, f64::max);
    let (xt, x_lo, right) = if log_x {
        let min_pos = xs().filter(|x| *x > 0.0).fold(f64::INFINITY, f64::min);
        let lo = if min_pos.is_finite() {
            10f64.powf(min_pos.log10().floor())
        } else {
            1.0
        };
        let hi = 10f64.powf(x_max.max(lo * 10.0).log10().ceil());
        let mut t = log_ticks(lo, hi);
        if (hi / lo).log10() > 4.0 {
            t.retain(|v| (v.log10() - v.log10().round()).abs() < 1e-9);
        }
        (t, lo, hi)
    } else {
        let t = nice_ticks(x_max * 1.02);
        let r = *t.last().unwrap_or(&1.0);
        (t, 0.0, r)
    };
    let x_of = |v: f64| {
        if log_x {
            x0 + (v.max(x_lo).log10() - x_lo.log10()) / (right.log10() - x_lo.log10()) * (x1 - x0)
        } else {
            x0 + (v / right) * (x1 - x0)
        }
    };
    let y_of = |v: f64| y1 - (v / top) * (y1 - y0);
    let small = TextStyle::from(font(dpr, 10.5, false)).color(&RGBColor(0x44, 0x4c, 0x58));
    let below = small.clone().pos(Pos::new(HPos::Center, VPos::Top));
    for t in &xt {
        let x = x_of(*t);
        area.draw(&PathElement::new(
            vec![(x as i32, y0 as i32), (x as i32, y1 as i32)],
            grid_style(dpr),
        ))
        .map_err(err)?;
        area.draw_text(
            &(axes.x_fmt)(*t),
            &below,
            (x as i32, (y1 + 4.0 * dpr) as i32),
        )
        .map_err(err)?;
    }
    for r in vrefs {
        let x = x_of(r.value);
        dashed(
            area,
            (x, y0),
            (x, y1),
            line_style(Rgb(0x8a, 0x5a, 0x00), dpr, 1.0),
            dpr,
        )?;
        let lab = small
            .clone()
            .color(&RGBColor(0x8a, 0x5a, 0x00))
            .pos(Pos::new(HPos::Left, VPos::Top));
        area.draw_text(
            &r.label,
            &lab,
            ((x + 4.0 * dpr) as i32, (y0 + 2.0 * dpr) as i32),
        )
        .map_err(err)?;
    }
    let r = (2.5 * dpr).max(1.5);
    for d in dots {
        let (cx, cy) = (x_of(d.x), y_of(d.y));
        area.draw(&Rectangle::new(
            [
                ((cx - r) as i32, (cy - r) as i32),
                ((cx + r) as i32, (cy + r) as i32),
            ],
            RGBColor(d.color.0, d.color.1, d.color.2).filled(),
        ))
        .map_err(err)?;
    }
    for (k, (label, c)) in legend.iter().enumerate() {
        let ly = y0 + (8.0 + 16.0 * k as f64) * dpr;
        let lx = x0 + 14.0 * dpr;
        area.draw(&Rectangle::new(
            [
                ((lx - r) as i32, (ly - r) as i32),
                ((lx + r) as i32, (ly + r) as i32),
            ],
            RGBColor(c.0, c.1, c.2).filled(),
        ))
        .map_err(err)?;
        let lt = small.clone().pos(Pos::new(HPos::Left, VPos::Center));
        area.draw_text(label, &lt, ((lx + 8.0 * dpr) as i32, ly as i32))
            .map_err(err)?;
    }
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
    fn fmt(v: f64) -> String {
        format!("{v}")
    }

    #[test]
    fn log_ticks_cover_one_to_ten_thousand_in_1_2_5_steps() {
        let t = log_ticks(1.0, 10_000.0);
        assert_eq!(t.first(), Some(&1.0));
        assert_eq!(t.last(), Some(&10_000.0));
        assert_eq!(t.len(), 13, "{t:?}");
        assert!(t.windows(2).all(|w| w[1] > w[0]));
        let n = nice_ticks(7.3e7);
        assert_eq!(n[0], 0.0);
        assert!(*n.last().unwrap() >= 7.3e7 && n.len() <= 7, "{n:?}");
    }

    #[test]
    fn ep_chart_draws_each_curve_and_its_legend_on_a_log_axis() {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (700, 400)).into_drawing_area();
            let aep = Curve {
                label: "年累计 AEP".into(),
                color: Rgb(0xc0, 0x39, 0x2b),
                points: vec![(1.0, 0.0), (10.0, 2e7), (100.0, 9e7), (1000.0, 1.5e8)],
            };
            let oep = Curve {
                label: "单次事件 OEP".into(),
                color: Rgb(0x15, 0x65, 0xc0),
                points: vec![(1.0, 0.0), (10.0, 1.8e7), (100.0, 8e7), (1000.0, 1.5e8)],
            };
            let axes = Axes {
                x_label: "重现期（年，对数）",
                y_label: "赔付",
                y_fmt: &fmt,
                x_fmt: &fmt,
            };
            let refs = [RefLine {
                label: "年度累计限额".into(),
                value: 1.5e8,
            }];
            draw_ep_curves(&root, "超越概率曲线", &[aep, oep], &refs, &axes, 1.0).unwrap();
        }
        let out = out.replace('\n', "");
        for s in [
            "年累计 AEP",
            "单次事件 OEP",
            "年度累计限额",
            ">1k<",
            ">100<",
            ">10<",
            "重现期",
        ] {
            assert!(out.contains(s), "missing {s}");
        }
        assert!(
            out.contains("#C0392B") || out.contains("#c0392b"),
            "AEP colour"
        );
        // Log axis: x(10) − x(1) equals x(100) − x(10) (the tick labels' x positions).
        let x_of = |label: &str| -> f64 {
            let i = out.find(&format!(">{label}<")).unwrap();
            let tag = &out[out[..i].rfind("<text").unwrap()..i];
            let xs = tag.split("x=\"").nth(1).unwrap();
            xs[..xs.find('"').unwrap()].parse().unwrap()
        };
        let (a, b, c) = (x_of("1"), x_of("10"), x_of("100"));
        assert!(((b - a) - (c - b)).abs() <= 2.0, "{a} {b} {c}");
    }

    #[test]
    fn scatter_draws_one_square_per_dot_plus_legend() {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (600, 400)).into_drawing_area();
            let dots: Vec<ScatterDot> = (0..5)
                .map(|i| ScatterDot {
                    x: i as f64 * 1e8,
                    y: i as f64 * 1e7,
                    color: Rgb(0x15, 0x65, 0xc0),
                })
                .collect();
            let axes = Axes {
                x_label: "模型损失",
                y_label: "赔付",
                y_fmt: &fmt,
                x_fmt: &fmt,
            };
            let legend = [
                ("有损失有赔付".to_string(), Rgb(0x15, 0x65, 0xc0)),
                ("赔付无损失".to_string(), Rgb(0xef, 0x8a, 0x00)),
            ];
            let vrefs = [RefLine {
                label: "损失门槛".into(),
                value: 1e8,
            }];
            draw_scatter(&root, "基差风险", &dots, &vrefs, &legend, &axes, false, 1.0).unwrap();
        }
        assert_eq!(
            out.matches("<rect").count(),
            1 + 5 + 2,
            "background + dots + legend"
        );
        assert!(out.contains("损失门槛") && out.contains("赔付无损失"));
    }
    #[test]
    fn log_scatter_puts_zero_on_the_left_edge_and_decades_evenly() {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (600, 400)).into_drawing_area();
            let c = Rgb(0xc6, 0x28, 0x28);
            let dots = vec![
                ScatterDot {
                    x: 0.0,
                    y: 5.0,
                    color: c,
                },
                ScatterDot {
                    x: 1e8,
                    y: 5.0,
                    color: c,
                },
                ScatterDot {
                    x: 1e11,
                    y: 9.0,
                    color: c,
                },
            ];
            let axes = Axes {
                x_label: "x",
                y_label: "y",
                y_fmt: &fmt,
                x_fmt: &fmt,
            };
            draw_scatter(&root, "t", &dots, &[], &[], &axes, true, 1.0).unwrap();
        }
        let out = out.replace('\n', "");
        // Dots: x = 0 and x = 1e8 (the axis minimum) share the left edge.
        let rect_x: Vec<i32> = out
            .match_indices("<rect")
            .skip(1)
            .map(|(i, _)| {
                let xs = out[i..].split("x=\"").nth(1).unwrap();
                xs[..xs.find('"').unwrap()].parse().unwrap()
            })
            .collect();
        assert_eq!(rect_x.len(), 3);
        assert_eq!(rect_x[0], rect_x[1]);
        assert!(rect_x[2] > rect_x[0] + 300);
        for label in [">100000000<", ">1000000000<", ">100000000000<"] {
            assert!(out.contains(label), "tick {label}");
        }
    }
}
