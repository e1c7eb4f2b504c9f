//! Drawing a ranged value: a stream of random numbers that is the same on
//! every run and machine, and the four distributions a range may name.
//!
//! Draws are floating point: they are samples, not money. Only the basic
//! operations and square roots (exact in IEEE 754) and `libm`'s logarithm
//! (the same code on every platform) are used, so a seed gives the same
//! samples everywhere.

use crate::model::spread::Distribution;

/// SplitMix64 (Steele, Lea and Flood, 2014): one 64-bit state, a fixed
/// increment and a strong mix; fast, and good enough for sampling.
#[derive(Clone, Copy, Debug)]
pub struct Stream {
    state: u64,
}

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Stream {
    /// The numbers of sample `sample` of a run seeded with `seed`: each
    /// sample has its own stream, so a sample's values do not depend on how
    /// the samples are shared among threads.
    pub fn of_sample(seed: u64, sample: u64) -> Self {
        Self {
            state: mix(seed ^ mix(sample.wrapping_mul(GOLDEN).wrapping_add(GOLDEN))),
        }
    }

    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN);
        mix(self.state)
    }

    /// A number in (0, 1), never either end.
    pub fn uniform(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64)
    }

    /// A standard normal number (Marsaglia's polar method: no
    /// trigonometry).
    pub fn normal(&mut self) -> f64 {
        loop {
            let x = 2.0 * self.uniform() - 1.0;
            let y = 2.0 * self.uniform() - 1.0;
            let s = x * x + y * y;
            if s > 0.0 && s < 1.0 {
                return x * (-2.0 * libm::log(s) / s).sqrt();
            }
        }
    }

    /// A Gamma(shape, 1) number for shape ≥ 1 (Marsaglia and Tsang, 2000).
    fn gamma(&mut self, shape: f64) -> f64 {
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let z = self.normal();
            let v = 1.0 + c * z;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = self.uniform();
            if u < 1.0 - 0.0331 * z * z * z * z
                || libm::log(u) < 0.5 * z * z + d * (1.0 - v + libm::log(v))
            {
                return d * v;
            }
        }
    }
}

/// The 95th percentile of the standard normal distribution.
const Z95: f64 = 1.644_853_626_951_472_2;

/// A value between `low` and `high` (`expected` the most likely, or the
/// point estimate of a uniform range), drawn from `distribution`.
pub fn draw(
    distribution: Distribution,
    [low, expected, high]: [f64; 3],
    stream: &mut Stream,
) -> f64 {
    let width = high - low;
    if width <= 0.0 {
        return expected;
    }
    match distribution {
        Distribution::Uniform => low + stream.uniform() * width,
        Distribution::Triangular => triangular(low, expected, high, stream.uniform()),
        Distribution::Pert => {
            // Beta(α, β) scaled to [low, high], from two gamma numbers.
            let alpha = 1.0 + 4.0 * (expected - low) / width;
            let beta = 1.0 + 4.0 * (high - expected) / width;
            let a = stream.gamma(alpha);
            let b = stream.gamma(beta);
            low + width * a / (a + b)
        }
        Distribution::Lognormal => {
            let (ln_low, ln_high) = (libm::log(low), libm::log(high));
            let mu = (ln_low + ln_high) / 2.0;
            let sigma = (ln_high - ln_low) / (2.0 * Z95);
            libm::exp(mu + sigma * stream.normal())
        }
    }
}

