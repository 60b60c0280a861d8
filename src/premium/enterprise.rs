//! The insured unit (投保单位 / 生产经营单位): serde input DTO and the validated [`Enterprise`].
//!
//! Inputs are plain, serialisable facts (counts, grades, years) so that a supervision or
//! accident feed can drive 保险费率在线浮动. Money and other decimals arrive as strings
//! (numbers are tolerated) and are parsed exactly, never through `f64` arithmetic.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// A decimal as text or a JSON number (money crosses the JS boundary as strings; numbers are
/// tolerated and read through their shortest decimal text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum NumText {
    /// Decimal text, e.g. `"500000"` or `"0.00057"`.
    Text(String),
    /// An integer JSON number.
    Int(i64),
    /// A JSON number with a fraction (read through its shortest decimal text).
    Float(f64),
}

impl Default for NumText {
    fn default() -> Self {
        NumText::Text(String::new())
    }
}

impl From<u32> for NumText {
    fn from(v: u32) -> Self {
        NumText::Int(i64::from(v))
    }
}

impl From<i32> for NumText {
    fn from(v: i32) -> Self {
        NumText::Int(i64::from(v))
    }
}

impl NumText {
    /// The value as decimal text.
    pub fn text(&self) -> String {
        match self {
            NumText::Text(s) => s.clone(),
            NumText::Int(i) => i.to_string(),
            NumText::Float(f) => f.to_string(),
        }
    }
}

impl From<Decimal> for NumText {
    fn from(d: Decimal) -> Self {
        NumText::Text(d.to_string())
    }
}

/// 生产安全事故等级 — accident grade of 《生产安全事故报告和调查处理条例》(国务院令第493号) 第三条 \[V\].
///
/// Ordered from least to most severe, so `grade >= AccidentGrade::Larger` reads "较大及以上".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccidentGrade {
    /// 一般事故: < 3 deaths, < 10 serious injuries, < 1000万元 direct loss.
    General,
    /// 较大事故: 3–<10 deaths, 10–<50 serious injuries, or 1000万–<5000万元.
    Larger,
    /// 重大事故: 10–<30 deaths, 50–<100 serious injuries, or 5000万–<1亿元.
    Major,
    /// 特别重大事故: ≥ 30 deaths, ≥ 100 serious injuries, or ≥ 1亿元.
    EspeciallyMajor,
}

impl AccidentGrade {
    /// All grades, least severe first.
    pub const ALL: [AccidentGrade; 4] = [
        AccidentGrade::General,
        AccidentGrade::Larger,
        AccidentGrade::Major,
        AccidentGrade::EspeciallyMajor,
    ];

    /// Stable id (`general`, `larger`, `major`, `especially_major`).
    pub fn id(self) -> &'static str {
        match self {
            AccidentGrade::General => "general",
            AccidentGrade::Larger => "larger",
            AccidentGrade::Major => "major",
            AccidentGrade::EspeciallyMajor => "especially_major",
        }
    }

    /// Chinese name (一般事故 …).
    pub fn name_zh(self) -> &'static str {
        match self {
            AccidentGrade::General => "一般事故",
            AccidentGrade::Larger => "较大事故",
            AccidentGrade::Major => "重大事故",
            AccidentGrade::EspeciallyMajor => "特别重大事故",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            AccidentGrade::General => "general accident",
            AccidentGrade::Larger => "larger accident",
            AccidentGrade::Major => "major accident",
            AccidentGrade::EspeciallyMajor => "especially major accident",
        }
    }

    /// Parses an id or a Chinese name (`一般`, `一般事故`, `较大`, `重大`, `特别重大`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming `field` when the text is no grade.
    pub fn parse(field: &str, text: &str) -> Result<Self> {
        let t = text.trim();
        let t = t.strip_suffix("事故").unwrap_or(t);
        Ok(match t {
            "general" | "一般" => AccidentGrade::General,
            "larger" | "较大" => AccidentGrade::Larger,
            "major" | "重大" => AccidentGrade::Major,
            "especially_major" | "特别重大" => AccidentGrade::EspeciallyMajor,
            _ => {
                return Err(Error::InvalidInput(format!(
                    "{field}: '{text}' is not an accident grade \
                     (general/一般, larger/较大, major/重大, especially_major/特别重大)"
                )))
            }
        })
    }

    /// Grades an accident from its consequences (条例第三条); the most severe criterion wins.
    /// Bands are half-open: "以上" includes the figure, "以下" excludes it, so exactly 3 deaths
    /// is 较大 and exactly 1000万元 direct loss is 较大.
    ///
    /// ```
    /// use zs_risk_map::premium::AccidentGrade;
    /// use rust_decimal::Decimal;
    /// assert_eq!(AccidentGrade::classify(2, 9, Decimal::from(9_999_999)), AccidentGrade::General);
    /// assert_eq!(AccidentGrade::classify(3, 0, Decimal::ZERO), AccidentGrade::Larger);
    /// assert_eq!(AccidentGrade::classify(0, 0, Decimal::from(100_000_000)), AccidentGrade::EspeciallyMajor);
    /// ```
    pub fn classify(deaths: u32, serious_injuries: u32, direct_loss_yuan: Decimal) -> Self {
        let by_deaths = match deaths {
            30.. => AccidentGrade::EspeciallyMajor,
            10.. => AccidentGrade::Major,
            3.. => AccidentGrade::Larger,
            _ => AccidentGrade::General,
        };
        let by_injuries = match serious_injuries {
            100.. => AccidentGrade::EspeciallyMajor,
            50.. => AccidentGrade::Major,
            10.. => AccidentGrade::Larger,
            _ => AccidentGrade::General,
        };
        // 1亿, 5000万, 1000万 元.
        let by_loss = if direct_loss_yuan >= Decimal::from(100_000_000) {
            AccidentGrade::EspeciallyMajor
        } else if direct_loss_yuan >= Decimal::from(50_000_000) {
            AccidentGrade::Major
        } else if direct_loss_yuan >= Decimal::from(10_000_000) {
            AccidentGrade::Larger
        } else {
            AccidentGrade::General
        };
        by_deaths.max(by_injuries).max(by_loss)
    }
}

