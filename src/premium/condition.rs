//! Conditions (适用条件) of factor options and post-multipliers, and bands with explicit
//! closedness (区间端点是否包含).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::enterprise::{AccidentGrade, Enterprise};
use crate::money::parse_decimal;
use crate::{Error, Result};

/// A numeric band as JSON: give at most one lower edge (`ge` ≥ inclusive, `gt` > exclusive)
/// and at most one upper edge (`le` ≤ inclusive, `lt` < exclusive). Chinese tables differ:
/// 493号令 "以上" includes the figure and "以下" excludes it; 山东/湖南 mark "(含)" on the upper
/// edge — so every band states its own closedness.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandInput {
    /// Band id (used as a table key), e.g. `"500-3000万"`.
    #[serde(default)]
    pub id: String,
    /// Lower edge, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ge: Option<String>,
    /// Lower edge, exclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gt: Option<String>,
    /// Upper edge, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub le: Option<String>,
    /// Upper edge, exclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lt: Option<String>,
}

/// A validated band: `lower`/`upper` with their closedness; `None` is unbounded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Band {
    /// Band id.
    pub id: String,
    /// Lower edge and whether it is included.
    pub lower: Option<(Decimal, bool)>,
    /// Upper edge and whether it is included.
    pub upper: Option<(Decimal, bool)>,
}

impl Band {
    /// Validates a [`BandInput`]; `at` names the place in the rule set for errors.
    ///
    /// # Errors
    /// [`Error::InvalidRuleSet`] when both `ge` and `gt` (or `le` and `lt`) are given, a
    /// number is malformed, or the band is empty.
    pub fn from_input(at: &str, b: &BandInput) -> Result<Band> {
        let num = |k: &str, s: &String| {
            parse_decimal(&format!("{at}.{k}"), s).map_err(|e| match e {
                Error::InvalidInput(m) => Error::InvalidRuleSet(m),
                other => other,
            })
        };
        let lower = match (&b.ge, &b.gt) {
            (Some(_), Some(_)) => {
                return Err(Error::InvalidRuleSet(format!(
                    "{at}: give either 'ge' (inclusive) or 'gt' (exclusive) for the lower edge, not both"
                )))
            }
            (Some(v), None) => Some((num("ge", v)?, true)),
            (None, Some(v)) => Some((num("gt", v)?, false)),
            (None, None) => None,
        };
        let upper = match (&b.le, &b.lt) {
            (Some(_), Some(_)) => {
                return Err(Error::InvalidRuleSet(format!(
                    "{at}: give either 'le' (inclusive) or 'lt' (exclusive) for the upper edge, not both"
                )))
            }
            (Some(v), None) => Some((num("le", v)?, true)),
            (None, Some(v)) => Some((num("lt", v)?, false)),
            (None, None) => None,
        };
        if let (Some((lo, lc)), Some((hi, hc))) = (lower, upper) {
            if lo > hi || (lo == hi && !(lc && hc)) {
                return Err(Error::InvalidRuleSet(format!(
                    "{at}: band is empty (lower {lo} above or at upper {hi})"
                )));
            }
        }
        Ok(Band {
            id: b.id.clone(),
            lower,
            upper,
        })
    }

    /// Whether `x` lies in the band, honouring each edge's closedness.
    pub fn contains(&self, x: Decimal) -> bool {
        let lo_ok = match self.lower {
            None => true,
            Some((lo, true)) => x >= lo,
            Some((lo, false)) => x > lo,
        };
        let hi_ok = match self.upper {
            None => true,
            Some((hi, true)) => x <= hi,
            Some((hi, false)) => x < hi,
        };
        lo_ok && hi_ok
    }

    /// Human-readable interval, e.g. `(5000000, 30000000]`.
    pub fn interval(&self) -> String {
        let lo = match self.lower {
            None => "(−∞".to_string(),
            Some((v, true)) => format!("[{v}"),
            Some((v, false)) => format!("({v}"),
        };
        let hi = match self.upper {
            None => "+∞)".to_string(),
            Some((v, true)) => format!("{v}]"),
            Some((v, false)) => format!("{v})"),
        };
        format!("{lo}, {hi}")
    }
}

