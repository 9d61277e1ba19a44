//! Text as people's editors save it, made one: Unicode normalisation (Unikey's
//! "Unicode tổ hợp" writes `ngày` as `nga` + combining grave + `y`, which looks the same
//! but compares differently), line endings (Git for Windows checks files out with CRLF)
//! and the byte-order mark some Windows editors put first.

use std::borrow::Cow;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// The text in Unicode Normalization Form C (composed), borrowed when it already is.
///
/// ```
/// use tthc::text::normal::nfc;
/// let decomposed = "nga\u{300}y"; // as Unikey's "Unicode tổ hợp" types `ngày`
/// assert_eq!(nfc(decomposed), "ngày");
/// ```
pub fn nfc(s: &str) -> Cow<'_, str> {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => {
            let n: String = s.nfc().collect();
            if n == s {
                Cow::Borrowed(s)
            } else {
                Cow::Owned(n)
            }
        }
    }
}

/// Byte offsets between a text as it is written (in decomposed form, say) and its NFC
/// form: what lets an editor's positions and quick fixes apply to the text it holds
/// while the checker reads the composed one. Only the stretches that normalisation
/// changes are kept; between them the two texts are the same bytes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OffsetMap {
    /// The changed stretches, in order: `(nfc start, nfc end, written start, written end)`.
    changed: Vec<(usize, usize, usize, usize)>,
}

impl OffsetMap {
    /// The offset in the written text of an offset in the NFC text (one inside a
    /// character that normalisation composed is that character's start).
    pub fn to_written(&self, nfc: usize) -> usize {
        let i = self.changed.partition_point(|c| c.0 <= nfc);
        match i.checked_sub(1).map(|i| self.changed[i]) {
            None => nfc,
            Some((_, ne, _, we)) if nfc >= ne => we + (nfc - ne),
            Some((_, _, ws, _)) => ws,
        }
    }

    /// The offset in the NFC text of an offset in the written text (one inside a
    /// decomposed character is that character's start).
    pub fn to_nfc(&self, written: usize) -> usize {
        let i = self.changed.partition_point(|c| c.2 <= written);
        match i.checked_sub(1).map(|i| self.changed[i]) {
            None => written,
            Some((_, ne, _, we)) if written >= we => ne + (written - we),
            Some((ns, _, _, _)) => ns,
        }
    }
}

/// The NFC form of a text that is not in NFC already, with the map between the offsets
/// of the two; `None` when the text is in NFC.
///
/// ```
/// use tthc::text::normal::nfc_mapped;
/// let written = "nga\u{300}y \"x\""; // `ngày "x"` as Unikey's "Unicode tổ hợp" types it
/// let (nfc, map) = nfc_mapped(written).unwrap();
/// assert_eq!(nfc, "ngày \"x\"");
/// let quote = nfc.find('"').unwrap();
/// assert_eq!(map.to_written(quote), written.find('"').unwrap());
/// assert_eq!(map.to_nfc(written.find('"').unwrap()), quote);
/// ```
pub fn nfc_mapped(s: &str) -> Option<(String, OffsetMap)> {
    let Cow::Owned(_) = nfc(s) else {
        return None;
    };
    use unicode_normalization::char::canonical_combining_class;
    // Pieces that start at a starter (a character of combining class 0), merged while a
    // boundary between them would change the result (a composition across starters).
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    for (i, c) in s.char_indices() {
        if canonical_combining_class(c) == 0 || pieces.is_empty() {
            pieces.push((i, i + c.len_utf8()));
        } else if let Some(last) = pieces.last_mut() {
            last.1 = i + c.len_utf8();
        }
    }
    let mut segments: Vec<(usize, usize)> = Vec::new();
    for p in pieces {
        if let Some(cur) = segments.last_mut() {
            let (a, b, whole) = (&s[cur.0..cur.1], &s[p.0..p.1], &s[cur.0..p.1]);
            let apart: String = a.nfc().chain(b.nfc()).collect();
            if apart != whole.nfc().collect::<String>() {
                cur.1 = p.1;
                continue;
            }
        }
        segments.push(p);
    }
    let mut out = String::with_capacity(s.len());
    let mut map = OffsetMap::default();
    for (start, end) in segments {
        let piece = &s[start..end];
        let n: String = piece.nfc().collect();
        if n != piece {
            map.changed
                .push((out.len(), out.len() + n.len(), start, end));
        }
        out.push_str(&n);
    }
    Some((out, map))
}

