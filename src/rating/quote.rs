//! Pricing an estimate: from an [`Estimate`] and a [`Catalog`] to an exact [`Breakdown`].
//!
//! A month is priced in two passes over the lines, in order. The first pass checks each line's
//! fields, chooses its token tier, works out its quantities and draws its free quota and prepaid
//! balance from a [`Ledger`] (so pooled quotas are drawn in line order). The second pass prices
//! what is left: it needs the whole month, because a monthly volume tier is chosen by the month's
//! post-paid total across every line of the model. It then applies discounts to post-paid amounts
//! and converts to the display currency.
//!
//! A line with an error is reported and left out of the total; every other line is still priced.
//! Where a price is a range, the month is priced three times (point, minimum, maximum).

use std::borrow::Cow;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Serialize;

use super::catalog::{
    Catalog, Denomination, Measure, Model, Price, Pricing, QuotaScope, QuotaUnit, RateCard, Resolution, Settlement,
    Special, TokenPricing, UnitPricing, UnitRate, VolumeMode, VolumeTier,
};
use super::error::closest;
use super::estimate::{self, Discounts, Estimate, Line, ParseError};
use super::money::{Currency, DEFAULT_USD_CNY, DISPLAY_ROUNDING, Money, round_for_display};
use super::num::{self, Overflow, group, short_count};

// ------------------------------------------------------------------------------------------ limits

/// Limits that keep every quantity far from decimal overflow and catch typos such as an extra
/// zero run of digits. A value above its limit is an error that states the limit.
mod limit {
    use rust_decimal::Decimal;
    pub const REQUESTS: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0); // 1e12
    pub const TOKENS: Decimal = Decimal::from_parts(100_000_000, 0, 0, false, 0); // 1e8 per request
    pub const COUNT: Decimal = Decimal::from_parts(0x5F5E_1000, 0x2, 0, false, 0); // 1e10
    pub const SECONDS: Decimal = Decimal::from_parts(86_400, 0, 0, false, 0);
    pub const PIXELS: Decimal = Decimal::from_parts(100_000, 0, 0, false, 0);
    pub const MEGAPIXELS: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);
    pub const HOURS: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
    pub const SMALL: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
    pub const BALANCE: Decimal = Decimal::from_parts(0xA4C6_8000, 0x38D7E, 0, false, 0); // 1e15
    pub const PRICE: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);
    pub const DAYS: Decimal = Decimal::from_parts(31, 0, 0, false, 0);
    pub const RATE: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);
}

// ------------------------------------------------------------------------------------------ errors

/// The kind of a [`QuoteError`], for callers that react to it (the widget puts the message next to
/// the field).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The document could not be read (bad JSON, a wrong type).
    Parse,
    /// A field the format does not have.
    UnknownField,
    /// A value that is not a number.
    NotANumber,
    /// A provider the catalog lacks.
    UnknownProvider,
    /// A model the card lacks.
    UnknownModel,
    /// A field the model needs is missing.
    MissingField,
    /// A field the model does not use.
    UnusedField,
    /// A negative quantity.
    Negative,
    /// A fraction where a whole number is needed.
    NotWhole,
    /// A quantity above its limit.
    TooLarge,
    /// An input longer than the model's largest tier.
    AboveLargestTier,
    /// A resolution the model lacks.
    UnknownResolution,
    /// A point outside the model's range.
    OutOfRange,
    /// The price is unpublished and the line gives none.
    PriceNeeded,
    /// Parts that do not add up, such as cached tokens above input tokens.
    Inconsistent,
    /// A package size the model does not sell.
    UnknownPackage,
    /// An estimate-level setting (version, rate, discount) is wrong.
    BadSetting,
    /// A result too large to compute exactly.
    Overflow,
}

/// A problem with an estimate, naming the line, the model and the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteError {
    /// The line, counted from 1, when the problem is in one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The model of that line, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// The field, e.g. `input_tokens` or `discounts.channel`.
    pub field: String,
    /// What kind of problem.
    pub kind: ErrorKind,
    /// What is wrong, as a sentence.
    pub message: String,
}

impl std::fmt::Display for QuoteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, &self.model) {
            (Some(line), Some(model)) => write!(f, "line {line} ({model}): ")?,
            (Some(line), None) => write!(f, "line {line}: ")?,
            _ => {}
        }
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for QuoteError {}

impl From<ParseError> for QuoteError {
    fn from(e: ParseError) -> Self {
        let kind = if e.message.starts_with("unknown field") {
            ErrorKind::UnknownField
        } else if e.message.contains("a number or a decimal string") {
            ErrorKind::NotANumber
        } else {
            ErrorKind::Parse
        };
        QuoteError { line: e.line.map(|l| l + 1), model: None, field: e.field, kind, message: e.message }
    }
}

/// Reads an estimate from any serde deserializer, with errors as [`QuoteError`]s.
///
/// # Errors
/// The first problem in the document, naming its line and field.
pub fn parse_estimate<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Estimate, QuoteError> {
    estimate::parse(d).map_err(QuoteError::from)
}

// ------------------------------------------------------------------------------------------ output

/// Why a tier was chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TierChoice {
    /// The tier's position, from 0.
    pub index: usize,
    /// How many tiers the model has.
    pub of: usize,
    /// The tier as the source writes it, e.g. `(32k, 128k]`.
    pub label: TierText,
    /// Why, e.g. `40,000 input tokens per request fall in (32k, 128k]`.
    pub reason: TierText,
}

/// Tier wording, kept as data and written out only when displayed or serialized, so that pricing
/// a line allocates no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TierText {
    /// An input-length tier, written `(32k, 128k]`, `32k+` or `all lengths`.
    Bounds {
        /// Exclusive lower bound.
        above: u64,
        /// Inclusive upper bound.
        up_to: Option<u64>,
    },
    /// Why an input length chose its tier.
    Input {
        /// Input tokens per request.
        tokens: u64,
        /// The tier's lower bound.
        above: u64,
        /// The tier's upper bound.
        up_to: Option<u64>,
        /// Whether the model has more than one tier.
        tiered: bool,
    },
    /// Ready-made text.
    Text(String),
}

impl std::fmt::Display for TierText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TierText::Bounds { above, up_to: Some(up) } => write!(f, "({}, {}]", short_count(*above), short_count(*up)),
            TierText::Bounds { above: 0, up_to: None } => f.write_str("all lengths"),
            TierText::Bounds { above, up_to: None } => write!(f, "{}+", short_count(*above)),
            TierText::Input { tiered: false, .. } => f.write_str("one price for every input length"),
            TierText::Input { tokens, above, up_to, .. } => write!(
                f,
                "{} input tokens per request (cached part included) fall in {}",
                group(Decimal::from(*tokens)),
                TierText::Bounds { above: *above, up_to: *up_to }
            ),
            TierText::Text(t) => f.write_str(t),
        }
    }
}

impl Serialize for TierText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// How much of a free quota or prepaid balance a line used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Drawdown {
    /// Quota id, or `prepaid`.
    pub source: Arc<str>,
    /// Display name.
    pub name: Arc<str>,
    /// What it counts, e.g. `tokens`.
    pub unit: &'static str,
    /// Balance before this line.
    pub available: Decimal,
    /// Used by this line.
    pub used: Decimal,
    /// Balance after this line.
    pub remaining: Decimal,
    /// Whether the line stated the balance (else the full new-user amount, or what earlier lines
    /// left of it).
    pub stated: bool,
    /// Days the quota stays valid after the claim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validity_days: Option<u32>,
    /// Last day to claim a campaign quota.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim_by: Option<String>,
}

/// What a component charges for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ComponentKind {
    /// Input tokens not otherwise priced.
    Input,
    /// Input tokens served from cache.
    CachedInput,
    /// Cache writes, 5-minute lifetime.
    CacheWrite5m,
    /// Cache writes, 1-hour lifetime.
    CacheWrite1h,
    /// Audio input tokens.
    AudioInput,
    /// Image input tokens.
    ImageInput,
    /// Output tokens not otherwise priced.
    Output,
    /// Thinking or reasoning tokens.
    Thinking,
    /// Audio output tokens.
    AudioOutput,
    /// Image output tokens.
    ImageOutput,
    /// Usage priced per unit (images, calls, seconds, hours ...).
    Usage,
    /// Credits consumed.
    Credits,
    /// Prepaid packages bought.
    Packages,
    /// Concurrency add-on packages.
    Concurrency,
}

impl ComponentKind {
    fn label(self) -> &'static str {
        match self {
            ComponentKind::Input => "Input tokens",
            ComponentKind::CachedInput => "Cached input tokens",
            ComponentKind::CacheWrite5m => "Cache write tokens (5 min)",
            ComponentKind::CacheWrite1h => "Cache write tokens (1 h)",
            ComponentKind::AudioInput => "Audio input tokens",
            ComponentKind::ImageInput => "Image input tokens",
            ComponentKind::Output => "Output tokens",
            ComponentKind::Thinking => "Thinking tokens",
            ComponentKind::AudioOutput => "Audio output tokens",
            ComponentKind::ImageOutput => "Image output tokens",
            ComponentKind::Usage => "Usage",
            ComponentKind::Credits => "Credits",
            ComponentKind::Packages => "Prepaid packages",
            ComponentKind::Concurrency => "Concurrency add-on",
        }
    }
}

