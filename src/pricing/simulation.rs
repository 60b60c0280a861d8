//! Resumable year simulation (年度模拟): Poisson storm counts, catalogue picks, payouts under
//! the per-event cap and the annual aggregate, modelled losses; then exceedance curves
//! (超越概率), return periods (重现期), expected payout (期望赔付) with its standard error, the
//! technical premium (技术保费) and basis risk (基差风险).
//!
//! **Fast path.** Each catalogue event is paid once with [`crate::payout::pay_event`]
//! (fresh year, so only the deductible and the per-event cap apply) and kept in whole fen with
//! its district allocation. A simulated year then only takes `paid = min(capped, aggregate
//! left)`; when the aggregate cuts an event, the district split is redone with the engine's
//! [`largest_remainder`] on the same keys (raw weight × tier ratio). The totals and district
//! lines are therefore identical to [`crate::payout::pay_season`] on the same events (tested).
//!
//! Year y draws from its own random stream ([`Rng::for_item`]), so results do not depend on
//! chunk sizes, and the first N years of a longer run are the N-year run.

use std::collections::BTreeMap;

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::catalogue::check_lambda;
use super::catalogue::{catalogue_strata, Catalogue, CatalogueSource, Progress, SYNTHETIC_BASES};
use super::damage::{EmanuelParams, ExposureSpec};
use super::premium::{technical_premium, Loadings, TechnicalPremium};
use crate::money::round_fen;
use crate::payout::engine::{largest_remainder, pay_event, EventIndices};
use crate::payout::limits::{self, ck};
use crate::payout::Policy;
use crate::rng::Rng;
use crate::{Error, Result};

/// Most simulated years N of one run (the year records take ~40 bytes each).
pub const MAX_YEARS: u32 = 1_000_000;

/// Checks a number of simulated years N: 1…[`MAX_YEARS`].
///
/// # Errors
/// `OUT_OF_RANGE` for 0, `TOO_LARGE` above the maximum, naming `simulation.years`.
pub fn check_years(years: u32) -> Result<()> {
    const L: (&str, &str) = ("模拟年数 N", "years N");
    if years == 0 {
        return Err(limits::out_of_range(
            "simulation.years",
            L.0,
            L.1,
            "1–1,000,000",
            years,
        ));
    }
    if years > MAX_YEARS {
        return Err(Error::too_large(
            "simulation.years",
            format!("{}过大：{years}，最多 {MAX_YEARS} 年", L.0),
            format!("{} is too large: {years}, at most {MAX_YEARS}", L.1),
        ));
    }
    Ok(())
}

/// Random-stream family of simulated years.
const STREAM_YEARS: u64 = 2;

/// Return periods of the table (重现期表), years.
pub const RETURN_PERIODS: [f64; 6] = [5.0, 10.0, 20.0, 50.0, 100.0, 200.0];

/// A return period resting on fewer simulated exceedances than this is flagged
/// (仅 n 次超越): its relative sampling error, about 1/√n, is then above 18 %
/// (docs/payout-pricing.md §5).
pub const FEW_EXCEEDANCES: usize = 30;

/// Settings of a year simulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SimulationConfig {
    /// Number of simulated years N; default 10,000 (1…1,000,000).
    pub years: u32,
    /// Random seed of the year draws.
    pub seed: u64,
    /// Annual storm frequency λ (Poisson mean). `None`: the catalogue's Σ rates (the
    /// catalogue's λ for a synthetic one). Setting it rescales all rates proportionally.
    pub lambda: Option<f64>,
    /// Exposure for the modelled loss \[I\].
    pub exposure: ExposureSpec,
    /// Damage function (Emanuel 2011, WP3 China RMSF by default).
    pub damage: EmanuelParams,
    /// A modelled event/annual loss counts as "a loss" (有损失) from this amount, yuan;
    /// default 1 亿元 \[I\].
    pub material_loss_yuan: f64,
    /// Loadings of the technical premium (default: docs/domain.md §1.3 gross-up).
    pub loadings: Loadings,
    /// Premium to compare with; `None`: the policy's stated premium, if any.
    pub compare_premium: Option<Decimal>,
}

impl Default for SimulationConfig {
    fn default() -> Self {
        SimulationConfig {
            years: 10_000,
            seed: 1,
            lambda: None,
            exposure: ExposureSpec::default(),
            damage: EmanuelParams::default(),
            material_loss_yuan: 100_000_000.0,
            loadings: Loadings::default(),
            compare_premium: None,
        }
    }
}

/// One catalogue event, paid once.
#[derive(Debug, Clone)]
struct PricedEvent {
    /// After deductible and per-event cap, before the aggregate, fen.
    capped_fen: i64,
    /// District split of `capped_fen`, fen, code order.
    alloc_fen: Vec<i64>,
    /// Allocation keys (raw weight × ratio, or raw weight if all zero), for aggregate cuts.
    keys: Vec<Decimal>,
    /// Modelled loss per district, yuan.
    loss: Vec<f64>,
    /// Σ loss, yuan.
    loss_total: f64,
}

/// Per-year record.
#[derive(Debug, Clone, Copy, Default)]
struct YearRecord {
    /// Paid in the year, after the annual aggregate, fen.
    paid_fen: i64,
    /// Σ of the year's event payouts before the annual aggregate (after deductible and
    /// per-event cap), fen: the year's total S before `min(A, S)`.
    capped_fen: i64,
    /// Largest single event payout before the annual aggregate, fen (the OEP variable).
    max_capped_fen: i64,
    loss: f64,
    events: u32,
}

