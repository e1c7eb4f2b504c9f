//! Redshift reserved nodes: a provisioned cluster's nodes bought for 1 or 3
//! years, with no, partial or all of the fee upfront. The rates are the
//! node type's row in the table's catalogue (its `commitments`); a reserved
//! node is billed every hour of its term, used or not.

use crate::base::number::Number;
use crate::model::choice::Choice;
use crate::model::dimension::Dimension;
use crate::model::keys::{Default, Invalid, Key, Kind};
use crate::model::report::ComponentResult;
use crate::model::traced::Traced;
use crate::services::kit::bill::charge_commitment;
use crate::services::kit::commitment::{self, Purchase};
use crate::services::kit::{Ctx, EvalError};

pub static PURCHASE: Key = Key::new(
    "purchase",
    Kind::Choice(Purchase::NAMES),
    Default::Text("on_demand"),
    "a provisioned cluster's nodes on demand, or reserved for 1 or 3 years with no, partial or all of the fee upfront (`reserved_1y_no_upfront` … `reserved_3y_all_upfront`)",
);

/// The upfront fee of a reserved node, per node, priced by the node type's
/// row (`commitments`), not by `[prices]`.
pub const NODE_UPFRONT: Dimension =
    Dimension::new("redshift.reserved_node_upfront", "node").priced_by_rows_of("redshift");
/// A reserved node's hours, at the rate of the node type's row under the
/// purchase option.
pub const NODE_HOUR: Dimension =
    Dimension::new("redshift.reserved_node_hour", "node-hour").priced_by_rows_of("redshift");

/// The purchase a component states, checked: reserved nodes only, for a
/// provisioned cluster that runs all month (`part_time` is the key that
/// says otherwise, if one does: `hours_running` or `schedule`).
pub fn build(
    purchase: Purchase,
    provisioned: bool,
    part_time: Option<&'static Key>,
) -> Result<Purchase, Invalid> {
    if purchase == Purchase::OnDemand {
        return Ok(purchase);
    }
    if purchase.is_savings_plan() {
        return Err(Invalid::new(
            &PURCHASE,
            format!(
                "Savings Plans do not cover Redshift (found `{}`): its commitment is reserved nodes",
                purchase.as_str()
            ),
        )
        .with_help("write `purchase = \"reserved_1y_no_upfront\"` (or another `reserved_…` option), or leave `purchase` out"));
    }
    if !provisioned {
        return Err(Invalid::new(
            &PURCHASE,
            "reserved nodes are for a provisioned cluster; Serverless reservations are not priced",
        )
        .with_help("set `deployment = \"provisioned\"`, or leave `purchase` out"));
    }
    if let Some(key) = part_time {
        let name = crate::services::kit::schedule::named(key);
        return Err(Invalid::new(
            key,
            format!("a reserved node is billed every hour of its term, so `{name}` does not apply"),
        )
        .with_help(format!("leave `{name}` out, or buy the nodes on demand")));
    }
    Ok(purchase)
}

/// Bills `nodes` of `node_type` reserved under `purchase` for the month:
/// the upfront fee's monthly share and every hour of the month at the
/// reserved rate.
pub fn bill<N: Number>(
    ctx: &Ctx<N>,
    node_type: &str,
    purchase: Purchase,
    nodes: Traced<N>,
    result: &mut ComponentResult<N>,
) -> Result<(), EvalError> {
    let hours = nodes.times(ctx.hours_traced())?;
    let (items, fee) = charge_commitment(
        ctx,
        &NODE_UPFRONT,
        &NODE_HOUR,
        node_type,
        purchase,
        nodes,
        hours,
    )?;
    result.line_items.extend(items);
    if let Some(term) = purchase.term() {
        result.capacity_of("term_months", term.months(), "months");
    }
    result.capacity_of("upfront_paid_once", fee, "");
    result.note("commitment", commitment::NOTE);
    Ok(())
}
