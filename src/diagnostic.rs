//! Errors a user can act on: what is wrong, where (file, line, column, the line
//! itself) and, where we can tell, how to fix it.

use std::fmt;
use std::ops::Range;

use crate::suggest::did_you_mean;

/// A byte range in a source file, small and `Copy` so that parsed values can carry it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self {
            start: clamp(range.start),
            end: clamp(range.end),
        }
    }
}

/// A file the user gave us (or a bundled one), kept whole so that errors can quote it.
#[derive(Debug)]
pub struct Source {
    pub name: String,
    pub text: String,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
        }
    }

    /// An error at `span` in this file.
    pub fn error(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            message: message.into(),
            location: Some(self.locate(span)),
            file: Some(self.name.clone()),
            help: None,
        }
    }

    /// An error about this file as a whole.
    pub fn error_in_file(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            message: message.into(),
            location: None,
            file: Some(self.name.clone()),
            help: None,
        }
    }

    /// Turns a TOML error into a diagnostic, rewording serde's "unknown field"
    /// and "unknown variant" messages into a suggestion.
    pub fn toml_error(&self, error: &toml::de::Error) -> Diagnostic {
        let (message, help) = reword_serde_message(error.message());
        let diagnostic = match error.span() {
            Some(span) => self.error(span.into(), message),
            None => self.error_in_file(message),
        };
        diagnostic.with_help_opt(help)
    }

    fn locate(&self, span: Span) -> Location {
        let start = (span.start as usize).min(self.text.len());
        let end = (span.end as usize).clamp(start, self.text.len());
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let line_text = self.text[line_start..line_end].trim_end_matches('\r');
        let column = self.text[line_start..start].chars().count() + 1;
        let underline = self.text[start..end.min(line_end)].chars().count().max(1);
        Location {
            line: self.text[..start].matches('\n').count() + 1,
            column,
            line_text: line_text.to_string(),
            underline,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub line_text: String,
    pub underline: usize,
}

/// An error for the user, rendered as
///
/// ```text
/// error: unknown field `recods_per_second`
///  --> scenario.toml:7:1
///   |
/// 7 | recods_per_second = 3000
///   | ^^^^^^^^^^^^^^^^^
///   = help: did you mean `records_per_second`?
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub message: String,
    pub file: Option<String>,
    pub location: Option<Location>,
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error that belongs to no file (a command-line argument, say).
    pub fn plain(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            file: None,
            location: None,
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Sets the help unless a suggestion already took its place.
    pub fn or_help(self, help: impl Into<String>) -> Self {
        if self.help.is_some() {
            self
        } else {
            self.with_help(help)
        }
    }

    /// Adds "did you mean `x`?" when one of `candidates` is close to `word`.
    pub fn suggesting<'a>(self, word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Self {
        match did_you_mean(word, candidates) {
            Some(close) => self.with_help(format!("did you mean `{close}`?")),
            None => self,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        let gutter = self
            .location
            .as_ref()
            .map_or(1, |l| l.line.to_string().len());
        let pad = " ".repeat(gutter);
        match (&self.file, &self.location) {
            (Some(file), Some(loc)) => {
                writeln!(f, "{pad}--> {file}:{}:{}", loc.line, loc.column)?;
                writeln!(f, "{pad} |")?;
                writeln!(f, "{} | {}", loc.line, loc.line_text)?;
                let indent: String = loc
                    .line_text
                    .chars()
                    .take(loc.column - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                writeln!(f, "{pad} | {indent}{}", "^".repeat(loc.underline))?;
            }
            (Some(file), None) => writeln!(f, "{pad}--> {file}")?,
            _ => {}
        }
        if let Some(help) = &self.help {
            writeln!(f, "{pad} = help: {help}")?;
        }
        Ok(())
    }
}

/// Why a file could not be read, in the words of the rest of calc's messages.
pub fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
}

/// serde says "unknown field `x`, expected one of `a`, `b`"; we say
/// "unknown field `x`" and help with the closest name, or list them all.
fn reword_serde_message(message: &str) -> (String, Option<String>) {
    for kind in ["field", "variant"] {
        let prefix = format!("unknown {kind} `");
        let Some(rest) = message.strip_prefix(&prefix) else {
            continue;
        };
        let Some((word, expected)) = rest.split_once('`') else {
            continue;
        };
        let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let headline = match kind {
            "field" => format!("unknown key `{word}`"),
            _ => format!("unknown value `{word}`"),
        };
        let help = did_you_mean(word, names.iter().copied())
            .map(|close| format!("did you mean `{close}`?"))
            .or_else(|| {
                (!names.is_empty()).then(|| {
                    let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                    format!("expected one of {}", list.join(", "))
                })
            });
        return (headline, help);
    }
    (message.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_line_and_column() {
        let source = Source::new("s.toml", "a = 1\nbb = 2\n");
        let diagnostic = source.error(Span { start: 6, end: 8 }, "bad");
        assert_eq!(
            diagnostic.to_string(),
            "error: bad\n --> s.toml:2:1\n  |\n2 | bb = 2\n  | ^^\n"
        );
    }

    #[test]
    fn rewords_unknown_fields() {
        let (message, help) = reword_serde_message(
            "unknown field `recods_per_second`, expected `records_per_second` or `record_size`",
        );
        assert_eq!(message, "unknown key `recods_per_second`");
        assert_eq!(help.as_deref(), Some("did you mean `records_per_second`?"));
        let (_, help) = reword_serde_message("unknown field `zzz`, expected one of `a`, `b`");
        assert_eq!(help.as_deref(), Some("expected one of `a`, `b`"));
    }
}
