//! Seeded pseudo-random numbers (伪随机数) that are bit-identical natively and in wasm: the
//! crate's **one** random generator, [`Rng`], used by the pricing catalogue and simulation, the
//! forecast ensembles and the synthetic enterprises (premium/synth.rs).
//!
//! The generator is **xoshiro256\*\*** (Blackman & Vigna 2018) seeded through **splitmix64**:
//! integer operations only, so the 64-bit stream is the same on every platform. The derived
//! floats use only IEEE-754 basic operations (+, −, ×, ÷), which are correctly rounded
//! everywhere; no `ln`, `exp`, `sin` or `cos` from the platform libm is called (those may differ
//! in the last bit between native code and the wasm build):
//! - [`Rng::uniform`]: 53 random bits / 2⁵³, in \[0, 1);
//! - [`Rng::normal`]: Irwin–Hall, the sum of 12 uniforms minus 6 — mean 0, variance 1, support
//!   ±6 (an approximation of the normal law, ample for bounded perturbations);
//! - [`Rng::poisson`]: inversion of the cumulative distribution, with e^(−λ) from
//!   [`exp_det`] (a Taylor series plus repeated squaring, basic operations only);
//! - [`Rng::below`], [`Rng::chance`], [`Rng::weighted`]: integers, per-mille draws and
//!   weighted picks, integer arithmetic only.
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used
    )
)]

/// splitmix64 step (Steele, Lea & Flood 2014): the standard seeder of the xoshiro family —
/// only used to fill and derive [`Rng`] states, never as a generator of its own.
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A seeded xoshiro256\*\* generator (随机数发生器). Same seed → same numbers everywhere.
///
/// ```
/// use zs_risk_map::rng::Rng;
/// let (mut a, mut b) = (Rng::new(1), Rng::new(1));
/// assert_eq!(a.next_u64(), b.next_u64());
/// let u = a.uniform();
/// assert!((0.0..1.0).contains(&u));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// A generator whose 256-bit state is filled by splitmix64 from `seed`.
    pub fn new(seed: u64) -> Rng {
        let mut sm = seed;
        let s = [
            splitmix64(&mut sm),
            splitmix64(&mut sm),
            splitmix64(&mut sm),
            splitmix64(&mut sm),
        ];
        Rng { s }
    }

    /// An independent stream for item `index` of stream family `stream` (e.g. catalogue event
    /// 17, simulated year 4,211). Streams do not depend on the order or chunking in which items
    /// are generated, so a resumable simulation gives the same numbers as a one-shot run.
    pub fn for_item(seed: u64, stream: u64, index: u64) -> Rng {
        let mut sm = seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03);
        let a = splitmix64(&mut sm);
        Rng::new(a ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17) ^ index)
    }

    /// Next 64 random bits (xoshiro256\*\*).
    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in \[0, 1) with 53 random bits.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Uniform in \[lo, hi).
    pub fn uniform_in(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.uniform()
    }

    /// Uniform integer in \[0, n) (Lemire's multiply-shift; `n` > 0, else 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        // A u64 × u64 product always fits u128; the high half is < n.
        let wide = u128::from(self.next_u64()).wrapping_mul(u128::from(n));
        u64::try_from(wide >> 64).unwrap_or(0)
    }

    /// True with probability `per_mille` / 1000 (千分比抽样).
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    /// An index drawn with integer weights (按权重抽取): `i` with probability
    /// `weights[i] / Σ weights`. An empty or all-zero table gives 0; a sum that overflows `u64`
    /// saturates (the last weights then share the excess).
    pub fn weighted(&mut self, weights: &[u64]) -> usize {
        let total = weights.iter().fold(0u64, |a, w| a.saturating_add(*w));
        if total == 0 {
            return 0;
        }
        let mut x = self.below(total);
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x = x.saturating_sub(*w);
        }
        weights.len().saturating_sub(1)
    }

    /// Standard normal (approximate): Irwin–Hall sum of 12 uniforms − 6 (mean 0, variance 1,
    /// support ±6), basic float operations only.
    pub fn normal(&mut self) -> f64 {
        let mut s = 0.0;
        for _ in 0..12 {
            s += self.uniform();
        }
        s - 6.0
    }

    /// Poisson count with mean `lambda` (泊松分布), by inversion. `lambda` ≤ 0 or non-finite
    /// gives 0; intended for 0 < λ ≤ 50 (annual storm counts).
    pub fn poisson(&mut self, lambda: f64) -> u32 {
        if !lambda.is_finite() || lambda <= 0.0 {
            return 0;
        }
        let u = self.uniform();
        let mut p = exp_det(-lambda);
        let mut cdf = p;
        let mut k = 0u32;
        while u >= cdf && k < 1000 {
            k = k.saturating_add(1); // k < 1000
            p *= lambda / f64::from(k);
            cdf += p;
            if p == 0.0 && cdf < u {
                // Underflow in the far tail: stop at the current count.
                break;
            }
        }
        k
    }
}

