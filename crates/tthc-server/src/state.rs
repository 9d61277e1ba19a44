//! What the server serves: one immutable snapshot of catalogue and calendars (the core's
//! [`tthc::service::Snapshot`]), swapped whole on reload so that no request ever sees
//! half of one.

use super::log::{RequestLog, RequestLogger};
use super::metrics::Metrics;
use std::sync::{Arc, RwLock};
pub use tthc::service::{LoadError, Snapshot, Sources};

tokio::task_local! {
    /// The snapshot the request being answered was admitted with: the request
    /// middleware takes it once, and [`AppState::snapshot`] returns it for the rest of
    /// the request, so that a reload in the middle of a request never mixes two
    /// catalogues (its `Catalogue-Version` header and its body agree).
    pub static REQUEST_SNAPSHOT: Arc<Snapshot>;
}

/// Logs a warning for each entry the snapshot skipped because it is not a regular
/// file (a named pipe named `*.tthc` would otherwise block every reload).
pub fn say_skipped(snap: &Snapshot) {
    for path in &snap.skipped {
        tracing::warn!(path = %path.display(), "skipped: not a regular file (a named pipe, socket or device is never read)");
    }
}

/// The outcome of the last reload (`GET /readyz` reports it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReloadRecord {
    /// When it finished (RFC 3339, UTC).
    pub at: String,
    /// The catalogue version it loaded; `None` when it was refused.
    pub loaded: Option<String>,
    /// Why it was refused (the checker's report, in English); `None` when it succeeded.
    pub refused: Option<String>,
}

/// Shared server state.
#[derive(Debug)]
pub struct AppState {
    snapshot: RwLock<Arc<Snapshot>>,
    /// Where reloads read from.
    pub sources: Sources,
    /// Bearer token of `POST /v1/admin/reload`; the route exists only when set.
    pub admin_token: Option<String>,
    /// Request counters and latencies.
    pub metrics: Metrics,
    /// Browser origins allowed to call the API (CORS); empty = CORS off.
    pub cors_origins: Vec<String>,
    /// Which requests get a log line.
    pub request_log: RequestLogger,
    /// The web app's HTML shell, naming the office this deployment serves.
    pub shell: super::shell::Shell,
    /// When the server started serving its first snapshot (RFC 3339, UTC).
    pub started_at: String,
    /// Serialises reloads so two never interleave.
    reload_lock: tokio::sync::Mutex<()>,
    /// The outcome of the last reload, if there was one.
    last_reload: RwLock<Option<ReloadRecord>>,
}

fn now_utc() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl AppState {
    /// State serving `snapshot`.
    pub fn new(snapshot: Snapshot, sources: Sources, admin_token: Option<String>) -> AppState {
        AppState {
            snapshot: RwLock::new(Arc::new(snapshot)),
            sources,
            admin_token,
            metrics: Metrics::default(),
            cors_origins: Vec::new(),
            request_log: RequestLogger::new(RequestLog::All),
            shell: super::shell::Shell::new(None),
            started_at: now_utc(),
            reload_lock: tokio::sync::Mutex::new(()),
            last_reload: RwLock::new(None),
        }
    }

    /// The same state, answering CORS requests from these browser origins
    /// (`https://portal.example.gov.vn`); an empty list leaves CORS off.
    pub fn with_cors_origins(mut self, origins: Vec<String>) -> AppState {
        self.cors_origins = origins;
        self
    }

    /// The same state, naming `office` (`UBND xã …`) on the web app's appointment slips
    /// instead of the procedure's authority level.
    pub fn with_office(mut self, office: Option<&str>) -> AppState {
        self.shell = super::shell::Shell::new(office);
        self
    }

    /// The same state, logging requests as `mode` says (default: every request).
    pub fn with_request_log(mut self, mode: RequestLog) -> AppState {
        self.request_log = RequestLogger::new(mode);
        self
    }

    /// The outcome of the last reload, if there was one since the start.
    pub fn last_reload(&self) -> Option<ReloadRecord> {
        match self.last_reload.read() {
            Ok(g) => g.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    fn record_reload(&self, record: ReloadRecord) {
        match self.last_reload.write() {
            Ok(mut g) => *g = Some(record),
            Err(p) => *p.into_inner() = Some(record),
        }
    }

    /// The snapshot in force; inside a request, the one the request started with.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        if let Ok(s) = REQUEST_SNAPSHOT.try_with(Arc::clone) {
            return s;
        }
        // A poisoned lock only means a writer panicked between two complete values.
        match self.snapshot.read() {
            Ok(g) => Arc::clone(&g),
            Err(p) => Arc::clone(&p.into_inner()),
        }
    }

    /// Re-reads the sources; replaces the snapshot only when they are valid. Returns the
    /// new version, or the reason the old snapshot keeps serving.
    pub async fn reload(&self) -> Result<String, String> {
        let _guard = self.reload_lock.lock().await;
        let sources = self.sources.clone();
        // Whatever goes wrong while loading is a refusal, recorded and logged like an
        // invalid catalogue (every finding, in English, as plain lines): a loader that
        // panicked must not take the server with it.
        let loaded = tokio::task::spawn_blocking(move || {
            sources
                .load()
                .map_err(|e| e.render_plain(tthc::text::Lang::En))
        })
        .await
        .unwrap_or_else(|e| {
            Err(format!(
                "the files could not be loaded (an internal error, please report it): {e}"
            ))
        });
        match loaded {
            Ok(snap) => {
                say_skipped(&snap);
                let version = snap.version.clone();
                let new = Arc::new(snap);
                match self.snapshot.write() {
                    Ok(mut g) => *g = new,
                    Err(p) => *p.into_inner() = new,
                }
                tracing::info!(catalogue_version = %version, "reloaded catalogue and calendars");
                self.record_reload(ReloadRecord {
                    at: now_utc(),
                    loaded: Some(version.clone()),
                    refused: None,
                });
                Ok(version)
            }
            Err(reason) => {
                tracing::error!(%reason, "reload rejected; the previous catalogue keeps serving");
                self.record_reload(ReloadRecord {
                    at: now_utc(),
                    loaded: None,
                    refused: Some(reason.clone()),
                });
                Err(reason)
            }
        }
    }
}
