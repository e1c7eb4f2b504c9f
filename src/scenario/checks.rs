//! The checks that span keys: a peak against its average, a rate a key
//! replaces, an SNS topic's subscriptions, the month's hours; run when a
//! scenario is read and again when a what-if sets a value.

use std::ops::Range;

use rust_decimal::Decimal;

use super::design::{Component, Scenario};
use super::fields::OutOfRange;
use super::params::{Params, Place};
use crate::base::diagnostic::{Diagnostic, Source, Span};
use crate::model::flow::From;
use crate::model::keys::Value;
use crate::services::kit::Delivery;

/// A peak is given once, as a rate or a ratio, and is at least the average.
pub(super) fn check_peak(
    source: &Source,
    params: &Params,
    values: &[Value],
    slots: Range<usize>,
    span: Span,
) -> Result<(), Diagnostic> {
    if slots.is_empty() {
        return Ok(());
    }
    let slot = |i: usize| slots.start + i;
    let [rate, peak, ratio, _] = [0, 1, 2, 3].map(|i| &values[slot(i)]);
    let at = |i: usize| params.span(slot(i)).unwrap_or(span);
    let (rate_key, peak_key) = (params.info[slot(0)].key.name, params.info[slot(1)].key.name);
    if *peak != Value::Absent && *ratio != Value::Absent {
        return Err(source
            .error(
                at(2),
                format!("set `{peak_key}` or `peak_to_average`, not both"),
            )
            .with_help(format!(
                "`peak_to_average = 3` is a peak of three times `{rate_key}`"
            )));
    }
    if let Value::Number(ratio) = ratio
        && *ratio < Decimal::ONE
    {
        return Err(source.error(
            at(2),
            format!("`peak_to_average` is at least 1 (found {ratio})"),
        ));
    }
    if let (Value::Number(rate), Value::Number(peak)) = (rate, peak)
        && peak < rate
    {
        return Err(source
            .error(
                at(1),
                format!("the peak is below the average `{rate_key}` ({rate})"),
            )
            .with_help(format!(
                "`{peak_key}` is the busiest second's rate: at least the average"
            )));
    }
    if *rate == Value::Absent
        && (*peak != Value::Absent || *ratio != Value::Absent)
        && span != Span::default()
    {
        let i = if *peak != Value::Absent { 1 } else { 2 };
        if params.info[slot(0)].place == Place::Workload {
            return Err(source
                .error(at(i), format!("a peak needs `{rate_key}`, the average"))
                .with_help(format!("set `{rate_key}` in [workload]")));
        }
    }
    Ok(())
}

/// A key that counts a component's load itself (`invocations_per_month`)
/// and the component's own rate cannot both be set: one would be ignored.
pub(super) fn check_replaced_rate(
    source: &Source,
    params: &Params,
    values: &[Value],
    input: Range<usize>,
    own: Range<usize>,
) -> Result<(), Diagnostic> {
    // The rate is the first input key; it counts where it is set.
    let rate = input.start;
    if input.is_empty() || values[rate] == Value::Absent {
        return Ok(());
    }
    let rate_span = params.span(rate).unwrap_or_default();
    let counting = own.into_iter().find_map(|slot| {
        let key = params.info[slot].key;
        let help = key.replaces_rate?;
        (values[slot] != Value::Absent).then_some((key, help))
    });
    match counting {
        Some((key, help)) => Err(source
            .error(
                rate_span,
                format!(
                    "set `{}` or `{}`, not both",
                    key.name, params.info[rate].key.name
                ),
            )
            .with_help(help)),
        None => Ok(()),
    }
}

/// Every component that consumes a component that delivers by
/// subscription (an SNS topic) is a kind it delivers to, with a
/// subscription of that kind.
pub(super) fn check_deliveries(
    source: &Source,
    components: &[Component],
    values: &[Value],
) -> Result<(), Diagnostic> {
    for component in components {
        let From::Component(j) = component.from else {
            continue;
        };
        let consumer = component.def().name;
        let producer = components[j].def().name;
        let Ok(delivery) = components[j].delivery_to(values, consumer) else {
            continue;
        };
        match delivery {
            Delivery::Every | Delivery::Files => {}
            Delivery::Copies { count, .. } if count > 0 => {}
            Delivery::Copies { key, .. } => {
                return Err(source
                    .error(
                        component.span,
                        format!(
                            "the `{producer}` topic it consumes has no subscription for `{consumer}`"
                        ),
                    )
                    .with_help(format!("set `{key}` on the topic (one per subscriber)")));
            }
            Delivery::Impossible { help } => {
                return Err(source
                    .error(
                        component.span,
                        format!("an `{producer}` topic cannot deliver to `{consumer}`"),
                    )
                    .with_help(help));
            }
        }
    }
    Ok(())
}

/// Whether `values` (the scenario's, some varied) still describe a scenario
/// the file could have said: the checks reading the file makes across keys.
pub(crate) fn validate(scenario: &Scenario, values: &[Value]) -> Result<(), Diagnostic> {
    let source = &scenario.source;
    let params = &scenario.params;
    check_peak(
        source,
        params,
        values,
        scenario.workload.clone(),
        Span::default(),
    )?;
    if let Value::Number(hours) = values[scenario.hours_per_month] {
        check_hours(hours).map_err(|e| Diagnostic::plain(e.to_string()))?;
    }
    for alternative in &scenario.alternatives {
        for component in &alternative.components {
            let span = component.span;
            check_peak(source, params, values, component.input_slots.clone(), span)?;
            check_replaced_rate(
                source,
                params,
                values,
                component.input_slots.clone(),
                component.slots.clone(),
            )?;
            component
                .check(values)
                .map_err(|invalid| params.locate(source, component.slots.clone(), invalid, span))?;
        }
        check_deliveries(source, &alternative.components, values)?;
    }
    Ok(())
}

/// A month of at least one hour (a shorter one is a typo, and would make
/// per-second rates meaningless) and at most 31 days.
pub(crate) fn check_hours(hours: Decimal) -> Result<Decimal, OutOfRange> {
    if hours < Decimal::ONE || hours > Decimal::from(744) {
        return Err(OutOfRange::Hours { found: hours });
    }
    Ok(hours)
}
