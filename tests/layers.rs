//! The house in floors: each top-level module imports only from its own
//! floor or below, and no files (nor top-level modules, a folder counted as
//! one) import each other in a circle. Read from the `crate::` and `super::`
//! paths of `src/`, in `use` lines and inline. A module's tests in a file of
//! their own (`tests.rs`) keep to its floor too; inline test modules and the
//! services' shared `testing.rs` helpers are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The floors, from the ground up (`lib.rs` documents them).
const FLOORS: &[(&str, u8)] = &[
    ("base", 1),
    ("model", 2),
    ("pricing", 3),
    ("services", 4),
    ("scenario", 5),
    ("evaluate", 6),
    ("whatif", 6),
    ("commands", 7),
    ("render", 8),
    ("cli", 9),
    ("", 9),
];

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            // The services' test helpers are left out, as inline test
            // modules are.
            let stem = path.file_stem().and_then(|s| s.to_str());
            if !matches!(stem, Some("testing")) {
                out.push(path);
            }
        }
    }
}

/// The module a file is: `services/kit/bill.rs` is `services::kit::bill`.
fn module_of(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The file's text without its test module, which may import anything.
fn without_tests(text: &str) -> &str {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim() == "#[cfg(test)]" {
            let rest = &text[at + line.len()..];
            let next = rest.lines().next().unwrap_or("").trim_start();
            if next.starts_with("mod ") || next.starts_with("pub mod ") {
                return &text[..at];
            }
        }
        at += line.len();
    }
    text
}

/// Every path the text names from `crate::` or `super::`, as segments
/// (`super` resolved against `module`: its parent), with `use` groups
/// expanded.
fn paths(text: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let rest = &text[i..];
        let starts_word = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        let base = if starts_word && rest.starts_with("crate::") {
            Some((Vec::new(), 7))
        } else if starts_word && rest.starts_with("super::") {
            let mut parent = module.to_vec();
            parent.pop();
            let mut skip = 7;
            while text[i + skip..].starts_with("super::") {
                parent.pop();
                skip += 7;
            }
            Some((parent, skip))
        } else {
            None
        };
        let Some((prefix, skip)) = base else {
            i += 1;
            continue;
        };
        let (tree, length) = use_tree(&text[i + skip..]);
        for tail in expand(&tree) {
            let mut path = prefix.clone();
            path.extend(tail);
            found.push(path);
        }
        i += skip + length.max(1);
    }
    found
}

/// Every path the text names through a module it declares (`mod kit;`,
/// then `kit::Ctx` or `use kit::{…}`), as segments from the crate's root.
fn child_paths(text: &str, module: &[String]) -> Vec<Vec<String>> {
    let children: Vec<&str> = text
        .lines()
        .filter_map(|line| {
            let line = line
                .trim_start()
                .strip_prefix("pub ")
                .unwrap_or(line.trim_start());
            line.strip_prefix("mod ")?.strip_suffix(';')
        })
        .collect();
    let mut found = Vec::new();
    for child in children {
        let marker = format!("{child}::");
        for (at, _) in text.match_indices(&marker) {
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let (tree, _) = use_tree(&text[at..]);
            for tail in expand(&tree) {
                let mut path = module.to_vec();
                path.extend(tail);
                found.push(path);
            }
        }
    }
    found
}

/// The path or `use` tree at the start of `text`, and its length.
fn use_tree(text: &str) -> (String, usize) {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return (text[..i].to_string(), i),
            '}' => depth -= 1,
            c if depth == 0 && !(c.is_alphanumeric() || c == '_' || c == ':') => {
                return (text[..i].to_string(), i);
            }
            _ => {}
        }
    }
    (text.to_string(), text.len())
}

/// `a::{b, c::{d}}` as `[a, b]`, `[a, c, d]`.
fn expand(tree: &str) -> Vec<Vec<String>> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let segments = tree
            .split("::")
            .map(str::trim)
            .filter(|s| !s.is_empty() && *s != "self" && *s != "*")
            .map(|s| s.split_whitespace().next().unwrap_or(s).to_string())
            .collect();
        return vec![segments];
    };
    let head: Vec<String> = tree[..open]
        .split("::")
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().to_string())
        .collect();
    let body = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let (mut parts, mut current, mut depth) = (Vec::new(), String::new(), 0);
    for c in body.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    parts.push(current);
    let mut out = Vec::new();
    for part in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        let part = part.split(" as ").next().unwrap_or(part);
        for tail in expand(part) {
            let mut path = head.clone();
            path.extend(tail);
            out.push(path);
        }
    }
    out
}

/// The graph of files: each file and the files whose modules it names.
fn graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let modules: BTreeMap<Vec<String>, PathBuf> = files
        .iter()
        .map(|f| {
            (
                module_of(f.strip_prefix(&root).expect("under src")),
                f.clone(),
            )
        })
        .collect();
    let mut edges = BTreeMap::new();
    for (module, file) in &modules {
        let text = std::fs::read_to_string(file).expect("a source file");
        let mut targets = BTreeSet::new();
        let code = without_tests(&text);
        for path in paths(code, module)
            .into_iter()
            .chain(child_paths(code, module))
        {
            // The longest prefix that is a file is the module it names.
            let target = (1..=path.len())
                .rev()
                .map(|n| path[..n].to_vec())
                .find(|prefix| modules.contains_key(prefix));
            if let Some(target) = target
                && target != *module
            {
                targets.insert(target);
            }
        }
        edges.insert(module.clone(), targets);
    }
    edges
}

