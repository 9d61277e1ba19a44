//! Due times, statuses and working minutes of many cases at once, over plain columns.
//!
//! [`compute_due`](super::compute_due) and the status functions take one case as
//! `chrono` values; a report or a data frame has millions, as columns of integers. This
//! module answers a whole column in one call, with the same rules and the same results
//! (a property test compares them on random cases, with cutoffs, lunch breaks,
//! holidays, restarts and pauses), and no allocation per case:
//!
//! - **Instants** are `i64` counts of a [`Unit`] since 1970-01-01T00:00:00Z, as Arrow's
//!   `timestamp` columns and numpy's `datetime64` hold them; [`NULL`] (`i64::MIN`, numpy's
//!   `NaT`) is a missing value. Fractions of a second count as the engine counts them: a
//!   receipt at 15:00:00.500 is after a 15:00 cutoff, a count starts at the next whole
//!   minute, a completion at 17:00:00.400 is after a 17:00 due time.
//! - **Plans** are resolved once per distinct procedure version and case
//!   ([`Engine::compile`]); each case names its plan by its position in a slice of
//!   [`CompiledPlan`]s (`u32::MAX` for none: that row gets [`Problem::NoPlan`]).
//! - **Pauses** are a list per case, as an Arrow `list<struct<from, to>>` column stores
//!   them: [`Pauses`] holds the offsets and the two child columns.
//! - **Results** go to slices the caller owns: the due instant (same unit), the status
//!   (a [`Status`] as [`status_code`]), the working minutes left or over, and a
//!   [`Problem`] code per row; a row that cannot be computed gets [`NULL`] and its
//!   problem, and the other rows are unaffected.
//!
//! ```
//! use tthc::deadline::{Plan, Status, bulk};
//! use tthc::days::Days;
//! let cals = tthc::bundled::calendars().unwrap();
//! let vn = cals.get("vn").unwrap();
//! let engine = bulk::Engine::new(vn, bulk::Unit::Millis);
//! // One plan: 3 working days.
//! let plans = [engine.compile(&Plan::days(Days::whole(3)))];
//! let ms = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp_millis();
//! let received = [ms("2025-03-03T10:00:00+07:00"), ms("2025-03-07T15:00:00.500+07:00"), bulk::NULL];
//! let completed = [ms("2025-03-05T16:00:00+07:00"), bulk::NULL, bulk::NULL];
//! let cases = bulk::Cases {
//!     plan: &[0, 0, 0],
//!     received: &received,
//!     restarted: None,
//!     pauses: None,
//!     completed: Some(&completed),
//! };
//! let (mut due, mut status, mut minutes, mut problem) = ([0; 3], [0; 3], [0; 3], [0; 3]);
//! let mut out = bulk::Out {
//!     due: &mut due,
//!     problem: &mut problem,
//!     status: Some(&mut status),
//!     minutes: Some(&mut minutes),
//! };
//! let at = bulk::At::Same(ms("2025-03-12T08:00:00+07:00"));
//! let bad = engine.run(&plans, &cases, at, -1, &mut out);
//! // Monday 10:00 + 3 days: Thursday 10:00; finished Wednesday, a day before: early.
//! assert_eq!(due[0], ms("2025-03-06T10:00:00+07:00"));
//! assert_eq!(bulk::status_of(status[0]), Some(Status::Early));
//! // Half a second after the 15:00 cutoff on a Friday: the count starts on Monday.
//! // Half a second after the 15:00 cutoff on a Friday: the count starts on Monday 07:30,
//! // and 3 × 480 working minutes end on Wednesday at 17:00.
//! assert_eq!(due[1], ms("2025-03-12T17:00:00+07:00"));
//! assert_eq!(bulk::status_of(status[1]), Some(Status::NotDue));
//! // No receipt: null and a reason.
//! assert_eq!((due[2], bulk::Problem::from_code(problem[2]).code()), (bulk::NULL, "missing_receipt"));
//! assert_eq!(bad, 1);
//! ```

use super::error::DeadlineError;
use super::plan::{Allotment, Plan};
use super::status::Status;
use crate::calendar::{
    DueTimeConvention, OutOfHorizon, WorkMinute, WorkingCalendar, WorkingTimeIndex,
};
use chrono::Timelike;

/// A missing instant: `i64::MIN`, which is also numpy's `NaT`.
pub const NULL: i64 = i64::MIN;