/// Checks that bands (in any order) tile a range without gap or overlap: at each shared edge
/// exactly one side includes the figure.
pub(crate) fn check_tiling(at: &str, bands: &[Band]) -> Result<()> {
    let mut sorted: Vec<&Band> = bands.iter().collect();
    sorted.sort_by(|a, b| match (a.lower, b.lower) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, _) => std::cmp::Ordering::Less,
        (_, None) => std::cmp::Ordering::Greater,
        (Some((x, xc)), Some((y, yc))) => x.cmp(&y).then(yc.cmp(&xc)),
    });
    for w in sorted.windows(2) {
        let [a, b] = w else { continue };
        match (a.upper, b.lower) {
            (Some((hi, hc)), Some((lo, lc))) => {
                if hi != lo {
                    let what = if hi < lo { "gap" } else { "overlap" };
                    return Err(Error::InvalidRuleSet(format!(
                        "{at}: {what} between bands '{}' {} and '{}' {}",
                        a.id,
                        a.interval(),
                        b.id,
                        b.interval()
                    )));
                }
                if hc == lc {
                    let what = if hc {
                        "both include"
                    } else {
                        "neither includes"
                    };
                    return Err(Error::InvalidRuleSet(format!(
                        "{at}: bands '{}' and '{}' {what} the shared edge {hi}",
                        a.id, b.id
                    )));
                }
            }
            _ => {
                return Err(Error::InvalidRuleSet(format!(
                    "{at}: overlap between bands '{}' {} and '{}' {}",
                    a.id,
                    a.interval(),
                    b.id,
                    b.interval()
                )))
            }
        }
    }
    Ok(())
}

/// Enterprise fields a condition or a base-table dimension may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `sector` (text).
    Sector,
    /// `town_code` (text).
    TownCode,
    /// `risk_class` (text).
    RiskClass,
    /// `credit_rating` (text).
    CreditRating,
    /// `standardisation_grade` (`level1`…`none`).
    StandardisationGrade,
    /// `honours` (`none`, `city`, `province`).
    Honours,
    /// `headcount` (number).
    Headcount,
    /// `per_person_limit` (元).
    PerPersonLimit,
    /// `aggregate_limit` (元).
    AggregateLimit,
    /// `project_cost` (元).
    ProjectCost,
    /// `revenue` (元).
    Revenue,
    /// `payroll` (元).
    Payroll,
    /// `claims_ratio` (支缴率).
    ClaimsRatio,
    /// `risk_management_discount` (ratio; a user parameter).
    RiskManagementDiscount,
    /// `work_injuries_last_year` (count).
    WorkInjuriesLastYear,
    /// `hidden_dangers.found`.
    HiddenDangersFound,
    /// `hidden_dangers.rectified`.
    HiddenDangersRectified,
    /// `hidden_dangers.major_unrectified`.
    MajorHiddenDangersUnrectified,
    /// `insured` (bool).
    Insured,
    /// `first_policy` (bool).
    FirstPolicy,
    /// `blacklisted` (bool).
    Blacklisted,
    /// `prevention_service_received` (bool).
    PreventionServiceReceived,
}

/// The kind of value a [`Field`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Text (compared by equality).
    Text,
    /// Decimal number (compared with bands).
    Number,
    /// Yes/no.
    Bool,
}

/// A field's current value on an enterprise.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue<'a> {
    /// Text value.
    Text(&'a str),
    /// Number value.
    Number(Decimal),
    /// Bool value.
    Bool(bool),
    /// Not given.
    Missing,
}

