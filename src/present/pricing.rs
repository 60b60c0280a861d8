//! Presentation of the pricing view (filled in by the present/ split, issue 10).
