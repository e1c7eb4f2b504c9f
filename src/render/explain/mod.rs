//! `calc explain`: each component's working, a step a line, and where each
//! number it takes as given comes from.

mod derivation;
mod json;

use std::fmt::Write;

pub use derivation::Style;

use super::text;
use crate::base::escape::{markdown, terminal, xml};
use crate::commands::explain::{Explained, Format};
use crate::commands::options::ScenarioOptions;
use crate::model::report::{AlternativeResult, ComponentResult, Report};
use crate::model::working::{Given, Leaf, Node, Op, Part, Working};

pub fn render(explained: &Explained, format: Format) -> String {
    match format {
        Format::Table => table(explained),
        Format::Markdown => markdown_document(explained),
        Format::Json => json::render(explained),
    }
}

/// The report's last line: the command that shows how its figures were
/// worked out, with the options the report ran with.
pub fn pointer(path: &std::path::Path, options: &ScenarioOptions) -> String {
    let mut words = vec!["calc".to_string(), "explain".to_string()];
    words.push(shell_word(&path.display().to_string()));
    let evaluation = &options.evaluation;
    if let Some(pricing) = &evaluation.pricing {
        words.extend(["--pricing".to_string(), shell_word(pricing)]);
    }
    if let Some(hours) = evaluation.hours_per_month {
        words.extend(["--hours-per-month".to_string(), hours.to_string()]);
    }
    if evaluation.allow_outside_pricing {
        words.push("--allow-outside-pricing".to_string());
    }
    for value in &options.set {
        words.extend(["--set".to_string(), shell_word(value)]);
    }
    format!(
        "\nHow each figure was worked out: {}\n",
        terminal(&words.join(" "))
    )
}

/// `word` as a shell reads it back: as it is when plain, else in single quotes.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./=:,+@%".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// A step's label: a capacity figure's key; a line item's dimension, then
/// `free` and `cost` under it.
fn label(working: &Working, index: usize) -> String {
    let step = &working.steps[index];
    let name = step
        .figure
        .split_once('.')
        .map_or(step.figure, |(_, name)| name);
    match step.part {
        Part::Capacity | Part::Quantity => name.to_string(),
        Part::Free => "  free".to_string(),
        Part::Cost => "  cost".to_string(),
    }
}

/// Where a number given comes from, in words.
fn given(leaf: &Leaf, table: &str) -> String {
    match &leaf.source {
        Given::Key(key) => format!("`{}`, as the component sets it or by default", key.name),
        Given::Input(key) => format!("`{}`, what the component receives", key.name),
        Given::Stored => "what the store it reads holds".to_string(),
        Given::Limit(limit) => format!("limit `{}` of pricing table `{table}`", limit.key),
        Given::Price {
            dimension,
            row,
            set,
            source,
            as_of,
            evidence,
        } => {
            let what = match row {
                Some(row) => format!("price of `{}` for `{row}`", dimension.key),
                None => format!("price of `{}`", dimension.key),
            };
            if *set {
                format!("{what}, set by the scenario")
            } else {
                format!("{what}, pricing table `{table}`: {source}, {as_of}, {evidence}")
            }
        }
        Given::FreePerMonth(dimension) => format!("free tier of `{}` a month", dimension.key),
        Given::FreePerHour(dimension) => format!("free tier of `{}` an hour", dimension.key),
        Given::UsedBefore(dimension) => format!(
            "used of `{}` by the alternative's earlier components",
            dimension.key
        ),
        Given::FreeUsedBefore(key) => {
            format!("free tier of `{key}` used by the alternative's earlier components")
        }
        Given::Hours => "`hours_per_month`".to_string(),
        Given::Rule(what) => (*what).to_string(),
    }
}

/// The numbers a working takes as given, each once, in the order used.
fn leaves(working: &Working) -> Vec<&Node> {
    let mut seen: Vec<&Node> = Vec::new();
    for node in &working.nodes {
        if let Op::Leaf(_) = &node.op
            && !seen.iter().any(|n| n == &node)
        {
            seen.push(node);
        }
    }
    seen
}

