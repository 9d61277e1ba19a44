//! Health, metrics and reload.

use super::error::ApiError;
use super::state::AppState;
use super::types::{Health, ReloadResponse};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use std::sync::Arc;

/// Liveness and the catalogue version served.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "Serving", body = Health)))]
pub async fn healthz(State(state): State<Arc<AppState>>) -> Json<Health> {
    let snap = state.snapshot();
    Json(Health {
        status: "ok".into(),
        catalogue_version: snap.version.clone(),
        procedures: snap.catalogue.procedures.len(),
    })
}

/// Request counts and latencies per route (Prometheus text format).
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses((status = 200, description = "Prometheus metrics", body = String, content_type = "text/plain")))]
pub async fn metrics(
    State(state): State<Arc<AppState>>,
) -> ([(header::HeaderName, &'static str); 1], String) {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
}

/// Re-reads catalogue and calendars; replaces them only if they are valid.
#[utoipa::path(post, path = "/v1/admin/reload", tag = "operations",
    responses(
        (status = 200, description = "Reloaded", body = ReloadResponse),
        (status = 401, description = "Missing or wrong bearer token", body = super::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The new catalogue is invalid; the old one keeps serving", body = super::error::Problem, content_type = "application/problem+json"),
    ),
    security(("admin_token" = [])))]
pub async fn reload(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
) -> Result<Json<ReloadResponse>, ApiError> {
    let expected = state.admin_token.as_deref().unwrap_or_default();
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if expected.is_empty() || !constant_time_eq(given.as_bytes(), expected.as_bytes()) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            None,
            "send `Authorization: Bearer <admin token>`",
            "cần gửi `Authorization: Bearer <mã quản trị>`",
        ));
    }
    match state.reload().await {
        Ok(version) => Ok(Json(ReloadResponse {
            catalogue_version: version,
        })),
        Err(reason) => Err(ApiError::new(
            StatusCode::CONFLICT,
            "invalid_catalogue",
            None,
            format!("the new catalogue was rejected; the previous one keeps serving:\n{reason}"),
            format!(
                "danh mục mới không hợp lệ nên không được nạp; danh mục cũ vẫn được dùng:\n{reason}"
            ),
        )),
    }
}

/// Compares without an early exit, so the token cannot be guessed byte by byte from timings.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
