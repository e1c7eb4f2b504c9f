//! Integration tests: they run the real `calc` binary, as a user or CI would.

mod acceptance;
mod bad_inputs;
mod cli;
mod fuzz;
mod hostile;
mod properties;
mod scenarios;
mod support;
