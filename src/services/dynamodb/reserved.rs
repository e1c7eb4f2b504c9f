//! DynamoDB reserved capacity: provisioned WCU and RCU of the Standard table
//! class bought for 1 or 3 years in blocks of 100 units, an upfront fee and
//! an hourly rate per unit. Capacity beyond the blocks reserved is billed at
//! the provisioned rate; replicated WCU cannot be reserved.

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::model::choice::Choice;
use crate::model::dimension::Dimension;
use crate::model::keys::{Default, Invalid, Key, Kind, Values};
use crate::model::report::ComponentResult;
use crate::model::traced::Traced;
use crate::services::kit::bill::{charge_into, charge_upfront};
use crate::services::kit::commitment::{self, Purchase, Term};
use crate::services::kit::{Ctx, EvalError, given};

pub static PURCHASE: Key = Key::new(
    "purchase",
    Kind::Choice(Purchase::NAMES),
    Default::Text("on_demand"),
    "provisioned capacity at the hourly rate (`on_demand`), or reserved capacity for 1 or 3 years, an upfront fee plus an hourly rate (`reserved_1y_partial_upfront`, `reserved_3y_partial_upfront`)",
);
pub static RESERVED_WCU: Key = Key::new(
    "reserved_wcu",
    Kind::Count {
        min: 0,
        max: 1_000_000,
    },
    Default::None,
    "WCU bought as reserved capacity, in blocks of 100",
)
.defaulting_to("the whole blocks of 100 the table provisions");
pub static RESERVED_RCU: Key = Key::new(
    "reserved_rcu",
    Kind::Count {
        min: 0,
        max: 1_000_000,
    },
    Default::None,
    "RCU bought as reserved capacity, in blocks of 100",
)
.defaulting_to("the whole blocks of 100 the table provisions");

pub const WCU_UPFRONT_1Y: Dimension = Dimension::new("dynamodb.reserved_wcu_upfront_1y", "WCU");
pub const WCU_HOUR_1Y: Dimension = Dimension::new("dynamodb.reserved_wcu_hour_1y", "WCU-hour");
pub const RCU_UPFRONT_1Y: Dimension = Dimension::new("dynamodb.reserved_rcu_upfront_1y", "RCU");
pub const RCU_HOUR_1Y: Dimension = Dimension::new("dynamodb.reserved_rcu_hour_1y", "RCU-hour");
pub const WCU_UPFRONT_3Y: Dimension = Dimension::new("dynamodb.reserved_wcu_upfront_3y", "WCU");
pub const WCU_HOUR_3Y: Dimension = Dimension::new("dynamodb.reserved_wcu_hour_3y", "WCU-hour");
pub const RCU_UPFRONT_3Y: Dimension = Dimension::new("dynamodb.reserved_rcu_upfront_3y", "RCU");
pub const RCU_HOUR_3Y: Dimension = Dimension::new("dynamodb.reserved_rcu_hour_3y", "RCU-hour");

/// AWS sells DynamoDB reserved capacity in blocks of this many units.
const BLOCK: u32 = 100;

/// Reserved capacity as a component states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reservation {
    pub term: Term,
    /// Units reserved, if stated; else the whole blocks provisioned.
    pub wcu: Option<u32>,
    pub rcu: Option<u32>,
}

