//! `tthc.check(...)`: a catalogue checked as `tthc check` checks it, its findings as
//! `Diagnostic` objects carrying both languages and their place (file, line, column, end).

use crate::{errors, input};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::path::PathBuf;
use tthc::check::Checked;
use tthc::diagnostic::Severity;
use tthc::service::Sources;
use tthc::text::Lang;

/// A place a diagnostic points at besides its main one, with what it says there.
#[pyclass(module = "tthc", name = "Label", frozen, get_all)]
pub struct Label {
    /// The file, as the catalogue names it (`/`-separated on every system).
    file: String,
    /// 1-based line.
    line: usize,
    /// 1-based column, in characters.
    column: usize,
    /// What it says about that place, in English.
    message_en: String,
    /// The same in Vietnamese.
    message_vi: String,
}

#[pymethods]
impl Label {
    fn __repr__(&self) -> String {
        format!(
            "<tthc.Label {}:{}:{} {:?}>",
            self.file, self.line, self.column, self.message_en
        )
    }
}

/// One finding of the checker: its rule's code, severity, place, and what is wrong and
/// how to fix it, in English and Vietnamese.
#[pyclass(module = "tthc", name = "Diagnostic", frozen, get_all)]
pub struct Diagnostic {
    /// The rule's stable code, e.g. `TTHC012` (`tthc explain TTHC012` documents it).
    code: &'static str,
    /// `"error"` or `"warning"`.
    severity: &'static str,
    /// What is wrong, in English.
    message_en: String,
    /// What is wrong, in Vietnamese.
    message_vi: String,
    /// How to fix it, in English.
    help_en: String,
    /// How to fix it, in Vietnamese.
    help_vi: String,
    /// The file, as the catalogue names it (`/`-separated on every system).
    file: String,
    /// 1-based line of the start.
    line: usize,
    /// 1-based column of the start, in characters.
    column: usize,
    /// 1-based line of the end.
    end_line: usize,
    /// 1-based column of the end (exclusive), in characters.
    end_column: usize,
    /// Other places involved.
    labels: Vec<Py<Label>>,
}

#[pymethods]
impl Diagnostic {
    /// True for an error (nothing may be built or served), false for a warning.
    #[getter]
    fn is_error(&self) -> bool {
        self.severity == Severity::Error.as_str()
    }

    /// The message in `lang` (`"en"` or `"vi"`).
    #[pyo3(signature = (lang = "en"))]
    fn message(&self, lang: &str) -> PyResult<&str> {
        Ok(match input::lang(lang)? {
            Lang::En => &self.message_en,
            Lang::Vi => &self.message_vi,
        })
    }

    /// The help in `lang` (`"en"` or `"vi"`).
    #[pyo3(signature = (lang = "en"))]
    fn help(&self, lang: &str) -> PyResult<&str> {
        Ok(match input::lang(lang)? {
            Lang::En => &self.help_en,
            Lang::Vi => &self.help_vi,
        })
    }

    /// The diagnostic in `lang` as one entry of `tthc check --format json`'s
    /// `diagnostics`.
    #[pyo3(signature = (lang = "en"))]
    fn to_dict<'py>(&self, py: Python<'py>, lang: &str) -> PyResult<Bound<'py, PyDict>> {
        let vi = input::lang(lang)? == Lang::Vi;
        let d = PyDict::new(py);
        d.set_item("code", self.code)?;
        d.set_item("severity", self.severity)?;
        d.set_item(
            "message",
            if vi {
                &self.message_vi
            } else {
                &self.message_en
            },
        )?;
        d.set_item("help", if vi { &self.help_vi } else { &self.help_en })?;
        d.set_item("file", &self.file)?;
        d.set_item("line", self.line)?;
        d.set_item("column", self.column)?;
        d.set_item("end_line", self.end_line)?;
        d.set_item("end_column", self.end_column)?;
        let labels = self
            .labels
            .iter()
            .map(|l| {
                let l = l.get();
                let e = PyDict::new(py);
                e.set_item("file", &l.file)?;
                e.set_item("line", l.line)?;
                e.set_item("column", l.column)?;
                e.set_item("message", if vi { &l.message_vi } else { &l.message_en })?;
                Ok(e)
            })
            .collect::<PyResult<Vec<_>>>()?;
        d.set_item("labels", labels)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "<tthc.Diagnostic {} {} {}:{}:{} {:?}>",
            self.severity, self.code, self.file, self.line, self.column, self.message_en
        )
    }

    fn __str__(&self) -> String {
        format!(
            "{}:{}:{}: {} {}: {}",
            self.file, self.line, self.column, self.severity, self.code, self.message_en
        )
    }
}

