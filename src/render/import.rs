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
    let mut note = format!("The Price List's unit is `{}`.", row.offer_unit);
    for more in &row.notes {
        note.push(' ');
        note.push_str(more);
    }
    sourced(out, &row.source, &row.as_of, &note);
}

/// Where an imported figure comes from: its source, date and grade, and
/// the note on how the Price List states it.
fn sourced(out: &mut String, source: &str, as_of: &str, note: &str) {
    let _ = writeln!(out, "source = {}", string(source));
    let _ = writeln!(out, "as_of = {}", string(as_of));
    out.push_str("evidence = \"aws-price-list\"\n");
    let _ = writeln!(out, "note = {}", string(note));
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
    sourced(out, &found.source, &found.as_of, &note);
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

#[cfg(test)]
mod tests {
    //! The catalogue rows of `tests/offers/ec2.json` as the table writes
    //! them, read against calc's own EC2.

    use std::path::PathBuf;

    use super::*;
    use crate::pricing::import::{Request, import};

    /// The instance types of `tests/offers/ec2.json`, an AmazonEC2 offer file
    /// in AWS's format whose us-east-1 products price four types alone,
    /// `c5.xlarge` twice, and `m5.large` also as Windows, dedicated, with SQL
    /// Server, and as a reservation's unused and allocated capacity.
    const EC2: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/offers/ec2.json");

    fn ec2_offer() -> serde_json::Value {
        let text = std::fs::read_to_string(EC2).expect("the fixture");
        serde_json::from_str(&text).expect("JSON")
    }

    fn import_files(files: &[PathBuf], region: &str) -> Imported {
        let request = Request {
            files,
            region,
            usage_type_prefix: None,
        };
        import(&request, crate::services::vocabulary()).expect("imports")
    }

    /// Imports `offer`, written to a file of its own.
    fn import_value(offer: &serde_json::Value, name: &str) -> Imported {
        let path =
            std::env::temp_dir().join(format!("calc-import-{}-{name}.json", std::process::id()));
        std::fs::write(&path, offer.to_string()).expect("written");
        let imported = import_files(std::slice::from_ref(&path), "us-east-1");
        let _ = std::fs::remove_file(&path);
        imported
    }

    /// Sets attribute `name` of product `sku` to `value`, or removes it.
    fn set(offer: &mut serde_json::Value, sku: &str, name: &str, value: Option<&str>) {
        let attributes = offer["products"][sku]["attributes"]
            .as_object_mut()
            .expect("attributes");
        match value {
            Some(value) => attributes.insert(name.to_string(), value.into()),
            None => attributes.remove(name),
        };
    }

    fn rows(imported: &Imported) -> Vec<&str> {
        imported
            .rows
            .keys()
            .map(|(_, name)| name.as_str())
            .collect()
    }

    fn sku_of<'a>(imported: &'a Imported, name: &str) -> &'a str {
        let row = &imported.rows[&("ec2", name.to_string())];
        let sku = row.source.split("SKU ").nth(1).expect("a SKU");
        &sku[..16]
    }

    #[test]
    fn each_type_of_the_region_is_one_row_worked_out_by_hand() {
        let imported = import_files(&[PathBuf::from(EC2)], "us-east-1");
        let table = table(&imported, None);
        let rows = table
            .split_once("\n\n[instances.")
            .map(|(_, rows)| format!("[instances.{rows}"))
            .expect("rows");
        let source = |sku: &str, usage_type: &str| {
            format!(
                "source = \"AWS Price List, AmazonEC2, version 20251127000000, published \
                 2025-11-27T00:00:00Z, SKU {sku}, rate code {sku}.JRTCKXETXF.6YS6EN2CT7, usage type \
                 {usage_type}\"\n\
                 as_of = \"2025-11-27\"\n\
                 evidence = \"aws-price-list\"\n\
                 note = \"The Price List's unit is `Hrs`.\"\n"
            )
        };
        // In type order; "8 GiB" is calc's "8 GB" (1,024³ bytes), "1,952 GiB"
        // loses its comma, "0.5 GiB" is half a GB; the prices are the files'
        // `pricePerUnit`s to their last significant digit.
        let expected = [
            "[instances.ec2.\"m5.large\"]\nvcpu = 2\nmemory = \"8 GB\"\nprice = 0.096\n\
             unit = \"instance-hour\"\n"
                .to_string()
                + &source("6C86BEPQVG73ZGGR", "BoxUsage:m5.large"),
            "[instances.ec2.\"p5.48xlarge\"]\nvcpu = 192\nmemory = \"2048 GB\"\nprice = 98.32\n\
             unit = \"instance-hour\"\n"
                .to_string()
                + &source("NX2DQAZSAXHPQQWH", "BoxUsage:p5.48xlarge"),
            "[instances.ec2.\"t3.nano\"]\nvcpu = 2\nmemory = \"0.5 GB\"\nprice = 0.0052\n\
             unit = \"instance-hour\"\n"
                .to_string()
                + &source("GQRZG3SKC7UJXFPG", "BoxUsage:t3.nano"),
            "[instances.ec2.\"x1.32xlarge\"]\nvcpu = 128\nmemory = \"1952 GB\"\nprice = 13.338\n\
             unit = \"instance-hour\"\n"
                .to_string()
                + &source("EN8EHEZJQFFQJZRC", "BoxUsage:x1.32xlarge"),
        ]
        .join("\n");
        assert_eq!(rows, expected);
        // EC2's one dimension is priced by the rows: not listed as missing.
        assert!(imported.missing.is_empty(), "{:?}", imported.missing);
        assert_eq!(imported.as_of(), Some("2025-11-27"));
    }

    #[test]
    fn a_type_several_products_still_match_is_left_out_and_named() {
        let imported = import_files(&[PathBuf::from(EC2)], "us-east-1");
        let key = ("ec2", "c5.xlarge".to_string());
        assert!(!imported.rows.contains_key(&key));
        assert_eq!(
            imported.rows_missing[&key],
            Missing::Ambiguous {
                skus: vec!["J5XV6QYVBKHKTPUT".into(), "JZT3EFZTTU8PCGVK".into()],
                count: 2,
            }
        );
        assert_eq!(imported.rows_missing.len(), 1);
        assert_eq!(
            missing(&imported),
            "warning: 1 of the 5 types of the catalogues in the offer files are not in the table:\n  \
             ec2 `c5.xlarge`: 2 products match, SKUs `J5XV6QYVBKHKTPUT`, `JZT3EFZTTU8PCGVK`: calc \
             does not choose\n"
        );
    }

    #[test]
    fn each_filter_is_what_sets_the_other_products_of_a_type_aside() {
        // A product that differs from m5.large's row in one filtered attribute
        // only, once that attribute is made the row's, makes the type ambiguous.
        let cases = [
            ("7MYWT7Y96UT3NJ2D", "operatingSystem", "Linux"),
            ("9YNWKQ6N4YZGEVMQ", "preInstalledSw", "NA"),
            ("8VCNEHQMSCQS4P39", "tenancy", "Shared"),
            ("2WTMTR9HDDT7AA73", "capacitystatus", "Used"),
        ];
        for (sku, attribute, value) in cases {
            let mut offer = ec2_offer();
            // The same usage type as the row's, so that only `attribute` differs.
            set(&mut offer, sku, "usagetype", Some("BoxUsage:m5.large"));
            let imported = import_value(&offer, attribute);
            assert_eq!(
                sku_of(&imported, "m5.large"),
                "6C86BEPQVG73ZGGR",
                "{attribute}"
            );
            set(&mut offer, sku, attribute, Some(value));
            set(&mut offer, sku, "operation", Some("RunInstances"));
            let imported = import_value(&offer, attribute);
            let key = ("ec2", "m5.large".to_string());
            assert!(
                matches!(&imported.rows_missing[&key], Missing::Ambiguous { count: 2, skus }
                    if skus.contains(&sku.to_string())),
                "{attribute}: {:?}",
                imported.rows_missing.get(&key)
            );
        }
    }

    #[test]
    fn the_usage_type_and_the_market_set_products_aside_too() {
        // The dedicated product as shared: its usage type alone sets it aside.
        let mut offer = ec2_offer();
        set(&mut offer, "8VCNEHQMSCQS4P39", "tenancy", Some("Shared"));
        let imported = import_value(&offer, "usage");
        assert_eq!(sku_of(&imported, "m5.large"), "6C86BEPQVG73ZGGR");
        // A Capacity Block's product is not the On-Demand one; a file that
        // does not say which market a product is in leaves both.
        assert_eq!(sku_of(&imported, "p5.48xlarge"), "NX2DQAZSAXHPQQWH");
        set(&mut offer, "PVQPRZGBT6MK2UGA", "marketoption", None);
        let imported = import_value(&offer, "market");
        assert!(matches!(
            imported.rows_missing[&("ec2", "p5.48xlarge".to_string())],
            Missing::Ambiguous { count: 2, .. }
        ));
    }

    #[test]
    fn only_the_regions_products_are_rows_after_its_prefix() {
        let imported = import_files(&[PathBuf::from(EC2)], "us-east-2");
        assert_eq!(rows(&imported), ["m5.large"]);
        assert_eq!(sku_of(&imported, "m5.large"), "XNUHNZ8XJAWRBZWS");
        assert!(imported.rows_missing.is_empty());
        // A usage type after another Region's prefix is not the type's.
        let mut offer = ec2_offer();
        set(
            &mut offer,
            "GQRZG3SKC7UJXFPG",
            "usagetype",
            Some("USE2-BoxUsage:t3.nano"),
        );
        let imported = import_value(&offer, "prefix");
        assert_eq!(rows(&imported), ["m5.large", "p5.48xlarge", "x1.32xlarge"]);
    }

    #[test]
    fn what_a_row_cannot_hold_is_left_out_or_said() {
        let mut offer = ec2_offer();
        // A memory calc does not read: the row, without it, says so.
        set(&mut offer, "GQRZG3SKC7UJXFPG", "memory", Some("NA"));
        set(&mut offer, "GQRZG3SKC7UJXFPG", "vcpu", Some("Variable"));
        // A price of 0 is not an instance's price: the type is left out.
        offer["terms"]["OnDemand"]["EN8EHEZJQFFQJZRC"]["EN8EHEZJQFFQJZRC.JRTCKXETXF"]["priceDimensions"]
            ["EN8EHEZJQFFQJZRC.JRTCKXETXF.6YS6EN2CT7"]["pricePerUnit"]["USD"] =
            "0.0000000000".into();
        // A price per another unit is not one per hour.
        offer["terms"]["OnDemand"]["NX2DQAZSAXHPQQWH"]["NX2DQAZSAXHPQQWH.JRTCKXETXF"]["priceDimensions"]
            ["NX2DQAZSAXHPQQWH.JRTCKXETXF.6YS6EN2CT7"]["unit"] = "Quantity".into();
        let imported = import_value(&offer, "unusable");
        let nano = &imported.rows[&("ec2", "t3.nano".to_string())];
        assert_eq!((nano.vcpu, nano.memory.as_deref()), (None, None));
        assert_eq!(
            nano.notes,
            [
                "The Price List gives its `vcpu` as `Variable`, not a number of vCPUs: the row leaves it out.",
                "The Price List gives its `memory` as `NA`, not a size in GiB: the row leaves it out.",
            ]
        );
        let why = |name: &str| match &imported.rows_missing[&("ec2", name.to_string())] {
            Missing::Unusable { why, .. } => why.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(why("x1.32xlarge"), "it is priced 0");
        assert_eq!(
            why("p5.48xlarge"),
            "it is priced per `Quantity`, not per `Hrs`"
        );
        let table = table(&imported, None);
        assert!(table.contains(
            "note = \"The Price List's unit is `Hrs`. The Price List gives its `vcpu` as `Variable`"
        ));
    }
}
