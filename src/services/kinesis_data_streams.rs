//! Amazon Kinesis Data Streams, provisioned and on-demand (Standard or
//! Advantage).

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::base::units::{Bytes, Duration, KIB};
use crate::model::choice::{Choice, choice};
use crate::model::dimension::{Dimension, Limit, LimitKind};
use crate::model::flow;
use crate::model::keys::{Default, Invalid, Key, Kind, Values};
use crate::model::offer::{Mapping, Offer};
use crate::model::profile::HOURS;
use crate::model::report::{
    CapacityValue, ComponentResult, Hourly, Ordering, Properties, Retention,
};
use crate::model::traced::{self, Traced};
use crate::model::working::{Given, Part};
use crate::services::kit::bill::charge_into;
use crate::services::kit::{Component, Ctx, Doc, EvalError, Functions, ServiceDef, given};

mod advantage;
mod resharding;

/// The AWS Price List offer that prices it, and the products that price
/// its dimensions (`calc pricing import`).
pub static OFFER: Offer = Offer {
    code: "AmazonKinesis",
    catalogue: None,
    mappings: &[
        Mapping::usage(&SHARD_HOUR, "Storage-ShardHour"),
        Mapping::usage(&PUT_PAYLOAD_UNITS, "PutRequestPayloadUnits").per(1_000_000),
        Mapping::usage(&EXTENDED_RETENTION_SHARD_HOUR, "Extended-ShardHour"),
        Mapping::usage(&LONG_TERM_RETENTION_GB_MONTH, "LongTermRetention-ByteHrs"),
        Mapping::usage(&EFO_CONSUMER_SHARD_HOUR, "EnhancedFanoutHour"),
        Mapping::usage(&ON_DEMAND_STREAM_HOUR, "OnDemand-StreamHour"),
        Mapping::usage(&ON_DEMAND_DATA_IN_GB, "OnDemand-BilledIncomingBytes"),
        Mapping::usage(&ON_DEMAND_DATA_OUT_GB, "OnDemand-BilledOutgoingBytes"),
        Mapping::usage(
            &ON_DEMAND_EFO_DATA_RETRIEVAL_GB,
            "OnDemand-BilledOutgoingEFOBytes",
        ),
        Mapping::usage(
            &ON_DEMAND_EXTENDED_RETENTION_GB_MONTH,
            "OnDemand-ExtendedRetention-ByteHrs",
        ),
    ],
};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "kinesis_data_streams",
    title: "Kinesis Data Streams",
    aliases: &["kinesis", "kinesis_streams", "kds"],
    dimensions: &[
        &SHARD_HOUR,
        &PUT_PAYLOAD_UNITS,
        &EXTENDED_RETENTION_SHARD_HOUR,
        &LONG_TERM_RETENTION_GB_MONTH,
        &EFO_CONSUMER_SHARD_HOUR,
        &EFO_DATA_RETRIEVAL_GB,
        &ON_DEMAND_STREAM_HOUR,
        &ON_DEMAND_DATA_IN_GB,
        &ON_DEMAND_DATA_OUT_GB,
        &ON_DEMAND_EFO_DATA_RETRIEVAL_GB,
        &ON_DEMAND_EXTENDED_RETENTION_GB_MONTH,
        &ADVANTAGE_DATA_IN_GB,
        &ADVANTAGE_DATA_OUT_GB,
        &ADVANTAGE_EXTENDED_RETENTION_GB_MONTH,
    ],
    limits: &[
        &SHARD_WRITE_BYTES,
        &SHARD_WRITE_RECORDS,
        &SHARD_READ_BYTES,
        &SHARD_READ_TRANSACTIONS,
        &SHARDS_PER_ACCOUNT,
        &MAX_RECORD_SIZE,
        &EFO_CONSUMERS,
        &MIN_RETENTION,
        &MAX_RETENTION,
        &ON_DEMAND_MAX_WRITE_BYTES,
        &ON_DEMAND_NEW_WRITE_BYTES,
        &LATENCY_SHARED,
        &LATENCY_EFO,
        &RESHARDS_A_DAY,
        &RESHARD_FACTOR,
        &ADVANTAGE_MIN_INGEST,
        &ADVANTAGE_MIN_RETRIEVAL,
        &ADVANTAGE_EFO_CONSUMERS,
    ],
    catalogue: None,
    offer: Some(&OFFER),
    keys: &[
        &CAPACITY_MODE,
        &CONSUMERS,
        &EFO_CONSUMERS_KEY,
        &RETENTION,
        &MAX_RECORD_SIZE_KEY,
        &RESHARDING,
    ],
    functions: Functions::of::<Input>(),
    doc: &DOC,
    input: Some(&flow::RECORDS),
    transforms: false,
};

static CAPACITY_MODE: Key = Key::new(
    "capacity_mode",
    Kind::Choice(CapacityMode::NAMES),
    Default::Text("provisioned"),
    "`provisioned` (shards), `on_demand` (On-demand Standard: per stream-hour and GB) or `on_demand_advantage` (the account's On-demand Advantage: per GB, with the account's minimum throughput)",
);
static RESHARDING: Key = Key::new(
    "resharding",
    Kind::Choice(Resharding::NAMES),
    Default::Text("none"),
    "`hourly`: a provisioned stream resharded (UpdateShardCount) to follow the day's `profile`, within the API's limits; `daily` or `none`: the shards of the busiest hour all day",
);
static CONSUMERS: Key = Key::new(
    "consumers",
    Kind::Count { min: 0, max: 1_000 },
    Default::Integer(1),
    "shared-throughput consumers, each reading every record",
);
static EFO_CONSUMERS_KEY: Key = Key::new(
    "efo_consumers",
    Kind::Count { min: 0, max: 1_000 },
    Default::Integer(0),
    "enhanced fan-out consumers (20 per stream, 50 under On-demand Advantage)",
);
static RETENTION: Key = Key::new(
    "retention",
    Kind::Duration,
    Default::Text("24 h"),
    "how long records stay readable (24 h to 365 d)",
)
// The default is the shortest retention; a longer one is counted in days.
.in_unit("d");
static MAX_RECORD_SIZE_KEY: Key = Key::new(
    "max_record_size",
    Kind::Size,
    Default::Text("1 MB"),
    "the stream's record limit (up to 10 MB)",
);

