//! Amazon Data Firehose (formerly Kinesis Data Firehose) delivering to S3.

use rust_decimal::Decimal;

use crate::base::number::{self, Number};
use crate::base::units::{Bytes, Duration, KIB};
use crate::model::choice::{Choice, choice};
use crate::model::dimension::{Dimension, Limit, LimitKind};
use crate::model::flow::{self, Buffered, Flow, Rate};
use crate::model::keys::{Default, Invalid, Key, Kind, Values};
use crate::model::offer::{Mapping, Offer};
use crate::model::report::{CapacityValue, ComponentResult, Ordering, Properties, Retention};
use crate::model::traced::{self, Traced};
use crate::model::working::Part;
use crate::services::kit::bill::charge_into;
use crate::services::kit::given;
use crate::services::kit::{Component, Ctx, Doc, EvalError, Functions, ServiceDef};

/// The AWS Price List offer that prices it, and the products that price
/// its dimensions (`calc pricing import`).
pub static OFFER: Offer = Offer {
    code: "AmazonKinesisFirehose",
    catalogue: None,
    mappings: &[
        // Data Firehose: Direct PUT and Kinesis Data Streams sources.
        Mapping::attributes(
            &INGESTION_GB,
            &[
                ("productFamily", "Kinesis Firehose"),
                ("group", "Event-by-Event Processing"),
            ],
        ),
        Mapping::attributes(
            &FORMAT_CONVERSION_GB,
            &[
                ("productFamily", "Kinesis Firehose"),
                ("operation", "DataFormatConversion"),
            ],
        ),
    ],
};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "firehose",
    title: "Data Firehose",
    aliases: &[
        "kinesis_firehose",
        "kinesis_data_firehose",
        "data_firehose",
        "kdf",
    ],
    dimensions: &[&INGESTION_GB, &FORMAT_CONVERSION_GB],
    limits: &[
        &MAX_RECORD_SIZE,
        &MIN_BUFFER_SIZE,
        &MAX_BUFFER_SIZE,
        &MAX_BUFFER_INTERVAL,
        &DIRECT_PUT_RECORDS,
        &DIRECT_PUT_BYTES,
    ],
    catalogue: None,
    offer: Some(&OFFER),
    keys: &[
        &BUFFER_SIZE,
        &BUFFER_INTERVAL,
        &FORMAT_CONVERSION,
        &CONVERSION_RATIO,
        &SOURCE,
    ],
    functions: Functions::of::<Input>(),
    doc: &DOC,
    input: Some(&flow::RECORDS),
    transforms: false,
};

static BUFFER_SIZE: Key = Key::new(
    "buffer_size",
    Kind::Size,
    Default::Text("5 MB"),
    "deliver when this much is buffered (1 to 128 MB)",
);
static BUFFER_INTERVAL: Key = Key::new(
    "buffer_interval",
    Kind::Duration,
    Default::Text("300 s"),
    "deliver at least this often (0 to 900 s)",
);
static FORMAT_CONVERSION: Key = Key::new(
    "format_conversion",
    Kind::Flag,
    Default::Bool(false),
    "convert JSON to Parquet or ORC",
);
// Absent unless set, so that a ratio without conversion is caught; the
// objects keep their size when it is absent.
static CONVERSION_RATIO: Key = Key::new(
    "conversion_ratio",
    Kind::Number,
    Default::None,
    "size of the converted objects over the input, e.g. 0.3",
)
.defaulting_to("1");
static SOURCE: Key = Key::new(
    "source",
    Kind::Choice(Source::NAMES),
    Default::Text("direct_put"),
    "`direct_put` or `kinesis_data_streams`",
);

pub const DOC: Doc = Doc {
    bills: "GB ingested (records rounded up to 5 KB, tiered), format conversion",
    reports: "`flush_trigger` (`size` | `interval`), buffer fill time",
    summary: "buffers records and delivers them in batches to S3 and other destinations",
    ordering: "none",
    retention: "none once delivered (24 h while the destination is down)",
    replay: "no",
    latency: "the buffer: until full or until the interval ends",
    scaling: "Direct PUT: 5,000 records/s, 5 MB/s per stream in us-east-1 (raisable)",
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
}

