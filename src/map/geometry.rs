//! Small geometry helpers written for size: geo's general `Contains` / `InteriorPoint` on
//! multipolygons go through its `Relate` machinery, which added ~75 KB to the wasm build for
//! what a 23-polygon hit-test and a label point need.

use geo::{Coord, LineString, MultiPolygon, Point};

/// Even–odd point-in-polygon over every ring (exterior and holes) of a multipolygon.
/// A point exactly on an edge may fall either way, which is fine for a pointer.
pub fn contains_point(mp: &MultiPolygon<f64>, p: Coord<f64>) -> bool {
    let mut inside = false;
    for_each_ring(mp, |ring| {
        let pts = &ring.0;
        if pts.len() < 3 {
            return;
        }
        // Each edge (previous vertex, vertex), starting with the closing edge (last, first).
        let prevs = pts.iter().rev().take(1).chain(pts.iter());
        for (&b, &a) in prevs.zip(pts.iter()) {
            if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
                inside = !inside;
            }
        }
    });
    inside
}

fn for_each_ring(mp: &MultiPolygon<f64>, mut f: impl FnMut(&LineString<f64>)) {
    for poly in &mp.0 {
        f(poly.exterior());
        for hole in poly.interiors() {
            f(hole);
        }
    }
}

/// A point guaranteed inside a non-degenerate multipolygon: the midpoint of the widest
/// inside segment of the horizontal line through the middle of the largest part's bounding
/// box (the scan-line method). `None` for an empty or degenerate shape.
pub fn interior_point(mp: &MultiPolygon<f64>) -> Option<Point<f64>> {
    let largest =
        mp.0.iter()
            .max_by(|a, b| bbox_area(a.exterior()).total_cmp(&bbox_area(b.exterior())))?;
    let (y0, y1) = largest
        .exterior()
        .0
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), c| {
            (lo.min(c.y), hi.max(c.y))
        });
    if y0.is_nan() || y1.is_nan() || y1 <= y0 {
        return None;
    }
    let y = (y0 + y1) / 2.0;
    let mut xs = Vec::new();
    let one = MultiPolygon(vec![largest.clone()]);
    for_each_ring(&one, |ring| {
        for (&a, &b) in ring.0.iter().zip(ring.0.iter().skip(1)) {
            if (a.y > y) != (b.y > y) {
                xs.push(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y));
            }
        }
    });
    xs.sort_by(f64::total_cmp);
    // Consecutive crossings (x0, x1), (x2, x3)… bound the inside segments.
    xs.chunks_exact(2)
        .filter_map(|s| match s {
            [a, b] => Some((*a, *b)),
            _ => None,
        })
        .max_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)))
        .map(|(a, b)| Point::new((a + b) / 2.0, y))
}

fn bbox_area(ring: &LineString<f64>) -> f64 {
    let (mut x0, mut y0, mut x1, mut y1) = (
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    );
    for c in &ring.0 {
        x0 = x0.min(c.x);
        y0 = y0.min(c.y);
        x1 = x1.max(c.x);
        y1 = y1.max(c.y);
    }
    ((x1 - x0) * (y1 - y0)).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{polygon, Polygon};

    fn u_shape() -> MultiPolygon<f64> {
        // A "U": the bbox centre (1.5, 1.5) is outside the shape.
        let p: Polygon<f64> = polygon![(x: 0.0, y: 0.0), (x: 3.0, y: 0.0), (x: 3.0, y: 3.0), (x: 2.0, y: 3.0),
            (x: 2.0, y: 1.0), (x: 1.0, y: 1.0), (x: 1.0, y: 3.0), (x: 0.0, y: 3.0), (x: 0.0, y: 0.0)];
        MultiPolygon(vec![p])
    }

    #[test]
    fn contains_point_handles_concave_shapes_and_holes() {
        let u = u_shape();
        assert!(contains_point(&u, Coord { x: 0.5, y: 2.0 }));
        assert!(!contains_point(&u, Coord { x: 1.5, y: 2.0 }));
        assert!(!contains_point(&u, Coord { x: 4.0, y: 0.5 }));
        let with_hole = MultiPolygon(vec![Polygon::new(
            LineString::from(vec![
                (0.0, 0.0),
                (4.0, 0.0),
                (4.0, 4.0),
                (0.0, 4.0),
                (0.0, 0.0),
            ]),
            vec![LineString::from(vec![
                (1.0, 1.0),
                (3.0, 1.0),
                (3.0, 3.0),
                (1.0, 3.0),
                (1.0, 1.0),
            ])],
        )]);
        assert!(!contains_point(&with_hole, Coord { x: 2.0, y: 2.0 }));
        assert!(contains_point(&with_hole, Coord { x: 0.5, y: 2.0 }));
    }

    #[test]
    fn interior_point_is_inside_even_when_the_centre_is_not() {
        let u = u_shape();
        let p = interior_point(&u).unwrap();
        assert!(contains_point(&u, p.0), "{p:?}");
    }
}
