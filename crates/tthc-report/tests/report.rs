//! The report over a hand-checked case file, `tests/data/cases.csv`: every expected count,
//! status and discrepancy below was worked out by hand from the bundled catalogue and the
//! official 2024–2025 calendar, not by running the engine.
//!
//! The calendar (calendars/vn.yaml, vn-2024.ics, vn-2025.ics): Monday to Friday,
//! 07:30–11:30 and 13:00–17:00 (480 working minutes a day); a receipt after 15:00 counts
//! from the next working day's opening; due times keep the clock time the count reached.
//! Days off met below: Wed 01/01/2025 (New Year); Mon 27/01–Fri 31/01/2025 (Tết Ất Tỵ);
//! Mon 07/04/2025 (Giỗ Tổ); Wed 30/04, Thu 01/05 (holidays) and Fri 02/05/2025 (day off
//! swapped with Saturday 26/04/2025, which is a working day).
//!
//! Procedures: `cap-giay-xac-nhan-tinh-trang-hon-nhan` (B.16): 3 working days (1,440
//! minutes), `verification` 23 days; `dang-ky-khai-tu` (B.5): the same day, cutoff 15:00
//! (due at 17:00 of the day the count starts); `dang-ky-cham-dut-giam-ho` (B.14): 2 days.
//!
//! The period is 01/01/2025–30/06/2025; open cases are measured at its end,
//! 2025-07-01T00:00+07:00.
//!
//! | case | worked out | counted as |
//! |---|---|---|
//! | C01 | B.16 from Fri 27/12/2024 09:00: Fri 150+240 = 390 min; Mon 30/12 → 870; Tue 31/12 → 1,350; Wed 01/01 off; Thu 02/01 +90 → due Thu 02/01/2025 09:00. Completed 03/01 10:00. | carried over, late |
//! | C02 | from Mon 30/12/2024 14:00: Mon 180; Tue 31/12 → 660; Thu 02/01 → 1,140; Fri 03/01 +300 = 07:30+240 (11:30) +60 → due Fri 03/01/2025 14:00. Still open on 01/07. | carried over, overdue |
//! | C03 | received 20/12/2024, completed 24/12/2024: resolved before the period. | not counted |
//! | C04 | from Mon 03/03/2025 10:00: Mon 330; Tue → 810; Wed → 1,290; Thu +150 → due Thu 06/03 10:00. Completed Wed 05/03, a day before. | new, direct, early |
//! | C05 | the same due time, Thu 06/03 10:00 (the file writes times as a portal prints them). Completed Thu 06/03 09:59: the due date, not after the due time. | new, online, on time |
//! | C06 | from Fri 24/01/2025 10:00: Fri 330; Mon 27–Fri 31/01 Tết; Mon 03/02 → 810; Tue 04/02 → 1,290; Wed 05/02 +150 → due Wed 05/02 10:00. Completed at exactly 10:00. The portal's 29/01 10:00 is the count with the five Tết days as working days. | new, online, on time; discrepancy `days_off_counted` |
//! | C07 | restarted Wed 12/03/2025 14:00 (file supplemented): counted again from there: Wed 180; Thu 13 → 660; Fri 14 → 1,140; Mon 17 +300 → due Mon 17/03 14:00. Completed Mon 17/03 10:00. The portal's Thu 13/03 09:00 is the count from the first receipt (Mon 10/03 09:00: 390; 870; 1,350; Thu +90). | new, direct, on time; discrepancy `restart_ignored` |
//! | C08 | B.5 received Fri 25/04/2025 15:30, after the cutoff: the count starts on the next working day, Saturday 26/04 (a working day), due at its close, Sat 26/04 17:00. Completed Sat 26/04 10:00. The portal's Mon 28/04 17:00 takes Saturday 26/04 as a day off. | new, direct, on time; discrepancy `working_saturday_ignored` |
//! | C09 | the same receipt: due Sat 26/04 17:00; completed Fri 25/04 16:00, a day before. The portal's Fri 25/04 17:00 is the same-day count without the cutoff. | new, online, early; discrepancy `cutoff_ignored` |
//! | C10 | from Thu 26/06/2025 10:00: Thu 330; Fri 27 → 810; Mon 30 → 1,290; Tue 01/07 +150 → due Tue 01/07 10:00, after 01/07 00:00. | new, direct, open not due |
//! | C11 | from Fri 20/06/2025 08:00: Fri 210+240 = 450; Mon 23 → 930; Tue 24 → 1,410; Wed 25 +30 → due Wed 25/06 08:00. Open on 01/07. | new, direct, overdue |
//! | C12 | paused (the export's state). | new, direct, paused |
//! | C13 | returned on 14/05/2025. | new, online, returned |
//! | C14 | cancelled on 13/05/2025. | new, direct, cancelled |
//! | C15 | B.16 `verification`, 23 days = 11,040 minutes, from Tue 01/04/2025 09:00: Tue 390; then 22 whole days: 02, 03, 04/04 (3), Mon 07/04 Giỗ Tổ off, 08–11/04 (7), 14–18/04 (12), 21–25/04 (17), Sat 26/04 working (18), 28/04 (19), 29/04 (20), 30/04–02/05 off, 05/05 (21), 06/05 (22): 390+10,560 = 10,950; Wed 07/05 +90 → due Wed 07/05 09:00. Completed Thu 08/05 16:00. The portal's Thu 08/05 09:00 is one working day later: Saturday 26/04 taken as a day off. | new, direct, late; discrepancy `working_saturday_ignored` |
//! | R01 | procedure `dang-ky-khai-sinhh` does not exist (line 17). | rejected `unknown_procedure` |
//! | C17 | B.14 (2 days) received Fri 28/02/2025 16:00. Decision 1086/QĐ-UBND applies its 15:00 cutoff to same-day counts only, so the count starts on receipt: 960 minutes = Fri 16:00–17:00 60; Mon 03/03 → 540; Tue 04/03 07:30–11:30 → 780, 13:00 + 180 → due Tue 04/03 16:00. Completed Tue 04/03 17:00: late. The portal's 17:00 is what applying the cutoff to this count gives (start Mon 07:30, 960 minutes → Tue 17:00): the cutoff applied beyond its reach. | new, direct, late; discrepancy `cutoff_beyond_reach` |
//! | C18 | received 02/07/2025, after the period. | not counted |
//! | C19 | from Fri 27/06/2025 09:00: Fri 390; Mon 30 → 870; Tue 01/07 → 1,350; Wed 02/07 +90 → due 02/07 09:00. Completed 02/07 10:00, after the period: open and not yet due on 01/07 00:00. | new, direct, open not due |
//! | R02 | `31/02/2025 10:00` does not exist (line 21). | rejected `impossible_datetime` |
//! | R03 | state `done` (line 22). | rejected `bad_state` |
//! | R04 | state `completed` with no completion time (line 23). | rejected `state_needs_completed_at` |
//!
//! Totals: carried over 2 (C01, C02); new 14 (direct 10, online 4: C05, C06, C09, C13);
//! early 2 (C04, C09); on time 4 (C05, C06, C07, C08); late 3 (C01, C15, C17); open not
//! due 2 (C10, C19); overdue 2 (C02, C11); paused 1; returned 1; cancelled 1. 2 + 14 =
//! 16 = 2+4+3+2+2+1+1+1. On-time rate 6/9 = 0.6667, late rate 3/9 = 0.3333. Six
//! discrepancies: C06, C07, C08, C09, C15, C17.

