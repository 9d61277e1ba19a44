//! `tthc report` and `tthc cases generate` as the `tthc-report` program runs them (the
//! `tthc` binary passes them on untouched: tests/cli.rs at the root checks that): exit
//! codes, output formats, bad rows on stderr, files never overwritten. The counts
//! themselves are checked by hand in tests/report.rs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CASES: &str = "tests/data/cases.csv";

/// Runs `tthc-report` in English, whatever the machine's locale; the arguments are
/// those a user gives `tthc` (`report …`, `cases generate …`).
fn tthc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tthc-report"))
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("runs tthc-report")
}

/// `tthc report` over the hand-checked file for the first half of 2025, with `extra`.
fn report_h1(extra: &[&str]) -> Output {
    let mut args = vec![
        "report",
        CASES,
        "--from",
        "2025-01-01",
        "--to",
        "2025-06-30",
    ];
    args.extend_from_slice(extra);
    tthc(&args)
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tthc-report-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn json_report_with_rejected_rows_exits_1_and_lists_them_on_stderr() {
    let o = report_h1(&["--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(&text(&o.stdout)).unwrap();
    assert_eq!(v["period"]["from"], "2025-01-01");
    assert_eq!(v["total"]["received_new"], 14);
    assert_eq!(v["rejected"]["count"], 4);
    // Six: C17's portal applied the 15:00 cutoff to a count of days (see
    // crates/tthc-report/tests/report.rs).
    assert_eq!(v["discrepancies"].as_array().unwrap().len(), 6);
    let err = text(&o.stderr);
    assert!(err.contains("4 rows rejected"), "{err}");
    assert!(
        err.contains(&format!("{CASES}:17: R01: [procedure]")),
        "{err}"
    );
}

#[test]
fn csv_and_vietnamese_human_output() {
    let o = report_h1(&["--format", "csv", "--by", "channel"]);
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("group,key,label,received_carried_over,received_new"));
    assert_eq!(lines.len(), 4, "{out}");
    assert!(lines[1].starts_with("channel,direct,,2,10,"), "{out}");
    assert!(lines[3].starts_with("total,,,2,14,"), "{out}");
    let o = tthc(&[
        "--lang",
        "vi",
        "report",
        CASES,
        "--from",
        "2025-01-01",
        "--to",
        "2025-06-30",
    ]);
    let out = text(&o.stdout);
    assert!(out.contains("Báo cáo 01/01/2025 – 30/06/2025"), "{out}");
    assert!(out.contains("đúng hạn"), "{out}");
    assert!(text(&o.stderr).contains("dòng bị loại"));
}

#[test]
fn html_report_is_written_to_out_and_never_over_an_existing_file() {
    let dir = temp_dir("html");
    let out = dir.join("report.html");
    let args = |out: &Path| {
        vec![
            "report".to_string(),
            CASES.to_string(),
            "--from".into(),
            "2025-01-01".into(),
            "--to".into(),
            "2025-06-30".into(),
            "--format".into(),
            "html".into(),
            "--out".into(),
            s(out).to_string(),
        ]
    };
    let a = args(&out);
    let o = tthc(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.contains("<svg"), "the page has charts");
    std::fs::write(&out, "mine").unwrap();
    let o = tthc(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
}

#[test]
fn bad_options_and_missing_files_exit_2_with_a_reason() {
    let o = tthc(&[
        "report",
        CASES,
        "--from",
        "2025-06-30",
        "--to",
        "2025-01-01",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--to 2025-01-01 is before --from 2025-06-30"));
    let o = tthc(&[
        "report",
        "nope.csv",
        "--from",
        "2025-01-01",
        "--to",
        "2025-06-30",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("nope.csv: cannot open it"),
        "{}",
        text(&o.stderr)
    );
    let o = report_h1(&["--as-of", "tomorrow"]);
    assert_eq!(o.status.code(), Some(2));
    let o = report_h1(&["--max-errors", "2", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&text(&o.stdout)).unwrap();
    assert_eq!(v["error"]["code"], "too_many_bad_rows");
}

#[test]
fn generated_cases_are_all_counted() {
    let dir = temp_dir("generate");
    let file = dir.join("cases.parquet");
    let o = tthc(&[
        "cases",
        "generate",
        "--count",
        "5000",
        "--seed",
        "3",
        "--out",
        s(&file),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    // A period covering every receipt (2024–2025) and measured after the last: every case
    // is new and in exactly one state.
    let o = tthc(&[
        "report",
        s(&file),
        "--from",
        "2024-01-01",
        "--to",
        "2025-12-31",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(&text(&o.stdout)).unwrap();
    let t = &v["total"];
    let n = |k: &str| t[k].as_u64().unwrap();
    assert_eq!(n("received_new"), 5000);
    let states: u64 = [
        "resolved_early",
        "resolved_on_time",
        "resolved_late",
        "open_not_due",
        "open_overdue",
        "paused",
        "returned",
        "cancelled",
    ]
    .iter()
    .map(|k| n(k))
    .sum();
    assert_eq!(states, 5000);
    // The generator writes nothing over an existing file.
    let o = tthc(&["cases", "generate", "--count", "10", "--out", s(&file)]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn usage_names_the_command_the_user_typed() {
    // Run by `tthc` (which sets TTHC), the usage says `tthc report`; run alone, its own name.
    let o = Command::new(env!("CARGO_BIN_EXE_tthc-report"))
        .args(["report", "--help"])
        .env("TTHC", "/usr/bin/tthc")
        .output()
        .unwrap();
    assert!(
        text(&o.stdout).contains("Usage: tthc report"),
        "{}",
        text(&o.stdout)
    );
    let o = tthc(&["report", "--help"]);
    assert!(
        text(&o.stdout).contains("Usage: tthc-report report"),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn the_form_is_written_as_a_workbook_and_needs_out() {
    let o = report_h1(&["--format", "xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--out"), "{}", text(&o.stderr));
    let dir = temp_dir("xlsx");
    let out = dir.join("bieu-06.xlsx");
    let o = report_h1(&["--format", "xlsx", "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK"), "an .xlsx file is a zip archive");
}
