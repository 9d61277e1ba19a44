//! Reading and writing the holiday ICS files (`calendars/vn-YYYY.ics`).
//!
//! The agreed format is deliberately narrow: one all-day `VEVENT` per day, with
//! `DTSTART;VALUE=DATE`, `DTEND;VALUE=DATE` the next day, `SUMMARY`, `UID`, optional
//! `DESCRIPTION`, `CATEGORIES` exactly one of `HOLIDAY`, `DAY-OFF`, `WORKING-DAY`, and
//! optionally `X-TTHC-CONFIDENCE:UNCERTAIN` for a day whose legal basis is not confirmed
//! (an `X-` property, which RFC 5545 reserves for such private extensions).
//! Anything else is rejected so that a typo in the official data cannot silently turn
//! a holiday into a working day.

use super::error::CalendarError;
use super::marks::{Confidence, DayKind, DayMark};
use chrono::NaiveDate;
use icalendar::parser::{Component, read_calendar, unfold};
use icalendar::{Calendar, Component as _, Event, EventLike};

/// The private property that marks a day whose legal basis is not confirmed.
pub const CONFIDENCE: &str = "X-TTHC-CONFIDENCE";

/// The deepest nesting of `BEGIN:` blocks read. The agreed format needs 2 (`VCALENDAR`,
/// then `VEVENT`); RFC 5545 itself goes to 3 (`VTIMEZONE` then `STANDARD`, `VEVENT` then
/// `VALARM`). The parser recurses once per level, so a file of thousands of nested
/// `BEGIN:` lines would overflow the stack and abort the process: such a file is refused
/// before it is parsed.
pub const MAX_NESTING: usize = 8;

/// Reads the exceptional days of one ICS file; `file` is only used in errors.
pub fn read_marks(file: &str, text: &str) -> Result<Vec<DayMark>, CalendarError> {
    let unfolded = unfold(text);
    if let Some(line) = too_deep(&unfolded) {
        return Err(CalendarError::Ics {
            file: file.to_owned(),
            event: None,
            message: format!(
                "BEGIN: blocks are nested more than {MAX_NESTING} deep (line {line} of the unfolded text); the agreed format nests a VEVENT in the VCALENDAR, nothing deeper"
            ),
        });
    }
    let calendar = read_calendar(&unfolded).map_err(|e| CalendarError::Ics {
        file: file.to_owned(),
        event: None,
        message: format!("not a valid iCalendar file: {e}"),
    })?;
    let mut marks = Vec::new();
    for (i, component) in calendar.components.iter().enumerate() {
        match component.name.as_str() {
            "VEVENT" => marks.push(read_event(file, i + 1, component)?),
            "VTIMEZONE" => {}
            other => {
                return Err(CalendarError::Ics {
                    file: file.to_owned(),
                    event: None,
                    message: format!("unexpected component {other}: only VEVENTs are allowed"),
                });
            }
        }
    }
    if marks.is_empty() {
        return Err(CalendarError::Ics {
            file: file.to_owned(),
            event: None,
            message: "no VEVENT found".into(),
        });
    }
    Ok(marks)
}

/// The line (1-based) at which `BEGIN:` blocks open past [`MAX_NESTING`], if they do.
/// Counted as the parser reads: a content line starting `BEGIN:` (any case) opens a
/// block, one starting `END:` closes one, whatever they name (a mismatched `END:` is the
/// parser's error to report, and it stops there), so the count is never below the
/// parser's own depth.
fn too_deep(unfolded: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, line) in unfolded.split('\n').enumerate() {
        let head = line.get(..6).unwrap_or(line);
        if head.len() >= 6 && head.eq_ignore_ascii_case("BEGIN:") {
            depth += 1;
            if depth > MAX_NESTING {
                return Some(i + 1);
            }
        } else if line
            .get(..4)
            .is_some_and(|h| h.eq_ignore_ascii_case("END:"))
        {
            depth = depth.saturating_sub(1);
        }
    }
    None
}

