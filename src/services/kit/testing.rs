//! A pricing table and helpers for the services' unit tests.

use rust_decimal::Decimal;

use crate::base::number::Number;

use super::usage::Usage;
use super::{Component, Ctx, EvalError, ServiceDef};
use crate::base::units::Bytes;
use crate::model::flow::{Flow, Rate};
use crate::model::keys::{Invalid, Key, Value, Values};
use crate::model::report::{ComponentResult, LineItem};
use crate::model::traced::Traced;
use crate::pricing::{self, PriceBook};

pub fn prices() -> &'static PriceBook {
    pricing::compiled(pricing::DEFAULT_TABLE).expect("bundled table")
}

/// A figure a test gives a formula directly.
pub fn figure(value: Decimal) -> Traced {
    Traced::rule(value, "", "a figure of the test")
}

pub fn ctx(hours: Decimal) -> Ctx<'static> {
    Ctx {
        prices: prices(),
        hours,
        free_tier: false,
        round_up_to_cent: false,
        usage: Box::leak(Box::default()),
        input: crate::model::flow::Flow::NOTHING,
        keys: &crate::model::flow::RECORDS,
        prices_set: crate::services::kit::ctx::PricesSet::NONE,
        required_retention: None,
    }
}

/// A component's inputs together with what flows into it, for tests that
/// evaluate one service alone.
pub struct Fed<T> {
    pub input: T,
    pub flow: Flow,
    evaluate: Evaluate<T>,
}

type Evaluate<T> = fn(&T, &Ctx, &mut ComponentResult) -> Result<(), EvalError>;

impl<T> Fed<T> {
    pub fn new(input: T, flow: Flow, evaluate: Evaluate<T>) -> Self {
        Self {
            input,
            flow,
            evaluate,
        }
    }

    pub fn evaluate(&self, ctx: &Ctx) -> Result<ComponentResult, EvalError> {
        let mut result = ComponentResult::empty();
        let ctx = Ctx {
            input: self.flow,
            ..*ctx
        };
        (self.evaluate)(&self.input, &ctx, &mut result)?;
        Ok(result)
    }
}

impl<T> std::ops::Deref for Fed<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.input
    }
}

impl<T> std::ops::DerefMut for Fed<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.input
    }
}

/// A component of `def` built from its keys' defaults, with `set`
/// written over them, as a scenario would give them.
pub fn built<C: Component>(def: &ServiceDef, set: &[(&'static Key, Value)]) -> Result<C, Invalid> {
    C::build(&Values::new(def.keys, &values(def, set)))
}

/// Whether the values [`built`] takes make a component of `def`, whatever
/// its type.
pub fn checked(def: &ServiceDef, set: &[(&'static Key, Value)]) -> Result<(), Invalid> {
    (def.functions.check)(&Values::new(def.keys, &values(def, set)))
}

fn values(def: &ServiceDef, set: &[(&'static Key, Value)]) -> Vec<Value> {
    def.keys
        .iter()
        .map(|key| {
            set.iter()
                .find(|(k, _)| std::ptr::eq(*k, *key))
                .map_or_else(|| key.default_parsed().unwrap(), |(_, v)| v.clone())
        })
        .collect()
}

/// One service's component evaluated alone, for a test to read the result.
pub trait Alone {
    fn evaluate(&self, ctx: &Ctx) -> Result<ComponentResult, EvalError>;
}

impl<C: Component> Alone for C {
    fn evaluate(&self, ctx: &Ctx) -> Result<ComponentResult, EvalError> {
        let mut result = ComponentResult::empty();
        self.evaluate_into(ctx, &mut result)?;
        Ok(result)
    }
}

/// A steady flow of `rate` records a second of `size`.
pub fn steady(rate: Decimal, size: Bytes) -> Flow {
    Flow::new(Rate::flat(rate), Some(size))
}

pub fn item<'a>(result: &'a ComponentResult, name: &str) -> &'a LineItem {
    result
        .line_items
        .iter()
        .find(|item| item.dimension.name() == name)
        .unwrap_or_else(|| panic!("no line item `{name}` in {:?}", result.line_items))
}

/// Evaluates `component`, fed `flow`, in exact decimals and in floats,
/// and checks that the two agree: the same line items, each cost and
/// quantity within 1e-9 of the exact one (relative, or absolute below 1),
/// violations of the same kinds, the same notes, the same flow passed on
/// and the same latency (within 1e-9 too); or the same error.
pub fn floats_agree<C: Component>(component: &C, flow: Flow, ctx: &Ctx) {
    let ctx = Ctx {
        input: flow,
        ..*ctx
    };
    let mut exact = ComponentResult::empty();
    let exact = component.evaluate_into(&ctx, &mut exact).map(|()| exact);
    let usage = Usage::default();
    let mut floats = ComponentResult::<f64>::empty();
    let floats = component
        .evaluate_into(&ctx.in_floats(&usage), &mut floats)
        .map(|()| floats);
    let (exact, floats) = match (exact, floats) {
        (Ok(exact), Ok(floats)) => (exact, floats),
        (Err(exact), Err(floats)) => return assert_eq!(exact, floats),
        (exact, floats) => panic!("exactly {exact:?}, in floats {floats:?}"),
    };
    let close = |what: &str, exact: Decimal, float: f64| {
        let of = f64::of(exact);
        assert!(
            (of - float).abs() <= 1e-9 * of.abs().max(1.0),
            "{what}: exactly {exact}, in floats {float}"
        );
    };
    assert_eq!(exact.line_items.len(), floats.line_items.len());
    for (e, f) in exact.line_items.iter().zip(&floats.line_items) {
        assert_eq!(e.dimension.key, f.dimension.key);
        close(e.dimension.key, e.quantity, f.quantity);
        close(e.dimension.key, e.monthly_cost, f.monthly_cost);
    }
    // The same violations; the figures they quote are the floats' own.
    let kinds = |v: &[crate::model::report::Violation]| -> Vec<_> {
        v.iter().map(std::mem::discriminant).collect()
    };
    assert_eq!(
        kinds(&exact.violations),
        kinds(&floats.violations),
        "exactly {:?}, in floats {:?}",
        exact.violations,
        floats.violations
    );
    let notes = |notes: &[crate::model::report::Note]| -> Vec<_> {
        notes.iter().map(|n| (n.code, n.level)).collect()
    };
    assert_eq!(notes(&exact.notes), notes(&floats.notes), "the notes");
    let exact_rate = exact.output.and_then(|f| f.rate);
    match (exact_rate, floats.output.and_then(|f| f.rate)) {
        (Some(e), Some(f)) => {
            close("average passed on", e.average, f.average);
            close("peak passed on", e.peak, f.peak);
        }
        (e, f) => assert!(
            e.is_none() && f.is_none(),
            "passed on {e:?}, in floats {f:?}"
        ),
    }
    // A latency worked out from the flow (a buffer's fill time) is in
    // floats until it is put in milliseconds.
    close("latency", exact.latency.ms(), f64::of(floats.latency.ms()));
}
