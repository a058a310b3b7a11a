//! Who the printed quote is from: the seller's name and an optional logo, given by the host
//! (`seller` and `seller-logo` on the element or the iframe) or typed in the quote section. They
//! are view state, not part of the estimate; the calculator's own page remembers what was typed
//! (`ratecard:seller`, `ratecard:seller-logo`), an embedded instance never touches host storage.

use leptos::prelude::*;

use super::Ctx;
use super::html::{el, esc};
use super::i18n::Lang;

const NAME_KEY: &str = "ratecard:seller";
const LOGO_KEY: &str = "ratecard:seller-logo";

/// The seller's name and logo URL, as typed (blank: none).
#[derive(Clone, Copy)]
pub struct Seller {
    /// The seller's name.
    pub name: RwSignal<String>,
    /// The logo's URL.
    pub logo: RwSignal<String>,
}

fn storage(ctx: Ctx) -> Option<web_sys::Storage> {
    ctx.options.with_value(|o| o.standalone).then(|| web_sys::window()?.local_storage().ok().flatten()).flatten()
}

impl Seller {
    /// The host's seller, else what the page remembers; kept in the page's storage as it changes.
    pub fn new(ctx: Ctx) -> Seller {
        let stored = |key: &str| storage(ctx).and_then(|s| s.get_item(key).ok().flatten()).unwrap_or_default();
        let (name, logo) = ctx.options.with_value(|o| (o.seller.clone(), o.seller_logo.clone()));
        let seller = Seller {
            name: RwSignal::new(name.unwrap_or_else(|| stored(NAME_KEY))),
            logo: RwSignal::new(logo.unwrap_or_else(|| stored(LOGO_KEY))),
        };
        Effect::new(move |_| {
            let (name, logo) = (seller.name.get(), seller.logo.get());
            if let Some(s) = storage(ctx) {
                for (key, value) in [(NAME_KEY, name), (LOGO_KEY, logo)] {
                    let _ = if value.trim().is_empty() { s.remove_item(key) } else { s.set_item(key, &value) };
                }
            }
        });
        seller
    }
}

/// `url` when it is an `http:` or `https:` URL or a relative one, else `None`: a logo never runs
/// a `javascript:` URL or embeds a `data:` one.
pub fn safe_logo(url: &str) -> Option<&str> {
    let url = url.trim();
    if url.is_empty() || url.chars().any(|c| c.is_control() || c == '\\') {
        return None;
    }
    // A scheme is what comes before the first `:` when no `/`, `?` or `#` comes first.
    let scheme_end = url.find(':').filter(|&i| !url[..i].contains(['/', '?', '#']));
    match scheme_end.map(|i| url[..i].to_ascii_lowercase()) {
        None => Some(url),
        Some(s) if s == "http" || s == "https" => Some(url),
        Some(_) => None,
    }
}

/// The printed quote's brand: the logo (with the seller's name as its text alternative) and the
/// seller's name, or "Ratecard" when no seller is given. Text is escaped.
pub fn brand_html(out: &mut String, seller: Seller, lang: Lang) {
    let name = seller.name.get_untracked();
    let name = name.trim();
    let logo = seller.logo.get_untracked();
    out.push_str("<div class=\"rc-print__seller\">");
    if let Some(src) = safe_logo(&logo) {
        out.push_str("<img class=\"rc-print__logo\" data-testid=\"print-logo\" src=\"");
        esc(out, src);
        out.push_str("\" alt=\"");
        esc(out, if name.is_empty() { lang.pick("Seller's logo", "销售方标志") } else { name });
        out.push_str("\">");
    }
    el(
        out,
        "p class=\"rc-print__brand\" data-testid=\"print-seller\"",
        if name.is_empty() { "Ratecard" } else { name },
    );
    out.push_str("</div>");
}

/// The seller's name and logo URL, in the quote section.
#[component]
pub fn SellerFields(
    /// What is typed.
    seller: Seller,
) -> impl IntoView {
    let ctx = Ctx::get();
    let bad_logo = move || {
        let logo = seller.logo.get();
        (!logo.trim().is_empty() && safe_logo(&logo).is_none())
            .then(|| ctx.tr("A logo is an http(s) or relative URL.", "标志须为 http(s) 或相对地址。"))
    };
    view! {
        <label class="rc-field">
            <span class="rc-field__label">{ctx.t("Seller", "销售方")}</span>
            <input
                type="text"
                class="rc-field__input"
                autocomplete="organization"
                data-testid="quote-seller"
                prop:value=move || seller.name.get()
                on:input=move |ev| seller.name.set(event_target_value(&ev))
            />
        </label>
        <label class="rc-field" class:rc-field--invalid=move || bad_logo().is_some()>
            <span class="rc-field__label">
                {ctx.t("Seller's logo", "销售方标志")}
                <span class="rc-field__hint">{ctx.t("optional, image URL", "可选，图片地址")}</span>
            </span>
            <input
                type="url"
                class="rc-field__input"
                data-testid="quote-seller-logo"
                prop:value=move || seller.logo.get()
                on:input=move |ev| seller.logo.set(event_target_value(&ev))
            />
            <span class="rc-field__error" aria-live="polite">{bad_logo}</span>
        </label>
    }
}
