//! `tthc test`: the worked examples beside the bundled procedures pass, a procedure made
//! longer makes them fail with expected and computed side by side, and a malformed
//! example file cannot run (exit 2, with its file and line).

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::tthc_in;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tthc-examples-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

/// A copy of the working catalogue and its calendars in a temporary folder.
fn catalogue_copy(name: &str) -> PathBuf {
    let d = temp_dir(name);
    copy_dir(&root().join("procedures"), &d.join("procedures"));
    copy_dir(&root().join("calendars"), &d.join("calendars"));
    d
}

const B16: &str = "procedures/1086-QD-UBND/b16-cap-giay-xac-nhan-tinh-trang-hon-nhan.tthc";

#[test]
fn the_bundled_examples_pass() {
    let o = tthc_in(&root(), &["test", "procedures", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let n = v["examples"].as_u64().unwrap();
    assert!(n >= 37, "only {n} examples");
    assert_eq!(v["passed"].as_u64(), Some(n));
    assert_eq!(v["failed"], 0);
    assert_eq!(v["failures"], serde_json::json!([]));

    let human = tthc_in(&root(), &["test", "procedures"]);
    assert_eq!(human.status.code(), Some(0));
    assert!(
        stdout(&human).contains(&format!("{n} examples: {n} passed, 0 failed")),
        "{}",
        stdout(&human)
    );
}

#[test]
fn every_bundled_procedure_has_an_example() {
    let text =
        std::fs::read_to_string(root().join("procedures/1086-QD-UBND/examples.yaml")).unwrap();
    let mut ids = std::collections::BTreeSet::new();
    for e in std::fs::read_dir(root().join("procedures/1086-QD-UBND")).unwrap() {
        let p = e.unwrap().path();
        let body = std::fs::read_to_string(&p).unwrap();
        if let Some(line) = body.lines().find(|l| l.starts_with("procedure ")) {
            ids.insert(line.split_whitespace().nth(1).unwrap().to_string());
        }
    }
    assert_eq!(ids.len(), 37);
    for id in &ids {
        assert!(
            text.contains(&format!("procedure: {id} ")),
            "no example for {id}"
        );
    }
}

#[test]
fn b16_one_day_longer_fails_with_expected_and_computed() {
    let d = catalogue_copy("b16");
    let file = d.join(B16);
    let text = std::fs::read_to_string(&file).unwrap();
    // One more day, consistently: the total and the appraisal step (0,5 + 03 + 0,5 = 4).
    let longer = text
        .replace(
            "  total 3 days, verification 23 days",
            "  total 4 days, verification 23 days",
        )
        .replace(
            "commune-civil-status 02 days, verification 22 days",
            "commune-civil-status 03 days, verification 22 days",
        )
        // The decision's words kept beside the numbers change with them (TTHC041).
        .replace(
            "\"3 ngày (TH cần xác minh: 23 ngày)\"",
            "\"4 ngày (TH cần xác minh: 23 ngày)\"",
        )
        .replace("\"02 ngày (22 ngày", "\"03 ngày (22 ngày");
    assert_ne!(longer, text);
    assert_eq!(longer.matches("4 days").count(), 1);
    std::fs::write(&file, longer).unwrap();
    // The longer procedure is still a valid one: only the examples notice.
    let check = tthc_in(&d, &["check", "procedures", "--at", "2025-06-30"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));

    let o = tthc_in(&d, &["test", "procedures"]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    // Hand-worked: received Tue 04/03/2025 10:00, 3 days → Fri 07/03 10:00; the engine
    // now gives 4 days → Mon 10/03 10:00. Both are shown, with the file and line.
    let head = out
        .lines()
        .find(|l| l.contains("FAIL cap-giay-xac-nhan-tinh-trang-hon-nhan"))
        .expect(&out);
    assert!(
        head.starts_with("procedures/1086-QD-UBND/examples.yaml:"),
        "{head}"
    );
    let line: usize = head.split(':').nth(1).unwrap().parse().unwrap();
    let yaml = std::fs::read_to_string(d.join("procedures/1086-QD-UBND/examples.yaml")).unwrap();
    assert!(
        yaml.lines()
            .nth(line - 1)
            .unwrap()
            .contains("cap-giay-xac-nhan-tinh-trang-hon-nhan")
    );
    let due_row = out
        .lines()
        .find(|l| l.trim_start().starts_with("due ") && l.contains("2025-03-10 10:00"))
        .expect(&out);
    assert!(due_row.contains("2025-03-07 10:00"), "{due_row}");
    assert!(
        due_row.find("2025-03-07").unwrap() < due_row.find("2025-03-10").unwrap(),
        "expected before computed: {due_row}"
    );
    assert!(
        out.contains("engine: Received at 10:00, Tue 4 Mar 2025"),
        "{out}"
    );
    assert!(out.contains("4 working days, item B.16"), "{out}");
    assert!(out.contains("worked by hand: 3 days"), "{out}");

    let j = tthc_in(&d, &["test", "procedures", "--format", "json"]);
    assert_eq!(j.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&j)).unwrap();
    let failed = v["failed"].as_u64().unwrap();
    assert!(failed >= 1);
    assert_eq!(
        v["passed"].as_u64().unwrap() + failed,
        v["examples"].as_u64().unwrap()
    );
    let failures = v["failures"].as_array().unwrap();
    assert_eq!(failures.len() as u64, failed);
    assert!(
        failures
            .iter()
            .all(|f| f["procedure"] == "cap-giay-xac-nhan-tinh-trang-hon-nhan")
    );
    let first = &failures[0]["mismatches"][0];
    assert_eq!(first["what"], "due");
    assert!(
        first["expected"]
            .as_str()
            .unwrap()
            .starts_with("2025-03-07 10:00")
    );
    assert!(
        first["computed"]
            .as_str()
            .unwrap()
            .starts_with("2025-03-10 10:00")
    );

    let g = tthc_in(&d, &["test", "procedures", "--format", "github"]);
    assert_eq!(g.status.code(), Some(1));
    assert!(
        stdout(&g).contains(&format!(
            "::error file=procedures/1086-QD-UBND/examples.yaml,line={line}::"
        )),
        "{}",
        stdout(&g)
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_malformed_example_file_cannot_run() {
    let d = catalogue_copy("malformed");
    let file = d.join("procedures/1086-QD-UBND/examples.yaml");
    // Line 5 starts an example with a misspelt field (`recieved`).
    std::fs::write(
        &file,
        "# examples\nexamples:\n  - procedure: dang-ky-khai-sinh\n    received: 2025-03-03 09:00\n    recieved: 2025-03-03 09:00\n    due: 2025-03-03 17:00\n    how: same day\n",
    )
    .unwrap();
    let o = tthc_in(&d, &["test", "procedures"]);
    assert_eq!(o.status.code(), Some(2), "{}{}", stdout(&o), stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("procedures/1086-QD-UBND/examples.yaml:5:"),
        "{err}"
    );
    assert!(err.contains("recieved"), "{err}");

    // Not YAML at all: still the file and the line.
    std::fs::write(&file, "examples:\n  - procedure: [unclosed\n").unwrap();
    let o = tthc_in(&d, &["test", "procedures"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("procedures/1086-QD-UBND/examples.yaml:"),
        "{}",
        stderr(&o)
    );

    // An example without `how` is refused: its values must say how they were worked out.
    std::fs::write(
        &file,
        "examples:\n  - procedure: dang-ky-khai-sinh\n    received: 2025-03-03 09:00\n    due: 2025-03-03 17:00\n    how: \"\"\n",
    )
    .unwrap();
    let o = tthc_in(&d, &["test", "procedures", "--format", "github"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("::error file=procedures/1086-QD-UBND/examples.yaml,line=2::"),
        "{}",
        stdout(&o)
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn an_example_the_engine_refuses_is_a_failure_not_a_crash() {
    // Received before Decision 1086 took effect (09/04/2024): no version in force.
    let d = catalogue_copy("refused");
    std::fs::write(
        d.join("procedures/1086-QD-UBND/examples.yaml"),
        "examples:\n  - procedure: dang-ky-khai-sinh-co-yeu-to-nuoc-ngoai\n    received: 2023-01-05 09:00\n    due: 2023-01-05 17:00\n    how: same day, before the cutoff\n",
    )
    .unwrap();
    let o = tthc_in(&d, &["test", "procedures", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // (Other decisions' folders have examples of their own, which pass.)
    assert_eq!(v["failed"].as_u64(), Some(1), "{v:#}");
    let m = &v["failures"][0]["mismatches"][0];
    assert_eq!(m["what"], "error");
    assert!(
        m["computed"]
            .as_str()
            .unwrap()
            .contains("no version in force"),
        "{m}"
    );
    let _ = std::fs::remove_dir_all(&d);
}