/// The reservation the keys state, if any: only provisioned capacity, for
/// 1 or 3 years with its upfront fee, in whole blocks of 100 units.
pub fn build(values: &Values, provisioned: bool) -> Result<Option<Reservation>, Invalid> {
    let purchase: Purchase = values
        .choice(&PURCHASE)
        .ok_or_else(|| Invalid::component("a key of `dynamodb` has no value"))?;
    let (wcu, rcu) = (values.count(&RESERVED_WCU), values.count(&RESERVED_RCU));
    let term = match purchase {
        Purchase::OnDemand => {
            for (key, set) in [(&RESERVED_WCU, wcu), (&RESERVED_RCU, rcu)] {
                if set.is_some() {
                    return Err(Invalid::new(
                        key,
                        format!("`{}` needs reserved capacity", key.name),
                    )
                    .with_help(
                        "add `purchase = \"reserved_1y_partial_upfront\"`, or remove this key",
                    ));
                }
            }
            return Ok(None);
        }
        Purchase::Reserved1yPartialUpfront => Term::OneYear,
        Purchase::Reserved3yPartialUpfront => Term::ThreeYears,
        other if other.is_savings_plan() => {
            // A Compute Savings Plan does not cover DynamoDB; a Database
            // Savings Plan does (since December 2025: 1 year, no upfront,
            // a commitment of dollars an hour), but no table holds its rates.
            return Err(Invalid::new(
                &PURCHASE,
                format!(
                    "DynamoDB's Savings Plan is a Database Savings Plan, whose rates calc does not hold (found `{}`)",
                    other.as_str()
                ),
            )
            .with_help(OFFERED));
        }
        other => {
            return Err(Invalid::new(
                &PURCHASE,
                format!(
                    "AWS sells DynamoDB reserved capacity with a partial upfront fee only, so there is no `{}`",
                    other.as_str()
                ),
            )
            .with_help(OFFERED));
        }
    };
    if !provisioned {
        return Err(Invalid::new(
            &PURCHASE,
            "reserved capacity is provisioned capacity: an on-demand table cannot use it",
        )
        .with_help("set `capacity_mode = \"provisioned\"`, or leave `purchase` out"));
    }
    for (key, units) in [(&RESERVED_WCU, wcu), (&RESERVED_RCU, rcu)] {
        if let Some(units) = units
            && units % BLOCK != 0
        {
            let below = units / BLOCK * BLOCK;
            return Err(Invalid::new(
                key,
                format!(
                    "`{}` is bought in blocks of {BLOCK} units (found {units})",
                    key.name
                ),
            )
            .with_help(format!(
                "e.g. `{} = {}`; the units beyond the blocks are billed at the provisioned rate",
                key.name,
                below.max(BLOCK)
            )));
        }
    }
    Ok(Some(Reservation { term, wcu, rcu }))
}

const OFFERED: &str = "write `purchase = \"reserved_1y_partial_upfront\"` or `\"reserved_3y_partial_upfront\"`, or leave `purchase` out";

/// The prices of one kind of unit under one term.
struct Rates {
    upfront: &'static Dimension,
    hourly: &'static Dimension,
}

/// One kind of provisioned unit: its name, how many the table provisions,
/// how many are reserved if stated, and its provisioned rate.
pub struct Units<N> {
    pub name: &'static str,
    pub provisioned: Traced<N>,
    pub reserved: Option<u32>,
    pub key: &'static Key,
    pub on_demand: &'static Dimension,
}

