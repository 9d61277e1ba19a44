//! Reading case files (CSV or Parquet) in bounded batches, checking every row, and
//! handing DataFusion the good rows as a streaming table while the bad ones are counted
//! with their file, row and reason. Nothing is held but a batch at a time, so a file
//! larger than memory streams through.

use crate::law::{Law, Seconds};
use crate::rows::{self, Cell, RowError};
use crate::schema::{self, COLUMNS};
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, RecordBatch, StringBuilder, TimestampSecondBuilder,
};
use datafusion::arrow::datatypes::{
    DataType, SchemaRef, TimeUnit, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType,
};
use datafusion::error::DataFusionError;
use datafusion::execution::{SendableRecordBatchStream, TaskContext};
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::streaming::PartitionStream;
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::{ArrowReaderMetadata, ParquetRecordBatchReaderBuilder};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tthc::text::Text;

/// Rows per batch handed to DataFusion.
const BATCH_ROWS: usize = 8192;

/// A file's format, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.csv`: UTF-8, a header row naming the columns.
    Csv,
    /// `.parquet` or `.pq`.
    Parquet,
}

impl Format {
    /// The format of `path` by its extension.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "parquet" | "pq" => Some(Format::Parquet),
            _ => None,
        }
    }
}

/// A rejected row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The file, as given on the command line.
    pub file: String,
    /// The line in a CSV file (the header is line 1), the 1-based row in a Parquet file.
    pub row: u64,
    /// The row's `case_id`, when it has one.
    pub case_id: Option<String>,
    /// What was wrong.
    pub error: RowError,
}

/// The bad rows of a run: all counted, the first `keep` kept to show.
#[derive(Debug)]
pub struct Rejections {
    max: u64,
    keep: usize,
    count: AtomicU64,
    by_code: Mutex<std::collections::BTreeMap<&'static str, u64>>,
    kept: Mutex<Vec<Rejected>>,
}

impl Rejections {
    /// Tolerates `max` bad rows (reading stops at one more) and keeps `keep` to show.
    pub fn new(max: u64, keep: usize) -> Rejections {
        Rejections {
            max,
            keep,
            count: AtomicU64::new(0),
            by_code: Mutex::new(Default::default()),
            kept: Mutex::new(Vec::new()),
        }
    }

    /// Records a bad row; `false` once there are more than the maximum.
    fn add(&self, r: Rejected) -> bool {
        let n = self.count.fetch_add(1, Ordering::Relaxed) + 1;
        *self
            .by_code
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(r.error.code)
            .or_default() += 1;
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if kept.len() < self.keep {
            kept.push(r);
        }
        n <= self.max
    }

    /// How many rows were rejected.
    pub fn count(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }

    /// The tolerated maximum.
    pub fn max(&self) -> u64 {
        self.max
    }

    /// How many rows were rejected for each reason code.
    pub fn by_code(&self) -> Vec<(&'static str, u64)> {
        let m = self.by_code.lock().unwrap_or_else(|e| e.into_inner());
        m.iter().map(|(k, v)| (*k, *v)).collect()
    }

    /// The kept rows, by file and row.
    pub fn kept(&self) -> Vec<Rejected> {
        let mut v = self.kept.lock().unwrap_or_else(|e| e.into_inner()).clone();
        v.sort_by(|a, b| (&a.file, a.row).cmp(&(&b.file, b.row)));
        v
    }
}

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// The file.
    pub file: String,
    /// What went wrong.
    pub message: Text,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message.en)
    }
}

impl std::error::Error for FileError {}

fn file_error(file: &str, en: impl Into<String>, vi: impl Into<String>) -> FileError {
    FileError {
        file: file.to_string(),
        message: Text::new(en, vi),
    }
}

fn missing_columns(file: &str, missing: &[&str]) -> FileError {
    let list = missing.join(", ");
    file_error(
        file,
        format!(
            "it lacks the columns {list}; a case file has the columns {}",
            COLUMNS.join(", ")
        ),
        format!(
            "tệp thiếu các cột {list}; tệp hồ sơ có các cột {}",
            COLUMNS.join(", ")
        ),
    )
}

