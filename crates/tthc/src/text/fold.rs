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

/// The words of a text as search compares them: folded ([`fold`]), split at anything
/// but letters, digits and the dot of an item or code (`B.16`, `1.001193`), and with a
/// syllable's final `y` after a consonant written `i`, since people write `ký` and `kí`,
/// `lý` and `lí` for the same word (`dang ki ket hon` finds "Đăng ký kết hôn").
///
/// ```
/// use tthc::text::fold::search_words;
/// assert_eq!(search_words("Đăng ký kết hôn"), ["dang", "ki", "ket", "hon"]);
/// assert_eq!(search_words("dang ki, mục B.16."), ["dang", "ki", "muc", "b.16"]);
/// assert_eq!(search_words("quy y"), ["quy", "y"]);
/// ```
pub fn search_words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars: Vec<char> = w.chars().collect();
            let n = chars.len();
            if n >= 2 && chars[n - 1] == 'y' && !"aeiouy".contains(chars[n - 2]) {
                chars[n - 1] = 'i';
            }
            chars.into_iter().collect()
        })
        .collect()
}

/// Whether every word of `query` is one of `words` (both from [`search_words`]); the
/// last query word, while it is being typed, may also begin a word once it has three
/// letters. Whole words, so that `khai tu` finds "khai tử" but not the `tu` of "thủ
/// tục" that every procedure's name has.
///
/// ```
/// use tthc::text::fold::{search_words, words_match};
/// let name = search_words("Thủ tục đăng ký khai tử");
/// assert!(words_match(&name, &search_words("khai tu")));
/// assert!(!words_match(&search_words("Thủ tục đăng ký khai sinh"), &search_words("khai tu")));
/// assert!(words_match(&name, &search_words("dang ki kha"))); // still typing
/// ```
pub fn words_match(words: &[String], query: &[String]) -> bool {
    query.iter().enumerate().all(|(i, q)| {
        let last = i + 1 == query.len();
        words
            .iter()
            .any(|w| w == q || (last && q.chars().count() >= 3 && w.starts_with(q.as_str())))
    })
}
