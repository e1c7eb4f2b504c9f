//! Reading a scenario file into the parameter vector and the flow: its
//! settings, tables and alternatives, every independent mistake reported
//! together.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use rust_decimal::Decimal;
use toml::Spanned;

use super::checks::{check_hours, check_peak};
use super::component::parse_component;
use super::design::{Alternative, Component, Overrides, Scenario};
use super::link::link;
use super::params::{Params, Place};
use super::raw::{RawAlternative, RawScenario};
use super::tables::{load_pricing, price_slots, table};
use crate::base::diagnostic::{Diagnostic, Source, Span};
use crate::base::number::Dec;
use crate::model::flow;
use crate::model::keys::{Default, Key, Kind, Value};
use crate::model::requirements;
use crate::pricing::PriceBook;

/// Reads the scenario at `path` and the pricing table it names.
pub fn load(path: &Path, overrides: &Overrides) -> Result<Scenario, Diagnostic> {
    let source = crate::base::files::read(path, "")?;
    parse(source, path.parent().unwrap_or(Path::new(".")), overrides)
}

/// Parses a scenario's text; `dir` is where a relative pricing path is found.
pub fn parse(source: Source, dir: &Path, overrides: &Overrides) -> Result<Scenario, Diagnostic> {
    // Independent mistakes are reported together: unknown keys, then each
    // table and each component, read even when one before it failed.
    let mut errors = Vec::new();
    let raw: RawScenario = source.parse_toml_collecting(&mut errors, super::raw::example)?;
    let hours_per_month = hours(&source, overrides, raw.hours_per_month.as_ref())?;
    let round_up_to_cent = rounding(&source, raw.rounding.as_ref())?;
    let prices = load_pricing(&source, dir, raw.pricing.as_ref(), overrides)?;

    let mut params = Params::default();
    let price_slots = price_slots(&source, &raw.pricing_overrides, &mut params)?;
    let hours_slot = params.push(
        &HOURS_PER_MONTH,
        Place::Scenario,
        raw.hours_per_month.as_ref().map(|h| h.span().into()),
        Value::Number(hours_per_month),
    );
    // Set from the command line only: a scenario is written as of month 1.
    let month_slot = params.push(
        &crate::model::growth::MONTH,
        Place::Scenario,
        None,
        Value::Count(1),
    );
    let workload = workload(&source, raw.workload, &mut params).unwrap_or_else(|e| {
        errors.push(e);
        0..0
    });
    let requirements = table(
        &source,
        raw.requirements,
        "requirements",
        requirements::KEYS,
        Place::Requirements,
        &mut params,
    )
    .unwrap_or_else(|e| {
        errors.push(e);
        0..0
    });
    let growth = super::growth::read(&source, raw.growth).unwrap_or_else(|e| {
        errors.push(e);
        None
    });
    if raw.alternatives.get_ref().is_empty() {
        errors.push(source.error(
            raw.alternatives.span().into(),
            "a scenario needs at least one alternative",
        ));
    }
    let mut alternatives = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for (index, alternative) in raw.alternatives.into_inner().into_iter().enumerate() {
        let read = Reading {
            source: &source,
            prices: &prices,
            index,
        };
        match read.alternative(alternative, &mut names, &mut params) {
            Ok(Some(alternative)) => alternatives.push(alternative),
            Ok(None) => {}
            Err(found) => errors.extend(found),
        }
    }
    let choice = raw.choice.as_ref().and_then(|choice| {
        chosen(&source, choice, &names)
            .map_err(|e| errors.push(e))
            .ok()
    });
    crate::base::diagnostic::sort_by_place(&mut errors);
    if let Some(all) = Diagnostic::all(errors) {
        return Err(all);
    }
    Ok(Scenario {
        name: raw.name,
        hours_per_month: hours_slot,
        month: month_slot,
        free_tier: raw.free_tier,
        round_up_to_cent,
        requirements,
        workload,
        price_slots,
        params,
        prices,
        alternatives,
        growth,
        choice,
        source,
    })
}

pub(super) static HOURS_PER_MONTH: Key = Key::new(
    "hours_per_month",
    Kind::Number,
    Default::Integer(730),
    "hours in the billing month (AWS's examples also use 720 and 744)",
);

