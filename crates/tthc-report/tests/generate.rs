//! `tthc cases generate`: the generated files are reproducible, every row passes the
//! reader's checks, the shares are the documented ones, and a Parquet file and a CSV
//! file of the same seed give the same report.

use chrono::{NaiveDate, Timelike};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};
use tthc_report::generate::{self, Options};
use tthc_report::law::Law;
use tthc_report::report::{self, Report};

static LAW: LazyLock<Arc<Law>> = LazyLock::new(|| {
    let cals = tthc::bundled::calendars().unwrap();
    let catalogue = tthc::check::check(tthc::bundled::procedure_inputs(), &Default::default())
        .into_valid()
        .unwrap();
    Arc::new(Law::new(catalogue, cals.get("vn").unwrap().clone()).unwrap())
});

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const FROM: (i32, u32, u32) = (2024, 1, 1);
const TO: (i32, u32, u32) = (2025, 12, 31);

fn options(count: u64, seed: u64) -> Options {
    Options {
        count,
        seed,
        from: day(FROM.0, FROM.1, FROM.2),
        to: day(TO.0, TO.1, TO.2),
    }
}

fn generate(dir: &Path, name: &str, count: u64, seed: u64) -> PathBuf {
    let path = dir.join(name);
    let n = generate::write(&LAW, &options(count, seed), &path).unwrap();
    assert_eq!(n, count);
    path
}

fn report(files: Vec<PathBuf>) -> Report {
    let mut options =
        report::Options::new(files, day(FROM.0, FROM.1, FROM.2), day(TO.0, TO.1, TO.2));
    options.by = Some("procedure".into());
    options.discrepancies = 20;
    options.threads = 2;
    match report::run(LAW.clone(), &options) {
        Ok(r) => r,
        Err(e) => panic!("{}", e.text().en),
    }
}