/// One priced part of a line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Component {
    /// What it charges for.
    pub kind: ComponentKind,
    /// A short label, e.g. `Output tokens` or `Images`.
    pub label: Cow<'static, str>,
    /// How the quantity was reached, e.g. `1,000 requests x 40,000 tokens`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The quantity used this month.
    pub quantity: Decimal,
    /// Its unit, e.g. `tokens`.
    pub unit: &'static str,
    /// The part covered by a free quota.
    pub free: Decimal,
    /// The part covered by a prepaid balance.
    pub prepaid: Decimal,
    /// The part that is charged.
    pub billable: Decimal,
    /// The unit price, in the card currency.
    pub unit_price: Decimal,
    /// What the unit price is per, e.g. `per 1M tokens`.
    pub price_per: &'static str,
    /// The multiple applied to the base price (seed 004), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiple: Option<Decimal>,
    /// The volume tier, for monthly volume pricing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<TierChoice>,
    /// Post-paid (discounted) or prepaid.
    pub settlement: Settlement,
    /// `billable x unit_price / per`, in the card currency.
    pub amount: Money,
    /// The amount in the display currency.
    pub amount_display: Money,
    /// The divisor of the unit price (1M, 1K, 60 minutes, or 1).
    #[serde(skip)]
    divisor: Decimal,
}

/// A discount applied to a line's post-paid amount.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiscountLine {
    /// `channel`, `user` or `negotiated`.
    pub kind: &'static str,
    /// The multiplier, e.g. `0.9`.
    pub multiplier: Decimal,
    /// The (negative) change it makes, in the card currency.
    pub amount: Money,
    /// The same in the display currency.
    pub amount_display: Money,
}

/// Something the reader of a quote should know about a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// A stable code: `example_price`, `entered_price`, `range_unpicked`, `volume_tier_boundary`,
    /// `priority`, `free_unpublished`, `free_off`, `claim_by`.
    pub code: &'static str,
    /// A sentence.
    pub message: Cow<'static, str>,
}

/// One priced line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineQuote {
    /// The line, counted from 1.
    pub line: usize,
    /// Provider id.
    pub provider: Arc<str>,
    /// Provider display name.
    pub provider_name: Arc<str>,
    /// Published model name.
    pub model: Arc<str>,
    /// Model id.
    pub model_id: Arc<str>,
    /// The line's own label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The card's currency, in which `amount`s are given.
    pub currency: Currency,
    /// The token tier and why it was chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<TierChoice>,
    /// The priced parts.
    pub components: Vec<Component>,
    /// The free quota drawn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free: Option<Box<Drawdown>>,
    /// The prepaid balance drawn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prepaid: Option<Box<Drawdown>>,
    /// Post-paid amount before discounts, in the card currency.
    pub postpaid: Money,
    /// Discounts, each its own line.
    pub discounts: Vec<DiscountLine>,
    /// The line's total, in the card currency.
    pub total: Money,
    /// The line's total, in the display currency.
    pub total_display: Money,
    /// The lowest total, where a price is a range (display currency).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_min: Option<Money>,
    /// The highest total, where a price is a range (display currency).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_max: Option<Money>,
    /// Notes for the reader.
    pub flags: Vec<Flag>,
}

/// The priced estimate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breakdown {
    /// The display currency.
    pub currency: Currency,
    /// CNY per USD used for conversions.
    pub usd_cny: Decimal,
    /// `estimate` when the estimate gave the rate, else `default`.
    pub usd_cny_source: &'static str,
    /// The month's total: the exact sum of the line totals in the display currency.
    pub total: Money,
    /// The lowest total, where some price is a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_min: Option<Money>,
    /// The highest total, where some price is a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_max: Option<Money>,
    /// The priced lines (lines with errors are left out).
    pub lines: Vec<LineQuote>,
    /// Problems found; each names its line and field.
    pub errors: Vec<QuoteError>,
}

impl Breakdown {
    /// The breakdown, or its first error when there is any.
    ///
    /// # Errors
    /// The first [`QuoteError`] of the estimate.
    pub fn strict(self) -> Result<Breakdown, QuoteError> {
        match self.errors.first() {
            Some(e) => Err(e.clone()),
            None => Ok(self),
        }
    }

    /// The total rounded for display.
    pub fn total_rounded(&self) -> Decimal {
        self.total.rounded()
    }
}

/// Twelve months of the same usage, with free quotas drawn while they are valid, prepaid
/// balances carried over and packages bought once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearProjection {
    /// Month totals, in the display currency.
    pub months: Vec<Money>,
    /// Their sum.
    pub total: Money,
}

// ------------------------------------------------------------------------------------------ ledger

/// Days in a month for quota validity in year projections.
const DAYS_PER_MONTH: u32 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct QuotaKey {
    card: usize,
    quota: usize,
    model: Option<usize>,
    line: Option<usize>,
}

/// Free and prepaid balances while a period is priced.
#[derive(Debug, Default, Clone)]
pub struct Ledger {
    free: Vec<(QuotaKey, Decimal)>,
    prepaid: Vec<((usize, usize), Decimal)>,
    month: u32,
}

// ------------------------------------------------------------------------------------------ engine

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scenario {
    Point,
    Min,
    Max,
}

/// Estimate-wide settings after checking.
struct Settings {
    currency: Currency,
    usd_cny: Decimal,
    rate_given: bool,
    discounts: [Decimal; 3],
}

/// Prices an estimate for one month.
///
/// Problems are reported in [`Breakdown::errors`], each naming its line and field; the lines
/// without problems are still priced and totalled. Use [`Breakdown::strict`] to treat any problem
/// as an error.
pub fn quote(catalog: &Catalog, estimate: &Estimate) -> Breakdown {
    let mut errors = Vec::new();
    let settings = settings(catalog, estimate, &mut errors);
    let engine = Engine { catalog, estimate, settings: &settings };

    let mut ledger = Ledger { month: 1, ..Ledger::default() };
    let mut lines = Vec::with_capacity(estimate.lines.len());
    engine.month(Scenario::Point, &mut ledger, &mut lines, &mut errors);

    let has_range = lines.iter().any(|l| l.flags.iter().any(|f| f.code == "range"));
    let (mut total_min, mut total_max) = (None, None);
    if has_range {
        let mut min_total = Money::zero(settings.currency);
        let mut max_total = Money::zero(settings.currency);
        let (mut mins, mut maxs, mut ignored) = (Vec::new(), Vec::new(), Vec::new());
        engine.month(Scenario::Min, &mut Ledger { month: 1, ..Ledger::default() }, &mut mins, &mut ignored);
        engine.month(Scenario::Max, &mut Ledger { month: 1, ..Ledger::default() }, &mut maxs, &mut ignored);
        for (min, max) in mins.into_iter().zip(maxs) {
            {
                // A line has a range when its own price is one, or when it shares a pooled quota
                // with a line that has one.
                if let Some(line) = lines.iter_mut().find(|l| l.line == min.line)
                    && min.total_display != max.total_display
                {
                    line.total_min = Some(min.total_display);
                    line.total_max = Some(max.total_display);
                }
                min_total = min_total.checked_add(min.total_display).unwrap_or(min_total);
                max_total = max_total.checked_add(max.total_display).unwrap_or(max_total);
            }
        }
        total_min = Some(min_total);
        total_max = Some(max_total);
    }
    for line in &mut lines {
        line.flags.retain(|f| f.code != "range");
    }

    let mut total = Money::zero(settings.currency);
    for line in &lines {
        match total.checked_add(line.total_display) {
            Ok(t) => total = t,
            Err(_) => errors.push(overflow(Some(line.line), Some(&line.model), "")),
        }
    }
    errors.sort_by_key(|e| e.line.unwrap_or(0));
    Breakdown {
        currency: settings.currency,
        usd_cny: settings.usd_cny,
        usd_cny_source: if settings.rate_given { "estimate" } else { "default" },
        total,
        total_min,
        total_max,
        lines,
        errors,
    }
}

/// Projects twelve months of the estimate's usage.
///
/// Month 1 is what [`quote`] prices. Later months repeat the usage: free quotas keep what earlier
/// months left until their validity ends (a month counts as 30 days), prepaid balances carry over,
/// and packages are bought in month 1 only. Lines with errors are left out, as in [`quote`].
pub fn project_year(catalog: &Catalog, estimate: &Estimate) -> YearProjection {
    let mut errors = Vec::new();
    let settings = settings(catalog, estimate, &mut errors);
    let engine = Engine { catalog, estimate, settings: &settings };
    let mut ledger = Ledger::default();
    let mut months = Vec::with_capacity(12);
    let mut total = Money::zero(settings.currency);
    for month in 1..=12 {
        ledger.month = month;
        let mut month_total = Money::zero(settings.currency);
        let (mut priced, mut ignored) = (Vec::new(), Vec::new());
        engine.month(Scenario::Point, &mut ledger, &mut priced, &mut ignored);
        for line in priced {
            month_total = month_total.checked_add(line.total_display).unwrap_or(month_total);
        }
        total = total.checked_add(month_total).unwrap_or(total);
        months.push(month_total);
    }
    YearProjection { months, total }
}