/// The plan of a row that has none (its procedure or case did not resolve).
pub const NO_PLAN: u32 = u32::MAX;

/// The unit of the instants of a call: what one step of the `i64` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Seconds.
    Seconds,
    /// Milliseconds.
    Millis,
    /// Microseconds.
    Micros,
    /// Nanoseconds.
    Nanos,
}

impl Unit {
    /// Steps in one second.
    pub fn per_second(self) -> i64 {
        match self {
            Unit::Seconds => 1,
            Unit::Millis => 1_000,
            Unit::Micros => 1_000_000,
            Unit::Nanos => 1_000_000_000,
        }
    }
}

/// Why a row has no result. The codes are the engine's ([`DeadlineError::code`]) plus
/// the three that only columns can have (no plan, no receipt, a pause with no end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Problem {
    /// The row was computed.
    None = 0,
    /// The row's plan is [`NO_PLAN`] or outside the plans given.
    NoPlan = 1,
    /// The receipt is [`NULL`].
    MissingReceipt = 2,
    /// A date involved is outside the calendar's years ([`DeadlineError::OutOfHorizon`]).
    OutOfRange = 3,
    /// [`DeadlineError::RestartBeforeReceipt`].
    RestartBeforeReceipt = 4,
    /// [`DeadlineError::BackwardsPause`].
    PauseRunsBackwards = 5,
    /// [`DeadlineError::OverlappingPauses`].
    PausesOverlap = 6,
    /// [`DeadlineError::PauseBeforeClockStart`].
    PauseBeforeReceipt = 7,
    /// [`DeadlineError::BeforeReceipt`]: the moment looked at is before the receipt.
    BeforeReceipt = 8,
    /// [`DeadlineError::CompletedBeforeReceipt`].
    CompletionBeforeReceipt = 9,
    /// [`DeadlineError::AllotmentTooLarge`].
    AllotmentTooLarge = 10,
    /// A pause has no end (the clock is still stopped), so there is no due time yet.
    PauseOpen = 11,
}

impl Problem {
    const ALL: [Problem; 12] = [
        Problem::None,
        Problem::NoPlan,
        Problem::MissingReceipt,
        Problem::OutOfRange,
        Problem::RestartBeforeReceipt,
        Problem::PauseRunsBackwards,
        Problem::PausesOverlap,
        Problem::PauseBeforeReceipt,
        Problem::BeforeReceipt,
        Problem::CompletionBeforeReceipt,
        Problem::AllotmentTooLarge,
        Problem::PauseOpen,
    ];

    /// The problem of a code written by [`Engine::run`] (an unknown code reads as `None`).
    pub fn from_code(code: u8) -> Problem {
        Problem::ALL
            .get(usize::from(code))
            .copied()
            .unwrap_or(Problem::None)
    }

    /// The stable name: the engine's error code, or `no_plan`, `missing_receipt`,
    /// `pause_open`; `""` for [`Problem::None`].
    pub fn code(self) -> &'static str {
        match self {
            Problem::None => "",
            Problem::NoPlan => "no_plan",
            Problem::MissingReceipt => "missing_receipt",
            Problem::OutOfRange => "out_of_range",
            Problem::RestartBeforeReceipt => "restart_before_receipt",
            Problem::PauseRunsBackwards => "pause_runs_backwards",
            Problem::PausesOverlap => "pauses_overlap",
            Problem::PauseBeforeReceipt => "pause_before_receipt",
            Problem::BeforeReceipt => "before_receipt",
            Problem::CompletionBeforeReceipt => "completion_before_receipt",
            Problem::AllotmentTooLarge => "allotment_too_large",
            Problem::PauseOpen => "pause_open",
        }
    }

    /// The problem of an engine error.
    pub fn of(e: &DeadlineError) -> Problem {
        match e {
            DeadlineError::OutOfHorizon(_) => Problem::OutOfRange,
            DeadlineError::BackwardsPause { .. } => Problem::PauseRunsBackwards,
            DeadlineError::OverlappingPauses { .. } => Problem::PausesOverlap,
            DeadlineError::PauseBeforeClockStart { .. } => Problem::PauseBeforeReceipt,
            DeadlineError::RestartBeforeReceipt => Problem::RestartBeforeReceipt,
            DeadlineError::BeforeReceipt { .. } => Problem::BeforeReceipt,
            DeadlineError::CompletedBeforeReceipt { .. } => Problem::CompletionBeforeReceipt,
            DeadlineError::AllotmentTooLarge => Problem::AllotmentTooLarge,
        }
    }
}

