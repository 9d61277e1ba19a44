//! The `tthc` binary's contract: exit codes, output formats, languages.

mod common;
use common::tthc;
use std::process::{Command, Output};

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn temp_dir(name: &str) -> common::Scratch {
    common::Scratch::new(&format!("cli-{name}"))
}

#[test]
fn bundled_catalogue_is_clean_in_json() {
    // On the last day the bundled decision covers in full (see tests/coverage.rs for after).
    let o = tthc(&["check", "--format", "json", "--at", "2025-06-30"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["procedures"], 37);
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 0);
}

#[test]
fn errors_exit_1_with_file_line_and_column() {
    let o = tthc(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/rules/TTHC012.tthc",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "TTHC012");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "tests/fixtures/rules/TTHC012.tthc");
    assert!(d["line"].as_u64().unwrap() > 0 && d["column"].as_u64().unwrap() > 0);
    assert_eq!(d["labels"].as_array().unwrap().len(), 4);
}

#[test]
fn unreadable_path_exits_2() {
    let o = tthc(&["check", "does/not/exist.tthc"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read does/not/exist.tthc"));
}

#[test]
fn warnings_pass_unless_denied() {
    let f = "tests/fixtures/rules/TTHC030.tthc";
    assert_eq!(tthc(&["check", f]).status.code(), Some(0));
    assert_eq!(
        tthc(&["check", "--deny-warnings", f]).status.code(),
        Some(1)
    );
}

#[test]
fn github_annotations_name_file_and_line() {
    let o = tthc(&[
        "check",
        "--format",
        "github",
        "tests/fixtures/rules/TTHC006.tthc",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let line = out.lines().next().unwrap();
    assert!(
        line.starts_with("::error file=tests/fixtures/rules/TTHC006.tthc,line=20,col=31,"),
        "{line}"
    );
    assert!(
        line.contains("title=TTHC006::unknown role `leder`%0Adid you mean `leader`?"),
        "{line}"
    );
}

#[test]
fn vietnamese_messages_by_flag_and_by_locale() {
    let f = "tests/fixtures/rules/TTHC006.tthc";
    let o = tthc(&["--lang", "vi", "check", f]);
    assert!(stdout(&o).contains("chưa được khai báo"));
    let o = Command::new(env!("CARGO_BIN_EXE_tthc"))
        .args(["check", f])
        .env("LANG", "vi_VN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(stdout(&o).contains("có phải bạn định viết `leader`?"));
}

#[test]
fn random_bytes_and_truncation_are_diagnosed() {
    let dir = temp_dir("bytes");
    let garbage: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(dir.join("garbage.tthc"), garbage).unwrap();
    std::fs::write(dir.join("cut.tthc"), "procedure p {\n  name \"Thủ tục").unwrap();
    let o = tthc(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["TTHC001", "TTHC027"]);
}

#[test]
fn explain_prints_the_rule_with_an_example() {
    let o = tthc(&["explain", "TTHC012"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("TTHC012 (steps-do-not-add-up, error)"));
    assert!(out.contains("Reported:") && out.contains("Fixed:"));
    assert_eq!(tthc(&["explain", "TTHC999"]).status.code(), Some(2));
    let all = stdout(&tthc(&["explain"]));
    assert_eq!(
        all.lines().count(),
        tthc::check::rules::ALL.len() + tthc::check::rules::RETIRED.len()
    );
    // A code that never named a rule says so, instead of "no such rule".
    let o = tthc(&["explain", "28"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).starts_with("TTHC028: never assigned"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn fmt_check_passes_on_the_catalogue_and_fmt_rewrites_in_place() {
    assert_eq!(
        tthc(&["fmt", "--check", "procedures"]).status.code(),
        Some(0)
    );
    let dir = temp_dir("fmt");
    let f = dir.join("p.tthc");
    std::fs::write(&f, "role r \"Cán bộ\"   # vai trò\n").unwrap();
    let o = tthc(&["fmt", "--check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("p.tthc"));
    assert_eq!(tthc(&["fmt", dir.to_str().unwrap()]).status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        "role r \"Cán bộ\" # vai trò\n"
    );
    std::fs::write(&f, "role r \"Cán bộ").unwrap();
    assert_eq!(tthc(&["fmt", dir.to_str().unwrap()]).status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        "role r \"Cán bộ",
        "a broken file is never rewritten"
    );
}

/// Runs a command whose program a test has just copied. Tests run in parallel threads,
/// and a thread that forks while the copy is still open for writing holds that file
/// descriptor until its own exec: running the copy meanwhile fails with "text file busy"
/// (ETXTBSY on Linux). That passes in a moment, so it is retried.
trait RunCopied {
    fn run_copied(&mut self) -> std::process::Output;
}

impl RunCopied for Command {
    fn run_copied(&mut self) -> std::process::Output {
        for _ in 0..100 {
            match self.output() {
                Err(e) if cfg!(target_os = "linux") && e.raw_os_error() == Some(26) => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                other => return other.unwrap(),
            }
        }
        self.output().unwrap()
    }
}

/// A copy of `tthc` alone in a fresh folder, so that what lies beside it is up to the test.
fn lone_tthc(name: &str) -> (common::Scratch, std::path::PathBuf) {
    let dir = temp_dir(name);
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let exe = bin.join(format!("tthc{}", std::env::consts::EXE_SUFFIX));
    std::fs::copy(env!("CARGO_BIN_EXE_tthc"), &exe).unwrap();
    (dir, exe)
}

/// A stand-in for `tthc-report` that prints the arguments and the `TTHC` variable it
/// was given, then exits 7: a shell script, so the tests that use it are Unix-only; the
/// one that needs no stand-in (the program missing) runs everywhere.
#[cfg(unix)]
fn fake_report(dir: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    let p = dir.join("tthc-report");
    std::fs::write(
        &p,
        "#!/bin/sh\necho \"args: $*\"\necho \"parent: ${TTHC:+set}\"\nexit 7\n",
    )
    .unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(unix)]
#[test]
fn report_and_cases_run_the_report_program_beside_tthc_with_the_global_options() {
    let (dir, exe) = lone_tthc("external-beside");
    fake_report(exe.parent().unwrap());
    let o = Command::new(&exe)
        .args(["--lang", "vi", "--catalogue", "procedures"])
        .args(["report", "cases.csv", "--from", "2025-01-01", "--help"])
        .env("PATH", dir.join("nothing-here"))
        .run_copied();
    assert_eq!(
        o.status.code(),
        Some(7),
        "the program's exit status is passed on"
    );
    let out = stdout(&o);
    assert!(
        out.contains(
            "args: --lang vi --catalogue procedures report cases.csv --from 2025-01-01 --help"
        ),
        "{out}"
    );
    assert!(out.contains("parent: set"), "{out}");
    let o = Command::new(&exe)
        .args(["cases", "generate", "--count", "3"])
        .env("PATH", dir.join("nothing-here"))
        .run_copied();
    assert!(
        stdout(&o).contains("args: cases generate --count 3"),
        "{}",
        stdout(&o)
    );
}

#[cfg(unix)]
#[test]
fn the_report_program_is_also_found_on_path() {
    let (dir, exe) = lone_tthc("external-path");
    let elsewhere = dir.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    fake_report(&elsewhere);
    let o = Command::new(&exe)
        .args(["report", "x.csv"])
        .env("PATH", &elsewhere)
        .run_copied();
    assert_eq!(o.status.code(), Some(7));
    assert!(stdout(&o).contains("args: report x.csv"), "{}", stdout(&o));
}

#[test]
fn a_missing_report_program_is_named_with_how_to_install_it() {
    let (dir, exe) = lone_tthc("external-missing");
    for lang in ["en", "vi"] {
        let o = Command::new(&exe)
            .args(["--lang", lang, "report", "x.csv", "--from", "2025-01-01"])
            .env("PATH", dir.join("nothing-here"))
            .run_copied();
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(err.contains("tthc-report"), "{err}");
        assert!(err.contains("pip install tthc"), "{err}");
        if lang == "vi" {
            assert!(err.contains("chưa được cài"), "{err}");
        }
    }
}

#[test]
fn help_lists_the_report_commands() {
    let o = tthc(&["--help"]);
    let out = stdout(&o);
    for line in ["report", "cases"] {
        assert!(
            out.lines().any(|l| l.trim_start().starts_with(line)),
            "`{line}` missing from:\n{out}"
        );
    }
}

/// `tthc fmt` says which files it rewrote, and how many it left alone (issue 21, item 15).
#[test]
fn fmt_names_the_files_it_rewrote() {
    let dir = temp_dir("fmt-says");
    std::fs::write(dir.join("a.tthc"), "role r \"Cán bộ\"   # vai trò\n").unwrap();
    std::fs::write(dir.join("b.tthc"), "role s \"Cán bộ\" # vai trò\n").unwrap();
    let o = tthc(&["fmt", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains(&format!("rewrote {}", dir.join("a.tthc").display())),
        "{out}"
    );
    assert!(!out.contains("b.tthc"), "{out}");
    assert!(
        out.contains("1 file(s) rewritten, 1 already in the canonical layout"),
        "{out}"
    );
}

/// An option is listed where it acts: `--catalogue` under `due` and `status`, not under
/// `check` (which takes paths) nor for the whole program (issue 21, item 15).
#[test]
fn catalogue_is_an_option_of_the_commands_it_acts_on() {
    let help = |args: &[&str]| stdout(&tthc(args));
    assert!(!help(&["--help"]).contains("--catalogue"));
    assert!(!help(&["check", "--help"]).contains("--catalogue"));
    assert!(help(&["due", "--help"]).contains("--catalogue"));
    assert!(help(&["status", "--help"]).contains("--catalogue"));
    let o = tthc(&[
        "due",
        "dang-ky-khai-sinh",
        "--received",
        "2025-03-04 10:00",
        "--catalogue",
        "procedures",
        "--json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // Same day, received before the 15:00 cutoff: due at the close of that day.
    assert!(
        stdout(&o).contains("\"due_at\": \"2025-03-04T17:00:00+07:00\""),
        "{}",
        stdout(&o)
    );
}

/// A case may be named as the decision prints it (issue 21, item 15): B.16 received Tue
/// 04/03/2025 10:00 in the verification case (23 working days, no holiday before Giỗ Tổ
/// on 07/04/2025) is due Fri 04/04/2025 10:00, whichever way the case is written.
#[test]
fn variant_accepts_the_cases_vietnamese_name() {
    for variant in [
        "verification",
        "cần xác minh",
        "Trường hợp cần xác minh",
        "can xac minh",
    ] {
        let o = tthc(&[
            "due",
            "cap-giay-xac-nhan-tinh-trang-hon-nhan",
            "--received",
            "2025-03-04 10:00",
            "--variant",
            variant,
            "--json",
        ]);
        let out = stdout(&o);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{variant}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            out.contains("\"due_at\": \"2025-04-04T10:00:00+07:00\""),
            "{variant}: {out}"
        );
        assert!(
            out.contains("\"variant\": \"verification\""),
            "{variant}: {out}"
        );
    }
}

/// A named pipe called `*.tthc` in the catalogue is skipped and named, never read: the
/// check finishes instead of blocking for ever (issue 25, item 15).
#[cfg(unix)]
#[test]
fn check_skips_and_names_a_named_pipe() {
    let dir = temp_dir("fifo-check");
    common::copy_dir(std::path::Path::new("procedures"), &dir);
    let fifo = dir.join("1086-QD-UBND/zz-pipe.tthc");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let o = tthc(&["check", dir.to_str().unwrap(), "--at", "2025-06-30"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("skipped")
            && err.contains("zz-pipe.tthc")
            && err.contains("not a regular file"),
        "{err}"
    );
}
