//! Turning a quantity into a line item: the unit price from the table, the
//! free tier, tiers, and the optional rounding up to the cent.

use std::borrow::Cow;

use rust_decimal::Decimal;
use smallvec::SmallVec;

use super::commitment::Purchase;
use super::ctx::{Ctx, EvalError};
use super::spot::SPOT_DISCOUNT;
use super::usage::Ledger;
use crate::base::number::{self, Number};
use crate::model::choice::Choice;
use crate::model::dimension::Dimension;
use crate::model::report::{self, LineItem, PaidOnce, TierUse, Tiers};
use crate::model::traced::{self, Traced};
use crate::model::working::{Band, Given, Part};
use crate::pricing::{Price, Rate, Tier};

/// Prices `quantity` units of `dimension` for one month, onto the end of
/// `items`. Every charge is written where the bill keeps it: a line item
/// is some 200 bytes, and moving one just written into the bill cost a
/// Monte Carlo sample more than pricing it.
pub fn charge_into<N: Number>(
    items: &mut Vec<LineItem<N>>,
    ctx: &Ctx<N>,
    dimension: &'static Dimension,
    quantity: Traced<N>,
) -> Result<(), EvalError> {
    charge_off_into(items, ctx, dimension, quantity, None)
}

/// Prices `quantity` units of `dimension` at `off` (a fraction) below its
/// price, onto the end of `items`: Spot capacity at the discount the
/// scenario states.
pub fn charge_off_into<N: Number>(
    items: &mut Vec<LineItem<N>>,
    ctx: &Ctx<N>,
    dimension: &'static Dimension,
    quantity: Traced<N>,
    off: Option<Decimal>,
) -> Result<(), EvalError> {
    let table = ctx.prices.price_of(dimension);
    onto(items, dimension, |line| {
        charge_at(ctx, dimension, table, None, quantity, off, line)
    })
}

/// Prices `quantity` hours of the type `name` from the catalogue that
/// prices `dimension` (its `rows`, else its service's own), onto the end
/// of `items`: the row's price.
pub fn charge_type_into<N: Number>(
    items: &mut Vec<LineItem<N>>,
    ctx: &Ctx<N>,
    dimension: &'static Dimension,
    name: &str,
    quantity: Traced<N>,
) -> Result<(), EvalError> {
    charge_type_off_into(items, ctx, dimension, name, quantity, None)
}

/// [`charge_type_into`] at `off` (a fraction) below the row's price, for
/// Spot.
pub fn charge_type_off_into<N: Number>(
    items: &mut Vec<LineItem<N>>,
    ctx: &Ctx<N>,
    dimension: &'static Dimension,
    name: &str,
    quantity: Traced<N>,
    off: Option<Decimal>,
) -> Result<(), EvalError> {
    let row = ctx
        .prices
        .instance(dimension.catalogue(), name)
        .ok_or(EvalError::MissingRow(dimension))?;
    onto(items, dimension, |line| {
        charge_at(
            ctx,
            dimension,
            Some(&row.price),
            Some(row.name),
            quantity,
            off,
            line,
        )
    })
}

/// A blank line of `dimension` put on the end of `items` and priced there
/// by `price`; taken off again if it cannot be.
fn onto<N: Number>(
    items: &mut Vec<LineItem<N>>,
    dimension: &'static Dimension,
    price: impl FnOnce(&mut LineItem<N>) -> Result<(), EvalError>,
) -> Result<(), EvalError> {
    items.push(LineItem::blank(dimension));
    // The line just pushed: never missing.
    let priced = match items.last_mut() {
        Some(line) => price(line),
        None => Err(EvalError::Invalid),
    };
    if priced.is_err() {
        items.pop();
    }
    priced
}