/// How a file's lines end and whether it starts with a byte-order mark: what a tool
/// that rewrites the file keeps, as rustfmt's `newline_style = "Auto"` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Layout {
    /// The file starts with U+FEFF.
    pub bom: bool,
    /// Lines end with CR LF (decided by the first line ending in the file).
    pub crlf: bool,
}

impl Layout {
    /// The layout of a file's text.
    pub fn of(text: &str) -> Layout {
        let bom = text.starts_with('\u{feff}');
        let crlf = text
            .find('\n')
            .is_some_and(|i| i > 0 && text.as_bytes()[i - 1] == b'\r');
        Layout { bom, crlf }
    }

    /// `text` written in this layout: `text` has `\n` line endings and no mark.
    pub fn apply(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 3);
        if self.bom {
            out.push('\u{feff}');
        }
        if self.crlf {
            out.push_str(&text.replace('\n', "\r\n"));
        } else {
            out.push_str(text);
        }
        out
    }
}

/// The text without its byte-order mark, with `\n` line endings, in NFC: the form every
/// reader works on, whatever the editor saved.
///
/// ```
/// use tthc::text::normal::canonical;
/// assert_eq!(canonical("\u{feff}a\r\nnga\u{300}y\r\n"), "a\nngày\n");
/// ```
pub fn canonical(text: &str) -> Cow<'_, str> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lf: Cow<'_, str> = if body.contains("\r\n") {
        Cow::Owned(body.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(body)
    };
    match lf {
        Cow::Borrowed(b) => nfc(b),
        Cow::Owned(o) => Cow::Owned(nfc(&o).into_owned()),
    }
}

/// The bytes a content hash should see: [`canonical`] text when the bytes are UTF-8,
/// the bytes themselves otherwise. A catalogue checked out with CRLF on Windows, or
/// saved in NFD, then has the same version as the original.
pub fn canonical_bytes(bytes: &[u8]) -> Cow<'_, [u8]> {
    match std::str::from_utf8(bytes) {
        Ok(t) => match canonical(t) {
            Cow::Borrowed(b) => Cow::Borrowed(b.as_bytes()),
            Cow::Owned(o) => Cow::Owned(o.into_bytes()),
        },
        Err(_) => Cow::Borrowed(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_survives_a_round_trip() {
        for original in ["a\nb\n", "a\r\nb\r\n", "\u{feff}a\r\nb\r\n", "\u{feff}a\n"] {
            let layout = Layout::of(original);
            assert_eq!(layout.apply(&canonical(original)), original);
        }
    }

    #[test]
    fn the_first_line_ending_decides() {
        assert!(Layout::of("a\r\nb\nc\n").crlf);
        assert!(!Layout::of("a\nb\r\n").crlf);
        assert!(!Layout::of("no line ending").crlf);
    }

    #[test]
    fn every_boundary_of_the_nfc_text_maps_to_one_of_the_written_text() {
        let written = "bu\u{31b}o\u{31b}\u{301}c nhận \"Ti\u{1ebf}p nha\u{323}\u{302}n\" do r\u{1a1}\u{301}\n";
        let (nfc_text, map) = nfc_mapped(written).unwrap();
        assert_eq!(nfc_text, nfc(written));
        for (i, _) in nfc_text.char_indices().chain([(nfc_text.len(), ' ')]) {
            let w = map.to_written(i);
            assert!(written.is_char_boundary(w), "{i} → {w}");
            assert_eq!(map.to_nfc(w), i, "{i} → {w}");
            // What follows the boundary reads the same in both, once composed.
            assert_eq!(nfc(&written[w..]), &nfc_text[i..], "{i} → {w}");
        }
        assert!(nfc_mapped("ngày").is_none());
    }

    #[test]
    fn canonical_bytes_leave_non_text_alone() {
        let bytes = [0xff, 0xfe, b'\r', b'\n'];
        assert_eq!(canonical_bytes(&bytes).as_ref(), &bytes);
    }
}
