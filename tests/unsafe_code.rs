//! Every crate of the workspace forbids `unsafe` code (issue 25): the library, the case
//! reports, the binary and the benchmarks. No dependency needs an exception: their own
//! `unsafe` is theirs, and `forbid` applies to the crate that says it.

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

#[test]
fn every_crate_root_forbids_unsafe_code() {
    let roots = crate_roots();
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
