//! A sweep as a line chart (SVG): monthly cost against the varied value, one
//! line an alternative, dashed where it fails, each crossover marked and
//! labelled. Drawn for a design document; the figures behind it are exact,
//! the drawing is in floating point.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::ops::Range;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::text;
use crate::base::escape::terminal;
use crate::base::units::{GIB, KIB, MIB, TIB};
use crate::scenario::Scenario;
use crate::scenario::params::Place;
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
        .chain(sweep.bands.iter().flatten().map(|(_, p90)| f(*p90)))
        .fold(0.0_f64, f64::max);
    let y_max = if y_max > 0.0 { y_max * 1.08 } else { 1.0 };
    let currency = &sweep.currency;

    // The axes' titles and the chart's say what the varied value means,
    // in words; the chart's title is wrapped, never cut.
    let meaning = named(sweep, scenario, true);
    let what = match &sweep.plan.charted {
        Charted::Cost => "monthly cost".to_string(),
        Charted::Latency => "latency".to_string(),
        Charted::Capacity(figure) => terminal(figure),
    };
    let lines = title_lines(
        &terminal(&scenario.name),
        &format!("{what} by {}", named(sweep, scenario, false)),
    );
    let title_font = ("sans-serif", 20)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Center, VPos::Top));
    for (i, line) in lines.iter().enumerate() {
        let y = TITLE_TOP + TITLE_LINE * i32::try_from(i).unwrap_or(0);
        root.draw(&Text::new(
            line.clone(),
            (i32::try_from(WIDTH / 2).unwrap_or(0), y),
            title_font.clone(),
        ))?;
    }
    let title_height = TITLE_TOP + TITLE_LINE * i32::try_from(lines.len()).unwrap_or(0);
    let (_, body) = root.split_vertically(title_height);
    let mut chart = ChartBuilder::on(&body)
        .margin(16)
        .x_label_area_size(48)
        .y_label_area_size(84)
        .build_cartesian_2d(x_min..x_max, 0.0..y_max)?;

    let x_title = if scale.unit.is_empty() {
        meaning
    } else {
        format!("{meaning} ({})", scale.unit)
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
        draw_band(&mut chart, sweep, alternative, &x_of)?;
    }
    for alternative in 0..sweep.names.len() {
        draw_line(&mut chart, sweep, alternative, &x_of)?;
    }
    if !sweep.bands.is_empty() {
        let shade = RGBColor(120, 120, 120).mix(0.25).filled();
        chart
            .draw_series(std::iter::empty::<Polygon<(f64, f64)>>())?
            .label(format!(
                "band: P10 to P90 of {} samples a point",
                text::number(Decimal::from(sweep.band_samples), 0)
            ))
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 20, y + 5)], shade));
    }
    if sweep.cells.iter().any(|c| !c.feasible()) {
        let grey = ShapeStyle::from(&RGBColor(120, 120, 120)).stroke_width(2);
        chart
            .draw_series(LineSeries::new(std::iter::empty::<(f64, f64)>(), grey))?
            .label("dashed: fails there")
            .legend(move |(x, y)| DashedPathElement::new(vec![(x, y), (x + 20, y)], 4, 3, grey));
    }
    let labels = draw_crossovers(&mut chart, sweep, &x_of)?;
    let legend = legend_size(sweep);
    let marks = marks(&chart, sweep, &x_of, &labels);
    let (across, down) = chart.plotting_area().get_pixel_range();
    chart
        .configure_series_labels()
        .position(corner((across, down), legend, &marks))
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(200, 200, 200))
        .label_font(("sans-serif", LEGEND_FONT))
        .draw()?;
    Ok(())
}

