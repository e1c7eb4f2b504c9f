//! Amazon Data Firehose (formerly Kinesis Data Firehose) delivering to S3.

use rust_decimal::Decimal;

use crate::bill::charge;
use crate::diagnostic::Diagnostic;
use crate::fields::{Choice, Fields, ParseCtx, choice};
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
    parse,
    doc: &DOC,
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
            "source",
            "direct_put",
            "`direct_put` or `kinesis_data_streams`",
        ),
    ],
    formulas: &[
        "latency = min(buffer interval, buffer size / incoming bytes per second)",
        "billed GB = records x ceil(record size / 5 KB) x 5 KB, tiered",
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
    pub records_per_second: Decimal,
    pub record_size: Bytes,
    pub buffer_size: Bytes,
    pub buffer_interval: Duration,
    pub format_conversion: bool,
    pub source: Source,
    pub max_record_size: Bytes,
}

fn parse(fields: &mut Fields, ctx: &ParseCtx) -> Result<super::Input, Diagnostic> {
    let records_per_second = ctx.rate(fields, "records_per_second")?;
    let record_size = ctx.size(fields, "record_size")?;
    let buffer_size = fields.bytes("buffer_size")?;
    let buffer_interval = fields.duration("buffer_interval")?;
    let format_conversion = fields.flag("format_conversion")?.is_some_and(|f| f.value);
    let source = fields
        .choice("source")?
        .map_or(Source::DirectPut, |s| s.value);

    let max_record = ctx
        .size_within(
            fields,
            &record_size,
            &MAX_RECORD_SIZE,
            ("record", "Firehose", "record"),
        )
        .map_err(|e| e.with_help(super::SPLIT_OR_POINTER))?;
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
        records_per_second: records_per_second.value,
        record_size: record_size.value,
        buffer_size: buffer_size.map_or(Bytes::mib(5), |s| s.value),
        buffer_interval: buffer_interval.map_or(Duration::from_secs(300), |i| i.value),
        format_conversion,
        source,
        max_record_size: max_record,
    }))
}

impl Input {
    pub fn evaluate(&self, ctx: &Ctx) -> Result<ComponentResult, EvalError> {
        let mut result = ComponentResult::new(SERVICE.name, Some(self.source.as_str()));
        let bytes_per_second = self.records_per_second * self.record_size.decimal();

        // The buffer delivers when it is full or when the interval ends, whichever comes first.
        let interval = self.buffer_interval.secs();
        let fill_seconds =
            (!bytes_per_second.is_zero()).then(|| self.buffer_size.decimal() / bytes_per_second);
        let (trigger, delay) = match fill_seconds {
            Some(fill) if fill < interval => (FlushTrigger::Size, fill),
            _ => (FlushTrigger::Interval, interval),
        };
        result.latency = Duration::from_ms(delay * Decimal::ONE_THOUSAND);
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
            if self.records_per_second > records {
                result.violate(
                    &DIRECT_PUT_RECORDS,
                    self.records_per_second,
                    records,
                    FIX_DIRECT_PUT,
                );
            }
            let bytes = ctx.bytes(&DIRECT_PUT_BYTES)?.decimal();
            if bytes_per_second > bytes {
                result.violate(&DIRECT_PUT_BYTES, bytes_per_second, bytes, FIX_DIRECT_PUT);
            }
        }

        let billed_record =
            Decimal::from(self.record_size.chunks_of(BILLING_INCREMENT).max(1) * BILLING_INCREMENT);
        let gb = self.records_per_second * billed_record * ctx.seconds() / Decimal::from(GIB);
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

const FIX_DIRECT_PUT: &str = "request a quota increase, or put Kinesis Data Streams in front (`source = \"kinesis_data_streams\"`)";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::testing::{ctx, item};
    use rust_decimal_macros::dec;

    fn stream(records_per_second: Decimal, record_size: Bytes) -> Input {
        Input {
            records_per_second,
            record_size,
            buffer_size: Bytes::mib(5),
            buffer_interval: Duration::from_secs(300),
            format_conversion: false,
            source: Source::DirectPut,
            max_record_size: Bytes::kib(1000),
        }
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