fn read_event(
    file: &str,
    position: usize,
    event: &Component<'_>,
) -> Result<DayMark, CalendarError> {
    let uid = event.find_prop("UID").map(|p| p.val.as_str().to_owned());
    let label = uid.clone().unwrap_or_else(|| format!("#{position}"));
    let bad = |message: String| CalendarError::Ics {
        file: file.to_owned(),
        event: Some(label.clone()),
        message,
    };
    if uid.as_deref().is_none_or(str::is_empty) {
        return Err(bad("missing UID".into()));
    }
    let date_of = |name: &str| -> Result<NaiveDate, CalendarError> {
        let prop = event
            .find_prop(name)
            .ok_or_else(|| bad(format!("missing {name}")))?;
        let is_date = prop.params.iter().any(|p| {
            p.key.as_str().eq_ignore_ascii_case("VALUE")
                && p.val
                    .as_ref()
                    .is_some_and(|v| v.as_str().eq_ignore_ascii_case("DATE"))
        });
        if !is_date {
            return Err(bad(format!("{name} must be an all-day date (VALUE=DATE)")));
        }
        NaiveDate::parse_from_str(prop.val.as_str(), "%Y%m%d").map_err(|_| {
            bad(format!(
                "{name} `{}` is not a date YYYYMMDD",
                prop.val.as_str()
            ))
        })
    };
    let start = date_of("DTSTART")?;
    let end = date_of("DTEND")?;
    if start.succ_opt() != Some(end) {
        return Err(bad(format!(
            "DTEND {end} must be the day after DTSTART {start}: one event per day"
        )));
    }
    if event.find_prop("RRULE").is_some() {
        return Err(bad(
            "recurring events are not allowed: one event per day".into()
        ));
    }
    let category = event
        .find_prop("CATEGORIES")
        .ok_or_else(|| bad("missing CATEGORIES (HOLIDAY, DAY-OFF or WORKING-DAY)".into()))?;
    let word = category.val.as_str().trim();
    let kind = DayKind::from_category(word).ok_or_else(|| {
        bad(format!(
            "CATEGORIES `{word}` must be exactly one of HOLIDAY, DAY-OFF, WORKING-DAY"
        ))
    })?;
    let name = event
        .find_prop("SUMMARY")
        .map(|p| p.val.clone().unescape_text().as_str().to_owned())
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| bad("missing SUMMARY".into()))?;
    let source = event
        .find_prop("DESCRIPTION")
        .map(|p| p.val.clone().unescape_text().as_str().to_owned())
        .unwrap_or_default();
    let confidence = match event.find_prop(CONFIDENCE).map(|p| p.val.as_str().trim()) {
        None | Some("ANNOUNCED") => Confidence::Announced,
        Some("UNCERTAIN") => Confidence::Uncertain,
        Some(other) => {
            return Err(bad(format!(
                "{CONFIDENCE} `{other}` must be UNCERTAIN (or ANNOUNCED, the default)"
            )));
        }
    };
    Ok(DayMark {
        date: start,
        kind,
        name,
        source,
        provisional: false,
        confidence,
    })
}

