//! The design-review page (`--format html`): one file that loads nothing,
//! read back as the XML it is written as, so that its structure, not only
//! its text, is checked. A real browser checks the rest (tests/browser.rs).

use roxmltree::{Document, Node, ParsingOptions};
use serde_json::Value;

use crate::support::{
    TempFolder, accepted, accepted_json, calc, calc_binary, calc_json, dollars, toml_string,
};

fn parsed(page: &str) -> Document<'_> {
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(page, options)
        .unwrap_or_else(|e| panic!("the page is not well formed: {e}\n{page}"))
}

/// The element's text, all of it, as a reader sees it.
fn text(node: Node) -> String {
    node.descendants()
        .filter(Node::is_text)
        .filter_map(|n| n.text())
        .collect()
}

fn by_id<'a, 'i>(doc: &'a Document<'i>, id: &str) -> Node<'a, 'i> {
    doc.descendants()
        .find(|n| n.attribute("id") == Some(id))
        .unwrap_or_else(|| panic!("no element #{id}"))
}

/// Nothing runs and nothing is loaded: no script, no handler, no address.
fn assert_inert(doc: &Document) {
    for node in doc.descendants().filter(Node::is_element) {
        let name = node.tag_name().name();
        assert!(
            ![
                "script", "iframe", "object", "embed", "img", "link", "base", "form"
            ]
            .contains(&name),
            "<{name}> in the page"
        );
        assert_ne!(
            node.attribute("http-equiv")
                .map(str::to_ascii_lowercase)
                .as_deref(),
            Some("refresh"),
            "a page that moves itself elsewhere"
        );
        for attribute in node.attributes() {
            let key = attribute.name().to_ascii_lowercase();
            assert!(!key.starts_with("on"), "a handler: {key}");
            if key == "href" {
                assert!(
                    attribute.value().starts_with('#'),
                    "a link out: {}",
                    attribute.value()
                );
            }
            assert!(
                !["src", "srcset", "action", "formaction", "xlink:href"].contains(&key.as_str()),
                "{key} in the page"
            );
        }
    }
    let policy = doc
        .descendants()
        .find(|n| n.attribute("http-equiv") == Some("Content-Security-Policy"))
        .and_then(|n| n.attribute("content"))
        .expect("a Content-Security-Policy");
    assert!(policy.starts_with("default-src 'none';"), "{policy}");
}

#[test]
fn the_seed_page_holds_every_figure_of_the_report() {
    let page = accepted(&["scenarios/kinesis-vs-dynamodb.toml", "--format", "html"]);
    assert!(page.len() < 300 * 1024, "{} bytes", page.len());
    let doc = parsed(&page);
    assert_inert(&doc);
    let all = text(doc.root());
    // The seed's three totals, as the study note works them out.
    for total in ["$143.23", "$1,090.22", "$1,423.59"] {
        assert!(all.contains(total), "{total} is missing");
    }
    // Every monthly cost of the JSON report, each alternative and line item.
    let json = calc_json(&["scenarios/kinesis-vs-dynamodb.toml"]);
    for alternative in json["alternatives"].as_array().expect("alternatives") {
        assert!(all.contains(&dollars(&alternative["monthly_cost"])));
        for component in alternative["components"].as_array().expect("components") {
            for item in component["line_items"].as_array().expect("items") {
                let cost = dollars(&item["monthly_cost"]);
                assert!(all.contains(&cost), "{cost} of {}", item["dimension"]);
            }
        }
    }
    // The comparison ranks Kinesis first and calls it the cheapest that
    // meets the requirements.
    let answer = text(by_id(&doc, "answer"));
    assert!(
        answer.contains(
            "Cheapest that meets the requirements: Kinesis Data Streams, $143.23 a month"
        ),
        "{answer}"
    );
    // The Kinesis pipeline's box says 3 shards, and the working of the
    // shards is one fold away under the component.
    let kinesis = by_id(&doc, "alt-0");
    let figure = kinesis
        .descendants()
        .find(|n| n.has_tag_name("figure"))
        .expect("a pipeline");
    let svg = figure
        .descendants()
        .find(|n| n.has_tag_name("svg"))
        .expect("a drawing");
    assert_eq!(svg.attribute("role"), Some("img"));
    assert!(text(svg).contains("3 shards"), "{}", text(svg));
    let caption = figure
        .descendants()
        .find(|n| n.has_tag_name("figcaption"))
        .expect("a caption");
    assert!(text(caption).contains("(3 shards), fed by the workload at 3,000 records/s · 1 KB"));
    let fold = by_id(&doc, "alt-0-c-0")
        .descendants()
        .find(|n| n.has_tag_name("details"))
        .expect("the working, folded");
    let working = text(fold);
    assert!(
        working.contains("shards") && working.contains("= 3 shards") && working.contains('⌈'),
        "{working}"
    );
    // Every price used, with its source, date and evidence.
    let assumptions = text(by_id(&doc, "assumptions"));
    assert!(assumptions.contains("kinesis_data_streams.shard_hour"));
    assert!(assumptions.contains("$0.015/shard-hour"));
    assert!(assumptions.contains("aws-price-list"));
}

