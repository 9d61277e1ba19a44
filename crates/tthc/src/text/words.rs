//! How values are written for people, in both languages: weekdays, dates, times, numbers
//! of working days, working time, and the phrases every message repeats.
//!
//! Vietnamese follows the forms official documents use: weekdays written `thứ Hai` …
//! `thứ Bảy`, `Chủ nhật` (capitalised only at the start of a sentence, see
//! [`capitalise`]); dates `dd/mm/yyyy`; the decimal comma (`0,5 ngày`); working time as
//! staff screens show it (`3 ngày 2 giờ 36 phút`, a "ngày" being one working day).
//! English writes `Wed 5 Feb 2025` so that nobody has to guess the order of day and month.

use super::Text;
use crate::days::Days;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Timelike, Weekday};

/// A weekday: `thứ Tư` / `Wed`.
pub fn weekday(w: Weekday) -> Text {
    let (en, vi) = match w {
        Weekday::Mon => ("Mon", "thứ Hai"),
        Weekday::Tue => ("Tue", "thứ Ba"),
        Weekday::Wed => ("Wed", "thứ Tư"),
        Weekday::Thu => ("Thu", "thứ Năm"),
        Weekday::Fri => ("Fri", "thứ Sáu"),
        Weekday::Sat => ("Sat", "thứ Bảy"),
        Weekday::Sun => ("Sun", "Chủ nhật"),
    };
    Text::new(en, vi)
}

/// A date without its weekday: `05/02/2025` / `5 Feb 2025`.
///
/// ```
/// let d = chrono::NaiveDate::from_ymd_opt(2025, 2, 5).unwrap();
/// let t = tthc::text::words::date(d);
/// assert_eq!(t.vi, "05/02/2025");
/// assert_eq!(t.en, "5 Feb 2025");
/// ```
pub fn date(d: NaiveDate) -> Text {
    Text::new(
        d.format("%-d %b %Y").to_string(),
        d.format("%d/%m/%Y").to_string(),
    )
}

/// A date with its weekday: `thứ Tư, 05/02/2025` / `Wed 5 Feb 2025`.
pub fn day(d: NaiveDate) -> Text {
    let (w, dt) = (weekday(d.weekday()), date(d));
    Text::new(
        format!("{} {}", w.en, dt.en),
        format!("{}, {}", w.vi, dt.vi),
    )
}