fn settings(catalog: &Catalog, estimate: &Estimate, errors: &mut Vec<QuoteError>) -> Settings {
    let setting_error = |field: &str, message: String| QuoteError {
        line: None,
        model: None,
        field: field.to_string(),
        kind: ErrorKind::BadSetting,
        message,
    };
    if estimate.version != estimate::VERSION {
        errors.push(setting_error(
            "version",
            format!("version {} is not supported; this Ratecard reads version {}", estimate.version, estimate::VERSION),
        ));
    }
    let currency = estimate.currency.unwrap_or_else(|| {
        estimate.lines.iter().find_map(|l| catalog.card(&l.provider).map(|(_, c)| c.currency)).unwrap_or(Currency::Usd)
    });
    let (usd_cny, rate_given) = match estimate.usd_cny {
        Some(r) if r > Decimal::ZERO && r <= limit::RATE => (r, true),
        Some(r) => {
            errors.push(setting_error(
                "usd_cny",
                format!("{r} is not a usable rate: give CNY per USD, above 0 and at most 1000 (e.g. 7.3); using 7.3"),
            ));
            (DEFAULT_USD_CNY, false)
        }
        None => (DEFAULT_USD_CNY, false),
    };
    let discounts = match check_discounts(estimate.discounts.as_ref(), "discounts") {
        Ok(d) => d,
        Err(e) => {
            errors.push(e);
            [Decimal::ONE; 3]
        }
    };
    Settings { currency, usd_cny, rate_given, discounts }
}

/// Checks discount multipliers: each in (0, 1], defaulting to 1.
fn check_discounts(d: Option<&Discounts>, prefix: &str) -> Result<[Decimal; 3], QuoteError> {
    let mut out = [Decimal::ONE; 3];
    let Some(d) = d else { return Ok(out) };
    for (i, (name, value)) in
        [("channel", d.channel), ("user", d.user), ("negotiated", d.negotiated)].into_iter().enumerate()
    {
        if let Some(v) = value {
            if v <= Decimal::ZERO || v > Decimal::ONE {
                return Err(QuoteError {
                    line: None,
                    model: None,
                    field: format!("{prefix}.{name}"),
                    kind: ErrorKind::BadSetting,
                    message: format!(
                        "{v} is not a discount multiplier: give a number above 0 and at most 1 (0.9 means 10% off)"
                    ),
                });
            }
            out[i] = v;
        }
    }
    Ok(out)
}

fn overflow(line: Option<usize>, model: Option<&str>, field: &str) -> QuoteError {
    QuoteError {
        line,
        model: model.map(str::to_string),
        field: field.to_string(),
        kind: ErrorKind::Overflow,
        message: "the result is too large to compute exactly".into(),
    }
}

struct Engine<'a> {
    catalog: &'a Catalog,
    estimate: &'a Estimate,
    settings: &'a Settings,
}

/// A line after the first pass: quantities and drawdowns known, amounts not yet.
struct Draft<'a> {
    index: usize,
    card_index: usize,
    model_index: usize,
    card: &'a RateCard,
    model: &'a Model,
    line: &'a Line,
    tier: Option<TierChoice>,
    components: Vec<Component>,
    free: Option<Box<Drawdown>>,
    prepaid: Option<Box<Drawdown>>,
    flags: Vec<Flag>,
    /// For volume pricing: the index of the pending component and the tiers.
    volume: Option<(usize, VolumeMode, &'a [VolumeTier])>,
    discounts: [Decimal; 3],
}

impl Engine<'_> {
    /// Prices every line for one month, appending the priced lines to `lines` and the problems to
    /// `errors`, in line order.
    fn month(&self, scenario: Scenario, ledger: &mut Ledger, lines: &mut Vec<LineQuote>, errors: &mut Vec<QuoteError>) {
        let drafts: Vec<Result<Draft<'_>, QuoteError>> =
            self.estimate.lines.iter().enumerate().map(|(i, line)| self.draft(i, line, scenario, ledger)).collect();

        // Monthly post-paid totals per volume-priced model, across lines.
        let mut volume_totals: Vec<((usize, usize), Decimal)> = Vec::new();
        for d in drafts.iter().flatten() {
            if let Some((ci, _, _)) = d.volume {
                let key = (d.card_index, d.model_index);
                let billable = d.components[ci].billable;
                match volume_totals.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, t)) => *t += billable,
                    None => volume_totals.push((key, billable)),
                }
            }
        }
        let mut offsets: Vec<((usize, usize), Decimal)> = Vec::new();
        for d in drafts {
            match d {
                Ok(d) => {
                    let (line, model) = (d.index + 1, d.model);
                    match self.finish(d, &volume_totals, &mut offsets) {
                        Ok(q) => lines.push(q),
                        Err(_) => errors.push(overflow(Some(line), Some(&model.name), "")),
                    }
                }
                Err(e) => errors.push(e),
            }
        }
    }

    /// First pass for one line.
    fn draft<'a>(
        &'a self,
        index: usize,
        line: &'a Line,
        scenario: Scenario,
        ledger: &mut Ledger,
    ) -> Result<Draft<'a>, QuoteError> {
        let lerr = |field: &str, kind: ErrorKind, message: String| QuoteError {
            line: Some(index + 1),
            model: None,
            field: field.to_string(),
            kind,
            message,
        };
        let Some((card_index, card)) = self.catalog.card(&line.provider) else {
            let known: Vec<&str> = self.catalog.cards().iter().map(|c| &*c.provider).collect();
            let hint = match closest(&line.provider, &known) {
                Some(best) => format!(" (did you mean \"{best}\"?)"),
                None => format!("; known providers: {}", known.join(", ")),
            };
            return Err(lerr(
                "provider",
                ErrorKind::UnknownProvider,
                format!("unknown provider \"{}\"{hint}", line.provider),
            ));
        };
        let Some((model_index, model)) = card.model(&line.model) else {
            let names: Vec<&str> = card.models.iter().map(|m| &*m.name).collect();
            let hint = match closest(&line.model, &names) {
                Some(best) => format!(" (did you mean \"{best}\"?)"),
                None => String::new(),
            };
            let msg = format!("{} has no model \"{}\"{hint}", card.name, line.model);
            return Err(lerr("model", ErrorKind::UnknownModel, msg));
        };
        let discounts = match &line.discounts {
            Some(d) => check_discounts(Some(d), "discounts").map_err(|mut e| {
                e.line = Some(index + 1);
                e.model = Some(model.name.to_string());
                e
            })?,
            None => self.settings.discounts,
        };
        let mut lp = LinePricer {
            index,
            card_index,
            model_index,
            card,
            model,
            line,
            scenario,
            ledger,
            flags: Vec::new(),
            free: None,
            prepaid: None,
        };
        lp.check_fields()?;
        if model.example {
            lp.flag("example_price", "example price: not a published list price");
        }
        let priority = match (line.priority, model.priority) {
            (Some(true), Some(p)) => {
                lp.flag("priority", format!("priority: every price x{}", p.normalize()));
                p
            }
            _ => Decimal::ONE,
        };
        let (tier, mut components, volume) = match &model.pricing {
            Pricing::Tokens(tp) => {
                let (tier, comps) = lp.tokens(tp, priority)?;
                (Some(tier), comps, None)
            }
            Pricing::Units(up) => {
                let (comps, volume) = lp.units(up, priority)?;
                (None, comps, volume)
            }
        };
        components.extend(lp.extras()?);
        Ok(Draft {
            index,
            card_index,
            model_index,
            card,
            model,
            line,
            tier,
            components,
            free: lp.free,
            prepaid: lp.prepaid,
            flags: lp.flags,
            volume,
            discounts,
        })
    }

    /// Second pass for one line: volume prices, amounts, discounts, conversion.
    fn finish(
        &self,
        mut d: Draft<'_>,
        volume_totals: &[((usize, usize), Decimal)],
        offsets: &mut Vec<((usize, usize), Decimal)>,
    ) -> Result<LineQuote, Overflow> {
        let currency = d.card.currency;
        if let Some((ci, mode, tiers)) = d.volume {
            let key = (d.card_index, d.model_index);
            let month_total = volume_totals.iter().find(|(k, _)| *k == key).map_or(Decimal::ZERO, |(_, t)| *t);
            let noun = d.components[ci].unit;
            match mode {
                VolumeMode::AllUnits => {
                    let (ti, tier) = volume_tier(tiers, month_total);
                    d.components[ci].unit_price = num::mul(tier.price, d.components[ci].unit_price)?;
                    d.components[ci].tier = Some(TierChoice {
                        index: ti,
                        of: tiers.len(),
                        label: TierText::Text(volume_label(tier)),
                        reason: TierText::Text(format!(
                            "the month's post-paid total of {} {noun} falls in {}; every post-paid unit is billed at that tier",
                            group(month_total),
                            volume_label(tier)
                        )),
                    });
                    if ti > 0 {
                        let prev = &tiers[ti - 1];
                        d.flags.push(Flag {
                            code: "volume_tier_boundary",
                            message: format!(
                                "all-units volume tier: at {} {noun} every unit drops from {} to {}, so this month can cost less than a slightly smaller one",
                                group(Decimal::from(tier.from)),
                                prev.price.normalize(),
                                tier.price.normalize()
                            )
                            .into(),
                        });
                    }
                }
                VolumeMode::Graduated => {
                    let start = match offsets.iter().find(|(k, _)| *k == key) {
                        Some((_, o)) => *o,
                        None => Decimal::ZERO,
                    };
                    let pending = d.components.remove(ci);
                    let end = num::add(start, pending.billable)?;
                    match offsets.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, o)) => *o = end,
                        None => offsets.push((key, end)),
                    }
                    let mut parts = Vec::new();
                    for (ti, tier) in tiers.iter().enumerate() {
                        let lo = Decimal::from(tier.from).max(start);
                        let hi = tier.to.map_or(end, |to| Decimal::from(to).min(end));
                        if hi <= lo {
                            continue;
                        }
                        let mut part = pending.clone();
                        part.billable = hi - lo;
                        part.free = Decimal::ZERO;
                        part.prepaid = Decimal::ZERO;
                        part.quantity = part.billable;
                        part.unit_price = num::mul(tier.price, pending.unit_price)?;
                        part.tier = Some(TierChoice {
                            index: ti,
                            of: tiers.len(),
                            label: TierText::Text(volume_label(tier)),
                            reason: TierText::Text(format!(
                                "units {} to {} of the month are in this graduated tier",
                                group(lo + Decimal::ONE),
                                group(hi)
                            )),
                        });
                        parts.push(part);
                    }
                    if let Some(first) = parts.first_mut() {
                        first.free = pending.free;
                        first.prepaid = pending.prepaid;
                        first.quantity = num::add(num::add(first.billable, pending.free)?, pending.prepaid)?;
                    } else {
                        let mut part = pending.clone();
                        part.unit_price = Decimal::ZERO;
                        parts.push(part);
                    }
                    for (offset, part) in parts.into_iter().enumerate() {
                        d.components.insert(ci + offset, part);
                    }
                }
            }
        }

        let rate = self.settings.usd_cny;
        let display = self.settings.currency;
        let mut postpaid = Money::zero(currency);
        let mut total = Money::zero(currency);
        for c in &mut d.components {
            let amount = num::div_fast(num::mul(c.billable, c.unit_price)?, c.divisor)?;
            c.amount = Money::new(amount, currency);
            c.amount_display = c.amount.convert(display, rate).map_err(|_| Overflow)?;
            total = total.checked_add(c.amount).map_err(|_| Overflow)?;
            if c.settlement == Settlement::Postpaid {
                postpaid = postpaid.checked_add(c.amount).map_err(|_| Overflow)?;
            }
        }
        let mut discounts = Vec::new();
        let mut factor = Decimal::ONE;
        for (kind, m) in ["channel", "user", "negotiated"].into_iter().zip(d.discounts) {
            // A discount applies to post-paid amounts; a line with none shows no discount lines.
            if m == Decimal::ONE || postpaid.amount().is_zero() {
                continue;
            }
            let change = num::mul(num::mul(postpaid.amount(), factor)?, m - Decimal::ONE)?;
            factor = num::mul(factor, m)?;
            let amount = Money::new(change, currency);
            total = total.checked_add(amount).map_err(|_| Overflow)?;
            discounts.push(DiscountLine {
                kind,
                multiplier: m,
                amount,
                amount_display: amount.convert(display, rate).map_err(|_| Overflow)?,
            });
        }
        Ok(LineQuote {
            line: d.index + 1,
            provider: d.card.provider.clone(),
            provider_name: d.card.name.clone(),
            model: d.model.name.clone(),
            model_id: d.model.id.clone(),
            label: d.line.label.clone(),
            currency,
            tier: d.tier,
            components: d.components,
            free: d.free,
            prepaid: d.prepaid,
            postpaid,
            discounts,
            total,
            total_display: total.convert(display, rate).map_err(|_| Overflow)?,
            total_min: None,
            total_max: None,
            flags: d.flags,
        })
    }
}

