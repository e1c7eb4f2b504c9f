//! A sweep: the scenario evaluated at each point of a range of one value,
//! with every alternative's cost, main capacity figure and verdict there,
//! the cheapest feasible alternative at each point, and the exact values at
//! which the cheapest changes or an alternative turns infeasible.

use rust_decimal::Decimal;

use rayon::prelude::*;

use super::monte_carlo;
use super::{Axis, Boundary, Failure, bisect};
use crate::base::diagnostic::Diagnostic;
use crate::base::progress::Progress;
use crate::base::units::Duration;
use crate::evaluate::Evaluator;
use crate::model::keys::Value;
use crate::model::report::{AlternativeResult, CapacityValue, Verdict};
use crate::scenario::Scenario;
use crate::scenario::params::Ranged;

/// Capacity figures that step with the load, one of which a sweep shows
/// for each alternative: shards, write units, KPUs, concurrent executions,
/// instances, prefixes, partitions.
pub const STEPPING: [&str; 8] = [
    "shards",
    "wcu",
    "rcu",
    "kpus",
    "concurrency",
    "instances",
    "prefixes",
    "partitions",
];

/// The most points a sweep evaluates.
pub const MAX_POINTS: usize = 1_000_000;

/// The most figures (points × alternatives) a sweep holds: about 100 MB.
pub const MAX_CELLS: usize = 2_000_000;

/// The most changes a sweep searches for; past them, it says so.
pub const MAX_CHANGES: usize = 1_000;

/// The fewest points a core is given: below this many, starting a thread
/// costs more than it saves.
const POINTS_PER_THREAD: usize = 2_000;

/// How the range is cut into points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spacing {
    /// This many equal steps (one more point, both ends included).
    Steps(u32),
    /// Steps of this size on the axis, from the start; the end is included.
    Step(Decimal),
    /// This many steps of equal ratio (the start must be above zero).
    Log(u32),
}

/// What to sweep.
#[derive(Clone, Debug)]
pub struct Plan {
    pub axis: Axis,
    pub from: Decimal,
    pub to: Decimal,
    pub spacing: Spacing,
    /// The figure charted and tabulated beside the cost.
    pub charted: Charted,
}

/// The figure a sweep charts: the monthly cost, the latency, or a capacity
/// figure (its key, as the report names it: `shards`, `wcu`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Charted {
    #[default]
    Cost,
    Latency,
    Capacity(String),
}

impl Charted {
    /// `cost`, `latency`, or a capacity figure's key.
    pub fn parse(text: &str) -> Self {
        match text.trim() {
            "cost" => Self::Cost,
            "latency" => Self::Latency,
            key => Self::Capacity(key.to_string()),
        }
    }
}

/// One alternative at one point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The monthly cost; `None` when it cannot be computed there (a
    /// quantity past the pricing table's last tier), which fails.
    pub cost: Option<Decimal>,
    pub verdict: Verdict,
    /// The alternative's main capacity figure (see [`Sweep::capacity`]).
    pub capacity: Option<Decimal>,
    /// The latency from the workload to the end of its slowest path.
    pub latency: Duration,
}

impl Cell {
    pub fn feasible(&self) -> bool {
        self.cost.is_some() && self.verdict != Verdict::Fails
    }
}

/// Where the cheapest feasible alternative changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Crossover {
    pub at: Boundary,
    /// The cheapest feasible alternative below, and above (none: all fail).
    pub below: Option<usize>,
    pub above: Option<usize>,
    /// Whether the one cheapest below fails above the boundary (else the one
    /// above is simply cheaper there).
    pub below_fails: bool,
    /// The cheapest feasible cost just past the boundary (or, when none is
    /// feasible there, the cost of the one cheapest below), for a marker.
    pub cost: Option<Decimal>,
}

/// Where an alternative turns infeasible (or feasible again).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Turn {
    pub at: Boundary,
    pub alternative: usize,
    /// Whether it fails above the boundary (else below it).
    pub fails_above: bool,
    /// Why it fails on its failing side, next to the boundary.
    pub reason: Option<Failure>,
}

/// The main capacity figure of an alternative: the first of the figures
/// that step with the load ([`STEPPING`]) that its components report, in
/// their order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CapacityFigure {
    pub component: usize,
    pub key: &'static str,
}