use chrono::NaiveDate;
use std::path::PathBuf;
use std::sync::Arc;
use tthc_report::law::Law;
use tthc_report::report::{self, Counts, Options, Report};

fn law() -> Arc<Law> {
    let cals = tthc::bundled::calendars().unwrap();
    let catalogue = tthc::check::check(tthc::bundled::procedure_inputs(), &Default::default())
        .into_valid()
        .unwrap();
    Arc::new(Law::new(catalogue, cals.get("vn").unwrap().clone()).unwrap())
}

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn options(files: Vec<PathBuf>) -> Options {
    let mut o = Options::new(files, day("2025-01-01"), day("2025-06-30"));
    o.max_errors = 100;
    o.threads = 2;
    o
}

fn run(o: &Options) -> Result<Report, report::Error> {
    report::run(law(), o)
}

/// The counts as (name, value) pairs, to compare with the hand-worked ones.
fn numbers(c: &Counts) -> Vec<(&'static str, u64)> {
    [
        "received_carried_over",
        "received_new",
        "received_direct",
        "received_online",
        "resolved_early",
        "resolved_on_time",
        "resolved_late",
        "open_not_due",
        "open_overdue",
        "paused",
        "returned",
        "cancelled",
        "discrepancies",
    ]
    .into_iter()
    .map(|n| (n, c.get(n)))
    .collect()
}