#[test]
fn the_pipeline_is_drawn_in_the_order_of_the_flow_with_each_hop_labelled() {
    let page = accepted(&["scenarios/ingestion-pipeline.toml", "--format", "html"]);
    let doc = parsed(&page);
    let drawing = by_id(&doc, "alt-0")
        .descendants()
        .find(|n| n.has_tag_name("svg"))
        .expect("a pipeline");
    let boxes: Vec<String> = drawing
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("font-weight") == Some("600"))
        .map(text)
        .collect();
    assert_eq!(boxes.len(), 5, "{boxes:?}");
    for (shown, name) in boxes.iter().zip([
        "stream: kinesis_data_streams",
        "firehose (kinesis_data_streams)",
        "lake: s3",
        "sqs (standard)",
        "lambda (x86_64)",
    ]) {
        assert!(shown.starts_with(name), "{shown} is not {name}");
    }
    // Firehose hands S3 an object a flush: 64 MB fill in 67,108,864 B ÷
    // 2,048,000 B/s = 32.768 s, before the 300 s interval.
    let labels: Vec<String> = drawing
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("font-weight").is_none())
        .map(text)
        .collect();
    assert!(
        labels.contains(&"1 object every 32.77 s · 64 MB".to_string()),
        "{labels:?}"
    );
    assert!(labels.contains(&"2,000 records/s · peak 4,000 · 1 KB".to_string()));
}

#[test]
fn names_that_try_to_break_out_stay_text() {
    let names = [
        "<script>document.title='run'</script>",
        "</svg></figure><h1>injected</h1>",
        "\" onload=\"alert(1)",
        "' onmouseover='alert(1)",
        "a & b \u{7}\u{202e}",
    ];
    let mut scenario = format!(
        "name = {:?}\n[workload]\nrecords_per_second = 10\nrecord_size = \"1 KB\"\n",
        names[0]
    );
    for name in names {
        scenario.push_str(&format!(
            "[[alternatives]]\nname = {}\ncomponents = [{{ service = \"sqs\" }}]\n",
            toml_string(name)
        ));
    }
    let folder = TempFolder::new();
    let file = folder.write("hostile.toml", &scenario);
    let page = accepted(&[&file, "--format", "html"]);
    let doc = parsed(&page);
    assert_inert(&doc);
    let all = text(doc.root());
    for name in &names[..4] {
        assert!(all.contains(name), "{name} is not shown as text");
    }
    // Control characters and those that reorder text show as escapes.
    assert!(all.contains("a & b \\u{7}\\u{202e}"), "{all}");
    assert!(
        !doc.descendants()
            .any(|n| n.has_tag_name("h1") && text(n) == "injected")
    );
}

