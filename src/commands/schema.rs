//! A JSON Schema of the scenario format, made from the same key declarations
//! that parse it, so that editors can complete and check scenario files.
//! `calc schema` prints it; `scenario.schema.json` is a copy a test keeps
//! current.

use serde_json::{Map, Value, json};

use crate::model::flow;
use crate::model::growth;
use crate::model::keys::{Default, Key, Kind};
use crate::model::requirements;
use crate::model::schedule::HourRange;
use crate::services::{self, ServiceDef};

pub fn schema() -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "calc scenario",
        "description": "A workload, optional requirements, and the alternative AWS architectures to compare.",
        "type": "object",
        "required": ["name", "alternatives"],
        "additionalProperties": false,
        "properties": {
            "name": { "type": "string", "description": "what the report is about" },
            "description": { "type": "string" },
            "pricing": {
                "type": "string",
                "description": "a bundled pricing table (aws-us-east-1 by default), or a path relative to the scenario"
            },
            "hours_per_month": {
                "type": "number",
                "minimum": 1,
                "maximum": 744,
                "default": 730,
                "description": "hours in the billing month (AWS's examples also use 720 and 744)"
            },
            "free_tier": { "type": "boolean", "default": false, "description": "apply AWS's free tiers" },
            "rounding": {
                "enum": ["none", "up_to_cent"],
                "default": "none",
                "description": "`up_to_cent` rounds each line item up to the cent, as some AWS examples do"
            },
            "choice": {
                "type": "string",
                "description": "the name of the alternative chosen: `calc check` holds it to the requirements, the others are context"
            },
            "workload": table(flow::RECORDS.all, "what the first component of each alternative receives"),
            "requirements": table(requirements::KEYS, "what every alternative is checked against"),
            "growth": growth(),
            "pricing_overrides": {
                "type": "object",
                "description": "unit prices that replace the table's",
                "propertyNames": { "enum": services::dimension_keys().collect::<Vec<_>>() },
                "additionalProperties": { "type": "number", "minimum": 0 }
            },
            "alternatives": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["name", "components"],
                    "additionalProperties": false,
                    "properties": {
                        "name": { "type": "string" },
                        "description": { "type": "string" },
                        "max_monthly_cost": {
                            "type": "number",
                            "minimum": 0,
                            "description": "this alternative's own budget, in place of [requirements]'s `max_monthly_cost`"
                        },
                        "components": {
                            "type": "array",
                            "minItems": 1,
                            "items": components()
                        }
                    }
                }
            }
        }
    })
}

/// `[growth]`: `rate` (a percentage a month, or a list of them) and the
/// declared keys.
fn growth() -> Value {
    let percentage = json!({
        "type": "string",
        "pattern": "^\\s*-?[0-9]+(\\.[0-9]+)?\\s*%\\s*(per month|a month|/month|monthly)?\\s*$",
        "examples": ["8% per month"]
    });
    let mut properties = properties(growth::KEYS.iter().copied());
    properties.insert(
        growth::RATE.name.to_string(),
        json!({
            "description": growth::RATE.doc,
            "oneOf": [
                percentage,
                { "type": "array", "minItems": 1, "maxItems": growth::MAX_MONTHS, "items": percentage }
            ]
        }),
    );
    json!({
        "type": "object",
        "description": "the workload's growth month by month: each month is evaluated with every rate scaled (month 1 is the scenario as written)",
        "required": [growth::RATE.name],
        "additionalProperties": false,
        "properties": properties,
    })
}

