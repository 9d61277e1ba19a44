//! Checking one case record: every column's value, the procedure and case resolved
//! against the catalogue, the times in order and inside the calendar. A bad row becomes
//! a [`RowError`] with the column and the reason in both languages.

use crate::law::{Law, Resolved, Seconds};
use crate::schema::{CHANNELS, COLUMNS, STATES, col};
use chrono::{DateTime, FixedOffset};
use tthc::datetime::{ACCEPTED_FORMS, DatetimeError, parse_local};
use tthc::text::Text;

/// One cell as a reader found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell<'a> {
    /// Empty (or null in Parquet).
    Null,
    /// Text, to be read.
    Text(&'a str),
    /// A time already typed (Parquet timestamps), in seconds since the epoch.
    Secs(Seconds),
}

/// A checked row, ready for the `cases` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow<'a> {
    /// `case_id`.
    pub case_id: &'a str,
    /// The procedure, version and case.
    pub resolved: Resolved,
    /// `variant`, `None` for the ordinary case.
    pub variant: Option<&'a str>,
    /// `direct` or `online`.
    pub channel: &'static str,
    /// `received_at`.
    pub received_at: Seconds,
    /// `restarted_at`.
    pub restarted_at: Option<Seconds>,
    /// `completed_at`.
    pub completed_at: Option<Seconds>,
    /// One of [`STATES`].
    pub state: &'static str,
    /// `portal_due_at`.
    pub portal_due_at: Option<Seconds>,
}

/// Why a row was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// A stable code: `missing_value`, `bad_datetime`, `impossible_datetime`,
    /// `outside_calendar`, `bad_channel`, `bad_state`, `unknown_procedure`,
    /// `no_version_in_force`, `unknown_variant`, `case_required`,
    /// `restart_before_receipt`, `completed_before_receipt`, `completed_before_restart`,
    /// `state_needs_completed_at`, `open_with_completed_at`, `malformed_row`.
    pub code: &'static str,
    /// The column at fault, when one is.
    pub column: Option<&'static str>,
    /// What is wrong and how to fix it.
    pub reason: Text,
}

impl RowError {
    /// An error of the row as a whole.
    pub fn row(code: &'static str, reason: Text) -> RowError {
        RowError {
            code,
            column: None,
            reason,
        }
    }

    fn at(column: usize, code: &'static str, reason: Text) -> RowError {
        RowError {
            code,
            column: Some(COLUMNS[column]),
            reason,
        }
    }
}

fn text<'a>(cells: &[Cell<'a>; 9], i: usize) -> Option<&'a str> {
    match cells[i] {
        Cell::Text(t) if !t.trim().is_empty() => Some(t.trim()),
        _ => None,
    }
}

fn required<'a>(cells: &[Cell<'a>; 9], i: usize) -> Result<&'a str, RowError> {
    text(cells, i).ok_or_else(|| {
        RowError::at(
            i,
            "missing_value",
            Text::new(
                format!("`{}` is empty; every row needs one", COLUMNS[i]),
                format!("`{}` để trống; dòng nào cũng phải có", COLUMNS[i]),
            ),
        )
    })
}

