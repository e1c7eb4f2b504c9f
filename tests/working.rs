//! `calc explain`'s working adds up: an evaluator of its own, written here
//! and calling no service, recomputes every step of every component of
//! every bundled scenario and verdict case from its expression, exactly,
//! and the steps end at the figures the report prints.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_decimal::prelude::*;
use serde_json::Value;

/// Where a number the working takes as given may come from: each has a
/// source a reader can check.
const KINDS: &[&str] = &[
    "key",
    "input",
    "stored",
    "limit",
    "price",
    "free_per_month",
    "free_per_hour",
    "used_before",
    "free_used_before",
    "hours_per_month",
    "rule",
];

fn decimal(value: &Value) -> Decimal {
    let text = match value {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        other => panic!("not a number: {other}"),
    };
    Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// Recomputes expressions; `steps` holds the values of the steps before.
struct Evaluator<'a> {
    steps: &'a [Decimal],
}

impl Evaluator<'_> {
    fn eval(&mut self, e: &Value) -> Decimal {
        let op = e["op"].as_str().expect("an op");
        let args: Vec<Decimal> = e["args"]
            .as_array()
            .map(|args| args.iter().map(|a| self.eval(a)).collect())
            .unwrap_or_default();
        let two = |f: fn(Decimal, Decimal) -> Option<Decimal>| {
            f(args[0], args[1]).unwrap_or_else(|| panic!("{op} overflows: {e}"))
        };
        match op {
            "given" => {
                let kind = e["given"]["kind"].as_str().expect("a kind");
                assert!(KINDS.contains(&kind), "a number given as {kind}: {e}");
                decimal(&e["value"])
            }
            "step" => self.steps[e["step"].as_u64().expect("a step") as usize],
            "add" => two(Decimal::checked_add),
            "sub" => two(Decimal::checked_sub),
            "mul" => two(Decimal::checked_mul),
            "div" => two(Decimal::checked_div),
            "ceil" => args[0].ceil(),
            "floor" => args[0].floor(),
            "up_to_cent" => args[0].round_dp_with_strategy(2, RoundingStrategy::ToPositiveInfinity),
            "max" | "min" => {
                // The first of equals binds.
                let mut binding = 0;
                for (i, value) in args.iter().enumerate() {
                    let better = if op == "max" {
                        *value > args[binding]
                    } else {
                        *value < args[binding]
                    };
                    if better {
                        binding = i;
                    }
                }
                assert_eq!(e["binding"], binding, "the binding term of {e}");
                args[binding]
            }
            "tiered" => tiered(args[0], args[1], &e["bands"]),
            other => panic!("unknown op `{other}`"),
        }
    }
}

/// The cost from `from` to `to` across price bands, each up to its bound.
fn tiered(from: Decimal, to: Decimal, bands: &Value) -> Decimal {
    let mut at = from;
    let mut cost = Decimal::ZERO;
    for band in bands.as_array().expect("bands") {
        let price = decimal(&band["price"]);
        let top = match &band["up_to"] {
            Value::Null => to,
            bound => decimal(bound).min(to),
        };
        if top > at {
            cost += (top - at) * price;
            at = top;
        }
    }
    assert_eq!(at, to, "bands that end before the usage does");
    cost
}

