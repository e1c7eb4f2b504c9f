//! The JSON contract: stable keys (sorted), money unrounded, one object a run.
//! Documented in the README; extend it, never rename.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::{Map, Number, Value, json};

use super::text;
use crate::report::{AlternativeResult, CapacityValue, ComponentResult, Level, LineItem, Report};

pub fn render(report: &Report) -> String {
    let currency = &report.pricing.currency;
    let comparison: Vec<Value> = report
        .comparison()
        .into_iter()
        .enumerate()
        .map(|(rank, row)| {
            let alternative = &report.alternatives[row.index];
            json!({
                "rank": rank + 1,
                "name": &*alternative.name,
                "monthly_cost": decimal(alternative.monthly_cost),
                "ratio_to_cheapest": row
                    .ratio_to_cheapest
                    .map_or(Value::Null, |r| decimal(r.round_dp(6))),
                "feasible": alternative.feasible(),
                "verdict": alternative.verdict().as_str(),
            })
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
        "hours_per_month": decimal(report.hours_per_month),
        "free_tier": report.free_tier,
        "alternatives": report.alternatives.iter().map(|a| alternative(a, currency)).collect::<Vec<_>>(),
        "comparison": comparison,
    });
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}

fn alternative(alternative: &AlternativeResult, currency: &str) -> Value {
    let violations: Vec<Value> = alternative
        .all_violations()
        .map(|(component, v)| {
            json!({
                "requirement": v.requirement(),
                "component": component.map_or(Value::Null, |i| json!(i)),
                "message": text::violation(alternative, component, v, currency),
            })
        })
        .collect();
    json!({
        "name": &*alternative.name,
        "monthly_cost": decimal(alternative.monthly_cost),
        "latency_ms": decimal(alternative.latency.ms()),
        "feasible": alternative.feasible(),
        "verdict": alternative.verdict().as_str(),
        "violations": violations,
        "components": alternative.components.iter().map(|c| component(alternative, c)).collect::<Vec<_>>(),
    })
}

fn component(alternative: &AlternativeResult, component: &ComponentResult) -> Value {
    let capacity: Map<String, Value> = component
        .capacity
        .iter()
        .map(|c| {
            let value = match c.value {
                CapacityValue::Count(n) => json!(n),
                CapacityValue::Number(n) => decimal(n),
                CapacityValue::Bytes(b) => json!(b.0),
                CapacityValue::Duration(d) => decimal(d.ms()),
                CapacityValue::Key(k) => json!(k),
            };
            (c.key.to_string(), value)
        })
        .collect();
    let input = component.input;
    json!({
        "service": component.service,
        "id": component.id.as_deref(),
        "input": {
            "records_per_second": input.rate.map(|r| decimal(r.average)),
            "peak_records_per_second": input.rate.map(|r| decimal(r.peak)),
            "record_size": input.record_size.map(|s| s.0),
            "from": text::source(alternative, component.from),
        },
        "mode": component.mode,
        "monthly_cost": decimal(component.monthly_cost()),
        "latency_ms": decimal(component.latency.ms()),
        "capacity": capacity,
        "line_items": component.line_items.iter().map(line_item).collect::<Vec<_>>(),
        "notes": component.notes.iter().map(|n| json!({"code": n.code, "message": n.text, "level": match n.level { Level::Info => "info", Level::Warning => "warning" }})).collect::<Vec<_>>(),
    })
}

fn line_item(item: &LineItem) -> Value {
    let mut value = json!({
        "dimension": item.dimension.name(),
        "price_key": item.dimension.key,
        "quantity": decimal(item.quantity),
        "free_quantity": decimal(item.free_quantity),
        "unit": item.dimension.unit,
        "unit_price": decimal(item.unit_price),
        "monthly_cost": decimal(item.monthly_cost),
    });
    if !item.tiers.is_empty() {
        value["tiers"] = item
            .tiers
            .iter()
            .map(|t| json!({"quantity": decimal(t.quantity), "unit_price": decimal(t.unit_price), "cost": decimal(t.cost)}))
            .collect();
    }
    value
}

/// An exact JSON number: `1450.8`, never `1450.8000000001`.
fn decimal(value: Decimal) -> Value {
    Number::from_str(&value.normalize().to_string()).map_or(Value::Null, Value::Number)
}