/// The chart's plotting area: floating-point coordinates on both axes.
type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The band around one alternative's line, from P10 to P90 of the samples
/// at each point, in the line's colour, faint; cut where a point has none.
fn draw_band(
    chart: &mut Chart,
    sweep: &Sweep,
    alternative: usize,
    x_of: &dyn Fn(Decimal) -> f64,
) -> Result<(), Box<dyn std::error::Error>> {
    let colour = COLOURS[alternative % COLOURS.len()];
    let mut run: Vec<(f64, f64, f64)> = Vec::new();
    let mut runs = Vec::new();
    for (i, x) in sweep.points.iter().enumerate() {
        match sweep.band(i, alternative) {
            Some((p10, p90)) => run.push((x_of(*x), f(p10), f(p90))),
            None => runs.push(std::mem::take(&mut run)),
        }
    }
    runs.push(run);
    for run in runs.into_iter().filter(|r| r.len() > 1) {
        let outline: Vec<(f64, f64)> = run
            .iter()
            .map(|&(x, low, _)| (x, low))
            .chain(run.iter().rev().map(|&(x, _, high)| (x, high)))
            .collect();
        chart.draw_series(std::iter::once(Polygon::new(
            outline,
            colour.mix(0.18).filled(),
        )))?;
    }
    Ok(())
}

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

/// A crossover's marker as drawn: its place on the chart, and its label's
/// length in characters.
type Marker = ((f64, f64), usize);

/// Each crossover: a ring on the line that becomes the cheapest, and the
/// value where it does. Returns each marker's place on the chart and its
/// label's length in characters, for the legend to keep clear of.
fn draw_crossovers(
    chart: &mut Chart,
    sweep: &Sweep,
    x_of: &dyn Fn(Decimal) -> f64,
) -> Result<Vec<Marker>, Box<dyn std::error::Error>> {
    let mut drawn = Vec::new();
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
        drawn.push(((x, y), label.chars().count()));
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
    Ok(drawn)
}

/// How the value is named, in words: for the axis, what it means (`long`):
/// a count a month by what it counts ("queries a month"), else its key's
/// doc line up to its first aside ("the peak rate over the average"); for
/// the title, its key in words ("peak to average"); a unit price by its
/// dimension; then whose it is ("of Athena over Parquet in S3").
fn named(sweep: &Sweep, scenario: &Scenario, long: bool) -> String {
    let axis = &sweep.plan.axis;
    let place = scenario.params.info.get(axis.slot).map(|param| param.place);
    let what = match (place, axis.counted()) {
        (Some(Place::Price(index)), _) => format!(
            "the unit price of {}",
            crate::services::dimensions()
                .nth(index)
                .map_or("", |d| d.key)
        ),
        (_, Some(counted)) => counted,
        _ if long => first_clause(axis.key.doc),
        _ => axis.key.name.replace('_', " "),
    };
    let alternative = match place {
        Some(Place::Component { alternative, .. } | Place::Alternative(alternative)) => {
            scenario.alternatives.get(alternative)
        }
        _ => None,
    };
    match alternative {
        Some(alternative) => format!("{what} of {}", terminal(&alternative.name)),
        None => what,
    }
}

/// A doc line up to its first aside that leaves at least three words:
/// "records received per second, on average" → "records received per
/// second"; "with Spot, the fraction below the On-Demand price you assume
/// (0.7 is 70% off)" → "with Spot, the fraction below the On-Demand price
/// you assume".
fn first_clause(doc: &str) -> String {
    let mut ends: Vec<usize> = [" (", ", ", "; "]
        .iter()
        .flat_map(|aside| doc.match_indices(aside).map(|(at, _)| at))
        .collect();
    ends.sort_unstable();
    let clause = ends
        .into_iter()
        .map(|end| &doc[..end])
        .find(|clause| clause.split_whitespace().count() >= 3)
        .unwrap_or(doc);
    clause.replace('`', "")
}

/// Characters of a 20-pixel title that fit across the chart.
const TITLE_CHARACTERS: usize = 88;
/// The most lines a title takes before it is said more shortly.
const TITLE_LINES: usize = 3;
/// Where the title's first line starts, and the height of each line.
const TITLE_TOP: i32 = 12;
const TITLE_LINE: i32 = 26;

/// The chart's title, `name: what`, wrapped at words to fit across the
/// chart; past three lines (a very long scenario name), `what` alone, and
/// only past that is a line cut, with an ellipsis.
fn title_lines(name: &str, what: &str) -> Vec<String> {
    let full = wrapped(&format!("{name}: {what}"), TITLE_CHARACTERS);
    if full.len() <= TITLE_LINES {
        return full;
    }
    let mut short = wrapped(what, TITLE_CHARACTERS);
    if short.len() > TITLE_LINES {
        short.truncate(TITLE_LINES);
        if let Some(last) = short.last_mut() {
            *last = fitted(&format!("{last} …"), TITLE_CHARACTERS);
        }
    }
    short
}

