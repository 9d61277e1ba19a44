//! Running a report: the case files as a streaming table, the catalogue and the engine
//! registered in DataFusion, the SQL of `reports/` run over them, and the results
//! gathered into a [`Report`].

use crate::functions;
use crate::law::{Law, Seconds};
use crate::read::{self, FileError, Rejected, Rejections};
use crate::sql::{self, Queries};
use chrono::{DateTime, Days, FixedOffset, NaiveDate, TimeZone};
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, RecordBatch, StringArray, TimestampSecondArray,
};
use datafusion::arrow::datatypes::{DataType, Field, Int64Type, Schema, TimestampSecondType};
use datafusion::catalog::streaming::StreamingTable;
use datafusion::datasource::MemTable;
use datafusion::prelude::{SessionConfig, SessionContext};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use tthc::text::Text;

/// What to report on.
#[derive(Debug, Clone)]
pub struct Options {
    /// Case files, CSV or Parquet.
    pub files: Vec<PathBuf>,
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period.
    pub to: NaiveDate,
    /// The moment the open cases are measured at (default: the end of `to`); must lie
    /// inside the period.
    pub as_of: Option<DateTime<FixedOffset>>,
    /// The column to group by (`month` for the months of the period).
    pub by: Option<String>,
    /// Also count each month (for charts), whatever `by` is.
    pub months: bool,
    /// Bad rows tolerated before the report stops.
    pub max_errors: u64,
    /// How many discrepancies to list.
    pub discrepancies: u64,
    /// Read the SQL from this folder instead of the bundled `reports/`.
    pub sql_dir: Option<PathBuf>,
    /// Threads DataFusion runs on (0: one per core).
    pub threads: usize,
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

/// The counts of a group or of the whole report (JSON names as the issue and the
/// provincial report forms name them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Received before the period and not resolved at its start.
    pub received_carried_over: u64,
    /// Received in the period.
    pub received_new: u64,
    /// Of the new ones, at the desk.
    pub received_direct: u64,
    /// Of the new ones, online.
    pub received_online: u64,
    /// Completed in the period on a day before the due date.
    pub resolved_early: u64,
    /// Completed on the due date, not after the due time.
    pub resolved_on_time: u64,
    /// Completed after the due time.
    pub resolved_late: u64,
    /// Open at the end of the period (or `as_of`), not yet due.
    pub open_not_due: u64,
    /// Open and past the due time.
    pub open_overdue: u64,
    /// Paused (waiting for the applicant or another agency).
    pub paused: u64,
    /// Returned to the applicant in the period.
    pub returned: u64,
    /// Cancelled (withdrawn) in the period.
    pub cancelled: u64,
    /// (early + on time) / resolved; null when nothing was resolved.
    pub on_time_rate: Option<Rate>,
    /// late / resolved.
    pub late_rate: Option<Rate>,
    /// Cases whose `portal_due_at` differs from the law's due time.
    pub discrepancies: u64,
    /// The same by reason.
    pub discrepancies_by_reason: BTreeMap<String, u64>,
}

impl Counts {
    /// Completed in the period.
    pub fn resolved(&self) -> u64 {
        self.resolved_early + self.resolved_on_time + self.resolved_late
    }

