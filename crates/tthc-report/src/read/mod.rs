//! Reading case files (CSV, Parquet, Excel) in bounded chunks of Arrow arrays: each
//! reader yields [`Chunk`]s with the columns it found, where each row came from, and
//! nothing checked yet ([`crate::count`] checks and counts them). Nothing is held but a
//! chunk at a time per thread (an Excel sheet is read whole), so a file larger than
//! memory streams through.

pub mod csv;
pub mod parquet;
pub mod xlsx;

use crate::law::{NS, Nanos};
use crate::rows::RowError;
use crate::schema::COLUMNS;
use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::datatypes::{
    DataType, Int8Type, Int16Type, Int32Type, Int64Type, TimeUnit, TimestampMicrosecondType,
    TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType, UInt8Type, UInt16Type,
    UInt32Type,
};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tthc::deadline::bulk::NULL;
use tthc::text::Text;

/// Rows per chunk.
pub const CHUNK_ROWS: usize = 8192;

/// A file's format, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.csv`: UTF-8, a header row naming the columns.
    Csv,
    /// `.parquet` or `.pq`.
    Parquet,
    /// `.xlsx`, `.xlsm`, `.xls` or `.ods`: the first sheet whose first row names the columns.
    Excel,
}

impl Format {
    /// The format of `path` by its extension.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "parquet" | "pq" => Some(Format::Parquet),
            "xlsx" | "xlsm" | "xls" | "ods" => Some(Format::Excel),
            _ => None,
        }
    }
}

/// The file-name endings a case file may have, for messages.
pub const EXTENSIONS: &str = ".csv, .parquet, .xlsx, .xls or .ods";

/// A rejected row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The file, as given on the command line.
    pub file: String,
    /// The sheet, in a spreadsheet.
    pub sheet: Option<String>,
    /// The line in a CSV file (the header is line 1), the 1-based row in a Parquet file,
    /// the row number a spreadsheet shows.
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
    pub fn add(&self, r: Rejected) -> bool {
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
        v.sort_by(|a, b| (&a.file, &a.sheet, a.row).cmp(&(&b.file, &b.sheet, b.row)));
        v
    }

    /// True once more rows were rejected than tolerated.
    pub fn exceeded(&self) -> bool {
        self.count() > self.max
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

/// A [`FileError`] with its message in both languages.
pub fn file_error(file: &str, en: impl Into<String>, vi: impl Into<String>) -> FileError {
    FileError {
        file: file.to_string(),
        message: Text::new(en, vi),
    }
}

/// The error of a file that lacks some of the [`COLUMNS`].
pub fn missing_columns(file: &str, missing: &[&str]) -> FileError {
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

/// The positions of the columns a reader looks for in a file: the [`COLUMNS`], and the
/// optional `pauses` and grouping columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Where each of [`COLUMNS`] is.
    pub at: [usize; 9],
    /// Where the pauses are, when the file has them.
    pub pauses: Option<usize>,
    /// Where the `--by` column is, when it is one of the file's own.
    pub by: Option<usize>,
}

/// What a reader must find besides the [`COLUMNS`].
#[derive(Debug, Clone, Default)]
pub struct Wanted {
    /// A column of the files to group by (`--by unit`), required in every file.
    pub by: Option<String>,
}

impl Layout {
    /// The layout of a file whose columns are named by `find`.
    pub fn find(
        name: &str,
        wanted: &Wanted,
        find: impl Fn(&str) -> Option<usize>,
    ) -> Result<Layout, FileError> {
        let mut at = [0; 9];
        let mut missing = Vec::new();
        for (i, c) in COLUMNS.iter().enumerate() {
            match find(c) {
                Some(p) => at[i] = p,
                None => missing.push(*c),
            }
        }
        let by = match &wanted.by {
            Some(b) => match find(b) {
                Some(p) => Some(p),
                None => {
                    missing.push(b.as_str());
                    None
                }
            },
            None => None,
        };
        if !missing.is_empty() {
            return Err(missing_columns(name, &missing));
        }
        Ok(Layout {
            at,
            pauses: find(crate::schema::PAUSES),
            by,
        })
    }
}

/// Where the rows of a chunk came from.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The file, as given.
    pub file: Arc<str>,
    /// The sheet, in a spreadsheet.
    pub sheet: Option<Arc<str>>,
    /// Each row's line (CSV), row (Parquet, 1-based) or sheet row number.
    pub rows: Vec<u64>,
}

