//! `calc pricing import`: small offer files in the Price List Bulk API's
//! format (`tests/offers/`), whose us-east-1 products carry the per-unit
//! prices AWS lists, imported and compared with the bundled table.

use calc::base::diagnostic::Source;
use calc::pricing::{self, PriceBook, Rate, Tier};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::support::{TempFolder, TempScenario, calc, calc_binary, calc_json, rejected};

const OFFERS: [&str; 8] = [
    "tests/offers/kinesis.json",
    "tests/offers/sqs.json",
    "tests/offers/dynamodb.json",
    "tests/offers/lambda.json",
    "tests/offers/s3.json",
    "tests/offers/sns.json",
    "tests/offers/msk.json",
    "tests/offers/firehose.json",
];

/// Imports `files` for `region`: the table, parsed, and the warnings.
fn import(files: &[&str], region: &str) -> (PriceBook, String) {
    let mut args = vec!["pricing", "import", "--region", region];
    args.extend_from_slice(files);
    let run = calc(&args);
    assert_eq!(run.code, 0, "calc {args:?}: {}", run.stderr);
    let book = pricing::parse(
        &Source::new("imported.toml", run.stdout),
        calc::services::vocabulary(),
    )
    .unwrap_or_else(|d| panic!("the imported table does not parse: {d}"));
    (book, run.stderr)
}

fn bundled() -> PriceBook {
    let text = std::fs::read_to_string("pricing/aws-us-east-1.toml").expect("bundled");
    let source = Source::new("pricing/aws-us-east-1.toml", text);
    pricing::parse(&source, calc::services::vocabulary()).expect("parses")
}

fn flat(book: &PriceBook, key: &str) -> Decimal {
    match book.price(key).unwrap_or_else(|| panic!("no `{key}`")).rate {
        Rate::Flat(price) => price,
        ref other => panic!("`{key}` is {other:?}"),
    }
}

fn tiers(book: &PriceBook, key: &str) -> Vec<Tier> {
    match &book.price(key).unwrap_or_else(|| panic!("no `{key}`")).rate {
        Rate::Tiered(tiers) => tiers.to_vec(),
        other => panic!("`{key}` is {other:?}"),
    }
}

fn tier(up_to: Option<Decimal>, price: Decimal) -> Tier {
    Tier { up_to, price }
}

#[test]
fn the_prices_read_by_hand_come_out_in_calcs_units() {
    let (book, _) = import(&OFFERS, "us-east-1");
    // $0.015 a shard-hour; $0.000000014 a 25 KB PUT payload unit is $0.014
    // a million.
    assert_eq!(flat(&book, "kinesis_data_streams.shard_hour"), dec!(0.015));
    assert_eq!(
        flat(&book, "kinesis_data_streams.put_payload_units"),
        dec!(0.014)
    );
    // SQS standard: $0.0000004 a request up to 100 billion a month, then
    // $0.0000003 to 200 billion, then $0.00000024: per million, $0.40 up to
    // 100,000 million, $0.30 to 200,000 million, $0.24 beyond.
    assert_eq!(
        tiers(&book, "sqs.standard_requests"),
        [
            tier(Some(dec!(100000)), dec!(0.40)),
            tier(Some(dec!(200000)), dec!(0.30)),
            tier(None, dec!(0.24)),
        ]
    );
    // S3: $0.000005 a PUT is $0.005 a thousand; $0.0000004 a GET, $0.0004.
    assert_eq!(flat(&book, "s3.put_requests"), dec!(0.005));
    assert_eq!(flat(&book, "s3.get_requests"), dec!(0.0004));
    // DynamoDB's provisioned free tier is a first range of 18,600 WCU-hours
    // at $0 (25 WCU for a 744-hour month): a monthly allowance, not 25 an hour.
    let wcu = book.price("dynamodb.wcu_hour").expect("wcu");
    assert_eq!(
        (wcu.free_per_month, wcu.free_per_hour),
        (dec!(18600), dec!(0))
    );
    assert_eq!(wcu.rate, Rate::Flat(dec!(0.00065)));
}

