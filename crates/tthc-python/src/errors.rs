//! The core's errors raised as the Python exceptions of `tthc._errors`, which carry the
//! stable code, the input field at fault and the message in both languages. The classes
//! are written in Python (typed, documented, picklable); this module only picks one and
//! fills it in, so no message is worded here.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use tthc::service::{Kind, LoadError, ServiceError};
use tthc::sources::SourceError;
use tthc::text::Text;

/// An exception of class `class` from `tthc._errors`, or the error met while making it.
fn raise(
    py: Python<'_>,
    class: &str,
    code: &str,
    text: &Text,
    field: Option<&str>,
    diagnostics: Option<Vec<Py<crate::check::Diagnostic>>>,
) -> PyErr {
    let made = (|| {
        let cls = py.import("tthc._errors")?.getattr(class)?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("field", field)?;
        if let Some(d) = diagnostics {
            kwargs.set_item("diagnostics", d)?;
        }
        cls.call((code, &text.en, &text.vi), Some(&kwargs))
    })();
    match made {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}

/// A service error as `NotFoundError`, `InvalidInputError` or `TooLargeError`, by kind.
pub fn service(py: Python<'_>, e: &ServiceError) -> PyErr {
    let class = match e.kind {
        Kind::NotFound => "NotFoundError",
        Kind::Invalid => "InvalidInputError",
        Kind::TooLarge => "TooLargeError",
    };
    raise(py, class, e.code, &e.text, e.field.as_deref(), None)
}

/// A catalogue that could not be loaded, as `CatalogueError`: an unreadable source, or
/// a catalogue with errors (its findings in `diagnostics`).
pub fn load(py: Python<'_>, e: &LoadError) -> PyErr {
    let diagnostics = match e {
        LoadError::Source(_) => Ok(Vec::new()),
        LoadError::Catalogue(checked) => crate::check::diagnostics(py, checked),
    };
    match diagnostics {
        Ok(d) => raise(py, "CatalogueError", e.code(), &e.text(), None, Some(d)),
        Err(err) => err,
    }
}

/// Files or folders that could not be read, as `CatalogueError` (`unreadable_sources`,
/// the code `tthc serve` gives the same failure).
pub fn source(py: Python<'_>, e: &SourceError) -> PyErr {
    load(py, &LoadError::Source(e.clone()))
}

/// An argument the service cannot use, as `InvalidInputError` (`invalid_field`), in
/// both languages.
pub fn invalid(py: Python<'_>, field: &str, en: String, vi: String) -> PyErr {
    service(py, &ServiceError::invalid(field, en, vi))
}
