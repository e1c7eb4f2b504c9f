//! Reading an input file (a scenario or a pricing table), and deciding which
//! files a scenario may name. The one place `calc` opens a file, so that every
//! file is read the same guarded way:
//!
//! - only a regular file is read: a FIFO, a device or a directory is refused
//!   from its metadata, before it is opened, so that it can never block;
//! - a file over [`MAX_SIZE`] is refused from its metadata, and the read itself
//!   stops there in case the size was wrong (files in `/proc` say 0);
//! - a file that is not UTF-8 text is refused with the place of the first bad
//!   byte and none of its content, which may be anything.
//!
//! The trust boundary, [`read_within`], is described in `SECURITY.md`.

use std::fmt;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::base::diagnostic::{Diagnostic, Location, Source, io_reason};
use crate::base::number::grouped;

/// The largest input file `calc` reads: 4 MiB. The bundled pricing table is
/// about 30 KB and a scenario a few KB; a file a hundred times larger than
/// any real one is a mistake or an attack.
pub const MAX_SIZE: u64 = 4 * 1024 * 1024;

/// Reads the text file at `path`; `what` names it in messages (`"pricing
/// table "`, or `""` for the scenario).
pub fn read(path: &Path, what: &str) -> Result<Source, Diagnostic> {
    let name = path.display().to_string();
    let cannot =
        |reason: String| Diagnostic::plain(format!("cannot read {what}`{name}`: {reason}"));
    let metadata = std::fs::metadata(path).map_err(|e| cannot(io_reason(&e)))?;
    check_metadata(&metadata).map_err(|e| cannot(e.to_string()))?;
    let file = open(path).map_err(|e| cannot(io_reason(&e)))?;
    // The file may have been replaced since its metadata was read: check
    // what was opened.
    check_metadata(&file.metadata().map_err(|e| cannot(io_reason(&e)))?)
        .map_err(|e| cannot(e.to_string()))?;
    let bytes = read_bounded(file)
        .map_err(|e| cannot(io_reason(&e)))?
        .ok_or_else(|| cannot(Unreadable::TooLarge(None).to_string()))?;
    text(&name, bytes)
}

/// The file's bytes, or `None` past [`MAX_SIZE`]: the read stops there
/// whatever the file's metadata said.
fn read_bounded(file: File) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    file.take(MAX_SIZE + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= MAX_SIZE).then_some(bytes))
}

/// Opens without blocking: a FIFO put in a regular file's place after its
/// metadata was read would otherwise wait for a writer forever.
#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// Opens the regular file at `path` to be read as a stream, without the
/// size limit of [`read`]: an AWS Price List offer file is hundreds of MB
/// (EC2's several GB), and its reader keeps only what it needs as it goes.
/// A FIFO, a device or a folder is refused as by [`read`], before and after
/// the open. `what` names the file in messages (`"offer file "`).
pub fn open_stream(path: &Path, what: &str) -> Result<File, Diagnostic> {
    let name = path.display().to_string();
    let cannot =
        |reason: String| Diagnostic::plain(format!("cannot read {what}`{name}`: {reason}"));
    let metadata = std::fs::metadata(path).map_err(|e| cannot(io_reason(&e)))?;
    check_kind(&metadata).map_err(|e| cannot(e.to_string()))?;
    let file = open(path).map_err(|e| cannot(io_reason(&e)))?;
    check_kind(&file.metadata().map_err(|e| cannot(io_reason(&e)))?)
        .map_err(|e| cannot(e.to_string()))?;
    Ok(file)
}

/// How [`open_to_write`] treats a file that is there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Write after its end (a CI job summary).
    Append,
    /// Replace what it holds (`calc init --force`).
    Replace,
    /// Refuse it (`calc init`).
    Keep,
}