/// 安全生产标准化等级 — safety-production standardisation grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StandardisationGrade {
    /// 一级 (highest).
    Level1,
    /// 二级.
    Level2,
    /// 三级.
    Level3,
    /// 未达标 (not graded / below standard).
    None,
}

impl StandardisationGrade {
    /// Stable id (`level1`, `level2`, `level3`, `none`).
    pub fn id(self) -> &'static str {
        match self {
            StandardisationGrade::Level1 => "level1",
            StandardisationGrade::Level2 => "level2",
            StandardisationGrade::Level3 => "level3",
            StandardisationGrade::None => "none",
        }
    }

    /// Parses an id or Chinese (`一级`, `二级`, `三级`, `未达标`); empty means `none`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming `field`.
    pub fn parse(field: &str, text: &str) -> Result<Self> {
        Ok(match text.trim() {
            "level1" | "一级" | "1" => StandardisationGrade::Level1,
            "level2" | "二级" | "2" => StandardisationGrade::Level2,
            "level3" | "三级" | "3" => StandardisationGrade::Level3,
            "none" | "未达标" | "" => StandardisationGrade::None,
            other => {
                return Err(Error::InvalidInput(format!(
                    "{field}: '{other}' is not a standardisation grade \
                     (level1/一级, level2/二级, level3/三级, none/未达标)"
                )))
            }
        })
    }
}

/// Safety honours (安全生产先进单位), as in the 阜阳 table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Honours {
    /// None.
    None,
    /// 市级安全生产优秀/先进单位.
    City,
    /// 省级安全生产先进单位.
    Province,
}

impl Honours {
    /// Stable id (`none`, `city`, `province`).
    pub fn id(self) -> &'static str {
        match self {
            Honours::None => "none",
            Honours::City => "city",
            Honours::Province => "province",
        }
    }

    /// Parses an id or Chinese (`市级`, `省级`, `无`); empty means none.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming `field`.
    pub fn parse(field: &str, text: &str) -> Result<Self> {
        Ok(match text.trim() {
            "none" | "无" | "" => Honours::None,
            "city" | "市级" => Honours::City,
            "province" | "省级" => Honours::Province,
            other => {
                return Err(Error::InvalidInput(format!(
                    "{field}: '{other}' is not an honours level (none/无, city/市级, province/省级)"
                )))
            }
        })
    }
}

/// One accident line of the record (事故记录): year, grade and how many. Numbers may be JSON
/// numbers or text; they are checked against their ranges ([`ranges`]) when validated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccidentInput {
    /// Calendar year of the accident (事故年份).
    pub year: NumText,
    /// Grade id or Chinese name (`general`/`一般` …).
    pub grade: String,
    /// Number of accidents of that grade in that year (事故起数; default 1).
    #[serde(default)]
    pub count: Option<NumText>,
}

/// 隐患排查与整改 — hidden dangers found and rectified (counts; empty = 0).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HiddenDangersInput {
    /// Hidden dangers found (隐患排查发现数).
    pub found: Option<NumText>,
    /// Of which rectified (已整改).
    pub rectified: Option<NumText>,
    /// 重大事故隐患未整改 — major hidden dangers not rectified.
    pub major_unrectified: Option<NumText>,
}

