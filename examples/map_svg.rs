//! Renders the built-in schematic map to SVG, one file per risk layer.
//!
//! `cargo run --example map_svg [-- --lang en] [--geojson FILE [--gcj02]]` writes
//! `target/map-<layer>.svg` and prints the paths: the native twin of the widget, for slides
//! and for checking a layout without a browser. With `--geojson` it draws that file instead
//! (e.g. `../shared/data/zhongshan_towns_osm.geojson`, © OpenStreetMap contributors, ODbL).

use zs_risk_map::layers::{builtin_layers, PaintedLayer};
use zs_risk_map::map::crs::Crs;
use zs_risk_map::map::geojson::{parse_layer, LoadOptions};
use zs_risk_map::map::DistrictLayer;
use zs_risk_map::render::{svg::to_svg_string, Lang, MapView};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lang = if args.iter().any(|a| a == "en") {
        Lang::En
    } else {
        Lang::Zh
    };
    let layer = match args.iter().position(|a| a == "--geojson") {
        Some(i) => {
            let path = args.get(i + 1).expect("--geojson needs a file");
            let text = std::fs::read_to_string(path).expect("read GeoJSON");
            let crs = if args.iter().any(|a| a == "--gcj02") {
                Crs::Gcj02
            } else {
                Crs::Wgs84
            };
            parse_layer(
                &text,
                &LoadOptions {
                    crs,
                    attribution: None,
                },
            )
            .unwrap_or_else(|e| {
                eprintln!("error [{}]: {e}", e.code());
                std::process::exit(2)
            })
        }
        None => DistrictLayer::builtin(),
    };
    for spec in builtin_layers() {
        let painted = PaintedLayer::paint(&spec, &layer);
        let view = MapView {
            lang,
            title: match lang {
                Lang::Zh => format!("中山市镇街 · {}", spec.title_zh),
                Lang::En => format!("Zhongshan towns · {}", spec.title_en),
            },
            labels: true,
            type_scale: 1.0,
            furniture: true,
            ..MapView::default()
        };
        let (svg, _) = to_svg_string(&layer, &painted, &view, 1200, 800).expect("render");
        let path = format!("{}/target/map-{}.svg", env!("CARGO_MANIFEST_DIR"), spec.id);
        std::fs::write(&path, svg).expect("write svg");
        println!("{path}");
    }
}
