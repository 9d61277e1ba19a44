//! The deadline commands' text output, in the user's language: the engine's results and
//! facts worded through [`tthc::text::words`] and [`tthc::deadline::narrate`].

use super::deadline::CliError;
use chrono::Datelike;
use std::fmt::Write as _;
use tthc::calendar::{DayKind, WorkingCalendar};
use tthc::deadline::explain::{Explanation, SkipKind};
use tthc::deadline::narrate::{self, Basis};
use tthc::deadline::{Case, Due, StatusReport};
use tthc::model::Procedure;
use tthc::service::types::VersionSummary;
use tthc::text::{Lang, Text, words};

/// What the case is about, for the first lines.
pub struct Head<'a> {
    /// The procedure and its version in force, for a catalogue case.
    pub procedure: Option<(&'a Procedure, &'a VersionSummary)>,
    /// The case (variant) asked for.
    pub variant: Option<&'a str>,
}

/// Labels padded to one column, so the values line up in a terminal.
fn line(out: &mut String, label: &str, value: &str) {
    let width = 18usize;
    let pad = width.saturating_sub(label.chars().count());
    let _ = writeln!(out, "{label}:{} {value}", " ".repeat(pad));
}

/// The appointment, each step's due time and, when asked, why.
pub fn due(
    lang: Lang,
    head: &Head<'_>,
    case: &Case,
    due: &Due<'_>,
    why: Option<&Explanation>,
) -> String {
    let mut out = String::new();
    let l = |en: &'static str, vi: &'static str| lang.pick(en, vi);
    if let Some((p, version)) = head.procedure {
        let source = &version.source;
        // A version that renames the procedure is named as it says.
        let name = version.name.as_deref().unwrap_or(&p.name);
        let basis = Text::new(
            format!("item {} of Decision {}", source.item, source.decision),
            format!("mục {} Quyết định {}", source.item, source.decision),
        );
        line(
            &mut out,
            l("Procedure", "Thủ tục"),
            &format!("{} — {name} ({})", p.id, basis.get(lang)),
        );
    }
    if let Some(v) = head.variant {
        line(&mut out, l("Case", "Trường hợp"), v);
    }
    line(
        &mut out,
        l("Received", "Nhận hồ sơ"),
        words::when(case.received_at).get(lang),
    );
    if let Some(r) = case.restarted_at {
        line(
            &mut out,
            l("Restarted", "Nhận lại"),
            words::when(r).get(lang),
        );
    }
    line(
        &mut out,
        l("Count started", "Bắt đầu tính"),
        words::when(due.clock_started_at).get(lang),
    );
    line(
        &mut out,
        l("Result due", "Hẹn trả kết quả"),
        words::when(due.due_at).get(lang),
    );
    if due.provisional {
        let _ = writeln!(
            out,
            "{}",
            l(
                "Provisional: the days off of a year not yet announced were computed.",
                "Tạm tính: lịch nghỉ của năm chưa công bố được tính theo quy định.",
            )
        );
    }
    if let Some(u) = narrate::uncertain(&due.uncertain_days, due.uncertain_days_off) {
        let _ = writeln!(out, "{}", u.get(lang));
    }
    if !due.steps.is_empty() {
        let _ = writeln!(out, "{}:", l("Steps", "Các bước"));
        for (i, s) in due.steps.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {}. {} — {} [{}]: {}",
                i + 1,
                s.id,
                s.name,
                s.role,
                words::when(s.due_at).get(lang)
            );
        }
    }
    if let Some(e) = why {
        explanation(&mut out, lang, e, head);
    }
    out
}

fn day_list(days: &[tthc::deadline::explain::SkippedDay], lang: Lang) -> String {
    let items: Vec<String> = days
        .iter()
        .map(|d| {
            let date = words::day(d.date);
            match (&d.name, d.kind) {
                (Some(n), _) => format!("{} ({n})", date.get(lang)),
                (None, SkipKind::Weekend) | (None, _) => date.get(lang).to_string(),
            }
        })
        .collect();
    items.join(", ")
}