impl From<OutOfHorizon> for Problem {
    fn from(_: OutOfHorizon) -> Problem {
        Problem::OutOfRange
    }
}

/// The code [`Engine::run`] writes for a status: 0 none (the row has a problem, or no
/// status was asked for), then `not_due`, `due_soon`, `overdue`, `early`, `on_time`,
/// `late` as 1 to 6.
pub fn status_code(s: Status) -> u8 {
    match s {
        Status::NotDue => 1,
        Status::DueSoon => 2,
        Status::Overdue => 3,
        Status::Early => 4,
        Status::OnTime => 5,
        Status::Late => 6,
    }
}

/// The status of a code written by [`Engine::run`].
pub fn status_of(code: u8) -> Option<Status> {
    Some(match code {
        1 => Status::NotDue,
        2 => Status::DueSoon,
        3 => Status::Overdue,
        4 => Status::Early,
        5 => Status::OnTime,
        6 => Status::Late,
        _ => return None,
    })
}

/// How the whole procedure's time is counted, in the calendar's working minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Total {
    SameDay,
    Minutes(i64),
    TooLarge,
}

/// A [`Plan`] made ready for bulk use on one calendar: its total in working minutes and
/// its effective cutoff. Build it with [`Engine::compile`], once per distinct plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompiledPlan {
    total: Total,
    /// The cutoff as (second of the day, nanosecond).
    cutoff: Option<(u32, u32)>,
    /// The largest cumulative step allotment the engine computes a step due time for
    /// (it fails where that time would be out of range), when larger than the total.
    steps: Total,
}

/// Where an open case is looked at.
#[derive(Debug, Clone, Copy)]
pub enum At<'a> {
    /// Nowhere: only due times (and completion statuses) are computed.
    None,
    /// One moment for every row (a report's as-of).
    Same(i64),
    /// A moment per row ([`NULL`]: none).
    Each(&'a [i64]),
}

/// The pauses of every case: those of case `i` are `from[offsets[i]..offsets[i + 1]]`
/// and the same range of `to`, the layout of an Arrow list column (`offsets` has one
/// more entry than there are cases). A [`NULL`] `to` is a pause still running.
#[derive(Debug, Clone, Copy)]
pub struct Pauses<'a> {
    /// Offsets into `from` and `to`.
    pub offsets: &'a [i32],
    /// When each pause starts.
    pub from: &'a [i64],
    /// When each pause ends.
    pub to: &'a [i64],
}

/// The cases of a call, as columns of the same length as `plan`.
#[derive(Debug, Clone, Copy)]
pub struct Cases<'a> {
    /// Each case's plan: a position in the plans given to [`Engine::run`].
    pub plan: &'a [u32],
    /// When the complete file was received.
    pub received: &'a [i64],
    /// When the count restarted (a supplemented file), or [`NULL`].
    pub restarted: Option<&'a [i64]>,
    /// The pauses of each case.
    pub pauses: Option<Pauses<'a>>,
    /// When the case was finished, or [`NULL`] for a case still open: a finished case
    /// gets early / on time / late, an open one its status at [`At`].
    pub completed: Option<&'a [i64]>,
}

/// Where the results go: slices as long as the cases.
#[derive(Debug)]
pub struct Out<'a> {
    /// The due instant, in the call's unit, or [`NULL`].
    pub due: &'a mut [i64],
    /// The [`Problem`] of each row, as `u8`.
    pub problem: &'a mut [u8],
    /// The status ([`status_code`]), when wanted.
    pub status: Option<&'a mut [u8]>,
    /// Working minutes left (or over, for overdue and late), when wanted; paused time
    /// is not counted. 0 where there is no status.
    pub minutes: Option<&'a mut [i64]>,
}

/// The bulk engine over one calendar and one unit of time.
#[derive(Debug, Clone)]
pub struct Engine<'c> {
    calendar: &'c WorkingCalendar,
    index: &'c WorkingTimeIndex,
    per_second: i64,
    /// The calendar's offset in seconds.
    offset: i64,
    per_day: i64,
    convention: DueTimeConvention,
}

/// Buffers reused from row to row, so no row allocates.
#[derive(Debug, Default)]
struct Scratch {
    sorted: Vec<(i64, i64)>,
    spans: Vec<(WorkMinute, WorkMinute)>,
}

