//! The checked catalog of rate cards.
//!
//! A card is read in two steps. [`parse_card`] deserializes the strict file format
//! ([`schema::RawCard`]) from any serde deserializer (JSON text natively, a JS object in the
//! browser), and [`build`] checks every rule of `pricing/README.md` and turns the raw cards into a
//! [`Catalog`] the rating engine can trust (`check.rs`, and `check_pricing.rs` for each model's
//! pricing). Every error names the file, the model and the field. `pack.rs` packs a checked
//! catalog into the compact form the widget embeds.

mod check;
mod check_pricing;
mod pack;
pub use check::build;
pub use pack::fnv1a;
pub mod schema;

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};

use super::error::tidy_message;
#[cfg(any(not(target_arch = "wasm32"), feature = "js-api"))]
use super::error::{PathPart, join, segments};
use super::money::Currency;
use super::month::YearMonth;
pub use schema::{ModelKind, PriceText as Price, QuotaScope, QuotaUnit, RawCard, Resolution, Settlement, VolumeMode};

/// A problem that stops a card from loading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError {
    /// The file (or URL, or `inline`) the card came from.
    pub file: String,
    /// The model the problem is in, if any.
    pub model: Option<String>,
    /// The field, as a path such as `tiers[1].input_up_to`.
    pub field: String,
    /// What is wrong, as a sentence.
    pub message: String,
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(model) = &self.model {
            write!(f, ": model \"{model}\"")?;
        }
        if !self.field.is_empty() {
            write!(f, ": {}", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for CatalogError {}

/// A price that loads but looks wrong, such as a per-token price in a per-1M field.
pub type CatalogWarning = CatalogError;

/// Deserializes one card, naming the model and field of any error.
///
/// `make` must return a fresh deserializer over the same data each time: on error it is called a
/// second time to read the model names, so that the message can name the model.
///
/// # Errors
/// A [`CatalogError`] for the first syntax problem: an unknown field, a number where a price string
/// belongs, a missing field, an unknown resolution name and so on.
pub fn parse_card<'de, D, F>(file: &str, make: F) -> Result<RawCard, CatalogError>
where
    D: Deserializer<'de>,
    F: Fn() -> D,
{
    #[cfg(any(not(target_arch = "wasm32"), feature = "js-api"))]
    {
        serde_path_to_error::deserialize::<_, RawCard>(make()).map_err(|err| {
            let parts = segments(err.path());
            let message = tidy_message(&err.inner().to_string());
            located(file, &parts, message, make)
        })
    }
    // In the widget the path tracker would double the deserializer's code, so errors name the
    // file and carry serde's message (which names an unknown field); the embedded cards are
    // checked natively by the tests with full paths.
    #[cfg(all(target_arch = "wasm32", not(feature = "js-api")))]
    {
        RawCard::deserialize(make()).map_err(|err| CatalogError {
            file: file.to_string(),
            model: None,
            field: String::new(),
            message: tidy_message(&err.to_string()),
        })
    }
}

/// Names the model an error path points into, reading the card's model names with `make`.
#[cfg(any(not(target_arch = "wasm32"), feature = "js-api"))]
fn located<'de, D, F>(file: &str, parts: &[PathPart], message: String, make: F) -> CatalogError
where
    D: Deserializer<'de>,
    F: Fn() -> D,
{
    let (model, rest) = match parts {
        [PathPart::Key(k), PathPart::Index(i), rest @ ..] if k == "models" => {
            #[derive(Deserialize)]
            struct Names {
                #[serde(default)]
                models: Vec<NameOnly>,
            }
            #[derive(Deserialize)]
            struct NameOnly {
                name: Option<String>,
            }
            let name = Names::deserialize(make())
                .ok()
                .and_then(|n| n.models.into_iter().nth(*i))
                .and_then(|m| m.name)
                .unwrap_or_else(|| format!("#{}", i + 1));
            (Some(name), rest.to_vec())
        }
        _ => (None, parts.to_vec()),
    };
    CatalogError { file: file.to_string(), model, field: join(&rest), message }
}

/// The checked set of rate cards that quotes are priced from.
#[derive(Debug, Clone)]
pub struct Catalog {
    cards: Vec<RateCard>,
    warnings: Vec<CatalogWarning>,
}

impl Catalog {
    /// The cards, in file-name order.
    pub fn cards(&self) -> &[RateCard] {
        &self.cards
    }

    /// Prices that loaded but look wrong (see `pricing/README.md`).
    pub fn warnings(&self) -> &[CatalogWarning] {
        &self.warnings
    }

    /// Finds a card by provider id, ignoring case.
    pub fn card(&self, provider: &str) -> Option<(usize, &RateCard)> {
        let provider = provider.trim();
        self.cards.iter().enumerate().find(|(_, c)| c.provider.eq_ignore_ascii_case(provider))
    }

    /// The card at `index`.
    pub fn card_at(&self, index: usize) -> Option<&RateCard> {
        self.cards.get(index)
    }

    /// Adds or replaces cards (a host catalog overriding embedded ones by provider id).
    ///
    /// # Errors
    /// The errors of [`build`] for the combined set.
    pub fn merged_with(&self, extra: Catalog) -> Catalog {
        let mut cards: Vec<RateCard> = self
            .cards
            .iter()
            .filter(|c| !extra.cards.iter().any(|e| e.provider.eq_ignore_ascii_case(&c.provider)))
            .cloned()
            .collect();
        cards.extend(extra.cards);
        let mut warnings = self.warnings.clone();
        warnings.extend(extra.warnings);
        Catalog { cards, warnings }
    }
}

/// One provider's prices and rules.
#[derive(Debug, Clone)]
pub struct RateCard {
    /// Where the card came from: a file path, a URL or `inline`.
    pub file: String,
    /// Stable provider id, e.g. `tencent-tokenhub`.
    pub provider: Arc<str>,
    /// Display name.
    pub name: Arc<str>,
    /// The currency of every money price in the card.
    pub currency: Currency,
    /// The source document's file name.
    pub source: String,
    /// The date of the prices.
    pub as_of: String,
    /// Rules that carry no price.
    pub notes: Vec<String>,
    /// The exchange rate the system itself states, if any.
    pub usd_cny: Option<Decimal>,
    /// Money per credit, by credit kind.
    pub credit_values: Vec<(String, Decimal)>,
    /// Free quotas.
    pub free_quotas: Vec<FreeQuota>,
    /// Prepaid packages.
    pub packages: Vec<Package>,
    /// Concurrency add-ons.
    pub concurrency: Vec<ConcurrencyAddon>,
    /// Models.
    pub models: Vec<Model>,
}

impl RateCard {
    /// Finds a model by published name or id, ignoring case.
    pub fn model(&self, name: &str) -> Option<(usize, &Model)> {
        let name = name.trim();
        self.models
            .iter()
            .enumerate()
            .find(|(_, m)| m.name.eq_ignore_ascii_case(name) || m.id.eq_ignore_ascii_case(name))
    }
}

/// A free quota, checked.
#[derive(Debug, Clone)]
pub struct FreeQuota {
    /// Id, unique in the card.
    pub id: Arc<str>,
    /// Display name, in English.
    pub name: Arc<str>,
    /// Display name in Simplified Chinese, when the card gives one.
    pub name_zh: Option<Arc<str>>,
    /// What it counts.
    pub unit: QuotaUnit,
    /// The amount, or `None` when the source does not publish it.
    pub amount: Option<u64>,
    /// Days it stays valid after the claim.
    pub validity_days: Option<u32>,
    /// Last day to claim it.
    pub claim_by: Option<String>,
    /// Own amount per model, or one pool.
    pub scope: QuotaScope,
    /// Indices of the models it covers.
    pub models: Vec<usize>,
}

/// A prepaid package, checked.
#[derive(Debug, Clone)]
pub struct Package {
    /// Index of the model it is bound to.
    pub model: usize,
    /// Units in the package.
    pub size: u64,
    /// Price of one package.
    pub price: Decimal,
    /// Days it stays valid after purchase.
    pub validity_days: Option<u32>,
}

/// A concurrency add-on, checked.
#[derive(Debug, Clone)]
pub struct ConcurrencyAddon {
    /// Index of the model it is for.
    pub model: usize,
    /// Concurrency included by default.
    pub included: u32,
    /// Price of one extra concurrent task for a day.
    pub per_day: Decimal,
    /// Price of one extra concurrent task for a month.
    pub per_month: Decimal,
}

/// A model, checked.
#[derive(Debug, Clone)]
pub struct Model {
    /// Stable id.
    pub id: Arc<str>,
    /// Published name.
    pub name: Arc<str>,
    /// Widget filter.
    pub kind: ModelKind,
    /// The source's category label.
    pub category: Option<String>,
    /// A sentence shown beside the model.
    pub note: Option<String>,
    /// When its charges are settled.
    pub settlement: Settlement,
    /// A stand-in model: each line is its own model for per-model quotas.
    pub generic: bool,
    /// Lines must name an effect template.
    pub needs_template: bool,
    /// The prices are examples, not published list prices.
    pub example: bool,
    /// Where the prices come from, when not the card's source.
    pub source: Option<String>,
    /// When the prices were read, when not the card's date.
    pub as_of: Option<String>,
    /// How it is priced.
    pub pricing: Pricing,
    /// The priority multiplier, if the model offers priority.
    pub priority: Option<Decimal>,
    /// The free quota covering it.
    pub quota: Option<usize>,
    /// Indices of its packages, smallest first.
    pub packages: Vec<usize>,
    /// Index of its concurrency add-on.
    pub concurrency: Option<usize>,
    /// Prices that take effect later, in date order: from each one's month on, its pricing
    /// replaces `pricing`.
    pub changes: Vec<PriceChange>,
}

/// A model's prices from a month on (`[[models.changes]]` in a card).
#[derive(Debug, Clone)]
pub struct PriceChange {
    /// The date it takes effect, as the card writes it: the first day of `month`.
    pub from: String,
    /// The month it takes effect.
    pub month: YearMonth,
    /// Where the new price comes from, when the card says.
    pub source: Option<String>,
    /// The prices from then on, of the same kind as the model's.
    pub pricing: Pricing,
}

impl Model {
    /// The prices in force in `month`: the last change that has taken effect by then, else the
    /// model's own. With no month (a quote without a start), the model's own.
    pub fn pricing_in(&self, month: Option<YearMonth>) -> &Pricing {
        month.and_then(|m| self.changes.iter().rev().find(|c| c.month <= m)).map_or(&self.pricing, |c| &c.pricing)
    }
}

/// How a model is priced.
#[derive(Debug, Clone)]
pub enum Pricing {
    /// By tokens.
    Tokens(TokenPricing),
    /// By a unit: images, seconds, calls, hours and so on.
    Units(UnitPricing),
}

/// Token prices.
#[derive(Debug, Clone)]
pub struct TokenPricing {
    /// Per 1M or per 1K tokens.
    pub scale: TokenScale,
    /// Tiers by input length per request; one unbounded tier when the model has none.
    pub tiers: Vec<TokenTier>,
    /// Multiples of the input or output price for special tokens.
    pub multiples: Multiples,
}

/// The number of tokens a token price is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenScale {
    /// Per 1,000,000 tokens.
    PerMillion,
    /// Per 1,000 tokens.
    PerThousand,
}

impl TokenScale {
    /// The divisor: 1,000,000 or 1,000.
    pub fn divisor(self) -> Decimal {
        match self {
            TokenScale::PerMillion => Decimal::from(1_000_000u64),
            TokenScale::PerThousand => Decimal::from(1_000u64),
        }
    }

    /// `1M` or `1K`.
    pub fn label(self) -> &'static str {
        match self {
            TokenScale::PerMillion => "1M",
            TokenScale::PerThousand => "1K",
        }
    }
}