/// Running sums over event occurrences (for the per-event basis-risk view).
#[derive(Debug, Clone, Copy, Default)]
struct Moments {
    n: f64,
    sx: f64,
    sy: f64,
    sxx: f64,
    syy: f64,
    sxy: f64,
}

impl Moments {
    fn add(&mut self, x: f64, y: f64) {
        self.n += 1.0;
        self.sx += x;
        self.sy += y;
        self.sxx += x * x;
        self.syy += y * y;
        self.sxy += x * y;
    }
    fn correlation(&self) -> Option<f64> {
        if self.n < 2.0 {
            return None;
        }
        let cov = self.sxy - self.sx * self.sy / self.n;
        let vx = self.sxx - self.sx * self.sx / self.n;
        let vy = self.syy - self.sy * self.sy / self.n;
        (vx > 0.0 && vy > 0.0).then(|| cov / (vx * vy).sqrt())
    }
}

/// Basis-risk tallies (基差风险统计) over events or years.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct BasisCounts {
    /// How many items (event occurrences or years) were tallied.
    pub items: u64,
    /// Index pays and the modelled loss is material.
    pub paid_with_loss: u64,
    /// Index pays, modelled loss below the threshold (赔付无损失).
    pub paid_without_loss: u64,
    /// Material loss, no payout (有损失未赔付).
    pub loss_without_payout: u64,
    /// Neither.
    pub neither: u64,
    /// Σ payouts of the "paid without loss" items, yuan.
    pub payout_without_loss: Decimal,
    /// Σ modelled losses of the "loss without payout" items, yuan.
    pub unpaid_loss: Decimal,
    /// Pearson correlation of payout and modelled loss (None if degenerate).
    pub correlation: Option<f64>,
}

#[derive(Debug, Clone, Default)]
struct Tally {
    items: u64,
    both: u64,
    pay_only: u64,
    loss_only: u64,
    neither: u64,
    pay_only_fen: i128,
    loss_only_yuan: f64,
    m: Moments,
}

impl Tally {
    fn add(&mut self, paid_fen: i64, loss: f64, material: f64) {
        // Counts are bounded by the simulated years × storms (≤ 1e6 × 1000): saturating adds
        // never saturate in practice.
        self.items = self.items.saturating_add(1);
        let (p, l) = (paid_fen > 0, loss >= material);
        match (p, l) {
            (true, true) => self.both = self.both.saturating_add(1),
            (true, false) => {
                self.pay_only = self.pay_only.saturating_add(1);
                self.pay_only_fen = self.pay_only_fen.saturating_add(i128::from(paid_fen));
            }
            (false, true) => {
                self.loss_only = self.loss_only.saturating_add(1);
                self.loss_only_yuan += loss;
            }
            (false, false) => self.neither = self.neither.saturating_add(1),
        }
        self.m.add(fen_f64(paid_fen), loss);
    }
    fn counts(&self) -> BasisCounts {
        BasisCounts {
            items: self.items,
            paid_with_loss: self.both,
            paid_without_loss: self.pay_only,
            loss_without_payout: self.loss_only,
            neither: self.neither,
            payout_without_loss: fen_to_yuan(self.pay_only_fen),
            unpaid_loss: yuan_f64(self.loss_only_yuan),
            correlation: self.m.correlation(),
        }
    }
}

/// A resumable, deterministic Monte-Carlo pricing run (随机模拟定价). No threads, no clock:
/// the widget calls [`Simulation::step`] in chunks between frames and reads
/// [`Simulation::result`] (also on a partial run, for a live preview).
///
/// ```
/// use zs_risk_map::pricing::{catalogue::*, simulation::*};
/// use zs_risk_map::payout::Policy;
/// let cat = Catalogue::synthetic(&CatalogueConfig { size: 50, ..Default::default() }).unwrap();
/// let cfg = SimulationConfig { years: 500, ..Default::default() };
/// let mut sim = Simulation::new(&cat, &Policy::default_zhongshan(), &cfg).unwrap();
/// while !sim.is_done() { sim.step(128); }
/// let r = sim.result().unwrap();
/// assert_eq!(r.years, 500);
/// assert!(r.prob_any_payout <= 1.0);
/// ```
#[derive(Debug, Clone)]
pub struct Simulation {
    config: SimulationConfig,
    lambda: f64,
    cum_rates: Vec<f64>,
    events: Vec<PricedEvent>,
    catalogue_names: Vec<String>,
    codes: Vec<String>,
    names_zh: Vec<String>,
    sum_insured: Decimal,
    aggregate_fen: i64,
    policy_premium: Option<Decimal>,
    total_exposure: f64,
    catalogue_size: usize,
    /// Whether every event has the same rate (synthetic catalogues): exact Decimal mean.
    equal_rates: bool,
    /// λ · p_k: each event's expected occurrences per year.
    event_year_rates: Vec<f64>,
    /// Strata of a sampled (synthetic) catalogue for its variance; `None` for a given set.
    strata: Option<Vec<Vec<usize>>>,
    // accumulators
    years: Vec<YearRecord>,
    district_paid_fen: Vec<i128>,
    /// Σ over simulated events of their district allocations before the aggregate, fen.
    district_capped_fen: Vec<i128>,
    district_years_paid: Vec<u64>,
    district_loss: Vec<f64>,
    event_tally: Tally,
    year_tally: Tally,
}

/// One simulated year through the fast path (for checks against `pay_season`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearPayout {
    /// Catalogue indices of the year's events, in order.
    pub events: Vec<usize>,
    /// Σ paid, yuan.
    pub total: Decimal,
    /// Paid per district (code order), yuan.
    pub districts: Vec<Decimal>,
    /// Modelled loss, yuan.
    pub modelled_loss: f64,
}

