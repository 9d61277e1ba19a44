//! Replacing a file's contents safely (`tthc fmt`, the language server's formatting is the
//! editor's to save).
//!
//! - **Nothing edited meanwhile is lost.** The file is read again just before the new
//!   contents are renamed over it; if it changed since the caller read it (someone saved
//!   an edit while a long run was formatting), it is left as it is and the caller says so.
//! - **No file is written through a planted link.** The temporary file gets a random name
//!   and is created exclusively (`O_CREAT | O_EXCL`), so a link waiting at a predictable
//!   name (`x.tthc.tmp`) cannot redirect the write to a file elsewhere.
//! - **Permissions stay.** A file that cannot be written (read-only) is not replaced; the
//!   new file gets the old one's mode (and owner, where the system allows).
//! - **Links stay links.** A link's target is rewritten, in the target's own folder; the
//!   link is left pointing at it.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Why a file was not replaced. Nothing was changed when this is returned.
#[derive(Debug)]
pub enum ReplaceError {
    /// The file changed after it was read: someone's edit, kept.
    ChangedMeanwhile(PathBuf),
    /// The file may not be written (its permissions say read-only).
    ReadOnly(PathBuf),
    /// The path is not a regular file (or a link to one).
    NotAFile(PathBuf),
    /// The file system refused.
    Io(PathBuf, std::io::Error),
}

impl ReplaceError {
    /// The message, in both languages.
    pub fn text(&self) -> crate::text::Text {
        use crate::text::Text;
        match self {
            ReplaceError::ChangedMeanwhile(p) => Text::new(
                format!(
                    "{} changed while it was being formatted; it was left as it is (run the command again)",
                    p.display()
                ),
                format!(
                    "{} đã thay đổi trong lúc định dạng; tệp được giữ nguyên (hãy chạy lại lệnh)",
                    p.display()
                ),
            ),
            ReplaceError::ReadOnly(p) => Text::new(
                format!(
                    "{} is read-only; it was not rewritten (make it writable to format it)",
                    p.display()
                ),
                format!(
                    "{} chỉ được phép đọc; tệp không bị ghi lại (hãy cho phép ghi để định dạng)",
                    p.display()
                ),
            ),
            ReplaceError::NotAFile(p) => Text::new(
                format!(
                    "{} is not a regular file; it was not rewritten",
                    p.display()
                ),
                format!(
                    "{} không phải tệp thông thường; tệp không bị ghi lại",
                    p.display()
                ),
            ),
            ReplaceError::Io(p, e) => Text::new(
                format!("cannot write {}: {e}", p.display()),
                format!("không ghi được {}: {e}", p.display()),
            ),
        }
    }
}

impl std::fmt::Display for ReplaceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for ReplaceError {}

/// Replaces the contents of `path` by `new`, provided it still holds `read` (what the
/// caller read from it before computing `new`). Returns the file written: `path`, or the
/// file a link at `path` points to.
///
/// ```
/// use tthc::fs::{replace_if_unchanged, ReplaceError};
/// let dir = std::env::temp_dir().join(format!("tthc-replace-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let file = dir.join("a.tthc");
/// std::fs::write(&file, "old").unwrap();
/// replace_if_unchanged(&file, b"old", b"new").unwrap();
/// assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
/// // Read as "old", but it holds "new" now: someone else's edit is kept.
/// let e = replace_if_unchanged(&file, b"old", b"newer").unwrap_err();
/// assert!(matches!(e, ReplaceError::ChangedMeanwhile(_)));
/// assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn replace_if_unchanged(path: &Path, read: &[u8], new: &[u8]) -> Result<PathBuf, ReplaceError> {
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| ReplaceError::Io(p, e)
    };
    let is_link = std::fs::symlink_metadata(path)
        .map_err(io(path))?
        .file_type()
        .is_symlink();
    let target = if is_link {
        path.canonicalize().map_err(io(path))?
    } else {
        path.to_path_buf()
    };
    let meta = std::fs::metadata(&target).map_err(io(&target))?;
    if !meta.is_file() {
        return Err(ReplaceError::NotAFile(path.to_path_buf()));
    }
    // A file nobody may write was made so on purpose: it stays, even for root. Then
    // opening for writing asks the system itself (owner, group, ACLs), which the mode
    // bits alone cannot answer.
    if meta.permissions().readonly() {
        return Err(ReplaceError::ReadOnly(path.to_path_buf()));
    }
    match std::fs::OpenOptions::new().write(true).open(&target) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            return Err(ReplaceError::ReadOnly(path.to_path_buf()));
        }
        Err(e) => return Err(ReplaceError::Io(target, e)),
    }
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (tmp, mut file) = create_temporary(&folder, &name).map_err(io(&folder))?;
    let written = (|| {
        file.set_permissions(meta.permissions())?;
        keep_owner(&file, &meta);
        file.write_all(new)?;
        file.sync_all()?;
        drop(file);
        Ok(())
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(ReplaceError::Io(tmp, e));
    }
    // The last look before the rename: an edit saved while this file was formatted is
    // kept. (An edit in the instant between this read and the rename can still be lost;
    // only a lock every editor honours could close that, and editors take none.)
    let now = read_all(&target);
    if now.as_deref().ok() == Some(new) {
        // Already what it would become (through another link to the same file).
        let _ = std::fs::remove_file(&tmp);
        return Ok(target);
    }
    if now.as_deref().ok() != Some(read) {
        let _ = std::fs::remove_file(&tmp);
        return match now {
            Ok(_) => Err(ReplaceError::ChangedMeanwhile(path.to_path_buf())),
            Err(e) => Err(ReplaceError::Io(target, e)),
        };
    }
    std::fs::rename(&tmp, &target).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        ReplaceError::Io(target.clone(), e)
    })?;
    Ok(target)
}

fn read_all(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// A new file beside `name` in `folder`, hidden, with a random part in its name, created
/// exclusively: it never opens a file or link that was already there.
fn create_temporary(folder: &Path, name: &str) -> std::io::Result<(PathBuf, std::fs::File)> {
    use std::hash::{BuildHasher, RandomState};
    let mut last = None;
    for attempt in 0u32..16 {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let random = RandomState::new().hash_one((std::process::id(), attempt, nanos));
        let tmp = folder.join(format!(".{name}.{random:016x}.tmp"));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

/// Gives the new file the old one's owner and group, where the system allows it (root
/// may; others only keep what they already are).
#[cfg(unix)]
fn keep_owner(file: &std::fs::File, meta: &std::fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_: &std::fs::File, _: &std::fs::Metadata) {}
