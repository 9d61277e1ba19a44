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

/// Offsets every (day, n) pair in one array call, as numpy does, and sums the results.
fn run(index: &WorkingTimeIndex, days: &[i32], ns: &[i64], out: &mut [i32]) -> i64 {
    index
        .add_working_days_epoch_bulk(black_box(days), black_box(ns), out)
        .expect("in horizon");
    black_box(&out);
    out.iter().map(|&d| i64::from(d)).sum()
}

fn index_bulk(index: &WorkingTimeIndex, days: &[i32], ns: &[i64], out: &mut [i32]) {
    index
        .add_working_days_epoch_bulk(black_box(days), black_box(ns), out)
        .expect("in horizon");
    black_box(out);
}

fn main() {
    let cals = common::calendars();
    let vn = cals.get("vn").expect("vn");
    let (dates, ns) = common::offsets(N);
    let days: Vec<i32> = dates.iter().map(|d| d.num_days_from_ce() - EPOCH).collect();

    let mut out = vec![0i32; N];
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        // Timed: the array call alone, like numpy's `busday_offset` on arrays.
        let start = Instant::now();
        index_bulk(vn.index(), &days, &ns, &mut out);
        best = best.min(start.elapsed().as_nanos() as f64 / N as f64);
    }
    // The single-pair API gives the same answers.
    for (j, (d, n)) in days.iter().zip(&ns).enumerate().step_by(9973) {
        assert_eq!(
            vn.index()
                .add_working_days_epoch(*d, *n)
                .expect("in horizon"),
            out[j]
        );
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
    let checksum = run(&plain, &days, &ns, &mut out);
    let list: Vec<String> = holidays.iter().map(|d| format!("\"{d}\"")).collect();
    println!(
        "{{\"n\":{N},\"ns_per_offset\":{best:.3},\"checksum\":{checksum},\"holidays\":[{}]}}",
        list.join(",")
    );
}
