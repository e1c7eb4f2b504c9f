//! `calc diff`'s output: tables for a terminal, JSON, Markdown. Text from
//! the scenarios (file names, alternatives' names, ids, values set) goes
//! through the format's escape.

use std::fmt::Write;

use rust_decimal::Decimal;
use serde::Serialize;

use super::json::Exact;
use super::table::new_table;
use super::text;
use super::text::percent_change;
use crate::base::escape;
use crate::commands::diff::{AlternativeDiff, Change, Diff, Format, LineDiff, Presence, Version};

/// `+$5.00`, `-$5.00`, `$0.00`.
fn signed(amount: Decimal, currency: &str) -> String {
    let cents = crate::base::number::cents(amount);
    let sign = if cents > Decimal::ZERO {
        "+"
    } else if cents < Decimal::ZERO {
        "-"
    } else {
        ""
    };
    format!("{sign}{}", text::money(amount.abs(), currency))
}

/// `+$143.23 (+100%)`; no percentage from nothing.
fn change(cost: &Change, currency: &str) -> String {
    let mut out = signed(cost.total(), currency);
    if let Some(p) = percent_change(cost.total(), cost.old) {
        let plus = if cost.total() > Decimal::ZERO {
            "+"
        } else {
            ""
        };
        let _ = write!(out, " ({plus}{p})");
    }
    out
}

/// `2,190 → 4,380`, or one figure when it did not change.
fn from_to(old: Option<Decimal>, new: Option<Decimal>, show: impl Fn(Decimal) -> String) -> String {
    match (old, new) {
        (Some(o), Some(n)) if o == n => show(n),
        (Some(o), Some(n)) => format!("{} → {}", show(o), show(n)),
        (Some(o), None) => format!("{} → —", show(o)),
        (None, Some(n)) => format!("— → {}", show(n)),
        (None, None) => "—".to_string(),
    }
}

fn version_line(label: &str, version: &Version, escape: fn(&str) -> String) -> String {
    let mut line = format!(
        "{label}: {} · pricing {}",
        escape(&version.file),
        escape(&version.pricing)
    );
    for set in &version.overrides {
        let _ = write!(
            line,
            " · set {} = {} (was {})",
            escape(&set.path),
            escape(&set.value),
            escape(&set.was)
        );
    }
    line
}

fn presence_note(presence: Presence) -> &'static str {
    match presence {
        Presence::Both => "",
        Presence::Added => " (added)",
        Presence::Removed => " (removed)",
    }
}

fn line_cells(line: &LineDiff, currency: &str) -> Vec<String> {
    vec![
        format!(
            "{}{}",
            crate_name(line.dimension),
            presence_note(line.presence)
        ),
        from_to(line.old_quantity, line.new_quantity, |q| text::number(q, 4)),
        line.unit.to_string(),
        from_to(line.old_unit_price, line.new_unit_price, |p| {
            text::unit_price(p, currency)
        }),
        from_to(Some(line.cost.old), Some(line.cost.new), |c| {
            text::money(c, currency)
        }),
        signed(line.cost.total(), currency),
        signed(line.cost.usage, currency),
        signed(line.cost.price, currency),
    ]
}

/// `shard_hour` for `kinesis_data_streams.shard_hour`.
fn crate_name(key: &str) -> &str {
    key.split_once('.').map_or(key, |(_, name)| name)
}

const LINE_HEADER: [&str; 8] = [
    "dimension",
    "quantity",
    "unit",
    "unit price",
    "monthly",
    "change",
    "usage",
    "price",
];

fn summary(alternative: &AlternativeDiff, currency: &str) -> String {
    format!(
        "{} → {} · {} · usage {} · price {}",
        text::money(alternative.cost.old, currency),
        text::money(alternative.cost.new, currency),
        change(&alternative.cost, currency),
        signed(alternative.cost.usage, currency),
        signed(alternative.cost.price, currency)
    )
}

fn split_note(diff: &Diff) -> &'static str {
    if diff.reevaluated {
        "usage = the new quantities at the old prices − the old cost; price = the new cost − the new quantities at the old prices"
    } else {
        "usage = (new quantity − old quantity) × old unit price; price = the rest (the new design could not be priced at the old prices)"
    }
}

/// The differences in the format asked for.
pub fn render(diff: &Diff, format: Format) -> String {
    match format {
        Format::Table => table(diff),
        Format::Json => json(diff),
        Format::Markdown => markdown(diff),
        Format::Csv => csv(diff),
    }
}

/// `old.toml → new.toml`, or the one file both versions are of.
fn files(diff: &Diff, escape: fn(&str) -> String) -> String {
    if diff.old.file == diff.new.file {
        escape(&diff.old.file)
    } else {
        format!("{} → {}", escape(&diff.old.file), escape(&diff.new.file))
    }
}

