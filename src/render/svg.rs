//! SVG output of [`draw_map`](super::draw_map): examples, snapshot tests and "download SVG".
//!
//! Natively, plotters estimates text width from byte length (CJK measures ~3× too wide), so
//! labels are anchored at their centre, never fitted into boxes.

use plotters::backend::SVGBackend;
use plotters::drawing::IntoDrawingArea;

use super::{draw_map, MapView, ScreenMap};
use crate::layers::PaintedLayer;
use crate::map::DistrictLayer;
use crate::Result;

/// Renders the map to an SVG document of `width × height` CSS px (drawn at dpr 1).
///
/// # Errors
/// [`crate::Error::Render`] when drawing fails.
pub fn to_svg_string(
    layer: &DistrictLayer,
    painted: &PaintedLayer,
    view: &MapView,
    width: u32,
    height: u32,
) -> Result<(String, ScreenMap)> {
    let mut out = String::new();
    let screen = {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        let s = draw_map(&root, layer, painted, view, 1.0)?;
        root.present()
            .map_err(|e| crate::Error::Render(format!("{e:?}")))?;
        s
    };
    Ok((out, screen))
}
