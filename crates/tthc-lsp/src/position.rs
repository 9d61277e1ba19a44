//! Byte offsets in a file's text and the positions LSP clients speak: a line and a
//! character counted in UTF-16 code units (so `ệ` is one unit, an emoji two), the
//! encoding every client supports.

use lsp_types::{Position, Range};
use tthc::syntax::source::{SourceFile, Span};

/// The line starts of a text, for turning offsets into positions and back.
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// For a file the checker read in NFC: the file, whose offsets are mapped to and
    /// from those of `text`, the file as written (what the editor holds).
    file: Option<&'a SourceFile>,
}

impl<'a> Lines<'a> {
    /// Indexes the lines of `text` (lines end at `\n`; a `\r` before it is part of no
    /// position a client sends, as clients count it).
    pub fn new(text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines {
            text,
            starts,
            file: None,
        }
    }

    /// The lines of a checked file as the editor holds it: positions are those of the
    /// text as written (decomposed Vietnamese stays decomposed), offsets those of the
    /// text the checker read. Every position sent to a client, and every offset a
    /// client's position names, goes through this for checked files.
    pub fn of(file: &'a SourceFile) -> Lines<'a> {
        Lines {
            file: Some(file),
            ..Lines::new(file.written())
        }
    }

    /// The position of a byte offset (clamped to the text, moved back to a character
    /// boundary).
    pub fn position(&self, offset: usize) -> Position {
        self.written_position(self.file.map_or(offset, |f| f.to_written(offset)))
    }

    /// The position of a byte offset of the text as written.
    fn written_position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character: usize = self.text[start..offset].chars().map(char::len_utf16).sum();
        Position::new(
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(character).unwrap_or(u32::MAX),
        )
    }

    /// The byte offset of a position. A line past the end is the end of the text; a
    /// character past the end of its line is the end of that line; a position inside a
    /// character (between the two halves of a surrogate pair) is that character's start.
    pub fn offset(&self, position: Position) -> usize {
        let written = self.written_offset(position);
        self.file.map_or(written, |f| f.from_written(written))
    }

    fn written_offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let mut units = 0usize;
        for (i, c) in self.text[start..end].char_indices() {
            let next = units + c.len_utf16();
            if next > position.character as usize {
                return start + i;
            }
            units = next;
        }
        end
    }

    /// The range of a span.
    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The range covering the whole text.
    pub fn whole(&self) -> Range {
        Range::new(Position::new(0, 0), self.written_position(self.text.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_characters_are_one_utf16_unit_each() {
        let text = "thủ tục p {\n  tên \"Đăng ký khai sinh\"\n}\n";
        let lines = Lines::new(text);
        let at = text.find("khai").unwrap();
        // `  tên "Đăng ký ` is 15 characters, each one UTF-16 unit, but more bytes.
        assert_eq!(lines.position(at), Position::new(1, 15));
        assert!(at - text.find("  tên").unwrap() > 15);
        assert_eq!(lines.offset(Position::new(1, 15)), at);
        assert_eq!(lines.offset(Position::new(0, 4)), text.find("tục").unwrap());
    }

    #[test]
    fn round_trips_every_character_boundary() {
        let text = "# ghi chú 😀 cuối\nbước nhận \"Tiếp nhận\" do một-cửa 0,5 ngày\n";
        let lines = Lines::new(text);
        for (i, _) in text.char_indices() {
            assert_eq!(lines.offset(lines.position(i)), i, "offset {i}");
        }
        // The emoji takes two UTF-16 units.
        let after = text.find(" cuối").unwrap();
        assert_eq!(lines.position(after), Position::new(0, 12));
    }

    #[test]
    fn positions_out_of_range_are_clamped() {
        let text = "ab\ncd";
        let lines = Lines::new(text);
        assert_eq!(lines.offset(Position::new(0, 99)), 2);
        assert_eq!(lines.offset(Position::new(9, 0)), text.len());
        assert_eq!(lines.position(999), Position::new(1, 2));
        // Inside a surrogate pair: the character's start.
        let emoji = Lines::new("😀x");
        assert_eq!(emoji.offset(Position::new(0, 1)), 0);
        assert_eq!(emoji.offset(Position::new(0, 2)), 4);
    }
}
