//! 1-D interpolation as CLIMADA's `TCTracks.equal_timestep` does it through xarray and SciPy
//! `interp1d`: linear for scalars; for lat/lon `['linear', 'quadratic', 'cubic'][min(2, n−2)]`,
//! where SciPy's cubic is the **not-a-knot** spline and its quadratic on 3 points is the
//! interpolating parabola (`make_interp_spline` with k = 2 and knots [x0,x0,x0,x2,x2,x2]).

// Numeric kernel: every index is below the node count n ≥ 2 fixed at construction (the spline's tridiagonal system has exactly n rows); integer arithmetic is on those indices only.
#![allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]

/// Piecewise-linear interpolation of `(xs, ys)` at `x` (xs strictly increasing, x inside).
pub fn linear(xs: &[f64], ys: &[f64], x: f64) -> f64 {
    let i = segment(xs, x);
    let w = (x - xs[i]) / (xs[i + 1] - xs[i]);
    ys[i] + w * (ys[i + 1] - ys[i])
}

/// Index i with xs[i] ≤ x ≤ xs[i+1] (clamped to the first/last segment).
fn segment(xs: &[f64], x: f64) -> usize {
    let n = xs.len();
    match xs.partition_point(|&v| v <= x) {
        0 => 0,
        p if p >= n => n - 2,
        p => p - 1,
    }
}

/// The interpolant CLIMADA uses for track positions, chosen by the number of points.
#[derive(Debug, Clone)]
pub struct PositionInterpolant {
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// Second derivatives at the knots (cubic case only).
    m: Vec<f64>,
}

impl PositionInterpolant {
    /// Builds the interpolant of `ys` over strictly increasing `xs` (n ≥ 2): linear for
    /// n = 2, quadratic for n = 3, not-a-knot cubic spline for n ≥ 4.
    pub fn new(xs: &[f64], ys: &[f64]) -> Self {
        let n = xs.len();
        let m = if n >= 4 {
            not_a_knot_second_derivatives(xs, ys)
        } else {
            Vec::new()
        };
        PositionInterpolant {
            xs: xs.to_vec(),
            ys: ys.to_vec(),
            m,
        }
    }

    /// Value at `x` (inside [xs0, xs_{n−1}]).
    pub fn eval(&self, x: f64) -> f64 {
        let (xs, ys) = (&self.xs, &self.ys);
        match xs.len() {
            2 => linear(xs, ys, x),
            3 => {
                // Lagrange form of the parabola through the three points.
                let (x0, x1, x2) = (xs[0], xs[1], xs[2]);
                ys[0] * (x - x1) * (x - x2) / ((x0 - x1) * (x0 - x2))
                    + ys[1] * (x - x0) * (x - x2) / ((x1 - x0) * (x1 - x2))
                    + ys[2] * (x - x0) * (x - x1) / ((x2 - x0) * (x2 - x1))
            }
            _ => {
                let i = segment(xs, x);
                let h = xs[i + 1] - xs[i];
                let a = (xs[i + 1] - x) / h;
                let b = (x - xs[i]) / h;
                a * ys[i]
                    + b * ys[i + 1]
                    + ((a * a * a - a) * self.m[i] + (b * b * b - b) * self.m[i + 1]) * h * h / 6.0
            }
        }
    }
}

/// Second derivatives M of the not-a-knot cubic spline (third derivative continuous at x1 and
/// x_{n−2}). The system is small (a track has tens of points), so a dense Gaussian elimination
/// with partial pivoting is simplest and exact enough.
fn not_a_knot_second_derivatives(xs: &[f64], ys: &[f64]) -> Vec<f64> {
    let n = xs.len();
    let h: Vec<f64> = (0..n - 1).map(|i| xs[i + 1] - xs[i]).collect();
    let mut a = vec![vec![0.0; n + 1]; n];
    // Row 0: not-a-knot at x1: (M1 − M0)/h0 = (M2 − M1)/h1.
    a[0][0] = -h[1];
    a[0][1] = h[0] + h[1];
    a[0][2] = -h[0];
    for i in 1..n - 1 {
        a[i][i - 1] = h[i - 1];
        a[i][i] = 2.0 * (h[i - 1] + h[i]);
        a[i][i + 1] = h[i];
        a[i][n] = 6.0 * ((ys[i + 1] - ys[i]) / h[i] - (ys[i] - ys[i - 1]) / h[i - 1]);
    }
    // Row n−1: not-a-knot at x_{n−2}.
    a[n - 1][n - 3] = -h[n - 2];
    a[n - 1][n - 2] = h[n - 3] + h[n - 2];
    a[n - 1][n - 1] = -h[n - 3];
    for col in 0..n {
        let piv = (col..n)
            .max_by(|&p, &q| a[p][col].abs().total_cmp(&a[q][col].abs()))
            .unwrap_or(col);
        a.swap(col, piv);
        let d = a[col][col];
        let pivot_row = a[col].clone();
        for row in a.iter_mut().skip(col + 1) {
            let f = row[col] / d;
            if f != 0.0 {
                for (x, p) in row.iter_mut().zip(&pivot_row).skip(col) {
                    *x -= f * p;
                }
            }
        }
    }
    let mut m = vec![0.0; n];
    for row in (0..n).rev() {
        let s: f64 = (row + 1..n).map(|k| a[row][k] * m[k]).sum();
        m[row] = (a[row][n] - s) / a[row][row];
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cubic_reproduces_cubics_and_not_a_knot() {
        // A not-a-knot spline reproduces any cubic polynomial exactly.
        let f = |x: f64| 0.3 * x * x * x - 2.0 * x * x + x - 7.0;
        let xs = [0.0, 1.0, 2.5, 4.0, 6.0, 9.0];
        let ys: Vec<f64> = xs.iter().map(|&x| f(x)).collect();
        let s = PositionInterpolant::new(&xs, &ys);
        for k in 0..=90 {
            let x = k as f64 * 0.1;
            assert!((s.eval(x) - f(x)).abs() < 1e-9, "{x}");
        }
        // Quadratic through 3 points reproduces a parabola.
        let g = |x: f64| 2.0 * x * x - x + 1.0;
        let q = PositionInterpolant::new(&[0.0, 3.0, 6.0], &[g(0.0), g(3.0), g(6.0)]);
        assert!((q.eval(1.0) - g(1.0)).abs() < 1e-12);
    }

    #[test]
    fn cubic_is_symmetric_and_not_a_knot_on_non_polynomial_data() {
        // No SciPy here to compare with; check the defining properties instead.
        let xs = [0.0, 3.0, 6.0, 9.0, 12.0];
        let ys = [0.0, 1.0, 0.0, 1.0, 0.0];
        let s = PositionInterpolant::new(&xs, &ys);
        // Symmetry of the data about x = 6 must give a symmetric spline.
        for k in 0..=60 {
            let x = k as f64 * 0.1;
            assert!((s.eval(x) - s.eval(12.0 - x)).abs() < 1e-12);
        }
        // Third derivative continuity at x1 (not-a-knot): same cubic on [0,3] and [3,6].
        let m = &s.m;
        assert!(((m[1] - m[0]) / 3.0 - (m[2] - m[1]) / 3.0).abs() < 1e-12);
    }
}
