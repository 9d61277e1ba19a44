//! Why a calendar could not be loaded or could not answer.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// Everything that can go wrong while loading a calendar or asking it about a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarError {
    /// A YAML calendar file is not valid YAML or does not have the expected fields.
    Yaml {
        /// The file, as given to the loader.
        file: String,
        /// What the YAML reader said.
        message: String,
    },
    /// A YAML calendar file is well formed but says something impossible.
    Config {
        /// The file, as given to the loader.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// An ICS file is not in the agreed format.
    Ics {
        /// The file, as given to the loader.
        file: String,
        /// The event (its UID or position) at fault, when there is one.
        event: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// A calendar names a file that was not supplied.
    MissingFile {
        /// The calendar that refers to it.
        calendar: String,
        /// The file it names.
        file: String,
    },
    /// Two calendar files declare the same id.
    DuplicateId(String),
    /// No calendar has this id.
    UnknownCalendar(String),
    /// The date is outside the years the calendar can answer for.
    OutOfHorizon {
        /// The date asked about.
        date: NaiveDate,
        /// First supported year.
        from: i32,
        /// Last supported year.
        to: i32,
    },
    /// A file could not be read from disk.
    Io {
        /// The path.
        file: String,
        /// The system's message.
        message: String,
    },
}

impl CalendarError {
    /// A stable machine-readable code, e.g. for an API's problem documents.
    pub fn code(&self) -> &'static str {
        match self {
            CalendarError::Yaml { .. } => "calendar_yaml",
            CalendarError::Config { .. } => "calendar_config",
            CalendarError::Ics { .. } => "calendar_ics",
            CalendarError::MissingFile { .. } => "calendar_missing_file",
            CalendarError::DuplicateId(_) => "calendar_duplicate_id",
            CalendarError::UnknownCalendar(_) => "unknown_calendar",
            CalendarError::OutOfHorizon { .. } => "out_of_horizon",
            CalendarError::Io { .. } => "calendar_io",
        }
    }
}

impl fmt::Display for CalendarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CalendarError::Yaml { file, message } => {
                write!(f, "{file}: invalid calendar YAML: {message}")
            }
            CalendarError::Config { file, message } => write!(f, "{file}: {message}"),
            CalendarError::Ics {
                file,
                event: Some(event),
                message,
            } => {
                write!(f, "{file}: event {event}: {message}")
            }
            CalendarError::Ics {
                file,
                event: None,
                message,
            } => write!(f, "{file}: {message}"),
            CalendarError::MissingFile { calendar, file } => {
                write!(
                    f,
                    "calendar `{calendar}` names `{file}`, which was not supplied"
                )
            }
            CalendarError::DuplicateId(id) => write!(f, "two calendars have the id `{id}`"),
            CalendarError::UnknownCalendar(id) => write!(f, "no calendar with the id `{id}`"),
            CalendarError::OutOfHorizon { date, from, .. } if date.year() < *from => write!(
                f,
                "{date} is before {from}, the first year whose days off this calendar knows; \
                 today's rules are not applied to the past, so no deadline can be computed there"
            ),
            CalendarError::OutOfHorizon { date, from, to } => write!(
                f,
                "{date} is outside the calendar's supported years {from}–{to}; \
                 no deadline can be computed there"
            ),
            CalendarError::Io { file, message } => write!(f, "{file}: {message}"),
        }
    }
}

impl std::error::Error for CalendarError {}

/// A date outside the years a calendar can answer for: the only way a query on the
/// working-time index can fail. Kept small because it travels on every query's hot path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfHorizon {
    /// The date asked about.
    pub date: NaiveDate,
    /// First supported year.
    pub from: i32,
    /// Last supported year.
    pub to: i32,
}

impl fmt::Display for OutOfHorizon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        CalendarError::from(*self).fmt(f)
    }
}

impl std::error::Error for OutOfHorizon {}

impl From<OutOfHorizon> for CalendarError {
    fn from(e: OutOfHorizon) -> Self {
        CalendarError::OutOfHorizon {
            date: e.date,
            from: e.from,
            to: e.to,
        }
    }
}