/// Enterprise input DTO (JSON or one CSV row). All but `name`, `town_code`, `sector` and
/// `headcount` are optional; what a rule set needs (e.g. `project_cost`) is checked when quoting.
/// Every number may be a JSON number or decimal text; ranges are in [`ranges`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EnterpriseInput {
    /// Name (单位名称).
    pub name: String,
    /// Town (镇街): the 9-digit code, e.g. `442000107` for 坦洲镇, or its name (坦洲镇, 坦洲,
    /// Tanzhou) — see [`super::aliases::town_code`].
    pub town_code: String,
    /// Industry / sector id (行业), e.g. `manufacturing`, or its Chinese name (制造业).
    pub sector: String,
    /// Risk class or sub-class used by some tables (e.g. `general`/`high` for 湖南 construction,
    /// `1`…`8` for 工伤 classes).
    pub risk_class: Option<String>,
    /// 从业人员人数 — employees (persons); all are insured at the same limit (27号 第十六条).
    pub headcount: NumText,
    /// 每人死亡伤残责任限额 — per-person death/disability limit, 元.
    pub per_person_limit: Option<NumText>,
    /// 限额部分 / aggregate limit, 元 (湖南 table column).
    pub aggregate_limit: Option<NumText>,
    /// 工程造价 — project cost, 元.
    pub project_cost: Option<NumText>,
    /// Annual revenue (营业收入), 元.
    pub revenue: Option<NumText>,
    /// Payroll (工资总额), 元.
    pub payroll: Option<NumText>,
    /// 支缴率 — work-injury benefits ÷ contributions, as a ratio (1.2 = 120 %).
    pub claims_ratio: Option<NumText>,
    /// Work injuries (工伤) recognised last year.
    pub work_injuries_last_year: Option<NumText>,
    /// 山东-style 风险管理水平优惠 — discount as a ratio (0.05 = 5 %); a user parameter.
    pub risk_management_discount: Option<NumText>,
    /// Whether the unit holds 安责险 now (for the 覆盖率 layer).
    pub insured: bool,
    /// First policy (首次投保): some rule sets do not float it.
    pub first_policy: bool,
    /// Policy year being priced; accident windows count back from it (default 2025).
    pub quote_year: Option<NumText>,
    /// Accident record (事故记录).
    pub accidents: Vec<AccidentInput>,
    /// 安全生产标准化等级: `level1`/`一级` … `none`/`未达标`.
    pub standardisation_grade: Option<String>,
    /// Hidden dangers (隐患).
    pub hidden_dangers: HiddenDangersInput,
    /// On the 安全生产失信 list (黑名单).
    pub blacklisted: bool,
    /// Credit rating (诚信等级), free text such as `A`…`D`.
    pub credit_rating: Option<String>,
    /// Safety honours (荣誉): `none`, `city`/`市级`, `province`/`省级`.
    pub honours: Option<String>,
    /// 事故预防服务 received from the insurer during the last policy year.
    pub prevention_service_received: bool,
    /// Free tags matched by `has_tag` conditions (e.g. `metro` for 湖南 地铁工程).
    pub tags: Vec<String>,
}

/// One accident line, validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Accident {
    /// Calendar year.
    pub year: i32,
    /// Grade.
    pub grade: AccidentGrade,
    /// How many.
    pub count: u32,
}

/// A validated enterprise (投保单位). Build with [`Enterprise::from_input`] or
/// [`Enterprise::from_json`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Enterprise {
    /// Name.
    pub name: String,
    /// Town code (one of the 23).
    pub town_code: String,
    /// Sector id.
    pub sector: String,
    /// Risk class, if given.
    pub risk_class: Option<String>,
    /// Employees (persons).
    pub headcount: u32,
    /// Per-person limit, 元.
    pub per_person_limit: Option<Decimal>,
    /// Aggregate limit, 元.
    pub aggregate_limit: Option<Decimal>,
    /// Project cost, 元.
    pub project_cost: Option<Decimal>,
    /// Revenue, 元.
    pub revenue: Option<Decimal>,
    /// Payroll, 元.
    pub payroll: Option<Decimal>,
    /// 支缴率 ratio.
    pub claims_ratio: Option<Decimal>,
    /// Work injuries last year.
    pub work_injuries_last_year: u32,
    /// Risk-management discount ratio in [0, 1).
    pub risk_management_discount: Option<Decimal>,
    /// Insured now.
    pub insured: bool,
    /// First policy.
    pub first_policy: bool,
    /// Policy year.
    pub quote_year: i32,
    /// Accidents, as given.
    pub accidents: Vec<Accident>,
    /// Standardisation grade.
    pub standardisation_grade: StandardisationGrade,
    /// Hidden dangers found.
    pub hidden_dangers_found: u32,
    /// Hidden dangers rectified.
    pub hidden_dangers_rectified: u32,
    /// Major hidden dangers not rectified (重大事故隐患未整改).
    pub major_hidden_dangers_unrectified: u32,
    /// Blacklisted.
    pub blacklisted: bool,
    /// Credit rating.
    pub credit_rating: Option<String>,
    /// Honours.
    pub honours: Honours,
    /// Prevention service received.
    pub prevention_service_received: bool,
    /// Tags, sorted and deduplicated.
    pub tags: Vec<String>,
}