const FIELDS: &[(&str, Field, FieldKind)] = &[
    ("sector", Field::Sector, FieldKind::Text),
    ("town_code", Field::TownCode, FieldKind::Text),
    ("risk_class", Field::RiskClass, FieldKind::Text),
    ("credit_rating", Field::CreditRating, FieldKind::Text),
    (
        "standardisation_grade",
        Field::StandardisationGrade,
        FieldKind::Text,
    ),
    ("honours", Field::Honours, FieldKind::Text),
    ("headcount", Field::Headcount, FieldKind::Number),
    ("per_person_limit", Field::PerPersonLimit, FieldKind::Number),
    ("aggregate_limit", Field::AggregateLimit, FieldKind::Number),
    ("project_cost", Field::ProjectCost, FieldKind::Number),
    ("revenue", Field::Revenue, FieldKind::Number),
    ("payroll", Field::Payroll, FieldKind::Number),
    ("claims_ratio", Field::ClaimsRatio, FieldKind::Number),
    (
        "risk_management_discount",
        Field::RiskManagementDiscount,
        FieldKind::Number,
    ),
    (
        "work_injuries_last_year",
        Field::WorkInjuriesLastYear,
        FieldKind::Number,
    ),
    (
        "hidden_dangers.found",
        Field::HiddenDangersFound,
        FieldKind::Number,
    ),
    (
        "hidden_dangers.rectified",
        Field::HiddenDangersRectified,
        FieldKind::Number,
    ),
    (
        "hidden_dangers.major_unrectified",
        Field::MajorHiddenDangersUnrectified,
        FieldKind::Number,
    ),
    ("insured", Field::Insured, FieldKind::Bool),
    ("first_policy", Field::FirstPolicy, FieldKind::Bool),
    ("blacklisted", Field::Blacklisted, FieldKind::Bool),
    (
        "prevention_service_received",
        Field::PreventionServiceReceived,
        FieldKind::Bool,
    ),
];

