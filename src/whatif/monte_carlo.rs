//! Monte Carlo over every range of a scenario at once: each sample draws
//! every ranged value, evaluates the whole scenario (the flow carries each
//! draw downstream, so values that share a driver move together), and the
//! run counts, for each alternative, its cost's percentiles and how often
//! it is the cheapest design that works.
//!
//! Draws are floating point, and so are the samples' evaluations: the same
//! formulas as the exact ones, over floats, which rank the samples and
//! count the chances (estimates all the same). A percentile is the exact
//! decimal bill of the sample at that rank, evaluated again exactly; the
//! mean is the exact bill of the cheapest sample plus the samples' mean
//! excess over it, in floats.

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::draw::{Stream, draw};
use super::{Axis, prefixed};
use crate::base::diagnostic::Diagnostic;
use crate::base::number::Number;
use crate::base::progress::Progress;
use crate::evaluate::{self, Evaluator};
use crate::model::keys::Value;
use crate::model::odds::{Odds, Spreads, Varied};
use crate::model::report::{self, AlternativeResult, Violation};
use crate::model::spread::Distribution;
use crate::scenario::Scenario;
use crate::scenario::params::{Place, Ranged};

/// Samples a run draws unless told otherwise: enough that every chance it
/// reports is within ±0.5 percentage point of the truth 95 times in 100,
/// whatever the chance (1.96 × √(0.5 × 0.5 ÷ 40,000) = 0.49 points).
pub const DEFAULT_SAMPLES: u32 = 40_000;

/// The seed a run uses unless told otherwise: the same samples every run.
pub const DEFAULT_SEED: u64 = 1;

/// The most samples a run draws.
pub const MAX_SAMPLES: u32 = 10_000_000;

/// The fewest samples a core is given.
const SAMPLES_PER_TASK: usize = 500;

/// How many samples, from which seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    pub samples: u32,
    pub seed: u64,
    /// The percentile a budget is held at, over the scenario's own
    /// `budget_percentile` (`calc check --budget-percentile`).
    pub percentile: Option<u32>,
}

impl Default for Plan {
    fn default() -> Self {
        Self {
            samples: DEFAULT_SAMPLES,
            seed: DEFAULT_SEED,
            percentile: None,
        }
    }
}

/// One ranged value, ready to draw.
struct Drawn {
    slot: usize,
    axis: Axis,
    distribution: Distribution,
    ends: [f64; 3],
    /// The value when the range is one value: every draw is it, exactly.
    fixed: Option<Value>,
    /// Whether the axis takes whole numbers, and its least value: asked of
    /// the axis once, not at each draw.
    whole: bool,
    least: Decimal,
}

/// One alternative in one sample: 16 bytes, for a run's cells are many
/// (a million for 100,000 samples of 10 designs) and each is written once.
#[derive(Clone, Copy, Debug)]
struct Cell {
    /// Its cost; NaN where the sample has none (its evaluation failed),
    /// which no evaluation in floats gives, as each figure is checked
    /// finite where it is made.
    cost: f64,
    feasible: bool,
    within_budget: bool,
}

impl Default for Cell {
    fn default() -> Self {
        Self {
            cost: f64::NAN,
            feasible: false,
            within_budget: false,
        }
    }
}

impl Cell {
    fn cost(&self) -> Option<f64> {
        (!self.cost.is_nan()).then_some(self.cost)
    }
}