/// Prices `quantity` units of `dimension` at `table`'s price (the row of
/// the type `row`, for a catalogue's), unless the scenario sets one over
/// it, less `off` (a fraction) of it if given, into `line`. The quantity,
/// the free part and the cost are steps of the working.
fn charge_at<N: Number>(
    ctx: &Ctx<N>,
    dimension: &'static Dimension,
    table: Option<&Price>,
    row: Option<&'static str>,
    quantity: Traced<N>,
    off: Option<Decimal>,
    line: &mut LineItem<N>,
) -> Result<(), EvalError> {
    let overflow = |_| EvalError::Overflow(dimension);
    traced::step(dimension.key, Part::Quantity, dimension.unit, quantity);
    let price = price_of(ctx, dimension, table, row, off)?;
    let is_tiered = matches!(price, Priced::Tiered(_));
    let free = free_units(ctx, dimension, table, is_tiered, quantity)?;
    let billed = match free.quantity {
        Some(free) => quantity.minus(free).map_err(overflow)?,
        None => quantity,
    };
    let free_quantity = free.quantity.map_or(N::ZERO, Traced::value);
    let price_set = ctx.prices_set.price(dimension).is_some();
    let bands = match price {
        // A flat price, the usual case: the line is written at once,
        // without a split to move into it.
        Priced::Flat(unit_price) => {
            let cost = settled(ctx, dimension, billed.times(unit_price).map_err(overflow)?);
            *line = LineItem {
                dimension,
                quantity: quantity.value(),
                free_quantity,
                unit_price: unit_price.value(),
                monthly_cost: cost.value(),
                tiers: SmallVec::new(),
                row,
                price_set,
                paid_once: None,
                commitment: None,
            };
            return Ok(());
        }
        Priced::Tiered(bands) => bands,
    };
    // Tier bounds count the month's whole usage, free units and the
    // alternative's earlier components included.
    let used_before = Traced::given_as(free.used_before, dimension.unit, || {
        Given::UsedBefore(dimension)
    });
    let start = match free.quantity {
        Some(free) => used_before.plus(free).map_err(overflow)?,
        None => used_before,
    };
    let end = used_before.plus(quantity).map_err(overflow)?;
    let (cost, mut tiers) = tiered(dimension, &bands, start.value(), end.value())?;
    // The average lies between the bands' prices, so it always fits; a
    // run that reads bills alone leaves the division out.
    let average = if !report::detailed() {
        N::ZERO
    } else if billed.value().is_zero() {
        N::of(bands[0].price)
    } else {
        cost.per(billed.value()).map_err(overflow)?
    };
    let cost = Traced::tiered(start, end, cost, || {
        let bands = bands.iter().map(|band| Band {
            up_to: band.up_to,
            price: band.price,
        });
        let split = tiers
            .iter()
            .map(|t| (t.quantity.decimal(), t.unit_price.decimal()))
            .collect();
        (bands.collect(), split)
    });
    // A charge within one band shows no split.
    if tiers.len() < 2 {
        tiers.clear();
    }
    let cost = settled(ctx, dimension, cost);
    *line = LineItem {
        dimension,
        quantity: quantity.value(),
        free_quantity,
        unit_price: average,
        monthly_cost: cost.value(),
        tiers,
        row,
        price_set,
        paid_once: None,
        commitment: None,
    };
    Ok(())
}

/// A line's cost as billed: rounded up to the cent if the scenario says,
/// and a step of the working.
fn settled<N: Number>(
    ctx: &Ctx<N>,
    dimension: &'static Dimension,
    mut cost: Traced<N>,
) -> Traced<N> {
    if ctx.round_up_to_cent {
        cost = cost.up_to_cent();
    }
    traced::step(dimension.key, Part::Cost, "", cost);
    cost
}

/// Prices `quantity` units of an upfront fee of `dimension`, paid once for
/// a term of `months`: the line's monthly cost is one month's share of the
/// fee, and the whole fee is carried beside it (and returned, for a
/// working). A fee has no free tier and no tiers; a tiered price for it is
/// a table's mistake, refused.
pub fn charge_upfront<N: Number>(
    ctx: &Ctx<N>,
    dimension: &'static Dimension,
    quantity: Traced<N>,
    months: Traced<N>,
) -> Result<(LineItem<N>, Traced<N>), EvalError> {
    let table = ctx.prices.price_of(dimension);
    upfront_at(ctx, dimension, table, None, quantity, months)
}