fn volume_tier(tiers: &[VolumeTier], qty: Decimal) -> (usize, &VolumeTier) {
    let mut chosen = 0;
    for (i, t) in tiers.iter().enumerate() {
        if qty >= Decimal::from(t.from) {
            chosen = i;
        }
    }
    (chosen, &tiers[chosen])
}

fn volume_label(t: &VolumeTier) -> String {
    match t.to {
        Some(to) => format!("[{}, {})", group(Decimal::from(t.from)), group(Decimal::from(to))),
        None => format!("{}+", group(Decimal::from(t.from))),
    }
}

// ------------------------------------------------------------------------------------------ fields

/// A usage field of a line, for checking which ones a model uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum F {
    Requests,
    InputTokens,
    OutputTokens,
    CachedTokens,
    ThinkingTokens,
    CacheWrite5m,
    CacheWrite1h,
    AudioInput,
    ImageInput,
    AudioOutput,
    ImageOutput,
    Images,
    Width,
    Height,
    Megapixels,
    Calls,
    Seconds,
    Resolution,
    Template,
    Credits,
    FreeTrial,
    FreeRemaining,
    PrepaidRemaining,
    Packages,
    ExtraConcurrency,
    ConcurrencyDays,
    Priority,
    Hours,
    Replicas,
    ComputeUnits,
    Quantity,
    UnitPrice,
    Prices,
}

impl F {
    fn name(self) -> &'static str {
        match self {
            F::Requests => "requests",
            F::InputTokens => "input_tokens",
            F::OutputTokens => "output_tokens",
            F::CachedTokens => "cached_tokens",
            F::ThinkingTokens => "thinking_tokens",
            F::CacheWrite5m => "cache_write_5m_tokens",
            F::CacheWrite1h => "cache_write_1h_tokens",
            F::AudioInput => "audio_input_tokens",
            F::ImageInput => "image_input_tokens",
            F::AudioOutput => "audio_output_tokens",
            F::ImageOutput => "image_output_tokens",
            F::Images => "images",
            F::Width => "width",
            F::Height => "height",
            F::Megapixels => "megapixels",
            F::Calls => "calls",
            F::Seconds => "seconds",
            F::Resolution => "resolution",
            F::Template => "template",
            F::Credits => "credits",
            F::FreeTrial => "free_trial",
            F::FreeRemaining => "free_remaining",
            F::PrepaidRemaining => "prepaid_remaining",
            F::Packages => "packages",
            F::ExtraConcurrency => "extra_concurrency",
            F::ConcurrencyDays => "concurrency_days",
            F::Priority => "priority",
            F::Hours => "hours",
            F::Replicas => "replicas",
            F::ComputeUnits => "compute_units",
            F::Quantity => "quantity",
            F::UnitPrice => "unit_price",
            F::Prices => "prices",
        }
    }

    fn bit(self) -> u64 {
        1 << (self as u8)
    }
}

/// The usage fields a line sets.
fn present(line: &Line) -> [(F, bool); 33] {
    [
        (F::Requests, line.requests.is_some()),
        (F::InputTokens, line.input_tokens.is_some()),
        (F::OutputTokens, line.output_tokens.is_some()),
        (F::CachedTokens, line.cached_tokens.is_some()),
        (F::ThinkingTokens, line.thinking_tokens.is_some()),
        (F::CacheWrite5m, line.cache_write_5m_tokens.is_some()),
        (F::CacheWrite1h, line.cache_write_1h_tokens.is_some()),
        (F::AudioInput, line.audio_input_tokens.is_some()),
        (F::ImageInput, line.image_input_tokens.is_some()),
        (F::AudioOutput, line.audio_output_tokens.is_some()),
        (F::ImageOutput, line.image_output_tokens.is_some()),
        (F::Images, line.images.is_some()),
        (F::Width, line.width.is_some()),
        (F::Height, line.height.is_some()),
        (F::Megapixels, line.megapixels.is_some()),
        (F::Calls, line.calls.is_some()),
        (F::Seconds, line.seconds.is_some()),
        (F::Resolution, line.resolution.is_some()),
        (F::Template, line.template.is_some()),
        (F::Credits, line.credits.is_some()),
        (F::FreeTrial, line.free_trial.is_some()),
        (F::FreeRemaining, line.free_remaining.is_some()),
        (F::PrepaidRemaining, line.prepaid_remaining.is_some()),
        (F::Packages, !line.packages.is_empty()),
        (F::ExtraConcurrency, line.extra_concurrency.is_some()),
        (F::ConcurrencyDays, line.concurrency_days.is_some()),
        (F::Priority, line.priority.is_some()),
        (F::Hours, line.hours.is_some()),
        (F::Replicas, line.replicas.is_some()),
        (F::ComputeUnits, line.compute_units.is_some()),
        (F::Quantity, line.quantity.is_some()),
        (F::UnitPrice, line.unit_price.is_some()),
        (F::Prices, line.prices.is_some()),
    ]
}

/// The usage fields a model uses, with a phrase saying how it is priced.
pub fn fields_used(model: &Model) -> Vec<&'static str> {
    let mask = allowed(model).0;
    present(&Line::default()).iter().map(|(f, _)| *f).filter(|f| mask & f.bit() != 0).map(F::name).collect()
}

