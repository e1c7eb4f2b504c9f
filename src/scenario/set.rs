//! Every value by its path (`workload.records_per_second`,
//! `alternatives[Kinesis].components[stream].consumers`): listing the paths,
//! resolving one, and setting a value over the scenario's in its own syntax
//! (`--set`), checked as the file's own value would be.

use std::fmt;

use super::design::Scenario;
use super::fields::{Entry, Fields};
use super::params::{PRICE, Param, Place, Ranged, path, put_range};
use crate::base::diagnostic::{Diagnostic, Source, Span};
use crate::model::keys::{Key, Kind, Value};
use crate::model::report::Override;
use crate::model::spread::Spread;

/// Every value's path and slot, for listings and suggestions.
pub fn paths(scenario: &Scenario) -> impl Iterator<Item = (String, usize)> + '_ {
    scenario
        .params
        .info
        .iter()
        .enumerate()
        .map(|(slot, param)| (path_of(scenario, param), slot))
}

fn path_of(scenario: &Scenario, param: &Param) -> String {
    let names = match param.place {
        Place::Component {
            alternative,
            component,
        } => {
            let alternative = &scenario.alternatives[alternative];
            Some((
                &*alternative.name,
                alternative.components[component].id.as_deref(),
            ))
        }
        Place::Alternative(alternative) => Some((&*scenario.alternatives[alternative].name, None)),
        _ => None,
    };
    path(param.place, param.key, names)
}

/// The slot of the value at `path`. A component is named by its `id` or by
/// its index (`components[0]`).
pub fn resolve(scenario: &Scenario, path: &str) -> Result<usize, NoSuchPath> {
    slot(scenario, path).ok_or_else(|| {
        let all: Vec<(String, usize)> = paths(scenario).collect();
        let near = by_position(scenario, path).unwrap_or_else(|| {
            crate::base::suggest::did_you_mean(path, all.iter().map(|(p, _)| p.as_str()))
                .map(str::to_string)
        });
        NoSuchPath {
            path: path.to_string(),
            near,
        }
    })
}

/// The nearest path to `alternatives[0]…`, which names an alternative by
/// its position: the same path in the alternative at that position, by its
/// name, and not another alternative whose name is closer as text
/// (`[on demand]` for `[0]`); none past the last alternative. `None` when
/// the path names no alternative by position.
fn by_position(scenario: &Scenario, path: &str) -> Option<Option<String>> {
    let (index, rest) = path.strip_prefix("alternatives[")?.split_once(']')?;
    if scenario.alternatives.iter().any(|a| &*a.name == index) {
        return None;
    }
    let index: usize = index.parse().ok()?;
    let Some(alternative) = scenario.alternatives.get(index) else {
        return Some(None);
    };
    let named = format!("alternatives[{}]{rest}", alternative.name);
    if slot(scenario, &named).is_some() {
        return Some(Some(named));
    }
    let own = format!("alternatives[{}].", alternative.name);
    let all: Vec<(String, usize)> = paths(scenario)
        .filter(|(p, _)| p.starts_with(&own))
        .collect();
    Some(
        crate::base::suggest::did_you_mean(&named, all.iter().map(|(p, _)| p.as_str()))
            .map(str::to_string),
    )
}

fn slot(scenario: &Scenario, path: &str) -> Option<usize> {
    let found = |place: Place, key: &str| {
        scenario
            .params
            .info
            .iter()
            .position(|p| p.place == place && p.key.name == key)
    };
    match path.split_once('.') {
        None => found(Place::Scenario, path),
        Some(("workload", key)) => found(Place::Workload, key),
        Some(("requirements", key)) => found(Place::Requirements, key),
        Some(("prices", key)) => crate::services::dimensions()
            .position(|d| d.key == key)
            .and_then(|index| found(Place::Price(index), PRICE.name)),
        Some(_) => component_slot(scenario, path)
            .or_else(|| alternative_slot(scenario, path))
            .and_then(|(place, key)| found(place, key)),
    }
}

/// A path no value of the scenario has, and the nearest one that it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoSuchPath {
    pub path: String,
    pub near: Option<String>,
}

impl fmt::Display for NoSuchPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no value has the path `{}`", self.path)?;
        if let Some(near) = &self.near {
            write!(f, "; did you mean `{near}`?")?;
        }
        Ok(())
    }
}

impl std::error::Error for NoSuchPath {}

