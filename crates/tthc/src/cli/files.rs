//! Finding and reading `.tthc` files named on the command line.

use crate::check::Input;
use std::path::{Path, PathBuf};

/// A path that could not be read, with the reason.
pub struct Unreadable {
    /// The path.
    pub path: PathBuf,
    /// The operating system's reason.
    pub reason: String,
}

/// Every `.tthc` file under the given paths (files are taken as given; folders are walked),
/// in a stable order.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Unreadable> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| Unreadable {
            path: p.clone(),
            reason: e.to_string(),
        })?;
        if meta.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Unreadable> {
    let entries = std::fs::read_dir(dir).map_err(|e| Unreadable {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    })?;
    for entry in entries {
        let entry = entry.map_err(|e| Unreadable {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "tthc") {
            out.push(path);
        }
    }
    Ok(())
}

/// The catalogue named by `paths` as checker inputs, or the bundled catalogue when no
/// path is given. A path holding no `.tthc` file is an error, not an empty catalogue.
pub fn inputs(paths: &[PathBuf]) -> Result<Vec<Input>, Unreadable> {
    if paths.is_empty() {
        return Ok(crate::bundled::procedure_inputs());
    }
    let found = collect(paths)?;
    if found.is_empty() {
        return Err(Unreadable {
            path: paths[0].clone(),
            reason: "no .tthc files found there".to_string(),
        });
    }
    read(&found)
}

/// Reads the files as checker inputs.
pub fn read(paths: &[PathBuf]) -> Result<Vec<Input>, Unreadable> {
    paths
        .iter()
        .map(|p| {
            std::fs::read(p)
                .map(|bytes| Input {
                    path: p.display().to_string(),
                    bytes,
                })
                .map_err(|e| Unreadable {
                    path: p.clone(),
                    reason: e.to_string(),
                })
        })
        .collect()
}
