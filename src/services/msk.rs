//! Amazon MSK (Managed Streaming for Apache Kafka), provisioned (Standard
//! brokers) and serverless.

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::base::units::{Bytes, Duration};
use crate::model::choice::{Choice, choice};
use crate::model::dimension::{Dimension, Limit, LimitKind};
use crate::model::flow;
use crate::model::keys::{Default, Invalid, Key, Kind, Values};
use crate::model::offer::{Mapping, Offer};
use crate::model::report::{self, CapacityValue, ComponentResult, Ordering, Properties, Retention};
use crate::model::traced::{self, Traced};
use crate::model::working::Part;
use crate::services::kit::bill::{charge_into, charge_type_into};
use crate::services::kit::{Component, Ctx, Doc, EvalError, Functions, ServiceDef, given};

/// The AWS Price List offer that prices it, and the products that price
/// its dimensions (`calc pricing import`).
pub static OFFER: Offer = Offer {
    code: "AmazonMSK",
    catalogue: None,
    mappings: &[
        Mapping::usage(&STORAGE_GB_MONTH, "Kafka.Storage.GP2"),
        Mapping::usage(&SERVERLESS_CLUSTER_HOUR, "KafkaServerless-ClusterHours"),
        Mapping::usage(&SERVERLESS_PARTITION_HOUR, "KafkaServerless-PartitionHours"),
        Mapping::usage(&SERVERLESS_DATA_IN_GB, "KafkaServerless-In-Bytes"),
        Mapping::usage(&SERVERLESS_DATA_OUT_GB, "KafkaServerless-Out-Bytes"),
    ],
};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "msk",
    title: "MSK",
    aliases: &["kafka", "managed_streaming_for_apache_kafka"],
    dimensions: &[
        &BROKER_HOUR,
        &STORAGE_GB_MONTH,
        &SERVERLESS_CLUSTER_HOUR,
        &SERVERLESS_PARTITION_HOUR,
        &SERVERLESS_DATA_IN_GB,
        &SERVERLESS_DATA_OUT_GB,
        &SERVERLESS_STORAGE_GB_MONTH,
    ],
    limits: &[
        &MIN_STORAGE_PER_BROKER,
        &MAX_STORAGE_PER_BROKER,
        &SERVERLESS_INGRESS,
        &SERVERLESS_EGRESS,
        &SERVERLESS_PARTITION_INGRESS,
        &SERVERLESS_PARTITION_EGRESS,
        &SERVERLESS_PARTITIONS,
        &SERVERLESS_MAX_MESSAGE_SIZE,
        &SERVERLESS_RETENTION_BYTES,
        &LATENCY,
    ],
    catalogue: Some(&BROKER_HOUR),
    offer: Some(&OFFER),
    keys: &[
        &CLUSTER_TYPE,
        &CONSUMERS,
        &PARTITIONS,
        &RETENTION,
        &RETENTION_BYTES,
        &BROKER_TYPE,
        &BROKERS,
        &STORAGE_PER_BROKER,
        &REPLICATION_FACTOR,
    ],
    functions: Functions::of::<Input>(),
    doc: &DOC,
    input: Some(&flow::RECORDS),
    transforms: false,
};

static CLUSTER_TYPE: Key = Key::new(
    "cluster_type",
    Kind::Choice(ClusterType::NAMES),
    Default::Text("provisioned"),
    "`provisioned` or `serverless`",
);
static CONSUMERS: Key = Key::new(
    "consumers",
    Kind::Count {
        min: 0,
        max: 10_000,
    },
    Default::Integer(1),
    "consumer groups, each reading every record",
);
static PARTITIONS: Key = Key::new(
    "partitions",
    Kind::Count {
        min: 0,
        max: 1_000_000,
    },
    Default::None,
    "topic partitions",
)
.defaulting_to("from throughput");
static RETENTION: Key = Key::new(
    "retention",
    Kind::Duration,
    Default::Text("7 d"),
    "how long records are kept",
);
static RETENTION_BYTES: Key = Key::new(
    "retention_bytes",
    Kind::Size,
    Default::None,
    "a serverless topic's retention.bytes: what each partition keeps at most",
)
.defaulting_to("the topic default, 250 GB (the pricing table's)");
// The provisioned cluster's keys are absent unless set, so that one set on
// a serverless cluster is caught.
static BROKER_TYPE: Key = Key::new(
    "broker_type",
    Kind::Instance("msk"),
    Default::None,
    "a broker type the pricing table prices (`calc pricing show TABLE msk`)",
)
.defaulting_to("required (provisioned)");
static BROKERS: Key = Key::new(
    "brokers",
    Kind::Count {
        min: 0,
        max: 10_000,
    },
    Default::None,
    "brokers in the cluster",
)
.defaulting_to("3");
static STORAGE_PER_BROKER: Key = Key::new(
    "storage_per_broker",
    Kind::Size,
    Default::None,
    "EBS storage per broker (1 GB to 16 TB)",
)
.defaulting_to("required (provisioned)");
static REPLICATION_FACTOR: Key = Key::new(
    "replication_factor",
    Kind::Count { min: 0, max: 100 },
    Default::None,
    "copies of each partition",
)
.defaulting_to("3");