#[test]
fn importing_reproduces_the_bundled_prices() {
    let (book, _) = import(&OFFERS, "us-east-1");
    let ours = bundled();
    // Where the bundled table states the same thing differently, said why.
    let differ = [
        // Firehose's third tier is open in the Price List; the bundled table
        // stops it at 5 PB, beyond which the price is by agreement.
        "firehose.ingestion_gb",
        // The bundled free tiers of 25 WCU and RCU are per hour; the Price
        // List's are 18,600 unit-hours a month (checked above).
        "dynamodb.wcu_hour",
        "dynamodb.rcu_hour",
        // Lambda's and SQS's free tiers are global products, not read.
        "lambda.requests",
        "lambda.duration_x86",
        "lambda.duration_arm",
        "sqs.standard_requests",
        "sqs.fifo_requests",
    ];
    let mut compared = 0;
    for (key, price) in book.prices() {
        let bundled = ours.price(key).unwrap_or_else(|| panic!("bundled `{key}`"));
        assert_eq!(price.evidence.as_str(), "aws-price-list", "{key}");
        if differ.contains(&key) {
            continue;
        }
        assert_eq!(price.rate, bundled.rate, "{key}");
        assert_eq!(price.free_per_month, bundled.free_per_month, "{key}");
        compared += 1;
    }
    // (The MSK broker types are rows of a catalogue, which import does not
    // write yet.)
    assert_eq!(compared, 29);
    // The rates of those that differ in their free tier or last bound.
    for key in &differ[1..] {
        assert_eq!(
            book.price(key).unwrap().rate,
            ours.price(key).unwrap().rate,
            "{key}"
        );
    }
    let firehose = tiers(&book, "firehose.ingestion_gb");
    assert_eq!(
        firehose,
        [
            tier(Some(dec!(512000)), dec!(0.029)),
            tier(Some(dec!(2048000)), dec!(0.025)),
            tier(None, dec!(0.020)),
        ]
    );
    assert_eq!(
        tiers(&ours, "firehose.ingestion_gb")[..2],
        firehose[..2],
        "the first two tiers agree"
    );
    // Lambda's regional products carry no free tier.
    assert_eq!(
        book.price("lambda.requests").unwrap().free_per_month,
        dec!(0)
    );
}

#[test]
fn every_price_names_its_offer_rate_code_and_usage_type() {
    let run = calc(&[
        "pricing",
        "import",
        "--region",
        "us-east-1",
        "tests/offers/sqs.json",
    ]);
    let table: toml::Table = toml::from_str(&run.stdout).expect("TOML");
    let standard = &table["prices"]["sqs"]["standard_requests"];
    assert_eq!(
        standard["source"].as_str(),
        Some(
            "AWS Price List, AWSQueueService, version 20240701000000, published 2024-07-01T00:00:00Z, \
             rate codes MBA4W4PVGTZBKUGR.JRTCKXETXF.UU2DYMMND2, MBA4W4PVGTZBKUGR.JRTCKXETXF.HQRDF76XS2, \
             MBA4W4PVGTZBKUGR.JRTCKXETXF.XPFYASZBVK, usage type Requests-RBP"
        )
    );
    assert_eq!(standard["as_of"].as_str(), Some("2024-07-01"));
    assert_eq!(standard["evidence"].as_str(), Some("aws-price-list"));
    assert_eq!(table["name"].as_str(), Some("aws-us-east-1"));
    assert_eq!(table["region"].as_str(), Some("us-east-1"));
    assert_eq!(table["as_of"].as_str(), Some("2024-07-01"));
}

