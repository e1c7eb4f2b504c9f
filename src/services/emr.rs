//! Amazon EMR on EC2 with uniform instance groups: a primary group, a core
//! group and a task group, each of one instance type and one purchasing
//! option. Each instance is billed its EC2 price plus the EMR price of its
//! type ("The Amazon EMR price is in addition to the Amazon EC2 price",
//! Amazon EMR management guide, "Instance purchasing options").

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::base::units::{Bytes, Duration};
use crate::model::dimension::{Dimension, Limit, LimitKind};
use crate::model::flow::Flow;
use crate::model::keys::{Default, Invalid, Key, Kind, Values};
use crate::model::offer::Offer;
use crate::model::report::{CapacityValue, ComponentResult, Properties, Violation};
use crate::model::schedule::Schedule;
use crate::model::traced::{self, Traced};
use crate::model::working::Part;
use crate::services::kit::bill::{charge_into, charge_type_into, charge_type_off_into};
use crate::services::kit::given;
use crate::services::kit::schedule::{self, SCHEDULE_DAYS, SCHEDULE_HOURS};
use crate::services::kit::spot::{self, Purchase, SPOT_DISCOUNT};
use crate::services::kit::{Component, Ctx, Doc, EvalError, Functions, ServiceDef};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "emr",
    title: "EMR",
    aliases: &["elastic_mapreduce", "elasticmapreduce"],
    dimensions: &[
        &PRIMARY_EC2_HOUR,
        &PRIMARY_EMR_HOUR,
        &CORE_EC2_HOUR,
        &CORE_EMR_HOUR,
        &TASK_EC2_HOUR,
        &TASK_EMR_HOUR,
        &EBS_GB_MONTH,
    ],
    limits: &[&MIN_BILLED_DURATION],
    catalogue: Some(&INSTANCE_HOUR),
    offer: Some(&Offer {
        code: "ElasticMapReduce",
        catalogue: None,
        mappings: &[],
    }),
    keys: &[
        &PRIMARY_INSTANCE_TYPE,
        &PRIMARY_INSTANCES,
        &PRIMARY_PURCHASE,
        &CORE_INSTANCE_TYPE,
        &CORE_INSTANCES,
        &CORE_PURCHASE,
        &TASK_INSTANCE_TYPE,
        &TASK_INSTANCES,
        &TASK_PURCHASE,
        &SPOT_DISCOUNT,
        &HOURS_RUNNING,
        &SCHEDULE_HOURS,
        &SCHEDULE_DAYS,
        &EBS_PER_INSTANCE,
    ],
    functions: Functions::of::<Input>(),
    doc: &DOC,
    input: None,
    transforms: false,
};

static PRIMARY_INSTANCE_TYPE: Key = Key::new(
    "primary_instance_type",
    Kind::Instance("emr"),
    Default::None,
    "type of the primary node(s), one the table gives an EMR price (`calc pricing show TABLE emr`)",
)
.defaulting_to("required");
static PRIMARY_INSTANCES: Key = Key::new(
    "primary_instances",
    Kind::Count { min: 1, max: 3 },
    Default::Integer(1),
    "primary nodes: 1, or 3 for high availability",
);
static PRIMARY_PURCHASE: Key = Key::new(
    "primary_purchase",
    Kind::Choice(Purchase::NAMES),
    Default::Text("on_demand"),
    "`on_demand` or `spot` for the primary group",
);
static CORE_INSTANCE_TYPE: Key = Key::new(
    "core_instance_type",
    Kind::Instance("emr"),
    Default::None,
    "type of the core nodes (they run tasks and hold HDFS)",
)
.defaulting_to("required with `core_instances`");
static CORE_INSTANCES: Key = Key::new(
    "core_instances",
    Kind::Count {
        min: 0,
        max: 100_000,
    },
    Default::Integer(0),
    "core nodes",
);
static CORE_PURCHASE: Key = Key::new(
    "core_purchase",
    Kind::Choice(Purchase::NAMES),
    Default::None,
    "`on_demand` or `spot` for the core group",
)
.defaulting_to("on_demand");
static TASK_INSTANCE_TYPE: Key = Key::new(
    "task_instance_type",
    Kind::Instance("emr"),
    Default::None,
    "type of the task nodes (compute only, no HDFS)",
)
.defaulting_to("required with `task_instances`");
static TASK_INSTANCES: Key = Key::new(
    "task_instances",
    Kind::Count {
        min: 0,
        max: 100_000,
    },
    Default::Integer(0),
    "task nodes",
);
static TASK_PURCHASE: Key = Key::new(
    "task_purchase",
    Kind::Choice(Purchase::NAMES),
    Default::None,
    "`on_demand` or `spot` for the task group",
)
.defaulting_to("on_demand");
static HOURS_RUNNING: Key = Key::new(
    "hours_running",
    Kind::Duration,
    Default::None,
    "time the cluster runs in the month (a transient cluster: its runs added up)",
)
.defaulting_to("the whole month")
.in_unit("h");
static EBS_PER_INSTANCE: Key = Key::new(
    "ebs_per_instance",
    Kind::Size,
    Default::None,
    "gp3 EBS storage attached to each instance, billed while the cluster runs",
)
.defaulting_to("none");

