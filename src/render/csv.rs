//! CSV: one row a line item, for spreadsheets. Quantities to the decimals
//! the table shows (a spreadsheet reads no more than 15 significant digits,
//! and `973.3333333333333333333333333` RPU-hours is 973.3333 to a reader);
//! unit prices and costs exact, so that the costs add up to the JSON's total.

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::base::escape::csv as field;
use crate::model::report::Report;
use crate::render::text::QUANTITY_DP;

const HEADER: &str = "alternative,component,service,mode,dimension,price_key,quantity,free_quantity,unit,unit_price,monthly_cost";

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{HEADER}");
    for alternative in &report.alternatives {
        for (index, component) in alternative.components.iter().enumerate() {
            for item in &component.line_items {
                let _ = writeln!(
                    out,
                    "{},{},{},{},{},{},{},{},{},{},{}",
                    field(&alternative.name),
                    index,
                    component.service,
                    component.mode.unwrap_or(""),
                    item.dimension.name(),
                    item.dimension.key,
                    quantity(item.quantity),
                    quantity(item.free_quantity),
                    field(item.dimension.unit),
                    number(item.unit_price),
                    number(item.monthly_cost),
                );
            }
        }
    }
    out
}

/// A number calc computed: never text to escape (a negative number is not a formula).
fn number(value: Decimal) -> String {
    value.normalize().to_string()
}

/// A quantity, to the decimals the table report shows it to, without the
/// table's thousands separators.
fn quantity(value: Decimal) -> String {
    number(value.round_dp(QUANTITY_DP))
}
