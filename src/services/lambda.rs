//! AWS Lambda functions, billed per request and per GB-second of run time.

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::base::units::{Bytes, Duration, MIB};
use crate::model::choice::{Choice, choice};
use crate::model::dimension::{Dimension, Limit, LimitKind};
use crate::model::flow::{self, Flow};
use crate::model::keys::{Default, Invalid, Key, Kind, Values};
use crate::model::offer::{Mapping, Offer};
use crate::model::report::{ComponentResult, Properties, RunLimit};
use crate::model::traced::Traced;
use crate::services::kit::bill::charge_into;
use crate::services::kit::given;
use crate::services::kit::{Component, Ctx, Delivery, Doc, EvalError, Functions, ServiceDef};

/// The AWS Price List offer that prices it, and the products that price
/// its dimensions (`calc pricing import`).
pub static OFFER: Offer = Offer {
    code: "AWSLambda",
    catalogue: None,
    mappings: &[
        // Lambda, in its Region (the free tier is a global product, not read).
        Mapping::usage(&REQUESTS, "Request")
            .with(&[("group", "AWS-Lambda-Requests")])
            .per(1_000_000),
        Mapping::usage(&DURATION_X86, "Lambda-GB-Second").with(&[("group", "AWS-Lambda-Duration")]),
        Mapping::usage(&DURATION_ARM, "Lambda-GB-Second-ARM")
            .with(&[("group", "AWS-Lambda-Duration-ARM")]),
        Mapping::usage(&EPHEMERAL_STORAGE, "Lambda-Storage-GB-Second")
            .with(&[("group", "AWS-Lambda-Storage-Duration")]),
    ],
};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "lambda",
    title: "Lambda",
    aliases: &[],
    dimensions: &[&REQUESTS, &DURATION_X86, &DURATION_ARM, &EPHEMERAL_STORAGE],
    limits: &[
        &MIN_MEMORY,
        &MAX_MEMORY,
        &MIN_EPHEMERAL_STORAGE,
        &MAX_EPHEMERAL_STORAGE,
        &MAX_DURATION,
        &CONCURRENT_EXECUTIONS,
    ],
    catalogue: None,
    offer: Some(&OFFER),
    keys: &[
        &INVOCATIONS_PER_MONTH,
        &BATCH_SIZE,
        &MEMORY,
        &DURATION,
        &ARCHITECTURE,
        &EPHEMERAL_STORAGE_KEY,
        &CONCURRENCY_LIMIT,
    ],
    functions: Functions::of::<Input>(),
    doc: &DOC,
    input: Some(&flow::RECORDS),
    transforms: true,
};

static INVOCATIONS_PER_MONTH: Key = Key::new(
    "invocations_per_month",
    Kind::Number,
    Default::None,
    "invocations a month, for a scheduled or known load",
)
.defaulting_to("from the rate")
.replacing_rate("`invocations_per_month` counts the runs directly");
// Absent unless set, so that a batch size beside a count for the month is caught.
static BATCH_SIZE: Key = Key::new(
    "batch_size",
    Kind::Count {
        min: 0,
        max: 1_000_000,
    },
    Default::None,
    "records per invocation from a stream or queue",
)
.defaulting_to("1");
// The memory, /tmp and concurrency defaults are the pricing table's figures,
// resolved when the function is evaluated.
static MEMORY: Key = Key::new(
    "memory",
    Kind::Size,
    Default::None,
    "function memory (128 MB to 10,240 MB)",
)
.defaulting_to("the table's minimum, 128 MB");
static DURATION: Key = Key::new(
    "duration",
    Kind::Duration,
    Default::None,
    "time per invocation",
)
.defaulting_to("required")
.in_unit("ms");
static ARCHITECTURE: Key = Key::new(
    "architecture",
    Kind::Choice(Architecture::NAMES),
    Default::Text("x86_64"),
    "`x86_64` or `arm64`",
);
static EPHEMERAL_STORAGE_KEY: Key = Key::new(
    "ephemeral_storage",
    Kind::Size,
    Default::None,
    "/tmp storage (512 MB to 10,240 MB; above 512 MB is billed)",
)
.defaulting_to("the table's minimum, 512 MB");
static CONCURRENCY_LIMIT: Key = Key::new(
    "concurrency_limit",
    Kind::Count {
        min: 0,
        max: 10_000_000,
    },
    Default::None,
    "the account's concurrent executions",
)
.defaulting_to("the table's quota, 1,000");

