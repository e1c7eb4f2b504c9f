use super::*;
use crate::base::units::{GIB, MIB, PIB, TIB};
use crate::model::flow::{Flow, Rate};
use crate::model::keys::Value;
use crate::model::report::{Level, Violation};
use crate::services::kit::testing::{self, Fed, ctx, floats_agree, item, steady};
use rust_decimal_macros::dec;

fn provisioned(broker_type: &'static str, brokers: u32, storage_per_broker: Bytes) -> Fed<Input> {
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
        retention_bytes: None,
    };
    Fed::new(input, steady(Decimal::ZERO, Bytes(1)), Input::evaluate_into)
}

/// `bytes` a second, written as records of 1 byte.
fn writing(input: Input, bytes: u64) -> Fed<Input> {
    Fed::new(
        input,
        steady(Decimal::from(bytes), Bytes(1)),
        Input::evaluate_into,
    )
}

#[test]
fn floats_give_the_exact_bill_and_verdict() {
    let agree = |fed: &Fed<Input>| floats_agree(&fed.input, fed.flow, &ctx(dec!(730)));
    let odd = Flow::new(Rate::new(dec!(1234.567), dec!(2345.678)), Some(Bytes(3210)));
    // Provisioned brokers with room for the retention.
    let mut fed = provisioned("kafka.m5.large", 3, Bytes(1000 * GIB));
    fed.flow = odd;
    agree(&fed);
    // Too little storage for what a week at a non-round rate keeps.
    let mut fed = provisioned("kafka.t3.small", 2, Bytes(5 * GIB + 123));
    fed.flow = odd;
    agree(&fed);
    // Storage past the broker's maximum; and past what a report holds.
    agree(&provisioned("kafka.m5.large", 3, Bytes(20 * TIB)));
    let mut fed = provisioned("kafka.m5.large", 3, Bytes(16 * TIB));
    fed.retention = Duration::from_hours(876_000);
    fed.flow = steady(dec!(1_000_000_000_000), Bytes::kib(1));
    agree(&fed);
    // Serverless: partitions for the peak, at a non-round rate.
    let serverless = |consumers, partitions, retention_bytes| Input {
        cluster: Cluster::Serverless,
        consumers,
        partitions,
        retention: Duration::from_hours(31),
        retention_bytes,
    };
    let mut fed = writing(serverless(2, None, None), 0);
    fed.flow = odd;
    agree(&fed);
    // Every serverless limit at once.
    agree(&writing(serverless(3, Some(150), None), 1000 * MIB));
    // A partition past its retention.bytes, and one within a larger one.
    agree(&writing(serverless(1, Some(1), None), 3 * MIB + 7));
    agree(&writing(
        serverless(1, Some(1), Some(Bytes(1024 * GIB))),
        3 * MIB + 7,
    ));
}

#[test]
fn two_small_brokers_with_500_gb_each() {
    // 2 × kafka.t3.small × 730 h = 1,460 broker-hours × $0.0456 = $66.576;
    // 2 × 500 GB = 1,000 GB-month × $0.10 = $100.00.
    let result = provisioned("kafka.t3.small", 2, Bytes(500 * GIB))
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    let brokers = item(&result, "broker_hour");
    assert_eq!(brokers.quantity, dec!(1460));
    assert_eq!(brokers.monthly_cost, dec!(66.576));
    assert_eq!(item(&result, "storage_gb_month").monthly_cost, dec!(100.00));
    assert!(
        result
            .capacity
            .iter()
            .any(|c| c.key == "broker_type" && c.value == CapacityValue::Key("kafka.t3.small"))
    );
    assert!(result.violations.is_empty());
    assert_eq!(
        result.properties.retention,
        Retention::For(Duration::from_hours(168))
    );
}

#[test]
fn unchecked_broker_throughput_is_a_warning() {
    let result = provisioned("kafka.m5.large", 3, Bytes(1000 * GIB))
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    assert!(result.violations.is_empty());
    assert!(matches!(
        result.notes.as_slice(),
        [note] if note.code == "broker_throughput_unchecked" && note.level == Level::Warning
    ));
}

