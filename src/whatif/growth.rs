//! The scenario month by month under `[growth]`: each month is the vector
//! of values with every rate (records, writes, reads, puts a second, in
//! `[workload]` and on the components) times the month's growth factor,
//! evaluated again. Sizes, stored data and counts a month stay as written.

use rust_decimal::Decimal;

use crate::base::diagnostic::Diagnostic;
use crate::evaluate::Evaluator;
use crate::model::growth::Growth;
use crate::model::keys::{Value, Values};
use crate::model::report::{AlternativeGrowth, Figure, GrowthReport, Month, STEPPING, Step};
use crate::model::report::{AlternativeResult, CapacityValue, Violation};
use crate::model::requirements::{self, Requirements};
use crate::scenario::Scenario;
use crate::scenario::month::{AtMonth, too_large};

/// The scenario's months, from `values` (the scenario's, with any `--set`
/// applied); `None` when it states no `[growth]`.
pub fn run(scenario: &Scenario, values: &[Value]) -> Result<Option<GrowthReport>, Diagnostic> {
    let Some(growth) = &scenario.growth else {
        return Ok(None);
    };
    over(scenario, values, growth).map(Some)
}

/// The scenario's months under `growth`.
pub fn over(
    scenario: &Scenario,
    values: &[Value],
    growth: &Growth,
) -> Result<GrowthReport, Diagnostic> {
    let factors = growth.factors().map_err(|_| {
        Diagnostic::plain(format!(
            "the growth over {} months is too large to compute exactly",
            growth.months
        ))
    })?;
    let stated = Requirements::from_values(&Values::new(
        requirements::KEYS,
        &values[scenario.requirements.clone()],
    ));
    let mut alternatives: Vec<AlternativeGrowth> = scenario
        .alternatives
        .iter()
        .map(|a| AlternativeGrowth {
            months: Vec::with_capacity(factors.len()),
            steps: Vec::new(),
            budget: match values[a.budget] {
                Value::Number(budget) => Some(budget),
                _ => stated.max_monthly_cost,
            },
            over_budget: None,
            breaks: None,
            total: None,
        })
        .collect();
    let mut evaluator = Evaluator::new(scenario);
    let mut at = AtMonth::new(scenario);
    for (month, factor) in (1..).zip(&factors) {
        let month_values = at
            .grown(scenario, values, *factor)
            .map_err(|_| too_large(month))?;
        let (results, failures) = evaluator
            .evaluate_each(month_values)
            .map_err(|error| in_month(month, error))?;
        for ((result, failure), out) in results.iter().zip(failures).zip(&mut alternatives) {
            out.months
                .push(month_of(month, *factor, result, failure.is_none()));
        }
    }
    for alternative in &mut alternatives {
        keep_whole(&mut alternative.months);
        alternative.steps = steps(&alternative.months);
        alternative.over_budget =
            alternative.crosses(crate::model::growth::BudgetOver::EachMonth, growth.months);
        alternative.breaks = alternative
            .months
            .iter()
            .find(|m| m.cost.is_none() || m.breaks.is_some())
            .map(|m| m.month);
        alternative.total = alternative.total_through(growth.months);
    }
    Ok(GrowthReport {
        growth: growth.clone(),
        factors,
        alternatives,
    })
}

fn month_of(month: u32, factor: Decimal, result: &AlternativeResult, computed: bool) -> Month {
    if !computed {
        return Month {
            month,
            factor,
            cost: None,
            capacity: Vec::new(),
            breaks: None,
        };
    }
    let capacity = result
        .components
        .iter()
        .enumerate()
        .flat_map(|(component, c)| {
            c.capacity.iter().filter_map(move |figure| {
                let value = match figure.value {
                    CapacityValue::Count(n) => Decimal::from(n),
                    CapacityValue::Number(n) => n,
                    _ => return None,
                };
                STEPPING.contains(&figure.key).then_some(Figure {
                    component,
                    key: figure.key,
                    value,
                })
            })
        })
        .collect();
    Month {
        month,
        factor,
        cost: Some(result.monthly_cost),
        capacity,
        breaks: result
            .all_violations()
            .find(|(_, v)| !matches!(v, Violation::MaxMonthlyCost { .. }))
            .map(|(component, v)| (component, *v)),
    }
}

/// Keeps the figures that step in whole units in every month (shards,
/// WCU, nodes): a figure that is ever fractional (an on-demand table's
/// peak request units) follows the load rather than stepping.
fn keep_whole(months: &mut [Month]) {
    let fractional: Vec<(usize, &'static str)> = months
        .iter()
        .flat_map(|m| &m.capacity)
        .filter(|f| !f.value.fract().is_zero())
        .map(|f| (f.component, f.key))
        .collect();
    for month in months {
        month
            .capacity
            .retain(|f| !fractional.contains(&(f.component, f.key)));
    }
}

/// Each change of a stepping figure from one month to the next.
fn steps(months: &[Month]) -> Vec<Step> {
    let mut steps = Vec::new();
    for pair in months.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        for figure in &after.capacity {
            let was = before
                .capacity
                .iter()
                .find(|f| f.component == figure.component && f.key == figure.key);
            if let Some(was) = was
                && was.value != figure.value
            {
                steps.push(Step {
                    month: after.month,
                    component: figure.component,
                    key: figure.key,
                    from: was.value,
                    to: figure.value,
                });
            }
        }
    }
    steps
}

fn in_month(month: u32, error: Diagnostic) -> Diagnostic {
    super::prefixed(error, &format!("in month {month} of `[growth]`"))
}
