//! Event inputs as JSON: per-district peak winds and rainstorm scenarios (暴雨情景).
//!
//! - Winds: `{"442000107": 41.3, "442000008": 33.0}` — peak wind in m/s per district code,
//!   rounded to 0.1 m/s ([`WindIndex`]); absent districts have 0.
//! - Rain: one of three forms, amounts in mm over `window_h` (24 or 48, must match the policy):
//!   a table `{"mm": {"442000107": 180.5}}`, a uniform value `{"uniform_mm": 150}` (all 23
//!   towns), or a pattern scaled by a factor `{"pattern": {"442000107": 120}, "factor": 1.5}`.
//!   Scaling is exact (decimal) and then rounded to 0.1 mm half-up ([`RainIndex`]).

use std::collections::BTreeMap;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::limits::{self, ck};
use super::policy::json_error;
use crate::map::towns::town_facts;
use crate::money::round_to;
use crate::scales::{RainIndex, WindIndex};
use crate::{Error, Result};

/// JSON form of a rainstorm scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RainScenarioDto {
    /// Name, e.g. "2020-05-21/22 暴雨".
    #[serde(default)]
    pub name: Option<String>,
    /// Accumulation window, hours (24 or 48). Default 24.
    #[serde(default)]
    pub window_h: Option<u32>,
    /// Per-district table, mm.
    #[serde(default)]
    pub mm: Option<BTreeMap<String, Value>>,
    /// One amount for all 23 towns, mm.
    #[serde(default)]
    pub uniform_mm: Option<Value>,
    /// Per-district pattern, mm, multiplied by `factor`.
    #[serde(default)]
    pub pattern: Option<BTreeMap<String, Value>>,
    /// Factor for `pattern` (default 1).
    #[serde(default)]
    pub factor: Option<Value>,
}

/// A validated rainstorm scenario: rounded amounts per district code.
#[derive(Debug, Clone, PartialEq)]
pub struct RainScenario {
    /// Name ("rain" when absent).
    pub name: String,
    /// Window, hours.
    pub window_h: u32,
    /// Amount per district code (all codes known), mm rounded to 0.1.
    pub amounts: BTreeMap<String, RainIndex>,
}

/// Rainfall labels (雨量) as the payout view's form names them.
const RAIN: (&str, &str) = ("雨量（mm）", "rainfall (mm)");

fn dec(field: &str, v: &Value) -> Result<Decimal> {
    let text = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => {
            let got = other.to_string();
            return Err(limits::not_a_number(field, RAIN.0, RAIN.1, &got));
        }
    };
    limits::parse_dec(field, RAIN.0, RAIN.1, &text)
}

fn to_index(field: &str, mm: Decimal) -> Result<RainIndex> {
    limits::dec_in(
        field,
        RAIN.0,
        RAIN.1,
        mm,
        Decimal::ZERO,
        Decimal::from(limits::MAX_RAIN_MM),
        "0–3,000 mm",
    )?;
    // Round in decimal (half-up to 0.1 mm); the f64 of a one-decimal value × 10 rounds exactly.
    let r = round_to(mm, 1);
    Ok(RainIndex::from_mm(r.to_f64().unwrap_or(0.0)))
}

fn known(field: &str, code: &str, codes: &[String]) -> Result<()> {
    if codes.iter().any(|c| c == code) {
        Ok(())
    } else {
        Err(Error::UnknownDistrict(format!(
            "{field}: '{code}' is not one of the 23 Zhongshan district codes"
        )))
    }
}

impl RainScenario {
    /// Parses and validates a rainstorm scenario.
    ///
    /// # Errors
    /// [`Error::NotJson`] for malformed JSON; [`Error::InvalidInput`] when none or more than one
    /// of `mm` / `uniform_mm` / `pattern` is given, an amount is negative, or the window is not
    /// 24 or 48; [`Error::UnknownDistrict`] for an unknown code.
    pub fn from_json(text: &str) -> Result<RainScenario> {
        let dto: RainScenarioDto =
            serde_json::from_str(text).map_err(|e| match json_error("rain scenario", e) {
                Error::InvalidPolicy(m) => Error::InvalidInput(m),
                o => o,
            })?;
        RainScenario::from_dto(&dto)
    }

