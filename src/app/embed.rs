//! The `<ratecard-calculator>` element's entry point: `www/ratecard-embed.js` defines the element,
//! gives it a shadow root with the stylesheet, and calls [`mount_embed`] with the element's
//! attributes; this module turns them into [`Options`] and mounts a [`Widget`] there.
//!
//! An embedded instance never touches the host's URL or storage. It reports every change of its
//! estimate or total as a `ratecard:change` event on the element ([`notify`]); the page sends the
//! same event on its document.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use super::Widget;
use super::options::{CatalogSource, Layout, Options};
use super::persistence::Start;
use super::state::{Calculator, DEFAULT_PROVIDER, default_estimate, find_model};
use crate::rating::catalog::Catalog;
use crate::rating::{Currency, Estimate};
use crate::share::link::{LinkProblem, encode};
use crate::web::get;

/// A mounted instance; the element frees it (and so unmounts the widget) when it is removed.
///
/// The widget's two exports are left out of the JS API bundle (feature `js-api`): exported, they
/// would keep the whole widget alive in that bundle.
#[cfg_attr(not(feature = "js-api"), wasm_bindgen)]
pub struct Embedded {
    _handle: Box<dyn std::any::Any>,
}

/// Reads a string attribute from the JS object the element passes; empty counts as absent.
fn attr(attrs: &JsValue, key: &str) -> Option<String> {
    get(attrs, key).as_string().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// A comma-separated attribute's items, trimmed, without empty ones.
fn list(value: Option<String>) -> Vec<String> {
    value.map(|v| v.split(',').map(str::trim).filter(|m| !m.is_empty()).map(String::from).collect()).unwrap_or_default()
}

/// Builds the options of an embedded instance from its attributes (see `www/ratecard-embed.js`
/// for the list): every value it cannot read becomes a problem the widget shows.
pub fn options_from(attrs: &JsValue) -> Options {
    let locale = attr(attrs, "locale");
    let mut problems = Vec::new();
    let layout = match attr(attrs, "layout").as_deref() {
        None | Some("full") => Layout::Full,
        Some("compact") => Layout::Compact,
        Some(other) => {
            problems.push(LinkProblem::UnknownLayout { given: other.to_string() });
            Layout::Full
        }
    };
    let (hidden, unknown) = Options::parse_hidden(&attr(attrs, "hidden").unwrap_or_default());
    problems.extend(unknown);
    let currency = attr(attrs, "currency").and_then(|code| {
        let c = Currency::from_code(&code);
        if c.is_none() {
            problems.push(LinkProblem::UnknownCurrency { key: "currency".into(), given: code.clone() });
        }
        c
    });
    let catalog = match (attr(attrs, "catalog"), attr(attrs, "catalogJson")) {
        (Some(url), _) => CatalogSource::Url(url),
        (None, Some(text)) => CatalogSource::Inline(text),
        (None, None) => CatalogSource::Embedded,
    };
    Options {
        layout,
        hidden,
        locale,
        standalone: false,
        catalog,
        lines: attr(attrs, "lines").map(|l| l.strip_prefix('#').map_or_else(|| l.clone(), String::from)),
        provider: attr(attrs, "provider"),
        providers: list(attr(attrs, "providers")),
        brand: attr(attrs, "brand"),
        instance: attr(attrs, "instance").and_then(|n| n.parse().ok()).unwrap_or(0),
        models: list(attr(attrs, "models")),
        currency,
        problems,
        page_url: attr(attrs, "page"),
        events: None,
        seller: attr(attrs, "seller"),
        seller_logo: attr(attrs, "seller-logo"),
    }
}

/// Checks the host's `provider` and `providers` against `catalog`: a known one is spelled as its
/// card spells it, an unknown one is a problem. An unknown one stays in the options, so that
/// nothing from another card takes its place (a `providers` list of unknown cards offers nothing).
pub fn check_providers(catalog: &Catalog, options: &mut Options) -> Vec<LinkProblem> {
    let known = || catalog.cards().iter().map(|c| c.provider.to_string()).collect::<Vec<_>>();
    let mut problems = Vec::new();
    let mut check = |key: &str, given: &mut String| match catalog.card(given) {
        Some((_, card)) => *given = card.provider.to_string(),
        None => {
            problems.push(LinkProblem::UnknownHostProvider { key: key.into(), given: given.clone(), known: known() })
        }
    };
    if let Some(p) = options.provider.as_mut() {
        check("provider", p);
    }
    for p in &mut options.providers {
        check("providers", p);
    }
    problems
}

/// How many of a card's model names a message about an unknown model lists.
const NAMES_LISTED: usize = 12;

/// The estimate an embedded instance opens with when the host names a provider or models: one
/// line each for `provider` (else the first known card of `providers`, else the default provider), with
/// typical usage; with no `models`, the card's first model. Unknown models are problems. The
/// currency is left to the first line's card. When nothing is known (an unknown provider or only
/// unknown models) the estimate opens empty: nothing from another card is put in its place.
pub fn starter(catalog: &Catalog, options: &Options) -> Start {
    let listed = options.providers.iter().find(|p| catalog.card(p).is_some());
    let provider = options.provider.as_deref().or(listed.map(String::as_str)).unwrap_or(DEFAULT_PROVIDER);
    let mut calc = Calculator::new(Estimate { lines: Vec::new(), currency: None, ..default_estimate() });
    let mut problems = Vec::new();
    if let Some((_, card)) = catalog.card(provider) {
        let first = card.models.first().map(|m| m.name.to_string());
        let wanted = if options.models.is_empty() { first.into_iter().collect() } else { options.models.clone() };
        for model in &wanted {
            match find_model(catalog, provider, model) {
                Some(m) => {
                    let name = m.name.to_string();
                    calc.add_line(catalog, provider, &name);
                }
                None => problems.push(LinkProblem::UnknownHostModel {
                    model: model.clone(),
                    provider: provider.to_string(),
                    known: card.models.iter().take(NAMES_LISTED).map(|m| m.name.to_string()).collect(),
                    more: card.models.len().saturating_sub(NAMES_LISTED),
                }),
            }
        }
    }
    Start { estimate: calc.estimate, problems, view: None, compare: false }
}

/// The estimate as a JSON-compatible JS object (`null` if it cannot be serialized).
pub fn estimate_js(estimate: &Estimate) -> JsValue {
    serde::Serialize::serialize(estimate, &serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

/// Dispatches `ratecard:change` on `target` now and whenever the estimate or its total changes:
/// `detail = { estimate, total, total_rounded, currency, link }`: the estimate document, the exact
/// monthly total as a decimal string, the same rounded for display (as the widget shows it), the
/// currency code, and the estimate as a deep-link fragment (what the element passes on as `lines`
/// when a host changes an attribute that does not set the estimate, so the visitor's edits stay).
/// The event bubbles and leaves the shadow root (composed).
pub fn notify(ctx: super::Ctx, target: web_sys::EventTarget) {
    let version = super::persistence::catalog_version();
    // Memos are read, not only tracked: a memo computes (and follows its sources) once read.
    let track = move || {
        ctx.estimate.with(|_| ());
        ctx.breakdown.with(|_| ());
    };
    super::after_change(true, track, move || {
        let link = ctx.estimate.with(|e| ctx.catalog.with_value(|cat| encode(e, None, Some((cat, &version)))));
        let detail = js_sys::Object::new();
        let (total, rounded, currency) = ctx.breakdown.with(|b| {
            let amount = b.total.amount();
            (amount.to_string(), crate::rating::money::round_for_display(amount).to_string(), b.currency.code())
        });
        let fields = [
            ("estimate", ctx.estimate.with(estimate_js)),
            ("total", JsValue::from(total)),
            ("total_rounded", JsValue::from(rounded)),
            ("currency", JsValue::from_str(currency)),
            ("link", JsValue::from(link)),
        ];
        for (key, value) in fields {
            let _ = js_sys::Reflect::set(&detail, &JsValue::from_str(key), &value);
        }
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail);
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("ratecard:change", &init) {
            let _ = target.dispatch_event(&event);
        }
    });
}

/// Mounts a calculator into `target` (a `div` in the element's shadow root) with the element's
/// attributes (`attrs`: an object of strings, plus `catalogJson`, the text of an inline
/// `<script type="application/json">` child, and `page`, the calculator page's address); `host`,
/// the element, receives `ratecard:change`.
#[cfg_attr(not(feature = "js-api"), wasm_bindgen(js_name = mountEmbed))]
pub fn mount_embed(target: web_sys::HtmlElement, attrs: JsValue, host: web_sys::EventTarget) -> Embedded {
    let mut options = options_from(&attrs);
    options.events = Some(host);
    mount_into(target, options)
}

/// Mounts a [`Widget`] set up by `options` into `target`; dropping the result unmounts it. The
/// page mounts through here too (see [`super::mount`]).
pub fn mount_into(target: web_sys::HtmlElement, options: Options) -> Embedded {
    let handle = leptos::mount::mount_to(target, move || view! { <Widget options /> });
    Embedded { _handle: Box::new(handle) }
}
