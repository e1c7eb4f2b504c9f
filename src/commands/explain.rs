//! `calc explain FILE`: how each figure of the report was worked out,
//! component by component.

use std::path::PathBuf;

use clap::ValueEnum;

use super::options::{self, ScenarioOptions};
use crate::base::diagnostic::Diagnostic;
use crate::evaluate;
use crate::model::report::{AlternativeResult, Report};
use crate::model::traced;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The scenario to explain (a TOML file).
    pub scenario: PathBuf,

    /// Only this alternative, by its name.
    #[arg(long, value_name = "NAME")]
    pub alternative: Option<String>,

    /// Only this component, by its `id` or its place in the alternative (0 for the first).
    #[arg(long, value_name = "ID|INDEX")]
    pub component: Option<String>,

    /// How to print the working.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    #[command(flatten)]
    pub options: ScenarioOptions,
}

/// How `calc explain` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A derivation a line, for a terminal.
    #[default]
    Table,
    /// For a design document.
    Markdown,
    /// Every step with its value and an expression to recompute it from.
    Json,
}

/// The report with every component's working, and the components to show.
pub struct Explained {
    pub report: Report,
    /// For each alternative shown (by index), the components shown.
    pub shown: Vec<(usize, Vec<usize>)>,
}

pub fn run(args: &Args) -> Result<Explained, Diagnostic> {
    let loaded = options::load(&args.scenario, &args.options)?;
    let mut report = traced::record(|| evaluate::evaluate_with(&loaded.scenario, &loaded.values))?;
    report.overrides = loaded.overrides;
    let shown = shown(
        &report,
        args.alternative.as_deref(),
        args.component.as_deref(),
    )?;
    Ok(Explained { report, shown })
}

/// The alternatives and components `--alternative` and `--component` name.
fn shown(
    report: &Report,
    alternative: Option<&str>,
    component: Option<&str>,
) -> Result<Vec<(usize, Vec<usize>)>, Diagnostic> {
    let names = || report.alternatives.iter().map(|a| &*a.name);
    let alternatives: Vec<usize> = match alternative {
        None => (0..report.alternatives.len()).collect(),
        Some(name) => match names().position(|n| n == name) {
            Some(index) => vec![index],
            None => {
                return Err(
                    Diagnostic::plain(format!("no alternative is named `{name}`"))
                        .suggesting(name, names())
                        .or_help(format!(
                            "the alternatives are {}",
                            names()
                                .map(|n| format!("`{n}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                );
            }
        },
    };
    let shown: Vec<(usize, Vec<usize>)> = alternatives
        .into_iter()
        .filter_map(|a| {
            let components = components(&report.alternatives[a], component);
            (!components.is_empty()).then_some((a, components))
        })
        .collect();
    match component {
        Some(wanted) if shown.is_empty() => {
            let ids = report
                .alternatives
                .iter()
                .flat_map(|a| a.components.iter().filter_map(|c| c.id.as_deref()));
            Err(Diagnostic::plain(format!("no component is `{wanted}`"))
                .suggesting(wanted, ids)
                .or_help("name a component by its `id`, or by its place (0 for the first)"))
        }
        _ => Ok(shown),
    }
}

/// The components of `alternative` that `wanted` names: all of them
/// without it; by `id`, else by place.
fn components(alternative: &AlternativeResult, wanted: Option<&str>) -> Vec<usize> {
    let all = 0..alternative.components.len();
    let Some(wanted) = wanted else {
        return all.collect();
    };
    let by_id = all
        .clone()
        .find(|&i| alternative.components[i].id.as_deref() == Some(wanted));
    let by_place = wanted.parse::<usize>().ok().filter(|i| all.contains(i));
    by_id.or(by_place).into_iter().collect()
}
