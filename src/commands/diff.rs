//! `calc diff`: what changed between two versions of a design, per
//! alternative, component and line item, and how much of each change is
//! price and how much usage.
//!
//! The two versions are two scenario files, or one file under two lists of
//! `--set`, or under two pricing tables (`--old-pricing`, `--new-pricing`),
//! or any mix of these.
//!
//! **The split.** For a line billed as quantity × unit price, the change
//! from `q_old × p_old` to `q_new × p_new` splits exactly into
//!
//! - usage: `(q_new − q_old) × p_old`, the new quantity's worth at the old price;
//! - price: `(p_new − p_old) × q_new`, what the new price adds to the new quantity.
//!
//! A line with a free tier or price tiers is not quantity × price, so the
//! split is made on the bill itself, which gives the same two terms for a
//! flat price: the new design is evaluated a third time, at the old prices
//! (the old table's prices and free tiers, the old `[pricing_overrides]`,
//! and everything else new). Then price = new cost − that cost, and usage =
//! that cost − old cost; the two always add up to the line's change. A line
//! that is new has no old cost: its usage part is its cost at the old
//! prices. A line that is gone is all usage.

use std::path::Path;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::base::diagnostic::Diagnostic;
use std::path::PathBuf;

use clap::{Args as ClapArgs, ValueEnum};

use super::options::Evaluation;
use crate::evaluate;
use crate::model::keys::Value;
use crate::model::report::Override;
use crate::model::report::{AlternativeResult, ComponentResult, LineItem, Report};
use crate::scenario::set;
use crate::scenario::{self, Overrides, Scenario};

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The scenario before; with NEW, the scenario after.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,

    /// The scenario after (by default OLD again, under `--new-set` or `--new-pricing`).
    #[arg(value_name = "NEW")]
    pub new: Option<PathBuf>,

    /// How to print the differences.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Set a value over the old scenario's, by its path. Repeatable.
    #[arg(long = "old-set", value_name = "PATH=VALUE")]
    pub old_set: Vec<String>,

    /// Set a value over the new scenario's, by its path. Repeatable.
    #[arg(long = "new-set", value_name = "PATH=VALUE")]
    pub new_set: Vec<String>,

    /// Pricing table for the old scenario: a bundled name or a path.
    #[arg(long, value_name = "TABLE", conflicts_with = "pricing")]
    pub old_pricing: Option<String>,

    /// Pricing table for the new scenario: a bundled name or a path.
    #[arg(long, value_name = "TABLE", conflicts_with = "pricing")]
    pub new_pricing: Option<String>,

    #[command(flatten)]
    pub evaluation: Evaluation,
}

/// How `calc diff` prints the differences.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables for a terminal.
    #[default]
    Table,
    /// Every change, exact, for scripts.
    Json,
    /// Markdown, for a pull-request comment.
    Markdown,
    /// A row a changed line item, for a spreadsheet.
    Csv,
}

/// One version of the design, as the command line gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub file: String,
    pub pricing: String,
    pub overrides: Vec<Override>,
}

/// Whether something is in both versions, or only one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    Both,
    Added,
    Removed,
}

impl Presence {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Both => "both",
            Self::Added => "added",
            Self::Removed => "removed",
        }
    }
}

/// A change in money, split in two parts that add up to it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Change {
    pub old: Decimal,
    pub new: Decimal,
    /// What the change in quantities accounts for.
    pub usage: Decimal,
    /// What the change in unit prices accounts for.
    pub price: Decimal,
}

impl Change {
    pub fn total(&self) -> Decimal {
        self.new.saturating_sub(self.old)
    }