/// The line items of `units` of the type `name` bought under `purchase`,
/// from the type's row in the catalogue that prices `hourly` (its
/// `commitments`): the upfront fee's share of the month (a line of
/// `upfront`, per unit of the type) and `hours` at the commitment's hourly
/// rate (a line of `hourly`); and the whole fee, for a working. A row
/// without the purchase option is an error naming it, never the row's
/// own price.
pub fn charge_commitment<N: Number>(
    ctx: &Ctx<N>,
    upfront: &'static Dimension,
    hourly: &'static Dimension,
    name: &str,
    purchase: Purchase,
    units: Traced<N>,
    hours: Traced<N>,
) -> Result<([LineItem<N>; 2], Traced<N>), EvalError> {
    let row = ctx
        .prices
        .instance(hourly.catalogue(), name)
        .ok_or(EvalError::MissingRow(hourly))?;
    let (Some(term), Some(rates)) = (purchase.term(), row.commitment(purchase.as_str())) else {
        return Err(EvalError::MissingCommitment(hourly, purchase.as_str()));
    };
    let (fee_item, fee) = upfront_at(
        ctx,
        upfront,
        Some(&rates.upfront),
        Some(row.name),
        units,
        term.months(),
    )?;
    let mut hours_item = LineItem::blank(hourly);
    charge_at(
        ctx,
        hourly,
        Some(&rates.hourly),
        Some(row.name),
        hours,
        None,
        &mut hours_item,
    )?;
    // Each line is dated and sourced by the rates that priced it.
    let mut fee_item = fee_item;
    fee_item.commitment = Some(rates.purchase);
    hours_item.commitment = Some(rates.purchase);
    Ok(([fee_item, hours_item], fee))
}

/// [`charge_upfront`] at `table`'s price (the row `row`'s, for a type's).
fn upfront_at<N: Number>(
    ctx: &Ctx<N>,
    dimension: &'static Dimension,
    table: Option<&Price>,
    row: Option<&'static str>,
    quantity: Traced<N>,
    months: Traced<N>,
) -> Result<(LineItem<N>, Traced<N>), EvalError> {
    let overflow = |_| EvalError::Overflow(dimension);
    traced::step(dimension.key, Part::Quantity, dimension.unit, quantity);
    let Priced::Flat(unit_price) = price_of(ctx, dimension, table, row, None)? else {
        return Err(EvalError::MissingPrice(dimension));
    };
    let fee = quantity.times(unit_price).map_err(overflow)?;
    let mut cost = fee.per(months).map_err(overflow)?;
    if ctx.round_up_to_cent {
        cost = cost.up_to_cent();
    }
    traced::step(dimension.key, Part::Cost, "", cost);
    let item = LineItem {
        dimension,
        quantity: quantity.value(),
        free_quantity: N::ZERO,
        unit_price: unit_price.value(),
        monthly_cost: cost.value(),
        tiers: SmallVec::new(),
        row,
        price_set: ctx.prices_set.price(dimension).is_some(),
        paid_once: Some(PaidOnce {
            amount: fee.value().decimal(),
            term_months: months.value().decimal(),
        }),
        commitment: None,
    };
    Ok((item, fee))
}

/// What a dimension is billed at: a flat price per unit, or price bands.
enum Priced<'a, N> {
    Flat(Traced<N>),
    Tiered(Cow<'a, [Tier]>),
}

/// The price `dimension` is billed at: one the scenario sets (or a what-if
/// varies), a flat price over the table's, else the table's; less `off` (a
/// fraction) of it if given.
fn price_of<'a, N: Number>(
    ctx: &Ctx<N>,
    dimension: &'static Dimension,
    table: Option<&'a Price>,
    row: Option<&'static str>,
    off: Option<Decimal>,
) -> Result<Priced<'a, N>, EvalError> {
    let overflow = |_| EvalError::Overflow(dimension);
    let given = |price: Decimal, set: bool| {
        Traced::given(price, dimension.unit, || {
            let table = table.filter(|_| !set);
            Given::Price {
                dimension,
                row,
                set,
                source: table.map_or_else(
                    || "set by the scenario".to_string(),
                    |p| p.source.to_string(),
                ),
                as_of: table.map_or_else(String::new, |p| p.as_of.to_string()),
                evidence: table.map_or("scenario", |p| p.evidence.as_str()),
            }
        })
    };
    let factor = off
        .map(|off| {
            let whole = Traced::rule(Decimal::ONE, "", "the whole price");
            whole.minus(Traced::given(off, "", || Given::Key(&SPOT_DISCOUNT)))
        })
        .transpose()
        .map_err(overflow)?;
    let flat = |price: Traced<N>| match factor {
        Some(factor) => price.times(factor).map(Priced::Flat).map_err(overflow),
        None => Ok(Priced::Flat(price)),
    };
    match (ctx.prices_set.price(dimension), table) {
        (Some(price), _) => flat(given(price, true)),
        (
            None,
            Some(Price {
                rate: Rate::Flat(price),
                ..
            }),
        ) => flat(given(*price, false)),
        (
            None,
            Some(Price {
                rate: rate @ Rate::Tiered(bands),
                ..
            }),
        ) => match factor {
            None => Ok(Priced::Tiered(Cow::Borrowed(bands))),
            Some(factor) => match rate.scaled(factor.value().decimal()) {
                Some(Rate::Tiered(bands)) => Ok(Priced::Tiered(Cow::Owned(bands.into_owned()))),
                _ => Err(EvalError::Overflow(dimension)),
            },
        },
        (None, None) => Err(EvalError::MissingPrice(dimension)),
    }
}

