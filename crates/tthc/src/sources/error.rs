//! Why a catalogue or calendar folder could not be read.

use crate::text::Text;
use std::path::{Path, PathBuf};

/// Why a catalogue or calendar source could not be read. Commands exit with status 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceError {
    /// A path could not be read.
    Unreadable {
        /// The path.
        path: PathBuf,
        /// The operating system's reason.
        reason: String,
    },
    /// A path holds no `.tthc` file.
    NoFiles(PathBuf),
    /// A symbolic link leads back into a folder being read.
    SymlinkLoop(PathBuf),
    /// The paths belong to different catalogues (or some to none).
    MixedCatalogues {
        /// One catalogue folder, if any.
        first: Option<String>,
        /// A path of another catalogue, or one outside any.
        second: String,
    },
    /// Two folders could be a path's catalogue (the nearer holds a roles file, and so does
    /// one above it) and no `catalogue.tthc` marks either: reading one would split the
    /// catalogue.
    AmbiguousCatalogue {
        /// The nearer folder with a roles file.
        inner: PathBuf,
        /// The folder above it with a roles file.
        outer: PathBuf,
    },
    /// A calendars folder holds no calendar description (`*.yaml`).
    NoCalendars(PathBuf),
    /// The calendar files were read but do not describe valid calendars.
    InvalidCalendar {
        /// Which calendars, worded.
        source: Text,
        /// What the calendar loader said.
        reason: String,
    },
}

impl SourceError {
    pub(crate) fn unreadable(path: &Path, e: &std::io::Error) -> SourceError {
        SourceError::Unreadable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }
    }

    /// The message, in both languages.
    pub fn text(&self) -> Text {
        match self {
            SourceError::Unreadable { path, reason } => Text::new(
                format!("cannot read {}: {reason}", path.display()),
                format!("không đọc được {}: {reason}", path.display()),
            ),
            SourceError::NoFiles(p) => Text::new(
                format!("cannot read {}: no .tthc files found there", p.display()),
                format!("không đọc được {}: không có tệp .tthc nào", p.display()),
            ),
            SourceError::SymlinkLoop(p) => Text::new(
                format!(
                    "cannot read {}: a symbolic link there leads back into a folder being read; remove the link",
                    p.display()
                ),
                format!(
                    "không đọc được {}: liên kết tượng trưng tại đó dẫn ngược về thư mục đang đọc; hãy xóa liên kết",
                    p.display()
                ),
            ),
            SourceError::MixedCatalogues { first, second } => match first {
                Some(first) => Text::new(
                    format!(
                        "the paths belong to different catalogues ({first} and {second}); check each catalogue separately"
                    ),
                    format!(
                        "các đường dẫn thuộc các danh mục khác nhau ({first} và {second}); hãy kiểm tra từng danh mục riêng"
                    ),
                ),
                None => Text::new(
                    format!("{second} belongs to no catalogue while the other paths do"),
                    format!("{second} không thuộc danh mục nào, còn các đường dẫn khác thì có"),
                ),
            },
            SourceError::AmbiguousCatalogue { inner, outer } => Text::new(
                format!(
                    "{} holds a roles file, and so does {} above it: which folder is the catalogue cannot be told. Put an empty file named `{}` in the catalogue's root folder (most likely {}), as the bundled catalogue has one in procedures/",
                    inner.display(),
                    outer.display(),
                    super::root::MARKER,
                    outer.display()
                ),
                format!(
                    "{} có tệp vai trò, {} ở trên cũng có: không xác định được thư mục nào là danh mục. Hãy đặt một tệp rỗng tên `{}` vào thư mục gốc của danh mục (nhiều khả năng là {}), như danh mục kèm theo có một tệp trong procedures/",
                    inner.display(),
                    outer.display(),
                    super::root::MARKER,
                    outer.display()
                ),
            ),
            SourceError::InvalidCalendar { source, reason } => Text::new(
                format!("{} are invalid: {reason}", source.en),
                format!("{} không hợp lệ: {reason}", source.vi),
            ),
            SourceError::NoCalendars(p) => Text::new(
                format!(
                    "cannot read {}: no calendar description (*.yaml) found there",
                    p.display()
                ),
                format!(
                    "không đọc được {}: không có tệp mô tả lịch (*.yaml) nào",
                    p.display()
                ),
            ),
        }
    }
}

impl std::fmt::Display for SourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for SourceError {}
