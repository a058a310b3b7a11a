//! The checked catalog of rate cards.
//!
//! A card is read in two steps. [`parse_card`] deserializes the strict file format
//! ([`schema::RawCard`]) from any serde deserializer (JSON text natively, a JS object in the
//! browser), and [`build`] checks every rule of `pricing/README.md` and turns the raw cards into a
//! [`Catalog`] the rating engine can trust. Every error names the file, the model and the field.

mod pack;
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
use schema::{PriceText, RawModel, RawTier};

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

/// The smallest price per 1M tokens that does not look like a per-token price.
const MIN_PER_1M: Decimal = Decimal::from_parts(1, 0, 0, false, 4);
/// The largest price per 1K tokens that does not look like a per-1M price.
const MAX_PER_1K: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

/// Checks raw cards and builds the catalog.
///
/// # Errors
/// Every problem found, each naming its file, model and field: negative prices, tiers out of order
/// or with gaps or overlaps, a credit price with no credit value, duplicate names, references to
/// models the card lacks, and models with no price or two kinds of price.
pub fn build(cards: Vec<(String, RawCard)>) -> Result<Catalog, Vec<CatalogError>> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut built: Vec<RateCard> = Vec::new();
    for (file, raw) in cards {
        let mut check = Checker { file: file.clone(), errors: Vec::new(), warnings: Vec::new() };
        let card = check.card(file, raw);
        if let Some(prev) = built.iter().find(|c| c.provider.eq_ignore_ascii_case(&card.provider)) {
            let msg = format!("provider \"{}\" is already defined by {}", card.provider, prev.file);
            check.err(None, "provider", msg);
        }
        errors.extend(check.errors);
        warnings.extend(check.warnings);
        built.push(card);
    }
    if errors.is_empty() { Ok(Catalog { cards: built, warnings }) } else { Err(errors) }
}

/// Collects the problems of one card.
struct Checker {
    file: String,
    errors: Vec<CatalogError>,
    warnings: Vec<CatalogWarning>,
}

impl Checker {
    fn err(&mut self, model: Option<&str>, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push(CatalogError {
            file: self.file.clone(),
            model: model.map(str::to_string),
            field: field.into(),
            message: message.into(),
        });
    }

    fn warn(&mut self, model: &str, field: &str, message: String) {
        self.warnings.push(CatalogError {
            file: self.file.clone(),
            model: Some(model.to_string()),
            field: field.to_string(),
            message,
        });
    }

    /// A published, non-negative price; records an error and returns `None` otherwise.
    fn published(&mut self, model: Option<&str>, field: &str, price: PriceText) -> Option<Decimal> {
        match price {
            PriceText::Published(d) if d.is_sign_negative() && !d.is_zero() => {
                self.err(model, field, format!("price {d} is negative"));
                None
            }
            PriceText::Published(d) => Some(d),
            PriceText::Unpublished => {
                self.err(model, field, "must be a published price here, not \"unpublished\"");
                None
            }
        }
    }

    /// A price that may be unpublished, but never negative.
    fn price(&mut self, model: &str, field: &str, price: PriceText) -> Price {
        if let PriceText::Published(d) = price
            && d.is_sign_negative()
            && !d.is_zero()
        {
            self.err(Some(model), field, format!("price {d} is negative"));
        }
        price
    }

    fn date(&mut self, model: Option<&str>, field: &str, text: &str) {
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
        let num = |r: std::ops::Range<usize>| text.get(r).and_then(|s| s.parse::<u32>().ok()).unwrap_or(0);
        let ok = b.len() == 10
            && digits(0..4)
            && b[4] == b'-'
            && digits(5..7)
            && b[7] == b'-'
            && digits(8..10)
            && (1..=12).contains(&num(5..7))
            && (1..=31).contains(&num(8..10));
        if !ok {
            self.err(model, field, format!("\"{text}\" is not a date written YYYY-MM-DD"));
        }
    }