    /// Adds `other` in. Each part is a sum of figures that each fit in a
    /// decimal; a sum too large for one (never a real bill) stops at the
    /// largest decimal rather than panicking.
    fn add(&mut self, other: &Change) {
        self.old = self.old.saturating_add(other.old);
        self.new = self.new.saturating_add(other.new);
        self.usage = self.usage.saturating_add(other.usage);
        self.price = self.price.saturating_add(other.price);
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineDiff {
    pub dimension: &'static str,
    pub unit: &'static str,
    pub presence: Presence,
    pub old_quantity: Option<Decimal>,
    pub new_quantity: Option<Decimal>,
    pub old_unit_price: Option<Decimal>,
    pub new_unit_price: Option<Decimal>,
    pub cost: Change,
}

impl LineDiff {
    /// In both versions, at the same quantity, unit price and cost.
    pub fn unchanged(&self) -> bool {
        self.presence == Presence::Both
            && self.old_quantity == self.new_quantity
            && self.old_unit_price == self.new_unit_price
            && self.cost.old == self.cost.new
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComponentDiff {
    /// Its id, or its service and place among the alternative's components
    /// of that service (`sqs#2`).
    pub label: String,
    pub service: &'static str,
    pub presence: Presence,
    pub lines: Vec<LineDiff>,
    pub cost: Change,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlternativeDiff {
    pub name: Arc<str>,
    pub presence: Presence,
    pub components: Vec<ComponentDiff>,
    pub cost: Change,
}

impl AlternativeDiff {
    /// In both versions, with the same components and line items: what a
    /// reader of the changes can skip.
    pub fn unchanged(&self) -> bool {
        self.presence == Presence::Both
            && self
                .components
                .iter()
                .all(|c| c.presence == Presence::Both && c.lines.iter().all(LineDiff::unchanged))
    }
}

/// Everything `calc diff` found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diff {
    pub old: Version,
    pub new: Version,
    pub currency: String,
    pub alternatives: Vec<AlternativeDiff>,
    /// Whether the new design could be priced at the old prices; if not
    /// (the old table lacks a price the new design needs), each line is
    /// split by the formulas of a flat price.
    pub reevaluated: bool,
}

/// Evaluates both versions (and the new one at the old prices) and
/// compares them.
pub fn run(args: &Args) -> Result<Diff, Diagnostic> {
    let same_file = args.new.is_none();
    if same_file
        && args.old_set.is_empty()
        && args.new_set.is_empty()
        && args.old_pricing.is_none()
        && args.new_pricing.is_none()
    {
        return Err(
            Diagnostic::plain("nothing differs between the two versions").with_help(
                "give a second file, `--old-set`/`--new-set`, or `--old-pricing`/`--new-pricing`",
            ),
        );
    }
    let overrides = |pricing: &Option<String>| Overrides {
        hours_per_month: args.evaluation.hours_per_month,
        pricing: pricing.clone().or_else(|| args.evaluation.pricing.clone()),
        allow_outside_pricing: args.evaluation.allow_outside_pricing,
    };
    let new_path = args.new.as_deref().unwrap_or(&args.old);
    let old = Evaluated::load(&args.old, &overrides(&args.old_pricing), &args.old_set)?;
    let mut new = Evaluated::load(new_path, &overrides(&args.new_pricing), &args.new_set)?;
    if old.report.pricing.currency != new.report.pricing.currency {
        return Err(Diagnostic::plain(format!(
            "the old version is priced in {} and the new one in {}: there is no rate between them in calc",
            old.report.pricing.currency, new.report.pricing.currency
        )));
    }
    let at_old_prices = new.at_prices_of(&old);
    let reevaluated = at_old_prices.is_some();
    let alternatives = compare(&old.report, &new.report, at_old_prices.as_ref());
    Ok(Diff {
        old: old.version(&args.old),
        new: new.version(new_path),
        currency: new.report.pricing.currency.clone(),
        alternatives,
        reevaluated,
    })
}

struct Evaluated {
    scenario: Scenario,
    values: Vec<Value>,
    report: Report,
}

impl Evaluated {
    fn load(path: &Path, overrides: &Overrides, sets: &[String]) -> Result<Self, Diagnostic> {
        let scenario = scenario::load(path, overrides)?;
        let set::Applied {
            values,
            overrides: overridden,
            ..
        } = set::apply(&scenario, sets)?;
        let mut report = evaluate::evaluate_with(&scenario, &values)?;
        report.overrides = overridden;
        Ok(Self {
            scenario,
            values,
            report,
        })
    }

    fn version(&self, path: &Path) -> Version {
        Version {
            file: path.display().to_string(),
            pricing: self.report.pricing.name.clone(),
            overrides: self.report.overrides.clone(),
        }
    }

    /// This design at `old`'s prices: `old`'s table prices and free tiers,
    /// `old`'s `[pricing_overrides]` and price `--set`s, this design's
    /// quantities and limits. `None` if it cannot be priced so.
    fn at_prices_of(&mut self, old: &Evaluated) -> Option<Report> {
        let mut values = self.values.clone();
        let (slots, old_slots) = (
            self.scenario.price_slots.clone(),
            old.scenario.price_slots.clone(),
        );
        values
            .get_mut(slots)?
            .clone_from_slice(old.values.get(old_slots)?);
        let own = self.scenario.prices.clone();
        self.scenario.prices = own.with_prices_of(&old.scenario.prices);
        let report = evaluate::evaluate_with(&self.scenario, &values).ok();
        self.scenario.prices = own;
        report
    }
}

/// The alternatives matched by name: the new version's in its order, then
/// those it removed.
fn compare(old: &Report, new: &Report, at_old_prices: Option<&Report>) -> Vec<AlternativeDiff> {
    let mut out = Vec::new();
    for (i, alternative) in new.alternatives.iter().enumerate() {
        let before = old.alternatives.iter().find(|a| a.name == alternative.name);
        let repriced = at_old_prices.map(|r| &r.alternatives[i]);
        out.push(compare_alternative(before, Some(alternative), repriced));
    }
    for alternative in &old.alternatives {
        if !new.alternatives.iter().any(|a| a.name == alternative.name) {
            out.push(compare_alternative(Some(alternative), None, None));
        }
    }
    out
}

fn compare_alternative(
    old: Option<&AlternativeResult>,
    new: Option<&AlternativeResult>,
    repriced: Option<&AlternativeResult>,
) -> AlternativeDiff {
    let (name, presence) = match (old, new) {
        (_, Some(n)) => (n.name.clone(), presence(old.is_some(), true)),
        (Some(o), None) => (o.name.clone(), Presence::Removed),
        (None, None) => (Arc::from(""), Presence::Both),
    };
    let none: &[ComponentResult] = &[];
    let old_components = old.map_or(none, |a| &a.components);
    let new_components = new.map_or(none, |a| &a.components);
    let matches = match_components(old_components, new_components);
    let mut components = Vec::new();
    for (j, component) in new_components.iter().enumerate() {
        let before = matches[j].map(|i| &old_components[i]);
        let again = repriced.and_then(|r| r.components.get(j));
        components.push(compare_component(
            before,
            Some(component),
            again,
            label(new_components, j),
        ));
    }
    for (i, component) in old_components.iter().enumerate() {
        if !matches.contains(&Some(i)) {
            components.push(compare_component(
                Some(component),
                None,
                None,
                label(old_components, i),
            ));
        }
    }
    let mut cost = Change::default();
    for component in &components {
        cost.add(&component.cost);
    }
    AlternativeDiff {
        name,
        presence,
        components,
        cost,
    }
}

fn presence(old: bool, new: bool) -> Presence {
    match (old, new) {
        (true, false) => Presence::Removed,
        (false, true) => Presence::Added,
        _ => Presence::Both,
    }
}

/// For each new component, the old one it is: the one with its `id`, else
/// the one of its service at the same place among those of that service
/// (and without an id).
fn match_components(old: &[ComponentResult], new: &[ComponentResult]) -> Vec<Option<usize>> {
    let mut taken = vec![false; old.len()];
    let mut matches = vec![None; new.len()];
    for (j, component) in new.iter().enumerate() {
        if let Some(id) = &component.id
            && let Some(i) = old.iter().position(|c| c.id.as_ref() == Some(id))
        {
            taken[i] = true;
            matches[j] = Some(i);
        }
    }
    for service in new.iter().map(|c| c.service) {
        let unmatched_old = (0..old.len())
            .filter(|&i| !taken[i] && old[i].service == service && old[i].id.is_none());
        let unmatched_new: Vec<usize> = (0..new.len())
            .filter(|&j| matches[j].is_none() && new[j].service == service && new[j].id.is_none())
            .collect();
        for (i, j) in unmatched_old
            .collect::<Vec<_>>()
            .into_iter()
            .zip(unmatched_new)
        {
            taken[i] = true;
            matches[j] = Some(i);
        }
    }
    matches
}

/// A component's name in the diff: its id, or its service, numbered
/// when the alternative has several of that service (`sqs#2`).
fn label(components: &[ComponentResult], index: usize) -> String {
    let component = &components[index];
    if let Some(id) = &component.id {
        return id.to_string();
    }
    let same = components.iter().filter(|c| c.service == component.service);
    if same.count() == 1 {
        return component.service.to_string();
    }
    let place = components[..index]
        .iter()
        .filter(|c| c.service == component.service)
        .count();
    format!("{}#{}", component.service, place + 1)
}

fn compare_component(
    old: Option<&ComponentResult>,
    new: Option<&ComponentResult>,
    repriced: Option<&ComponentResult>,
    label: String,
) -> ComponentDiff {
    let service = new.or(old).map_or("", |c| c.service);
    let none: &[LineItem] = &[];
    let old_lines = old.map_or(none, |c| &c.line_items);
    let new_lines = new.map_or(none, |c| &c.line_items);
    let mut lines = Vec::new();
    for item in new_lines {
        let key = item.dimension.key;
        let before = old_lines.iter().find(|l| l.dimension.key == key);
        let again = repriced.and_then(|c| c.line_items.iter().find(|l| l.dimension.key == key));
        lines.push(compare_line(before, Some(item), again, repriced.is_some()));
    }
    for item in old_lines {
        if !new_lines
            .iter()
            .any(|l| l.dimension.key == item.dimension.key)
        {
            lines.push(compare_line(Some(item), None, None, false));
        }
    }
    let mut cost = Change::default();
    for line in &lines {
        cost.add(&line.cost);
    }
    ComponentDiff {
        label,
        service,
        presence: presence(old.is_some(), new.is_some()),
        lines,
        cost,
    }
}

/// One line's change and its split (see the module's documentation).
/// `repriced` is the new line at the old prices; `reevaluated` says whether
/// the component was priced so at all (a line missing from a component
/// that was costs nothing at the old prices).
fn compare_line(
    old: Option<&LineItem>,
    new: Option<&LineItem>,
    repriced: Option<&LineItem>,
    reevaluated: bool,
) -> LineDiff {
    let item = new.or(old).map(|l| l.dimension);
    let old_cost = old.map_or(Decimal::ZERO, |l| l.monthly_cost);
    let new_cost = new.map_or(Decimal::ZERO, |l| l.monthly_cost);
    let at_old_prices = match (new, repriced) {
        (None, _) => Decimal::ZERO,
        (Some(_), Some(again)) => again.monthly_cost,
        (Some(_), None) if reevaluated => Decimal::ZERO,
        // No third evaluation: a flat price's formula, `q_new × p_old`,
        // or no price part for a line that is new.
        (Some(n), None) => match old {
            Some(o) => (n.quantity - n.free_quantity)
                .checked_mul(o.unit_price)
                .unwrap_or(new_cost),
            None => new_cost,
        },
    };
    LineDiff {
        dimension: item.map_or("", |d| d.key),
        unit: item.map_or("", |d| d.unit),
        presence: presence(old.is_some(), new.is_some()),
        old_quantity: old.map(|l| l.quantity),
        new_quantity: new.map(|l| l.quantity),
        old_unit_price: old.map(|l| l.unit_price),
        new_unit_price: new.map(|l| l.unit_price),
        cost: Change {
            old: old_cost,
            new: new_cost,
            usage: at_old_prices - old_cost,
            price: new_cost - at_old_prices,
        },
    }
}
