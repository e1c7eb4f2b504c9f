//! AWS Lambda functions, billed per request and per GB-second of run time.

use rust_decimal::Decimal;

use crate::bill::charge;
use crate::diagnostic::Diagnostic;
use crate::fields::{Choice, Fields, ParseCtx, choice};
use crate::flow::{self, Rate};
use crate::number::MILLION;
use crate::report::{CapacityValue, ComponentResult, Properties};
use crate::services::{Ctx, Dimension, Doc, EvalError, Limit, LimitKind, ServiceDef};
use crate::units::{Bytes, Duration, GIB, MIB};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "lambda",
    title: "Lambda",
    dimensions: &[&REQUESTS, &DURATION_X86, &DURATION_ARM, &EPHEMERAL_STORAGE],
    limits: &[
        &MIN_MEMORY,
        &MAX_MEMORY,
        &MIN_EPHEMERAL_STORAGE,
        &MAX_EPHEMERAL_STORAGE,
        &MAX_DURATION,
        &CONCURRENT_EXECUTIONS,
    ],
    parse: super::Parse::Own(parse),
    doc: &DOC,
    input: Some(&flow::RECORDS),
    transforms: true,
};

pub const DOC: Doc = Doc {
    summary: "runs a function per event or per batch, billed per request and per GB-second",
    ordering: "keeps the order it is given (per shard from a stream)",
    retention: "none",
    replay: "no",
    latency: "the function's duration",
    scaling: "1,000 concurrent executions per account (raisable); 15 minutes per run",
    inputs: &[
        (
            "invocations_per_month",
            "from the rate",
            "invocations a month, for a scheduled or known load",
        ),
        (
            "records_per_second",
            "[workload]",
            "records to process per second",
        ),
        (
            "batch_size",
            "1",
            "records per invocation from a stream or queue",
        ),
        ("memory", "128 MB", "function memory (128 MB to 10,240 MB)"),
        ("duration", "required", "time per invocation"),
        ("architecture", "x86_64", "`x86_64` or `arm64`"),
        (
            "ephemeral_storage",
            "512 MB",
            "/tmp storage (512 MB to 10,240 MB; above 512 MB is billed)",
        ),
        (
            "concurrency_limit",
            "1,000",
            "the account's concurrent executions",
        ),
    ],
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
    pub memory: Bytes,
    pub duration: Duration,
    pub architecture: Architecture,
    pub ephemeral_storage: Bytes,
    pub concurrency_limit: Decimal,
}