impl Simulation {
    /// Prices every catalogue event once under `policy` and prepares the year loop.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the field: `years` outside 1…1,000,000, `lambda` not in
    /// (0, 50], a negative `material_loss_yuan`, bad exposure, damage or loadings, a policy
    /// without a typhoon peril, or a catalogue whose districts differ from the policy's.
    pub fn new(
        catalogue: &Catalogue,
        policy: &Policy,
        config: &SimulationConfig,
    ) -> Result<Simulation> {
        check_years(config.years)?;
        if let Some(l) = config.lambda {
            check_lambda("simulation.lambda", l)?;
        }
        limits::f64_in(
            "simulation.material_loss_yuan",
            "实质损失门槛（元）",
            "material-loss threshold (yuan)",
            config.material_loss_yuan,
            0.0,
            1e15,
            "0–1e15 元",
        )?;
        if let Some(p) = config.compare_premium {
            limits::dec_in(
                "pricing.compare_premium",
                "对比保费（元）",
                "premium to compare (yuan)",
                p,
                Decimal::ZERO,
                Decimal::from(limits::MAX_AMOUNT_YUAN),
                "0–1,000,000,000,000 元",
            )?;
        }
        config.exposure.validate()?;
        config.damage.validate()?;
        config.loadings.validate()?;
        if policy.typhoon.is_none() {
            return Err(Error::InvalidInput(
                "policy: no typhoon (wind) peril to price against the typhoon catalogue".into(),
            ));
        }
        let codes = catalogue.codes.clone();
        let pol_codes: Vec<&String> = policy.districts.iter().map(|d| &d.code).collect();
        if pol_codes.len() != codes.len() || pol_codes.iter().zip(&codes).any(|(a, b)| *a != b) {
            return Err(Error::InvalidInput(
                "policy: its districts differ from the catalogue's 23 codes".into(),
            ));
        }
        if catalogue.events.is_empty() {
            return Err(Error::InvalidInput("catalogue: no events".into()));
        }
        let weights_f: Vec<f64> = policy
            .districts
            .iter()
            .map(|d| policy.weight(&d.code).to_f64().unwrap_or(0.0))
            .collect();
        let si_f = policy.sum_insured.to_f64().unwrap_or(0.0);
        let exposure: Vec<f64> = match config.exposure {
            ExposureSpec::Population { yuan_per_person } => catalogue
                .population
                .iter()
                .map(|p| p * yuan_per_person)
                .collect(),
            ExposureSpec::SumInsured => weights_f.iter().map(|w| w * si_f).collect(),
        };
        let mut events = Vec::with_capacity(catalogue.events.len());
        for (i, e) in catalogue.events.iter().enumerate() {
            let map: BTreeMap<String, _> = codes
                .iter()
                .cloned()
                .zip(e.wind_2min.iter().copied())
                .collect();
            let r = pay_event(policy, &EventIndices::Wind(map))
                .map_err(|err| Error::InvalidInput(format!("catalogue event {i}: {err}")))?;
            // A fresh year: paid + cut by the aggregate = the payout before the aggregate.
            let capped = ck::add("policy", r.paid, r.cut_by_aggregate)?;
            let mut keys: Vec<Decimal> = policy
                .districts
                .iter()
                .zip(&r.districts)
                .map(|(d, l)| ck::mul("policy", d.raw_weight, l.ratio))
                .collect::<Result<_>>()?;
            if keys.iter().all(|k| k.is_zero()) {
                keys = policy.districts.iter().map(|d| d.raw_weight).collect();
            }
            let alloc_fen = if r.cut_by_aggregate.is_zero() {
                r.districts.iter().map(|l| to_fen(l.payout)).collect()
            } else {
                largest_remainder(capped, &keys)
                    .into_iter()
                    .map(to_fen)
                    .collect()
            };
            let loss: Vec<f64> = e
                .wind_1min
                .iter()
                .zip(&exposure)
                .map(|(w, x)| x * config.damage.mdd(w.ms()))
                .collect();
            let loss_total = loss.iter().sum();
            events.push(PricedEvent {
                capped_fen: to_fen(capped),
                alloc_fen,
                keys,
                loss,
                loss_total,
            });
        }
        let total_rate = catalogue.total_rate();
        let lambda = config.lambda.unwrap_or(total_rate);
        let equal_rates = catalogue
            .events
            .windows(2)
            .all(|w| w.first().map(|a| a.annual_rate) == w.get(1).map(|b| b.annual_rate));
        let event_year_rates: Vec<f64> = catalogue
            .events
            .iter()
            .map(|e| lambda * e.annual_rate / total_rate)
            .collect();
        let strata = match &catalogue.source {
            CatalogueSource::Synthetic(c) => Some(catalogue_strata(c.size, SYNTHETIC_BASES)),
            CatalogueSource::UserSet { .. } => None,
        };
        // Reserve the year records up front only for runs of ordinary size; longer ones grow.
        let years_cap = usize::try_from(config.years.min(100_000)).unwrap_or(0);
        let mut cum = 0.0;
        let cum_rates = catalogue
            .events
            .iter()
            .map(|e| {
                cum += e.annual_rate / total_rate;
                cum
            })
            .collect();
        let n = codes.len();
        Ok(Simulation {
            config: config.clone(),
            lambda,
            cum_rates,
            events,
            catalogue_names: catalogue.events.iter().map(|e| e.name.clone()).collect(),
            names_zh: policy.districts.iter().map(|d| d.name_zh.clone()).collect(),
            codes,
            sum_insured: policy.sum_insured,
            aggregate_fen: to_fen(policy.annual_aggregate),
            policy_premium: policy.premium,
            total_exposure: exposure.iter().sum(),
            catalogue_size: catalogue.events.len(),
            equal_rates,
            event_year_rates,
            strata,
            years: Vec::with_capacity(years_cap),
            district_paid_fen: vec![0; n],
            district_capped_fen: vec![0; n],
            district_years_paid: vec![0; n],
            district_loss: vec![0.0; n],
            event_tally: Tally::default(),
            year_tally: Tally::default(),
        })
    }

