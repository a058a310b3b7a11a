//! Free quotas and prepaid balances: the [`Ledger`] a period is priced with, the drawdowns of a
//! line, and the spreading of free tokens over a line's components.

use rust_decimal::Decimal;

use super::limit;
use super::line::LinePricer;
use crate::rating::breakdown::{CardName, Component, Drawdown, DrawdownName, Note, Unit};
use crate::rating::catalog::{Catalog, FreeQuota, QuotaScope, QuotaUnit};
use crate::rating::line_fields::Field;
use crate::rating::money::DISPLAY_ROUNDING;
use crate::rating::num::{self, Overflow};
use crate::rating::quote_error::QuoteError;

/// Days in a month for the validity of free quotas and packages in projections.
const DAYS_PER_MONTH: u32 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct QuotaKey {
    card: usize,
    quota: usize,
    model: Option<usize>,
    line: Option<usize>,
}

/// Free and prepaid balances while a period is priced.
#[derive(Debug, Default, Clone)]
pub struct Ledger {
    pub(super) free: Vec<(QuotaKey, Decimal)>,
    pub(super) prepaid: Vec<((usize, usize), Decimal)>,
    pub(super) month: u32,
}

/// Whether something valid for `days` from the start of month 1 has expired by the start of
/// `month` (a month counts as [`DAYS_PER_MONTH`] days: 90 days cover months 1 to 3).
fn expired(month: u32, days: u32) -> bool {
    month.saturating_sub(1).saturating_mul(DAYS_PER_MONTH) >= days
}

impl Ledger {
    /// Whether nothing is left in the ledger to change what `month` costs: every free quota is
    /// used up or expired and every prepaid balance is used up or expired. From such a month on,
    /// with no packages bought (month 2 or later), every month prices the same.
    pub(super) fn spent(&self, catalog: &Catalog, month: u32) -> bool {
        let cards = catalog.cards();
        let free_spent = self.free.iter().all(|(key, left)| {
            left.is_zero()
                || cards
                    .get(key.card)
                    .and_then(|c| c.free_quotas.get(key.quota))
                    .and_then(|q| q.validity_days)
                    .is_some_and(|days| expired(month, days))
        });
        let prepaid_spent = self.prepaid.iter().all(|((card, model), left)| {
            left.is_zero()
                || cards
                    .get(*card)
                    .and_then(|c| {
                        let first = c.models.get(*model)?.packages.first()?;
                        c.packages.get(*first)?.validity_days
                    })
                    .is_some_and(|days| expired(month, days))
        });
        free_spent && prepaid_spent
    }
}

/// What one free quota has left after a projected month.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct QuotaLeft {
    /// The card's provider id.
    pub provider: std::sync::Arc<str>,
    /// The quota's id in the card.
    pub quota: std::sync::Arc<str>,
    /// Its name, in English.
    pub name: std::sync::Arc<str>,
    /// Its name in Simplified Chinese, when the card gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<std::sync::Arc<str>>,
    /// The model it is drawn for, when each model has its own (`each_model`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<std::sync::Arc<str>>,
    /// The line it is drawn for, when each line of a stand-in model has its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// What it counts.
    pub unit: QuotaUnit,
    /// What is left for the next month: 0 when it is used up, or when its validity ends before
    /// the next month starts.
    pub left: Decimal,
    /// Whether something was left that expires before the next month.
    pub expires: bool,
    /// Days it stays valid from the claim (month 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validity_days: Option<u32>,
    /// The last day it can be claimed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim_by: Option<String>,
}

impl Ledger {
    /// What each free quota drawn on so far has left after `month`, in the order they were first
    /// drawn on.
    pub(super) fn free_left(&self, catalog: &Catalog, month: u32) -> Vec<QuotaLeft> {
        let cards = catalog.cards();
        self.free
            .iter()
            .filter_map(|(key, left)| {
                let card = cards.get(key.card)?;
                let quota = card.free_quotas.get(key.quota)?;
                let gone = quota.validity_days.is_some_and(|days| expired(month.saturating_add(1), days));
                Some(QuotaLeft {
                    provider: card.provider.clone(),
                    quota: quota.id.clone(),
                    name: quota.name.clone(),
                    name_zh: quota.name_zh.clone(),
                    model: key.model.and_then(|m| card.models.get(m)).map(|m| m.name.clone()),
                    line: key.line.map(|l| l + 1),
                    unit: quota.unit,
                    left: if gone { Decimal::ZERO } else { *left },
                    expires: gone && !left.is_zero(),
                    validity_days: quota.validity_days,
                    claim_by: quota.claim_by.clone(),
                })
            })
            .collect()
    }
}