/// The units of a charge that its free tier covers (`None` without a free
/// tier), and what the month had used of its dimension before it.
struct Free<N> {
    quantity: Option<Traced<N>>,
    used_before: N,
}

/// Takes `quantity` units of `dimension` from the alternative's ledger: the
/// part the free tier still covers (its own allowance, or the one it
/// shares, with `free_tier` on), the rest billed.
///
/// A flat price without a free tier in play reads nothing of the ledger,
/// and nothing after it reads what it would write: the same dimension has
/// the same price in every component of the alternative, and a pool is
/// only read for a free tier. So it leaves the ledger be.
fn free_units<N: Number>(
    ctx: &Ctx<N>,
    dimension: &'static Dimension,
    table: Option<&Price>,
    tiered: bool,
    quantity: Traced<N>,
) -> Result<Free<N>, EvalError> {
    let overflow = |_| EvalError::Overflow(dimension);
    let (free_per_month, free_per_hour) = table.map_or((Decimal::ZERO, Decimal::ZERO), |p| {
        (p.free_per_month, p.free_per_hour)
    });
    let has_free = ctx.free_tier && !(free_per_month.is_zero() && free_per_hour.is_zero());
    if !(tiered || has_free) {
        return Ok(Free {
            quantity: None,
            used_before: N::ZERO,
        });
    }
    // The free tier this dimension draws on: its own, or the one it shares.
    let pool = table.and_then(|p| p.free_pool).unwrap_or(dimension.key);
    let own = Ledger::of(dimension);
    let own_line = ctx.usage.find(own);
    let shared = !(std::ptr::eq(pool, dimension.key) || pool == dimension.key);
    let pool_key = if shared { Ledger::named(pool) } else { own };
    let pool_line = if shared {
        ctx.usage.find(pool_key)
    } else {
        own_line
    };
    let (used_before, own_free_before) = ctx.usage.before(own_line);
    let free_before = if shared {
        ctx.usage.before(pool_line).1
    } else {
        own_free_before
    };
    let unit = dimension.unit;
    let free = if has_free {
        // The month's allowance (an hourly one for the month's hours, and a
        // monthly one), less what earlier components took of it. A zero
        // part changes nothing, and is left out of the working.
        let hourly = (!free_per_hour.is_zero()).then(|| {
            Traced::given(free_per_hour, unit, || Given::FreePerHour(dimension))
                .times(ctx.hours_traced())
        });
        let monthly = (!free_per_month.is_zero())
            .then(|| Traced::given(free_per_month, unit, || Given::FreePerMonth(dimension)));
        let allowance = match (hourly.transpose().map_err(overflow)?, monthly) {
            (Some(hourly), Some(monthly)) => hourly.plus(monthly).map_err(overflow)?,
            (Some(part), None) | (None, Some(part)) => part,
            (None, None) => Traced::rule(Decimal::ZERO, unit, "no free tier"),
        };
        let left = if free_before.is_zero() {
            allowance
        } else {
            let taken = Traced::given_as(free_before, unit, || Given::FreeUsedBefore(pool));
            let none = Traced::rule(Decimal::ZERO, unit, "none");
            allowance.minus(taken).map_err(overflow)?.max(none)
        };
        let free = left.min(quantity);
        traced::step(dimension.key, Part::Free, unit, free);
        Some(free)
    } else {
        None
    };
    let free_value = free.map_or(N::ZERO, Traced::value);
    if shared {
        ctx.usage
            .take(own_line, own, quantity.value(), N::ZERO)
            .and_then(|()| ctx.usage.take(pool_line, pool_key, N::ZERO, free_value))
            .map_err(overflow)?;
    } else {
        ctx.usage
            .take(own_line, own, quantity.value(), free_value)
            .map_err(overflow)?;
    }
    Ok(Free {
        quantity: free,
        used_before,
    })
}

