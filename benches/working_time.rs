//! Whole-working-day offsets over the announced 2024–2026 calendar, the operation
//! `numpy.busday_offset` performs (compare with `scripts/bench_vs_numpy.py`).

#![forbid(unsafe_code)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

#[path = "common/mod.rs"]
mod common;

const N: usize = 10_000_000;

fn bench(c: &mut Criterion) {
    let cals = common::calendars();
    let index = cals.get("vn").expect("vn").index();
    let (dates, ns) = common::offsets(N);
    let mut group = c.benchmark_group("working_time");
    group.sample_size(10);
    group.throughput(Throughput::Elements(N as u64));
    group.bench_function("add_working_days_10M", |b| {
        b.iter(|| {
            let mut checksum = 0i64;
            for (d, n) in dates.iter().zip(&ns) {
                let r = index
                    .add_working_days(black_box(*d), black_box(*n))
                    .expect("in horizon");
                checksum += i64::from(chrono::Datelike::num_days_from_ce(&r));
            }
            checksum
        })
    });
    let epoch: Vec<i32> = dates
        .iter()
        .map(|d| chrono::Datelike::num_days_from_ce(d) - 719_163)
        .collect();
    group.bench_function("add_working_days_epoch_10M", |b| {
        b.iter(|| {
            let mut checksum = 0i64;
            for (d, n) in epoch.iter().zip(&ns) {
                checksum += i64::from(
                    index
                        .add_working_days_epoch(black_box(*d), black_box(*n))
                        .expect("in horizon"),
                );
            }
            checksum
        })
    });
    let t = chrono::DateTime::parse_from_rfc3339("2025-03-04T11:04:00+07:00").expect("instant");
    group.throughput(Throughput::Elements(1));
    group.bench_function("add_minutes", |b| {
        b.iter(|| {
            index
                .add_minutes(black_box(t), black_box(12_000))
                .expect("in horizon")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