/// Builds the checked batch row by row.
struct Batch {
    case_id: StringBuilder,
    procedure: StringBuilder,
    variant: StringBuilder,
    channel: StringBuilder,
    received_at: TimestampSecondBuilder,
    restarted_at: TimestampSecondBuilder,
    completed_at: TimestampSecondBuilder,
    state: StringBuilder,
    portal_due_at: TimestampSecondBuilder,
    rows: usize,
}

impl Batch {
    fn new() -> Batch {
        let ts = || TimestampSecondBuilder::with_capacity(BATCH_ROWS).with_timezone(schema::TZ);
        let s = || StringBuilder::with_capacity(BATCH_ROWS, BATCH_ROWS * 16);
        Batch {
            case_id: s(),
            procedure: s(),
            variant: s(),
            channel: s(),
            received_at: ts(),
            restarted_at: ts(),
            completed_at: ts(),
            state: s(),
            portal_due_at: ts(),
            rows: 0,
        }
    }

    fn push(&mut self, law: &Law, r: &rows::CaseRow<'_>) {
        self.case_id.append_value(r.case_id);
        self.procedure.append_value(law.procedure_id(r.resolved));
        self.variant.append_option(r.variant);
        self.channel.append_value(r.channel);
        self.received_at.append_value(r.received_at);
        self.restarted_at.append_option(r.restarted_at);
        self.completed_at.append_option(r.completed_at);
        self.state.append_value(r.state);
        self.portal_due_at.append_option(r.portal_due_at);
        self.rows += 1;
    }

    fn finish(&mut self) -> RecordBatch {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.case_id.finish()),
            Arc::new(self.procedure.finish()),
            Arc::new(self.variant.finish()),
            Arc::new(self.channel.finish()),
            Arc::new(self.received_at.finish()),
            Arc::new(self.restarted_at.finish()),
            Arc::new(self.completed_at.finish()),
            Arc::new(self.state.finish()),
            Arc::new(self.portal_due_at.finish()),
        ];
        self.rows = 0;
        RecordBatch::try_new(schema::cases(), columns).expect("the builders match the schema")
    }
}

/// Where a partition's rows come from.
#[derive(Debug, Clone)]
enum Part {
    Csv,
    /// These row groups of a Parquet file.
    Parquet(Vec<usize>),
}

/// One partition of the `cases` table: a CSV file, or some row groups of a Parquet file.
#[derive(Debug)]
pub struct CasePartition {
    path: PathBuf,
    name: String,
    part: Part,
    law: Arc<Law>,
    rejections: Arc<Rejections>,
    /// Set once the partition has been read: a later query reading it again skips the
    /// bad rows without counting them twice.
    read_once: std::sync::atomic::AtomicBool,
}

/// The partitions of the `cases` table over `files`: one per CSV file, and each Parquet
/// file's row groups split `parallelism` ways. Fails on a file that cannot be opened,
/// has an unknown extension or lacks a column.
pub fn partitions(
    files: &[PathBuf],
    law: &Arc<Law>,
    rejections: &Arc<Rejections>,
    parallelism: usize,
) -> Result<Vec<Arc<dyn PartitionStream>>, FileError> {
    let mut out: Vec<Arc<dyn PartitionStream>> = Vec::new();
    for path in files {
        let name = path.display().to_string();
        let make = |part| -> Arc<dyn PartitionStream> {
            Arc::new(CasePartition {
                path: path.clone(),
                name: name.clone(),
                part,
                law: law.clone(),
                rejections: rejections.clone(),
                read_once: Default::default(),
            })
        };
        match Format::of(path) {
            Some(Format::Csv) => {
                csv_header(path, &name)?;
                out.push(make(Part::Csv));
            }
            Some(Format::Parquet) => {
                let builder = parquet_builder(path, &name)?;
                parquet_columns(&builder, &name)?;
                let groups = builder.metadata().num_row_groups();
                let ways = parallelism.clamp(1, groups.max(1));
                for k in 0..ways {
                    let mine: Vec<usize> = (0..groups).filter(|g| g % ways == k).collect();
                    if !mine.is_empty() || groups == 0 && k == 0 {
                        out.push(make(Part::Parquet(mine)));
                    }
                }
            }
            None => {
                return Err(file_error(
                    &name,
                    "the file name must end in .csv or .parquet",
                    "tên tệp phải có đuôi .csv hoặc .parquet",
                ));
            }
        }
    }
    Ok(out)
}

impl PartitionStream for CasePartition {
    fn schema(&self) -> &SchemaRef {
        static S: std::sync::LazyLock<SchemaRef> = std::sync::LazyLock::new(schema::cases);
        &S
    }

