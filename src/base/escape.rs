//! One escaping function a format, applied to every piece of text that comes
//! from a scenario, a pricing table or a file name (names, currency, region,
//! dates, sources, paths), so that the text is shown as written and never acts
//! on what shows it: a terminal (escape sequences, a carriage return, a
//! right-to-left override), a CI runner reading the log (a workflow command),
//! a Markdown viewer (a heading, a link, a mention, HTML), an XML parser (a
//! character XML cannot hold) or a spreadsheet (a formula). JSON is written
//! by [`json`]'s formatter, which escapes the same characters as `\uXXXX`,
//! so a JSON reader gets the text back exactly.

use std::fmt::Write;

/// The longest line of a message `calc` prints on stderr; a longer line (a
/// quoted line of megabytes, a path of thousands of folders) keeps its
/// start and its end, where the reason is, and loses its middle.
pub const MAX_MESSAGE_LINE: usize = 500;

/// Text for a terminal, on one line: control characters (line breaks
/// included), the characters that reorder text (such as U+202E) and the
/// noncharacters (U+FFFE) become visible escapes like `\u{1b}`, and a CI
/// runner's legacy command marker `##[` is broken up.
pub fn terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_visible(&mut out, c);
    }
    disarm(out, "#\\u{23}[")
}

/// A message of several lines for a terminal: each line escaped as by
/// [`terminal`], and one longer than [`MAX_MESSAGE_LINE`] characters cut in
/// the middle; the line breaks are kept. Only for text whose line breaks
/// calc wrote: user text inside it is escaped where it was put in
/// (a diagnostic escapes its parts where it is rendered).
pub fn terminal_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(64 * 1024));
    for line in text.split_inclusive('\n') {
        let (line, newline) = match line.strip_suffix('\n') {
            Some(line) => (line, true),
            None => (line, false),
        };
        out.push_str(&shortened(&terminal(line)));
        if newline {
            out.push('\n');
        }
    }
    out
}

/// `line`, or its first and last [`MAX_MESSAGE_LINE`]` / 2` characters
/// around a `…` when it is longer than [`MAX_MESSAGE_LINE`].
fn shortened(line: &str) -> std::borrow::Cow<'_, str> {
    let count = line.chars().count();
    if count <= MAX_MESSAGE_LINE {
        return line.into();
    }
    let half = MAX_MESSAGE_LINE / 2;
    let head_end = line.char_indices().nth(half).map_or(line.len(), |(i, _)| i);
    let tail_start = line
        .char_indices()
        .nth(count - half)
        .map_or(line.len(), |(i, _)| i);
    format!("{}…{}", &line[..head_end], &line[tail_start..]).into()
}

/// Text for a Markdown cell, heading or list item, rendered as written by
/// GitHub: the characters Markdown gives a meaning to (`|`, `` ` ``, `<`,
/// `>`, `[`, `]`, `*`, `_`, `~`, `&`, `\`, and at the start `#`, `-`, `+`
/// and a number's `.` or `)`) are escaped with a backslash; a mention
/// (`@org/team`), an issue reference (`#1`, `GH-1`) and an autolink
/// (`https://`, `www.`, an e-mail address) are broken by a zero-width space
/// (`&#8203;`); control characters become visible escapes as in [`terminal`].
pub fn markdown(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let leading_number = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    for (i, &c) in chars.iter().enumerate() {
        let backslash = matches!(
            c,
            '|' | '`' | '<' | '>' | '[' | ']' | '*' | '_' | '~' | '&' | '\\'
        ) || (i == 0 && matches!(c, '#' | '-' | '+'))
            || (i == leading_number && i > 0 && matches!(c, '.' | ')'));
        if backslash {
            out.push('\\');
        }
        push_visible(&mut out, c);
        if breaks_a_link(&chars, i) {
            out.push_str(ZERO_WIDTH_SPACE);
        }
    }
    out
}

/// A zero-width space as an HTML character reference: Markdown and HTML
/// show nothing for it, and GitHub finds no mention or link across it.
const ZERO_WIDTH_SPACE: &str = "&#8203;";

/// Whether GitHub could read the text at `i` (just written) and after it as
/// a mention, an issue reference or an autolink, so that a zero-width space
/// must follow it: `@` (mentions, e-mail addresses), `#` before a digit,
/// `GH` before `-` and a digit, `:` before `/` (`https://`), and `www`
/// before `.`.
fn breaks_a_link(chars: &[char], i: usize) -> bool {
    let next = |n: usize| chars.get(i + n).copied();
    let lower = |j: usize| chars.get(j).map(char::to_ascii_lowercase);
    match chars[i] {
        '@' => true,
        '#' => next(1).is_some_and(|c| c.is_ascii_digit()),
        ':' => next(1) == Some('/'),
        'h' | 'H' => {
            i >= 1
                && lower(i - 1) == Some('g')
                && next(1) == Some('-')
                && next(2).is_some_and(|c| c.is_ascii_digit())
        }
        'w' | 'W' => {
            i >= 2 && lower(i - 1) == Some('w') && lower(i - 2) == Some('w') && next(1) == Some('.')
        }
        _ => false,
    }
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
    let field = disarm(field, "#\\u{23}[");
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

/// Text for HTML in a pull-request comment (a `<summary>`): as [`xml`], and
/// a mention or an issue reference is broken as in [`markdown`], since
/// GitHub finds those in HTML text too.
pub fn html(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        push_xml(&mut out, c);
        if breaks_a_link(&chars, i) {
            out.push_str(ZERO_WIDTH_SPACE);
        }
    }
    disarm(out, "##&#91;")
}

