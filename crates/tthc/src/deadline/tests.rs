//! Rule tests on the bundled `vn` calendar (official 2024–2026 days off).

use super::*;
use crate::calendar::{BreakBoundary, Calendars, DueTimeConvention, WorkingCalendar};
use crate::days::Days;
use chrono::{DateTime, FixedOffset, NaiveTime};
use std::sync::OnceLock;

fn vn() -> &'static WorkingCalendar {
    static CALS: OnceLock<Calendars> = OnceLock::new();
    CALS.get_or_init(|| {
        // Read here rather than through the `sources` module: the engine's tests stay in its layer.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../calendars");
        let files: Vec<(String, String)> = std::fs::read_dir(&dir)
            .expect("calendars folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "ics"))
            .map(|p| {
                let name = p.file_name().expect("name").to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&p).expect("calendar file"))
            })
            .collect();
        Calendars::load_from_files(&files).expect("bundled calendars load")
    })
    .get("vn")
    .expect("vn calendar")
}

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{s}:00+07:00")).expect("test instant")
}

fn days(s: &str) -> Days {
    Days::parse(s).expect("test days")
}

fn due(plan: &Plan, received: &str) -> Result<DateTime<FixedOffset>, DeadlineError> {
    Ok(compute_due(vn(), plan, &Case::received(t(received)))?.due_at)
}

fn due_days(n: &str, received: &str) -> DateTime<FixedOffset> {
    due(&Plan::days(days(n)), received).expect("due")
}

#[test]
fn keep_clock_time_counts_working_days_past_gio_to() {
    // Tue 4/3/2025 11:04 + 25 working days; Mon 7/4/2025 is Giỗ Tổ.
    assert_eq!(due_days("25", "2025-03-04T11:04"), t("2025-04-09T11:04"));
}

#[test]
fn end_of_day_moves_to_the_close() {
    let plan = Plan::days(days("25"));
    let case = Case::received(t("2025-03-04T11:04"));
    let d = compute_due_with(vn(), &plan, &case, DueTimeConvention::EndOfDay).unwrap();
    assert_eq!(d.due_at, t("2025-04-09T17:00"));
}

/// A plan whose decision says the cutoff reaches every count.
fn reaching_every_count(mut plan: Plan) -> Plan {
    plan.cutoff.decision = Some(crate::model::StatedReach {
        reach: crate::model::CutoffReach::EveryCount,
        decision: "2000/QĐ-UBND".into(),
    });
    plan
}

#[test]
fn after_the_cutoff_the_count_starts_next_working_day() {
    let plan = reaching_every_count(one_day().clone());
    let d = compute_due(vn(), &plan, &Case::received(t("2025-03-04T15:30"))).unwrap();
    assert_eq!(d.clock_started_at, t("2025-03-05T07:30"));
    assert_eq!(d.due_at, t("2025-03-05T17:00"));
    // 15:00 itself is not after the cutoff.
    assert_eq!(
        due(&plan, "2025-03-04T15:00").unwrap(),
        t("2025-03-05T15:00")
    );
}

#[test]
fn the_vn_cutoff_reaches_same_day_counts_only() {
    // vn says `cutoff_reach: same_day`: a count of days received at 15:30 starts then.
    let d = compute_due(vn(), one_day(), &Case::received(t("2025-03-04T15:30"))).unwrap();
    assert_eq!(d.clock_started_at, t("2025-03-04T15:30"));
    assert_eq!(d.due_at, t("2025-03-05T15:30"));
    // A same-day count received then is due at the next working day's close.
    let same_day = Plan {
        total: Allotment::SameDay,
        ..Plan::days(days("1"))
    };
    assert_eq!(
        due(&same_day, "2025-03-04T15:30").unwrap(),
        t("2025-03-05T17:00")
    );
    // The explanation says where the (absent) cutoff comes from.
    let case = Case::received(t("2025-03-04T15:30"));
    let due = compute_due(vn(), one_day(), &case).unwrap();
    let why = explain(vn(), one_day(), &case, &due).unwrap();
    assert_eq!(why.clock.cutoff, None);
    assert_eq!(
        why.clock.cutoff_source,
        crate::model::CutoffSource::Calendar
    );
    assert_eq!(
        why.clock.cutoff_out_of_reach,
        NaiveTime::from_hms_opt(15, 0, 0)
    );
}

