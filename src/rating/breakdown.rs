//! What pricing returns: a [`Breakdown`] of priced lines, each with its components, drawdowns,
//! discounts and flags, and the [`Projection`]: first month, typical month and year.

use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Serialize;

use super::catalog::Settlement;
use super::money::{Currency, Money, round_for_display};
use super::quote_error::QuoteError;
pub use super::wording::{Basis, CardName, Detail, DiscountKind, DrawdownName, Label, Note, Per, TierText, Unit};

/// A note on a line: see [`Note`].
pub type Flag = Note;

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

/// How much of a free quota or prepaid balance a line used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Drawdown {
    /// Quota id, or `prepaid`.
    pub source: Arc<str>,
    /// Display name.
    pub name: DrawdownName,
    /// What it counts.
    pub unit: Unit,
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
    /// The label of a component of this kind. Packages are labelled with their size where they
    /// are priced; this gives size 0.
    pub(crate) fn label(self) -> Label {
        match self {
            ComponentKind::Input => Label::Input,
            ComponentKind::CachedInput => Label::CachedInput,
            ComponentKind::CacheWrite5m => Label::CacheWrite5m,
            ComponentKind::CacheWrite1h => Label::CacheWrite1h,
            ComponentKind::AudioInput => Label::AudioInput,
            ComponentKind::ImageInput => Label::ImageInput,
            ComponentKind::Output => Label::Output,
            ComponentKind::Thinking => Label::Thinking,
            ComponentKind::AudioOutput => Label::AudioOutput,
            ComponentKind::ImageOutput => Label::ImageOutput,
            ComponentKind::Usage => Label::Usage,
            ComponentKind::Credits => Label::Credits,
            ComponentKind::Packages => Label::Packages { size: Decimal::ZERO },
            ComponentKind::Concurrency => Label::Concurrency,
        }
    }
}

/// One priced part of a line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Component {
    /// What it charges for.
    pub kind: ComponentKind,
    /// A short label, e.g. output tokens or images.
    pub label: Label,
    /// How the quantity was reached, e.g. 10 images of 1024 x 1024 px.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<Detail>,
    /// The quantity used this month.
    pub quantity: Decimal,
    /// Its unit.
    pub unit: Unit,
    /// The part covered by a free quota.
    pub free: Decimal,
    /// The part covered by a prepaid balance.
    pub prepaid: Decimal,
    /// The part that is charged.
    pub billable: Decimal,
    /// The unit price, in the card currency.
    pub unit_price: Decimal,
    /// What the unit price is per, e.g. a million tokens.
    pub price_per: Per,
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
    pub(crate) divisor: Decimal,
}

impl Component {
    /// The fields a component starts with before pricing fills them: nothing free or prepaid,
    /// nothing billable, no multiple or tier, post-paid, a divisor of 1, and amounts of zero in
    /// `currency`. Engine code writes the fields it knows and takes the rest from here.
    pub(crate) fn blank(currency: Currency) -> Component {
        Component {
            kind: ComponentKind::Usage,
            label: Label::Usage,
            detail: None,
            quantity: Decimal::ZERO,
            unit: Unit::Units,
            free: Decimal::ZERO,
            prepaid: Decimal::ZERO,
            billable: Decimal::ZERO,
            unit_price: Decimal::ZERO,
            price_per: Per::Unit,
            multiple: None,
            tier: None,
            settlement: Settlement::Postpaid,
            amount: Money::zero(currency),
            amount_display: Money::zero(currency),
            divisor: Decimal::ONE,
        }
    }
}

/// A discount applied to a line's post-paid amount.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiscountLine {
    /// Channel, user or negotiated.
    pub kind: DiscountKind,
    /// The multiplier, e.g. `0.9`.
    pub multiplier: Decimal,
    /// The (negative) change it makes, in the card currency.
    pub amount: Money,
    /// The same in the display currency.
    pub amount_display: Money,
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
    pub flags: Vec<Note>,
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

/// The typical month of a projection: the first month in which no free quota, prepaid balance
/// or package purchase is left to change what a month costs, so every later month costs the same.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypicalMonth {
    /// Its number, counted from 1 (month 1 is the month [`quote`](crate::rating::quote) prices).
    /// When the steady state is not reached, the last month looked at.
    pub month: u32,
    /// Whether the steady state was reached within
    /// [`TYPICAL_MONTH_CAP`](crate::rating::engine::TYPICAL_MONTH_CAP) months; when it was not,
    /// `total` is the cost of `month`, which is not yet steady.
    pub reached: bool,
    /// The month's total, in the display currency.
    pub total: Money,
}

/// The first month, the typical month and the year of the same usage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Projection {
    /// Month 1's total, in the display currency: the new-user free trial drawn and any packages
    /// bought (the total of [`quote`](crate::rating::quote), without lines left out for errors).
    pub first: Money,
    /// The first month of the steady state and its total.
    pub typical: TypicalMonth,
    /// The twelve months.
    pub year: YearProjection,
}

/// Rounds a breakdown amount for display; see [`round_for_display`].
pub fn display(amount: &Money) -> Decimal {
    round_for_display(amount.amount())
}
