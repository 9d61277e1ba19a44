//! `tthc build --out`: nothing outside the output folder is touched whatever its manifest
//! says (issue 25, item 4), a link given as the folder stays a link, and a build killed
//! half-way leaves nothing the next build cannot clean up and recover from without
//! `--force` (item 10).
#![cfg(unix)]

mod common;

use common::tthc;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Output;

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tthc-build-output-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn build(out: &Path, force: bool) -> Output {
    let mut args = vec!["build", "--out", out.to_str().unwrap()];
    if force {
        args.push("--force");
    }
    tthc(&args)
}

fn assert_ok(o: &Output) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

fn manifest(out: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(out.join("tthc-manifest.json")).unwrap()).unwrap()
}

fn set_manifest(out: &Path, m: &Value) {
    std::fs::write(
        out.join("tthc-manifest.json"),
        serde_json::to_vec_pretty(m).unwrap(),
    )
    .unwrap();
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

#[test]
fn a_manifest_naming_a_file_outside_the_folder_deletes_nothing() {
    let base = scratch("outside");
    let out = base.join("out");
    assert_ok(&build(&out, false));
    let victim = base.join("victim.txt");
    std::fs::write(&victim, "not tthc's").unwrap();
    // An unlisted file makes the build replace files one by one, the path that removed
    // what the manifest listed.
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let mut m = manifest(&out);
    m["files"]["../victim.txt"] = json!(sha256(b"not tthc's"));
    set_manifest(&out, &m);

    let o = build(&out, false);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("refusing to trust tthc-manifest.json") && err.contains("`../victim.txt`"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "not tthc's");

    // Forced, the manifest is not believed at all: still nothing outside is touched.
    assert_ok(&build(&out, true));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "not tthc's");
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(manifest(&out)["files"].get("../victim.txt").is_none());

    // Absolute paths are refused alike.
    let mut m = manifest(&out);
    m["files"][victim.to_str().unwrap()] = json!(sha256(b"not tthc's"));
    set_manifest(&out, &m);
    assert_eq!(build(&out, false).status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "not tthc's");
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn nothing_is_removed_or_written_through_a_link_inside_the_folder() {
    let base = scratch("links-inside");
    let out = base.join("out");
    let elsewhere = base.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("victim.txt"), "not tthc's").unwrap();
    assert_ok(&build(&out, false));
    // A manifest entry under a linked folder: inside by its name, outside in fact.
    std::os::unix::fs::symlink(&elsewhere, out.join("sub")).unwrap();
    let mut m = manifest(&out);
    m["files"]["sub/victim.txt"] = json!(sha256(b"not tthc's"));
    set_manifest(&out, &m);
    assert_ok(&build(&out, false));
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("victim.txt")).unwrap(),
        "not tthc's"
    );
    assert!(
        out.join("sub").is_symlink(),
        "the link is someone else's: kept"
    );

    // A folder the build writes into, replaced by a link: the build refuses to write
    // through it rather than fill the folder it points to.
    let bpmn = out.join("bpmn");
    std::fs::remove_dir_all(&bpmn).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &bpmn).unwrap();
    let o = build(&out, false);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("refusing to write through bpmn"), "{err}");
    assert_eq!(names(&elsewhere), vec!["victim.txt".to_string()]);
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn an_output_folder_given_as_a_link_stays_a_link() {
    let base = scratch("link-out");
    let real = base.join("real");
    std::fs::create_dir_all(&real).unwrap();
    let link = base.join("out");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    for _ in 0..2 {
        assert_ok(&build(&link, false));
        assert!(link.is_symlink(), "the link was replaced by a folder");
        assert!(real.join("tthc-manifest.json").is_file());
    }
    assert_eq!(names(&base), vec!["out".to_string(), "real".to_string()]);
    // A link to nothing is refused, not replaced.
    let dangling = base.join("dangling");
    std::os::unix::fs::symlink(base.join("missing"), &dangling).unwrap();
    let o = build(&dangling, false);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("is a link to a folder that does not exist")
    );
    assert!(dangling.is_symlink());
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn the_folders_a_killed_build_left_beside_the_output_are_removed() {
    let base = scratch("leftover-folders");
    let out = base.join("out");
    assert_ok(&build(&out, false));
    // What `kill -9` leaves: a complete previous build moved aside, and a new one
    // half-written (its manifest is written first).
    common::copy_dir(&out, &base.join("out.old-4242"));
    std::fs::create_dir_all(base.join("out.tmp-4243/bpmn")).unwrap();
    std::fs::copy(
        out.join("tthc-manifest.json"),
        base.join("out.tmp-4243/tthc-manifest.json"),
    )
    .unwrap();
    // Someone's own folders named alike, without a manifest: never tthc's to remove.
    std::fs::create_dir_all(base.join("out.old-2024")).unwrap();
    std::fs::write(base.join("out.old-2024/notes.txt"), "mine").unwrap();
    std::fs::create_dir_all(base.join("out.tmp-7")).unwrap();
    common::copy_dir(&out, &base.join("out.tmp-7"));
    std::fs::write(base.join("out.tmp-7/extra.txt"), "mine too").unwrap();

    assert_ok(&build(&out, false));
    assert_eq!(
        names(&base),
        vec!["out", "out.old-2024", "out.tmp-7"]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()
    );
    assert_eq!(
        std::fs::read_to_string(base.join("out.old-2024/notes.txt")).unwrap(),
        "mine"
    );
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn a_build_killed_while_replacing_files_one_by_one_is_recovered_without_force() {
    let base = scratch("killed-replace");
    let out = base.join("out");
    assert_ok(&build(&out, false));
    std::fs::write(out.join("README.txt"), "kept by hand").unwrap();
    let before = manifest(&out);
    let files = before["files"].as_object().unwrap().clone();
    let (first, _) = files.iter().next().unwrap();
    let first = first.clone();
    let expected = std::fs::read(out.join(&first)).unwrap();
    // The state a build killed right after replacing `first` leaves: its journal in the
    // manifest (what it was writing, and its temporary files' suffix), `first` already
    // replaced with its new contents, a temporary file of the next one and of the
    // manifest.
    let new_contents = b"what the killed build wrote";
    let mut pending = files.clone();
    pending.insert(first.clone(), json!(sha256(new_contents)));
    let mut journal = before.clone();
    journal["pending"] = json!({"files": pending, "temp_suffix": ".tmp-4242"});
    set_manifest(&out, &journal);
    std::fs::write(out.join(&first), new_contents).unwrap();
    let (second, _) = files.iter().nth(1).unwrap();
    std::fs::write(out.join(format!("{second}.tmp-4242")), "half").unwrap();
    std::fs::write(out.join("tthc-manifest.json.tmp-4242"), "{").unwrap();

    assert_ok(&build(&out, false));
    assert_eq!(std::fs::read(out.join(&first)).unwrap(), expected);
    assert!(!out.join(format!("{second}.tmp-4242")).exists());
    assert!(!out.join("tthc-manifest.json.tmp-4242").exists());
    assert_eq!(
        std::fs::read_to_string(out.join("README.txt")).unwrap(),
        "kept by hand"
    );
    let after = manifest(&out);
    assert!(after.get("pending").is_none(), "{after}");
    assert_eq!(after["files"], before["files"]);

    // A file changed by hand after the last build is still refused without --force.
    std::fs::write(out.join(&first), "edited by hand").unwrap();
    let o = build(&out, false);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("it was changed after the last build"));
    let _ = std::fs::remove_dir_all(&base);
}
