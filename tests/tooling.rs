//! What makes calc a tool that installs like one: help, completions and a
//! manual page.

use crate::support::{TempFolder, calc};

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
fn each_command_has_the_manual_page_the_main_one_lists() {
    let run = calc(&["man", "sweep"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(".TH calc-sweep 1"), "{}", run.stdout);
    assert!(run.stdout.contains("\\-\\-vary"), "{}", run.stdout);
    let nested = calc(&["man", "pricing", "show"]);
    assert!(
        nested.stdout.contains(".TH calc-pricing-show 1"),
        "{}",
        nested.stdout
    );

    let folder = TempFolder::new();
    let pages = folder.path.join("man");
    let run = calc(&["man", "--all", pages.to_str().expect("UTF-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The main page and a page a command: 11 commands, and `pricing`'s
    // four beneath it.
    let mut written: Vec<String> = std::fs::read_dir(&pages)
        .expect("the folder is made")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .into_string()
                .expect("UTF-8")
        })
        .collect();
    written.sort();
    assert_eq!(written.len(), 16, "{written:?}");
    for page in [
        "calc.1",
        "calc-sweep.1",
        "calc-check.1",
        "calc-pricing-import.1",
    ] {
        assert!(written.iter().any(|w| w == page), "{page} in {written:?}");
    }
    // Every page the main one names under SUBCOMMANDS was written.
    let main = std::fs::read_to_string(pages.join("calc.1")).expect("calc.1");
    for named in main.lines().filter_map(|l| l.strip_suffix("(1)")) {
        let file = format!("{}.1", named.replace("\\-", "-"));
        assert!(written.contains(&file), "{file} in {written:?}");
    }

    let unknown = calc(&["man", "swep"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("did you mean `calc man sweep`?"),
        "{}",
        unknown.stderr
    );
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
fn the_readmes_table_of_profiles_is_what_the_data_says() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let marker = "`profiles.toml` (`CALC_REGENERATE=1 cargo test`) -->\n";
    let table = calc::render::services::profiles_readme_table();
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

/// The packages `cargo install` builds: calc's dependencies (not its
/// dev-dependencies) and theirs, as `Cargo.lock` records them.
fn installed_packages() -> std::collections::BTreeSet<String> {
    let manifest: toml::Table = include_str!("../Cargo.toml").parse().expect("Cargo.toml");
    let lock: toml::Table = include_str!("../Cargo.lock").parse().expect("Cargo.lock");
    let mut tables = vec![manifest["dependencies"].as_table().expect("dependencies")];
    if let Some(targets) = manifest.get("target").and_then(toml::Value::as_table) {
        tables.extend(
            targets
                .values()
                .filter_map(|target| target.get("dependencies")?.as_table()),
        );
    }
    let packages = lock["package"].as_array().expect("packages");
    let depends_on = |name: &str| -> Vec<String> {
        packages
            .iter()
            .filter(|p| p["name"].as_str() == Some(name))
            .filter_map(|p| p.get("dependencies")?.as_array())
            .flatten()
            .filter_map(|d| d.as_str()?.split(' ').next().map(str::to_string))
            .collect()
    };
    let mut seen = std::collections::BTreeSet::new();
    let mut next: Vec<String> = tables.iter().flat_map(|t| t.keys().cloned()).collect();
    while let Some(name) = next.pop() {
        if seen.insert(name.clone()) {
            next.extend(depends_on(&name));
        }
    }
    seen
}

#[test]
fn installing_builds_the_locked_versions_and_warns_of_nothing() {
    // The README's install line builds with the versions the tests passed with.
    let readme = include_str!("../README.md");
    let installs: Vec<&str> = readme
        .lines()
        .filter(|line| line.trim_start().starts_with("cargo install"))
        .collect();
    assert!(!installs.is_empty());
    for line in installs {
        assert!(line.contains("--locked"), "{line}");
    }
    // Cargo warns of a profile in Cargo.toml that names a package the build
    // lacks: each one named must be one `cargo install` builds.
    let manifest: toml::Table = include_str!("../Cargo.toml").parse().expect("Cargo.toml");
    let built = installed_packages();
    let profiles = manifest["profile"].as_table().expect("profiles");
    for (profile, settings) in profiles {
        let Some(packages) = settings.get("package").and_then(toml::Value::as_table) else {
            continue;
        };
        for name in packages.keys().filter(|name| *name != "*") {
            assert!(
                built.contains(name),
                "[profile.{profile}.package] names `{name}`, which `cargo install` does not build"
            );
        }
    }
}