/// `alternatives[NAME].KEY` → the place and the key.
fn alternative_slot<'p>(scenario: &Scenario, path: &'p str) -> Option<(Place, &'p str)> {
    let (name, key) = path.strip_prefix("alternatives[")?.rsplit_once("].")?;
    let alternative = scenario
        .alternatives
        .iter()
        .position(|a| &*a.name == name)?;
    Some((Place::Alternative(alternative), key))
}

/// `alternatives[NAME].components[ID or INDEX].KEY` → the place and the key.
fn component_slot<'p>(scenario: &Scenario, path: &'p str) -> Option<(Place, &'p str)> {
    let rest = path.strip_prefix("alternatives[")?;
    let (name, rest) = rest.split_once("].components[")?;
    let (component, key) = rest.split_once("].")?;
    let alternative = scenario
        .alternatives
        .iter()
        .position(|a| &*a.name == name)?;
    let components = &scenario.alternatives[alternative].components;
    let component = components
        .iter()
        .position(|c| c.id.as_deref() == Some(component))
        .or_else(|| {
            component
                .parse()
                .ok()
                .filter(|&i: &usize| i < components.len())
        })?;
    Some((
        Place::Component {
            alternative,
            component,
        },
        key,
    ))
}

/// Reads `text` as the value at `path` would be written in the scenario
/// (`6000`, `"35 KB"`, `on_demand`, `{ low = 2000, expected = 3000, high =
/// 8000 }`), checks it as the scenario's own value would be, and puts it in
/// `values` (a range's expected value); returns the range, if it is one.
pub fn set(
    scenario: &Scenario,
    values: &mut [Value],
    path: &str,
    text: &str,
) -> Result<Option<Spread>, Diagnostic> {
    let slot = resolve(scenario, path).map_err(|e| Diagnostic::plain(e.to_string()))?;
    let param = scenario.params.info[slot];
    let source = Source::new(format!("--set {path}"), text.to_string());
    // A value as TOML writes it, and nothing more; else the text itself
    // (`on_demand` needs no quotes here).
    let value = toml::from_str::<toml::Table>(&format!("v = {text}"))
        .ok()
        .filter(|table| table.len() == 1)
        .and_then(|mut table| table.remove("v"))
        .unwrap_or_else(|| toml::Value::String(text.to_string()));
    let whole = Span::from(0..text.len());
    if let Some(reason) = past_toml(param.key, text, &value) {
        return Err(source.error(whole, reason));
    }
    let entry = Entry {
        key: param.key.name.to_string(),
        key_span: whole,
        value,
        value_span: whole,
    };
    let mut fields =
        Fields::new(&source, param.key.name, vec![entry]).with_prices(&scenario.prices);
    let read = fields.value(param.key)?;
    let old = std::mem::replace(&mut values[slot], read.value);
    if let Err(error) = crate::scenario::validate(scenario, values) {
        values[slot] = old;
        return Err(source.error(whole, error.message).with_help_opt(error.help));
    }
    Ok(read.spread)
}

/// Why a number the scenario's syntax cannot carry is refused, in the words
/// the key refuses any number out of its range with: a whole number past
/// TOML's 64-bit integers (`18446744073709551615`, which TOML refuses, so
/// that it would be read as text and called no number), or a float past
/// exact decimals (`1e40`).
fn past_toml(key: &Key, text: &str, value: &toml::Value) -> Option<String> {
    let text = text.trim();
    let whole = match value {
        toml::Value::String(_) => {
            let digits = text.trim_start_matches(['+', '-']).replace('_', "");
            let within = digits
                .parse::<u64>()
                .is_ok_and(|n| n <= i64::MAX.unsigned_abs());
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || within {
                return None;
            }
            true
        }
        toml::Value::Float(f)
            if f.is_finite() && crate::base::number::decimal_from_f64(*f).is_none() =>
        {
            false
        }
        _ => return None,
    };
    let name = key.name;
    match key.kind {
        Kind::Count { .. } | Kind::Rate | Kind::Number | Kind::Ratio if text.starts_with('-') => {
            Some(format!("`{name}` cannot be negative (found {text})"))
        }
        Kind::Count { max, .. } if whole => {
            Some(format!("`{name}` is at most {max} (found {text})"))
        }
        // Past 10^12, as any number that large.
        Kind::Rate | Kind::Number | Kind::Ratio => {
            Some(crate::scenario::fields::OutOfRange::TooLarge { key: name }.to_string())
        }
        _ => None,
    }
}

