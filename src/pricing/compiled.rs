//! The bundled tables as static data: [`rust_source`] writes `tables.rs`
//! from the checked tables, and a test keeps the two in step, so that a run
//! parses no table and a table is checked before it is ever used.
//!
//! To change a bundled price, edit `pricing/*.toml` and run
//! `CALC_REGENERATE=1 cargo test`.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::{Evidence, FreeKind, LimitValue, Missing, Price, PriceBook, Rate};

/// `tables.rs` for `books`, in their order.
pub fn rust_source(books: &[(&str, PriceBook)]) -> String {
    let mut out = String::from(
        "//! The bundled pricing tables, compiled from `pricing/*.toml` by\n\
         //! `compiled::rust_source`. Do not edit: edit the tables, then run\n\
         //! `CALC_REGENERATE=1 cargo test`.\n\n\
         use std::borrow::Cow::Borrowed;\n\
         use std::sync::OnceLock;\n\n\
         use rust_decimal::Decimal;\n\n\
         use super::{\n    Commitment, Evidence, FreeKind, Instance, LimitEntry, LimitValue, Missing, Price, PriceBook,\n    Rate, Tier,\n};\n\
         use crate::base::units::{Bytes, Duration};\n\n\
         /// The items as written: rustfmt leaves a macro call in braces alone,\n\
         /// so the generated layout is the formatted one.\n\
         macro_rules! generated {\n    ($($item:item)*) => {\n        $($item)*\n    };\n}\n\n\
         generated! {\n\n",
    );
    let statics: Vec<String> = books.iter().map(|(name, _)| static_name(name)).collect();
    let _ = writeln!(
        out,
        "/// Every bundled table.\npub static ALL: [&PriceBook; {}] = [{}];\n",
        books.len(),
        statics
            .iter()
            .map(|s| format!("&{s}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for ((_, book), name) in books.iter().zip(&statics) {
        write_book(&mut out, name, book);
    }
    out.push_str("}\n");
    out
}

fn static_name(table: &str) -> String {
    table
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

fn write_book(out: &mut String, name: &str, book: &PriceBook) {
    let _ = writeln!(out, "pub static {name}: PriceBook = PriceBook {{");
    let _ = writeln!(out, "    name: Borrowed({:?}),", book.name);
    let _ = writeln!(out, "    region: Borrowed({:?}),", book.region);
    let _ = writeln!(out, "    currency: Borrowed({:?}),", book.currency);
    let _ = writeln!(out, "    as_of: Borrowed({:?}),", book.as_of);
    let _ = writeln!(out, "    source_name: Borrowed({:?}),", book.source_name);
    let _ = writeln!(out, "    exchange_rate: None,");
    let _ = writeln!(out, "    prices: Borrowed(&[");
    for (key, price) in book.prices() {
        let _ = writeln!(out, "        (\n            {key:?},\n            Price {{");
        write_price(out, price);
        let _ = writeln!(out, "            }},\n        ),");
    }
    let _ = writeln!(out, "    ]),\n    instances: Borrowed(&[");
    for row in book.all_instances() {
        let _ = writeln!(out, "        Instance {{");
        let _ = writeln!(out, "            service: {:?},", row.service);
        let _ = writeln!(out, "            name: {:?},", row.name);
        let _ = writeln!(out, "            vcpu: {:?},", row.vcpu);
        let memory = row
            .memory
            .map_or_else(|| "None".to_string(), |b| format!("Some(Bytes({}))", b.0));
        let _ = writeln!(out, "            memory: {memory},");
        let storage = row
            .storage
            .map_or_else(|| "None".to_string(), |b| format!("Some(Bytes({}))", b.0));
        let _ = writeln!(out, "            storage: {storage},");
        let _ = writeln!(out, "            price: Price {{");
        write_price(out, &row.price);
        let _ = writeln!(out, "            }},");
        let _ = writeln!(out, "            commitments: Borrowed(&[");
        for commitment in row.commitments.iter() {
            let _ = writeln!(out, "                Commitment {{");
            let _ = writeln!(
                out,
                "                    purchase: {:?},",
                commitment.purchase
            );
            let _ = writeln!(out, "                    upfront: Price {{");
            write_price(out, &commitment.upfront);
            let _ = writeln!(out, "                    }},");
            let _ = writeln!(out, "                    hourly: Price {{");
            write_price(out, &commitment.hourly);
            let _ = writeln!(out, "                    }},");
            let _ = writeln!(out, "                }},");
        }
        let _ = writeln!(out, "            ]),\n        }},");
    }
    let _ = writeln!(out, "    ]),\n    limits: Borrowed(&[");
    for (key, entry) in book.limits() {
        let value = match entry.value {
            LimitValue::Count(n) => format!("LimitValue::Count({})", decimal(n)),
            LimitValue::Bytes(b) => format!("LimitValue::Bytes(Bytes({}))", b.0),
            LimitValue::Duration(d) => {
                format!(
                    "LimitValue::Duration(Duration::from_ms({}))",
                    decimal(d.ms())
                )
            }
        };
        let _ = writeln!(
            out,
            "        (\n            {key:?},\n            LimitEntry {{"
        );
        let _ = writeln!(out, "                value: {value},");
        let _ = writeln!(out, "                source: Borrowed({:?}),", entry.source);
        let _ = writeln!(out, "                as_of: Borrowed({:?}),", entry.as_of);
        let _ = writeln!(
            out,
            "                evidence: {},",
            evidence(entry.evidence)
        );
        let _ = writeln!(out, "            }},\n        ),");
    }
    let _ = writeln!(out, "    ]),");
    write_missing(out, "missing_prices", book.missing_prices());
    write_missing(out, "missing_limits", book.missing_limits());
    let _ = writeln!(out, "    index: OnceLock::new(),\n}};\n");
}

/// A book's `missing_prices` or `missing_limits`, as `(key, Missing)` pairs.
fn write_missing<'a>(
    out: &mut String,
    field: &str,
    entries: impl Iterator<Item = (&'static str, &'a Missing)>,
) {
    let _ = writeln!(out, "    {field}: Borrowed(&[");
    for (key, missing) in entries {
        let _ = writeln!(
            out,
            "        (\n            {key:?},\n            Missing {{"
        );
        let _ = writeln!(
            out,
            "                reason: Borrowed({:?}),",
            missing.reason
        );
        let _ = writeln!(out, "                not_offered: {},", missing.not_offered);
        let _ = writeln!(out, "            }},\n        ),");
    }
    let _ = writeln!(out, "    ]),");
}

/// A price's fields, as `Price { … }` holds them.
fn write_price(out: &mut String, price: &Price) {
    let rate = match &price.rate {
        Rate::Flat(p) => format!("Rate::Flat({})", decimal(*p)),
        Rate::Tiered(tiers) => {
            let tiers: Vec<String> = tiers
                .iter()
                .map(|t| {
                    format!(
                        "Tier {{ up_to: {}, price: {} }}",
                        t.up_to.map_or_else(
                            || "None".to_string(),
                            |u| format!("Some({})", decimal(u))
                        ),
                        decimal(t.price)
                    )
                })
                .collect();
            format!("Rate::Tiered(Borrowed(&[{}]))", tiers.join(", "))
        }
    };
    let _ = writeln!(out, "                rate: {rate},");
    let _ = writeln!(
        out,
        "                free_per_month: {},",
        decimal(price.free_per_month)
    );
    let _ = writeln!(
        out,
        "                free_per_hour: {},",
        decimal(price.free_per_hour)
    );
    let _ = writeln!(out, "                free_pool: {:?},", price.free_pool);
    let free_kind = match price.free_kind {
        None => "None",
        Some(FreeKind::Always) => "Some(FreeKind::Always)",
        Some(FreeKind::TwelveMonths) => "Some(FreeKind::TwelveMonths)",
    };
    let _ = writeln!(out, "                free_kind: {free_kind},");
    let _ = writeln!(out, "                source: Borrowed({:?}),", price.source);
    let _ = writeln!(out, "                as_of: Borrowed({:?}),", price.as_of);
    let _ = writeln!(
        out,
        "                evidence: {},",
        evidence(price.evidence)
    );
}

/// A decimal as a constant expression, its value in a comment.
fn decimal(value: Decimal) -> String {
    let mantissa = value.mantissa();
    let magnitude = mantissa.unsigned_abs();
    // Three 32-bit words of the 96-bit mantissa: the masks keep each word.
    let word = |shift: u32| ((magnitude >> shift) & 0xFFFF_FFFF) as u32;
    format!(
        "Decimal::from_parts({}, {}, {}, {}, {}) /* {} */",
        word(0),
        word(32),
        word(64),
        mantissa < 0,
        value.scale(),
        value.normalize()
    )
}

fn evidence(evidence: Evidence) -> &'static str {
    match evidence {
        Evidence::AwsDocs => "Evidence::AwsDocs",
        Evidence::AwsExample => "Evidence::AwsExample",
        Evidence::AwsPriceList => "Evidence::AwsPriceList",
        Evidence::ThirdParty => "Evidence::ThirdParty",
        Evidence::Unverified => "Evidence::Unverified",
        Evidence::Scenario => "Evidence::Scenario",
    }
}

#[cfg(test)]
mod tests {
    use super::super::{bundled, parse};
    use super::*;

    /// The bundled tables, by file name under `pricing/`, in the order
    /// `calc pricing list` shows them; the first is the default.
    const BUNDLED: [&str; 3] = ["aws-us-east-1", "aws-eu-west-1", "aws-ap-northeast-2"];

    /// Each bundled table, read and checked from its TOML.
    fn parsed() -> Vec<(&'static str, PriceBook)> {
        BUNDLED
            .iter()
            .map(|name| {
                let source = bundled(name).expect("bundled");
                let book = parse(&source, crate::services::vocabulary());
                (*name, book.unwrap_or_else(|e| panic!("{e}")))
            })
            .collect()
    }

    #[test]
    fn the_compiled_tables_are_the_tables() {
        let expected = rust_source(&parsed());
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/pricing/tables.rs");
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        if committed != expected {
            if std::env::var_os("CALC_REGENERATE").is_some() {
                std::fs::write(path, &expected).expect("write tables.rs");
            } else {
                panic!("src/pricing/tables.rs is out of date: run `CALC_REGENERATE=1 cargo test`");
            }
        }
    }

    #[test]
    fn a_compiled_table_holds_what_its_toml_says() {
        for (name, book) in parsed() {
            let compiled = super::super::compiled(name).expect("compiled");
            assert_eq!(compiled.name, book.name);
            assert_eq!(compiled.currency, book.currency);
            let prices: Vec<_> = book.prices().collect();
            let compiled_prices: Vec<_> = compiled.prices().collect();
            assert_eq!(prices.len(), compiled_prices.len());
            for ((key, price), (compiled_key, compiled_price)) in
                prices.iter().zip(&compiled_prices)
            {
                assert_eq!(key, compiled_key);
                assert_eq!(price.rate, compiled_price.rate, "{key}");
                assert_eq!(price.free_per_month, compiled_price.free_per_month, "{key}");
                assert_eq!(price.free_per_hour, compiled_price.free_per_hour, "{key}");
                assert_eq!(price.free_pool, compiled_price.free_pool, "{key}");
                assert_eq!(price.free_kind, compiled_price.free_kind, "{key}");
                assert_eq!(price.source, compiled_price.source, "{key}");
            }
            let rows = |b: &PriceBook| -> Vec<_> {
                b.all_instances()
                    .iter()
                    .map(|r| {
                        let price = (r.price.rate.clone(), r.price.source.clone());
                        (
                            r.service,
                            r.name,
                            r.vcpu,
                            r.memory,
                            r.storage,
                            price,
                            r.price.evidence,
                        )
                    })
                    .collect()
            };
            assert_eq!(rows(&book), rows(compiled));
            let limits: Vec<_> = book.limits().map(|(k, l)| (k, l.value)).collect();
            let compiled_limits: Vec<_> = compiled.limits().map(|(k, l)| (k, l.value)).collect();
            assert_eq!(limits, compiled_limits);
            let missing = |b: &PriceBook| -> Vec<(&str, Missing)> {
                b.missing_prices()
                    .chain(b.missing_limits())
                    .map(|(k, m)| (k, m.clone()))
                    .collect()
            };
            assert_eq!(missing(&book), missing(compiled));
        }
    }

    #[test]
    fn every_bundled_allowance_names_its_kind() {
        // AWS replaced the 12-month offers for accounts opened from
        // 2025-07-15; a report says which kind the free tier applies, so
        // every bundled allowance states it.
        for (name, book) in parsed() {
            for (key, price) in book.prices() {
                let allowance = !(price.free_per_month.is_zero() && price.free_per_hour.is_zero());
                assert_eq!(
                    allowance,
                    price.free_kind.is_some(),
                    "{name}: `{key}`'s free tier and its kind"
                );
            }
        }
    }

    #[test]
    fn decimals_are_written_exactly() {
        assert_eq!(
            decimal(Decimal::new(15, 3)),
            "Decimal::from_parts(15, 0, 0, false, 3) /* 0.015 */"
        );
        // -(2^70 + 7) / 100: the words of 2^70 + 7 are 7, 0 and 2^6.
        let large = Decimal::from_i128_with_scale(-(1_i128 << 70) - 7, 2);
        let text = decimal(large);
        assert!(
            text.starts_with("Decimal::from_parts(7, 0, 64, true, 2)"),
            "{text}"
        );
        assert_eq!(Decimal::from_parts(7, 0, 64, true, 2), large);
    }
}
