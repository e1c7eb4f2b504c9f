//! Amazon DynamoDB (Standard table class), provisioned and on-demand, with Streams.

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::base::units::{Bytes, Duration, KIB};
use crate::model::choice::{Choice, choice};
use crate::model::dimension::{Dimension, Limit, LimitKind};
use crate::model::flow::{self, Flow, InputKeys};
use crate::model::keys::{Default, Invalid, Key, Kind, Values};
use crate::model::offer::{Mapping, Offer};
use crate::model::profile::HOURS;
use crate::model::report::{
    self, About, ComponentResult, Hourly, Ordering, Properties, Retention, Violation,
};
use crate::model::traced::{self, Traced};
use crate::model::working::{Given, Part};
use crate::services::kit::bill::charge_into;
use crate::services::kit::given;
use crate::services::kit::{Component, Ctx, Doc, EvalError, Functions, ServiceDef};

mod reserved;
mod scaling;

/// The AWS Price List offer that prices it, and the products that price
/// its dimensions (`calc pricing import`).
pub static OFFER: Offer = Offer {
    code: "AmazonDynamoDB",
    catalogue: None,
    mappings: &[
        // DynamoDB, Standard table class (Standard-IA's usage types start `IA-`).
        Mapping::usage(&WCU_HOUR, "WriteCapacityUnit-Hrs"),
        Mapping::usage(&RCU_HOUR, "ReadCapacityUnit-Hrs"),
        Mapping::usage(&WRITE_REQUEST_UNITS, "WriteRequestUnits").per(1_000_000),
        Mapping::usage(&READ_REQUEST_UNITS, "ReadRequestUnits").per(1_000_000),
        Mapping::usage(&STORAGE_GB_MONTH, "TimedStorage-ByteHrs"),
        Mapping::attributes(
            &STREAMS_READ_REQUEST_UNITS,
            &[("group", "DDB-StreamsReadRequests")],
        )
        .per(1_000_000),
    ],
};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "dynamodb",
    title: "DynamoDB",
    aliases: &["dynamo", "ddb", "dynamodb_streams", "dynamodbstreams"],
    dimensions: &[
        &WCU_HOUR,
        &RCU_HOUR,
        &WRITE_REQUEST_UNITS,
        &READ_REQUEST_UNITS,
        &STORAGE_GB_MONTH,
        &STREAMS_READ_REQUEST_UNITS,
        &PITR_GB_MONTH,
        &REPLICATED_WCU_HOUR,
        &REPLICATED_WRITE_REQUEST_UNITS,
        &reserved::WCU_UPFRONT_1Y,
        &reserved::WCU_HOUR_1Y,
        &reserved::RCU_UPFRONT_1Y,
        &reserved::RCU_HOUR_1Y,
        &reserved::WCU_UPFRONT_3Y,
        &reserved::WCU_HOUR_3Y,
        &reserved::RCU_UPFRONT_3Y,
        &reserved::RCU_HOUR_3Y,
    ],
    limits: &[
        &MAX_ITEM_SIZE,
        &PARTITION_WCU,
        &PARTITION_RCU,
        &PARTITION_STORAGE,
        &TABLE_WCU,
        &TABLE_RCU,
        &LATENCY,
        &DECREASES_A_DAY,
        &DECREASES_APART,
        &ON_DEMAND_NEW_WRITE_UNITS,
        &ON_DEMAND_NEW_READ_UNITS,
    ],
    catalogue: None,
    offer: Some(&OFFER),
    keys: &[
        &CAPACITY_MODE,
        &reserved::PURCHASE,
        &reserved::RESERVED_WCU,
        &reserved::RESERVED_RCU,
        &READS_PER_SECOND,
        &READ_CONSISTENCY,
        &READ_MIX,
        &TRANSACTIONAL_WRITES,
        &STORAGE,
        &TTL,
        &OVERWRITES,
        &STREAMS,
        &STREAMS_READS_PER_SECOND,
        &POINT_IN_TIME_RECOVERY,
        &REPLICA_REGIONS,
        &AUTO_SCALING_TARGET,
        &AUTO_SCALING_MIN,
        &AUTO_SCALING_MAX,
    ],
    functions: Functions::of::<Input>(),
    doc: &DOC,
    input: Some(&WRITES),
    transforms: false,
};

static WRITES_PER_SECOND: Key = Key::new(
    "writes_per_second",
    Kind::Rate,
    Default::None,
    "item writes per second, on average",
)
.defaulting_to("the flow");
static PEAK_WRITES_PER_SECOND: Key = Key::new(
    "peak_writes_per_second",
    Kind::Rate,
    Default::None,
    "item writes in the busiest second",
)
.defaulting_to("the flow");
static ITEM_SIZE: Key = Key::new(
    "item_size",
    Kind::Size,
    Default::None,
    "bytes per item (at most 400 KB)",
)
.defaulting_to("the flow");
static WRITES: InputKeys = InputKeys {
    unit: "writes/s",
    rate: &WRITES_PER_SECOND,
    peak: &PEAK_WRITES_PER_SECOND,
    size: &ITEM_SIZE,
    all: &[
        &WRITES_PER_SECOND,
        &PEAK_WRITES_PER_SECOND,
        &flow::PEAK_TO_AVERAGE,
        &flow::PROFILE,
        &flow::HOURLY,
        &ITEM_SIZE,
    ],
};

static CAPACITY_MODE: Key = Key::new(
    "capacity_mode",
    Kind::Choice(CapacityMode::NAMES),
    Default::Text("provisioned"),
    "`provisioned` (WCU/RCU per hour) or `on_demand` (per request)",
);
static READS_PER_SECOND: Key = Key::new(
    "reads_per_second",
    Kind::Rate,
    Default::Integer(0),
    "item reads per second",
);
static READ_CONSISTENCY: Key = Key::new(
    "read_consistency",
    Kind::Choice(ReadConsistency::NAMES),
    Default::Text("eventual"),
    "`eventual`, `strong` or `transactional`",
);
static READ_MIX: Key = Key::new(
    "read_mix",
    Kind::Mix(ReadConsistency::NAMES),
    Default::None,
    "the reads' shares by consistency, e.g. { eventual = 0.3, strong = 0.6, transactional = 0.1 }, in place of `read_consistency`",
)
.defaulting_to("all reads of `read_consistency`");
static TRANSACTIONAL_WRITES: Key = Key::new(
    "transactional_writes",
    Kind::Flag,
    Default::Bool(false),
    "writes in transactions cost twice",
);
static STORAGE: Key = Key::new(
    "storage",
    Kind::Size,
    Default::None,
    "data stored, over what the flow puts in",
)
.defaulting_to("what the flow puts in over `ttl`, or over the required retention");
static TTL: Key = Key::new(
    "ttl",
    Kind::Duration,
    Default::None,
    "how long an item lives before Time to Live deletes it: the table holds what arrives in that time",
)
.in_unit("d")
.defaulting_to("items are kept");
static OVERWRITES: Key = Key::new(
    "overwrites",
    Kind::Number,
    Default::Integer(0),
    "the share of writes that replace an item already there (0 to 1), adding nothing to what is stored",
);
static STREAMS: Key = Key::new(
    "streams",
    Kind::Flag,
    Default::Bool(false),
    "publish changes to DynamoDB Streams",
);
static STREAMS_READS_PER_SECOND: Key = Key::new(
    "streams_reads_per_second",
    Kind::Rate,
    Default::Integer(0),
    "GetRecords calls by readers other than Lambda (Lambda's are free)",
);

