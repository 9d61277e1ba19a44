//! The report counts to the engine's rules on every input path: fractions of a second,
//! nothing after the as-of, the as-of inclusive, pauses, postal receipts, a count the
//! calendar cannot make. Every expected value is worked out by hand below from the
//! bundled catalogue and the official 2025 calendar (Monday to Friday, 07:30–11:30 and
//! 13:00–17:00, 480 working minutes a day; receipts after 15:00 count from the next
//! working day; due times keep the clock time the count reached).
//!
//! Procedures: `cap-giay-xac-nhan-tinh-trang-hon-nhan` (B.16): 3 working days (1,440
//! minutes); `dang-ky-khai-tu` (B.5): the same day, cutoff 15:00, due at 17:00 of the day
//! the count starts.

use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use tthc_report::law::Law;
use tthc_report::report::{self, Counts, Options, Report};

const HEADER: &str =
    "case_id,procedure,variant,channel,received_at,restarted_at,completed_at,state,portal_due_at";
const B16: &str = "cap-giay-xac-nhan-tinh-trang-hon-nhan";
const B5: &str = "dang-ky-khai-tu";

fn law() -> Arc<Law> {
    static LAW: OnceLock<Arc<Law>> = OnceLock::new();
    LAW.get_or_init(|| {
        let cals = tthc::bundled::calendars().unwrap();
        let catalogue = tthc::check::check(tthc::bundled::procedure_inputs(), &Default::default())
            .into_valid()
            .unwrap();
        Arc::new(Law::new(catalogue, cals.get("vn").unwrap().clone()).unwrap())
    })
    .clone()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn csv(dir: &Path, name: &str, header: &str, rows: &[String]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, format!("{header}\n{}\n", rows.join("\n"))).unwrap();
    p
}

fn run(files: Vec<PathBuf>, from: &str, to: &str, as_of: Option<&str>) -> Report {
    let mut o = Options::new(files, day(from), day(to));
    o.as_of = as_of.map(|t| chrono::DateTime::parse_from_rfc3339(t).unwrap());
    o.threads = 2;
    report::run(law(), &o).unwrap()
}

fn status_counts(c: &Counts) -> [u64; 8] {
    [
        "resolved_early",
        "resolved_on_time",
        "resolved_late",
        "open_not_due",
        "open_overdue",
        "paused",
        "returned",
        "cancelled",
    ]
    .map(|n| c.get(n))
}

/// Writes the same rows as Parquet with millisecond timestamps (text columns plain).
fn parquet(dir: &Path, name: &str, rows: &[[&str; 9]]) -> PathBuf {
    use datafusion::arrow::array::{ArrayRef, RecordBatch, StringArray, TimestampMillisecondArray};
    let schema = tthc_report::generate::parquet_schema();
    let text = |k: usize| -> ArrayRef {
        Arc::new(StringArray::from(
            rows.iter()
                .map(|r| (!r[k].is_empty()).then_some(r[k]))
                .collect::<Vec<_>>(),
        ))
    };
    let time = |k: usize| -> ArrayRef {
        Arc::new(
            TimestampMillisecondArray::from(
                rows.iter()
                    .map(|r| {
                        (!r[k].is_empty()).then(|| {
                            chrono::DateTime::parse_from_rfc3339(r[k])
                                .unwrap()
                                .timestamp_millis()
                        })
                    })
                    .collect::<Vec<_>>(),
            )
            .with_timezone("+07:00"),
        )
    };
    let batch = RecordBatch::try_new(
        schema.clone(),
        vec![
            text(0),
            text(1),
            text(2),
            text(3),
            time(4),
            time(5),
            time(6),
            text(7),
            time(8),
        ],
    )
    .unwrap();
    let p = dir.join(name);
    let mut w =
        parquet::arrow::ArrowWriter::try_new(std::fs::File::create(&p).unwrap(), schema, None)
            .unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    p
}

