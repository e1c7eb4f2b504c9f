//! One self-contained HTML page for a design review: the report, a sweep
//! or a check run. Inline CSS and SVG only, no script, and a
//! Content-Security-Policy that forbids loading anything, so that the page
//! opens the same from a mail attachment, a CI artifact or a laptop
//! offline, and prints on A4.
//!
//! Every piece of text from the scenario or the pricing table goes through
//! [`esc`], in element text and in attribute values alike.

mod figures;
mod growth;
mod odds;
mod page;
mod report;

pub(super) use page::{esc, page};
pub use report::render as report;
