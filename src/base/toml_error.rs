//! TOML read into calc's types, every unknown key reported, and toml's and
//! serde's messages said in calc's words: what the key must be and how to
//! write it. The phrases relied on are pinned by a test, so that an
//! upgrade of the toml crate that changes one fails there.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::{Diagnostic, Source, Span, sort_by_place};
use super::suggest::did_you_mean;
use super::units::{EXPECT_DURATION, EXPECT_SIZE};

impl Source {
    /// Reads this file's TOML into `T`, reporting every unknown key (up to
    /// [`MAX_REPORTED`]) rather than only the first: each one found is taken
    /// out and the rest read again. The first error of another kind ends
    /// the search, since what follows it may be its consequence.
    pub fn parse_toml<T: DeserializeOwned>(&self, examples: Examples) -> Result<T, Diagnostic> {
        let mut found = Vec::new();
        let value = self.parse_toml_collecting(&mut found, examples)?;
        Diagnostic::all(found).map_or(Ok(value), Err)
    }

    /// Like [`Source::parse_toml`], but when the only mistakes are unknown
    /// keys, returns what the rest reads as and adds those mistakes to
    /// `found`, so that the caller can go on looking for more.
    pub fn parse_toml_collecting<T: DeserializeOwned>(
        &self,
        found: &mut Vec<Diagnostic>,
        examples: Examples,
    ) -> Result<T, Diagnostic> {
        let mut root = DeTable::parse(&self.text).map_err(|e| self.toml_error(&e))?;
        let mut own: Vec<Diagnostic> = Vec::new();
        loop {
            let error = match T::deserialize(toml::de::Deserializer::from(root.clone())) {
                Ok(value) => {
                    sort_by_place(&mut own);
                    found.append(&mut own);
                    return Ok(value);
                }
                Err(error) => error,
            };
            let unknown_key = error.message().starts_with("unknown field `");
            // A key reported unknown is often the required one misspelt:
            // saying that the required one is missing as well adds nothing.
            if unknown_key || own.is_empty() || !error.message().starts_with("missing field") {
                own.push(self.toml_error_with(&error, examples));
            }
            let removed = error
                .span()
                .is_some_and(|span| remove_key(root.get_mut(), &span));
            // Each turn takes a key out, so this ends; it goes on past
            // MAX_REPORTED so that the count of those not shown is right.
            if !unknown_key || !removed {
                break;
            }
        }
        found.append(&mut own);
        sort_by_place(found);
        Err(Diagnostic::all(std::mem::take(found)).expect("at least one error was found"))
    }

    /// Turns a TOML error into a diagnostic in calc's words: serde's and
    /// toml's phrasing ("invalid type: map, expected a sequence") becomes
    /// what the key must be and how to write it. An error toml cannot place
    /// is put at the start of the file, so that every one has a line.
    pub fn toml_error(&self, error: &toml::de::Error) -> Diagnostic {
        self.toml_error_with(error, |_| None)
    }

    /// Like [`Source::toml_error`], with `examples` of how to write the
    /// keys this kind of file requires.
    pub fn toml_error_with(&self, error: &toml::de::Error, examples: Examples) -> Diagnostic {
        let span: Span = error.span().unwrap_or(0..0).into();
        let written = self
            .text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
            .trim();
        let keys = error_keys(error);
        let key = key_before(&self.text, span.start as usize)
            .or_else(|| keys.last().cloned())
            .unwrap_or_else(|| "this value".to_string());
        // A value right after `[` or `,` is an entry of a list, on this
        // line or the ones before.
        let in_list = self
            .text
            .get(..span.start as usize)
            .is_some_and(|before| before.trim_end().ends_with(['[', ',']));
        let context = Context {
            key: &key,
            keys: &keys,
            written,
            in_list,
            examples,
        };
        let (message, help) = explain(error.message(), &context);
        self.error(span, message).with_help_opt(help)
    }
}

