//! Shared set-up for the benches: the bundled calendar and deterministic inputs.
#![allow(dead_code)] // each bench uses only part of the shared set-up

use chrono::NaiveDate;
use std::path::Path;
use tthc::calendar::Calendars;

/// The bundled calendars, read from `calendars/`.
pub fn calendars() -> Calendars {
    tthc::sources::calendars_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("calendars"))
        .expect("bundled calendars")
}

/// `count` (start date, working-day offset) pairs over 2024-01-01 … 2026-09-30 with offsets
/// 0…59, by the same arithmetic `scripts/bench_vs_numpy.py` uses, so results stay in the
/// announced years.
pub fn offsets(count: usize) -> (Vec<NaiveDate>, Vec<i64>) {
    let base = NaiveDate::from_ymd_opt(2024, 1, 1).expect("date");
    let span = 1004u64; // days from 2024-01-01 to 2026-09-30
    let mut dates = Vec::with_capacity(count);
    let mut ns = Vec::with_capacity(count);
    for i in 0..count as u64 {
        dates.push(base + chrono::Days::new(i.wrapping_mul(7919) % span));
        ns.push((i.wrapping_mul(104_729) % 60) as i64);
    }
    (dates, ns)
}
