//! `[growth]`: how the workload grows month by month, read and checked.

use rust_decimal::Decimal;
use toml::Spanned;

use super::fields::{Entry, Fields};
use super::raw::{RawTable, entries};
use crate::base::diagnostic::{Diagnostic, Source, Span};
use crate::model::growth::{self, BudgetOver, Growth, MAX_MONTHS};
use crate::model::keys::Values;

const HOW: &str = "write a rate a month, e.g. `rate = \"8% per month\"`, or a list, one a month: `rate = [\"10%\", \"5%\"]`";

/// `[growth]`, if the scenario has one.
pub(super) fn read(
    source: &Source,
    raw: Option<Spanned<RawTable>>,
) -> Result<Option<Growth>, Diagnostic> {
    let Some(raw) = raw else {
        return Ok(None);
    };
    let span: Span = raw.span().into();
    let mut fields = Fields::new(source, "growth", entries(raw.into_inner()));
    let rates = match fields.entry(growth::RATE.name) {
        Some(entry) => rates(source, entry)?,
        None => {
            return Err(source.error(span, "`[growth]` needs `rate`").with_help(HOW));
        }
    };
    let mut values = Vec::new();
    let mut spans = Vec::new();
    for key in growth::KEYS {
        let read = fields.value(key)?;
        if let (Some(_), Some(at)) = (&read.spread, read.span) {
            return Err(source
                .error(at, format!("`{}` takes one value, not a range", key.name))
                .with_help(
                    "ranges are for the workload, the requirements, the components and the prices",
                ));
        }
        values.push(read.value);
        spans.push(read.span);
    }
    fields.finish()?;
    let read = Values::new(growth::KEYS, &values);
    let months = read.count(&growth::MONTHS).unwrap_or(12);
    let budget_months = read.count(&growth::BUDGET_MONTHS);
    if let (Some(budget_months), Some(at)) = (budget_months, spans[1])
        && budget_months > months
    {
        return Err(source
            .error(
                at,
                format!("`budget_months` is {budget_months}, past the {months} months evaluated"),
            )
            .with_help(format!(
                "set `months = {budget_months}` or more, or `budget_months` at most {months}"
            )));
    }
    let growth = Growth {
        rates,
        months,
        budget_months,
        budget: read
            .choice::<BudgetOver>(&growth::BUDGET)
            .unwrap_or(BudgetOver::EachMonth),
    };
    if growth.factors().is_err() {
        return Err(source
            .error(
                span,
                format!("the growth over {months} months is too large to compute exactly"),
            )
            .with_help("exact decimals hold 28 digits: evaluate fewer months, or a lower rate"));
    }
    Ok(Some(growth))
}

/// `rate`: one rate, or a list of them, one a month.
fn rates(source: &Source, entry: &Entry) -> Result<Vec<Decimal>, Diagnostic> {
    let at = entry.value_span;
    let refuse = |message: String| source.error(at, message).with_help(HOW);
    match &entry.value {
        toml::Value::String(text) => Ok(vec![rate(text).map_err(refuse)?]),
        toml::Value::Array(list) if list.is_empty() => {
            Err(refuse("`rate` lists no rate".to_string()))
        }
        toml::Value::Array(list) if list.len() > MAX_MONTHS as usize => Err(refuse(format!(
            "`rate` lists {} rates; at most {MAX_MONTHS} months are evaluated",
            list.len()
        ))),
        toml::Value::Array(list) => list
            .iter()
            .map(|item| match item {
                toml::Value::String(text) => rate(text).map_err(refuse),
                other => Err(refuse(format!(
                    "each rate of `rate` is a percentage in quotes, found `{other}`"
                ))),
            })
            .collect(),
        toml::Value::Integer(_) | toml::Value::Float(_) => {
            let written = entry.value.to_string();
            let percent = crate::base::number::exact(&written)
                .map(|n| (n * Decimal::ONE_HUNDRED).normalize());
            let error = source.error(
                at,
                format!("`rate = {written}` does not say whether it is a fraction or a percentage"),
            );
            Err(match percent {
                Ok(percent) => error.with_help(format!(
                    "write it as a percentage a month: `rate = \"{percent}% per month\"` for a fraction of {written}, or `rate = \"{written}% per month\"`"
                )),
                Err(_) => error.with_help(HOW),
            })
        }
        other => Err(refuse(format!(
            "`rate` must be a percentage in quotes or a list of them, found `{other}`"
        ))),
    }
}

/// A rate a month as a fraction: `"8% per month"` (or `"8%"`, `"8% a
/// month"`) is 0.08. Growth may be negative, down to just above -100%.
pub fn rate(text: &str) -> Result<Decimal, String> {
    let trimmed = text.trim();
    let number = ["per month", "a month", "/month", "monthly"]
        .iter()
        .find_map(|tail| trimmed.strip_suffix(tail))
        .unwrap_or(trimmed)
        .trim_end();
    let Some(number) = number.strip_suffix('%') else {
        return Err(format!("`{text}` is not a percentage a month"));
    };
    let percent: Decimal = number
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a percentage a month"))?;
    if percent <= -Decimal::ONE_HUNDRED {
        return Err(format!(
            "`{text}` would leave no traffic: a monthly rate is above -100%"
        ));
    }
    if percent > Decimal::from(1000) {
        return Err(format!(
            "`{text}` is more than ten times the traffic a month"
        ));
    }
    Ok(percent / Decimal::ONE_HUNDRED)
}

/// Values of `[growth]` read as a key's default, for a check that needs
/// none written (a test's).
#[cfg(test)]
fn defaults() -> Vec<crate::model::keys::Value> {
    growth::KEYS
        .iter()
        .map(|key| {
            key.default_parsed()
                .unwrap_or(crate::model::keys::Value::Absent)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn a_rate_is_a_percentage_a_month() {
        assert_eq!(rate("8% per month"), Ok(dec!(0.08)));
        assert_eq!(rate("10%"), Ok(dec!(0.1)));
        assert_eq!(rate(" 2.5 % a month"), Ok(dec!(0.025)));
        assert_eq!(rate("-3%"), Ok(dec!(-0.03)));
        assert!(rate("8").is_err());
        assert!(rate("-100%").is_err());
        assert!(rate("eight%").is_err());
    }

    #[test]
    fn twelve_months_by_default_each_held_to_the_budget() {
        let values = defaults();
        let read = Values::new(growth::KEYS, &values);
        assert_eq!(read.count(&growth::MONTHS), Some(12));
        assert_eq!(
            read.choice::<BudgetOver>(&growth::BUDGET),
            Some(BudgetOver::EachMonth)
        );
    }
}