impl Field {
    /// Parses a field name; `at` names the place for errors.
    ///
    /// # Errors
    /// [`Error::InvalidRuleSet`] listing the known names.
    pub fn parse(at: &str, name: &str) -> Result<(Field, FieldKind)> {
        FIELDS
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, f, k)| (*f, *k))
            .ok_or_else(|| {
                let known: Vec<&str> = FIELDS.iter().map(|(n, _, _)| *n).collect();
                Error::InvalidRuleSet(format!(
                    "{at}: unknown enterprise field '{name}' (known: {})",
                    known.join(", ")
                ))
            })
    }

    /// The field's name as written in rule sets and enterprise JSON.
    pub fn name(self) -> &'static str {
        FIELDS
            .iter()
            .find(|(_, f, _)| *f == self)
            .map(|(n, _, _)| *n)
            .unwrap_or("?")
    }

    /// The field's path in enterprise JSON as an error field id (`enterprise.project_cost`).
    pub fn path(self) -> String {
        format!("enterprise.{}", self.name())
    }

    /// The field as the form labels it (for messages).
    pub fn label(self) -> super::input::Label {
        use super::enterprise::ranges as r;
        match self {
            Field::Sector => r::SECTOR,
            Field::TownCode => r::TOWN,
            Field::RiskClass => r::RISK_CLASS,
            Field::CreditRating => r::CREDIT,
            Field::StandardisationGrade => r::STANDARDISATION,
            Field::Honours => r::HONOURS,
            Field::Headcount => r::HEADCOUNT,
            Field::PerPersonLimit => r::PER_PERSON_LIMIT,
            Field::AggregateLimit => r::AGGREGATE_LIMIT,
            Field::ProjectCost => r::PROJECT_COST,
            Field::Revenue => r::REVENUE,
            Field::Payroll => r::PAYROLL,
            Field::ClaimsRatio => r::CLAIMS_RATIO,
            Field::RiskManagementDiscount => r::DISCOUNT,
            Field::WorkInjuriesLastYear => r::WORK_INJURIES,
            Field::HiddenDangersFound => r::HD_FOUND,
            Field::HiddenDangersRectified => r::HD_RECTIFIED,
            Field::MajorHiddenDangersUnrectified => r::HD_MAJOR,
            Field::Insured => super::input::Label {
                zh: "已投保安责险",
                en: "Holds the cover now",
            },
            Field::FirstPolicy => super::input::Label {
                zh: "首次投保",
                en: "First policy",
            },
            Field::Blacklisted => super::input::Label {
                zh: "失信名单",
                en: "On the safety blacklist",
            },
            Field::PreventionServiceReceived => super::input::Label {
                zh: "上年度接受事故预防服务",
                en: "Received prevention services",
            },
        }
    }

    /// Reads the field from an enterprise.
    pub fn value(self, e: &Enterprise) -> FieldValue<'_> {
        let num = |v: Option<Decimal>| v.map_or(FieldValue::Missing, FieldValue::Number);
        match self {
            Field::Sector => FieldValue::Text(&e.sector),
            Field::TownCode => FieldValue::Text(&e.town_code),
            Field::RiskClass => e
                .risk_class
                .as_deref()
                .map_or(FieldValue::Missing, FieldValue::Text),
            Field::CreditRating => e
                .credit_rating
                .as_deref()
                .map_or(FieldValue::Missing, FieldValue::Text),
            Field::StandardisationGrade => FieldValue::Text(e.standardisation_grade.id()),
            Field::Honours => FieldValue::Text(e.honours.id()),
            Field::Headcount => FieldValue::Number(Decimal::from(e.headcount)),
            Field::PerPersonLimit => num(e.per_person_limit),
            Field::AggregateLimit => num(e.aggregate_limit),
            Field::ProjectCost => num(e.project_cost),
            Field::Revenue => num(e.revenue),
            Field::Payroll => num(e.payroll),
            Field::ClaimsRatio => num(e.claims_ratio),
            Field::RiskManagementDiscount => num(e.risk_management_discount),
            Field::WorkInjuriesLastYear => {
                FieldValue::Number(Decimal::from(e.work_injuries_last_year))
            }
            Field::HiddenDangersFound => FieldValue::Number(Decimal::from(e.hidden_dangers_found)),
            Field::HiddenDangersRectified => {
                FieldValue::Number(Decimal::from(e.hidden_dangers_rectified))
            }
            Field::MajorHiddenDangersUnrectified => {
                FieldValue::Number(Decimal::from(e.major_hidden_dangers_unrectified))
            }
            Field::Insured => FieldValue::Bool(e.insured),
            Field::FirstPolicy => FieldValue::Bool(e.first_policy),
            Field::Blacklisted => FieldValue::Bool(e.blacklisted),
            Field::PreventionServiceReceived => FieldValue::Bool(e.prevention_service_received),
        }
    }

    /// Allowed values of an enumerated text field, if it is enumerated.
    fn allowed(self) -> Option<&'static [&'static str]> {
        match self {
            Field::StandardisationGrade => Some(&["level1", "level2", "level3", "none"]),
            Field::Honours => Some(&["none", "city", "province"]),
            _ => None,
        }
    }
}