#[derive(Clone, Debug)]
pub struct Sweep {
    pub plan: Plan,
    pub names: Vec<String>,
    pub capacity: Vec<Option<CapacityFigure>>,
    pub points: Vec<Decimal>,
    /// `points.len() × names.len()` cells, a point's alternatives together.
    pub cells: Vec<Cell>,
    pub crossovers: Vec<Crossover>,
    pub turns: Vec<Turn>,
    /// Whether the search stopped at [`MAX_CHANGES`] changes.
    pub more_changes: bool,
    pub currency: String,
    /// The hours of the month, unless the sweep varies them.
    pub hours_per_month: Decimal,
    /// With ranges: each cell's monthly cost at P10 and P90 of a Monte Carlo
    /// run at its point (`cells`' order), and the run's samples a point;
    /// empty without ranges.
    pub bands: Vec<Option<(Decimal, Decimal)>>,
    pub band_samples: u32,
}

impl Sweep {
    /// The figure the sweep charts for `cell`: its cost, its latency in
    /// seconds, or its capacity figure.
    pub fn charted(&self, cell: &Cell) -> Option<Decimal> {
        match self.plan.charted {
            Charted::Cost => cell.cost,
            Charted::Latency => cell.cost.map(|_| cell.latency.ms() / Decimal::ONE_THOUSAND),
            Charted::Capacity(_) => cell.capacity,
        }
    }

    /// The alternatives at point `i`.
    pub fn row(&self, i: usize) -> &[Cell] {
        let n = self.names.len();
        &self.cells[i * n..(i + 1) * n]
    }

    /// Alternative `a`'s P10 and P90 at point `i`, with ranges.
    pub fn band(&self, i: usize, a: usize) -> Option<(Decimal, Decimal)> {
        self.bands.get(i * self.names.len() + a).copied().flatten()
    }

    /// The cheapest feasible alternative at point `i`.
    pub fn cheapest(&self, i: usize) -> Option<usize> {
        cheapest(self.row(i))
    }
}

/// The cheapest feasible alternative among `cells`; the first on a tie.
pub fn cheapest(cells: &[Cell]) -> Option<usize> {
    let mut best: Option<(usize, Decimal)> = None;
    for (i, cell) in cells.iter().enumerate() {
        if let (true, Some(cost)) = (cell.feasible(), cell.cost)
            && best.is_none_or(|(_, least)| cost < least)
        {
            best = Some((i, cost));
        }
    }
    best.map(|(i, _)| i)
}

/// The plan `--vary PATH=FROM..TO` with `--steps`, `--step` or `--log`
/// asks for, read against the scenario and its values.
pub fn plan(
    scenario: &Scenario,
    values: &[Value],
    vary: &str,
    steps: Option<u32>,
    step: Option<&str>,
    log: bool,
) -> Result<Plan, Diagnostic> {
    let (path, range) = crate::scenario::set::split_assignment(vary)?;
    let axis = Axis::resolve(scenario, path, "a sweep")?;
    let (from, to) = super::range(&axis, scenario, values, range, "--vary")?;
    let steps = steps.unwrap_or(DEFAULT_STEPS);
    let spacing = match (step, log) {
        (Some(text), _) => {
            let step = axis.read_step(text)?;
            if from < to && step_count(to - from, step).is_none() {
                return Err(too_many_steps(text));
            }
            Spacing::Step(step)
        }
        (None, true) => Spacing::Log(steps),
        (None, false) => Spacing::Steps(steps),
    };
    Ok(Plan {
        axis,
        from,
        to,
        spacing,
        charted: Charted::Cost,
    })
}

/// Steps in a sweep unless told otherwise.
pub const DEFAULT_STEPS: u32 = 100;

/// How many steps of `step` cover `span`; `None` when they are too many to
/// count (a step of 1e-28 across 1..3000 is 3 × 10^31 of them, past both the
/// largest decimal and a 64-bit count).
fn step_count(span: Decimal, step: Decimal) -> Option<u64> {
    span.checked_div(step)
        .and_then(|count| u64::try_from(count.ceil()).ok())
}

/// A step so small that its count is past counting; `step` as written.
fn too_many_steps(step: &str) -> Diagnostic {
    Diagnostic::plain(format!(
        "`--step {step}` is too small: it cuts the range into more than the {MAX_POINTS} points calc evaluates"
    ))
    .with_help("use a larger --step, or fewer --steps")
}

