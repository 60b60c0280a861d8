//! Label placement (注记避让): every label gets a free box — never on another label, the
//! legend, the scale bar, the north arrow or the attribution — tried in a fixed order of
//! candidate positions around its anchor; when none near the anchor is free, the label moves
//! out along rings of growing radius and is drawn with a thin leader line (引线); when no
//! ring has room it is left out (the table lists every town). Deterministic: the same input
//! gives the same boxes on every backend, because widths come from a conservative per-glyph
//! estimate ([`text_size`]), not from the backend's font metrics (docs/briefing.md §8).
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used
    )
)]

/// An axis-aligned box in device pixels (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left.
    pub x0: f64,
    /// Top.
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Bottom.
    pub y1: f64,
}

impl Rect {
    /// The box of width `w` and height `h` centred on (`cx`, `cy`).
    pub fn centred(cx: f64, cy: f64, w: f64, h: f64) -> Rect {
        Rect {
            x0: cx - 0.5 * w,
            y0: cy - 0.5 * h,
            x1: cx + 0.5 * w,
            y1: cy + 0.5 * h,
        }
    }
    /// Whether the two boxes share interior area (touching edges do not count).
    pub fn intersects(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
    /// Whether `self` lies wholly inside `o`.
    pub fn inside(&self, o: &Rect) -> bool {
        self.x0 >= o.x0 && self.y0 >= o.y0 && self.x1 <= o.x1 && self.y1 <= o.y1
    }
    /// The centre.
    pub fn centre(&self) -> (f64, f64) {
        (0.5 * (self.x0 + self.x1), 0.5 * (self.y0 + self.y1))
    }
    /// The point of the box nearest to `p` (where a leader line ends).
    pub fn nearest(&self, p: (f64, f64)) -> (f64, f64) {
        // max/min, not f64::clamp: clamp panics when a bound is NaN or the box is inverted,
        // and extreme view numbers reach here (tests/extreme_values.rs).
        (p.0.max(self.x0).min(self.x1), p.1.max(self.y0).min(self.y1))
    }
    /// Whether the segment a–b passes through the box (sampled every 2 px: leader lines are
    /// short, and a 2-px step cannot jump a label).
    fn hit_by(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let n = ((dx * dx + dy * dy).sqrt() / 2.0).ceil().clamp(1.0, 2000.0) as u32;
        (0..=n).any(|i| {
            let t = f64::from(i) / f64::from(n);
            let (x, y) = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
            x > self.x0 && x < self.x1 && y > self.y0 && y < self.y1
        })
    }
}

/// Width and height (device px) of one line of text at `font_px`: a conservative per-glyph
/// estimate for the sans-serif CJK fonts of [`super::FONT_FAMILY`] — CJK and other wide
/// glyphs 1.0 em, capitals 0.75 em (M, W 0.95), other ASCII 0.62 em (i, l, j, punctuation
/// 0.4 em, m, w 0.95), and a line box of 1.2 em. Canvas draws at the full size and plotters'
/// SVG backend at size ÷ 1.24, so the box covers the drawn text on both.
pub fn text_size(text: &str, font_px: f64) -> (f64, f64) {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            'm' | 'w' | 'M' | 'W' => 0.95,
            'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | ' ' => 0.4,
            c if c.is_ascii_uppercase() => 0.75,
            c if c.is_ascii() => 0.62,
            _ => 1.0,
        })
        .sum();
    (em * font_px, 1.2 * font_px)
}

/// Splits `text` into lines no wider than `max_w` at `font_px` ([`text_size`]): at ` · `
/// first, then at spaces; a single word wider than `max_w` keeps its own line.
pub fn wrap(text: &str, max_w: f64, font_px: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    // Split on the char '·' (a string pattern would add the two-way searcher to the wasm).
    for (k, part) in text.split('·').map(str::trim).enumerate() {
        for (j, word) in part.split(' ').enumerate() {
            let sep = match (k, j) {
                (0, 0) => "",
                (_, 0) => " · ",
                _ => " ",
            };
            match lines.last_mut() {
                Some(l) if text_size(&format!("{l}{sep}{word}"), font_px).0 <= max_w => {
                    l.push_str(sep);
                    l.push_str(word);
                }
                _ => lines.push(word.to_string()),
            }
        }
    }
    lines
}

