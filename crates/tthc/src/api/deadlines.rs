//! `POST /v1/deadlines`, `POST /v1/status` and their batch forms.

use super::error::{ApiError, ApiJson, Problem};
use super::procedures::{find, version_summary};
use super::state::{AppState, Snapshot};
use super::types::*;
use crate::calendar::{CalendarError, DEFAULT_CALENDAR, WorkingCalendar};
use crate::deadline::{self, Case, DeadlineError, Pause, Plan, Status};
use crate::model::Version;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, FixedOffset};
use std::sync::Arc;

/// Most cases in one batch call.
pub const MAX_BATCH: usize = 1000;
/// Most pauses in one case.
pub const MAX_PAUSES: usize = 100;
/// Default `due_soon` threshold: one working day of the default calendar.
pub const DEFAULT_DUE_SOON_MINUTES: i64 = 480;

fn time(field: &str, text: &str, offset: FixedOffset) -> Result<DateTime<FixedOffset>, ApiError> {
    crate::datetime::parse_local(text, offset).map_err(|_| {
        ApiError::invalid(
            field,
            format!("`{text}` is not a date and time: use RFC 3339, e.g. 2025-03-04T11:04:00+07:00 (without offset: Vietnam time)"),
            format!("`{text}` không phải ngày giờ hợp lệ: dùng RFC 3339, ví dụ 2025-03-04T11:04:00+07:00 (không ghi múi giờ: giờ Việt Nam)"),
        )
    })
}

fn calendar_error(e: &CalendarError, field: &str) -> ApiError {
    match e {
        CalendarError::OutOfHorizon { date, from, to } => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "out_of_range",
            Some(field),
            format!("{date} is outside the calendar's supported years {from}–{to}"),
            format!(
                "ngày {} nằm ngoài khoảng năm lịch hỗ trợ {from}–{to}",
                date.format("%d/%m/%Y")
            ),
        ),
        CalendarError::UnknownCalendar(id) => ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_calendar",
            Some("calendar"),
            format!("there is no calendar `{id}`"),
            format!("không có lịch `{id}`"),
        ),
        other => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "calendar_error",
            Some(field),
            other.to_string(),
            format!("lịch không trả lời được: {other}"),
        ),
    }
}

fn deadline_error(e: &DeadlineError) -> ApiError {
    let fmt = |t: &DateTime<FixedOffset>| t.to_rfc3339();
    match e {
        DeadlineError::OutOfHorizon(o) => calendar_error(&CalendarError::from(*o), "received_at"),
        DeadlineError::BackwardsPause { from, to } => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "pause_runs_backwards",
            Some("pauses"),
            format!(
                "a pause ends ({}) before it starts ({})",
                fmt(to),
                fmt(from)
            ),
            format!(
                "một khoảng tạm dừng kết thúc ({}) trước khi bắt đầu ({})",
                fmt(to),
                fmt(from)
            ),
        ),
        DeadlineError::OverlappingPauses {
            first_ends,
            second_starts,
        } => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "pauses_overlap",
            Some("pauses"),
            format!(
                "pauses overlap: one starts at {} before the previous ends at {}",
                fmt(second_starts),
                fmt(first_ends)
            ),
            format!(
                "các khoảng tạm dừng chồng nhau: một khoảng bắt đầu lúc {} trước khi khoảng trước kết thúc lúc {}",
                fmt(second_starts),
                fmt(first_ends)
            ),
        ),
        DeadlineError::PauseBeforeClockStart { from } => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "pause_before_receipt",
            Some("pauses"),
            format!("a pause starts at {} before the clock started", fmt(from)),
            format!(
                "khoảng tạm dừng bắt đầu lúc {} trước khi bắt đầu tính thời hạn",
                fmt(from)
            ),
        ),
        DeadlineError::RestartBeforeReceipt => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "restart_before_receipt",
            Some("restarted_at"),
            "restarted_at is earlier than received_at",
            "thời điểm tính lại (restarted_at) sớm hơn thời điểm tiếp nhận",
        ),
        DeadlineError::BeforeReceipt { at } => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "before_receipt",
            None,
            format!("{} is before the file was received", fmt(at)),
            format!("{} sớm hơn thời điểm tiếp nhận hồ sơ", fmt(at)),
        ),
        DeadlineError::AllotmentTooLarge => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "allotment_too_large",
            None,
            "the procedure's time is too large to compute",
            "thời gian của thủ tục quá lớn để tính",
        ),
    }
}

