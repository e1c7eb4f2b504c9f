//! Amazon MSK (Managed Streaming for Apache Kafka), provisioned (Standard
//! brokers) and serverless.

use rust_decimal::Decimal;

use crate::bill::charge;
use crate::diagnostic::Diagnostic;
use crate::fields::{Choice, Fields, ParseCtx, Sp, choice};
use crate::flow::{self, Rate};
use crate::number::ceil_div;
use crate::report::{CapacityValue, ComponentResult, Ordering, Properties, Retention};
use crate::services::{Ctx, Dimension, Doc, EvalError, Limit, LimitKind, ServiceDef};
use crate::units::{Bytes, Duration, GIB};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "msk",
    title: "MSK",
    dimensions: &[
        &BROKER_HOUR_T3_SMALL,
        &BROKER_HOUR_M5_LARGE,
        &BROKER_HOUR_M5_24XLARGE,
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
        &LATENCY,
    ],
    parse: super::Parse::Own(parse),
    doc: &DOC,
    input: Some(&flow::RECORDS),
    transforms: false,
};

pub const DOC: Doc = Doc {
    summary: "managed Apache Kafka: provisioned brokers with storage, or serverless",
    ordering: "per partition (key)",
    retention: "as configured (7 d by default); provisioned storage must hold it",
    replay: "yes, from any offset in the retention period",
    latency: "tens of ms",
    scaling: "provisioned: brokers and storage you choose; serverless: 200 MB/s in, 5 MB/s per partition",
    inputs: &[
        (
            "cluster_type",
            "provisioned",
            "`provisioned` or `serverless`",
        ),
        (
            "records_per_second",
            "[workload]",
            "records produced per second",
        ),
        ("record_size", "[workload]", "bytes per record"),
        (
            "consumers",
            "1",
            "consumer groups, each reading every record",
        ),
        ("partitions", "from throughput", "topic partitions"),
        ("retention", "7 d", "how long records are kept"),
        (
            "broker_type",
            "required (provisioned)",
            "the broker instance type",
        ),
        ("brokers", "3", "brokers in the cluster"),
        (
            "storage_per_broker",
            "required (provisioned)",
            "EBS storage per broker (1 GB to 16 TB)",
        ),
        ("replication_factor", "3", "copies of each partition"),
    ],
    formulas: &[
        "provisioned: brokers x hours x broker price + brokers x storage (GB-month)",
        "storage needed = write bytes/s x retention x replication factor / brokers, per broker",
        "serverless: cluster-hours + partition-hours + GB in + GB out + GB-months stored",
    ],
};

pub const BROKER_HOUR_T3_SMALL: Dimension =
    Dimension::new("msk.broker_hour_t3_small", "broker-hour");
pub const BROKER_HOUR_M5_LARGE: Dimension =
    Dimension::new("msk.broker_hour_m5_large", "broker-hour");
pub const BROKER_HOUR_M5_24XLARGE: Dimension =
    Dimension::new("msk.broker_hour_m5_24xlarge", "broker-hour");
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
pub const LATENCY: Limit = Limit::new("msk.latency", LimitKind::Duration, "latency");

choice! {
    pub enum ClusterType {
        Provisioned = "provisioned",
        Serverless = "serverless",
    }
}

choice! {
    /// Broker types with a sourced us-east-1 price in the bundled table.
    pub enum BrokerType {
        T3Small = "kafka.t3.small",
        M5Large = "kafka.m5.large",
        M524xlarge = "kafka.m5.24xlarge",
    }
}

