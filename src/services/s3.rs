//! Amazon S3, Standard storage class.

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::base::units::{Bytes, MIB};
use crate::model::choice::{Choice, choice};
use crate::model::dimension::{Dimension, Limit, LimitKind};
use crate::model::flow::{self, Flow, InputKeys, Rate};
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
    code: "AmazonS3",
    catalogue: None,
    mappings: &[
        // S3 Standard: Intelligent-Tiering's overhead shares the storage usage type.
        Mapping::usage(&STORAGE_GB_MONTH, "TimedStorage-ByteHrs")
            .with(&[("volumeType", "Standard")]),
        Mapping::usage(&PUT_REQUESTS, "Requests-Tier1").per(1_000),
        Mapping::usage(&GET_REQUESTS, "Requests-Tier2").per(1_000),
    ],
};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "s3",
    title: "S3",
    aliases: &["simple_storage_service"],
    dimensions: &[&STORAGE_GB_MONTH, &PUT_REQUESTS, &GET_REQUESTS],
    limits: &[
        &PREFIX_WRITE_REQUESTS,
        &PREFIX_READ_REQUESTS,
        &MAX_OBJECT_SIZE,
        &MAX_PUT_SIZE,
        &LATENCY,
    ],
    catalogue: None,
    offer: Some(&OFFER),
    keys: &[&STORAGE, &RETENTION, &GETS_PER_SECOND],
    functions: Functions::of::<Input>(),
    doc: &DOC,
    input: Some(&PUTS),
    transforms: false,
};

static PUTS_PER_SECOND: Key = Key::new(
    "puts_per_second",
    Kind::Rate,
    Default::None,
    "objects written per second, on average",
)
.defaulting_to("the flow, or none");
static PEAK_PUTS_PER_SECOND: Key = Key::new(
    "peak_puts_per_second",
    Kind::Rate,
    Default::None,
    "objects written in the busiest second",
)
.defaulting_to("the flow");
static OBJECT_SIZE: Key = Key::new(
    "object_size",
    Kind::Size,
    Default::None,
    "bytes per object (at most 5 TB; over 5 GB, a multipart upload)",
)
.defaulting_to("the flow");
static PUTS: InputKeys = InputKeys {
    unit: "objects/s",
    rate: &PUTS_PER_SECOND,
    peak: &PEAK_PUTS_PER_SECOND,
    size: &OBJECT_SIZE,
    all: &[
        &PUTS_PER_SECOND,
        &PEAK_PUTS_PER_SECOND,
        &flow::PEAK_TO_AVERAGE,
        &flow::PROFILE,
        &flow::HOURLY,
        &OBJECT_SIZE,
    ],
};

static STORAGE: Key = Key::new(
    "storage",
    Kind::Size,
    Default::None,
    "data stored (S3 Standard)",
)
.defaulting_to("0, or what `retention` keeps");
static RETENTION: Key = Key::new(
    "retention",
    Kind::Duration,
    Default::None,
    "how long objects stay: the bucket then holds what arrives in that time, instead of `storage`",
)
.defaulting_to("`storage` instead")
.in_unit("d");
static GETS_PER_SECOND: Key = Key::new(
    "gets_per_second",
    Kind::Rate,
    Default::Integer(0),
    "objects read per second",
);

pub const DOC: Doc = Doc {
    bills: "GB-months (Standard, tiered) of `storage`, or of what arrives in `retention` (objects/s × object size × retention), PUT and GET requests",
    reports: "`prefixes` for 3,500 PUT and 5,500 GET a second each; `stored`",
    summary: "object storage, billed per GB-month and per request",
    ordering: "none",
    retention: "until deleted (lifecycle rules)",
    replay: "yes: objects can be read again",
    latency: "10-100 ms",
    scaling: "3,500 PUT/COPY/POST/DELETE and 5,500 GET/HEAD per second per prefix",
    formulas: &[
        "prefixes = ceil(max(PUT/s / 3,500, GET/s / 5,500))",
        "stored = `storage`, or objects/s x object size x `retention` once the bucket is full",
        "storage GB-months, tiered; PUT and GET per thousand requests",
    ],
};