    /// The Poisson mean λ in use, storms per year.
    pub fn lambda(&self) -> f64 {
        self.lambda
    }

    /// The catalogue indices of year `y`'s events, in order (deterministic in (seed, y)).
    pub fn year_events(&self, y: u32) -> Vec<usize> {
        let mut rng = Rng::for_item(self.config.seed, STREAM_YEARS, y as u64);
        let n = rng.poisson(self.lambda);
        (0..n)
            .map(|_| {
                let u = rng.uniform();
                self.cum_rates
                    .partition_point(|&c| c <= u)
                    .min(self.cum_rates.len().saturating_sub(1))
            })
            .collect()
    }

    /// Pays year `y` through the fast path (does not advance the run).
    pub fn year_payout(&self, y: u32) -> YearPayout {
        let ev = self.year_events(y);
        let mut districts = vec![0i64; self.codes.len()];
        let rec = self.pay_year(&ev, &mut districts, |_, _, _| {});
        YearPayout {
            events: ev,
            total: fen_to_yuan(i128::from(rec.paid_fen)),
            districts: districts
                .into_iter()
                .map(|f| fen_to_yuan(i128::from(f)))
                .collect(),
            modelled_loss: rec.loss,
        }
    }

    /// Core of one year: the year's record (paid, Σ and max before the aggregate, loss);
    /// adds the paid district fen. Fen sums cannot overflow: a year pays at most the annual
    /// aggregate (≤ 1e14 fen) and Σ before it is saturated, far above any aggregate.
    fn pay_year(
        &self,
        ev: &[usize],
        districts: &mut [i64],
        mut on_event: impl FnMut(usize, i64, f64),
    ) -> YearRecord {
        let mut remaining = self.aggregate_fen;
        let mut rec = YearRecord {
            events: u32::try_from(ev.len()).unwrap_or(u32::MAX),
            ..YearRecord::default()
        };
        for pe_i in ev {
            let Some(pe) = self.events.get(*pe_i) else {
                continue;
            };
            let paid = pe.capped_fen.min(remaining.max(0));
            remaining = remaining.saturating_sub(paid);
            rec.paid_fen = rec.paid_fen.saturating_add(paid);
            rec.capped_fen = rec.capped_fen.saturating_add(pe.capped_fen);
            rec.max_capped_fen = rec.max_capped_fen.max(pe.capped_fen);
            rec.loss += pe.loss_total;
            if paid == pe.capped_fen {
                for (d, a) in districts.iter_mut().zip(&pe.alloc_fen) {
                    *d = d.saturating_add(*a);
                }
            } else if paid > 0 {
                let parts = largest_remainder(fen_to_yuan(i128::from(paid)), &pe.keys);
                for (d, a) in districts.iter_mut().zip(parts) {
                    *d = d.saturating_add(to_fen(a));
                }
            }
            on_event(*pe_i, paid, pe.loss_total);
        }
        rec
    }

    /// Simulates up to `n_years` more years; returns the progress (years done / N).
    pub fn step(&mut self, n_years: u32) -> Progress {
        let done = u32::try_from(self.years.len()).unwrap_or(u32::MAX);
        let end = done.saturating_add(n_years).min(self.config.years);
        let mut districts = vec![0i64; self.codes.len()];
        while (self.years.len() as u32) < end {
            let y = self.years.len() as u32;
            let ev = self.year_events(y);
            districts.iter_mut().for_each(|d| *d = 0);
            let material = self.config.material_loss_yuan;
            let mut tally = std::mem::take(&mut self.event_tally);
            let rec = self.pay_year(&ev, &mut districts, |_, p, l| tally.add(p, l, material));
            self.event_tally = tally;
            for ((total, years_paid), d) in self
                .district_paid_fen
                .iter_mut()
                .zip(self.district_years_paid.iter_mut())
                .zip(&districts)
            {
                *total = total.saturating_add(i128::from(*d));
                if *d > 0 {
                    *years_paid = years_paid.saturating_add(1);
                }
            }
            for pe in ev.iter().filter_map(|&e| self.events.get(e)) {
                for (acc, l) in self.district_loss.iter_mut().zip(&pe.loss) {
                    *acc += l;
                }
                for (acc, a) in self.district_capped_fen.iter_mut().zip(&pe.alloc_fen) {
                    *acc = acc.saturating_add(i128::from(*a));
                }
            }
            self.year_tally.add(rec.paid_fen, rec.loss, material);
            self.years.push(rec);
        }
        self.progress()
    }

    /// Years done out of N.
    pub fn progress(&self) -> Progress {
        Progress {
            done: self.years.len(),
            total: self.config.years as usize,
        }
    }

    /// Whether all N years are simulated.
    pub fn is_done(&self) -> bool {
        self.years.len() >= self.config.years as usize
    }