/// One input-length tier of a token model.
#[derive(Debug, Clone)]
pub struct TokenTier {
    /// Input length above which the tier starts (exclusive).
    pub above: u64,
    /// Input length up to which it applies (inclusive); `None` means no limit.
    pub up_to: Option<u64>,
    /// Input price.
    pub input: Price,
    /// Output price.
    pub output: Price,
    /// Cache-hit input price.
    pub cache_hit: Option<Price>,
    /// Thinking price.
    pub thinking: Option<Price>,
}

/// A kind of token a gateway prices as a multiple of the input or output price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    /// Cache read ("Cache Tokens" / "Cache Read Tokens").
    CacheRead,
    /// Cache write, 5-minute lifetime.
    CacheWrite5m,
    /// Cache write, 1-hour lifetime.
    CacheWrite1h,
    /// Audio input.
    AudioInput,
    /// Image input.
    ImageInput,
    /// Audio output.
    AudioOutput,
    /// Image output.
    ImageOutput,
    /// Reasoning ("Inference Tokens").
    Reasoning,
}

impl Special {
    /// Every special kind, input side first.
    pub const ALL: [Special; 8] = [
        Special::CacheRead,
        Special::CacheWrite5m,
        Special::CacheWrite1h,
        Special::AudioInput,
        Special::ImageInput,
        Special::AudioOutput,
        Special::ImageOutput,
        Special::Reasoning,
    ];

