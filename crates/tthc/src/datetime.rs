//! Reading the date-times people and other systems write: RFC 3339 (with or without
//! fractional seconds, and with the `+0700` basic offset some systems send), a local
//! `2025-03-04 11:04`, or the `04/03/2025 11:04:00` Vietnamese portals print and clerks
//! paste. A form without an offset means the calendar's time zone (Vietnam time).

use crate::text::Text;
use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};

/// Today's date in Vietnam (+07:00, no daylight saving), whatever the machine's time
/// zone: the default date of coverage checks in the CLI, the API and the language server.
pub fn today_in_vietnam() -> chrono::NaiveDate {
    let vn = FixedOffset::east_opt(7 * 3600).expect("a valid offset");
    chrono::Utc::now().with_timezone(&vn).date_naive()
}

/// The accepted forms, as messages list them.
pub const ACCEPTED_FORMS: &str = "`2025-03-04 11:04`, `04/03/2025 11:04:00` (Vietnam time), or RFC 3339 `2025-03-04T11:04:00+07:00` (also `+0700`, `Z`, fractional seconds)";

/// The same, in Vietnamese.
pub const ACCEPTED_FORMS_VI: &str = "`2025-03-04 11:04`, `04/03/2025 11:04:00` (giờ Việt Nam), hoặc RFC 3339 `2025-03-04T11:04:00+07:00` (cả `+0700`, `Z`, phần lẻ của giây)";

/// Why a text is not a date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatetimeError {
    /// It is in none of the accepted forms.
    Unrecognised,
    /// It has an accepted form but names a day or time that does not exist (30/02, 25:00).
    Impossible,
}

impl DatetimeError {
    /// The stable code, as API problems and rejected report rows carry it:
    /// `bad_datetime` or `impossible_datetime`.
    pub fn code(self) -> &'static str {
        match self {
            DatetimeError::Unrecognised => "bad_datetime",
            DatetimeError::Impossible => "impossible_datetime",
        }
    }

    /// What is wrong with `input`, in both languages, with the forms to write instead:
    /// the one wording every front end shows.
    ///
    /// ```
    /// use tthc::datetime::DatetimeError;
    /// let t = DatetimeError::Impossible.text("30/02/2025 10:00");
    /// assert!(t.en.starts_with("`30/02/2025 10:00` names a day or time that does not exist"));
    /// assert!(t.vi.contains("không có thật"));
    /// ```
    pub fn text(self, input: &str) -> Text {
        let (forms, forms_vi) = (ACCEPTED_FORMS, ACCEPTED_FORMS_VI);
        let input = crate::text::chars::visible(input);
        match self {
            DatetimeError::Impossible => Text::new(
                format!("`{input}` names a day or time that does not exist; write one of {forms}"),
                format!(
                    "`{input}` là ngày hoặc giờ không có thật; hãy viết theo một trong các dạng {forms_vi}"
                ),
            ),
            DatetimeError::Unrecognised => Text::new(
                format!("`{input}` is not a date and time; write one of {forms}"),
                format!(
                    "`{input}` không phải ngày giờ hợp lệ; hãy viết theo một trong các dạng {forms_vi}"
                ),
            ),
        }
    }
}

/// Forms with an offset, tried after RFC 3339: ISO 8601 with a basic offset (`+0700`).
const WITH_OFFSET: &[&str] = &["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"];

/// Local forms, taken at the calendar's offset.
const LOCAL: &[&str] = &[
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S%.f",
];

