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
use crate::csv_lite::{self, Writer};
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

/// Largest CSV accepted, in bytes (checked before anything is allocated): 4 MiB holds 20,000
/// rows of the template comfortably.
pub const MAX_CSV_BYTES: usize = 4 * 1024 * 1024;
/// Most data rows accepted in one CSV (checked by a scan before parsing). One upload is priced
/// in one call; 20,000 rows take about 0.6 s natively, so the call stays under 2 s in the
/// browser. Larger files are split by the user (the message says so).
pub const MAX_CSV_ROWS: usize = 20_000;
/// Most fields in one CSV record.
pub const MAX_CSV_FIELDS: usize = 64;

/// A row that could not be read or quoted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowError {
    /// 1-based line in the CSV (the header is line 1, comment lines count).
    pub line: usize,
    /// Column id at fault, e.g. `headcount`, `accidents` (empty when no column is to blame).
    pub field: String,
    /// The column as the Chinese template names it (e.g. `从业人员（人）`).
    pub column_zh: String,
    /// The column as the English template names it.
    pub column_en: String,
    /// Error code (`OUT_OF_RANGE`, `INVALID_INPUT`, `UNKNOWN_DISTRICT` …).
    pub code: String,
    /// Message in Chinese.
    pub message_zh: String,
    /// Message in English.
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

/// The CSV column an enterprise field id belongs to (`enterprise.hidden_dangers.rectified` →
/// `hidden_dangers_rectified`, `enterprise.accidents[2].count` → `accidents`).
fn column_of(field: &str) -> &str {
    let f = field.strip_prefix("enterprise.").unwrap_or(field);
    let f = f.split('[').next().unwrap_or(f);
    match f {
        "hidden_dangers.found" => "hidden_dangers_found",
        "hidden_dangers.rectified" => "hidden_dangers_rectified",
        "hidden_dangers.major_unrectified" => "major_hidden_dangers_unrectified",
        other => other,
    }
}

/// A row error from a crate error: the column named as the template names it, the message in
/// both languages.
pub fn row_error(line: usize, e: &Error) -> RowError {
    let (field, zh, en) = match e {
        Error::Field(f) => (column_of(&f.field).to_string(), f.zh.clone(), f.en.clone()),
        Error::UnknownDistrict(m) => {
            // The message quotes the value as '…'; say it in Chinese too.
            let value = m.split('\'').nth(1).unwrap_or("");
            (
                "town_code".to_string(),
                format!("镇街：“{value}”不是中山市 23 个镇街之一（可填 9 位代码或镇街名称，如 古镇镇、古镇）"),
                m.clone(),
            )
        }
        Error::InvalidInput(m) => {
            let field = m
                .split_once(": ")
                .map(|(f, _)| column_of(f).to_string())
                .filter(|f| super::aliases::column_by_id(f).is_some())
                .unwrap_or_default();
            (field, m.clone(), m.clone())
        }
        other => (String::new(), other.message_zh(), other.to_string()),
    };
    let col = super::aliases::column_by_id(&field);
    RowError {
        line,
        column_zh: col.map(|c| c.zh.to_string()).unwrap_or_default(),
        column_en: col.map(|c| c.en.to_string()).unwrap_or_default(),
        field,
        code: e.code().to_string(),
        message_zh: zh,
        message: en,
    }
}

fn column_error(field: &str, zh: String, en: String) -> Error {
    Error::invalid_field(format!("enterprise.{field}"), zh, en)
}

fn label(field: &str) -> (&'static str, &'static str) {
    super::aliases::column_by_id(field).map_or(("", ""), |c| (c.zh, c.en))
}

fn parse_bool(field: &str, s: &str) -> Result<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "" | "false" | "no" | "0" | "n" | "否" | "无" => Ok(false),
        "true" | "yes" | "1" | "y" | "是" | "有" => Ok(true),
        other => {
            let (zh, en) = label(field);
            Err(column_error(
                field,
                format!("{zh}：“{}”不是 是/否", super::input::shown(other)),
                format!(
                    "{en}: '{}' is not yes/no (true/false, yes/no, 1/0, 是/否)",
                    super::input::shown(other)
                ),
            ))
        }
    }
}

fn opt_num(s: &str) -> Option<NumText> {
    let t = s.trim();
    (!t.is_empty()).then(|| NumText::Text(t.to_string()))
}

