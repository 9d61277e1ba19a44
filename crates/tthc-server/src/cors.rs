//! CORS for browser-based portals: off unless origins are configured (`--cors-origin`).
//!
//! tower-http's layer answers preflights and adds the `Access-Control-*` headers for the
//! configured origins. A preflight from any other origin is refused here with a 403
//! problem (as Spring and ASP.NET do) rather than a bare 200 without headers, so that
//! the operator reading the log, or the developer reading the network tab, sees why.

use super::error::ApiError;
use super::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::time::Duration;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// How long a browser may cache a preflight answer.
pub const MAX_AGE: Duration = Duration::from_secs(600);

/// Checks an origin as given on the command line: `*` (any origin), or
/// `scheme://host[:port]` with no path, as browsers send it in `Origin`. Returns it
/// without a trailing slash.
pub fn parse_origin(text: &str) -> Result<String, String> {
    let t = text.trim();
    if t == "*" {
        return Ok(t.to_string());
    }
    let t = t.strip_suffix('/').unwrap_or(t);
    let rest = t
        .strip_prefix("https://")
        .or_else(|| t.strip_prefix("http://"))
        .ok_or_else(|| {
            format!("`{text}` is not an origin: write it as https://host[:port] (or * for any)")
        })?;
    if rest.is_empty()
        || rest.contains(['/', '?', '#', ' ', ','])
        || HeaderValue::from_str(t).is_err()
    {
        return Err(format!(
            "`{text}` is not an origin: write it as https://host[:port], without a path"
        ));
    }
    Ok(t.to_string())
}

fn allows(origins: &[String], origin: &str) -> bool {
    origins.iter().any(|o| o == "*" || o == origin)
}

/// The CORS layer for these origins (already checked by [`parse_origin`]).
pub fn layer(origins: &[String]) -> CorsLayer {
    let allow = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()))
    };
    CorsLayer::new()
        .allow_origin(allow)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([
            header::CONTENT_TYPE,
            header::AUTHORIZATION,
            HeaderName::from_static(super::request_id::HEADER),
        ])
        .expose_headers([
            HeaderName::from_static("catalogue-version"),
            HeaderName::from_static(super::request_id::HEADER),
        ])
        .max_age(MAX_AGE)
}

/// Refuses a preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`)
/// from an origin that is not configured.
pub async fn refuse_unknown_preflight(
    State(state): State<Arc<AppState>>,
    req: Request,
    next: Next,
) -> Response {
    let headers = req.headers();
    let is_preflight = req.method() == Method::OPTIONS
        && headers.contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    if let Some(origin) = headers.get(header::ORIGIN)
        && is_preflight
    {
        let origin = origin.to_str().unwrap_or_default();
        if !allows(&state.cors_origins, origin) {
            let shown: String = origin.chars().take(100).collect();
            return ApiError::new(
                StatusCode::FORBIDDEN,
                "cors_origin_not_allowed",
                None,
                format!("the origin `{shown}` may not call this API from a browser"),
                format!("nguồn `{shown}` không được phép gọi API này từ trình duyệt"),
            )
            .into_response();
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_scheme_host_and_port() {
        assert_eq!(
            parse_origin("https://portal.example.gov.vn/").unwrap(),
            "https://portal.example.gov.vn"
        );
        assert_eq!(
            parse_origin("http://localhost:3000").unwrap(),
            "http://localhost:3000"
        );
        assert_eq!(parse_origin("*").unwrap(), "*");
        assert!(parse_origin("portal.example.gov.vn").is_err());
        assert!(parse_origin("https://portal.example.gov.vn/app").is_err());
        assert!(parse_origin("https://").is_err());
    }
}