impl BrokerType {
    fn dimension(self) -> &'static Dimension {
        match self {
            Self::T3Small => &BROKER_HOUR_T3_SMALL,
            Self::M5Large => &BROKER_HOUR_M5_LARGE,
            Self::M524xlarge => &BROKER_HOUR_M5_24XLARGE,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cluster {
    Provisioned {
        broker_type: BrokerType,
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
}

const DAY_HOURS: u64 = 24;

fn parse(fields: &mut Fields, ctx: &ParseCtx) -> Result<super::Input, Diagnostic> {
    let cluster_type = fields
        .choice("cluster_type")?
        .map_or(ClusterType::Provisioned, |c| c.value);
    let consumers = fields.count("consumers", 10_000)?.map_or(1, |c| c.value);
    let partitions = fields.count("partitions", 1_000_000)?;
    let retention = fields.duration("retention")?;
    let broker_type = fields.choice::<BrokerType>("broker_type")?;
    let brokers = fields.count("brokers", 10_000)?;
    let storage_per_broker = fields.bytes("storage_per_broker")?;
    let replication_factor = fields.count("replication_factor", 100)?;

    if let Some(p) = partitions
        && p.value == 0
    {
        return Err(fields.error(p.span, "`partitions` must be at least 1"));
    }
    if let Some(r) = retention
        && r.value <= Duration::ZERO
    {
        return Err(fields.error(r.span, "`retention` must be more than 0 h"));
    }
    let cluster = match cluster_type {
        ClusterType::Serverless => {
            let provisioned_only = [
                broker_type.map(|b| b.span),
                brokers.map(|b| b.span),
                storage_per_broker.map(|s| s.span),
                replication_factor.map(|r| r.span),
            ];
            if let Some(span) = provisioned_only.into_iter().flatten().next() {
                return Err(fields
                    .error(span, "brokers, their storage and replication are set by AWS on a serverless cluster")
                    .with_help("remove the key, or set `cluster_type = \"provisioned\"`"));
            }
            Cluster::Serverless
        }
        ClusterType::Provisioned if partitions.is_some() => {
            let span = partitions.map_or(ctx.span, |p| p.span);
            return Err(fields
                .error(span, "`partitions` applies to serverless clusters")
                .with_help("on a provisioned cluster, size the brokers and their storage; partitions are not billed"));
        }
        ClusterType::Provisioned => provisioned(
            fields,
            ctx,
            broker_type,
            brokers,
            storage_per_broker,
            replication_factor,
        )?,
    };
    Ok(super::Input::Msk(Input {
        cluster,
        consumers,
        partitions: partitions.map(|p| p.value),
        retention: retention.map_or(Duration::from_hours(7 * DAY_HOURS), |r| r.value),
    }))
}

fn provisioned(
    fields: &Fields,
    ctx: &ParseCtx,
    broker_type: Option<Sp<BrokerType>>,
    brokers: Option<Sp<u32>>,
    storage_per_broker: Option<Sp<Bytes>>,
    replication_factor: Option<Sp<u32>>,
) -> Result<Cluster, Diagnostic> {
    let Some(broker_type) = broker_type else {
        let listed: Vec<String> = BrokerType::CHOICES
            .iter()
            .map(|(n, _)| format!("`{n}`"))
            .collect();
        return Err(fields
            .error(ctx.span, "a provisioned `msk` cluster needs `broker_type`")
            .with_help(format!(
                "one of {}, or `cluster_type = \"serverless\"`",
                listed.join(", ")
            )));
    };
    let Some(storage) = storage_per_broker else {
        return Err(fields
            .error(
                ctx.span,
                "a provisioned `msk` cluster needs `storage_per_broker`",
            )
            .with_help(
                "the EBS storage each broker gets, e.g. `storage_per_broker = \"1000 GB\"`",
            ));
    };
    let (min, max) = (
        ctx.limit_bytes(fields, &MIN_STORAGE_PER_BROKER)?,
        ctx.limit_bytes(fields, &MAX_STORAGE_PER_BROKER)?,
    );
    fields
        .in_range("storage_per_broker", &storage, min, max)
        .map_err(|e| {
            e.with_help("a Standard broker has 1 GB to 16 TB of storage: add brokers for more")
        })?;
    let brokers_value = brokers.map_or(3, |b| b.value);
    if let Some(b) = brokers
        && b.value == 0
    {
        return Err(fields.error(b.span, "`brokers` must be at least 1"));
    }
    let replication = replication_factor.map_or(3, |r| r.value);
    if let Some(r) = replication_factor
        && (r.value == 0 || r.value > brokers_value)
    {
        return Err(fields
            .error(
                r.span,
                format!("`replication_factor` must be between 1 and the {brokers_value} brokers (found {})", r.value),
            )
            .with_help("Kafka keeps each replica of a partition on a different broker"));
    }
    if replication_factor.is_none() && brokers_value < replication {
        let span = brokers.map_or(ctx.span, |b| b.span);
        return Err(fields
            .error(
                span,
                format!("{brokers_value} brokers cannot hold the default 3 replicas"),
            )
            .with_help("add brokers, or set a smaller `replication_factor`"));
    }
    Ok(Cluster::Provisioned {
        broker_type: broker_type.value,
        brokers: brokers_value,
        storage_per_broker: storage.value,
        replication_factor: replication,
    })
}

impl Input {
    pub fn evaluate(&self, ctx: &Ctx) -> Result<ComponentResult, EvalError> {
        let mode = match self.cluster {
            Cluster::Provisioned { .. } => ClusterType::Provisioned,
            Cluster::Serverless => ClusterType::Serverless,
        };
        let mut result = ComponentResult::new(SERVICE.name, Some(mode.as_str()));
        // Bytes written a second: throughput limits hold at the peak, what
        // is billed and stored follows the average.
        let record_size = ctx.record_size()?;
        let writes = ctx.rate()?.times(record_size.decimal());
        let write = writes.average;
        let read = write * Decimal::from(self.consumers);
        let retained_bytes = write * self.retention.secs();
        result.capacity("write_bytes_per_second", CapacityValue::Number(write));
        result.capacity("read_bytes_per_second", CapacityValue::Number(read));
        let max_message_size = match self.cluster {
            Cluster::Provisioned {
                broker_type,
                brokers,
                storage_per_broker,
                replication_factor,
            } => {
                // Every replica of the retained data sits on some broker; the
                // brokers share it evenly when partitions are spread well.
                let needed =
                    retained_bytes * Decimal::from(replication_factor) / Decimal::from(brokers);
                let allowed = storage_per_broker.decimal();
                let needed_bytes = Bytes(u64::try_from(needed.ceil()).unwrap_or(u64::MAX));
                result.capacity(
                    "storage_needed_per_broker",
                    CapacityValue::Bytes(needed_bytes),
                );
                if needed > allowed {
                    result.violate(
                        &BROKER_STORAGE,
                        needed,
                        allowed,
                        "raise `storage_per_broker` (up to 16 TB), add brokers, or shorten `retention`",
                    );
                }
                result.note(
                    "broker_throughput_unchecked",
                    "throughput and partitions per broker are not checked: calc has no sourced per-broker-type figures",
                );
                let brokers = Decimal::from(brokers);
                result
                    .line_items
                    .push(charge(ctx, broker_type.dimension(), brokers * ctx.hours)?);
                // Provisioned storage is billed whether used or not.
                let storage_gb = brokers * allowed / Decimal::from(GIB);
                result
                    .line_items
                    .push(charge(ctx, &STORAGE_GB_MONTH, storage_gb)?);
                None
            }
            Cluster::Serverless => {
                let max = ctx.bytes(&SERVERLESS_MAX_MESSAGE_SIZE)?;
                if record_size > max {
                    result.violate(
                        &SERVERLESS_MAX_MESSAGE_SIZE,
                        record_size.decimal(),
                        max.decimal(),
                        super::SPLIT_OR_POINTER,
                    );
                }
                self.serverless(ctx, writes, retained_bytes, &mut result)?;
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
        Ok(result)
    }

    fn serverless(
        &self,
        ctx: &Ctx,
        writes: Rate,
        retained_bytes: Decimal,
        result: &mut ComponentResult,
    ) -> Result<(), EvalError> {
        let consumers = Decimal::from(self.consumers);
        let (write, read) = (writes.peak, writes.peak * consumers);
        // A serverless partition takes 5 MB/s of writes and serves 10 MB/s
        // of reads: the busier side sets how many are needed.
        let per_partition = ctx.bytes(&SERVERLESS_PARTITION_INGRESS)?.decimal();
        let per_partition_out = ctx.bytes(&SERVERLESS_PARTITION_EGRESS)?.decimal();
        let needed_partitions = ceil_div(write, per_partition)
            .max(ceil_div(read, per_partition_out))
            .max(Decimal::ONE);
        let partitions = self.partitions.map_or(needed_partitions, Decimal::from);
        result.capacity("partitions", CapacityValue::Number(partitions));
        result.capacity(
            "partitions_for_throughput",
            CapacityValue::Number(needed_partitions),
        );

        let ingress = ctx.bytes(&SERVERLESS_INGRESS)?.decimal();
        if write > ingress {
            result.violate(&SERVERLESS_INGRESS, write, ingress, FIX_SPLIT_CLUSTER);
        }
        let egress = ctx.bytes(&SERVERLESS_EGRESS)?.decimal();
        if read > egress {
            result.violate(&SERVERLESS_EGRESS, read, egress, FIX_SPLIT_CLUSTER);
        }
        let per_partition_write = write / partitions;
        if per_partition_write > per_partition {
            result.violate(
                &SERVERLESS_PARTITION_INGRESS,
                per_partition_write,
                per_partition,
                "add partitions: each takes 5 MB/s of writes",
            );
        }
        let per_partition_read = read / partitions;
        if per_partition_read > per_partition_out {
            result.violate(
                &SERVERLESS_PARTITION_EGRESS,
                per_partition_read,
                per_partition_out,
                "add partitions: each serves 10 MB/s of reads",
            );
        }
        let max_partitions = ctx.count(&SERVERLESS_PARTITIONS)?;
        if partitions > max_partitions {
            result.violate(
                &SERVERLESS_PARTITIONS,
                partitions,
                max_partitions,
                FIX_SPLIT_CLUSTER,
            );
        }

        let gb = Decimal::from(GIB);
        let gb_in = writes.average * ctx.seconds() / gb;
        result
            .line_items
            .push(charge(ctx, &SERVERLESS_CLUSTER_HOUR, ctx.hours)?);
        result.line_items.push(charge(
            ctx,
            &SERVERLESS_PARTITION_HOUR,
            partitions * ctx.hours,
        )?);
        result
            .line_items
            .push(charge(ctx, &SERVERLESS_DATA_IN_GB, gb_in)?);
        result
            .line_items
            .push(charge(ctx, &SERVERLESS_DATA_OUT_GB, gb_in * consumers)?);
        // Steady state: the cluster holds `retention` worth of writes.
        result.line_items.push(charge(
            ctx,
            &SERVERLESS_STORAGE_GB_MONTH,
            retained_bytes / gb,
        )?);
        Ok(())
    }
}

const FIX_SPLIT_CLUSTER: &str =
    "split the topics across serverless clusters, or use a provisioned cluster";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::testing::{Fed, ctx, item, steady};
    use crate::units::MIB;
    use rust_decimal_macros::dec;

    fn provisioned(broker_type: BrokerType, brokers: u32, storage_per_broker: Bytes) -> Fed<Input> {
        let input = Input {
            cluster: Cluster::Provisioned {
                broker_type,
                brokers,
                storage_per_broker,
                replication_factor: 2,
            },
            consumers: 1,
            partitions: None,
            retention: Duration::from_hours(168),
        };
        Fed::new(input, steady(Decimal::ZERO, Bytes(1)), Input::evaluate)
    }

    /// `bytes` a second, written as records of 1 byte.
    fn writing(input: Input, bytes: u64) -> Fed<Input> {
        Fed::new(
            input,
            steady(Decimal::from(bytes), Bytes(1)),
            Input::evaluate,
        )
    }

    #[test]
    fn two_small_brokers_with_500_gb_each() {
        // 2 × kafka.t3.small × 730 h = 1,460 broker-hours × $0.0456 = $66.576;
        // 2 × 500 GB = 1,000 GB-month × $0.10 = $100.00.
        let result = provisioned(BrokerType::T3Small, 2, Bytes(500 * GIB))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        let brokers = item(&result, "broker_hour_t3_small");
        assert_eq!(brokers.quantity, dec!(1460));
        assert_eq!(brokers.monthly_cost, dec!(66.576));
        assert_eq!(item(&result, "storage_gb_month").monthly_cost, dec!(100.00));
        assert!(result.violations.is_empty());
        assert_eq!(
            result.properties.retention,
            Retention::For(Duration::from_hours(168))
        );
    }

    #[test]
    fn retention_that_does_not_fit_the_brokers_is_a_violation() {
        // 1 MB/s kept 7 days = 604,800 MB; × 2 replicas ÷ 2 brokers = 604,800 MB
        // per broker, more than the 500 GB (512,000 MB) each has.
        let mut input = provisioned(BrokerType::M5Large, 2, Bytes(500 * GIB));
        input.flow = steady(Decimal::from(MIB), Bytes(1));
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(
            result.violations.as_slice(),
            [crate::report::Violation::Limit {
                limit: &BROKER_STORAGE,
                needed: dec!(604800) * Decimal::from(MIB),
                allowed: dec!(512000) * Decimal::from(MIB),
                fix: "raise `storage_per_broker` (up to 16 TB), add brokers, or shorten `retention`",
            }]
        );
    }

    #[test]
    fn serverless_sizes_partitions_by_write_throughput() {
        // 12 MB/s needs ceil(12 / 5) = 3 partitions. Over 720 h:
        // cluster 720 × $0.75 = $540; partitions 3 × 720 × $0.0015 = $3.24;
        // data in 12 MB/s × 2,592,000 s = 30,375 GB × $0.10 = $3,037.50.
        let input = Input {
            cluster: Cluster::Serverless,
            consumers: 2,
            partitions: None,
            retention: Duration::from_hours(24),
        };
        let result = writing(input, 12 * MIB).evaluate(&ctx(dec!(720))).unwrap();
        assert_eq!(
            item(&result, "serverless_cluster_hour").monthly_cost,
            dec!(540)
        );
        assert_eq!(
            item(&result, "serverless_partition_hour").monthly_cost,
            dec!(3.24)
        );
        assert_eq!(item(&result, "serverless_data_in_gb").quantity, dec!(30375));
        // Two consumer groups read it twice: 60,750 GB out.
        assert_eq!(
            item(&result, "serverless_data_out_gb").quantity,
            dec!(60750)
        );
        // 12 MB/s × 86,400 s = 1,012.5 GB held.
        assert_eq!(
            item(&result, "serverless_storage_gb_month").quantity,
            dec!(1012.5)
        );
        assert!(result.violations.is_empty());
    }

    #[test]
    fn every_serverless_limit_at_once_is_reported_without_panicking() {
        // 1,000 records/s of 1 MB = 1,000 MB/s in (over 200), 3,000 MB/s out
        // (over 400); 150 partitions take 6.67 MB/s in (over 5) and serve
        // 20 MB/s out (over 10) each, and 150 is over 120 partitions.
        let input = Input {
            cluster: Cluster::Serverless,
            consumers: 3,
            partitions: Some(150),
            retention: Duration::from_hours(24),
        };
        let result = writing(input, 1000 * MIB)
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(result.violations.len(), 5);
    }

    #[test]
    fn serverless_limits_are_violations() {
        // 300 MB/s in (over 200), 3 consumers = 900 MB/s out (over 400), 50
        // partitions take 6 MB/s in each (over 5) and serve 18 MB/s out each
        // (over 10), and 50 is within 120.
        let input = Input {
            cluster: Cluster::Serverless,
            consumers: 3,
            partitions: Some(50),
            retention: Duration::from_hours(24),
        };
        let result = writing(input, 300 * MIB).evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(result.violations.len(), 4);
    }
}