/// Takes the key written at `span` out of `table` or the tables within it.
fn remove_key(table: &mut DeTable, span: &Range<usize>) -> bool {
    let hit = table
        .iter()
        .find(|(key, _)| key.span() == *span)
        .map(|(key, _)| key.clone());
    if let Some(key) = hit {
        table.remove(&key);
        return true;
    }
    table
        .iter_mut()
        .any(|(_, value)| remove_key_in(value.get_mut(), span))
}

fn remove_key_in(value: &mut DeValue, span: &Range<usize>) -> bool {
    match value {
        DeValue::Table(table) => remove_key(table, span),
        DeValue::Array(items) => items
            .iter_mut()
            .any(|item| remove_key_in(item.get_mut(), span)),
        _ => false,
    }
}

/// The path of keys toml reports an error under (`["workload",
/// "record_size"]`). toml shows it only when printing an error without its
/// input, as a last line "in `workload.record_size`"; a test pins that.
fn error_keys(error: &toml::de::Error) -> Vec<String> {
    let mut bare = error.clone();
    bare.set_input(None);
    let text = bare.to_string();
    text.lines()
        .last()
        .and_then(|line| line.strip_prefix("in `"))
        .and_then(|line| line.strip_suffix('`'))
        .map(|path| path.split('.').map(str::to_string).collect())
        .unwrap_or_default()
}

/// The key written just before `at` on its line, as in `key = <at>`: the
/// key as the user wrote it, quotes removed.
fn key_before(text: &str, at: usize) -> Option<String> {
    let before = text.get(..at)?;
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let line = line.trim_end().strip_suffix('=')?.trim_end();
    // The key starts after the last character that cannot be part of one,
    // which may take more than one byte.
    let start = line
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || "_-.\"'".contains(*c)))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let key = line[start..].replace(['"', '\''], "");
    (!key.is_empty()).then_some(key)
}

/// Where an error is, in the words of the file.
struct Context<'a> {
    /// The key whose value is wrong, as written.
    key: &'a str,
    /// The path toml reports, e.g. `["alternatives"]` inside an alternative.
    keys: &'a [String],
    /// The text the error points at.
    written: &'a str,
    /// Whether that text is an entry of a list (`components = [<here>]`).
    in_list: bool,
    examples: Examples,
}

/// How to write a required key a file leaves out, by its dotted path
/// (`alternatives.name`): the reader of each kind of file knows its keys.
pub type Examples = fn(&str) -> Option<String>;

/// A message and a help for one of serde's or toml's messages.
fn explain(message: &str, at: &Context) -> (String, Option<String>) {
    let key = at.key;
    // A whole number past TOML's 64 bits: toml says "u64 value was too
    // large", or serde "invalid type: integer `…` as i128".
    if message == "u64 value was too large" || message.contains("` as i128") {
        return (
            format!("`{key}` is too large for a whole number calc reads"),
            Some(format!(
                "a whole number is at most {}; calc's own limit for `{key}` may be lower",
                crate::base::number::grouped(&i64::MAX.to_string())
            )),
        );
    }
    if let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return wrong_kind(found, expected, at);
    }
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return missing(field, at);
    }
    if message.starts_with("data did not match any variant") {
        return (format!("`{key}` has a value calc cannot read here"), None);
    }
    if message == "duplicate key" {
        return (
            format!("`{}` is set twice", at.written),
            Some("keep one of them: each key is set once in its table".to_string()),
        );
    }
    if message.contains("max recursion depth") || message == "recursion limit" {
        return (
            "lists and tables are nested too deeply here".to_string(),
            Some(
                "calc reads at most 80 levels, and a scenario needs no more than a few".to_string(),
            ),
        );
    }
    // `Dec` says "`lots` is not a number"; name the key as well.
    if message.starts_with('`') && message.ends_with("` is not a number") {
        let text = at.written.trim_matches('"').trim();
        let digits = text
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '_'))
            .unwrap_or(text.len());
        let leading = &text[..digits];
        let help = if let Some(plain) = crate::base::number::plain_form(text) {
            // `"5,000"`: the leading digits alone would be 5.
            format!("write `{key} = {plain}`, not `\"{text}\"`")
        } else if !leading.is_empty() && leading != text {
            format!("write the number alone, without quotes: `{key} = {leading}`")
        } else {
            format!("write a number, such as `{key} = 1000`")
        };
        return (
            format!("`{key}` must be a number, found {}", at.written),
            Some(help),
        );
    }
    reword_serde_message(message)
}

