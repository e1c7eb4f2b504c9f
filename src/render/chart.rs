//! A sweep as a line chart (SVG): monthly cost against the varied value, one
//! line an alternative, dashed where it fails, each crossover marked and
//! labelled. Drawn for a design document; the figures behind it are exact,
//! the drawing is in floating point.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::text;
use crate::base::escape::terminal;
use crate::base::units::{GIB, KIB, MIB, TIB};
use crate::scenario::Scenario;
use crate::whatif::Measure;
use crate::whatif::sweep::{Charted, Sweep};

const WIDTH: u32 = 960;
const HEIGHT: u32 = 560;

/// Colours that stay apart for readers with a colour-vision deficiency
/// (Okabe and Ito), then black.
const COLOURS: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(120, 120, 120),
    RGBColor(0, 0, 0),
];

pub fn render(sweep: &Sweep, scenario: &Scenario) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        // Drawing into memory fails only on a bug in the drawing; the chart
        // is then left as far as it got, never a panic.
        let _ = draw(&root, sweep, scenario);
        let _ = root.present();
    }
    svg
}

/// How the axis shows the varied value: a scale and a unit to write.
struct Scale {
    divisor: Decimal,
    unit: String,
}

fn scale(sweep: &Sweep) -> Scale {
    let axis = &sweep.plan.axis;
    let to = sweep.plan.to;
    let pick = |units: &[(u64, &str)]| {
        let (divisor, unit) = units
            .iter()
            .rev()
            .find(|(size, _)| Decimal::from(*size) <= to)
            .copied()
            .unwrap_or(units[0]);
        Scale {
            divisor: Decimal::from(divisor),
            unit: unit.to_string(),
        }
    };
    match axis.measure {
        Measure::Size => pick(&[(1, "B"), (KIB, "KB"), (MIB, "MB"), (GIB, "GB"), (TIB, "TB")]),
        Measure::Duration => pick(&[
            (1, "ms"),
            (1_000, "s"),
            (60_000, "min"),
            (3_600_000, "h"),
            (86_400_000, "d"),
        ]),
        _ => Scale {
            divisor: Decimal::ONE,
            unit: axis.unit(&sweep.currency),
        },
    }
}

fn f(x: Decimal) -> f64 {
    x.to_f64().unwrap_or(0.0)
}

