//! English and 简体中文: the language of one calculator instance, and its strings.
//!
//! Every UI string is written at its use, in both languages, through [`Ctx::tr`](super::Ctx::tr)
//! (or [`Lang::pick`] where the language is already at hand), so a new string cannot miss its
//! translation. Model names stay as published. Numbers follow [`Lang::number_locale`].

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// The language of a tag such as `zh-CN`, `zh-Hans`, `en-GB`: Chinese for any `zh`, else English.
    pub fn from_tag(tag: &str) -> Lang {
        // `get` rather than slicing: a tag that starts with a multi-byte character must not panic.
        if tag.trim().get(..2).is_some_and(|p| p.eq_ignore_ascii_case("zh")) { Lang::Zh } else { Lang::En }
    }

    /// The browser's language (`navigator.language`), English if it cannot be read.
    pub fn from_browser() -> Lang {
        web_sys::window().and_then(|w| w.navigator().language()).map(|t| Lang::from_tag(&t)).unwrap_or_default()
    }

    /// `en` or `zh`, as links and attributes write it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The BCP 47 tag given to `Intl.NumberFormat` and the `lang` attribute.
    pub fn number_locale(self) -> &'static str {
        match self {
            Lang::En => "en-US",
            Lang::Zh => "zh-CN",
        }
    }

    /// The string for this language.
    pub fn pick(self, en: &'static str, zh: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}
