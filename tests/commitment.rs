//! Commitments (reserved capacity, Kinesis On-demand Advantage's minimum
//! throughput), worked by hand from the rates of the bundled table or of a
//! price book, checked end to end through the JSON output.

use serde_json::Value;

use crate::support::{TempScenario, calc_json, rejected};

fn components(json: &Value, alternative: usize) -> &Value {
    &json["alternatives"][alternative]["components"][0]
}

fn line<'a>(component: &'a Value, dimension: &str) -> &'a Value {
    component["line_items"]
        .as_array()
        .expect("line items")
        .iter()
        .find(|item| item["dimension"] == dimension)
        .unwrap_or_else(|| panic!("no `{dimension}` in {component}"))
}

fn text(value: &Value) -> String {
    value.to_string()
}

#[test]
fn a_year_of_reserved_capacity_for_3000_wcu() {
    // Provisioned at the hourly rate: 3,000 WCU × $0.00065 × 730 h = $1,423.50.
    // Reserved for 1 year, 30 blocks of 100 WCU (us-east-1 feed rates):
    //   upfront 3,000 WCU × $1.50 = $4,500, paid once; a month's share
    //   $4,500 ÷ 12 = $375;
    //   hourly 3,000 WCU × 730 h = 2,190,000 WCU-hours × $0.000128 = $280.32;
    //   nothing beyond the reservation: 0 WCU-hours at $0.00065.
    //   Effective monthly: $375 + $280.32 = $655.32, $768.18 below $1,423.50.
    let json = calc_json(&["scenarios/dynamodb-reserved-capacity.toml"]);
    let hourly_rate = components(&json, 0);
    assert_eq!(
        text(&line(hourly_rate, "wcu_hour")["monthly_cost"]),
        "1423.5"
    );

    let reserved = components(&json, 1);
    let upfront = line(reserved, "reserved_wcu_upfront_1y");
    assert_eq!(text(&upfront["quantity"]), "3000");
    assert_eq!(text(&upfront["unit_price"]), "1.5");
    assert_eq!(text(&upfront["paid_once"]), "4500");
    assert_eq!(text(&upfront["term_months"]), "12");
    assert_eq!(text(&upfront["monthly_cost"]), "375");
    let hourly = line(reserved, "reserved_wcu_hour_1y");
    assert_eq!(text(&hourly["quantity"]), "2190000");
    assert_eq!(text(&hourly["monthly_cost"]), "280.32");
    let beyond = line(reserved, "wcu_hour");
    assert_eq!(text(&beyond["quantity"]), "0");
    assert_eq!(text(&beyond["monthly_cost"]), "0");
    assert_eq!(text(&reserved["capacity"]["reserved_wcu"]), "3000");
    assert_eq!(text(&reserved["capacity"]["upfront_paid_once"]), "4500");
    // The table's one RCU (no reads) is under a block: not reserved, so
    // 1 RCU × 730 h × $0.00013 = $0.0949 at the provisioned rate, as in the
    // first alternative.
    assert_eq!(text(&reserved["capacity"]["reserved_rcu"]), "0");
    assert_eq!(text(&line(reserved, "rcu_hour")["monthly_cost"]), "0.0949");
    assert!(
        reserved["line_items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|item| !item["dimension"]
                .as_str()
                .unwrap()
                .starts_with("reserved_rcu")),
        "{reserved}"
    );
    // $655.32 + $0.0949.
    assert_eq!(text(&reserved["monthly_cost"]), "655.4149");
    assert_eq!(text(&hourly_rate["monthly_cost"]), "1423.5949");

    // Three years: 3,000 × $1.80 = $5,400 once, ÷ 36 = $150 a month;
    // 2,190,000 WCU-hours × $0.000081 = $177.39; with the RCU, $327.4849.
    let three = components(&json, 2);
    let upfront = line(three, "reserved_wcu_upfront_3y");
    assert_eq!(text(&upfront["paid_once"]), "5400");
    assert_eq!(text(&upfront["term_months"]), "36");
    assert_eq!(text(&upfront["monthly_cost"]), "150");
    assert_eq!(
        text(&line(three, "reserved_wcu_hour_3y")["monthly_cost"]),
        "177.39"
    );
    assert_eq!(text(&three["monthly_cost"]), "327.4849");
}

