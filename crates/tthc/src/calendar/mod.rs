//! Working calendars: which days are working days, the working hours, and a fast index
//! over working time.
//!
//! A calendar is described by a YAML file (`calendars/vn.yaml`) that names the ICS
//! files of the officially announced years. Years in the horizon that are not announced
//! are computed from the Labour Code and the Vietnamese lunar calendar and marked
//! provisional. Loading works from in-memory `(path, contents)` pairs, so this module
//! does no I/O: the `sources` module reads folders, `bundled` the embedded copy.

pub mod config;
pub mod error;
pub mod ics;
pub mod index;
pub mod lunar;
pub mod marks;
pub mod statutory;

pub use config::{
    BreakBoundary, CalendarConfig, CutoffReach, DueTimeConvention, Season, Session, UncertainDays,
    YearRange,
};
pub use error::{CalendarError, OutOfHorizon};
pub use index::{WorkMinute, WorkingTimeIndex};
pub use marks::{Confidence, DayKind, DayMark};

use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// The id of the default calendar.
pub const DEFAULT_CALENDAR: &str = "vn";

/// One loaded, indexed working calendar.
#[derive(Debug, Clone)]
pub struct WorkingCalendar {
    config: CalendarConfig,
    marks: Vec<DayMark>,
    index: WorkingTimeIndex,
}

impl WorkingCalendar {
    /// Builds a calendar from its description and the days read from its ICS files.
    /// `file` names the YAML file in errors.
    pub fn build(
        file: &str,
        config: CalendarConfig,
        announced: Vec<DayMark>,
    ) -> Result<WorkingCalendar, CalendarError> {
        let bad = |message: String| CalendarError::Config {
            file: file.to_owned(),
            message,
        };
        let mut by_date: BTreeMap<NaiveDate, DayMark> = BTreeMap::new();
        for mark in announced {
            let year = mark.date.year();
            if !config.announced.contains(year) {
                return Err(bad(format!(
                    "{} ({}) is in {year}, outside the announced years {}–{}",
                    mark.date, mark.name, config.announced.from, config.announced.to
                )));
            }
            let weekly = config.working_weekdays.contains(&mark.date.weekday());
            if mark.kind == DayKind::WorkingDay && weekly {
                return Err(bad(format!(
                    "{} ({}) is marked WORKING-DAY but is already a working weekday",
                    mark.date, mark.name
                )));
            }
            if mark.kind == DayKind::DayOff && !weekly {
                return Err(bad(format!(
                    "{} ({}) is marked DAY-OFF but is not a working weekday",
                    mark.date, mark.name
                )));
            }
            if let Some(other) = by_date.get(&mark.date) {
                return Err(bad(format!(
                    "{} is listed twice ({} and {})",
                    mark.date, other.name, mark.name
                )));
            }
            by_date.insert(mark.date, mark);
        }
        for year in config.announced.from..=config.announced.to {
            if !by_date.keys().any(|d| d.year() == year) {
                return Err(bad(format!(
                    "year {year} is announced but no ICS file has a day of it"
                )));
            }
        }
        for year in config.horizon.from..=config.horizon.to {
            if config.announced.contains(year) {
                continue;
            }
            let computed = statutory::days_off(year, &config.working_weekdays)
                .ok_or_else(|| bad(format!("cannot compute the holidays of {year}")))?;
            for mark in computed {
                by_date.insert(mark.date, mark);
            }
        }
        let first = NaiveDate::from_ymd_opt(config.horizon.from, 1, 1);
        let last = NaiveDate::from_ymd_opt(config.horizon.to, 12, 31);
        let (Some(first), Some(last)) = (first, last) else {
            return Err(bad("horizon years are not valid dates".into()));
        };
        let weekly = |d: NaiveDate| config.working_weekdays.contains(&d.weekday());
        let is_working: Vec<bool> = first
            .iter_days()
            .take_while(|d| *d <= last)
            .map(|d| match by_date.get(&d) {
                // A day whose legal basis is not confirmed follows the calendar's setting.
                Some(m)
                    if m.confidence == Confidence::Uncertain
                        && config.uncertain_days == UncertainDays::WorkingDay =>
                {
                    weekly(d)
                }
                Some(m) => m.kind == DayKind::WorkingDay,
                None => weekly(d),
            })
            .collect();
        // Season k of the description is session set k; without seasons, one set.
        let (sets, set_of_day): (Vec<Vec<Session>>, Vec<u8>) = if config.seasons.is_empty() {
            (vec![config.sessions.clone()], vec![0; is_working.len()])
        } else {
            let sets = config.seasons.iter().map(|s| s.sessions.clone()).collect();
            let of_day = first
                .iter_days()
                .take_while(|d| *d <= last)
                .map(|d| {
                    let md = (d.month(), d.day());
                    let k = config.seasons.iter().position(|s| s.contains(md));
                    k.and_then(|k| u8::try_from(k).ok()).unwrap_or(0)
                })
                .collect();
            (sets, of_day)
        };
        if sets.len() > usize::from(u8::MAX) {
            return Err(bad("too many periods of working hours (at most 255)".into()));
        }
        let index = WorkingTimeIndex::with_seasons(
            config.horizon,
            &is_working,
            &sets,
            &set_of_day,
            config.offset,
            config.break_boundary,
        )?;
        Ok(WorkingCalendar {
            marks: by_date.into_values().collect(),
            config,
            index,
        })
    }

