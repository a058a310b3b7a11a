//! The JavaScript API, exported through wasm-bindgen (see `www/ratecard.d.ts`).
//!
//! ```js
//! const breakdown = quote({ version: 1, lines: [{ provider: "tencent-tokenhub", model: "GLM-5",
//!                                               requests: 1000, input_tokens: 40000 }] });
//! breakdown.total        // "262.00..." (an exact decimal string)
//! catalog()              // the rate cards, as [{ file, card }]
//! estimateTokens("你好") // { cjk_chars: 2, english_words: 0, tokens: 2 }
//! ```
//!
//! Values go through serde-wasm-bindgen, so the estimate is the same document as everywhere else
//! and amounts come back as exact decimal strings. Bad input throws a JS `Error` whose message names
//! the line and field. Every export takes its arguments as `JsValue`s and checks their JS types
//! (`args`), so a wrong one throws an `Error` naming it rather than trapping in WebAssembly, and
//! documents over the limits of `crate::rating::limits` are refused by name. Host catalogs (`loadCatalog`) are checked by the same code as the embedded
//! one and replace embedded cards with the same provider id.

use std::cell::RefCell;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use self::args::{Shape, document, optional_string, string, within};
use crate::lang::Lang;
use crate::rating;
use crate::rating::catalog::{Catalog, CatalogError};
use crate::rating::limits;
use crate::share::link;
use crate::web::{embedded_json, get};

mod args;

thread_local! {
    static ACTIVE: RefCell<Option<Rc<Catalog>>> = const { RefCell::new(None) };
    static HOST_CARDS: RefCell<Vec<JsValue>> = const { RefCell::new(Vec::new()) };
}

/// The catalog quotes are priced with: the embedded cards, with host cards in their place.
///
/// # Errors
/// The embedded catalog breaks a rule (the tests make sure it does not).
pub fn active_catalog() -> Result<Rc<Catalog>, JsError> {
    if let Some(c) = ACTIVE.with(|a| a.borrow().clone()) {
        return Ok(c);
    }
    let c = Rc::new(embedded()?);
    ACTIVE.with(|a| *a.borrow_mut() = Some(c.clone()));
    Ok(c)
}

/// The embedded rate cards, as `build.rs` checked and packed them.
fn embedded() -> Result<Catalog, JsError> {
    Catalog::unpack(crate::CATALOG_PACK, "embedded catalog").map_err(|e| JsError::new(&e.to_string()))
}

fn errors_to_js(errors: Vec<CatalogError>) -> JsError {
    JsError::new(&errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}

/// Reads the estimate argument of `func`, an object or its JSON text, within the JS API's limits
/// ([`limits::API`]).
///
/// The API reads documents as JSON text rather than through serde-wasm-bindgen, which looks up
/// only the fields a type knows and so could not reject an unknown one. Text keeps every digit of
/// a number, where a JS number has already been through a binary double. (No document is a bare
/// JSON string, so an object and its text cannot be confused.)
fn estimate_from(func: &str, value: &JsValue) -> Result<rating::Estimate, JsError> {
    let text = document(func, "estimate", value, Shape::Object, limits::API.what, limits::API.bytes)?;
    crate::json::parse_estimate_json_within(&text, limits::API).map_err(|e| JsError::new(&e.to_string()))
}

/// The current month (UTC), `YYYY-MM`: a quote's start when its estimate gives none.
pub(crate) fn this_month() -> String {
    let now = js_sys::Date::new_0();
    format!("{:04}-{:02}", now.get_utc_full_year(), now.get_utc_month() + 1)
}

/// The estimate with a start month: its own, else the current month.
fn dated(mut estimate: rating::Estimate) -> rating::Estimate {
    estimate.start.get_or_insert_with(this_month);
    estimate
}

/// Checks host rate cards strictly: one card, or an array of cards or `{ file, card }`.
fn host_cards(func: &str, cards: &JsValue, source: &str) -> Result<Catalog, JsError> {
    let text = document(func, "cards", cards, Shape::ObjectOrArray, "rate card text", limits::CARD_BYTES)?;
    crate::json::parse_catalog_json(&text, source).map_err(errors_to_js)
}

/// Prices an estimate for one month and returns the breakdown.
///
/// # Errors
/// Throws an `Error` naming the line and field of the first problem.
#[wasm_bindgen]
pub fn quote(estimate: JsValue) -> Result<JsValue, JsError> {
    let catalog = active_catalog()?;
    let estimate = dated(estimate_from("quote", &estimate)?);
    let breakdown = rating::quote(&catalog, &estimate).strict().map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&breakdown)
}

/// Projects twelve months of an estimate's usage.
///
/// # Errors
/// Throws an `Error` naming the field when the estimate cannot be read.
#[wasm_bindgen(js_name = projectYear)]
pub fn project_year(estimate: JsValue) -> Result<JsValue, JsError> {
    let catalog = active_catalog()?;
    to_js(&rating::project_year(&catalog, &dated(estimate_from("projectYear", &estimate)?)))
}