pub const DOC: Doc = Doc {
    bills: "shard-hours, PUT payload units, retention, enhanced fan-out; or on-demand stream-hours and GB; or On-demand Advantage GB, at least the account's minimum",
    reports: "`shards` and the `binding_limit` (`write_bytes` | `write_records` | `shared_read_bytes`); under On-demand Advantage also the `ingest_shortfall_gb` and `retrieval_shortfall_gb` billed up to the minimum",
    summary: "a durable, ordered stream of records, sharded for throughput",
    ordering: "per shard (partition key)",
    retention: "24 h to 365 d",
    replay: "yes, from any position in the retention period",
    latency: "~200 ms shared, ~70 ms enhanced fan-out",
    scaling: "1 MB/s or 1,000 records/s in, 2 MB/s out per shard",
    formulas: &[
        "shards = ceil(max(write bytes/s / 1 MB, records/s / 1,000, write bytes/s x consumers / 2 MB))",
        "`resharding = \"hourly\"`: each hour's shards by the same rule at the hour's rate under the day's `profile`, reached by UpdateShardCount calls of at most double or half, `reshards_a_day` calls in all; shard-hours = the day's sum / 24 x hours a month",
        "PUT payload units = records x ceil(record size / 25 KB)",
        "extended retention (over 24 h) = shards x hours; over 7 d, GB-months of the bytes kept past 7 d",
        "enhanced fan-out = consumers x shards x hours, plus GB retrieved",
        "on demand: stream-hours, plus GB in and out with each record rounded up to 1 KB",
        "On-demand Advantage: no stream-hours; GB in = max(GB in, the minimum ingest x the month's seconds), GB out (shared and enhanced fan-out consumers alike) = max(GB out, the minimum retrieval x the month's seconds), each record rounded up to 1 KB",
    ],
};

pub const SHARD_HOUR: Dimension = Dimension::new("kinesis_data_streams.shard_hour", "shard-hour");
pub const PUT_PAYLOAD_UNITS: Dimension =
    Dimension::new("kinesis_data_streams.put_payload_units", "million units");
pub const EXTENDED_RETENTION_SHARD_HOUR: Dimension = Dimension::new(
    "kinesis_data_streams.extended_retention_shard_hour",
    "shard-hour",
);
pub const LONG_TERM_RETENTION_GB_MONTH: Dimension = Dimension::new(
    "kinesis_data_streams.long_term_retention_gb_month",
    "GB-month",
);
pub const EFO_CONSUMER_SHARD_HOUR: Dimension = Dimension::new(
    "kinesis_data_streams.efo_consumer_shard_hour",
    "consumer-shard-hour",
);
pub const EFO_DATA_RETRIEVAL_GB: Dimension =
    Dimension::new("kinesis_data_streams.efo_data_retrieval_gb", "GB");
pub const ON_DEMAND_STREAM_HOUR: Dimension =
    Dimension::new("kinesis_data_streams.on_demand_stream_hour", "stream-hour");
pub const ON_DEMAND_DATA_IN_GB: Dimension =
    Dimension::new("kinesis_data_streams.on_demand_data_in_gb", "GB");
pub const ON_DEMAND_DATA_OUT_GB: Dimension =
    Dimension::new("kinesis_data_streams.on_demand_data_out_gb", "GB");
pub const ON_DEMAND_EFO_DATA_RETRIEVAL_GB: Dimension =
    Dimension::new("kinesis_data_streams.on_demand_efo_data_retrieval_gb", "GB");
pub const ON_DEMAND_EXTENDED_RETENTION_GB_MONTH: Dimension = Dimension::new(
    "kinesis_data_streams.on_demand_extended_retention_gb_month",
    "GB-month",
);

pub const ADVANTAGE_DATA_IN_GB: Dimension =
    Dimension::new("kinesis_data_streams.on_demand_advantage_data_in_gb", "GB");
pub const ADVANTAGE_DATA_OUT_GB: Dimension =
    Dimension::new("kinesis_data_streams.on_demand_advantage_data_out_gb", "GB");
pub const ADVANTAGE_EXTENDED_RETENTION_GB_MONTH: Dimension = Dimension::new(
    "kinesis_data_streams.on_demand_advantage_extended_retention_gb_month",
    "GB-month",
);

