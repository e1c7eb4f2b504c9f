//! The AWS services `calc` models, one module each. A module holds the
//! service's inputs, its capacity rules, its line items, the latency it adds
//! and its limit checks; adding a service is a new module and one line in
//! `services!` below.

use rust_decimal::Decimal;

use crate::base::number::Exact;
use crate::base::units::{Bytes, Duration};
use crate::bill::Usage;
use crate::model::dimension::{Dimension, Limit};
use crate::model::flow::{Flow, InputKeys, Rate};
use crate::model::keys::{Invalid, Key, Value, Values};
use crate::model::report::ComponentResult;
use crate::pricing::{LimitValue, PriceBook};

/// The service whose catalogue prices `dimension` by type, if one does:
/// its own `rows`, or for a service's own catalogue dimension, the service.
pub fn catalogue_service(dimension: &Dimension, def: &ServiceDef) -> Option<&'static str> {
    dimension
        .rows
        .or_else(|| (def.catalogue == Some(dimension)).then_some(def.name))
}

/// What the registry knows of a service.
pub struct ServiceDef {
    pub name: &'static str,
    pub title: &'static str,
    pub dimensions: &'static [&'static Dimension],
    pub limits: &'static [&'static Limit],
    /// The dimension priced by type from the table's catalogue
    /// (`[instances.<service>]`), not by `[prices]`: the type's row gives
    /// its unit price.
    pub catalogue: Option<&'static Dimension>,
    pub parse: Parse,
    pub doc: &'static Doc,
    /// The keys of the records it consumes, if it consumes any.
    pub input: Option<&'static InputKeys>,
    /// Whether it emits records it is told to (`output_records_per_second`,
    /// `output_record_size`), passing on what it receives by default.
    pub transforms: bool,
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

/// A service's keys, declared once, and how their values make a component.
/// Their values, checked and defaulted, make a component through `build` at
/// each evaluation, so that a value can be varied without reading the
/// scenario again.
pub struct Parse {
    pub keys: &'static [&'static Key],
    pub build: fn(&Values) -> Result<Input, Invalid>,
}