#[test]
fn retention_that_does_not_fit_the_brokers_is_a_violation() {
    // 1 MB/s kept 7 days = 604,800 MB; × 2 replicas ÷ 2 brokers = 604,800 MB
    // per broker, more than the 500 GB (512,000 MB) each has.
    let mut input = provisioned("kafka.m5.large", 2, Bytes(500 * GIB));
    input.flow = steady(Decimal::from(MIB), Bytes(1));
    let result = input.evaluate(&ctx(dec!(730))).unwrap();
    assert_eq!(
        result.violations.as_slice(),
        [crate::model::report::Violation::Limit {
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
        retention_bytes: None,
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
        retention_bytes: None,
    };
    let result = writing(input, 1000 * MIB)
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    assert_eq!(result.violations.len(), 5);
}

#[test]
fn a_serverless_partition_holds_its_retention_bytes_at_most() {
    // 1 MB/s for 7 days is 604,800 MB = 590.625 GB, all in one partition:
    // over the 250 GB a topic keeps a partition by default, a warning.
    let input = |partitions: u32, retention_bytes: Option<Bytes>| Input {
        cluster: Cluster::Serverless,
        consumers: 1,
        partitions: Some(partitions),
        retention: Duration::from_hours(7 * 24),
        retention_bytes,
    };
    let warned =
        |result: &ComponentResult| result.notes.iter().any(|n| n.code == "retention_bytes");
    let result = writing(input(1, None), MIB)
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    assert!(warned(&result));
    assert!(result.violations.is_empty());
    // Three partitions hold 196.875 GB each: within.
    let result = writing(input(3, None), MIB)
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    assert!(!warned(&result));
    // So does one whose topic keeps 1 TB a partition.
    let result = writing(input(1, Some(Bytes(1024 * GIB))), MIB)
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    assert!(!warned(&result));
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
        retention_bytes: None,
    };
    let result = writing(input, 300 * MIB).evaluate(&ctx(dec!(730))).unwrap();
    assert_eq!(result.violations.len(), 4);
}

#[test]
fn storage_outside_1_gb_to_16_tb_a_broker_is_a_violation_and_still_priced() {
    // 20 TB = 20,480 GB a broker is over the 16 TB (16,384 GB) a Standard
    // broker takes. Priced as set: 3 × 20,480 GB = 61,440 GB-month × $0.10
    // = $6,144.00.
    let result = provisioned("kafka.m5.large", 3, Bytes(20 * TIB))
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    assert_eq!(
        result.violations.as_slice(),
        [Violation::Limit {
            limit: &MAX_STORAGE_PER_BROKER,
            needed: dec!(20) * Decimal::from(TIB),
            allowed: dec!(16) * Decimal::from(TIB),
            fix: "add brokers, and give each at most the maximum storage",
        }]
    );
    assert_eq!(item(&result, "storage_gb_month").quantity, dec!(61440));
    assert_eq!(
        item(&result, "storage_gb_month").monthly_cost,
        dec!(6144.00)
    );
    // 512 MB is under the 1 GB minimum.
    let result = provisioned("kafka.m5.large", 3, Bytes(512 * MIB))
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    assert_eq!(
        result.violations.as_slice(),
        [Violation::Minimum {
            limit: &MIN_STORAGE_PER_BROKER,
            set: dec!(512) * Decimal::from(MIB),
            minimum: Decimal::from(GIB),
            fix: "raise `storage_per_broker` to at least the minimum",
        }]
    );
}

#[test]
fn figures_too_large_for_exact_decimals_are_an_error_not_a_panic() {
    // 10^12 records/s of 1 KB kept 100 years (3,153,600,000 s), 2 replicas
    // on 3 brokers: 1.024 × 10^15 B/s × 3,153,600,000 s × 2 / 3
    // = 2.15 × 10^24 bytes a broker, large but exact.
    let mut input = provisioned("kafka.m5.large", 3, Bytes(16 * TIB));
    input.retention = Duration::from_hours(876_000);
    input.flow = steady(dec!(1_000_000_000_000), Bytes::kib(1));
    let result = input.evaluate(&ctx(dec!(744))).unwrap();
    assert!(matches!(
        result.violations.as_slice(),
        [Violation::Limit { limit, needed, .. }]
            if *limit == &BROKER_STORAGE && *needed == dec!(2_152_857_600_000_000_000_000_000)
    ));
    // Records of 1 PB: 1.13 × 10^27 B/s kept 7 days do not fit in 28 digits.
    input.retention = Duration::from_hours(168);
    input.flow = steady(dec!(1_000_000_000_000), Bytes(PIB));
    assert_eq!(
        input.evaluate(&ctx(dec!(744))).err(),
        Some(EvalError::Arithmetic)
    );
    // Kept 1 ms on a serverless cluster they fit, but the month's GB in
    // (1.13 × 10^27 B/s × 2,678,400 s) does not.
    input.cluster = Cluster::Serverless;
    input.retention = Duration::from_ms(dec!(1));
    assert_eq!(
        input.evaluate(&ctx(dec!(744))).err(),
        Some(EvalError::Arithmetic)
    );
}

fn built(set: &[(&'static Key, Value)]) -> Result<Input, Invalid> {
    testing::built(&SERVICE, set)
}

#[test]
fn build_takes_the_defaults_and_refuses_what_describes_no_cluster() {
    let broker = || (&BROKER_TYPE, Value::Name("kafka.m5.large"));
    let storage = || (&STORAGE_PER_BROKER, Value::Bytes(Bytes(1000 * GIB)));
    let Ok(input) = built(&[broker(), storage()]) else {
        panic!("a broker type and its storage make a provisioned cluster");
    };
    assert_eq!(
        input.cluster,
        Cluster::Provisioned {
            broker_type: "kafka.m5.large",
            brokers: 3,
            storage_per_broker: Bytes(1000 * GIB),
            replication_factor: 3,
        }
    );
    assert_eq!(input.consumers, 1);
    assert_eq!(input.retention, Duration::from_hours(168));

    let refused = |set: &[(&'static Key, Value)]| built(set).unwrap_err().message;
    let serverless = (&CLUSTER_TYPE, Value::Choice(1));
    assert_eq!(
        refused(&[serverless, (&BROKERS, Value::Count(3))]),
        "brokers, their storage and replication are set by AWS on a serverless cluster"
    );
    assert_eq!(
        refused(&[storage()]),
        "a provisioned `msk` cluster needs `broker_type`"
    );
    assert_eq!(
        refused(&[broker()]),
        "a provisioned `msk` cluster needs `storage_per_broker`"
    );
    assert_eq!(
        refused(&[broker(), storage(), (&BROKERS, Value::Count(2))]),
        "2 brokers cannot hold the default 3 replicas"
    );
    assert_eq!(
        refused(&[broker(), storage(), (&REPLICATION_FACTOR, Value::Count(4))]),
        "`replication_factor` must be between 1 and the 3 brokers (found 4)"
    );
    assert_eq!(
        refused(&[(&PARTITIONS, Value::Count(0))]),
        "`partitions` must be at least 1"
    );
}