    fn execute(&self, _ctx: Arc<TaskContext>) -> SendableRecordBatchStream {
        let (tx, rx) = tokio::sync::mpsc::channel::<Result<RecordBatch, DataFusionError>>(2);
        let path = self.path.clone();
        let name = self.name.clone();
        let part = self.part.clone();
        let law = self.law.clone();
        let first = !self.read_once.swap(true, Ordering::SeqCst);
        let rejections = first.then(|| self.rejections.clone());
        // Reading and checking rows is blocking work: it runs on its own thread and hands
        // batches over a bounded channel, so at most a few batches wait in memory.
        std::thread::spawn(move || {
            let send = |b: Result<RecordBatch, DataFusionError>| tx.blocking_send(b).is_ok();
            let result = match part {
                Part::Csv => read_csv(&path, &name, &law, rejections.as_deref(), &send),
                Part::Parquet(groups) => {
                    read_parquet(&path, &name, groups, &law, rejections.as_deref(), &send)
                }
            };
            if let Err(e) = result {
                let _ = tx.blocking_send(Err(e));
            }
        });
        let stream =
            futures::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|b| (b, rx)) });
        Box::pin(RecordBatchStreamAdapter::new(schema::cases(), stream))
    }
}

/// The error that stops a run with too many bad rows.
pub const TOO_MANY_BAD_ROWS: &str = "tthc-report: too many bad rows";

fn too_many() -> DataFusionError {
    DataFusionError::Execution(TOO_MANY_BAD_ROWS.into())
}

fn external(file: &str, e: impl std::fmt::Display) -> DataFusionError {
    DataFusionError::Execution(format!("{file}: {e}"))
}

/// Checks one row and adds it to the batch or to the rejections; `Err` when that was one
/// bad row too many.
fn take(
    law: &Law,
    rejections: Option<&Rejections>,
    batch: &mut Batch,
    file: &str,
    row: u64,
    cells: &[Cell<'_>; 9],
) -> Result<(), DataFusionError> {
    match rows::check(law, cells) {
        Ok(r) => {
            batch.push(law, &r);
            Ok(())
        }
        Err(error) => reject(rejections, file, row, cells, error),
    }
}

fn reject(
    rejections: Option<&Rejections>,
    file: &str,
    row: u64,
    cells: &[Cell<'_>; 9],
    error: RowError,
) -> Result<(), DataFusionError> {
    let Some(rejections) = rejections else {
        return Ok(());
    };
    let case_id = match cells[0] {
        Cell::Text(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
        _ => None,
    };
    let ok = rejections.add(Rejected {
        file: file.to_string(),
        row,
        case_id,
        error,
    });
    if ok { Ok(()) } else { Err(too_many()) }
}

/// The position of each of [`COLUMNS`] in a CSV header.
fn csv_header(path: &Path, name: &str) -> Result<[usize; 9], FileError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| {
            file_error(
                name,
                format!("cannot open it: {e}"),
                format!("không mở được tệp: {e}"),
            )
        })?;
    let header = reader
        .headers()
        .map_err(|e| {
            file_error(
                name,
                format!("cannot read its header: {e}"),
                format!("không đọc được dòng tiêu đề: {e}"),
            )
        })?
        .clone();
    let names: Vec<String> = header
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
        .collect();
    positions(name, |c| names.iter().position(|n| n == c))
}

fn positions(name: &str, find: impl Fn(&str) -> Option<usize>) -> Result<[usize; 9], FileError> {
    let mut at = [0; 9];
    let mut missing = Vec::new();
    for (i, c) in COLUMNS.iter().enumerate() {
        match find(c) {
            Some(p) => at[i] = p,
            None => missing.push(*c),
        }
    }
    if missing.is_empty() {
        Ok(at)
    } else {
        Err(missing_columns(name, &missing))
    }
}

fn read_csv(
    path: &Path,
    name: &str,
    law: &Law,
    rejections: Option<&Rejections>,
    send: &dyn Fn(Result<RecordBatch, DataFusionError>) -> bool,
) -> Result<(), DataFusionError> {
    let at = csv_header(path, name).map_err(|e| external(name, e.message.en))?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| external(name, e))?;
    let width = reader.headers().map_err(|e| external(name, e))?.len();
    let mut record = csv::ByteRecord::new();
    let mut batch = Batch::new();
    loop {
        let more = match reader.read_byte_record(&mut record) {
            Ok(more) => more,
            // A failing disk is not a bad row: it would fail again on every read.
            Err(e) if e.is_io_error() => return Err(external(name, e)),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                let error = RowError::row(
                    "malformed_row",
                    Text::new(
                        format!("not readable as CSV: {e}"),
                        format!("không đọc được theo CSV: {e}"),
                    ),
                );
                reject(rejections, name, line, &[Cell::Null; 9], error)?;
                continue;
            }
        };
        if !more {
            break;
        }
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != width {
            let error = RowError::row(
                "malformed_row",
                Text::new(
                    format!("the row has {} fields and the header {width}", record.len()),
                    format!("dòng có {} trường, dòng tiêu đề có {width}", record.len()),
                ),
            );
            reject(rejections, name, line, &[Cell::Null; 9], error)?;
            continue;
        }
        let mut cells = [Cell::Null; 9];
        let mut bad_utf8 = false;
        for (i, &p) in at.iter().enumerate() {
            match std::str::from_utf8(&record[p]) {
                Ok(t) => cells[i] = Cell::Text(t),
                Err(_) => bad_utf8 = true,
            }
        }
        if bad_utf8 {
            let error = RowError::row(
                "malformed_row",
                Text::new(
                    "the row is not UTF-8 text; save the file as UTF-8",
                    "dòng không phải văn bản UTF-8; hãy lưu tệp dạng UTF-8",
                ),
            );
            reject(rejections, name, line, &cells, error)?;
            continue;
        }
        take(law, rejections, &mut batch, name, line, &cells)?;
        if batch.rows == BATCH_ROWS && !send(Ok(batch.finish())) {
            return Ok(());
        }
    }
    if batch.rows > 0 {
        send(Ok(batch.finish()));
    }
    Ok(())
}

