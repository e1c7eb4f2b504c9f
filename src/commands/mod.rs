//! One module a command: each takes its arguments (format included, which
//! the renderers read) and returns a typed result, never words; `lib.rs`
//! dispatches them with one `match` and hands the results to `render`.

pub mod check;
pub mod diff;
pub mod explain;
pub mod init;
pub mod options;
pub mod pricing;
pub mod report;
pub mod schema;
pub mod services;
pub mod solve;
pub mod sweep;
