//! Turning a quantity into a line item: the unit price from the table, the
//! free tier, tiers, and the optional rounding up to the cent.

use arrayvec::ArrayVec;
use rust_decimal::Decimal;

use crate::number::up_to_cent;
use crate::pricing::Rate;
use crate::report::{LineItem, TierUse};
use crate::services::{Ctx, Dimension, EvalError};

/// Prices `quantity` units of `dimension` for one month.
pub fn charge(
    ctx: &Ctx,
    dimension: &'static Dimension,
    quantity: Decimal,
) -> Result<LineItem, EvalError> {
    let price = ctx
        .prices
        .price(dimension.key)
        .ok_or(EvalError::MissingPrice(dimension))?;
    let free_allowance = if ctx.free_tier {
        price.free_per_month + price.free_per_hour * ctx.hours
    } else {
        Decimal::ZERO
    };
    let free_quantity = free_allowance.min(quantity);
    let billed = quantity - free_quantity;
    let overflow = EvalError::Overflow(dimension);
    let mut tiers = ArrayVec::new();
    let (unit_price, mut cost) = match &price.rate {
        Rate::Flat(unit_price) => (
            *unit_price,
            billed.checked_mul(*unit_price).ok_or(overflow)?,
        ),
        Rate::Tiered(bands) => {
            // Tier bounds count the month's whole usage, free units included.
            let mut used = free_quantity;
            let mut cost = Decimal::ZERO;
            for band in bands {
                let room = band
                    .up_to
                    .map_or(Decimal::MAX, |bound| (bound - used).max(Decimal::ZERO));
                let remaining = quantity - used;
                let quantity_here = room.min(remaining);
                if quantity_here > Decimal::ZERO {
                    let cost_here = quantity_here.checked_mul(band.price).ok_or(overflow)?;
                    tiers.push(TierUse {
                        quantity: quantity_here,
                        unit_price: band.price,
                        cost: cost_here,
                    });
                    cost += cost_here;
                    used += quantity_here;
                }
            }
            if used < quantity {
                return Err(EvalError::BeyondLastTier(dimension));
            }
            let average = if billed.is_zero() {
                bands[0].price
            } else {
                cost / billed
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
