//! `calc pricing`: the bundled tables, one table's prices, a table checked,
//! and a table written from AWS Price List offer files.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};

use super::services::known_service;
use crate::base::diagnostic::Diagnostic;
use crate::base::{dates, files};
use crate::pricing::import::{self, Imported};
use crate::pricing::{self, PriceBook};
use crate::services::{self, ServiceDef};

/// `calc pricing …`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The bundled tables: region, currency, date, and what each prices
    /// (and leaves out, with a reason).
    List {
        /// How to print the list.
        #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Every price and limit of a table, with its source, date and evidence.
    Show {
        /// A bundled table's name, or the path of a table.
        table: String,

        /// Only this service's prices and limits.
        service: Option<String>,
    },
    /// Check a pricing table: keys, units, tiers, sources, dates.
    Check {
        /// The table to check.
        file: PathBuf,
    },
    /// Write a pricing table (TOML, on stdout) from AWS Price List offer
    /// files (JSON, read as a stream): unit prices, and EC2's instance types
    /// as catalogue rows; what it cannot find is listed on stderr, never
    /// guessed.
    Import {
        /// Offer files, e.g. `offers/v1.0/aws/AmazonKinesis/current/index.json`, any size.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,

        /// The Region whose products to read (`regionCode`), e.g. `us-east-1`.
        #[arg(long)]
        region: String,

        /// The table's `name` [default: aws-REGION].
        #[arg(long)]
        name: Option<String>,

        /// The prefix of the Region's usage types (`USE2` in `USE2-Storage-ShardHour`), for a Region calc does not know.
        #[arg(long, value_name = "PREFIX")]
        usage_type_prefix: Option<String>,
    },
}

/// How `calc pricing list` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A row a table, for a terminal.
    #[default]
    Table,
    /// The same figures as JSON, for scripts.
    Json,
}

/// What `calc pricing` found.
pub enum Pricing {
    /// The bundled tables.
    List(ListFormat),
    /// A table, or one service's part of it.
    Show {
        book: PriceBook,
        service: Option<&'static ServiceDef>,
    },
    /// A table that reads, with what its second look found.
    Checked {
        book: PriceBook,
        warnings: Vec<pricing::Implausible>,
    },
    /// A table written from offer files, and what it lacks.
    Imported {
        imported: Imported,
        name: Option<String>,
    },
}

pub fn run(command: &Command) -> Result<Pricing, Diagnostic> {
    Ok(match command {
        Command::List { format } => Pricing::List(*format),
        Command::Show { table, service } => {
            let book = pricing::load(table, pricing::NamedBy::CommandLine, services::vocabulary())?;
            let service = service.as_deref().map(known_service).transpose()?;
            Pricing::Show { book, service }
        }
        Command::Check { file } => {
            let source = files::read(file, "pricing table ")?;
            let book = pricing::parse(&source, services::vocabulary())?;
            let warnings = pricing::audit(&source, &dates::today())?;
            Pricing::Checked { book, warnings }
        }
        Command::Import {
            files,
            region,
            name,
            usage_type_prefix,
        } => {
            let request = import::Request {
                files,
                region,
                usage_type_prefix: usage_type_prefix.as_deref(),
            };
            Pricing::Imported {
                imported: import::import(&request, services::vocabulary())?,
                name: name.clone(),
            }
        }
    })
}
