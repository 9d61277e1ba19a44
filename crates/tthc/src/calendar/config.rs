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

/// How far a cutoff reaches: which counts a receipt after it moves to the next working
/// day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CutoffReach {
    /// Only same-day counts ("trong ngày … nhận hồ sơ sau 15 giờ …"), as the civil-status
    /// and certification rules print it.
    SameDay,
    /// Every count, whatever its length.
    EveryCount,
}

impl CutoffReach {
    /// The stable name used in JSON and YAML: `same_day`, `every_count`.
    pub fn code(self) -> &'static str {
        match self {
            CutoffReach::SameDay => "same_day",
            CutoffReach::EveryCount => "every_count",
        }
    }
}

/// Whether days of uncertain legal basis ([`super::Confidence::Uncertain`]) count as days off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UncertainDays {
    /// They are days off (as announced); results crossing them list them.
    DayOff,
    /// They are ordinary working days; results crossing them still list them.
    WorkingDay,
}

/// Working hours that apply in one period of the year (e.g. summer hours).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Season {
    /// First day of the period, `(month, day)`.
    pub from: (u32, u32),
    /// Last day of the period, inclusive; may be earlier in the year than `from` for a
    /// period that runs over the new year (winter: 10-01 to 04-30).
    pub to: (u32, u32),
    /// The sessions of every working day in the period.
    pub sessions: Vec<Session>,
}

impl Season {
    /// True when the day `(month, day)` lies in the period.
    pub fn contains(&self, md: (u32, u32)) -> bool {
        if self.from <= self.to {
            self.from <= md && md <= self.to
        } else {
            md >= self.from || md <= self.to
        }
    }
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
    /// Working sessions of every working day, in order, not overlapping. With `seasons`,
    /// the sessions of the first season.
    pub sessions: Vec<Session>,
    /// Working hours by period of the year; empty when every day has `sessions`. Every
    /// day of the year is in exactly one season, and every season has the same working
    /// minutes per day, because one working day ("ngày") is one fixed quantity of time.
    pub seasons: Vec<Season>,
    /// Whether days of uncertain legal basis are days off.
    pub uncertain_days: UncertainDays,
    /// The id of the calendar this one extends (its days off, announced and computed),
    /// if any.
    pub extends: Option<String>,
    /// How due times are printed.
    pub due_time: DueTimeConvention,
    /// Receipts after this time count from the next working day; `None` = no cutoff.
    pub cutoff: Option<NaiveTime>,
    /// Which counts that cutoff reaches when neither a procedure nor its decision says:
    /// the calendar's convention (`same_day` when the file does not say).
    pub cutoff_reach: CutoffReach,
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
    name: Option<String>,
    extends: Option<String>,
    time_zone: Option<String>,
    utc_offset: Option<String>,
    working_weekdays: Option<Vec<String>>,
    sessions: Option<RawSessions>,
    due_time: Option<DueTimeConvention>,
    cutoff: Option<String>,
    cutoff_reach: Option<CutoffReach>,
    half_day_ends: Option<BreakBoundary>,
    uncertain_days: Option<UncertainDays>,
    announced: Option<RawAnnounced>,
    horizon: Option<YearRange>,
}

