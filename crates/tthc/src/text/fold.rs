//! Vietnamese without its diacritics, for matching what people type on a keyboard with
//! no Vietnamese input method (`dang ky ket hon` for "Đăng ký kết hôn", `buoc` for
//! `bước`).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The text in lower case without diacritics: tone and vowel marks dropped, `đ` as `d`.
///
/// ```
/// use tthc::text::fold::fold;
/// assert_eq!(fold("Đăng ký kết hôn"), "dang ky ket hon");
/// assert_eq!(fold("bước"), "buoc");
/// assert_eq!(fold("UBND cấp xã"), "ubnd cap xa");
/// ```
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The form in which decision numbers are compared: folded (`Đ` as `D`, any case) and
/// without spaces, so that `1086/QD-UBND` typed on a keyboard with no Vietnamese input
/// method, `1086/qđ-ubnd` and `1086 /QĐ-UBND` all name Decision 1086/QĐ-UBND, as its
/// folder name (`1086-QD-UBND`) and the search already do.
///
/// ```
/// use tthc::text::fold::decision_key;
/// assert_eq!(decision_key("1086/QD-UBND"), decision_key("1086/QĐ-UBND"));
/// assert_eq!(decision_key("1086 / qđ-ubnd"), decision_key("1086/QĐ-UBND"));
/// assert_ne!(decision_key("1068/QĐ-UBND"), decision_key("1086/QĐ-UBND"));
/// ```
pub fn decision_key(number: &str) -> String {
    fold(number)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Whether `query` occurs in `text` once both are folded: a search that works with or
/// without diacritics.
///
/// ```
/// use tthc::text::fold::contains;
/// assert!(contains("Đăng ký kết hôn", "dang ky ket"));
/// assert!(contains("Đăng ký kết hôn", "Kết hôn"));
/// assert!(!contains("Đăng ký kết hôn", "khai sinh"));
/// ```
pub fn contains(text: &str, query: &str) -> bool {
    fold(text).contains(&fold(query))
}
