//! The range of outcomes on the design-review page: what was ranged, each
//! alternative's cost from P10 to P90 drawn as a band with P50 marked, and
//! the chances as a table.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::page::{esc, fill};
use crate::model::odds::Odds;
use crate::model::report::Report;
use crate::render::odds;
use crate::render::text::money;

const MARGIN: u32 = 10;
const BAND_W: u32 = 420;
const ROW: u32 = 44;
const TEXT_W: u32 = 150;

/// The section: the ranges, the bands, and the table of figures.
pub fn section(out: &mut String, report: &Report, odds: &Odds) {
    let currency = &report.pricing.currency;
    let _ = writeln!(
        out,
        "<section id=\"ranges\">\n<h2>The range of outcomes</h2>\n<p>{}.</p>\n<ul>",
        esc(&odds::heading(odds))
    );
    for varied in &odds.varied {
        let _ = writeln!(out, "<li>{}</li>", odds::range(varied, esc));
    }
    let (svg, caption) = bands(report, odds);
    let _ = writeln!(
        out,
        "</ul>\n<figure>{svg}<figcaption>{}</figcaption></figure>",
        esc(&caption)
    );
    out.push_str("<table class=\"stack\"><thead><tr>");
    for (i, head) in odds::HEADER.iter().enumerate() {
        if i == 4 {
            continue;
        }
        let class = if i == 0 { "" } else { " class=\"n\"" };
        let _ = write!(out, "<th scope=\"col\"{class}>{head}</th>");
    }
    out.push_str("</tr></thead><tbody>\n");
    for row in odds::rows(report, odds, currency) {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            if i == 4 {
                continue;
            }
            let label = odds::HEADER[i];
            let class = if i == 0 { "" } else { " class=\"n\"" };
            let _ = write!(out, "<td{class} data-label=\"{label}\">{}</td>", esc(cell));
        }
        out.push_str("</tr>\n");
    }
    let _ = writeln!(
        out,
        "</tbody></table>\n<p class=\"muted\">{}</p>\n</section>",
        esc(odds::FOOTNOTE)
    );
}

/// A band an alternative from its P10 to its P90 bill, P50 marked, on one
/// scale from the least P10 to the greatest P90.
fn bands(report: &Report, odds: &Odds) -> (String, String) {
    let currency = &report.pricing.currency;
    let width = MARGIN * 2 + BAND_W + TEXT_W;
    let height = MARGIN * 2 + u32::try_from(odds.alternatives.len()).unwrap_or(0) * ROW;
    let mut svg = format!(
        "<svg role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         aria-labelledby=\"ranges-t\" font-family=\"system-ui,sans-serif\">\
         <title id=\"ranges-t\">Monthly cost of each alternative from P10 to P90, P50 marked</title>"
    );
    let Some((low, high)) = odds::scale(odds) else {
        svg.push_str("</svg>");
        return (svg, "No sample could be priced.".to_string());
    };
    let x = |cost: Decimal| -> Decimal {
        let share = if high > low {
            (cost - low) / (high - low)
        } else {
            Decimal::new(5, 1)
        };
        (Decimal::from(MARGIN) + share * Decimal::from(BAND_W)).round_dp(2)
    };
    let mut words = Vec::new();
    for (row, (spread, alternative)) in odds
        .alternatives
        .iter()
        .zip(&report.alternatives)
        .enumerate()
    {
        let y = MARGIN + u32::try_from(row).unwrap_or(0) * ROW;
        let _ = write!(
            svg,
            "<text x=\"{MARGIN}\" y=\"{}\" font-size=\"13\" fill=\"#1a1a1a\">{}</text>",
            y + 12,
            esc(&alternative.name)
        );
        let (Some(p10), Some(p50), Some(p90)) = (spread.p10, spread.p50, spread.p90) else {
            words.push(format!("{}: no sample priced", alternative.name));
            continue;
        };
        let (from, to) = (x(p10), x(p90));
        let _ = write!(
            svg,
            "<rect x=\"{from}\" y=\"{}\" width=\"{}\" height=\"14\" fill=\"{}\" stroke=\"#333\" \
             stroke-width=\"0.5\"><title>{}: P10 {}, P90 {}</title></rect>\
             <line x1=\"{p}\" x2=\"{p}\" y1=\"{}\" y2=\"{}\" stroke=\"#1a1a1a\" stroke-width=\"3\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#1a1a1a\">P50 {}</text>",
            y + 18,
            (to - from).max(Decimal::ONE),
            fill(row),
            esc(&alternative.name),
            esc(&money(p10, currency)),
            esc(&money(p90, currency)),
            y + 15,
            y + 35,
            MARGIN + BAND_W + 8,
            y + 30,
            esc(&money(p50, currency)),
            p = x(p50),
        );
        words.push(format!(
            "{} from {} to {}, P50 {}, cheapest in {}",
            alternative.name,
            money(p10, currency),
            money(p90, currency),
            money(p50, currency),
            odds::chance(odds, spread.cheapest)
        ));
    }
    svg.push_str("</svg>");
    (
        svg,
        format!(
            "Monthly cost from P10 to P90 of the samples, P50 marked: {}.",
            words.join("; ")
        ),
    )
}