/// e^x using only IEEE basic operations (bit-identical natively and in wasm): the argument is
/// halved until |x| ≤ 1/1024, a 12-term Taylor series is summed, and the result squared back.
/// Relative error ≲ 2^h·1e-16 with h ≈ log2(1024·|x|) halvings (below 1e-11 for |x| ≤ 50);
/// used for e^(−λ) and log-normal factors.
///
/// ```
/// use zs_risk_map::rng::exp_det;
/// assert!((exp_det(-1.2) / (-1.2f64).exp() - 1.0).abs() < 1e-12);
/// assert!((exp_det(0.3) / 0.3f64.exp() - 1.0).abs() < 1e-12);
/// assert!((exp_det(-40.0) / (-40.0f64).exp() - 1.0).abs() < 1e-11);
/// ```
pub fn exp_det(x: f64) -> f64 {
    if !x.is_finite() {
        return if x > 0.0 { f64::INFINITY } else { 0.0 };
    }
    let mut r = x;
    let mut halvings = 0u32;
    while r.abs() > 1.0 / 1024.0 && halvings < 64 {
        r *= 0.5;
        halvings = halvings.saturating_add(1); // < 64
    }
    let mut term = 1.0;
    let mut sum = 1.0;
    for k in 1..=12 {
        term *= r / k as f64;
        sum += term;
    }
    for _ in 0..halvings {
        sum *= sum;
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xoshiro_matches_reference_stream_for_known_state() {
        // Reference: state {1, 2, 3, 4} gives 11520, 0, 1509978240, 1215971899390074240
        // (the published xoshiro256** test vector).
        let mut r = Rng { s: [1, 2, 3, 4] };
        let got: Vec<u64> = (0..4).map(|_| r.next_u64()).collect();
        assert_eq!(got, [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240]);
    }

    #[test]
    fn splitmix_matches_reference() {
        // splitmix64 seeded with 0: first output 0xE220A8397B1DCDAF.
        let mut s = 0u64;
        assert_eq!(splitmix64(&mut s), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn moments_of_uniform_normal_poisson() {
        let mut r = Rng::new(42);
        let n = 200_000;
        let (mut su, mut sn, mut sn2, mut sp) = (0.0, 0.0, 0.0, 0.0);
        for _ in 0..n {
            su += r.uniform();
            let z = r.normal();
            sn += z;
            sn2 += z * z;
            sp += r.poisson(1.2) as f64;
        }
        let nf = n as f64;
        assert!((su / nf - 0.5).abs() < 0.005);
        assert!((sn / nf).abs() < 0.01);
        assert!((sn2 / nf - 1.0).abs() < 0.02);
        assert!((sp / nf - 1.2).abs() < 0.01);
        assert_eq!(r.poisson(0.0), 0);
    }

    #[test]
    fn weighted_and_chance_follow_their_weights() {
        let mut r = Rng::new(9);
        let mut counts = [0u32; 3];
        for _ in 0..30_000 {
            counts[r.weighted(&[1, 0, 2])] += 1;
        }
        assert_eq!(counts[1], 0);
        assert!((f64::from(counts[2]) / 30_000.0 - 2.0 / 3.0).abs() < 0.02);
        assert_eq!(r.weighted(&[]), 0);
        assert_eq!(r.weighted(&[0, 0]), 0);
        let hits = (0..10_000).filter(|_| r.chance(250)).count();
        assert!((hits as f64 / 10_000.0 - 0.25).abs() < 0.02);
    }

    #[test]
    fn item_streams_are_independent_of_order() {
        let a = Rng::for_item(7, 1, 5).next_u64();
        let _ = Rng::for_item(7, 1, 4).next_u64();
        assert_eq!(a, Rng::for_item(7, 1, 5).next_u64());
        assert_ne!(a, Rng::for_item(7, 2, 5).next_u64());
        assert_ne!(a, Rng::for_item(8, 1, 5).next_u64());
    }
}