/// Writes days in the agreed format; `calendar_id` prefixes the UIDs.
pub fn write_marks(calendar_id: &str, name: &str, marks: &[DayMark]) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name);
    for mark in marks {
        let Some(next) = mark.date.succ_opt() else {
            continue;
        };
        let uid = format!("{calendar_id}-{}@tthc", mark.date.format("%Y-%m-%d"));
        let mut description = mark.source.clone();
        if mark.provisional {
            description.push_str(" [provisional]");
        }
        let mut event = Event::new();
        event
            .uid(&uid)
            .summary(&mark.name)
            .description(&description)
            .starts(mark.date)
            .ends(next)
            .add_property("CATEGORIES", mark.kind.category());
        if mark.confidence == Confidence::Uncertain {
            event.add_property(CONFIDENCE, "UNCERTAIN");
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(body: &str) -> String {
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n{body}END:VEVENT\r\nEND:VCALENDAR\r\n"
        )
    }

    const OK: &str = "UID:vn-2025-04-26@tthc\r\nDTSTART;VALUE=DATE:20250426\r\nDTEND;VALUE=DATE:20250427\r\nSUMMARY:Làm bù\r\nDESCRIPTION:QĐ\r\nCATEGORIES:WORKING-DAY\r\n";

    #[test]
    fn reads_an_event_in_the_agreed_format() {
        let marks = read_marks("x.ics", &event(OK)).unwrap();
        assert_eq!(marks.len(), 1);
        assert_eq!(marks[0].date, NaiveDate::from_ymd_opt(2025, 4, 26).unwrap());
        assert_eq!(marks[0].kind, DayKind::WorkingDay);
        assert_eq!(marks[0].name, "Làm bù");
    }

    #[test]
    fn rejects_with_file_event_and_reason() {
        let e = read_marks(
            "x.ics",
            &event(&OK.replace("WORKING-DAY", "HOLIDAY,DAY-OFF")),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.ics: event vn-2025-04-26@tthc: CATEGORIES `HOLIDAY,DAY-OFF` must be exactly one of HOLIDAY, DAY-OFF, WORKING-DAY"
        );
        let e = read_marks("x.ics", &event(&OK.replace("20250427", "20250428"))).unwrap_err();
        assert!(e.to_string().contains("must be the day after"), "{e}");
        let e = read_marks(
            "x.ics",
            &event(&OK.replace(";VALUE=DATE:20250426", ":20250426T000000")),
        )
        .unwrap_err();
        assert!(e.to_string().contains("VALUE=DATE"), "{e}");
        assert!(read_marks("x.ics", "garbage").is_err());
    }

    #[test]
    fn reads_and_writes_the_confidence() {
        let text = event(&format!("{OK}X-TTHC-CONFIDENCE:UNCERTAIN\r\n"));
        let marks = read_marks("x.ics", &text).unwrap();
        assert_eq!(marks[0].confidence, Confidence::Uncertain);
        let again = write_marks("vn", "Lịch", &marks);
        assert_eq!(read_marks("y.ics", &again).unwrap(), marks);
        assert_eq!(
            read_marks("x.ics", &event(OK)).unwrap()[0].confidence,
            Confidence::Announced
        );
        let e =
            read_marks("x.ics", &event(&format!("{OK}X-TTHC-CONFIDENCE:MAYBE\r\n"))).unwrap_err();
        assert!(e.to_string().contains("must be UNCERTAIN"), "{e}");
    }

    #[test]
    fn deep_nesting_is_refused_before_it_is_parsed() {
        // Ten thousand nested blocks overflowed the parser's stack and aborted the
        // process (issue 25); run on a thread with a small stack to show they no longer
        // reach the parser.
        let deep = format!(
            "{}{}",
            "BEGIN:VCALENDAR\r\n".repeat(10_000),
            "END:VCALENDAR\r\n".repeat(10_000)
        );
        let e = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || read_marks("deep.ics", &deep).unwrap_err().to_string())
            .unwrap()
            .join()
            .unwrap();
        assert!(e.contains("nested more than 8 deep (line 9"), "{e}");
        // Lower case, and blocks opened and closed one after another, are counted right.
        let e = read_marks("x.ics", &"begin:X\n".repeat(9)).unwrap_err();
        assert!(e.to_string().contains("nested more than 8"), "{e}");
        let siblings = event(OK).replace(
            "BEGIN:VEVENT",
            &format!("{}BEGIN:VEVENT", "BEGIN:X-A\r\nEND:X-A\r\n".repeat(20)),
        );
        let e = read_marks("x.ics", &siblings).unwrap_err().to_string();
        assert!(e.contains("unexpected component X-A"), "{e}");
    }

    #[test]
    fn writes_what_it_reads() {
        let marks = read_marks("x.ics", &event(OK)).unwrap();
        let text = write_marks("vn", "Lịch", &marks);
        assert_eq!(read_marks("y.ics", &text).unwrap(), marks);
    }
}