#[test]
fn a_free_first_range_becomes_the_free_tier_and_says_so() {
    let run = calc(&[
        "pricing",
        "import",
        "--region",
        "us-east-1",
        "tests/offers/sns.json",
    ]);
    let table: toml::Table = toml::from_str(&run.stdout).expect("TOML");
    let http = &table["prices"]["sns"]["http_deliveries"];
    // The first 100,000 notifications are free: 0.1 million.
    assert_eq!(http["free_per_month"].as_float(), Some(0.1));
    assert_eq!(http["price"].as_float(), Some(0.6));
    assert!(
        http["note"]
            .as_str()
            .is_some_and(|n| n.contains("written as `free_per_month`")),
        "{http}"
    );
}

#[test]
fn the_table_passes_calc_pricing_check() {
    let run = calc(&[&["pricing", "import", "--region", "us-east-1"][..], &OFFERS].concat());
    let file = TempScenario::new("imported", &run.stdout);
    let checked = calc(&["pricing", "check", file.path()]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert!(
        checked
            .stdout
            .contains(": ok, 37 of 106 prices and 0 of 121 limits, each sourced and dated"),
        "{}",
        checked.stdout
    );
    assert!(!checked.stdout.contains("warning"), "{}", checked.stdout);
}

#[test]
fn several_regions_in_one_file_give_the_requested_ones_prices() {
    let (ireland, _) = import(&["tests/offers/kinesis.json"], "eu-west-1");
    // Products `EU-Storage-ShardHour` at $0.017 and `EU-PutRequestPayloadUnits`
    // at $0.0000000175.
    assert_eq!(
        flat(&ireland, "kinesis_data_streams.shard_hour"),
        dec!(0.017)
    );
    assert_eq!(
        flat(&ireland, "kinesis_data_streams.put_payload_units"),
        dec!(0.0175)
    );
    assert_eq!(ireland.region, "eu-west-1");
    let (virginia, _) = import(&["tests/offers/kinesis.json"], "us-east-1");
    assert_eq!(
        flat(&virginia, "kinesis_data_streams.shard_hour"),
        dec!(0.015)
    );
}

#[test]
fn a_dimension_not_found_is_listed_not_guessed() {
    let (ireland, stderr) = import(&["tests/offers/kinesis.json"], "eu-west-1");
    // The file has no extended retention product in Ireland.
    assert!(
        ireland
            .price("kinesis_data_streams.extended_retention_shard_hour")
            .is_none()
    );
    assert!(stderr.starts_with(
        "warning: 12 of the 14 prices of the services in the offer files are not in the table:\n"
    ));
    assert!(stderr.contains(
        "  kinesis_data_streams.extended_retention_shard_hour: no product of `AmazonKinesis` in eu-west-1 has its usage type and attributes\n"
    ), "{stderr}");
    // calc maps no usage type to enhanced fan-out data retrieval.
    assert!(stderr.contains(
        "  kinesis_data_streams.efo_data_retrieval_gb: calc knows no product of the AWS Price List for it\n"
    ), "{stderr}");
    // Two products of us-west-2 have the shard-hour's usage type.
    let (oregon, stderr) = import(&["tests/offers/kinesis.json"], "us-west-2");
    assert!(oregon.price("kinesis_data_streams.shard_hour").is_none());
    assert!(stderr.contains(
        "  kinesis_data_streams.shard_hour: 2 products match, SKUs `BRAZX5NXFSB4DKE8`, `EHG73547VN4HZWVR`: calc does not choose\n"
    ), "{stderr}");
}

#[test]
fn services_without_mappings_are_listed_and_other_offers_named() {
    let run = calc(&[
        "pricing",
        "import",
        "--region",
        "us-east-1",
        "tests/offers/msk.json",
        "tests/offers/route53.json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "warning: `tests/offers/route53.json` is an offer calc models no service of (`AmazonRoute53`): nothing taken from it\n\
         warning: 5 of the 7 prices of the services in the offer files are not in the table:\n\
         \x20 msk.broker_hour: calc knows no product of the AWS Price List for it\n\
         \x20 msk.serverless_data_in_gb: no product of `AmazonMSK` in us-east-1 has its usage type and attributes\n\
         \x20 msk.serverless_data_out_gb: no product of `AmazonMSK` in us-east-1 has its usage type and attributes\n\
         \x20 msk.serverless_partition_hour: no product of `AmazonMSK` in us-east-1 has its usage type and attributes\n\
         \x20 msk.serverless_storage_gb_month: calc knows no product of the AWS Price List for it\n"
    );
}

#[test]
fn terms_before_products_are_read_as_well() {
    let args = |file| vec!["pricing", "import", "--region", "us-east-1", file];
    let products_first = calc(&args("tests/offers/kinesis.json"));
    let terms_first = calc(&args("tests/offers/kinesis-terms-first.json"));
    assert_eq!(terms_first.code, 0, "{}", terms_first.stderr);
    let body = |text: &str| text.lines().skip(2).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&terms_first.stdout), body(&products_first.stdout));
    assert_eq!(terms_first.stderr, products_first.stderr);
}