/// Opens the file at `path` to write it, creating it if it is not there.
/// Only a regular file is written: a FIFO, a device or a folder in its
/// place is refused, from its metadata before the open, and from the
/// opened file after it (the open does not block, in case a FIFO was put
/// there in between).
pub fn open_to_write(path: &Path, existing: Existing) -> std::io::Result<File> {
    let refuse = |metadata: &Metadata| check_kind(metadata).map_err(std::io::Error::other);
    if let Ok(metadata) = std::fs::metadata(path) {
        refuse(&metadata)?;
    }
    let mut options = std::fs::OpenOptions::new();
    match existing {
        Existing::Append => options.append(true).create(true),
        Existing::Replace => options.write(true).create(true).truncate(true),
        Existing::Keep => options.write(true).create_new(true),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    refuse(&file.metadata()?)?;
    Ok(file)
}

/// Why a file is not one `calc` reads, from its metadata alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unreadable {
    Folder,
    /// A FIFO, a socket, a device: what it is.
    Special(&'static str),
    /// Over [`MAX_SIZE`]: its size, when its metadata tells it.
    TooLarge(Option<u64>),
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let limit = grouped(&MAX_SIZE.to_string());
        match self {
            Self::Folder => f.write_str("it is a folder, not a file"),
            Self::Special(kind) => write!(f, "{kind}, not a regular file"),
            Self::TooLarge(Some(size)) => write!(f, "it has {} bytes", grouped(&size.to_string())),
            Self::TooLarge(None) => write!(f, "it has more than {limit} bytes"),
        }?;
        if let Self::TooLarge(_) = self {
            write!(
                f,
                ", over the limit of {limit} bytes (4 MiB) for an input file"
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Unreadable {}

/// Why a file is not a regular file, from its metadata alone.
fn check_kind(metadata: &Metadata) -> Result<(), Unreadable> {
    let kind = metadata.file_type();
    if kind.is_dir() {
        return Err(Unreadable::Folder);
    }
    if !kind.is_file() {
        return Err(Unreadable::Special(special_kind(metadata)));
    }
    Ok(())
}

/// Why a file is not one `calc` reads, from its metadata alone.
fn check_metadata(metadata: &Metadata) -> Result<(), Unreadable> {
    check_kind(metadata)?;
    if metadata.len() > MAX_SIZE {
        return Err(Unreadable::TooLarge(Some(metadata.len())));
    }
    Ok(())
}

#[cfg(unix)]
fn special_kind(metadata: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = metadata.file_type();
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &Metadata) -> &'static str {
    "a special file"
}

/// The file's bytes as text, or an error that says where the first byte that
/// is not text is, without quoting any of it: a file that is not text may
/// hold anything (a key, the process's environment).
pub fn text(name: &str, bytes: Vec<u8>) -> Result<Source, Diagnostic> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let bytes = error.into_bytes();
            let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
            return Err(not_text(name, valid, offset, "invalid UTF-8"));
        }
    };
    // TOML allows no control character but tab and line ends, so one is a
    // sign of a binary file (`/proc/self/environ` separates with NUL).
    if let Some((offset, c)) = text
        .char_indices()
        .find(|(_, c)| c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        let what = format!("control character U+{:04X}", u32::from(c));
        return Err(not_text(name, &text[..offset], offset, &what));
    }
    Ok(Source::new(name, text))
}

/// "not a UTF-8 text file", located by line and column but quoting nothing.
fn not_text(name: &str, before: &str, offset: usize, what: &str) -> Diagnostic {
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    let mut diagnostic = Diagnostic::plain(format!(
        "`{name}` is not a UTF-8 text file: {what} at byte {offset}"
    ));
    diagnostic.file = Some(name.to_string());
    // Placed, but no line of the file is quoted.
    diagnostic.location = Some(Location {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
        line_text: None,
        underline: 1,
    });
    diagnostic
}

/// Reads the `.toml` file at `relative` under `root` for a file someone else
/// wrote: a pricing table a scenario names (`root` is the scenario's folder),
/// a scenario found in a folder `calc check` walks (`root` is that folder).
/// The boundary (`SECURITY.md`) is decided on where the path leads, not on
/// how it is written: the file reached, through any link, must be a `.toml`
/// file in `root`'s folder tree. It is decided again on the file that was
/// opened, so that nothing swapped in between is read. A path that does not
/// pass is [`Denied::Refused`], read from no further and with nothing said
/// of why: whether the target exists, and what it is, stay unknown.
pub fn read_within(root: &Path, relative: &Path, what: &str) -> Result<Source, Denied> {
    if !stays_inside(relative) {
        return Err(Denied::Refused);
    }
    let path = root.join(relative);
    let name = path.display().to_string();
    let cannot = |reason: String| {
        Denied::Error(Diagnostic::plain(format!(
            "cannot read {what}`{name}`: {reason}"
        )))
    };
    let inside = canonical(root).map_err(|e| cannot(io_reason(&e)))?;
    let linked = through_a_link(root, relative);
    // Past a link, any failure is a refusal: a message that said "no such
    // file" there would tell what exists outside the folder.
    let refuse_if_linked = |reason: String| {
        if linked {
            Denied::Refused
        } else {
            cannot(reason)
        }
    };
    let target = canonical(&path).map_err(|e| refuse_if_linked(io_reason(&e)))?;
    if !allowed(&inside, &target) {
        return Err(Denied::Refused);
    }
    let metadata = std::fs::metadata(&target).map_err(|e| refuse_if_linked(io_reason(&e)))?;
    check_metadata(&metadata).map_err(|e| cannot(e.to_string()))?;
    let file = open_resolved(&target).map_err(|e| refuse_if_linked(io_reason(&e)))?;
    let opened = file.metadata().map_err(|e| cannot(io_reason(&e)))?;
    if !opened_inside(&file, &opened, &metadata, &inside) {
        return Err(Denied::Refused);
    }
    check_metadata(&opened).map_err(|e| cannot(e.to_string()))?;
    read_bounded(file)
        .map_err(|e| cannot(io_reason(&e)))?
        .ok_or_else(|| cannot(Unreadable::TooLarge(None).to_string()))
        .and_then(|bytes| text(&name, bytes).map_err(Denied::Error))
}

