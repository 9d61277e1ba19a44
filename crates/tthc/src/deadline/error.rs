//! Why a deadline could not be computed.

use crate::calendar::OutOfHorizon;
use chrono::{DateTime, FixedOffset};
use std::fmt;

/// Typed failures of the deadline engine; bad input never panics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeadlineError {
    /// A date involved is outside the calendar's horizon: no deadline can be computed.
    OutOfHorizon(OutOfHorizon),
    /// A pause ends before it starts.
    BackwardsPause {
        /// Start of the pause.
        from: DateTime<FixedOffset>,
        /// End of the pause.
        to: DateTime<FixedOffset>,
    },
    /// Two pauses overlap.
    OverlappingPauses {
        /// The earlier pause's end.
        first_ends: DateTime<FixedOffset>,
        /// The later pause's start.
        second_starts: DateTime<FixedOffset>,
    },
    /// A pause starts before the file was received (or straddles the restart).
    PauseBeforeClockStart {
        /// Start of the pause.
        from: DateTime<FixedOffset>,
    },
    /// The restart is earlier than the first receipt.
    RestartBeforeReceipt,
    /// A moment asked about (status, completion) is before the receipt.
    BeforeReceipt {
        /// The moment.
        at: DateTime<FixedOffset>,
    },
    /// The allotment is too large to represent.
    AllotmentTooLarge,
}

impl DeadlineError {
    /// A stable machine-readable code, e.g. for an API's problem documents.
    pub fn code(&self) -> &'static str {
        match self {
            DeadlineError::OutOfHorizon(_) => "out_of_horizon",
            DeadlineError::BackwardsPause { .. } => "pause_backwards",
            DeadlineError::OverlappingPauses { .. } => "pauses_overlap",
            DeadlineError::PauseBeforeClockStart { .. } => "pause_before_clock_start",
            DeadlineError::RestartBeforeReceipt => "restart_before_receipt",
            DeadlineError::BeforeReceipt { .. } => "before_receipt",
            DeadlineError::AllotmentTooLarge => "allotment_too_large",
        }
    }
}

impl fmt::Display for DeadlineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeadlineError::OutOfHorizon(e) => write!(f, "{e}"),
            DeadlineError::BackwardsPause { from, to } => {
                write!(
                    f,
                    "pause ends ({}) before it starts ({})",
                    to.to_rfc3339(),
                    from.to_rfc3339()
                )
            }
            DeadlineError::OverlappingPauses {
                first_ends,
                second_starts,
            } => write!(
                f,
                "pauses overlap: one starts at {} before the previous ends at {}",
                second_starts.to_rfc3339(),
                first_ends.to_rfc3339()
            ),
            DeadlineError::PauseBeforeClockStart { from } => write!(
                f,
                "pause starting at {} begins before the clock started",
                from.to_rfc3339()
            ),
            DeadlineError::RestartBeforeReceipt => {
                write!(f, "the restart is earlier than the receipt")
            }
            DeadlineError::BeforeReceipt { at } => {
                write!(f, "{} is before the file was received", at.to_rfc3339())
            }
            DeadlineError::AllotmentTooLarge => write!(f, "the allotment is too large"),
        }
    }
}

impl std::error::Error for DeadlineError {}

impl From<OutOfHorizon> for DeadlineError {
    fn from(e: OutOfHorizon) -> Self {
        DeadlineError::OutOfHorizon(e)
    }
}