fn allowed(model: &Model) -> (u64, &'static str) {
    let mut mask = 0u64;
    let mut add = |fs: &[F]| {
        for f in fs {
            mask |= f.bit();
        }
    };
    if model.quota.is_some() {
        add(&[F::FreeTrial, F::FreeRemaining]);
    }
    if !model.packages.is_empty() {
        add(&[F::PrepaidRemaining, F::Packages]);
    }
    if model.concurrency.is_some() {
        add(&[F::ExtraConcurrency, F::ConcurrencyDays]);
    }
    if model.priority.is_some() {
        add(&[F::Priority]);
    }
    let how = match &model.pricing {
        Pricing::Tokens(tp) => {
            add(&[F::Requests, F::InputTokens, F::OutputTokens, F::ThinkingTokens]);
            let tier_has = |f: fn(&super::catalog::TokenTier) -> bool| tp.tiers.iter().any(f);
            if tier_has(|t| t.cache_hit.is_some()) || tp.multiples.get(Special::CacheRead).is_some() {
                add(&[F::CachedTokens]);
            }
            for (kind, f) in [
                (Special::CacheWrite5m, F::CacheWrite5m),
                (Special::CacheWrite1h, F::CacheWrite1h),
                (Special::AudioInput, F::AudioInput),
                (Special::ImageInput, F::ImageInput),
                (Special::AudioOutput, F::AudioOutput),
                (Special::ImageOutput, F::ImageOutput),
            ] {
                if tp.multiples.get(kind).is_some() {
                    add(&[f]);
                }
            }
            if tier_has(|t| matches!(t.input, Price::Unpublished) || matches!(t.output, Price::Unpublished)) {
                add(&[F::Prices]);
            }
            "priced by tokens"
        }
        Pricing::Units(up) => {
            let fixed_unpublished = matches!(up.rate, UnitRate::Fixed(Price::Unpublished));
            let credits = matches!(up.denomination, Denomination::Credits { .. });
            if fixed_unpublished && !credits {
                add(&[F::UnitPrice]);
            }
            if credits && (fixed_unpublished || matches!(up.rate, UnitRate::Range { .. })) {
                add(&[F::Credits]);
            }
            if matches!(up.rate, UnitRate::ByResolution(_)) {
                add(&[F::Resolution]);
            }
            if model.needs_template {
                add(&[F::Template]);
            }
            match up.measure {
                Measure::Image => {
                    add(&[F::Images]);
                    "priced per image"
                }
                Measure::Megapixel => {
                    add(&[F::Images, F::Width, F::Height, F::Megapixels]);
                    "priced per megapixel"
                }
                Measure::Request => {
                    add(&[F::Requests]);
                    "priced per request"
                }
                Measure::Call => {
                    add(&[F::Calls]);
                    "priced per call"
                }
                Measure::Second => {
                    add(&[F::Calls, F::Seconds]);
                    "priced per second of video"
                }
                Measure::Hour => {
                    add(&[F::Hours]);
                    "priced per hour"
                }
                Measure::ComputeUnit => {
                    add(&[F::ComputeUnits, F::Replicas]);
                    "priced per compute unit and replica"
                }
                Measure::Month => {
                    add(&[F::Quantity]);
                    "priced per month"
                }
                Measure::Unit => {
                    add(&[F::Quantity]);
                    "priced per unit"
                }
            }
        }
    };
    (mask, how)
}

// ------------------------------------------------------------------------------------------ line

struct LinePricer<'a, 'l> {
    index: usize,
    card_index: usize,
    model_index: usize,
    card: &'a RateCard,
    model: &'a Model,
    line: &'a Line,
    scenario: Scenario,
    ledger: &'l mut Ledger,
    flags: Vec<Flag>,
    free: Option<Box<Drawdown>>,
    prepaid: Option<Box<Drawdown>>,
}

impl LinePricer<'_, '_> {
    fn err(&self, field: &str, kind: ErrorKind, message: String) -> QuoteError {
        QuoteError {
            line: Some(self.index + 1),
            model: Some(self.model.name.to_string()),
            field: field.to_string(),
            kind,
            message,
        }
    }

