//! `calc pricing import`: the table it found, as TOML, and what it did not
//! find, as warnings.

use std::fmt::Write;

use crate::base::escape::terminal;
use crate::base::number::grouped;
use crate::pricing::import::{Found, Imported, Missing, Rate, Row, RowKey, excerpt};

/// The pricing table, in the format of `pricing/*.toml`. Text from the
/// offer files is written as TOML strings (escaped) or, in comments, with
/// its control characters shown.
pub fn table(imported: &Imported, name: Option<&str>) -> String {
    let region = &imported.region;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# AWS list prices for {}, written by `calc pricing import` from the AWS Price List:",
        terminal(region)
    );
    for file in &imported.files {
        let _ = writeln!(
            out,
            "#   {}, version {}, published {}",
            terminal(&file.offer_code),
            terminal(&file.version),
            terminal(&file.publication_date)
        );
    }
    out.push_str("# Check it with `calc pricing check FILE`.\n\n");
    let default_name = format!("aws-{region}");
    let _ = writeln!(out, "name = {}", string(name.unwrap_or(&default_name)));
    let _ = writeln!(out, "region = {}", string(region));
    out.push_str("currency = \"USD\"\n");
    if let Some(as_of) = imported.as_of() {
        let _ = writeln!(out, "as_of = {}", string(as_of));
    } else if let Some(file) = imported.files.first() {
        let _ = writeln!(out, "as_of = {}", string(&file.publication_date[..10]));
    }
    let _ = writeln!(
        out,
        "description = {}",
        string(&format!(
            "AWS list prices, {region}, from the AWS Price List"
        ))
    );
    for found in imported.found.values() {
        price(&mut out, found);
    }
    for (key, row) in &imported.rows {
        instance(&mut out, key, row);
    }
    out
}

fn instance(out: &mut String, (service, name): &RowKey, row: &Row) {
    let _ = writeln!(out, "\n[instances.{service}.{}]", string(name));
    if let Some(vcpu) = row.vcpu {
        let _ = writeln!(out, "vcpu = {vcpu}");
    }
    if let Some(memory) = &row.memory {
        let _ = writeln!(out, "memory = {}", string(memory));
    }
    let _ = writeln!(out, "price = {}", number(&row.price));
    let _ = writeln!(out, "unit = {}", string(row.unit));
    let _ = writeln!(out, "source = {}", string(&row.source));
    let _ = writeln!(out, "as_of = {}", string(&row.as_of));
    out.push_str("evidence = \"aws-price-list\"\n");
    let mut note = format!("The Price List's unit is `{}`.", row.offer_unit);
    for more in &row.notes {
        note.push(' ');
        note.push_str(more);
    }
    let _ = writeln!(out, "note = {}", string(&note));
}

fn price(out: &mut String, found: &Found) {
    let (service, dimension) = found.key.split_once('.').unwrap_or((found.key, ""));
    let _ = writeln!(out, "\n[prices.{service}.{dimension}]");
    match &found.rate {
        Rate::Flat(price) => {
            let _ = writeln!(out, "price = {}", number(price));
        }
        Rate::Tiered(tiers) => {
            out.push_str("tiers = [\n");
            for (up_to, price) in tiers {
                match up_to {
                    Some(bound) => {
                        let _ = writeln!(
                            out,
                            "  {{ up_to = {}, price = {} }},",
                            number(bound),
                            number(price)
                        );
                    }
                    None => {
                        let _ = writeln!(out, "  {{ price = {} }},", number(price));
                    }
                }
            }
            out.push_str("]\n");
        }
    }
    let _ = writeln!(out, "unit = {}", string(found.unit));
    if let Some(free) = &found.free_per_month {
        let _ = writeln!(out, "free_per_month = {}", number(free));
    }
    let _ = writeln!(out, "source = {}", string(&found.source));
    let _ = writeln!(out, "as_of = {}", string(&found.as_of));
    out.push_str("evidence = \"aws-price-list\"\n");
    let mut note = if found.factor == 1 {
        format!("The Price List's unit is `{}`.", found.offer_unit)
    } else {
        format!(
            "The Price List prices one `{}`; calc's price is {} times it, per `{}`.",
            found.offer_unit,
            grouped(&found.factor.to_string()),
            found.unit
        )
    };
    if let Some(free) = &found.free_per_month {
        let _ = write!(
            note,
            " Its first range, priced 0, is written as `free_per_month` ({} {}).",
            free.normalize(),
            found.unit
        );
    }
    let _ = writeln!(out, "note = {}", string(&note));
}

