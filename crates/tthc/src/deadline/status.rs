//! The status of a case at a moment, or at completion, and the working time left or over.

use super::clock::{clock_start, effective_receipt, pause_spans, paused_within};
use super::due::{Due, compute_due};
use super::error::DeadlineError;
use super::plan::{Case, Plan};
use crate::calendar::WorkingCalendar;
use crate::text::{Text, words};
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
    /// The stable name used in JSON: `not_due`, `due_soon`, `overdue`, `early`,
    /// `on_time`, `late`.
    pub fn code(self) -> &'static str {
        match self {
            Status::NotDue => "not_due",
            Status::DueSoon => "due_soon",
            Status::Overdue => "overdue",
            Status::Early => "early",
            Status::OnTime => "on_time",
            Status::Late => "late",
        }
    }

    /// The label staff screens show, in both languages.
    pub fn label(self) -> Text {
        match self {
            Status::NotDue => Text::new("not due", "chưa đến hạn"),
            Status::DueSoon => Text::new("due soon", "sắp đến hạn"),
            Status::Overdue => Text::new("overdue", "quá hạn"),
            Status::Early => Text::new("early", "trước hạn"),
            Status::OnTime => Text::new("on time", "đúng hạn"),
            Status::Late => Text::new("late", "trễ hạn"),
        }
    }

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
    /// Days of uncertain legal basis the due time depends on (see [`Due::uncertain_days`]).
    pub uncertain_days: Vec<chrono::NaiveDate>,
    /// True when the calendar counted them as days off.
    #[serde(skip)]
    pub uncertain_days_off: bool,
}

impl StatusReport {
    /// What a staff screen shows: "Còn 3 ngày 2 giờ 36 phút", "Quá hạn 1 ngày",
    /// "Đúng hạn (còn 2 giờ)" / "3 days 2 h 36 min left", "1 day overdue", "On time
    /// (2 h to spare)".
    pub fn line(&self, minutes_per_day: i64) -> Text {
        let t = words::working_time(self.working_minutes, minutes_per_day);
        let label = self.status.label();
        match self.status {
            Status::Overdue => Text::new(format!("{} overdue", t.en), format!("Quá hạn {}", t.vi)),
            Status::Late => Text::new(format!("{} late", t.en), format!("Trễ hạn {}", t.vi)),
            Status::Early | Status::OnTime => Text::new(
                format!("{} ({} to spare)", words::capitalise(&label.en), t.en),
                format!("{} (còn {})", words::capitalise(&label.vi), t.vi),
            ),
            Status::NotDue | Status::DueSoon => {
                Text::new(format!("{} left", t.en), format!("Còn {}", t.vi))
            }
        }
    }
}

/// The default threshold of `due_soon`: one working day of the `vn` calendar, in working
/// minutes. The API, the command line, the worked examples and the reports use it unless
/// told otherwise.
pub const DEFAULT_DUE_SOON_MINUTES: i64 = 480;

/// Status of an open case at `at`; `due_soon_minutes` is the threshold in working minutes.
pub fn status_at(
    calendar: &WorkingCalendar,
    plan: &Plan,
    case: &Case,
    at: DateTime<FixedOffset>,
    due_soon_minutes: i64,
) -> Result<StatusReport, DeadlineError> {
    let due = compute_due(calendar, plan, case)?;
    status_at_due(calendar, plan, case, &due, at, due_soon_minutes)
}

/// [`status_at`] against a due time already computed (with any due-time convention).
pub fn status_at_due(
    calendar: &WorkingCalendar,
    plan: &Plan,
    case: &Case,
    due: &Due<'_>,
    at: DateTime<FixedOffset>,
    due_soon_minutes: i64,
) -> Result<StatusReport, DeadlineError> {
    let (due_at, _, minutes) = measure(calendar, plan, case, due, at)?;
    let status = if at > due_at {
        Status::Overdue
    } else if minutes <= due_soon_minutes {
        Status::DueSoon
    } else {
        Status::NotDue
    };
    Ok(report(calendar, status, due, minutes))
}

/// Status of a case finished at `completed`.
pub fn status_completed(
    calendar: &WorkingCalendar,
    plan: &Plan,
    case: &Case,
    completed: DateTime<FixedOffset>,
) -> Result<StatusReport, DeadlineError> {
    let due = compute_due(calendar, plan, case)?;
    status_completed_due(calendar, plan, case, &due, completed)
}

/// [`status_completed`] against a due time already computed.
pub fn status_completed_due(
    calendar: &WorkingCalendar,
    plan: &Plan,
    case: &Case,
    due: &Due<'_>,
    completed: DateTime<FixedOffset>,
) -> Result<StatusReport, DeadlineError> {
    if completed < case.received_at {
        return Err(DeadlineError::CompletedBeforeReceipt { at: completed });
    }
    let (due_at, _, minutes) = measure(calendar, plan, case, due, completed)?;
    let status = completion_status(calendar, due_at, completed);
    Ok(report(calendar, status, due, minutes))
}

/// Early, on time or late, for a case finished at `completed` and due at `due_at`: a
/// calendar day before the due date (in the calendar's time zone) is early; on the due
/// date and not after the due time, on time; after it, late. The one rule the status
/// commands, the API and the case reports share.
///
/// ```
/// use tthc::deadline::{Status, completion_status};
/// let cals = tthc::bundled::calendars().unwrap();
/// let vn = cals.get("vn").unwrap();
/// let t = |s| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let due = t("2024-08-08T17:00:00+07:00");
/// assert_eq!(completion_status(vn, due, t("2024-08-07T16:59:00+07:00")), Status::Early);
/// assert_eq!(completion_status(vn, due, t("2024-08-08T17:00:00+07:00")), Status::OnTime);
/// assert_eq!(completion_status(vn, due, t("2024-08-08T17:01:00+07:00")), Status::Late);
/// ```
pub fn completion_status(
    calendar: &WorkingCalendar,
    due_at: DateTime<FixedOffset>,
    completed: DateTime<FixedOffset>,
) -> Status {
    let index = calendar.index();
    if index.local_date(completed) < index.local_date(due_at) {
        Status::Early
    } else if completed <= due_at {
        Status::OnTime
    } else {
        Status::Late
    }
}

/// Due time, provisional flag and the unpaused working minutes between `at` and it
/// (left if `at` is before, over if after).
fn measure(
    calendar: &WorkingCalendar,
    plan: &Plan,
    case: &Case,
    due: &Due<'_>,
    at: DateTime<FixedOffset>,
) -> Result<(DateTime<FixedOffset>, bool, i64), DeadlineError> {
    if at < case.received_at {
        return Err(DeadlineError::BeforeReceipt { at });
    }
    let index = calendar.index();
    let (w0, _) = clock_start(
        index,
        effective_receipt(case)?,
        plan.cutoff_in(calendar.config()).time,
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

fn report(calendar: &WorkingCalendar, status: Status, due: &Due<'_>, minutes: i64) -> StatusReport {
    StatusReport {
        status,
        due_at: due.due_at,
        working_minutes: minutes,
        working_time_vi: words::working_time(minutes, calendar.index().minutes_per_day()).vi,
        provisional: due.provisional,
        uncertain_days: due.uncertain_days.clone(),
        uncertain_days_off: due.uncertain_days_off,
    }
}