pub const DOC: Doc = Doc {
    bills: "EMR on EC2, uniform instance groups: for the primary (1, or 3 for high availability), core and task groups, instances × `hours_running` (the whole month unless set; at least 1 minute) at the type's EC2 price (`[instances.ec2]`) and, on a line of its own, its EMR price (`[instances.emr]`); `*_purchase = \"spot\"` takes `spot_discount` off the EC2 part only (the EMR price stays); optional gp3 `ebs_per_instance`, prorated to the hours. Core or primary nodes on Spot warn; three primary nodes on Spot fail",
    reports: "instances per group, instance-hours, vCPUs, memory",
    summary: "managed Spark and Hadoop clusters on EC2: each instance's EC2 price plus an EMR price by type",
    ordering: "whatever the job keeps",
    retention: "HDFS on core nodes while the cluster runs; jobs read from and write to stores",
    replay: "no",
    latency: "none added: the jobs' own run time",
    scaling: "uniform instance groups: a primary, a core and a task group, each one type and count",
    formulas: &[
        "instance-hours of a group = instances x max(hours running (the whole month unless set), 1 min)",
        schedule::FORMULA,
        "a group's EC2 part = instance-hours x the type's EC2 price, less `spot_discount` on Spot",
        "a group's EMR part = instance-hours x the type's EMR price, the same On-Demand or Spot",
        "EBS GB-months = instances x `ebs_per_instance` (GB) x hours billed / hours in the month",
    ],
};

/// The EMR price of an instance-hour of a type: the unit of the table's
/// `[instances.emr."TYPE"]` rows, which price every group's EMR part.
pub const INSTANCE_HOUR: Dimension = Dimension::new("emr.instance_hour", "instance-hour");

// Each group's EC2 part and EMR part is a line of its own, so that the bill
// shows where each dollar comes from.
pub const PRIMARY_EC2_HOUR: Dimension =
    Dimension::new("emr.primary_ec2_hour", "instance-hour").priced_by_rows_of("ec2");
pub const PRIMARY_EMR_HOUR: Dimension =
    Dimension::new("emr.primary_emr_hour", "instance-hour").priced_by_rows_of("emr");
pub const CORE_EC2_HOUR: Dimension =
    Dimension::new("emr.core_ec2_hour", "instance-hour").priced_by_rows_of("ec2");
pub const CORE_EMR_HOUR: Dimension =
    Dimension::new("emr.core_emr_hour", "instance-hour").priced_by_rows_of("emr");
pub const TASK_EC2_HOUR: Dimension =
    Dimension::new("emr.task_ec2_hour", "instance-hour").priced_by_rows_of("ec2");
pub const TASK_EMR_HOUR: Dimension =
    Dimension::new("emr.task_emr_hour", "instance-hour").priced_by_rows_of("emr");
/// gp3 volumes attached to the cluster's instances.
pub const EBS_GB_MONTH: Dimension = Dimension::new("emr.ebs_gp3_gb_month", "GB-month");

/// The least time an instance is billed: EMR, EC2 and EBS are billed per
/// second with a one-minute minimum (Amazon EMR pricing page).
pub const MIN_BILLED_DURATION: Limit = Limit::new(
    "emr.min_billed_duration",
    LimitKind::Duration,
    "billed time of an instance",
);

