//! The architecture, read from the code's own `use` lines: every module belongs to one stage
//! of the pipeline (shared utilities → load → model → render → write → commands), imports only
//! from its own stage or earlier ones, and no files or folders import each other in a circle.
//! No folder or top-level file holds more than a fifth of `src/`, no file more than 700 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The stage of each top-level module of `src/`, in pipeline order (README, "Architecture").
const STAGES: &[(&str, &[&str])] = &[
    (
        "shared",
        &["language", "diagnostics", "text", "fingerprint", "cache"],
    ),
    ("load", &["config", "content", "data"]),
    ("model", &["model", "stats", "i18n"]),
    ("render", &["charts", "render", "pages", "report"]),
    ("write", &["output"]),
    (
        "commands",
        &[
            "check", "console", "scaffold", "serve", "publish", "lib", "main",
        ],
    ),
];

/// The largest share of `src/`'s lines one folder or top-level file may hold.
const MAX_SHARE: f64 = 0.20;

/// The most lines one file may have.
const MAX_FILE_LINES: usize = 700;

/// Files that are a table of data rather than code, and why they stay whole.
const DATA_TABLES: &[(&str, &str)] = &[(
    "diagnostics::catalogue",
    "the message catalogue: one table, one entry per message with a column per language",
)];

/// A source file: its module path (`["content", "markdown"]`; `["lib"]` for the crate root)
/// and its text without its unit tests.
struct Source {
    module: Vec<String>,
    text: String,
    lines: usize,
}

fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path.strip_prefix(&root).unwrap().with_extension("");
        let mut module: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if module.last().is_some_and(|m| m == "mod") && module.len() > 1 {
            module.pop();
        }
        let full = fs::read_to_string(path).unwrap();
        let lines = full.lines().count();
        let code = match full.find("#[cfg(test)]\nmod tests") {
            Some(at) => &full[..at],
            None => &full,
        };
        // Comments name modules in links without importing them.
        let text = code
            .lines()
            .map(|l| l.find("//").map_or(l, |at| &l[..at]))
            .collect::<Vec<_>>()
            .join("\n");
        found.push(Source {
            module,
            text,
            lines,
        });
    }
    found
}

/// The paths named by one `use` item, braces expanded: `a::{b, c::{d}}` → `a::b`, `a::c::d`.
fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        out.push(format!(
            "{prefix}{}",
            tree.split(" as ").next().unwrap().trim()
        ));
        return;
    };
    let head = &tree[..open];
    let Some(close) = tree.rfind('}') else { return };
    let inner = &tree[open + 1..close];
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                expand(&format!("{prefix}{head}"), &inner[start..i], out);
                start = i + 1;
            }
            _ => {}
        }
    }
    if !inner[start..].trim().is_empty() {
        expand(&format!("{prefix}{head}"), &inner[start..], out);
    }
}

/// The modules a file imports: `use crate::…`, `use super::…`, `use self::…` and uses of a
/// child module declared in it, plus `crate::…` paths written inline.
fn imports(source: &Source, modules: &BTreeSet<Vec<String>>) -> BTreeSet<Vec<String>> {
    let own = &source.module;
    let is_root = own == &["lib"] || own == &["main"];
    let parent: Vec<String> = if is_root {
        Vec::new()
    } else {
        own[..own.len() - 1].to_vec()
    };
    let here: Vec<String> = if is_root { Vec::new() } else { own.clone() };
    let children: BTreeSet<&str> = source
        .text
        .lines()
        .filter_map(|l| {
            let l = l
                .trim_start()
                .strip_prefix("pub ")
                .unwrap_or(l.trim_start());
            let l = l.strip_prefix("pub(crate) ").unwrap_or(l);
            l.strip_prefix("mod ")?.strip_suffix(';')
        })
        .collect();
    let mut paths = Vec::new();
    let text = &source.text;
    // `use` items start a line (after `pub` or `pub(crate)`) and end at the next `;`.
    let starts = text.match_indices('\n').map(|(i, _)| i + 1).chain([0]);
    for start in starts {
        let line = text[start..].trim_start_matches([' ', '\t']);
        let line = line.strip_prefix("pub ").unwrap_or(line);
        let line = line.strip_prefix("pub(crate) ").unwrap_or(line);
        let line = line.strip_prefix("pub(super) ").unwrap_or(line);
        let Some(rest) = line.strip_prefix("use ") else {
            continue;
        };
        let Some(end) = rest.find(';') else { continue };
        let item: String = rest[..end].split_whitespace().collect::<Vec<_>>().join(" ");
        let mut expanded = Vec::new();
        expand("", &item, &mut expanded);
        for path in expanded {
            let segments: Vec<&str> = path.split("::").map(str::trim).collect();
            let absolute: Vec<String> = match segments[0] {
                "crate" => segments[1..].iter().map(|s| s.to_string()).collect(),
                "super" => parent
                    .iter()
                    .cloned()
                    .chain(segments[1..].iter().map(|s| s.to_string()))
                    .collect(),
                "self" => here
                    .iter()
                    .cloned()
                    .chain(segments[1..].iter().map(|s| s.to_string()))
                    .collect(),
                first if children.contains(first) => here
                    .iter()
                    .cloned()
                    .chain(segments.iter().map(|s| s.to_string()))
                    .collect(),
                _ => continue,
            };
            paths.push(absolute);
        }
    }
    let mut rest = text.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + 7..];
        let path: Vec<String> = rest
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .next()
            .unwrap()
            .split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        paths.push(path);
    }
    let mut found = BTreeSet::new();
    for path in paths {
        // The longest prefix of the path that is a file of `src/`.
        if let Some(module) = (1..=path.len())
            .rev()
            .map(|n| path[..n].to_vec())
            .find(|m| modules.contains(m))
            && &module != own
        {
            found.insert(module);
        }
    }
    found
}

