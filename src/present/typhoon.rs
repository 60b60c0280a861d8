//! Presentation of the typhoon view (filled in by the present/ split, issue 10).
