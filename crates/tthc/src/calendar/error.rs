//! Why a calendar could not be loaded or could not answer.

use crate::text::{Text, words};
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
            // One code for one condition, whichever layer meets it (the engine's
            // `DeadlineError::OutOfHorizon` and the API's problem say the same).
            CalendarError::OutOfHorizon { .. } => OutOfHorizon::CODE,
            CalendarError::Io { .. } => "calendar_io",
        }
    }
}

impl CalendarError {
    /// The message, in both languages (the file's own parser speaks English: its words
    /// are quoted as they are).
    pub fn text(&self) -> Text {
        match self {
            CalendarError::Yaml { file, message } => Text::new(
                format!("{file}: invalid calendar YAML: {message}"),
                format!("{file}: tệp lịch YAML không hợp lệ: {message}"),
            ),
            CalendarError::Config { file, message } => Text::new(
                format!("{file}: {message}"),
                format!("{file}: lịch không hợp lệ: {message}"),
            ),
            CalendarError::Ics {
                file,
                event: Some(event),
                message,
            } => Text::new(
                format!("{file}: event {event}: {message}"),
                format!("{file}: sự kiện {event}: {message}"),
            ),
            CalendarError::Ics {
                file,
                event: None,
                message,
            } => Text::new(
                format!("{file}: {message}"),
                format!("{file}: tệp ICS không hợp lệ: {message}"),
            ),
            CalendarError::MissingFile { calendar, file } => Text::new(
                format!("calendar `{calendar}` names `{file}`, which was not supplied"),
                format!("lịch `{calendar}` dẫn đến tệp `{file}` nhưng không có tệp đó"),
            ),
            CalendarError::DuplicateId(id) => Text::new(
                format!("two calendars have the id `{id}`"),
                format!("hai lịch cùng có mã `{id}`"),
            ),
            CalendarError::UnknownCalendar(id) => Text::new(
                format!("there is no calendar `{id}`"),
                format!("không có lịch `{id}`"),
            ),
            CalendarError::OutOfHorizon { date, from, to } => OutOfHorizon {
                date: *date,
                from: *from,
                to: *to,
            }
            .text(),
            CalendarError::Io { file, message } => Text::new(
                format!("{file}: {message}"),
                format!("{file}: không đọc được: {message}"),
            ),
        }
    }
}

impl fmt::Display for CalendarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().en)
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

impl OutOfHorizon {
    /// The stable code of this condition, everywhere it is reported.
    pub const CODE: &'static str = "out_of_range";

    /// The message, in both languages.
    pub fn text(&self) -> Text {
        let d = words::date(self.date);
        if self.date.year() < self.from {
            // The horizon starts at the first announced year: before it the days off are
            // unknown, and today's rules do not hold for the past.
            return Text::new(
                format!(
                    "{} is before {}, the first year whose days off this calendar knows; \
                     today's rules are not applied to the past, so no deadline can be computed there",
                    d.en, self.from
                ),
                format!(
                    "ngày {} ở trước năm {}, năm đầu tiên lịch này biết các ngày nghỉ; \
                     không áp quy định hiện nay cho quá khứ nên không tính được thời hạn",
                    d.vi, self.from
                ),
            );
        }
        Text::new(
            format!(
                "{} is outside the calendar's supported years {}–{}; no deadline can be computed there",
                d.en, self.from, self.to
            ),
            format!(
                "ngày {} nằm ngoài khoảng năm lịch hỗ trợ {}–{}; không tính được thời hạn",
                d.vi, self.from, self.to
            ),
        )
    }
}

impl fmt::Display for OutOfHorizon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().en)
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
