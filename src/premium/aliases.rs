//! The one alias table (别名表) of the premium engine: Chinese (and English) names users
//! write where the engine expects an id — town names for town codes (古镇镇 or 古镇 →
//! `442000105`), sector names for sector ids (制造业 → `manufacturing`) and CSV column headers
//! (企业名称, 镇街, 行业, 从业人数 …). Enterprise JSON and CSV rows both resolve through here
//! (docs/premium.md §3).

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Sector ids with the names users write for them (first = the label the template shows).
pub const SECTORS: &[(&str, &[&str])] = &[
    ("manufacturing", &["制造业", "制造", "工业", "工贸"]),
    ("construction", &["建筑施工", "建筑业", "建筑"]),
    (
        "hazardous_chemicals",
        &["危险化学品", "危化品", "危化", "化工"],
    ),
    ("fireworks", &["烟花爆竹"]),
    ("civil_explosives", &["民用爆炸物品", "民爆"]),
    ("mining", &["矿山", "采矿业", "采矿"]),
    ("coal_mining", &["煤矿"]),
    ("non_coal_mining", &["非煤矿山"]),
    ("metal_smelting", &["金属冶炼", "冶金"]),
    ("transport", &["交通运输", "交通运输业", "道路运输", "运输"]),
    ("fishery", &["渔业生产", "渔业"]),
    (
        "commerce",
        &["商贸、仓储", "商贸仓储", "商贸", "仓储", "批发零售"],
    ),
    ("services", &["其他服务业", "服务业"]),
];

/// A sector id for what the user wrote: an id as is, a Chinese name (制造业) → its id; other
/// text passes through unchanged (a rule set may define its own sectors).
pub fn sector(text: &str) -> String {
    let t = text.trim();
    SECTORS
        .iter()
        .find(|(id, names)| *id == t || names.contains(&t))
        .map_or_else(|| t.to_string(), |(id, _)| (*id).to_string())
}

/// The Chinese label of a sector id, if it has one.
pub fn sector_zh(id: &str) -> Option<&'static str> {
    SECTORS
        .iter()
        .find(|(i, _)| *i == id)
        .and_then(|(_, n)| n.first().copied())
}

fn towns() -> &'static BTreeMap<String, String> {
    static MAP: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = BTreeMap::new();
        for t in crate::map::towns::town_facts() {
            let short = t
                .name_zh
                .strip_suffix("街道")
                .or_else(|| t.name_zh.strip_suffix('镇'))
                .unwrap_or(&t.name_zh)
                .to_string();
            for k in [
                t.code.clone(),
                t.name_zh.clone(),
                short,
                t.name_en.to_ascii_lowercase(),
                t.name_en
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase(),
            ] {
                if !k.is_empty() {
                    m.entry(k).or_insert_with(|| t.code.clone());
                }
            }
        }
        m
    })
}

/// The 9-digit town code for what the user wrote: a code, the Chinese name (古镇镇), the short
/// name (古镇), or the English / pinyin name (Guzhen); `None` when it names no town.
pub fn town_code(text: &str) -> Option<String> {
    let t = text.trim();
    let m = towns();
    m.get(t).or_else(|| m.get(&t.to_ascii_lowercase())).cloned()
}

/// A CSV column: its id (the enterprise field), the template's Chinese and English header,
/// and other headers accepted for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Column id (as in [`super::batch::COLUMNS`]).
    pub id: &'static str,
    /// Header of the Chinese template (the form's label, with the unit).
    pub zh: &'static str,
    /// Header of the English template.
    pub en: &'static str,
    /// Further accepted headers.
    pub aliases: &'static [&'static str],
}