    /// Whether it multiplies the output price (else the input price).
    pub fn is_output(self) -> bool {
        matches!(self, Special::AudioOutput | Special::ImageOutput | Special::Reasoning)
    }

    /// The multiple's name in a card.
    pub fn multiple_name(self) -> &'static str {
        match self {
            Special::CacheRead => "cache_read",
            Special::CacheWrite5m => "cache_write_5m",
            Special::CacheWrite1h => "cache_write_1h",
            Special::AudioInput => "audio_input",
            Special::ImageInput => "image_input",
            Special::AudioOutput => "audio_output",
            Special::ImageOutput => "image_output",
            Special::Reasoning => "reasoning",
        }
    }
}

/// The multiples a model has, by [`Special`] kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Multiples([Option<Decimal>; 8]);

impl Multiples {
    /// The multiple for `kind`, if the model has one.
    pub fn get(&self, kind: Special) -> Option<Decimal> {
        self.0[kind as usize]
    }

    /// Whether the model has no multiples.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Option::is_none)
    }
}

/// A unit price.
#[derive(Debug, Clone)]
pub struct UnitPricing {
    /// What is counted.
    pub measure: Measure,
    /// Money, or credits of a kind.
    pub denomination: Denomination,
    /// The rate.
    pub rate: UnitRate,
    /// The unit's name, for `per_unit`, in English.
    pub unit_name: Option<String>,
    /// The unit's name in Simplified Chinese, when the card gives one.
    pub unit_name_zh: Option<String>,
}

