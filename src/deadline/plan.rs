//! What the engine is asked to schedule, independent of how a procedure is written.

use crate::days::Days;
use chrono::{DateTime, FixedOffset, NaiveTime};

/// The time given to a whole procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allotment {
    /// Trong ngày: due at the end of the working day of receipt (or the next one after the cutoff).
    SameDay,
    /// A number of working days, possibly fractional.
    Days(Days),
}

/// One step of the internal workflow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanStep {
    /// Stable step id (`receive`, `appraise`…).
    pub id: String,
    /// Vietnamese name of the step.
    pub name: String,
    /// Who performs it.
    pub role: String,
    /// Its own working time; `None` = no time of its own (ends with the previous step).
    pub allotment: Option<Days>,
}

/// A procedure's schedule as the engine needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Steps in order.
    pub steps: Vec<PlanStep>,
    /// Time for the whole procedure.
    pub total: Allotment,
    /// Overrides the calendar's default cutoff when set.
    pub cutoff: Option<NaiveTime>,
}

impl Plan {
    /// A plan with no steps and a total in working days.
    pub fn days(total: Days) -> Plan {
        Plan {
            steps: Vec::new(),
            total: Allotment::Days(total),
            cutoff: None,
        }
    }
}

/// The clock is stopped between `from` and `to` (waiting for the citizen or another agency).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    /// When the clock stops.
    pub from: DateTime<FixedOffset>,
    /// When it resumes.
    pub to: DateTime<FixedOffset>,
}

/// The timeline of one filed application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// When the complete file was received.
    pub received_at: DateTime<FixedOffset>,
    /// When the supplemented file came back after a supplement request: the count starts
    /// again from here. Pauses that ended before it belong to the earlier count and are ignored.
    pub restarted_at: Option<DateTime<FixedOffset>>,
    /// Periods the clock is stopped, in any order, not overlapping.
    pub pauses: Vec<Pause>,
}

impl Case {
    /// A case received at `received_at`, with no pause and no restart.
    pub fn received(received_at: DateTime<FixedOffset>) -> Case {
        Case {
            received_at,
            restarted_at: None,
            pauses: Vec::new(),
        }
    }
}
