//! Writing a build into its output folder without destroying anything tthc did not write.
//!
//! Every build leaves a manifest ([`MANIFEST`]) listing the files it wrote with their
//! hashes. A later build into the same folder:
//! - refuses a folder that is, contains or lies inside a source it read (so `--out
//!   procedures` or `--out .` cannot touch the catalogue), whatever `--force` says;
//! - refuses a non-empty folder with no manifest (someone else's), unless forced;
//! - refuses to overwrite a file the manifest does not list, or one changed since the
//!   last build, unless forced;
//! - removes only the files the previous manifest lists.
//!
//! When the folder holds nothing but the previous build, it is replaced in one rename
//! (a reader sees the old build or the new one, never half of each). When it also holds
//! files tthc did not write, each file is replaced on its own (write beside, then rename)
//! and the others are left where they are.
//!
//! The manifest is trusted only inside the folder: an entry that is absolute, holds `..`
//! or lies under a link is never read, written or removed (a crafted manifest must not
//! make a build delete a file elsewhere), and nothing is written through a link inside
//! the folder. An output folder that is itself a link is written where the link points,
//! and the link stays.
//!
//! A build killed half-way leaves nothing that the next one cannot recover from without
//! `--force`: two builds into one folder never run at once (the second is refused), the
//! next build removes the sibling folders (`out.tmp-<pid>`, `out.old-<pid>`) and the
//! temporary files a killed build left, and a build that replaces files one by one first
//! records them in the manifest as pending, so that a file already replaced when it was
//! killed is known as written by tthc.

use super::Output;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The manifest's name inside the output folder.
pub const MANIFEST: &str = "tthc-manifest.json";

/// How to write.
#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    /// Write into a folder tthc did not create, and overwrite files its manifest does not
    /// list or that were changed since. Sources are protected even then.
    pub force: bool,
    /// Files and folders the build read from; the output may not be, contain or lie
    /// inside any of them.
    pub sources: Vec<PathBuf>,
}

/// What a write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// Files written.
    pub files: usize,
    /// Files of the previous build that this one no longer has, removed.
    pub removed: usize,
    /// Files in the folder that tthc did not write, left in place.
    pub kept: Vec<String>,
}

/// Why the output was not written. Nothing was changed when this is returned.
#[derive(Debug)]
pub enum WriteError {
    /// The output folder is, contains or lies inside a source.
    OverlapsSource {
        /// The output folder.
        out: PathBuf,
        /// The source it overlaps.
        source: PathBuf,
    },
    /// The output path exists and is not a folder.
    NotAFolder(PathBuf),
    /// The folder is not empty and was not written by `tthc build`.
    NotABuild {
        /// The output folder.
        out: PathBuf,
        /// Some of what it holds.
        holds: Vec<String>,
    },
    /// The build would overwrite a file the last build did not write.
    NotWrittenByBuild(String),
    /// A file the last build wrote was changed since.
    ChangedSinceBuild(String),
    /// The manifest names a path outside the folder or under a link in it.
    UntrustedManifest(String),
    /// A path the build would write lies under a link inside the folder.
    ThroughLink(String),
    /// The output path is a link to nothing.
    BrokenLink(PathBuf),
    /// The file system refused.
    Io(String, std::io::Error),
}

