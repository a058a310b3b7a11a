//! English and 简体中文: the language of one calculator instance, and its strings.
//!
//! Every UI string is written at its use, in both languages, through [`Ctx::tr`](super::Ctx::tr)
//! (or [`Lang::pick`] where the language is already at hand), so a new string cannot miss its
//! translation. Model names stay as published. Numbers follow [`Lang::format_locale`]. [`Lang`]
//! itself is `crate::lang::Lang`, shared with the CLI; the breakdown's words are written by
//! `crate::lang::Render`.

use leptos::prelude::*;

use super::Ctx;

pub use crate::lang::Lang;

// ------------------------------------------------------------------------------------------ setup

/// The `localStorage` key of the language chosen on the calculator's own page.
pub const STORAGE_KEY: &str = "ratecard:lang";

impl Lang {
    /// The browser's language (`navigator.language`), English if it cannot be read.
    pub fn from_browser() -> Lang {
        web_sys::window().and_then(|w| w.navigator().language()).map(|t| Lang::from_tag(&t)).unwrap_or_default()
    }

    /// The language saved on the calculator's own page, if any.
    pub fn saved() -> Option<Lang> {
        storage()?.get_item(STORAGE_KEY).ok().flatten().map(|t| Lang::from_tag(&t))
    }

    /// Remembers the language on the calculator's own page.
    pub fn save(self) {
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, self.code());
        }
    }

    /// The locale given to `Intl.NumberFormat`: the page's own `navigator.language` when it is a
    /// tag of this language (so `en-GB` and `zh-TW` keep their conventions), else
    /// [`Lang::number_locale`].
    pub fn format_locale(self) -> String {
        web_sys::window()
            .and_then(|w| w.navigator().language())
            .filter(|t| Lang::from_tag(t) == self)
            .unwrap_or_else(|| self.number_locale().into())
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Keeps `<html lang>` in step with the language of the calculator's own page.
pub fn keep_page_lang(lang: RwSignal<Lang>) {
    Effect::new(move |_| {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", lang.get().tag());
        }
    });
}

/// The "EN / 中文" switch in the header: two radios in a labelled group, so arrow keys move
/// between them.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let ctx = Ctx::get();
    let radio = move |l: Lang, text: &'static str| {
        view! {
            <label class="rc-segmented__option">
                <input
                    type="radio"
                    name="rc-lang"
                    class="rc-segmented__input"
                    lang=l.tag()
                    data-testid=format!("lang-{}", l.code())
                    prop:checked=move || ctx.lang.get() == l
                    on:change=move |_| {
                        ctx.lang.set(l);
                        if ctx.options.with_value(|o| o.standalone) {
                            l.save();
                        }
                    }
                />
                <span class="rc-segmented__label" lang=l.tag()>{text}</span>
            </label>
        }
    };
    view! {
        <fieldset class="rc-segmented rc-lang" data-testid="lang-switch">
            <legend class="rc-visually-hidden">{ctx.t("Language", "语言")}</legend>
            {radio(Lang::En, "EN")}
            {radio(Lang::Zh, "中文")}
        </fieldset>
    }
}

impl Ctx {
    /// The string for the current language as a view or attribute that follows a language switch.
    /// Every call returns the same closure type, so the view code for it is compiled once.
    pub fn t(self, en: &'static str, zh: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync {
        move || self.tr(en, zh)
    }
}
