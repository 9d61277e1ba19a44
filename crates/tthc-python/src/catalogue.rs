//! `tthc.Catalogue`: a loaded catalogue and its calendars (the service's `Snapshot`),
//! and the questions asked of it: a case's due dates and status, the procedures.

use crate::{arrow_ffi, columns, errors, input};
use pyo3::prelude::*;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;
use tthc::calendar::{DEFAULT_CALENDAR, WorkingCalendar};
use tthc::service::procedures::{self, Filter};
use tthc::service::types::{DeadlineRequest, StatusRequest};
use tthc::service::{ServiceError, Snapshot, Sources, deadlines};
use tthc::sources::Origin;

/// A catalogue of procedures with its working calendars, checked and ready to answer.
///
/// Immutable and shared: one `Catalogue` may serve any number of threads, and every
/// question releases the GIL while the engine computes.
#[pyclass(module = "tthc", name = "Catalogue", frozen)]
pub struct Catalogue {
    snap: Arc<Snapshot>,
}

/// A service answer as the Python value of its JSON form (dicts, lists, str, int, bool,
/// None): the same keys and values as the HTTP API's response body.
fn to_python<T: Serialize>(py: Python<'_>, value: &T) -> PyResult<Py<PyAny>> {
    Ok(pythonize::pythonize(py, value)?.unbind())
}

/// One row of [`Catalogue::versions`].
#[derive(Serialize)]
struct VersionRow<'c> {
    version: i32,
    procedure: &'c str,
    code: Option<&'c str>,
    name: &'c str,
    field: Option<&'c str>,
    authority: &'c str,
    authority_name: Option<&'c str>,
    decision: &'c str,
    item: &'c str,
    valid_from: String,
    valid_until: Option<String>,
}

impl Catalogue {
    /// A calendar by id (default `vn`), or the service's `unknown_calendar`.
    fn calendar(&self, py: Python<'_>, id: Option<&str>) -> PyResult<&WorkingCalendar> {
        self.snap
            .calendars
            .get(id.unwrap_or(DEFAULT_CALENDAR))
            .map_err(|e| errors::service(py, &ServiceError::calendar(&e, "calendar")))
    }

    /// Runs `f` on the snapshot with the GIL released, and raises its error.
    fn answer<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&Snapshot) -> Result<T, ServiceError> + Send,
    ) -> PyResult<T> {
        let snap = &*self.snap;
        py.detach(|| f(snap)).map_err(|e| errors::service(py, &e))
    }

    /// Reads a case given as Python arguments into the service's request.
    #[allow(clippy::too_many_arguments)]
    fn request(
        py: Python<'_>,
        procedure: String,
        received_at: &Bound<'_, PyAny>,
        variant: Option<String>,
        pauses: Option<&Bound<'_, PyAny>>,
        restarted_at: Option<&Bound<'_, PyAny>>,
        calendar: Option<String>,
        due_time: Option<&str>,
        explain: bool,
    ) -> PyResult<DeadlineRequest> {
        Ok(DeadlineRequest {
            procedure,
            received_at: input::moment(received_at, "received_at")?,
            variant,
            pauses: input::pauses(pauses)?,
            restarted_at: input::opt_moment(restarted_at, "restarted_at")?,
            calendar,
            due_time: input::due_time(py, due_time)?,
            explain: explain.then_some(true),
        })
    }
}

#[pymethods]
impl Catalogue {
    /// The catalogue and calendars compiled into tthc (the one `tthc serve` serves
    /// when given no folder).
    #[staticmethod]
    fn bundled(py: Python<'_>) -> PyResult<Catalogue> {
        let snap = py
            .detach(Snapshot::bundled)
            .map_err(|e| errors::load(py, &e))?;
        Ok(Catalogue {
            snap: Arc::new(snap),
        })
    }

    /// Reads and checks the catalogue in `path` (a catalogue folder, a file or folder
    /// inside one, or a list of them) with the calendars in `calendars`, else the
    /// `calendars` folder beside the catalogue folder, else the bundled calendars.
    /// Raises `CatalogueError` when a file cannot be read or the catalogue has errors
    /// (its `diagnostics` list them).
    #[staticmethod]
    #[pyo3(signature = (path, calendars = None))]
    fn load(
        py: Python<'_>,
        path: &Bound<'_, PyAny>,
        calendars: Option<PathBuf>,
    ) -> PyResult<Catalogue> {
        let sources = Sources {
            procedures: input::paths(path)?,
            calendars,
        };
        let snap = py
            .detach(|| sources.load())
            .map_err(|e| errors::load(py, &e))?;
        Ok(Catalogue {
            snap: Arc::new(snap),
        })
    }

