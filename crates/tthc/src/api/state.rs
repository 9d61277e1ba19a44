//! What the server serves: one immutable snapshot of catalogue and calendars, swapped
//! whole on reload so that no request ever sees half of one.

use super::metrics::Metrics;
use crate::calendar::Calendars;
use crate::check::{self, CheckOptions};
use crate::diagnostic::Lang;
use crate::model::Catalogue;
use sha2::{Digest, Sha256};
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
}

/// Where the snapshot is read from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Procedure files or folders; empty = the bundled catalogue.
    pub procedures: Vec<PathBuf>,
    /// A calendars folder; `None` = the bundled calendars.
    pub calendars: Option<PathBuf>,
}

impl Sources {
    /// Reads, checks and indexes everything; on failure, the reason in plain text
    /// (the checker's report for catalogue errors).
    pub fn load(&self) -> Result<Snapshot, String> {
        let inputs = crate::cli::files::inputs(&self.procedures)
            .map_err(|u| format!("cannot read {}: {}", u.path.display(), u.reason))?;
        let calendar_files = match &self.calendars {
            None => Calendars::files_of_embedded(&crate::bundled::CALENDARS),
            Some(dir) => read_calendar_dir(dir)?,
        };
        let mut hasher = Sha256::new();
        let mut entries: Vec<(&str, &[u8])> = inputs
            .iter()
            .map(|i| (i.path.as_str(), i.bytes.as_slice()))
            .chain(
                calendar_files
                    .iter()
                    .map(|(p, t)| (p.as_str(), t.as_bytes())),
            )
            .collect();
        entries.sort();
        for (path, bytes) in entries {
            hasher.update((path.len() as u64).to_le_bytes());
            hasher.update(path.as_bytes());
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        }
        let digest = hasher.finalize();
        let version: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        let calendars = Calendars::load_from_files(&calendar_files).map_err(|e| e.to_string())?;
        let options = calendars
            .get(crate::calendar::DEFAULT_CALENDAR)
            .map(CheckOptions::for_calendar)
            .unwrap_or_default();
        let checked = check::check(inputs, &options);
        let catalogue = checked
            .into_valid()
            .map_err(|c| crate::report::human::render(&c, Lang::En, false))?;
        Ok(Snapshot {
            catalogue,
            calendars,
            version,
        })
    }
}

fn read_calendar_dir(dir: &std::path::Path) -> Result<Vec<(String, String)>, String> {
    let io = |e: std::io::Error| format!("cannot read {}: {e}", dir.display());
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".ics") {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            files.push((name.to_string(), text));
        }
    }
    files.sort();
    Ok(files)
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
    /// Serialises reloads so two never interleave.
    reload_lock: tokio::sync::Mutex<()>,
}

impl AppState {
    /// State serving `snapshot`.
    pub fn new(snapshot: Snapshot, sources: Sources, admin_token: Option<String>) -> AppState {
        AppState {
            snapshot: RwLock::new(Arc::new(snapshot)),
            sources,
            admin_token,
            metrics: Metrics::default(),
            reload_lock: tokio::sync::Mutex::new(()),
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
        let loaded = tokio::task::spawn_blocking(move || sources.load())
            .await
            .map_err(|e| format!("reload task failed: {e}"))?;
        match loaded {
            Ok(snap) => {
                let version = snap.version.clone();
                let new = Arc::new(snap);
                match self.snapshot.write() {
                    Ok(mut g) => *g = new,
                    Err(p) => *p.into_inner() = new,
                }
                tracing::info!(catalogue_version = %version, "reloaded catalogue and calendars");
                Ok(version)
            }
            Err(reason) => {
                tracing::error!(%reason, "reload rejected; the previous catalogue keeps serving");
                Err(reason)
            }
        }
    }
}