#[test]
fn a_malformed_file_is_refused_with_its_name_and_place() {
    for (file, message) in [
        (
            "truncated.json",
            "is not a valid AWS Price List offer file: EOF while parsing a value\n --> tests/offers/bad/truncated.json:",
        ),
        // Line 15 is `"usagetype" : 15,`.
        (
            "usage-type-a-number.json",
            "is not a valid AWS Price List offer file: invalid type: integer `15`, expected a string\n --> tests/offers/bad/usage-type-a-number.json:15:",
        ),
        (
            "products-a-list.json",
            "is not a valid AWS Price List offer file: invalid type: sequence, expected `products`, a map from SKU to product",
        ),
        (
            "price-a-number.json",
            "is not a valid AWS Price List offer file: invalid type: number, expected a string",
        ),
        (
            "not-an-offer.json",
            "is not an AWS Price List offer file: it has no `offerCode`",
        ),
    ] {
        let path = format!("tests/offers/bad/{file}");
        let stderr = rejected(&["pricing", "import", "--region", "us-east-1", &path]);
        assert!(
            stderr.starts_with(&format!("error: `{path}` {message}")),
            "{stderr}"
        );
    }
    // A good file before a bad one: still nothing on stdout.
    rejected(&[
        "pricing",
        "import",
        "--region",
        "us-east-1",
        "tests/offers/sqs.json",
        "tests/offers/bad/truncated.json",
    ]);
}