/// "`free_tier` must be `true` or `false`, found \"yes\"", with how to write it.
fn wrong_kind(found: &str, expected: &str, at: &Context) -> (String, Option<String>) {
    let key = at.key;
    let written = at.written;
    let scalar = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .map(|rest| rest.trim_matches('`').to_string())
    };
    let number = scalar("integer ").or_else(|| scalar("floating point "));
    let found_text = if let Some(n) = &number {
        n.clone()
    } else if let Some(b) = scalar("boolean ") {
        b
    } else if let Some(s) = found.strip_prefix("string ") {
        s.to_string()
    } else if found == "sequence" {
        "a list".to_string()
    } else if found == "map" && written.starts_with(|c: char| c.is_ascii_digit()) {
        // toml hands a date to serde as a map.
        format!("the date {written}")
    } else if found == "map" {
        "a table".to_string()
    } else {
        found.to_string()
    };
    // `[[workload]]` for `[workload]`: serde reads the list as the table's
    // fields and complains about the first, which would only mislead.
    if written.starts_with("[[") && expected != "a sequence" {
        let header = written.trim_matches(['[', ']']).trim();
        return (
            format!("`{header}` is one table, not a list of tables"),
            Some(format!("write `[{header}]`, with one bracket")),
        );
    }
    let subject = if at.in_list {
        format!("each entry of `{key}`")
    } else {
        format!("`{key}`")
    };
    let expected = match expected {
        "a sequence" => "a list".to_string(),
        "a boolean" => "`true` or `false`".to_string(),
        "a string" | "a borrowed string" => "text in quotes".to_string(),
        "a map" => "a table".to_string(),
        e if e.starts_with("struct ") => "a table".to_string(),
        e if e.starts_with(['i', 'u']) && e[1..].parse::<u8>().is_ok() => {
            "a whole number".to_string()
        }
        e => e.to_string(),
    };
    let help = match expected.as_str() {
        "a list" if written.starts_with("[[") => None,
        "a list" if written.starts_with('[') => Some(format!(
            "`{written}` is one table; write `[{written}]`, with two brackets, for each entry of the list"
        )),
        "a list" if written.starts_with('{') => {
            Some(format!("put it in square brackets: `{key} = [{{ … }}]`"))
        }
        "`true` or `false`" => match found_text.trim_matches('"') {
            word @ ("true" | "false") => Some(format!("write it without quotes: `{key} = {word}`")),
            _ => Some(format!(
                "write `{key} = true` or `{key} = false`, without quotes"
            )),
        },
        "text in quotes" if !found.starts_with("map") && found != "sequence" => {
            Some(format!("put it in quotes: `{key} = \"{written}\"`"))
        }
        "a table" if !written.starts_with('[') => Some(format!(
            "write `[{key}]` on a line of its own, with its keys on the lines below"
        )),
        e if e == EXPECT_DURATION => number.map(|n| {
            format!("write it in quotes, with a unit: `{key} = \"{n} s\"` or `\"{n} ms\"`")
        }),
        e if e == EXPECT_SIZE && found.starts_with("floating point") => Some(format!(
            "bytes are counted whole; for a fraction, use a unit: `{key} = \"1.5 KB\"`"
        )),
        e if found.starts_with("string ")
            && let Some(example) = e.strip_prefix("a table such as { ")
            && let Some((field, _)) = example.split_once(" = ") =>
        {
            Some(format!("write it as `{{ {field} = {found_text} }}`"))
        }
        _ => None,
    };
    (
        format!("{subject} must be {expected}, found {found_text}"),
        help,
    )
}