fn opt_str(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Parses the `accidents` cell: `YEAR:GRADE[:COUNT]` joined by `;` (full-width `；` and `：`
/// accepted), at most [`super::enterprise::ranges::MAX_ACCIDENT_LINES`] entries.
///
/// # Errors
/// `INVALID_INPUT` / `TOO_LARGE` naming the `accidents` column and the entry.
pub fn parse_accidents(s: &str) -> Result<Vec<AccidentInput>> {
    let s = s.replace('；', ";").replace('：', ":");
    let (zh, en) = label("accidents");
    let parts: Vec<&str> = s
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    super::input::size(
        "enterprise.accidents",
        super::enterprise::ranges::ACCIDENTS,
        parts.len(),
        super::enterprise::ranges::MAX_ACCIDENT_LINES,
    )?;
    let mut out = Vec::with_capacity(parts.len());
    for (i, part) in parts.iter().enumerate() {
        let bits: Vec<&str> = part.split(':').map(str::trim).collect();
        let n = i.saturating_add(1);
        let (Some(year), Some(grade), None) = (bits.first(), bits.get(1), bits.get(3)) else {
            return Err(column_error(
                "accidents",
                format!(
                    "{zh}：第 {n} 条“{}”不是 年份:等级[:起数]（如 2024:一般:2）",
                    super::input::shown(part)
                ),
                format!(
                    "{en}: entry {n} '{}' is not YEAR:GRADE[:COUNT] (e.g. 2024:一般:2)",
                    super::input::shown(part)
                ),
            ));
        };
        out.push(AccidentInput {
            year: NumText::Text((*year).to_string()),
            grade: (*grade).to_string(),
            count: bits.get(2).map(|c| NumText::Text((*c).to_string())),
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

/// The CSV's size limits, checked before the text is tokenised: bytes, records and fields per
/// record (one pass over the bytes, tracking quotes; nothing allocated).
///
/// # Errors
/// `TOO_LARGE` (field `csv`) naming the limit.
pub fn check_size(csv: &str) -> Result<()> {
    if csv.len() > MAX_CSV_BYTES {
        return Err(Error::too_large(
            "csv",
            format!(
                "CSV 文件 {:.1} MB，超过上限 {} MB；请分批上传",
                mb(csv.len()),
                MAX_CSV_BYTES / (1024 * 1024)
            ),
            format!(
                "the CSV is {:.1} MB, over the limit of {} MB; upload it in parts",
                mb(csv.len()),
                MAX_CSV_BYTES / (1024 * 1024)
            ),
        ));
    }
    let (mut records, mut fields, mut quoted, mut content) = (0usize, 1usize, false, false);
    for b in csv.bytes() {
        match b {
            b'"' => {
                quoted = !quoted;
                content = true;
            }
            b',' if !quoted => {
                fields = fields.saturating_add(1);
                content = true;
                if fields > MAX_CSV_FIELDS {
                    return Err(Error::too_large(
                        "csv",
                        format!(
                            "CSV 第 {} 条记录的列数超过上限 {MAX_CSV_FIELDS}",
                            records.saturating_add(1)
                        ),
                        format!(
                            "CSV record {} has more than {MAX_CSV_FIELDS} fields",
                            records.saturating_add(1)
                        ),
                    ));
                }
            }
            b'\n' if !quoted => {
                records = records.saturating_add(usize::from(content));
                fields = 1;
                content = false;
            }
            b'\r' => {}
            _ => content = true,
        }
    }
    records = records.saturating_add(usize::from(content));
    // The header is one record (comment lines may add a few more).
    if records > MAX_CSV_ROWS.saturating_add(1) {
        return Err(Error::too_large(
            "csv",
            format!(
                "CSV 有 {} 行数据，超过上限 {MAX_CSV_ROWS} 行；请分批上传",
                records.saturating_sub(1)
            ),
            format!(
                "the CSV has {} data rows, over the limit of {MAX_CSV_ROWS}; upload it in parts",
                records.saturating_sub(1)
            ),
        ));
    }
    Ok(())
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Enterprises read from CSV, each with its 1-based line, and the rows that failed.
pub type ParsedEnterprises = (Vec<(usize, Enterprise)>, Vec<RowError>);

/// Maps the header to column positions; Chinese and English headers and their aliases are
/// accepted ([`super::aliases::column`]).
fn header_columns(header: &[String]) -> Result<Vec<Option<usize>>> {
    let mut idx: Vec<Option<usize>> = vec![None; COLUMNS.len()];
    for (pos, h) in header.iter().enumerate() {
        if h.trim().is_empty() {
            continue;
        }
        let col = super::aliases::column(h).ok_or_else(|| {
            Error::invalid_field(
                "csv.header",
                format!(
                    "CSV 表头：无法识别的列“{}”（可用列见模板：{}）",
                    super::input::shown(h),
                    super::aliases::COLUMNS
                        .iter()
                        .map(|c| c.zh)
                        .collect::<Vec<_>>()
                        .join("、")
                ),
                format!(
                    "CSV header: unknown column '{}' (known: {})",
                    super::input::shown(h),
                    COLUMNS.join(", ")
                ),
            )
        })?;
        let slot = COLUMNS
            .iter()
            .position(|c| *c == col.id)
            .and_then(|i| idx.get_mut(i));
        if let Some(slot) = slot {
            if slot.is_some() {
                return Err(Error::invalid_field(
                    "csv.header",
                    format!("CSV 表头：列“{}”出现了两次", col.zh),
                    format!("CSV header: column '{}' appears twice", col.en),
                ));
            }
            *slot = Some(pos);
        }
    }
    for r in REQUIRED {
        let present = COLUMNS
            .iter()
            .position(|c| c == r)
            .and_then(|i| idx.get(i))
            .is_some_and(Option::is_some);
        if !present {
            let (zh, en) = label(r);
            return Err(Error::invalid_field(
                "csv.header",
                format!("CSV 表头：缺少必填列“{zh}”（必填：单位名称、镇街、行业、从业人员（人））"),
                format!(
                    "CSV header: required column '{r}' ({en}) is missing (required: {})",
                    REQUIRED.join(", ")
                ),
            ));
        }
    }
    Ok(idx)
}

/// Builds one row's enterprise input from its cells (`get(column index in COLUMNS)`).
fn row_input<'a>(get: impl Fn(usize) -> &'a str) -> Result<EnterpriseInput> {
    let headcount_text = get(4).trim();
    if headcount_text.is_empty() {
        let (zh, en) = label("headcount");
        return Err(column_error(
            "headcount",
            format!("{zh}：必填"),
            format!("{en}: required"),
        ));
    }
    Ok(EnterpriseInput {
        name: get(0).to_string(),
        town_code: get(1).to_string(),
        sector: get(2).to_string(),
        risk_class: opt_str(get(3)),
        headcount: NumText::Text(headcount_text.to_string()),
        per_person_limit: opt_num(get(5)),
        aggregate_limit: opt_num(get(6)),
        project_cost: opt_num(get(7)),
        revenue: opt_num(get(8)),
        payroll: opt_num(get(9)),
        insured: parse_bool("insured", get(10))?,
        first_policy: parse_bool("first_policy", get(11))?,
        quote_year: opt_num(get(12)),
        accidents: parse_accidents(get(13))?,
        standardisation_grade: opt_str(get(14)),
        hidden_dangers: HiddenDangersInput {
            found: opt_num(get(15)),
            rectified: opt_num(get(16)),
            major_unrectified: opt_num(get(17)),
        },
        blacklisted: parse_bool("blacklisted", get(18))?,
        credit_rating: opt_str(get(19)),
        honours: opt_str(get(20)),
        prevention_service_received: parse_bool("prevention_service_received", get(21))?,
        claims_ratio: opt_num(get(22)),
        work_injuries_last_year: opt_num(get(23)),
        risk_management_discount: opt_num(get(24)),
        tags: get(25)
            .split([';', '；'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect(),
    })
}

/// Reads enterprises from CSV text (UTF-8; the widget decodes GB18030/GBK files before they
/// reach here). Headers may be the column ids, the Chinese or English template headers or
/// their aliases (企业名称, 从业人数 …); towns and sectors may be written by name.
///
/// # Errors
/// `TOO_LARGE` over [`MAX_CSV_BYTES`], [`MAX_CSV_ROWS`] or [`MAX_CSV_FIELDS`] (checked before
/// parsing); `INVALID_INPUT` only when the whole file is unusable: malformed CSV (unclosed
/// quote), no header, a required column missing, an unknown or repeated column. Bad rows are
/// returned as [`RowError`]s next to the good ones.
pub fn parse_enterprises(csv: &str) -> Result<ParsedEnterprises> {
    check_size(csv)?;
    let text = strip_leading_comments(csv);
    let table = csv_lite::parse(&text)?;
    let idx = header_columns(&table.header)?;
    let mut ok = Vec::with_capacity(table.records.len());
    let mut errors = Vec::new();
    for rec in &table.records {
        let get = |c: usize| -> &str {
            idx.get(c)
                .copied()
                .flatten()
                .and_then(|i| rec.fields.get(i))
                .map_or("", String::as_str)
        };
        match row_input(get).and_then(|input| Enterprise::from_input(&input)) {
            Ok(e) => ok.push((rec.line, e)),
            Err(e) => errors.push(row_error(rec.line, &e)),
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
    /// Coverage of the compulsory sectors = compulsory_insured ÷ compulsory (docs/domain.md §8:
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
            // Counts ≤ MAX_CSV_ROWS; money sums saturate (each premium is bounded by the
            // input ranges, so 100,000 of them stay far inside Decimal).
            a.n = a.n.saturating_add(1);
            a.factor_sum = a.factor_sum.saturating_add(r.summary.factor);
            a.total = a.total.saturating_add(r.summary.premium);
            if r.insured {
                a.insured = a.insured.saturating_add(1);
                a.insured_total = a.insured_total.saturating_add(r.summary.premium);
            }
            if r.summary.compulsory {
                a.comp = a.comp.saturating_add(1);
                a.comp_insured = a.comp_insured.saturating_add(u32::from(r.insured));
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
                coverage: Decimal::from(a.insured)
                    .checked_div(n)
                    .map(|x| round_to(x, 4)),
                mean_factor: a.factor_sum.checked_div(n).map(|x| round_to(x, 4)),
                compulsory: a.comp,
                compulsory_insured: a.comp_insured,
                compulsory_coverage: (a.comp > 0)
                    .then(|| Decimal::from(a.comp_insured).checked_div(Decimal::from(a.comp)))
                    .flatten()
                    .map(|x| round_to(x, 4)),
                total_premium: a.total,
                insured_premium: a.insured_total,
            }
        })
        .collect()
}

/// Writes enterprise inputs as CSV with [`COLUMNS`] (the inverse of [`parse_enterprises`]).
pub fn to_csv(inputs: &[EnterpriseInput]) -> String {
    let mut out = Writer::new();
    out.row(COLUMNS);
    let b = |v: bool| if v { "true" } else { "false" }.to_string();
    let n = |v: &Option<NumText>| v.as_ref().map(NumText::text).unwrap_or_default();
    let c = |v: &Option<NumText>| v.as_ref().map_or_else(|| "0".to_string(), NumText::text);
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    for e in inputs {
        let accidents: Vec<String> = e
            .accidents
            .iter()
            .map(|a| {
                let count = a
                    .count
                    .as_ref()
                    .map_or_else(|| "1".to_string(), NumText::text);
                format!("{}:{}:{count}", a.year.text(), a.grade)
            })
            .collect();
        let cells = [
            e.name.clone(),
            e.town_code.clone(),
            e.sector.clone(),
            s(&e.risk_class),
            e.headcount.text(),
            n(&e.per_person_limit),
            n(&e.aggregate_limit),
            n(&e.project_cost),
            n(&e.revenue),
            n(&e.payroll),
            b(e.insured),
            b(e.first_policy),
            e.quote_year.as_ref().map(NumText::text).unwrap_or_default(),
            accidents.join(";"),
            s(&e.standardisation_grade),
            c(&e.hidden_dangers.found),
            c(&e.hidden_dangers.rectified),
            c(&e.hidden_dangers.major_unrectified),
            b(e.blacklisted),
            s(&e.credit_rating),
            s(&e.honours),
            b(e.prevention_service_received),
            n(&e.claims_ratio),
            c(&e.work_injuries_last_year),
            n(&e.risk_management_discount),
            e.tags.join(";"),
        ];
        out.row(cells);
    }
    out.finish()
}

/// The CSV template (模板) for a batch upload, in `lang` (`zh-CN` or `en`): a comment line saying how
/// to fill it, the header as the form labels the fields (with units), and one example row.
/// Parses back with [`parse_enterprises`].
pub fn template(lang: &str) -> String {
    let zh = crate::lang::Lang::parse(lang).is_zh();
    let (comment, example) = match zh {
        true => (
            "安责险批量测算模板：每行一个投保单位。必填：单位名称、镇街、行业、从业人员（人）。镇街可填名称（古镇镇 或 古镇）或 9 位代码；行业可填中文（制造业）；事故记录写 年份:等级:起数，多条用 ; 分隔；是/否 列填 是 或 否。",
            [
                "示例灯饰有限公司", "古镇镇", "制造业", "", "120", "500000", "", "", "", "", "是", "否", "2025",
                "2024:一般:1", "三级", "4", "3", "1", "否", "B", "无", "否", "", "", "", "",
            ],
        ),
        false => (
            "Safety-liability batch template: one insured unit per row. Required: Name, Town, Sector, Employees. Town may be a name (Guzhen) or the 9-digit code; accidents as YEAR:GRADE:COUNT joined by ';'; yes/no columns take yes or no.",
            [
                "Example Lighting Co.", "Guzhen", "manufacturing", "", "120", "500000", "", "", "", "", "yes", "no", "2025",
                "2024:general:1", "level3", "4", "3", "1", "no", "B", "none", "no", "", "", "", "",
            ],
        ),
    };
    let header: Vec<&str> = COLUMNS
        .iter()
        .map(|id| {
            let c = super::aliases::column_by_id(id);
            if zh {
                c.map_or(*id, |c| c.zh)
            } else {
                c.map_or(*id, |c| c.en)
            }
        })
        .collect();
    let mut out = Writer::new();
    out.comment(comment).row(header).row(example);
    out.finish()
}

/// Per-row results (逐行结果) as CSV in `lang`: every row of the upload in file order, quoted
/// rows with their base premium, factor, premium and prevention amount (元), rows with errors
/// with the error code, the column as the template names it and the message.
pub fn rows_csv(result: &BatchResult, lang: &str) -> String {
    let zh = crate::lang::Lang::parse(lang).is_zh();
    let header: &[&str] = if zh {
        &[
            "行号",
            "单位名称",
            "镇街代码",
            "镇街",
            "行业",
            "已投保安责险",
            "强制投保行业",
            "基准保费（元）",
            "浮动系数",
            "保费（元）",
            "事故预防服务费用（元）",
            "错误代码",
            "错误列",
            "错误说明",
        ]
    } else {
        &[
            "line",
            "name",
            "town_code",
            "town",
            "sector",
            "insured",
            "compulsory_sector",
            "base_premium_yuan",
            "factor",
            "premium_yuan",
            "prevention_yuan",
            "error_code",
            "error_column",
            "error",
        ]
    };
    let towns = crate::map::towns::town_facts();
    let yes_no = |b: bool| match (zh, b) {
        (true, true) => "是",
        (true, false) => "否",
        (false, true) => "yes",
        (false, false) => "no",
    };
    let row_cells = |r: &BatchRow| {
        let town = towns
            .iter()
            .find(|t| t.code == r.town_code)
            .map_or("", |t| {
                if zh {
                    t.name_zh.as_str()
                } else {
                    t.name_en.as_str()
                }
            });
        vec![
            r.line.to_string(),
            r.name.clone(),
            r.town_code.clone(),
            town.to_string(),
            r.sector.clone(),
            yes_no(r.insured).to_string(),
            yes_no(r.summary.compulsory).to_string(),
            r.summary.base_premium.to_string(),
            r.summary.factor.to_string(),
            r.summary.premium.to_string(),
            r.summary.prevention.to_string(),
            String::new(),
            String::new(),
            String::new(),
        ]
    };
    let error_cells = |e: &RowError| {
        let msg = if zh { &e.message_zh } else { &e.message };
        let col = if zh { &e.column_zh } else { &e.column_en };
        let mut cells = vec![String::new(); 11];
        if let Some(c) = cells.first_mut() {
            *c = e.line.to_string();
        }
        cells.extend([e.code.clone(), col.clone(), msg.clone()]);
        cells
    };
    // Rows and errors are each in file order: merge them (no sort needed).
    let mut out = Writer::new();
    out.row(header);
    let (mut rows, mut errs) = (
        result.rows.iter().peekable(),
        result.errors.iter().peekable(),
    );
    loop {
        let cells = match (rows.peek(), errs.peek()) {
            (Some(r), Some(e)) if r.line <= e.line => rows.next().map(row_cells),
            (_, Some(_)) => errs.next().map(error_cells),
            (Some(_), None) => rows.next().map(row_cells),
            (None, None) => None,
        };
        let Some(cells) = cells else { break };
        out.row(cells);
    }
    out.finish()
}
