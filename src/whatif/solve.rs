//! The inverse of a sweep: for each alternative, the range of one value in
//! which a condition holds (a budget, feasibility, no dearer than another
//! alternative), found on a grid and bisected exactly at its ends.

use rust_decimal::Decimal;

use super::{Axis, Boundary, Failure, bisect};
use crate::base::diagnostic::Diagnostic;
use crate::base::number::Inexact;
use crate::base::units::Duration;
use crate::evaluate::Evaluator;
use crate::model::keys::Value;
use crate::model::report::AlternativeResult;
use crate::scenario::Scenario;

/// Points on the grid that finds where a condition holds, before the ends
/// are bisected: half equal steps, half equal ratios (for the small values
/// of a range that spans orders of magnitude).
const GRID: u32 = 200;

/// How far the range goes by default: this many times the scenario's value.
const DEFAULT_REACH: u32 = 1_000_000;

/// The grid's equal ratios start this many times below the range's end
/// when the range starts at zero.
const DECADES_BELOW: u64 = 1_000_000_000_000;

/// The least decimal above zero, 1e-28.
const LEAST: Decimal = Decimal::from_parts(1, 0, 0, false, 28);

/// What must hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Condition {
    /// A monthly cost of at most this.
    CostAtMost(Decimal),
    /// No breach of a requirement or a limit.
    Feasible,
    /// A monthly cost of at most that of the alternative at this index.
    CostAtMostOf(usize),
    /// A latency, from the workload to the end of the slowest path, of at
    /// most this.
    LatencyAtMost(Duration),
}

#[derive(Clone, Debug)]
pub struct Question {
    pub axis: Axis,
    pub from: Decimal,
    pub to: Decimal,
    pub condition: Condition,
}

/// One end of the range in which the condition holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum End {
    /// The end of the searched range: the condition still holds there.
    Open(Decimal),
    /// A boundary the search found; past it, at `outside`, the alternative
    /// costs `cost` and, if it fails there, fails for `reason`.
    Bound {
        at: Boundary,
        outside: Decimal,
        cost: Option<Decimal>,
        reason: Option<Failure>,
        /// The latency there, where the cost can be computed.
        latency: Option<Duration>,
    },
}

/// Where the condition holds for one alternative.
#[derive(Clone, Debug, PartialEq, Eq)]
#[expect(
    clippy::large_enum_variant,
    reason = "one a solve's alternative, never in a loop: boxing the ends would buy nothing"
)]
pub enum Holds {
    /// Nowhere in the searched range; the cost and reason at its start.
    Nowhere {
        cost: Option<Decimal>,
        reason: Option<Failure>,
    },
    /// From `low` to `high`. `again` is a grid point past `high` where it
    /// holds once more, if there is one.
    Between {
        low: End,
        high: End,
        again: Option<Decimal>,
    },
    /// The alternative the condition compares with.
    Itself,
}

#[derive(Clone, Debug)]
pub struct Answer {
    pub question: Question,
    pub names: Vec<String>,
    pub holds: Vec<Holds>,
    pub currency: String,
    pub hours_per_month: Decimal,
}

/// Reads `--for PATH --until CONDITION [--within FROM..TO]`.
pub fn question(
    scenario: &Scenario,
    values: &[Value],
    path: &str,
    until: &str,
    within: Option<&str>,
) -> Result<Question, Diagnostic> {
    let axis = Axis::resolve(scenario, path, "solve")?;
    let condition = condition(scenario, until)?;
    let (from, to) = match within {
        Some(range) => super::range(&axis, scenario, values, range, "--within")?,
        None => default_range(&axis, scenario, values)?,
    };
    if from >= to {
        return Err(Diagnostic::plain(format!(
            "the range of `{}` must go up: {from} is not below {to}",
            axis.path
        ))
        .with_help("write the lower end first: --within FROM..TO"));
    }
    Ok(Question {
        axis,
        from,
        to,
        condition,
    })
}

