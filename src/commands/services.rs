//! `calc services`: the services compared, or one service's keys, limits,
//! prices and formulas.

use crate::base::diagnostic::Diagnostic;
use crate::pricing::{self, PriceBook};
use crate::services::{self, ServiceDef};

/// What `calc services` shows.
pub enum Services {
    /// Every service, with the properties architects compare.
    List,
    /// One service, with the table whose prices and limits to show.
    Detail {
        service: &'static ServiceDef,
        book: Box<PriceBook>,
    },
}

pub fn run(name: Option<&str>, pricing: Option<&str>) -> Result<Services, Diagnostic> {
    let Some(name) = name else {
        return Ok(Services::List);
    };
    let service = known_service(name)?;
    let book = pricing::load(
        pricing.unwrap_or(pricing::DEFAULT_TABLE),
        pricing::NamedBy::CommandLine,
        services::vocabulary(),
    )?;
    Ok(Services::Detail {
        service,
        book: Box::new(book),
    })
}

/// The service named `name`, or an error that suggests the nearest.
pub fn known_service(name: &str) -> Result<&'static ServiceDef, Diagnostic> {
    services::find(name).ok_or_else(|| {
        let meant = services::meant(name);
        Diagnostic::plain(format!("unknown service `{name}`"))
            .with_help_opt(meant.map(|def| format!("did you mean `{}` ({})?", def.name, def.title)))
            .or_help(format!(
                "`calc services` lists them: {}",
                services::names().collect::<Vec<_>>().join(", ")
            ))
    })
}