#[test]
fn outside_working_hours_the_count_starts_at_the_next_opening() {
    let d = compute_due(vn(), one_day(), &Case::received(t("2025-03-08T09:00"))).unwrap();
    assert_eq!(d.clock_started_at, t("2025-03-10T07:30"));
    let d = compute_due(vn(), one_day(), &Case::received(t("2025-03-04T12:15"))).unwrap();
    assert_eq!(d.clock_started_at, t("2025-03-04T13:00"));
    // A whole day from 13:00 runs out at the break: 11:30 under `before_break`.
    assert_eq!(d.due_at, t("2025-03-05T11:30"));
}

#[test]
fn swapped_saturdays_are_working_days() {
    // Sat 26/4/2025 was worked in exchange for Fri 2/5/2025.
    assert_eq!(due_days("1", "2025-04-25T10:00"), t("2025-04-26T10:00"));
    assert_eq!(due_days("1", "2025-04-29T10:00"), t("2025-05-05T10:00"));
    // Sat 10/1/2026 was worked in exchange for Fri 2/1/2026.
    assert_eq!(due_days("1", "2026-01-09T10:00"), t("2026-01-10T10:00"));
}

#[test]
fn tet_is_skipped() {
    assert_eq!(due_days("1", "2025-01-24T10:00"), t("2025-02-03T10:00"));
    assert_eq!(due_days("1", "2026-02-13T10:00"), t("2026-02-23T10:00"));
}

#[test]
fn national_day_and_its_adjacent_day_are_skipped() {
    assert_eq!(due_days("1", "2025-08-29T10:00"), t("2025-09-03T10:00"));
    // 2026: Mon 31/8 (day off), Tue 1/9 and Wed 2/9 (holidays).
    assert_eq!(due_days("1", "2026-08-28T10:00"), t("2026-09-03T10:00"));
}

#[test]
fn the_year_end_and_the_new_year_day_off() {
    // 1/1/2026 holiday, Fri 2/1/2026 day off.
    assert_eq!(due_days("1", "2025-12-31T10:00"), t("2026-01-05T10:00"));
}

#[test]
fn half_a_day_ends_at_the_break_as_configured() {
    assert_eq!(due_days("0,5", "2025-03-03T07:30"), t("2025-03-03T11:30"));
    let mut config = vn().config().clone();
    config.break_boundary = BreakBoundary::AfterBreak;
    let marks = vn().marks_for_year(2025).unwrap().to_vec();
    let mut all = marks;
    for y in 2020..=2026 {
        if y != 2025 {
            all.extend(vn().marks_for_year(y).unwrap().iter().cloned());
        }
    }
    let cal = WorkingCalendar::build("test", config, all).unwrap();
    let d = compute_due(&cal, half_day(), &Case::received(t("2025-03-03T07:30"))).unwrap();
    assert_eq!(d.due_at, t("2025-03-03T13:00"));
}

#[test]
fn a_working_day_is_480_minutes_not_24_hours() {
    assert_eq!(due_days("1", "2025-03-03T07:30"), t("2025-03-03T17:00"));
    assert_eq!(due_days("1/4", "2025-03-03T10:00"), t("2025-03-03T13:30"));
}

#[test]
fn fractions_that_miss_a_whole_minute_round_up() {
    assert_eq!(minutes_in(days("1/7"), 480).unwrap(), 69);
    assert_eq!(minutes_in(days("1/3"), 480).unwrap(), 160);
    assert_eq!(due_days("1/7", "2025-03-03T07:30"), t("2025-03-03T08:39"));
}

#[test]
fn same_day_with_cutoff() {
    let plan = Plan {
        steps: vec![],
        total: Allotment::SameDay,
        cutoff: Default::default(),
        undivided: true,
    };
    assert_eq!(
        due(&plan, "2025-03-03T10:00").unwrap(),
        t("2025-03-03T17:00")
    );
    assert_eq!(
        due(&plan, "2025-03-03T15:30").unwrap(),
        t("2025-03-04T17:00")
    );
    assert_eq!(
        due(&plan, "2025-03-08T10:00").unwrap(),
        t("2025-03-10T17:00")
    );
    let late = Plan {
        cutoff: crate::model::CutoffStatement {
            procedure_own: NaiveTime::from_hms_opt(16, 0, 0).map(crate::model::Cutoff::At),
            ..Default::default()
        },
        ..plan
    };
    assert_eq!(
        due(&late, "2025-03-03T15:30").unwrap(),
        t("2025-03-03T17:00")
    );
}