/// A node type of the cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Primary,
    Core,
    Task,
}

impl Role {
    fn dimensions(self) -> (&'static Dimension, &'static Dimension) {
        match self {
            Self::Primary => (&PRIMARY_EC2_HOUR, &PRIMARY_EMR_HOUR),
            Self::Core => (&CORE_EC2_HOUR, &CORE_EMR_HOUR),
            Self::Task => (&TASK_EC2_HOUR, &TASK_EMR_HOUR),
        }
    }

    fn capacity_key(self) -> &'static str {
        match self {
            Self::Primary => "primary_instances",
            Self::Core => "core_instances",
            Self::Task => "task_instances",
        }
    }

    /// The key that sets the group's instances.
    fn instances_key(self) -> &'static Key {
        match self {
            Self::Primary => &PRIMARY_INSTANCES,
            Self::Core => &CORE_INSTANCES,
            Self::Task => &TASK_INSTANCES,
        }
    }
}

/// A uniform instance group: one type, one count, one purchasing option.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub role: Role,
    /// `None` for an empty core or task group.
    pub instance_type: Option<&'static str>,
    pub instances: u32,
    pub spot: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    /// Primary, core and task, in that order.
    pub groups: [Group; 3],
    /// The fraction below On-Demand that Spot is priced at, when a group is on Spot.
    pub spot_discount: Option<Decimal>,
    /// Time the cluster runs in the month; `None` is the whole month.
    pub hours_running: Option<Duration>,
    /// The hours of the day it runs, in place of `hours_running`.
    pub schedule: Option<Schedule>,
    pub ebs_per_instance: Option<Bytes>,
}

