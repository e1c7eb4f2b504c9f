//! What every page shares: the document around the body, its style, the
//! escape for its text, and the fills that tell series apart.

use std::fmt::Write;

use crate::base::escape;

/// Text or an attribute value for HTML: `&`, `<`, `>`, `"` and `'` become
/// entities, and control characters and those that reorder text become
/// visible escapes.
pub fn esc(text: &str) -> String {
    escape::xml(text)
}

/// A sentence of calc's, escaped, with its `names` set as code: the words
/// between a pair of backticks, as every other format shows them.
pub fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut parts = text.split('`');
    if let Some(first) = parts.next() {
        out.push_str(&esc(first));
    }
    let rest: Vec<&str> = parts.collect();
    // An odd backtick left unpaired stays as it is.
    let pairs = rest.len() / 2 * 2;
    for (i, part) in rest.iter().enumerate() {
        if i >= pairs {
            out.push('`');
            out.push_str(&esc(part));
        } else if i % 2 == 0 {
            out.push_str("<code>");
            out.push_str(&esc(part));
            out.push_str("</code>");
        } else {
            out.push_str(&esc(part));
        }
    }
    out
}

/// Nothing is loaded: no script, font, image or frame, from anywhere;
/// the page's own `<style>` and inline SVG are all it has.
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
                      base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// A whole page: `title` (plain text) in the head, `body` (HTML) in the body.
pub fn page(title: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + STYLE.len() + 512);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <meta name=\"generator\" content=\"calc {}\"/>\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\">{}</svg>\n\
         {body}</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        esc(title),
        patterns(),
    );
    out
}

/// Colours that stay apart for the common kinds of colour blindness
/// (Okabe and Ito's), each also drawn with its own pattern.
pub(super) const PALETTE: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
];

/// The fill of the `i`-th series: its colour, with a hatch over every
/// other one so that two series never differ by colour alone.
pub fn fill(i: usize) -> String {
    format!("url(#p{})", i % PALETTE.len())
}

/// The patterns [`fill`] names, defined once a page (in a hidden SVG at
/// the top of its body) for every figure on it: a solid colour, then the
/// same colour under diagonal, horizontal or dotted marks.
fn patterns() -> String {
    let mut out = String::from("<defs>");
    for (i, colour) in PALETTE.iter().enumerate() {
        let mark = match i % 4 {
            0 => "",
            1 => "<path d=\"M0,8 L8,0\" stroke=\"#fff\" stroke-width=\"2\"/>",
            2 => "<path d=\"M0,4 L8,4\" stroke=\"#fff\" stroke-width=\"2\"/>",
            _ => "<circle cx=\"4\" cy=\"4\" r=\"1.6\" fill=\"#fff\"/>",
        };
        let _ = write!(
            out,
            "<pattern id=\"p{i}\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">\
             <rect width=\"8\" height=\"8\" fill=\"{colour}\"/>{mark}</pattern>"
        );
    }
    out.push_str("</defs>");
    out
}

/// A small square of the `i`-th series' fill, for a table row or a legend.
pub fn swatch(i: usize) -> String {
    format!(
        "<svg class=\"swatch\" width=\"14\" height=\"14\" viewBox=\"0 0 14 14\" aria-hidden=\"true\">\
         <rect width=\"14\" height=\"14\" fill=\"{}\" stroke=\"#333\"/></svg>",
        fill(i)
    )
}

