//! The catalogue and calendars a command works on, loaded through the core's one
//! loader ([`tthc::service::Sources`]), and saying which were used. Commands that need a
//! valid catalogue stop with the checker's findings when it has errors.

use super::human;
use std::path::{Path, PathBuf};
use tthc::calendar::Calendars;
use tthc::check::Checked;
use tthc::diagnostic::Lang;
use tthc::model::Catalogue;
use tthc::service::Sources;
use tthc::sources::{CalendarSource, CatalogueSource, Origin, SourceError};

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
            exit: super::EXIT_CANNOT_RUN,
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

/// The sources `paths` name, with the calendars beside the catalogue.
fn sources(paths: &[PathBuf]) -> Sources {
    Sources {
        procedures: paths.to_vec(),
        calendars: None,
    }
}

/// Reads the catalogue `paths` name and checks it (see [`Sources::check`]), with its
/// coverage on `at` when given; the findings are narrowed to the files in focus.
pub fn check_paths(
    paths: &[PathBuf],
    at: Option<chrono::NaiveDate>,
    lang: Lang,
) -> Result<(CatalogueSource, Checked), LoadError> {
    let (source, checked) = sources(paths)
        .check(at)
        .map_err(|e| LoadError::unreadable(&e, lang))?;
    say_skipped(lang, &source.skipped);
    Ok((source, checked))
}

/// Says on stderr which entries named like catalogue files were skipped because they are
/// not regular files (reading a named pipe would block the command for ever).
pub fn say_skipped(lang: Lang, skipped: &[PathBuf]) {
    for p in skipped {
        eprintln!(
            "{}",
            lang.pick(
                format!(
                    "warning: skipped {}: not a regular file (a named pipe, socket or device is never read)",
                    p.display()
                ),
                format!(
                    "cảnh báo: bỏ qua {}: không phải tệp thông thường (không đọc ống có tên, socket hay thiết bị)",
                    p.display()
                ),
            )
        );
    }
}

/// Reads and checks the catalogue `paths` name, for commands that need it valid.
pub fn load(paths: &[PathBuf], lang: Lang) -> Result<(Origin, Catalogue), LoadError> {
    let (source, checked) = check_paths(paths, None, lang)?;
    let catalogue = checked.into_valid().map_err(|checked| LoadError {
        message: human::render(&checked, lang, false),
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
    tthc::sources::calendars(explicit, origin).map_err(|e| LoadError::unreadable(&e, lang))
}

/// Today's date in Vietnam, whatever the machine's time zone.
pub use tthc::datetime::today_in_vietnam;

/// Reads a `--at` date: `2026-01-05` or `05/01/2026`.
pub fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    let t = text.trim();
    chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .map_err(|_| format!("`{t}` is not a date: write e.g. 2026-01-05 or 05/01/2026 / `{t}` không phải ngày: viết ví dụ 2026-01-05 hoặc 05/01/2026"))
}
