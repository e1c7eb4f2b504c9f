//! Commitments (reserved capacity), worked by hand from the rates of the
//! bundled table, checked end to end through the JSON output.

use serde_json::Value;

use crate::support::{calc_json, rejected};

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