fn time(law: &Law, cells: &[Cell<'_>; 9], i: usize) -> Result<Option<Seconds>, RowError> {
    let offset: FixedOffset = law.offset();
    let at: DateTime<FixedOffset> = match cells[i] {
        Cell::Null => return Ok(None),
        Cell::Text(t) if t.trim().is_empty() => return Ok(None),
        Cell::Secs(s) => match DateTime::from_timestamp(s, 0) {
            Some(t) => t.with_timezone(&offset),
            None => return Err(outside(law, i)),
        },
        Cell::Text(t) => match parse_local(t, offset) {
            Ok(t) => t,
            Err(DatetimeError::Impossible) => {
                return Err(RowError::at(
                    i,
                    "impossible_datetime",
                    Text::new(
                        format!(
                            "`{}` is `{t}`, a day or time that does not exist",
                            COLUMNS[i]
                        ),
                        format!("`{}` là `{t}`, ngày hoặc giờ không tồn tại", COLUMNS[i]),
                    ),
                ));
            }
            Err(DatetimeError::Unrecognised) => {
                return Err(RowError::at(
                    i,
                    "bad_datetime",
                    Text::new(
                        format!(
                            "`{}` is `{t}`, not a date and time; write {ACCEPTED_FORMS}",
                            COLUMNS[i]
                        ),
                        format!(
                            "`{}` là `{t}`, không phải ngày giờ; hãy viết {ACCEPTED_FORMS}",
                            COLUMNS[i]
                        ),
                    ),
                ));
            }
        },
    };
    let (first, last) = law.horizon();
    let day = at.with_timezone(&offset).date_naive();
    if day < first || day > last {
        return Err(outside(law, i));
    }
    Ok(Some(at.timestamp()))
}

fn outside(law: &Law, i: usize) -> RowError {
    let (first, last) = law.horizon();
    RowError::at(
        i,
        "outside_calendar",
        Text::new(
            format!(
                "`{}` lies outside the years the calendar covers ({} to {})",
                COLUMNS[i],
                first.format("%Y"),
                last.format("%Y")
            ),
            format!(
                "`{}` nằm ngoài các năm lịch làm việc có ({} đến {})",
                COLUMNS[i],
                first.format("%Y"),
                last.format("%Y")
            ),
        ),
    )
}

fn one_of(value: &str, allowed: &[&'static str]) -> Option<&'static str> {
    allowed
        .iter()
        .copied()
        .find(|a| a.eq_ignore_ascii_case(value))
}

/// Checks one row's cells (in [`COLUMNS`] order) against the catalogue and calendar.
pub fn check<'a>(law: &Law, cells: &[Cell<'a>; 9]) -> Result<CaseRow<'a>, RowError> {
    let case_id = required(cells, col::CASE_ID)?;
    let procedure = required(cells, col::PROCEDURE)?;
    let variant = text(cells, col::VARIANT);
    let channel_text = required(cells, col::CHANNEL)?;
    let channel = one_of(channel_text, &CHANNELS).ok_or_else(|| {
        RowError::at(
            col::CHANNEL,
            "bad_channel",
            Text::new(
                format!("`channel` is `{channel_text}`; write `direct` (at the desk) or `online`"),
                format!("`channel` là `{channel_text}`; hãy viết `direct` (trực tiếp) hoặc `online` (trực tuyến)"),
            ),
        )
    })?;
    let state_text = required(cells, col::STATE)?;
    let state = one_of(state_text, &STATES).ok_or_else(|| {
        RowError::at(
            col::STATE,
            "bad_state",
            Text::new(
                format!(
                    "`state` is `{state_text}`; write one of {}",
                    STATES.join(", ")
                ),
                format!(
                    "`state` là `{state_text}`; hãy viết một trong {}",
                    STATES.join(", ")
                ),
            ),
        )
    })?;
    let Some(received_at) = time(law, cells, col::RECEIVED_AT)? else {
        return Err(required(cells, col::RECEIVED_AT).unwrap_err());
    };
    let restarted_at = time(law, cells, col::RESTARTED_AT)?;
    let completed_at = time(law, cells, col::COMPLETED_AT)?;
    let portal_due_at = time(law, cells, col::PORTAL_DUE_AT)?;
    let before = |i: usize, code: &'static str, what: (&str, &str)| {
        RowError::at(
            i,
            code,
            Text::new(
                format!("`{}` is before {}", COLUMNS[i], what.0),
                format!("`{}` trước {}", COLUMNS[i], what.1),
            ),
        )
    };
    if restarted_at.is_some_and(|r| r < received_at) {
        return Err(before(
            col::RESTARTED_AT,
            "restart_before_receipt",
            ("`received_at`", "`received_at`"),
        ));
    }
    if let Some(c) = completed_at {
        if c < received_at {
            return Err(before(
                col::COMPLETED_AT,
                "completed_before_receipt",
                ("`received_at`", "`received_at`"),
            ));
        }
        if restarted_at.is_some_and(|r| c < r) {
            return Err(before(
                col::COMPLETED_AT,
                "completed_before_restart",
                ("`restarted_at`", "`restarted_at`"),
            ));
        }
    }
    match (state, completed_at) {
        ("completed" | "returned" | "cancelled", None) => {
            return Err(RowError::at(
                col::COMPLETED_AT,
                "state_needs_completed_at",
                Text::new(
                    format!(
                        "the state is `{state}` but `completed_at` is empty; give the time the case was {state}"
                    ),
                    format!(
                        "trạng thái là `{state}` nhưng `completed_at` để trống; hãy ghi thời điểm kết thúc hồ sơ"
                    ),
                ),
            ));
        }
        ("processing" | "paused", Some(_)) => {
            return Err(RowError::at(
                col::COMPLETED_AT,
                "open_with_completed_at",
                Text::new(
                    format!(
                        "the state is `{state}` but `completed_at` is set; an open case has no completion time"
                    ),
                    format!(
                        "trạng thái là `{state}` nhưng `completed_at` có giá trị; hồ sơ đang xử lý chưa có thời điểm kết thúc"
                    ),
                ),
            ));
        }
        _ => {}
    }
    let received_day = law.local(received_at).date_naive();
    let resolved = law.resolve(procedure, received_day, variant).map_err(|e| {
        let column = match e.code() {
            "unknown_variant" | "case_required" => col::VARIANT,
            _ => col::PROCEDURE,
        };
        let code = e.code();
        let reason = match &e {
            // The engine's wording points API clients at GET /v1/procedures; a clerk
            // reading a rejected row needs the command instead.
            tthc::deadline::ResolveError::UnknownProcedure { id, suggestion } => {
                let hint = match suggestion {
                    Some(s) => tthc::text::words::did_you_mean(s),
                    None => Text::new(
                        "`tthc list` lists the catalogue's ids and national codes",
                        "`tthc list` liệt kê mã và mã quốc gia của danh mục",
                    ),
                };
                Text::new(
                    format!("there is no procedure `{id}` in the catalogue; {}", hint.en),
                    format!("danh mục không có thủ tục `{id}`; {}", hint.vi),
                )
            }
            _ => e.text(),
        };
        RowError::at(column, code, reason)
    })?;
    Ok(CaseRow {
        case_id,
        resolved,
        variant,
        channel,
        received_at,
        restarted_at,
        completed_at,
        state,
        portal_due_at,
    })
}
