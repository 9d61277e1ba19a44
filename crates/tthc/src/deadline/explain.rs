//! Why a deadline is what it is, as typed facts: why the count started when it did, the
//! days it skipped (with their names), each step's window, the pauses applied, and which
//! calendar days were announced. The API, the command line and the web page word these
//! facts; none of them works the reasons out again.

use super::clock::{ClockReason, clock_start, effective_receipt};
use super::due::{Due, minutes_in};
use super::error::DeadlineError;
use super::plan::{Allotment, Case, Pause, Plan};
use crate::calendar::{DayKind, DueTimeConvention, WorkingCalendar};
use crate::days::Days;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime};

/// Why a day inside a counted span did not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SkipKind {
    /// A Saturday or Sunday of the weekly pattern.
    Weekend,
    /// A public holiday (Tết, 30/4, 2/9…).
    Holiday,
    /// A compensatory or swapped day off.
    DayOff,
}

impl SkipKind {
    /// The stable name used in JSON: `weekend`, `holiday`, `day_off`.
    pub fn code(self) -> &'static str {
        match self {
            SkipKind::Weekend => "weekend",
            SkipKind::Holiday => "holiday",
            SkipKind::DayOff => "day_off",
        }
    }
}

/// A day that did not count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedDay {
    /// The date.
    pub date: NaiveDate,
    /// Why.
    pub kind: SkipKind,
    /// The holiday's or day off's name as the calendar gives it; `None` for a weekend.
    pub name: Option<String>,
}

/// A Saturday or Sunday declared a working day (in exchange for a bridge day off).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkedDay {
    /// The date.
    pub date: NaiveDate,
    /// The calendar's name for it.
    pub name: String,
}

pub use crate::model::{CutoffReach, CutoffSource};

/// How the count started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockFacts {
    /// When the complete file was received.
    pub received_at: DateTime<FixedOffset>,
    /// When the supplemented file came back, if the count was restarted.
    pub restarted_at: Option<DateTime<FixedOffset>>,
    /// When the count started.
    pub started_at: DateTime<FixedOffset>,
    /// Why then, relative to the receipt (or the restart).
    pub reason: ClockReason,
    /// The cutoff applied to this count, if any.
    pub cutoff: Option<NaiveTime>,
    /// Who states it, or that none applies: the procedure, its decision (the reach of
    /// the calendar's cutoff) or the calendar's convention.
    pub cutoff_source: CutoffSource,
    /// The reach consulted when the procedure does not state this count's cutoff itself.
    pub cutoff_reach: Option<CutoffReach>,
    /// The decision stating that reach, when one does.
    pub cutoff_decision: Option<String>,
    /// A cutoff that exists but does not reach this count (the calendar's 15:00 for a
    /// count of days when the reach is same-day counts only).
    pub cutoff_out_of_reach: Option<NaiveTime>,
    /// The calendar whose cutoff or convention was consulted.
    pub calendar: String,
    /// Days that did not count between the receipt (or restart) and the start, e.g. Tết
    /// after a receipt on the last afternoon before it.
    pub skipped_days: Vec<SkippedDay>,
}

/// One step's share of the count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepFacts {
    /// Step id.
    pub id: String,
    /// Step name.
    pub name: String,
    /// Role id.
    pub role: String,
    /// Its allotment in this case; `None` when it has no time of its own.
    pub allotment: Option<Days>,
    /// Working minutes the allotment is worth on this calendar (0 when none).
    pub working_minutes: i64,
    /// When its window starts (the previous step's due time, or the clock start).
    pub started_at: DateTime<FixedOffset>,
    /// When it is due.
    pub due_at: DateTime<FixedOffset>,
    /// Days inside the window that did not count.
    pub skipped_days: Vec<SkippedDay>,
    /// Weekend days inside the window that were working days.
    pub worked_days: Vec<WorkedDay>,
    /// Pauses overlapping the window.
    pub pauses: Vec<Pause>,
}

/// Which calendar answered, and how sure it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarFacts {
    /// Calendar id.
    pub id: String,
    /// Years of the counted span whose days off were computed, not announced.
    pub provisional_years: Vec<i32>,
    /// Years of the counted span in all.
    pub years: usize,
    /// Days of uncertain legal basis in the counted span (see [`super::Due::uncertain_days`]).
    pub uncertain_days: Vec<NaiveDate>,
    /// Whether the calendar counted them as days off.
    pub uncertain_days_off: bool,
    /// How due times are printed.
    pub due_time: DueTimeConvention,
    /// Working minutes in a working day.
    pub minutes_per_day: i64,
}

/// Everything that explains one computed deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// How the count started.
    pub clock: ClockFacts,
    /// The time for the whole procedure in this case.
    pub total: Allotment,
    /// The appointment.
    pub due_at: DateTime<FixedOffset>,
    /// Each step.
    pub steps: Vec<StepFacts>,
    /// Every day from the receipt (or restart) to the appointment that did not count.
    pub skipped_days: Vec<SkippedDay>,
    /// The pauses applied to the current count (those that ended before a restart
    /// belong to the earlier count and are not).
    pub pauses: Vec<Pause>,
    /// The calendar.
    pub calendar: CalendarFacts,
}

impl Explanation {
    /// The holidays and days off among the skipped days (weekends left out).
    pub fn days_off(&self) -> impl Iterator<Item = &SkippedDay> {
        self.skipped_days
            .iter()
            .filter(|d| d.kind != SkipKind::Weekend)
    }
}