pub const DOC: Doc = Doc {
    bills: "requests and GB-seconds (tiered, x86 or Arm), ephemeral storage",
    reports: "`concurrency`",
    summary: "runs a function per event or per batch, billed per request and per GB-second",
    ordering: "keeps the order it is given (per shard from a stream)",
    retention: "none",
    replay: "no",
    latency: "the function's duration",
    scaling: "1,000 concurrent executions per account (raisable); 15 minutes per run",
    formulas: &[
        "invocations = records/s / batch size x seconds in the month (or as given)",
        "GB-seconds = invocations x duration (s) x memory (MB) / 1,024, tiered; free tier 400,000 GB-s",
        "concurrency = invocations/s x duration (s)",
        "a run longer than 15 minutes needs Batch, Fargate or EMR",
    ],
};

pub const REQUESTS: Dimension = Dimension::new("lambda.requests", "million requests");
pub const DURATION_X86: Dimension = Dimension::new("lambda.duration_x86", "GB-second");
pub const DURATION_ARM: Dimension = Dimension::new("lambda.duration_arm", "GB-second");
pub const EPHEMERAL_STORAGE: Dimension = Dimension::new("lambda.ephemeral_storage", "GB-second");

pub const MIN_MEMORY: Limit = Limit::new("lambda.min_memory", LimitKind::Bytes, "function memory");
pub const MAX_MEMORY: Limit = Limit::new("lambda.max_memory", LimitKind::Bytes, "function memory");
pub const MIN_EPHEMERAL_STORAGE: Limit = Limit::new(
    "lambda.min_ephemeral_storage",
    LimitKind::Bytes,
    "ephemeral storage (/tmp)",
);
pub const MAX_EPHEMERAL_STORAGE: Limit = Limit::new(
    "lambda.max_ephemeral_storage",
    LimitKind::Bytes,
    "ephemeral storage (/tmp)",
);
pub const MAX_DURATION: Limit = Limit::new(
    "lambda.max_duration",
    LimitKind::Duration,
    "invocation duration",
);
pub const CONCURRENT_EXECUTIONS: Limit = Limit::new(
    "lambda.concurrent_executions",
    LimitKind::Count,
    "concurrent executions in the account and Region",
);

choice! {
    pub enum Architecture {
        X86_64 = "x86_64",
        Arm64 = "arm64",
    }
}

/// How many times the function runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Invocations {
    /// A count for the month, as given.
    PerMonth(Decimal),
    /// The records that flow in, handed over `batch_size` at a time.
    FromRecords { batch_size: u32 },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub invocations: Invocations,
    /// `None`: the pricing table's minimum.
    pub memory: Option<Bytes>,
    pub duration: Duration,
    pub architecture: Architecture,
    /// `None`: the pricing table's minimum.
    pub ephemeral_storage: Option<Bytes>,
    /// `None`: the pricing table's quota of concurrent executions.
    pub concurrency_limit: Option<Decimal>,
}

