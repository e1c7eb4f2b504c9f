//! A scenario's months under `[growth]`, in words: a month-by-month table
//! (terminal and Markdown), what steps, crosses its budget or breaks, and
//! the JSON `growth` object.

use std::fmt::Write;

use rust_decimal::Decimal;
use serde::Serialize;

use super::text;
use crate::model::growth::Growth;
use crate::model::report::{AlternativeGrowth, GrowthReport, Month, Step};
use crate::model::report::{AlternativeResult, Report};

/// `10% a month`, or `10%, 5% and then 2% a month`.
pub fn rates(growth: &Growth) -> String {
    let percent = |rate: &Decimal| format!("{}%", (rate * Decimal::ONE_HUNDRED).normalize());
    match growth.rates.as_slice() {
        [one] => format!("{} a month", percent(one)),
        [first @ .., last] => format!(
            "{} and then {} a month",
            first.iter().map(percent).collect::<Vec<_>>().join(", "),
            percent(last)
        ),
        [] => "no growth".to_string(),
    }
}

/// The heading of the section: the rate, the horizon, and where months
/// start.
pub fn heading(growth: &Growth) -> String {
    format!(
        "Growth: {} over {} months (month 1 is the scenario as written)",
        rates(growth),
        growth.months
    )
}

/// A stepping figure in a month: `4 shards`, as the report keys it:
/// `shards 4`.
fn figure(month: &Month, index: usize) -> String {
    month
        .capacity
        .get(index)
        .map(|f| format!("{} {}", f.key, text::number(f.value, 4)))
        .unwrap_or_default()
}

/// One cell of the month table: the cost and the main stepping figure.
pub fn cell(month: &Month, currency: &str) -> String {
    match month.cost {
        None => "cannot be computed".to_string(),
        Some(cost) => {
            let mut cell = text::money(cost, currency);
            let main = figure(month, 0);
            if !main.is_empty() {
                let _ = write!(cell, " · {main}");
            }
            if month.breaks.is_some() {
                cell.push_str(" ✗");
            }
            cell
        }
    }
}

/// What happens to an alternative over the horizon, a sentence each:
/// its total, each step, the month it crosses its budget, the month it
/// breaks.
pub fn story(
    growth: &GrowthReport,
    alternative: &AlternativeGrowth,
    result: &AlternativeResult,
    currency: &str,
) -> Vec<String> {
    let mut lines = Vec::new();
    lines.push(match alternative.total {
        Some(total) => format!(
            "{} over {} months",
            text::money(total, currency),
            growth.growth.months
        ),
        None => format!(
            "no total over {} months: a month cannot be computed",
            growth.growth.months
        ),
    });
    lines.extend(steps_words(&alternative.steps, result));
    match (alternative.budget, alternative.over_budget) {
        (Some(budget), Some(month)) => lines.push(format!(
            "over its budget of {} from month {month}",
            text::money(budget, currency)
        )),
        (Some(budget), None) => lines.push(format!(
            "within its budget of {} every month",
            text::money(budget, currency)
        )),
        _ => {}
    }
    if let Some(month) = alternative.breaks {
        let at = &alternative.months[month as usize - 1];
        lines.push(match at.breaks {
            Some((component, violation)) => format!(
                "from month {month}: {}",
                text::violation(result, component, &violation, currency)
            ),
            None => format!("from month {month}: its figures cannot be computed"),
        });
    }
    lines
}

