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

/// How sure the calendar is of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Announced in an official notice for the year (an ICS file).
    Announced,
    /// Predicted from the law for a year not yet announced (provisional).
    Computed,
    /// Its legal basis is not confirmed (e.g. 24/11, Ngày Văn hóa Việt Nam): whether it
    /// counts as a day off is the calendar's `uncertain_days` setting, and every result
    /// whose span crosses it lists it.
    Uncertain,
}

impl Confidence {
    /// The word used in JSON and in the ICS property `X-TTHC-CONFIDENCE` (upper case there).
    pub fn code(self) -> &'static str {
        match self {
            Confidence::Announced => "announced",
            Confidence::Computed => "computed",
            Confidence::Uncertain => "uncertain",
        }
    }
}

/// One exceptional day with its name, its legal basis and how sure that basis is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DayMark {
    /// The date (local).
    pub date: NaiveDate,
    /// Holiday, day off or working day.
    pub kind: DayKind,
    /// Vietnamese name (`SUMMARY`).
    pub name: String,
    /// Legal basis (`DESCRIPTION`): the notice and article, or a note that the day was
    /// computed and from which articles.
    pub source: String,
    /// True when computed from the statutory rules rather than announced.
    pub provisional: bool,
    /// How sure the legal basis is.
    pub confidence: Confidence,
}