impl WriteError {
    /// The message, in both languages.
    pub fn text(&self) -> crate::text::Text {
        use crate::text::Text;
        match self {
            WriteError::OverlapsSource { out, source } => Text::new(
                format!(
                    "refusing to write into {}: it overlaps {}, which the build reads; choose an output folder outside the catalogue (e.g. --out build)",
                    out.display(),
                    source.display()
                ),
                format!(
                    "không ghi vào {}: thư mục này trùng với {} là nơi bản dựng đọc dữ liệu; hãy chọn thư mục đầu ra nằm ngoài danh mục (ví dụ --out build)",
                    out.display(),
                    source.display()
                ),
            ),
            WriteError::NotAFolder(p) => Text::new(
                format!("{} exists and is not a folder", p.display()),
                format!("{} đã tồn tại và không phải là thư mục", p.display()),
            ),
            WriteError::NotABuild { out, holds } => Text::new(
                format!(
                    "refusing to write into {}: it is not empty and was not written by `tthc build` (it holds {}); choose an empty folder, or add --force to write beside what is there",
                    out.display(),
                    holds.join(", ")
                ),
                format!(
                    "không ghi vào {}: thư mục không trống và không do `tthc build` tạo ra (có {}); hãy chọn thư mục trống, hoặc thêm --force để ghi cạnh các tệp đang có",
                    out.display(),
                    holds.join(", ")
                ),
            ),
            WriteError::NotWrittenByBuild(p) => Text::new(
                format!(
                    "refusing to overwrite {p}: the last build did not write it; move it away, or add --force"
                ),
                format!(
                    "không ghi đè {p}: tệp này không do lần dựng trước tạo ra; hãy chuyển nó đi, hoặc thêm --force"
                ),
            ),
            WriteError::ChangedSinceBuild(p) => Text::new(
                format!(
                    "refusing to replace {p}: it was changed after the last build; keep your copy elsewhere, or add --force"
                ),
                format!(
                    "không thay {p}: tệp đã bị sửa sau lần dựng trước; hãy lưu bản của bạn ở nơi khác, hoặc thêm --force"
                ),
            ),
            WriteError::UntrustedManifest(entry) => Text::new(
                format!(
                    "refusing to trust {MANIFEST}: it lists `{entry}`, which is not a file inside the output folder, so tthc did not write it; delete {MANIFEST} and build again with --force"
                ),
                format!(
                    "không tin {MANIFEST}: tệp này liệt kê `{entry}`, không phải tệp nằm trong thư mục đầu ra, nên không do tthc ghi; hãy xóa {MANIFEST} rồi dựng lại với --force"
                ),
            ),
            WriteError::ThroughLink(p) => Text::new(
                format!(
                    "refusing to write through {p}: it is a link (or not a folder) inside the output folder; tthc writes only inside the folder itself; remove the link"
                ),
                format!(
                    "không ghi qua {p}: đây là liên kết (hoặc không phải thư mục) trong thư mục đầu ra; tthc chỉ ghi bên trong chính thư mục đó; hãy xóa liên kết"
                ),
            ),
            WriteError::BrokenLink(p) => Text::new(
                format!(
                    "{} is a link to a folder that does not exist; create the folder it points to, or choose another --out",
                    p.display()
                ),
                format!(
                    "{} là liên kết tới một thư mục không tồn tại; hãy tạo thư mục đó, hoặc chọn --out khác",
                    p.display()
                ),
            ),
            WriteError::Io(what, e) => Text::new(
                format!("cannot write {what}: {e}"),
                format!("không ghi được {what}: {e}"),
            ),
        }
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for WriteError {}

/// The manifest: every file a build wrote, with the SHA-256 of its contents.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Manifest {
    /// What wrote it.
    generator: String,
    /// Relative path (`/`-separated) → SHA-256 hex.
    files: BTreeMap<String, String>,
    /// Only while a build replaces files one by one: what it is writing. A build killed
    /// then leaves some files of `files` and some of `pending`; both are tthc's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pending: Option<Pending>,
}

/// The files a build is replacing one by one, and how its temporary files are named.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Pending {
    /// Relative path → SHA-256 hex of what is being written there.
    files: BTreeMap<String, String>,
    /// The suffix of its temporary files (`<path><suffix>`), removed by the next build.
    temp_suffix: String,
}

impl Manifest {
    fn of(out: &Output) -> Manifest {
        Manifest {
            generator: format!("tthc {}", env!("CARGO_PKG_VERSION")),
            files: out
                .files
                .iter()
                .map(|(p, b)| (p.clone(), sha256(b)))
                .collect(),
            pending: None,
        }
    }

    /// Every file the manifest says tthc wrote, with each content it may have (two while
    /// a build was replacing files one by one).
    fn owned(&self) -> BTreeMap<&str, Vec<&str>> {
        let mut owned: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let pending = self.pending.iter().flat_map(|p| &p.files);
        for (path, hash) in self.files.iter().chain(pending) {
            owned.entry(path).or_default().push(hash);
        }
        owned
    }

