//! Seeded synthetic enterprises (合成企业数据) for demos and benchmarks — **not real data**.
//!
//! The crate's one seeded generator ([`crate::rng::Rng`]) makes the set reproducible natively
//! and in the browser (no clock, no OS randomness): the same seed gives the same enterprises
//! everywhere.
//! Towns are drawn with weights proportional to their 2021 resident population (from
//! `towns.csv`); sectors, sizes, limits, accident records and compliance facts follow plausible
//! but **invented** \[I\] shares, chosen so every rule-set factor is exercised.

// The arithmetic below runs on fixed tables and the generator's own bits; the only inputs are
// the seed (any u64 is fine: the generator wraps by design) and `n`, which callers check with
// [`check_count`] before generating. Every index comes from `weighted` over the same table.
#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing)]

use super::enterprise::{AccidentInput, EnterpriseInput, HiddenDangersInput, NumText};
use crate::rng::Rng;
use crate::{Error, Result};

/// Most synthetic enterprises generated in one call (the browser benchmark uses all 100,000).
pub const MAX_SYNTHETIC: u32 = 100_000;

/// Checks a requested number of synthetic enterprises before anything is allocated.
///
/// # Errors
/// `TOO_LARGE` (field `synthetic.n`) above [`MAX_SYNTHETIC`].
pub fn check_count(n: u32) -> Result<usize> {
    if n > MAX_SYNTHETIC {
        return Err(Error::too_large(
            "synthetic.n",
            format!("合成企业数 {n} 超过上限 {MAX_SYNTHETIC}"),
            format!("{n} synthetic enterprises is over the limit of {MAX_SYNTHETIC}"),
        ));
    }
    Ok(n as usize)
}

/// Sectors with weights per mille \[I\] (Zhongshan is manufacturing-heavy: lighting, appliances,
/// furniture) and a headcount range.
const SECTORS: &[(&str, u64, u32, u32)] = &[
    ("manufacturing", 560, 10, 1500),
    ("construction", 90, 20, 800),
    ("hazardous_chemicals", 30, 10, 300),
    ("fireworks", 2, 5, 60),
    ("civil_explosives", 1, 10, 80),
    ("mining", 2, 20, 200),
    ("metal_smelting", 25, 20, 600),
    ("transport", 70, 5, 400),
    ("fishery", 20, 3, 40),
    ("commerce", 120, 5, 300),
    ("services", 80, 3, 200),
];

const LIMITS: &[(&str, u64)] = &[
    ("400000", 450),
    ("500000", 250),
    ("600000", 150),
    ("800000", 100),
    ("1000000", 50),
];

const GRADES: &[(&str, u64)] = &[
    ("level1", 30),
    ("level2", 150),
    ("level3", 420),
    ("none", 400),
];

/// Generates `n` synthetic enterprises from `seed`. Names are `合成企业NNNNNN` (synthetic).
/// Every enterprise is valid input and can be priced by the per-head built-in rule sets.
pub fn generate(seed: u64, n: usize) -> Vec<EnterpriseInput> {
    let mut rng = Rng::new(seed);
    let towns = crate::map::towns::town_facts();
    let town_w: Vec<u64> = towns
        .iter()
        .map(|t| t.numbers.get("population").copied().unwrap_or(0.0).max(0.0) as u64)
        .collect();
    let sector_w: Vec<u64> = SECTORS.iter().map(|s| s.1).collect();
    let limit_w: Vec<u64> = LIMITS.iter().map(|s| s.1).collect();
    let grade_w: Vec<u64> = GRADES.iter().map(|s| s.1).collect();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let town = &towns[rng.weighted(&town_w)];
        let (sector, _, lo, hi) = SECTORS[rng.weighted(&sector_w)];
        // Log-uniform-ish size: most units are small.
        let span = (hi - lo) as u64;
        let headcount = lo + (rng.below(span + 1) * rng.below(span + 1) / (span + 1)) as u32;
        let compulsory = !matches!(sector, "manufacturing" | "commerce" | "services");
        let insured = if compulsory {
            rng.chance(850)
        } else {
            rng.chance(300)
        };
        let mut accidents = Vec::new();
        for year in [2024i32, 2023] {
            if rng.chance(60) {
                let g = match rng.below(1000) {
                    0..=939 => "一般",
                    940..=994 => "较大",
                    995..=998 => "重大",
                    _ => "特别重大",
                };
                let count: u32 = if rng.chance(100) { 2 } else { 1 };
                accidents.push(AccidentInput {
                    year: NumText::from(year),
                    grade: g.to_string(),
                    count: Some(NumText::from(count)),
                });
            }
        }
        let found = if rng.chance(600) {
            rng.below(12) as u32
        } else {
            0
        };
        let rectified = if found > 0 {
            found - rng.below(found as u64 / 3 + 1) as u32
        } else {
            0
        };
        let major_unrectified = if found > rectified && rng.chance(150) {
            1
        } else {
            0
        };
        let honours = match rng.below(1000) {
            0..=19 => Some("province".to_string()),
            20..=79 => Some("city".to_string()),
            _ => None,
        };
        out.push(EnterpriseInput {
            name: format!("合成企业{:06}", i + 1),
            town_code: town.code.clone(),
            sector: sector.to_string(),
            headcount: NumText::from(headcount),
            per_person_limit: Some(NumText::Text(LIMITS[rng.weighted(&limit_w)].0.to_string())),
            insured,
            first_policy: rng.chance(80),
            quote_year: Some(NumText::from(2025i32)),
            accidents,
            standardisation_grade: Some(GRADES[rng.weighted(&grade_w)].0.to_string()),
            hidden_dangers: HiddenDangersInput {
                found: Some(NumText::from(found)),
                rectified: Some(NumText::from(rectified)),
                major_unrectified: Some(NumText::from(major_unrectified)),
            },
            blacklisted: rng.chance(15),
            credit_rating: match rng.below(1000) {
                0..=149 => Some("A".to_string()),
                150..=399 => Some("B".to_string()),
                400..=449 => Some("C".to_string()),
                _ => None,
            },
            honours,
            prevention_service_received: insured && rng.chance(400),
            ..EnterpriseInput::default()
        });
    }
    out
}
