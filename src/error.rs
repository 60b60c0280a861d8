//! The crate's one error type (错误) with stable codes.
//!
//! Messages may change between versions; codes may not: the widget looks up its UI text by
//! [`Error::code`], and JS callers branch on `err.code`.

/// Every failure the crate reports. Each variant carries a human-readable message that names
/// the offending field or feature and the problem.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Input is not valid JSON (message includes line and column).
    #[error("not valid JSON: {0}")]
    NotJson(String),
    /// A GeoJSON feature or geometry is unusable (wrong type, open ring, bad coordinates…).
    #[error("invalid geometry: {0}")]
    InvalidGeometry(String),
    /// A coordinate reference system other than WGS-84 / GCJ-02 was declared.
    #[error("unsupported coordinate system: {0}")]
    UnsupportedCrs(String),
    /// A typhoon track (台风路径) failed validation.
    #[error("invalid track: {0}")]
    InvalidTrack(String),
    /// A district code is not in the loaded layer.
    #[error("unknown district: {0}")]
    UnknownDistrict(String),
    /// A payout tier table (赔付档次) is not monotone or otherwise malformed.
    #[error("invalid tiers: {0}")]
    InvalidTiers(String),
    /// A catastrophe-index policy (巨灾指数保单) failed validation.
    #[error("invalid policy: {0}")]
    InvalidPolicy(String),
    /// A premium rule set (费率规则) failed validation.
    #[error("invalid rule set: {0}")]
    InvalidRuleSet(String),
    /// Any other input problem (a field out of range, a missing value, a bad CSV row…).
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// Drawing failed (backend error).
    #[error("render failed: {0}")]
    Render(String),
    /// A previous panic left the module in an unknown state; reload it.
    #[error("the module panicked earlier and must be reloaded")]
    Poisoned,
}

impl Error {
    /// The stable machine-readable code, e.g. `"INVALID_GEOMETRY"`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotJson(_) => "NOT_JSON",
            Error::InvalidGeometry(_) => "INVALID_GEOMETRY",
            Error::UnsupportedCrs(_) => "UNSUPPORTED_CRS",
            Error::InvalidTrack(_) => "INVALID_TRACK",
            Error::UnknownDistrict(_) => "UNKNOWN_DISTRICT",
            Error::InvalidTiers(_) => "INVALID_TIERS",
            Error::InvalidPolicy(_) => "INVALID_POLICY",
            Error::InvalidRuleSet(_) => "INVALID_RULE_SET",
            Error::InvalidInput(_) => "INVALID_INPUT",
            Error::Render(_) => "RENDER_FAILED",
            Error::Poisoned => "POISONED",
        }
    }
}

/// `Result` with the crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_and_messages_name_the_problem() {
        let e = Error::InvalidGeometry("feature 3 (code 442000001): ring 0 is not closed".into());
        assert_eq!(e.code(), "INVALID_GEOMETRY");
        assert!(e.to_string().contains("feature 3"));
        assert_eq!(Error::Poisoned.code(), "POISONED");
    }
}
