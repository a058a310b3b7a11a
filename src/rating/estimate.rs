//! The estimate document: the one JSON format shared by the CLI, the widget, links and the JS API.
//!
//! An [`Estimate`] is what a person asks for: lines naming a provider and model with the usage the
//! model is priced on. It is plain data. [`parse`] reads it from any serde deserializer with every
//! unknown field rejected and every error naming the line and the field; [`crate::rating::quote`]
//! checks the values against the catalog and prices them.
//!
//! Quantities may be JSON numbers or decimal strings. Strings are exact; a number with a fractional
//! part is read as the shortest decimal that gives the same JSON number back, so `0.9` stays `0.9`.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};

use super::error::{OUT_OF_RANGE, tidy_message};
#[cfg(any(not(target_arch = "wasm32"), feature = "js-api"))]
use super::error::{PathPart, join, segments};
pub use super::line_fields::{Field, FieldKind, FieldValue, Line};
use super::money::Currency;

/// The estimate format version this build reads and writes.
pub const VERSION: u32 = 1;

/// What a person asks to price.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Estimate {
    /// The format version; `1`.
    #[serde(default = "version_one")]
    pub version: u32,
    /// Display currency; defaults to the first line's card currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// CNY per USD; defaults to 7.3.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub usd_cny: Option<Decimal>,
    /// Discounts applied to every line's post-paid amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discounts: Option<Discounts>,
    /// A title for the quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The customer the quote is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    /// Free text printed with the quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// How many days a printed quote stays valid.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub valid_days: Option<Decimal>,
    /// The lines, priced in this order (pooled free quotas are drawn in it).
    #[serde(default)]
    pub lines: Vec<Line>,
}

fn version_one() -> u32 {
    VERSION
}

/// Discount multipliers: `0.9` means 10% off. Each defaults to 1.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Discounts {
    /// The channel discount (seed 004).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub channel: Option<Decimal>,
    /// The user discount (seed 004).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub user: Option<Decimal>,
    /// A negotiated discount.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub negotiated: Option<Decimal>,
}

/// Prepaid packages bought this month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackagePurchase {
    /// Units in each package; must match a package of the model.
    #[serde(deserialize_with = "read_quantity")]
    pub size: Decimal,
    /// How many packages.
    #[serde(default = "one", deserialize_with = "read_quantity")]
    pub count: Decimal,
}

fn one() -> Decimal {
    Decimal::ONE
}

/// Token prices entered for a model whose prices are unpublished, in the card currency.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct EnteredPrices {
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub input_per_1m: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub output_per_1m: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub cache_hit_per_1m: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub thinking_per_1m: Option<Decimal>,
}

/// Reads an optional quantity from a JSON number or a decimal string.
fn qty<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    read_quantity(d).map(Some)
}

/// Reads a quantity from a JSON number or a decimal string, from its text, so that no binary
/// floating point appears in this crate: a number has all its digits (`7.123456789012345678`), or
/// is refused as out of range.
pub(super) fn read_quantity<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(Quantity).map_err(|e| serde::de::Error::custom(tidy_message(&e.to_string())))
}

/// The key under which serde_json's text reader, with its `arbitrary_precision` feature (on for
/// the CLI and the JS API), hands over every number as its text (`json::estimate_from_value`
/// reads from text for that reason). A reader that hands over a binary double is refused.
const JSON_NUMBER_KEY: &str = "$serde_json::private::Number";

/// Reads a quantity from whatever a reader holds: an integer, a decimal string, or a number's text.
struct Quantity;

impl Quantity {
    /// The decimal `text` writes, or why not: out of range (a number a decimal cannot hold), or not
    /// a number at all (`None`).
    fn from_text<E: serde::de::Error>(text: &str) -> Result<Decimal, Option<E>> {
        super::num::parse_exact(text).map_err(|e| match e {
            super::num::BadNumber::OutOfRange => Some(E::custom(OUT_OF_RANGE)),
            super::num::BadNumber::NotANumber => None,
        })
    }
}

impl<'de> serde::de::Visitor<'de> for Quantity {
    type Value = Decimal;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a number or a decimal string")
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<Decimal, E> {
        i128::try_from(v)
            .ok()
            .and_then(|v| Decimal::try_from_i128_with_scale(v, 0).ok())
            .ok_or_else(|| E::custom(OUT_OF_RANGE))
    }

    fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<Decimal, E> {
        Decimal::try_from_i128_with_scale(v, 0).map_err(|_| E::custom(OUT_OF_RANGE))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
        Self::from_text(v).map_err(|e| e.unwrap_or_else(|| E::invalid_type(serde::de::Unexpected::Str(v), &self)))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Decimal, A::Error> {
        match map.next_key::<String>()? {
            Some(key) if key == JSON_NUMBER_KEY => {
                let text: String = map.next_value()?;
                Self::from_text(&text).map_err(|e| {
                    e.unwrap_or_else(|| serde::de::Error::invalid_value(serde::de::Unexpected::Str(&text), &self))
                })
            }
            _ => Err(serde::de::Error::invalid_type(serde::de::Unexpected::Map, &self)),
        }
    }
}

/// A problem reading an estimate document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The line (0-based), when the problem is in one.
    pub line: Option<usize>,
    /// The field, as a path such as `discounts.channel`.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {}: ", line + 1)?;
        }
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseError {}

/// Reads an estimate from any serde deserializer.
///
/// # Errors
/// A [`ParseError`] naming the line and field of the first problem: an unknown field, a value
/// that is not a number, a currency other than USD or CNY, a missing provider or model.
pub fn parse<'de, D: Deserializer<'de>>(d: D) -> Result<Estimate, ParseError> {
    #[cfg(any(not(target_arch = "wasm32"), feature = "js-api"))]
    {
        serde_path_to_error::deserialize::<_, Estimate>(d).map_err(|err| {
            let parts = segments(err.path());
            let message = tidy_message(&err.inner().to_string());
            match parts.as_slice() {
                [PathPart::Key(k), PathPart::Index(i), rest @ ..] if k == "lines" => {
                    ParseError { line: Some(*i), field: join(rest), message }
                }
                _ => ParseError { line: None, field: join(&parts), message },
            }
        })
    }
    // In the browser the path tracker would double the deserializer's code; serde's message still
    // names an unknown field.
    #[cfg(all(target_arch = "wasm32", not(feature = "js-api")))]
    {
        Estimate::deserialize(d).map_err(|err| ParseError {
            line: None,
            field: String::new(),
            message: tidy_message(&err.to_string()),
        })
    }
}