/// A request resolved against the snapshot: what the engine needs, and what the
/// response reports.
pub struct Resolved<'s> {
    /// The calendar.
    pub calendar: &'s WorkingCalendar,
    /// The version in force on the receipt date.
    pub version: &'s Version,
    /// The engine's plan.
    pub plan: Plan,
    /// The case's timeline.
    pub case: Case,
}

/// Checks and resolves one request.
pub fn resolve<'s>(snap: &'s Snapshot, req: &DeadlineRequest) -> Result<Resolved<'s>, ApiError> {
    let calendar = snap
        .calendars
        .get(req.calendar.as_deref().unwrap_or(DEFAULT_CALENDAR))
        .map_err(|e| calendar_error(&e, "calendar"))?;
    let offset = calendar.index().offset();
    let received = time("received_at", &req.received_at, offset)?;
    let procedure = find(&snap.catalogue, &req.procedure, Some("procedure"))?;
    let local_date = received.with_timezone(&offset).date_naive();
    let version = procedure.version_at(local_date).ok_or_else(|| {
        let periods: Vec<String> = procedure
            .versions
            .iter()
            .map(|v| match v.valid_until {
                Some(u) => format!("{} – {u}", v.valid_from),
                None => format!("{} –", v.valid_from),
            })
            .collect();
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "no_version_in_force",
            Some("received_at"),
            format!(
                "procedure `{}` has no version in force on {local_date} (in force: {})",
                procedure.id,
                periods.join("; ")
            ),
            format!(
                "thủ tục `{}` không có phiên bản có hiệu lực ngày {} (hiệu lực: {})",
                procedure.id,
                local_date.format("%d/%m/%Y"),
                periods.join("; ")
            ),
        )
    })?;
    let plan = Plan::from_version(version, req.variant.as_deref()).map_err(|e| {
        let known: Vec<&str> = version.variants.iter().map(|v| v.id.as_str()).collect();
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_variant",
            Some("variant"),
            e.to_string(),
            format!(
                "thủ tục không có trường hợp `{}`; các trường hợp: {}",
                req.variant.as_deref().unwrap_or(""),
                known.join(", ")
            ),
        )
    })?;
    let mut case = Case::received(received);
    if let Some(r) = &req.restarted_at {
        case.restarted_at = Some(time("restarted_at", r, offset)?);
    }
    let pauses = req.pauses.as_deref().unwrap_or_default();
    if pauses.len() > MAX_PAUSES {
        return Err(ApiError::invalid(
            "pauses",
            format!("at most {MAX_PAUSES} pauses per case"),
            format!("tối đa {MAX_PAUSES} khoảng tạm dừng cho một hồ sơ"),
        ));
    }
    for (i, p) in pauses.iter().enumerate() {
        case.pauses.push(Pause {
            from: time(&format!("pauses[{i}].from"), &p.from, offset)?,
            to: time(&format!("pauses[{i}].to"), &p.to, offset)?,
        });
    }
    Ok(Resolved {
        calendar,
        version,
        plan,
        case,
    })
}

fn rfc(t: DateTime<FixedOffset>) -> String {
    t.to_rfc3339()
}

/// Computes one deadline.
pub fn compute(snap: &Snapshot, req: &DeadlineRequest) -> Result<DeadlineResponse, ApiError> {
    let r = resolve(snap, req)?;
    respond(snap, req, &r, req.explain.unwrap_or(false))
}

/// The deadline response of a resolved request.
fn respond(
    snap: &Snapshot,
    req: &DeadlineRequest,
    r: &Resolved<'_>,
    explain: bool,
) -> Result<DeadlineResponse, ApiError> {
    let due =
        deadline::compute_due(r.calendar, &r.plan, &r.case).map_err(|e| deadline_error(&e))?;
    let explanation = if explain {
        Some(super::explain::explain(snap, r, &due).map_err(|e| deadline_error(&e))?)
    } else {
        None
    };
    Ok(DeadlineResponse {
        procedure: req.procedure.clone(),
        version: version_summary(&snap.catalogue, r.version),
        variant: req.variant.clone(),
        calendar: r.calendar.config().id.clone(),
        received_at: rfc(r.case.received_at),
        clock_started_at: rfc(due.clock_started_at),
        due_at: rfc(due.due_at),
        provisional: due.provisional,
        steps: due
            .steps
            .iter()
            .map(|s| StepDueOut {
                id: s.id.to_string(),
                name: s.name.to_string(),
                role: s.role.to_string(),
                due_at: rfc(s.due_at),
            })
            .collect(),
        explanation,
    })
}