/// Default policy year when the input gives none.
pub const DEFAULT_QUOTE_YEAR: i32 = 2025;

/// Labels of the enterprise fields as the premium form and the CSV template name them, and
/// their documented domain ranges (docs/premium.md §1). One definition: the engine's messages,
/// the template headers and the form read these.
pub mod ranges {
    use super::super::input::{Label, Range, Unit};

    /// 单位名称.
    pub const NAME: Label = Label {
        zh: "单位名称",
        en: "Name",
    };
    /// 镇街.
    pub const TOWN: Label = Label {
        zh: "镇街",
        en: "Town",
    };
    /// 行业.
    pub const SECTOR: Label = Label {
        zh: "行业",
        en: "Sector",
    };
    /// 风险类别.
    pub const RISK_CLASS: Label = Label {
        zh: "风险类别",
        en: "Risk class",
    };
    /// 从业人员 (人).
    pub const HEADCOUNT: Label = Label {
        zh: "从业人员",
        en: "Employees",
    };
    /// 每人死亡伤残限额 (元).
    pub const PER_PERSON_LIMIT: Label = Label {
        zh: "每人死亡伤残限额",
        en: "Per-person limit",
    };
    /// 累计限额 (元).
    pub const AGGREGATE_LIMIT: Label = Label {
        zh: "累计限额",
        en: "Aggregate limit",
    };
    /// 工程造价 (元).
    pub const PROJECT_COST: Label = Label {
        zh: "工程造价",
        en: "Project cost",
    };
    /// 营业收入 (元).
    pub const REVENUE: Label = Label {
        zh: "营业收入",
        en: "Revenue",
    };
    /// 工资总额 (元).
    pub const PAYROLL: Label = Label {
        zh: "工资总额",
        en: "Payroll",
    };
    /// 支缴率.
    pub const CLAIMS_RATIO: Label = Label {
        zh: "支缴率",
        en: "Claims ratio",
    };
    /// 上年度工伤人数.
    pub const WORK_INJURIES: Label = Label {
        zh: "上年度工伤人数",
        en: "Work injuries last year",
    };
    /// 风险管理优惠.
    pub const DISCOUNT: Label = Label {
        zh: "风险管理优惠",
        en: "Risk-management discount",
    };
    /// 保单年度.
    pub const QUOTE_YEAR: Label = Label {
        zh: "保单年度",
        en: "Policy year",
    };
    /// 事故记录.
    pub const ACCIDENTS: Label = Label {
        zh: "事故记录",
        en: "Accident record",
    };
    /// 事故年份.
    pub const ACCIDENT_YEAR: Label = Label {
        zh: "事故年份",
        en: "Accident year",
    };
    /// 事故等级.
    pub const ACCIDENT_GRADE: Label = Label {
        zh: "事故等级",
        en: "Accident grade",
    };
    /// 事故起数.
    pub const ACCIDENT_COUNT: Label = Label {
        zh: "事故起数",
        en: "Accident count",
    };
    /// 安全生产标准化.
    pub const STANDARDISATION: Label = Label {
        zh: "安全生产标准化",
        en: "Safety standardisation",
    };
    /// 隐患排查发现 (项).
    pub const HD_FOUND: Label = Label {
        zh: "隐患排查发现",
        en: "Hidden dangers found",
    };
    /// 已整改隐患 (项).
    pub const HD_RECTIFIED: Label = Label {
        zh: "已整改隐患",
        en: "Hidden dangers rectified",
    };
    /// 重大隐患未整改 (项).
    pub const HD_MAJOR: Label = Label {
        zh: "重大隐患未整改",
        en: "Major hidden dangers unrectified",
    };
    /// 诚信等级.
    pub const CREDIT: Label = Label {
        zh: "诚信等级",
        en: "Credit rating",
    };
    /// 安全生产荣誉.
    pub const HONOURS: Label = Label {
        zh: "安全生产荣誉",
        en: "Safety honours",
    };
    /// 标签.
    pub const TAGS: Label = Label {
        zh: "标签",
        en: "Tags",
    };
    /// Enterprise JSON as a whole.
    pub const ENTERPRISE: Label = Label {
        zh: "投保单位信息",
        en: "Enterprise",
    };