/// Indices `0..keys.len()` in ascending order of `keys` (ties keep index order): an
/// insertion sort, because each `sort_by` instance adds a whole stable sort to the wasm.
pub fn order_by(keys: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = Vec::with_capacity(keys.len());
    for (i, k) in keys.iter().enumerate() {
        let at = order
            .iter()
            .position(|j| keys.get(*j).is_some_and(|x| x > k))
            .unwrap_or(order.len());
        order.insert(at, i);
    }
    order
}

/// A label to place: its anchor (x, y) and its box size (width, height), device px.
pub type Label = ((f64, f64), (f64, f64));

/// Where a label went.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// The text box.
    pub rect: Rect,
    /// Drawn away from its anchor, with a leader line to it.
    pub leader: bool,
}

/// Places labels greedily in `order`: each takes the first free candidate box around its
/// anchor. `labels` are (anchor, (width, height)); every box must lie inside `bounds` and
/// clear of `obstacles` and of the labels placed before it, and `near_ok(i, centre)` says
/// whether a position touching the anchor reads as label `i`'s (e.g. its centre lies in the
/// label's own district; a point label says no to boxes over its dot). Returns one entry per label,
/// `None` for a label with no free position.
pub fn place(
    labels: &[Label],
    order: &[usize],
    obstacles: &[Rect],
    bounds: Rect,
    gap: f64,
    near_ok: impl Fn(usize, (f64, f64)) -> bool,
) -> Vec<Option<Placement>> {
    // Offsets near the anchor, in units of (half width + gap, half height + gap): on it,
    // half a box to each side, then beside it, above, below and at the corners.
    const NEAR: [(f64, f64); 17] = [
        (0.0, 0.0),
        (0.0, -0.5),
        (0.0, 0.5),
        (0.5, 0.0),
        (-0.5, 0.0),
        (0.0, -1.0),
        (0.0, 1.0),
        (1.0, 0.0),
        (-1.0, 0.0),
        (0.5, -1.0),
        (-0.5, -1.0),
        (0.5, 1.0),
        (-0.5, 1.0),
        (1.0, -1.0),
        (-1.0, -1.0),
        (1.0, 1.0),
        (-1.0, 1.0),
    ];
    // Leader rings: distance beyond the box edge, in label heights; 16 directions each
    // (cos, sin of k × 22.5°, as constants: no libm trigonometry in the map bundle).
    const RINGS: [f64; 7] = [0.6, 1.2, 2.0, 3.0, 4.5, 6.5, 9.0];
    const C1: f64 = 0.923_879_532_511_286_7;
    const C2: f64 = std::f64::consts::FRAC_1_SQRT_2;
    const C3: f64 = 0.382_683_432_365_089_8;
    const DIRS: [(f64, f64); 16] = [
        (1.0, 0.0),
        (C1, C3),
        (C2, C2),
        (C3, C1),
        (0.0, 1.0),
        (-C3, C1),
        (-C2, C2),
        (-C1, C3),
        (-1.0, 0.0),
        (-C1, -C3),
        (-C2, -C2),
        (-C3, -C1),
        (0.0, -1.0),
        (C3, -C1),
        (C2, -C2),
        (C1, -C3),
    ];
    let mut taken: Vec<Rect> = obstacles.to_vec();
    let mut out: Vec<Option<Placement>> = vec![None; labels.len()];
    for &i in order {
        let Some(&((ax, ay), (w, h))) = labels.get(i) else {
            continue;
        };
        let free =
            |r: &Rect, taken: &[Rect]| r.inside(&bounds) && !taken.iter().any(|t| t.intersects(r));
        let near = NEAR.iter().enumerate().find_map(|(k, (u, v))| {
            let c = (ax + u * (0.5 * w + gap), ay + v * (0.5 * h + gap));
            let r = Rect::centred(c.0, c.1, w, h);
            // Off the anchor, a box must not hide another town's anchor either.
            let hides = |j: usize| {
                j != i
                    && labels
                        .get(j)
                        .is_some_and(|((x, y), _)| *x > r.x0 && *x < r.x1 && *y > r.y0 && *y < r.y1)
            };
            let ok = near_ok(i, c) && (k == 0 || !(0..labels.len()).any(hides));
            (ok && free(&r, &taken)).then_some(r)
        });
        let placed = near
            .map(|rect| Placement {
                rect,
                leader: false,
            })
            .or_else(|| {
                RINGS.iter().find_map(|s| {
                    DIRS.iter().find_map(|&(cs, sn)| {
                        let r = Rect::centred(
                            ax + cs * (0.5 * w + s * h),
                            ay + sn * (0.5 * h + s * h),
                            w,
                            h,
                        );
                        let end = r.nearest((ax, ay));
                        // A leader may start under a box that covers its anchor (a
                        // neighbour's label on its own seat), never cross another one.
                        let ok = free(&r, &taken)
                            && !taken
                                .iter()
                                .any(|t| t.hit_by((ax, ay), end) && !t.hit_by((ax, ay), (ax, ay)));
                        ok.then_some(Placement {
                            rect: r,
                            leader: true,
                        })
                    })
                })
            });
        if let Some(p) = placed {
            taken.push(p.rect);
            if p.leader {
                // Keep the leader's anchor dot visible under later labels.
                taken.push(Rect::centred(ax, ay, 0.4 * h, 0.4 * h));
            }
        }
        if let Some(slot) = out.get_mut(i) {
            *slot = placed;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_glyphs_are_wider_and_boxes_scale_with_the_font() {
        let (w1, h1) = text_size("石岐", 20.0);
        assert_eq!((w1, h1), (40.0, 24.0));
        let (w2, _) = text_size("Shiqi", 20.0);
        assert!(w2 > 0.55 * 5.0 * 20.0 * 0.8 && w2 < 5.0 * 20.0);
        assert_eq!(text_size("石岐", 40.0).0, 2.0 * w1);
    }

    #[test]
    fn wrap_breaks_at_dots_then_spaces() {
        let t = "示意图，非行政区划界线 · 轮廓 © Clarmy/cnmetlab (MIT) · 驻地 © OpenStreetMap";
        assert_eq!(wrap(t, 10_000.0, 10.0), vec![t.to_string()]);
        let lines = wrap(t, 300.0, 10.0);
        assert!(lines.len() >= 2);
        assert!(lines.iter().all(|l| text_size(l, 10.0).0 <= 300.0));
        let words = |s: &str| {
            s.split_whitespace()
                .filter(|w| *w != "·")
                .map(String::from)
                .collect::<Vec<_>>()
        };
        assert_eq!(words(&lines.join(" ")), words(t));
    }

    #[test]
    fn crowded_anchors_get_disjoint_boxes_or_are_left_out() {
        // Twelve labels on nearly the same point, one obstacle over part of the area.
        let labels: Vec<_> = (0..12)
            .map(|i| {
                (
                    (200.0 + 6.0 * f64::from(i), 120.0 + 5.0 * f64::from(i)),
                    (60.0, 20.0),
                )
            })
            .collect();
        let order: Vec<usize> = (0..12).collect();
        let obstacle = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 120.0,
            y1: 300.0,
        };
        let bounds = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 400.0,
            y1: 300.0,
        };
        let p = place(&labels, &order, &[obstacle], bounds, 2.0, |_, _| true);
        let placed: Vec<Placement> = p.iter().flatten().copied().collect();
        assert!(placed.len() >= 10, "{}", placed.len());
        for (a, x) in placed.iter().enumerate() {
            assert!(x.rect.inside(&bounds) && !x.rect.intersects(&obstacle));
            for y in placed.iter().skip(a + 1) {
                assert!(!x.rect.intersects(&y.rect), "{x:?} {y:?}");
            }
        }
        assert!(!p[0].unwrap().leader && placed.iter().any(|x| x.leader));
        // Deterministic.
        assert_eq!(
            p,
            place(&labels, &order, &[obstacle], bounds, 2.0, |_, _| true)
        );
    }
}
