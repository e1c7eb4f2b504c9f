//! What every service is made with: its declaration ([`ServiceDef`]), the
//! trait its component implements, what an evaluation reads ([`ctx`]),
//! how a quantity becomes a line item ([`bill`]), and Spot purchasing.

pub mod bill;
pub mod commitment;
pub mod ctx;
pub mod given;
pub mod schedule;
pub mod spot;
#[cfg(test)]
pub mod testing;
pub mod usage;

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::base::units::Duration;
use crate::model::dimension::{Dimension, Limit};
use crate::model::flow::InputKeys;
use crate::model::keys::{Invalid, Key, Values};
use crate::model::offer::Offer;
use crate::model::priced::Priced;
use crate::model::report::ComponentResult;

pub use ctx::{Ctx, EvalError};
use usage::Usage;

/// What the registry knows of a service.
pub struct ServiceDef {
    pub name: &'static str,
    pub title: &'static str,
    /// Other names AWS uses for it, old and short, as a scenario would
    /// write them (`kinesis_data_analytics` and `kda` for Managed Flink):
    /// a component that names one is refused with this service as the fix,
    /// so that a scenario names each service one way.
    pub aliases: &'static [&'static str],
    pub dimensions: &'static [&'static Dimension],
    pub limits: &'static [&'static Limit],
    /// The dimension priced by type from the table's catalogue
    /// (`[instances.<service>]`), not by `[prices]`: the type's row gives
    /// its unit price.
    pub catalogue: Option<&'static Dimension>,
    /// The AWS Price List offer that prices it, and what `calc pricing
    /// import` reads of it; `None` for a service AWS does not bill.
    pub offer: Option<&'static Offer>,
    /// Its keys, declared once: they drive parsing, the unknown-key
    /// suggestion, `calc services` and the JSON Schema.
    pub keys: &'static [&'static Key],
    pub functions: Functions,
    pub doc: &'static Doc,
    /// The keys of the records it consumes, if it consumes any.
    pub input: Option<&'static InputKeys>,
    /// Whether it emits records it is told to (`output_records_per_second`,
    /// `output_record_size`), passing on what it receives by default.
    pub transforms: bool,
}

impl ServiceDef {
    /// What a pricing table may hold for this service.
    pub const fn priced(&self) -> Priced {
        Priced {
            service: self.name,
            dimensions: self.dimensions,
            limits: self.limits,
            catalogue: self.catalogue,
            offer: self.offer,
        }
    }
}

impl std::fmt::Debug for ServiceDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ServiceDef({})", self.name)
    }
}

impl PartialEq for ServiceDef {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

/// What a service's key values do: they make a component afresh at each
/// evaluation, so that a value can be varied without reading the scenario
/// again. Made by [`Functions::of`] from the service's [`Component`].
#[derive(Clone, Copy)]
pub struct Functions {
    /// Whether the values make a component: only keys that exclude or need
    /// each other are refused.
    pub check: fn(&Values) -> Result<(), Invalid>,
    /// Capacity, bill, latency and limit checks for the component the
    /// values make, written into `result`, whose buffers are reused.
    pub evaluate: EvaluateIn<Decimal>,
    /// The same in floating point, for a Monte Carlo sample.
    pub sample: EvaluateIn<f64>,
    /// How the component's records reach a consumer of the service named.
    pub delivery: fn(&Values, &str) -> Result<Delivery, Invalid>,
    /// The component the values make, kept for evaluations at which they
    /// do not change.
    pub make: fn(&Values) -> Result<Box<dyn Made>, Invalid>,
}

impl Functions {
    /// The functions of a service whose keys' values make a `C`.
    pub const fn of<C: Component + 'static>() -> Self {
        Self {
            check: check::<C>,
            evaluate: evaluate::<C>,
            sample: sample::<C>,
            delivery: delivery::<C>,
            make: make::<C>,
        }
    }
}

/// A service's component: made from its keys' values, then evaluated.
pub trait Component: Sized {
    /// The component the values make, or why they make none.
    fn build(values: &Values) -> Result<Self, Invalid>;

    /// Capacity, bill, latency and limit checks, into `result`: in exact
    /// decimals for a report, in floats for a Monte Carlo sample, by the
    /// same formulas.
    fn evaluate_into<N: Number>(
        &self,
        ctx: &Ctx<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError>;

    /// How a consumer of service `consumer` receives its records: each
    /// record once, unless the service says otherwise (an SNS topic).
    fn delivery_to(&self, _consumer: &str) -> Delivery {
        Delivery::Every
    }
}

/// A component made once from its values, evaluated as often as the flow
/// into it changes, while they do not: what [`Functions::evaluate`] and
/// [`Functions::delivery`] do, without making it again each time.
pub trait Made {
    fn evaluate_into(&self, ctx: &Ctx, result: &mut ComponentResult) -> Result<(), EvalError>;
    fn sample_into(
        &self,
        ctx: &Ctx<f64>,
        result: &mut ComponentResult<f64>,
    ) -> Result<(), EvalError>;
    fn delivery_to(&self, consumer: &str) -> Delivery;
}

impl<C: Component> Made for C {
    fn evaluate_into(&self, ctx: &Ctx, result: &mut ComponentResult) -> Result<(), EvalError> {
        Component::evaluate_into(self, ctx, result)
    }

    fn sample_into(
        &self,
        ctx: &Ctx<f64>,
        result: &mut ComponentResult<f64>,
    ) -> Result<(), EvalError> {
        Component::evaluate_into(self, ctx, result)
    }

    fn delivery_to(&self, consumer: &str) -> Delivery {
        Component::delivery_to(self, consumer)
    }
}

fn make<C: Component + 'static>(values: &Values) -> Result<Box<dyn Made>, Invalid> {
    Ok(Box::new(C::build(values)?))
}