    /// Maps an overflow to this line's error; allocates only when there is one.
    fn over(&self, field: &'static str) -> impl Fn(Overflow) -> QuoteError + '_ {
        move |_| overflow(Some(self.index + 1), Some(&self.model.name), field)
    }

    fn flag(&mut self, code: &'static str, message: impl Into<Cow<'static, str>>) {
        self.flags.push(Flag { code, message: message.into() });
    }

    fn check_fields(&self) -> Result<(), QuoteError> {
        let (mask, how) = allowed(self.model);
        for (f, set) in present(self.line) {
            if set && mask & f.bit() == 0 {
                let why = match f {
                    F::FreeTrial | F::FreeRemaining => "it has no free quota".to_string(),
                    F::PrepaidRemaining | F::Packages => "it has no prepaid packages".to_string(),
                    F::ExtraConcurrency | F::ConcurrencyDays => "it has no concurrency add-on".to_string(),
                    F::Priority => "it has no priority multiplier".to_string(),
                    F::UnitPrice | F::Prices => "its price is published".to_string(),
                    F::Credits if matches!(&self.model.pricing, Pricing::Units(u) if matches!(u.denomination, Denomination::Credits { .. })) => {
                        "its credits per call are fixed".to_string()
                    }
                    _ => format!("it is {how}"),
                };
                return Err(self.err(
                    f.name(),
                    ErrorKind::UnusedField,
                    format!("not used by {}: {why}", self.model.name),
                ));
            }
        }
        Ok(())
    }

    /// A checked quantity: not negative, not above `max`, and whole when `whole`.
    fn value(&self, f: F, v: Option<Decimal>, max: Decimal, whole: bool) -> Result<Option<Decimal>, QuoteError> {
        let Some(v) = v else { return Ok(None) };
        if v.is_sign_negative() && !v.is_zero() {
            return Err(self.err(f.name(), ErrorKind::Negative, format!("{} is negative", v.normalize())));
        }
        // A scale of 0 is whole already; only decimals need the fractional part looked at.
        let integral = v.scale() == 0;
        if whole && !integral && !v.fract().is_zero() {
            return Err(self.err(f.name(), ErrorKind::NotWhole, format!("{} is not a whole number", v.normalize())));
        }
        if v > max {
            return Err(self.err(
                f.name(),
                ErrorKind::TooLarge,
                format!("{} is above the limit of {}", group(v), group(max)),
            ));
        }
        Ok(Some(if integral { v } else { v.normalize() }))
    }

    fn required(&self, f: F, v: Option<Decimal>, what: &str) -> Result<Decimal, QuoteError> {
        v.ok_or_else(|| {
            self.err(f.name(), ErrorKind::MissingField, format!("missing: {} needs {what}", self.model.name))
        })
    }

    // ---------------------------------------------------------------------------- tokens

    fn tokens(&mut self, tp: &TokenPricing, priority: Decimal) -> Result<(TierChoice, Vec<Component>), QuoteError> {
        let l = self.line;
        let requests = self.value(F::Requests, l.requests, limit::REQUESTS, true)?;
        let requests = self.required(F::Requests, requests, "requests per month")?;
        let input = self.value(F::InputTokens, l.input_tokens, limit::TOKENS, true)?;
        let input = self.required(F::InputTokens, input, "input_tokens per request")?;
        let tok =
            |s: &Self, f: F, v: Option<Decimal>| s.value(f, v, limit::TOKENS, true).map(|v| v.unwrap_or_default());
        let output = tok(self, F::OutputTokens, l.output_tokens)?;
        let cached = tok(self, F::CachedTokens, l.cached_tokens)?;
        let thinking = tok(self, F::ThinkingTokens, l.thinking_tokens)?;
        let specials = [
            (Special::CacheWrite5m, tok(self, F::CacheWrite5m, l.cache_write_5m_tokens)?, F::CacheWrite5m),
            (Special::CacheWrite1h, tok(self, F::CacheWrite1h, l.cache_write_1h_tokens)?, F::CacheWrite1h),
            (Special::AudioInput, tok(self, F::AudioInput, l.audio_input_tokens)?, F::AudioInput),
            (Special::ImageInput, tok(self, F::ImageInput, l.image_input_tokens)?, F::ImageInput),
            (Special::AudioOutput, tok(self, F::AudioOutput, l.audio_output_tokens)?, F::AudioOutput),
            (Special::ImageOutput, tok(self, F::ImageOutput, l.image_output_tokens)?, F::ImageOutput),
        ];

        // The tier is chosen per request by the whole input length, cached part included.
        let input_u64 = u64::try_from(input).unwrap_or(u64::MAX);
        let Some(ti) = tp.tiers.iter().position(|t| {
            (input_u64 > t.above || (input_u64 == 0 && t.above == 0)) && t.up_to.is_none_or(|u| input_u64 <= u)
        }) else {
            let limit = tp.tiers.last().and_then(|t| t.up_to).unwrap_or(0);
            return Err(self.err(
                F::InputTokens.name(),
                ErrorKind::AboveLargestTier,
                format!(
                    "{} tokens per request is above {}'s largest tier: input may be at most {} tokens",
                    group(input),
                    self.model.name,
                    group(Decimal::from(limit))
                ),
            ));
        };
        let tier = &tp.tiers[ti];
        let choice = TierChoice {
            index: ti,
            of: tp.tiers.len(),
            label: TierText::Bounds { above: tier.above, up_to: tier.up_to },
            reason: TierText::Input {
                tokens: input_u64,
                above: tier.above,
                up_to: tier.up_to,
                tiered: tp.tiers.len() > 1,
            },
        };

        // Prices, published or entered.
        let entered = l.prices.as_ref();
        let per_1m = Decimal::from(1_000_000u64);
        let pick = |s: &mut Self,
                    p: Option<Price>,
                    given: Option<Decimal>,
                    name: &str|
         -> Result<Option<(Decimal, Decimal)>, QuoteError> {
            match p {
                None => Ok(None),
                Some(Price::Published(v)) => Ok(Some((v, tp.scale.divisor()))),
                Some(Price::Unpublished) => match given {
                    Some(v) if v.is_sign_negative() && !v.is_zero() => Err(s.err(
                        &format!("prices.{name}"),
                        ErrorKind::Negative,
                        format!("{} is negative", v.normalize()),
                    )),
                    Some(v) if v > limit::PRICE => Err(s.err(
                        &format!("prices.{name}"),
                        ErrorKind::TooLarge,
                        format!("{} is above the limit of {}", group(v), group(limit::PRICE)),
                    )),
                    Some(v) => {
                        if !s.flags.iter().any(|f| f.code == "entered_price") {
                            s.flag(
                                "entered_price",
                                format!("price entered by the user: {} publishes none", s.card.name),
                            );
                        }
                        Ok(Some((v, per_1m)))
                    }
                    None => Err(s.err(
                        &format!("prices.{name}"),
                        ErrorKind::PriceNeeded,
                        format!(
                            "{} does not publish this price: enter prices.{name} ({} per 1M tokens)",
                            s.model.name, s.card.currency
                        ),
                    )),
                },
            }
        };
        let (in_price, in_div) =
            pick(self, Some(tier.input), entered.and_then(|p| p.input_per_1m), "input_per_1m")?.unwrap_or_default();
        let (out_price, out_div) =
            pick(self, Some(tier.output), entered.and_then(|p| p.output_per_1m), "output_per_1m")?.unwrap_or_default();
        let cache_price = pick(self, tier.cache_hit, entered.and_then(|p| p.cache_hit_per_1m), "cache_hit_per_1m")?;
        let think_price = pick(self, tier.thinking, entered.and_then(|p| p.thinking_per_1m), "thinking_per_1m")?;
        let reasoning = tp.multiples.get(Special::Reasoning);

        // Parts must fit in their wholes.
        let special_in: Decimal =
            cached + specials.iter().filter(|(k, _, _)| !k.is_output()).map(|(_, v, _)| *v).sum::<Decimal>();
        let thinking_apart = think_price.is_some() || reasoning.is_some();
        let special_out: Decimal =
            specials.iter().filter(|(k, _, _)| k.is_output()).map(|(_, v, _)| *v).sum::<Decimal>()
                + if thinking_apart { thinking } else { Decimal::ZERO };
        if special_in > input {
            return Err(self.err(
                F::CachedTokens.name(),
                ErrorKind::Inconsistent,
                format!(
                    "cached and other special input tokens ({}) exceed input_tokens ({}); they are parts of it",
                    group(special_in),
                    group(input)
                ),
            ));
        }
        if thinking > output || special_out > output {
            let field = if thinking > output { F::ThinkingTokens } else { F::AudioOutput };
            return Err(self.err(
                field.name(),
                ErrorKind::Inconsistent,
                format!(
                    "thinking and other special output tokens ({}) exceed output_tokens ({}); they are parts of it",
                    group(special_out.max(thinking)),
                    group(output)
                ),
            ));
        }

        let over = self.over("");
        let monthly = |per_request: Decimal| num::mul(per_request, requests).map_err(&over);
        let base = |kind: ComponentKind,
                    per_req: Decimal,
                    price: Decimal,
                    divisor: Decimal,
                    multiple: Option<Decimal>|
         -> Result<Component, QuoteError> {
            let unit_price = num::scale(num::scale(price, multiple).map_err(&over)?, Some(priority)).map_err(&over)?;
            let quantity = monthly(per_req)?;
            Ok(Component {
                kind,
                label: Cow::Borrowed(kind.label()),
                detail: None,
                quantity,
                unit: "tokens",
                free: Decimal::ZERO,
                prepaid: Decimal::ZERO,
                billable: quantity,
                unit_price,
                price_per: if divisor == per_1m { "per 1M tokens" } else { "per 1K tokens" },
                multiple,
                tier: None,
                settlement: self.model.settlement,
                amount: Money::zero(self.card.currency),
                amount_display: Money::zero(self.card.currency),
                divisor,
            })
        };
        let mut comps = Vec::with_capacity(4);
        comps.push(base(ComponentKind::Input, input - special_in, in_price, in_div, None)?);
        if cached > Decimal::ZERO {
            comps.push(match cache_price {
                Some((p, div)) => base(ComponentKind::CachedInput, cached, p, div, None)?,
                None => {
                    base(ComponentKind::CachedInput, cached, in_price, in_div, tp.multiples.get(Special::CacheRead))?
                }
            });
        }
        for (kind, per_req, _) in specials.iter().filter(|(k, _, _)| !k.is_output()) {
            if *per_req > Decimal::ZERO {
                comps.push(base(special_kind(*kind), *per_req, in_price, in_div, tp.multiples.get(*kind))?);
            }
        }
        comps.push(base(ComponentKind::Output, output - special_out, out_price, out_div, None)?);
        if thinking_apart && thinking > Decimal::ZERO {
            comps.push(match think_price {
                Some((p, div)) => base(ComponentKind::Thinking, thinking, p, div, None)?,
                None => base(ComponentKind::Thinking, thinking, out_price, out_div, reasoning)?,
            });
        }
        for (kind, per_req, _) in specials.iter().filter(|(k, _, _)| k.is_output()) {
            if *per_req > Decimal::ZERO {
                comps.push(base(special_kind(*kind), *per_req, out_price, out_div, tp.multiples.get(*kind))?);
            }
        }
        drop(over);

        // Free tokens cover the same fraction of every component.
        let total = num::sum(comps.iter().map(|c| c.quantity)).map_err(self.over(""))?;
        let free = self.draw_free(total)?;
        if free > Decimal::ZERO {
            spread(&mut comps, free, total).map_err(self.over(""))?;
        }
        if choice.of > 1 {
            for c in &mut comps {
                c.tier = Some(choice.clone());
            }
        }
        Ok((choice, comps))
    }

    // ---------------------------------------------------------------------------- units

    #[allow(clippy::type_complexity)]
    fn units<'u>(
        &mut self,
        up: &'u UnitPricing,
        priority: Decimal,
    ) -> Result<(Vec<Component>, Option<(usize, VolumeMode, &'u [VolumeTier])>), QuoteError> {
        let l = self.line;
        let m = self.model;
        // The counted quantity (what quotas and packages draw from), and for megapixels the size of
        // each counted image.
        let mut detail;
        let (count, factor) = match up.measure {
            Measure::Image => {
                let n = self.value(F::Images, l.images, limit::COUNT, true)?;
                let n = self.required(F::Images, n, "images per month")?;
                detail = format!("{} images", group(n));
                (n, Decimal::ONE)
            }
            Measure::Megapixel => {
                let n = self.value(F::Images, l.images, limit::COUNT, true)?;
                let n = self.required(F::Images, n, "images per month")?;
                let w = self.value(F::Width, l.width, limit::PIXELS, true)?;
                let h = self.value(F::Height, l.height, limit::PIXELS, true)?;
                let mp = self.value(F::Megapixels, l.megapixels, limit::MEGAPIXELS, false)?;
                let each = match (w, h, mp) {
                    (Some(w), Some(h), None) => {
                        detail = format!("{} images x {} x {} px", group(n), group(w), group(h));
                        num::div(num::mul(w, h).map_err(self.over("width"))?, Decimal::from(1_000_000u64))
                            .map_err(self.over("width"))?
                    }
                    (None, None, Some(mp)) => {
                        detail = format!("{} images x {} MP", group(n), group(mp));
                        mp
                    }
                    (Some(_), None, None) => {
                        return Err(self.err(
                            "height",
                            ErrorKind::MissingField,
                            "missing: give height with width".into(),
                        ));
                    }
                    (None, Some(_), None) => {
                        return Err(self.err(
                            "width",
                            ErrorKind::MissingField,
                            "missing: give width with height".into(),
                        ));
                    }
                    (None, None, None) => {
                        return Err(self.err(
                            "width",
                            ErrorKind::MissingField,
                            format!(
                                "missing: {} is priced per megapixel; give width and height, or megapixels",
                                m.name
                            ),
                        ));
                    }
                    _ => {
                        return Err(self.err(
                            "megapixels",
                            ErrorKind::Inconsistent,
                            "give width and height, or megapixels, not both".into(),
                        ));
                    }
                };
                (n, each)
            }
            Measure::Request => {
                let n = self.value(F::Requests, l.requests, limit::REQUESTS, true)?;
                let n = self.required(F::Requests, n, "requests per month")?;
                detail = format!("{} requests", group(n));
                (n, Decimal::ONE)
            }
            Measure::Call => {
                let n = self.value(F::Calls, l.calls, limit::COUNT, true)?;
                let n = self.required(F::Calls, n, "calls per month")?;
                detail = format!("{} calls", group(n));
                (n, Decimal::ONE)
            }
            Measure::Second => {
                let n = self.value(F::Calls, l.calls, limit::COUNT, true)?;
                let n = self.required(F::Calls, n, "calls (videos) per month")?;
                let s = self.value(F::Seconds, l.seconds, limit::SECONDS, false)?;
                let s = self.required(F::Seconds, s, "seconds per video")?;
                detail = format!("{} videos x {} s", group(n), group(s));
                (num::mul(n, s).map_err(self.over("seconds"))?, Decimal::ONE)
            }
            Measure::Hour => {
                let h = self.value(F::Hours, l.hours, limit::HOURS, false)?;
                let h = self.required(F::Hours, h, "hours of run time")?;
                // A part hour is billed by the minute; a part minute counts as a whole one.
                let minutes = num::mul(h, Decimal::from(60u32)).map_err(self.over("hours"))?.ceil();
                detail = format!("{} h = {} minutes, billed by the minute", group(h), group(minutes));
                (minutes, Decimal::ONE)
            }
            Measure::ComputeUnit => {
                let cu = self.value(F::ComputeUnits, l.compute_units, limit::SMALL, false)?;
                let cu = self.required(F::ComputeUnits, cu, "compute_units per replica")?;
                let r = self.value(F::Replicas, l.replicas, limit::SMALL, true)?;
                let r = self.required(F::Replicas, r, "replicas")?;
                detail = format!("{} compute units x {} replicas", group(cu), group(r));
                (num::mul(cu, r).map_err(self.over("replicas"))?, Decimal::ONE)
            }
            Measure::Month => {
                let q = self.value(F::Quantity, l.quantity, limit::SMALL, true)?.unwrap_or(Decimal::ONE);
                detail = format!("{} subscription(s) x 1 month", group(q));
                (q, Decimal::ONE)
            }
            Measure::Unit => {
                let q = self.value(F::Quantity, l.quantity, limit::REQUESTS, false)?;
                let q = self.required(F::Quantity, q, "a quantity")?;
                detail = format!("{} {}", group(q), up.unit_name.as_deref().unwrap_or("units"));
                (q, Decimal::ONE)
            }
        };
        if m.needs_template && l.template.as_deref().is_none_or(|t| t.trim().is_empty()) {
            return Err(self.err(
                "template",
                ErrorKind::MissingField,
                format!("missing: {} is priced by effect template; name it", m.name),
            ));
        }
        if let Some(t) = &l.template {
            detail.push_str(&format!(", template \"{}\"", t.trim()));
        }

        // The rate per measured unit, in money or credits.
        let credits = matches!(up.denomination, Denomination::Credits { .. });
        let mut volume = None;
        let rate = match &up.rate {
            UnitRate::Fixed(Price::Published(p)) => *p,
            UnitRate::Fixed(Price::Unpublished) if credits => {
                let c = self.value(F::Credits, l.credits, limit::SMALL, false)?;
                let c = c.ok_or_else(|| {
                    self.err(
                        "credits",
                        ErrorKind::PriceNeeded,
                        format!("{} does not publish its credits per {}: enter credits", m.name, up.measure.noun()),
                    )
                })?;
                self.flag("entered_price", format!("credits per {} entered by the user", up.measure.noun()));
                c
            }
            UnitRate::Fixed(Price::Unpublished) => {
                let p = self.value(F::UnitPrice, l.unit_price, limit::PRICE, false)?;
                let p = p.ok_or_else(|| {
                    self.err(
                        "unit_price",
                        ErrorKind::PriceNeeded,
                        format!(
                            "{} does not publish its price: enter unit_price ({} per {})",
                            m.name,
                            self.card.currency,
                            up.measure.noun()
                        ),
                    )
                })?;
                self.flag("entered_price", format!("price entered by the user: {} publishes none", self.card.name));
                p
            }
            UnitRate::Range { min, max } => {
                let point = self.value(F::Credits, l.credits, limit::SMALL, false)?;
                if let Some(p) = point
                    && (p < *min || p > *max)
                {
                    return Err(self.err(
                        "credits",
                        ErrorKind::OutOfRange,
                        format!(
                            "{} is outside {}'s range of {} to {} credits per call",
                            p,
                            m.name,
                            min.normalize(),
                            max.normalize()
                        ),
                    ));
                }
                self.flag("range", "");
                match (self.scenario, point) {
                    (Scenario::Min, _) => *min,
                    (Scenario::Max, _) => *max,
                    (Scenario::Point, Some(p)) => p,
                    (Scenario::Point, None) => {
                        self.flag(
                            "range_unpicked",
                            format!(
                                "{} to {} credits per call; no point given, so priced at the maximum",
                                min.normalize(),
                                max.normalize()
                            ),
                        );
                        *max
                    }
                }
            }
            UnitRate::ByResolution(prices) => {
                let given = l.resolution.as_deref().unwrap_or_default();
                let names: Vec<&str> = prices.iter().map(|(r, _)| r.as_str()).collect();
                let Some(res) = l.resolution.as_deref() else {
                    return Err(self.err(
                        "resolution",
                        ErrorKind::MissingField,
                        format!("missing: {} is priced by resolution; choose one of {}", m.name, names.join(", ")),
                    ));
                };
                let found = Resolution::from_name(res).and_then(|r| prices.iter().find(|(pr, _)| *pr == r));
                let Some((r, p)) = found else {
                    return Err(self.err(
                        "resolution",
                        ErrorKind::UnknownResolution,
                        format!("{} has no \"{given}\" price; choose one of {}", m.name, names.join(", ")),
                    ));
                };
                detail.push_str(&format!(" at {}", r.as_str()));
                *p
            }
            UnitRate::Volume { mode, tiers } => {
                // Priced in the second pass; the unit price holds the priority multiplier for now.
                volume = Some((*mode, tiers.as_slice()));
                Decimal::ONE
            }
        };

        let (measured, unit, price, price_per, kind) = match &up.denomination {
            Denomination::Credits { value, .. } => {
                let consumed = num::mul(count, rate).map_err(self.over("credits"))?;
                detail.push_str(&format!(" x {} credits per {}", rate.normalize(), up.measure.noun()));
                (consumed, "credits", *value, "per credit", ComponentKind::Credits)
            }
            Denomination::Money => (count, unit_noun(up.measure), rate, price_per(up.measure), ComponentKind::Usage),
        };
        let over = self.over("");
        let unit_price = num::mul(price, priority).map_err(&over)?;
        drop(over);

        // Free quota, then prepaid balance, then post-paid.
        let free = self.draw_free(measured)?;
        let after_free = measured - free;
        let (bought_units, bought) = self.packages()?;
        let prepaid = self.draw_prepaid(after_free, bought_units)?;
        let billable = after_free - prepaid;

        let scaled = |v: Decimal, s: &Self| num::mul(v, factor).map_err(s.over(""));
        let (quantity, free, prepaid, billable) = if factor == Decimal::ONE {
            (measured, free, prepaid, billable)
        } else {
            (scaled(measured, self)?, scaled(free, self)?, scaled(prepaid, self)?, scaled(billable, self)?)
        };
        let divisor = if up.measure == Measure::Hour { Decimal::from(60u32) } else { Decimal::ONE };
        let label = match (kind, up.measure) {
            (ComponentKind::Credits, _) => "Credits",
            (_, Measure::Image) => "Images",
            (_, Measure::Megapixel) => "Megapixels",
            (_, Measure::Request) => "Requests",
            (_, Measure::Call) => "Calls",
            (_, Measure::Second) => "Video seconds",
            (_, Measure::Hour) => "Run time",
            (_, Measure::ComputeUnit) => "Compute units",
            (_, Measure::Month) => "Subscription",
            (_, Measure::Unit) => "Usage",
        };
        let comp = Component {
            kind,
            label: Cow::Borrowed(label),
            detail: Some(detail),
            quantity,
            unit,
            free,
            prepaid,
            billable,
            unit_price,
            price_per,
            multiple: None,
            tier: None,
            settlement: m.settlement,
            amount: Money::zero(self.card.currency),
            amount_display: Money::zero(self.card.currency),
            divisor,
        };
        let mut comps = Vec::with_capacity(2);
        comps.extend(bought);
        let index = comps.len();
        comps.push(comp);
        Ok((comps, volume.map(|(mode, tiers)| (index, mode, tiers))))
    }

    /// Package purchases: their components and the units they add to the prepaid balance.
    fn packages(&self) -> Result<(Decimal, Vec<Component>), QuoteError> {
        let mut units = Decimal::ZERO;
        let mut comps = Vec::new();
        for (i, p) in self.line.packages.iter().enumerate() {
            let field = format!("packages[{i}]");
            let sizes: Vec<String> =
                self.model.packages.iter().map(|&pi| group(Decimal::from(self.card.packages[pi].size))).collect();
            let Some(pkg) = self
                .model
                .packages
                .iter()
                .map(|&pi| &self.card.packages[pi])
                .find(|pkg| Decimal::from(pkg.size) == p.size)
            else {
                return Err(self.err(
                    &format!("{field}.size"),
                    ErrorKind::UnknownPackage,
                    format!("{} has no package of {}; sizes: {}", self.model.name, group(p.size), sizes.join(", ")),
                ));
            };
            if p.count.is_sign_negative() || !p.count.fract().is_zero() || p.count > limit::SMALL {
                return Err(self.err(
                    &format!("{field}.count"),
                    if p.count.is_sign_negative() { ErrorKind::Negative } else { ErrorKind::NotWhole },
                    format!("{} is not a whole number of packages from 0 to 1,000,000", p.count.normalize()),
                ));
            }
            if self.ledger.month > 1 {
                continue; // Packages are bought once, in the first month of a projection.
            }
            units = num::add(units, num::mul(p.size, p.count).map_err(self.over("packages"))?)
                .map_err(self.over("packages"))?;
            comps.push(Component {
                kind: ComponentKind::Packages,
                label: Cow::Owned(format!("Prepaid packages of {}", group(p.size))),
                detail: pkg
                    .validity_days
                    .map(|d| format!("valid {d} days; {} units added to the prepaid balance", group(p.size * p.count))),
                quantity: p.count.normalize(),
                unit: "packages",
                free: Decimal::ZERO,
                prepaid: Decimal::ZERO,
                billable: p.count.normalize(),
                unit_price: pkg.price,
                price_per: "per package",
                multiple: None,
                tier: None,
                settlement: Settlement::Prepaid,
                amount: Money::zero(self.card.currency),
                amount_display: Money::zero(self.card.currency),
                divisor: Decimal::ONE,
            });
        }
        Ok((units, comps))
    }

    /// Concurrency add-ons.
    fn extras(&mut self) -> Result<Vec<Component>, QuoteError> {
        let l = self.line;
        let Some(ci) = self.model.concurrency else { return Ok(Vec::new()) };
        let addon = &self.card.concurrency[ci];
        let extra = self.value(F::ExtraConcurrency, l.extra_concurrency, limit::SMALL, true)?;
        let days = self.value(F::ConcurrencyDays, l.concurrency_days, limit::DAYS, true)?;
        let Some(extra) = extra.filter(|e| !e.is_zero()) else {
            if days.is_some() {
                return Err(self.err(
                    "extra_concurrency",
                    ErrorKind::MissingField,
                    "missing: concurrency_days needs extra_concurrency".into(),
                ));
            }
            return Ok(Vec::new());
        };
        let total = extra + Decimal::from(addon.included);
        let (quantity, unit, price, per, detail) = match days {
            Some(d) => (
                num::mul(extra, d).map_err(self.over("concurrency_days"))?,
                "concurrency-days",
                addon.per_day,
                "per concurrency per day",
                format!(
                    "{} included + {} extra = {} concurrent tasks, for {} days",
                    addon.included,
                    group(extra),
                    group(total),
                    group(d)
                ),
            ),
            None => (
                extra,
                "concurrency-months",
                addon.per_month,
                "per concurrency per month",
                format!(
                    "{} included + {} extra = {} concurrent tasks, for the month",
                    addon.included,
                    group(extra),
                    group(total)
                ),
            ),
        };
        Ok(vec![Component {
            kind: ComponentKind::Concurrency,
            label: Cow::Borrowed(ComponentKind::Concurrency.label()),
            detail: Some(detail),
            quantity,
            unit,
            free: Decimal::ZERO,
            prepaid: Decimal::ZERO,
            billable: quantity,
            unit_price: price,
            price_per: per,
            multiple: None,
            tier: None,
            settlement: Settlement::Prepaid,
            amount: Money::zero(self.card.currency),
            amount_display: Money::zero(self.card.currency),
            divisor: Decimal::ONE,
        }])
    }

    // ---------------------------------------------------------------------------- balances

    /// Draws up to `wanted` from the line's free quota and records the drawdown.
    fn draw_free(&mut self, wanted: Decimal) -> Result<Decimal, QuoteError> {
        let Some(qi) = self.model.quota else { return Ok(Decimal::ZERO) };
        let card = self.card;
        let quota = &card.free_quotas[qi];
        if self.line.free_trial == Some(false) {
            self.flag("free_off", "free trial off for this line");
            return Ok(Decimal::ZERO);
        }
        let stated = self.value(F::FreeRemaining, self.line.free_remaining, limit::BALANCE, false)?;
        let key = QuotaKey {
            card: self.card_index,
            quota: qi,
            model: (quota.scope == QuotaScope::EachModel).then_some(self.model_index),
            line: self.model.generic.then_some(self.index),
        };
        let expired =
            quota.validity_days.is_some_and(|days| (self.ledger.month.saturating_sub(1)) * DAYS_PER_MONTH >= days);
        let slot = match self.ledger.free.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                let start = match (stated, quota.amount) {
                    (Some(s), _) => s,
                    (None, Some(a)) => Decimal::from(a),
                    (None, None) => {
                        self.flag(
                            "free_unpublished",
                            format!("{}: the source does not publish its size, so none is applied; state free_remaining to use it", quota.name),
                        );
                        Decimal::ZERO
                    }
                };
                self.ledger.free.push((key, start));
                self.ledger.free.len() - 1
            }
        };
        if let Some(s) = stated
            && self.ledger.month <= 1
        {
            self.ledger.free[slot].1 = s;
        }
        let available = if expired { Decimal::ZERO } else { self.ledger.free[slot].1 };
        let used = num::min(available, wanted);
        self.ledger.free[slot].1 = available - used;
        if let Some(date) = &quota.claim_by {
            self.flag("claim_by", format!("{} can be claimed until {date}", quota.name));
        }
        if quota.amount.is_none() && stated.is_none() && available.is_zero() {
            return Ok(Decimal::ZERO);
        }
        self.free = Some(Box::new(Drawdown {
            source: quota.id.clone(),
            name: quota.name.clone(),
            unit: match quota.unit {
                QuotaUnit::Tokens => "tokens",
                QuotaUnit::Images => "images",
                QuotaUnit::Credits => "credits",
                QuotaUnit::Calls => "calls",
            },
            available,
            used,
            remaining: available - used,
            stated: stated.is_some(),
            validity_days: quota.validity_days,
            claim_by: quota.claim_by.clone(),
        }));
        Ok(used)
    }

    /// Draws up to `wanted` from the model's prepaid balance after adding `bought` units.
    fn draw_prepaid(&mut self, wanted: Decimal, bought: Decimal) -> Result<Decimal, QuoteError> {
        if self.model.packages.is_empty() {
            return Ok(Decimal::ZERO);
        }
        let stated = self.value(F::PrepaidRemaining, self.line.prepaid_remaining, limit::BALANCE, false)?;
        let key = (self.card_index, self.model_index);
        let slot = match self.ledger.prepaid.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                self.ledger.prepaid.push((key, Decimal::ZERO));
                self.ledger.prepaid.len() - 1
            }
        };
        if let Some(s) = stated
            && self.ledger.month <= 1
        {
            self.ledger.prepaid[slot].1 = s;
        }
        let available = num::add(self.ledger.prepaid[slot].1, bought).map_err(self.over("packages"))?;
        let used = num::min(available, wanted);
        self.ledger.prepaid[slot].1 = available - used;
        if available > Decimal::ZERO || stated.is_some() {
            self.prepaid = Some(Box::new(Drawdown {
                source: "prepaid".into(),
                name: "Prepaid resource packages".into(),
                unit: "units",
                available,
                used,
                remaining: available - used,
                stated: stated.is_some(),
                validity_days: self.model.packages.first().and_then(|&pi| self.card.packages[pi].validity_days),
                claim_by: None,
            }));
        }
        Ok(used)
    }
}

