//! The JSON Schema of the scenario format: `calc schema` prints what is
//! committed as `scenario.schema.json`, every bundled scenario validates
//! against it, and a misspelt key does not.

use std::path::Path;

use crate::support::calc;

const COMMITTED: &str = include_str!("../scenario.schema.json");

fn validator() -> (boon::Schemas, boon::SchemaIndex) {
    let schema: serde_json::Value = serde_json::from_str(COMMITTED).expect("the schema is JSON");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource("scenario.schema.json", schema)
        .expect("the schema loads");
    let index = compiler
        .compile("scenario.schema.json", &mut schemas)
        .expect("the schema is a valid JSON Schema");
    (schemas, index)
}

/// A scenario's TOML as the JSON value the schema describes.
fn as_json(text: &str) -> serde_json::Value {
    let value: toml::Value = toml::from_str(text).expect("valid TOML");
    serde_json::to_value(value).expect("TOML converts to JSON")
}

fn errors(text: &str) -> Option<String> {
    let (schemas, index) = validator();
    schemas
        .validate(&as_json(text), index)
        .err()
        .map(|e| format!("{e:#}"))
}

#[test]
fn the_committed_schema_is_current() {
    let run = calc(&["schema"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    crate::support::generated("scenario.schema.json", &run.stdout);
}

#[test]
fn every_bundled_scenario_validates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for folder in ["scenarios", "tests/verdicts"] {
        for entry in std::fs::read_dir(root.join(folder)).expect("folder") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path).expect("readable");
                if let Some(errors) = errors(&text) {
                    panic!("{} does not validate:\n{errors}", path.display());
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 10, "only {checked} scenarios checked");
}

#[test]
fn a_misspelt_key_does_not_validate() {
    let good = r#"
name = "x"
[workload]
records_per_second = 1000
record_size = "1 KB"
[[alternatives]]
name = "Kinesis"
components = [{ service = "kinesis_data_streams", consumers = 2 }]
"#;
    assert_eq!(errors(good), None);
    for bad in [
        good.replace("consumers = 2", "consumer = 2"),
        good.replace("records_per_second", "recods_per_second"),
        good.replace("kinesis_data_streams", "kinesis"),
        good.replace("consumers = 2", "consumers = \"two\""),
    ] {
        assert!(errors(&bad).is_some(), "validated:\n{bad}");
    }
}

#[test]
fn a_misspelt_key_is_named_for_its_service() {
    let good = r#"
name = "x"
[workload]
records_per_second = 1000
record_size = "1 KB"
[[alternatives]]
name = "Queue"
components = [{ service = "sqs", batch_size = 3 }]
"#;
    assert_eq!(errors(good), None);
    let said = errors(&good.replace("batch_size", "batchsize")).expect("does not validate");
    assert!(said.contains("batchsize"), "{said}");
    assert!(!said.contains("oneOf"), "{said}");
    // A bundled scenario still validates, its services' keys selected by
    // its `service` values.
    let bundled = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/big-data-ingestion.toml"),
    )
    .expect("readable");
    assert_eq!(errors(&bundled), None);
}

#[test]
fn a_schedule_s_hours_validate_exactly_as_calc_reads_them() {
    let scenario = |hours: &str| {
        format!(
            r#"name = "n"
[workload]
records_per_second = 1
record_size = "1 KB"
[[alternatives]]
name = "a"
components = [{{ service = "ec2", instance_type = "m5.large", schedule = {{ hours = "{hours}" }} }}]
"#
        )
    };
    for good in ["08-20", "00-24", "22-06", "20-00", "23-24", "00-01"] {
        assert_eq!(errors(&scenario(good)), None, "{good}");
    }
    // No hours, a start past 23, an end past 24, one digit.
    for bad in ["20-20", "00-00", "24-08", "08-25", "8-20"] {
        assert!(errors(&scenario(bad)).is_some(), "{bad}");
    }
}
