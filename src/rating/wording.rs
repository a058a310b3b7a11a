//! The words of a breakdown as typed values: component labels, units, what a price is per, how a
//! quantity was reached, tier labels and reasons, drawdown names and notes.
//!
//! The core writes no prose. Each value carries its numbers and names as data, and the renderers
//! in `src/lang/` (English and 简体中文) write it out. The English renderer also serializes these
//! values, so the JSON output keeps its text.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::catalog::{Measure, Resolution};
use super::money::Money;

/// A name a rate card gives (a free quota, a unit), in English and, when the card has one, in
/// Simplified Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardName {
    /// The English name.
    pub en: Arc<str>,
    /// The Chinese name, if the card gives one.
    pub zh: Option<Arc<str>>,
}

/// A component's label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// Input tokens.
    Input,
    /// Cached input tokens.
    CachedInput,
    /// Cache write tokens, 5-minute lifetime.
    CacheWrite5m,
    /// Cache write tokens, 1-hour lifetime.
    CacheWrite1h,
    /// Audio input tokens.
    AudioInput,
    /// Image input tokens.
    ImageInput,
    /// Output tokens.
    Output,
    /// Thinking tokens.
    Thinking,
    /// Audio output tokens.
    AudioOutput,
    /// Image output tokens.
    ImageOutput,
    /// Usage in a unit the card names.
    Usage,
    /// Credits consumed.
    Credits,
    /// A concurrency add-on.
    Concurrency,
    /// Images.
    Images,
    /// Megapixels.
    Megapixels,
    /// Requests.
    Requests,
    /// Calls.
    Calls,
    /// Seconds of video.
    VideoSeconds,
    /// Run time.
    RunTime,
    /// Compute units.
    ComputeUnits,
    /// A subscription.
    Subscription,
    /// Prepaid packages of a size.
    Packages {
        /// Units in one package.
        size: Decimal,
    },
}

/// What a quantity counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Tokens.
    Tokens,
    /// Images.
    Images,
    /// Megapixels.
    Megapixels,
    /// Requests.
    Requests,
    /// Calls.
    Calls,
    /// Seconds.
    Seconds,
    /// Minutes.
    Minutes,
    /// Compute units.
    ComputeUnits,
    /// Months.
    Months,
    /// Units of a balance or of a unit the card names.
    Units,
    /// Credits.
    Credits,
    /// Packages.
    Packages,
    /// Extra concurrency times days.
    ConcurrencyDays,
    /// Extra concurrency times months.
    ConcurrencyMonths,
}

/// What a unit price is per.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    /// Per million tokens.
    MillionTokens,
    /// Per thousand tokens.
    ThousandTokens,
    /// Per image.
    Image,
    /// Per megapixel.
    Megapixel,
    /// Per request.
    Request,
    /// Per call.
    Call,
    /// Per second.
    Second,
    /// Per hour, billed by the minute.
    HourByMinute,
    /// Per compute unit.
    ComputeUnit,
    /// Per month.
    Month,
    /// Per unit.
    Unit,
    /// Per credit.
    Credit,
    /// Per package.
    Package,
    /// Per extra concurrency per day.
    ConcurrencyDay,
    /// Per extra concurrency per month.
    ConcurrencyMonth,
}

/// How a component's quantity was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    /// The counted quantity.
    pub basis: Basis,
    /// The effect template the line names, if any.
    pub template: Option<String>,
    /// The resolution priced, if the price depends on it.
    pub resolution: Option<Resolution>,
    /// Credits per measured unit, when the price is in credits.
    pub credits: Option<(Decimal, Measure)>,
}

/// The counted quantity of a [`Detail`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// Images.
    Images {
        /// Images per month.
        n: Decimal,
    },
    /// Images of a width and height in pixels.
    ImagesSized {
        /// Images per month.
        n: Decimal,
        /// Width in pixels.
        width: Decimal,
        /// Height in pixels.
        height: Decimal,
    },
    /// Images of a size in megapixels.
    ImagesMegapixels {
        /// Images per month.
        n: Decimal,
        /// Megapixels per image.
        megapixels: Decimal,
    },
    /// Requests.
    Requests {
        /// Requests per month.
        n: Decimal,
    },
    /// Calls.
    Calls {
        /// Calls per month.
        n: Decimal,
    },
    /// Videos of a length.
    Videos {
        /// Videos per month.
        n: Decimal,
        /// Seconds per video.
        seconds: Decimal,
    },
    /// Run time, billed by the minute.
    Hours {
        /// Hours of run time.
        hours: Decimal,
        /// The minutes billed.
        minutes: Decimal,
    },
    /// Compute units times replicas.
    ComputeUnits {
        /// Compute units per replica.
        units: Decimal,
        /// Replicas.
        replicas: Decimal,
    },
    /// Subscriptions for one month.
    Subscriptions {
        /// Subscriptions.
        n: Decimal,
    },
    /// A quantity in a unit the card names (or plain units).
    Units {
        /// The quantity.
        n: Decimal,
        /// The card's name for the unit.
        name: Option<CardName>,
    },
    /// Concurrency: included plus extra, for some days or the month.
    Concurrency {
        /// Concurrent tasks included.
        included: u64,
        /// Extra concurrent tasks bought.
        extra: Decimal,
        /// Their sum.
        total: Decimal,
        /// Days, or `None` for the month.
        days: Option<Decimal>,
    },
    /// A package purchase with a validity.
    Package {
        /// Days the package stays valid.
        days: u32,
        /// Units added to the prepaid balance.
        units: Decimal,
    },
}