fn leaf(node: &Node) -> Option<&Leaf> {
    match &node.op {
        Op::Leaf(leaf) => Some(leaf),
        _ => None,
    }
}

/// `stream: kinesis_data_streams (provisioned)`.
fn heading(component: &ComponentResult, escape: fn(&str) -> String) -> String {
    match &component.id {
        Some(id) => format!("{}: {}", escape(id), text::service_label(component)),
        None => text::service_label(component),
    }
}

fn receives(alternative: &AlternativeResult, component: &ComponentResult) -> String {
    match text::input(alternative, component) {
        // A component that reads a store says so itself ("reads lake…").
        Some(input) if text::read_from_store(alternative, component).is_some() => input,
        Some(input) => format!("receives {input}"),
        None => "receives nothing: it runs on its own".to_string(),
    }
}

fn table(explained: &Explained) -> String {
    let report = &explained.report;
    let style = Style {
        currency: &report.pricing.currency,
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", terminal(&report.scenario));
    for (a, components) in &explained.shown {
        let alternative = &report.alternatives[*a];
        let _ = writeln!(out, "{}", terminal(&alternative.name));
        for &c in components {
            let component = &alternative.components[c];
            let working = &component.working;
            let _ = writeln!(out, "  {}", heading(component, terminal));
            let _ = writeln!(out, "    {}", terminal(&receives(alternative, component)));
            let width = (0..working.steps.len())
                .map(|i| label(working, i).chars().count())
                .max()
                .unwrap_or(0);
            for i in 0..working.steps.len() {
                let _ = writeln!(
                    out,
                    "    {:width$}  {}",
                    label(working, i),
                    derivation::text(working, i, style)
                );
            }
            let given: Vec<&Node> = leaves(working);
            if !given.is_empty() {
                let _ = writeln!(out, "    given");
                for node in given {
                    let Some(leaf) = leaf(node) else { continue };
                    let _ = writeln!(
                        out,
                        "      {}  {}",
                        style.given(node),
                        terminal(&self::given(leaf, &report.pricing.name))
                    );
                }
            }
            let _ = writeln!(out);
        }
    }
    out
}

fn markdown_document(explained: &Explained) -> String {
    let report = &explained.report;
    let mut out = String::new();
    let _ = writeln!(out, "# {}: the working\n", markdown(&report.scenario));
    for (a, components) in &explained.shown {
        let alternative = &report.alternatives[*a];
        let _ = writeln!(out, "## {}\n", markdown(&alternative.name));
        for &c in components {
            let component = &alternative.components[c];
            let _ = writeln!(out, "### {}\n", heading(component, markdown));
            out.push_str(&working(
                report_currency(explained),
                &report.pricing.name,
                alternative,
                component,
            ));
        }
    }
    out
}

fn report_currency(explained: &Explained) -> &str {
    &explained.report.pricing.currency
}

/// A component's working in Markdown: what it receives, a row a step, and
/// the numbers given; for `calc explain` and the report's `--explain`.
pub fn working(
    currency: &str,
    table: &str,
    alternative: &AlternativeResult,
    component: &ComponentResult,
) -> String {
    let style = Style { currency };
    let working = &component.working;
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", markdown(&receives(alternative, component)));
    if !working.steps.is_empty() {
        let _ = writeln!(out, "| figure | working |\n|---|---|");
        for i in 0..working.steps.len() {
            let _ = writeln!(
                out,
                "| {} | {} |",
                markdown(label(working, i).trim()),
                markdown(&derivation::text(working, i, style))
            );
        }
        out.push('\n');
    }
    let given = leaves(working);
    if !given.is_empty() {
        let _ = writeln!(out, "Given:\n");
        for node in given {
            let Some(leaf) = leaf(node) else { continue };
            let _ = writeln!(
                out,
                "- {}: {}",
                markdown(&style.given(node)),
                markdown(&self::given(leaf, table))
            );
        }
        out.push('\n');
    }
    out
}

/// A component's working in HTML, for the design-review page: a row a
/// step, then the numbers given. Every text goes through `xml` escaping.
pub fn working_html(
    currency: &str,
    table: &str,
    alternative: &AlternativeResult,
    component: &ComponentResult,
) -> String {
    let style = Style { currency };
    let working = &component.working;
    let mut out = String::new();
    let _ = writeln!(out, "<p>{}</p>", xml(&receives(alternative, component)));
    if !working.steps.is_empty() {
        out.push_str(
            "<table class=\"stack working\"><thead><tr><th scope=\"col\">figure</th>\
             <th scope=\"col\">working</th></tr></thead><tbody>\n",
        );
        for i in 0..working.steps.len() {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\" data-label=\"figure\">{}</th>\
                 <td data-label=\"working\"><code>{}</code></td></tr>",
                xml(label(working, i).trim()),
                xml(&derivation::text(working, i, style))
            );
        }
        out.push_str("</tbody></table>\n");
    }
    let given = leaves(working);
    if !given.is_empty() {
        out.push_str("<p>Given:</p>\n<ul class=\"given\">\n");
        for node in given {
            let Some(leaf) = leaf(node) else { continue };
            let _ = writeln!(
                out,
                "<li><code>{}</code>: {}</li>",
                xml(&style.given(node)),
                xml(&self::given(leaf, table))
            );
        }
        out.push_str("</ul>\n");
    }
    out
}

