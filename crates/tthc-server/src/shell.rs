//! The HTML shell every page of the web app is served as, with the page policy and the
//! name of the office the deployment serves (`tthc serve --office`), and how assets are
//! answered (validators, 304). Kept apart from the handlers ([`crate::web`]) because the
//! state holds a shell: the handlers read the state, the state never reads them.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The HTML shell of every page.
pub const INDEX_HTML: &str = include_str!("../web/index.html");
/// The policy of every page: nothing from another host, no inline script or style
/// (the script sets styles through the CSSOM, which the policy allows).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; \
     script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// A strong validator of an asset: the first 16 hex digits of its SHA-256, quoted.
pub(crate) fn etag(body: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(body.as_bytes());
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// An asset as a response to `request`: 304 when the browser has this version, with
/// its type, validator and `no-cache`.
pub(crate) fn asset(
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