/// The triangular distribution's inverse: the value below which a share
/// `u` of draws fall.
pub fn triangular(low: f64, mode: f64, high: f64, u: f64) -> f64 {
    let width = high - low;
    if u < (mode - low) / width {
        low + (u * width * (mode - low)).sqrt()
    } else {
        high - ((1.0 - u) * width * (high - mode)).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draws(distribution: Distribution, range: [f64; 3], n: u64) -> Vec<f64> {
        let mut all: Vec<f64> = (0..n)
            .map(|i| draw(distribution, range, &mut Stream::of_sample(7, i)))
            .collect();
        all.sort_by(f64::total_cmp);
        all
    }

    fn quantile(sorted: &[f64], p: f64) -> f64 {
        sorted[((sorted.len() as f64) * p) as usize]
    }

    #[test]
    fn a_seed_gives_the_same_numbers_and_another_seed_others() {
        let first: Vec<u64> = (0..4).map(|i| Stream::of_sample(1, i).next()).collect();
        let again: Vec<u64> = (0..4).map(|i| Stream::of_sample(1, i).next()).collect();
        let other: Vec<u64> = (0..4).map(|i| Stream::of_sample(2, i).next()).collect();
        assert_eq!(first, again);
        assert!(first.iter().zip(&other).all(|(a, b)| a != b));
        // Each sample's stream differs from the next one's.
        assert!(first.windows(2).all(|w| w[0] != w[1]));
    }

    #[test]
    fn uniform_numbers_fill_the_unit_interval_evenly() {
        let mut stream = Stream::of_sample(3, 0);
        let n = 100_000;
        let mut below = [0u32; 10];
        for _ in 0..n {
            let u = stream.uniform();
            assert!(u > 0.0 && u < 1.0);
            below[(u * 10.0) as usize] += 1;
        }
        // 10,000 expected in each tenth; 3σ ≈ 285.
        for count in below {
            assert!((9_700..=10_300).contains(&count), "{below:?}");
        }
    }

    #[test]
    fn a_triangle_from_2_to_5_peaking_at_3_has_its_median_at_the_closed_form() {
        // The mode's share (3 − 2) ÷ (5 − 2) = 1/3 is below 1/2, so the
        // median is 5 − √(½ × 3 × 2) = 5 − √3 = 3.26795.
        assert!((triangular(2.0, 3.0, 5.0, 0.5) - (5.0 - 3f64.sqrt())).abs() < 1e-12);
        let sorted = draws(Distribution::Triangular, [2.0, 3.0, 5.0], 100_000);
        assert!((quantile(&sorted, 0.5) - 3.267_949).abs() < 0.01);
        // P(x > 3.461) = (5 − 3.461)² ÷ (3 × 2) = 0.39475.
        let above = sorted.iter().filter(|x| **x > 3.461).count() as f64 / 100_000.0;
        assert!((above - 0.394_75).abs() < 0.005, "{above}");
    }

    #[test]
    fn pert_has_the_mean_it_weighs_and_stays_within_its_ends() {
        // (2 + 4 × 3 + 8) ÷ 6 = 3.6667.
        let sorted = draws(Distribution::Pert, [2.0, 3.0, 8.0], 100_000);
        let mean = sorted.iter().sum::<f64>() / sorted.len() as f64;
        assert!((mean - 22.0 / 6.0).abs() < 0.01, "{mean}");
        assert!(sorted[0] >= 2.0 && sorted[sorted.len() - 1] <= 8.0);
        // Symmetric about its mode when the mode is the middle.
        let symmetric = draws(Distribution::Pert, [0.0, 5.0, 10.0], 100_000);
        assert!((quantile(&symmetric, 0.5) - 5.0).abs() < 0.05);
    }

    #[test]
    fn lognormal_low_and_high_are_its_5th_and_95th_percentiles() {
        let sorted = draws(Distribution::Lognormal, [100.0, 300.0, 900.0], 200_000);
        assert!((quantile(&sorted, 0.05) / 100.0 - 1.0).abs() < 0.02);
        assert!((quantile(&sorted, 0.95) / 900.0 - 1.0).abs() < 0.02);
        // Its median is the geometric middle, √(100 × 900) = 300.
        assert!((quantile(&sorted, 0.5) / 300.0 - 1.0).abs() < 0.02);
    }

    #[test]
    fn uniform_ranges_spread_evenly_and_a_collapsed_range_is_its_value() {
        let sorted = draws(Distribution::Uniform, [10.0, 11.0, 20.0], 100_000);
        assert!((quantile(&sorted, 0.25) - 12.5).abs() < 0.05);
        for distribution in [
            Distribution::Pert,
            Distribution::Triangular,
            Distribution::Uniform,
            Distribution::Lognormal,
        ] {
            let x = draw(distribution, [4.0, 4.0, 4.0], &mut Stream::of_sample(1, 1));
            assert_eq!(x, 4.0);
        }
    }
}