/// Draws `plan.samples` samples of every range in `ranges` over `values`
/// and evaluates each; `None` when nothing is ranged.
pub fn run(
    scenario: &Scenario,
    values: &[Value],
    ranges: &[Ranged],
    plan: Plan,
    progress: &Progress,
) -> Result<Option<Odds>, Diagnostic> {
    if ranges.is_empty() {
        return Ok(None);
    }
    if plan.samples == 0 || plan.samples > MAX_SAMPLES {
        return Err(Diagnostic::plain(format!(
            "--samples {} is not between 1 and {MAX_SAMPLES}",
            plan.samples
        )));
    }
    let drawn = ranges
        .iter()
        .map(|ranged| prepare(scenario, ranged))
        .collect::<Result<Vec<_>, _>>()?;
    let n = scenario.alternatives.len();
    let reached = reached(scenario, ranges);
    let samples = plan.samples as usize;
    let mut cells = vec![Cell::default(); samples * n];
    let budgets = evaluate::budgets(scenario, values);
    let per_task = SAMPLES_PER_TASK.max(samples.div_ceil(rayon::current_num_threads() * 8));
    let done = AtomicU64::new(0);
    progress.start(u64::from(plan.samples));
    if n > 0 {
        let shares: Vec<Result<(), Diagnostic>> = cells
            .par_chunks_mut(per_task * n)
            .enumerate()
            .map(|(task, out)| {
                let first = (task * per_task) as u64;
                let result = sample_into(scenario, values, &drawn, &reached, plan.seed, first, out);
                let count = (out.len() / n) as u64;
                progress.advance(done.fetch_add(count, Ordering::Relaxed) + count);
                result
            })
            .collect();
        progress.finish();
        shares.into_iter().collect::<Result<(), _>>()?;
    }
    let mut wins = vec![0_u32; n];
    for row in cells.chunks(n.max(1)) {
        if let Some(i) = cheapest(row) {
            wins[i] += 1;
        }
    }
    let percentile = plan
        .percentile
        .or_else(|| evaluate::requirements_at(scenario, values).budget_percentile);
    let mut exact = Exact::new(scenario, values, &drawn, plan.seed);
    let mut costs = Vec::with_capacity(samples);
    let alternatives = (0..n)
        .map(|i| {
            let column = Column {
                cells: &cells,
                i,
                n,
            };
            spreads(
                column,
                wins[i],
                budgets[i].is_some(),
                percentile,
                &mut exact,
                &mut costs,
            )
        })
        .collect::<Result<_, _>>()?;
    Ok(Some(Odds {
        samples: plan.samples,
        seed: plan.seed,
        percentile,
        varied: drawn
            .iter()
            .zip(ranges)
            .map(|(d, ranged)| Varied {
                path: d.axis.path.clone(),
                key: d.axis.key,
                spread: ranged.spread.clone(),
                price: matches!(scenario.params.info[d.slot].place, Place::Price(_)),
            })
            .collect(),
        alternatives,
    }))
}

fn prepare(scenario: &Scenario, ranged: &Ranged) -> Result<Drawn, Diagnostic> {
    let axis = Axis::at(scenario, ranged.slot, "a range")?;
    let numbers = ranged.spread.numbers().unwrap_or_default();
    let float = |x: Decimal| x.to_f64().unwrap_or(0.0);
    Ok(Drawn {
        slot: ranged.slot,
        distribution: ranged.spread.distribution,
        ends: numbers.map(float),
        fixed: ranged
            .spread
            .collapsed()
            .then(|| ranged.spread.expected.clone()),
        whole: axis.whole(),
        least: axis.minimum(),
        axis,
    })
}

impl Drawn {
    /// The value of sample `stream`: drawn, to six significant digits (a
    /// whole number on a whole axis), never below the key's least value.
    fn value(&self, stream: &mut Stream) -> Value {
        if let Some(fixed) = &self.fixed {
            return fixed.clone();
        }
        let x = draw(self.distribution, self.ends, stream);
        // The float's 17 significant digits, trailing zeros dropped: a
        // draw of 2,000 is 2000, as written.
        let x = if x.abs() < 7.9e28 {
            x.decimal().normalize()
        } else {
            Decimal::ZERO
        };
        let x = if self.whole {
            x.round()
        } else {
            crate::base::number::significant(x, 6)
        };
        self.axis.value(x.max(self.least))
    }
}

