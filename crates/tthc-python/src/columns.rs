//! Due times and statuses of whole columns of cases (`Catalogue.columns` in Python):
//! Arrow arrays in, one Arrow struct array out, computed by the core's bulk engine
//! (`tthc::deadline::bulk`) with the GIL released.
//!
//! Each row is resolved as the single-case service resolves it (the procedure by id or
//! national code, the version in force on the local date of receipt, the named case),
//! once per distinct (procedure, case, day); the engine then runs over plain `i64`
//! nanosecond columns. A row that cannot be answered gets nulls and a `reason` code
//! (the service's and the engine's stable codes) naming its `reason_field`; the other
//! rows are unaffected, and nothing a row holds raises an exception.

use crate::arrow_ffi;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType,
};
use arrow_array::{
    Array, ArrayRef, Int32Array, Int64Array, StringArray, StructArray, TimestampNanosecondArray,
};
use arrow_buffer::NullBuffer;
use arrow_schema::{DataType, Field, TimeUnit};
use chrono::{FixedOffset, NaiveDate};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use tthc::calendar::WorkingCalendar;
use tthc::datetime::parse_local;
use tthc::deadline::bulk::{self, At, Cases, CompiledPlan, Engine, NO_PLAN, NULL, Out, Pauses};
use tthc::model::Catalogue;

const NANOS: i64 = 1_000_000_000;

/// Why a row has no answer: a stable code and the input column at fault.
type Reason = (&'static str, &'static str);

/// A text column of any of Arrow's three string layouts.
enum Texts<'a> {
    Small(&'a arrow_array::StringArray),
    Large(&'a arrow_array::LargeStringArray),
    View(&'a arrow_array::StringViewArray),
}

impl<'a> Texts<'a> {
    fn of(a: &'a ArrayRef, field: &str) -> PyResult<Texts<'a>> {
        match a.data_type() {
            DataType::Utf8 => Ok(Texts::Small(a.as_string::<i32>())),
            DataType::LargeUtf8 => Ok(Texts::Large(a.as_string::<i64>())),
            DataType::Utf8View => Ok(Texts::View(a.as_string_view())),
            t => Err(PyTypeError::new_err(format!(
                "{field} must be a string column, not {t}"
            ))),
        }
    }

    fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            Texts::Small(a) => a.is_valid(i).then(|| a.value(i)),
            Texts::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Texts::View(a) => a.is_valid(i).then(|| a.value(i)),
        }
    }
}

/// A column of moments as nanoseconds since the epoch ([`NULL`] for none). A timestamp
/// column with a time zone holds instants; one without holds local times of the
/// calendar (as a text without an offset is read). A text column is read row by row by
/// the service's one reader; a text that does not read gives its row a reason.
fn instants(
    a: &ArrayRef,
    field: &'static str,
    offset: FixedOffset,
    reasons: &mut [Option<Reason>],
) -> PyResult<Vec<i64>> {
    let local = i64::from(offset.local_minus_utc()) * NANOS;
    let mut out = vec![NULL; a.len()];
    let scaled = |values: &mut dyn Iterator<Item = Option<i64>>,
                  per: i64,
                  tz: bool,
                  out: &mut [i64],
                  reasons: &mut [Option<Reason>]| {
        for (i, v) in values.enumerate() {
            let Some(v) = v else { continue };
            let t = v
                .checked_mul(per)
                .and_then(|t| if tz { Some(t) } else { t.checked_sub(local) });
            match t {
                Some(t) if t != NULL => out[i] = t,
                _ => {
                    reasons[i].get_or_insert(("out_of_range", field));
                }
            }
        }
    };
    match a.data_type() {
        DataType::Timestamp(unit, tz) => {
            let tz = tz.is_some();
            match unit {
                TimeUnit::Second => scaled(
                    &mut a.as_primitive::<TimestampSecondType>().iter(),
                    NANOS,
                    tz,
                    &mut out,
                    reasons,
                ),
                TimeUnit::Millisecond => scaled(
                    &mut a.as_primitive::<TimestampMillisecondType>().iter(),
                    1_000_000,
                    tz,
                    &mut out,
                    reasons,
                ),
                TimeUnit::Microsecond => scaled(
                    &mut a.as_primitive::<TimestampMicrosecondType>().iter(),
                    1_000,
                    tz,
                    &mut out,
                    reasons,
                ),
                TimeUnit::Nanosecond => scaled(
                    &mut a.as_primitive::<TimestampNanosecondType>().iter(),
                    1,
                    tz,
                    &mut out,
                    reasons,
                ),
            }
        }
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
            let texts = Texts::of(a, field)?;
            for (i, slot) in out.iter_mut().enumerate() {
                let Some(text) = texts.get(i) else { continue };
                if text.trim().is_empty() {
                    continue;
                }
                match parse_local(text, offset) {
                    Ok(t) => match t.timestamp_nanos_opt() {
                        Some(t) => *slot = t,
                        None => {
                            reasons[i].get_or_insert(("out_of_range", field));
                        }
                    },
                    Err(e) => {
                        reasons[i].get_or_insert((e.code(), field));
                    }
                }
            }
        }
        DataType::Null => {}
        t => {
            return Err(PyTypeError::new_err(format!(
                "{field} must be a timestamp or string column, not {t}"
            )));
        }
    }
    Ok(out)
}

