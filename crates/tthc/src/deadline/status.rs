//! The status of a case at a moment, or at completion, and the working time left or over.

use super::clock::{clock_start, effective_receipt, pause_spans, paused_within};
use super::due::compute_due;
use super::error::DeadlineError;
use super::plan::{Case, Plan};
use super::words::working_time_vi;
use crate::calendar::WorkingCalendar;
use chrono::{DateTime, FixedOffset};
use serde::Serialize;

/// The statuses provincial systems report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Open, more than the threshold left (chưa đến hạn).
    NotDue,
    /// Open, at most the threshold left (sắp đến hạn / đến hạn).
    DueSoon,
    /// Open, past the due time (quá hạn).
    Overdue,
    /// Finished on a day before the due date (trước hạn).
    Early,
    /// Finished on the due date, not after the due time (đúng hạn).
    OnTime,
    /// Finished after the due time (trễ hạn).
    Late,
}

impl Status {
    /// The Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            Status::NotDue => "chưa đến hạn",
            Status::DueSoon => "sắp đến hạn",
            Status::Overdue => "quá hạn",
            Status::Early => "trước hạn",
            Status::OnTime => "đúng hạn",
            Status::Late => "trễ hạn",
        }
    }

    /// True for the statuses where the time reported is time over, not time left.
    pub fn is_over(self) -> bool {
        matches!(self, Status::Overdue | Status::Late)
    }
}

/// A status with the working time left (or over, for `overdue` and `late`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusReport {
    /// The status.
    pub status: Status,
    /// The due time it was measured against.
    pub due_at: DateTime<FixedOffset>,
    /// Working minutes left, or over when the status is `overdue` / `late`; paused time
    /// is not counted.
    pub working_minutes: i64,
    /// The same in words ("3 ngày 2 giờ 36 phút").
    pub working_time_vi: String,
    /// True when the due time depends on computed holidays.
    pub provisional: bool,
}

/// Status of an open case at `at`; `due_soon_minutes` is the threshold in working minutes.
pub fn status_at(
    calendar: &WorkingCalendar,
    plan: &Plan,
    case: &Case,
    at: DateTime<FixedOffset>,
    due_soon_minutes: i64,
) -> Result<StatusReport, DeadlineError> {
    let (due_at, provisional, minutes) = measure(calendar, plan, case, at)?;
    let status = if at > due_at {
        Status::Overdue
    } else if minutes <= due_soon_minutes {
        Status::DueSoon
    } else {
        Status::NotDue
    };
    Ok(report(calendar, status, due_at, provisional, minutes))
}

/// Status of a case finished at `completed`.
pub fn status_completed(
    calendar: &WorkingCalendar,
    plan: &Plan,
    case: &Case,
    completed: DateTime<FixedOffset>,
) -> Result<StatusReport, DeadlineError> {
    let (due_at, provisional, minutes) = measure(calendar, plan, case, completed)?;
    let index = calendar.index();
    let status = if index.local_date(completed) < index.local_date(due_at) {
        Status::Early
    } else if completed <= due_at {
        Status::OnTime
    } else {
        Status::Late
    };
    Ok(report(calendar, status, due_at, provisional, minutes))
}

/// Due time, provisional flag and the unpaused working minutes between `at` and it
/// (left if `at` is before, over if after).
fn measure(
    calendar: &WorkingCalendar,
    plan: &Plan,
    case: &Case,
    at: DateTime<FixedOffset>,
) -> Result<(DateTime<FixedOffset>, bool, i64), DeadlineError> {
    if at < case.received_at {
        return Err(DeadlineError::BeforeReceipt { at });
    }
    let due = compute_due(calendar, plan, case)?;
    let index = calendar.index();
    let w0 = clock_start(
        index,
        effective_receipt(case)?,
        plan.cutoff.or(calendar.config().cutoff),
    )?;
    let spans = pause_spans(index, case, w0)?;
    // Time before the clock started (after the cutoff, outside hours) is not left time.
    let (w_at, w_due) = (index.at(at)?.max(w0), index.at(due.due_at)?);
    let (lo, hi) = if w_at <= w_due {
        (w_at, w_due)
    } else {
        (w_due, w_at)
    };
    let minutes = hi - lo - paused_within(lo, hi, &spans);
    Ok((due.due_at, due.provisional, minutes))
}

fn report(
    calendar: &WorkingCalendar,
    status: Status,
    due_at: DateTime<FixedOffset>,
    provisional: bool,
    minutes: i64,
) -> StatusReport {
    StatusReport {
        status,
        due_at,
        working_minutes: minutes,
        working_time_vi: working_time_vi(minutes, calendar.index().minutes_per_day()),
        provisional,
    }
}
