//! Strict JSON text: an estimate, and rate cards from a host.
//!
//! The CLI and the JS API read outside documents through these two functions, with serde's path
//! tracking, so an unknown field, a bad number or a broken card names its line or model and field.
//! (The widget calls both through the JS API bundle, loaded on demand: `src/app/tools.rs`.)
//! serde-wasm-bindgen is not used: it looks up only the fields a type knows and so could not
//! reject an unknown one.

use crate::rating::catalog::{self, Catalog, CatalogError};
use crate::rating::limits::{self, EstimateLimits, TooLarge};
use crate::rating::{Estimate, parse_estimate};
use crate::rating::{Problem, QuoteError};

/// `text` without a leading UTF-8 byte-order mark, which editors on Windows often write and JSON
/// parsers refuse.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Reads an estimate from JSON text, within the CLI's limits ([`limits::CLI`]).
///
/// # Errors
/// A [`QuoteError`] naming the line and field, the JSON position of a syntax error, or the limit
/// the document is over.
pub fn parse_estimate_json(text: &str) -> Result<Estimate, QuoteError> {
    parse_estimate_json_within(text, limits::CLI)
}

/// Reads an estimate from JSON text of at most `limits.bytes` bytes and `limits.lines` lines.
///
/// # Errors
/// As [`parse_estimate_json`].
pub fn parse_estimate_json_within(text: &str, limits: EstimateLimits) -> Result<Estimate, QuoteError> {
    let text = without_bom(text);
    // The size check reads the syntax too, so a syntax error's message carries its position
    // rather than a field's path.
    check_size(text, limits)?;
    estimate_from_text(text)
}

/// Reads an imported document (a bare estimate, or an export with its `estimate`) of at most
/// `limits.bytes` bytes whose estimate has at most `limits.lines` lines.
///
/// # Errors
/// As [`crate::share::export::parse_import`], or the limit the document is over.
pub fn parse_import_within(text: &str, limits: EstimateLimits) -> Result<Estimate, QuoteError> {
    check_size(without_bom(text), limits)?;
    crate::share::export::parse_import(text)
}

/// Refuses text over `limits`: first its bytes, then (reading its syntax, which also gives a
/// syntax error its position) the lines of the estimate, or of an export document's `estimate`,
/// counted without reading them.
fn check_size(text: &str, limits: EstimateLimits) -> Result<(), QuoteError> {
    let refuse = |e: TooLarge| QuoteError::estimate("", Problem::OverLimit(e));
    limits.check_bytes(text).map_err(refuse)?;
    let shape = serde_json::from_str::<LineCount>(text)
        .map_err(|e| QuoteError::estimate("", Problem::Syntax { text: e.to_string() }))?;
    limits.check_lines(shape.0).map_err(refuse)
}

/// Visitor methods that count no lines for a JSON scalar.
macro_rules! skip_scalars {
    () => {
        fn visit_bool<E>(self, _: bool) -> Result<LineCount, E> {
            Ok(LineCount(0))
        }
        fn visit_i64<E>(self, _: i64) -> Result<LineCount, E> {
            Ok(LineCount(0))
        }
        fn visit_u64<E>(self, _: u64) -> Result<LineCount, E> {
            Ok(LineCount(0))
        }
        fn visit_f64<E>(self, _: f64) -> Result<LineCount, E> {
            Ok(LineCount(0))
        }
        fn visit_str<E>(self, _: &str) -> Result<LineCount, E> {
            Ok(LineCount(0))
        }
        fn visit_unit<E>(self) -> Result<LineCount, E> {
            Ok(LineCount(0))
        }
    };
}

/// The lines of an estimate document, or of the `estimate` of an export document, counted while
/// its syntax is read; any other JSON value counts none.
struct LineCount(usize);

impl<'de> serde::Deserialize<'de> for LineCount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CountVisitor { depth: 0 })
    }
}

/// Counts the items of `lines` in a document (`depth` 0) or in its `estimate` (`depth` 1), and
/// skips everything else.
struct CountVisitor {
    depth: u8,
}

impl<'de> serde::de::Visitor<'de> for CountVisitor {
    type Value = LineCount;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<LineCount, A::Error> {
        let mut lines = 0usize;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == "lines" {
                lines = lines.saturating_add(map.next_value::<Items>()?.0);
            } else if key == "estimate" && self.depth == 0 {
                lines = lines.saturating_add(map.next_value_seed(CountVisitor { depth: 1 })?.0);
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(LineCount(lines))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<LineCount, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(LineCount(0))
    }

    skip_scalars!();
}

impl<'de> serde::de::DeserializeSeed<'de> for CountVisitor {
    type Value = LineCount;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<LineCount, D::Error> {
        d.deserialize_any(self)
    }
}

/// The number of items in a JSON array (any other value counts none), each skipped unread.
struct Items(usize);

impl<'de> serde::Deserialize<'de> for Items {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let LineCount(n) = d.deserialize_any(ItemsVisitor)?;
        Ok(Items(n))
    }
}

struct ItemsVisitor;

impl<'de> serde::de::Visitor<'de> for ItemsVisitor {
    type Value = LineCount;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<LineCount, A::Error> {
        let mut n = 0usize;
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
            n += 1;
        }
        Ok(LineCount(n))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<LineCount, A::Error> {
        while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
        Ok(LineCount(0))
    }

    skip_scalars!();
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
    limits::check_card_bytes(text.len()).map_err(|e| one(e.to_string()))?;
    let json: serde_json::Value =
        serde_json::from_str(without_bom(text)).map_err(|e| one(format!("not valid JSON: {e}")))?;
    let entries: Vec<&serde_json::Value> = match &json {
        serde_json::Value::Array(items) if items.is_empty() => return Err(one("the catalog has no rate card".into())),
        serde_json::Value::Array(items) => items.iter().collect(),
        serde_json::Value::Object(_) => vec![&json],
        _ => return Err(one("a catalog is a JSON object (one rate card) or an array of them".into())),
    };
    let models = entries.iter().map(|e| models_in(e.get("card").unwrap_or(e))).fold(0, usize::saturating_add);
    limits::check_card_models(models).map_err(|e| one(e.to_string()))?;
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

/// The models a rate card lists (its `models` array), before it is read.
pub fn models_in(card: &serde_json::Value) -> usize {
    card.get("models").and_then(serde_json::Value::as_array).map_or(0, Vec::len)
}
