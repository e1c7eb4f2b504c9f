//! Every file in `tests/bad/` is a scenario a user might get wrong. Each must
//! fail with exit code 2, print nothing on stdout, and explain itself on
//! stderr: the message is pinned by a reviewed snapshot.

use crate::support::{calc, relative};

#[test]
fn bad_inputs_are_explained() {
    insta::glob!("bad/*.toml", |path| {
        let relative = relative(path);
        let run = calc(&[relative]);
        assert_eq!(
            run.code, 2,
            "{relative} should be rejected:\n{}",
            run.stdout
        );
        assert_eq!(run.stdout, "", "{relative} printed a partial report");
        assert!(
            !run.stderr.contains("panicked"),
            "{relative} panicked:\n{}",
            run.stderr
        );
        insta::assert_snapshot!(run.stderr);
    });
}