    fn finish(mut self) -> Counts {
        let resolved = self.resolved();
        self.on_time_rate = Rate::of(self.resolved_early + self.resolved_on_time, resolved);
        self.late_rate = Rate::of(self.resolved_late, resolved);
        self
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
    /// The line (CSV, header = 1) or row (Parquet, 1-based).
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

/// A finished report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The period.
    pub period: Period,
    /// The moment open cases were measured at.
    pub as_of: String,
    /// The grouping, if any.
    pub by: Option<String>,
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
    /// The rows rejected.
    pub rejected: RejectedSummary,
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
    /// `--by` names no column of `counted`.
    UnknownGrouping {
        /// What was asked for.
        by: String,
        /// The columns there are.
        columns: Vec<String>,
    },
    /// The SQL failed (a changed file in `--sql`, or a case outside what the engine can count).
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
                    "cannot group by `{by}`: the columns of `counted` are {}, and month",
                    columns.join(", ")
                ),
                format!(
                    "không nhóm theo `{by}` được: các cột của `counted` là {}, và month",
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

/// The start and end instants of the period: the first day's midnight and the moment
/// after the last day, or `as_of`.
fn bounds(law: &Law, o: &Options) -> Result<(Seconds, Seconds, DateTime<FixedOffset>), Error> {
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
    let start = midnight(o.from);
    let end = midnight(o.to.checked_add_days(Days::new(1)).unwrap_or(o.to));
    let at = match o.as_of {
        Some(t) if t < start || t > end => {
            return Err(Error::Options(Text::new(
                format!(
                    "--as-of {} is outside the period {} to {}",
                    t.to_rfc3339(),
                    o.from,
                    o.to
                ),
                format!(
                    "--as-of {} nằm ngoài kỳ báo cáo {} đến {}",
                    t.to_rfc3339(),
                    o.from,
                    o.to
                ),
            )));
        }
        Some(t) => t.with_timezone(&law.offset()),
        None => end,
    };
    Ok((start.timestamp(), at.timestamp(), at))
}

/// The `periods` table: the whole period, and each month when asked for.
fn periods(
    law: &Law,
    start: Seconds,
    end: Seconds,
    months: bool,
) -> Result<(MemTable, Vec<String>), Error> {
    let mut rows: Vec<(String, Seconds, Seconds, bool)> = vec![("all".into(), start, end, true)];
    if months {
        let mut day = law
            .local(start)
            .date_naive()
            .with_day0(0)
            .expect("day 1 exists");
        let last = law.local(end - 1).date_naive();
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
            };
            let (s, e) = (at(day).max(start), at(next).min(end));
            if s < e {
                rows.push((day.format("%Y-%m").to_string(), s, e, false));
            }
            day = next;
        }
    }
    let schema = Arc::new(Schema::new(vec![
        Field::new("period", DataType::Utf8, false),
        Field::new("start_at", crate::schema::timestamp(), false),
        Field::new("end_at", crate::schema::timestamp(), false),
        Field::new("whole", DataType::Boolean, false),
    ]));
    let ts = |v: Vec<Seconds>| {
        Arc::new(TimestampSecondArray::from(v).with_timezone(crate::schema::TZ)) as ArrayRef
    };
    let batch = RecordBatch::try_new(
        schema.clone(),
        vec![
            Arc::new(StringArray::from_iter_values(
                rows.iter().map(|r| r.0.as_str()),
            )),
            ts(rows.iter().map(|r| r.1).collect()),
            ts(rows.iter().map(|r| r.2).collect()),
            Arc::new(BooleanArray::from(
                rows.iter().map(|r| r.3).collect::<Vec<_>>(),
            )),
        ],
    )
    .map_err(query_error)?;
    let labels = rows.iter().skip(1).map(|r| r.0.clone()).collect();
    let table = MemTable::try_new(schema, vec![vec![batch]]).map_err(query_error)?;
    Ok((table, labels))
}

use chrono::Datelike;

const REASONS: [&str; 5] = [
    "restart_ignored",
    "cutoff_ignored",
    "working_saturday_ignored",
    "days_off_counted",
    "unexplained",
];

/// Reads a `counts.sql` result row.
fn counts_of(batch: &RecordBatch, i: usize) -> Result<Counts, Error> {
    let n = |name: &str| -> Result<u64, Error> {
        let c = batch
            .column_by_name(name)
            .ok_or_else(|| Error::Query(format!("counts.sql gives no column `{name}`")))?;
        let c = datafusion::arrow::compute::cast(c, &DataType::Int64).map_err(query_error)?;
        Ok(c.as_primitive::<Int64Type>().value(i).max(0) as u64)
    };
    let mut by_reason = BTreeMap::new();
    for r in REASONS {
        let k = n(&format!("discrepancies_{r}"))?;
        if k > 0 {
            by_reason.insert(r.to_string(), k);
        }
    }
    Ok(Counts {
        received_carried_over: n("received_carried_over")?,
        received_new: n("received_new")?,
        received_direct: n("received_direct")?,
        received_online: n("received_online")?,
        resolved_early: n("resolved_early")?,
        resolved_on_time: n("resolved_on_time")?,
        resolved_late: n("resolved_late")?,
        open_not_due: n("open_not_due")?,
        open_overdue: n("open_overdue")?,
        paused: n("paused")?,
        returned: n("returned")?,
        cancelled: n("cancelled")?,
        on_time_rate: None,
        late_rate: None,
        discrepancies: n("discrepancies")?,
        discrepancies_by_reason: by_reason,
    }
    .finish())
}

