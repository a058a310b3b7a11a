//! Native I/O for the CLI and tests: the embedded catalog, card files, and estimate JSON.

use std::path::Path;

use serde::Deserialize;

pub use crate::json::parse_estimate_json;
use crate::rating::catalog::{self, Catalog, CatalogError};

#[derive(Deserialize)]
struct Entry {
    file: String,
    card: serde_json::Value,
}

/// Loads and checks the embedded rate cards.
///
/// # Errors
/// Every problem in the cards, each naming its file, model and field.
pub fn embedded_catalog() -> Result<Catalog, Vec<CatalogError>> {
    let entries: Vec<Entry> = serde_json::from_str(crate::CATALOG_JSON).map_err(|e| {
        vec![CatalogError { file: "catalog.json".into(), model: None, field: String::new(), message: e.to_string() }]
    })?;
    let mut raw = Vec::new();
    let mut errors = Vec::new();
    for entry in &entries {
        match catalog::parse_card(&entry.file, || &entry.card) {
            Ok(card) => raw.push((entry.file.clone(), card)),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    catalog::build(raw)
}

/// Reads one card from a `.toml` or `.json` file and checks it on its own.
///
/// # Errors
/// The file cannot be read or parsed, or the card breaks a rule.
pub fn card_file(path: &Path) -> Result<Catalog, Vec<CatalogError>> {
    let name = path.display().to_string();
    let one = |message: String| vec![CatalogError { file: name.clone(), model: None, field: String::new(), message }];
    let text = std::fs::read_to_string(path).map_err(|e| one(format!("cannot read: {e}")))?;
    let text = crate::json::without_bom(&text);
    let value: serde_json::Value = if path.extension().is_some_and(|e| e == "toml") {
        let v: toml::Value = toml::from_str(text).map_err(|e| one(format!("not valid TOML: {e}")))?;
        serde_json::to_value(v).map_err(|e| one(e.to_string()))?
    } else {
        serde_json::from_str(text).map_err(|e| one(format!("not valid JSON: {e}")))?
    };
    let card = catalog::parse_card(&name, || &value).map_err(|e| vec![e])?;
    catalog::build(vec![(name, card)])
}
