//! Browser glue shared by the widget and the JS API: reading rate cards from JS values with the
//! core's checks. (WebAssembly builds only.)
//!
//! serde-wasm-bindgen looks up only the fields a type knows, so this path cannot reject an unknown
//! field. It reads the embedded cards, which the native tests check strictly; documents from
//! outside (host catalogs, estimates) go through JSON text in `js.rs` instead.

use wasm_bindgen::JsValue;

use crate::rating::catalog::{self, Catalog, CatalogError};

/// Reads `obj[key]`, or `undefined`.
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}
/// Checks rate cards given as a JS array of `{ file, card }` (or of bare cards, named by `source`
/// with their position).
///
/// # Errors
/// Every problem found, each naming its file, model and field.
pub fn load_cards(entries: &JsValue, source: &str) -> Result<Catalog, Vec<CatalogError>> {
    let fail = |message: String| vec![CatalogError { file: source.into(), model: None, field: String::new(), message }];
    let list: js_sys::Array = if js_sys::Array::is_array(entries) {
        entries.clone().into()
    } else if entries.is_object() {
        js_sys::Array::of1(entries)
    } else {
        return Err(fail("a catalog is a JSON object (one rate card) or an array of them".into()));
    };
    let mut raw = Vec::new();
    let mut errors = Vec::new();
    for (i, entry) in list.iter().enumerate() {
        let (file, card) = match get(&entry, "card") {
            c if c.is_object() => {
                (get(&entry, "file").as_string().unwrap_or_else(|| format!("{source} #{}", i + 1)), c)
            }
            _ if list.length() == 1 => (source.to_string(), entry.clone()),
            _ => (format!("{source} #{}", i + 1), entry.clone()),
        };
        match catalog::parse_card(&file, || serde_wasm_bindgen::Deserializer::from(card.clone())) {
            Ok(c) => raw.push((file, c)),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    catalog::build(raw)
}

/// The embedded rate cards as a JS array of `{ file, card }`.
pub fn embedded_json() -> JsValue {
    js_sys::JSON::parse(crate::CATALOG_JSON).unwrap_or_else(|_| js_sys::Array::new().into())
}

/// Loads and checks the embedded rate cards ([`crate::CATALOG_JSON`]).
///
/// # Errors
/// Every problem in the cards, each naming its file and field.
pub fn embedded_catalog() -> Result<Catalog, Vec<CatalogError>> {
    load_cards(&embedded_json(), "embedded catalog")
}