    /// The calendar's description.
    pub fn config(&self) -> &CalendarConfig {
        &self.config
    }

    /// The working-time index.
    pub fn index(&self) -> &WorkingTimeIndex {
        &self.index
    }

    /// The exceptional days of `year`, announced or computed.
    pub fn marks_for_year(&self, year: i32) -> Result<&[DayMark], CalendarError> {
        if !self.config.horizon.contains(year) {
            return Err(CalendarError::OutOfHorizon {
                date: NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN),
                from: self.config.horizon.from,
                to: self.config.horizon.to,
            });
        }
        let lo = self.marks.partition_point(|m| m.date.year() < year);
        let hi = self.marks.partition_point(|m| m.date.year() <= year);
        Ok(&self.marks[lo..hi])
    }

    /// True when the days off of `date`'s year are computed rather than announced.
    pub fn is_provisional(&self, date: NaiveDate) -> bool {
        !self.config.announced.contains(date.year())
    }

    /// The days of uncertain legal basis from `from` to `to`, both included, in order,
    /// that could change a result in that span: only those that fall on a working weekday.
    /// One on a weekend (24/11/2029 is a Saturday) is not a working day either way, so
    /// it changes nothing and is not listed.
    pub fn uncertain_days(&self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let lo = self.marks.partition_point(|m| m.date < from);
        self.marks[lo..]
            .iter()
            .take_while(|m| m.date <= to)
            .filter(|m| m.confidence == Confidence::Uncertain && self.could_change_a_result(m.date))
            .map(|m| m.date)
            .collect()
    }

    /// Whether a day of uncertain legal basis could change a result: it falls on a
    /// weekday the calendar works, so counting it off or worked moves a count.
    pub fn could_change_a_result(&self, date: NaiveDate) -> bool {
        use chrono::Datelike;
        self.config.working_weekdays.contains(&date.weekday())
    }

    /// The announced days (those read from the ICS files), which a calendar that
    /// `extends` this one inherits.
    pub fn announced_marks(&self) -> Vec<DayMark> {
        self.marks
            .iter()
            .filter(|m| !m.provisional)
            .cloned()
            .collect()
    }
}

/// Every loaded calendar, by id.
#[derive(Debug, Clone, Default)]
pub struct Calendars {
    by_id: BTreeMap<String, WorkingCalendar>,
}

impl Calendars {
    /// Loads every `*.yaml` calendar among `files` (`(path, contents)` pairs, e.g. the
    /// embedded `calendars/` folder). ICS files are looked up by name beside their YAML
    /// file; other files (README, SOURCES) are ignored. A calendar that says `extends: ID`
    /// is built over the calendar `ID` of the same files.
    pub fn load_from_files<P: AsRef<str>, C: AsRef<str>>(
        files: &[(P, C)],
    ) -> Result<Calendars, CalendarError> {
        Calendars::load_from_files_over(files, None)
    }

