//! The one loader: a catalogue and its calendars read, checked and indexed into a
//! [`Snapshot`] that every question is answered from. The command line, the server (which
//! swaps a new snapshot in whole on reload), the language server, `tthc test`, the case
//! reports and the Python module all load through here.

use crate::calendar::{Calendars, DEFAULT_CALENDAR};
use crate::check::{self, CheckOptions, Checked, Input};
use crate::model::Catalogue;
use crate::sources::{self, CalendarSource, CatalogueSource, Origin, SourceError};
use crate::text::{Lang, Text};
use std::path::PathBuf;

/// A validated catalogue with its calendars and the hash that identifies them.
#[derive(Debug)]
pub struct Snapshot {
    /// The checked catalogue.
    pub catalogue: Catalogue,
    /// The indexed calendars.
    pub calendars: Calendars,
    /// Content hash of every file read (the server's `Catalogue-Version` header).
    pub version: String,
    /// Where the catalogue was read from.
    pub origin: Origin,
    /// Where the calendars were read from.
    pub calendar_source: CalendarSource,
    /// Every catalogue file as read (path and bytes): a text can be checked in their
    /// context without reading the disk again.
    pub inputs: Vec<Input>,
    /// The checker's settings for these calendars (their working hours).
    pub check_options: CheckOptions,
    /// Entries named like catalogue or calendar files that are not regular files (a
    /// named pipe, a socket), skipped rather than read: front ends say so.
    pub skipped: Vec<PathBuf>,
}

/// Where a snapshot is read from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Procedure files or folders; empty = `./procedures` when it exists, else the
    /// bundled catalogue.
    pub procedures: Vec<PathBuf>,
    /// A calendars folder; `None` = the calendars beside the catalogue folder, else the
    /// bundled calendars.
    pub calendars: Option<PathBuf>,
}

/// Why a snapshot could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// A file or folder could not be read, or the calendars are invalid.
    Source(SourceError),
    /// The catalogue has errors: the checker's findings, for the front end to render.
    Catalogue(Box<Checked>),
}

impl LoadError {
    /// The stable code: `unreadable_sources` or `invalid_catalogue`.
    pub fn code(&self) -> &'static str {
        match self {
            LoadError::Source(_) => "unreadable_sources",
            LoadError::Catalogue(_) => "invalid_catalogue",
        }
    }

    /// One line saying why, in both languages; the findings of an invalid catalogue are
    /// in [`LoadError::Catalogue`] for a renderer to list.
    pub fn text(&self) -> Text {
        match self {
            LoadError::Source(e) => e.text(),
            LoadError::Catalogue(c) => Text::new(
                format!(
                    "the catalogue has {} errors; nothing is computed from a catalogue with errors",
                    c.errors()
                ),
                format!(
                    "danh mục có {} lỗi; không tính gì từ một danh mục có lỗi",
                    c.errors()
                ),
            ),
        }
    }

    /// The reason as a log or a plain terminal shows it: the source's message, or every
    /// finding of the checker (see [`crate::report::plain`]).
    pub fn render_plain(&self, lang: Lang) -> String {
        match self {
            LoadError::Source(e) => e.text().get(lang).to_string(),
            LoadError::Catalogue(c) => crate::report::plain::render(c, lang),
        }
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for LoadError {}

impl Sources {
    /// The catalogue the sources name, read and checked with the working hours of the
    /// calendars it goes with (and its coverage on `at`, when given), with the findings
    /// narrowed to the files in focus: what `tthc check` reports.
    pub fn check(
        &self,
        at: Option<chrono::NaiveDate>,
    ) -> Result<(CatalogueSource, Checked), SourceError> {
        let mut source = sources::catalogue(&self.procedures)?;
        let (_, calendar_files) =
            sources::calendar_files(self.calendars.as_deref(), &source.origin)?;
        let mut options = CheckOptions::for_calendar_files(&calendar_files);
        options.at = at;
        let mut checked = check::check(std::mem::take(&mut source.inputs), &options);
        if let Some(focus) = &source.focus {
            checked.focus_on(focus);
        }
        Ok((source, checked))
    }

    /// The calendars alone (for questions that need no catalogue, such as a bare number
    /// of days): those of `calendars`, else those beside the catalogue folder, else the
    /// bundled ones.
    pub fn calendars(&self) -> Result<(CalendarSource, Calendars), SourceError> {
        let origin = sources::catalogue_origin(&self.procedures)?;
        sources::calendars(self.calendars.as_deref(), &origin)
    }

    /// Reads, checks and indexes everything.
    pub fn load(&self) -> Result<Snapshot, LoadError> {
        let source = sources::catalogue(&self.procedures).map_err(LoadError::Source)?;
        let (calendar_source, calendar_files) =
            sources::calendar_files(self.calendars.as_deref(), &source.origin)
                .map_err(LoadError::Source)?;
        let mut skipped = source.skipped;
        if let CalendarSource::Folder(dir) = &calendar_source {
            skipped.extend(sources::irregular_calendar_files(dir));
        }
        let mut snap = assemble(
            source.origin,
            source.inputs,
            calendar_source,
            calendar_files,
        )?;
        snap.skipped = skipped;
        Ok(snap)
    }
}

/// Checks and indexes what was read; the snapshot's version hashes every file.
fn assemble(
    origin: Origin,
    inputs: Vec<Input>,
    calendar_source: CalendarSource,
    calendar_files: Vec<(String, String)>,
) -> Result<Snapshot, LoadError> {
    let version = sources::content_version(
        inputs
            .iter()
            .map(|i| (i.path.as_str(), i.bytes.as_slice()))
            .chain(
                calendar_files
                    .iter()
                    .map(|(p, t)| (p.as_str(), t.as_bytes())),
            ),
    );
    let calendars =
        sources::load_calendars(&calendar_source, &calendar_files).map_err(LoadError::Source)?;
    let options = calendars
        .get(DEFAULT_CALENDAR)
        .map(CheckOptions::for_calendar)
        .unwrap_or_default();
    let catalogue = check::check(inputs.clone(), &options)
        .into_valid()
        .map_err(LoadError::Catalogue)?;
    Ok(Snapshot {
        catalogue,
        calendars,
        version,
        origin,
        calendar_source,
        inputs,
        check_options: options,
        skipped: Vec::new(),
    })
}

impl Snapshot {
    /// The catalogue and calendars compiled into tthc.
    ///
    /// ```
    /// let snap = tthc::service::Snapshot::bundled().unwrap();
    /// assert!(snap.catalogue.procedure("dang-ky-khai-sinh").is_some());
    /// assert!(snap.calendars.get("vn").is_ok());
    /// ```
    ///
    /// # Errors
    /// Only if the bundled files were broken at build time, which the test suite rules
    /// out.
    pub fn bundled() -> Result<Snapshot, LoadError> {
        assemble(
            Origin::Bundled,
            crate::bundled::procedure_inputs(),
            CalendarSource::Bundled,
            crate::bundled::calendar_files(),
        )
    }
}