/// A time column of a chunk, in nanoseconds ([`NULL`] for empty), with the cells that
/// could not be read.
#[derive(Debug, Clone, Default)]
pub struct Times {
    /// The instants.
    pub ns: Vec<Nanos>,
    /// 0 for a readable cell; else a [`BadTime`] as `u8`.
    pub bad: Vec<u8>,
    /// The cells' text, when they were text (to quote a bad one).
    pub text: Option<ArrayRef>,
}

/// Why a time cell could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum BadTime {
    /// Not in any accepted form.
    Unrecognised = 1,
    /// An accepted form, but a day or time that does not exist.
    Impossible = 2,
    /// Outside the range of dates the report can hold.
    OutOfRange = 3,
}

/// A chunk of rows as a reader found them: the text columns as Arrow arrays (any string
/// type, dictionaries included), the times read.
#[derive(Debug, Clone)]
pub struct Chunk {
    /// Where the rows came from.
    pub origin: Origin,
    /// `case_id`, `procedure`, `variant`, `channel`, `state`.
    pub text: [ArrayRef; 5],
    /// `received_at`, `restarted_at`, `completed_at`, `portal_due_at`.
    pub times: [Times; 4],
    /// The `pauses` column's text, when the file has one.
    pub pauses: Option<ArrayRef>,
    /// The `--by` column, when it is one of the file's.
    pub by: Option<ArrayRef>,
}

impl Chunk {
    /// How many rows.
    pub fn len(&self) -> usize {
        self.origin.rows.len()
    }

    /// True when it has no rows.
    pub fn is_empty(&self) -> bool {
        self.origin.rows.is_empty()
    }
}

/// Index of each text column in [`Chunk::text`].
pub mod text {
    /// `case_id`
    pub const CASE_ID: usize = 0;
    /// `procedure`
    pub const PROCEDURE: usize = 1;
    /// `variant`
    pub const VARIANT: usize = 2;
    /// `channel`
    pub const CHANNEL: usize = 3;
    /// `state`
    pub const STATE: usize = 4;
}

/// True for the string types a text column may have.
pub fn is_text(t: &DataType) -> bool {
    match t {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => true,
        DataType::Dictionary(_, v) => is_text(v),
        _ => false,
    }
}