/// The scenario's values with each `PATH=VALUE` of `sets` applied (`--set`).
#[derive(Clone, Debug)]
pub struct Applied {
    pub values: Vec<Value>,
    /// The ranged values: the scenario's, less those a set replaced, with
    /// those a set wrote.
    pub ranges: Vec<Ranged>,
    /// What each set changed.
    pub overrides: Vec<Override>,
}

/// The scenario's values with each `PATH=VALUE` of `sets` applied in turn
/// (`--set`), and what each changed.
pub fn apply(scenario: &Scenario, sets: &[String]) -> Result<Applied, Diagnostic> {
    let mut values = scenario.params.values.clone();
    let mut ranges = scenario.params.ranges.clone();
    let mut overrides: Vec<Override> = Vec::with_capacity(sets.len());
    for text in sets {
        let (path, value) = split_assignment(text)?;
        let slot = resolve(scenario, path).map_err(|e| Diagnostic::plain(e.to_string()))?;
        let param = &scenario.params.info[slot];
        let written =
            |values: &[Value], ranges: &[Ranged]| match ranges.iter().find(|r| r.slot == slot) {
                Some(ranged) => ranged.spread.written(param.key),
                None => values[slot].written(param.key),
            };
        let was = written(&scenario.params.values, &scenario.params.ranges);
        let spread = set(scenario, &mut values, path, value)?;
        put_range(&mut ranges, slot, spread);
        let path = path_of(scenario, param);
        // Set twice, the last one wins, and the report says it once.
        overrides.retain(|o| o.path != path);
        overrides.push(Override {
            path,
            value: written(&values, &ranges),
            was,
        });
    }
    Ok(Applied {
        values,
        ranges,
        overrides,
    })
}

/// `PATH=VALUE` → (`PATH`, `VALUE`), split at the first `=` outside the
/// brackets (an alternative's name may hold one).
pub fn split_assignment(text: &str) -> Result<(&str, &str), Diagnostic> {
    let mut depth = 0_i32;
    for (i, c) in text.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '=' if depth == 0 => {
                let (path, value) = (text[..i].trim(), text[i + 1..].trim());
                if path.is_empty() || value.is_empty() {
                    break;
                }
                return Ok((path, value));
            }
            _ => {}
        }
    }
    Err(Diagnostic::plain(format!("`{text}` is not PATH=VALUE"))
        .with_help("for example `--set workload.records_per_second=6000`"))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use rust_decimal_macros::dec;

    use super::*;
    use crate::evaluate::evaluate_with;
    use crate::model::report::CapacityValue;
    use crate::scenario::{Overrides, parse};

    const SCENARIO: &str = r#"
name = "what if"

[workload]
records_per_second = 3000
record_size = "1 KB"

[requirements]
max_monthly_cost = 500

