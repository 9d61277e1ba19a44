//! `tthc::deadline::bulk` gives what the scalar engine gives, row by row: the due time of
//! `compute_due`, the status and working minutes of `status_completed` / `status_at`,
//! and the engine's error code where it fails. Random cases over the bundled calendar
//! and a second one (end-of-day due times, half days ending after the break), with
//! cutoffs, same-day procedures, fractions of a second, restarts, pauses (some invalid),
//! holidays and dates running past the calendar's last year.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;
use tthc::calendar::{Calendars, WorkingCalendar};
use tthc::days::Days;
use tthc::deadline::bulk::{self, At, Cases, Engine, Out, Pauses, Problem, Unit};
use tthc::deadline::{
    Allotment, Case, DeadlineError, Pause, Plan, PlanStep, compute_due, status_at, status_completed,
};
use tthc::model::Cutoff;

fn calendars() -> &'static Calendars {
    static CALS: OnceLock<Calendars> = OnceLock::new();
    CALS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("calendars");
        let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&p).unwrap_or_default())
            })
            .collect();
        // A province that prints the end of the day and ends half days after lunch.
        files.push((
            "other.yaml".into(),
            "id: other\nextends: vn\nsessions:\n  - { start: \"08:00\", end: \"12:00\" }\n  - { start: \"13:30\", end: \"17:30\" }\ndue_time: end_of_day\nhalf_day_ends: after_break\ncutoff: \"16:00\"\n".into(),
        ));
        Calendars::load_from_files(&files).unwrap()
    })
}

fn calendar(which: bool) -> &'static WorkingCalendar {
    calendars().get(if which { "other" } else { "vn" }).unwrap()
}

fn vn_tz() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).unwrap()
}

/// An instant from 2024 to the end of 2060 (the calendar's last year), weighted to
/// 2024–2026 and to the last days of 2060, at any nanosecond.
fn instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    let day = prop_oneof![
        8 => 0u64..1096,
        1 => 13_500u64..13_515,
    ];
    let nanos = prop_oneof![3 => Just(0u32), 1 => 0u32..1_000_000_000];
    (day, 0i64..86_400, nanos).prop_map(|(d, s, n)| {
        let date = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(d);
        let date = date.min(NaiveDate::from_ymd_opt(2060, 12, 31).unwrap());
        vn_tz()
            .from_local_datetime(&date.and_hms_opt(0, 0, 0).unwrap())
            .unwrap()
            + Duration::seconds(s)
            + Duration::nanoseconds(i64::from(n))
    })
}

fn plan() -> impl Strategy<Value = Plan> {
    let total = prop_oneof![
        1 => Just(Allotment::SameDay),
        4 => (0i64..80, prop::sample::select(vec![1i64, 2, 4, 3])).prop_map(|(n, d)| Allotment::Days(Days::new(n, d).unwrap())),
    ];
    let cutoff = prop_oneof![
        2 => Just(None),
        1 => Just(Some(Cutoff::None)),
        1 => (8u32..18, 0u32..60).prop_map(|(h, m)| Some(Cutoff::At(NaiveTime::from_hms_opt(h, m, 0).unwrap()))),
    ];
    let steps = prop::collection::vec(prop::option::of((0i64..40, 1i64..3)), 0..4);
    (total, cutoff, steps).prop_map(|(total, cutoff, steps)| Plan {
        steps: steps
            .into_iter()
            .enumerate()
            .map(|(i, a)| PlanStep {
                id: format!("s{i}"),
                name: format!("step {i}"),
                role: "r".into(),
                allotment: a.map(|(n, d)| Days::new(n, d).unwrap()),
            })
            .collect(),
        total,
        cutoff,
    })
}

#[derive(Debug, Clone)]
struct Row {
    received: DateTime<FixedOffset>,
    restarted: Option<DateTime<FixedOffset>>,
    pauses: Vec<Pause>,
    completed: Option<DateTime<FixedOffset>>,
    at: DateTime<FixedOffset>,
}

fn row() -> impl Strategy<Value = Row> {
    let later = || -2_000i64..400_000;
    (
        instant(),
        prop::option::of(later()),
        prop::collection::vec((later(), -300i64..30_000), 0..3),
        prop::option::of(later()),
        later(),
        0u32..1_000_000_000,
    )
        .prop_map(|(received, restart, pauses, completed, at, frac)| {
            let m = |x: i64| {
                received + Duration::minutes(x) + Duration::nanoseconds(i64::from(frac % 1000))
            };
            Row {
                received,
                restarted: restart.map(m),
                pauses: pauses
                    .into_iter()
                    .map(|(s, len)| Pause {
                        from: m(s),
                        to: m(s) + Duration::minutes(len),
                    })
                    .collect(),
                completed: completed.map(m),
                at: m(at),
            }
        })
}

fn units(t: DateTime<FixedOffset>, unit: Unit) -> i64 {
    match unit {
        Unit::Seconds => t.timestamp(),
        Unit::Millis => t.timestamp_millis(),
        Unit::Micros => t.timestamp_micros(),
        Unit::Nanos => t.timestamp_nanos_opt().unwrap(),
    }
}

