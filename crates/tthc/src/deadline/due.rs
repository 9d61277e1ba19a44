//! Due times of a procedure and of each of its steps.

use super::clock::{clock_start, effective_receipt, pause_spans, shift};
use super::error::DeadlineError;
use super::plan::{Allotment, Case, Plan};
use crate::calendar::{DueTimeConvention, UncertainDays, WorkMinute, WorkingCalendar};
use crate::days::Days;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

/// The due time of one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepDue<'p> {
    /// Step id.
    pub id: &'p str,
    /// Step name.
    pub name: &'p str,
    /// Role performing it.
    pub role: &'p str,
    /// When the step must be finished.
    pub due_at: DateTime<FixedOffset>,
}

/// The result of a due computation; serialises to the JSON the CLI and API print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due<'p> {
    /// When the result is due (ngày hẹn trả).
    pub due_at: DateTime<FixedOffset>,
    /// When the count started (after cutoff / outside-hours adjustment, or the restart).
    pub clock_started_at: DateTime<FixedOffset>,
    /// True when a year between clock start and due date is computed, not announced.
    pub provisional: bool,
    /// Days of uncertain legal basis (e.g. 24/11, Ngày Văn hóa Việt Nam) from the clock
    /// start to the due date, both included: the due date depends on whether they are
    /// days off (the calendar's `uncertain_days` setting decides how they were counted).
    pub uncertain_days: Vec<NaiveDate>,
    /// True when the calendar counted those days as days off (its `uncertain_days`
    /// setting), false when it counted them as working days.
    #[serde(skip)]
    pub uncertain_days_off: bool,
    /// Each step's due time, in order.
    pub steps: Vec<StepDue<'p>>,
}

/// Working minutes in `days` working days: exact, rounded up to a whole minute when the
/// fraction does not fall on one (1/3 of 480 minutes = 160; 1/7 of 480 → 69), so the
/// applicant is never given less time than allotted.
pub fn minutes_in(days: Days, per_day: i64) -> Result<i64, DeadlineError> {
    let (num, den) = days
        .times(per_day)
        .ok_or(DeadlineError::AllotmentTooLarge)?;
    num.checked_add(den - 1)
        .map(|n| n / den)
        .ok_or(DeadlineError::AllotmentTooLarge)
}

/// The working minute `days` after `w0`, or an error when it cannot be represented.
fn after(w0: WorkMinute, days: Days, per_day: i64) -> Result<WorkMinute, DeadlineError> {
    w0.checked_add(minutes_in(days, per_day)?)
        .ok_or(DeadlineError::AllotmentTooLarge)
}

/// Computes due times with the calendar's own due-time convention.
pub fn compute_due<'p>(
    calendar: &WorkingCalendar,
    plan: &'p Plan,
    case: &Case,
) -> Result<Due<'p>, DeadlineError> {
    compute_due_with(calendar, plan, case, calendar.config().due_time)
}

/// Computes due times with an explicit due-time convention.
pub fn compute_due_with<'p>(
    calendar: &WorkingCalendar,
    plan: &'p Plan,
    case: &Case,
    convention: DueTimeConvention,
) -> Result<Due<'p>, DeadlineError> {
    let index = calendar.index();
    let per_day = index.minutes_per_day();
    let receipt = effective_receipt(case)?;
    let cutoff = plan.cutoff_in(calendar.config()).time;
    let (w0, _) = clock_start(index, receipt, cutoff)?;
    let started = index.start_instant(w0)?;
    let spans = pause_spans(index, case, w0)?;

    let finish = |w: WorkMinute| -> Result<DateTime<FixedOffset>, DeadlineError> {
        let t = if w <= w0 {
            started
        } else {
            index.end_instant(shift(w, &spans))?
        };
        Ok(match convention {
            DueTimeConvention::KeepClockTime => t,
            DueTimeConvention::EndOfDay => index.close_of(index.local_date(t))?,
        })
    };

    let due_at = match plan.total {
        Allotment::SameDay => {
            // The close of the working day the count starts on, moved on by any pause.
            let close = (w0.div_euclid(per_day) + 1) * per_day;
            let t = index.end_instant(shift(close, &spans))?;
            index.close_of(index.local_date(t))?
        }
        Allotment::Days(d) => finish(after(w0, d, per_day)?)?,
    };

    let mut steps = Vec::with_capacity(plan.steps.len());
    let mut cumulative = Days::ZERO;
    let mut previous = started;
    let last = plan.steps.len().saturating_sub(1);
    // A total the decision does not divide among the steps (A.3's "trường hợp cần xác
    // minh … 03 ngày", C.2's "TH phải xác minh không quá 10 ngày"): no step has a deadline
    // of its own, so each is due when the procedure is, never at the moment of receipt.
    let undivided = plan.undivided || plan.steps.iter().all(|s| s.allotment.is_none());
    for (i, step) in plan.steps.iter().enumerate() {
        let at = match (plan.total, step.allotment) {
            (Allotment::SameDay, _) => due_at,
            _ if i == last || undivided => due_at,
            (_, None) => previous,
            (_, Some(a)) => {
                cumulative = cumulative
                    .checked_add(a)
                    .ok_or(DeadlineError::AllotmentTooLarge)?;
                // Steps that over-run the total are the checker's business; here they
                // are held to the procedure's due time.
                finish(after(w0, cumulative, per_day)?)?.min(due_at)
            }
        };
        previous = at;
        steps.push(StepDue {
            id: &step.id,
            name: &step.name,
            role: &step.role,
            due_at: at,
        });
    }
    let (first, last) = (index.local_date(started), index.local_date(due_at));
    let provisional = calendar.is_provisional(first) || calendar.is_provisional(last);
    // From the receipt's day: an uncertain day between the receipt and the clock start
    // (received the afternoon before it) decides when the count starts.
    let received = index.local_date(receipt).min(first);
    Ok(Due {
        due_at,
        clock_started_at: started,
        provisional,
        uncertain_days: calendar.uncertain_days(received, last),
        uncertain_days_off: calendar.config().uncertain_days == UncertainDays::DayOff,
        steps,
    })
}
