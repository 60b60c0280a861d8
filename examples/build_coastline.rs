//! Regenerates `data/coastline_prd.json` (the regional coastline) from Natural Earth 1:10m
//! land in the npm package `world-atlas` 2.0.2 (TopoJSON; data public domain, package ISC).
//!
//! ```text
//! npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
//! cargo run --release --example build_coastline -- package/land-10m.json
//! ```
//!
//! Processing: decode the TopoJSON arcs (delta-encoded, quantized: `transform`), assemble
//! each polygon's rings from its arcs (a negative index `!i` = arc i reversed, the shared
//! point dropped), clip every ring to the region box (Sutherland–Hodgman against the four
//! edges), round to 0.001° and drop repeated points and rings under 3 points. Holes
//! (inner rings) are kept as rings: the map fills with the even–odd rule.

use zs_risk_map::map::coastline::{COORD_UNIT_DEG, REGION_BBOX};

type Pt = (f64, f64);

fn arc_points(arcs: &[Vec<Pt>], idx: i64) -> Vec<Pt> {
    if idx >= 0 {
        arcs[idx as usize].clone()
    } else {
        let mut v = arcs[(!idx) as usize].clone();
        v.reverse();
        v
    }
}

fn clip(ring: &[Pt], [x0, y0, x1, y1]: [f64; 4]) -> Vec<Pt> {
    let mut out: Vec<Pt> = ring.to_vec();
    // (inside test, intersection) for each box edge.
    type Edge = (Box<dyn Fn(Pt) -> bool>, Box<dyn Fn(Pt, Pt) -> Pt>);
    let edges: Vec<Edge> = vec![
        (
            Box::new(move |p: Pt| p.0 >= x0),
            Box::new(move |a: Pt, b: Pt| (x0, a.1 + (x0 - a.0) / (b.0 - a.0) * (b.1 - a.1))),
        ),
        (
            Box::new(move |p: Pt| p.0 <= x1),
            Box::new(move |a: Pt, b: Pt| (x1, a.1 + (x1 - a.0) / (b.0 - a.0) * (b.1 - a.1))),
        ),
        (
            Box::new(move |p: Pt| p.1 >= y0),
            Box::new(move |a: Pt, b: Pt| (a.0 + (y0 - a.1) / (b.1 - a.1) * (b.0 - a.0), y0)),
        ),
        (
            Box::new(move |p: Pt| p.1 <= y1),
            Box::new(move |a: Pt, b: Pt| (a.0 + (y1 - a.1) / (b.1 - a.1) * (b.0 - a.0), y1)),
        ),
    ];
    for (inside, cut) in &edges {
        let input = std::mem::take(&mut out);
        let n = input.len();
        for i in 0..n {
            let (a, b) = (input[(i + n - 1) % n], input[i]);
            match (inside(a), inside(b)) {
                (true, true) => out.push(b),
                (true, false) => out.push(cut(a, b)),
                (false, true) => {
                    out.push(cut(a, b));
                    out.push(b);
                }
                (false, false) => {}
            }
        }
        if out.is_empty() {
            break;
        }
    }
    out
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "node_modules/world-atlas/land-10m.json".into());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let topo: serde_json::Value = serde_json::from_str(&text).expect("TopoJSON");
    let t = &topo["transform"];
    let (sx, sy) = (
        t["scale"][0].as_f64().unwrap(),
        t["scale"][1].as_f64().unwrap(),
    );
    let (tx, ty) = (
        t["translate"][0].as_f64().unwrap(),
        t["translate"][1].as_f64().unwrap(),
    );
    let arcs: Vec<Vec<Pt>> = topo["arcs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0i64, 0i64);
            arc.as_array()
                .unwrap()
                .iter()
                .map(|d| {
                    x += d[0].as_i64().unwrap();
                    y += d[1].as_i64().unwrap();
                    (x as f64 * sx + tx, y as f64 * sy + ty)
                })
                .collect()
        })
        .collect();
    let bbox = REGION_BBOX;
    let mut rings_out: Vec<Vec<i64>> = Vec::new();
    for g in topo["objects"]["land"]["geometries"].as_array().unwrap() {
        let polys: Vec<&serde_json::Value> = match g["type"].as_str() {
            Some("Polygon") => vec![&g["arcs"]],
            Some("MultiPolygon") => g["arcs"].as_array().unwrap().iter().collect(),
            _ => continue,
        };
        for poly in polys {
            for ring_arcs in poly.as_array().unwrap() {
                let mut ring: Vec<Pt> = Vec::new();
                for a in ring_arcs.as_array().unwrap() {
                    let pts = arc_points(&arcs, a.as_i64().unwrap());
                    let skip = usize::from(!ring.is_empty());
                    ring.extend(pts.into_iter().skip(skip));
                }
                // Quick reject by bounding box.
                let (mut a0, mut b0, mut a1, mut b1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
                for p in &ring {
                    a0 = a0.min(p.0);
                    b0 = b0.min(p.1);
                    a1 = a1.max(p.0);
                    b1 = b1.max(p.1);
                }
                if a1 < bbox[0] || a0 > bbox[2] || b1 < bbox[1] || b0 > bbox[3] {
                    continue;
                }
                let clipped = clip(&ring, bbox);
                let mut flat: Vec<i64> = Vec::new();
                let mut last = None;
                for (x, y) in clipped {
                    let q = (
                        (x / COORD_UNIT_DEG).round() as i64,
                        (y / COORD_UNIT_DEG).round() as i64,
                    );
                    if last != Some(q) {
                        flat.extend([q.0, q.1]);
                        last = Some(q);
                    }
                }
                if flat.len() >= 2 && flat[..2] == flat[flat.len() - 2..] {
                    flat.truncate(flat.len() - 2);
                }
                if flat.len() >= 6 {
                    rings_out.push(flat);
                }
            }
        }
    }
    let points: usize = rings_out.iter().map(|r| r.len() / 2).sum();
    let rings_json: Vec<String> = rings_out
        .iter()
        .map(|r| {
            format!(
                "[{}]",
                r.iter()
                    .map(|v| v.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            )
        })
        .collect();
    let out = format!(
        "{{\"bbox\":[{},{},{},{}],\"unit_deg\":{},\"source\":\"Natural Earth 1:10m land (v4.1 via npm world-atlas 2.0.2, land-10m.json), clipped to the box by examples/build_coastline.rs\",\"licence\":\"public domain (Natural Earth); package ISC (c) Michael Bostock\",\"rings\":[\n{}\n]}}\n",
        bbox[0], bbox[1], bbox[2], bbox[3], COORD_UNIT_DEG,
        rings_json.join(",\n")
    );
    std::fs::write("data/coastline_prd.json", &out).expect("write data/coastline_prd.json");
    println!(
        "data/coastline_prd.json: {} rings, {points} points, {} bytes",
        rings_out.len(),
        out.len()
    );
}
