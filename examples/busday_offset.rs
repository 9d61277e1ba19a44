//! Times whole-working-day offsets for `scripts/bench_vs_numpy.py` and prints one JSON
//! line: nanoseconds per offset, a checksum to compare with numpy's result, and the
//! weekday days off numpy needs to reproduce the calendar.
//!
//! numpy's `busdaycalendar` can only remove days, so the checksum is computed on the
//! calendar without the swapped working Saturdays; the timing uses the real calendar.

use chrono::{Datelike, NaiveDate};
use std::hint::black_box;
use std::time::Instant;
use tthc::calendar::{BreakBoundary, DayKind, WorkingTimeIndex, YearRange};

#[path = "../benches/common/mod.rs"]
mod common;

const N: usize = 10_000_000;
const EPOCH: i32 = 719_163;

fn run(index: &WorkingTimeIndex, days: &[i32], ns: &[i64]) -> i64 {
    let mut checksum = 0i64;
    for (d, n) in days.iter().zip(ns) {
        checksum += i64::from(
            index
                .add_working_days_epoch(black_box(*d), black_box(*n))
                .expect("in horizon"),
        );
    }
    checksum
}

fn main() {
    let cals = common::calendars();
    let vn = cals.get("vn").expect("vn");
    let (dates, ns) = common::offsets(N);
    let days: Vec<i32> = dates.iter().map(|d| d.num_days_from_ce() - EPOCH).collect();

    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let start = Instant::now();
        black_box(run(vn.index(), &days, &ns));
        best = best.min(start.elapsed().as_nanos() as f64 / N as f64);
    }

    // The same calendar as numpy can express it: Mon–Fri minus weekday days off.
    let mut holidays = Vec::new();
    for year in 2024..=2026 {
        for m in vn.marks_for_year(year).expect("announced year") {
            if matches!(m.kind, DayKind::Holiday | DayKind::DayOff)
                && m.date.weekday().number_from_monday() <= 5
            {
                holidays.push(m.date);
            }
        }
    }
    let first = NaiveDate::from_ymd_opt(2024, 1, 1).expect("date");
    let flags: Vec<bool> = first
        .iter_days()
        .take_while(|d| d.year() <= 2026)
        .map(|d| d.weekday().number_from_monday() <= 5 && !holidays.contains(&d))
        .collect();
    let config = vn.config();
    let plain = WorkingTimeIndex::new(
        YearRange {
            from: 2024,
            to: 2026,
        },
        &flags,
        &config.sessions,
        config.offset,
        BreakBoundary::BeforeBreak,
    )
    .expect("index");
    let checksum = run(&plain, &days, &ns);
    let list: Vec<String> = holidays.iter().map(|d| format!("\"{d}\"")).collect();
    println!(
        "{{\"n\":{N},\"ns_per_offset\":{best:.3},\"checksum\":{checksum},\"holidays\":[{}]}}",
        list.join(",")
    );
}
