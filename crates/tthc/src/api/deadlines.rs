//! `POST /v1/deadlines`, `POST /v1/status` and their batch forms.

use super::error::{ApiError, ApiJson, Problem};
use super::procedures::version_summary;
use super::state::{AppState, Snapshot};
use super::types::*;
use crate::calendar::{CalendarError, DEFAULT_CALENDAR, DueTimeConvention, WorkingCalendar};
use crate::deadline::{self, Case, DeadlineError, Pause, ResolveError, Resolved, Status};
use crate::text::words;
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
    crate::datetime::parse_local(text, offset).map_err(|e| {
        let forms = crate::datetime::ACCEPTED_FORMS;
        match e {
            crate::datetime::DatetimeError::Impossible => ApiError::invalid(
                field,
                format!(
                    "`{text}` names a day or time that does not exist; accepted forms: {forms}"
                ),
                format!("`{text}` là ngày hoặc giờ không có thật; các dạng được nhận: {forms}"),
            ),
            crate::datetime::DatetimeError::Unrecognised => ApiError::invalid(
                field,
                format!("`{text}` is not a date and time; accepted forms: {forms}"),
                format!("`{text}` không phải ngày giờ hợp lệ; các dạng được nhận: {forms}"),
            ),
        }
    })
}

fn calendar_error(e: &CalendarError, field: &str) -> ApiError {
    match e {
        CalendarError::OutOfHorizon { date, from, to } => deadline_error(
            &DeadlineError::OutOfHorizon(crate::calendar::OutOfHorizon {
                date: *date,
                from: *from,
                to: *to,
            }),
            Some(field),
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

/// The problem for an engine error: its own code and words; the request field it
/// concerns (`field` when the caller knows better, e.g. `at` or `completed_at`).
fn deadline_error(e: &DeadlineError, field: Option<&str>) -> ApiError {
    let field = field.or(match e {
        DeadlineError::OutOfHorizon(_) => Some("received_at"),
        DeadlineError::BackwardsPause { .. }
        | DeadlineError::OverlappingPauses { .. }
        | DeadlineError::PauseBeforeClockStart { .. } => Some("pauses"),
        DeadlineError::RestartBeforeReceipt => Some("restarted_at"),
        DeadlineError::BeforeReceipt { .. } => Some("at"),
        DeadlineError::CompletedBeforeReceipt { .. } => Some("completed_at"),
        DeadlineError::AllotmentTooLarge => None,
    });
    let t = e.text();
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        e.code(),
        field,
        t.en,
        t.vi,
    )
}

/// The problem for a resolver error: 404 for an unknown procedure, 422 otherwise.
fn resolve_error(e: &ResolveError) -> ApiError {
    let (status, field) = match e {
        ResolveError::UnknownProcedure { .. } => (StatusCode::NOT_FOUND, "procedure"),
        ResolveError::NoVersionInForce { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "received_at"),
        ResolveError::UnknownVariant { .. } | ResolveError::CaseRequired { .. } => {
            (StatusCode::UNPROCESSABLE_ENTITY, "variant")
        }
    };
    let t = e.text();
    ApiError::new(status, e.code(), Some(field), t.en, t.vi)
}

/// A request made ready for the engine: its calendar, the procedure resolved for the
/// receipt date and case, and the case's timeline.
pub struct Prepared<'s> {
    /// The calendar.
    pub calendar: &'s WorkingCalendar,
    /// The procedure, its version in force and its plan.
    pub resolved: Resolved<'s>,
    /// The case's timeline.
    pub case: Case,
}

/// Checks a request and resolves it against the snapshot.
pub fn prepare<'s>(snap: &'s Snapshot, req: &DeadlineRequest) -> Result<Prepared<'s>, ApiError> {
    let calendar = snap
        .calendars
        .get(req.calendar.as_deref().unwrap_or(DEFAULT_CALENDAR))
        .map_err(|e| calendar_error(&e, "calendar"))?;
    let offset = calendar.index().offset();
    let received = time("received_at", &req.received_at, offset)?;
    let local_date = received.with_timezone(&offset).date_naive();
    let resolved = deadline::resolve(
        &snap.catalogue,
        &req.procedure,
        local_date,
        req.variant.as_deref(),
    )
    .map_err(|e| resolve_error(&e))?;
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
    Ok(Prepared {
        calendar,
        resolved,
        case,
    })
}

