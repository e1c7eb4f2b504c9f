//! Amazon DocumentDB (with MongoDB compatibility), instance-based clusters in
//! the Standard storage configuration: instance-hours, storage, I/Os and
//! backup beyond the free allowance.

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::base::units::{Bytes, Duration};
use crate::model::dimension::{Dimension, Limit, LimitKind};
use crate::model::flow::Flow;
use crate::model::keys::{Default, Invalid, Key, Kind, Values};
use crate::model::offer::Offer;
use crate::model::report::{CapacityValue, ComponentResult, Properties, Retention};
use crate::model::schedule::Schedule;
use crate::model::traced::{self, Traced};
use crate::model::working::Part;
use crate::services::kit::bill::{charge_into, charge_type_into};
use crate::services::kit::schedule::{self, SCHEDULE_DAYS, SCHEDULE_HOURS};
use crate::services::kit::{Component, Ctx, Doc, EvalError, Functions, ServiceDef, given};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "documentdb",
    title: "DocumentDB",
    aliases: &["docdb"],
    dimensions: &[
        &INSTANCE_HOUR,
        &STORAGE_GB_MONTH,
        &IO_REQUESTS,
        &BACKUP_GB_MONTH,
    ],
    limits: &[
        &MAX_INSTANCES,
        &MAX_STORAGE,
        &MIN_BILLED_DURATION,
        &FREE_BACKUP_SHARE,
        &LATENCY,
    ],
    catalogue: Some(&INSTANCE_HOUR),
    offer: Some(&Offer {
        code: "AmazonDocDB",
        catalogue: None,
        mappings: &[],
    }),
    keys: &[
        &INSTANCE_TYPE,
        &INSTANCES,
        &STORAGE,
        &IO_PER_MONTH,
        &BACKUP,
        &HOURS_RUNNING,
        &SCHEDULE_HOURS,
        &SCHEDULE_DAYS,
    ],
    functions: Functions::of::<Input>(),
    doc: &DOC,
    input: None,
    transforms: false,
};

static INSTANCE_TYPE: Key = Key::new(
    "instance_type",
    Kind::Instance("documentdb"),
    Default::None,
    "an instance class the pricing table prices (`calc pricing show TABLE documentdb`)",
)
.defaulting_to("required");
// The table's `documentdb.max_instances` (16) is checked as a limit, so that
// a cluster over it is a verdict; the key only bounds what is sensible to read.
static INSTANCES: Key = Key::new(
    "instances",
    Kind::Count { min: 0, max: 1_000 },
    Default::Integer(1),
    "instances in the cluster: a primary and its replicas (0 keeps only the storage)",
);
static STORAGE: Key = Key::new(
    "storage",
    Kind::Size,
    Default::Text("0"),
    "data in the cluster volume",
);
static IO_PER_MONTH: Key = Key::new(
    "io_per_month",
    Kind::Number,
    Default::Integer(0),
    "I/Os on the cluster volume a month (reads of 8 KB pages, writes of 4 KB log units)",
);
static BACKUP: Key = Key::new(
    "backup",
    Kind::Size,
    Default::Text("0"),
    "backup storage (snapshots and point-in-time backups); free up to the cluster's storage",
);
static HOURS_RUNNING: Key = Key::new(
    "hours_running",
    Kind::Duration,
    Default::None,
    "time each instance runs in the month (stopped the rest)",
)
.defaulting_to("the whole month")
.in_unit("h");

pub const LATENCY: Limit = Limit::new(
    "documentdb.latency",
    LimitKind::Duration,
    "read and write latency",
);
pub const DOC: Doc = Doc {
    bills: "instance-based clusters, Standard storage configuration: instance-hours of `instance_type` (the table's `[instances.documentdb]` row) × `instances` × `hours_running` (the whole month unless set; at least 10 minutes), `storage` GB-months, `io_per_month` per million I/Os, and `backup` beyond 100% of `storage` per GB-month. More than 16 instances, or `storage` beyond the 128 TiB volume, fails. I/O-Optimized, CPU credits, Elastic clusters and Serverless are not priced",
    reports: "instances, vCPUs, storage",
    summary: "a document database: a cluster of instances over a shared, replicated volume",
    ordering: "none",
    retention: "until deleted",
    replay: "no",
    latency: "milliseconds (calc takes the table's `latency`, 10 ms)",
    scaling: "instance class and count (up to 16); the volume grows itself",
    formulas: &[
        "instance-hours = instances x max(hours running, 10 min), at the class's rate (Standard configuration)",
        schedule::FORMULA,
        "storage GB-month = the cluster volume in GB, kept all month",
        "I/O = io_per_month / 1,000,000, per million",
        "backup GB-month = max(0, backup - storage), the backup beyond the table's free share of the storage (all of it, as AWS gives it)",
        "not priced: I/O-Optimized, T3/T4g CPU credits, Elastic clusters, Serverless",
    ],
};

