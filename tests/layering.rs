//! Data flows one way (ARCHITECTURE.md), at two scales.
//!
//! Crates: the core (`tthc`) depends on no other crate of the workspace and on no async
//! runtime, HTTP, command-line, terminal-rendering, language-server or query-engine
//! crate, however indirectly (read from `cargo tree`); each front end (the Python module
//! too) depends on the core only; the `tthc` binary links the server and the language server, never the
//! report engine, which it runs as a program of its own.
//!
//! Modules: a module of the core may name only the modules of lower layers. This reads
//! every source file of `crates/tthc/src`, finds each top-level module it names
//! (`crate::x`, `crate::{x, y}`, `super::super::x`), and fails on a name that points up
//! or sideways, so the layering cannot erode silently. Comments are skipped: a doc may
//! mention where a caller lives.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Layers, lowest first. A module may name the modules of lower layers only.
const LAYERS: &[&[&str]] = &[
    &["days"],
    &["text"],
    &["fs"],
    &["datetime", "calendar", "syntax"],
    &["diagnostic"],
    &["model"],
    &["lifespan"],
    &["check", "format", "coverage"],
    &["deadline"],
    &["emit", "report"],
    &["bundled"],
    &["sources"],
    &["service"],
    &["examples"],
];

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/tthc/src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a file: `check/rules/tthc001.rs` → `[check, rules, tthc001]`,
/// `check/mod.rs` → `[check]`, `lib.rs` → `[]`.
fn module_path(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src()).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