/// The rows of a generated CSV file, by column name.
fn rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, tthc_report::schema::COLUMNS);
    r.records()
        .map(|rec| {
            header
                .iter()
                .cloned()
                .zip(rec.unwrap().iter().map(str::to_string))
                .collect()
        })
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_others() {
    let dir = tempfile::tempdir().unwrap();
    // More than one batch, so the batches' order and streams are exercised too.
    let count = generate::BATCH_ROWS as u64 + 1_000;
    let a = std::fs::read(generate(dir.path(), "a.csv", count, 7)).unwrap();
    let b = std::fs::read(generate(dir.path(), "b.csv", count, 7)).unwrap();
    let c = std::fs::read(generate(dir.path(), "c.csv", count, 8)).unwrap();
    assert!(a == b, "seed 7 gave two different files");
    assert!(a != c, "seeds 7 and 8 gave the same file");
    let text = String::from_utf8(a).unwrap();
    assert_eq!(text.lines().count() as u64, count + 1);
    let first = text.lines().nth(1).unwrap();
    assert!(first.starts_with("G000000001,"), "{first}");
    // Only the three files: the temporary ones were renamed.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn every_row_passes_the_checks_and_the_shares_are_as_documented() {
    let dir = tempfile::tempdir().unwrap();
    let count = 20_000u64;
    let path = generate(dir.path(), "cases.csv", count, 42);
    let r = report(vec![path.clone()]);
    assert_eq!(r.rejected.count, 0, "{:?}", r.rejected);

    // The period covers the whole range: everything is new and every case has exactly one
    // status.
    let t = &r.total;
    assert_eq!(t.get("received_carried_over"), 0);
    assert_eq!(t.get("received_new"), count);
    assert_eq!(t.get("received_direct") + t.get("received_online"), count);
    let statuses = t.get("resolved_early")
        + t.get("resolved_on_time")
        + t.get("resolved_late")
        + t.get("open_not_due")
        + t.get("open_overdue")
        + t.get("paused")
        + t.get("returned")
        + t.get("cancelled");
    assert_eq!(
        t.get("received_carried_over") + t.get("received_new"),
        statuses,
        "{t:?}"
    );
    let groups: u64 = r.groups.iter().map(|g| g.counts.get("received_new")).sum();
    assert_eq!(groups, count);

    let share = |n: u64| n as f64 / count as f64;
    let within = |what: &str, n: u64, lo: f64, hi: f64| {
        let s = share(n);
        assert!(
            (lo..=hi).contains(&s),
            "{what}: {s:.4} not in {lo}..{hi} ({t:?})"
        );
    };
    within("online", t.get("received_online"), 0.26, 0.34);
    within("direct", t.get("received_direct"), 0.66, 0.74);
    within("paused", t.get("paused"), 0.02, 0.04);
    within("returned", t.get("returned"), 0.03, 0.05);
    within("cancelled", t.get("cancelled"), 0.012, 0.03);
    within("resolved", t.resolved(), 0.80, 0.88);
    within(
        "open",
        t.get("open_not_due") + t.get("open_overdue"),
        0.04,
        0.09,
    );
    assert!(
        t.get("open_not_due") > 0 && t.get("open_overdue") > 0,
        "{t:?}"
    );
    assert!(
        t.get("resolved_early") > t.get("resolved_on_time") / 4,
        "{t:?}"
    );
    let late = t.get("resolved_late") as f64 / t.resolved() as f64;
    assert!((0.06..=0.15).contains(&late), "late share {late:.4}");

    // The portal is right for most cases, and wrong in each of the known ways.
    within("discrepancies", t.get("discrepancies"), 0.08, 0.16);
    for reason in [
        "restart_ignored",
        "cutoff_ignored",
        "working_saturday_ignored",
    ] {
        let n = t
            .discrepancies_by_reason()
            .get(reason)
            .copied()
            .unwrap_or(0);
        assert!(n > 0, "no {reason} among {:?}", t.discrepancies_by_reason());
    }

    // Row by row: the states, the desk's hours, the procedures' keys.
    let rows = rows(&path);
    assert_eq!(rows.len() as u64, count);
    let index = LAW.calendar().index();
    let mut states: BTreeMap<String, u64> = BTreeMap::new();
    let (mut codes, mut named, mut restarted, mut no_portal, mut after_cutoff, mut morning) =
        (0, 0, 0, 0, 0, 0);
    let mut desk = 0;
    let sessions = &LAW.calendar().config().sessions;
    let district_end = day(2025, 6, 30);
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row["case_id"], format!("G{:09}", i + 1));
        *states.entry(row["state"].clone()).or_default() += 1;
        let received = chrono::DateTime::parse_from_rfc3339(&row["received_at"]).unwrap();
        assert_eq!(received.offset().local_minus_utc(), 7 * 3600);
        let date = received.date_naive();
        assert!(date >= day(FROM.0, FROM.1, FROM.2) && date <= day(TO.0, TO.1, TO.2));
        if row["procedure"] == "1.001193" {
            codes += 1;
        }
        if !row["variant"].is_empty() {
            named += 1;
        }
        if !row["restarted_at"].is_empty() {
            restarted += 1;
        }
        if row["portal_due_at"].is_empty() {
            no_portal += 1;
        }
        // District-level versions end on 30/06/2025: none of their cases after it.
        if date > district_end {
            let p = LAW.procedure_index(&row["procedure"]).unwrap();
            let proc = &LAW.catalogue().procedures[p as usize];
            assert!(proc.version_at(date).is_some(), "{} on {date}", proc.id);
        }
        if row["channel"] == "direct" {
            desk += 1;
            assert!(
                index.is_working_day(date).unwrap(),
                "desk receipt on {date}"
            );
            let m = received.hour() * 60 + received.minute();
            assert!(
                sessions.iter().any(|s| (s.start..s.end).contains(&m)),
                "desk receipt at {received}"
            );
            if m < sessions[0].end {
                morning += 1;
            }
            if m >= 15 * 60 {
                after_cutoff += 1;
            }
        }
    }
    let of = |n: u64, d: u64| n as f64 / d as f64;
    let completed = states.get("completed").copied().unwrap_or(0);
    assert!((0.80..=0.88).contains(&share(completed)), "{states:?}");
    assert!(
        states.get("processing").copied().unwrap_or(0) > 0,
        "{states:?}"
    );
    assert!(
        (0.60..=0.70).contains(&of(morning, desk)),
        "morning {morning} of {desk}"
    );
    assert!(
        (0.03..=0.12).contains(&of(after_cutoff, desk)),
        "after 15:00 {after_cutoff} of {desk}"
    );
    assert!(codes > 0, "no national codes");
    assert!((0.05..=0.12).contains(&share(named)), "named cases {named}");
    assert!(
        (0.06..=0.10).contains(&share(restarted)),
        "restarts {restarted}"
    );
    assert!(
        (0.004..=0.02).contains(&share(no_portal)),
        "missing portal times {no_portal}"
    );
}