static POINT_IN_TIME_RECOVERY: Key = Key::new(
    "point_in_time_recovery",
    Kind::Flag,
    Default::Bool(false),
    "continuous backups (PITR), billed on the table's size",
);
static REPLICA_REGIONS: Key = Key::new(
    "replica_regions",
    Kind::Count {
        min: 0,
        max: MAX_REPLICAS,
    },
    Default::Integer(0),
    "other Regions a global table replicates to; each replays every write",
);

static AUTO_SCALING_TARGET: Key = Key::new(
    "auto_scaling_target",
    Kind::Number,
    Default::None,
    "provisioned writes scale hour by hour to keep this share of the capacity used (AWS allows 0.2 to 0.9)",
)
.defaulting_to("no auto scaling: capacity for the peak all day")
.grouped_as("auto_scaling", "target");
static AUTO_SCALING_MIN: Key = Key::new(
    "auto_scaling_min",
    Kind::Count {
        min: 1,
        max: u32::MAX,
    },
    Default::Integer(1),
    "the fewest WCU auto scaling sets",
)
.grouped_as("auto_scaling", "min");
static AUTO_SCALING_MAX: Key = Key::new(
    "auto_scaling_max",
    Kind::Count {
        min: 1,
        max: u32::MAX,
    },
    Default::None,
    "the most WCU auto scaling sets",
)
.defaulting_to("no maximum but the table's quota")
.grouped_as("auto_scaling", "max");

/// The working's name for each hour's write capacity under auto scaling.
const HOUR_FIGURES: [&str; HOURS] = [
    "wcu_00", "wcu_01", "wcu_02", "wcu_03", "wcu_04", "wcu_05", "wcu_06", "wcu_07", "wcu_08",
    "wcu_09", "wcu_10", "wcu_11", "wcu_12", "wcu_13", "wcu_14", "wcu_15", "wcu_16", "wcu_17",
    "wcu_18", "wcu_19", "wcu_20", "wcu_21", "wcu_22", "wcu_23",
];

/// AWS's range for a target utilisation: "between 20% and 90%".
const TARGET_RANGE: (Decimal, Decimal) = (
    Decimal::from_parts(2, 0, 0, false, 1),
    Decimal::from_parts(9, 0, 0, false, 1),
);

/// Regions a global table may add to its own (AWS has fewer than this).
const MAX_REPLICAS: u32 = 64;

pub const DOC: Doc = Doc {
    bills: "WCU/RCU-hours or request units (reads by consistency, or a `read_mix` rounded once); with `purchase = \"reserved_1y_partial_upfront\"` (or `3y`), reserved capacity in blocks of 100 units (`reserved_wcu`, `reserved_rcu`, else the whole blocks provisioned): the upfront fee paid once, a month's share of it (fee ÷ the term's months), the reserved units' hours, and the rest at the provisioned rate; storage (`storage`, else what the writes put in over `ttl` or the required retention), Streams reads, point-in-time recovery, global-table replicas",
    reports: "`wcu`, `rcu`, `partitions`",
    summary: "a key-value table billed by capacity units; Streams publish its changes",
    ordering: "per item, in its stream",
    retention: "until deleted (TTL); the stream keeps 24 h",
    replay: "no",
    latency: "10-100 ms",
    scaling: "1,000 WCU and 3,000 RCU per partition; 40,000 per table",
    formulas: &[
        "WCU = writes/s x ceil(item / 1 KB), x2 in transactions",
        "RCU = ceil(reads/s x ceil(item / 4 KB) x 0.5 eventual | 1 strong | 2 transactional); with a read_mix, the shares' units added, rounded up once for the table",
        "partitions = ceil(max(RCU / 3,000 + WCU / 1,000, storage / 10 GB))",
        "storage = `storage`, else writes/s x (1 - `overwrites`) x item size x (`ttl`, else the required retention)",
        "provisioned: at least 1 WCU and 1 RCU; on demand: the same units per request",
        "reserved: units reserved (whole blocks of 100) x (upfront / term months + hourly rate x hours); beyond them, the provisioned rate",
        "global table: each replica Region bills the writes again as replicated WCU (or WRU); cross-Region transfer is not priced",
        "PITR: the table's size, per GB-month",
        "auto scaling (`auto_scaling_target`): each hour's WCU = ceil(the hour's writes under the day's `profile` x the peak within the hour x units / target), within `auto_scaling_min` and `auto_scaling_max`; a decrease only as AWS's quota allows (the day's first, then none in the hour before, `decreases_a_day` in all), else the hour keeps the hour before's; WCU-hours = the day's sum / 24 x hours a month",
    ],
};

pub const WCU_HOUR: Dimension = Dimension::new("dynamodb.wcu_hour", "WCU-hour");
pub const RCU_HOUR: Dimension = Dimension::new("dynamodb.rcu_hour", "RCU-hour");
pub const WRITE_REQUEST_UNITS: Dimension =
    Dimension::new("dynamodb.write_request_units", "million WRU");
pub const READ_REQUEST_UNITS: Dimension =
    Dimension::new("dynamodb.read_request_units", "million RRU");
pub const STORAGE_GB_MONTH: Dimension = Dimension::new("dynamodb.storage_gb_month", "GB-month");
pub const STREAMS_READ_REQUEST_UNITS: Dimension =
    Dimension::new("dynamodb.streams_read_request_units", "million requests");
pub const PITR_GB_MONTH: Dimension = Dimension::new("dynamodb.pitr_gb_month", "GB-month");
pub const REPLICATED_WCU_HOUR: Dimension =
    Dimension::new("dynamodb.replicated_wcu_hour", "rWCU-hour");
pub const REPLICATED_WRITE_REQUEST_UNITS: Dimension =
    Dimension::new("dynamodb.replicated_write_request_units", "million rWRU");

pub const MAX_ITEM_SIZE: Limit =
    Limit::new("dynamodb.max_item_size", LimitKind::Bytes, "item size");