fn stage_of(module: &[String]) -> usize {
    STAGES
        .iter()
        .position(|(_, tops)| tops.contains(&module[0].as_str()))
        .unwrap_or_else(|| panic!("{} has no stage in STAGES", module.join("::")))
}

/// Groups of nodes that reach each other (strongly connected components of two or more).
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Kosaraju: order by finish time, then walk the reversed graph.
    let nodes: BTreeSet<&String> = edges.keys().chain(edges.values().flatten()).collect();
    let mut order = Vec::new();
    let mut seen = BTreeSet::new();
    for &start in &nodes {
        if !seen.insert(start) {
            continue;
        }
        let mut stack = vec![(
            start,
            edges.get(start).into_iter().flatten().collect::<Vec<_>>(),
        )];
        while let Some((node, next)) = stack.last_mut() {
            if let Some(n) = next.pop() {
                if seen.insert(n) {
                    stack.push((n, edges.get(n).into_iter().flatten().collect()));
                }
            } else {
                order.push(*node);
                stack.pop();
            }
        }
    }
    let mut reversed: BTreeMap<&String, Vec<&String>> = BTreeMap::new();
    for (from, tos) in edges {
        for to in tos {
            reversed.entry(to).or_default().push(from);
        }
    }
    let mut assigned = BTreeSet::new();
    let mut groups = Vec::new();
    for &root in order.iter().rev() {
        if !assigned.insert(root) {
            continue;
        }
        let mut group = vec![root.clone()];
        let mut stack = vec![root];
        while let Some(n) = stack.pop() {
            for &m in reversed.get(n).into_iter().flatten() {
                if assigned.insert(m) {
                    group.push(m.clone());
                    stack.push(m);
                }
            }
        }
        if group.len() > 1 {
            group.sort();
            groups.push(group);
        }
    }
    groups
}

#[test]
fn modules_import_only_from_their_stage_or_earlier_and_never_in_a_circle() {
    let sources = sources();
    let modules: BTreeSet<Vec<String>> = sources.iter().map(|s| s.module.clone()).collect();
    let mut upward = Vec::new();
    let mut files: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut folders: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for source in &sources {
        let from = source.module.join("::");
        for to in imports(source, &modules) {
            if stage_of(&to) > stage_of(&source.module) {
                upward.push(format!(
                    "{from} ({}) imports {} ({})",
                    STAGES[stage_of(&source.module)].0,
                    to.join("::"),
                    STAGES[stage_of(&to)].0
                ));
            }
            if to[0] != source.module[0] {
                folders
                    .entry(source.module[0].clone())
                    .or_default()
                    .insert(to[0].clone());
            }
            files.entry(from.clone()).or_default().insert(to.join("::"));
        }
    }
    // (imports from a later stage, files in a circle, folders in a circle)
    let none: (Vec<String>, Vec<Vec<String>>, Vec<Vec<String>>) = Default::default();
    assert_eq!((upward, cycles(&files), cycles(&folders)), none);
}

#[test]
fn no_folder_holds_more_than_a_fifth_of_the_code_and_no_file_more_than_700_lines() {
    let sources = sources();
    let total: usize = sources.iter().map(|s| s.lines).sum();
    let mut by_top: BTreeMap<&str, usize> = BTreeMap::new();
    let mut long = Vec::new();
    for source in &sources {
        *by_top.entry(&source.module[0]).or_default() += source.lines;
        let name = source.module.join("::");
        if source.lines > MAX_FILE_LINES && !DATA_TABLES.iter().any(|(table, _)| *table == name) {
            long.push(format!(
                "{}: {} lines",
                source.module.join("::"),
                source.lines
            ));
        }
    }
    let heavy: Vec<String> = by_top
        .iter()
        .filter(|&(_, &lines)| lines as f64 > MAX_SHARE * total as f64)
        .map(|(top, lines)| format!("{top}: {lines} of {total} lines"))
        .collect();
    // (folders over a fifth of src/, files over MAX_FILE_LINES)
    assert_eq!((heavy, long), Default::default());
}

/// The checks can fail: a made-up cycle and a made-up upward import are found.
#[test]
fn the_checks_find_a_circle_and_a_later_stage() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    edges.entry("a".into()).or_default().insert("b".into());
    edges.entry("b".into()).or_default().insert("c".into());
    edges.entry("c".into()).or_default().insert("a".into());
    edges.entry("c".into()).or_default().insert("d".into());
    assert_eq!(cycles(&edges), vec![vec!["a", "b", "c"]]);
    let modules: BTreeSet<Vec<String>> = [vec!["data".to_string()], vec!["render".to_string()]]
        .into_iter()
        .collect();
    let source = Source {
        module: vec!["data".into()],
        text: "use crate::render::{Renderer, views::Link};\nfn f() { super::x(); }".into(),
        lines: 2,
    };
    let found = imports(&source, &modules);
    assert_eq!(found, [vec!["render".to_string()]].into_iter().collect());
    assert!(stage_of(&["render".into()]) > stage_of(&["data".into()]));
}