fn build(values: &Values) -> Result<Input, Invalid> {
    let default = || Invalid::component("a key of `lambda` has no value");
    let batch_size = values.count(&BATCH_SIZE);
    let invocations = match values.number(&INVOCATIONS_PER_MONTH) {
        Some(per_month) => {
            if batch_size.is_some() {
                return Err(Invalid::new(
                    &BATCH_SIZE,
                    "`batch_size` only applies when invocations come from `records_per_second`",
                )
                .with_help("remove `batch_size`, or give `records_per_second` instead of `invocations_per_month`"));
            }
            Invocations::PerMonth(per_month)
        }
        None => match batch_size.unwrap_or(1) {
            0 => return Err(Invalid::new(&BATCH_SIZE, "`batch_size` must be at least 1")),
            batch_size => Invocations::FromRecords { batch_size },
        },
    };
    let memory = values.bytes(&MEMORY);
    if let Some(memory) = memory
        && !memory.0.is_multiple_of(MIB)
    {
        return Err(Invalid::new(
            &MEMORY,
            format!("`memory` is set in whole MB (found {memory})"),
        )
        .with_help("Lambda allocates memory in 1 MB steps"));
    }
    let Some(duration) = values.duration(&DURATION) else {
        return Err(Invalid::component("`lambda` needs `duration`")
            .with_help("set how long one invocation runs, e.g. `duration = \"200 ms\"`"));
    };
    if duration.ms() <= Decimal::ZERO {
        return Err(Invalid::new(&DURATION, "`duration` must be more than 0 ms"));
    }
    let concurrency_limit = match values.count(&CONCURRENCY_LIMIT) {
        Some(0) => {
            return Err(
                Invalid::new(&CONCURRENCY_LIMIT, "`concurrency_limit` must be at least 1")
                    .with_help("a function with no concurrency never runs"),
            );
        }
        limit => limit.map(Decimal::from),
    };
    Ok(Input {
        invocations,
        memory,
        duration,
        architecture: values.choice(&ARCHITECTURE).ok_or_else(default)?,
        ephemeral_storage: values.bytes(&EPHEMERAL_STORAGE_KEY),
        concurrency_limit,
    })
}

impl Component for Input {
    fn build(values: &Values) -> Result<Self, Invalid> {
        build(values)
    }

    /// Into S3, an object an invocation: what the batch it was handed
    /// holds, not an object a record.
    fn delivery_to(&self, consumer: &str) -> Delivery {
        if consumer == "s3" {
            Delivery::Files
        } else {
            Delivery::Every
        }
    }

