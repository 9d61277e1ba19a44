//! The JSON the API reads and writes. Field names are the contract; the OpenAPI document
//! is generated from these types. The questions and answers of the service layer
//! (deadlines, statuses, procedures, explanations) are the core's
//! ([`tthc::service::types`]), re-exported here; the rest belongs to HTTP.

use serde::{Deserialize, Serialize};
pub use tthc::service::types::*;
use utoipa::ToSchema;

/// One answer in a deadline batch: a deadline or a problem, in request order.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DeadlineBatchItem {
    /// The case's `id`, when the request gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// True when `deadline` is present, false when `error` is.
    pub ok: bool,
    /// The deadline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<DeadlineResponse>,
    /// Why this case could not be computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<super::error::Problem>,
}

impl From<Result<DeadlineResponse, Box<super::error::Problem>>> for DeadlineBatchItem {
    fn from(r: Result<DeadlineResponse, Box<super::error::Problem>>) -> Self {
        let ok = r.is_ok();
        let (deadline, error) = match r {
            Ok(d) => (Some(d), None),
            Err(p) => (None, Some(*p)),
        };
        DeadlineBatchItem {
            id: None,
            ok,
            deadline,
            error,
        }
    }
}

/// Answers of a deadline batch.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DeadlineBatchResponse {
    /// One per case, in request order.
    pub results: Vec<DeadlineBatchItem>,
}

/// One answer in a status batch.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StatusBatchItem {
    /// The case's `id`, when the request gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// True when `status` is present, false when `error` is.
    pub ok: bool,
    /// The status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<StatusResponse>,
    /// Why this case could not be answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<super::error::Problem>,
}

impl From<Result<StatusResponse, Box<super::error::Problem>>> for StatusBatchItem {
    fn from(r: Result<StatusResponse, Box<super::error::Problem>>) -> Self {
        let ok = r.is_ok();
        let (status, error) = match r {
            Ok(s) => (Some(s), None),
            Err(p) => (None, Some(*p)),
        };
        StatusBatchItem {
            id: None,
            ok,
            status,
            error,
        }
    }
}

/// Answers of a status batch.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StatusBatchResponse {
    /// One per case, in request order.
    pub results: Vec<StatusBatchItem>,
}

/// A calendar's description.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CalendarOut {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// IANA time zone.
    pub time_zone: String,
    /// Working sessions of a working day, e.g. `07:30-11:30` (with `seasons`, those of the
    /// first period).
    pub sessions: Vec<String>,
    /// Hours by period of the year, e.g. `05-01/09-30 07:00-11:00 13:30-17:30`; empty when
    /// every working day has `sessions`.
    pub seasons: Vec<String>,
    /// Working minutes in a working day.
    pub minutes_per_day: i64,
    /// `keep_clock_time` or `end_of_day`.
    pub due_time: String,
    /// Default cutoff.
    pub cutoff: Option<String>,
    /// `day_off` or `working_day`: how days of uncertain legal basis are counted.
    pub uncertain_days: String,
    /// The calendar it extends (its days off), if any.
    pub extends: Option<String>,
    /// Years whose days are officially announced; others are computed and provisional.
    pub announced_years: Vec<i32>,
    /// First and last year the calendar can answer for.
    pub horizon: Vec<i32>,
    /// The exceptional days of the year asked for (`?year=`), default the current year.
    pub days: Vec<DayOut>,
}

/// A day that differs from the weekly pattern.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DayOut {
    /// Date.
    pub date: String,
    /// `holiday`, `day-off` or `working-day`.
    pub kind: String,
    /// Vietnamese name.
    pub name: String,
    /// Legal source.
    pub source: String,
    /// Computed rather than announced.
    pub provisional: bool,
    /// `announced`, `computed` or `uncertain` (legal basis not confirmed).
    pub confidence: String,
}

/// Readiness: the catalogue is loaded and what it is.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Readiness {
    /// `ready`: a valid catalogue is loaded and answering.
    pub status: String,
    /// Content hash of the catalogue and calendars served.
    pub catalogue_version: String,
    /// Where the catalogue was read from and its version.
    pub catalogue: CatalogueOut,
    /// Number of procedures served.
    pub procedures: usize,
    /// When the server started (RFC 3339, UTC).
    pub started_at: String,
    /// True when the last reload was refused (the previous catalogue keeps serving, so
    /// the server stays ready; the files on disk need fixing).
    pub last_reload_refused: bool,
    /// The last reload, if there was one since the start.
    pub last_reload: Option<ReloadOutcome>,
}

