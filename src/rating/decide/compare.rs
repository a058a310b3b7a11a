//! Compare mode: the same workload priced on several models side by side, ranked cheapest first,
//! with each one's difference to the cheapest. Never summed.
//!
//! Each line of the estimate is priced on its own, as an estimate of that one line with the
//! estimate's settings (display currency, exchange rate, discounts), so one model's free quota or
//! volume tier never leans on another's. Every total is in one display currency: the estimate's,
//! else the card currency of its first line (as a quote chooses it), converted at the estimate's
//! rate. Fields a model is not priced on (a free trial on a card without one, cached tokens on a
//! model without a cache price) are left out for that model, so a shared workload can be written
//! once; a field a model needs and the line lacks is still an error, and that line is left out of
//! the ranking with its problem.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::rating::breakdown::LineQuote;
use crate::rating::catalog::Catalog;
use crate::rating::engine::{display_currency, fields_used};
use crate::rating::estimate::{Estimate, Field};
use crate::rating::money::{Currency, Money};
use crate::rating::num;
use crate::rating::{QuoteError, quote};

/// One model of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    /// Its place, from 1 (the cheapest); models that cost the same share a place.
    pub rank: usize,
    /// The estimate line it was priced from, counted from 1.
    pub line: usize,
    /// The provider's id.
    pub provider: String,
    /// The provider's name.
    pub provider_name: String,
    /// The model's published name.
    pub model: String,
    /// The line's label, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The model's card currency.
    pub card_currency: Currency,
    /// The month's cost in the card currency.
    pub card_total: Money,
    /// The month's cost in the display currency.
    pub total: Money,
    /// `total` less the cheapest total (zero for the cheapest), in the display currency.
    pub difference: Money,
    /// `difference / cheapest x 100`, exact where the quotient terminates (else to 28 significant
    /// digits); `None` when the cheapest costs nothing.
    pub percent: Option<Decimal>,
    /// The line's priced breakdown, for the words a table shows (tier, notes).
    #[serde(skip)]
    pub quote: LineQuote,
}

/// The workload priced on each model, cheapest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The currency every total is shown in.
    pub currency: Currency,
    /// CNY per USD used for conversions.
    pub usd_cny: Decimal,
    /// `estimate` when the estimate gave the rate, else `default`.
    pub usd_cny_source: &'static str,
    /// Whether some model's card is in another currency than the display currency.
    pub converted: bool,
    /// The models, cheapest first (ties in line order).
    pub ranked: Vec<Ranked>,
    /// Lines that could not be priced, and problems with the estimate's settings (line `None`),
    /// each named once.
    pub errors: Vec<QuoteError>,
}

/// Why there is nothing to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareError {
    /// The estimate has no lines.
    NoLines,
    /// A difference or share too large to compute exactly.
    Overflow,
}

impl From<num::Overflow> for CompareError {
    fn from(_: num::Overflow) -> Self {
        CompareError::Overflow
    }
}

/// Prices each line of `estimate` alone and ranks them, cheapest first.
///
/// # Errors
/// [`CompareError::NoLines`] for an estimate without lines, [`CompareError::Overflow`] when a
/// difference does not fit. A line that cannot be priced is not an error: it is listed in
/// [`Comparison::errors`] and left out of the ranking.
pub fn compare(catalog: &Catalog, estimate: &Estimate) -> Result<Comparison, CompareError> {
    if estimate.lines.is_empty() {
        return Err(CompareError::NoLines);
    }
    let currency = display_currency(catalog, estimate);
    let mut priced: Vec<(usize, LineQuote)> = Vec::with_capacity(estimate.lines.len());
    let mut errors: Vec<QuoteError> = Vec::new();
    let (mut usd_cny, mut usd_cny_source) = (crate::rating::money::DEFAULT_USD_CNY, "default");
    for (i, line) in estimate.lines.iter().enumerate() {
        let mut line = line.clone();
        let model = catalog.card(&line.provider).and_then(|(_, card)| card.model(&line.model)).map(|(_, m)| m);
        if let Some(model) = model {
            let used = fields_used(model);
            line.clear_unless(|f: Field| !f.is_usage() || used.contains(&f.name()));
        }
        let one = Estimate { currency: Some(currency), lines: vec![line], ..estimate.clone() };
        let b = quote(catalog, &one);
        (usd_cny, usd_cny_source) = (b.usd_cny, b.usd_cny_source);
        for mut e in b.errors {
            match e.line {
                Some(_) => {
                    e.line = Some(i + 1);
                    errors.push(e);
                }
                // The settings' problems are the same for every line: named once.
                None if i == 0 => errors.push(e),
                None => {}
            }
        }
        if let Some(mut q) = b.lines.into_iter().next() {
            q.line = i + 1;
            priced.push((i + 1, q));
        }
    }
    // A stable sort: models that cost the same keep their line order.
    priced.sort_by_key(|(_, q)| q.total_display.amount());
    let cheapest = priced.first().map_or(Decimal::ZERO, |(_, q)| q.total_display.amount());
    let mut ranked: Vec<Ranked> = Vec::with_capacity(priced.len());
    for (i, (line, q)) in priced.into_iter().enumerate() {
        let total = q.total_display.amount();
        let difference = num::sub(total, cheapest)?.normalize();
        let percent = if cheapest.is_zero() {
            None
        } else {
            Some(num::mul(num::div(difference, cheapest)?, Decimal::ONE_HUNDRED)?.normalize())
        };
        let rank = match ranked.last() {
            Some(prev) if prev.total.amount() == total => prev.rank,
            _ => i + 1,
        };
        ranked.push(Ranked {
            rank,
            line,
            provider: q.provider.to_string(),
            provider_name: q.provider_name.to_string(),
            model: q.model.to_string(),
            label: q.label.clone(),
            card_currency: q.currency,
            card_total: q.total,
            total: q.total_display,
            difference: Money::new(difference, currency),
            percent,
            quote: q,
        });
    }
    let converted = ranked.iter().any(|r| r.card_total.currency() != currency);
    Ok(Comparison { currency, usd_cny, usd_cny_source, converted, ranked, errors })
}
