//! Python arguments read into the service's request fields. A moment may be given as
//! text in any form the service reads (`2025-03-04 09:15`, `04/03/2025 09:15`, RFC 3339)
//! or as a `datetime.datetime` (naive = Vietnam time, as text without an offset is); the
//! text itself is read by the service, so a date is accepted or refused here in the same
//! words as on the command line and over HTTP.

use crate::errors;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyMapping, PyString};
use std::path::PathBuf;
use tthc::service::types::{DueTimeIn, PauseInput};
use tthc::service::{ServiceError, case};

/// The name of an object's type, for a `TypeError`.
fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

/// Whether `obj` is an instance of `datetime.<class>`.
fn is_datetime(obj: &Bound<'_, PyAny>, class: &str) -> PyResult<bool> {
    let cls = obj.py().import("datetime")?.getattr(class)?;
    obj.is_instance(&cls)
}

/// A moment as the service reads it: `str` as given, `datetime.datetime` in ISO form
/// (with its offset when it has one). A bare `datetime.date` is refused: a receipt or a
/// completion has a time of day.
pub fn moment(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_str()?.to_string());
    }
    if is_datetime(obj, "datetime")? {
        return obj.call_method0("isoformat")?.extract();
    }
    Err(PyTypeError::new_err(format!(
        "{field} must be a str or a datetime.datetime, not {}",
        type_name(obj)
    )))
}

/// An optional moment.
pub fn opt_moment(obj: Option<&Bound<'_, PyAny>>, field: &str) -> PyResult<Option<String>> {
    obj.filter(|o| !o.is_none())
        .map(|o| moment(o, field))
        .transpose()
}

/// A date (`YYYY-MM-DD`, or a `datetime.date`), read by the service.
pub fn date(obj: Option<&Bound<'_, PyAny>>, field: &str) -> PyResult<Option<chrono::NaiveDate>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    let text: String = if let Ok(s) = obj.cast::<PyString>() {
        s.to_str()?.to_string()
    } else if is_datetime(obj, "date")? && !is_datetime(obj, "datetime")? {
        obj.call_method0("isoformat")?.extract()?
    } else {
        return Err(PyTypeError::new_err(format!(
            "{field} must be a str or a datetime.date, not {}",
            type_name(obj)
        )));
    };
    tthc::service::procedures::date(field, &text)
        .map(Some)
        .map_err(|e| errors::service(obj.py(), &e))
}

/// The pauses of a case: each a `(from, to)` pair, a mapping with `from` and `to` (the
/// API's form), or one text `FROM/TO` (the command line's form).
pub fn pauses(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<PauseInput>>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    if obj.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "pauses must be a list of pauses, not one str: write [\"FROM/TO\"]",
        ));
    }
    let py = obj.py();
    let mut out = Vec::new();
    for (i, item) in obj.try_iter()?.enumerate() {
        let item = item?;
        let field = format!("pauses[{i}]");
        let (from, to) = if let Ok(s) = item.cast::<PyString>() {
            let text = s.to_str()?;
            // The split's error names `pauses`; this one is about the pause at `field`.
            let (from, to) = case::split_pause(text).map_err(|e| {
                errors::service(
                    py,
                    &ServiceError {
                        field: Some(field.clone()),
                        ..e
                    },
                )
            })?;
            (from.to_string(), to.to_string())
        } else if let Ok(m) = item.cast::<PyMapping>() {
            let get = |key: &str| -> PyResult<String> {
                match m.get_item(key) {
                    Ok(v) => moment(&v, &format!("{field}.{key}")),
                    Err(_) => Err(errors::invalid(
                        py,
                        &format!("{field}.{key}"),
                        format!("the pause has no `{key}`: write {{\"from\": …, \"to\": …}}"),
                        format!("khoảng tạm dừng thiếu `{key}`: viết {{\"from\": …, \"to\": …}}"),
                    )),
                }
            };
            (get("from")?, get("to")?)
        } else {
            let pair: (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract().map_err(|_| {
                PyTypeError::new_err(format!(
                    "{field} must be a (from, to) pair, a mapping with `from` and `to`, or a str FROM/TO, not {}",
                    type_name(&item)
                ))
            })?;
            (
                moment(&pair.0, &format!("{field}.from"))?,
                moment(&pair.1, &format!("{field}.to"))?,
            )
        };
        out.push(PauseInput { from, to });
    }
    Ok(Some(out))
}

/// The due-time convention asked for: `keep_clock_time` or `end_of_day`.
pub fn due_time(py: Python<'_>, value: Option<&str>) -> PyResult<Option<DueTimeIn>> {
    match value {
        None => Ok(None),
        Some("keep_clock_time") => Ok(Some(DueTimeIn::KeepClockTime)),
        Some("end_of_day") => Ok(Some(DueTimeIn::EndOfDay)),
        Some(other) => Err(errors::invalid(
            py,
            "due_time",
            format!("due_time is `keep_clock_time` or `end_of_day`, not `{other}`"),
            format!("due_time là `keep_clock_time` hoặc `end_of_day`, không phải `{other}`"),
        )),
    }
}

/// One path or several (`str`, `os.PathLike`, or a sequence of them).
pub fn paths(obj: &Bound<'_, PyAny>) -> PyResult<Vec<PathBuf>> {
    if let Ok(one) = obj.extract::<PathBuf>() {
        return Ok(vec![one]);
    }
    let mut out = Vec::new();
    for item in obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "expected a path (str or os.PathLike) or a list of paths, not {}",
            type_name(obj)
        ))
    })? {
        out.push(item?.extract::<PathBuf>()?);
    }
    if out.is_empty() {
        return Err(errors::invalid(
            obj.py(),
            "path",
            "no path given: name a catalogue folder, or use Catalogue.bundled()".into(),
            "chưa chỉ định đường dẫn: ghi thư mục danh mục, hoặc dùng Catalogue.bundled()".into(),
        ));
    }
    Ok(out)
}

/// A message language: `en` or `vi`.
pub fn lang(value: &str) -> PyResult<tthc::text::Lang> {
    match value {
        "en" => Ok(tthc::text::Lang::En),
        "vi" => Ok(tthc::text::Lang::Vi),
        other => Err(pyo3::exceptions::PyValueError::new_err(format!(
            "lang is \"en\" or \"vi\", not {other:?}"
        ))),
    }
}