/// A price the report used: what it prices, the price, and where it is
/// from.
pub struct PriceUsed {
    /// `kinesis_data_streams.shard_hour`, with ` for m5.large` for a row.
    pub what: String,
    /// `$0.015/shard-hour`.
    pub price: String,
    pub source: String,
    pub as_of: String,
    pub evidence: String,
}

/// Every price the report's working takes as given, once each, in the
/// order first used: the assumptions behind the bill. Empty when the
/// working was not recorded.
pub fn prices_used(report: &Report) -> Vec<PriceUsed> {
    let style = Style {
        currency: &report.pricing.currency,
    };
    let mut used: Vec<PriceUsed> = Vec::new();
    let nodes = report
        .alternatives
        .iter()
        .flat_map(|a| &a.components)
        .flat_map(|c| &c.working.nodes);
    for node in nodes {
        let Op::Leaf(Leaf {
            source:
                Given::Price {
                    dimension,
                    row,
                    set,
                    source,
                    as_of,
                    evidence,
                },
            ..
        }) = &node.op
        else {
            continue;
        };
        let what = match row {
            Some(row) => format!("{} for {row}", dimension.key),
            None => dimension.key.to_string(),
        };
        let price = style.given(node);
        if used.iter().any(|u| u.what == what && u.price == price) {
            continue;
        }
        used.push(PriceUsed {
            what,
            price,
            source: if *set {
                "set by the scenario".to_string()
            } else {
                source.to_string()
            },
            as_of: as_of.to_string(),
            evidence: evidence.to_string(),
        });
    }
    used
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pointer_is_a_command_a_shell_reads_back() {
        assert_eq!(shell_word("scenarios/seed.toml"), "scenarios/seed.toml");
        assert_eq!(
            shell_word("workload.record_size=\"35 KB\""),
            "'workload.record_size=\"35 KB\"'"
        );
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word(""), "''");
        let options = ScenarioOptions {
            set: vec!["alternatives[Kinesis].components[0].consumers=3".to_string()],
            ..ScenarioOptions::default()
        };
        assert_eq!(
            pointer(std::path::Path::new("my design.toml"), &options),
            "\nHow each figure was worked out: calc explain 'my design.toml' \
             --set 'alternatives[Kinesis].components[0].consumers=3'\n"
        );
    }
}
