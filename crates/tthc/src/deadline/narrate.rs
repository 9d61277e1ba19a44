//! The facts of an [`Explanation`] in sentences, in both languages: the clerk's
//! paragraph, and why the count started when it did. The API, the command line and the
//! web page all take their sentences from here.

use super::clock::ClockReason;
use super::explain::{ClockFacts, Explanation, SkipKind, SkippedDay};
use super::plan::Allotment;
use crate::text::{Text, words};

/// Where the cutoff applied to the count comes from, as one sentence: stated by the
/// procedure, applied by its decision, or the calendar's convention; or why none applies.
///
/// ```
/// use tthc::deadline::narrate;
/// # let cals = tthc::bundled::calendars().unwrap();
/// # let vn = cals.get("vn").unwrap();
/// # let plan = tthc::deadline::Plan::days(tthc::days::Days::whole(10));
/// # let r = chrono::DateTime::parse_from_rfc3339("2024-07-25T15:35:00+07:00").unwrap();
/// # let case = tthc::deadline::Case::received(r);
/// # let due = tthc::deadline::compute_due(vn, &plan, &case).unwrap();
/// let why = tthc::deadline::explain(vn, &plan, &case, &due).unwrap();
/// assert_eq!(
///     narrate::cutoff(&why.clock).en,
///     "No cutoff applies: calendar vn's 15:00 cutoff reaches same-day counts only (the calendar's convention)."
/// );
/// ```
pub fn cutoff(c: &ClockFacts) -> Text {
    use crate::model::{CutoffReach, CutoffSource};
    let reach = |r: Option<CutoffReach>| match r {
        Some(CutoffReach::EveryCount) => ("every count", "mọi thời hạn"),
        _ => ("same-day counts only", "thời hạn trong ngày"),
    };
    let (reach_en, reach_vi) = reach(c.cutoff_reach);
    let (by_en, by_vi) = match (&c.cutoff_source, &c.cutoff_decision) {
        (CutoffSource::Decision, Some(d)) => (
            format!("as Decision {d} states"),
            format!("theo Quyết định {d}"),
        ),
        _ => (
            "the calendar's convention".to_string(),
            "quy ước của lịch".to_string(),
        ),
    };
    let cal = &c.calendar;
    match (c.cutoff, c.cutoff_source) {
        (Some(t), CutoffSource::Procedure) => {
            let t = words::clock(t);
            Text::new(
                format!("Cutoff {t}, stated by the procedure."),
                format!("Giờ chốt {t} do thủ tục quy định."),
            )
        }
        (None, CutoffSource::Procedure) => Text::new(
            "No cutoff: the procedure states none.",
            "Không áp dụng giờ chốt: thủ tục quy định không có giờ chốt.",
        ),
        (Some(t), _) => {
            let t = words::clock(t);
            Text::new(
                format!("Cutoff {t}: calendar {cal}'s cutoff, applied to {reach_en} ({by_en})."),
                format!("Giờ chốt {t}: giờ chốt của lịch {cal}, áp dụng cho {reach_vi} ({by_vi})."),
            )
        }
        (None, _) => match c.cutoff_out_of_reach {
            Some(t) => {
                let t = words::clock(t);
                Text::new(
                    format!(
                        "No cutoff applies: calendar {cal}'s {t} cutoff reaches {reach_en} ({by_en})."
                    ),
                    format!(
                        "Không áp dụng giờ chốt: giờ chốt {t} của lịch {cal} chỉ áp dụng cho {reach_vi} ({by_vi})."
                    ),
                )
            }
            None => Text::new(
                format!("No cutoff: calendar {cal} has none."),
                format!("Không áp dụng giờ chốt: lịch {cal} không có giờ chốt."),
            ),
        },
    }
}

/// Why the count started when it did, as one or two sentences, then where the cutoff
/// comes from.
pub fn clock(c: &ClockFacts) -> Text {
    let mut t = clock_start(c);
    let cutoff = cutoff(c);
    t.en.push(' ');
    t.en.push_str(&cutoff.en);
    t.vi.push(' ');
    t.vi.push_str(&cutoff.vi);
    t
}

/// Why the count started when it did.
fn clock_start(c: &ClockFacts) -> Text {
    let start = words::when(c.started_at);
    let mut en = String::new();
    let mut vi = String::new();
    if let Some(r) = c.restarted_at {
        let at = words::when(r);
        en.push_str(&format!(
            "The supplemented file came back at {}: the count starts again.",
            at.en
        ));
        vi.push_str(&format!(
            "Hồ sơ được bổ sung lúc {}: thời hạn tính lại từ đầu.",
            at.vi
        ));
        if c.reason == ClockReason::OnReceipt {
            return Text::new(en, vi);
        }
        en.push(' ');
        vi.push(' ');
    }
    let (what_en, what_vi) = if c.restarted_at.is_some() {
        ("It came back", "Hồ sơ bổ sung nhận")
    } else {
        ("Received", "Hồ sơ nhận")
    };
    let cutoff = c.cutoff.map(words::clock).unwrap_or_default();
    let days_off = skipped_names(&c.skipped_days);
    match c.reason {
        ClockReason::OnReceipt => {
            en.push_str("The count starts on receipt.");
            vi.push_str("Thời hạn tính từ lúc tiếp nhận hồ sơ.");
        }
        ClockReason::AfterCutoff => {
            en.push_str(&format!(
                "{what_en} after the {cutoff} cutoff, so the count starts at {}.",
                start.en
            ));
            vi.push_str(&format!(
                "{what_vi} sau {cutoff} nên thời hạn tính từ {}.",
                start.vi
            ));
        }
        ClockReason::OutsideWorkingHours => {
            en.push_str(&format!(
                "{what_en} outside working hours, so the count starts at {}.",
                start.en
            ));
            vi.push_str(&format!(
                "{what_vi} ngoài giờ làm việc nên thời hạn tính từ {}.",
                start.vi
            ));
        }
        ClockReason::NonWorkingDay => {
            en.push_str(&format!(
                "{what_en} on a day that is not a working day, so the count starts at {}.",
                start.en
            ));
            vi.push_str(&format!(
                "{what_vi} vào ngày nghỉ nên thời hạn tính từ {}.",
                start.vi
            ));
        }
    }
    if !days_off.en.is_empty() && c.reason != ClockReason::OnReceipt {
        en.push_str(&format!(" Not counted before it: {}.", days_off.en));
        vi.push_str(&format!(" Không tính trước đó: {}.", days_off.vi));
    }
    Text::new(en, vi)
}