#[test]
fn capacity_beyond_the_blocks_reserved_stays_at_the_provisioned_rate() {
    // 3,050 writes/s of 1 KB: 3,050 WCU. By default the whole blocks are
    // reserved, 3,000 WCU; the other 50 WCU × 730 h = 36,500 WCU-hours ×
    // $0.00065 = $23.725. With `reserved_wcu = 3500`, 500 of them idle
    // are billed all the same: 3,500 × $1.50 = $5,250 once ($437.50 a
    // month), 3,500 × 730 × $0.000128 = $327.04, and nothing beyond.
    let path = "scenarios/dynamodb-reserved-capacity.toml";
    let rate = "workload.records_per_second=3050";
    let json = calc_json(&[
        path,
        "--set",
        rate,
        "--set",
        "alternatives[reserved for 1 year].components[0].reserved_wcu=3500",
    ]);
    let reserved = components(&json, 1);
    assert_eq!(text(&line(reserved, "wcu_hour")["monthly_cost"]), "0");
    assert_eq!(
        text(&line(reserved, "reserved_wcu_upfront_1y")["monthly_cost"]),
        "437.5"
    );
    assert_eq!(
        text(&line(reserved, "reserved_wcu_hour_1y")["monthly_cost"]),
        "327.04"
    );
    let json = calc_json(&[
        path,
        "--set",
        rate,
        "--set",
        "alternatives[reserved for 1 year].components[0].reserved_wcu=0",
    ]);
    let none = components(&json, 1);
    // No block reserved: the whole 3,050 WCU at the provisioned rate,
    // 3,050 × 730 × $0.00065 = $1,447.225, and no fee.
    assert_eq!(text(&line(none, "wcu_hour")["monthly_cost"]), "1447.225");
    assert_eq!(text(&none["capacity"]["upfront_paid_once"]), "0");
}

#[test]
fn a_reserved_rate_the_table_lacks_is_refused_never_priced_on_demand() {
    // Every bundled table holds the reserved-capacity rates: a table of one's
    // own that leaves out the 1-year upfront fee, with a reason, is refused.
    let table = include_str!("../pricing/aws-us-east-1.toml");
    let at = table
        .find("[prices.dynamodb.reserved_wcu_upfront_1y]\n")
        .expect("the us-east-1 table's fee");
    let end = at + table[at..].find("\n\n").expect("the entry's end") + 2;
    let lacking = format!(
        "{}{}\n[missing.prices.dynamodb.reserved_wcu_upfront_1y]\nreason = \"no rate found\"\n",
        &table[..at],
        &table[end..]
    );
    let file = crate::support::TempScenario::new("no-reserved-fee", &lacking);
    let stderr = rejected(&[
        "scenarios/dynamodb-reserved-capacity.toml",
        "--pricing",
        file.path(),
    ]);
    assert!(
        stderr.contains("dynamodb.reserved_wcu_upfront_1y"),
        "{stderr}"
    );
}

#[test]
fn a_fixed_reservation_pays_off_above_a_utilisation_calc_solve_finds() {
    // 3,000 WCU reserved for a year cost $655.32 a month whatever the table
    // uses; at the provisioned rate a WCU costs $0.00065 × 730 h = $0.4745 a
    // month. $655.32 / $0.4745 = 1,381.07 WCU: at 1,381 writes/s of 1 KB the
    // hourly rate costs 1,381 × $0.4745 = $655.2845 (under the reservation),
    // at 1,382, $655.759 (over). The reservation pays off above 1,381 WCU,
    // 46% of what it reserves. (The table's one RCU, $0.0949, is in both.)
    let json = crate::support::accepted_json(&[
        "solve",
        "scenarios/dynamodb-reserved-capacity.toml",
        "--for",
        "workload.records_per_second",
        "--until",
        "cost<=provisioned at the hourly rate",
        "--format",
        "json",
    ]);
    let one_year = &json["alternatives"][1];
    assert_eq!(one_year["name"], "reserved for 1 year");
    assert_eq!(text(&one_year["low"]["value"]), "1381");
    assert_eq!(one_year["low"]["holds_at_value"], false);
}

#[test]
fn the_table_lists_each_types_commitments_with_their_sources() {
    // The type and its option wrap onto two lines of the table's cell.
    let shown = crate::support::accepted(&["pricing", "show", "aws-us-east-1", "redshift"]);
    let at = shown
        .find("│ ra3.xlplus                   ┆      ┆        ┆ $3,187.00 upfront a node,")
        .unwrap_or_else(|| panic!("{shown}"));
    let next = &shown[at..];
    assert!(next.contains("│ reserved_1y_partial_upfront  ┆"), "{next}");
    assert!(next.contains("+ $0.363813 per"), "{next}");
}