/// "`name` is missing", placed where the key belongs, with what to write.
fn missing(field: &str, at: &Context) -> (String, Option<String>) {
    let path: Vec<&str> = at.keys.iter().map(String::as_str).chain([field]).collect();
    let example = (at.examples)(&path.join("."));
    if at.keys.is_empty() {
        let help = example.unwrap_or_else(|| {
            format!("add `{field} = …` at the top of the file, before the first `[table]`")
        });
        return (format!("`{field}` is missing"), Some(help));
    }
    let table = if at.written.starts_with('[') && !at.written.contains('\n') {
        format!("`{}`", at.written)
    } else {
        "this table".to_string()
    };
    let help = example.unwrap_or_else(|| format!("add `{field} = …` to it"));
    (format!("`{field}` is missing from {table}"), Some(help))
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
    use crate::base::diagnostic::MAX_REPORTED;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
        #[serde(default)]
        flag: bool,
        #[serde(default)]
        inner: Inner,
        #[serde(default)]
        items: Vec<Inner>,
    }

    #[derive(Debug, Default, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        size: Option<crate::base::units::SizeText>,
        wait: Option<crate::base::units::DurationText>,
    }

    fn read(text: &str) -> String {
        let source = Source::new("d.toml", text);
        source.parse_toml::<Doc>(|_| None).unwrap_err().to_string()
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Phrases {
        name: String,
        #[serde(default)]
        small: u8,
        #[serde(default)]
        any: Option<toml::Value>,
        #[serde(default)]
        mode: Option<Mode>,
        #[serde(default)]
        either: Option<Either>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Mode {
        OnDemand,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(untagged)]
    #[allow(dead_code)]
    enum Either {
        Number(u8),
        Flag(bool),
    }

    /// calc rewords toml's and serde's messages by their phrases: each
    /// phrase it relies on is pinned here, so that an upgrade that changes
    /// one fails this test rather than a user's message.
    #[test]
    fn the_phrases_calc_rewords_are_the_ones_toml_writes() {
        let message = |text: &str| {
            let source = Source::new("p.toml", text);
            let error = match DeTable::parse(&source.text) {
                Err(error) => return error.message().to_string(),
                Ok(_) => toml::from_str::<Phrases>(text).unwrap_err(),
            };
            error.message().to_string()
        };
        let starts = |text: &str, phrase: &str| {
            let found = message(text);
            assert!(found.starts_with(phrase), "{text:?}: {found:?}");
        };
        starts("name = 1\n", "invalid type: integer `1`, expected a string");
        starts(
            "name = \"x\"\nsmall = 300\n",
            "invalid value: integer `300`, expected u8",
        );
        assert_eq!(message("small = 1\n"), "missing field `name`");
        starts(
            "name = \"x\"\nnmae = 1\n",
            "unknown field `nmae`, expected one of `name`",
        );
        starts(
            "name = \"x\"\nmode = \"od\"\n",
            "unknown variant `od`, expected `on_demand`",
        );
        starts(
            "name = \"x\"\neither = \"x\"\n",
            "data did not match any variant",
        );
        assert_eq!(message("name = \"x\"\nname = \"y\"\n"), "duplicate key");
        let deep = format!(
            "name = \"x\"\nany = {}{}\n",
            "[".repeat(200),
            "]".repeat(200)
        );
        let found = message(&deep);
        assert!(found.contains("recursion"), "{found:?}");
        assert_eq!(
            message("name = \"x\"\nany = 9223372036854775808\n"),
            "u64 value was too large"
        );
        let huge = message("name = \"x\"\nany = 100000000000000000000000000000000000000\n");
        assert!(huge.contains("` as i128"), "{huge:?}");
    }

    #[test]
    fn toml_reports_the_key_path_of_an_error() {
        // calc relies on toml printing it this way when it has no input.
        let error = toml::from_str::<Doc>("name = \"x\"\n[inner]\nwait = 1\n").unwrap_err();
        assert_eq!(error_keys(&error), ["inner", "wait"]);
    }

    #[test]
    fn wrong_kinds_of_value_say_what_to_write() {
        assert_eq!(
            read("name = \"x\"\nflag = \"true\"\n"),
            "error: `flag` must be `true` or `false`, found \"true\"\n --> d.toml:2:8\n  |\n\
             2 | flag = \"true\"\n  |        ^^^^^^\n  = help: write it without quotes: `flag = true`\n"
        );
        assert!(read("name = 3\n").contains("`name` must be text in quotes, found 3"));
        let latency = read("name = \"x\"\n[inner]\nwait = 1\n");
        assert!(
            latency.contains("`wait` must be a duration with a unit"),
            "{latency}"
        );
        assert!(latency.contains("`wait = \"1 s\"`"), "{latency}");
        let size = read("name = \"x\"\ninner = { size = 1.5 }\n");
        assert!(size.contains("`size` must be a size such as"), "{size}");
        let list = read("name = \"x\"\n[items]\nsize = 1\n");
        assert!(
            list.contains("`items` must be a list, found a table"),
            "{list}"
        );
        assert!(list.contains("write `[[items]]`"), "{list}");
        for message in [&latency, &size, &list] {
            assert!(!message.contains("invalid type"), "{message}");
        }
    }

    #[test]
    fn an_entry_of_a_list_is_named_as_one() {
        let message = read("name = \"x\"\nitems = [\n  {},\n  \"a\",\n]\n");
        assert!(
            message.starts_with(
                "error: each entry of `items` must be a table, found \"a\"\n --> d.toml:4:3\n"
            ),
            "{message}"
        );
    }

    #[test]
    fn a_missing_key_is_placed_where_it_belongs() {
        assert_eq!(
            read("flag = true\n"),
            "error: `name` is missing\n --> d.toml:1:1\n  |\n1 | flag = true\n  | ^\n\
             \x20 = help: add `name = …` at the top of the file, before the first `[table]`\n"
        );
    }

    #[test]
    fn every_unknown_key_is_reported_in_file_order() {
        let text = "name = \"x\"\nzeta = 1\nalpha = 2\n[inner]\nsise = 3\n";
        let message = read(text);
        let headlines: Vec<&str> = message
            .lines()
            .filter(|l| l.starts_with("error:"))
            .collect();
        assert_eq!(
            headlines,
            [
                "error: unknown key `zeta`",
                "error: unknown key `alpha`",
                "error: unknown key `sise`"
            ]
        );
        assert!(message.contains("did you mean `size`?"));
    }

    #[test]
    fn unknown_keys_past_the_limit_are_counted_not_shown() {
        let keys: String = (0..25).map(|i| format!("k{i:02} = 1\n")).collect();
        let message = read(&format!("name = \"x\"\n{keys}"));
        assert_eq!(message.matches("error: unknown key").count(), MAX_REPORTED);
        assert!(message.contains("unknown key `k19`"), "{message}");
        assert!(message.ends_with("error: 5 more errors like these, not shown\n --> d.toml\n"));
    }

    #[test]
    fn a_misspelt_required_key_is_not_also_reported_missing() {
        let message = read("nam = \"x\"\n");
        assert!(message.contains("unknown key `nam`"), "{message}");
        assert!(!message.contains("missing"), "{message}");
    }

    #[test]
    fn syntax_errors_have_a_line_and_column() {
        let deep = format!("name = \"x\"\na = {}{}\n", "[".repeat(200), "]".repeat(200));
        let message = read(&deep);
        assert!(
            message
                .starts_with("error: lists and tables are nested too deeply here\n --> d.toml:2:")
        );
        // The 400-character line is quoted around the error, not whole.
        assert!(
            message.lines().all(|l| l.chars().count() < 200),
            "{message}"
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

    #[test]
    fn a_key_after_a_wide_character_is_read_whole() {
        // U+202E takes three bytes: the key starts after all of them.
        let text = "\u{202e}lambda.duration_x86 = ";
        assert_eq!(
            key_before(text, text.len()),
            Some("lambda.duration_x86".to_string())
        );
    }
}
