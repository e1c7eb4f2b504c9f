//! Every file in `tests/verdicts/` is a design that breaks an AWS limit. A
//! broken limit is a verdict on that alternative, not a rejected file: calc
//! prints the report (exit 0), and the alternative fails with the limit
//! named. The reports are pinned by reviewed snapshots.

use crate::support::{calc, relative};

#[test]
fn broken_limits_are_verdicts() {
    insta::glob!("verdicts/*.toml", |path| {
        let run = calc(&[relative(path)]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stdout.contains("✗ "),
            "no violation in:\n{}",
            run.stdout
        );
        insta::assert_snapshot!(run.stdout);
    });
}