/// A condition as JSON, tagged by `op`:
///
/// | `op` | fields | true when |
/// |---|---|---|
/// | `always` | — | always |
/// | `eq` | `field`, `value` | text field equals `value` |
/// | `in` | `field`, `values` | text field is one of `values` |
/// | `band` | `field`, `band` ([`BandInput`]) | number field lies in the band |
/// | `is_true` | `field` | bool field is true |
/// | `has_tag` | `tag` | enterprise carries the tag |
/// | `accidents` | `within_years`, `min_grade`, `max_grade`?, `min_count`? | at least `min_count` (default 1) accidents of grade in `min_grade..=max_grade` in the last `within_years` years |
/// | `all` / `any` | `of`: \[conditions\] | all / any hold |
/// | `not` | `of`: condition | it does not hold |
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum ConditionInput {
    /// Always true.
    Always,
    /// Text field equals a value.
    Eq {
        /// Field name.
        field: String,
        /// Value.
        value: String,
    },
    /// Text field is one of the values.
    In {
        /// Field name.
        field: String,
        /// Values.
        values: Vec<String>,
    },
    /// Number field in a band.
    Band {
        /// Field name.
        field: String,
        /// The band.
        band: BandInput,
    },
    /// Bool field is true.
    IsTrue {
        /// Field name.
        field: String,
    },
    /// Enterprise carries a tag.
    HasTag {
        /// The tag.
        tag: String,
    },
    /// Accident count in a window, by grade.
    Accidents {
        /// Window in years before the policy year (1 = 上年度).
        within_years: u32,
        /// Least severe grade counted.
        min_grade: String,
        /// Most severe grade counted (default: 特别重大).
        #[serde(default)]
        max_grade: Option<String>,
        /// Minimum count (default 1).
        #[serde(default)]
        min_count: Option<u32>,
    },
    /// All hold.
    All {
        /// Sub-conditions.
        of: Vec<ConditionInput>,
    },
    /// Any holds.
    Any {
        /// Sub-conditions.
        of: Vec<ConditionInput>,
    },
    /// Negation.
    Not {
        /// Sub-condition.
        of: Box<ConditionInput>,
    },
}

/// A validated condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// Always true.
    Always,
    /// Text equality.
    Eq(Field, String),
    /// Text membership.
    In(Field, Vec<String>),
    /// Number in band.
    InBand(Field, Band),
    /// Bool is true.
    IsTrue(Field),
    /// Tag present.
    HasTag(String),
    /// Accidents in a window.
    Accidents {
        /// Window (years).
        within_years: u32,
        /// Least severe grade.
        min: AccidentGrade,
        /// Most severe grade.
        max: AccidentGrade,
        /// Minimum count.
        min_count: u32,
    },
    /// Conjunction.
    All(Vec<Condition>),
    /// Disjunction.
    Any(Vec<Condition>),
    /// Negation.
    Not(Box<Condition>),
}

fn expect_kind(at: &str, name: &str, kind: FieldKind, want: FieldKind, op: &str) -> Result<()> {
    if kind != want {
        return Err(Error::InvalidRuleSet(format!(
            "{at}: op '{op}' needs a {} field, but '{name}' is {}",
            kind_name(want),
            kind_name(kind)
        )));
    }
    Ok(())
}

fn kind_name(k: FieldKind) -> &'static str {
    match k {
        FieldKind::Text => "text",
        FieldKind::Number => "number",
        FieldKind::Bool => "yes/no",
    }
}

fn check_allowed(at: &str, f: Field, v: &str) -> Result<()> {
    if let Some(allowed) = f.allowed() {
        if !allowed.contains(&v) {
            return Err(Error::InvalidRuleSet(format!(
                "{at}: '{v}' is not a value of '{}' (one of: {})",
                f.name(),
                allowed.join(", ")
            )));
        }
    }
    Ok(())
}