/// Computes one status.
pub fn status(snap: &Snapshot, req: &StatusRequest) -> Result<StatusResponse, ApiError> {
    let r = resolve(snap, &req.case)?;
    let offset = r.calendar.index().offset();
    let threshold = req.due_soon_minutes.unwrap_or(DEFAULT_DUE_SOON_MINUTES);
    if threshold < 0 {
        return Err(ApiError::invalid(
            "due_soon_minutes",
            "due_soon_minutes cannot be negative",
            "due_soon_minutes không được âm",
        ));
    }
    let (report, as_of, field) = match (&req.at, &req.completed_at) {
        (Some(_), Some(_)) | (None, None) => {
            return Err(ApiError::invalid(
                "at",
                "give exactly one of `at` (open case) and `completed_at` (finished case)",
                "chỉ ghi một trong hai: `at` (hồ sơ đang xử lý) hoặc `completed_at` (hồ sơ đã giải quyết)",
            ));
        }
        (Some(at), None) => {
            let at = time("at", at, offset)?;
            (
                deadline::status_at(r.calendar, &r.plan, &r.case, at, threshold),
                at,
                "at",
            )
        }
        (None, Some(done)) => {
            let done = time("completed_at", done, offset)?;
            (
                deadline::status_completed(r.calendar, &r.plan, &r.case, done),
                done,
                "completed_at",
            )
        }
    };
    let report = report.map_err(|e| match e {
        DeadlineError::BeforeReceipt { .. } => {
            let mut err = deadline_error(&e);
            err.problem.code = if field == "completed_at" {
                "completion_before_receipt".into()
            } else {
                "before_receipt".into()
            };
            err.problem.field = Some(field.into());
            err
        }
        other => deadline_error(&other),
    })?;
    let deadline = respond(snap, &req.case, &r, false)?;
    let current_step = match report.status {
        Status::NotDue | Status::DueSoon => deadline.steps.iter().find_map(|s| {
            let due = DateTime::parse_from_rfc3339(&s.due_at).ok()?;
            (due >= as_of).then(|| s.id.clone())
        }),
        _ => None,
    };
    let label_vi = match report.status {
        Status::Overdue => format!("Quá hạn {}", report.working_time_vi),
        Status::Late => format!("Trễ hạn {}", report.working_time_vi),
        Status::Early | Status::OnTime => format!(
            "{} (còn {})",
            capitalise(report.status.label_vi()),
            report.working_time_vi
        ),
        Status::NotDue | Status::DueSoon => format!("Còn {}", report.working_time_vi),
    };
    let status = serde_json::to_value(report.status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    Ok(StatusResponse {
        procedure: req.case.procedure.clone(),
        version: deadline.version.clone(),
        status,
        status_vi: report.status.label_vi().to_string(),
        due_at: rfc(report.due_at),
        as_of: rfc(as_of),
        working_minutes: report.working_minutes,
        working_time_vi: report.working_time_vi,
        label_vi,
        current_step,
        provisional: report.provisional,
        deadline,
    })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn batch_limit(n: usize) -> Result<(), ApiError> {
    if n > MAX_BATCH {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "batch_too_large",
            Some("cases"),
            format!("{n} cases in one call; at most {MAX_BATCH}"),
            format!("{n} hồ sơ trong một lần gọi; tối đa {MAX_BATCH}"),
        ));
    }
    Ok(())
}

const PROBLEM: &str = "application/problem+json";

/// The appointment and each step's due time for a case.
#[utoipa::path(post, path = "/v1/deadlines", tag = "deadlines", request_body = DeadlineRequest,
    responses(
        (status = 200, description = "The deadline", body = DeadlineResponse),
        (status = 400, description = "Malformed JSON", body = super::error::Problem, content_type = PROBLEM),
        (status = 404, description = "Unknown procedure or calendar", body = super::error::Problem, content_type = PROBLEM),
        (status = 413, description = "Body too large", body = super::error::Problem, content_type = PROBLEM),
        (status = 415, description = "Not JSON", body = super::error::Problem, content_type = PROBLEM),
        (status = 422, description = "A field cannot be used (date, variant, pauses…)", body = super::error::Problem, content_type = PROBLEM),
    ))]
