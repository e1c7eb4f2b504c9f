//! A table read and checked against calc's own services, as a scenario's
//! is: what it accepts, and every refusal with its place.

use calc::base::diagnostic::Source;
use calc::base::units::Bytes;
use calc::pricing::{DEFAULT_TABLE, Rate, compiled, parse};
use calc::services::vocabulary;
use rust_decimal::Decimal;

/// A bundled table's text, from the project's `pricing/`.
fn bundled(name: &str) -> Option<Source> {
    let path = format!("{}/pricing/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).ok()?;
    Some(Source::new(format!("pricing/{name}.toml"), text))
}

#[test]
fn unknown_keys_in_a_table_are_errors() {
    let text = "name = \"t\"\nregion = \"r\"\ncurrency = \"USD\"\nas_of = \"2026-01-01\"\n\
                    [prices.kinesis_data_streams.shard_hours]\nprice = 1\nunit = \"shard-hour\"\n\
                    source = \"s\"\nas_of = \"2026-01-01\"\nevidence = \"unverified\"\n";
    let error = parse(&Source::new("t.toml", text), vocabulary()).unwrap_err();
    assert_eq!(
        error.message,
        "`kinesis_data_streams` has no price `shard_hours`"
    );
    assert_eq!(error.help.as_deref(), Some("did you mean `shard_hour`?"));
}

#[test]
fn a_catalogue_row_is_read_with_its_size_and_checked_like_a_price() {
    let row = |service: &str, name: &str, body: &str| {
        table_with(&format!("[instances.{service}.\"{name}\"]\n{body}"))
    };
    let text = row(
        "ec2",
        "m6i.xlarge",
        "vcpu = 4\nmemory = \"16 GB\"\nprice = 0.192\nunit = \"instance-hour\"",
    );
    let book = parse(&Source::new("t.toml", &text), vocabulary()).unwrap_or_else(|e| panic!("{e}"));
    let found = book.instance("ec2", "m6i.xlarge").expect("the row");
    assert_eq!(found.vcpu, Some(4));
    assert_eq!(found.memory, Some(Bytes(16 << 30)));
    assert_eq!(found.price.rate, Rate::Flat(Decimal::new(192, 3)));
    assert_eq!(book.instances("ec2").len(), 1);
    assert!(book.instances("msk").is_empty());

    let refused = |text: String| parse(&Source::new("t.toml", &text), vocabulary()).unwrap_err();
    let error = refused(row(
        "ecc2",
        "m5.large",
        "price = 1\nunit = \"instance-hour\"",
    ));
    assert_eq!(error.message, "unknown service `ecc2`");
    assert_eq!(error.help.as_deref(), Some("did you mean `ec2`?"));
    let error = refused(row("sqs", "x", "price = 1\nunit = \"instance-hour\""));
    assert_eq!(error.message, "`sqs` has no catalogue of types");
    assert_eq!(
        error.help.as_deref(),
        Some("types are priced for `msk`, `ec2`, `emr`, `redshift`, `documentdb`")
    );
    let error = refused(row(
        "msk",
        "kafka.m5.large",
        "price = 0.21\nunit = \"instance-hour\"",
    ));
    assert_eq!(
        error.message,
        "`msk` type `kafka.m5.large` is priced per `instance-hour`, but calc counts `msk.broker_hour` in `broker-hour`"
    );
    let error = refused(row(
        "ec2",
        "m5.large",
        "price = 1\nunit = \"instance-hour\"\nvcpus = 2",
    ));
    assert_eq!(error.message, "unknown key `vcpus`");
    assert_eq!(error.help.as_deref(), Some("did you mean `vcpu`?"));
    let error = refused(row(
        "ec2",
        "m5.large",
        "price = -1\nunit = \"instance-hour\"",
    ));
    assert_eq!(error.message, "prices cannot be negative (found -1)");
    let error = refused(row(
        "ec2",
        "m5 large",
        "price = 1\nunit = \"instance-hour\"",
    ));
    assert_eq!(error.message, "`m5 large` is not a type name");
    // The catalogue's dimension is priced by its rows only.
    let error = refused(table_with(
        "[prices.ec2.instance_hour]\nprice = 1\nunit = \"instance-hour\"",
    ));
    assert_eq!(
        error.message,
        "`ec2.instance_hour` is priced by type, in `[instances.ec2]`"
    );
}

#[test]
fn a_price_book_converts_the_rows_it_inherits() {
    // m5.xlarge at $0.192 × 1,390.5 KRW/USD = ₩266.976 an instance-hour;
    // a row of its own replaces an inherited one (m5.large) or adds a
    // type (m6i.metal), in its own currency.
    let own = |name: &str, price: u32| {
        format!(
            "[instances.ec2.\"{name}\"]\nprice = {price}\nunit = \"instance-hour\"\n\
                 source = \"our agreement\"\nas_of = \"2026-10-01\"\nevidence = \"unverified\"\n"
        )
    };
    let text = format!(
        "name = \"acme\"\nextends = \"aws-us-east-1\"\ncurrency = \"KRW\"\n\
             exchange_rate = {{ from = \"USD\", rate = 1390.5, as_of = \"2026-11-01\" }}\n{}{}",
        own("m5.large", 130),
        own("m6i.metal", 250)
    );
    let book =
        parse(&Source::new("acme.toml", &text), vocabulary()).unwrap_or_else(|e| panic!("{e}"));
    let inherited = book.instance("ec2", "m5.xlarge").expect("inherited");
    assert_eq!(inherited.price.rate, Rate::Flat(Decimal::new(266_976, 3)));
    assert_eq!(inherited.vcpu, Some(4));
    assert!(
        inherited
            .price
            .source
            .contains("(converted at 1390.5 KRW = 1 USD"),
        "{}",
        inherited.price.source
    );
    let replaced = book.instance("ec2", "m5.large").expect("its own");
    assert_eq!(replaced.price.rate, Rate::Flat(Decimal::from(130)));
    assert_eq!(replaced.price.source, "our agreement");
    let added = book.instance("ec2", "m6i.metal").expect("its own");
    assert_eq!(added.price.rate, Rate::Flat(Decimal::from(250)));
    assert_eq!(
        book.instances("ec2").len(),
        compiled(DEFAULT_TABLE).unwrap().instances("ec2").len() + 1
    );
}

#[test]
fn a_zero_capacity_limit_is_an_error() {
    // Limits are capacities calc divides by; a zero would divide by zero.
    let text = "name = \"t\"\nregion = \"r\"\ncurrency = \"USD\"\nas_of = \"2026-01-01\"\n\
                    [limits.kinesis_data_streams.shard_write_records_per_second]\nvalue = 0\n\
                    source = \"s\"\nas_of = \"2026-01-01\"\nevidence = \"unverified\"\n";
    let error = parse(&Source::new("t.toml", text), vocabulary()).unwrap_err();
    assert_eq!(
        error.message,
        "`kinesis_data_streams.shard_write_records_per_second` must be a positive number"
    );
}

fn table_with(entry: &str) -> String {
    format!(
        "name = \"t\"\nregion = \"r\"\ncurrency = \"USD\"\nas_of = \"2026-01-01\"\n{entry}\n\
             source = \"s\"\nas_of = \"2026-01-01\"\nevidence = \"unverified\"\n"
    )
}

#[test]
fn a_tiny_limit_is_refused_not_read_as_zero() {
    // 1e-30 is positive, but 0 in 28 decimal places: calc would divide by it.
    for limit in [
        "dynamodb.partition_wcu",
        "dynamodb.partition_rcu",
        "kinesis_data_streams.shard_write_records_per_second",
        "s3.prefix_write_requests_per_second",
        "s3.prefix_read_requests_per_second",
    ] {
        let (service, name) = limit.split_once('.').expect("a key");
        for value in ["1e-30", "4.9e-29", "1.5e-28"] {
            let text = table_with(&format!("[limits.{service}.{name}]\nvalue = {value}"));
            let error = parse(&Source::new("t.toml", &text), vocabulary()).unwrap_err();
            assert!(
                    error.message.starts_with(&format!("`{limit}`: "))
                        && error.message.ends_with(
                            "has digits past the 28th decimal place, which exact decimal arithmetic cannot keep"
                        ),
                    "{error}"
                );
            assert_eq!(error.location.expect("located").line, 6);
        }
        let text = table_with(&format!("[limits.{service}.{name}]\nvalue = 1e-28"));
        parse(&Source::new("t.toml", &text), vocabulary()).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn a_tiny_price_is_refused_not_read_as_zero() {
    for entry in [
        "price = 1e-29",
        "price = 1e300",
        "tiers = [{ up_to = 1e-30, price = 1 }, { price = 1 }]",
        "price = 1\nfree_per_month = 1e-29",
    ] {
        let text = table_with(&format!(
            "[prices.kinesis_data_streams.shard_hour]\nunit = \"shard-hour\"\n{entry}"
        ));
        let error = parse(&Source::new("t.toml", &text), vocabulary()).unwrap_err();
        assert!(error.location.is_some(), "{error}");
        assert!(
            error.message.contains("exact decimal arithmetic"),
            "{entry}: {error}"
        );
    }
}

/// Every price and limit of the bundled table at its edges (0, the
/// smallest positive decimal, huge), through `calc::run` on each bundled
/// scenario that uses its service: a report or a message, never a panic.
#[test]
fn every_entry_at_its_edges_is_a_report_or_a_message() {
    use toml::Value;
    let scenarios: Vec<(String, String)> = std::fs::read_dir("scenarios")
        .expect("scenarios")
        .map(|e| e.expect("entry").path())
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read");
            (p.display().to_string(), text)
        })
        .collect();
    let bundled: toml::Table =
        toml::from_str(&bundled(DEFAULT_TABLE).expect("bundled").text).expect("the bundled table");
    let dir = std::env::temp_dir().join(format!("calc-edges-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let table_path = dir.join("edge.toml");
    let table_path = table_path.to_str().expect("UTF-8");
    let mut runs = 0;
    for section in ["prices", "limits"] {
        for (service, entries) in bundled[section].as_table().expect("a table") {
            let users: Vec<&(String, String)> = scenarios
                .iter()
                .filter(|(_, text)| text.contains(&format!("service = \"{service}\"")))
                .collect();
            for name in entries.as_table().expect("a table").keys() {
                let entry = &bundled[section][service][name];
                let edges: Vec<Value> = match entry.get("value") {
                    Some(Value::String(_))
                        if entry["value"].as_str().is_some_and(|v| v.ends_with('B')) =>
                    {
                        ["0 B", "1 B", "1000000 TB"]
                            .map(|v| Value::String(v.into()))
                            .into()
                    }
                    Some(Value::String(_)) => ["0 ms", "1 ms", "100000 d"]
                        .map(|v| Value::String(v.into()))
                        .into(),
                    _ => vec![
                        Value::Integer(0),
                        Value::Float(1e-28),
                        Value::Integer(i64::MAX),
                    ],
                };
                for edge in edges {
                    let mut table = bundled.clone();
                    let entry = table[section][service][name]
                        .as_table_mut()
                        .expect("an entry");
                    if section == "limits" {
                        entry.insert("value".into(), edge.clone());
                    } else if let Some(Value::Array(tiers)) = entry.get_mut("tiers") {
                        for tier in tiers {
                            tier.as_table_mut()
                                .expect("a tier")
                                .insert("price".into(), edge.clone());
                        }
                    } else {
                        entry.insert("price".into(), edge.clone());
                    }
                    std::fs::write(table_path, toml::to_string(&table).expect("TOML"))
                        .expect("write");
                    for (scenario, _) in &users {
                        let outcome = calc::run(["calc", "--pricing", table_path, scenario]);
                        runs += 1;
                        match outcome.code {
                            0 => assert!(!outcome.stdout.is_empty()),
                            2 => assert!(
                                outcome.stdout.is_empty() && outcome.stderr.starts_with("error: ")
                            ),
                            code => {
                                panic!("exit {code} for {section}.{service}.{name} = {edge}")
                            }
                        }
                    }
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(runs > 300, "only {runs} runs");
}
