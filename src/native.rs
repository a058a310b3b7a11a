//! Native I/O for the CLI and tests: the embedded catalog, card files, and estimate JSON.

use std::path::Path;

use serde::Deserialize;

pub use crate::json::parse_estimate_json;
use crate::rating::catalog::{self, Catalog, CatalogError};
use crate::rating::limits;

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
    // A file over the limit is refused before it is read.
    if let Ok(meta) = std::fs::metadata(path) {
        let size = usize::try_from(meta.len()).unwrap_or(usize::MAX);
        limits::check_card_bytes(size).map_err(|e| one(&name, e.to_string()))?;
    }
    let text = std::fs::read_to_string(path).map_err(|e| one(&name, format!("cannot read: {e}")))?;
    let format = if path.extension().is_some_and(|e| e == "toml") { CardFormat::Toml } else { CardFormat::Json };
    card_text(&name, &text, format)
}

/// How a card file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardFormat {
    /// A TOML card, as in `pricing/`.
    Toml,
    /// A JSON card.
    Json,
}

/// Reads one card from its text, named `name`, and checks it on its own: what [`card_file`] does
/// once the file is read.
///
/// # Errors
/// The text cannot be parsed, or the card breaks a rule.
pub fn card_text(name: &str, text: &str, format: CardFormat) -> Result<Catalog, Vec<CatalogError>> {
    let text = crate::json::without_bom(text);
    limits::check_card_bytes(text.len()).map_err(|e| one(name, e.to_string()))?;
    let value: serde_json::Value = match format {
        CardFormat::Toml => {
            let v: toml::Value = toml::from_str(text).map_err(|e| one(name, format!("not valid TOML: {e}")))?;
            serde_json::to_value(v).map_err(|e| one(name, e.to_string()))?
        }
        CardFormat::Json => serde_json::from_str(text).map_err(|e| one(name, format!("not valid JSON: {e}")))?,
    };
    limits::check_card_models(crate::json::models_in(&value)).map_err(|e| one(name, e.to_string()))?;
    let card = catalog::parse_card(name, || &value).map_err(|e| vec![e])?;
    catalog::build(vec![(name.to_string(), card)])
}

/// One problem with the card file `name`.
fn one(name: &str, message: String) -> Vec<CatalogError> {
    vec![CatalogError { file: name.into(), model: None, field: String::new(), message }]
}