/// Objects a second, each under [`SMALL_OBJECT`] bytes, from which they
/// are almost surely records written one by one: a design choice to
/// question, not an AWS limit.
const MANY_OBJECTS_PER_SECOND: u32 = 100;
const SMALL_OBJECT: u64 = MIB;

pub const STORAGE_GB_MONTH: Dimension = Dimension::new("s3.storage_gb_month", "GB-month");
pub const PUT_REQUESTS: Dimension = Dimension::new("s3.put_requests", "thousand requests");
pub const GET_REQUESTS: Dimension = Dimension::new("s3.get_requests", "thousand requests");

pub const PREFIX_WRITE_REQUESTS: Limit = Limit::new(
    "s3.prefix_write_requests_per_second",
    LimitKind::Count,
    "PUT/COPY/POST/DELETE requests per second per prefix",
);
pub const PREFIX_READ_REQUESTS: Limit = Limit::new(
    "s3.prefix_read_requests_per_second",
    LimitKind::Count,
    "GET/HEAD requests per second per prefix",
);
pub const MAX_OBJECT_SIZE: Limit =
    Limit::new("s3.max_object_size", LimitKind::Bytes, "object size");
pub const MAX_PUT_SIZE: Limit = Limit::new(
    "s3.max_put_size",
    LimitKind::Bytes,
    "object size in a single PUT",
);
pub const LATENCY: Limit = Limit::new("s3.latency", LimitKind::Duration, "latency");

choice! {
    /// The request rate that sets the number of prefixes.
    pub enum Binding {
        WriteRequests = "write_requests",
        ReadRequests = "read_requests",
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub storage: Storage,
    pub gets_per_second: Decimal,
}

/// What the bucket holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Storage {
    Given(Bytes),
    /// What arrives in this time: objects are kept so long, then expire.
    Retention(crate::base::units::Duration),
}

