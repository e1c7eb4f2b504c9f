//! The samples of a Monte Carlo run are evaluated in floats by the same
//! formulas as the exact report: for every bundled scenario, at its own
//! values and at other workload rates, the float evaluation of each
//! alternative comes within a millionth of the exact bill and reaches the
//! same verdict. Each service's own tests hold each line to 1e-9; a whole
//! design can land further off where a figure rounded up to a whole number
//! lies within rounding of one: a buffer that fills with exactly its size
//! is 64 MiB and a hair in 28-digit decimals, one byte more when rounded
//! up, and 64 MiB in floats (1.5e-8 of the objects' size).

use std::mem::Discriminant;

use calc::base::diagnostic::Source;
use calc::base::number::Number;
use calc::evaluate::Evaluator;
use calc::model::keys::Value;
use calc::model::report::{AlternativeResult, Violation};
use calc::scenario::{Overrides, Scenario, parse, set};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal_macros::dec;

fn scenarios() -> Vec<(String, Scenario)> {
    let mut paths: Vec<_> = std::fs::read_dir("scenarios")
        .expect("the scenarios folder")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.push("benches/four-by-ten.toml".into());
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("readable");
            let name = path.display().to_string();
            let folder = path.parent().expect("a folder").to_path_buf();
            let scenario = parse(
                Source::new(name.clone(), text),
                &folder,
                &Overrides::default(),
            )
            .expect("a bundled scenario parses");
            (name, scenario)
        })
        .collect()
}

/// The kinds of every violation, in order.
fn verdict<N: Number>(result: &AlternativeResult<N>) -> Vec<Discriminant<Violation>> {
    result
        .all_violations()
        .map(|(_, v)| std::mem::discriminant(v))
        .collect()
}

fn agree(name: &str, scenario: &Scenario, values: &[Value]) -> usize {
    let mut exact = Evaluator::new(scenario);
    let mut floats = Evaluator::sampling(scenario, &[]);
    let (exact, exact_failures) = exact.evaluate_each(values).expect("evaluates");
    let (floats, float_failures) = floats.evaluate_each(values).expect("evaluates");
    let mut compared = 0;
    for (i, (e, f)) in exact.iter().zip(floats).enumerate() {
        let alternative = &scenario.alternatives[i].name;
        match (&exact_failures[i], &float_failures[i]) {
            (None, None) => {}
            (Some(_), Some(_)) => continue,
            (e, f) => panic!("{name}, {alternative}: exactly {e:?}, in floats {f:?}"),
        }
        let cost = e.monthly_cost.to_f64().expect("a cost");
        assert!(
            (cost - f.monthly_cost).abs() <= 1e-6 * cost.abs().max(1.0),
            "{name}, {alternative}: exactly {}, in floats {}",
            e.monthly_cost,
            f.monthly_cost
        );
        assert_eq!(verdict(e), verdict(f), "{name}, {alternative}");
        let (e_ms, f_ms) = (e.latency.ms(), f.latency.ms());
        assert!(
            (e_ms - f_ms).abs() <= dec!(1e-9) * e_ms.abs().max(Decimal::ONE),
            "{name}, {alternative}: latency {e_ms} ms exactly, {f_ms} ms in floats"
        );
        compared += 1;
    }
    compared
}

#[test]
fn floats_give_every_scenario_s_bills_and_verdicts() {
    let mut compared = 0;
    for (name, scenario) in scenarios() {
        compared += agree(&name, &scenario, &scenario.params.values);
        // Other rates, far from round figures, where the workload states one.
        let Ok(slot) = set::resolve(&scenario, "workload.records_per_second") else {
            continue;
        };
        let Value::Number(rate) = scenario.params.values[slot] else {
            continue;
        };
        for factor in [dec!(0.0371), dec!(0.6180339), dec!(1.9), dec!(7.31)] {
            let mut values = scenario.params.values.clone();
            values[slot] = Value::Number((rate * factor).round_dp(3).max(Decimal::ONE));
            compared += agree(&name, &scenario, &values);
        }
    }
    // Every bundled alternative at least once.
    assert!(compared > 150, "{compared} alternatives compared");
}