/// Bills provisioned `wcu` and `rcu` under `reservation`: for each, the
/// upfront fee's share of the month, the reserved units' hours, and the
/// units beyond them at the provisioned rate (`wcu_hour`, `rcu_hour`).
pub fn bill<N: Number>(
    ctx: &Ctx<N>,
    reservation: Reservation,
    units: [Units<N>; 2],
    result: &mut ComponentResult<N>,
) -> Result<(), EvalError> {
    let months = reservation.term.months();
    let mut upfront: Traced<N> = Traced::rule(Decimal::ZERO, "", "no upfront fee");
    for (i, kind) in units.into_iter().enumerate() {
        let rates = match (reservation.term, i) {
            (Term::OneYear, 0) => Rates {
                upfront: &WCU_UPFRONT_1Y,
                hourly: &WCU_HOUR_1Y,
            },
            (Term::OneYear, _) => Rates {
                upfront: &RCU_UPFRONT_1Y,
                hourly: &RCU_HOUR_1Y,
            },
            (Term::ThreeYears, 0) => Rates {
                upfront: &WCU_UPFRONT_3Y,
                hourly: &WCU_HOUR_3Y,
            },
            (Term::ThreeYears, _) => Rates {
                upfront: &RCU_UPFRONT_3Y,
                hourly: &RCU_HOUR_3Y,
            },
        };
        let unit = kind.on_demand.unit.trim_end_matches("-hour");
        // Reserved capacity is bought in blocks of 100 units: by default the
        // whole blocks the table provisions.
        let reserved = match kind.reserved {
            Some(units) => given::key(units, unit, kind.key),
            None => {
                let block = Traced::rule(
                    Decimal::from(BLOCK),
                    unit,
                    "units a block of reserved capacity",
                );
                kind.provisioned.per(block)?.floor().times(block)?
            }
        };
        result.capacity_of(kind.name, reserved, unit);
        if !reserved.value().is_zero() {
            let (item, fee) = charge_upfront(ctx, rates.upfront, reserved, months)?;
            result.line_items.push(item);
            upfront = if upfront.value().is_zero() {
                fee
            } else {
                upfront.plus(fee)?
            };
            let hours = reserved.times(ctx.hours_traced())?;
            charge_into(&mut result.line_items, ctx, rates.hourly, hours)?;
        }
        // What the table provisions beyond the reservation, at the
        // provisioned rate; reserved units it leaves idle are still billed.
        let none = Traced::rule(Decimal::ZERO, unit, "none beyond the reservation");
        let beyond = kind.provisioned.minus(reserved)?.max(none);
        let hours = beyond.times(ctx.hours_traced())?;
        charge_into(&mut result.line_items, ctx, kind.on_demand, hours)?;
    }
    result.capacity_of("term_months", months, "months");
    result.capacity_of("upfront_paid_once", upfront, "");
    result.note("commitment", commitment::NOTE);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::keys::Value;

    static KEYS: &[&Key] = &[&PURCHASE, &RESERVED_WCU, &RESERVED_RCU];

    fn purchase(name: &str) -> Value {
        let at = Purchase::NAMES.iter().position(|n| *n == name).unwrap();
        Value::Choice(u8::try_from(at).unwrap())
    }

    fn read(values: [Value; 3], provisioned: bool) -> Result<Option<Reservation>, Invalid> {
        build(&Values::new(KEYS, &values), provisioned)
    }

    #[test]
    fn only_provisioned_capacity_is_reserved_for_1_or_3_years_in_blocks_of_100() {
        let none = [purchase("on_demand"), Value::Absent, Value::Absent];
        assert_eq!(read(none, true), Ok(None));
        let year = [
            purchase("reserved_1y_partial_upfront"),
            Value::Count(3000),
            Value::Absent,
        ];
        assert_eq!(
            read(year.clone(), true),
            Ok(Some(Reservation {
                term: Term::OneYear,
                wcu: Some(3000),
                rcu: None
            }))
        );
        let on_demand_table = read(year, false).unwrap_err();
        assert!(on_demand_table.message.contains("an on-demand table"));
        let plan = [
            purchase("savings_plan_1y_no_upfront"),
            Value::Absent,
            Value::Absent,
        ];
        let refused = read(plan, true).unwrap_err();
        assert!(std::ptr::eq(refused.key.unwrap(), &PURCHASE));
        assert!(
            refused
                .message
                .starts_with("DynamoDB's Savings Plan is a Database Savings Plan")
        );
        let no_upfront = [
            purchase("reserved_1y_no_upfront"),
            Value::Absent,
            Value::Absent,
        ];
        assert!(
            read(no_upfront, true)
                .unwrap_err()
                .message
                .contains("there is no `reserved_1y_no_upfront`")
        );
        let odd = [
            purchase("reserved_3y_partial_upfront"),
            Value::Absent,
            Value::Count(150),
        ];
        let odd = read(odd, true).unwrap_err();
        assert!(std::ptr::eq(odd.key.unwrap(), &RESERVED_RCU));
        let unbought = [purchase("on_demand"), Value::Count(100), Value::Absent];
        assert!(
            read(unbought, true)
                .unwrap_err()
                .message
                .contains("needs reserved capacity")
        );
    }
}
