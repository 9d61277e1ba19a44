//! The web app served at `/`: the catalogue, the deadline calculator and the check page.
//!
//! Plain HTML, CSS and JavaScript compiled into the binary (`crates/tthc/web/`), with no
//! build step and nothing fetched from another host. Every page is the same small HTML
//! shell; the script reads the address (`/`, `/procedures/{id}`, `/calculator`, `/check`)
//! and draws the page from the `/v1` API, so a link (`/calculator?procedure=…&received=…`)
//! opens on its result.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The HTML shell of every page.
pub const INDEX_HTML: &str = include_str!("../../web/index.html");
/// The style sheet (screen and print).
pub const APP_CSS: &str = include_str!("../../web/app.css");
/// The script that draws the pages.
pub const APP_JS: &str = include_str!("../../web/app.js");

/// The addresses that answer with the web app's shell (and `/procedures/{id}`, see
/// [`procedure_page`]).
pub const PAGES: &[&str] = &["/", "/calculator", "/check"];

fn asset(content_type: &'static str, body: &'static str) -> Response {
    let mut r = (StatusCode::OK, body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // Revalidate every time: a new binary may serve new assets under the same name.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

/// Any page of the web app: the HTML shell, with a policy that allows nothing from
/// another host.
pub async fn page() -> Response {
    let mut r = asset("text/html; charset=utf-8", INDEX_HTML);
    r.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    r.headers_mut().insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    r
}

/// `/procedures/{id}`: the shell, with 404 when the catalogue has no such procedure (the
/// page then says so), so that links checkers and crawlers see a dead link as dead.
pub async fn procedure_page(
    axum::extract::State(state): axum::extract::State<std::sync::Arc<super::state::AppState>>,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Response {
    let mut r = page().await;
    if state.snapshot().catalogue.procedure(&id).is_none() {
        *r.status_mut() = StatusCode::NOT_FOUND;
    }
    r
}

/// `/assets/app.css`.
pub async fn css() -> Response {
    asset("text/css; charset=utf-8", APP_CSS)
}

/// `/assets/app.js`.
pub async fn js() -> Response {
    asset("text/javascript; charset=utf-8", APP_JS)
}