/// `cost<=500`, `cost <= $1,200.50`, `feasible`, `cost<=Kinesis`,
/// `latency<=2min`.
fn condition(scenario: &Scenario, text: &str) -> Result<Condition, Diagnostic> {
    let trimmed = text.trim();
    if trimmed == "feasible" {
        return Ok(Condition::Feasible);
    }
    if let Some(rest) = trimmed.strip_prefix("latency") {
        let bound = rest.trim_start().strip_prefix("<=").map(str::trim);
        let help = "write a latency with its unit, such as `latency<=2min` or `latency <= 500 ms`";
        let Some(bound) = bound.filter(|b| !b.is_empty()) else {
            return Err(
                Diagnostic::plain(format!("`{text}` is not a condition solve knows"))
                    .with_help(help),
            );
        };
        return bound
            .parse::<Duration>()
            .map(Condition::LatencyAtMost)
            .map_err(|e| Diagnostic::plain(format!("`{bound}`: {e}")).with_help(help));
    }
    let names = || scenario.alternatives.iter().map(|a| &*a.name);
    let Some(bound) = trimmed
        .strip_prefix("cost")
        .map(str::trim_start)
        .and_then(|rest| rest.strip_prefix("<="))
        .map(str::trim)
        .filter(|bound| !bound.is_empty())
    else {
        return Err(
            Diagnostic::plain(format!("`{text}` is not a condition solve knows")).with_help(
                "write `cost<=AMOUNT` (a monthly budget), `feasible`, `cost<=ALTERNATIVE` (the break-even with that alternative), or `latency<=DURATION`",
            ),
        );
    };
    let amount = bound.trim_start_matches('$').replace(',', "");
    match crate::base::number::exact(&amount) {
        Ok(amount) => return Ok(Condition::CostAtMost(amount)),
        Err(Inexact::TooLarge) => {
            return Err(Diagnostic::plain(format!(
                "`{bound}` is too large: exact decimals hold at most 28 digits"
            ))
            .with_help("a budget is a monthly cost, such as `cost<=500`"));
        }
        Err(Inexact::TooSmall) => {
            return Err(Diagnostic::plain(format!(
                "`{bound}` is too small: exact decimals stop at 28 decimal places"
            ))
            .with_help("write `cost<=0` for nothing at all"));
        }
        Err(Inexact::NotANumber) => {}
    }
    let name = bound.trim_matches('"');
    match names().position(|n| n == name) {
        Some(index) => Ok(Condition::CostAtMostOf(index)),
        None => Err(Diagnostic::plain(format!(
            "`{name}` is neither an amount nor an alternative of the scenario"
        ))
        .suggesting(name, names())
        .or_help(format!(
            "the alternatives: {}",
            names().collect::<Vec<_>>().join(", ")
        ))),
    }
}

/// From the least value the key takes to [`DEFAULT_REACH`] times the
/// scenario's value (within the key's own maximum); for `month`, the
/// months of `[growth]`.
fn default_range(
    axis: &Axis,
    scenario: &Scenario,
    values: &[Value],
) -> Result<(Decimal, Decimal), Diagnostic> {
    let needs_range = || {
        Diagnostic::plain(format!(
            "`{}` has no value in the scenario to search around",
            axis.path
        ))
        .with_help("give the range: --within FROM..TO")
    };
    let current = axis
        .number(&values[axis.slot])
        .filter(|n| *n > Decimal::ZERO)
        .ok_or_else(needs_range)?;
    let mut to = current
        .checked_mul(Decimal::from(DEFAULT_REACH))
        .ok_or_else(needs_range)?;
    if let crate::model::keys::Kind::Count { max, .. } = axis.key.kind {
        to = to.min(Decimal::from(max));
    }
    // The month searches the horizon `[growth]` states.
    if axis.slot == scenario.month
        && let Some(growth) = &scenario.growth
    {
        to = Decimal::from(growth.months);
    }
    if axis.measure == super::Measure::Size {
        to = to.min(Decimal::from(crate::base::units::MAX_SIZE));
    }
    // Both ends must be values the scenario could state. A key whose least
    // value is refused (a duration of 0 s) starts the search at a millionth
    // of the scenario's value instead, as it ends at a million times it.
    let fits = |end: Decimal| {
        let mut scratch = values.to_vec();
        scratch[axis.slot] = axis.value(end);
        crate::scenario::validate(scenario, &scratch).map_err(|error| {
            super::prefixed(
                error,
                &format!(
                    "searching `{}` at {}",
                    axis.path,
                    axis.show(end, &scenario.prices.currency)
                ),
            )
            .with_help("give a range that fits: --within FROM..TO")
        })
    };
    let from = match fits(axis.minimum()) {
        Ok(()) => axis.minimum(),
        Err(error) => {
            let nearer = current / Decimal::from(DEFAULT_REACH);
            if fits(nearer).is_err() {
                return Err(error);
            }
            nearer
        }
    };
    fits(to)?;
    Ok((from, to))
}