/// The cost of the month's usage from `start` to `end` across `bands`, and
/// how the bands split it. Past the
/// last band's bound, no price: an error, never a guess.
fn tiered<N: Number>(
    dimension: &'static Dimension,
    bands: &[Tier],
    start: N,
    end: N,
) -> Result<(N, Tiers<N>), EvalError> {
    let overflow = |_| EvalError::Overflow(dimension);
    let mut tiers = SmallVec::new();
    let mut used = start;
    let mut cost = N::ZERO;
    for band in bands {
        // The month's usage is past the bands from here on, or the band
        // lies wholly below where it starts: nothing of it is billed.
        if used >= end {
            break;
        }
        let bound = band.up_to.map(N::of);
        if bound.is_some_and(|bound| bound <= used) {
            continue;
        }
        let room = match bound {
            Some(bound) => number::max(bound.minus(used).map_err(overflow)?, N::ZERO),
            None => N::of(Decimal::MAX),
        };
        let here = number::min(room, end.minus(used).map_err(overflow)?);
        if here > N::ZERO {
            let price = N::of(band.price);
            let cost_here = here.times(price).map_err(overflow)?;
            tiers.push(TierUse {
                quantity: here,
                unit_price: price,
                cost: cost_here,
            });
            cost = cost.plus(cost_here).map_err(overflow)?;
            used = used.plus(here).map_err(overflow)?;
        }
    }
    if used < end {
        return Err(EvalError::BeyondLastTier(dimension));
    }
    Ok((cost, tiers))
}

#[cfg(test)]
mod tests {
    use super::*;

    static DIMENSION: Dimension = Dimension::new("s.requests", "million requests");

    fn bands() -> Vec<Tier> {
        let band = |up_to: Option<u32>, price: Decimal| Tier {
            up_to: up_to.map(Decimal::from),
            price,
        };
        vec![
            band(Some(10), dec!(2)),
            band(Some(20), dec!(1)),
            band(None, dec!(0.5)),
        ]
    }

    #[test]
    fn tiers_split_the_months_usage_from_where_it_stands() {
        // From 5 to 25: 5 at $2 in the first band, 10 at $1, 5 at $0.50.
        let (cost, tiers) = tiered(&DIMENSION, &bands(), dec!(5), dec!(25)).unwrap();
        assert_eq!(cost, dec!(22.5));
        let split: Vec<_> = tiers.iter().map(|t| (t.quantity, t.cost)).collect();
        assert_eq!(
            split,
            [
                (dec!(5), dec!(10)),
                (dec!(10), dec!(10)),
                (dec!(5), dec!(2.5))
            ]
        );
        // Within one band, one part.
        let (cost, tiers) = tiered(&DIMENSION, &bands(), dec!(12), dec!(15)).unwrap();
        assert_eq!((cost, tiers.len()), (dec!(3), 1));
        // Past a last band with a bound, no price at all.
        let bounded = &bands()[..2];
        assert_eq!(
            tiered(&DIMENSION, bounded, dec!(15), dec!(21)),
            Err(EvalError::BeyondLastTier(&DIMENSION))
        );
    }
    use crate::services::kit::testing::{ctx, figure};
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
        let mut bill = Vec::new();
        charge_into(&mut bill, &ctx, &lambda::REQUESTS, figure(dec!(0.6))).unwrap();
        assert_eq!(
            (bill[0].free_quantity, bill[0].monthly_cost),
            (dec!(0.6), dec!(0))
        );
        charge_into(&mut bill, &ctx, &lambda::REQUESTS, figure(dec!(0.6))).unwrap();
        assert_eq!(bill[1].free_quantity, dec!(0.4));
        assert_eq!(bill[1].monthly_cost, dec!(0.04));
    }

    #[test]
    fn components_of_one_alternative_climb_the_tiers_together() {
        // S3 Standard: $0.023 for the first 51,200 GB, $0.022 after. Two
        // buckets of 40,000 GB: the first pays 40,000 × 0.023 = $920; the
        // second starts at 40,000 GB: 11,200 × 0.023 + 28,800 × 0.022 = $891.20.
        let ctx = ctx(dec!(730));
        let mut bill = Vec::new();
        charge_into(&mut bill, &ctx, &s3::STORAGE_GB_MONTH, figure(dec!(40000))).unwrap();
        assert_eq!(bill[0].monthly_cost, dec!(920));
        charge_into(&mut bill, &ctx, &s3::STORAGE_GB_MONTH, figure(dec!(40000))).unwrap();
        assert_eq!(bill[1].monthly_cost, dec!(891.2));
        assert_eq!(bill[1].tiers.len(), 2);
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