pub const SHARD_WRITE_BYTES: Limit = Limit::new(
    "kinesis_data_streams.shard_write_bytes_per_second",
    LimitKind::Bytes,
    "of writes per second per shard",
);
pub const SHARD_WRITE_RECORDS: Limit = Limit::new(
    "kinesis_data_streams.shard_write_records_per_second",
    LimitKind::Count,
    "records written per second per shard",
);
pub const SHARD_READ_BYTES: Limit = Limit::new(
    "kinesis_data_streams.shard_read_bytes_per_second",
    LimitKind::Bytes,
    "of shared reads per second per shard",
);
pub const SHARD_READ_TRANSACTIONS: Limit = Limit::new(
    "kinesis_data_streams.shard_read_transactions_per_second",
    LimitKind::Count,
    "GetRecords calls per second per shard",
);
pub const SHARDS_PER_ACCOUNT: Limit = Limit::new(
    "kinesis_data_streams.shards_per_account",
    LimitKind::Count,
    "shards per account in the Region",
);
pub const MAX_RECORD_SIZE: Limit = Limit::new(
    "kinesis_data_streams.max_record_size",
    LimitKind::Bytes,
    "record size",
);
pub const EFO_CONSUMERS: Limit = Limit::new(
    "kinesis_data_streams.efo_consumers_per_stream",
    LimitKind::Count,
    "enhanced fan-out consumers per stream",
);
pub const MIN_RETENTION: Limit = Limit::new(
    "kinesis_data_streams.min_retention",
    LimitKind::Duration,
    "retention",
);
pub const MAX_RETENTION: Limit = Limit::new(
    "kinesis_data_streams.max_retention",
    LimitKind::Duration,
    "retention",
);
/// What a new on-demand stream takes at first, before it has a peak to
/// double.
pub const ON_DEMAND_NEW_WRITE_BYTES: Limit = Limit::new(
    "kinesis_data_streams.on_demand_new_stream_write_bytes_per_second",
    LimitKind::Bytes,
    "of writes per second a new on-demand stream takes",
);
pub const ON_DEMAND_MAX_WRITE_BYTES: Limit = Limit::new(
    "kinesis_data_streams.on_demand_max_write_bytes_per_second",
    LimitKind::Bytes,
    "of on-demand writes per second per stream",
);
pub const ADVANTAGE_MIN_INGEST: Limit = Limit::new(
    "kinesis_data_streams.advantage_min_ingest_bytes_per_second",
    LimitKind::Bytes,
    "of data in per second that On-demand Advantage commits the account to, across its on-demand streams in the Region",
);
pub const ADVANTAGE_MIN_RETRIEVAL: Limit = Limit::new(
    "kinesis_data_streams.advantage_min_retrieval_bytes_per_second",
    LimitKind::Bytes,
    "of data out per second that On-demand Advantage commits the account to, across its on-demand streams in the Region",
);
pub const ADVANTAGE_EFO_CONSUMERS: Limit = Limit::new(
    "kinesis_data_streams.advantage_efo_consumers_per_stream",
    LimitKind::Count,
    "enhanced fan-out consumers per stream under On-demand Advantage",
);
pub const LATENCY_SHARED: Limit = Limit::new(
    "kinesis_data_streams.latency_shared_throughput",
    LimitKind::Duration,
    "latency",
);
pub const LATENCY_EFO: Limit = Limit::new(
    "kinesis_data_streams.latency_enhanced_fan_out",
    LimitKind::Duration,
    "latency",
);

choice! {
    pub enum CapacityMode {
        Provisioned = "provisioned",
        OnDemand = "on_demand",
        /// On-demand Advantage, the account's setting for all its
        /// on-demand streams in the Region.
        OnDemandAdvantage = "on_demand_advantage",
    }
}

choice! {
    /// How often a provisioned stream's shard count changes.
    pub enum Resharding {
        None = "none",
        /// Once a day: a day that repeats needs the busiest hour's shards.
        Daily = "daily",
        Hourly = "hourly",
    }
}

pub const RESHARDS_A_DAY: Limit = Limit::new(
    "kinesis_data_streams.reshards_a_day",
    LimitKind::Count,
    "UpdateShardCount calls a rolling 24 hours",
);
pub const RESHARD_FACTOR: Limit = Limit::new(
    "kinesis_data_streams.reshard_factor",
    LimitKind::Count,
    "how far one UpdateShardCount may go: up to this many times the shards, down to the shards over it",
);

/// The working's name for each hour's shards under hourly resharding.
const HOUR_FIGURES: [&str; HOURS] = [
    "shards_00",
    "shards_01",
    "shards_02",
    "shards_03",
    "shards_04",
    "shards_05",
    "shards_06",
    "shards_07",
    "shards_08",
    "shards_09",
    "shards_10",
    "shards_11",
    "shards_12",
    "shards_13",
    "shards_14",
    "shards_15",
    "shards_16",
    "shards_17",
    "shards_18",
    "shards_19",
    "shards_20",
    "shards_21",
    "shards_22",
    "shards_23",
];

choice! {
    /// The limit that sets the shard count.
    pub enum Binding {
        WriteBytes = "write_bytes",
        WriteRecords = "write_records",
        SharedReadBytes = "shared_read_bytes",
    }
}

/// Provisioned streams bill each record in 25 KiB PUT payload units.
const PUT_PAYLOAD_UNIT: u64 = 25 * KIB;
/// On-demand streams bill data in and out with each record rounded up to 1 KiB.
const ON_DEMAND_RECORD_UNIT: u64 = KIB;
const DAY: u64 = 24;
const WEEK: u64 = 7 * 24;

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub mode: CapacityMode,
    /// Shared-throughput consumers, each reading every record.
    pub consumers: u32,
    pub efo_consumers: u32,
    pub retention: Duration,
    pub max_record_size: Bytes,
    pub resharding: Resharding,
}