fn parquet_builder(
    path: &Path,
    name: &str,
) -> Result<ParquetRecordBatchReaderBuilder<std::fs::File>, FileError> {
    let file = std::fs::File::open(path).map_err(|e| {
        file_error(
            name,
            format!("cannot open it: {e}"),
            format!("không mở được tệp: {e}"),
        )
    })?;
    ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| {
        file_error(
            name,
            format!("not a readable Parquet file: {e}"),
            format!("không phải tệp Parquet đọc được: {e}"),
        )
    })
}

/// The position of each of [`COLUMNS`] among the file's top-level fields, with a type
/// check: text, or a timestamp for the time columns.
fn parquet_columns(
    builder: &ParquetRecordBatchReaderBuilder<std::fs::File>,
    name: &str,
) -> Result<[usize; 9], FileError> {
    let schema = builder.schema();
    let at = positions(name, |c| schema.fields().iter().position(|f| f.name() == c))?;
    for (i, &p) in at.iter().enumerate() {
        let t = schema.field(p).data_type();
        let text = matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View);
        let time = matches!(t, DataType::Timestamp(_, _)) && COLUMNS[i].ends_with("_at");
        if !text && !time && *t != DataType::Null {
            return Err(file_error(
                name,
                format!(
                    "column `{}` has type {t}; expected text{}",
                    COLUMNS[i],
                    if COLUMNS[i].ends_with("_at") {
                        " or a timestamp"
                    } else {
                        ""
                    }
                ),
                format!(
                    "cột `{}` có kiểu {t}; cần văn bản{}",
                    COLUMNS[i],
                    if COLUMNS[i].ends_with("_at") {
                        " hoặc thời điểm"
                    } else {
                        ""
                    }
                ),
            ));
        }
    }
    Ok(at)
}

/// A column of a Parquet batch, read cell by cell.
enum Column<'a> {
    Text(Box<dyn Fn(usize) -> Option<&'a str> + 'a>),
    Time(&'a dyn Array, Box<dyn Fn(usize) -> Seconds + 'a>),
    Null,
}

