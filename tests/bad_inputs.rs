//! Every file in `tests/bad/` is a scenario a user might get wrong. Each must
//! fail with exit code 2, print nothing on stdout, and explain itself on
//! stderr: the message is pinned by a reviewed snapshot.

use crate::support::{rejected, relative};

#[test]
fn bad_inputs_are_explained() {
    insta::glob!("bad/*.toml", |path| {
        let stderr = rejected(&[relative(path)]);
        assert!(!stderr.contains("panicked"), "{stderr}");
        insta::assert_snapshot!(stderr);
    });
}