fn check<C: Component>(values: &Values) -> Result<(), Invalid> {
    C::build(values).map(drop)
}

fn evaluate<C: Component>(
    values: &Values,
    ctx: &Ctx,
    result: &mut ComponentResult,
) -> Result<(), EvalError> {
    // Checked when the values were set, so never expected to fail here.
    let component = C::build(values).map_err(|_| EvalError::Invalid)?;
    component.evaluate_into(ctx, result)
}

fn sample<C: Component>(
    values: &Values,
    ctx: &Ctx<f64>,
    result: &mut ComponentResult<f64>,
) -> Result<(), EvalError> {
    let component = C::build(values).map_err(|_| EvalError::Invalid)?;
    component.evaluate_into(ctx, result)
}

/// A number type a component is evaluated in: exact decimals, or floats
/// for a Monte Carlo sample.
pub trait Evaluated: Number {
    /// Evaluates `made` in this number type.
    fn made(
        made: &dyn Made,
        ctx: &Ctx<Self>,
        result: &mut ComponentResult<Self>,
    ) -> Result<(), EvalError>;

    /// What evaluates the component a service's values make, in this
    /// number type.
    fn evaluation(functions: &Functions) -> EvaluateIn<Self>;

    /// `ctx` in this number type, counting usage in `usage`.
    fn context<'a>(ctx: &Ctx<'a>, usage: &'a Usage<Self>) -> Ctx<'a, Self>;
}

/// A service's evaluation of the component its values make.
pub type EvaluateIn<N> = fn(&Values, &Ctx<N>, &mut ComponentResult<N>) -> Result<(), EvalError>;

impl Evaluated for Decimal {
    fn made(made: &dyn Made, ctx: &Ctx, result: &mut ComponentResult) -> Result<(), EvalError> {
        made.evaluate_into(ctx, result)
    }

    fn evaluation(functions: &Functions) -> EvaluateIn<Self> {
        functions.evaluate
    }

    fn context<'a>(ctx: &Ctx<'a>, usage: &'a Usage) -> Ctx<'a> {
        Ctx { usage, ..*ctx }
    }
}

impl Evaluated for f64 {
    fn made(
        made: &dyn Made,
        ctx: &Ctx<f64>,
        result: &mut ComponentResult<f64>,
    ) -> Result<(), EvalError> {
        made.sample_into(ctx, result)
    }

    fn evaluation(functions: &Functions) -> EvaluateIn<Self> {
        functions.sample
    }

    fn context<'a>(ctx: &Ctx<'a>, usage: &'a Usage<f64>) -> Ctx<'a, f64> {
        ctx.in_floats(usage)
    }
}

fn delivery<C: Component>(values: &Values, consumer: &str) -> Result<Delivery, Invalid> {
    Ok(C::build(values)?.delivery_to(consumer))
}

/// What `calc services` tells about a service: the properties architects
/// compare, the keys a component takes, and the rules behind the figures.
pub struct Doc {
    /// What it bills, for the README's table of services (Markdown).
    pub bills: &'static str,
    /// The capacity it reports, for the same table (Markdown).
    pub reports: &'static str,
    pub summary: &'static str,
    pub ordering: &'static str,
    pub retention: &'static str,
    pub replay: &'static str,
    pub latency: &'static str,
    pub scaling: &'static str,
    pub formulas: &'static [&'static str],
}

/// The usual way round a service's size limit, as help for its error.
pub const SPLIT_OR_POINTER: &str = "split the record, or store it in S3 and send a pointer";

/// How a component's records reach a consumer of one service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// Every record, once (a stream's consumers each read every record).
    Every,
    /// One copy per subscription of the consumer's kind (an SNS topic's
    /// `sqs_subscriptions` queues each get every message); `key` says how
    /// many.
    Copies { count: u32, key: &'static str },
    /// Not at all (SNS does not deliver to that service); `help` says
    /// what can stand between.
    Impossible { help: &'static str },
    /// As the files the producer writes (a stream processor's file sink
    /// into S3): what the producer reports as its `files`, not its records.
    Files,
}

impl Delivery {
    /// How many of each record the consumer receives.
    pub fn copies(self) -> Decimal {
        match self {
            Self::Every | Self::Files => Decimal::ONE,
            Self::Copies { count, .. } => Decimal::from(count),
            Self::Impossible { .. } => Decimal::ZERO,
        }
    }
}

/// The time a resource runs in the month, as `key` sets it: `None` for the
/// whole month; more than 0 h, else an error with `help` (how to say the
/// whole month instead). Billed by [`Ctx::hours_running`].
pub fn hours_running(
    values: &Values,
    key: &'static Key,
    help: &'static str,
) -> Result<Option<Duration>, Invalid> {
    match values.duration(key) {
        Some(hours) if hours <= Duration::ZERO => {
            Err(Invalid::new(key, format!("`{}` must be more than 0 h", key.name)).with_help(help))
        }
        hours => Ok(hours),
    }
}

/// Every key a component of `def` takes, in the order `calc services` and
/// the schema list them: its place in the flow, its input, its output, its own.
pub fn keys(def: &ServiceDef) -> impl Iterator<Item = &'static Key> {
    let input = def.input.map_or(&[][..], |keys| keys.all);
    let output = if def.transforms {
        crate::model::flow::OUTPUT_KEYS
    } else {
        &[]
    };
    [&crate::model::flow::ID, &crate::model::flow::FROM]
        .into_iter()
        .chain(input.iter().copied())
        .chain(output.iter().copied())
        .chain(def.keys.iter().copied())
}