    fn evaluate_into<N: Number>(
        &self,
        ctx: &Ctx<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        result.reset(SERVICE.name, Some(self.architecture.as_str()));
        let (memory, ephemeral_storage) = self.check_settings(ctx, result)?;
        let concurrency_limit = match self.concurrency_limit {
            Some(limit) => limit,
            None => ctx.count(&CONCURRENT_EXECUTIONS)?,
        };
        let seconds = ctx.seconds_traced()?;
        // A count for the month stays exact: it is not a rate times seconds.
        let (average, peak, per_month) = match self.invocations {
            Invocations::PerMonth(n) => {
                let n = given::key(n, "invocations", &INVOCATIONS_PER_MONTH);
                let per_second = n.per(seconds)?;
                (per_second, per_second, n)
            }
            Invocations::FromRecords { batch_size } => {
                let batch = given::key(batch_size, "records", &BATCH_SIZE);
                let average = ctx.average()?.per(batch)?;
                let peak = ctx.peak()?.per(batch)?;
                (average, peak, average.times(seconds)?)
            }
        };
        // Lambda bills run time rounded up to the millisecond.
        let ms = given::ms_a_second();
        let billed_secs = given::key(self.duration.ms(), "ms", &DURATION)
            .ceil()
            .per(ms)?;
        let gb_seconds = gb_seconds_of(per_month, billed_secs, memory)?;

        // AWS's rule (Lambda developer guide, "concurrency"): concurrency is
        // requests per second × average request duration in seconds, at the
        // peak, since the limit holds at every moment.
        let concurrency = peak.times(given::seconds(self.duration, &DURATION))?;
        result.capacity_of("invocations_per_month", per_month, "invocations");
        result.capacity_of("invocations_per_second", average, "invocations/s");
        result.capacity_of("concurrency", concurrency, "");
        result.capacity_of("gb_seconds", gb_seconds, "GB-seconds");
        let concurrency = concurrency.value();
        if concurrency > N::of(concurrency_limit) {
            result.violate(
                &CONCURRENT_EXECUTIONS,
                concurrency.decimal(),
                concurrency_limit,
                "request a concurrency quota increase, hand the function larger batches, or shorten each run",
            );
        }
        let max_duration = ctx.duration(&MAX_DURATION)?;
        if self.duration > max_duration {
            result.violate(
                &MAX_DURATION,
                self.duration.ms(),
                max_duration.ms(),
                "split the work into shorter steps, or run it as a job on AWS Batch, Fargate or EMR",
            );
        }

        charge_into(
            &mut result.line_items,
            ctx,
            &REQUESTS,
            per_month.per(given::million())?,
        )?;
        let duration_dimension = match self.architecture {
            Architecture::X86_64 => &DURATION_X86,
            Architecture::Arm64 => &DURATION_ARM,
        };
        charge_into(&mut result.line_items, ctx, duration_dimension, gb_seconds)?;
        // Only the /tmp storage above the 512 MB every function gets is billed.
        let included = Traced::rule(
            Decimal::from(INCLUDED_EPHEMERAL_STORAGE),
            "B",
            "the /tmp storage every function gets",
        );
        if ephemeral_storage.value() > included.value() {
            let extra_tmp = ephemeral_storage.minus(included)?;
            let tmp_gb_seconds = gb_seconds_of(per_month, billed_secs, extra_tmp)?;
            charge_into(
                &mut result.line_items,
                ctx,
                &EPHEMERAL_STORAGE,
                tmp_gb_seconds,
            )?;
        }

        // The function runs to completion before it passes data on; it keeps
        // nothing and has no say in ordering.
        result.latency = self.duration;
        result.properties = Properties {
            max_run_duration: Some(RunLimit {
                max: max_duration,
                instead: "Batch, Fargate or EMR",
            }),
            ..Properties::default()
        };
        // Writing to S3, each invocation puts one object of its batch.
        if let (Invocations::FromRecords { batch_size }, Some(rate), Some(size)) =
            (self.invocations, ctx.input.rate, ctx.input.record_size)
        {
            let batch = N::of(Decimal::from(batch_size));
            result.files = Some(Flow::new(
                rate.per(batch)?,
                Some(Bytes(size.0.saturating_mul(u64::from(batch_size)))),
            ));
        }
        Ok(())
    }
}

