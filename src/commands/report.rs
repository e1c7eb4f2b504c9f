//! `calc FILE`: the report of a scenario, every alternative evaluated.

use std::path::Path;

use clap::ValueEnum;

use super::options::{self, ScenarioOptions};
use crate::base::diagnostic::Diagnostic;
use crate::base::progress::{Progress, Sink};
use crate::evaluate;
use crate::model::report::Report;
use crate::model::traced;
use crate::whatif::monte_carlo;

/// How `calc FILE` prints the report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables for a terminal.
    #[default]
    Table,
    /// The stable JSON contract, for scripts and CI.
    Json,
    /// Markdown, for pasting into a design document.
    Markdown,
    /// One row a line item, for spreadsheets.
    Csv,
    /// One self-contained page for a design review: the comparison, each
    /// pipeline drawn, the bill and its working, the prices assumed.
    Html,
}

/// The report; with `explain`, each component's working too; with
/// ranges, a Monte Carlo run over them, its progress written to `progress`.
pub fn run(
    path: &Path,
    options: &ScenarioOptions,
    explain: bool,
    progress: Option<Sink>,
) -> Result<Report, Diagnostic> {
    let loaded = options::load(path, options)?;
    let evaluate = || evaluate::evaluate_with(&loaded.scenario, &loaded.values);
    let mut report = if explain {
        traced::record(evaluate)?
    } else {
        evaluate()?
    };
    report.overrides = loaded.overrides;
    report.odds = monte_carlo::run(
        &loaded.scenario,
        &loaded.values,
        &loaded.ranges,
        (&options.sampling).into(),
        &Progress::to(progress, "samples"),
    )?;
    report.growth = crate::whatif::growth::run(&loaded.scenario, &loaded.values)?;
    Ok(report)
}