/// What `calc services` tells about a service: the properties architects
/// compare, the keys a component takes, and the rules behind the figures.
pub struct Doc {
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

/// A price or limit that an evaluation needed and the pricing table lacks, or
/// a quantity no price covers. Never a silent zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvalError {
    MissingPrice(&'static Dimension),
    /// The table's catalogue has no row for the component's type.
    MissingRow(&'static Dimension),
    /// The type's row in the catalogue lacks its `vcpu` or `memory`, which
    /// packing jobs onto it needs.
    MissingSpec(&'static Dimension),
    MissingLimit(&'static Limit),
    /// The quantity runs past the last tier of a tiered price.
    BeyondLastTier(&'static Dimension),
    /// A limit has the wrong kind of value for its use.
    LimitKind(&'static Limit),
    Overflow(&'static Dimension),
    /// The component needs a rate (or a record size) that neither it, nor
    /// the flow into it, nor the workload gives.
    MissingRate,
    MissingSize,
    /// Athena has no `table_size` and no store before it to read.
    MissingStored,
    /// A component's own peak is below the average it receives.
    PeakBelowAverage(Rate),
    /// A figure of the component's does not fit in exact decimals (28
    /// digits): the scenario's rates, sizes or prices are too large.
    Arithmetic,
    /// A component's values no longer make a component (a varied value
    /// clashes with another); checked when they are set, so never expected.
    Invalid,
}

impl From<crate::base::number::TooLarge> for EvalError {
    fn from(_: crate::base::number::TooLarge) -> Self {
        Self::Arithmetic
    }
}

/// What every service's evaluation reads: the prices, the month and the options.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub prices: &'a PriceBook,
    pub hours: Decimal,
    pub free_tier: bool,
    pub round_up_to_cent: bool,
    /// What the alternative's earlier components used, for shared free and price tiers.
    pub usage: &'a Usage,
    /// What this component receives, its own figures applied.
    pub input: Flow,
    /// Unit prices set over the table's, one slot per dimension of
    /// [`dimensions`] ([`Value::Absent`] where the table's holds).
    pub prices_set: &'a [Value],
}

impl Ctx<'_> {
    pub fn seconds(&self) -> Decimal {
        self.hours * Decimal::from(3600)
    }

    /// How many `unit`s a month `per_second` comes to (`MILLION` for
    /// requests priced by the million, `GIB` bytes for GB).
    pub fn monthly(&self, per_second: Decimal, unit: Decimal) -> Result<Decimal, EvalError> {
        Ok(per_second.times(self.seconds())?.per(unit)?)
    }

    /// Hours a resource runs in the month: `running` if set (longer than
    /// the month is billed as the month, with a note), else the whole month.
    pub fn hours_running(
        &self,
        running: Option<Duration>,
        result: &mut ComponentResult,
    ) -> Decimal {
        match running {
            Some(running) if running.hours() > self.hours => {
                result.note(
                    "hours_running_over_month",
                    "`hours_running` is longer than the month: calc bills the whole month",
                );
                self.hours
            }
            Some(running) => running.hours(),
            None => self.hours,
        }
    }

    /// A value the design sets (a retention, a buffer, a memory size),
    /// given in its limits' kind (a count, bytes, or milliseconds), checked
    /// against the range the table's `min` and `max` limits allow: outside
    /// it, a violation with the fix for its side. The component is still
    /// priced as set.
    pub fn within(
        &self,
        value: Decimal,
        (min, under): (&'static Limit, &'static str),
        (max, over): (&'static Limit, &'static str),
        result: &mut ComponentResult,
    ) -> Result<(), EvalError> {
        let amount = |v: LimitValue| Some(v.amount());
        let (lowest, highest) = (self.limit(min, amount)?, self.limit(max, amount)?);
        if value < lowest {
            result.violate_below(min, value, lowest, under);
        }
        if value > highest {
            result.violate(max, value, highest, over);
        }
        Ok(())
    }

    /// The rate this component receives.
    pub fn rate(&self) -> Result<Rate, EvalError> {
        self.input.rate.ok_or(EvalError::MissingRate)
    }

    /// The size of each record this component receives.
    pub fn record_size(&self) -> Result<Bytes, EvalError> {
        self.input.record_size.ok_or(EvalError::MissingSize)
    }

    pub fn count(&self, limit: &'static Limit) -> Result<Decimal, EvalError> {
        self.limit(limit, LimitValue::count)
    }

    pub fn bytes(&self, limit: &'static Limit) -> Result<Bytes, EvalError> {
        self.limit(limit, LimitValue::bytes)
    }

    pub fn duration(&self, limit: &'static Limit) -> Result<Duration, EvalError> {
        self.limit(limit, LimitValue::duration)
    }

    /// A limit from the table, of the kind `pick` takes. The table's loader
    /// already checked each limit's kind, so `LimitKind` is a safeguard.
    fn limit<T>(
        &self,
        limit: &'static Limit,
        pick: fn(LimitValue) -> Option<T>,
    ) -> Result<T, EvalError> {
        let entry = self
            .prices
            .limit_of(limit)
            .ok_or(EvalError::MissingLimit(limit))?;
        pick(entry.value).ok_or(EvalError::LimitKind(limit))
    }
}

// The modules are declared here, outside `services!`, so that rustfmt sees them.
pub mod athena;
pub mod batch;
pub mod data_transfer;
pub mod documentdb;
pub mod dynamodb;
pub mod ec2;
pub mod emr;
pub mod eventbridge;
pub mod fargate;
pub mod firehose;
pub mod glue;
pub mod kinesis_data_streams;
pub mod lambda;
pub mod managed_flink;
pub mod msk;
pub mod quicksight;
pub mod redshift;
pub mod s3;
pub mod sns;
pub mod spot;
pub mod sqs;
pub mod timestream;

macro_rules! services {
    ($($module:ident => $variant:ident,)*) => {
        /// A component's validated inputs.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Input {
            $($variant($module::Input),)*
        }

        impl Input {
            /// Capacity, bill, latency and limit checks for one component.
            /// Evaluates into `result`, whose buffers are reused.
            pub fn evaluate_into(
                &self,
                ctx: &Ctx,
                result: &mut ComponentResult,
            ) -> Result<(), EvalError> {
                match self {
                    $(Self::$variant(input) => input.evaluate_into(ctx, result),)*
                }
            }

            /// Capacity, bill, latency and limit checks for one component.
            pub fn evaluate(&self, ctx: &Ctx) -> Result<ComponentResult, EvalError> {
                let mut result = ComponentResult::empty();
                self.evaluate_into(ctx, &mut result)?;
                Ok(result)
            }

            pub fn def(&self) -> &'static ServiceDef {
                match self {
                    $(Self::$variant(_) => &$module::SERVICE,)*
                }
            }
        }

        /// Every service, in the order `calc services` lists them.
        pub const ALL: &[&ServiceDef] = &[$(&$module::SERVICE,)*];
    };
}

services! {
    kinesis_data_streams => KinesisDataStreams,
    firehose => Firehose,
    managed_flink => ManagedFlink,
    msk => Msk,
    sqs => Sqs,
    sns => Sns,
    eventbridge => EventBridge,
    lambda => Lambda,
    dynamodb => DynamoDb,
    s3 => S3,
    ec2 => Ec2,
    athena => Athena,
    glue => Glue,
    emr => Emr,
    fargate => Fargate,
    batch => Batch,
    redshift => Redshift,
    documentdb => DocumentDb,
    timestream => Timestream,
    quicksight => QuickSight,
    data_transfer => DataTransfer,
}

/// How a component's records reach a consumer of one service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// Every record, once (a stream's consumers each read every record).
    Every,
    /// One copy per subscription of the consumer's kind (an SNS topic's
    /// `sqs_subscriptions` queues each get every message); `key` says how
    /// many.
    Copies { count: u32, key: &'static str },
    /// Not at all: SNS does not deliver to that service.
    Impossible,
}

impl Delivery {
    /// How many of each record the consumer receives.
    pub fn copies(self) -> Decimal {
        match self {
            Self::Every => Decimal::ONE,
            Self::Copies { count, .. } => Decimal::from(count),
            Self::Impossible => Decimal::ZERO,
        }
    }
}

impl Input {
    /// How a component of service `consumer` receives this one's records.
    pub fn delivery_to(&self, consumer: &str) -> Delivery {
        match self {
            Self::Sns(topic) => topic.subscriptions.delivery_to(consumer),
            _ => Delivery::Every,
        }
    }
}

/// Every key a component of `def` takes, in the order `calc services` and
/// the schema list them: its place in the flow, its input, its output, its own.
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
        .chain(def.parse.keys.iter().copied())
}

pub fn find(name: &str) -> Option<&'static ServiceDef> {
    ALL.iter().copied().find(|def| def.name == name)
}

pub fn names() -> impl Iterator<Item = &'static str> {
    ALL.iter().map(|def| def.name)
}

