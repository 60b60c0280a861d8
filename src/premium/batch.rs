//! Batch quoting (批量报价) from a CSV of enterprises, and town aggregates (镇街汇总) for the
//! map layers: 安责险覆盖率 (insured share), mean floating factor (平均浮动系数), total premium.
//!
//! Every row yields a quote or a [`RowError`] with its line and field — rows are never
//! silently dropped. Lines starting with `#` before the header are comments (the synthetic
//! data file starts with one saying it is synthetic).
//!
//! Columns (header names; only the first four are required, the rest default to empty/false/0):
//!
//! | column | meaning |
//! |---|---|
//! | `name`, `town_code`, `sector`, `headcount` | as in [`EnterpriseInput`] |
//! | `risk_class`, `per_person_limit`, `aggregate_limit`, `project_cost`, `revenue`, `payroll` | 元 / ids |
//! | `insured`, `first_policy`, `blacklisted`, `prevention_service_received` | `true/false`, `yes/no`, `1/0`, `是/否` |
//! | `quote_year` | policy year |
//! | `accidents` | `YEAR:GRADE[:COUNT]` joined by `;`, e.g. `2024:一般:2;2022:较大` |
//! | `standardisation_grade`, `honours`, `credit_rating` | ids or Chinese |
//! | `hidden_dangers_found`, `hidden_dangers_rectified`, `major_hidden_dangers_unrectified` | counts |
//! | `claims_ratio`, `work_injuries_last_year`, `risk_management_discount` | 工伤 / 山东 inputs |
//! | `tags` | `;`-separated |

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::enterprise::{AccidentInput, Enterprise, EnterpriseInput, HiddenDangersInput, NumText};
use super::quote::QuoteSummary;
use super::rules::RuleSet;
use crate::csv_lite;
use crate::money::round_to;
use crate::{Error, Result};

/// The CSV columns, in the order [`to_csv`] writes them.
pub const COLUMNS: &[&str] = &[
    "name",
    "town_code",
    "sector",
    "risk_class",
    "headcount",
    "per_person_limit",
    "aggregate_limit",
    "project_cost",
    "revenue",
    "payroll",
    "insured",
    "first_policy",
    "quote_year",
    "accidents",
    "standardisation_grade",
    "hidden_dangers_found",
    "hidden_dangers_rectified",
    "major_hidden_dangers_unrectified",
    "blacklisted",
    "credit_rating",
    "honours",
    "prevention_service_received",
    "claims_ratio",
    "work_injuries_last_year",
    "risk_management_discount",
    "tags",
];

const REQUIRED: &[&str] = &["name", "town_code", "sector", "headcount"];

/// A row that could not be read or quoted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowError {
    /// 1-based line in the CSV (the header is line 1, comment lines count).
    pub line: usize,
    /// Field (column) at fault, e.g. `headcount`, `accidents[0].grade`.
    pub field: String,
    /// Error code (`INVALID_INPUT`, `UNKNOWN_DISTRICT`).
    pub code: String,
    /// Message.
    pub message: String,
}

/// One quoted row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchRow {
    /// 1-based CSV line.
    pub line: usize,
    /// Enterprise name.
    pub name: String,
    /// Town code.
    pub town_code: String,
    /// Sector.
    pub sector: String,
    /// Insured now.
    pub insured: bool,
    /// The quote's figures (call [`RuleSet::quote`] on the row's enterprise for the steps).
    pub summary: QuoteSummary,
}

/// The result of a batch: quoted rows and row errors, both in file order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchResult {
    /// Rule-set id.
    pub rule_set_id: String,
    /// Quoted rows.
    pub rows: Vec<BatchRow>,
    /// Rows with errors.
    pub errors: Vec<RowError>,
}

fn row_error(line: usize, e: &Error) -> RowError {
    let msg = match e {
        Error::InvalidInput(m) | Error::UnknownDistrict(m) => m.clone(),
        other => other.to_string(),
    };
    let field = msg
        .split_once(": ")
        .map(|(f, _)| f.to_string())
        .filter(|f| !f.contains(' ') || f.starts_with("accidents"))
        .unwrap_or_default();
    RowError {
        line,
        field,
        code: e.code().to_string(),
        message: msg,
    }
}

