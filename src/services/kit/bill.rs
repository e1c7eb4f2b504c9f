//! Turning a quantity into a line item: the unit price from the table, the
//! free tier, tiers, and the optional rounding up to the cent.

use rust_decimal::Decimal;
use smallvec::SmallVec;

use super::ctx::{Ctx, EvalError};
use crate::base::number::{Exact, up_to_cent};
use crate::model::dimension::Dimension;
use crate::model::report::{LineItem, TierUse};
use crate::pricing::Rate;

/// Prices `quantity` units of `dimension` for one month.
pub fn charge(
    ctx: &Ctx,
    dimension: &'static Dimension,
    quantity: Decimal,
) -> Result<LineItem, EvalError> {
    charge_off(ctx, dimension, quantity, None)
}

/// Prices `quantity` units of `dimension` at `off` (a fraction) below its
/// price: Spot capacity at the discount the scenario states.
pub fn charge_off(
    ctx: &Ctx,
    dimension: &'static Dimension,
    quantity: Decimal,
    off: Option<Decimal>,
) -> Result<LineItem, EvalError> {
    charge_at(
        ctx,
        dimension,
        ctx.prices.price_of(dimension),
        quantity,
        off,
    )
}

/// Prices `quantity` hours of the type `name` from the catalogue that
/// prices `dimension` (its `rows`, else its service's own): the row's price.
pub fn charge_type(
    ctx: &Ctx,
    dimension: &'static Dimension,
    name: &str,
    quantity: Decimal,
) -> Result<LineItem, EvalError> {
    charge_type_off(ctx, dimension, name, quantity, None)
}

/// [`charge_type`] at `off` (a fraction) below the row's price, for Spot.
pub fn charge_type_off(
    ctx: &Ctx,
    dimension: &'static Dimension,
    name: &str,
    quantity: Decimal,
    off: Option<Decimal>,
) -> Result<LineItem, EvalError> {
    let service = dimension
        .rows
        .unwrap_or_else(|| dimension.key.split_once('.').map_or("", |(s, _)| s));
    let row = ctx
        .prices
        .instance(service, name)
        .ok_or(EvalError::MissingRow(dimension))?;
    charge_at(ctx, dimension, Some(&row.price), quantity, off)
}