pub const PARTITION_WCU: Limit = Limit::new(
    "dynamodb.partition_wcu",
    LimitKind::Count,
    "WCU per partition",
);
pub const PARTITION_RCU: Limit = Limit::new(
    "dynamodb.partition_rcu",
    LimitKind::Count,
    "RCU per partition",
);
pub const PARTITION_STORAGE: Limit = Limit::new(
    "dynamodb.partition_storage",
    LimitKind::Bytes,
    "storage per partition",
);
pub const TABLE_WCU: Limit = Limit::new(
    "dynamodb.table_wcu",
    LimitKind::Count,
    "write capacity units per table",
);
pub const TABLE_RCU: Limit = Limit::new(
    "dynamodb.table_rcu",
    LimitKind::Count,
    "read capacity units per table",
);
pub const LATENCY: Limit = Limit::new("dynamodb.latency", LimitKind::Duration, "latency");
pub const DECREASES_A_DAY: Limit = Limit::new(
    "dynamodb.decreases_a_day",
    LimitKind::Count,
    "decreases of a table's provisioned capacity a UTC day",
);
/// What a new on-demand table serves at once: write and read request
/// units a second, or a linear combination of both.
pub const ON_DEMAND_NEW_WRITE_UNITS: Limit = Limit::new(
    "dynamodb.on_demand_new_table_write_units",
    LimitKind::Count,
    "write request units a second a new on-demand table serves at once",
);
pub const ON_DEMAND_NEW_READ_UNITS: Limit = Limit::new(
    "dynamodb.on_demand_new_table_read_units",
    LimitKind::Count,
    "read request units a second a new on-demand table serves at once",
);
pub const DECREASES_APART: Limit = Limit::new(
    "dynamodb.decreases_apart",
    LimitKind::Duration,
    "time without a decrease before the next, after the day's first",
);

choice! {
    pub enum CapacityMode {
        Provisioned = "provisioned",
        OnDemand = "on_demand",
    }
}

choice! {
    pub enum ReadConsistency {
        Eventual = "eventual",
        Strong = "strong",
        Transactional = "transactional",
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub mode: CapacityMode,
    pub reads_per_second: Decimal,
    pub read_consistency: ReadConsistency,
    /// The reads' shares by consistency (eventual, strong, transactional),
    /// when they are mixed.
    pub read_mix: Option<[Decimal; 3]>,
    pub transactional_writes: bool,
    /// What the table holds as stated; `None`: what the flow puts in.
    pub storage: Option<Bytes>,
    /// How long an item lives, when Time to Live deletes it.
    pub ttl: Option<Duration>,
    /// The share of writes that replace an item already there.
    pub overwrites: Decimal,
    pub streams: bool,
    /// GetRecords calls a second from readers other than Lambda triggers (which are free).
    pub streams_reads_per_second: Decimal,
    pub point_in_time_recovery: bool,
    /// Regions a global table replicates to besides its own.
    pub replica_regions: u32,
    /// Provisioned capacity bought as reserved capacity, if it is.
    pub reservation: Option<reserved::Reservation>,
    /// Provisioned writes that follow the day's profile, when set.
    pub auto_scaling: Option<AutoScaling>,
}

/// Auto scaling of the provisioned writes: the target utilisation and the
/// bounds on the capacity it sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AutoScaling {
    pub target: Decimal,
    pub min: u32,
    pub max: Option<u32>,
}