/// A TOML basic string.
fn string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A TOML number, exactly as the decimal reads.
fn number(value: &rust_decimal::Decimal) -> String {
    value.normalize().to_string()
}

/// What the table lacks, and why: a warning a dimension, for stderr.
pub fn missing(imported: &Imported) -> String {
    let mut out = String::new();
    for file in imported.files.iter().filter(|f| !f.known) {
        let _ = writeln!(
            out,
            "warning: `{}` is an offer calc models no service of (`{}`): nothing taken from it",
            terminal(&file.path),
            terminal(&file.offer_code)
        );
    }
    rows_missing(&mut out, imported);
    if imported.missing.is_empty() {
        return out;
    }
    let total = imported.missing.len() + imported.found.len();
    let _ = writeln!(
        out,
        "warning: {} of the {total} prices of the services in the offer files are not in the table:",
        imported.missing.len()
    );
    for (key, missing) in &imported.missing {
        let _ = writeln!(out, "  {key}: {}", why(imported, missing));
    }
    out
}

/// The types of the Region's products that are not rows of the table.
fn rows_missing(out: &mut String, imported: &Imported) {
    if imported.rows_missing.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "warning: {} of the {} types of the catalogues in the offer files are not in the table:",
        grouped(&imported.rows_missing.len().to_string()),
        grouped(&(imported.rows_missing.len() + imported.rows.len()).to_string())
    );
    for ((service, name), missing) in &imported.rows_missing {
        let _ = writeln!(
            out,
            "  {service} `{}`: {}",
            terminal(&excerpt(name)),
            why(imported, missing)
        );
    }
}

fn why(imported: &Imported, missing: &Missing) -> String {
    match missing {
        Missing::NoMapping => "calc knows no product of the AWS Price List for it".to_string(),
        Missing::NoProduct { offer } => format!(
            "no product of `{}` in {} has its usage type and attributes",
            terminal(offer),
            terminal(&imported.region)
        ),
        // However many match, the line names the first few and
        // counts the rest.
        Missing::Ambiguous { skus, count } => {
            let more = count.saturating_sub(skus.len());
            format!(
                "{} products match, SKUs {}{}: calc does not choose",
                grouped(&count.to_string()),
                skus.iter()
                    .map(|s| format!("`{}`", terminal(&excerpt(s))))
                    .collect::<Vec<_>>()
                    .join(", "),
                if more == 0 {
                    String::new()
                } else {
                    format!(" … and {} more", grouped(&more.to_string()))
                }
            )
        }
        Missing::Unusable { sku, why } => {
            format!("SKU `{}`: {}", terminal(&excerpt(sku)), terminal(why))
        }
    }
}
/// The README's table of which product prices which of calc's prices,
/// from each service's `OFFER`.
pub fn readme_table() -> String {
    let mut out = String::from(
        "| calc price | offer | usage type (after the Region prefix) and attributes | unit |\n\
         | --- | --- | --- | --- |\n",
    );
    for def in crate::services::ALL {
        let Some(offer) = def.offer else { continue };
        for mapping in offer.mappings {
            let mut product: Vec<String> = mapping
                .usage_type
                .iter()
                .map(|usage_type| format!("`{usage_type}`"))
                .collect();
            product.extend(mapping.attributes.iter().map(|(name, value)| match *name {
                "productFamily" => format!("product family `{value}`"),
                name => format!("`{name}` `{value}`"),
            }));
            let _ = writeln!(
                out,
                "| `{}` | `{}` | {} | ×{} |",
                mapping.dimension.key,
                offer.code,
                product.join(", "),
                grouped(&mapping.factor.to_string())
            );
        }
    }
    out
}
