//! The scenario file: a workload, requirements, and the alternatives to
//! compare, read into one vector of values (each with a path a what-if can
//! set) and the flow between each alternative's components.

mod checks;
mod component;
mod design;
pub mod fields;
mod growth;
mod link;
pub mod month;
pub mod params;
mod raw;
mod read;
pub mod set;
mod tables;

pub(crate) use checks::validate;
pub use design::{Alternative, Component, Overrides, Scenario};
pub use read::{load, parse};
