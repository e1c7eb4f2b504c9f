//! The design-review page in a real browser: headless Chromium renders
//! every bundled scenario's page at a phone's width and a desktop's, and
//! the browser's own layout says whether every figure is shown and nothing
//! spills out sideways; its network log says whether anything was fetched;
//! it prints the page to PDF and takes screenshots.
//!
//! Without a browser these tests say so and pass, except under `CI=true`,
//! where a missing browser fails them (`.ci/run` installs Debian's
//! `chromium`). `CALC_BROWSER` names another binary.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{TempFolder, accepted, calc_json, dollars};

/// The browser to run, if there is one.
fn browser() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("CALC_BROWSER") {
        return Some(PathBuf::from(named));
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
    .find(|candidate| candidate.is_file())
}

/// The browser, or `None` when there is none and none is required.
fn required_browser() -> Option<PathBuf> {
    let found = browser();
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "no browser: install Debian's `chromium`, or name one with CALC_BROWSER"
        );
        eprintln!("no browser found: the page's checks in a browser are skipped");
    }
    found
}

/// Runs the browser headless on `url` with `args`, in a profile of its own
/// under `folder`, with every host name unresolvable and Chromium's own
/// background traffic off, so that whatever the network log holds came
/// from the page.
fn run(browser: &Path, folder: &TempFolder, profile: &str, args: &[&str], url: &str) -> String {
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pings",
            "--disable-default-apps",
            "--disable-domain-reliability",
            "--disable-features=Translate,OptimizationHints,MediaRouter",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--timeout=30000",
            &format!("--user-data-dir={}/{profile}", folder.path()),
        ])
        .args(args)
        .arg(url)
        .output()
        .expect("the browser runs");
    assert!(
        output.status.success(),
        "the browser failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn url(path: &str) -> String {
    format!("file://{path}")
}

/// The text between `begin` and `end` in `dom`, entities decoded.
fn between(dom: &str, begin: &str, end: &str) -> String {
    let start = dom.find(begin).map(|i| i + begin.len()).unwrap_or_else(|| {
        panic!(
            "no {begin} in the page the browser rendered:\n{}",
            &dom[..dom.len().min(2000)]
        )
    });
    let stop = dom[start..].find(end).expect("an end") + start;
    dom[start..stop]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// A page that shows `page` in a frame `width` pixels wide (a browser
/// window is no narrower than 500 px) and, once it has loaded, writes what
/// the browser laid out: how wide the frame's document is against its
/// viewport, each element that reaches past the viewport's right edge
/// (unless a box that fits clips it), and the text a reader sees. The page keeps its own policy: the measuring
/// script is the frame's parent's.
fn measured(page: &str, width: u32) -> String {
    let srcdoc = page
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>body{{margin:0}}\
         iframe{{border:0;width:{width}px;height:40000px}}</style></head><body>\
         <iframe id=\"page\" srcdoc=\"{srcdoc}\"></iframe><script>\
         document.getElementById('page').addEventListener('load', function () {{\
           var d = this.contentDocument, w = d.documentElement.clientWidth, wide = [];\
           var clipped = function (e) {{\
             for (var a = e.parentElement; a; a = a.parentElement) {{\
               if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= w + 1) return true;\
             }}\
             return false;\
           }};\
           d.querySelectorAll('body *').forEach(function (e) {{\
             var r = e.getBoundingClientRect();\
             if (r.width > 0 && r.right > w + 1 && !clipped(e)) wide.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right));\
           }});\
           var out = document.createElement('pre');\
           out.textContent = '[[width ' + w + ' scroll ' + d.documentElement.scrollWidth +\
             ']][[wide ' + wide.slice(0, 10).join(', ') + ']][[text ' + d.body.innerText + ']]';\
           document.body.appendChild(out);\
         }});</script></body></html>"
    )
}

fn scenarios() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir("scenarios")
        .expect("the bundled scenarios")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .map(|path| path.to_str().expect("UTF-8").to_string())
        .collect();
    files.sort();
    files
}

#[test]
fn every_page_shows_its_figures_and_fits_a_phone_and_a_desktop() {
    let Some(browser) = required_browser() else {
        return;
    };
    let folder = TempFolder::new();
    let files = scenarios();
    assert!(files.len() > 10, "{files:?}");
    // Two at a time: the machines this runs on have two cores or more.
    std::thread::scope(|scope| {
        for chunk in files.chunks(files.len().div_ceil(2)) {
            let (browser, folder) = (&browser, &folder);
            scope.spawn(move || {
                for file in chunk {
                    check_page(browser, folder, file);
                }
            });
        }
    });
}

fn check_page(browser: &Path, folder: &TempFolder, file: &str) {
    let page = accepted(&[file, "--format", "html"]);
    let report = calc_json(&[file]);
    let name = Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("a name");
    for width in [390, 1440] {
        let harness = folder.write(&format!("{name}-{width}.html"), &measured(&page, width));
        let dom = run(
            browser,
            folder,
            &format!("{name}-{width}"),
            &[
                &format!("--window-size={},1200", width.max(500) + 40),
                "--virtual-time-budget=5000",
                "--dump-dom",
            ],
            &url(&harness),
        );
        // What the script wrote, after the script itself.
        let dom = &dom[dom.rfind("<pre>").expect("the measurements")..];
        let viewport = between(dom, "[[width ", " scroll");
        let scroll = between(dom, " scroll ", "]]");
        assert_eq!(viewport, width.to_string(), "{file}: the frame's width");
        let wide = between(dom, "[[wide ", "]]");
        assert!(
            wide.is_empty(),
            "{file} at {width} px: past the right edge: {wide}"
        );
        assert_eq!(
            scroll, viewport,
            "{file} at {width} px is wider than its viewport"
        );
        let text = between(dom, "[[text ", "]]");
        for alternative in report["alternatives"].as_array().expect("alternatives") {
            let cost = dollars(&alternative["monthly_cost"]);
            assert!(
                text.contains(&cost),
                "{file} at {width} px: {cost} is not shown"
            );
            for component in alternative["components"].as_array().expect("components") {
                for item in component["line_items"].as_array().expect("items") {
                    let cost = dollars(&item["monthly_cost"]);
                    assert!(
                        text.contains(&cost),
                        "{file} at {width} px: {cost} is not shown"
                    );
                }
            }
        }
    }
}