impl<'a> Column<'a> {
    fn new(array: &'a ArrayRef, offset_secs: i64) -> Column<'a> {
        let a: &'a dyn Array = array.as_ref();
        match a.data_type() {
            DataType::Utf8 => {
                let s = a.as_string::<i32>();
                Column::Text(Box::new(move |i| s.is_valid(i).then(|| s.value(i))))
            }
            DataType::LargeUtf8 => {
                let s = a.as_string::<i64>();
                Column::Text(Box::new(move |i| s.is_valid(i).then(|| s.value(i))))
            }
            DataType::Utf8View => {
                let s = a.as_string_view();
                Column::Text(Box::new(move |i| s.is_valid(i).then(|| s.value(i))))
            }
            DataType::Timestamp(unit, tz) => {
                // A timestamp without a time zone is a wall-clock time: Vietnam's.
                let shift = if tz.is_none() { offset_secs } else { 0 };
                let f: Box<dyn Fn(usize) -> Seconds> = match unit {
                    TimeUnit::Second => {
                        let p = a.as_primitive::<TimestampSecondType>();
                        Box::new(move |i| p.value(i) - shift)
                    }
                    TimeUnit::Millisecond => {
                        let p = a.as_primitive::<TimestampMillisecondType>();
                        Box::new(move |i| p.value(i).div_euclid(1_000) - shift)
                    }
                    TimeUnit::Microsecond => {
                        let p = a.as_primitive::<TimestampMicrosecondType>();
                        Box::new(move |i| p.value(i).div_euclid(1_000_000) - shift)
                    }
                    TimeUnit::Nanosecond => {
                        let p = a.as_primitive::<TimestampNanosecondType>();
                        Box::new(move |i| p.value(i).div_euclid(1_000_000_000) - shift)
                    }
                };
                Column::Time(a, f)
            }
            _ => Column::Null,
        }
    }

    fn cell(&self, i: usize) -> Cell<'a> {
        match self {
            Column::Text(f) => f(i).map_or(Cell::Null, Cell::Text),
            Column::Time(a, f) if a.is_valid(i) => Cell::Secs(f(i)),
            _ => Cell::Null,
        }
    }
}

fn read_parquet(
    path: &Path,
    name: &str,
    groups: Vec<usize>,
    law: &Law,
    rejections: Option<&Rejections>,
    send: &dyn Fn(Result<RecordBatch, DataFusionError>) -> bool,
) -> Result<(), DataFusionError> {
    // The footer is read once; each row group gets a reader over the same metadata.
    let file = std::fs::File::open(path).map_err(|e| external(name, e))?;
    let metadata =
        ArrowReaderMetadata::load(&file, Default::default()).map_err(|e| external(name, e))?;
    let builder = || -> Result<ParquetRecordBatchReaderBuilder<std::fs::File>, DataFusionError> {
        let f = file.try_clone().map_err(|e| external(name, e))?;
        Ok(ParquetRecordBatchReaderBuilder::new_with_metadata(
            f,
            metadata.clone(),
        ))
    };
    let first = builder()?;
    let at = parquet_columns(&first, name).map_err(|e| external(name, e.message.en))?;
    // Row numbers count from the file's first row: the rows of the groups before ours.
    let meta = first.metadata().clone();
    let mut projected: Vec<usize> = at.to_vec();
    projected.sort_unstable();
    let mask = ProjectionMask::roots(first.parquet_schema(), projected.iter().copied());
    let offset_secs = i64::from(law.offset().local_minus_utc());
    let mut batch = Batch::new();
    for g in groups {
        let mut row: u64 = (0..g).map(|k| meta.row_group(k).num_rows() as u64).sum();
        let reader = builder()?
            .with_row_groups(vec![g])
            .with_projection(mask.clone())
            .with_batch_size(BATCH_ROWS)
            .build()
            .map_err(|e| external(name, e))?;
        for input in reader {
            let input = input.map_err(|e| external(name, e))?;
            let cols: Vec<Column<'_>> = at
                .iter()
                .map(|&p| {
                    let pos = projected.binary_search(&p).expect("projected");
                    Column::new(input.column(pos), offset_secs)
                })
                .collect();
            for i in 0..input.num_rows() {
                row += 1;
                let mut cells = [Cell::Null; 9];
                for (c, col) in cells.iter_mut().zip(&cols) {
                    *c = col.cell(i);
                }
                take(law, rejections, &mut batch, name, row, &cells)?;
                if batch.rows == BATCH_ROWS && !send(Ok(batch.finish())) {
                    return Ok(());
                }
            }
        }
    }
    if batch.rows > 0 {
        send(Ok(batch.finish()));
    }
    Ok(())
}
