//! What the server serves: one immutable snapshot of catalogue and calendars, swapped
//! whole on reload so that no request ever sees half of one.

use super::metrics::Metrics;
use crate::calendar::Calendars;
use crate::check::{self, CheckOptions};
use crate::diagnostic::Lang;
use crate::model::Catalogue;
use crate::sources;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

/// A validated catalogue with its calendars and the hash that identifies them.
#[derive(Debug)]
pub struct Snapshot {
    /// The checked catalogue.
    pub catalogue: Catalogue,
    /// The indexed calendars.
    pub calendars: Calendars,
    /// Content hash of every file read (`Catalogue-Version` header).
    pub version: String,
    /// Where the catalogue was read from.
    pub origin: sources::Origin,
    /// Where the calendars were read from.
    pub calendar_source: sources::CalendarSource,
    /// Every catalogue file as read (path and bytes): `POST /v1/check` checks a text in
    /// their context without reading the disk again.
    pub inputs: Vec<check::Input>,
    /// The checker's settings for these calendars (their working hours).
    pub check_options: CheckOptions,
}

/// Where the snapshot is read from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Procedure files or folders; empty = `./procedures` when it exists, else the
    /// bundled catalogue.
    pub procedures: Vec<PathBuf>,
    /// A calendars folder; `None` = the calendars beside the catalogue folder, else the
    /// bundled calendars.
    pub calendars: Option<PathBuf>,
}

/// Why a snapshot could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// A file or folder could not be read, or the calendars are invalid.
    Source(sources::SourceError),
    /// The catalogue has errors: the checker's findings.
    Catalogue(Box<crate::check::Checked>),
}

impl LoadError {
    /// The reason as people read it: the checker's report for catalogue errors.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            LoadError::Source(e) => e.text().get(lang).to_string(),
            LoadError::Catalogue(c) => crate::report::human::render(c, lang, false),
        }
    }
}

impl Sources {
    /// Reads, checks and indexes everything.
    pub fn load_typed(&self) -> Result<Snapshot, LoadError> {
        let source = sources::catalogue(&self.procedures).map_err(LoadError::Source)?;
        let (calendar_source, calendar_files) =
            sources::calendar_files(self.calendars.as_deref(), &source.origin)
                .map_err(LoadError::Source)?;
        let version = sources::content_version(
            source
                .inputs
                .iter()
                .map(|i| (i.path.as_str(), i.bytes.as_slice()))
                .chain(
                    calendar_files
                        .iter()
                        .map(|(p, t)| (p.as_str(), t.as_bytes())),
                ),
        );
        let calendars = sources::load_calendars(&calendar_source, &calendar_files)
            .map_err(LoadError::Source)?;
        let options = calendars
            .get(crate::calendar::DEFAULT_CALENDAR)
            .map(CheckOptions::for_calendar)
            .unwrap_or_default();
        let inputs = source.inputs.clone();
        let checked = check::check(source.inputs, &options);
        let catalogue = checked.into_valid().map_err(LoadError::Catalogue)?;
        Ok(Snapshot {
            catalogue,
            calendars,
            version,
            origin: source.origin,
            calendar_source,
            inputs,
            check_options: options,
        })
    }

    /// Reads, checks and indexes everything; on failure, the reason in plain English
    /// (the checker's report for catalogue errors), as the server logs it.
    pub fn load(&self) -> Result<Snapshot, String> {
        self.load_typed().map_err(|e| e.render(Lang::En))
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

    /// The snapshot in force; a request keeps the one it started with.
    pub fn snapshot(&self) -> Arc<Snapshot> {
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
        // invalid catalogue: a loader that panicked must not take the server with it.
        let loaded = tokio::task::spawn_blocking(move || sources.load())
            .await
            .unwrap_or_else(|e| {
                Err(format!(
                    "the files could not be loaded (an internal error, please report it): {e}"
                ))
            });
        match loaded {
            Ok(snap) => {
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
