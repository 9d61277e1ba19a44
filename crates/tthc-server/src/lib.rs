//! The deadline API and the web app (`tthc serve`): an axum router over one catalogue
//! snapshot of the core's service layer ([`tthc::service`]).
//!
//! Handlers are thin: they parse HTTP, call the service, and shape JSON. Every error is a
//! problem response (4xx for anything the caller sent); a panic is caught and answered
//! as a 500 problem rather than dropping the connection.

#![forbid(unsafe_code)]

pub mod admin;
pub mod calendars;
pub mod check;
pub mod cors;
pub mod deadlines;
pub mod error;
pub mod listen;
pub mod log;
pub mod metrics;
pub mod openapi;
pub mod problems;
pub mod procedures;
pub mod request_id;
pub mod shell;
pub mod state;
pub mod types;
pub mod web;

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use error::ApiError;
use state::AppState;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Largest request body accepted, in bytes (a full 1000-case batch fits comfortably).
pub const BODY_LIMIT: usize = 4 * 1024 * 1024;
/// Longest a request may take before it is answered with 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The whole application.
pub fn router(state: Arc<AppState>) -> Router {
    let with_admin = state.admin_token.as_deref().is_some_and(|t| !t.is_empty());
    let openapi =
        serde_json::to_string_pretty(&openapi::document(with_admin)).expect("OpenAPI serialises");
    let mut app = Router::new();
    for page in web::PAGES {
        app = app.route(page, get(web::page));
    }
    let mut app = app
        .route("/procedures/{id}", get(web::procedure_page))
        .route("/assets/app.css", get(web::css))
        .route("/assets/app.js", get(web::js))
        .route("/healthz", get(admin::healthz))
        .route("/readyz", get(admin::readyz))
        .route("/metrics", get(admin::metrics))
        .route("/problems", get(problems::list))
        .route("/problems/{code}", get(problems::get))
        .route(
            "/openapi.json",
            get(move || async move {
                (
                    [(axum::http::header::CONTENT_TYPE, "application/json")],
                    openapi,
                )
            }),
        )
        .route("/v1/procedures", get(procedures::list))
        .route("/v1/procedures/{id}", get(procedures::get))
        .route("/v1/procedures/{id}/source", get(check::source))
        .route("/v1/check", post(check::check))
        .route("/v1/deadlines", post(deadlines::deadlines))
        .route("/v1/deadlines/batch", post(deadlines::deadlines_batch))
        .route("/v1/status", post(deadlines::status_one))
        .route("/v1/status/batch", post(deadlines::status_batch))
        .route("/v1/calendars/{id}", get(calendars::get))
        .route("/v1/calendars/{id}/{file}", get(calendars::ics));
    if with_admin {
        app = app.route("/v1/admin/reload", post(admin::reload));
    }
    let mut app = app
        .fallback(web::not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        // gzip or brotli when the client asks (`Accept-Encoding`); small bodies and
        // images are sent as they are.
        .layer(tower_http::compression::CompressionLayer::new())
        // Inside `observe`, so that a 500 is counted, logged and carries its request id.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panicked));
    if !state.cors_origins.is_empty() {
        app = app
            .layer(cors::layer(&state.cors_origins))
            .layer(middleware::from_fn_with_state(
                Arc::clone(&state),
                cors::refuse_unknown_preflight,
            ));
    }
    app.layer(middleware::from_fn_with_state(Arc::clone(&state), observe))
        .with_state(state)
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        None,
        "this endpoint does not accept that method; GET /openapi.json describes the API",
        "địa chỉ này không nhận phương thức đó; xem mô tả API tại GET /openapi.json",
    )
}

fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a handler panicked; answered 500");
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal_error",
        None,
        "the server failed on this request; it has been logged",
        "máy chủ gặp lỗi khi xử lý yêu cầu này; lỗi đã được ghi lại",
    )
    .into_response()
}

/// The answer to a request that took longer than [`REQUEST_TIMEOUT`].
fn timed_out() -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "timeout",
        None,
        format!(
            "the request took longer than {} s",
            REQUEST_TIMEOUT.as_secs()
        ),
        format!("yêu cầu xử lý quá {} giây", REQUEST_TIMEOUT.as_secs()),
    )
}

