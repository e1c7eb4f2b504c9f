//! Integration tests: they run `calc` as a user or CI would, through
//! `calc::run` in this process, and the real binary where the process
//! itself is the contract (exit codes, streams; see `cli.rs`).

mod acceptance;
mod bad_inputs;
mod boundary;
mod browser;
mod check;
mod commitment;
mod ci_examples;
mod cli;
mod diff;
mod explain;
mod floats;
mod flow;
mod growth;
mod fuzz;
mod fuzz_commands;
mod hostile;
mod html;
mod import;
mod inert;
mod init;
mod layers;
mod lean;
mod pricing;
mod profile;
mod pricing_parse;
mod properties;
mod ranges;
mod regions;
mod scenarios;
mod schedule;
mod schema;
mod support;
mod tooling;
mod verdicts;
mod whatif;
mod working;
