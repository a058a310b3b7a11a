//! Valid documents for every reader, which the mutators start from: the golden estimates, the
//! embedded rate cards (whole, and cut down to a few models so that most inputs stay small and
//! fast), links and import documents made from the goldens, packed catalogs, and numbers.

use std::path::Path;

use ratecard::native::parse_estimate_json;
use ratecard::rating::catalog::{self, Catalog};
use ratecard::rating::{Estimate, project, quote};
use ratecard::share::{export, link};
use serde_json::Value;

/// The valid documents one reader starts from.
pub struct Seeds {
    /// Each seed's bytes.
    pub docs: Vec<Vec<u8>>,
}

/// The golden estimates in `tests/golden/`, in file-name order.
fn goldens() -> Vec<(Value, Estimate)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut paths: Vec<_> =
        std::fs::read_dir(dir).into_iter().flatten().filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let Some(value) = serde_json::from_str::<Value>(&text).ok().and_then(|v| v.get("estimate").cloned()) else {
            continue;
        };
        if let Ok(estimate) = parse_estimate_json(&value.to_string()) {
            out.push((value, estimate));
        }
    }
    out
}

/// The embedded cards as `(file, card)` JSON values, whole and cut down to their first model.
fn cards() -> Vec<(String, Value)> {
    let all: Vec<Value> = serde_json::from_str(ratecard::CATALOG_JSON).unwrap_or_default();
    let mut out = Vec::new();
    for entry in all {
        let file = entry.get("file").and_then(Value::as_str).unwrap_or("card.json").to_string();
        let Some(card) = entry.get("card").cloned() else { continue };
        let mut small = card.clone();
        if let Some(models) = small.get_mut("models").and_then(Value::as_array_mut) {
            models.truncate(1);
        }
        out.push((file.clone(), small));
        out.push((file, card));
    }
    out
}

/// The seeds of the reader `name`.
pub fn for_reader(name: &str, catalog: &Catalog) -> Seeds {
    let mut docs: Vec<Vec<u8>> = Vec::new();
    match name {
        "estimate" => {
            for (value, _) in goldens() {
                docs.push(value.to_string().into_bytes());
                docs.push(serde_json::to_string_pretty(&value).unwrap_or_default().into_bytes());
            }
        }
        "import" => {
            // Export documents, as the widget's Export writes them, and bare estimates; only the
            // first few goldens have exports, which are large, so that most inputs stay small.
            for (i, (value, estimate)) in goldens().into_iter().enumerate() {
                if i % 6 == 0 {
                    let breakdown = quote(catalog, &estimate);
                    let projection = project(catalog, &estimate);
                    docs.push(export::to_json(&estimate, &breakdown, &projection).into_bytes());
                }
                docs.push(value.to_string().into_bytes());
            }
        }
        "link" => {
            let version = link::catalog_version(catalog);
            for (i, (_, estimate)) in goldens().into_iter().enumerate() {
                let view = link::VIEWS.get(i % 4).copied();
                docs.push(link::encode(&estimate, view, Some((catalog, &version))).into_bytes());
                docs.push(format!("#{}", link::encode(&estimate, None, None)).into_bytes());
            }
        }
        "card-json" => {
            for (file, card) in cards() {
                docs.push(card.to_string().into_bytes());
                docs.push(serde_json::json!([{ "file": file, "card": card }]).to_string().into_bytes());
            }
        }
        "card-toml" => {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("pricing");
            for entry in std::fs::read_dir(dir).into_iter().flatten().filter_map(Result::ok) {
                if entry.path().extension().is_some_and(|e| e == "toml")
                    && let Ok(text) = std::fs::read(entry.path())
                {
                    docs.push(text);
                }
            }
            for (_, card) in cards().into_iter().step_by(2) {
                if let Ok(text) = toml::to_string(&card) {
                    docs.push(text.into_bytes());
                }
            }
        }
        "pack" => {
            docs.push(ratecard::CATALOG_PACK.to_vec());
            for (file, card) in cards() {
                if let Ok(raw) = catalog::parse_card(&file, || &card)
                    && let Ok(one) = catalog::build(vec![(file, raw)])
                {
                    docs.push(one.pack());
                }
            }
        }
        _ => {
            for n in [
                "0",
                "1",
                "-1",
                "0.9",
                "1e3",
                "1.5E-7",
                "+7",
                " 42 ",
                "7.123456789012345678",
                "1000000",
                "79228162514264337593543950335",
                "0.0000000000000000000000000001",
                "-0.0",
                "1_000",
                "3k",
                "2.5M",
            ] {
                docs.push(n.as_bytes().to_vec());
            }
        }
    }
    Seeds { docs }
}
