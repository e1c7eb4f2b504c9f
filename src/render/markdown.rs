//! Markdown for design documents: a heading an alternative, pipe tables.

use std::fmt::Write;

use super::{odds, text};
use crate::base::escape::markdown as escape;
use crate::model::report::Report;

/// Every piece of text from the scenario or the pricing table goes through
/// [`escape`], so that none of it becomes Markdown or HTML.
pub fn render(report: &Report) -> String {
    let currency = &escape(&report.pricing.currency);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n\n{}\n",
        escape(&report.scenario),
        // A hard break before each value set over the scenario's.
        text::preamble(report, escape).replace('\n', "  \n")
    );

    let _ = writeln!(out, "## Comparison\n");
    let _ = writeln!(
        out,
        "| # | alternative | monthly | vs cheapest | latency | verdict |"
    );
    let _ = writeln!(out, "|--:|---|--:|--:|--:|---|");
    for (rank, row) in report.comparison().into_iter().enumerate() {
        let a = &report.alternatives[row.index];
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            rank + 1,
            escape(&a.name),
            text::money(a.monthly_cost, currency),
            text::ratio(row.ratio_to_cheapest, a.monthly_cost),
            a.latency,
            text::short_verdict(a)
        );
    }

    if let Some(odds) = &report.odds {
        let _ = writeln!(out, "\n## Ranges\n\n{}:\n", odds::heading(odds));
        out.push_str(&odds::ranges(odds, escape));
        let _ = writeln!(out, "\n| {} |", odds::HEADER.join(" | "));
        let _ = writeln!(out, "|---|--:|--:|--:|---|--:|--:|--:|");
        for row in odds::rows(report, odds, currency) {
            let [name, p10, p50, p90, bar, cheapest, works, budget] = row;
            let _ = writeln!(
                out,
                "| {} | {p10} | {p50} | {p90} | `{bar}` | {cheapest} | {works} | {budget} |",
                escape(&name)
            );
        }
        let _ = writeln!(out, "\n{}", odds::FOOTNOTE);
    }
    if let Some(growth) = &report.growth {
        super::growth::markdown(&mut out, report, growth, escape);
    }

    for alternative in &report.alternatives {
        let _ = writeln!(
            out,
            "\n## {}\n\n{} a month · latency {} · {}",
            escape(&alternative.name),
            text::money(alternative.monthly_cost, currency),
            alternative.latency,
            text::verdict(alternative)
        );
        for component in &alternative.components {
            let _ = writeln!(
                out,
                "\n### {}\n\n{} a month · latency {}\n",
                match &component.id {
                    Some(id) => format!("{}: {}", escape(id), text::service_label(component)),
                    None => text::service_label(component),
                },
                text::money(component.monthly_cost(), currency),
                component.latency,
            );
            if let Some(input) = text::input(alternative, component) {
                let _ = writeln!(out, "Input: {}\n", escape(&input));
            }
            let _ = writeln!(out, "Capacity: {}\n", text::capacity(component));
            if let Some(hourly) = &component.hourly {
                let _ = writeln!(out, "Hourly: {}\n", text::hourly(hourly));
            }
            let _ = writeln!(
                out,
                "| dimension | quantity | unit | unit price | monthly |"
            );
            let _ = writeln!(out, "|---|--:|---|--:|--:|");
            for item in &component.line_items {
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {} | {} | {} |",
                    item.dimension.name(),
                    text::quantity(item),
                    item.dimension.unit,
                    text::unit_price(item.unit_price, currency),
                    text::money(item.monthly_cost, currency)
                );
            }
            for item in &component.line_items {
                if let Some(tiers) = text::tiers(item, currency) {
                    let _ = writeln!(out, "\nTiers of `{}`: {tiers}", item.dimension.name());
                }
            }
            for note in &component.notes {
                let label = match note.level {
                    crate::model::report::Level::Info => "",
                    crate::model::report::Level::Warning => "**Warning:** ",
                };
                let _ = writeln!(out, "\n> {label}{}", note.message());
            }
            if !component.working.is_empty() {
                let _ = write!(
                    out,
                    "\n<details><summary>Working</summary>\n\n{}</details>\n",
                    super::explain::working(
                        &report.pricing.currency,
                        &report.pricing.name,
                        alternative,
                        component
                    )
                );
            }
        }
        let violations: Vec<String> = alternative
            .all_violations()
            .map(|(c, v)| format!("- ✗ {}", text::violation(alternative, c, v, currency)))
            .collect();
        if !violations.is_empty() {
            let _ = writeln!(out, "\n{}", violations.join("\n"));
        }
    }
    out
}
