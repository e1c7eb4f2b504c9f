//! `calc services`: the services side by side, or one in full.

use std::fmt::Write;

use comfy_table::{ColumnConstraint, Width};

use super::table::new_wrapped_table;
use super::text;
use crate::base::escape::terminal;
use crate::commands::services::Services;
use crate::pricing::{LimitValue, Missing, PriceBook, Rate};
use crate::services::{self, ServiceDef};

/// Wide enough for the long columns, narrow enough for a laptop's terminal.
pub(super) const WIDTH: u16 = 140;

/// One row a service: the properties the comparison chart shows.
/// What `calc services` asked for.
pub fn render(services: &Services) -> String {
    match services {
        Services::List => list(),
        Services::Detail { service, book } => detail(service, book),
    }
}

/// The README's table of services, from each service's `Doc`: what it
/// bills and the capacity it reports.
pub fn readme_table() -> String {
    let cell = |text: &str| text.replace('|', "\\|");
    let mut out =
        String::from("| service | what it bills | capacity it reports |\n| --- | --- | --- |\n");
    for def in services::ALL {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} |",
            def.name,
            cell(def.doc.bills),
            cell(def.doc.reports)
        );
    }
    out
}

/// The README's table of the built-in day profiles: each name, what it
/// is, its peak and its 24 factors, from the data the binary carries.
pub fn profiles_readme_table() -> String {
    let mut out = String::from(
        "| profile | the day | peak | factors, 00:00 to 23:00 |\n| --- | --- | --- | --- |\n",
    );
    for profile in crate::model::profile::builtin() {
        let factors: Vec<String> = profile
            .factors
            .iter()
            .map(|f| f.normalize().to_string())
            .collect();
        let _ = writeln!(
            out,
            "| `{}` | {} | {}× | {} |",
            profile.name,
            profile.doc.replace('|', "\\|"),
            profile.peak().normalize(),
            factors.join(" ")
        );
    }
    out
}

pub fn list() -> String {
    let mut table = new_wrapped_table(
        &[
            "service",
            "ordering",
            "retention",
            "replay",
            "latency",
            "scaling",
        ],
        WIDTH,
    );
    for def in services::ALL {
        let doc = def.doc;
        table.add_row(vec![
            def.name,
            doc.ordering,
            doc.retention,
            doc.replay,
            doc.latency,
            doc.scaling,
        ]);
    }
    // Service names are keys to copy: never wrap them.
    let longest = services::names().map(str::len).max().unwrap_or(0);
    if let Some(column) = table.column_mut(0) {
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(
            u16::try_from(longest).unwrap_or(u16::MAX),
        )));
    }
    format!(
        "{table}\n`calc services <name>` shows a service's keys, limits, prices and formulas.\n"
    )
}

/// Everything about one service, with the prices and limits of `book`; the
/// table's own words go through [`terminal`].
pub fn detail(def: &ServiceDef, book: &PriceBook) -> String {
    let doc = def.doc;
    let mut out = String::new();
    let _ = writeln!(out, "{} (`{}`): {}", def.title, def.name, doc.summary);
    let _ = writeln!(
        out,
        "ordering: {} · retention: {} · replay: {} · latency: {}",
        doc.ordering, doc.retention, doc.replay, doc.latency
    );

    let mut inputs = new_wrapped_table(&["key", "default", "meaning"], WIDTH);
    for key in crate::services::kit::keys(def) {
        inputs.add_row(vec![
            key.name.to_string(),
            key.default_text(),
            key.doc.to_string(),
        ]);
    }
    let _ = writeln!(out, "\nKeys\n{inputs}");

    let _ = writeln!(
        out,
        "\nPrices ({}, {})\n{}",
        terminal(&book.name),
        terminal(&book.region),
        prices(def, book)
    );
    if let Some(types) = types(def, book) {
        let _ = writeln!(out, "\nTypes\n{types}");
    }
    let _ = writeln!(out, "\nLimits\n{}", limits(def, book));

    let _ = writeln!(out, "\nFormulas");
    for formula in doc.formulas {
        let _ = writeln!(out, "- {formula}");
    }
    out
}