/// What a unit price counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Generated images.
    Image,
    /// Megapixels of generated images.
    Megapixel,
    /// Requests.
    Request,
    /// Calls.
    Call,
    /// Seconds of generated video.
    Second,
    /// Hours of run time, billed by the minute.
    Hour,
    /// Compute units times replicas.
    ComputeUnit,
    /// Months of a subscription.
    Month,
    /// A unit the card names.
    Unit,
}

impl Measure {
    /// The singular noun, e.g. `image`.
    pub fn noun(self) -> &'static str {
        match self {
            Measure::Image => "image",
            Measure::Megapixel => "megapixel",
            Measure::Request => "request",
            Measure::Call => "call",
            Measure::Second => "second",
            Measure::Hour => "hour",
            Measure::ComputeUnit => "compute unit",
            Measure::Month => "month",
            Measure::Unit => "unit",
        }
    }
}

/// What a unit price is paid in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Denomination {
    /// The card's currency.
    Money,
    /// Credits, converted to money at `value` per credit.
    Credits {
        /// The credit kind, e.g. `video`.
        kind: String,
        /// Money per credit.
        value: Decimal,
    },
}

/// The rate of a unit price.
#[derive(Debug, Clone)]
pub enum UnitRate {
    /// One price.
    Fixed(Price),
    /// A range; the line picks a point.
    Range {
        /// Lowest price.
        min: Decimal,
        /// Highest price.
        max: Decimal,
    },
    /// A price per resolution.
    ByResolution(Vec<(Resolution, Decimal)>),
    /// Monthly volume tiers.
    Volume {
        /// All units at one tier, or graduated.
        mode: VolumeMode,
        /// The tiers, in order.
        tiers: Vec<VolumeTier>,
    },
}

/// One monthly volume tier.
#[derive(Debug, Clone)]
pub struct VolumeTier {
    /// First quantity in the tier (inclusive).
    pub from: u64,
    /// Quantity where the next tier starts (exclusive); `None` for the last.
    pub to: Option<u64>,
    /// Price per unit.
    pub price: Decimal,
}

/// The default model id: the name in lower case with runs of other characters turned into `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for ch in name.chars() {
        if ch.is_ascii_alphanumeric() || ch == '.' {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("HY 2.0 Think"), "hy-2.0-think");
        assert_eq!(slug("deepseek-ai/DeepSeek-R1"), "deepseek-ai-deepseek-r1");
        assert_eq!(slug("Image Style Transfer"), "image-style-transfer");
    }
}