/// The pauses column, `list<struct<from, to>>` of timestamps or texts: offsets and the
/// two child columns as nanoseconds. A bad pause gives its case's row a reason.
fn pauses(
    a: &ArrayRef,
    offset: FixedOffset,
    reasons: &mut [Option<Reason>],
) -> PyResult<(Vec<i32>, Vec<i64>, Vec<i64>)> {
    let shape = || {
        PyTypeError::new_err(format!(
            "pauses must be a list<struct<from, to>> column, not {}",
            a.data_type()
        ))
    };
    let list = a.as_list_opt::<i32>().ok_or_else(shape)?;
    let pairs = list.values().as_struct_opt().ok_or_else(shape)?;
    let (Some(from), Some(to)) = (pairs.column_by_name("from"), pairs.column_by_name("to")) else {
        return Err(shape());
    };
    let mut child = vec![None; pairs.len()];
    let mut from = instants(from, "pauses", offset, &mut child)?;
    let mut to = instants(to, "pauses", offset, &mut child)?;
    // A null pair is no pause; a null list is a case without pauses.
    for k in 0..pairs.len() {
        if pairs.is_null(k) {
            from[k] = NULL;
            to[k] = NULL;
        }
    }
    for (i, w) in list.value_offsets().windows(2).enumerate() {
        let range = w[0].max(0) as usize..w[1].max(0) as usize;
        if list.is_null(i) {
            // A null list is a case without pauses: the engine skips a pause with no start.
            from[range].fill(NULL);
            continue;
        }
        if let Some(r) = child[range.clone()].iter().flatten().next() {
            reasons[i].get_or_insert(*r);
        }
        // An end without a start is no pause the engine could place: say so rather than
        // skip it.
        if range.into_iter().any(|k| from[k] == NULL && to[k] != NULL) {
            reasons[i].get_or_insert(("pause_without_start", "pauses"));
        }
    }
    Ok((list.value_offsets().to_vec(), from, to))
}

/// The moment(s) statuses of open cases are taken at.
pub enum When {
    /// None: open cases get a due time and no status.
    Never,
    /// One moment for every row (nanoseconds).
    Same(i64),
    /// A column.
    Each(ArrayRef),
}

/// The inputs of one call, as Arrow arrays of one length.
pub struct Columns {
    /// Procedure ids or national codes.
    pub procedure: ArrayRef,
    /// Receipts.
    pub received: ArrayRef,
    /// Named cases (variants), or none.
    pub variant: Option<ArrayRef>,
    /// Restarts, or none.
    pub restarted: Option<ArrayRef>,
    /// Completions, or none.
    pub completed: Option<ArrayRef>,
    /// Pauses, or none.
    pub pauses: Option<ArrayRef>,
    /// Where open cases are looked at.
    pub at: When,
    /// The due-soon threshold in working minutes.
    pub due_soon_minutes: i64,
}

/// The plans of a call: each distinct (version, case) compiled once, with what the
/// output names it by.
struct Plans<'c> {
    compiled: Vec<CompiledPlan>,
    procedure: Vec<&'c str>,
    version: Vec<i32>,
    by_version: HashMap<(usize, Option<&'c str>), u32>,
    /// The number of each procedure's first version, in catalogue order: a version's
    /// number is its place among all versions (as `tthc report`'s `tthc_versions`).
    first: HashMap<usize, i32>,
}