/// An instance-hour of the cluster's class: its price is the class's row
/// in the table's catalogue (`[instances.documentdb."db.r5.large"]`).
pub const INSTANCE_HOUR: Dimension = Dimension::new("documentdb.instance_hour", "instance-hour");
pub const STORAGE_GB_MONTH: Dimension = Dimension::new("documentdb.storage_gb_month", "GB-month");
pub const IO_REQUESTS: Dimension = Dimension::new("documentdb.io_requests", "million I/Os");
pub const BACKUP_GB_MONTH: Dimension = Dimension::new("documentdb.backup_gb_month", "GB-month");

pub const MAX_INSTANCES: Limit = Limit::new(
    "documentdb.max_instances",
    LimitKind::Count,
    "instances per cluster",
);
pub const MAX_STORAGE: Limit =
    Limit::new("documentdb.max_storage", LimitKind::Bytes, "cluster volume");
pub const MIN_BILLED_DURATION: Limit = Limit::new(
    "documentdb.min_billed_duration",
    LimitKind::Duration,
    "billed time of an instance",
);
pub const FREE_BACKUP_SHARE: Limit = Limit::new(
    "documentdb.free_backup_share",
    LimitKind::Count,
    "free backup storage, as a share of the cluster's storage",
);

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    /// A class the pricing table's `documentdb` catalogue has a row for.
    pub instance_type: &'static str,
    pub instances: u32,
    pub storage: Bytes,
    pub io_per_month: Decimal,
    pub backup: Bytes,
    /// Time each instance runs in the month; `None` is the whole month.
    pub hours_running: Option<Duration>,
    /// The hours of the day the instances run, in place of `hours_running`.
    pub schedule: Option<Schedule>,
}

