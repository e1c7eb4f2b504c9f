//! Which file a pricing table may be read from, by who named it.

use std::path::Path;

use super::{PriceBook, Vocabulary, bundled_names, compiled, parse};
use crate::base::diagnostic::{Diagnostic, Source};
use crate::base::files::{self, Denied};

/// Who named a pricing table, which decides the files it may be (`SECURITY.md`).
#[derive(Clone, Copy, Debug)]
pub enum NamedBy<'a> {
    /// The person running calc (`--pricing`): any file, relative to the
    /// working directory.
    CommandLine,
    /// The scenario in `dir`: a `.toml` file in `dir`'s folder tree, or any
    /// file when the person running calc allows it (`--allow-outside-pricing`).
    Scenario { dir: &'a Path, allow_outside: bool },
}

/// Loads a table: a bundled one by name, or a file.
pub fn load(name: &str, named_by: NamedBy, services: Vocabulary) -> Result<PriceBook, Diagnostic> {
    if let Some(book) = compiled(name) {
        return Ok(book.clone());
    }
    if !(name.ends_with(".toml") || name.contains('/') || name.contains('\\')) {
        let listed: Vec<String> = bundled_names().map(|n| format!("`{n}`")).collect();
        return Err(Diagnostic::plain(format!("unknown pricing table `{name}`"))
            .suggesting(name, bundled_names())
            .or_help(format!(
                "bundled tables: {}; or give a path to a .toml file",
                listed.join(", ")
            )));
    }
    let source = match named_by {
        NamedBy::CommandLine => files::read(Path::new(name), "pricing table ")?,
        NamedBy::Scenario {
            dir,
            allow_outside: true,
        } => files::read(&dir.join(name), "pricing table ")?,
        NamedBy::Scenario {
            dir,
            allow_outside: false,
        } => read_inside_the_scenario_folder(name, dir)?,
    };
    parse(&source, services)
}

/// The table a scenario names, if it is one the scenario may read.
fn read_inside_the_scenario_folder(name: &str, dir: &Path) -> Result<Source, Diagnostic> {
    let allow = format!(
        "a scenario may name a bundled table or a `.toml` file in its own folder, \
         wherever a link there leads; if you trust this table, pass `--pricing {}` \
         or `--allow-outside-pricing`",
        dir.join(name).display()
    );
    // A scenario may come from anyone: it must not read a file just because
    // the file is readable (a key, `.env`), nor quote it in a message.
    let refused = |what: &str| {
        Diagnostic::plain(format!("pricing table `{name}` {what}")).with_help(allow.clone())
    };
    let written = Path::new(name);
    if !files::stays_inside(written) {
        return Err(refused("is outside the scenario's folder"));
    }
    if !name.ends_with(".toml") {
        return Err(refused("is not a `.toml` file"));
    }
    files::read_within(dir, written, "pricing table ").map_err(|denied| match denied {
        // One message whether the link leads out of the folder, to a file
        // of another name, or nowhere.
        Denied::Refused => refused("does not lead to a `.toml` file in the scenario's folder"),
        Denied::Error(error) => error,
    })
}