#[test]
fn the_hand_checked_file_gives_the_hand_worked_counts() {
    let r = run(&options(vec![data("cases.csv")])).unwrap();
    let expected = vec![
        ("received_carried_over", 2),
        ("received_new", 14),
        ("received_direct", 10),
        ("received_online", 4),
        ("resolved_early", 2),
        ("resolved_on_time", 4),
        ("resolved_late", 3),
        ("open_not_due", 2),
        ("open_overdue", 2),
        ("paused", 1),
        ("returned", 1),
        ("cancelled", 1),
        ("discrepancies", 6),
    ];
    assert_eq!(numbers(&r.total), expected);
    let json = serde_json::to_value(&r.total).unwrap();
    assert_eq!(json["on_time_rate"], serde_json::json!(0.6667));
    assert_eq!(json["late_rate"], serde_json::json!(0.3333));
    // The report counts up to the last instant of the period.
    assert_eq!(r.as_of, "2025-06-30T23:59:59.999999999+07:00");
}

#[test]
fn each_discrepancy_has_the_hand_found_reason_and_both_times() {
    let r = run(&options(vec![data("cases.csv")])).unwrap();
    let got: Vec<(&str, &str, &str, &str)> = r
        .discrepancies
        .iter()
        .map(|d| {
            (
                d.case_id.as_str(),
                d.reason.as_str(),
                d.portal_due_at.as_str(),
                d.due_at.as_str(),
            )
        })
        .collect();
    // Earliest receipt first.
    assert_eq!(
        got,
        vec![
            (
                "C06",
                "days_off_counted",
                "2025-01-29T10:00:00+07:00",
                "2025-02-05T10:00:00+07:00"
            ),
            (
                "C17",
                "cutoff_beyond_reach",
                "2025-03-04T17:00:00+07:00",
                "2025-03-04T16:00:00+07:00"
            ),
            (
                "C07",
                "restart_ignored",
                "2025-03-13T09:00:00+07:00",
                "2025-03-17T14:00:00+07:00"
            ),
            (
                "C15",
                "working_saturday_ignored",
                "2025-05-08T09:00:00+07:00",
                "2025-05-07T09:00:00+07:00"
            ),
            (
                "C08",
                "working_saturday_ignored",
                "2025-04-28T17:00:00+07:00",
                "2025-04-26T17:00:00+07:00"
            ),
            (
                "C09",
                "cutoff_ignored",
                "2025-04-25T17:00:00+07:00",
                "2025-04-26T17:00:00+07:00"
            ),
        ]
    );
    let by_reason: Vec<(String, u64)> = r.total.discrepancies_by_reason().into_iter().collect();
    let expected: Vec<(String, u64)> = [
        ("cutoff_beyond_reach", 1),
        ("cutoff_ignored", 1),
        ("days_off_counted", 1),
        ("restart_ignored", 1),
        ("working_saturday_ignored", 2),
    ]
    .map(|(k, v)| (k.to_string(), v))
    .to_vec();
    assert_eq!(by_reason, expected);
    let c06 = &r.discrepancies[0];
    assert!(
        c06.explanation.vi.contains("Tết Nguyên đán"),
        "{}",
        c06.explanation.vi
    );
    let c08 = &r.discrepancies[3];
    assert!(c08.explanation.en.contains("26"), "{}", c08.explanation.en);
}

