//! The insured unit (投保单位 / 生产经营单位): serde input DTO and the validated [`Enterprise`].
//!
//! Inputs are plain, serialisable facts (counts, grades, years) so that a supervision or
//! accident feed can drive 保险费率在线浮动. Money and other decimals arrive as strings
//! (numbers are tolerated) and are parsed exactly, never through `f64` arithmetic.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::parse_decimal;
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
        let wan = Decimal::from(10_000);
        let by_loss = if direct_loss_yuan >= Decimal::from(10_000) * wan {
            AccidentGrade::EspeciallyMajor
        } else if direct_loss_yuan >= Decimal::from(5_000) * wan {
            AccidentGrade::Major
        } else if direct_loss_yuan >= Decimal::from(1_000) * wan {
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

/// One accident line of the record (事故记录): year, grade and how many.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccidentInput {
    /// Calendar year of the accident.
    pub year: i32,
    /// Grade id or Chinese name (`general`/`一般` …).
    pub grade: String,
    /// Number of accidents of that grade in that year (default 1).
    #[serde(default = "one")]
    pub count: u32,
}

fn one() -> u32 {
    1
}

/// 隐患排查与整改 — hidden dangers found and rectified.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HiddenDangersInput {
    /// Hidden dangers found (隐患排查发现数).
    pub found: u32,
    /// Of which rectified (已整改).
    pub rectified: u32,
    /// 重大事故隐患未整改 — major hidden dangers not rectified.
    pub major_unrectified: u32,
}

/// Enterprise input DTO (JSON or one CSV row). All but `name`, `town_code`, `sector` and
/// `headcount` are optional; what a rule set needs (e.g. `project_cost`) is checked when quoting.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EnterpriseInput {
    /// Name (单位名称).
    pub name: String,
    /// 9-digit town code (镇街代码), e.g. `442000107` for 坦洲镇.
    pub town_code: String,
    /// Industry / sector id (行业), e.g. `manufacturing`, `construction`, `hazardous_chemicals`.
    pub sector: String,
    /// Risk class or sub-class used by some tables (e.g. `general`/`high` for 湖南 construction,
    /// `1`…`8` for 工伤 classes).
    pub risk_class: Option<String>,
    /// 从业人员人数 — employees (persons); all are insured at the same limit (27号 第十六条).
    pub headcount: u32,
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
    pub work_injuries_last_year: u32,
    /// 山东-style 风险管理水平优惠 — discount as a ratio (0.05 = 5 %); a user parameter.
    pub risk_management_discount: Option<NumText>,
    /// Whether the unit holds 安责险 now (for the 覆盖率 layer).
    pub insured: bool,
    /// First policy (首次投保): some rule sets do not float it.
    pub first_policy: bool,
    /// Policy year being priced; accident windows count back from it (default 2025).
    pub quote_year: Option<i32>,
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

fn town_codes() -> &'static BTreeSet<String> {
    static CODES: OnceLock<BTreeSet<String>> = OnceLock::new();
    CODES.get_or_init(|| {
        crate::map::towns::town_facts()
            .into_iter()
            .map(|t| t.code)
            .collect()
    })
}

fn opt_dec(field: &str, v: &Option<NumText>) -> Result<Option<Decimal>> {
    match v {
        None => Ok(None),
        Some(n) => {
            let t = n.text();
            if t.trim().is_empty() {
                return Ok(None);
            }
            let d = parse_decimal(field, &t)?;
            if d.is_sign_negative() && !d.is_zero() {
                return Err(Error::InvalidInput(format!(
                    "{field}: '{t}' must not be negative"
                )));
            }
            Ok(Some(d))
        }
    }
}

