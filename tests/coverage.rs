//! Coverage by date (issue 11, item 2): which procedures are in force on a date, the
//! warning when none is, and what changed between two dates. The expected sets are read
//! from the decisions themselves (`common::law`: each version's source, `until` and the
//! later decisions that replace or repeal it), so that adding a correct decision keeps
//! these tests true (issue 21, item 17); they run on the bundled catalogue and on it
//! with the fictional amendment 2222/QĐ-UBND laid over it.

mod common;

use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::tthc_in;

fn tthc(args: &[&str]) -> Output {
    tthc_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn json_in(dir: &Path, args: &[&str]) -> serde_json::Value {
    let o = tthc_in(dir, args);
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}\n{}", String::from_utf8_lossy(&o.stderr)))
}

fn json(args: &[&str]) -> serde_json::Value {
    json_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// The dates the properties are checked on: before the reform, its last day, its first
/// day and a day in 2026.
const DATES: [&str; 4] = ["2024-06-01", "2025-06-30", "2025-07-01", "2026-01-05"];

/// The catalogues the properties are checked on, as folders holding `procedures/`: the
/// bundled one, and a copy with 2222/QĐ-UBND laid over it.
fn catalogues(test: &str) -> Vec<PathBuf> {
    vec![
        PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        common::catalogue_with_2222(test),
    ]
}

fn law_of(dir: &Path) -> common::law::Law {
    common::law::read(&common::catalogue_files_in(&dir.join("procedures")))
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The ids of the procedures a TTHC034 message names (`no version of `ID` is …`).
fn warned(v: &serde_json::Value) -> BTreeSet<String> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "TTHC034")
        .map(|d| {
            let m = d["message"].as_str().unwrap();
            m.split('`').nth(1).unwrap().to_string()
        })
        .collect()
}

