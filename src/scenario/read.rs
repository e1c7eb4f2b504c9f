//! Reading a scenario file into the parameter vector and the flow: its
//! settings, tables and alternatives, every independent mistake reported
//! together.

use std::path::Path;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::checks::{check_hours, check_peak};
use super::component::parse_component;
use super::design::{Alternative, Overrides, Scenario};
use super::link::link;
use super::params::{Params, Place};
use super::raw::RawScenario;
use super::tables::{load_pricing, price_slots, table};
use crate::base::diagnostic::{Diagnostic, Source, Span};
use crate::model::flow::{self};
use crate::model::keys::Value;
use crate::model::requirements;

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
    let raw: RawScenario = source.parse_toml_collecting(&mut errors)?;

    let hours_per_month = match (overrides.hours_per_month, &raw.hours_per_month) {
        (Some(hours), _) => check_hours(hours).map_err(Diagnostic::plain)?,
        (None, Some(hours)) => {
            check_hours(hours.get_ref().0).map_err(|e| source.error(hours.span().into(), e))?
        }
        (None, None) => Decimal::from(730),
    };
    let round_up_to_cent = match &raw.rounding {
        None => false,
        Some(r) if r.get_ref() == "none" => false,
        Some(r) if r.get_ref() == "up_to_cent" => true,
        Some(r) => {
            return Err(source
                .error(
                    r.span().into(),
                    format!("unknown rounding `{}`", r.get_ref()),
                )
                .with_help("expected `none` (the default) or `up_to_cent`"));
        }
    };

    let prices = load_pricing(&source, dir, raw.pricing.as_ref(), overrides)?;

    let mut params = Params::default();
    let price_slots = price_slots(&source, &raw.pricing_overrides, &mut params)?;
    let hours_slot = params.push(
        &HOURS_PER_MONTH,
        Place::Scenario,
        raw.hours_per_month.as_ref().map(|h| h.span().into()),
        Value::Number(hours_per_month),
    );
    let workload_span: Span = raw
        .workload
        .as_ref()
        .map(|w| w.span().into())
        .unwrap_or_default();
    let workload = table(
        &source,
        raw.workload,
        "workload",
        flow::RECORDS.all,
        Place::Workload,
        &mut params,
    )
    .and_then(|slots| {
        check_peak(
            &source,
            &params,
            &params.values,
            slots.clone(),
            workload_span,
        )?;
        Ok(slots)
    })
    .unwrap_or_else(|e| {
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

    if raw.alternatives.get_ref().is_empty() {
        errors.push(source.error(
            raw.alternatives.span().into(),
            "a scenario needs at least one alternative",
        ));
    }
    let mut alternatives = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for (a, alternative) in raw.alternatives.into_inner().into_iter().enumerate() {
        let name_span: Span = alternative.name.span().into();
        let name = alternative.name.into_inner();
        // A name says which alternative a path or a report row is about.
        if names.contains(&name) {
            errors.push(source.error(
                alternative.components.span().into(),
                format!("two alternatives are named `{name}`"),
            ));
            continue;
        }
        names.push(name.clone());
        if alternative.components.get_ref().is_empty() {
            errors.push(source.error(
                alternative.components.span().into(),
                format!("alternative `{name}` has no components"),
            ));
            continue;
        }
        let budget = match &alternative.max_monthly_cost {
            Some(budget) if budget.get_ref().0.is_sign_negative() => {
                errors.push(source.error(
                    budget.span().into(),
                    "`max_monthly_cost` cannot be negative",
                ));
                continue;
            }
            Some(budget) => params.push(
                &requirements::MAX_MONTHLY_COST,
                Place::Alternative(a),
                Some(budget.span().into()),
                Value::Number(budget.get_ref().0),
            ),
            None => params.push(
                &requirements::MAX_MONTHLY_COST,
                Place::Alternative(a),
                None,
                Value::Absent,
            ),
        };
        let mut components = Vec::new();
        let mut froms = Vec::new();
        let mut complete = true;
        for (c, component) in alternative.components.into_inner().into_iter().enumerate() {
            let span: Span = component.span().into();
            let place = Place::Component {
                alternative: a,
                component: c,
            };
            let component = component.into_inner();
            match parse_component(&source, &prices, component, span, place, &mut params) {
                Ok((component, from)) => {
                    components.push(component);
                    froms.push(from);
                }
                Err(error) => {
                    errors.push(error);
                    complete = false;
                }
            }
        }
        if !complete {
            continue;
        }
        match link(&source, &mut components, &froms, &params.values) {
            Ok(order) => alternatives.push(Alternative {
                name: Arc::from(name),
                components,
                order,
                span: name_span,
                budget,
            }),
            Err(error) => errors.push(error),
        }
    }
    let choice = raw.choice.as_ref().and_then(|choice| {
        let found = names.iter().position(|n| n == choice.get_ref());
        if found.is_none() {
            errors.push(
                source
                    .error(
                        choice.span().into(),
                        format!("no alternative is named `{}`", choice.get_ref()),
                    )
                    .suggesting(choice.get_ref(), names.iter().map(String::as_str))
                    .or_help("`choice` names one of the `[[alternatives]]` by its `name`"),
            );
        }
        found
    });
    crate::base::diagnostic::sort_by_place(&mut errors);
    if let Some(all) = Diagnostic::all(errors) {
        return Err(all);
    }

    Ok(Scenario {
        name: raw.name,
        hours_per_month: hours_slot,
        free_tier: raw.free_tier,
        round_up_to_cent,
        requirements,
        workload,
        price_slots,
        params,
        prices,
        alternatives,
        choice,
        source,
    })
}

pub(super) static HOURS_PER_MONTH: crate::model::keys::Key = crate::model::keys::Key::new(
    "hours_per_month",
    crate::model::keys::Kind::Number,
    crate::model::keys::Default::Integer(730),
    "hours in the billing month (AWS's examples also use 720 and 744)",
);
