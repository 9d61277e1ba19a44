//! The web app served at `/`: the catalogue, the deadline calculator, the look-up of a
//! file's state and the check page.
//!
//! Plain HTML, CSS and JavaScript compiled into the binary (`crates/tthc-server/web/`), with no
//! build step and nothing fetched from another host. Every page is the same small HTML
//! shell; the script reads the address (`/`, `/procedures/{id}`, `/calculator`, `/status`,
//! `/check`)
//! and draws the page from the `/v1` API, so a link (`/calculator?procedure=…&received=…`)
//! opens on its result.

use super::error::ApiError;
pub use super::shell::{CONTENT_SECURITY_POLICY, INDEX_HTML, Shell};
use super::shell::{asset, etag};
use super::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use std::sync::{Arc, OnceLock};

/// The style sheet (screen and print).
pub const APP_CSS: &str = include_str!("../web/app.css");
/// The script that draws the pages.
pub const APP_JS: &str = include_str!("../web/app.js");

/// The addresses that answer with the web app's shell (and `/procedures/{id}`, see
/// [`procedure_page`]).
pub const PAGES: &[&str] = &["/", "/calculator", "/status", "/check"];

static CSS_TAG: OnceLock<String> = OnceLock::new();
static JS_TAG: OnceLock<String> = OnceLock::new();

/// Any page of the web app: the HTML shell, with a policy that allows nothing from
/// another host.
pub async fn page(State(state): State<Arc<AppState>>, request: HeaderMap) -> Response {
    state.shell.respond(&request)
}

/// `/procedures/{id}`: the shell, with 404 when the catalogue has no such procedure (the
/// page then says so), so that links checkers and crawlers see a dead link as dead.
pub async fn procedure_page(
    State(state): State<Arc<AppState>>,
    axum::extract::Path(id): axum::extract::Path<String>,
    request: HeaderMap,
) -> Response {
    if state.snapshot().catalogue.procedure(&id).is_none() {
        let mut r = state.shell.respond(&HeaderMap::new());
        *r.status_mut() = StatusCode::NOT_FOUND;
        return r;
    }
    state.shell.respond(&request)
}

/// Any other address: for a browser (a request that accepts HTML, outside `/v1/`), the
/// shell with 404, whose page says so and offers the pages there are; for everything
/// else a `not_found` problem.
pub async fn not_found(
    State(state): State<Arc<AppState>>,
    uri: Uri,
    request: HeaderMap,
) -> Response {
    let browser = request
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    if browser && !uri.path().starts_with("/v1/") {
        let mut r = state.shell.respond(&HeaderMap::new());
        *r.status_mut() = StatusCode::NOT_FOUND;
        return r;
    }
    ApiError::not_found(
        "no such endpoint; GET /openapi.json describes the API",
        "không có địa chỉ này; xem mô tả API tại GET /openapi.json",
    )
    .into_response()
}

/// `/assets/app.css`.
pub async fn css(request: HeaderMap) -> Response {
    let tag = CSS_TAG.get_or_init(|| etag(APP_CSS));
    asset("text/css; charset=utf-8", APP_CSS, tag, &request)
}

/// `/assets/app.js`.
pub async fn js(request: HeaderMap) -> Response {
    let tag = JS_TAG.get_or_init(|| etag(APP_JS));
    asset("text/javascript; charset=utf-8", APP_JS, tag, &request)
}