fn four_steps(total: Allotment) -> Plan {
    let step = |id: &str, a: Option<&str>| PlanStep {
        id: id.into(),
        name: id.to_uppercase(),
        role: "r".into(),
        allotment: a.map(days),
    };
    Plan {
        steps: vec![
            step("receive", Some("0,5")),
            step("appraise", Some("2")),
            step("approve", Some("0,5")),
            step("deliver", None),
        ],
        total,
        cutoff: Default::default(),
        undivided: false,
    }
}

#[test]
fn steps_get_cumulative_allotments() {
    let plan = four_steps(Allotment::Days(days("3")));
    let d = compute_due(vn(), &plan, &Case::received(t("2025-03-03T08:00"))).unwrap();
    let at: Vec<_> = d.steps.iter().map(|s| (s.id, s.due_at)).collect();
    assert_eq!(
        at,
        [
            ("receive", t("2025-03-03T13:30")),
            ("appraise", t("2025-03-05T13:30")),
            ("approve", t("2025-03-06T08:00")),
            ("deliver", t("2025-03-06T08:00")),
        ]
    );
    assert_eq!(d.due_at, t("2025-03-06T08:00"));
}

#[test]
fn same_day_steps_are_all_due_with_the_total() {
    let plan = four_steps(Allotment::SameDay);
    let d = compute_due(vn(), &plan, &Case::received(t("2025-03-03T08:00"))).unwrap();
    assert!(d.steps.iter().all(|s| s.due_at == t("2025-03-03T17:00")));
}

#[test]
fn provisional_when_a_computed_year_is_involved() {
    let plan = Plan::days(days("10"));
    assert!(
        !compute_due(vn(), &plan, &Case::received(t("2025-03-03T08:00")))
            .unwrap()
            .provisional
    );
    assert!(
        compute_due(vn(), &plan, &Case::received(t("2026-12-28T08:00")))
            .unwrap()
            .provisional
    );
}

#[test]
fn beyond_the_horizon_is_an_error_not_a_date() {
    let err = due(&Plan::days(days("30")), "2060-12-20T08:00").unwrap_err();
    assert!(matches!(err, DeadlineError::OutOfHorizon(_)), "{err:?}");
    assert!(due(&Plan::days(days("1")), "1980-01-03T08:00").is_err());
}

fn pause(a: &str, b: &str) -> Pause {
    Pause {
        from: t(a),
        to: t(b),
    }
}

#[test]
fn pauses_stop_the_clock() {
    let mut case = Case::received(t("2025-03-03T08:00"));
    case.pauses = vec![pause("2025-03-03T09:00", "2025-03-04T09:00")];
    let d = compute_due(vn(), one_day(), &case).unwrap();
    assert_eq!(d.due_at, t("2025-03-05T08:00"));
}

#[test]
fn bad_pauses_are_typed_errors() {
    let plan = Plan::days(days("1"));
    let mut case = Case::received(t("2025-03-03T08:00"));
    case.pauses = vec![pause("2025-03-03T10:00", "2025-03-03T09:00")];
    assert!(matches!(
        compute_due(vn(), &plan, &case),
        Err(DeadlineError::BackwardsPause { .. })
    ));
    case.pauses = vec![
        pause("2025-03-03T09:00", "2025-03-03T11:00"),
        pause("2025-03-03T10:00", "2025-03-03T12:00"),
    ];
    assert!(matches!(
        compute_due(vn(), &plan, &case),
        Err(DeadlineError::OverlappingPauses { .. })
    ));
    case.pauses = vec![pause("2025-03-02T09:00", "2025-03-03T11:00")];
    assert!(matches!(
        compute_due(vn(), &plan, &case),
        Err(DeadlineError::PauseBeforeClockStart { .. })
    ));
}

#[test]
fn a_restart_counts_again_from_the_returned_file() {
    let mut case = Case::received(t("2025-03-03T08:00"));
    case.restarted_at = Some(t("2025-03-10T08:00"));
    case.pauses = vec![pause("2025-03-04T08:00", "2025-03-05T08:00")];
    let d = compute_due(vn(), one_day(), &case).unwrap();
    assert_eq!(d.clock_started_at, t("2025-03-10T08:00"));
    assert_eq!(d.due_at, t("2025-03-11T08:00"));
    case.restarted_at = Some(t("2025-03-01T08:00"));
    assert_eq!(
        compute_due(vn(), one_day(), &case),
        Err(DeadlineError::RestartBeforeReceipt)
    );
}