fn build(values: &Values) -> Result<Input, Invalid> {
    let default = || Invalid::component("a key of `firehose` has no value");
    let format_conversion = values.flag(&FORMAT_CONVERSION).ok_or_else(default)?;
    let conversion_ratio = values.number(&CONVERSION_RATIO);
    if let Some(ratio) = conversion_ratio {
        if !format_conversion {
            return Err(Invalid::new(
                &CONVERSION_RATIO,
                "`conversion_ratio` needs `format_conversion = true`",
            )
            .with_help("the ratio is the size of the Parquet or ORC output over the JSON input"));
        }
        if ratio.is_zero() || ratio > Decimal::ONE {
            return Err(Invalid::new(
                &CONVERSION_RATIO,
                format!("`conversion_ratio` must be more than 0 and at most 1 (found {ratio})"),
            ));
        }
    }
    Ok(Input {
        buffer_size: values.bytes(&BUFFER_SIZE).ok_or_else(default)?,
        buffer_interval: values.duration(&BUFFER_INTERVAL).ok_or_else(default)?,
        format_conversion,
        conversion_ratio,
        source: values.choice(&SOURCE).ok_or_else(default)?,
    })
}

impl Component for Input {
    fn build(values: &Values) -> Result<Self, Invalid> {
        build(values)
    }

    fn evaluate_into<N: Number>(
        &self,
        ctx: &Ctx<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        result.reset(SERVICE.name, Some(self.source.as_str()));
        let rate = ctx.rate()?;
        let record_size = ctx.record_size()?;
        let max_record_size = ctx.bytes(&MAX_RECORD_SIZE)?;
        if record_size > max_record_size {
            result.violate(
                &MAX_RECORD_SIZE,
                record_size.decimal(),
                max_record_size.decimal(),
                crate::services::kit::SPLIT_OR_POINTER,
            );
        }
        self.check_buffer(ctx, result)?;
        let (average, peak, size) = (ctx.average()?, ctx.peak()?, ctx.size()?);
        let bytes_per_second = average.times(size)?;
        let peak_bytes_per_second = peak.times(size)?.value();
        traced::step(
            "ingest_bytes_per_second",
            Part::Capacity,
            "B/s",
            bytes_per_second,
        );

        let (trigger, delay, fill_seconds) = self.flush(bytes_per_second)?;
        if let Some(fill) = fill_seconds {
            traced::step("buffer_fill_seconds", Part::Capacity, "s", fill);
        }
        let ms = given::ms_a_second();
        result.latency = Duration::from_ms(delay.times(ms)?.value().decimal());
        self.deliver(ctx, average, peak, result)?;
        let buffered = self.buffered(ctx, trigger)?;
        if let Some(output) = &mut result.output {
            output.object_buffer = Some(buffered);
        }
        // Firehose delivers in batches without an order guarantee and keeps
        // nothing once delivered: it cannot replay.
        result.properties = Properties {
            ordering: Some(Ordering::None),
            retention: Retention::None,
            replay: false,
            max_message_size: Some(max_record_size),
            max_run_duration: None,
        };
        result.capacity("flush_trigger", CapacityValue::Key(trigger.as_str()));
        if let Some(fill) = fill_seconds {
            result.capacity_number("buffer_fill_seconds", fill.value());
        }
        result.capacity_number("ingest_bytes_per_second", bytes_per_second.value());

        if self.source == Source::DirectPut {
            let records = ctx.count(&DIRECT_PUT_RECORDS)?;
            if rate.peak > N::of(records) {
                result.violate(
                    &DIRECT_PUT_RECORDS,
                    rate.peak.decimal(),
                    records,
                    FIX_DIRECT_PUT,
                );
            }
            let bytes = ctx.bytes(&DIRECT_PUT_BYTES)?.decimal();
            if peak_bytes_per_second > N::of(bytes) {
                result.violate(
                    &DIRECT_PUT_BYTES,
                    peak_bytes_per_second.decimal(),
                    bytes,
                    FIX_DIRECT_PUT,
                );
            }
        }

        // Each record is billed in whole 5 KB increments.
        let increment = Traced::rule(
            Decimal::from(BILLING_INCREMENT),
            "B",
            "Firehose bills each record in 5 KB increments",
        );
        let increments = size.per(increment)?.ceil().max(given::at_least_one(
            "",
            "a record is billed at least one increment",
        ));
        let billed_record = increments.times(increment)?;
        let billed_bytes = average.times(billed_record)?;
        let gb = ctx.monthly_traced(billed_bytes, given::gib())?;
        result.capacity_of("billed_record_bytes", billed_record, "B");
        charge_into(&mut result.line_items, ctx, &INGESTION_GB, gb)?;
        if self.format_conversion {
            charge_into(&mut result.line_items, ctx, &FORMAT_CONVERSION_GB, gb)?;
        }
        Ok(())
    }
}

