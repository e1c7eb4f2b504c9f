//! The scenario file: a workload, requirements, and the alternatives to compare.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use toml::Spanned;

use crate::base::diagnostic::{Diagnostic, Source, Span};
use crate::base::number::Dec;
use crate::fields::{Entry, Fields, Sp};
use crate::model::flow::{self, From, Own};
use crate::model::keys::Invalid;
use crate::model::keys::{Value, Values};
use crate::model::report::ComponentResult;
use crate::model::requirements;
use crate::params::{Params, Place};
use crate::pricing::{self, NamedBy, PriceBook};
use crate::services;
use crate::services::kit::{Ctx, Delivery, EvalError, ServiceDef};

/// A scenario, read and checked, ready to evaluate.
#[derive(Debug)]
pub struct Scenario {
    pub name: String,
    /// The slot of `hours_per_month` in `params`.
    pub hours_per_month: usize,
    pub free_tier: bool,
    pub round_up_to_cent: bool,
    /// Where `[requirements]`'s values sit in `params`.
    pub requirements: Range<usize>,
    /// Where `[workload]`'s values sit in `params`: what the first component
    /// of each alternative receives.
    pub workload: Range<usize>,
    /// Where the unit prices set over the table's sit in `params`: one slot
    /// per dimension of [`services::dimensions`].
    pub price_slots: Range<usize>,
    /// Every value the workload and the components state, with its path.
    pub params: Params,
    pub prices: PriceBook,
    pub alternatives: Vec<Alternative>,
    /// The alternative the team chose (`choice = "…"`), by index: the one
    /// `calc check` holds to the requirements; the others are context.
    pub choice: Option<usize>,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Alternative {
    pub name: Arc<str>,
    pub components: Vec<Component>,
    /// The components in an order where each comes after the one it consumes.
    pub order: Vec<usize>,
    /// Where its `name` is written: the line a check's annotation points at.
    pub span: Span,
    /// The slot of its own budget (`max_monthly_cost`), which takes the
    /// place of `[requirements]`'s when it is set.
    pub budget: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Component {
    pub span: Span,
    pub id: Option<Arc<str>>,
    /// Where its input comes from: the component before it by default.
    pub from: From,
    /// Where its values sit in the scenario's `params`: the rate, peak and
    /// size it sets for its own input, what it says it emits (Lambda, Flink,
    /// EC2), and its service's own keys.
    pub input_slots: Range<usize>,
    pub output_slots: Range<usize>,
    pub slots: Range<usize>,
    pub def: &'static ServiceDef,
}

impl Component {
    pub fn def(&self) -> &'static ServiceDef {
        self.def
    }

    /// The values of its service's own keys, from `values` (the
    /// scenario's, or varied ones).
    pub fn values<'v>(&self, values: &'v [Value]) -> Values<'v> {
        Values::new(self.def.keys, &values[self.slots.clone()])
    }

    /// Whether `values` make a component of its service.
    pub fn check(&self, values: &[Value]) -> Result<(), Invalid> {
        (self.def.functions.check)(&self.values(values))
    }

    /// How a consumer of service `consumer` receives its records.
    pub fn delivery_to(&self, values: &[Value], consumer: &str) -> Result<Delivery, Invalid> {
        (self.def.functions.delivery)(&self.values(values), consumer)
    }

    /// Its capacity, bill, latency and limit checks at `values`, into
    /// `result`, whose buffers are reused.
    pub fn evaluate_into(
        &self,
        values: &[Value],
        ctx: &Ctx,
        result: &mut ComponentResult,
    ) -> Result<(), EvalError> {
        (self.def.functions.evaluate)(&self.values(values), ctx, result)
    }

    /// The rate, peak and size it sets for its own input.
    pub fn own_input(&self, values: &[Value]) -> Own {
        match self.def().input {
            Some(keys) => keys.own(&Values::new(keys.all, &values[self.input_slots.clone()])),
            None => Own::default(),
        }
    }

    /// What it says it emits.
    pub fn own_output(&self, values: &[Value]) -> Own {
        if self.output_slots.is_empty() {
            return Own::default();
        }
        flow::own_output(&Values::new(
            flow::OUTPUT_KEYS,
            &values[self.output_slots.clone()],
        ))
    }
}

