//! The languages baocao speaks: the site's UI language, and the language of what it says on
//! the terminal and in the preview (messages and diagnostics).

use serde::Deserialize;

/// UI language of the generated site, and of baocao's messages.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Vietnamese (default).
    #[default]
    Vi,
    /// English.
    En,
}

impl Language {
    /// The BCP 47 code for `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Vi => "vi",
            Language::En => "en",
        }
    }

    /// The language with this code (`vi` or `en`), for `--lang` and `BAOCAO_LANG`.
    pub fn from_code(code: &str) -> Option<Language> {
        match code.trim().to_ascii_lowercase().as_str() {
            "vi" => Some(Language::Vi),
            "en" => Some(Language::En),
            _ => None,
        }
    }
}