/// Item 1: half a second after the cutoff is after the cutoff; a restart at
/// 15:00:00.200 is too; a completion 0.4 s after the due time is late. The same in CSV
/// text and in Parquet milliseconds.
///
/// - F1: B.5 received Thu 06/03/2025 15:00:00.500, after the 15:00 cutoff: the count
///   starts Fri 07/03 07:30, due Fri 17:00; completed Fri 16:00: on time.
/// - F2: the same at 15:00:00 exactly, not after the cutoff: due Thu 06/03 17:00;
///   completed Fri 16:00: late.
/// - F3: like F1, completed Fri 17:00:00.400: after the due time, late.
/// - F4: like F1, completed Fri 17:00:00.000: on time.
/// - F5: B.16 (3 days; the national calendar's 15:00 cutoff reaches same-day counts
///   only) received Mon 03/03 09:00, restarted Wed 05/03 15:00:00.200: a count starts at
///   the next whole minute, Wed 15:01: Wed 119, Thu 599, Fri 1,079, Mon 07:30 + 361 (240
///   to 11:30, 121 from 13:00) = 15:01: due Mon 10/03 15:01; completed 16:00: late.
/// - F6: the same restarted at 15:00:00: counted from Wed 15:00: Wed 120, Thu 600, Fri
///   1,080, Mon 07:30 + 360 (240 to 11:30, 120 from 13:00) = 15:00: due Mon 10/03 15:00;
///   completed 16:00: late.
///
/// On time: F1, F4. Late: F2, F3, F5, F6.
#[test]
fn fractions_of_a_second_count_as_the_engine_counts_them() {
    let dir = tempfile::tempdir().unwrap();
    let rows: [[&str; 9]; 6] = [
        [
            "F1",
            B5,
            "",
            "direct",
            "2025-03-06T15:00:00.500+07:00",
            "",
            "2025-03-07T16:00:00+07:00",
            "completed",
            "",
        ],
        [
            "F2",
            B5,
            "",
            "direct",
            "2025-03-06T15:00:00+07:00",
            "",
            "2025-03-07T16:00:00+07:00",
            "completed",
            "",
        ],
        [
            "F3",
            B5,
            "",
            "direct",
            "2025-03-06T15:00:00.500+07:00",
            "",
            "2025-03-07T17:00:00.400+07:00",
            "completed",
            "",
        ],
        [
            "F4",
            B5,
            "",
            "direct",
            "2025-03-06T15:00:00.500+07:00",
            "",
            "2025-03-07T17:00:00+07:00",
            "completed",
            "",
        ],
        [
            "F5",
            B16,
            "",
            "direct",
            "2025-03-03T09:00:00+07:00",
            "2025-03-05T15:00:00.200+07:00",
            "2025-03-10T16:00:00+07:00",
            "completed",
            "",
        ],
        [
            "F6",
            B16,
            "",
            "direct",
            "2025-03-03T09:00:00+07:00",
            "2025-03-05T15:00:00+07:00",
            "2025-03-10T16:00:00+07:00",
            "completed",
            "",
        ],
    ];
    let lines: Vec<String> = rows.iter().map(|r| r.join(",")).collect();
    let text = csv(dir.path(), "f.csv", HEADER, &lines);
    let pq = parquet(dir.path(), "f.parquet", &rows);
    for file in [text, pq] {
        let r = run(vec![file.clone()], "2025-03-01", "2025-03-31", None);
        assert_eq!(r.rejected.count, 0, "{file:?}: {:?}", r.rejected);
        assert_eq!(
            status_counts(&r.total),
            [0, 2, 4, 0, 0, 0, 0, 0],
            "{file:?}"
        );
    }
}

