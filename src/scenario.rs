//! The scenario file: a workload, requirements, and the alternatives to compare.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Source, Span};
use crate::fields::{Choice, Entry, Fields, ParseCtx, Sp, check_rate};
use crate::number::Dec;
use crate::pricing::{self, NamedBy, PriceBook};
use crate::report::Ordering;
use crate::services::{self, Input};
use crate::units::{Bytes, Duration};

/// A scenario, read and checked, ready to evaluate.
#[derive(Debug)]
pub struct Scenario {
    pub name: String,
    pub hours_per_month: Decimal,
    pub free_tier: bool,
    pub round_up_to_cent: bool,
    pub requirements: Requirements,
    pub prices: PriceBook,
    pub alternatives: Vec<Alternative>,
    pub source: Source,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Requirements {
    pub max_latency: Option<Duration>,
    pub max_monthly_cost: Option<Decimal>,
    pub ordering: Option<Ordering>,
    pub retention: Option<Duration>,
    pub replay: bool,
    pub max_message_size: Option<Bytes>,
    pub max_job_duration: Option<Duration>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Alternative {
    pub name: String,
    pub components: Vec<Component>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Component {
    pub span: Span,
    pub input: Input,
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
    #[serde(default)]
    workload: RawWorkload,
    #[serde(default)]
    requirements: RawRequirements,
    #[serde(default)]
    pricing_overrides: BTreeMap<Spanned<String>, Spanned<Dec>>,
    alternatives: Spanned<Vec<RawAlternative>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawWorkload {
    records_per_second: Option<Spanned<Dec>>,
    record_size: Option<Spanned<SizeText>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRequirements {
    max_latency: Option<Spanned<String>>,
    max_monthly_cost: Option<Spanned<Dec>>,
    ordering: Option<Spanned<String>>,
    retention: Option<Spanned<String>>,
    #[serde(default)]
    replay: bool,
    max_message_size: Option<Spanned<SizeText>>,
    max_job_duration: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAlternative {
    name: String,
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
    components: Spanned<Vec<Spanned<RawComponent>>>,
}

/// A size as written: a string with a unit, or a bare number of bytes.
#[derive(Deserialize)]
#[serde(untagged)]
enum SizeText {
    Text(String),
    Bytes(i64),
}

/// A component's keys and values with their places, for the service to read.
struct RawComponent(Vec<(Spanned<String>, Spanned<toml::Value>)>);

impl<'de> Deserialize<'de> for RawComponent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ComponentVisitor;

        impl<'de> Visitor<'de> for ComponentVisitor {
            type Value = RawComponent;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table such as { service = \"kinesis_data_streams\" }")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawComponent, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    entries.push((key, map.next_value()?));
                }
                Ok(RawComponent(entries))
            }
        }

        deserializer.deserialize_map(ComponentVisitor)
    }
}

/// Reads the scenario at `path` and the pricing table it names.
pub fn load(path: &Path, overrides: &Overrides) -> Result<Scenario, Diagnostic> {
    let source = crate::files::read(path, "")?;
    parse(source, path.parent().unwrap_or(Path::new(".")), overrides)
}

/// Parses a scenario's text; `dir` is where a relative pricing path is found.
pub fn parse(source: Source, dir: &Path, overrides: &Overrides) -> Result<Scenario, Diagnostic> {
    let raw: RawScenario = toml::from_str(&source.text).map_err(|e| source.toml_error(&e))?;

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

    let mut prices = load_pricing(&source, dir, raw.pricing.as_ref(), overrides)?;
    for (key, price) in &raw.pricing_overrides {
        let dimension = services::dimension(key.get_ref()).ok_or_else(|| {
            source
                .error(
                    key.span().into(),
                    format!("unknown price `{}`", key.get_ref()),
                )
                .suggesting(key.get_ref(), services::dimension_keys())
        })?;
        let value = price.get_ref().0;
        if value.is_sign_negative() && !value.is_zero() {
            return Err(source.error(price.span().into(), "prices cannot be negative"));
        }
        prices.override_price(dimension.key, value, dimension.unit);
    }

    let requirements = requirements(&source, raw.requirements)?;

    let workload = &raw.workload;
    let records_per_second = workload
        .records_per_second
        .as_ref()
        .map(|r| {
            check_rate("records_per_second", r.get_ref().0)
                .map(|value| Sp {
                    value,
                    span: r.span().into(),
                })
                .map_err(|e| source.error(r.span().into(), e))
        })
        .transpose()?;
    let record_size = workload
        .record_size
        .as_ref()
        .map(|s| size(&source, s))
        .transpose()?;

    if raw.alternatives.get_ref().is_empty() {
        return Err(source.error(
            raw.alternatives.span().into(),
            "a scenario needs at least one alternative",
        ));
    }
    let mut alternatives = Vec::new();
    for alternative in raw.alternatives.into_inner() {
        if alternative.components.get_ref().is_empty() {
            return Err(source.error(
                alternative.components.span().into(),
                format!("alternative `{}` has no components", alternative.name),
            ));
        }
        let mut components = Vec::new();
        for component in alternative.components.into_inner() {
            let span: Span = component.span().into();
            let ctx = ParseCtx {
                records_per_second,
                record_size,
                prices: &prices,
                span,
            };
            components.push(Component {
                span,
                input: parse_component(&source, component.into_inner(), &ctx)?,
            });
        }
        alternatives.push(Alternative {
            name: alternative.name,
            components,
        });
    }

    Ok(Scenario {
        name: raw.name,
        hours_per_month,
        free_tier: raw.free_tier,
        round_up_to_cent,
        requirements,
        prices,
        alternatives,
        source,
    })
}

fn requirements(source: &Source, raw: RawRequirements) -> Result<Requirements, Diagnostic> {
    let duration = |text: Option<Spanned<String>>| {
        text.map(|t| {
            t.get_ref()
                .parse()
                .map_err(|e: String| source.error(t.span().into(), e))
        })
        .transpose()
    };
    let ordering = raw
        .ordering
        .map(|o| {
            Ordering::CHOICES
                .iter()
                .find(|(name, _)| name == o.get_ref())
                .map(|(_, ordering)| *ordering)
                .ok_or_else(|| {
                    source
                        .error(
                            o.span().into(),
                            format!("unknown ordering `{}`", o.get_ref()),
                        )
                        .suggesting(o.get_ref(), Ordering::CHOICES.iter().map(|(n, _)| *n))
                        .or_help("expected `none`, `per_key` or `total`")
                })
        })
        .transpose()?;
    let max_monthly_cost = raw
        .max_monthly_cost
        .map(|c| {
            let value = c.get_ref().0;
            if value.is_sign_negative() {
                return Err(source.error(c.span().into(), "`max_monthly_cost` cannot be negative"));
            }
            Ok(value)
        })
        .transpose()?;
    Ok(Requirements {
        max_latency: duration(raw.max_latency)?,
        max_monthly_cost,
        ordering,
        retention: duration(raw.retention)?,
        replay: raw.replay,
        max_message_size: raw
            .max_message_size
            .map(|s| size(source, &s))
            .transpose()?
            .map(|s| s.value),
        max_job_duration: duration(raw.max_job_duration)?,
    })
}

fn size(source: &Source, text: &Spanned<SizeText>) -> Result<Sp<Bytes>, Diagnostic> {
    let parsed = match text.get_ref() {
        SizeText::Text(t) => t.parse::<Bytes>(),
        SizeText::Bytes(n) => Bytes::from_integer(*n),
    };
    parsed
        .map(|value| Sp {
            value,
            span: text.span().into(),
        })
        .map_err(|e| source.error(text.span().into(), e))
}

fn parse_component(
    source: &Source,
    raw: RawComponent,
    ctx: &ParseCtx,
) -> Result<Input, Diagnostic> {
    let mut entries: Vec<Entry> = raw
        .0
        .into_iter()
        .map(|(key, value)| Entry {
            key_span: key.span().into(),
            key: key.into_inner(),
            value_span: value.span().into(),
            value: value.into_inner(),
        })
        .collect();
    let position = entries
        .iter()
        .position(|e| e.key == "service")
        .ok_or_else(|| {
            let listed: Vec<String> = services::names().map(|n| format!("`{n}`")).collect();
            source
                .error(ctx.span, "a component needs a `service`")
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
    let mut fields = Fields::new(source, def.name, entries);
    let input = (def.parse)(&mut fields, ctx)?;
    fields.finish()?;
    Ok(input)
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
        (Some(table), _) => pricing::load(table, NamedBy::CommandLine),
        (None, Some(table)) => pricing::load(table.get_ref(), by_scenario).map_err(|error| {
            // A table that cannot be found is the scenario's mistake: point at it.
            if error.file.is_none() {
                let mut located = scenario.error(table.span().into(), error.message);
                located.help = error.help;
                located
            } else {
                error
            }
        }),
        (None, None) => pricing::load(pricing::DEFAULT_TABLE, by_scenario),
    }
}

fn check_hours(hours: Decimal) -> Result<Decimal, String> {
    if hours <= Decimal::ZERO || hours > Decimal::from(744) {
        return Err(format!(
            "`hours_per_month` must be more than 0 and at most 744 (found {hours})"
        ));
    }
    Ok(hours)
}
