//! Amazon EC2 On-Demand Linux instances, billed per instance-hour.

use crate::base::number::Number;
use crate::base::units::Duration;
use crate::model::dimension::Dimension;
use crate::model::keys::{Default, Invalid, Key, Kind, Values};
use crate::model::offer::{Catalogue, Offer};
use crate::model::report::{CapacityValue, ComponentResult, Properties};
use crate::model::schedule::Schedule;
use crate::model::traced;
use crate::model::working::Part;
use crate::services::kit::bill::{charge_commitment, charge_type_into};
use crate::services::kit::commitment::{self, Purchase};
use crate::services::kit::schedule::{self, SCHEDULE_DAYS, SCHEDULE_HOURS};
use crate::services::kit::{Component, Ctx, Doc, EvalError, Functions, ServiceDef, given};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "ec2",
    title: "EC2",
    aliases: &["elastic_compute_cloud"],
    dimensions: &[&INSTANCE_HOUR],
    limits: &[],
    catalogue: Some(&INSTANCE_HOUR),
    offer: Some(&Offer {
        code: "AmazonEC2",
        catalogue: Some(&CATALOGUE),
        mappings: &[],
    }),
    keys: &[
        &INSTANCE_TYPE,
        &INSTANCES,
        &HOURS_RUNNING,
        &SCHEDULE_HOURS,
        &SCHEDULE_DAYS,
        &PURCHASE,
    ],
    functions: Functions::of::<Input>(),
    doc: &DOC,
    input: None,
    transforms: true,
};

/// An instance type's On-Demand Linux price: shared tenancy, no
/// pre-installed software, no licence, the capacity used (not a
/// reservation's unused or allocated capacity), at usage type
/// `BoxUsage:TYPE`.
static CATALOGUE: Catalogue = Catalogue {
    type_attribute: "instanceType",
    usage_type: "BoxUsage:",
    attributes: &[
        ("operatingSystem", "Linux"),
        ("tenancy", "Shared"),
        ("preInstalledSw", "NA"),
        ("capacitystatus", "Used"),
        ("licenseModel", "No License required"),
    ],
    where_given: &[("marketoption", "OnDemand")],
    vcpu: Some("vcpu"),
    memory: Some("memory"),
    offer_unit: "Hrs",
};

static INSTANCE_TYPE: Key = Key::new(
    "instance_type",
    Kind::Instance("ec2"),
    Default::None,
    "a type the pricing table prices (`calc pricing show TABLE ec2`)",
)
.defaulting_to("required");
// At least 1, checked by `build` with a hint to leave the component out.
static INSTANCES: Key = Key::new(
    "instances",
    Kind::Count {
        min: 0,
        max: 100_000,
    },
    Default::Integer(1),
    "instances running",
);
static HOURS_RUNNING: Key = Key::new(
    "hours_running",
    Kind::Duration,
    Default::None,
    "time each instance runs in the month",
)
.defaulting_to("the whole month")
.in_unit("h");

static PURCHASE: Key = Key::new(
    "purchase",
    Kind::Choice(Purchase::NAMES),
    Default::Text("on_demand"),
    "On-Demand, a Reserved Instance (`reserved_1y_no_upfront` … `reserved_3y_all_upfront`) or a Compute Savings Plan's rate (`savings_plan_1y_no_upfront` …), at the type's rates in the table",
);

/// The upfront fee of a committed instance (a Reserved Instance, or the
/// upfront part of a Savings Plan), per instance, priced by the type's row
/// (`commitments`), not by `[prices]`.
pub const COMMITTED_UPFRONT: Dimension =
    Dimension::new("ec2.committed_instance_upfront", "instance").priced_by_rows_of("ec2");
/// A committed instance's hours, at the rate of the type's row under the
/// purchase option.
pub const COMMITTED_HOUR: Dimension =
    Dimension::new("ec2.committed_instance_hour", "instance-hour").priced_by_rows_of("ec2");

pub const DOC: Doc = Doc {
    bills: "instance-hours (On-Demand Linux) of any type the table prices; with `purchase` (a Reserved Instance or a Compute Savings Plan, 1 or 3 years, no, partial or all upfront), the upfront fee's share of the month (fee ÷ the term's months) and every hour at the committed rate, from the type's row's `commitments` (the bundled us-east-1 table holds each type's Reserved Instance and Compute Savings Plan rates with no upfront payment; a price book adds the others)",
    reports: "instance-hours",
    summary: "virtual machines billed per instance-hour (On-Demand, Linux)",
    ordering: "whatever the software keeps",
    retention: "the attached storage",
    replay: "no",
    latency: "none added",
    scaling: "one instance type and count",
    formulas: &[
        "instance-hours = instances x hours running",
        schedule::FORMULA,
    ],
};