fn files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["scenarios", "tests/verdicts", "tests/worked"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.extension().is_some_and(|e| e == "toml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn json(args: &[&str]) -> Value {
    let outcome = calc::run(std::iter::once("calc").chain(args.iter().copied()));
    assert_eq!(outcome.code, 0, "calc {args:?}: {}", outcome.stderr);
    serde_json::from_str(&outcome.stdout).expect("JSON")
}

/// Checks one component's working against its report; the count of steps.
fn check_component(place: &str, working: &Value, reported: &Value) -> usize {
    let steps = working["explanation"].as_array().expect("steps");
    let mut values: Vec<Decimal> = Vec::new();
    for step in steps {
        let mut evaluator = Evaluator { steps: &values };
        let recomputed = evaluator.eval(&step["expression"]);
        let value = decimal(&step["value"]);
        assert_eq!(recomputed, value, "{place}: step {step}");
        values.push(value);
    }
    // Each line item ends at its quantity and cost, in the order charged.
    let mut by_figure: BTreeMap<(&str, &str), Vec<Decimal>> = BTreeMap::new();
    for (step, value) in steps.iter().zip(&values) {
        let key = (
            step["figure"].as_str().expect("a figure"),
            step["part"].as_str().expect("a part"),
        );
        by_figure.entry(key).or_default().push(*value);
    }
    let mut taken: BTreeMap<&str, usize> = BTreeMap::new();
    for item in reported["line_items"].as_array().expect("line items") {
        let key = item["price_key"].as_str().expect("a price key");
        let nth = taken.entry(key).or_default();
        for (part, field) in [("quantity", "quantity"), ("cost", "monthly_cost")] {
            let found = by_figure.get(&(key, part)).and_then(|v| v.get(*nth));
            assert_eq!(
                found.copied(),
                Some(decimal(&item[field])),
                "{place}: {key} {part}"
            );
        }
        *nth += 1;
    }
    // Each capacity figure reported has a step that ends at it.
    {
        for (key, value) in reported["capacity"].as_object().expect("capacity") {
            if !value.is_number() {
                continue;
            }
            let last = by_figure
                .get(&(key.as_str(), "capacity"))
                .and_then(|v| v.last());
            assert_eq!(
                last.copied(),
                Some(decimal(value)),
                "{place}: capacity {key}"
            );
        }
    }
    steps.len()
}

#[test]
fn every_step_of_every_bundled_working_recomputes_exactly() {
    let mut steps = 0;
    let mut components = 0;
    for file in files() {
        let path = file.to_str().expect("UTF-8");
        let explained = json(&["explain", "--format", "json", path]);
        let report = json(&["--format", "json", path]);
        let alternatives = explained["alternatives"].as_array().expect("alternatives");
        assert_eq!(
            alternatives.len(),
            report["alternatives"].as_array().unwrap().len()
        );
        for (a, alternative) in alternatives.iter().enumerate() {
            let reported = &report["alternatives"][a]["components"];
            for (c, working) in alternative["components"]
                .as_array()
                .unwrap()
                .iter()
                .enumerate()
            {
                let place = format!("{path}, alternative {a}, component {c}");
                steps += check_component(&place, working, &reported[c]);
                components += 1;
            }
        }
    }
    assert!(components > 60, "only {components} components");
    assert!(steps > 300, "only {steps} steps");
}

#[test]
fn the_evaluator_catches_a_trace_that_does_not_add_up() {
    // A test of the test: a step whose value is not what its expression
    // makes fails, as does a maximum whose binding term is not the greatest.
    let step = serde_json::json!({
        "op": "mul",
        "args": [
            { "op": "given", "value": 3, "unit": "shards", "given": { "kind": "rule" } },
            { "op": "given", "value": 730, "unit": "h", "given": { "kind": "hours_per_month" } }
        ]
    });
    let mut evaluator = Evaluator { steps: &[] };
    assert_eq!(evaluator.eval(&step), Decimal::from(2190));
    let wrong_binding = serde_json::json!({
        "op": "max",
        "binding": 0,
        "args": [
            { "op": "given", "value": 1, "unit": "", "given": { "kind": "rule" } },
            { "op": "given", "value": 2, "unit": "", "given": { "kind": "rule" } }
        ]
    });
    let caught = std::panic::catch_unwind(|| Evaluator { steps: &[] }.eval(&wrong_binding));
    assert!(caught.is_err());
    // 5 to 25 across bands of 10 at $2, 10 at $1, the rest at $0.50.
    let bands = serde_json::json!([
        { "up_to": 10, "price": 2 },
        { "up_to": 20, "price": 1 },
        { "up_to": null, "price": 0.5 }
    ]);
    assert_eq!(
        tiered(Decimal::from(5), Decimal::from(25), &bands),
        Decimal::new(225, 1)
    );
}