    /// The first entry that is not a plain relative path inside the folder.
    fn untrusted_entry(&self) -> Option<&str> {
        let pending = self.pending.iter().flat_map(|p| p.files.keys());
        self.files
            .keys()
            .chain(pending)
            .map(String::as_str)
            .find(|p| !inside(p))
            .or_else(|| {
                self.pending
                    .as_ref()
                    .map(|p| p.temp_suffix.as_str())
                    .filter(|s| !temp_suffix_ok(s))
            })
    }
}

/// Whether `rel` names a path inside a folder: relative, `/`-separated parts, none of them
/// empty, `.` or `..`, and no character a path could escape through.
fn inside(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.contains(['\\', '\0', ':'])
        && rel
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

fn temp_suffix_ok(s: &str) -> bool {
    s.strip_prefix(".tmp-")
        .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes `out` into `dir` (see the module's documentation for what is refused).
pub fn write(out: &Output, dir: &Path, options: &WriteOptions) -> Result<Written, WriteError> {
    let io = |what: &Path| {
        let what = what.display().to_string();
        move |e| WriteError::Io(what, e)
    };
    // A link is written where it points; renaming over it would replace it by a folder.
    let link = std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink());
    let resolved;
    let dir = if link {
        resolved = dir
            .canonicalize()
            .map_err(|_| WriteError::BrokenLink(dir.to_path_buf()))?;
        resolved.as_path()
    } else {
        dir
    };
    if dir.exists() && !dir.is_dir() {
        return Err(WriteError::NotAFolder(dir.to_path_buf()));
    }
    let out_abs = absolute(dir).map_err(io(dir))?;
    for source in &options.sources {
        let src_abs = absolute(source).map_err(io(source))?;
        if out_abs.starts_with(&src_abs) || src_abs.starts_with(&out_abs) {
            return Err(WriteError::OverlapsSource {
                out: dir.to_path_buf(),
                source: source.clone(),
            });
        }
    }
    if out.files.contains_key(MANIFEST) {
        return Err(WriteError::NotWrittenByBuild(MANIFEST.to_string()));
    }
    if dir.file_name().is_none() {
        return Err(WriteError::Io(
            dir.display().to_string(),
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the output folder must have a name",
            ),
        ));
    }
    let _lock = lock_parent(&out_abs)?;
    remove_leftover_siblings(dir).map_err(io(dir))?;
    let mut present = if dir.is_dir() {
        files_under(dir).map_err(io(dir))?
    } else {
        BTreeSet::new()
    };
    let previous = if present.contains(MANIFEST) {
        read_manifest(dir)
    } else {
        None
    };
    let previous = match previous {
        Some(m) => match m.untrusted_entry() {
            Some(entry) if !options.force => {
                return Err(WriteError::UntrustedManifest(entry.to_string()));
            }
            // Forced: the manifest is not believed at all; the folder is someone else's.
            Some(_) => None,
            None => Some(m),
        },
        None => None,
    };
    if let Some(pending) = previous.as_ref().and_then(|m| m.pending.as_ref()) {
        remove_temporaries(dir, pending, &mut present).map_err(io(dir))?;
    }
    let owned: BTreeMap<&str, Vec<&str>> =
        previous.as_ref().map(Manifest::owned).unwrap_or_default();
    let foreign: Vec<String> = present
        .iter()
        .filter(|p| p.as_str() != MANIFEST && !owned.contains_key(p.as_str()))
        .cloned()
        .collect();
    if !present.is_empty() && previous.is_none() && !options.force {
        return Err(WriteError::NotABuild {
            out: dir.to_path_buf(),
            holds: present.iter().take(3).cloned().collect(),
        });
    }
    if !options.force {
        if let Some(p) = foreign.iter().find(|p| out.files.contains_key(*p)) {
            return Err(WriteError::NotWrittenByBuild(p.clone()));
        }
        for (p, hashes) in &owned {
            if present.contains(*p) {
                let path = join(dir, p);
                let bytes = std::fs::read(&path).map_err(io(&path))?;
                if !hashes.contains(&sha256(&bytes).as_str()) {
                    return Err(WriteError::ChangedSinceBuild(p.to_string()));
                }
            }
        }
    }
    // The files of the last build that this one no longer has: only those found in the
    // folder itself (the walk does not follow links), so never a file elsewhere.
    let stale: Vec<String> = owned
        .keys()
        .filter(|p| !out.files.contains_key(**p) && present.contains(**p))
        .map(|p| p.to_string())
        .collect();
    let manifest = Manifest::of(out);
    // An empty folder, or one holding only the last build: replace it whole.
    if foreign.is_empty() {
        swap_whole(out, &manifest, dir).map_err(io(dir))?;
        return Ok(Written {
            files: out.files.len(),
            removed: stale.len(),
            kept: Vec::new(),
        });
    }
    if let Some(p) = first_link_on_the_way(dir, out.files.keys()) {
        return Err(WriteError::ThroughLink(p));
    }
    // What is on disk now of the files this build may replace: the journal's record of
    // them, whichever build (the last, or one killed half-way) wrote each.
    let on_disk: BTreeMap<String, String> = owned
        .keys()
        .copied()
        .chain(out.files.keys().map(String::as_str))
        .filter(|p| present.contains(*p))
        .filter_map(|p| {
            let path = join(dir, p);
            let regular = std::fs::symlink_metadata(&path).ok()?.is_file();
            let bytes = std::fs::read(&path).ok().filter(|_| regular)?;
            Some((p.to_string(), sha256(&bytes)))
        })
        .collect();
    let removed = replace_each(out, manifest, on_disk, dir, &stale).map_err(io(dir))?;
    Ok(Written {
        files: out.files.len(),
        removed,
        kept: foreign
            .into_iter()
            .filter(|p| !out.files.contains_key(p))
            .collect(),
    })
}

/// Holds the folder that holds the output folder locked for as long as it lives, waiting
/// for another build writing beside it to finish: two builds never clean up or rename
/// each other's folders. (An advisory lock, released by the system when a build is
/// killed, so a killed build never blocks the next one.)
fn lock_parent(out_abs: &Path) -> Result<std::fs::File, WriteError> {
    let parent = out_abs.parent().unwrap_or(out_abs);
    let fail = |e| WriteError::Io(parent.display().to_string(), e);
    std::fs::create_dir_all(parent).map_err(fail)?;
    let handle = std::fs::File::open(parent).map_err(fail)?;
    match handle.lock() {
        Ok(()) => {}
        // A file system without locks (some network ones): build unlocked, as before.
        Err(e) if e.kind() == std::io::ErrorKind::Unsupported => {}
        Err(e) => return Err(fail(e)),
    }
    Ok(handle)
}

/// Removes `DIR.tmp-<pid>` and `DIR.old-<pid>` folders beside `dir` that a killed build
/// left: only folders (not links) holding a manifest and nothing it does not list, so a
/// folder of someone else's that happens to be named so (`build.old-2024`) stays.
fn remove_leftover_siblings(dir: &Path) -> std::io::Result<()> {
    let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else {
        return Ok(());
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let name = name.to_string_lossy();
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry?;
        let sibling = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = sibling.strip_prefix(name.as_ref()) else {
            continue;
        };
        let ours = [".tmp-", ".old-"].iter().any(|k| {
            rest.strip_prefix(k)
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        });
        if ours && entry.file_type()?.is_dir() && only_a_build(&entry.path()) {
            std::fs::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
}

/// Whether a folder holds a manifest tthc could have written and nothing it does not list.
fn only_a_build(dir: &Path) -> bool {
    let (Ok(present), Some(m)) = (files_under(dir), read_manifest(dir)) else {
        return false;
    };
    m.untrusted_entry().is_none()
        && present
            .iter()
            .all(|p| p == MANIFEST || m.files.contains_key(p))
}

/// Removes the temporary files a build killed while replacing files one by one left
/// (`<path><suffix>` of each file it was writing, and of the manifest).
fn remove_temporaries(
    dir: &Path,
    pending: &Pending,
    present: &mut BTreeSet<String>,
) -> std::io::Result<()> {
    let names = pending
        .files
        .keys()
        .map(String::as_str)
        .chain([MANIFEST])
        .map(|p| format!("{p}{}", pending.temp_suffix));
    for rel in names {
        if present.contains(&rel) {
            let path = join(dir, &rel);
            if std::fs::symlink_metadata(&path)?.is_file() {
                std::fs::remove_file(&path)?;
                present.remove(&rel);
            }
        }
    }
    Ok(())
}

/// The first folder on the way to a file to write that is a link or not a folder.
fn first_link_on_the_way<'a>(
    dir: &Path,
    files: impl Iterator<Item = &'a String>,
) -> Option<String> {
    let mut checked = BTreeSet::new();
    for rel in files {
        let parts: Vec<&str> = rel.split('/').collect();
        for n in 1..parts.len() {
            let prefix = parts[..n].join("/");
            if !checked.insert(prefix.clone()) {
                continue;
            }
            match std::fs::symlink_metadata(join(dir, &prefix)) {
                Ok(m) if !m.is_dir() => return Some(prefix),
                _ => {}
            }
        }
    }
    None
}

/// The path made absolute with links resolved as far as it exists (the rest appended),
/// so that `procedures/../procedures/x` and a link to it compare equal.
fn absolute(p: &Path) -> std::io::Result<PathBuf> {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()?.join(p)
    };
    let mut existing = p.as_path();
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    loop {
        if let Ok(c) = existing.canonicalize() {
            let mut out = c;
            for part in rest.iter().rev() {
                match part.to_str() {
                    Some("..") => {
                        out.pop();
                    }
                    Some(".") => {}
                    _ => out.push(part),
                }
            }
            return Ok(out);
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                existing = parent;
            }
            _ => return Ok(p),
        }
    }
}

