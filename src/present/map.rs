//! Presentation of the map view (filled in by the present/ split, issue 10).
