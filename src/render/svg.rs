//! SVG output of [`draw_map`](super::draw_map): examples, snapshot tests and "download SVG".
//!
//! Natively, plotters estimates text width from byte length (CJK measures ~3× too wide), so
//! labels are anchored at their centre, never fitted into boxes.

use plotters::backend::SVGBackend;
use plotters::drawing::IntoDrawingArea;

use std::borrow::Cow;

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
    svg_document(width, height, |root| {
        draw_map(root, layer, painted, view, 1.0)
    })
}

/// The one way the crate makes an SVG document: `draw` on a `width × height` px plotters SVG
/// area at dpr 1, presented, then made XML-safe by [`xml_text`] (so no exported SVG — map,
/// regional map — can carry a control character). Returns the document and what `draw` returns.
///
/// # Errors
/// `draw`'s error, or [`crate::Error::Render`] when presenting fails.
pub fn svg_document<T>(
    width: u32,
    height: u32,
    draw: impl FnOnce(
        &plotters::drawing::DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    ) -> Result<T>,
) -> Result<(String, T)> {
    let mut out = String::new();
    let value = {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        let v = draw(&root)?;
        root.present()
            .map_err(|e| crate::Error::Render(format!("{e:?}")))?;
        v
    };
    Ok((xml_text(&out).into_owned(), value))
}

/// Text made safe for an XML document (the render module's one escaping step after plotters'
/// own `&<>"'` escaping): drops control characters — C0 except tab and line feed, DEL, C1 —
/// and the non-characters U+FFFE/U+FFFF, none of which XML 1.0 allows or a label needs. A NUL
/// in a district name would otherwise make the exported SVG unreadable (docs/robustness.md §2).
///
/// ```
/// use zs_risk_map::render::svg::xml_text;
/// assert_eq!(xml_text("古镇\u{0}镇\u{1b}\u{85}"), "古镇镇");
/// assert_eq!(xml_text("<text>\n</text>"), "<text>\n</text>");
/// ```
pub fn xml_text(s: &str) -> Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && c != '\t' && c != '\n') || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    if s.contains(bad) {
        Cow::Owned(s.chars().filter(|c| !bad(*c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}