/// The holidays and days off of a list by date and name, weekends left out:
/// `27/01 Tết Nguyên đán, 28/01 …`.
pub fn skipped_names(days: &[SkippedDay]) -> Text {
    let named: Vec<&SkippedDay> = days
        .iter()
        .filter(|d| d.kind != SkipKind::Weekend)
        .collect();
    let en: Vec<String> = named
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                d.date.format("%-d %b"),
                d.name.as_deref().unwrap_or_default()
            )
        })
        .collect();
    let vi: Vec<String> = named
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                d.date.format("%d/%m"),
                d.name.as_deref().unwrap_or_default()
            )
        })
        .collect();
    Text::new(en.join(", "), vi.join(", "))
}

/// The procedure's time in words: `giải quyết trong ngày` / `3 ngày làm việc`.
pub fn total(t: Allotment) -> Text {
    match t {
        Allotment::SameDay => Text::new("the same working day", "giải quyết trong ngày"),
        Allotment::Days(d) => words::working_days(d),
    }
}

/// Where the numbers come from, when a procedure's version was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Basis {
    /// The decision's number, e.g. `1086/QĐ-UBND`.
    pub decision: String,
    /// The item in its appendix, e.g. `B.16`.
    pub item: String,
}

/// One paragraph for the clerk to read out: receipt, start, time and its basis, the
/// days off not counted, the pauses, the appointment, and whether it is provisional.
pub fn summary(e: &Explanation, basis: Option<&Basis>) -> Text {
    let received = words::when(e.clock.received_at);
    let clock = clock(&e.clock);
    let total = total(e.total);
    let due = words::when(e.due_at);
    let mut en = format!(
        "Received at {}. {} Time allowed: {}",
        received.en, clock.en, total.en
    );
    let mut vi = format!(
        "Hồ sơ tiếp nhận lúc {}. {} Thời hạn {}",
        received.vi, clock.vi, total.vi
    );
    if let Some(b) = basis {
        en.push_str(&format!(", item {} of Decision {}", b.item, b.decision));
        vi.push_str(&format!(" theo mục {} Quyết định {}", b.item, b.decision));
    }
    let off = skipped_names(&e.skipped_days);
    if !off.en.is_empty() {
        en.push_str(&format!("; days off not counted: {}", off.en));
        vi.push_str(&format!("; không tính các ngày nghỉ: {}", off.vi));
    }
    if !e.pauses.is_empty() {
        let n = e.pauses.len();
        en.push_str(&format!(
            "; {n} pause{} not counted",
            if n == 1 { "" } else { "s" }
        ));
        vi.push_str(&format!("; không tính {n} khoảng tạm dừng"));
    }
    en.push_str(&format!(". Result due at {}.", due.en));
    vi.push_str(&format!(". Hẹn trả kết quả lúc {}.", due.vi));
    if !e.calendar.provisional_years.is_empty() {
        en.push_str(" The days off of a year not yet announced were computed: the appointment is provisional.");
        vi.push_str(" Lịch nghỉ của năm chưa được công bố chính thức: ngày hẹn là tạm tính.");
    }
    if let Some(u) = uncertain(&e.calendar.uncertain_days, e.calendar.uncertain_days_off) {
        en.push(' ');
        en.push_str(&u.en);
        vi.push(' ');
        vi.push_str(&u.vi);
    }
    Text::new(en, vi)
}

/// The warning for days of uncertain legal basis in a counted span, or `None` when there
/// are none: "Uncertain: 24/11/2026 (legal basis not confirmed) was counted as a day off;
/// if it is a working day, the result is due earlier."
pub fn uncertain(days: &[chrono::NaiveDate], counted_off: bool) -> Option<Text> {
    if days.is_empty() {
        return None;
    }
    let list = |f: fn(&Text) -> &str| {
        days.iter()
            .map(|d| f(&words::date(*d)).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (en, vi) = (list(|t| &t.en), list(|t| &t.vi));
    Some(if counted_off {
        Text::new(
            format!(
                "Uncertain: {en} (legal basis not confirmed) counted as day(s) off; if worked, the result is due earlier."
            ),
            format!(
                "Chưa chắc chắn: {vi} (chưa có căn cứ pháp lý chắc chắn) được tính là ngày nghỉ; nếu là ngày làm việc thì hạn trả sớm hơn."
            ),
        )
    } else {
        Text::new(
            format!(
                "Uncertain: {en} (legal basis not confirmed) counted as working day(s); if it is a day off, the result is due later."
            ),
            format!(
                "Chưa chắc chắn: {vi} (chưa có căn cứ pháp lý chắc chắn) được tính là ngày làm việc; nếu là ngày nghỉ thì hạn trả muộn hơn."
            ),
        )
    })
}