fn opt_text(v: &Option<String>) -> Option<String> {
    v.as_ref()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

impl Enterprise {
    /// Validates an input DTO.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] whose message starts with the field name (`headcount: …`,
    /// `accidents[1].grade: …`); [`Error::UnknownDistrict`] for a town code that is not one of
    /// the 23 town-level units.
    pub fn from_input(input: &EnterpriseInput) -> Result<Enterprise> {
        if input.name.trim().is_empty() {
            return Err(Error::InvalidInput("name: must not be empty".into()));
        }
        let town = input.town_code.trim();
        if town.is_empty() {
            return Err(Error::InvalidInput("town_code: must not be empty".into()));
        }
        if !town_codes().contains(town) {
            return Err(Error::UnknownDistrict(format!(
                "town_code: '{town}' is not one of Zhongshan's 23 town codes (442000001…442000118)"
            )));
        }
        let sector = input.sector.trim();
        if sector.is_empty() {
            return Err(Error::InvalidInput("sector: must not be empty".into()));
        }
        if input.headcount == 0 {
            return Err(Error::InvalidInput(
                "headcount: must be at least 1 (all employees are insured)".into(),
            ));
        }
        let quote_year = input.quote_year.unwrap_or(DEFAULT_QUOTE_YEAR);
        if !(1990..=2100).contains(&quote_year) {
            return Err(Error::InvalidInput(format!(
                "quote_year: {quote_year} is outside 1990…2100"
            )));
        }
        let mut accidents = Vec::with_capacity(input.accidents.len());
        for (i, a) in input.accidents.iter().enumerate() {
            let grade = AccidentGrade::parse(&format!("accidents[{i}].grade"), &a.grade)?;
            if a.year > quote_year {
                return Err(Error::InvalidInput(format!(
                    "accidents[{i}].year: {} is after the policy year {quote_year}",
                    a.year
                )));
            }
            if a.count == 0 {
                return Err(Error::InvalidInput(format!(
                    "accidents[{i}].count: must be at least 1"
                )));
            }
            accidents.push(Accident {
                year: a.year,
                grade,
                count: a.count,
            });
        }
        let hd = &input.hidden_dangers;
        if hd.rectified > hd.found {
            return Err(Error::InvalidInput(format!(
                "hidden_dangers.rectified: {} exceeds hidden_dangers.found {}",
                hd.rectified, hd.found
            )));
        }
        if hd.major_unrectified > hd.found - hd.rectified {
            return Err(Error::InvalidInput(format!(
                "hidden_dangers.major_unrectified: {} exceeds the unrectified count {}",
                hd.major_unrectified,
                hd.found - hd.rectified
            )));
        }
        let discount = opt_dec("risk_management_discount", &input.risk_management_discount)?;
        if let Some(d) = discount {
            if d >= Decimal::ONE {
                return Err(Error::InvalidInput(format!(
                    "risk_management_discount: {d} must be below 1 (a ratio, 0.05 = 5 %)"
                )));
            }
        }
        let per_person_limit = opt_dec("per_person_limit", &input.per_person_limit)?;
        if per_person_limit.is_some_and(|d| d.is_zero()) {
            return Err(Error::InvalidInput(
                "per_person_limit: must be positive".into(),
            ));
        }
        let mut tags: Vec<String> = input
            .tags
            .iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        tags.sort();
        tags.dedup();
        Ok(Enterprise {
            name: input.name.trim().to_string(),
            town_code: town.to_string(),
            sector: sector.to_string(),
            risk_class: opt_text(&input.risk_class),
            headcount: input.headcount,
            per_person_limit,
            aggregate_limit: opt_dec("aggregate_limit", &input.aggregate_limit)?,
            project_cost: opt_dec("project_cost", &input.project_cost)?,
            revenue: opt_dec("revenue", &input.revenue)?,
            payroll: opt_dec("payroll", &input.payroll)?,
            claims_ratio: opt_dec("claims_ratio", &input.claims_ratio)?,
            work_injuries_last_year: input.work_injuries_last_year,
            risk_management_discount: discount,
            insured: input.insured,
            first_policy: input.first_policy,
            quote_year,
            accidents,
            standardisation_grade: StandardisationGrade::parse(
                "standardisation_grade",
                input.standardisation_grade.as_deref().unwrap_or(""),
            )?,
            hidden_dangers_found: hd.found,
            hidden_dangers_rectified: hd.rectified,
            major_hidden_dangers_unrectified: hd.major_unrectified,
            blacklisted: input.blacklisted,
            credit_rating: opt_text(&input.credit_rating),
            honours: Honours::parse("honours", input.honours.as_deref().unwrap_or(""))?,
            prevention_service_received: input.prevention_service_received,
            tags,
        })
    }

    /// Parses and validates enterprise JSON.
    ///
    /// # Errors
    /// [`Error::NotJson`] for malformed JSON, [`Error::InvalidInput`] for a wrong field type
    /// or unknown field, then as [`Enterprise::from_input`].
    pub fn from_json(text: &str) -> Result<Enterprise> {
        let input: EnterpriseInput = serde_json::from_str(text).map_err(|e| {
            if e.is_data() {
                Error::InvalidInput(format!("enterprise JSON: {e}"))
            } else {
                Error::NotJson(e.to_string())
            }
        })?;
        Enterprise::from_input(&input)
    }

    /// Number of accidents of grade in `min..=max` in the `within_years` years before the
    /// policy year (`within_years = 1` is 上年度, the previous calendar year).
    pub fn accident_count(&self, within_years: u32, min: AccidentGrade, max: AccidentGrade) -> u32 {
        let from = self.quote_year - within_years as i32;
        self.accidents
            .iter()
            .filter(|a| a.year >= from && a.year < self.quote_year)
            .filter(|a| a.grade >= min && a.grade <= max)
            .map(|a| a.count)
            .sum()
    }
}
