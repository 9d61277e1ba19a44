//! Health, readiness, metrics and reload.

use super::error::ApiError;
use super::state::AppState;
use super::types::{Health, Readiness, ReloadOutcome, ReloadResponse};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use std::sync::Arc;

/// Liveness: the process answers. Also names the catalogue version served.
#[utoipa::path(get, path = "/healthz", tag = "operations", operation_id = "getHealth",
    responses((status = 200, description = "Serving", body = Health)))]
pub async fn healthz(State(state): State<Arc<AppState>>) -> Json<Health> {
    let snap = state.snapshot();
    Json(Health {
        status: "ok".into(),
        catalogue_version: snap.version.clone(),
        procedures: snap.catalogue.procedures.len(),
    })
}

/// Readiness: a valid catalogue is loaded (the server never serves without one), its
/// version, and whether the last reload was refused.
///
/// A refused reload leaves the server ready, because the previous catalogue keeps
/// answering; `last_reload_refused` tells the operator the files on disk need fixing.
#[utoipa::path(get, path = "/readyz", tag = "operations", operation_id = "getReadiness",
    responses((status = 200, description = "Ready to answer", body = Readiness)))]
pub async fn readyz(State(state): State<Arc<AppState>>) -> Json<Readiness> {
    let snap = state.snapshot();
    let last = state.last_reload();
    Json(Readiness {
        status: "ready".into(),
        catalogue_version: snap.version.clone(),
        catalogue: tthc::service::deadlines::catalogue_out(&snap),
        procedures: snap.catalogue.procedures.len(),
        started_at: state.started_at.clone(),
        last_reload_refused: last.as_ref().is_some_and(|r| r.refused.is_some()),
        last_reload: last.map(|r| ReloadOutcome {
            at: r.at,
            result: if r.refused.is_some() {
                "refused"
            } else {
                "loaded"
            }
            .into(),
            catalogue_version: r.loaded,
            reason: r.refused,
        }),
    })
}

/// Request counts and latencies per route (Prometheus text format).
#[utoipa::path(get, path = "/metrics", tag = "operations", operation_id = "getMetrics",
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
#[utoipa::path(post, path = "/v1/admin/reload", tag = "operations", operation_id = "reloadCatalogue",
    responses(
        (status = 200, description = "Reloaded", body = ReloadResponse),
        (status = 401, description = "Missing or wrong bearer token", body = super::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The new catalogue is invalid; the old one keeps serving", body = super::error::Problem, content_type = "application/problem+json"),
    ),
    security(("admin_token" = [])))]
pub async fn reload(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
) -> Result<([(&'static str, String); 1], Json<ReloadResponse>), ApiError> {
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
        // The header names the catalogue now served, as the body does.
        Ok(version) => Ok((
            [("catalogue-version", version.clone())],
            Json(ReloadResponse {
                catalogue_version: version,
            }),
        )),
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
