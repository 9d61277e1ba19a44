//! "Why this date?": for each step its allotment, when it started and ended, the
//! weekends, holidays (by name) and pauses it skipped; whether the cutoff applied; whether
//! the calendar days were official or provisional; and where the numbers come from.

use super::deadlines::Resolved;
use super::state::Snapshot;
use super::types::{AmountOut, InterpretationOut, PauseInput, SourceOut};
use crate::calendar::{DayKind, WorkingCalendar};
use crate::deadline::{DeadlineError, Due};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike, Weekday};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A non-working day inside a step's window.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SkippedDay {
    /// The date.
    pub date: String,
    /// `weekend`, `holiday` or `day_off`.
    pub reason: String,
    /// The holiday's name, or the weekday for weekends (Thứ Bảy, Chủ nhật).
    pub name: String,
}

/// One step's share of the count.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StepExplanation {
    /// Step id.
    pub id: String,
    /// Step name.
    pub name: String,
    /// Role id.
    pub role: String,
    /// Its allotment in this case; absent when it has no time of its own.
    pub allotment: Option<AmountOut>,
    /// Working minutes the allotment is worth on this calendar (0 when none).
    pub working_minutes: i64,
    /// When the step's count starts (the previous step's due time, or the clock start).
    pub started_at: String,
    /// When it is due.
    pub due_at: String,
    /// Non-working days skipped inside the window.
    pub skipped_days: Vec<SkippedDay>,
    /// Saturdays or Sundays inside the window that were declared working days.
    pub worked_weekend_days: Vec<SkippedDay>,
    /// Pauses overlapping the window.
    pub pauses: Vec<PauseInput>,
    /// Notes where the decision's row for this step was interpreted.
    pub interpretations: Vec<String>,
}

/// How the count started.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ClockStart {
    /// When the file was received.
    pub received_at: String,
    /// When the count started.
    pub clock_started_at: String,
    /// The cutoff in force (the procedure's, else the calendar's).
    pub cutoff: Option<String>,
    /// True when the receipt was after the cutoff on a working day.
    pub cutoff_applied: bool,
    /// `on_receipt`, `after_cutoff`, `outside_working_hours`, `non_working_day` or `restarted`.
    pub reason: String,
    /// The same in a Vietnamese sentence.
    pub reason_vi: String,
    /// Non-working days between the receipt and the clock start (e.g. Tết after a
    /// receipt on the last afternoon before it).
    pub skipped_days: Vec<SkippedDay>,
}

/// Which calendar days were used.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CalendarUse {
    /// Calendar id.
    pub id: String,
    /// `official` (announced schedules only), `provisional` or `mixed`.
    pub days: String,
    /// Years whose days were computed, not announced.
    pub provisional_years: Vec<i32>,
    /// `keep_clock_time` or `end_of_day`.
    pub due_time: String,
}

/// The whole explanation.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Explanation {
    /// The decision and item the numbers come from.
    pub source: SourceOut,
    /// How the count started.
    pub clock: ClockStart,
    /// The calendar days used.
    pub calendar: CalendarUse,
    /// Each step.
    pub steps: Vec<StepExplanation>,
    /// Interpretations of the decision for this version (not tied to one step).
    pub interpretations: Vec<InterpretationOut>,
    /// One paragraph in Vietnamese, for the clerk to read out.
    pub summary_vi: String,
}