/// A case's count, once computed: its clock start, its pauses, its due instant.
#[derive(Debug, Clone, Copy)]
struct Count {
    w0: WorkMinute,
    due: i64,
}

impl<'c> Engine<'c> {
    /// An engine over `calendar` (with its due-time convention) for instants in `unit`.
    pub fn new(calendar: &'c WorkingCalendar, unit: Unit) -> Engine<'c> {
        let index = calendar.index();
        Engine {
            calendar,
            index,
            per_second: unit.per_second(),
            offset: i64::from(index.offset().local_minus_utc()),
            per_day: index.minutes_per_day(),
            convention: calendar.config().due_time,
        }
    }

    /// The calendar.
    pub fn calendar(&self) -> &'c WorkingCalendar {
        self.calendar
    }

    /// `plan` ready for [`Engine::run`] on this engine's calendar.
    pub fn compile(&self, plan: &Plan) -> CompiledPlan {
        let minutes =
            |d| super::due::minutes_in(d, self.per_day).map_or(Total::TooLarge, Total::Minutes);
        let total = match plan.total {
            Allotment::SameDay => Total::SameDay,
            Allotment::Days(d) => minutes(d),
        };
        let (cutoff, _) =
            crate::model::effective_cutoff(plan.cutoff, self.calendar.config().cutoff);
        // The engine computes a due time for each step with its own time before the last
        // (unless no step has one); the largest decides whether one is out of range.
        let undivided = plan.steps.iter().all(|s| s.allotment.is_none());
        let mut steps = Total::SameDay;
        if let Allotment::Days(_) = plan.total
            && !undivided
        {
            let mut cumulative = crate::days::Days::ZERO;
            let last = plan.steps.len().saturating_sub(1);
            for (i, s) in plan.steps.iter().enumerate() {
                if i == last {
                    break;
                }
                if let Some(a) = s.allotment {
                    match cumulative.checked_add(a) {
                        Some(c) => {
                            cumulative = c;
                            steps = minutes(c);
                        }
                        None => {
                            steps = Total::TooLarge;
                            break;
                        }
                    }
                }
                if steps == Total::TooLarge {
                    break;
                }
            }
            // A step inside the total cannot be out of range when the total is not.
            if let (Total::Minutes(s), Total::Minutes(t)) = (steps, total)
                && s <= t
            {
                steps = Total::SameDay;
            }
        }
        CompiledPlan {
            total,
            cutoff: cutoff.map(|t| (t.num_seconds_from_midnight(), t.nanosecond())),
            steps,
        }
    }

    /// Local day (since 1970-01-01), second of the day, and nanoseconds of an instant.
    fn parts(&self, t: i64) -> (i64, u32, u32) {
        let secs = t.div_euclid(self.per_second);
        let frac = t.rem_euclid(self.per_second);
        let local = secs + self.offset;
        let nanos = frac * (1_000_000_000 / self.per_second);
        (
            local.div_euclid(86_400),
            local.rem_euclid(86_400) as u32,
            nanos as u32,
        )
    }

    /// Working minutes elapsed at `t` ([`WorkingTimeIndex::at`]: a part minute counts as
    /// the next whole one).
    fn at(&self, t: i64) -> Result<WorkMinute, Problem> {
        let (day, second, nanos) = self.parts(t);
        let minute = second / 60 + u32::from(second % 60 != 0 || nanos != 0);
        Ok(self.index.at_local(day, minute)?)
    }

    fn instant(&self, (day, minute): (i64, u32)) -> i64 {
        (day * 86_400 + i64::from(minute) * 60 - self.offset) * self.per_second
    }

    /// The closing instant of the day an instant given as (day, minute) falls on.
    fn close_of_day_of(&self, (day, minute): (i64, u32)) -> Result<i64, Problem> {
        // Minute 1440 is the next day's midnight.
        let day = day + i64::from(minute / 1440);
        let close = self.index.close_minute(day)?;
        Ok(self.instant((day, close)))
    }

    /// [`super::clock::clock_start`] in working minutes.
    fn clock_start(&self, receipt: i64, cutoff: Option<(u32, u32)>) -> Result<WorkMinute, Problem> {
        let (day, second, nanos) = self.parts(receipt);
        let minute = second / 60 + u32::from(second % 60 != 0 || nanos != 0);
        if !self.index.is_working_epoch_day(day)? {
            return Ok(self.index.at_local(day, minute)?);
        }
        if let Some(c) = cutoff
            && (second, nanos) > c
        {
            return Ok(self.index.at_start_of_epoch_day(day + 1)?);
        }
        Ok(self.index.at_local(day, minute)?)
    }