#[test]
fn a_reserved_line_is_dated_by_its_commitments_rates_not_the_on_demand_price() {
    // ra3.xlplus's on-demand row is dated 2024-07-01, its reserved rates
    // 2025-10-27: with no age allowed, each alternative names the price it
    // pays as its oldest.
    let run = crate::support::calc(&[
        "check",
        "--format",
        "json",
        "--max-price-age",
        "0d",
        "scenarios/redshift-reserved-nodes.toml",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let reason = |alternative: usize| {
        report["scenarios"][0]["alternatives"][alternative]["reasons"][0]["message"]
            .as_str()
            .expect("a message")
            .to_string()
    };
    let on_demand = reason(0);
    assert!(
        on_demand.starts_with("the oldest price it uses, `instances.redshift.\"ra3.xlplus\"` of pricing table aws-us-east-1, is dated 2024-07-01"),
        "{on_demand}"
    );
    let reserved = reason(1);
    assert!(
        reserved.starts_with("the oldest price it uses, `instances.redshift.\"ra3.xlplus\".commitments.reserved_1y_no_upfront` of pricing table aws-us-east-1, is dated 2025-10-27"),
        "{reserved}"
    );
}

/// One m6i.xlarge all of a 730-hour month, bought each way `purchases`
/// names, `rounding` as given.
fn m6i_xlarge(rounding: &str, purchases: &[&str]) -> crate::support::TempScenario {
    let alternatives: String = purchases
        .iter()
        .map(|purchase| {
            format!(
                "\n[[alternatives]]\nname = \"{purchase}\"\n\
                 components = [{{ service = \"ec2\", instance_type = \"m6i.xlarge\", purchase = \"{purchase}\" }}]\n"
            )
        })
        .collect();
    crate::support::TempScenario::new(
        "m6i-xlarge",
        &format!(
            "name = \"an m6i.xlarge all month\"\nhours_per_month = 730\nrounding = \"{rounding}\"\n{alternatives}"
        ),
    )
}

#[test]
fn an_m6i_xlarge_on_a_reserved_instance_and_on_a_compute_savings_plan() {
    // us-east-1, Linux, shared tenancy, 730 h; nothing is rounded unless
    // the scenario asks (`rounding = "none"`, the default).
    //   on demand:            730 h × $0.192   = $140.16;
    //   reserved, 1 year, no upfront: $0 once ($0 ÷ 12 = $0 a month)
    //                         + 730 h × $0.12701 = $92.7173;
    //   Compute Savings Plan, 1 year, no upfront: $0 once
    //                         + 730 h × $0.14106 = $102.9738;
    //   reserved, 3 years, no upfront: $0 ÷ 36 + 730 h × $0.08709 = $63.5757;
    //   Compute Savings Plan, 3 years, no upfront:
    //                         $0 ÷ 36 + 730 h × $0.09737 = $71.0801.
    let purchases = [
        "on_demand",
        "reserved_1y_no_upfront",
        "savings_plan_1y_no_upfront",
        "reserved_3y_no_upfront",
        "savings_plan_3y_no_upfront",
    ];
    let file = m6i_xlarge("none", &purchases);
    let json = calc_json(&[file.path()]);
    let on_demand = components(&json, 0);
    let hours = line(on_demand, "instance_hour");
    assert_eq!(text(&hours["quantity"]), "730");
    assert_eq!(text(&hours["unit_price"]), "0.192");
    assert_eq!(text(&hours["monthly_cost"]), "140.16");
    assert_eq!(text(&on_demand["monthly_cost"]), "140.16");
    for (at, term_months, hourly, monthly) in [
        (1, "12", "0.12701", "92.7173"),
        (2, "12", "0.14106", "102.9738"),
        (3, "36", "0.08709", "63.5757"),
        (4, "36", "0.09737", "71.0801"),
    ] {
        let committed = components(&json, at);
        let fee = line(committed, "committed_instance_upfront");
        assert_eq!(text(&fee["quantity"]), "1", "{}", purchases[at]);
        assert_eq!(text(&fee["unit_price"]), "0", "{}", purchases[at]);
        assert_eq!(text(&fee["paid_once"]), "0", "{}", purchases[at]);
        assert_eq!(text(&fee["term_months"]), term_months, "{}", purchases[at]);
        assert_eq!(text(&fee["monthly_cost"]), "0", "{}", purchases[at]);
        let hours = line(committed, "committed_instance_hour");
        assert_eq!(text(&hours["quantity"]), "730", "{}", purchases[at]);
        assert_eq!(text(&hours["unit_price"]), hourly, "{}", purchases[at]);
        assert_eq!(text(&hours["monthly_cost"]), monthly, "{}", purchases[at]);
        assert_eq!(
            text(&committed["monthly_cost"]),
            monthly,
            "{}",
            purchases[at]
        );
        // Never the On-Demand line beside it.
        assert!(
            committed["line_items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|item| item["dimension"] != "instance_hour"),
            "{committed}"
        );
    }

    // With `rounding = "up_to_cent"` each line goes up to the cent:
    // $92.7173 → $92.72 and $102.9738 → $102.98; $140.16 and the $0 fee
    // are whole cents already.
    let file = m6i_xlarge("up_to_cent", &purchases[..3]);
    let json = calc_json(&[file.path()]);
    assert_eq!(text(&components(&json, 0)["monthly_cost"]), "140.16");
    assert_eq!(text(&components(&json, 1)["monthly_cost"]), "92.72");
    assert_eq!(text(&components(&json, 2)["monthly_cost"]), "102.98");
}

#[test]
fn an_m6i_xlarge_paid_partly_or_all_upfront_is_refused_never_priced_on_demand() {
    // No source gives EC2's upfront fee and hourly rate for a partial (or
    // all) upfront payment: the bundled table holds none, and a scenario
    // that buys one is refused with the way to add it.
    for purchase in [
        "reserved_1y_partial_upfront",
        "reserved_3y_all_upfront",
        "savings_plan_1y_partial_upfront",
        "savings_plan_3y_all_upfront",
    ] {
        let file = m6i_xlarge("none", &[purchase]);
        let stderr = rejected(&[file.path()]);
        assert!(
            stderr.contains(&format!(
                "pricing table `aws-us-east-1` has no `{purchase}` rates for the type this `ec2` component names"
            )),
            "{stderr}"
        );
        assert!(
            stderr.contains(&format!(
                "can add `[instances.ec2.\"TYPE\".commitments.{purchase}]`"
            )),
            "{stderr}"
        );
    }
}

#[test]
fn the_table_lists_each_ec2_types_commitments_with_their_sources() {
    // m6i.xlarge's rows below its own: a fee an instance and an hourly rate
    // each, with its source.
    let shown = crate::support::accepted(&["pricing", "show", "aws-us-east-1", "ec2"]);
    let at = shown
        .find("│ m6i.xlarge                   ┆      ┆        ┆ $0.00 upfront an instance,")
        .unwrap_or_else(|| panic!("{shown}"));
    let next = &shown[at..];
    for says in [
        "│ reserved_1y_no_upfront       ┆",
        "+ $0.12701 per",
        "AWS EC2 pricing-page feed",
        "│ savings_plan_1y_no_upfront   ┆",
        "+ $0.14106 per",
    ] {
        assert!(next.contains(says), "{says}: {next}");
    }
    // The Reserved Instance's rates are the feed's, by rate code; the
    // Savings Plan's copy of the feed gives none, and says so.
    let table = include_str!("../pricing/aws-us-east-1.toml");
    let entry = |purchase: &str| {
        let header = format!("[instances.ec2.\"m6i.xlarge\".commitments.{purchase}]\n");
        let start = table.find(&header).unwrap_or_else(|| panic!("no {header}"));
        table[start..].split("\n\n").next().unwrap_or_default()
    };
    let reserved = entry("reserved_1y_no_upfront");
    assert!(
        reserved.contains("rate code 2UVH39HPDNC399X4.4NA7Y494T4.6YS6EN2CT7"),
        "{reserved}"
    );
    assert!(
        reserved.contains("evidence = \"aws-price-list\""),
        "{reserved}"
    );
    let plan = entry("savings_plan_1y_no_upfront");
    assert!(plan.contains("gives no rate code"), "{plan}");
}

/// A Kinesis stream under On-demand Advantage: 10 MiB/s of 4 KiB records
/// (2,560 a second) kept 3 days, read by one shared consumer.
const ADVANTAGE: &str = r#"name = "a stream under On-demand Advantage"

[workload]
records_per_second = 2560
record_size = "4 KB"

[[alternatives]]
name = "Kinesis"
components = [{ service = "kinesis_data_streams", capacity_mode = "on_demand_advantage", retention = "3 d" }]
"#;

/// A price book over the bundled table with Advantage's three prices:
/// this test's own figures, not AWS's (no source labels AWS's).
const ADVANTAGE_PRICES: &str = r#"name = "advantage-book"
extends = "aws-us-east-1"

[prices.kinesis_data_streams.on_demand_advantage_data_in_gb]
price = 0.032
unit = "GB"
source = "a test price"
as_of = "2026-12-07"
evidence = "unverified"

[prices.kinesis_data_streams.on_demand_advantage_data_out_gb]
price = 0.016
unit = "GB"
source = "a test price"
as_of = "2026-12-07"
evidence = "unverified"

[prices.kinesis_data_streams.on_demand_advantage_extended_retention_gb_month]
price = 0.04
unit = "GB-month"
source = "a test price"
as_of = "2026-12-07"
evidence = "unverified"
"#;

#[test]
fn kinesis_on_demand_advantage_bills_the_accounts_minimum_at_a_price_books_rates() {
    let stream = TempScenario::new("advantage", ADVANTAGE);
    // No bundled table prices Advantage: refused, every missing price named
    // at once, and the fix a price book, since no other table has them.
    let stderr = rejected(&[stream.path()]);
    for price in [
        "on_demand_advantage_data_in_gb",
        "on_demand_advantage_data_out_gb",
        "on_demand_advantage_extended_retention_gb_month",
    ] {
        assert!(
            stderr.contains(&format!("has no price for `kinesis_data_streams.{price}`")),
            "{price} in\n{stderr}"
        );
    }
    assert!(
        stderr.contains("lacks 3 prices that this scenario needs"),
        "{stderr}"
    );
    assert!(
        stderr.contains("no bundled table has them: write a price book of your own that fills them: `extends = \"aws-us-east-1\"`"),
        "{stderr}"
    );

    // With the book's prices (730 h, 2,628,000 s): 10 MiB/s metered in is
    // 10 × 2,628,000 ÷ 1,024 = 25,664.0625 GB, under the account's minimum
    // of 25 MiB/s, 25 × 2,628,000 ÷ 1,024 = 64,160.15625 GB, which is
    // billed: × $0.032 = $2,053.125, a shortfall of 38,496.09375 GB. The
    // one consumer reads as much, billed the minimum too: × $0.016 =
    // $1,026.5625. Retention past the first day, 48 h of 10 MiB/s: 10 ×
    // 172,800 ÷ 1,024 = 1,687.5 GB-months × $0.04 = $67.50. No
    // stream-hours. In all $3,147.1875.
    let book = TempScenario::new("advantage-book", ADVANTAGE_PRICES);
    let json = calc_json(&["--pricing", book.path(), stream.path()]);
    let kinesis = components(&json, 0);
    let data_in = line(kinesis, "on_demand_advantage_data_in_gb");
    assert_eq!(text(&data_in["quantity"]), "64160.15625");
    assert_eq!(text(&data_in["monthly_cost"]), "2053.125");
    let data_out = line(kinesis, "on_demand_advantage_data_out_gb");
    assert_eq!(text(&data_out["quantity"]), "64160.15625");
    assert_eq!(text(&data_out["monthly_cost"]), "1026.5625");
    let retention = line(kinesis, "on_demand_advantage_extended_retention_gb_month");
    assert_eq!(text(&retention["quantity"]), "1687.5");
    assert_eq!(text(&retention["monthly_cost"]), "67.5");
    assert_eq!(
        text(&kinesis["capacity"]["ingest_shortfall_gb"]),
        "38496.09375"
    );
    assert_eq!(
        text(&kinesis["capacity"]["retrieval_shortfall_gb"]),
        "38496.09375"
    );
    assert_eq!(kinesis["line_items"].as_array().map(Vec::len), Some(3));
    assert_eq!(text(&json["alternatives"][0]["monthly_cost"]), "3147.1875");
    assert!(
        kinesis["notes"]
            .as_array()
            .expect("notes")
            .iter()
            .any(|n| n["code"] == "advantage_commitment"),
        "{kinesis}"
    );

    // A misspelt mode is still caught, with the closest one.
    let typo = TempScenario::new(
        "advantage-typo",
        &ADVANTAGE.replace("on_demand_advantage", "on_demand_advantge"),
    );
    let stderr = rejected(&[typo.path()]);
    assert!(
        stderr.contains("did you mean `on_demand_advantage`?"),
        "{stderr}"
    );
    let typo = TempScenario::new(
        "on-demand-typo",
        &ADVANTAGE.replace("on_demand_advantage", "on_demnd"),
    );
    let stderr = rejected(&[typo.path()]);
    assert!(stderr.contains("did you mean `on_demand`?"), "{stderr}");
}