    fn card(&mut self, file: String, raw: RawCard) -> RateCard {
        if raw.provider.trim().is_empty()
            || !raw.provider.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            self.err(None, "provider", format!("\"{}\" must be lower-case letters, digits and '-'", raw.provider));
        }
        self.date(None, "as_of", &raw.as_of);
        let usd_cny = raw.usd_cny.and_then(|p| self.published(None, "usd_cny", p));
        if usd_cny.is_some_and(|r| r.is_zero()) {
            self.err(None, "usd_cny", "the exchange rate must be above zero");
        }
        let mut credit_values = Vec::new();
        for (kind, value) in &raw.credit_values {
            let field = format!("credit_values.{kind}");
            if let Some(v) = self.published(None, &field, *value) {
                if v.is_zero() {
                    self.err(None, &field, "a credit must be worth more than zero");
                }
                credit_values.push((kind.clone(), v));
            }
        }

        let mut models: Vec<Model> = Vec::with_capacity(raw.models.len());
        for raw_model in &raw.models {
            let model = self.model(raw_model, &credit_values);
            if let Some(prev) = models.iter().find(|m| m.name.eq_ignore_ascii_case(&model.name)) {
                let msg = format!("duplicate model name (also \"{}\")", prev.name);
                self.err(Some(&model.name), "name", msg);
            } else if models.iter().any(|m| m.id.eq_ignore_ascii_case(&model.id)) {
                self.err(Some(&model.name), "id", format!("duplicate model id \"{}\"", model.id));
            }
            models.push(model);
        }

        let mut free_quotas = Vec::new();
        for (qi, q) in raw.free_quotas.iter().enumerate() {
            let field = |f: &str| format!("free_quotas[{qi}].{f}");
            if raw.free_quotas[..qi].iter().any(|p| p.id == q.id) {
                self.err(None, field("id"), format!("duplicate free quota id \"{}\"", q.id));
            }
            if let Some(claim_by) = &q.claim_by {
                self.date(None, &field("claim_by"), claim_by);
            }
            let amount = match q.amount {
                schema::CountText::Published(0) => {
                    self.err(None, field("amount"), "a free quota of zero is no quota: remove it");
                    None
                }
                schema::CountText::Published(n) => Some(n),
                schema::CountText::Unpublished => None,
            };
            let mut covered = Vec::new();
            for (mi, name) in q.models.iter().enumerate() {
                let Some(index) = find(&models, name) else {
                    self.err(None, field(&format!("models[{mi}]")), format!("no model named \"{name}\" in this card"));
                    continue;
                };
                if let Some(other) = models[index].quota {
                    let msg = format!("\"{name}\" is already covered by free quota \"{}\"", raw.free_quotas[other].id);
                    self.err(None, field(&format!("models[{mi}]")), msg);
                    continue;
                }
                if !quota_fits(q.unit, &models[index].pricing) {
                    let msg =
                        format!("a quota of {} cannot cover \"{name}\", which is not priced in them", q.unit.as_str());
                    self.err(None, field(&format!("models[{mi}]")), msg);
                    continue;
                }
                models[index].quota = Some(free_quotas.len());
                covered.push(index);
            }
            free_quotas.push(FreeQuota {
                id: q.id.as_str().into(),
                name: q.name.as_str().into(),
                name_zh: q.name_zh.as_deref().map(Into::into),
                unit: q.unit,
                amount,
                validity_days: q.validity_days,
                claim_by: q.claim_by.clone(),
                scope: q.scope,
                models: covered,
            });
        }