/// The month's hours: the command line's, else the scenario's, else 730.
fn hours(
    source: &Source,
    overrides: &Overrides,
    written: Option<&Spanned<Dec>>,
) -> Result<Decimal, Diagnostic> {
    match (overrides.hours_per_month, written) {
        (Some(hours), _) => check_hours(hours).map_err(|e| Diagnostic::plain(e.to_string())),
        (None, Some(hours)) => check_hours(hours.get_ref().0)
            .map_err(|e| source.error(hours.span().into(), e.to_string())),
        (None, None) => Ok(Decimal::from(730)),
    }
}

/// Whether each line item is rounded up to the cent (`rounding =
/// "up_to_cent"`); `none` by default.
fn rounding(source: &Source, written: Option<&Spanned<String>>) -> Result<bool, Diagnostic> {
    match written {
        None => Ok(false),
        Some(r) if r.get_ref() == "none" => Ok(false),
        Some(r) if r.get_ref() == "up_to_cent" => Ok(true),
        Some(r) => Err(source
            .error(
                r.span().into(),
                format!("unknown rounding `{}`", r.get_ref()),
            )
            .with_help("expected `none` (the default) or `up_to_cent`")),
    }
}

/// `[workload]`, read into `params`, its peak checked against its average.
fn workload(
    source: &Source,
    raw: Option<Spanned<super::raw::RawTable>>,
    params: &mut Params,
) -> Result<Range<usize>, Diagnostic> {
    let span: Span = raw.as_ref().map(|w| w.span().into()).unwrap_or_default();
    let slots = table(
        source,
        raw,
        "workload",
        flow::RECORDS.all,
        Place::Workload,
        params,
    )?;
    check_peak(source, params, &params.values, slots.clone(), span)?;
    Ok(slots)
}

/// The alternative the scenario chose, by its index among `names`.
fn chosen(
    source: &Source,
    choice: &Spanned<String>,
    names: &[String],
) -> Result<usize, Diagnostic> {
    names
        .iter()
        .position(|n| n == choice.get_ref())
        .ok_or_else(|| {
            source
                .error(
                    choice.span().into(),
                    format!("no alternative is named `{}`", choice.get_ref()),
                )
                .suggesting(choice.get_ref(), names.iter().map(String::as_str))
                .or_help("`choice` names one of the `[[alternatives]]` by its `name`")
        })
}

/// What reading one alternative needs of the scenario.
struct Reading<'a> {
    source: &'a Source,
    prices: &'a PriceBook,
    /// Its place among the alternatives.
    index: usize,
}