impl LinePricer<'_, '_> {
    /// Draws up to `wanted` from the line's free quota and records the drawdown.
    pub(super) fn draw_free(&mut self, wanted: Decimal) -> Result<Decimal, QuoteError> {
        let Some(qi) = self.model.quota else { return Ok(Decimal::ZERO) };
        let card = self.card;
        let quota = &card.free_quotas[qi];
        if self.line.free_trial == Some(false) {
            self.flag(Note::FreeOff);
            return Ok(Decimal::ZERO);
        }
        let stated = self.value(Field::FreeRemaining, self.line.free_remaining, limit::BALANCE, false)?;
        let key = QuotaKey {
            card: self.card_index,
            quota: qi,
            model: (quota.scope == QuotaScope::EachModel).then_some(self.model_index),
            line: self.model.generic.then_some(self.index),
        };
        // A campaign quota cannot be claimed in a quote that starts after its last claim date.
        if let (Some(date), Some(start)) = (&quota.claim_by, self.start)
            && crate::rating::month::YearMonth::of_date(date).is_some_and(|last| last < start)
        {
            self.flag(Note::ClaimClosed { quota: name(quota), date: date.clone() });
            return Ok(Decimal::ZERO);
        }
        let expired = quota.validity_days.is_some_and(|days| expired(self.ledger.month, days));
        let slot = match self.ledger.free.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                let start = match (stated, quota.amount) {
                    (Some(s), _) => s,
                    (None, Some(a)) => Decimal::from(a),
                    (None, None) => {
                        self.flag(Note::FreeUnpublished { quota: name(quota) });
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
            self.flag(Note::ClaimBy { quota: name(quota), date: date.clone() });
        }
        if quota.amount.is_none() && stated.is_none() && available.is_zero() {
            return Ok(Decimal::ZERO);
        }
        self.free = Some(Box::new(Drawdown {
            source: quota.id.clone(),
            name: DrawdownName::Quota(name(quota)),
            unit: match quota.unit {
                QuotaUnit::Tokens => Unit::Tokens,
                QuotaUnit::Images => Unit::Images,
                QuotaUnit::Credits => Unit::Credits,
                QuotaUnit::Calls => Unit::Calls,
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
    pub(super) fn draw_prepaid(&mut self, wanted: Decimal, bought: Decimal) -> Result<Decimal, QuoteError> {
        if self.model.packages.is_empty() {
            return Ok(Decimal::ZERO);
        }
        let stated = self.value(Field::PrepaidRemaining, self.line.prepaid_remaining, limit::BALANCE, false)?;
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
        // Packages are valid for a stated number of days from their purchase in month 1; a balance
        // left after that expires, as an unused free quota does.
        let validity_days = self.model.packages.first().and_then(|&pi| self.card.packages[pi].validity_days);
        if validity_days.is_some_and(|days| expired(self.ledger.month, days)) {
            self.ledger.prepaid[slot].1 = Decimal::ZERO;
        }
        let available = num::add(self.ledger.prepaid[slot].1, bought).map_err(self.over("packages"))?;
        let used = num::min(available, wanted);
        self.ledger.prepaid[slot].1 = available - used;
        if available > Decimal::ZERO || stated.is_some() {
            self.prepaid = Some(Box::new(Drawdown {
                source: "prepaid".into(),
                name: DrawdownName::Prepaid,
                unit: Unit::Units,
                available,
                used,
                remaining: available - used,
                stated: stated.is_some(),
                validity_days,
                claim_by: None,
            }));
        }
        Ok(used)
    }
}

/// A quota's name in both languages.
fn name(quota: &FreeQuota) -> CardName {
    CardName { en: quota.name.clone(), zh: quota.name_zh.clone() }
}

/// Decimal places of a token kept when free tokens are spread over components.
const FREE_SHARE_DP: u32 = 6;

/// Spreads `free` tokens over the components in proportion to their quantities: each component's
/// free part is `quantity x free / total`, rounded (half away from zero) to a millionth of a token,
/// and the last non-empty component takes what is left, so the parts add up to `free` exactly and
/// every later amount is an exact decimal.
pub(super) fn spread(comps: &mut [Component], free: Decimal, total: Decimal) -> Result<(), Overflow> {
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