    /// 从业人员: 1 … 1,000,000 persons (the largest employers have a few hundred thousand).
    pub const HEADCOUNT_RANGE: Range = Range::closed(1, 1_000_000, Unit::Persons);
    /// 每人死亡伤残限额: above 0 … 1亿元 (statutory minimums are 30万/40万; offered menus stop
    /// far below 1亿).
    pub const PER_PERSON_LIMIT_RANGE: Range = Range::above(0, 100_000_000, Unit::Yuan);
    /// 累计限额: 0 … 100亿元.
    pub const AGGREGATE_LIMIT_RANGE: Range = Range::closed(0, 10_000_000_000, Unit::Yuan);
    /// 工程造价: 0 … 1万亿元 (the largest single projects are a few hundred 亿).
    pub const PROJECT_COST_RANGE: Range = Range::closed(0, 1_000_000_000_000, Unit::Yuan);
    /// 营业收入: 0 … 10万亿元.
    pub const REVENUE_RANGE: Range = Range::closed(0, 10_000_000_000_000, Unit::Yuan);
    /// 工资总额: 0 … 1万亿元.
    pub const PAYROLL_RANGE: Range = Range::closed(0, 1_000_000_000_000, Unit::Yuan);
    /// 支缴率: 0 … 100 (a ratio; 1.2 = 120 %).
    pub const CLAIMS_RATIO_RANGE: Range = Range::closed(0, 100, Unit::Ratio);
    /// 风险管理优惠: 0 ≤ d < 1 (a ratio; 0.05 = 5 %).
    pub const DISCOUNT_RANGE: Range = Range::below(0, 1, Unit::Ratio);
    /// 上年度工伤人数 and the hidden-danger counts: 0 … 1,000,000.
    pub const COUNT_RANGE: Range = Range::closed(0, 1_000_000, Unit::Count);
    /// 保单年度: 1990 … 2100.
    pub const QUOTE_YEAR_RANGE: Range = Range::closed(1990, 2100, Unit::Year);
    /// 事故年份: 1949 … the policy year.
    pub const ACCIDENT_YEAR_MIN: i64 = 1949;
    /// 事故起数 per line: 1 … 10,000 (sums over ≤ 1,000 lines stay far inside `u32`).
    pub const ACCIDENT_COUNT_RANGE: Range = Range::closed(1, 10_000, Unit::Count);
    /// At most 1,000 accident lines.
    pub const MAX_ACCIDENT_LINES: usize = 1_000;
    /// At most 64 tags.
    pub const MAX_TAGS: usize = 64;
    /// Text fields: at most 200 characters.
    pub const MAX_TEXT_CHARS: usize = 200;
    /// Enterprise JSON: at most 1 MiB.
    pub const MAX_JSON_BYTES: usize = 1 << 20;
}

use super::input::{self as num, Label, Range};
use ranges as r;

fn town_codes() -> &'static BTreeSet<String> {
    static CODES: OnceLock<BTreeSet<String>> = OnceLock::new();
    CODES.get_or_init(|| {
        crate::map::towns::town_facts()
            .into_iter()
            .map(|t| t.code)
            .collect()
    })
}

fn path(p: &str) -> String {
    format!("enterprise.{p}")
}

/// A decimal in its range from a JSON number or text; `None` for empty text. The happy path
/// allocates nothing (the batch path validates 100,000 rows); the field id is built only for
/// an error.
fn dec_in(
    field: impl FnOnce() -> String,
    label: Label,
    n: &NumText,
    range: Range,
) -> Result<Option<Decimal>> {
    let fast = match n {
        NumText::Int(i) => Some(Decimal::from(*i)),
        NumText::Text(t) if t.trim().is_empty() => return Ok(None),
        NumText::Text(t) => crate::validate::parse_exact(t),
        NumText::Float(_) => None,
    };
    match fast {
        Some(d) if range.contains(d) => Ok(Some(if d.is_zero() { Decimal::ZERO } else { d })),
        Some(d) => num::check(&path(&field()), label, d, range).map(|()| Some(d)),
        None => num::ranged(&path(&field()), label, &n.text(), range).map(Some),
    }
}

