//! CSV: one row a line item, for spreadsheets. Quantities to the decimals
//! the table shows (a spreadsheet reads no more than 15 significant digits,
//! and `973.3333333333333333333333333` RPU-hours is 973.3333 to a reader);
//! unit prices and costs exact, so that the costs add up to the JSON's total.

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::base::escape::csv as field;
use crate::model::report::{GrowthReport, Report};
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
    if let Some(growth) = &report.growth {
        months(&mut out, report, growth);
    }
    out
}

const MONTHS_HEADER: &str = "alternative,month,factor,monthly_cost,component,capacity_key,capacity";

/// Under `[growth]`, a second table after a blank line: a row an
/// alternative a month (from 1, the scenario as written), with the cost
/// and each capacity figure that steps (a row each; none: empty cells).
fn months(out: &mut String, report: &Report, growth: &GrowthReport) {
    let _ = writeln!(out, "\n{MONTHS_HEADER}");
    for (alternative, months) in report.alternatives.iter().zip(&growth.alternatives) {
        for month in &months.months {
            let start = format!(
                "{},{},{},{}",
                field(&alternative.name),
                month.month,
                number(month.factor),
                month.cost.map(number).unwrap_or_default()
            );
            if month.capacity.is_empty() {
                let _ = writeln!(out, "{start},,,");
            }
            for figure in &month.capacity {
                let _ = writeln!(
                    out,
                    "{start},{},{},{}",
                    figure.component,
                    figure.key,
                    number(figure.value)
                );
            }
        }
    }
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