    /// The analysis of the years simulated so far (all N when [`Simulation::is_done`]).
    ///
    /// The expected annual payout is the two-part estimator of docs/payout-pricing.md §4:
    /// `E[S] − E[S − min(A, S)]`, where `E[S] = λ Σ_k p_k x_k` is exact for the catalogue
    /// (x_k: event k's payout after deductible and per-event cap, p_k its share of the rate)
    /// and only the amount the annual aggregate A cuts is averaged over the simulated years.
    /// Its standard error adds the catalogue's own sampling (stratified synthetic catalogues)
    /// to the year sampling.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] before the first year is simulated.
    pub fn result(&self) -> Result<PricingResult> {
        let n = self.years.len();
        if n == 0 {
            return Err(Error::InvalidInput(
                "simulation: no year simulated yet; call step() first".into(),
            ));
        }
        let n_dec = Decimal::from(n);
        #[allow(clippy::cast_precision_loss)] // n ≤ 1,000,000: exact in f64
        let nf = n as f64;
        let sum_fen: i128 = self.years.iter().map(|y| i128::from(y.paid_fen)).sum();
        let cut_fen: Vec<i64> = self
            .years
            .iter()
            .map(|y| y.capped_fen.saturating_sub(y.paid_fen))
            .collect();
        let cut_sum: i128 = cut_fen.iter().map(|&c| i128::from(c)).sum();
        let mean_simulated = checked_div(fen_to_yuan(sum_fen), n_dec);
        let mean_cut = checked_div(fen_to_yuan(cut_sum), n_dec);
        let expected_exact = self
            .expected_before_aggregate(None)
            .checked_sub(mean_cut)
            .unwrap_or(Decimal::ZERO)
            .max(Decimal::ZERO);
        let expected = round_fen(expected_exact);
        // Year sampling: only the aggregate cut is simulated.
        let se_years = sd_f64(cut_fen.iter().map(|&c| fen_f64(c))) / nf.sqrt();
        let se_plain = sd_f64(self.years.iter().map(|y| fen_f64(y.paid_fen))) / nf.sqrt();
        let mut capped_sorted: Vec<i64> = self.years.iter().map(|y| y.capped_fen).collect();
        capped_sorted.sort_unstable();
        let se_catalogue = self.catalogue_standard_error(&capped_sorted);
        let se = se_years.hypot(se_catalogue);
        let expected_f = expected.to_f64().unwrap_or(0.0);
        let relative_se = (expected_f > 0.0).then(|| se / expected_f);

        let aep = ExceedanceCurve::new(self.years.iter().map(|y| y.paid_fen).collect());
        let oep = ExceedanceCurve::new(self.years.iter().map(|y| y.max_capped_fen).collect());
        let n_paying = aep.count_at_least(1);
        let n_exhaust = aep.count_at_least(self.aggregate_fen.max(1));
        let return_periods = RETURN_PERIODS
            .iter()
            .map(|&t| {
                let exceedances = aep.rank_at_return_period(t);
                ReturnPeriodRow {
                    return_period_years: t,
                    exceedance_probability: 1.0 / t,
                    annual_payout: aep.value_at_return_period(t),
                    occurrence_payout: oep.value_at_return_period(t),
                    exceedances: exceedances as u64,
                    few_exceedances: exceedances < FEW_EXCEEDANCES,
                }
            })
            .collect();
        let compare = self.config.compare_premium.or(self.policy_premium);
        let premium =
            technical_premium(expected, self.sum_insured, &self.config.loadings, compare)?;
        let districts = self
            .codes
            .iter()
            .enumerate()
            .map(|(k, code)| {
                let paid = self.district_paid_fen.get(k).copied().unwrap_or(0);
                let capped = self.district_capped_fen.get(k).copied().unwrap_or(0);
                let cut = checked_div(fen_to_yuan(capped.saturating_sub(paid)), n_dec);
                let exact = self
                    .expected_before_aggregate(Some(k))
                    .checked_sub(cut)
                    .unwrap_or(Decimal::ZERO)
                    .max(Decimal::ZERO);
                #[allow(clippy::cast_precision_loss)] // counts ≤ 1,000,000
                let years_paid = self.district_years_paid.get(k).copied().unwrap_or(0) as f64;
                DistrictPricing {
                    code: code.clone(),
                    name_zh: self.names_zh.get(k).cloned().unwrap_or_default(),
                    expected_payout: round_fen(exact),
                    prob_any_payout: years_paid / nf,
                    expected_modelled_loss: yuan_f64(
                        self.district_loss.get(k).copied().unwrap_or(0.0) / nf,
                    ),
                }
            })
            .collect();
        let scatter = self
            .events
            .iter()
            .zip(&self.catalogue_names)
            .enumerate()
            .filter(|(_, (e, _))| e.capped_fen > 0 || e.loss_total > 0.0)
            .map(|(i, (e, name))| ScatterPoint {
                event: i,
                name: name.clone(),
                payout: fen_to_yuan(i128::from(e.capped_fen)),
                modelled_loss: yuan_f64(e.loss_total),
            })
            .collect();
        let mean_loss = self.years.iter().map(|y| y.loss).sum::<f64>() / nf;
        let events_mean = self.years.iter().map(|y| f64::from(y.events)).sum::<f64>() / nf;
        #[allow(clippy::cast_precision_loss)] // counts ≤ 1,000,000
        let (paying_f, exhaust_f) = (n_paying as f64, n_exhaust as f64);
        Ok(PricingResult {
            years: u32::try_from(n).unwrap_or(u32::MAX),
            years_requested: self.config.years,
            seed: self.config.seed,
            lambda: self.lambda,
            catalogue_size: self.catalogue_size,
            catalogue_sampled: self.strata.is_some(),
            mean_events_per_year: events_mean,
            sum_insured: self.sum_insured,
            annual_aggregate: fen_to_yuan(i128::from(self.aggregate_fen)),
            expected_annual_payout: expected,
            expected_before_aggregate: round_fen(self.expected_before_aggregate(None)),
            mean_cut_by_aggregate: round_fen(mean_cut),
            mean_simulated_annual_payout: round_fen(mean_simulated),
            standard_error: yuan_f64(se),
            standard_error_years: yuan_f64(se_years),
            standard_error_catalogue: yuan_f64(se_catalogue),
            standard_error_plain_mean: yuan_f64(se_plain),
            relative_standard_error: relative_se,
            prob_any_payout: paying_f / nf,
            attachment_return_period_years: (n_paying > 0).then(|| nf / paying_f),
            years_paying: n_paying as u64,
            exhaustion_return_period_years: (n_exhaust > 0).then(|| nf / exhaust_f),
            years_exhausted: n_exhaust as u64,
            few_exceedances_below: FEW_EXCEEDANCES as u64,
            return_periods,
            aep_curve: aep.points(),
            oep_curve: oep.points(),
            districts,
            premium,
            basis_risk: BasisRisk {
                exposure: self.config.exposure,
                damage: self.config.damage,
                total_exposure: yuan_f64(self.total_exposure),
                material_loss: yuan_f64(self.config.material_loss_yuan),
                expected_annual_modelled_loss: yuan_f64(mean_loss),
                per_event: self.event_tally.counts(),
                per_year: self.year_tally.counts(),
                scatter,
            },
            aep,
        })
    }