/// Computes every row; the output's columns are `procedure_id`, `version`, `due_at`,
/// `status`, `working_minutes`, `reason`, `reason_field`.
pub fn compute(
    catalogue: &Catalogue,
    calendar: &WorkingCalendar,
    cols: &Columns,
) -> PyResult<StructArray> {
    let n = cols.procedure.len();
    let lengths = [
        Some(&cols.received),
        cols.variant.as_ref(),
        cols.restarted.as_ref(),
        cols.completed.as_ref(),
        cols.pauses.as_ref(),
        match &cols.at {
            When::Each(a) => Some(a),
            _ => None,
        },
    ];
    if lengths.iter().flatten().any(|a| a.len() != n) {
        return Err(PyTypeError::new_err(
            "every column must have the same length",
        ));
    }
    let offset = calendar.index().offset();
    let mut reasons: Vec<Option<Reason>> = vec![None; n];
    let procedure = Texts::of(&cols.procedure, "procedure")?;
    let variant = cols
        .variant
        .as_ref()
        .map(|v| Texts::of(v, "variant"))
        .transpose()?;
    let received = instants(&cols.received, "received_at", offset, &mut reasons)?;
    let restarted = cols
        .restarted
        .as_ref()
        .map(|a| instants(a, "restarted_at", offset, &mut reasons))
        .transpose()?;
    let completed = cols
        .completed
        .as_ref()
        .map(|a| instants(a, "completed_at", offset, &mut reasons))
        .transpose()?;
    let pauses = cols
        .pauses
        .as_ref()
        .map(|a| pauses(a, offset, &mut reasons))
        .transpose()?;
    let at_each = match &cols.at {
        When::Each(a) => Some(instants(a, "at", offset, &mut reasons)?),
        _ => None,
    };

    // Resolve each row once per distinct (procedure, case, local day of receipt).
    let mut plans = Plans {
        compiled: Vec::new(),
        procedure: Vec::new(),
        version: Vec::new(),
        by_version: HashMap::new(),
        first: HashMap::new(),
    };
    let mut number = 0;
    for (i, p) in catalogue.procedures.iter().enumerate() {
        plans.first.insert(i, number);
        number += p.versions.len() as i32;
    }
    let engine = Engine::new(calendar, bulk::Unit::Nanos);
    let local = i64::from(offset.local_minus_utc());
    let mut seen: HashMap<(&str, Option<&str>, i64), Result<u32, Reason>> = HashMap::new();
    let mut plan = vec![NO_PLAN; n];
    for i in 0..n {
        if reasons[i].is_some() {
            continue;
        }
        let Some(p) = procedure.get(i) else {
            reasons[i] = Some(("missing_procedure", "procedure"));
            continue;
        };
        let t = received[i];
        if t == NULL {
            reasons[i] = Some(("missing_receipt", "received_at"));
            continue;
        }
        let v = variant
            .as_ref()
            .and_then(|v| v.get(i))
            .filter(|v| !v.is_empty());
        let day = (t.div_euclid(NANOS) + local).div_euclid(86_400);
        let r = *seen
            .entry((p, v, day))
            .or_insert_with(|| resolve(catalogue, &engine, &mut plans, p, v, day));
        match r {
            Ok(k) => plan[i] = k,
            Err(reason) => reasons[i] = Some(reason),
        }
    }

    let mut due = vec![NULL; n];
    let mut problem = vec![0u8; n];
    let mut status = vec![0u8; n];
    let mut minutes = vec![0i64; n];
    let cases = Cases {
        plan: &plan,
        received: &received,
        restarted: restarted.as_deref(),
        pauses: pauses
            .as_ref()
            .map(|(offsets, from, to)| Pauses { offsets, from, to }),
        completed: completed.as_deref(),
    };
    let at = match (&cols.at, &at_each) {
        (When::Same(t), _) => At::Same(*t),
        (_, Some(each)) => At::Each(each),
        _ => At::None,
    };
    engine.run(
        &plans.compiled,
        &cases,
        at,
        cols.due_soon_minutes,
        &mut Out {
            due: &mut due,
            problem: &mut problem,
            status: Some(&mut status),
            minutes: Some(&mut minutes),
        },
    );
    for i in 0..n {
        if reasons[i].is_none() && problem[i] != 0 {
            let p = bulk::Problem::from_code(problem[i]);
            reasons[i] = Some((p.code(), field_of(p)));
        }
    }
    Ok(output(
        &plans, &plan, &due, &status, &minutes, &reasons, offset,
    ))
}

/// A column of moments read as [`compute`] reads its moments: `at` (nanoseconds, the
/// calendar's offset) and a `reason` where a text does not read.
pub fn moments(values: &ArrayRef, calendar: &WorkingCalendar) -> PyResult<StructArray> {
    let offset = calendar.index().offset();
    let mut reasons: Vec<Option<Reason>> = vec![None; values.len()];
    let at = instants(values, "values", offset, &mut reasons)?;
    let valid = NullBuffer::from_iter(at.iter().map(|&t| t != NULL));
    let at =
        TimestampNanosecondArray::new(at.into(), Some(valid)).with_timezone(offset.to_string());
    let reason: StringArray = reasons.iter().map(|r| r.map(|r| r.0)).collect();
    Ok(StructArray::from(vec![
        (
            Arc::new(Field::new("at", at.data_type().clone(), true)),
            Arc::new(at) as ArrayRef,
        ),
        (
            Arc::new(Field::new("reason", DataType::Utf8, true)),
            Arc::new(reason) as ArrayRef,
        ),
    ]))
}

