//! Reading the date-times people and other systems write: RFC 3339, or a local
//! date and time without offset, which means the calendar's time zone (Vietnam time).

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};

/// Reads RFC 3339 (`2025-03-04T11:04:00+07:00`, `…Z`) or a local `2025-03-04 11:04`,
/// `2025-03-04T11:04`, `…:SS` taken at `offset`.
pub fn parse_local(text: &str, offset: FixedOffset) -> Result<DateTime<FixedOffset>, String> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t);
    }
    for format in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            return offset
                .from_local_datetime(&naive)
                .single()
                .ok_or_else(|| format!("`{text}` is not a valid local time"));
        }
    }
    Err(format!(
        "`{text}` is not a datetime: use RFC 3339 (2025-03-04T11:04:00+07:00) or `2025-03-04 11:04`"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_are_taken_in_the_given_offset() {
        let vn = FixedOffset::east_opt(7 * 3600).unwrap();
        let t = parse_local("2025-03-04 11:04", vn).unwrap();
        assert_eq!(t.to_rfc3339(), "2025-03-04T11:04:00+07:00");
        let z = parse_local("2025-03-04T04:04:00Z", vn).unwrap();
        assert_eq!(z, t);
        assert!(parse_local("2025-02-30 10:00", vn).is_err());
        assert!(parse_local("tomorrow", vn).is_err());
    }
}