fn table(keys: &[&'static Key], description: &str) -> Value {
    json!({
        "type": "object",
        "description": description,
        "additionalProperties": false,
        "properties": properties(keys.iter().copied()),
    })
}

/// A component: its `service`, one of the services, selects the keys it
/// takes. Each service's keys apply by an `if`/`then` on the `service`
/// value, not as one of a `oneOf` of every service, so that a validator
/// (and an editor) says which key is unknown to that service ("`batchsize`
/// is not allowed"), not that the component matches none of them.
fn components() -> Value {
    let names: Vec<&str> = services::ALL.iter().map(|def| def.name).collect();
    let each: Vec<Value> = services::ALL
        .iter()
        .map(|def| {
            json!({
                "if": {
                    "properties": { "service": { "const": def.name } },
                    "required": ["service"]
                },
                "then": component(def)
            })
        })
        .collect();
    json!({
        "type": "object",
        "required": ["service"],
        "properties": {
            "service": { "enum": names, "description": "the AWS service this component is" }
        },
        "allOf": each
    })
}

/// One service's component: its `service` name and every key it takes.
fn component(def: &ServiceDef) -> Value {
    let mut properties = properties(services::kit::keys(def));
    for (table, fields) in groups(def) {
        properties.insert(
            table.to_string(),
            json!({
                "type": "object",
                "description": format!(
                    "{}, as one inline table (instead of {})",
                    table.replace('_', " "),
                    fields.iter().map(|(_, key)| format!("`{}`", key.name)).collect::<Vec<_>>().join(", ")
                ),
                "additionalProperties": false,
                "properties": fields
                    .iter()
                    .map(|(field, key)| (field.to_string(), property_with(key, false)))
                    .collect::<Map<String, Value>>(),
            }),
        );
    }
    properties.insert(
        "service".to_string(),
        json!({ "const": def.name, "description": def.doc.summary }),
    );
    json!({
        "title": def.title,
        "type": "object",
        "required": ["service"],
        "additionalProperties": false,
        "properties": properties,
    })
}

/// The inline tables a service's keys may be grouped in, each with its
/// fields and the key each stands for, in the order declared.
fn groups(def: &ServiceDef) -> Vec<(&'static str, Vec<(&'static str, &'static Key)>)> {
    let mut groups: Vec<(&'static str, Vec<(&'static str, &'static Key)>)> = Vec::new();
    for key in services::kit::keys(def) {
        let Some((table, field)) = key.grouped else {
            continue;
        };
        match groups.iter_mut().find(|(t, _)| *t == table) {
            Some((_, fields)) => fields.push((field, key)),
            None => groups.push((table, vec![(field, key)])),
        }
    }
    groups
}

fn properties(keys: impl Iterator<Item = &'static Key>) -> Map<String, Value> {
    keys.map(|key| (key.name.to_string(), property(key)))
        .collect()
}

/// One value as `one` describes it, or a range of such values.
/// A pattern that matches exactly the ranges of hours calc reads: each
/// start with the ends it may take, so that `"20-20"` (no hours) fails
/// here as it does in calc. Built from the reader itself.
fn hour_ranges() -> String {
    let starts: Vec<String> = (0..100u8)
        .filter_map(|start| {
            let ends: Vec<String> = (0..100u8)
                .map(|end| format!("{end:02}"))
                .filter(|end| format!("{start:02}-{end}").parse::<HourRange>().is_ok())
                .collect();
            (!ends.is_empty()).then(|| format!("{start:02}-({})", ends.join("|")))
        })
        .collect();
    format!("^({})$", starts.join("|"))
}

fn or_a_range(one: Value) -> Value {
    json!({
        "anyOf": [
            one,
            {
                "type": "object",
                "description": "a range for a Monte Carlo run: the report's figures take `expected`",
                "required": ["low", "expected", "high"],
                "additionalProperties": false,
                "properties": {
                    "low": one,
                    "expected": one,
                    "high": one,
                    "distribution": {
                        "enum": crate::model::spread::Distribution::NAMES,
                        "default": "pert"
                    }
                }
            }
        ]
    })
}

/// A key's schema: its type and range, its doc, and its default.
fn property(key: &Key) -> Value {
    property_with(key, true)
}

/// [`property`], taking a range (`{ low, expected, high }`) if `ranges`
/// and the key's kind does: a field of an inline table takes one value.
fn property_with(key: &Key, ranges: bool) -> Value {
    let mut value = match &key.kind {
        Kind::Rate => json!({
            "anyOf": [
                { "type": "number", "minimum": 0 },
                { "type": "string", "description": "a rate with a period, such as \"500/min\" or \"8.64M/day\"" }
            ]
        }),
        Kind::Number => json!({ "type": "number", "minimum": 0 }),
        Kind::Ratio => json!({ "type": "number", "minimum": 1 }),
        Kind::Count { min, max } => json!({ "type": "integer", "minimum": min, "maximum": max }),
        Kind::Size => json!({
            "anyOf": [
                { "type": "string", "description": "a size with a unit: B, KB, MB, GB, TB (powers of 1,024)" },
                { "type": "integer", "minimum": 0, "description": "bytes" }
            ]
        }),
        Kind::Duration => json!({
            "type": "string",
            "description": "a duration with a unit: ms, s, min, h, d, w"
        }),
        Kind::Durations { max } => json!({
            "type": "array",
            "items": { "type": "string" },
            "minItems": 1,
            "maxItems": max
        }),
        Kind::Choice(names) => json!({ "enum": names }),
        // Any type the scenario's pricing table prices: the default table's
        // are examples, not the only ones.
        Kind::Instance(service) => {
            let names: Vec<&str> = crate::pricing::compiled(crate::pricing::DEFAULT_TABLE)
                .map(|book| book.instances(service).iter().map(|row| row.name).collect())
                .unwrap_or_default();
            json!({ "type": "string", "examples": names })
        }
        Kind::Mix(names) => json!({
            "type": "object",
            "properties": names
                .iter()
                .map(|n| (n.to_string(), json!({ "type": "number", "minimum": 0, "maximum": 1 })))
                .collect::<serde_json::Map<_, _>>(),
            "additionalProperties": false,
            "minProperties": 1
        }),
        Kind::Flag => json!({ "type": "boolean" }),
        Kind::Day { .. } => json!({
            "type": "array",
            "items": { "type": "number", "minimum": 0 },
            "minItems": 24,
            "maxItems": 24
        }),
        Kind::Hours => json!({
            "type": "string",
            "pattern": hour_ranges(),
            "examples": ["08-20", "00-24", "22-06"]
        }),
        Kind::Text => json!({ "type": "string" }),
    };
    if ranges && key.kind.takes_a_range() {
        value = or_a_range(value);
    }
    let object = value.as_object_mut().expect("a schema is an object");
    let doc = match key.default_doc {
        Some(words) => format!("{} (default: {words})", key.doc),
        None => key.doc.to_string(),
    };
    object.insert("description".to_string(), json!(doc));
    match key.default {
        Default::None => {}
        Default::Text(text) => {
            object.insert("default".to_string(), json!(text));
        }
        Default::Integer(n) => {
            object.insert("default".to_string(), json!(n));
        }
        Default::Bool(b) => {
            object.insert("default".to_string(), json!(b));
        }
    }
    value
}
