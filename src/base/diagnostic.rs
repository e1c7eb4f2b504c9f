//! Errors a user can act on: what is wrong, where (file, line, column, the line
//! itself) and, where we can tell, how to fix it.

use std::fmt;
use std::ops::Range;

use crate::base::escape::terminal;
use crate::base::suggest::did_you_mean;

/// At most this many errors are reported from one file; past that, the
/// first ones are the ones to fix.
pub const MAX_REPORTED: usize = 20;

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
            location: Some(self.locate(span)),
            file: Some(self.name.clone()),
            ..Diagnostic::plain(message)
        }
    }

    /// An error about this file as a whole.
    pub fn error_in_file(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: Some(self.name.clone()),
            ..Diagnostic::plain(message)
        }
    }

    /// The line `span` starts on, counted from 1.
    pub fn line(&self, span: Span) -> u32 {
        self.locate(span).line
    }

    fn locate(&self, span: Span) -> Location {
        let start = (span.start as usize).min(self.text.len());
        let end = (span.end as usize).clamp(start, self.text.len());
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let line_text = self.text[line_start..line_end].trim_end_matches('\r');
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let column = count(self.text[line_start..start].chars().count() + 1);
        let underline = count(self.text[start..end.min(line_end)].chars().count().max(1));
        Location {
            line: count(self.text[..start].matches('\n').count() + 1),
            column,
            line_text: Some(line_text.to_string()),
            underline,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub line: u32,
    pub column: u32,
    /// The line, to quote; `None` for a file none of which may be quoted.
    pub line_text: Option<String>,
    pub underline: u32,
}

impl Location {
    /// The line as quoted, with the column and underline length in it: the
    /// whole line, or a window of it around the error with `…` where it is
    /// cut; each character that would act on a terminal shown as an escape
    /// (`\u{1b}`), the column and underline counted in what is shown.
    fn quoted(&self) -> (String, usize, usize) {
        let (column, underline) = (self.column as usize, self.underline as usize);
        let chars: Vec<char> = self.line_text.as_deref().unwrap_or("").chars().collect();
        let at = (column - 1).min(chars.len());
        // Most of the window before the error, which is where its cause is.
        let (start, end) = if chars.len() <= MAX_QUOTED {
            (0, chars.len())
        } else {
            let start = at.saturating_sub(MAX_QUOTED * 2 / 3);
            (start, (start + MAX_QUOTED).min(chars.len()))
        };
        let shown = |part: &[char]| terminal(&part.iter().collect::<String>());
        let before = shown(&chars[start..at]);
        let under_end = (at + underline).min(end);
        let under = shown(&chars[at..under_end]);
        let after = shown(&chars[under_end..end]);
        let mut quoted = String::new();
        if start > 0 {
            quoted.push('…');
        }
        let column = quoted.chars().count() + before.chars().count() + 1;
        let underline = under.chars().count().max(1);
        quoted.push_str(&before);
        quoted.push_str(&under);
        quoted.push_str(&after);
        if end < chars.len() {
            quoted.push('…');
        }
        (quoted, column, underline)
    }
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
    /// The next error of the same report, independent of this one: a
    /// chain, so that a `Result<_, Diagnostic>` stays small.
    next: Option<Box<Diagnostic>>,
}

impl Diagnostic {
    /// An error that belongs to no file (a command-line argument, say).
    pub fn plain(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            file: None,
            location: None,
            help: None,
            next: None,
        }
    }

    /// One diagnostic that reports all of `errors`, in order: the first
    /// [`MAX_REPORTED`] of them, and how many more there were. `None` if
    /// there are none.
    pub fn all(errors: impl IntoIterator<Item = Diagnostic>) -> Option<Self> {
        // A diagnostic that already reports several stands for each of them.
        let mut errors = errors.into_iter().flat_map(Diagnostic::into_each);
        let mut shown: Vec<Diagnostic> = errors.by_ref().take(MAX_REPORTED).collect();
        let left = errors.count();
        if left > 0 {
            let noun = if left == 1 { "error" } else { "errors" };
            shown.push(Diagnostic {
                file: shown.first().and_then(|d| d.file.clone()),
                ..Diagnostic::plain(format!("{left} more {noun} like these, not shown"))
            });
        }
        let mut next: Option<Box<Diagnostic>> = None;
        for mut diagnostic in shown.into_iter().rev() {
            diagnostic.next = next;
            next = Some(Box::new(diagnostic));
        }
        next.map(|first| *first)
    }

    /// This error and each reported after it, apart.
    fn into_each(mut self) -> Vec<Diagnostic> {
        let mut each = Vec::new();
        let mut next = self.next.take();
        each.push(self);
        while let Some(mut boxed) = next {
            next = boxed.next.take();
            each.push(*boxed);
        }
        each
    }

    /// This error and each reported after it.
    pub fn each(&self) -> impl Iterator<Item = &Diagnostic> {
        std::iter::once(self).chain(self.more())
    }

    /// The errors reported after this one.
    pub fn more(&self) -> impl Iterator<Item = &Diagnostic> {
        std::iter::successors(self.next.as_deref(), |d| d.next.as_deref())
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
        self.render(f)?;
        for other in self.more() {
            writeln!(f)?;
            other.render(f)?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// A line longer than this (nested or generated input) is quoted in part,
/// around the error; ordinary lines of a hand-written file are quoted whole.
const MAX_QUOTED: usize = 160;

impl Diagnostic {
    /// Every part that may hold user text (the message, the file's name,
    /// the quoted line, the help) is escaped here, where it is rendered, so
    /// that no message can break a line or send a control character.
    fn render(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", terminal(&self.message))?;
        let gutter = self
            .location
            .as_ref()
            .filter(|l| l.line_text.is_some())
            .map_or(1, |l| l.line.to_string().len());
        let pad = " ".repeat(gutter);
        match (&self.file, &self.location) {
            (Some(file), Some(loc)) if loc.line_text.is_none() => {
                writeln!(f, "{pad}--> {}:{}:{}", terminal(file), loc.line, loc.column)?;
            }
            (Some(file), Some(loc)) => {
                writeln!(f, "{pad}--> {}:{}:{}", terminal(file), loc.line, loc.column)?;
                writeln!(f, "{pad} |")?;
                let (quoted, column, underline) = loc.quoted();
                writeln!(f, "{} | {quoted}", loc.line)?;
                let indent: String = quoted
                    .chars()
                    .take(column - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                writeln!(f, "{pad} | {indent}{}", "^".repeat(underline))?;
            }
            (Some(file), None) => writeln!(f, "{pad}--> {}", terminal(file))?,
            _ => {}
        }
        if let Some(help) = &self.help {
            writeln!(f, "{pad} = help: {}", terminal(help))?;
        }
        Ok(())
    }
}

/// Why a file could not be read, in the words of the rest of calc's messages
/// ("cannot read `scenarios`: it is a folder, not a file").
pub fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "no such file".to_string(),
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        ErrorKind::IsADirectory => "it is a folder, not a file".to_string(),
        ErrorKind::InvalidData => "it is not UTF-8 text".to_string(),
        _ => {
            // The OS's words, without the error number and in lowercase.
            let text = error.to_string();
            let text = text.split(" (os error").next().unwrap_or(&text);
            let mut chars = text.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_lowercase().chain(chars).collect()
            })
        }
    }
}

/// Puts diagnostics in the order of their places in the file (those without
/// a place first, as they are).
pub fn sort_by_place(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.column)));
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
    fn errors_past_the_limit_are_counted() {
        let errors = (0..25).map(|i| Diagnostic::plain(format!("e{i}")));
        let all = Diagnostic::all(errors).expect("some");
        assert_eq!(all.more().count(), MAX_REPORTED);
        assert_eq!(
            all.more().last().map(|d| d.message.as_str()),
            Some("5 more errors like these, not shown")
        );
        assert!(Diagnostic::all([]).is_none());
    }

    #[test]
    fn a_folder_is_not_a_file() {
        let error = std::fs::read_to_string(std::env::temp_dir()).unwrap_err();
        assert_eq!(io_reason(&error), "it is a folder, not a file");
    }
}
