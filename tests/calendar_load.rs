//! Loading calendars from disk and from memory, and rejecting bad data.

use chrono::NaiveDate;
use std::path::Path;
use tthc::calendar::{CalendarError, Calendars, DayKind};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn fixture_files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/calendar_fixture");
    ["mini.yaml", "mini-2025.ics"]
        .iter()
        .map(|n| {
            (
                format!("calendars/{n}"),
                std::fs::read_to_string(dir.join(n)).unwrap(),
            )
        })
        .collect()
}

#[test]
fn bundled_calendar_loads_from_disk() {
    let cals =
        tthc::sources::calendars_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("calendars"))
            .unwrap();
    let vn = cals.get("vn").unwrap();
    let idx = vn.index();
    assert!(!idx.is_working_day(d(2025, 1, 29)).unwrap(), "Tết 2025");
    assert!(
        idx.is_working_day(d(2025, 4, 26)).unwrap(),
        "swapped Saturday"
    );
    assert!(
        !idx.is_working_day(d(2025, 5, 2)).unwrap(),
        "swapped Friday"
    );
    assert!(!idx.is_working_day(d(2026, 2, 16)).unwrap(), "Tết 2026 eve");
    assert!(
        !idx.is_working_day(d(2027, 2, 8)).unwrap(),
        "computed Tết 2027"
    );
    assert!(vn.is_provisional(d(2027, 1, 1)) && !vn.is_provisional(d(2026, 12, 31)));
    assert_eq!(idx.minutes_per_day(), 480);
}

#[test]
fn fixture_calendar_loads_from_memory() {
    let cals = Calendars::load_from_files(&fixture_files()).unwrap();
    let mini = cals.get("mini").unwrap();
    let idx = mini.index();
    assert!(!idx.is_working_day(d(2025, 1, 2)).unwrap());
    assert!(idx.is_working_day(d(2025, 1, 4)).unwrap());
    let marks = mini.marks_for_year(2025).unwrap();
    assert_eq!(marks.len(), 3);
    assert_eq!(marks[2].kind, DayKind::WorkingDay);
    assert!(matches!(
        cals.get("nope"),
        Err(CalendarError::UnknownCalendar(_))
    ));
    assert!(matches!(
        mini.marks_for_year(2030),
        Err(CalendarError::OutOfHorizon { .. })
    ));
}

#[test]
fn a_missing_ics_file_is_named() {
    let files: Vec<_> = fixture_files()
        .into_iter()
        .filter(|(p, _)| p.ends_with(".yaml"))
        .collect();
    let err = Calendars::load_from_files(&files).unwrap_err();
    assert_eq!(
        err.to_string(),
        "calendar `mini` names `calendars/mini-2025.ics`, which was not supplied"
    );
}

#[test]
fn a_bad_category_is_rejected_with_file_and_event() {
    let mut files = fixture_files();
    files[1].1 = files[1]
        .1
        .replace("CATEGORIES:DAY-OFF", "CATEGORIES:VACATION");
    let err = Calendars::load_from_files(&files).unwrap_err().to_string();
    assert!(
        err.starts_with(
            "calendars/mini-2025.ics: event mini-2025-01-02@tthc: CATEGORIES `VACATION`"
        ),
        "{err}"
    );
}

#[test]
fn a_working_day_on_a_weekday_is_rejected() {
    let mut files = fixture_files();
    files[1].1 = files[1]
        .1
        .replace("20250104", "20250106")
        .replace("20250105", "20250107");
    let err = Calendars::load_from_files(&files).unwrap_err().to_string();
    assert!(
        err.contains("is marked WORKING-DAY but is already a working weekday"),
        "{err}"
    );
}

#[test]
fn a_day_outside_the_announced_years_is_rejected() {
    let mut files = fixture_files();
    files[1].1 = files[1]
        .1
        .replace("20250101", "20260101")
        .replace("20250102\r\nSUMMARY:Tết", "20260102\r\nSUMMARY:Tết");
    let err = Calendars::load_from_files(&files).unwrap_err().to_string();
    assert!(err.contains("outside the announced years"), "{err}");
}

#[test]
fn bundled_calendar_loads_from_an_embedded_folder() {
    let files = tthc::bundled::calendar_files();
    let cals = Calendars::load_from_files(&files).unwrap();
    assert_eq!(cals.ids().collect::<Vec<_>>(), ["an-giang", "vn"]);
    let vn = cals.get("vn").unwrap();
    assert!(
        !vn.index().is_working_day(d(2026, 11, 24)).unwrap(),
        "Ngày Văn hóa Việt Nam 2026"
    );
}

#[test]
fn every_computed_year_has_its_statutory_days() {
    let cals =
        tthc::sources::calendars_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("calendars"))
            .unwrap();
    let vn = cals.get("vn").unwrap();
    for year in 2027..=2060 {
        let holidays = vn
            .marks_for_year(year)
            .unwrap()
            .iter()
            .filter(|m| m.kind == DayKind::Holiday)
            .count();
        let expected = 12;
        assert_eq!(holidays, expected, "{year}");
        assert!(
            vn.marks_for_year(year)
                .unwrap()
                .iter()
                .all(|m| m.provisional)
        );
        let tet = tthc::calendar::lunar::tet(year).unwrap();
        assert!(!vn.index().is_working_day(tet).unwrap(), "Tết {year}");
    }
}