    /// `E[S]` (or one district's share of it, `district = Some(k)`): the expected annual
    /// payout before the annual aggregate, exact for the catalogue: λ Σ_k p_k x_k, yuan.
    fn expected_before_aggregate(&self, district: Option<usize>) -> Decimal {
        let fen = |e: &PricedEvent| -> i64 {
            match district {
                None => e.capped_fen,
                Some(k) => e.alloc_fen.get(k).copied().unwrap_or(0),
            }
        };
        if self.equal_rates {
            // Σ x_k · λ / K in Decimal (Σ ≤ 1e5 events × 1e14 fen fits i128 and Decimal).
            let total: i128 = self.events.iter().map(|e| i128::from(fen(e))).sum();
            let lambda = Decimal::from_f64(self.lambda).unwrap_or(Decimal::ZERO);
            fen_to_yuan(total)
                .checked_mul(lambda)
                .and_then(|x| x.checked_div(Decimal::from(self.events.len().max(1))))
                .unwrap_or(Decimal::ZERO)
        } else {
            // Unequal rates (user event sets): Σ (λ p_k) x_k with the per-event yearly rates.
            let mut acc = Decimal::ZERO;
            for (e, w) in self.events.iter().zip(&self.event_year_rates) {
                let w = Decimal::from_f64(*w).unwrap_or(Decimal::ZERO);
                acc = fen_to_yuan(i128::from(fen(e)))
                    .checked_mul(w)
                    .and_then(|t| acc.checked_add(t))
                    .unwrap_or(acc);
            }
            acc
        }
    }

    /// Standard error from the catalogue's own sampling (docs/payout-pricing.md §4), yuan:
    /// the influence of event k is its marginal annual payout
    /// `D_k = E_y[min(A, S_y + x_k) − min(A, S_y)]` over the simulated years' totals S_y before
    /// the aggregate (`capped_sorted`, ascending); the collapsed-strata variance of
    /// `Σ_k (λ/K) D_k` over the catalogue's strata is the catalogue term. A user event set is
    /// given, not sampled: 0.
    fn catalogue_standard_error(&self, capped_sorted: &[i64]) -> f64 {
        let Some(groups) = &self.strata else {
            return 0.0;
        };
        let n = capped_sorted.len();
        if n == 0 || self.events.is_empty() {
            return 0.0;
        }
        #[allow(clippy::cast_precision_loss)] // n ≤ 1,000,000
        let nf = n as f64;
        let a = i128::from(self.aggregate_fen);
        // prefix[i] = Σ of the i smallest S_y.
        let mut prefix: Vec<i128> = Vec::with_capacity(n.saturating_add(1));
        prefix.push(0);
        let mut acc: i128 = 0;
        for &s in capped_sorted {
            acc = acc.saturating_add(i128::from(s));
            prefix.push(acc);
        }
        let marginal = |x: i64| -> f64 {
            let x = i128::from(x);
            // Years that take all of x, years cut part-way, years already exhausted.
            let n1 = capped_sorted.partition_point(|&s| i128::from(s).saturating_add(x) <= a);
            let n2 = capped_sorted
                .partition_point(|&s| i128::from(s) < a)
                .max(n1);
            let part_sum = prefix
                .get(n2)
                .copied()
                .unwrap_or(0)
                .saturating_sub(prefix.get(n1).copied().unwrap_or(0));
            #[allow(clippy::cast_possible_wrap)] // n ≤ 1,000,000
            let (n1i, span) = (n1 as i128, n2.saturating_sub(n1) as i128);
            let fen = n1i
                .saturating_mul(x)
                .saturating_add(span.saturating_mul(a))
                .saturating_sub(part_sum);
            #[allow(clippy::cast_precision_loss)] // a fen total, f64 for the statistics only
            let yuan = fen as f64 / 100.0;
            yuan / nf
        };
        let d: Vec<f64> = self.events.iter().map(|e| marginal(e.capped_fen)).collect();
        #[allow(clippy::cast_precision_loss)] // K ≤ 100,000
        let w = self.lambda / self.events.len() as f64;
        let mut var = 0.0;
        for g in groups {
            let vals: Vec<f64> = g.iter().filter_map(|&i| d.get(i).copied()).collect();
            if vals.len() < 2 {
                continue;
            }
            #[allow(clippy::cast_precision_loss)] // group sizes 2–3
            let m = vals.len() as f64;
            let mean = vals.iter().sum::<f64>() / m;
            let s2 = vals.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (m - 1.0);
            var += m * s2;
        }
        w * var.sqrt()
    }
}

