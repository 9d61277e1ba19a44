//! Where the count starts and how pauses move it, in the index's working minutes.

use super::error::DeadlineError;
use super::plan::Case;
use crate::calendar::{WorkMinute, WorkingTimeIndex};
use chrono::{DateTime, FixedOffset, NaiveTime, Timelike};

/// The instant the current count runs from: the restart if there was one.
pub fn effective_receipt(case: &Case) -> Result<DateTime<FixedOffset>, DeadlineError> {
    match case.restarted_at {
        Some(r) if r < case.received_at => Err(DeadlineError::RestartBeforeReceipt),
        Some(r) => Ok(r),
        None => Ok(case.received_at),
    }
}

/// Why the count started when it did, relative to the receipt (or the restart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockReason {
    /// At the moment of receipt: a working day, in working hours, before any cutoff.
    OnReceipt,
    /// After the cutoff on a working day: from the next working day's opening.
    AfterCutoff,
    /// Before the cutoff but outside working hours (before opening, at lunch, after
    /// closing): from the next opening.
    OutsideWorkingHours,
    /// On a day that is not a working day: from the next working day's opening.
    NonWorkingDay,
}

impl ClockReason {
    /// The stable name used in JSON: `on_receipt`, `after_cutoff`, ….
    pub fn code(self) -> &'static str {
        match self {
            ClockReason::OnReceipt => "on_receipt",
            ClockReason::AfterCutoff => "after_cutoff",
            ClockReason::OutsideWorkingHours => "outside_working_hours",
            ClockReason::NonWorkingDay => "non_working_day",
        }
    }
}

/// Working minutes at which the count starts, and why. A receipt after the cutoff on a
/// working day counts from the next working day's opening; one outside working hours
/// or on a day off starts at the next opening by itself, because no working minute
/// passes before it. This is the one place the rule lives: explanations report the
/// reason it returns.
pub fn clock_start(
    index: &WorkingTimeIndex,
    receipt: DateTime<FixedOffset>,
    cutoff: Option<NaiveTime>,
) -> Result<(WorkMinute, ClockReason), DeadlineError> {
    let local = receipt.with_timezone(&index.offset()).naive_local();
    if !index.is_working_day(local.date())? {
        return Ok((index.at(receipt)?, ClockReason::NonWorkingDay));
    }
    if let Some(cutoff) = cutoff
        && local.time() > cutoff
    {
        // `NaiveDate::MAX` has no successor; asking for it yields the horizon error.
        let next = local.date().succ_opt().unwrap_or(chrono::NaiveDate::MAX);
        return Ok((index.at_start_of(next)?, ClockReason::AfterCutoff));
    }
    let w = index.at(receipt)?;
    // The index counts a receipt from the next whole minute; so does this comparison.
    let whole_minute = receipt
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .map(|t| {
            if t < receipt {
                t + chrono::Duration::minutes(1)
            } else {
                t
            }
        })
        .unwrap_or(receipt);
    let reason = if index.start_instant(w)? == whole_minute {
        ClockReason::OnReceipt
    } else {
        ClockReason::OutsideWorkingHours
    };
    Ok((w, reason))
}

/// The pauses of the current count as working-minute spans `[a, b)`, sorted, clipped to
/// start no earlier than `start`, empty ones dropped.
pub fn pause_spans(
    index: &WorkingTimeIndex,
    case: &Case,
    start: WorkMinute,
) -> Result<Vec<(WorkMinute, WorkMinute)>, DeadlineError> {
    if case.pauses.is_empty() {
        return Ok(Vec::new());
    }
    let receipt = effective_receipt(case)?;
    let mut pauses = case.pauses.clone();
    for p in &pauses {
        if p.to < p.from {
            return Err(DeadlineError::BackwardsPause {
                from: p.from,
                to: p.to,
            });
        }
    }
    pauses.sort_by_key(|p| p.from);
    for pair in pauses.windows(2) {
        if pair[1].from < pair[0].to {
            return Err(DeadlineError::OverlappingPauses {
                first_ends: pair[0].to,
                second_starts: pair[1].from,
            });
        }
    }
    let mut spans = Vec::with_capacity(pauses.len());
    for p in pauses {
        if p.from < case.received_at {
            return Err(DeadlineError::PauseBeforeClockStart { from: p.from });
        }
        if p.from < receipt {
            if p.to <= receipt {
                continue; // it stopped the earlier count, which the restart replaced
            }
            return Err(DeadlineError::PauseBeforeClockStart { from: p.from });
        }
        let (a, b) = (index.at(p.from)?.max(start), index.at(p.to)?.max(start));
        if b > a {
            spans.push((a, b));
        }
    }
    Ok(spans)
}

/// The working minute at which `target` minutes of counted time have elapsed, once the
/// pauses that begin before it are skipped.
pub fn shift(mut target: WorkMinute, spans: &[(WorkMinute, WorkMinute)]) -> WorkMinute {
    for &(a, b) in spans {
        if a >= target {
            break;
        }
        target += b - a;
    }
    target
}

/// Paused working minutes inside `[from, to)`.
pub fn paused_within(
    from: WorkMinute,
    to: WorkMinute,
    spans: &[(WorkMinute, WorkMinute)],
) -> WorkMinute {
    spans
        .iter()
        .map(|&(a, b)| (b.min(to) - a.max(from)).max(0))
        .sum()
}