/// Samples `first..` into `out`, a sample's alternatives together, with an
/// evaluator and values of its own.
fn sample_into(
    scenario: &Scenario,
    values: &[Value],
    drawn: &[Drawn],
    reached: &[bool],
    seed: u64,
    first: u64,
    out: &mut [Cell],
) -> Result<(), Diagnostic> {
    let n = scenario.alternatives.len();
    // Only the ranged values change from one sample to the next.
    let varied: Vec<usize> = drawn.iter().map(|d| d.slot).collect();
    let mut evaluator = Evaluator::sampling(scenario, &varied);
    let mut values = values.to_vec();
    // A sample's cell reads the bills and the verdicts alone.
    report::bills_only(|| {
        for (k, row) in out.chunks_mut(n).enumerate() {
            let sample = first + k as u64;
            draw_sample(drawn, seed, sample, &mut values);
            let (results, failures) = evaluator
                .evaluate_changed(&values, Some(reached))
                .map_err(|error| at_sample(drawn, &values, error))?;
            for ((cell, result), failure) in row.iter_mut().zip(results).zip(failures) {
                *cell = cell_of(result, failure.is_none());
            }
        }
        Ok(())
    })
}

/// The alternatives a ranged value reaches: the one whose component or
/// budget it is, or every one for the workload's, the requirements', the
/// month's and the prices'. The others are evaluated once.
fn reached(scenario: &Scenario, ranges: &[Ranged]) -> Vec<bool> {
    let mut reached = vec![false; scenario.alternatives.len()];
    for ranged in ranges {
        match scenario.params.info[ranged.slot].place {
            Place::Component { alternative, .. } | Place::Alternative(alternative) => {
                reached[alternative] = true;
            }
            _ => reached.fill(true),
        }
    }
    reached
}

/// Draws every ranged value of sample `sample` into `values`.
fn draw_sample(drawn: &[Drawn], seed: u64, sample: u64, values: &mut [Value]) {
    let mut stream = Stream::of_sample(seed, sample);
    for d in drawn {
        values[d.slot] = d.value(&mut stream);
    }
}

/// The exact bills of samples drawn again, for the percentiles: each sample
/// evaluated once in exact decimals, whichever alternatives ask for it.
struct Exact<'a> {
    evaluator: Evaluator<'a>,
    values: Vec<Value>,
    drawn: &'a [Drawn],
    seed: u64,
    /// The samples evaluated so far, with each alternative's bill.
    bills: Vec<(usize, Vec<Option<Decimal>>)>,
}

impl<'a> Exact<'a> {
    fn new(scenario: &'a Scenario, values: &[Value], drawn: &'a [Drawn], seed: u64) -> Self {
        let varied: Vec<usize> = drawn.iter().map(|d| d.slot).collect();
        Self {
            evaluator: Evaluator::varying(scenario, &varied),
            values: values.to_vec(),
            drawn,
            seed,
            bills: Vec::new(),
        }
    }

    /// Alternative `i`'s exact bill at `sample`; `None` where it has none.
    fn bill(&mut self, sample: usize, i: usize) -> Result<Option<Decimal>, Diagnostic> {
        if let Some((_, bills)) = self.bills.iter().find(|(s, _)| *s == sample) {
            return Ok(bills[i]);
        }
        draw_sample(self.drawn, self.seed, sample as u64, &mut self.values);
        let (results, failures) = report::bills_only(|| {
            self.evaluator
                .evaluate_each(&self.values)
                .map_err(|error| at_sample(self.drawn, &self.values, error))
        })?;
        let bills: Vec<Option<Decimal>> = results
            .iter()
            .zip(failures)
            .map(|(result, failure)| failure.is_none().then_some(result.monthly_cost))
            .collect();
        let bill = bills[i];
        self.bills.push((sample, bills));
        Ok(bill)
    }
}

fn cell_of(result: &AlternativeResult<f64>, computed: bool) -> Cell {
    if !computed {
        return Cell::default();
    }
    let over_budget = |v: &Violation| matches!(v, Violation::MaxMonthlyCost { .. });
    Cell {
        cost: result.monthly_cost,
        feasible: result.all_violations().all(|(_, v)| over_budget(v)),
        within_budget: !result.violations.iter().any(|(_, v)| over_budget(v)),
    }
}

