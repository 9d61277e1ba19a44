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
    fn canonical_bytes_leave_non_text_alone() {
        let bytes = [0xff, 0xfe, b'\r', b'\n'];
        assert_eq!(canonical_bytes(&bytes).as_ref(), &bytes);
    }
}