/// Why [`read_within`] did not read a file.
#[derive(Debug)]
pub enum Denied {
    /// The path does not lead to a `.toml` file in the folder tree, as
    /// written (an absolute path, `..` out of it) or as resolved (a link
    /// out of it, or to a file of another name).
    Refused,
    /// The file is one the boundary allows, and cannot be read (it does not
    /// exist, it is a FIFO, it is too large, it is not text).
    Error(Diagnostic),
}

/// Whether `target`, a resolved path, is a `.toml` file under `root`.
fn allowed(root: &Path, target: &Path) -> bool {
    target.starts_with(root) && target.extension().is_some_and(|e| e == "toml")
}

/// Whether a link stands anywhere on `relative`'s way down from `root`
/// (`root` itself was named by the person running calc).
fn through_a_link(root: &Path, relative: &Path) -> bool {
    let mut path = root.to_path_buf();
    relative.components().any(|component| {
        path.push(component);
        std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink())
    })
}

/// Opens a resolved path without following a link put in its place, and
/// without blocking.
#[cfg(unix)]
fn open_resolved(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
        .open(path)
}

#[cfg(not(unix))]
fn open_resolved(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// Whether the file that was opened is still one under `root`: where the
/// system says the handle is (Linux), or else the same file as the one
/// checked before it was opened.
fn opened_inside(file: &File, opened: &Metadata, checked: &Metadata, root: &Path) -> bool {
    match handle_path(file) {
        Some(path) => allowed(root, &path),
        None => same_file(opened, checked),
    }
}

#[cfg(target_os = "linux")]
fn handle_path(file: &File) -> Option<PathBuf> {
    use std::os::fd::AsRawFd;
    std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())).ok()
}