/// A clock time: `15:00`.
pub fn clock(t: NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// An instant in its own offset's local time: `10:00 thứ Tư, 05/02/2025` /
/// `10:00, Wed 5 Feb 2025`.
pub fn when(t: DateTime<FixedOffset>) -> Text {
    let (c, d) = (clock(t.time()), day(t.date_naive()));
    Text::new(format!("{c}, {}", d.en), format!("{c} {}", d.vi))
}

/// A count with its thousands grouped: `1,048,576` in English, `1.048.576` in Vietnamese.
///
/// ```
/// let t = tthc::text::words::count(1048576);
/// assert_eq!((t.en.as_str(), t.vi.as_str()), ("1,048,576", "1.048.576"));
/// assert_eq!(tthc::text::words::count(999).en, "999");
/// ```
pub fn count(n: usize) -> Text {
    let digits = n.to_string();
    let group = |sep: char| {
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        out
    };
    Text::new(group(','), group('.'))
}

/// A number of days as written: `0,5` / `0.5`, `1/3` kept as a fraction when it has
/// no finite decimal form.
pub fn number(d: Days) -> Text {
    let en = d.to_string();
    Text::new(en.clone(), en.replace('.', ","))
}

/// A number of working days with its unit: `0,5 ngày làm việc` / `0.5 working days`.
pub fn working_days(d: Days) -> Text {
    let n = number(d);
    let unit = if d == Days::whole(1) {
        "working day"
    } else {
        "working days"
    };
    Text::new(
        format!("{} {unit}", n.en),
        format!("{} ngày làm việc", n.vi),
    )
}

/// Working time in the words staff screens use, a day being one working day of
/// `per_day` minutes (not 24 hours): `3 ngày 2 giờ 36 phút` / `3 days 2 h 36 min`.
/// Zero parts are left out; zero itself is `0 phút` / `0 min`.
///
/// ```
/// let t = tthc::text::words::working_time(3 * 480 + 2 * 60 + 36, 480);
/// assert_eq!(t.vi, "3 ngày 2 giờ 36 phút");
/// assert_eq!(t.en, "3 days 2 h 36 min");
/// ```
pub fn working_time(minutes: i64, per_day: i64) -> Text {
    let minutes = minutes.max(0);
    let per_day = per_day.max(1);
    let (days, rest) = (minutes / per_day, minutes % per_day);
    let (hours, mins) = (rest / 60, rest % 60);
    let (mut en, mut vi) = (Vec::with_capacity(3), Vec::with_capacity(3));
    if days > 0 {
        en.push(format!("{days} {}", if days == 1 { "day" } else { "days" }));
        vi.push(format!("{days} ngày"));
    }
    if hours > 0 {
        en.push(format!("{hours} h"));
        vi.push(format!("{hours} giờ"));
    }
    if mins > 0 || vi.is_empty() {
        en.push(format!("{mins} min"));
        vi.push(format!("{mins} phút"));
    }
    Text::new(en.join(" "), vi.join(" "))
}

/// "did you mean `x`?"
pub fn did_you_mean(candidate: &str) -> Text {
    Text::new(
        format!("did you mean `{candidate}`?"),
        format!("có phải bạn định viết `{candidate}`?"),
    )
}

/// "first declared here", for the label on an earlier declaration.
pub fn first_declared_here() -> Text {
    Text::new("first declared here", "khai báo lần đầu ở đây")
}

/// A list in a sentence: `a, b and c` / `a, b và c`.
pub fn list(items: &[String]) -> Text {
    let join = |and: &str| match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    };
    Text::new(join("and"), join("và"))
}

/// A choice in a sentence: `a, b or c` / `a, b hoặc c`.
pub fn choice(items: &[String]) -> Text {
    let join = |or: &str| match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {or} {last}", rest.join(", ")),
    };
    Text::new(join("or"), join("hoặc"))
}

/// The first letter in upper case, for a phrase that starts a sentence.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_and_weekdays_in_both_languages() {
        let t = day(d(2025, 2, 5));
        assert_eq!(t.vi, "thứ Tư, 05/02/2025");
        assert_eq!(t.en, "Wed 5 Feb 2025");
        assert_eq!(weekday(Weekday::Sun).vi, "Chủ nhật");
        let at = DateTime::parse_from_rfc3339("2025-02-05T10:00:00+07:00").unwrap();
        assert_eq!(when(at).vi, "10:00 thứ Tư, 05/02/2025");
        assert_eq!(when(at).en, "10:00, Wed 5 Feb 2025");
        assert_eq!(capitalise(&weekday(Weekday::Mon).vi), "Thứ Hai");
    }

    #[test]
    fn numbers_use_the_decimal_comma_in_vietnamese() {
        let half = Days::parse("0,5").unwrap();
        assert_eq!(number(half).vi, "0,5");
        assert_eq!(number(half).en, "0.5");
        assert_eq!(
            working_days(Days::parse("10,5").unwrap()).vi,
            "10,5 ngày làm việc"
        );
        assert_eq!(working_days(Days::whole(1)).en, "1 working day");
    }

    #[test]
    fn a_day_of_working_time_is_a_working_day() {
        assert_eq!(working_time(480, 480).vi, "1 ngày");
        assert_eq!(working_time(480, 480).en, "1 day");
        assert_eq!(working_time(61, 480).vi, "1 giờ 1 phút");
        assert_eq!(working_time(0, 480).vi, "0 phút");
        assert_eq!(working_time(-5, 480).en, "0 min");
    }

    #[test]
    fn lists_read_as_sentences() {
        let items = vec!["a".to_string(), "b".to_string(), "c".to_string()];
        assert_eq!(list(&items).en, "a, b and c");
        assert_eq!(list(&items).vi, "a, b và c");
        assert_eq!(list(&items[..1]).vi, "a");
    }
}