/// The addresses the page asked for, from the browser's network log: the
/// requests a page's own loader makes (Chromium's traffic annotation for
/// it), not Chromium's.
fn requested(browser: &Path, folder: &TempFolder, name: &str, page: &str) -> Vec<String> {
    let log = format!("{}/{name}-net.json", folder.path());
    run(
        browser,
        folder,
        &format!("{name}-net"),
        &[
            &format!("--log-net-log={log}"),
            "--virtual-time-budget=3000",
            "--dump-dom",
        ],
        &url(page),
    );
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&log).expect("a network log")).expect("JSON");
    /// `blink_resource_loader`: what a page loads, as Chromium annotates it.
    const PAGE_LOADS: u64 = 101_845_102;
    let mut urls: Vec<String> = log["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["params"]["traffic_annotation"].as_u64() == Some(PAGE_LOADS))
        .filter_map(|e| e["params"]["url"].as_str().map(str::to_string))
        .filter(|u| !u.starts_with("file:") && !u.starts_with("data:"))
        .collect();
    urls.dedup();
    urls
}

#[test]
fn the_page_fetches_nothing_and_prints() {
    let Some(browser) = required_browser() else {
        return;
    };
    let folder = TempFolder::new();
    // A page that does fetch something is caught: the check can fail.
    let leak = folder.write(
        "leak.html",
        "<!DOCTYPE html><html><body><img src=\"http://calc.invalid/x.png\" alt=\"\"></body></html>",
    );
    assert_eq!(
        requested(&browser, &folder, "leak", &leak),
        ["http://calc.invalid/x.png"]
    );
    let page = folder.write(
        "seed.html",
        &accepted(&["scenarios/kinesis-vs-dynamodb.toml", "--format", "html"]),
    );
    assert_eq!(
        requested(&browser, &folder, "seed", &page),
        Vec::<String>::new()
    );

    // It prints to PDF, on A4 pages.
    let pdf = format!("{}/seed.pdf", folder.path());
    run(
        &browser,
        &folder,
        "seed-pdf",
        &["--no-pdf-header-footer", &format!("--print-to-pdf={pdf}")],
        &url(&page),
    );
    let bytes = std::fs::read(&pdf).expect("a PDF");
    assert!(bytes.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&bytes);
    let pages = text.matches("/Type /Page\n").count()
        + text.matches("/Type /Page\r").count()
        + text.matches("/Type /Page/").count()
        + text.matches("/Type /Page>").count()
        + text.matches("/Type /Page ").count();
    assert!(pages >= 2, "{pages} pages");
    // A4 is 595 × 842 points.
    assert!(
        text.contains("/MediaBox [0 0 594.95996 841.91998]"),
        "not A4"
    );

    // Screenshots at a phone's width and a desktop's, kept for a person to
    // look at.
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pages");
    std::fs::create_dir_all(&shots).expect("a folder for screenshots");
    let page_text = std::fs::read_to_string(&page).expect("the page");
    for width in [390_u32, 1440] {
        let harness = folder.write(&format!("shot-{width}.html"), &measured(&page_text, width));
        let shot = shots.join(format!("kinesis-vs-dynamodb-{width}.png"));
        run(
            &browser,
            &folder,
            &format!("shot-{width}"),
            &[
                &format!("--window-size={},3000", width.max(500) + 40),
                "--hide-scrollbars",
                &format!("--screenshot={}", shot.display()),
            ],
            &url(&harness),
        );
        let png = std::fs::read(&shot).expect("a screenshot");
        assert!(
            png.starts_with(b"\x89PNG") && png.len() > 20_000,
            "{}",
            shot.display()
        );
    }
}

#[test]
fn a_hostile_page_runs_nothing_in_the_browser() {
    let Some(browser) = required_browser() else {
        return;
    };
    let folder = TempFolder::new();
    let scenario = folder.write(
        "hostile.toml",
        "name = \"<script>document.title='ran'</script>\"\n\
         [workload]\nrecords_per_second = 10\nrecord_size = \"1 KB\"\n\
         [[alternatives]]\nname = \"</svg></title><img src=x onerror=\\\"document.title='ran'\\\">\"\n\
         components = [{ service = \"sqs\" }]\n\
         [[alternatives]]\nname = \"\\\" onload=\\\"document.title='ran'\"\n\
         components = [{ service = \"sqs\" }]\n",
    );
    let page = folder.write("hostile.html", &accepted(&[&scenario, "--format", "html"]));
    let dom = run(
        &browser,
        &folder,
        "hostile",
        &["--virtual-time-budget=3000", "--dump-dom"],
        &url(&page),
    );
    assert!(!dom.contains("<script"), "a script element in the page");
    assert!(!dom.contains("<img"), "an image element in the page");
    assert!(
        dom.contains("<title>&lt;script&gt;document.title='ran'&lt;/script&gt;</title>"),
        "{}",
        &dom[..dom.len().min(1500)]
    );
    assert!(
        dom.contains(
            "&lt;/svg&gt;&lt;/title&gt;&lt;img src=x onerror=\"document.title='ran'\"&gt;"
        )
    );
}