fn string_at(a: &ArrayRef, i: usize) -> Option<String> {
    let a = datafusion::arrow::compute::cast(a, &DataType::Utf8).ok()?;
    let s = a.as_string::<i32>();
    s.is_valid(i).then(|| s.value(i).to_string())
}

fn time_at(a: &ArrayRef, i: usize) -> Option<Seconds> {
    let p = a.as_primitive_opt::<TimestampSecondType>()?;
    p.is_valid(i).then(|| p.value(i))
}

/// A DataFusion session with the report's tables, functions and views.
struct Session {
    ctx: SessionContext,
    queries: Queries,
    rejections: Arc<Rejections>,
    as_of: DateTime<FixedOffset>,
    /// The months of the period, when counted.
    month_labels: Vec<String>,
}

async fn open(law: &Arc<Law>, o: &Options) -> Result<Session, Error> {
    let (start, end, as_of) = bounds(law, o)?;
    let queries: Queries = sql::load(o.sql_dir.as_deref()).map_err(Error::Query)?;
    let threads = if o.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        o.threads
    };
    let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(threads));
    functions::register(&ctx, law).map_err(query_error)?;
    let rejections = Arc::new(Rejections::new(o.max_errors, 100));
    let parts = read::partitions(&o.files, law, &rejections, threads).map_err(Error::File)?;
    let table = StreamingTable::try_new(crate::schema::cases(), parts).map_err(query_error)?;
    ctx.register_table("cases", Arc::new(table))
        .map_err(query_error)?;
    let months = o.months || o.by.as_deref() == Some("month");
    let (periods, month_labels) = periods(law, start, end, months)?;
    ctx.register_table("periods", Arc::new(periods))
        .map_err(query_error)?;
    for statement in &queries.setup {
        ctx.sql(statement)
            .await
            .map_err(query_error)?
            .collect()
            .await
            .map_err(query_error)?;
    }
    Ok(Session {
        ctx,
        queries,
        rejections,
        as_of,
        month_labels,
    })
}

/// The session a report runs in: the `cases`, `periods` and `tthc_versions` tables, the
/// functions, and the views of `cases.sql`, to run other queries over (or `EXPLAIN`).
pub async fn context(law: Arc<Law>, o: &Options) -> Result<SessionContext, Error> {
    Ok(open(&law, o).await?.ctx)
}