/// The rate cards in use, as `[{ file, card }]` in the rate-card schema.
#[wasm_bindgen]
pub fn catalog() -> JsValue {
    let all = embedded_json();
    let host: Vec<JsValue> = HOST_CARDS.with(|h| h.borrow().clone());
    if host.is_empty() {
        return all;
    }
    let list: js_sys::Array = all.into();
    let out = js_sys::Array::new();
    let host_ids: Vec<String> = host.iter().filter_map(|e| get(&get(e, "card"), "provider").as_string()).collect();
    for entry in list.iter() {
        let id = get(&get(&entry, "card"), "provider").as_string().unwrap_or_default();
        if !host_ids.contains(&id) {
            out.push(&entry);
        }
    }
    for entry in host {
        out.push(&entry);
    }
    out.into()
}

/// Estimates the tokens in a text: CJK characters / 1.8 + English words / 0.75, rounded up.
///
/// # Errors
/// Throws an `Error` when `text` is not a string, or is longer than
/// [`limits::TOKEN_TEXT_CHARS`].
#[wasm_bindgen(js_name = estimateTokens)]
pub fn estimate_tokens(text: JsValue) -> Result<JsValue, JsError> {
    if within(&text, "text", limits::TOKEN_TEXT_CHARS).is_err() {
        let units = usize::try_from(js_sys::JsString::from(text).length()).unwrap_or(usize::MAX);
        let e = limits::TooLarge::Characters { what: "text", count: units, max: limits::TOKEN_TEXT_CHARS };
        return Err(JsError::new(&format!("estimateTokens: {e}")));
    }
    to_js(&rating::estimate_tokens(&string("estimateTokens", "text", &text)?))
}

/// Checks a host's rate cards (one card object, or an array of cards or `{ file, card }`) and
/// prices later quotes with them in place of embedded cards with the same provider id. Returns
/// `{ providers, warnings }`.
///
/// # Errors
/// Throws an `Error` listing every problem, each naming its file, model and field; the catalog in
/// use is then unchanged.
#[wasm_bindgen(js_name = loadCatalog)]
pub fn load_catalog(cards: JsValue, source: JsValue) -> Result<JsValue, JsError> {
    let source = optional_string("loadCatalog", "source", &source)?.unwrap_or_else(|| "host catalog".into());
    let host = host_cards("loadCatalog", &cards, &source)?;
    let base = embedded()?;
    let providers: Vec<String> = host.cards().iter().map(|c| c.provider.to_string()).collect();
    let warnings: Vec<String> = host.warnings().iter().map(ToString::to_string).collect();
    let merged = base.merged_with(host);
    ACTIVE.with(|a| *a.borrow_mut() = Some(Rc::new(merged)));
    let entries: Vec<JsValue> = if js_sys::Array::is_array(&cards) {
        js_sys::Array::from(&cards)
            .iter()
            .map(|e| if get(&e, "card").is_object() { e } else { wrap(&source, &e) })
            .collect()
    } else {
        vec![wrap(&source, &cards)]
    };
    HOST_CARDS.with(|h| *h.borrow_mut() = entries);
    #[derive(Serialize)]
    struct Loaded {
        providers: Vec<String>,
        warnings: Vec<String>,
    }
    to_js(&Loaded { providers, warnings })
}

fn wrap(file: &str, card: &JsValue) -> JsValue {
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &JsValue::from_str("file"), &JsValue::from_str(file));
    let _ = js_sys::Reflect::set(&o, &JsValue::from_str("card"), card);
    o.into()
}

/// Writes an estimate as a deep-link fragment (without `#`).
///
/// # Errors
/// Throws an `Error` naming the field when the estimate cannot be read.
#[wasm_bindgen(js_name = encodeLink)]
pub fn encode_link(estimate: JsValue, view: JsValue) -> Result<String, JsError> {
    let view = optional_string("encodeLink", "view", &view)?;
    let catalog = active_catalog()?;
    let version = link::catalog_version(&catalog);
    Ok(link::encode(&estimate_from("encodeLink", &estimate)?, view.as_deref(), Some((&catalog, &version))))
}

/// Reads a deep-link fragment: `{ estimate, view, catalog, problems }`. What cannot be read,
/// and a link over the limits (`crate::rating::limits`), is listed in `problems`.
///
/// # Errors
/// Throws an `Error` only when `fragment` is not a string.
#[wasm_bindgen(js_name = decodeLink)]
pub fn decode_link(fragment: JsValue) -> Result<JsValue, JsError> {
    if within(&fragment, "link", 4 * limits::LINK_CHARS).is_err() {
        // Not copied at all: four UTF-16 units a character is more than any text has.
        let count = usize::try_from(js_sys::JsString::from(fragment).length()).unwrap_or(usize::MAX);
        let problem = limits::TooLarge::Characters { what: "link", count, max: limits::LINK_CHARS }.to_string();
        let empty = rating::Estimate { version: 1, ..rating::Estimate::default() };
        return to_js(&Decoded { estimate: &empty, view: &None, catalog: &None, problems: vec![problem] });
    }
    let fragment = string("decodeLink", "fragment", &fragment)?;
    let catalog = active_catalog().ok();
    let d = link::decode(&fragment, catalog.as_deref());
    // Each problem as its English sentence.
    let problems = d.problems.iter().map(ToString::to_string).collect();
    to_js(&Decoded { estimate: &d.estimate, view: &d.view, catalog: &d.catalog, problems })
}