pub const DOC: Doc = Doc {
    bills: "broker-hours (at the broker type's row in the table) and storage; or serverless cluster-hours, partition-hours, GB in and out, storage",
    reports: "`broker_type`, storage per broker, partitions",
    summary: "managed Apache Kafka: provisioned brokers with storage, or serverless",
    ordering: "per partition (key)",
    retention: "as configured (7 d by default); provisioned storage must hold it",
    replay: "yes, from any offset in the retention period",
    latency: "tens of ms",
    scaling: "provisioned: brokers and storage you choose; serverless: 200 MB/s in, 5 MB/s per partition",
    formulas: &[
        "provisioned: brokers x hours x broker price + brokers x storage (GB-month)",
        "storage needed = write bytes/s x retention x replication factor / brokers, per broker",
        "serverless: cluster-hours + partition-hours + GB in + GB out + GB-months stored",
        "no data transfer charge within the cluster (replication between brokers); data in and out pays standard rates (MSK pricing page)",
    ],
};

/// A broker-hour of the cluster's broker type: its price is the type's row
/// in the table's catalogue (`[instances.msk."kafka.m5.large"]`).
pub const BROKER_HOUR: Dimension = Dimension::new("msk.broker_hour", "broker-hour");
pub const STORAGE_GB_MONTH: Dimension = Dimension::new("msk.storage_gb_month", "GB-month");
pub const SERVERLESS_CLUSTER_HOUR: Dimension =
    Dimension::new("msk.serverless_cluster_hour", "cluster-hour");
pub const SERVERLESS_PARTITION_HOUR: Dimension =
    Dimension::new("msk.serverless_partition_hour", "partition-hour");
pub const SERVERLESS_DATA_IN_GB: Dimension = Dimension::new("msk.serverless_data_in_gb", "GB");
pub const SERVERLESS_DATA_OUT_GB: Dimension = Dimension::new("msk.serverless_data_out_gb", "GB");
pub const SERVERLESS_STORAGE_GB_MONTH: Dimension =
    Dimension::new("msk.serverless_storage_gb_month", "GB-month");

pub const MIN_STORAGE_PER_BROKER: Limit = Limit::new(
    "msk.min_storage_per_broker",
    LimitKind::Bytes,
    "storage per broker",
);
pub const MAX_STORAGE_PER_BROKER: Limit = Limit::new(
    "msk.max_storage_per_broker",
    LimitKind::Bytes,
    "storage per broker",
);
/// The cluster's own `storage_per_broker`, against what the retention needs;
/// not an AWS quota, so the pricing table has no entry for it.
pub const BROKER_STORAGE: Limit = Limit::new(
    "msk.storage_per_broker",
    LimitKind::Bytes,
    "storage per broker to keep the retention",
);
pub const SERVERLESS_INGRESS: Limit = Limit::new(
    "msk.serverless_ingress_bytes_per_second",
    LimitKind::Bytes,
    "of writes per second per serverless cluster",
);
pub const SERVERLESS_EGRESS: Limit = Limit::new(
    "msk.serverless_egress_bytes_per_second",
    LimitKind::Bytes,
    "of reads per second per serverless cluster",
);
pub const SERVERLESS_PARTITION_EGRESS: Limit = Limit::new(
    "msk.serverless_partition_egress_bytes_per_second",
    LimitKind::Bytes,
    "of reads per second per serverless partition",
);
pub const SERVERLESS_PARTITION_INGRESS: Limit = Limit::new(
    "msk.serverless_partition_ingress_bytes_per_second",
    LimitKind::Bytes,
    "of writes per second per serverless partition",
);
pub const SERVERLESS_PARTITIONS: Limit = Limit::new(
    "msk.serverless_partitions_per_cluster",
    LimitKind::Count,
    "partitions per serverless cluster",
);
pub const SERVERLESS_MAX_MESSAGE_SIZE: Limit = Limit::new(
    "msk.serverless_max_message_size",
    LimitKind::Bytes,
    "message size",
);
pub const SERVERLESS_RETENTION_BYTES: Limit = Limit::new(
    "msk.serverless_retention_bytes",
    LimitKind::Bytes,
    "kept per partition by a serverless topic's default retention.bytes",
);
pub const LATENCY: Limit = Limit::new("msk.latency", LimitKind::Duration, "latency");

