//! The web app served at `/`: the catalogue, the deadline calculator and the check page.
//!
//! Plain HTML, CSS and JavaScript compiled into the binary (`crates/tthc-server/web/`), with no
//! build step and nothing fetched from another host. Every page is the same small HTML
//! shell; the script reads the address (`/`, `/procedures/{id}`, `/calculator`, `/check`)
//! and draws the page from the `/v1` API, so a link (`/calculator?procedure=…&received=…`)
//! opens on its result.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::OnceLock;

/// The HTML shell of every page.
pub const INDEX_HTML: &str = include_str!("../web/index.html");
/// The style sheet (screen and print).
pub const APP_CSS: &str = include_str!("../web/app.css");
/// The script that draws the pages.
pub const APP_JS: &str = include_str!("../web/app.js");

/// The addresses that answer with the web app's shell (and `/procedures/{id}`, see
/// [`procedure_page`]).
pub const PAGES: &[&str] = &["/", "/calculator", "/check"];

/// A strong validator of an asset: the first 16 hex digits of its SHA-256, quoted.
fn etag(body: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(body.as_bytes());
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

fn asset(
    content_type: &'static str,
    body: &'static str,
    tag: &'static OnceLock<String>,
    request: &HeaderMap,
) -> Response {
    let tag = tag.get_or_init(|| etag(body));
    // A browser that has this version already gets 304 and no body.
    let fresh = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"));
    let mut r = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (StatusCode::OK, body).into_response()
    };
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // Revalidate every time: a new binary may serve new assets under the same name.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(v) = HeaderValue::from_str(tag) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

static HTML_TAG: OnceLock<String> = OnceLock::new();
static CSS_TAG: OnceLock<String> = OnceLock::new();
static JS_TAG: OnceLock<String> = OnceLock::new();

/// Any page of the web app: the HTML shell, with a policy that allows nothing from
/// another host.
pub async fn page(request: HeaderMap) -> Response {
    let mut r = asset("text/html; charset=utf-8", INDEX_HTML, &HTML_TAG, &request);
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
    request: HeaderMap,
) -> Response {
    if state.snapshot().catalogue.procedure(&id).is_none() {
        let mut r = page(HeaderMap::new()).await;
        *r.status_mut() = StatusCode::NOT_FOUND;
        return r;
    }
    page(request).await
}

/// `/assets/app.css`.
pub async fn css(request: HeaderMap) -> Response {
    asset("text/css; charset=utf-8", APP_CSS, &CSS_TAG, &request)
}

/// `/assets/app.js`.
pub async fn js(request: HeaderMap) -> Response {
    asset("text/javascript; charset=utf-8", APP_JS, &JS_TAG, &request)
}