/// A whole number in its range; `None` for empty text.
fn whole_in(
    field: impl FnOnce() -> String,
    label: Label,
    n: &NumText,
    range: Range,
) -> Result<Option<i64>> {
    if let NumText::Int(i) = n {
        if range.contains(Decimal::from(*i)) {
            return Ok(Some(*i));
        }
    }
    if let NumText::Text(t) = n {
        let t = t.trim();
        if t.is_empty() {
            return Ok(None);
        }
        if let Ok(i) = t.parse::<i64>() {
            if range.contains(Decimal::from(i)) {
                return Ok(Some(i));
            }
        }
    }
    num::whole(&path(&field()), label, &n.text(), range).map(Some)
}

/// An optional decimal in its range; missing or empty is `None`.
fn opt_dec(
    field: &str,
    label: Label,
    v: &Option<NumText>,
    range: Range,
) -> Result<Option<Decimal>> {
    match v {
        None => Ok(None),
        Some(n) => dec_in(|| field.to_string(), label, n, range),
    }
}

/// An optional count in its range; missing or empty is 0.
fn opt_count(field: &str, label: Label, v: &Option<NumText>, range: Range) -> Result<u32> {
    match v {
        None => Ok(0),
        Some(n) => Ok(whole_in(|| field.to_string(), label, n, range)?.map_or(0, num::to_u32)),
    }
}

fn opt_text(field: &str, label: Label, v: &Option<String>) -> Result<Option<String>> {
    match v.as_ref().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => text(field, label, s).map(Some),
    }
}

/// Text within the length limit, control characters refused.
fn text(field: &str, label: Label, s: &str) -> Result<String> {
    let n = s.chars().count();
    if n > r::MAX_TEXT_CHARS {
        return Err(Error::too_large(
            path(field),
            format!(
                "{}：{n} 个字符，超过上限 {} 个",
                label.zh,
                r::MAX_TEXT_CHARS
            ),
            format!(
                "{}: {n} characters, over the limit of {}",
                label.en,
                r::MAX_TEXT_CHARS
            ),
        ));
    }
    if s.chars().any(char::is_control) {
        return Err(Error::invalid_field(
            path(field),
            format!("{}：含有控制字符", label.zh),
            format!("{}: contains control characters", label.en),
        ));
    }
    Ok(s.to_string())
}

fn required(field: &str, label: Label, s: &str) -> Result<String> {
    let t = s.trim();
    if t.is_empty() {
        return Err(Error::invalid_field(
            path(field),
            format!("{}：必填", label.zh),
            format!("{}: required", label.en),
        ));
    }
    text(field, label, t)
}

/// Maps a grade/standard/honours parser's error onto the field with both languages; `allowed`
/// lists the accepted values in Chinese.
fn named(field: &str, label: Label, value: &str, allowed: &str, e: Error) -> Error {
    match e {
        Error::InvalidInput(m) => {
            let detail = m
                .split_once(": ")
                .map_or(m.as_str(), |(_, d)| d)
                .to_string();
            Error::invalid_field(
                path(field),
                format!(
                    "{}：“{}”不是可选值（{allowed}）",
                    label.zh,
                    num::shown(value)
                ),
                format!("{}: {detail}", label.en),
            )
        }
        other => other,
    }
}

const GRADES_ZH: &str = "一般、较大、重大、特别重大";
const STANDARDS_ZH: &str = "一级、二级、三级、未达标";
const HONOURS_ZH: &str = "无、市级、省级";

