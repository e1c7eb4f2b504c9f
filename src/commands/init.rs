//! `calc init`: a commented starter scenario, one of the bundled templates,
//! that runs as written (a test evaluates each).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args as ClapArgs, ValueEnum};

use crate::base::diagnostic::{Diagnostic, io_reason};
use crate::base::files;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The kind of design to start from.
    #[arg(long, value_enum, default_value_t = Template::Streaming)]
    pub template: Template,

    /// Where to write it; `-` prints it instead.
    #[arg(value_name = "FILE", default_value = "scenario.toml")]
    pub path: PathBuf,

    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// The kinds of design `calc init` starts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Template {
    /// A stream of events into a function: Kinesis provisioned or on demand, then Lambda.
    Streaming,
    /// Jobs on a queue worked off by a function: SQS standard or FIFO, then Lambda.
    Queue,
    /// Events landed in S3 for analytics: Firehose Direct PUT, or Kinesis then Firehose.
    Analytics,
}

impl Template {
    pub const ALL: [Template; 3] = [Self::Streaming, Self::Queue, Self::Analytics];

    /// The scenario's text.
    pub fn text(self) -> &'static str {
        match self {
            Self::Streaming => include_str!("templates/streaming.toml"),
            Self::Queue => include_str!("templates/queue.toml"),
            Self::Analytics => include_str!("templates/analytics.toml"),
        }
    }
}

/// What `calc init` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Init {
    /// It printed the template (`-`).
    Printed(&'static str),
    /// It wrote the template here.
    Wrote(PathBuf),
}

/// Writes the template to the path given (never over an existing file
/// unless `--force`), or prints it for `-`.
pub fn run(args: &Args) -> Result<Init, Diagnostic> {
    let text = args.template.text();
    if args.path == Path::new("-") {
        return Ok(Init::Printed(text));
    }
    let path = &args.path;
    let cannot = |e: std::io::Error| {
        let mut d = Diagnostic::plain(format!(
            "cannot write `{}`: {}",
            path.display(),
            io_reason(&e)
        ));
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            d = d.with_help("pass `--force` to replace it, or name another file");
        }
        d
    };
    let existing = if args.force {
        files::Existing::Replace
    } else {
        files::Existing::Keep
    };
    let mut file = files::open_to_write(path, existing).map_err(cannot)?;
    file.write_all(text.as_bytes()).map_err(cannot)?;
    Ok(Init::Wrote(path.clone()))
}