/// The line that stands for the alternatives left out, none changed:
/// `Unchanged: DynamoDB + Streams, Firehose to S3 (the same line items at
/// the same costs).`; empty when every one changed.
fn unchanged_line(diff: &Diff, escape: fn(&str) -> String) -> String {
    let names: Vec<String> = diff
        .alternatives
        .iter()
        .filter(|a| a.unchanged())
        .map(|a| escape(&a.name))
        .collect();
    if names.is_empty() {
        return String::new();
    }
    format!(
        "Unchanged, so left out: {} (the same line items at the same costs).",
        names.join(", ")
    )
}

/// A row a changed line item: where it is, its quantity and cost before
/// and after (empty where it is absent), and the two parts of its change.
/// Quantities to the decimals the table shows, money exact.
pub fn csv(diff: &Diff) -> String {
    let field = escape::csv;
    let number = |value: Decimal| value.normalize().to_string();
    let quantity = |value: Option<Decimal>| {
        value.map_or_else(String::new, |q| number(q.round_dp(text::QUANTITY_DP)))
    };
    let mut out = String::from(
        "alternative,component,dimension,old_quantity,new_quantity,old_cost,new_cost,usage,price\n",
    );
    for alternative in &diff.alternatives {
        for component in &alternative.components {
            for line in component.lines.iter().filter(|l| !l.unchanged()) {
                let _ = writeln!(
                    out,
                    "{},{},{},{},{},{},{},{},{}",
                    field(&alternative.name),
                    field(&component.label),
                    line.dimension,
                    quantity(line.old_quantity),
                    quantity(line.new_quantity),
                    number(line.cost.old),
                    number(line.cost.new),
                    number(line.cost.usage),
                    number(line.cost.price),
                );
            }
        }
    }
    out
}

pub fn table(diff: &Diff) -> String {
    let t = escape::terminal;
    let currency = &t(&diff.currency);
    let mut out = String::new();
    let _ = writeln!(out, "{}", version_line("old", &diff.old, t));
    let _ = writeln!(out, "{}", version_line("new", &diff.new, t));
    for alternative in diff.alternatives.iter().filter(|a| !a.unchanged()) {
        let _ = writeln!(
            out,
            "\n== {}{} == {}",
            t(&alternative.name),
            presence_note(alternative.presence),
            summary(alternative, currency)
        );
        for component in &alternative.components {
            let _ = writeln!(
                out,
                "\n{}{} · {}",
                t(&component.label),
                presence_note(component.presence),
                change(&component.cost, currency)
            );
            let mut table = new_table(&LINE_HEADER);
            for line in &component.lines {
                table.add_row(line_cells(line, currency));
            }
            for column in [1, 3, 4, 5, 6, 7] {
                if let Some(column) = table.column_mut(column) {
                    column.set_cell_alignment(comfy_table::CellAlignment::Right);
                }
            }
            let _ = writeln!(out, "{table}");
        }
    }
    let _ = writeln!(out, "\nChange by alternative");
    let mut table = new_table(&["alternative", "old", "new", "change", "usage", "price"]);
    for alternative in diff.alternatives.iter().filter(|a| !a.unchanged()) {
        table.add_row(vec![
            format!(
                "{}{}",
                t(&alternative.name),
                presence_note(alternative.presence)
            ),
            text::money(alternative.cost.old, currency),
            text::money(alternative.cost.new, currency),
            change(&alternative.cost, currency),
            signed(alternative.cost.usage, currency),
            signed(alternative.cost.price, currency),
        ]);
    }
    for column in 1..6 {
        if let Some(column) = table.column_mut(column) {
            column.set_cell_alignment(comfy_table::CellAlignment::Right);
        }
    }
    let _ = writeln!(out, "{table}");
    let unchanged = unchanged_line(diff, t);
    if !unchanged.is_empty() {
        let _ = writeln!(out, "{unchanged}");
    }
    let _ = writeln!(out, "{}", split_note(diff));
    out
}

