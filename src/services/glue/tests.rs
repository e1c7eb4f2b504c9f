use super::*;
use crate::model::keys::Value;
use crate::services::kit::testing::{Alone, ctx, floats_agree, item};
use rust_decimal_macros::dec;

/// The job that the declared keys make, with `set` over their defaults.
fn built(set: &[(&'static Key, Value)]) -> Result<Input, Invalid> {
    crate::services::kit::testing::built(&SERVICE, set)
}

fn job(dpus: Decimal, duration: Duration) -> Input {
    Input {
        work: Work::Job {
            dpus,
            workers: None,
            duration,
            execution_class: ExecutionClass::Standard,
            glue_version: GlueVersion::V5_0,
        },
        runs_per_month: Decimal::ONE,
    }
}

/// The job's work, to change one of its figures.
fn work(input: &mut Input) -> (&mut Duration, &mut ExecutionClass, &mut GlueVersion) {
    match &mut input.work {
        Work::Job {
            duration,
            execution_class,
            glue_version,
            ..
        } => (duration, execution_class, glue_version),
        other => panic!("not a job: {other:?}"),
    }
}

fn dpus_of(input: &Input) -> Decimal {
    match input.work {
        Work::Job { dpus, .. } => dpus,
        ref other => panic!("not a job: {other:?}"),
    }
}

fn line(input: &Input) -> (Decimal, Decimal) {
    let result = input.evaluate(&ctx(dec!(730))).unwrap();
    let item = &result.line_items[0];
    (item.quantity, item.monthly_cost)
}

#[test]
fn floats_give_the_exact_bill_and_verdict() {
    let free_tier = || Ctx {
        free_tier: true,
        ..ctx(dec!(730))
    };
    let agree = |set: &[(&'static Key, Value)]| {
        let input = built(set).unwrap();
        floats_agree(&input, Flow::NOTHING, &ctx(dec!(730)));
        floats_agree(&input, Flow::NOTHING, &free_tier());
    };
    let odd_run = (&DURATION, Value::Duration(Duration::from_ms(dec!(90200.5))));
    let runs = (&RUNS_PER_MONTH, Value::Number(dec!(1234.567)));
    // A standard job on workers, a run of an odd length, odd runs a month.
    agree(&[
        odd_run.clone(),
        runs.clone(),
        (&WORKER_TYPE, Value::Choice(2)),
        (&WORKERS, Value::Count(7)),
    ]);
    // Flex, on DPUs as given.
    agree(&[
        odd_run.clone(),
        runs.clone(),
        (&DPUS, Value::Number(dec!(6))),
        (&EXECUTION_CLASS, Value::Choice(1)),
        (&GLUE_VERSION, Value::Choice(4)),
    ]);
    // Before Glue 2.0: billed at least ten minutes.
    agree(&[
        runs.clone(),
        (&DPUS, Value::Number(dec!(10))),
        (&DURATION, Value::Duration(Duration::from_secs(121))),
        (&GLUE_VERSION, Value::Choice(1)),
    ]);
    // A session at Glue's default DPUs, and one under the 2 DPUs it needs.
    agree(&[odd_run.clone(), runs.clone(), (&KIND, Value::Choice(1))]);
    agree(&[
        odd_run.clone(),
        (&KIND, Value::Choice(1)),
        (&WORKER_TYPE, Value::Choice(1)),
        (&WORKERS, Value::Count(1)),
    ]);
    // A crawler, billed its minimum.
    agree(&[
        runs,
        (&KIND, Value::Choice(2)),
        (&DPUS, Value::Number(dec!(2.5))),
        (&DURATION, Value::Duration(Duration::from_secs(180))),
    ]);
    // The Data Catalog, past and within its free million.
    agree(&[
        (&KIND, Value::Choice(3)),
        (&CATALOG_OBJECTS_KEY, Value::Number(dec!(1234567.89))),
        (&CATALOG_REQUESTS_PER_MONTH, Value::Number(dec!(3000001))),
    ]);
    agree(&[
        (&KIND, Value::Choice(3)),
        (&CATALOG_OBJECTS_KEY, Value::Number(dec!(999999))),
        (&CATALOG_REQUESTS_PER_MONTH, Value::Number(dec!(12345))),
    ]);
}

#[test]
fn aws_pricing_example_of_a_15_minute_job() {
    // AWS's example: a Spark job of 6 DPUs for 15 minutes,
    // 6 × 0.25 h = 1.5 DPU-hours × $0.44 = $0.66.
    let input = built(&[
        (&DPUS, Value::Number(dec!(6))),
        (&DURATION, Value::Duration(Duration::from_secs(15 * 60))),
    ])
    .unwrap();
    assert_eq!(line(&input), (dec!(1.5), dec!(0.66)));
    let result = input.evaluate(&ctx(dec!(730))).unwrap();
    assert_eq!(item(&result, "etl_dpu_hour").monthly_cost, dec!(0.66));
    assert_eq!(result.latency, Duration::from_secs(900));
}

#[test]
fn flex_example_of_a_20_minute_job() {
    // AWS's Flex example, as quoted: 6 DPUs × 1/3 h × $0.29 = $0.58.
    // 6 × 1,200 s = 7,200 DPU-seconds = 2 DPU-hours exactly.
    let mut input = job(dec!(6), Duration::from_secs(20 * 60));
    *work(&mut input).1 = ExecutionClass::Flex;
    let result = input.evaluate(&ctx(dec!(730))).unwrap();
    let flex = item(&result, "flex_dpu_hour");
    assert_eq!((flex.quantity, flex.monthly_cost), (dec!(2), dec!(0.58)));
}

#[test]
fn workers_make_dpus() {
    // 10 × G.2X = 20 DPUs for 1 h, 60 runs: 1,200 DPU-hours × $0.44 = $528.
    let input = built(&[
        (&WORKER_TYPE, Value::Choice(2)),
        (&WORKERS, Value::Count(10)),
        (&DURATION, Value::Duration(Duration::from_hours(1))),
        (&RUNS_PER_MONTH, Value::Number(dec!(60))),
    ])
    .unwrap();
    assert_eq!(dpus_of(&input), dec!(20));
    assert_eq!(line(&input), (dec!(1200), dec!(528)));
}

#[test]
fn a_spark_job_needs_two_dpus_and_no_streaming_workers() {
    let hour = (&DURATION, Value::Duration(Duration::from_hours(1)));
    // 1 × G.1X = 1 DPU, under the 2 a Spark ETL job needs: refused at
    // `workers`; 2 × G.1X = 2 DPUs is the least a job runs on.
    let error = built(&[
        hour.clone(),
        (&WORKER_TYPE, Value::Choice(1)),
        (&WORKERS, Value::Count(1)),
    ])
    .unwrap_err();
    assert!(std::ptr::eq(error.key.unwrap(), &WORKERS));
    assert_eq!(
        error.message,
        "a Spark ETL job needs at least 2 DPUs (found 1)"
    );
    assert_eq!(
        error.help.as_deref(),
        Some("set `workers = 2` or more: a G.1X worker gives 1 DPU")
    );
    let input = built(&[
        hour.clone(),
        (&WORKER_TYPE, Value::Choice(1)),
        (&WORKERS, Value::Count(2)),
    ])
    .unwrap();
    assert_eq!(dpus_of(&input), dec!(2));
    // `dpus = 1.5` is refused at `dpus`.
    let error = built(&[hour.clone(), (&DPUS, Value::Number(dec!(1.5)))]).unwrap_err();
    assert!(std::ptr::eq(error.key.unwrap(), &DPUS));
    assert_eq!(
        error.message,
        "a Spark ETL job needs at least 2 DPUs (found 1.5)"
    );
    // G.025X runs only streaming jobs, even with 8 workers (2 DPUs).
    let error = built(&[
        hour.clone(),
        (&WORKER_TYPE, Value::Choice(0)),
        (&WORKERS, Value::Count(8)),
    ])
    .unwrap_err();
    assert!(std::ptr::eq(error.key.unwrap(), &WORKER_TYPE));
    assert_eq!(
        error.message,
        "`G.025X` workers run only Glue streaming jobs, not a Spark ETL job"
    );
    // An interactive session keeps its own rule: under 2 DPUs is a
    // violation of the table's limit, not a refusal.
    let input = built(&[
        hour,
        (&KIND, Value::Choice(1)),
        (&WORKER_TYPE, Value::Choice(1)),
        (&WORKERS, Value::Count(1)),
    ]);
    assert!(input.is_ok());
}

#[test]
fn a_short_run_is_billed_one_minute_from_glue_2_0() {
    // 10 s on 10 DPUs is billed 60 s: 600 DPU-seconds = 1/6 DPU-hour
    // × $0.44 = $0.0733…; 30 such runs are 5 DPU-hours, $2.20.
    let mut input = job(dec!(10), Duration::from_secs(10));
    input.runs_per_month = dec!(30);
    assert_eq!(line(&input), (dec!(5), dec!(2.20)));
    // A run of 90.2 s is billed 91 s: 10 × 91 × 30 = 27,300 DPU-seconds
    // = 7.58333… DPU-hours.
    *work(&mut input).0 = Duration::from_ms(dec!(90200));
    let (quantity, _) = line(&input);
    assert_eq!(quantity.round_dp(6), dec!(7.583333));
}

#[test]
fn a_short_run_is_billed_ten_minutes_before_glue_2_0() {
    // 2 minutes on Glue 1.0 with 10 DPUs: billed 10 minutes,
    // 10 × 600 s = 6,000 DPU-seconds = 1.6666… DPU-hours; 3 runs are
    // 18,000 DPU-seconds = 5 DPU-hours × $0.44 = $2.20.
    let mut input = job(dec!(10), Duration::from_secs(120));
    *work(&mut input).2 = GlueVersion::V1_0;
    input.runs_per_month = dec!(3);
    assert_eq!(line(&input), (dec!(5), dec!(2.20)));
    // The same runs on Glue 2.0 are billed their 2 minutes:
    // 10 × 120 × 3 = 3,600 DPU-seconds = 1 DPU-hour, $0.44.
    *work(&mut input).2 = GlueVersion::V2_0;
    assert_eq!(line(&input), (dec!(1), dec!(0.44)));
}

#[test]
fn the_sizing_keys_exclude_and_need_each_other() {
    let duration = (&DURATION, Value::Duration(Duration::from_secs(60)));
    let error = built(std::slice::from_ref(&duration)).unwrap_err();
    assert_eq!(
        error.message,
        "`glue` needs `worker_type` and `workers`, or `dpus`"
    );
    let error = built(&[duration.clone(), (&WORKER_TYPE, Value::Choice(1))]).unwrap_err();
    assert!(std::ptr::eq(error.key.unwrap(), &WORKER_TYPE));
    let error = built(&[duration.clone(), (&WORKERS, Value::Count(2))]).unwrap_err();
    assert!(std::ptr::eq(error.key.unwrap(), &WORKERS));
    let error = built(&[
        duration.clone(),
        (&WORKER_TYPE, Value::Choice(1)),
        (&WORKERS, Value::Count(2)),
        (&DPUS, Value::Number(dec!(2))),
    ])
    .unwrap_err();
    assert!(std::ptr::eq(error.key.unwrap(), &DPUS));
    let error = built(&[(&DPUS, Value::Number(dec!(2)))]).unwrap_err();
    assert_eq!(error.message, "`glue` needs `duration`");
}

#[test]
fn flex_needs_glue_3_0() {
    let base = [
        (&DPUS, Value::Number(dec!(2))),
        (&DURATION, Value::Duration(Duration::from_secs(60))),
        (&EXECUTION_CLASS, Value::Choice(1)),
    ];
    let mut set = base.to_vec();
    set.push((&GLUE_VERSION, Value::Choice(2)));
    let error = built(&set).unwrap_err();
    assert!(std::ptr::eq(error.key.unwrap(), &EXECUTION_CLASS));
    assert_eq!(
        error.message,
        "the `flex` execution class needs Glue 3.0 or later (found 2.0)"
    );
    let mut set = base.to_vec();
    set.push((&GLUE_VERSION, Value::Choice(3)));
    let mut input = built(&set).unwrap();
    assert_eq!(*work(&mut input).1, ExecutionClass::Flex);
}

#[test]
fn aws_pricing_example_of_an_interactive_session() {
    // AWS's example: a session has 5 DPUs by default; 24 minutes is
    // 5 × 0.4 h = 2 DPU-hours × $0.44 = $0.88.
    let input = built(&[
        (&KIND, Value::Choice(1)),
        (&DURATION, Value::Duration(Duration::from_secs(24 * 60))),
    ])
    .unwrap();
    let result = input.evaluate(&ctx(dec!(730))).unwrap();
    let session = item(&result, "interactive_session_dpu_hour");
    assert_eq!(
        (session.quantity, session.monthly_cost),
        (dec!(2), dec!(0.88))
    );
    assert!(result.violations.is_empty());
    // 30 seconds is billed the 1-minute minimum: 5 × 60 s = 300
    // DPU-seconds = 1/12 DPU-hour; twelve such sessions are 1 DPU-hour.
    let input = built(&[
        (&KIND, Value::Choice(1)),
        (&DURATION, Value::Duration(Duration::from_secs(30))),
        (&RUNS_PER_MONTH, Value::Number(dec!(12))),
    ])
    .unwrap();
    assert_eq!(line(&input), (dec!(1), dec!(0.44)));
}

#[test]
fn a_session_below_two_dpus_is_a_violation() {
    let input = built(&[
        (&KIND, Value::Choice(1)),
        (&DPUS, Value::Number(dec!(1))),
        (&DURATION, Value::Duration(Duration::from_hours(1))),
    ])
    .unwrap();
    let result = input.evaluate(&ctx(dec!(730))).unwrap();
    assert!(matches!(
        result.violations.as_slice(),
        [crate::model::report::Violation::Minimum { limit, .. }] if limit.key == SESSION_MIN_DPUS.key
    ));
}

#[test]
fn a_crawl_is_billed_at_least_ten_minutes() {
    // 2 DPUs crawling for 3 minutes, 30 crawls: each billed 10 minutes,
    // 2 × 600 s × 30 = 36,000 DPU-seconds = 10 DPU-hours × $0.44 = $4.40.
    let input = built(&[
        (&KIND, Value::Choice(2)),
        (&DPUS, Value::Number(dec!(2))),
        (&DURATION, Value::Duration(Duration::from_secs(180))),
        (&RUNS_PER_MONTH, Value::Number(dec!(30))),
    ])
    .unwrap();
    let result = input.evaluate(&ctx(dec!(730))).unwrap();
    let crawler = item(&result, "crawler_dpu_hour");
    assert_eq!(
        (crawler.quantity, crawler.monthly_cost),
        (dec!(10), dec!(4.40))
    );
    // A crawler's DPUs are Glue's to pick.
    let error = built(&[
        (&KIND, Value::Choice(2)),
        (&DURATION, Value::Duration(Duration::from_secs(180))),
    ])
    .unwrap_err();
    assert_eq!(error.message, "a `glue` crawler needs `dpus`");
}

#[test]
fn the_data_catalog_is_free_up_to_a_million_objects_and_requests() {
    let ctx_with_free_tier = |hours| Ctx {
        free_tier: true,
        ..ctx(hours)
    };
    // 1.2 million objects and 3 million requests: 200,000 objects over
    // the free million are 2 × $1.00, 2 million requests over it 2 × $1.00.
    let input = built(&[
        (&KIND, Value::Choice(3)),
        (&CATALOG_OBJECTS_KEY, Value::Number(dec!(1200000))),
        (&CATALOG_REQUESTS_PER_MONTH, Value::Number(dec!(3000000))),
    ])
    .unwrap();
    let result = input.evaluate(&ctx_with_free_tier(dec!(730))).unwrap();
    assert_eq!(item(&result, "catalog_storage").monthly_cost, dec!(2));
    assert_eq!(item(&result, "catalog_requests").monthly_cost, dec!(2));
    // Within the free million of each, nothing is billed.
    let input = built(&[
        (&KIND, Value::Choice(3)),
        (&CATALOG_OBJECTS_KEY, Value::Number(dec!(1000000))),
        (&CATALOG_REQUESTS_PER_MONTH, Value::Number(dec!(1000000))),
    ])
    .unwrap();
    let result = input.evaluate(&ctx_with_free_tier(dec!(730))).unwrap();
    assert!(
        result
            .line_items
            .iter()
            .all(|item| item.monthly_cost.is_zero())
    );
}

#[test]
fn catalog_figures_belong_to_the_catalog() {
    let error = built(&[
        (&DPUS, Value::Number(dec!(2))),
        (&DURATION, Value::Duration(Duration::from_secs(60))),
        (&CATALOG_OBJECTS_KEY, Value::Number(dec!(5))),
    ])
    .unwrap_err();
    assert!(std::ptr::eq(error.key.unwrap(), &CATALOG_OBJECTS_KEY));
    let error = built(&[(&KIND, Value::Choice(3)), (&DPUS, Value::Number(dec!(2)))]).unwrap_err();
    assert!(std::ptr::eq(error.key.unwrap(), &DPUS));
}

#[test]
fn figures_too_large_for_exact_decimals_are_an_error() {
    // 10^20 DPUs for a week, 10^6 runs: about 6 × 10^31 DPU-seconds.
    let mut input = job(dec!(1e20), Duration::from_hours(168));
    input.runs_per_month = dec!(1000000);
    assert_eq!(
        input.evaluate(&ctx(dec!(730))).unwrap_err(),
        EvalError::Arithmetic
    );
}