/// The code of a file without comments (line comments, and doc comments with them).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| {
            let t = l.trim_start();
            if t.starts_with("//") {
                ""
            } else if let Some(i) = l.find(" //") {
                &l[..i]
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// Every top-level module named through `crate::`.
fn crate_names(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let before = code[..i].chars().last();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a::X, b}`: the names at the group's first level.
            let (mut depth, mut start) = (1usize, true);
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => start = true,
                    c if c.is_whitespace() => {}
                    _ if start && depth == 1 => {
                        out.insert(ident_at(&group[j..]).to_string());
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name = ident_at(rest);
            if !name.is_empty() {
                out.insert(name.to_string());
            }
        }
    }
    out
}

/// Every top-level module reached through `super::` chains that climb to the crate root.
fn super_names(code: &str, path: &[String]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("super::") {
        let mut tail = &rest[i..];
        let mut ups = 0;
        while let Some(t) = tail.strip_prefix("super::") {
            ups += 1;
            tail = t;
        }
        if ups <= path.len() {
            let base = &path[..path.len() - ups];
            let name = ident_at(tail);
            let top = base.first().map(String::as_str).unwrap_or(name);
            if !top.is_empty() {
                out.insert(top.to_string());
            }
        }
        rest = &rest[i + ups * "super::".len()..];
    }
    out
}

/// Module → the other top-level modules it names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let path = module_path(&f);
        let Some(top) = path.first().cloned() else {
            continue; // lib.rs declares the modules
        };
        let c = code(&std::fs::read_to_string(&f).unwrap());
        let names: BTreeSet<String> = crate_names(&c)
            .into_iter()
            .chain(super_names(&c, &path))
            .filter(|n| *n != top)
            .collect();
        g.entry(top).or_default().extend(names);
    }
    g
}

#[test]
fn every_module_is_in_a_layer() {
    for module in graph().keys() {
        assert!(
            rank(module).is_some(),
            "`{module}` is in no layer: add it to LAYERS in tests/layering.rs and ARCHITECTURE.md"
        );
    }
}

#[test]
fn no_module_names_one_of_its_own_or_a_higher_layer() {
    let mut wrong = Vec::new();
    for (module, names) in graph() {
        let Some(r) = rank(&module) else { continue };
        for n in names {
            match rank(&n) {
                Some(rn) if rn < r => {}
                Some(_) => wrong.push(format!("{module} names {n}")),
                None => {} // an external crate or a prelude item
            }
        }
    }
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
}

#[test]
fn the_engine_and_the_language_name_no_tool() {
    let g = graph();
    for low in ["syntax", "calendar", "deadline", "days"] {
        let names = g.get(low).cloned().unwrap_or_default();
        for high in ["check", "emit", "report", "service", "sources"] {
            assert!(!names.contains(high), "{low} names {high}");
        }
    }
}

#[test]
fn the_scanner_sees_what_it_must() {
    let c =
        code("use crate::{a::X, b::{c, d}, e};\n// crate::f\nlet x = crate::g::h(); // crate::i\n");
    assert_eq!(
        crate_names(&c),
        ["a", "b", "e", "g"].iter().map(|s| s.to_string()).collect()
    );
    let path = vec!["check".to_string(), "rules".to_string(), "x".to_string()];
    assert_eq!(
        super_names("use super::super::super::emit::y;\nuse super::Rule;", &path),
        ["check", "emit"].iter().map(|s| s.to_string()).collect()
    );
}

/// Module-internal cycles within the server make its handlers hard to change one at a
/// time.
#[test]
fn server_modules_have_no_import_cycle() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/tthc-server/src");
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    let subs: BTreeSet<String> = files
        .iter()
        .map(|f| f.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|s| s != "lib")
        .collect();
    for f in &files {
        let me = f.file_stem().unwrap().to_string_lossy().into_owned();
        if me == "lib" {
            continue; // the router names every handler; nothing names it back
        }
        let c = code(&std::fs::read_to_string(f).unwrap());
        let mut names = BTreeSet::new();
        for prefix in ["super::", "crate::"] {
            for (i, _) in c.match_indices(prefix) {
                let n = ident_at(&c[i + prefix.len()..]).to_string();
                if subs.contains(&n) && n != me {
                    names.insert(n);
                }
            }
        }
        edges.insert(me, names);
    }
    // Depth-first search for a back edge.
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|s| s == n) {
            let mut cycle = stack[i..].to_vec();
            cycle.push(n.to_string());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        stack.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, edges, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for n in edges.keys() {
        if let Some(cycle) = visit(n, &edges, &mut Vec::new(), &mut done) {
            panic!("import cycle in the server: {}", cycle.join(" → "));
        }
    }
}

/// The workspace crates a crate's manifest depends on (normal dependencies).
fn workspace_dependencies(manifest: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(manifest))
        .unwrap_or_else(|e| panic!("{manifest}: {e}"));
    let mut out = BTreeSet::new();
    let mut in_deps = false;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            in_deps = t == "[dependencies]";
            continue;
        }
        if in_deps && let Some((name, _)) = t.split_once('=') {
            let name = name.trim().trim_end_matches(".workspace");
            if name == "tthc" || name.starts_with("tthc-") {
                out.insert(name.to_string());
            }
        }
    }
    out
}

#[test]
fn crates_depend_downwards_only() {
    let allowed: &[(&str, &[&str])] = &[
        ("crates/tthc/Cargo.toml", &[]),
        ("crates/tthc-server/Cargo.toml", &["tthc"]),
        ("crates/tthc-lsp/Cargo.toml", &["tthc"]),
        ("crates/tthc-report/Cargo.toml", &["tthc"]),
        ("crates/tthc-python/Cargo.toml", &["tthc"]),
        // The binary links what `serve` and `lsp` need, never the report engine: it runs
        // `tthc-report` as a program (src/cli/external.rs).
        ("Cargo.toml", &["tthc", "tthc-server", "tthc-lsp"]),
    ];
    for (manifest, may) in allowed {
        let deps = workspace_dependencies(manifest);
        let may: BTreeSet<String> = may.iter().map(|s| s.to_string()).collect();
        assert_eq!(deps, may, "{manifest} depends on these workspace crates");
    }
}

/// The packages `cargo tree` lists for a crate's normal dependencies, without the crate.
fn dependency_closure(package: &str) -> BTreeSet<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "--locked",
            "-p",
            package,
            "-e",
            "normal",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs cargo tree");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != package)
        .map(str::to_string)
        .collect()
}

#[test]
fn the_core_pulls_in_no_runtime_server_cli_terminal_lsp_or_query_engine() {
    let closure = dependency_closure("tthc");
    let forbidden = [
        "tokio",
        "axum",
        "hyper",
        "tower",
        "tower-http",
        "clap",
        "miette",
        "owo-colors",
        "lsp-server",
        "lsp-types",
        "datafusion",
        "arrow",
        "parquet",
        "tthc-server",
        "tthc-lsp",
        "tthc-report",
        "tthc-python",
        "pyo3",
    ];
    let found: Vec<&str> = forbidden
        .iter()
        .copied()
        .filter(|f| closure.contains(*f))
        .collect();
    assert!(found.is_empty(), "the core pulls in {found:?}");
    // Neither may the front ends pull in each other.
    for front in ["tthc-server", "tthc-lsp"] {
        let c = dependency_closure(front);
        for other in ["tthc-server", "tthc-lsp", "tthc-report", "datafusion"] {
            assert!(!c.contains(other), "{front} pulls in {other}");
        }
    }
    // The Python module embeds the engine only: no runtime, server, CLI or query engine.
    let python = dependency_closure("tthc-python");
    for heavy in [
        "tokio",
        "axum",
        "hyper",
        "clap",
        "miette",
        "lsp-server",
        "datafusion",
        "arrow",
    ] {
        assert!(!python.contains(heavy), "tthc-python pulls in {heavy}");
    }
    let lean = dependency_closure("tthc-cli");
    assert!(
        !lean.contains("datafusion"),
        "the tthc binary pulls in DataFusion"
    );
}
