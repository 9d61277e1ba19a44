//! Loading the catalogue and calendars a command works on, through [`crate::sources`],
//! and saying which were used. Commands that need a valid catalogue stop with the
//! checker's diagnostics when it has errors.

use crate::calendar::Calendars;
use crate::check::{self, CheckOptions, Checked};
use crate::deadline::Plan;
use crate::diagnostic::Lang;
use crate::model::Catalogue;
use crate::report;
use crate::sources::{self, CalendarSource, CatalogueSource, Origin, SourceError};
use std::path::{Path, PathBuf};

/// Why a command cannot have its catalogue: the message to print and the exit status.
pub struct LoadError {
    /// What to print on stderr.
    pub message: String,
    /// 1 when the catalogue has errors, 2 when it could not be read.
    pub exit: u8,
}

impl LoadError {
    /// A source that could not be read: exit status 2.
    pub fn unreadable(e: &SourceError, lang: Lang) -> LoadError {
        LoadError {
            message: format!("{}: {}", lang.pick("error", "lỗi"), e.text().get(lang)),
            exit: 2,
        }
    }
}

/// Says on stderr which catalogue (and calendars) a command used.
pub fn say_used(lang: Lang, catalogue: &Origin, calendars: Option<&CalendarSource>) {
    let mut line = format!(
        "{} {}",
        lang.pick("using", "dùng"),
        catalogue.describe().get(lang)
    );
    if let Some(c) = calendars {
        line.push_str(lang.pick(" and ", " và "));
        line.push_str(c.describe().get(lang));
    }
    eprintln!("{line}");
}

/// Reads the catalogue `paths` name (see [`sources::catalogue`]) and checks it, with the
/// working hours of the calendars it goes with, and its coverage on `at` when given.
/// The findings are narrowed to the files in focus.
pub fn check_paths(
    paths: &[PathBuf],
    at: Option<chrono::NaiveDate>,
    lang: Lang,
) -> Result<(CatalogueSource, Checked), LoadError> {
    let mut source = sources::catalogue(paths).map_err(|e| LoadError::unreadable(&e, lang))?;
    let (_, calendar_files) = sources::calendar_files(None, &source.origin)
        .map_err(|e| LoadError::unreadable(&e, lang))?;
    let mut options = CheckOptions::for_calendar_files(&calendar_files);
    options.at = at;
    let mut checked = check::check(std::mem::take(&mut source.inputs), &options);
    if let Some(focus) = &source.focus {
        checked.focus_on(focus);
    }
    Ok((source, checked))
}

/// Reads and checks the catalogue `paths` name, for commands that need it valid.
pub fn load(paths: &[PathBuf], lang: Lang) -> Result<(Origin, Catalogue), LoadError> {
    let (source, checked) = check_paths(paths, None, lang)?;
    let catalogue = checked.into_valid().map_err(|checked| LoadError {
        message: report::human::render(&checked, lang, false),
        exit: 1,
    })?;
    Ok((source.origin, catalogue))
}

/// The calendars for a command: `explicit`, else those beside the catalogue folder, else
/// the bundled ones.
pub fn calendars(
    explicit: Option<&Path>,
    origin: &Origin,
    lang: Lang,
) -> Result<(CalendarSource, Calendars), LoadError> {
    sources::calendars(explicit, origin).map_err(|e| LoadError::unreadable(&e, lang))
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

/// Today's date in Vietnam, whatever the machine's time zone.
pub use crate::datetime::today_in_vietnam;

/// Reads a `--at` date: `2026-01-05` or `05/01/2026`.
pub fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    let t = text.trim();
    chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .map_err(|_| format!("`{t}` is not a date: write e.g. 2026-01-05 or 05/01/2026 / `{t}` không phải ngày: viết ví dụ 2026-01-05 hoặc 05/01/2026"))
}