#[test]
fn a_region_is_checked() {
    let stderr = rejected(&[
        "pricing",
        "import",
        "--region",
        "us-east-7",
        "tests/offers/sqs.json",
    ]);
    assert_eq!(
        stderr,
        "error: calc does not know the usage-type prefix of region `us-east-7`\n  = help: did you mean `us-east-1`?\n"
    );
    let stderr = rejected(&[
        "pricing",
        "import",
        "--region",
        "eu-west-1",
        "tests/offers/sqs.json",
    ]);
    assert_eq!(
        stderr,
        "error: no product in the offer files is in region `eu-west-1`\n  = help: the files' products are in `us-east-1`\n"
    );
    // A Region calc has no prefix for, given one.
    let run = calc(&[
        "pricing",
        "import",
        "--region",
        "us-west-2",
        "--usage-type-prefix",
        "USW2",
        "tests/offers/kinesis.json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let stderr = rejected(&["pricing", "import", "--region", "us-east-1", "tests/offers"]);
    assert_eq!(
        stderr,
        "error: cannot read offer file `tests/offers`: it is a folder, not a file\n"
    );
}

#[test]
fn the_binary_writes_the_table_on_stdout_and_the_missing_on_stderr() {
    let run = calc_binary(&[
        "pricing",
        "import",
        "--region",
        "us-east-1",
        "--name",
        "imported",
        "tests/offers/kinesis.json",
    ]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("\nname = \"imported\"\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.starts_with("warning: 4 of the 14 prices"),
        "{}",
        run.stderr
    );
}

/// An SNS offer of one product in us-east-1, `sns.publish_requests`, priced
/// in two ranges: `price` a request up to `end` requests, then $0.0000005.
/// Line 21 holds `end`, line 22 `price`.
fn publish_offer(price: &str, end: &str) -> String {
    format!(
        r#"{{
  "formatVersion" : "v1.0",
  "offerCode" : "AmazonSNS",
  "version" : "20240701000000",
  "publicationDate" : "2024-07-01T00:00:00Z",
  "products" : {{
    "PUBLISHSKU000001" : {{
      "sku" : "PUBLISHSKU000001",
      "productFamily" : "API Request",
      "attributes" : {{ "usagetype" : "Requests-Tier1", "regionCode" : "us-east-1" }}
    }}
  }},
  "terms" : {{
    "OnDemand" : {{
      "PUBLISHSKU000001" : {{
        "PUBLISHSKU000001.JRTCKXETXF" : {{
          "priceDimensions" : {{
            "PUBLISHSKU000001.JRTCKXETXF.FIRSTRANGE" : {{
              "unit" : "Requests",
              "beginRange" : "0",
              "endRange" : "{end}",
              "pricePerUnit" : {{ "USD" : "{price}" }}
            }},
            "PUBLISHSKU000001.JRTCKXETXF.OTHERRANGE" : {{
              "unit" : "Requests",
              "beginRange" : "{end}",
              "endRange" : "Inf",
              "pricePerUnit" : {{ "USD" : "0.0000005" }}
            }}
          }}
        }}
      }}
    }}
  }}
}}
"#
    )
}

#[test]
fn a_figure_a_decimal_cannot_hold_is_refused_at_its_place() {
    let folder = TempFolder::new();
    let first = "of SKU `PUBLISHSKU000001`, rate code `PUBLISHSKU000001.JRTCKXETXF.FIRSTRANGE`,";
    let small = "is too small for exact decimal arithmetic, which keeps 28 decimal places";
    let large = "is too large for exact decimal arithmetic";
    // The reader places the error at the figure's closing quote: on line 22,
    // `              "pricePerUnit" : { "USD" : "` is 42 characters, so
    // column 43 + the price's length; on line 21, `endRange`'s value starts
    // at column 29.
    for (price, end, place, why) in [
        // 10^-29 would be rounded to 0: the first range would be free.
        (
            "0.00000000000000000000000000001",
            "1000000",
            Some("22:74"),
            format!("the price `0.00000000000000000000000000001` {first} {small}"),
        ),
        (
            "1e-30",
            "1000000",
            Some("22:48"),
            format!("the price `1e-30` {first} {small}"),
        ),
        (
            "-1e-30",
            "1000000",
            Some("22:49"),
            format!("the price `-1e-30` {first} {small}"),
        ),
        // 10^30 is above 2^96 - 1, about 7.9 × 10^28.
        (
            "1e30",
            "1000000",
            Some("22:47"),
            format!("the price `1e30` {first} {large}"),
        ),
        (
            "100000000000000000000000000000",
            "1000000",
            Some("22:73"),
            format!("the price `100000000000000000000000000000` {first} {large}"),
        ),
        // 29 decimal places, the last not 0.
        (
            "0.12345678901234567890123456789",
            "1000000",
            Some("22:74"),
            format!(
                "the price `0.12345678901234567890123456789` {first} has more digits than exact decimal arithmetic keeps"
            ),
        ),
        (
            "0",
            "1e40",
            Some("21:33"),
            format!("the `endRange` `1e40` {first} {large}"),
        ),
        // Read exactly, but 10^23 a request is 10^29 a million requests.
        (
            "1e23",
            "1000000",
            None,
            format!(
                "the price `100000000000000000000000` {first} times 1,000,000 for calc's `million requests`, {large}"
            ),
        ),
        // A free first range of 10^-25 requests is 10^-31 million requests.
        (
            "0",
            "0.0000000000000000000000001",
            None,
            format!(
                "the `endRange` `0.0000000000000000000000001` {first} divided by 1,000,000 for calc's `million requests`, {small}"
            ),
        ),
    ] {
        let path = folder.write(
            &format!("{}-{}.json", price.len(), end.len()),
            &publish_offer(price, end),
        );
        let stderr = rejected(&["pricing", "import", "--region", "us-east-1", &path]);
        let place = place.map_or(String::new(), |place| format!(" --> {path}:{place}\n"));
        assert_eq!(
            stderr,
            format!("error: `{path}`: {why}\n{place}"),
            "{price} up to {end}"
        );
    }
}

#[test]
fn a_price_of_zero_stays_a_free_tier_and_the_smallest_decimal_is_kept() {
    let folder = TempFolder::new();
    for zero in ["0", "0.0000000000", "0.00000000000000000000000000000000000"] {
        let path = folder.write(
            &format!("zero-{}.json", zero.len()),
            &publish_offer(zero, "1000000"),
        );
        let (book, _) = import(&[&path], "us-east-1");
        let publish = book.price("sns.publish_requests").expect("priced");
        // The first million requests, free: 1 million a month; then $0.0000005
        // a request, $0.50 a million.
        assert_eq!(publish.free_per_month, dec!(1), "{zero}");
        assert_eq!(publish.rate, Rate::Flat(dec!(0.5)), "{zero}");
    }
    // 10^-28 a request, the smallest step of a decimal, is 10^-22 a million.
    let path = folder.write(
        "smallest.json",
        &publish_offer("0.0000000000000000000000000001", "1000000"),
    );
    let (book, _) = import(&[&path], "us-east-1");
    assert_eq!(
        tiers(&book, "sns.publish_requests"),
        [
            tier(Some(dec!(1)), dec!(0.0000000000000000000001)),
            tier(None, dec!(0.5)),
        ]
    );
}

/// A Kinesis offer of `many` products in us-east-1 of the shard-hour's usage
/// type, SKUs `SHARD0000000000` on, written out of order, each with its
/// on-demand term; and one product of the PUT payload unit's.
fn many_shard_hours(many: usize) -> String {
    let mut products = Vec::new();
    let mut terms = Vec::new();
    let mut add = |sku: String, usage_type: &str| {
        products.push(format!(
            r#"    "{sku}" : {{ "sku" : "{sku}", "productFamily" : "Kinesis Streams", "attributes" : {{ "usagetype" : "{usage_type}", "regionCode" : "us-east-1" }} }}"#
        ));
        terms.push(format!(
            r#"      "{sku}" : {{ "{sku}.JRTCKXETXF" : {{ "priceDimensions" : {{ "{sku}.JRTCKXETXF.6YS6EN2CT7" : {{ "unit" : "Hrs", "beginRange" : "0", "endRange" : "Inf", "pricePerUnit" : {{ "USD" : "0.0150000000" }} }} }} }} }}"#
        ));
    };
    add("PUTPAYLOAD000001".to_string(), "PutRequestPayloadUnits");
    // 7,919 is prime: i × 7,919 mod `many` visits every SKU once, in no order.
    for i in 0..many {
        add(format!("SHARD{:010}", i * 7919 % many), "Storage-ShardHour");
    }
    format!(
        "{{\n  \"offerCode\" : \"AmazonKinesis\",\n  \"version\" : \"20240701000000\",\n  \
         \"publicationDate\" : \"2024-07-01T00:00:00Z\",\n  \"products\" : {{\n{}\n  }},\n  \
         \"terms\" : {{\n    \"OnDemand\" : {{\n{}\n    }}\n  }}\n}}\n",
        products.join(",\n"),
        terms.join(",\n")
    )
}

#[test]
fn many_products_of_one_mapping_are_counted_and_the_first_few_named() {
    let folder = TempFolder::new();
    let path = folder.write("many.json", &many_shard_hours(2_500));
    let (book, stderr) = import(&[&path], "us-east-1");
    // The PUT payload unit's one product is priced: $0.015 a unit.
    assert_eq!(
        flat(&book, "kinesis_data_streams.put_payload_units"),
        dec!(15000)
    );
    let first: Vec<String> = (0..10).map(|i| format!("SHARD{i:010}")).collect();
    let named: Vec<String> = first.iter().map(|sku| format!("`{sku}`")).collect();
    let line = format!(
        "  kinesis_data_streams.shard_hour: 2,500 products match, SKUs {} … and 2,490 more: calc does not choose\n",
        named.join(", ")
    );
    assert!(stderr.contains(&line), "{stderr}");
    // A heading and thirteen lines, one a price of the offer's service.
    assert!(
        stderr.starts_with(
            "warning: 13 of the 14 prices of the services in the offer files are not in the table:\n"
        ),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 14, "{stderr}");
    assert!(stderr.len() < 2_000, "{} bytes of warnings", stderr.len());
    // What the import keeps of them: the first ten SKUs, and the count.
    let files = [std::path::PathBuf::from(&path)];
    let request = calc::pricing::import::Request {
        files: &files,
        region: "us-east-1",
        usage_type_prefix: None,
    };
    let imported =
        calc::pricing::import::import(&request, calc::services::vocabulary()).expect("imports");
    assert_eq!(
        imported.missing["kinesis_data_streams.shard_hour"],
        calc::pricing::import::Missing::Ambiguous {
            skus: first,
            count: 2_500
        }
    );
}

#[test]
fn an_imported_instance_type_prices_an_ec2_component() {
    let run = calc(&[
        "pricing",
        "import",
        "--region",
        "us-east-1",
        "tests/offers/ec2.json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // c5.xlarge is priced by two products alike: left out, and said.
    assert_eq!(
        run.stderr,
        "warning: 1 of the 5 types of the catalogues in the offer files are not in the table:\n  \
         ec2 `c5.xlarge`: 2 products match, SKUs `J5XV6QYVBKHKTPUT`, `JZT3EFZTTU8PCGVK`: calc \
         does not choose\n"
    );
    let table = TempScenario::new("imported-ec2", &run.stdout);
    let checked = calc(&["pricing", "check", table.path()]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert!(!checked.stdout.contains("warning"), "{}", checked.stdout);
    let (book, _) = import(&["tests/offers/ec2.json"], "us-east-1");
    let row = book.instance("ec2", "x1.32xlarge").expect("the row");
    assert_eq!(row.vcpu, Some(128));
    assert_eq!(row.memory.map(|m| m.0), Some(1_952 * 1024 * 1024 * 1024));
    let scenario = |instance_type: &str| {
        TempScenario::new(
            "gpu-fleet",
            &format!(
                r#"name = "a GPU fleet"
[[alternatives]]
name = "fleet"
components = [{{ id = "box", service = "ec2", instance_type = "{instance_type}", instances = 2, hours_running = "100 h" }}]
"#
            ),
        )
    };
    // 2 instances × 100 h = 200 instance-hours × $98.32 (the fixture's
    // `pricePerUnit` of p5.48xlarge, On-Demand) = $19,664.
    let fleet = scenario("p5.48xlarge");
    let report = calc_json(&[fleet.path(), "--pricing", table.path()]);
    let component = &report["alternatives"][0]["components"][0];
    assert_eq!(component["mode"], "p5.48xlarge");
    let item = &component["line_items"][0];
    assert_eq!(item["price_key"], "ec2.instance_hour");
    assert_eq!(item["quantity"].to_string(), "200");
    assert_eq!(item["unit_price"].to_string(), "98.32");
    assert_eq!(item["monthly_cost"].to_string(), "19664");
    // The type left out is refused, not priced at $0.
    let ambiguous = scenario("c5.xlarge");
    let refused = calc(&[ambiguous.path(), "--pricing", table.path()]);
    assert_ne!(refused.code, 0, "{}", refused.stdout);
    assert!(refused.stderr.contains("c5.xlarge"), "{}", refused.stderr);
}