/// An instance-hour of the component's type: its price is the type's row in
/// the table's catalogue (`[instances.ec2."m5.large"]`).
pub const INSTANCE_HOUR: Dimension = Dimension::new("ec2.instance_hour", "instance-hour");

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    /// A type the pricing table's `ec2` catalogue has a row for.
    pub instance_type: &'static str,
    pub instances: u32,
    /// Time each instance runs in the month; `None` is the whole month.
    pub hours_running: Option<Duration>,
    /// The hours of the day the instances run, in place of `hours_running`.
    pub schedule: Option<Schedule>,
    /// On-Demand, or committed for a term.
    pub purchase: Purchase,
}

fn build(values: &Values) -> Result<Input, Invalid> {
    let Some(instance_type) = values.name(&INSTANCE_TYPE) else {
        return Err(Invalid::new(&INSTANCE_TYPE, "`ec2` needs `instance_type`")
            .with_help("e.g. `instance_type = \"m5.large\"`: `calc pricing show TABLE ec2` lists the types"));
    };
    let instances = values
        .count(&INSTANCES)
        .ok_or_else(|| Invalid::component("a key of `ec2` has no value"))?;
    if instances == 0 {
        return Err(Invalid::new(&INSTANCES, "`instances` must be at least 1")
            .with_help("leave the component out if nothing runs"));
    }
    let hours_running = crate::services::kit::hours_running(
        values,
        &HOURS_RUNNING,
        "leave it out for an instance that runs all month",
    )?;
    let schedule = schedule::read(values, &[&HOURS_RUNNING])?;
    let purchase = values.choice(&PURCHASE).unwrap_or(Purchase::OnDemand);
    if let Some(key) = schedule::part_time(values, &HOURS_RUNNING)
        && purchase != Purchase::OnDemand
    {
        let name = schedule::named(key);
        return Err(Invalid::new(
            key,
            format!("a commitment is billed every hour of its term, so `{name}` does not apply"),
        )
        .with_help(format!(
            "leave `{name}` out, or buy the instances On-Demand"
        )));
    }
    Ok(Input {
        instance_type,
        instances,
        hours_running,
        schedule,
        purchase,
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
        let hours = schedule::hours_running(
            self.schedule,
            self.hours_running,
            &HOURS_RUNNING,
            ctx,
            result,
        )?;
        let instances = given::key(self.instances, "instances", &INSTANCES);
        let instance_hours = instances.times(hours)?;
        result.capacity("instances", CapacityValue::Count(u64::from(self.instances)));
        traced::step("instances", Part::Capacity, "instances", instances);
        result.capacity_of("instance_hours", instance_hours, "instance-hours");
        if self.purchase == Purchase::OnDemand {
            charge_type_into(
                &mut result.line_items,
                ctx,
                &INSTANCE_HOUR,
                self.instance_type,
                instance_hours,
            )?;
        } else {
            let (items, fee) = charge_commitment(
                ctx,
                &COMMITTED_UPFRONT,
                &COMMITTED_HOUR,
                self.instance_type,
                self.purchase,
                instances,
                instance_hours,
            )?;
            result.line_items.extend(items);
            if let Some(term) = self.purchase.term() {
                result.capacity_of("term_months", term.months(), "months");
            }
            result.capacity_of("upfront_paid_once", fee, "");
            result.note("commitment", commitment::NOTE);
        }
        // An instance stopped by its schedule serves nothing: whatever flows
        // to it (requests, a stream it consumes) must arrive in its hours.
        if let Some(schedule) = self.schedule {
            schedule::hourly(schedule, "instances", instances.value().decimal(), result);
            schedule::check_traffic(schedule, ctx, result);
        }
        // A server runs as long as it is left running; what it keeps and in
        // which order depends on the software on it.
        result.properties = Properties {
            max_run_duration: None,
            ..Properties::default()
        };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::keys::Value;
    use crate::model::schedule::Days;
    use crate::services::kit::testing::{Alone, ctx, floats_agree, item};
    use rust_decimal_macros::dec;

    /// A price book over the bundled table with an m6i.xlarge row whose
    /// 1-year partial-upfront commitment costs `upfront` an instance and
    /// `hourly` an hour (the test's own figures, not AWS's).
    fn committed_book(upfront: &str, hourly: &str) -> crate::pricing::PriceBook {
        let text = format!(
            r#"name = "acme"
extends = "aws-us-east-1"
[instances.ec2."m6i.xlarge"]
vcpu = 4
memory = "16 GB"
price = 0.192
unit = "instance-hour"
source = "test"
as_of = "2026-01-01"
evidence = "unverified"
[instances.ec2."m6i.xlarge".commitments.reserved_1y_partial_upfront]
upfront = {upfront}
hourly = {hourly}
source = "test"
as_of = "2026-01-01"
evidence = "unverified"
"#
        );
        crate::pricing::parse(
            &crate::base::diagnostic::Source::new("acme.toml", text),
            crate::services::vocabulary(),
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn an_instance_all_month() {
        // m5.large at $0.096 × 730 h = $70.08.
        let input = Input {
            instance_type: "m5.large",
            instances: 1,
            hours_running: None,
            schedule: None,
            purchase: Purchase::OnDemand,
        };
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "instance_hour").monthly_cost, dec!(70.08));
        assert_eq!(result.properties.max_run_duration, None);
    }

    #[test]
    fn a_cron_box_stopped_between_runs() {
        // 3 × m5.xlarge for 10 h = 30 instance-hours × $0.192 = $5.76.
        let input = Input {
            instance_type: "m5.xlarge",
            instances: 3,
            hours_running: Some(Duration::from_hours(10)),
            schedule: None,
            purchase: Purchase::OnDemand,
        };
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let line = item(&result, "instance_hour");
        assert_eq!(line.quantity, dec!(30));
        assert_eq!(line.monthly_cost, dec!(5.76));
    }

    fn scheduled(hours: &str, days: Days) -> Input {
        Input {
            instance_type: "m5.large",
            instances: 1,
            hours_running: None,
            schedule: Some(Schedule {
                hours: hours.parse().expect("a range"),
                days,
            }),
            purchase: Purchase::OnDemand,
        }
    }

    #[test]
    fn a_schedule_bills_its_hours_of_the_month_and_shows_them_by_hour() {
        // m5.large at $0.096, 08-20 on weekdays of a 730-hour month: 12 h
        // × 730 ÷ 24 days × 5 ÷ 7 = 43,800 ÷ 168 = 260.714285… h (one
        // division, to 28 significant digits), × $0.096 = $25.0285714…,
        // $25.03; against $70.08 all month.
        let input = scheduled("08-20", Days::Weekdays);
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let line = item(&result, "instance_hour");
        assert_eq!(line.quantity, dec!(260.71428571428571428571428571));
        assert_eq!(line.monthly_cost.round_dp(2), dec!(25.03));
        assert_eq!(
            line.monthly_cost,
            dec!(260.71428571428571428571428571) * dec!(0.096)
        );
        // One instance from 08:00 to 20:00, none the rest of the day.
        let hourly = result.hourly.as_ref().expect("by hour");
        assert_eq!(hourly.key, "instances");
        let mut expected = [dec!(0); 24];
        expected[8..20].fill(dec!(1));
        assert_eq!(hourly.capacity, expected);
        assert_eq!(hourly.utilisation, None);
        // Every day: 12 × 730 ÷ 24 = 365 h, $35.04; a night that wraps
        // midnight, 22-06, 8 × 730 ÷ 24 = 243.333… h.
        let every_day = scheduled("08-20", Days::EveryDay);
        let result = every_day.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "instance_hour").quantity, dec!(365));
        assert_eq!(item(&result, "instance_hour").monthly_cost, dec!(35.04));
        let night = scheduled("22-06", Days::EveryDay);
        let result = night.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(
            item(&result, "instance_hour").quantity,
            dec!(243.33333333333333333333333333)
        );
        let hourly = result.hourly.as_ref().expect("by hour");
        assert_eq!(hourly.capacity[23], dec!(1));
        assert_eq!(hourly.capacity[6], dec!(0));
    }

    #[test]
    fn a_schedule_of_the_whole_day_every_day_bills_what_no_schedule_does() {
        for hours in [dec!(720), dec!(730), dec!(744)] {
            let always = scheduled("00-24", Days::EveryDay).evaluate(&ctx(hours));
            let plain = Input {
                schedule: None,
                ..scheduled("00-24", Days::EveryDay)
            }
            .evaluate(&ctx(hours));
            let (always, plain) = (always.unwrap(), plain.unwrap());
            assert_eq!(always.line_items, plain.line_items);
            assert_eq!(always.monthly_cost(), plain.monthly_cost());
        }
    }

    #[test]
    fn traffic_outside_the_schedule_fails_the_instance() {
        use crate::model::flow::{Flow, Rate};
        use crate::model::profile::{Profile, hand_written};
        use crate::model::report::Violation;
        let fed = |input: &Input, rate: Rate| {
            let ctx = Ctx {
                input: Flow::new(rate, None),
                ..ctx(dec!(730))
            };
            input.evaluate(&ctx).unwrap().violations
        };
        let day = scheduled("08-20", Days::EveryDay);
        // business_hours: 0.25 × the average from 00:00 to 08:00.
        let business = Rate {
            profile: Profile::named("business_hours"),
            ..Rate::flat(dec!(100))
        };
        assert_eq!(
            fed(&day, business).as_slice(),
            [Violation::Paused {
                hour: 0,
                weekend: false,
                factor: dec!(0.25),
                schedule: day.schedule.unwrap(),
            }]
        );
        // A flat day reaches it at 00:00 at the average itself.
        let flat = fed(&day, Rate::flat(dec!(100)));
        assert!(matches!(
            flat.as_slice(),
            [Violation::Paused { hour: 0, factor, .. }] if *factor == dec!(1)
        ));
        // A day with nothing outside 08:00 to 20:00 passes.
        let mut hours = vec![dec!(0); 24];
        hours[8..20].fill(dec!(2));
        let office = Rate {
            profile: Some(hand_written(&hours).unwrap()),
            ..Rate::flat(dec!(100))
        };
        assert!(fed(&day, office).is_empty());
        // The same day on weekdays only: the day's shape repeats every
        // day, so the weekend gets it, from 08:00 at twice the average.
        let weekdays = scheduled("08-20", Days::Weekdays);
        assert!(matches!(
            fed(&weekdays, office).as_slice(),
            [Violation::Paused { hour: 8, weekend: true, factor, .. }] if *factor == dec!(2)
        ));
        // Nothing received, nothing missed; nor from a store, whose
        // objects wait for it.
        assert!(fed(&day, Rate::flat(dec!(0))).is_empty());
        let ctx = Ctx {
            input: Flow {
                stored: Some(crate::base::units::Bytes(1_000)),
                ..Flow::new(Rate::flat(dec!(100)), None)
            },
            ..ctx(dec!(730))
        };
        assert!(day.evaluate(&ctx).unwrap().violations.is_empty());
    }

    #[test]
    fn floats_give_the_exact_bill_and_verdict() {
        use crate::model::flow::{Flow, Rate};
        use crate::model::profile::Profile;
        let on_demand = |instance_type, instances, hours| Input {
            instance_type,
            instances,
            hours_running: hours,
            schedule: None,
            purchase: Purchase::OnDemand,
        };
        let business = Flow::new(
            Rate {
                profile: Profile::named("business_hours"),
                ..Rate::flat(dec!(1234.567))
            },
            None,
        );
        let cases = [
            (on_demand("m5.large", 1, None), Flow::NOTHING),
            (
                on_demand("m5.xlarge", 3, Some(Duration::from_ms(dec!(36123456.7)))),
                Flow::NOTHING,
            ),
            (
                on_demand("r5.2xlarge", 100_000, Some(Duration::from_hours(1000))),
                Flow::NOTHING,
            ),
            // Schedules that divide unevenly; traffic while one is paused
            // fails the instance, one that fits it passes.
            (scheduled("08-20", Days::Weekdays), Flow::NOTHING),
            (scheduled("22-06", Days::EveryDay), business),
            (
                scheduled("08-20", Days::EveryDay),
                Flow::new(Rate::flat(dec!(0)), None),
            ),
            // A type the table lacks, and a commitment it lacks: the same
            // error both ways.
            (on_demand("m6i.xlargee", 1, None), Flow::NOTHING),
            (
                Input {
                    purchase: Purchase::Reserved1yPartialUpfront,
                    ..on_demand("m6i.xlarge", 2, None)
                },
                Flow::NOTHING,
            ),
        ];
        for (input, flow) in cases {
            for hours in [dec!(730), dec!(744)] {
                floats_agree(&input, flow, &ctx(hours));
            }
        }
        // A commitment a price book gives: its fee's share and its hours.
        let book = committed_book("512.34", "0.0613");
        let committed = Input {
            purchase: Purchase::Reserved1yPartialUpfront,
            ..on_demand("m6i.xlarge", 7, None)
        };
        let priced = Ctx {
            prices: &book,
            ..ctx(dec!(730))
        };
        floats_agree(&committed, Flow::NOTHING, &priced);
    }

    #[test]
    fn a_schedule_is_refused_beside_hours_running_or_a_commitment() {
        use crate::model::schedule::HourRange;
        use crate::services::kit::testing::built;
        let day = || Value::Hours("08-20".parse::<HourRange>().unwrap());
        let both = built::<Input>(
            &SERVICE,
            &[
                (&INSTANCE_TYPE, Value::Name("m5.large")),
                (&HOURS_RUNNING, Value::Duration(Duration::from_hours(100))),
                (&SCHEDULE_HOURS, day()),
            ],
        )
        .unwrap_err();
        assert_eq!(
            both.message,
            "`hours_running` and `schedule` both set the hours it runs"
        );
        assert!(std::ptr::eq(both.key.unwrap(), &HOURS_RUNNING));
        let committed = built::<Input>(
            &SERVICE,
            &[
                (&INSTANCE_TYPE, Value::Name("m5.large")),
                (&SCHEDULE_HOURS, day()),
                (&PURCHASE, Value::Choice(1)),
            ],
        )
        .unwrap_err();
        assert_eq!(
            committed.message,
            "a commitment is billed every hour of its term, so `schedule` does not apply"
        );
        // `days` alone runs the whole day on those days.
        let weekdays = built::<Input>(
            &SERVICE,
            &[
                (&INSTANCE_TYPE, Value::Name("m5.large")),
                (&SCHEDULE_DAYS, Value::Choice(1)),
            ],
        )
        .unwrap();
        assert_eq!(
            weekdays.schedule,
            Some(Schedule {
                hours: HourRange::DAY,
                days: Days::Weekdays
            })
        );
    }

    #[test]
    fn the_most_instances_compute_exactly_and_a_huge_price_is_an_error() {
        // 100,000 instances all of a 744-hour month: 74,400,000 instance-hours.
        let input = Input {
            instance_type: "m5.large",
            instances: 100_000,
            hours_running: None,
            schedule: None,
            purchase: Purchase::OnDemand,
        };
        let result = input.evaluate(&ctx(dec!(744))).unwrap();
        assert_eq!(item(&result, "instance_hour").quantity, dec!(74400000));
        // At 10^26 an instance-hour (set over the row's price, as
        // `[pricing_overrides]` does) the bill is past exact decimals: an
        // error, not a panic.
        let slot = crate::services::dimensions()
            .position(|d| d.key == INSTANCE_HOUR.key)
            .expect("a dimension");
        let mut set = vec![Value::Absent; slot + 1];
        set[slot] = Value::Number(dec!(1e26));
        let huge = Ctx {
            prices_set: crate::services::kit::ctx::PricesSet {
                values: &set,
                slot: |d| crate::services::dimensions().position(|e| e.key == d.key),
            },
            ..ctx(dec!(744))
        };
        assert_eq!(
            input.evaluate(&huge),
            Err(EvalError::Overflow(&INSTANCE_HOUR))
        );
    }

    #[test]
    fn any_type_the_table_prices_is_priced_from_its_row() {
        // m6i.xlarge: 2 instances × 730 h = 1,460 instance-hours × $0.192 = $280.32.
        let input = Input {
            instance_type: "m6i.xlarge",
            instances: 2,
            hours_running: None,
            schedule: None,
            purchase: Purchase::OnDemand,
        };
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let line = item(&result, "instance_hour");
        assert_eq!(line.dimension.key, "ec2.instance_hour");
        assert_eq!(line.unit_price, dec!(0.192));
        assert_eq!(line.monthly_cost, dec!(280.32));
        assert_eq!(result.mode, Some("m6i.xlarge"));
        // A type the table lacks is an error naming the dimension, never $0.
        let unknown = Input {
            instance_type: "m6i.xlargee",
            ..input
        };
        assert_eq!(
            unknown.evaluate(&ctx(dec!(730))),
            Err(EvalError::MissingRow(&INSTANCE_HOUR))
        );
    }

    #[test]
    fn a_discount_of_the_service_lowers_its_rows_by_exactly_that() {
        // m5.large all month: $0.096 × 730 h = $70.08; 10% off ec2 makes the
        // row $0.0864 and the line $63.072, $7.008 less.
        let text = "name = \"acme\"\nextends = \"aws-us-east-1\"\n[discounts]\nec2 = 0.1\n";
        let book = crate::pricing::parse(
            &crate::base::diagnostic::Source::new("acme.toml", text),
            crate::services::vocabulary(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let input = Input {
            instance_type: "m5.large",
            instances: 1,
            hours_running: None,
            schedule: None,
            purchase: Purchase::OnDemand,
        };
        let full = input.evaluate(&ctx(dec!(730))).unwrap();
        let discounted = input
            .evaluate(&Ctx {
                prices: &book,
                ..ctx(dec!(730))
            })
            .unwrap();
        let (full, discounted) = (
            item(&full, "instance_hour").monthly_cost,
            item(&discounted, "instance_hour").monthly_cost,
        );
        assert_eq!((full, discounted), (dec!(70.08), dec!(63.072)));
        assert_eq!(full - discounted, full * dec!(0.1));
        let row = book.instance("ec2", "m5.large").unwrap();
        assert!(
            row.price.source.ends_with("; less 10% (acme.toml)"),
            "{}",
            row.price.source
        );
    }

    #[test]
    fn running_longer_than_the_month_bills_the_month() {
        // r5.2xlarge: 720 h × $0.504 = $362.88, whatever longer time is asked for.
        let input = Input {
            instance_type: "r5.2xlarge",
            instances: 1,
            hours_running: Some(Duration::from_hours(1000)),
            schedule: None,
            purchase: Purchase::OnDemand,
        };
        let result = input.evaluate(&ctx(dec!(720))).unwrap();
        assert_eq!(item(&result, "instance_hour").monthly_cost, dec!(362.88));
        assert_eq!(result.notes.len(), 1);
    }

    #[test]
    fn a_commitment_bills_its_fees_share_and_every_hour_at_its_rate() {
        // The bundled tables hold no EC2 rates paid partly upfront: refused,
        // naming the option, never priced On-Demand.
        let input = Input {
            instance_type: "m6i.xlarge",
            instances: 2,
            hours_running: None,
            schedule: None,
            purchase: Purchase::Reserved1yPartialUpfront,
        };
        assert_eq!(
            input.evaluate(&ctx(dec!(730))),
            Err(EvalError::MissingCommitment(
                &COMMITTED_HOUR,
                "reserved_1y_partial_upfront"
            ))
        );
        // A price book's rates (this test's own figures, not AWS's): $500 an
        // instance upfront and $0.06 an hour. 2 instances: $1,000 paid once,
        // $1,000 ÷ 12 = $83.333… a month; 2 × 730 h = 1,460 instance-hours ×
        // $0.06 = $87.60.
        let book = committed_book("500", "0.06");
        let result = input
            .evaluate(&Ctx {
                prices: &book,
                ..ctx(dec!(730))
            })
            .unwrap();
        let fee = item(&result, "committed_instance_upfront");
        assert_eq!(fee.paid_once.map(|p| p.amount), Some(dec!(1000)));
        assert_eq!(fee.monthly_cost, dec!(1000) / dec!(12));
        let hours = item(&result, "committed_instance_hour");
        assert_eq!(
            (hours.quantity, hours.monthly_cost),
            (dec!(1460), dec!(87.60))
        );
        assert!(
            result
                .line_items
                .iter()
                .all(|i| i.dimension.name() != "instance_hour")
        );
        // An option the row lacks is refused all the same.
        let plan = Input {
            purchase: Purchase::SavingsPlan1yNoUpfront,
            ..input
        };
        assert_eq!(
            plan.evaluate(&Ctx {
                prices: &book,
                ..ctx(dec!(730))
            }),
            Err(EvalError::MissingCommitment(
                &COMMITTED_HOUR,
                "savings_plan_1y_no_upfront"
            ))
        );
    }
}
