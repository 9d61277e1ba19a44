//! The deadline engine as SQL functions, and the catalogue as a table, for DataFusion:
//!
//! | function | returns |
//! |---|---|
//! | `tthc_due(procedure, variant, received_at, restarted_at)` | the law's due time (timestamp, +07:00) |
//! | `tthc_status(due_at, completed_at, at)` | `early`, `on_time`, `late` (finished), `not_due`, `overdue` (open at `at`) |
//! | `tthc_discrepancy(procedure, variant, received_at, restarted_at, portal_due_at, due_at)` | null when the portal agrees to the minute, else a reason code (`restart_ignored`, `cutoff_ignored`, `working_saturday_ignored`, `days_off_counted`, `unexplained`) |
//! | `tthc_version(procedure, received_at)` | the number of the version in force on receipt, a row of `tthc_versions` |
//! | `tthc_month(t)` | `YYYY-MM` of a time in Vietnam |
//!
//! `procedure` is a catalogue id or a national code. The table `tthc_versions` has one
//! row per procedure version: `version` (its number), `procedure, code, name, field,
//! authority, authority_name, decision, item, valid_from, valid_until`.

use crate::law::{Law, Resolved, Seconds};
use crate::schema;
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, Int32Array, RecordBatch, StringArray, StringBuilder,
    TimestampSecondArray,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema, TimestampSecondType};
use datafusion::datasource::MemTable;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{ColumnarValue, ScalarUDF, Volatility, create_udf};
use datafusion::prelude::SessionContext;
use std::sync::Arc;

/// Registers the functions and the `tthc_versions` table in `ctx`.
pub fn register(ctx: &SessionContext, law: &Arc<Law>) -> Result<()> {
    for f in udfs(law) {
        ctx.register_udf(f);
    }
    ctx.register_table("tthc_versions", Arc::new(versions(law)?))?;
    Ok(())
}

fn arrays(args: &[ColumnarValue]) -> Result<Vec<ArrayRef>> {
    ColumnarValue::values_to_arrays(args)
}

fn text(a: &ArrayRef) -> Result<&StringArray> {
    a.as_string_opt::<i32>()
        .ok_or_else(|| DataFusionError::Execution(format!("expected text, got {}", a.data_type())))
}

fn times(a: &ArrayRef) -> Result<&TimestampSecondArray> {
    a.as_primitive_opt::<TimestampSecondType>().ok_or_else(|| {
        DataFusionError::Execution(format!("expected a timestamp, got {}", a.data_type()))
    })
}

fn opt_text(a: &StringArray, i: usize) -> Option<&str> {
    a.is_valid(i).then(|| a.value(i)).filter(|s| !s.is_empty())
}

fn opt_time(a: &TimestampSecondArray, i: usize) -> Option<Seconds> {
    a.is_valid(i).then(|| a.value(i))
}

/// Resolves row `i` or fails the query with the engine's words: rows of the `cases`
/// table were resolved when read, so this only fails for tables a query builds itself.
fn resolve(
    law: &Law,
    p: &StringArray,
    v: &StringArray,
    received: Seconds,
    i: usize,
) -> Result<Resolved> {
    let day = law.local(received).date_naive();
    law.resolve(p.value(i), day, opt_text(v, i))
        .map_err(|e| DataFusionError::Execution(e.text().en))
}