    /// [`super::clock::pause_spans`]: the pauses of row `i` as working-minute spans,
    /// written into `spans`.
    fn pause_spans(
        &self,
        pauses: Option<&Pauses<'_>>,
        i: usize,
        received: i64,
        receipt: i64,
        start: WorkMinute,
        scratch: &mut Scratch,
    ) -> Result<(), Problem> {
        let Scratch { sorted, spans } = scratch;
        sorted.clear();
        spans.clear();
        let Some(p) = pauses else {
            return Ok(());
        };
        let (Some(&a), Some(&b)) = (p.offsets.get(i), p.offsets.get(i + 1)) else {
            return Ok(());
        };
        let (a, b) = (a.max(0) as usize, b.max(0) as usize);
        if a >= b {
            return Ok(());
        }
        for k in a..b {
            let (from, to) = (
                p.from.get(k).copied().unwrap_or(NULL),
                p.to.get(k).copied().unwrap_or(NULL),
            );
            if from == NULL {
                continue;
            }
            if to == NULL {
                return Err(Problem::PauseOpen);
            }
            if to < from {
                return Err(Problem::PauseRunsBackwards);
            }
            sorted.push((from, to));
        }
        sorted.sort_by_key(|p| p.0);
        for pair in sorted.windows(2) {
            if pair[1].0 < pair[0].1 {
                return Err(Problem::PausesOverlap);
            }
        }
        for &(from, to) in sorted.iter() {
            if from < received {
                return Err(Problem::PauseBeforeReceipt);
            }
            if from < receipt {
                if to <= receipt {
                    continue;
                }
                return Err(Problem::PauseBeforeReceipt);
            }
            let (x, y) = (self.at(from)?.max(start), self.at(to)?.max(start));
            if y > x {
                spans.push((x, y));
            }
        }
        Ok(())
    }

    /// The due instant of one case: [`super::compute_due`] on columns.
    fn due(
        &self,
        plan: &CompiledPlan,
        received: i64,
        restarted: i64,
        pauses: Option<&Pauses<'_>>,
        i: usize,
        scratch: &mut Scratch,
    ) -> Result<Count, Problem> {
        let receipt = match restarted {
            NULL => received,
            r if r < received => return Err(Problem::RestartBeforeReceipt),
            r => r,
        };
        let w0 = self.clock_start(receipt, plan.cutoff)?;
        let started = self.index.start_local(w0)?;
        self.pause_spans(pauses, i, received, receipt, w0, scratch)?;
        let spans = &scratch.spans;
        let finish = |w: WorkMinute| -> Result<i64, Problem> {
            let t = if w <= w0 {
                started
            } else {
                self.index.end_local(super::clock::shift(w, spans))?
            };
            match self.convention {
                DueTimeConvention::KeepClockTime => Ok(self.instant(t)),
                DueTimeConvention::EndOfDay => self.close_of_day_of(t),
            }
        };
        let after = |m: i64| w0.checked_add(m).ok_or(Problem::AllotmentTooLarge);
        let due = match plan.total {
            Total::SameDay => {
                let close = (w0.div_euclid(self.per_day) + 1) * self.per_day;
                let t = self.index.end_local(super::clock::shift(close, spans))?;
                self.close_of_day_of(t)?
            }
            Total::Minutes(m) => finish(after(m)?)?,
            Total::TooLarge => return Err(Problem::AllotmentTooLarge),
        };
        match plan.steps {
            Total::Minutes(m) => {
                finish(after(m)?)?;
            }
            Total::TooLarge => return Err(Problem::AllotmentTooLarge),
            Total::SameDay => {}
        }
        Ok(Count { w0, due })
    }

    /// Working minutes between `at` and the due time, less paused time
    /// ([`super::status`]'s measure).
    fn minutes(
        &self,
        count: &Count,
        at: i64,
        spans: &[(WorkMinute, WorkMinute)],
    ) -> Result<i64, Problem> {
        let (w_at, w_due) = (self.at(at)?.max(count.w0), self.at(count.due)?);
        let (lo, hi) = if w_at <= w_due {
            (w_at, w_due)
        } else {
            (w_due, w_at)
        };
        Ok(hi - lo - super::clock::paused_within(lo, hi, spans))
    }