/// Item 2: a restart after the as-of has not happened yet.
///
/// R1: B.16 received Mon 23/06/2025 09:00: Mon 390 minutes, Tue 870, Wed 1,350, Thu +90:
/// due Thu 26/06 09:00. Restarted Mon 07/07 10:00, still processing. Counted from there:
/// Mon 330, Tue 810, Wed 1,290, Thu +150 = 10:00: due Thu 10/07 10:00.
///
/// - The first half of 2025 (to 30/06): the restart is later, so the case is overdue
///   (it was, at the end of June, whatever the export says now).
/// - June and July by month, as of Tue 08/07 12:00: June overdue, July (the restart has
///   happened, due 10/07) not due.
#[test]
fn a_restart_after_the_as_of_does_not_move_the_due_time() {
    let dir = tempfile::tempdir().unwrap();
    let f = csv(
        dir.path(),
        "r.csv",
        HEADER,
        &[format!(
            "R1,{B16},,direct,2025-06-23 09:00,2025-07-07 10:00,,processing,2025-07-10 10:00"
        )],
    );
    let h1 = run(vec![f.clone()], "2025-01-01", "2025-06-30", None);
    assert_eq!(
        (h1.total.get("open_overdue"), h1.total.get("open_not_due")),
        (1, 0)
    );
    let mut o = Options::new(vec![f], day("2025-06-01"), day("2025-07-31"));
    o.as_of = Some(chrono::DateTime::parse_from_rfc3339("2025-07-08T12:00:00+07:00").unwrap());
    o.by = Some("month".into());
    let r = report::run(law(), &o).unwrap();
    let month = |k: &str| {
        &r.groups
            .iter()
            .find(|g| g.key.as_deref() == Some(k))
            .unwrap()
            .counts
    };
    assert_eq!(
        (
            month("2025-06").get("open_overdue"),
            month("2025-06").get("open_not_due")
        ),
        (1, 0)
    );
    assert_eq!(
        (
            month("2025-07").get("open_overdue"),
            month("2025-07").get("open_not_due")
        ),
        (0, 1)
    );
    // The portal's 10/07 10:00 is the law's due time on the facts of the export: no
    // discrepancy (it is compared with the record as exported, restart included).
    assert_eq!(h1.total.get("discrepancies"), 0);
}

/// Item 3: the as-of is inclusive, and the default end of a period is its last instant.
///
/// As of Wed 05/03/2025 16:00:00 (B.16, due times days later, all on time or open):
/// - E1 received at 16:00:00 exactly: received (counted, open, not due);
/// - E2 received at 16:00:00.001: not yet;
/// - E3 received Mon 03/03 09:00, completed at 16:00:00 exactly: resolved (early: due
///   Thu 06/03 09:00);
/// - E4 the same completed at 16:00:00.001: still open (not due).
///
/// Default end of March: E5 received Mon 31/03 23:59:59.999 counts in March; E6 received
/// Tue 01/04 00:00:00 does not (it is April's).
#[test]
fn the_as_of_is_inclusive_and_a_period_ends_at_its_last_instant() {
    let dir = tempfile::tempdir().unwrap();
    let f = csv(
        dir.path(),
        "e.csv",
        HEADER,
        &[
            format!("E1,{B16},,direct,2025-03-05T16:00:00+07:00,,,processing,"),
            format!("E2,{B16},,direct,2025-03-05T16:00:00.001+07:00,,,processing,"),
            format!(
                "E3,{B16},,direct,2025-03-03T09:00:00+07:00,,2025-03-05T16:00:00+07:00,completed,"
            ),
            format!(
                "E4,{B16},,direct,2025-03-03T09:00:00+07:00,,2025-03-05T16:00:00.001+07:00,completed,"
            ),
            format!("E5,{B16},,online,2025-03-31T23:59:59.999+07:00,,,processing,"),
            format!("E6,{B16},,online,2025-04-01T00:00:00+07:00,,,processing,"),
        ],
    );
    let r = run(
        vec![f.clone()],
        "2025-03-01",
        "2025-03-31",
        Some("2025-03-05T16:00:00+07:00"),
    );
    assert_eq!(r.as_of, "2025-03-05T16:00:00+07:00");
    // E1, E3, E4 received; E3 resolved early; E1 and E4 open, not due.
    assert_eq!(r.total.get("received_new"), 3);
    assert_eq!(status_counts(&r.total), [1, 0, 0, 2, 0, 0, 0, 0]);
    let march = run(vec![f.clone()], "2025-03-01", "2025-03-31", None);
    assert_eq!(march.as_of, "2025-03-31T23:59:59.999999999+07:00");
    assert_eq!(march.total.get("received_new"), 5); // E1–E5
    let april = run(vec![f], "2025-04-01", "2025-04-30", None);
    // E6 new; E1, E2, E5 carried over (E3 and E4 were resolved in March).
    assert_eq!(
        (
            april.total.get("received_new"),
            april.total.get("received_carried_over")
        ),
        (1, 3)
    );
}

