//! Running a report: the case files read in chunks on every core, each case checked,
//! given its due time in bulk and classified in each period ([`crate::count`]), the
//! classes tallied; then `reports/counts.sql` counts the tally (a small `counted` table,
//! one row per kind of case) in DataFusion, and the results are gathered into a
//! [`Report`].

use crate::count::{self, Period as CountPeriod, REASONS, STATUSES, Setup, Tally};
use crate::law::{Law, NS, Nanos};
use crate::read::{self, FileError, Format, Rejected, Rejections, Wanted};
use crate::sql::{self, Column};
use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, TimeZone};
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Int64Array, RecordBatch, StringArray,
};
use datafusion::arrow::datatypes::{DataType, Field, Int64Type, Schema};
use datafusion::datasource::MemTable;
use datafusion::prelude::{SessionConfig, SessionContext};
use serde::Serialize;
use serde::ser::SerializeMap;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tthc::text::Text;

/// What to report on.
#[derive(Debug, Clone)]
pub struct Options {
    /// Case files: CSV, Parquet or spreadsheets.
    pub files: Vec<PathBuf>,
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period.
    pub to: NaiveDate,
    /// The moment the report is made at (default: the end of `to`); must lie inside the
    /// period. Inclusive: what happened at that very instant has happened.
    pub as_of: Option<DateTime<FixedOffset>>,
    /// The column to group by (`month` for the months of the period).
    pub by: Option<String>,
    /// Also count each month (for charts), whatever `by` is.
    pub months: bool,
    /// Bad rows tolerated before the report stops.
    pub max_errors: u64,
    /// How many discrepancies to list.
    pub discrepancies: u64,
    /// Also count discrepancies over every good row of the files, not only those the
    /// period counts (and list from all of them).
    pub discrepancies_in_files: bool,
    /// Read `counts.sql` from this folder instead of the bundled one.
    pub sql_dir: Option<PathBuf>,
    /// Threads (0: one per core).
    pub threads: usize,
}

impl Options {
    /// Options for a period, everything else as the command's defaults.
    pub fn new(files: Vec<PathBuf>, from: NaiveDate, to: NaiveDate) -> Options {
        Options {
            files,
            from,
            to,
            as_of: None,
            by: None,
            months: false,
            max_errors: 1000,
            discrepancies: 100,
            discrepancies_in_files: false,
            sql_dir: None,
            threads: 0,
        }
    }
}

/// A ratio shown to four decimals, worked out in integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// Numerator.
    pub num: u64,
    /// Denominator, never 0.
    pub den: u64,
}

impl Rate {
    fn of(num: u64, den: u64) -> Option<Rate> {
        (den > 0).then_some(Rate { num, den })
    }

    /// Ten-thousandths, rounded half up.
    pub fn basis_points(self) -> u64 {
        (self.num * 20_000 + self.den) / (2 * self.den)
    }

    /// `85.7%`.
    pub fn percent(self) -> String {
        let tenths = (self.num * 2_000 + self.den) / (2 * self.den);
        format!("{}.{}%", tenths / 10, tenths % 10)
    }
}

impl Serialize for Rate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Four decimals, as a JSON number: exact in decimal, computed without floats.
        let bp = self.basis_points();
        let text = format!("{}.{:04}", bp / 10_000, bp % 10_000);
        let n: serde_json::Number = text.parse().map_err(serde::ser::Error::custom)?;
        n.serialize(s)
    }
}

/// The counts of a group or of the whole report: one value per column of
/// `counts.sql`, in its order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    names: Arc<Vec<String>>,
    values: Vec<u64>,
}

impl Counts {
    /// The value of a column (0 for one the query does not have).
    pub fn get(&self, name: &str) -> u64 {
        self.names
            .iter()
            .position(|n| n == name)
            .map_or(0, |i| self.values[i])
    }

