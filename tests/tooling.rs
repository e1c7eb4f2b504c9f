//! What makes calc a tool that installs like one: help, completions and a
//! manual page.

use crate::support::calc;

#[test]
fn help_is_pinned() {
    let run = calc(&["--help"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn check_help_is_pinned() {
    let run = calc(&["check", "--help"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn completions_cover_every_shell_and_subcommand() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef calc"),
        ("fish", "complete -c calc"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let run = calc(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}");
        assert!(run.stdout.contains(marker), "{shell}: {}", run.stdout);
        assert!(run.stdout.contains("check"), "{shell} completes `check`");
    }
}

#[test]
fn the_manual_page_is_roff() {
    let run = calc(&["man"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.starts_with(".ie \\n(.g .ds Aq \\(aq"),
        "{}",
        &run.stdout[..80]
    );
    assert!(run.stdout.contains(".TH calc 1"), "{}", run.stdout);
    assert!(run.stdout.contains("check"));
}

#[test]
fn the_readmes_table_of_services_is_what_the_services_say() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let marker = "`CALC_REGENERATE=1 cargo test`. -->\n";
    let table = calc::render::services::readme_table();
    let written = crate::support::between(&readme, marker, "\n\n", table.trim_end());
    crate::support::generated("README.md", &written);
}

#[test]
fn the_readmes_table_of_offers_is_what_the_services_say() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let marker = "`OFFER`: `CALC_REGENERATE=1 cargo test`. -->\n";
    let table = calc::render::import::readme_table();
    let written = crate::support::between(&readme, marker, "\n\n", table.trim_end());
    crate::support::generated("README.md", &written);
}