/// The grid: equal steps and equal ratios over the range, merged.
fn grid(question: &Question) -> Vec<Decimal> {
    let (from, to) = (question.from, question.to);
    let axis = &question.axis;
    let mut points: Vec<Decimal> = (0..=GRID)
        .map(|i| super::along(from, to - from, u64::from(i), u64::from(GRID)))
        .collect();
    // Equal ratios from the start, or from far below the end upwards; an
    // end so small that far below it is zero starts at the least decimal.
    let start = if from > Decimal::ZERO {
        from
    } else {
        (to / Decimal::from(DECADES_BELOW)).max(LEAST)
    };
    let ratios = super::Ratios::new(start, to);
    points.extend((0..=GRID).filter_map(|i| ratios.at(u64::from(i), u64::from(GRID))));
    let mut points: Vec<Decimal> = points
        .into_iter()
        .map(|x| if axis.whole() { x.round() } else { x })
        .map(|x| x.clamp(from, to))
        .collect();
    points.sort_unstable();
    points.dedup();
    points
}

/// Answers the question for every alternative.
pub fn run(
    scenario: &Scenario,
    values: &[Value],
    question: Question,
) -> Result<Answer, Diagnostic> {
    let axis = question.axis.clone();
    let currency = scenario.prices.currency.clone();
    let mut evaluator = Evaluator::new(scenario);
    let mut values = values.to_vec();
    let condition = question.condition.clone();
    // Every alternative's outcome at `x`: whether the condition holds, the
    // cost, and why it fails if it does.
    let mut at = |x: Decimal, alternative: Option<usize>| -> Result<Vec<Outcome>, Diagnostic> {
        values[axis.slot] = axis.value(x);
        let (results, failures) = evaluator
            .evaluate_each(&values)
            .map_err(|error| super::sweep::at_point(&axis, x, &currency, error))?;
        Ok(outcomes(results, failures, &condition, alternative))
    };
    let grid = grid(&question);
    let mut table: Vec<Vec<bool>> = Vec::with_capacity(grid.len());
    for x in &grid {
        table.push(at(*x, None)?.iter().map(|o| o.holds).collect());
    }
    let names: Vec<String> = scenario
        .alternatives
        .iter()
        .map(|a| a.name.to_string())
        .collect();
    let mut holds = Vec::with_capacity(names.len());
    for alternative in 0..names.len() {
        if question.condition == Condition::CostAtMostOf(alternative) {
            holds.push(Holds::Itself);
            continue;
        }
        let on_grid = |i: usize| table[i][alternative];
        let Some(first) = (0..grid.len()).find(|&i| on_grid(i)) else {
            let start = at(grid[0], Some(alternative))?.swap_remove(alternative);
            holds.push(Holds::Nowhere {
                cost: start.cost,
                reason: start.reason,
            });
            continue;
        };
        let mut bound = |lo: Decimal, hi: Decimal, was: bool| -> Result<End, Diagnostic> {
            let found = bisect(&axis, lo, hi, &was, |x| {
                at(x, None).map(|outcomes| outcomes[alternative].holds)
            })?;
            // The value just past the end, on the side where it fails.
            let outside = if was { found.upper } else { found.lower };
            let there = at(outside, Some(alternative))?.swap_remove(alternative);
            Ok(End::Bound {
                at: found.boundary,
                outside,
                cost: there.cost,
                reason: there.reason,
                latency: there.latency,
            })
        };
        let low = if first == 0 {
            End::Open(grid[0])
        } else {
            bound(grid[first - 1], grid[first], false)?
        };
        let last = (first..grid.len()).find(|&i| !on_grid(i));
        let high = match last {
            None => End::Open(grid[grid.len() - 1]),
            Some(last) => bound(grid[last - 1], grid[last], true)?,
        };
        let again = last.and_then(|last| (last..grid.len()).find(|&i| on_grid(i)));
        holds.push(Holds::Between {
            low,
            high,
            again: again.map(|i| grid[i]),
        });
    }
    Ok(Answer {
        question,
        names,
        holds,
        currency: scenario.prices.currency.to_string(),
        hours_per_month: crate::evaluate::hours(scenario, &values),
    })
}

