//! Days that differ from the weekly pattern.

use chrono::NaiveDate;

/// What an exceptional day is, as the ICS `CATEGORIES` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DayKind {
    /// A public holiday (nghỉ lễ, Tết): `HOLIDAY`.
    Holiday,
    /// A compensatory or swapped day off (nghỉ bù, hoán đổi): `DAY-OFF`.
    DayOff,
    /// A Saturday or Sunday declared a working day (làm bù): `WORKING-DAY`.
    WorkingDay,
}

impl DayKind {
    /// The ICS category word.
    pub fn category(self) -> &'static str {
        match self {
            DayKind::Holiday => "HOLIDAY",
            DayKind::DayOff => "DAY-OFF",
            DayKind::WorkingDay => "WORKING-DAY",
        }
    }

    /// Reads an ICS category word; exact, upper case.
    pub fn from_category(word: &str) -> Option<DayKind> {
        match word {
            "HOLIDAY" => Some(DayKind::Holiday),
            "DAY-OFF" => Some(DayKind::DayOff),
            "WORKING-DAY" => Some(DayKind::WorkingDay),
            _ => None,
        }
    }
}

/// One exceptional day with its name and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DayMark {
    /// The date (local).
    pub date: NaiveDate,
    /// Holiday, day off or working day.
    pub kind: DayKind,
    /// Vietnamese name (`SUMMARY`).
    pub name: String,
    /// Legal source (`DESCRIPTION`), or a note that the day was computed.
    pub source: String,
    /// True when computed from the statutory rules rather than announced.
    pub provisional: bool,
}