#[cfg(not(target_os = "linux"))]
fn handle_path(_: &File) -> Option<PathBuf> {
    None
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

fn canonical(path: &Path) -> std::io::Result<PathBuf> {
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    std::fs::canonicalize(path)
}

/// Whether a relative path, as written, stays below its starting folder.
pub fn stays_inside(path: &Path) -> bool {
    let mut depth: usize = 0;
    for component in path.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => return false,
            Component::CurDir => {}
            Component::ParentDir => match depth.checked_sub(1) {
                Some(up) => depth = up,
                None => return false,
            },
            Component::Normal(_) => depth += 1,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("calc-files-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn reads_a_small_text_file() {
        let dir = temp_dir("small");
        let path = dir.join("a.toml");
        std::fs::write(&path, "a = 1\n").expect("write");
        assert_eq!(read(&path, "").expect("reads").text, "a = 1\n");
    }

    #[test]
    fn refuses_a_directory_and_a_device() {
        let dir = temp_dir("dir");
        let error = read(&dir, "").unwrap_err();
        assert!(
            error.message.ends_with(": it is a folder, not a file"),
            "{error}"
        );
        #[cfg(unix)]
        {
            let error = read(Path::new("/dev/zero"), "").unwrap_err();
            assert_eq!(
                error.message,
                "cannot read `/dev/zero`: a device, not a regular file"
            );
        }
    }

    #[test]
    fn refuses_a_file_over_the_limit_before_reading_it() {
        let dir = temp_dir("large");
        let path = dir.join("large.toml");
        let file = File::create(&path).expect("create");
        // Sparse: no data is written, only a length.
        file.set_len(MAX_SIZE + 1).expect("set_len");
        let error = read(&path, "pricing table ").unwrap_err();
        assert!(
            error.message.ends_with(
                ": it has 4,194,305 bytes, over the limit of 4,194,304 bytes (4 MiB) for an input file"
            ),
            "{error}"
        );
        assert!(error.message.starts_with("cannot read pricing table `"));
    }

    #[test]
    fn a_stream_has_no_size_limit_but_is_a_regular_file() {
        let dir = temp_dir("stream");
        let path = dir.join("offer.json");
        let file = File::create(&path).expect("create");
        file.set_len(MAX_SIZE + 1).expect("set_len");
        assert!(open_stream(&path, "offer file ").is_ok());
        let error = open_stream(&dir, "offer file ").unwrap_err();
        assert!(
            error.message.ends_with(": it is a folder, not a file"),
            "{error}"
        );
        #[cfg(unix)]
        {
            let error = open_stream(Path::new("/dev/zero"), "offer file ").unwrap_err();
            assert_eq!(
                error.message,
                "cannot read offer file `/dev/zero`: a device, not a regular file"
            );
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn stops_reading_where_the_size_lied() {
        // Files in /proc say they are empty; the read is bounded all the same.
        let status = read(Path::new("/proc/self/status"), "").expect("read");
        assert!(status.text.starts_with("Name:"), "{}", status.text);
    }

    #[test]
    fn a_file_that_is_not_utf8_is_located_and_not_quoted() {
        let error = text("b.toml", b"a = 1\nsecret = \"x\xff\"\n".to_vec()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "error: `b.toml` is not a UTF-8 text file: invalid UTF-8 at byte 17\n --> b.toml:2:12\n"
        );
        let error = text("e", b"HOME=/root\0SECRET=1\0".to_vec()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "error: `e` is not a UTF-8 text file: control character U+0000 at byte 10\n --> e:1:11\n"
        );
        assert!(text("t", b"a = \"\t\"\r\n".to_vec()).is_ok());
    }

    #[test]
    fn the_boundary_is_the_scenario_folder_tree() {
        assert!(stays_inside(Path::new("table.toml")));
        assert!(stays_inside(Path::new("pricing/../table.toml")));
        assert!(stays_inside(Path::new("./a/b.toml")));
        assert!(!stays_inside(Path::new("../table.toml")));
        assert!(!stays_inside(Path::new("a/../../table.toml")));
        assert!(!stays_inside(Path::new("/etc/passwd")));

        let dir = temp_dir("boundary");
        std::fs::create_dir_all(dir.join("inner/tables")).expect("dir");
        std::fs::write(dir.join("inner/t.toml"), "a = 1\n").expect("write");
        std::fs::write(dir.join("inner/.env"), "KEY=1\n").expect("write");
        std::fs::write(dir.join("outside.toml"), "secret = 1\n").expect("write");
        let inner = dir.join("inner");
        let read = |path: &str| read_within(&inner, Path::new(path), "");
        assert_eq!(read("t.toml").expect("inside").text, "a = 1\n");
        assert!(matches!(read("../outside.toml"), Err(Denied::Refused)));
        assert!(matches!(read("/etc/passwd"), Err(Denied::Refused)));
        // A plain path inside the folder says what is wrong with it.
        let Err(Denied::Error(missing)) = read("missing.toml") else {
            panic!("a missing file inside is an error of its own");
        };
        assert!(missing.message.ends_with(": no such file"), "{missing}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::symlink;
            symlink(dir.join("outside.toml"), inner.join("out.toml")).expect("symlink");
            symlink(dir.join("nowhere.toml"), inner.join("dangling.toml")).expect("symlink");
            symlink(inner.join(".env"), inner.join("env.toml")).expect("symlink");
            symlink(inner.join("t.toml"), inner.join("tables/alias.toml")).expect("symlink");
            symlink(&dir, inner.join("up")).expect("symlink");
            // Out of the folder, whether or not the target exists: one answer.
            assert!(matches!(read("out.toml"), Err(Denied::Refused)));
            assert!(matches!(read("dangling.toml"), Err(Denied::Refused)));
            assert!(matches!(read("up/outside.toml"), Err(Denied::Refused)));
            assert!(matches!(read("up/nowhere.toml"), Err(Denied::Refused)));
            // The name rule holds for where a link leads.
            assert!(matches!(read("env.toml"), Err(Denied::Refused)));
            // A link that stays inside, to a `.toml` file, is followed.
            assert_eq!(read("tables/alias.toml").expect("inside").text, "a = 1\n");
        }
    }
}
