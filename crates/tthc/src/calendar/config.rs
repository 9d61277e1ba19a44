//! The YAML description of a working calendar (`calendars/*.yaml`).
//!
//! The file is read into a raw shape of plain strings first and then checked, so that
//! every mistake is reported with the file name and the field at fault rather than as
//! a generic deserialisation error.

use super::error::CalendarError;
use chrono::{FixedOffset, NaiveTime, Weekday};
use serde::Deserialize;

/// How a due time is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueTimeConvention {
    /// The due time keeps the clock time of the clock start (Tue 11:04 + 25 days → 11:04).
    KeepClockTime,
    /// The due time is the end of the working day on which the allotment runs out.
    EndOfDay,
}

/// Where a stretch of working time that ends exactly at a break (e.g. half a day
/// from 07:30) is considered to end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakBoundary {
    /// At the start of the break (11:30): the earliest moment the time has elapsed.
    BeforeBreak,
    /// At the end of the break (13:00): the last moment before more working time is used.
    AfterBreak,
}

/// A span of working hours within a day, in minutes after local midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Session {
    /// Opening minute (e.g. 450 for 07:30).
    pub start: u32,
    /// Closing minute, exclusive of further work (e.g. 690 for 11:30).
    pub end: u32,
}

/// An inclusive range of years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct YearRange {
    /// First year.
    pub from: i32,
    /// Last year, inclusive.
    pub to: i32,
}

impl YearRange {
    /// True when `year` lies in the range.
    pub fn contains(self, year: i32) -> bool {
        (self.from..=self.to).contains(&year)
    }
}

