//! The deadline commands' pieces (`src/cli/deadline.rs`), driven through clap with a
//! small catalogue of their own.

use std::path::Path;
use std::sync::OnceLock;
use tthc::{calendar, days, deadline};

use calendar::Calendars;
use clap::Parser;
use deadline::{Allotment, Plan, PlanStep};
use tthc::cli::deadline::*;

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    Due(DueArgs),
    Status(StatusArgs),
    Calendar(CalendarArgs),
}

fn calendars() -> &'static Calendars {
    static C: OnceLock<Calendars> = OnceLock::new();
    C.get_or_init(|| {
        tthc::sources::calendars_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("calendars"))
            .unwrap()
    })
}

fn catalogue(
    id: &str,
    variant: Option<&str>,
    _received_on: chrono::NaiveDate,
) -> Result<Plan, String> {
    if id != "xac-nhan" {
        return Err(format!("unknown procedure `{id}`"));
    }
    let d = |s: &str| Some(days::Days::parse(s).unwrap());
    let appraise = if variant == Some("verification") {
        "22"
    } else {
        "2"
    };
    let step = |id: &str, name: &str, a| PlanStep {
        id: id.into(),
        name: name.into(),
        role: "r".into(),
        allotment: a,
    };
    Ok(Plan {
        steps: vec![
            step("receive", "Tiếp nhận", d("0,5")),
            step("appraise", "Thẩm định", d(appraise)),
            step("approve", "Phê duyệt", d("0,5")),
            step("deliver", "Trả kết quả", None),
        ],
        total: Allotment::Days(
            days::Days::parse(if variant.is_some() { "23" } else { "3" }).unwrap(),
        ),
        cutoff: None,
    })
}

fn run(args: &[&str]) -> Result<String, String> {
    let cli = Cli::try_parse_from(std::iter::once("tthc").chain(args.iter().copied()))
        .map_err(|e| e.to_string())?;
    let out = match cli.command {
        Command::Due(a) => run_due(&a, calendars(), &catalogue),
        Command::Status(a) => run_status(&a, calendars(), &catalogue),
        Command::Calendar(a) => run_calendar(&a, calendars()),
    };
    out.map_err(|e| e.to_string())
}

#[test]
fn due_with_days_as_json() {
    let out = run(&[
        "due",
        "--days",
        "25",
        "--received",
        "2025-03-04 11:04",
        "--json",
    ])
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["due_at"], "2025-04-09T11:04:00+07:00");
    assert_eq!(v["clock_started_at"], "2025-03-04T11:04:00+07:00");
    assert_eq!(v["provisional"], false);
    assert!(v["steps"].as_array().unwrap().is_empty());
}

#[test]
fn due_of_a_procedure_lists_steps() {
    let out = run(&[
        "due",
        "xac-nhan",
        "--received",
        "2025-03-03T08:00:00+07:00",
        "--json",
    ])
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["steps"][0]["id"], "receive");
    assert_eq!(v["steps"][0]["due_at"], "2025-03-03T13:30:00+07:00");
    assert_eq!(v["steps"][3]["due_at"], v["due_at"]);
    let text = run(&[
        "due",
        "xac-nhan",
        "--variant",
        "verification",
        "--received",
        "2025-03-03 08:00",
    ])
    .unwrap();
    assert!(
        text.contains("Hẹn trả kết quả (due):        2025-04-03 08:00 +07:00 (thứ Năm)"),
        "{text}"
    );
    assert!(
        run(&["due", "nope", "--received", "2025-03-03 08:00"])
            .unwrap_err()
            .contains("unknown procedure")
    );
}

#[test]
fn due_rejects_bad_input_cleanly() {
    assert!(run(&["due", "--days", "x", "--received", "2025-03-03 08:00"]).is_err());
    assert!(
        run(&["due", "--days", "1", "--received", "yesterday"])
            .unwrap_err()
            .contains("not a datetime")
    );
    assert!(
        run(&["due", "--days", "1", "--received", "2070-01-01 08:00"])
            .unwrap_err()
            .contains("outside")
    );
    assert!(run(&["due", "--received", "2025-03-03 08:00"]).is_err());
}

#[test]
fn due_same_day_end_of_day_and_pauses() {
    let out = run(&[
        "due",
        "--days",
        "same-day",
        "--received",
        "2025-03-03 15:30",
    ])
    .unwrap();
    assert!(out.contains("2025-03-04 17:00"), "{out}");
    let out = run(&[
        "due",
        "--days",
        "1",
        "--received",
        "2025-03-03 08:00",
        "--due-time",
        "end-of-day",
        "--json",
    ])
    .unwrap();
    assert!(
        out.contains("\"due_at\": \"2025-03-04T17:00:00+07:00\""),
        "{out}"
    );
    let out = run(&[
        "due",
        "--days",
        "1",
        "--received",
        "2025-03-03 08:00",
        "--pause",
        "2025-03-03 09:00/2025-03-04 09:00",
        "--json",
    ])
    .unwrap();
    assert!(
        out.contains("\"due_at\": \"2025-03-05T08:00:00+07:00\""),
        "{out}"
    );
}

#[test]
fn status_at_and_at_completion() {
    let out = run(&[
        "status",
        "--days",
        "5",
        "--received",
        "2025-03-03 08:00",
        "--at",
        "2025-03-05 10:24",
    ])
    .unwrap();
    assert!(
        out.starts_with("chưa đến hạn (NotDue): Còn 2 ngày 5 giờ 36 phút"),
        "{out}"
    );
    let out = run(&[
        "status",
        "--days",
        "5",
        "--received",
        "2025-03-03 08:00",
        "--completed",
        "2025-03-11 09:00",
        "--json",
    ])
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["status"], "late");
    assert_eq!(v["working_minutes"], 540);
    assert!(run(&["status", "--days", "5", "--received", "2025-03-03 08:00"]).is_err());
}

#[test]
fn calendar_show_and_export() {
    let out = run(&["calendar", "show", "--year", "2025"]).unwrap();
    assert!(out.contains("2025-04-26 thứ Bảy   WORKING-DAY"), "{out}");
    assert!(!out.contains("provisional"));
    let out = run(&["calendar", "show", "--year", "2027"]).unwrap();
    assert!(out.contains("provisional"), "{out}");
    let ics = run(&["calendar", "export", "--year", "2026"]).unwrap();
    let back = calendar::ics::read_marks("export.ics", &ics).unwrap();
    assert_eq!(
        back.len(),
        calendars()
            .get("vn")
            .unwrap()
            .marks_for_year(2026)
            .unwrap()
            .len()
    );
    assert!(run(&["calendar", "show", "--year", "2099"]).is_err());
}

#[test]
fn datetimes_with_other_offsets_are_the_same_instant() {
    let utc = run(&[
        "due",
        "--days",
        "25",
        "--received",
        "2025-03-04T04:04:00Z",
        "--json",
    ])
    .unwrap();
    let local = run(&[
        "due",
        "--days",
        "25",
        "--received",
        "2025-03-04T11:04",
        "--json",
    ])
    .unwrap();
    assert_eq!(utc, local);
    assert!(
        utc.contains("\"due_at\": \"2025-04-09T11:04:00+07:00\""),
        "{utc}"
    );
}
