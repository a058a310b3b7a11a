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

/// One line of an estimate: a model and its monthly usage.
///
/// `requests`, `images` and `calls` are per month; token counts are per request; `seconds` is per
/// call. Special token counts (`cached_tokens`, `thinking_tokens`, audio, image and cache-write
/// tokens) are parts of `input_tokens` or `output_tokens`, as API usage reports count them.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Line {
    pub provider: String,
    pub model: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,

    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub requests: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub input_tokens: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub output_tokens: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub cached_tokens: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub thinking_tokens: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub cache_write_5m_tokens: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub cache_write_1h_tokens: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub audio_input_tokens: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub image_input_tokens: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub audio_output_tokens: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub image_output_tokens: Option<Decimal>,

    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub images: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub width: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub height: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub megapixels: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub calls: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub seconds: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub credits: Option<Decimal>,

    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_trial: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub free_remaining: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub prepaid_remaining: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packages: Vec<PackagePurchase>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub extra_concurrency: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub concurrency_days: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<bool>,

    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub hours: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub replicas: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub compute_units: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub quantity: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "qty")]
    pub unit_price: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prices: Option<EnteredPrices>,

    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discounts: Option<Discounts>,
}

/// What a line field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A quantity or price (a decimal).
    Number,
    /// Text, such as a resolution or template name.
    Text,
    /// Yes or no.
    Flag,
}

/// Every scalar line field: its name in the estimate, its short key in links, and its kind.
/// (`packages`, `prices` and `discounts` are nested and handled by their users.)
pub const LINE_FIELDS: &[(&str, &str, FieldKind)] = &[
    ("label", "lb", FieldKind::Text),
    ("requests", "rq", FieldKind::Number),
    ("input_tokens", "in", FieldKind::Number),
    ("output_tokens", "out", FieldKind::Number),
    ("cached_tokens", "cache", FieldKind::Number),
    ("thinking_tokens", "think", FieldKind::Number),
    ("cache_write_5m_tokens", "cw5m", FieldKind::Number),
    ("cache_write_1h_tokens", "cw1h", FieldKind::Number),
    ("audio_input_tokens", "ain", FieldKind::Number),
    ("image_input_tokens", "iin", FieldKind::Number),
    ("audio_output_tokens", "aout", FieldKind::Number),
    ("image_output_tokens", "iout", FieldKind::Number),
    ("images", "img", FieldKind::Number),
    ("width", "w", FieldKind::Number),
    ("height", "h", FieldKind::Number),
    ("megapixels", "mp", FieldKind::Number),
    ("calls", "calls", FieldKind::Number),
    ("seconds", "s", FieldKind::Number),
    ("resolution", "res", FieldKind::Text),
    ("template", "tpl", FieldKind::Text),
    ("credits", "cr", FieldKind::Number),
    ("free_trial", "trial", FieldKind::Flag),
    ("free_remaining", "free", FieldKind::Number),
    ("prepaid_remaining", "pre", FieldKind::Number),
    ("extra_concurrency", "conc", FieldKind::Number),
    ("concurrency_days", "cdays", FieldKind::Number),
    ("priority", "pri", FieldKind::Flag),
    ("hours", "hrs", FieldKind::Number),
    ("replicas", "rep", FieldKind::Number),
    ("compute_units", "cu", FieldKind::Number),
    ("quantity", "qty", FieldKind::Number),
    ("unit_price", "up", FieldKind::Number),
];

/// A line field's value, by kind.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// A decimal.
    Number(Decimal),
    /// Text.
    Text(String),
    /// Yes or no.
    Flag(bool),
}

/// Generates by-name access to the numeric line fields.
macro_rules! number_fields {
    ($($f:ident),* $(,)?) => {
        impl Line {
            fn number_slot(&mut self, name: &str) -> Option<&mut Option<Decimal>> {
                match name {
                    $(stringify!($f) => Some(&mut self.$f),)*
                    _ => None,
                }
            }

            fn number(&self, name: &str) -> Option<Option<Decimal>> {
                match name {
                    $(stringify!($f) => Some(self.$f),)*
                    _ => None,
                }
            }
        }
    };
}

number_fields!(
    requests,
    input_tokens,
    output_tokens,
    cached_tokens,
    thinking_tokens,
    cache_write_5m_tokens,
    cache_write_1h_tokens,
    audio_input_tokens,
    image_input_tokens,
    audio_output_tokens,
    image_output_tokens,
    images,
    width,
    height,
    megapixels,
    calls,
    seconds,
    credits,
    free_remaining,
    prepaid_remaining,
    extra_concurrency,
    concurrency_days,
    hours,
    replicas,
    compute_units,
    quantity,
    unit_price,
);

impl Line {
    /// The value of a scalar field (see [`LINE_FIELDS`]), if set.
    pub fn field(&self, name: &str) -> Option<FieldValue> {
        match name {
            "label" => self.label.clone().map(FieldValue::Text),
            "resolution" => self.resolution.clone().map(FieldValue::Text),
            "template" => self.template.clone().map(FieldValue::Text),
            "free_trial" => self.free_trial.map(FieldValue::Flag),
            "priority" => self.priority.map(FieldValue::Flag),
            _ => self.number(name).flatten().map(FieldValue::Number),
        }
    }

    /// Sets (or, with `None`, clears) a scalar field.
    ///
    /// # Errors
    /// The field name is unknown, or the value is of the wrong kind for it.
    pub fn set_field(&mut self, name: &str, value: Option<FieldValue>) -> Result<(), String> {
        let text_slot = match name {
            "label" => Some(&mut self.label),
            "resolution" => Some(&mut self.resolution),
            "template" => Some(&mut self.template),
            _ => None,
        };
        if let Some(slot) = text_slot {
            return match value {
                None => {
                    *slot = None;
                    Ok(())
                }
                Some(FieldValue::Text(t)) => {
                    *slot = Some(t);
                    Ok(())
                }
                Some(_) => Err(format!("{name} takes text")),
            };
        }
        let flag_slot = match name {
            "free_trial" => Some(&mut self.free_trial),
            "priority" => Some(&mut self.priority),
            _ => None,
        };
        if let Some(slot) = flag_slot {
            return match value {
                None => {
                    *slot = None;
                    Ok(())
                }
                Some(FieldValue::Flag(b)) => {
                    *slot = Some(b);
                    Ok(())
                }
                Some(_) => Err(format!("{name} takes yes or no")),
            };
        }
        let Some(slot) = self.number_slot(name) else { return Err(format!("unknown field \"{name}\"")) };
        match value {
            None => *slot = None,
            Some(FieldValue::Number(d)) => *slot = Some(d),
            Some(_) => return Err(format!("{name} takes a number")),
        }
        Ok(())
    }
}