    /// The columns and their values, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u64)> {
        self.names
            .iter()
            .map(String::as_str)
            .zip(self.values.iter().copied())
    }

    /// Completed in the period.
    pub fn resolved(&self) -> u64 {
        self.get("resolved_early") + self.get("resolved_on_time") + self.get("resolved_late")
    }

    /// (early + on time) / resolved; `None` when nothing was resolved.
    pub fn on_time_rate(&self) -> Option<Rate> {
        Rate::of(
            self.get("resolved_early") + self.get("resolved_on_time"),
            self.resolved(),
        )
    }

    /// late / resolved.
    pub fn late_rate(&self) -> Option<Rate> {
        Rate::of(self.get("resolved_late"), self.resolved())
    }

    /// Discrepancies by reason: the columns `discrepancies_<reason>` that are not 0.
    pub fn discrepancies_by_reason(&self) -> BTreeMap<String, u64> {
        self.iter()
            .filter_map(|(n, v)| Some((n.strip_prefix("discrepancies_")?.to_string(), v)))
            .filter(|(_, v)| *v > 0)
            .collect()
    }

    /// Counts of these columns and values (to build a report by hand).
    pub fn of(values: &[(&str, u64)]) -> Counts {
        Counts {
            names: Arc::new(values.iter().map(|(n, _)| n.to_string()).collect()),
            values: values.iter().map(|(_, v)| *v).collect(),
        }
    }

    fn zero(names: &Arc<Vec<String>>) -> Counts {
        Counts {
            names: names.clone(),
            values: vec![0; names.len()],
        }
    }
}

impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (n, v) in self.iter() {
            if !n.starts_with("discrepancies_") {
                m.serialize_entry(n, &v)?;
            }
        }
        m.serialize_entry("on_time_rate", &self.on_time_rate())?;
        m.serialize_entry("late_rate", &self.late_rate())?;
        m.serialize_entry("discrepancies_by_reason", &self.discrepancies_by_reason())?;
        m.end()
    }
}

/// One group's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// The value of the grouping column (a procedure id, a field, `2025-03`…); null for
    /// cases with none.
    pub key: Option<String>,
    /// A name for it, when the catalogue has one (a procedure's or authority's).
    pub label: Option<String>,
    /// Its counts.
    #[serde(flatten)]
    pub counts: Counts,
}

/// A case whose portal due time differs from the law's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Discrepancy {
    /// `case_id`.
    pub case_id: String,
    /// The catalogue id.
    pub procedure: String,
    /// The case, if not the ordinary one.
    pub variant: Option<String>,
    /// When the file was received.
    pub received_at: String,
    /// When the count restarted, if it did.
    pub restarted_at: Option<String>,
    /// The portal's due time.
    pub portal_due_at: String,
    /// The law's due time.
    pub due_at: String,
    /// The reason code (see [`crate::law::Reason::code`]).
    pub reason: String,
    /// The reason in words.
    pub explanation: Text,
}

/// The rejected rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectedSummary {
    /// How many rows were rejected.
    pub count: u64,
    /// How many per reason code.
    pub by_reason: BTreeMap<String, u64>,
    /// The first of them, by file and row.
    pub rows: Vec<RejectedRow>,
}

/// A rejected row, as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectedRow {
    /// The file.
    pub file: String,
    /// The sheet, in a spreadsheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The line (CSV, header = 1), row (Parquet, 1-based) or the spreadsheet's row number.
    pub row: u64,
    /// Its `case_id`, if it has one.
    pub case_id: Option<String>,
    /// The column at fault.
    pub column: Option<String>,
    /// The reason code.
    pub code: String,
    /// What is wrong and how to fix it.
    pub reason: Text,
}

impl From<Rejected> for RejectedRow {
    fn from(r: Rejected) -> RejectedRow {
        RejectedRow {
            file: r.file,
            sheet: r.sheet,
            row: r.row,
            case_id: r.case_id,
            column: r.error.column.map(str::to_string),
            code: r.error.code.to_string(),
            reason: r.error.reason,
        }
    }
}

/// The report's period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
}

/// Discrepancies over every good row of the files (`--discrepancies-in files`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileDiscrepancies {
    /// How many.
    pub count: u64,
    /// By reason.
    pub by_reason: BTreeMap<String, u64>,
}