/// Sorted annual (or occurrence) payouts: the empirical exceedance curve (超越概率曲线).
#[derive(Debug, Clone, PartialEq)]
pub struct ExceedanceCurve {
    /// Amounts in fen, descending.
    desc_fen: Vec<i64>,
}

impl ExceedanceCurve {
    fn new(mut v: Vec<i64>) -> ExceedanceCurve {
        v.sort_unstable_by(|a, b| b.cmp(a));
        ExceedanceCurve { desc_fen: v }
    }

    fn count_at_least(&self, fen: i64) -> usize {
        self.desc_fen.partition_point(|&x| x >= fen)
    }

    /// The rank k = ⌊N / t⌋ of the return-period-`t` amount: how many simulated years reach
    /// it (its exceedances); 0 when N < t.
    pub fn rank_at_return_period(&self, t: f64) -> usize {
        #[allow(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss
        )]
        let k = (self.desc_fen.len() as f64 / t).floor() as usize; // t ≥ 1, so k ≤ N
        k.min(self.desc_fen.len())
    }

    /// P(amount ≥ `yuan`) over the simulated years (超越概率).
    pub fn exceedance_probability(&self, yuan: Decimal) -> f64 {
        self.count_at_least(to_fen_ceil(yuan)) as f64 / self.desc_fen.len().max(1) as f64
    }

    /// The amount with return period `t` years (重现期): the k-th largest of N years with
    /// k = ⌊N / t⌋; `None` when N < t (not enough years).
    pub fn value_at_return_period(&self, t: f64) -> Option<Decimal> {
        let k = self.rank_at_return_period(t);
        k.checked_sub(1)
            .and_then(|i| self.desc_fen.get(i))
            .map(|&f| fen_to_yuan(i128::from(f)))
    }

    /// About 60 points on a geometric grid of return periods from 1 year to N years, for the
    /// chart: amount non-increasing as the exceedance probability grows.
    pub fn points(&self) -> Vec<EpPoint> {
        let n = self.desc_fen.len();
        let mut ranks: Vec<usize> = (0..=60)
            .map(|i| {
                let rp = (n as f64).powf(i as f64 / 60.0);
                ((n as f64 / rp).round() as usize).clamp(1, n)
            })
            .collect();
        ranks.sort_unstable();
        ranks.dedup();
        ranks
            .into_iter()
            .map(|k| EpPoint {
                exceedance_probability: k as f64 / n as f64,
                return_period_years: n as f64 / k as f64,
                amount: k
                    .checked_sub(1)
                    .and_then(|i| self.desc_fen.get(i))
                    .map_or(Decimal::ZERO, |&f| fen_to_yuan(i128::from(f))),
            })
            .collect()
    }

    /// Number of years in the curve.
    pub fn len(&self) -> usize {
        self.desc_fen.len()
    }

    /// Whether the curve is empty.
    pub fn is_empty(&self) -> bool {
        self.desc_fen.is_empty()
    }
}

/// One point of an exceedance curve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpPoint {
    /// 超越概率 P(amount ≥ this) per year.
    pub exceedance_probability: f64,
    /// 重现期 = 1 / probability, years.
    pub return_period_years: f64,
    /// Amount, yuan.
    pub amount: Decimal,
}

/// A row of the return-period table (重现期表).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReturnPeriodRow {
    /// 重现期, years.
    pub return_period_years: f64,
    /// 1 / return period.
    pub exceedance_probability: f64,
    /// Annual aggregate payout (AEP, 年累计赔付) with this return period, yuan (`None`: fewer
    /// simulated years than the return period).
    pub annual_payout: Option<Decimal>,
    /// Largest single-event payout in a year before the annual aggregate (OEP, 年最大单次
    /// 赔付, after deductible and per-event cap), yuan.
    pub occurrence_payout: Option<Decimal>,
    /// Simulated years at or above the annual amount (k = ⌊N / t⌋): what the row rests on.
    pub exceedances: u64,
    /// Fewer than [`FEW_EXCEEDANCES`] exceedances: say so beside the figure.
    pub few_exceedances: bool,
}

/// Per-district figures (镇街).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DistrictPricing {
    /// 9-digit code.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// Expected annual payout allocated to the district (期望赔付), yuan.
    pub expected_payout: Decimal,
    /// Share of years in which the district receives a payout.
    pub prob_any_payout: f64,
    /// Expected annual modelled loss (期望模型损失), yuan.
    pub expected_modelled_loss: Decimal,
}

/// One catalogue event in the payout-vs-loss scatter (散点).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScatterPoint {
    /// Catalogue index.
    pub event: usize,
    /// Event name.
    pub name: String,
    /// Payout in a fresh year (after deductible and per-event cap), yuan.
    pub payout: Decimal,
    /// Modelled loss, yuan.
    pub modelled_loss: Decimal,
}

/// Basis risk (基差风险): index payout beside the modelled loss.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BasisRisk {
    /// Exposure used \[I\].
    pub exposure: ExposureSpec,
    /// Damage function used.
    pub damage: EmanuelParams,
    /// Σ exposure, yuan.
    pub total_exposure: Decimal,
    /// Material-loss threshold, yuan.
    pub material_loss: Decimal,
    /// Expected annual modelled loss (期望损失), yuan.
    pub expected_annual_modelled_loss: Decimal,
    /// Over simulated event occurrences (payout after the aggregate).
    pub per_event: BasisCounts,
    /// Over simulated years.
    pub per_year: BasisCounts,
    /// Catalogue events with a payout or a loss (fresh-year payout vs modelled loss).
    pub scatter: Vec<ScatterPoint>,
}

