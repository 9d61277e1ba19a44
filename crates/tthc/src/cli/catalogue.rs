//! Loading the catalogue and calendars a command works on: the bundled ones, or the
//! paths the user gave. Commands that need a valid catalogue stop with the checker's
//! diagnostics when it has errors.

use super::files;
use crate::calendar::Calendars;
use crate::check::{self, CheckOptions};
use crate::deadline::Plan;
use crate::diagnostic::Lang;
use crate::model::Catalogue;
use crate::report;
use std::path::PathBuf;

/// Why a command cannot have its catalogue: the message to print and the exit status.
pub struct LoadError {
    /// What to print on stderr.
    pub message: String,
    /// 1 when the catalogue has errors, 2 when it could not be read.
    pub exit: u8,
}

/// Reads and checks the catalogue from `paths` (the bundled one when empty).
pub fn load(paths: &[PathBuf], lang: Lang) -> Result<Catalogue, LoadError> {
    let inputs = files::inputs(paths).map_err(|u| LoadError {
        message: match lang {
            Lang::En => format!("error: cannot read {}: {}", u.path.display(), u.reason),
            Lang::Vi => format!("lỗi: không đọc được {}: {}", u.path.display(), u.reason),
        },
        exit: 2,
    })?;
    check::check(inputs, &CheckOptions::bundled())
        .into_valid()
        .map_err(|checked| LoadError {
            message: report::human::render(&checked, lang, false),
            exit: 1,
        })
}

/// The bundled calendars.
pub fn calendars(lang: Lang) -> Result<Calendars, LoadError> {
    crate::bundled::calendars().map_err(|e| LoadError {
        message: match lang {
            Lang::En => format!("error: the bundled calendars are invalid: {e}"),
            Lang::Vi => format!("lỗi: lịch làm việc kèm theo không hợp lệ: {e}"),
        },
        exit: 2,
    })
}

/// The plan of a procedure in the version in force on `date`, in a variant.
pub fn plan(
    catalogue: &Catalogue,
    id: &str,
    variant: Option<&str>,
    date: chrono::NaiveDate,
) -> Result<Plan, String> {
    let procedure = catalogue.procedure(id).ok_or_else(|| {
        let ids = catalogue.procedures.iter().map(|p| p.id.as_str());
        match crate::diagnostic::suggest(id, ids) {
            Some(s) => format!("unknown procedure `{id}`; did you mean `{s}`?"),
            None => {
                format!("unknown procedure `{id}`; `tthc check --format json` lists the catalogue")
            }
        }
    })?;
    let version = procedure.version_at(date).ok_or_else(|| {
        let periods: Vec<String> = procedure
            .versions
            .iter()
            .map(|v| match v.valid_until {
                Some(u) => format!("{} to {u}", v.valid_from),
                None => format!("from {}", v.valid_from),
            })
            .collect();
        format!(
            "procedure `{id}` has no version in force on {date} (in force: {})",
            periods.join("; ")
        )
    })?;
    Plan::from_version(version, variant).map_err(|e| e.to_string())
}