/// Light, readable, narrow-screen and print friendly. Text colours keep a
/// contrast of at least 4.5:1 on their backgrounds (the lightest, the
/// muted grey #595959 on white, is 7:1).
const STYLE: &str = "\
:root{--ink:#1a1a1a;--muted:#595959;--line:#c8c8c8;--ok:#1b6e3a;--warn:#7a4f00;--fail:#a1001c;--accent:#0b57a4;--soft:#f4f6f8}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;color:var(--ink);background:#fff;margin:0 auto;max-width:75rem;padding:1rem}
h1{font-size:1.7rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.35rem;margin:2rem 0 .5rem;border-bottom:2px solid var(--line);padding-bottom:.2rem}
h3{font-size:1.1rem;margin:1.5rem 0 .3rem}
h1,h2,h3,p,li,td,th,dd,dt,figcaption,summary{overflow-wrap:break-word}
code{overflow-wrap:anywhere}
p{margin:.4rem 0}
.muted{color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem;font-size:.95rem}
th,td{border-bottom:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:var(--soft)}
.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.nowrap{white-space:nowrap}
caption{text-align:left;font-weight:600;padding:.2rem 0}
.ok{color:var(--ok)}.warning{color:var(--warn)}.fails{color:var(--fail)}
.badge{display:inline-block;border:1px solid currentColor;border-radius:.3rem;padding:0 .35rem;font-size:.8rem;margin-left:.3rem;white-space:nowrap}
.callout{border-left:.3rem solid var(--ok);background:#eef6f0;padding:.5rem .8rem;margin:.8rem 0}
.callout.none{border-color:var(--fail);background:#fbeef0}
ul.reasons{margin:.2rem 0;padding-left:1.1rem}
table.stack ul.reasons{flex-basis:100%;text-align:left}
figure{margin:1rem 0}
figure svg{display:block;max-width:100%;height:auto}
figcaption{color:var(--muted);font-size:.9rem;margin-top:.3rem}
svg.swatch{display:inline-block;vertical-align:-2px;margin-right:.35rem}
svg.defs{position:absolute;width:0;height:0;overflow:hidden}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.4rem 0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
details{margin:.4rem 0 1rem;border:1px solid var(--line);border-radius:.3rem;padding:.3rem .6rem}
summary{cursor:pointer;color:var(--accent);font-weight:600}
pre,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--soft);padding:.5rem;margin:.3rem 0}
.component{border-left:3px solid var(--line);padding-left:.8rem;margin-left:.1rem}
.component.failing{border-left-color:var(--fail)}
.component.warned{border-left-color:var(--warn)}
@media (max-width:40rem){
body{padding:.6rem;font-size:15px}
table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.stack,table.stack tbody,table.stack caption{display:block}
table.stack tr{display:block;border-bottom:1px solid var(--line);padding:.3rem 0}
table.stack td,table.stack th[scope=row]{display:flex;flex-wrap:wrap;justify-content:space-between;gap:0 1rem;border:0;padding:.1rem .2rem;text-align:right;background:none}
table.stack td>*{min-width:0;max-width:100%}
table.stack td,table.stack th{overflow-wrap:anywhere}
table.stack .n{white-space:normal}
table.stack td::before,table.stack th[scope=row]::before{content:attr(data-label);color:var(--muted);text-align:left;flex:none}
dl.facts{grid-template-columns:1fr}
dl.facts.capacity{grid-template-columns:minmax(0,max-content) auto}
dl.facts.capacity dt{overflow-wrap:anywhere}
}
@media print{
@page{size:A4;margin:14mm}
body{max-width:none;padding:0;font-size:10pt}
h2{break-after:avoid}
figure,table,.callout{break-inside:avoid}
summary{color:var(--ink)}
}
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_s_names_are_code_and_everything_else_is_escaped() {
        assert_eq!(
            prose("raise `auto_scaling_min` or set `x<y>`: a < b"),
            "raise <code>auto_scaling_min</code> or set <code>x&lt;y&gt;</code>: a &lt; b"
        );
        // A backtick without its pair stays a backtick.
        assert_eq!(prose("a `b` c `d"), "a <code>b</code> c `d");
        assert_eq!(prose("no names"), "no names");
        assert_eq!(prose("``"), "<code></code>");
    }

    #[test]
    fn a_page_loads_nothing_and_escapes_its_title() {
        let page = page("<script>alert(1)</script>", "<p>x</p>\n");
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(page.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
        assert!(page.contains("content=\"default-src 'none'; style-src 'unsafe-inline';"));
        assert!(!page.contains("<script"));
        assert!(!page.contains("http://") && !page.contains("https://"));
    }

    #[test]
    fn every_series_has_its_own_colour_or_pattern() {
        let fills: Vec<String> = (0..PALETTE.len()).map(fill).collect();
        for (i, a) in fills.iter().enumerate() {
            assert!(!fills[i + 1..].contains(a), "{a}");
        }
        assert_eq!(patterns().matches("<pattern ").count(), PALETTE.len());
    }
}