#[test]
fn parquet_and_csv_of_the_same_seed_give_the_same_report() {
    let dir = tempfile::tempdir().unwrap();
    let csv = generate(dir.path(), "cases.csv", 5_000, 3);
    let parquet = generate(dir.path(), "cases.parquet", 5_000, 3);
    // Times are Parquet TIMESTAMP(MILLIS) in UTC, with the zone in the Arrow schema, so
    // other tools read them as times.
    let file = std::fs::File::open(&parquet).unwrap();
    let builder =
        parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    let field = builder
        .schema()
        .field_with_name("received_at")
        .unwrap()
        .clone();
    assert_eq!(
        field.data_type(),
        &datafusion::arrow::datatypes::DataType::Timestamp(
            datafusion::arrow::datatypes::TimeUnit::Millisecond,
            Some("+07:00".into())
        )
    );
    let column = builder.parquet_schema().column(4);
    assert_eq!(column.name(), "received_at");
    assert!(matches!(
        column.logical_type_ref(),
        Some(parquet::basic::LogicalType::Timestamp(t)) if t.is_adjusted_to_u_t_c
    ));
    let a = report(vec![csv]);
    let b = report(vec![parquet]);
    assert_eq!(a.rejected.count, 0);
    assert_eq!(b.rejected.count, 0);
    assert_eq!(a.total, b.total);
    assert_eq!(a.groups, b.groups);
    assert_eq!(a.discrepancies, b.discrepancies);
}

#[test]
fn bad_requests_fail_and_leave_no_file() {
    let dir = tempfile::tempdir().unwrap();
    // Before the first version took effect (09/04/2024) nothing is in force.
    let none = Options {
        count: 10,
        seed: 1,
        from: day(2024, 1, 1),
        to: day(2024, 3, 31),
    };
    assert!(generate::write(&LAW, &none, &dir.path().join("none.csv")).is_err());
    // Outside the calendar's years.
    let past = Options {
        from: day(2010, 1, 1),
        to: day(2010, 12, 31),
        ..none.clone()
    };
    assert!(generate::write(&LAW, &past, &dir.path().join("past.parquet")).is_err());
    // A folder that does not exist.
    assert!(generate::write(&LAW, &options(10, 1), &dir.path().join("no/such.csv")).is_err());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    // No cases: a file with the header only.
    let empty = generate(dir.path(), "empty.csv", 0, 1);
    assert_eq!(std::fs::read_to_string(empty).unwrap().lines().count(), 1);
}

/// A file of many row groups, read on two threads, gives the report of the same rows in
/// one row group: each thread reads its own bytes. (Readers once shared handles made by
/// `File::try_clone`, which share one file position, so threads read each other's
/// bytes: the benchmark's 10-million-case file failed with "snappy: corrupt input".)
#[test]
fn a_file_of_many_row_groups_read_on_several_threads_gives_the_same_report() {
    use parquet::arrow::ArrowWriter;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use parquet::file::properties::WriterProperties;
    let dir = tempfile::tempdir().unwrap();
    let one = generate(dir.path(), "one.parquet", 20_000, 5);
    let many = dir.path().join("many.parquet");
    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&one).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let props = WriterProperties::builder()
        .set_compression(parquet::basic::Compression::SNAPPY)
        .set_max_row_group_row_count(Some(256))
        .build();
    let mut w = ArrowWriter::try_new(
        std::fs::File::create(&many).unwrap(),
        datafusion::arrow::array::RecordBatchReader::schema(&reader),
        Some(props),
    )
    .unwrap();
    for batch in reader {
        w.write(&batch.unwrap()).unwrap();
    }
    let written = w.close().unwrap();
    assert!(
        written.row_groups().len() >= 70,
        "{}",
        written.row_groups().len()
    );
    let a = report(vec![one]);
    let b = report(vec![many]);
    assert_eq!(b.rejected.count, 0, "{:?}", b.rejected);
    assert_eq!(a.total, b.total);
    assert_eq!(a.groups, b.groups);
    assert_eq!(a.discrepancies, b.discrepancies);
}
