//! `calc solve`: for each alternative, the range of one value in which a
//! condition holds.

use std::path::PathBuf;

use clap::{Args as ClapArgs, ValueEnum};

use super::options::{self, ScenarioOptions};
use crate::base::diagnostic::Diagnostic;
use crate::model::report::Override;
use crate::scenario::Scenario;
use crate::whatif::solve::{self, Answer};

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The scenario to evaluate (a TOML file).
    pub scenario: PathBuf,

    /// The value to solve for, by its path: `workload.records_per_second`.
    #[arg(long = "for", value_name = "PATH")]
    pub path: String,

    /// What must hold: `cost<=AMOUNT`, `feasible`, `cost<=ALTERNATIVE` (no dearer than that alternative), or `latency<=DURATION` (`latency<=2min`).
    #[arg(long, value_name = "CONDITION")]
    pub until: String,

    /// The range to search, in the value's own syntax [default: from the least value the key takes to a million times the scenario's].
    #[arg(long, value_name = "FROM..TO")]
    pub within: Option<String>,

    /// How to print the answer.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    #[command(flatten)]
    pub options: ScenarioOptions,
}

/// How `calc solve` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Json,
}

/// An answer, with the scenario and the values set over it that it ran on.
pub struct Solved {
    pub answer: Answer,
    pub scenario: Scenario,
    pub overrides: Vec<Override>,
}

pub fn run(args: &Args) -> Result<Solved, Diagnostic> {
    let loaded = options::load(&args.scenario, &args.options)?;
    let (scenario, values) = (&loaded.scenario, &loaded.values);
    let question = solve::question(
        scenario,
        values,
        &args.path,
        &args.until,
        args.within.as_deref(),
    )?;
    let answer = solve::run(scenario, values, question)?;
    Ok(Solved {
        answer,
        scenario: loaded.scenario,
        overrides: loaded.overrides,
    })
}