/// Prices `quantity` units of `dimension` at `table`'s price, unless the
/// scenario sets one over it, less `off` (a fraction) of it if given.
fn charge_at(
    ctx: &Ctx,
    dimension: &'static Dimension,
    table: Option<&crate::pricing::Price>,
    quantity: Decimal,
    off: Option<Decimal>,
) -> Result<LineItem, EvalError> {
    // A price the scenario sets (or a what-if varies) is a flat price over
    // the table's, which keeps its free tier.
    let set = ctx.prices_set.price(dimension);
    let (free_per_month, free_per_hour) = table.map_or((Decimal::ZERO, Decimal::ZERO), |p| {
        (p.free_per_month, p.free_per_hour)
    });
    // The free tier this dimension draws on: its own, or the one it shares.
    let pool = table.and_then(|p| p.free_pool).unwrap_or(dimension.key);
    let flat;
    let rate = match (set, table) {
        (Some(price), _) => {
            flat = Rate::Flat(price);
            &flat
        }
        (None, Some(price)) => &price.rate,
        (None, None) => return Err(EvalError::MissingPrice(dimension)),
    };
    let discounted;
    let rate = match off {
        Some(off) => {
            let factor = Decimal::ONE
                .minus(off)
                .map_err(|_| EvalError::Overflow(dimension))?;
            discounted = rate.scaled(factor).ok_or(EvalError::Overflow(dimension))?;
            &discounted
        }
        None => rate,
    };
    let overflow = |_| EvalError::Overflow(dimension);
    let free_allowance = if ctx.free_tier {
        free_per_hour
            .times(ctx.hours)
            .and_then(|hourly| hourly.plus(free_per_month))
            .map_err(overflow)?
    } else {
        Decimal::ZERO
    };
    let (used_before, _) = ctx.usage.before(dimension.key);
    let (_, free_before) = ctx.usage.before(pool);
    let free_quantity = free_allowance
        .minus(free_before)
        .map_err(overflow)?
        .max(Decimal::ZERO)
        .min(quantity);
    if pool == dimension.key {
        ctx.usage
            .take(dimension.key, quantity, free_quantity)
            .map_err(overflow)?;
    } else {
        ctx.usage
            .take(dimension.key, quantity, Decimal::ZERO)
            .and_then(|()| ctx.usage.take(pool, Decimal::ZERO, free_quantity))
            .map_err(overflow)?;
    }
    let billed = quantity.minus(free_quantity).map_err(overflow)?;
    let mut tiers = SmallVec::new();
    let (unit_price, mut cost) = match rate {
        Rate::Flat(unit_price) => (*unit_price, billed.times(*unit_price).map_err(overflow)?),
        Rate::Tiered(bands) => {
            // Tier bounds count the month's whole usage, free units and the
            // alternative's earlier components included.
            let start = used_before.plus(free_quantity).map_err(overflow)?;
            let end = used_before.plus(quantity).map_err(overflow)?;
            let mut used = start;
            let mut cost = Decimal::ZERO;
            for band in bands.iter() {
                let room = match band.up_to {
                    Some(bound) => bound.minus(used).map_err(overflow)?.max(Decimal::ZERO),
                    None => Decimal::MAX,
                };
                let remaining = end.minus(used).map_err(overflow)?;
                let quantity_here = room.min(remaining);
                if quantity_here > Decimal::ZERO {
                    let cost_here = quantity_here.times(band.price).map_err(overflow)?;
                    tiers.push(TierUse {
                        quantity: quantity_here,
                        unit_price: band.price,
                        cost: cost_here,
                    });
                    cost = cost.plus(cost_here).map_err(overflow)?;
                    used = used.plus(quantity_here).map_err(overflow)?;
                }
            }
            if used < end {
                return Err(EvalError::BeyondLastTier(dimension));
            }
            let average = if billed.is_zero() {
                bands[0].price
            } else {
                cost.per(billed).map_err(overflow)?
            };
            if tiers.len() < 2 {
                tiers.clear();
            }
            (average, cost)
        }
    };
    if ctx.round_up_to_cent {
        cost = up_to_cent(cost);
    }
    Ok(LineItem {
        dimension,
        quantity,
        free_quantity,
        unit_price,
        monthly_cost: cost,
        tiers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::kit::testing::ctx;
    use crate::services::{lambda, s3};
    use rust_decimal_macros::dec;

    #[test]
    fn components_of_one_alternative_share_the_free_tier() {
        // Lambda's free tier is 1 M requests a month for the account: a first
        // function with 0.6 M uses 0.6 M of it, a second with 0.6 M gets the
        // remaining 0.4 M and pays for 0.2 M × $0.20 = $0.04.
        let ctx = Ctx {
            free_tier: true,
            ..ctx(dec!(730))
        };
        let first = charge(&ctx, &lambda::REQUESTS, dec!(0.6)).unwrap();
        assert_eq!(
            (first.free_quantity, first.monthly_cost),
            (dec!(0.6), dec!(0))
        );
        let second = charge(&ctx, &lambda::REQUESTS, dec!(0.6)).unwrap();
        assert_eq!(second.free_quantity, dec!(0.4));
        assert_eq!(second.monthly_cost, dec!(0.04));
    }

    #[test]
    fn components_of_one_alternative_climb_the_tiers_together() {
        // S3 Standard: $0.023 for the first 51,200 GB, $0.022 after. Two
        // buckets of 40,000 GB: the first pays 40,000 × 0.023 = $920; the
        // second starts at 40,000 GB: 11,200 × 0.023 + 28,800 × 0.022 = $891.20.
        let ctx = ctx(dec!(730));
        let first = charge(&ctx, &s3::STORAGE_GB_MONTH, dec!(40000)).unwrap();
        assert_eq!(first.monthly_cost, dec!(920));
        let second = charge(&ctx, &s3::STORAGE_GB_MONTH, dec!(40000)).unwrap();
        assert_eq!(second.monthly_cost, dec!(891.2));
        assert_eq!(second.tiers.len(), 2);
    }

    #[test]
    fn every_dimension_fits_the_ledger() {
        let dimensions = crate::services::dimension_keys().count();
        assert!(
            dimensions <= super::super::usage::MAX_DIMENSIONS,
            "{dimensions} dimensions"
        );
    }
}