    /// [`Calendars::load_from_files`], where a calendar may also extend a calendar of
    /// `base` (e.g. a provincial folder's `an-giang.yaml` extending the bundled `vn`).
    /// Only the calendars of `files` are returned.
    pub fn load_from_files_over<P: AsRef<str>, C: AsRef<str>>(
        files: &[(P, C)],
        base: Option<&Calendars>,
    ) -> Result<Calendars, CalendarError> {
        let mut by_id = BTreeMap::new();
        let mut children = Vec::new();
        for (path, text) in files {
            let path = path.as_ref();
            if !(path.ends_with(".yaml") || path.ends_with(".yml")) {
                continue;
            }
            if CalendarConfig::extends_of(path, text.as_ref())?.is_some() {
                children.push((path, text.as_ref()));
                continue;
            }
            let config = CalendarConfig::from_yaml(path, text.as_ref())?;
            let folder = parent(path);
            let mut announced = Vec::new();
            for name in &config.ics_files {
                let wanted = join(&folder, name);
                let (ics_path, ics_text) = files
                    .iter()
                    .map(|(p, c)| (p.as_ref(), c.as_ref()))
                    .find(|(p, _)| normalise(p) == wanted)
                    .ok_or_else(|| CalendarError::MissingFile {
                        calendar: config.id.clone(),
                        file: wanted.clone(),
                    })?;
                announced.extend(ics::read_marks(ics_path, ics_text)?);
            }
            let id = config.id.clone();
            let calendar = WorkingCalendar::build(path, config, announced)?;
            if by_id.insert(id.clone(), calendar).is_some() {
                return Err(CalendarError::DuplicateId(id));
            }
        }
        // Children whose parent is loaded, until none is left (chains are allowed; a
        // cycle or a missing parent leaves some, which is an error).
        while !children.is_empty() {
            let before = children.len();
            let mut waiting = Vec::new();
            for (path, text) in children {
                let parent_id = CalendarConfig::extends_of(path, text)?.unwrap_or_default();
                let found = by_id
                    .get(&parent_id)
                    .or_else(|| base.and_then(|b| b.by_id.get(&parent_id)));
                let Some(parent) = found else {
                    waiting.push((path, text));
                    continue;
                };
                let config = CalendarConfig::from_yaml_over(path, text, Some(parent.config()))?;
                let announced = parent.announced_marks();
                let id = config.id.clone();
                let calendar = WorkingCalendar::build(path, config, announced)?;
                if by_id.insert(id.clone(), calendar).is_some() {
                    return Err(CalendarError::DuplicateId(id));
                }
            }
            if waiting.len() == before {
                let (path, text) = waiting[0];
                // Reports the missing parent with the file's name.
                CalendarConfig::from_yaml(path, text)?;
            }
            children = waiting;
        }
        Ok(Calendars { by_id })
    }

    /// True when some calendar among `files` extends a calendar that is not among them.
    pub fn needs_base<P: AsRef<str>, C: AsRef<str>>(files: &[(P, C)]) -> bool {
        let yaml = files.iter().filter(|(p, _)| {
            let p = p.as_ref();
            p.ends_with(".yaml") || p.ends_with(".yml")
        });
        let mut ids = Vec::new();
        let mut parents = Vec::new();
        for (p, t) in yaml {
            if let Ok(Some(id)) = CalendarConfig::extends_of(p.as_ref(), t.as_ref()) {
                parents.push(id);
            }
            if let Ok(id) = CalendarConfig::id_of(p.as_ref(), t.as_ref()) {
                ids.push(id);
            }
        }
        parents.iter().any(|p| !ids.contains(p))
    }

    /// The calendar with this id.
    pub fn get(&self, id: &str) -> Result<&WorkingCalendar, CalendarError> {
        self.by_id
            .get(id)
            .ok_or_else(|| CalendarError::UnknownCalendar(id.to_owned()))
    }

    /// The ids of all loaded calendars.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.by_id.keys().map(String::as_str)
    }
}

fn normalise(path: &str) -> String {
    path.replace('\\', "/").trim_start_matches("./").to_owned()
}

fn parent(path: &str) -> String {
    let p = normalise(path);
    match p.rsplit_once('/') {
        Some((dir, _)) => dir.to_owned(),
        None => String::new(),
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        normalise(name)
    } else {
        format!("{dir}/{}", normalise(name))
    }
}
