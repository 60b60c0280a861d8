//! Forecast mode at the JS boundary (预报模式): the `ForecastEnsemble` handle that runs the
//! ensemble of `crate::forecast` in chunks (so the page never blocks and can be cancelled),
//! and the built-in example bulletin. See docs/briefing.md §1 and §7. What the bulletin table
//! shows is built by [`crate::present::forecast`].

use wasm_bindgen::prelude::*;

use super::convert::to_value;
use crate::forecast::{Bulletin, ForecastConfig, ForecastRun};
use crate::map::DistrictLayer;
use crate::payout::policy::Policy;
use crate::Error;

/// The example bulletin (示例, not a CMA bulletin: Saola 2309's best-track points at the lead
/// times; docs/briefing.md §2), compiled in so the page needs no fetch.
const EXAMPLE_BULLETIN: &str = include_str!("../../data/forecasts/example_bulletin.json");

/// Largest random seed accepted from JS: 2^53 − 1, the largest integer a JS number holds
/// exactly (so the seed in a shared link is the seed that ran).
const MAX_SEED: f64 = 9_007_199_254_740_991.0;

/// A forecast-ensemble run (集合预报): built from a bulletin, stepped in chunks by the page.
#[wasm_bindgen]
pub struct ForecastEnsemble {
    bulletin: Bulletin,
    run: ForecastRun,
    layer: DistrictLayer,
}

impl ForecastEnsemble {
    /// The bulletin (for the regional map).
    pub(crate) fn parsed(&self) -> &Bulletin {
        &self.bulletin
    }
    /// The run (for the regional map's inset).
    pub(crate) fn run(&self) -> &ForecastRun {
        &self.run
    }
    /// The towns of the run.
    pub(crate) fn layer(&self) -> &DistrictLayer {
        &self.layer
    }
}

/// A whole number in `0…max` from JS, else `OUT_OF_RANGE` on `field`.
fn whole(field: &str, zh: &str, v: f64, max: f64) -> Result<f64, Error> {
    if v.is_finite() && v.fract() == 0.0 && (0.0..=max).contains(&v) {
        Ok(v)
    } else {
        let shown = crate::validate::show_f64(v);
        Err(Error::out_of_range(
            field,
            format!("{zh}须为 0–{max} 的整数，收到 {shown}"),
            format!("{field} must be a whole number from 0 to {max}, got {shown}"),
        ))
    }
}

exports! {
impl ForecastEnsemble {
    /// The example bulletin's JSON text (to prefill the bulletin editor; compiled in, no
    /// fetch).
    #[wasm_bindgen(js_name = exampleBulletinJson)]
    pub fn example_bulletin_json() -> Result<String> {
        Ok(EXAMPLE_BULLETIN.to_string())
    }

    /// Validates a bulletin (JSON text, docs/briefing.md §2), the member count (1…500), the
    /// seed (0…2^53 − 1) and the policy (`null` = the built-in 示例 policy), and prepares the
    /// run. Nothing runs until [`ForecastEnsemble::step`].
    #[wasm_bindgen(constructor)]
    pub fn new(
        bulletin_json: &str,
        members: f64,
        seed: f64,
        policy_json: Option<String>,
    ) -> Result<ForecastEnsemble> {
        let members = whole("members", "集合成员数", members, f64::from(u32::MAX))?;
        let seed = whole("seed", "随机种子", seed, MAX_SEED)?;
        let bulletin = Bulletin::from_json(bulletin_json)?;
        let policy = match policy_json.as_deref() {
            None | Some("") => Policy::default_zhongshan(),
            Some(t) => Policy::from_json(t)?,
        };
        // `whole` bounds both: the casts are exact.
        let config = ForecastConfig {
            members: members as u32,
            seed: seed as u64,
            ..ForecastConfig::default()
        };
        let layer = DistrictLayer::builtin();
        let run = ForecastRun::new(&bulletin, &config, &layer, &policy)?;
        Ok(ForecastEnsemble {
            bulletin,
            run,
            layer,
        })
    }

    /// Runs up to `n` more members (at most 50 per call, so one call stays short); returns
    /// `{done, total}`.
    pub fn step(&mut self, n: usize) -> Result<JsValue> {
        let p = self.run.step(n.clamp(1, 50))?;
        Ok(to_value(&p)?)
    }

    /// Whether every member has run.
    #[wasm_bindgen(js_name = isDone)]
    pub fn is_done(&self) -> Result<bool> {
        Ok(self.run.is_done())
    }

    /// The result (after every member ran): `{name_zh, issued, members, seed, districts:
    /// [{code, name_zh, name_en, exposure, p_level_ge: {8, 10, 12}, p_signal: {white, blue,
    /// yellow, orange, red}, wind_2min_p50_ms, wind_2min_p90_ms}], payout: {p_any, mean_yuan,
    /// p10_yuan, p50_yuan, p90_yuan, min_yuan, max_yuan, histogram: [{lo_yuan, hi_yuan,
    /// count}]}, citation}`. Money: decimal strings in 元, after deductible and caps.
    pub fn result(&self) -> Result<JsValue> {
        Ok(to_value(&self.run.result()?)?)
    }

    /// The bulletin as parsed: `{name_zh, name_en, issued, points: [{lead_h, lat, lon,
    /// wind_ms, pressure_hpa, cone70_km}]}` (`cone70_km`: the published 70 % cone radius).
    #[wasm_bindgen(js_name = bulletinInfo)]
    pub fn bulletin_info(&self) -> Result<JsValue> {
        Ok(to_value(&crate::present::forecast::bulletin_info(&self.bulletin))?)
    }
}
}