/// Everything the 风险定价 view shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PricingResult {
    /// Years simulated (N so far).
    pub years: u32,
    /// Years requested.
    pub years_requested: u32,
    /// Seed of the year draws.
    pub seed: u64,
    /// Poisson mean λ, storms per year.
    pub lambda: f64,
    /// Catalogue size K.
    pub catalogue_size: usize,
    /// Whether the catalogue is a random sample (synthetic) whose sampling enters the standard
    /// error; `false` for a user event set (given, not sampled).
    pub catalogue_sampled: bool,
    /// Observed mean storms per year.
    pub mean_events_per_year: f64,
    /// 保险金额, yuan.
    pub sum_insured: Decimal,
    /// 年度累计赔偿限额, yuan.
    pub annual_aggregate: Decimal,
    /// 期望年赔付 expected annual payout (pure premium), yuan: `E[S] − E[cut by aggregate]`
    /// (docs/payout-pricing.md §4).
    pub expected_annual_payout: Decimal,
    /// `E[S]`: the expected annual payout before the annual aggregate, exact for the
    /// catalogue (λ Σ p_k x_k), yuan.
    pub expected_before_aggregate: Decimal,
    /// Mean amount per year cut by the annual aggregate over the simulated years, yuan.
    pub mean_cut_by_aggregate: Decimal,
    /// The plain mean of the simulated years' payouts, yuan (for comparison; noisier).
    pub mean_simulated_annual_payout: Decimal,
    /// Standard error (标准误) of the expected annual payout, yuan: √(years² + catalogue²).
    pub standard_error: Decimal,
    /// Its year-sampling part, yuan.
    pub standard_error_years: Decimal,
    /// Its catalogue-sampling part (事件集抽样), yuan; 0 for a user event set.
    pub standard_error_catalogue: Decimal,
    /// Standard error of the plain mean of simulated years (year sampling only), yuan: what
    /// earlier versions reported.
    pub standard_error_plain_mean: Decimal,
    /// standard_error / expected annual payout (相对标准误): the expected seed-to-seed spread
    /// as a fraction; `None` when the expected payout is 0.
    pub relative_standard_error: Option<f64>,
    /// P(any payout in a year) (年赔付概率).
    pub prob_any_payout: f64,
    /// 起赔重现期: 1 / P(annual payout > 0), years.
    pub attachment_return_period_years: Option<f64>,
    /// Years with a payout (the attachment return period's exceedances).
    pub years_paying: u64,
    /// 耗尽重现期: 1 / P(annual payout ≥ annual aggregate), years; `None` if never reached in N
    /// years (then it is > N).
    pub exhaustion_return_period_years: Option<f64>,
    /// Years in which the aggregate was exhausted (the exhaustion return period's exceedances).
    pub years_exhausted: u64,
    /// Figures resting on fewer exceedances than this are flagged ([`FEW_EXCEEDANCES`]).
    pub few_exceedances_below: u64,
    /// Return-period table (5…200 years).
    pub return_periods: Vec<ReturnPeriodRow>,
    /// Annual aggregate exceedance curve (AEP) for the chart.
    pub aep_curve: Vec<EpPoint>,
    /// Occurrence exceedance curve (OEP: largest event payout of the year, before the annual
    /// aggregate).
    pub oep_curve: Vec<EpPoint>,
    /// Per district.
    pub districts: Vec<DistrictPricing>,
    /// Technical premium and comparison.
    pub premium: TechnicalPremium,
    /// Basis risk.
    pub basis_risk: BasisRisk,
    /// The full AEP curve (not serialised).
    #[serde(skip)]
    pub aep: ExceedanceCurve,
}

fn to_fen(yuan: Decimal) -> i64 {
    yuan.checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|f| f.trunc().to_i64())
        .unwrap_or(i64::MAX)
}

fn to_fen_ceil(yuan: Decimal) -> i64 {
    yuan.checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|f| f.ceil().to_i64())
        .unwrap_or(i64::MAX)
}

fn fen_to_yuan(fen: i128) -> Decimal {
    Decimal::try_from_i128_with_scale(fen, 2).unwrap_or(Decimal::MAX)
}

/// A fen amount as f64 yuan, for the statistics only.
#[allow(clippy::cast_precision_loss)] // ≤ 1e14 fen: exact in f64
fn fen_f64(fen: i64) -> f64 {
    fen as f64 / 100.0
}

/// `a / b`, 0 when b is 0 or the quotient overflows.
fn checked_div(a: Decimal, b: Decimal) -> Decimal {
    a.checked_div(b).unwrap_or(Decimal::ZERO)
}

/// Sample standard deviation (n − 1), 0 for fewer than 2 values.
fn sd_f64(values: impl Iterator<Item = f64> + Clone) -> f64 {
    let (mut n, mut sum) = (0.0, 0.0);
    for v in values.clone() {
        n += 1.0;
        sum += v;
    }
    if n < 2.0 {
        return 0.0;
    }
    let mean = sum / n;
    let ss: f64 = values.map(|v| (v - mean) * (v - mean)).sum();
    (ss / (n - 1.0)).sqrt()
}

/// A modelled f64 amount in yuan as Decimal, rounded to the fen.
fn yuan_f64(x: f64) -> Decimal {
    Decimal::from_f64(x).map(round_fen).unwrap_or(Decimal::ZERO)
}