/// What the last reload did.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReloadOutcome {
    /// When it finished (RFC 3339, UTC).
    pub at: String,
    /// `loaded` or `refused`.
    pub result: String,
    /// The version it loaded, when it loaded one.
    pub catalogue_version: Option<String>,
    /// Why it was refused (the checker's report), when it was.
    pub reason: Option<String>,
}

/// Health.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Health {
    /// Always `ok` when the server answers.
    pub status: String,
    /// Content hash of the catalogue and calendars served.
    pub catalogue_version: String,
    /// Number of procedures served.
    pub procedures: usize,
}

/// Result of a reload.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReloadResponse {
    /// The catalogue version now served.
    pub catalogue_version: String,
}

/// A procedure text to check against the served catalogue (`POST /v1/check`).
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct CheckRequest {
    /// The text of one `.tthc` file (at most 1 MiB).
    #[schema(
        example = "procedure vi-du {\n  name \"Thủ tục ví dụ\"\n  authority commune\n  source \"1086/QĐ-UBND\" item \"B.16\"\n  total 3 days\n  step receive \"Tiếp nhận\" by commune-civil-status-at-desk 1 day\n  step appraise \"Thẩm định\" by commune-civil-status 1 day\n}\n"
    )]
    pub text: String,
    /// The file's path as findings name it (a relative path ending in `.tthc`, default
    /// `pasted.tthc`). A path of the served catalogue (as `GET /v1/procedures/{id}/source`
    /// names it) replaces that file: the text is checked as an edit of it; any other path
    /// adds the text as one more file.
    #[serde(default)]
    #[schema(example = "procedures/1086-QD-UBND/b16-cap-giay-xac-nhan-tinh-trang-hon-nhan.tthc")]
    pub file: Option<String>,
    /// The language of messages and help: `vi` or `en` (default `en`).
    #[serde(default)]
    pub lang: Option<LangIn>,
    /// The date whose coverage is checked (TTHC034), YYYY-MM-DD; default today in Vietnam.
    #[serde(default)]
    #[schema(example = "2025-06-30", format = Date, min_length = 10)]
    pub at: Option<String>,
}

/// A language a request can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LangIn {
    /// Vietnamese.
    Vi,
    /// English.
    En,
}

/// What `POST /v1/check` answers: exactly what `tthc check --format json` prints, with
/// only the checked text's findings listed.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct CheckReport {
    /// Which catalogue the text was checked with: `{"origin": "bundled"}`,
    /// `{"origin": "folder", "path": …}` or `{"origin": "files"}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub catalogue: Option<serde_json::Value>,
    /// Procedures defined in the text.
    pub procedures: usize,
    /// Files reported on (1).
    pub files: usize,
    /// Errors in the text.
    pub errors: usize,
    /// Warnings in the text.
    pub warnings: usize,
    /// Findings in the rest of the catalogue, counted but not listed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elsewhere: Option<CheckCounts>,
    /// The findings, by position.
    pub diagnostics: Vec<CheckDiagnostic>,
    /// Findings counted in `errors`/`warnings` but not listed because the report would
    /// pass 2 MiB (only a text whose messages quote very long names comes near it);
    /// absent when none.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub omitted: usize,
}

/// Errors and warnings counted.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct CheckCounts {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
}

/// One finding of the checker.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct CheckDiagnostic {
    /// Stable rule code, e.g. `TTHC012` (`tthc explain CODE`, `GET /problems` does not list them).
    #[schema(example = "TTHC012")]
    pub code: String,
    /// `error` or `warning`.
    pub severity: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// The file (the `file` of the request).
    pub file: String,
    /// First line (1-based).
    pub line: usize,
    /// First column (1-based, in characters).
    pub column: usize,
    /// Last line.
    pub end_line: usize,
    /// Column just after the end.
    pub end_column: usize,
    /// Other places that explain the finding.
    pub labels: Vec<CheckLabel>,
    /// How many more findings of the same rule in the file, after this one, are counted
    /// in `errors`/`warnings` but not listed (at most 100 of a rule and 500 in all are
    /// listed per file); absent when none.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub more: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A secondary place of a finding.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct CheckLabel {
    /// File.
    pub file: String,
    /// Line (1-based).
    pub line: usize,
    /// Column (1-based).
    pub column: usize,
    /// What this place says.
    pub message: String,
}

/// The text of the file a procedure is written in.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct ProcedureSource {
    /// The procedure.
    pub procedure: String,
    /// The file's path in the catalogue: the `file` to send to `POST /v1/check` to check
    /// an edit of it.
    pub file: String,
    /// Its text.
    pub text: String,
}
