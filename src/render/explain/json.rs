//! `calc explain --format json`: every step of every component shown, with
//! its value and an expression tree from which the value can be computed
//! again (documented in the README).

use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::derivation::{self, Style};
use crate::commands::explain::Explained;
use crate::model::working::{Given, NodeId, Op, Working};
use crate::render::json::{Exact, to_string};
use crate::render::text;

pub fn render(explained: &Explained) -> String {
    let report = &explained.report;
    let style = Style {
        currency: &report.pricing.currency,
    };
    let alternatives: Vec<Value> = explained
        .shown
        .iter()
        .map(|(a, components)| {
            let alternative = &report.alternatives[*a];
            let components: Vec<Value> = components
                .iter()
                .map(|&c| {
                    let component = &alternative.components[c];
                    let working = &component.working;
                    let steps: Vec<Value> = (0..working.steps.len())
                        .map(|i| step(working, i, style))
                        .collect();
                    json!({
                        "index": c,
                        "id": component.id.as_deref(),
                        "service": component.service,
                        "mode": component.mode,
                        "from": text::source(alternative, component.from),
                        "explanation": steps,
                    })
                })
                .collect();
            json!({ "name": &*alternative.name, "components": components })
        })
        .collect();
    let document = json!({
        "scenario": report.scenario,
        "pricing": {
            "name": report.pricing.name,
            "region": report.pricing.region,
            "currency": report.pricing.currency,
            "as_of": report.pricing.as_of,
        },
        "hours_per_month": number(report.hours_per_month),
        "alternatives": alternatives,
    });
    to_string(&document)
}

fn number(value: Decimal) -> Value {
    serde_json::to_value(Exact(value)).unwrap_or(Value::Null)
}

fn step(working: &Working, index: usize, style: Style) -> Value {
    let step = &working.steps[index];
    let unit = match step.part {
        crate::model::working::Part::Cost => style.currency,
        _ => step.unit,
    };
    json!({
        "figure": step.figure,
        "part": step.part.as_str(),
        "text": derivation::text(working, index, style),
        "value": number(working.node(step.node).value),
        "unit": unit,
        "expression": Expression { working, before: index }.of(step.node, true),
    })
}

/// An expression tree, a node a JSON object; a node an earlier step names
/// is a reference to that step.
struct Expression<'a> {
    working: &'a Working,
    /// The steps before this one, which it may refer to.
    before: usize,
}

impl Expression<'_> {
    fn of(&self, id: NodeId, root: bool) -> Value {
        if !root
            && let Some(step) = self.working.steps[..self.before]
                .iter()
                .position(|s| s.node == id)
        {
            return json!({ "op": "step", "step": step });
        }
        let node = self.working.node(id);
        let args =
            |ids: &[NodeId]| -> Vec<Value> { ids.iter().map(|&a| self.of(a, false)).collect() };
        let mut object = Map::new();
        let (op, terms): (&str, Vec<Value>) = match &node.op {
            Op::Leaf(leaf) => {
                object.insert("value".into(), number(node.value));
                object.insert("unit".into(), Value::from(leaf.unit));
                object.insert("given".into(), given(&leaf.source));
                ("given", Vec::new())
            }
            Op::Add(a, b) => ("add", args(&[*a, *b])),
            Op::Sub(a, b) => ("sub", args(&[*a, *b])),
            Op::Mul(a, b) => ("mul", args(&[*a, *b])),
            Op::Div(a, b) => ("div", args(&[*a, *b])),
            Op::Ceil(a) => ("ceil", args(&[*a])),
            Op::Floor(a) => ("floor", args(&[*a])),
            Op::UpToCent(a) => ("up_to_cent", args(&[*a])),
            Op::Max { terms, binding } | Op::Min { terms, binding } => {
                object.insert("binding".into(), Value::from(*binding));
                let op = if matches!(node.op, Op::Max { .. }) {
                    "max"
                } else {
                    "min"
                };
                (op, args(terms))
            }
            Op::Tiered {
                from, to, bands, ..
            } => {
                let bands: Vec<Value> = bands
                    .iter()
                    .map(|band| {
                        json!({
                            "up_to": band.up_to.map(number),
                            "price": number(band.price),
                        })
                    })
                    .collect();
                object.insert("bands".into(), Value::from(bands));
                ("tiered", args(&[*from, *to]))
            }
        };
        object.insert("op".into(), Value::from(op));
        if !terms.is_empty() {
            object.insert("args".into(), Value::from(terms));
        }
        Value::Object(object)
    }
}

/// Where a number given comes from, as data.
fn given(source: &Given) -> Value {
    match source {
        Given::Key(key) => json!({ "kind": "key", "key": key.name }),
        Given::Input(key) => json!({ "kind": "input", "key": key.name }),
        Given::Stored => json!({ "kind": "stored" }),
        Given::Limit(limit) => json!({ "kind": "limit", "key": limit.key }),
        Given::Price {
            dimension,
            row,
            set,
            source,
            as_of,
            evidence,
        } => json!({
            "kind": "price",
            "key": dimension.key,
            "row": row,
            "set": set,
            "source": source,
            "as_of": as_of,
            "evidence": evidence,
        }),
        Given::FreePerMonth(d) => json!({ "kind": "free_per_month", "key": d.key }),
        Given::FreePerHour(d) => json!({ "kind": "free_per_hour", "key": d.key }),
        Given::UsedBefore(d) => json!({ "kind": "used_before", "key": d.key }),
        Given::FreeUsedBefore(key) => json!({ "kind": "free_used_before", "key": key }),
        Given::Hours => json!({ "kind": "hours_per_month" }),
        Given::Rule(what) => json!({ "kind": "rule", "what": what }),
    }
}