/// `sessions`: one list for the whole year, or a list of periods each with its hours.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawSessions {
    Plain(Vec<RawSession>),
    Seasonal(Vec<RawSeason>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSeason {
    from: String,
    to: String,
    hours: Vec<RawSession>,
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
    /// A description with `extends` needs its parent: see [`CalendarConfig::from_yaml_over`].
    pub fn from_yaml(file: &str, text: &str) -> Result<CalendarConfig, CalendarError> {
        CalendarConfig::from_yaml_over(file, text, None)
    }

    /// The id of a description, without checking the rest.
    pub fn id_of(file: &str, text: &str) -> Result<String, CalendarError> {
        Ok(parse_raw(file, text)?.id)
    }

    /// The id a description extends, if any, without checking the rest.
    pub fn extends_of(file: &str, text: &str) -> Result<Option<String>, CalendarError> {
        Ok(parse_raw(file, text)?.extends)
    }

    /// Reads and checks a description; when it says `extends: ID`, `parent` is that
    /// calendar's description, whose fields it inherits unless it overrides them. An
    /// extending calendar may override only the hours: `name`, `sessions`, `due_time`,
    /// `cutoff`, `cutoff_reach`, `half_day_ends` and `uncertain_days`; the days off (weekdays, announced
    /// years, horizon, time zone) are the parent's.
    pub fn from_yaml_over(
        file: &str,
        text: &str,
        parent: Option<&CalendarConfig>,
    ) -> Result<CalendarConfig, CalendarError> {
        let raw = parse_raw(file, text)?;
        let bad = |message: String| CalendarError::Config {
            file: file.to_owned(),
            message,
        };
        match (&raw.extends, parent) {
            (Some(id), None) => {
                return Err(bad(format!(
                    "extends `{id}`, but no calendar with that id was loaded"
                )));
            }
            (None, Some(p)) => {
                return Err(bad(format!("does not extend `{}`", p.id)));
            }
            (Some(id), Some(p)) if *id != p.id => {
                return Err(bad(format!("extends `{id}`, not `{}`", p.id)));
            }
            _ => {}
        }
        if let Some(p) = parent {
            let fixed = [
                ("time_zone", raw.time_zone.is_some()),
                ("utc_offset", raw.utc_offset.is_some()),
                ("working_weekdays", raw.working_weekdays.is_some()),
                ("announced", raw.announced.is_some()),
                ("horizon", raw.horizon.is_some()),
            ];
            if let Some((field, _)) = fixed.iter().find(|f| f.1) {
                return Err(bad(format!(
                    "`{field}` cannot be set in a calendar that extends `{}`: its days off are the parent's; only name, sessions, due_time, cutoff, cutoff_reach, half_day_ends and uncertain_days can be overridden",
                    p.id
                )));
            }
            let (sessions, seasons) = match &raw.sessions {
                Some(s) => read_sessions(file, s)?,
                None => (p.sessions.clone(), p.seasons.clone()),
            };
            let cutoff = match &raw.cutoff {
                Some(t) => Some(parse_cutoff(file, t)?),
                None => p.cutoff,
            };
            return Ok(CalendarConfig {
                id: raw.id,
                name: raw.name.unwrap_or_else(|| p.name.clone()),
                time_zone: p.time_zone.clone(),
                offset: p.offset,
                working_weekdays: p.working_weekdays.clone(),
                sessions,
                seasons,
                due_time: raw.due_time.unwrap_or(p.due_time),
                cutoff,
                cutoff_reach: raw.cutoff_reach.unwrap_or(p.cutoff_reach),
                break_boundary: raw.half_day_ends.unwrap_or(p.break_boundary),
                uncertain_days: raw.uncertain_days.unwrap_or(p.uncertain_days),
                extends: Some(p.id.clone()),
                announced: p.announced,
                ics_files: p.ics_files.clone(),
                horizon: p.horizon,
            });
        }
        let need = |field: &str| bad(format!("`{field}` is missing"));
        let name = raw.name.ok_or_else(|| need("name"))?;
        let time_zone = raw.time_zone.ok_or_else(|| need("time_zone"))?;
        let utc_offset = raw.utc_offset.ok_or_else(|| need("utc_offset"))?;
        let raw_weekdays = raw
            .working_weekdays
            .ok_or_else(|| need("working_weekdays"))?;
        let raw_sessions = raw.sessions.ok_or_else(|| need("sessions"))?;
        let due_time = raw.due_time.ok_or_else(|| need("due_time"))?;
        let half_day_ends = raw.half_day_ends.ok_or_else(|| need("half_day_ends"))?;
        let raw_announced = raw.announced.ok_or_else(|| need("announced"))?;
        let horizon = raw.horizon.ok_or_else(|| need("horizon"))?;
        if time_zone != "Asia/Ho_Chi_Minh" {
            return Err(bad(format!(
                "time_zone `{time_zone}` is not supported: only Asia/Ho_Chi_Minh (fixed UTC+7) is"
            )));
        }
        let offset = parse_offset(&utc_offset).ok_or_else(|| {
            bad(format!(
                "utc_offset `{utc_offset}` is not of the form +07:00"
            ))
        })?;
        let mut working_weekdays = Vec::new();
        for name in &raw_weekdays {
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
        let (sessions, seasons) = read_sessions(file, &raw_sessions)?;
        let cutoff = match &raw.cutoff {
            None => None,
            Some(t) => Some(parse_cutoff(file, t)?),
        };
        let announced = raw_announced.years;
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
            name,
            time_zone,
            offset,
            working_weekdays,
            sessions,
            seasons,
            due_time,
            cutoff,
            // The law prints the 15-giờ rule for same-day items only (calendars/README.md).
            cutoff_reach: raw.cutoff_reach.unwrap_or(CutoffReach::SameDay),
            break_boundary: half_day_ends,
            // Default: days off, as the announced schedules show them (see calendars/README.md).
            uncertain_days: raw.uncertain_days.unwrap_or(UncertainDays::DayOff),
            extends: None,
            announced,
            ics_files: raw_announced.files,
            horizon,
        })
    }

    /// The sessions of a working day on `date`.
    pub fn sessions_on(&self, date: chrono::NaiveDate) -> &[Session] {
        use chrono::Datelike;
        let md = (date.month(), date.day());
        self.seasons
            .iter()
            .find(|s| s.contains(md))
            .map_or(&self.sessions, |s| &s.sessions)
    }
}

fn parse_raw(file: &str, text: &str) -> Result<RawConfig, CalendarError> {
    serde_saphyr::from_str(text).map_err(|e| CalendarError::Yaml {
        file: file.to_owned(),
        message: e.to_string(),
    })
}

fn parse_cutoff(file: &str, t: &str) -> Result<NaiveTime, CalendarError> {
    NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| CalendarError::Config {
        file: file.to_owned(),
        message: format!("cutoff `{t}` is not a time HH:MM"),
    })
}

