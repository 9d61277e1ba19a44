//! The predictor (the computed years' rules, `tthc::calendar::statutory`) against every
//! announced year in `calendars/*.ics` (issue 10, item 2).
//!
//! The test data and the expected values both come from the ICS files: for each announced
//! year, the weekdays off that the law and the Prime Minister's usual choices explain
//! (everything but swapped bridge days, which are decided each year and cannot be
//! predicted) must be exactly the weekdays off the predictor gives.

use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::BTreeSet;
use std::path::Path;
use tthc::calendar::{DayKind, ics, statutory};

const MON_FRI: [Weekday; 5] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];

/// Every announced year in `calendars/vn-YYYY.ics`, with its weekdays off that are not
/// swapped bridge days. A swapped day off's SUMMARY begins with "Nghỉ hoán đổi" (the
/// files' convention, calendars/README.md); its make-up Saturday is a WORKING-DAY.
fn announced() -> Vec<(i32, BTreeSet<NaiveDate>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("calendars");
    let mut years = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("vn-") && n.ends_with(".ics"))
        .collect();
    names.sort();
    for name in names {
        let year: i32 = name[3..7].parse().unwrap();
        let text = std::fs::read_to_string(dir.join(&name)).unwrap();
        let off = ics::read_marks(&name, &text)
            .unwrap()
            .into_iter()
            .filter(|m| m.kind != DayKind::WorkingDay)
            .filter(|m| !m.name.starts_with("Nghỉ hoán đổi"))
            .map(|m| m.date)
            .collect();
        years.push((year, off));
    }
    years
}

fn predicted(year: i32) -> BTreeSet<NaiveDate> {
    statutory::days_off(year, &MON_FRI)
        .unwrap()
        .into_iter()
        .filter(|m| m.kind != DayKind::WorkingDay)
        .filter(|m| MON_FRI.contains(&m.date.weekday()))
        .map(|m| m.date)
        .collect()
}

#[test]
fn the_predictor_reproduces_every_announced_year() {
    let years = announced();
    assert!(years.len() >= 7, "2020–2026 are announced: {}", years.len());
    let mut wrong = Vec::new();
    for (year, off) in &years {
        let guess = predicted(*year);
        for d in off.difference(&guess) {
            wrong.push(format!("{d}: announced off, predicted working"));
        }
        for d in guess.difference(off) {
            wrong.push(format!("{d}: predicted off, announced working"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_predicted_2027_tet_break() {
    // Tết 2027: mùng 1 = Sat 06/02/2027. Two days before: Thu 04/02, Fri 05/02. Mùng 1–3:
    // Sat 06/02, Sun 07/02, Mon 08/02. Sat 06 and Sun 07 are weekend days, so two make-up
    // days follow on the next working days that are not holidays: Tue 09/02, Wed 10/02.
    // Break: Thu 04/02 – Wed 10/02 (with the weekend inside), back at work Thu 11/02.
    let feb: Vec<u32> = predicted(2027)
        .into_iter()
        .filter(|d| d.month() == 2)
        .map(|d| d.day())
        .collect();
    assert_eq!(feb, [4, 5, 8, 9, 10]);
    let cals =
        tthc::sources::calendars_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("calendars"))
            .unwrap();
    let idx = cals.get("vn").unwrap().index();
    let d = |day| NaiveDate::from_ymd_opt(2027, 2, day).unwrap();
    assert!(idx.is_working_day(d(3)).unwrap());
    assert!((4..=10).all(|day| !idx.is_working_day(d(day)).unwrap()));
    assert!(idx.is_working_day(d(11)).unwrap());
}