fn build(values: &Values) -> Result<Input, Invalid> {
    let default = || Invalid::component("a key of `s3` has no value");
    let storage = match (values.bytes(&STORAGE), values.duration(&RETENTION)) {
        (Some(_), Some(_)) => {
            return Err(Invalid::new(
                &RETENTION,
                "`retention` and `storage` both say what the bucket holds",
            )
            .with_help(
                "keep `storage` for a figure you know, or `retention` to size it from the flow",
            ));
        }
        (None, Some(retention)) => Storage::Retention(retention),
        (Some(storage), None) => Storage::Given(storage),
        (None, None) => Storage::Given(Bytes(0)),
    };
    Ok(Input {
        storage,
        gets_per_second: values.number(&GETS_PER_SECOND).ok_or_else(default)?,
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
        result.reset(SERVICE.name, None);
        // Each record that reaches S3 is written as an object; with nothing
        // flowing in, the bucket only stores and serves.
        let puts = ctx.input.rate.unwrap_or(Rate::flat(N::ZERO));
        let (peak, average) = match ctx.input.rate {
            Some(_) => (ctx.peak()?, ctx.average()?),
            None => {
                let none = Traced::rule(Decimal::ZERO, "objects/s", "nothing flows in");
                (none, none)
            }
        };
        let object_size = ctx.input.record_size;
        let max_object_size = ctx.bytes(&MAX_OBJECT_SIZE)?;
        if let Some(size) = object_size
            && size > max_object_size
        {
            result.violate(
                &MAX_OBJECT_SIZE,
                size.decimal(),
                max_object_size.decimal(),
                "split the data into several objects",
            );
        }

        // S3 serves at least 3,500 writes and 5,500 reads per second per
        // partitioned prefix and adds partitions as the load grows, so the
        // keys need to spread over enough prefixes for the busier of the two.
        let gets = given::key(self.gets_per_second, "GETs/s", &GETS_PER_SECOND);
        let by_writes = peak.per(ctx.limit_traced(&PREFIX_WRITE_REQUESTS, "PUTs/s")?)?;
        let by_reads = gets.per(ctx.limit_traced(&PREFIX_READ_REQUESTS, "GETs/s")?)?;
        traced::step(
            "write_requests_prefixes",
            Part::Capacity,
            "prefixes",
            by_writes,
        );
        traced::step(
            "read_requests_prefixes",
            Part::Capacity,
            "prefixes",
            by_reads,
        );
        let (binding, tightest) = match Traced::greatest(&[by_writes, by_reads]) {
            (0, tightest) => (Binding::WriteRequests, tightest),
            (_, tightest) => (Binding::ReadRequests, tightest),
        };
        let prefixes = tightest.ceil().max(given::at_least_one(
            "prefixes",
            "a bucket has at least one prefix",
        ));
        result.capacity_of("prefixes", prefixes, "prefixes");
        result.capacity("binding_limit", CapacityValue::Key(binding.as_str()));
        result.capacity_number("write_requests_prefixes", by_writes.value());
        result.capacity_number("read_requests_prefixes", by_reads.value());
        if prefixes.value() > N::ONE {
            result.warn(
                "prefix_scaling",
                "S3 adds request capacity per prefix gradually: spread keys over the prefixes \
                 and expect 503 Slow Down replies while it scales",
            );
        }
        // Small objects arriving many a second are almost surely records
        // written one by one: each is a PUT, and a query reads them slowly.
        if puts.average >= N::of(Decimal::from(MANY_OBJECTS_PER_SECOND))
            && object_size.is_some_and(|size| size.0 < SMALL_OBJECT)
        {
            result.warn(
                "object_per_record",
                "objects arrive at 100 a second or more, each under 1 MB: if each is a record, \
                 batch records into larger objects before S3 (Firehose, or a stream processor's \
                 file sink); every object is a PUT",
            );
        }
        // Objects above the single-PUT limit must be uploaded in parts.
        let max_put_size = ctx.bytes(&MAX_PUT_SIZE)?;
        if object_size.is_some_and(|size| size > max_put_size) {
            result.warn(
                "multipart_upload",
                "objects over 5 GB need a multipart upload; each part is a PUT request, \
                 which the PUT figure here does not count",
            );
        }

        // Kept for `retention`, the bucket holds, once full, what arrives in
        // that time.
        let stored = match self.storage {
            Storage::Given(bytes) => given::size(bytes, &STORAGE),
            Storage::Retention(retention) => {
                let stored = average
                    .times(ctx.size()?)?
                    .times(given::seconds(retention, &RETENTION))?;
                let whole = stored.floor();
                result.capacity("stored", CapacityValue::Bytes(whole_bytes(whole.value())?));
                traced::step("stored", Part::Capacity, "B", whole);
                stored
            }
        };
        let gb_month = stored.per(given::gib())?;
        charge_into(&mut result.line_items, ctx, &STORAGE_GB_MONTH, gb_month)?;
        let thousand = || {
            Traced::rule(
                THOUSAND,
                "",
                "a thousand, for requests priced by the thousand",
            )
        };
        let thousand_puts = ctx.monthly_traced(average, thousand())?;
        charge_into(&mut result.line_items, ctx, &PUT_REQUESTS, thousand_puts)?;
        if !self.gets_per_second.is_zero() {
            let gets = ctx.monthly_traced(gets, thousand())?;
            charge_into(&mut result.line_items, ctx, &GET_REQUESTS, gets)?;
        }
        let stored = stored.value();

        // Objects have no order among themselves, stay until deleted, and can
        // be read again at any time.
        result.properties = Properties {
            ordering: Some(Ordering::None),
            retention: Retention::Indefinite,
            replay: true,
            max_message_size: Some(max_object_size),
            max_run_duration: None,
        };
        result.latency = ctx.duration(&LATENCY)?;
        // With event notifications, S3 announces each object it stores.
        // Queries after it read what it holds.
        result.output = Some(Flow {
            stored: Some(whole_bytes(stored)?),
            stored_object_size: object_size,
            object_buffer: ctx.input.object_buffer,
            ..Flow::new(puts, Some(EVENT_SIZE))
        });
        Ok(())
    }
}

const THOUSAND: Decimal = Decimal::ONE_THOUSAND;

/// A byte count worked out in decimals (or floats), as whole bytes; past
/// calc's largest size, an error rather than a wrong figure.
fn whole_bytes<N: Number>(bytes: N) -> Result<Bytes, EvalError> {
    bytes.whole().map(Bytes).ok_or(EvalError::Arithmetic)
}

/// An object-created event notification is a JSON document of about 1 KB
/// (the example in the S3 user guide's "event message structure"); SQS, SNS
/// and EventBridge bill it as one request whatever its size under 64 KB.
const EVENT_SIZE: Bytes = Bytes::kib(1);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::units::{Duration, GIB, PIB, TIB};
    use crate::model::report::Level;
    use crate::services::kit::testing::{Fed, ctx, floats_agree, item, prices, steady};
    use rust_decimal_macros::dec;

    fn bucket(storage: Bytes, puts_per_second: Decimal, gets_per_second: Decimal) -> Fed<Input> {
        let storage = Storage::Given(storage);
        let input = Input {
            storage,
            gets_per_second,
        };
        Fed::new(
            input,
            steady(puts_per_second, Bytes::kib(1)),
            Input::evaluate_into,
        )
    }

    fn capacity(result: &ComponentResult, key: &str) -> CapacityValue {
        result.capacity.iter().find(|c| c.key == key).unwrap().value
    }

    #[test]
    fn floats_give_the_exact_bill_and_verdict() {
        let free_tier = || Ctx {
            free_tier: true,
            ..ctx(dec!(730))
        };
        // Storage given, across the tiers, with writes setting the prefixes.
        let fed = bucket(Bytes(600 * TIB), dec!(12000), dec!(10));
        floats_agree(&fed.input, fed.flow, &ctx(dec!(730)));
        // Reads setting the prefixes, in the free tier.
        let fed = bucket(Bytes(3 * GIB + 12345), dec!(1.5), dec!(12345.678));
        floats_agree(&fed.input, fed.flow, &free_tier());
        // Sized from a non-round flow kept for a retention.
        let mut fed = bucket(Bytes(0), dec!(0), dec!(0));
        fed.storage = Storage::Retention(Duration::from_hours(725));
        fed.flow = Flow::new(Rate::new(dec!(1234.567), dec!(2345.5)), Some(Bytes(3210)));
        floats_agree(&fed.input, fed.flow, &ctx(dec!(697.3)));
        // Objects over the largest S3 stores: a violation.
        let mut fed = bucket(Bytes(GIB), dec!(0.25), dec!(0));
        fed.flow = steady(dec!(0.25), Bytes(6 * TIB));
        floats_agree(&fed.input, fed.flow, &ctx(dec!(730)));
        // Nothing flowing in: the bucket only stores and serves.
        let fed = bucket(Bytes(10 * GIB), dec!(0), dec!(7.5));
        floats_agree(&fed.input, Flow::NOTHING, &ctx(dec!(730)));
    }

    #[test]
    fn twelve_thousand_puts_need_four_prefixes() {
        // 12,000 / 3,500 = 3.43 → 4 prefixes; reads 0.
        let result = bucket(Bytes(0), dec!(12000), dec!(0))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(
            capacity(&result, "prefixes"),
            CapacityValue::Number(dec!(4))
        );
        assert_eq!(
            capacity(&result, "binding_limit"),
            CapacityValue::Key("write_requests")
        );
    }

    #[test]
    fn reads_can_set_the_prefix_count() {
        // 1,000 PUT/s → 0.29; 12,000 GET/s / 5,500 = 2.18 → 3 prefixes.
        let result = bucket(Bytes(0), dec!(1000), dec!(12000))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(
            capacity(&result, "prefixes"),
            CapacityValue::Number(dec!(3))
        );
        assert_eq!(
            capacity(&result, "binding_limit"),
            CapacityValue::Key("read_requests")
        );
        // An idle bucket still has its one prefix.
        let idle = bucket(Bytes(0), dec!(0), dec!(0))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(capacity(&idle, "prefixes"), CapacityValue::Number(dec!(1)));
    }

    #[test]
    fn retention_sizes_the_bucket_from_the_flow() {
        // 10 objects/s of 1 KB kept 30 days: 10 × 1,024 × 2,592,000 s =
        // 26,542,080,000 bytes = 24.71923828125 GiB × $0.023 = $0.568542480…
        let mut kept = bucket(Bytes(0), dec!(10), dec!(0));
        kept.input.storage = Storage::Retention(Duration::from_hours(720));
        let result = kept.evaluate(&ctx(dec!(730))).unwrap();
        let storage = item(&result, "storage_gb_month");
        assert_eq!(storage.quantity, dec!(24.71923828125));
        assert_eq!(storage.monthly_cost, dec!(0.56854248046875));
        // What it holds flows on, for Athena to read.
        assert_eq!(result.output.unwrap().stored, Some(Bytes(26_542_080_000)));
    }

    #[test]
    fn storage_and_requests_at_730_hours() {
        // 10,000 GB × $0.023 = $230.00.
        // 100 PUT/s × 2,628,000 s = 262,800 thousand × $0.005 = $1,314.00.
        // 200 GET/s × 2,628,000 s = 525,600 thousand × $0.0004 = $210.24.
        let result = bucket(Bytes(10_000 * GIB), dec!(100), dec!(200))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(item(&result, "storage_gb_month").monthly_cost, dec!(230.00));
        let puts = item(&result, "put_requests");
        assert_eq!(puts.quantity, dec!(262800));
        assert_eq!(puts.monthly_cost, dec!(1314.00));
        assert_eq!(item(&result, "get_requests").monthly_cost, dec!(210.24));
        assert_eq!(result.latency, Duration::from_ms(dec!(100)));
    }

    #[test]
    fn storage_tiers() {
        // 600 TB = 614,400 GB: 51,200 × $0.023 = $1,177.60;
        // (512,000 − 51,200) = 460,800 × $0.022 = $10,137.60;
        // (614,400 − 512,000) = 102,400 × $0.021 = $2,150.40. Total $13,465.60.
        let result = bucket(Bytes(600 * TIB), dec!(0), dec!(0))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        let storage = item(&result, "storage_gb_month");
        assert_eq!(storage.quantity, dec!(614400));
        assert_eq!(storage.monthly_cost, dec!(13465.60));
        assert_eq!(storage.tiers.len(), 3);
    }

    #[test]
    fn the_largest_figures_are_priced_or_refused_without_a_panic() {
        // 10^12 PUT/s and GET/s of 1 PB objects into 1 PB of storage: about
        // 2.6 × 10^15 thousand requests each, well within exact decimals.
        let mut input = bucket(Bytes(PIB), dec!(1_000_000_000_000), dec!(1_000_000_000_000));
        input.flow = steady(dec!(1_000_000_000_000), Bytes(PIB));
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(
            capacity(&result, "prefixes"),
            CapacityValue::Number(dec!(285714286))
        );
        // A PUT price of 10^26 a thousand makes a bill too large to compute.
        let mut book = prices().clone();
        book.override_price(PUT_REQUESTS.key, dec!(1e26));
        let ctx = Ctx {
            prices: &book,
            ..ctx(dec!(730))
        };
        assert_eq!(
            input.evaluate(&ctx).unwrap_err(),
            EvalError::Overflow(&PUT_REQUESTS)
        );
    }

    #[test]
    fn many_prefixes_are_a_warning() {
        // 12,000 PUT/s need 4 prefixes, which S3 reaches only gradually,
        // answering 503 Slow Down meanwhile.
        let result = bucket(Bytes(0), dec!(12000), dec!(0))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        let warnings: Vec<_> = result
            .notes
            .iter()
            .filter(|note| note.level == Level::Warning)
            .map(|note| note.code)
            .collect();
        // Objects of 1 KB, 12,000 a second, are records one by one too.
        assert_eq!(warnings, ["prefix_scaling", "object_per_record"]);
    }
}
