//! Strict JSON text: an estimate, and rate cards from a host.
//!
//! The CLI and the JS API read outside documents through these two functions, with serde's path
//! tracking, so an unknown field, a bad number or a broken card names its line or model and field.
//! (The widget calls both through the JS API bundle, loaded on demand: `src/app/tools.rs`.)
//! serde-wasm-bindgen is not used: it looks up only the fields a type knows and so could not
//! reject an unknown one.

use crate::rating::catalog::{self, Catalog, CatalogError};
use crate::rating::{Estimate, parse_estimate};
use crate::rating::{Problem, QuoteError};

/// `text` without a leading UTF-8 byte-order mark, which editors on Windows often write and JSON
/// parsers refuse.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Reads an estimate from JSON text.
///
/// # Errors
/// A [`QuoteError`] naming the line and field, or the JSON position of a syntax error.
pub fn parse_estimate_json(text: &str) -> Result<Estimate, QuoteError> {
    let text = without_bom(text);
    // The document is read once. Only when it is refused is the text checked for syntax, so that
    // a syntax error's message carries its position rather than a field's path.
    estimate_from_text(text).map_err(|field_error| match serde_json::from_str::<serde::de::IgnoredAny>(text) {
        Err(e) => QuoteError::estimate("", Problem::Syntax { text: e.to_string() }),
        Ok(_) => field_error,
    })
}

/// Reads an estimate from a parsed JSON value (an export document's `estimate`).
///
/// The value is written back out and read as text, because only serde_json's text reader hands
/// every number over as its digits (the `arbitrary_precision` feature); a `Value` hands some over
/// as binary doubles, which the estimate refuses.
///
/// # Errors
/// A [`QuoteError`] naming the line and field.
pub fn estimate_from_value(value: &serde_json::Value) -> Result<Estimate, QuoteError> {
    estimate_from_text(&value.to_string())
}

/// Reads an estimate from JSON text, refusing anything but white space after it.
///
/// The document is read first without serde's path tracking, which slows the reading; only a
/// document that is refused is read again with it, for the line and field. (The text reader's
/// position is left off its messages when they are read; the line and field say where.)
fn estimate_from_text(text: &str) -> Result<Estimate, QuoteError> {
    use serde::Deserialize as _;
    let mut de = serde_json::Deserializer::from_str(text);
    if let Ok(estimate) = Estimate::deserialize(&mut de)
        && de.end().is_ok()
    {
        return Ok(estimate);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let estimate = parse_estimate(&mut de)?;
    // Nothing but white space may follow the document.
    de.end().map_err(|e| QuoteError::estimate("", Problem::Syntax { text: e.to_string() }))?;
    Ok(estimate)
}

/// Reads and checks rate cards from JSON text: one card, an array of cards, or an array of
/// `{ "file": ..., "card": ... }` (the embedded catalog's form). Cards without a file name are
/// named after `source` (with their position when there are several).
///
/// # Errors
/// Every problem found, each naming its file, model and field.
pub fn parse_catalog_json(text: &str, source: &str) -> Result<Catalog, Vec<CatalogError>> {
    let one = |message: String| vec![CatalogError { file: source.into(), model: None, field: String::new(), message }];
    let json: serde_json::Value =
        serde_json::from_str(without_bom(text)).map_err(|e| one(format!("not valid JSON: {e}")))?;
    let entries: Vec<&serde_json::Value> = match &json {
        serde_json::Value::Array(items) if items.is_empty() => return Err(one("the catalog has no rate card".into())),
        serde_json::Value::Array(items) => items.iter().collect(),
        serde_json::Value::Object(_) => vec![&json],
        _ => return Err(one("a catalog is a JSON object (one rate card) or an array of them".into())),
    };
    let mut raw = Vec::new();
    let mut errors = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let (file, card) = match (entry.get("card"), entry.get("file").and_then(|f| f.as_str())) {
            (Some(card), Some(file)) => (file.to_string(), card),
            _ if entries.len() == 1 => (source.to_string(), *entry),
            _ => (format!("{source} #{}", i + 1), *entry),
        };
        match catalog::parse_card(&file, || card) {
            Ok(c) => raw.push((file, c)),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    catalog::build(raw)
}
