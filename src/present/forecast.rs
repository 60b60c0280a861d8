//! Presentation of the forecast view (filled in by the present/ split, issue 10).
