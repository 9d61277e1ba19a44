//! The guide for legal staff in `calendars/README.md` ("Adding an announced year"),
//! followed step by step on a copy of the calendars folder: a year moves from
//! provisional to announced with one ICS file, one line of `vn.yaml` and its sources, and
//! `tthc calendar show` and `tthc due` then say so.

mod common;

use std::path::{Path, PathBuf};

fn copy_calendars() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tthc-calendar-guide-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for e in std::fs::read_dir("calendars").unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["--calendars", dir.to_str().unwrap()]);
    let o = common::tthc(&all);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{all:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn adding_an_announced_year_as_the_guide_says() {
    let dir = copy_calendars();
    // Before: 2027 is computed.
    let before = run(&dir, &["calendar", "show", "--year", "2027"]);
    assert!(
        before.contains("Provisional: computed from the Labour Code"),
        "{before}"
    );
    let due = |dir: &Path| -> serde_json::Value {
        serde_json::from_str(&run(
            dir,
            &[
                "due",
                "--days",
                "3",
                "--received",
                "2027-02-03 10:00",
                "--json",
            ],
        ))
        .unwrap()
    };
    assert_eq!(due(&dir)["provisional"], true);

    // Step 2: write vn-2027.ics, starting from the computed year, each day citing the
    // text that announces it (here the one public code quotes, as an example).
    let ics = run(&dir, &["calendar", "export", "--year", "2027"]);
    let source = "Công văn 10065/VPCP-KGVX ngày 02/10/2026 của Văn phòng Chính phủ";
    let announced: String = ics
        .lines()
        .map(|l| {
            if l.starts_with("DESCRIPTION:") {
                format!("DESCRIPTION:{source}")
            } else if l.starts_with(' ') {
                // The rest of a folded computed description goes with it.
                String::new()
            } else {
                l.to_string()
            }
        })
        .filter(|l| !l.is_empty())
        .map(|l| format!("{l}\r\n"))
        .collect();
    std::fs::write(dir.join("vn-2027.ics"), announced).unwrap();
    // Step 3: the year and the file in vn.yaml.
    let yaml = std::fs::read_to_string(dir.join("vn.yaml")).unwrap();
    let yaml = yaml
        .replace(
            "years: { from: 2020, to: 2026 }",
            "years: { from: 2020, to: 2027 }",
        )
        .replace("vn-2026.ics]", "vn-2026.ics, vn-2027.ics]");
    std::fs::write(dir.join("vn.yaml"), yaml).unwrap();

    // Step 5: `tthc calendar show` lists the year without the provisional line, with
    // Tết Đinh Mùi Thu 04/02 – Wed 10/02 (mùng 1 Sat 06/02; 09, 10 make-up days).
    let after = run(&dir, &["calendar", "show", "--year", "2027"]);
    assert!(!after.contains("Provisional"), "{after}");
    for day in [
        "4 Feb 2027",
        "5 Feb 2027",
        "8 Feb 2027",
        "9 Feb 2027",
        "10 Feb 2027",
    ] {
        assert!(after.contains(day), "{day}\n{after}");
    }
    // And a deadline across it is no longer provisional: Wed 03/02/2027 10:00 + 3 days,
    // Thu 04 – Wed 10 off: Thu 11 (1), Fri 12 (2), Mon 15 (3) → Mon 15/02/2027 10:00.
    let v = due(&dir);
    assert_eq!(v["provisional"], false);
    assert_eq!(v["due_at"], "2027-02-15T10:00:00+07:00");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The letter Công văn 2450/VPCP-KGVX approves is written as its own header prints it:
/// «Số: 1511/BLĐTBXH-CATLĐ», in the sources and the ICS file alike.
#[test]
fn the_cited_letter_is_written_as_it_writes_itself() {
    let sources = std::fs::read_to_string("calendars/SOURCES.md").unwrap();
    // ICS lines are folded at 75 octets: unfold before reading.
    let ics = std::fs::read_to_string("calendars/vn-2024.ics")
        .unwrap()
        .replace("\r\n ", "");
    for text in [&sources, &ics] {
        assert!(text.contains("1511/BLĐTBXH-CATLĐ"));
        assert!(!text.contains("1511/LĐTBXH"));
    }
    assert!(sources.contains("«Số: 1511/BLĐTBXH-CATLĐ»"));
}
