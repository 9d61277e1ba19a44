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
use super::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use std::sync::{Arc, OnceLock};

/// The HTML shell of every page.
pub const INDEX_HTML: &str = include_str!("../web/index.html");
/// The style sheet (screen and print).
pub const APP_CSS: &str = include_str!("../web/app.css");
/// The script that draws the pages.
pub const APP_JS: &str = include_str!("../web/app.js");

/// The addresses that answer with the web app's shell (and `/procedures/{id}`, see
/// [`procedure_page`]).
pub const PAGES: &[&str] = &["/", "/calculator", "/status", "/check"];

/// The policy of every page: nothing from another host, no inline script or style
/// (the script sets styles through the CSSOM, which the policy allows).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; \
     script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// A strong validator of an asset: the first 16 hex digits of its SHA-256, quoted.
fn etag(body: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(body.as_bytes());
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

fn asset(
    content_type: &'static str,
    body: impl Into<axum::body::Body>,
    tag: &str,
    request: &HeaderMap,
) -> Response {
    // A browser that has this version already gets 304 and no body. Compared without
    // a weak prefix: a compressed copy carries the same tag.
    let fresh = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .map(|t| t.trim().trim_start_matches("W/"))
                .any(|t| t == tag || t == "*")
        });
    let mut r = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (StatusCode::OK, body.into()).into_response()
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

static CSS_TAG: OnceLock<String> = OnceLock::new();
static JS_TAG: OnceLock<String> = OnceLock::new();

/// The HTML shell as this deployment serves it: with the name of the office it serves,
/// which appointment slips print (`tthc serve --office`), and its validator.
#[derive(Debug, Clone)]
pub struct Shell {
    html: std::sync::Arc<str>,
    tag: std::sync::Arc<str>,
}

/// The shell's placeholder for the office's name.
const OFFICE_META: &str = r#"<meta name="tthc-office" content="">"#;

impl Shell {
    /// The shell naming `office` (none: slips name the procedure's authority level).
    ///
    /// ```
    /// let shell = tthc_server::web::Shell::new(Some("UBND xã Hạ Long & <Quảng Ninh>"));
    /// assert!(shell.html().contains(r#"content="UBND xã Hạ Long &amp; &lt;Quảng Ninh&gt;""#));
    /// ```
    pub fn new(office: Option<&str>) -> Shell {
        let html = match office.filter(|o| !o.trim().is_empty()) {
            Some(o) => INDEX_HTML.replace(
                OFFICE_META,
                &format!(
                    r#"<meta name="tthc-office" content="{}">"#,
                    escape(o.trim())
                ),
            ),
            None => INDEX_HTML.to_string(),
        };
        let tag = etag(&html);
        Shell {
            html: html.into(),
            tag: tag.into(),
        }
    }

    /// The HTML.
    pub fn html(&self) -> &str {
        &self.html
    }

    /// The shell as a response to `request`, with its policy.
    pub fn respond(&self, request: &HeaderMap) -> Response {
        let body = axum::body::Body::from(self.html.to_string());
        let mut r = asset("text/html; charset=utf-8", body, &self.tag, request);
        r.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        );
        r.headers_mut().insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
        r
    }
}

/// Text for an HTML attribute.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

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