fn build(values: &Values) -> Result<Input, Invalid> {
    let default = || Invalid::component("a key of `documentdb` has no value");
    let Some(instance_type) = values.name(&INSTANCE_TYPE) else {
        return Err(
            Invalid::new(&INSTANCE_TYPE, "`documentdb` needs `instance_type`").with_help(
                "e.g. `instance_type = \"db.r5.4xlarge\"`: `calc pricing show TABLE documentdb` lists the classes",
            ),
        );
    };
    let hours_running = crate::services::kit::hours_running(
        values,
        &HOURS_RUNNING,
        "leave it out for a cluster that runs all month",
    )?;
    let schedule = schedule::read(values, &[&HOURS_RUNNING])?;
    let instances = values.count(&INSTANCES).ok_or_else(default)?;
    if let Some(key) = schedule::part_time(values, &HOURS_RUNNING)
        && instances == 0
    {
        let name = schedule::named(key);
        return Err(
            Invalid::new(key, format!("`{name}` with no instances: nothing runs")).with_help(
                format!("set `instances`, or leave `{name}` out to keep only the storage"),
            ),
        );
    }
    Ok(Input {
        instance_type,
        instances,
        storage: values.bytes(&STORAGE).ok_or_else(default)?,
        io_per_month: values.number(&IO_PER_MONTH).ok_or_else(default)?,
        backup: values.bytes(&BACKUP).ok_or_else(default)?,
        hours_running,
        schedule,
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
        result.reset(SERVICE.name, Some(self.instance_type));
        result.latency = ctx.duration(&LATENCY)?;
        let row = ctx
            .prices
            .instance(SERVICE.name, self.instance_type)
            .ok_or(EvalError::MissingRow(&INSTANCE_HOUR))?;
        let instances: Traced<N> = given::key(self.instances, "instances", &INSTANCES);
        let most = ctx.count(&MAX_INSTANCES)?;
        if instances.value() > N::of(most) {
            result.violate(
                &MAX_INSTANCES,
                instances.value().decimal(),
                most,
                "use a larger instance class, or split the data between clusters",
            );
        }
        let max_storage = ctx.bytes(&MAX_STORAGE)?;
        if self.storage > max_storage {
            result.violate(
                &MAX_STORAGE,
                self.storage.decimal(),
                max_storage.decimal(),
                "split the data between clusters, or archive the cold part to S3",
            );
        }

        result.capacity("instances", CapacityValue::Count(u64::from(self.instances)));
        traced::step("instances", Part::Capacity, "instances", instances);
        if let Some(vcpu) = row.vcpu {
            let vcpus = u64::from(vcpu).saturating_mul(u64::from(self.instances));
            result.capacity("vcpu", CapacityValue::Count(vcpus));
            let per_instance = Traced::rule(
                Decimal::from(vcpu),
                "vCPUs",
                "vCPUs of an instance of the class (the pricing table's row)",
            );
            traced::step(
                "vcpu",
                Part::Capacity,
                "vCPUs",
                per_instance.times(instances)?,
            );
        }
        let storage = given::size(self.storage, &STORAGE);
        result.capacity("storage", CapacityValue::Bytes(self.storage));
        traced::step("storage", Part::Capacity, "B", storage);

        if self.instances > 0 {
            // Billed per second with a 10-minute minimum each time an
            // instance starts (DocumentDB pricing page); calc takes the
            // running time as one start a month.
            // Seconds first, hours last, so that whole figures stay exact.
            let seconds = schedule::billed_seconds(
                self.schedule,
                self.hours_running,
                &HOURS_RUNNING,
                &MIN_BILLED_DURATION,
                ctx,
                result,
            )?;
            let instance_hours = instances.times(seconds)?.per(given::seconds_an_hour())?;
            result.capacity_of("instance_hours", instance_hours, "instance-hours");
            charge_type_into(
                &mut result.line_items,
                ctx,
                &INSTANCE_HOUR,
                self.instance_type,
                instance_hours,
            )?;
        }
        if self.storage > Bytes(0) {
            charge_into(
                &mut result.line_items,
                ctx,
                &STORAGE_GB_MONTH,
                storage.per(given::gib())?,
            )?;
        }
        if !self.io_per_month.is_zero() {
            let millions =
                given::key(self.io_per_month, "I/Os", &IO_PER_MONTH).per(given::million())?;
            charge_into(&mut result.line_items, ctx, &IO_REQUESTS, millions)?;
        }
        if self.backup > Bytes(0) {
            // Backup up to 100% of the cluster's storage is free; the rest
            // is billed per GB-month (DocumentDB pricing page).
            let free = storage.times(ctx.limit_traced(&FREE_BACKUP_SHARE, "")?)?;
            let none = Traced::rule(Decimal::ZERO, "B", "none");
            let billed = given::size(self.backup, &BACKUP).minus(free)?.max(none);
            if billed.value().is_zero() {
                result.note(
                    "backup_within_free_allowance",
                    "the backup is within the free allowance of 100% of the cluster's storage",
                );
            } else {
                let billed_gb = billed.per(given::gib())?;
                charge_into(&mut result.line_items, ctx, &BACKUP_GB_MONTH, billed_gb)?;
            }
        }
        // A database stopped by its schedule answers nothing: reads and
        // writes that flow to it must come in its hours.
        if let Some(schedule) = self.schedule.filter(|_| self.instances > 0) {
            schedule::hourly(schedule, "instances", instances.value().decimal(), result);
            schedule::check_traffic(schedule, ctx, result);
        }
        // A database keeps its documents until they are deleted; it passes
        // nothing on in the flow.
        result.properties = Properties {
            retention: Retention::Indefinite,
            ..Properties::default()
        };
        result.output = Some(Flow::NOTHING);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::units::{GIB, TIB};
    use crate::model::report::Violation;
    use crate::services::kit::testing::{Alone, ctx, floats_agree, item};
    use rust_decimal_macros::dec;

    fn cluster(instance_type: &'static str) -> Input {
        Input {
            instance_type,
            instances: 1,
            storage: Bytes(0),
            io_per_month: Decimal::ZERO,
            backup: Bytes(0),
            hours_running: None,
            schedule: None,
        }
    }

    #[test]
    fn floats_give_the_exact_bill_and_verdict() {
        use crate::model::flow::Rate;
        use crate::model::schedule::{Days, Schedule};
        let nothing = Flow::NOTHING;
        let traffic = Flow::new(Rate::flat(dec!(1234.567)), None);
        let cases = [
            // All month, with storage, I/Os and backup beyond the free part.
            (
                Input {
                    storage: Bytes(1000 * GIB + 12_345),
                    io_per_month: dec!(12_345_678.9),
                    backup: Bytes(11_000 * GIB + 678),
                    ..cluster("db.r5.4xlarge")
                },
                nothing,
            ),
            // A backup within the free allowance, and replicas for a
            // non-round time.
            (
                Input {
                    instances: 3,
                    hours_running: Some(Duration::from_secs(444_441)),
                    storage: Bytes(50 * GIB),
                    backup: Bytes(20 * GIB),
                    ..cluster("db.t3.medium")
                },
                nothing,
            ),
            // Billed the 10-minute minimum.
            (
                Input {
                    hours_running: Some(Duration::from_secs(60)),
                    ..cluster("db.r5.4xlarge")
                },
                nothing,
            ),
            // On weekdays' hours, and traffic all day: paused at 00:00.
            (
                Input {
                    schedule: Some(Schedule {
                        hours: "08-20".parse().unwrap(),
                        days: Days::Weekdays,
                    }),
                    ..cluster("db.r5.4xlarge")
                },
                traffic,
            ),
            // Past the instances and the volume of a cluster.
            (
                Input {
                    instances: 17,
                    storage: Bytes(200 * TIB),
                    ..cluster("db.t3.medium")
                },
                nothing,
            ),
            // No instances: the storage alone.
            (
                Input {
                    instances: 0,
                    storage: Bytes(50 * GIB),
                    ..cluster("db.t3.medium")
                },
                nothing,
            ),
            // A class the table has no row for: the same error.
            (cluster("db.r5.4xlargee"), nothing),
        ];
        for (input, flow) in cases {
            for hours in [dec!(730), dec!(672.5)] {
                floats_agree(&input, flow, &ctx(hours));
            }
        }
    }

    #[test]
    fn a_cluster_on_a_schedule_bills_its_hours_and_fails_on_traffic_outside_them() {
        use crate::model::flow::Rate;
        use crate::model::schedule::{Days, Schedule};
        // db.r5.4xlarge at $2.216, 08-20 every day of a 730-hour month:
        // 12 × 730 ÷ 24 = 365 h, $808.84; all month $1,617.68.
        let input = Input {
            schedule: Some(Schedule {
                hours: "08-20".parse().unwrap(),
                days: Days::EveryDay,
            }),
            ..cluster("db.r5.4xlarge")
        };
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let line = item(&result, "instance_hour");
        assert_eq!(
            (line.quantity, line.monthly_cost),
            (dec!(365), dec!(808.84))
        );
        assert!(result.violations.is_empty());
        // Reads and writes all day reach it paused at 00:00.
        let fed = Ctx {
            input: Flow::new(Rate::flat(dec!(50)), None),
            ..ctx(dec!(730))
        };
        let result = input.evaluate(&fed).unwrap();
        assert!(matches!(
            result.violations.as_slice(),
            [Violation::Paused { hour: 0, .. }]
        ));
    }

    #[test]
    fn the_infracost_r5_4xlarge_cluster() {
        // db.r5.4xlarge × 730 h × $2.216 = $1,617.68; 1,000 GB × $0.10 =
        // $100.00; 10 million I/Os × $0.20 = $2.00: $1,719.68.
        let input = Input {
            storage: Bytes(1000 * GIB),
            io_per_month: dec!(10_000_000),
            ..cluster("db.r5.4xlarge")
        };
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "instance_hour").monthly_cost, dec!(1617.68));
        assert_eq!(item(&result, "storage_gb_month").monthly_cost, dec!(100));
        assert_eq!(item(&result, "io_requests").quantity, dec!(10));
        assert_eq!(item(&result, "io_requests").monthly_cost, dec!(2));
        assert_eq!(result.monthly_cost(), dec!(1719.68));
        assert!(result.violations.is_empty());
        // 16 vCPUs, from the class's row.
        assert!(
            result
                .capacity
                .iter()
                .any(|c| c.key == "vcpu" && c.value == CapacityValue::Count(16))
        );
    }

    #[test]
    fn a_t3_medium_all_month() {
        // db.t3.medium × 730 h × $0.078 = $56.94 (Infracost).
        let result = cluster("db.t3.medium").evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "instance_hour").monthly_cost, dec!(56.94));
        assert_eq!(result.line_items.len(), 1);
    }

    #[test]
    fn replicas_multiply_the_instance_hours() {
        // A primary and 2 replicas of db.t3.medium for 100 h:
        // 300 instance-hours × $0.078 = $23.40.
        let input = Input {
            instances: 3,
            hours_running: Some(Duration::from_hours(100)),
            schedule: None,
            ..cluster("db.t3.medium")
        };
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let line = item(&result, "instance_hour");
        assert_eq!(line.quantity, dec!(300));
        assert_eq!(line.monthly_cost, dec!(23.40));
    }

    #[test]
    fn an_instance_is_billed_at_least_ten_minutes() {
        // 1 minute running is billed as 10: 1/6 h × $2.216 = $0.369333…;
        // 3 instances for 1 minute, 30 minutes: 0.5 h × $2.216 = $1.108.
        let input = Input {
            hours_running: Some(Duration::from_secs(60)),
            schedule: None,
            ..cluster("db.r5.4xlarge")
        };
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let line = item(&result, "instance_hour");
        assert_eq!(line.quantity.round_dp(6), dec!(0.166667));
        assert_eq!(line.monthly_cost.round_dp(6), dec!(0.369333));
        let input = Input {
            instances: 3,
            ..input
        };
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "instance_hour").quantity, dec!(0.5));
        assert_eq!(item(&result, "instance_hour").monthly_cost, dec!(1.108));
    }

    #[test]
    fn backup_is_free_up_to_the_storage() {
        // 1,000 GB stored and 11,000 GB of backup: 1,000 GB free, 10,000 GB
        // billed × $0.021 = $210.00 (Infracost's figure for 10,000 GB).
        let input = Input {
            storage: Bytes(1000 * GIB),
            backup: Bytes(11_000 * GIB),
            ..cluster("db.t3.medium")
        };
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let line = item(&result, "backup_gb_month");
        assert_eq!(line.quantity, dec!(10000));
        assert_eq!(line.monthly_cost, dec!(210));
        // A backup no larger than the storage costs nothing, and says so.
        let input = Input {
            backup: Bytes(1000 * GIB),
            ..input
        };
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert!(
            result
                .line_items
                .iter()
                .all(|l| l.dimension.key != BACKUP_GB_MONTH.key)
        );
        assert_eq!(result.notes.len(), 1);
    }

    #[test]
    fn seventeen_instances_and_200_tb_break_the_limits() {
        // 17 instances: over the 16 a cluster holds (a primary and 15
        // replicas). 200 TiB: over the 128 TiB volume. Still priced as set:
        // 17 × 730 h × $0.078 = $967.98.
        let input = Input {
            instances: 17,
            storage: Bytes(200 * TIB),
            ..cluster("db.t3.medium")
        };
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "instance_hour").monthly_cost, dec!(967.98));
        let broken: Vec<&str> = result
            .violations
            .iter()
            .map(|v| match v {
                Violation::Limit { limit, .. } => limit.key,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(broken, [MAX_INSTANCES.key, MAX_STORAGE.key]);
    }

    #[test]
    fn no_instances_keeps_only_the_storage_and_an_unknown_class_is_an_error() {
        // A cluster with its instances deleted: 50 GB × $0.10 = $5.00.
        let input = Input {
            instances: 0,
            storage: Bytes(50 * GIB),
            ..cluster("db.t3.medium")
        };
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(result.monthly_cost(), dec!(5));
        assert_eq!(
            cluster("db.r5.4xlargee").evaluate(&ctx(dec!(730))),
            Err(EvalError::MissingRow(&INSTANCE_HOUR))
        );
    }
}