    fn local_day(&self, t: i64) -> i64 {
        self.parts(t).0
    }

    /// Computes every row of `cases`: the due time; with a completion, early / on time /
    /// late; without one and with a moment in `at`, not due / due soon / overdue
    /// (`due_soon_minutes` is the threshold in working minutes: a negative one never gives
    /// due soon). Writes the wanted outputs and returns how many rows have a problem.
    ///
    /// Panics if an output slice is shorter than `cases.plan`.
    pub fn run(
        &self,
        plans: &[CompiledPlan],
        cases: &Cases<'_>,
        at: At<'_>,
        due_soon_minutes: i64,
        out: &mut Out<'_>,
    ) -> usize {
        let n = cases.plan.len();
        assert!(
            out.due.len() >= n && out.problem.len() >= n,
            "output slices too short"
        );
        let mut scratch = Scratch::default();
        let mut bad = 0;
        for i in 0..n {
            let result = self.row(plans, cases, at, due_soon_minutes, i, &mut scratch);
            match result {
                Ok((due, status, minutes)) => {
                    out.due[i] = due;
                    out.problem[i] = Problem::None as u8;
                    if let Some(s) = out.status.as_deref_mut() {
                        s[i] = status.map_or(0, status_code);
                    }
                    if let Some(m) = out.minutes.as_deref_mut() {
                        m[i] = minutes;
                    }
                }
                Err(p) => {
                    bad += 1;
                    out.due[i] = NULL;
                    out.problem[i] = p as u8;
                    if let Some(s) = out.status.as_deref_mut() {
                        s[i] = 0;
                    }
                    if let Some(m) = out.minutes.as_deref_mut() {
                        m[i] = 0;
                    }
                }
            }
        }
        bad
    }

    fn row(
        &self,
        plans: &[CompiledPlan],
        cases: &Cases<'_>,
        at: At<'_>,
        due_soon_minutes: i64,
        i: usize,
        scratch: &mut Scratch,
    ) -> Result<(i64, Option<Status>, i64), Problem> {
        let plan = plans.get(cases.plan[i] as usize).ok_or(Problem::NoPlan)?;
        let received = cases.received[i];
        if received == NULL {
            return Err(Problem::MissingReceipt);
        }
        let restarted = cases.restarted.map_or(NULL, |r| r[i]);
        let count = self.due(plan, received, restarted, cases.pauses.as_ref(), i, scratch)?;
        let spans = &scratch.spans;
        let completed = cases.completed.map_or(NULL, |c| c[i]);
        if completed != NULL {
            if completed < received {
                return Err(Problem::CompletionBeforeReceipt);
            }
            let minutes = self.minutes(&count, completed, spans)?;
            let status = if self.local_day(completed) < self.local_day(count.due) {
                Status::Early
            } else if completed <= count.due {
                Status::OnTime
            } else {
                Status::Late
            };
            return Ok((count.due, Some(status), minutes));
        }
        let at = match at {
            At::None => NULL,
            At::Same(t) => t,
            At::Each(ts) => ts[i],
        };
        if at == NULL {
            return Ok((count.due, None, 0));
        }
        if at < received {
            return Err(Problem::BeforeReceipt);
        }
        let minutes = self.minutes(&count, at, spans)?;
        let status = if at > count.due {
            Status::Overdue
        } else if minutes <= due_soon_minutes {
            Status::DueSoon
        } else {
            Status::NotDue
        };
        Ok((count.due, Some(status), minutes))
    }

    /// The due instant of one case given as plain values (`restarted` may be [`NULL`],
    /// `pauses` as (from, to) pairs): [`Engine::run`] for a single row.
    pub fn due_of(
        &self,
        plan: &CompiledPlan,
        received: i64,
        restarted: i64,
        pauses: &[(i64, i64)],
    ) -> Result<i64, Problem> {
        if received == NULL {
            return Err(Problem::MissingReceipt);
        }
        let (from, to): (Vec<i64>, Vec<i64>) = pauses.iter().copied().unzip();
        let offsets = [0, pauses.len() as i32];
        let p = Pauses {
            offsets: &offsets,
            from: &from,
            to: &to,
        };
        let pauses = (!pauses.is_empty()).then_some(p);
        self.due(
            plan,
            received,
            restarted,
            pauses.as_ref(),
            0,
            &mut Scratch::default(),
        )
        .map(|c| c.due)
    }
}
