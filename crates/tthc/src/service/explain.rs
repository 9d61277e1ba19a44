//! "Why this date?" in JSON: the engine's facts ([`crate::deadline::explain`]) mapped to
//! the response types, with the sentences of [`crate::deadline::narrate`]. Nothing here
//! works a reason out again.

use super::types::{
    AmountOut, CalendarUse, ClockStart, Explanation, InterpretationOut, PauseInput, SkippedDay,
    SourceOut, StepExplanation,
};
use crate::calendar::DueTimeConvention;
use crate::deadline::explain as facts;
use crate::deadline::narrate::{self, Basis};
use crate::model::Version;
use crate::text::words;

fn skipped(d: &facts::SkippedDay) -> SkippedDay {
    SkippedDay {
        date: d.date.to_string(),
        reason: d.kind.code().into(),
        // A weekend is named by its weekday (Thứ Bảy, Chủ nhật).
        name: d.name.clone().unwrap_or_else(|| {
            words::capitalise(&words::weekday(chrono::Datelike::weekday(&d.date)).vi)
        }),
    }
}

/// The explanation of a computed deadline, for a version of a catalogue procedure.
pub fn to_json(e: &facts::Explanation, version: &Version, source: SourceOut) -> Explanation {
    let basis = Basis {
        decision: source.decision.clone(),
        item: source.item.clone(),
    };
    let clock_text = narrate::clock(&e.clock);
    let cutoff_text = narrate::cutoff(&e.clock);
    let summary = narrate::summary(e, Some(&basis));
    let c = &e.clock;
    let clock = ClockStart {
        received_at: c.received_at.to_rfc3339(),
        restarted_at: c.restarted_at.map(|r| r.to_rfc3339()),
        clock_started_at: c.started_at.to_rfc3339(),
        cutoff: c.cutoff.map(words::clock),
        cutoff_source: c.cutoff_source.code().into(),
        cutoff_reach: c.cutoff_reach.map(|r| r.code().into()),
        cutoff_decision: c.cutoff_decision.clone(),
        cutoff_out_of_reach: c.cutoff_out_of_reach.map(words::clock),
        cutoff_en: cutoff_text.en,
        cutoff_vi: cutoff_text.vi,
        cutoff_applied: c.reason == crate::deadline::ClockReason::AfterCutoff,
        reason: if c.restarted_at.is_some() {
            "restarted".into()
        } else {
            c.reason.code().into()
        },
        adjustment: c.reason.code().into(),
        reason_en: clock_text.en,
        reason_vi: clock_text.vi,
        skipped_days: c.skipped_days.iter().map(skipped).collect(),
    };
    let steps = e
        .steps
        .iter()
        .map(|s| StepExplanation {
            id: s.id.clone(),
            name: s.name.clone(),
            role: s.role.clone(),
            allotment: s
                .allotment
                .map(|d| AmountOut::from(crate::model::Amount::Days(d))),
            working_minutes: s.working_minutes,
            started_at: s.started_at.to_rfc3339(),
            due_at: s.due_at.to_rfc3339(),
            skipped_days: s.skipped_days.iter().map(skipped).collect(),
            worked_weekend_days: s
                .worked_days
                .iter()
                .map(|w| SkippedDay {
                    date: w.date.to_string(),
                    reason: "working_day".into(),
                    name: w.name.clone(),
                })
                .collect(),
            pauses: s
                .pauses
                .iter()
                .map(|p| PauseInput {
                    from: p.from.to_rfc3339(),
                    to: p.to.to_rfc3339(),
                })
                .collect(),
            interpretations: version
                .interpretations
                .iter()
                .filter(|i| i.step.as_deref() == Some(s.id.as_str()))
                .map(|i| i.text.clone())
                .collect(),
        })
        .collect();
    let cal = &e.calendar;
    let days = if cal.provisional_years.is_empty() {
        "official"
    } else if cal.provisional_years.len() == cal.years {
        "provisional"
    } else {
        "mixed"
    };
    Explanation {
        source,
        clock,
        calendar: CalendarUse {
            id: cal.id.clone(),
            days: days.into(),
            provisional_years: cal.provisional_years.clone(),
            uncertain_days: cal.uncertain_days.iter().map(|d| d.to_string()).collect(),
            uncertain_days_counted_as: if cal.uncertain_days_off {
                "day_off".into()
            } else {
                "working_day".into()
            },
            due_time: match cal.due_time {
                DueTimeConvention::KeepClockTime => "keep_clock_time".into(),
                DueTimeConvention::EndOfDay => "end_of_day".into(),
            },
        },
        steps,
        interpretations: version
            .interpretations
            .iter()
            .filter(|i| i.step.is_none())
            .map(|i| InterpretationOut {
                step: None,
                text: i.text.clone(),
            })
            .collect(),
        skipped_days: e.skipped_days.iter().map(skipped).collect(),
        summary_vi: summary.vi,
        summary_en: summary.en,
    }
}
