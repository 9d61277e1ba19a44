//! `POST /v1/deadlines`, `POST /v1/status` and their batch forms: thin handlers over
//! the core's [`tthc::service::deadlines`], which resolves, computes and words.

use super::error::{ApiError, ApiJson, Problem};
use super::state::AppState;
use super::types::*;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use std::sync::Arc;
use tthc::service::deadlines as service;

/// Most cases in one batch call.
pub const MAX_BATCH: usize = 1000;

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
    Ok(Json(service::compute(&state.snapshot(), &req)?))
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
    Ok(Json(service::status(&state.snapshot(), &req)?))
}

/// Answers every case of a batch in order, each with its result or its problem (whose
/// field is prefixed with `cases[i]`).
fn each_case<T, R>(
    cases: &[T],
    answer: impl Fn(&T) -> Result<R, tthc::service::ServiceError>,
) -> Vec<Result<R, Box<Problem>>> {
    cases
        .iter()
        .enumerate()
        .map(|(i, c)| {
            answer(c).map_err(|e| ApiError::from(e.in_field(&format!("cases[{i}]"))).problem)
        })
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
    let results = each_case(&req.cases, |c| service::compute(&snap, &c.case))
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
        service::moment(&c.case).map_err(|e| ApiError::from(e.in_field(&format!("cases[{i}]"))))?;
    }
    let snap = state.snapshot();
    let results = each_case(&req.cases, |c| service::status(&snap, &c.case))
        .into_iter()
        .zip(&req.cases)
        .map(|(r, c)| StatusBatchItem {
            id: c.id.clone(),
            ..StatusBatchItem::from(r)
        })
        .collect();
    Ok(Json(StatusBatchResponse { results }))
}
