//! Why a deadline could not be computed.

use crate::calendar::OutOfHorizon;
use crate::text::{Text, words};
use chrono::{DateTime, FixedOffset};
use std::fmt;

/// Typed failures of the deadline engine; bad input never panics. Each has one stable
/// [`code`](Self::code) and a message in both languages, which the API and the command
/// line show as they are.
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
    /// The moment an open case is looked at is before the receipt.
    BeforeReceipt {
        /// The moment.
        at: DateTime<FixedOffset>,
    },
    /// The completion is before the receipt.
    CompletedBeforeReceipt {
        /// The completion.
        at: DateTime<FixedOffset>,
    },
    /// The allotment is too large to represent.
    AllotmentTooLarge,
}

impl DeadlineError {
    /// The stable machine-readable code (the API's problem `code`).
    pub fn code(&self) -> &'static str {
        match self {
            DeadlineError::OutOfHorizon(_) => OutOfHorizon::CODE,
            DeadlineError::BackwardsPause { .. } => "pause_runs_backwards",
            DeadlineError::OverlappingPauses { .. } => "pauses_overlap",
            DeadlineError::PauseBeforeClockStart { .. } => "pause_before_receipt",
            DeadlineError::RestartBeforeReceipt => "restart_before_receipt",
            DeadlineError::BeforeReceipt { .. } => "before_receipt",
            DeadlineError::CompletedBeforeReceipt { .. } => "completion_before_receipt",
            DeadlineError::AllotmentTooLarge => "allotment_too_large",
        }
    }

    /// The message, in both languages.
    pub fn text(&self) -> Text {
        let at = |t: &DateTime<FixedOffset>| words::when(*t);
        match self {
            DeadlineError::OutOfHorizon(o) => o.text(),
            DeadlineError::BackwardsPause { from, to } => Text::new(
                format!(
                    "a pause ends ({}) before it starts ({})",
                    at(to).en,
                    at(from).en
                ),
                format!(
                    "một khoảng tạm dừng kết thúc ({}) trước khi bắt đầu ({})",
                    at(to).vi,
                    at(from).vi
                ),
            ),
            DeadlineError::OverlappingPauses {
                first_ends,
                second_starts,
            } => Text::new(
                format!(
                    "pauses overlap: one starts at {} before the previous ends at {}",
                    at(second_starts).en,
                    at(first_ends).en
                ),
                format!(
                    "các khoảng tạm dừng chồng nhau: một khoảng bắt đầu lúc {} trước khi khoảng trước kết thúc lúc {}",
                    at(second_starts).vi,
                    at(first_ends).vi
                ),
            ),
            DeadlineError::PauseBeforeClockStart { from } => Text::new(
                format!("a pause starts at {} before the clock started", at(from).en),
                format!(
                    "khoảng tạm dừng bắt đầu lúc {} trước khi bắt đầu tính thời hạn",
                    at(from).vi
                ),
            ),
            DeadlineError::RestartBeforeReceipt => Text::new(
                "the restart is earlier than the receipt",
                "thời điểm tính lại sớm hơn thời điểm tiếp nhận",
            ),
            DeadlineError::BeforeReceipt { at: t } => Text::new(
                format!("{} is before the file was received", at(t).en),
                format!("{} sớm hơn thời điểm tiếp nhận hồ sơ", at(t).vi),
            ),
            DeadlineError::CompletedBeforeReceipt { at: t } => Text::new(
                format!(
                    "the completion ({}) is before the file was received",
                    at(t).en
                ),
                format!(
                    "thời điểm giải quyết xong ({}) sớm hơn thời điểm tiếp nhận hồ sơ",
                    at(t).vi
                ),
            ),
            DeadlineError::AllotmentTooLarge => Text::new(
                "the procedure's time is too large to compute",
                "thời gian của thủ tục quá lớn để tính",
            ),
        }
    }
}

impl fmt::Display for DeadlineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for DeadlineError {}

impl From<OutOfHorizon> for DeadlineError {
    fn from(e: OutOfHorizon) -> Self {
        DeadlineError::OutOfHorizon(e)
    }
}
