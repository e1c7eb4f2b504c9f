//! Turning a report into what a user reads: a table, JSON or Markdown.

mod chart;
pub mod check;
mod csv;
pub mod diff;
pub mod explain;
mod growth;
mod html;
pub mod import;
mod json;
mod markdown;
mod odds;
pub mod pricing;
pub mod services;
pub mod solve;
pub mod sweep;
pub(crate) mod table;
pub(crate) mod text;

use crate::base::escape::terminal;
use crate::commands::init::Init;
pub use crate::commands::report::Format;
use crate::model::report::Report;

/// The JSON Schema, pretty, with a final newline.
pub fn schema(schema: &serde_json::Value) -> String {
    json::to_string(schema)
}

/// What `calc init` did: the template itself for `-`, else where it went.
pub fn init(init: &Init) -> String {
    match init {
        Init::Printed(text) => (*text).to_string(),
        Init::Wrote(path) => format!(
            "wrote {}: run `calc {}` to see it, `calc check {}` to check it\n",
            terminal(&path.display().to_string()),
            terminal(&path.display().to_string()),
            terminal(&path.display().to_string())
        ),
    }
}

pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Table => {
            let mut out = table::render(report);
            if let Some(months) = &report.growth {
                growth::table(&mut out, report, months, terminal);
            }
            out
        }
        Format::Json => json::render(report),
        Format::Markdown => markdown::render(report),
        Format::Csv => csv::render(report),
        Format::Html => html::report(report),
    }
}

/// The pricing table, month and values set that a what-if report used.
fn what_if_setting(
    scenario: &crate::scenario::Scenario,
    values_hours: rust_decimal::Decimal,
    overrides: &[crate::model::report::Override],
    escape: fn(&str) -> String,
) -> String {
    let pricing = scenario.prices.info();
    text::setting(
        &pricing,
        values_hours,
        scenario.free_tier,
        overrides,
        escape,
    )
}