fn read_session_list(file: &str, raw: &[RawSession]) -> Result<Vec<Session>, CalendarError> {
    let bad = |message: String| CalendarError::Config {
        file: file.to_owned(),
        message,
    };
    let mut sessions = Vec::new();
    for s in raw {
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
    Ok(sessions)
}

fn minutes_of(sessions: &[Session]) -> u32 {
    sessions.iter().map(|s| s.end - s.start).sum()
}

/// The plain sessions, or the first season's with every season.
fn read_sessions(
    file: &str,
    raw: &RawSessions,
) -> Result<(Vec<Session>, Vec<Season>), CalendarError> {
    let bad = |message: String| CalendarError::Config {
        file: file.to_owned(),
        message,
    };
    let periods = match raw {
        RawSessions::Plain(list) => return Ok((read_session_list(file, list)?, Vec::new())),
        RawSessions::Seasonal(periods) => periods,
    };
    let mut seasons = Vec::new();
    for p in periods {
        let md = |t: &str| {
            parse_month_day(t).ok_or_else(|| {
                bad(format!(
                    "sessions: period bound `{t}` is not a day of the year MM-DD"
                ))
            })
        };
        seasons.push(Season {
            from: md(&p.from)?,
            to: md(&p.to)?,
            sessions: read_session_list(file, &p.hours)?,
        });
    }
    let Some(first) = seasons.first() else {
        return Err(bad(
            "sessions is empty: a working day needs working hours".into()
        ));
    };
    let per_day = minutes_of(&first.sessions);
    if let Some(s) = seasons.iter().find(|s| minutes_of(&s.sessions) != per_day) {
        return Err(bad(format!(
            "sessions: the period {:02}-{:02}–{:02}-{:02} has {} working minutes a day, the first one {per_day}: every period must have the same, because one working day is one fixed quantity of time",
            s.from.0,
            s.from.1,
            s.to.0,
            s.to.1,
            minutes_of(&s.sessions)
        )));
    }
    // Every day of a leap year is in exactly one period.
    for day in chrono::NaiveDate::from_ymd_opt(2024, 1, 1)
        .into_iter()
        .flat_map(|d| d.iter_days().take(366))
    {
        use chrono::Datelike;
        let md = (day.month(), day.day());
        let n = seasons.iter().filter(|s| s.contains(md)).count();
        if n != 1 {
            return Err(bad(format!(
                "sessions: {:02}-{:02} is in {n} periods; every day of the year must be in exactly one",
                md.0, md.1
            )));
        }
    }
    Ok((first.sessions.clone(), seasons))
}

fn parse_month_day(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.trim().split_once('-')?;
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    chrono::NaiveDate::from_ymd_opt(2024, m, d).map(|_| (m, d))
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

    const CHILD: &str = r#"
id: c
extends: t
sessions:
  - from: "05-01"
    to: "09-30"
    hours:
      - { start: "07:00", end: "11:00" }
      - { start: "13:30", end: "17:30" }
  - from: "10-01"
    to: "04-30"
    hours:
      - { start: "07:30", end: "11:30" }
      - { start: "13:00", end: "17:00" }
cutoff: "16:00"
"#;

    #[test]
    fn a_child_inherits_and_overrides_hours_by_season() {
        let parent = CalendarConfig::from_yaml("t.yaml", GOOD).unwrap();
        let c = CalendarConfig::from_yaml_over("c.yaml", CHILD, Some(&parent)).unwrap();
        assert_eq!(c.extends.as_deref(), Some("t"));
        assert_eq!(c.announced, parent.announced);
        assert_eq!(c.cutoff, NaiveTime::from_hms_opt(16, 0, 0));
        assert_eq!(c.due_time, DueTimeConvention::KeepClockTime);
        let day = |m, d| chrono::NaiveDate::from_ymd_opt(2025, m, d).unwrap();
        // 07:00 = minute 420 in summer; 07:30 = 450 from October, and through April.
        assert_eq!(c.sessions_on(day(7, 1))[0].start, 420);
        assert_eq!(c.sessions_on(day(10, 1))[0].start, 450);
        assert_eq!(c.sessions_on(day(4, 30))[0].start, 450);
        assert_eq!(c.sessions_on(day(5, 1))[1].start, 810);
        // A child cannot change the days off.
        let err = CalendarConfig::from_yaml_over(
            "c.yaml",
            &format!("{CHILD}horizon: {{ from: 2000, to: 2001 }}\n"),
            Some(&parent),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("`horizon` cannot be set"), "{err}");
        // Seasons must cover the year once and keep the minutes of a day.
        let gap = CHILD.replace("\"10-01\"", "\"10-02\"");
        let err = CalendarConfig::from_yaml_over("c.yaml", &gap, Some(&parent))
            .unwrap_err()
            .to_string();
        assert!(err.contains("10-01 is in 0 periods"), "{err}");
        let short = CHILD.replace("\"17:30\"", "\"17:00\"");
        let err = CalendarConfig::from_yaml_over("c.yaml", &short, Some(&parent))
            .unwrap_err()
            .to_string();
        assert!(err.contains("same"), "{err}");
        assert!(CalendarConfig::from_yaml("c.yaml", CHILD).is_err());
    }
}
