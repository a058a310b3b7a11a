//! Number formatting through the browser's `Intl.NumberFormat`, in the instance's language.
//!
//! The locale is [`Lang::format_locale`] of the calculator's language (tracked, so a view that
//! formats re-formats on a language switch): the page's own `navigator.language` when it is of that
//! language, else `en-US` or `zh-CN`. The language is the one of the calculator the call renders
//! for (its context), so two instances on one page in different languages each format in their
//! own; outside any (an event handler), it is the signal given to [`follow`] by the last
//! calculator created.
//!
//! Amounts are rounded by the core's [`round_for_display`] first; the rounded decimal is passed to
//! `Intl.NumberFormat` as a string, which formats it exactly (no binary floating point).

use std::cell::{Cell, RefCell};

use js_sys::{Array, Function, Intl, Object, Reflect};
use leptos::prelude::{RwSignal, With, use_context};
use rust_decimal::Decimal;
use wasm_bindgen::JsValue;

use super::i18n::Lang;
use crate::rating::Currency;
use crate::rating::money::round_for_display;

/// A cached formatter's key: its language, currency (none for plain numbers) and fraction digits.
type FormatterKey = (Lang, Option<Currency>, u32);

thread_local! {
    /// The formatters made so far, by language, currency and digits (a handful: a vector is the
    /// least code).
    static FORMATTERS: RefCell<Vec<(FormatterKey, Function)>> = const { RefCell::new(Vec::new()) };
    /// The language numbers are formatted in.
    static LANG: Cell<Option<RwSignal<Lang>>> = const { Cell::new(None) };
}

/// Formats numbers in `lang` from now on (called by each calculator as it is created).
pub fn follow(lang: RwSignal<Lang>) {
    LANG.with(|l| l.set(Some(lang)));
}

/// The language numbers are formatted in now: the current calculator's (tracked), else the one
/// given to [`follow`]; before any calculator, or after its signal is gone, English.
fn current_lang() -> Lang {
    use_context::<super::Ctx>()
        .map(|ctx| ctx.lang)
        .or_else(|| LANG.with(Cell::get))
        .and_then(|s| s.try_with(|l| *l))
        .unwrap_or_default()
}

fn formatter(key: FormatterKey) -> Function {
    let (lang, currency, digits) = key;
    if let Some(f) = FORMATTERS.with(|cache| cache.borrow().iter().find(|(k, _)| *k == key).map(|(_, f)| f.clone())) {
        return f;
    }
    let opts = Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = Reflect::set(&opts, &JsValue::from_str(k), &v);
    };
    if let Some(c) = currency {
        set("style", "currency".into());
        set("currency", c.code().into());
        set("currencyDisplay", "narrowSymbol".into());
    }
    set("minimumFractionDigits", if currency.is_some() { digits.into() } else { 0.into() });
    set("maximumFractionDigits", digits.into());
    let f = Intl::NumberFormat::new(&Array::of1(&lang.format_locale().into()), &opts).format();
    FORMATTERS.with(|cache| cache.borrow_mut().push((key, f.clone())));
    f
}

/// How many formatted numbers [`format`] remembers.
const RECENT: usize = 128;

thread_local! {
    /// The numbers formatted lately, with their formatter's key, oldest first. A keystroke
    /// formats the same unit prices and most of the same amounts again, and a call into `Intl`
    /// costs far more than a look through this list.
    static RECENT_TEXT: RefCell<Vec<(FormatterKey, Decimal, String)>> = const { RefCell::new(Vec::new()) };
}

/// `d` formatted with `currency` (none for a plain number) and at most `digits` fraction digits,
/// in the current language.
fn format(currency: Option<Currency>, digits: u32, d: Decimal) -> String {
    let key = (current_lang(), currency, digits);
    let known =
        RECENT_TEXT.with(|r| r.borrow().iter().rev().find(|(k, n, _)| *k == key && *n == d).map(|e| e.2.clone()));
    if let Some(text) = known {
        return text;
    }
    let text = formatter(key)
        .call1(&JsValue::NULL, &JsValue::from_str(&d.to_string()))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| d.to_string());
    RECENT_TEXT.with(|r| {
        let mut r = r.borrow_mut();
        if r.len() == RECENT {
            r.remove(0);
        }
        r.push((key, d, text.clone()));
    });
    text
}

/// An amount of money, rounded for display and formatted with its currency, e.g. `¥1,234.56`.
pub fn money(amount: Decimal, currency: Currency) -> String {
    let rounded = round_for_display(amount);
    format(Some(currency), rounded.scale().clamp(2, 20), rounded)
}

/// A unit price, exact (prices are short decimals), with its currency, e.g. `¥0.000004`.
pub fn price(amount: Decimal, currency: Currency) -> String {
    let exact = amount.normalize();
    format(Some(currency), exact.scale().clamp(2, 20), exact)
}

/// A quantity, exact, with the locale's grouping, e.g. `2,000,000`.
pub fn number(value: Decimal) -> String {
    let exact = value.normalize();
    format(None, exact.scale().min(20), exact)
}
