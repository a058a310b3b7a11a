//! The JS API's argument checks: every export takes its arguments as `JsValue`s and checks their
//! JS types here, so that a wrong one throws an `Error` naming the function and the argument
//! (`estimateTokens: text must be a string, not an object`) instead of trapping in WebAssembly.
//!
//! A document given as a JS object is walked before it is written as JSON, because
//! `JSON.stringify` turns `NaN` and `Infinity` into `null` and drops functions: the walk names them
//! where they are (`line 1: requests: NaN is not a number`). Sizes are checked before a string is
//! copied into WebAssembly memory (`crate::rating::limits`).

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::rating::limits::TooLarge;

/// Objects deeper than this are not walked: `JSON.stringify` and the JSON reader (128 levels)
/// refuse them anyway.
const WALK_DEPTH: u32 = 64;

/// What a JS value is, for messages: `a number`, `null`, `an array` ...
pub fn kind(v: &JsValue) -> &'static str {
    match v.js_typeof().as_string().as_deref() {
        Some("undefined") => "undefined",
        Some("string") => "a string",
        Some("number") => "a number",
        Some("boolean") => "a boolean",
        Some("bigint") => "a BigInt",
        Some("symbol") => "a symbol",
        Some("function") => "a function",
        _ if v.is_null() => "null",
        _ if js_sys::Array::is_array(v) => "an array",
        _ if js_sys::ArrayBuffer::is_view(v) => "a typed array",
        _ => "an object",
    }
}

/// The string `v`, or an `Error` saying that `func`'s argument `name` must be one.
pub fn string(func: &str, name: &str, v: &JsValue) -> Result<String, JsError> {
    v.as_string().ok_or_else(|| JsError::new(&format!("{func}: {name} must be a string, not {}", kind(v))))
}

/// The string `v`, or `None` for `undefined` or `null`.
pub fn optional_string(func: &str, name: &str, v: &JsValue) -> Result<Option<String>, JsError> {
    if v.is_undefined() || v.is_null() { Ok(None) } else { string(func, name, v).map(Some) }
}

/// Refuses a JS string of more than `max` UTF-16 units (its `length`) before it is copied: it has
/// at least as many UTF-8 bytes. Anything but a string passes (its type is checked elsewhere).
pub fn within(v: &JsValue, what: &'static str, max: usize) -> Result<(), JsError> {
    if !v.is_string() {
        return Ok(());
    }
    let units = usize::try_from(v.unchecked_ref::<js_sys::JsString>().length()).unwrap_or(usize::MAX);
    if units > max { Err(JsError::new(&TooLarge::OverBytes { what, max }.to_string())) } else { Ok(()) }
}

/// What a document argument may be besides JSON text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// An object (an estimate).
    Object,
    /// An object or an array (rate cards).
    ObjectOrArray,
}

/// The JSON text of a document argument: a string is taken as JSON text already; an object (or an
/// array, where `shape` allows) is walked for values JSON cannot hold and stringified. Text of
/// more than `max` UTF-16 units is refused before it is copied.
pub fn document(
    func: &str,
    name: &str,
    v: &JsValue,
    shape: Shape,
    what: &'static str,
    max: usize,
) -> Result<String, JsError> {
    if v.is_string() {
        within(v, what, max)?;
        return string(func, name, v);
    }
    let array = js_sys::Array::is_array(v);
    let object = v.is_object() && !v.is_function() && !js_sys::ArrayBuffer::is_view(v);
    if !object || (array && shape == Shape::Object) {
        let wants = if shape == Shape::Object { "an object or JSON text" } else { "an object, an array or JSON text" };
        return Err(JsError::new(&format!("{func}: {name} must be {wants}, not {}", kind(v))));
    }
    let mut path = Vec::new();
    if let Some(problem) = not_json(v, &mut path, 0) {
        let place = place(&path, shape == Shape::Object);
        return Err(JsError::new(&if shape == Shape::Object {
            format!("{place}{problem}")
        } else {
            format!("{func}: {name}: {place}{problem}")
        }));
    }
    let text = js_sys::JSON::stringify(v).map_err(|_| {
        JsError::new(&format!("{func}: {name} cannot be written as JSON (a cycle, or nested too deeply)"))
    })?;
    within(&text, what, max)?;
    Ok(text.as_string().unwrap_or_default())
}

/// A step of the path to a value: an object key or an array index.
enum Step {
    Key(String),
    Index(u32),
}

/// Where `path` is, as estimate errors say it (`line 1: discounts.channel: `), or as a plain path.
fn place(path: &[Step], estimate: bool) -> String {
    let (mut out, rest) = match path {
        [Step::Key(k), Step::Index(i), rest @ ..] if estimate && k == "lines" => (format!("line {}: ", i + 1), rest),
        _ => (String::new(), path),
    };
    let mut field = String::new();
    for step in rest {
        match step {
            Step::Key(k) if field.is_empty() => field.push_str(k),
            Step::Key(k) => {
                field.push('.');
                field.push_str(k);
            }
            Step::Index(i) => field.push_str(&format!("[{i}]")),
        }
    }
    if !field.is_empty() {
        out.push_str(&field);
        out.push_str(": ");
    }
    out
}

/// The first value under `v` that JSON cannot hold (leaving its path in `path`), said as a
/// sentence: `NaN is not a number`, `a function is not a JSON value` ...
fn not_json(v: &JsValue, path: &mut Vec<Step>, depth: u32) -> Option<String> {
    match v.js_typeof().as_string().as_deref() {
        Some("number") if !js_sys::Number::is_finite(v) => {
            let text = v.unchecked_ref::<js_sys::Number>().to_string_with_radix(10).ok().and_then(|s| s.as_string());
            return Some(format!("{} is not a number", text.unwrap_or_else(|| "NaN".into())));
        }
        Some("bigint") => {
            let text = v.unchecked_ref::<js_sys::BigInt>().to_string(10).ok().and_then(|s| s.as_string());
            return Some(format!(
                "{}n is a BigInt: write it as a number or a decimal string",
                text.unwrap_or_default()
            ));
        }
        Some("function" | "symbol") if depth > 0 => return Some(format!("{} is not a JSON value", kind(v))),
        Some("object") if !v.is_null() && depth < WALK_DEPTH => {}
        _ => return None,
    }
    if js_sys::Array::is_array(v) {
        let array = js_sys::Array::from(v);
        for (i, item) in array.iter().enumerate() {
            path.push(Step::Index(u32::try_from(i).unwrap_or(u32::MAX)));
            if let Some(problem) = not_json(&item, path, depth + 1) {
                return Some(problem);
            }
            path.pop();
        }
        return None;
    }
    // Typed arrays, dates and other objects with toJSON are written by JSON.stringify as it likes.
    if js_sys::ArrayBuffer::is_view(v) || js_sys::Reflect::has(v, &"toJSON".into()).unwrap_or(false) {
        return None;
    }
    let keys = js_sys::Reflect::own_keys(v).ok()?;
    for key in keys.iter() {
        let Some(name) = key.as_string() else { continue };
        let enumerable = v.unchecked_ref::<js_sys::Object>().property_is_enumerable(&key);
        let Ok(item) = js_sys::Reflect::get(v, &key) else { continue };
        if !enumerable || item.is_undefined() {
            continue;
        }
        path.push(Step::Key(name));
        if let Some(problem) = not_json(&item, path, depth + 1) {
            return Some(problem);
        }
        path.pop();
    }
    None
}