/// Decimal places of a token kept when free tokens are spread over components.
const FREE_SHARE_DP: u32 = 6;

/// Spreads `free` tokens over the components in proportion to their quantities: each component's
/// free part is `quantity x free / total`, rounded (half away from zero) to a millionth of a token,
/// and the last non-empty component takes what is left, so the parts add up to `free` exactly and
/// every later amount is an exact decimal.
fn spread(comps: &mut [Component], free: Decimal, total: Decimal) -> Result<(), Overflow> {
    if total.is_zero() {
        return Ok(());
    }
    let last = comps.iter().rposition(|c| !c.quantity.is_zero());
    let mut given = Decimal::ZERO;
    for (i, c) in comps.iter_mut().enumerate() {
        if c.quantity.is_zero() {
            continue;
        }
        let share = if Some(i) == last {
            num::sub(free, given)?
        } else if free == total {
            c.quantity
        } else {
            num::div(num::mul(c.quantity, free)?, total)?.round_dp_with_strategy(FREE_SHARE_DP, DISPLAY_ROUNDING)
        };
        given = num::add(given, share)?;
        c.free = share.normalize();
        c.billable = num::sub(c.quantity, share)?.normalize();
    }
    Ok(())
}

fn special_kind(kind: Special) -> ComponentKind {
    match kind {
        Special::CacheRead => ComponentKind::CachedInput,
        Special::CacheWrite5m => ComponentKind::CacheWrite5m,
        Special::CacheWrite1h => ComponentKind::CacheWrite1h,
        Special::AudioInput => ComponentKind::AudioInput,
        Special::ImageInput => ComponentKind::ImageInput,
        Special::AudioOutput => ComponentKind::AudioOutput,
        Special::ImageOutput => ComponentKind::ImageOutput,
        Special::Reasoning => ComponentKind::Thinking,
    }
}

fn unit_noun(m: Measure) -> &'static str {
    match m {
        Measure::Image => "images",
        Measure::Megapixel => "megapixels",
        Measure::Request => "requests",
        Measure::Call => "calls",
        Measure::Second => "seconds",
        Measure::Hour => "minutes",
        Measure::ComputeUnit => "compute units",
        Measure::Month => "months",
        Measure::Unit => "units",
    }
}

fn price_per(m: Measure) -> &'static str {
    match m {
        Measure::Image => "per image",
        Measure::Megapixel => "per megapixel",
        Measure::Request => "per request",
        Measure::Call => "per call",
        Measure::Second => "per second",
        Measure::Hour => "per hour, billed by the minute",
        Measure::ComputeUnit => "per compute unit",
        Measure::Month => "per month",
        Measure::Unit => "per unit",
    }
}

/// Rounds a breakdown amount for display; see [`round_for_display`].
pub fn display(amount: &Money) -> Decimal {
    round_for_display(amount.amount())
}