fn build(values: &Values) -> Result<Input, Invalid> {
    let default = || Invalid::component("a key of `kinesis_data_streams` has no value");
    let max_record_size = values.bytes(&MAX_RECORD_SIZE_KEY).ok_or_else(default)?;
    if max_record_size == Bytes(0) {
        return Err(Invalid::new(
            &MAX_RECORD_SIZE_KEY,
            "`max_record_size` must be at least 1 B",
        )
        .with_help("leave it out for the default of 1 MB"));
    }
    let mode: CapacityMode = values.choice(&CAPACITY_MODE).ok_or_else(default)?;
    let resharding: Resharding = values.choice(&RESHARDING).ok_or_else(default)?;
    if resharding != Resharding::None && mode != CapacityMode::Provisioned {
        return Err(Invalid::new(
            &RESHARDING,
            "resharding changes a provisioned stream's shards; an on-demand stream scales by itself",
        )
        .with_help("set `capacity_mode = \"provisioned\"`, or remove `resharding`"));
    }
    Ok(Input {
        resharding,
        mode,
        consumers: values.count(&CONSUMERS).ok_or_else(default)?,
        efo_consumers: values.count(&EFO_CONSUMERS_KEY).ok_or_else(default)?,
        retention: values.duration(&RETENTION).ok_or_else(default)?,
        max_record_size,
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
        result.reset(SERVICE.name, Some(self.mode.as_str()));
        let rate = ctx.rate()?;
        let record_size = ctx.record_size()?;
        self.check_records(ctx, record_size, result)?;
        // Shards are sized for the peak; what is billed per byte follows the average.
        let (peak, size) = (ctx.peak()?, ctx.size()?);
        let write_bytes = ctx.average()?.times(size)?;
        let peak_write_bytes = peak.times(size)?;

        // AWS's sizing rule (Kinesis developer guide, "resharding"): a shard takes
        // 1 MB/s or 1,000 records/s of writes and serves 2 MB/s to the
        // shared-throughput consumers together; enhanced fan-out consumers get
        // their own 2 MB/s and do not count here.
        let by_write_bytes = peak_write_bytes.per(ctx.limit_traced(&SHARD_WRITE_BYTES, "B/s")?)?;
        let by_write_records = peak.per(ctx.limit_traced(&SHARD_WRITE_RECORDS, "records/s")?)?;
        let consumers = given::key(self.consumers, "", &CONSUMERS);
        let by_shared_reads = peak_write_bytes
            .times(consumers)?
            .per(ctx.limit_traced(&SHARD_READ_BYTES, "B/s")?)?;
        let terms = [
            ("write_bytes_shards", by_write_bytes),
            ("write_records_shards", by_write_records),
            ("shared_read_bytes_shards", by_shared_reads),
        ];
        for (figure, term) in terms {
            traced::step(figure, Part::Capacity, "shards", term);
        }
        let (binding, tightest) = Traced::greatest(&terms.map(|(_, term)| term));
        let binding = [
            Binding::WriteBytes,
            Binding::WriteRecords,
            Binding::SharedReadBytes,
        ][binding];
        let shards = tightest.ceil().max(given::at_least_one(
            "shards",
            "a stream has at least one shard",
        ));

        result.capacity_of("shards", shards, "shards");
        result.capacity("binding_limit", CapacityValue::Key(binding.as_str()));
        for (figure, term) in terms {
            result.capacity_number(figure, term.value());
        }
        result.capacity_of("write_bytes_per_second", write_bytes, "B/s");

        // Each shared consumer polls each shard about once a second, and a
        // shard serves 5 GetRecords calls a second: more consumers are
        // throttled, however many shards there are.
        let consumers = Decimal::from(self.consumers);
        let calls = ctx.count(&SHARD_READ_TRANSACTIONS)?;
        if consumers > calls {
            result.violate(
                &SHARD_READ_TRANSACTIONS,
                consumers,
                calls,
                "use enhanced fan-out (`efo_consumers`) for the consumers past the fifth: more shards do not help",
            );
        }
        match self.mode {
            CapacityMode::Provisioned => {
                if rate.peak_to_average().is_some() && rate.peak > rate.average {
                    // How much of the shards' write capacity the average uses.
                    let ratio = peak.per(ctx.average()?)?;
                    let utilisation = tightest.per(ratio)?.per(shards)?;
                    result.capacity_of("utilisation", utilisation, "");
                }
                let day = self.hourly_shards(ctx, result)?;
                let shards = day.map_or(shards, |day| Traced::greatest(&day).1);
                self.provisioned(ctx, shards, day, write_bytes, result)?;
            }
            CapacityMode::OnDemand => self.on_demand(ctx, peak_write_bytes, write_bytes, result)?,
            CapacityMode::OnDemandAdvantage => {
                self.on_demand_advantage(ctx, peak_write_bytes, write_bytes, result)?;
            }
        }
        // Records keep their order within a shard, that is per partition key,
        // and stay readable from any position for the retention period.
        result.properties = Properties {
            ordering: Some(Ordering::PerKey),
            retention: Retention::For(self.retention),
            replay: true,
            max_message_size: Some(self.max_record_size),
            max_run_duration: None,
        };
        result.latency = if self.consumers == 0 && self.efo_consumers > 0 {
            ctx.duration(&LATENCY_EFO)?
        } else {
            ctx.duration(&LATENCY_SHARED)?
        };
        Ok(())
    }
}

impl Input {
    /// Records over the stream's size limit, a limit or retention the
    /// stream cannot be set to, and enhanced fan-out consumers over the
    /// stream's limit, fail the design.
    fn check_records<N: Number>(
        &self,
        ctx: &Ctx<N>,
        record_size: Bytes,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        let quota = ctx.bytes(&MAX_RECORD_SIZE)?;
        if self.max_record_size > quota {
            result.violate(
                &MAX_RECORD_SIZE,
                self.max_record_size.decimal(),
                quota.decimal(),
                "set `max_record_size` within the quota, or split the records",
            );
        }
        ctx.within(
            self.retention.ms(),
            (
                &MIN_RETENTION,
                "a stream keeps records for at least its minimum retention: raise `retention`",
            ),
            (
                &MAX_RETENTION,
                "keep the data longer elsewhere (S3, or Firehose to S3)",
            ),
            result,
        )?;
        if record_size > self.max_record_size {
            let fix = if record_size <= ctx.bytes(&MAX_RECORD_SIZE)? {
                "raise the stream's `max_record_size`, or split the record"
            } else {
                crate::services::kit::SPLIT_OR_POINTER
            };
            result.violate(
                &MAX_RECORD_SIZE,
                record_size.decimal(),
                self.max_record_size.decimal(),
                fix,
            );
        }
        let efo = Decimal::from(self.efo_consumers);
        // AWS allows more enhanced fan-out consumers a stream under On-demand Advantage.
        let limit = if self.mode == CapacityMode::OnDemandAdvantage {
            &ADVANTAGE_EFO_CONSUMERS
        } else {
            &EFO_CONSUMERS
        };
        let allowed = ctx.count(limit)?;
        if efo > allowed {
            result.violate(
                limit,
                efo,
                allowed,
                "split the consumers across streams, or share throughput between some of them",
            );
        }
        Ok(())
    }

    /// Under hourly resharding with a profile, the shards of each hour of
    /// the day: each hour's needs at its rate (× the peak within the
    /// hour), followed within UpdateShardCount's limits. `None` otherwise.
    fn hourly_shards<N: Number>(
        &self,
        ctx: &Ctx<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<Option<[Traced<N>; HOURS]>, EvalError> {
        let rate = ctx.rate()?;
        let Some(profile) = rate
            .profile
            .filter(|_| self.resharding == Resharding::Hourly)
        else {
            return Ok(None);
        };
        let size = ctx.size()?;
        let within = Traced::given_as(rate.within_hour(), "", || {
            Given::Rule("the peak within the busiest hour over that hour's rate")
        });
        let (write_bytes, write_records, read_bytes) = (
            ctx.limit_traced(&SHARD_WRITE_BYTES, "B/s")?,
            ctx.limit_traced(&SHARD_WRITE_RECORDS, "records/s")?,
            ctx.limit_traced(&SHARD_READ_BYTES, "B/s")?,
        );
        let consumers = given::key(self.consumers, "", &CONSUMERS);
        let average = ctx.average()?;
        let mut needed = [average; HOURS];
        let mut tightest = [N::ZERO; HOURS];
        for (hour, need) in needed.iter_mut().enumerate() {
            let factor = Traced::rule(
                profile.factors[hour],
                "",
                "the profile's factor for the hour",
            );
            let peak = average.times(factor)?.times(within)?;
            let bytes = peak.times(size)?;
            let terms = [
                bytes.per(write_bytes)?,
                peak.per(write_records)?,
                bytes.times(consumers)?.per(read_bytes)?,
            ];
            let (_, term) = Traced::greatest(&terms);
            tightest[hour] = term.value();
            *need = term.ceil().max(given::at_least_one(
                "shards",
                "a stream has at least one shard",
            ));
        }
        let limits = resharding::Limits {
            a_day: u32::try_from(ctx.count(&RESHARDS_A_DAY)?).unwrap_or(u32::MAX),
            factor: ctx.limit_traced(&RESHARD_FACTOR, "")?,
        };
        let day = resharding::follow(&needed, limits)?;
        let mut used = [Decimal::ZERO; HOURS];
        for (hour, shards) in day.iter().enumerate() {
            traced::step(HOUR_FIGURES[hour], Part::Capacity, "shards", *shards);
            used[hour] = tightest[hour]
                .per(shards.value())
                .ok()
                .map_or(Decimal::ZERO, N::decimal);
        }
        if day
            .iter()
            .zip(&needed)
            .any(|(has, need)| has.value() < need.value())
        {
            result.warn(
                "resharding_behind",
                "UpdateShardCount's limits (at most double a change, so many changes a day) leave some hours with fewer shards than they need: writes are throttled then",
            );
        }
        result.hourly = Some(Box::new(Hourly {
            key: "shards",
            capacity: day.map(|shards| shards.value().decimal()),
            utilisation: Some(used),
        }));
        Ok(Some(day))
    }

    fn provisioned<N: Number>(
        &self,
        ctx: &Ctx<N>,
        shards: Traced<N>,
        day: Option<[Traced<N>; HOURS]>,
        write_bytes: Traced<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        let allowed = ctx.count(&SHARDS_PER_ACCOUNT)?;
        if shards.value() > N::of(allowed) {
            result.violate(
                &SHARDS_PER_ACCOUNT,
                shards.value().decimal(),
                allowed,
                "request a shard quota increase, or use on-demand mode",
            );
        }
        let shard_hours = match day {
            // Resharded hour by hour: the day's shard-hours, over a day's
            // hours, times the month's.
            Some(day) => {
                let mut sum = day[0];
                for hour in &day[1..] {
                    sum = sum.plus(*hour)?;
                }
                let a_day = Traced::rule(Decimal::from(DAY), "h", "hours a day");
                sum.per(a_day)?.times(ctx.hours_traced())?
            }
            None => shards.times(ctx.hours_traced())?,
        };
        charge_into(&mut result.line_items, ctx, &SHARD_HOUR, shard_hours)?;
        // Each record is billed in 25 KiB PUT payload units (a 35 KB record is 2).
        let unit = Traced::rule(
            Decimal::from(PUT_PAYLOAD_UNIT),
            "B",
            "a PUT payload unit (25 KB)",
        );
        let units_per_record = ctx
            .size()?
            .per(unit)?
            .ceil()
            .max(given::at_least_one("", "a record takes at least one unit"));
        traced::step(
            "put_payload_units_per_record",
            Part::Capacity,
            "",
            units_per_record,
        );
        let units_per_second = ctx.average()?.times(units_per_record)?;
        let put_units = ctx.monthly_traced(units_per_second, given::million())?;
        charge_into(&mut result.line_items, ctx, &PUT_PAYLOAD_UNITS, put_units)?;
        result.capacity_number("put_payload_units_per_record", units_per_record.value());

        if self.retention > Duration::from_hours(DAY) {
            charge_into(
                &mut result.line_items,
                ctx,
                &EXTENDED_RETENTION_SHARD_HOUR,
                shard_hours,
            )?;
        }
        self.long_term_retention(ctx, write_bytes, result)?;
        if self.efo_consumers > 0 {
            let efo = given::key(self.efo_consumers, "", &EFO_CONSUMERS_KEY);
            let consumer_shard_hours = efo.times(shard_hours)?;
            charge_into(
                &mut result.line_items,
                ctx,
                &EFO_CONSUMER_SHARD_HOUR,
                consumer_shard_hours,
            )?;
            let efo_bytes = efo.times(write_bytes)?;
            let gb = ctx.monthly_traced(efo_bytes, given::gib())?;
            charge_into(&mut result.line_items, ctx, &EFO_DATA_RETRIEVAL_GB, gb)?;
        }
        Ok(())
    }

    fn on_demand<N: Number>(
        &self,
        ctx: &Ctx<N>,
        peak_write_bytes: Traced<N>,
        write_bytes: Traced<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        self.on_demand_ceiling(ctx, peak_write_bytes, result)?;
        charge_into(
            &mut result.line_items,
            ctx,
            &ON_DEMAND_STREAM_HOUR,
            ctx.hours_traced(),
        )?;
        let gb_in = ctx.monthly_traced(metered_bytes(ctx)?, given::gib())?;
        charge_into(&mut result.line_items, ctx, &ON_DEMAND_DATA_IN_GB, gb_in)?;
        if self.consumers > 0 {
            let gb_out = gb_in.times(given::key(self.consumers, "", &CONSUMERS))?;
            charge_into(&mut result.line_items, ctx, &ON_DEMAND_DATA_OUT_GB, gb_out)?;
        }
        if self.efo_consumers > 0 {
            let efo = given::key(self.efo_consumers, "", &EFO_CONSUMERS_KEY);
            let gb_efo = gb_in.times(efo)?;
            charge_into(
                &mut result.line_items,
                ctx,
                &ON_DEMAND_EFO_DATA_RETRIEVAL_GB,
                gb_efo,
            )?;
        }
        self.retention_past_a_day(
            ctx,
            write_bytes,
            &ON_DEMAND_EXTENDED_RETENTION_GB_MONTH,
            result,
        )
    }

    /// An on-demand stream's retention past its first day: up to seven
    /// days at the mode's `extended` rate, beyond them long-term.
    fn retention_past_a_day<N: Number>(
        &self,
        ctx: &Ctx<N>,
        write_bytes: Traced<N>,
        extended: &'static Dimension,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        if let Some(gb_month) = self.extended_retention(write_bytes)? {
            charge_into(&mut result.line_items, ctx, extended, gb_month)?;
        }
        self.long_term_retention(ctx, write_bytes, result)
    }

    /// What both on-demand modes check: an on-demand stream's shards are
    /// its own affair, and its writes have a ceiling.
    fn on_demand_ceiling<N: Number>(
        &self,
        ctx: &Ctx<N>,
        peak_write_bytes: Traced<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        result.note(
            "on_demand_shards",
            "on-demand streams add shards by themselves; the shard figures show what a provisioned stream would need",
        );
        let allowed = ctx.bytes(&ON_DEMAND_MAX_WRITE_BYTES)?.decimal();
        if peak_write_bytes.value() > N::of(allowed) {
            result.violate(
                &ON_DEMAND_MAX_WRITE_BYTES,
                peak_write_bytes.value().decimal(),
                allowed,
                "split the data across streams",
            );
        }
        // A stream follows up to double its peak of the previous 30 days,
        // which a day that repeats never outruns; a new stream has no such
        // peak, only what it takes at first.
        if peak_write_bytes.value() > N::of(ctx.bytes(&ON_DEMAND_NEW_WRITE_BYTES)?.decimal()) {
            result.note(
                "on_demand_launch",
                "this peak is more than a new on-demand stream takes at first, and a stream doubles its previous peak only over about 15 minutes: launched at this load it throttles writes until it adapts; create it provisioned with the shards it needs and switch it to on demand (it keeps them), or warm it ahead of the launch under On-demand Advantage",
            );
        }
        Ok(())
    }

    /// An on-demand stream's retention over the first day, up to seven
    /// days, in GB-months; `None` at a day's retention.
    fn extended_retention<N: Number>(
        &self,
        write_bytes: Traced<N>,
    ) -> Result<Option<Traced<N>>, EvalError> {
        if self.retention <= Duration::from_hours(DAY) {
            return Ok(None);
        }
        // Steady state: the stream holds the bytes of the hours past the first day.
        let week = Traced::rule(
            Duration::from_hours(WEEK).hours(),
            "h",
            "on demand bills retention up to seven days this way",
        );
        let day = Traced::rule(Decimal::from(DAY), "h", "the first day, included");
        let kept = given::hours(self.retention, &RETENTION)
            .min(week)
            .minus(day)?;
        Ok(Some(gb_months_kept(write_bytes, kept)?))
    }

    /// Data kept past seven days is billed per GB-month in every mode.
    fn long_term_retention<N: Number>(
        &self,
        ctx: &Ctx<N>,
        write_bytes: Traced<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        if self.retention > Duration::from_hours(WEEK) {
            let week = Traced::rule(Decimal::from(WEEK), "h", "the first seven days");
            let kept = given::hours(self.retention, &RETENTION).minus(week)?;
            let gb_month = gb_months_kept(write_bytes, kept)?;
            charge_into(
                &mut result.line_items,
                ctx,
                &LONG_TERM_RETENTION_GB_MONTH,
                gb_month,
            )?;
        }
        Ok(())
    }
}

/// The bytes a second an on-demand stream meters, in and for each reader
/// out: AWS's pricing page for on-demand rounds each record up to 1 KB.
fn metered_bytes<N: Number>(ctx: &Ctx<N>) -> Result<Traced<N>, EvalError> {
    let unit = Traced::rule(
        Decimal::from(ON_DEMAND_RECORD_UNIT),
        "B",
        "on demand meters each record in whole KB",
    );
    let units = ctx.size()?.per(unit)?.ceil().max(given::at_least_one(
        "",
        "a record is metered as at least 1 KB",
    ));
    let billed_record = units.times(unit)?;
    Ok(ctx.average()?.times(billed_record)?)
}

/// The GB-months a stream holds, steadily, when it keeps `hours` of writes
/// at `write_bytes` a second.
fn gb_months_kept<N: Number>(
    write_bytes: Traced<N>,
    hours: Traced<N>,
) -> Result<Traced<N>, EvalError> {
    let per_hour = given::seconds_an_hour();
    let bytes = write_bytes.times(hours)?.times(per_hour)?;
    Ok(bytes.per(given::gib())?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::units::PIB;
    use crate::model::flow::{Flow, Rate};
    use crate::model::profile::Profile;
    use crate::services::kit::testing::{Fed, ctx, floats_agree, item, steady};
    use rust_decimal_macros::dec;

    fn stream(records_per_second: Decimal, record_size: Bytes) -> Fed<Input> {
        let input = Input {
            mode: CapacityMode::Provisioned,
            consumers: 1,
            efo_consumers: 0,
            retention: Duration::from_hours(24),
            max_record_size: Bytes::mib(1),
            resharding: Resharding::None,
        };
        Fed::new(
            input,
            steady(records_per_second, record_size),
            Input::evaluate_into,
        )
    }

    fn capacity(result: &ComponentResult, key: &str) -> CapacityValue {
        result.capacity.iter().find(|c| c.key == key).unwrap().value
    }

    #[test]
    fn course_example_three_shards_at_720_hours() {
        // 3,000 records/s of 1 KB: 2.93 MB/s and 3,000 records/s both need 3 shards.
        // 3 × $0.015 × 720 h = $32.40, the course's figure; it leaves out the
        // 3,000 × 3,600 × 720 = 7,776 million PUT payload units × $0.014 = $108.864.
        let result = stream(dec!(3000), Bytes::kib(1))
            .evaluate(&ctx(dec!(720)))
            .unwrap();
        assert_eq!(capacity(&result, "shards"), CapacityValue::Number(dec!(3)));
        assert_eq!(
            capacity(&result, "binding_limit"),
            CapacityValue::Key("write_records")
        );
        assert_eq!(item(&result, "shard_hour").monthly_cost, dec!(32.40));
        let put = item(&result, "put_payload_units");
        assert_eq!(put.quantity, dec!(7776));
        assert_eq!(put.monthly_cost, dec!(108.864));
        assert_eq!(result.latency, Duration::from_ms(dec!(200)));
    }

    #[test]
    fn large_records_bind_on_bytes_and_take_two_put_units() {
        // AWS's pricing-page example: 100 records/s of 35 KB = 3,500 KB/s = 3.42 MB/s → 4 shards;
        // ceil(35 / 25) = 2 PUT payload units per record.
        let result = stream(dec!(100), Bytes::kib(35))
            .evaluate(&ctx(dec!(744)))
            .unwrap();
        assert_eq!(capacity(&result, "shards"), CapacityValue::Number(dec!(4)));
        assert_eq!(
            capacity(&result, "binding_limit"),
            CapacityValue::Key("write_bytes")
        );
        assert_eq!(
            capacity(&result, "put_payload_units_per_record"),
            CapacityValue::Number(dec!(2))
        );
        // 4 × 0.015 × 744 = 44.64; 200 units/s × 2,678,400 s = 535.68 M × 0.014 = 7.49952.
        assert_eq!(item(&result, "shard_hour").monthly_cost, dec!(44.64));
        assert_eq!(
            item(&result, "put_payload_units").monthly_cost,
            dec!(7.49952)
        );
    }

    #[test]
    fn shared_consumers_can_set_the_shard_count() {
        // 1,000 records/s of 1 KB with 4 consumers: 4,000 KB/s of reads ÷ 2,048 = 1.95 → 2 shards.
        let mut input = stream(dec!(1000), Bytes::kib(1));
        input.consumers = 4;
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(capacity(&result, "shards"), CapacityValue::Number(dec!(2)));
        assert_eq!(
            capacity(&result, "binding_limit"),
            CapacityValue::Key("shared_read_bytes")
        );
    }

    #[test]
    fn retention_and_enhanced_fan_out_add_their_lines() {
        // 1 shard, 10 days: extended retention 730 shard-hours × $0.02 = $14.60;
        // long-term: 100 KB/s × 3 days = 25,920,000 KB = 24.72 GB-month.
        let mut input = stream(dec!(100), Bytes::kib(1));
        input.retention = Duration::from_hours(240);
        input.consumers = 0;
        input.efo_consumers = 2;
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(
            item(&result, "extended_retention_shard_hour").monthly_cost,
            dec!(14.60)
        );
        let long_term = item(&result, "long_term_retention_gb_month");
        assert_eq!(
            long_term.quantity,
            dec!(102400) * dec!(259200) / dec!(1073741824)
        );
        // 2 consumers × 1 shard × 730 h × $0.015 = $21.90.
        assert_eq!(
            item(&result, "efo_consumer_shard_hour").monthly_cost,
            dec!(21.90)
        );
        assert_eq!(result.latency, Duration::from_ms(dec!(70)));
    }

    #[test]
    fn on_demand_rounds_records_to_1_kib() {
        // AWS: "if your data records are 4.5 KB each, Kinesis Data Streams will count each record as 5 KB".
        let mut input = stream(dec!(1), Bytes(4608));
        input.mode = CapacityMode::OnDemand;
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let data_in = item(&result, "on_demand_data_in_gb");
        assert_eq!(
            data_in.quantity,
            dec!(5120) * dec!(2628000) / dec!(1073741824)
        );
        assert_eq!(
            item(&result, "on_demand_stream_hour").monthly_cost,
            dec!(29.20)
        );
    }

    #[test]
    fn an_on_demand_peak_past_a_new_stream_s_first_capacity_notes_the_launch() {
        // A new on-demand stream takes 4 MB/s (4,194,304 B/s) at first:
        // 4,096 records/s of 1 KB are exactly that, no note; 4,097 pass it.
        let launch = |records| {
            let mut input = stream(records, Bytes::kib(1));
            input.mode = CapacityMode::OnDemand;
            let result = input.evaluate(&ctx(dec!(730))).unwrap();
            result.notes.iter().any(|n| n.code == "on_demand_launch")
        };
        assert!(!launch(dec!(4096)));
        assert!(launch(dec!(4097)));
        // A provisioned stream is sized for its peak from the start.
        let result = stream(dec!(5000), Bytes::kib(1))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert!(result.notes.iter().all(|n| n.code != "on_demand_launch"));
    }

    #[test]
    fn figures_too_large_for_exact_decimals_are_an_error() {
        // 10^12 records/s of 1 PB: 1.1 × 10^27 bytes/s still fits in 28
        // digits, the month's PUT payload units and GB in (× 2,628,000 s) do not.
        let mut input = stream(dec!(1_000_000_000_000), Bytes(PIB));
        assert_eq!(input.evaluate(&ctx(dec!(730))), Err(EvalError::Arithmetic));
        input.mode = CapacityMode::OnDemand;
        assert_eq!(input.evaluate(&ctx(dec!(730))), Err(EvalError::Arithmetic));
        // A thousand shared consumers read 1,000 times the writes.
        let mut input = stream(dec!(1_000_000_000_000), Bytes(PIB));
        input.consumers = 1_000;
        assert_eq!(input.evaluate(&ctx(dec!(730))), Err(EvalError::Arithmetic));
    }

    #[test]
    fn floats_give_the_exact_bill_and_verdict() {
        // (mode, records/s, record size, shared consumers, enhanced
        // fan-out consumers, retention in hours)
        let cases = [
            // Whole shards exactly: 3 by the records.
            (
                CapacityMode::Provisioned,
                dec!(3000),
                Bytes::kib(1),
                1,
                0,
                24,
            ),
            // Non-round: bytes bind, two PUT units a record, extended and
            // long-term retention, enhanced fan-out.
            (
                CapacityMode::Provisioned,
                dec!(1234.567),
                Bytes::kib(35),
                3,
                2,
                240,
            ),
            // Six shared consumers are past a shard's GetRecords calls,
            // and 30 million records/s past the account's shards.
            (
                CapacityMode::Provisioned,
                dec!(30_000_000.5),
                Bytes(700),
                6,
                0,
                24,
            ),
            (
                CapacityMode::OnDemand,
                dec!(1234.567),
                Bytes(4608),
                2,
                1,
                72,
            ),
            (CapacityMode::OnDemand, dec!(0.3), Bytes(10), 0, 3, 24 * 30),
            // Past an on-demand stream's 10 GB/s, and a new stream's 4 MB/s.
            (
                CapacityMode::OnDemand,
                dec!(11_000_000),
                Bytes::kib(1),
                1,
                0,
                24,
            ),
        ];
        for (mode, rate, size, consumers, efo_consumers, retention) in cases {
            let mut fed = stream(rate, size);
            fed.mode = mode;
            fed.consumers = consumers;
            fed.efo_consumers = efo_consumers;
            fed.retention = Duration::from_hours(retention);
            floats_agree(&fed.input, fed.flow, &ctx(dec!(730)));
        }
        // A peak above the average (the shards' utilisation), and a day
        // resharded hour by hour under a profile.
        let day = Profile::named("business_hours").expect("a built-in profile");
        let average = dec!(2345.678);
        let shaped = Rate {
            average,
            peak: average * day.peak() * dec!(1.3),
            profile: Some(day),
        };
        for (resharding, rate) in [
            (Resharding::None, Rate::new(average, dec!(5432.1))),
            (Resharding::Hourly, shaped),
            (Resharding::Daily, shaped),
        ] {
            let mut fed = stream(average, Bytes(3000));
            fed.resharding = resharding;
            fed.consumers = 2;
            fed.flow = Flow::new(rate, Some(Bytes(3000)));
            floats_agree(&fed.input, fed.flow, &ctx(dec!(730)));
        }
    }

    #[test]
    fn too_many_shards_for_the_account_is_a_violation() {
        let result = stream(dec!(30_000_000), Bytes::kib(1))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(result.violations.len(), 1);
    }
}
