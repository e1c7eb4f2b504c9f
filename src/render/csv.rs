//! CSV: one row a line item, for spreadsheets. Money and quantities unrounded.

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::base::escape::csv as field;
use crate::model::report::Report;

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
                    number(item.quantity),
                    number(item.free_quantity),
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
