//! The one reader of a case's timeline as people and systems write it: when the file was
//! received, when a supplemented file came back, and the pauses, each a datetime in one
//! of [`crate::datetime::ACCEPTED_FORMS`]. The API, the command line, the worked
//! examples and the Python module read cases through here, so a date is accepted or
//! refused in the same words everywhere.

use super::error::ServiceError;
use super::types::PauseInput;
use crate::datetime::parse_local;
use crate::deadline::{Case, Pause};
use chrono::{DateTime, FixedOffset};

/// Most pauses in one case.
pub const MAX_PAUSES: usize = 100;

/// Reads the datetime `text` of the input field `field`; a form without an offset is
/// local time at `offset`.
///
/// ```
/// use chrono::FixedOffset;
/// let vn = FixedOffset::east_opt(7 * 3600).unwrap();
/// let t = tthc::service::case::datetime("received_at", "25/07/2024 15:35:13", vn).unwrap();
/// assert_eq!(t.to_rfc3339(), "2024-07-25T15:35:13+07:00");
/// let e = tthc::service::case::datetime("received_at", "31/04/2025 08:00", vn).unwrap_err();
/// assert_eq!((e.code, e.field.as_deref()), ("impossible_datetime", Some("received_at")));
/// ```
pub fn datetime(
    field: &str,
    text: &str,
    offset: FixedOffset,
) -> Result<DateTime<FixedOffset>, ServiceError> {
    parse_local(text, offset).map_err(|e| ServiceError::datetime(field, text, e))
}

/// Splits a pause written on one line, `FROM/TO` (`2025-03-04 09:00/2025-03-06 09:00`);
/// in the dd/mm/yyyy form the separator is a slash with a space on either side
/// (`04/03/2025 09:00 / 06/03/2025 09:00`), since the dates have slashes of their own.
///
/// ```
/// use tthc::service::case::split_pause;
/// assert_eq!(split_pause("2025-03-04 09:00/2025-03-06 09:00").unwrap(), ("2025-03-04 09:00", "2025-03-06 09:00"));
/// assert_eq!(split_pause("04/03/2025 09:00 / 06/03/2025 09:00").unwrap(), ("04/03/2025 09:00", "06/03/2025 09:00"));
/// assert_eq!(split_pause("2025-03-04").unwrap_err().code, "invalid_field");
/// ```
pub fn split_pause(text: &str) -> Result<(&str, &str), ServiceError> {
    let (from, to) = text
        .split_once(" / ")
        .or_else(|| {
            // Without the spaced form, the separator is the one slash that is not part
            // of a dd/mm/yyyy date: with ISO dates there is exactly one.
            (text.matches('/').count() == 1)
                .then(|| text.split_once('/'))
                .flatten()
        })
        .ok_or_else(|| {
            ServiceError::invalid(
                "pauses",
                format!(
                    "the pause `{text}` must be FROM/TO, e.g. `2025-03-04 09:00/2025-03-06 09:00` (with dd/mm/yyyy dates, a spaced ` / ` between them)"
                ),
                format!(
                    "khoảng tạm dừng `{text}` phải có dạng TỪ/ĐẾN, ví dụ `2025-03-04 09:00/2025-03-06 09:00` (với ngày dạng dd/mm/yyyy, ghi ` / ` có dấu cách ở giữa)"
                ),
            )
        })?;
    Ok((from.trim(), to.trim()))
}

/// The timeline of a case: received at `received`, restarted at `restarted` (the count
/// starts again there), with `pauses`; errors name the field at fault (`received_at`,
/// `restarted_at`, `pauses[1].to`).
///
/// ```
/// use chrono::FixedOffset;
/// use tthc::service::PauseInput;
/// let vn = FixedOffset::east_opt(7 * 3600).unwrap();
/// let pauses = [PauseInput { from: "2025-03-05 08:00".into(), to: "2025-03-06 25:00".into() }];
/// let e = tthc::service::case::timeline("2025-03-04 09:00", None, &pauses, vn).unwrap_err();
/// assert_eq!(e.field.as_deref(), Some("pauses[0].to"));
/// ```
pub fn timeline(
    received: &str,
    restarted: Option<&str>,
    pauses: &[PauseInput],
    offset: FixedOffset,
) -> Result<Case, ServiceError> {
    let mut case = Case::received(datetime("received_at", received, offset)?);
    if let Some(r) = restarted {
        case.restarted_at = Some(datetime("restarted_at", r, offset)?);
    }
    if pauses.len() > MAX_PAUSES {
        return Err(ServiceError::invalid(
            "pauses",
            format!("at most {MAX_PAUSES} pauses per case"),
            format!("tối đa {MAX_PAUSES} khoảng tạm dừng cho một hồ sơ"),
        ));
    }
    for (i, p) in pauses.iter().enumerate() {
        case.pauses.push(Pause {
            from: datetime(&format!("pauses[{i}].from"), &p.from, offset)?,
            to: datetime(&format!("pauses[{i}].to"), &p.to, offset)?,
        });
    }
    Ok(case)
}