pub fn markdown(diff: &Diff) -> String {
    let md = escape::markdown;
    let currency = &md(&diff.currency);
    let mut out = format!("### calc diff: {}\n\n", files(diff, md));
    let _ = writeln!(out, "{}  ", version_line("old", &diff.old, md));
    let _ = writeln!(out, "{}\n", version_line("new", &diff.new, md));
    if diff.alternatives.iter().any(|a| !a.unchanged()) {
        out.push_str(
            "| alternative | old | new | change | usage | price |\n|---|--:|--:|--:|--:|--:|\n",
        );
    }
    for alternative in diff.alternatives.iter().filter(|a| !a.unchanged()) {
        let _ = writeln!(
            out,
            "| {}{} | {} | {} | {} | {} | {} |",
            md(&alternative.name),
            presence_note(alternative.presence),
            text::money(alternative.cost.old, currency),
            text::money(alternative.cost.new, currency),
            change(&alternative.cost, currency),
            signed(alternative.cost.usage, currency),
            signed(alternative.cost.price, currency)
        );
    }
    let unchanged = unchanged_line(diff, md);
    if !unchanged.is_empty() {
        let _ = writeln!(out, "\n{unchanged}");
    }
    for alternative in diff.alternatives.iter().filter(|a| !a.unchanged()) {
        let _ = write!(
            out,
            "\n<details>\n<summary>{}: {}</summary>\n\n",
            escape::html(&alternative.name),
            escape::html(&summary(alternative, &diff.currency))
        );
        for component in &alternative.components {
            let _ = writeln!(
                out,
                "**{}**{} · {}\n",
                md(&component.label),
                presence_note(component.presence),
                change(&component.cost, currency)
            );
            let _ = writeln!(out, "| {} |", LINE_HEADER.join(" | "));
            out.push_str("|---|--:|---|--:|--:|--:|--:|--:|\n");
            for line in &component.lines {
                let _ = writeln!(out, "| {} |", line_cells(line, currency).join(" | "));
            }
            out.push('\n');
        }
        out.push_str("</details>\n");
    }
    let _ = writeln!(out, "\n{}", md(split_note(diff)));
    out
}

/// The JSON document: keys sorted, money and quantities exact.
pub fn json(diff: &Diff) -> String {
    let document = Document {
        alternatives: diff
            .alternatives
            .iter()
            .map(|a| AlternativeView {
                components: a
                    .components
                    .iter()
                    .map(|c| ComponentView {
                        cost: CostView::of(&c.cost),
                        label: &c.label,
                        line_items: c
                            .lines
                            .iter()
                            .map(|l| LineView {
                                cost: CostView::of(&l.cost),
                                dimension: l.dimension,
                                new_quantity: l.new_quantity.map(Exact),
                                new_unit_price: l.new_unit_price.map(Exact),
                                old_quantity: l.old_quantity.map(Exact),
                                old_unit_price: l.old_unit_price.map(Exact),
                                presence: l.presence.as_str(),
                                unit: l.unit,
                            })
                            .collect(),
                        presence: c.presence.as_str(),
                        service: c.service,
                    })
                    .collect(),
                cost: CostView::of(&a.cost),
                name: &a.name,
                presence: a.presence.as_str(),
            })
            .collect(),
        currency: &diff.currency,
        new: VersionView::of(&diff.new),
        old: VersionView::of(&diff.old),
        split: if diff.reevaluated {
            "reevaluated"
        } else {
            "formula"
        },
    };
    super::json::to_string(&document)
}

#[derive(Serialize)]
struct Document<'a> {
    alternatives: Vec<AlternativeView<'a>>,
    currency: &'a str,
    new: VersionView<'a>,
    old: VersionView<'a>,
    /// `reevaluated`: the new design priced at the old prices; `formula`:
    /// each line split as a flat price.
    split: &'static str,
}

#[derive(Serialize)]
struct VersionView<'a> {
    file: &'a str,
    overrides: Vec<SetView<'a>>,
    pricing: &'a str,
}

impl<'a> VersionView<'a> {
    fn of(version: &'a Version) -> Self {
        Self {
            file: &version.file,
            overrides: version
                .overrides
                .iter()
                .map(|o| SetView {
                    path: &o.path,
                    value: &o.value,
                    was: &o.was,
                })
                .collect(),
            pricing: &version.pricing,
        }
    }
}

#[derive(Serialize)]
struct SetView<'a> {
    path: &'a str,
    value: &'a str,
    was: &'a str,
}

#[derive(Serialize)]
struct AlternativeView<'a> {
    components: Vec<ComponentView<'a>>,
    cost: CostView,
    name: &'a str,
    presence: &'static str,
}

#[derive(Serialize)]
struct ComponentView<'a> {
    cost: CostView,
    label: &'a str,
    line_items: Vec<LineView>,
    presence: &'static str,
    service: &'static str,
}

#[derive(Serialize)]
struct LineView {
    cost: CostView,
    dimension: &'static str,
    new_quantity: Option<Exact>,
    new_unit_price: Option<Exact>,
    old_quantity: Option<Exact>,
    old_unit_price: Option<Exact>,
    presence: &'static str,
    unit: &'static str,
}

#[derive(Serialize)]
struct CostView {
    change: Exact,
    new: Exact,
    old: Exact,
    /// The change as a percentage of the old cost; `null` from nothing.
    percent: Option<Exact>,
    price: Exact,
    usage: Exact,
}

impl CostView {
    fn of(cost: &Change) -> Self {
        Self {
            change: Exact(cost.total()),
            new: Exact(cost.new),
            old: Exact(cost.old),
            percent: cost
                .total()
                .checked_div(cost.old)
                .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
                .map(|p| Exact(p.round_dp(6))),
            price: Exact(cost.price),
            usage: Exact(cost.usage),
        }
    }
}
