//! Town facts (镇街基础数据) from `data/towns.csv`, a copy of `../shared/data/towns.csv`.
//!
//! Sources (see README "Data sources"): codes and names NBS 2023 统计用区划代码 (npm
//! `china-division`, MIT); seats OSM `admin_centre` nodes; population 2021 year-end residents
//! (中山市统计局); surge and coastal classes are expert judgement, not a model; elevation
//! indicators from a ~1 km DEM (relative only). Numbers are read from the file, never retyped.

use std::collections::BTreeMap;

use geo::Point;

/// The committed facts file, embedded so the widget needs no network.
pub const TOWNS_CSV: &str = include_str!("../../data/towns.csv");

/// One row of `towns.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct TownFacts {
    /// 9-digit code, e.g. `442000107`.
    pub code: String,
    /// Chinese name (坦洲镇).
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// 街道 or 镇.
    pub kind: String,
    /// Seat / label point (镇街驻地), WGS-84.
    pub seat: Point<f64>,
    /// Numeric facts, keyed by the attribute names used across the crate (see [`attribute_label`]).
    pub numbers: BTreeMap<String, f64>,
    /// Text facts (kind, coastal, surge class…).
    pub text: BTreeMap<String, String>,
}

/// Ordinal of the storm-surge exposure class (风暴潮暴露): low 0, medium 1, medium-high 2, high 3.
pub fn surge_class_ordinal(class: &str) -> Option<f64> {
    match class {
        "low" => Some(0.0),
        "medium" => Some(1.0),
        "medium-high" => Some(2.0),
        "high" => Some(3.0),
        _ => None,
    }
}

/// Parses the embedded `towns.csv`. Panics only if the committed file is broken, which the
/// unit tests catch before any build ships.
#[allow(clippy::expect_used)] // committed data, parsed by the unit tests (harden: lint)
pub fn town_facts() -> Vec<TownFacts> {
    parse_towns(TOWNS_CSV).expect("data/towns.csv is valid (checked by tests)")
}

/// Parses towns CSV text into facts, naming line and column on error.
pub fn parse_towns(text: &str) -> crate::Result<Vec<TownFacts>> {
    let table = crate::csv_lite::parse(text)?;
    let mut out = Vec::new();
    for rec in &table.records {
        let get = |name: &str| -> crate::Result<&str> {
            table.get(rec, name).ok_or_else(|| {
                crate::Error::InvalidInput(format!("towns CSV: column '{name}' is missing"))
            })
        };
        let num = |name: &str| -> crate::Result<f64> {
            let raw = get(name)?;
            raw.trim().parse::<f64>().map_err(|_| {
                crate::Error::InvalidInput(format!(
                    "towns CSV line {}, field {name}: '{raw}' is not a number",
                    rec.line
                ))
            })
        };
        let yes =
            |name: &str| -> crate::Result<f64> { Ok(if get(name)? == "yes" { 1.0 } else { 0.0 }) };
        let mut numbers = BTreeMap::new();
        let population = num("population_2021")?;
        let area = num("area_km2")?;
        numbers.insert("population".to_string(), population);
        numbers.insert("area_km2".to_string(), area);
        // Density from the fact area (OSM geodesic), never from schematic cell areas.
        numbers.insert("population_density".to_string(), population / area);
        numbers.insert("coastal".to_string(), yes("coastal")?);
        let surge = get("surge_exposure")?;
        numbers.insert(
            "surge_exposure".to_string(),
            surge_class_ordinal(surge).ok_or_else(|| {
                crate::Error::InvalidInput(format!(
                    "towns CSV line {}, field surge_exposure: unknown class '{surge}'",
                    rec.line
                ))
            })?,
        );
        numbers.insert("elev_mean_m".to_string(), num("elev_mean_m")?);
        numbers.insert("elev_max_m".to_string(), num("elev_max_m")?);
        numbers.insert("share_le_2m".to_string(), num("share_le_2m")?);
        numbers.insert("share_le_5m".to_string(), num("share_le_5m")?);
        numbers.insert("hilly".to_string(), yes("hilly")?);
        // Wind exposure class of the seat (docs/wind.md §3): validated here so a typo in the
        // data fails the tests, not the wind model.
        let exposure = get("wind_exposure")?;
        // (The map layer sits below the hazard layer, so the class names are checked here.)
        if !["sea", "coast", "open", "suburban", "urban"].contains(&exposure) {
            return Err(crate::Error::InvalidInput(format!(
                "towns CSV line {}, field wind_exposure: unknown class '{exposure}'",
                rec.line
            )));
        }
        let mut text = BTreeMap::new();
        for key in [
            "kind",
            "coastal",
            "surge_exposure",
            "hilly",
            "population_note",
            "met_stations",
            "name_pinyin",
            "wind_exposure",
            "wind_exposure_note",
        ] {
            text.insert(key.to_string(), get(key)?.to_string());
        }
        out.push(TownFacts {
            code: get("code")?.to_string(),
            name_zh: get("name_zh")?.to_string(),
            name_en: get("name_en")?.to_string(),
            kind: get("kind")?.to_string(),
            seat: Point::new(num("lon")?, num("lat")?),
            numbers,
            text,
        });
    }
    Ok(out)
}

/// Facts for one code, if it is one of the 23 towns.
pub fn facts_for(code: &str) -> Option<TownFacts> {
    town_facts().into_iter().find(|t| t.code == code)
}

/// Human label (zh, en, unit) for the built-in attribute names, for legends and tables.
pub fn attribute_label(name: &str) -> Option<(&'static str, &'static str, &'static str)> {
    Some(match name {
        "population" => ("常住人口 (2021)", "Resident population (2021)", "人"),
        "area_km2" => ("面积", "Area", "km²"),
        "population_density" => ("人口密度", "Population density", "人/km²"),
        "coastal" => ("沿海", "Coastal", ""),
        "surge_exposure" => ("风暴潮暴露", "Storm-surge exposure", ""),
        "elev_mean_m" => ("平均高程", "Mean elevation", "m"),
        "elev_max_m" => ("最高高程", "Max elevation", "m"),
        "share_le_2m" => ("低洼地占比 (≤2 m)", "Low-lying share (≤2 m)", "%"),
        "share_le_5m" => ("低洼地占比 (≤5 m)", "Low-lying share (≤5 m)", "%"),
        "hilly" => ("山地 (最高≥100 m)", "Hilly (max ≥100 m)", ""),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_towns_file_has_23_units_summing_to_the_official_population() {
        let towns = town_facts();
        assert_eq!(towns.len(), 23);
        let total: f64 = towns.iter().map(|t| t.numbers["population"]).sum();
        assert_eq!(total, 4_466_900.0);
        let tanzhou = towns.iter().find(|t| t.code == "442000107").unwrap();
        assert_eq!(tanzhou.name_zh, "坦洲镇");
        assert_eq!(tanzhou.numbers["surge_exposure"], 3.0);
        assert!((tanzhou.seat.x() - 113.46585).abs() < 1e-9);
    }

    #[test]
    fn bad_number_names_line_and_field() {
        let text = TOWNS_CSV.replacen("260394", "lots", 1);
        let e = parse_towns(&text).unwrap_err();
        assert!(
            e.to_string().contains("line 2, field population_2021"),
            "{e}"
        );
    }
}
