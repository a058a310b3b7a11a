//! The heavy half of the quote tools and of host catalogs, loaded on demand.
//!
//! Importing an estimate needs the strict JSON reader with its error paths, and exporting needs the
//! CSV, Markdown and JSON writers. Few visitors use either, so the widget does not carry them: the
//! first Import or Export loads the JavaScript API bundle (`ratecard-api.js`, see `src/js.rs`),
//! which sits beside `ratecard-web.js`, and calls its `importEstimate` and `exportQuote` (and
//! `planMix` for a line's "Cheapest way to buy", `super::packages`). What the
//! bundle returns is the same text the CLI writes, because it is the same code. A host's rate
//! cards are checked there too (`packCatalog`), with the CLI's reader, and come back packed.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "let api;\
export function load_tools() {\
  api ??= import(new URL('../../ratecard-api.js', import.meta.url).href)\
    .then(async (m) => { await m.default(); return m; })\
    .catch((e) => { api = undefined; throw e; });\
  return api;\
}\
export function prefetch_tools() { load_tools().catch(() => {}); }\
export async function call_tool(name, args) {\
  const m = await load_tools().catch((e) => { throw new Error(`ratecard-api.js could not be loaded (${e?.message ?? e})`); });\
  return m[name](...args);\
}")]
extern "C" {
    fn prefetch_tools();

    #[wasm_bindgen(catch)]
    async fn call_tool(name: &str, args: js_sys::Array) -> Result<JsValue, JsValue>;
}

/// Starts loading the bundle, so that it is there by the time the visitor clicks (the pointer
/// entering the quote section, or focus moving into it, says they may). A failure is left for
/// the click to report; the next call tries again.
pub fn prefetch() {
    prefetch_tools();
}

/// The message of a thrown value: an `Error`'s message, or the value as text.
fn message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| e.as_string()).unwrap_or_default()
}

/// Calls the bundle's `name` with `args`; what it returns, or the message it threw.
async fn call_value(name: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let array = args.iter().collect::<js_sys::Array>();
    call_tool(name, array).await.map_err(|e| message(&e))
}

/// Calls the bundle's `name` with `args`; the text it returns, or the message it threw.
async fn call(name: &str, args: &[JsValue]) -> Result<String, String> {
    call_value(name, args).await.map(|v| v.as_string().unwrap_or_default())
}

/// Checks a host catalog (`text`, named `label`) with the CLI's reader and checks, and returns it
/// packed for `Catalog::unpack`, with the catalog version links made with it carry.
///
/// # Errors
/// Every problem with the cards, one sentence each naming the file, model and field; or why the
/// tools did not load.
pub async fn pack_catalog(text: &str, label: &str) -> Result<(Vec<u8>, String), Vec<String>> {
    match call_value("packCatalog", &[JsValue::from_str(text), JsValue::from_str(label)]).await {
        Ok(v) => {
            let pack = js_sys::Uint8Array::new(&crate::web::get(&v, "pack")).to_vec();
            Ok((pack, crate::web::get(&v, "version").as_string().unwrap_or_default()))
        }
        Err(e) => Err(e.lines().map(str::to_string).collect()),
    }
}

/// Reads an estimate document to import, as a deep-link fragment the widget decodes.
///
/// # Errors
/// What is wrong with the document (its line and field), or why the tools did not load.
pub async fn import_fragment(text: String) -> Result<String, String> {
    call("importEstimate", &[JsValue::from_str(&text)]).await
}

/// The cheapest package mix for `yearly` units of a model after `discounts`
/// (`{channel, user, negotiated}`), with each size's break-even: the bundle's `planMix`.
///
/// # Errors
/// Why the model cannot be planned, or why the tools did not load.
pub async fn plan_mix(provider: &str, model: &str, yearly: &str, discounts: JsValue) -> Result<JsValue, String> {
    let args = [provider.into(), model.into(), yearly.into(), discounts];
    call_value("planMix", &args).await
}

/// The quote of `estimate` (as [`super::embed::estimate_js`] writes it) as `format` (`csv`,
/// `markdown` or `json`), priced with the embedded cards and `host`, the JSON text and name of the
/// host catalog the widget prices with, if any.
///
/// # Errors
/// Why the tools did not load, or what they refused.
pub async fn export(
    format: &'static str,
    estimate: JsValue,
    host: Option<(String, String)>,
    date: &str,
    lang: super::i18n::Lang,
) -> Result<String, String> {
    let (text, label) = host.map_or((JsValue::UNDEFINED, JsValue::UNDEFINED), |(t, l)| (t.into(), l.into()));
    call("exportQuote", &[JsValue::from_str(format), estimate, text, label, date.into(), lang.code().into()]).await
}