fn build(values: &Values) -> Result<Input, Invalid> {
    let default = || Invalid::component("a key of `dynamodb` has no value");
    let streams = values.flag(&STREAMS).ok_or_else(default)?;
    let streams_reads_per_second = values
        .number(&STREAMS_READS_PER_SECOND)
        .ok_or_else(default)?;
    let overwrites = values.number(&OVERWRITES).ok_or_else(default)?;
    if overwrites > Decimal::ONE {
        return Err(Invalid::new(
            &OVERWRITES,
            format!("`overwrites` is a share of the writes, 0 to 1 (found {overwrites})"),
        )
        .with_help(
            "e.g. `overwrites = 0.9` when nine writes in ten update an item already there",
        ));
    }
    if let Some(ttl) = values.duration(&TTL)
        && ttl <= Duration::ZERO
    {
        return Err(Invalid::new(&TTL, "`ttl` must be more than 0 s")
            .with_help("leave `ttl` out for items that are kept"));
    }
    if !streams && !streams_reads_per_second.is_zero() {
        return Err(Invalid::new(
            &STREAMS_READS_PER_SECOND,
            "`streams_reads_per_second` needs `streams = true`",
        )
        .with_help("enable the table's stream, or remove this key"));
    }
    let mode: CapacityMode = values.choice(&CAPACITY_MODE).ok_or_else(default)?;
    let reservation = reserved::build(values, mode == CapacityMode::Provisioned)?;
    let auto_scaling = match values.number(&AUTO_SCALING_TARGET) {
        None => None,
        Some(target) => {
            if !(TARGET_RANGE.0..=TARGET_RANGE.1).contains(&target) {
                return Err(Invalid::new(
                    &AUTO_SCALING_TARGET,
                    format!("`auto_scaling_target` is {target}; AWS takes a target utilisation from 0.2 to 0.9"),
                )
                .with_help("e.g. `auto_scaling_target = 0.7`, AWS's default"));
            }
            if mode != CapacityMode::Provisioned {
                return Err(Invalid::new(
                    &AUTO_SCALING_TARGET,
                    "auto scaling adjusts provisioned capacity; an on-demand table scales by itself",
                )
                .with_help("set `capacity_mode = \"provisioned\"`, or remove `auto_scaling_target`"));
            }
            let min = values.count(&AUTO_SCALING_MIN).ok_or_else(default)?;
            let max = values.count(&AUTO_SCALING_MAX);
            if let Some(max) = max
                && max < min
            {
                return Err(Invalid::new(
                    &AUTO_SCALING_MAX,
                    format!("`auto_scaling_max` ({max}) is below `auto_scaling_min` ({min})"),
                ));
            }
            if reservation.is_some() {
                return Err(Invalid::new(
                    &AUTO_SCALING_TARGET,
                    "calc does not model auto scaling over reserved capacity",
                )
                .with_help(
                    "compare the two as separate alternatives: one reserved, one auto scaled",
                ));
            }
            Some(AutoScaling { target, min, max })
        }
    };
    Ok(Input {
        auto_scaling,
        reservation,
        mode,
        reads_per_second: values.number(&READS_PER_SECOND).ok_or_else(default)?,
        read_consistency: values.choice(&READ_CONSISTENCY).ok_or_else(default)?,
        read_mix: values
            .mix(&READ_MIX)
            .map(|shares| [0, 1, 2].map(|i| shares.get(i).copied().unwrap_or_default())),
        transactional_writes: values.flag(&TRANSACTIONAL_WRITES).ok_or_else(default)?,
        storage: values.bytes(&STORAGE),
        ttl: values.duration(&TTL),
        overwrites,
        streams,
        streams_reads_per_second,
        point_in_time_recovery: values.flag(&POINT_IN_TIME_RECOVERY).ok_or_else(default)?,
        replica_regions: values.count(&REPLICA_REGIONS).ok_or_else(default)?,
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
        let writes = ctx.rate()?;
        let item_size = ctx.record_size()?;
        let max_item_size = ctx.bytes(&MAX_ITEM_SIZE)?;
        if item_size > max_item_size {
            result.violate(
                &MAX_ITEM_SIZE,
                item_size.decimal(),
                max_item_size.decimal(),
                "store large attributes in S3 and keep a pointer in the item",
            );
        }
        let units = self.units(ctx, result)?;
        let stored = self.stored(ctx, result)?;
        self.partitions(ctx, &units, stored, result)?;
        for (needed, limit) in [(units.wcu, &TABLE_WCU), (units.rcu, &TABLE_RCU)] {
            let (needed, allowed) = (needed.value(), ctx.count(limit)?);
            if needed > N::of(allowed) {
                result.violate(
                    limit,
                    needed.decimal(),
                    allowed,
                    "request a table quota increase",
                );
            }
        }
        self.bill(ctx, &units, stored, result)?;
        // Items stay until deleted (or expired by TTL); a stream shows each
        // item's changes in order, but only for 24 hours, so no replay.
        result.properties = Properties {
            ordering: Some(if self.streams {
                Ordering::PerKey
            } else {
                Ordering::None
            }),
            retention: self.ttl.map_or(Retention::Indefinite, Retention::For),
            replay: false,
            max_message_size: Some(max_item_size),
            max_run_duration: None,
        };
        result.latency = ctx.duration(&LATENCY)?;
        // The stream carries one change record per write; without a stream
        // the table passes nothing on.
        result.output = Some(if self.streams {
            Flow::new(writes, Some(item_size))
        } else {
            Flow::NOTHING
        });
        Ok(())
    }
}

impl Input {
    /// Write units per write: one per 1 KB of item, twice that in a transaction.
    pub fn write_units_per_write<N: Number>(
        &self,
        item_size: Traced<N>,
    ) -> Result<Traced<N>, EvalError> {
        let kb = Traced::rule(Decimal::from(KIB), "B", "a write unit writes 1 KB");
        let units = item_size
            .per(kb)?
            .ceil()
            .max(given::at_least_one("", "a write takes at least one unit"));
        if !self.transactional_writes {
            return Ok(units);
        }
        let twice = Traced::rule(
            Decimal::TWO,
            "",
            "a transactional write takes twice the units",
        );
        Ok(units.times(twice)?)
    }

    /// Read units per read: one per 4 KB of item for a strongly consistent read,
    /// half that eventually consistent, twice that in a transaction.
    pub fn read_units_per_read<N: Number>(
        &self,
        item_size: Traced<N>,
    ) -> Result<Traced<N>, EvalError> {
        let four_kb = Traced::rule(Decimal::from(4 * KIB), "B", "a read unit reads 4 KB");
        let chunks = item_size
            .per(four_kb)?
            .ceil()
            .max(given::at_least_one("", "a read takes at least one unit"));
        // Read units per 4 KB read, in tenths (DynamoDB developer guide,
        // "read/write capacity mode"): half a unit, one, or two.
        let units = |consistency: ReadConsistency| {
            let (per_chunk, what) = match consistency {
                ReadConsistency::Eventual => (5, "an eventually consistent read takes half a unit"),
                ReadConsistency::Strong => (10, "a strongly consistent read takes one unit"),
                ReadConsistency::Transactional => (20, "a transactional read takes two units"),
            };
            chunks.times(Traced::rule(Decimal::new(per_chunk, 1), "", what))
        };
        let Some(shares) = self.read_mix else {
            return Ok(units(self.read_consistency)?);
        };
        // The shares' units added: the table is rounded up once, not each
        // share. Shares are fractions, so the sum stays below the
        // transactional units.
        let mut sum: Option<Traced<N>> = None;
        for (consistency, share) in [
            ReadConsistency::Eventual,
            ReadConsistency::Strong,
            ReadConsistency::Transactional,
        ]
        .into_iter()
        .zip(shares)
        {
            let part = units(consistency)?.times(given::key(share, "", &READ_MIX))?;
            sum = Some(match sum {
                Some(sum) => sum.plus(part)?,
                None => part,
            });
        }
        Ok(sum.unwrap_or_else(|| given::key(Decimal::ZERO, "", &READ_MIX)))
    }
}

/// What a table's writes and reads need, a second.
struct Units<N> {
    /// Write units at the average rate (what on demand bills).
    write_units: Traced<N>,
    /// Read units (the reads are given as a steady rate).
    read_units: Traced<N>,
    /// The write and read capacity the table must have: provisioned at
    /// least 1 each, for the peak; on demand, the peak itself.
    wcu: Traced<N>,
    rcu: Traced<N>,
    /// Under auto scaling, the write capacity of each hour of the day.
    hourly_wcu: Option<[Traced<N>; HOURS]>,
}

impl Input {
    /// The units the writes and reads take, and the capacity they need;
    /// each figure reported.
    fn units<N: Number>(
        &self,
        ctx: &Ctx<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<Units<N>, EvalError> {
        // Provisioned capacity is sized for the peak; on demand bills the average.
        let item_size = ctx.size()?;
        let units_per_write = self.write_units_per_write(item_size)?;
        let units_per_read = self.read_units_per_read(item_size)?;
        traced::step("write_units_per_write", Part::Capacity, "", units_per_write);
        traced::step("read_units_per_read", Part::Capacity, "", units_per_read);
        let (peak, average) = (ctx.peak()?, ctx.average()?);
        let peak_write_units = peak.times(units_per_write)?;
        let write_units = average.times(units_per_write)?;
        let reads = given::key(self.reads_per_second, "reads/s", &READS_PER_SECOND);
        let read_units = reads.times(units_per_read)?;
        let mut hourly_wcu = None;
        let (wcu, rcu) = match self.mode {
            CapacityMode::Provisioned => {
                // A provisioned table has at least 1 WCU and 1 RCU.
                let mut wcu = peak_write_units.ceil().max(given::at_least_one(
                    "WCU",
                    "a provisioned table has at least 1 WCU",
                ));
                if let Some(scaling) = self.auto_scaling {
                    // Under auto scaling, the table's capacity is its
                    // busiest hour's.
                    let day = self.hourly(ctx, scaling, units_per_write)?;
                    wcu = Traced::greatest(&day).1;
                    hourly_wcu = Some(day);
                    result.note(
                        "auto_scaling",
                        "auto scaling follows the day hour by hour; a spike shorter than the few minutes it takes to react is served by burst capacity, or throttled",
                    );
                    // Utilisation each hour: the hour's writes over its capacity.
                    let rate = ctx.rate()?;
                    let capacity = day.map(Traced::value);
                    let mut writes = [N::ZERO; HOURS];
                    let mut used = [N::ZERO; HOURS];
                    for hour in 0..HOURS {
                        writes[hour] = rate.in_hour(hour)?.times(units_per_write.value())?;
                        used[hour] = writes[hour].per(capacity[hour])?;
                    }
                    if let Some(rise) = scaling::worst_rise(&capacity, &writes) {
                        result.warn_of(
                            "auto_scaling_lag",
                            About::Rise {
                                hour: u8::try_from(rise.hour).unwrap_or(0),
                                need: rise.need.decimal(),
                                set: rise.set.decimal(),
                                unit: "WCU",
                            },
                            "auto scaling raises capacity after two minutes over its target and the update takes minutes more; meanwhile AWS throttles the writes over the old capacity (burst capacity may absorb some, unguaranteed): raise `auto_scaling_min` to the need, or raise the capacity ahead of the hour",
                        );
                    }
                    // The day hour by hour is put in words only: not in a
                    // run that works out bills and verdicts alone.
                    if report::detailed() {
                        result.hourly = Some(Box::new(Hourly {
                            key: "wcu",
                            capacity: capacity.map(N::decimal),
                            utilisation: Some(used.map(N::decimal)),
                        }));
                    }
                }
                let rcu = read_units.ceil().max(given::at_least_one(
                    "RCU",
                    "a provisioned table has at least 1 RCU",
                ));
                traced::step("wcu", Part::Capacity, "WCU", wcu);
                traced::step("rcu", Part::Capacity, "RCU", rcu);
                if peak.value() > average.value() {
                    // How much of the provisioned writes the average uses.
                    let utilisation = write_units.per(wcu)?;
                    result.capacity_of("utilisation", utilisation, "");
                }
                if read_units.value() < N::ONE || peak_write_units.value() < N::ONE {
                    result.note(
                        "minimum_capacity",
                        "a provisioned table has at least 1 WCU and 1 RCU",
                    );
                }
                (wcu, rcu)
            }
            // On demand bills the average, but the table must serve the
            // peak: its partitions and the table's throughput limit count it.
            CapacityMode::OnDemand => {
                traced::step("wcu", Part::Capacity, "WCU", peak_write_units);
                traced::step("rcu", Part::Capacity, "RCU", read_units);
                // A new table serves its first peak only up to AWS's
                // starting figures (a linear combination of writes and
                // reads), then doubles its previous peak every 30 minutes
                // or so: a launch at full load is throttled meanwhile.
                // writes ÷ W + reads ÷ R > 1, multiplied out by W × R:
                // exact, with no division.
                let (most_writes, most_reads) = (
                    ctx.count(&ON_DEMAND_NEW_WRITE_UNITS)?,
                    ctx.count(&ON_DEMAND_NEW_READ_UNITS)?,
                );
                let load = peak_write_units
                    .value()
                    .times(N::of(most_reads))?
                    .plus(read_units.value().times(N::of(most_writes))?)?;
                if load > N::of(most_writes.times(most_reads)?) {
                    result.note(
                        "on_demand_launch",
                        "this load is more than a new on-demand table serves at once, and it grows to about double its previous peak within 30 minutes: launched at this load it is throttled until it adapts; set its warm throughput ahead of the launch, or ramp the traffic up",
                    );
                }
                (peak_write_units, read_units)
            }
        };
        result.capacity_number("wcu", wcu.value());
        result.capacity_number("rcu", rcu.value());
        result.capacity_number("write_units_per_write", units_per_write.value());
        result.capacity_number("read_units_per_read", units_per_read.value());
        Ok(Units {
            write_units,
            read_units,
            wcu,
            rcu,
            hourly_wcu,
        })
    }

    /// The write capacity auto scaling sets for each hour of the day: the
    /// hour's write units (× the peak within the hour) over the target,
    /// in whole WCU within the bounds, as AWS's decrease quota lets it
    /// follow.
    fn hourly<N: Number>(
        &self,
        ctx: &Ctx<N>,
        scaling: AutoScaling,
        units_per_write: Traced<N>,
    ) -> Result<[Traced<N>; HOURS], EvalError> {
        let rate = ctx.rate()?;
        let target = given::key(scaling.target, "", &AUTO_SCALING_TARGET);
        let within = Traced::given_as(rate.within_hour(), "", || {
            Given::Rule("the peak within the busiest hour over that hour's rate")
        });
        let least = given::key(scaling.min, "WCU", &AUTO_SCALING_MIN);
        let most = scaling
            .max
            .map(|max| given::key(max, "WCU", &AUTO_SCALING_MAX));
        let average = ctx.average()?;
        let mut needed = [least; HOURS];
        for (hour, need) in needed.iter_mut().enumerate() {
            let factor = match rate.profile {
                Some(profile) => Traced::rule(
                    profile.factors[hour],
                    "",
                    "the profile's factor for the hour",
                ),
                None => Traced::rule(Decimal::ONE, "", "no profile: every hour the average"),
            };
            let units = average
                .times(factor)?
                .times(within)?
                .times(units_per_write)?
                .per(target)?
                .ceil()
                .max(least);
            *need = match most {
                Some(most) => units.min(most),
                None => units,
            };
        }
        let apart = ctx.duration(&DECREASES_APART)?.ms();
        let hour_ms = Decimal::from(3_600_000);
        let rules = scaling::Decreases {
            a_day: u32::try_from(ctx.count(&DECREASES_A_DAY)?).unwrap_or(u32::MAX),
            apart: usize::try_from(crate::base::number::ceil_div(apart, hour_ms)).unwrap_or(HOURS),
        };
        let day = scaling::follow(&needed, rules);
        for (figure, capacity) in HOUR_FIGURES.iter().zip(&day) {
            traced::step(figure, Part::Capacity, "WCU", *capacity);
        }
        Ok(day)
    }

    /// AWS's partition rule of thumb: a partition serves 3,000 RCU or 1,000
    /// WCU (shared between them) and holds 10 GB.
    /// The bytes the table holds: as stated (checked against what the flow
    /// puts in over the required retention), else what the flow puts in
    /// over the items' `ttl`, else over the required retention; else
    /// nothing is billed, and a note says so.
    fn stored<N: Number>(
        &self,
        ctx: &Ctx<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<Traced<N>, EvalError> {
        // What the writes add a second: the share that does not replace an
        // item, of the item size.
        let added = || -> Result<Traced<N>, EvalError> {
            let all = Traced::rule(Decimal::ONE, "", "every write");
            let new = all.minus(given::key(self.overwrites, "", &OVERWRITES))?;
            Ok(ctx.average()?.times(new)?.times(ctx.size()?)?)
        };
        let required = ctx.required_retention;
        Ok(match (self.storage, self.ttl) {
            (Some(storage), ttl) => {
                if let Some(required) = required {
                    // Items that expire sooner need only their lifetime.
                    let kept = ttl.map_or(required, |ttl| ttl.min(required));
                    // A verdict, not a figure of the bill: no working.
                    let needed = ctx
                        .rate()?
                        .average
                        .times(N::of(Decimal::ONE.minus(self.overwrites)?))?
                        .times(N::of(ctx.record_size()?.decimal()))?
                        .times(N::of(kept.secs()))?;
                    if N::of(storage.decimal()) < needed {
                        result.violations.push(Violation::Holds {
                            held: storage,
                            needed: needed.decimal(),
                            retention: kept,
                        });
                    }
                }
                given::size(storage, &STORAGE)
            }
            (None, Some(ttl)) => {
                let stored = added()?.times(given::seconds(ttl, &TTL))?;
                result.capacity_of("stored_bytes", stored, "B");
                stored
            }
            (None, None) => match required {
                Some(required) => {
                    let kept =
                        Traced::rule(required.secs(), "s", "the retention the scenario requires");
                    let stored = added()?.times(kept)?;
                    result.capacity_of("stored_bytes", stored, "B");
                    result.note(
                        "storage_from_retention",
                        "the table is sized to hold what the flow puts in over the required retention: set `ttl` or `storage` to say otherwise",
                    );
                    stored
                }
                None => {
                    result.note(
                        "storage_not_billed",
                        "storage is not billed: set `storage`, a `ttl`, or a retention requirement to bill what the table holds",
                    );
                    Traced::rule(Decimal::ZERO, "B", "no storage is stated")
                }
            },
        })
    }

    fn partitions<N: Number>(
        &self,
        ctx: &Ctx<N>,
        units: &Units<N>,
        stored: Traced<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        let by_reads = units.rcu.per(ctx.limit_traced(&PARTITION_RCU, "RCU")?)?;
        let by_writes = units.wcu.per(ctx.limit_traced(&PARTITION_WCU, "WCU")?)?;
        let by_throughput = by_reads.plus(by_writes)?;
        let by_storage = stored.per(ctx.limit_traced(&PARTITION_STORAGE, "B")?)?;
        let partitions = by_throughput
            .max(by_storage)
            .ceil()
            .max(given::at_least_one(
                "",
                "a table has at least one partition",
            ));
        result.capacity_of("partitions", partitions, "partitions");
        Ok(())
    }

    /// The line items: capacity-hours or request units, replicas, storage,
    /// point-in-time recovery, and Streams reads.
    fn bill<N: Number>(
        &self,
        ctx: &Ctx<N>,
        units: &Units<N>,
        stored: Traced<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        match (self.mode, self.reservation) {
            (CapacityMode::Provisioned, Some(reservation)) => {
                let kinds = [
                    reserved::Units {
                        name: "reserved_wcu",
                        provisioned: units.wcu,
                        reserved: reservation.wcu,
                        key: &reserved::RESERVED_WCU,
                        on_demand: &WCU_HOUR,
                    },
                    reserved::Units {
                        name: "reserved_rcu",
                        provisioned: units.rcu,
                        reserved: reservation.rcu,
                        key: &reserved::RESERVED_RCU,
                        on_demand: &RCU_HOUR,
                    },
                ];
                reserved::bill(ctx, reservation, kinds, result)?;
            }
            (CapacityMode::Provisioned, None) => {
                let wcu_hours = match &units.hourly_wcu {
                    // Billed hour by hour: the day's WCU-hours, over a day's
                    // hours, times the month's.
                    Some(day) => {
                        let mut sum = day[0];
                        for hour in &day[1..] {
                            sum = sum.plus(*hour)?;
                        }
                        let a_day = Traced::rule(Decimal::from(24), "h", "hours a day");
                        sum.per(a_day)?.times(ctx.hours_traced())?
                    }
                    None => units.wcu.times(ctx.hours_traced())?,
                };
                let rcu_hours = units.rcu.times(ctx.hours_traced())?;
                charge_into(&mut result.line_items, ctx, &WCU_HOUR, wcu_hours)?;
                charge_into(&mut result.line_items, ctx, &RCU_HOUR, rcu_hours)?;
            }
            (CapacityMode::OnDemand, _) => {
                let write_request_units =
                    ctx.monthly_traced(units.write_units, given::million())?;
                charge_into(
                    &mut result.line_items,
                    ctx,
                    &WRITE_REQUEST_UNITS,
                    write_request_units,
                )?;
                if !units.read_units.value().is_zero() {
                    let read_request_units =
                        ctx.monthly_traced(units.read_units, given::million())?;
                    charge_into(
                        &mut result.line_items,
                        ctx,
                        &READ_REQUEST_UNITS,
                        read_request_units,
                    )?;
                }
            }
        }
        if self.replica_regions > 0 {
            // Each replica Region writes every item again, in replicated units.
            let replicas = given::key(self.replica_regions, "", &REPLICA_REGIONS);
            let (dimension, quantity) = match self.mode {
                CapacityMode::Provisioned => {
                    let hours = units.wcu.times(replicas)?.times(ctx.hours_traced())?;
                    (&REPLICATED_WCU_HOUR, hours)
                }
                CapacityMode::OnDemand => {
                    let units =
                        ctx.monthly_traced(units.write_units.times(replicas)?, given::million())?;
                    (&REPLICATED_WRITE_REQUEST_UNITS, units)
                }
            };
            charge_into(&mut result.line_items, ctx, dimension, quantity)?;
            result.note(
                "cross_region_transfer",
                "a global table also pays for data transferred between Regions, which calc does not price",
            );
        }
        let storage_gb = stored.per(given::gib())?;
        if !storage_gb.value().is_zero() {
            charge_into(&mut result.line_items, ctx, &STORAGE_GB_MONTH, storage_gb)?;
            if self.point_in_time_recovery {
                charge_into(&mut result.line_items, ctx, &PITR_GB_MONTH, storage_gb)?;
            }
        }
        if self.streams && !self.streams_reads_per_second.is_zero() {
            let reads = given::key(
                self.streams_reads_per_second,
                "requests/s",
                &STREAMS_READS_PER_SECOND,
            );
            let requests = ctx.monthly_traced(reads, given::million())?;
            charge_into(
                &mut result.line_items,
                ctx,
                &STREAMS_READ_REQUEST_UNITS,
                requests,
            )?;
        } else if self.streams {
            result.note(
                "streams_lambda_free",
                "Streams reads by Lambda triggers are free",
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::units::{GIB, PIB};
    use crate::model::report::CapacityValue;
    use crate::services::kit::testing::{Fed, ctx, figure, floats_agree, item, steady};
    use rust_decimal_macros::dec;

    fn table(item_size: Bytes) -> Fed<Input> {
        let input = Input {
            mode: CapacityMode::Provisioned,
            reads_per_second: Decimal::ZERO,
            read_consistency: ReadConsistency::Eventual,
            read_mix: None,
            transactional_writes: false,
            storage: None,
            ttl: None,
            overwrites: Decimal::ZERO,
            streams: true,
            streams_reads_per_second: Decimal::ZERO,
            point_in_time_recovery: false,
            replica_regions: 0,
            reservation: None,
            auto_scaling: None,
        };
        Fed::new(input, steady(dec!(3000), item_size), Input::evaluate_into)
    }

    /// A table fed `writes` a second of `item_size`.
    fn fed(writes: Decimal, item_size: Bytes) -> Fed<Input> {
        let mut input = table(item_size);
        input.flow = steady(writes, item_size);
        input
    }

    /// The month of 730 h, under a scenario that requires its data kept
    /// for `retention`.
    fn requiring(retention: Option<Duration>) -> Ctx<'static> {
        Ctx {
            required_retention: retention,
            ..ctx(dec!(730))
        }
    }

    #[test]
    fn floats_give_the_exact_bill_and_verdict() {
        use crate::model::flow::Rate;
        use crate::model::profile::Profile;
        use crate::services::kit::commitment::Term;
        let year = Some(Duration::from_hours(365 * 24));
        let business = Profile::named("business_hours").unwrap();
        let shaped = |average: Decimal, peak: Decimal| Rate {
            profile: Some(business),
            ..Rate::new(average, peak)
        };
        // Each table, under the retention its scenario requires.
        let mut cases: Vec<(Fed<Input>, Option<Duration>)> = Vec::new();
        // Provisioned at a steady 3,000 writes/s of 1 KB.
        cases.push((table(Bytes::kib(1)), None));
        // Provisioned at non-round rates and sizes, peaking above the
        // average: strong reads, a TTL, Streams reads, PITR and replicas.
        let mut busy = fed(dec!(1234.567), Bytes(2500));
        busy.flow = Flow::new(Rate::new(dec!(1234.567), dec!(3456.789)), Some(Bytes(2500)));
        busy.reads_per_second = dec!(789.01);
        busy.read_consistency = ReadConsistency::Strong;
        busy.transactional_writes = true;
        busy.ttl = Some(Duration::from_hours(7 * 24));
        busy.overwrites = dec!(0.35);
        busy.streams_reads_per_second = dec!(12.5);
        busy.point_in_time_recovery = true;
        busy.replica_regions = 2;
        cases.push((busy, None));
        // On demand, mixed reads, storage from the required retention.
        let mut on_demand = fed(dec!(987.65), Bytes(7000));
        on_demand.mode = CapacityMode::OnDemand;
        on_demand.reads_per_second = dec!(4321.5);
        on_demand.read_mix = Some([dec!(0.3), dec!(0.6), dec!(0.1)]);
        on_demand.replica_regions = 1;
        on_demand.streams = false;
        cases.push((on_demand, year));
        // On demand past the table's write limit at the peak: a violation.
        let mut over = fed(dec!(20000), Bytes::kib(1));
        over.mode = CapacityMode::OnDemand;
        over.flow = Flow::new(Rate::new(dec!(20000), dec!(80000)), Some(Bytes::kib(1)));
        cases.push((over, None));
        // A stated storage below what a year of writes puts in: a verdict.
        let mut small = fed(dec!(5000.5), Bytes::kib(2));
        small.storage = Some(Bytes(50 * GIB));
        cases.push((small, year));
        // An item over the size limit.
        cases.push((fed(dec!(10), Bytes::kib(500)), None));
        // Reserved capacity, stated and by default.
        for (term, wcu) in [(Term::OneYear, Some(3000)), (Term::ThreeYears, None)] {
            let mut reserved = fed(dec!(4567.8), Bytes::kib(1));
            reserved.reads_per_second = dec!(1500.25);
            reserved.reservation = Some(reserved::Reservation {
                term,
                wcu,
                rcu: None,
            });
            cases.push((reserved, None));
        }
        // Auto scaling over the business day, with and without a maximum.
        for max in [None, Some(2000)] {
            let mut scaled = fed(dec!(1000), Bytes::kib(1));
            scaled.flow = Flow::new(shaped(dec!(1000.3), dec!(2345.6)), Some(Bytes(1500)));
            scaled.auto_scaling = Some(AutoScaling {
                target: dec!(0.7),
                min: 5,
                max,
            });
            cases.push((scaled, None));
        }
        // With and without the free tier (25 WCU, 25 RCU, 25 GB), each
        // evaluation with a ledger of its own.
        for (fed, retention) in cases {
            for free_tier in [false, true] {
                let ctx = Ctx {
                    free_tier,
                    ..requiring(retention)
                };
                floats_agree(&fed.input, fed.flow, &ctx);
            }
        }
    }

    #[test]
    fn a_table_holds_what_the_writes_put_in_over_its_ttl() {
        // 100 writes/s of 1 KB kept 30 d: 100 × 1,024 B × 2,592,000 s =
        // 265,420,800,000 B = 247.1923828125 GB × $0.25 = $61.798095703125.
        let mut table = fed(dec!(100), Bytes::kib(1));
        table.ttl = Some(Duration::from_hours(30 * 24));
        let result = table.evaluate(&requiring(None)).unwrap();
        let storage = item(&result, "storage_gb_month");
        assert_eq!(storage.quantity, dec!(247.1923828125));
        assert_eq!(storage.monthly_cost, dec!(61.798095703125));
        // Its items live 30 d: a year's retention is a verdict of the
        // alternative, not of what the table was sized for.
        assert_eq!(
            result.properties.retention,
            Retention::For(Duration::from_hours(720))
        );
        // Three writes in four update an item already there: a quarter.
        table.overwrites = dec!(0.75);
        let result = table.evaluate(&requiring(None)).unwrap();
        assert_eq!(
            item(&result, "storage_gb_month").quantity,
            dec!(61.798095703125)
        );
    }

    #[test]
    fn without_storage_or_ttl_a_table_holds_the_required_retention() {
        // The clickstream: 5,000 writes/s of 2 KB for a required 365 d:
        // 5,000 × 2,048 B × 31,536,000 s = 322,928,640,000,000 B
        // = 300,750.732421875 GB, billed; a year of data is about 294 TB.
        let year = Some(Duration::from_hours(365 * 24));
        let result = fed(dec!(5000), Bytes::kib(2))
            .evaluate(&requiring(year))
            .unwrap();
        assert_eq!(
            item(&result, "storage_gb_month").quantity,
            dec!(300750.732421875)
        );
        assert!(
            result
                .notes
                .iter()
                .any(|n| n.code == "storage_from_retention")
        );
        // With no retention required, nothing is billed, and a note says so.
        let result = fed(dec!(5000), Bytes::kib(2))
            .evaluate(&requiring(None))
            .unwrap();
        assert!(
            result
                .line_items
                .iter()
                .all(|i| i.dimension.name() != "storage_gb_month")
        );
        assert!(result.notes.iter().any(|n| n.code == "storage_not_billed"));
    }

    #[test]
    fn a_stated_storage_below_what_the_flow_puts_in_is_a_verdict() {
        // 50 GB stated against the 322,928,640,000,000 B a year of the
        // clickstream puts in: billed as stated, and failing with both figures.
        let year = Duration::from_hours(365 * 24);
        let mut table = fed(dec!(5000), Bytes::kib(2));
        table.storage = Some(Bytes(50 * GIB));
        let result = table.evaluate(&requiring(Some(year))).unwrap();
        assert_eq!(item(&result, "storage_gb_month").quantity, dec!(50));
        assert_eq!(
            result.violations.as_slice(),
            [Violation::Holds {
                held: Bytes(50 * GIB),
                needed: dec!(322928640000000),
                retention: year,
            }]
        );
        // Items that expire after 1 h need 5,000 × 2,048 B × 3,600 s =
        // 36,864,000,000 B, under 50 GB (53,687,091,200 B): no verdict.
        table.ttl = Some(Duration::from_hours(1));
        let result = table.evaluate(&requiring(Some(year))).unwrap();
        assert!(result.violations.is_empty(), "{:?}", result.violations);
    }

    #[test]
    fn mixed_reads_are_rounded_up_once_for_the_table() {
        // 3 reads/s of 1 KB items: 30% eventual (0.5 unit), 60% strong (1),
        // 10% transactional (2): 3 × (0.15 + 0.6 + 0.2) = 2.85, so 3 RCU;
        // rounding each share up would give 1 + 2 + 1 = 4.
        // 3 RCU × 730 h × $0.00013 = $0.2847.
        let mut input = table(Bytes::kib(1));
        input.reads_per_second = dec!(3);
        input.read_mix = Some([dec!(0.3), dec!(0.6), dec!(0.1)]);
        assert_eq!(
            input
                .input
                .read_units_per_read(figure(Bytes::kib(1).decimal()))
                .unwrap()
                .value(),
            dec!(0.95)
        );
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "rcu_hour").quantity, dec!(2190));
        assert_eq!(item(&result, "rcu_hour").monthly_cost, dec!(0.2847));
    }

    #[test]
    fn a_global_table_with_backups() {
        // 3,000 writes/s of 1 KB, provisioned, two replica Regions, 100 GB
        // with point-in-time recovery, 730 h:
        // 3,000 WCU × 2 × 730 = 4,380,000 rWCU-hours × $0.00065 = $2,847;
        // PITR 100 GB × $0.20 = $20, beside the storage's 100 × $0.25 = $25.
        let mut input = table(Bytes::kib(1));
        input.replica_regions = 2;
        input.point_in_time_recovery = true;
        input.storage = Some(Bytes(100 * GIB));
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let replicated = item(&result, "replicated_wcu_hour");
        assert_eq!(replicated.quantity, dec!(4380000));
        assert_eq!(replicated.monthly_cost, dec!(2847));
        assert_eq!(item(&result, "pitr_gb_month").monthly_cost, dec!(20));
        assert_eq!(item(&result, "storage_gb_month").monthly_cost, dec!(25));
        // On demand: 3,000 × 2,628,000 s × 2 Regions = 15,768 million rWRU
        // × $0.625 = $9,855.
        input.mode = CapacityMode::OnDemand;
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let replicated = item(&result, "replicated_write_request_units");
        assert_eq!(replicated.quantity, dec!(15768));
        assert_eq!(replicated.monthly_cost, dec!(9855));
    }

    #[test]
    fn course_example_at_744_hours() {
        // 3,000 WCU × $0.00065 × 744 h = $1,450.80; the table's minimum 1 RCU
        // adds 744 × $0.00013 = $0.09672, for the course's $1,450.90.
        let result = table(Bytes::kib(1)).evaluate(&ctx(dec!(744))).unwrap();
        assert_eq!(item(&result, "wcu_hour").quantity, dec!(3000) * dec!(744));
        assert_eq!(item(&result, "wcu_hour").monthly_cost, dec!(1450.80));
        assert_eq!(item(&result, "rcu_hour").monthly_cost, dec!(0.09672));
        assert_eq!(
            crate::base::number::cents(result.monthly_cost()),
            dec!(1450.90)
        );
    }

    #[test]
    fn write_units_round_up_per_kilobyte() {
        // AWS: a 3 KB item needs 3 WCU per write, 6 in a transaction.
        let mut input = table(Bytes::kib(3));
        assert_eq!(
            input
                .write_units_per_write(figure(Bytes::kib(3).decimal()))
                .unwrap()
                .value(),
            dec!(3)
        );
        input.transactional_writes = true;
        assert_eq!(
            input
                .write_units_per_write(figure(Bytes::kib(3).decimal()))
                .unwrap()
                .value(),
            dec!(6)
        );
    }

    #[test]
    fn read_units_round_up_per_4_kilobytes() {
        // AWS: an 8 KB item needs 2 RCU strongly consistent, 1 eventually, 4 transactionally.
        let mut input = table(Bytes::kib(8));
        for (consistency, units) in [
            (ReadConsistency::Strong, dec!(2)),
            (ReadConsistency::Eventual, dec!(1)),
            (ReadConsistency::Transactional, dec!(4)),
        ] {
            input.read_consistency = consistency;
            assert_eq!(
                input
                    .read_units_per_read(figure(Bytes::kib(8).decimal()))
                    .unwrap()
                    .value(),
                units,
                "{consistency:?}"
            );
        }
    }

    #[test]
    fn partitions_follow_throughput() {
        // 3,000 WCU / 1,000 + 1 RCU / 3,000 = 3.0003 → 4 partitions.
        let result = table(Bytes::kib(1)).evaluate(&ctx(dec!(730))).unwrap();
        let partitions = result
            .capacity
            .iter()
            .find(|c| c.key == "partitions")
            .unwrap();
        assert_eq!(partitions.value, CapacityValue::Number(dec!(4)));
    }

    #[test]
    fn on_demand_counts_request_units() {
        // 3,000 writes/s × 2,628,000 s = 7,884 million WRU × $0.625 = $4,927.50.
        let mut input = table(Bytes::kib(1));
        input.mode = CapacityMode::OnDemand;
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "write_request_units").quantity, dec!(7884));
        assert_eq!(
            item(&result, "write_request_units").monthly_cost,
            dec!(4927.5)
        );
    }

    #[test]
    fn a_load_past_what_a_new_on_demand_table_serves_notes_the_launch() {
        // A new on-demand table serves 4,000 WRU or 12,000 RRU a second,
        // or a mix: 3,000 writes/s of 1 KB is 3,000 / 4,000 = 0.75 of it,
        // no note. Eventually consistent reads of 1 KB items are half a
        // unit each: 3,000 reads (1,500 RRU, 0.125) make 0.875, still
        // none; 6,000 reads (3,000 RRU, 0.25) make exactly 1, within;
        // 6,002 reads (3,001 RRU) pass it.
        let launch = |reads: Decimal| {
            let mut input = table(Bytes::kib(1));
            input.mode = CapacityMode::OnDemand;
            input.reads_per_second = reads;
            let result = input.evaluate(&ctx(dec!(730))).unwrap();
            result.notes.iter().any(|n| n.code == "on_demand_launch")
        };
        assert!(!launch(dec!(0)));
        assert!(!launch(dec!(3000)));
        assert!(!launch(dec!(6000)));
        assert!(launch(dec!(6002)));
    }

    #[test]
    fn figures_too_large_for_exact_decimals_are_an_error() {
        // 10^12 writes/s of 1 PB items: 2^40 WCU a write, about 1.1 × 10^24 WCU.
        let mut input = table(Bytes(PIB));
        input.flow = steady(dec!(1_000_000_000_000), Bytes(PIB));
        input.reads_per_second = dec!(1_000_000_000_000);
        input.read_consistency = ReadConsistency::Transactional;
        // Provisioned, the hours fit: about 8 × 10^26 WCU-hours.
        assert!(input.evaluate(&ctx(dec!(730))).is_ok());
        // On demand, the month's write units (× 2,628,000 s) do not.
        input.mode = CapacityMode::OnDemand;
        assert_eq!(
            input.evaluate(&ctx(dec!(730))).unwrap_err(),
            EvalError::Arithmetic
        );
    }

    #[test]
    fn on_demand_serves_the_peak_within_the_table_limit() {
        // 20,000 writes/s of 1 KB peaking at 80,000: on demand bills the
        // average, 20,000 × 2,628,000 s = 52,560 million WRU, but the table
        // must take 80,000 WRU a second, over its 40,000 limit.
        let mut input = table(Bytes::kib(1));
        input.mode = CapacityMode::OnDemand;
        input.flow = Flow::new(
            crate::model::flow::Rate::new(dec!(20000), dec!(80000)),
            Some(Bytes::kib(1)),
        );
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "write_request_units").quantity, dec!(52560));
        assert!(matches!(
            result.violations.as_slice(),
            [crate::model::report::Violation::Limit { limit, needed, .. }]
                if limit.key == TABLE_WCU.key && *needed == dec!(80000)
        ));
    }
}