fn draw(
    root: &DrawingArea<SVGBackend<'_>, Shift>,
    sweep: &Sweep,
    scenario: &Scenario,
) -> Result<(), Box<dyn std::error::Error>> {
    root.fill(&WHITE)?;
    let scale = scale(sweep);
    let x_of = |x: Decimal| f(x / scale.divisor);
    let (x_min, x_max) = (x_of(sweep.plan.from), x_of(sweep.plan.to));
    let y_max = sweep
        .cells
        .iter()
        .filter_map(|c| sweep.charted(c).map(f))
        .fold(0.0_f64, f64::max);
    let y_max = if y_max > 0.0 { y_max * 1.08 } else { 1.0 };
    let currency = &sweep.currency;

    // The axis's title gives the whole path; the chart's names its key, and
    // is cut to what fits across the chart.
    let path = &sweep.plan.axis.path;
    let key = path.rsplit('.').next().unwrap_or(path);
    let what = match &sweep.plan.charted {
        Charted::Cost => "monthly cost".to_string(),
        Charted::Latency => "latency".to_string(),
        Charted::Capacity(figure) => terminal(figure),
    };
    let title = fitted(
        &format!("{}: {what} by {}", terminal(&scenario.name), terminal(key)),
        TITLE_CHARACTERS,
    );
    let mut chart = ChartBuilder::on(root)
        .caption(title, ("sans-serif", 20))
        .margin(16)
        .x_label_area_size(48)
        .y_label_area_size(84)
        .build_cartesian_2d(x_min..x_max, 0.0..y_max)?;

    let x_title = if scale.unit.is_empty() {
        terminal(&sweep.plan.axis.path)
    } else {
        format!("{} ({})", terminal(&sweep.plan.axis.path), scale.unit)
    };
    let money_label = |y: &f64| {
        let amount = Decimal::try_from(*y).unwrap_or_default().round();
        text::money(amount, currency)
            .trim_end_matches(".00")
            .to_string()
    };
    let number_label = |x: &f64| {
        let value = Decimal::try_from(*x).unwrap_or_default();
        text::number(value, if x.abs() >= 100.0 { 0 } else { 2 })
    };
    let (y_title, y_label): (String, &dyn Fn(&f64) -> String) = match &sweep.plan.charted {
        Charted::Cost => (
            format!("monthly cost ({})", terminal(currency)),
            &money_label,
        ),
        Charted::Latency => ("latency (s)".to_string(), &number_label),
        Charted::Capacity(figure) => (terminal(figure), &number_label),
    };
    chart
        .configure_mesh()
        .x_desc(x_title)
        .y_desc(y_title)
        .x_label_formatter(&number_label)
        .y_label_formatter(y_label)
        .light_line_style(RGBColor(235, 235, 235))
        .draw()?;
    for alternative in 0..sweep.names.len() {
        draw_line(&mut chart, sweep, alternative, &x_of)?;
    }
    if sweep.cells.iter().any(|c| !c.feasible()) {
        let grey = ShapeStyle::from(&RGBColor(120, 120, 120)).stroke_width(2);
        chart
            .draw_series(LineSeries::new(std::iter::empty::<(f64, f64)>(), grey))?
            .label("dashed: fails there")
            .legend(move |(x, y)| DashedPathElement::new(vec![(x, y), (x + 20, y)], 4, 3, grey));
    }
    draw_crossovers(&mut chart, sweep, &x_of)?;
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(200, 200, 200))
        .label_font(("sans-serif", 14))
        .draw()?;
    Ok(())
}

/// The chart's plotting area: floating-point coordinates on both axes.
type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// One alternative's line: solid where it is feasible, dashed where it
/// fails, a gap where its cost cannot be computed; named once in the legend.
fn draw_line(
    chart: &mut Chart,
    sweep: &Sweep,
    alternative: usize,
    x_of: &dyn Fn(Decimal) -> f64,
) -> Result<(), Box<dyn std::error::Error>> {
    let colour = COLOURS[alternative % COLOURS.len()];
    let solid = ShapeStyle::from(&colour).stroke_width(2);
    let mut labelled = false;
    for (feasible, run) in runs(sweep, alternative) {
        let points: Vec<(f64, f64)> = run
            .iter()
            .map(|&i| {
                let y = sweep
                    .charted(&sweep.row(i)[alternative])
                    .unwrap_or_default();
                (x_of(sweep.points[i]), f(y))
            })
            .collect();
        let series = match feasible {
            None => continue,
            Some(true) => chart.draw_series(LineSeries::new(points, solid))?,
            Some(false) => chart.draw_series(DashedLineSeries::new(points, 6, 5, solid))?,
        };
        if !labelled {
            series
                .label(terminal(&sweep.names[alternative]))
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], solid));
            labelled = true;
        }
    }
    Ok(())
}

/// An alternative's points, cut into runs of the same state (feasible,
/// failing, no cost): the state (`None` for no cost) and the points with a
/// cost, by index. A run with a cost shares its last point with the next
/// run that has one, so that the line is unbroken where it has figures.
fn runs(sweep: &Sweep, alternative: usize) -> Vec<(Option<bool>, Vec<usize>)> {
    let state = |i: usize| {
        let cell = &sweep.row(i)[alternative];
        cell.cost.map(|_| cell.feasible())
    };
    let count = sweep.points.len();
    let mut runs = Vec::new();
    let mut start = 0;
    while start < count {
        let here = state(start);
        let mut end = start;
        while end + 1 < count && state(end + 1) == here {
            end += 1;
        }
        let next = end + 1;
        let last = if next < count && state(next).is_some() {
            next
        } else {
            end
        };
        let with_cost = (start..=last)
            .filter(|&i| sweep.row(i)[alternative].cost.is_some())
            .collect();
        runs.push((here, with_cost));
        start = next;
    }
    runs
}

