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
use serde::{Deserialize, Serialize};

pub use super::estimate_reader::{ParseError, parse};
use super::estimate_reader::{object_lines, qty, qty_req};
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
    /// The month the quote starts, `YYYY-MM`: month 1 of the projection, whose prices are those
    /// in force then (a card's price changes take effect from their month). Without it, each
    /// model is priced at its card's current price every month; the CLI and the JS API give
    /// the current month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// The lines, priced in this order (pooled free quotas are drawn in it). A document must
    /// have them (an empty list is an empty estimate), and each is a JSON object.
    #[serde(deserialize_with = "object_lines")]
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
    #[serde(deserialize_with = "qty_req")]
    pub size: Decimal,
    /// How many packages.
    #[serde(default = "one", deserialize_with = "qty_req")]
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
