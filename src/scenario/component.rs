//! Reading one component: its service, its place in the flow, its input,
//! its output and its own keys.

use std::sync::Arc;

use super::checks::{check_peak, check_replaced_rate};
use super::design::Component;
use super::fields::{Fields, Sp, ungroup};
use super::params::{Params, Place};
use super::raw::{RawComponent, entries};
use crate::base::diagnostic::{Diagnostic, Source, Span};
use crate::model::flow::{self, From};
use crate::model::keys::Values;
use crate::pricing::PriceBook;
use crate::services;

/// A component's `from`, as written, for [`link`].
pub(super) type FromId = Option<Sp<String>>;

pub(super) fn parse_component(
    source: &Source,
    prices: &PriceBook,
    raw: RawComponent,
    span: Span,
    place: Place,
    params: &mut Params,
) -> Result<(Component, FromId), Diagnostic> {
    let mut entries = entries(raw);
    let position = entries
        .iter()
        .position(|e| e.key == "service")
        .ok_or_else(|| {
            let listed: Vec<String> = services::names().map(|n| format!("`{n}`")).collect();
            source
                .error(span, "a component needs a `service`")
                .with_help(format!("one of {}", listed.join(", ")))
        })?;
    let service = entries.remove(position);
    let Some(name) = service.value.as_str() else {
        return Err(source.error(
            service.value_span,
            "`service` must be a service name in quotes",
        ));
    };
    let def = services::find(name).ok_or_else(|| {
        let help = match services::meant(name) {
            Some(def) => format!("did you mean `{}` ({})?", def.name, def.title),
            None => {
                let listed: Vec<String> = services::names().map(|n| format!("`{n}`")).collect();
                format!(
                    "the services calc models: {} (`calc services` compares them)",
                    listed.join(", ")
                )
            }
        };
        source
            .error(service.value_span, format!("unknown service `{name}`"))
            .with_help(help)
    })?;
    let keys: Vec<&'static crate::model::keys::Key> = services::kit::keys(def).collect();
    let entries = ungroup(source, &keys, entries)?;
    let mut fields = Fields::new(source, def.name, entries).with_prices(prices);
    let id = fields.text("id")?;
    if let Some(id) = &id {
        check_id(source, id)?;
    }
    let from = fields.text("from")?;
    let input_slots = match def.input {
        Some(keys) => {
            let slots = params.read(&mut fields, keys.all, place)?;
            check_peak(source, params, &params.values, slots.clone(), span)?;
            slots
        }
        None => params.values.len()..params.values.len(),
    };
    let output_slots = if def.transforms {
        params.read(&mut fields, flow::OUTPUT_KEYS, place)?
    } else {
        params.values.len()..params.values.len()
    };
    let slots = params.read(&mut fields, def.keys, place)?;
    check_replaced_rate(
        source,
        params,
        &params.values,
        input_slots.clone(),
        slots.clone(),
    )?;
    // Built once here to check the values fit together; an evaluation
    // builds the component again from the values it is given.
    (def.functions.check)(&Values::new(def.keys, &params.values[slots.clone()]))
        .map_err(|invalid| params.locate(source, slots.clone(), invalid, span))?;
    fields.finish()?;
    let component = Component {
        span,
        id: id.map(|i| Arc::from(i.value)),
        from: From::Workload,
        input_slots,
        output_slots,
        slots,
        def,
    };
    Ok((component, from))
}

/// An id names a component in `from` and in paths
/// (`components[stream]`): a word, so that it cannot be read as an index or
/// break a path, and nothing a terminal would act on.
pub(super) fn check_id(source: &Source, id: &Sp<String>) -> Result<(), Diagnostic> {
    let word = id.value.starts_with(|c: char| c.is_ascii_alphabetic())
        && id
            .value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if word {
        return Ok(());
    }
    Err(source
        .error(
            id.span,
            "an `id` is a word: a letter, then letters, digits, `_` or `-`",
        )
        .with_help("e.g. `id = \"stream\"` or `id = \"raw-events\"`"))
}