/// What `decodeLink` returns.
#[derive(Serialize)]
struct Decoded<'a> {
    estimate: &'a rating::Estimate,
    view: &'a Option<String>,
    catalog: &'a Option<String>,
    problems: Vec<String>,
}

/// Reads an estimate document to import (a bare estimate, or an export with `estimate` and
/// `breakdown`) and returns it as a deep-link fragment without a catalog fingerprint. The widget
/// loads this bundle on demand for its Import, so that the strict JSON reader is not part of
/// every page's download, and reads the fragment with its own link decoder.
///
/// # Errors
/// Throws an `Error` naming the JSON position of a syntax error, or the line and field that is
/// wrong.
#[wasm_bindgen(js_name = importEstimate)]
pub fn import_estimate(text: JsValue) -> Result<String, JsError> {
    within(&text, limits::IMPORT.what, limits::IMPORT.bytes)?;
    let text = string("importEstimate", "text", &text)?;
    let estimate = crate::json::parse_import_within(&text, limits::IMPORT).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(link::encode(&estimate, None, None))
}

/// Checks a host's rate cards, given as JSON text named `label`, exactly as the CLI does, and
/// returns `{ pack, version }`: the cards packed (`rating::catalog::pack`), and the catalog
/// version links made with them over the embedded cards carry. The widget calls this on demand,
/// so that it need not carry the card reader and its checks, and unpacks the result.
///
/// # Errors
/// Throws an `Error` listing every problem, one per line, each naming its file, model and field.
#[wasm_bindgen(js_name = packCatalog)]
pub fn pack_catalog(text: JsValue, label: JsValue) -> Result<JsValue, JsError> {
    let label = string("packCatalog", "label", &label)?;
    within(&text, "rate card text", limits::CARD_BYTES)?;
    let text = string("packCatalog", "text", &text)?;
    let host = crate::json::parse_catalog_json(&text, &label).map_err(errors_to_js)?;
    let pack = js_sys::Uint8Array::from(host.pack().as_slice());
    let version = link::catalog_version(&embedded()?.merged_with(host));
    let out = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&out, &JsValue::from_str("pack"), &pack);
    let _ = js_sys::Reflect::set(&out, &JsValue::from_str("version"), &JsValue::from_str(&version));
    Ok(out.into())
}

/// Writes the quote of an estimate as `"csv"`, `"markdown"` or `"json"`, byte for byte what the
/// CLI writes (`ratecard quote --csv`, `--markdown`, and the widget's JSON export). `host` is the
/// JSON text of a host catalog the widget prices with, named `host_label`; it replaces embedded
/// cards with the same provider id, for this call only. `date` (`YYYY-MM-DD`, optional) is the
/// quote's date, which the CSV states with the validity it gives; `lang` (`"en"`, the default, or
/// `"zh-CN"`) the language of the CSV's and Markdown's words.
///
/// # Errors
/// Throws an `Error` when the estimate or the host catalog cannot be read, or the format is
/// unknown.
#[wasm_bindgen(js_name = exportQuote)]
pub fn export_quote(
    format: JsValue,
    estimate: JsValue,
    host: JsValue,
    host_label: JsValue,
    date: JsValue,
    lang: JsValue,
) -> Result<String, JsError> {
    use crate::share::export;
    let format = string("exportQuote", "format", &format)?;
    within(&host, "rate card text", limits::CARD_BYTES)?;
    let host = optional_string("exportQuote", "host", &host)?;
    let host_label = optional_string("exportQuote", "hostLabel", &host_label)?;
    let estimate = estimate_from("exportQuote", &estimate)?;
    let mut catalog = embedded()?;
    if let Some(text) = host {
        let label = host_label.unwrap_or_else(|| "host catalog".into());
        catalog = catalog.merged_with(crate::json::parse_catalog_json(&text, &label).map_err(errors_to_js)?);
    }
    let date = optional_string("exportQuote", "date", &date)?;
    let lang = optional_string("exportQuote", "lang", &lang)?.map_or(Lang::En, |t| Lang::from_tag(&t));
    let breakdown = rating::quote(&catalog, &estimate);
    let projection = rating::project(&catalog, &estimate);
    match format.as_str() {
        "csv" => Ok(export::to_csv(&estimate, &breakdown, Some(&projection), lang, date.as_deref())),
        "markdown" => Ok(export::to_markdown(&estimate, &breakdown, Some(&projection), lang)),
        "json" => Ok(export::to_json(&estimate, &breakdown, &projection)),
        other => Err(JsError::new(&format!("unknown export format \"{other}\": use csv, markdown or json"))),
    }
}
