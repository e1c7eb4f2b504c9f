//! One escaping function a format, applied to every piece of text that comes
//! from a scenario or a pricing table (names, currency, region, dates,
//! sources), so that the text is shown as written and never acts on what
//! shows it: a terminal (escape sequences, a carriage return, a right-to-left
//! override), a Markdown viewer (a heading, a link, HTML) or a spreadsheet (a
//! formula). JSON needs none of this: `serde_json` escapes every control
//! character, and a JSON reader gets the text back exactly.

use std::fmt::Write;

/// The longest line of a message `calc` prints on stderr; longer lines (a
/// quoted line of megabytes) are cut, so an error stays readable and small.
pub const MAX_MESSAGE_LINE: usize = 500;

/// Text for a terminal, on one line: control characters (line breaks
/// included) and the characters that reorder text (such as U+202E) become
/// visible escapes like `\u{1b}`.
pub fn terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_visible(&mut out, c);
    }
    out
}

/// A message of several lines for a terminal: each line escaped as by
/// [`terminal`] and cut at [`MAX_MESSAGE_LINE`] characters; the line breaks
/// are kept.
pub fn terminal_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(64 * 1024));
    for line in text.split_inclusive('\n') {
        let (line, newline) = match line.strip_suffix('\n') {
            Some(line) => (line, true),
            None => (line, false),
        };
        let escaped = terminal(line);
        match escaped.char_indices().nth(MAX_MESSAGE_LINE) {
            Some((cut, _)) => {
                out.push_str(&escaped[..cut]);
                out.push('…');
            }
            None => out.push_str(&escaped),
        }
        if newline {
            out.push('\n');
        }
    }
    out
}

/// Text for a Markdown cell or heading: the characters Markdown gives a
/// meaning to (`|`, `` ` ``, `<`, `>`, `[`, `]`, `*`, `_`, `\`, a leading `#`)
/// are escaped with a backslash, and control characters, line breaks
/// included, become visible escapes as in [`terminal`].
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        if matches!(c, '|' | '`' | '<' | '>' | '[' | ']' | '*' | '_' | '\\') || (i == 0 && c == '#')
        {
            out.push('\\');
        }
        push_visible(&mut out, c);
    }
    out
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line
/// break. Text that a spreadsheet would run as a formula (it starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, as OWASP and
/// the spreadsheet vendors advise; control characters become visible escapes
/// as in [`terminal`]. Only for text: numbers `calc` writes itself are not
/// fields of this kind.
pub fn csv(text: &str) -> String {
    let mut field = String::with_capacity(text.len() + 1);
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        field.push('\'');
    }
    for c in text.chars() {
        push_visible(&mut field, c);
    }
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

/// Text for HTML (a `<summary>` of a pull-request comment) or XML (JUnit
/// attributes and text): `&`, `<`, `>`, `"` and `'` become entities, and
/// control characters, which XML 1.0 cannot hold, become visible escapes as
/// in [`terminal`].
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => push_visible(&mut out, c),
        }
    }
    out
}

/// XML is escaped as HTML is.
pub fn xml(text: &str) -> String {
    html(text)
}

/// The message of a GitHub Actions workflow command (`::error ...::MESSAGE`):
/// `%`, carriage return and line feed are percent-encoded, as the runner
/// decodes them, so that a message cannot end the command or start another.
pub fn github_message(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// A property of a workflow command (`file=…`, `title=…`): as a message,
/// and `:` and `,` too, which end a property.
pub fn github_property(text: &str) -> String {
    github_message(text).replace(':', "%3A").replace(',', "%2C")
}

fn push_visible(out: &mut String, c: char) {
    if c.is_control() || reorders(c) {
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
    } else {
        out.push(c);
    }
}

/// Characters that change the order or the lines text is shown in: the
/// bidirectional marks, embeddings, overrides and isolates, and the Unicode
/// line and paragraph separators.
fn reorders(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
            | '\u{2028}' | '\u{2029}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_text_shows_control_characters() {
        assert_eq!(terminal("Kinesis"), "Kinesis");
        assert_eq!(terminal("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(terminal("bell\u{7}\r\n"), "bell\\u{7}\\u{d}\\u{a}");
        assert_eq!(terminal("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(terminal("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(terminal("3,000 × 1 KB · ünïcode"), "3,000 × 1 KB · ünïcode");
    }

    #[test]
    fn messages_keep_their_lines_and_are_cut() {
        assert_eq!(terminal_lines("a\u{1b}\n b\n"), "a\\u{1b}\n b\n");
        let long = "x".repeat(MAX_MESSAGE_LINE + 10);
        let cut = terminal_lines(&format!("{long}\nend"));
        assert_eq!(cut, format!("{}…\nend", "x".repeat(MAX_MESSAGE_LINE)));
    }

    #[test]
    fn markdown_text_is_inert() {
        assert_eq!(markdown("a|b"), "a\\|b");
        assert_eq!(markdown("x\n# heading"), "x\\u{a}# heading");
        assert_eq!(markdown("# heading"), "\\# heading");
        assert_eq!(markdown("`code`"), "\\`code\\`");
        assert_eq!(
            markdown("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(
            markdown("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(markdown("*a* _b_ \\|"), "\\*a\\* \\_b\\_ \\\\\\|");
    }

    #[test]
    fn html_and_xml_text_is_inert() {
        assert_eq!(html("a|b `c` <script>"), "a|b `c` &lt;script&gt;");
        assert_eq!(html("\"x\" & 'y'"), "&quot;x&quot; &amp; &#39;y&#39;");
        assert_eq!(xml("bell\u{7}"), "bell\\u{7}");
    }

    #[test]
    fn github_commands_cannot_be_broken_out_of() {
        assert_eq!(
            github_message("50% over\r\n::error::forged"),
            "50%25 over%0D%0A::error::forged"
        );
        assert_eq!(
            github_property("design/a,b:c.toml"),
            "design/a%2Cb%3Ac.toml"
        );
        assert_eq!(github_property("100%\n"), "100%25%0A");
    }

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(csv("Kinesis"), "Kinesis");
        assert_eq!(csv("3,000 x 1 KB"), "\"3,000 x 1 KB\"");
        assert_eq!(csv("a \"b\""), "\"a \"\"b\"\"\"");
        assert_eq!(
            csv("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(csv("+cmd"), "'+cmd");
        assert_eq!(csv("-1"), "'-1");
        assert_eq!(csv("@SUM(A1:A2)"), "'@SUM(A1:A2)");
        assert_eq!(csv("\tx"), "'\\u{9}x");
        assert_eq!(csv("a\r\nb"), "a\\u{d}\\u{a}b");
    }
}
