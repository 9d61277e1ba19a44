//! Reading calendar folders: the YAML descriptions and the ICS files they name.

use super::{CALENDARS_DIR, Origin, SourceError};
use crate::calendar::Calendars;
use crate::text::Text;
use std::path::{Path, PathBuf};

/// Which calendars a command used, to say so to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarSource {
    /// The calendars compiled into the binary.
    Bundled,
    /// A calendars folder on disk.
    Folder(PathBuf),
}

impl CalendarSource {
    /// "the bundled calendars" / "the calendars in calendars", in both languages.
    pub fn describe(&self) -> Text {
        match self {
            CalendarSource::Bundled => Text::new("the bundled calendars", "lịch làm việc kèm theo"),
            CalendarSource::Folder(p) => Text::new(
                format!("the calendars in {}", p.display()),
                format!("lịch làm việc trong {}", p.display()),
            ),
        }
    }
}

/// The calendar files a command uses, as `(name, contents)` pairs: those of `explicit`
/// when given; else the `calendars/` folder beside a catalogue folder read from disk
/// (a working copy's own calendars), when it has a calendar description; else the
/// bundled calendars.
pub fn calendar_files(
    explicit: Option<&Path>,
    catalogue: &Origin,
) -> Result<(CalendarSource, Vec<(String, String)>), SourceError> {
    if let Some(dir) = explicit {
        return Ok((CalendarSource::Folder(dir.to_path_buf()), read_dir(dir)?));
    }
    if let Some(beside) = catalogue.folder().and_then(sibling_calendars) {
        let files = read_dir(&beside)?;
        return Ok((CalendarSource::Folder(beside), files));
    }
    Ok((CalendarSource::Bundled, crate::bundled::calendar_files()))
}

/// Loads and indexes the calendars [`calendar_files`] picks.
pub fn calendars(
    explicit: Option<&Path>,
    catalogue: &Origin,
) -> Result<(CalendarSource, Calendars), SourceError> {
    let (source, files) = calendar_files(explicit, catalogue)?;
    let calendars = load(&source, &files)?;
    Ok((source, calendars))
}

/// Loads calendar files read by [`calendar_files`]. A folder's calendar may extend a
/// calendar the folder does not have (a province's `extends: vn`): it is then built
/// over the bundled calendars.
pub fn load(source: &CalendarSource, files: &[(String, String)]) -> Result<Calendars, SourceError> {
    let invalid = |e: crate::calendar::CalendarError| SourceError::InvalidCalendar {
        source: source.describe(),
        reason: e.to_string(),
    };
    let base = if Calendars::needs_base(files) {
        Some(crate::bundled::calendars().map_err(invalid)?)
    } else {
        None
    };
    Calendars::load_from_files_over(files, base.as_ref()).map_err(invalid)
}

/// Loads and indexes every calendar of a folder.
///
/// ```
/// let cals = tthc::sources::calendars_in(std::path::Path::new("../../calendars")).unwrap();
/// assert!(cals.get("vn").is_ok());
/// ```
pub fn calendars_in(dir: &Path) -> Result<Calendars, SourceError> {
    let files = read_dir(dir)?;
    load(&CalendarSource::Folder(dir.to_path_buf()), &files)
}

/// `calendars/` beside a catalogue folder, when it holds a calendar description.
fn sibling_calendars(catalogue: &Path) -> Option<PathBuf> {
    let parent = match catalogue.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let dir = parent.join(CALENDARS_DIR);
    let has_yaml = std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .any(|e| is_yaml(&e.path()));
    has_yaml.then(|| match dir.strip_prefix(".") {
        Ok(rel) => rel.to_path_buf(),
        Err(_) => dir.clone(),
    })
}

fn is_yaml(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "yaml" || e == "yml")
}

fn is_calendar_file(p: &Path) -> bool {
    is_yaml(p) || p.extension().is_some_and(|e| e == "ics")
}

/// The entries of a calendars folder named like calendar files that are not regular
/// files (a named pipe, a socket): they are skipped, not read.
pub fn irregular_calendar_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| is_calendar_file(p) && super::walk::is_irregular(p))
        .collect();
    out.sort();
    out
}

/// The YAML and ICS files directly in `dir`, by name, in name order.
fn read_dir(dir: &Path) -> Result<Vec<(String, String)>, SourceError> {
    let entries = std::fs::read_dir(dir).map_err(|e| SourceError::unreadable(dir, &e))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| SourceError::unreadable(dir, &e))?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if is_calendar_file(&path) {
            // A named pipe would block the read for ever: skipped
            // ([`irregular_calendar_files`] names them for the caller to say so).
            if super::walk::is_irregular(&path) {
                continue;
            }
            let text =
                std::fs::read_to_string(&path).map_err(|e| SourceError::unreadable(&path, &e))?;
            // Holiday names are matched and shown like procedure text: in NFC.
            let text = crate::text::normal::nfc(&text).into_owned();
            files.push((name.to_string(), text));
        }
    }
    if !files.iter().any(|(n, _)| is_yaml(Path::new(n))) {
        return Err(SourceError::NoCalendars(dir.to_path_buf()));
    }
    files.sort();
    Ok(files)
}