#[test]
fn the_page_can_be_written_to_a_file() {
    let folder = TempFolder::new();
    let path = format!("{}/review.html", folder.path());
    let run = calc_binary(&[
        "scenarios/kinesis-vs-dynamodb.toml",
        "--format",
        "html",
        "-o",
        &path,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let written = std::fs::read_to_string(&path).expect("the page");
    assert!(written.starts_with("<!DOCTYPE html>"));
    // A folder in its place is refused, with nothing printed instead.
    let run = calc_binary(&[
        "scenarios/kinesis-vs-dynamodb.toml",
        "--format",
        "html",
        "-o",
        folder.path(),
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with(&format!(
            "error: cannot write the report to `{}`: it is a folder, not a file",
            folder.path()
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn a_sweep_page_has_the_chart_the_changes_and_the_points() {
    let args = [
        "sweep",
        "scenarios/dynamodb-capacity-modes.toml",
        "--vary",
        "workload.peak_to_average=1..8",
    ];
    let page = accepted(&[&args[..], &["--format", "html"]].concat());
    let doc = parsed(&page);
    assert_inert(&doc);
    let json = accepted_json(&[&args[..], &["--format", "json"]].concat());
    let chart = by_id(&doc, "chart");
    assert!(
        chart
            .descendants()
            .any(|n| n.has_tag_name("svg") && n.attribute("role") == Some("img"))
    );
    let changes = by_id(&doc, "changes");
    assert_eq!(
        changes
            .descendants()
            .filter(|n| n.has_tag_name("li"))
            .count(),
        json["crossovers"].as_array().expect("crossovers").len()
            + json["turns"].as_array().map_or(0, Vec::len)
    );
    let rows = by_id(&doc, "points")
        .descendants()
        .filter(|n| n.has_tag_name("tr"))
        .count();
    // A header row and one a point: 101 points by default.
    assert_eq!(rows, 1 + 101);
}

#[test]
fn a_check_page_says_what_passes_and_what_fails() {
    let run = calc(&["check", "scenarios", "--format", "html"]);
    let json = calc(&["check", "scenarios", "--format", "json"]);
    // The page keeps check's exit code.
    assert_eq!(run.code, json.code);
    let doc = parsed(&run.stdout);
    assert_inert(&doc);
    let summary: Value = serde_json::from_str(&json.stdout).expect("JSON");
    let failed = summary["summary"]["failed"].as_u64().expect("a count");
    let heading = doc
        .descendants()
        .find(|n| n.has_tag_name("h1"))
        .map(text)
        .expect("a heading");
    assert!(
        heading.starts_with(&format!("calc check: {failed} of ")),
        "{heading}"
    );
}

#[test]
fn a_ranged_report_draws_each_alternative_from_p10_to_p90() {
    // The triangle from 2 to 5 peaking at 3 puts on demand's fixed $1,642.50
    // above the provisioned table's P10 and below its P90 (see ranges.rs).
    let page = accepted(&[
        "scenarios/dynamodb-capacity-modes.toml",
        "--format",
        "html",
        "--samples",
        "2000",
        "--set",
        "workload.peak_to_average={ low = 2, expected = 3, high = 5, distribution = \"triangular\" }",
    ]);
    let doc = parsed(&page);
    assert_inert(&doc);
    let section = by_id(&doc, "ranges");
    let words = text(section);
    assert!(words.contains("2,000 samples (seed 1)"), "{words}");
    assert!(words.contains("workload.peak_to_average from 2 to 5, most likely 3 (triangular)"));
    // A band a alternative, titled with its P10 and P90, inside a figure.
    let bands: Vec<String> = section
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .map(text)
        .collect();
    assert_eq!(bands.len(), 2, "{bands:?}");
    assert!(
        bands[1].contains("on demand: P10 $1,642.50, P90 $1,642.50"),
        "{bands:?}"
    );
    // The table: a row an alternative, the chances as percentages.
    let rows: Vec<Node> = section
        .descendants()
        .filter(|n| n.has_tag_name("tr"))
        .skip(1)
        .collect();
    assert_eq!(rows.len(), 2);
    assert!(text(rows[1]).starts_with("on demand$1,642.50$1,642.50$1,642.50"));
    // Without a range there is no such section.
    let plain = accepted(&["scenarios/dynamodb-capacity-modes.toml", "--format", "html"]);
    assert!(!plain.contains("id=\"ranges\""));
}

#[test]
fn a_growing_scenario_has_its_months_after_the_answer() {
    // An on-demand table of 1,000 writes/s of 1 KB bills 2,628 million
    // write request units at $0.625 a million: $1,642.50 in month 1. At
    // 20% a month, month 2 is × 1.2 = $1,971.00 and month 3 × 1.44 =
    // $2,365.20.
    let folder = TempFolder::new();
    let path = folder.write(
        "growing.toml",
        r#"name = "a growing table"

[workload]
records_per_second = 1000
record_size = "1 KB"

[growth]
rate = "20% per month"
months = 3

[[alternatives]]
name = "on demand"
components = [{ service = "dynamodb", capacity_mode = "on_demand" }]
"#,
    );
    let page = accepted(&[&path, "--format", "html"]);
    let doc = parsed(&page);
    assert_inert(&doc);
    let growth = by_id(&doc, "growth");
    // Right after the answer.
    let before = growth
        .prev_sibling_element()
        .and_then(|n| n.attribute("id"));
    assert_eq!(before, Some("answer"));
    let svg = growth
        .descendants()
        .find(|n| n.has_tag_name("svg"))
        .expect("a chart");
    assert_eq!(svg.attribute("role"), Some("img"));
    assert!(svg.children().any(|n| n.has_tag_name("title")));
    // A legend names each line under the chart, not its colour alone.
    let legend: Vec<String> = svg
        .children()
        .filter(|n| n.has_tag_name("text"))
        .map(text)
        .collect();
    assert!(legend.iter().any(|t| t == "on demand"), "{legend:?}");
    let caption = growth
        .descendants()
        .find(|n| n.has_tag_name("figcaption"))
        .map(text)
        .expect("a caption");
    assert!(
        caption.contains("on demand from $1,642.50 in month 1 to $2,365.20 in month 3"),
        "{caption}"
    );
    let table = growth
        .descendants()
        .find(|n| n.has_tag_name("table"))
        .expect("a table");
    assert_eq!(table.attribute("class"), Some("stack"));
    let rows: Vec<Vec<(String, String)>> = table
        .descendants()
        .filter(|n| n.has_tag_name("tr") && n.ancestors().any(|a| a.has_tag_name("tbody")))
        .map(|row| {
            row.children()
                .filter(|c| c.has_tag_name("td"))
                .map(|c| (c.attribute("data-label").unwrap_or("").to_string(), text(c)))
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 3);
    let cost = |row: &Vec<(String, String)>| {
        let (label, value) = &row[2];
        assert_eq!(label, "on demand");
        value.clone()
    };
    assert!(cost(&rows[0]).starts_with("$1,642.50"), "{:?}", rows[0]);
    assert!(cost(&rows[1]).starts_with("$1,971.00"), "{:?}", rows[1]);
    assert!(cost(&rows[2]).starts_with("$2,365.20"), "{:?}", rows[2]);
    assert_eq!(rows[1][0], ("month".to_string(), "2".to_string()));

    // A scenario without `[growth]` has no such section.
    let plain = accepted(&["scenarios/kinesis-vs-dynamodb.toml", "--format", "html"]);
    assert!(!plain.contains("id=\"growth\""));
}