impl Input {
    /// A buffer size or interval that a delivery stream cannot be set to
    /// fails the design; it is evaluated as set, to show what it would cost.
    fn check_buffer<N: Number>(
        &self,
        ctx: &Ctx<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        ctx.within(
            self.buffer_size.decimal(),
            (
                &MIN_BUFFER_SIZE,
                "raise `buffer_size`; to deliver sooner, shorten `buffer_interval` instead",
            ),
            (
                &MAX_BUFFER_SIZE,
                "lower `buffer_size`; for larger objects, compact them after delivery",
            ),
            result,
        )?;
        let max_interval = ctx.duration(&MAX_BUFFER_INTERVAL)?;
        if self.buffer_interval > max_interval {
            result.violate(
                &MAX_BUFFER_INTERVAL,
                self.buffer_interval.ms(),
                max_interval.ms(),
                "shorten `buffer_interval`: Firehose delivers at least this often",
            );
        }
        Ok(())
    }

    /// Whether the buffer could put more into each object: the trigger
    /// that sets off deliveries, its size or its interval, is below its
    /// maximum.
    fn buffered<N: Number>(
        &self,
        ctx: &Ctx<N>,
        trigger: FlushTrigger,
    ) -> Result<Buffered, EvalError> {
        let at_maximum = match trigger {
            FlushTrigger::Size => self.buffer_size >= ctx.bytes(&MAX_BUFFER_SIZE)?,
            FlushTrigger::Interval => self.buffer_interval >= ctx.duration(&MAX_BUFFER_INTERVAL)?,
        };
        Ok(if at_maximum {
            Buffered::AtMaximum
        } else {
            Buffered::CanGrow
        })
    }

    /// What sets off a delivery at `bytes_per_second`, how long the data
    /// waits, and how long the buffer takes to fill (if anything arrives).
    /// The buffer delivers when it is full or when the interval ends,
    /// whichever comes first.
    fn flush<N: Number>(&self, bytes_per_second: Traced<N>) -> Result<Flush<N>, EvalError> {
        let interval = given::seconds(self.buffer_interval, &BUFFER_INTERVAL);
        // A trickle that would take longer than exact decimals can count to
        // fill the buffer never fills it: the interval sets the pace.
        let fill_seconds = given::size(self.buffer_size, &BUFFER_SIZE)
            .per(bytes_per_second)
            .ok();
        Ok(match fill_seconds {
            // The interval, unless the buffer fills sooner.
            Some(fill) => match Traced::least(&[interval, fill]) {
                (1, delay) => (FlushTrigger::Size, delay, fill_seconds),
                (_, delay) => (FlushTrigger::Interval, delay, fill_seconds),
            },
            None => (FlushTrigger::Interval, interval, None),
        })
    }

    /// Firehose writes one object per delivery: its rate is one over the
    /// time between deliveries, its size the bytes buffered meanwhile
    /// (smaller once converted to Parquet or ORC, by `conversion_ratio`).
    /// A zero interval delivers each record as it comes.
    fn deliver<N: Number>(
        &self,
        ctx: &Ctx<N>,
        average: Traced<N>,
        peak: Traced<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        let size = ctx.size()?;
        let objects = |records: Traced<N>| -> Result<(Traced<N>, Traced<N>), EvalError> {
            // Nothing buffered, nothing delivered: no empty objects.
            if records.value().is_zero() {
                return Ok((records, records));
            }
            let bytes_per_second = records.times(size)?;
            let (_, every, _) = self.flush(bytes_per_second)?;
            if every.value().is_zero() {
                Ok((records, size))
            } else {
                let one = Traced::rule(Decimal::ONE, "", "one object a delivery");
                Ok((one.per(every)?, bytes_per_second.times(every)?))
            }
        };
        let (average, bytes) = objects(average)?;
        traced::step("objects_per_second", Part::Capacity, "objects/s", average);
        let (peak, _) = objects(peak)?;
        let (average, peak) = (average.value(), peak.value());
        let bytes = match self.conversion_ratio {
            Some(ratio) => bytes.times(given::key(ratio, "", &CONVERSION_RATIO))?,
            None => bytes,
        };
        let object_size = Bytes(bytes.value().ceil().whole().unwrap_or(u64::MAX));
        result.capacity_number("objects_per_second", average);
        result.output = Some(Flow::new(
            Rate::new(average, number::max(peak, average)),
            Some(object_size),
        ));
        Ok(())
    }
}