fn build(values: &Values) -> Result<Input, Invalid> {
    let default = || Invalid::component("a key of `emr` has no value");
    let Some(primary_type) = values.name(&PRIMARY_INSTANCE_TYPE) else {
        return Err(
            Invalid::new(&PRIMARY_INSTANCE_TYPE, "`emr` needs `primary_instance_type`")
                .with_help("e.g. `primary_instance_type = \"m5.xlarge\"`: `calc pricing show TABLE emr` lists the types"),
        );
    };
    let primary_instances = values.count(&PRIMARY_INSTANCES).ok_or_else(default)?;
    // "You can choose to have one or three primary nodes in your cluster"
    // (Amazon EMR management guide, "Plan and configure primary nodes").
    if primary_instances == 2 {
        return Err(Invalid::new(
            &PRIMARY_INSTANCES,
            "an EMR cluster has 1 primary node, or 3 for high availability, not 2",
        )
        .with_help("set `primary_instances = 1` or `3`"));
    }
    // Unset, a group is On-Demand.
    let purchase = |key: &'static Key| -> Result<bool, Invalid> {
        let purchase: Purchase = values.choice(key).unwrap_or(Purchase::OnDemand);
        Ok(purchase == Purchase::Spot)
    };
    let primary = Group {
        role: Role::Primary,
        instance_type: Some(primary_type),
        instances: primary_instances,
        spot: purchase(&PRIMARY_PURCHASE)?,
    };
    let group = |role, type_key: &'static Key, count_key: &'static Key, purchase_key| {
        let instances = values.count(count_key).ok_or_else(default)?;
        let instance_type = values.name(type_key);
        match (instance_type, instances) {
            (None, 0) | (Some(_), 1..) => {}
            (None, _) => {
                return Err(Invalid::new(
                    type_key,
                    format!("`{}` needs `{}`", count_key.name, type_key.name),
                )
                .with_help(format!("e.g. `{} = \"m5.xlarge\"`", type_key.name)));
            }
            (Some(_), 0) => {
                return Err(Invalid::new(
                    type_key,
                    format!("`{}` without `{}`", type_key.name, count_key.name),
                )
                .with_help(format!(
                    "set `{}`, or leave the type out for no such nodes",
                    count_key.name
                )));
            }
        }
        if instances == 0 && values.is_set(purchase_key) {
            return Err(Invalid::new(
                purchase_key,
                format!(
                    "`{}` is set, but the group has no nodes (`{}` is 0)",
                    purchase_key.name, count_key.name
                ),
            )
            .with_help(format!(
                "set `{}`, or leave `{}` out",
                count_key.name, purchase_key.name
            )));
        }
        Ok(Group {
            role,
            instance_type,
            instances,
            spot: instances > 0 && purchase(purchase_key)?,
        })
    };
    let core = group(
        Role::Core,
        &CORE_INSTANCE_TYPE,
        &CORE_INSTANCES,
        &CORE_PURCHASE,
    )?;
    let task = group(
        Role::Task,
        &TASK_INSTANCE_TYPE,
        &TASK_INSTANCES,
        &TASK_PURCHASE,
    )?;
    let any_spot = primary.spot || core.spot || task.spot;
    let spot_discount = spot::discount(values, any_spot)?;
    let hours_running = crate::services::kit::hours_running(
        values,
        &HOURS_RUNNING,
        "leave it out for a cluster that runs all month",
    )?;
    Ok(Input {
        groups: [primary, core, task],
        spot_discount,
        hours_running,
        schedule: schedule::read(values, &[&HOURS_RUNNING])?,
        ebs_per_instance: values.bytes(&EBS_PER_INSTANCE),
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
        // Each instance is billed per second with a one-minute minimum
        // (Amazon EMR pricing page); calc takes the running time as one
        // start a month. Seconds first, hours last, so that whole figures
        // stay exact.
        let per_hour = given::seconds_an_hour();
        let seconds = schedule::billed_seconds(
            self.schedule,
            self.hours_running,
            &HOURS_RUNNING,
            &MIN_BILLED_DURATION,
            ctx,
            result,
        )?;
        // The instances of each group, and of the cluster (an empty group
        // adds none).
        let counts = self
            .groups
            .each_ref()
            .map(|group| given::key(group.instances, "instances", group.role.instances_key()));
        let [primary, core, task] = counts;
        let instances = primary.plus(core)?.plus(task)?;
        for (group, count) in self.groups.iter().zip(counts) {
            let key = group.role.capacity_key();
            result.capacity(key, CapacityValue::Count(u64::from(group.instances)));
            traced::step(key, Part::Capacity, "instances", count);
        }
        // The cluster's size, where every type's row gives it: a row without
        // `vcpu` or `memory` still prices, it only leaves the size untold.
        let (mut size, mut sized): (Option<(Traced<N>, Traced<N>)>, _) = (None, true);
        for (group, count) in self.groups.iter().zip(counts) {
            let Some(instance_type) = group.instance_type else {
                continue;
            };
            let (ec2_part, emr_part) = group.role.dimensions();
            let row = ctx
                .prices
                .instance("ec2", instance_type)
                .ok_or(EvalError::MissingRow(ec2_part))?;
            match (row.vcpu, row.memory) {
                (Some(vcpu), Some(memory)) if sized => {
                    let vcpu = Traced::rule(
                        Decimal::from(vcpu),
                        "vCPU",
                        "vCPUs of an instance of the group's type, the table's EC2 row",
                    );
                    let memory = Traced::rule(
                        memory.decimal(),
                        "B",
                        "memory of an instance of the group's type, the table's EC2 row",
                    );
                    let group_size = (count.times(vcpu)?, count.times(memory)?);
                    size = Some(match size {
                        Some((vcpus, memory)) => {
                            (vcpus.plus(group_size.0)?, memory.plus(group_size.1)?)
                        }
                        None => group_size,
                    });
                }
                _ => sized = false,
            }
            let instance_hours = count.times(seconds)?.per(per_hour)?;
            // With Spot "the Spot Price may change …, but the Amazon EMR
            // rate remains fixed" (EMR developer guide, "Spot Instance
            // Pricing in Amazon EMR"): only the EC2 part is discounted.
            let off = if group.spot { self.spot_discount } else { None };
            charge_type_off_into(
                &mut result.line_items,
                ctx,
                ec2_part,
                instance_type,
                instance_hours,
                off,
            )?;
            charge_type_into(
                &mut result.line_items,
                ctx,
                emr_part,
                instance_type,
                instance_hours,
            )?;
        }
        let instance_hours = instances.times(seconds)?.per(per_hour)?;
        result.capacity_of("instance_hours", instance_hours, "instance-hours");
        if let Some((vcpus, memory)) = size.filter(|_| sized) {
            let whole = |n: Traced<N>| n.value().whole().ok_or(EvalError::Arithmetic);
            result.capacity("vcpus", CapacityValue::Count(whole(vcpus)?));
            traced::step("vcpus", Part::Capacity, "vCPU", vcpus);
            result.capacity("memory", CapacityValue::Bytes(Bytes(whole(memory)?)));
            traced::step("memory", Part::Capacity, "B", memory);
        }
        if let Some(ebs) = self.ebs_per_instance.filter(|b| b.0 > 0) {
            // gp3 storage is billed per GB-month, prorated to the time it
            // exists (Amazon EBS pricing page, "Example 1").
            let gb = given::size(ebs, &EBS_PER_INSTANCE).per(given::gib())?;
            let gb_months = instance_hours.times(gb)?.per(ctx.hours_traced())?;
            charge_into(&mut result.line_items, ctx, &EBS_GB_MONTH, gb_months)?;
        }
        // A cluster that runs its jobs at set hours reads what they need
        // from storage (S3, HDFS) when it runs: it consumes no stream all
        // day, so what flows to it outside its hours is no traffic missed,
        // and no verdict checks it.
        if let Some(schedule) = self.schedule {
            schedule::hourly(schedule, "instances", instances.value().decimal(), result);
        }
        self.check_spot(result);
        result.properties = Properties::default();
        result.output = Some(Flow::NOTHING);
        Ok(())
    }
}