/// An error at a sample, with the values drawn there.
fn at_sample(drawn: &[Drawn], values: &[Value], error: Diagnostic) -> Diagnostic {
    let at: Vec<String> = drawn
        .iter()
        .map(|d| format!("`{}` = {}", d.axis.path, values[d.slot].written(d.axis.key)))
        .collect();
    prefixed(error, &format!("at a sample where {}", at.join(", ")))
        .or_help("narrow the ranges so that every sample is a valid scenario")
}

/// Alternative `i`'s cells, of `n` alternatives a sample.
#[derive(Clone, Copy)]
struct Column<'a> {
    cells: &'a [Cell],
    i: usize,
    n: usize,
}

impl<'a> Column<'a> {
    /// Its cell in each sample, by sample.
    fn iter(self) -> impl Iterator<Item = &'a Cell> {
        self.cells.iter().skip(self.i).step_by(self.n.max(1))
    }
}

/// One alternative over every sample.
fn spreads(
    column: Column,
    cheapest: u32,
    budget: bool,
    percentile: Option<u32>,
    exact: &mut Exact,
    costs: &mut Vec<(f64, usize)>,
) -> Result<Spreads, Diagnostic> {
    // Each priced sample's cost, and the sample, in the buffer the
    // alternative before filled, as large as any. They are ordered
    // cheapest first (the earlier sample of equal costs), a total order,
    // but only at the few ranks read: each is found in linear time.
    costs.clear();
    costs.extend(
        column
            .iter()
            .enumerate()
            .filter_map(|(sample, c)| c.cost().map(|cost| (cost, sample))),
    );
    let cheaper = |a: &(f64, usize), b: &(f64, usize)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
    // The mean as the least cost and the mean excess over it.
    let least = costs
        .iter()
        .min_by(|a, b| cheaper(a, b))
        .map(|&(least, _)| least);
    let excess = least
        .map(|least| costs.iter().map(|(cost, _)| cost - least).sum::<f64>() / costs.len() as f64);
    let i = column.i;
    let mut rank = |share: u32| -> Result<Option<Decimal>, Diagnostic> {
        // The nearest rank: the smallest cost with at least this share of
        // the samples at or below it, billed exactly.
        let at = (costs.len() * share as usize)
            .div_ceil(100)
            .saturating_sub(1);
        if at >= costs.len() {
            return Ok(None);
        }
        let (cost, sample) = *costs.select_nth_unstable_by(at, cheaper).1;
        Ok(Some(exact.bill(sample, i)?.unwrap_or(cost.decimal())))
    };
    let (p10, p50, p90) = (rank(10)?, rank(50)?, rank(90)?);
    let at_percentile = percentile.map(&mut rank).transpose()?.flatten();
    // The least cost's exact bill and the excess: the least cost's exact
    // bill alone where every cost is one value.
    let mean = match excess {
        Some(excess) => rank(0)?.map(|least| least.checked_add(excess.decimal()).unwrap_or(least)),
        None => None,
    };
    let count = |f: &dyn Fn(&Cell) -> bool| column.iter().filter(|c| f(c)).count() as u32;
    Ok(Spreads {
        p10,
        p50,
        p90,
        mean,
        cheapest,
        feasible: count(&|c| c.cost().is_some() && c.feasible),
        within_budget: budget.then(|| count(&|c| c.cost().is_some() && c.within_budget)),
        priced: count(&|c| c.cost().is_some()),
        at_percentile,
    })
}

/// The cheapest of the alternatives that work in one sample; the first on
/// a tie.
fn cheapest(row: &[Cell]) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, cell) in row.iter().enumerate() {
        if let (true, Some(cost)) = (cell.feasible, cell.cost())
            && best.is_none_or(|(_, least)| cost < least)
        {
            best = Some((i, cost));
        }
    }
    best.map(|(i, _)| i)
}