impl Condition {
    /// Validates a condition; `at` names its place in the rule set for errors.
    ///
    /// # Errors
    /// [`Error::InvalidRuleSet`] naming `at` for an unknown field, an op on the wrong field
    /// kind, an unknown value of an enumerated field, or a bad band or grade.
    pub fn from_input(at: &str, c: &ConditionInput) -> Result<Condition> {
        Ok(match c {
            ConditionInput::Always => Condition::Always,
            ConditionInput::Eq { field, value } => {
                let (f, k) = Field::parse(&format!("{at}.field"), field)?;
                expect_kind(at, field, k, FieldKind::Text, "eq")?;
                check_allowed(&format!("{at}.value"), f, value)?;
                Condition::Eq(f, value.clone())
            }
            ConditionInput::In { field, values } => {
                let (f, k) = Field::parse(&format!("{at}.field"), field)?;
                expect_kind(at, field, k, FieldKind::Text, "in")?;
                if values.is_empty() {
                    return Err(Error::InvalidRuleSet(format!(
                        "{at}.values: must not be empty"
                    )));
                }
                for (i, v) in values.iter().enumerate() {
                    check_allowed(&format!("{at}.values[{i}]"), f, v)?;
                }
                Condition::In(f, values.clone())
            }
            ConditionInput::Band { field, band } => {
                let (f, k) = Field::parse(&format!("{at}.field"), field)?;
                expect_kind(at, field, k, FieldKind::Number, "band")?;
                Condition::InBand(f, Band::from_input(&format!("{at}.band"), band)?)
            }
            ConditionInput::IsTrue { field } => {
                let (f, k) = Field::parse(&format!("{at}.field"), field)?;
                expect_kind(at, field, k, FieldKind::Bool, "is_true")?;
                Condition::IsTrue(f)
            }
            ConditionInput::HasTag { tag } => Condition::HasTag(tag.clone()),
            ConditionInput::Accidents {
                within_years,
                min_grade,
                max_grade,
                min_count,
            } => {
                let g = |k: &str, s: &str| {
                    AccidentGrade::parse(&format!("{at}.{k}"), s).map_err(|e| match e {
                        Error::InvalidInput(m) => Error::InvalidRuleSet(m),
                        o => o,
                    })
                };
                let min = g("min_grade", min_grade)?;
                let max = match max_grade {
                    Some(s) => g("max_grade", s)?,
                    None => AccidentGrade::EspeciallyMajor,
                };
                if max < min {
                    return Err(Error::InvalidRuleSet(format!(
                        "{at}: max_grade '{}' is less severe than min_grade '{}'",
                        max.id(),
                        min.id()
                    )));
                }
                if *within_years == 0 {
                    return Err(Error::InvalidRuleSet(format!(
                        "{at}.within_years: must be at least 1"
                    )));
                }
                let min_count = min_count.unwrap_or(1);
                if min_count == 0 {
                    return Err(Error::InvalidRuleSet(format!(
                        "{at}.min_count: must be at least 1 (use op 'not' for 'no accident')"
                    )));
                }
                Condition::Accidents {
                    within_years: *within_years,
                    min,
                    max,
                    min_count,
                }
            }
            ConditionInput::All { of } | ConditionInput::Any { of } => {
                let subs = of
                    .iter()
                    .enumerate()
                    .map(|(i, s)| Condition::from_input(&format!("{at}.of[{i}]"), s))
                    .collect::<Result<Vec<_>>>()?;
                if matches!(c, ConditionInput::All { .. }) {
                    Condition::All(subs)
                } else {
                    Condition::Any(subs)
                }
            }
            ConditionInput::Not { of } => {
                Condition::Not(Box::new(Condition::from_input(&format!("{at}.of"), of)?))
            }
        })
    }

    /// Evaluates the condition on an enterprise. A missing field makes `eq`, `in` and `band`
    /// false.
    pub fn eval(&self, e: &Enterprise) -> bool {
        match self {
            Condition::Always => true,
            Condition::Eq(f, v) => matches!(f.value(e), FieldValue::Text(t) if t == v),
            Condition::In(f, vs) => {
                matches!(f.value(e), FieldValue::Text(t) if vs.iter().any(|v| v == t))
            }
            Condition::InBand(f, b) => matches!(f.value(e), FieldValue::Number(x) if b.contains(x)),
            Condition::IsTrue(f) => matches!(f.value(e), FieldValue::Bool(true)),
            Condition::HasTag(t) => e.tags.binary_search(t).is_ok(),
            Condition::Accidents {
                within_years,
                min,
                max,
                min_count,
            } => e.accident_count(*within_years, *min, *max) >= *min_count,
            Condition::All(cs) => cs.iter().all(|c| c.eval(e)),
            Condition::Any(cs) => cs.iter().any(|c| c.eval(e)),
            Condition::Not(c) => !c.eval(e),
        }
    }
}
