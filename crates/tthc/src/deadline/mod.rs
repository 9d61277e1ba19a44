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
//! The engine knows nothing of the terminal or HTTP.

pub mod clock;
pub mod due;
pub mod error;
pub mod plan;
pub mod status;
pub mod words;

pub use due::{Due, StepDue, compute_due, compute_due_with, minutes_in};
pub use error::DeadlineError;
pub use plan::{Allotment, Case, Pause, Plan, PlanError, PlanStep};
pub use status::{Status, StatusReport, status_at, status_completed};
pub use words::working_time_vi;

#[cfg(test)]
mod tests;
