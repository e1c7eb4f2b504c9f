//! `calc check`: every scenario against its budget, its requirements and
//! AWS's limits, for CI. A scenario passes when the alternative it chose
//! (`choice = "…"`), or every alternative when it chose none, passes.
//!
//! The exit codes are the contract a CI job builds on: 0 when every scenario
//! passes (or `--warn-only`), 1 when one fails, 2 when one cannot be read or
//! evaluated. An invalid file is never a pass: it is reported in every
//! format beside the scenarios that could be checked, so that CI shows it
//! where it shows the rest.
//!
//! The results are data: why an alternative fails is a [`Why`], worded by
//! the renderers.

mod find;
mod judge;
mod results;

pub use results::*;

use rayon::prelude::*;

use crate::whatif::monte_carlo;

use crate::base::diagnostic::Diagnostic;
use crate::scenario::Overrides;

/// Finds, evaluates and judges every scenario. A file that cannot be read
/// or evaluated is kept in [`Results::broken`]; an error of the command
/// itself (no scenario anywhere, a baseline that does not fit) is `Err`.
pub fn run(args: &Args) -> Result<Results, Diagnostic> {
    let overrides = Overrides::from(&args.evaluation);
    let (found, mut broken) = find::find(&args.paths)?;
    let baselines = match &args.baseline {
        Some(baseline) => find::baselines(baseline, &found)?,
        None => vec![None; found.len()],
    };
    // Each item is a whole scenario (reading, parsing, evaluating it), on
    // every core; the results come back in the items' order.
    let evaluated: Vec<_> = found
        .par_iter()
        .enumerate()
        .map(|(i, scenario)| {
            let plan = monte_carlo::Plan {
                percentile: args.budget_percentile,
                ..(&args.sampling).into()
            };
            let now = judge::evaluate_file(scenario, &overrides, &args.set, Some(plan))?;
            let before = match (&now, &baselines[i]) {
                (Some(_), Some(baseline)) => judge::evaluate_file(baseline, &overrides, &[], None)?,
                _ => None,
            };
            Ok::<_, Box<Broken>>((now, before))
        })
        .collect();
    let mut scenarios = Vec::new();
    let today = crate::base::dates::today();
    for result in evaluated {
        match result {
            Ok((Some(now), before)) => {
                scenarios.push(judge::judge(now, before.as_ref(), args, &today));
            }
            Ok((None, _)) => {}
            Err(error) => broken.push(*error),
        }
    }
    if scenarios.is_empty() && broken.is_empty() {
        return Err(Diagnostic::plain("no scenarios to check")
            .with_help("the folders given hold only pricing tables"));
    }
    Ok(Results {
        scenarios,
        broken,
        max_increase: args.max_increase,
        baseline: args.baseline.is_some(),
        deny_warnings: args.deny_warnings,
    })
}