/// A finished report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The period.
    pub period: Period,
    /// The last instant that counts (inclusive).
    pub as_of: String,
    /// The grouping, if any.
    pub by: Option<String>,
    /// The columns, as `counts.sql` declares them.
    pub columns: Vec<ColumnOut>,
    /// The counts per group.
    pub groups: Vec<Group>,
    /// The counts of the whole report.
    pub total: Counts,
    /// The counts of each month of the period, when asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub months: Vec<Group>,
    /// The counts per procedure, when months were asked for (the charts use both).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub procedures: Vec<Group>,
    /// The first discrepancies, earliest receipt first (`total.discrepancies` counts all).
    pub discrepancies: Vec<Discrepancy>,
    /// Discrepancies over every good row, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discrepancies_in_files: Option<FileDiscrepancies>,
    /// The rows rejected.
    pub rejected: RejectedSummary,
}

/// A column of the report with its headings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnOut {
    /// The JSON name.
    pub name: String,
    /// The English heading.
    pub en: String,
    /// The Vietnamese heading.
    pub vi: String,
}

impl From<Column> for ColumnOut {
    fn from(c: Column) -> ColumnOut {
        ColumnOut {
            name: c.name,
            en: c.en,
            vi: c.vi,
        }
    }
}

/// Why a report could not be made.
#[derive(Debug)]
pub enum Error {
    /// The options are inconsistent (`--as-of` outside the period, `--to` before `--from`).
    Options(Text),
    /// A file could not be read at all.
    File(FileError),
    /// More bad rows than `--max-errors`.
    TooManyBadRows(RejectedSummary, u64),
    /// `--by` names neither a grouping of the report nor a column of the files.
    UnknownGrouping {
        /// What was asked for.
        by: String,
        /// The groupings there are.
        columns: Vec<String>,
    },
    /// The counting SQL failed (a changed `counts.sql`).
    Query(String),
}

impl Error {
    /// The message in both languages.
    pub fn text(&self) -> Text {
        match self {
            Error::Options(t) => t.clone(),
            Error::File(e) => Text::new(
                format!("{}: {}", e.file, e.message.en),
                format!("{}: {}", e.file, e.message.vi),
            ),
            Error::TooManyBadRows(_, max) => Text::new(
                format!(
                    "more than {max} rows are bad (--max-errors {max}); no report was made; the first are listed above"
                ),
                format!(
                    "hơn {max} dòng có lỗi (--max-errors {max}); không lập báo cáo; các dòng lỗi đầu tiên được liệt kê ở trên"
                ),
            ),
            Error::UnknownGrouping { by, columns } => Text::new(
                format!(
                    "cannot group by `{by}`: the groupings are {}, month, or a column of the case files",
                    columns.join(", ")
                ),
                format!(
                    "không nhóm theo `{by}` được: các cách nhóm là {}, month, hoặc một cột của tệp hồ sơ",
                    columns.join(", ")
                ),
            ),
            Error::Query(m) => Text::new(
                format!("the report's SQL failed: {m}"),
                format!("câu lệnh SQL của báo cáo bị lỗi: {m}"),
            ),
        }
    }
}

fn query_error(e: impl std::fmt::Display) -> Error {
    Error::Query(e.to_string())
}

/// The groupings the report knows without a column of the files.
pub const GROUPINGS: [&str; 6] = [
    "field",
    "procedure",
    "authority",
    "decision",
    "channel",
    "code",
];

/// The period's first instant and the instant after the last that counts, in
/// nanoseconds, and the as-of (that last instant).
fn bounds(law: &Law, o: &Options) -> Result<(Nanos, Nanos, DateTime<FixedOffset>), Error> {
    if o.to < o.from {
        return Err(Error::Options(Text::new(
            format!("--to {} is before --from {}", o.to, o.from),
            format!("--to {} trước --from {}", o.to, o.from),
        )));
    }
    let midnight = |d: NaiveDate| {
        law.offset()
            .from_local_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight exists"))
            .single()
            .expect("a fixed offset has one local time")
    };
    let ns = |t: DateTime<FixedOffset>| t.timestamp_nanos_opt().unwrap_or(i64::MAX);
    let start = midnight(o.from);
    let end = midnight(o.to.checked_add_days(Days::new(1)).unwrap_or(o.to));
    match o.as_of {
        Some(t) if t < start || t >= end => Err(Error::Options(Text::new(
            format!(
                "--as-of {} is outside the period {} to {}; it must be a moment of the period (it counts what happened up to it, inclusive)",
                t.to_rfc3339(),
                o.from,
                o.to
            ),
            format!(
                "--as-of {} nằm ngoài kỳ báo cáo {} đến {}; phải là một thời điểm trong kỳ (tính những gì xảy ra đến thời điểm đó, kể cả thời điểm đó)",
                t.to_rfc3339(),
                o.from,
                o.to
            ),
        ))),
        Some(t) => Ok((ns(start), ns(t) + 1, t.with_timezone(&law.offset()))),
        None => {
            let last = law.local_ns(ns(end) - 1);
            Ok((ns(start), ns(end), last))
        }
    }
}