/// Each stepping figure's changes, a sentence a figure: `shards of
/// stream: kinesis_data_streams (provisioned): 2, 3 from month 2, 4 from
/// month 6`.
fn steps_words(steps: &[Step], result: &AlternativeResult) -> Vec<String> {
    let mut figures: Vec<(usize, &'static str)> = Vec::new();
    for step in steps {
        if !figures.contains(&(step.component, step.key)) {
            figures.push((step.component, step.key));
        }
    }
    figures
        .into_iter()
        .map(|(component, key)| {
            let label = result
                .components
                .get(component)
                .map(text::component_label)
                .unwrap_or_default();
            let mut changes = steps
                .iter()
                .filter(|s| s.component == component && s.key == key)
                .peekable();
            let first = changes
                .peek()
                .map(|s| text::number(s.from, 4))
                .unwrap_or_default();
            let later: Vec<String> = changes
                .map(|s| format!("{} from month {}", text::number(s.to, 4), s.month))
                .collect();
            format!("{key} of {label}: {first}, {}", later.join(", "))
        })
        .collect()
}

/// The section for a terminal.
pub fn table(out: &mut String, report: &Report, growth: &GrowthReport, escape: fn(&str) -> String) {
    let currency = &escape(&report.pricing.currency);
    let _ = writeln!(out, "\n{}", heading(&growth.growth));
    let names: Vec<String> = report
        .alternatives
        .iter()
        .map(|a| escape(&a.name))
        .collect();
    let mut header = vec!["month", "factor"];
    header.extend(names.iter().map(String::as_str));
    let mut table = super::table::new_table(&header);
    for (i, factor) in growth.factors.iter().enumerate() {
        let mut row = vec![(i + 1).to_string(), text::number(*factor, 4)];
        row.extend(
            growth
                .alternatives
                .iter()
                .map(|a| cell(&a.months[i], currency)),
        );
        table.add_row(row);
    }
    let columns: Vec<usize> = (0..header.len()).collect();
    super::table::align_right(&mut table, &columns);
    let _ = writeln!(out, "{table}");
    for ((name, alternative), result) in names
        .iter()
        .zip(&growth.alternatives)
        .zip(&report.alternatives)
    {
        let _ = writeln!(out, "{name}:");
        for line in story(growth, alternative, result, currency) {
            let _ = writeln!(out, "  {line}");
        }
    }
}

/// The section in Markdown.
pub fn markdown(
    out: &mut String,
    report: &Report,
    growth: &GrowthReport,
    escape: fn(&str) -> String,
) {
    let currency = &escape(&report.pricing.currency);
    let _ = writeln!(out, "\n## {}\n", heading(&growth.growth));
    let names: Vec<String> = report
        .alternatives
        .iter()
        .map(|a| escape(&a.name))
        .collect();
    let _ = writeln!(out, "| month | factor | {} |", names.join(" | "));
    let _ = writeln!(out, "|--:|--:|{}", "--:|".repeat(names.len()));
    for (i, factor) in growth.factors.iter().enumerate() {
        let cells: Vec<String> = growth
            .alternatives
            .iter()
            .map(|a| cell(&a.months[i], currency))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            i + 1,
            text::number(*factor, 4),
            cells.join(" | ")
        );
    }
    out.push('\n');
    for ((name, alternative), result) in names
        .iter()
        .zip(&growth.alternatives)
        .zip(&report.alternatives)
    {
        let _ = writeln!(
            out,
            "- **{name}**: {}",
            story(growth, alternative, result, currency).join("; ")
        );
    }
}

/// An exact JSON number, as the rest of the document writes them.
pub(super) struct Exact(Decimal);

impl Serialize for Exact {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        rust_decimal::serde::arbitrary_precision::serialize(&self.0.normalize(), serializer)
    }
}

/// The JSON `growth` object: every month of every alternative, exact.
#[derive(Serialize)]
pub(super) struct View<'a> {
    alternatives: Vec<AlternativeView<'a>>,
    budget: &'static str,
    budget_months: Option<u32>,
    /// Months count from 1: month 1 is the scenario as written.
    first_month: u32,
    months: u32,
    rates: Vec<Exact>,
}

impl<'a> View<'a> {
    pub(super) fn of(report: &'a Report, growth: &'a GrowthReport) -> Self {
        use crate::model::choice::Choice;
        Self {
            alternatives: growth
                .alternatives
                .iter()
                .zip(&report.alternatives)
                .map(|(a, result)| AlternativeView::of(a, result, &report.pricing.currency))
                .collect(),
            budget: growth.growth.budget.as_str(),
            budget_months: growth.growth.budget_months,
            first_month: 1,
            months: growth.growth.months,
            rates: growth.growth.rates.iter().map(|r| Exact(*r)).collect(),
        }
    }
}

#[derive(Serialize)]
struct AlternativeView<'a> {
    breaks: Option<u32>,
    budget: Option<Exact>,
    months: Vec<MonthView>,
    name: &'a str,
    over_budget: Option<u32>,
    steps: Vec<StepView>,
    total_cost: Option<Exact>,
}

impl<'a> AlternativeView<'a> {
    fn of(alternative: &AlternativeGrowth, result: &'a AlternativeResult, currency: &str) -> Self {
        Self {
            breaks: alternative.breaks,
            budget: alternative.budget.map(Exact),
            months: alternative
                .months
                .iter()
                .map(|m| MonthView {
                    breaks: m.breaks.map(|(component, violation)| BreakView {
                        component,
                        message: text::violation(result, component, &violation, currency),
                        requirement: violation.requirement(),
                    }),
                    capacity: m
                        .capacity
                        .iter()
                        .map(|f| FigureView {
                            component: f.component,
                            key: f.key,
                            value: Exact(f.value),
                        })
                        .collect(),
                    factor: Exact(m.factor),
                    month: m.month,
                    monthly_cost: m.cost.map(Exact),
                })
                .collect(),
            name: &result.name,
            over_budget: alternative.over_budget,
            steps: alternative
                .steps
                .iter()
                .map(|s| StepView {
                    component: s.component,
                    from: Exact(s.from),
                    key: s.key,
                    month: s.month,
                    to: Exact(s.to),
                })
                .collect(),
            total_cost: alternative.total.map(Exact),
        }
    }
}

#[derive(Serialize)]
struct MonthView {
    breaks: Option<BreakView>,
    capacity: Vec<FigureView>,
    factor: Exact,
    month: u32,
    monthly_cost: Option<Exact>,
}

#[derive(Serialize)]
struct BreakView {
    component: Option<usize>,
    message: String,
    requirement: &'static str,
}

#[derive(Serialize)]
struct FigureView {
    component: usize,
    key: &'static str,
    value: Exact,
}

#[derive(Serialize)]
struct StepView {
    component: usize,
    from: Exact,
    key: &'static str,
    month: u32,
    to: Exact,
}
