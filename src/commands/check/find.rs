//! The files `calc check` reads: those named, every `*.toml` under the
//! folders named (a link followed only within its folder), and each one's
//! baseline.

use std::path::{Path, PathBuf};

use super::results::Broken;
use crate::base::diagnostic::{Diagnostic, Source, io_reason};
use crate::base::files;

/// A scenario file to check.
#[derive(Clone, Debug)]
pub(super) struct Found {
    pub(super) path: PathBuf,
    /// Where its baseline sits in a baseline folder: its path under the
    /// folder it was found in, or its file name.
    pub(super) key: PathBuf,
    /// The folder it was found in, whose tree it must stay in (a link in a
    /// folder is followed only within it); `None` for a file named on the
    /// command line, which is read wherever it is.
    pub(super) folder: Option<PathBuf>,
}

/// The files named, and every `*.toml` under the folders named, each folder
/// in sorted order; a file named twice is checked once. A path that cannot
/// be read is a broken file of its own.
pub(super) fn find(paths: &[PathBuf]) -> Result<(Vec<Found>, Vec<Broken>), Diagnostic> {
    let mut found: Vec<Found> = Vec::new();
    let mut broken = Vec::new();
    for path in paths {
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(e) => {
                broken.push(Broken {
                    file: path.display().to_string(),
                    error: Diagnostic::plain(format!(
                        "cannot read `{}`: {}",
                        path.display(),
                        io_reason(&e)
                    )),
                });
                continue;
            }
        };
        if metadata.is_dir() {
            let before = (found.len(), broken.len());
            walk(path, path, &mut found, &mut broken);
            if (found.len(), broken.len()) == before {
                return Err(Diagnostic::plain(format!(
                    "no `.toml` scenarios in folder `{}`",
                    path.display()
                )));
            }
        } else {
            found.push(Found {
                path: path.clone(),
                key: PathBuf::from(path.file_name().unwrap_or_default()),
                folder: None,
            });
        }
    }
    let mut seen = std::collections::HashSet::new();
    found.retain(|f| seen.insert(f.path.clone()));
    Ok((found, broken))
}

/// Every `*.toml` under `dir`, sorted by name, at any depth; hidden entries
/// (`.git`) and links to folders (which may loop) are not followed. A
/// folder that cannot be read is a broken file.
pub(super) fn walk(root: &Path, dir: &Path, found: &mut Vec<Found>, broken: &mut Vec<Broken>) {
    let cannot = |e: std::io::Error| Broken {
        file: dir.display().to_string(),
        error: Diagnostic::plain(format!(
            "cannot read `{}`: {}",
            dir.display(),
            io_reason(&e)
        )),
    };
    let entries = std::fs::read_dir(dir).and_then(|entries| entries.collect::<Result<Vec<_>, _>>());
    let mut entries = match entries {
        Ok(entries) => entries,
        Err(e) => return broken.push(cannot(e)),
    };
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        // The entry's own type: a link is a link, wherever it leads.
        let kind = match entry.file_type() {
            Ok(kind) => kind,
            Err(e) => return broken.push(cannot(e)),
        };
        if kind.is_dir() {
            walk(root, &path, found, broken);
        } else if path.extension().is_some_and(|e| e == "toml") {
            found.push(Found {
                key: path.strip_prefix(root).unwrap_or(&path).to_path_buf(),
                path,
                folder: Some(root.to_path_buf()),
            });
        }
    }
}

/// The baseline of each scenario: a file for a single scenario, or the file
/// at the same place under a baseline folder (none for a new scenario),
/// which must stay in that folder as the scenarios stay in theirs.
pub(super) fn baselines(
    baseline: &Path,
    found: &[Found],
) -> Result<Vec<Option<Found>>, Diagnostic> {
    let metadata = std::fs::metadata(baseline).map_err(|e| {
        Diagnostic::plain(format!(
            "cannot read baseline `{}`: {}",
            baseline.display(),
            io_reason(&e)
        ))
    })?;
    if metadata.is_dir() {
        return Ok(found
            .iter()
            .map(|f| {
                let path = baseline.join(&f.key);
                // A link there is an entry, wherever it leads.
                std::fs::symlink_metadata(&path).is_ok().then(|| Found {
                    path,
                    key: f.key.clone(),
                    folder: Some(baseline.to_path_buf()),
                })
            })
            .collect());
    }
    if found.len() != 1 {
        return Err(Diagnostic::plain(format!(
            "baseline `{}` is one file, for {} scenarios",
            baseline.display(),
            found.len()
        ))
        .with_help(
            "give a folder laid out as the checked scenarios, e.g. the base branch's checkout",
        ));
    }
    Ok(vec![Some(Found {
        path: baseline.to_path_buf(),
        key: found[0].key.clone(),
        folder: None,
    })])
}

/// The file's text: a file named on the command line wherever it is, one
/// found in a folder only if it leads to a `.toml` file in that folder.
pub(super) fn read(found: &Found) -> Result<Source, Diagnostic> {
    let Some(folder) = &found.folder else {
        return files::read(&found.path, "");
    };
    files::read_within(folder, &found.key, "").map_err(|denied| match denied {
        files::Denied::Error(error) => error,
        files::Denied::Refused => Diagnostic::plain(format!(
            "`{}` is refused: it does not lead to a `.toml` file in `{}`",
            found.path.display(),
            folder.display()
        ))
        .with_help(
            "a link in a checked folder is followed only to a `.toml` file in the same folder; \
             name a file outside it on the command line to check it",
        ),
    })
}

/// A table has `[prices…]` and no alternatives; a scenario always has some.
pub(super) fn is_pricing_table(text: &str) -> bool {
    text.parse::<toml::Table>()
        .is_ok_and(|t| t.contains_key("prices") && !t.contains_key("alternatives"))
}