/// The points of the plan, in increasing order, without repeats; whole
/// numbers on a whole axis.
pub fn points(plan: &Plan) -> Result<Vec<Decimal>, Diagnostic> {
    let (from, to) = (plan.from, plan.to);
    if from >= to {
        return Err(Diagnostic::plain(format!(
            "the range of `{}` must go up: {} is not below {}",
            plan.axis.path, from, to
        ))
        .with_help("write the lower end first: FROM..TO"));
    }
    let span = to - from;
    let count = match plan.spacing {
        Spacing::Steps(n) | Spacing::Log(n) => u64::from(n.max(1)),
        Spacing::Step(step) => {
            step_count(span, step).ok_or_else(|| too_many_steps(&step.normalize().to_string()))?
        }
    };
    if count >= MAX_POINTS as u64 {
        return Err(Diagnostic::plain(format!(
            "a sweep of {count} steps is more than the {MAX_POINTS} points calc evaluates"
        ))
        .with_help("use fewer --steps, or a larger --step"));
    }
    let mut points = Vec::with_capacity(usize::try_from(count).unwrap_or(0) + 1);
    let mut push = |x: Decimal| {
        let x = if plan.axis.whole() { x.round() } else { x };
        let x = x.clamp(from, to);
        if points.last().is_none_or(|last| x > *last) {
            points.push(x);
        }
    };
    match plan.spacing {
        Spacing::Steps(_) => {
            for i in 0..=count {
                push(super::along(from, span, i, count));
            }
        }
        Spacing::Step(step) => {
            for i in 0..count {
                match step
                    .checked_mul(Decimal::from(i))
                    .and_then(|d| from.checked_add(d))
                {
                    Some(x) => push(x),
                    None => break,
                }
            }
            push(to);
        }
        Spacing::Log(_) => {
            if from <= Decimal::ZERO {
                return Err(Diagnostic::plain(format!(
                    "--log needs a range above zero; `{}` starts at {from}",
                    plan.axis.path
                )));
            }
            // Points on a ratio scale are samples for reading and drawing;
            // what matters (the crossovers) is bisected exactly.
            let ratios = super::Ratios::new(from, to);
            push(from);
            for i in 1..count {
                if let Some(x) = ratios.at(i, count) {
                    push(x);
                }
            }
            push(to);
        }
    }
    Ok(points)
}

/// Evaluates the scenario at every point of `plan`, from the values in
/// `values` (the scenario's, with any `--set` applied), and finds the
/// crossovers and turns.
pub fn run(scenario: &Scenario, values: &[Value], plan: Plan) -> Result<Sweep, Diagnostic> {
    let points = points(&plan)?;
    let names: Vec<String> = scenario
        .alternatives
        .iter()
        .map(|a| a.name.to_string())
        .collect();
    let n = names.len();
    if points.len().saturating_mul(n) > MAX_CELLS {
        return Err(Diagnostic::plain(format!(
            "{} points of {n} alternatives are more figures than the {MAX_CELLS} a sweep holds",
            points.len()
        ))
        .with_help(format!("use at most {} steps", MAX_CELLS / n.max(1) - 1)));
    }
    // The main capacity figure of each alternative, as the start reports it.
    let mut evaluator = Evaluator::new(scenario);
    let mut start = values.to_vec();
    start[plan.axis.slot] = plan.axis.value(points[0]);
    let first = evaluator
        .evaluate_each(&start)
        .map_err(|error| at_point(&plan.axis, points[0], &scenario.prices.currency, error))?
        .0;
    let capacity: Vec<Option<CapacityFigure>> = match &plan.charted {
        Charted::Capacity(key) => {
            let found: Vec<Option<CapacityFigure>> = first
                .iter()
                .map(|result| first_capacity(result, |k| k == key.as_str()))
                .collect();
            if found.iter().all(Option::is_none) {
                return Err(unknown_figure(key, first));
            }
            found
        }
        Charted::Cost | Charted::Latency => first.iter().map(main_capacity).collect(),
    };

    let mut cells = vec![
        Cell {
            cost: None,
            verdict: Verdict::Ok,
            capacity: None,
            latency: Duration::ZERO,
        };
        points.len() * n
    ];
    let currency = &scenario.prices.currency;
    let per_task = POINTS_PER_THREAD.max(points.len().div_ceil(rayon::current_num_threads()));
    if n > 0 {
        // Each share's outcome in the points' order, so that of several
        // errors the first point's is the one reported, run after run.
        let shares: Vec<Result<(), Diagnostic>> = points
            .par_chunks(per_task)
            .zip(cells.par_chunks_mut(per_task * n))
            .map(|(xs, out)| {
                evaluate_points(scenario, values, &plan.axis, &capacity, xs, out)
                    .map_err(|(x, error)| at_point(&plan.axis, x, currency, *error))
            })
            .collect();
        shares.into_iter().collect::<Result<(), _>>()?;
    }

    let mut sweep = Sweep {
        plan,
        names,
        capacity,
        points,
        cells,
        crossovers: Vec::new(),
        turns: Vec::new(),
        more_changes: false,
        currency: currency.to_string(),
        hours_per_month: crate::evaluate::hours(scenario, values),
        bands: Vec::new(),
        band_samples: 0,
    };
    find_changes(scenario, values, &mut sweep)?;
    Ok(sweep)
}