/// Settings the command line can force over the scenario's own.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub hours_per_month: Option<Decimal>,
    pub pricing: Option<String>,
    /// Lets the scenario name a pricing table outside its own folder.
    pub allow_outside_pricing: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    name: String,
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
    pricing: Option<Spanned<String>>,
    hours_per_month: Option<Spanned<Dec>>,
    #[serde(default)]
    free_tier: bool,
    rounding: Option<Spanned<String>>,
    choice: Option<Spanned<String>>,
    workload: Option<Spanned<RawTable>>,
    requirements: Option<Spanned<RawTable>>,
    #[serde(default)]
    pricing_overrides: BTreeMap<Spanned<String>, Spanned<Dec>>,
    alternatives: Spanned<Vec<RawAlternative>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAlternative {
    name: Spanned<String>,
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
    max_monthly_cost: Option<Spanned<Dec>>,
    components: Spanned<Vec<Spanned<RawComponent>>>,
}

/// A table's keys and values with their places, for the declared keys to
/// read: a component (`EXPECTING` says what one looks like), `[workload]` or
/// `[requirements]`.
struct RawEntries<const COMPONENT: bool>(Vec<(Spanned<String>, Spanned<toml::Value>)>);

/// A component, `{ service = "…", … }`.
type RawComponent = RawEntries<true>;
/// A plain table of keys.
type RawTable = RawEntries<false>;

impl<'de, const COMPONENT: bool> Deserialize<'de> for RawEntries<COMPONENT> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<const COMPONENT: bool>;

        impl<'de, const COMPONENT: bool> Visitor<'de> for EntriesVisitor<COMPONENT> {
            type Value = RawEntries<COMPONENT>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(if COMPONENT {
                    "a table such as { service = \"kinesis_data_streams\" }"
                } else {
                    "a table"
                })
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    entries.push((key, map.next_value()?));
                }
                Ok(RawEntries(entries))
            }
        }

        deserializer.deserialize_map(EntriesVisitor::<COMPONENT>)
    }
}

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

/// A slot for every dimension's unit price, holding `[pricing_overrides]`'s
/// where it sets one: a what-if can then vary any price by its path.
fn price_slots(
    source: &Source,
    overrides: &BTreeMap<Spanned<String>, Spanned<Dec>>,
    params: &mut Params,
) -> Result<Range<usize>, Diagnostic> {
    for key in overrides.keys() {
        if services::dimension(key.get_ref()).is_none() {
            return Err(source
                .error(
                    key.span().into(),
                    format!("unknown price `{}`", key.get_ref()),
                )
                .suggesting(key.get_ref(), services::dimension_keys()));
        }
    }
    let start = params.values.len();
    for (index, dimension) in services::dimensions().enumerate() {
        let set = overrides
            .iter()
            .find(|(key, _)| key.get_ref() == dimension.key);
        let (value, span) = match set {
            Some((_, price)) => {
                let value = price.get_ref().0;
                if value.is_sign_negative() && !value.is_zero() {
                    return Err(source.error(price.span().into(), "prices cannot be negative"));
                }
                (Value::Number(value), Some(price.span().into()))
            }
            None => (Value::Absent, None),
        };
        params.push(&crate::params::PRICE, Place::Price(index), span, value);
    }
    Ok(start..params.values.len())
}

/// A table of declared keys (`[workload]`, `[requirements]`), read into `params`.
fn table(
    source: &Source,
    raw: Option<Spanned<RawTable>>,
    name: &'static str,
    keys: &'static [&'static crate::model::keys::Key],
    place: Place,
    params: &mut Params,
) -> Result<Range<usize>, Diagnostic> {
    let entries = raw.map_or_else(Vec::new, |table| entries(table.into_inner()));
    let mut fields = Fields::new(source, name, entries);
    let slots = params.read(&mut fields, keys, place)?;
    fields.finish()?;
    Ok(slots)
}