pub async fn deadlines(
    State(state): State<Arc<AppState>>,
    ApiJson(req): ApiJson<DeadlineRequest>,
) -> Result<Json<DeadlineResponse>, ApiError> {
    compute(&state.snapshot(), &req).map(Json)
}

/// The status of a case at a moment or at completion.
#[utoipa::path(post, path = "/v1/status", tag = "deadlines", request_body = StatusRequest,
    responses(
        (status = 200, description = "The status", body = StatusResponse),
        (status = 400, description = "Malformed JSON", body = super::error::Problem, content_type = PROBLEM),
        (status = 404, description = "Unknown procedure or calendar", body = super::error::Problem, content_type = PROBLEM),
        (status = 413, description = "Body too large", body = super::error::Problem, content_type = PROBLEM),
        (status = 415, description = "Not JSON", body = super::error::Problem, content_type = PROBLEM),
        (status = 422, description = "A field cannot be used (completion before receipt…)", body = super::error::Problem, content_type = PROBLEM),
    ))]
pub async fn status_one(
    State(state): State<Arc<AppState>>,
    ApiJson(req): ApiJson<StatusRequest>,
) -> Result<Json<StatusResponse>, ApiError> {
    status(&state.snapshot(), &req).map(Json)
}

/// Answers every case of a batch in order, each with its result or its problem (whose
/// field is prefixed with `cases[i]`).
fn each_case<T, R>(
    cases: &[T],
    answer: impl Fn(&T) -> Result<R, ApiError>,
) -> Vec<Result<R, Box<Problem>>> {
    cases
        .iter()
        .enumerate()
        .map(|(i, c)| answer(c).map_err(|e| e.in_field(&format!("cases[{i}]")).problem))
        .collect()
}

/// Many deadlines at once (at most 1000); a case's error does not fail the others.
#[utoipa::path(post, path = "/v1/deadlines/batch", tag = "deadlines", request_body = DeadlineBatchRequest,
    responses(
        (status = 200, description = "One result per case, in order", body = DeadlineBatchResponse),
        (status = 400, description = "Malformed JSON", body = super::error::Problem, content_type = PROBLEM),
        (status = 413, description = "Too many cases or body too large", body = super::error::Problem, content_type = PROBLEM),
        (status = 415, description = "Not JSON", body = super::error::Problem, content_type = PROBLEM),
        (status = 422, description = "The body is not a batch", body = super::error::Problem, content_type = PROBLEM),
    ))]
pub async fn deadlines_batch(
    State(state): State<Arc<AppState>>,
    ApiJson(req): ApiJson<DeadlineBatchRequest>,
) -> Result<Json<DeadlineBatchResponse>, ApiError> {
    batch_limit(req.cases.len())?;
    let snap = state.snapshot();
    let results = each_case(&req.cases, |c| compute(&snap, c))
        .into_iter()
        .map(DeadlineBatchItem::from)
        .collect();
    Ok(Json(DeadlineBatchResponse { results }))
}

/// Many statuses at once (at most 1000); a case's error does not fail the others.
#[utoipa::path(post, path = "/v1/status/batch", tag = "deadlines", request_body = StatusBatchRequest,
    responses(
        (status = 200, description = "One result per case, in order", body = StatusBatchResponse),
        (status = 400, description = "Malformed JSON", body = super::error::Problem, content_type = PROBLEM),
        (status = 413, description = "Too many cases or body too large", body = super::error::Problem, content_type = PROBLEM),
        (status = 415, description = "Not JSON", body = super::error::Problem, content_type = PROBLEM),
        (status = 422, description = "The body is not a batch", body = super::error::Problem, content_type = PROBLEM),
    ))]
pub async fn status_batch(
    State(state): State<Arc<AppState>>,
    ApiJson(req): ApiJson<StatusBatchRequest>,
) -> Result<Json<StatusBatchResponse>, ApiError> {
    batch_limit(req.cases.len())?;
    let snap = state.snapshot();
    let results = each_case(&req.cases, |c| status(&snap, c))
        .into_iter()
        .map(StatusBatchItem::from)
        .collect();
    Ok(Json(StatusBatchResponse { results }))
}
