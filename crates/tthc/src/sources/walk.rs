//! Finding the `.tthc` files under the paths a user names.

use super::SourceError;

/// The file worked examples are kept in, in a decision's folder (`tthc test` reads them).
pub const EXAMPLES_FILE: &str = "examples.yaml";
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Every `.tthc` file under `paths`, in path order: files are taken as given, folders are
/// searched (hidden folders such as `.git` are skipped). A folder reached twice through
/// symbolic links is read once; a link that leads back into a folder being read is an
/// error, not an endless walk.
pub fn tthc_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, SourceError> {
    tthc_files_found(paths).map(|f| f.files)
}

/// What a search of folders found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// The regular files wanted, in path order.
    pub files: Vec<PathBuf>,
    /// Entries with a wanted name found in a folder that are not regular files (a named
    /// pipe, a socket, a device): reading one could block for ever, so they are skipped
    /// and the caller says so.
    pub skipped: Vec<PathBuf>,
}

/// Every `.tthc` file under `paths`, as [`tthc_files`], with the entries skipped because
/// they are not regular files.
pub fn tthc_files_found(paths: &[PathBuf]) -> Result<Found, SourceError> {
    files_where(paths, &|p| p.extension().is_some_and(|e| e == "tthc"))
}

/// Every worked-example file ([`EXAMPLES_FILE`]) under `paths`,
/// in path order; a file named directly is taken as it is.
pub fn example_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, SourceError> {
    files_where(paths, &|p| {
        p.file_name().is_some_and(|n| n == EXAMPLES_FILE)
    })
    .map(|f| f.files)
}

/// Whether `path` (followed through links) is something other than a regular file or a
/// folder: a named pipe, a socket or a device.
pub fn is_irregular(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

fn files_where(paths: &[PathBuf], wanted: &dyn Fn(&Path) -> bool) -> Result<Found, SourceError> {
    let mut found = Found::default();
    let mut seen = HashSet::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| SourceError::unreadable(p, &e))?;
        if meta.is_dir() {
            walk(p, wanted, &mut Vec::new(), &mut seen, &mut found)?;
        } else {
            // A file named on purpose is read whatever it is (`<(…)` is a pipe).
            found.files.push(p.clone());
        }
    }
    found.files.sort();
    found.files.dedup();
    Ok(found)
}

fn walk(
    dir: &Path,
    wanted: &dyn Fn(&Path) -> bool,
    ancestors: &mut Vec<PathBuf>,
    seen: &mut HashSet<PathBuf>,
    out: &mut Found,
) -> Result<(), SourceError> {
    let canonical = dir
        .canonicalize()
        .map_err(|e| SourceError::unreadable(dir, &e))?;
    if ancestors.contains(&canonical) {
        return Err(SourceError::SymlinkLoop(dir.to_path_buf()));
    }
    if !seen.insert(canonical.clone()) {
        return Ok(());
    }
    ancestors.push(canonical);
    let entries = std::fs::read_dir(dir).map_err(|e| SourceError::unreadable(dir, &e))?;
    let mut children: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| SourceError::unreadable(dir, &e))?;
        children.push(entry.path());
    }
    children.sort();
    for path in children {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        // `is_dir` follows links, so a linked folder is walked like any other.
        if path.is_dir() {
            if !hidden {
                walk(&path, wanted, ancestors, seen, out)?;
            }
        } else if wanted(&path) {
            if is_irregular(&path) {
                out.skipped.push(path);
            } else {
                out.files.push(path);
            }
        }
    }
    ancestors.pop();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("tthc-walk-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn finds_tthc_files_in_order_and_skips_hidden_folders() {
        let d = scratch("order");
        std::fs::create_dir_all(d.join("b")).unwrap();
        std::fs::create_dir_all(d.join(".git")).unwrap();
        std::fs::write(d.join("b/z.tthc"), "").unwrap();
        std::fs::write(d.join("a.tthc"), "").unwrap();
        std::fs::write(d.join("notes.txt"), "").unwrap();
        std::fs::write(d.join(".git/x.tthc"), "").unwrap();
        let found = tthc_files(std::slice::from_ref(&d)).unwrap();
        assert_eq!(found, vec![d.join("a.tthc"), d.join("b/z.tthc")]);
        let _ = std::fs::remove_dir_all(&d);
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_in_a_folder_is_skipped_and_named_not_read() {
        let d = scratch("fifo");
        std::fs::write(d.join("a.tthc"), "").unwrap();
        let fifo = d.join("b.tthc");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        // Reading the pipe would block this test for ever.
        let found = tthc_files_found(std::slice::from_ref(&d)).unwrap();
        assert_eq!(found.files, vec![d.join("a.tthc")]);
        assert_eq!(found.skipped, vec![fifo]);
        let _ = std::fs::remove_dir_all(&d);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_an_error_not_an_endless_walk() {
        let d = scratch("loop");
        std::fs::create_dir_all(d.join("sub")).unwrap();
        std::fs::write(d.join("sub/a.tthc"), "").unwrap();
        std::os::unix::fs::symlink(&d, d.join("sub/back")).unwrap();
        let err = tthc_files(std::slice::from_ref(&d)).unwrap_err();
        assert!(
            matches!(&err, SourceError::SymlinkLoop(p) if p.ends_with("sub/back")),
            "{err:?}"
        );
        let _ = std::fs::remove_dir_all(&d);
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_linked_twice_is_read_once() {
        let d = scratch("twice");
        std::fs::create_dir_all(d.join("real")).unwrap();
        std::fs::write(d.join("real/a.tthc"), "").unwrap();
        std::os::unix::fs::symlink(d.join("real"), d.join("alias")).unwrap();
        let found = tthc_files(std::slice::from_ref(&d)).unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        let _ = std::fs::remove_dir_all(&d);
    }
}