    /// Validates a DTO.
    ///
    /// # Errors
    /// As [`RainScenario::from_json`], without `NotJson`.
    pub fn from_dto(dto: &RainScenarioDto) -> Result<RainScenario> {
        let window_h = dto.window_h.unwrap_or(24);
        if window_h != 24 && window_h != 48 {
            return Err(Error::invalid_field(
                "rain.window_h",
                format!("雨量时段须为 24 或 48 小时（收到 {window_h} 小时）"),
                format!("window_h: {window_h} h is not supported (24 or 48)"),
            ));
        }
        let forms = [
            dto.mm.is_some(),
            dto.uniform_mm.is_some(),
            dto.pattern.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count();
        if forms != 1 {
            return Err(Error::InvalidInput(format!(
                "rain scenario: give exactly one of 'mm', 'uniform_mm', 'pattern' (got {forms})"
            )));
        }
        if dto.factor.is_some() && dto.pattern.is_none() {
            return Err(Error::InvalidInput(
                "factor: only applies to 'pattern'".into(),
            ));
        }
        let codes: Vec<String> = town_facts().into_iter().map(|t| t.code).collect();
        let mut amounts = BTreeMap::new();
        if let Some(table) = &dto.mm {
            for (code, v) in table {
                let f = format!("rain.mm.{code}");
                known(&f, code, &codes)?;
                amounts.insert(code.clone(), to_index(&f, dec(&f, v)?)?);
            }
        } else if let Some(v) = &dto.uniform_mm {
            let mm = dec("rain.uniform_mm", v)?;
            let index = to_index("rain.uniform_mm", mm)?;
            for code in &codes {
                amounts.insert(code.clone(), index);
            }
        } else if let Some(pattern) = &dto.pattern {
            let factor = dto
                .factor
                .as_ref()
                .map(|v| dec("rain.factor", v))
                .transpose()?
                .unwrap_or(Decimal::ONE);
            limits::dec_in(
                "rain.factor",
                "雨型倍数",
                "pattern factor",
                factor,
                Decimal::ZERO,
                Decimal::from(limits::MAX_RAIN_FACTOR),
                "0–100",
            )?;
            for (code, v) in pattern {
                let f = format!("rain.pattern.{code}");
                known(&f, code, &codes)?;
                let mm = dec(&f, v)?;
                // Each pattern amount is in range before scaling, so the product is bounded.
                limits::dec_in(
                    &f,
                    RAIN.0,
                    RAIN.1,
                    mm,
                    Decimal::ZERO,
                    Decimal::from(limits::MAX_RAIN_MM),
                    "0–3,000 mm",
                )?;
                amounts.insert(code.clone(), to_index(&f, ck::mul(&f, mm, factor)?)?);
            }
        }
        Ok(RainScenario {
            name: dto.name.clone().unwrap_or_else(|| "rain".to_string()),
            window_h,
            amounts,
        })
    }
}

impl RainScenario {
    /// The event indices for `policy`, checking that the scenario's window matches the
    /// policy's rain peril.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the policy has no rain peril or the windows differ.
    pub fn indices_for(&self, policy: &super::policy::Policy) -> Result<super::EventIndices> {
        let p = policy.rain_peril()?;
        let (event_h, policy_h) = (self.window_h, p.window.hours());
        if policy_h != event_h {
            return Err(Error::invalid_field(
                "rain.window_h",
                format!("雨量时段为 {event_h} 小时，而保单的暴雨指数按 {policy_h} 小时累计雨量计算：请改选 {policy_h} 小时"),
                format!("rainfall window: the event gives {event_h} h rainfall but the policy's rain index is {policy_h} h; choose {policy_h} h"),
            ));
        }
        Ok(super::EventIndices::Rain(self.amounts.clone()))
    }
}

/// Parses `{"code": peak_wind_ms, …}` into rounded wind indices.
///
/// # Errors
/// [`Error::NotJson`] for malformed JSON; [`Error::InvalidInput`] for a value that is not a
/// finite non-negative number; [`Error::UnknownDistrict`] for an unknown code.
pub fn wind_indices_from_json(text: &str) -> Result<BTreeMap<String, WindIndex>> {
    let map: BTreeMap<String, Value> =
        serde_json::from_str(text).map_err(|e| match json_error("wind indices", e) {
            Error::InvalidPolicy(m) => Error::InvalidInput(m),
            o => o,
        })?;
    let codes: Vec<String> = town_facts().into_iter().map(|t| t.code).collect();
    let mut out = BTreeMap::new();
    for (code, v) in map {
        known("wind indices", &code, &codes)?;
        let field = format!("winds.{code}");
        let (zh, en) = (
            format!("{code} 的峰值风速（m/s）"),
            format!("the peak wind (m/s) of {code}"),
        );
        let ms = v
            .as_f64()
            .ok_or_else(|| limits::not_a_number(&field, &zh, &en, &v.to_string()))?;
        let ms = limits::f64_in(&field, &zh, &en, ms, 0.0, limits::MAX_WIND_MS, "0–150 m/s")?;
        out.insert(code, WindIndex::from_ms(ms));
    }
    Ok(out)
}