/// The periods: the whole one, then each month when asked for.
fn periods(law: &Law, start: Nanos, end: Nanos, months: bool) -> Vec<CountPeriod> {
    let mut out = vec![CountPeriod {
        label: "all".into(),
        start,
        end,
        whole: true,
    }];
    if months {
        let first = law.local_ns(start).date_naive();
        let mut day = first.with_day(1).expect("day 1 exists");
        let last = law.local_ns(end - 1).date_naive();
        while day <= last {
            let next = day
                .checked_add_months(chrono::Months::new(1))
                .expect("in range");
            let at = |d: NaiveDate| {
                law.offset()
                    .from_local_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight"))
                    .single()
                    .expect("fixed offset")
                    .timestamp()
                    * NS
            };
            let (s, e) = (at(day).max(start), at(next).min(end));
            if s < e {
                out.push(CountPeriod {
                    label: day.format("%Y-%m").to_string(),
                    start: s,
                    end: e,
                    whole: false,
                });
            }
            day = next;
        }
    }
    out
}

/// What a worker reads.
enum Work {
    Parquet(Arc<read::parquet::File>, Vec<usize>),
    Csv(Arc<read::csv::File>),
    Excel(PathBuf, String),
}

/// Reads, checks and counts every file on `threads` threads.
fn tally(
    law: &Law,
    o: &Options,
    setup: &Setup<'_>,
    wanted: &Wanted,
    by_column: bool,
    rejections: &Rejections,
) -> Result<Tally, Error> {
    let threads = if o.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        o.threads
    };
    let mut work = Vec::new();
    for path in &o.files {
        let name = path.display().to_string();
        match Format::of(path) {
            Some(Format::Parquet) => {
                let f =
                    Arc::new(read::parquet::File::open(path, &name, wanted).map_err(Error::File)?);
                let groups = f.row_groups();
                // Row groups spread over the threads in turn; a file of few groups still
                // gives every thread some.
                for g in 0..groups {
                    work.push(Work::Parquet(f.clone(), vec![g]));
                }
            }
            Some(Format::Csv) => {
                work.push(Work::Csv(Arc::new(
                    read::csv::File::open(path, &name, wanted).map_err(Error::File)?,
                )));
            }
            Some(Format::Excel) => work.push(Work::Excel(path.clone(), name)),
            None => {
                return Err(Error::File(read::file_error(
                    &name,
                    format!("the file name must end in {}", read::EXTENSIONS),
                    format!("tên tệp phải có đuôi {}", read::EXTENSIONS),
                )));
            }
        }
    }
    let offset = i64::from(law.offset().local_minus_utc());
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let failed: Mutex<Option<FileError>> = Mutex::new(None);
    let list = o.discrepancies as usize;
    let tallies: Vec<Tally> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads.min(work.len()).max(1))
            .map(|_| {
                s.spawn(|| {
                    let mut t = Tally::new(setup, by_column);
                    loop {
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = work.get(i) else { break };
                        let mut take = |chunk: read::Chunk| {
                            let ok = t.add(setup, &chunk, rejections);
                            if !ok {
                                stop.store(true, Ordering::Relaxed);
                            }
                            ok && !stop.load(Ordering::Relaxed)
                        };
                        let result = match item {
                            Work::Parquet(f, groups) => f.read(groups, offset, &mut take),
                            Work::Csv(f) => f.read(offset, &mut take, &mut |r| {
                                let ok = rejections.add(r);
                                if !ok {
                                    stop.store(true, Ordering::Relaxed);
                                }
                                ok
                            }),
                            Work::Excel(path, name) => {
                                read::xlsx::read(path, name, wanted, offset, &mut take)
                            }
                        };
                        if let Err(e) = result {
                            failed
                                .lock()
                                .unwrap_or_else(|e| e.into_inner())
                                .get_or_insert(e);
                            stop.store(true, Ordering::Relaxed);
                        }
                    }
                    t
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a report thread panicked"))
            .collect()
    });
    if let Some(e) = failed.into_inner().unwrap_or_else(|e| e.into_inner()) {
        return Err(Error::File(e));
    }
    let _ = law;
    let mut all = Tally::new(setup, by_column);
    for t in tallies {
        all.merge(t, list);
    }
    Ok(all)
}

/// The `counted` table of a tally.
fn counted(law: &Law, setup: &Setup<'_>, t: &Tally, by: Option<&str>) -> Result<MemTable, Error> {
    let cat = law.catalogue();
    let rows: Vec<(usize, Option<u32>, u64)> = if by.is_some() {
        t.by.iter()
            .map(|(&(i, b), &n)| (i as usize, Some(b), n))
            .collect()
    } else {
        t.dense
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(i, &n)| (i, None, n))
            .collect()
    };
    let names = [
        "period",
        "procedure",
        "procedure_name",
        "code",
        "field",
        "authority",
        "authority_name",
        "decision",
        "channel",
        "status",
        "discrepancy",
    ];
    let mut text: Vec<Vec<Option<String>>> = vec![Vec::with_capacity(rows.len()); names.len()];
    let (mut whole, mut carried, mut cases) = (Vec::new(), Vec::new(), Vec::new());
    let mut by_values = Vec::new();
    for (i, b, n) in &rows {
        let (period, version, channel, carried_over, status, disc) = t.class(*i);
        let (p, v) = law.version_of(version as u32).unwrap_or((0, 0));
        let proc = &cat.procedures[p];
        let ver = &proc.versions[v];
        let values = [
            Some(setup.periods[period].label.clone()),
            Some(proc.id.clone()),
            Some(proc.name_in(ver).to_string()),
            proc.code_in(ver).map(str::to_string),
            proc.field_in(ver).map(str::to_string),
            Some(ver.authority.clone()),
            cat.authority(&ver.authority).map(|a| a.title.clone()),
            Some(ver.source.decision.clone()),
            Some(count::channel_name(channel).to_string()),
            Some(STATUSES[status].to_string()),
            (disc > 0).then(|| REASONS[disc - 1].to_string()),
        ];
        for (c, v) in text.iter_mut().zip(values) {
            c.push(v);
        }
        whole.push(setup.periods[period].whole);
        carried.push(carried_over);
        cases.push(*n as i64);
        if let Some(b) = b {
            by_values.push(t.by_names.get(*b as usize).cloned().flatten());
        }
    }
    let mut fields: Vec<Field> = names
        .iter()
        .map(|n| Field::new(*n, DataType::Utf8, true))
        .collect();
    let mut arrays: Vec<ArrayRef> = text
        .into_iter()
        .map(|c| Arc::new(StringArray::from(c)) as ArrayRef)
        .collect();
    fields.push(Field::new("whole", DataType::Boolean, false));
    arrays.push(Arc::new(BooleanArray::from(whole)));
    fields.push(Field::new("carried_over", DataType::Boolean, false));
    arrays.push(Arc::new(BooleanArray::from(carried)));
    fields.push(Field::new("cases", DataType::Int64, false));
    arrays.push(Arc::new(Int64Array::from(cases)));
    if let Some(b) = by {
        fields.push(Field::new(b, DataType::Utf8, true));
        arrays.push(Arc::new(StringArray::from(by_values)));
    }
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(schema.clone(), arrays).map_err(query_error)?;
    MemTable::try_new(schema, vec![vec![batch]]).map_err(query_error)
}

