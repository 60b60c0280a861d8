//! Regenerates the shipped schematic town layer (示意图), `data/zhongshan_schematic.geojson`.
//!
//! `cargo run --release --example build_schematic` — Voronoi cells of the 23 town seats
//! (towns.csv) clipped to the MIT city outline converted from GCJ-02 to WGS-84. Prints the
//! tiling figures (cell areas vs the outline). See `zs_risk_map::map::schematic`.

use geo::Area;
use zs_risk_map::map::{projection::LocalEquirect, schematic, towns};

fn main() {
    let towns = towns::town_facts();
    let outline = schematic::outline_wgs84();
    let cells = schematic::build_cells(&towns, &outline);
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/zhongshan_schematic.geojson"
    );
    std::fs::write(path, schematic::schematic_geojson(&towns, &cells)).expect("write schematic");
    let proj = LocalEquirect::new(schematic::CENTRE.0, schematic::CENTRE.1);
    let km2 = |mp: &geo::MultiPolygon<f64>| {
        schematic::map_coords(mp, |c| {
            let (x, y) = proj.forward(c.x, c.y);
            geo::Coord { x, y }
        })
        .unsigned_area()
    };
    println!(
        "{:<10} {:<8} {:>9} {:>11}",
        "code", "town", "cell_km2", "fact_km2"
    );
    let mut sum = 0.0;
    for (t, c) in towns.iter().zip(&cells) {
        let a = km2(c);
        sum += a;
        println!(
            "{:<10} {:<8} {:>9.1} {:>11.1}",
            t.code, t.name_zh, a, t.numbers["area_km2"]
        );
    }
    let outline_km2 = km2(&outline);
    println!(
        "sum of cells {sum:.2} km², outline {outline_km2:.2} km², diff {:.4} %",
        (sum / outline_km2 - 1.0) * 100.0
    );
    println!("wrote {path}");
}
