//! The deadline engine: due times of a procedure and its steps, pauses, restarts and
//! statuses, on a [`crate::calendar::WorkingCalendar`].
//!
//! Rules (each has a test in `src/deadline/tests.rs`, and properties in
//! `tests/deadline_props.rs`):
//! - A working day is the calendar's working hours, never 24 hours; fractions of a day
//!   are fractions of those minutes, rounded up to a whole minute.
//! - A receipt after the cutoff (plan's, else calendar's) counts from the next working
//!   day's opening; one outside working hours from the next opening.
//! - `keep_clock_time` keeps the clock time of the start; `end_of_day` moves the due time
//!   to the close of the working day the time runs out on.
//! - Same-day: the close of the day the count starts on.
//! - Pauses stop the clock; a restart starts the count again.
//!
//! [`explain`] gives the typed facts behind a result (why the clock started when it did,
//! what was skipped, each step's window) and [`narrate`] words them; [`resolve`] finds the
//! plan of a catalogue procedure in force on a date.
//!
//! The engine does no I/O and knows nothing of the terminal or HTTP.
//!
//! ```
//! use tthc::deadline::{self, Case, Plan};
//! use tthc::days::Days;
//! let cals = tthc::bundled::calendars().unwrap();
//! let vn = cals.get("vn").unwrap();
//! // 10 working days from a receipt at 15:35, after the 15:00 cutoff: the count starts
//! // on Friday 26/07/2024 at 07:30; ten working days end at the close of Thursday 08/08
//! // (a provincial system printed exactly this appointment, see DOMAIN.md).
//! let received = chrono::DateTime::parse_from_rfc3339("2024-07-25T15:35:00+07:00").unwrap();
//! let plan = Plan::days(Days::whole(10));
//! let due = deadline::compute_due(vn, &plan, &Case::received(received)).unwrap();
//! assert_eq!(due.due_at.to_rfc3339(), "2024-08-08T17:00:00+07:00");
//! ```

pub mod bulk;
pub mod clock;
pub mod due;
pub mod error;
pub mod explain;
pub mod narrate;
pub mod plan;
pub mod resolve;
pub mod status;

pub use clock::ClockReason;
pub use due::{Due, StepDue, compute_due, compute_due_with, minutes_in};
pub use error::DeadlineError;
pub use explain::{Explanation, explain};
pub use plan::{Allotment, Case, Pause, Plan, PlanError, PlanStep};
pub use resolve::{ResolveError, Resolved, find_procedure, resolve};
pub use status::{
    DEFAULT_DUE_SOON_MINUTES, Status, StatusReport, completion_status, status_at, status_at_due,
    status_completed, status_completed_due,
};

#[cfg(test)]
mod tests;