/// Per request: a request id, the catalogue snapshot it is answered from (taken once, so
/// that the `Catalogue-Version` header always names the catalogue the body comes from),
/// a time limit, `X-Content-Type-Options: nosniff`, metrics and a log line.
async fn observe(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    // A template of the router, never the path itself: the metrics stay bounded.
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |m| m.as_str().to_string());
    let request_id = request_id::from_request(req.headers());
    let snapshot = state.snapshot();
    let version = snapshot.version.clone();
    let answered = state::REQUEST_SNAPSHOT.scope(
        snapshot,
        tokio::time::timeout(REQUEST_TIMEOUT, next.run(req)),
    );
    let mut response = match answered.await {
        Ok(r) => r,
        Err(_) => timed_out().into_response(),
    };
    let headers = response.headers_mut();
    // A reload answers with the version it loaded; every other response with the one
    // it was answered from.
    if !headers.contains_key("catalogue-version")
        && let Ok(v) = HeaderValue::from_str(&version)
    {
        headers.insert("catalogue-version", v);
    }
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        headers.insert(request_id::HEADER, v);
    }
    // JSON, problems, calendars and pages alike: a browser never guesses another type.
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    let elapsed = start.elapsed();
    let status = response.status().as_u16();
    state
        .metrics
        .record(&route, method.as_str(), status, elapsed);
    if state.request_log.admit(status, elapsed) == log::Verdict::Log {
        let micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
        macro_rules! line {
            ($level:ident) => {
                tracing::$level!(
                    target: "tthc_server::request",
                    request_id = %request_id,
                    method = %method,
                    path = %path,
                    route = %route,
                    status,
                    micros,
                    catalogue_version = %version,
                    "request"
                )
            };
        }
        if status >= 500 {
            line!(error);
        } else if elapsed >= log::SLOW {
            line!(warn);
        } else {
            line!(info);
        }
    }
    response
}

/// Serves until SIGTERM or Ctrl-C within the connection `limits` (see [`listen`]),
/// finishing requests in flight; SIGHUP reloads.
pub async fn serve(
    addr: std::net::SocketAddr,
    state: Arc<AppState>,
    limits: listen::Limits,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let snap = state.snapshot();
    tracing::info!(
        address = %listener.local_addr()?,
        catalogue = %snap.origin.describe().en,
        calendars = %snap.calendar_source.describe().en,
        catalogue_version = %snap.version,
        procedures = snap.catalogue.procedures.len(),
        cors_origins = %state.cors_origins.join(","),
        max_connections = limits.max_connections,
        header_timeout_s = limits.header_timeout.as_secs(),
        "serving"
    );
    state::say_skipped(&snap);
    drop(snap);
    #[cfg(unix)]
    {
        let s = Arc::clone(&state);
        tokio::spawn(async move {
            use tokio::signal::unix::{SignalKind, signal};
            let Ok(mut hup) = signal(SignalKind::hangup()) else {
                return;
            };
            while hup.recv().await.is_some() {
                let _ = s.reload().await;
            }
        });
    }
    {
        let s = Arc::clone(&state);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(log::SUMMARY_EVERY);
            loop {
                every.tick().await;
                s.request_log.summarise();
            }
        });
    }
    let app = router(Arc::clone(&state));
    listen::serve(listener, app, limits, shutdown_signal()).await;
    state.request_log.summarise();
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    // Windows has no SIGTERM: a console closed, a log-off or a shutdown (what a service
    // manager or `taskkill` sends a console program) drains as SIGTERM does.
    #[cfg(windows)]
    let term = async {
        use tokio::signal::windows::{ctrl_break, ctrl_close, ctrl_shutdown};
        match (ctrl_break(), ctrl_close(), ctrl_shutdown()) {
            (Ok(mut brk), Ok(mut close), Ok(mut shut)) => {
                tokio::select! {
                    _ = brk.recv() => {},
                    _ = close.recv() => {},
                    _ = shut.recv() => {},
                }
            }
            _ => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(any(unix, windows)))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
