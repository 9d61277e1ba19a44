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