/// Each crossover: a ring on the line that becomes the cheapest, and the
/// value where it does.
fn draw_crossovers(
    chart: &mut Chart,
    sweep: &Sweep,
    x_of: &dyn Fn(Decimal) -> f64,
) -> Result<(), Box<dyn std::error::Error>> {
    for crossover in &sweep.crossovers {
        let x = x_of(crossover.at.at);
        // On the line of the one cheapest past the boundary: at its cost,
        // or, charting another figure, at that figure at the nearest point.
        let y = match (&sweep.plan.charted, crossover.above) {
            (Charted::Cost, _) | (_, None) => crossover.cost.map_or(0.0, f),
            (_, Some(above)) => {
                let i = sweep
                    .points
                    .partition_point(|p| *p < crossover.at.at)
                    .min(sweep.points.len().saturating_sub(1));
                sweep.charted(&sweep.row(i)[above]).map_or(0.0, f)
            }
        };
        let label = format!(
            "{} {}",
            match crossover.above {
                Some(above) => terminal(&sweep.names[above]),
                None => "none feasible".to_string(),
            },
            crossover.at.words(&sweep.plan.axis, &sweep.currency)
        );
        let marker = EmptyElement::at((x, y))
            + Circle::new((0, 0), 6, ShapeStyle::from(&BLACK).stroke_width(2))
            + Text::new(
                label,
                (10, -10),
                ("sans-serif", 14)
                    .into_font()
                    .color(&BLACK)
                    .pos(Pos::new(HPos::Left, VPos::Bottom)),
            );
        chart.draw_series(std::iter::once(marker))?;
    }
    Ok(())
}

/// Characters of a 20-pixel title that fit across the chart.
const TITLE_CHARACTERS: usize = 88;

/// `text`, cut to `most` characters with an ellipsis if it is longer.
fn fitted(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(most - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use rust_decimal::Decimal;

    use super::{fitted, runs};
    use crate::base::diagnostic::Source;
    use crate::model::report::Verdict;
    use crate::scenario::{Overrides, parse};
    use crate::whatif::sweep;

    #[test]
    fn a_line_is_cut_into_runs_that_join_where_they_have_costs() {
        let text = "name = \"s\"\n[workload]\nrecords_per_second = 1000\nrecord_size = \"1 KB\"\n\
                    [[alternatives]]\nname = \"k\"\ncomponents = [{ service = \"kinesis_data_streams\" }]\n";
        let scenario = parse(
            Source::new("s.toml", text),
            Path::new("."),
            &Overrides::default(),
        )
        .expect("parses");
        let values = scenario.params.values.clone();
        let plan = sweep::plan(
            &scenario,
            &values,
            "workload.records_per_second=1..5",
            Some(4),
            None,
            false,
        )
        .expect("a plan");
        let mut sweep = sweep::run(&scenario, &values, plan).expect("a sweep");
        // Feasible, feasible, failing, no cost, feasible.
        let states = [
            Some(Verdict::Ok),
            Some(Verdict::Ok),
            Some(Verdict::Fails),
            None,
            Some(Verdict::Ok),
        ];
        for (cell, state) in sweep.cells.iter_mut().zip(states) {
            cell.cost = state.map(|_| Decimal::ONE);
            cell.verdict = state.unwrap_or(Verdict::Fails);
        }
        assert_eq!(
            runs(&sweep, 0),
            [
                (Some(true), vec![0, 1, 2]),
                (Some(false), vec![2]),
                (None, vec![4]),
                (Some(true), vec![4]),
            ]
        );
    }

    #[test]
    fn a_long_title_is_cut_with_an_ellipsis() {
        assert_eq!(fitted("short", 10), "short");
        assert_eq!(fitted("exactly 10", 10), "exactly 10");
        assert_eq!(fitted("one character more", 10), "one chara…");
        assert_eq!(fitted("ééééééééééé", 5), "éééé…");
    }
}