#[test]
fn bad_rows_are_reported_with_file_line_and_reason_and_the_rest_counted() {
    let r = run(&options(vec![data("cases.csv")])).unwrap();
    assert_eq!(r.rejected.count, 4);
    let rows: Vec<(u64, Option<&str>, &str, Option<&str>)> = r
        .rejected
        .rows
        .iter()
        .map(|x| {
            (
                x.row,
                x.case_id.as_deref(),
                x.code.as_str(),
                x.column.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (17, Some("R01"), "unknown_procedure", Some("procedure")),
            (21, Some("R02"), "impossible_datetime", Some("received_at")),
            (22, Some("R03"), "bad_state", Some("state")),
            (
                23,
                Some("R04"),
                "state_needs_completed_at",
                Some("completed_at")
            ),
        ]
    );
    assert!(
        r.rejected
            .rows
            .iter()
            .all(|x| x.file.ends_with("cases.csv"))
    );
    // The misspelt procedure gets the catalogue's nearest id.
    assert!(
        r.rejected.rows[0].reason.en.contains("dang-ky-khai-sinh"),
        "{}",
        r.rejected.rows[0].reason.en
    );
}

#[test]
fn more_bad_rows_than_allowed_stop_the_report() {
    let mut o = options(vec![data("cases.csv")]);
    o.max_errors = 3;
    match run(&o) {
        Err(report::Error::TooManyBadRows(summary, 3)) => assert_eq!(summary.count, 4),
        other => panic!("expected too many bad rows, got {other:?}"),
    }
}

#[test]
fn as_of_inside_the_period_measures_open_cases_then_and_ignores_what_came_later() {
    let mut o = options(vec![data("cases.csv")]);
    // 25/06/2025 12:00: C11 (due 25/06 08:00) and C02 are overdue; C10 and C19 were not
    // yet received; everything else happened before.
    o.as_of = Some(chrono::DateTime::parse_from_rfc3339("2025-06-25T12:00:00+07:00").unwrap());
    let r = run(&o).unwrap();
    let c = &r.total;
    assert_eq!(
        (
            c.get("received_new"),
            c.get("open_not_due"),
            c.get("open_overdue")
        ),
        (12, 0, 2)
    );
    assert_eq!(c.resolved(), 9);
    o.as_of = Some(chrono::DateTime::parse_from_rfc3339("2025-07-05T12:00:00+07:00").unwrap());
    assert!(matches!(run(&o), Err(report::Error::Options(_))));
}

#[test]
fn by_month_counts_each_month_as_its_own_period() {
    let mut o = options(vec![data("cases.csv")]);
    o.by = Some("month".into());
    let r = run(&o).unwrap();
    let keys: Vec<&str> = r.groups.iter().filter_map(|g| g.key.as_deref()).collect();
    assert_eq!(
        keys,
        [
            "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"
        ]
    );
    // March: C02 (open since December, overdue) and C17 (received 28/02, completed late
    // 04/03) carried over; C04 (early), C05 and C07 (on time) new.
    let march = &r.groups[2].counts;
    assert_eq!(
        numbers(march),
        vec![
            ("received_carried_over", 2),
            ("received_new", 3),
            ("received_direct", 2),
            ("received_online", 1),
            ("resolved_early", 1),
            ("resolved_on_time", 2),
            ("resolved_late", 1),
            ("open_not_due", 0),
            ("open_overdue", 1),
            ("paused", 0),
            ("returned", 0),
            ("cancelled", 0),
            ("discrepancies", 2),
        ]
    );
    // The total is the whole period's, not the sum of the months.
    assert_eq!(r.total.get("received_carried_over"), 2);
}

#[test]
fn by_procedure_groups_add_up_to_the_total_and_carry_names() {
    let mut o = options(vec![data("cases.csv")]);
    o.by = Some("procedure".into());
    let r = run(&o).unwrap();
    let keys: Vec<&str> = r.groups.iter().filter_map(|g| g.key.as_deref()).collect();
    assert_eq!(
        keys,
        [
            "cap-giay-xac-nhan-tinh-trang-hon-nhan",
            "dang-ky-cham-dut-giam-ho",
            "dang-ky-khai-tu"
        ]
    );
    assert!(
        r.groups[0]
            .label
            .as_deref()
            .unwrap()
            .contains("tình trạng hôn nhân")
    );
    let sum = |n: &str| r.groups.iter().map(|g| g.counts.get(n)).sum::<u64>();
    assert_eq!(sum("received_new"), r.total.get("received_new"));
    assert_eq!(sum("resolved_on_time"), r.total.get("resolved_on_time"));
    // dang-ky-khai-tu: C08 on time, C09 early.
    assert_eq!(
        (
            r.groups[2].counts.get("resolved_early"),
            r.groups[2].counts.get("resolved_on_time")
        ),
        (1, 1)
    );
}

#[test]
fn an_unknown_grouping_lists_the_columns_there_are() {
    let mut o = options(vec![data("cases.csv")]);
    // A name that is neither a grouping nor a column of the file.
    o.by = Some("unit".into());
    match run(&o) {
        Err(report::Error::File(e)) => assert!(e.message.en.contains("unit"), "{}", e.message.en),
        other => panic!("{other:?}"),
    }
    o.by = Some("no such thing".into());
    match run(&o) {
        Err(e @ report::Error::UnknownGrouping { .. }) => {
            let t = e.text().en;
            assert!(
                t.contains("field") && t.contains("authority") && t.contains("month"),
                "{t}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_file_without_a_column_or_of_an_unknown_kind_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("short.csv");
    std::fs::write(
        &bad,
        "case_id,procedure,channel\nX,dang-ky-khai-tu,direct\n",
    )
    .unwrap();
    match run(&options(vec![bad])) {
        Err(report::Error::File(e)) => {
            assert!(e.file.ends_with("short.csv"));
            assert!(e.message.en.contains("received_at") && e.message.en.contains("portal_due_at"));
        }
        other => panic!("{other:?}"),
    }
    let xlsx = dir.path().join("cases.xlsx");
    std::fs::write(&xlsx, "x").unwrap();
    assert!(matches!(
        run(&options(vec![xlsx])),
        Err(report::Error::File(_))
    ));
    let doc = dir.path().join("cases.docx");
    std::fs::write(&doc, "x").unwrap();
    assert!(matches!(
        run(&options(vec![doc])),
        Err(report::Error::File(_))
    ));
}

#[test]
fn a_national_code_names_the_procedure_as_its_id_does() {
    // B.1 dang-ky-khai-sinh has the national code 1.001193 (procedures/…/b01-…tthc).
    // Same day, cutoff 15:00: received Mon 03/03/2025 10:00, due at 17:00 that day;
    // completed 16:00: on time, both by id and by code.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("codes.csv");
    std::fs::write(
        &file,
        "case_id,procedure,variant,channel,received_at,restarted_at,completed_at,state,portal_due_at\n\
         K1,dang-ky-khai-sinh,,direct,2025-03-03 10:00,,2025-03-03 16:00,completed,2025-03-03 17:00\n\
         K2,1.001193,,direct,2025-03-03 10:00,,2025-03-03 16:00,completed,2025-03-03 17:00\n",
    )
    .unwrap();
    let mut o = options(vec![file]);
    o.by = Some("procedure".into());
    let r = run(&o).unwrap();
    assert_eq!(r.rejected.count, 0);
    let keys: Vec<(Option<&str>, u64)> = r
        .groups
        .iter()
        .map(|g| (g.key.as_deref(), g.counts.get("resolved_on_time")))
        .collect();
    assert_eq!(keys, [(Some("dang-ky-khai-sinh"), 2)]);
    assert_eq!(r.total.get("discrepancies"), 0);
}
