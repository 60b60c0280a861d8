//! The crate's one error type (错误) with stable codes.
//!
//! Messages may change between versions; codes may not: the widget looks up its UI text by
//! [`Error::code`], and JS callers branch on `err.code`.
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used
    )
)]

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
    /// A problem with one named input field (输入项), in both languages: a number outside its
    /// documented domain range or one that would overflow (`OUT_OF_RANGE`), an input over its
    /// size limit refused before allocation (`TOO_LARGE`), or any other bad value
    /// (`INVALID_INPUT`). The widget highlights [`FieldError::field`] and shows the message in
    /// the user's language.
    #[error("{}: {}", .0.field, .0.en)]
    Field(Box<FieldError>),
}

/// What is wrong with a field; decides the stable code of [`Error::Field`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldProblem {
    /// Outside the field's documented range, or the arithmetic it feeds would overflow.
    OutOfRange,
    /// Larger than the input's size limit (bytes, rows, points, years, cells…).
    TooLarge,
    /// Any other bad value (wrong type, not a number, unknown option…).
    Invalid,
}

/// One field's problem: which field (a stable id such as `enterprise.headcount` or
/// `policy.tiers[2].min_ms`, which the UI maps to its form control), and the message in
/// Chinese and English, each naming the field as the user sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// What kind of problem.
    pub problem: FieldProblem,
    /// Stable field id / path.
    pub field: String,
    /// Message in Chinese (zh-CN), naming the field by its form label.
    pub zh: String,
    /// Message in English.
    pub en: String,
}

impl Error {
    /// A field outside its range (`OUT_OF_RANGE`).
    pub fn out_of_range(
        field: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Error {
        Error::field(FieldProblem::OutOfRange, field, zh, en)
    }
    /// An input over its size limit (`TOO_LARGE`).
    pub fn too_large(
        field: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Error {
        Error::field(FieldProblem::TooLarge, field, zh, en)
    }
    /// Any other bad field value (`INVALID_INPUT`, with the field named).
    pub fn invalid_field(
        field: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Error {
        Error::field(FieldProblem::Invalid, field, zh, en)
    }
    fn field(
        problem: FieldProblem,
        field: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Error {
        Error::Field(Box::new(FieldError {
            problem,
            field: field.into(),
            zh: zh.into(),
            en: en.into(),
        }))
    }
    /// The field id of a [`Error::Field`], else `None`.
    pub fn field_id(&self) -> Option<&str> {
        match self {
            Error::Field(f) => Some(&f.field),
            _ => None,
        }
    }
    /// The message in Chinese where the error has one ([`Error::Field`]); otherwise the
    /// English text (the widget then falls back to its own text for [`Error::code`]).
    pub fn message_zh(&self) -> String {
        match self {
            Error::Field(f) => f.zh.clone(),
            other => other.to_string(),
        }
    }
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
            Error::Field(f) => match f.problem {
                FieldProblem::OutOfRange => "OUT_OF_RANGE",
                FieldProblem::TooLarge => "TOO_LARGE",
                FieldProblem::Invalid => "INVALID_INPUT",
            },
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

    #[test]
    fn field_errors_carry_field_and_both_languages() {
        let e = Error::out_of_range(
            "enterprise.headcount",
            "从业人数须在 0 至 1,000,000 之间",
            "headcount must be 0…1,000,000",
        );
        assert_eq!(
            (e.code(), e.field_id()),
            ("OUT_OF_RANGE", Some("enterprise.headcount"))
        );
        assert_eq!(
            e.to_string(),
            "enterprise.headcount: headcount must be 0…1,000,000"
        );
        assert!(e.message_zh().contains("从业人数"));
        assert_eq!(
            Error::too_large("csv", "太大", "too big").code(),
            "TOO_LARGE"
        );
        assert_eq!(
            Error::invalid_field("x", "错", "bad").code(),
            "INVALID_INPUT"
        );
        assert_eq!(Error::Poisoned.field_id(), None);
    }
}
