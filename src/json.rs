//! Strict JSON documents, on every target: an estimate, and rate cards from a host.
//!
//! The CLI, the JS API and the widget (import, host catalogs) all read outside documents through
//! these two functions, so an unknown field, a bad number or a broken card gets the same message
//! everywhere. serde-wasm-bindgen is not used for them: it looks up only the fields a type knows
//! and so could not reject an unknown one.

use crate::rating::catalog::{self, Catalog, CatalogError};
use crate::rating::quote::{ErrorKind, QuoteError};
use crate::rating::{Estimate, parse_estimate};

/// Reads an estimate from JSON text.
///
/// # Errors
/// A [`QuoteError`] naming the line and field, or the JSON position of a syntax error.
pub fn parse_estimate_json(text: &str) -> Result<Estimate, QuoteError> {
    // Syntax first, so that its message carries the position; then the document's fields.
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| QuoteError {
        line: None,
        model: None,
        field: String::new(),
        kind: ErrorKind::Parse,
        message: format!("not valid JSON: {e}"),
    })?;
    parse_estimate(&value)
}

/// Reads and checks rate cards from JSON text: one card, an array of cards, or an array of
/// `{ "file": ..., "card": ... }` (the embedded catalog's form). Cards without a file name are
/// named after `source` (with their position when there are several).
///
/// # Errors
/// Every problem found, each naming its file, model and field.
pub fn parse_catalog_json(text: &str, source: &str) -> Result<Catalog, Vec<CatalogError>> {
    let one = |message: String| vec![CatalogError { file: source.into(), model: None, field: String::new(), message }];
    let json: serde_json::Value = serde_json::from_str(text).map_err(|e| one(format!("not valid JSON: {e}")))?;
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
            Err(e) => errors.push(locate_model(e, card)),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    catalog::build(raw)
}

/// Names the model an error is in, where the parser could not say (the widget's parser tracks no
/// path, to stay small): the first model that does not read on its own is the one at fault.
fn locate_model(mut error: CatalogError, card: &serde_json::Value) -> CatalogError {
    use serde::Deserialize;
    if error.model.is_some() || !error.field.is_empty() {
        return error;
    }
    let models = card.get("models").and_then(|m| m.as_array()).map(Vec::as_slice).unwrap_or_default();
    for (i, m) in models.iter().enumerate() {
        if let Err(e) = catalog::schema::RawModel::deserialize(m) {
            error.model =
                Some(m.get("name").and_then(|n| n.as_str()).map_or_else(|| format!("#{}", i + 1), str::to_string));
            error.message = crate::rating::tidy(&e.to_string());
            break;
        }
    }
    error
}