[[alternatives]]
name = "Kinesis"
components = [{ id = "stream", service = "kinesis_data_streams", consumers = 2 }]
"#;

    fn scenario() -> Scenario {
        parse(
            Source::new("what-if.toml", SCENARIO),
            Path::new("."),
            &Overrides::default(),
        )
        .expect("parses")
    }

    fn shards(scenario: &Scenario, values: &[Value]) -> CapacityValue {
        let report = evaluate_with(scenario, values).expect("evaluates");
        let stream = &report.alternatives[0].components[0];
        stream
            .capacity
            .iter()
            .find(|c| c.key == "shards")
            .expect("shards")
            .value
    }

    #[test]
    fn every_value_has_a_path() {
        let scenario = scenario();
        for path in [
            "hours_per_month",
            "workload.records_per_second",
            "requirements.max_monthly_cost",
            "alternatives[Kinesis].components[stream].consumers",
            "alternatives[Kinesis].components[0].consumers",
            "prices.kinesis_data_streams.shard_hour",
        ] {
            let slot = resolve(&scenario, path).unwrap_or_else(|e| panic!("{e}"));
            assert!(slot < scenario.params.values.len());
        }
        let consumers = resolve(
            &scenario,
            "alternatives[Kinesis].components[stream].consumers",
        );
        assert_eq!(scenario.params.values[consumers.unwrap()], Value::Count(2));
        let listed: Vec<String> = paths(&scenario).map(|(p, _)| p).collect();
        assert!(listed.contains(&"alternatives[Kinesis].components[stream].retention".to_string()));
    }

    #[test]
    fn a_misspelt_path_gets_the_nearest_one() {
        let error = resolve(&scenario(), "workload.recods_per_second").unwrap_err();
        assert_eq!(error.near.as_deref(), Some("workload.records_per_second"));
        assert_eq!(
            error.to_string(),
            "no value has the path `workload.recods_per_second`; did you mean `workload.records_per_second`?"
        );
    }

    #[test]
    fn a_value_varies_without_reading_the_scenario_again() {
        // 3,000 records/s of 1 KB: 3 shards (bound by 1,000 records/s each).
        // At 6,000: 6 shards. On demand and at 720 h, the stream-hours are 720.
        let scenario = scenario();
        let mut values = scenario.params.values.clone();
        assert_eq!(shards(&scenario, &values), CapacityValue::Number(dec!(3)));
        set(
            &scenario,
            &mut values,
            "workload.records_per_second",
            "6000",
        )
        .unwrap();
        assert_eq!(shards(&scenario, &values), CapacityValue::Number(dec!(6)));
        let mode = "alternatives[Kinesis].components[stream].capacity_mode";
        set(&scenario, &mut values, mode, "on_demand").unwrap();
        set(&scenario, &mut values, "hours_per_month", "720").unwrap();
        let report = evaluate_with(&scenario, &values).unwrap();
        let stream = &report.alternatives[0].components[0];
        assert_eq!(stream.mode, Some("on_demand"));
        assert_eq!(stream.line_items[0].quantity, dec!(720));
        // A unit price: 720 stream-hours at $0.05 instead of the table's $0.04.
        set(
            &scenario,
            &mut values,
            "prices.kinesis_data_streams.on_demand_stream_hour",
            "0.05",
        )
        .unwrap();
        let report = evaluate_with(&scenario, &values).unwrap();
        assert_eq!(
            report.alternatives[0].components[0].line_items[0].monthly_cost,
            dec!(36)
        );
        // The scenario's own values are untouched.
        assert_eq!(
            shards(&scenario, &scenario.params.values),
            CapacityValue::Number(dec!(3))
        );
    }

    #[test]
    fn a_value_is_checked_as_the_scenario_checks_it() {
        let scenario = scenario();
        let mut values = scenario.params.values.clone();
        let mode = "alternatives[Kinesis].components[stream].capacity_mode";
        let error = set(&scenario, &mut values, mode, "on_demnd").unwrap_err();
        assert!(
            error.to_string().contains("did you mean `on_demand`?"),
            "{error}"
        );
        let error = set(&scenario, &mut values, "workload.records_per_second", "-1").unwrap_err();
        assert!(error.to_string().contains("cannot be negative"), "{error}");
        let error = set(&scenario, &mut values, "hours_per_month", "0").unwrap_err();
        assert!(error.to_string().contains("between 1 and 744"), "{error}");
        assert_eq!(values, scenario.params.values);
    }

    #[test]
    fn a_value_that_clashes_with_another_is_refused_as_the_file_would_be() {
        let scenario = parse(
            Source::new(
                "clash.toml",
                r#"
name = "clash"
[workload]
records_per_second = 100
peak_records_per_second = 300
record_size = "1 KB"
[[alternatives]]
name = "a"
components = [
  { service = "sns", sqs_subscriptions = 1 },
  { service = "sqs" },
  { id = "f", service = "lambda", records_per_second = 10, duration = "1 s" },
]
"#,
            ),
            Path::new("."),
            &Overrides::default(),
        )
        .expect("parses");
        let mut values = scenario.params.values.clone();
        for (path, text, says) in [
            ("workload.peak_to_average", "2", "not both"),
            (
                "workload.peak_records_per_second",
                "50",
                "below the average",
            ),
            (
                "alternatives[a].components[f].peak_to_average",
                "0.5",
                "at least 1",
            ),
            (
                "alternatives[a].components[f].invocations_per_month",
                "1000",
                "not both",
            ),
            (
                "alternatives[a].components[0].sqs_subscriptions",
                "0",
                "no subscription",
            ),
            (
                "workload.records_per_second",
                "5\nv2 = 1",
                "records_per_second",
            ),
        ] {
            let error = set(&scenario, &mut values, path, text).unwrap_err();
            assert!(error.to_string().contains(says), "{path} = {text}: {error}");
        }
        assert_eq!(values, scenario.params.values);
    }
}
