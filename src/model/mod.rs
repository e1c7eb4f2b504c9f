//! The vocabulary every floor above speaks, as plain data: the keys a
//! scenario declares and their values, names chosen from a fixed set,
//! billing dimensions and limits, what flows between components, the
//! requirements, and the results of an evaluation. It imports only the
//! primitives.

pub mod choice;
pub mod commitment;
pub mod dimension;
pub mod flow;
pub mod growth;
pub mod keys;
pub mod odds;
pub mod offer;
pub mod profile;
pub mod priced;
pub mod report;
pub mod requirements;
pub mod schedule;
pub mod spread;
pub mod traced;
pub mod working;
