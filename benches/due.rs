//! A full due computation for a four-step procedure with half days (target < 300 ns).

#![forbid(unsafe_code)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use tthc::days::Days;
use tthc::deadline::{Allotment, Case, Plan, PlanStep, compute_due};

#[path = "common/mod.rs"]
mod common;

fn plan() -> Plan {
    let step = |id: &str, days: Option<&str>| PlanStep {
        id: id.into(),
        name: format!("Bước {id}"),
        role: "one-stop-commune".into(),
        allotment: days.map(|d| Days::parse(d).expect("days")),
    };
    Plan {
        steps: vec![
            step("receive", Some("0,5")),
            step("appraise", Some("2")),
            step("approve", Some("0,5")),
            step("deliver", None),
        ],
        total: Allotment::Days(Days::whole(3)),
        cutoff: Default::default(),
        undivided: false,
    }
}

fn bench(c: &mut Criterion) {
    let cals = common::calendars();
    let vn = cals.get("vn").expect("vn");
    let plan = plan();
    // 1024 receipts spread over 2024–2026 at varied clock times.
    let start = chrono::DateTime::parse_from_rfc3339("2024-01-02T07:00:00+07:00").expect("instant");
    let cases: Vec<Case> = (0..1024i64)
        .map(|i| Case::received(start + chrono::Duration::minutes(i * 1021 % (1000 * 1440))))
        .collect();
    let mut i = 0usize;
    c.bench_function("due_4_steps_half_days", |b| {
        b.iter(|| {
            i = (i + 1) & 1023;
            compute_due(vn, black_box(&plan), black_box(&cases[i]))
                .expect("due")
                .due_at
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