    /// `"bundled"` (compiled into tthc), `"folder"` (a catalogue folder) or `"files"`.
    #[getter]
    fn origin(&self) -> &'static str {
        match self.snap.origin {
            Origin::Bundled => "bundled",
            Origin::Folder(_) => "folder",
            Origin::Files => "files",
        }
    }

    /// The catalogue folder, as messages name it; `None` for the bundled catalogue.
    #[getter]
    fn path(&self) -> Option<String> {
        self.snap.origin.folder().map(tthc::sources::display)
    }

    /// The content hash of the catalogue and calendars (the server's `Catalogue-Version`
    /// header, and the `catalogue.version` of every answer).
    #[getter]
    fn version(&self) -> &str {
        &self.snap.version
    }

    /// The ids of the working calendars loaded (`vn`, and any province's).
    #[getter]
    fn calendars(&self) -> Vec<String> {
        self.snap.calendars.ids().map(str::to_string).collect()
    }

    fn __len__(&self) -> usize {
        self.snap.catalogue.procedures.len()
    }

    /// Whether a procedure id or national code names a procedure of the catalogue.
    fn __contains__(&self, procedure: &str) -> bool {
        procedures::find(&self.snap.catalogue, procedure).is_ok()
    }

    fn __repr__(&self) -> String {
        let place = match &self.snap.origin {
            Origin::Bundled => "bundled".to_string(),
            Origin::Folder(p) => format!("{:?}", tthc::sources::display(p)),
            Origin::Files => "files".to_string(),
        };
        format!(
            "<tthc.Catalogue {place}: {} procedures, version {}>",
            self.snap.catalogue.procedures.len(),
            self.snap.version
        )
    }

    /// The appointment and each step's due time for one case: the dict `POST
    /// /v1/deadlines` answers (and `tthc due --json` prints) for the same fields.
    #[pyo3(signature = (
        procedure, received_at, *, variant = None, pauses = None, restarted_at = None,
        calendar = None, due_time = None, explain = false
    ))]
    #[allow(clippy::too_many_arguments)]
    fn due(
        &self,
        py: Python<'_>,
        procedure: String,
        received_at: &Bound<'_, PyAny>,
        variant: Option<String>,
        pauses: Option<&Bound<'_, PyAny>>,
        restarted_at: Option<&Bound<'_, PyAny>>,
        calendar: Option<String>,
        due_time: Option<&str>,
        explain: bool,
    ) -> PyResult<Py<PyAny>> {
        let req = Catalogue::request(
            py,
            procedure,
            received_at,
            variant,
            pauses,
            restarted_at,
            calendar,
            due_time,
            explain,
        )?;
        let answer = self.answer(py, |snap| deadlines::compute(snap, &req))?;
        to_python(py, &answer)
    }

    /// The status of one case at a moment (`at`, an open case) or at its completion
    /// (`completed_at`): the dict `POST /v1/status` answers (and `tthc status --json`
    /// prints) for the same fields.
    #[pyo3(signature = (
        procedure, received_at, *, at = None, completed_at = None, due_soon_minutes = None,
        variant = None, pauses = None, restarted_at = None, calendar = None, due_time = None,
        explain = false
    ))]
    #[allow(clippy::too_many_arguments)]
    fn status(
        &self,
        py: Python<'_>,
        procedure: String,
        received_at: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
        completed_at: Option<&Bound<'_, PyAny>>,
        due_soon_minutes: Option<i64>,
        variant: Option<String>,
        pauses: Option<&Bound<'_, PyAny>>,
        restarted_at: Option<&Bound<'_, PyAny>>,
        calendar: Option<String>,
        due_time: Option<&str>,
        explain: bool,
    ) -> PyResult<Py<PyAny>> {
        let req = StatusRequest {
            case: Catalogue::request(
                py,
                procedure,
                received_at,
                variant,
                pauses,
                restarted_at,
                calendar,
                due_time,
                explain,
            )?,
            at: input::opt_moment(at, "at")?,
            completed_at: input::opt_moment(completed_at, "completed_at")?,
            due_soon_minutes,
        };
        let answer = self.answer(py, |snap| deadlines::status(snap, &req))?;
        to_python(py, &answer)
    }

    /// Due times and statuses of columns of cases (the engine behind
    /// `tthc.columns.compute`): Arrow arrays in, one Arrow struct array out.
    #[pyo3(signature = (
        procedure, received_at, *, variant = None, restarted_at = None, completed_at = None,
        pauses = None, at = None, due_soon_minutes = None, calendar = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn _columns(
        &self,
        py: Python<'_>,
        procedure: &Bound<'_, PyAny>,
        received_at: &Bound<'_, PyAny>,
        variant: Option<&Bound<'_, PyAny>>,
        restarted_at: Option<&Bound<'_, PyAny>>,
        completed_at: Option<&Bound<'_, PyAny>>,
        pauses: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
        due_soon_minutes: Option<i64>,
        calendar: Option<String>,
    ) -> PyResult<arrow_ffi::Exported> {
        let snap = &*self.snap;
        let calendar = self.calendar(py, calendar.as_deref())?;
        let at = match at.filter(|a| !a.is_none()) {
            None => columns::When::Never,
            Some(a) if a.hasattr("__arrow_c_array__")? => {
                columns::When::Each(arrow_ffi::import(a, "at")?)
            }
            Some(a) => {
                let text = input::moment(a, "at")?;
                let t = tthc::service::case::datetime("at", &text, calendar.index().offset())
                    .map_err(|e| errors::service(py, &e))?;
                columns::When::Same(t.timestamp_nanos_opt().ok_or_else(|| {
                    pyo3::exceptions::PyValueError::new_err("at is outside the years 1677-2262")
                })?)
            }
        };
        let cols = columns::Columns {
            procedure: arrow_ffi::import(procedure, "procedure")?,
            received: arrow_ffi::import(received_at, "received_at")?,
            variant: columns::opt_array(variant, "variant")?,
            restarted: columns::opt_array(restarted_at, "restarted_at")?,
            completed: columns::opt_array(completed_at, "completed_at")?,
            pauses: columns::opt_array(pauses, "pauses")?,
            at,
            due_soon_minutes: due_soon_minutes.unwrap_or(tthc::deadline::DEFAULT_DUE_SOON_MINUTES),
        };
        let out = py.detach(|| columns::compute(&snap.catalogue, calendar, &cols))?;
        Ok(arrow_ffi::Exported::new(&out))
    }

    /// A column of moments read as `columns` reads them (the engine behind
    /// `tthc.columns.moments`): `at` (timestamp[ns], the calendar's offset) and `reason`.
    #[pyo3(signature = (values, *, calendar = None))]
    fn _moments(
        &self,
        py: Python<'_>,
        values: &Bound<'_, PyAny>,
        calendar: Option<String>,
    ) -> PyResult<arrow_ffi::Exported> {
        let calendar = self.calendar(py, calendar.as_deref())?;
        let values = arrow_ffi::import(values, "values")?;
        let out = py.detach(|| columns::moments(&values, calendar))?;
        Ok(arrow_ffi::Exported::new(&out))
    }

    /// The years a calendar knows the days off of, `(first, last)`: a moment outside
    /// them has no due time (`out_of_range`).
    #[pyo3(signature = (calendar = None))]
    fn horizon(&self, py: Python<'_>, calendar: Option<String>) -> PyResult<(i32, i32)> {
        let h = self.calendar(py, calendar.as_deref())?.config().horizon;
        Ok((h.from, h.to))
    }

    /// Every procedure version, numbered as the `version` column of `columns` numbers
    /// them (and `tthc report`'s `tthc_versions` table): a list of dicts with
    /// `version`, `procedure`, `code`, `name`, `field`, `authority`, `authority_name`,
    /// `decision`, `item`, `valid_from`, `valid_until`.
    fn versions(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let cat = &self.snap.catalogue;
        let mut rows = Vec::new();
        for p in &cat.procedures {
            for v in &p.versions {
                rows.push(VersionRow {
                    version: rows.len() as i32,
                    procedure: &p.id,
                    code: p.code_in(v),
                    name: p.name_in(v),
                    field: p.field_in(v),
                    authority: &v.authority,
                    authority_name: cat.authority(&v.authority).map(|a| a.title.as_str()),
                    decision: &v.source.decision,
                    item: &v.source.item,
                    valid_from: v.valid_from.to_string(),
                    valid_until: v.valid_until.map(|d| d.to_string()),
                });
            }
        }
        to_python(py, &rows)
    }

    /// The procedures, each with its versions, as `GET /v1/procedures` lists them
    /// (its `procedures` array): every filter given must hold. `q` finds words of the
    /// name, id, national code or item, with or without diacritics.
    #[pyo3(signature = (q = None, *, code = None, field = None, authority = None, decision = None, at = None))]
    #[allow(clippy::too_many_arguments)]
    fn procedures(
        &self,
        py: Python<'_>,
        q: Option<String>,
        code: Option<String>,
        field: Option<String>,
        authority: Option<String>,
        decision: Option<String>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let filter = Filter {
            code,
            field,
            authority,
            at: input::date(at, "at")?,
            decision,
            words: q,
        };
        let list = procedures::list(&self.snap.catalogue, &filter);
        to_python(py, &list.procedures)
    }

    /// One procedure by id or national code, with every version (or, with `at`, the
    /// one in force that day): the dict `GET /v1/procedures/{id}` answers.
    #[pyo3(signature = (procedure, at = None))]
    fn procedure(
        &self,
        py: Python<'_>,
        procedure: &str,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let at = input::date(at, "at")?;
        let detail = procedures::detail(&self.snap.catalogue, procedure, at)
            .map_err(|e| errors::service(py, &e))?;
        to_python(py, &detail)
    }
}