impl Input {
    /// The memory and /tmp storage the function gets, the table's minimum
    /// where unset. A size that a function cannot be given fails the design;
    /// it is evaluated as set, to show what it would cost.
    fn check_settings<N: Number>(
        &self,
        ctx: &Ctx<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(Traced<N>, Traced<N>), EvalError> {
        let memory = within(
            ctx,
            result,
            (self.memory, &MEMORY),
            (&MIN_MEMORY, &MAX_MEMORY),
            (
                "raise `memory` to at least the minimum",
                "lower `memory` to the maximum, or split the work across functions",
            ),
        )?;
        let ephemeral_storage = within(
            ctx,
            result,
            (self.ephemeral_storage, &EPHEMERAL_STORAGE_KEY),
            (&MIN_EPHEMERAL_STORAGE, &MAX_EPHEMERAL_STORAGE),
            (
                "raise `ephemeral_storage` to at least the minimum",
                "lower `ephemeral_storage` to the maximum, or keep the files in S3 or EFS",
            ),
        )?;
        Ok((memory, ephemeral_storage))
    }
}

/// GB-seconds of `size` held through `runs` runs of `billed_secs` each, as
/// Lambda bills memory and /tmp storage (GB is 1,024 MB).
fn gb_seconds_of<N: Number>(
    runs: Traced<N>,
    billed_secs: Traced<N>,
    size: Traced<N>,
) -> Result<Traced<N>, EvalError> {
    let gb = size.per(given::gib())?;
    Ok(runs.times(billed_secs)?.times(gb)?)
}

/// A size as set (else the table's minimum), checked against the table's
/// range: below it or above it is a violation with the matching fix.
fn within<N: Number>(
    ctx: &Ctx<N>,
    result: &mut ComponentResult<N>,
    (set, key): (Option<Bytes>, &'static Key),
    (min, max): (&'static Limit, &'static Limit),
    (raise, lower): (&'static str, &'static str),
) -> Result<Traced<N>, EvalError> {
    let Some(set) = set else {
        return ctx.limit_traced(min, "B");
    };
    ctx.within(set.decimal(), (min, raise), (max, lower), result)?;
    Ok(given::size(set, key))
}

const INCLUDED_EPHEMERAL_STORAGE: u64 = 512 * MIB;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::number::cents;
    use crate::base::units::PIB;
    use crate::model::flow::Flow;
    use crate::model::keys::Value;
    use crate::model::report::CapacityValue;
    use crate::model::report::Violation;
    use crate::services::kit::testing::{self, Fed, ctx, floats_agree, item, prices, steady};
    use rust_decimal_macros::dec;

    fn function(per_month: Decimal, memory: Bytes, duration: Duration) -> Fed<Input> {
        let input = Input {
            invocations: Invocations::PerMonth(per_month),
            memory: Some(memory),
            duration,
            architecture: Architecture::X86_64,
            ephemeral_storage: Some(Bytes::mib(512)),
            concurrency_limit: Some(dec!(1000)),
        };
        Fed::new(input, Flow::NOTHING, Input::evaluate_into)
    }

    fn capacity(result: &ComponentResult, key: &str) -> CapacityValue {
        result.capacity.iter().find(|c| c.key == key).unwrap().value
    }

    #[test]
    fn floats_give_the_exact_bill_and_verdict() {
        // A fresh context each time: the free tier is used up as it goes.
        let free_tier = || Ctx {
            free_tier: true,
            ..ctx(dec!(730))
        };
        // A count for the month, in the free tier, x86.
        let fed = function(dec!(3000000), Bytes::mib(512), Duration::from_secs(1));
        floats_agree(&fed.input, fed.flow, &free_tier());
        // Past the first tier on arm64, and over the 15-minute limit.
        let mut fed = function(dec!(10000000), Bytes::mib(1024), Duration::from_secs(1000));
        fed.architecture = Architecture::Arm64;
        floats_agree(&fed.input, fed.flow, &ctx(dec!(730)));
        // Records in odd batches at a non-round rate, with /tmp billed.
        let mut fed = function(
            Decimal::ZERO,
            Bytes::mib(1769),
            Duration::from_ms(dec!(123.4)),
        );
        fed.invocations = Invocations::FromRecords { batch_size: 7 };
        fed.ephemeral_storage = Some(Bytes::mib(2048));
        fed.flow = Flow::new(
            crate::model::flow::Rate::new(dec!(1234.567), dec!(4321.5)),
            Some(Bytes(3210)),
        );
        floats_agree(&fed.input, fed.flow, &free_tier());
        floats_agree(&fed.input, fed.flow, &ctx(dec!(697.3)));
        // Over the concurrency the account has, with the table's sizes.
        let mut fed = function(Decimal::ZERO, Bytes::mib(128), Duration::from_secs(1));
        fed.invocations = Invocations::FromRecords { batch_size: 1 };
        fed.memory = None;
        fed.ephemeral_storage = None;
        fed.concurrency_limit = None;
        fed.flow = steady(dec!(3000.5), Bytes::kib(1));
        floats_agree(&fed.input, fed.flow, &ctx(dec!(730)));
    }

    #[test]
    fn aws_pricing_page_example_with_the_free_tier() {
        // AWS's Lambda pricing example: 3,000,000 invocations of 1 s at 512 MB.
        // Compute: 3,000,000 s × 0.5 GB = 1,500,000 GB-s − 400,000 free
        // = 1,100,000 GB-s × $0.00001667 (the rate as AWS rounds it) = $18.337.
        // Requests: 3 M − 1 M free = 2 M × $0.20 = $0.40. Total $18.74.
        let mut book = prices().clone();
        book.override_price(DURATION_X86.key, dec!(0.00001667));
        let ctx = Ctx {
            prices: &book,
            hours: dec!(730),
            free_tier: true,
            round_up_to_cent: false,
            input: crate::model::flow::Flow::NOTHING,
            keys: &crate::model::flow::RECORDS,
            prices_set: crate::services::kit::ctx::PricesSet::NONE,
            required_retention: None,
            usage: &crate::services::kit::usage::Usage::default(),
        };
        let result = function(dec!(3000000), Bytes::mib(512), Duration::from_secs(1))
            .evaluate(&ctx)
            .unwrap();
        let compute = item(&result, "duration_x86");
        assert_eq!(compute.quantity, dec!(1500000));
        assert_eq!(compute.free_quantity, dec!(400000));
        assert_eq!(compute.monthly_cost, dec!(18.337));
        let requests = item(&result, "requests");
        assert_eq!(requests.quantity, dec!(3));
        assert_eq!(requests.monthly_cost, dec!(0.40));
        assert_eq!(cents(result.monthly_cost()), dec!(18.74));
    }

    #[test]
    fn the_exact_tier_rate_gives_a_cent_less() {
        // With the table's $0.0000166667: 1,100,000 × 0.0000166667 = $18.33337.
        let ctx = Ctx {
            free_tier: true,
            ..ctx(dec!(730))
        };
        let result = function(dec!(3000000), Bytes::mib(512), Duration::from_secs(1))
            .evaluate(&ctx)
            .unwrap();
        assert_eq!(item(&result, "duration_x86").monthly_cost, dec!(18.33337));
    }

    #[test]
    fn arm_duration_crosses_into_the_second_tier() {
        // 10 B GB-s on arm64 without the free tier: 7.5 B × $0.0000133334 = $100,000.50
        // plus 2.5 B × $0.0000120001 = $30,000.25, total $130,000.75.
        // 10 B GB-s = 10,000,000 runs × 1,000 s × 1 GB.
        let mut input = function(dec!(10000000), Bytes::mib(1024), Duration::from_secs(1000));
        input.architecture = Architecture::Arm64;
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let compute = item(&result, "duration_arm");
        assert_eq!(compute.quantity, dec!(10000000000));
        assert_eq!(compute.monthly_cost, dec!(130000.75));
    }

    #[test]
    fn records_are_batched_into_invocations() {
        // 3,000 records/s in batches of 100 = 30 invocations/s; over 720 h
        // (2,592,000 s) that is 77,760,000 invocations. At 2 s each the
        // function needs 30 × 2 = 60 concurrent executions.
        let mut input = function(Decimal::ZERO, Bytes::mib(128), Duration::from_secs(2));
        input.invocations = Invocations::FromRecords { batch_size: 100 };
        input.flow = steady(dec!(3000), Bytes::kib(1));
        let result = input.evaluate(&ctx(dec!(720))).unwrap();
        assert_eq!(
            capacity(&result, "invocations_per_month"),
            CapacityValue::Number(dec!(77760000))
        );
        assert_eq!(
            capacity(&result, "concurrency"),
            CapacityValue::Number(dec!(60))
        );
        assert!(result.violations.is_empty());
        assert_eq!(result.latency, Duration::from_secs(2));
    }

    #[test]
    fn concurrency_over_the_limit_is_a_violation() {
        // 3,000 invocations/s of 1 s need 3,000 concurrent executions; the account has 1,000.
        let mut input = function(Decimal::ZERO, Bytes::mib(128), Duration::from_secs(1));
        input.invocations = Invocations::FromRecords { batch_size: 1 };
        input.flow = steady(dec!(3000), Bytes::kib(1));
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(result.violations.len(), 1);
    }

    #[test]
    fn a_twenty_minute_run_is_over_the_15_minute_limit() {
        let result = function(dec!(1000), Bytes::mib(1024), Duration::from_secs(1200))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(
            result.violations.as_slice(),
            [crate::model::report::Violation::Limit {
                limit: &MAX_DURATION,
                needed: dec!(1200000),
                allowed: dec!(900000),
                fix: "split the work into shorter steps, or run it as a job on AWS Batch, Fargate or EMR",
            }]
        );
        assert_eq!(
            result.properties.max_run_duration.map(|limit| limit.max),
            Some(Duration::from_secs(900))
        );
    }

    #[test]
    fn only_ephemeral_storage_above_512_mb_is_billed() {
        // 1,000,000 runs of 1 s with 10,240 MB of /tmp: (10,240 − 512) / 1,024 = 9.5 GB
        // × 1,000,000 s = 9,500,000 GB-s × $0.0000000309 = $0.29355.
        let mut input = function(dec!(1000000), Bytes::mib(128), Duration::from_secs(1));
        input.ephemeral_storage = Some(Bytes::mib(10240));
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let tmp = item(&result, "ephemeral_storage");
        assert_eq!(tmp.quantity, dec!(9500000));
        assert_eq!(tmp.monthly_cost, dec!(0.29355));
        let default = function(dec!(1000000), Bytes::mib(128), Duration::from_secs(1))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(default.line_items.len(), 2);
    }

    #[test]
    fn unset_sizes_and_concurrency_are_the_tables_figures() {
        // 1,000,000 runs of 1 s at the table's minimum 128 MB:
        // 1,000,000 × 0.125 GB = 125,000 GB-s; /tmp is the included 512 MB,
        // so it is not billed.
        let mut input = function(dec!(1000000), Bytes::mib(128), Duration::from_secs(1));
        input.memory = None;
        input.ephemeral_storage = None;
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "duration_x86").quantity, dec!(125000));
        assert_eq!(result.line_items.len(), 2);
        assert!(result.violations.is_empty());
        // 3,000 invocations/s of 1 s need 3,000 concurrent executions, over
        // the table's 1,000.
        let mut input = function(Decimal::ZERO, Bytes::mib(128), Duration::from_secs(1));
        input.invocations = Invocations::FromRecords { batch_size: 1 };
        input.concurrency_limit = None;
        input.flow = steady(dec!(3000), Bytes::kib(1));
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert!(matches!(
            result.violations.as_slice(),
            [Violation::Limit { limit, needed, allowed, .. }]
                if *limit == &CONCURRENT_EXECUTIONS && *needed == dec!(3000) && *allowed == dec!(1000)
        ));
    }

    #[test]
    fn memory_over_the_maximum_is_a_violation_and_still_priced() {
        // 16 GB = 16,384 MB, over the 10,240 MB (10 GB) a function can have.
        // Priced as set: 1,000,000 runs × 1 s × 16 GB = 16,000,000 GB-s.
        let result = function(dec!(1000000), Bytes::mib(16384), Duration::from_secs(1))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(
            result.violations.as_slice(),
            [Violation::Limit {
                limit: &MAX_MEMORY,
                needed: dec!(16384) * Decimal::from(MIB),
                allowed: dec!(10240) * Decimal::from(MIB),
                fix: "lower `memory` to the maximum, or split the work across functions",
            }]
        );
        assert_eq!(item(&result, "duration_x86").quantity, dec!(16000000));
    }

    #[test]
    fn memory_under_the_minimum_is_a_violation() {
        // 64 MB is under the 128 MB a function gets at least.
        let result = function(dec!(1000), Bytes::mib(64), Duration::from_secs(1))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(
            result.violations.as_slice(),
            [Violation::Minimum {
                limit: &MIN_MEMORY,
                set: dec!(64) * Decimal::from(MIB),
                minimum: dec!(128) * Decimal::from(MIB),
                fix: "raise `memory` to at least the minimum",
            }]
        );
    }

    #[test]
    fn ephemeral_storage_outside_512_mb_to_10_gb_is_a_violation() {
        // 20,480 MB of /tmp is over the 10,240 MB maximum; 256 MB is under
        // the 512 MB minimum.
        let mut input = function(dec!(1000), Bytes::mib(128), Duration::from_secs(1));
        input.ephemeral_storage = Some(Bytes::mib(20480));
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(
            result.violations.as_slice(),
            [Violation::Limit {
                limit: &MAX_EPHEMERAL_STORAGE,
                needed: dec!(20480) * Decimal::from(MIB),
                allowed: dec!(10240) * Decimal::from(MIB),
                fix: "lower `ephemeral_storage` to the maximum, or keep the files in S3 or EFS",
            }]
        );
        input.ephemeral_storage = Some(Bytes::mib(256));
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(
            result.violations.as_slice(),
            [Violation::Minimum {
                limit: &MIN_EPHEMERAL_STORAGE,
                set: dec!(256) * Decimal::from(MIB),
                minimum: dec!(512) * Decimal::from(MIB),
                fix: "raise `ephemeral_storage` to at least the minimum",
            }]
        );
    }

    #[test]
    fn figures_too_large_for_exact_decimals_are_an_error_not_a_panic() {
        // 10^12 records/s, one per run, of 15 minutes at 10 GB over 744 h:
        // 10^12 × 2,678,400 s × 900 s × 10 GB = 2.41 × 10^22 GB-seconds,
        // large but exact.
        let mut input = function(Decimal::ZERO, Bytes::mib(10240), Duration::from_secs(900));
        input.invocations = Invocations::FromRecords { batch_size: 1 };
        input.flow = steady(dec!(1_000_000_000_000), Bytes(PIB));
        let result = input.evaluate(&ctx(dec!(744))).unwrap();
        assert_eq!(
            capacity(&result, "gb_seconds"),
            CapacityValue::Number(dec!(24_105_600_000_000_000_000_000))
        );
        // The same runs of 100 years at 1 PB of memory and of /tmp: some
        // 9 × 10^33 GB-seconds do not fit in 28 digits.
        input.duration = Duration::from_hours(876_000);
        input.memory = Some(Bytes(PIB));
        input.ephemeral_storage = Some(Bytes(PIB));
        assert_eq!(
            input.evaluate(&ctx(dec!(744))).err(),
            Some(EvalError::Arithmetic)
        );
    }

    fn built(set: &[(&'static Key, Value)]) -> Result<Input, Invalid> {
        testing::built(&SERVICE, set)
    }

    #[test]
    fn build_takes_the_defaults_and_refuses_what_describes_no_function() {
        let duration = (&DURATION, Value::Duration(Duration::from_ms(dec!(200))));
        let Ok(input) = built(std::slice::from_ref(&duration)) else {
            panic!("a duration is all a function needs");
        };
        assert_eq!(
            input.invocations,
            Invocations::FromRecords { batch_size: 1 }
        );
        assert_eq!(input.memory, None);
        assert_eq!(input.concurrency_limit, None);

        let refused = |set: &[(&'static Key, Value)]| built(set).unwrap_err().message;
        assert_eq!(refused(&[]), "`lambda` needs `duration`");
        assert_eq!(
            refused(&[
                duration.clone(),
                (&INVOCATIONS_PER_MONTH, Value::Number(dec!(1000))),
                (&BATCH_SIZE, Value::Count(10)),
            ]),
            "`batch_size` only applies when invocations come from `records_per_second`"
        );
        assert_eq!(
            refused(&[duration.clone(), (&BATCH_SIZE, Value::Count(0))]),
            "`batch_size` must be at least 1"
        );
        assert_eq!(
            refused(&[
                duration.clone(),
                (&MEMORY, Value::Bytes(Bytes(1000 * 1000 * 1000)))
            ]),
            "`memory` is set in whole MB (found 953.67 MB)"
        );
        assert_eq!(
            refused(&[duration, (&CONCURRENCY_LIMIT, Value::Count(0))]),
            "`concurrency_limit` must be at least 1"
        );
    }
}