fn join(root: &Path, rel: &str) -> PathBuf {
    rel.split('/').fold(root.to_path_buf(), |p, c| p.join(c))
}

/// Every file under `dir`, as `/`-separated relative paths.
fn files_under(dir: &Path) -> std::io::Result<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    while let Some((d, prefix)) = stack.pop() {
        for e in std::fs::read_dir(&d)? {
            let e = e?;
            let name = e.file_name().to_string_lossy().into_owned();
            let rel = if prefix.is_empty() {
                name
            } else {
                format!("{prefix}/{name}")
            };
            // Do not follow links: a link is an entry of its own, never ours.
            if e.file_type()?.is_dir() {
                stack.push((e.path(), rel));
            } else {
                out.insert(rel);
            }
        }
    }
    Ok(out)
}

fn read_manifest(dir: &Path) -> Option<Manifest> {
    let path = dir.join(MANIFEST);
    // A manifest that is a link is not one tthc wrote.
    if !std::fs::symlink_metadata(&path).ok()?.is_file() {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let mut n = dir.file_name().unwrap_or_default().to_os_string();
    n.push(format!(".{suffix}-{}", std::process::id()));
    dir.with_file_name(n)
}

/// Everything goes into a sibling `DIR.tmp-<pid>` (its manifest first, so that a build
/// killed while writing it leaves a folder the next build knows as its own); the old `DIR`
/// (only the last build's files) is moved aside, the new one renamed into place, and only
/// then is the old one removed.
fn swap_whole(out: &Output, manifest: &Manifest, dir: &Path) -> std::io::Result<()> {
    let tmp = sibling(dir, "tmp");
    let old = sibling(dir, "old");
    if std::fs::symlink_metadata(&tmp).is_ok() {
        std::fs::remove_dir_all(&tmp)?;
    }
    let written = std::fs::create_dir(&tmp)
        .and_then(|()| std::fs::write(tmp.join(MANIFEST), to_json(manifest)?))
        .and_then(|()| write_all(out, &tmp));
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    let had_old = dir.exists();
    if had_old {
        if std::fs::symlink_metadata(&old).is_ok() {
            std::fs::remove_dir_all(&old)?;
        }
        if let Err(e) = std::fs::rename(dir, &old) {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
    }
    if let Err(e) = std::fs::rename(&tmp, dir) {
        if had_old {
            let _ = std::fs::rename(&old, dir);
        }
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if had_old {
        std::fs::remove_dir_all(&old)?;
    }
    Ok(())
}

fn to_json(manifest: &Manifest) -> std::io::Result<Vec<u8>> {
    serde_json::to_vec_pretty(manifest).map_err(std::io::Error::other)
}

fn write_all(out: &Output, root: &Path) -> std::io::Result<()> {
    for (rel, bytes) in &out.files {
        let path = join(root, rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, bytes))?;
    }
    Ok(())
}

/// Replaces each file on its own (written beside it, then renamed over it), removes the
/// last build's files this one no longer has (`stale`), and writes the manifest last.
/// Before the first file, the manifest records what each file holds now (`on_disk`) and
/// what is being written, so that a build killed half-way leaves only files the next one
/// knows as its own. Returns how many files
/// were removed.
fn replace_each(
    out: &Output,
    manifest: Manifest,
    on_disk: BTreeMap<String, String>,
    dir: &Path,
    stale: &[String],
) -> std::io::Result<usize> {
    let suffix = format!(".tmp-{}", std::process::id());
    let journal = Manifest {
        files: on_disk,
        pending: Some(Pending {
            files: manifest.files.clone(),
            temp_suffix: suffix.clone(),
        }),
        ..manifest.clone()
    };
    write_one(&dir.join(MANIFEST), &to_json(&journal)?, &suffix)?;
    for (rel, bytes) in &out.files {
        write_one(&join(dir, rel), bytes, &suffix)?;
    }
    let mut removed = 0;
    for rel in stale {
        let path = join(dir, rel);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            std::fs::remove_file(&path)?;
            removed += 1;
            // Folders the last build made and that are now empty go too.
            let mut parent = path.parent();
            while let Some(p) = parent {
                if p == dir || std::fs::remove_dir(p).is_err() {
                    break;
                }
                parent = p.parent();
            }
        }
    }
    write_one(&dir.join(MANIFEST), &to_json(&manifest)?, &suffix)?;
    Ok(removed)
}

/// Writes a file beside `path` (created new, so never through a link planted at its
/// name), then renames it over `path`.
fn write_one(path: &Path, bytes: &[u8], suffix: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut tmp = path.as_os_str().to_os_string();
    tmp.push(suffix);
    let tmp = PathBuf::from(tmp);
    if std::fs::symlink_metadata(&tmp).is_ok_and(|m| m.is_file()) {
        // Our own name: a file left by an earlier build of this process id.
        std::fs::remove_file(&tmp)?;
    }
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .and_then(|mut f| std::io::Write::write_all(&mut f, bytes));
    written
        .and_then(|()| std::fs::rename(&tmp, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("tthc-out-dir-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn output(files: &[(&str, &str)]) -> Output {
        Output {
            files: files
                .iter()
                .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
                .collect(),
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        files_under(dir).unwrap().into_iter().collect()
    }

    fn read(p: PathBuf) -> String {
        std::fs::read_to_string(p).unwrap()
    }

    #[test]
    fn replaces_the_last_build_whole_and_leaves_nothing_beside_it() {
        let base = scratch("replace");
        let dir = base.join("out");
        let opts = WriteOptions::default();
        write(&output(&[("a/old.txt", "old")]), &dir, &opts).unwrap();
        let w = write(&output(&[("b/new.txt", "new")]), &dir, &opts).unwrap();
        assert_eq!(w.removed, 1);
        assert_eq!(
            names(&dir),
            vec!["b/new.txt".to_string(), MANIFEST.to_string()]
        );
        assert_eq!(read(dir.join("b/new.txt")), "new");
        let beside: Vec<_> = std::fs::read_dir(&base)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(beside, vec![std::ffi::OsString::from("out")]);
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn a_failed_write_keeps_the_previous_output() {
        let base = scratch("fail");
        let dir = base.join("out");
        let opts = WriteOptions::default();
        write(&output(&[("keep.txt", "kept")]), &dir, &opts).unwrap();
        // `x` is both a file and a folder: the second write cannot succeed.
        let bad = output(&[("x", "file"), ("x/y", "under a file")]);
        assert!(write(&bad, &dir, &opts).is_err());
        assert_eq!(read(dir.join("keep.txt")), "kept");
        let beside: Vec<_> = std::fs::read_dir(&base)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(beside, vec![std::ffi::OsString::from("out")]);
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn refuses_to_replace_a_file() {
        let base = scratch("file");
        let path = base.join("out");
        std::fs::write(&path, "a file").unwrap();
        let e = write(&output(&[("a", "b")]), &path, &WriteOptions::default()).unwrap_err();
        assert!(matches!(e, WriteError::NotAFolder(_)), "{e}");
        assert_eq!(read(path), "a file");
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn a_folder_someone_else_filled_is_refused_unless_forced_and_then_kept() {
        let base = scratch("foreign");
        let dir = base.join("notes");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("mine.txt"), "my notes").unwrap();
        let e = write(&output(&[("a.json", "{}")]), &dir, &WriteOptions::default()).unwrap_err();
        assert!(matches!(e, WriteError::NotABuild { .. }), "{e}");
        assert_eq!(names(&dir), vec!["mine.txt".to_string()]);
        let forced = WriteOptions {
            force: true,
            ..Default::default()
        };
        let w = write(&output(&[("a.json", "{}")]), &dir, &forced).unwrap();
        assert_eq!(w.kept, vec!["mine.txt".to_string()]);
        assert_eq!(read(dir.join("mine.txt")), "my notes");
        // The next build replaces only what the manifest lists; the notes stay, unforced.
        let w = write(&output(&[("b.json", "[]")]), &dir, &WriteOptions::default()).unwrap();
        assert_eq!(w.removed, 1);
        assert_eq!(
            names(&dir),
            vec![
                "b.json".to_string(),
                "mine.txt".to_string(),
                MANIFEST.to_string()
            ]
        );
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn a_file_added_to_a_build_folder_is_kept_and_never_overwritten_unforced() {
        let base = scratch("added");
        let dir = base.join("out");
        let opts = WriteOptions::default();
        write(&output(&[("w/a.json", "1")]), &dir, &opts).unwrap();
        std::fs::write(dir.join("README.txt"), "what this is").unwrap();
        std::fs::write(dir.join("w/b.json"), "someone's").unwrap();
        let e = write(
            &output(&[("w/a.json", "2"), ("w/b.json", "3")]),
            &dir,
            &opts,
        )
        .unwrap_err();
        assert!(
            matches!(&e, WriteError::NotWrittenByBuild(p) if p == "w/b.json"),
            "{e}"
        );
        assert_eq!(
            read(dir.join("w/a.json")),
            "1",
            "nothing changed on refusal"
        );
        let w = write(&output(&[("w/a.json", "2")]), &dir, &opts).unwrap();
        assert_eq!(
            w.kept,
            vec!["README.txt".to_string(), "w/b.json".to_string()]
        );
        assert_eq!(read(dir.join("w/a.json")), "2");
        assert_eq!(read(dir.join("README.txt")), "what this is");
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn a_generated_file_edited_by_hand_is_not_replaced_unforced() {
        let base = scratch("edited");
        let dir = base.join("out");
        let opts = WriteOptions::default();
        write(&output(&[("a.json", "1")]), &dir, &opts).unwrap();
        std::fs::write(dir.join("a.json"), "hand edit").unwrap();
        let e = write(&output(&[("a.json", "2")]), &dir, &opts).unwrap_err();
        assert!(
            matches!(&e, WriteError::ChangedSinceBuild(p) if p == "a.json"),
            "{e}"
        );
        assert_eq!(read(dir.join("a.json")), "hand edit");
        let forced = WriteOptions {
            force: true,
            ..Default::default()
        };
        write(&output(&[("a.json", "2")]), &dir, &forced).unwrap();
        assert_eq!(read(dir.join("a.json")), "2");
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn an_output_overlapping_a_source_is_refused_even_when_forced() {
        let base = scratch("overlap");
        let src = base.join("procedures");
        std::fs::create_dir_all(src.join("qd")).unwrap();
        std::fs::write(src.join("qd/a.tthc"), "source").unwrap();
        let opts = WriteOptions {
            force: true,
            sources: vec![src.clone()],
        };
        for out in [
            src.clone(),
            src.join("build"),
            base.clone(),
            src.join("qd/../.."),
        ] {
            let e = write(&output(&[("x", "y")]), &out, &opts).unwrap_err();
            assert!(
                matches!(e, WriteError::OverlapsSource { .. }),
                "{}: {e}",
                out.display()
            );
        }
        assert_eq!(read(src.join("qd/a.tthc")), "source");
        assert!(write(&output(&[("x", "y")]), &base.join("build"), &opts).is_ok());
        let _ = std::fs::remove_dir_all(&base);
    }
}
