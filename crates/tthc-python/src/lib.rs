//! `import tthc`: the core's catalogue loader, checker and deadline service as a Python
//! extension module (`tthc._tthc`, re-exported by the pure-Python package in
//! `python/tthc`).
//!
//! The module is a front end like the command line and the HTTP server: it reads Python
//! arguments, calls the core's service layer (`tthc::service`), and hands back its
//! answers. A due date or status is the service's own JSON type turned into a dict
//! through serde, so `Catalogue.due(...)` equals what `POST /v1/deadlines` and `tthc due
//! --json` give for the same case, key for key; every failure is the service's error
//! raised as a Python exception carrying its code, field and both languages.
//!
//! Built by maturin (`pyproject.toml` at the workspace root); tested by pytest against
//! the installed wheel (`python/tests`).

// The one exception to the workspace's forbid(unsafe_code) (tests/unsafe_code.rs): the
// Arrow C data interface is a pair of raw pointers, read in `arrow_ffi` alone.
#![deny(unsafe_code)]

mod arrow_ffi;
mod catalogue;
mod check;
mod columns;
mod errors;
mod input;

use pyo3::prelude::*;

/// The extension module.
#[pymodule]
fn _tthc(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<catalogue::Catalogue>()?;
    m.add_class::<check::CheckResult>()?;
    m.add_class::<arrow_ffi::Exported>()?;
    m.add_class::<check::Diagnostic>()?;
    m.add_class::<check::Label>()?;
    m.add_function(wrap_pyfunction!(check::check, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
