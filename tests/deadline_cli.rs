//! `tthc due`, `tthc status` and `tthc calendar` as a person or a script runs them: the
//! values (worked out by hand in the comments), both languages, JSON, and errors.
//!
//! The procedure used is B.16 (cấp giấy xác nhận tình trạng hôn nhân): 3 working days
//! (receive 0,5 · appraise 2 · approve 0,5 · deliver), 23 with verification (appraise 22).
//! The `vn` calendar works 07:30–11:30 and 13:00–17:00.

use std::process::{Command, Output};

const B16: &str = "cap-giay-xac-nhan-tinh-trang-hon-nhan";

/// Runs tthc from a folder with no `procedures/`, so the bundled catalogue is used.
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

fn err(args: &[&str]) -> (i32, String) {
    let o = tthc(args);
    assert!(
        o.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    (
        o.status.code().unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(args)).unwrap()
}

#[test]
fn due_with_days_as_json() {
    // Tue 04/03/2025 11:04 + 25 working days, no holiday in March–April 2025 before
    // 30/4: 25 working days later at the same clock time is Wed 09/04 11:04.
    let v = json(&[
        "due",
        "--days",
        "25",
        "--received",
        "2025-03-04 11:04",
        "--json",
    ]);
    assert_eq!(v["due_at"], "2025-04-09T11:04:00+07:00");
    assert_eq!(v["clock_started_at"], "2025-03-04T11:04:00+07:00");
    assert_eq!(v["provisional"], false);
    assert_eq!(v["days"], "25");
    assert!(v["steps"].as_array().unwrap().is_empty());
}

#[test]
fn due_of_a_procedure_lists_steps() {
    // Mon 03/03/2025 08:00: receive 0,5 day = 4 h → 13:30 (3 h 30 in the morning, 30 min
    // after lunch); the whole 3 days end Thu 06/03 08:00.
    let v = json(&[
        "due",
        B16,
        "--received",
        "2025-03-03T08:00:00+07:00",
        "--json",
    ]);
    assert_eq!(v["steps"][0]["id"], "receive");
    assert_eq!(v["steps"][0]["due_at"], "2025-03-03T13:30:00+07:00");
    assert_eq!(v["due_at"], "2025-03-06T08:00:00+07:00");
    assert_eq!(v["steps"][3]["due_at"], v["due_at"]);
    // With verification, 23 working days from Mon 03/03 08:00: Thu 03/04 08:00.
    let text = ok(&[
        "due",
        B16,
        "--variant",
        "verification",
        "--received",
        "2025-03-03 08:00",
    ]);
    assert!(
        text.contains("Result due:         08:00, Thu 3 Apr 2025"),
        "{text}"
    );
    let vi = ok(&[
        "--lang",
        "vi",
        "due",
        B16,
        "--variant",
        "verification",
        "--received",
        "2025-03-03 08:00",
    ]);
    assert!(
        vi.contains("Hẹn trả kết quả:    08:00 thứ Năm, 03/04/2025"),
        "{vi}"
    );
}

#[test]
fn the_explanation_names_tet_and_the_cutoff() {
    // Fri 24/01/2025 10:00. Tết Ất Tỵ: Mon 27 to Fri 31/01 off, weekends 25–26/01 and
    // 01–02/02. Receive ends 15:30 Fri; appraise (2 days) 15:30 Tue 04/02; approve (0,5)
    // 10:00 Wed 05/02, the appointment.
    let vi = ok(&[
        "due",
        B16,
        "--received",
        "2025-01-24 10:00",
        "--explain",
        "--lang",
        "vi",
    ]);
    assert!(vi.contains("05/02/2025"), "{vi}");
    for day in [
        "27/01/2025",
        "28/01/2025",
        "29/01/2025",
        "30/01/2025",
        "31/01/2025",
    ] {
        assert!(vi.contains(day), "{day} missing:\n{vi}");
    }
    assert!(vi.contains("Tết Nguyên đán"), "{vi}");
    assert!(
        vi.contains("Hẹn trả kết quả lúc 10:00 thứ Tư, 05/02/2025"),
        "{vi}"
    );
    // B.16 (3 days) at 17:30: Decision 1086/QĐ-UBND applies the cutoff to same-day counts
    // only, so the reason is the close, and the explanation says where the (absent)
    // cutoff comes from.
    let en = ok(&["due", B16, "--received", "2025-03-04 17:30", "--explain"]);
    assert!(en.contains("outside working hours"), "{en}");
    assert!(
        en.contains("No cutoff applies: calendar vn's 15:00 cutoff reaches same-day counts only (as Decision 1086/QĐ-UBND states)."),
        "{en}"
    );
    let v = json(&[
        "due",
        B16,
        "--received",
        "2025-03-04 17:30",
        "--explain",
        "--json",
    ]);
    assert_eq!(v["explanation"]["clock"]["reason"], "outside_working_hours");
    assert_eq!(v["explanation"]["clock"]["cutoff_applied"], false);
    assert_eq!(v["explanation"]["clock"]["cutoff_source"], "decision");
    // A same-day procedure (B.1) at 17:30 is after its own 15:00: that is the reason,
    // not "outside working hours", and the procedure states it.
    let en = ok(&[
        "due",
        "dang-ky-khai-sinh",
        "--received",
        "2025-03-04 17:30",
        "--explain",
    ]);
    assert!(en.contains("after the 15:00 cutoff"), "{en}");
    assert!(
        en.contains("Cutoff 15:00, stated by the procedure."),
        "{en}"
    );
    assert!(!en.contains("outside working hours"), "{en}");
    // 12:00 is lunch, before the cutoff: outside working hours, from 13:00.
    let v = json(&[
        "due",
        B16,
        "--received",
        "2025-03-04 12:00",
        "--explain",
        "--json",
    ]);
    assert_eq!(v["explanation"]["clock"]["reason"], "outside_working_hours");
    assert_eq!(v["clock_started_at"], "2025-03-04T13:00:00+07:00");
    // Saturday 08/03/2025 is not a working day.
    let v = json(&[
        "due",
        B16,
        "--received",
        "2025-03-08 09:00",
        "--explain",
        "--json",
    ]);
    assert_eq!(v["explanation"]["clock"]["reason"], "non_working_day");
}

#[test]
fn due_rejects_bad_input_cleanly_in_both_languages() {
    let (code, e) = err(&["due", "--days", "x", "--received", "2025-03-03 08:00"]);
    assert_eq!(code, 2);
    assert!(e.contains("not a number of working days"), "{e}");
    let (_, e) = err(&["due", "--days", "1", "--received", "yesterday"]);
    assert!(e.contains("not a date and time"), "{e}");
    let (_, e) = err(&[
        "--lang",
        "vi",
        "due",
        "--days",
        "1",
        "--received",
        "yesterday",
    ]);
    assert!(e.contains("không phải ngày giờ hợp lệ"), "{e}");
    let (code, e) = err(&["due", "--days", "1", "--received", "2070-01-01 08:00"]);
    assert_eq!(code, 2);
    assert!(e.contains("outside the calendar's supported years"), "{e}");
    let (code, e) = err(&[
        "due",
        "dang-ky-khai-sinhh",
        "--received",
        "2025-03-03 08:00",
    ]);
    assert_eq!(code, 2);
    assert!(e.contains("did you mean `dang-ky-khai-sinh`?"), "{e}");
    let (_, e) = err(&[
        "--lang",
        "vi",
        "due",
        "dang-ky-khai-sinhh",
        "--received",
        "2025-03-03 08:00",
    ]);
    assert!(
        e.contains(
            "lỗi: không có thủ tục `dang-ky-khai-sinhh`; có phải bạn định viết `dang-ky-khai-sinh`?"
        ),
        "{e}"
    );
    let (_, e) = err(&[
        "due",
        B16,
        "--variant",
        "urgent",
        "--received",
        "2025-03-03 08:00",
    ]);
    assert!(e.contains("has no case `urgent`"), "{e}");
    assert!(
        tthc(&["due", "--received", "2025-03-03 08:00"])
            .status
            .code()
            == Some(2)
    );
}

#[test]
fn due_same_day_end_of_day_and_pauses() {
    // Same day, received 15:30 after the 15:00 cutoff: due the next working day's close.
    let out = ok(&[
        "due",
        "--days",
        "same-day",
        "--received",
        "2025-03-03 15:30",
    ]);
    assert!(out.contains("17:00, Tue 4 Mar 2025"), "{out}");
    // One day from Mon 08:00 ends Tue 08:00; end of day: Tue 17:00.
    let v = json(&[
        "due",
        "--days",
        "1",
        "--received",
        "2025-03-03 08:00",
        "--due-time",
        "end-of-day",
        "--json",
    ]);
    assert_eq!(v["due_at"], "2025-03-04T17:00:00+07:00");
    // A pause from Mon 09:00 to Tue 09:00 stops the clock for one working day: Wed 08:00.
    let v = json(&[
        "due",
        "--days",
        "1",
        "--received",
        "2025-03-03 08:00",
        "--pause",
        "2025-03-03 09:00/2025-03-04 09:00",
        "--json",
    ]);
    assert_eq!(v["due_at"], "2025-03-05T08:00:00+07:00");
}

#[test]
fn status_at_and_at_completion_without_rust_names() {
    // 5 days from Mon 03/03 08:00 end Mon 10/03 08:00. At Wed 05/03 10:24: left are
    // Wed 10:24–11:30 (66 min) + 13:00–17:00 (240) + Thu, Fri (960) + Mon 07:30–08:00
    // (30) = 1296 min = 2 days 5 h 36 min.
    let out = ok(&[
        "status",
        "--days",
        "5",
        "--received",
        "2025-03-03 08:00",
        "--at",
        "2025-03-05 10:24",
    ]);
    assert!(out.starts_with("Not due — 2 days 5 h 36 min left"), "{out}");
    let vi = ok(&[
        "--lang",
        "vi",
        "status",
        "--days",
        "5",
        "--received",
        "2025-03-03 08:00",
        "--at",
        "2025-03-05 10:24",
    ]);
    assert!(
        vi.starts_with("Chưa đến hạn — Còn 2 ngày 5 giờ 36 phút"),
        "{vi}"
    );
    for text in [&out, &vi] {
        for rust in ["NotDue", "DueSoon", "OnTime", "Overdue"] {
            assert!(!text.contains(rust), "{rust} in {text}");
        }
    }
    // Finished Tue 11/03 09:00: over by Mon 08:00–11:30 (210) + 13:00–17:00 (240) +
    // Tue 07:30–09:00 (90) = 540 min.
    let v = json(&[
        "status",
        "--days",
        "5",
        "--received",
        "2025-03-03 08:00",
        "--completed",
        "2025-03-11 09:00",
        "--json",
    ]);
    assert_eq!(v["status"], "late");
    assert_eq!(v["working_minutes"], 540);
    assert_eq!(v["label_vi"], "Trễ hạn 1 ngày 1 giờ");
    assert!(
        tthc(&["status", "--days", "5", "--received", "2025-03-03 08:00"])
            .status
            .code()
            == Some(2)
    );
    // A procedure's case: due Thu 06/03 08:00; on Wed 05/03 16:00 an hour and a half
    // (16:00–17:00, 07:30–08:00) is left, under the one-day threshold: due soon, and
    // the case should be in its approval step (approve ends at 08:00 Thu).
    let v = json(&[
        "status",
        B16,
        "--received",
        "2025-03-03 08:00",
        "--at",
        "2025-03-05 16:00",
        "--json",
    ]);
    assert_eq!(v["status"], "due_soon");
    assert_eq!(v["working_minutes"], 90);
    assert_eq!(v["current_step"], "approve");
}

#[test]
fn calendar_show_and_export() {
    let out = ok(&["calendar", "show", "--year", "2025"]);
    assert!(out.contains("26 Apr 2025 Sat"), "{out}");
    assert!(out.contains("working day"), "{out}");
    assert!(!out.contains("Provisional"));
    let vi = ok(&["--lang", "vi", "calendar", "show", "--year", "2025"]);
    assert!(vi.contains("26/04/2025 thứ Bảy   ngày làm việc"), "{vi}");
    let out = ok(&["calendar", "show", "--year", "2027"]);
    assert!(out.contains("Provisional"), "{out}");
    let ics = ok(&["calendar", "export", "--year", "2026"]);
    let back = tthc::calendar::ics::read_marks("export.ics", &ics).unwrap();
    let cals = tthc::bundled::calendars().unwrap();
    assert_eq!(
        back.len(),
        cals.get("vn").unwrap().marks_for_year(2026).unwrap().len()
    );
    assert_eq!(
        tthc(&["calendar", "show", "--year", "2099"]).status.code(),
        Some(2)
    );
}

#[test]
fn datetimes_with_other_offsets_are_the_same_instant() {
    let utc = ok(&[
        "due",
        "--days",
        "25",
        "--received",
        "2025-03-04T04:04:00Z",
        "--json",
    ]);
    let local = ok(&[
        "due",
        "--days",
        "25",
        "--received",
        "2025-03-04T11:04",
        "--json",
    ]);
    let (mut u, mut l): (serde_json::Value, serde_json::Value) = (
        serde_json::from_str(&utc).unwrap(),
        serde_json::from_str(&local).unwrap(),
    );
    assert_eq!(u["received_at"], "2025-03-04T04:04:00+00:00");
    u["received_at"] = serde_json::Value::Null;
    l["received_at"] = serde_json::Value::Null;
    assert_eq!(u, l);
    assert_eq!(u["due_at"], "2025-04-09T11:04:00+07:00");
}

#[test]
fn datetimes_as_portals_print_them_and_other_systems_send_them() {
    // Thu 25/07/2024 15:35:13: vn's 15:00 cutoff reaches same-day counts only, so ten
    // days count from the receipt, rounded up to 15:36. Ten working days, no holiday
    // between (26/07, 29/07–02/08, 05/08–08/08): Thu 08/08/2024 15:36. The provincial
    // system that printed this case gave 17:00, which the end-of-day convention gives
    // (DOMAIN.md: the case fits both readings).
    for received in [
        "25/07/2024 15:35:13",
        "2024-07-25T15:35:13+0700",
        "2024-07-25T15:35:13.000+07:00",
        "2024-07-25T08:35:13Z",
    ] {
        let v = json(&["due", "--days", "10", "--received", received, "--json"]);
        assert_eq!(v["due_at"], "2024-08-08T15:36:00+07:00", "{received}");
        let v = json(&[
            "due",
            "--days",
            "10",
            "--received",
            received,
            "--due-time",
            "end-of-day",
            "--json",
        ]);
        assert_eq!(v["due_at"], "2024-08-08T17:00:00+07:00", "{received}");
    }
    let human = ok(&["due", "--days", "10", "--received", "25/07/2024 15:35:13"]);
    assert!(
        human.contains("08/08/2024") || human.contains("8 Aug 2024"),
        "{human}"
    );
}

#[test]
fn an_impossible_date_is_refused_with_the_accepted_forms() {
    let (code, e) = err(&["due", "--days", "1", "--received", "30/02/2025 10:00"]);
    assert_eq!(code, 2);
    assert!(e.contains("does not exist"), "{e}");
    assert!(
        e.contains("04/03/2025 11:04:00") && e.contains("+0700"),
        "{e}"
    );
    let (_, e) = err(&[
        "--lang",
        "vi",
        "due",
        "--days",
        "1",
        "--received",
        "31/04/2025 08:00",
    ]);
    assert!(e.contains("không có thật"), "{e}");
}

#[test]
fn a_count_that_runs_off_the_calendar_names_the_missing_date() {
    // 31/12/2060 is the calendar's last day: the one working day the count needs
    // is in 2061, which the calendar does not have.
    let (code, e) = err(&["due", "--days", "1", "--received", "2060-12-31 08:00"]);
    assert_eq!(code, 2);
    assert!(e.contains("2061"), "{e}");
    assert!(
        !e.contains("31 Dec 2060 is outside") && !e.contains("31/12/2060 is outside"),
        "{e}"
    );
}

#[test]
fn the_steps_of_an_undivided_total_are_due_with_the_procedure_not_at_receipt() {
    // A.3 (khai tử có yếu tố nước ngoài), verification case: "03 ngày" for the whole
    // procedure, no time per step. Received Tue 04/03/2025 10:00, no holiday that week:
    // Wed, Thu, Fri → due Fri 07/03/2025 10:00, and so is every step.
    let v = json(&[
        "due",
        "dang-ky-khai-tu-co-yeu-to-nuoc-ngoai",
        "--variant",
        "verification",
        "--received",
        "2025-03-04 10:00",
        "--json",
    ]);
    assert_eq!(v["due_at"], "2025-03-07T10:00:00+07:00");
    for s in v["steps"].as_array().unwrap() {
        assert_eq!(s["due_at"], "2025-03-07T10:00:00+07:00", "{s}");
    }
}
