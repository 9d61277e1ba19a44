//! The message languages and a text that exists in both.

use serde::Serialize;

/// The language messages are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Tiếng Việt.
    Vi,
}

impl Lang {
    /// The language a `LANG`/`LC_ALL`/`LC_MESSAGES` value asks for: Vietnamese for `vi*`.
    ///
    /// ```
    /// use tthc::text::Lang;
    /// assert_eq!(Lang::from_locale("vi_VN.UTF-8"), Lang::Vi);
    /// assert_eq!(Lang::from_locale("C"), Lang::En);
    /// ```
    pub fn from_locale(value: &str) -> Lang {
        if value.to_ascii_lowercase().starts_with("vi") {
            Lang::Vi
        } else {
            Lang::En
        }
    }

    /// The language of the environment, as POSIX orders the variables.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .map(|v| Lang::from_locale(&v))
            .unwrap_or_default()
    }

    /// The language's code: `en` or `vi`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Vi => "vi",
        }
    }

    /// Picks the English or the Vietnamese form.
    pub fn pick<T>(self, en: T, vi: T) -> T {
        match self {
            Lang::En => en,
            Lang::Vi => vi,
        }
    }
}

/// A text in both languages every message must exist in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Text {
    /// English.
    pub en: String,
    /// Vietnamese.
    pub vi: String,
}

impl Text {
    /// A text from its English and Vietnamese forms.
    pub fn new(en: impl Into<String>, vi: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            vi: vi.into(),
        }
    }

    /// The form for a language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Vi => &self.vi,
        }
    }
}

impl std::fmt::Display for Text {
    /// The English form; use [`Text::get`] to choose.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_picks_vietnamese() {
        assert_eq!(Lang::from_locale("vi_VN.UTF-8"), Lang::Vi);
        assert_eq!(Lang::from_locale("VI"), Lang::Vi);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
    }
}