/// Every CSV column, in template order.
pub const COLUMNS: &[Column] = &[
    Column {
        id: "name",
        zh: "单位名称",
        en: "Name",
        aliases: &["企业名称", "名称", "投保单位"],
    },
    Column {
        id: "town_code",
        zh: "镇街",
        en: "Town",
        aliases: &["镇街代码", "所在镇街", "镇区", "镇街名称"],
    },
    Column {
        id: "sector",
        zh: "行业",
        en: "Sector",
        aliases: &["所属行业", "行业类别"],
    },
    Column {
        id: "risk_class",
        zh: "风险类别",
        en: "Risk class",
        aliases: &[],
    },
    Column {
        id: "headcount",
        zh: "从业人员（人）",
        en: "Employees",
        aliases: &["从业人员", "从业人数", "从业人员人数", "人数", "员工人数"],
    },
    Column {
        id: "per_person_limit",
        zh: "每人死亡伤残限额（元）",
        en: "Per-person limit (yuan)",
        aliases: &["每人死亡伤残限额", "每人限额（元）", "每人限额"],
    },
    Column {
        id: "aggregate_limit",
        zh: "累计限额（元）",
        en: "Aggregate limit (yuan)",
        aliases: &["累计限额", "累计责任限额"],
    },
    Column {
        id: "project_cost",
        zh: "工程造价（元）",
        en: "Project cost (yuan)",
        aliases: &["工程造价"],
    },
    Column {
        id: "revenue",
        zh: "营业收入（元）",
        en: "Revenue (yuan)",
        aliases: &["营业收入"],
    },
    Column {
        id: "payroll",
        zh: "工资总额（元）",
        en: "Payroll (yuan)",
        aliases: &["工资总额"],
    },
    Column {
        id: "insured",
        zh: "已投保安责险",
        en: "Holds the cover now",
        aliases: &["已投保", "是否投保"],
    },
    Column {
        id: "first_policy",
        zh: "首次投保",
        en: "First policy",
        aliases: &["是否首次投保"],
    },
    Column {
        id: "quote_year",
        zh: "保单年度",
        en: "Policy year",
        aliases: &["投保年度"],
    },
    Column {
        id: "accidents",
        zh: "事故记录",
        en: "Accident record",
        aliases: &["事故"],
    },
    Column {
        id: "standardisation_grade",
        zh: "安全生产标准化",
        en: "Safety standardisation",
        aliases: &["安全生产标准化等级", "标准化等级"],
    },
    Column {
        id: "hidden_dangers_found",
        zh: "隐患排查发现（项）",
        en: "Hidden dangers found",
        aliases: &["隐患排查发现", "隐患发现数"],
    },
    Column {
        id: "hidden_dangers_rectified",
        zh: "已整改隐患（项）",
        en: "Hidden dangers rectified",
        aliases: &["已整改隐患", "已整改"],
    },
    Column {
        id: "major_hidden_dangers_unrectified",
        zh: "重大隐患未整改（项）",
        en: "Major hidden dangers unrectified",
        aliases: &["重大隐患未整改", "重大事故隐患未整改"],
    },
    Column {
        id: "blacklisted",
        zh: "失信名单",
        en: "On the safety blacklist",
        aliases: &["黑名单", "列入失信名单"],
    },
    Column {
        id: "credit_rating",
        zh: "诚信等级",
        en: "Credit rating",
        aliases: &["信用等级"],
    },
    Column {
        id: "honours",
        zh: "安全生产荣誉",
        en: "Safety honours",
        aliases: &["荣誉"],
    },
    Column {
        id: "prevention_service_received",
        zh: "上年度接受事故预防服务",
        en: "Received prevention services",
        aliases: &["接受事故预防服务", "事故预防服务"],
    },
    Column {
        id: "claims_ratio",
        zh: "支缴率",
        en: "Claims ratio",
        aliases: &[],
    },
    Column {
        id: "work_injuries_last_year",
        zh: "上年度工伤人数",
        en: "Work injuries last year",
        aliases: &["上年工伤人数", "工伤人数"],
    },
    Column {
        id: "risk_management_discount",
        zh: "风险管理优惠",
        en: "Risk-management discount",
        aliases: &["风险管理水平优惠"],
    },
    Column {
        id: "tags",
        zh: "标签",
        en: "Tags",
        aliases: &[],
    },
];

/// The column a header names: its id, its Chinese or English template header, or an alias
/// (surrounding space and a BOM ignored, English case-insensitive).
pub fn column(header: &str) -> Option<&'static Column> {
    let h = header.trim().trim_start_matches('\u{feff}').trim();
    COLUMNS
        .iter()
        .find(|c| c.id == h || c.zh == h || c.en.eq_ignore_ascii_case(h) || c.aliases.contains(&h))
}

/// The column of an id (for messages and the template).
pub fn column_by_id(id: &str) -> Option<&'static Column> {
    COLUMNS.iter().find(|c| c.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn towns_resolve_from_codes_and_names() {
        for t in [
            "442000105",
            "古镇镇",
            "古镇",
            "Guzhen",
            "guzhen town",
            " 古镇 ",
        ] {
            assert_eq!(town_code(t).as_deref(), Some("442000105"), "{t}");
        }
        assert_eq!(town_code("石岐").as_deref(), Some("442000001"));
        assert_eq!(town_code("火星镇"), None);
    }

    #[test]
    fn sectors_and_headers_resolve() {
        assert_eq!(sector("制造业"), "manufacturing");
        assert_eq!(sector("危化品"), "hazardous_chemicals");
        assert_eq!(sector("bespoke"), "bespoke");
        assert_eq!(column("企业名称").unwrap().id, "name");
        assert_eq!(column("从业人数").unwrap().id, "headcount");
        assert_eq!(column("镇街").unwrap().id, "town_code");
        assert_eq!(column("\u{feff}name").unwrap().id, "name");
        assert!(column("员工生日").is_none());
        // Every column id is unique, and so is every header.
        let mut seen = std::collections::BTreeSet::new();
        for c in COLUMNS {
            for h in std::iter::once(c.id)
                .chain([c.zh])
                .chain(c.aliases.iter().copied())
            {
                assert!(seen.insert(h), "duplicate header {h}");
            }
        }
    }
}
