//! Amazon Data Firehose (formerly Kinesis Data Firehose) delivering to S3.

use rust_decimal::Decimal;

use crate::bill::charge;
use crate::diagnostic::Diagnostic;
use crate::fields::{Choice, Fields, ParseCtx, choice};
use crate::flow::{self, Flow, Rate};
use crate::report::{CapacityValue, ComponentResult, Ordering, Properties, Retention};
use crate::services::{Ctx, Dimension, Doc, EvalError, Limit, LimitKind, ServiceDef};
use crate::units::{Bytes, Duration, GIB, KIB};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "firehose",
    title: "Data Firehose",
    dimensions: &[&INGESTION_GB, &FORMAT_CONVERSION_GB],
    limits: &[
        &MAX_RECORD_SIZE,
        &MIN_BUFFER_SIZE,
        &MAX_BUFFER_SIZE,
        &MAX_BUFFER_INTERVAL,
        &DIRECT_PUT_RECORDS,
        &DIRECT_PUT_BYTES,
    ],
    parse: super::Parse::Own(parse),
    doc: &DOC,
    input: Some(&flow::RECORDS),
    transforms: false,
};

pub const DOC: Doc = Doc {
    summary: "buffers records and delivers them in batches to S3 and other destinations",
    ordering: "none",
    retention: "none once delivered (24 h while the destination is down)",
    replay: "no",
    latency: "the buffer: until full or until the interval ends",
    scaling: "Direct PUT: 500,000 records/s, 5 MB/s per stream (raisable)",
    inputs: &[
        ("records_per_second", "[workload]", "records put per second"),
        (
            "record_size",
            "[workload]",
            "bytes per record (at most 1,000 KB)",
        ),
        (
            "buffer_size",
            "5 MB",
            "deliver when this much is buffered (1 to 128 MB)",
        ),
        (
            "buffer_interval",
            "300 s",
            "deliver at least this often (0 to 900 s)",
        ),
        (
            "format_conversion",
            "false",
            "convert JSON to Parquet or ORC",
        ),
        (
            "conversion_ratio",
            "1",
            "size of the converted objects over the input, e.g. 0.3",
        ),
        (
            "source",
            "direct_put",
            "`direct_put` or `kinesis_data_streams`",
        ),
    ],
    formulas: &[
        "latency = min(buffer interval, buffer size / incoming bytes per second)",
        "billed GB = records x ceil(record size / 5 KB) x 5 KB, tiered",
        "emits one object per delivery: 1 / min(buffer interval, buffer fill time) a second, of the bytes buffered (x conversion_ratio)",
    ],
};

pub const INGESTION_GB: Dimension = Dimension::new("firehose.ingestion_gb", "GB");
pub const FORMAT_CONVERSION_GB: Dimension = Dimension::new("firehose.format_conversion_gb", "GB");

pub const MAX_RECORD_SIZE: Limit =
    Limit::new("firehose.max_record_size", LimitKind::Bytes, "record size");
pub const MIN_BUFFER_SIZE: Limit =
    Limit::new("firehose.min_buffer_size", LimitKind::Bytes, "buffer size");
pub const MAX_BUFFER_SIZE: Limit =
    Limit::new("firehose.max_buffer_size", LimitKind::Bytes, "buffer size");
pub const MAX_BUFFER_INTERVAL: Limit = Limit::new(
    "firehose.max_buffer_interval",
    LimitKind::Duration,
    "buffer interval",
);
pub const DIRECT_PUT_RECORDS: Limit = Limit::new(
    "firehose.direct_put_records_per_second",
    LimitKind::Count,
    "Direct PUT records per second per stream",
);
pub const DIRECT_PUT_BYTES: Limit = Limit::new(
    "firehose.direct_put_bytes_per_second",
    LimitKind::Bytes,
    "of Direct PUT writes per second per stream",
);

/// Ingestion is metered with each record rounded up to 5 KiB.
const BILLING_INCREMENT: u64 = 5 * KIB;

choice! {
    pub enum Source {
        DirectPut = "direct_put",
        KinesisDataStreams = "kinesis_data_streams",
    }
}