/// The lapse warnings on every date are exactly the procedures with nothing in force
/// that no decision repealed, as the decisions say; there is nothing else to report.
#[test]
fn lapse_warnings_are_exactly_the_procedures_the_decisions_leave_without_a_version() {
    for dir in catalogues("lapse") {
        let law = law_of(&dir);
        for at in DATES {
            let v = json_in(
                &dir,
                &["check", "procedures", "--at", at, "--format", "json"],
            );
            assert_eq!(v["errors"], 0, "{}: {v:#}", dir.display());
            let all = v["diagnostics"].as_array().unwrap();
            assert!(all.iter().all(|d| d["code"] == "TTHC034"), "{v:#}");
            assert_eq!(
                warned(&v),
                law.lapsed(date(at)),
                "{} on {at}",
                dir.display()
            );
            for d in all {
                assert_eq!(d["severity"], "warning");
            }
        }
    }
    // The bundled catalogue before the reform: nothing to say, even with warnings denied;
    // after it, warnings fail only with --deny-warnings.
    let o = tthc(&[
        "check",
        "procedures",
        "--at",
        "2024-06-01",
        "--deny-warnings",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let law = law_of(Path::new(env!("CARGO_MANIFEST_DIR")));
    if !law.lapsed(date("2026-01-05")).is_empty() {
        let o = tthc(&["check", "procedures", "--at", "2026-01-05"]);
        assert_eq!(o.status.code(), Some(0));
        let o = tthc(&[
            "check",
            "procedures",
            "--at",
            "2026-01-05",
            "--deny-warnings",
        ]);
        assert_eq!(o.status.code(), Some(1));
    }
}

/// What the district level's abolition means, as decided: a district-level version of
/// Decision 1086 lapses after 30/06/2025 unless a later decision replaced it (then the
/// new version is in force) or repealed it (then it is gone without a warning).
#[test]
fn after_the_reform_each_district_item_is_replaced_repealed_or_warned_about() {
    for dir in catalogues("reform") {
        let law = law_of(&dir);
        let after = date("2026-01-05");
        let v = json_in(
            &dir,
            &[
                "check",
                "procedures",
                "--at",
                "2026-01-05",
                "--format",
                "json",
            ],
        );
        let warned = warned(&v);
        let in_force = law.in_force(after);
        let district: Vec<&common::law::Version> = law
            .versions
            .iter()
            .filter(|v| v.decision == "1086/QĐ-UBND" && v.item.starts_with("A."))
            .collect();
        assert_eq!(district.len(), 15);
        for v in district {
            let replaced = in_force.contains(&v.procedure);
            let repealed = law.repealed(v);
            let lapsed = warned.contains(&v.procedure);
            assert_eq!(
                [replaced, repealed, lapsed].iter().filter(|b| **b).count(),
                1,
                "{} ({}) in {}",
                v.procedure,
                v.item,
                dir.display()
            );
        }
    }
}

#[test]
fn list_shows_what_is_in_force() {
    for dir in catalogues("list") {
        let law = law_of(&dir);
        for at in DATES {
            let l = json_in(
                &dir,
                &["list", "procedures", "--at", at, "--format", "json"],
            );
            let listed: BTreeSet<String> = l["procedures"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].as_str().unwrap().to_string())
                .collect();
            assert_eq!(listed, law.in_force(date(at)), "{} on {at}", dir.display());
        }
    }
    let after = json(&[
        "list",
        "procedures",
        "--at",
        "05/01/2026",
        "--format",
        "json",
    ]);
    assert_eq!(after["at"], "2026-01-05");
    // B.1 with everything a reviewer needs on one line.
    let listed = after["procedures"].as_array().unwrap();
    let b1 = listed.iter().find(|p| p["item"] == "B.1").unwrap();
    assert_eq!(b1["id"], "dang-ky-khai-sinh");
    assert_eq!(b1["code"], "1.001193");
    assert_eq!(b1["decision"], "1086/QĐ-UBND");
    assert_eq!(b1["authority"], "commune");
    let o = tthc(&["list", "procedures", "--at", "2026-01-05"]);
    let text = String::from_utf8_lossy(&o.stdout);
    let total = law_of(Path::new(env!("CARGO_MANIFEST_DIR")))
        .versions
        .iter()
        .map(|v| v.procedure.clone())
        .collect::<BTreeSet<_>>()
        .len();
    let expected = format!(
        "In force on 5 Jan 2026: {} of {total} procedures",
        listed.len()
    );
    assert!(text.starts_with(&expected), "{text}");
    let o = tthc(&["list", "procedures", "--at", "yesterday"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn diff_shows_what_the_reform_ends_and_what_replaces_it() {
    for dir in catalogues("diff") {
        let law = law_of(&dir);
        let v = json_in(
            &dir,
            &[
                "diff",
                "procedures",
                "--at",
                "2024-06-01",
                "--at",
                "2026-01-05",
                "--format",
                "json",
            ],
        );
        let (before, after) = (
            law.in_force(date("2024-06-01")),
            law.in_force(date("2026-01-05")),
        );
        let ids = |k: &str, side: &str| -> BTreeSet<String> {
            v[k].as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    let p = if side.is_empty() { p } else { &p[side] };
                    p["id"].as_str().unwrap().to_string()
                })
                .collect()
        };
        assert_eq!(ids("removed", ""), &before - &after, "{}", dir.display());
        assert_eq!(ids("added", ""), &after - &before, "{}", dir.display());
        // A procedure in force on both dates is changed exactly when its version is
        // another one.
        let changed = ids("changed", "after");
        for p in before.intersection(&after) {
            let version_at = |d: NaiveDate| {
                law.versions
                    .iter()
                    .position(|v| {
                        v.procedure == *p && law.start(v) <= d && law.end(v).is_none_or(|e| d <= e)
                    })
                    .unwrap()
            };
            if version_at(date("2024-06-01")) == version_at(date("2026-01-05")) {
                assert!(!changed.contains(p), "{p}");
            }
        }
    }
    let o = tthc(&["diff", "procedures", "--at", "2024-06-01"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn diff_names_what_a_new_version_changes() {
    let dir = std::env::temp_dir().join(format!("tthc-coverage-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/TTHC035.tthc"),
    )
    .unwrap()
    .replace("until 2025-05-31", "until 2025-06-30")
    .replacen(
        "    total 1 day\n    step receive \"Tiếp nhận\" by desk 1 day\n  }\n}",
        "    total 2 days\n    step receive \"Tiếp nhận\" by officer 2 days\n  }\n}",
        1,
    );
    std::fs::write(dir.join("p.tthc"), &text).unwrap();
    let o = tthc_in(
        &dir,
        &[
            "diff",
            "p.tthc",
            "--at",
            "2025-06-30",
            "--at",
            "2025-07-01",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{text}", String::from_utf8_lossy(&o.stderr)));
    let changes = &v["changed"][0]["changes"];
    let by_what = |w: &str| {
        changes
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["what"] == w)
            .cloned()
    };
    assert_eq!(by_what("total").unwrap()["before"], "1 day");
    assert_eq!(by_what("total").unwrap()["after"], "2 days");
    assert_eq!(by_what("source").unwrap()["after"], "2/QĐ-UBND item 1");
    assert_eq!(
        by_what("steps").unwrap()["after"],
        "receive by officer: 2 days"
    );
    assert!(by_what("authority").is_none());
}

#[test]
fn a_case_the_procedure_does_not_have_is_refused_with_the_cases_it_has() {
    // B.1 (đăng ký khai sinh) states no verification time: asking for one is a mistake.
    let o = tthc(&[
        "due",
        "dang-ky-khai-sinh",
        "--variant",
        "verification",
        "--received",
        "2025-03-04 10:00",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(
        e.contains("has no case `verification`") && e.contains("only its ordinary case"),
        "{e}"
    );
    // B.16 states one (23 days): it is accepted.
    let o = tthc(&[
        "due",
        "cap-giay-xac-nhan-tinh-trang-hon-nhan",
        "--variant",
        "verification",
        "--received",
        "2025-03-04 10:00",
    ]);
    assert_eq!(o.status.code(), Some(0));
}
