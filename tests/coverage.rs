//! Coverage by date (issue 11, item 2): which procedures are in force on a date, the
//! warning when none is, and what changed between two dates. The bundled catalogue
//! encodes Decision 1086/QĐ-UBND of 2024; its district-level items A.1–A.15 end on
//! 30/06/2025 because the district level was abolished on 01/07/2025, and no decision
//! re-publishing them is encoded.

mod common;

use std::path::Path;
use std::process::Output;

use common::tthc_in;

fn tthc(args: &[&str]) -> Output {
    tthc_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn json(args: &[&str]) -> serde_json::Value {
    let o = tthc(args);
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}\n{}", String::from_utf8_lossy(&o.stderr)))
}

/// A.1 … A.15, the district-level items.
fn district_items() -> Vec<String> {
    (1..=15).map(|n| format!("A.{n}")).collect()
}

#[test]
fn lapsed_district_procedures_are_warned_about_on_a_date_after_the_reform() {
    let v = json(&[
        "check",
        "procedures",
        "--at",
        "2026-01-05",
        "--format",
        "json",
    ]);
    assert_eq!(v["errors"], 0);
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 15, "{v}");
    let mut items: Vec<String> = Vec::new();
    for d in diags {
        assert_eq!(d["code"], "TTHC034");
        assert_eq!(d["severity"], "warning");
        let m = d["message"].as_str().unwrap();
        assert!(
            m.contains("is in force on 5 Jan 2026") && m.contains("lapsed on 30 Jun 2025"),
            "{m}"
        );
        let item = m.split("(item ").nth(1).unwrap().split(' ').next().unwrap();
        items.push(item.to_string());
    }
    items.sort_by_key(|i| tthc::coverage::item_order(i));
    assert_eq!(items, district_items());
    // The same catalogue before the reform: nothing to say, even with warnings denied.
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
    // Warnings alone do not fail a plain check; with --deny-warnings they do.
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

#[test]
fn list_shows_what_is_in_force() {
    let before = json(&[
        "list",
        "procedures",
        "--at",
        "2024-06-01",
        "--format",
        "json",
    ]);
    assert_eq!(before["procedures"].as_array().unwrap().len(), 37);
    let after = json(&[
        "list",
        "procedures",
        "--at",
        "05/01/2026",
        "--format",
        "json",
    ]);
    assert_eq!(after["at"], "2026-01-05");
    let listed = after["procedures"].as_array().unwrap();
    assert_eq!(listed.len(), 22);
    assert!(
        listed
            .iter()
            .all(|p| !p["item"].as_str().unwrap().starts_with("A."))
    );
    // B.1 with everything a reviewer needs on one line.
    let b1 = listed.iter().find(|p| p["item"] == "B.1").unwrap();
    assert_eq!(b1["id"], "dang-ky-khai-sinh");
    assert_eq!(b1["code"], "1.001193");
    assert_eq!(b1["decision"], "1086/QĐ-UBND");
    assert_eq!(b1["authority"], "commune");
    assert_eq!(after["not_in_force"].as_array().unwrap().len(), 15);
    let o = tthc(&["list", "procedures", "--at", "2026-01-05"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.starts_with("In force on 5 Jan 2026: 22 of 37 procedures"),
        "{text}"
    );
    let o = tthc(&["list", "procedures", "--at", "yesterday"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn diff_shows_the_reform_as_fifteen_procedures_no_longer_in_force() {
    let v = json(&[
        "diff",
        "procedures",
        "--at",
        "2024-06-01",
        "--at",
        "2026-01-05",
        "--format",
        "json",
    ]);
    assert_eq!(v["added"].as_array().unwrap().len(), 0);
    assert_eq!(v["changed"].as_array().unwrap().len(), 0);
    let removed: Vec<String> = v["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["item"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(removed, district_items());
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