/// Issue 25, item 6: a count that runs past the calendar's last year (2060) is a bad
/// row, and the report goes on. P1 received Fri 31/12/2060 16:00, after the cutoff: the
/// count would start on 01/01/2061. P2 restarted 31/12/2060 23:59. P3 received Mon
/// 20/12/2060 09:00 (B.5, same day): due 17:00 that day, completed 10:00: on time.
#[test]
fn a_count_past_the_calendar_is_a_rejected_row() {
    let dir = tempfile::tempdir().unwrap();
    let f = csv(
        dir.path(),
        "h.csv",
        HEADER,
        &[
            format!("P1,{B16},,direct,2060-12-31 16:00,,,processing,"),
            format!("P2,{B16},,direct,2060-12-28 09:00,2060-12-31 23:59,,processing,"),
            format!("P3,{B5},,direct,2060-12-20 09:00,,2060-12-20 10:00,completed,"),
        ],
    );
    let r = run(vec![f], "2060-12-01", "2060-12-31", None);
    assert_eq!(r.rejected.count, 2);
    let rows: Vec<(&str, Option<&str>, &str)> = r
        .rejected
        .rows
        .iter()
        .map(|x| {
            (
                x.case_id.as_deref().unwrap(),
                x.column.as_deref(),
                x.code.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("P1", Some("received_at"), "out_of_range"),
            ("P2", Some("restarted_at"), "out_of_range")
        ]
    );
    assert_eq!(r.total.get("resolved_on_time"), 1);
}

/// Item 9: pause periods. Q1: B.16 received Mon 03/03/2025 10:00, paused Tue 04/03 10:00
/// to Thu 06/03 10:00, completed Fri 07/03 15:00. Without the pause the due time is Thu
/// 06/03 10:00 (late). With it: 480 minutes by Tue 10:00; the clock resumes Thu 10:00:
/// Thu 330 (810), Fri 480 (1,290), Mon +150: due Mon 10/03 10:00; completed on Friday,
/// a day before: early.
///
/// Q2: received Mon 24/03 10:00, paused from Thu 27/03 09:00 with no end yet
/// (state paused): at the end of March it is paused; as of Wed 26/03 12:00 it is not yet
/// (due Thu 27/03 10:00: not due).
#[test]
fn a_paused_case_is_measured_with_its_pause() {
    let dir = tempfile::tempdir().unwrap();
    let header = format!("{HEADER},pauses");
    let f = csv(
        dir.path(),
        "p.csv",
        &header,
        &[
            format!(
                "Q1,{B16},,direct,2025-03-03 10:00,,2025-03-07 15:00,completed,,2025-03-04 10:00--2025-03-06 10:00"
            ),
            format!("Q2,{B16},,postal,2025-03-24 10:00,,,paused,,2025-03-27 09:00--"),
        ],
    );
    let r = run(vec![f.clone()], "2025-03-01", "2025-03-31", None);
    assert_eq!(r.rejected.count, 0, "{:?}", r.rejected);
    assert_eq!(status_counts(&r.total), [1, 0, 0, 0, 0, 1, 0, 0]);
    assert_eq!(r.total.get("received_postal"), 1);
    let early = run(
        vec![f],
        "2025-03-01",
        "2025-03-31",
        Some("2025-03-26T12:00:00+07:00"),
    );
    assert_eq!(status_counts(&early.total), [1, 0, 0, 1, 0, 0, 0, 0]);
}

/// Item 9: a column of the files can be a grouping, and a province's counts.sql may add
/// a column that every output then carries.
#[test]
fn a_file_column_groups_and_a_changed_counts_sql_adds_a_column() {
    let dir = tempfile::tempdir().unwrap();
    let header = format!("{HEADER},unit");
    let f = csv(
        dir.path(),
        "u.csv",
        &header,
        &[
            // Due Thu 06/03 10:00 (see C04 of tests/report.rs).
            format!("U1,{B16},,direct,2025-03-03 10:00,,2025-03-05 16:00,completed,,Xã A"),
            format!("U2,{B16},,online,2025-03-03 10:00,,2025-03-07 16:00,completed,,Xã B"),
            format!("U3,{B16},,online,2025-03-03 10:00,,2025-03-06 09:00,completed,,Xã B"),
        ],
    );
    let sql = dir.path().join("sql");
    std::fs::create_dir_all(&sql).unwrap();
    let bundled = tthc_report::sql::load(None).unwrap();
    let changed = bundled.replacen(
        "  sum(cases) FILTER (WHERE carried_over)",
        "  sum(cases) FILTER (WHERE status IN ('early', 'on_time') AND channel = 'online') AS online_in_time, -- online, in time | trực tuyến, đúng hạn\n  sum(cases) FILTER (WHERE carried_over)",
        1,
    );
    std::fs::write(sql.join("counts.sql"), changed).unwrap();
    let mut o = Options::new(vec![f], day("2025-03-01"), day("2025-03-31"));
    o.by = Some("unit".into());
    o.sql_dir = Some(sql);
    let r = report::run(law(), &o).unwrap();
    let got: Vec<(Option<&str>, u64, u64, u64)> = r
        .groups
        .iter()
        .map(|g| {
            (
                g.key.as_deref(),
                g.counts.get("received_new"),
                g.counts.get("resolved_late"),
                g.counts.get("online_in_time"),
            )
        })
        .collect();
    assert_eq!(got, [(Some("Xã A"), 1, 0, 0), (Some("Xã B"), 2, 1, 1)]);
    let json = tthc_report::render::json(&r);
    assert!(json.contains("\"online_in_time\": 1"), "{json}");
    let csv_out = tthc_report::render::csv(&r);
    assert!(csv_out.lines().next().unwrap().contains("online_in_time"));
    assert!(tthc_report::render::human(&r, tthc::text::Lang::Vi).contains("trực tuyến, đúng hạn"));
}

/// Item 4: the discrepancy count covers the cases the period counts; with
/// `discrepancies_in_files` the whole file's are counted apart. D1 (March, counted) and
/// D2 (received Mon 03/02/2025, after Tết, resolved before the period) both have a portal
/// due time one day early with no known mistake: 3 working days from Monday 10:00 are
/// Thursday 10:00, the portal says Wednesday.
#[test]
fn the_discrepancy_count_says_which_cases_it_covers() {
    let dir = tempfile::tempdir().unwrap();
    let f = csv(
        dir.path(),
        "d.csv",
        HEADER,
        &[
            format!(
                "D1,{B16},,direct,2025-03-03 10:00,,2025-03-05 16:00,completed,2025-03-05 10:00"
            ),
            format!(
                "D2,{B16},,direct,2025-02-03 10:00,,2025-02-05 16:00,completed,2025-02-05 10:00"
            ),
        ],
    );
    let mut o = Options::new(vec![f], day("2025-03-01"), day("2025-03-31"));
    let r = report::run(law(), &o).unwrap();
    assert_eq!(r.total.get("discrepancies"), 1);
    assert!(r.discrepancies_in_files.is_none());
    o.discrepancies_in_files = true;
    let r = report::run(law(), &o).unwrap();
    assert_eq!(r.total.get("discrepancies"), 1);
    assert_eq!(r.discrepancies_in_files.as_ref().unwrap().count, 2);
    let ids: Vec<&str> = r.discrepancies.iter().map(|d| d.case_id.as_str()).collect();
    assert_eq!(ids, ["D2", "D1"]);
}
