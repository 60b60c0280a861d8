//! Presentation of the premium view (filled in by the present/ split, issue 10).