fn weekday_vi(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

fn when_vi(t: DateTime<FixedOffset>) -> String {
    format!(
        "{:02}:{:02} {} {}",
        t.hour(),
        t.minute(),
        weekday_vi(t.weekday()).to_lowercase(),
        t.format("%d/%m/%Y")
    )
}

/// Non-working days and worked weekend days between two dates (inclusive).
fn days_between(
    calendar: &WorkingCalendar,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(Vec<SkippedDay>, Vec<SkippedDay>), DeadlineError> {
    let index = calendar.index();
    let mut skipped = Vec::new();
    let mut worked = Vec::new();
    let mut d = from;
    // An explanation walks the days of one case's window; the deadline itself never does.
    while d <= to {
        // The window lies between a computed clock start and due time, so its years are
        // inside the horizon; an empty list would only lose the holiday names.
        let marks = calendar.marks_for_year(d.year()).unwrap_or(&[]);
        let mark = marks.iter().find(|m| m.date == d);
        if index.is_working_day(d)? {
            if let Some(m) = mark.filter(|m| m.kind == DayKind::WorkingDay) {
                worked.push(SkippedDay {
                    date: d.to_string(),
                    reason: "working_day".into(),
                    name: m.name.clone(),
                });
            }
        } else {
            let (reason, name) = match mark {
                Some(m) if m.kind == DayKind::Holiday => ("holiday", m.name.clone()),
                Some(m) => ("day_off", m.name.clone()),
                None => ("weekend", weekday_vi(d.weekday()).to_string()),
            };
            skipped.push(SkippedDay {
                date: d.to_string(),
                reason: reason.into(),
                name,
            });
        }
        match d.succ_opt() {
            Some(n) => d = n,
            None => break,
        }
    }
    Ok((skipped, worked))
}

/// Builds the explanation of a computed deadline.
pub fn explain(
    snap: &Snapshot,
    r: &Resolved<'_>,
    due: &Due<'_>,
) -> Result<Explanation, DeadlineError> {
    let calendar = r.calendar;
    let config = calendar.config();
    let index = calendar.index();
    let per_day = index.minutes_per_day();
    let received = r.case.received_at.with_timezone(&index.offset());
    let started = due.clock_started_at;
    let cutoff = r.plan.cutoff.or(config.cutoff);
    let minute_of_day = received.hour() * 60 + received.minute();
    let in_hours = config
        .sessions
        .iter()
        .any(|s| minute_of_day >= s.start && minute_of_day < s.end);
    let working_day = index.is_working_day(received.date_naive())?;
    let after_cutoff = cutoff.is_some_and(|c| received.time() > c);
    let (reason, reason_vi) = if r.case.restarted_at.is_some() {
        (
            "restarted",
            "Hồ sơ được bổ sung: thời hạn tính lại từ lúc nhận hồ sơ đã bổ sung.".to_string(),
        )
    } else if started == r.case.received_at {
        (
            "on_receipt",
            "Thời hạn tính từ lúc tiếp nhận hồ sơ.".to_string(),
        )
    } else if !working_day {
        (
            "non_working_day",
            format!(
                "Hồ sơ nhận vào ngày nghỉ nên thời hạn tính từ {}.",
                when_vi(started)
            ),
        )
    } else if after_cutoff && in_hours {
        let c = cutoff
            .map(|c| c.format("%H:%M").to_string())
            .unwrap_or_default();
        (
            "after_cutoff",
            format!(
                "Hồ sơ nhận sau {c} nên thời hạn tính từ {}.",
                when_vi(started)
            ),
        )
    } else {
        (
            "outside_working_hours",
            format!(
                "Hồ sơ nhận ngoài giờ làm việc nên thời hạn tính từ {}.",
                when_vi(started)
            ),
        )
    };
    let clock_skipped = if started.date_naive() > received.date_naive() {
        days_between(calendar, received.date_naive(), started.date_naive())?.0
    } else {
        Vec::new()
    };
    let clock = ClockStart {
        received_at: r.case.received_at.to_rfc3339(),
        clock_started_at: started.to_rfc3339(),
        cutoff: cutoff.map(|c| c.format("%H:%M").to_string()),
        cutoff_applied: reason == "after_cutoff",
        reason: reason.into(),
        reason_vi,
        skipped_days: clock_skipped,
    };
    let mut steps = Vec::new();
    let mut window_start = started;
    for (plan_step, step_due) in r.plan.steps.iter().zip(&due.steps) {
        let (skipped_days, worked_weekend_days) = days_between(
            calendar,
            window_start.date_naive(),
            step_due.due_at.date_naive(),
        )?;
        let pauses = r
            .case
            .pauses
            .iter()
            .filter(|p| p.from < step_due.due_at && p.to > window_start)
            .map(|p| PauseInput {
                from: p.from.to_rfc3339(),
                to: p.to.to_rfc3339(),
            })
            .collect();
        steps.push(StepExplanation {
            id: plan_step.id.clone(),
            name: plan_step.name.clone(),
            role: plan_step.role.clone(),
            allotment: plan_step
                .allotment
                .map(|d| crate::model::Amount::Days(d).into()),
            working_minutes: match plan_step.allotment {
                Some(d) => crate::deadline::minutes_in(d, per_day)?,
                None => 0,
            },
            started_at: window_start.to_rfc3339(),
            due_at: step_due.due_at.to_rfc3339(),
            skipped_days,
            worked_weekend_days,
            pauses,
            interpretations: r
                .version
                .interpretations
                .iter()
                .filter(|i| i.step.as_deref() == Some(plan_step.id.as_str()))
                .map(|i| i.text.clone())
                .collect(),
        });
        window_start = step_due.due_at;
    }
    let mut provisional_years: Vec<i32> = (started.year()..=due.due_at.year())
        .filter(|y| !config.announced.contains(*y))
        .collect();
    provisional_years.dedup();
    let span_years = (due.due_at.year() - started.year() + 1) as usize;
    let days = if provisional_years.is_empty() {
        "official"
    } else if provisional_years.len() == span_years {
        "provisional"
    } else {
        "mixed"
    };
    let source = super::procedures::version_summary(&snap.catalogue, r.version).source;
    let (all_skipped, _) = days_between(calendar, received.date_naive(), due.due_at.date_naive())?;
    let holidays: Vec<String> = all_skipped
        .iter()
        .filter(|d| d.reason != "weekend")
        .map(|d| {
            let date = NaiveDate::parse_from_str(&d.date, "%Y-%m-%d")
                .map(|x| x.format("%d/%m").to_string());
            format!("{} {}", date.unwrap_or_default(), d.name)
        })
        .collect();
    let total = match r.plan.total {
        crate::deadline::Allotment::SameDay => "giải quyết trong ngày".to_string(),
        crate::deadline::Allotment::Days(d) => {
            format!("{} ngày làm việc", d.to_string().replace('.', ","))
        }
    };
    let mut summary_vi = format!(
        "Hồ sơ tiếp nhận lúc {}. {} Thời hạn {total} theo mục {} Quyết định {}",
        when_vi(received),
        clock.reason_vi,
        source.item,
        source.decision
    );
    if !holidays.is_empty() {
        summary_vi.push_str(&format!(
            "; không tính các ngày nghỉ: {}",
            holidays.join(", ")
        ));
    }
    if !r.case.pauses.is_empty() {
        summary_vi.push_str(&format!(
            "; không tính {} khoảng tạm dừng",
            r.case.pauses.len()
        ));
    }
    summary_vi.push_str(&format!(". Hẹn trả kết quả lúc {}.", when_vi(due.due_at)));
    if days != "official" {
        summary_vi
            .push_str(" Lịch nghỉ của năm chưa được công bố chính thức: ngày hẹn là tạm tính.");
    }
    Ok(Explanation {
        source,
        clock,
        calendar: CalendarUse {
            id: config.id.clone(),
            days: days.into(),
            provisional_years,
            due_time: match config.due_time {
                crate::calendar::DueTimeConvention::KeepClockTime => "keep_clock_time".into(),
                crate::calendar::DueTimeConvention::EndOfDay => "end_of_day".into(),
            },
        },
        steps,
        interpretations: r
            .version
            .interpretations
            .iter()
            .filter(|i| i.step.is_none())
            .map(|i| InterpretationOut {
                step: None,
                text: i.text.clone(),
            })
            .collect(),
        summary_vi,
    })
}
