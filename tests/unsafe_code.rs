//! Every crate of the workspace forbids `unsafe` code (issue 25): the library, the case
//! reports, the binary and the benchmarks. No dependency needs an exception: their own
//! `unsafe` is theirs, and `forbid` applies to the crate that says it. One crate has one
//! module of it: the Python module reads the Arrow C data interface's raw pointers in
//! `arrow_ffi.rs`; it denies `unsafe` everywhere else ([`EXCEPTIONS`]).

use std::path::{Path, PathBuf};

/// The root file of every library, binary and benchmark crate of the workspace.
fn crate_roots() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut roots = vec![root.join("src/main.rs"), root.join("src/lib.rs")];
    for member in std::fs::read_dir(root.join("crates")).unwrap() {
        let src = member.unwrap().path().join("src");
        roots.extend(
            ["lib.rs", "main.rs"]
                .iter()
                .map(|f| src.join(f))
                .filter(|p| p.is_file()),
        );
    }
    for bench in std::fs::read_dir(root.join("benches")).unwrap() {
        let p = bench.unwrap().path();
        if p.extension().is_some_and(|e| e == "rs") {
            roots.push(p);
        }
    }
    roots.sort();
    roots
}

/// Crate roots that deny rather than forbid `unsafe` code, and the one file of each crate
/// allowed to use it.
const EXCEPTIONS: &[(&str, &str)] = &[("crates/tthc-python/src/lib.rs", "arrow_ffi.rs")];

#[test]
fn the_exceptions_allow_unsafe_code_in_one_module_only() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (lib, module) in EXCEPTIONS {
        let lib = root.join(lib);
        let text = std::fs::read_to_string(&lib).unwrap();
        assert!(
            text.lines().any(|l| l.trim() == "#![deny(unsafe_code)]"),
            "{} does not deny unsafe code",
            lib.display()
        );
        let src = lib.parent().unwrap();
        for entry in std::fs::read_dir(src).unwrap() {
            let p = entry.unwrap().path();
            let text = std::fs::read_to_string(&p).unwrap();
            let allows = text.contains("allow(unsafe_code)");
            let is_module = p.file_name().is_some_and(|n| n == *module);
            assert_eq!(allows, is_module, "{}", p.display());
        }
    }
}

#[test]
fn every_crate_root_forbids_unsafe_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let roots: Vec<PathBuf> = crate_roots()
        .into_iter()
        .filter(|p| !EXCEPTIONS.iter().any(|(lib, _)| *p == root.join(lib)))
        .collect();
    assert!(roots.len() >= 4, "{roots:?}");
    let missing: Vec<String> = roots
        .iter()
        .filter(|p| {
            !std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .any(|l| l.trim() == "#![forbid(unsafe_code)]")
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "without #![forbid(unsafe_code)]: {missing:?}"
    );
}