/// Text for XML (JUnit attributes and text, SVG): `&`, `<`, `>`, `"` and
/// `'` become entities, and every character outside XML 1.0's `Char`
/// production (control characters, U+FFFE, U+FFFF), with the characters
/// that reorder text, becomes a visible escape as in [`terminal`].
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_xml(&mut out, c);
    }
    disarm(out, "##&#91;")
}

fn push_xml(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        c => push_visible(out, c),
    }
}

/// The message of a GitHub Actions workflow command (`::error ...::MESSAGE`):
/// `%`, carriage return and line feed are percent-encoded, as the runner
/// decodes them, so that a message cannot end the command or start another;
/// the other control characters and those that reorder text become visible
/// escapes as in [`terminal`].
pub fn github_message(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => push_visible(&mut out, c),
        }
    }
    disarm(out, "#\\u{23}[")
}

/// A property of a workflow command (`file=…`, `title=…`): as a message,
/// and `:` and `,` too, which end a property.
pub fn github_property(text: &str) -> String {
    github_message(text).replace(':', "%3A").replace(',', "%2C")
}

/// `text` with every `##[` (the marker of a CI runner's legacy workflow
/// commands, which the runner finds anywhere in a line) written as
/// `replacement`, which shows the same text.
fn disarm(text: String, replacement: &str) -> String {
    if text.contains("##[") {
        text.replace("##[", replacement)
    } else {
        text
    }
}

fn push_visible(out: &mut String, c: char) {
    if needs_escape(c) {
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
    } else {
        out.push(c);
    }
}

/// Whether `c` is shown as an escape rather than as itself: control
/// characters (C0, DEL and C1, line breaks and tabs included), the
/// characters that reorder text, and the noncharacters (U+FFFE, U+FFFF,
/// U+FDD0 to U+FDEF and the last two of every plane), which XML cannot hold
/// and a terminal has no glyph for.
pub fn needs_escape(c: char) -> bool {
    c.is_control() || reorders(c) || is_noncharacter(c)
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

fn is_noncharacter(c: char) -> bool {
    let c = u32::from(c);
    (0xfdd0..=0xfdef).contains(&c) || c & 0xfffe == 0xfffe
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
        assert_eq!(cut, format!("{}…{}\nend", "x".repeat(250), "x".repeat(250)));
    }

    #[test]
    fn a_long_line_keeps_its_reason() {
        // A path of 3,000 folders, then why it cannot be read.
        let path = "d/".repeat(3_000);
        let line = terminal_lines(&format!("error: cannot read `{path}x.toml`: no such file"));
        assert!(line.starts_with("error: cannot read `d/d/"), "{line}");
        assert!(line.ends_with("d/x.toml`: no such file"), "{line}");
        assert_eq!(line.chars().count(), MAX_MESSAGE_LINE + 1);
    }

    #[test]
    fn no_runner_command_survives() {
        assert_eq!(terminal("a\n::add-mask::x"), "a\\u{a}::add-mask::x");
        assert_eq!(terminal("##[add-mask]x"), "#\\u{23}[add-mask]x");
        assert_eq!(terminal("###[x]"), "##\\u{23}[x]");
        assert_eq!(csv("##[error]x"), "#\\u{23}[error]x");
        assert_eq!(xml("##[error]x"), "##&#91;error]x");
        assert!(!markdown("##[error]x").contains("##["));
        assert_eq!(
            github_message("x\u{1b}]0;title\u{7}\u{85}\u{2028}\u{202e}"),
            "x\\u{1b}]0;title\\u{7}\\u{85}\\u{2028}\\u{202e}"
        );
        assert_eq!(github_property("a\u{b}\u{c}"), "a\\u{b}\\u{c}");
    }

    #[test]
    fn xml_holds_only_its_characters() {
        assert_eq!(xml("a\u{fffe}b\u{ffff}"), "a\\u{fffe}b\\u{ffff}");
        assert_eq!(terminal("\u{1fffe}\u{fdd0}"), "\\u{1fffe}\\u{fdd0}");
        // Characters XML holds stay as they are.
        assert_eq!(xml("\u{fffd} 日本 🙂"), "\u{fffd} 日本 🙂");
    }

    #[test]
    fn markdown_links_mentions_and_references_are_broken() {
        let zw = ZERO_WIDTH_SPACE;
        assert_eq!(markdown("@org/team"), format!("@{zw}org/team"));
        assert_eq!(markdown("see #1"), format!("see #{zw}1"));
        assert_eq!(markdown("GH-12"), format!("GH{zw}-12"));
        assert_eq!(markdown("https://x.io"), format!("https:{zw}//x.io"));
        assert_eq!(markdown("WWW.x.io"), format!("WWW{zw}.x.io"));
        assert_eq!(markdown("a@b.io"), format!("a@{zw}b.io"));
        assert_eq!(markdown("~~x~~"), "\\~\\~x\\~\\~");
        assert_eq!(markdown("~~~"), "\\~\\~\\~");
        assert_eq!(markdown("- x"), "\\- x");
        assert_eq!(markdown("+ x"), "\\+ x");
        assert_eq!(markdown("12. x"), "12\\. x");
        assert_eq!(markdown("1) x"), "1\\) x");
        assert_eq!(markdown("&amp;"), "\\&amp;");
        // Text with none of these is left alone.
        assert_eq!(
            markdown("Kinesis 2.5 → Lambda: a-b"),
            "Kinesis 2.5 → Lambda: a-b"
        );
        assert_eq!(html("@x #2"), format!("@{zw}x #{zw}2"));
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