        let mut packages = Vec::new();
        for (pi, p) in raw.packages.iter().enumerate() {
            let field = |f: &str| format!("packages[{pi}].{f}");
            let Some(index) = find(&models, &p.model) else {
                self.err(None, field("model"), format!("no model named \"{}\" in this card", p.model));
                continue;
            };
            let counted = matches!(&models[index].pricing, Pricing::Units(u)
                if matches!(u.measure, Measure::Image | Measure::Call | Measure::Request)
                    && u.denomination == Denomination::Money);
            if !counted {
                self.err(None, field("model"), format!("\"{}\" is not priced per image, call or request", p.model));
                continue;
            }
            if p.size == 0 {
                self.err(None, field("size"), "a package must hold at least one unit");
            }
            let Some(price) = self.published(None, &field("price"), p.price) else { continue };
            models[index].packages.push(packages.len());
            packages.push(Package { model: index, size: p.size, price, validity_days: p.validity_days });
        }
        for m in &mut models {
            m.packages.sort_by_key(|&i| packages[i].size);
            if m.packages.windows(2).any(|w| packages[w[0]].size == packages[w[1]].size) {
                self.errors.push(CatalogError {
                    file: self.file.clone(),
                    model: Some(m.name.to_string()),
                    field: "packages".into(),
                    message: "two packages of the same size".into(),
                });
            }
        }

        let mut concurrency = Vec::new();
        for (ci, c) in raw.concurrency_addons.iter().enumerate() {
            let field = |f: &str| format!("concurrency_addons[{ci}].{f}");
            let Some(index) = find(&models, &c.model) else {
                self.err(None, field("model"), format!("no model named \"{}\" in this card", c.model));
                continue;
            };
            if models[index].concurrency.is_some() {
                self.err(None, field("model"), format!("\"{}\" already has a concurrency add-on", c.model));
                continue;
            }
            let per_day = self.published(None, &field("per_day"), c.per_day);
            let per_month = self.published(None, &field("per_month"), c.per_month);
            if let (Some(per_day), Some(per_month)) = (per_day, per_month) {
                models[index].concurrency = Some(concurrency.len());
                concurrency.push(ConcurrencyAddon { model: index, included: c.included, per_day, per_month });
            }
        }

