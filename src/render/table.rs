//! Tables for a terminal. Widths depend on the content only, so the output is
//! the same on a terminal, in a pipe and in a snapshot.

use std::fmt::Write;

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};

use super::{odds, text};
use crate::base::escape::terminal;
use crate::model::odds::Odds;
use crate::model::report::{AlternativeResult, Level, Report};

/// Every piece of text from the scenario or the pricing table goes through
/// [`terminal`], so that none of it can act on the terminal.
pub fn render(report: &Report) -> String {
    let currency = &terminal(&report.pricing.currency);
    let mut out = String::new();
    let _ = writeln!(out, "{}", terminal(&report.scenario));
    let _ = writeln!(out, "{}", text::preamble(report, terminal));
    for (i, alternative) in report.alternatives.iter().enumerate() {
        out.push('\n');
        render_alternative(&mut out, alternative, currency, report.choice == Some(i));
    }
    out.push('\n');
    render_comparison(&mut out, report, currency);
    if let Some(odds) = &report.odds {
        out.push('\n');
        render_odds(&mut out, report, odds, currency);
    }
    out
}

fn render_odds(out: &mut String, report: &Report, odds: &Odds, currency: &str) {
    let _ = writeln!(out, "{}", odds::heading(odds));
    out.push_str(&odds::ranges(odds, terminal));
    let mut table = new_table(&odds::HEADER);
    for mut row in odds::rows(report, odds, currency) {
        row[0] = terminal(&row[0]);
        table.add_row(row.to_vec());
    }
    align_right(&mut table, &[1, 2, 3, 5, 6, 7]);
    let _ = writeln!(out, "{table}");
    let _ = writeln!(out, "{}", odds::FOOTNOTE);
}

fn render_alternative(
    out: &mut String,
    alternative: &AlternativeResult,
    currency: &str,
    chosen: bool,
) {
    let _ = writeln!(
        out,
        "== {}{} == {} a month · latency {} · {}",
        terminal(&alternative.name),
        if chosen { " (chosen)" } else { "" },
        text::money(alternative.monthly_cost, currency),
        alternative.latency,
        text::verdict(alternative)
    );
    for component in &alternative.components {
        let _ = writeln!(
            out,
            "\n{} · {} a month · latency {}",
            text::component_label(component),
            text::money(component.monthly_cost(), currency),
            component.latency
        );
        if let Some(input) = text::input(alternative, component) {
            let _ = writeln!(out, "input: {input}");
        }
        let _ = writeln!(out, "capacity: {}", text::capacity(component));
        if let Some(hourly) = &component.hourly {
            let _ = writeln!(out, "{}", text::hourly(hourly));
        }
        let mut table = new_table(&["dimension", "quantity", "unit", "unit price", "monthly"]);
        for item in &component.line_items {
            table.add_row(vec![
                item.dimension.name().to_string(),
                text::quantity(item),
                item.dimension.unit.to_string(),
                text::unit_price(item.unit_price, currency),
                text::money(item.monthly_cost, currency),
            ]);
        }
        align_right(&mut table, &[1, 3, 4]);
        let _ = writeln!(out, "{table}");
        for item in &component.line_items {
            if let Some(tiers) = text::tiers(item, currency) {
                let _ = writeln!(out, "tiers of {}: {tiers}", item.dimension.name());
            }
        }
        for note in &component.notes {
            let label = match note.level {
                Level::Info => "note",
                Level::Warning => "warning",
            };
            let _ = writeln!(out, "{label}: {}", note.message());
        }
    }
    for (component, violation) in alternative.all_violations() {
        let _ = writeln!(
            out,
            "✗ {}",
            text::violation(alternative, component, violation, currency)
        );
    }
}

fn render_comparison(out: &mut String, report: &Report, currency: &str) {
    let _ = writeln!(out, "Comparison (feasible first, then cheapest first)");
    let mut table = new_table(&[
        "#",
        "alternative",
        "monthly",
        "vs cheapest",
        "latency",
        "verdict",
    ]);
    for (rank, row) in report.comparison().into_iter().enumerate() {
        let alternative = &report.alternatives[row.index];
        table.add_row(vec![
            (rank + 1).to_string(),
            terminal(&alternative.name),
            text::money(alternative.monthly_cost, currency),
            text::ratio(row.ratio_to_cheapest, alternative.monthly_cost),
            alternative.latency.to_string(),
            text::short_verdict(alternative),
        ]);
    }
    align_right(&mut table, &[0, 2, 3, 4]);
    let _ = writeln!(out, "{table}");
}

/// A table that wraps its cells to fit `width` columns, whatever the terminal.
pub(super) fn new_wrapped_table(header: &[&str], width: u16) -> Table {
    let mut table = new_table(header);
    table
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width);
    table
}

pub(super) fn new_table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .force_no_tty()
        .set_header(header.to_vec());
    table
}

pub(super) fn align_right(table: &mut Table, columns: &[usize]) {
    for &i in columns {
        if let Some(column) = table.column_mut(i) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
}
