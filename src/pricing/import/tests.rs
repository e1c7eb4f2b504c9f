use super::*;
use crate::model::dimension::Dimension;

static SHARD_HOUR: Dimension = Dimension::new("stream.shard_hour", "shard-hour");
static STORAGE: Mapping = Mapping::usage(&SHARD_HOUR, "Storage-ShardHour");

fn kinesis(usage_type: &str, prefixes: &[&str]) -> bool {
    let names = ["usagetype", "regionCode"];
    let values = [Some(usage_type.to_string()), Some("r".to_string())];
    let prefixes: Vec<String> = prefixes.iter().map(|p| (*p).to_string()).collect();
    matches(&STORAGE, None, &names, &values, &prefixes)
}

#[test]
fn a_usage_type_matches_bare_or_after_the_regions_prefix_only() {
    assert!(kinesis("Storage-ShardHour", &["us-east-1", "USE1"]));
    assert!(kinesis("USE1-Storage-ShardHour", &["us-east-1", "USE1"]));
    assert!(kinesis(
        "EU-Storage-ShardHour",
        &["eu-west-1", "EU", "EUW1"]
    ));
    assert!(!kinesis("EU-Storage-ShardHour", &["us-east-1", "USE1"]));
    // A qualifier is not a region: DynamoDB's Standard-IA is `IA-…`.
    assert!(!kinesis("IA-Storage-ShardHour", &["us-east-1", "USE1"]));
    assert!(!kinesis("Storage-ShardHours", &["us-east-1", "USE1"]));
    assert!(!kinesis("USE1Storage-ShardHour", &["us-east-1", "USE1"]));
}

#[test]
fn a_memory_is_read_in_gib_only() {
    assert_eq!(memory("16 GiB").as_deref(), Some("16 GB"));
    assert_eq!(memory("1,952 GiB").as_deref(), Some("1952 GB"));
    assert_eq!(memory("0.5 GiB").as_deref(), Some("0.5 GB"));
    assert_eq!(memory("3.75 GiB").as_deref(), Some("3.75 GB"));
    for unread in [
        "NA", "16 GB", "16GiB", "1,95 GiB", "0 GiB", "-1 GiB", " GiB", "1e3 GiB",
    ] {
        assert_eq!(memory(unread), None, "{unread}");
    }
}