impl Enterprise {
    /// Validates an input DTO: every number against its range ([`ranges`]), texts against
    /// their length, the town against the 23 town codes (names accepted), the sector through
    /// the alias table.
    ///
    /// # Errors
    /// [`Error::Field`] (`OUT_OF_RANGE`, `TOO_LARGE`, `INVALID_INPUT`) with the field id
    /// (`enterprise.headcount`, `enterprise.accidents[1].grade` …) and a message in Chinese and
    /// English naming the field as the form labels it; [`Error::UnknownDistrict`] for a town
    /// that is none of the 23.
    pub fn from_input(input: &EnterpriseInput) -> Result<Enterprise> {
        let name = required("name", r::NAME, &input.name)?;
        let town_text = required("town_code", r::TOWN, &input.town_code)?;
        let town_code = super::aliases::town_code(&town_text)
            .filter(|c| town_codes().contains(c))
            .ok_or_else(|| {
                Error::UnknownDistrict(format!(
                    "town_code: '{}' is not one of Zhongshan's 23 town codes (442000001…442000118) or town names",
                    num::shown(&town_text)
                ))
            })?;
        let sector = super::aliases::sector(&required("sector", r::SECTOR, &input.sector)?);
        let headcount = whole_in(
            || "headcount".into(),
            r::HEADCOUNT,
            &input.headcount,
            r::HEADCOUNT_RANGE,
        )?
        .map(num::to_u32)
        .ok_or_else(|| {
            Error::invalid_field(
                path("headcount"),
                format!("{}：必填（全体从业人员均须投保）", r::HEADCOUNT.zh),
                format!("{}: required (all employees are insured)", r::HEADCOUNT.en),
            )
        })?;
        let quote_year = match &input.quote_year {
            Some(y) => whole_in(
                || "quote_year".into(),
                r::QUOTE_YEAR,
                y,
                r::QUOTE_YEAR_RANGE,
            )?,
            None => None,
        }
        .unwrap_or(i64::from(DEFAULT_QUOTE_YEAR));
        let accidents = accidents(&input.accidents, quote_year)?;
        let hidden = hidden_dangers(&input.hidden_dangers)?;
        let per_person_limit = opt_dec(
            "per_person_limit",
            r::PER_PERSON_LIMIT,
            &input.per_person_limit,
            r::PER_PERSON_LIMIT_RANGE,
        )?;
        num::size("enterprise.tags", r::TAGS, input.tags.len(), r::MAX_TAGS)?;
        let mut tags = Vec::with_capacity(input.tags.len());
        for (i, t) in input.tags.iter().enumerate() {
            let t = t.trim();
            if !t.is_empty() {
                tags.push(text(&format!("tags[{i}]"), r::TAGS, t)?);
            }
        }
        tags.sort();
        tags.dedup();
        Ok(Enterprise {
            name,
            town_code,
            sector,
            risk_class: opt_text("risk_class", r::RISK_CLASS, &input.risk_class)?,
            headcount,
            per_person_limit,
            aggregate_limit: opt_dec(
                "aggregate_limit",
                r::AGGREGATE_LIMIT,
                &input.aggregate_limit,
                r::AGGREGATE_LIMIT_RANGE,
            )?,
            project_cost: opt_dec(
                "project_cost",
                r::PROJECT_COST,
                &input.project_cost,
                r::PROJECT_COST_RANGE,
            )?,
            revenue: opt_dec("revenue", r::REVENUE, &input.revenue, r::REVENUE_RANGE)?,
            payroll: opt_dec("payroll", r::PAYROLL, &input.payroll, r::PAYROLL_RANGE)?,
            claims_ratio: opt_dec(
                "claims_ratio",
                r::CLAIMS_RATIO,
                &input.claims_ratio,
                r::CLAIMS_RATIO_RANGE,
            )?,
            work_injuries_last_year: opt_count(
                "work_injuries_last_year",
                r::WORK_INJURIES,
                &input.work_injuries_last_year,
                r::COUNT_RANGE,
            )?,
            risk_management_discount: opt_dec(
                "risk_management_discount",
                r::DISCOUNT,
                &input.risk_management_discount,
                r::DISCOUNT_RANGE,
            )?,
            insured: input.insured,
            first_policy: input.first_policy,
            // In 1990…2100 (checked above).
            quote_year: i32::try_from(quote_year).unwrap_or(DEFAULT_QUOTE_YEAR),
            accidents,
            standardisation_grade: StandardisationGrade::parse(
                "standardisation_grade",
                input.standardisation_grade.as_deref().unwrap_or(""),
            )
            .map_err(|e| {
                let v = input.standardisation_grade.as_deref().unwrap_or("");
                named(
                    "standardisation_grade",
                    r::STANDARDISATION,
                    v,
                    STANDARDS_ZH,
                    e,
                )
            })?,
            hidden_dangers_found: hidden.0,
            hidden_dangers_rectified: hidden.1,
            major_hidden_dangers_unrectified: hidden.2,
            blacklisted: input.blacklisted,
            credit_rating: opt_text("credit_rating", r::CREDIT, &input.credit_rating)?,
            honours: Honours::parse("honours", input.honours.as_deref().unwrap_or("")).map_err(
                |e| {
                    let v = input.honours.as_deref().unwrap_or("");
                    named("honours", r::HONOURS, v, HONOURS_ZH, e)
                },
            )?,
            prevention_service_received: input.prevention_service_received,
            tags,
        })
    }

    /// Parses and validates enterprise JSON (at most [`ranges::MAX_JSON_BYTES`]).
    ///
    /// # Errors
    /// `TOO_LARGE` over the size limit, [`Error::NotJson`] for malformed JSON,
    /// `INVALID_INPUT` (field `enterprise`) for a wrong field type or unknown field, then as
    /// [`Enterprise::from_input`].
    pub fn from_json(text: &str) -> Result<Enterprise> {
        crate::validate::text_bytes(
            "enterprise",
            "投保单位 JSON",
            "the enterprise JSON",
            text.len(),
            r::MAX_JSON_BYTES,
        )?;
        let input: EnterpriseInput = serde_json::from_str(text).map_err(|e| {
            if e.is_data() {
                Error::invalid_field(
                    "enterprise",
                    format!("{}格式有误：{e}", r::ENTERPRISE.zh),
                    format!("enterprise JSON: {e}"),
                )
            } else {
                Error::NotJson(e.to_string())
            }
        })?;
        Enterprise::from_input(&input)
    }