fn udfs(law: &Arc<Law>) -> Vec<ScalarUDF> {
    let ts = schema::timestamp;
    let due = {
        let law = law.clone();
        create_udf(
            "tthc_due",
            vec![DataType::Utf8, DataType::Utf8, ts(), ts()],
            ts(),
            Volatility::Immutable,
            Arc::new(move |args: &[ColumnarValue]| {
                let a = arrays(args)?;
                let (p, v, rec, res) = (text(&a[0])?, text(&a[1])?, times(&a[2])?, times(&a[3])?);
                let mut out = Vec::with_capacity(p.len());
                for i in 0..p.len() {
                    if p.is_null(i) || rec.is_null(i) {
                        out.push(None);
                        continue;
                    }
                    let r = resolve(&law, p, v, rec.value(i), i)?;
                    let d = law
                        .due(r, rec.value(i), opt_time(res, i))
                        .map_err(|e| DataFusionError::Execution(e.0.en))?;
                    out.push(Some(d));
                }
                Ok(ColumnarValue::Array(Arc::new(
                    TimestampSecondArray::from(out).with_timezone(schema::TZ),
                )))
            }),
        )
    };
    let status = {
        let law = law.clone();
        create_udf(
            "tthc_status",
            vec![ts(), ts(), ts()],
            DataType::Utf8,
            Volatility::Immutable,
            Arc::new(move |args: &[ColumnarValue]| {
                let a = arrays(args)?;
                let (due, done, at) = (times(&a[0])?, times(&a[1])?, times(&a[2])?);
                let out: StringArray = (0..due.len())
                    .map(|i| {
                        (due.is_valid(i) && at.is_valid(i)).then(|| {
                            law.status(due.value(i), opt_time(done, i), at.value(i))
                                .code()
                        })
                    })
                    .collect();
                Ok(ColumnarValue::Array(Arc::new(out)))
            }),
        )
    };
    let discrepancy = {
        let law = law.clone();
        create_udf(
            "tthc_discrepancy",
            vec![DataType::Utf8, DataType::Utf8, ts(), ts(), ts(), ts()],
            DataType::Utf8,
            Volatility::Immutable,
            Arc::new(move |args: &[ColumnarValue]| {
                let a = arrays(args)?;
                let (p, v) = (text(&a[0])?, text(&a[1])?);
                let (rec, res, portal, due) =
                    (times(&a[2])?, times(&a[3])?, times(&a[4])?, times(&a[5])?);
                let mut out = StringBuilder::new();
                for i in 0..p.len() {
                    let (Some(pd), Some(d)) = (opt_time(portal, i), opt_time(due, i)) else {
                        out.append_null();
                        continue;
                    };
                    if p.is_null(i) || rec.is_null(i) || pd.div_euclid(60) == d.div_euclid(60) {
                        out.append_null();
                        continue;
                    }
                    let r = resolve(&law, p, v, rec.value(i), i)?;
                    let reason = law.discrepancy(r, rec.value(i), opt_time(res, i), pd, d);
                    out.append_option(reason.map(|r| r.code()));
                }
                Ok(ColumnarValue::Array(Arc::new(out.finish())))
            }),
        )
    };
    let version = {
        let law = law.clone();
        create_udf(
            "tthc_version",
            vec![DataType::Utf8, ts()],
            DataType::Int32,
            Volatility::Immutable,
            Arc::new(move |args: &[ColumnarValue]| {
                let a = arrays(args)?;
                let (p, rec) = (text(&a[0])?, times(&a[1])?);
                let out: Int32Array = (0..p.len())
                    .map(|i| {
                        (p.is_valid(i) && rec.is_valid(i))
                            .then(|| law.version_number(p.value(i), rec.value(i)))
                            .flatten()
                    })
                    .collect();
                Ok(ColumnarValue::Array(Arc::new(out)))
            }),
        )
    };
    let month = {
        let law = law.clone();
        create_udf(
            "tthc_month",
            vec![ts()],
            DataType::Utf8,
            Volatility::Immutable,
            Arc::new(move |args: &[ColumnarValue]| {
                let a = arrays(args)?;
                let t = times(&a[0])?;
                let out: StringArray = (0..t.len())
                    .map(|i| opt_time(t, i).map(|s| law.local(s).format("%Y-%m").to_string()))
                    .collect();
                Ok(ColumnarValue::Array(Arc::new(out)))
            }),
        )
    };
    vec![due, status, discrepancy, version, month]
}

/// The `tthc_versions` table.
fn versions(law: &Law) -> Result<MemTable> {
    let cat = law.catalogue();
    let names = [
        "version",
        "procedure",
        "code",
        "name",
        "field",
        "authority",
        "authority_name",
        "decision",
        "item",
        "valid_from",
        "valid_until",
    ];
    let mut numbers = Vec::new();
    let mut cols: Vec<StringBuilder> = names[1..].iter().map(|_| StringBuilder::new()).collect();
    for p in &cat.procedures {
        for v in &p.versions {
            numbers.push(numbers.len() as i32);
            let authority = cat.authority(&v.authority).map(|a| a.title.as_str());
            let row: [Option<String>; 10] = [
                Some(p.id.clone()),
                p.code_in(v).map(str::to_string),
                Some(p.name_in(v).to_string()),
                p.field_in(v).map(str::to_string),
                Some(v.authority.clone()),
                authority.map(str::to_string),
                Some(v.source.decision.clone()),
                Some(v.source.item.clone()),
                Some(v.valid_from.to_string()),
                v.valid_until.map(|d| d.to_string()),
            ];
            for (c, value) in cols.iter_mut().zip(row) {
                c.append_option(value);
            }
        }
    }
    let mut fields = vec![Field::new("version", DataType::Int32, false)];
    fields.extend(
        names[1..]
            .iter()
            .map(|n| Field::new(*n, DataType::Utf8, !matches!(*n, "procedure" | "name"))),
    );
    let schema = Arc::new(Schema::new(fields));
    let mut arrays: Vec<ArrayRef> = vec![Arc::new(Int32Array::from(numbers))];
    arrays.extend(cols.iter_mut().map(|c| Arc::new(c.finish()) as ArrayRef));
    let batch = RecordBatch::try_new(schema.clone(), arrays)?;
    MemTable::try_new(schema, vec![vec![batch]])
}
