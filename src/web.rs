//! Browser glue shared by the widget and the JS API. (WebAssembly builds only.)

use wasm_bindgen::JsValue;

/// Reads `obj[key]`, or `undefined`.
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The embedded rate cards as a JS array of `{ file, card }`, in the rate-card schema.
pub fn embedded_json() -> JsValue {
    js_sys::JSON::parse(crate::CATALOG_JSON).unwrap_or_else(|_| js_sys::Array::new().into())
}