/// Appends the explanation of a deadline: why the count started when it did, the days
/// not counted by name, each step's window, and the clerk's paragraph.
pub fn explanation(out: &mut String, lang: Lang, e: &Explanation, head: &Head<'_>) {
    let l = |en: &'static str, vi: &'static str| lang.pick(en, vi);
    let _ = writeln!(out, "\n{}:", l("Why this date", "Vì sao là ngày này"));
    let _ = writeln!(out, "  {}", narrate::clock(&e.clock).get(lang));
    let off: Vec<_> = e.days_off().cloned().collect();
    if !off.is_empty() {
        let _ = writeln!(
            out,
            "  {}: {}",
            l(
                "Holidays and days off not counted",
                "Ngày lễ, ngày nghỉ không tính"
            ),
            day_list(&off, lang)
        );
    }
    let weekends: Vec<_> = e
        .skipped_days
        .iter()
        .filter(|d| d.kind == SkipKind::Weekend)
        .cloned()
        .collect();
    if !weekends.is_empty() {
        let _ = writeln!(
            out,
            "  {}: {}",
            l("Weekends not counted", "Cuối tuần không tính"),
            day_list(&weekends, lang)
        );
    }
    for p in &e.pauses {
        let _ = writeln!(
            out,
            "  {}: {} → {}",
            l("Paused", "Tạm dừng"),
            words::when(p.from).get(lang),
            words::when(p.to).get(lang)
        );
    }
    for (i, s) in e.steps.iter().enumerate() {
        let time = match s.allotment {
            Some(d) => format!(
                "{} ({})",
                words::working_days(d).get(lang),
                words::working_time(s.working_minutes, e.calendar.minutes_per_day).get(lang)
            ),
            None => l("no time of its own", "không có thời gian riêng").to_string(),
        };
        let _ = writeln!(
            out,
            "  {} {} {}: {time}; {} {} → {}",
            l("Step", "Bước"),
            i + 1,
            s.id,
            l("from", "từ"),
            words::when(s.started_at).get(lang),
            words::when(s.due_at).get(lang)
        );
        for w in &s.worked_days {
            let _ = writeln!(
                out,
                "    {}: {} ({})",
                l("worked weekend day", "ngày cuối tuần làm việc"),
                words::day(w.date).get(lang),
                w.name
            );
        }
    }
    if !e.calendar.provisional_years.is_empty() {
        let years: Vec<String> = e
            .calendar
            .provisional_years
            .iter()
            .map(i32::to_string)
            .collect();
        let _ = writeln!(
            out,
            "  {}: {}",
            l(
                "Days off computed, not yet announced, for",
                "Lịch nghỉ tạm tính (chưa công bố) của năm"
            ),
            years.join(", ")
        );
    }
    let basis = head.procedure.map(|(_, s)| Basis {
        decision: s.source.decision.clone(),
        item: s.source.item.clone(),
    });
    let _ = writeln!(out, "\n{}", narrate::summary(e, basis.as_ref()).get(lang));
}

/// A status: its label and the working time left or over, the appointment, the step the
/// case should be in.
pub fn status(
    lang: Lang,
    report: &StatusReport,
    minutes_per_day: i64,
    current_step: Option<&str>,
) -> String {
    let mut out = String::new();
    let l = |en: &'static str, vi: &'static str| lang.pick(en, vi);
    let label = report.status.label();
    let _ = writeln!(
        out,
        "{} — {}",
        words::capitalise(label.get(lang)),
        report.line(minutes_per_day).get(lang)
    );
    line(
        &mut out,
        l("Result due", "Hẹn trả kết quả"),
        words::when(report.due_at).get(lang),
    );
    if let Some(s) = current_step {
        line(&mut out, l("Current step", "Bước hiện tại"), s);
    }
    if report.provisional {
        let _ = writeln!(
            out,
            "{}",
            l(
                "Provisional: the days off of a year not yet announced were computed.",
                "Tạm tính: lịch nghỉ của năm chưa công bố được tính theo quy định.",
            )
        );
    }
    if let Some(u) = narrate::uncertain(&report.uncertain_days, report.uncertain_days_off) {
        let _ = writeln!(out, "{}", u.get(lang));
    }
    out
}

/// A year's exceptional days and its number of working days.
pub fn year(lang: Lang, calendar: &WorkingCalendar, year: i32) -> Result<String, CliError> {
    let marks = calendar.marks_for_year(year)?;
    let index = calendar.index();
    let (Some(first), Some(last)) = (
        chrono::NaiveDate::from_ymd_opt(year, 1, 1),
        chrono::NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Err(CliError::Input(Text::new(
            format!("{year} is not a valid year"),
            format!("{year} không phải năm hợp lệ"),
        )));
    };
    let per_day = index.minutes_per_day();
    let working_days = (index.at_start_of(last)? - index.at_start_of(first)?) / per_day
        + i64::from(index.is_working_day(last)?);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — {year}: {working_days} {}",
        calendar.config().name,
        lang.pick("working days", "ngày làm việc")
    );
    if calendar.is_provisional(first) {
        let _ = writeln!(
            out,
            "{}",
            lang.pick(
                "Provisional: computed from the Labour Code and the lunar calendar, not announced.",
                "Tạm tính: tính theo Bộ luật Lao động và âm lịch, chưa được công bố.",
            )
        );
    }
    for m in marks {
        let kind = match (m.kind, lang) {
            (DayKind::Holiday, Lang::En) => "holiday",
            (DayKind::Holiday, Lang::Vi) => "ngày lễ",
            (DayKind::DayOff, Lang::En) => "day off",
            (DayKind::DayOff, Lang::Vi) => "ngày nghỉ",
            (DayKind::WorkingDay, Lang::En) => "working day",
            (DayKind::WorkingDay, Lang::Vi) => "ngày làm việc",
        };
        let w = words::weekday(m.date.weekday());
        let doubt = match m.confidence {
            tthc::calendar::Confidence::Uncertain if calendar.could_change_a_result(m.date) => {
                lang.pick(
                    " [uncertain: legal basis not confirmed]",
                    " [chưa chắc chắn: chưa có căn cứ pháp lý chắc chắn]",
                )
            }
            // Not a working day either way: whether it is a day off changes no result.
            tthc::calendar::Confidence::Uncertain => lang.pick(
                " [legal basis not confirmed, but it falls on a weekend: no result depends on it]",
                " [chưa có căn cứ pháp lý chắc chắn, nhưng rơi vào cuối tuần: không kết quả nào phụ thuộc vào ngày này]",
            ),
            _ => "",
        };
        let _ = writeln!(
            out,
            "{} {:<9} {:<14} {}{doubt}",
            words::date(m.date).get(lang),
            w.get(lang),
            kind,
            m.name
        );
    }
    Ok(out)
}