/// Runs the report.
pub async fn run(law: Arc<Law>, o: &Options) -> Result<Report, Error> {
    let Session {
        ctx,
        queries,
        rejections,
        as_of,
        month_labels,
    } = open(&law, o).await?;
    let by_month = o.by.as_deref() == Some("month");
    let columns: Vec<String> = ctx
        .table("counted")
        .await
        .map_err(query_error)?
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .filter(|n| {
            !matches!(
                n.as_str(),
                "period" | "whole" | "case_id" | "carried_over" | "status" | "discrepancy"
            )
        })
        .collect();
    // With --by month the groups are the months (periods); the per-group rows are then
    // per procedure, for the charts.
    let group_column = match o.by.as_deref() {
        None | Some("month") => "procedure".to_string(),
        Some(c) if columns.iter().any(|k| k == c) => c.to_string(),
        Some(c) => {
            return Err(Error::UnknownGrouping {
                by: c.to_string(),
                columns,
            });
        }
    };
    let counts_sql = queries
        .counts
        .replace("${by}", &format!("\"{group_column}\""));
    let batches = match ctx
        .sql(&counts_sql)
        .await
        .map_err(query_error)?
        .collect()
        .await
    {
        Ok(b) => b,
        Err(e) if e.to_string().contains(read::TOO_MANY_BAD_ROWS) => {
            return Err(Error::TooManyBadRows(summary(&rejections), o.max_errors));
        }
        Err(e) => return Err(query_error(e)),
    };
    let label = |key: &Option<String>| -> Option<String> {
        let k = key.as_deref()?;
        match group_column.as_str() {
            "procedure" => law.catalogue().procedure(k).map(|p| p.name.clone()),
            "authority" => law.catalogue().authority(k).map(|a| a.title.clone()),
            _ => None,
        }
    };
    let mut total = Counts::default().finish();
    let mut groups = Vec::new();
    let mut month_groups = Vec::new();
    for b in &batches {
        let period = b
            .column_by_name("period")
            .ok_or_else(|| Error::Query("counts.sql gives no column `period`".into()))?;
        let is_total = b
            .column_by_name("is_total")
            .ok_or_else(|| Error::Query("counts.sql gives no column `is_total`".into()))?;
        let key = b
            .column_by_name("key")
            .ok_or_else(|| Error::Query("counts.sql gives no column `key`".into()))?;
        let is_total = is_total
            .as_boolean_opt()
            .ok_or_else(|| Error::Query("`is_total` is not a boolean".into()))?;
        for i in 0..b.num_rows() {
            let period = string_at(period, i).unwrap_or_default();
            let counts = counts_of(b, i)?;
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
    for label in &month_labels {
        if !month_groups
            .iter()
            .any(|g| g.key.as_deref() == Some(label.as_str()))
        {
            month_groups.push(Group {
                key: Some(label.clone()),
                label: None,
                counts: Counts::default().finish(),
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
    let discrepancies = if o.discrepancies > 0 && total.discrepancies > 0 {
        let q = queries
            .discrepancies
            .replace("${limit}", &o.discrepancies.to_string());
        let batches = ctx
            .sql(&q)
            .await
            .map_err(query_error)?
            .collect()
            .await
            .map_err(query_error)?;
        listed(&law, &batches)?
    } else {
        Vec::new()
    };
    Ok(Report {
        period: Period {
            from: o.from,
            to: o.to,
        },
        as_of: as_of.to_rfc3339(),
        by: o.by.clone(),
        groups,
        total,
        months,
        procedures,
        discrepancies,
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

fn listed(law: &Law, batches: &[RecordBatch]) -> Result<Vec<Discrepancy>, Error> {
    let mut out = Vec::new();
    let col = |b: &RecordBatch, n: &str| -> Result<ArrayRef, Error> {
        b.column_by_name(n)
            .cloned()
            .ok_or_else(|| Error::Query(format!("discrepancies.sql gives no column `{n}`")))
    };
    let show = |s: Seconds| law.local(s).to_rfc3339();
    for b in batches {
        let (id, p, v) = (col(b, "case_id")?, col(b, "procedure")?, col(b, "variant")?);
        let (rec, res, portal, due) = (
            col(b, "received_at")?,
            col(b, "restarted_at")?,
            col(b, "portal_due_at")?,
            col(b, "due_at")?,
        );
        for i in 0..b.num_rows() {
            let (Some(procedure), Some(received), Some(portal), Some(due)) = (
                string_at(&p, i),
                time_at(&rec, i),
                time_at(&portal, i),
                time_at(&due, i),
            ) else {
                continue;
            };
            let variant = string_at(&v, i);
            let restarted = time_at(&res, i);
            let day = law.local(received).date_naive();
            let Ok(r) = law.resolve(&procedure, day, variant.as_deref()) else {
                continue;
            };
            let Some(reason) = law.discrepancy(r, received, restarted, portal, due) else {
                continue;
            };
            out.push(Discrepancy {
                case_id: string_at(&id, i).unwrap_or_default(),
                procedure,
                variant,
                received_at: show(received),
                restarted_at: restarted.map(show),
                portal_due_at: show(portal),
                due_at: show(due),
                reason: reason.code().to_string(),
                explanation: reason.text(),
            });
        }
    }
    Ok(out)
}