/// The instant truncated to the unit, as the column would hold it.
fn truncated(t: DateTime<FixedOffset>, unit: Unit) -> DateTime<FixedOffset> {
    let u = units(t, unit);
    let per = unit.per_second();
    let (s, f) = (u.div_euclid(per), u.rem_euclid(per));
    DateTime::from_timestamp(s, (f * (1_000_000_000 / per)) as u32)
        .unwrap()
        .with_timezone(&vn_tz())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn bulk_results_are_the_engines(
        plan in plan(),
        rows in prop::collection::vec(row(), 1..6),
        other in any::<bool>(),
        unit in prop::sample::select(vec![Unit::Seconds, Unit::Millis, Unit::Nanos]),
        due_soon in prop::sample::select(vec![-1i64, 0, 240]),
    ) {
        let cal = calendar(other);
        let engine = Engine::new(cal, unit);
        let plans = [engine.compile(&plan)];
        let u = |t: DateTime<FixedOffset>| units(t, unit);
        let n = rows.len();
        let received: Vec<i64> = rows.iter().map(|r| u(r.received)).collect();
        let restarted: Vec<i64> = rows.iter().map(|r| r.restarted.map_or(bulk::NULL, u)).collect();
        let completed: Vec<i64> = rows.iter().map(|r| r.completed.map_or(bulk::NULL, u)).collect();
        let at: Vec<i64> = rows.iter().map(|r| u(r.at)).collect();
        let mut offsets = vec![0i32];
        let (mut from, mut to) = (Vec::new(), Vec::new());
        for r in &rows {
            for p in &r.pauses {
                from.push(u(p.from));
                to.push(u(p.to));
            }
            offsets.push(from.len() as i32);
        }
        let cases = Cases {
            plan: &vec![0; n],
            received: &received,
            restarted: Some(&restarted),
            pauses: Some(Pauses { offsets: &offsets, from: &from, to: &to }),
            completed: Some(&completed),
        };
        let (mut due, mut problem, mut status, mut minutes) =
            (vec![0; n], vec![0; n], vec![0; n], vec![0; n]);
        let mut out = Out {
            due: &mut due,
            problem: &mut problem,
            status: Some(&mut status),
            minutes: Some(&mut minutes),
        };
        engine.run(&plans, &cases, At::Each(&at), due_soon, &mut out);
        for (i, r) in rows.iter().enumerate() {
            let t = |x: DateTime<FixedOffset>| truncated(x, unit);
            let case = Case {
                received_at: t(r.received),
                restarted_at: r.restarted.map(t),
                pauses: r.pauses.iter().map(|p| Pause { from: t(p.from), to: t(p.to) }).collect(),
            };
            let expected: Result<(i64, u8, i64), DeadlineError> = compute_due(cal, &plan, &case)
                .and_then(|d| {
                    let s = match r.completed {
                        Some(c) => status_completed(cal, &plan, &case, t(c))?,
                        None => status_at(cal, &plan, &case, t(r.at), due_soon)?,
                    };
                    Ok((u(d.due_at), bulk::status_code(s.status), s.working_minutes))
                });
            match expected {
                Ok((d, s, m)) => {
                    prop_assert_eq!(Problem::from_code(problem[i]), Problem::None, "row {}: {:?}", i, r);
                    prop_assert_eq!((due[i], status[i], minutes[i]), (d, s, m), "row {}: {:?}", i, r);
                }
                Err(e) => {
                    prop_assert_eq!(Problem::from_code(problem[i]).code(), e.code(), "row {}: {:?}", i, r);
                    prop_assert_eq!(due[i], bulk::NULL);
                }
            }
        }
    }
}

#[test]
fn a_row_without_plan_or_receipt_is_null_with_its_reason_and_the_others_are_computed() {
    let cal = calendar(false);
    let engine = Engine::new(cal, Unit::Seconds);
    let plans = [engine.compile(&Plan::days(Days::whole(1)))];
    let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().timestamp();
    let received = [
        t("2025-03-03T10:00:00+07:00"),
        t("2025-03-03T10:00:00+07:00"),
        bulk::NULL,
    ];
    let cases = Cases {
        plan: &[0, bulk::NO_PLAN, 0],
        received: &received,
        restarted: None,
        pauses: None,
        completed: None,
    };
    let (mut due, mut problem) = ([0; 3], [0; 3]);
    let mut out = Out {
        due: &mut due,
        problem: &mut problem,
        status: None,
        minutes: None,
    };
    assert_eq!(engine.run(&plans, &cases, At::None, -1, &mut out), 2);
    // Monday 10:00 + 480 working minutes: Tuesday 10:00.
    assert_eq!(due[0], t("2025-03-04T10:00:00+07:00"));
    assert_eq!(
        [
            Problem::from_code(problem[1]).code(),
            Problem::from_code(problem[2]).code()
        ],
        ["no_plan", "missing_receipt"]
    );
    assert_eq!((due[1], due[2]), (bulk::NULL, bulk::NULL));
}
