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

use super::catalogue::{Catalogue, Progress};
use super::damage::{EmanuelParams, ExposureSpec};
use super::premium::{technical_premium, Loadings, TechnicalPremium};
use super::rng::Rng;
use crate::money::round_fen;
use crate::payout::engine::{largest_remainder, pay_event, EventIndices};
use crate::payout::Policy;
use crate::{Error, Result};

/// Random-stream family of simulated years.
const STREAM_YEARS: u64 = 2;

/// Return periods of the table (重现期表), years.
pub const RETURN_PERIODS: [f64; 6] = [5.0, 10.0, 20.0, 50.0, 100.0, 200.0];

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
    /// Loadings of the technical premium (default: DOMAIN §1.3 gross-up).
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
    paid_fen: i64,
    max_event_fen: i64,
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
        self.items += 1;
        let (p, l) = (paid_fen > 0, loss >= material);
        match (p, l) {
            (true, true) => self.both += 1,
            (true, false) => {
                self.pay_only += 1;
                self.pay_only_fen += paid_fen as i128;
            }
            (false, true) => {
                self.loss_only += 1;
                self.loss_only_yuan += loss;
            }
            (false, false) => self.neither += 1,
        }
        self.m.add(paid_fen as f64 / 100.0, loss);
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
    // accumulators
    years: Vec<YearRecord>,
    district_paid_fen: Vec<i128>,
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
        if config.years == 0 || config.years > 1_000_000 {
            return Err(Error::InvalidInput(format!(
                "simulation.years = {}: 1…1,000,000 years",
                config.years
            )));
        }
        if let Some(l) = config.lambda {
            if !l.is_finite() || l <= 0.0 || l > 50.0 {
                return Err(Error::InvalidInput(format!(
                    "simulation.lambda = {l}: must be within (0, 50] storms per year"
                )));
            }
        }
        if !config.material_loss_yuan.is_finite() || config.material_loss_yuan < 0.0 {
            return Err(Error::InvalidInput(format!(
                "simulation.material_loss_yuan = {}: must be ≥ 0",
                config.material_loss_yuan
            )));
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
            .map(|d| (d.raw_weight / policy.weight_total).to_f64().unwrap_or(0.0))
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
            let capped = r.paid + r.cut_by_aggregate;
            let mut keys: Vec<Decimal> = policy
                .districts
                .iter()
                .zip(&r.districts)
                .map(|(d, l)| d.raw_weight * l.ratio)
                .collect();
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
            years: Vec::with_capacity(config.years as usize),
            district_paid_fen: vec![0; n],
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
                    .min(self.cum_rates.len() - 1)
            })
            .collect()
    }

    /// Pays year `y` through the fast path (does not advance the run).
    pub fn year_payout(&self, y: u32) -> YearPayout {
        let ev = self.year_events(y);
        let mut districts = vec![0i64; self.codes.len()];
        let (total, _, loss) = self.pay_year(&ev, &mut districts, |_, _, _| {});
        YearPayout {
            events: ev,
            total: fen_to_yuan(total as i128),
            districts: districts
                .into_iter()
                .map(|f| fen_to_yuan(f as i128))
                .collect(),
            modelled_loss: loss,
        }
    }

    /// Core of one year: returns (paid fen, max event paid fen, loss yuan); adds district fen.
    fn pay_year(
        &self,
        ev: &[usize],
        districts: &mut [i64],
        mut on_event: impl FnMut(usize, i64, f64),
    ) -> (i64, i64, f64) {
        let mut remaining = self.aggregate_fen;
        let (mut total, mut max_e, mut loss) = (0i64, 0i64, 0.0);
        for &e in ev {
            let pe = &self.events[e];
            let paid = pe.capped_fen.min(remaining.max(0));
            remaining -= paid;
            total += paid;
            max_e = max_e.max(paid);
            loss += pe.loss_total;
            if paid == pe.capped_fen {
                for (d, a) in districts.iter_mut().zip(&pe.alloc_fen) {
                    *d += a;
                }
            } else if paid > 0 {
                let parts = largest_remainder(fen_to_yuan(paid as i128), &pe.keys);
                for (d, a) in districts.iter_mut().zip(parts) {
                    *d += to_fen(a);
                }
            }
            on_event(e, paid, pe.loss_total);
        }
        (total, max_e, loss)
    }

    /// Simulates up to `n_years` more years; returns the progress (years done / N).
    pub fn step(&mut self, n_years: u32) -> Progress {
        let end = (self.years.len() as u64 + n_years as u64).min(self.config.years as u64) as u32;
        let mut districts = vec![0i64; self.codes.len()];
        while (self.years.len() as u32) < end {
            let y = self.years.len() as u32;
            let ev = self.year_events(y);
            districts.iter_mut().for_each(|d| *d = 0);
            let material = self.config.material_loss_yuan;
            let mut tally = std::mem::take(&mut self.event_tally);
            let (paid, max_e, loss) =
                self.pay_year(&ev, &mut districts, |_, p, l| tally.add(p, l, material));
            self.event_tally = tally;
            for (k, d) in districts.iter().enumerate() {
                self.district_paid_fen[k] += *d as i128;
                if *d > 0 {
                    self.district_years_paid[k] += 1;
                }
            }
            for &e in &ev {
                for (k, l) in self.events[e].loss.iter().enumerate() {
                    self.district_loss[k] += l;
                }
            }
            self.year_tally.add(paid, loss, material);
            self.years.push(YearRecord {
                paid_fen: paid,
                max_event_fen: max_e,
                loss,
                events: ev.len() as u32,
            });
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
    /// # Errors
    /// [`Error::InvalidInput`] before the first year is simulated.
    pub fn result(&self) -> Result<PricingResult> {
        let n = self.years.len();
        if n == 0 {
            return Err(Error::InvalidInput(
                "simulation: no year simulated yet; call step() first".into(),
            ));
        }
        let nf = n as f64;
        let sum_fen: i128 = self.years.iter().map(|y| y.paid_fen as i128).sum();
        let mean_exact = Decimal::from_i128_with_scale(sum_fen, 2) / Decimal::from(n as u64);
        let mean_f = sum_fen as f64 / 100.0 / nf;
        let var = self
            .years
            .iter()
            .map(|y| {
                let d = y.paid_fen as f64 / 100.0 - mean_f;
                d * d
            })
            .sum::<f64>()
            / (nf - 1.0).max(1.0);
        let se = (var / nf).sqrt();
        let aep = ExceedanceCurve::new(self.years.iter().map(|y| y.paid_fen).collect());
        let oep = ExceedanceCurve::new(self.years.iter().map(|y| y.max_event_fen).collect());
        let n_paying = aep.count_at_least(1);
        let n_exhaust = aep.count_at_least(self.aggregate_fen.max(1));
        let return_periods = RETURN_PERIODS
            .iter()
            .map(|&t| ReturnPeriodRow {
                return_period_years: t,
                exceedance_probability: 1.0 / t,
                annual_payout: aep.value_at_return_period(t),
                occurrence_payout: oep.value_at_return_period(t),
            })
            .collect();
        let expected = round_fen(mean_exact);
        let compare = self.config.compare_premium.or(self.policy_premium);
        let premium =
            technical_premium(expected, self.sum_insured, &self.config.loadings, compare)?;
        let districts = (0..self.codes.len())
            .map(|k| DistrictPricing {
                code: self.codes[k].clone(),
                name_zh: self.names_zh[k].clone(),
                expected_payout: round_fen(
                    Decimal::from_i128_with_scale(self.district_paid_fen[k], 2)
                        / Decimal::from(n as u64),
                ),
                prob_any_payout: self.district_years_paid[k] as f64 / nf,
                expected_modelled_loss: yuan_f64(self.district_loss[k] / nf),
            })
            .collect();
        let scatter = self
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.capped_fen > 0 || e.loss_total > 0.0)
            .map(|(i, e)| ScatterPoint {
                event: i,
                name: self.catalogue_names[i].clone(),
                payout: fen_to_yuan(e.capped_fen as i128),
                modelled_loss: yuan_f64(e.loss_total),
            })
            .collect();
        let mean_loss = self.years.iter().map(|y| y.loss).sum::<f64>() / nf;
        let events_mean = self.years.iter().map(|y| y.events as f64).sum::<f64>() / nf;
        Ok(PricingResult {
            years: n as u32,
            years_requested: self.config.years,
            seed: self.config.seed,
            lambda: self.lambda,
            catalogue_size: self.catalogue_size,
            mean_events_per_year: events_mean,
            sum_insured: self.sum_insured,
            annual_aggregate: fen_to_yuan(self.aggregate_fen as i128),
            expected_annual_payout: expected,
            standard_error: yuan_f64(se),
            prob_any_payout: n_paying as f64 / nf,
            attachment_return_period_years: (n_paying > 0).then(|| nf / n_paying as f64),
            exhaustion_return_period_years: (n_exhaust > 0).then(|| nf / n_exhaust as f64),
            years_exhausted: n_exhaust as u64,
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

    /// P(amount ≥ `yuan`) over the simulated years (超越概率).
    pub fn exceedance_probability(&self, yuan: Decimal) -> f64 {
        self.count_at_least(to_fen_ceil(yuan)) as f64 / self.desc_fen.len().max(1) as f64
    }

    /// The amount with return period `t` years (重现期): the k-th largest of N years with
    /// k = ⌊N / t⌋; `None` when N < t (not enough years).
    pub fn value_at_return_period(&self, t: f64) -> Option<Decimal> {
        let n = self.desc_fen.len();
        let k = (n as f64 / t).floor() as usize;
        (k >= 1).then(|| fen_to_yuan(self.desc_fen[k - 1] as i128))
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
                amount: fen_to_yuan(self.desc_fen[k - 1] as i128),
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
    /// Largest single-event payout in a year (OEP, 单次事件赔付), yuan.
    pub occurrence_payout: Option<Decimal>,
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
    /// Observed mean storms per year.
    pub mean_events_per_year: f64,
    /// 保险金额, yuan.
    pub sum_insured: Decimal,
    /// 年度累计赔偿限额, yuan.
    pub annual_aggregate: Decimal,
    /// 期望年赔付 expected annual payout (pure premium), yuan.
    pub expected_annual_payout: Decimal,
    /// Its Monte-Carlo standard error (标准误) = sd / √N, yuan.
    pub standard_error: Decimal,
    /// P(any payout in a year) (年赔付概率).
    pub prob_any_payout: f64,
    /// 起赔重现期: 1 / P(annual payout > 0), years.
    pub attachment_return_period_years: Option<f64>,
    /// 耗尽重现期: 1 / P(annual payout ≥ annual aggregate), years; `None` if never reached in N
    /// years (then it is > N).
    pub exhaustion_return_period_years: Option<f64>,
    /// Years in which the aggregate was exhausted.
    pub years_exhausted: u64,
    /// Return-period table (5…200 years).
    pub return_periods: Vec<ReturnPeriodRow>,
    /// Annual aggregate exceedance curve (AEP) for the chart.
    pub aep_curve: Vec<EpPoint>,
    /// Occurrence exceedance curve (OEP: largest event payout of the year).
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
    (yuan * Decimal::ONE_HUNDRED)
        .trunc()
        .to_i64()
        .unwrap_or(i64::MAX)
}

fn to_fen_ceil(yuan: Decimal) -> i64 {
    (yuan * Decimal::ONE_HUNDRED)
        .ceil()
        .to_i64()
        .unwrap_or(i64::MAX)
}

fn fen_to_yuan(fen: i128) -> Decimal {
    Decimal::from_i128_with_scale(fen, 2)
}

/// A modelled f64 amount in yuan as Decimal, rounded to the fen.
fn yuan_f64(x: f64) -> Decimal {
    Decimal::from_f64(x).map(round_fen).unwrap_or(Decimal::ZERO)
}