/// `text` in lines of at most `most` characters, broken between words (and
/// within a word only when it is longer than a line).
fn wrapped(text: &str, most: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        let width = line.chars().count();
        if width > 0 && width + 1 + word.len() <= most {
            line.push(' ');
            line.extend(word);
            continue;
        }
        if width > 0 {
            lines.push(std::mem::take(&mut line));
        }
        while word.len() > most {
            lines.push(word.drain(..most).collect());
        }
        line.extend(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text`, cut to `most` characters with an ellipsis if it is longer.
fn fitted(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(most - 1).collect();
    cut.push('…');
    cut
}

/// The legend's font, as drawn.
const LEGEND_FONT: u32 = 14;

/// The legend's size in pixels, as plotters lays it out: its labels (one an
/// alternative, and the dashed line's), a 30-pixel sample, and a margin of
/// 10 all round.
fn legend_size(sweep: &Sweep) -> (i32, i32) {
    let mut labels: Vec<String> = sweep.names.iter().map(|name| terminal(name)).collect();
    if sweep.cells.iter().any(|c| !c.feasible()) {
        labels.push("dashed: fails there".to_string());
    }
    let font: TextStyle = ("sans-serif", LEGEND_FONT).into_font().into();
    let mut text = MultiLineText::<_, &str>::new((0, 0), &font);
    for label in &labels {
        text.push_line(label.as_str());
    }
    let (w, h) = text.estimate_dimension().unwrap_or_else(|_| {
        let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        let lines = labels.len();
        (
            i32::try_from(longest * 8).unwrap_or(i32::MAX / 2),
            i32::try_from(lines * 17).unwrap_or(i32::MAX / 2),
        )
    });
    (w.saturating_add(30 + 20), h.saturating_add(20))
}

/// Where on the chart (in pixels) something is drawn that the legend must
/// not hide: every line, sampled every few pixels between its points, each
/// crossover's ring and the box of its label.
fn marks(
    chart: &Chart,
    sweep: &Sweep,
    x_of: &dyn Fn(Decimal) -> f64,
    labels: &[Marker],
) -> Vec<(i32, i32)> {
    let mut marks = Vec::new();
    for alternative in 0..sweep.names.len() {
        let points: Vec<(i32, i32)> = (0..sweep.points.len())
            .filter_map(|i| {
                let y = sweep.charted(&sweep.row(i)[alternative])?;
                Some(chart.backend_coord(&(x_of(sweep.points[i]), f(y))))
            })
            .collect();
        marks.extend(points.first().copied());
        for pair in points.windows(2) {
            let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
            let steps = ((x1 - x0).abs().max((y1 - y0).abs()) / 4).max(1);
            marks.extend(
                (1..=steps).map(|k| (x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps)),
            );
        }
    }
    for &(at, characters) in labels {
        let (x, y) = chart.backend_coord(&at);
        // The ring (6 px) and the label to its upper right, 14-pixel text
        // at about 8 px a character.
        let right = x + 10 + i32::try_from(characters * 8).unwrap_or(i32::MAX / 4);
        for along in (x - 6..=right).step_by(4) {
            for up in (y - 30..=y + 6).step_by(4) {
                marks.push((along, up));
            }
        }
    }
    marks
}

/// The corner of the plotting area (`area`, in pixels) where a legend of
/// `size` covers the fewest `marks`; among those, the one farthest from
/// them, the upper left first when none is near.
fn corner(
    area: (Range<i32>, Range<i32>),
    size: (i32, i32),
    marks: &[(i32, i32)],
) -> SeriesLabelPosition {
    use SeriesLabelPosition::{LowerLeft, LowerRight, UpperLeft, UpperRight};
    let (across, down) = area;
    let (w, h) = size;
    // plotters sets the legend 5 px in from the corner.
    let left = across.start + 5;
    let right = across.end - 5 - w;
    let top = down.start + 5;
    let bottom = down.end - 5 - h;
    let boxes = [
        (UpperLeft, left, top),
        (UpperRight, right, top),
        (LowerLeft, left, bottom),
        (LowerRight, right, bottom),
    ];
    let score = |&(_, x, y): &(SeriesLabelPosition, i32, i32)| {
        let covered = marks
            .iter()
            .filter(|&&(mx, my)| mx >= x - 4 && mx <= x + w + 4 && my >= y - 4 && my <= y + h + 4)
            .count();
        // The nearest mark to the box, as a squared distance.
        let (cx, cy) = (
            i64::from(x) + i64::from(w) / 2,
            i64::from(y) + i64::from(h) / 2,
        );
        let nearest = marks
            .iter()
            .map(|&(mx, my)| {
                let dx = (i64::from(mx) - cx).abs() - i64::from(w) / 2;
                let dy = (i64::from(my) - cy).abs() - i64::from(h) / 2;
                dx.max(0).pow(2) + dy.max(0).pow(2)
            })
            .min()
            .unwrap_or(i64::MAX);
        (covered, std::cmp::Reverse(nearest))
    };
    boxes
        .iter()
        .enumerate()
        .min_by_key(|(i, b)| (score(b), *i))
        .map_or(UpperLeft, |(_, b)| b.0.clone())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use rust_decimal::Decimal;

    use plotters::chart::SeriesLabelPosition;

    use super::{corner, first_clause, fitted, runs, title_lines, wrapped};
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

    #[test]
    fn a_title_is_wrapped_between_words() {
        assert_eq!(wrapped("monthly cost by x", 20), ["monthly cost by x"]);
        assert_eq!(
            wrapped("monthly cost by peak to average", 16),
            ["monthly cost by", "peak to average"]
        );
        // A word longer than a line is the one thing broken.
        assert_eq!(wrapped("a abcdefgh b", 4), ["a", "abcd", "efgh", "b"]);
        // Past three lines, the title drops the scenario's name, whole.
        let name = "word ".repeat(60);
        assert_eq!(
            title_lines(name.trim(), "monthly cost by the peak rate"),
            ["monthly cost by the peak rate"]
        );
    }

    #[test]
    fn a_doc_line_is_said_up_to_its_first_aside() {
        assert_eq!(
            first_clause("records received per second, on average"),
            "records received per second"
        );
        assert_eq!(
            first_clause("the peak rate over the average (instead of a peak rate), at least 1"),
            "the peak rate over the average"
        );
        // Not before three words: "with Spot" says nothing alone.
        assert_eq!(
            first_clause(
                "with Spot, the fraction below the On-Demand price you assume (0.7 is 70% off)"
            ),
            "with Spot, the fraction below the On-Demand price you assume"
        );
        assert_eq!(first_clause("`csv` or `parquet`"), "csv or parquet");
    }

    #[test]
    fn the_legend_takes_the_corner_farthest_from_the_marks() {
        // A plotting area 100..900 across and 50..450 down; a legend of
        // 200 x 60 px sits 5 px in from a corner.
        let area = (100..900, 50..450);
        let legend = (200, 60);
        // Nothing drawn: the upper left.
        assert!(matches!(
            corner(area.clone(), legend, &[]),
            SeriesLabelPosition::UpperLeft
        ));
        // A line falling from the upper left to the lower right covers the
        // upper left (105..305, 55..115) and the lower right; it is as far
        // from the upper right as from the lower left, and the upper comes
        // first; a mark near the upper right tips it to the lower left.
        let falling: Vec<(i32, i32)> = (0..=80).map(|k| (100 + k * 10, 50 + k * 5)).collect();
        assert!(matches!(
            corner(area.clone(), legend, &falling),
            SeriesLabelPosition::UpperRight
        ));
        let mut near = falling.clone();
        near.push((850, 130));
        assert!(matches!(
            corner(area.clone(), legend, &near),
            SeriesLabelPosition::LowerLeft
        ));
        // A rising line and a crossover's label in the upper left: the
        // lower right.
        let mut rising: Vec<(i32, i32)> = (0..=80).map(|k| (100 + k * 10, 450 - k * 5)).collect();
        rising.push((150, 80));
        assert!(matches!(
            corner(area, legend, &rising),
            SeriesLabelPosition::LowerRight
        ));
    }
}