fn parse_bool(field: &str, s: &str) -> Result<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "" | "false" | "no" | "0" | "n" | "否" => Ok(false),
        "true" | "yes" | "1" | "y" | "是" => Ok(true),
        other => Err(Error::InvalidInput(format!(
            "{field}: '{other}' is not yes/no (true/false, yes/no, 1/0, 是/否)"
        ))),
    }
}

fn parse_u32(field: &str, s: &str) -> Result<u32> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(0);
    }
    t.parse::<u32>()
        .map_err(|_| Error::InvalidInput(format!("{field}: '{t}' is not a whole number ≥ 0")))
}

fn opt_num(s: &str) -> Option<NumText> {
    let t = s.trim();
    (!t.is_empty()).then(|| NumText::Text(t.to_string()))
}

fn opt_str(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Parses the `accidents` cell: `YEAR:GRADE[:COUNT]` joined by `;`.
///
/// # Errors
/// [`Error::InvalidInput`] naming `accidents` and the entry.
pub fn parse_accidents(s: &str) -> Result<Vec<AccidentInput>> {
    let mut out = Vec::new();
    for (i, part) in s
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .enumerate()
    {
        let bits: Vec<&str> = part.split(':').map(str::trim).collect();
        if bits.len() < 2 || bits.len() > 3 {
            return Err(Error::InvalidInput(format!(
                "accidents: entry {} '{part}' is not YEAR:GRADE[:COUNT]",
                i + 1
            )));
        }
        let year = bits[0].parse::<i32>().map_err(|_| {
            Error::InvalidInput(format!(
                "accidents: entry {} year '{}' is not a year",
                i + 1,
                bits[0]
            ))
        })?;
        let count = match bits.get(2) {
            Some(c) => c.parse::<u32>().map_err(|_| {
                Error::InvalidInput(format!(
                    "accidents: entry {} count '{c}' is not a whole number",
                    i + 1
                ))
            })?,
            None => 1,
        };
        out.push(AccidentInput {
            year,
            grade: bits[1].to_string(),
            count,
        });
    }
    Ok(out)
}

/// Blanks `#` comment lines before the header, keeping line numbers.
fn strip_leading_comments(text: &str) -> std::borrow::Cow<'_, str> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !body.starts_with('#') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(body.len());
    let mut in_header = true;
    for line in body.split_inclusive('\n') {
        if in_header && line.starts_with('#') {
            out.push('\n');
        } else {
            in_header = false;
            out.push_str(line);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Enterprises read from CSV, each with its 1-based line, and the rows that failed.
pub type ParsedEnterprises = (Vec<(usize, Enterprise)>, Vec<RowError>);

/// Reads enterprises from CSV text.
///
/// # Errors
/// [`Error::InvalidInput`] only when the whole file is unusable: malformed CSV (unclosed
/// quote), no header, a required column missing, or an unknown column. Bad rows are returned
/// as [`RowError`]s next to the good ones.
pub fn parse_enterprises(csv: &str) -> Result<ParsedEnterprises> {
    let text = strip_leading_comments(csv);
    let table = csv_lite::parse(&text)?;
    for r in REQUIRED {
        if table.column(r).is_none() {
            return Err(Error::InvalidInput(format!(
                "CSV header: required column '{r}' is missing (required: {})",
                REQUIRED.join(", ")
            )));
        }
    }
    for h in &table.header {
        if !COLUMNS.contains(&h.as_str()) {
            return Err(Error::InvalidInput(format!(
                "CSV header: unknown column '{h}' (known: {})",
                COLUMNS.join(", ")
            )));
        }
    }
    let idx: Vec<Option<usize>> = COLUMNS.iter().map(|c| table.column(c)).collect();
    let mut ok = Vec::with_capacity(table.records.len());
    let mut errors = Vec::new();
    for rec in &table.records {
        let get = |c: usize| -> &str {
            idx[c]
                .and_then(|i| rec.fields.get(i))
                .map(String::as_str)
                .unwrap_or("")
        };
        let row = (|| -> Result<Enterprise> {
            let headcount_text = get(4).trim();
            if headcount_text.is_empty() {
                return Err(Error::InvalidInput("headcount: must not be empty".into()));
            }
            let input = EnterpriseInput {
                name: get(0).to_string(),
                town_code: get(1).to_string(),
                sector: get(2).to_string(),
                risk_class: opt_str(get(3)),
                headcount: parse_u32("headcount", headcount_text)?,
                per_person_limit: opt_num(get(5)),
                aggregate_limit: opt_num(get(6)),
                project_cost: opt_num(get(7)),
                revenue: opt_num(get(8)),
                payroll: opt_num(get(9)),
                insured: parse_bool("insured", get(10))?,
                first_policy: parse_bool("first_policy", get(11))?,
                quote_year: match get(12).trim() {
                    "" => None,
                    y => Some(y.parse::<i32>().map_err(|_| {
                        Error::InvalidInput(format!("quote_year: '{y}' is not a year"))
                    })?),
                },
                accidents: parse_accidents(get(13))?,
                standardisation_grade: opt_str(get(14)),
                hidden_dangers: HiddenDangersInput {
                    found: parse_u32("hidden_dangers_found", get(15))?,
                    rectified: parse_u32("hidden_dangers_rectified", get(16))?,
                    major_unrectified: parse_u32("major_hidden_dangers_unrectified", get(17))?,
                },
                blacklisted: parse_bool("blacklisted", get(18))?,
                credit_rating: opt_str(get(19)),
                honours: opt_str(get(20)),
                prevention_service_received: parse_bool("prevention_service_received", get(21))?,
                claims_ratio: opt_num(get(22)),
                work_injuries_last_year: parse_u32("work_injuries_last_year", get(23))?,
                risk_management_discount: opt_num(get(24)),
                tags: get(25)
                    .split(';')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(String::from)
                    .collect(),
            };
            Enterprise::from_input(&input)
        })();
        match row {
            Ok(e) => ok.push((rec.line, e)),
            Err(e) => {
                let mut re = row_error(rec.line, &e);
                // CSV column names differ from JSON paths for the hidden-danger counts.
                re.field = match re.field.as_str() {
                    "hidden_dangers.rectified" => "hidden_dangers_rectified".into(),
                    "hidden_dangers.major_unrectified" => "major_hidden_dangers_unrectified".into(),
                    f if f.starts_with("accidents") => "accidents".into(),
                    f => f.to_string(),
                };
                errors.push(re);
            }
        }
    }
    Ok((ok, errors))
}

/// Quotes parsed enterprises; enterprises the rule set cannot price become row errors.
pub fn quote_enterprises(rules: &RuleSet, enterprises: &[(usize, Enterprise)]) -> BatchResult {
    let mut rows = Vec::with_capacity(enterprises.len());
    let mut errors = Vec::new();
    for (line, e) in enterprises {
        match rules.quote_summary(e) {
            Ok(summary) => rows.push(BatchRow {
                line: *line,
                name: e.name.clone(),
                town_code: e.town_code.clone(),
                sector: e.sector.clone(),
                insured: e.insured,
                summary,
            }),
            Err(err) => errors.push(row_error(*line, &err)),
        }
    }
    BatchResult {
        rule_set_id: rules.id().to_string(),
        rows,
        errors,
    }
}

/// Reads a CSV and quotes every row under `rules`.
///
/// # Errors
/// As [`parse_enterprises`] (whole-file problems only); row problems are in
/// [`BatchResult::errors`], sorted by line.
pub fn quote_csv(rules: &RuleSet, csv: &str) -> Result<BatchResult> {
    let (ents, mut parse_errors) = parse_enterprises(csv)?;
    let mut r = quote_enterprises(rules, &ents);
    parse_errors.append(&mut r.errors);
    parse_errors.sort_by_key(|e| e.line);
    r.errors = parse_errors;
    Ok(r)
}

/// Per-town aggregate (镇街汇总) — one map layer value per town.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TownAggregate {
    /// Town code.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Enterprises quoted (rows with errors are not counted; see [`BatchResult::errors`]).
    pub enterprises: u32,
    /// Of which insured now.
    pub insured: u32,
    /// 安责险覆盖率 = insured ÷ enterprises, 4 decimals (None without enterprises).
    pub coverage: Option<Decimal>,
    /// Mean floating factor (平均浮动系数), 4 decimals.
    pub mean_factor: Option<Decimal>,
    /// Enterprises in compulsory sectors (强制投保行业) under the rule set.
    pub compulsory: u32,
    /// Of which insured.
    pub compulsory_insured: u32,
    /// Coverage of the compulsory sectors = compulsory_insured ÷ compulsory (the §8
    /// "insured ÷ units required to insure" layer), 4 decimals.
    pub compulsory_coverage: Option<Decimal>,
    /// Total quoted premium of all enterprises (insured or not), 元.
    pub total_premium: Decimal,
    /// Total quoted premium of the insured enterprises, 元.
    pub insured_premium: Decimal,
}

/// Aggregates a batch by town: all 23 towns, sorted by code (towns without enterprises have
/// `coverage` and `mean_factor` = None).
pub fn town_aggregates(result: &BatchResult) -> Vec<TownAggregate> {
    struct Acc {
        n: u32,
        insured: u32,
        comp: u32,
        comp_insured: u32,
        factor_sum: Decimal,
        total: Decimal,
        insured_total: Decimal,
    }
    let mut map: BTreeMap<String, Acc> = BTreeMap::new();
    let towns = crate::map::towns::town_facts();
    for t in &towns {
        map.insert(
            t.code.clone(),
            Acc {
                n: 0,
                insured: 0,
                comp: 0,
                comp_insured: 0,
                factor_sum: Decimal::ZERO,
                total: Decimal::ZERO,
                insured_total: Decimal::ZERO,
            },
        );
    }
    for r in &result.rows {
        if let Some(a) = map.get_mut(&r.town_code) {
            a.n += 1;
            a.factor_sum += r.summary.factor;
            a.total += r.summary.premium;
            if r.insured {
                a.insured += 1;
                a.insured_total += r.summary.premium;
            }
            if r.summary.compulsory {
                a.comp += 1;
                a.comp_insured += u32::from(r.insured);
            }
        }
    }
    map.into_iter()
        .map(|(code, a)| {
            let t = towns.iter().find(|t| t.code == code);
            let n = Decimal::from(a.n);
            TownAggregate {
                name_zh: t.map(|t| t.name_zh.clone()).unwrap_or_default(),
                name_en: t.map(|t| t.name_en.clone()).unwrap_or_default(),
                code,
                enterprises: a.n,
                insured: a.insured,
                coverage: (a.n > 0).then(|| round_to(Decimal::from(a.insured) / n, 4)),
                mean_factor: (a.n > 0).then(|| round_to(a.factor_sum / n, 4)),
                compulsory: a.comp,
                compulsory_insured: a.comp_insured,
                compulsory_coverage: (a.comp > 0)
                    .then(|| round_to(Decimal::from(a.comp_insured) / Decimal::from(a.comp), 4)),
                total_premium: a.total,
                insured_premium: a.insured_total,
            }
        })
        .collect()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Writes enterprise inputs as CSV with [`COLUMNS`] (the inverse of [`parse_enterprises`]).
pub fn to_csv(inputs: &[EnterpriseInput]) -> String {
    let mut out = COLUMNS.join(",");
    out.push('\n');
    let b = |v: bool| if v { "true" } else { "false" }.to_string();
    let n = |v: &Option<NumText>| v.as_ref().map(NumText::text).unwrap_or_default();
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    for e in inputs {
        let accidents: Vec<String> = e
            .accidents
            .iter()
            .map(|a| format!("{}:{}:{}", a.year, a.grade, a.count))
            .collect();
        let cells = [
            e.name.clone(),
            e.town_code.clone(),
            e.sector.clone(),
            s(&e.risk_class),
            e.headcount.to_string(),
            n(&e.per_person_limit),
            n(&e.aggregate_limit),
            n(&e.project_cost),
            n(&e.revenue),
            n(&e.payroll),
            b(e.insured),
            b(e.first_policy),
            e.quote_year.map(|y| y.to_string()).unwrap_or_default(),
            accidents.join(";"),
            s(&e.standardisation_grade),
            e.hidden_dangers.found.to_string(),
            e.hidden_dangers.rectified.to_string(),
            e.hidden_dangers.major_unrectified.to_string(),
            b(e.blacklisted),
            s(&e.credit_rating),
            s(&e.honours),
            b(e.prevention_service_received),
            n(&e.claims_ratio),
            e.work_injuries_last_year.to_string(),
            n(&e.risk_management_discount),
            e.tags.join(";"),
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}
