//! Spot capacity (EC2 Spot, Fargate Spot), priced at a discount the scenario
//! states. AWS sets Spot prices by supply and demand and publishes no fixed
//! discount ("up to 90%" for EC2, "up to 70%" for Fargate), so calc prices
//! Spot only at a fraction the scenario gives, and says so on the bill.

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::model::choice::choice;
use crate::model::keys::{Default, Invalid, Key, Kind, Values};
use crate::model::report::{CapacityValue, ComponentResult};

choice! {
    /// How EC2 capacity is bought.
    pub enum Purchase {
        OnDemand = "on_demand",
        Spot = "spot",
    }
}

/// The one declaration of the key, shared by every service that runs on Spot.
pub static SPOT_DISCOUNT: Key = Key::new(
    "spot_discount",
    Kind::Number,
    Default::None,
    "with Spot, the fraction below the On-Demand price you assume (0.7 is 70% off); Spot prices vary",
)
.defaulting_to("required with Spot");

/// The discount a component states, checked: required when it runs on Spot
/// (`spot`), refused when it does not, and below 1.
pub fn discount(values: &Values, spot: bool) -> Result<Option<Decimal>, Invalid> {
    match (values.number(&SPOT_DISCOUNT), spot) {
        (None, true) => Err(Invalid::new(
            &SPOT_DISCOUNT,
            "Spot needs `spot_discount`: AWS sets Spot prices by supply and demand",
        )
        .with_help(
            "state the discount you expect below On-Demand, e.g. `spot_discount = 0.7` for 70% off",
        )),
        (Some(_), false) => Err(Invalid::new(
            &SPOT_DISCOUNT,
            "`spot_discount` is for Spot, and nothing here runs on Spot",
        )
        .with_help("leave it out, or choose Spot")),
        (Some(off), true) if off >= Decimal::ONE => Err(Invalid::new(
            &SPOT_DISCOUNT,
            format!(
                "`spot_discount` must be below 1 (found {}): Spot is never free",
                off.normalize()
            ),
        )
        .with_help("e.g. `spot_discount = 0.7` for 70% below On-Demand")),
        (off, _) => Ok(off),
    }
}

/// Tells, on the component's bill, the discount Spot was priced at.
pub fn note<N: Number>(result: &mut ComponentResult<N>, off: Decimal) {
    result.capacity("spot_discount", CapacityValue::Number(off));
    result.note(
        "spot_assumed",
        "Spot priced at `spot_discount` below On-Demand, as the scenario states; Spot prices vary",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::keys::Value;
    use rust_decimal_macros::dec;

    static KEYS: &[&Key] = &[&SPOT_DISCOUNT];

    fn read(value: Value, spot: bool) -> Result<Option<Decimal>, Invalid> {
        let values = [value];
        discount(&Values::new(KEYS, &values), spot)
    }

    #[test]
    fn spot_needs_a_stated_discount_below_one() {
        assert_eq!(read(Value::Number(dec!(0.7)), true), Ok(Some(dec!(0.7))));
        assert_eq!(read(Value::Absent, false), Ok(None));
        let missing = read(Value::Absent, true).unwrap_err();
        assert!(std::ptr::eq(missing.key.unwrap(), &SPOT_DISCOUNT));
        assert!(missing.message.contains("`spot_discount`"));
        let unused = read(Value::Number(dec!(0.7)), false).unwrap_err();
        assert!(unused.message.contains("nothing here runs on Spot"));
        let free = read(Value::Number(dec!(1)), true).unwrap_err();
        assert_eq!(
            free.message,
            "`spot_discount` must be below 1 (found 1): Spot is never free"
        );
        // 0 is allowed: Spot at the On-Demand price, the worst case.
        assert_eq!(read(Value::Number(dec!(0)), true), Ok(Some(dec!(0))));
    }
}