choice! {
    pub enum ClusterType {
        Provisioned = "provisioned",
        Serverless = "serverless",
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cluster {
    Provisioned {
        /// A type the pricing table's `msk` catalogue has a row for.
        broker_type: &'static str,
        brokers: u32,
        storage_per_broker: Bytes,
        replication_factor: u32,
    },
    Serverless,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub cluster: Cluster,
    /// Consumer groups, each reading every record.
    pub consumers: u32,
    pub partitions: Option<u32>,
    pub retention: Duration,
    /// A serverless topic's `retention.bytes`, when set over the default.
    pub retention_bytes: Option<Bytes>,
}

/// Brokers, and copies of each partition, when a provisioned cluster does
/// not say.
const DEFAULT_BROKERS: u32 = 3;
const DEFAULT_REPLICATION: u32 = 3;

fn build(values: &Values) -> Result<Input, Invalid> {
    let default = || Invalid::component("a key of `msk` has no value");
    let partitions = values.count(&PARTITIONS);
    if partitions == Some(0) {
        return Err(Invalid::new(&PARTITIONS, "`partitions` must be at least 1"));
    }
    let retention = values.duration(&RETENTION).ok_or_else(default)?;
    if retention <= Duration::ZERO {
        return Err(Invalid::new(
            &RETENTION,
            "`retention` must be more than 0 h",
        ));
    }
    let cluster = match values.choice(&CLUSTER_TYPE).ok_or_else(default)? {
        ClusterType::Serverless => {
            let provisioned_only = [
                &BROKER_TYPE,
                &BROKERS,
                &STORAGE_PER_BROKER,
                &REPLICATION_FACTOR,
            ];
            if let Some(key) = provisioned_only.into_iter().find(|k| values.is_set(k)) {
                return Err(Invalid::new(
                    key,
                    "brokers, their storage and replication are set by AWS on a serverless cluster",
                )
                .with_help("remove the key, or set `cluster_type = \"provisioned\"`"));
            }
            Cluster::Serverless
        }
        ClusterType::Provisioned if values.is_set(&RETENTION_BYTES) => {
            return Err(Invalid::new(
                &RETENTION_BYTES,
                "`retention_bytes` applies to serverless clusters",
            )
            .with_help("on a provisioned cluster, size `storage_per_broker` for the retention"));
        }
        ClusterType::Provisioned if partitions.is_some() => {
            return Err(Invalid::new(&PARTITIONS, "`partitions` applies to serverless clusters")
                .with_help("on a provisioned cluster, size the brokers and their storage; partitions are not billed"));
        }
        ClusterType::Provisioned => provisioned(values)?,
    };
    Ok(Input {
        cluster,
        consumers: values.count(&CONSUMERS).ok_or_else(default)?,
        partitions,
        retention,
        retention_bytes: values.bytes(&RETENTION_BYTES),
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
        let mode = match self.cluster {
            Cluster::Provisioned { .. } => ClusterType::Provisioned,
            Cluster::Serverless => ClusterType::Serverless,
        };
        result.reset(SERVICE.name, Some(mode.as_str()));
        // Bytes written a second: throughput limits hold at the peak, what
        // is billed and stored follows the average.
        let record_size = ctx.record_size()?;
        // The peak too must fit in exact decimals, whichever the cluster.
        ctx.rate()?.times(N::of(record_size.decimal()))?;
        let size = ctx.size()?;
        let write = ctx.average()?.times(size)?;
        let consumers = given::key(self.consumers, "consumer groups", &CONSUMERS);
        let read = write.times(consumers)?;
        let retained_bytes = write.times(given::seconds(self.retention, &RETENTION))?;
        result.capacity_of("write_bytes_per_second", write, "B/s");
        result.capacity_of("read_bytes_per_second", read, "B/s");
        let max_message_size = match self.cluster {
            Cluster::Provisioned {
                broker_type,
                brokers,
                storage_per_broker,
                replication_factor,
            } => {
                check_storage(ctx, storage_per_broker, result)?;
                // Every replica of the retained data sits on some broker; the
                // brokers share it evenly when partitions are spread well.
                let brokers = given::key(brokers, "brokers", &BROKERS);
                let copies = given::key(replication_factor, "copies", &REPLICATION_FACTOR);
                let needed = retained_bytes.times(copies)?.per(brokers)?;
                let storage = given::size(storage_per_broker, &STORAGE_PER_BROKER);
                let allowed = storage.value();
                let mut whole = needed.ceil();
                if whole.value() > N::of(Decimal::from(u64::MAX)) {
                    whole = whole.min(Traced::rule(
                        Decimal::from(u64::MAX),
                        "B",
                        "the largest size a report holds (2^64 − 1 bytes)",
                    ));
                }
                // Put in bytes only where the figures are read.
                if report::detailed() {
                    let whole = whole.value().decimal();
                    let needed_bytes = Bytes(u64::try_from(whole).unwrap_or(u64::MAX));
                    result.capacity(
                        "storage_needed_per_broker",
                        CapacityValue::Bytes(needed_bytes),
                    );
                }
                traced::step("storage_needed_per_broker", Part::Capacity, "B", whole);
                if needed.value() > allowed {
                    result.violate(
                        &BROKER_STORAGE,
                        needed.value().decimal(),
                        allowed.decimal(),
                        "raise `storage_per_broker` (up to 16 TB), add brokers, or shorten `retention`",
                    );
                }
                // Throughput that is not checked is not known to fit: the
                // alternative's verdict says so rather than passing it.
                result.warn(
                    "broker_throughput_unchecked",
                    "throughput and partitions per broker are not checked: calc has no sourced per-broker-type figures",
                );
                // The type priced the broker-hours: a report says which.
                result.capacity("broker_type", CapacityValue::Key(broker_type));
                let broker_hours = brokers.times(ctx.hours_traced())?;
                charge_type_into(
                    &mut result.line_items,
                    ctx,
                    &BROKER_HOUR,
                    broker_type,
                    broker_hours,
                )?;
                // Provisioned storage is billed whether used or not.
                let storage_gb = brokers.times(storage)?.per(given::gib())?;
                charge_into(&mut result.line_items, ctx, &STORAGE_GB_MONTH, storage_gb)?;
                None
            }
            Cluster::Serverless => {
                let max = ctx.bytes(&SERVERLESS_MAX_MESSAGE_SIZE)?;
                if record_size > max {
                    result.violate(
                        &SERVERLESS_MAX_MESSAGE_SIZE,
                        record_size.decimal(),
                        max.decimal(),
                        crate::services::kit::SPLIT_OR_POINTER,
                    );
                }
                let peak_write = ctx.peak()?.times(size)?;
                let writes = Writes {
                    average: write,
                    peak: peak_write,
                };
                self.serverless(ctx, writes, consumers, retained_bytes, result)?;
                Some(max)
            }
        };
        // Kafka keeps order within a partition, i.e. per key, and consumers can
        // rewind to any offset still retained.
        result.properties = Properties {
            ordering: Some(Ordering::PerKey),
            retention: Retention::For(self.retention),
            replay: true,
            max_message_size,
            max_run_duration: None,
        };
        result.latency = ctx.duration(&LATENCY)?;
        Ok(())
    }
}

fn provisioned(values: &Values) -> Result<Cluster, Invalid> {
    let Some(broker_type) = values.name(&BROKER_TYPE) else {
        return Err(
            Invalid::component("a provisioned `msk` cluster needs `broker_type`").with_help(
                "e.g. `broker_type = \"kafka.m5.large\"` (`calc pricing show TABLE msk` lists the types), \
                 or `cluster_type = \"serverless\"`",
            ),
        );
    };
    let Some(storage_per_broker) = values.bytes(&STORAGE_PER_BROKER) else {
        return Err(
            Invalid::component("a provisioned `msk` cluster needs `storage_per_broker`").with_help(
                "the EBS storage each broker gets, e.g. `storage_per_broker = \"1000 GB\"`",
            ),
        );
    };
    let brokers = values.count(&BROKERS).unwrap_or(DEFAULT_BROKERS);
    if brokers == 0 {
        return Err(Invalid::new(&BROKERS, "`brokers` must be at least 1"));
    }
    let replication_factor = match values.count(&REPLICATION_FACTOR) {
        Some(r) if r == 0 || r > brokers => {
            return Err(Invalid::new(
                &REPLICATION_FACTOR,
                format!(
                    "`replication_factor` must be between 1 and the {brokers} brokers (found {r})"
                ),
            )
            .with_help("Kafka keeps each replica of a partition on a different broker"));
        }
        Some(r) => r,
        None if brokers < DEFAULT_REPLICATION => {
            return Err(Invalid::new(
                &BROKERS,
                format!("{brokers} brokers cannot hold the default 3 replicas"),
            )
            .with_help("add brokers, or set a smaller `replication_factor`"));
        }
        None => DEFAULT_REPLICATION,
    };
    Ok(Cluster::Provisioned {
        broker_type,
        brokers,
        storage_per_broker,
        replication_factor,
    })
}

/// Bytes written a second, on average and at the peak.
#[derive(Clone, Copy, Debug)]
struct Writes<N> {
    average: Traced<N>,
    peak: Traced<N>,
}

impl Input {
    fn serverless<N: Number>(
        &self,
        ctx: &Ctx<N>,
        writes: Writes<N>,
        consumers: Traced<N>,
        retained_bytes: Traced<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        let partitions = self.serverless_partitions(ctx, writes, consumers, result)?;
        self.serverless_retention(ctx, retained_bytes, partitions, result)?;
        serverless_bill(ctx, writes, consumers, partitions, retained_bytes, result)
    }

    /// The partitions the cluster is given (or needs), checked against the
    /// cluster's and each partition's throughput and the partition quota.
    fn serverless_partitions<N: Number>(
        &self,
        ctx: &Ctx<N>,
        writes: Writes<N>,
        consumers: Traced<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<Traced<N>, EvalError> {
        let (write, read) = (writes.peak, writes.peak.times(consumers)?);
        // A serverless partition takes 5 MB/s of writes and serves 10 MB/s
        // of reads: the busier side sets how many are needed.
        let per_partition_in = ctx.limit_traced(&SERVERLESS_PARTITION_INGRESS, "B/s")?;
        let per_partition_out = ctx.limit_traced(&SERVERLESS_PARTITION_EGRESS, "B/s")?;
        let (_, needed_partitions) = Traced::greatest(&[
            write.per(per_partition_in)?.ceil(),
            read.per(per_partition_out)?.ceil(),
            given::at_least_one("partitions", "a topic has at least one partition"),
        ]);
        let partitions = match self.partitions {
            Some(set) => given::key(set, "partitions", &PARTITIONS),
            None => needed_partitions,
        };
        // The working shows what the throughput needs before what is set.
        traced::step(
            "partitions_for_throughput",
            Part::Capacity,
            "partitions",
            needed_partitions,
        );
        result.capacity_of("partitions", partitions, "partitions");
        result.capacity_number("partitions_for_throughput", needed_partitions.value());
        // The checks compare the figures' values.
        let counted = partitions;
        let (write, read, partitions) = (write.value(), read.value(), partitions.value());
        let per_partition = per_partition_in.value();
        let per_partition_out = per_partition_out.value();

        let ingress = ctx.bytes(&SERVERLESS_INGRESS)?.decimal();
        if write > N::of(ingress) {
            result.violate(
                &SERVERLESS_INGRESS,
                write.decimal(),
                ingress,
                FIX_SPLIT_CLUSTER,
            );
        }
        let egress = ctx.bytes(&SERVERLESS_EGRESS)?.decimal();
        if read > N::of(egress) {
            result.violate(
                &SERVERLESS_EGRESS,
                read.decimal(),
                egress,
                FIX_SPLIT_CLUSTER,
            );
        }
        let per_partition_write = write.per(partitions)?;
        if per_partition_write > per_partition {
            result.violate(
                &SERVERLESS_PARTITION_INGRESS,
                per_partition_write.decimal(),
                per_partition.decimal(),
                "add partitions: each takes 5 MB/s of writes",
            );
        }
        let per_partition_read = read.per(partitions)?;
        if per_partition_read > per_partition_out {
            result.violate(
                &SERVERLESS_PARTITION_EGRESS,
                per_partition_read.decimal(),
                per_partition_out.decimal(),
                "add partitions: each serves 10 MB/s of reads",
            );
        }
        let max_partitions = ctx.count(&SERVERLESS_PARTITIONS)?;
        if partitions > N::of(max_partitions) {
            result.violate(
                &SERVERLESS_PARTITIONS,
                partitions.decimal(),
                max_partitions,
                FIX_SPLIT_CLUSTER,
            );
        }
        Ok(counted)
    }

    /// Each partition keeps at most `retention.bytes`; past it, the oldest
    /// records go before `retention` ends. A topic may raise it, up to
    /// unlimited, so it is a warning, not a failure.
    fn serverless_retention<N: Number>(
        &self,
        ctx: &Ctx<N>,
        retained_bytes: Traced<N>,
        partitions: Traced<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        let kept = match self.retention_bytes {
            Some(bytes) => bytes,
            None => ctx.bytes(&SERVERLESS_RETENTION_BYTES)?,
        };
        let per_partition_retained = retained_bytes.per(partitions)?;
        result.capacity_of("retained_bytes_per_partition", per_partition_retained, "B");
        if per_partition_retained.value() > N::of(kept.decimal()) {
            result.warn(
                "retention_bytes",
                "each partition would hold more than the topic's retention.bytes: the oldest records go before the retention ends; add partitions, or raise retention.bytes (-1 keeps them all) and set `retention_bytes`",
            );
        }
        Ok(())
    }
}

/// A serverless cluster's bill: cluster and partition hours, data in and
/// out, and storage for the writes it holds.
fn serverless_bill<N: Number>(
    ctx: &Ctx<N>,
    writes: Writes<N>,
    consumers: Traced<N>,
    partitions: Traced<N>,
    retained_bytes: Traced<N>,
    result: &mut ComponentResult<N>,
) -> Result<(), EvalError> {
    let gb_in = ctx.monthly_traced(writes.average, given::gib())?;
    let partition_hours = partitions.times(ctx.hours_traced())?;
    let gb_out = gb_in.times(consumers)?;
    // Steady state: the cluster holds `retention` worth of writes.
    let gb_stored = retained_bytes.per(given::gib())?;
    let items = [
        (&SERVERLESS_CLUSTER_HOUR, ctx.hours_traced()),
        (&SERVERLESS_PARTITION_HOUR, partition_hours),
        (&SERVERLESS_DATA_IN_GB, gb_in),
        (&SERVERLESS_DATA_OUT_GB, gb_out),
        (&SERVERLESS_STORAGE_GB_MONTH, gb_stored),
    ];
    for (price, quantity) in items {
        charge_into(&mut result.line_items, ctx, price, quantity)?;
    }
    Ok(())
}

/// Storage a Standard broker cannot be given fails the design; the cluster
/// is evaluated as set, to show what it would cost.
fn check_storage<N: Number>(
    ctx: &Ctx<N>,
    storage_per_broker: Bytes,
    result: &mut ComponentResult<N>,
) -> Result<(), EvalError> {
    ctx.within(
        storage_per_broker.decimal(),
        (
            &MIN_STORAGE_PER_BROKER,
            "raise `storage_per_broker` to at least the minimum",
        ),
        (
            &MAX_STORAGE_PER_BROKER,
            "add brokers, and give each at most the maximum storage",
        ),
        result,
    )
}

const FIX_SPLIT_CLUSTER: &str =
    "split the topics across serverless clusters, or use a provisioned cluster";

#[cfg(test)]
mod tests;
