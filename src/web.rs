//! Browser glue shared by the widget and the JS API: reading rate cards from JS values with the
//! core's checks. (WebAssembly builds only.)
//!
//! Cards are read from `JSON.parse`d values through [`crate::jsde`], which rejects unknown fields
//! as the native JSON reader does, so the widget checks a host's card as strictly as the CLI.

use wasm_bindgen::{JsCast, JsValue};

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
        match catalog::parse_card(&file, || crate::jsde::Value(card.clone())) {
            Ok(c) => raw.push((file, c)),
            Err(e) => errors.push(locate_model(e, &card)),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    catalog::build(raw)
}

/// Names the model an error is in, where the parser could not say (the widget's parser tracks no
/// path, to stay small): the first model that does not read on its own is the one at fault.
fn locate_model(mut error: CatalogError, card: &JsValue) -> CatalogError {
    use serde::Deserialize;
    if error.model.is_some() || !error.field.is_empty() {
        return error;
    }
    let models = get(card, "models");
    if !js_sys::Array::is_array(&models) {
        return error;
    }
    for (i, m) in js_sys::Array::from(&models).iter().enumerate() {
        if let Err(e) = catalog::schema::RawModel::deserialize(crate::jsde::Value(m.clone())) {
            error.model = Some(get(&m, "name").as_string().unwrap_or_else(|| format!("#{}", i + 1)));
            error.message = crate::rating::tidy(&e.to_string());
            break;
        }
    }
    error
}

/// Reads and checks rate cards from JSON text, as [`load_cards`] does from a value; a syntax error
/// carries the browser's message, which gives its position.
///
/// # Errors
/// Every problem found, each naming its file, model and field.
pub fn parse_cards(text: &str, source: &str) -> Result<Catalog, Vec<CatalogError>> {
    match js_sys::JSON::parse(text) {
        Ok(value) => load_cards(&value, source),
        Err(e) => {
            let why = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
            Err(vec![CatalogError {
                file: source.into(),
                model: None,
                field: String::new(),
                message: format!("not valid JSON: {why}"),
            }])
        }
    }
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
