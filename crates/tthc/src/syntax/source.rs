//! Source files and positions in them.

use crate::text::normal::OffsetMap;
use serde::Serialize;

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The range `start..end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A date as the language writes it: `2024-04-09`, or as decisions print it, day first,
/// `09/4/2024`. `None` when it names no day (`2025-02-29`, `31/4/2025`).
///
/// ```
/// use tthc::syntax::source::read_date;
/// let d = chrono::NaiveDate::from_ymd_opt(2024, 4, 9);
/// assert_eq!(read_date("2024-04-09"), d);
/// assert_eq!(read_date("09/4/2024"), d);
/// assert_eq!(read_date("31/4/2025"), None);
/// ```
pub fn read_date(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .ok()
}

/// Index of a file in the set of files being checked.
pub type FileId = usize;

/// A place in a file: which file, which bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Loc {
    /// The file.
    pub file: FileId,
    /// The bytes.
    pub span: Span,
}

/// Bytes between two checkpoints of [`SourceFile`]'s character count.
const CHECKPOINT: usize = 4096;

/// One source file's text, with a line table for turning byte offsets into lines and columns.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it (or as bundled), used in every message.
    pub path: String,
    /// The whole text, as the checker reads it (in NFC).
    pub text: String,
    line_starts: Vec<usize>,
    /// Characters before every [`CHECKPOINT`]th byte, so that a column on a long line is
    /// counted from the nearest checkpoint, not from the line's start: a report of many
    /// findings on one megabyte-long line would otherwise cost the square of its length.
    chars_before: Vec<usize>,
    /// The text as written, when it was not in NFC (decomposed Vietnamese), with the map
    /// from the offsets of `text` to its own: an editor holds this one.
    written: Option<std::sync::Arc<(String, OffsetMap)>>,
}

impl SourceFile {
    /// Wraps a file's text.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut chars_before = Vec::with_capacity(text.len() / CHECKPOINT + 1);
        let mut n = 0;
        for block in text.as_bytes().chunks(CHECKPOINT) {
            chars_before.push(n);
            n += chars_in(block);
        }
        chars_before.push(n);
        SourceFile {
            path: path.into(),
            text,
            line_starts,
            chars_before,
            written: None,
        }
    }

    /// The number of characters before byte `offset` (a character boundary).
    fn chars_to(&self, offset: usize) -> usize {
        let block = offset / CHECKPOINT;
        match self.chars_before.get(block) {
            Some(n) => n + chars_in(&self.text.as_bytes()[block * CHECKPOINT..offset]),
            None => chars_in(&self.text.as_bytes()[..offset]),
        }
    }

    /// The same file, read from `written`, which normalisation changed into `text` as
    /// `map` says (see [`crate::text::normal::nfc_mapped`]).
    pub fn with_written(mut self, written: String, map: OffsetMap) -> SourceFile {
        self.written = Some(std::sync::Arc::new((written, map)));
        self
    }

    /// The text as written (what an editor holds), which is `text` unless it was not
    /// in NFC.
    pub fn written(&self) -> &str {
        self.written.as_ref().map_or(&self.text, |w| &w.0)
    }

    /// The offset in the written text of an offset of `text`.
    pub fn to_written(&self, offset: usize) -> usize {
        self.written
            .as_ref()
            .map_or(offset, |w| w.1.to_written(offset))
    }

    /// The offset in `text` of an offset of the written text.
    pub fn from_written(&self, offset: usize) -> usize {
        self.written.as_ref().map_or(offset, |w| w.1.to_nfc(offset))
    }

    /// 1-based line and column (in characters, as editors count them) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col = if end - start < CHECKPOINT {
            self.text[start..end].chars().count() + 1
        } else {
            self.chars_to(end) - self.chars_to(start) + 1
        };
        (line + 1, col)
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_col(offset).0
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }
}

/// The characters in a run of UTF-8 bytes: those that do not continue a character.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let f = SourceFile::new("x", "ngày\n  đăng ký");
        assert_eq!(f.line_col(0), (1, 1));
        let pos = f.text.find("đăng").unwrap();
        assert_eq!(f.line_col(pos), (2, 3));
        let pos = f.text.find("ký").unwrap();
        assert_eq!(f.line_col(pos), (2, 8));
        assert_eq!(f.line_col(f.text.len()), (2, 10));
    }

    #[test]
    fn columns_on_long_lines_count_characters_across_checkpoints() {
        // 3-byte characters straddle the checkpoints; the count must not drift.
        let line = "ờ".repeat(10_000);
        let text = format!("x\n{line}y\n");
        let f = SourceFile::new("x", text.as_str());
        let y = text.find('y').unwrap();
        assert_eq!(f.line_col(y), (2, 10_001));
        for k in [0, 1, 1365, 1366, 4095, 9_999] {
            assert_eq!(f.line_col(2 + 3 * k), (2, k + 1), "character {k}");
        }
        // An offset inside a character is taken as that character's start.
        assert_eq!(f.line_col(2 + 3 * 5000 + 1), (2, 5001));
    }
}
