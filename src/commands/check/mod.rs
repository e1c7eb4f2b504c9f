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

use std::sync::atomic::{AtomicUsize, Ordering};

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
    let evaluated = in_parallel(&found, |i, scenario| {
        let now = judge::evaluate_file(scenario, &overrides, &args.set)?;
        let before = match (&now, &baselines[i]) {
            (Some(_), Some(baseline)) => judge::evaluate_file(baseline, &overrides, &[])?,
            _ => None,
        };
        Ok::<_, Box<Broken>>((now, before))
    });
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

/// `f` over `items` on every core (each item is a whole scenario: reading,
/// parsing and evaluating it), the results in the items' order.
fn in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(usize, &T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(items.len())
        .max(1);
    if workers == 1 {
        return items.iter().enumerate().map(|(i, t)| f(i, t)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(i, item)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}