/// A peak is given once, as a rate or a ratio, and is at least the average.
fn check_peak(
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
fn check_replaced_rate(
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

/// A component's `from`, as written, for [`link`].
type FromId = Option<Sp<String>>;

fn entries<const COMPONENT: bool>(raw: RawEntries<COMPONENT>) -> Vec<Entry> {
    raw.0
        .into_iter()
        .map(|(key, value)| Entry {
            key_span: key.span().into(),
            key: key.into_inner(),
            value_span: value.span().into(),
            value: value.into_inner(),
        })
        .collect()
}

fn parse_component(
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
        source
            .error(service.value_span, format!("unknown service `{name}`"))
            .suggesting(name, services::names())
    })?;
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
fn check_id(source: &Source, id: &Sp<String>) -> Result<(), Diagnostic> {
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

/// Every component that consumes an SNS topic is a kind the topic delivers
/// to, with a subscription of that kind.
fn check_deliveries(
    source: &Source,
    components: &[Component],
    values: &[Value],
) -> Result<(), Diagnostic> {
    for component in components {
        let From::Component(j) = component.from else {
            continue;
        };
        let consumer = component.def().name;
        let Ok(delivery) = components[j].delivery_to(values, consumer) else {
            continue;
        };
        match delivery {
            Delivery::Every => {}
            Delivery::Copies { count, .. } if count > 0 => {}
            Delivery::Copies { key, .. } => {
                return Err(source
                    .error(
                        component.span,
                        format!("the `sns` topic it consumes has no subscription for `{consumer}`"),
                    )
                    .with_help(format!("set `{key}` on the topic (one per subscriber)")));
            }
            Delivery::Impossible => {
                return Err(source
                    .error(
                        component.span,
                        format!("an `sns` topic cannot deliver to `{consumer}`"),
                    )
                    .with_help(
                        "SNS delivers to SQS, Lambda, Firehose and HTTP endpoints (`ec2`): put one of them between",
                    ));
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
        check_hours(hours).map_err(Diagnostic::plain)?;
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

/// Resolves each component's `from` (by default, the component before it)
/// and orders the components so that each comes after the one it consumes.
fn link(
    source: &Source,
    components: &mut [Component],
    froms: &[FromId],
    values: &[Value],
) -> Result<Vec<usize>, Diagnostic> {
    for (i, from) in froms.iter().enumerate() {
        components[i].from = match from {
            None if i == 0 => From::Workload,
            None => From::Component(i - 1),
            Some(from) => {
                let found = components
                    .iter()
                    .position(|c| c.id.as_deref() == Some(from.value.as_str()));
                let Some(j) = found else {
                    let ids = components.iter().filter_map(|c| c.id.as_deref());
                    return Err(source
                        .error(
                            from.span,
                            format!("no component has the id `{}`", from.value),
                        )
                        .suggesting(&from.value, ids)
                        .or_help(
                            "give the component it consumes an `id`, e.g. `id = \"stream\"`",
                        ));
                };
                From::Component(j)
            }
        };
    }
    for (i, component) in components.iter().enumerate() {
        if let Some(id) = &component.id
            && components[..i].iter().any(|c| c.id.as_ref() == Some(id))
        {
            return Err(source.error(component.span, format!("two components have the id `{id}`")));
        }
    }
    check_deliveries(source, components, values)?;
    // Each component consumes one other, so following `from` either reaches
    // the workload or comes round again: a cycle.
    let n = components.len();
    let mut depth = vec![0usize; n];
    for (i, d) in depth.iter_mut().enumerate() {
        let mut at = i;
        while let From::Component(j) = components[at].from {
            *d += 1;
            if *d > n {
                let span = froms[i].as_ref().map_or(components[i].span, |f| f.span);
                return Err(source
                    .error(span, "the components consume each other in a circle")
                    .with_help("each component's `from` must lead back to the workload"));
            }
            at = j;
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| depth[i]);
    Ok(order)
}

fn load_pricing(
    scenario: &Source,
    dir: &Path,
    named: Option<&Spanned<String>>,
    overrides: &Overrides,
) -> Result<PriceBook, Diagnostic> {
    let by_scenario = NamedBy::Scenario {
        dir,
        allow_outside: overrides.allow_outside_pricing,
    };
    match (overrides.pricing.as_deref(), named) {
        (Some(table), _) => pricing::load(table, NamedBy::CommandLine, services::vocabulary()),
        (None, Some(table)) => pricing::load(table.get_ref(), by_scenario, services::vocabulary())
            .map_err(|error| {
                // A table that cannot be found is the scenario's mistake: point at it.
                if error.file.is_none() {
                    let mut located = scenario.error(table.span().into(), error.message);
                    located.help = error.help;
                    located
                } else {
                    error
                }
            }),
        (None, None) => pricing::load(pricing::DEFAULT_TABLE, by_scenario, services::vocabulary()),
    }
}

static HOURS_PER_MONTH: crate::model::keys::Key = crate::model::keys::Key::new(
    "hours_per_month",
    crate::model::keys::Kind::Number,
    crate::model::keys::Default::Integer(730),
    "hours in the billing month (AWS's examples also use 720 and 744)",
);

/// A month of at least one hour (a shorter one is a typo, and would make
/// per-second rates meaningless) and at most 31 days.
pub(crate) fn check_hours(hours: Decimal) -> Result<Decimal, String> {
    if hours < Decimal::ONE || hours > Decimal::from(744) {
        return Err(format!(
            "`hours_per_month` must be between 1 and 744 (found {hours})"
        ));
    }
    Ok(hours)
}
