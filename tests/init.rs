//! `calc init`: each starter scenario runs as written.

use calc::commands::init::Template;
use clap::ValueEnum;

use crate::support::{TempFolder, calc, rejected};

#[test]
fn every_template_runs_as_written_and_passes_its_check() {
    for template in Template::ALL {
        let name = template
            .to_possible_value()
            .expect("a name")
            .get_name()
            .to_string();
        let folder = TempFolder::new();
        let path = folder.path.join(format!("{name}.toml"));
        let path = path.to_str().expect("UTF-8");
        let run = calc(&["init", "--template", &name, path]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        let text = std::fs::read_to_string(path).expect("written");
        assert_eq!(text, template.text());
        assert!(
            text.starts_with("#:schema ./scenario.schema.json\n"),
            "{name}: editors find the schema from the first line"
        );
        let report = calc(&[path]);
        assert_eq!(report.code, 0, "{name}: {}", report.stderr);
        // A starter is a design that works: its chosen alternative passes.
        let check = calc(&["check", path]);
        assert_eq!(check.code, 0, "{name}: {}", check.stdout);
    }
}

#[test]
fn init_prints_with_a_dash_and_never_overwrites_unasked() {
    let run = calc(&["init", "--template", "queue", "-"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, Template::Queue.text());

    let folder = TempFolder::new();
    let path = folder.write("scenario.toml", "mine\n");
    let stderr = rejected(&["init", &path]);
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), "mine\n");
    assert_eq!(calc(&["init", "--force", &path]).code, 0);
    assert_eq!(
        std::fs::read_to_string(&path).expect("replaced"),
        Template::Streaming.text()
    );
}