/// A text column, read row by row whatever its Arrow type.
pub enum TextCol<'a> {
    /// `Utf8`.
    Utf8(&'a datafusion::arrow::array::StringArray),
    /// `LargeUtf8`.
    Large(&'a datafusion::arrow::array::LargeStringArray),
    /// `Utf8View`.
    View(&'a datafusion::arrow::array::StringViewArray),
    /// A dictionary: each row's key, and the values.
    Dict(Vec<Option<usize>>, Box<TextCol<'a>>),
    /// All null.
    Null,
}

impl<'a> TextCol<'a> {
    /// A reader over `a`.
    pub fn new(a: &'a ArrayRef) -> TextCol<'a> {
        Self::of(a.as_ref())
    }

    fn of(a: &'a dyn Array) -> TextCol<'a> {
        match a.data_type() {
            DataType::Utf8 => TextCol::Utf8(a.as_string::<i32>()),
            DataType::LargeUtf8 => TextCol::Large(a.as_string::<i64>()),
            DataType::Utf8View => TextCol::View(a.as_string_view()),
            DataType::Dictionary(k, _) => {
                macro_rules! dict {
                    ($t:ty) => {{
                        let d = a.as_dictionary::<$t>();
                        let keys = d
                            .keys()
                            .iter()
                            .map(|k| k.and_then(|k| usize::try_from(k).ok()))
                            .collect();
                        TextCol::Dict(keys, Box::new(TextCol::of(d.values().as_ref())))
                    }};
                }
                match k.as_ref() {
                    DataType::Int8 => dict!(Int8Type),
                    DataType::Int16 => dict!(Int16Type),
                    DataType::Int32 => dict!(Int32Type),
                    DataType::Int64 => dict!(Int64Type),
                    DataType::UInt8 => dict!(UInt8Type),
                    DataType::UInt16 => dict!(UInt16Type),
                    DataType::UInt32 => dict!(UInt32Type),
                    _ => TextCol::Null,
                }
            }
            _ => TextCol::Null,
        }
    }

    /// Row `i`'s text, untrimmed; `None` for null.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            TextCol::Utf8(s) => s.is_valid(i).then(|| s.value(i)),
            TextCol::Large(s) => s.is_valid(i).then(|| s.value(i)),
            TextCol::View(s) => s.is_valid(i).then(|| s.value(i)),
            TextCol::Dict(keys, values) => values.get(keys.get(i).copied().flatten()?),
            TextCol::Null => None,
        }
    }

    /// Row `i`'s text, trimmed; `None` for null or blank.
    pub fn value(&self, i: usize) -> Option<&'a str> {
        self.get(i).map(str::trim).filter(|s| !s.is_empty())
    }

    /// The rows as keys into a list of distinct trimmed values (`u32::MAX` for null or
    /// blank): a dictionary column gives its own keys, a plain one is hashed once.
    pub fn categories(&self, n: usize) -> (Vec<u32>, Vec<&'a str>) {
        if let TextCol::Dict(keys, values) = self {
            let (vk, vs) = values.categories(values.len());
            let k = keys
                .iter()
                .map(|k| k.and_then(|k| vk.get(k).copied()).unwrap_or(u32::MAX))
                .collect();
            return (k, vs);
        }
        let mut seen: std::collections::HashMap<&'a str, u32> = Default::default();
        let mut values = Vec::new();
        let keys = (0..n)
            .map(|i| match self.value(i) {
                None => u32::MAX,
                Some(v) => *seen.entry(v).or_insert_with(|| {
                    values.push(v);
                    (values.len() - 1) as u32
                }),
            })
            .collect();
        (keys, values)
    }

    fn len(&self) -> usize {
        match self {
            TextCol::Utf8(s) => s.len(),
            TextCol::Large(s) => s.len(),
            TextCol::View(s) => s.len(),
            TextCol::Dict(k, _) => k.len(),
            TextCol::Null => 0,
        }
    }
}

/// A time column of an Arrow batch as [`Times`]: timestamps of any unit (one without a
/// time zone is Vietnam wall-clock time, `offset` seconds ahead of UTC), text in the
/// accepted forms, or all null.
pub fn times(a: &ArrayRef, offset: i64) -> Times {
    let n = a.len();
    let mut out = Times {
        ns: vec![NULL; n],
        bad: vec![0; n],
        text: None,
    };
    match a.data_type() {
        DataType::Timestamp(unit, tz) => {
            let shift = if tz.is_none() { offset * NS } else { 0 };
            let (values, per): (&[i64], i64) = match unit {
                TimeUnit::Second => (a.as_primitive::<TimestampSecondType>().values(), NS),
                TimeUnit::Millisecond => (
                    a.as_primitive::<TimestampMillisecondType>().values(),
                    1_000_000,
                ),
                TimeUnit::Microsecond => {
                    (a.as_primitive::<TimestampMicrosecondType>().values(), 1_000)
                }
                TimeUnit::Nanosecond => (a.as_primitive::<TimestampNanosecondType>().values(), 1),
            };
            for (i, &v) in values.iter().enumerate() {
                if a.is_null(i) {
                    continue;
                }
                match v.checked_mul(per).and_then(|x| x.checked_sub(shift)) {
                    Some(x) if x != NULL => out.ns[i] = x,
                    _ => out.bad[i] = BadTime::OutOfRange as u8,
                }
            }
        }
        t if is_text(t) => {
            let col = TextCol::new(a);
            let tz = chrono::FixedOffset::east_opt(offset as i32).expect("a valid offset");
            let mut parse = |s: &str| -> Result<Nanos, BadTime> {
                match tthc::datetime::parse_local(s, tz) {
                    Ok(t) => t.timestamp_nanos_opt().ok_or(BadTime::OutOfRange),
                    Err(tthc::datetime::DatetimeError::Impossible) => Err(BadTime::Impossible),
                    Err(tthc::datetime::DatetimeError::Unrecognised) => Err(BadTime::Unrecognised),
                }
            };
            if let TextCol::Dict(keys, values) = &col {
                let parsed: Vec<Option<Result<Nanos, BadTime>>> = (0..values.len())
                    .map(|k| values.value(k).map(&mut parse))
                    .collect();
                for (i, k) in keys.iter().enumerate() {
                    match k.and_then(|k| parsed.get(k).copied().flatten()) {
                        Some(Ok(t)) => out.ns[i] = t,
                        Some(Err(e)) => out.bad[i] = e as u8,
                        None => {}
                    }
                }
            } else {
                for i in 0..n {
                    match col.value(i).map(&mut parse) {
                        Some(Ok(t)) => out.ns[i] = t,
                        Some(Err(e)) => out.bad[i] = e as u8,
                        None => {}
                    }
                }
            }
            out.text = Some(a.clone());
        }
        _ => {}
    }
    out
}

/// The [`RowError`] of a file that is not a case file at all, shown as one bad row.
pub fn malformed(en: impl Into<String>, vi: impl Into<String>) -> RowError {
    RowError::row("malformed_row", Text::new(en, vi))
}