/// The findings of a check as objects, in the order `tthc check` lists them (by file,
/// then position, then code).
pub fn diagnostics(py: Python<'_>, checked: &Checked) -> PyResult<Vec<Py<Diagnostic>>> {
    let place = |loc: &tthc::syntax::source::Loc| {
        let f = &checked.files[loc.file];
        let (line, column) = f.line_col(loc.span.start);
        (f, line, column)
    };
    checked
        .diagnostics
        .iter()
        .map(|d| {
            let (f, line, column) = place(&d.loc);
            let (end_line, end_column) = f.line_col(d.loc.span.end);
            let labels = d
                .labels
                .iter()
                .map(|l| {
                    let (lf, line, column) = place(&l.loc);
                    Py::new(
                        py,
                        Label {
                            file: lf.path.clone(),
                            line,
                            column,
                            message_en: l.text.en.clone(),
                            message_vi: l.text.vi.clone(),
                        },
                    )
                })
                .collect::<PyResult<Vec<_>>>()?;
            Py::new(
                py,
                Diagnostic {
                    code: d.code,
                    severity: d.severity.as_str(),
                    message_en: d.message.en.clone(),
                    message_vi: d.message.vi.clone(),
                    help_en: d.help.en.clone(),
                    help_vi: d.help.vi.clone(),
                    file: f.path.clone(),
                    line,
                    column,
                    end_line,
                    end_column,
                    labels,
                },
            )
        })
        .collect()
}

/// What a check found: the diagnostics and the counts `tthc check` reports.
#[pyclass(module = "tthc", name = "CheckResult", frozen, get_all)]
pub struct CheckResult {
    /// Every finding in the files checked, errors and warnings, in reading order.
    diagnostics: Vec<Py<Diagnostic>>,
    /// How many are errors.
    errors: usize,
    /// How many are warnings.
    warnings: usize,
    /// Procedures in the files checked.
    procedures: usize,
    /// Files checked.
    files: usize,
    /// The catalogue folder the files belong to; `None` for files outside any.
    catalogue: Option<String>,
    /// Findings elsewhere in the catalogue around the files checked (counted, not
    /// listed), as `(errors, warnings)`; `None` when the whole catalogue was checked.
    elsewhere: Option<(usize, usize)>,
}

#[pymethods]
impl CheckResult {
    /// True when nothing is an error (warnings allowed): what `tthc check` exits 0 for.
    #[getter]
    fn ok(&self) -> bool {
        self.errors == 0
    }

    fn __len__(&self) -> usize {
        self.diagnostics.len()
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyResult<Bound<'_, PyAny>> {
        let py = slf.py();
        let list = pyo3::types::PyList::new(py, slf.diagnostics.iter().map(|d| d.clone_ref(py)))?;
        list.try_iter().map(Bound::into_any)
    }

    fn __repr__(&self) -> String {
        format!(
            "<tthc.CheckResult {} errors, {} warnings in {} files>",
            self.errors, self.warnings, self.files
        )
    }
}

/// Checks the catalogue `path` names, as `tthc check PATH --at AT` does: a file or
/// folder inside a catalogue is checked with the whole catalogue around it, and only its
/// findings are listed. `at` is the date whose coverage is checked (default: today in
/// Vietnam): a procedure with nothing in force then is a warning (TTHC034).
///
/// Raises `CatalogueError` (`unreadable_sources`) when a file cannot be read; findings
/// in the catalogue, however serious, are the result, not an exception.
#[pyfunction]
#[pyo3(signature = (path, *, at = None, calendars = None))]
pub fn check(
    py: Python<'_>,
    path: &Bound<'_, PyAny>,
    at: Option<&Bound<'_, PyAny>>,
    calendars: Option<PathBuf>,
) -> PyResult<CheckResult> {
    let sources = Sources {
        procedures: input::paths(path)?,
        calendars,
    };
    let at = input::date(at, "at")?.unwrap_or_else(tthc::datetime::today_in_vietnam);
    let (source, checked) = py
        .detach(|| sources.check(Some(at)))
        .map_err(|e| errors::source(py, &e))?;
    Ok(CheckResult {
        diagnostics: diagnostics(py, &checked)?,
        errors: checked.errors(),
        warnings: checked.warnings(),
        procedures: checked.procedures_in_focus(),
        files: checked.files_in_focus(),
        catalogue: source.origin.folder().map(tthc::sources::display),
        elsewhere: checked.focus.as_ref().map(|_| checked.elsewhere),
    })
}