/// One thread's share: the points `xs`, into `out`, with an evaluator and
/// values of its own. Allocates nothing per point.
fn evaluate_points(
    scenario: &Scenario,
    values: &[Value],
    axis: &Axis,
    capacity: &[Option<CapacityFigure>],
    xs: &[Decimal],
    out: &mut [Cell],
) -> Result<(), (Decimal, Box<Diagnostic>)> {
    let mut evaluator = Evaluator::new(scenario);
    let mut values = values.to_vec();
    let n = capacity.len();
    for (x, row) in xs.iter().zip(out.chunks_mut(n)) {
        values[axis.slot] = axis.value(*x);
        let (results, failures) = evaluator
            .evaluate_each(&values)
            .map_err(|e| (*x, Box::new(e)))?;
        for (((cell, result), failure), figure) in
            row.iter_mut().zip(results).zip(failures).zip(capacity)
        {
            *cell = cell_of(result, failure.is_none(), *figure);
        }
    }
    Ok(())
}

fn cell_of(result: &AlternativeResult, computed: bool, figure: Option<CapacityFigure>) -> Cell {
    if !computed {
        return Cell {
            cost: None,
            verdict: Verdict::Fails,
            capacity: None,
            latency: Duration::ZERO,
        };
    }
    Cell {
        cost: Some(result.monthly_cost),
        verdict: result.verdict(),
        capacity: figure.and_then(|figure| capacity_at(result, figure)),
        latency: result.latency,
    }
}

/// The first capacity figure of the alternative's components, in their
/// order, whose key `wanted` takes.
fn first_capacity(
    result: &AlternativeResult,
    wanted: impl Fn(&str) -> bool,
) -> Option<CapacityFigure> {
    result
        .components
        .iter()
        .enumerate()
        .find_map(|(component, c)| {
            c.capacity
                .iter()
                .find(|figure| wanted(figure.key))
                .map(|figure| CapacityFigure {
                    component,
                    key: figure.key,
                })
        })
}

/// `--measure KEY` where no alternative reports `KEY`: the figures they do.
fn unknown_figure(key: &str, results: &[AlternativeResult]) -> Diagnostic {
    let mut keys: Vec<&str> = results
        .iter()
        .flat_map(|r| &r.components)
        .flat_map(|c| &c.capacity)
        .map(|figure| figure.key)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    Diagnostic::plain(format!(
        "no alternative reports a capacity figure `{key}` to measure"
    ))
    .suggesting(key, keys.iter().copied().chain(["cost", "latency"]))
    .or_help(format!(
        "measure `cost`, `latency`, or one of the figures the alternatives report: {}",
        keys.join(", ")
    ))
}

fn main_capacity(result: &AlternativeResult) -> Option<CapacityFigure> {
    first_capacity(result, |key| STEPPING.contains(&key))
}

fn capacity_at(result: &AlternativeResult, figure: CapacityFigure) -> Option<Decimal> {
    let component = result.components.get(figure.component)?;
    component
        .capacity
        .iter()
        .find(|c| c.key == figure.key)
        .and_then(|c| match c.value {
            CapacityValue::Count(n) => Some(Decimal::from(n)),
            CapacityValue::Number(n) => Some(n),
            _ => None,
        })
}

/// An evaluation error at one point of the sweep, saying which.
pub fn at_point(axis: &Axis, x: Decimal, currency: &str, error: Diagnostic) -> Diagnostic {
    super::prefixed(
        error,
        &format!("at {} = {}", axis.path, axis.show(x, currency)),
    )
}

/// Evaluations at single values of the axis, for the searches between
/// points: the cells there, and why an alternative fails there.
struct Probe<'s> {
    evaluator: Evaluator<'s>,
    values: Vec<Value>,
    axis: Axis,
    capacity: Vec<Option<CapacityFigure>>,
    currency: &'s str,
}

impl Probe<'_> {
    fn evaluate(
        &mut self,
        x: Decimal,
    ) -> Result<(&[AlternativeResult], &[Option<Diagnostic>]), Diagnostic> {
        self.values[self.axis.slot] = self.axis.value(x);
        let (axis, currency) = (&self.axis, self.currency);
        self.evaluator
            .evaluate_each(&self.values)
            .map_err(|error| at_point(axis, x, currency, error))
    }

    fn cells(&mut self, x: Decimal) -> Result<Vec<Cell>, Diagnostic> {
        let capacity = self.capacity.clone();
        let (results, failures) = self.evaluate(x)?;
        Ok(results
            .iter()
            .zip(failures)
            .zip(capacity)
            .map(|((r, failure), f)| cell_of(r, failure.is_none(), f))
            .collect())
    }

    fn reason(&mut self, x: Decimal, alternative: usize) -> Result<Option<Failure>, Diagnostic> {
        let (results, failures) = self.evaluate(x)?;
        Ok(match &failures[alternative] {
            Some(failure) => Some(Failure::Uncomputable(Box::new(failure.clone()))),
            None => Failure::first_of(&results[alternative]),
        })
    }
}

