use super::*;
use crate::base::units::{GIB, TIB};
use crate::model::keys::Value;
use crate::model::report::Violation;
use crate::services::kit::testing::{Alone, ctx, floats_agree, item};
use rust_decimal_macros::dec;

fn built(set: &[(&'static Key, Value)]) -> Result<Input, Invalid> {
    crate::services::kit::testing::built(&SERVICE, set)
}

fn cluster(node_type: &'static str, nodes: u32) -> Cluster {
    Cluster {
        node_type,
        nodes,
        hours_running: None,
        schedule: None,
        concurrency_scaling_per_day: Duration::ZERO,
        concurrency_scaling_activations: None,
        spectrum: None,
        purchase: Purchase::OnDemand,
    }
}

fn provisioned(cluster: Cluster, data_size: Option<Bytes>) -> Input {
    Input {
        warehouse: Warehouse::Provisioned(cluster),
        data_size,
        manual_snapshots: None,
    }
}

#[test]
fn floats_give_the_exact_bill_and_verdict() {
    use crate::model::flow::Rate;
    let serverless = |base_rpu, active, data_size| Input {
        warehouse: Warehouse::Serverless { base_rpu, active },
        data_size,
        manual_snapshots: None,
    };
    let mut cases = vec![
        // On demand all month, with managed storage.
        provisioned(cluster("ra3.4xlarge", 6), Some(Bytes(321 * GIB + 12_345))),
        // Under the type's minimum nodes, and past what DC2 nodes hold.
        provisioned(cluster("ra3.16xlarge", 1), None),
        provisioned(cluster("dc2.large", 2), Some(Bytes(321 * GIB))),
        provisioned(cluster("ra3.xlplus", 1), Some(Bytes(5 * TIB))),
        // Serverless: a day's active time, a month's, the minimum, and
        // too much data for the base.
        serverless(
            8,
            Active::PerDay(Duration::from_secs(12_345)),
            Some(Bytes(TIB)),
        ),
        serverless(4, Active::PerMonth(Duration::from_hours(1)), None),
        serverless(4, Active::PerDay(Duration::from_secs(20)), None),
        serverless(
            24,
            Active::PerDay(Duration::from_hours(1)),
            Some(Bytes(200 * TIB)),
        ),
        serverless(
            4,
            Active::PerDay(Duration::from_hours(2)),
            Some(Bytes(40 * TIB)),
        ),
    ];
    // Concurrency scaling, by its time and by its starts, and Spectrum's
    // scans, rounded up to the MB and at least 10 MB.
    let mut scaling = cluster("ra3.xlplus", 2);
    scaling.concurrency_scaling_per_day = Duration::from_secs(3000);
    scaling.concurrency_scaling_activations = Some(dec!(123.4));
    scaling.spectrum = Some((dec!(1234.567), Bytes(GIB + 1)));
    cases.push(provisioned(scaling, None));
    let mut example = cluster("dc2.8xlarge", 10);
    example.concurrency_scaling_per_day = Duration::from_secs(3600 + 600);
    example.spectrum = Some((dec!(1048576), Bytes(1024)));
    cases.push(provisioned(example, None));
    // Manual snapshots across the backup tiers.
    let mut snapshots = provisioned(cluster("ra3.4xlarge", 2), None);
    snapshots.manual_snapshots = Some(Bytes(612_000 * GIB + 999));
    cases.push(snapshots);
    // Reserved nodes, each term and upfront.
    for purchase in [
        Purchase::Reserved1yNoUpfront,
        Purchase::Reserved1yPartialUpfront,
        Purchase::Reserved3yAllUpfront,
    ] {
        let mut reserved = cluster("ra3.4xlarge", 3);
        reserved.purchase = purchase;
        cases.push(provisioned(reserved, Some(Bytes(10 * TIB))));
    }
    // A schedule with scaling on the days it runs.
    let mut paused = cluster("ra3.xlplus", 2);
    paused.schedule = Some(weekdays("08-20"));
    paused.concurrency_scaling_per_day = Duration::from_hours(2);
    cases.push(provisioned(paused, None));
    for input in &cases {
        for hours in [dec!(730), dec!(720), dec!(743.5)] {
            floats_agree(input, Flow::NOTHING, &ctx(hours));
        }
    }
    // Records flowing to a paused cluster all day: the same violation.
    let paused = cases.last().unwrap();
    let loads = Flow::new(Rate::flat(dec!(1234.567)), None);
    floats_agree(paused, loads, &ctx(dec!(730)));
}

#[test]
fn a_cluster_all_month_at_the_infracost_figures() {
    // 6 × ra3.4xlarge × 730 h = 4,380 node-hours × $3.26 = $14,278.80 (Infracost).
    let result = provisioned(cluster("ra3.4xlarge", 6), None)
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    let line = item(&result, "node_hour");
    assert_eq!(line.quantity, dec!(4380));
    assert_eq!(line.monthly_cost, dec!(14278.80));
    assert!(result.violations.is_empty());
    assert_eq!(result.mode, Some("ra3.4xlarge"));
    // 1 × ra3.16xlarge × 730 h = $9,519.20, and 321 GB of managed storage
    // × $0.024 = $7.704: $9,526.904 (Infracost shows $9,519.20 + $7.70).
    // One ra3.16xlarge is under its 2-node minimum: a violation, priced as set.
    let result = provisioned(cluster("ra3.16xlarge", 1), Some(Bytes(321 * GIB)))
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    assert_eq!(item(&result, "node_hour").monthly_cost, dec!(9519.20));
    let storage = item(&result, "managed_storage_gb_month");
    assert_eq!(
        (storage.quantity, storage.monthly_cost),
        (dec!(321), dec!(7.704))
    );
    assert_eq!(result.monthly_cost(), dec!(9526.904));
    assert!(matches!(
        result.violations.as_slice(),
        [Violation::Minimum { limit, set, minimum, .. }]
            if **limit == MIN_NODES_RA3_16XLARGE && *set == dec!(1) && *minimum == dec!(2)
    ));
    // 4 × dc2.large × 730 h = 2,920 node-hours × $0.25 = $730.00
    // (Infracost); DC2 keeps its data on its nodes, no storage line.
    let result = provisioned(cluster("dc2.large", 4), Some(Bytes(100 * GIB)))
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    assert_eq!(result.monthly_cost(), dec!(730));
    assert_eq!(result.line_items.len(), 1);
}

#[test]
fn an_ra3_large_cluster_is_priced_at_its_row() {
    // 2 × ra3.large × 730 h = 1,460 node-hours × $0.543 = $792.78, and
    // 10 TB of managed storage = 10,240 GB × $0.024 = $245.76: $1,038.54.
    let result = provisioned(cluster("ra3.large", 2), Some(Bytes(10 * TIB)))
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    let line = item(&result, "node_hour");
    assert_eq!(
        (line.quantity, line.unit_price, line.monthly_cost),
        (dec!(1460), dec!(0.543), dec!(792.78))
    );
    assert_eq!(
        item(&result, "managed_storage_gb_month").monthly_cost,
        dec!(245.76)
    );
    assert_eq!(result.monthly_cost(), dec!(1038.54));
    assert!(result.violations.is_empty());
    // 2 nodes hold 2 × 8 TB = 16 TB: 17 TB does not fit.
    let result = provisioned(cluster("ra3.large", 2), Some(Bytes(17 * TIB)))
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    assert!(matches!(
        result.violations.as_slice(),
        [Violation::Limit { limit, needed, allowed, .. }]
            if **limit == CLUSTER_STORAGE
                && *needed == Decimal::from(17 * TIB)
                && *allowed == Decimal::from(16 * TIB)
    ));
}

#[test]
fn data_beyond_what_the_nodes_hold_is_a_violation() {
    // 2 × dc2.large hold 2 × 160 GB = 320 GB: 321 GB does not fit.
    let result = provisioned(cluster("dc2.large", 2), Some(Bytes(321 * GIB)))
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    assert!(matches!(
        result.violations.as_slice(),
        [Violation::Limit { limit, needed, allowed, fix }]
            if **limit == CLUSTER_STORAGE
                && *needed == Decimal::from(321 * GIB)
                && *allowed == Decimal::from(320 * GIB)
                && fix.starts_with("add nodes")
    ));
    // 320 GB fits exactly.
    let result = provisioned(cluster("dc2.large", 2), Some(Bytes(320 * GIB)))
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    assert!(result.violations.is_empty());
    // A single-node ra3.xlplus holds 4 TB, two nodes 2 × 32 TB = 64 TB.
    let five_tb = Some(Bytes(5 * TIB));
    let result = provisioned(cluster("ra3.xlplus", 1), five_tb)
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    assert!(matches!(
        result.violations.as_slice(),
        [Violation::Limit { allowed, .. }] if *allowed == Decimal::from(4 * TIB)
    ));
    let result = provisioned(cluster("ra3.xlplus", 2), five_tb)
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    assert!(result.violations.is_empty());
}

#[test]
fn node_counts_outside_the_types_range_are_violations() {
    // ra3.4xlarge runs 2 to 64 nodes (64 by elastic resize).
    let result = provisioned(cluster("ra3.4xlarge", 65), None)
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    assert!(matches!(
        result.violations.as_slice(),
        [Violation::Limit { limit, allowed, fix, .. }]
            if **limit == MAX_NODES_RA3_4XLARGE && *allowed == dec!(64) && fix.contains("larger nodes")
    ));
    let result = provisioned(cluster("ra3.4xlarge", 64), None)
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    assert!(result.violations.is_empty());
}

#[test]
fn concurrency_scaling_beyond_the_free_hour() {
    // 2 h a day on 2 × ra3.4xlarge for 30 days (720 h): (2 − 1) h × 30
    // × 2 nodes = 60 node-hours × $3.26 = $195.60.
    let mut two = cluster("ra3.4xlarge", 2);
    two.concurrency_scaling_per_day = Duration::from_hours(2);
    let result = provisioned(two, None).evaluate(&ctx(dec!(720))).unwrap();
    let line = item(&result, "concurrency_scaling_node_hour");
    assert_eq!((line.quantity, line.monthly_cost), (dec!(60), dec!(195.60)));
    // Within the free hour: nothing billed.
    let mut within = cluster("ra3.4xlarge", 2);
    within.concurrency_scaling_per_day = Duration::from_secs(3600);
    let result = provisioned(within, None).evaluate(&ctx(dec!(720))).unwrap();
    assert_eq!(
        item(&result, "concurrency_scaling_node_hour").monthly_cost,
        dec!(0)
    );
}

#[test]
fn each_start_of_a_scaling_cluster_is_billed_at_least_a_minute() {
    // 100 starts a day of 30 s each on 2 × ra3.xlplus ($1.086): 50 min
    // a day is within the free hour, but each start is billed a minute:
    // 100 min = 6,000 s, of which 6,000 − 3,600 = 2,400 s a day are
    // billed. A 730-hour month has 730 ÷ 24 days: 2,400 × 730 ÷ 24 × 2
    // ÷ 3,600 = 40.5556 node-hours × $1.086 = $44.04.
    let mut bursty = cluster("ra3.xlplus", 2);
    bursty.concurrency_scaling_per_day = Duration::from_secs(3000);
    bursty.concurrency_scaling_activations = Some(dec!(100));
    let result = provisioned(bursty, None).evaluate(&ctx(dec!(730))).unwrap();
    let line = item(&result, "concurrency_scaling_node_hour");
    assert_eq!(line.quantity.round_dp(4), dec!(40.5556));
    assert_eq!(line.monthly_cost.round_dp(2), dec!(44.04));
    // Without the starts, the 50 minutes are free.
    let mut even = cluster("ra3.xlplus", 2);
    even.concurrency_scaling_per_day = Duration::from_secs(3000);
    let result = provisioned(even, None).evaluate(&ctx(dec!(730))).unwrap();
    assert_eq!(
        item(&result, "concurrency_scaling_node_hour").monthly_cost,
        dec!(0)
    );
    // Few long starts: the time itself, 2 h a day, is above 2 minutes.
    let mut long = cluster("ra3.xlplus", 2);
    long.concurrency_scaling_per_day = Duration::from_hours(2);
    long.concurrency_scaling_activations = Some(dec!(2));
    let result = provisioned(long, None).evaluate(&ctx(dec!(730))).unwrap();
    // (7,200 − 3,600) s × 730 ÷ 24 × 2 ÷ 3,600 = 60.8333 node-hours.
    assert_eq!(
        item(&result, "concurrency_scaling_node_hour")
            .quantity
            .round_dp(4),
        dec!(60.8333)
    );
}

#[test]
fn manual_snapshots_are_billed_in_tiers() {
    // 612,000 GB of manual snapshots: 51,200 GB × $0.023 = $1,177.60,
    // 460,800 GB × $0.022 = $10,137.60, 100,000 GB × $0.021 = $2,100;
    // $13,415.20 in all.
    let mut input = provisioned(cluster("ra3.4xlarge", 2), None);
    input.manual_snapshots = Some(Bytes(612_000 * GIB));
    let result = input.evaluate(&ctx(dec!(730))).unwrap();
    let line = item(&result, "backup_storage_gb_month");
    assert_eq!(line.quantity, dec!(612000));
    assert_eq!(line.monthly_cost, dec!(13415.20));
}

#[test]
fn serverless_needs_32_rpu_for_more_than_128_tb() {
    let workgroup = |base_rpu, tb| Input {
        warehouse: Warehouse::Serverless {
            base_rpu,
            active: Active::PerDay(Duration::from_hours(1)),
        },
        data_size: Some(Bytes(tb * TIB)),
        manual_snapshots: None,
    };
    // 200 TB on 24 RPU: AWS says at least 32.
    let result = workgroup(24, 200).evaluate(&ctx(dec!(730))).unwrap();
    assert!(matches!(
        result.violations.as_slice(),
        [Violation::Minimum { limit, minimum, .. }]
            if limit.key == RPU_FOR_LARGE_DATA.key && *minimum == dec!(32)
    ));
    assert!(
        workgroup(32, 200)
            .evaluate(&ctx(dec!(730)))
            .unwrap()
            .violations
            .is_empty()
    );
    // 40 TB on 4 RPU: allowed, with a warning; on 8 RPU, nothing to say.
    let result = workgroup(4, 40).evaluate(&ctx(dec!(730))).unwrap();
    assert!(result.violations.is_empty());
    assert_eq!(result.notes[0].code, "serverless_4_rpu_data");
    assert!(
        workgroup(8, 40)
            .evaluate(&ctx(dec!(730)))
            .unwrap()
            .notes
            .is_empty()
    );
}

#[test]
fn the_aws_concurrency_scaling_example() {
    // AWS's example: 10 × dc2.8xlarge ($48 an hour), two transient
    // clusters 5 minutes each beyond the free credits, in one day: the
    // free hour plus 10 minutes. 10 min × 10 nodes = 1/6 h × 10 =
    // 1.666… node-hours × $4.80 = $8.00.
    let mut example = cluster("dc2.8xlarge", 10);
    example.concurrency_scaling_per_day = Duration::from_secs(3600 + 600);
    let result = provisioned(example, None).evaluate(&ctx(dec!(24))).unwrap();
    let line = item(&result, "concurrency_scaling_node_hour");
    assert_eq!(line.monthly_cost, dec!(8));
    // With the cluster's own day of 10 × 24 h × $4.80 = $1,152.
    assert_eq!(item(&result, "node_hour").monthly_cost, dec!(1152));
}

#[test]
fn spectrum_bills_each_query_rounded_up_to_the_mb() {
    // 1,000 queries × 1 GB = 1,024,000 MB / 1,048,576 = 0.9765625 TB
    // × $5 = $4.8828125.
    let mut with = cluster("ra3.4xlarge", 2);
    with.spectrum = Some((dec!(1000), Bytes(GIB)));
    let result = provisioned(with, None).evaluate(&ctx(dec!(730))).unwrap();
    let line = item(&result, "spectrum_scanned_tb");
    assert_eq!(line.quantity, dec!(0.9765625));
    assert_eq!(line.monthly_cost, dec!(4.8828125));
    // A 1 KB scan is billed 10 MB: 1,048,576 queries × 10 MB = 10 TB = $50.
    let mut small = cluster("ra3.4xlarge", 2);
    small.spectrum = Some((dec!(1048576), Bytes(1024)));
    let result = provisioned(small, None).evaluate(&ctx(dec!(730))).unwrap();
    assert_eq!(item(&result, "spectrum_scanned_tb").monthly_cost, dec!(50));
}

#[test]
fn serverless_bills_rpu_hours_while_active() {
    // 8 RPU × 4 h a day × 30 days = 960 RPU-hours × $0.375 = $360, and
    // 1 TB of managed storage = 1,024 GB-months × $0.024 = $24.576.
    let input = built(&[
        (&DEPLOYMENT, Value::Choice(1)),
        (&BASE_RPU, Value::Count(8)),
        (
            &ACTIVE_HOURS_PER_DAY,
            Value::Duration(Duration::from_hours(4)),
        ),
        (&DATA_SIZE, Value::Bytes(Bytes(TIB))),
    ])
    .unwrap();
    let result = input.evaluate(&ctx(dec!(720))).unwrap();
    let line = item(&result, "rpu_hour");
    assert_eq!((line.quantity, line.monthly_cost), (dec!(960), dec!(360)));
    assert_eq!(
        item(&result, "managed_storage_gb_month").monthly_cost,
        dec!(24.576)
    );
    assert_eq!(result.mode, Some("serverless"));
    // AWS's starting price: 4 RPU for an hour = $1.50.
    let hour = Input {
        warehouse: Warehouse::Serverless {
            base_rpu: 4,
            active: Active::PerMonth(Duration::from_hours(1)),
        },
        data_size: None,
        manual_snapshots: None,
    };
    assert_eq!(
        hour.evaluate(&ctx(dec!(720))).unwrap().monthly_cost(),
        dec!(1.5)
    );
    // 20 s a day is billed 60 s: 4 RPU × 60 s × 30 = 7,200 RPU-seconds
    // = 2 RPU-hours × $0.375 = $0.75.
    let short = Input {
        warehouse: Warehouse::Serverless {
            base_rpu: 4,
            active: Active::PerDay(Duration::from_secs(20)),
        },
        data_size: None,
        manual_snapshots: None,
    };
    assert_eq!(
        item(&short.evaluate(&ctx(dec!(720))).unwrap(), "rpu_hour").quantity,
        dec!(2)
    );
}

#[test]
fn a_base_capacity_serverless_does_not_offer_is_an_input_error() {
    let serverless = |rpu: u32| {
        built(&[
            (&DEPLOYMENT, Value::Choice(1)),
            (&BASE_RPU, Value::Count(rpu)),
            (
                &ACTIVE_HOURS_PER_DAY,
                Value::Duration(Duration::from_hours(1)),
            ),
        ])
    };
    let error = serverless(12).unwrap_err();
    assert!(std::ptr::eq(error.key.unwrap(), &BASE_RPU));
    assert_eq!(
        error.message,
        "Redshift Serverless has no base capacity of 12 RPU"
    );
    assert_eq!(
        error.help.as_deref(),
        Some(
            "base capacity is 4 RPU, 8 to 512 in steps of 8, or 512 to 1,024 in steps of 32; the nearest: 8 or 16"
        )
    );
    assert_eq!(
        serverless(520).unwrap_err().help.as_deref(),
        Some(
            "base capacity is 4 RPU, 8 to 512 in steps of 8, or 512 to 1,024 in steps of 32; the nearest: 512 or 544"
        )
    );
    assert!(serverless(2).is_err());
    for good in [4, 8, 512, 544, 1024] {
        assert!(serverless(good).is_ok(), "{good}");
    }
}

#[test]
fn keys_of_the_other_deployment_are_refused_at_their_key() {
    let error = built(&[
        (&DEPLOYMENT, Value::Choice(1)),
        (&NODE_TYPE, Value::Name("ra3.4xlarge")),
        (
            &ACTIVE_HOURS_PER_DAY,
            Value::Duration(Duration::from_hours(1)),
        ),
    ])
    .unwrap_err();
    assert!(std::ptr::eq(error.key.unwrap(), &NODE_TYPE));
    let error = built(&[
        (&NODE_TYPE, Value::Name("ra3.4xlarge")),
        (&NODES, Value::Count(2)),
        (&BASE_RPU, Value::Count(8)),
    ])
    .unwrap_err();
    assert!(std::ptr::eq(error.key.unwrap(), &BASE_RPU));
    let error = built(&[(&NODE_TYPE, Value::Name("ra3.4xlarge"))]).unwrap_err();
    assert!(std::ptr::eq(error.key.unwrap(), &NODES));
    let error = built(&[
        (&NODE_TYPE, Value::Name("ra3.4xlarge")),
        (&NODES, Value::Count(2)),
        (&SPECTRUM_QUERIES_PER_MONTH, Value::Number(dec!(10))),
    ])
    .unwrap_err();
    assert_eq!(
        error.message,
        "`spectrum_queries_per_month` needs `spectrum_scan_per_query`"
    );
    let error = built(&[(&DEPLOYMENT, Value::Choice(1))]).unwrap_err();
    assert!(error.key.is_none());
}

#[test]
fn reserved_nodes_bill_a_share_of_the_fee_and_every_hour_at_the_reserved_rate() {
    // 2 × ra3.xlplus all month on demand: 1,460 node-hours × $1.086 = $1,585.56.
    // Reserved for 1 year, partial upfront (us-east-1 feed): 2 × $3,187 =
    // $6,374 paid once, $6,374 ÷ 12 = $531.1666… a month; 1,460 node-hours ×
    // $0.363813 = $531.16698; $1,062.3336… a month in all.
    let mut reserved = cluster("ra3.xlplus", 2);
    reserved.purchase = Purchase::Reserved1yPartialUpfront;
    let result = provisioned(reserved.clone(), None)
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    let fee = item(&result, "reserved_node_upfront");
    assert_eq!((fee.quantity, fee.unit_price), (dec!(2), dec!(3187)));
    let paid = fee.paid_once.expect("an upfront fee");
    assert_eq!((paid.amount, paid.term_months), (dec!(6374), dec!(12)));
    assert_eq!(fee.monthly_cost, dec!(6374) / dec!(12));
    let hours = item(&result, "reserved_node_hour");
    assert_eq!(hours.quantity, dec!(1460));
    assert_eq!(hours.monthly_cost, dec!(531.16698));
    assert!(
        result
            .line_items
            .iter()
            .all(|i| i.dimension.name() != "node_hour")
    );
    // No upfront for 3 years: 1,460 × $0.4725 = $689.85, and a $0 fee line.
    reserved.purchase = Purchase::Reserved3yNoUpfront;
    let result = provisioned(reserved.clone(), None)
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    assert_eq!(
        item(&result, "reserved_node_hour").monthly_cost,
        dec!(689.85)
    );
    assert_eq!(item(&result, "reserved_node_upfront").monthly_cost, dec!(0));
    // All upfront for 3 years: 2 × $10,703 = $21,406 ÷ 36 = $594.6111…; $0 an hour.
    reserved.purchase = Purchase::Reserved3yAllUpfront;
    let result = provisioned(reserved.clone(), None)
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    assert_eq!(
        item(&result, "reserved_node_upfront").monthly_cost,
        dec!(21406) / dec!(36)
    );
    assert_eq!(item(&result, "reserved_node_hour").monthly_cost, dec!(0));
    // dc2.large has no reserved rates in the table: an error naming the
    // option, never the on-demand price.
    let mut dc2 = cluster("dc2.large", 2);
    dc2.purchase = Purchase::Reserved1yNoUpfront;
    assert!(matches!(
        provisioned(dc2, None).evaluate(&ctx(dec!(730))),
        Err(EvalError::MissingCommitment(_, "reserved_1y_no_upfront"))
    ));
}

#[test]
fn reserved_nodes_are_for_a_provisioned_cluster_all_month() {
    let choice = |name: &str| {
        let at = Purchase::NAMES.iter().position(|n| *n == name).unwrap();
        Value::Choice(u8::try_from(at).unwrap())
    };
    let base = [
        (&NODE_TYPE, Value::Name("ra3.xlplus")),
        (&NODES, Value::Count(2)),
    ];
    let with = |extra: &[(&'static Key, Value)]| {
        let mut set = base.to_vec();
        set.extend_from_slice(extra);
        built(&set)
    };
    let plan = with(&[(&reserved::PURCHASE, choice("savings_plan_1y_no_upfront"))]).unwrap_err();
    assert!(
        plan.message
            .starts_with("Savings Plans do not cover Redshift")
    );
    let part_time = with(&[
        (&reserved::PURCHASE, choice("reserved_1y_no_upfront")),
        (&HOURS_RUNNING, Value::Duration(Duration::from_hours(100))),
    ])
    .unwrap_err();
    assert!(std::ptr::eq(part_time.key.unwrap(), &HOURS_RUNNING));
    // Paused and resumed by a schedule, all the same.
    let scheduled = with(&[
        (&reserved::PURCHASE, choice("reserved_1y_no_upfront")),
        (&SCHEDULE_HOURS, Value::Hours("08-20".parse().unwrap())),
    ])
    .unwrap_err();
    assert_eq!(
        scheduled.message,
        "a reserved node is billed every hour of its term, so `schedule` does not apply"
    );
    let serverless = built(&[
        (&DEPLOYMENT, choice_of_deployment("serverless")),
        (&reserved::PURCHASE, choice("reserved_1y_no_upfront")),
    ])
    .unwrap_err();
    assert!(serverless.message.contains("provisioned cluster"));
}

fn choice_of_deployment(name: &str) -> Value {
    let at = Deployment::NAMES.iter().position(|n| *n == name).unwrap();
    Value::Choice(u8::try_from(at).unwrap())
}

fn weekdays(hours: &str) -> Schedule {
    Schedule {
        hours: hours.parse().expect("a range"),
        days: crate::model::schedule::Days::Weekdays,
    }
}

#[test]
fn a_cluster_paused_and_resumed_on_a_schedule_bills_its_hours() {
    // 2 × ra3.xlplus at $1.086 a node-hour (the table's on-demand row),
    // running 08-20 on weekdays of a 730-hour month: 12 h × 730 ÷ 24
    // days × 5 ÷ 7 = 43,800 ÷ 168 = 260.714285… h (one division, to 28
    // significant digits); 2 nodes: 521.428571… node-hours × $1.086 =
    // 95,133.6 ÷ 168 = $566.2714285…, $566.27. All month: 2 × 730 h =
    // 1,460 node-hours × $1.086 = $1,585.56, $1,019.29 more.
    let mut paused = cluster("ra3.xlplus", 2);
    paused.schedule = Some(weekdays("08-20"));
    let result = provisioned(paused.clone(), None)
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    let line = item(&result, "node_hour");
    assert_eq!(line.quantity, dec!(521.42857142857142857142857142));
    assert_eq!(line.unit_price, dec!(1.086));
    assert_eq!(line.monthly_cost.round_dp(2), dec!(566.27));
    assert_eq!(
        line.monthly_cost,
        dec!(521.42857142857142857142857142) * dec!(1.086)
    );
    let all_month = provisioned(cluster("ra3.xlplus", 2), None)
        .evaluate(&ctx(dec!(730)))
        .unwrap();
    assert_eq!(item(&all_month, "node_hour").monthly_cost, dec!(1585.56));
    // Two nodes from 08:00 to 20:00, none the rest of the day.
    let hourly = result.hourly.as_ref().expect("by hour");
    assert_eq!(hourly.key, "nodes");
    let mut expected = [dec!(0); 24];
    expected[8..20].fill(dec!(2));
    assert_eq!(hourly.capacity, expected);
    assert!(all_month.hourly.is_none());

    // Concurrency scaling is counted on the days it runs: 730 × 5 ÷ 168
    // = 21.726190… days, (2 − 1) h beyond the free hour × 2 nodes =
    // 43.452380… node-hours.
    paused.concurrency_scaling_per_day = Duration::from_hours(2);
    let result = provisioned(paused, None).evaluate(&ctx(dec!(730))).unwrap();
    let scaling = item(&result, "concurrency_scaling_node_hour");
    assert_eq!(scaling.quantity.round_dp(6), dec!(43.452381));
}

#[test]
fn a_schedule_of_the_whole_day_bills_what_the_whole_month_does() {
    let mut always = cluster("ra3.xlplus", 2);
    always.schedule = Some(Schedule::ALWAYS);
    for hours in [dec!(720), dec!(730), dec!(744)] {
        let scheduled = provisioned(always.clone(), Some(Bytes(GIB)))
            .evaluate(&ctx(hours))
            .unwrap();
        let plain = provisioned(cluster("ra3.xlplus", 2), Some(Bytes(GIB)))
            .evaluate(&ctx(hours))
            .unwrap();
        assert_eq!(scheduled.line_items, plain.line_items);
    }
}

#[test]
fn a_schedule_is_for_a_provisioned_cluster_and_not_beside_hours_running() {
    let both = built(&[
        (&NODE_TYPE, Value::Name("ra3.xlplus")),
        (&NODES, Value::Count(2)),
        (&HOURS_RUNNING, Value::Duration(Duration::from_hours(100))),
        (&SCHEDULE_DAYS, Value::Choice(1)),
    ])
    .unwrap_err();
    assert_eq!(
        both.message,
        "`hours_running` and `schedule` both set the hours it runs"
    );
    let serverless = built(&[
        (&DEPLOYMENT, choice_of_deployment("serverless")),
        (&SCHEDULE_HOURS, Value::Hours("08-20".parse().unwrap())),
    ])
    .unwrap_err();
    assert_eq!(
        serverless.message,
        "`schedule` is for `deployment = \"provisioned\"`"
    );
}
