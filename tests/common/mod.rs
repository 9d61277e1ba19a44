//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod law;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the `tthc` binary in English, whatever the machine's locale.
pub fn tthc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tthc"))
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("runs tthc")
}

/// Every `.tthc` file of the bundled catalogue on disk, as (path, text), sorted by path.
pub fn catalogue_files() -> Vec<(String, String)> {
    catalogue_files_in(Path::new("procedures"))
}

/// Every `.tthc` file under a catalogue folder, as (path, text), sorted by path.
pub fn catalogue_files_in(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "tthc") {
                out.push((
                    p.display().to_string(),
                    std::fs::read_to_string(&p).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

/// Copies a folder tree (the catalogue, for tests that change it).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

/// A copy of the bundled catalogue and calendars with the fixture decision 2222/QĐ-UBND
/// (tests/fixtures/amend/2222-QD-UBND: A.1–A.3 moved to commune level from 01/07/2025,
/// A.15 repealed) laid over it, in a fresh temporary folder named for `test`; returns
/// the folder (holding `procedures/` and `calendars/`).
pub fn catalogue_with_2222(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tthc-2222-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(Path::new("procedures"), &dir.join("procedures"));
    copy_dir(Path::new("calendars"), &dir.join("calendars"));
    copy_dir(
        Path::new("tests/fixtures/amend/2222-QD-UBND"),
        &dir.join("procedures/2222-QD-UBND"),
    );
    dir
}

/// insta settings for the snapshots of one suite, kept in `snapshots/<suite>/`.
pub fn snapshot_settings(suite: &str) -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("snapshots")
            .join(suite),
    );
    s.set_prepend_module_to_snapshot(false);
    s
}

/// Compares every `(name, text)` with its reviewed snapshot in `snapshots/<suite>/` and
/// fails once, naming every snapshot that differs, rather than stopping at the first.
pub fn assert_snapshots(suite: &str, items: impl IntoIterator<Item = (String, String)>) {
    let settings = snapshot_settings(suite);
    let mut failed = Vec::new();
    for (name, text) in items {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            settings.bind(|| insta::assert_snapshot!(name.clone(), text));
        }));
        if outcome.is_err() {
            failed.push(name);
        }
    }
    assert!(
        failed.is_empty(),
        "{} snapshot(s) of snapshots/{suite}/ differ: {}",
        failed.len(),
        failed.join(", ")
    );
}

/// Runs the `tthc` binary in `dir` with English messages, whatever the machine's locale.
pub fn tthc_in(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_tthc"))
        .args(args)
        .current_dir(dir)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("runs tthc")
}

/// A catalogue's JSON without its places (`loc`, `span`), which move when only the
/// layout or the keyword set changes: what two texts must share to mean the same.
pub fn placeless(mut v: serde_json::Value) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.retain(|k, _| !matches!(k.as_str(), "loc" | "span"));
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut v);
    v
}

/// The bundled catalogue's file of B.16.
pub const B16_FILE: &str = "procedures/1086-QD-UBND/b16-cap-giay-xac-nhan-tinh-trang-hon-nhan.tthc";

/// B.16's file with four independent mistakes of four kinds (issue 21, item 6), and the
/// code, line (1-based) and word of each finding, in file order: a misspelt keyword
/// (`feild`), a wrong decision number (`1068`), a step's time changed (`05 days`) and a
/// misspelt role (`comune-leader`). The changed step is found twice, as it is wrong twice:
/// the steps no longer add up to the total (TTHC012, on the total) and the step's time
/// is not what the decision prints for it (TTHC041, on its printed words).
pub fn b16_with_four_mistakes() -> (String, Vec<(&'static str, usize, &'static str)>) {
    let text = std::fs::read_to_string(B16_FILE).unwrap();
    let broken = text
        .replacen("  field \"Hộ tịch\"", "  feild \"Hộ tịch\"", 1)
        .replacen("source \"1086/QĐ-UBND\"", "source \"1068/QĐ-UBND\"", 1)
        .replacen(
            "by commune-civil-status 02 days",
            "by commune-civil-status 05 days",
            1,
        )
        .replacen("by commune-leader", "by comune-leader", 1);
    let line = |needle: &str| 1 + broken[..broken.find(needle).unwrap()].matches('\n').count();
    let expected = vec![
        ("TTHC001", line("feild"), "feild"),
        ("TTHC007", line("\"1068/QĐ-UBND\""), "\"1068/QĐ-UBND\""),
        ("TTHC012", line("total 3 days"), "3 days"),
        (
            "TTHC041",
            line("by commune-civil-status 05 days"),
            "printed \"02 ngày",
        ),
        ("TTHC006", line("comune-leader"), "comune-leader"),
    ];
    (broken, expected)
}

/// A scratch folder for one test, `<temp>/tthc-<name>-<pid>`, emptied when made and
/// removed when dropped, so that test runs do not pile up in the temporary folder (some
/// hold a copy of the binary). A failing test keeps it and says where, to look into.
pub struct Scratch(PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let d = std::env::temp_dir().join(format!("tthc-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Scratch(d)
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("kept for a look: {}", self.0.display());
        } else {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}