/// Runs `sql` over `table` as `counted`, on a thread of its own (DataFusion is async;
/// this keeps [`run`] callable from any context).
fn query(table: MemTable, sql: &str) -> Result<Vec<RecordBatch>, Error> {
    std::thread::scope(|s| {
        s.spawn(|| {
            let rt = tokio::runtime::Builder::new_current_thread()
                .build()
                .map_err(query_error)?;
            rt.block_on(async {
                let ctx =
                    SessionContext::new_with_config(SessionConfig::new().with_target_partitions(1));
                ctx.register_table("counted", Arc::new(table))
                    .map_err(query_error)?;
                ctx.sql(sql)
                    .await
                    .map_err(query_error)?
                    .collect()
                    .await
                    .map_err(query_error)
            })
        })
        .join()
        .unwrap_or_else(|_| Err(Error::Query("the query thread panicked".into())))
    })
}

fn string_at(a: &ArrayRef, i: usize) -> Option<String> {
    let a = datafusion::arrow::compute::cast(a, &DataType::Utf8).ok()?;
    let s = a.as_string::<i32>();
    s.is_valid(i).then(|| s.value(i).to_string())
}

/// Runs the report.
pub fn run(law: Arc<Law>, o: &Options) -> Result<Report, Error> {
    let (start, end, as_of) = bounds(&law, o)?;
    let counts_sql = sql::load(o.sql_dir.as_deref()).map_err(Error::Query)?;
    let by_month = o.by.as_deref() == Some("month");
    // The grouping: one of the report's, or a column of the files.
    let (group_column, file_column) = match o.by.as_deref() {
        None | Some("month") => ("procedure".to_string(), None),
        Some(c) if GROUPINGS.contains(&c) => (c.to_string(), None),
        Some(c)
            if !c.is_empty()
                && c.chars().all(|ch| ch.is_alphanumeric() || ch == '_')
                && !matches!(
                    c,
                    "period" | "whole" | "status" | "discrepancy" | "cases" | "carried_over"
                ) =>
        {
            (c.to_string(), Some(c.to_string()))
        }
        Some(c) => {
            return Err(Error::UnknownGrouping {
                by: c.to_string(),
                columns: GROUPINGS.iter().map(|s| s.to_string()).collect(),
            });
        }
    };
    let setup = Setup {
        law: &law,
        periods: periods(&law, start, end, o.months || by_month),
        all_rows: o.discrepancies_in_files,
        list: o.discrepancies as usize,
    };
    let wanted = Wanted {
        by: file_column.clone(),
    };
    let rejections = Rejections::new(o.max_errors, 100);
    let tally = match tally(&law, o, &setup, &wanted, file_column.is_some(), &rejections) {
        Ok(t) if !rejections.exceeded() => t,
        Ok(_) => return Err(Error::TooManyBadRows(summary(&rejections), o.max_errors)),
        Err(e) if rejections.exceeded() => {
            let _ = e;
            return Err(Error::TooManyBadRows(summary(&rejections), o.max_errors));
        }
        Err(e) => return Err(e),
    };
    let table = counted(&law, &setup, &tally, file_column.as_deref())?;
    let batches = query(
        table,
        &counts_sql.replace("${by}", &format!("\"{group_column}\"")),
    )?;
    let headings = sql::headings(&counts_sql);
    let names: Vec<String> = match batches.first() {
        Some(b) => b
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .filter(|n| !matches!(n.as_str(), "period" | "is_total" | "key"))
            .collect(),
        None => headings
            .iter()
            .map(|h| h.name.clone())
            .filter(|n| !matches!(n.as_str(), "period" | "is_total" | "key"))
            .collect(),
    };
    let names = Arc::new(names);
    let columns: Vec<ColumnOut> = names
        .iter()
        .map(|n| {
            headings
                .iter()
                .find(|h| &h.name == n)
                .cloned()
                .unwrap_or(Column {
                    name: n.clone(),
                    en: n.clone(),
                    vi: n.clone(),
                })
                .into()
        })
        .collect();
    let label = |key: &Option<String>| -> Option<String> {
        let k = key.as_deref()?;
        match group_column.as_str() {
            "procedure" => law.catalogue().procedure(k).map(|p| p.name.clone()),
            "authority" => law.catalogue().authority(k).map(|a| a.title.clone()),
            _ => None,
        }
    };
    let mut total = Counts::zero(&names);
    let mut groups = Vec::new();
    let mut month_groups = Vec::new();
    for b in &batches {
        let get = |n: &str| {
            b.column_by_name(n)
                .ok_or_else(|| Error::Query(format!("counts.sql gives no column `{n}`")))
        };
        let (period, is_total, key) = (get("period")?, get("is_total")?, get("key")?);
        let is_total = is_total
            .as_boolean_opt()
            .ok_or_else(|| Error::Query("`is_total` is not a boolean".into()))?;
        let mut values: Vec<Vec<u64>> = Vec::new();
        for n in names.iter() {
            let c = datafusion::arrow::compute::cast(get(n)?, &DataType::Int64)
                .map_err(|e| Error::Query(format!("column `{n}` is not a count: {e}")))?;
            let c = c.as_primitive::<Int64Type>();
            values.push(
                (0..b.num_rows())
                    .map(|i| {
                        if c.is_valid(i) {
                            c.value(i).max(0) as u64
                        } else {
                            0
                        }
                    })
                    .collect(),
            );
        }
        for i in 0..b.num_rows() {
            let counts = Counts {
                names: names.clone(),
                values: values.iter().map(|v| v[i]).collect(),
            };
            let period = string_at(period, i).unwrap_or_default();
            match (period == "all", is_total.value(i)) {
                (true, true) => total = counts,
                (true, false) => {
                    let key = string_at(key, i);
                    groups.push(Group {
                        label: label(&key),
                        key,
                        counts,
                    });
                }
                (false, true) => month_groups.push(Group {
                    key: Some(period),
                    label: None,
                    counts,
                }),
                (false, false) => {}
            }
        }
    }
    groups.sort_by(|a, b| a.key.cmp(&b.key));
    // A month in which no case was counted has no row: it is shown with zeros.
    for p in setup.periods.iter().filter(|p| !p.whole) {
        if !month_groups
            .iter()
            .any(|g| g.key.as_deref() == Some(p.label.as_str()))
        {
            month_groups.push(Group {
                key: Some(p.label.clone()),
                label: None,
                counts: Counts::zero(&names),
            });
        }
    }
    month_groups.sort_by(|a, b| a.key.cmp(&b.key));
    let (groups, months, procedures) = match (by_month, o.months) {
        (true, _) => (month_groups.clone(), month_groups, groups),
        (false, true) if o.by.is_none() => (Vec::new(), month_groups, groups),
        (false, true) => {
            let procedures = if group_column == "procedure" {
                groups.clone()
            } else {
                Vec::new()
            };
            (groups, month_groups, procedures)
        }
        (false, false) if o.by.is_none() => (Vec::new(), Vec::new(), Vec::new()),
        (false, false) => (groups, Vec::new(), Vec::new()),
    };
    let discrepancies = tally
        .listed
        .iter()
        .map(|l| {
            let case = law.case_ns(l.received, l.restarted, &l.pauses);
            let show = |t: Nanos| law.local_ns(t).to_rfc3339();
            let reason = law.reason(
                l.code,
                l.plan,
                &case,
                law.local_ns(l.portal),
                law.local_ns(l.due),
            );
            let (p, _) = law.version_of(law.plan_version(l.plan)).unwrap_or((0, 0));
            Discrepancy {
                case_id: l.case_id.clone(),
                procedure: law.catalogue().procedures[p].id.clone(),
                variant: l.variant.clone(),
                received_at: show(l.received),
                restarted_at: (l.restarted != tthc::deadline::bulk::NULL)
                    .then(|| show(l.restarted)),
                portal_due_at: show(l.portal),
                due_at: show(l.due),
                reason: l.code.to_string(),
                explanation: reason.text(),
            }
        })
        .collect();
    let discrepancies_in_files = o.discrepancies_in_files.then(|| FileDiscrepancies {
        count: tally.all_rows.iter().sum(),
        by_reason: REASONS
            .iter()
            .zip(tally.all_rows)
            .filter(|(_, n)| *n > 0)
            .map(|(r, n)| (r.to_string(), n))
            .collect(),
    });
    Ok(Report {
        period: Period {
            from: o.from,
            to: o.to,
        },
        as_of: as_of.to_rfc3339(),
        by: o.by.clone(),
        columns,
        groups,
        total,
        months,
        procedures,
        discrepancies,
        discrepancies_in_files,
        rejected: summary(&rejections),
    })
}

fn summary(r: &Rejections) -> RejectedSummary {
    RejectedSummary {
        count: r.count(),
        by_reason: r
            .by_code()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        rows: r.kept().into_iter().map(RejectedRow::from).collect(),
    }
}
