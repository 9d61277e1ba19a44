//! Provincial hours, doubt and edges through the `tthc` binary (issue 10, items 3–5).
//!
//! Two calendars extend the bundled `vn`: `an-giang` (07:00–11:00, 13:00–17:00), shipped
//! in `calendars/` as the example province calendar, and `mua-he` in
//! `tests/fixtures/calendars/` (summer 07:00–11:00, 13:30–17:30 from 1 May to 30
//! September, the national hours otherwise; uncertain days worked).
//! Every expected value is worked out by hand in the comments.

use std::process::{Command, Output};

fn fixtures() -> String {
    format!("{}/tests/fixtures/calendars", env!("CARGO_MANIFEST_DIR"))
}

fn tthc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tthc"))
        .args(args)
        .current_dir(std::env::temp_dir())
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("runs tthc")
}

fn ok(args: &[&str]) -> String {
    let o = tthc(args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{args:?}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(args)).unwrap()
}

/// The README's command: the bundled `an-giang` calendar, no folder needed.
fn an_giang(days: &str) -> serde_json::Value {
    json(&[
        "due",
        "--days",
        days,
        "--received",
        "2023-12-05 11:04:42",
        "--calendar",
        "an-giang",
        "--json",
    ])
}

#[test]
fn the_an_giang_calibration() {
    // Received Tue 05/12/2023 11:04:42. Seconds round up: 11:05, which is in An Giang's
    // lunch break (11:00–13:00), so the count starts at 13:00 the same day (before the
    // 15:00 cutoff). A working day is 480 minutes; the count stands at 240 minutes of
    // 05/12, so N whole days later it stands at 240 minutes of the N-th working day after,
    // which is the end of the morning session: 11:00 (half_day_ends: before_break).
    // 5 days: Wed 06, Thu 07, Fri 08, Mon 11, Tue 12/12 → 12/12/2023 11:00.
    let five = an_giang("5");
    assert_eq!(five["clock_started_at"], "2023-12-05T13:00:00+07:00");
    assert_eq!(five["due_at"], "2023-12-12T11:00:00+07:00");
    // 25 days: December 06–08 (3), 11–15 (8), 18–22 (13), 25–29 (18); Mon 01/01/2024 is
    // Tết Dương lịch; Tue 02–Fri 05/01 (22), Mon 08, Tue 09, Wed 10/01 (25) → 11:00.
    let v = an_giang("25");
    assert_eq!(v["due_at"], "2024-01-10T11:00:00+07:00");
    assert_eq!(v["calendar"], "an-giang");
    // 2023 and 2024 are announced: not provisional.
    assert_eq!(v["provisional"], false);
    assert_eq!(v["uncertain_days"], serde_json::json!([]));
    // The national hours (07:30–11:30) give 11:05 instead: the calibration needs the
    // province's own sessions.
    let vn = json(&[
        "due",
        "--days",
        "25",
        "--received",
        "2023-12-05 11:04:42",
        "--json",
    ]);
    assert_eq!(vn["due_at"], "2024-01-10T11:05:00+07:00");
    // The human output prints the same appointment.
    let text = ok(&[
        "due",
        "--days",
        "25",
        "--received",
        "2023-12-05 11:04:42",
        "--calendar",
        "an-giang",
    ]);
    assert!(text.contains("11:00, Wed 10 Jan 2024"), "{text}");
}

#[test]
fn the_an_giang_calibration_with_steps() {
    // The same case as a procedure of 25 days whose first step has 5 (a fixture
    // catalogue): the first step is due at 5 days, 12/12/2023 11:00, the whole at
    // 10/01/2024 11:00 (worked out above); the steps between are cumulative: 5 + 15 =
    // 20 days → 240 minutes of the 20th working day after 05/12, Wed 03/01/2024 11:00
    // (Dec: 18 working days from 06/12 to 29/12; 01/01 is a holiday; 02/01, 03/01).
    let catalogue = format!(
        "{}/tests/fixtures/an-giang-catalogue",
        env!("CARGO_MANIFEST_DIR")
    );
    let v = json(&[
        "--catalogue",
        &catalogue,
        "due",
        "an-giang-25",
        "--received",
        "2023-12-05 11:04:42",
        "--calendar",
        "an-giang",
        "--json",
    ]);
    assert_eq!(v["due_at"], "2024-01-10T11:00:00+07:00");
    let steps: Vec<&str> = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["due_at"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "2023-12-12T11:00:00+07:00",
            "2024-01-03T11:00:00+07:00",
            "2024-01-10T11:00:00+07:00",
            "2024-01-10T11:00:00+07:00"
        ]
    );
}

#[test]
fn the_calendar_command_takes_a_folder_and_an_id() {
    let dir = format!("{}/calendars", env!("CARGO_MANIFEST_DIR"));
    let text = ok(&[
        "calendar",
        "show",
        "--year",
        "2023",
        "--calendars",
        &dir,
        "--calendar",
        "an-giang",
    ]);
    // The national days off of 2023, under the province's name.
    assert!(
        text.starts_with("Lịch làm việc tỉnh An Giang — 2023:"),
        "{text}"
    );
    assert!(
        text.contains("20/01/2023") || text.contains("20 Jan 2023"),
        "{text}"
    );
}