#[test]
fn status_of_open_cases() {
    let plan = Plan::days(days("5"));
    let case = Case::received(t("2025-03-03T08:00")); // due Mon 10/3 08:00
    let s = status_at(vn(), &plan, &case, t("2025-03-05T10:24"), 480).unwrap();
    assert_eq!(s.status, Status::NotDue);
    assert_eq!(s.working_minutes, 3 * 480 - 2 * 60 - 24 + 60 - 60);
    assert_eq!(s.working_time_vi, "2 ngày 5 giờ 36 phút");
    let s = status_at(vn(), &plan, &case, t("2025-03-07T09:00"), 480).unwrap();
    assert_eq!(s.status, Status::DueSoon);
    let s = status_at(vn(), &plan, &case, t("2025-03-11T09:00"), 480).unwrap();
    assert_eq!(s.status, Status::Overdue);
    assert_eq!(s.working_time_vi, "1 ngày 1 giờ");
    assert!(status_at(vn(), &plan, &case, t("2025-03-01T09:00"), 480).is_err());
}

#[test]
fn status_at_completion() {
    let plan = Plan::days(days("5"));
    let case = Case::received(t("2025-03-03T08:00"));
    let s = |at| status_completed(vn(), &plan, &case, t(at)).unwrap().status;
    assert_eq!(s("2025-03-07T16:00"), Status::Early);
    assert_eq!(s("2025-03-10T07:45"), Status::OnTime);
    assert_eq!(s("2025-03-10T08:00"), Status::OnTime);
    assert_eq!(s("2025-03-10T08:01"), Status::Late);
}

fn one_day() -> &'static Plan {
    static P: OnceLock<Plan> = OnceLock::new();
    P.get_or_init(|| Plan::days(days("1")))
}

fn half_day() -> &'static Plan {
    static P: OnceLock<Plan> = OnceLock::new();
    P.get_or_init(|| Plan::days(days("0.5")))
}

#[test]
fn time_before_the_clock_starts_is_not_time_left() {
    // Received after a cutoff that reaches this count: it runs from Tue 07:30, due Tue 17:00.
    let case = Case::received(t("2025-03-03T15:30"));
    let plan = reaching_every_count(one_day().clone());
    let s = status_at(vn(), &plan, &case, t("2025-03-03T16:00"), 60).unwrap();
    assert_eq!(s.due_at, t("2025-03-04T17:00"));
    assert_eq!(s.working_minutes, 480);
    assert_eq!(s.working_time_vi, "1 ngày");
}

#[test]
fn pauses_are_not_counted_as_time_left() {
    let mut case = Case::received(t("2025-03-03T08:00"));
    case.pauses = vec![pause("2025-03-03T09:00", "2025-03-03T10:00")];
    // Due Tue 09:00; at Mon 09:30 (inside the pause) 7.5 h of counted time remain.
    let s = status_at(vn(), one_day(), &case, t("2025-03-03T09:30"), 60).unwrap();
    assert_eq!(s.due_at, t("2025-03-04T09:00"));
    assert_eq!(s.working_minutes, 420);
}

#[test]
fn absurd_allotments_are_errors_not_overflows() {
    let huge = Plan::days(Days::new(i64::MAX / 480, 1).unwrap());
    assert!(due(&huge, "2025-03-03T08:00").is_err());
    let bigger = Plan::days(Days::new(i64::MAX, 1).unwrap());
    assert_eq!(
        due(&bigger, "2025-03-03T08:00"),
        Err(DeadlineError::AllotmentTooLarge)
    );
}

#[test]
fn the_2024_schedule() {
    // Tết 2024: Thu 8/2 – Wed 14/2 off (holidays and days off).
    assert_eq!(due_days("1", "2024-02-07T10:00"), t("2024-02-15T10:00"));
    // Sat 4/5/2024 worked in exchange for Mon 29/4/2024.
    assert_eq!(due_days("1", "2024-05-03T10:00"), t("2024-05-04T10:00"));
    assert_eq!(due_days("1", "2024-04-26T10:00"), t("2024-05-02T10:00"));
    // 2/9/2024 was a Monday; 3/9 the adjacent day.
    assert_eq!(due_days("1", "2024-08-30T10:00"), t("2024-09-04T10:00"));
}
