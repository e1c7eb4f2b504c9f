//! `calc sweep`: the scenario evaluated across a range of one value.

use std::path::PathBuf;

use clap::{Args as ClapArgs, ValueEnum};

use super::options::{self, ScenarioOptions};
use crate::base::diagnostic::Diagnostic;
use crate::base::progress::{Progress, Sink};
use crate::model::report::Override;
use crate::scenario::Scenario;
use crate::whatif::monte_carlo;
use crate::whatif::sweep::{self, Sweep};

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The scenario to evaluate (a TOML file).
    pub scenario: PathBuf,

    /// The value to vary and its range, in the scenario's own syntax: `workload.records_per_second=1000..10000`, `workload.record_size="1 KB".."1 MB"`.
    #[arg(long, value_name = "PATH=FROM..TO")]
    pub vary: String,

    /// Cut the range into this many equal steps [default: 100].
    #[arg(long, value_name = "N", conflicts_with = "step")]
    pub steps: Option<u32>,

    /// Cut the range into steps of this size, in the value's own syntax (`500`, `"64 KB"`).
    #[arg(long, value_name = "S")]
    pub step: Option<String>,

    /// Space the points by equal ratios rather than equal differences.
    #[arg(long, conflicts_with = "step")]
    pub log: bool,

    /// How to print the sweep.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// The figure to chart and tabulate beside the cost: `cost`, `latency`, or a capacity figure's key (`shards`, `wcu`, `concurrency`…).
    #[arg(long, value_name = "FIGURE", default_value = "cost")]
    pub measure: String,

    #[command(flatten)]
    pub options: ScenarioOptions,
}

/// How `calc sweep` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A sample of the points and every change, for a terminal.
    #[default]
    Table,
    /// Every point and every change.
    Json,
    /// One row a point, for spreadsheets.
    Csv,
    /// A line chart of monthly cost, one line an alternative.
    Svg,
    /// One self-contained page: the chart, the changes in words and the
    /// table of points.
    Html,
}

/// A sweep, with the scenario and the values set over it that it ran on.
pub struct Swept {
    pub sweep: Sweep,
    pub scenario: Scenario,
    pub overrides: Vec<Override>,
}

/// The sweep `args` ask for; with ranges, a band around each line, its
/// progress written to `progress`.
pub fn run(args: &Args, progress: Option<Sink>) -> Result<Swept, Diagnostic> {
    let loaded = options::load(&args.scenario, &args.options)?;
    let (scenario, values) = (&loaded.scenario, &loaded.values);
    let mut plan = sweep::plan(
        scenario,
        values,
        &args.vary,
        args.steps,
        args.step.as_deref(),
        args.log,
    )?;
    plan.charted = sweep::Charted::parse(&args.measure);
    let mut sweep = sweep::run(scenario, values, plan)?;
    let bands = monte_carlo::Plan {
        samples: args.options.sampling.samples.unwrap_or(sweep::BAND_SAMPLES),
        ..(&args.options.sampling).into()
    };
    sweep::bands(
        scenario,
        values,
        &loaded.ranges,
        &mut sweep,
        bands,
        &Progress::to(progress, "points"),
    )?;
    Ok(Swept {
        sweep,
        scenario: loaded.scenario,
        overrides: loaded.overrides,
    })
}
