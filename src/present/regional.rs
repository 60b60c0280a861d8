//! Presentation of the regional view (filled in by the present/ split, issue 10).