fn parse(fields: &mut Fields, ctx: &ParseCtx) -> Result<super::Input, Diagnostic> {
    let per_month = fields.number("invocations_per_month")?;
    let own_rate = ctx.own_rate;
    let batch_size = fields.count("batch_size", 1_000_000)?;
    let memory = fields.bytes("memory")?;
    let duration = fields.duration("duration")?;
    let architecture = fields
        .choice("architecture")?
        .map_or(Architecture::X86_64, |a| a.value);
    let ephemeral_storage = fields.bytes("ephemeral_storage")?;
    let concurrency_limit = fields.count("concurrency_limit", 10_000_000)?;

    let invocations = match per_month {
        Some(per_month) => {
            if let Some(rate) = own_rate {
                return Err(fields
                    .error(
                        rate.span,
                        "set `invocations_per_month` or `records_per_second`, not both",
                    )
                    .with_help("`invocations_per_month` counts the runs directly"));
            }
            if let Some(batch) = batch_size {
                return Err(fields
                    .error(batch.span, "`batch_size` only applies when invocations come from `records_per_second`")
                    .with_help("remove `batch_size`, or give `records_per_second` instead of `invocations_per_month`"));
            }
            Invocations::PerMonth(per_month.value)
        }
        None => {
            let batch_size = match batch_size {
                Some(b) if b.value == 0 => {
                    return Err(fields.error(b.span, "`batch_size` must be at least 1"));
                }
                Some(b) => b.value,
                None => 1,
            };
            Invocations::FromRecords { batch_size }
        }
    };

    let (min_memory, max_memory) = (
        ctx.limit_bytes(fields, &MIN_MEMORY)?,
        ctx.limit_bytes(fields, &MAX_MEMORY)?,
    );
    if let Some(memory) = &memory {
        fields
            .in_range("memory", memory, min_memory, max_memory)
            .map_err(|e| {
                e.with_help("Lambda functions get 128 MB to 10,240 MB of memory, in 1 MB steps")
            })?;
        if !memory.value.0.is_multiple_of(crate::units::MIB) {
            return Err(fields
                .error(
                    memory.span,
                    format!("`memory` is set in whole MB (found {})", memory.value),
                )
                .with_help("Lambda allocates memory in 1 MB steps"));
        }
    }
    let Some(duration) = duration else {
        return Err(fields
            .error(ctx.span, "`lambda` needs `duration`")
            .with_help("set how long one invocation runs, e.g. `duration = \"200 ms\"`"));
    };
    if duration.value.ms() <= Decimal::ZERO {
        return Err(fields.error(duration.span, "`duration` must be more than 0 ms"));
    }
    let (min_tmp, max_tmp) = (
        ctx.limit_bytes(fields, &MIN_EPHEMERAL_STORAGE)?,
        ctx.limit_bytes(fields, &MAX_EPHEMERAL_STORAGE)?,
    );
    if let Some(tmp) = &ephemeral_storage {
        fields.in_range("ephemeral_storage", tmp, min_tmp, max_tmp)?;
    }
    let concurrency_limit = match concurrency_limit {
        Some(limit) if limit.value == 0 => {
            return Err(fields
                .error(limit.span, "`concurrency_limit` must be at least 1")
                .with_help("a function with no concurrency never runs"));
        }
        Some(limit) => Decimal::from(limit.value),
        None => ctx.limit_count(fields, &CONCURRENT_EXECUTIONS)?,
    };
    Ok(super::Input::Lambda(Input {
        invocations,
        memory: memory.map_or(min_memory, |m| m.value),
        duration: duration.value,
        architecture,
        ephemeral_storage: ephemeral_storage.map_or(min_tmp, |t| t.value),
        concurrency_limit,
    }))
}

