//! Which catalogue a command works on, and what `tthc build` may never touch: the
//! catalogue it read, a folder it did not write, a file someone put in its output.

mod common;

use std::path::{Path, PathBuf};

use common::tthc_in;

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tthc-sources-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A working copy: the bundled catalogue under `procedures/`, nothing else.
fn working_copy(name: &str) -> PathBuf {
    let d = temp_dir(name);
    common::copy_dir(&repo().join("procedures"), &d.join("procedures"));
    d
}

/// Every file under `dir` with its contents, to compare before and after.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// A date the bundled decision covers in full (its district items lapse on 2025-07-01,
/// which tests/coverage.rs covers): these tests are about which findings are shown.
const AT: &str = "2025-06-30";

const B16: &str = "procedures/1086-QD-UBND/b16-cap-giay-xac-nhan-tinh-trang-hon-nhan.tthc";

fn misspell_a_role(copy: &Path) {
    let p = copy.join(B16);
    let t = std::fs::read_to_string(&p).unwrap();
    let broken = t.replacen("by commune-leader", "by commune-leadr", 1);
    assert_ne!(t, broken, "the fixture has a role to misspell");
    std::fs::write(&p, broken).unwrap();
}

#[test]
fn plain_check_checks_the_working_copy_and_says_so() {
    let copy = working_copy("plain-check");
    misspell_a_role(&copy);
    let o = tthc_in(&copy, &["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stdout));
    assert!(
        text(&o.stdout).contains("commune-leadr"),
        "{}",
        text(&o.stdout)
    );
    assert!(
        text(&o.stderr).contains("using the catalogue in procedures"),
        "{}",
        text(&o.stderr)
    );
    let o = tthc_in(&copy, &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["catalogue"],
        serde_json::json!({"origin": "folder", "path": "procedures"})
    );
    // Away from a working copy, the bundled catalogue is used, and that is said too.
    let elsewhere = temp_dir("plain-check-elsewhere");
    let o = tthc_in(&elsewhere, &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["catalogue"], serde_json::json!({"origin": "bundled"}));
    assert_eq!(v["procedures"], 37);
    let o = tthc_in(&elsewhere, &["check"]);
    assert!(
        text(&o.stderr).contains("using the bundled catalogue"),
        "{}",
        text(&o.stderr)
    );
    let _ = std::fs::remove_dir_all(&copy);
    let _ = std::fs::remove_dir_all(&elsewhere);
}

#[test]
fn build_due_and_serve_use_the_working_copy_too() {
    let copy = working_copy("plain-others");
    misspell_a_role(&copy);
    let out = copy.join("build");
    let o = tthc_in(&copy, &["build", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(!out.exists(), "a catalogue with errors builds nothing");
    let o = tthc_in(
        &copy,
        &["due", "dang-ky-khai-sinh", "--received", "2024-06-03 09:00"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("commune-leadr"),
        "{}",
        text(&o.stderr)
    );
    let o = tthc_in(&copy, &["serve", "--addr", "127.0.0.1:0"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("commune-leadr"),
        "{}",
        text(&o.stderr)
    );
    let _ = std::fs::remove_dir_all(&copy);
}

#[test]
fn a_decision_folder_is_checked_in_the_context_of_its_catalogue() {
    let copy = working_copy("context");
    let o = tthc_in(
        &copy,
        &[
            "check",
            "procedures/1086-QD-UBND",
            "--format",
            "json",
            "--at",
            AT,
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(o.status.code(), Some(0), "{v:#}");
    assert_eq!(v["errors"], 0, "{v:#}");
    assert_eq!(v["procedures"], 37);
    assert_eq!(v["files"], 38, "the decision's own files, not roles.tthc");
    // One file: only its findings, none from the rest of the catalogue.
    misspell_a_role(&copy);
    let other = "procedures/1086-QD-UBND/b01-dang-ky-khai-sinh.tthc";
    let o = tthc_in(&copy, &["check", other, "--format", "json", "--at", AT]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(o.status.code(), Some(0), "{v:#}");
    assert_eq!(v["diagnostics"], serde_json::json!([]));
    assert_eq!(
        v["elsewhere"],
        serde_json::json!({"errors": 1, "warnings": 0})
    );
    let o = tthc_in(&copy, &["check", B16, "--format", "json", "--at", AT]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(o.status.code(), Some(1), "{v:#}");
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{v:#}");
    assert_eq!(diags[0]["code"], "TTHC006");
    assert_eq!(diags[0]["file"], B16);
    let _ = std::fs::remove_dir_all(&copy);
}

/// Issue 21, item 5: a decision that brings roles of its own (a roles file in its folder)
/// does not make that folder a catalogue apart: `catalogue.tthc` marks the root, and a
/// path inside is checked with the whole catalogue. Without the marker, a command says it
/// cannot tell which folder is the catalogue rather than split it. Item 15: a decision
/// folder that adds versions counts the procedures it gives them to.
#[test]
fn the_catalogue_root_is_marked_and_a_roles_file_in_a_decision_folder_does_not_split_it() {
    let copy = working_copy("root");
    common::copy_dir(
        &repo().join("tests/fixtures/amend/2222-QD-UBND"),
        &copy.join("procedures/2222-QD-UBND"),
    );
    let decision = "procedures/2222-QD-UBND";
    std::fs::write(
        copy.join(decision).join("roles.tthc"),
        "role commune-centre-desk \"Bộ phận tiếp nhận và trả kết quả cấp xã\" authority commune\n",
    )
    .unwrap();
    let check = |path: &str| {
        let o = tthc_in(&copy, &["check", path, "--format", "json", "--at", AT]);
        let v: Option<serde_json::Value> = serde_json::from_slice(&o.stdout).ok();
        (o.status.code(), v, text(&o.stderr))
    };
    let (code, v, _) = check(decision);
    let v = v.unwrap();
    assert_eq!(code, Some(0), "{v:#}");
    assert_eq!(v["diagnostics"], serde_json::json!([]), "{v:#}");
    assert_eq!(v["catalogue"]["path"], "procedures", "{v:#}");
    assert_eq!(v["files"], 5, "{v:#}");
    assert_eq!(
        v["procedures"], 3,
        "the three the decision gives a version to: {v:#}"
    );
    let (code, v, _) = check(&format!("{decision}/roles.tthc"));
    assert_eq!(code, Some(0), "{v:?}");
    // The same catalogue without its marker: two folders hold a roles file.
    std::fs::remove_file(copy.join("procedures/catalogue.tthc")).unwrap();
    let (code, _, stderr) = check(decision);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("catalogue.tthc") && stderr.contains("procedures/2222-QD-UBND"),
        "{stderr}"
    );
    // Without a roles file in the decision's folder, the roles file above finds it.
    std::fs::remove_file(copy.join(decision).join("roles.tthc")).unwrap();
    let (code, v, stderr) = check(decision);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(v.unwrap()["procedures"], 3);
}

/// What pre-commit passes when the roles file and a procedure are staged together: the
/// roles file is one of the catalogue's files, not a second catalogue.
#[test]
fn the_roles_file_named_with_other_files_of_its_catalogue_is_one_of_them() {
    let copy = working_copy("roles-with-others");
    let b01 = "procedures/1086-QD-UBND/b01-dang-ky-khai-sinh.tthc";
    let args = [
        "check",
        "procedures/roles.tthc",
        b01,
        "--format",
        "json",
        "--at",
        AT,
    ];
    let o = tthc_in(&copy, &args);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    assert_eq!(o.status.code(), Some(0), "{v:#} {}", text(&o.stderr));
    assert_eq!(v["files"], 2, "{v:#}");
    assert_eq!(v["catalogue"]["origin"], "folder", "{v:#}");
    // Its findings are reported as the catalogue's: a misspelt role in b16 is elsewhere.
    misspell_a_role(&copy);
    let v: serde_json::Value = serde_json::from_slice(&tthc_in(&copy, &args).stdout).unwrap();
    assert_eq!(v["elsewhere"]["errors"], 1, "{v:#}");
    let _ = std::fs::remove_dir_all(&copy);
}

#[test]
fn build_never_writes_over_the_catalogue_it_reads() {
    let copy = working_copy("over-sources");
    let before = snapshot(&copy);
    for out in [
        "procedures",
        ".",
        "procedures/1086-QD-UBND",
        "procedures/build",
    ] {
        let o = tthc_in(&copy, &["build", "procedures", "--out", out]);
        assert_eq!(o.status.code(), Some(2), "--out {out}: {}", text(&o.stdout));
        assert!(
            text(&o.stderr).contains("overlaps"),
            "--out {out}: {}",
            text(&o.stderr)
        );
        let o = tthc_in(&copy, &["build", "--out", out, "--force"]);
        assert_eq!(
            o.status.code(),
            Some(2),
            "--force does not lift it: --out {out}"
        );
    }
    // The parent of the catalogue, from inside it.
    let o = tthc_in(&copy.join("procedures"), &["build", ".", "--out", ".."]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stdout));
    assert!(
        snapshot(&copy) == before,
        "a file of the working copy changed"
    );
    let _ = std::fs::remove_dir_all(&copy);
}

#[test]
fn build_into_someone_elses_folder_is_refused_and_forced_keeps_their_files() {
    let copy = working_copy("notes");
    let notes = copy.join("notes");
    std::fs::create_dir_all(notes.join("drafts")).unwrap();
    std::fs::write(notes.join("meeting.md"), "# họp").unwrap();
    std::fs::write(notes.join("drafts/b16.txt"), "nháp").unwrap();
    let before = snapshot(&notes);
    let o = tthc_in(&copy, &["build", "--out", "notes"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--force"), "{}", text(&o.stderr));
    assert!(snapshot(&notes) == before);
    let o = tthc_in(&copy, &["build", "--out", "notes", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).contains("left 2 files"),
        "{}",
        text(&o.stdout)
    );
    for (path, bytes) in &before {
        assert_eq!(&std::fs::read(path).unwrap(), bytes, "{}", path.display());
    }
    assert!(notes.join("tthc-manifest.json").is_file());
    // The next build into it needs no force, and still keeps the notes.
    let o = tthc_in(&copy, &["build", "--out", "notes"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    for (path, bytes) in &before {
        assert_eq!(&std::fs::read(path).unwrap(), bytes, "{}", path.display());
    }
    let _ = std::fs::remove_dir_all(&copy);
}

#[test]
fn a_rebuild_removes_only_what_the_last_build_wrote() {
    let copy = working_copy("rebuild");
    let o = tthc_in(&copy, &["build", "--out", "out"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let bpmn = "out/bpmn/dang-ky-khai-sinh@2024-04-09.bpmn";
    assert!(copy.join(bpmn).is_file());
    // B.1 leaves the catalogue: its files go, someone's README stays.
    std::fs::remove_file(copy.join("procedures/1086-QD-UBND/b01-dang-ky-khai-sinh.tthc")).unwrap();
    std::fs::write(copy.join("out/README.txt"), "do not delete").unwrap();
    let o = tthc_in(&copy, &["build", "--out", "out"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).contains("removed 3 files"),
        "{}",
        text(&o.stdout)
    );
    assert!(!copy.join(bpmn).exists());
    assert_eq!(
        std::fs::read_to_string(copy.join("out/README.txt")).unwrap(),
        "do not delete"
    );
    let _ = std::fs::remove_dir_all(&copy);
}