        RateCard {
            file,
            provider: raw.provider.into(),
            name: raw.name.into(),
            currency: raw.currency,
            source: raw.source,
            as_of: raw.as_of,
            notes: raw.notes,
            usd_cny,
            credit_values,
            free_quotas,
            packages,
            concurrency,
            models,
        }
    }

    fn model(&mut self, raw: &RawModel, credit_values: &[(String, Decimal)]) -> Model {
        let name = raw.name.trim().to_string();
        if name.is_empty() {
            self.err(None, "name", "a model needs a name");
        }
        let id = raw.id.clone().unwrap_or_else(|| slug(&name));
        if let Some(as_of) = &raw.as_of {
            self.date(Some(&name), "as_of", as_of);
        }
        let priority = raw
            .field_multipliers
            .as_ref()
            .and_then(|f| f.priority)
            .and_then(|p| self.published(Some(&name), "field_multipliers.priority", p));
        if priority.is_some_and(|p| p.is_zero()) {
            self.err(Some(&name), "field_multipliers.priority", "a multiplier must be above zero");
        }
        let pricing = self.pricing(&name, raw, credit_values);
        let changes = self.changes(&name, raw, credit_values);
        if raw.needs_template && !matches!(&pricing, Pricing::Units(u) if u.measure == Measure::Call) {
            self.err(Some(&name), "needs_template", "only a per-call price can depend on a template");
        }
        Model {
            id: id.into(),
            name: name.into(),
            kind: raw.kind,
            category: raw.category.clone(),
            note: raw.note.clone(),
            settlement: raw.settlement.unwrap_or_default(),
            generic: raw.generic,
            needs_template: raw.needs_template,
            example: raw.example,
            source: raw.source.clone(),
            as_of: raw.as_of.clone(),
            pricing,
            priority,
            quota: None,
            packages: Vec::new(),
            concurrency: None,
            changes,
        }
    }

    /// A model's `[[models.changes]]`: each on the first day of a month, in date order, giving
    /// only prices the model has (so the kind of pricing, and the fields a line gives, stay the
    /// same), and checked as the model's own prices are.
    fn changes(&mut self, name: &str, raw: &RawModel, credit_values: &[(String, Decimal)]) -> Vec<PriceChange> {
        let mut out: Vec<PriceChange> = Vec::new();
        for (i, change) in raw.changes.iter().flatten().enumerate() {
            let field = |f: &str| format!("changes[{i}].{f}");
            let month = YearMonth::of_date(&change.from).filter(|_| change.from.trim().ends_with("-01"));
            let Some(month) = month else {
                let msg = format!(
                    "\"{}\" is not the first day of a month written YYYY-MM-01 (prices change from a month's start)",
                    change.from
                );
                self.err(Some(name), field("from"), msg);
                continue;
            };
            if let Some(prev) = out.last()
                && prev.month >= month
            {
                let msg = format!(
                    "{} is not after the previous change ({}): list changes in date order",
                    change.from, prev.from
                );
                self.err(Some(name), field("from"), msg);
            }
            let (merged, missing) = change.apply(raw);
            for f in &missing {
                self.err(
                    Some(name),
                    field(f),
                    format!("the model has no {f} to change: a change gives new values for the model's own prices"),
                );
            }
            if change.apply(&RawModel::default()).1.is_empty() {
                self.err(Some(name), field("from"), "the change gives no price: add the prices that change");
            }
            let (errors, warnings) = (self.errors.len(), self.warnings.len());
            let pricing = self.pricing(name, &merged, credit_values);
            for e in self.errors[errors..].iter_mut().chain(self.warnings[warnings..].iter_mut()) {
                e.field = if e.field.is_empty() { format!("changes[{i}]") } else { field(&e.field) };
            }
            out.push(PriceChange {
                from: change.from.trim().to_string(),
                month,
                source: change.source.clone(),
                pricing,
            });
        }
        if raw.changes.as_ref().is_some_and(Vec::is_empty) {
            self.err(Some(name), "changes", "needs at least one change, or leave it out");
        }
        out
    }

    fn pricing(&mut self, name: &str, raw: &RawModel, credit_values: &[(String, Decimal)]) -> Pricing {
        let m = Some(name);
        // Which ways of pricing does the model give? Exactly one is allowed.
        let mut kinds: Vec<&'static str> = Vec::new();
        if raw.tiers.is_some() || raw.flat_tier().has_prices() {
            kinds.push("token prices");
        }
        let unit_fields: [(&'static str, bool); 17] = [
            ("per_image", raw.per_image.is_some()),
            ("per_megapixel", raw.per_megapixel.is_some()),
            ("per_request", raw.per_request.is_some()),
            ("per_call", raw.per_call.is_some()),
            ("per_second", raw.per_second.is_some()),
            ("per_hour", raw.per_hour.is_some()),
            ("per_month", raw.per_month.is_some()),
            ("per_compute_unit", raw.per_compute_unit.is_some()),
            ("per_unit", raw.per_unit.is_some()),
            ("per_call_by_resolution", raw.per_call_by_resolution.is_some()),
            ("per_second_by_resolution", raw.per_second_by_resolution.is_some()),
            ("credits_per_call", raw.credits_per_call.is_some()),
            ("credits_per_second", raw.credits_per_second.is_some()),
            ("credits_per_call_by_resolution", raw.credits_per_call_by_resolution.is_some()),
            ("credits_per_second_by_resolution", raw.credits_per_second_by_resolution.is_some()),
            ("credits_per_call_min/max", raw.credits_per_call_min.is_some() || raw.credits_per_call_max.is_some()),
            ("volume_tiers", raw.volume_tiers.is_some()),
        ];
        kinds.extend(unit_fields.iter().filter(|(_, set)| *set).map(|(f, _)| *f));
        let fallback = Pricing::Units(UnitPricing {
            measure: Measure::Unit,
            denomination: Denomination::Money,
            rate: UnitRate::Fixed(PriceText::Unpublished),
            unit_name: None,
            unit_name_zh: None,
        });
        match kinds.as_slice() {
            [] => {
                self.err(m, "", "no price: give token prices (input_per_1m, ...) or one unit price (per_image, ...)");
                return fallback;
            }
            [_] => {}
            [a, b, ..] => {
                self.err(m, "", format!("two kinds of price ({a} and {b}): a model has exactly one"));
                return fallback;
            }
        }
        if raw.unit_name.is_some() != raw.per_unit.is_some() {
            self.err(m, "unit_name", "unit_name goes with per_unit, and per_unit needs it");
        }
        if raw.unit_name_zh.is_some() && raw.unit_name.is_none() {
            self.err(m, "unit_name_zh", "unit_name_zh translates unit_name, so it needs unit_name");
        }
        if raw.volume_pricing.is_some() != raw.volume_tiers.is_some() {
            self.err(m, "volume_pricing", "volume_pricing and volume_tiers go together");
        }
        if (raw.multiples.is_some()) && kinds[0] != "token prices" {
            self.err(m, "multiples", "multiples apply to token prices only");
        }

        if kinds[0] == "token prices" {
            return Pricing::Tokens(self.tokens(name, raw));
        }

        // Credits: the credit kind must exist.
        let uses_credits = kinds[0].starts_with("credits_");
        let denomination = match (&raw.credit, uses_credits) {
            (Some(kind), true) => match credit_values.iter().find(|(k, _)| k == kind) {
                Some((_, value)) => Denomination::Credits { kind: kind.clone(), value: *value },
                None => {
                    self.err(m, "credit", format!("credit kind \"{kind}\" has no value in the card's credit_values"));
                    Denomination::Money
                }
            },
            (None, true) => {
                self.err(m, "credit", "a credits price needs `credit`, naming a kind in credit_values");
                Denomination::Money
            }
            (Some(_), false) => {
                self.err(m, "credit", "`credit` is set but the model has no credits price");
                Denomination::Money
            }
            (None, false) => Denomination::Money,
        };

        let fixed = |this: &mut Self, field: &str, p: Option<PriceText>| {
            UnitRate::Fixed(this.price(name, field, p.unwrap_or(PriceText::Unpublished)))
        };
        let by_res = |this: &mut Self, field: &str, map: &Option<std::collections::BTreeMap<Resolution, PriceText>>| {
            let mut out = Vec::new();
            for (res, p) in map.iter().flatten() {
                if let Some(v) = this.published(m, &format!("{field}.{}", res.as_str()), *p) {
                    out.push((*res, v));
                }
            }
            if out.is_empty() {
                this.err(m, field, "needs at least one resolution");
            }
            UnitRate::ByResolution(out)
        };
        let (measure, rate) = match kinds[0] {
            "per_image" => (Measure::Image, fixed(self, "per_image", raw.per_image)),
            "per_megapixel" => (Measure::Megapixel, fixed(self, "per_megapixel", raw.per_megapixel)),
            "per_request" => (Measure::Request, fixed(self, "per_request", raw.per_request)),
            "per_call" => (Measure::Call, fixed(self, "per_call", raw.per_call)),
            "per_second" => (Measure::Second, fixed(self, "per_second", raw.per_second)),
            "per_hour" => (Measure::Hour, fixed(self, "per_hour", raw.per_hour)),
            "per_month" => (Measure::Month, fixed(self, "per_month", raw.per_month)),
            "per_compute_unit" => (Measure::ComputeUnit, fixed(self, "per_compute_unit", raw.per_compute_unit)),
            "per_unit" => (Measure::Unit, fixed(self, "per_unit", raw.per_unit)),
            "credits_per_call" => (Measure::Call, fixed(self, "credits_per_call", raw.credits_per_call)),
            "credits_per_second" => (Measure::Second, fixed(self, "credits_per_second", raw.credits_per_second)),
            "per_call_by_resolution" => {
                (Measure::Call, by_res(self, "per_call_by_resolution", &raw.per_call_by_resolution))
            }
            "per_second_by_resolution" => {
                (Measure::Second, by_res(self, "per_second_by_resolution", &raw.per_second_by_resolution))
            }
            "credits_per_call_by_resolution" => {
                (Measure::Call, by_res(self, "credits_per_call_by_resolution", &raw.credits_per_call_by_resolution))
            }
            "credits_per_second_by_resolution" => (
                Measure::Second,
                by_res(self, "credits_per_second_by_resolution", &raw.credits_per_second_by_resolution),
            ),
            "credits_per_call_min/max" => {
                let min = raw.credits_per_call_min.and_then(|p| self.published(m, "credits_per_call_min", p));
                let max = raw.credits_per_call_max.and_then(|p| self.published(m, "credits_per_call_max", p));
                match (min, max) {
                    (Some(min), Some(max)) if min <= max => (Measure::Call, UnitRate::Range { min, max }),
                    (Some(min), Some(max)) => {
                        self.err(m, "credits_per_call_min", format!("the minimum {min} is above the maximum {max}"));
                        (Measure::Call, UnitRate::Range { min: max, max: min })
                    }
                    _ => {
                        self.err(
                            m,
                            "credits_per_call_min",
                            "a range needs both credits_per_call_min and credits_per_call_max",
                        );
                        (Measure::Call, UnitRate::Fixed(PriceText::Unpublished))
                    }
                }
            }
            _ => self.volume(name, raw),
        };
        Pricing::Units(UnitPricing {
            measure,
            denomination,
            rate,
            unit_name: raw.unit_name.clone(),
            unit_name_zh: raw.unit_name_zh.clone(),
        })
    }

    fn volume(&mut self, name: &str, raw: &RawModel) -> (Measure, UnitRate) {
        let m = Some(name);
        let mode = raw.volume_pricing.unwrap_or(VolumeMode::AllUnits);
        let mut tiers = Vec::new();
        let mut measure: Option<(Measure, &'static str)> = None;
        let raw_tiers = raw.volume_tiers.as_deref().unwrap_or_default();
        if raw_tiers.is_empty() {
            self.err(m, "volume_tiers", "needs at least one tier");
        }
        for (i, t) in raw_tiers.iter().enumerate() {
            let field = |f: &str| format!("volume_tiers[{i}].{f}");
            let prices = [
                (Measure::Image, "per_image", t.per_image),
                (Measure::Megapixel, "per_megapixel", t.per_megapixel),
                (Measure::Request, "per_request", t.per_request),
                (Measure::Call, "per_call", t.per_call),
                (Measure::Second, "per_second", t.per_second),
            ];
            let set: Vec<_> = prices.iter().filter(|(_, _, p)| p.is_some()).collect();
            let [(tier_measure, tier_field, Some(price))] = set.as_slice() else {
                self.err(m, field("per_image"), "a tier needs exactly one unit price such as per_image");
                continue;
            };
            match measure {
                None => measure = Some((*tier_measure, tier_field)),
                Some((first, first_field)) if first != *tier_measure => {
                    self.err(m, field(tier_field), format!("all tiers must use {first_field}"));
                }
                Some(_) => {}
            }
            let expected_from = if i == 0 { Some(0) } else { raw_tiers[i - 1].to };
            match expected_from {
                Some(from) if t.from < from => {
                    self.err(m, field("from"), format!("{} overlaps the previous tier, which runs to {from}", t.from));
                }
                Some(from) if t.from > from => {
                    let msg =
                        format!("leaves a gap: the previous tier ends at {from} but this one starts at {}", t.from);
                    self.err(m, field("from"), msg);
                }
                None => self.err(m, field("from"), "comes after a tier with no upper bound"),
                Some(_) => {}
            }
            if t.to.is_some_and(|to| to <= t.from) {
                self.err(m, field("to"), "must be above from (tiers out of order)");
            }
            if t.to.is_none() && i + 1 < raw_tiers.len() {
                self.err(m, field("to"), "only the last tier may omit its upper bound");
            }
            if let Some(p) = self.published(m, &field(tier_field), *price) {
                tiers.push(VolumeTier { from: t.from, to: t.to, price: p });
            }
        }
        (measure.map_or(Measure::Image, |(me, _)| me), UnitRate::Volume { mode, tiers })
    }

    fn tokens(&mut self, name: &str, raw: &RawModel) -> TokenPricing {
        let m = Some(name);
        let flat = raw.flat_tier();
        let raw_tiers: Vec<(String, RawTier)> = match &raw.tiers {
            Some(tiers) => {
                if flat.has_prices() {
                    self.err(m, "tiers", "with tiers, token prices go inside the tiers, not on the model");
                }
                if tiers.is_empty() {
                    self.err(m, "tiers", "needs at least one tier");
                }
                tiers.iter().enumerate().map(|(i, t)| (format!("tiers[{i}]."), t.clone())).collect()
            }
            None => vec![(String::new(), RawTier { input_above: Some(0), ..flat })],
        };
        let mut scale: Option<TokenScale> = None;
        let mut tiers = Vec::new();
        for (i, (prefix, t)) in raw_tiers.iter().enumerate() {
            let field = |f: &str| format!("{prefix}{f}");
            let m1 = [t.input_per_1m, t.output_per_1m, t.cache_hit_per_1m, t.thinking_per_1m];
            let k1 = [t.input_per_1k, t.output_per_1k, t.cache_hit_per_1k, t.thinking_per_1k];
            let has_m = m1.iter().any(Option::is_some);
            let has_k = k1.iter().any(Option::is_some);
            let this_scale = match (has_m, has_k) {
                (true, true) => {
                    self.err(m, field("input_per_1k"), "mixes per-1M and per-1K prices: use one scale");
                    TokenScale::PerMillion
                }
                (false, true) => TokenScale::PerThousand,
                _ => TokenScale::PerMillion,
            };
            match scale {
                None => scale = Some(this_scale),
                Some(s) if s != this_scale => {
                    self.err(m, field("input_per_1m"), "all tiers must use one scale (per 1M or per 1K)")
                }
                Some(_) => {}
            }
            let [input, output, cache_hit, thinking] = if this_scale == TokenScale::PerThousand { k1 } else { m1 };
            let suffix = if this_scale == TokenScale::PerThousand { "1k" } else { "1m" };
            let need = |this: &mut Self, what: &str, p: Option<PriceText>| -> Price {
                let f = field(&format!("{what}_per_{suffix}"));
                match p {
                    Some(p) => {
                        let p = this.price(name, &f, p);
                        this.unit_check(name, &f, this_scale, p);
                        p
                    }
                    None => {
                        this.err(m, f, "missing: a token model needs input and output prices");
                        PriceText::Unpublished
                    }
                }
            };
            let input = need(self, "input", input);
            let output = need(self, "output", output);
            let opt = |this: &mut Self, what: &str, p: Option<PriceText>| {
                p.map(|p| {
                    let f = field(&format!("{what}_per_{suffix}"));
                    let p = this.price(name, &f, p);
                    this.unit_check(name, &f, this_scale, p);
                    p
                })
            };
            let cache_hit = opt(self, "cache_hit", cache_hit);
            let thinking = opt(self, "thinking", thinking);

            let above = t.input_above.unwrap_or(0);
            let expected_above = if i == 0 { Some(0) } else { raw_tiers[i - 1].1.input_up_to };
            if t.input_above.is_none() && raw.tiers.is_some() {
                self.err(m, field("input_above"), "missing: each tier states where it starts");
            }
            match expected_above {
                Some(prev) if above < prev => {
                    self.err(
                        m,
                        field("input_above"),
                        format!("{above} overlaps the previous tier, which runs to {prev}"),
                    );
                }
                Some(prev) if above > prev => {
                    let msg =
                        format!("leaves a gap: the previous tier ends at {prev} but this one starts above {above}");
                    self.err(m, field("input_above"), msg);
                }
                None => self.err(m, field("input_above"), "comes after a tier with no upper bound"),
                Some(_) => {}
            }
            if t.input_up_to.is_some_and(|up| up <= above) {
                self.err(m, field("input_up_to"), "must be above input_above (tiers out of order)");
            }
            if t.input_up_to.is_none() && i + 1 < raw_tiers.len() {
                self.err(m, field("input_up_to"), "only the last tier may omit its upper bound");
            }
            tiers.push(TokenTier { above, up_to: t.input_up_to, input, output, cache_hit, thinking });
        }

        let mut multiples = Multiples::default();
        if let Some(rm) = &raw.multiples {
            let given = [
                rm.cache_read,
                rm.cache_write_5m,
                rm.cache_write_1h,
                rm.audio_input,
                rm.image_input,
                rm.audio_output,
                rm.image_output,
                rm.reasoning,
            ];
            for (kind, p) in Special::ALL.iter().zip(given) {
                let field = format!("multiples.{}", kind.multiple_name());
                if let Some(v) = p.and_then(|p| self.published(m, &field, p)) {
                    if v.is_zero() {
                        self.err(m, &field, "a multiple must be above zero");
                    }
                    multiples.0[*kind as usize] = Some(v);
                }
            }
        }
        if multiples.get(Special::CacheRead).is_some() && tiers.iter().any(|t| t.cache_hit.is_some()) {
            self.err(m, "multiples.cache_read", "give a cache-hit price or a cache_read multiple, not both");
        }
        if multiples.get(Special::Reasoning).is_some() && tiers.iter().any(|t| t.thinking.is_some()) {
            self.err(m, "multiples.reasoning", "give a thinking price or a reasoning multiple, not both");
        }
        TokenPricing { scale: scale.unwrap_or(TokenScale::PerMillion), tiers, multiples }
    }

    /// Flags a token price whose size suggests the wrong unit.
    fn unit_check(&mut self, name: &str, field: &str, scale: TokenScale, price: Price) {
        let Price::Published(p) = price else { return };
        if p.is_zero() {
            return;
        }
        match scale {
            TokenScale::PerMillion if p < MIN_PER_1M => {
                self.warn(name, field, format!("{p} per 1M tokens looks like a per-token price"));
            }
            TokenScale::PerThousand if p > MAX_PER_1K => {
                // A price too large to scale is named without its per-1M figure.
                let per_m = match p.checked_mul(Decimal::from(1000u64)) {
                    Some(per_m) => format!(" ({} per 1M)", per_m.normalize()),
                    None => String::new(),
                };
                self.warn(name, field, format!("{p} per 1K tokens{per_m} looks like a per-1M price"));
            }
            _ => {}
        }
    }
}

/// The index of the model named `name`, ignoring case.
fn find(models: &[Model], name: &str) -> Option<usize> {
    models.iter().position(|m| m.name.eq_ignore_ascii_case(name.trim()))
}

/// Whether a quota counted in `unit` can cover a model priced as `pricing`.
fn quota_fits(unit: QuotaUnit, pricing: &Pricing) -> bool {
    match (unit, pricing) {
        (QuotaUnit::Tokens, Pricing::Tokens(_)) => true,
        (QuotaUnit::Credits, Pricing::Units(u)) => matches!(u.denomination, Denomination::Credits { .. }),
        (QuotaUnit::Images, Pricing::Units(u)) => {
            matches!(u.measure, Measure::Image | Measure::Megapixel) && u.denomination == Denomination::Money
        }
        (QuotaUnit::Calls, Pricing::Units(u)) => {
            matches!(u.measure, Measure::Call | Measure::Request) && u.denomination == Denomination::Money
        }
        _ => false,
    }
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
