//! The working-time index: constant-time conversion between instants and a running
//! count of working minutes.
//!
//! Every day of the horizon gets the number of working days before it (a prefix sum),
//! and every working day gets its position in a dense list. Because all working days
//! have the same number of working minutes (their hours may differ by season, their
//! length may not), "working minutes elapsed at an instant" is
//! `working_days_before(day) × minutes_per_day + minutes worked so far that day`, and
//! the inverse is one division and one array lookup. Queries never walk days.

use super::config::{BreakBoundary, Session, YearRange};
use super::error::{CalendarError, OutOfHorizon};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// The date `off` days after `first`. Offsets come from `working` or `before`, which
/// only cover days inside the horizon, so the date exists; the fallback is unreachable.
fn date_from(first: NaiveDate, off: u32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(first.num_days_from_ce() + off as i32).unwrap_or(first)
}

/// `NaiveDate::num_days_from_ce` of 1970-01-01.
const UNIX_EPOCH_FROM_CE: i32 = 719_163;

/// Days since 1970-01-01 of a date.
pub fn epoch_day(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce() - UNIX_EPOCH_FROM_CE)
}

/// The date `day` days after 1970-01-01 (`NaiveDate::MIN`/`MAX` beyond chrono's range).
pub fn date_of_epoch(day: i64) -> NaiveDate {
    i32::try_from(day + i64::from(UNIX_EPOCH_FROM_CE))
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or(if day < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
}

/// Working minutes counted from the opening of the first working day of the horizon.
pub type WorkMinute = i64;

/// The sessions of a working day, with the minutes worked before each.
#[derive(Debug, Clone)]
struct SessionSet {
    sessions: Vec<Session>,
    /// Minutes worked in the sessions before session `i`.
    session_before: Vec<u32>,
}

/// Prefix sums of working days over a calendar's horizon.
#[derive(Debug, Clone)]
pub struct WorkingTimeIndex {
    first_day: NaiveDate,
    first_day_num: i32,
    /// `first_day` in days since 1970-01-01.
    first_epoch: i64,
    /// `before[i]` = number of working days among the first `i` days of the horizon.
    before: Vec<u32>,
    /// Day offsets (from `first_day`) of the working days, ascending.
    working: Vec<u32>,
    /// The same days as dates: turning an offset into a date costs more than the rest
    /// of a query, so it is done once here.
    working_dates: Vec<NaiveDate>,
    /// The session sets (one per season; one in a calendar without seasons).
    sets: Vec<SessionSet>,
    /// `set_of_day[i]` = the session set of day `first_day + i`.
    set_of_day: Vec<u8>,
    per_day: u32,
    offset: FixedOffset,
    boundary: BreakBoundary,
    horizon: YearRange,
}

impl WorkingTimeIndex {
    /// Builds the index from a per-day flag, `is_working[i]` for day `first_day + i`,
    /// with the same sessions every day.
    pub fn new(
        horizon: YearRange,
        is_working: &[bool],
        sessions: &[Session],
        offset: FixedOffset,
        boundary: BreakBoundary,
    ) -> Result<WorkingTimeIndex, CalendarError> {
        let one = vec![0u8; is_working.len()];
        WorkingTimeIndex::with_seasons(
            horizon,
            is_working,
            &[sessions.to_vec()],
            &one,
            offset,
            boundary,
        )
    }

    /// Builds the index with hours that vary by day: day `first_day + i` works the
    /// sessions `session_sets[set_of_day[i]]`. Every set must have the same working
    /// minutes.
    pub fn with_seasons(
        horizon: YearRange,
        is_working: &[bool],
        session_sets: &[Vec<Session>],
        set_of_day: &[u8],
        offset: FixedOffset,
        boundary: BreakBoundary,
    ) -> Result<WorkingTimeIndex, CalendarError> {
        let first_day =
            NaiveDate::from_ymd_opt(horizon.from, 1, 1).ok_or(CalendarError::OutOfHorizon {
                date: NaiveDate::MIN,
                from: horizon.from,
                to: horizon.to,
            })?;
        let bad = |message: &str| CalendarError::Config {
            file: "(working-time index)".into(),
            message: message.into(),
        };
        if is_working.is_empty() {
            return Err(bad("the horizon has no days"));
        }
        if set_of_day.len() != is_working.len()
            || set_of_day
                .iter()
                .any(|&k| usize::from(k) >= session_sets.len())
        {
            return Err(bad("every day needs a set of sessions"));
        }
        let mut sets = Vec::with_capacity(session_sets.len());
        let mut per_day = None;
        for sessions in session_sets {
            let ordered = sessions.windows(2).all(|w| w[0].end <= w[1].start);
            if sessions.is_empty()
                || !ordered
                || sessions.iter().any(|s| s.end <= s.start || s.end > 24 * 60)
            {
                return Err(bad(
                    "sessions must be non-empty, ordered, non-overlapping spans within a day",
                ));
            }
            let mut session_before = Vec::with_capacity(sessions.len());
            let mut total = 0;
            for s in sessions {
                session_before.push(total);
                total += s.end - s.start;
            }
            if per_day.is_some_and(|p| p != total) {
                return Err(bad(
                    "every set of sessions must have the same working minutes",
                ));
            }
            per_day = Some(total);
            sets.push(SessionSet {
                sessions: sessions.clone(),
                session_before,
            });
        }
        let Some(per_day) = per_day else {
            return Err(bad("no sessions"));
        };
        let mut before = Vec::with_capacity(is_working.len() + 1);
        let mut working = Vec::new();
        before.push(0);
        for (i, &w) in is_working.iter().enumerate() {
            if w {
                working.push(i as u32);
            }
            before.push(working.len() as u32);
        }
        Ok(WorkingTimeIndex {
            first_day,
            first_day_num: first_day.num_days_from_ce(),
            first_epoch: epoch_day(first_day),
            before,
            working_dates: working
                .iter()
                .map(|&off| date_from(first_day, off))
                .collect(),
            working,
            sets,
            set_of_day: set_of_day.to_vec(),
            per_day,
            offset,
            boundary,
            horizon,
        })
    }

    /// The sessions of day number `off` (from the first day of the horizon).
    fn set(&self, off: usize) -> &SessionSet {
        let k = self.set_of_day.get(off).copied().unwrap_or(0);
        &self.sets[usize::from(k)]
    }

    /// The sessions of the working day `date` (its season's hours).
    pub fn sessions_on(&self, date: NaiveDate) -> Result<&[Session], OutOfHorizon> {
        let i = self.day_offset(date)?;
        Ok(&self.set(i).sessions)
    }

    /// Working minutes in one working day.
    pub fn minutes_per_day(&self) -> i64 {
        i64::from(self.per_day)
    }

    /// The calendar's fixed UTC offset.
    pub fn offset(&self) -> FixedOffset {
        self.offset
    }

    fn out_of_horizon(&self, date: NaiveDate) -> OutOfHorizon {
        OutOfHorizon {
            date,
            from: self.horizon.from,
            to: self.horizon.to,
        }
    }

    fn day_offset(&self, date: NaiveDate) -> Result<usize, OutOfHorizon> {
        let off = date.num_days_from_ce() - self.first_day_num;
        if off < 0 || off as usize >= self.before.len() - 1 {
            return Err(self.out_of_horizon(date));
        }
        Ok(off as usize)
    }

    fn date_of(&self, off: u32) -> NaiveDate {
        // Offsets come from `working` or `before`, which only cover days inside the
        // horizon, so the date exists; the fallback is unreachable.
        NaiveDate::from_num_days_from_ce_opt(self.first_day_num + off as i32)
            .unwrap_or(self.first_day)
    }

    /// True when `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, OutOfHorizon> {
        let i = self.day_offset(date)?;
        Ok(self.before[i + 1] > self.before[i])
    }

    /// Minutes worked on working day number `off` by local minute-of-day `m` (0..=1440).
    fn worked_by(&self, off: usize, m: u32) -> u32 {
        self.set(off)
            .sessions
            .iter()
            .map(|s| m.clamp(s.start, s.end) - s.start)
            .sum()
    }

    /// Local date and minute of day of an instant, rounded up to a whole minute so that a
    /// receipt at 11:04:30 is never given more time than one at 11:05.
    fn local_minute(&self, t: DateTime<FixedOffset>) -> (NaiveDate, u32) {
        let local = t.with_timezone(&self.offset).naive_local();
        let mut m = local.hour() * 60 + local.minute();
        if local.second() > 0 || local.nanosecond() > 0 {
            m += 1;
        }
        (local.date(), m)
    }

    /// Working minutes elapsed at instant `t`.
    pub fn at(&self, t: DateTime<FixedOffset>) -> Result<WorkMinute, OutOfHorizon> {
        let (date, m) = self.local_minute(t);
        self.at_local(epoch_day(date), m)
    }

    /// Working minutes elapsed at the start of `date` (before its opening).
    pub fn at_start_of(&self, date: NaiveDate) -> Result<WorkMinute, OutOfHorizon> {
        self.at_start_of_epoch_day(epoch_day(date))
    }

    /// The position of day `day` (days since 1970-01-01) in the horizon.
    fn epoch_offset(&self, day: i64) -> Result<usize, OutOfHorizon> {
        let off = day - self.first_epoch;
        if off < 0 || off >= (self.before.len() - 1) as i64 {
            return Err(self.out_of_horizon(date_of_epoch(day)));
        }
        Ok(off as usize)
    }

    /// Whether day `day` (days since 1970-01-01, local) is a working day: the integer form
    /// of [`WorkingTimeIndex::is_working_day`] for bulk use ([`crate::deadline::bulk`]).
    pub fn is_working_epoch_day(&self, day: i64) -> Result<bool, OutOfHorizon> {
        let i = self.epoch_offset(day)?;
        Ok(self.before[i + 1] > self.before[i])
    }

    /// Working minutes elapsed at local minute `minute` (0..=1440) of day `day` (days
    /// since 1970-01-01): the integer form of [`WorkingTimeIndex::at`], which calls it.
    pub fn at_local(&self, day: i64, minute: u32) -> Result<WorkMinute, OutOfHorizon> {
        let i = self.epoch_offset(day)?;
        let days = i64::from(self.before[i]);
        let today = if self.before[i + 1] > self.before[i] {
            self.worked_by(i, minute)
        } else {
            0
        };
        Ok(days * self.minutes_per_day() + i64::from(today))
    }

    /// Working minutes elapsed at the start of day `day` (days since 1970-01-01).
    pub fn at_start_of_epoch_day(&self, day: i64) -> Result<WorkMinute, OutOfHorizon> {
        let i = self.epoch_offset(day)?;
        Ok(i64::from(self.before[i]) * self.minutes_per_day())
    }

    /// [`WorkingTimeIndex::start_instant`] as a local day (since 1970-01-01) and minute.
    pub fn start_local(&self, w: WorkMinute) -> Result<(i64, u32), OutOfHorizon> {
        let (_, off, minute) = self.start_parts(w)?;
        Ok((self.first_epoch + i64::from(off), minute))
    }

    /// [`WorkingTimeIndex::end_instant`] as a local day (since 1970-01-01) and minute.
    pub fn end_local(&self, w: WorkMinute) -> Result<(i64, u32), OutOfHorizon> {
        let (_, off, minute) = self.end_parts(w)?;
        Ok((self.first_epoch + i64::from(off), minute))
    }

    /// The working day number, its day offset and the minute of [`Self::start_local`].
    fn start_parts(&self, w: WorkMinute) -> Result<(i64, u32, u32), OutOfHorizon> {
        let per_day = self.minutes_per_day();
        let k = w.div_euclid(per_day);
        let off = self.working_day(k)?;
        let set = self.set(off as usize);
        let r = w.rem_euclid(per_day) as u32;
        let minute = set
            .sessions
            .iter()
            .zip(&set.session_before)
            .find(|(s, b)| r < **b + (s.end - s.start))
            .map_or(set.sessions[0].start, |(s, b)| s.start + (r - b));
        Ok((k, off, minute))
    }

    /// The working day number, its day offset and the minute of [`Self::end_local`].
    fn end_parts(&self, w: WorkMinute) -> Result<(i64, u32, u32), OutOfHorizon> {
        if w <= 0 {
            return self.start_parts(0);
        }
        let per_day = self.minutes_per_day();
        let k = (w - 1).div_euclid(per_day);
        let off = self.working_day(k)?;
        let set = self.set(off as usize);
        let r = (w - k * per_day) as u32;
        let last = set.sessions.len() - 1;
        let mut minute = set.sessions[last].end;
        for (i, (s, b)) in set.sessions.iter().zip(&set.session_before).enumerate() {
            let len = s.end - s.start;
            if r <= b + len {
                minute = if r == b + len && i < last && self.boundary == BreakBoundary::AfterBreak {
                    set.sessions[i + 1].start
                } else {
                    s.start + (r - b)
                };
                break;
            }
        }
        Ok((k, off, minute))
    }

    /// The closing minute of day `day` (days since 1970-01-01): the integer form of
    /// [`WorkingTimeIndex::close_of`].
    pub fn close_minute(&self, day: i64) -> Result<u32, OutOfHorizon> {
        let i = self.epoch_offset(day)?;
        let set = self.set(i);
        Ok(set.sessions[set.sessions.len() - 1].end)
    }

    fn instant(&self, date: NaiveDate, minute: u32) -> Result<DateTime<FixedOffset>, OutOfHorizon> {
        // Local wall time to UTC by hand: with the date already known this is a few
        // integer operations, cheaper than chrono's general offset arithmetic.
        let secs = i64::from(minute) * 60 - i64::from(self.offset.local_minus_utc());
        let (day_shift, secs) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
        let utc_date = match day_shift {
            0 => Some(date),
            -1 => date.pred_opt(),
            1 => date.succ_opt(),
            _ => None,
        };
        let time = NaiveTime::from_num_seconds_from_midnight_opt(secs as u32, 0);
        match (utc_date, time) {
            (Some(d), Some(t)) => Ok(DateTime::from_naive_utc_and_offset(
                NaiveDateTime::new(d, t),
                self.offset,
            )),
            _ => Err(self.out_of_horizon(date)),
        }
    }

    fn working_date(&self, k: i64) -> Result<NaiveDate, OutOfHorizon> {
        usize::try_from(k)
            .ok()
            .and_then(|k| self.working_dates.get(k).copied())
            .ok_or_else(|| self.beyond(k))
    }

    fn working_day(&self, k: i64) -> Result<u32, OutOfHorizon> {
        usize::try_from(k)
            .ok()
            .and_then(|k| self.working.get(k).copied())
            .ok_or_else(|| self.beyond(k))
    }

    /// The error for working day number `k` when it is not in the horizon: it names the
    /// first day the count would need and the calendar does not have (1 January after
    /// the last year), not the day the count started from, which was in range.
    fn beyond(&self, k: i64) -> OutOfHorizon {
        let last = self.date_of(self.before.len() as u32 - 2);
        let needed = if k < 0 {
            self.first_day.pred_opt()
        } else {
            last.succ_opt()
        };
        self.out_of_horizon(needed.unwrap_or(last))
    }

    /// The first moment at which work number `w` can happen: a count that stands at the
    /// end of a session resumes at the opening of the next one.
    pub fn start_instant(&self, w: WorkMinute) -> Result<DateTime<FixedOffset>, OutOfHorizon> {
        let (k, _, minute) = self.start_parts(w)?;
        self.instant(self.working_date(k)?, minute)
    }

    /// The earliest moment at which `w` working minutes have elapsed (a count ending with
    /// a day ends at that day's closing, not the next opening). At a break, the
    /// calendar's [`BreakBoundary`] decides between the start and the end of the break.
    pub fn end_instant(&self, w: WorkMinute) -> Result<DateTime<FixedOffset>, OutOfHorizon> {
        let (k, _, minute) = self.end_parts(w)?;
        self.instant(self.working_date(k)?, minute)
    }

    /// The closing instant of the working day `date`.
    pub fn close_of(&self, date: NaiveDate) -> Result<DateTime<FixedOffset>, OutOfHorizon> {
        let minute = self.close_minute(epoch_day(date))?;
        self.instant(date, minute)
    }

    /// The local date of an instant.
    pub fn local_date(&self, t: DateTime<FixedOffset>) -> NaiveDate {
        t.with_timezone(&self.offset).date_naive()
    }

    /// Adds `minutes` working minutes to instant `t` (earliest instant they have elapsed).
    /// Minutes count only inside working sessions of working days.
    ///
    /// ```
    /// use chrono::DateTime;
    /// let cals = tthc::bundled::calendars().unwrap();
    /// let index = cals.get("vn").unwrap().index();
    /// // Friday 11:00 + 60 working minutes: 30 before lunch, 30 after (13:00–13:30).
    /// let t = DateTime::parse_from_rfc3339("2025-03-07T11:00:00+07:00").unwrap();
    /// let later = index.add_minutes(t, 60).unwrap();
    /// assert_eq!(later.to_rfc3339(), "2025-03-07T13:30:00+07:00");
    /// // Friday 16:00 + 2 hours: one hour Friday, one Monday after the weekend.
    /// let t = DateTime::parse_from_rfc3339("2025-03-07T16:00:00+07:00").unwrap();
    /// assert_eq!(index.add_minutes(t, 120).unwrap().to_rfc3339(), "2025-03-10T08:30:00+07:00");
    /// ```
    pub fn add_minutes(
        &self,
        t: DateTime<FixedOffset>,
        minutes: i64,
    ) -> Result<DateTime<FixedOffset>, OutOfHorizon> {
        self.end_instant(self.at(t)? + minutes)
    }

    /// Working minutes from `a` to `b` (negative when `b` is earlier).
    pub fn minutes_between(
        &self,
        a: DateTime<FixedOffset>,
        b: DateTime<FixedOffset>,
    ) -> Result<i64, OutOfHorizon> {
        Ok(self.at(b)? - self.at(a)?)
    }

    /// [`WorkingTimeIndex::add_working_days`] on day numbers counted from 1970-01-01 (the
    /// representation of `numpy.datetime64[D]`), for bulk use without date conversions.
    pub fn add_working_days_epoch(&self, day: i32, n: i64) -> Result<i32, OutOfHorizon> {
        let off = day - self.first_day_num + UNIX_EPOCH_FROM_CE;
        let i = usize::try_from(off)
            .ok()
            .filter(|&i| i + 1 < self.before.len())
            .ok_or_else(|| self.out_of_horizon(self.epoch_date(day)))?;
        let k = i64::from(self.before[i]) + n;
        Ok(self.working_day(k)? as i32 + self.first_day_num - UNIX_EPOCH_FROM_CE)
    }

    /// [`WorkingTimeIndex::add_working_days_epoch`] over whole arrays, like
    /// `numpy.busday_offset` on arrays: `out[j]` = `days[j]` plus `offsets[j]` working days.
    /// Stops at the first pair outside the horizon and reports it.
    pub fn add_working_days_epoch_bulk(
        &self,
        days: &[i32],
        offsets: &[i64],
        out: &mut [i32],
    ) -> Result<(), OutOfHorizon> {
        let base = self.first_day_num - UNIX_EPOCH_FROM_CE;
        let before = &self.before[..self.before.len().saturating_sub(1)];
        for ((&day, &n), slot) in days.iter().zip(offsets).zip(out.iter_mut()) {
            // One branch-light pass: an index that falls outside either table is caught by
            // `get`, and the slow path builds the error only then.
            let found = usize::try_from(day - base)
                .ok()
                .and_then(|i| before.get(i))
                .and_then(|&b| usize::try_from(i64::from(b) + n).ok())
                .and_then(|k| self.working.get(k));
            match found {
                Some(&w) => *slot = w as i32 + base,
                None => return self.add_working_days_epoch(day, n).map(|_| ()),
            }
        }
        Ok(())
    }

    fn epoch_date(&self, day: i32) -> NaiveDate {
        day.checked_add(UNIX_EPOCH_FROM_CE)
            .and_then(NaiveDate::from_num_days_from_ce_opt)
            .unwrap_or(NaiveDate::MIN)
    }

    /// The working day `n` working days after `date`, the way `numpy.busday_offset(date,
    /// n, roll='forward')` counts: a non-working `date` first rolls forward to the next
    /// working day.
    pub fn add_working_days(&self, date: NaiveDate, n: i64) -> Result<NaiveDate, OutOfHorizon> {
        let i = self.day_offset(date)?;
        let k = i64::from(self.before[i]) + n;
        self.working_date(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weekdays_2025() -> WorkingTimeIndex {
        let first = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let flags: Vec<bool> = (0..365)
            .map(|i| {
                (first + chrono::Days::new(i))
                    .weekday()
                    .number_from_monday()
                    <= 5
            })
            .collect();
        let sessions = [
            Session {
                start: 450,
                end: 690,
            },
            Session {
                start: 780,
                end: 1020,
            },
        ];
        let range = YearRange {
            from: 2025,
            to: 2025,
        };
        let offset = FixedOffset::east_opt(7 * 3600).unwrap();
        WorkingTimeIndex::new(range, &flags, &sessions, offset, BreakBoundary::BeforeBreak).unwrap()
    }

    #[test]
    fn bulk_offsets_match_single_ones_and_report_the_horizon() {
        let idx = weekdays_2025();
        let epoch = |d: NaiveDate| d.num_days_from_ce() - UNIX_EPOCH_FROM_CE;
        let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let days: Vec<i32> = (0..300).map(|i| epoch(start) + i).collect();
        let offsets: Vec<i64> = (0..300).map(|i| i64::from(i % 40)).collect();
        let mut out = vec![0; 300];
        // Offsets reaching before the horizon's first working day fail in both forms.
        let singles: Vec<_> = days
            .iter()
            .zip(&offsets)
            .map(|(d, n)| idx.add_working_days_epoch(*d, *n))
            .collect();
        let first_err = singles.iter().position(Result::is_err);
        let bulk = idx.add_working_days_epoch_bulk(&days, &offsets, &mut out);
        match first_err {
            Some(j) => {
                assert_eq!(bulk, Err(singles[j].unwrap_err()));
                for (i, s) in singles[..j].iter().enumerate() {
                    assert_eq!(out[i], *s.as_ref().unwrap());
                }
            }
            None => {
                assert!(bulk.is_ok());
                for (i, s) in singles.iter().enumerate() {
                    assert_eq!(out[i], *s.as_ref().unwrap());
                }
            }
        }
        assert!(first_err.is_none(), "every pair above is inside 2025");
        let mut early = [0, 0];
        let before_start =
            idx.add_working_days_epoch_bulk(&[days[10], days[0]], &[1, -1], &mut early);
        assert!(before_start.is_err());
        assert_eq!(early[0], idx.add_working_days_epoch(days[10], 1).unwrap());
        let late = [epoch(NaiveDate::from_ymd_opt(2025, 12, 30).unwrap())];
        assert!(
            idx.add_working_days_epoch_bulk(&late, &[10], &mut [0])
                .is_err()
        );
        let ok = [epoch(NaiveDate::from_ymd_opt(2025, 3, 7).unwrap())];
        let mut one = [0];
        idx.add_working_days_epoch_bulk(&ok, &[1], &mut one)
            .unwrap();
        assert_eq!(one[0], epoch(NaiveDate::from_ymd_opt(2025, 3, 10).unwrap()));
    }

    #[test]
    fn epoch_and_date_offsets_agree() {
        let idx = weekdays_2025();
        let sat = NaiveDate::from_ymd_opt(2025, 3, 8).unwrap();
        // A Saturday rolls forward to Monday, then 5 working days → next Monday.
        assert_eq!(
            idx.add_working_days(sat, 5).unwrap(),
            NaiveDate::from_ymd_opt(2025, 3, 17).unwrap()
        );
        let epoch = sat.num_days_from_ce() - UNIX_EPOCH_FROM_CE;
        let got = idx.add_working_days_epoch(epoch, 5).unwrap();
        assert_eq!(
            got,
            NaiveDate::from_ymd_opt(2025, 3, 17)
                .unwrap()
                .num_days_from_ce()
                - UNIX_EPOCH_FROM_CE
        );
        assert!(idx.add_working_days(sat, 1000).is_err());
        assert!(idx.add_working_days_epoch(0, 1).is_err());
    }

    #[test]
    fn hours_can_change_with_the_season() {
        // Two sets of 8 hours: 07:30–11:30/13:00–17:00, and from 01/06/2025 (day 151)
        // 07:00–11:00/13:30–17:30. Friday 30/05 16:00 + 2 h: one hour Friday (to 17:00),
        // one hour on Monday 02/06 in summer hours: 07:00 + 1 h = 08:00.
        let first = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let flags: Vec<bool> = (0..365)
            .map(|i| {
                (first + chrono::Days::new(i))
                    .weekday()
                    .number_from_monday()
                    <= 5
            })
            .collect();
        let winter = vec![
            Session {
                start: 450,
                end: 690,
            },
            Session {
                start: 780,
                end: 1020,
            },
        ];
        let summer = vec![
            Session {
                start: 420,
                end: 660,
            },
            Session {
                start: 810,
                end: 1050,
            },
        ];
        let set_of_day: Vec<u8> = (0..365).map(|i| u8::from(i >= 151)).collect();
        let idx = WorkingTimeIndex::with_seasons(
            YearRange {
                from: 2025,
                to: 2025,
            },
            &flags,
            &[winter.clone(), summer],
            &set_of_day,
            FixedOffset::east_opt(7 * 3600).unwrap(),
            BreakBoundary::BeforeBreak,
        )
        .unwrap();
        let t = DateTime::parse_from_rfc3339("2025-05-30T16:00:00+07:00").unwrap();
        assert_eq!(
            idx.add_minutes(t, 120).unwrap().to_rfc3339(),
            "2025-06-02T08:00:00+07:00"
        );
        // Half a day from Monday 02/06 07:00 ends at the summer break, 11:00.
        let t = DateTime::parse_from_rfc3339("2025-06-02T07:00:00+07:00").unwrap();
        assert_eq!(
            idx.add_minutes(t, 240).unwrap().to_rfc3339(),
            "2025-06-02T11:00:00+07:00"
        );
        let close = idx
            .close_of(NaiveDate::from_ymd_opt(2025, 6, 2).unwrap())
            .unwrap();
        assert_eq!(close.to_rfc3339(), "2025-06-02T17:30:00+07:00");
        // Sets of different lengths are refused.
        let short = vec![Session {
            start: 420,
            end: 660,
        }];
        assert!(
            WorkingTimeIndex::with_seasons(
                YearRange {
                    from: 2025,
                    to: 2025
                },
                &flags,
                &[winter, short],
                &set_of_day,
                FixedOffset::east_opt(7 * 3600).unwrap(),
                BreakBoundary::BeforeBreak,
            )
            .is_err()
        );
    }

    #[test]
    fn instants_and_counts_round_trip() {
        let idx = weekdays_2025();
        let t = DateTime::parse_from_rfc3339("2025-03-04T11:04:00+07:00").unwrap();
        let w = idx.at(t).unwrap();
        assert_eq!(idx.end_instant(w).unwrap(), t);
        let close = DateTime::parse_from_rfc3339("2025-03-04T17:00:00+07:00").unwrap();
        let next_open = DateTime::parse_from_rfc3339("2025-03-05T07:30:00+07:00").unwrap();
        let w = idx.at(close).unwrap();
        assert_eq!(idx.end_instant(w).unwrap(), close);
        assert_eq!(idx.start_instant(w).unwrap(), next_open);
        // Seconds round up to the next whole minute.
        let t = DateTime::parse_from_rfc3339("2025-03-04T11:04:30+07:00").unwrap();
        assert_eq!(
            idx.at(t).unwrap(),
            idx.at(t + chrono::Duration::seconds(30)).unwrap()
        );
    }
}