#[test]
fn hours_change_with_the_season() {
    let dir = fixtures();
    let due = |received: &str| {
        json(&[
            "due",
            "--days",
            "1",
            "--received",
            received,
            "--calendars",
            &dir,
            "--calendar",
            "mua-he",
            "--json",
        ])["due_at"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // Summer: one working day from Mon 02/06/2025 07:00 ends at that day's close, 17:30.
    assert_eq!(due("2025-06-02 07:00"), "2025-06-02T17:30:00+07:00");
    // Winter (national hours): from Mon 03/03/2025 07:30 → 17:00.
    assert_eq!(due("2025-03-03 07:30"), "2025-03-03T17:00:00+07:00");
    // Across the change: Tue 30/09/2025 14:00 (summer; before the 15:00 cutoff) + 1 day:
    // 210 minutes on 30/09 (14:00–17:30), then 270 on Wed 01/10 in winter hours: 240 in
    // the morning (07:30–11:30) and 30 after 13:00 → 13:30.
    assert_eq!(due("2025-09-30 14:00"), "2025-10-01T13:30:00+07:00");
}

#[test]
fn uncertain_days_are_listed() {
    // 24/11/2026 (Tue) is a day off of uncertain legal basis. In `vn` it counts as a day
    // off: Mon 23/11 10:00 + 1 day → Wed 25/11 10:00, and it is listed.
    let v = json(&[
        "due",
        "--days",
        "1",
        "--received",
        "2026-11-23 10:00",
        "--json",
    ]);
    assert_eq!(v["due_at"], "2026-11-25T10:00:00+07:00");
    assert_eq!(v["uncertain_days"], serde_json::json!(["2026-11-24"]));
    // A span that does not reach it lists nothing: Fri 20/11 10:00 → Mon 23/11 10:00.
    let v = json(&[
        "due",
        "--days",
        "1",
        "--received",
        "2026-11-20 10:00",
        "--json",
    ]);
    assert_eq!(v["due_at"], "2026-11-23T10:00:00+07:00");
    assert_eq!(v["uncertain_days"], serde_json::json!([]));
    // `mua-he` counts uncertain days as working days: → Tue 24/11 10:00, still listed.
    let dir = fixtures();
    let v = json(&[
        "due",
        "--days",
        "1",
        "--received",
        "2026-11-23 10:00",
        "--calendars",
        &dir,
        "--calendar",
        "mua-he",
        "--json",
    ]);
    assert_eq!(v["due_at"], "2026-11-24T10:00:00+07:00");
    assert_eq!(v["uncertain_days"], serde_json::json!(["2026-11-24"]));
    // Human output, both languages.
    let en = ok(&["due", "--days", "1", "--received", "2026-11-23 10:00"]);
    assert!(en.contains("Uncertain: 24 Nov 2026"), "{en}");
    let vi = ok(&[
        "--lang",
        "vi",
        "due",
        "--days",
        "1",
        "--received",
        "2026-11-23 10:00",
    ]);
    assert!(vi.contains("Chưa chắc chắn: 24/11/2026"), "{vi}");
    // Status too.
    let s = json(&[
        "status",
        "--days",
        "1",
        "--received",
        "2026-11-23 10:00",
        "--at",
        "2026-11-23 11:00",
        "--json",
    ]);
    assert_eq!(s["uncertain_days"], serde_json::json!(["2026-11-24"]));
}

#[test]
fn edges_and_refusals() {
    // --days 0 is refused like a zero total, exit 2, nothing on stdout.
    let o = tthc(&["due", "--days", "0", "--received", "2025-03-03 08:00"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let e = String::from_utf8(o.stderr).unwrap();
    assert!(e.contains("--days `0` is zero"), "{e}");
    let o = tthc(&["due", "--days", "0,0", "--received", "2025-03-03 08:00"]);
    assert_eq!(o.status.code(), Some(2));
    // Before the first announced year: an error naming the date.
    let o = tthc(&["due", "--days", "1", "--received", "2019-12-30 08:00"]);
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8(o.stderr).unwrap();
    assert!(e.contains("30 Dec 2019 is before 2020"), "{e}");
    // At the due instant: due_soon, not overdue. Mon 03/03/2025 07:30 + 1 day → 17:00.
    let s = json(&[
        "status",
        "--days",
        "1",
        "--received",
        "2025-03-03 07:30",
        "--at",
        "2025-03-03 17:00",
        "--json",
    ]);
    assert_eq!(s["status"], "due_soon");
    // A receipt at lunch starts at 13:00: + 1 day → Tue 11:30.
    let v = json(&[
        "due",
        "--days",
        "1",
        "--received",
        "2025-03-03 12:10",
        "--json",
    ]);
    assert_eq!(v["clock_started_at"], "2025-03-03T13:00:00+07:00");
    assert_eq!(v["due_at"], "2025-03-04T11:30:00+07:00");
    // Seconds round up: 08:00:01 counts from 08:01 → Tue 08:01.
    let v = json(&[
        "due",
        "--days",
        "1",
        "--received",
        "2025-03-03 08:00:01",
        "--json",
    ]);
    assert_eq!(v["due_at"], "2025-03-04T08:01:00+07:00");
    // The conventions are in `tthc calendar --help`.
    let help = ok(&["calendar", "--help"]);
    for needle in [
        "ends at the break",
        "starts the count at 13:00",
        "due_soon, not overdue",
        "Seconds round up",
        "cutoff (15:00 in vn) reaches same-day counts only",
        "`--days 0` is refused",
    ] {
        assert!(help.contains(needle), "{needle}\n{help}");
    }
}

/// The seed's status screen at 07/12/2023 08:24 read "Còn 3 ngày 2 giờ 36 phút" for the
/// 5-day step and "Còn 23 ngày 2 giờ 36 phút" for the whole file (DOMAIN.md).
#[test]
fn the_an_giang_status_screen() {
    // The count started Tue 05/12/2023 13:00 (see the calibration above). By Thu 07/12
    // 08:24 on An Giang's hours it has run 13:00–17:00 of 05/12 (240 minutes), all of
    // 06/12 (480) and 07:00–08:24 of 07/12 (84): 804 minutes. A working day is 480
    // minutes. The 5-day step: 2,400 − 804 = 1,596 = 3 × 480 + 156 → 3 days 2 h 36 min.
    // The file, 25 days: 12,000 − 804 = 11,196 = 23 × 480 + 156 → 23 days 2 h 36 min.
    let status = |days: &str| {
        json(&[
            "status",
            "--days",
            days,
            "--received",
            "2023-12-05 11:04:42",
            "--at",
            "2023-12-07 08:24",
            "--calendar",
            "an-giang",
            "--json",
        ])
    };
    let step = status("5");
    assert_eq!(step["status"], "not_due");
    assert_eq!(step["working_minutes"], 1596);
    assert_eq!(step["label_vi"], "Còn 3 ngày 2 giờ 36 phút");
    let file = status("25");
    assert_eq!(file["working_minutes"], 11196);
    assert_eq!(file["label_vi"], "Còn 23 ngày 2 giờ 36 phút");
}

/// The shipped example calendar is the documented one: An Giang's hours over the
/// national days off, as `calendars/an-giang.yaml` says.
#[test]
fn an_giang_is_shipped_with_the_bundled_calendars() {
    let cals = tthc::bundled::calendars().unwrap();
    let ag = cals.get("an-giang").unwrap();
    assert_eq!(ag.config().extends.as_deref(), Some("vn"));
    assert_eq!(ag.index().minutes_per_day(), 480);
    let text = ok(&[
        "calendar",
        "show",
        "--year",
        "2024",
        "--calendar",
        "an-giang",
    ]);
    assert!(
        text.starts_with("Lịch làm việc tỉnh An Giang — 2024:"),
        "{text}"
    );
}

/// A day of uncertain legal basis is listed only when it could change the result.
#[test]
fn uncertain_days_are_listed_only_when_they_could_change_the_result() {
    let due = |received: &str| json(&["due", "--days", "1", "--received", received, "--json"]);
    // 24/11/2029 is a Saturday: not a working day either way. Fri 23/11/2029 10:00 + 1 day
    // → Mon 26/11/2029 10:00, and nothing is uncertain.
    let v = due("2029-11-23 10:00");
    assert_eq!(v["due_at"], "2029-11-26T10:00:00+07:00");
    assert_eq!(v["uncertain_days"], serde_json::json!([]));
    // 24/11/2027 is a Wednesday, counted off: Tue 23/11 16:00 + 1 day (480 minutes) runs
    // 16:00–17:00 (60), skips Wed, then Thu 25/11 07:30–11:30 (300) and 13:00 + 180 →
    // Thu 25/11/2027 16:00; were Wednesday worked it would be Wed 16:00.
    let v = due("2027-11-23 16:00");
    assert_eq!(v["due_at"], "2027-11-25T16:00:00+07:00");
    assert_eq!(v["uncertain_days"], serde_json::json!(["2027-11-24"]));
    // Received on the uncertain day itself: the count starts Thu 07:30 (due Thu 17:00);
    // were Wednesday worked it would have started on receipt. It is listed, though it
    // lies before the clock start.
    let v = due("2027-11-24 10:00");
    assert_eq!(v["clock_started_at"], "2027-11-25T07:30:00+07:00");
    assert_eq!(v["uncertain_days"], serde_json::json!(["2027-11-24"]));
    // `tthc calendar show` says why the weekend one does not matter.
    let year = ok(&["calendar", "show", "--year", "2029"]);
    assert!(
        year.contains("falls on a weekend: no result depends on it"),
        "{year}"
    );
}