/// Reads a date and time in one of the [`ACCEPTED_FORMS`]; a form without an offset is
/// taken at `offset`.
///
/// ```
/// use chrono::FixedOffset;
/// use tthc::datetime::{parse_local, DatetimeError};
/// let vn = FixedOffset::east_opt(7 * 3600).unwrap();
/// let pasted = parse_local("25/07/2024 15:35:13", vn).unwrap();
/// assert_eq!(pasted.to_rfc3339(), "2024-07-25T15:35:13+07:00");
/// assert_eq!(parse_local("2024-07-25T08:35:13.250Z", vn).unwrap().timestamp(), pasted.timestamp());
/// assert_eq!(parse_local("2024-07-25T15:35:13+0700", vn).unwrap(), pasted);
/// assert_eq!(parse_local("30/02/2025 10:00", vn), Err(DatetimeError::Impossible));
/// assert_eq!(parse_local("tomorrow", vn), Err(DatetimeError::Unrecognised));
/// ```
pub fn parse_local(
    text: &str,
    offset: FixedOffset,
) -> Result<DateTime<FixedOffset>, DatetimeError> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t);
    }
    for format in WITH_OFFSET {
        if let Ok(t) = DateTime::parse_from_str(text, format) {
            return Ok(t);
        }
    }
    for format in LOCAL {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            return offset
                .from_local_datetime(&naive)
                .single()
                .ok_or(DatetimeError::Impossible);
        }
    }
    Err(if has_an_accepted_shape(text) {
        DatetimeError::Impossible
    } else {
        DatetimeError::Unrecognised
    })
}

/// Whether `text` is written in an accepted form, whatever its numbers: then a text that
/// did not parse names a day or time that does not exist (30/02, 25:00).
fn has_an_accepted_shape(text: &str) -> bool {
    let digits = |s: &str, lens: std::ops::RangeInclusive<usize>| {
        lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let Some((date, time)) = text.split_once([' ', 'T', 't']) else {
        return false;
    };
    let dashed: Vec<&str> = date.split('-').collect();
    let slashed: Vec<&str> = date.split('/').collect();
    let date_ok = match (dashed.as_slice(), slashed.as_slice()) {
        ([y, m, d], _) | (_, [d, m, y]) => digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2),
        _ => false,
    };
    // The time, without an offset or a fraction of a second.
    let time = time.trim_end_matches(['Z', 'z']);
    let time = match time.rfind(['+', '-']) {
        Some(i) => &time[..i],
        None => time,
    };
    let time = time.split('.').next().unwrap_or(time);
    let time_ok = match time.split(':').collect::<Vec<_>>()[..] {
        [h, m] => digits(h, 1..=2) && digits(m, 2..=2),
        [h, m, s] => digits(h, 1..=2) && digits(m, 2..=2) && digits(s, 2..=2),
        _ => false,
    };
    date_ok && time_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vn() -> FixedOffset {
        FixedOffset::east_opt(7 * 3600).unwrap()
    }

    #[test]
    fn local_times_are_taken_in_the_given_offset() {
        let t = parse_local("2025-03-04 11:04", vn()).unwrap();
        assert_eq!(t.to_rfc3339(), "2025-03-04T11:04:00+07:00");
        let z = parse_local("2025-03-04T04:04:00Z", vn()).unwrap();
        assert_eq!(z, t);
        assert_eq!(parse_local("04/03/2025 11:04", vn()).unwrap(), t);
        assert_eq!(parse_local("4/3/2025 11:04", vn()).unwrap(), t);
    }

    #[test]
    fn offsets_and_fractions_other_systems_send() {
        let t = parse_local("2025-03-04T11:04:00.5+07:00", vn()).unwrap();
        assert_eq!(t.timestamp_subsec_millis(), 500);
        let basic = parse_local("2025-03-04T11:04:00+0700", vn()).unwrap();
        assert_eq!(basic.to_rfc3339(), "2025-03-04T11:04:00+07:00");
        let elsewhere = parse_local("2025-03-04T06:04:00.123456+0200", vn()).unwrap();
        assert_eq!(elsewhere.timestamp(), basic.timestamp());
    }

    #[test]
    fn impossible_dates_are_told_apart_from_unreadable_text() {
        for text in [
            "2025-02-30 10:00",
            "31/04/2025 08:00",
            "2025-03-04 25:00",
            "29/02/2025 08:00",
        ] {
            assert_eq!(
                parse_local(text, vn()),
                Err(DatetimeError::Impossible),
                "{text}"
            );
        }
        for text in ["tomorrow", "", "2025-03-04", "04-03-2025 10:00"] {
            assert_eq!(
                parse_local(text, vn()),
                Err(DatetimeError::Unrecognised),
                "{text}"
            );
        }
        assert!(parse_local("29/02/2024 08:00", vn()).is_ok());
    }
}