/// Every service's dimensions, in a fixed order: the order of the
/// scenario's price slots.
pub fn dimensions() -> impl Iterator<Item = &'static Dimension> {
    ALL.iter().flat_map(|def| def.dimensions.iter().copied())
}

pub fn dimension(key: &str) -> Option<&'static Dimension> {
    ALL.iter()
        .flat_map(|def| def.dimensions.iter().copied())
        .find(|d| d.key == key)
}

pub fn dimension_keys() -> impl Iterator<Item = &'static str> {
    ALL.iter()
        .flat_map(|def| def.dimensions.iter().map(|d| d.key))
}

/// A pricing table and helpers for the services' unit tests.
#[cfg(test)]
pub mod testing {

    use rust_decimal::Decimal;

    use super::{Ctx, EvalError, Parse, ServiceDef};
    use crate::base::units::Bytes;
    use crate::model::flow::{Flow, Rate};
    use crate::model::keys::{Invalid, Key, Value, Values};
    use crate::model::report::{ComponentResult, LineItem};
    use crate::pricing::{self, PriceBook};

    pub fn prices() -> &'static PriceBook {
        pricing::compiled(pricing::DEFAULT_TABLE).expect("bundled table")
    }

    pub fn ctx(hours: Decimal) -> Ctx<'static> {
        Ctx {
            prices: prices(),
            hours,
            free_tier: false,
            round_up_to_cent: false,
            usage: Box::leak(Box::default()),
            input: crate::model::flow::Flow::NOTHING,
            prices_set: &[],
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
    pub fn built(def: &ServiceDef, set: &[(&'static Key, Value)]) -> Result<super::Input, Invalid> {
        let Parse { keys, build } = def.parse;
        let values: Vec<Value> = keys
            .iter()
            .map(|key| {
                set.iter()
                    .find(|(k, _)| std::ptr::eq(*k, *key))
                    .map_or_else(|| key.default_parsed().unwrap(), |(_, v)| v.clone())
            })
            .collect();
        build(&Values::new(keys, &values))
    }

    /// One service's inputs evaluated alone, for a test to read the result.
    pub trait Alone {
        fn evaluate(&self, ctx: &Ctx) -> Result<ComponentResult, EvalError>;
    }

    macro_rules! alone {
        ($($module:ident),*) => {$(
            impl Alone for super::$module::Input {
                fn evaluate(&self, ctx: &Ctx) -> Result<ComponentResult, EvalError> {
                    let mut result = ComponentResult::empty();
                    self.evaluate_into(ctx, &mut result)?;
                    Ok(result)
                }
            }
        )*};
    }

    alone!(
        athena,
        batch,
        documentdb,
        ec2,
        emr,
        fargate,
        glue,
        managed_flink,
        quicksight,
        redshift
    );

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
}

#[cfg(test)]
mod tests {
    use super::testing::built;
    use super::*;

    #[test]
    fn a_resource_runs_more_than_0_h() {
        // The same rule for every service that runs part of the month.
        let cases: [(&ServiceDef, &[(&str, Value)]); 4] = [
            (
                &ec2::SERVICE,
                &[("instance_type", Value::Name("m5.xlarge"))],
            ),
            (
                &emr::SERVICE,
                &[("primary_instance_type", Value::Name("m5.xlarge"))],
            ),
            (
                &redshift::SERVICE,
                &[
                    ("node_type", Value::Name("ra3.4xlarge")),
                    ("nodes", Value::Count(2)),
                ],
            ),
            (
                &documentdb::SERVICE,
                &[("instance_type", Value::Name("db.r5.4xlarge"))],
            ),
        ];
        for (def, others) in cases {
            let key = |name: &str| {
                def.parse
                    .keys
                    .iter()
                    .copied()
                    .find(|k| k.name == name)
                    .expect("a key of the service")
            };
            let mut set = vec![(key("hours_running"), Value::Duration(Duration::ZERO))];
            set.extend(
                others
                    .iter()
                    .map(|(name, value)| (key(name), value.clone())),
            );
            let error = built(def, &set).unwrap_err();
            assert_eq!(
                error.message, "`hours_running` must be more than 0 h",
                "{}",
                def.name
            );
            assert!(std::ptr::eq(error.key.unwrap(), key("hours_running")));
        }
    }
}