choice! {
    /// What made the buffer deliver.
    pub enum FlushTrigger {
        Size = "size",
        Interval = "interval",
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub buffer_size: Bytes,
    pub buffer_interval: Duration,
    pub format_conversion: bool,
    /// The size of converted (Parquet, ORC) data relative to what came in.
    pub conversion_ratio: Option<Decimal>,
    pub source: Source,
    pub max_record_size: Bytes,
}

fn parse(fields: &mut Fields, ctx: &ParseCtx) -> Result<super::Input, Diagnostic> {
    let buffer_size = fields.bytes("buffer_size")?;
    let buffer_interval = fields.duration("buffer_interval")?;
    let format_conversion = fields.flag("format_conversion")?.is_some_and(|f| f.value);
    let conversion_ratio = fields.number("conversion_ratio")?;
    if let Some(ratio) = conversion_ratio {
        if !format_conversion {
            return Err(fields
                .error(
                    ratio.span,
                    "`conversion_ratio` needs `format_conversion = true`",
                )
                .with_help(
                    "the ratio is the size of the Parquet or ORC output over the JSON input",
                ));
        }
        if ratio.value.is_zero() || ratio.value > Decimal::ONE {
            return Err(fields.error(
                ratio.span,
                format!(
                    "`conversion_ratio` must be more than 0 and at most 1 (found {})",
                    ratio.value
                ),
            ));
        }
    }
    let source = fields
        .choice("source")?
        .map_or(Source::DirectPut, |s| s.value);

    let max_record = ctx.limit_bytes(fields, &MAX_RECORD_SIZE)?;
    let (min_size, max_size) = (
        ctx.limit_bytes(fields, &MIN_BUFFER_SIZE)?,
        ctx.limit_bytes(fields, &MAX_BUFFER_SIZE)?,
    );
    if let Some(size) = &buffer_size {
        fields.in_range("buffer_size", size, min_size, max_size)?;
    }
    let max_interval = ctx.limit_duration(fields, &MAX_BUFFER_INTERVAL)?;
    if let Some(interval) = buffer_interval
        && interval.value > max_interval
    {
        return Err(fields.error(
            interval.span,
            format!(
                "`buffer_interval` must be between 0 s and {max_interval} (found {})",
                interval.value
            ),
        ));
    }
    Ok(super::Input::Firehose(Input {
        buffer_size: buffer_size.map_or(Bytes::mib(5), |s| s.value),
        buffer_interval: buffer_interval.map_or(Duration::from_secs(300), |i| i.value),
        format_conversion,
        conversion_ratio: conversion_ratio.map(|r| r.value),
        source,
        max_record_size: max_record,
    }))
}

impl Input {
    pub fn evaluate(&self, ctx: &Ctx) -> Result<ComponentResult, EvalError> {
        let mut result = ComponentResult::new(SERVICE.name, Some(self.source.as_str()));
        let rate = ctx.rate()?;
        let record_size = ctx.record_size()?;
        if record_size > self.max_record_size {
            result.violate(
                &MAX_RECORD_SIZE,
                record_size.decimal(),
                self.max_record_size.decimal(),
                super::SPLIT_OR_POINTER,
            );
        }
        let bytes_per_second = rate.average * record_size.decimal();
        let peak_bytes_per_second = rate.peak * record_size.decimal();

        let (trigger, delay, fill_seconds) = self.flush(bytes_per_second);
        result.latency = Duration::from_ms(delay * Decimal::ONE_THOUSAND);
        self.deliver(rate, record_size, &mut result);
        // Firehose delivers in batches without an order guarantee and keeps
        // nothing once delivered: it cannot replay.
        result.properties = Properties {
            ordering: Some(Ordering::None),
            retention: Retention::None,
            replay: false,
            max_message_size: Some(self.max_record_size),
            max_run_duration: None,
        };
        result.capacity("flush_trigger", CapacityValue::Key(trigger.as_str()));
        if let Some(fill) = fill_seconds {
            result.capacity("buffer_fill_seconds", CapacityValue::Number(fill));
        }
        result.capacity(
            "ingest_bytes_per_second",
            CapacityValue::Number(bytes_per_second),
        );

        if self.source == Source::DirectPut {
            let records = ctx.count(&DIRECT_PUT_RECORDS)?;
            if rate.peak > records {
                result.violate(&DIRECT_PUT_RECORDS, rate.peak, records, FIX_DIRECT_PUT);
            }
            let bytes = ctx.bytes(&DIRECT_PUT_BYTES)?.decimal();
            if peak_bytes_per_second > bytes {
                result.violate(
                    &DIRECT_PUT_BYTES,
                    peak_bytes_per_second,
                    bytes,
                    FIX_DIRECT_PUT,
                );
            }
        }

        let billed_record =
            Decimal::from(record_size.chunks_of(BILLING_INCREMENT).max(1) * BILLING_INCREMENT);
        let gb = rate.average * billed_record * ctx.seconds() / Decimal::from(GIB);
        result.capacity("billed_record_bytes", CapacityValue::Number(billed_record));
        result.line_items.push(charge(ctx, &INGESTION_GB, gb)?);
        if self.format_conversion {
            result
                .line_items
                .push(charge(ctx, &FORMAT_CONVERSION_GB, gb)?);
        }
        Ok(result)
    }
}

impl Input {
    /// What sets off a delivery at `bytes_per_second`, how long the data
    /// waits, and how long the buffer takes to fill (if anything arrives).
    /// The buffer delivers when it is full or when the interval ends,
    /// whichever comes first.
    fn flush(&self, bytes_per_second: Decimal) -> (FlushTrigger, Decimal, Option<Decimal>) {
        let interval = self.buffer_interval.secs();
        let fill_seconds =
            (!bytes_per_second.is_zero()).then(|| self.buffer_size.decimal() / bytes_per_second);
        match fill_seconds {
            Some(fill) if fill < interval => (FlushTrigger::Size, fill, fill_seconds),
            _ => (FlushTrigger::Interval, interval, fill_seconds),
        }
    }

    /// Firehose writes one object per delivery: its rate is one over the
    /// time between deliveries, its size the bytes buffered meanwhile
    /// (smaller once converted to Parquet or ORC, by `conversion_ratio`).
    /// A zero interval delivers each record as it comes.
    fn deliver(&self, rate: Rate, record_size: Bytes, result: &mut ComponentResult) {
        let objects = |records: Decimal| {
            let (_, every, _) = self.flush(records * record_size.decimal());
            if every.is_zero() {
                (records, record_size.decimal())
            } else {
                (
                    Decimal::ONE / every,
                    records * record_size.decimal() * every,
                )
            }
        };
        let (average, bytes) = objects(rate.average);
        let (peak, _) = objects(rate.peak);
        let bytes = self.conversion_ratio.map_or(bytes, |ratio| bytes * ratio);
        let object_size = Bytes(u64::try_from(bytes.ceil()).unwrap_or(u64::MAX));
        result.capacity("objects_per_second", CapacityValue::Number(average));
        result.output = Some(Flow::new(
            Rate {
                average,
                peak: peak.max(average),
            },
            Some(object_size),
        ));
    }
}

const FIX_DIRECT_PUT: &str = "request a quota increase, or put Kinesis Data Streams in front (`source = \"kinesis_data_streams\"`)";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::testing::{Fed, ctx, item, steady};
    use rust_decimal_macros::dec;

    fn stream(records_per_second: Decimal, record_size: Bytes) -> Fed<Input> {
        let input = Input {
            buffer_size: Bytes::mib(5),
            buffer_interval: Duration::from_secs(300),
            format_conversion: false,
            conversion_ratio: None,
            source: Source::DirectPut,
            max_record_size: Bytes::kib(1000),
        };
        Fed::new(
            input,
            steady(records_per_second, record_size),
            Input::evaluate,
        )
    }

    fn key(result: &ComponentResult, key: &str) -> CapacityValue {
        result.capacity.iter().find(|c| c.key == key).unwrap().value
    }

    #[test]
    fn records_are_billed_in_5_kib_steps() {
        // AWS: a 3 KB record is billed as 5 KB, a 12 KB record as 15 KB.
        let three = stream(dec!(1), Bytes::kib(3))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(
            key(&three, "billed_record_bytes"),
            CapacityValue::Number(dec!(5120))
        );
        let twelve = stream(dec!(1), Bytes::kib(12))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(
            key(&twelve, "billed_record_bytes"),
            CapacityValue::Number(dec!(15360))
        );
    }

    #[test]
    fn ingestion_gb_over_a_30_day_month() {
        // 100 records/s of 3 KB, billed as 5 KB, for 720 h:
        // 100 × 5,120 B × 2,592,000 s / 2^30 = 1,235.96 GB × $0.029.
        let result = stream(dec!(100), Bytes::kib(3))
            .evaluate(&ctx(dec!(720)))
            .unwrap();
        let ingestion = item(&result, "ingestion_gb");
        assert_eq!(ingestion.quantity, dec!(1327104000000) / dec!(1073741824));
        assert_eq!(crate::number::cents(ingestion.monthly_cost), dec!(35.84));
    }

    #[test]
    fn a_full_buffer_flushes_before_the_interval() {
        // 3,000 × 1 KB/s fills 5 MB in 5,242,880 / 3,072,000 = 1.7067 s.
        let result = stream(dec!(3000), Bytes::kib(1))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(key(&result, "flush_trigger"), CapacityValue::Key("size"));
        assert_eq!(result.latency.ms().round_dp(1), dec!(1706.7));
        // A trickle waits for the interval.
        let slow = stream(dec!(1), Bytes::kib(1))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(key(&slow, "flush_trigger"), CapacityValue::Key("interval"));
        assert_eq!(slow.latency, Duration::from_secs(300));
    }

    #[test]
    fn direct_put_throughput_is_checked() {
        let result = stream(dec!(10000), Bytes::kib(1))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(result.violations.len(), 1, "10,000 KB/s is over 5 MB/s");
    }
}