    /// Number of accidents of grade in `min..=max` in the `within_years` years before the
    /// policy year (`within_years = 1` is 上年度, the previous calendar year). Saturating:
    /// the validated ranges keep the sum below 10,000,000, far inside `u32`.
    pub fn accident_count(&self, within_years: u32, min: AccidentGrade, max: AccidentGrade) -> u32 {
        let back = i32::try_from(within_years).unwrap_or(i32::MAX);
        let from = self.quote_year.saturating_sub(back);
        self.accidents
            .iter()
            .filter(|a| a.year >= from && a.year < self.quote_year)
            .filter(|a| a.grade >= min && a.grade <= max)
            .fold(0u32, |n, a| n.saturating_add(a.count))
    }
}

/// Validates the accident lines against the policy year.
fn accidents(lines: &[AccidentInput], quote_year: i64) -> Result<Vec<Accident>> {
    num::size(
        "enterprise.accidents",
        r::ACCIDENTS,
        lines.len(),
        r::MAX_ACCIDENT_LINES,
    )?;
    let year_range = Range::closed(r::ACCIDENT_YEAR_MIN, quote_year, super::input::Unit::Year);
    let mut out = Vec::with_capacity(lines.len());
    for (i, a) in lines.iter().enumerate() {
        let at = |k: &str| format!("accidents[{i}].{k}");
        let grade = AccidentGrade::parse("grade", &a.grade)
            .map_err(|e| named(&at("grade"), r::ACCIDENT_GRADE, &a.grade, GRADES_ZH, e))?;
        let year = whole_in(|| at("year"), r::ACCIDENT_YEAR, &a.year, year_range)
            .and_then(|y| {
                y.ok_or_else(|| {
                    Error::invalid_field(
                        path(&at("year")),
                        format!("{}：必填", r::ACCIDENT_YEAR.zh),
                        format!("{}: required", r::ACCIDENT_YEAR.en),
                    )
                })
            })
            .map_err(|e| match e {
                Error::Field(f) if f.problem == crate::error::FieldProblem::OutOfRange => {
                    Error::out_of_range(
                        f.field,
                        format!("{}（保单年度 {quote_year}）", f.zh),
                        format!("{} (policy year {quote_year})", f.en),
                    )
                }
                other => other,
            })?;
        let count = match &a.count {
            Some(c) => whole_in(
                || at("count"),
                r::ACCIDENT_COUNT,
                c,
                r::ACCIDENT_COUNT_RANGE,
            )?,
            None => None,
        }
        .unwrap_or(1);
        out.push(Accident {
            year: i32::try_from(year).unwrap_or(i32::MIN),
            grade,
            count: num::to_u32(count),
        });
    }
    Ok(out)
}

/// Validates the hidden-danger counts: rectified ≤ found, major unrectified ≤ unrectified.
fn hidden_dangers(hd: &HiddenDangersInput) -> Result<(u32, u32, u32)> {
    let found = opt_count(
        "hidden_dangers.found",
        r::HD_FOUND,
        &hd.found,
        r::COUNT_RANGE,
    )?;
    let rectified = opt_count(
        "hidden_dangers.rectified",
        r::HD_RECTIFIED,
        &hd.rectified,
        r::COUNT_RANGE,
    )?;
    let major = opt_count(
        "hidden_dangers.major_unrectified",
        r::HD_MAJOR,
        &hd.major_unrectified,
        r::COUNT_RANGE,
    )?;
    if rectified > found {
        return Err(Error::out_of_range(
            path("hidden_dangers.rectified"),
            format!(
                "{}（{rectified} 项）不能多于{}（{found} 项）",
                r::HD_RECTIFIED.zh,
                r::HD_FOUND.zh
            ),
            format!(
                "{} ({rectified}) exceeds {} ({found})",
                r::HD_RECTIFIED.en,
                r::HD_FOUND.en
            ),
        ));
    }
    let open = found.saturating_sub(rectified);
    if major > open {
        return Err(Error::out_of_range(
            path("hidden_dangers.major_unrectified"),
            format!(
                "{}（{major} 项）不能多于未整改的隐患（{open} 项）",
                r::HD_MAJOR.zh
            ),
            format!(
                "{} ({major}) exceeds the unrectified count {open}",
                r::HD_MAJOR.en
            ),
        ));
    }
    Ok((found, rectified, major))
}