/// A service's prices in `book`, a row a dimension, with the source of each;
/// a dimension the table lacks says so.
pub fn prices(def: &ServiceDef, book: &PriceBook) -> comfy_table::Table {
    let currency = &terminal(&book.currency);
    let mut prices = new_wrapped_table(
        &[
            "dimension",
            "unit",
            "price",
            "free tier",
            "evidence",
            "as of",
            "source",
        ],
        WIDTH,
    );
    for dimension in def.dimensions {
        if let Some(service) = def.priced().catalogue_service(dimension) {
            let rows = book.instances(service).len();
            if rows == 0 {
                prices.add_row(missing_row(
                    book,
                    dimension.name(),
                    Some(dimension.unit),
                    book.missing_price(dimension.key),
                ));
                continue;
            }
            let held = if service == def.name {
                format!("by type: {rows} types (below)")
            } else {
                format!("by type: {rows} types of `[instances.{service}]`")
            };
            prices.add_row(vec![
                dimension.name().to_string(),
                dimension.unit.to_string(),
                held,
            ]);
            continue;
        }
        let Some(price) = book.price(dimension.key) else {
            prices.add_row(missing_row(
                book,
                dimension.name(),
                Some(dimension.unit),
                book.missing_price(dimension.key),
            ));
            continue;
        };
        let rate = match &price.rate {
            Rate::Flat(p) => text::unit_price(*p, currency),
            Rate::Tiered(tiers) => tiers
                .iter()
                .map(|t| match t.up_to {
                    Some(up_to) => format!(
                        "{} to {}",
                        text::unit_price(t.price, currency),
                        text::number(up_to, 4)
                    ),
                    None => format!("{} beyond", text::unit_price(t.price, currency)),
                })
                .collect::<Vec<_>>()
                .join("; "),
        };
        let free = if !price.free_per_month.is_zero() {
            format!("{} a month", text::number(price.free_per_month, 4))
        } else if !price.free_per_hour.is_zero() {
            format!("{} an hour", text::number(price.free_per_hour, 4))
        } else {
            String::new()
        };
        prices.add_row(vec![
            dimension.name().to_string(),
            dimension.unit.to_string(),
            rate,
            free,
            price.evidence.as_str().to_string(),
            terminal(&price.as_of),
            terminal(&price.source),
        ]);
        // Its price to the destinations the table prices apart.
        if dimension.by_destination {
            for row in book.instances(dimension.catalogue()) {
                let rate = match &row.price.rate {
                    Rate::Flat(p) => text::unit_price(*p, currency),
                    Rate::Tiered(_) => String::new(),
                };
                prices.add_row(vec![
                    format!("{} to {}", dimension.name(), row.name),
                    dimension.unit.to_string(),
                    rate,
                    String::new(),
                    row.price.evidence.as_str().to_string(),
                    terminal(&row.price.as_of),
                    terminal(&row.price.source),
                ]);
            }
        }
    }
    prices
}

/// The row of a price (with its `unit`) or a limit that `book` lacks: why,
/// in the source column, when the table says.
fn missing_row(
    book: &PriceBook,
    name: &str,
    unit: Option<&str>,
    missing: Option<&Missing>,
) -> Vec<String> {
    let what = match missing {
        Some(m) if m.not_offered => format!("not offered in {}", terminal(&book.region)),
        Some(_) => "missing, with a reason".to_string(),
        None => "missing from the table".to_string(),
    };
    let why = missing.map_or_else(String::new, |m| terminal(&m.reason));
    let mut row = vec![name.to_string()];
    row.extend(unit.map(str::to_string));
    row.push(what);
    // The columns between the value and the source: free tier (prices
    // only), evidence, as of.
    row.extend(std::iter::repeat_n(
        String::new(),
        if unit.is_some() { 3 } else { 2 },
    ));
    row.push(why);
    row
}

/// A service's catalogue in `book`, a row a type, with the source of each;
/// `None` for a service priced without one.
pub fn types(def: &ServiceDef, book: &PriceBook) -> Option<comfy_table::Table> {
    let dimension = def.catalogue?;
    let currency = &terminal(&book.currency);
    let mut types = new_wrapped_table(
        &[
            "type", "vCPU", "memory", "price", "evidence", "as of", "source",
        ],
        WIDTH,
    );
    for row in book.instances(def.name) {
        let price = match &row.price.rate {
            Rate::Flat(p) => text::unit_price(*p, currency),
            Rate::Tiered(_) => String::new(),
        };
        types.add_row(vec![
            row.name.to_string(),
            row.vcpu.map_or_else(String::new, |v| v.to_string()),
            row.memory.map_or_else(String::new, |m| m.to_string()),
            format!("{price} per {}", dimension.unit),
            row.price.evidence.as_str().to_string(),
            terminal(&row.price.as_of),
            terminal(&row.price.source),
        ]);
        // Its rates under each commitment, a line each, below it.
        for commitment in row.commitments.iter() {
            let flat = |price: &crate::pricing::Price| match &price.rate {
                Rate::Flat(p) => text::unit_price(*p, currency),
                Rate::Tiered(_) => String::new(),
            };
            // The unit a fee is paid for: "a node", "an instance".
            let unit = dimension.unit.trim_end_matches("-hour");
            let article = if unit.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            types.add_row(vec![
                format!("{} {}", row.name, commitment.purchase),
                String::new(),
                String::new(),
                format!(
                    "{} upfront {article} {unit}, paid once, + {} per {}",
                    match &commitment.upfront.rate {
                        Rate::Flat(p) => text::money(*p, currency),
                        Rate::Tiered(_) => String::new(),
                    },
                    flat(&commitment.hourly),
                    dimension.unit
                ),
                commitment.hourly.evidence.as_str().to_string(),
                terminal(&commitment.hourly.as_of),
                terminal(&commitment.hourly.source),
            ]);
        }
    }
    Some(types)
}

/// A service's limits in `book`, a row a limit, with the source of each.
pub fn limits(def: &ServiceDef, book: &PriceBook) -> comfy_table::Table {
    let mut limits = new_wrapped_table(&["limit", "value", "evidence", "as of", "source"], WIDTH);
    for limit in def.limits {
        let Some(entry) = book.limit(limit.key) else {
            limits.add_row(missing_row(
                book,
                limit.name(),
                None,
                book.missing_limit(limit.key),
            ));
            continue;
        };
        let value = match entry.value {
            LimitValue::Count(n) => text::number(n, 4),
            LimitValue::Bytes(b) => b.to_string(),
            LimitValue::Duration(d) => d.to_string(),
        };
        limits.add_row(vec![
            limit.name().to_string(),
            value,
            entry.evidence.as_str().to_string(),
            terminal(&entry.as_of),
            terminal(&entry.source),
        ]);
    }
    limits
}