/// A tier's label or the reason it was chosen.
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
    /// A monthly volume tier, written `[0, 10,000)` or `10,000+`.
    Volume {
        /// Inclusive lower bound.
        from: u64,
        /// Exclusive upper bound.
        to: Option<u64>,
    },
    /// Why the month's post-paid total chose an all-units volume tier.
    VolumeTotal {
        /// The month's post-paid total.
        total: Decimal,
        /// What it counts.
        unit: Unit,
        /// The tier's lower bound.
        from: u64,
        /// The tier's upper bound.
        to: Option<u64>,
    },
    /// The units of the month that fall in a graduated tier.
    Graduated {
        /// The first unit, counted from 1.
        first: Decimal,
        /// The last unit.
        last: Decimal,
    },
}

/// The name of a drawdown's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DrawdownName {
    /// A free quota, named by its card.
    Quota(CardName),
    /// The prepaid balance of resource packages.
    Prepaid,
}

/// Which discount a discount line applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscountKind {
    /// A channel (reseller) discount.
    Channel,
    /// A discount of the user's account.
    User,
    /// A negotiated discount.
    Negotiated,
}

impl DiscountKind {
    /// The three, in the order they apply.
    pub const ALL: [DiscountKind; 3] = [DiscountKind::Channel, DiscountKind::User, DiscountKind::Negotiated];

    /// The key used in estimates and JSON: `channel`, `user` or `negotiated`.
    pub fn key(self) -> &'static str {
        match self {
            DiscountKind::Channel => "channel",
            DiscountKind::User => "user",
            DiscountKind::Negotiated => "negotiated",
        }
    }
}

/// Something the reader of a quote should know about a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// The price is an example, not a published list price.
    ExamplePrice,
    /// The user entered a price the card does not publish.
    EnteredPrice {
        /// The card's display name.
        card: Arc<str>,
    },
    /// The user entered credits per unit the card does not publish.
    EnteredCredits {
        /// What the credits are per.
        measure: Measure,
    },
    /// Priority processing multiplies every price.
    Priority {
        /// The multiple.
        multiple: Decimal,
    },
    /// An all-units volume tier boundary was crossed.
    VolumeTierBoundary {
        /// Where the tier starts.
        at: u64,
        /// What it counts.
        unit: Unit,
        /// The unit price below the boundary.
        from: Decimal,
        /// The unit price from the boundary on.
        to: Decimal,
    },
    /// Under all-units volume tiers, buying up to a higher tier's bound would cost the month less.
    VolumeCliff {
        /// Units to add to the month's post-paid total.
        more: Decimal,
        /// What they count.
        unit: Unit,
        /// What the month would cost less, in the card's currency, after discounts.
        saving: Money,
        /// The tier bound reached.
        at: u64,
    },
    /// A free quota whose size the source does not publish, so none is applied.
    FreeUnpublished {
        /// The quota's name.
        quota: CardName,
    },
    /// The line turns its free trial off.
    FreeOff,
    /// A campaign quota must be claimed by a date.
    ClaimBy {
        /// The quota's name.
        quota: CardName,
        /// The last day, `YYYY-MM-DD`.
        date: String,
    },
    /// A campaign quota whose last claim date is before the quote's start month: none is applied.
    ClaimClosed {
        /// The quota's name.
        quota: CardName,
        /// The last day it could be claimed, `YYYY-MM-DD`.
        date: String,
    },
    /// The model's price changes within the twelve months from the quote's start.
    PriceChange {
        /// The day the new price takes effect, `YYYY-MM-DD` (the first of a month).
        from: String,
        /// Which month of the year it is, 2 to 12 (month 1 is the start month).
        month: u32,
    },
    /// A credit range with no point chosen, priced at its maximum.
    RangeUnpicked {
        /// The lowest credits per call.
        min: Decimal,
        /// The highest credits per call.
        max: Decimal,
    },
    /// A price is a range. A marker for the engine, removed before the breakdown is returned.
    Range,
}

impl Note {
    /// A stable code, as the JSON writes it.
    pub fn code(&self) -> &'static str {
        match self {
            Note::ExamplePrice => "example_price",
            Note::EnteredPrice { .. } | Note::EnteredCredits { .. } => "entered_price",
            Note::Priority { .. } => "priority",
            Note::VolumeTierBoundary { .. } => "volume_tier_boundary",
            Note::VolumeCliff { .. } => "volume_cliff",
            Note::FreeUnpublished { .. } => "free_unpublished",
            Note::FreeOff => "free_off",
            Note::ClaimBy { .. } => "claim_by",
            Note::ClaimClosed { .. } => "claim_closed",
            Note::PriceChange { .. } => "price_change",
            Note::RangeUnpicked { .. } => "range_unpicked",
            Note::Range => "range",
        }
    }
}