/// What sets off a delivery, how long the data waits, and how long the
/// buffer takes to fill, if it fills.
type Flush<N> = (FlushTrigger, Traced<N>, Option<Traced<N>>);

const FIX_DIRECT_PUT: &str = "request a quota increase, or put Kinesis Data Streams in front (`source = \"kinesis_data_streams\"`)";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::units::PIB;
    use crate::model::report::Violation;
    use crate::services::kit::testing::{Fed, ctx, floats_agree, item, steady};
    use rust_decimal_macros::dec;

    fn stream(records_per_second: Decimal, record_size: Bytes) -> Fed<Input> {
        let input = Input {
            buffer_size: Bytes::mib(5),
            buffer_interval: Duration::from_secs(300),
            format_conversion: false,
            conversion_ratio: None,
            source: Source::DirectPut,
        };
        Fed::new(
            input,
            steady(records_per_second, record_size),
            Input::evaluate_into,
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
        assert_eq!(
            crate::base::number::cents(ingestion.monthly_cost),
            dec!(35.84)
        );
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
        // A stream takes 5,000 records/s and 5 MiB/s (5,242,880 B/s).
        // 10,000 records/s of 1 KB (10,240,000 B/s) is over both.
        let result = stream(dec!(10000), Bytes::kib(1))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(result.violations.len(), 2, "{:?}", result.violations);
        // 6,000 records/s of 100 B (600,000 B/s) is over the records only.
        let result = stream(dec!(6000), Bytes(100))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(result.violations.len(), 1, "{:?}", result.violations);
        // 5,000 records/s of 1 KB (5,120,000 B/s) is within both.
        let result = stream(dec!(5000), Bytes::kib(1))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert!(result.violations.is_empty(), "{:?}", result.violations);
    }

    #[test]
    fn figures_too_large_for_exact_decimals_are_an_error() {
        // 10^12 records/s of 1 PB: 1.1 × 10^27 bytes/s still fits in 28
        // digits, the month's GB ingested (× 2,628,000 s) do not.
        let result = stream(dec!(1_000_000_000_000), Bytes(PIB)).evaluate(&ctx(dec!(730)));
        assert_eq!(result, Err(EvalError::Arithmetic));
        // 10^12 records/s of 1 KB fits: its 1.25 × 10^13 GB a month are
        // past the table's last tier (5 PB), an error about the price.
        let result = stream(dec!(1_000_000_000_000), Bytes::kib(1)).evaluate(&ctx(dec!(730)));
        assert_eq!(result, Err(EvalError::BeyondLastTier(&INGESTION_GB)));
    }

    #[test]
    fn a_buffer_over_128_mb_is_a_violation() {
        // 256 MB = 268,435,456 B, over the 128 MB = 134,217,728 B a
        // delivery stream buffers.
        let mut input = stream(dec!(1), Bytes::kib(1));
        input.buffer_size = Bytes::mib(256);
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(
            result.violations.as_slice(),
            [Violation::Limit {
                limit: &MAX_BUFFER_SIZE,
                needed: dec!(268435456),
                allowed: dec!(134217728),
                fix: "lower `buffer_size`; for larger objects, compact them after delivery",
            }]
        );
    }

    #[test]
    fn a_buffer_under_1_mb_is_a_violation() {
        // 512 KB = 524,288 B, under the 1 MB = 1,048,576 B minimum.
        let mut input = stream(dec!(1), Bytes::kib(1));
        input.buffer_size = Bytes::kib(512);
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(
            result.violations.as_slice(),
            [Violation::Minimum {
                limit: &MIN_BUFFER_SIZE,
                set: dec!(524288),
                minimum: dec!(1048576),
                fix: "raise `buffer_size`; to deliver sooner, shorten `buffer_interval` instead",
            }]
        );
    }

    #[test]
    fn an_interval_over_15_minutes_is_a_violation() {
        // 20 min = 1,200,000 ms, over 15 min = 900,000 ms.
        let mut input = stream(dec!(1), Bytes::kib(1));
        input.buffer_interval = Duration::from_secs(1200);
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(
            result.violations.as_slice(),
            [Violation::Limit {
                limit: &MAX_BUFFER_INTERVAL,
                needed: dec!(1200000),
                allowed: dec!(900000),
                fix: "shorten `buffer_interval`: Firehose delivers at least this often",
            }]
        );
        // 1 KB/s never fills 5 MB: the interval, as set, is the latency.
        assert_eq!(result.latency, Duration::from_secs(1200));
    }

    #[test]
    fn a_trickle_too_slow_to_fill_the_buffer_flushes_on_the_interval() {
        // 1e-28 records/s of 1 KB would take 5 MiB / 1.024e-25 B/s = 5.1e31 s
        // to fill the buffer, past what exact decimals count: the 300 s
        // interval sets the pace, and nothing overflows.
        let result = stream(Decimal::new(1, 28), Bytes::kib(1))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(
            key(&result, "flush_trigger"),
            CapacityValue::Key("interval")
        );
        assert_eq!(result.latency, Duration::from_secs(300));
    }

    #[test]
    fn floats_give_the_exact_bill_and_verdict() {
        let month = ctx(dec!(730));
        // (source, buffer size, buffer interval in seconds, conversion
        // ratio, records/s, record size)
        let cases = [
            // The buffer fills in 1 s, past Direct PUT's records a second.
            (
                Source::DirectPut,
                Bytes::mib(5),
                300,
                None,
                dec!(5120),
                Bytes::kib(1),
            ),
            // A trickle: the interval delivers, converted to a third.
            (
                Source::DirectPut,
                Bytes::mib(5),
                300,
                Some(dec!(0.3)),
                dec!(1.234567),
                Bytes::kib(3),
            ),
            // Small records billed 5 KB each, past the first price tier.
            (
                Source::KinesisDataStreams,
                Bytes::mib(128),
                60,
                None,
                dec!(50_000),
                Bytes(40),
            ),
            // No interval: each record as it comes, past Direct PUT's bytes.
            (
                Source::DirectPut,
                Bytes::mib(5),
                0,
                None,
                dec!(1234.567),
                Bytes::kib(12),
            ),
            // A buffer and an interval past their maxima.
            (
                Source::DirectPut,
                Bytes::mib(256),
                1200,
                None,
                dec!(0.5),
                Bytes::kib(1),
            ),
            (
                Source::DirectPut,
                Bytes::mib(5),
                300,
                None,
                Decimal::ZERO,
                Bytes::kib(1),
            ),
        ];
        for (source, buffer_size, interval, ratio, rate, size) in cases {
            let mut fed = stream(rate, size);
            fed.source = source;
            fed.buffer_size = buffer_size;
            fed.buffer_interval = Duration::from_secs(interval);
            fed.format_conversion = ratio.is_some();
            fed.conversion_ratio = ratio;
            // A month of its own: no earlier case's GB count towards the tiers.
            floats_agree(&fed.input, fed.flow, &ctx(dec!(730)));
        }
        // A buffer that fills at a non-round rate waits its fill time,
        // which floats reach to within their rounding but not to the last
        // of a decimal's 28 digits (the latency is compared within 1e-9).
        let fed = stream(dec!(1234.567), Bytes::kib(5));
        let exact = fed.evaluate(&month).unwrap();
        assert_eq!(key(&exact, "flush_trigger"), CapacityValue::Key("size"));
        floats_agree(&fed.input, fed.flow, &ctx(dec!(730)));
    }

    #[test]
    fn nothing_in_is_nothing_out() {
        let result = stream(Decimal::ZERO, Bytes::kib(1))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(
            result.output.and_then(|f| f.rate),
            Some(Rate::flat(Decimal::ZERO))
        );
    }
}
