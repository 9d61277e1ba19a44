//! Properties of every report, whatever the period: each case counted is in exactly one
//! state (carried over + new = early + on time + late + open not due + open overdue +
//! paused + returned + cancelled), the groups add up to the total, and a case is counted
//! in a month's report exactly when it would be in a report for that month alone.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use tthc_report::law::Law;
use tthc_report::report::{self, Counts, Options, Report};

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

/// 3,000 generated cases over 2024–2025, written once.
fn cases() -> PathBuf {
    static FILE: OnceLock<PathBuf> = OnceLock::new();
    FILE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("tthc-report-props-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("cases.parquet");
        let _ = std::fs::remove_file(&file);
        let o = tthc_report::generate::Options {
            count: 3000,
            seed: 11,
            from: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        };
        tthc_report::generate::write(&law(), &o, &file).unwrap();
        file
    })
    .clone()
}

fn run(o: &Options) -> Report {
    report::run(law(), o).unwrap()
}

fn options(from: NaiveDate, to: NaiveDate, by: Option<&str>) -> Options {
    let mut o = Options::new(vec![cases()], from, to);
    o.by = by.map(str::to_string);
    o.max_errors = 0;
    o.discrepancies = 0;
    o.threads = 2;
    o
}

fn states(c: &Counts) -> u64 {
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
    .iter()
    .map(|n| c.get(n))
    .sum()
}

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + Days::new(offset)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn every_counted_case_is_in_exactly_one_state_and_groups_add_up(
        start in 0u64..700,
        len in 0u64..400,
        by in prop::sample::select(vec!["procedure", "field", "channel", "authority"]),
    ) {
        let (from, to) = (day(start), day(start + len));
        let r = run(&options(from, to, Some(by)));
        let t = &r.total;
        let g = |c: &Counts, n: &str| c.get(n);
        prop_assert_eq!(g(t, "received_carried_over") + g(t, "received_new"), states(t));
        prop_assert_eq!(g(t, "received_direct") + g(t, "received_online") + g(t, "received_postal"), g(t, "received_new"));
        for grp in &r.groups {
            let c = &grp.counts;
            prop_assert_eq!(g(c, "received_carried_over") + g(c, "received_new"), states(c));
        }
        let sum = |f: &dyn Fn(&Counts) -> u64| r.groups.iter().map(|x| f(&x.counts)).sum::<u64>();
        prop_assert_eq!(sum(&|c| c.get("received_new")), g(t, "received_new"));
        prop_assert_eq!(sum(&|c| c.get("received_carried_over")), g(t, "received_carried_over"));
        prop_assert_eq!(sum(&states), states(t));
        prop_assert_eq!(sum(&|c| c.get("discrepancies")), g(t, "discrepancies"));
        prop_assert_eq!(r.rejected.count, 0);
    }

    #[test]
    fn a_month_of_a_by_month_report_is_that_month_reported_alone(month in 0u32..24) {
        let first = NaiveDate::from_ymd_opt(2024 + (month / 12) as i32, month % 12 + 1, 1).unwrap();
        let last = first.checked_add_months(chrono::Months::new(1)).unwrap() - Days::new(1);
        let year = run(&options(day(0), day(730), Some("month")));
        let key = first.format("%Y-%m").to_string();
        let g = year.groups.iter().find(|g| g.key.as_deref() == Some(key.as_str())).unwrap();
        let alone = run(&options(first, last, None));
        prop_assert_eq!(&g.counts, &alone.total);
    }
}