/// The input column a problem of the engine is about.
fn field_of(p: bulk::Problem) -> &'static str {
    use bulk::Problem as P;
    match p {
        P::RestartBeforeReceipt => "restarted_at",
        P::PauseRunsBackwards | P::PausesOverlap | P::PauseBeforeReceipt | P::PauseOpen => "pauses",
        P::BeforeReceipt => "at",
        P::CompletionBeforeReceipt => "completed_at",
        P::NoPlan | P::AllotmentTooLarge => "procedure",
        P::None | P::MissingReceipt | P::OutOfRange => "received_at",
    }
}

/// The plan of a (procedure, case, day), compiled on first use.
fn resolve<'c>(
    catalogue: &'c Catalogue,
    engine: &Engine<'_>,
    plans: &mut Plans<'c>,
    procedure: &str,
    variant: Option<&'c str>,
    day: i64,
) -> Result<u32, Reason> {
    let date = NaiveDate::from_num_days_from_ce_opt((day + 719_163) as i32)
        .ok_or(("out_of_range", "received_at"))?;
    let r = tthc::deadline::resolve(catalogue, procedure, date, variant).map_err(|e| {
        (
            e.code(),
            if e.code() == "unknown_variant" || e.code() == "case_required" {
                "variant"
            } else {
                "procedure"
            },
        )
    })?;
    let p = catalogue
        .procedures
        .iter()
        .position(|p| std::ptr::eq(p, r.procedure))
        .unwrap_or(0);
    let v = r
        .procedure
        .versions
        .iter()
        .position(|v| std::ptr::eq(v, r.version))
        .unwrap_or(0);
    let key = (r.version as *const _ as usize, variant);
    if let Some(&k) = plans.by_version.get(&key) {
        return Ok(k);
    }
    let k = plans.compiled.len() as u32;
    plans.compiled.push(engine.compile(&r.plan));
    plans.procedure.push(&r.procedure.id);
    plans.version.push(plans.first[&p] + v as i32);
    plans.by_version.insert(key, k);
    Ok(k)
}

/// The struct array of the answers.
fn output(
    plans: &Plans<'_>,
    plan: &[u32],
    due: &[i64],
    status: &[u8],
    minutes: &[i64],
    reasons: &[Option<Reason>],
    offset: FixedOffset,
) -> StructArray {
    let ok = |i: usize| reasons[i].is_none();
    let procedure: StringArray = plan
        .iter()
        .map(|&k| plans.procedure.get(k as usize).copied())
        .collect();
    let version: Int32Array = plan
        .iter()
        .map(|&k| plans.version.get(k as usize).copied())
        .collect();
    let due_at = TimestampNanosecondArray::new(
        due.to_vec().into(),
        Some(NullBuffer::from_iter(
            (0..due.len()).map(|i| ok(i) && due[i] != NULL),
        )),
    )
    .with_timezone(offset.to_string());
    let has_status = |i: usize| ok(i) && status[i] != 0;
    let status_text: StringArray = (0..status.len())
        .map(|i| {
            has_status(i)
                .then(|| bulk::status_of(status[i]).map(|s| s.code()))
                .flatten()
        })
        .collect();
    let working = Int64Array::new(
        minutes.to_vec().into(),
        Some(NullBuffer::from_iter((0..minutes.len()).map(has_status))),
    );
    let reason: StringArray = reasons.iter().map(|r| r.map(|r| r.0)).collect();
    let reason_field: StringArray = reasons.iter().map(|r| r.map(|r| r.1)).collect();
    let columns: Vec<(Arc<Field>, ArrayRef)> = vec![
        (
            Arc::new(Field::new("procedure_id", DataType::Utf8, true)),
            Arc::new(procedure),
        ),
        (
            Arc::new(Field::new("version", DataType::Int32, true)),
            Arc::new(version),
        ),
        (
            Arc::new(Field::new("due_at", due_at.data_type().clone(), true)),
            Arc::new(due_at),
        ),
        (
            Arc::new(Field::new("status", DataType::Utf8, true)),
            Arc::new(status_text),
        ),
        (
            Arc::new(Field::new("working_minutes", DataType::Int64, true)),
            Arc::new(working),
        ),
        (
            Arc::new(Field::new("reason", DataType::Utf8, true)),
            Arc::new(reason),
        ),
        (
            Arc::new(Field::new("reason_field", DataType::Utf8, true)),
            Arc::new(reason_field),
        ),
    ];
    StructArray::from(columns)
}

/// Reads a Python argument that may be an Arrow array or absent.
pub fn opt_array(obj: Option<&Bound<'_, PyAny>>, field: &str) -> PyResult<Option<ArrayRef>> {
    obj.filter(|o| !o.is_none())
        .map(|o| arrow_ffi::import(o, field))
        .transpose()
}