fn rfc(t: DateTime<FixedOffset>) -> String {
    t.to_rfc3339()
}

/// Computes one deadline.
pub fn compute(snap: &Snapshot, req: &DeadlineRequest) -> Result<DeadlineResponse, ApiError> {
    let p = prepare(snap, req)?;
    respond(snap, req, &p, req.explain.unwrap_or(false))
}

/// The catalogue a snapshot serves, as responses name it.
pub fn catalogue_out(snap: &Snapshot) -> CatalogueOut {
    CatalogueOut {
        origin: match snap.origin {
            crate::sources::Origin::Bundled => "bundled",
            crate::sources::Origin::Folder(_) => "folder",
            crate::sources::Origin::Files => "files",
        }
        .into(),
        version: snap.version.clone(),
    }
}

/// The due times of a prepared request, with the request's due-time convention.
pub fn due_of<'p>(
    req: &DeadlineRequest,
    p: &'p Prepared<'_>,
) -> Result<deadline::Due<'p>, ApiError> {
    let convention = match req.due_time {
        Some(DueTimeIn::KeepClockTime) => DueTimeConvention::KeepClockTime,
        Some(DueTimeIn::EndOfDay) => DueTimeConvention::EndOfDay,
        None => p.calendar.config().due_time,
    };
    deadline::compute_due_with(p.calendar, &p.resolved.plan, &p.case, convention)
        .map_err(|e| deadline_error(&e, None))
}

/// The deadline response of a prepared request.
pub fn respond(
    snap: &Snapshot,
    req: &DeadlineRequest,
    p: &Prepared<'_>,
    explain: bool,
) -> Result<DeadlineResponse, ApiError> {
    let due = due_of(req, p)?;
    respond_with(snap, req, p, &due, explain)
}

