//! Characters that people cannot see or tell apart, named so that a message can point
//! at them: what Word and web pages paste (typographic quotes, non-breaking spaces),
//! and what must never be in a procedure file (control characters, Unicode
//! non-characters, bidirectional overrides that make text read differently from how it
//! is stored).

/// A character that looks like one the language uses, with its name in both languages
/// and the character to write instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lookalike {
    /// What it is, in English ("a typographic quote “").
    pub en: &'static str,
    /// What it is, in Vietnamese.
    pub vi: &'static str,
    /// What to write instead, as the message shows it.
    pub write: &'static str,
}

/// Names a character pasted from a word processor in place of one the language uses.
///
/// ```
/// use tthc::text::chars::lookalike;
/// assert_eq!(lookalike('“').unwrap().write, "\"");
/// assert!(lookalike('"').is_none());
/// ```
pub fn lookalike(c: char) -> Option<Lookalike> {
    let (en, vi, write) = match c {
        '“' => ("a typographic quote “", "dấu ngoặc kép kiểu chữ “", "\""),
        '”' => ("a typographic quote ”", "dấu ngoặc kép kiểu chữ ”", "\""),
        '„' | '‟' | '«' | '»' | '＂' => {
            ("a typographic quote", "dấu ngoặc kép kiểu chữ", "\"")
        }
        '‘' | '’' | '‚' | '‛' => {
            ("a typographic single quote", "dấu nháy đơn kiểu chữ", "\"")
        }
        '\u{a0}' => (
            "a non-breaking space (U+00A0)",
            "dấu cách không ngắt dòng (U+00A0)",
            "a plain space",
        ),
        '\u{202f}' | '\u{2007}' | '\u{2009}' | '\u{200a}' | '\u{2002}' | '\u{2003}'
        | '\u{3000}' => (
            "a special-width space",
            "dấu cách đặc biệt",
            "a plain space",
        ),
        '\u{200b}' | '\u{2060}' => (
            "an invisible zero-width space",
            "dấu cách vô hình (độ rộng 0)",
            "nothing (delete it)",
        ),
        '–' | '—' | '‐' | '‑' | '−' => ("a dash", "dấu gạch dài", "-"),
        '：' => ("a full-width colon", "dấu hai chấm toàn khổ", ":"),
        _ => return None,
    };
    Some(Lookalike { en, vi, write })
}

/// Names a character that may not appear anywhere in a procedure file, not even in a
/// comment: a control character other than tab and line breaks (it corrupts terminals
/// and makes XML not well-formed), a Unicode non-character, a bidirectional control
/// (it makes text display differently from how it reads, as in "Trojan Source"), or a
/// line or paragraph separator (an invisible line break).
///
/// ```
/// use tthc::text::chars::forbidden;
/// assert!(forbidden('\u{1b}').is_some());
/// assert!(forbidden('\u{202e}').is_some());
/// assert!(forbidden('\t').is_none() && forbidden('đ').is_none());
/// ```
pub fn forbidden(c: char) -> Option<(&'static str, &'static str)> {
    let u = c as u32;
    Some(match c {
        '\t' | '\n' | '\r' => return None,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => ("a control character", "ký tự điều khiển"),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}' => {
            (
                "a bidirectional text control",
                "ký tự điều khiển chiều văn bản",
            )
        }
        '\u{2028}' | '\u{2029}' => ("an invisible line separator", "ký tự ngắt dòng vô hình"),
        _ if (0xfdd0..=0xfdef).contains(&u) || u & 0xfffe == 0xfffe => (
            "a Unicode non-character",
            "ký tự không hợp lệ trong Unicode",
        ),
        _ => return None,
    })
}

/// `U+001B`: how a character is named in messages.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// Replaces every character [`forbidden`] names, and every other control character, by
/// its visible `U+XXXX` name, so that text from a file can be printed to a terminal
/// without the terminal obeying escape sequences hidden in it.
///
/// ```
/// use tthc::text::chars::visible;
/// assert_eq!(visible("a\u{1b}[2Jb"), "a<U+001B>[2Jb");
/// assert_eq!(visible("ngày\tx"), "ngày\tx");
/// ```
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| forbidden(c).is_some()) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if forbidden(c).is_some() {
            out.push('<');
            out.push_str(&code_point(c));
            out.push('>');
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noncharacters_are_forbidden_in_every_plane() {
        for c in [
            '\u{fdd0}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1fffe}',
            '\u{10ffff}',
        ] {
            assert!(forbidden(c).is_some(), "{}", code_point(c));
        }
        // Ordinary Vietnamese, the byte-order mark (allowed at the start) and emoji are not.
        for c in ['ư', 'Ạ', '\u{feff}', '😀', '\u{fffd}'] {
            assert!(forbidden(c).is_none(), "{}", code_point(c));
        }
    }

    #[test]
    fn c1_controls_and_del_are_forbidden() {
        assert!(forbidden('\u{7f}').is_some());
        assert!(forbidden('\u{85}').is_some());
        assert!(forbidden('\u{a0}').is_none());
    }
}