impl Input {
    pub fn evaluate(&self, ctx: &Ctx) -> Result<ComponentResult, EvalError> {
        let mut result = ComponentResult::new(SERVICE.name, Some(self.architecture.as_str()));
        let seconds = ctx.seconds();
        // A count for the month stays exact: it is not a rate times seconds.
        let (per_second, per_month) = match self.invocations {
            Invocations::PerMonth(n) => (Rate::flat(n / seconds), n),
            Invocations::FromRecords { batch_size } => {
                let records = ctx.rate()?;
                let batch = Decimal::from(batch_size);
                let per_second = Rate {
                    average: records.average / batch,
                    peak: records.peak / batch,
                };
                (per_second, records.average / batch * seconds)
            }
        };
        // Lambda bills run time rounded up to the millisecond.
        let billed_secs = self.duration.ms().ceil() / Decimal::ONE_THOUSAND;
        let memory_gb = self.memory.decimal() / Decimal::from(GIB);
        let gb_seconds = per_month * billed_secs * memory_gb;

        // AWS's rule (Lambda developer guide, "concurrency"): concurrency is
        // requests per second × average request duration in seconds, at the
        // peak, since the limit holds at every moment.
        let concurrency = per_second.peak * self.duration.secs();
        result.capacity("invocations_per_month", CapacityValue::Number(per_month));
        result.capacity(
            "invocations_per_second",
            CapacityValue::Number(per_second.average),
        );
        result.capacity("concurrency", CapacityValue::Number(concurrency));
        result.capacity("gb_seconds", CapacityValue::Number(gb_seconds));
        if concurrency > self.concurrency_limit {
            result.violate(
                &CONCURRENT_EXECUTIONS,
                concurrency,
                self.concurrency_limit,
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

        result
            .line_items
            .push(charge(ctx, &REQUESTS, per_month / MILLION)?);
        let duration_dimension = match self.architecture {
            Architecture::X86_64 => &DURATION_X86,
            Architecture::Arm64 => &DURATION_ARM,
        };
        result
            .line_items
            .push(charge(ctx, duration_dimension, gb_seconds)?);
        // Only the /tmp storage above the 512 MB every function gets is billed.
        let extra_tmp = self
            .ephemeral_storage
            .0
            .saturating_sub(INCLUDED_EPHEMERAL_STORAGE);
        if extra_tmp > 0 {
            let tmp_gb_seconds =
                per_month * billed_secs * (Decimal::from(extra_tmp) / Decimal::from(GIB));
            result
                .line_items
                .push(charge(ctx, &EPHEMERAL_STORAGE, tmp_gb_seconds)?);
        }

        // The function runs to completion before it passes data on; it keeps
        // nothing and has no say in ordering.
        result.latency = self.duration;
        result.properties = Properties {
            max_run_duration: Some(max_duration),
            ..Properties::default()
        };
        Ok(result)
    }
}

const INCLUDED_EPHEMERAL_STORAGE: u64 = 512 * MIB;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::Flow;
    use crate::number::cents;
    use crate::services::testing::{Fed, ctx, item, prices, steady};
    use rust_decimal_macros::dec;

    fn function(per_month: Decimal, memory: Bytes, duration: Duration) -> Fed<Input> {
        let input = Input {
            invocations: Invocations::PerMonth(per_month),
            memory,
            duration,
            architecture: Architecture::X86_64,
            ephemeral_storage: Bytes::mib(512),
            concurrency_limit: dec!(1000),
        };
        Fed::new(input, Flow::NOTHING, Input::evaluate)
    }

    fn capacity(result: &ComponentResult, key: &str) -> CapacityValue {
        result.capacity.iter().find(|c| c.key == key).unwrap().value
    }

    #[test]
    fn aws_pricing_page_example_with_the_free_tier() {
        // AWS's Lambda pricing example: 3,000,000 invocations of 1 s at 512 MB.
        // Compute: 3,000,000 s × 0.5 GB = 1,500,000 GB-s − 400,000 free
        // = 1,100,000 GB-s × $0.00001667 (the rate as AWS rounds it) = $18.337.
        // Requests: 3 M − 1 M free = 2 M × $0.20 = $0.40. Total $18.74.
        let mut book = prices().clone();
        book.override_price(DURATION_X86.key, dec!(0.00001667), DURATION_X86.unit);
        let ctx = Ctx {
            prices: &book,
            hours: dec!(730),
            free_tier: true,
            round_up_to_cent: false,
            input: crate::flow::Flow::NOTHING,
            usage: &crate::bill::Usage::default(),
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
            [crate::report::Violation::Limit {
                limit: &MAX_DURATION,
                needed: dec!(1200000),
                allowed: dec!(900000),
                fix: "split the work into shorter steps, or run it as a job on AWS Batch, Fargate or EMR",
            }]
        );
        assert_eq!(
            result.properties.max_run_duration,
            Some(Duration::from_secs(900))
        );
    }

    #[test]
    fn only_ephemeral_storage_above_512_mb_is_billed() {
        // 1,000,000 runs of 1 s with 10,240 MB of /tmp: (10,240 − 512) / 1,024 = 9.5 GB
        // × 1,000,000 s = 9,500,000 GB-s × $0.0000000309 = $0.29355.
        let mut input = function(dec!(1000000), Bytes::mib(128), Duration::from_secs(1));
        input.ephemeral_storage = Bytes::mib(10240);
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let tmp = item(&result, "ephemeral_storage");
        assert_eq!(tmp.quantity, dec!(9500000));
        assert_eq!(tmp.monthly_cost, dec!(0.29355));
        let default = function(dec!(1000000), Bytes::mib(128), Duration::from_secs(1))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(default.line_items.len(), 2);
    }
}