struct Outcome {
    holds: bool,
    /// `None` where the cost cannot be computed.
    cost: Option<Decimal>,
    reason: Option<Failure>,
    /// `None` where the cost cannot be computed.
    latency: Option<Duration>,
}

/// Whether the condition holds for each alternative; for `explain`, the
/// reason it fails too. A cost that cannot be computed
/// meets no condition.
fn outcomes(
    results: &[AlternativeResult],
    failures: &[Option<Diagnostic>],
    condition: &Condition,
    explain: Option<usize>,
) -> Vec<Outcome> {
    let cost_of = |i: usize| failures[i].is_none().then(|| results[i].monthly_cost);
    results
        .iter()
        .enumerate()
        .map(|(i, result)| {
            let holds = match (condition, cost_of(i)) {
                (_, None) => false,
                (Condition::CostAtMost(amount), Some(cost)) => cost <= *amount,
                (Condition::Feasible, Some(_)) => result.feasible(),
                (Condition::CostAtMostOf(other), Some(cost)) => {
                    cost_of(*other).is_some_and(|theirs| cost <= theirs)
                }
                (Condition::LatencyAtMost(limit), Some(_)) => result.latency <= *limit,
            };
            // Why it fails, where that is the question (or the cost cannot
            // be computed); a cost condition is explained by the cost.
            let reason = match (&failures[i], condition) {
                _ if explain != Some(i) => None,
                (Some(failure), _) => Some(Failure::Uncomputable(Box::new(failure.clone()))),
                (None, Condition::Feasible) => Failure::first_of(result),
                (None, _) => None,
            };
            Outcome {
                holds,
                cost: cost_of(i),
                reason,
                latency: cost_of(i).map(|_| result.latency),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::whatif::Measure;

    fn question(from: Decimal, to: Decimal) -> Question {
        Question {
            axis: Axis {
                slot: 0,
                path: "x".to_string(),
                key: &crate::scenario::params::PRICE,
                measure: Measure::Number,
                price: false,
            },
            from,
            to,
            condition: Condition::Feasible,
        }
    }

    #[test]
    fn the_grid_of_the_least_decimals_is_only_decimals() {
        // Up to 1e-28, the least decimal: a millionth of a millionth of it
        // is no decimal at all, and the only points are the two ends.
        assert_eq!(
            grid(&question(Decimal::ZERO, LEAST)),
            [Decimal::ZERO, LEAST]
        );
        // From 1e-27 to 1,000, a ratio past the largest decimal: every point
        // one arithmetic can use, from one end to the other.
        let points = grid(&question(Decimal::new(1, 27), dec!(1000)));
        assert_eq!(points.first(), Some(&Decimal::new(1, 27)));
        assert_eq!(points.last(), Some(&dec!(1000)));
        assert!(points.len() > GRID as usize, "{}", points.len());
        for x in &points {
            assert!(x.scale() <= 28, "{x:?}");
            assert!(Decimal::ONE.checked_div(*x).is_some(), "{x:?}");
        }
    }
}
