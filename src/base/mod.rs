//! The primitives every floor above stands on: units and exact numbers,
//! dates, suggestions, source files with their spans and the diagnostics
//! that quote them, the escaping of text for each place it is shown, and
//! the guarded reading of input files. Nothing here knows about AWS.

pub mod dates;
pub mod diagnostic;
pub mod environment;
pub mod escape;
pub mod files;
pub mod number;
pub mod progress;
pub mod suggest;
pub mod toml_error;
pub mod units;