/// A checked calendar description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarConfig {
    /// Short id used on the command line (`vn`).
    pub id: String,
    /// Human name.
    pub name: String,
    /// IANA name, informative; the offset below is what is used.
    pub time_zone: String,
    /// The fixed offset of local time (UTC+7 for Vietnam, which has no daylight saving).
    pub offset: FixedOffset,
    /// Days of the week that are working days unless the ICS files say otherwise.
    pub working_weekdays: Vec<Weekday>,
    /// Working sessions of every working day, in order, not overlapping.
    pub sessions: Vec<Session>,
    /// How due times are printed.
    pub due_time: DueTimeConvention,
    /// Receipts after this time count from the next working day; `None` = no cutoff.
    pub cutoff: Option<NaiveTime>,
    /// Where time ending at a break ends.
    pub break_boundary: BreakBoundary,
    /// Years whose days off are official (read from the ICS files).
    pub announced: YearRange,
    /// ICS files, relative to the YAML file's folder.
    pub ics_files: Vec<String>,
    /// All years the calendar answers for; years outside `announced` are computed.
    pub horizon: YearRange,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    id: String,
    name: String,
    time_zone: String,
    utc_offset: String,
    working_weekdays: Vec<String>,
    sessions: Vec<RawSession>,
    due_time: DueTimeConvention,
    cutoff: Option<String>,
    half_day_ends: BreakBoundary,
    announced: RawAnnounced,
    horizon: YearRange,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSession {
    start: String,
    end: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnnounced {
    years: YearRange,
    files: Vec<String>,
}

impl CalendarConfig {
    /// Reads and checks one YAML calendar description; `file` is only used in errors.
    pub fn from_yaml(file: &str, text: &str) -> Result<CalendarConfig, CalendarError> {
        let raw: RawConfig = serde_saphyr::from_str(text).map_err(|e| CalendarError::Yaml {
            file: file.to_owned(),
            message: e.to_string(),
        })?;
        let bad = |message: String| CalendarError::Config {
            file: file.to_owned(),
            message,
        };
        if raw.time_zone != "Asia/Ho_Chi_Minh" {
            return Err(bad(format!(
                "time_zone `{}` is not supported: only Asia/Ho_Chi_Minh (fixed UTC+7) is",
                raw.time_zone
            )));
        }
        let offset = parse_offset(&raw.utc_offset).ok_or_else(|| {
            bad(format!(
                "utc_offset `{}` is not of the form +07:00",
                raw.utc_offset
            ))
        })?;
        let mut working_weekdays = Vec::new();
        for name in &raw.working_weekdays {
            let day = parse_weekday(name).ok_or_else(|| {
                bad(format!(
                    "working_weekdays: `{name}` is not mon, tue, …, sun"
                ))
            })?;
            if working_weekdays.contains(&day) {
                return Err(bad(format!("working_weekdays: `{name}` is listed twice")));
            }
            working_weekdays.push(day);
        }
        if working_weekdays.is_empty() {
            return Err(bad("working_weekdays is empty".into()));
        }
        let mut sessions = Vec::new();
        for s in &raw.sessions {
            let start = parse_minute(&s.start)
                .ok_or_else(|| bad(format!("sessions: `{}` is not a time HH:MM", s.start)))?;
            let end = parse_minute(&s.end)
                .ok_or_else(|| bad(format!("sessions: `{}` is not a time HH:MM", s.end)))?;
            if end <= start {
                return Err(bad(format!(
                    "sessions: {}–{} ends before it starts",
                    s.start, s.end
                )));
            }
            if sessions.last().is_some_and(|p: &Session| p.end > start) {
                return Err(bad(format!(
                    "sessions: {}–{} overlaps or precedes the session before it",
                    s.start, s.end
                )));
            }
            sessions.push(Session { start, end });
        }
        if sessions.is_empty() {
            return Err(bad(
                "sessions is empty: a working day needs working hours".into()
            ));
        }
        let cutoff = match &raw.cutoff {
            None => None,
            Some(t) => Some(
                NaiveTime::parse_from_str(t, "%H:%M")
                    .map_err(|_| bad(format!("cutoff `{t}` is not a time HH:MM")))?,
            ),
        };
        let (announced, horizon) = (raw.announced.years, raw.horizon);
        if announced.from > announced.to || horizon.from > horizon.to {
            return Err(bad("a year range runs backwards".into()));
        }
        if announced.from < horizon.from || announced.to > horizon.to {
            return Err(bad("announced years must lie inside the horizon".into()));
        }
        if !(1900..=2100).contains(&horizon.from) || !(1900..=2100).contains(&horizon.to) {
            return Err(bad(
                "horizon must lie within 1900–2100, where the lunar computation is checked".into(),
            ));
        }
        Ok(CalendarConfig {
            id: raw.id,
            name: raw.name,
            time_zone: raw.time_zone,
            offset,
            working_weekdays,
            sessions,
            due_time: raw.due_time,
            cutoff,
            break_boundary: raw.half_day_ends,
            announced,
            ics_files: raw.announced.files,
            horizon,
        })
    }
}

fn parse_offset(s: &str) -> Option<FixedOffset> {
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (h, m) = s[1..].split_once(':')?;
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if h > 14 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

fn parse_weekday(s: &str) -> Option<Weekday> {
    Some(match s.to_ascii_lowercase().as_str() {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

fn parse_minute(s: &str) -> Option<u32> {
    let t = NaiveTime::parse_from_str(s, "%H:%M").ok()?;
    Some(chrono::Timelike::hour(&t) * 60 + chrono::Timelike::minute(&t))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
id: t
name: Test
time_zone: Asia/Ho_Chi_Minh
utc_offset: "+07:00"
working_weekdays: [mon, tue, wed, thu, fri]
sessions:
  - { start: "07:30", end: "11:30" }
  - { start: "13:00", end: "17:00" }
due_time: keep_clock_time
cutoff: "15:00"
half_day_ends: before_break
announced: { years: { from: 2025, to: 2025 }, files: [a.ics] }
horizon: { from: 2000, to: 2040 }
"#;

    #[test]
    fn reads_a_complete_description() {
        let c = CalendarConfig::from_yaml("t.yaml", GOOD).unwrap();
        assert_eq!(
            c.sessions,
            vec![
                Session {
                    start: 450,
                    end: 690
                },
                Session {
                    start: 780,
                    end: 1020
                }
            ]
        );
        assert_eq!(c.offset.local_minus_utc(), 7 * 3600);
        assert_eq!(c.cutoff, NaiveTime::from_hms_opt(15, 0, 0));
        assert_eq!(c.break_boundary, BreakBoundary::BeforeBreak);
    }

    #[test]
    fn names_the_file_and_field_at_fault() {
        let text = GOOD.replace("\"11:30\" }", "\"07:00\" }");
        let err = CalendarConfig::from_yaml("t.yaml", &text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("t.yaml: sessions: 07:30–07:00"), "{err}");
        let text = GOOD.replace("Asia/Ho_Chi_Minh", "Europe/Paris");
        assert!(CalendarConfig::from_yaml("t.yaml", &text).is_err());
        let text = GOOD.replace("due_time: keep_clock_time", "due_time: sometime");
        let err = CalendarConfig::from_yaml("t.yaml", &text).unwrap_err();
        assert!(matches!(err, CalendarError::Yaml { .. }));
    }
}
