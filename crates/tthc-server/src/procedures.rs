//! `GET /v1/procedures` and `GET /v1/procedures/{id}`: thin handlers over the core's
//! [`tthc::service::procedures`], which finds a procedure by id or national code as every
//! other entry point does.

use super::error::ApiError;
use super::state::AppState;
use super::types::*;
use axum::Json;
use axum::extract::{Path, Query, State};
use serde::Deserialize;
use std::sync::Arc;
use tthc::service::procedures::{self as service, Filter};

/// Query of `GET /v1/procedures`: every filter given must hold.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only the procedure with this national code (mã thủ tục), e.g. `1.001193`.
    #[param(example = "1.001193")]
    pub code: Option<String>,
    /// Only procedures of this field (lĩnh vực), exactly as the catalogue writes it,
    /// e.g. `Hộ tịch`.
    pub field: Option<String>,
    /// Only versions decided by this authority level, e.g. `commune`; procedures left
    /// without a version are omitted.
    pub authority: Option<String>,
    /// Only the version in force on this date (YYYY-MM-DD); procedures with no version in
    /// force that day are omitted.
    #[param(example = "2025-07-01", format = Date, min_length = 10)]
    pub at: Option<String>,
    /// Only versions from this decision, e.g. `1086/QĐ-UBND`; procedures left without a
    /// version are omitted.
    #[param(example = "1086/QĐ-UBND")]
    pub decision: Option<String>,
    /// Words to find, with or without diacritics (`dang ky ket hon` finds "Đăng ký kết
    /// hôn"; `đ` is `d`): every word must occur in the name, the id, the national code or
    /// an item of the source decision (`B.16`).
    #[param(example = "dang ky ket hon")]
    pub q: Option<String>,
}

fn query_error(e: &axum::extract::rejection::QueryRejection) -> ApiError {
    ApiError::new(
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        None,
        e.body_text(),
        format!("tham số truy vấn không hợp lệ: {}", e.body_text()),
    )
}

/// Lists the procedures with their versions: all of them, or those the filters keep
/// (`code`, `field`, `authority`, `decision`, `at`, and the words of `q`; every filter
/// given must hold).
#[utoipa::path(get, path = "/v1/procedures", tag = "procedures", operation_id = "listProcedures",
    params(ListQuery),
    responses(
        (status = 200, description = "The procedures that pass the filters, sorted by id (an empty list when none does)", body = ProcedureList),
        (status = 422, description = "`at` is not a date", body = super::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<Arc<AppState>>,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<ProcedureList>, ApiError> {
    let Query(q) = query.map_err(|e| query_error(&e))?;
    let at =
        q.at.as_deref()
            .map(|t| service::date("at", t))
            .transpose()?;
    let filter = Filter {
        code: q.code,
        field: q.field,
        authority: q.authority,
        at,
        decision: q.decision,
        words: q.q,
    };
    Ok(Json(service::list(&state.snapshot().catalogue, &filter)))
}

/// Query of `GET /v1/procedures/{id}`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AtQuery {
    /// Return only the version in force on this date (YYYY-MM-DD).
    #[param(format = Date, min_length = 10)]
    pub at: Option<String>,
}

/// One procedure in full; with `?at=DATE`, only the version in force on that date.
#[utoipa::path(get, path = "/v1/procedures/{id}", tag = "procedures", operation_id = "getProcedure",
    params(("id" = String, Path, description = "Procedure id, or its national code (`1.001193`)", example = "cap-giay-xac-nhan-tinh-trang-hon-nhan"), AtQuery),
    responses(
        (status = 200, description = "The procedure", body = ProcedureDetail),
        (status = 404, description = "No such procedure, or no version in force on `at`", body = super::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`at` is not a date", body = super::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn get(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    query: Result<Query<AtQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<ProcedureDetail>, ApiError> {
    let Query(query) = query.map_err(|e| query_error(&e))?;
    let at = query
        .at
        .as_deref()
        .map(|t| service::date("at", t))
        .transpose()?;
    Ok(Json(service::detail(&state.snapshot().catalogue, &id, at)?))
}
