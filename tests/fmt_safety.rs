//! `tthc fmt` never loses an edit or writes where it should not (issue 25, items 7 and
//! 9): an edit saved while it runs is kept, a link planted at a temporary name is never
//! followed, a read-only file stays as it is, a file keeps its mode, and a linked file is
//! formatted where the link points while the link stays.
#![cfg(unix)]

mod common;

use common::tthc;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tthc-fmt-safety-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A file `tthc fmt` changes (two spaces become one) and what it becomes.
const UNFORMATTED: &str = "role r \"Cán bộ\"   # vai trò\n";
const FORMATTED: &str = "role r \"Cán bộ\" # vai trò\n";

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

fn fmt(dir: &Path) -> std::process::Output {
    tthc(&["fmt", dir.to_str().unwrap()])
}

#[test]
fn an_edit_saved_while_fmt_runs_is_kept() {
    let dir = scratch("concurrent");
    let n = 3000;
    let path = |i: usize| dir.join(format!("f{i:05}.tthc"));
    for i in 0..n {
        std::fs::write(path(i), UNFORMATTED).unwrap();
    }
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_tthc"))
        .args(["fmt", dir.to_str().unwrap()])
        .env("LANG", "en_US.UTF-8")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // `tthc fmt` reads every file before it writes the first: once the first is
    // rewritten, an edit of the last lands after it was read and before it is written
    // (or, on a fast machine, after it was written, which must keep it too).
    let start = Instant::now();
    while std::fs::read_to_string(path(0)).unwrap() == UNFORMATTED {
        assert!(start.elapsed() < Duration::from_secs(60), "fmt never wrote");
        std::thread::sleep(Duration::from_millis(1));
    }
    let edit = "role r \"Cán bộ\"   # vai trò\nrole s \"Sửa trong lúc định dạng\"\n";
    std::fs::write(path(n - 1), edit).unwrap();
    let out = child.wait_with_output().unwrap();
    let now = std::fs::read_to_string(path(n - 1)).unwrap();
    assert!(
        now.contains("Sửa trong lúc định dạng"),
        "the edit was lost: {now:?}"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    if now == edit {
        // Left as it is: fmt saw the change, said so, and says it is not done.
        assert!(
            err.contains("changed while it was being formatted"),
            "{err}"
        );
        assert_eq!(out.status.code(), Some(1), "{err}");
    }
    assert_eq!(std::fs::read_to_string(path(1)).unwrap(), FORMATTED);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_link_planted_at_the_temporary_name_is_never_followed() {
    let dir = scratch("planted");
    let cat = dir.join("catalogue");
    std::fs::create_dir_all(&cat).unwrap();
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "not tthc's").unwrap();
    let file = cat.join("a.tthc");
    std::fs::write(&file, UNFORMATTED).unwrap();
    // The name the formatter used to write through, and a few others it might pick.
    for name in ["a.tthc.tthc-fmt.tmp", "a.tthc.tmp", ".a.tthc.tmp"] {
        std::os::unix::fs::symlink(&victim, cat.join(name)).unwrap();
    }
    let o = fmt(&cat);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "not tthc's");
    assert!(!file.is_symlink());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), FORMATTED);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_read_only_file_is_left_as_it_is_and_said() {
    let dir = scratch("read-only");
    let file = dir.join("a.tthc");
    let other = dir.join("b.tthc");
    std::fs::write(&file, UNFORMATTED).unwrap();
    std::fs::write(&other, UNFORMATTED).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = fmt(&dir);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("a.tthc is read-only; it was not rewritten"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), UNFORMATTED);
    assert_eq!(mode(&file), 0o444);
    // The other files are formatted all the same.
    assert_eq!(std::fs::read_to_string(&other).unwrap(), FORMATTED);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_keeps_its_mode() {
    let dir = scratch("mode");
    let file = dir.join("a.tthc");
    std::fs::write(&file, UNFORMATTED).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let o = fmt(&dir);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), FORMATTED);
    assert_eq!(mode(&file), 0o640);
    // Nothing is left beside it.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_linked_file_is_formatted_where_it_points_and_stays_a_link() {
    let dir = scratch("link");
    let cat = dir.join("catalogue");
    let shared = dir.join("shared");
    std::fs::create_dir_all(&cat).unwrap();
    std::fs::create_dir_all(&shared).unwrap();
    let target = shared.join("roles.tthc");
    std::fs::write(&target, UNFORMATTED).unwrap();
    let link = cat.join("roles.tthc");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    // A second link to the same file is formatted once, without a false alarm.
    std::os::unix::fs::symlink(&target, cat.join("roles-again.tthc")).unwrap();
    let o = fmt(&cat);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(link.is_symlink(), "the link was replaced by a plain file");
    assert_eq!(std::fs::read_link(&link).unwrap(), target);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), FORMATTED);
    assert_eq!(std::fs::read_dir(&shared).unwrap().count(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}