impl Input {
    /// What Spot risks in each group, and the note of the discount assumed.
    fn check_spot<N: Number>(&self, result: &mut ComponentResult<N>) {
        let [primary, core, _] = &self.groups;
        if primary.spot && primary.instances > 1 {
            // "In high-availability clusters, Amazon EMR only supports
            // launching primary nodes with On-Demand Instances" (Amazon EMR
            // management guide, "Considerations … multiple primary nodes").
            result.violations.push(Violation::Unsupported {
                rule: "a cluster with three primary nodes runs them On-Demand only (Amazon EMR management guide)",
                fix: "set `primary_purchase = \"on_demand\"`, or one primary node",
            });
        } else if primary.spot {
            result.warn(
                "primary_on_spot",
                "the primary node is on Spot: if EC2 reclaims it, the whole cluster ends",
            );
        }
        if core.spot {
            result.warn(
                "core_on_spot",
                "core nodes are on Spot: a reclaimed core node takes its HDFS data with it, and jobs may fail",
            );
        }
        if let Some(off) = self.spot_discount {
            spot::note(result, off);
            let off: Traced = given::key(off, "", &SPOT_DISCOUNT);
            traced::step("spot_discount", Part::Capacity, "", off);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::units::GIB;
    use crate::model::keys::Value;
    use crate::services::kit::testing::{Alone, ctx, floats_agree, item};
    use rust_decimal_macros::dec;

    fn built(set: &[(&'static Key, Value)]) -> Result<Input, Invalid> {
        crate::services::kit::testing::built(&SERVICE, set)
    }

    fn cluster(extra: &[(&'static Key, Value)]) -> Input {
        let mut set = vec![(&PRIMARY_INSTANCE_TYPE, Value::Name("m5.xlarge"))];
        set.extend_from_slice(extra);
        built(&set).unwrap()
    }

    #[test]
    fn floats_give_the_exact_bill_and_verdict() {
        use crate::model::flow::Rate;
        use crate::model::schedule::HourRange;
        let spot = |key| (key, Value::Choice(1));
        let discount = (&SPOT_DISCOUNT, Value::Number(dec!(0.7)));
        let hours = |ms| (&HOURS_RUNNING, Value::Duration(Duration::from_ms(ms)));
        let cases = [
            // On-Demand all month, and an hour.
            cluster(&[]),
            cluster(&[hours(dec!(3600000))]),
            // Under the minute: each instance billed the minute.
            cluster(&[
                (&CORE_INSTANCE_TYPE, Value::Name("m5.xlarge")),
                (&CORE_INSTANCES, Value::Count(2)),
                hours(dec!(30000)),
            ]),
            // Every group, task nodes on Spot, non-round hours, with EBS.
            cluster(&[
                (&CORE_INSTANCE_TYPE, Value::Name("r5.2xlarge")),
                (&CORE_INSTANCES, Value::Count(2)),
                (&TASK_INSTANCE_TYPE, Value::Name("c5.xlarge")),
                (&TASK_INSTANCES, Value::Count(8)),
                spot(&TASK_PURCHASE),
                discount.clone(),
                hours(dec!(444444444.4)),
                (&EBS_PER_INSTANCE, Value::Bytes(Bytes(123_456_789_012))),
            ]),
            // Three primary nodes on Spot: a violation.
            cluster(&[
                (&PRIMARY_INSTANCES, Value::Count(3)),
                spot(&PRIMARY_PURCHASE),
                discount.clone(),
            ]),
            // Core on Spot, and a schedule that divides unevenly.
            cluster(&[
                (&CORE_INSTANCE_TYPE, Value::Name("m5.xlarge")),
                (&CORE_INSTANCES, Value::Count(99_999)),
                spot(&CORE_PURCHASE),
                discount,
                (
                    &SCHEDULE_HOURS,
                    Value::Hours("01-06".parse::<HourRange>().unwrap()),
                ),
                (&SCHEDULE_DAYS, Value::Choice(1)),
                (&EBS_PER_INSTANCE, Value::Bytes(Bytes(100 * GIB))),
            ]),
        ];
        let flow = Flow::new(Rate::flat(dec!(1234.567)), None);
        for input in cases {
            for month in [dec!(730), dec!(744)] {
                floats_agree(&input, flow, &ctx(month));
            }
        }
    }

    #[test]
    fn a_purchase_for_a_group_without_nodes_is_refused() {
        let error = built(&[
            (&PRIMARY_INSTANCE_TYPE, Value::Name("m5.xlarge")),
            (&CORE_PURCHASE, Value::Choice(1)),
        ])
        .unwrap_err();
        assert!(std::ptr::eq(error.key.unwrap(), &CORE_PURCHASE));
        assert_eq!(
            error.message,
            "`core_purchase` is set, but the group has no nodes (`core_instances` is 0)"
        );
    }

    #[test]
    fn a_cluster_on_a_schedule_runs_its_hours_and_no_stream_is_checked() {
        use crate::model::flow::{Flow, Rate};
        use crate::model::schedule::HourRange;
        // One m5.xlarge primary node 01-05 every day of a 730-hour month:
        // 4 × 730 ÷ 24 = 121.666… h; EC2 $0.192 + EMR $0.048 = $0.240 an
        // hour, $29.20.
        let input = cluster(&[(
            &SCHEDULE_HOURS,
            Value::Hours("01-05".parse::<HourRange>().unwrap()),
        )]);
        let fed = Ctx {
            input: Flow::new(Rate::flat(dec!(1000)), None),
            ..ctx(dec!(730))
        };
        let result = input.evaluate(&fed).unwrap();
        let ec2 = item(&result, "primary_ec2_hour");
        assert_eq!(ec2.quantity.round_dp(20), dec!(121.66666666666666666667));
        assert_eq!(result.monthly_cost().round_dp(2), dec!(29.20));
        let capacity = result.hourly.as_ref().expect("by hour").capacity;
        assert_eq!(&capacity[..6], &[0, 1, 1, 1, 1, 0].map(Decimal::from));
        // Its jobs read what they need when it runs: no verdict on the flow.
        assert!(result.violations.is_empty());
    }

    #[test]
    fn one_primary_node_for_one_hour() {
        // m5.xlarge On-Demand for 1 h: EC2 $0.192 + EMR $0.048 = $0.240.
        let input = cluster(&[(&HOURS_RUNNING, Value::Duration(Duration::from_hours(1)))]);
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let ec2 = item(&result, "primary_ec2_hour");
        let emr = item(&result, "primary_emr_hour");
        assert_eq!((ec2.quantity, ec2.unit_price), (dec!(1), dec!(0.192)));
        assert_eq!((emr.quantity, emr.unit_price), (dec!(1), dec!(0.048)));
        assert_eq!(result.monthly_cost(), dec!(0.240));
        assert_eq!(result.line_items.len(), 2);
        assert!(result.notes.is_empty() && result.violations.is_empty());
    }

    #[test]
    fn each_instance_is_billed_at_least_one_minute() {
        // 1 primary and 2 core m5.xlarge for 30 s: each instance is billed
        // 60 s. Primary: 60 s = 1/60 h × $0.192 = $0.0032 EC2, 1/60 h ×
        // $0.048 = $0.0008 EMR; core: 2 × 60 s = 1/30 h × $0.192 = $0.0064
        // EC2, 1/30 h × $0.048 = $0.0016 EMR; $0.012 in all, and 3 × 60 s
        // = 0.05 instance-hours.
        let input = cluster(&[
            (&CORE_INSTANCE_TYPE, Value::Name("m5.xlarge")),
            (&CORE_INSTANCES, Value::Count(2)),
            (&HOURS_RUNNING, Value::Duration(Duration::from_secs(30))),
        ]);
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let costs: Vec<_> = result
            .line_items
            .iter()
            .map(|l| l.monthly_cost.round_dp(10))
            .collect();
        assert_eq!(
            costs,
            [dec!(0.0032), dec!(0.0008), dec!(0.0064), dec!(0.0016)]
        );
        assert_eq!(result.monthly_cost().round_dp(10), dec!(0.012));
        let instance_hours = result
            .capacity
            .iter()
            .find(|c| c.key == "instance_hours")
            .map(|c| c.value);
        assert_eq!(
            instance_hours.map(|v| match v {
                CapacityValue::Number(n) => n.round_dp(10),
                other => panic!("{other:?}"),
            }),
            Some(dec!(0.05))
        );
        // Past the minimum, the seconds run are billed: 90 s = 0.025 h ×
        // ($0.192 + $0.048) = $0.006 for the primary alone.
        let input = cluster(&[(&HOURS_RUNNING, Value::Duration(Duration::from_secs(90)))]);
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "primary_ec2_hour").quantity, dec!(0.025));
        assert_eq!(result.monthly_cost(), dec!(0.006));
    }

    #[test]
    fn task_nodes_on_spot_discount_only_the_ec2_part() {
        // 1 primary m5.xlarge and 2 core r5.2xlarge On-Demand, 8 task
        // c5.xlarge on Spot at 70% off, for 100 h:
        //   primary: 100 h × $0.192 = $19.20 EC2, 100 h × $0.048 = $4.80 EMR
        //   core:    200 h × $0.504 = $100.80 EC2, 200 h × $0.126 = $25.20 EMR
        //   task:    800 h × $0.17 × 0.3 = 800 × $0.051 = $40.80 EC2,
        //            800 h × $0.043 = $34.40 EMR (the EMR price stays)
        // $225.20 in all.
        let input = cluster(&[
            (&CORE_INSTANCE_TYPE, Value::Name("r5.2xlarge")),
            (&CORE_INSTANCES, Value::Count(2)),
            (&TASK_INSTANCE_TYPE, Value::Name("c5.xlarge")),
            (&TASK_INSTANCES, Value::Count(8)),
            (&TASK_PURCHASE, Value::Choice(1)),
            (&SPOT_DISCOUNT, Value::Number(dec!(0.7))),
            (&HOURS_RUNNING, Value::Duration(Duration::from_hours(100))),
        ]);
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let costs: Vec<_> = result.line_items.iter().map(|l| l.monthly_cost).collect();
        assert_eq!(
            costs,
            [
                dec!(19.20),
                dec!(4.80),
                dec!(100.80),
                dec!(25.20),
                dec!(40.80),
                dec!(34.40)
            ]
        );
        assert_eq!(item(&result, "task_ec2_hour").unit_price, dec!(0.051));
        assert_eq!(result.monthly_cost(), dec!(225.20));
        // 1 × 4 + 2 × 8 + 8 × 4 = 52 vCPU; 16 + 2 × 64 + 8 × 8 = 208 GB.
        let capacity = |key| {
            result
                .capacity
                .iter()
                .find(|c| c.key == key)
                .map(|c| c.value)
        };
        assert_eq!(capacity("vcpus"), Some(CapacityValue::Count(52)));
        assert_eq!(
            capacity("memory"),
            Some(CapacityValue::Bytes(Bytes(208 * GIB)))
        );
        assert_eq!(capacity("task_instances"), Some(CapacityValue::Count(8)));
        // Task nodes on Spot are a note, not a warning.
        let codes: Vec<_> = result.notes.iter().map(|n| (n.code, n.level)).collect();
        assert_eq!(codes, [("spot_assumed", crate::model::report::Level::Info)]);
    }

    #[test]
    fn core_or_primary_on_spot_warns_and_three_spot_primaries_break_a_rule() {
        let spot = |key| (key, Value::Choice(1));
        let discount = (&SPOT_DISCOUNT, Value::Number(dec!(0.5)));
        let input = cluster(&[
            (&CORE_INSTANCE_TYPE, Value::Name("m5.xlarge")),
            (&CORE_INSTANCES, Value::Count(2)),
            spot(&CORE_PURCHASE),
            discount.clone(),
        ]);
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let warned: Vec<_> = result
            .notes
            .iter()
            .filter(|n| n.level == crate::model::report::Level::Warning)
            .map(|n| n.code)
            .collect();
        assert_eq!(warned, ["core_on_spot"]);
        // Core at half price all month: 1,460 h × $0.096 = $140.16 EC2.
        assert_eq!(item(&result, "core_ec2_hour").monthly_cost, dec!(140.16));
        let input = cluster(&[spot(&PRIMARY_PURCHASE), discount.clone()]);
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert!(result.notes.iter().any(|n| n.code == "primary_on_spot"));
        assert!(result.violations.is_empty());
        let input = cluster(&[
            (&PRIMARY_INSTANCES, Value::Count(3)),
            spot(&PRIMARY_PURCHASE),
            discount,
        ]);
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert!(matches!(
            result.violations.as_slice(),
            [Violation::Unsupported { rule, .. }] if rule.contains("three primary nodes")
        ));
    }

    #[test]
    fn ebs_is_prorated_to_the_hours_the_cluster_runs() {
        // 1 primary + 3 core m5.xlarge with 100 GB each for 73 h of a
        // 730-hour month: 4 × 100 GB × 73 / 730 = 40 GB-months × $0.08 = $3.20.
        let input = cluster(&[
            (&CORE_INSTANCE_TYPE, Value::Name("m5.xlarge")),
            (&CORE_INSTANCES, Value::Count(3)),
            (&HOURS_RUNNING, Value::Duration(Duration::from_hours(73))),
            (&EBS_PER_INSTANCE, Value::Bytes(Bytes(100 * GIB))),
        ]);
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let ebs = item(&result, "ebs_gp3_gb_month");
        assert_eq!((ebs.quantity, ebs.monthly_cost), (dec!(40), dec!(3.20)));
    }

    #[test]
    fn the_keys_need_each_other() {
        let error = built(&[]).unwrap_err();
        assert!(std::ptr::eq(error.key.unwrap(), &PRIMARY_INSTANCE_TYPE));
        let primary = (&PRIMARY_INSTANCE_TYPE, Value::Name("m5.xlarge"));
        let error = built(&[primary.clone(), (&PRIMARY_INSTANCES, Value::Count(2))]).unwrap_err();
        assert!(error.message.contains("not 2"));
        let error = built(&[primary.clone(), (&TASK_INSTANCES, Value::Count(2))]).unwrap_err();
        assert_eq!(error.message, "`task_instances` needs `task_instance_type`");
        let error = built(&[
            primary.clone(),
            (&CORE_INSTANCE_TYPE, Value::Name("m5.xlarge")),
        ])
        .unwrap_err();
        assert!(std::ptr::eq(error.key.unwrap(), &CORE_INSTANCE_TYPE));
        // Spot without a stated discount is refused, naming the key.
        let error = built(&[
            primary.clone(),
            (&TASK_INSTANCE_TYPE, Value::Name("m5.xlarge")),
            (&TASK_INSTANCES, Value::Count(2)),
            (&TASK_PURCHASE, Value::Choice(1)),
        ])
        .unwrap_err();
        assert!(std::ptr::eq(error.key.unwrap(), &SPOT_DISCOUNT));
    }

    #[test]
    fn every_bundled_emr_type_has_an_ec2_row_with_its_size() {
        for table in ["aws-us-east-1", "aws-eu-west-1", "aws-ap-northeast-2"] {
            let book = crate::pricing::compiled(table).expect("bundled table");
            for row in book.instances("emr") {
                let ec2 = book
                    .instance("ec2", row.name)
                    .unwrap_or_else(|| panic!("{table}: no ec2 row for emr type {}", row.name));
                assert!(ec2.vcpu.is_some() && ec2.memory.is_some(), "{}", row.name);
            }
        }
    }
}