impl Reading<'_> {
    /// One alternative: its name (one no other alternative has), its own
    /// budget, its components, and the flow between them. `None` when its
    /// name is taken, which is the only mistake reported for it; every
    /// other mistake found in it is in the errors.
    fn alternative(
        &self,
        raw: RawAlternative,
        names: &mut Vec<String>,
        params: &mut Params,
    ) -> Result<Option<Alternative>, Vec<Diagnostic>> {
        let source = self.source;
        let name_span: Span = raw.name.span().into();
        let name = raw.name.into_inner();
        // A name says which alternative a path or a report row is about.
        if names.contains(&name) {
            return Err(vec![source.error(
                raw.components.span().into(),
                format!("two alternatives are named `{name}`"),
            )]);
        }
        names.push(name.clone());
        if raw.components.get_ref().is_empty() {
            return Err(vec![source.error(
                raw.components.span().into(),
                format!("alternative `{name}` has no components"),
            )]);
        }
        let budget = self
            .budget(raw.max_monthly_cost.as_ref(), params)
            .map_err(|e| vec![e])?;
        let (mut components, froms) = self.components(raw.components.into_inner(), params)?;
        let order = link(source, &mut components, &froms, &params.values).map_err(|e| vec![e])?;
        Ok(Some(Alternative {
            name: Arc::from(name),
            components,
            order,
            span: name_span,
            budget,
        }))
    }

    /// The slot of its own budget (absent unless it states one).
    fn budget(
        &self,
        written: Option<&Spanned<Dec>>,
        params: &mut Params,
    ) -> Result<usize, Diagnostic> {
        let place = Place::Alternative(self.index);
        let key = &requirements::MAX_MONTHLY_COST;
        Ok(match written {
            Some(budget) if budget.get_ref().0.is_sign_negative() => {
                return Err(self.source.error(
                    budget.span().into(),
                    "`max_monthly_cost` cannot be negative",
                ));
            }
            Some(budget) => params.push(
                key,
                place,
                Some(budget.span().into()),
                Value::Number(budget.get_ref().0),
            ),
            None => params.push(key, place, None, Value::Absent),
        })
    }

    /// Its components, each with the `from` it names; every component read,
    /// and every mistake among them returned.
    fn components(
        &self,
        raw: Vec<Spanned<super::raw::RawComponent>>,
        params: &mut Params,
    ) -> Result<(Vec<Component>, Vec<super::component::FromId>), Vec<Diagnostic>> {
        let mut components = Vec::new();
        let mut froms = Vec::new();
        let mut errors = Vec::new();
        for (index, component) in raw.into_iter().enumerate() {
            let span: Span = component.span().into();
            let place = Place::Component {
                alternative: self.index,
                component: index,
            };
            let read = parse_component(
                self.source,
                self.prices,
                component.into_inner(),
                span,
                place,
                params,
            );
            match read {
                Ok((component, from)) => {
                    components.push(component);
                    froms.push(from);
                }
                Err(error) => errors.push(error),
            }
        }
        if errors.is_empty() {
            Ok((components, froms))
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        Source::new("s.toml", text)
    }

    fn spanned<T>(value: T, span: std::ops::Range<usize>) -> Spanned<T> {
        Spanned::new(span, value)
    }

    #[test]
    fn the_month_is_the_command_lines_then_the_scenarios_then_730() {
        let file = source("hours_per_month = 720\n");
        let written = spanned(Dec(Decimal::from(720)), 18..21);
        let none = Overrides::default();
        let forced = Overrides {
            hours_per_month: Some(Decimal::from(744)),
            ..Overrides::default()
        };
        assert_eq!(hours(&file, &none, None).unwrap(), Decimal::from(730));
        assert_eq!(
            hours(&file, &none, Some(&written)).unwrap(),
            Decimal::from(720)
        );
        assert_eq!(
            hours(&file, &forced, Some(&written)).unwrap(),
            Decimal::from(744)
        );
        let too_long = spanned(Dec(Decimal::from(745)), 18..21);
        let error = hours(&file, &none, Some(&too_long)).unwrap_err();
        assert_eq!(
            error.message,
            "`hours_per_month` must be between 1 and 744 (found 745)"
        );
        assert_eq!(error.location.map(|l| (l.line, l.column)), Some((1, 19)));
    }

    #[test]
    fn rounding_is_none_or_up_to_the_cent() {
        let file = source("rounding = \"cents\"\n");
        let word = |w: &str| spanned(w.to_string(), 11..18);
        assert!(!rounding(&file, None).unwrap());
        assert!(!rounding(&file, Some(&word("none"))).unwrap());
        assert!(rounding(&file, Some(&word("up_to_cent"))).unwrap());
        let error = rounding(&file, Some(&word("cents"))).unwrap_err();
        assert_eq!(error.message, "unknown rounding `cents`");
        assert_eq!(
            error.help.as_deref(),
            Some("expected `none` (the default) or `up_to_cent`")
        );
    }

    #[test]
    fn a_choice_names_an_alternative_or_is_suggested_one() {
        let file = source("choice = \"Kinesys\"\n");
        let names = ["Kinesis".to_string(), "DynamoDB".to_string()];
        let choice = |w: &str| spanned(w.to_string(), 9..18);
        assert_eq!(chosen(&file, &choice("DynamoDB"), &names).unwrap(), 1);
        let error = chosen(&file, &choice("Kinesys"), &names).unwrap_err();
        assert_eq!(error.message, "no alternative is named `Kinesys`");
        assert_eq!(error.help.as_deref(), Some("did you mean `Kinesis`?"));
    }

    #[test]
    fn an_alternatives_budget_takes_a_slot_whether_or_not_it_is_set() {
        let file = source("max_monthly_cost = -1\n");
        let prices = crate::pricing::compiled(crate::pricing::DEFAULT_TABLE).expect("bundled");
        let reading = Reading {
            source: &file,
            prices,
            index: 2,
        };
        let mut params = Params::default();
        let set = spanned(Dec(Decimal::from(140)), 19..22);
        let slot = reading.budget(Some(&set), &mut params).unwrap();
        assert_eq!(params.values[slot], Value::Number(Decimal::from(140)));
        assert_eq!(params.info[slot].place, Place::Alternative(2));
        let unset = reading.budget(None, &mut params).unwrap();
        assert_eq!(params.values[unset], Value::Absent);
        let negative = spanned(Dec(Decimal::from(-1)), 19..21);
        let error = reading.budget(Some(&negative), &mut params).unwrap_err();
        assert_eq!(error.message, "`max_monthly_cost` cannot be negative");
    }
}