/// The facts behind `due`, which [`super::compute_due_with`] computed for `plan` and `case`
/// on `calendar`. Walking the days of one case's span is fine here; the deadline itself
/// never walks days.
///
/// ```
/// use tthc::deadline::{self, Case, Plan};
/// use tthc::days::Days;
/// let cals = tthc::bundled::calendars().unwrap();
/// let vn = cals.get("vn").unwrap();
/// let plan = Plan::days(Days::whole(3));
/// // Friday 24/01/2025, 10:00, the last working day before Tết Ất Tỵ.
/// let received = chrono::DateTime::parse_from_rfc3339("2025-01-24T10:00:00+07:00").unwrap();
/// let case = Case::received(received);
/// let due = deadline::compute_due(vn, &plan, &case).unwrap();
/// let why = deadline::explain(vn, &plan, &case, &due).unwrap();
/// assert_eq!(due.due_at.date_naive().to_string(), "2025-02-05");
/// assert!(why.days_off().any(|d| d.name.as_deref().is_some_and(|n| n.contains("Tết"))));
/// ```
pub fn explain(
    calendar: &WorkingCalendar,
    plan: &Plan,
    case: &Case,
    due: &Due<'_>,
) -> Result<Explanation, DeadlineError> {
    let index = calendar.index();
    let offset = index.offset();
    let config = calendar.config();
    let counted_from = effective_receipt(case)?;
    let cut = plan.cutoff_in(config);
    let (_, reason) = clock_start(index, counted_from, cut.time)?;
    let started = due.clock_started_at;
    let local = |t: DateTime<FixedOffset>| t.with_timezone(&offset).date_naive();
    let clock_skipped = if local(started) > local(counted_from) {
        days_between(calendar, local(counted_from), local(started))?.0
    } else {
        Vec::new()
    };
    let applied: Vec<Pause> = case
        .pauses
        .iter()
        .filter(|p| p.to > counted_from)
        .copied()
        .collect();
    let per_day = index.minutes_per_day();
    let mut steps = Vec::with_capacity(plan.steps.len());
    let mut window_start = started;
    for (plan_step, step_due) in plan.steps.iter().zip(&due.steps) {
        let (skipped_days, worked_days) =
            days_between(calendar, local(window_start), local(step_due.due_at))?;
        steps.push(StepFacts {
            id: plan_step.id.clone(),
            name: plan_step.name.clone(),
            role: plan_step.role.clone(),
            allotment: plan_step.allotment,
            working_minutes: match plan_step.allotment {
                Some(d) => minutes_in(d, per_day)?,
                None => 0,
            },
            started_at: window_start,
            due_at: step_due.due_at,
            skipped_days,
            worked_days,
            pauses: applied
                .iter()
                .filter(|p| p.from < step_due.due_at && p.to > window_start)
                .copied()
                .collect(),
        });
        window_start = step_due.due_at;
    }
    let (first, last) = (local(started).year(), local(due.due_at).year());
    let provisional_years = (first..=last)
        .filter(|y| !config.announced.contains(*y))
        .collect();
    let skipped_days = days_between(calendar, local(counted_from), local(due.due_at))?.0;
    Ok(Explanation {
        clock: ClockFacts {
            received_at: case.received_at,
            restarted_at: case.restarted_at,
            started_at: started,
            reason,
            cutoff: cut.time,
            cutoff_source: cut.source,
            cutoff_reach: cut.reach,
            cutoff_decision: cut.decision,
            cutoff_out_of_reach: cut.out_of_reach,
            calendar: config.id.clone(),
            skipped_days: clock_skipped,
        },
        total: plan.total,
        due_at: due.due_at,
        steps,
        skipped_days,
        pauses: applied,
        calendar: CalendarFacts {
            id: config.id.clone(),
            provisional_years,
            years: usize::try_from(last - first + 1).unwrap_or(1),
            uncertain_days: due.uncertain_days.clone(),
            uncertain_days_off: config.uncertain_days == crate::calendar::UncertainDays::DayOff,
            due_time: config.due_time,
            minutes_per_day: per_day,
        },
    })
}

/// Days that did not count, and weekend days that did, from `from` to `to` inclusive.
fn days_between(
    calendar: &WorkingCalendar,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(Vec<SkippedDay>, Vec<WorkedDay>), DeadlineError> {
    let index = calendar.index();
    let mut skipped = Vec::new();
    let mut worked = Vec::new();
    let mut year_marks: Option<(i32, &[crate::calendar::DayMark])> = None;
    let mut d = from;
    while d <= to {
        let marks = match year_marks {
            Some((y, m)) if y == d.year() => m,
            _ => {
                // `is_working_day` below reports a date outside the horizon; inside it a
                // year always has its marks, so an empty list only loses names.
                let m = calendar.marks_for_year(d.year()).unwrap_or(&[]);
                year_marks = Some((d.year(), m));
                m
            }
        };
        let mark = marks
            .binary_search_by_key(&d, |m| m.date)
            .ok()
            .map(|i| &marks[i]);
        if index.is_working_day(d)? {
            if let Some(m) = mark.filter(|m| m.kind == DayKind::WorkingDay) {
                worked.push(WorkedDay {
                    date: d,
                    name: m.name.clone(),
                });
            }
        } else {
            let (kind, name) = match mark {
                Some(m) if m.kind == DayKind::Holiday => (SkipKind::Holiday, Some(m.name.clone())),
                Some(m) => (SkipKind::DayOff, Some(m.name.clone())),
                None => (SkipKind::Weekend, None),
            };
            skipped.push(SkippedDay {
                date: d,
                kind,
                name,
            });
        }
        match d.succ_opt() {
            Some(n) => d = n,
            None => break,
        }
    }
    Ok((skipped, worked))
}