/// The deadline response of a prepared request whose due times are computed.
pub fn respond_with(
    snap: &Snapshot,
    req: &DeadlineRequest,
    p: &Prepared<'_>,
    due: &deadline::Due<'_>,
    explain: bool,
) -> Result<DeadlineResponse, ApiError> {
    let plan = &p.resolved.plan;
    let version = version_summary(&snap.catalogue, p.resolved.version);
    let explanation = if explain {
        let facts = deadline::explain(p.calendar, plan, &p.case, due)
            .map_err(|e| deadline_error(&e, None))?;
        Some(super::explain::to_json(
            &facts,
            p.resolved.version,
            version.source.clone(),
        ))
    } else {
        None
    };
    Ok(DeadlineResponse {
        procedure: p.resolved.procedure.id.clone(),
        version,
        variant: req.variant.clone(),
        calendar: p.calendar.config().id.clone(),
        catalogue: catalogue_out(snap),
        received_at: rfc(p.case.received_at),
        clock_started_at: rfc(due.clock_started_at),
        due_at: rfc(due.due_at),
        provisional: due.provisional,
        uncertain_days: due.uncertain_days.iter().map(|d| d.to_string()).collect(),
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

/// The rule the schema states with a `oneOf`: exactly one of `at` (an open case) and
/// `completed_at` (a finished one).
fn exactly_one_moment(req: &StatusRequest) -> Result<(), ApiError> {
    match (&req.at, &req.completed_at) {
        (Some(_), None) | (None, Some(_)) => Ok(()),
        _ => Err(ApiError::invalid(
            "at",
            "give exactly one of `at` (open case) and `completed_at` (finished case)",
            "chỉ ghi một trong hai: `at` (hồ sơ đang xử lý) hoặc `completed_at` (hồ sơ đã giải quyết)",
        )),
    }
}

/// Computes one status.
pub fn status(snap: &Snapshot, req: &StatusRequest) -> Result<StatusResponse, ApiError> {
    let r = prepare(snap, &req.case)?;
    let offset = r.calendar.index().offset();
    let threshold = req.due_soon_minutes.unwrap_or(DEFAULT_DUE_SOON_MINUTES);
    if threshold < 0 {
        return Err(ApiError::invalid(
            "due_soon_minutes",
            "due_soon_minutes cannot be negative",
            "due_soon_minutes không được âm",
        ));
    }
    exactly_one_moment(req)?;
    let (as_of, completed) = match (&req.at, &req.completed_at) {
        (Some(at), _) => (time("at", at, offset)?, false),
        (_, Some(done)) => (time("completed_at", done, offset)?, true),
        (None, None) => unreachable!("checked by exactly_one_moment"),
    };
    // The deadline is computed once, with the request's due-time convention, and the
    // status measured against it.
    let due = due_of(&req.case, &r)?;
    let deadline = respond_with(snap, &req.case, &r, &due, req.case.explain.unwrap_or(false))?;
    let report = match completed {
        true => deadline::status_completed_due(r.calendar, &r.resolved.plan, &r.case, &due, as_of),
        false => deadline::status_at_due(
            r.calendar,
            &r.resolved.plan,
            &r.case,
            &due,
            as_of,
            threshold,
        ),
    }
    .map_err(|e| deadline_error(&e, None))?;
    let line = report.line(r.calendar.index().minutes_per_day());
    let current_step = match report.status {
        Status::NotDue | Status::DueSoon => due
            .steps
            .iter()
            .find(|s| s.due_at >= as_of)
            .map(|s| s.id.to_string()),
        _ => None,
    };
    Ok(StatusResponse {
        procedure: req.case.procedure.clone(),
        version: deadline.version.clone(),
        status: report.status.code().to_string(),
        status_vi: report.status.label().vi,
        status_en: report.status.label().en,
        due_at: rfc(report.due_at),
        as_of: rfc(as_of),
        working_minutes: report.working_minutes,
        working_time_vi: report.working_time_vi,
        working_time_en: words::working_time(
            report.working_minutes,
            r.calendar.index().minutes_per_day(),
        )
        .en,
        label_vi: line.vi,
        label_en: line.en,
        current_step,
        provisional: report.provisional,
        uncertain_days: report
            .uncertain_days
            .iter()
            .map(|d| d.to_string())
            .collect(),
        deadline,
    })
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
#[utoipa::path(post, path = "/v1/deadlines", tag = "deadlines", operation_id = "computeDeadline", request_body = DeadlineRequest,
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
#[utoipa::path(post, path = "/v1/status", tag = "deadlines", operation_id = "computeStatus", request_body = StatusRequest,
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

/// Many deadlines at once (at most 1000); a case's error does not fail the others. Each
/// result carries the `id` its case was given.
#[utoipa::path(post, path = "/v1/deadlines/batch", tag = "deadlines", operation_id = "batchDeadlines", request_body = DeadlineBatchRequest,
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
    let results = each_case(&req.cases, |c| compute(&snap, &c.case))
        .into_iter()
        .zip(&req.cases)
        .map(|(r, c)| DeadlineBatchItem {
            id: c.id.clone(),
            ..DeadlineBatchItem::from(r)
        })
        .collect();
    Ok(Json(DeadlineBatchResponse { results }))
}

/// Many statuses at once (at most 1000); a case's error does not fail the others. Each
/// result carries the `id` its case was given.
#[utoipa::path(post, path = "/v1/status/batch", tag = "deadlines", operation_id = "batchStatuses", request_body = StatusBatchRequest,
    responses(
        (status = 200, description = "One result per case, in order", body = StatusBatchResponse),
        (status = 400, description = "Malformed JSON", body = super::error::Problem, content_type = PROBLEM),
        (status = 413, description = "Too many cases or body too large", body = super::error::Problem, content_type = PROBLEM),
        (status = 415, description = "Not JSON", body = super::error::Problem, content_type = PROBLEM),
        (status = 422, description = "The body is not a batch, or a case does not give exactly one of `at` and `completed_at`", body = super::error::Problem, content_type = PROBLEM),
    ))]
pub async fn status_batch(
    State(state): State<Arc<AppState>>,
    ApiJson(req): ApiJson<StatusBatchRequest>,
) -> Result<Json<StatusBatchResponse>, ApiError> {
    batch_limit(req.cases.len())?;
    // A case without exactly one moment does not fit the schema (its `oneOf`): like a
    // field of the wrong type, it fails the whole call, not just its own result.
    for (i, c) in req.cases.iter().enumerate() {
        exactly_one_moment(&c.case).map_err(|e| e.in_field(&format!("cases[{i}]")))?;
    }
    let snap = state.snapshot();
    let results = each_case(&req.cases, |c| status(&snap, &c.case))
        .into_iter()
        .zip(&req.cases)
        .map(|(r, c)| StatusBatchItem {
            id: c.id.clone(),
            ..StatusBatchItem::from(r)
        })
        .collect();
    Ok(Json(StatusBatchResponse { results }))
}
