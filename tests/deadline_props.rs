//! Properties of the deadline engine on the bundled calendar, 2024–2026.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Timelike};
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;
use tthc::calendar::{Calendars, DueTimeConvention, WorkingCalendar};
use tthc::days::Days;
use tthc::deadline::{
    Allotment, Case, Pause, Plan, PlanStep, compute_due, compute_due_with, minutes_in,
};

fn vn() -> &'static WorkingCalendar {
    static CALS: OnceLock<Calendars> = OnceLock::new();
    CALS.get_or_init(|| {
        tthc::sources::calendars_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("calendars"))
            .unwrap()
    })
    .get("vn")
    .unwrap()
}

/// An instant in 2024–2026 at a whole minute, Vietnam time.
fn instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (0u64..1096, 0i64..1440).prop_map(|(day, minute)| {
        let date = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(day);
        let tz = FixedOffset::east_opt(7 * 3600).unwrap();
        tz.from_local_datetime(&date.and_hms_opt(0, 0, 0).unwrap())
            .unwrap()
            + Duration::minutes(minute)
    })
}

fn days() -> impl Strategy<Value = Days> {
    (0i64..120, prop::sample::select(vec![1i64, 2, 3, 4, 10]))
        .prop_map(|(n, d)| Days::new(n, d).unwrap())
}

fn convention() -> impl Strategy<Value = DueTimeConvention> {
    prop::sample::select(vec![
        DueTimeConvention::KeepClockTime,
        DueTimeConvention::EndOfDay,
    ])
}

fn due(plan: &Plan, case: &Case, c: DueTimeConvention) -> DateTime<FixedOffset> {
    compute_due_with(vn(), plan, case, c).unwrap().due_at
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_due_time_is_never_outside_working_time(r in instant(), d in days(), c in convention()) {
        let at = due(&Plan::days(d), &Case::received(r), c);
        let idx = vn().index();
        let local = at.with_timezone(&idx.offset());
        prop_assert!(idx.is_working_day(local.date_naive()).unwrap(), "{at} is not a working day");
        let m = local.hour() * 60 + local.minute();
        let inside = vn().config().sessions.iter().any(|s| s.start <= m && m <= s.end);
        prop_assert!(inside, "{at} is outside working hours");
    }

    #[test]
    fn a_later_receipt_never_gives_an_earlier_due(r in instant(), later in 0i64..20_000, d in days(), c in convention()) {
        let plan = Plan::days(d);
        let r2 = r + Duration::minutes(later);
        prop_assert!(due(&plan, &Case::received(r), c) <= due(&plan, &Case::received(r2), c));
    }

    #[test]
    fn more_days_never_give_an_earlier_due(r in instant(), a in days(), b in days(), c in convention()) {
        let case = Case::received(r);
        prop_assert!(due(&Plan::days(a), &case, c) <= due(&Plan::days(a + b), &case, c));
    }

    #[test]
    fn pauses_only_delay(r in instant(), d in days(), start in 0i64..10_000, len in 0i64..10_000, c in convention()) {
        let plan = Plan::days(d);
        let mut case = Case::received(r);
        let before = due(&plan, &case, c);
        let from = r + Duration::minutes(start);
        case.pauses = vec![Pause { from, to: from + Duration::minutes(len) }];
        prop_assert!(due(&plan, &case, c) >= before);
    }

    #[test]
    fn keep_clock_time_is_additive(r in instant(), a in days(), b in days()) {
        let idx = vn().index();
        let per_day = idx.minutes_per_day();
        let (ma, mb) = (minutes_in(a, per_day).unwrap(), minutes_in(b, per_day).unwrap());
        let step = idx.add_minutes(idx.add_minutes(r, ma).unwrap(), mb).unwrap();
        prop_assert_eq!(step, idx.add_minutes(r, ma + mb).unwrap());
        // And working minutes between agree with what was added.
        let end = idx.add_minutes(r, ma).unwrap();
        let started = idx.add_minutes(r, 0).unwrap();
        prop_assert_eq!(idx.minutes_between(started, end).unwrap(), ma);
    }

    #[test]
    fn whole_days_in_keep_clock_time_add_up_through_the_engine(r in instant(), a in 1i64..60, b in 1i64..60) {
        // From a clock start, a days then b days lands where a+b days lands.
        let start = compute_due(vn(), &Plan::days(Days::ZERO), &Case::received(r)).unwrap().clock_started_at;
        let idx = vn().index();
        let after_a = due(&Plan::days(Days::whole(a)), &Case::received(start), DueTimeConvention::KeepClockTime);
        let then_b = idx.add_minutes(after_a, b * idx.minutes_per_day()).unwrap();
        let direct = due(&Plan::days(Days::whole(a + b)), &Case::received(start), DueTimeConvention::KeepClockTime);
        prop_assert_eq!(then_b, direct);
    }

    #[test]
    fn steps_are_due_in_order_and_never_after_the_procedure(
        r in instant(),
        parts in prop::collection::vec(prop::option::of(days()), 1..6),
        total in days(),
        c in convention(),
    ) {
        let steps = parts
            .iter()
            .enumerate()
            .map(|(i, a)| PlanStep { id: format!("s{i}"), name: String::new(), role: String::new(), allotment: *a })
            .collect();
        let plan = Plan { steps, total: Allotment::Days(total), cutoff: Default::default(), undivided: false };
        let due = compute_due_with(vn(), &plan, &Case::received(r), c).unwrap();
        prop_assert!(due.clock_started_at <= due.due_at);
        for pair in due.steps.windows(2) {
            prop_assert!(pair[0].due_at <= pair[1].due_at);
        }
        prop_assert_eq!(due.steps.last().unwrap().due_at, due.due_at);
    }

    #[test]
    fn any_input_gives_a_result_or_an_error_never_a_panic(
        secs in -4_000_000_000i64..8_000_000_000,
        num in 0i64..i64::MAX,
        den in 1i64..1000,
        pause_a in -100_000i64..100_000,
        pause_b in -100_000i64..100_000,
        at in -100_000i64..10_000_000,
    ) {
        let Some(r) = DateTime::from_timestamp(secs, 0) else { return Ok(()) };
        let r = r.fixed_offset();
        let plan = Plan::days(Days::new(num, den).unwrap());
        let mut case = Case::received(r);
        case.pauses = vec![Pause { from: r + Duration::minutes(pause_a), to: r + Duration::minutes(pause_b) }];
        let _ = compute_due(vn(), &plan, &case);
        let _ = tthc::deadline::status_at(vn(), &plan, &case, r + Duration::minutes(at), 480);
        let _ = tthc::deadline::status_completed(vn(), &plan, &case, r + Duration::minutes(at));
    }
}