/// The strongly connected parts of a graph with more than one node.
fn circles<T: Ord + Clone>(edges: &BTreeMap<T, BTreeSet<T>>) -> Vec<Vec<T>> {
    // Which nodes each node reaches, then the nodes that reach each other.
    let reach = |from: &T| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(node) = stack.pop() {
            for next in edges.get(&node).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&T, BTreeSet<T>> = edges.keys().map(|n| (n, reach(n))).collect();
    let mut found: Vec<Vec<T>> = Vec::new();
    for node in edges.keys() {
        let circle: Vec<T> = reached[node]
            .iter()
            .filter(|other| reached.get(other).is_some_and(|r| r.contains(node)))
            .cloned()
            .collect();
        if circle.len() > 1 && !found.iter().any(|c| c.contains(node)) {
            found.push(circle);
        }
    }
    found
}

fn floor(module: &[String]) -> u8 {
    let top = module.first().map_or("", String::as_str);
    FLOORS
        .iter()
        .find(|(name, _)| *name == top)
        .map(|(_, floor)| *floor)
        .unwrap_or_else(|| panic!("`{top}` is on no floor: add it to FLOORS and to lib.rs"))
}

#[test]
fn no_files_import_each_other_in_a_circle() {
    let edges = graph();
    assert!(edges.len() > 80, "only {} files read", edges.len());
    let found = circles(&edges);
    assert!(found.is_empty(), "circles of files: {found:?}");
}

#[test]
fn no_top_level_modules_import_each_other_in_a_circle() {
    let mut top: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, targets) in graph() {
        let from_top = from.first().cloned().unwrap_or_default();
        let entry = top.entry(from_top.clone()).or_default();
        for target in targets {
            let to_top = target.first().cloned().unwrap_or_default();
            if to_top != from_top {
                entry.insert(to_top);
            }
        }
    }
    let found = circles(&top);
    assert!(found.is_empty(), "circles of top-level modules: {found:?}");
}

#[test]
fn every_module_imports_from_its_floor_or_below() {
    let mut upward = Vec::new();
    for (from, targets) in graph() {
        for target in targets {
            if floor(&target) > floor(&from) {
                upward.push(format!("{} -> {}", from.join("::"), target.join("::")));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports from a floor above:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_scanner_finds_circles_and_upward_imports() {
    // A test of the test: the reading of paths, and a circle found.
    let module = vec![
        "services".to_string(),
        "kit".to_string(),
        "bill".to_string(),
    ];
    let found = paths(
        "use super::ctx::{Ctx, EvalError};\nuse crate::model::{keys::Value, report};\nlet x = crate::base::number::cents(y);",
        &module,
    );
    let names: Vec<String> = found.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        names,
        [
            "services::kit::ctx::Ctx",
            "services::kit::ctx::EvalError",
            "model::keys::Value",
            "model::report",
            "base::number::cents"
        ]
    );
    let declared = child_paths(
        "mod kit;\npub use kit::{ServiceDef, ctx::Ctx};\nlet x = registry::ALL;",
        &["services".to_string()],
    );
    let names: Vec<String> = declared.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        names,
        ["services::kit::ServiceDef", "services::kit::ctx::Ctx"]
    );
    let node = |s: &str| s.to_string();
    let edges: BTreeMap<String, BTreeSet<String>> = [
        (node("a"), [node("b")].into()),
        (node("b"), [node("a")].into()),
        (node("c"), [node("a")].into()),
    ]
    .into();
    assert_eq!(circles(&edges), [vec![node("a"), node("b")]]);
    assert_eq!(floor(&[node("render")]), 8);
    assert_eq!(
        without_tests("fn a() {}\n#[cfg(test)]\nmod tests {\n use crate::x;\n}\n"),
        "fn a() {}\n"
    );
}

/// The services' names, from the `pub mod` lines that register them.
fn service_names() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/services/mod.rs");
    let text = std::fs::read_to_string(root).expect("services/mod.rs");
    text.lines()
        .filter_map(|line| line.strip_prefix("pub mod ")?.strip_suffix(';'))
        .filter(|name| !matches!(*name, "kit" | "registry"))
        .map(str::to_string)
        .collect()
}

/// The lines of code in `text` that name `name` as a word of its own, in
/// any case, comments left out.
fn naming<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    let name = name.to_ascii_lowercase();
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .filter(|line| {
            let code = line
                .split(" // ")
                .next()
                .unwrap_or(line)
                .to_ascii_lowercase();
            code.match_indices(&name).any(|(at, _)| {
                let word =
                    |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
                !word(code[..at].chars().next_back())
                    && !word(code[at + name.len()..].chars().next())
            })
        })
        .collect()
}

#[test]
fn outside_its_folder_no_code_names_a_service() {
    // A service is its file and its registration line: the code of the
    // other floors reaches it through the registry, never by name.
    // Comments may name one as an example; generated tables are data.
    let names = service_names();
    assert!(names.len() >= 21, "only {} services read", names.len());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let mut found = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&root).expect("under src");
        if relative.starts_with("services") || relative == Path::new("pricing/tables.rs") {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("a source file");
        for name in &names {
            for line in naming(without_tests(&text), name) {
                found.push(format!(
                    "{}: `{name}` in {}",
                    relative.display(),
                    line.trim()
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "services named outside their folder:\n{}",
        found.join("\n")
    );
}

#[test]
fn a_name_is_found_as_a_word_in_code_only() {
    let text =
        "// SQS here is a comment\nlet q = \"sqs\"; // sqs\nlet sqs_queue = 1;\nlet s = Sqs;";
    assert_eq!(
        naming(text, "sqs"),
        ["let q = \"sqs\"; // sqs", "let s = Sqs;"]
    );
}
