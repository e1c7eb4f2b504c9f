//! What a Monte Carlo run over a scenario's ranges found: for each
//! alternative, its monthly cost at the 10th, 50th and 90th percentiles and
//! how often it is the cheapest design that works, within its budget, and
//! workable at all.

use rust_decimal::Decimal;

use crate::model::keys::Key;
use crate::model::spread::Spread;

/// A value the run drew, as the scenario (or `--set`) ranged it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Varied {
    /// Its path (`workload.records_per_second`).
    pub path: String,
    pub key: &'static Key,
    pub spread: Spread,
    /// A unit price, shown as money.
    pub price: bool,
}

/// One alternative over every sample. Counts are of samples; a chance is
/// a count over [`Odds::samples`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spreads {
    /// The monthly cost at the 10th, 50th and 90th percentiles (the
    /// sample at that rank: an exact bill, never an interpolation), and
    /// the samples' mean; `None` when no sample could be priced.
    pub p10: Option<Decimal>,
    pub p50: Option<Decimal>,
    pub p90: Option<Decimal>,
    pub mean: Option<Decimal>,
    /// Samples in which it is the cheapest of the alternatives that meet
    /// every requirement and limit other than the budget (the first listed
    /// on a tie).
    pub cheapest: u32,
    /// Samples in which it meets every requirement and limit, its budget
    /// aside.
    pub feasible: u32,
    /// Samples in which it costs no more than its budget; `None` without a
    /// budget.
    pub within_budget: Option<u32>,
    /// Samples whose figures could be computed at all.
    pub priced: u32,
    /// The monthly cost at [`Odds::percentile`], when a budget is held
    /// there.
    pub at_percentile: Option<Decimal>,
}

/// A Monte Carlo run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Odds {
    pub samples: u32,
    pub seed: u64,
    /// The percentile a budget is held at (`budget_percentile`), if any.
    pub percentile: Option<u32>,
    pub varied: Vec<Varied>,
    /// One for each alternative, in the scenario's order.
    pub alternatives: Vec<Spreads>,
}

impl Odds {
    /// `count` samples as a share of the run, exactly.
    pub fn chance(&self, count: u32) -> Decimal {
        Decimal::from(count) / Decimal::from(self.samples.max(1))
    }

    /// The half-width of a 95% confidence interval around a chance of one
    /// half (the widest any chance has), as a share: 1.96 × √(¼ ÷ n).
    pub fn margin(&self) -> f64 {
        1.96 * (0.25 / f64::from(self.samples.max(1))).sqrt()
    }
}