/// Why a cost cannot be computed, in a sentence.
/// Bisects every change of the cheapest feasible alternative, and of each
/// alternative's feasibility, between neighbouring points.
fn find_changes(
    scenario: &Scenario,
    values: &[Value],
    sweep: &mut Sweep,
) -> Result<(), Diagnostic> {
    let axis = sweep.plan.axis.clone();
    let mut probe = Probe {
        evaluator: Evaluator::new(scenario),
        values: values.to_vec(),
        axis: axis.clone(),
        capacity: sweep.capacity.clone(),
        currency: &scenario.prices.currency,
    };
    let mut crossovers = Vec::new();
    let mut turns = Vec::new();
    for i in 1..sweep.points.len() {
        if crossovers.len() + turns.len() >= MAX_CHANGES {
            sweep.more_changes = true;
            break;
        }
        let (lo, hi) = (sweep.points[i - 1], sweep.points[i]);
        // Several changes may fall between two points: each search starts
        // where the last one ended.
        let mut start = lo;
        let mut below = sweep.cheapest(i - 1);
        let last = sweep.cheapest(i);
        while below != last {
            let found = bisect(&axis, start, hi, &below, |x| {
                probe.cells(x).map(|cells| cheapest(&cells))
            })?;
            let cells = probe.cells(found.upper)?;
            let above = cheapest(&cells);
            crossovers.push(Crossover {
                at: found.boundary,
                below,
                above,
                below_fails: below.is_some_and(|b| !cells[b].feasible()),
                cost: above.or(below).and_then(|i| cells[i].cost),
            });
            if found.upper >= hi || above == below {
                break;
            }
            (start, below) = (found.upper, above);
        }
        for alternative in 0..sweep.names.len() {
            let was = sweep.row(i - 1)[alternative].feasible();
            if was == sweep.row(i)[alternative].feasible() {
                continue;
            }
            let found = bisect(&axis, lo, hi, &was, |x| {
                probe.cells(x).map(|cells| cells[alternative].feasible())
            })?;
            // Why it fails, next to the boundary on its failing side.
            let failing = if was { found.upper } else { found.lower };
            turns.push(Turn {
                at: found.boundary,
                alternative,
                fails_above: was,
                reason: probe.reason(failing, alternative)?,
            });
        }
    }
    sweep.crossovers = crossovers;
    sweep.turns = turns;
    Ok(())
}

/// Samples a point of a sweep draws over the scenario's ranges unless told
/// otherwise: enough to draw P10 and P90 within about a percent of their
/// rank, across a hundred points.
pub const BAND_SAMPLES: u32 = 1_000;

/// A band of cost around each line: at every point, a Monte Carlo run over
/// `ranges` (but the varied value, which the point fixes) gives each
/// alternative's P10 and P90. Nothing when only the varied value is ranged.
pub fn bands(
    scenario: &Scenario,
    values: &[Value],
    ranges: &[Ranged],
    sweep: &mut Sweep,
    plan: monte_carlo::Plan,
    progress: &Progress,
) -> Result<(), Diagnostic> {
    let slot = sweep.plan.axis.slot;
    let others: Vec<Ranged> = ranges.iter().filter(|r| r.slot != slot).cloned().collect();
    if others.is_empty() || sweep.plan.charted != Charted::Cost {
        return Ok(());
    }
    let mut values = values.to_vec();
    let mut bands = Vec::with_capacity(sweep.cells.len());
    let silent = Progress::silent();
    progress.start(sweep.points.len() as u64);
    for (i, x) in sweep.points.iter().enumerate() {
        values[slot] = sweep.plan.axis.value(*x);
        let odds = monte_carlo::run(scenario, &values, &others, plan, &silent)
            .map_err(|e| at_point(&sweep.plan.axis, *x, &sweep.currency, e))?;
        for spread in odds.iter().flat_map(|o| &o.alternatives) {
            bands.push(spread.p10.zip(spread.p90));
        }
        progress.advance(i as u64 + 1);
    }
    progress.finish();
    sweep.bands = bands;
    sweep.band_samples = plan.samples;
    Ok(())
}
