//! The months under `[growth]` on the review page: a line an alternative
//! of its monthly cost by month, with its words, and the month-by-month
//! table the terminal shows, stacking on a phone.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::page::{PALETTE, esc};
use crate::model::report::{GrowthReport, Report};
use crate::render::growth::{cell, heading, story};
use crate::render::text::{self, money};

const WIDTH: u32 = 520;
const HEIGHT: u32 = 240;
/// Room on the left for the axis' figures, and below for the months.
const LEFT: u32 = 70;
const BOTTOM: u32 = 30;
const TOP: u32 = 12;
const RIGHT: u32 = 12;
/// A row of the legend under the chart, an alternative a row.
const LEGEND_ROW: u32 = 18;
/// Each line's dashes, so that two lines never differ by colour alone.
const DASHES: [&str; 4] = ["", "8 4", "2 4", "10 4 2 4"];

/// The section, after the answer.
pub fn section(out: &mut String, report: &Report, growth: &GrowthReport) {
    let currency = &report.pricing.currency;
    let _ = writeln!(
        out,
        "<section id=\"growth\">\n<h2>{}</h2>",
        esc(&heading(&growth.growth))
    );
    let (svg, caption) = chart(report, growth);
    let _ = writeln!(
        out,
        "<figure>{svg}<figcaption>{}</figcaption></figure>",
        esc(&caption)
    );
    out.push_str(
        "<table class=\"stack\"><caption>Monthly cost by month, with each alternative's main \
         capacity; ✗ marks a month that breaks a limit or a requirement</caption><thead><tr>\
         <th scope=\"col\" class=\"n\">month</th><th scope=\"col\" class=\"n\">factor</th>",
    );
    for alternative in &report.alternatives {
        let _ = write!(
            out,
            "<th scope=\"col\" class=\"n\">{}</th>",
            esc(&alternative.name)
        );
    }
    out.push_str("</tr></thead><tbody>\n");
    for (i, factor) in growth.factors.iter().enumerate() {
        let _ = write!(
            out,
            "<tr><td class=\"n\" data-label=\"month\">{}</td>\
             <td class=\"n\" data-label=\"factor\">{}</td>",
            i + 1,
            text::number(*factor, 4)
        );
        for (alternative, result) in growth.alternatives.iter().zip(&report.alternatives) {
            let _ = write!(
                out,
                "<td class=\"n\" data-label=\"{}\">{}</td>",
                esc(&result.name),
                esc(&cell(&alternative.months[i], currency))
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n<ul>\n");
    for (alternative, result) in growth.alternatives.iter().zip(&report.alternatives) {
        let _ = writeln!(
            out,
            "<li><strong>{}</strong>: {}</li>",
            esc(&result.name),
            esc(&story(growth, alternative, result, currency).join("; "))
        );
    }
    out.push_str("</ul>\n</section>\n");
}

/// A line an alternative, month 1 on the left, from 0 to the dearest
/// month; a month that cannot be computed breaks its line.
fn chart(report: &Report, growth: &GrowthReport) -> (String, String) {
    let currency = &report.pricing.currency;
    let months = growth.factors.len();
    let most = growth
        .alternatives
        .iter()
        .flat_map(|a| a.months.iter().filter_map(|m| m.cost))
        .max()
        .unwrap_or_default();
    let plot_w = Decimal::from(WIDTH - LEFT - RIGHT);
    let plot_h = Decimal::from(HEIGHT - TOP - BOTTOM);
    let x = |month: usize| -> Decimal {
        let steps = Decimal::from(months.saturating_sub(1).max(1));
        (Decimal::from(LEFT) + plot_w * Decimal::from(month) / steps).round_dp(1)
    };
    let y = |cost: Decimal| -> Decimal {
        let share = if most > Decimal::ZERO {
            cost.checked_div(most).unwrap_or_default()
        } else {
            Decimal::ZERO
        };
        (Decimal::from(TOP) + plot_h - plot_h * share).round_dp(1)
    };
    let rows = u32::try_from(growth.alternatives.len()).unwrap_or(u32::MAX);
    let height = HEIGHT.saturating_add(LEGEND_ROW.saturating_mul(rows));
    let mut svg = format!(
        "<svg role=\"img\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" \
         aria-labelledby=\"growth-t\" font-family=\"system-ui,sans-serif\">\
         <title id=\"growth-t\">Monthly cost of each alternative by month, a line an alternative</title>"
    );
    let base = HEIGHT - BOTTOM;
    let _ = write!(
        svg,
        "<path d=\"M{LEFT},{TOP} V{base} H{}\" fill=\"none\" stroke=\"#767676\"/>\
         <text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\" fill=\"#1a1a1a\">{}</text>\
         <text x=\"{}\" y=\"{base}\" font-size=\"11\" text-anchor=\"end\" fill=\"#1a1a1a\">0</text>\
         <text x=\"{LEFT}\" y=\"{}\" font-size=\"11\" fill=\"#1a1a1a\">month 1</text>\
         <text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\" fill=\"#1a1a1a\">month {months}</text>",
        WIDTH - RIGHT,
        LEFT - 4,
        TOP + 8,
        esc(&money(most, currency)),
        LEFT - 4,
        base + 18,
        WIDTH - RIGHT,
        base + 18,
    );
    let mut words = Vec::new();
    for (i, (alternative, result)) in growth
        .alternatives
        .iter()
        .zip(&report.alternatives)
        .enumerate()
    {
        let mut path = String::new();
        let mut pen_down = false;
        for (m, month) in alternative.months.iter().enumerate() {
            match month.cost {
                Some(cost) => {
                    let _ = write!(
                        path,
                        "{}{},{} ",
                        if pen_down { "L" } else { "M" },
                        x(m),
                        y(cost)
                    );
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        let dash = DASHES[i % DASHES.len()];
        let dash = if dash.is_empty() {
            String::new()
        } else {
            format!(" stroke-dasharray=\"{dash}\"")
        };
        let colour = PALETTE[i % PALETTE.len()];
        let name = esc(&result.name);
        let _ = write!(
            svg,
            "<path d=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"{dash}>\
             <title>{name}</title></path>",
            path.trim_end(),
        );
        // Its row of the legend: the line's own stroke, then its name.
        let row = HEIGHT + LEGEND_ROW * u32::try_from(i).unwrap_or(u32::MAX).min(rows);
        let _ = write!(
            svg,
            "<path d=\"M{LEFT},{} h28\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"{dash}/>\
             <text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#1a1a1a\">{name}</text>",
            row + 6,
            LEFT + 34,
            row + 10,
        );
        let first = alternative.months.first().and_then(|m| m.cost);
        let last = alternative.months.last().and_then(|m| m.cost);
        words.push(match (first, last) {
            (Some(first), Some(last)) => format!(
                "{} from {} in month 1 to {} in month {months}",
                result.name,
                money(first, currency),
                money(last, currency)
            ),
            _ => format!("{}: a month cannot be computed", result.name),
        });
    }
    svg.push_str("</svg>");
    let caption = format!(
        "Monthly cost by month, a line an alternative (solid, dashed, dotted, dash-dot in turn; \
         the table below gives each month): {}.",
        words.join("; ")
    );
    (svg, caption)
}
